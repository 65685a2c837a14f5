/* seed-plans.c — write plans and a review by other people, for test-plans
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: seed-plans DATA_DIR
 *
 * The app's person cannot write as anyone else, so the UI test starts
 * from a database that already holds, as sync would bring them, a plan by
 * another teacher with one approving review by a third, and a plan whose
 * license forbids derivatives, and a note and a plan edited in two places
 * at once.
 */

#include "config.h"

#include "commons-plan.h"
#include "commons-review.h"
#include "commons-store.h"

#define AUTHOR   "5b0e7a52-7d1c-4b8e-9a0f-000000000001"
#define REVIEWER "5b0e7a52-7d1c-4b8e-9a0f-000000000002"

static CommonsRevision *
add (CommonsStore *store,
     const char   *kind,
     const char   *author,
     JsonObject   *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autofree char *time = commons_time_now ();
  g_autofree char *record = g_uuid_string_random ();
  CommonsRevision *revision;

  revision = commons_revision_new (record, kind, NULL, author, time, FALSE, fields, &error);
  if (revision == NULL)
    g_error ("%s", error->message);
  g_ptr_array_add (batch, commons_revision_ref (revision));
  if (!commons_store_add_revisions (store, batch, COMMONS_SCOPE_LOCAL, TRUE, NULL, &error))
    g_error ("%s", error->message);
  return revision;
}

static CommonsRevision *
add_plan (CommonsStore *store,
          const char   *title,
          const char   *license)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(CommonsActivity) a = commons_activity_new ("Look closely", "Each pair gets a leaf and a lens.", 15);
  g_autoptr(CommonsActivity) b = commons_activity_new ("Draw and label", "Draw the veins and name the parts.", 20);
  g_autoptr(JsonObject) fields = NULL;
  const char *objectives[] = { "Name the parts of a leaf", NULL };

  commons_plan_set_title (plan, title);
  commons_plan_set_subject (plan, "Biology");
  commons_plan_set_level (plan, "Grade 7");
  commons_plan_set_language (plan, "en");
  commons_plan_set_license (plan, license);
  commons_plan_set_summary (plan, "Learners look at leaves and draw what they see.");
  commons_plan_set_objectives (plan, objectives);
  commons_plan_insert_activity (plan, -1, a);
  commons_plan_insert_activity (plan, -1, b);
  fields = commons_plan_to_fields (plan);
  return add (store, COMMONS_PLAN_KIND, AUTHOR, fields);
}

/* A note whose first line was changed two ways, as two devices would
 * after a sync: two heads that do not merge. */
static void
add_note_in_conflict (CommonsStore *store,
                      const char   *person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autofree char *record = g_uuid_string_random ();
  const char *bodies[] = { "Meet at the gate at nine.\nBring boots.",
                           "Meet at the gate at ten.\nBring boots.",
                           "Meet at the station at nine.\nBring boots." };
  const char *times[] = { "2026-11-30T08:00:00.000Z", "2026-11-30T09:00:00.000Z", "2026-11-30T09:05:00.000Z" };
  const char *authors[] = { person, person, AUTHOR };
  const char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      const char *parents[] = { first, NULL };
      CommonsRevision *revision;

      json_object_set_string_member (fields, "title", "Field trip");
      json_object_set_string_member (fields, "body", bodies[i]);
      revision = commons_revision_new (record, "note", first != NULL ? parents : NULL, authors[i],
                                       times[i], FALSE, fields, &error);
      if (revision == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (batch, revision);
      if (first == NULL)
        first = commons_revision_get_id (revision);
    }
  if (!commons_store_add_revisions (store, batch, COMMONS_SCOPE_LOCAL, TRUE, NULL, &error))
    g_error ("%s", error->message);
}

/* A plan changed two ways from one version: one side also changed its
 * level, which merges by itself; both changed the same line of the
 * summary, which does not. */
static void
add_plan_in_conflict (CommonsStore *store,
                      const char   *person)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(CommonsActivity) a = commons_activity_new ("Warm-up", "Count to ten in pairs.", 10);
  g_autofree char *record = g_uuid_string_random ();
  const char *summaries[] = { "Learners measure the schoolyard.\nThey draw a map.",
                              "Learners measure the schoolyard in steps.\nThey draw a map.",
                              "Learners measure the schoolyard in metres.\nThey draw a map." };
  const char *levels[] = { "Grade 5", "Grade 6", "Grade 5" };
  const char *times[] = { "2026-11-30T08:00:00.000Z", "2026-11-30T09:00:00.000Z", "2026-11-30T09:05:00.000Z" };
  const char *authors[] = { person, person, AUTHOR };
  const char *first = NULL;

  commons_plan_set_title (plan, "Mapping the schoolyard");
  commons_plan_set_subject (plan, "Geography");
  commons_plan_set_language (plan, "en");
  commons_plan_set_license (plan, "cc-by");
  commons_plan_insert_activity (plan, -1, a);
  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    {
      g_autoptr(JsonObject) fields = NULL;
      const char *parents[] = { first, NULL };
      CommonsRevision *revision;

      commons_plan_set_summary (plan, summaries[i]);
      commons_plan_set_level (plan, levels[i]);
      fields = commons_plan_to_fields (plan);
      revision = commons_revision_new (record, COMMONS_PLAN_KIND, first != NULL ? parents : NULL, authors[i],
                                       times[i], FALSE, fields, &error);
      if (revision == NULL)
        g_error ("%s", error->message);
      g_ptr_array_add (batch, revision);
      if (first == NULL)
        first = commons_revision_get_id (revision);
    }
  if (!commons_store_add_revisions (store, batch, COMMONS_SCOPE_LOCAL, TRUE, NULL, &error))
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(CommonsRevision) plan = NULL;
  g_autoptr(CommonsRevision) locked = NULL;
  g_autoptr(CommonsRevision) review_revision = NULL;
  g_autoptr(CommonsReview) review = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *path = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DATA_DIR\n", argv[0]);
      return 2;
    }
  g_mkdir_with_parents (argv[1], 0700);
  path = g_build_filename (argv[1], "commons.db", NULL);
  store = commons_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  plan = add_plan (store, "Leaves under a lens", "cc-by");
  locked = add_plan (store, "Seeds on the move", "cc-by-nd");

  review = commons_review_new (commons_revision_get_record (plan), commons_revision_get_id (plan));
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  commons_review_set_score (review, "objectives", 3);
  commons_review_set_score (review, "accuracy", 3);
  commons_review_set_score (review, "engagement", 2);
  commons_review_set_score (review, "inclusion", COMMONS_REVIEW_NOT_APPLICABLE);
  commons_review_set_comment (review, "Clear and ready to teach.");
  fields = commons_review_to_fields (review);
  review_revision = add (store, COMMONS_REVIEW_KIND, REVIEWER, fields);
  add_note_in_conflict (store, commons_store_get_person_id (store));
  add_plan_in_conflict (store, commons_store_get_person_id (store));
  return 0;
}
