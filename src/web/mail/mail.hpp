// web/mail/: the outbox (its page for the DPO and its API) and the case page's "E-post om ärendet".
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_outbox_pages(Site& site); // pages_outbox.cpp
void register_outbox_api(Site& site);   // api_outbox.cpp
} // namespace skydda::web

namespace skydda::web::pages {
// "E-post om ärendet": the case's e-mail and its delivery status (pages_outbox.cpp); "" when
// the actor may not see it.
html::Html case_mail_section(const Context& context, const app::CaseFile& file);
} // namespace skydda::web::pages
