/* commons-history-dialog.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"
#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_HISTORY_DIALOG (commons_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommonsHistoryDialog, commons_history_dialog, COMMONS, HISTORY_DIALOG, AdwWindow)

CommonsHistoryDialog *commons_history_dialog_new (GtkWindow          *parent,
                                                  CommonsStore       *store,
                                                  CommonsSyncManager *manager,
                                                  const char         *record);

G_END_DECLS
