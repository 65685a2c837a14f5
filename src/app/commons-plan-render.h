/* commons-plan-render.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "commons-plan.h"

G_BEGIN_DECLS

/**
 * CommonsPlanRenderStyle:
 * @COMMONS_PLAN_RENDER_SCREEN: the plan as the page shows it, with where
 *   it is shared, its license explained and its credit
 * @COMMONS_PLAN_RENDER_PAPER: the teacher's sheet: items to tick, when
 *   each activity starts and ends, the license in small type
 *
 * How commons_plan_render_markup() sets a plan out.
 */
typedef enum
{
  COMMONS_PLAN_RENDER_SCREEN,
  COMMONS_PLAN_RENDER_PAPER,
} CommonsPlanRenderStyle;

char *commons_plan_render_markup (CommonsPlan            *plan,
                                  CommonsPlanRenderStyle  style,
                                  const char             *where,
                                  const char             *license_note);
char *commons_plan_render_total  (guint                   minutes);

G_END_DECLS
