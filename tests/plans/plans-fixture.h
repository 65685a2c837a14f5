/* plans-fixture.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "../core/core-fixture.h"
#include "commons-plan.h"
#include "commons-review.h"
#include "commons-store.h"

#define OTHER_PERSON "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
#define REVIEWER_A   "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
#define REVIEWER_B   "1b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e"
#define REVIEWER_C   "2c3d4e5f-6a7b-4c8d-ae9f-0a1b2c3d4e5f"

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
  f->dir = core_fixture_make_dir ("commons-plans");
  f->path = g_build_filename (f->dir, "commons.db", NULL);
  /* Every save is a revision of its own, so history is predictable. */
  f->store = core_fixture_open_store (f->dir, "commons.db", TRUE);
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

static G_GNUC_UNUSED void
fixture_reopen (Fixture *f)
{
  core_fixture_close_store (&f->store);
  f->store = core_fixture_open_store (f->dir, "commons.db", TRUE);
}

/* Stores a revision written by someone else in @scope, as a sync would. */
static G_GNUC_UNUSED CommonsRevision *
add_foreign_revision_in_scope (Fixture    *f,
                               const char *scope,
                               const char *record,
                               const char *kind,
                               const char *parent,
                               const char *author,
                               const char *time,
                               gboolean    deleted,
                               JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  const char *parents[] = { parent, NULL };
  CommonsRevision *revision;

  revision = commons_revision_new (record, kind, parent != NULL ? parents : NULL,
                                   author, time, deleted, fields, &error);
  g_assert_no_error (error);
  g_ptr_array_add (batch, commons_revision_ref (revision));
  commons_store_add_revisions (f->store, batch, scope, TRUE, NULL, &error);
  g_assert_no_error (error);
  return revision;
}

/* The same in the local library. */
static G_GNUC_UNUSED CommonsRevision *
add_foreign_revision (Fixture    *f,
                      const char *record,
                      const char *kind,
                      const char *parent,
                      const char *author,
                      const char *time,
                      JsonObject *fields)
{
  return add_foreign_revision_in_scope (f, COMMONS_SCOPE_LOCAL, record, kind, parent, author,
                                        time, FALSE, fields);
}

static G_GNUC_UNUSED CommonsPlan *
make_plan (const char *title,
           const char *subject,
           const char *level,
           const char *language)
{
  CommonsPlan *plan = commons_plan_new ();
  g_autoptr(CommonsActivity) a = commons_activity_new ("Warm-up", "Ask what they know.", 10);
  g_autoptr(CommonsActivity) b = commons_activity_new ("Experiment", "Work in pairs.", 25);

  commons_plan_set_title (plan, title);
  commons_plan_set_subject (plan, subject);
  commons_plan_set_level (plan, level);
  commons_plan_set_language (plan, language);
  commons_plan_insert_activity (plan, -1, a);
  commons_plan_insert_activity (plan, -1, b);
  return plan;
}

/* A plan by OTHER_PERSON; returns its record id. */
static G_GNUC_UNUSED char *
add_foreign_plan (Fixture    *f,
                  const char *title,
                  const char *license,
                  const char *time)
{
  g_autoptr(CommonsPlan) plan = make_plan (title, "Biology", "Grade 7", "en");
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  char *record = g_uuid_string_random ();

  commons_plan_set_license (plan, license);
  fields = commons_plan_to_fields (plan);
  revision = add_foreign_revision (f, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON, time, fields);
  return record;
}

/* A review by someone other than this store's person. */
static G_GNUC_UNUSED char *
add_foreign_review (Fixture    *f,
                    const char *plan,
                    const char *plan_revision,
                    const char *reviewer,
                    const char *verdict,
                    const char *time)
{
  g_autoptr(CommonsReview) review = commons_review_new (plan, plan_revision);
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  char *record = g_uuid_string_random ();

  commons_review_set_verdict (review, commons_verdict_from_string (verdict));
  commons_review_set_score (review, "objectives", 3);
  commons_review_set_score (review, "accuracy", 2);
  commons_review_set_score (review, "engagement", COMMONS_REVIEW_NOT_APPLICABLE);
  fields = commons_review_to_fields (review);
  revision = add_foreign_revision (f, record, COMMONS_REVIEW_KIND, NULL, reviewer, time, fields);
  return record;
}

/* A plan's activity titles in order, joined by commas. */
static inline char *
plans_fixture_activity_titles (CommonsPlan *plan)
{
  GListModel *activities = commons_plan_get_activities (plan);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(CommonsActivity) activity = g_list_model_get_item (activities, i);

      g_string_append_printf (out, "%s%s", i > 0 ? "," : "", commons_activity_get_title (activity));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
