/* commons-sync-manager-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-sync-manager.h"

G_BEGIN_DECLS

typedef struct
{
  CommonsSyncState  state;
  guint             done;
  guint             total;
  char             *message;
  GCancellable     *cancellable;
  guint             debounce_id;
  gboolean          again;
  /* The last sync failed because this device has no key the server
   * takes: only joining again helps. */
  gboolean          needs_rejoin;
  JsonArray        *members;
} GroupState;

struct _CommonsSyncManager
{
  GObject          parent_instance;

  CommonsStore    *store;
  char            *database;
  char            *data_dir;
  GHashTable      *groups;
  GNetworkMonitor *monitor;
  gboolean         network_available;
  guint            start_id;
  guint            period_id;
  guint            tick_id;
  GCancellable    *cancellable;
  /* Store connections and clients that workers have finished with,
   * reused by the next call instead of opening the database again. */
  GMutex           idle_lock;
  GPtrArray       *idle;
};

GroupState *_commons_sync_manager_get_group_state      (CommonsSyncManager *self,
                                                        const char         *group);
void        _commons_sync_manager_emit_state_changed   (CommonsSyncManager *self,
                                                        const char         *group);
void        _commons_sync_manager_emit_records_changed (CommonsSyncManager *self,
                                                        const char         *group);
void        _commons_sync_manager_start_sync           (CommonsSyncManager *self,
                                                        const char         *group);
void        _commons_sync_manager_worker_free          (gpointer            worker);

G_END_DECLS
