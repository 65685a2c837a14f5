/* commons-plan-editor.h
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

#define COMMONS_TYPE_PLAN_EDITOR (commons_plan_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlanEditor, commons_plan_editor, COMMONS, PLAN_EDITOR, AdwBin)

void         commons_plan_editor_set_plan    (CommonsPlanEditor *self,
                                              CommonsStore      *store,
                                              CommonsPlan       *plan);
CommonsPlan *commons_plan_editor_get_plan    (CommonsPlanEditor *self);
void         commons_plan_editor_commit      (CommonsPlanEditor *self);
void         commons_plan_editor_focus_title (CommonsPlanEditor *self);

G_END_DECLS
