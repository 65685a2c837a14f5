/* test-sync.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replicas syncing through a real commons-server on loopback.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "commons-store-private.h"
#include "commons-sync.h"

typedef struct
{
  char              *dir;
  CommonsStore      *store;
  CommonsSyncClient *client;
} Replica;

typedef struct
{
  char       *root;
  GSubprocess *server;
  char       *url;
  char       *server_dir;
} Server;

static void
server_start (Server *server)
{
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("COMMONS_SERVER");
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (binary);
  server->server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     binary, "--listen", "127.0.0.1:0",
                                     "--data-dir", server->server_dir, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->server));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "listening on "))
        break;
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_free (server->url);
  server->url = g_strdup (line + strlen ("listening on "));
}

static void
server_stop (Server *server)
{
  if (server->server == NULL)
    return;
  g_subprocess_send_signal (server->server, SIGKILL);
  g_subprocess_wait (server->server, NULL, NULL);
  g_clear_object (&server->server);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static void
replica_open (Replica    *replica,
              const char *root,
              guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("replica-%u", index);
  g_autofree char *db = NULL;

  replica->dir = g_build_filename (root, name, NULL);
  g_mkdir_with_parents (replica->dir, 0700);
  db = g_build_filename (replica->dir, "commons.db", NULL);
  replica->store = commons_store_open (db, &error);
  g_assert_no_error (error);
  replica->client = commons_sync_client_new (replica->store, replica->dir);
}

static void
replica_close (Replica *replica)
{
  g_clear_object (&replica->client);
  g_clear_object (&replica->store);
  g_clear_pointer (&replica->dir, g_free);
}

/* Materialized state and every revision held, as one digest. */
static char *
replica_digest (Replica *replica)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt;

  stmt = _commons_store_prepare (replica->store,
      "SELECT id, head, deleted, conflict, title, preview FROM records WHERE scope != 'local' ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 6; c++)
      {
        const char *v = (const char *) sqlite3_column_text (stmt, c);
        g_checksum_update (sum, (const guchar *) (v ? v : "-"), -1);
        g_checksum_update (sum, (const guchar *) "|", 1);
      }
  sqlite3_reset (stmt);
  stmt = _commons_store_prepare (replica->store,
      "SELECT h.record, h.revision FROM heads h JOIN revisions r ON r.id = h.revision "
      "WHERE r.scope != 'local' ORDER BY 1, 2", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_checksum_update (sum, sqlite3_column_text (stmt, 0), -1);
      g_checksum_update (sum, sqlite3_column_text (stmt, 1), -1);
    }
  sqlite3_reset (stmt);
  stmt = _commons_store_prepare (replica->store,
      "SELECT id FROM revisions WHERE scope != 'local' ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_checksum_update (sum, sqlite3_column_text (stmt, 0), -1);
  sqlite3_reset (stmt);
  return g_strdup (g_checksum_get_string (sum));
}

static void
collect_pushed (Replica    *replica,
                GHashTable *all)
{
  sqlite3_stmt *stmt = _commons_store_prepare (replica->store,
      "SELECT id FROM revisions WHERE scope != 'local' AND pushed = 1", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (all, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
}

static gboolean
holds (Replica    *replica,
       const char *id)
{
  sqlite3_stmt *stmt = _commons_store_prepare (replica->store, "SELECT 1 FROM revisions WHERE id = ?", NULL);
  gboolean found;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static const char *words[] = {
  "fractions", "élèves", "photosynthesis", "mapping", "rivers", "poems",
  "hisabati", "дроби", "分数", "كسور", "volcanoes", "rhythm",
};

static JsonObject *
random_fields (GRand      *rand,
               JsonObject *base)
{
  JsonObject *fields = json_object_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *old_summary = base != NULL ? json_object_get_string_member_with_default (base, "summary", "") : "";
  const char *old_title = base != NULL ? json_object_get_string_member_with_default (base, "title", "") : "";
  const char *old_level = base != NULL ? json_object_get_string_member_with_default (base, "level", "") : "";
  guint n;

  /* Change one of title, level, or a line of the summary; keep the rest,
   * so concurrent edits often touch different fields or lines. */
  lines = g_strsplit (*old_summary ? old_summary : "one\ntwo\nthree\nfour\nfive\nsix", "\n", -1);
  n = g_strv_length (lines);
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      json_object_set_string_member (fields, "title",
                                     words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      break;
    case 1:
      {
        g_autofree char *level = g_strdup_printf ("Grade %d", g_rand_int_range (rand, 1, 12));
        json_object_set_string_member (fields, "level", level);
      }
      break;
    default:
      {
        guint line = g_rand_int_range (rand, 0, n);
        g_free (lines[line]);
        lines[line] = g_strdup_printf ("%s %u", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                       g_rand_int (rand) % 1000);
      }
      break;
    }
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (summary, '\n');
      g_string_append (summary, lines[i]);
    }
  if (!json_object_has_member (fields, "title"))
    json_object_set_string_member (fields, "title", *old_title ? old_title : "Plan");
  if (!json_object_has_member (fields, "level"))
    json_object_set_string_member (fields, "level", old_level);
  json_object_set_string_member (fields, "summary", summary->str);
  return fields;
}

static void
sync_replica (Replica    *replica,
              const char *group,
              GHashTable *pushed)
{
  g_autoptr(GError) error = NULL;

  commons_sync_client_sync (replica->client, group, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  collect_pushed (replica, pushed);
}

static void
run_convergence (guint32 seed,
                 guint   n_replicas,
                 guint   n_steps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) pushed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  Server server = { 0 };
  Replica replicas[5] = { { 0 } };
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *first = NULL;
  char *group_id;

  g_assert_cmpuint (n_replicas, <=, G_N_ELEMENTS (replicas));
  server.root = g_dir_make_tmp ("commons-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server.server_dir = g_build_filename (server.root, "server", NULL);
  server_start (&server);

  for (guint i = 0; i < n_replicas; i++)
    replica_open (&replicas[i], server.root, i);

  group = commons_sync_client_create_group (replicas[0].client, server.url, "Year 5 teachers",
                                            "Replica 0", NULL, &error);
  g_assert_no_error (error);
  group_id = group->id;
  for (guint i = 1; i < n_replicas; i++)
    {
      g_autoptr(JsonObject) invite = NULL;
      g_autoptr(CommonsGroup) joined = NULL;
      g_autofree char *name = g_strdup_printf ("Replica %u", i);

      invite = commons_sync_client_create_invite (replicas[0].client, group_id, 1, 1, NULL, &error);
      g_assert_no_error (error);
      joined = commons_sync_client_join_group (replicas[i].client, server.url,
                                               json_object_get_string_member (invite, "code"),
                                               name, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (joined->id, ==, group_id);
      /* Half the replicas amend within a quiet interval, half do not. */
      commons_store_set_quiet_interval (replicas[i].store, i % 2 ? 0 : 3600);
    }
  commons_store_set_quiet_interval (replicas[0].store, 0);

  for (guint step = 0; step < n_steps; step++)
    {
      Replica *r = &replicas[g_rand_int_range (rand, 0, n_replicas)];
      guint op = g_rand_int_range (rand, 0, 10);

      if (records->len == 0 || op == 0)
        {
          g_autoptr(JsonObject) fields = random_fields (rand, NULL);
          char *id = commons_store_create_record (r->store, "plan", group_id, fields, &error);

          g_assert_no_error (error);
          g_ptr_array_add (records, id);
        }
      else if (op <= 5)
        {
          const char *id = g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len));
          g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, id, NULL);
          g_autoptr(JsonObject) fields = NULL;

          /* This replica has not seen the record yet. */
          if (current == NULL)
            continue;
          fields = random_fields (rand, commons_revision_get_fields (current));
          commons_store_edit_record (r->store, id, fields, &error);
          g_assert_no_error (error);
        }
      else if (op == 6)
        {
          const char *id = g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len));
          g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, id, NULL);

          if (current == NULL)
            continue;
          commons_store_delete_record (r->store, id, &error);
          g_assert_no_error (error);
        }
      else
        sync_replica (r, group_id, pushed);
    }

  /* Everyone comes online: two full rounds bring every merge to everyone. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < n_replicas; i++)
      sync_replica (&replicas[i], group_id, pushed);

  first = replica_digest (&replicas[0]);
  for (guint i = 1; i < n_replicas; i++)
    {
      g_autofree char *digest = replica_digest (&replicas[i]);

      if (g_strcmp0 (first, digest) != 0)
        g_test_message ("seed %u: replica %u differs from replica 0", seed, i);
      g_assert_cmpstr (first, ==, digest);
    }

  /* No revision that ever left a device is lost anywhere. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, pushed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      for (guint i = 0; i < n_replicas; i++)
        g_assert_true (holds (&replicas[i], key));
  }

  for (guint i = 0; i < n_replicas; i++)
    replica_close (&replicas[i]);
  server_stop (&server);
  remove_tree (server.root);
  g_free (server.root);
  g_free (server.server_dir);
  g_free (server.url);
}

static void
test_convergence (void)
{
  const char *env = g_getenv ("COMMONS_SYNC_SEEDS");
  guint n_seeds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 6;
  guint32 base = g_test_rand_int ();

  for (guint s = 0; s < n_seeds; s++)
    {
      guint32 seed = base + s;

      g_test_message ("convergence seed %u", seed);
      run_convergence (seed, 3 + s % 3, 80);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

  if (g_getenv ("COMMONS_SERVER") == NULL)
    {
      g_printerr ("COMMONS_SERVER is not set\n");
      return 1;
    }

  g_test_add_func ("/sync/convergence", test_convergence);

  return g_test_run ();
}
