// What cairo 1.16 cannot write into a PDF's document catalog: the document's language (/Lang,
// which screen readers use to pick the voice) and /ViewerPreferences /DisplayDocTitle (the
// window shows the title, not the file name; PDF/UA asks for both). They are added with an
// incremental update (PDF 32000-1 §7.5.6): a new revision of the catalog object, an xref
// section for it and a trailer pointing back to cairo's, appended after cairo's %%EOF, so
// cairo's bytes and offsets stay as they are.
#pragma once
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace skydda::doc::pdf {

// `language` is a BCP 47 tag ("sv", "en"). A catalog that already has /Lang is left alone.
Result<std::string> add_catalog_language(std::string pdf, std::string_view language);

} // namespace skydda::doc::pdf
