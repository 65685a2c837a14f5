/* commons-server-validate.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "commons-revision.h"

G_BEGIN_DECLS

/* Everything the server learns from a request passes through here before it
 * touches the store: bodies, query parameters, path segments, batches. None
 * of it needs the network or the database, so the fuzz target in
 * tests/server calls the same functions with arbitrary bytes. */

#define COMMONS_SERVER_ERROR (commons_server_error_quark ())

typedef enum
{
  COMMONS_SERVER_ERROR_BAD_REQUEST,
  COMMONS_SERVER_ERROR_TOO_LARGE,
  /* A proof of a key that does not hold. */
  COMMONS_SERVER_ERROR_FORBIDDEN,
} CommonsServerError;

/* A request body larger than this is refused with 413 before it is read. */
#define COMMONS_SERVER_MAX_BODY (16 * 1024 * 1024)
/* Revisions one push may carry. */
#define COMMONS_SERVER_MAX_BATCH 500
/* Revisions one pull page may carry, and the default page. */
#define COMMONS_SERVER_MAX_PAGE 1000
#define COMMONS_SERVER_DEFAULT_PAGE 500
#define COMMONS_SERVER_MAX_NAME 200
#define COMMONS_SERVER_MAX_INVITE_USES 1000
#define COMMONS_SERVER_MIN_INVITE_SECONDS 60
#define COMMONS_SERVER_MAX_INVITE_SECONDS (30 * 24 * 3600)
#define COMMONS_SERVER_DEFAULT_INVITE_SECONDS (7 * 24 * 3600)

typedef enum
{
  COMMONS_PUSH_ITEM_OK,
  COMMONS_PUSH_ITEM_INVALID,
  COMMONS_PUSH_ITEM_WRONG_ID,
  COMMONS_PUSH_ITEM_TOO_LARGE,
} CommonsPushItemState;

typedef struct
{
  CommonsPushItemState  state;
  /* The id the client gave, when it gave a well-formed one. */
  char                 *claimed_id;
  /* Set only when state is COMMONS_PUSH_ITEM_OK. */
  CommonsRevision      *revision;
  char                 *message;
  /* Whether the revision's signature is its author's: 0 until checked,
   * 1 if it is, -1 if not. */
  int                   signature_ok;
} CommonsPushItem;

typedef struct
{
  char   *name;
  char   *display_name;
  char   *person;
  char   *code;
  gint64  uses;
  gint64  expires_in;
} CommonsServerRequest;

/* Runs @func over items 0 to @n in ranges, perhaps on several threads
 * (commons_run_split()). */
typedef void (*CommonsServerSplit) (guint  n,
                                    void (*func) (guint    from,
                                                  guint    to,
                                                  gpointer data),
                                    gpointer data);

GQuark        commons_server_error_quark       (void);

JsonObject   *commons_server_parse_object      (const char            *data,
                                                gsize                  length,
                                                GError               **error);
gboolean      commons_server_parse_create      (JsonObject            *object,
                                                CommonsServerRequest  *out,
                                                GError               **error);
gboolean      commons_server_parse_join        (JsonObject            *object,
                                                CommonsServerRequest  *out,
                                                GError               **error);
gboolean      commons_server_parse_bind_key    (JsonObject            *object,
                                                const char            *group,
                                                CommonsServerRequest  *out,
                                                GError               **error);
gboolean      commons_server_parse_invite      (JsonObject            *object,
                                                CommonsServerRequest  *out,
                                                GError               **error);
void          commons_server_request_clear     (CommonsServerRequest  *request);
GPtrArray    *commons_server_parse_push        (JsonObject            *object,
                                                CommonsServerSplit     split,
                                                GError               **error);
void          commons_push_item_free           (CommonsPushItem       *item);
const char   *commons_push_item_reason         (CommonsPushItemState   state);

gboolean      commons_server_parse_seq         (const char            *text,
                                                gint64                *out);
gboolean      commons_server_parse_query_int   (GHashTable            *query,
                                                const char            *name,
                                                gint64                 fallback,
                                                gint64                 min,
                                                gint64                 max,
                                                gint64                *out,
                                                GError               **error);
char         *commons_server_normalize_code    (const char            *code);
char        **commons_server_split_path        (const char            *path,
                                                guint                 *n_segments);
gboolean      commons_server_token_is_wellformed (const char          *token);
gboolean      commons_server_parse_bearer      (const char            *header,
                                                char                 **token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsPushItem, commons_push_item_free)

G_END_DECLS
