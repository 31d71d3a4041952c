// The processor's notice to a controller. (Placeholder until the processor work lands.)
#include "app/documents.hpp"

namespace skydda::app {

Result<doc::Document> build_processor_notice(storage::Connection&, const DocumentSource&) {
    return fail(Error{ErrorCode::unavailable, "the processor notice is not available yet", {}});
}

} // namespace skydda::app
