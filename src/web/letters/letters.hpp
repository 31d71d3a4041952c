// web/letters/: communication to the data subjects (art. 34): case section, letter pages, API.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_letters_pages(Site& site); // pages_letters.cpp, pages_letter_edit.cpp
void register_letters_api(Site& site);   // api_letters.cpp
} // namespace skydda::web

namespace skydda::web::pages {
// The case page's section (pages_letters.cpp): "" when the actor may not see it.
html::Html letters_section(Context& context, const app::CaseFile& file);
} // namespace skydda::web::pages
