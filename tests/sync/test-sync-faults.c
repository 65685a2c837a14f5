/* test-sync-faults.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync when things go wrong: clients and the server killed mid-sync,
 * clocks a day off, edits against deletes, a revoked member.
 */

#include "config.h"

#include <string.h>

#include "sync-fixture.h"

typedef struct
{
  Server   server;
  Replica  r[2];
  char    *group;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  server_init (&f->server);
  server_start (&f->server);
  replica_open (&f->r[0], f->server.root, 0);
  replica_open (&f->r[1], f->server.root, 1);
  f->group = make_group (&f->server, f->r, 2);
  commons_store_set_quiet_interval (f->r[0].store, 0);
  commons_store_set_quiet_interval (f->r[1].store, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  replica_close (&f->r[0]);
  replica_close (&f->r[1]);
  server_clear (&f->server);
  g_free (f->group);
}

static void
sync_ok (Replica    *r,
         const char *group)
{
  g_autoptr(GError) error = NULL;

  commons_sync_client_sync (r->client, group, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_converged (Fixture *f)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  for (guint round = 0; round < 2; round++)
    {
      sync_ok (&f->r[0], f->group);
      sync_ok (&f->r[1], f->group);
    }
  a = replica_digest (&f->r[0]);
  b = replica_digest (&f->r[1]);
  g_assert_cmpstr (a, ==, b);
}

static char *
create_plan (Replica    *r,
             const char *group,
             const char *title,
             const char *summary)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", summary);
  id = commons_store_create_record (r->store, "plan", group, fields, &error);
  g_assert_no_error (error);
  return id;
}

static void
edit_plan (Replica    *r,
           const char *id,
           const char *title,
           const char *summary)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", summary);
  commons_store_edit_record (r->store, id, fields, &error);
  g_assert_no_error (error);
}

static void
edit_against_delete (Fixture  *f,
                     gboolean  deleter_first)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = create_plan (&f->r[0], f->group, "Volcanoes", "one\ntwo\nthree");
  g_autoptr(CommonsRevision) a = NULL;
  g_autoptr(CommonsRevision) b = NULL;

  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);

  commons_store_delete_record (f->r[0].store, id, &error);
  g_assert_no_error (error);
  edit_plan (&f->r[1], id, "Volcanoes", "one\ntwo, with lava\nthree");

  if (deleter_first)
    {
      sync_ok (&f->r[0], f->group);
      sync_ok (&f->r[1], f->group);
    }
  else
    {
      sync_ok (&f->r[1], f->group);
      sync_ok (&f->r[0], f->group);
    }
  assert_converged (f);

  /* The edit wins: the plan is back, with the edit, on both. */
  a = commons_store_get_current (f->r[0].store, id, &error);
  g_assert_no_error (error);
  b = commons_store_get_current (f->r[1].store, id, &error);
  g_assert_no_error (error);
  g_assert_false (commons_revision_get_deleted (a));
  g_assert_cmpstr (commons_revision_get_id (a), ==, commons_revision_get_id (b));
  g_assert_cmpstr (commons_revision_get_string_field (a, "summary"), ==, "one\ntwo, with lava\nthree");
}

static void
test_edit_delete_order_1 (Fixture       *f,
                          gconstpointer  data)
{
  edit_against_delete (f, TRUE);
}

static void
test_edit_delete_order_2 (Fixture       *f,
                          gconstpointer  data)
{
  edit_against_delete (f, FALSE);
}

/* A device whose clock is off makes revisions stamped with its own time. */
static void
add_skewed (Replica          *r,
            const char       *group,
            CommonsRevision  *parent,
            gint64            offset,
            const char       *title,
            const char       *summary)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, offset);
  g_autofree char *base = g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *time = g_strdup_printf ("%s.000Z", base);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GError) error = NULL;
  const char *parents[] = { commons_revision_get_id (parent), NULL };

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", summary);
  g_ptr_array_add (batch, commons_revision_new (commons_revision_get_record (parent), "plan", parents,
                                                commons_store_get_person_id (r->store), time,
                                                FALSE, fields, &error));
  g_assert_no_error (error);
  commons_store_add_revisions (r->store, batch, group, FALSE, NULL, &error);
  g_assert_no_error (error);
}

static void
test_clock_skew (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = create_plan (&f->r[0], f->group, "Rivers", "source\nmiddle\nmouth");
  g_autoptr(CommonsRevision) base = NULL;
  g_autoptr(CommonsRevision) merged = NULL;
  g_autoptr(GHashTable) pushed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  base = commons_store_get_current (f->r[1].store, id, &error);
  g_assert_no_error (error);

  /* One clock a day ahead, one a day behind; different lines and the
   * same short field changed on both. */
  add_skewed (&f->r[0], f->group, base, 86400, "Rivers ahead", "SOURCE\nmiddle\nmouth");
  add_skewed (&f->r[1], f->group, base, -86400, "Rivers behind", "source\nmiddle\nMOUTH");
  assert_converged (f);

  merged = commons_store_get_current (f->r[0].store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_string_field (merged, "summary"), ==, "SOURCE\nmiddle\nMOUTH");
  /* The fixed rule takes the later stamp, whatever the real order. */
  g_assert_cmpstr (commons_revision_get_string_field (merged, "title"), ==, "Rivers ahead");

  collect_pushed (&f->r[0], pushed);
  collect_pushed (&f->r[1], pushed);
  g_hash_table_iter_init (&iter, pushed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_assert_true (holds (&f->r[0], key));
      g_assert_true (holds (&f->r[1], key));
    }
}

static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsGroup) b = commons_store_get_group (f->r[1].store, f->group, &error);
  g_autofree char *id = create_plan (&f->r[1], f->group, "Mine", "kept");
  g_autoptr(CommonsRevision) still = NULL;
  g_autoptr(CommonsGroup) after = NULL;

  sync_ok (&f->r[1], f->group);
  commons_sync_client_revoke_member (f->r[0].client, f->group, b->member, NULL, &error);
  g_assert_no_error (error);

  edit_plan (&f->r[1], id, "Mine", "kept, and edited after revocation");
  g_assert_false (commons_sync_client_sync (f->r[1].client, f->group, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, !=, "");

  /* Nothing local is lost, and the group shows the error in plain words. */
  still = commons_store_get_current (f->r[1].store, id, NULL);
  g_assert_nonnull (still);
  g_assert_cmpstr (commons_revision_get_string_field (still, "summary"), ==, "kept, and edited after revocation");
  after = commons_store_get_group (f->r[1].store, f->group, NULL);
  g_assert_cmpstr (after->last_error, ==, error->message);
  g_clear_error (&error);

  /* Leaving a group the server no longer counts them in just forgets it
   * here; what was shared stays. */
  g_assert_true (commons_sync_client_leave_group (f->r[1].client, f->group, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, commons_group_free);
  after = commons_store_get_group (f->r[1].store, f->group, NULL);
  g_assert_null (after);
  g_clear_pointer (&still, commons_revision_unref);
  still = commons_store_get_current (f->r[1].store, id, NULL);
  g_assert_nonnull (still);
}

/* Kills B's `commons-cli sync` at random points, checking after each kill
 * that the database is whole and the cursor is not ahead of the data.
 * Returns how many kills landed mid-push or mid-pull. */
static guint
kill_rounds (Fixture *f,
             guint    rounds,
             guint    total_to_pull)
{
  g_autoptr(GError) error = NULL;
  guint interrupted = 0;

  replica_suspend (&f->r[1]);
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(CommonsGroup) group = NULL;
      gboolean in_step = FALSE;
      guint unpushed;

      kill_cli_sync (&f->r[1], f->group, g_test_rand_int_range (0, 20000));
      replica_reopen (&f->r[1]);

      {
        sqlite3_stmt *stmt = _commons_store_prepare (f->r[1].store, "PRAGMA integrity_check", NULL);

        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
        sqlite3_reset (stmt);
      }
      commons_sync_client_verify (f->r[1].client, f->group, &in_step, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (in_step);

      group = commons_store_get_group (f->r[1].store, f->group, NULL);
      unpushed = commons_store_count_unpushed (f->r[1].store, f->group);
      g_test_message ("round %u: %u still to push, cursor %" G_GINT64_FORMAT,
                      round, unpushed, group->cursor);
      if (unpushed > 0 || (group->cursor > 0 && group->cursor < total_to_pull))
        interrupted++;

      replica_suspend (&f->r[1]);
    }
  replica_reopen (&f->r[1]);
  return interrupted;
}

static void
test_client_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  /* Mid-push: B has 1,500 plans to send, several pages. */
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan B%u", i);
      g_free (create_plan (&f->r[1], f->group, title, "from B"));
    }
  g_assert_cmpuint (kill_rounds (f, 4, 1500), >, 0);
  assert_converged (f);

  /* Mid-pull: A made 4,000 more that B has to fetch, page by page. */
  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan A%u", i);
      g_free (create_plan (&f->r[0], f->group, title, "from A"));
    }
  sync_ok (&f->r[0], f->group);
  g_assert_cmpuint (kill_rounds (f, 6, 5500), >, 0);

  assert_converged (f);
  a = replica_digest (&f->r[0]);
  b = replica_digest (&f->r[1]);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpuint (commons_store_count_records (f->r[1].store, "plan"), ==, 5500);
}

static void
test_server_killed (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < 1200; i++)
    {
      g_autofree char *title = g_strdup_printf ("Plan %u", i);
      g_free (create_plan (&f->r[0], f->group, title, "text"));
    }

  /* The server dies while A pushes; A's sync fails with a plain error,
   * and carries on once the server is back on the same address. */
  replica_suspend (&f->r[0]);
  for (guint round = 0; round < 4; round++)
    {
      g_autoptr(GSubprocess) child = spawn_cli_sync (&f->r[0]);

      g_usleep (g_test_rand_int_range (30000, 300000));
      server_stop (&f->server);
      g_subprocess_wait (child, NULL, NULL);
      server_start (&f->server);
    }
  replica_reopen (&f->r[0]);

  assert_converged (f);
  g_assert_cmpuint (commons_store_count_records (f->r[1].store, "plan"), ==, 1200);
  g_assert_cmpuint (commons_store_count_unpushed (f->r[0].store, f->group), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

  if (g_getenv ("COMMONS_SERVER") == NULL || g_getenv ("COMMONS_CLI") == NULL)
    {
      g_printerr ("COMMONS_SERVER and COMMONS_CLI must be set\n");
      return 1;
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/sync/faults/edit-then-delete", test_edit_delete_order_1);
  ADD ("/sync/faults/delete-then-edit", test_edit_delete_order_2);
  ADD ("/sync/faults/clock-skew", test_clock_skew);
  ADD ("/sync/faults/revoked-member", test_revoked);
  ADD ("/sync/faults/client-killed", test_client_killed);
  ADD ("/sync/faults/server-killed", test_server_killed);
#undef ADD

  return g_test_run ();
}
