/* commons-server.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "commons-server-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean  admin_only;
  guint     auth_failures_per_minute;
  guint     joins_per_minute;
  gsize     max_body;
  guint     read_timeout;
} CommonsServerOptions;

#define COMMONS_TYPE_SERVER (commons_server_get_type ())

G_DECLARE_FINAL_TYPE (CommonsServer, commons_server, COMMONS, SERVER, GObject)

CommonsServer *commons_server_new           (CommonsServerStore         *store,
                                             const CommonsServerOptions *options,
                                             GTlsCertificate            *certificate);
gboolean       commons_server_listen        (CommonsServer              *self,
                                             const char                 *address,
                                             char                      **out_uri,
                                             GError                    **error);
void           commons_server_begin_shutdown (CommonsServer             *self);
gboolean       commons_server_is_idle       (CommonsServer              *self);

gboolean       commons_server_random_secret (guint8                     *buffer,
                                             gsize                       length,
                                             GError                    **error);
void           commons_server_hash_secret   (const char                 *secret,
                                             guint8                     *out_hash);
char          *commons_server_new_token     (guint8                     *out_hash,
                                             GError                    **error);

G_END_DECLS
