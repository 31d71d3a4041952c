// Office documents: Office Open XML (.docx, .xlsx, .pptx) and OpenDocument (.odt, .ods),
// read as zip archives; the parts holding text are stripped of their markup. Spreadsheet
// sheets become tab-separated text with CSV hints. Encrypted documents (OLE-wrapped OOXML,
// ODF with encryption data) are reported as such.
#pragma once
#include <string>
#include <string_view>

#include "scan/extract_internal.hpp"

namespace skydda::scan::detail {

void extract_office(Context& context, const std::string& path, std::string_view bytes, Format format, int depth);

// An OLE compound file ("D0 CF 11 E0 ..."): the container of legacy .doc/.xls/.ppt and .msg
// files, and of password-protected OOXML documents.
bool is_ole(std::string_view bytes);
// An OLE file holding an "EncryptedPackage" stream: an encrypted .docx/.xlsx/.pptx.
bool is_encrypted_ooxml(std::string_view bytes);

} // namespace skydda::scan::detail
