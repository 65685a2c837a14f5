/* commons-kinds.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-kinds"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-discussion-private.h"
#include "commons-group-rule.h"
#include "commons-plan-private.h"
#include "commons-review.h"
#include "commons-store-private.h"

/* The materialized tables of record kinds beyond notes. They read the
 * fields leniently: a record from another version or a damaged one must
 * never stop a sync, so what cannot be read is stored as empty. */

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

static gint64
plan_duration (JsonObject *fields)
{
  JsonNode *node = json_object_get_member (fields, "activities");
  JsonArray *array;
  gint64 total = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return 0;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonNode *minutes;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      minutes = json_object_get_member (json_node_get_object (item), "minutes");
      if (minutes != NULL && JSON_NODE_HOLDS_VALUE (minutes) &&
          json_node_get_value_type (minutes) == G_TYPE_INT64 &&
          json_node_get_int (minutes) >= 0 &&
          json_node_get_int (minutes) <= COMMONS_PLAN_MAX_MINUTES)
        total += json_node_get_int (minutes);
    }
  return total;
}

/* The author of the record's first revision. */
static char *
dup_creator (CommonsStore    *store,
             CommonsRevision *head)
{
  char *creator = NULL;

  if (commons_revision_get_parents (head)[0] == NULL)
    return g_strdup (commons_revision_get_author (head) != NULL ? commons_revision_get_author (head) : "");
  creator = commons_record_dup_creator (store, commons_revision_get_record (head), NULL);
  return creator != NULL ? creator : g_strdup ("");
}

static gboolean
run (CommonsStore  *store,
     const char    *sql,
     gint64         rowid,
     const char   **texts,
     guint          n_texts,
     gint64         number,
     GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  for (guint i = 0; i < n_texts; i++)
    sqlite3_bind_text (stmt, i + 2, texts[i] != NULL ? texts[i] : "", -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) > (int) n_texts + 1)
    sqlite3_bind_int64 (stmt, n_texts + 2, number);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
materialize_plan (CommonsStore     *store,
                  gint64            rowid,
                  CommonsRevision  *head,
                  GError          **error)
{
  g_autofree char *creator = NULL;
  JsonObject *fields;
  const char *texts[5];

  if (head == NULL)
    return run (store, "DELETE FROM plans WHERE rowid = ?1", rowid, NULL, 0, 0, error);

  fields = commons_revision_get_fields (head);
  creator = dup_creator (store, head);
  texts[0] = string_member (fields, "subject");
  texts[1] = string_member (fields, "level");
  texts[2] = string_member (fields, "language");
  texts[3] = string_member (fields, "license");
  texts[4] = creator;
  /* Written only when something in it changed: most edits change the
   * text, and rewriting the row (with its three indexes) dirtied four
   * more pages of the database for each edit a pull stores. */
  return run (store,
              "INSERT INTO plans (rowid, subject, level, language, license, creator, duration) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
              "ON CONFLICT (rowid) DO UPDATE SET subject = ?2, level = ?3, language = ?4, "
              "  license = ?5, creator = ?6, duration = ?7 "
              "WHERE subject IS NOT ?2 OR level IS NOT ?3 OR language IS NOT ?4 "
              "  OR license IS NOT ?5 OR creator IS NOT ?6 OR duration IS NOT ?7",
              rowid, texts, 5, plan_duration (fields), error);
}

static gboolean
materialize_review (CommonsStore     *store,
                    gint64            rowid,
                    CommonsRevision  *head,
                    GError          **error)
{
  JsonObject *fields;
  const char *texts[4];

  if (head != NULL)
    {
      fields = commons_revision_get_fields (head);
      texts[0] = string_member (fields, "plan");
      texts[1] = string_member (fields, "plan_revision");
      texts[2] = string_member (fields, "verdict");
      /* A review that does not say what it reviews counts for nothing. */
      if (texts[0] != NULL && texts[1] != NULL && texts[2] != NULL)
        {
          g_autofree char *reviewer = dup_creator (store, head);

          texts[3] = reviewer;
          return run (store,
                      "INSERT OR REPLACE INTO reviews (rowid, plan, plan_revision, verdict, reviewer) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)",
                      rowid, texts, 4, 0, error);
        }
    }
  return run (store, "DELETE FROM reviews WHERE rowid = ?1", rowid, NULL, 0, 0, error);
}

/* The second check (DESIGN.md, "Two checks"): what every client asks of
 * a revision's fields before it takes it from anyone, per kind. Values are
 * not judged, only types and shape, so that whatever passes here can always
 * be read, shown and edited. */

static gboolean
check_strings (JsonObject         *fields,
               const char * const *names,
               GError            **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (fields, names[i]);

      if (node != NULL && string_member (fields, names[i]) == NULL)
        {
          g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                       _("The field “%s” is not text"), names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_note (JsonObject  *fields,
            GError     **error)
{
  static const char * const names[] = { "title", "body", NULL };

  return check_strings (fields, names, error);
}

static gboolean
check_plan (JsonObject  *fields,
            GError     **error)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new_from_fields (fields, error);

  return plan != NULL;
}

static gboolean
check_review (JsonObject  *fields,
              GError     **error)
{
  g_autoptr(CommonsReview) review = commons_review_new_from_fields (fields, error);

  return review != NULL;
}

static gboolean
check_group_rule (JsonObject  *fields,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (fields, "approvals");

  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64))
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("The field “%s” is not a number"), "approvals");
      return FALSE;
    }
  node = json_object_get_member (fields, COMMONS_GROUP_RULE_BADGES);
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN))
    {
      /* Translators: %s is a field's name; true and false are not translated. */
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("The field “%s” is not true or false"), COMMONS_GROUP_RULE_BADGES);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_comment (JsonObject  *fields,
               GError     **error)
{
  return commons_discussion_check_fields (COMMONS_COMMENT_KIND, fields, error);
}

static gboolean
check_question (JsonObject  *fields,
                GError     **error)
{
  return commons_discussion_check_fields (COMMONS_QUESTION_KIND, fields, error);
}

static gboolean
check_answer (JsonObject  *fields,
              GError     **error)
{
  return commons_discussion_check_fields (COMMONS_ANSWER_KIND, fields, error);
}

static gboolean
check_vote (JsonObject  *fields,
            GError     **error)
{
  return commons_discussion_check_fields (COMMONS_VOTE_KIND, fields, error);
}

static const CommonsKindInfo kinds[] = {
  { "note", NULL, check_note },
  { COMMONS_PLAN_KIND, materialize_plan, check_plan, _commons_plan_check_license },
  { COMMONS_REVIEW_KIND, materialize_review, check_review },
  { COMMONS_GROUP_RULE_KIND, NULL, check_group_rule },
  { COMMONS_COMMENT_KIND, _commons_discussion_materialize_comment, check_comment },
  { COMMONS_QUESTION_KIND, _commons_discussion_materialize_question, check_question },
  { COMMONS_ANSWER_KIND, _commons_discussion_materialize_answer, check_answer },
  { COMMONS_VOTE_KIND, _commons_discussion_materialize_vote, check_vote },
};

/**
 * _commons_core_register_kinds:
 *
 * Registers every kind with materialized tables. The store calls it once,
 * before any database is opened.
 */
void
_commons_core_register_kinds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    _commons_store_register_kind (&kinds[i]);
}
