/* commons-sync-summary.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_SYNC_SUMMARY (commons_sync_summary_get_type ())

G_DECLARE_FINAL_TYPE (CommonsSyncSummary, commons_sync_summary, COMMONS, SYNC_SUMMARY, AdwBin)

void commons_sync_summary_set_manager (CommonsSyncSummary *self,
                                       CommonsSyncManager *manager);

G_END_DECLS
