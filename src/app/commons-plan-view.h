/* commons-plan-view.h
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

#define COMMONS_TYPE_PLAN_VIEW (commons_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlanView, commons_plan_view, COMMONS, PLAN_VIEW, AdwBin)

void commons_plan_view_set_plan       (CommonsPlanView    *self,
                                       CommonsStore       *store,
                                       CommonsSyncManager *manager,
                                       CommonsPlan        *plan);
void commons_plan_view_focus_comments (CommonsPlanView    *self);

G_END_DECLS
