/* test-plan.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "commons-diff.h"
#include "commons-json.h"
#include "commons-license.h"
#include "commons-plan-diff.h"
#include "commons-plan-query.h"
#include "commons-store-private.h"
#include "plans-fixture.h"

/* Takes @object. */
static char *
canonical (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(GError) error = NULL;
  char *text;

  json_node_init_object (node, object);
  text = commons_json_canonical (node, &error);
  g_assert_no_error (error);
  json_object_unref (object);
  return text;
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = commons_json_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The one row of the plans table, its columns joined by "|". */
static char *
plans_row (CommonsStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *row;

  g_assert_cmpint (sqlite3_prepare_v2 (_commons_store_get_db (store),
                                       "SELECT subject, level, language, license, duration FROM plans",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row = g_strdup_printf ("%s|%s|%s|%s|%d", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                         sqlite3_column_text (stmt, 2), sqlite3_column_text (stmt, 3),
                         sqlite3_column_int (stmt, 4));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return row;
}

static void
test_plan_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsPlan) loaded = NULL;
  g_autofree char *record = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *objectives[] = { "Explain photosynthesis", "Measure O₂", NULL };

  /* Every field, an activity member and a field from a newer version. */
  fields = parse_object (
      "{\"title\": \"Leaves and light\", \"summary\": \"Line one\\nLine two\","
      " \"subject\": \"Biology\", \"level\": \"Grade 7\", \"language\": \"pt-BR\","
      " \"license\": \"cc-by\", \"objectives\": [\"a\"], \"materials\": [\"Lamp\", \"Pondweed\"],"
      " \"activities\": [{\"title\": \"Warm-up\", \"instructions\": \"Ask.\", \"minutes\": 5,"
      "                   \"media\": \"x.png\"},"
      "                  {\"title\": \"Bubbles\", \"instructions\": \"Count\\nbubbles.\", \"minutes\": 30}],"
      " \"assessment\": \"Exit ticket\", \"accessibility\": \"Large print; captions\","
      " \"future\": {\"nested\": [1, 2]}}");
  plan = commons_plan_new_from_fields (fields, &error);
  g_assert_no_error (error);
  commons_plan_set_objectives (plan, objectives);
  commons_plan_set_scope (plan, "group-42");
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 35);

  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  record = g_strdup (commons_plan_get_record (plan));
  g_assert_nonnull (record);
  g_assert_nonnull (commons_plan_get_revision (plan));
  before = canonical (commons_plan_to_fields (plan));

  fixture_reopen (f);
  loaded = commons_plan_load (f->store, record, &error);
  g_assert_no_error (error);
  after = canonical (commons_plan_to_fields (loaded));
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpstr (commons_plan_get_scope (loaded), ==, "group-42");
  g_assert_cmpstr (commons_plan_get_revision (loaded), ==, commons_plan_get_revision (plan));
  g_assert_cmpstr (commons_plan_get_title (loaded), ==, "Leaves and light");
  g_assert_cmpstr (commons_plan_get_summary (loaded), ==, "Line one\nLine two");
  g_assert_cmpstr (commons_plan_get_subject (loaded), ==, "Biology");
  g_assert_cmpstr (commons_plan_get_level (loaded), ==, "Grade 7");
  g_assert_cmpstr (commons_plan_get_language (loaded), ==, "pt-BR");
  g_assert_cmpstr (commons_plan_get_license (loaded), ==, "cc-by");
  g_assert_cmpstr (commons_plan_get_assessment (loaded), ==, "Exit ticket");
  g_assert_cmpstr (commons_plan_get_accessibility (loaded), ==, "Large print; captions");
  {
    g_auto(GStrv) loaded_objectives = commons_plan_items_dup_strv (commons_plan_get_objectives (loaded));
    g_auto(GStrv) loaded_materials = commons_plan_items_dup_strv (commons_plan_get_materials (loaded));
    g_autoptr(CommonsActivity) second = g_list_model_get_item (commons_plan_get_activities (loaded), 1);

    g_assert_cmpstrv (loaded_objectives, objectives);
    g_assert_cmpstr (loaded_materials[1], ==, "Pondweed");
    g_assert_cmpuint (g_list_model_get_n_items (commons_plan_get_activities (loaded)), ==, 2);
    g_assert_cmpstr (commons_activity_get_instructions (second), ==, "Count\nbubbles.");
  }
  g_assert_cmpuint (commons_plan_get_duration (loaded), ==, 35);
  g_assert_false (commons_plan_is_remix (loaded));
  g_assert_true (strstr (after, "\"future\":{\"nested\":[1,2]}") != NULL);
  g_assert_true (strstr (after, "\"media\":\"x.png\"") != NULL);
  g_assert_null (strstr (after, "duration"));

  /* The plans table holds what lists filter on, duration included. */
  {
    g_autofree char *row = plans_row (f->store);

    g_assert_cmpstr (row, ==, "Biology|Grade 7|pt-BR|cc-by|35");
  }

  /* Search finds a plan by any of its fields. */
  {
    g_autoptr(GArray) rows = commons_store_query (f->store, NULL, "pondweed", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
  }

  /* An edit of the words leaves that row as it was (it is only written
   * when it changes); an edit of what lists filter on changes it. */
  commons_plan_set_title (loaded, "Photosynthesis, revised");
  g_assert_true (commons_plan_save (loaded, f->store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *row = plans_row (f->store);

    g_assert_cmpstr (row, ==, "Biology|Grade 7|pt-BR|cc-by|35");
  }
  {
    g_autoptr(CommonsActivity) first = g_list_model_get_item (commons_plan_get_activities (loaded), 0);

    commons_plan_set_subject (loaded, "Chemistry");
    commons_activity_set_minutes (first, commons_activity_get_minutes (first) + 5);
  }
  g_assert_true (commons_plan_save (loaded, f->store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *row = plans_row (f->store);

    g_assert_cmpstr (row, ==, "Chemistry|Grade 7|pt-BR|cc-by|40");
  }
}

static void
test_plan_strict_types (void)
{
  const char *bad[] = {
    "{\"title\": 5}",
    "{\"objectives\": \"not a list\"}",
    "{\"materials\": [1]}",
    "{\"activities\": {}}",
    "{\"activities\": [{\"minutes\": \"10\"}]}",
    "{\"activities\": [{\"minutes\": -1}]}",
    "{\"activities\": [{\"minutes\": 100000}]}",
    "{\"activities\": [\"text\"]}",
    "{\"derived_from\": {\"record\": \"nope\"}}",
    "{\"license\": null}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) fields = parse_object (bad[i]);
      g_autoptr(CommonsPlan) plan = commons_plan_new_from_fields (fields, &error);

      g_assert_null (plan);
      g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID);
    }

  /* Missing fields take defaults. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) fields = parse_object ("{}");
    g_autoptr(CommonsPlan) plan = commons_plan_new_from_fields (fields, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (commons_plan_get_title (plan), ==, "");
    g_assert_cmpstr (commons_plan_get_license (plan), ==, COMMONS_LICENSE_DEFAULT);
    g_assert_cmpuint (g_list_model_get_n_items (commons_plan_get_activities (plan)), ==, 0);
  }
}

static void
test_plan_validate (void)
{
  g_autoptr(CommonsPlan) plan = make_plan ("  ", "Maths", "", "en");
  g_autoptr(GError) error = NULL;

  g_assert_false (commons_plan_validate (plan, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  commons_plan_set_title (plan, "Fractions");
  g_assert_true (commons_plan_validate (plan, &error));
  g_assert_no_error (error);

  commons_plan_set_language (plan, "english");
  g_assert_false (commons_plan_validate (plan, &error));
  g_clear_error (&error);
  commons_plan_set_language (plan, "");
  g_assert_true (commons_plan_validate (plan, NULL));

  commons_plan_set_license (plan, "gpl");
  g_assert_false (commons_plan_validate (plan, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID);

  g_assert_true (commons_language_tag_is_valid ("en"));
  g_assert_true (commons_language_tag_is_valid ("ast"));
  g_assert_true (commons_language_tag_is_valid ("zh-Hant-TW"));
  g_assert_true (commons_language_tag_is_valid ("es-419"));
  g_assert_false (commons_language_tag_is_valid ("e"));
  g_assert_false (commons_language_tag_is_valid ("engl"));
  g_assert_false (commons_language_tag_is_valid ("en-"));
  g_assert_false (commons_language_tag_is_valid ("en_US"));
  g_assert_false (commons_language_tag_is_valid ("12"));
  g_assert_false (commons_language_tag_is_valid ("en-toolongsubtag"));

  /* Every license has words for people and the remix rules. */
  {
    guint n;
    const CommonsLicense *all = commons_license_get_all (&n);

    g_assert_cmpuint (n, ==, 6);
    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpstr (commons_license_get_name (&all[i]), !=, "");
        g_assert_cmpstr (commons_license_get_explanation (&all[i]), !=, "");
      }
    g_assert_false (commons_license_lookup ("cc-by-nd")->allows_derivatives);
    g_assert_false (commons_license_lookup ("all-rights-reserved")->allows_derivatives);
    g_assert_true (commons_license_lookup ("cc-by-sa")->share_alike);
    g_assert_true (commons_license_lookup ("cc0")->allows_derivatives);
  }
}

static guint n_changed_signals;

static void
activities_changed_cb (GListModel *activities,
                       guint       position,
                       guint       removed,
                       guint       added,
                       gpointer    user_data)
{
  n_changed_signals++;
}

static void
test_plan_activities (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(CommonsPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "A", "B", "C", "D" };
  guint minutes[] = { 5, 10, 20, 40 };
  char *titles;

  g_signal_connect (commons_plan_get_activities (plan), "items-changed", G_CALLBACK (activities_changed_cb), NULL);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CommonsActivity) activity = commons_activity_new (names[i], "", minutes[i]);

      commons_plan_insert_activity (plan, -1, activity);
    }
  g_assert_cmpuint (n_changed_signals, ==, 4);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 75);

  commons_plan_move_activity (plan, 0, 2);
  titles = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (titles, ==, "B,C,A,D");
  g_free (titles);
  commons_plan_move_activity (plan, 3, 0);
  titles = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (titles, ==, "D,B,C,A");
  g_free (titles);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 75);

  commons_plan_remove_activity (plan, 1);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 65);
  {
    g_autoptr(CommonsActivity) first = commons_activity_new ("Start", "Say hello", 1);
    g_autoptr(CommonsActivity) longer = g_list_model_get_item (commons_plan_get_activities (plan), 0);

    commons_plan_insert_activity (plan, 0, first);
    commons_activity_set_minutes (longer, 50);
  }
  titles = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (titles, ==, "Start,D,C,A");
  g_free (titles);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 76);

  /* The order survives the store. */
  commons_plan_set_title (plan, "Ordering");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  loaded = commons_plan_load (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  titles = plans_fixture_activity_titles (loaded);
  g_assert_cmpstr (titles, ==, "Start,D,C,A");
  g_free (titles);
  g_assert_cmpuint (commons_plan_get_duration (loaded), ==, 76);
}

static const CommonsPlanChange *
find_change (GPtrArray  *changes,
             const char *field,
             const char *part,
             guint       nth)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const CommonsPlanChange *change = g_ptr_array_index (changes, i);

      if (g_str_equal (change->field, field) && g_strcmp0 (change->part, part) == 0 && nth-- == 0)
        return change;
    }
  return NULL;
}

static void
test_plan_history_diff_restore (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = make_plan ("Cells", "Biology", "Grade 7", "en");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(CommonsPlan) restored = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *objectives_1[] = { "Name parts", "Draw a cell", NULL };
  const char *objectives_2[] = { "Name parts", "Use a microscope", "Draw a cell", NULL };
  const CommonsPlanChange *change;

  commons_plan_set_summary (plan, "Cells are small.\nThey have parts.\nWe look at them.");
  commons_plan_set_objectives (plan, objectives_1);
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  first = g_strdup (commons_plan_get_revision (plan));

  commons_plan_set_summary (plan, "Cells are small.\nThey have many parts.\nWe look at them.");
  commons_plan_set_objectives (plan, objectives_2);
  commons_plan_set_level (plan, "Grade 8");
  {
    g_autoptr(CommonsActivity) changed = g_list_model_get_item (commons_plan_get_activities (plan), 1);

    commons_activity_set_instructions (changed, "Work in pairs.\nWrite it down.");
    commons_activity_set_minutes (changed, 30);
  }
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  second = g_strdup (commons_plan_get_revision (plan));
  g_assert_cmpstr (first, !=, second);

  history = commons_store_get_history (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);

  changes = commons_plan_diff_revisions (f->store, first, second, &error);
  g_assert_no_error (error);

  /* Only what changed is listed. */
  g_assert_null (find_change (changes, "title", NULL, 0));
  g_assert_null (find_change (changes, "subject", NULL, 0));
  change = find_change (changes, "level", NULL, 0);
  g_assert_nonnull (change);
  g_assert_cmpstr (change->old_value, ==, "Grade 7");
  g_assert_cmpstr (change->new_value, ==, "Grade 8");
  g_assert_null (change->hunks);

  /* Long text comes with its line diff: one line replaced. */
  change = find_change (changes, "summary", NULL, 0);
  g_assert_nonnull (change);
  g_assert_nonnull (change->hunks);
  g_assert_cmpuint (change->hunks->len, ==, 4);
  g_assert_cmpuint (g_array_index (change->hunks, CommonsDiffHunk, 1).op, ==, COMMONS_DIFF_DELETE);
  g_assert_cmpstr (change->old_lines[g_array_index (change->hunks, CommonsDiffHunk, 1).a_start], ==, "They have parts.");
  g_assert_cmpstr (change->new_lines[g_array_index (change->hunks, CommonsDiffHunk, 2).b_start], ==, "They have many parts.");

  /* A list item inserted is one addition, not every later item changed. */
  change = find_change (changes, "objectives", NULL, 0);
  g_assert_nonnull (change);
  g_assert_cmpint (change->kind, ==, COMMONS_PLAN_CHANGE_ADDED);
  g_assert_cmpint (change->new_index, ==, 1);
  g_assert_cmpstr (change->new_value, ==, "Use a microscope");
  g_assert_null (find_change (changes, "objectives", NULL, 1));

  /* An activity changed in place: its instructions and minutes. */
  g_assert_null (find_change (changes, "activities", "title", 0));
  change = find_change (changes, "activities", "instructions", 0);
  g_assert_nonnull (change);
  g_assert_cmpint (change->old_index, ==, 1);
  g_assert_nonnull (change->hunks);
  change = find_change (changes, "activities", "minutes", 0);
  g_assert_nonnull (change);
  g_assert_cmpstr (change->old_value, ==, "25");
  g_assert_cmpstr (change->new_value, ==, "30");
  g_assert_cmpuint (changes->len, ==, 5);

  /* The same version twice: nothing. */
  {
    g_autoptr(GPtrArray) none = commons_plan_diff_revisions (f->store, first, first, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  /* Restoring the first version adds a third revision equal to it. */
  g_assert_true (commons_store_restore_revision (f->store, commons_plan_get_record (plan), first, &error));
  g_assert_no_error (error);
  restored = commons_plan_load (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_revision (restored), !=, first);
  g_assert_cmpstr (commons_plan_get_level (restored), ==, "Grade 7");
  g_assert_cmpuint (commons_plan_get_duration (restored), ==, 35);
  {
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GPtrArray) all = commons_store_get_history (f->store, commons_plan_get_record (plan), &error);

    g_assert_cmpuint (all->len, ==, 3);
    none = commons_plan_diff_revisions (f->store, first, commons_plan_get_revision (restored), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_plan_remix (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nd = add_foreign_plan (f, "No changes please", "cc-by-nd", "2026-01-10T09:00:00.000Z");
  g_autofree char *arr = add_foreign_plan (f, "Mine only", "all-rights-reserved", "2026-01-10T09:00:00.000Z");
  g_autofree char *sa = add_foreign_plan (f, "Share alike", "cc-by-sa", "2026-01-15T10:30:00.000Z");
  g_autofree char *by = add_foreign_plan (f, "Attribution", "cc-by", "2026-01-16T10:30:00.000Z");
  g_autoptr(CommonsPlan) original = NULL;
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(CommonsPlan) remix2 = NULL;
  g_autoptr(CommonsPlan) reloaded = NULL;

  /* No derivatives: refused, with a reason for the button. */
  original = commons_plan_load (f->store, nd, &error);
  g_assert_no_error (error);
  g_assert_false (commons_plan_can_remix (original, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_assert_nonnull (strstr (error->message, "CC BY-ND"));
  g_clear_error (&error);
  g_assert_null (commons_plan_remix (f->store, nd, "Ben", NULL, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  g_assert_null (commons_plan_remix (f->store, arr, "Ben", NULL, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  g_assert_cmpuint (commons_store_count_records (f->store, "plan"), ==, 4);

  /* Share-alike: a new record that credits the original and keeps its
   * license for good. */
  g_clear_object (&original);
  original = commons_plan_load (f->store, sa, &error);
  g_assert_no_error (error);
  remix = commons_plan_remix (f->store, sa, "Ben Okafor", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (remix);
  g_assert_cmpstr (commons_plan_get_record (remix), !=, sa);
  g_assert_cmpstr (commons_plan_get_scope (remix), ==, COMMONS_SCOPE_LOCAL);
  g_assert_true (commons_plan_is_remix (remix));
  g_assert_cmpstr (commons_plan_get_derived_from (remix, "record"), ==, sa);
  g_assert_cmpstr (commons_plan_get_derived_from (remix, "revision"), ==, commons_plan_get_revision (original));
  g_assert_cmpstr (commons_plan_get_derived_from (remix, "title"), ==, "Share alike");
  g_assert_cmpstr (commons_plan_get_derived_from (remix, "author"), ==, OTHER_PERSON);
  g_assert_cmpstr (commons_plan_get_credit (remix), ==,
                   "Adapted from “Share alike” by Ben Okafor (version of 2026-01-15), licensed CC BY-SA 4.0");
  g_assert_cmpstr (commons_plan_get_license (remix), ==, "cc-by-sa");
  g_assert_true (commons_plan_is_license_locked (remix));
  g_assert_false (commons_plan_is_license_locked (original));
  g_assert_cmpuint (commons_plan_get_duration (remix), ==, commons_plan_get_duration (original));

  commons_plan_set_license (remix, "cc-by");
  g_assert_false (commons_plan_save (remix, f->store, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  commons_plan_set_license (remix, "cc-by-sa");
  commons_plan_set_title (remix, "Share alike, shorter");
  g_assert_true (commons_plan_save (remix, f->store, &error));
  g_assert_no_error (error);

  /* The credit stays with it, through the store. */
  reloaded = commons_plan_load (f->store, commons_plan_get_record (remix), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_credit (reloaded), ==, commons_plan_get_credit (remix));
  g_assert_cmpstr (commons_plan_get_derived_from (reloaded, "license"), ==, "cc-by-sa");

  /* Saving the remix without its credit is refused. */
  {
    g_autoptr(JsonObject) fields = commons_plan_to_fields (reloaded);
    g_autoptr(CommonsRevision) fake = NULL;
    g_autoptr(CommonsPlan) stripped = NULL;

    json_object_remove_member (fields, "derived_from");
    json_object_remove_member (fields, "credit");
    fake = commons_revision_new (commons_plan_get_record (reloaded), COMMONS_PLAN_KIND, NULL,
                                 commons_store_get_person_id (f->store), NULL, FALSE, fields, &error);
    g_assert_no_error (error);
    stripped = commons_plan_new_from_revision (fake, &error);
    g_assert_no_error (error);
    g_assert_false (commons_plan_save (stripped, f->store, &error));
    g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
    g_clear_error (&error);
  }

  /* A remix of the remix credits both. */
  commons_store_set_display_name (f->store, "Ana", &error);
  g_assert_no_error (error);
  remix2 = commons_plan_remix (f->store, commons_plan_get_record (remix), NULL, "group-7", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_scope (remix2), ==, "group-7");
  g_assert_true (g_str_has_prefix (commons_plan_get_credit (remix2),
                                   "Adapted from “Share alike, shorter” by Ana (version of "));
  g_assert_true (g_str_has_suffix (commons_plan_get_credit (remix2),
                                   "licensed CC BY-SA 4.0\n" "Adapted from “Share alike” by Ben Okafor "
                                   "(version of 2026-01-15), licensed CC BY-SA 4.0"));

  /* Other licenses: kept by default, but the remix may change it. */
  g_clear_object (&remix);
  remix = commons_plan_remix (f->store, by, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_license (remix), ==, "cc-by");
  g_assert_false (commons_plan_is_license_locked (remix));
  g_assert_nonnull (strstr (commons_plan_get_credit (remix), "an unnamed author"));
  commons_plan_set_license (remix, "cc0");
  g_assert_true (commons_plan_save (remix, f->store, &error));
  g_assert_no_error (error);
}

static char *
titles_of (CommonsStore *store,
           GArray       *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = _commons_store_get_db (store);

  for (guint i = 0; i < rows->len; i++)
    {
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (db, "SELECT title FROM records WHERE rowid = ?", -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, g_array_index (rows, gint64, i));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
query_titles (Fixture                 *f,
              const CommonsPlanFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = commons_plan_query (f->store, filter, &error);

  g_assert_no_error (error);
  return titles_of (f->store, rows);
}

static void
test_plan_list (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *specs[][4] = {
    { "Delta", "Biology", "Grade 7", "en" },
    { "alpha", "Maths", "Grade 7", "fr" },
    { "Charlie", "Biology", "Grade 8", "en" },
    { "Bravo", "History", "Grade 8", "ar" },
  };
  CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
  g_autofree char *note = NULL;
  char *titles;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(CommonsPlan) plan = make_plan (specs[i][0], specs[i][1], specs[i][2], specs[i][3]);

      g_assert_true (commons_plan_save (plan, f->store, &error));
      g_assert_no_error (error);
      /* Distinct update times. */
      g_usleep (2000);
    }
  note = commons_store_create_note (f->store, "Biology note", "Not a plan", &error);
  g_assert_no_error (error);

  /* Last changed first by default; notes are not plans. */
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "Bravo,Charlie,alpha,Delta");
  g_free (titles);

  filter.sort = COMMONS_PLAN_SORT_TITLE;
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "alpha,Bravo,Charlie,Delta");
  g_free (titles);

  filter.subject = "Biology";
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "Charlie,Delta");
  g_free (titles);

  filter.level = "Grade 7";
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "Delta");
  g_free (titles);

  filter.subject = NULL;
  filter.level = NULL;
  filter.language = "en";
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "Charlie,Delta");
  g_free (titles);

  filter.language = NULL;
  filter.search = "pairs";
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "alpha,Bravo,Charlie,Delta");
  g_free (titles);
  filter.search = "charl";
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "Charlie");
  g_free (titles);
  filter.search = NULL;

  filter.scope = "group-1";
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "");
  g_free (titles);
  filter.scope = NULL;

  /* Every plan is a draft until reviewed. */
  filter.status = COMMONS_REVIEW_STATUS_DRAFT;
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "alpha,Bravo,Charlie,Delta");
  g_free (titles);
  filter.status = COMMONS_REVIEW_STATUS_APPROVED;
  titles = query_titles (f, &filter);
  g_assert_cmpstr (titles, ==, "");
  g_free (titles);

  /* Deleted plans leave the list and the dropdowns. */
  {
    g_auto(GStrv) subjects = commons_plan_list_values (f->store, COMMONS_PLAN_COLUMN_SUBJECT, &error);
    g_auto(GStrv) levels = commons_plan_list_values (f->store, COMMONS_PLAN_COLUMN_LEVEL, &error);
    g_auto(GStrv) languages = commons_plan_list_values (f->store, COMMONS_PLAN_COLUMN_LANGUAGE, &error);
    const char *want_subjects[] = { "Biology", "History", "Maths", NULL };
    const char *want_levels[] = { "Grade 7", "Grade 8", NULL };
    const char *want_languages[] = { "ar", "en", "fr", NULL };

    g_assert_no_error (error);
    g_assert_cmpstrv (subjects, want_subjects);
    g_assert_cmpstrv (levels, want_levels);
    g_assert_cmpstrv (languages, want_languages);
  }
  {
    CommonsPlanFilter all = COMMONS_PLAN_FILTER_INIT;
    g_autoptr(GArray) rows = commons_plan_query (f->store, &all, &error);
    g_auto(GStrv) subjects = NULL;
    sqlite3_stmt *stmt = NULL;
    const char *want_subjects[] = { "Biology", "Maths", NULL };

    /* Bravo (History) is first: delete it. */
    sqlite3_prepare_v2 (_commons_store_get_db (f->store), "SELECT id FROM records WHERE rowid = ?", -1, &stmt, NULL);
    sqlite3_bind_int64 (stmt, 1, g_array_index (rows, gint64, 0));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    commons_store_delete_record (f->store, (const char *) sqlite3_column_text (stmt, 0), &error);
    sqlite3_finalize (stmt);
    g_assert_no_error (error);

    subjects = commons_plan_list_values (f->store, COMMONS_PLAN_COLUMN_SUBJECT, &error);
    g_assert_cmpstrv (subjects, want_subjects);
    titles = query_titles (f, &all);
    g_assert_cmpstr (titles, ==, "Charlie,alpha,Delta");
    g_free (titles);
  }
}

/* A plan left open while a sync brings a colleague's change: saving it
 * unchanged writes nothing, and an edit made on the older version merges
 * with the colleague's instead of writing over it. */
static void
test_plan_save_on_stale_version (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = make_plan ("Tides", "Science", "Grade 6", "en");
  g_autoptr(CommonsPlan) reloaded = NULL;
  g_autoptr(CommonsRevision) theirs = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autofree char *seen = NULL;

  commons_plan_set_summary (plan, "The moon pulls the sea.");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  seen = g_strdup (commons_plan_get_revision (plan));

  /* A colleague changes the level; it arrives while the plan is open. */
  fields = commons_plan_to_fields (plan);
  json_object_set_string_member (fields, "level", "Grade 7");
  theirs = add_foreign_revision (f, commons_plan_get_record (plan), COMMONS_PLAN_KIND, seen,
                                 OTHER_PERSON, NULL, fields);

  /* Moving on from the open plan saves it: nothing changed here. */
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  current = commons_store_get_current (f->store, commons_plan_get_record (plan), &error);
  g_assert_cmpstr (commons_revision_get_id (current), ==, commons_revision_get_id (theirs));
  g_clear_pointer (&current, commons_revision_unref);

  /* An edit of another field on the open, older version keeps both. */
  commons_plan_set_summary (plan, "The moon and the sun pull the sea.");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  heads = commons_store_get_heads (f->store, commons_plan_get_record (plan), &error);
  g_assert_cmpuint (heads->len, ==, 1);
  reloaded = commons_plan_load (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_level (reloaded), ==, "Grade 7");
  g_assert_cmpstr (commons_plan_get_summary (reloaded), ==, "The moon and the sun pull the sea.");

  /* And saving the open plan once more does not undo the colleague's level. */
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&reloaded);
  reloaded = commons_plan_load (f->store, commons_plan_get_record (plan), &error);
  g_assert_cmpstr (commons_plan_get_level (reloaded), ==, "Grade 7");
}

/* Plans edited in two places are listed by scope without reading every
 * plan, for the Groups page's Resolve rows. */
static void
test_plan_list_conflicts (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = make_plan ("Tides", "Science", "Grade 6", "en");
  g_autoptr(CommonsPlan) calm = make_plan ("Clouds", "Science", "Grade 6", "en");
  g_autoptr(CommonsRevision) one = NULL;
  g_autoptr(CommonsRevision) two = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonObject) fields_one = NULL;
  g_autoptr(JsonObject) fields_two = NULL;

  commons_plan_set_summary (plan, "The moon pulls the sea.");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_true (commons_plan_save (calm, f->store, &error));
  g_assert_no_error (error);

  fields_one = commons_plan_to_fields (plan);
  json_object_set_string_member (fields_one, "summary", "The sun pulls the sea.");
  one = add_foreign_revision (f, commons_plan_get_record (plan), COMMONS_PLAN_KIND,
                              commons_plan_get_revision (plan), OTHER_PERSON, NULL, fields_one);
  fields_two = commons_plan_to_fields (plan);
  json_object_set_string_member (fields_two, "summary", "The wind pushes the sea.");
  two = add_foreign_revision (f, commons_plan_get_record (plan), COMMONS_PLAN_KIND,
                              commons_plan_get_revision (plan), "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
                              NULL, fields_two);

  rows = commons_store_list_conflicts (f->store, COMMONS_PLAN_KIND, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  rows = commons_store_list_conflicts (f->store, COMMONS_PLAN_KIND, "group-7", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  g_assert_true (COMMONS_IS_PLAN (object));
  (*count)++;
}

/* A property set by name goes through its setter: it notifies once per
 * change, and a saved plan's scope stays what it was, as the setter says. */
static void
test_plan_properties_by_name (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint count = 0;

  g_signal_connect (plan, "notify::title", G_CALLBACK (count_notify_cb), &count);
  g_object_set (plan, "title", "Seeds", NULL);
  g_object_set (plan, "title", "Seeds", NULL);
  g_assert_cmpuint (count, ==, 1);
  g_object_get (plan, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Seeds");
  g_assert_cmpstr (commons_plan_get_title (plan), ==, "Seeds");

  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  g_test_expect_message ("commons-plan", G_LOG_LEVEL_CRITICAL, "*self->record == NULL*");
  g_object_set (plan, "scope", "5b6a1b62-0000-4000-8000-000000000000", NULL);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (commons_plan_get_scope (plan), ==, COMMONS_SCOPE_LOCAL);
  g_signal_handlers_disconnect_by_func (plan, count_notify_cb, &count);
  g_assert_finalize_object (g_steal_pointer (&plan));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/plan/round-trip", Fixture, NULL, fixture_setup, test_plan_round_trip, fixture_teardown);
  g_test_add_func ("/plan/strict-types", test_plan_strict_types);
  g_test_add ("/plan/properties-by-name", Fixture, NULL, fixture_setup, test_plan_properties_by_name, fixture_teardown);
  g_test_add_func ("/plan/validate", test_plan_validate);
  g_test_add ("/plan/activities", Fixture, NULL, fixture_setup, test_plan_activities, fixture_teardown);
  g_test_add ("/plan/history-diff-restore", Fixture, NULL, fixture_setup, test_plan_history_diff_restore, fixture_teardown);
  g_test_add ("/plan/remix", Fixture, NULL, fixture_setup, test_plan_remix, fixture_teardown);
  g_test_add ("/plan/save-on-stale-version", Fixture, NULL, fixture_setup, test_plan_save_on_stale_version, fixture_teardown);
  g_test_add ("/plan/list-conflicts", Fixture, NULL, fixture_setup, test_plan_list_conflicts, fixture_teardown);
  g_test_add ("/plan/list", Fixture, NULL, fixture_setup, test_plan_list, fixture_teardown);

  return g_test_run ();
}
