/* bench-plans.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "commons-plan-query.h"
#include "commons-plan.h"
#include "commons-review-summary.h"

#include "bench-common.h"

/* Fills a store with many plans and reviews, then times what the plan
 * screens do: open the list, filter it, open one plan with its reviews. */

#define N_PLANS   10000
#define N_REVIEWS 30000
#define N_PEOPLE  60
#define BATCH     5000

static const char *subjects[] = { "Biology", "Maths", "History", "Art", "Music", "Physics", "Geography", "Languages" };
static const char *levels[] = { "Grade 1", "Grade 3", "Grade 5", "Grade 7", "Grade 9", "Grade 11" };
static const char *languages[] = { "en", "fr", "ar", "pt-BR", "de", "es" };

static void
flush (CommonsStore *store,
       GPtrArray    *batch)
{
  g_autoptr(GError) error = NULL;

  if (batch->len == 0)
    return;
  commons_store_add_revisions (store, batch, "group-bench", TRUE, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (batch, 0);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Runs a list query five times: the first run after opening reads pages
 * from disk, the later ones show the steady state. Prints the first run
 * and the median; returns the median. */
static double
time_query (CommonsStore            *store,
            const CommonsPlanFilter *filter,
            const char              *label)
{
  double times[5];
  double first;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = NULL;
      gint64 start = g_get_monotonic_time ();

      rows = commons_plan_query (store, filter, &error);
      g_assert_no_error (error);
      times[i] = ms_since (start);
      n = rows->len;
    }
  first = times[0];
  qsort (times, G_N_ELEMENTS (times), sizeof (double), bench_compare_double);
  g_print ("%s (%u plans): median %.1f ms, first %.1f ms\n", label, n, times[2], first);
  return times[2];
}

static void
warm_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (commons_plan_query_warm_finish (COMMONS_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) plan_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) plan_revs = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *plan_author = g_new0 (guint, N_PLANS);
  GRand *rand = g_rand_new_with_seed (42);
  gint64 start;
  double worst_filter = 0;

  g_assert_no_error (error);
  store = commons_store_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_PEOPLE; i++)
    g_ptr_array_add (people, g_uuid_string_random ());

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_PLANS; i++)
    {
      g_autoptr(CommonsPlan) plan = commons_plan_new ();
      g_autoptr(JsonObject) fields = NULL;
      g_autofree char *title = g_strdup_printf ("Plan %05u about %s", i, subjects[i % G_N_ELEMENTS (subjects)]);
      g_autofree char *record = g_uuid_string_random ();
      CommonsRevision *revision;

      commons_plan_set_title (plan, title);
      commons_plan_set_summary (plan, "A lesson with a summary of a few words.\nAnd a second line.");
      commons_plan_set_subject (plan, subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))]);
      commons_plan_set_level (plan, levels[g_rand_int_range (rand, 0, G_N_ELEMENTS (levels))]);
      commons_plan_set_language (plan, languages[g_rand_int_range (rand, 0, G_N_ELEMENTS (languages))]);
      for (guint k = 0; k < 3; k++)
        {
          g_autoptr(CommonsActivity) activity = commons_activity_new ("Step", "Do the thing.", 10 + k);

          commons_plan_insert_activity (plan, -1, activity);
        }
      fields = commons_plan_to_fields (plan);
      plan_author[i] = g_rand_int_range (rand, 0, N_PEOPLE);
      revision = commons_revision_new (record, COMMONS_PLAN_KIND, NULL,
                                       g_ptr_array_index (people, plan_author[i]),
                                       NULL, FALSE, fields, &error);
      g_assert_no_error (error);
      g_ptr_array_add (plan_ids, g_strdup (record));
      g_ptr_array_add (plan_revs, g_strdup (commons_revision_get_id (revision)));
      g_ptr_array_add (batch, revision);
      if (batch->len == BATCH)
        flush (store, batch);
    }
  flush (store, batch);
  g_print ("Inserted %d plans in %.0f ms\n", N_PLANS, ms_since (start));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_REVIEWS; i++)
    {
      /* Plan 0 gets 20 reviews: the one opened below. */
      guint p = i < 20 ? 0 : g_rand_int_range (rand, 1, N_PLANS);
      guint offset = i < 20 ? i : (guint) g_rand_int_range (rand, 0, N_PEOPLE - 1);
      guint reviewer = (plan_author[p] + 1 + offset) % N_PEOPLE;
      g_autoptr(CommonsReview) review = commons_review_new (g_ptr_array_index (plan_ids, p),
                                                            g_ptr_array_index (plan_revs, p));
      g_autoptr(JsonObject) fields = NULL;
      g_autofree char *record = g_uuid_string_random ();
      CommonsRevision *revision;

      commons_review_set_verdict (review, g_rand_boolean (rand) ? COMMONS_VERDICT_APPROVE : COMMONS_VERDICT_CHANGES);
      commons_review_set_score (review, "objectives", g_rand_int_range (rand, 0, 4));
      commons_review_set_score (review, "accuracy", g_rand_int_range (rand, 0, 4));
      commons_review_set_score (review, "engagement", g_rand_int_range (rand, -1, 4));
      commons_review_set_score (review, "inclusion", g_rand_int_range (rand, -1, 4));
      commons_review_set_comment (review, "Thoughtful plan; see the notes per criterion.");
      fields = commons_review_to_fields (review);
      revision = commons_revision_new (record, COMMONS_REVIEW_KIND, NULL,
                                       g_ptr_array_index (people, reviewer),
                                       NULL, FALSE, fields, &error);
      g_assert_no_error (error);
      g_ptr_array_add (batch, revision);
      if (batch->len == BATCH)
        flush (store, batch);
    }
  flush (store, batch);
  g_print ("Inserted %d reviews in %.0f ms\n", N_REVIEWS, ms_since (start));

  /* Reopen, so nothing is cached but what SQLite caches itself. */
  g_clear_object (&store);
  start = g_get_monotonic_time ();
  store = commons_store_open (path, &error);
  g_assert_no_error (error);
  g_print ("Open store: %.1f ms\n", ms_since (start));

  {
    CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
    g_autoptr(GArray) rows = NULL;
    g_auto(GStrv) subject_values = NULL;
    g_auto(GStrv) level_values = NULL;
    g_auto(GStrv) language_values = NULL;
    double t;

    /* What opening the plan screen does, once, cold. */
    start = g_get_monotonic_time ();
    rows = commons_plan_query (store, &filter, &error);
    g_assert_no_error (error);
    subject_values = commons_plan_list_values (store, COMMONS_PLAN_COLUMN_SUBJECT, &error);
    level_values = commons_plan_list_values (store, COMMONS_PLAN_COLUMN_LEVEL, &error);
    language_values = commons_plan_list_values (store, COMMONS_PLAN_COLUMN_LANGUAGE, &error);
    g_assert_no_error (error);
    t = ms_since (start);
    g_print ("Open plan list, cold (%u plans, newest first, with filter values): %.1f ms\n", rows->len, t);
    worst_filter = MAX (worst_filter, t);

    t = time_query (store, &filter, "All plans, newest first");
    worst_filter = MAX (worst_filter, t);
    filter.sort = COMMONS_PLAN_SORT_TITLE;
    t = time_query (store, &filter, "All plans by title");
    worst_filter = MAX (worst_filter, t);
    filter.subject = "Biology";
    filter.level = "Grade 7";
    t = time_query (store, &filter, "Filter subject + level");
    worst_filter = MAX (worst_filter, t);
    filter.subject = NULL;
    filter.level = NULL;
    filter.search = "biology";
    t = time_query (store, &filter, "Search \"biology\"");
    worst_filter = MAX (worst_filter, t);
    filter.search = NULL;
    filter.sort = COMMONS_PLAN_SORT_UPDATED;

    for (int status = COMMONS_REVIEW_STATUS_DRAFT; status <= COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL; status++)
      {
        g_autofree char *label = g_strdup_printf ("Filter status \"%s\"", commons_review_status_get_name (status));

        filter.status = status;
        t = time_query (store, &filter, label);
        worst_filter = MAX (worst_filter, t);
      }

    filter.status = COMMONS_REVIEW_STATUS_APPROVED;
    filter.subject = "Maths";
    t = time_query (store, &filter, "Filter status + subject");
    worst_filter = MAX (worst_filter, t);

    /* The store keeps the statuses: a change of its own (a review, an
     * edit) updates the plan it touches; a write through another
     * connection (a sync, an import) has them all derived again. Each
     * timed five times, right after such a write. */
    {
      double own[5], others[5];

      filter.subject = NULL;
      for (guint i = 0; i < G_N_ELEMENTS (own); i++)
        {
          g_autoptr(CommonsReview) review = commons_review_new (g_ptr_array_index (plan_ids, 1 + i),
                                                                g_ptr_array_index (plan_revs, 1 + i));
          g_autoptr(JsonObject) fields = NULL;
          g_autoptr(CommonsStore) other = NULL;
          g_autofree char *record = g_uuid_string_random ();
          g_autofree char *note = NULL;
          g_autoptr(GArray) found = NULL;
          guint p = 1 + i;

          commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
          fields = commons_review_to_fields (review);
          g_ptr_array_add (batch, commons_revision_new (record, COMMONS_REVIEW_KIND, NULL,
                                                        g_ptr_array_index (people, (plan_author[p] + 1) % N_PEOPLE),
                                                        NULL, FALSE, fields, &error));
          g_assert_no_error (error);
          flush (store, batch);
          start = g_get_monotonic_time ();
          found = commons_plan_query (store, &filter, &error);
          g_assert_no_error (error);
          own[i] = ms_since (start);
          g_clear_pointer (&found, g_array_unref);

          other = commons_store_open (path, &error);
          g_assert_no_error (error);
          note = commons_store_create_note (other, "A write", "Through another connection", &error);
          g_assert_no_error (error);
          g_clear_object (&other);
          start = g_get_monotonic_time ();
          found = commons_plan_query (store, &filter, &error);
          g_assert_no_error (error);
          others[i] = ms_since (start);
        }
      qsort (own, G_N_ELEMENTS (own), sizeof (double), bench_compare_double);
      qsort (others, G_N_ELEMENTS (others), sizeof (double), bench_compare_double);
      g_print ("Filter status \"%s\" right after a review of this store: median %.1f ms\n",
               commons_review_status_get_name (filter.status), own[2]);
      g_print ("Filter status \"%s\" right after another connection wrote (a sync, an import;"
               " every status derived again): median %.1f ms\n",
               commons_review_status_get_name (filter.status), others[2]);
      worst_filter = MAX (worst_filter, own[2]);
    }

    /* What the plan list does when it opens or a sync wrote: derive them
     * on a thread through a connection of its own while the person looks
     * at the list; the status filter chosen afterwards finds them. */
    {
      g_autoptr(CommonsStore) other = commons_store_open (path, &error);
      g_autofree char *note = NULL;
      g_autoptr(GArray) found = NULL;
      gboolean done = FALSE;
      double warmed;

      g_assert_no_error (error);
      note = commons_store_create_note (other, "A write", "Through another connection", &error);
      g_assert_no_error (error);
      g_clear_object (&other);
      start = g_get_monotonic_time ();
      commons_plan_query_warm_async (store, 0, NULL, warm_done_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      warmed = ms_since (start);
      start = g_get_monotonic_time ();
      found = commons_plan_query (store, &filter, &error);
      g_assert_no_error (error);
      t = ms_since (start);
      g_print ("Statuses derived on a thread after that write: %.1f ms (off the main thread);"
               " then filter status \"%s\": %.1f ms\n", warmed,
               commons_review_status_get_name (filter.status), t);
      worst_filter = MAX (worst_filter, t);
    }
  }

  {
    g_autoptr(CommonsPlan) plan = NULL;
    g_autoptr(CommonsReviewSummary) summary = NULL;
    guint n_criteria;
    const CommonsRubricCriterion *rubric = commons_rubric_get_default (&n_criteria);
    double t;

    start = g_get_monotonic_time ();
    plan = commons_plan_load (store, g_ptr_array_index (plan_ids, 0), &error);
    g_assert_no_error (error);
    summary = commons_review_summary_load (store, g_ptr_array_index (plan_ids, 0), 0, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < n_criteria; i++)
      commons_review_summary_get_average (summary, rubric[i].id, NULL);
    t = ms_since (start);
    g_print ("Load a plan with %u reviews, status \"%s\" and averages: %.1f ms\n",
             commons_review_summary_get_reviews (summary)->len,
             commons_review_status_get_name (commons_review_summary_get_status (summary)), t);
    g_print ("Slowest list query (median): %.1f ms (target < 50 ms); plan load target < 50 ms\n", worst_filter);
  }

  g_clear_object (&store);
  if (g_getenv ("COMMONS_BENCH_KEEP") != NULL)
    {
      g_print ("Kept %s\n", path);
      g_rand_free (rand);
      return 0;
    }
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
  g_rand_free (rand);
  return 0;
}
