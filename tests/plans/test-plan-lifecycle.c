/* test-plan-lifecycle.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "commons-plan-query.h"
#include "commons-store-private.h"
#include "commons-sync.h"
#include "plans-fixture.h"

#define GROUP "7d1c0e55-3b6a-4f0e-9a51-2f1d3c4b5a69"

static void
add_group (Fixture *f)
{
  sqlite3 *db = _commons_store_get_db (f->store);

  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO groups (id, server, name, member, display_name, role, joined) "
                                 "VALUES ('" GROUP "', 'https://example.org', 'Year 5', 'm', 'Ana', 'member', "
                                 "'2026-01-01T00:00:00.000Z')", NULL, NULL, NULL), ==, SQLITE_OK);
}

static guint
count_found (Fixture    *f,
             const char *scope,
             const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;

  filter.scope = scope;
  filter.search = search;
  rows = commons_plan_query (f->store, &filter, &error);
  g_assert_no_error (error);
  return rows->len;
}

static char *
save_new_plan (Fixture    *f,
               const char *title,
               const char *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = make_plan (title, "Maths", "Year 5", "en");

  if (scope != NULL)
    commons_plan_set_scope (plan, scope);
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  return g_strdup (commons_plan_get_record (plan));
}

/* A deleted plan leaves the lists and search; Undo brings it back. */
static void
test_plan_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = save_new_plan (f, "Fractions with pizza", NULL);
  g_autoptr(CommonsRevision) current = NULL;

  g_assert_cmpuint (count_found (f, NULL, NULL), ==, 1);
  g_assert_cmpuint (count_found (f, NULL, "pizza"), ==, 1);

  g_assert_true (commons_plan_delete (f->store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_found (f, NULL, "pizza"), ==, 0);
  /* A tombstone: the history is kept. */
  current = commons_store_get_current (f->store, record, &error);
  g_assert_no_error (error);
  g_assert_true (commons_revision_get_deleted (current));

  g_assert_true (commons_store_undelete_record (f->store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f, NULL, "pizza"), ==, 1);
}

/* A colleague's plan in a group is theirs to delete; one they imported
 * into the library is the person's to throw away. */
static void
test_plan_delete_others (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autofree char *imported = add_foreign_plan (f, "Imported", "cc-by-nd", "2026-01-10T09:00:00.000Z");
  g_autoptr(CommonsPlan) plan = make_plan ("Theirs", "Maths", "Year 5", "en");
  g_autoptr(JsonObject) fields = commons_plan_to_fields (plan);
  g_autoptr(CommonsRevision) revision = NULL;
  g_autoptr(CommonsPlan) loaded = NULL;

  add_group (f);
  revision = add_foreign_revision_in_scope (f, GROUP, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                            "2026-01-10T09:00:00.000Z", FALSE, fields);
  loaded = commons_plan_load (f->store, record, &error);
  g_assert_no_error (error);
  g_assert_false (commons_plan_can_delete (loaded, f->store, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS);
  g_clear_error (&error);
  g_assert_false (commons_plan_delete (f->store, record, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS);
  g_clear_error (&error);
  g_assert_cmpuint (count_found (f, GROUP, NULL), ==, 1);

  g_assert_true (commons_plan_delete (f->store, imported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f, COMMONS_SCOPE_LOCAL, NULL), ==, 0);
}

/* Stop Sharing: the plan leaves the group, by a delete the others
 * receive, and stays in the person's library. */
static void
test_plan_unshare (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = save_new_plan (f, "Fractions with pizza", NULL);
  g_autofree char *written_in_group = save_new_plan (f, "Seeds on the move", GROUP);
  g_autofree char *copy = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept2 = NULL;
  g_autoptr(CommonsPlan) shared = NULL;
  g_autoptr(CommonsPlan) library = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  guint unpushed;

  add_group (f);
  copy = commons_store_share_record (f->store, original, GROUP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_found (f, GROUP, NULL), ==, 2);
  g_assert_cmpuint (count_found (f, COMMONS_SCOPE_LOCAL, NULL), ==, 1);

  shared = commons_plan_load (f->store, copy, &error);
  g_assert_no_error (error);
  g_assert_true (commons_plan_can_unshare (shared, f->store, &error));
  g_assert_no_error (error);
  unpushed = commons_store_count_unpushed (f->store, GROUP);

  /* The library holds this version already: no second copy. */
  kept = commons_plan_unshare (f->store, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, original);
  g_assert_cmpuint (count_found (f, GROUP, NULL), ==, 1);
  g_assert_cmpuint (count_found (f, COMMONS_SCOPE_LOCAL, NULL), ==, 1);
  current = commons_store_get_current (f->store, copy, &error);
  g_assert_no_error (error);
  g_assert_true (commons_revision_get_deleted (current));
  /* The delete goes to the group on the next sync. */
  g_assert_cmpuint (commons_store_count_unpushed (f->store, GROUP), ==, unpushed + 1);

  /* A plan written in the group comes to the library. */
  kept2 = commons_plan_unshare (f->store, written_in_group, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept2);
  g_assert_cmpstr (kept2, !=, written_in_group);
  g_assert_cmpuint (count_found (f, GROUP, NULL), ==, 0);
  g_assert_cmpuint (count_found (f, COMMONS_SCOPE_LOCAL, NULL), ==, 2);
  library = commons_plan_load (f->store, kept2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_title (library), ==, "Seeds on the move");
  g_assert_cmpstr (commons_plan_get_scope (library), ==, COMMONS_SCOPE_LOCAL);

  /* A plan in the library is not shared; so nothing to stop. */
  g_assert_false (commons_plan_can_unshare (library, f->store, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID);
  g_clear_error (&error);
}

/* Only its author takes a plan out of a group. */
static void
test_plan_unshare_others (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(CommonsPlan) plan = make_plan ("Theirs", "Maths", "Year 5", "en");
  g_autoptr(JsonObject) fields = commons_plan_to_fields (plan);
  g_autoptr(CommonsRevision) revision = NULL;

  add_group (f);
  revision = add_foreign_revision_in_scope (f, GROUP, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                            "2026-01-10T09:00:00.000Z", FALSE, fields);
  g_assert_null (commons_plan_unshare (f->store, record, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS);
  g_clear_error (&error);
  g_assert_cmpuint (count_found (f, GROUP, NULL), ==, 1);
  g_assert_cmpuint (count_found (f, COMMONS_SCOPE_LOCAL, NULL), ==, 0);
}

/* A delete another member made arrives like any change. */
static void
test_plan_delete_received (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(CommonsPlan) plan = make_plan ("Theirs", "Maths", "Year 5", "en");
  g_autoptr(JsonObject) fields = commons_plan_to_fields (plan);
  g_autoptr(CommonsRevision) first = NULL;
  g_autoptr(CommonsRevision) gone = NULL;

  add_group (f);
  first = add_foreign_revision_in_scope (f, GROUP, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                         "2026-01-10T09:00:00.000Z", FALSE, fields);
  g_assert_cmpuint (count_found (f, GROUP, "Theirs"), ==, 1);
  gone = add_foreign_revision_in_scope (f, GROUP, record, COMMONS_PLAN_KIND, commons_revision_get_id (first),
                                        OTHER_PERSON, "2026-01-11T09:00:00.000Z", TRUE, fields);
  g_assert_cmpuint (count_found (f, GROUP, "Theirs"), ==, 0);
  g_assert_cmpuint (count_found (f, NULL, NULL), ==, 0);
}

/* Credits name people as they chose to be named, never by the system
 * account: the name set in Preferences, else the one given a group. */
static void
test_plan_credit_name (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mine = save_new_plan (f, "Fractions with pizza", NULL);
  g_autofree char *theirs = add_foreign_plan (f, "Leaves", "cc-by", "2026-01-10T09:00:00.000Z");
  g_autoptr(CommonsPlan) a = NULL;
  g_autoptr(CommonsPlan) b = NULL;
  g_autoptr(CommonsPlan) c = NULL;

  a = commons_plan_remix (f->store, mine, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (commons_plan_get_credit (a), " by an unnamed author "));

  add_group (f);
  b = commons_plan_remix (f->store, mine, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (commons_plan_get_credit (b), " by Ana "));

  commons_store_set_display_name (f->store, "Ana Lima", &error);
  g_assert_no_error (error);
  c = commons_plan_remix (f->store, mine, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (commons_plan_get_credit (c), " by Ana Lima "));

  /* A colleague is not named by this person's name. */
  g_clear_object (&c);
  c = commons_plan_remix (f->store, theirs, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (commons_plan_get_credit (c), "Ana"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/plan-lifecycle/delete", Fixture, NULL, fixture_setup, test_plan_delete, fixture_teardown);
  g_test_add ("/plan-lifecycle/delete-others", Fixture, NULL, fixture_setup, test_plan_delete_others, fixture_teardown);
  g_test_add ("/plan-lifecycle/delete-received", Fixture, NULL, fixture_setup, test_plan_delete_received, fixture_teardown);
  g_test_add ("/plan-lifecycle/unshare", Fixture, NULL, fixture_setup, test_plan_unshare, fixture_teardown);
  g_test_add ("/plan-lifecycle/credit-name", Fixture, NULL, fixture_setup, test_plan_credit_name, fixture_teardown);
  g_test_add ("/plan-lifecycle/unshare-others", Fixture, NULL, fixture_setup, test_plan_unshare_others, fixture_teardown);

  return g_test_run ();
}
