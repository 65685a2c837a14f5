/* commons-sync-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "commons-net.h"
#include "commons-sync.h"

G_BEGIN_DECLS

/* The sync client, shared by the files that make it up: the object and
 * its requests (commons-sync.c), groups and membership
 * (commons-sync-groups.c), and the exchange of revisions
 * (commons-sync-exchange.c). */
struct _CommonsSyncClient
{
  GObject       parent_instance;
  CommonsStore *store;
  char         *data_dir;
  const CommonsNetFuncs *net;
  gpointer      session;      /* from the network module, made on first use */
};

gboolean _commons_sync_client_ensure_session (CommonsSyncClient  *self,
                                              GError            **error);
JsonNode *_commons_sync_client_request (CommonsSyncClient  *self,
                                        const char         *method,
                                        const char         *server,
                                        const char         *path,
                                        const char         *token,
                                        const char         *body,
                                        GCancellable       *cancellable,
                                        GError            **error);
const char *_commons_sync_get_string (JsonObject *object,
                                      const char *member);
JsonObject *_commons_sync_get_object (JsonObject *object,
                                      const char *member);
char *_commons_sync_to_json (JsonBuilder *builder);
char *_commons_sync_client_group_token (CommonsSyncClient  *self,
                                        CommonsGroup       *group,
                                        GError            **error);
JsonNode *_commons_sync_client_group_request (CommonsSyncClient  *self,
                                              const char         *group_id,
                                              const char         *method,
                                              const char         *suffix,
                                              const char         *body,
                                              CommonsGroup      **out_group,
                                              GCancellable       *cancellable,
                                              GError            **error);
gboolean _commons_sync_client_bind_key (CommonsSyncClient  *self,
                                        CommonsGroup       *group,
                                        const char         *token,
                                        GCancellable       *cancellable,
                                        GError            **error);
void _commons_sync_set_group_status (CommonsStore *store,
                                     const char   *group,
                                     const char   *last_error);
gboolean _commons_sync_exec_bound (CommonsStore  *store,
                                   const char    *sql,
                                   GError       **error,
                                   ...);

G_END_DECLS
