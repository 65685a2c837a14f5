/* commons-activity-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-plan.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_ACTIVITY_ROW (commons_activity_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsActivityRow, commons_activity_row, COMMONS, ACTIVITY_ROW, AdwExpanderRow)

GtkWidget       *commons_activity_row_new          (CommonsActivity    *activity);
CommonsActivity *commons_activity_row_get_activity (CommonsActivityRow *self);
void             commons_activity_row_set_place    (CommonsActivityRow *self,
                                                    guint               position,
                                                    guint               n_activities);
void             commons_activity_row_focus_title  (CommonsActivityRow *self);

G_END_DECLS
