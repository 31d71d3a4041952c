// web/home/: the start page, sign-in and sign-out, language, privacy notice, accessibility statement.
#pragma once

#include "web/pages.hpp"

namespace skydda::web::pages {
void register_home(Site& site);  // pages_home.cpp: /, /login, /logout, /lang
void register_about(Site& site); // pages_about.cpp: /privacy and /accessibility
} // namespace skydda::web::pages
