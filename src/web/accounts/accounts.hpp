// web/accounts/: the person's own account (password, API tokens) and the organisation's logo.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_logo_pages(Site& site); // pages_logo.cpp
// The organisation's logo route, which a member's browser may cache (privately, by its ETag).
bool is_logo_path(std::string_view path);
inline constexpr std::string_view k_logo_cache_control = "private, max-age=86400";
} // namespace skydda::web

namespace skydda::web::pages {
void register_account(Site& site); // pages_account.cpp: /account
} // namespace skydda::web::pages
