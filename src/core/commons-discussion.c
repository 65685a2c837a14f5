/* commons-discussion.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-discussion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-discussion-private.h"
#include "commons-plan.h"

/* Writing comments, questions, answers and votes: what a person does.
 * Each write is checked here the way every other client will check it
 * when it arrives (commons-discussion-check.c), so nothing this device
 * writes is quarantined anywhere else. */

/* The current fields of a record of @kind, a copy to edit. */
static JsonObject *
dup_current_fields (CommonsStore  *store,
                    const char    *record,
                    const char    *kind,
                    GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(JsonNode) copy = NULL;

  current = commons_store_get_current (store, record, &local_error);
  if (current == NULL || commons_revision_get_deleted (current) ||
      !g_str_equal (commons_revision_get_kind (current), kind))
    {
      if (local_error != NULL &&
          !g_error_matches (local_error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_str_equal (kind, COMMONS_COMMENT_KIND))
        g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                     _("No such comment: %s"), record);
      else if (g_str_equal (kind, COMMONS_QUESTION_KIND))
        g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                     _("No such question: %s"), record);
      else
        g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                     _("No such answer: %s"), record);
      return NULL;
    }
  json_node_init_object (node, commons_revision_get_fields (current));
  copy = json_node_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/* Only the author of a record's first revision writes it. */
static gboolean
check_mine (CommonsStore  *store,
            const char    *record,
            GError       **error)
{
  g_autofree char *creator = commons_record_dup_creator (store, record, error);

  if (creator == NULL)
    return FALSE;
  if (!commons_store_is_me (store, creator))
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR,
                           _("Only its author can change it"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_body (const char  *body,
            GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (body != NULL ? body : ""));

  if (*stripped == '\0')
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                           _("Write something first"));
      return FALSE;
    }
  return TRUE;
}

/* Writes @fields as a new record of @kind in @scope, checked first. */
static char *
create (CommonsStore  *store,
        const char    *kind,
        const char    *scope,
        JsonObject    *fields,
        GError       **error)
{
  if (!commons_discussion_check_fields (kind, fields, error))
    return NULL;
  return commons_store_create_record (store, kind, scope, fields, error);
}

static gboolean
edit (CommonsStore  *store,
      const char    *record,
      const char    *kind,
      JsonObject    *fields,
      GError       **error)
{
  if (!commons_discussion_check_fields (kind, fields, error))
    return FALSE;
  return commons_store_edit_record (store, record, fields, error);
}

/**
 * commons_discussion_add_comment:
 * @plan: the plan's record id
 * @reply_to: (nullable): a top-level comment on the same plan
 * @body: what the person wrote
 *
 * Returns: (transfer full): the new comment's record id, or %NULL
 */
char *
commons_discussion_add_comment (CommonsStore  *store,
                                const char    *plan,
                                const char    *reply_to,
                                const char    *body,
                                GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  if (!check_body (body, error))
    return NULL;
  current = commons_store_get_current (store, plan, NULL);
  if (current == NULL || commons_revision_get_deleted (current) ||
      !g_str_equal (commons_revision_get_kind (current), COMMONS_PLAN_KIND))
    {
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                   _("No such plan: %s"), plan);
      return NULL;
    }
  scope = commons_store_get_scope (store, plan, error);
  if (scope == NULL)
    return NULL;

  if (reply_to != NULL)
    {
      g_autoptr(JsonObject) parent = dup_current_fields (store, reply_to, COMMONS_COMMENT_KIND, error);
      JsonNode *node;

      if (parent == NULL)
        return NULL;
      node = json_object_get_member (parent, "plan");
      if (node == NULL || g_strcmp0 (json_node_get_string (node), plan) != 0)
        {
          g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_MISMATCH,
                               _("That comment is about another plan"));
          return NULL;
        }
      if (json_object_has_member (parent, "reply_to"))
        {
          g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NESTED_REPLY,
                               _("Replies cannot be replied to; reply to the comment above them"));
          return NULL;
        }
    }

  fields = json_object_new ();
  json_object_set_string_member (fields, "plan", plan);
  json_object_set_string_member (fields, "plan_revision", commons_revision_get_id (current));
  if (reply_to != NULL)
    json_object_set_string_member (fields, "reply_to", reply_to);
  json_object_set_string_member (fields, "body", body);
  return create (store, COMMONS_COMMENT_KIND, scope, fields, error);
}

/* An edit of one's own comment or answer: its text changes. Editing a
 * deleted one brings it back, as an edit concurrent with its deletion
 * does. */
static gboolean
edit_body (CommonsStore  *store,
           const char    *record,
           const char    *kind,
           const char    *body,
           GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;

  if (!check_body (body, error))
    return FALSE;
  fields = dup_current_fields (store, record, kind, error);
  if (fields == NULL || !check_mine (store, record, error))
    return FALSE;
  json_object_set_string_member (fields, "body", body);
  json_object_remove_member (fields, "deleted");
  return edit (store, record, kind, fields, error);
}

/* The body stays as it was: clearing it would make a concurrent edit of
 * the same lines a conflict instead of a merge. Lists show nothing of a
 * deleted comment or answer but, for a comment with replies, its place. */
static gboolean
mark_deleted (CommonsStore  *store,
              const char    *record,
              const char    *kind,
              GError       **error)
{
  g_autoptr(JsonObject) fields = dup_current_fields (store, record, kind, error);

  if (fields == NULL || !check_mine (store, record, error))
    return FALSE;
  json_object_set_boolean_member (fields, "deleted", TRUE);
  return edit (store, record, kind, fields, error);
}

gboolean
commons_discussion_edit_comment (CommonsStore  *store,
                                 const char    *comment,
                                 const char    *body,
                                 GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (comment != NULL, FALSE);

  return edit_body (store, comment, COMMONS_COMMENT_KIND, body, error);
}

gboolean
commons_discussion_delete_comment (CommonsStore  *store,
                                   const char    *comment,
                                   GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (comment != NULL, FALSE);

  return mark_deleted (store, comment, COMMONS_COMMENT_KIND, error);
}

/* The plan a question links to must be held and not deleted. */
static gboolean
check_plan (CommonsStore  *store,
            const char    *plan,
            GError       **error)
{
  g_autoptr(CommonsRevision) about = commons_store_get_current (store, plan, NULL);

  if (about == NULL || commons_revision_get_deleted (about) ||
      !g_str_equal (commons_revision_get_kind (about), COMMONS_PLAN_KIND))
    {
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                   _("No such plan: %s"), plan);
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_discussion_ask:
 * @group: a group this person belongs to
 * @language: (nullable): the question's language, a BCP 47 tag
 * @plan: (nullable): a plan the question is about
 *
 * Returns: (transfer full): the new question's record id, or %NULL
 */
char *
commons_discussion_ask (CommonsStore  *store,
                        const char    *group,
                        const char    *title,
                        const char    *body,
                        const char    *language,
                        const char    *plan,
                        GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *stripped = NULL;
  sqlite3_stmt *stmt;
  gboolean member = FALSE;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (title != NULL, NULL);

  stmt = _commons_store_prepare (store, "SELECT 1 FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  member = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!member)
    {
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_A_GROUP,
                   _("Questions are asked in a group you belong to"));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (title));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                           _("A question needs a title"));
      return NULL;
    }
  if (plan != NULL && !check_plan (store, plan, error))
    return NULL;

  fields = json_object_new ();
  json_object_set_string_member (fields, "title", stripped);
  json_object_set_string_member (fields, "body", body != NULL ? body : "");
  json_object_set_string_member (fields, "language", language != NULL ? language : "");
  if (plan != NULL)
    json_object_set_string_member (fields, "plan", plan);
  return create (store, COMMONS_QUESTION_KIND, group, fields, error);
}

/**
 * commons_discussion_edit_question:
 * @title: (nullable): the new title, or %NULL to keep it
 * @body: (nullable): the new details, or %NULL to keep them
 * @language: (nullable): the new language tag, or %NULL to keep it
 * @plan: (nullable): the plan it is about, "" for none, or %NULL to keep
 *   the link as it is
 *
 * Only the asker edits a question. An accepted answer stays accepted.
 */
gboolean
commons_discussion_edit_question (CommonsStore  *store,
                                  const char    *question,
                                  const char    *title,
                                  const char    *body,
                                  const char    *language,
                                  const char    *plan,
                                  GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);

  fields = dup_current_fields (store, question, COMMONS_QUESTION_KIND, error);
  if (fields == NULL || !check_mine (store, question, error))
    return FALSE;
  if (title != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (title));

      if (*stripped == '\0')
        {
          g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                               _("A question needs a title"));
          return FALSE;
        }
      json_object_set_string_member (fields, "title", stripped);
    }
  if (body != NULL)
    json_object_set_string_member (fields, "body", body);
  if (language != NULL)
    json_object_set_string_member (fields, "language", language);
  if (plan != NULL && *plan == '\0')
    json_object_remove_member (fields, "plan");
  else if (plan != NULL)
    {
      if (!check_plan (store, plan, error))
        return FALSE;
      json_object_set_string_member (fields, "plan", plan);
    }
  return edit (store, question, COMMONS_QUESTION_KIND, fields, error);
}

/**
 * commons_discussion_delete_question:
 *
 * Deletes a question of this person's that nobody else has answered: once
 * others have answered, their answers belong to the group, and the
 * question stays for them.
 */
gboolean
commons_discussion_delete_question (CommonsStore  *store,
                                    const char    *question,
                                    GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;
  const char *legacy;
  sqlite3_stmt *stmt;
  gboolean answered;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);

  fields = dup_current_fields (store, question, COMMONS_QUESTION_KIND, error);
  if (fields == NULL || !check_mine (store, question, error))
    return FALSE;

  stmt = _commons_store_prepare (store,
      "SELECT 1 FROM answers a JOIN records r ON r.rowid = a.rowid "
      "WHERE a.question = ?1 AND a.removed = 0 AND r.deleted = 0 AND a.author <> ?2 AND a.author <> ?3 "
      "LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  legacy = commons_store_get_legacy_person_id (store);
  sqlite3_bind_text (stmt, 1, question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, commons_store_get_person_id (store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, legacy != NULL ? legacy : "", -1, SQLITE_STATIC);
  answered = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (answered)
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_ANSWERED,
                           _("Others have answered this question, so it stays for them"));
      return FALSE;
    }
  return commons_store_delete_record (store, question, error);
}

/* The question an answer answers, as its current fields say. */
static char *
dup_answer_question (CommonsStore  *store,
                     const char    *answer,
                     GError       **error)
{
  g_autoptr(JsonObject) fields = dup_current_fields (store, answer, COMMONS_ANSWER_KIND, error);

  if (fields == NULL)
    return NULL;
  /* A deleted answer is no longer listed: nobody votes on it or accepts it. */
  if (json_object_get_boolean_member_with_default (fields, "deleted", FALSE))
    {
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                   _("No such answer: %s"), answer);
      return NULL;
    }
  return g_strdup (json_object_get_string_member_with_default (fields, "question", ""));
}

char *
commons_discussion_add_answer (CommonsStore  *store,
                               const char    *question,
                               const char    *body,
                               GError       **error)
{
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (question != NULL, NULL);

  if (!check_body (body, error))
    return NULL;
  target = dup_current_fields (store, question, COMMONS_QUESTION_KIND, error);
  if (target == NULL)
    return NULL;
  scope = commons_store_get_scope (store, question, error);
  if (scope == NULL)
    return NULL;

  fields = json_object_new ();
  json_object_set_string_member (fields, "question", question);
  json_object_set_string_member (fields, "body", body);
  return create (store, COMMONS_ANSWER_KIND, scope, fields, error);
}

gboolean
commons_discussion_edit_answer (CommonsStore  *store,
                                const char    *answer,
                                const char    *body,
                                GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  return edit_body (store, answer, COMMONS_ANSWER_KIND, body, error);
}

gboolean
commons_discussion_delete_answer (CommonsStore  *store,
                                  const char    *answer,
                                  GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  return mark_deleted (store, answer, COMMONS_ANSWER_KIND, error);
}

gboolean
commons_discussion_accept (CommonsStore  *store,
                           const char    *question,
                           const char    *answer,
                           GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (question != NULL, FALSE);

  fields = dup_current_fields (store, question, COMMONS_QUESTION_KIND, error);
  if (fields == NULL)
    return FALSE;
  if (!check_mine (store, question, NULL))
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR,
                           _("Only the person who asked accepts an answer"));
      return FALSE;
    }
  if (answer != NULL)
    {
      g_autofree char *answered = dup_answer_question (store, answer, error);

      if (answered == NULL)
        return FALSE;
      if (!g_str_equal (answered, question))
        {
          g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_MISMATCH,
                               _("That answer is to another question"));
          return FALSE;
        }
      json_object_set_string_member (fields, "accepted", answer);
    }
  else
    json_object_remove_member (fields, "accepted");
  return edit (store, question, COMMONS_QUESTION_KIND, fields, error);
}

gboolean
commons_discussion_vote (CommonsStore  *store,
                         const char    *answer,
                         int            value,
                         GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) held = NULL;
  g_autofree char *question = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *record = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (answer != NULL, FALSE);

  if (value < -1 || value > 1)
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                           _("A vote is -1, 0 or 1"));
      return FALSE;
    }
  question = dup_answer_question (store, answer, error);
  if (question == NULL)
    return FALSE;
  scope = commons_store_get_scope (store, answer, error);
  if (scope == NULL)
    return FALSE;

  fields = json_object_new ();
  json_object_set_string_member (fields, "answer", answer);
  json_object_set_int_member (fields, "value", value);
  if (!commons_discussion_check_fields (COMMONS_VOTE_KIND, fields, error))
    return FALSE;

  /* The record is this person's vote on this answer, whichever device
   * wrote it first. */
  record = commons_discussion_dup_vote_id (commons_store_get_person_id (store), answer);
  held = commons_store_get_current (store, record, NULL);
  if (held == NULL)
    return _commons_store_create_record_as (store, record, COMMONS_VOTE_KIND, scope, fields, error);
  return commons_store_edit_record (store, record, fields, error);
}
