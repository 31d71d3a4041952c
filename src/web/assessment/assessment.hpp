// web/assessment/: the risk assessment of a case: its page (recommendation, decision, history) and its API.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_assessment_api(Site& site);   // api_assessment.cpp
void register_assessment_pages(Site& site); // pages_assessment.cpp
} // namespace skydda::web
