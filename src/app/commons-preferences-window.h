/* commons-preferences-window.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_PREFERENCES_WINDOW (commons_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPreferencesWindow, commons_preferences_window, COMMONS, PREFERENCES_WINDOW, AdwPreferencesWindow)

CommonsPreferencesWindow *commons_preferences_window_new (GtkWindow *parent,
                                                          GSettings *settings);
void                      commons_preferences_window_set_store (CommonsPreferencesWindow *self,
                                                                CommonsStore             *store);

G_END_DECLS
