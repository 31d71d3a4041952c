// PDF text through poppler-cpp, page by page. Password-protected PDFs are reported as
// encrypted; PDFs without a text layer (scans) as unsupported, since no OCR is done.
#pragma once
#include <string>
#include <string_view>

#include "scan/extract_internal.hpp"

namespace skydda::scan::detail {

void extract_pdf(Context& context, const std::string& path, std::string_view bytes);

} // namespace skydda::scan::detail
