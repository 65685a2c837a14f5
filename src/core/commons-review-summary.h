/* commons-review-summary.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "commons-review.h"
#include "commons-store.h"

G_BEGIN_DECLS

/* A plan's reviews, their averages and the status derived from them.
 *
 * The status rule. Reviews are records of kind "review" that are not
 * deleted and name the plan. A review's reviewer is the author of its
 * first revision. Reviews by the plan's creator (the author of the plan's
 * first revision) never count. For each reviewer and each plan revision,
 * only that reviewer's latest review of that revision counts (latest by
 * when the review was first written, then by record id): a new review
 * supersedes the reviewer's earlier one of the same version. approvals(R)
 * is the number of distinct reviewers whose counting review of revision R
 * approves. With N the approvals the plan's group requires, its rule
 * (commons-group-rule.h; default %COMMONS_REVIEW_DEFAULT_APPROVALS):
 *
 * - DRAFT: no counting review of any revision;
 * - APPROVED: approvals(H) >= N for H, the plan's displayed head;
 * - CHANGED_SINCE_APPROVAL: not approved, but approvals(R) >= N for some
 *   other revision R; the approved revision is the latest such R (by
 *   revision time);
 * - IN_REVIEW: otherwise.
 *
 * Averages and verdict counts are over each reviewer's latest review of
 * the plan, whatever revision it reviewed, with not-applicable scores left
 * out. commons_plan_query() filters on the same rule in SQL. */

#define COMMONS_TYPE_REVIEW_SUMMARY (commons_review_summary_get_type ())

G_DECLARE_FINAL_TYPE (CommonsReviewSummary, commons_review_summary, COMMONS, REVIEW_SUMMARY, GObject)

CommonsReviewSummary *commons_review_summary_load               (CommonsStore         *store,
                                                                 const char           *plan,
                                                                 guint                 approvals_needed,
                                                                 GError              **error);
GPtrArray            *commons_review_summary_get_reviews        (CommonsReviewSummary *self);
CommonsReviewStatus   commons_review_summary_get_status         (CommonsReviewSummary *self);
const char           *commons_review_summary_get_approved_revision (CommonsReviewSummary *self);
const char           *commons_review_summary_get_head           (CommonsReviewSummary *self);
guint                 commons_review_summary_get_approvals      (CommonsReviewSummary *self);
guint                 commons_review_summary_get_approvals_needed (CommonsReviewSummary *self);
guint                 commons_review_summary_get_n_reviewers    (CommonsReviewSummary *self);
guint                 commons_review_summary_get_n_verdicts     (CommonsReviewSummary *self,
                                                                 CommonsVerdict        verdict);
double                commons_review_summary_get_average        (CommonsReviewSummary *self,
                                                                 const char           *criterion,
                                                                 guint                *n_scores);

G_END_DECLS
