/* commons-group-sync-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_GROUP_SYNC_ROW (commons_group_sync_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsGroupSyncRow, commons_group_sync_row, COMMONS, GROUP_SYNC_ROW, AdwActionRow)

void commons_group_sync_row_set_group (CommonsGroupSyncRow *self,
                                       CommonsSyncManager  *manager,
                                       const CommonsGroup  *group);
void commons_group_sync_row_update    (CommonsGroupSyncRow *self);

G_END_DECLS
