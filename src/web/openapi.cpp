// The OpenAPI 3.1 document, embedded at build time from docs/openapi.json (see CMake).
#include <string_view>

namespace skydda::web {
namespace {
#include "openapi_json.inc"
} // namespace
std::string_view openapi_document() { return k_openapi_json; }
} // namespace skydda::web
