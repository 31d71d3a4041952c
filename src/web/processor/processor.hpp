// web/processor/: a processor's customer register and notices to the controllers (pages, API, case section).
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_processor_pages(Site& site); // pages_processor*.cpp
void register_processor_api(Site& site);   // api_processor.cpp
} // namespace skydda::web

namespace skydda::web::pages {
// The case file's section of notices to the controllers; "" unless the organisation has
// customers (pages_processor_notices.cpp).
html::Html processor_section(Context& context, const app::CaseFile& file, const CaseFormState& state);
// Links to the customer registers the actor manages, as <li> items for the home page's list.
html::Html processor_home_links(Context& context);
} // namespace skydda::web::pages
