/* commons-plan-query.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-review.h"
#include "commons-store.h"

G_BEGIN_DECLS

typedef enum
{
  COMMONS_PLAN_SORT_UPDATED,
  COMMONS_PLAN_SORT_TITLE,
} CommonsPlanSort;

typedef enum
{
  COMMONS_PLAN_COLUMN_SUBJECT,
  COMMONS_PLAN_COLUMN_LEVEL,
  COMMONS_PLAN_COLUMN_LANGUAGE,
} CommonsPlanColumn;

/* What the plan list shows. NULL strings and a negative status match
 * everything. approvals_needed 0 derives each plan's status with its own
 * group's rule (commons_group_rule_get_approvals()); another number
 * applies to every plan. */
typedef struct
{
  const char      *subject;
  const char      *level;
  const char      *language;
  const char      *scope;
  const char      *search;
  int              status;
  guint            approvals_needed;
  CommonsPlanSort  sort;
} CommonsPlanFilter;

#define COMMONS_PLAN_FILTER_INIT { NULL, NULL, NULL, NULL, NULL, -1, 0, COMMONS_PLAN_SORT_UPDATED }

GArray   *commons_plan_query         (CommonsStore             *store,
                                      const CommonsPlanFilter  *filter,
                                      GError                  **error);
void      commons_plan_query_warm_async  (CommonsStore        *store,
                                          guint                approvals_needed,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  commons_plan_query_warm_finish (CommonsStore        *store,
                                          GAsyncResult        *result,
                                          GError             **error);
char    **commons_plan_list_values   (CommonsStore             *store,
                                      CommonsPlanColumn         column,
                                      GError                  **error);

G_END_DECLS
