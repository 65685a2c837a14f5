/* commons-store-schema.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include "commons-store-private.h"

/* Each step runs in one transaction together with the user_version bump.
 * Never edit a step that has shipped: add a new one. */
static const CommonsMigration migrations[] = {
  { 1,
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ");"
    /* Every revision ever held: the source of truth. body is the canonical
     * JSON whose SHA-256 is id. pushed is set once a server holds the
     * revision, after which it is never amended (nor once exported: see
     * migration 5). */
    "CREATE TABLE revisions ("
    "  id TEXT PRIMARY KEY,"
    "  record TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  author TEXT,"
    "  time TEXT NOT NULL,"
    "  deleted INTEGER NOT NULL,"
    "  body TEXT NOT NULL,"
    "  scope TEXT NOT NULL,"
    "  pushed INTEGER NOT NULL DEFAULT 0,"
    "  seq INTEGER NOT NULL"
    ");"
    "CREATE INDEX revisions_record ON revisions (record);"
    "CREATE INDEX revisions_scope_pushed ON revisions (scope, pushed);"
    "CREATE TABLE revision_parents ("
    "  revision TEXT NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,"
    "  parent TEXT NOT NULL,"
    "  PRIMARY KEY (revision, parent)"
    ") WITHOUT ROWID;"
    "CREATE INDEX revision_parents_parent ON revision_parents (parent);"
    "CREATE TABLE heads ("
    "  record TEXT NOT NULL,"
    "  revision TEXT NOT NULL REFERENCES revisions (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (record, revision)"
    ") WITHOUT ROWID;"
    /* Materialized current state: one row per record, from its displayed
     * head, so lists never replay history. */
    "CREATE TABLE records ("
    "  rowid INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  kind TEXT NOT NULL,"
    "  scope TEXT NOT NULL,"
    "  head TEXT NOT NULL,"
    "  author TEXT,"
    "  created TEXT NOT NULL,"
    "  updated TEXT NOT NULL,"
    "  deleted INTEGER NOT NULL,"
    "  conflict INTEGER NOT NULL,"
    "  title TEXT NOT NULL,"
    "  preview TEXT NOT NULL"
    ");"
    "CREATE INDEX records_list ON records (kind, deleted, updated DESC);"
    "CREATE VIRTUAL TABLE record_search USING fts5 ("
    "  title, body, tokenize = 'unicode61 remove_diacritics 2'"
    ");" },

  { 2,
    /* Lesson plans: the columns lists filter and sort on. */
    "CREATE TABLE plans ("
    "  rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,"
    "  subject TEXT NOT NULL DEFAULT '',"
    "  level TEXT NOT NULL DEFAULT '',"
    "  language TEXT NOT NULL DEFAULT '',"
    "  license TEXT NOT NULL DEFAULT '',"
    "  duration INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX plans_subject ON plans (subject);"
    "CREATE INDEX plans_level ON plans (level);"
    "CREATE INDEX plans_language ON plans (language);"
    /* Reviews point at a plan and the exact plan revision reviewed. */
    "CREATE TABLE reviews ("
    "  rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,"
    "  plan TEXT NOT NULL,"
    "  plan_revision TEXT NOT NULL,"
    "  verdict TEXT NOT NULL"
    ");"
    "CREATE INDEX reviews_plan ON reviews (plan);" },

  { 3,
    /* Groups this person belongs to, and how far each has been pulled.
     * The member token is not here: it lives in the keyring. */
    "CREATE TABLE groups ("
    "  id TEXT PRIMARY KEY,"
    "  server TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  member TEXT NOT NULL,"
    "  display_name TEXT NOT NULL,"
    "  role TEXT NOT NULL,"
    "  cursor INTEGER NOT NULL DEFAULT 0,"
    "  last_sync TEXT,"
    "  last_error TEXT,"
    "  joined TEXT NOT NULL"
    ");" },

  { 4,
    /* Who wrote each plan and review (the author of its first revision),
     * so a plan's review status is derived in one pass over the reviews
     * table without reading history. */
    "ALTER TABLE plans ADD COLUMN creator TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE reviews ADD COLUMN reviewer TEXT NOT NULL DEFAULT '';"
    "UPDATE plans SET creator = coalesce(("
    "  SELECT x.author FROM records r JOIN revisions x ON x.record = r.id"
    "  WHERE r.rowid = plans.rowid AND"
    "    NOT EXISTS (SELECT 1 FROM revision_parents p WHERE p.revision = x.id)"
    "  ORDER BY x.time, x.id LIMIT 1), '');"
    "UPDATE reviews SET reviewer = coalesce(("
    "  SELECT x.author FROM records r JOIN revisions x ON x.record = r.id"
    "  WHERE r.rowid = reviews.rowid AND"
    "    NOT EXISTS (SELECT 1 FROM revision_parents p WHERE p.revision = x.id)"
    "  ORDER BY x.time, x.id LIMIT 1), '');"
    /* Storing a revision asks for max(seq): without an index that reads
     * every revision, which made large pulls quadratic. */
    "CREATE INDEX revisions_seq ON revisions (seq);" },

  { 5,
    /* A revision carried away in a .commons file is known outside the
     * device, so it is never amended; but it still has to be pushed to
     * the group, which pushed = 0 alone says. */
    "ALTER TABLE revisions ADD COLUMN exported INTEGER NOT NULL DEFAULT 0;" },

  { 6,
    /* The author's signature of the id, checked before the revision was
     * stored (or made here and signed when it first leaves). */
    "ALTER TABLE revisions ADD COLUMN signature TEXT;"
    /* Set before a push is attempted: an answer may be lost, so from then
     * on the revision may be held elsewhere and is never amended. */
    "ALTER TABLE revisions ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;"
    /* The member who pushed a pulled revision: a revision relayed for
     * someone outside the group is shown as shared by them. */
    "ALTER TABLE revisions ADD COLUMN sender TEXT;"
    /* Earlier versions gave up on a revision the server answered
     * unknown_parent, which may succeed later: offer every refused one
     * again; what is refused for good is refused again. */
    "UPDATE revisions SET pushed = 0 WHERE pushed = 2;"
    /* Revisions that failed a check, kept aside with why and who sent
     * them; they never block anything else. */
    "CREATE TABLE quarantine ("
    "  id TEXT NOT NULL,"
    "  record TEXT,"
    "  scope TEXT NOT NULL,"
    "  sender TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  detail TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  received TEXT NOT NULL,"
    "  PRIMARY KEY (id, scope, sender)"
    ");"
    /* Revisions whose parents have not arrived yet, by whichever path;
     * applied as soon as they do. */
    "CREATE TABLE pending ("
    "  id TEXT PRIMARY KEY,"
    "  record TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  pull_group TEXT,"
    "  file_group TEXT,"
    "  sender TEXT NOT NULL,"
    "  received TEXT NOT NULL"
    ");"
    "CREATE TABLE pending_parents ("
    "  revision TEXT NOT NULL REFERENCES pending (id) ON DELETE CASCADE,"
    "  parent TEXT NOT NULL,"
    "  PRIMARY KEY (revision, parent)"
    ") WITHOUT ROWID;"
    "CREATE INDEX pending_parents_parent ON pending_parents (parent);"
    /* A group's plan imported from a file by someone not (yet) in the
     * group lives in their library; when the group's pull brings the same
     * record, it joins the group instead of splitting in two. */
    /* Whether the server knows this person's key for the group: members
     * who joined before keys tell it once, on their next sync. */
    "ALTER TABLE groups ADD COLUMN key_bound INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE record_origins ("
    "  record TEXT PRIMARY KEY,"
    "  group_id TEXT NOT NULL"
    ");" },

  { 7,
    /* Indexes that fit the queries every sync runs, so that no statistics
     * can turn them into scans of the store (test-store checks the plans):
     * what is still to push, in order; and the records in conflict, which
     * are few. */
    "DROP INDEX revisions_scope_pushed;"
    "CREATE INDEX revisions_unpushed ON revisions (scope, pushed, seq);"
    "CREATE INDEX records_in_conflict ON records (scope) WHERE conflict = 1;" },

  { 8,
    /* Discussion (commons-discussion.h). arrived is the local sequence
     * number of the first revision this store held of the record, so
     * "new since last opened" does not trust anyone's clock. The counts
     * and scores beside questions and answers are derived from the
     * answers and votes tables whenever one of those changes, never
     * taken from fields, so they cannot conflict. */
    "CREATE TABLE comments ("
    "  rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,"
    "  plan TEXT NOT NULL,"
    "  plan_revision TEXT NOT NULL,"
    "  reply_to TEXT NOT NULL DEFAULT '',"
    "  author TEXT NOT NULL DEFAULT '',"
    "  removed INTEGER NOT NULL DEFAULT 0,"
    "  arrived INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX comments_plan ON comments (plan, removed);"
    "CREATE TABLE questions ("
    "  rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,"
    "  scope TEXT NOT NULL,"
    "  created TEXT NOT NULL,"
    "  language TEXT NOT NULL DEFAULT '',"
    "  plan TEXT NOT NULL DEFAULT '',"
    "  accepted TEXT NOT NULL DEFAULT '',"
    "  asker TEXT NOT NULL DEFAULT '',"
    "  arrived INTEGER NOT NULL DEFAULT 0,"
    "  n_answers INTEGER NOT NULL DEFAULT 0,"
    "  score INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX questions_scope ON questions (scope, created);"
    "CREATE TABLE answers ("
    "  rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,"
    "  question TEXT NOT NULL,"
    "  author TEXT NOT NULL DEFAULT '',"
    "  removed INTEGER NOT NULL DEFAULT 0,"
    "  arrived INTEGER NOT NULL DEFAULT 0,"
    "  score INTEGER NOT NULL DEFAULT 0,"
    "  n_up INTEGER NOT NULL DEFAULT 0,"
    "  n_down INTEGER NOT NULL DEFAULT 0"
    ");"
    "CREATE INDEX answers_question ON answers (question, removed);"
    "CREATE TABLE votes ("
    "  rowid INTEGER PRIMARY KEY REFERENCES records (rowid) ON DELETE CASCADE,"
    "  answer TEXT NOT NULL,"
    "  voter TEXT NOT NULL,"
    "  value INTEGER NOT NULL"
    ");"
    "CREATE INDEX votes_answer ON votes (answer, value);"
    /* When this person last opened a plan or a question: the store's
     * sequence number then. Local to the device, never synced. */
    "CREATE TABLE discussion_seen ("
    "  record TEXT PRIMARY KEY,"
    "  stamp INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    /* Discussion that reached this device before it knew the kinds was
     * kept aside as unknown, and its pull moved on: it waits now as if
     * for its parents, so the next pull or import takes it, checked as
     * anything arriving is. */
    "INSERT OR IGNORE INTO pending (id, record, body, pull_group, file_group, sender, received)"
    "  SELECT id, coalesce (record, ''), body, nullif (scope, 'file'), NULL, sender, received"
    "  FROM quarantine WHERE reason = 'unknown-kind'"
    "    AND detail IN ('comment', 'question', 'answer', 'vote');"
    "DELETE FROM quarantine WHERE reason = 'unknown-kind'"
    "  AND detail IN ('comment', 'question', 'answer', 'vote');" },
};

const CommonsMigration *
_commons_store_get_migrations (guint *n_migrations)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == COMMONS_STORE_SCHEMA_VERSION);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
