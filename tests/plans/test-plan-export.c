/* test-plan-export.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "commons-language.h"
#include "commons-plan-diff.h"
#include "commons-plan-export.h"
#include "plans-fixture.h"

/* Compares with tests/plans/golden/NAME; COMMONS_UPDATE_GOLDEN=1 rewrites
 * the file instead, for a reviewed change of format. */
static void
assert_golden (const char *markdown,
               const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plans", "golden", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("COMMONS_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (path, markdown, -1, &error);
      g_assert_no_error (error);
      return;
    }
  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (markdown, ==, expected);
}

static void
test_export_basic (void)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autofree char *markdown = NULL;
  const char *objectives[] = { "Describe the water cycle", "Explain *why* rain falls", NULL };
  const char *materials[] = { "Clear bowl", "Cling film", "Ice cubes", NULL };
  g_autoptr(CommonsActivity) a = commons_activity_new ("Warm-up", "Ask: where does a puddle go?", 5);
  g_autoptr(CommonsActivity) b = commons_activity_new ("Rain in a bowl",
                                                       "Cover the bowl with film.\nPut ice on top.\n\nWatch the drops form.", 20);
  g_autoptr(CommonsActivity) c = commons_activity_new ("Wrap-up", "", 10);

  commons_plan_set_title (plan, "The water cycle");
  commons_plan_set_summary (plan, "Learners model evaporation and condensation\nwith a bowl of warm water.\n");
  commons_plan_set_subject (plan, "Science");
  commons_plan_set_level (plan, "Grade 4");
  commons_plan_set_language (plan, "en");
  commons_plan_set_license (plan, "cc-by");
  commons_plan_set_objectives (plan, objectives);
  commons_plan_set_materials (plan, materials);
  commons_plan_insert_activity (plan, -1, a);
  commons_plan_insert_activity (plan, -1, b);
  commons_plan_insert_activity (plan, -1, c);
  commons_plan_set_assessment (plan, "Each pair draws the cycle and labels it.");
  commons_plan_set_accessibility (plan, "Describe the drops aloud for learners who cannot see them.");

  markdown = commons_plan_to_markdown (plan);
  assert_golden (markdown, "water-cycle.md");
}

static void
test_export_rtl (void)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autofree char *markdown = NULL;
  const char *objectives[] = { "يتعرّف المتعلّم على الكسور", "يقارن بين ½ و ¼", NULL };
  g_autoptr(CommonsActivity) a = commons_activity_new ("تقسيم البيتزا", "قسّم الدائرة إلى أجزاء متساوية.\nاكتب الكسر.", 15);
  g_autoptr(CommonsActivity) b = commons_activity_new ("Jeu #2 — «les parts»", "Écrire ½ + ¼ = ¾", 12);

  commons_plan_set_title (plan, "الكسور البسيطة");
  commons_plan_set_summary (plan, "درس تمهيدي عن الكسور.");
  commons_plan_set_subject (plan, "رياضيات");
  commons_plan_set_level (plan, "الصف الثالث");
  commons_plan_set_language (plan, "ar");
  commons_plan_set_license (plan, "cc0");
  commons_plan_set_objectives (plan, objectives);
  commons_plan_insert_activity (plan, -1, a);
  commons_plan_insert_activity (plan, -1, b);

  markdown = commons_plan_to_markdown (plan);
  assert_golden (markdown, "fractions-ar.md");
}

static void
test_export_remix (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = add_foreign_plan (f, "Photosynthesis_basics", "cc-by-sa", "2026-01-15T10:30:00.000Z");
  g_autoptr(CommonsPlan) remix = commons_plan_remix (f->store, original, "Grace Hopper", NULL, &error);
  g_autofree char *markdown = NULL;

  g_assert_no_error (error);
  commons_plan_set_title (remix, "Photosynthesis for Grade 8");
  commons_plan_set_level (remix, "Grade 8");
  g_assert_true (commons_plan_save (remix, f->store, &error));
  g_assert_no_error (error);

  markdown = commons_plan_to_markdown (remix);
  assert_golden (markdown, "remix.md");
}

/* Languages and licenses read as names wherever people see them. */
/* The chooser's list: every two-letter language, sorted by its name. */
static void
test_known_tags (void)
{
  g_auto(GStrv) tags = commons_language_dup_known_tags ();
  guint n = g_strv_length (tags);

  g_assert_cmpuint (n, >, 150);
  g_assert_true (g_strv_contains ((const char * const *) tags, "sw"));
  g_assert_true (g_strv_contains ((const char * const *) tags, "ar"));
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *before = commons_language_dup_display_name (tags[i - 1]);
      g_autofree char *after = commons_language_dup_display_name (tags[i]);

      g_assert_cmpint (g_utf8_collate (before, after), <=, 0);
    }
}

static void
test_export_names (void)
{
  g_autoptr(CommonsPlan) old_plan = commons_plan_new ();
  g_autoptr(CommonsPlan) new_plan = commons_plan_new ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *pt = commons_language_dup_display_name ("pt-BR");
  g_autofree char *unknown = commons_language_dup_display_name ("x-klingon");
  g_autofree char *empty = commons_language_dup_display_name ("");

  g_assert_cmpstr (pt, ==, "Portuguese (pt-BR)");
  g_assert_cmpstr (unknown, ==, "x-klingon");
  g_assert_cmpstr (empty, ==, "");
  test_known_tags ();

  commons_plan_set_title (old_plan, "Plan");
  commons_plan_set_title (new_plan, "Plan");
  commons_plan_set_language (old_plan, "fr");
  commons_plan_set_language (new_plan, "sw");
  commons_plan_set_license (old_plan, "cc-by-sa");
  commons_plan_set_license (new_plan, "cc0");
  changes = commons_plan_diff (old_plan, new_plan);
  g_assert_cmpuint (changes->len, ==, 2);
  for (guint i = 0; i < changes->len; i++)
    {
      CommonsPlanChange *change = g_ptr_array_index (changes, i);

      if (g_str_equal (change->field, "language"))
        {
          g_assert_cmpstr (change->old_value, ==, "French");
          g_assert_cmpstr (change->new_value, ==, "Swahili");
        }
      else
        {
          g_assert_cmpstr (change->field, ==, "license");
          g_assert_cmpstr (change->old_value, ==, "CC BY-SA 4.0");
          g_assert_cmpstr (change->new_value, ==, "CC0 (public domain)");
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan-export/basic", test_export_basic);
  g_test_add_func ("/plan-export/rtl", test_export_rtl);
  g_test_add_func ("/plan-export/names", test_export_names);
  g_test_add ("/plan-export/remix", Fixture, NULL, fixture_setup, test_export_remix, fixture_teardown);

  return g_test_run ();
}
