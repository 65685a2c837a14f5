/* commons-discussion-store.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-discussion"

#include "config.h"

#include "commons-discussion-private.h"

/* The materialized tables of comments, questions, answers and votes
 * (schema 8). They are written in the transaction that changed the
 * record, from its displayed head, and read the fields leniently as the
 * other kinds do: what arrived was checked, and what cannot be read is
 * left out rather than stopping a sync.
 *
 * An answer's score and a question's count and score are derived here
 * from the votes and answers tables each time one of those rows changes,
 * whichever arrives first: a vote may come before its answer, an answer
 * before its question. */

static const char *
string_member (JsonObject *fields,
               const char *name)
{
  JsonNode *node = json_object_get_member (fields, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
boolean_member (JsonObject *fields,
                const char *name)
{
  JsonNode *node = json_object_get_member (fields, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static gboolean
step (CommonsStore  *store,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _commons_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
delete_row (CommonsStore  *store,
            const char    *sql,
            gint64         rowid,
            GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return step (store, stmt, error);
}

static char *
query_text (CommonsStore *store,
            const char   *sql,
            gint64        rowid,
            const char   *text)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store, sql, NULL);
  char *found = NULL;

  if (stmt == NULL)
    return NULL;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return found;
}

char *
_commons_discussion_dup_held_author (CommonsStore *store,
                                     const char   *record)
{
  return query_text (store,
                     "SELECT author FROM revisions WHERE record = ? AND author IS NOT NULL "
                     "ORDER BY seq LIMIT 1", 0, record);
}

/* The local sequence number of the first revision held of @record. */
static gint64
arrived (CommonsStore *store,
         const char   *record)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      "SELECT min(seq) FROM revisions WHERE record = ?", NULL);
  gint64 seq = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return seq;
}

gboolean
_commons_discussion_materialize_comment (CommonsStore     *store,
                                         gint64            rowid,
                                         CommonsRevision  *head,
                                         GError          **error)
{
  g_autofree char *author = NULL;
  JsonObject *fields;
  const char *plan, *plan_revision, *reply_to;
  sqlite3_stmt *stmt;

  if (head == NULL)
    return delete_row (store, "DELETE FROM comments WHERE rowid = ?", rowid, error);

  fields = commons_revision_get_fields (head);
  plan = string_member (fields, "plan");
  plan_revision = string_member (fields, "plan_revision");
  reply_to = string_member (fields, "reply_to");
  if (plan == NULL || plan_revision == NULL)
    return delete_row (store, "DELETE FROM comments WHERE rowid = ?", rowid, error);

  author = _commons_discussion_dup_held_author (store, commons_revision_get_record (head));
  stmt = _commons_store_prepare (store,
      "INSERT OR REPLACE INTO comments (rowid, plan, plan_revision, reply_to, author, removed, arrived) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, plan, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, plan_revision, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, reply_to != NULL ? reply_to : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, author != NULL ? author : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, boolean_member (fields, "deleted"));
  sqlite3_bind_int64 (stmt, 7, arrived (store, commons_revision_get_record (head)));
  return step (store, stmt, error);
}

/* Derived: an answer's votes. */
static gboolean
refresh_answer (CommonsStore  *store,
                const char    *answer,
                GError       **error)
{
  sqlite3_stmt *stmt;

  if (answer == NULL || *answer == '\0')
    return TRUE;
  stmt = _commons_store_prepare (store,
      "UPDATE answers SET "
      "  score = (SELECT coalesce (sum (value), 0) FROM votes WHERE answer = ?1),"
      "  n_up = (SELECT count(*) FROM votes WHERE answer = ?1 AND value > 0),"
      "  n_down = (SELECT count(*) FROM votes WHERE answer = ?1 AND value < 0) "
      "WHERE rowid = (SELECT rowid FROM records WHERE id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, answer, -1, SQLITE_TRANSIENT);
  return step (store, stmt, error);
}

/* Derived: a question's answers and the votes on them. */
static gboolean
refresh_question (CommonsStore  *store,
                  const char    *question,
                  GError       **error)
{
  sqlite3_stmt *stmt;

  if (question == NULL || *question == '\0')
    return TRUE;
  stmt = _commons_store_prepare (store,
      "UPDATE questions SET "
      "  n_answers = (SELECT count(*) FROM answers WHERE question = ?1 AND removed = 0),"
      "  score = (SELECT coalesce (sum (score), 0) FROM answers WHERE question = ?1 AND removed = 0) "
      "WHERE rowid = (SELECT rowid FROM records WHERE id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, question, -1, SQLITE_TRANSIENT);
  return step (store, stmt, error);
}

gboolean
_commons_discussion_materialize_question (CommonsStore     *store,
                                          gint64            rowid,
                                          CommonsRevision  *head,
                                          GError          **error)
{
  g_autofree char *asker = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *created = NULL;
  JsonObject *fields;
  const char *language, *plan, *accepted;
  sqlite3_stmt *stmt;

  if (head == NULL)
    return delete_row (store, "DELETE FROM questions WHERE rowid = ?", rowid, error);

  fields = commons_revision_get_fields (head);
  language = string_member (fields, "language");
  plan = string_member (fields, "plan");
  accepted = string_member (fields, "accepted");
  asker = _commons_discussion_dup_held_author (store, commons_revision_get_record (head));
  scope = query_text (store, "SELECT scope FROM records WHERE rowid = ?", rowid, NULL);
  created = query_text (store, "SELECT created FROM records WHERE rowid = ?", rowid, NULL);

  stmt = _commons_store_prepare (store,
      "INSERT OR REPLACE INTO questions (rowid, scope, created, language, plan, accepted, asker, arrived) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, scope != NULL ? scope : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, created != NULL ? created : commons_revision_get_time (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, language != NULL ? language : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, plan != NULL ? plan : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, accepted != NULL ? accepted : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, asker != NULL ? asker : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, arrived (store, commons_revision_get_record (head)));
  if (!step (store, stmt, error))
    return FALSE;
  return refresh_question (store, commons_revision_get_record (head), error);
}

gboolean
_commons_discussion_materialize_answer (CommonsStore     *store,
                                        gint64            rowid,
                                        CommonsRevision  *head,
                                        GError          **error)
{
  g_autofree char *before = query_text (store, "SELECT question FROM answers WHERE rowid = ?", rowid, NULL);
  g_autofree char *author = NULL;
  JsonObject *fields;
  const char *question;
  sqlite3_stmt *stmt;

  if (head == NULL)
    return delete_row (store, "DELETE FROM answers WHERE rowid = ?", rowid, error) &&
           refresh_question (store, before, error);

  fields = commons_revision_get_fields (head);
  question = string_member (fields, "question");
  if (question == NULL)
    return delete_row (store, "DELETE FROM answers WHERE rowid = ?", rowid, error) &&
           refresh_question (store, before, error);

  author = _commons_discussion_dup_held_author (store, commons_revision_get_record (head));
  stmt = _commons_store_prepare (store,
      "INSERT OR REPLACE INTO answers (rowid, question, author, removed, arrived) "
      "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, author != NULL ? author : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, boolean_member (fields, "deleted"));
  sqlite3_bind_int64 (stmt, 5, arrived (store, commons_revision_get_record (head)));
  if (!step (store, stmt, error))
    return FALSE;

  if (!refresh_answer (store, commons_revision_get_record (head), error) ||
      !refresh_question (store, question, error))
    return FALSE;
  if (before != NULL && !g_str_equal (before, question))
    return refresh_question (store, before, error);
  return TRUE;
}

static gboolean
refresh_vote_target (CommonsStore  *store,
                     const char    *answer,
                     GError       **error)
{
  g_autofree char *question = NULL;

  if (answer == NULL)
    return TRUE;
  if (!refresh_answer (store, answer, error))
    return FALSE;
  question = query_text (store,
      "SELECT question FROM answers WHERE rowid = (SELECT rowid FROM records WHERE id = ?)", 0, answer);
  return refresh_question (store, question, error);
}

gboolean
_commons_discussion_materialize_vote (CommonsStore     *store,
                                      gint64            rowid,
                                      CommonsRevision  *head,
                                      GError          **error)
{
  g_autofree char *before = query_text (store, "SELECT answer FROM votes WHERE rowid = ?", rowid, NULL);
  g_autofree char *voter = NULL;
  JsonObject *fields;
  JsonNode *value;
  const char *answer;
  gint64 number = 0;
  sqlite3_stmt *stmt;

  if (head == NULL)
    return delete_row (store, "DELETE FROM votes WHERE rowid = ?", rowid, error) &&
           refresh_vote_target (store, before, error);

  fields = commons_revision_get_fields (head);
  answer = string_member (fields, "answer");
  value = json_object_get_member (fields, "value");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_INT64)
    number = CLAMP (json_node_get_int (value), -1, 1);
  if (answer == NULL)
    return delete_row (store, "DELETE FROM votes WHERE rowid = ?", rowid, error) &&
           refresh_vote_target (store, before, error);

  voter = _commons_discussion_dup_held_author (store, commons_revision_get_record (head));
  stmt = _commons_store_prepare (store,
      "INSERT OR REPLACE INTO votes (rowid, answer, voter, value) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, answer, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, voter != NULL ? voter : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, number);
  if (!step (store, stmt, error))
    return FALSE;

  if (!refresh_vote_target (store, answer, error))
    return FALSE;
  if (before != NULL && !g_str_equal (before, answer))
    return refresh_vote_target (store, before, error);
  return TRUE;
}
