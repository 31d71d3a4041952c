#include "util/error.hpp"

namespace skydda {

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::permission_denied: return "permission_denied";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::failed_precondition: return "failed_precondition";
    case ErrorCode::too_many_requests: return "too_many_requests";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
    }
    return "internal";
}

int http_status_for(ErrorCode code) {
    switch (code) {
    case ErrorCode::invalid_argument: return 400;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::permission_denied: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::failed_precondition: return 412;
    case ErrorCode::too_many_requests: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
    }
    return 500;
}

} // namespace skydda
