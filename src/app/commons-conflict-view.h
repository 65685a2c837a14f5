/* commons-conflict-view.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_CONFLICT_VIEW (commons_conflict_view_get_type ())

G_DECLARE_FINAL_TYPE (CommonsConflictView, commons_conflict_view, COMMONS, CONFLICT_VIEW, AdwWindow)

GtkWidget *commons_conflict_view_new (GtkWindow          *parent,
                                      CommonsSyncManager *manager,
                                      const char         *record);

G_END_DECLS
