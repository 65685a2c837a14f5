/* commons-import-dialog.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_IMPORT_DIALOG (commons_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CommonsImportDialog, commons_import_dialog, COMMONS, IMPORT_DIALOG, AdwWindow)

GtkWidget *commons_import_dialog_new (GtkWindow     *parent,
                                      CommonsStore  *store,
                                      GFile        **files,
                                      guint          n_files);

G_END_DECLS
