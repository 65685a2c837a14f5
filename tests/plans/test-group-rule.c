/* test-group-rule.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group's approval rule: a record every replica names alike, and the
 * review status derived with it, by the summary and by the plan list.
 */

#include "config.h"

#include <string.h>

#include "commons-group-rule.h"
#include "commons-plan-query.h"
#include "commons-review-summary.h"
#include "commons-store-private.h"
#include "commons-sync.h"
#include "plans-fixture.h"

#define GROUP_A "3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a"
#define GROUP_B "4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b"

/* A plan by OTHER_PERSON in @scope; returns its record id and sets
 * @revision to its only revision. */
static char *
add_plan (Fixture     *f,
          const char  *scope,
          const char  *title,
          char       **revision)
{
  g_autoptr(CommonsPlan) plan = make_plan (title, "Maths", "Grade 5", "en");
  g_autoptr(JsonObject) fields = commons_plan_to_fields (plan);
  g_autoptr(CommonsRevision) first = NULL;
  char *record = g_uuid_string_random ();

  first = add_foreign_revision_in_scope (f, scope, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                         "2026-04-01T08:00:00.000Z", FALSE, fields);
  *revision = g_strdup (commons_revision_get_id (first));
  return record;
}

static void
add_review (Fixture    *f,
            const char *scope,
            const char *plan,
            const char *plan_revision,
            const char *reviewer,
            const char *verdict)
{
  g_autoptr(CommonsReview) review = commons_review_new (plan, plan_revision);
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autofree char *record = g_uuid_string_random ();

  commons_review_set_verdict (review, commons_verdict_from_string (verdict));
  fields = commons_review_to_fields (review);
  revision = add_foreign_revision_in_scope (f, scope, record, COMMONS_REVIEW_KIND, NULL, reviewer,
                                            "2026-04-01T09:00:00.000Z", FALSE, fields);
}

/* A rule revision as another member might send it. */
static CommonsRevision *
add_rule (Fixture    *f,
          const char *scope,
          const char *parent,
          const char *author,
          const char *time,
          gboolean    deleted,
          JsonNode   *approvals)
{
  g_autofree char *record = commons_group_rule_dup_record_id (GROUP_A);
  g_autoptr(JsonObject) fields = json_object_new ();

  if (approvals != NULL)
    json_object_set_member (fields, "approvals", approvals);
  return add_foreign_revision_in_scope (f, scope, record, COMMONS_GROUP_RULE_KIND, parent, author, time,
                                        deleted, fields);
}

static gint64
rowid_of (Fixture    *f,
          const char *record)
{
  sqlite3_stmt *stmt = _commons_store_prepare (f->store, "SELECT rowid FROM records WHERE id = ?", NULL);
  gint64 rowid = 0;

  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (rowid, >, 0);
  return rowid;
}

/* The status the plan list files @plan under, each plan by its own rule. */
static CommonsReviewStatus
listed_status (Fixture    *f,
               const char *plan)
{
  gint64 rowid = rowid_of (f, plan);
  int found = -1;

  for (int status = COMMONS_REVIEW_STATUS_DRAFT; status <= COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL; status++)
    {
      g_autoptr(GError) error = NULL;
      CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
      g_autoptr(GArray) rows = NULL;

      filter.status = status;
      rows = commons_plan_query (f->store, &filter, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < rows->len; i++)
        if (g_array_index (rows, gint64, i) == rowid)
          {
            g_assert_cmpint (found, ==, -1);
            found = status;
          }
    }
  g_assert_cmpint (found, !=, -1);
  return found;
}

/* The status the plan's page shows, checked against the list. */
static CommonsReviewStatus
status_of (Fixture    *f,
           const char *plan)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = commons_store_get_scope (f->store, plan, &error);
  guint needed = commons_group_rule_get_approvals (f->store, scope);
  g_autoptr(CommonsReviewSummary) summary = commons_review_summary_load (f->store, plan, needed, &error);
  CommonsReviewStatus status;

  g_assert_no_error (error);
  g_assert_cmpuint (commons_review_summary_get_approvals_needed (summary), ==, needed);
  status = commons_review_summary_get_status (summary);
  g_assert_cmpint (listed_status (f, plan), ==, status);
  return status;
}

static void
test_group_rule_record_id (void)
{
  g_autofree char *a = commons_group_rule_dup_record_id (GROUP_A);
  g_autofree char *again = commons_group_rule_dup_record_id (GROUP_A);
  g_autofree char *b = commons_group_rule_dup_record_id (GROUP_B);
  g_autofree char *odd = commons_group_rule_dup_record_id ("group-bench");

  /* The same on every replica, one per group, and a record id like any
   * other: what the store and the server accept. */
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (commons_uuid_is_valid (a));
  g_assert_true (commons_uuid_is_valid (b));
  g_assert_true (commons_uuid_is_valid (odd));
  g_assert_cmpint (a[14], ==, '5');
  g_assert_nonnull (strchr ("89ab", a[19]));
  for (const char *p = a; *p != '\0'; p++)
    g_assert_false (g_ascii_isupper (*p));
  /* Pinned, as RFC 4122 computes it (Python: uuid.uuid5 (namespace,
   * "group-rule/" + group)): changing it would split every group's rule. */
  g_assert_cmpstr (a, ==, "ffe8e192-294d-5ac0-b558-0153053abf83");
}

static void
test_group_rule_default (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *rev = NULL;
  g_autofree char *plan = add_plan (f, GROUP_A, "Default", &rev);

  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, COMMONS_SCOPE_LOCAL), ==,
                    COMMONS_REVIEW_DEFAULT_APPROVALS);
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, NULL), ==, 2);
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 2);

  /* Without a rule, two approvals from others approve; one does not. */
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_DRAFT);
  add_review (f, GROUP_A, plan, rev, REVIEWER_A, "approve");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  add_review (f, GROUP_A, plan, rev, REVIEWER_B, "approve");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_APPROVED);
}

static void
test_group_rule_one (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *plan = add_plan (f, GROUP_A, "One", &rev);
  g_autofree char *record = commons_group_rule_dup_record_id (GROUP_A);
  g_autofree char *scope = NULL;
  g_autoptr(CommonsRevision) rule = NULL;

  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 1);
  /* Another group keeps its own rule. */
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_B), ==, 2);

  /* The rule is an ordinary record of the group, waiting to be pushed. */
  rule = commons_store_get_current (f->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_kind (rule), ==, COMMONS_GROUP_RULE_KIND);
  g_assert_cmpstr (commons_revision_get_author (rule), ==, commons_store_get_person_id (f->store));
  g_assert_cmpint (json_object_get_int_member (commons_revision_get_fields (rule), "approvals"), ==, 1);
  scope = commons_store_get_scope (f->store, record, &error);
  g_assert_cmpstr (scope, ==, GROUP_A);
  g_assert_cmpuint (commons_store_count_unpushed (f->store, GROUP_A), ==, 1);

  /* The author's own approval never counts. */
  add_review (f, GROUP_A, plan, rev, OTHER_PERSON, "approve");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_DRAFT);
  add_review (f, GROUP_A, plan, rev, REVIEWER_A, "changes");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  /* One approval by another member approves. */
  add_review (f, GROUP_A, plan, rev, REVIEWER_B, "approve");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_APPROVED);

  /* Raised again, the same plan is back in review: derived, never stored. */
  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
}

static void
test_group_rule_three (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *plan = add_plan (f, GROUP_A, "Three", &rev);

  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 3, &error));
  g_assert_no_error (error);
  add_review (f, GROUP_A, plan, rev, REVIEWER_A, "approve");
  add_review (f, GROUP_A, plan, rev, REVIEWER_B, "approve");
  /* Two approvals do not make three, and the author's adds nothing. */
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  add_review (f, GROUP_A, plan, rev, OTHER_PERSON, "approve");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  add_review (f, GROUP_A, plan, rev, REVIEWER_C, "approve");
  g_assert_cmpint (status_of (f, plan), ==, COMMONS_REVIEW_STATUS_APPROVED);
}

static void
test_group_rule_two_groups (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rev_a = NULL;
  g_autofree char *rev_b = NULL;
  g_autofree char *rev_local = NULL;
  g_autofree char *plan_a = add_plan (f, GROUP_A, "In A", &rev_a);
  g_autofree char *plan_b = add_plan (f, GROUP_B, "In B", &rev_b);
  g_autofree char *plan_local = add_plan (f, COMMONS_SCOPE_LOCAL, "Private", &rev_local);

  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 1, &error));
  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_B, 3, &error));
  g_assert_no_error (error);

  /* The same reviews, judged by each plan's own group. */
  add_review (f, GROUP_A, plan_a, rev_a, REVIEWER_A, "approve");
  add_review (f, GROUP_A, plan_a, rev_a, REVIEWER_B, "approve");
  add_review (f, GROUP_B, plan_b, rev_b, REVIEWER_A, "approve");
  add_review (f, GROUP_B, plan_b, rev_b, REVIEWER_B, "approve");
  add_review (f, COMMONS_SCOPE_LOCAL, plan_local, rev_local, REVIEWER_A, "approve");
  add_review (f, COMMONS_SCOPE_LOCAL, plan_local, rev_local, REVIEWER_B, "approve");
  g_assert_cmpint (status_of (f, plan_a), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpint (status_of (f, plan_b), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  g_assert_cmpint (status_of (f, plan_local), ==, COMMONS_REVIEW_STATUS_APPROVED);

  /* A number in the filter still applies to every plan. */
  {
    CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
    g_autoptr(GArray) rows = NULL;

    filter.status = COMMONS_REVIEW_STATUS_APPROVED;
    filter.approvals_needed = 3;
    rows = commons_plan_query (f->store, &filter, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 0);
  }

  /* A new rule in one group moves only that group's plans. */
  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_B, 2, &error));
  g_assert_cmpint (status_of (f, plan_a), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpint (status_of (f, plan_b), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 3, &error));
  g_assert_cmpint (status_of (f, plan_a), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  g_assert_cmpint (status_of (f, plan_b), ==, COMMONS_REVIEW_STATUS_APPROVED);
}

static void
test_group_rule_bad_values (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) r1 = NULL;
  g_autoptr(CommonsRevision) r2 = NULL;
  g_autoptr(CommonsRevision) r3 = NULL;
  g_autoptr(CommonsRevision) r4 = NULL;
  g_autoptr(CommonsRevision) r5 = NULL;

  /* Nothing is written for a number out of range or a private scope. */
  g_assert_false (commons_group_rule_set_approvals (f->store, GROUP_A, 0, &error));
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (commons_group_rule_set_approvals (f->store, GROUP_A, 11, &error));
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (commons_group_rule_set_approvals (f->store, COMMONS_SCOPE_LOCAL, 1, &error));
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (commons_store_count_records (f->store, COMMONS_GROUP_RULE_KIND), ==, 0);

  /* What others send is read leniently: anything but 1 to 10 is the
   * default. */
  r1 = add_rule (f, GROUP_A, NULL, REVIEWER_A, "2026-04-02T08:00:00.000Z", FALSE,
                 json_node_init_int (json_node_alloc (), 0));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 2);
  r2 = add_rule (f, GROUP_A, commons_revision_get_id (r1), REVIEWER_A, "2026-04-02T08:01:00.000Z",
                 FALSE, json_node_init_int (json_node_alloc (), 11));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 2);
  r3 = add_rule (f, GROUP_A, commons_revision_get_id (r2), REVIEWER_A, "2026-04-02T08:02:00.000Z",
                 FALSE, json_node_init_string (json_node_alloc (), "3"));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 2);
  r4 = add_rule (f, GROUP_A, commons_revision_get_id (r3), REVIEWER_A, "2026-04-02T08:03:00.000Z",
                 FALSE, json_node_init_int (json_node_alloc (), 4));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 4);
  /* A deleted rule is no rule; an edit brings it back. */
  r5 = add_rule (f, GROUP_A, commons_revision_get_id (r4), REVIEWER_A, "2026-04-02T08:04:00.000Z",
                 TRUE, json_node_init_int (json_node_alloc (), 4));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 2);
  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 5);
}

static void
test_group_rule_wrong_scope (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) squatter = NULL;

  /* Group A's rule id, stored in group B (from a .commons file, say): it
   * is not group A's rule, nor group B's, and is not edited as one. */
  squatter = add_rule (f, GROUP_B, NULL, REVIEWER_B, "2026-04-02T09:00:00.000Z", FALSE,
                       json_node_init_int (json_node_alloc (), 1));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 2);
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_B), ==, 2);
  g_assert_false (commons_group_rule_set_approvals (f->store, GROUP_A, 1, &error));
  g_assert_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID);
}

static void
test_group_rule_concurrent (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *record = commons_group_rule_dup_record_id (GROUP_A);
  g_autoptr(CommonsRevision) theirs = NULL;
  g_autoptr(CommonsRevision) later = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  JsonObject *fields;

  /* Two members set the rule before either heard of the other: two first
   * revisions of one record, merged as any concurrent edit, the later
   * value standing. Fields this version does not know survive edits. */
  {
    g_autoptr(JsonObject) future = json_object_new ();

    json_object_set_int_member (future, "approvals", 4);
    json_object_set_string_member (future, "future", "kept");
    theirs = add_foreign_revision_in_scope (f, GROUP_A, record, COMMONS_GROUP_RULE_KIND, NULL, REVIEWER_A,
                                            "2026-04-03T08:00:00.000Z", FALSE, future);
  }
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 4);
  later = add_rule (f, GROUP_A, NULL, REVIEWER_B, "2026-04-03T09:00:00.000Z", FALSE,
                    json_node_init_int (json_node_alloc (), 6));
  heads = commons_store_get_heads (f->store, record, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (heads->len, ==, 1);
  g_assert_null (commons_revision_get_author (g_ptr_array_index (heads, 0)));
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 6);

  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (commons_group_rule_get_approvals (f->store, GROUP_A), ==, 7);
  current = commons_store_get_current (f->store, record, &error);
  g_assert_no_error (error);
  fields = commons_revision_get_fields (current);
  g_assert_cmpstr (json_object_get_string_member (fields, "future"), ==, "kept");
  g_assert_cmpuint (commons_store_count_records (f->store, COMMONS_GROUP_RULE_KIND), ==, 1);
}

static void
test_group_rule_two_connections (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) worker = NULL;
  g_autofree char *note = NULL;

  /* The app writes the rule on its own connection while the sync worker
   * writes on another: a write there must not leave this one locked out.
   * Reopened, so the store reads what it keeps about itself first. */
  fixture_reopen (f);
  worker = commons_store_open (f->path, &error);
  g_assert_no_error (error);
  note = commons_store_create_note (worker, "Written elsewhere", "", &error);
  g_assert_no_error (error);
  g_assert_true (commons_group_rule_set_approvals (f->store, GROUP_A, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (commons_group_rule_get_approvals (worker, GROUP_A), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/group-rule/record-id", test_group_rule_record_id);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/group-rule/default", test_group_rule_default);
  ADD ("/group-rule/one", test_group_rule_one);
  ADD ("/group-rule/three", test_group_rule_three);
  ADD ("/group-rule/two-groups", test_group_rule_two_groups);
  ADD ("/group-rule/bad-values", test_group_rule_bad_values);
  ADD ("/group-rule/wrong-scope", test_group_rule_wrong_scope);
  ADD ("/group-rule/concurrent", test_group_rule_concurrent);
  ADD ("/group-rule/two-connections", test_group_rule_two_connections);
#undef ADD

  return g_test_run ();
}
