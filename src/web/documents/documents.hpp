// web/documents/: the case's documents over HTTP (the API's and the browser's downloads) and the
// DPO's annual report with the page where the DPO writes its text.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_documents_api(Site& site);   // api_documents.cpp
void register_documents_pages(Site& site); // pages_documents.cpp
void register_annual_report_api(Site& site);   // api_annual_report.cpp: /api/v1/reports/annual
void register_annual_report_pages(Site& site); // pages_annual_report.cpp: /statistics/annual
} // namespace skydda::web
