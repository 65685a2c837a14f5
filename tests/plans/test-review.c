/* test-review.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "commons-plan-query.h"
#include "commons-review-summary.h"
#include "commons-store-private.h"
#include "commons-review-query.h"
#include "plans-fixture.h"

static void
test_review_rubric (void)
{
  guint n;
  const CommonsRubricCriterion *rubric = commons_rubric_get_default (&n);
  const char *ids[] = { "objectives", "accuracy", "engagement", "inclusion" };

  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (rubric[i].id, ==, ids[i]);
      g_assert_true (commons_rubric_lookup (ids[i]) == &rubric[i]);
      g_assert_cmpstr (commons_rubric_criterion_get_name (&rubric[i]), !=, "");
      for (guint level = 0; level <= COMMONS_REVIEW_MAX_SCORE; level++)
        g_assert_cmpstr (commons_rubric_criterion_get_descriptor (&rubric[i], level), !=, "");
    }
  g_assert_null (commons_rubric_lookup ("nope"));
  g_assert_cmpstr (commons_review_status_get_name (COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL), ==,
                   "Changed since approval");
}

static void
test_review_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsReview) review = commons_review_new ("0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
                                                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsReview) copy = NULL;

  commons_review_set_score (review, "objectives", 2);
  commons_review_set_score (review, "inclusion", COMMONS_REVIEW_NOT_APPLICABLE);
  commons_review_set_criterion_comment (review, "objectives", "Clear — mostly");
  commons_review_set_comment (review, "Nice plan");
  commons_review_set_verdict (review, COMMONS_VERDICT_CHANGES);
  fields = commons_review_to_fields (review);
  json_object_set_string_member (fields, "future", "kept");

  copy = commons_review_new_from_fields (fields, &error);
  g_assert_no_error (error);
  g_assert_cmpint (commons_review_get_score (copy, "objectives"), ==, 2);
  g_assert_cmpint (commons_review_get_score (copy, "inclusion"), ==, COMMONS_REVIEW_NOT_APPLICABLE);
  g_assert_true (json_node_is_null (json_object_get_member (json_object_get_object_member (fields, "scores"), "inclusion")));
  g_assert_cmpint (commons_review_get_score (copy, "accuracy"), ==, COMMONS_REVIEW_NOT_APPLICABLE);
  g_assert_cmpstr (commons_review_get_criterion_comment (copy, "objectives"), ==, "Clear — mostly");
  g_assert_cmpstr (commons_review_get_comment (copy), ==, "Nice plan");
  g_assert_cmpint (commons_review_get_verdict (copy), ==, COMMONS_VERDICT_CHANGES);
  {
    g_autoptr(JsonObject) again = commons_review_to_fields (copy);

    g_assert_cmpstr (json_object_get_string_member (again, "future"), ==, "kept");
  }

  /* Strict on types and ranges. */
  json_object_set_int_member (json_object_get_object_member (fields, "scores"), "accuracy", 4);
  g_clear_object (&copy);
  copy = commons_review_new_from_fields (fields, &error);
  g_assert_null (copy);
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_INVALID);
  g_clear_error (&error);
  json_object_set_int_member (json_object_get_object_member (fields, "scores"), "accuracy", 1);
  json_object_set_string_member (fields, "verdict", "maybe");
  copy = commons_review_new_from_fields (fields, &error);
  g_assert_null (copy);
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_INVALID);
}

static void
test_review_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) own = make_plan ("My plan", "Maths", "Grade 5", "en");
  g_autofree char *foreign = add_foreign_plan (f, "Their plan", "cc-by", "2026-02-01T08:00:00.000Z");
  g_autoptr(CommonsPlan) foreign_plan = NULL;
  g_autoptr(CommonsReview) review = NULL;
  g_autoptr(CommonsReview) loaded = NULL;
  g_autofree char *scope = NULL;

  /* Nobody reviews their own plan. */
  g_assert_true (commons_plan_save (own, f->store, &error));
  g_assert_no_error (error);
  g_assert_false (commons_review_can_review (f->store, commons_plan_get_record (own), &error));
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_SELF_REVIEW);
  g_clear_error (&error);
  review = commons_review_new (commons_plan_get_record (own), commons_plan_get_revision (own));
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  g_assert_false (commons_review_save (review, f->store, &error));
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_SELF_REVIEW);
  g_clear_error (&error);
  g_clear_object (&review);

  /* A review names a revision of that plan, held here. */
  foreign_plan = commons_plan_load (f->store, foreign, &error);
  g_assert_no_error (error);
  g_assert_true (commons_review_can_review (f->store, foreign, &error));
  review = commons_review_new (foreign, commons_plan_get_revision (own));
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  g_assert_false (commons_review_save (review, f->store, &error));
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_WRONG_REVISION);
  g_clear_error (&error);
  g_clear_object (&review);

  review = commons_review_new (foreign, commons_plan_get_revision (foreign_plan));
  g_assert_false (commons_review_save (review, f->store, &error));
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_INVALID);
  g_clear_error (&error);
  commons_review_set_verdict (review, COMMONS_VERDICT_CHANGES);
  commons_review_set_score (review, "accuracy", 1);
  g_assert_true (commons_review_save (review, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (commons_review_get_reviewer (review), ==, commons_store_get_person_id (f->store));
  scope = commons_store_get_scope (f->store, commons_review_get_record (review), &error);
  g_assert_cmpstr (scope, ==, COMMONS_SCOPE_LOCAL);

  /* The author edits their review; it stays tied to the revision even
   * after the plan changes. */
  {
    g_autoptr(JsonObject) fields = commons_plan_to_fields (foreign_plan);
    g_autoptr(CommonsRevision) edit = NULL;

    json_object_set_string_member (fields, "summary", "Changed later");
    edit = add_foreign_revision (f, foreign, COMMONS_PLAN_KIND, commons_plan_get_revision (foreign_plan),
                                 OTHER_PERSON, "2026-02-02T08:00:00.000Z", fields);
  }
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  g_assert_true (commons_review_save (review, f->store, &error));
  g_assert_no_error (error);
  loaded = commons_review_load (f->store, commons_review_get_record (review), &error);
  g_assert_no_error (error);
  g_assert_cmpint (commons_review_get_verdict (loaded), ==, COMMONS_VERDICT_APPROVE);
  g_assert_cmpint (commons_review_get_score (loaded, "accuracy"), ==, 1);
  g_assert_cmpstr (commons_review_get_plan_revision (loaded), ==, commons_plan_get_revision (foreign_plan));

  /* Only a review's author edits it. */
  {
    g_autofree char *theirs = add_foreign_review (f, foreign, commons_plan_get_revision (foreign_plan),
                                                  REVIEWER_A, "approve", "2026-02-01T09:00:00.000Z");
    g_autoptr(CommonsReview) other = commons_review_load (f->store, theirs, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (commons_review_get_reviewer (other), ==, REVIEWER_A);
    commons_review_set_verdict (other, COMMONS_VERDICT_CHANGES);
    g_assert_false (commons_review_save (other, f->store, &error));
    g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_NOT_AUTHOR);
    g_clear_error (&error);
    g_clear_object (&other);
    other = commons_review_load (f->store, theirs, &error);
    g_assert_cmpint (commons_review_get_verdict (other), ==, COMMONS_VERDICT_APPROVE);
  }
}

static void
test_review_edit (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = add_foreign_plan (f, "Edited", "cc-by", "2026-03-01T08:00:00.000Z");
  g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, plan, NULL);
  g_autoptr(CommonsReview) mine = commons_review_new (plan, commons_revision_get_id (head));
  g_autoptr(CommonsReview) edit = NULL;
  g_autoptr(CommonsReview) loaded = NULL;
  g_autoptr(CommonsReviewSummary) summary = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *first_revision = NULL;
  g_autofree char *theirs = NULL;

  /* A review not saved yet is one's own to change. */
  g_assert_true (commons_review_can_edit (mine, f->store, &error));
  g_assert_no_error (error);
  commons_review_set_score (mine, "accuracy", 2);
  commons_review_set_criterion_comment (mine, "accuracy", "One date is wrong");
  commons_review_set_comment (mine, "Nearly there");
  commons_review_set_verdict (mine, COMMONS_VERDICT_CHANGES);
  g_assert_true (commons_review_save (mine, f->store, &error));
  g_assert_no_error (error);
  first_revision = g_strdup (commons_review_get_revision (mine));

  /* Loaded again, as the review form does, and changed: the same record
   * gets a new revision, and the plan still has one review. */
  edit = commons_review_load (f->store, commons_review_get_record (mine), &error);
  g_assert_no_error (error);
  g_assert_true (commons_review_can_edit (edit, f->store, &error));
  g_assert_no_error (error);
  commons_review_set_score (edit, "accuracy", 3);
  commons_review_set_score (edit, "engagement", COMMONS_REVIEW_NOT_APPLICABLE);
  commons_review_set_criterion_comment (edit, "accuracy", "");
  commons_review_set_comment (edit, "Fixed, thanks");
  commons_review_set_verdict (edit, COMMONS_VERDICT_APPROVE);
  g_assert_true (commons_review_save (edit, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (commons_review_get_record (edit), ==, commons_review_get_record (mine));
  g_assert_cmpstr (commons_review_get_revision (edit), !=, first_revision);
  g_assert_cmpstr (commons_review_get_created (edit), ==, commons_review_get_created (mine));
  history = commons_store_get_history (f->store, commons_review_get_record (edit), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);

  loaded = commons_review_load (f->store, commons_review_get_record (mine), &error);
  g_assert_no_error (error);
  g_assert_cmpint (commons_review_get_verdict (loaded), ==, COMMONS_VERDICT_APPROVE);
  g_assert_cmpint (commons_review_get_score (loaded, "accuracy"), ==, 3);
  g_assert_cmpstr (commons_review_get_criterion_comment (loaded, "accuracy"), ==, "");
  g_assert_cmpstr (commons_review_get_comment (loaded), ==, "Fixed, thanks");
  summary = commons_review_summary_load (f->store, plan, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (commons_review_summary_get_reviews (summary)->len, ==, 1);
  g_assert_cmpuint (commons_review_summary_get_approvals (summary), ==, 1);

  /* Someone else's review is theirs to change, and saving says so. */
  theirs = add_foreign_review (f, plan, commons_revision_get_id (head), REVIEWER_A, "approve",
                               "2026-03-01T09:00:00.000Z");
  g_clear_object (&loaded);
  loaded = commons_review_load (f->store, theirs, &error);
  g_assert_no_error (error);
  g_assert_false (commons_review_can_edit (loaded, f->store, &error));
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_NOT_AUTHOR);
  g_clear_error (&error);
  commons_review_set_comment (loaded, "Not mine to say");
  g_assert_false (commons_review_save (loaded, f->store, &error));
  g_assert_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_NOT_AUTHOR);
}

static CommonsReviewStatus
query_status (Fixture    *f,
              const char *plan,
              guint       approvals)
{
  int found = -1;

  /* The SQL filter must agree with the summary: ask for each status. */
  for (int status = COMMONS_REVIEW_STATUS_DRAFT; status <= COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL; status++)
    {
      g_autoptr(GError) error = NULL;
      CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
      g_autoptr(GArray) rows = NULL;

      filter.status = status;
      filter.approvals_needed = approvals;
      rows = commons_plan_query (f->store, &filter, &error);
      g_assert_no_error (error);
      /* One plan in these stores. */
      g_assert_cmpuint (rows->len, <=, 1);
      if (rows->len == 1)
        {
          g_assert_cmpint (found, ==, -1);
          found = status;
        }
    }
  g_assert_cmpint (found, !=, -1);
  return found;
}

static CommonsReviewStatus
status_of (Fixture     *f,
           const char  *plan,
           guint        approvals,
           char       **approved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsReviewSummary) summary = commons_review_summary_load (f->store, plan, approvals, &error);
  CommonsReviewStatus status;

  g_assert_no_error (error);
  status = commons_review_summary_get_status (summary);
  g_assert_cmpint (query_status (f, plan, approvals), ==, status);
  if (approved != NULL)
    {
      g_free (*approved);
      *approved = g_strdup (commons_review_summary_get_approved_revision (summary));
    }
  return status;
}

static void
test_review_status (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = add_foreign_plan (f, "Status", "cc-by", "2026-03-01T08:00:00.000Z");
  g_autoptr(CommonsRevision) r1 = commons_store_get_current (f->store, plan, NULL);
  g_autoptr(CommonsRevision) r2 = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *a1 = NULL;
  g_autofree char *b1 = NULL;
  g_autofree char *self_review = NULL;
  g_autofree char *c2 = NULL;
  const char *rev1 = commons_revision_get_id (r1);

  /* Draft: no review at all. A review by the plan's own author (arriving
   * by sync) does not count either. */
  g_assert_cmpint (status_of (f, plan, 0, &approved), ==, COMMONS_REVIEW_STATUS_DRAFT);
  g_assert_null (approved);
  self_review = add_foreign_review (f, plan, rev1, OTHER_PERSON, "approve", "2026-03-01T08:30:00.000Z");
  g_assert_cmpint (status_of (f, plan, 0, NULL), ==, COMMONS_REVIEW_STATUS_DRAFT);

  /* In review: one approval of two. */
  a1 = add_foreign_review (f, plan, rev1, REVIEWER_A, "approve", "2026-03-01T09:00:00.000Z");
  g_assert_cmpint (status_of (f, plan, 0, NULL), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  g_assert_cmpint (status_of (f, plan, 1, &approved), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpstr (approved, ==, rev1);

  /* The same person approving twice is still one approval. */
  g_free (add_foreign_review (f, plan, rev1, REVIEWER_A, "approve", "2026-03-01T09:10:00.000Z"));
  g_assert_cmpint (status_of (f, plan, 0, NULL), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  /* Approved: two distinct people approve the head. */
  b1 = add_foreign_review (f, plan, rev1, REVIEWER_B, "approve", "2026-03-01T10:00:00.000Z");
  g_assert_cmpint (status_of (f, plan, 0, &approved), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpstr (approved, ==, rev1);
  /* A group that asks for three is not there yet. */
  g_assert_cmpint (status_of (f, plan, 3, NULL), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  /* A later review by the same person supersedes: B now wants changes. */
  g_free (add_foreign_review (f, plan, rev1, REVIEWER_B, "changes", "2026-03-01T11:00:00.000Z"));
  g_assert_cmpint (status_of (f, plan, 0, NULL), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  g_free (add_foreign_review (f, plan, rev1, REVIEWER_B, "approve", "2026-03-01T12:00:00.000Z"));
  g_assert_cmpint (status_of (f, plan, 0, NULL), ==, COMMONS_REVIEW_STATUS_APPROVED);

  /* Changed since approval: the plan moves on; the approved revision is
   * still known. */
  {
    g_autoptr(CommonsPlan) current = commons_plan_load (f->store, plan, &error);
    g_autoptr(JsonObject) fields = NULL;

    g_assert_no_error (error);
    commons_plan_set_summary (current, "Revised");
    fields = commons_plan_to_fields (current);
    r2 = add_foreign_revision (f, plan, COMMONS_PLAN_KIND, rev1, OTHER_PERSON,
                               "2026-03-02T08:00:00.000Z", fields);
  }
  g_assert_cmpint (status_of (f, plan, 0, &approved), ==, COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL);
  g_assert_cmpstr (approved, ==, rev1);

  /* One approval of the new version: still changed since approval. */
  c2 = add_foreign_review (f, plan, commons_revision_get_id (r2), REVIEWER_C, "approve", "2026-03-02T09:00:00.000Z");
  g_assert_cmpint (status_of (f, plan, 0, &approved), ==, COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL);
  g_assert_cmpstr (approved, ==, rev1);

  /* A second approval of the new version: approved again, at r2. */
  g_free (add_foreign_review (f, plan, commons_revision_get_id (r2), REVIEWER_A, "approve", "2026-03-02T10:00:00.000Z"));
  g_assert_cmpint (status_of (f, plan, 0, &approved), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpstr (approved, ==, commons_revision_get_id (r2));

  /* Deleting a review takes it out of the count. */
  commons_store_delete_record (f->store, c2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, plan, 0, &approved), ==, COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL);
}

/* Approving a version one wrote oneself counts for nothing (issue 18, 3):
 * reviewer A edits the plan, then approves the version A wrote. */
static void
test_review_own_version (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *plan = add_foreign_plan (f, "Own version", "cc-by", "2026-03-01T08:00:00.000Z");
  g_autoptr(CommonsRevision) r1 = commons_store_get_current (f->store, plan, NULL);
  g_autoptr(CommonsRevision) r2 = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *approved = NULL;
  const char *rev2;

  json_object_set_string_member (fields, "title", "Own version, edited by A");
  r2 = add_foreign_revision (f, plan, COMMONS_PLAN_KIND, commons_revision_get_id (r1), REVIEWER_A,
                             "2026-03-01T08:30:00.000Z", fields);
  rev2 = commons_revision_get_id (r2);

  g_free (add_foreign_review (f, plan, rev2, REVIEWER_A, "approve", "2026-03-01T09:00:00.000Z"));
  g_assert_cmpint (status_of (f, plan, 1, &approved), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  g_assert_null (approved);

  g_free (add_foreign_review (f, plan, rev2, REVIEWER_B, "approve", "2026-03-01T09:30:00.000Z"));
  g_assert_cmpint (status_of (f, plan, 1, &approved), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpstr (approved, ==, rev2);
  /* A's approval still counts for nothing: two are not reached. */
  g_assert_cmpint (status_of (f, plan, 2, NULL), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  /* Waiting for this person's review until this person changes it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) waiting = commons_review_query_waiting (f->store, &error);
    g_autoptr(JsonObject) mine = json_object_new ();

    g_assert_no_error (error);
    g_assert_cmpuint (waiting->len, ==, 1);
    g_clear_pointer (&waiting, g_array_unref);
    json_object_set_string_member (mine, "title", "Own version, edited here");
    commons_store_edit_record (f->store, plan, mine, &error);
    g_assert_no_error (error);
    waiting = commons_review_query_waiting (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (waiting->len, ==, 0);
  }
}

static void
test_review_aggregates (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = add_foreign_plan (f, "Averages", "cc-by", "2026-03-01T08:00:00.000Z");
  g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, plan, NULL);
  g_autoptr(CommonsReviewSummary) summary = NULL;
  g_autoptr(CommonsReview) mine = commons_review_new (plan, commons_revision_get_id (head));
  guint n;
  GPtrArray *reviews;

  /* A: objectives 3, accuracy 2, engagement n/a (from the fixture); its
   * earlier review is superseded. */
  g_free (add_foreign_review (f, plan, commons_revision_get_id (head), REVIEWER_A, "changes", "2026-03-01T08:10:00.000Z"));
  g_free (add_foreign_review (f, plan, commons_revision_get_id (head), REVIEWER_A, "approve", "2026-03-01T09:00:00.000Z"));
  commons_review_set_score (mine, "objectives", 0);
  commons_review_set_score (mine, "accuracy", 3);
  commons_review_set_score (mine, "engagement", COMMONS_REVIEW_NOT_APPLICABLE);
  commons_review_set_verdict (mine, COMMONS_VERDICT_CHANGES);
  commons_review_set_comment (mine, "Needs a clearer aim");
  g_assert_true (commons_review_save (mine, f->store, &error));
  g_assert_no_error (error);

  summary = commons_review_summary_load (f->store, plan, 0, &error);
  g_assert_no_error (error);
  reviews = commons_review_summary_get_reviews (summary);
  g_assert_cmpuint (reviews->len, ==, 3);
  /* Newest first. */
  g_assert_cmpstr (commons_review_get_reviewer (g_ptr_array_index (reviews, 0)), ==,
                   commons_store_get_person_id (f->store));
  g_assert_cmpuint (commons_review_summary_get_n_reviewers (summary), ==, 2);
  g_assert_cmpuint (commons_review_summary_get_n_verdicts (summary, COMMONS_VERDICT_APPROVE), ==, 1);
  g_assert_cmpuint (commons_review_summary_get_n_verdicts (summary, COMMONS_VERDICT_CHANGES), ==, 1);
  g_assert_cmpuint (commons_review_summary_get_approvals (summary), ==, 1);
  g_assert_cmpfloat_with_epsilon (commons_review_summary_get_average (summary, "objectives", &n), 1.5, 1e-9);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (commons_review_summary_get_average (summary, "accuracy", &n), 2.5, 1e-9);
  g_assert_true (isnan (commons_review_summary_get_average (summary, "engagement", &n)));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (commons_review_summary_get_status (summary), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  g_assert_cmpstr (commons_review_summary_get_head (summary), ==, commons_revision_get_id (head));
}

static void
test_review_keeps_revision (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = make_plan ("Kept", "Maths", "Grade 5", "en");
  g_autoptr(CommonsRevision) reviewed = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *first = NULL;
  g_autofree char *review = NULL;

  /* Within the quiet interval edits amend the revision not yet shared... */
  commons_store_set_quiet_interval (f->store, 3600);
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  first = g_strdup (commons_plan_get_revision (plan));
  commons_plan_set_summary (plan, "Typing");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_cmpstr (commons_plan_get_revision (plan), !=, first);
  g_free (first);
  first = g_strdup (commons_plan_get_revision (plan));
  history = commons_store_get_history (f->store, commons_plan_get_record (plan), &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* ...but not one that someone has reviewed. */
  review = add_foreign_review (f, commons_plan_get_record (plan), first, REVIEWER_A, "approve",
                               "2026-03-01T09:00:00.000Z");
  commons_plan_set_summary (plan, "Typing more");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  history = commons_store_get_history (f->store, commons_plan_get_record (plan), &error);
  g_assert_cmpuint (history->len, ==, 2);
  reviewed = commons_store_get_revision (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reviewed);
}

/* The store keeps every plan's status between writes; a review stored
 * through another connection (a sync, an import) must still count. */
static void
test_review_status_other_connection (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = add_foreign_plan (f, "Kept status", "cc-by", "2026-03-01T08:00:00.000Z");
  g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, plan, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  Fixture other = *f;

  g_assert_cmpint (query_status (f, plan, 0), ==, COMMONS_REVIEW_STATUS_DRAFT);
  a = add_foreign_review (f, plan, commons_revision_get_id (head), REVIEWER_A, "approve",
                          "2026-03-01T09:00:00.000Z");
  g_assert_cmpint (query_status (f, plan, 0), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  /* The second approval arrives through a connection of its own. */
  other.store = commons_store_open (f->path, &error);
  g_assert_no_error (error);
  b = add_foreign_review (&other, plan, commons_revision_get_id (head), REVIEWER_B, "approve",
                          "2026-03-01T10:00:00.000Z");
  g_clear_object (&other.store);

  g_assert_cmpint (query_status (f, plan, 0), ==, COMMONS_REVIEW_STATUS_APPROVED);
}

/* Every status the plan list files plans under, by row id. */
static GHashTable *
listed_statuses (CommonsStore *store)
{
  GHashTable *statuses = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (int status = COMMONS_REVIEW_STATUS_DRAFT; status <= COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL; status++)
    {
      g_autoptr(GError) error = NULL;
      CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
      g_autoptr(GArray) rows = NULL;

      filter.status = status;
      rows = commons_plan_query (store, &filter, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        {
          g_assert_false (g_hash_table_contains (statuses, &g_array_index (rows, gint64, i)));
          g_hash_table_insert (statuses, g_memdup2 (&g_array_index (rows, gint64, i), sizeof (gint64)),
                               GINT_TO_POINTER (status));
        }
    }
  return statuses;
}

/* The store keeps the statuses and updates them after each change of its
 * own; after any sequence of changes they must be what a connection that
 * derives them afresh finds. */
static void
test_review_status_kept (Fixture       *f,
                         gconstpointer  data)
{
  const char *reviewers[] = { REVIEWER_A, REVIEWER_B, OTHER_PERSON };
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261202);

  for (guint step = 0; step < 120; step++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) kept = NULL;
      g_autoptr(GHashTable) fresh = NULL;
      g_autoptr(CommonsStore) other = NULL;
      g_autofree char *time = g_strdup_printf ("2026-05-01T%02u:%02u:00.000Z", step / 60, step % 60);
      guint choice = g_rand_int_range (rand, 0, 10);

      if (plans->len == 0 || choice == 0)
        {
          g_autofree char *title = g_strdup_printf ("Plan %u", step);

          g_ptr_array_add (plans, add_foreign_plan (f, title, "cc-by", time));
        }
      else if (choice <= 5)
        {
          const char *plan = g_ptr_array_index (plans, g_rand_int_range (rand, 0, plans->len));
          g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, plan, NULL);

          if (head != NULL && !commons_revision_get_deleted (head))
            g_ptr_array_add (reviews,
                             add_foreign_review (f, plan, commons_revision_get_id (head),
                                                 reviewers[g_rand_int_range (rand, 0, 3)],
                                                 g_rand_boolean (rand) ? "approve" : "changes", time));
        }
      else if (choice <= 7)
        {
          /* The author edits: approvals of the old version no longer count. */
          const char *plan = g_ptr_array_index (plans, g_rand_int_range (rand, 0, plans->len));
          g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, plan, NULL);
          g_autoptr(CommonsRevision) edit = NULL;
          g_autoptr(CommonsPlan) changed = make_plan ("Edited", "Biology", "Grade 7", "en");
          g_autoptr(JsonObject) fields = NULL;

          if (head != NULL && !commons_revision_get_deleted (head))
            {
              commons_plan_set_summary (changed, time);
              commons_plan_set_license (changed, "cc-by");
              fields = commons_plan_to_fields (changed);
              edit = add_foreign_revision (f, plan, COMMONS_PLAN_KIND, commons_revision_get_id (head),
                                           OTHER_PERSON, time, fields);
            }
        }
      else if (choice == 8 && reviews->len > 0)
        {
          commons_store_delete_record (f->store, g_ptr_array_index (reviews, g_rand_int_range (rand, 0, reviews->len)), &error);
          g_assert_no_error (error);
        }
      else
        {
          commons_store_delete_record (f->store, g_ptr_array_index (plans, g_rand_int_range (rand, 0, plans->len)), &error);
          g_assert_no_error (error);
        }

      kept = listed_statuses (f->store);
      other = commons_store_open (f->path, &error);
      g_assert_no_error (error);
      fresh = listed_statuses (other);
      g_assert_cmpuint (g_hash_table_size (kept), ==, g_hash_table_size (fresh));
      {
        GHashTableIter iter;
        gpointer rowid, status;

        g_hash_table_iter_init (&iter, fresh);
        while (g_hash_table_iter_next (&iter, &rowid, &status))
          g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (kept, rowid)), ==, GPOINTER_TO_INT (status));
      }
    }

  /* Many changes in one transaction: derived again rather than updated. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
    g_autoptr(GHashTable) before = listed_statuses (f->store);
    g_autoptr(GHashTable) kept = NULL;
    g_autoptr(GHashTable) fresh = NULL;
    g_autoptr(CommonsStore) other = NULL;
    guint approved = 0;

    for (guint i = 0; i < 40; i++)
      {
        g_autofree char *title = g_strdup_printf ("Batch %u", i);
        g_autoptr(CommonsPlan) plan = make_plan (title, "Biology", "Grade 7", "en");
        g_autoptr(JsonObject) fields = NULL;
        g_autofree char *record = g_uuid_string_random ();

        commons_plan_set_license (plan, "cc-by");
        fields = commons_plan_to_fields (plan);
        g_ptr_array_add (batch, commons_revision_new (record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                                      "2026-05-02T08:00:00.000Z", FALSE, fields, &error));
        g_assert_no_error (error);
      }
    commons_store_add_revisions (f->store, batch, COMMONS_SCOPE_LOCAL, TRUE, NULL, &error);
    g_assert_no_error (error);
    kept = listed_statuses (f->store);
    other = commons_store_open (f->path, &error);
    g_assert_no_error (error);
    fresh = listed_statuses (other);
    g_assert_cmpuint (g_hash_table_size (kept), ==, g_hash_table_size (before) + 40);
    g_assert_cmpuint (g_hash_table_size (kept), ==, g_hash_table_size (fresh));
    for (GList *l = g_hash_table_get_keys (fresh); l != NULL; l = g_list_delete_link (l, l))
      {
        g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (kept, l->data)), ==,
                         GPOINTER_TO_INT (g_hash_table_lookup (fresh, l->data)));
        approved += GPOINTER_TO_INT (g_hash_table_lookup (fresh, l->data)) == COMMONS_REVIEW_STATUS_APPROVED;
      }
    g_test_message ("%u plans, %u approved", g_hash_table_size (fresh), approved);
  }
}

static void
warm_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  int *outcome = user_data;
  g_autoptr(GError) error = NULL;

  *outcome = commons_plan_query_warm_finish (COMMONS_STORE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
warm (Fixture *f)
{
  int outcome = -1;

  commons_plan_query_warm_async (f->store, 0, NULL, warm_done_cb, &outcome);
  while (outcome < 0)
    g_main_context_iteration (NULL, TRUE);
  return outcome;
}

/* The plan list derives the statuses on a thread when it opens; they are
 * kept only if nothing was written meanwhile, and then agree with a
 * status filter's. */
static void
test_review_status_warm (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *plan = add_foreign_plan (f, "Warm", "cc-by", "2026-03-01T08:00:00.000Z");
  g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, plan, NULL);
  g_autofree char *a = add_foreign_review (f, plan, commons_revision_get_id (head), REVIEWER_A, "approve",
                                           "2026-03-01T09:00:00.000Z");
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autoptr(GError) error = NULL;
  Fixture other = *f;
  int outcome = -1;

  g_assert_null (_commons_store_get_derived (f->store, "plan-status:0"));
  g_assert_true (warm (f));
  g_assert_nonnull (_commons_store_get_derived (f->store, "plan-status:0"));
  g_assert_cmpint (query_status (f, plan, 0), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  /* Kept already: nothing to do. */
  g_assert_true (warm (f));

  /* A review through another connection (a sync) has them derived
   * again; a write after the warm-up started means what the thread read
   * may be older, so it is dropped, and the filter derives afresh. */
  other.store = commons_store_open (f->path, &error);
  g_assert_no_error (error);
  b = add_foreign_review (&other, plan, commons_revision_get_id (head), REVIEWER_B, "approve",
                          "2026-03-01T10:00:00.000Z");
  g_clear_object (&other.store);
  commons_plan_query_warm_async (f->store, 0, NULL, warm_done_cb, &outcome);
  c = add_foreign_review (f, plan, commons_revision_get_id (head), REVIEWER_C, "changes",
                          "2026-03-01T11:00:00.000Z");
  while (outcome < 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (outcome);
  g_assert_cmpint (query_status (f, plan, 0), ==, COMMONS_REVIEW_STATUS_APPROVED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/rubric", test_review_rubric);
  g_test_add_func ("/review/fields", test_review_fields);
  g_test_add ("/review/rules", Fixture, NULL, fixture_setup, test_review_rules, fixture_teardown);
  g_test_add ("/review/edit", Fixture, NULL, fixture_setup, test_review_edit, fixture_teardown);
  g_test_add ("/review/status", Fixture, NULL, fixture_setup, test_review_status, fixture_teardown);
  g_test_add ("/review/status-warm", Fixture, NULL, fixture_setup,
              test_review_status_warm, fixture_teardown);
  g_test_add ("/review/status-kept", Fixture, NULL, fixture_setup,
              test_review_status_kept, fixture_teardown);
  g_test_add ("/review/status-other-connection", Fixture, NULL, fixture_setup,
              test_review_status_other_connection, fixture_teardown);
  g_test_add ("/review/keeps-revision", Fixture, NULL, fixture_setup, test_review_keeps_revision, fixture_teardown);
  g_test_add ("/review/aggregates", Fixture, NULL, fixture_setup, test_review_aggregates, fixture_teardown);
  g_test_add ("/review/own-version", Fixture, NULL, fixture_setup, test_review_own_version, fixture_teardown);

  return g_test_run ();
}
