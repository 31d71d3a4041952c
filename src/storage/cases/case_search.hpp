// The case register's free text search: the words of a case (title, description, notes, case
// number) in an index per backend, and a person's query turned into that backend's match.
// SQLite: an FTS5 table of Swedish stems (Snowball, libstemmer); PostgreSQL: a tsvector with
// the 'swedish' configuration, which uses the same stemmer. Each word is indexed as written and
// as its stem; a query word matches a word with the same stem, or a written word it begins
// ("datorer" finds "dator" and "datorerna", "forum" finds "forumet"); all words must match
// (at most 20 are used).
// The index is derived data (never in a backup): migrate rebuilds what is missing.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/incident.hpp"
#include "storage/database.hpp"

namespace skydda::storage {

// The words of `text`: runs of letters and digits (every non-ASCII UTF-8 character counts as
// a letter), lowercased (ASCII and Å Ä Ö É Ü). Words longer than 64 bytes are cut.
std::vector<std::string> search_words(std::string_view text);
// The Swedish stem of a lowercase word.
std::string swedish_stem(std::string_view word);

// Rewrites the case's entry in the index from its searchable text.
Status index_case_text(Connection& db, std::string_view incident_id, std::string_view text);
// The same from the case: its case number, title, description and notes. The repository
// functions that change one of them call it in their transaction (insert_incident,
// update_incident, insert_note), and migrate for cases without an entry.
Status index_case(Connection& db, const domain::Incident& incident);

// A condition on `incidents i` that holds for the cases matching `query`, with its parameters;
// nullopt when the query has no words (then nothing is filtered).
struct SearchCondition {
    std::string sql;
    std::vector<Value> params;
};
std::optional<SearchCondition> search_condition(std::string_view dialect, std::string_view query);

// The tables of the index, which backups leave out (storage/backup.cpp).
bool is_search_index_table(std::string_view table);

} // namespace skydda::storage
