/* commons-plan-query.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include "commons-plan-query.h"
#include "commons-store-private.h"

/* The status rule of commons-review-summary.h, in SQL, continuing the
 * WITH clause that defines "candidates". "latest" keeps each reviewer's
 * latest review of each plan revision (SQLite takes the bare columns from
 * the row holding the max), leaving out the plan creator's own; "per_rev"
 * counts approvals per revision; "per_plan" keeps, per plan with counted
 * reviews, the approvals of its head and the most any revision has. One
 * pass over the candidates' reviews, then IN lookups rather than joins on
 * the results, which SQLite would scan once per plan. */
static const char status_sql[] =
  ", latest AS ("
  "  SELECT c.rowid AS plan, v.plan_revision AS rev, v.plan_revision = c.head AS at_head,"
  "         v.verdict AS verdict, max (rr.created || rr.id)"
  "  FROM candidates c CROSS JOIN reviews v ON v.plan = c.id"
  "       CROSS JOIN records rr ON rr.rowid = v.rowid"
  "  WHERE rr.deleted = 0 AND v.reviewer != '' AND v.reviewer != c.creator"
  "  GROUP BY c.rowid, v.plan_revision, v.reviewer),"
  " per_rev AS ("
  "  SELECT plan, max (at_head) AS at_head, sum (verdict = 'approve') AS n"
  "  FROM latest GROUP BY plan, rev),"
  " per_plan AS ("
  "  SELECT plan, max (n) AS best, max (at_head * n) AS at_head_n"
  "  FROM per_rev GROUP BY plan)"
  " SELECT c.rowid FROM candidates c"
  " WHERE (?6 = 0 AND c.rowid NOT IN (SELECT plan FROM per_plan))"
  "    OR (?6 != 0 AND c.rowid IN (SELECT plan FROM per_plan WHERE ?6 ="
  "          CASE WHEN at_head_n >= ?7 THEN 2 WHEN best >= ?7 THEN 3 ELSE 1 END))";

/**
 * commons_plan_query:
 * @filter: what to list
 *
 * Lists live plans matching @filter, in SQLite: the plan list never loads
 * rows it does not show. The review status is derived as
 * commons-review-summary.h says, only when @filter asks for one.
 *
 * Returns: (transfer full) (element-type gint64): the plans' row ids
 */
GArray *
commons_plan_query (CommonsStore             *store,
                    const CommonsPlanFilter  *filter,
                    GError                  **error)
{
  static const CommonsPlanFilter any = COMMONS_PLAN_FILTER_INIT;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &any;
  db = _commons_store_get_db (store);
  match = commons_store_build_match (filter->search);

  g_string_append (sql,
      "WITH candidates AS ("
      "  SELECT r.rowid AS rowid, r.id AS id, r.head AS head, r.title AS title,"
      "         r.updated AS updated, p.creator AS creator"
      "  FROM records r JOIN plans p ON p.rowid = r.rowid"
      "  WHERE r.kind = 'plan' AND r.deleted = 0"
      "    AND (?1 IS NULL OR p.subject = ?1)"
      "    AND (?2 IS NULL OR p.level = ?2)"
      "    AND (?3 IS NULL OR p.language = ?3)"
      "    AND (?4 IS NULL OR r.scope = ?4)");
  if (match != NULL)
    g_string_append (sql, " AND r.rowid IN (SELECT rowid FROM record_search WHERE record_search MATCH ?5)");
  g_string_append (sql, ")");

  if (filter->status >= 0)
    g_string_append (sql, status_sql);
  else
    g_string_append (sql, " SELECT c.rowid FROM candidates c");

  if (filter->sort == COMMONS_PLAN_SORT_TITLE)
    g_string_append (sql, " ORDER BY c.title COLLATE NOCASE, c.rowid");
  else
    g_string_append (sql, " ORDER BY c.updated DESC, c.rowid DESC");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, filter->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, filter->level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, filter->scope, -1, SQLITE_STATIC);
  if (match != NULL)
    sqlite3_bind_text (stmt, 5, match, -1, SQLITE_STATIC);
  if (filter->status >= 0)
    {
      sqlite3_bind_int (stmt, 6, filter->status);
      sqlite3_bind_int (stmt, 7, filter->approvals_needed > 0 ? filter->approvals_needed
                                                              : COMMONS_REVIEW_DEFAULT_APPROVALS);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, rowid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * commons_plan_list_values:
 * @column: which column
 *
 * Returns: (transfer full): the distinct non-empty values live plans have
 *   in @column, sorted, for the filter dropdowns
 */
char **
commons_plan_list_values (CommonsStore       *store,
                          CommonsPlanColumn   column,
                          GError            **error)
{
  static const char * const queries[] = {
    [COMMONS_PLAN_COLUMN_SUBJECT] =
      "SELECT DISTINCT p.subject FROM plans p JOIN records r ON r.rowid = p.rowid "
      "WHERE r.deleted = 0 AND p.subject != '' ORDER BY p.subject COLLATE NOCASE",
    [COMMONS_PLAN_COLUMN_LEVEL] =
      "SELECT DISTINCT p.level FROM plans p JOIN records r ON r.rowid = p.rowid "
      "WHERE r.deleted = 0 AND p.level != '' ORDER BY p.level COLLATE NOCASE",
    [COMMONS_PLAN_COLUMN_LANGUAGE] =
      "SELECT DISTINCT p.language FROM plans p JOIN records r ON r.rowid = p.rowid "
      "WHERE r.deleted = 0 AND p.language != '' ORDER BY p.language COLLATE NOCASE",
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (column <= COMMONS_PLAN_COLUMN_LANGUAGE, NULL);

  stmt = _commons_store_prepare (store, queries[column], error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
