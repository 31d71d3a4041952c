// web/register/: the register of processing activities over HTTP (GDPR art. 30): a group's
// suppliers and systems, an organisation's processing activities, a supplier's exposure.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_processing_register_api(Site& site); // api_register.cpp
}
