/* commons-member-profile.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_MEMBER_PROFILE (commons_member_profile_get_type ())

G_DECLARE_FINAL_TYPE (CommonsMemberProfile, commons_member_profile, COMMONS, MEMBER_PROFILE, AdwWindow)

GtkWidget *commons_member_profile_new        (GtkWindow          *parent,
                                              CommonsSyncManager *manager,
                                              const char         *group,
                                              const char         *person,
                                              const char         *name);
void       commons_member_profile_add_button (AdwActionRow       *row,
                                              CommonsSyncManager *manager,
                                              const char         *group,
                                              JsonObject         *member);

G_END_DECLS
