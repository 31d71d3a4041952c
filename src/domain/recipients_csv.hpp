// The list of people to inform, as a CSV file: read and checked as a whole, every problem
// reported with its line number, so that a list is imported completely or not at all.
//
// Format: UTF-8 (a byte order mark is allowed), comma or semicolon separated (the header line
// decides), RFC 4180 quoting. A header line is required; columns, in any order and case:
//   name (or namn)            required
//   address (or adress)       the postal address; its lines separated by line breaks inside
//                             a quoted field
//   email (or e-post, epost)  the e-mail address
//   language (or språk)       "sv" or "en"; empty means "sv"
// Each person needs a postal address or an e-mail address (or both).
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skydda::domain {

struct RecipientRow {
    int line = 0; // where the row starts in the file (1 is the header)
    std::string name;
    std::string address; // lines separated by "\n"
    std::string email;
    std::string language = "sv";
};

struct CsvLineError {
    int line = 0; // 0: the file as a whole
    std::string field; // "name", "address", "email", "language", "csv"
    std::string message; // English, for the API
    std::string code;    // stable, for translated messages: "email_invalid", "duplicate_email", ...
    int other_line = 0;  // duplicates: the line repeated (0: a person already on the list)
};

struct RecipientsCsv {
    std::vector<RecipientRow> rows;
    std::vector<CsvLineError> errors; // in line order; rows are only usable when empty
};

inline constexpr size_t k_recipients_max = 100'000; // rows per case
inline constexpr size_t k_recipient_name_max = 200;
inline constexpr size_t k_recipient_address_max = 500;
inline constexpr size_t k_recipient_address_lines_max = 6;
inline constexpr size_t k_recipient_email_max = 254;

// Parses and checks `text`. `existing` are the case's recipients already stored: a row that
// repeats one of them (same e-mail, or same name and address) is an error too. `room` is how
// many rows may still be added (k_recipients_max minus those stored).
RecipientsCsv parse_recipients_csv(std::string_view text, std::span<const RecipientRow> existing = {},
                                   size_t room = k_recipients_max);

} // namespace skydda::domain
