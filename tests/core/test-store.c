/* test-store.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core-fixture.h"
#include "commons-record-list.h"
#include "commons-review.h"
#include "commons-store-private.h"
#include "commons-types.h"

#define OTHER_AUTHOR "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"

typedef struct
{
  char         *dir;
  char         *path;
  CommonsStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = core_fixture_make_dir ("commons-store");
  f->path = g_build_filename (f->dir, "commons.db", NULL);
  f->store = core_fixture_open_store (f->dir, "commons.db", FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  core_fixture_close_store (&f->store);
  core_fixture_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static guint
count_revisions (CommonsStore *store,
                 const char   *record)
{
  g_autoptr(GPtrArray) history = commons_store_get_history (store, record, NULL);

  g_assert_nonnull (history);
  return history->len;
}

static void
test_note_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = commons_store_create_note (f->store, "Photosynthesis", "Light → sugar", &error);
  g_autoptr(CommonsRevision) current = NULL;

  g_assert_no_error (error);
  current = commons_store_get_current (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_string_field (current, "title"), ==, "Photosynthesis");
  g_assert_cmpstr (commons_revision_get_string_field (current, "body"), ==, "Light → sugar");
  g_assert_cmpstr (commons_revision_get_author (current), ==, commons_store_get_person_id (f->store));

  /* Reopening gives back the same person and the same note. */
  {
    g_autofree char *person = g_strdup (commons_store_get_person_id (f->store));
    g_autoptr(CommonsRevision) again = NULL;

    g_clear_object (&f->store);
    f->store = commons_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (commons_store_get_person_id (f->store), ==, person);
    again = commons_store_get_current (f->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (commons_revision_get_id (again), ==, commons_revision_get_id (current));
  }
}

static void
test_quiet_interval (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = commons_store_create_note (f->store, "T", "a", &error);

  /* Within the quiet interval, autosave amends the one revision. */
  commons_store_set_quiet_interval (f->store, 3600);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *body = g_strdup_printf ("typing %u", i);

      commons_store_update_note (f->store, id, "T", body, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (count_revisions (f->store, id), ==, 1);

  /* After it, each edit starts a new revision whose parent is the last. */
  commons_store_set_quiet_interval (f->store, 0);
  commons_store_update_note (f->store, id, "T", "second", &error);
  g_assert_no_error (error);
  commons_store_update_note (f->store, id, "T", "third", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_revisions (f->store, id), ==, 3);

  /* An edit that changes nothing makes nothing. */
  commons_store_update_note (f->store, id, "T", "third", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_revisions (f->store, id), ==, 3);

  {
    g_autoptr(GPtrArray) heads = commons_store_get_heads (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (heads->len, ==, 1);
  }
}

static void
test_history_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  const char *first;

  commons_store_set_quiet_interval (f->store, 0);
  id = commons_store_create_note (f->store, "Draft", "one", &error);
  commons_store_update_note (f->store, id, "Draft", "two", &error);
  commons_store_update_note (f->store, id, "Final", "three", &error);
  g_assert_no_error (error);

  history = commons_store_get_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  first = commons_revision_get_id (g_ptr_array_index (history, 2));
  g_assert_cmpstr (commons_revision_get_string_field (g_ptr_array_index (history, 2), "body"), ==, "one");

  commons_store_restore_revision (f->store, id, first, &error);
  g_assert_no_error (error);
  current = commons_store_get_current (f->store, id, &error);
  g_assert_cmpstr (commons_revision_get_string_field (current, "body"), ==, "one");
  g_assert_cmpstr (commons_revision_get_string_field (current, "title"), ==, "Draft");
  /* Restoring adds a version; it removes none. */
  g_assert_cmpuint (count_revisions (f->store, id), ==, 4);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = commons_store_create_note (f->store, "Keep me", "body", &error);
  g_autoptr(GArray) rows = NULL;

  commons_store_delete_record (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commons_store_count_records (f->store, "note"), ==, 0);
  rows = commons_store_query (f->store, "note", "keep", &error);
  g_assert_cmpuint (rows->len, ==, 0);

  commons_store_undelete_record (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commons_store_count_records (f->store, "note"), ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  rows = commons_store_query (f->store, "note", "keep", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  /* The delete never left the device, so undo removes it outright. */
  g_assert_cmpuint (count_revisions (f->store, id), ==, 1);
}

static CommonsRevision *
other_revision (const char         *record,
                const char * const *parents,
                const char         *body,
                const char         *time)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  CommonsRevision *revision;

  json_object_set_string_member (fields, "title", "Shared");
  json_object_set_string_member (fields, "body", body);
  revision = commons_revision_new (record, "note", parents, OTHER_AUTHOR, time, FALSE, fields, &error);
  g_assert_no_error (error);
  return revision;
}

static void
test_heads (Fixture       *f,
            gconstpointer  data)
{
  const char *record = "11111111-2222-4333-8444-555555555555";
  g_autoptr(CommonsRevision) root = other_revision (record, NULL, "root", "2026-01-01T00:00:00.000Z");
  const char *root_parents[] = { commons_revision_get_id (root), NULL };
  g_autoptr(CommonsRevision) a = other_revision (record, root_parents, "a", "2026-01-02T00:00:00.000Z");
  g_autoptr(CommonsRevision) b = other_revision (record, root_parents, "b", "2026-01-03T00:00:00.000Z");
  const char *ab[] = { commons_revision_get_id (a), commons_revision_get_id (b), NULL };
  g_autoptr(CommonsRevision) m = other_revision (record, ab, "a+b", "2026-01-04T00:00:00.000Z");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (CommonsAddResult));
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GError) error = NULL;

  /* Linear: one head. */
  g_ptr_array_add (batch, root);
  g_ptr_array_add (batch, a);
  commons_store_add_revisions (f->store, batch, "group-1", TRUE, results, &error);
  g_assert_no_error (error);
  heads = commons_store_get_heads (f->store, record, &error);
  g_assert_cmpuint (heads->len, ==, 1);
  g_assert_cmpstr (commons_revision_get_id (g_ptr_array_index (heads, 0)), ==, commons_revision_get_id (a));
  g_clear_pointer (&heads, g_ptr_array_unref);

  /* Branching: two heads, the later one displayed, flagged as conflict. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, b);
  g_ptr_array_add (batch, a);
  g_array_set_size (results, 0);
  commons_store_add_revisions (f->store, batch, "group-1", TRUE, results, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (results, CommonsAddResult, 0), ==, COMMONS_ADD_STORED);
  g_assert_cmpint (g_array_index (results, CommonsAddResult, 1), ==, COMMONS_ADD_DUPLICATE);
  heads = commons_store_get_heads (f->store, record, &error);
  g_assert_cmpuint (heads->len, ==, 2);
  g_assert_cmpstr (commons_revision_get_id (g_ptr_array_index (heads, 0)), ==, commons_revision_get_id (b));
  g_clear_pointer (&heads, g_ptr_array_unref);

  /* Joining: one head again. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, m);
  commons_store_add_revisions (f->store, batch, "group-1", TRUE, NULL, &error);
  g_assert_no_error (error);
  heads = commons_store_get_heads (f->store, record, &error);
  g_assert_cmpuint (heads->len, ==, 1);
  g_assert_cmpstr (commons_revision_get_id (g_ptr_array_index (heads, 0)), ==, commons_revision_get_id (m));
  g_assert_cmpuint (count_revisions (f->store, record), ==, 4);
}

static void
test_missing_parent (Fixture       *f,
                     gconstpointer  data)
{
  const char *record = "11111111-2222-4333-8444-555555555556";
  const char *parents[] = { "ab00000000000000000000000000000000000000000000000000000000000000", NULL };
  g_autoptr(CommonsRevision) orphan = other_revision (record, parents, "x", "2026-01-01T00:00:00.000Z");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, orphan);
  g_assert_false (commons_store_add_revisions (f->store, batch, "group-1", TRUE, NULL, &error));
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_MISSING_PARENT);
  g_assert_cmpuint (count_revisions (f->store, record), ==, 0);
}

static guint
search_count (CommonsStore *store,
              const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = commons_store_query (store, "note", query, &error);

  g_assert_no_error (error);
  return rows->len;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = commons_store_create_note (f->store, "Les élèves", "Une leçon de français", &error);
  g_autofree char *b = commons_store_create_note (f->store, "Straße", "Über die Brücke gehen", &error);
  g_autofree char *c = commons_store_create_note (f->store, "Ciencias", "La fotosíntesis en la educación", &error);
  g_autofree char *d = commons_store_create_note (f->store, "Ukrainian", "Урок української мови", &error);
  g_autofree char *e = commons_store_create_note (f->store, "Swahili", "Somo la hisabati kwa wanafunzi", &error);
  /* Hindi, whose vowel signs SQLite's tokenizer takes for spaces (a word
   * is searched as the phrase of its letters), Chinese without spaces,
   * and Arabic. */
  g_autofree char *g = commons_store_create_note (f->store, "Hindi", "विद्यार्थियों के लिए पाठ योजना", &error);
  g_autofree char *h = commons_store_create_note (f->store, "Chinese", "分数的学习计划", &error);
  g_autofree char *i = commons_store_create_note (f->store, "Arabic", "خطة الدرس للطلاب", &error);
  g_autoptr(CommonsRecordList) list = NULL;
  g_autoptr(CommonsRecordSummary) first = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (search_count (f->store, "eleve"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "ÉLÈVES"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "lecon"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "uber brucke"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "educacion"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "фотосинтез"), ==, 0);
  g_assert_cmpuint (search_count (f->store, "україн"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "wanafunzi"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "विद्यार्थि"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "योजना पाठ"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "分数"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "الدرس"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "la"), ==, 2);
  /* Punctuation and FTS operators are words, not syntax. */
  g_assert_cmpuint (search_count (f->store, "\"( eleve)"), ==, 1);
  g_assert_cmpuint (search_count (f->store, "*"), ==, 8);

  list = commons_record_list_new (f->store, "note");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  commons_record_list_set_search (list, "eleve");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (commons_record_summary_get_id (first), ==, a);
  g_assert_nonnull (strstr (commons_record_summary_get_snippet (first),
                            COMMONS_MATCH_START "élèves" COMMONS_MATCH_END));
}

static void
test_search_nested_titles (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonArray) activities = json_array_new ();
  g_autoptr(JsonObject) activity = json_object_new ();
  g_autofree char *id = NULL;
  g_autoptr(GArray) rows = NULL;

  /* An activity's title is found like any other word of the plan. */
  json_object_set_string_member (activity, "title", "Volcano walk");
  json_array_add_object_element (activities, g_steal_pointer (&activity));
  json_object_set_string_member (fields, "title", "Earth science");
  json_object_set_array_member (fields, "activities", g_steal_pointer (&activities));
  id = commons_store_create_record (f->store, "plan", COMMONS_SCOPE_LOCAL, fields, &error);
  g_assert_no_error (error);

  rows = commons_store_query (f->store, "plan", "volcano", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
}

static void
test_list_follows_store (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRecordList) list = commons_record_list_new (f->store, "note");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(CommonsRecordSummary) top = NULL;

  commons_store_set_quiet_interval (f->store, 0);
  a = commons_store_create_note (f->store, "A", "", &error);
  g_usleep (2000);
  b = commons_store_create_note (f->store, "B", "", &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (commons_record_summary_get_title (top), ==, "B");
  g_clear_object (&top);

  /* Newest first: editing A brings it to the top. */
  g_usleep (2000);
  commons_store_update_note (f->store, a, "A2", "", &error);
  g_assert_no_error (error);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (commons_record_summary_get_title (top), ==, "A2");
  g_assert_cmpuint (commons_record_list_find (list, b), ==, 1);
}

static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(CommonsStore) old = NULL;
  g_autoptr(CommonsStore) upgraded = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *id = NULL;
  g_autofree char *person = NULL;
  sqlite3_stmt *stmt;

  /* A database written by schema 1, with a note in it. */
  old = _commons_store_open_at_version (path, 1, &error);
  g_assert_no_error (error);
  id = commons_store_create_note (old, "From schema 1", "kept", &error);
  g_assert_no_error (error);
  person = g_strdup (commons_store_get_person_id (old));
  g_clear_object (&old);

  upgraded = commons_store_open (path, &error);
  g_assert_no_error (error);
  current = commons_store_get_current (upgraded, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_string_field (current, "body"), ==, "kept");
  g_assert_cmpstr (commons_store_get_person_id (upgraded), ==, person);

  stmt = _commons_store_prepare (upgraded, "PRAGMA user_version", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, COMMONS_STORE_SCHEMA_VERSION);
  sqlite3_reset (stmt);
  stmt = _commons_store_prepare (upgraded, "SELECT count(*) FROM plans", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sqlite3_reset (stmt);

  g_clear_object (&upgraded);
  core_fixture_remove_dir (dir);
}

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-bad-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  CommonsStore *store;

  /* Not SQLite: refused, and byte for byte untouched. */
  g_file_set_contents (path, "these are my lesson notes, not a database\n", -1, &error);
  g_assert_no_error (error);
  store = commons_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);
  g_file_get_contents (path, &contents, &length, NULL);
  g_assert_cmpstr (contents, ==, "these are my lesson notes, not a database\n");
  g_remove (path);

  /* From a newer schema: refused and untouched. */
  {
    sqlite3 *db = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize n_before = 0, n_after = 0;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 99;", NULL, NULL, NULL);
    sqlite3_close (db);
    g_file_get_contents (path, &before, &n_before, NULL);
    store = commons_store_open (path, &error);
    g_assert_null (store);
    g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NEWER_SCHEMA);
    g_clear_error (&error);
    g_file_get_contents (path, &after, &n_after, NULL);
    g_assert_cmpmem (before, n_before, after, n_after);
    g_remove (path);
  }

  /* Damaged: a database whose pages were overwritten. */
  {
    g_autoptr(CommonsStore) good = commons_store_open (path, &error);
    g_autofree char *data = NULL;
    gsize n = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < 50; i++)
      g_free (commons_store_create_note (good, "filler", "text text text", NULL));
    g_clear_object (&good);
    g_file_get_contents (path, &data, &n, NULL);
    g_assert_cmpuint (n, >, 8192);
    memset (data + 100, 0xa5, n - 100);
    g_file_set_contents (path, data, n, &error);
    g_assert_no_error (error);
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_remove (wal);
    }
    store = commons_store_open (path, &error);
    g_assert_null (store);
    g_assert_nonnull (error);
    g_assert_true (error->code == COMMONS_STORE_ERROR_CORRUPT ||
                   error->code == COMMONS_STORE_ERROR_NOT_A_DATABASE);
    g_clear_error (&error);
  }

  core_fixture_remove_dir (dir);
}

static void
test_read_only_dir (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-ro-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  CommonsStore *store;

  if (geteuid () == 0)
    {
      g_test_skip ("root writes to read-only folders; the app test covers this as a user");
      g_rmdir (dir);
      return;
    }
  g_chmod (dir, 0500);
  store = commons_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY);
  g_chmod (dir, 0700);
  g_rmdir (dir);
}

/* A second connection in the same process (a worker's) must not drop the
 * first one's locks: SQLite's locks belong to the process, and closing any
 * descriptor of the file releases them all. Then another process, closing
 * its connection, believes itself the last one and removes the log that
 * this one still reads from. */
static void
test_second_connection_keeps_locks (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = commons_store_create_note (f->store, "Locks", "held", &error);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(CommonsStore) worker = NULL;
  int status = 0;

  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A worker opens and closes its own connection. */
  worker = commons_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&worker);

  /* Another process (the command-line tool, say) reads and closes. */
  {
    const char *argv[] = {
      "python3", "-c",
      "import sqlite3, sys\n"
      "db = sqlite3.connect(sys.argv[1])\n"
      "db.execute('SELECT count(*) FROM records').fetchone()\n"
      "db.close()\n",
      f->path, NULL,
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }

  /* It knew it was not the last: the log this connection uses is there. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* The list order is cached between writes; a write by this connection or
 * by another one (a sync's worker, commons-cli) shows at once. */
static void
test_query_sees_other_writers (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = commons_store_create_note (f->store, "First", "one", &error);
  g_autoptr(CommonsStore) other = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(GArray) rows = NULL;

  rows = commons_store_query (f->store, "note", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);

  other = commons_store_open (f->path, &error);
  g_assert_no_error (error);
  second = commons_store_create_note (other, "Second", "two", &error);
  g_assert_no_error (error);
  rows = commons_store_query (f->store, "note", NULL, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_array_unref);

  third = commons_store_create_note (f->store, "Third", "three", &error);
  g_assert_no_error (error);
  rows = commons_store_query (f->store, "note", NULL, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_clear_pointer (&rows, g_array_unref);

  commons_store_delete_record (other, first, &error);
  g_assert_no_error (error);
  rows = commons_store_query (f->store, "note", NULL, &error);
  g_assert_cmpuint (rows->len, ==, 2);
}

/* A note editor stays open while a sync changes the same note through a
 * connection of its own: the save descends from what the editor showed,
 * so both changes are kept. */
static void
test_note_save_on_stale_version (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = commons_store_create_note (f->store, "Water", "line one\nline two\nline three", &error);
  g_autoptr(CommonsRevision) shown = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsStore) other = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  shown = commons_store_get_current (f->store, id, &error);
  g_assert_no_error (error);

  /* A new version, as a sync would store (a version amended away since
   * it was read is one this device made a moment ago: the head carries
   * it on). */
  other = commons_store_open (f->path, &error);
  g_assert_no_error (error);
  commons_store_set_quiet_interval (other, 0);
  g_assert_true (commons_store_update_note (other, id, "Water", "LINE ONE\nline two\nline three", &error));
  g_assert_no_error (error);
  g_clear_object (&other);

  g_assert_true (commons_store_update_note_from (f->store, id, commons_revision_get_id (shown), "Water",
                                                 "line one\nline two\nLINE THREE", &written, &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
  current = commons_store_get_current (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_string_field (current, "body"), ==, "LINE ONE\nline two\nLINE THREE");
  heads = commons_store_get_heads (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 1);
}

/* Every sync runs these; they must stay on the indexes made for them, also
 * after ANALYZE has learnt that most revisions are pushed and most records
 * in one scope, or a no-op sync grows with the store. */
static void
test_query_plans (Fixture       *f,
                  gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    const char *index;
  } queries[] = {
    { COMMONS_SQL_UNPUSHED, "revisions_unpushed" },
    { COMMONS_SQL_COUNT_CONFLICTS, "records_in_conflict" },
    { COMMONS_SQL_COUNT_HEADS, "PRIMARY KEY" },
    { COMMONS_SQL_REVISION_SCOPE, "sqlite_autoindex_revisions_1" },
    { COMMONS_SQL_RECORD_SCOPE, "revisions_record" },
  };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GError) error = NULL;

  /* A store like a member's after a long year: thousands of pushed
   * revisions in one group, a handful not yet sent. */
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *record = g_uuid_string_random ();

      json_object_set_string_member (fields, "title", "Rivers");
      g_ptr_array_add (batch, commons_revision_new (record, "note", NULL,
                                                    commons_store_get_person_id (f->store),
                                                    NULL, FALSE, fields, &error));
      g_assert_no_error (error);
    }
  commons_store_add_revisions (f->store, batch, "group-1", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_free (commons_store_create_note (f->store, "Not sent", "yet", &error));
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      sqlite3_stmt *analyze;

      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        {
          g_autofree char *plan = core_fixture_query_plan (_commons_store_get_db (f->store), queries[i].sql);

          g_test_message ("%s\n%s", queries[i].sql, plan);
          g_assert_nonnull (strstr (plan, queries[i].index));
          g_assert_null (strstr (plan, "TEMP B-TREE"));
        }
      analyze = _commons_store_prepare (f->store, "ANALYZE", NULL);
      g_assert_cmpint (sqlite3_step (analyze), ==, SQLITE_DONE);
      sqlite3_reset (analyze);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  g_assert_true (COMMONS_IS_STORE (object));
  (*count)++;
}

/* A statement whose text is built at run time and freed after use: the
 * cache must not keep the freed text as its key (the Questions page's
 * sorts did this, and AddressSanitizer caught a use after free). */
static void
test_prepare_built_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) + %u FROM records", i % 2);
      sqlite3_stmt *stmt = _commons_store_prepare (f->store, sql, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, (int) (i % 2));
      sqlite3_reset (stmt);
    }
}

/* A property notifies once when it changes and not at all when set to
 * what it already is, so a view bound to it does not redraw for nothing. */
static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  guint count = 0;

  g_signal_connect (f->store, "notify::quiet-interval", G_CALLBACK (count_notify_cb), &count);
  commons_store_set_quiet_interval (f->store, 42);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (commons_store_get_quiet_interval (f->store), ==, 42);
  commons_store_set_quiet_interval (f->store, 42);
  g_assert_cmpuint (count, ==, 1);
  g_object_set (f->store, "quiet-interval", 7, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpuint (commons_store_get_quiet_interval (f->store), ==, 7);
  g_signal_handlers_disconnect_by_func (f->store, count_notify_cb, &count);
}

/* The enums are GTypes made from the headers, so a value added to a header
 * is registered without anyone remembering to. */
static void
test_enum_types (void)
{
  g_autoptr(GEnumClass) status = g_type_class_ref (COMMONS_TYPE_REVIEW_STATUS);
  g_autoptr(GEnumClass) error = g_type_class_ref (COMMONS_TYPE_STORE_ERROR);
  GEnumValue *value;

  g_assert_true (G_TYPE_IS_ENUM (COMMONS_TYPE_PLAN_SORT));
  value = g_enum_get_value (status, COMMONS_REVIEW_STATUS_DRAFT);
  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "draft");
  value = g_enum_get_value_by_nick (error, "full");
  g_assert_nonnull (value);
  g_assert_cmpint (value->value, ==, COMMONS_STORE_ERROR_FULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/note/round-trip", test_note_round_trip);
  ADD ("/store/note/quiet-interval", test_quiet_interval);
  ADD ("/store/note/save-on-stale-version", test_note_save_on_stale_version);
  ADD ("/store/history/restore", test_history_restore);
  ADD ("/store/delete/undo", test_delete_undo);
  ADD ("/store/heads/linear-and-branching", test_heads);
  ADD ("/store/heads/missing-parent", test_missing_parent);
  ADD ("/store/search/accents-and-languages", test_search);
  ADD ("/store/search/nested-titles", test_search_nested_titles);
  ADD ("/store/list/follows-store", test_list_follows_store);
#undef ADD
  g_test_add_func ("/store/migration/from-schema-1", test_migration);
  g_test_add_func ("/store/open/bad-files", test_bad_files);
  g_test_add ("/store/notify", Fixture, NULL, fixture_setup, test_notify, fixture_teardown);
  g_test_add ("/store/prepare-built-text", Fixture, NULL, fixture_setup, test_prepare_built_text, fixture_teardown);
  g_test_add_func ("/store/enum-types", test_enum_types);
  g_test_add ("/store/list/sees-other-writers", Fixture, NULL, fixture_setup,
              test_query_sees_other_writers, fixture_teardown);
  g_test_add ("/store/open/second-connection-keeps-locks", Fixture, NULL, fixture_setup,
              test_second_connection_keeps_locks, fixture_teardown);
  g_test_add_func ("/store/open/read-only-dir", test_read_only_dir);
  g_test_add ("/store/query-plans", Fixture, NULL, fixture_setup, test_query_plans, fixture_teardown);

  return g_test_run ();
}
