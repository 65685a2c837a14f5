/* test-bundle.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "core-fixture.h"
#include "commons-bundle.h"
#include "commons-sync.h"
#include "commons-store-private.h"

typedef struct
{
  char         *dir;
  CommonsStore *a;
  CommonsStore *b;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = core_fixture_make_dir ("commons-bundle");
  f->a = core_fixture_open_store (f->dir, "a.db", TRUE);
  f->b = core_fixture_open_store (f->dir, "b.db", TRUE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  core_fixture_close_store (&f->a);
  core_fixture_close_store (&f->b);
  core_fixture_remove_dir (f->dir);
  g_free (f->dir);
}

static char *
make_plan (CommonsStore *store,
           const char   *title,
           const char   *summary)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", summary);
  id = commons_store_create_record (store, "plan", COMMONS_SCOPE_LOCAL, fields, &error);
  g_assert_no_error (error);
  return id;
}

static void
edit_plan (CommonsStore *store,
           const char   *id,
           const char   *title,
           const char   *summary)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", summary);
  commons_store_edit_record (store, id, fields, &error);
  g_assert_no_error (error);
}

/* A digest of a store's materialized state and every revision it holds. */
static char *
state_digest (CommonsStore *store)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt;

  stmt = _commons_store_prepare (store,
      "SELECT id, head, deleted, conflict, title FROM records ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 5; c++)
      {
        const char *v = (const char *) sqlite3_column_text (stmt, c);
        g_checksum_update (sum, (const guchar *) (v ? v : "-"), -1);
      }
  sqlite3_reset (stmt);
  stmt = _commons_store_prepare (store, "SELECT id FROM revisions ORDER BY id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_checksum_update (sum, sqlite3_column_text (stmt, 0), -1);
  sqlite3_reset (stmt);
  return g_strdup (g_checksum_get_string (sum));
}

static GPtrArray *
import (CommonsStore *store,
        GBytes       *bytes)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *report = commons_bundle_import (store, bytes, COMMONS_SCOPE_LOCAL, &error);

  g_assert_no_error (error);
  return report;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *p1 = make_plan (f->a, "Fractions", "Pizza slices\nThen\nNumber lines");
  g_autofree char *p2 = make_plan (f->a, "Photosynthèse", "Lumière");
  const char *both[] = { p1, p2, NULL };
  const char *one[] = { p1, NULL };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;

  bytes = commons_bundle_export (f->a, both, &error);
  g_assert_no_error (error);

  report = import (f->b, bytes);
  g_assert_cmpuint (report->len, ==, 2);
  g_assert_cmpint (((CommonsImportItem *) g_ptr_array_index (report, 0))->status, ==, COMMONS_IMPORT_NEW);
  g_clear_pointer (&report, g_ptr_array_unref);

  /* Twice: nothing changes. */
  da = state_digest (f->b);
  report = import (f->b, bytes);
  g_assert_cmpint (((CommonsImportItem *) g_ptr_array_index (report, 0))->status, ==, COMMONS_IMPORT_UNCHANGED);
  g_clear_pointer (&report, g_ptr_array_unref);
  db = state_digest (f->b);
  g_assert_cmpstr (da, ==, db);

  /* Both edit the same plan, different lines; swapping files converges. */
  edit_plan (f->a, p1, "Fractions", "Pizza slices, halves\nThen\nNumber lines");
  edit_plan (f->b, p1, "Fractions", "Pizza slices\nThen\nNumber lines to ten");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = commons_bundle_export (f->a, one, &error);
  g_assert_no_error (error);
  back = commons_bundle_export (f->b, one, &error);
  g_assert_no_error (error);
  report = import (f->b, bytes);
  g_assert_cmpint (((CommonsImportItem *) g_ptr_array_index (report, 0))->status, ==, COMMONS_IMPORT_UPDATED);
  g_clear_pointer (&report, g_ptr_array_unref);
  report = import (f->a, back);
  g_clear_pointer (&report, g_ptr_array_unref);

  {
    g_autoptr(CommonsRevision) ca = commons_store_get_current (f->a, p1, &error);
    g_autoptr(CommonsRevision) cb = commons_store_get_current (f->b, p1, &error);

    g_assert_cmpstr (commons_revision_get_id (ca), ==, commons_revision_get_id (cb));
    g_assert_cmpstr (commons_revision_get_string_field (ca, "summary"), ==,
                     "Pizza slices, halves\nThen\nNumber lines to ten");
  }
  g_free (da);
  g_free (db);
  da = state_digest (f->a);
  db = state_digest (f->b);
  g_assert_cmpstr (da, ==, db);

  /* The same lines on both sides: a conflict, reported as one. */
  edit_plan (f->a, p1, "Fractions", "Pizza A\nThen\nNumber lines to ten");
  edit_plan (f->b, p1, "Fractions", "Pizza B\nThen\nNumber lines to ten");
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = commons_bundle_export (f->a, one, &error);
  report = import (f->b, bytes);
  g_assert_cmpint (((CommonsImportItem *) g_ptr_array_index (report, 0))->status, ==, COMMONS_IMPORT_CONFLICT);
}

static void
test_notes_stay (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = commons_store_create_note (f->a, "Diary", "private", &error);
  const char *ids[] = { note, NULL };
  g_autoptr(GBytes) bytes = commons_bundle_export (f->a, ids, &error);

  g_assert_null (bytes);
  g_assert_error (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_PRIVATE);
}

static void
expect_refused (Fixture    *f,
                const char *text,
                gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autofree char *before = state_digest (f->b);
  g_autofree char *after = NULL;

  report = commons_bundle_import (f->b, bytes, COMMONS_SCOPE_LOCAL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  after = state_digest (f->b);
  g_assert_cmpstr (before, ==, after);
}

/* A file whose frame is sound but some of whose revisions are not: those
 * are quarantined (one way in, as a pull), the rest imported. */
static void
expect_quarantined (Fixture    *f,
                    const char *text,
                    gsize       length,
                    guint       n)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  CommonsImportSummary summary = { 0 };

  report = commons_bundle_import_full (f->b, bytes, COMMONS_SCOPE_LOCAL, "hostile.commons", &summary, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (summary.quarantined, ==, n);
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *p1 = make_plan (f->a, "Fractions", "text");
  const char *ids[] = { p1, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = NULL;
  g_autofree char *text = NULL;
  gsize size;

  edit_plan (f->a, p1, "Fractions 2", "more text");
  good = commons_bundle_export (f->a, ids, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (good, &size), g_bytes_get_size (good));

  /* Truncated anywhere. */
  for (gsize cut = 1; cut < size - 2; cut += size / 7 + 1)
    expect_refused (f, text, cut);

  /* A wrong hash: change one letter of a title. */
  {
    g_autofree char *tampered = g_strdup (text);
    char *where = strstr (tampered, "Fractions 2");

    g_assert_nonnull (where);
    where[0] = 'f';
    expect_quarantined (f, tampered, size, 1);
    /* The revision before it is taken; the tampered one never shows. */
    {
      g_autoptr(CommonsRevision) current = commons_store_get_current (f->b, p1, NULL);

      g_assert_nonnull (current);
      g_assert_cmpstr (commons_revision_get_string_field (current, "title"), ==, "Fractions");
    }
    /* Quarantined once, however often it comes. */
    expect_quarantined (f, tampered, size, 0);
  }

  /* Deep nesting, a huge string, garbage, a note smuggled in. */
  {
    gsize depth = 100000;
    g_autoptr(GString) deep = g_string_new ("{\"format\":\"commons-bundle\",\"v\":1,\"revisions\":");

    for (gsize i = 0; i < depth; i++)
      g_string_append_c (deep, '[');
    expect_refused (f, deep->str, deep->len);
  }
  {
    gsize big = 3 * 1024 * 1024;
    g_autoptr(GString) huge = g_string_new ("{\"format\":\"commons-bundle\",\"v\":1,\"revisions\":[{\"id\":\"");

    for (gsize i = 0; i < big; i++)
      g_string_append_c (huge, 'a');
    g_string_append (huge, "\"}]}");
    expect_quarantined (f, huge->str, huge->len, 1);
  }
  expect_refused (f, "\x89PNG\r\n\x1a\n garbage", 16);
  {
    const char *numbers = "{\"format\":\"commons-bundle\",\"v\":1,\"revisions\":[1e999]}";
    const char *newer = "{\"format\":\"commons-bundle\",\"v\":3,\"revisions\":[]}";

    expect_refused (f, numbers, strlen (numbers));
    expect_refused (f, newer, strlen (newer));
  }
  {
    g_autofree char *note = commons_store_create_note (f->a, "Diary", "private", NULL);
    g_autoptr(CommonsRevision) current = commons_store_get_current (f->a, note, NULL);
    g_autoptr(JsonNode) wire = commons_revision_to_wire (current);
    g_autofree char *rev = json_to_string (wire, FALSE);
    g_autofree char *smuggled = g_strdup_printf ("{\"format\":\"commons-bundle\",\"v\":1,\"revisions\":[%s]}", rev);
    g_autofree char *before = state_digest (f->b);
    g_autofree char *after = NULL;

    expect_quarantined (f, smuggled, strlen (smuggled), 1);
    after = state_digest (f->b);
    g_assert_cmpstr (before, ==, after);
  }

  /* And the good file still imports afterwards. */
  {
    g_autoptr(GPtrArray) report = import (f->b, good);
    g_assert_cmpuint (report->len, ==, 1);
  }
}

/* Exporting a group's plan does not count as sending it: its changes not
 * yet sent still go to the group at the next sync, and the exported
 * revision is never amended (the file holds it). */
static void
test_export_keeps_unsent (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *id = NULL;

  commons_store_set_quiet_interval (f->a, 3600);
  json_object_set_string_member (fields, "title", "Rivers");
  json_object_set_string_member (fields, "summary", "Where the water goes.");
  id = commons_store_create_record (f->a, "plan", "group-1", fields, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commons_store_count_unpushed (f->a, "group-1"), ==, 1);

  bytes = commons_bundle_export (f->a, (const char *[]) { id, NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commons_store_count_unpushed (f->a, "group-1"), ==, 1);

  heads = commons_store_get_heads (f->a, id, &error);
  exported = g_strdup (commons_revision_get_id (g_ptr_array_index (heads, 0)));
  g_clear_pointer (&heads, g_ptr_array_unref);
  /* Within the quiet interval an edit would amend; not an exported one. */
  edit_plan (f->a, id, "Rivers", "Where the water goes, and why.");
  heads = commons_store_get_heads (f->a, id, &error);
  g_assert_cmpstr (commons_revision_get_parents (g_ptr_array_index (heads, 0))[0], ==, exported);
  g_assert_cmpuint (commons_store_count_unpushed (f->a, "group-1"), ==, 2);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_true (COMMONS_IS_STORE (source));
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Drops the test's hold on a finished task and waits until the task is
 * gone: its worker thread may let go of it (and of the store it names as
 * its source) a moment after the callback ran, and the fixture checks
 * that the store is finalized. */
static void
drop_result (GAsyncResult **result)
{
  GWeakRef task;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_weak_ref_init (&task, *result);
  g_clear_object (result);
  for (;;)
    {
      g_autoptr(GObject) alive = g_weak_ref_get (&task);

      if (alive == NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_clear_object (&alive);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_weak_ref_clear (&task);
}

/* Files exported and imported off the main thread, as the app does: each
 * file gets its own report, in order, and one bad file costs only itself. */
static void
test_files_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *plan = make_plan (f->a, "Tides", "Moon and sea");
  const char *records[] = { plan, NULL };
  g_autofree char *good_path = g_build_filename (f->dir, "tides.commons", NULL);
  g_autofree char *bad_path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *missing_path = g_build_filename (f->dir, "gone.commons", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(CommonsRevision) head = NULL;
  g_autoptr(GError) error = NULL;
  CommonsFileImport *report;

  commons_bundle_export_file_async (f->a, records, good, NULL, async_done_cb, &exported);
  g_assert_true (commons_bundle_export_file_finish (f->a, wait_for_result (&exported), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad_path, "not a bundle", -1, NULL));

  g_ptr_array_add (files, bad);
  g_ptr_array_add (files, good);
  g_ptr_array_add (files, missing);
  commons_bundle_import_files_async (f->b, files, COMMONS_SCOPE_LOCAL, NULL, async_done_cb, &imported);
  reports = commons_bundle_import_files_finish (f->b, wait_for_result (&imported), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 3);

  report = g_ptr_array_index (reports, 0);
  g_assert_cmpstr (report->name, ==, "notes.txt");
  g_assert_null (report->items);
  g_assert_error (report->error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_INVALID);

  report = g_ptr_array_index (reports, 1);
  g_assert_cmpstr (report->name, ==, "tides.commons");
  g_assert_no_error (report->error);
  g_assert_cmpuint (report->items->len, ==, 1);
  g_assert_cmpint (((CommonsImportItem *) g_ptr_array_index (report->items, 0))->status, ==, COMMONS_IMPORT_NEW);
  g_assert_cmpuint (report->summary.quarantined, ==, 0);

  report = g_ptr_array_index (reports, 2);
  g_assert_null (report->items);
  g_assert_error (report->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  head = commons_store_get_current (f->b, plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (head);
  drop_result (&exported);
  drop_result (&imported);
}

/* Cancelled before it starts, the import says so and writes nothing. */
static void
test_files_cancelled (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *plan = make_plan (f->a, "Tides", "Moon and sea");
  const char *records[] = { plan, NULL };
  g_autofree char *path = g_build_filename (f->dir, "tides.commons", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) imported = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (commons_bundle_export_file (f->a, records, file, NULL, &error));
  g_assert_no_error (error);
  g_ptr_array_add (files, file);
  g_cancellable_cancel (cancellable);
  commons_bundle_import_files_async (f->b, files, COMMONS_SCOPE_LOCAL, cancellable, async_done_cb, &imported);
  reports = commons_bundle_import_files_finish (f->b, wait_for_result (&imported), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reports);
  g_assert_cmpuint (commons_store_count_records (f->b, "plan"), ==, 0);
  drop_result (&imported);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/bundle/round-trip-converges", test_round_trip);
  ADD ("/bundle/notes-stay-private", test_notes_stay);
  ADD ("/bundle/hostile-files", test_hostile);
  ADD ("/bundle/export-keeps-unsent", test_export_keeps_unsent);
  ADD ("/bundle/files-async", test_files_async);
  ADD ("/bundle/files-cancelled", test_files_cancelled);
#undef ADD

  return g_test_run ();
}
