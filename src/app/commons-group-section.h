/* commons-group-section.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_GROUP_SECTION (commons_group_section_get_type ())

G_DECLARE_FINAL_TYPE (CommonsGroupSection, commons_group_section, COMMONS, GROUP_SECTION, AdwPreferencesGroup)

GtkWidget          *commons_group_section_new       (CommonsSyncManager  *manager,
                                                     const CommonsGroup  *group);
const CommonsGroup *commons_group_section_get_group (CommonsGroupSection *self);
void                commons_group_section_refresh   (CommonsGroupSection *self);

G_END_DECLS
