/* test-crash.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "commons-record-list.h"
#include "commons-store-private.h"
#include "stress-common.h"

/* Kills a real writer process (stress-writer) at random moments, again and
 * again on the same database, and checks after every kill that the store
 * opens, SQLite finds no damage, every note the writer saw committed is
 * there with its last content, nothing else changed but the one write in
 * flight, and the materialized tables still agree with the revisions.
 *
 * Reproduce a failure with the seed it prints: test-crash --seed=R02S...
 * COMMONS_STRESS_ROUNDS sets the number of kills (default 40). */

typedef struct
{
  char     *digest;
  gboolean  deleted;
} NoteState;

static void
note_state_free (gpointer data)
{
  NoteState *state = data;

  g_free (state->digest);
  g_free (state);
}

static NoteState *
note_state_new (const char *digest,
                gboolean    deleted)
{
  NoteState *state = g_new0 (NoteState, 1);

  state->digest = g_strdup (digest);
  state->deleted = deleted;
  return state;
}

typedef enum
{
  OP_NONE,
  OP_CREATE,
  OP_UPDATE,
  OP_DELETE,
  OP_UNDELETE,
} Op;

/* The write the writer had started and not yet reported done. */
typedef struct
{
  Op    op;
  char *id;
  char *digest;
} Pending;

typedef struct
{
  char        *dir;
  char        *path;
  /* note id → NoteState: what the writers reported as committed */
  GHashTable  *model;
  Pending      pending;

  guint        n_done;
  guint        n_creates_and_updates;
  guint        n_in_flight;
  guint        n_in_flight_committed;
  guint        n_early_kills;
} Crash;

static void
pending_clear (Pending *pending)
{
  pending->op = OP_NONE;
  g_clear_pointer (&pending->id, g_free);
  g_clear_pointer (&pending->digest, g_free);
}

static Op
parse_op (const char *word)
{
  if (g_str_equal (word, "create"))
    return OP_CREATE;
  if (g_str_equal (word, "update"))
    return OP_UPDATE;
  if (g_str_equal (word, "delete"))
    return OP_DELETE;
  if (g_str_equal (word, "undelete"))
    return OP_UNDELETE;
  g_error ("Unknown operation “%s” in the writer's output", word);
  return OP_NONE;
}

/* Follows the writer's report line by line. A line without its newline is
 * one the kill interrupted: it is ignored, as if never written. */
static void
apply_log (Crash      *c,
           const char *log)
{
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  guint n_lines = g_strv_length (lines);

  /* The last element is what followed the last newline. */
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) w = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (w);

      if (n == 0 || g_str_equal (w[0], "open"))
        continue;
      if (g_str_equal (w[0], "timeout"))
        g_error ("The writer stopped on its own before it was killed");

      g_assert_cmpuint (n, >=, 3);
      if (g_str_equal (w[0], "intent"))
        {
          g_assert_cmpint (c->pending.op, ==, OP_NONE);
          c->pending.op = parse_op (w[1]);
          if (c->pending.op == OP_CREATE)
            c->pending.digest = g_strdup (w[2]);
          else
            {
              c->pending.id = g_strdup (w[2]);
              if (c->pending.op == OP_UPDATE)
                c->pending.digest = g_strdup (w[3]);
            }
        }
      else if (g_str_equal (w[0], "done"))
        {
          Op op = parse_op (w[1]);
          NoteState *state;

          g_assert_cmpint (op, ==, c->pending.op);
          switch (op)
            {
            case OP_CREATE:
              g_assert_cmpuint (n, ==, 4);
              g_assert_cmpstr (w[3], ==, c->pending.digest);
              g_assert_false (g_hash_table_contains (c->model, w[2]));
              g_hash_table_insert (c->model, g_strdup (w[2]), note_state_new (w[3], FALSE));
              c->n_creates_and_updates++;
              break;
            case OP_UPDATE:
              g_assert_cmpuint (n, ==, 4);
              g_assert_cmpstr (w[2], ==, c->pending.id);
              state = g_hash_table_lookup (c->model, w[2]);
              g_assert_nonnull (state);
              g_free (state->digest);
              state->digest = g_strdup (w[3]);
              state->deleted = FALSE;
              c->n_creates_and_updates++;
              break;
            case OP_DELETE:
            case OP_UNDELETE:
              g_assert_cmpstr (w[2], ==, c->pending.id);
              state = g_hash_table_lookup (c->model, w[2]);
              g_assert_nonnull (state);
              state->deleted = (op == OP_DELETE);
              break;
            case OP_NONE:
            default:
              g_assert_not_reached ();
            }
          pending_clear (&c->pending);
          c->n_done++;
        }
      else
        g_error ("Unexpected line from the writer: %s", lines[i]);
    }
}

/* SQL helpers for the checks. */

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
assert_zero (sqlite3    *db,
             const char *what,
             const char *sql)
{
  gint64 n = query_int (db, sql);

  if (n != 0)
    g_error ("%s: %" G_GINT64_FORMAT " rows (%s)", what, n, sql);
}

static void
check_sqlite (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* FTS5's own check that its index matches the text it holds. */
  rc = sqlite3_exec (db, "INSERT INTO record_search (record_search) VALUES ('integrity-check')",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    g_error ("FTS integrity check: %s", sqlite3_errmsg (db));
}

/* The invariants the store promises, whatever the history. */
static void
check_invariants (CommonsStore *store,
                  GHashTable   *checked)
{
  sqlite3 *db = _commons_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  guint n_live = 0;

  /* Every revision's body is what its id names; those of earlier rounds
   * were checked then. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, body FROM revisions", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CommonsRevision) revision = NULL;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_contains (checked, id))
        continue;
      revision = commons_revision_new_from_json ((const char *) sqlite3_column_text (stmt, 1),
                                                 sqlite3_column_bytes (stmt, 1), id, &error);
      g_assert_no_error (error);
      g_hash_table_add (checked, g_strdup (id));
    }
  sqlite3_finalize (stmt);

  /* Heads are exactly the revisions nothing names as a parent. */
  assert_zero (db, "heads that have children or are not held",
               "SELECT count(*) FROM (SELECT record, revision FROM heads EXCEPT "
               "SELECT record, id FROM revisions WHERE id NOT IN (SELECT parent FROM revision_parents))");
  assert_zero (db, "childless revisions that are not heads",
               "SELECT count(*) FROM (SELECT record, id FROM revisions "
               "WHERE id NOT IN (SELECT parent FROM revision_parents) EXCEPT SELECT record, revision FROM heads)");
  assert_zero (db, "parents that are not held or belong to another record",
               "SELECT count(*) FROM revision_parents p JOIN revisions r ON r.id = p.revision "
               "LEFT JOIN revisions q ON q.id = p.parent WHERE q.id IS NULL OR q.record != r.record");

  /* One materialized row per record, and none for a record without
   * revisions. */
  assert_zero (db, "records without a materialized row",
               "SELECT count(*) FROM (SELECT record FROM revisions EXCEPT SELECT id FROM records)");
  assert_zero (db, "materialized rows without revisions",
               "SELECT count(*) FROM (SELECT id FROM records EXCEPT SELECT record FROM revisions)");

  /* Each row is its displayed head's state, and search holds exactly the
   * live rows with their current text. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "SELECT r.rowid, r.id, r.kind, r.head, r.author, r.created, r.updated, r.deleted, r.conflict, r.title, "
      "  (SELECT min(time) FROM revisions v WHERE v.record = r.id), "
      "  s.rowid, s.title, s.body "
      "FROM records r LEFT JOIN record_search s ON s.rowid = r.rowid",
      -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GPtrArray) heads = commons_store_get_heads (store, id, &error);
      CommonsRevision *current;
      const char *title;

      g_assert_no_error (error);
      g_assert_cmpuint (heads->len, >, 0);
      /* commons_store_get_current() is the first head. */
      current = g_ptr_array_index (heads, 0);
      title = commons_revision_get_string_field (current, "title");
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, commons_revision_get_kind (current));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, commons_revision_get_id (current));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, commons_revision_get_author (current));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, (const char *) sqlite3_column_text (stmt, 10));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 6), ==, commons_revision_get_time (current));
      g_assert_cmpint (sqlite3_column_int (stmt, 7), ==, commons_revision_get_deleted (current));
      g_assert_cmpint (sqlite3_column_int (stmt, 8), ==, heads->len > 1);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 9), ==, title != NULL ? title : "");

      if (commons_revision_get_deleted (current))
        g_assert_cmpint (sqlite3_column_type (stmt, 11), ==, SQLITE_NULL);
      else
        {
          const char *text = commons_revision_get_search_text (current);

          n_live++;
          g_assert_cmpint (sqlite3_column_int64 (stmt, 11), ==, sqlite3_column_int64 (stmt, 0));
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 12), ==, title != NULL ? title : "");
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 13), ==, text);
        }
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM record_search"), ==, n_live);
  g_assert_cmpuint (commons_store_count_records (store, NULL), ==, n_live);
}

/* Search finds notes by their current title. */
static void
check_search (CommonsStore *store,
              GHashTable   *model)
{
  GHashTableIter iter;
  gpointer key, value;
  guint checked = 0;

  g_hash_table_iter_init (&iter, model);
  while (g_hash_table_iter_next (&iter, &key, &value) && checked < 10)
    {
      NoteState *state = value;
      g_autoptr(CommonsRevision) current = NULL;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      const char *title;
      gint64 rowid;
      gboolean found = FALSE;
      sqlite3_stmt *stmt;

      if (state->deleted)
        continue;
      current = commons_store_get_current (store, key, &error);
      g_assert_no_error (error);
      title = commons_revision_get_string_field (current, "title");
      rows = commons_store_query (store, "note", title, &error);
      g_assert_no_error (error);

      stmt = _commons_store_prepare (store, "SELECT rowid FROM records WHERE id = ?", &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      rowid = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      for (guint i = 0; i < rows->len && !found; i++)
        found = g_array_index (rows, gint64, i) == rowid;
      if (!found)
        g_error ("Searching “%s” does not find note %s", title, (const char *) key);
      checked++;
    }
}

static NoteState *
read_note (CommonsStore *store,
           const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) current = commons_store_get_current (store, id, &error);
  g_autofree char *digest = NULL;
  const char *title, *body;

  g_assert_no_error (error);
  title = commons_revision_get_string_field (current, "title");
  body = commons_revision_get_string_field (current, "body");
  g_assert_nonnull (title);
  g_assert_nonnull (body);
  digest = stress_note_digest (title, body);
  return note_state_new (digest, commons_revision_get_deleted (current));
}

static gboolean
same_state (NoteState *a,
            NoteState *b)
{
  return g_str_equal (a->digest, b->digest) && a->deleted == b->deleted;
}

/* What the database must hold: the model, except that the write in flight
 * may have committed. Afterwards the model is what the database holds. */
static void
check_notes (Crash        *c,
             CommonsStore *store)
{
  sqlite3 *db = _commons_store_get_db (store);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, note_state_free);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean in_flight_committed = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT DISTINCT record FROM revisions WHERE kind = 'note'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      g_hash_table_insert (found, g_strdup (id), read_note (store, id));
    }
  sqlite3_finalize (stmt);

  /* Every reported note, as last reported, or as the write in flight
   * would leave it. */
  g_hash_table_iter_init (&iter, c->model);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NoteState *expected = value;
      NoteState *actual = g_hash_table_lookup (found, key);

      if (actual == NULL)
        g_error ("Note %s was committed, and is gone", (const char *) key);
      if (same_state (expected, actual))
        continue;

      if (g_strcmp0 (c->pending.id, key) == 0)
        {
          NoteState after = { expected->digest, expected->deleted };

          if (c->pending.op == OP_UPDATE)
            {
              after.digest = c->pending.digest;
              after.deleted = FALSE;
            }
          else
            after.deleted = (c->pending.op == OP_DELETE);
          if (same_state (&after, actual))
            {
              in_flight_committed = TRUE;
              continue;
            }
        }
      g_error ("Note %s holds %.12s%s; the writer last committed %.12s%s",
               (const char *) key, actual->digest, actual->deleted ? " (deleted)" : "",
               expected->digest, expected->deleted ? " (deleted)" : "");
    }

  /* Nothing more, but perhaps the note being created. */
  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      NoteState *actual = value;

      if (g_hash_table_contains (c->model, key))
        continue;
      if (c->pending.op == OP_CREATE && !in_flight_committed &&
          !actual->deleted && g_str_equal (actual->digest, c->pending.digest))
        {
          in_flight_committed = TRUE;
          continue;
        }
      g_error ("Note %s (%.12s) is in the database, but was never written", (const char *) key, actual->digest);
    }

  if (c->pending.op != OP_NONE)
    c->n_in_flight++;
  if (in_flight_committed)
    c->n_in_flight_committed++;

  /* The in-flight write is settled now, one way or the other. */
  pending_clear (&c->pending);
  g_hash_table_unref (c->model);
  c->model = g_steal_pointer (&found);
}

static char *
run_writer (Crash *c,
            guint  round,
            guint  delay_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = g_strdup_printf ("%s/writer-%02u.log", c->dir, round);
  g_autofree char *seed = g_strdup_printf ("%u", (guint) g_test_rand_int ());
  char *log = NULL;

  /* The writer's stdout is a file: what it wrote survives its death, and
   * it never blocks on a full pipe. */
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  writer = g_subprocess_launcher_spawn (launcher, &error, STRESS_WRITER, c->path, seed, "30", NULL);
  g_assert_no_error (error);

  g_usleep (delay_ms * 1000);
  g_subprocess_send_signal (writer, SIGKILL);
  g_subprocess_wait (writer, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_signaled (writer))
    g_error ("The writer (seed %s) exited with status %d before it was killed",
             seed, g_subprocess_get_exit_status (writer));
  g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

  g_file_get_contents (log_path, &log, NULL, &error);
  g_assert_no_error (error);
  g_remove (log_path);
  return log;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_kill_writer (void)
{
  g_autoptr(GError) error = NULL;
  const char *env_rounds = g_getenv ("COMMONS_STRESS_ROUNDS");
  guint rounds = env_rounds != NULL ? (guint) g_ascii_strtoull (env_rounds, NULL, 10) : 40;
  Crash c = { 0 };
  gint64 start = g_get_monotonic_time ();
  guint max_history = 0;
  gint64 n_revisions = 0;
  g_autoptr(GHashTable) checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  c.dir = g_dir_make_tmp ("commons-crash-XXXXXX", &error);
  g_assert_no_error (error);
  c.path = g_build_filename (c.dir, "commons.db", NULL);
  c.model = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, note_state_free);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(CommonsStore) store = NULL;
      g_autofree char *log = NULL;
      guint delay_ms;

      /* Now and then while the store is still opening, mostly while it
       * writes. */
      if (g_test_rand_int_range (0, 8) == 0)
        {
          delay_ms = g_test_rand_int_range (0, 15);
          c.n_early_kills++;
        }
      else
        delay_ms = g_test_rand_int_range (15, 400);

      log = run_writer (&c, round, delay_ms);
      apply_log (&c, log);

      store = commons_store_open (c.path, &error);
      g_assert_no_error (error);
      check_sqlite (_commons_store_get_db (store));
      check_notes (&c, store);
      check_invariants (store, checked);
      check_search (store, c.model);
    }

  /* The test is only worth something if it hit both edit paths and wrote
   * enough. */
  {
    g_autoptr(CommonsStore) store = commons_store_open (c.path, &error);
    GHashTableIter iter;
    gpointer key;

    g_assert_no_error (error);
    n_revisions = query_int (_commons_store_get_db (store),
                             "SELECT count(*) FROM revisions WHERE NOT deleted");
    g_hash_table_iter_init (&iter, c.model);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(GPtrArray) history = commons_store_get_history (store, key, NULL);

        max_history = MAX (max_history, history->len);
      }
  }

  g_test_message ("%u kills (%u while opening) in %.1f s: %u writes reported, %u notes, "
                  "%" G_GINT64_FORMAT " live revisions, longest history %u; "
                  "a write was in flight at %u kills and had committed at %u",
                  rounds, c.n_early_kills, (g_get_monotonic_time () - start) / 1e6,
                  c.n_done, g_hash_table_size (c.model), n_revisions, max_history,
                  c.n_in_flight, c.n_in_flight_committed);

  if (rounds >= 10)
    {
      g_assert_cmpuint (c.n_done, >, rounds);
      g_assert_cmpuint (c.n_in_flight, >, 0);
      /* New revisions were made, and amends kept their number below the
       * number of creates and updates. */
      g_assert_cmpuint (max_history, >, 1);
      g_assert_cmpint (n_revisions, <, c.n_creates_and_updates);
    }

  pending_clear (&c.pending);
  g_hash_table_unref (c.model);
  remove_dir (c.dir);
  g_free (c.path);
  g_free (c.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stress/crash/kill-writer", test_kill_writer);

  return g_test_run ();
}
