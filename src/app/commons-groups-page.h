/* commons-groups-page.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-page.h"

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_GROUPS_PAGE (commons_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (CommonsGroupsPage, commons_groups_page, COMMONS, GROUPS_PAGE, CommonsPage)

void commons_groups_page_join_link   (CommonsGroupsPage  *self,
                                      const char         *link);
void commons_groups_page_set_manager (CommonsGroupsPage  *self,
                                      CommonsSyncManager *manager);

G_END_DECLS
