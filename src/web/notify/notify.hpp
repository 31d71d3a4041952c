// web/notify/: the notification to IMY and its supplements: the case section, its pages, its API.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_notification_api(Site& site);   // api_notifications.cpp
void register_notification_pages(Site& site); // pages_notifications.cpp
} // namespace skydda::web

namespace skydda::web::pages {
// The case page's section (pages_notifications.cpp): the 72-hour status, what is missing, the
// personal data warnings and what was sent; "" when the actor may not notify.
html::Html notification_section(Context& context, const app::CaseFile& file);
} // namespace skydda::web::pages
