// Message catalogues: every text people see, in Swedish (first) and English. Entries live in
// tables (messages_*.cpp), one row per key with both languages side by side, so a missing
// translation shows in review and in tests/web/test_i18n.cpp.
#pragma once
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace skydda::web {

enum class Lang { sv, en };

struct Message {
    std::string_view key;
    std::string_view sv;
    std::string_view en;
};

// Each catalogue file defines one of these; i18n.cpp joins them.
// The labels of codes, statuses and the report's questions are shared with the documents and
// live in app/documents/doc_labels.cpp; the catalogue includes them.
std::span<const Message> core_messages();  // layout, errors, the rest of the labels (messages_core.cpp)
std::span<const Message> home_messages();  // the start page and sign-in (home/messages_home.cpp)
std::span<const Message> about_messages(); // /privacy and /accessibility (home/messages_about.cpp)
std::span<const Message> report_messages(); // the report form, check, receipt, question list (report/messages_report.cpp)
std::span<const Message> cases_messages(); // the case lists, the clock, the case file (cases/messages_cases.cpp)
std::span<const Message> statistics_messages(); // the statistics page (cases/messages_statistics.cpp)
std::span<const Message> assessment_messages(); // the assessment page (messages_assessment.cpp)
std::span<const Message> notification_messages(); // the IMY notification pages (messages_notifications.cpp)
std::span<const Message> document_messages();   // document download links (messages_documents.cpp)
std::span<const Message> mail_messages(); // the outbox page and the case's e-mail (messages_mail.cpp)
std::span<const Message> processor_messages();  // processor duties (messages_processor.cpp)
std::span<const Message> letters_messages();    // letters to the data subjects (messages_letters.cpp)
std::span<const Message> account_messages();    // the account page (messages_account.cpp)
std::span<const Message> duties_messages();     // the duties of a case, the case overview (messages_duties.cpp)
std::span<const Message> form_messages();       // the report form's times, unit chooser and plain words (messages_form.cpp)
std::span<const Message> finish_messages();     // footer, error pages and their next steps, deadline bases (messages_finish.cpp)
std::span<const Message> logg_messages();       // the case's log and the confirmation after an action (messages_logg.cpp)

// The text for `key`; a missing key returns the key itself so it is visible, not blank.
std::string_view t(Lang lang, std::string_view key);
// Label of a contract code, e.g. label(lang, "what_happened", "loss").
std::string_view label(Lang lang, std::string_view list, std::string_view code);
bool has_message(std::string_view key);
// A whole number as people read it: "1 234" in Swedish (a no-break space between the groups of
// three), "1,234" in English.
std::string number_text(Lang lang, long long value);
// The message `key` with {count} filled in, in the singular (the key + "_one", when there is
// one) for 1: "1 uppgift saknas", "2 uppgifter saknas".
// `more` fills further placeholders ({post}, {email}...) with numbers in the same format.
std::string count_text(Lang lang, std::string_view key, long long count,
                       std::initializer_list<std::pair<const char*, long long>> more = {});
std::string_view lang_code(Lang lang);

} // namespace skydda::web
