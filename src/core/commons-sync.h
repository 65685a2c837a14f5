/* commons-sync.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_SYNC_ERROR (commons_sync_error_quark ())

typedef enum
{
  /* The server could not be reached: try again later. */
  COMMONS_SYNC_ERROR_NETWORK,
  /* The token was refused: revoked, or the member left. */
  COMMONS_SYNC_ERROR_UNAUTHORIZED,
  COMMONS_SYNC_ERROR_NOT_FOUND,
  COMMONS_SYNC_ERROR_INVALID_CODE,
  COMMONS_SYNC_ERROR_RATE_LIMITED,
  /* The server answered something this client does not understand. */
  COMMONS_SYNC_ERROR_PROTOCOL,
  COMMONS_SYNC_ERROR_SERVER,
  COMMONS_SYNC_ERROR_FORBIDDEN,
} CommonsSyncError;

/* How many revisions one push or one pull page carries. */
#define COMMONS_SYNC_PAGE 500

typedef struct
{
  char   *id;
  char   *server;
  char   *name;
  char   *member;
  char   *display_name;
  char   *role;
  gint64  cursor;
  char   *last_sync;
  char   *last_error;
} CommonsGroup;

typedef struct
{
  guint pushed;
  guint pulled;
  /* Refused by the server for good (the person is told). */
  guint rejected;
  /* Refused for now (a parent the server does not hold yet): sent again
   * on later syncs. */
  guint deferred;
  /* Kept aside this sync because they failed a check. */
  guint quarantined;
  /* Waiting for their parents. */
  guint pending;
  guint conflicts;
} CommonsSyncStats;

/* Called from the thread that syncs, with how many revisions moved so
 * far and, when known, how many there are in all (0 if unknown). */
typedef void (*CommonsSyncProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

#define COMMONS_TYPE_GROUP (commons_group_get_type ())
GType         commons_group_get_type     (void) G_GNUC_CONST;
CommonsGroup *commons_group_copy         (const CommonsGroup *group);
void          commons_group_free         (CommonsGroup       *group);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsGroup, commons_group_free)

GQuark        commons_sync_error_quark   (void);

GPtrArray    *commons_store_list_groups  (CommonsStore  *store,
                                          GError       **error);
CommonsGroup *commons_store_get_group    (CommonsStore  *store,
                                          const char    *group,
                                          GError       **error);
char         *commons_store_share_record (CommonsStore  *store,
                                          const char    *record,
                                          const char    *group,
                                          GError       **error);
guint         commons_store_count_unpushed (CommonsStore *store,
                                            const char   *group);

#define COMMONS_TYPE_SYNC_CLIENT (commons_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (CommonsSyncClient, commons_sync_client, COMMONS, SYNC_CLIENT, GObject)

CommonsSyncClient *commons_sync_client_new           (CommonsStore       *store,
                                                      const char         *data_dir);
CommonsGroup      *commons_sync_client_create_group  (CommonsSyncClient  *self,
                                                      const char         *server,
                                                      const char         *name,
                                                      const char         *display_name,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
CommonsGroup      *commons_sync_client_join_group    (CommonsSyncClient  *self,
                                                      const char         *server,
                                                      const char         *code,
                                                      const char         *display_name,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
JsonObject        *commons_sync_client_create_invite (CommonsSyncClient  *self,
                                                      const char         *group,
                                                      guint               uses,
                                                      guint               hours,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
JsonObject        *commons_sync_client_get_group_info (CommonsSyncClient *self,
                                                      const char         *group,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
gboolean           commons_sync_client_leave_group   (CommonsSyncClient  *self,
                                                      const char         *group,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
gboolean           commons_sync_client_revoke_member (CommonsSyncClient  *self,
                                                      const char         *group,
                                                      const char         *member,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
gboolean           commons_sync_client_sync          (CommonsSyncClient  *self,
                                                      const char         *group,
                                                      CommonsSyncProgress progress,
                                                      gpointer            user_data,
                                                      CommonsSyncStats   *stats,
                                                      GCancellable       *cancellable,
                                                      GError            **error);
gboolean           commons_sync_client_verify        (CommonsSyncClient  *self,
                                                      const char         *group,
                                                      gboolean           *in_step,
                                                      GCancellable       *cancellable,
                                                      GError            **error);

G_END_DECLS
