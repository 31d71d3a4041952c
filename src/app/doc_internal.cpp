// The internal report: the full case file for the registry. (Placeholder until the document
// rendering work lands.)
#include "app/documents.hpp"

namespace skydda::app {

Result<doc::Document> build_internal_report(storage::Connection&, const DocumentSource&) {
    return fail(Error{ErrorCode::unavailable, "the internal report is not available yet", {}});
}

} // namespace skydda::app
