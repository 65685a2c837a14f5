/* commons-plan-item.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_PLAN_ITEM (commons_plan_item_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlanItem, commons_plan_item, COMMONS, PLAN_ITEM, GObject)

CommonsPlanItem *commons_plan_item_new       (const char      *text);
const char      *commons_plan_item_get_text  (CommonsPlanItem *self);
void             commons_plan_item_set_text  (CommonsPlanItem *self,
                                              const char      *text);
GStrv            commons_plan_items_dup_strv (GListModel      *items);

G_END_DECLS
