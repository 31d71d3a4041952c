// The case register's free text search (case_search.hpp).
#include "storage/cases/case_search.hpp"

#include <libstemmer.h>

#include <memory>

#include "storage/repositories.hpp"

namespace skydda::storage {
namespace {

constexpr size_t k_word_max = 64;
// The text of one case in the index: enough for every description and many notes; tsvector
// has a limit of 1 MB.
constexpr size_t k_text_max = 256 * 1024;
constexpr size_t k_query_words = 20; // more words in a query are not used

bool is_ascii_alnum(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The length of the UTF-8 sequence that begins with `lead` (1 for a stray continuation byte).
size_t sequence_length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

// U+0080–U+00BF (no-break space, «, », §, °, ...) and General Punctuation (U+2000–U+206F:
// dashes, quotes, ellipsis) separate words like ASCII punctuation does.
bool is_separator(std::string_view sequence) {
    auto b0 = static_cast<unsigned char>(sequence[0]);
    if (b0 == 0xC2) return true;
    if (b0 == 0xC3 && sequence.size() == 2) {
        auto b1 = static_cast<unsigned char>(sequence[1]);
        return b1 == 0x97 || b1 == 0xB7; // × ÷
    }
    if (b0 == 0xE2 && sequence.size() == 3) {
        auto b1 = static_cast<unsigned char>(sequence[1]);
        return b1 == 0x80 || b1 == 0x81;
    }
    return false;
}

struct StemmerDeleter {
    void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

} // namespace

std::vector<std::string> search_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    auto finish = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    for (size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (is_ascii_alnum(c)) {
                if (word.size() < k_word_max) word += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            } else {
                finish();
            }
            ++i;
            continue;
        }
        size_t length = std::min(sequence_length(c), text.size() - i);
        std::string sequence(text.substr(i, length));
        i += length;
        if (is_separator(sequence)) {
            finish();
            continue;
        }
        // Latin-1 capitals (Å Ä Ö É Ü ...: U+00C0–U+00DE) to their small letters.
        if (sequence.size() == 2 && static_cast<unsigned char>(sequence[0]) == 0xC3) {
            auto b1 = static_cast<unsigned char>(sequence[1]);
            if (b1 >= 0x80 && b1 <= 0x9E) sequence[1] = static_cast<char>(b1 + 0x20);
        }
        if (word.size() + sequence.size() <= k_word_max) word += sequence;
    }
    finish();
    return words;
}

std::string swedish_stem(std::string_view word) {
    // One stemmer per thread: a Snowball stemmer keeps state between calls.
    thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(sb_stemmer_new("swedish", "UTF_8"));
    if (!stemmer || word.empty()) return std::string(word);
    const sb_symbol* stemmed =
        sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    if (!stemmed) return std::string(word);
    return std::string(reinterpret_cast<const char*>(stemmed), static_cast<size_t>(sb_stemmer_length(stemmer.get())));
}

Status index_case_text(Connection& db, std::string_view incident_id, std::string_view text) {
    if (text.size() > k_text_max) {
        text = text.substr(0, k_text_max);
        while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.remove_suffix(1);
        if (!text.empty() && static_cast<unsigned char>(text.back()) >= 0xC0) text.remove_suffix(1);
    }
    // The words as this file splits them, so that a query's words meet the same tokens on both
    // backends (PostgreSQL's own parser reads "2026/0012" as one path-like token). Each word is
    // indexed as written and as its stem: stems alone are too coarse ("dator" stems to "dat",
    // "datorer" to "dator"), so a query word matches a stem exactly or a written word by prefix.
    const auto words = search_words(text);
    if (db.dialect() == "postgresql") {
        std::string joined;
        for (const auto& word : words) joined += (joined.empty() ? "" : " ") + word;
        TRY(db.execute("INSERT INTO incident_search_docs (incident_id, words) VALUES (?, to_tsvector('swedish', ?) || "
                       "to_tsvector('simple', ?)) ON CONFLICT (incident_id) DO UPDATE SET words = EXCLUDED.words",
                       {std::string(incident_id), joined, joined}));
        return {};
    }
    std::string stems;
    for (const auto& word : words) {
        if (!stems.empty()) stems += ' ';
        stems += word;
        if (auto stem = swedish_stem(word); stem != word) stems += ' ' + stem;
    }
    TRY(db.execute("INSERT INTO incident_search_docs (incident_id) VALUES (?) ON CONFLICT (incident_id) DO NOTHING",
                   {std::string(incident_id)}));
    auto rows = TRY(db.query("SELECT doc FROM incident_search_docs WHERE incident_id = ?", {std::string(incident_id)}));
    int64_t doc = rows.at(0).integer(0);
    TRY(db.execute("DELETE FROM incident_search WHERE rowid = ?", {doc}));
    TRY(db.execute("INSERT INTO incident_search (rowid, words) VALUES (?, ?)", {doc, std::move(stems)}));
    return {};
}

Status index_case(Connection& db, const domain::Incident& incident) {
    std::string text = incident.case_number + "\n" + incident.facts.title + "\n" + incident.facts.description;
    for (const auto& note : TRY(list_notes(db, incident.id))) text += "\n" + note.body;
    return index_case_text(db, incident.id, text);
}

std::optional<SearchCondition> search_condition(std::string_view dialect, std::string_view query) {
    auto words = search_words(query);
    if (words.empty()) return std::nullopt;
    if (words.size() > k_query_words) words.resize(k_query_words);
    // Words are letters and digits only, so nothing in them is query syntax on either backend.
    if (dialect == "postgresql") {
        SearchCondition condition;
        std::string match;
        for (const auto& word : words) {
            match += match.empty() ? "" : " && ";
            match += "(to_tsquery('swedish', ?) || to_tsquery('simple', ?))";
            condition.params.emplace_back(word);
            condition.params.emplace_back(word + ":*");
        }
        condition.sql = "i.id IN (SELECT incident_id FROM incident_search_docs WHERE words @@ (" + match + "))";
        return condition;
    }
    std::string match;
    for (const auto& word : words)
        match += (match.empty() ? "(\"" : " AND (\"") + swedish_stem(word) + "\" OR \"" + word + "\"*)";
    return SearchCondition{"i.id IN (SELECT d.incident_id FROM incident_search s JOIN incident_search_docs d ON "
                           "d.doc = s.rowid WHERE incident_search MATCH ?)",
                           {std::move(match)}};
}

bool is_search_index_table(std::string_view table) { return table.starts_with("incident_search"); }

} // namespace skydda::storage
