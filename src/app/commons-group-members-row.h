/* commons-group-members-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_GROUP_MEMBERS_ROW (commons_group_members_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsGroupMembersRow, commons_group_members_row, COMMONS, GROUP_MEMBERS_ROW, AdwExpanderRow)

void commons_group_members_row_set_group (CommonsGroupMembersRow *self,
                                          CommonsSyncManager     *manager,
                                          const CommonsGroup     *group);
void commons_group_members_row_update    (CommonsGroupMembersRow *self);

G_END_DECLS
