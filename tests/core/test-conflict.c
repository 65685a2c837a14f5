/* test-conflict.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "core-fixture.h"
#include "commons-conflict.h"

#define OTHER_AUTHOR "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"

typedef struct
{
  char         *dir;
  CommonsStore *store;
  /* A note edited in two places, the same line changed on both sides. */
  char         *record;
  char         *head_a;
  char         *head_b;
} Fixture;

static CommonsRevision *
note_revision (const char  *record,
               const char **parents,
               const char  *body,
               const char  *time)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  CommonsRevision *revision;

  json_object_set_string_member (fields, "title", "Tides");
  json_object_set_string_member (fields, "body", body);
  revision = commons_revision_new (record, "note", parents, OTHER_AUTHOR, time, FALSE, fields, &error);
  g_assert_no_error (error);
  return revision;
}

static void
add_conflict (Fixture    *f,
              const char *record)
{
  g_autoptr(CommonsRevision) root = note_revision (record, NULL, "The moon\npulls\nthe sea", "2026-01-01T00:00:00.000Z");
  const char *parents[] = { commons_revision_get_id (root), NULL };
  g_autoptr(CommonsRevision) a = note_revision (record, parents, "The moon\npulls hard\nthe sea", "2026-01-02T00:00:00.000Z");
  g_autoptr(CommonsRevision) b = note_revision (record, parents, "The moon\npulls gently\nthe sea", "2026-01-03T00:00:00.000Z");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, root);
  g_ptr_array_add (batch, a);
  g_ptr_array_add (batch, b);
  commons_store_add_revisions (f->store, batch, COMMONS_SCOPE_LOCAL, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_free (f->record);
  g_free (f->head_a);
  g_free (f->head_b);
  f->record = g_strdup (record);
  f->head_a = g_strdup (commons_revision_get_id (a));
  f->head_b = g_strdup (commons_revision_get_id (b));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = core_fixture_make_dir ("commons-conflict");
  f->store = core_fixture_open_store (f->dir, "commons.db", FALSE);
  add_conflict (f, "11111111-2222-4333-8444-555555555555");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  core_fixture_close_store (&f->store);
  core_fixture_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->record);
  g_free (f->head_a);
  g_free (f->head_b);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = commons_conflict_list_records (f->store, NULL, &error);
  g_autoptr(GPtrArray) local = NULL;
  g_autoptr(GPtrArray) group = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, f->record);
  local = commons_conflict_list_records (f->store, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (local->len, ==, 1);
  group = commons_conflict_list_records (f->store, "some-group", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (group->len, ==, 0);

  heads = commons_conflict_dup_heads (f->store, f->record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 2);
  fields = commons_conflict_differing_fields (heads);
  g_assert_cmpuint (fields->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "body");

  g_assert_null (commons_conflict_dup_heads (f->store, "22222222-2222-4333-8444-555555555555", &error));
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND);
}

static void
test_keep (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const char * const *parents;

  g_assert_false (commons_conflict_keep (f->store, f->record, "ab00", &error));
  g_assert_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_NO_SUCH_HEAD);
  g_clear_error (&error);

  g_assert_true (commons_conflict_keep (f->store, f->record, f->head_a, &error));
  g_assert_no_error (error);
  current = commons_store_get_current (f->store, f->record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_string_field (current, "body"), ==, "The moon\npulls hard\nthe sea");
  /* Nothing lost: both versions are parents of the resolution. */
  parents = commons_revision_get_parents (current);
  g_assert_cmpuint (g_strv_length ((char **) parents), ==, 2);
  g_assert_true (g_strv_contains (parents, f->head_a));
  g_assert_true (g_strv_contains (parents, f->head_b));
  g_assert_cmpstr (commons_revision_get_author (current), ==, commons_store_get_person_id (f->store));

  none = commons_conflict_list_records (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_false (commons_conflict_keep (f->store, f->record, f->head_b, &error));
  g_assert_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_NOT_IN_CONFLICT);
}

static void
test_resolve (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(CommonsRevision) current = NULL;

  json_object_set_int_member (bad, "title", 42);
  g_assert_false (commons_conflict_resolve (f->store, f->record, bad, &error));
  g_assert_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_INVALID);
  g_clear_error (&error);

  json_object_set_string_member (changes, "body", "The moon\npulls, gently and hard\nthe sea");
  g_assert_true (commons_conflict_resolve (f->store, f->record, changes, &error));
  g_assert_no_error (error);
  current = commons_store_get_current (f->store, f->record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_string_field (current, "body"), ==,
                   "The moon\npulls, gently and hard\nthe sea");
  g_assert_cmpstr (commons_revision_get_string_field (current, "title"), ==, "Tides");
  g_assert_cmpuint (g_strv_length ((char **) commons_revision_get_parents (current)), ==, 2);

  g_assert_false (commons_conflict_resolve (f->store, f->record, changes, &error));
  g_assert_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_NOT_IN_CONFLICT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/conflict/list", Fixture, NULL, fixture_setup, test_list, fixture_teardown);
  g_test_add ("/conflict/keep", Fixture, NULL, fixture_setup, test_keep, fixture_teardown);
  g_test_add ("/conflict/resolve", Fixture, NULL, fixture_setup, test_resolve, fixture_teardown);

  return g_test_run ();
}
