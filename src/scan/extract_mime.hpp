// E-mail: single messages (.eml, RFC 5322 + MIME) and mbox mailboxes. Headers that name or
// address people are kept (RFC 2047 encoded-words decoded), bodies are decoded (base64,
// quoted-printable, charset) and attachments are extracted by their own format as
// "mail.eml!bilaga.docx"; an mbox's messages are "box.mbox!message-N".
#pragma once
#include <string>
#include <string_view>

#include "scan/extract_internal.hpp"

namespace skydda::scan::detail {

void extract_email(Context& context, const std::string& path, std::string_view bytes, int depth);
void extract_mbox(Context& context, const std::string& path, std::string_view bytes, int depth);

// A header value with its RFC 2047 encoded-words ("=?utf-8?Q?=C3=A5?=") decoded to UTF-8.
std::string decode_header_value(std::string_view value);
// Whether `head` starts like an RFC 5322 message (a header block with known fields).
bool looks_like_email(std::string_view head);
// Whether `head` starts like an mbox ("From " line followed by a header).
bool looks_like_mbox(std::string_view head);

} // namespace skydda::scan::detail
