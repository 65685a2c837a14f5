/* commons-group-dialog.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_GROUP_DIALOG (commons_group_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommonsGroupDialog, commons_group_dialog, COMMONS, GROUP_DIALOG, AdwWindow)

GtkWidget *commons_group_dialog_new (GtkWindow          *parent,
                                     CommonsSyncManager *manager,
                                     gboolean            join);
void       commons_group_dialog_set_link (CommonsGroupDialog *self,
                                          const char         *link);

G_END_DECLS
