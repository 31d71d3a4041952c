// web/scans/: the scans of the leaked data stored on a case, as the case page shows them.
#pragma once

#include "web/pages.hpp"

namespace skydda::web::pages {
// The scans section of the case page (pages_scans.cpp).
html::Html scans_section(const Context& context, const app::CaseFile& file);
} // namespace skydda::web::pages
