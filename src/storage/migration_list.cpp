// Migrations 8 onwards (processor duties, letters, ...) and the whole list in order; 1 to 7, the
// case file's first schema, are in migration_first.cpp.
#include "storage/migration_list.hpp"

#include <vector>

#include "storage/audit_log.hpp"

namespace skydda::storage {
namespace {

// The free text index of migration 16: SQLite's FTS5 over Swedish stems, with a table that
// gives each case a stable document number (a rowid of `incidents` may change on VACUUM);
// PostgreSQL's tsvector under a GIN index. Derived data, filled by migrate.
Status search_tables(Connection& db) {
    if (db.dialect() == "postgresql")
        return db.execute_script(R"sql(
CREATE TABLE incident_search_docs (
  incident_id TEXT PRIMARY KEY REFERENCES incidents(id),
  words tsvector NOT NULL
);
CREATE INDEX incident_search_words ON incident_search_docs USING GIN (words);
)sql");
    return db.execute_script(R"sql(
CREATE TABLE incident_search_docs (
  doc INTEGER PRIMARY KEY,
  incident_id TEXT NOT NULL UNIQUE REFERENCES incidents(id)
);
CREATE VIRTUAL TABLE incident_search USING fts5(words, tokenize = 'unicode61 remove_diacritics 0');
)sql");
}

Status rechain_audit(Connection& connection) {
    TRY(rechain_legacy_audit(connection));
    return {};
}

const Migration k_later[] = {
    // --- processor duties (issue 4): the controllers a processor serves, and its notices ---
    {8, "processor customers and the notices to them", R"sql(
CREATE TABLE processor_customers (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  orgnr TEXT NOT NULL,
  emails TEXT NOT NULL,
  contact_name TEXT,
  notice_hours INTEGER,
  agreement_reference TEXT,
  language TEXT NOT NULL DEFAULT 'sv',
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (org_id, orgnr)
);
CREATE TABLE processor_notices (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  customer_id TEXT NOT NULL REFERENCES processor_customers(id),
  selected_by TEXT REFERENCES users(id),
  selected_at TEXT NOT NULL,
  deadline_at TEXT,
  status TEXT NOT NULL,
  sent_at TEXT,
  sent_by TEXT REFERENCES users(id),
  sent_via TEXT,
  acknowledged_at TEXT,
  acknowledged_by_name TEXT,
  acknowledged_recorded_by TEXT REFERENCES users(id),
  subjects_count INTEGER,
  records INTEGER,
  UNIQUE (incident_id, customer_id)
);
CREATE INDEX processor_notices_by_incident ON processor_notices(incident_id, status);
CREATE TABLE processor_notice_questions (
  id TEXT PRIMARY KEY,
  notice_id TEXT NOT NULL REFERENCES processor_notices(id),
  asked_at TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT,
  answered_at TEXT,
  recorded_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX processor_notice_questions_by_notice ON processor_notice_questions(notice_id);
)sql"},
    // Migration 9: letters to the data subjects (templates, the case's letter, recipients,
    // art. 34(3) exemptions). Owned by the letters work (app/letters*.cpp).
    {9, "letters to the data subjects", R"sql(
CREATE TABLE letter_templates (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  language TEXT NOT NULL,
  parts_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, language)
);
CREATE TABLE subject_letters (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  language TEXT NOT NULL,
  parts_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  finalised_by TEXT REFERENCES users(id),
  finalised_at TEXT,
  document_json TEXT,
  PRIMARY KEY (incident_id, language)
);
CREATE TABLE letter_recipients (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  address TEXT,
  email TEXT,
  language TEXT NOT NULL,
  informed_how TEXT,
  informed_at TEXT,
  informed_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX letter_recipients_by_incident ON letter_recipients(incident_id, seq);
CREATE TABLE letter_exemptions (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  ground TEXT NOT NULL,
  reason TEXT NOT NULL,
  public_text TEXT,
  public_where TEXT,
  published_at TEXT,
  recorded_by TEXT REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX letter_exemptions_by_incident ON letter_exemptions(incident_id, recorded_at);
)sql"},
    // Migration 10: the keyed audit chain (storage/audit_log.hpp). From here on `prev_hash` and
    // `hash` hold keyed MACs; payload_hash is the keyed hash of the erasable payload; erased_at
    // and erasure_mac mark a payload erased with the key. The existing entries' unkeyed chain is
    // verified and re-chained with the key in the same transaction.
    {10, "keyed audit chain with payload hashes", R"sql(
ALTER TABLE audit_log ADD COLUMN payload_hash TEXT;
ALTER TABLE audit_log ADD COLUMN erased_at TEXT;
ALTER TABLE audit_log ADD COLUMN erasure_mac TEXT;
CREATE INDEX audit_log_by_action ON audit_log(action);
)sql", rechain_audit},
    // Migration 11: accounts and sessions (issue 11). Sessions get an idle clock (last_seen_at);
    // the sessions open before it are ended (they have no idle clock): everyone signs in again.
    // API tokens get an expiry; a token from before it (expires_at NULL) expires token_days
    // after its created_at, computed by the app (app/accounts/accounts.cpp). login_failures gets the
    // client address beside the subject so that a failure counts per account, per address and
    // per (account, address) pair.
    {11, "accounts: session idle time, token expiry, sign-in failures per address", R"sql(
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN last_seen_at TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
CREATE INDEX api_tokens_by_user ON api_tokens(user_id);
CREATE INDEX sessions_by_user ON sessions(user_id);
DELETE FROM login_failures;
ALTER TABLE login_failures ADD COLUMN client TEXT;
CREATE INDEX login_failures_by_client ON login_failures(client, at);
)sql"},
    // Encryption at rest (storage/data_keys.hpp): one data key per organisation, stored wrapped
    // by the master key kept outside the database; each encrypted row names the data key that
    // sealed it (NULL: written before this migration, encrypted by the pass that follows it).
    {12, "encryption at rest: wrapped data keys", R"sql(
CREATE TABLE data_keys (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  wrapped {blob} NOT NULL,
  master_fingerprint TEXT NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX data_keys_by_org ON data_keys(org_id, retired);
ALTER TABLE attachments ADD COLUMN data_key_id TEXT;
ALTER TABLE scan_summaries ADD COLUMN data_key_id TEXT;
ALTER TABLE letter_recipients ADD COLUMN data_key_id TEXT;
CREATE INDEX attachments_by_data_key ON attachments(data_key_id);
CREATE INDEX scan_summaries_by_data_key ON scan_summaries(data_key_id);
CREATE INDEX letter_recipients_by_data_key ON letter_recipients(data_key_id);
)sql"},
    // Migration 13: the text of the processor's notice written for the controllers (issue 11):
    // the notice no longer carries the case's internal description, consequences and measures.
    // One row per case, written when the handler first saves it; a case without one has the
    // notice's text parts empty (existing cases included: nothing to copy).
    {13, "the processor notice's text for the controllers", R"sql(
CREATE TABLE processor_notice_texts (
  incident_id TEXT PRIMARY KEY REFERENCES incidents(id),
  description TEXT NOT NULL,
  consequences TEXT NOT NULL,
  measures TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL
);
)sql"},
    // Migration 14: the urgency order of the case lists, stored (issue 14's defect, on issue
    // 12's duties): the most urgent open duty's rank (0: with a due time, 1: without, 2: none
    // open), its due time and whether a decision requires it, kept by every change of a case in
    // the same transaction (storage/cases/duty_repository.hpp), so a list ranks every matching case,
    // not a window of recent ones. NULL: not computed yet; migrate fills it.
    {14, "the stored urgency order of cases", R"sql(
ALTER TABLE incidents ADD COLUMN due_rank INTEGER;
ALTER TABLE incidents ADD COLUMN due_at TEXT;
ALTER TABLE incidents ADD COLUMN due_decided INTEGER;
CREATE INDEX incidents_by_urgency ON incidents(due_rank, due_at);
)sql"},
    // Migration 15: the organisation's logo (issue 12), shown in the page header and on the
    // documents. Its own table, so that reading an organisation does not read the image; the
    // image was checked (doc/logo.hpp) before it was stored. `digest` (BLAKE2b of the bytes)
    // versions the logo's URL and is its ETag.
    {15, "the organisation's logo", R"sql(
CREATE TABLE organisation_logos (
  org_id TEXT PRIMARY KEY REFERENCES organisations(id),
  content_type TEXT NOT NULL,
  data {blob} NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  digest TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql"},
    // Migration 16: the case register's filters and search (issue 14). What the lists filter
    // on, kept beside the urgency order by every change of a case: the unit, IMY's
    // what-happened, cause and discovery codes, the latest decision's risk and time, when IMY
    // was notified and when the people were told, the instant the 72 hours run from (given,
    // discovered or reported: domain::awareness_of); the statistics read these. A person's
    // saved views of the list are theirs alone (saved_views). The
    // free text index is per backend (search_tables below, storage/cases/case_search.hpp).
    {16, "the case register's filters and search", R"sql(
ALTER TABLE incidents ADD COLUMN unit_id TEXT;
ALTER TABLE incidents ADD COLUMN what_happened TEXT;
ALTER TABLE incidents ADD COLUMN cause TEXT;
ALTER TABLE incidents ADD COLUMN risk TEXT;
ALTER TABLE incidents ADD COLUMN notified_at TEXT;
ALTER TABLE incidents ADD COLUMN discovered_by TEXT;
ALTER TABLE incidents ADD COLUMN decided_at TEXT;
ALTER TABLE incidents ADD COLUMN subjects_told_at TEXT;
ALTER TABLE incidents ADD COLUMN clock_at TEXT;
CREATE INDEX incidents_by_org_reported ON incidents(org_id, reported_at);
UPDATE incidents SET due_at = '' WHERE due_at IS NULL AND due_rank IS NOT NULL;
CREATE INDEX incidents_by_urgency_order ON incidents(due_rank, due_at, due_decided DESC, reported_at DESC, id);
CREATE TABLE saved_views (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX saved_views_by_user ON saved_views(user_id, name);
)sql", search_tables},
    // Migration 17: the DPO's annual report (issue 14): the text the DPO writes for an
    // organisation and a year (assessments and recommendations); the figures beside it are
    // computed from the cases whenever the report is made, never stored.
    {17, "the DPO's annual report text", R"sql(
CREATE TABLE annual_report_texts (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  year INTEGER NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL REFERENCES users(id),
  PRIMARY KEY (org_id, year)
);
)sql"},
    // Migration 18: the urgency order per organisation. A list over several organisations (a
    // DPO serving many nämnder) reads each one's first page from this index and merges them
    // (storage/cases/incident_repository.cpp), instead of sorting every case of all of them. The
    // status at the end lets "open" be checked in the index, without reading the case.
    {18, "the urgency order per organisation", R"sql(
CREATE INDEX incidents_by_org_urgency ON incidents(org_id, due_rank, due_at, due_decided DESC, reported_at DESC, id, status);
)sql"},
    // Migration 19: the register of processing activities (issue 15). Organisations may belong
    // to a group (a municipality with its nämnder); suppliers and systems are kept once per
    // group; each organisation's processing activities are a JSON document (its art. 30 items,
    // domain/register.hpp) with every version kept, and link tables to the group's suppliers
    // and systems, which the exposure of a supplier reads.
    {19, "the register of processing activities", R"sql(
CREATE TABLE org_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
ALTER TABLE organisations ADD COLUMN group_id TEXT REFERENCES org_groups(id);
CREATE TABLE suppliers (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES org_groups(id),
  name TEXT NOT NULL,
  orgnr TEXT,
  country TEXT NOT NULL,
  role TEXT NOT NULL,
  agreement_signed_on TEXT,
  agreement_reference TEXT,
  agreement_expires_on TEXT,
  contact TEXT,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX suppliers_by_group ON suppliers(group_id, name);
CREATE TABLE supplier_sub_processors (
  supplier_id TEXT NOT NULL REFERENCES suppliers(id),
  sub_processor_id TEXT NOT NULL REFERENCES suppliers(id),
  PRIMARY KEY (supplier_id, sub_processor_id)
);
CREATE INDEX supplier_sub_processors_by_sub ON supplier_sub_processors(sub_processor_id);
CREATE TABLE systems (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES org_groups(id),
  name TEXT NOT NULL,
  supplier_id TEXT REFERENCES suppliers(id),
  owner_org TEXT REFERENCES organisations(id),
  hosting_country TEXT,
  klassa_k INTEGER,
  klassa_r INTEGER,
  klassa_t INTEGER,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX systems_by_group ON systems(group_id, name);
CREATE INDEX systems_by_supplier ON systems(supplier_id);
CREATE TABLE processing_activities (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  body_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT REFERENCES users(id)
);
CREATE INDEX processing_activities_by_org ON processing_activities(org_id, name);
CREATE TABLE processing_activity_versions (
  activity_id TEXT NOT NULL REFERENCES processing_activities(id),
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  body_json TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT REFERENCES users(id),
  PRIMARY KEY (activity_id, version)
);
CREATE TABLE activity_suppliers (
  activity_id TEXT NOT NULL REFERENCES processing_activities(id),
  supplier_id TEXT NOT NULL REFERENCES suppliers(id),
  PRIMARY KEY (activity_id, supplier_id)
);
CREATE INDEX activity_suppliers_by_supplier ON activity_suppliers(supplier_id);
CREATE TABLE activity_systems (
  activity_id TEXT NOT NULL REFERENCES processing_activities(id),
  system_id TEXT NOT NULL REFERENCES systems(id),
  PRIMARY KEY (activity_id, system_id)
);
CREATE INDEX activity_systems_by_system ON activity_systems(system_id);
)sql"},
};

} // namespace

std::span<const Migration> migration_list() {
    static const std::vector<Migration> all = [] {
        std::vector<Migration> out(first_migrations().begin(), first_migrations().end());
        out.insert(out.end(), std::begin(k_later), std::end(k_later));
        return out;
    }();
    return all;
}

} // namespace skydda::storage
