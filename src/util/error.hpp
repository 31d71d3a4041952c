// Errors as values: a small closed set of codes that every boundary maps the same way
// (HTTP status, CLI exit code). Exceptions are for bugs only.
#pragma once
#include <expected>
#include <string>
#include <string_view>
#include <utility>

namespace skydda {

enum class ErrorCode {
    invalid_argument,    // 400 / exit 2: the caller sent something wrong; `field` names it
    unauthenticated,     // 401
    permission_denied,   // 403
    not_found,           // 404 (also for what exists but the caller may not see)
    conflict,            // 409: state does not allow it (workflow, duplicates)
    failed_precondition, // 412: stale version (If-Match)
    too_many_requests,   // 429: throttled
    unavailable,         // 503
    internal,            // 500
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string field; // the input field at fault, when there is one

    static Error invalid(std::string field, std::string message) {
        return {ErrorCode::invalid_argument, std::move(message), std::move(field)};
    }
    static Error not_found(std::string message = "not found") {
        return {ErrorCode::not_found, std::move(message), {}};
    }
    static Error denied(std::string message = "not allowed for your role") {
        return {ErrorCode::permission_denied, std::move(message), {}};
    }
    static Error conflict(std::string message) { return {ErrorCode::conflict, std::move(message), {}}; }
    static Error internal(std::string message) { return {ErrorCode::internal, std::move(message), {}}; }
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error error) { return std::unexpected<Error>(std::move(error)); }

std::string_view error_code_name(ErrorCode code);
int http_status_for(ErrorCode code);

} // namespace skydda

#define SKYDDA_CONCAT_INNER(a, b) a##b
#define SKYDDA_CONCAT(a, b) SKYDDA_CONCAT_INNER(a, b)

// TRY(expr): evaluate a Result; on error return it from the enclosing function, else yield the value.
#define TRY(expr) SKYDDA_TRY_IMPL(expr, SKYDDA_CONCAT(try_result_, __COUNTER__))
#define SKYDDA_TRY_IMPL(expr, name)                                                                \
    __extension__({                                                                                \
        auto&& name = (expr);                                                                      \
        if (!name) return std::unexpected(std::move(name).error());                                \
        std::move(name).value();                                                                   \
    })
// TRY_STATUS(expr): the same for Result<void>.
#define TRY_STATUS(expr) SKYDDA_TRY_STATUS_IMPL(expr, SKYDDA_CONCAT(try_status_, __COUNTER__))
#define SKYDDA_TRY_STATUS_IMPL(expr, name)                                                         \
    do {                                                                                           \
        auto&& name = (expr);                                                                      \
        if (!name) return std::unexpected(std::move(name).error());                                \
    } while (false)
