// The notification to IMY and its supplements. (Placeholder until the notification work lands.)
#include "app/documents.hpp"

namespace skydda::app {

Result<doc::Document> build_imy_notification(storage::Connection&, const DocumentSource&) {
    return fail(Error{ErrorCode::unavailable, "the IMY notification document is not available yet", {}});
}
Result<doc::Document> build_imy_supplement(storage::Connection&, const DocumentSource&) {
    return fail(Error{ErrorCode::unavailable, "the IMY supplement document is not available yet", {}});
}

} // namespace skydda::app
