// The scan reports' texts in Swedish and English (a message catalogue, as the web layer's).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace skydda::scan {

enum class Message {
    title, scanned, file_one, file_many, thread_one, thread_many, findings, category, matches, distinct, files, subjects, subjects_basis, subjects_none,
    data_codes, data_none, unreadable, reason, detail, path, examples, example, line, per_file, format, bytes,
    nothing_found, next_steps, next_attach, next_assess, next_unreadable, stats, phase, seconds, generated,
    per_file_truncated, totals, masked_note, reason_encrypted, reason_corrupt, reason_too_deep, reason_too_large,
    reason_expansion_ratio, reason_unsupported, reason_io_error,
};

std::string_view message(Message key, std::string_view language);
// "1 fil", "3 filer": a count with the word in the right number.
std::string counted(uint64_t count, Message one, Message many, std::string_view language);
std::string_view reason_text(std::string_view code, std::string_view language);

} // namespace skydda::scan
