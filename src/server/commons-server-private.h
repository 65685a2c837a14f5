/* commons-server-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-server.h"
#include "commons-server-rate-limit.h"

G_BEGIN_DECLS

/* The server, shared by the files that make it up: the object, secrets and
 * listening (commons-server.c), the endpoints (commons-server-endpoints.c)
 * and each request's connection (commons-server-connection.c). */
struct _CommonsServer
{
  GObject               parent_instance;
  SoupServer           *soup;
  CommonsServerStore   *store;
  CommonsServerOptions  options;
  CommonsRateLimit     *auth_failures;
  CommonsRateLimit     *joins;
  gboolean              https;
  gboolean              shutting_down;
  guint                 in_flight;
};

/* A chunked body streamed past the limit is discarded unread; past this
 * much more, the connection is cut. */
#define DRAIN_ALLOWANCE (64 * 1024 * 1024)

#define DEFAULT_READ_TIMEOUT 10

typedef enum
{
  PHASE_HEADERS,
  PHASE_BODY,
  PHASE_ANSWER,
} RequestPhase;

/* What the server knows of one request while libsoup reads and answers
 * it; it lives as long as the SoupServerMessage. Every connection carries
 * one request (see request_started_cb), so this is also the connection's
 * state. */
typedef struct
{
  CommonsServer     *self;
  SoupServerMessage *msg;
  GSource           *deadline;
  RequestPhase       phase;
  gsize              received;
  gboolean           too_large;
} RequestState;

const char *_commons_server_client_address (SoupServerMessage *msg);
char *_commons_server_error_body (const char *code,
                                  const char *message);
void _commons_server_respond_error (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *code,
                                    const char        *message);
void _commons_server_handle_request_cb (SoupServer        *soup,
                                        SoupServerMessage *msg,
                                        const char        *path,
                                        GHashTable        *query,
                                        gpointer           user_data);
void _commons_server_request_started_cb (SoupServer        *soup,
                                         SoupServerMessage *msg,
                                         gpointer           user_data);

G_END_DECLS
