/* commons-share-dialog.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_SHARE_DIALOG (commons_share_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommonsShareDialog, commons_share_dialog, COMMONS, SHARE_DIALOG, AdwWindow)

GtkWidget *commons_share_dialog_new (GtkWindow          *parent,
                                     CommonsSyncManager *manager,
                                     const char         *group,
                                     const char         *kind);

G_END_DECLS
