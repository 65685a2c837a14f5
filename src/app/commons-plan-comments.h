/* commons-plan-comments.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-plan.h"
#include "commons-store.h"
#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_PLAN_COMMENTS (commons_plan_comments_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlanComments, commons_plan_comments, COMMONS, PLAN_COMMENTS, GtkWidget)

void commons_plan_comments_set_plan    (CommonsPlanComments *self,
                                        CommonsStore        *store,
                                        CommonsSyncManager  *manager,
                                        CommonsPlan         *plan);
void commons_plan_comments_focus       (CommonsPlanComments *self);

G_END_DECLS
