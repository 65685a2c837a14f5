/* commons-store-revisions.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-merge.h"
#include "commons-store-private.h"

/* Revisions and their DAG: reading them, and storing what arrives or is
 * written, with each record's heads and the merge of concurrent ones. */

/* Reading revisions. */

static CommonsRevision *
revision_from_row (CommonsStore  *self,
                   sqlite3_stmt  *stmt,
                   int            column,
                   GError       **error)
{
  const char *id = (const char *) sqlite3_column_text (stmt, column);
  CommonsRevision *recent = g_hash_table_lookup (self->recent, id);

  if (recent != NULL)
    return commons_revision_ref (recent);
  return _commons_revision_new_trusted (id, (const char *) sqlite3_column_text (stmt, column + 1), error);
}

CommonsRevision *
commons_store_get_revision (CommonsStore  *self,
                            const char    *id,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _commons_store_prepare (self, "SELECT id, body FROM revisions WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      CommonsRevision *revision = revision_from_row (self, stmt, 0, error);

      sqlite3_reset (stmt);
      return revision;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
               _("Revision %s is not in the store"), id);
  return NULL;
}

static GPtrArray *
collect_revisions (CommonsStore  *self,
                   const char    *sql,
                   const char    *record,
                   GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  sqlite3_stmt *stmt = _commons_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CommonsRevision *revision = revision_from_row (self, stmt, 0, error);

      if (revision == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (result, revision);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/**
 * commons_store_get_heads:
 * @record: a record id
 *
 * Returns: (transfer container) (element-type CommonsRevision): the
 *   record's heads, the one displayed first
 */
GPtrArray *
commons_store_get_heads (CommonsStore  *self,
                         const char    *record,
                         GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  /* The display rule, fixed so every replica shows the same head: a live
   * head before a delete, then the latest time, then the greatest id. */
  return collect_revisions (self,
                            "SELECT r.id, r.body FROM heads h JOIN revisions r ON r.id = h.revision "
                            "WHERE h.record = ? ORDER BY r.deleted ASC, r.time DESC, r.id DESC",
                            record, error);
}

/**
 * commons_store_get_history:
 * @record: a record id
 *
 * Returns: (transfer container) (element-type CommonsRevision): every
 *   revision of the record, newest first
 */
GPtrArray *
commons_store_get_history (CommonsStore  *self,
                           const char    *record,
                           GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return collect_revisions (self,
                            "SELECT id, body FROM revisions WHERE record = ? "
                            "ORDER BY time DESC, seq DESC",
                            record, error);
}

CommonsRevision *
commons_store_get_current (CommonsStore  *self,
                           const char    *record,
                           GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return NULL;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return NULL;
    }
  return commons_revision_ref (g_ptr_array_index (heads, 0));
}

char *
commons_store_get_scope (CommonsStore  *self,
                         const char    *record,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  char *scope = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);

  stmt = _commons_store_prepare (self, "SELECT scope FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (scope == NULL)
    g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                 _("The record does not exist"));
  return scope;
}

/* Writing revisions. */

static gboolean
revision_exists (CommonsStore  *self,
                 const char    *id,
                 gboolean      *exists,
                 GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "SELECT 1 FROM revisions WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);
  *exists = (rc == SQLITE_ROW);
  return TRUE;
}

static gint64
next_seq (CommonsStore *self)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "SELECT coalesce(max(seq), 0) + 1 FROM revisions", NULL);
  gint64 seq = 1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return seq;
}

/* The lowest common ancestor of two revisions: a common ancestor that is
 * not an ancestor of another common ancestor; among several (criss-cross
 * histories), the latest, then the greatest id, so every replica picks the
 * same one. */
static CommonsRevision *
find_merge_base (CommonsStore  *self,
                 const char    *a,
                 const char    *b,
                 GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self,
      "WITH RECURSIVE "
      "  up_a (id) AS (SELECT ?1 UNION SELECT p.parent FROM revision_parents p JOIN up_a ON p.revision = up_a.id), "
      "  up_b (id) AS (SELECT ?2 UNION SELECT p.parent FROM revision_parents p JOIN up_b ON p.revision = up_b.id), "
      "  common (id) AS (SELECT id FROM up_a INTERSECT SELECT id FROM up_b), "
      "  below (id) AS (SELECT p.parent FROM revision_parents p JOIN common c ON p.revision = c.id "
      "                 UNION SELECT p.parent FROM revision_parents p JOIN below ON p.revision = below.id) "
      "SELECT r.id, r.body FROM common c JOIN revisions r ON r.id = c.id "
      "WHERE c.id NOT IN (SELECT id FROM below) ORDER BY r.time DESC, r.id DESC LIMIT 1", error);
  CommonsRevision *base = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    base = revision_from_row (self, stmt, 0, error);
  else if (rc != SQLITE_DONE)
    _commons_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return base;
}

/* The merge of two revisions, as every replica computes it. Sets
 * *conflict and returns NULL when the same lines changed on both sides. */
CommonsRevision *
_commons_store_merge_pair (CommonsStore     *self,
            CommonsRevision  *a,
            CommonsRevision  *b,
            gboolean         *conflict,
            GError          **error)
{
  g_autoptr(CommonsRevision) base = NULL;
  g_autoptr(GError) local_error = NULL;
  CommonsRevision *merged;

  *conflict = FALSE;
  base = find_merge_base (self, commons_revision_get_id (a), commons_revision_get_id (b), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  merged = commons_merge_revisions (base, a, b, &local_error);
  if (merged == NULL)
    {
      if (g_error_matches (local_error, COMMONS_MERGE_ERROR, COMMONS_MERGE_ERROR_CONFLICT))
        *conflict = TRUE;
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return merged;
}

/* Inserts one revision and updates the record's heads; the caller holds the
 * transaction and materializes afterwards. */
/* A record keeps the scope of its first revision: a revision that names
 * a record of another scope, or a kind other than the record's, is not
 * part of it; nor is one whose parents are not held or are another
 * record's. */
static gboolean
check_place (CommonsStore     *self,
             CommonsRevision  *revision,
             const char       *scope,
             GError          **error)
{
  const char *id = commons_revision_get_id (revision);
  const char *record = commons_revision_get_record (revision);
  const char * const *parents = commons_revision_get_parents (revision);
  sqlite3_stmt *stmt;

  stmt = _commons_store_prepare (self, "SELECT scope, kind FROM revisions WHERE record = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), scope) == 0 &&
                      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                                 commons_revision_get_kind (revision)) == 0;

      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                       _("Revision %.12s belongs to a record of another group or kind"), id);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  for (guint i = 0; parents[i] != NULL; i++)
    {
      stmt = _commons_store_prepare (self, "SELECT record FROM revisions WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, parents[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW ||
          !g_str_equal ((const char *) sqlite3_column_text (stmt, 0), record))
        {
          sqlite3_reset (stmt);
          g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_MISSING_PARENT,
                       _("Revision %.12s names a parent that is not held"), id);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
_commons_store_insert_revision (CommonsStore      *self,
                                CommonsRevision   *revision,
                                const char        *scope,
                                gboolean           pushed,
                                CommonsAddResult  *result,
                                GError           **error)
{
  return _commons_store_insert_checked (self, revision, scope, pushed, NULL, FALSE, result, error);
}

/**
 * _commons_store_insert_checked:
 * @sender: (nullable): the member who pushed it, for a pulled revision
 * @checked: whether the caller has already checked that the revision is
 *   not held yet, belongs to a record of its scope and kind, and that its
 *   parents are held and of the same record, as _commons_store_receive()
 *   does
 */
gboolean
_commons_store_insert_checked (CommonsStore      *self,
                               CommonsRevision   *revision,
                               const char        *scope,
                               gboolean           pushed,
                               const char        *sender,
                               gboolean           checked,
                               CommonsAddResult  *result,
                               GError           **error)
{
  const char *id = commons_revision_get_id (revision);
  const char *record = commons_revision_get_record (revision);
  const char * const *parents = commons_revision_get_parents (revision);
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  gboolean has_child = FALSE;
  gboolean new_record = FALSE;

  /* A checked revision was also looked up by the caller. */
  if (!checked && !revision_exists (self, id, &exists, error))
    return FALSE;
  if (exists)
    {
      if (pushed)
        {
          stmt = _commons_store_prepare (self, "UPDATE revisions SET pushed = 1 WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
          if (!_commons_store_step_done (self, stmt, error))
            return FALSE;
        }
      *result = COMMONS_ADD_DUPLICATE;
      return TRUE;
    }

  /* A record keeps the scope of its first revision: a revision that names
   * a record of another scope, or a kind other than the record's, is not
   * part of it. */
  if (!checked && !check_place (self, revision, scope, error))
    return FALSE;

  if (parents[0] == NULL && commons_sqlite_in_transaction (self->sql) &&
      !g_hash_table_contains (self->fresh, record))
    {
      stmt = _commons_store_prepare (self, "SELECT 1 FROM revisions WHERE record = ? LIMIT 1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      new_record = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }

  /* A revision without an author claims to be the merge of its parents:
   * recompute it, and ignore one that is not. */
  if (commons_revision_get_author (revision) == NULL)
    {
      g_autoptr(CommonsRevision) a = NULL;
      g_autoptr(CommonsRevision) b = NULL;
      g_autoptr(CommonsRevision) expected = NULL;
      gboolean conflict = FALSE;

      if (g_strv_length ((char **) parents) != 2)
        {
          *result = COMMONS_ADD_REJECTED;
          return TRUE;
        }
      a = commons_store_get_revision (self, parents[0], error);
      b = a != NULL ? commons_store_get_revision (self, parents[1], error) : NULL;
      if (b == NULL)
        return FALSE;
      expected = _commons_store_merge_pair (self, a, b, &conflict, error);
      if (expected == NULL && !conflict)
        return FALSE;
      if (expected == NULL || !g_str_equal (commons_revision_get_id (expected), id))
        {
          g_debug ("Ignoring revision %.12s: not the merge of its parents", id);
          *result = COMMONS_ADD_REJECTED;
          return TRUE;
        }
    }

  /* The signature goes in with the row, checked by the caller before the
   * revision came this far: setting it afterwards wrote the whole row
   * twice. What neither has a sender nor a signature names neither
   * column, as a store at a schema before they existed needs. */
  stmt = _commons_store_prepare (self,
      sender != NULL || commons_revision_get_signature (revision) != NULL ?
      "INSERT INTO revisions (id, record, kind, author, time, deleted, body, scope, pushed, seq, sender, signature) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" :
      "INSERT INTO revisions (id, record, kind, author, time, deleted, body, scope, pushed, seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, commons_revision_get_kind (revision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, commons_revision_get_author (revision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, commons_revision_get_time (revision), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, commons_revision_get_deleted (revision));
  sqlite3_bind_text (stmt, 7, commons_revision_get_canonical (revision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, scope, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, pushed);
  sqlite3_bind_int64 (stmt, 10, next_seq (self));
  if (sqlite3_bind_parameter_count (stmt) > 10)
    {
      sqlite3_bind_text (stmt, 11, sender, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, commons_revision_get_signature (revision), -1, SQLITE_STATIC);
    }
  if (!_commons_store_step_done (self, stmt, error))
    return FALSE;
  if (commons_sqlite_in_transaction (self->sql))
    {
      g_hash_table_replace (self->recent, (gpointer) commons_revision_get_id (revision),
                            commons_revision_ref (revision));
      if (new_record)
        g_hash_table_insert (self->fresh, g_strdup (record), commons_revision_ref (revision));
      else if (g_hash_table_contains (self->fresh, record))
        g_hash_table_replace (self->fresh, g_strdup (record), NULL);
    }

  for (guint i = 0; parents[i] != NULL; i++)
    {
      stmt = _commons_store_prepare (self,
          "INSERT INTO revision_parents (revision, parent) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parents[i], -1, SQLITE_STATIC);
      if (!_commons_store_step_done (self, stmt, error))
        return FALSE;

      stmt = _commons_store_prepare (self, "DELETE FROM heads WHERE record = ? AND revision = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parents[i], -1, SQLITE_STATIC);
      if (!_commons_store_step_done (self, stmt, error))
        return FALSE;
    }

  /* A child that arrived first (a bundle written in any order) already
   * supersedes this revision. */
  stmt = _commons_store_prepare (self, "SELECT 1 FROM revision_parents WHERE parent = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  has_child = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!has_child)
    {
      stmt = _commons_store_prepare (self, "INSERT INTO heads (record, revision) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (!_commons_store_step_done (self, stmt, error))
        return FALSE;
    }

  *result = COMMONS_ADD_STORED;
  return TRUE;
}

static int
compare_revision_ids (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (commons_revision_get_id (*(CommonsRevision **) a),
                 commons_revision_get_id (*(CommonsRevision **) b));
}

/* Merges a record's heads two at a time, lowest ids first, until one is
 * left or two conflict. Merge revisions are stored like any other and pushed
 * later; every replica makes the same ones, so they meet as duplicates. */
gboolean
_commons_store_merge_heads (CommonsStore  *self,
             const char    *record,
             const char    *scope,
             GError       **error)
{
  /* Most records that a batch touches have one head: nothing to merge,
   * and no reason to read it. */
  if (g_hash_table_lookup (self->fresh, record) != NULL)
    return TRUE;
  {
    sqlite3_stmt *stmt = _commons_store_prepare (self, COMMONS_SQL_COUNT_HEADS, error);
    gint64 n = 0;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      n = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    if (n < 2)
      return TRUE;
  }

  for (;;)
    {
      g_autoptr(GPtrArray) heads = commons_store_get_heads (self, record, error);
      g_autoptr(CommonsRevision) merged = NULL;
      CommonsRevision *a, *b;
      CommonsAddResult result;
      gboolean conflict = FALSE;

      if (heads == NULL)
        return FALSE;
      if (heads->len < 2)
        return TRUE;

      g_ptr_array_sort (heads, compare_revision_ids);
      a = g_ptr_array_index (heads, 0);
      b = g_ptr_array_index (heads, 1);

      merged = _commons_store_merge_pair (self, a, b, &conflict, error);
      if (merged == NULL)
        return conflict;
      if (!_commons_store_insert_revision (self, merged, scope, FALSE, &result, error))
        return FALSE;
      if (result != COMMONS_ADD_STORED)
        return TRUE;
    }
}

/**
 * commons_store_add_revisions:
 * @revisions: (element-type CommonsRevision): revisions, parents before
 *   children
 * @scope: the scope they belong to: %COMMONS_SCOPE_LOCAL or a group id
 * @pushed: whether they are already known outside this device
 * @results: (nullable) (element-type CommonsAddResult): filled with one
 *   result per revision
 * @error: return location for a #GError
 *
 * Stores a batch of trusted revisions, this device's own, in one
 * transaction: heads are recomputed and the materialized state updated
 * before it commits, so a crash leaves either all of the batch or none of
 * it. Revisions already held are counted as duplicates and change nothing.
 * What comes from others goes through _commons_store_receive() instead.
 *
 * Returns: %TRUE if the whole batch was stored
 */
gboolean
commons_store_add_revisions (CommonsStore  *self,
                             GPtrArray     *revisions,
                             const char    *scope,
                             gboolean       pushed,
                             GArray        *results,
                             GError       **error)
{
  /* record id → the scope it lives in */
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (revisions != NULL, FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  if (!_commons_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (revisions, i);
      CommonsAddResult result;

      if (!_commons_store_insert_revision (self, revision, scope, pushed, &result, error))
        goto fail;
      if (results != NULL)
        g_array_append_val (results, result);
      if (result == COMMONS_ADD_STORED)
        g_hash_table_add (touched, (gpointer) commons_revision_get_record (revision));
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_commons_store_merge_heads (self, key, scope, error) ||
        !_commons_store_materialize (self, key, scope, error))
      goto fail;

  return _commons_store_commit (self, error);

fail:
  _commons_store_rollback (self);
  if (results != NULL)
    g_array_set_size (results, 0);
  return FALSE;
}
