/* sync-fixture.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "sync-fixture.h"

void
server_init (Server *server)
{
  g_autoptr(GError) error = NULL;

  server->root = g_dir_make_tmp ("commons-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server->server_dir = g_build_filename (server->root, "server", NULL);
  server->listen = g_strdup ("127.0.0.1:0");
}

/* A server outlives a test that aborts unless it is told to die with it;
 * left running, it holds the test's output open and the run hangs. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts the server, on the same port as before if it ran already. */
void
server_start (Server *server)
{
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("COMMONS_SERVER");
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *line = NULL;

  g_assert_nonnull (binary);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->server = g_subprocess_launcher_spawn (launcher, &error,
                                                binary, "--listen", server->listen,
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
  g_free (server->listen);
  server->listen = g_strdup (server->url + strlen ("http://"));
}

void
server_stop (Server *server)
{
  if (server->server == NULL)
    return;
  g_subprocess_send_signal (server->server, SIGKILL);
  g_subprocess_wait (server->server, NULL, NULL);
  g_clear_object (&server->server);
}

void
server_clear (Server *server)
{
  server_stop (server);
  remove_tree (server->root);
  g_clear_pointer (&server->root, g_free);
  g_clear_pointer (&server->server_dir, g_free);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->listen, g_free);
}

void
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

void
replica_open (Replica    *replica,
              const char *root,
              guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("replica-%u", index);
  g_autofree char *db = NULL;

  if (replica->dir == NULL)
    replica->dir = g_build_filename (root, name, NULL);
  g_mkdir_with_parents (replica->dir, 0700);
  db = g_build_filename (replica->dir, "commons.db", NULL);
  replica->store = commons_store_open (db, &error);
  g_assert_no_error (error);
  replica->client = commons_sync_client_new (replica->store, replica->dir);
}

void
replica_close (Replica *replica)
{
  g_clear_object (&replica->client);
  g_clear_object (&replica->store);
  g_clear_pointer (&replica->dir, g_free);
}

/* Materialized state and every revision held, as one digest. */
char *
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

void
collect_pushed (Replica    *replica,
                GHashTable *all)
{
  sqlite3_stmt *stmt = _commons_store_prepare (replica->store,
      "SELECT id FROM revisions WHERE scope != 'local' AND pushed = 1", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (all, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
}

gboolean
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

/* Replica 0 creates a group on the server; the others join it.
 * Returns the group id. */
char *
make_group (Server  *server,
            Replica *replicas,
            guint    n_replicas)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsGroup) group = NULL;

  group = commons_sync_client_create_group (replicas[0].client, server->url, "Year 5 teachers",
                                            "Replica 0", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 1; i < n_replicas; i++)
    {
      g_autoptr(JsonObject) invite = NULL;
      g_autoptr(CommonsGroup) joined = NULL;
      g_autofree char *name = g_strdup_printf ("Replica %u", i);

      invite = commons_sync_client_create_invite (replicas[0].client, group->id, 1, 1, NULL, &error);
      g_assert_no_error (error);
      joined = commons_sync_client_join_group (replicas[i].client, server->url,
                                               json_object_get_string_member (invite, "code"),
                                               name, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (joined->id, ==, group->id);
    }
  return g_strdup (group->id);
}

/* A one-use invite code to the group, made by its organizer. */
char *
make_invite (Replica    *organizer,
             const char *group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) invite = NULL;

  invite = commons_sync_client_create_invite (organizer->client, group, 1, 1, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (invite, "code"));
}

/* Closes the replica's store, as when the app quits, keeping its dir. */
void
replica_suspend (Replica *replica)
{
  g_clear_object (&replica->client);
  g_clear_object (&replica->store);
}

/* Opens the replica's store again, as after a restart. */
void
replica_reopen (Replica *replica)
{
  replica_suspend (replica);
  replica_open (replica, NULL, 0);
}

/* Runs `commons-cli sync` on the replica's data dir; the replica's store
 * should be suspended meanwhile. */
GSubprocess *
spawn_cli_sync (Replica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  GSubprocess *child;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "COMMONS_CREDENTIALS", "file", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("COMMONS_CLI"),
                                       "--data-dir", replica->dir, "sync", NULL);
  g_assert_no_error (error);
  return child;
}

/* Where a replica's sync has got to, read without disturbing it. */
static void
read_progress (Replica    *r,
               const char *group,
               gint64     *unpushed,
               gint64     *cursor)
{
  g_autofree char *path = g_build_filename (r->dir, "commons.db", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  *unpushed = *cursor = -1;
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    goto out;
  sqlite3_busy_timeout (db, 1000);
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM revisions WHERE scope = ?1 AND pushed = 0), "
                          "(SELECT cursor FROM groups WHERE id = ?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *unpushed = sqlite3_column_int64 (stmt, 0);
          *cursor = sqlite3_column_int64 (stmt, 1);
        }
    }
out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Runs `commons-cli sync` on a replica's data dir and kills it with
 * SIGKILL as soon as it has committed some progress (a page pushed or
 * pulled), plus @extra_usec: so the kill lands in the middle of the sync
 * however fast the machine is. A sync with nothing to do is killed when
 * it ends or after a few seconds. */
void
kill_cli_sync (Replica    *r,
               const char *group,
               guint       extra_usec)
{
  g_autoptr(GSubprocess) child = NULL;
  gint64 unpushed0, cursor0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  read_progress (r, group, &unpushed0, &cursor0);
  child = spawn_cli_sync (r);

  while (g_get_monotonic_time () < deadline)
    {
      gint64 unpushed, cursor;

      g_usleep (2000);
      if (g_subprocess_get_identifier (child) == NULL)
        break;
      read_progress (r, group, &unpushed, &cursor);
      if ((unpushed >= 0 && unpushed < unpushed0) || cursor > cursor0)
        break;
    }
  g_usleep (extra_usec);
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
}
