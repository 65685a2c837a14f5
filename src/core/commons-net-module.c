/* commons-net-module.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The commons-net module: HTTP with libsoup, tokens with libsecret. See
 * commons-net.h for why it is a module. */

#define G_LOG_DOMAIN "commons-net"

#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "commons-net.h"

static gpointer
session_new (const char *user_agent)
{
  return soup_session_new_with_options ("user-agent", user_agent,
                                        "timeout", 60,
                                        "idle-timeout", 60,
                                        NULL);
}

static void
session_free (gpointer session)
{
  g_object_unref (session);
}

static GBytes *
send_request (gpointer       session,
              const char    *method,
              const char    *url,
              const char    *bearer_token,
              GBytes        *json_body,
              GCancellable  *cancellable,
              guint         *status,
              char         **reason,
              GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  GBytes *reply;

  if (msg == NULL)
    {
      /* The caller says so in its own words. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Not a valid address: %s", url);
      return NULL;
    }
  if (bearer_token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", bearer_token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (json_body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", json_body);

  reply = soup_session_send_and_read (SOUP_SESSION (session), msg, cancellable, error);
  if (reply == NULL)
    return NULL;
  *status = soup_message_get_status (msg);
  *reason = g_strdup (soup_message_get_reason_phrase (msg));
  return reply;
}

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "com.example.Commons.MemberToken", SECRET_SCHEMA_NONE,
    {
      { "group", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "data-dir", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &schema;
}

static gboolean
token_store (const char  *label,
             const char  *group,
             const char  *data_dir,
             const char  *token,
             GError     **error)
{
  return secret_password_store_sync (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                     NULL, error,
                                     "group", group, "data-dir", data_dir, NULL);
}

static char *
token_lookup (const char  *group,
              const char  *data_dir,
              GError     **error)
{
  char *token = secret_password_lookup_sync (token_schema (), NULL, error,
                                             "group", group, "data-dir", data_dir, NULL);
  char *copy;

  if (token == NULL)
    return NULL;
  copy = g_strdup (token);
  secret_password_free (token);
  return copy;
}

static void
token_clear (const char *group,
             const char *data_dir)
{
  secret_password_clear_sync (token_schema (), NULL, NULL,
                              "group", group, "data-dir", data_dir, NULL);
}

/* The module's one entry point, looked up by name. */
G_MODULE_EXPORT const CommonsNetFuncs *commons_net_module_get_funcs (void);

const CommonsNetFuncs *
commons_net_module_get_funcs (void)
{
  static const CommonsNetFuncs funcs = {
    COMMONS_NET_FUNCS_VERSION,
    session_new,
    session_free,
    send_request,
    token_store,
    token_lookup,
    token_clear,
  };

  return &funcs;
}
