/* test-merge.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "commons-merge.h"
#include "commons-store.h"

#define RECORD "2b7a6c1e-2f4d-4c3b-9a8e-1d2c3b4a5f60"
#define ALICE  "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
#define BOB    "6e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8c"

static void
check_text (const char *base,
            const char *left,
            const char *right,
            const char *expected)
{
  gboolean conflict = TRUE;
  g_autofree char *merged = commons_merge_text (base, left, right, &conflict);
  g_autofree char *swapped = NULL;

  if (expected == NULL)
    {
      g_assert_true (conflict);
      g_assert_null (merged);
    }
  else
    {
      g_assert_false (conflict);
      g_assert_cmpstr (merged, ==, expected);
    }

  /* Merging is symmetric. */
  swapped = commons_merge_text (base, right, left, &conflict);
  g_assert_cmpstr (swapped, ==, expected);
}

static void
test_text (void)
{
  check_text ("a\nb\nc", "a\nb\nc", "a\nB\nc", "a\nB\nc");
  check_text ("a\nb\nc\nd\ne", "A\nb\nc\nd\ne", "a\nb\nc\nd\nE", "A\nb\nc\nd\nE");
  check_text ("a\nb\nc", "a\nX\nc", "a\nY\nc", NULL);
  check_text ("a\nb\nc", "a\nX\nc", "a\nX\nc", "a\nX\nc");
  check_text ("a\nb\nc", "a\nc", "a\nb\nc\nd", "a\nc\nd");
  check_text ("", "one", "two", NULL);
  check_text (NULL, "same", "same", "same");
  check_text ("x\ny", "new first\nx\ny", "x\ny\nnew last", "new first\nx\ny\nnew last");
  check_text ("l1\nl2\nl3\nl4", "l1\nl2 changed\nl3\nl4", "l1\nl2\nl3\nl4 changed\nl5", "l1\nl2 changed\nl3\nl4 changed\nl5");
  /* Insertions at the same place on both sides cannot be ordered. */
  check_text ("a\nb", "a\nX\nb", "a\nY\nb", NULL);
}

static CommonsRevision *
make (const char * const *parents,
      const char         *author,
      const char         *time,
      gboolean            deleted,
      const char         *title,
      const char         *body,
      const char         *level)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  CommonsRevision *revision;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "body", body);
  if (level != NULL)
    json_object_set_string_member (fields, "level", level);
  revision = commons_revision_new (RECORD, "plan", parents, author, time, deleted, fields, &error);
  g_assert_no_error (error);
  return revision;
}

static void
test_fields (void)
{
  g_autoptr(CommonsRevision) base = make (NULL, ALICE, "2026-01-01T00:00:00.000Z", FALSE, "T", "one\ntwo\nthree", "A1");
  const char *p[] = { commons_revision_get_id (base), NULL };
  g_autoptr(CommonsRevision) left = make (p, ALICE, "2026-01-02T00:00:00.000Z", FALSE, "T left", "ONE\ntwo\nthree", "A2");
  g_autoptr(CommonsRevision) right = make (p, BOB, "2026-01-03T00:00:00.000Z", FALSE, "T", "one\ntwo\nTHREE", "B1");
  g_autoptr(CommonsRevision) m1 = NULL;
  g_autoptr(CommonsRevision) m2 = NULL;
  g_autoptr(GError) error = NULL;

  m1 = commons_merge_revisions (base, left, right, &error);
  g_assert_no_error (error);
  m2 = commons_merge_revisions (base, right, left, &error);
  g_assert_no_error (error);

  /* Same merge, whichever side is called left: same id. */
  g_assert_cmpstr (commons_revision_get_id (m1), ==, commons_revision_get_id (m2));
  g_assert_null (commons_revision_get_author (m1));
  g_assert_cmpstr (commons_revision_get_time (m1), ==, "2026-01-03T00:00:00.000Z");
  g_assert_cmpstr (commons_revision_get_string_field (m1, "title"), ==, "T left");
  g_assert_cmpstr (commons_revision_get_string_field (m1, "body"), ==, "ONE\ntwo\nTHREE");
  /* A short field changed on both sides: the later head wins. */
  g_assert_cmpstr (commons_revision_get_string_field (m1, "level"), ==, "B1");
}

static void
test_edit_beats_delete (void)
{
  g_autoptr(CommonsRevision) base = make (NULL, ALICE, "2026-01-01T00:00:00.000Z", FALSE, "T", "body", NULL);
  const char *p[] = { commons_revision_get_id (base), NULL };
  g_autoptr(CommonsRevision) del = make (p, ALICE, "2026-01-05T00:00:00.000Z", TRUE, "T", "body", NULL);
  g_autoptr(CommonsRevision) edit = make (p, BOB, "2026-01-02T00:00:00.000Z", FALSE, "T", "body edited", NULL);
  g_autoptr(CommonsRevision) same = make (p, BOB, "2026-01-02T00:00:00.000Z", FALSE, "T", "body", NULL);
  g_autoptr(CommonsRevision) m = NULL;
  g_autoptr(GError) error = NULL;

  m = commons_merge_revisions (base, del, edit, &error);
  g_assert_no_error (error);
  g_assert_false (commons_revision_get_deleted (m));
  g_assert_cmpstr (commons_revision_get_string_field (m, "body"), ==, "body edited");
  g_clear_pointer (&m, commons_revision_unref);

  m = commons_merge_revisions (base, edit, del, &error);
  g_assert_no_error (error);
  g_assert_false (commons_revision_get_deleted (m));
  g_clear_pointer (&m, commons_revision_unref);

  /* A concurrent revision that changed nothing does not undo the delete. */
  g_assert_cmpstr (commons_revision_get_id (same), !=, commons_revision_get_id (base));
  m = commons_merge_revisions (base, same, del, &error);
  g_assert_no_error (error);
  g_assert_true (commons_revision_get_deleted (m));
}

static void
test_store_merges (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-merge-XXXXXX", &error);
  g_autofree char *path1 = g_build_filename (dir, "one.db", NULL);
  g_autofree char *path2 = g_build_filename (dir, "two.db", NULL);
  g_autoptr(CommonsStore) s1 = commons_store_open (path1, &error);
  g_autoptr(CommonsStore) s2 = commons_store_open (path2, &error);
  g_autoptr(CommonsRevision) base = make (NULL, ALICE, "2026-01-01T00:00:00.000Z", FALSE, "T", "a\nb\nc", NULL);
  const char *p[] = { commons_revision_get_id (base), NULL };
  g_autoptr(CommonsRevision) left = make (p, ALICE, "2026-01-02T00:00:00.000Z", FALSE, "T", "A\nb\nc", NULL);
  g_autoptr(CommonsRevision) right = make (p, BOB, "2026-01-03T00:00:00.000Z", FALSE, "T", "a\nb\nC", NULL);
  g_autoptr(CommonsRevision) clash = make (p, BOB, "2026-01-04T00:00:00.000Z", FALSE, "T", "a\nB!\nc", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GPtrArray) h1 = NULL;
  g_autoptr(GPtrArray) h2 = NULL;

  g_assert_no_error (error);

  /* Two replicas receive the same revisions in different orders. */
  g_ptr_array_add (batch, base);
  g_ptr_array_add (batch, left);
  g_ptr_array_add (batch, right);
  commons_store_add_revisions (s1, batch, "g", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, base);
  g_ptr_array_add (batch, right);
  commons_store_add_revisions (s2, batch, "g", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, left);
  commons_store_add_revisions (s2, batch, "g", TRUE, NULL, &error);
  g_assert_no_error (error);

  h1 = commons_store_get_heads (s1, RECORD, &error);
  h2 = commons_store_get_heads (s2, RECORD, &error);
  g_assert_cmpuint (h1->len, ==, 1);
  g_assert_cmpuint (h2->len, ==, 1);
  g_assert_cmpstr (commons_revision_get_id (g_ptr_array_index (h1, 0)), ==,
                   commons_revision_get_id (g_ptr_array_index (h2, 0)));
  g_assert_cmpstr (commons_revision_get_string_field (g_ptr_array_index (h1, 0), "body"), ==, "A\nb\nC");

  /* The merge made on one replica is accepted by the other as a
   * duplicate; a forged "merge" is ignored. */
  {
    g_autoptr(GArray) results = g_array_new (FALSE, FALSE, sizeof (CommonsAddResult));
    const char *lr[] = { commons_revision_get_id (left), commons_revision_get_id (right), NULL };
    g_autoptr(CommonsRevision) forged = make (lr, NULL, "2026-01-03T00:00:00.000Z", FALSE, "T", "forged", NULL);

    g_ptr_array_set_size (batch, 0);
    g_ptr_array_add (batch, g_ptr_array_index (h1, 0));
    g_ptr_array_add (batch, forged);
    commons_store_add_revisions (s2, batch, "g", TRUE, results, &error);
    g_assert_no_error (error);
    g_assert_cmpint (g_array_index (results, CommonsAddResult, 0), ==, COMMONS_ADD_DUPLICATE);
    g_assert_cmpint (g_array_index (results, CommonsAddResult, 1), ==, COMMONS_ADD_REJECTED);
  }

  /* Overlapping lines: no merge, the record is in conflict, both kept. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, clash);
  commons_store_add_revisions (s1, batch, "g", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&h1, g_ptr_array_unref);
  h1 = commons_store_get_heads (s1, RECORD, &error);
  g_assert_cmpuint (h1->len, ==, 2);

  /* A person's resolution is an ordinary revision with both parents. */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(GPtrArray) h = NULL;

    json_object_set_string_member (fields, "title", "T");
    json_object_set_string_member (fields, "body", "A\nB!\nC");
    commons_store_edit_record (s1, RECORD, fields, &error);
    g_assert_no_error (error);
    h = commons_store_get_heads (s1, RECORD, &error);
    g_assert_cmpuint (h->len, ==, 1);
    g_assert_cmpuint (g_strv_length ((char **) commons_revision_get_parents (g_ptr_array_index (h, 0))), ==, 2);
  }

  g_clear_object (&s1);
  g_clear_object (&s2);
  {
    const char *names[] = { "one.db", "one.db-wal", "one.db-shm", "two.db", "two.db-wal", "two.db-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *f = g_build_filename (dir, names[i], NULL);
        g_remove (f);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/text", test_text);
  g_test_add_func ("/merge/fields", test_fields);
  g_test_add_func ("/merge/edit-beats-delete", test_edit_beats_delete);
  g_test_add_func ("/merge/store-converges", test_store_merges);

  return g_test_run ();
}
