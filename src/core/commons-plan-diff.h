/* commons-plan-diff.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-plan.h"

G_BEGIN_DECLS

typedef enum
{
  COMMONS_PLAN_CHANGE_MODIFIED,
  COMMONS_PLAN_CHANGE_ADDED,
  COMMONS_PLAN_CHANGE_REMOVED,
} CommonsPlanChangeKind;

/* One difference between two versions of a plan. List items (objectives,
 * materials, activities) are aligned by a line diff over the items, so an
 * inserted item shows as one ADDED change, not as every later item
 * changed; items replaced in place pair up as MODIFIED. An activity that
 * changed gives one change per part that differs. Long text (summary,
 * assessment, accessibility, activity instructions) carries its line diff
 * in hunks, over old_lines and new_lines. */
typedef struct
{
  char                  *field;
  char                  *part;
  int                    old_index;
  int                    new_index;
  CommonsPlanChangeKind  kind;
  char                  *old_value;
  char                  *new_value;
  GArray                *hunks;
  char                 **old_lines;
  char                 **new_lines;
} CommonsPlanChange;

#define COMMONS_TYPE_PLAN_CHANGE (commons_plan_change_get_type ())

GType                commons_plan_change_get_type   (void) G_GNUC_CONST;
CommonsPlanChange   *commons_plan_change_copy       (const CommonsPlanChange *self);
void                 commons_plan_change_free       (CommonsPlanChange       *self);

GPtrArray           *commons_plan_diff              (CommonsPlan             *old_plan,
                                                     CommonsPlan             *new_plan);
GPtrArray           *commons_plan_diff_revisions    (CommonsStore            *store,
                                                     const char              *old_revision,
                                                     const char              *new_revision,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsPlanChange, commons_plan_change_free)

G_END_DECLS
