/* commons-store-edits.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-json.h"
#include "commons-store-private.h"

/* Local edits: what this person writes, as new revisions or as an amended
 * head while they keep typing. */

static gboolean
add_one (CommonsStore     *self,
         CommonsRevision  *revision,
         const char       *scope,
         GError          **error)
{
  CommonsAddResult result;

  if (!_commons_store_insert_revision (self, revision, scope, FALSE, &result, error))
    return FALSE;
  return _commons_store_materialize (self, commons_revision_get_record (revision), scope, error);
}

typedef struct
{
  char     *scope;
  gboolean  pushed;
  gboolean  exported;
  gboolean  sent;
  char     *kind;
} RevisionInfo;

static gboolean
get_revision_info (CommonsStore  *self,
                   const char    *id,
                   RevisionInfo  *info,
                   GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self,
      "SELECT scope, pushed, kind, exported, sent FROM revisions WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return FALSE;
    }
  info->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->pushed = sqlite3_column_int (stmt, 1);
  info->exported = sqlite3_column_int (stmt, 3);
  info->sent = sqlite3_column_int (stmt, 4);
  info->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return TRUE;
}

static void
revision_info_clear (RevisionInfo *info)
{
  g_clear_pointer (&info->scope, g_free);
  g_clear_pointer (&info->kind, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RevisionInfo, revision_info_clear)

static gint64
seconds_since (const char *time)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_iso8601 (time, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (then == NULL)
    return G_MAXINT64;
  return g_date_time_difference (now, then) / G_TIME_SPAN_SECOND;
}

static gboolean
delete_revision_row (CommonsStore  *self,
                     const char    *id,
                     GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "DELETE FROM revisions WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return _commons_store_step_done (self, stmt, error);
}

static gboolean
fields_equal (JsonObject *a,
              JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_alloc ();
  g_autoptr(JsonNode) nb = json_node_alloc ();
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  json_node_init_object (na, a);
  json_node_init_object (nb, b);
  ca = commons_json_canonical (na, NULL);
  cb = commons_json_canonical (nb, NULL);
  return ca != NULL && cb != NULL && g_str_equal (ca, cb);
}

/* Writes a new state of a record as this person: either amends the head
 * (when it has not left the device, is this person's, and was written
 * within the quiet interval) or adds a child of every head. */
/* An edit of a version that is no longer the only head: a sync or an
 * import brought others' changes while the person was editing, or the
 * record is edited in two places. The edit descends from what the person
 * saw, and merges with the rest as a sync would; changes the merge cannot
 * settle are kept side by side as a conflict. */
static gboolean
write_on_base (CommonsStore  *self,
               const char    *record,
               const char    *kind,
               const char    *base,
               const char    *scope,
               JsonObject    *fields,
               gboolean       deleted,
               char         **written,
               GError       **error)
{
  const char *parents[] = { base, NULL };
  g_autoptr(CommonsRevision) revision = NULL;
  CommonsAddResult result;

  revision = commons_revision_new (record, kind, parents, self->person_id, NULL, deleted,
                                   fields, error);
  if (revision == NULL)
    return FALSE;

  if (!_commons_store_begin (self, error))
    return FALSE;
  if (!_commons_store_insert_revision (self, revision, scope, FALSE, &result, error) ||
      !_commons_store_merge_heads (self, record, scope, error) ||
      !_commons_store_materialize (self, record, scope, error))
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  if (!_commons_store_commit (self, error))
    return FALSE;
  if (written != NULL)
    *written = g_strdup (commons_revision_get_id (revision));
  return TRUE;
}

static gboolean
write_state (CommonsStore  *self,
             const char    *record,
             const char    *base,
             JsonObject    *fields,
             gboolean       deleted,
             gboolean       allow_amend,
             char         **written,
             GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(CommonsRevision) revision = NULL;
  g_auto(RevisionInfo) info = { 0 };
  CommonsRevision *head;
  const char *kind;
  gboolean amend = FALSE;

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return FALSE;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return FALSE;
    }

  head = g_ptr_array_index (heads, 0);
  kind = commons_revision_get_kind (head);
  if (!get_revision_info (self, commons_revision_get_id (head), &info, error))
    return FALSE;

  if (base != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CommonsRevision) shown = commons_store_get_revision (self, base, &local_error);
      gboolean is_head = FALSE;

      /* A version amended away since it was read is one this device made
       * a moment ago, which the head carries on: edit that. */
      if (shown == NULL &&
          g_error_matches (local_error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND))
        return write_state (self, record, NULL, fields, deleted, allow_amend, written, error);
      if (shown == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Nothing changed from what the person saw: whatever came in since,
       * from a sync or an import, stays as it is. */
      if (commons_revision_get_deleted (shown) == deleted &&
          fields_equal (commons_revision_get_fields (shown), fields))
        {
          if (written != NULL)
            *written = g_strdup (base);
          return TRUE;
        }
      for (guint i = 0; i < heads->len; i++)
        if (g_strcmp0 (commons_revision_get_id (g_ptr_array_index (heads, i)), base) == 0)
          is_head = TRUE;
      if (!is_head || heads->len > 1)
        return write_on_base (self, record, kind, base, info.scope, fields, deleted, written, error);
    }

  if (heads->len == 1 &&
      commons_revision_get_deleted (head) == deleted &&
      fields_equal (commons_revision_get_fields (head), fields))
    {
      if (written != NULL)
        *written = g_strdup (commons_revision_get_id (head));
      return TRUE;
    }

  if (allow_amend && heads->len == 1 && !info.pushed && !info.exported && !info.sent &&
      commons_store_is_me (self, commons_revision_get_author (head)) &&
      !commons_revision_get_deleted (head) && !deleted &&
      seconds_since (commons_revision_get_time (head)) < (gint64) self->quiet_interval)
    amend = TRUE;

  if (amend)
    {
      const char * const *p = commons_revision_get_parents (head);

      for (guint i = 0; p[i] != NULL; i++)
        g_ptr_array_add (parents, (gpointer) p[i]);
    }
  else
    {
      for (guint i = 0; i < heads->len; i++)
        g_ptr_array_add (parents, (gpointer) commons_revision_get_id (g_ptr_array_index (heads, i)));
    }
  g_ptr_array_add (parents, NULL);

  revision = commons_revision_new (record, kind, (const char * const *) parents->pdata,
                                   self->person_id, NULL, deleted, fields, error);
  if (revision == NULL)
    return FALSE;

  if (!_commons_store_begin (self, error))
    return FALSE;
  if (amend && !delete_revision_row (self, commons_revision_get_id (head), error))
    goto fail;
  if (amend)
    {
      /* The amended revision's parents are heads again until the new one
       * takes its place just below. */
      for (guint i = 0; i + 1 < parents->len; i++)
        {
          sqlite3_stmt *stmt = _commons_store_prepare (self,
              "INSERT OR IGNORE INTO heads (record, revision) VALUES (?, ?)", error);

          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (parents, i), -1, SQLITE_STATIC);
          if (!_commons_store_step_done (self, stmt, error))
            goto fail;
        }
    }
  if (!add_one (self, revision, info.scope, error))
    goto fail;
  if (!_commons_store_commit (self, error))
    return FALSE;
  if (written != NULL)
    *written = g_strdup (commons_revision_get_id (revision));
  return TRUE;

fail:
  _commons_store_rollback (self);
  return FALSE;
}

/**
 * commons_store_create_record:
 * @kind: the record kind
 * @scope: %COMMONS_SCOPE_LOCAL or a group id
 * @fields: the first revision's fields
 *
 * Returns: (transfer full): the new record's id
 */
char *
commons_store_create_record (CommonsStore  *self,
                             const char    *kind,
                             const char    *scope,
                             JsonObject    *fields,
                             GError       **error)
{
  g_autofree char *record = g_uuid_string_random ();

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (!_commons_store_create_record_as (self, record, kind, scope, fields, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * _commons_store_create_record_as:
 * @record: the new record's id
 *
 * commons_store_create_record() for a record whose id is not random but
 * derived, as a vote's is from its voter and answer.
 */
gboolean
_commons_store_create_record_as (CommonsStore  *self,
                                 const char    *record,
                                 const char    *kind,
                                 const char    *scope,
                                 JsonObject    *fields,
                                 GError       **error)
{
  g_autoptr(CommonsRevision) revision = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);

  revision = commons_revision_new (record, kind, NULL, self->person_id, NULL, FALSE, fields, error);
  if (revision == NULL)
    return FALSE;

  if (!_commons_store_begin (self, error))
    return FALSE;
  if (!add_one (self, revision, scope, error))
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  return _commons_store_commit (self, error);
}

/**
 * commons_store_edit_record:
 * @record: a record id
 * @fields: the record's new fields, complete
 *
 * Saves a person's edit. Within the quiet interval an edit amends the
 * revision not yet shared, so autosave does not make a revision per
 * keystroke; after it, the edit starts a new revision. An edit of a record
 * in conflict becomes the resolution: a child of every head.
 */
gboolean
commons_store_edit_record (CommonsStore  *self,
                           const char    *record,
                           JsonObject    *fields,
                           GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return write_state (self, record, NULL, fields, FALSE, TRUE, NULL, error);
}

/**
 * _commons_store_edit_record_full:
 * @base: (nullable): the revision the person edited, when the record may
 *   have changed since it was shown; %NULL for the current one
 * @allow_amend: %FALSE to always start a new revision, as when others
 *   have referred to the current one (a review names it)
 * @written: (out) (optional): the revision that holds @fields: the new
 *   one, or @base or the head when nothing changed
 *
 * commons_store_edit_record() with a say over amending and over what the
 * edit descends from.
 */
gboolean
_commons_store_edit_record_full (CommonsStore  *self,
                                 const char    *record,
                                 const char    *base,
                                 JsonObject    *fields,
                                 gboolean       allow_amend,
                                 char         **written,
                                 GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return write_state (self, record, base, fields, FALSE, allow_amend, written, error);
}

/**
 * commons_store_delete_record:
 *
 * Deletes a record with a revision that says so; its history stays, and
 * commons_store_undelete_record() brings it back.
 */
gboolean
commons_store_delete_record (CommonsStore  *self,
                             const char    *record,
                             GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  current = commons_store_get_current (self, record, error);
  if (current == NULL)
    return FALSE;
  if (commons_revision_get_deleted (current))
    return TRUE;

  return write_state (self, record, NULL, commons_revision_get_fields (current), TRUE, FALSE, NULL, error);
}

/**
 * commons_store_undelete_record:
 *
 * Undoes a delete. A delete that never left the device is removed, as if
 * it never happened; otherwise a new revision restores the fields.
 */
gboolean
commons_store_undelete_record (CommonsStore  *self,
                               const char    *record,
                               GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  g_auto(RevisionInfo) info = { 0 };
  CommonsRevision *head;
  const char * const *parents;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return FALSE;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return FALSE;
    }
  head = g_ptr_array_index (heads, 0);
  if (!commons_revision_get_deleted (head))
    return TRUE;
  if (!get_revision_info (self, commons_revision_get_id (head), &info, error))
    return FALSE;

  parents = commons_revision_get_parents (head);
  if (heads->len == 1 && !info.pushed && !info.exported && !info.sent && parents[0] != NULL &&
      commons_store_is_me (self, commons_revision_get_author (head)))
    {
      if (!_commons_store_begin (self, error))
        return FALSE;
      if (!delete_revision_row (self, commons_revision_get_id (head), error))
        goto fail;
      for (guint i = 0; parents[i] != NULL; i++)
        {
          sqlite3_stmt *stmt = _commons_store_prepare (self,
              "INSERT OR IGNORE INTO heads (record, revision) VALUES (?, ?)", error);

          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, parents[i], -1, SQLITE_STATIC);
          if (!_commons_store_step_done (self, stmt, error))
            goto fail;
        }
      if (!_commons_store_materialize (self, record, info.scope, error))
        goto fail;
      return _commons_store_commit (self, error);
    }

  return write_state (self, record, NULL, commons_revision_get_fields (head), FALSE, FALSE, NULL, error);

fail:
  _commons_store_rollback (self);
  return FALSE;
}

/**
 * commons_store_restore_revision:
 * @record: a record id
 * @revision: the id of one of its revisions
 *
 * Restores an earlier version as a new revision; nothing in the history is
 * removed.
 */
gboolean
commons_store_restore_revision (CommonsStore  *self,
                                const char    *record,
                                const char    *revision,
                                GError       **error)
{
  g_autoptr(CommonsRevision) old = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  old = commons_store_get_revision (self, revision, error);
  if (old == NULL)
    return FALSE;
  if (!g_str_equal (commons_revision_get_record (old), record))
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("That version belongs to another record"));
      return FALSE;
    }

  return write_state (self, record, NULL, commons_revision_get_fields (old), FALSE, FALSE, NULL, error);
}
