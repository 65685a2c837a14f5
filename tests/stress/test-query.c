/* test-query.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "commons-record-list.h"
#include "commons-store-private.h"

/* commons_store_query() answers large searches by walking an index instead
 * of sorting a join; whichever way it takes, the rows and their order must
 * be those of the plain query, ties and deleted records included. */

#define N_RECORDS 6000

static GArray *
reference_query (CommonsStore *store,
                 const char   *kind,
                 const char   *search)
{
  g_autofree char *match = commons_store_build_match (search);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  const char *sql;

  if (match != NULL)
    sql = "SELECT r.rowid FROM record_search s JOIN records r ON r.rowid = s.rowid "
          "WHERE record_search MATCH ?1 AND (?2 IS NULL OR r.kind = ?2) AND r.deleted = 0 "
          "ORDER BY r.updated DESC, r.rowid DESC";
  else
    sql = "SELECT rowid FROM records WHERE (?2 IS NULL OR kind = ?2) AND deleted = 0 "
          "ORDER BY updated DESC, rowid DESC";
  g_assert_cmpint (sqlite3_prepare_v2 (_commons_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, rowid);
    }
  sqlite3_finalize (stmt);
  return rows;
}

static void
assert_same_rows (CommonsStore *store,
                  const char   *kind,
                  const char   *search,
                  guint         min_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = reference_query (store, kind, search);
  g_autoptr(GArray) rows = commons_store_query (store, kind, search, &error);

  g_assert_no_error (error);
  g_test_message ("kind %s, search “%s”: %u rows", kind ? kind : "(all)", search ? search : "", rows->len);
  g_assert_cmpuint (rows->len, >=, min_rows);
  g_assert_cmpmem (rows->data, rows->len * sizeof (gint64),
                   expected->data, expected->len * sizeof (gint64));
}

static void
record_items_changed (guint      *changes,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *model)
{
  changes[0] = position;
  changes[1] = removed;
  changes[2] = added;
}

static void
test_paths_agree (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-query-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  const char *person;

  g_assert_no_error (error);
  store = commons_store_open (path, &error);
  g_assert_no_error (error);
  person = commons_store_get_person_id (store);

  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *record = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("Record %u", i);
      /* Many records share a moment, so ties must be broken the same way. */
      g_autofree char *time = g_strdup_printf ("2026-01-%02uT10:%02u:00.000Z", 1 + (i / 7) % 28, (i / 3) % 60);
      CommonsRevision *revision;

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "body",
                                     i % 5 == 0 ? "Une leçon sur les fractions"
                                                : i % 1000 == 1 ? "Rare axolotl"
                                                                : "Lesson about the water cycle");
      revision = commons_revision_new (record, i % 4 == 0 ? "memo" : "note", NULL, person, time, FALSE, fields, &error);
      g_assert_no_error (error);
      g_ptr_array_add (batch, revision);
    }
  commons_store_add_revisions (store, batch, COMMONS_SCOPE_LOCAL, FALSE, NULL, &error);
  g_assert_no_error (error);

  /* Some records deleted: gone from lists and search. */
  for (guint i = 0; i < N_RECORDS; i += 11)
    {
      CommonsRevision *revision = g_ptr_array_index (batch, i);

      commons_store_delete_record (store, commons_revision_get_record (revision), &error);
      g_assert_no_error (error);
    }

  assert_same_rows (store, "note", "lesson", 3000);
  assert_same_rows (store, "note", "water cycle", 3000);
  assert_same_rows (store, "note", "lecon", 500);
  assert_same_rows (store, "note", "axolotl", 1);
  assert_same_rows (store, "note", "nothing-matches-this", 0);
  assert_same_rows (store, "note", NULL, 4000);
  assert_same_rows (store, "memo", "lesson", 1000);
  assert_same_rows (store, NULL, "lesson", 4000);
  assert_same_rows (store, NULL, NULL, 5000);

  /* And the list model shows the same rows. */
  {
    g_autoptr(CommonsRecordList) list = commons_record_list_new (store, "note");
    g_autoptr(GArray) expected = reference_query (store, "note", "lesson");
    g_autoptr(CommonsRecordSummary) first = NULL;

    commons_record_list_set_search (list, "lesson");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
    first = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_nonnull (first);
    g_assert_nonnull (strstr (commons_record_summary_get_snippet (first),
                              COMMONS_MATCH_START "Lesson" COMMONS_MATCH_END));
  }

  /* A list that starts with the newest rows shows them in the same order,
   * then announces only the rows it adds. */
  {
    g_autoptr(GArray) expected = reference_query (store, "note", NULL);
    g_autoptr(GArray) newest = commons_store_query_newest (store, "note", 40, &error);
    g_autoptr(CommonsRecordList) list = commons_record_list_new_first (store, "note", 40);
    guint changes[3] = { G_MAXUINT, G_MAXUINT, G_MAXUINT };

    g_assert_no_error (error);
    g_assert_cmpmem (newest->data, newest->len * sizeof (gint64), expected->data, 40 * sizeof (gint64));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 40);
    for (guint i = 0; i < 40; i++)
      {
        g_autoptr(CommonsRecordSummary) item = g_list_model_get_item (G_LIST_MODEL (list), i);
        g_autoptr(CommonsRecordSummary) full = commons_record_summary_load (store, g_array_index (expected, gint64, i), NULL);

        g_assert_cmpstr (commons_record_summary_get_id (item), ==, commons_record_summary_get_id (full));
      }

    g_signal_connect_swapped (list, "items-changed", G_CALLBACK (record_items_changed), changes);
    commons_record_list_load_rest (list);
    g_assert_cmpuint (changes[0], ==, 40);
    g_assert_cmpuint (changes[1], ==, 0);
    g_assert_cmpuint (changes[2], ==, expected->len - 40);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  }

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
}

/* Keeping a search's hits in a list's order, both ways: with hits close
 * together (a bitmap) and spread far apart (a binary search each). */
static void
test_keep_hits (void)
{
  static const gint64 far_apart[] = { 3, 1000000, 5000000000 };

  for (guint spread = 0; spread < 2; spread++)
    {
      g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* Hits: every third row id from 100 to 9,999, and, spread, a few far
       * away; the order runs newest first, past both ends of the hits. */
      for (gint64 rowid = 100; rowid < 10000; rowid += 3)
        g_array_append_val (hits, rowid);
      if (spread)
        {
          g_array_prepend_val (hits, far_apart[0]);
          g_array_append_vals (hits, &far_apart[1], 2);
        }
      for (gint64 rowid = 5000000001; rowid > 5000000000 - 3; rowid--)
        g_array_append_val (order, rowid);
      for (gint64 rowid = 1000002; rowid > 0; rowid--)
        if (rowid < 10100 || rowid > 999990)
          g_array_append_val (order, rowid);

      for (guint i = 0; i < order->len; i++)
        {
          gint64 rowid = g_array_index (order, gint64, i);
          gboolean hit = FALSE;

          for (guint j = 0; j < hits->len && !hit; j++)
            hit = g_array_index (hits, gint64, j) == rowid;
          if (hit)
            g_array_append_val (expected, rowid);
        }

      _commons_store_keep_hits_in_order (order, hits, rows);
      g_assert_cmpuint (rows->len, ==, spread ? 3300 + 3 : 3300);
      g_assert_cmpmem (rows->data, rows->len * sizeof (gint64),
                       expected->data, expected->len * sizeof (gint64));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/query/paths-agree", test_paths_agree);
  g_test_add_func ("/stress/query/keep-hits", test_keep_hits);

  return g_test_run ();
}
