/* commons-plan-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "commons-record-list.h"
#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_PLAN_ROW (commons_plan_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlanRow, commons_plan_row, COMMONS, PLAN_ROW, GtkBox)

GtkWidget            *commons_plan_row_new              (void);
CommonsRecordSummary *commons_plan_row_get_summary      (CommonsPlanRow       *self);
void                  commons_plan_row_set_summary      (CommonsPlanRow       *self,
                                                         CommonsRecordSummary *summary);
CommonsStore         *commons_plan_row_get_store        (CommonsPlanRow       *self);
void                  commons_plan_row_set_store        (CommonsPlanRow       *self,
                                                         CommonsStore         *store);
CommonsSyncManager   *commons_plan_row_get_sync_manager (CommonsPlanRow       *self);
void                  commons_plan_row_set_sync_manager (CommonsPlanRow       *self,
                                                         CommonsSyncManager   *manager);
gboolean              commons_plan_row_get_show_match   (CommonsPlanRow       *self);
void                  commons_plan_row_set_show_match   (CommonsPlanRow       *self,
                                                         gboolean              show_match);

G_END_DECLS
