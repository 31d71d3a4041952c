// The letter to the data subjects. (Placeholder until the letters work lands.)
#include "app/documents.hpp"

namespace skydda::app {

Result<doc::Document> build_subject_letter(storage::Connection&, const DocumentSource&) {
    return fail(Error{ErrorCode::unavailable, "the letter to the data subjects is not available yet", {}});
}

} // namespace skydda::app
