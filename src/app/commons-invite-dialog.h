/* commons-invite-dialog.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_INVITE_DIALOG (commons_invite_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommonsInviteDialog, commons_invite_dialog, COMMONS, INVITE_DIALOG, AdwWindow)

GtkWidget *commons_invite_dialog_new (GtkWindow          *parent,
                                      CommonsSyncManager *manager,
                                      const char         *group);

G_END_DECLS
