/* commons-sync.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-json.h"
#include "commons-sync-private.h"

/* The client side of /v1 (docs/api.md). Every call here blocks: the CLI
 * calls them directly, the app from a worker thread with a store
 * connection of its own. Pushing sends the group's revisions that have
 * not left the device, in the order they were made; pulling stores each
 * page, merges, and advances the cursor in one transaction. */

G_DEFINE_FINAL_TYPE (CommonsSyncClient, commons_sync_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (commons-sync-error-quark, commons_sync_error)
G_DEFINE_BOXED_TYPE (CommonsGroup, commons_group, commons_group_copy, commons_group_free)

/* Answers larger than this are refused rather than parsed. */
#define MAX_RESPONSE (64 * 1024 * 1024)
#define MAX_ATTEMPTS 3

CommonsGroup *
commons_group_copy (const CommonsGroup *group)
{
  CommonsGroup *copy = g_new0 (CommonsGroup, 1);

  copy->id = g_strdup (group->id);
  copy->server = g_strdup (group->server);
  copy->name = g_strdup (group->name);
  copy->member = g_strdup (group->member);
  copy->display_name = g_strdup (group->display_name);
  copy->role = g_strdup (group->role);
  copy->cursor = group->cursor;
  copy->last_sync = g_strdup (group->last_sync);
  copy->last_error = g_strdup (group->last_error);
  return copy;
}

void
commons_group_free (CommonsGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->id);
  g_free (group->server);
  g_free (group->name);
  g_free (group->member);
  g_free (group->display_name);
  g_free (group->role);
  g_free (group->last_sync);
  g_free (group->last_error);
  g_free (group);
}

/* The client. */

static void
commons_sync_client_finalize (GObject *object)
{
  CommonsSyncClient *self = (CommonsSyncClient *)object;

  g_clear_object (&self->store);
  if (self->session != NULL)
    self->net->session_free (g_steal_pointer (&self->session));
  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (commons_sync_client_parent_class)->finalize (object);
}

static void
commons_sync_client_class_init (CommonsSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_sync_client_finalize;
}

static void
commons_sync_client_init (CommonsSyncClient *self)
{
}

/* The network module and this client's session, on first use. */
gboolean
_commons_sync_client_ensure_session (CommonsSyncClient  *self,
                                     GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *agent = NULL;

  if (self->session != NULL)
    return TRUE;
  self->net = _commons_net_get (&local_error);
  if (self->net == NULL)
    {
      g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NETWORK,
                   _("Cannot reach the server: %s"), local_error->message);
      return FALSE;
    }
  agent = g_strdup_printf ("Commons/%s", PACKAGE_VERSION);
  self->session = self->net->session_new (agent);
  return TRUE;
}

/**
 * commons_sync_client_new:
 * @store: the store, used only from the thread that calls the client
 * @data_dir: the data folder, which names the credentials
 *
 * Returns: (transfer full): a client
 */
CommonsSyncClient *
commons_sync_client_new (CommonsStore *store,
                         const char   *data_dir)
{
  CommonsSyncClient *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (data_dir != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_SYNC_CLIENT, NULL);
  self->store = g_object_ref (store);
  self->data_dir = g_strdup (data_dir);
  return self;
}

static char *
make_url (const char *server,
          const char *path)
{
  gsize len = strlen (server);

  while (len > 0 && server[len - 1] == '/')
    len--;
  return g_strdup_printf ("%.*s%s", (int) len, server, path);
}

static gboolean
set_http_error (guint         status,
                const char   *reason,
                JsonNode     *body,
                GError      **error)
{
  const char *detail = NULL;

  if (body != NULL && JSON_NODE_HOLDS_OBJECT (body))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (body), "error");

      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        member = json_object_get_member (json_node_get_object (member), "message");
      if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        detail = json_node_get_string (member);
    }

  switch (status)
    {
    case 401: /* Unauthorized */
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_UNAUTHORIZED,
                           _("The server no longer accepts this device for the group. "
                             "You may have been removed from it. Your work here is kept."));
      break;
    case 403: /* Forbidden */
      g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_FORBIDDEN,
                   _("The server refused: %s"), detail ? detail : _("not allowed"));
      break;
    case 404: /* Not Found */
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NOT_FOUND,
                           _("The server does not know this group"));
      break;
    case 429: /* Too Many Requests */
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_RATE_LIMITED,
                           _("The server asks to wait a little before trying again"));
      break;
    default:
      if (status >= 500)
        g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_SERVER,
                     _("The server had a problem (%u)"), status);
      else
        g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                     _("The server refused the request (%u: %s)"), status,
                     detail ? detail : reason);
    }
  return FALSE;
}

/* Sends one request and parses the JSON answer, retrying network
 * failures and server errors with backoff. */
JsonNode *
_commons_sync_client_request (CommonsSyncClient  *self,
                              const char         *method,
                              const char         *server,
                              const char         *path,
                              const char         *token,
                              const char         *body,
                              GCancellable       *cancellable,
                              GError            **error)
{
  g_autofree char *url = make_url (server, path);
  g_autoptr(GBytes) json_body = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  if (!_commons_sync_client_ensure_session (self, error))
    return NULL;

  for (guint attempt = 1;; attempt++)
    {
      g_autoptr(GBytes) reply = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *reason = NULL;
      gboolean retry = FALSE;
      guint status = 0;

      reply = self->net->send (self->session, method, url, token, json_body, cancellable,
                               &status, &reason, &local_error);

      if (reply == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
            {
              g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                           _("“%s” is not a valid server address"), server);
              return NULL;
            }
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          retry = TRUE;
        }
      else if (status >= 500 && status != 501)
        retry = TRUE;

      if (retry)
        {
          if (attempt >= MAX_ATTEMPTS)
            {
              if (reply == NULL)
                g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NETWORK,
                             _("Cannot reach the server: %s"), local_error->message);
              else
                set_http_error (status, reason, NULL, error);
              return NULL;
            }
          /* 250 ms, 1 s: long enough for a restarting server. */
          g_usleep ((attempt * attempt) * 250 * 1000);
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          continue;
        }

      if (g_bytes_get_size (reply) > MAX_RESPONSE)
        {
          g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                               _("The server’s answer is too large"));
          return NULL;
        }
      if (g_bytes_get_size (reply) > 0)
        node = commons_json_parse (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &parse_error);

      if (status < 200 || status >= 300)
        {
          set_http_error (status, reason, node, error);
          return NULL;
        }
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          if (parse_error != NULL)
            g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                         _("The server’s answer is not what Commons expects (%s)"), parse_error->message);
          else
            g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                                 _("The server’s answer is not what Commons expects"));
          return NULL;
        }
      return g_steal_pointer (&node);
    }
}

const char *
_commons_sync_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonObject *
_commons_sync_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

char *
_commons_sync_to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

