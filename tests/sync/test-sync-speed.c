/* test-sync-speed.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What makes sync fast must not make it wrong: a replica does not pull
 * back what it pushed, and its cursor never moves past a revision it has
 * not stored, even when another member pushes between its pull and its
 * push, or when a pull spans many pages.
 */

#include "config.h"

#include "sync-fixture.h"

static void
add_notes (Replica    *replica,
           const char *group,
           guint       n,
           const char *title)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *record = g_uuid_string_random ();
      g_autofree char *text = g_strdup_printf ("%s %u", title, i);

      json_object_set_string_member (fields, "title", text);
      json_object_set_string_member (fields, "body", "Rivers and how they meet the sea.");
      g_ptr_array_add (batch, commons_revision_new (record, "note", NULL,
                                                    commons_store_get_person_id (replica->store),
                                                    NULL, FALSE, fields, &error));
      g_assert_no_error (error);
    }
  commons_store_add_revisions (replica->store, batch, group, FALSE, NULL, &error);
  g_assert_no_error (error);
}

static CommonsSyncStats
sync_once (Replica    *replica,
           const char *group)
{
  g_autoptr(GError) error = NULL;
  CommonsSyncStats stats = { 0 };

  commons_sync_client_sync (replica->client, group, NULL, NULL, &stats, NULL, &error);
  g_assert_no_error (error);
  return stats;
}

static gint64
cursor_of (Replica    *replica,
           const char *group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsGroup) found = commons_store_get_group (replica->store, group, &error);

  g_assert_no_error (error);
  return found->cursor;
}

static guint
count_in_group (Replica    *replica,
                const char *group)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (_commons_store_get_db (replica->store),
                                       "SELECT count(*) FROM revisions WHERE scope = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A push of several pages, numbered right after what the replica has
 * pulled, is not pulled back nor counted as pulled; the other replica
 * pulls all of it, across pages. */
static void
test_own_pushes_not_pulled (void)
{
  Server server = { 0 };
  Replica r[2] = { { 0 } };
  g_autofree char *group = NULL;
  CommonsSyncStats stats;
  guint n = COMMONS_SYNC_PAGE * 2 + 7;

  server_init (&server);
  server_start (&server);
  for (guint i = 0; i < 2; i++)
    replica_open (&r[i], server.root, i);
  group = make_group (&server, r, 2);

  add_notes (&r[0], group, n, "Mine");
  stats = sync_once (&r[0], group);
  g_assert_cmpuint (stats.pushed, ==, n);
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpint (cursor_of (&r[0], group), ==, n);

  stats = sync_once (&r[0], group);
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpuint (stats.pushed, ==, 0);

  stats = sync_once (&r[1], group);
  g_assert_cmpuint (stats.pulled, ==, n);
  g_assert_cmpuint (count_in_group (&r[1], group), ==, n);
  g_assert_cmpint (cursor_of (&r[1], group), ==, n);

  for (guint i = 0; i < 2; i++)
    replica_close (&r[i]);
  server_clear (&server);
}

typedef struct
{
  Replica    *other;
  const char *group;
  gboolean    done;
} Interloper;

/* Called when the pull has stored its pages and before the push: another
 * member pushes right then, so the server numbers this replica's push
 * after theirs. */
static void
push_between_cb (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Interloper *interloper = user_data;

  if (interloper->done)
    return;
  interloper->done = TRUE;
  sync_once (interloper->other, interloper->group);
}

/* Another member's push lands between this replica's pull and its push:
 * the numbers its own push gets do not follow its cursor, so the cursor
 * stays, and the next sync brings the other's revision. */
static void
test_cursor_never_ahead (void)
{
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  Replica r[2] = { { 0 } };
  g_autofree char *group = NULL;
  Interloper interloper = { &r[1], NULL, FALSE };
  CommonsSyncStats stats = { 0 };

  server_init (&server);
  server_start (&server);
  for (guint i = 0; i < 2; i++)
    replica_open (&r[i], server.root, i);
  group = make_group (&server, r, 2);
  interloper.group = group;

  add_notes (&r[0], group, 3, "Mine");
  add_notes (&r[1], group, 2, "Theirs");
  commons_sync_client_sync (r[0].client, group, push_between_cb, &interloper, &stats, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (interloper.done);
  g_assert_cmpuint (stats.pushed, ==, 3);
  g_assert_cmpuint (stats.pulled, ==, 0);
  /* Theirs are numbered 1 and 2, these 3 to 5: not after the cursor. */
  g_assert_cmpint (cursor_of (&r[0], group), ==, 0);
  g_assert_cmpuint (count_in_group (&r[0], group), ==, 3);

  stats = sync_once (&r[0], group);
  g_assert_cmpuint (stats.pulled, ==, 2);
  g_assert_cmpuint (count_in_group (&r[0], group), ==, 5);
  g_assert_cmpint (cursor_of (&r[0], group), ==, 5);

  stats = sync_once (&r[1], group);
  g_assert_cmpuint (stats.pulled, ==, 3);
  g_assert_cmpuint (count_in_group (&r[1], group), ==, 5);

  for (guint i = 0; i < 2; i++)
    replica_close (&r[i]);
  server_clear (&server);
}

static void
cancel_cb (guint    done,
           guint    total,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* A pull that fails on a later page keeps what the earlier pages stored,
 * with the cursor at their end and not beyond. */
static void
test_pull_stops_between_pages (void)
{
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  Replica r[2] = { { 0 } };
  g_autofree char *group = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CommonsSyncStats stats = { 0 };
  guint n = COMMONS_SYNC_PAGE * 3;
  gint64 cursor;

  server_init (&server);
  server_start (&server);
  for (guint i = 0; i < 2; i++)
    replica_open (&r[i], server.root, i);
  group = make_group (&server, r, 2);

  add_notes (&r[0], group, n, "Mine");
  sync_once (&r[0], group);

  /* Cancelled after the first page is stored. */
  commons_sync_client_sync (r[1].client, group, cancel_cb, cancellable,
                            &stats, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  cursor = cursor_of (&r[1], group);
  g_assert_cmpint (cursor, >, 0);
  g_assert_cmpint (cursor, <, n);
  g_assert_cmpuint (count_in_group (&r[1], group), ==, cursor);

  stats = sync_once (&r[1], group);
  g_assert_cmpuint (stats.pulled, ==, n - cursor);
  g_assert_cmpuint (count_in_group (&r[1], group), ==, n);
  g_assert_cmpint (cursor_of (&r[1], group), ==, n);

  for (guint i = 0; i < 2; i++)
    replica_close (&r[i]);
  server_clear (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

  g_test_add_func ("/sync-speed/own-pushes-not-pulled", test_own_pushes_not_pulled);
  g_test_add_func ("/sync-speed/cursor-never-ahead", test_cursor_never_ahead);
  g_test_add_func ("/sync-speed/pull-stops-between-pages", test_pull_stops_between_pages);
  return g_test_run ();
}
