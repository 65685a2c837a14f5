/* commons-sync-manager.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "commons-store.h"
#include "commons-sync.h"

G_BEGIN_DECLS

typedef enum
{
  COMMONS_SYNC_STATE_NEVER,
  COMMONS_SYNC_STATE_SYNCED,
  COMMONS_SYNC_STATE_SYNCING,
  COMMONS_SYNC_STATE_OFFLINE,
  COMMONS_SYNC_STATE_ERROR,
} CommonsSyncState;

/* Runs on a worker thread with a store and a client of its own; returns
 * a result for the main thread, or NULL with @error set. */
typedef gpointer (*CommonsSyncCallFunc) (CommonsSyncClient  *client,
                                         CommonsStore       *store,
                                         gpointer            data,
                                         GCancellable       *cancellable,
                                         GError            **error);

#define COMMONS_TYPE_SYNC_MANAGER (commons_sync_manager_get_type ())

G_DECLARE_FINAL_TYPE (CommonsSyncManager, commons_sync_manager, COMMONS, SYNC_MANAGER, GObject)

CommonsSyncManager *commons_sync_manager_new             (CommonsStore        *store);
CommonsStore       *commons_sync_manager_get_store       (CommonsSyncManager  *self);
const char         *commons_sync_manager_get_data_dir    (CommonsSyncManager  *self);
GPtrArray          *commons_sync_manager_list_groups     (CommonsSyncManager  *self);
void                commons_sync_manager_sync            (CommonsSyncManager  *self,
                                                          const char          *group);
void                commons_sync_manager_sync_all        (CommonsSyncManager  *self);
void                commons_sync_manager_cancel          (CommonsSyncManager  *self,
                                                          const char          *group);
gboolean            commons_sync_manager_needs_rejoin    (CommonsSyncManager  *self,
                                                          const char          *group);
CommonsSyncState    commons_sync_manager_get_state       (CommonsSyncManager  *self,
                                                          const char          *group);
double              commons_sync_manager_get_fraction    (CommonsSyncManager  *self,
                                                          const char          *group);
char               *commons_sync_manager_describe        (CommonsSyncManager  *self,
                                                          const char          *group);
const char         *commons_sync_manager_lookup_person   (CommonsSyncManager  *self,
                                                          const char          *group,
                                                          const char          *person);
JsonArray          *commons_sync_manager_get_members     (CommonsSyncManager  *self,
                                                          const char          *group);
void                commons_sync_manager_set_members     (CommonsSyncManager  *self,
                                                          const char          *group,
                                                          JsonObject          *info);
gboolean            commons_sync_manager_uses_file_credentials (CommonsSyncManager *self);
void                commons_sync_manager_groups_changed  (CommonsSyncManager  *self);

void                commons_sync_manager_call_async      (CommonsSyncManager  *self,
                                                          CommonsSyncCallFunc  func,
                                                          gpointer             data,
                                                          GDestroyNotify       data_destroy,
                                                          GDestroyNotify       result_destroy,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gpointer            commons_sync_manager_call_finish     (CommonsSyncManager  *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

char               *commons_sync_describe_error          (const GError        *error);

G_END_DECLS
