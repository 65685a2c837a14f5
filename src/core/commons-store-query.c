/* commons-store-query.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <stdlib.h>

#include "commons-store-private.h"

/* Lists and search: the records of a kind in list order, and what matches
 * a person's search. */

/**
 * commons_store_build_match:
 * @search: what a person typed
 *
 * Turns free text into an FTS5 query: every word must match, each as a
 * prefix, so results come while the person is still typing. Operators and
 * punctuation are ignored rather than parsed.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL if @search has no
 *   words
 */
char *
commons_store_build_match (const char *search)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    return NULL;

  for (const char *p = search;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Below this many search hits, looking each one up and sorting is cheaper
 * than walking every row of the kind in order. */
#define QUERY_FEW_HITS 4096

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static int
compare_rowids_desc (gconstpointer a,
                     gconstpointer b)
{
  return compare_rowids (b, a);
}

/* Collects the row ids a statement returns in its first column. */
static gboolean
collect_rowids (CommonsStore  *self,
                sqlite3_stmt  *stmt,
                GArray        *rows,
                GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);
  return TRUE;
}

/* Lists the live rows of @kind newest first by walking the covering index
 * records_list in order, keeping those in @hits (sorted row ids) if given.
 * No join and no sort: ordering many search hits by joining them to
 * records took most of a search's time. */
static gboolean
query_kind_in_order (CommonsStore  *self,
                     const char    *kind,
                     GArray        *hits,
                     GArray        *rows,
                     GError       **error)
{
  g_autoptr(GString) run_updated = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint run_start = 0;
  int rc;

  stmt = _commons_store_prepare (self,
      "SELECT rowid, updated FROM records WHERE kind = ? AND deleted = 0 "
      "ORDER BY updated DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      const char *updated = (const char *) sqlite3_column_text (stmt, 1);

      if (hits != NULL &&
          bsearch (&rowid, hits->data, hits->len, sizeof (gint64), compare_rowids) == NULL)
        continue;

      /* Rows updated at the same moment go newest row first, as the
       * ORDER BY updated DESC, rowid DESC of the other queries. */
      if (updated == NULL || !g_str_equal (updated, run_updated->str))
        {
          if (rows->len - run_start > 1)
            qsort (&g_array_index (rows, gint64, run_start), rows->len - run_start,
                   sizeof (gint64), compare_rowids_desc);
          run_start = rows->len;
          g_string_assign (run_updated, updated != NULL ? updated : "");
        }
      g_array_append_val (rows, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);

  if (rows->len - run_start > 1)
    qsort (&g_array_index (rows, gint64, run_start), rows->len - run_start,
           sizeof (gint64), compare_rowids_desc);
  return TRUE;
}

/* The live records of @kind in list order, from the cache when nothing
 * was written since it was made. Owned by the store. */
static GArray *
kind_in_order (CommonsStore  *self,
               const char    *kind,
               GError       **error)
{
  g_autofree char *name = g_strconcat ("order:", kind, NULL);
  GArray *rows = _commons_store_get_derived (self, name);

  if (rows != NULL)
    return rows;

  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!query_kind_in_order (self, kind, NULL, rows, error))
    {
      g_array_unref (rows);
      return NULL;
    }
  _commons_store_set_derived (self, name, rows, (GDestroyNotify) g_array_unref, NULL);
  return rows;
}

/**
 * commons_store_query_newest:
 * @kind: the kind to list
 * @limit: how many records at most
 *
 * Lists the @limit newest live records of @kind, in the order of
 * commons_store_query(): what a list shows first, without reading the
 * whole index.
 *
 * Returns: (transfer full) (element-type gint64): the records' row ids
 */
GArray *
commons_store_query_newest (CommonsStore  *self,
                            const char    *kind,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  stmt = _commons_store_prepare (self,
      "SELECT rowid FROM records WHERE kind = ? AND deleted = 0 "
      "ORDER BY updated DESC, rowid DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (!collect_rowids (self, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Appends to @rows the row ids of @order (a kind's rows, newest first)
 * that are among @hits (sorted, not empty). Hits are marked in a bitmap
 * over their range of row ids, so each row costs one lookup rather than a
 * binary search, which matters for a common word with hits in most rows
 * (bench-notes measures it). Hits spread
 * over a much wider range than their number, as after many deletions, are
 * searched instead. */
void
_commons_store_keep_hits_in_order (GArray *order,
                                   GArray *hits,
                                   GArray *rows)
{
  gint64 first = g_array_index (hits, gint64, 0);
  guint64 range = (guint64) (g_array_index (hits, gint64, hits->len - 1) - first) + 1;
  g_autofree guint32 *marked = NULL;

  if (range / 64 > hits->len)
    {
      for (guint i = 0; i < order->len; i++)
        {
          gint64 rowid = g_array_index (order, gint64, i);

          if (bsearch (&rowid, hits->data, hits->len, sizeof (gint64), compare_rowids) != NULL)
            g_array_append_val (rows, rowid);
        }
      return;
    }

  marked = g_new0 (guint32, range / 32 + 1);
  for (guint i = 0; i < hits->len; i++)
    {
      guint64 bit = (guint64) (g_array_index (hits, gint64, i) - first);

      marked[bit / 32] |= 1u << (bit % 32);
    }
  for (guint i = 0; i < order->len; i++)
    {
      gint64 rowid = g_array_index (order, gint64, i);
      guint64 bit = (guint64) (rowid - first);

      if (rowid >= first && bit < range && (marked[bit / 32] & (1u << (bit % 32))) != 0)
        g_array_append_val (rows, rowid);
    }
}

/**
 * commons_store_query:
 * @kind: (nullable): the kind to list, or %NULL for all
 * @search: (nullable): free text to search for
 *
 * Lists live records, newest first (by their updated time, then by row
 * id, the latest row first).
 *
 * Returns: (transfer full) (element-type gint64): the records' row ids
 */
GArray *
commons_store_query (CommonsStore  *self,
                     const char    *kind,
                     const char    *search,
                     GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) hits = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);

  match = commons_store_build_match (search);

  if (match != NULL && kind != NULL)
    {
      /* Search hits come from the index in row id order, ready for
       * bsearch(). */
      hits = g_array_new (FALSE, FALSE, sizeof (gint64));
      stmt = _commons_store_prepare (self,
          "SELECT rowid FROM record_search WHERE record_search MATCH ? ORDER BY rowid", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      if (!collect_rowids (self, stmt, hits, error))
        return NULL;
      if (hits->len == 0)
        return g_steal_pointer (&rows);
    }

  if (kind != NULL && (hits == NULL || hits->len >= QUERY_FEW_HITS))
    {
      GArray *order = kind_in_order (self, kind, error);

      if (order == NULL)
        return NULL;
      if (hits == NULL)
        g_array_append_vals (rows, order->data, order->len);
      else
        _commons_store_keep_hits_in_order (order, hits, rows);
      return g_steal_pointer (&rows);
    }

  if (match != NULL)
    stmt = _commons_store_prepare (self,
        "SELECT r.rowid FROM record_search s JOIN records r ON r.rowid = s.rowid "
        "WHERE record_search MATCH ?1 AND (?2 IS NULL OR r.kind = ?2) AND r.deleted = 0 "
        "ORDER BY r.updated DESC, r.rowid DESC", error);
  else
    stmt = _commons_store_prepare (self,
        "SELECT rowid FROM records WHERE (?2 IS NULL OR kind = ?2) AND deleted = 0 "
        "ORDER BY updated DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  if (!collect_rowids (self, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * commons_store_list_conflicts:
 * @kind: the record kind
 * @scope: %COMMONS_SCOPE_LOCAL or a group id
 *
 * The live records of @kind in @scope whose heads did not merge, newest
 * first: what the Groups page offers to resolve, read without loading
 * every record's summary.
 *
 * Returns: (transfer full) (element-type gint64): their row ids
 */
GArray *
commons_store_list_conflicts (CommonsStore  *self,
                              const char    *kind,
                              const char    *scope,
                              GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  stmt = _commons_store_prepare (self,
      "SELECT rowid FROM records WHERE kind = ? AND scope = ? AND conflict = 1 AND deleted = 0 "
      "ORDER BY updated DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
  if (!collect_rowids (self, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

guint
commons_store_count_records (CommonsStore *self,
                             const char   *kind)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (self), 0);

  stmt = _commons_store_prepare (self,
      "SELECT count(*) FROM records WHERE (?1 IS NULL OR kind = ?1) AND deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
