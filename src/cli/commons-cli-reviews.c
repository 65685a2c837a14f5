/* commons-cli-reviews.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-cli-private.h"
#include "commons-group-rule.h"
#include "commons-plan.h"
#include "commons-record-list.h"
#include "commons-review-query.h"
#include "commons-review-summary.h"
#include "commons-review.h"

/* Reviews with the rubric, as the review editor writes them. */

static char *opt_plan;
static char **opt_scores;
static char *opt_verdict;
static char *opt_comment;

static const GOptionEntry add_options[] = {
  { "plan", 0, 0, G_OPTION_ARG_STRING, &opt_plan, N_("The plan to review; its current version is the one reviewed"), N_("ID") },
  { "score", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_scores, N_("A criterion’s score from 0 to 3, or na (repeat for each criterion)"), N_("CRITERION=N") },
  { "verdict", 0, 0, G_OPTION_ARG_STRING, &opt_verdict, N_("approve, or changes to suggest changes"), N_("VERDICT") },
  { "comment", 0, 0, G_OPTION_ARG_STRING, &opt_comment, N_("What you would say to the plan’s author"), N_("TEXT") },
  { NULL }
};

static const GOptionEntry edit_options[] = {
  { "score", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_scores, N_("A criterion’s score from 0 to 3, or na (repeat for each criterion)"), N_("CRITERION=N") },
  { "verdict", 0, 0, G_OPTION_ARG_STRING, &opt_verdict, N_("approve, or changes to suggest changes"), N_("VERDICT") },
  { "comment", 0, 0, G_OPTION_ARG_STRING, &opt_comment, N_("What you would say to the plan’s author"), N_("TEXT") },
  { NULL }
};

static const GOptionEntry list_options[] = {
  { "plan", 0, 0, G_OPTION_ARG_STRING, &opt_plan, N_("The reviews of this plan, with its status (default: the reviews you wrote)"), N_("ID") },
  { NULL }
};

static const char *
status_to_string (CommonsReviewStatus status)
{
  switch (status)
    {
    case COMMONS_REVIEW_STATUS_IN_REVIEW:
      return "in-review";
    case COMMONS_REVIEW_STATUS_APPROVED:
      return "approved";
    case COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL:
      return "changed-since-approval";
    case COMMONS_REVIEW_STATUS_DRAFT:
    default:
      return "draft";
    }
}

/* The options given, checked before anything is written. */
static gboolean
apply_options (CommonsReview  *review,
               GError        **error)
{
  if (opt_verdict != NULL)
    {
      CommonsVerdict verdict = commons_verdict_from_string (opt_verdict);

      if (verdict == COMMONS_VERDICT_NONE)
        return commons_cli_usage_error (error, _("--verdict is approve or changes, not “%s”"), opt_verdict);
      commons_review_set_verdict (review, verdict);
    }
  for (guint i = 0; opt_scores != NULL && opt_scores[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (opt_scores[i], "=", 2);
      guint64 score = 0;

      if (g_strv_length (parts) != 2)
        return commons_cli_usage_error (error, _("“%s” is not a score: write CRITERION=N"), opt_scores[i]);
      if (commons_rubric_lookup (parts[0]) == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);
          const CommonsRubricCriterion *criteria;
          guint n = 0;

          criteria = commons_rubric_get_default (&n);
          for (guint c = 0; c < n; c++)
            g_string_append_printf (known, "%s%s", c > 0 ? ", " : "", criteria[c].id);
          return commons_cli_usage_error (error, _("No criterion is called “%s”; the rubric has %s"),
                                          parts[0], known->str);
        }
      if (g_str_equal (parts[1], "na"))
        commons_review_set_score (review, parts[0], COMMONS_REVIEW_NOT_APPLICABLE);
      else if (g_ascii_string_to_unsigned (parts[1], 10, 0, COMMONS_REVIEW_MAX_SCORE, &score, NULL))
        commons_review_set_score (review, parts[0], (int) score);
      else
        return commons_cli_usage_error (error, _("A score is from 0 to %d, or na, not “%s”"),
                                        COMMONS_REVIEW_MAX_SCORE, parts[1]);
    }
  if (opt_comment != NULL)
    commons_review_set_comment (review, opt_comment);
  return TRUE;
}

static void
add_review (JsonBuilder   *builder,
            CommonsReview *review)
{
  const CommonsRubricCriterion *criteria;
  guint n = 0;

  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", commons_review_get_record (review));
  commons_cli_add_string (builder, "revision", commons_review_get_revision (review));
  commons_cli_add_string (builder, "plan", commons_review_get_plan (review));
  commons_cli_add_string (builder, "plan_revision", commons_review_get_plan_revision (review));
  commons_cli_add_string (builder, "reviewer", commons_review_get_reviewer (review));
  commons_cli_add_string (builder, "created", commons_review_get_created (review));
  commons_cli_add_string (builder, "verdict", commons_verdict_to_string (commons_review_get_verdict (review)));
  commons_cli_add_string (builder, "comment", commons_review_get_comment (review));
  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  criteria = commons_rubric_get_default (&n);
  for (guint c = 0; c < n; c++)
    {
      int score = commons_review_get_score (review, criteria[c].id);

      json_builder_set_member_name (builder, criteria[c].id);
      if (score == COMMONS_REVIEW_NOT_APPLICABLE)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, score);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
print_review_line (CommonsReview *review)
{
  const char *verdict = commons_verdict_to_string (commons_review_get_verdict (review));

  g_print ("%s\t%s\t%s\t%s\n", commons_review_get_record (review),
           commons_review_get_plan (review), verdict != NULL ? verdict : "",
           commons_review_get_comment (review) != NULL ? commons_review_get_comment (review) : "");
}

static void
print_review (CommonsCli    *cli,
              CommonsReview *review)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_review (builder, review);
      commons_cli_print_builder (builder);
    }
  else
    g_print ("%s\n", commons_review_get_record (review));
}

static gboolean
review_add (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(CommonsRevision) plan = NULL;
  g_autoptr(CommonsReview) review = NULL;

  if (opt_plan == NULL || opt_verdict == NULL)
    return commons_cli_usage_error (error, _("review add needs --plan and --verdict"));
  plan = commons_cli_load_record (cli, opt_plan, COMMONS_PLAN_KIND, TRUE, error);
  if (plan == NULL)
    return FALSE;
  review = commons_review_new (opt_plan, commons_revision_get_id (plan));
  if (!apply_options (review, error) || !commons_review_save (review, cli->store, error))
    return FALSE;
  print_review (cli, review);
  return TRUE;
}

static gboolean
review_edit (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsReview) review = NULL;

  if (opt_scores == NULL && opt_verdict == NULL && opt_comment == NULL)
    return commons_cli_usage_error (error, _("review edit needs --score, --verdict or --comment"));
  current = commons_cli_load_record (cli, args[0], COMMONS_REVIEW_KIND, TRUE, error);
  if (current == NULL)
    return FALSE;
  review = commons_review_load (cli->store, args[0], error);
  if (review == NULL || !commons_review_can_edit (review, cli->store, error) ||
      !apply_options (review, error) || !commons_review_save (review, cli->store, error))
    return FALSE;
  print_review (cli, review);
  return TRUE;
}

static gboolean
list_plan_reviews (CommonsCli  *cli,
                   GError     **error)
{
  g_autoptr(CommonsRevision) plan = NULL;
  g_autoptr(CommonsReviewSummary) summary = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *scope = NULL;
  GPtrArray *reviews;

  plan = commons_cli_load_record (cli, opt_plan, COMMONS_PLAN_KIND, TRUE, error);
  if (plan == NULL)
    return FALSE;
  scope = commons_store_get_scope (cli->store, opt_plan, error);
  if (scope == NULL)
    return FALSE;
  summary = commons_review_summary_load (cli->store, opt_plan,
                                         commons_group_rule_get_approvals (cli->store, scope), error);
  if (summary == NULL)
    return FALSE;
  reviews = commons_review_summary_get_reviews (summary);

  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "plan", opt_plan);
  commons_cli_add_string (builder, "status", status_to_string (commons_review_summary_get_status (summary)));
  json_builder_set_member_name (builder, "approvals");
  json_builder_add_int_value (builder, commons_review_summary_get_approvals (summary));
  json_builder_set_member_name (builder, "approvals_needed");
  json_builder_add_int_value (builder, commons_review_summary_get_approvals_needed (summary));
  json_builder_set_member_name (builder, "reviews");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reviews->len; i++)
    {
      CommonsReview *review = g_ptr_array_index (reviews, i);

      if (cli->json)
        add_review (builder, review);
      else
        print_review_line (review);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  else
    /* Translators: a plan's review status, then approvals given and needed. */
    g_print (_("Status: %s (%u of %u approvals)\n"),
             commons_review_status_get_name (commons_review_summary_get_status (summary)),
             commons_review_summary_get_approvals (summary),
             commons_review_summary_get_approvals_needed (summary));
  return TRUE;
}

static gboolean
review_list (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (opt_plan != NULL)
    return list_plan_reviews (cli, error);

  rows = commons_review_query_written (cli->store, error);
  if (rows == NULL)
    return FALSE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "reviews");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CommonsRecordSummary) summary =
        commons_record_summary_load (cli->store, g_array_index (rows, gint64, i), NULL);
      g_autoptr(CommonsReview) review = NULL;

      if (summary != NULL)
        review = commons_review_load (cli->store, commons_record_summary_get_id (summary), NULL);
      if (review == NULL)
        continue;
      if (cli->json)
        add_review (builder, review);
      else
        print_review_line (review);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

const CommonsCliCommand commons_cli_review_commands[] = {
  { "review", "add", "", N_("Review a plan with the rubric"), add_options, 0, 0, review_add },
  { "review", "list", "", N_("List a plan’s reviews, or the reviews you wrote"), list_options, 0, 0, review_list },
  { "review", "edit", N_("ID"), N_("Change a review you wrote"), edit_options, 1, 1, review_edit },
  { NULL }
};
