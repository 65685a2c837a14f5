/* commons-review.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_REVIEW_ERROR (commons_review_error_quark ())

typedef enum
{
  COMMONS_REVIEW_ERROR_INVALID,
  COMMONS_REVIEW_ERROR_NOT_A_REVIEW,
  COMMONS_REVIEW_ERROR_SELF_REVIEW,
  COMMONS_REVIEW_ERROR_NOT_AUTHOR,
  COMMONS_REVIEW_ERROR_WRONG_REVISION,
} CommonsReviewError;

#define COMMONS_REVIEW_KIND "review"

/* Scores run from 0 to COMMONS_REVIEW_MAX_SCORE; NOT_APPLICABLE is stored
 * as null and left out of averages. */
#define COMMONS_REVIEW_MAX_SCORE 3
#define COMMONS_REVIEW_NOT_APPLICABLE (-1)

/* A group's approval rule when it sets none. */
#define COMMONS_REVIEW_DEFAULT_APPROVALS 2

typedef enum
{
  COMMONS_VERDICT_NONE,
  COMMONS_VERDICT_APPROVE,
  COMMONS_VERDICT_CHANGES,
} CommonsVerdict;

/* A plan's review status, derived from its reviews, never stored. See
 * commons-review-summary.h for the exact rule. */
typedef enum
{
  COMMONS_REVIEW_STATUS_DRAFT,
  COMMONS_REVIEW_STATUS_IN_REVIEW,
  COMMONS_REVIEW_STATUS_APPROVED,
  COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL,
} CommonsReviewStatus;

const char       *commons_review_status_get_name (CommonsReviewStatus status);
const char       *commons_verdict_to_string      (CommonsVerdict      verdict);
CommonsVerdict    commons_verdict_from_string    (const char         *verdict);

/* The rubric: criteria with a descriptor for each score. */
typedef struct
{
  const char *id;
  const char *name;
  const char *levels[COMMONS_REVIEW_MAX_SCORE + 1];
} CommonsRubricCriterion;

const CommonsRubricCriterion *commons_rubric_get_default     (guint                         *n_criteria);
const CommonsRubricCriterion *commons_rubric_lookup          (const char                    *id);
const char                   *commons_rubric_criterion_get_name       (const CommonsRubricCriterion *criterion);
const char                   *commons_rubric_criterion_get_descriptor (const CommonsRubricCriterion *criterion,
                                                                       guint                         score);

#define COMMONS_TYPE_REVIEW (commons_review_get_type ())

G_DECLARE_FINAL_TYPE (CommonsReview, commons_review, COMMONS, REVIEW, GObject)

GQuark            commons_review_error_quark      (void);

CommonsReview    *commons_review_new              (const char     *plan,
                                                   const char     *plan_revision);
CommonsReview    *commons_review_new_from_fields  (JsonObject     *fields,
                                                   GError        **error);
JsonObject       *commons_review_to_fields        (CommonsReview  *self);

const char       *commons_review_get_record       (CommonsReview  *self);
const char       *commons_review_get_revision     (CommonsReview  *self);
const char       *commons_review_get_reviewer     (CommonsReview  *self);
const char       *commons_review_get_created      (CommonsReview  *self);
const char       *commons_review_get_plan         (CommonsReview  *self);
const char       *commons_review_get_plan_revision (CommonsReview *self);
CommonsVerdict    commons_review_get_verdict      (CommonsReview  *self);
void              commons_review_set_verdict      (CommonsReview  *self,
                                                   CommonsVerdict  verdict);
const char       *commons_review_get_comment      (CommonsReview  *self);
void              commons_review_set_comment      (CommonsReview  *self,
                                                   const char     *comment);
int               commons_review_get_score        (CommonsReview  *self,
                                                   const char     *criterion);
void              commons_review_set_score        (CommonsReview  *self,
                                                   const char     *criterion,
                                                   int             score);
const char       *commons_review_get_criterion_comment (CommonsReview *self,
                                                        const char    *criterion);
void              commons_review_set_criterion_comment (CommonsReview *self,
                                                        const char    *criterion,
                                                        const char    *comment);
gboolean          commons_review_validate         (CommonsReview  *self,
                                                   GError        **error);

CommonsReview    *commons_review_load             (CommonsStore   *store,
                                                   const char     *record,
                                                   GError        **error);
gboolean          commons_review_save             (CommonsReview  *self,
                                                   CommonsStore   *store,
                                                   GError        **error);
gboolean          commons_review_can_review       (CommonsStore   *store,
                                                   const char     *plan,
                                                   GError        **error);
gboolean          commons_review_can_edit         (CommonsReview  *self,
                                                   CommonsStore   *store,
                                                   GError        **error);

G_END_DECLS
