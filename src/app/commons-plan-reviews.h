/* commons-plan-reviews.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-plan.h"
#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_PLAN_REVIEWS (commons_plan_reviews_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlanReviews, commons_plan_reviews, COMMONS, PLAN_REVIEWS, GtkWidget)

void commons_plan_reviews_set_plan (CommonsPlanReviews *self,
                                    CommonsStore       *store,
                                    CommonsPlan        *plan);
void commons_plan_reviews_review   (CommonsPlanReviews *self);

G_END_DECLS
