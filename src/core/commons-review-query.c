/* commons-review-query.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-review"

#include "config.h"

#include "commons-review-query.h"
#include "commons-store-private.h"

/* The two lists of the app's Reviews page, read from the materialized
 * plans and reviews tables so neither replays history. */

static GArray *
collect_rowids (CommonsStore  *store,
                const char    *sql,
                GError       **error)
{
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _commons_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  /* This person by key, and by the UUID of before keys (or no one). */
  sqlite3_bind_text (stmt, 1, commons_store_get_person_id (store), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, commons_store_get_legacy_person_id (store) != NULL ?
                     commons_store_get_legacy_person_id (store) : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rowids);
}

/**
 * commons_review_query_waiting:
 *
 * Plans written by someone else whose displayed version this person has
 * neither reviewed nor written, most recently changed first. A plan comes
 * back after each change, since a review stays tied to the version it
 * read; not after one's own change, which one cannot approve.
 *
 * Returns: (transfer full): row ids, or %NULL with @error set
 */
GArray *
commons_review_query_waiting (CommonsStore  *store,
                              GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  return collect_rowids (store,
                         "SELECT r.rowid FROM records r JOIN plans p ON p.rowid = r.rowid "
                         "WHERE r.kind = 'plan' AND r.deleted = 0 "
                         "  AND p.creator <> '' AND p.creator <> ?1 AND p.creator <> ?2 "
                         "  AND r.author IS NOT ?1 AND r.author IS NOT ?2 "
                         "  AND NOT EXISTS (SELECT 1 FROM reviews v "
                         "    WHERE v.plan = r.id AND v.plan_revision = r.head AND v.reviewer IN (?1, ?2)) "
                         "ORDER BY r.updated DESC, r.rowid",
                         error);
}

/**
 * commons_review_query_written:
 *
 * The reviews this person wrote, newest first.
 *
 * Returns: (transfer full): row ids, or %NULL with @error set
 */
GArray *
commons_review_query_written (CommonsStore  *store,
                              GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  return collect_rowids (store,
                         "SELECT r.rowid FROM records r JOIN reviews v ON v.rowid = r.rowid "
                         "WHERE r.kind = 'review' AND r.deleted = 0 AND v.reviewer IN (?1, ?2) "
                         "ORDER BY r.updated DESC, r.rowid",
                         error);
}
