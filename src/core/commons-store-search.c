/* commons-store-search.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include "commons-json.h"
#include "commons-store-private.h"

/* What the store keeps derived from each record's current state: the
 * materialized rows of its kind and the full-text index. */

struct _SearchEntry
{
  char *title;
  char *text;
};

void
_commons_store_search_entry_free (SearchEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->text);
  g_free (entry);
}

static gboolean
write_search (CommonsStore  *self,
              gint64         rowid,
              SearchEntry   *entry,
              GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "DELETE FROM record_search WHERE rowid = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!_commons_store_step_done (self, stmt, error))
    return FALSE;
  if (entry == NULL)
    return TRUE;
  stmt = _commons_store_prepare (self, "INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, entry->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->text, -1, SQLITE_STATIC);
  return _commons_store_step_done (self, stmt, error);
}

/* Sets what the search index says of a record: @title and @text, or
 * nothing when @title is %NULL. Inside a transaction it is written when
 * the transaction commits, after every other statement. */
static gboolean
set_search (CommonsStore  *self,
            gint64         rowid,
            const char    *title,
            const char    *text,
            GError       **error)
{
  SearchEntry *entry = NULL;

  if (title != NULL)
    {
      entry = g_new0 (SearchEntry, 1);
      entry->title = g_strdup (title);
      entry->text = g_strdup (text);
    }
  if (!commons_sqlite_in_transaction (self->sql))
    {
      gboolean ok = write_search (self, rowid, entry, error);

      _commons_store_search_entry_free (entry);
      return ok;
    }
  g_hash_table_replace (self->search_pending, g_memdup2 (&rowid, sizeof rowid), entry);
  return TRUE;
}

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Written in rowid order: FTS5 keeps what a transaction adds in memory
 * only while rowids rise, and writes a segment to disk (later merged)
 * each time one goes down, so hash-table order made a segment of nearly
 * every record. */
gboolean
_commons_store_flush_search (CommonsStore  *self,
                             GError       **error)
{
  g_autoptr(GArray) rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                                g_hash_table_size (self->search_pending));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->search_pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (rowids, *(gint64 *) key);
  g_array_sort (rowids, compare_rowids);
  for (guint i = 0; i < rowids->len; i++)
    {
      gint64 rowid = g_array_index (rowids, gint64, i);

      if (!write_search (self, rowid, g_hash_table_lookup (self->search_pending, &rowid), error))
        return FALSE;
    }
  g_hash_table_remove_all (self->search_pending);
  return TRUE;
}

/* Materialized state. */

gboolean
_commons_store_materialize (CommonsStore  *self,
             const char    *record,
             const char    *scope,
             GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  CommonsRevision *fresh;
  CommonsRevision *head;
  const CommonsKindInfo *info;
  sqlite3_stmt *stmt;
  const char *text;
  const char *preview;
  g_autofree char *created = NULL;
  const char *title;
  gboolean deleted;
  gint64 rowid = 0;

  fresh = g_hash_table_lookup (self->fresh, record);
  if (fresh != NULL)
    {
      /* New in this transaction with its one revision: that is its head
       * and its start, and it has no row yet. */
      heads = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
      g_ptr_array_add (heads, commons_revision_ref (fresh));
      created = g_strdup (commons_revision_get_time (fresh));
    }
  else
    {
      heads = commons_store_get_heads (self, record, error);
      if (heads == NULL)
        return FALSE;

      stmt = _commons_store_prepare (self, "SELECT rowid FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        rowid = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if (heads->len == 0)
    {
      /* Every revision of the record was amended away. */
      if (rowid != 0)
        {
          if (!set_search (self, rowid, NULL, NULL, error))
            return FALSE;
          stmt = _commons_store_prepare (self, "DELETE FROM records WHERE rowid = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, rowid);
          if (!_commons_store_step_done (self, stmt, error))
            return FALSE;
        }
      return TRUE;
    }

  head = g_ptr_array_index (heads, 0);
  deleted = commons_revision_get_deleted (head);
  title = commons_revision_get_string_field (head, "title");
  if (title == NULL)
    title = "";
  text = commons_revision_get_search_text (head);
  preview = commons_revision_get_preview (head);

  if (created == NULL)
    {
      stmt = _commons_store_prepare (self, "SELECT min(time) FROM revisions WHERE record = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        created = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  stmt = _commons_store_prepare (self,
      "INSERT INTO records (id, kind, scope, head, author, created, updated, deleted, conflict, title, preview) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "ON CONFLICT (id) DO UPDATE SET head = ?4, author = ?5, created = ?6, updated = ?7, "
      "deleted = ?8, conflict = ?9, title = ?10, preview = ?11 "
      "RETURNING rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, commons_revision_get_kind (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, commons_revision_get_id (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, commons_revision_get_author (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, created ? created : commons_revision_get_time (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, commons_revision_get_time (head), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, deleted);
  sqlite3_bind_int (stmt, 9, heads->len > 1);
  sqlite3_bind_text (stmt, 10, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, preview, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_reset (stmt);
      return _commons_store_set_error (self, rc, error);
    }
  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!set_search (self, rowid, deleted ? NULL : title, text, error))
    return FALSE;

  info = _commons_store_lookup_kind (commons_revision_get_kind (head));
  if (info != NULL && info->materialize != NULL &&
      !info->materialize (self, rowid, deleted ? NULL : head, error))
    return FALSE;

  g_hash_table_replace (self->changed, g_strdup (record),
                        g_strdup (commons_revision_get_kind (head)));
  return TRUE;
}
