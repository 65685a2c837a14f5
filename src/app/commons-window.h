/* commons-window.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-application.h"
#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_WINDOW (commons_window_get_type ())

G_DECLARE_FINAL_TYPE (CommonsWindow, commons_window, COMMONS, WINDOW, AdwApplicationWindow)

CommonsWindow *commons_window_new (CommonsApplication *application,
                                   CommonsStore       *store,
                                   gint64              started);

void           commons_window_import_files (CommonsWindow  *self,
                                           GFile         **files,
                                           guint           n_files);
void           commons_window_join_link    (CommonsWindow  *self,
                                           const char     *link);
void           commons_window_show_item    (CommonsWindow  *self,
                                           const char     *kind,
                                           const char     *record);

G_END_DECLS
