/* test-plan-model.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "commons-json.h"
#include "plans-fixture.h"

/* A plan's lists as the views bind them: activities, objectives and
 * materials are list models of objects that notify once per real change,
 * say where they changed, and save exactly what the plan held before they
 * were models. */

/* What the boxed-array plan wrote for GOLDEN_INPUT edited as in
 * edit_as_before(): its canonical fields, and the id of a revision of
 * them by a fixed author at a fixed time. Taken from the code before the
 * lists were models; the same content must keep the same revision id. */
#define GOLDEN_INPUT \
  "{\"title\": \"Leaves\", \"objectives\": [\"Name the parts\"], \"materials\": [\"Lens\", \"Paper\"]," \
  " \"activities\": [{\"title\": \"Look\", \"instructions\": \"Pairs.\", \"minutes\": 10}," \
  " {\"title\": \"Draw\", \"instructions\": \"\", \"minutes\": 20}], \"newer\": [1]}"
#define GOLDEN_CANONICAL \
  "{\"accessibility\":\"\",\"activities\":[{\"instructions\":\"Pairs.\\nUse the lens.\",\"minutes\":15," \
  "\"title\":\"Look closely\"},{\"instructions\":\"Say what you saw.\",\"minutes\":5,\"title\":\"Talk\"}," \
  "{\"instructions\":\"\",\"minutes\":20,\"title\":\"Draw\"}],\"assessment\":\"\",\"language\":\"\"," \
  "\"level\":\"\",\"license\":\"cc-by-sa\",\"materials\":[\"Lens\"],\"newer\":[1]," \
  "\"objectives\":[\"Name the parts\",\"Draw a leaf\"],\"subject\":\"\",\"summary\":\"\",\"title\":\"Leaves\"}"
#define GOLDEN_REVISION "2439bcd975bfcbe2a581609d013f6667bc987ccdd1517926c561ef298efd6854"
#define GOLDEN_RECORD   "0b7a6c1e-2f4d-4c3b-9a8e-1d2c3b4a5f60"
#define GOLDEN_TIME     "2026-01-02T03:04:05.678Z"

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (changes->len, ==, 1);
  change = &g_array_index (changes, Change, 0);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
  g_array_set_size (changes, 0);
}

static char *
canonical_fields (JsonObject *fields)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(GError) error = NULL;
  char *text;

  json_node_init_object (node, fields);
  text = commons_json_canonical (node, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_activity_notify (void)
{
  g_autoptr(CommonsActivity) activity = commons_activity_new ("Warm-up", NULL, 10);
  guint title = 0, instructions = 0, minutes = 0;

  g_assert_cmpstr (commons_activity_get_title (activity), ==, "Warm-up");
  g_assert_cmpstr (commons_activity_get_instructions (activity), ==, "");
  g_assert_cmpuint (commons_activity_get_minutes (activity), ==, 10);

  g_signal_connect (activity, "notify::title", G_CALLBACK (count_notify_cb), &title);
  g_signal_connect (activity, "notify::instructions", G_CALLBACK (count_notify_cb), &instructions);
  g_signal_connect (activity, "notify::minutes", G_CALLBACK (count_notify_cb), &minutes);

  /* The same value: no notify; a new one: one, however it is set. */
  commons_activity_set_title (activity, "Warm-up");
  g_assert_cmpuint (title, ==, 0);
  commons_activity_set_title (activity, "Start");
  commons_activity_set_title (activity, "Start");
  g_assert_cmpuint (title, ==, 1);
  g_object_set (activity, "title", "Start", NULL);
  g_assert_cmpuint (title, ==, 1);
  g_object_set (activity, "title", NULL, NULL);
  g_assert_cmpuint (title, ==, 2);
  g_assert_cmpstr (commons_activity_get_title (activity), ==, "");

  commons_activity_set_instructions (activity, NULL);
  g_assert_cmpuint (instructions, ==, 0);
  g_object_set (activity, "instructions", "Count to ten.", NULL);
  g_object_set (activity, "instructions", "Count to ten.", NULL);
  g_assert_cmpuint (instructions, ==, 1);

  commons_activity_set_minutes (activity, 10);
  g_assert_cmpuint (minutes, ==, 0);
  commons_activity_set_minutes (activity, 15);
  commons_activity_set_minutes (activity, 15);
  g_assert_cmpuint (minutes, ==, 1);

  /* By name too, the setter's rule holds: no more than a day. */
  g_object_set (activity, "minutes", 100000u, NULL);
  g_assert_cmpuint (commons_activity_get_minutes (activity), ==, COMMONS_PLAN_MAX_MINUTES);
  g_assert_cmpuint (minutes, ==, 2);
  commons_activity_set_minutes (activity, COMMONS_PLAN_MAX_MINUTES + 1);
  g_assert_cmpuint (minutes, ==, 2);

  g_assert_cmpuint (title, ==, 2);
  g_assert_cmpuint (instructions, ==, 1);
  g_signal_handlers_disconnect_by_func (activity, count_notify_cb, &title);
  g_signal_handlers_disconnect_by_func (activity, count_notify_cb, &instructions);
  g_signal_handlers_disconnect_by_func (activity, count_notify_cb, &minutes);
  g_assert_finalize_object (g_steal_pointer (&activity));
}

static void
test_item_notify (void)
{
  g_autoptr(CommonsPlanItem) item = commons_plan_item_new ("Lens");
  guint count = 0;

  g_signal_connect (item, "notify::text", G_CALLBACK (count_notify_cb), &count);
  commons_plan_item_set_text (item, "Lens");
  g_object_set (item, "text", "Lens", NULL);
  g_assert_cmpuint (count, ==, 0);
  g_object_set (item, "text", "Two lenses", NULL);
  commons_plan_item_set_text (item, "Two lenses");
  g_assert_cmpuint (count, ==, 1);
  commons_plan_item_set_text (item, NULL);
  g_assert_cmpstr (commons_plan_item_get_text (item), ==, "");
  g_assert_cmpuint (count, ==, 2);

  g_signal_handlers_disconnect_by_func (item, count_notify_cb, &count);
  g_assert_finalize_object (g_steal_pointer (&item));
}

static void
test_activities_model (void)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(CommonsActivity) a = commons_activity_new ("A", "", 5);
  g_autoptr(CommonsActivity) b = commons_activity_new ("B", "", 10);
  g_autoptr(CommonsActivity) c = commons_activity_new ("C", "", 20);
  g_autoptr(CommonsActivity) d = commons_activity_new ("D", "", 40);
  GListModel *activities = commons_plan_get_activities (plan);
  g_autofree char *order = NULL;
  guint duration = 0;

  g_assert_true (g_list_model_get_item_type (activities) == COMMONS_TYPE_ACTIVITY);
  g_signal_connect (activities, "items-changed", G_CALLBACK (items_changed_cb), changes);
  g_signal_connect (plan, "notify::duration", G_CALLBACK (count_notify_cb), &duration);

  commons_plan_insert_activity (plan, -1, b);
  assert_change (changes, 0, 0, 1);
  commons_plan_insert_activity (plan, 0, a);
  assert_change (changes, 0, 0, 1);
  commons_plan_insert_activity (plan, 100, d);
  assert_change (changes, 2, 0, 1);
  commons_plan_insert_activity (plan, 2, c);
  assert_change (changes, 2, 0, 1);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 4);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 75);
  g_assert_cmpuint (duration, ==, 4);
  order = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (order, ==, "A,B,C,D");
  g_clear_pointer (&order, g_free);

  /* A move says once that the stretch it crossed changed. */
  commons_plan_move_activity (plan, 0, 2);
  assert_change (changes, 0, 3, 3);
  order = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (order, ==, "B,C,A,D");
  g_clear_pointer (&order, g_free);
  commons_plan_move_activity (plan, 3, 1);
  assert_change (changes, 1, 3, 3);
  order = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (order, ==, "B,D,C,A");
  g_clear_pointer (&order, g_free);
  commons_plan_move_activity (plan, 2, 2);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (duration, ==, 4);

  /* Editing an activity the plan holds changes the plan's duration. */
  commons_activity_set_minutes (c, 30);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 85);
  g_assert_cmpuint (duration, ==, 5);
  commons_activity_set_title (c, "C2");
  g_assert_cmpuint (duration, ==, 5);
  g_assert_cmpuint (changes->len, ==, 0);

  commons_plan_remove_activity (plan, 2);
  assert_change (changes, 2, 1, 0);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 55);
  g_assert_cmpuint (duration, ==, 6);
  order = plans_fixture_activity_titles (plan);
  g_assert_cmpstr (order, ==, "B,D,A");

  /* One taken out no longer counts. */
  commons_activity_set_minutes (c, 1);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 55);
  g_assert_cmpuint (duration, ==, 6);

  g_signal_handlers_disconnect_by_func (activities, items_changed_cb, changes);
  g_signal_handlers_disconnect_by_func (plan, count_notify_cb, &duration);
  g_assert_finalize_object (g_steal_pointer (&plan));
  /* The plan let go of every activity it held. */
  g_assert_finalize_object (g_steal_pointer (&a));
  g_assert_finalize_object (g_steal_pointer (&b));
  g_assert_finalize_object (g_steal_pointer (&c));
  g_assert_finalize_object (g_steal_pointer (&d));
}

static void
test_items_model (void)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  const char *three[] = { "Lens", "Paper", "Pencil", NULL };
  GListModel *objectives = commons_plan_get_objectives (plan);
  GListModel *materials = commons_plan_get_materials (plan);
  g_autoptr(CommonsPlanItem) item = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_auto(GStrv) texts = NULL;

  g_assert_true (g_list_model_get_item_type (objectives) == COMMONS_TYPE_PLAN_ITEM);
  g_assert_true (g_list_model_get_item_type (materials) == COMMONS_TYPE_PLAN_ITEM);
  g_signal_connect (materials, "items-changed", G_CALLBACK (items_changed_cb), changes);

  /* Replacing the list says so once. */
  commons_plan_set_materials (plan, three);
  assert_change (changes, 0, 0, 3);
  commons_plan_set_materials (plan, NULL);
  assert_change (changes, 0, 3, 0);
  commons_plan_set_materials (plan, three);
  assert_change (changes, 0, 0, 3);

  commons_plan_insert_material (plan, -1, "Ruler");
  assert_change (changes, 3, 0, 1);
  commons_plan_insert_material (plan, 1, "Glue");
  assert_change (changes, 1, 0, 1);
  commons_plan_remove_material (plan, 0);
  assert_change (changes, 0, 1, 0);
  texts = commons_plan_items_dup_strv (materials);
  g_assert_cmpstrv (texts, ((const char *[]) { "Glue", "Paper", "Pencil", "Ruler", NULL }));
  g_clear_pointer (&texts, g_strfreev);

  /* An item edited in place is what the plan saves. */
  item = g_list_model_get_item (materials, 1);
  commons_plan_item_set_text (item, "Squared paper");
  g_assert_cmpuint (changes->len, ==, 0);
  commons_plan_insert_objective (plan, -1, "Name the parts");
  commons_plan_insert_objective (plan, 0, "Look closely");
  commons_plan_remove_objective (plan, 1);
  fields = commons_plan_to_fields (plan);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fields, "materials")), ==, 4);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fields, "materials"), 1),
                   ==, "Squared paper");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (fields, "objectives")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (fields, "objectives"), 0),
                   ==, "Look closely");

  g_signal_handlers_disconnect_by_func (materials, items_changed_cb, changes);
  g_assert_finalize_object (g_steal_pointer (&plan));
  g_assert_finalize_object (g_steal_pointer (&item));
}

static CommonsPlan *
golden_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = commons_json_parse (GOLDEN_INPUT, -1, &error);
  CommonsPlan *plan;

  g_assert_no_error (error);
  plan = commons_plan_new_from_fields (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return plan;
}

/* The edits the boxed-array plan made by replacing activity 0 and
 * setting the lists whole, made here in place through the models. */
static void
edit_through_models (CommonsPlan *plan)
{
  g_autoptr(CommonsActivity) look = g_list_model_get_item (commons_plan_get_activities (plan), 0);
  g_autoptr(CommonsActivity) talk = commons_activity_new ("Talk", "Say what you saw.", 5);

  g_object_set (look, "title", "Look closely", "minutes", 15u, NULL);
  commons_activity_set_instructions (look, "Pairs.\nUse the lens.");
  commons_plan_insert_activity (plan, -1, talk);
  commons_plan_move_activity (plan, 2, 1);
  commons_plan_insert_objective (plan, -1, "Draw a leaf");
  commons_plan_remove_material (plan, 1);
}

static void
test_same_canonical_fields (void)
{
  g_autoptr(CommonsPlan) plan = golden_plan ();
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  edit_through_models (plan);
  fields = commons_plan_to_fields (plan);
  text = canonical_fields (fields);
  g_assert_cmpstr (text, ==, GOLDEN_CANONICAL);
  revision = commons_revision_new (GOLDEN_RECORD, COMMONS_PLAN_KIND, NULL, OTHER_PERSON, GOLDEN_TIME,
                                   FALSE, fields, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_id (revision), ==, GOLDEN_REVISION);

  g_assert_finalize_object (g_steal_pointer (&plan));
}

/* Edited through its models, the plan saves a revision of what it holds,
 * and reads back the same. */
static void
test_edit_and_save (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CommonsPlan) plan = golden_plan ();
  g_autoptr(CommonsPlan) loaded = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsActivity) draw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  g_autofree char *order = NULL;

  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  first = g_strdup (commons_plan_get_revision (plan));

  edit_through_models (plan);
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_revision (plan), !=, first);
  current = commons_store_get_current (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_id (current), ==, commons_plan_get_revision (plan));
  text = canonical_fields (commons_revision_get_fields (current));
  g_assert_cmpstr (text, ==, GOLDEN_CANONICAL);

  loaded = commons_plan_load (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  order = plans_fixture_activity_titles (loaded);
  g_assert_cmpstr (order, ==, "Look closely,Talk,Draw");
  g_assert_cmpuint (commons_plan_get_duration (loaded), ==, 40);

  /* A single edit to one activity is a revision of its own. */
  draw = g_list_model_get_item (commons_plan_get_activities (plan), 2);
  commons_activity_set_minutes (draw, 25);
  g_assert_cmpuint (commons_plan_get_duration (plan), ==, 45);
  g_clear_pointer (&first, g_free);
  first = g_strdup (commons_plan_get_revision (plan));
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_revision (plan), !=, first);
  g_clear_object (&loaded);
  loaded = commons_plan_load (f->store, commons_plan_get_record (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commons_plan_get_duration (loaded), ==, 45);

  g_assert_finalize_object (g_steal_pointer (&loaded));
  g_assert_finalize_object (g_steal_pointer (&plan));
  g_assert_finalize_object (g_steal_pointer (&draw));
}

/* Members of an activity that a newer version wrote stay with it when it
 * is edited in place. */
static void
test_edit_keeps_newer_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = commons_json_parse (
    "{\"title\": \"Leaves\", \"activities\": [{\"title\": \"Look\", \"minutes\": 10, \"colour\": \"green\"}]}",
    -1, &error);
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsActivity) look = NULL;
  g_autoptr(JsonObject) fields = NULL;
  JsonObject *written;

  g_assert_no_error (error);
  plan = commons_plan_new_from_fields (json_node_get_object (node), &error);
  g_assert_no_error (error);
  look = g_list_model_get_item (commons_plan_get_activities (plan), 0);
  commons_activity_set_title (look, "Look closely");
  fields = commons_plan_to_fields (plan);
  written = json_array_get_object_element (json_object_get_array_member (fields, "activities"), 0);
  g_assert_cmpstr (json_object_get_string_member (written, "title"), ==, "Look closely");
  g_assert_cmpstr (json_object_get_string_member (written, "colour"), ==, "green");

  g_assert_finalize_object (g_steal_pointer (&plan));
  g_assert_finalize_object (g_steal_pointer (&look));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-model/activity-notify", test_activity_notify);
  g_test_add_func ("/plan-model/item-notify", test_item_notify);
  g_test_add_func ("/plan-model/activities", test_activities_model);
  g_test_add_func ("/plan-model/items", test_items_model);
  g_test_add_func ("/plan-model/same-canonical-fields", test_same_canonical_fields);
  g_test_add ("/plan-model/edit-and-save", Fixture, NULL, fixture_setup, test_edit_and_save, fixture_teardown);
  g_test_add_func ("/plan-model/edit-keeps-newer-members", test_edit_keeps_newer_members);

  return g_test_run ();
}
