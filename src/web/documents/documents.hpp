// web/documents/: the case's documents over HTTP: the API's and the browser's downloads.
#pragma once

#include "web/pages.hpp"

namespace skydda::web {
void register_documents_api(Site& site);   // api_documents.cpp
void register_documents_pages(Site& site); // pages_documents.cpp
} // namespace skydda::web
