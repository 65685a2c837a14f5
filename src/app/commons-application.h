/* commons-application.h
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

#define COMMONS_TYPE_APPLICATION (commons_application_get_type ())

G_DECLARE_FINAL_TYPE (CommonsApplication, commons_application, COMMONS, APPLICATION, AdwApplication)

CommonsApplication *commons_application_new          (gint64              started);
CommonsStore       *commons_application_get_store    (CommonsApplication *self);
GSettings          *commons_application_get_settings (CommonsApplication *self);
CommonsSyncManager *commons_application_get_sync_manager (CommonsApplication *self);

G_END_DECLS
