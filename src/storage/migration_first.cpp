// Migrations 1 to 7: the first schema (organisations and people, incidents and their case files,
// the audit trail, assessments, scans, notifications, the outbox). The rest: migration_list.cpp.
#include "storage/migration_list.hpp"

namespace skydda::storage {
namespace {

const Migration k_first[] = {
    {1, "organisations, people, sessions", R"sql(
CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  orgnr TEXT,
  sector TEXT NOT NULL DEFAULT 'public',
  address TEXT,
  dpo_name TEXT, dpo_email TEXT, dpo_phone TEXT,
  registry_pattern TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  UNIQUE (org_id, name)
);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT,
  language TEXT NOT NULL DEFAULT 'sv',
  created_at TEXT NOT NULL
);
CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users(id),
  org_id TEXT NOT NULL REFERENCES organisations(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX memberships_by_org ON memberships(org_id, role);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE api_tokens (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE TABLE login_failures (
  subject TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_by_subject ON login_failures(subject, at);
)sql"},
    {2, "incidents and their case files", R"sql(
CREATE TABLE registry_counters (
  org_id TEXT NOT NULL REFERENCES organisations(id),
  year INTEGER NOT NULL,
  last_sequence INTEGER NOT NULL,
  PRIMARY KEY (org_id, year)
);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations(id),
  case_number TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  facts_json TEXT NOT NULL,
  aware_at TEXT,
  reported_at TEXT NOT NULL,
  registered_at TEXT,
  updated_at TEXT NOT NULL,
  reporter_id TEXT NOT NULL REFERENCES users(id),
  handler_id TEXT REFERENCES users(id),
  status_reason TEXT,
  UNIQUE (org_id, case_number)
);
CREATE INDEX incidents_by_org ON incidents(org_id, status);
CREATE INDEX incidents_by_reporter ON incidents(reporter_id);
CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX notes_by_incident ON notes(incident_id, created_at);
CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  title TEXT NOT NULL,
  assignee_id TEXT REFERENCES users(id),
  due_at TEXT,
  done_at TEXT,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX tasks_by_incident ON tasks(incident_id);
CREATE TABLE questions (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  asked_by TEXT NOT NULL REFERENCES users(id),
  question TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  answer TEXT,
  answered_at TEXT
);
CREATE INDEX questions_by_incident ON questions(incident_id);
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  blake2b TEXT NOT NULL,
  data {blob} NOT NULL,
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_by_incident ON attachments(incident_id);
CREATE TABLE inbox_notifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX inbox_notifications_by_user ON inbox_notifications(user_id, read_at);
)sql"},
    {3, "append-only, hash-chained audit trail", R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT,
  org_id TEXT,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before_json TEXT,
  after_json TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log(entity, entity_id);
)sql"},
    {4, "risk assessments and decisions, append-only", R"sql(
CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  version INTEGER NOT NULL,
  ruleset TEXT NOT NULL,
  input_json TEXT NOT NULL,
  output_json TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (incident_id, version)
);
CREATE TABLE assessment_decisions (
  id TEXT PRIMARY KEY,
  assessment_id TEXT NOT NULL UNIQUE REFERENCES assessments(id),
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  agrees INTEGER NOT NULL,
  risk TEXT NOT NULL,
  notify_authority INTEGER NOT NULL,
  notify_subjects INTEGER NOT NULL,
  reasons TEXT,
  decided_by TEXT NOT NULL REFERENCES users(id),
  decided_at TEXT NOT NULL
);
CREATE INDEX assessment_decisions_by_incident ON assessment_decisions(incident_id);
)sql"},
    {5, "scan summaries on cases", R"sql(
CREATE TABLE scan_summaries (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  label TEXT,
  summary_json TEXT NOT NULL,
  subjects_estimate INTEGER NOT NULL,
  data_codes TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  applied_at TEXT
);
CREATE INDEX scan_summaries_by_incident ON scan_summaries(incident_id);
)sql"},
    {6, "notifications as sent, and drafts of the notification to IMY", R"sql(
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  recipient TEXT NOT NULL,
  phase INTEGER NOT NULL,
  submitted_at TEXT NOT NULL,
  authority_reference TEXT,
  our_reference TEXT NOT NULL,
  seconds_after_awareness INTEGER NOT NULL,
  late INTEGER NOT NULL,
  late_reason TEXT,
  supplement_promised INTEGER NOT NULL DEFAULT 0,
  supplement_reason TEXT,
  supplement_due_at TEXT,
  details_json TEXT NOT NULL,
  document_json TEXT NOT NULL,
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX notifications_by_incident ON notifications(incident_id, recipient, phase);
CREATE TABLE notification_drafts (
  incident_id TEXT NOT NULL REFERENCES incidents(id),
  phase INTEGER NOT NULL,
  fields_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (incident_id, phase)
);
)sql"},
    {7, "the e-mail outbox", R"sql(
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  org_id TEXT REFERENCES organisations(id),
  incident_id TEXT REFERENCES incidents(id),
  kind TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  attachment_name TEXT,
  attachment {blob},
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_by_incident ON outbox(incident_id);
)sql"},
};

} // namespace

std::span<const Migration> first_migrations() { return k_first; }

} // namespace skydda::storage
