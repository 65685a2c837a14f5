/* sync-fixture.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real commons-server on loopback and replicas that sync through it.
 */

#pragma once

#include "commons-store-private.h"
#include "commons-sync.h"

G_BEGIN_DECLS

typedef struct
{
  char              *dir;
  CommonsStore      *store;
  CommonsSyncClient *client;
} Replica;

typedef struct
{
  char        *root;
  GSubprocess *server;
  char        *url;
  char        *listen;
  char        *server_dir;
} Server;

void      server_init      (Server       *server);
void      server_start     (Server       *server);
void      server_stop      (Server       *server);
void      server_clear     (Server       *server);
void      replica_open     (Replica      *replica,
                            const char   *root,
                            guint         index);
void      replica_close    (Replica      *replica);
char     *replica_digest   (Replica      *replica);
void      collect_pushed   (Replica      *replica,
                            GHashTable   *all);
gboolean  holds            (Replica      *replica,
                            const char   *id);
void      remove_tree      (const char   *path);
char     *make_group       (Server       *server,
                            Replica      *replicas,
                            guint         n_replicas);
char     *make_invite      (Replica      *organizer,
                            const char   *group);
void      replica_reopen   (Replica      *replica);
void      replica_suspend  (Replica      *replica);
GSubprocess *spawn_cli_sync (Replica     *replica);
void      kill_cli_sync    (Replica      *replica,
                            const char   *group,
                            guint         extra_usec);

G_END_DECLS
