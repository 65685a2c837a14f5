/* test-sync-rule.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A group's approval rule travels through a real commons-server like any
 * record, and each replica derives its plans' review status from it.
 */

#include "config.h"

#include "commons-group-rule.h"
#include "commons-plan-query.h"
#include "commons-plan.h"
#include "commons-review-summary.h"
#include "sync-fixture.h"

/* Syncs @replica; returns how many of its revisions the server refused. */
static guint
sync_replica (Replica    *replica,
              const char *group)
{
  g_autoptr(GError) error = NULL;
  CommonsSyncStats stats = { 0 };

  commons_sync_client_sync (replica->client, group, NULL, NULL, &stats, NULL, &error);
  g_assert_no_error (error);
  return stats.rejected;
}

/* The plan's status as its page and as the plan list derive it, which
 * must agree. */
static CommonsReviewStatus
status_of (Replica    *replica,
           const char *plan)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = commons_store_get_scope (replica->store, plan, &error);
  g_autoptr(CommonsReviewSummary) summary = NULL;
  CommonsReviewStatus status;
  guint listed = 0;

  g_assert_no_error (error);
  summary = commons_review_summary_load (replica->store, plan,
                                         commons_group_rule_get_approvals (replica->store, scope),
                                         &error);
  g_assert_no_error (error);
  status = commons_review_summary_get_status (summary);

  /* One plan in these stores. */
  for (int s = COMMONS_REVIEW_STATUS_DRAFT; s <= COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL; s++)
    {
      CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
      g_autoptr(GArray) rows = NULL;

      filter.status = s;
      rows = commons_plan_query (replica->store, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, <=, 1);
      if (rows->len == 1)
        {
          g_assert_cmpint (s, ==, status);
          listed++;
        }
    }
  g_assert_cmpuint (listed, ==, 1);
  return status;
}

static void
set_rule (Replica    *replica,
          const char *group,
          guint       n)
{
  g_autoptr(GError) error = NULL;

  commons_group_rule_set_approvals (replica->store, group, n, &error);
  g_assert_no_error (error);
  /* Revision times have millisecond steps: keep the order of writes on
   * different replicas unambiguous. */
  g_usleep (5000);
}

static void
test_rule_sync (void)
{
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  Replica replicas[3] = { { 0 } };
  g_autofree char *group = NULL;
  g_autofree char *rule_id = NULL;
  g_autofree char *first = NULL;
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsReview) review = NULL;
  const char *record;

  server_init (&server);
  server_start (&server);
  for (guint i = 0; i < G_N_ELEMENTS (replicas); i++)
    replica_open (&replicas[i], server.root, i);
  /* Replica 0 is the organizer; 1 writes a plan, 2 reviews it. */
  group = make_group (&server, replicas, G_N_ELEMENTS (replicas));
  rule_id = commons_group_rule_dup_record_id (group);

  plan = commons_plan_new ();
  commons_plan_set_title (plan, "Fractions with paper strips");
  commons_plan_set_scope (plan, group);
  commons_plan_save (plan, replicas[1].store, &error);
  g_assert_no_error (error);
  record = commons_plan_get_record (plan);
  sync_replica (&replicas[1], group);
  sync_replica (&replicas[2], group);

  review = commons_review_new (record, commons_plan_get_revision (plan));
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  commons_review_save (review, replicas[2].store, &error);
  g_assert_no_error (error);
  sync_replica (&replicas[2], group);
  sync_replica (&replicas[1], group);

  /* No rule yet: one approval of two. */
  g_assert_cmpuint (commons_group_rule_get_approvals (replicas[1].store, group), ==, 2);
  g_assert_cmpint (status_of (&replicas[1], record), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  /* A member who is not an organizer cannot change the rule: the server
   * refuses it, and nobody else sees it. */
  set_rule (&replicas[2], group, 4);
  g_assert_cmpuint (sync_replica (&replicas[2], group), ==, 1);
  sync_replica (&replicas[1], group);
  g_assert_cmpuint (commons_group_rule_get_approvals (replicas[1].store, group), ==, 2);
  g_assert_cmpint (status_of (&replicas[1], record), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  /* The organizer sets it, later: it reaches everyone, and on the member's
   * device it stands over the refused one. */
  sync_replica (&replicas[0], group);
  set_rule (&replicas[0], group, 1);
  g_assert_cmpint (status_of (&replicas[0], record), ==, COMMONS_REVIEW_STATUS_APPROVED);
  g_assert_cmpint (status_of (&replicas[1], record), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (replicas); i++)
      sync_replica (&replicas[i], group);

  first = replica_digest (&replicas[0]);
  for (guint i = 0; i < G_N_ELEMENTS (replicas); i++)
    {
      g_autofree char *digest = replica_digest (&replicas[i]);
      g_autoptr(GPtrArray) heads = commons_store_get_heads (replicas[i].store, rule_id, &error);

      g_assert_no_error (error);
      /* The member's device also holds the version the server refused. */
      if (i != 2)
        g_assert_cmpstr (digest, ==, first);
      g_assert_cmpuint (heads->len, ==, 1);
      g_assert_cmpuint (commons_store_count_records (replicas[i].store, COMMONS_GROUP_RULE_KIND), ==, 1);
      g_assert_cmpuint (commons_group_rule_get_approvals (replicas[i].store, group), ==, 1);
      /* The rule that came in changed the status there. */
      g_assert_cmpint (status_of (&replicas[i], record), ==, COMMONS_REVIEW_STATUS_APPROVED);
    }

  /* An edit of the rule, now a shared record, reaches the others too. */
  set_rule (&replicas[0], group, 3);
  sync_replica (&replicas[0], group);
  sync_replica (&replicas[1], group);
  g_assert_cmpuint (commons_group_rule_get_approvals (replicas[1].store, group), ==, 3);
  g_assert_cmpint (status_of (&replicas[1], record), ==, COMMONS_REVIEW_STATUS_IN_REVIEW);

  for (guint i = 0; i < G_N_ELEMENTS (replicas); i++)
    replica_close (&replicas[i]);
  server_clear (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

  if (g_getenv ("COMMONS_SERVER") == NULL)
    {
      g_printerr ("COMMONS_SERVER is not set\n");
      return 1;
    }

  g_test_add_func ("/sync/group-rule", test_rule_sync);

  return g_test_run ();
}
