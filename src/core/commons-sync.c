/* commons-sync.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "commons-credentials.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-net.h"
#include "commons-plan.h"
#include "commons-store-private.h"
#include "commons-sync.h"

/* The client side of /v1 (docs/api.md). Every call here blocks: the CLI
 * calls them directly, the app from a worker thread with a store
 * connection of its own. Pushing sends the group's revisions that have
 * not left the device, in the order they were made; pulling stores each
 * page, merges, and advances the cursor in one transaction. */

struct _CommonsSyncClient
{
  GObject       parent_instance;
  CommonsStore *store;
  char         *data_dir;
  const CommonsNetFuncs *net;
  gpointer      session;      /* from the network module, made on first use */
};

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

/* Groups in the store. */

#define GROUP_COLUMNS "id, server, name, member, display_name, role, cursor, last_sync, last_error"

static CommonsGroup *
group_from_row (sqlite3_stmt *stmt)
{
  CommonsGroup *group = g_new0 (CommonsGroup, 1);

  group->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  group->server = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  group->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  group->member = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  group->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  group->role = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  group->cursor = sqlite3_column_int64 (stmt, 6);
  group->last_sync = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  group->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  return group;
}

/**
 * commons_store_list_groups:
 *
 * Returns: (transfer container) (element-type CommonsGroup): the groups
 *   this person belongs to, by name
 */
GPtrArray *
commons_store_list_groups (CommonsStore  *store,
                           GError       **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_group_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  stmt = _commons_store_prepare (store, "SELECT " GROUP_COLUMNS " FROM groups ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (groups, group_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&groups);
}

CommonsGroup *
commons_store_get_group (CommonsStore  *store,
                         const char    *group,
                         GError       **error)
{
  CommonsGroup *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  stmt = _commons_store_prepare (store, "SELECT " GROUP_COLUMNS " FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = group_from_row (stmt);
  sqlite3_reset (stmt);
  if (found == NULL && rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _commons_store_set_error (store, rc, error);
    }
  else if (found == NULL)
    {
      g_set_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NOT_FOUND,
                   _("This device is not a member of group %s"), group);
    }
  return found;
}

static gboolean
exec_bound (CommonsStore  *store,
            const char    *sql,
            GError       **error,
            ...)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store, sql, error);
  va_list args;
  int rc;
  int index = 1;
  const char *value;

  if (stmt == NULL)
    return FALSE;
  va_start (args, error);
  while ((value = va_arg (args, const char *)) != NULL)
    {
      if (value == (const char *) 1)
        sqlite3_bind_null (stmt, index++);
      else
        sqlite3_bind_text (stmt, index++, value, -1, SQLITE_TRANSIENT);
    }
  va_end (args);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (store, rc, error);
  return TRUE;
}

static gboolean
save_group (CommonsStore  *store,
            CommonsGroup  *group,
            GError       **error)
{
  g_autofree char *now = commons_time_now ();

  /* Created or joined with this person's key: the server knows it. */
  return exec_bound (store,
      "INSERT INTO groups (id, server, name, member, display_name, role, joined, key_bound) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) "
      "ON CONFLICT (id) DO UPDATE SET server = ?2, name = ?3, member = ?4, "
      "display_name = ?5, role = ?6, key_bound = 1",
      error, group->id, group->server, group->name, group->member,
      group->display_name, group->role, now, NULL);
}

static void
set_group_status (CommonsStore *store,
                  const char   *group,
                  const char   *last_error)
{
  g_autofree char *now = commons_time_now ();

  if (last_error == NULL)
    exec_bound (store, "UPDATE groups SET last_sync = ?1, last_error = NULL WHERE id = ?2",
                NULL, now, group, NULL);
  else
    exec_bound (store, "UPDATE groups SET last_error = ?1 WHERE id = ?2",
                NULL, last_error, group, NULL);
}

/**
 * commons_store_share_record:
 * @record: a record in the person's private library
 * @group: a group they belong to
 *
 * Shares a copy of the record's current state into the group as a new
 * record. Its private history stays behind: the group sees only this one
 * revision, with no parents pointing back.
 *
 * Returns: (transfer full): the new record's id
 */
char *
commons_store_share_record (CommonsStore  *store,
                            const char    *record,
                            const char    *group,
                            GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsGroup) found = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  found = commons_store_get_group (store, group, error);
  if (found == NULL)
    return NULL;
  scope = commons_store_get_scope (store, record, error);
  if (scope == NULL)
    return NULL;
  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return NULL;
  if (!commons_plan_can_share (store, record, error))
    return NULL;

  return commons_store_create_record (store, commons_revision_get_kind (current), group,
                                      commons_revision_get_fields (current), error);
}

guint
commons_store_count_unpushed (CommonsStore *store,
                              const char   *group)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      "SELECT count(*) FROM revisions WHERE scope = ? AND pushed = 0", NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
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
static gboolean
ensure_session (CommonsSyncClient  *self,
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
static JsonNode *
request (CommonsSyncClient  *self,
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

  if (!ensure_session (self, error))
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

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static char *
to_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* Both creating and joining answer the group, this person's member and
 * its token. */
static CommonsGroup *
adopt_membership (CommonsSyncClient  *self,
                  const char         *server,
                  const char         *display_name,
                  JsonNode           *answer,
                  GError            **error)
{
  JsonObject *root = json_node_get_object (answer);
  JsonObject *group_obj = get_object (root, "group");
  JsonObject *member_obj = get_object (root, "member");
  const char *token = get_string (root, "token");
  g_autoptr(CommonsGroup) group = g_new0 (CommonsGroup, 1);

  group->id = g_strdup (get_string (group_obj, "id"));
  group->name = g_strdup (get_string (group_obj, "name"));
  group->member = g_strdup (get_string (member_obj, "id"));
  group->role = g_strdup (get_string (member_obj, "role"));
  if (group->id == NULL || group->member == NULL || token == NULL ||
      !commons_uuid_is_valid (group->id))
    {
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not what Commons expects"));
      return NULL;
    }
  if (group->name == NULL)
    group->name = g_strdup (group->id);
  if (group->role == NULL)
    group->role = g_strdup ("member");
  group->server = g_strdup (server);
  group->display_name = g_strdup (display_name);

  if (!commons_credentials_save (self->data_dir, group->id, token, NULL, error))
    return NULL;
  if (!save_group (self->store, group, error))
    return NULL;
  return g_steal_pointer (&group);
}

/* Joining proves possession of the key: the person id is the public key,
 * and the proof is its signature of what the request is for. */
static gboolean
add_person (CommonsSyncClient   *self,
            JsonBuilder         *builder,
            CommonsSignPurpose   purpose,
            const char          *subject,
            GError             **error)
{
  g_autofree char *seed = _commons_store_dup_signing_key (self->store, error);
  g_autofree char *proof = NULL;

  if (seed == NULL)
    return FALSE;
  proof = commons_identity_sign (seed, purpose, subject);
  json_builder_set_member_name (builder, "person");
  json_builder_add_string_value (builder, commons_store_get_person_id (self->store));
  json_builder_set_member_name (builder, "proof");
  json_builder_add_string_value (builder, proof);
  return TRUE;
}

/**
 * commons_sync_client_create_group:
 * @server: the server's base URL, such as "https://commons.example.org"
 * @name: the group's name
 * @display_name: how this person appears to the group
 *
 * Creates a group on the server with this person as its organizer.
 *
 * Returns: (transfer full): the group
 */
CommonsGroup *
commons_sync_client_create_group (CommonsSyncClient  *self,
                                  const char         *server,
                                  const char         *name,
                                  const char         *display_name,
                                  GCancellable       *cancellable,
                                  GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name);
  if (!add_person (self, builder, COMMONS_SIGN_CREATE_GROUP, name, error))
    return NULL;
  json_builder_end_object (builder);
  body = to_json (builder);

  answer = request (self, "POST", server, "/v1/groups", g_getenv ("COMMONS_ADMIN_TOKEN"),
                    body, cancellable, error);
  if (answer == NULL)
    return NULL;
  return adopt_membership (self, server, display_name, answer, error);
}

/**
 * commons_sync_client_join_group:
 * @code: an invite code from an organizer
 *
 * Returns: (transfer full): the group joined
 */
CommonsGroup *
commons_sync_client_join_group (CommonsSyncClient  *self,
                                const char         *server,
                                const char         *code,
                                const char         *display_name,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name);
  if (!add_person (self, builder, COMMONS_SIGN_JOIN, code, error))
    return NULL;
  json_builder_end_object (builder);
  body = to_json (builder);

  answer = request (self, "POST", server, "/v1/join", NULL, body, cancellable, &local_error);
  if (answer == NULL)
    {
      if (g_error_matches (local_error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_FORBIDDEN) ||
          g_error_matches (local_error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_UNAUTHORIZED))
        {
          g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_INVALID_CODE,
                               _("The invite code is not valid: it may have expired or been used up"));
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return adopt_membership (self, server, display_name, answer, error);
}

static char *
group_token (CommonsSyncClient  *self,
             CommonsGroup       *group,
             GError            **error)
{
  return commons_credentials_lookup (self->data_dir, group->id, error);
}

static JsonNode *
group_request (CommonsSyncClient  *self,
               const char         *group_id,
               const char         *method,
               const char         *suffix,
               const char         *body,
               CommonsGroup      **out_group,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(CommonsGroup) group = commons_store_get_group (self->store, group_id, error);
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  JsonNode *answer;

  if (group == NULL)
    return NULL;
  token = group_token (self, group, error);
  if (token == NULL)
    return NULL;
  path = g_strdup_printf ("/v1/groups/%s%s", group->id, suffix);
  answer = request (self, method, group->server, path, token, body, cancellable, error);
  if (answer != NULL && out_group != NULL)
    *out_group = g_steal_pointer (&group);
  return answer;
}

/**
 * commons_sync_client_create_invite:
 * @uses: how many people may join with the code
 * @hours: how long the code stays valid
 *
 * Returns: (transfer full): the server's answer, with at least "code"
 */
JsonObject *
commons_sync_client_create_invite (CommonsSyncClient  *self,
                                   const char         *group,
                                   guint               uses,
                                   guint               hours,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uses");
  json_builder_add_int_value (builder, uses);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, (gint64) hours * 3600);
  json_builder_end_object (builder);
  body = to_json (builder);

  answer = group_request (self, group, "POST", "/invites", body, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (get_string (json_node_get_object (answer), "code") == NULL)
    {
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not what Commons expects"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (answer));
}

/**
 * commons_sync_client_get_group_info:
 *
 * Returns: (transfer full): the group and its members, as the server says
 */
JsonObject *
commons_sync_client_get_group_info (CommonsSyncClient  *self,
                                    const char         *group,
                                    GCancellable       *cancellable,
                                    GError            **error)
{
  g_autoptr(JsonNode) answer = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), NULL);

  answer = group_request (self, group, "GET", "", NULL, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;
  return json_object_ref (json_node_get_object (answer));
}

gboolean
commons_sync_client_revoke_member (CommonsSyncClient  *self,
                                   const char         *group,
                                   const char         *member,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *suffix = g_strdup_printf ("/members/%s", member);

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), FALSE);

  answer = group_request (self, group, "DELETE", suffix, NULL, NULL, cancellable, error);
  return answer != NULL;
}

/**
 * commons_sync_client_leave_group:
 *
 * Leaves the group on the server and forgets its key. What was shared in
 * the group stays on this device, readable, and is no longer synced.
 */
gboolean
commons_sync_client_leave_group (CommonsSyncClient  *self,
                                 const char         *group,
                                 GCancellable       *cancellable,
                                 GError            **error)
{
  g_autoptr(CommonsGroup) found = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *suffix = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), FALSE);

  found = commons_store_get_group (self->store, group, error);
  if (found == NULL)
    return FALSE;
  suffix = g_strdup_printf ("/members/%s", found->member);
  answer = group_request (self, group, "DELETE", suffix, NULL, NULL, cancellable, &local_error);
  /* Someone the server no longer counts as a member (removed, or the key
   * is lost), or a group the server no longer has, is out already: leaving
   * only has to forget the group here. */
  if (answer == NULL &&
      !g_error_matches (local_error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_UNAUTHORIZED) &&
      !g_error_matches (local_error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NOT_FOUND) &&
      !g_error_matches (local_error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  commons_credentials_forget (self->data_dir, group, NULL);
  return exec_bound (self->store, "DELETE FROM groups WHERE id = ?", error, group, NULL);
}

/* A member who joined before keys existed tells the server their key
 * once, with proof, before anything signed is pushed. */
static gboolean
bind_key (CommonsSyncClient  *self,
          CommonsGroup       *group,
          const char         *token,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;
  gboolean bound = TRUE;

  stmt = _commons_store_prepare (self->store, "SELECT key_bound FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group->id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bound = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (bound)
    return TRUE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  if (!add_person (self, builder, COMMONS_SIGN_BIND_KEY, group->id, error))
    return FALSE;
  json_builder_end_object (builder);
  body = to_json (builder);
  path = g_strdup_printf ("/v1/groups/%s/key", group->id);
  answer = request (self, "POST", group->server, path, token, body, cancellable, error);
  if (answer == NULL)
    return FALSE;
  return exec_bound (self->store, "UPDATE groups SET key_bound = 1 WHERE id = ?", error, group->id, NULL);
}

/* Push. */

/* Answers that may succeed later: the revision stays unpushed and goes
 * again with the next sync, never dropped. */
static gboolean
may_succeed_later (const char *reason)
{
  return g_strcmp0 (reason, "unknown_parent") == 0;
}

static gboolean
push (CommonsSyncClient  *self,
      CommonsGroup       *group,
      const char         *token,
      CommonsSyncStats   *stats,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", group->id);
  gint64 after = 0;
  gint64 lowest, highest;
  gint64 n_stored;

  for (;;)
    {
      g_autoptr(GString) body = g_string_new ("{\"revisions\":[");
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonNode) answer = NULL;
      sqlite3_stmt *stmt;
      JsonNode *results;
      JsonArray *array;
      gint64 last = after;
      int rc;

      stmt = _commons_store_prepare (self->store, COMMONS_SQL_UNPUSHED, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, group->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, after);
      sqlite3_bind_int (stmt, 3, COMMONS_SYNC_PAGE);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          last = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _commons_store_set_error (self->store, rc, error);
      if (ids->len == 0)
        return TRUE;
      after = last;

      /* Signed as they first leave, and marked as sent before the request:
       * if the answer is lost, the server may hold them, so they must
       * never be amended (an edit would otherwise turn into an undo). */
      if (!_commons_store_sign_for_sending (self->store, ids, COMMONS_LEAVING_BY_PUSH, error))
        return FALSE;

      stmt = _commons_store_prepare (self->store,
          "SELECT body, signature FROM revisions WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              continue;
            }
          if (i > 0)
            g_string_append_c (body, ',');
          g_string_append (body, "{\"id\":\"");
          g_string_append (body, g_ptr_array_index (ids, i));
          g_string_append (body, "\",");
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            {
              g_string_append (body, "\"sig\":\"");
              g_string_append (body, (const char *) sqlite3_column_text (stmt, 1));
              g_string_append (body, "\",");
            }
          g_string_append (body, (const char *) sqlite3_column_text (stmt, 0) + 1);
          sqlite3_reset (stmt);
        }
      g_string_append (body, "]}");

      answer = request (self, "POST", group->server, path, token, body->str, cancellable, error);
      if (answer == NULL)
        return FALSE;

      results = json_object_get_member (json_node_get_object (answer), "results");
      if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results) ||
          json_array_get_length (array = json_node_get_array (results)) != ids->len)
        {
          g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                               _("The server’s answer is not what Commons expects"));
          return FALSE;
        }

      /* pushed: 1 once the server holds it, 2 if it refused it for good;
       * 0 (unchanged) if it may take it later. */
      if (!_commons_store_begin (self->store, error))
        return FALSE;
      lowest = G_MAXINT64;
      highest = 0;
      n_stored = 0;
      for (guint i = 0; i < ids->len; i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
          const char *status = object != NULL ? get_string (object, "status") : NULL;
          const char *state = "1";

          if (g_strcmp0 (status, "rejected") == 0 && may_succeed_later (get_string (object, "reason")))
            {
              stats->deferred++;
              continue;
            }
          if (g_strcmp0 (status, "rejected") == 0)
            {
              state = "2";
              stats->rejected++;
              /* Counted in the stats for the person; never sent again. */
              g_message ("The server refused revision %.12s: %s",
                         (const char *) g_ptr_array_index (ids, i),
                         get_string (object, "reason"));
            }
          else if (g_strcmp0 (status, "stored") == 0 || g_strcmp0 (status, "duplicate") == 0)
            {
              JsonNode *seq = json_object_get_member (object, "seq");

              stats->pushed++;
              if (g_str_equal (status, "stored") && seq != NULL && JSON_NODE_HOLDS_VALUE (seq) &&
                  json_node_get_value_type (seq) == G_TYPE_INT64)
                {
                  lowest = MIN (lowest, json_node_get_int (seq));
                  highest = MAX (highest, json_node_get_int (seq));
                  n_stored++;
                }
            }
          else
            {
              _commons_store_rollback (self->store);
              g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                                   _("The server’s answer is not what Commons expects"));
              return FALSE;
            }
          if (!exec_bound (self->store, "UPDATE revisions SET pushed = ?1 WHERE id = ?2",
                           error, state, g_ptr_array_index (ids, i), NULL))
            {
              _commons_store_rollback (self->store);
              return FALSE;
            }
        }
      /* The server numbered what it stored right after what this replica
       * has pulled: those numbers are these revisions, so the next pull
       * starts after them instead of fetching and checking them again. */
      if (n_stored > 0 && lowest == group->cursor + 1 && highest - lowest + 1 == n_stored)
        {
          g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, highest);

          if (!exec_bound (self->store, "UPDATE groups SET cursor = ?1 WHERE id = ?2",
                           error, cursor, group->id, NULL))
            {
              _commons_store_rollback (self->store);
              return FALSE;
            }
          group->cursor = highest;
        }
      if (!_commons_store_commit (self->store, error))
        return FALSE;
    }
}

/* Pull. */

typedef struct
{
  const char *group;
  gint64      cursor;
} CursorUpdate;

static gboolean
advance_cursor_cb (CommonsStore  *store,
                   gpointer       data,
                   GError       **error)
{
  CursorUpdate *update = data;
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, update->cursor);

  return exec_bound (store, "UPDATE groups SET cursor = ?1 WHERE id = ?2",
                     error, cursor, update->group, NULL);
}

static gboolean
pull (CommonsSyncClient    *self,
      CommonsGroup         *group,
      const char           *token,
      CommonsSyncProgress   progress,
      gpointer              user_data,
      CommonsSyncStats     *stats,
      GCancellable         *cancellable,
      GError              **error)
{
  gint64 cursor = group->cursor;
  guint total = 0;

  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=%d",
                                               group->id, cursor, COMMONS_SYNC_PAGE);
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) _commons_incoming_free);
      CommonsReceiveReport report = { 0 };
      JsonObject *root;
      JsonNode *node;
      JsonArray *items;
      CursorUpdate update;
      gboolean more;
      gint64 next;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      answer = request (self, "GET", group->server, path, token, NULL, cancellable, error);
      if (answer == NULL)
        return FALSE;
      root = json_node_get_object (answer);
      node = json_object_get_member (root, "revisions");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        goto protocol;
      items = json_node_get_array (node);
      node = json_object_get_member (root, "next");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        goto protocol;
      next = json_node_get_int (node);
      node = json_object_get_member (root, "more");
      more = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
             json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
      if (next < cursor)
        goto protocol;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
          JsonNode *wire = entry != NULL ? json_object_get_member (entry, "revision") : NULL;

          if (wire == NULL)
            goto protocol;
          /* Every revision is checked again on the way in: the server is
           * trusted to relay, not to be right. */
          g_ptr_array_add (incoming, _commons_incoming_new_from_node (wire, get_string (entry, "pushed_by")));
        }

      update.group = group->id;
      update.cursor = next;
      if (!_commons_store_receive (self->store, incoming, group->id, NULL, &report,
                                   advance_cursor_cb, &update, error))
        return FALSE;
      cursor = next;
      group->cursor = next;
      stats->pulled += report.stored;
      stats->quarantined += report.quarantined;
      stats->pending += report.pending;
      total += report.stored;
      _commons_receive_report_clear (&report);
      /* A page's JSON tree is thousands of small blocks, freed by now; give
       * the memory back rather than let each page raise the peak. */
      g_clear_pointer (&incoming, g_ptr_array_unref);
      g_clear_pointer (&answer, json_node_unref);
#ifdef __GLIBC__
      malloc_trim (0);
#endif
      if (progress != NULL)
        progress (total, 0, user_data);

      if (!more)
        return TRUE;
    }

protocol:
  g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer is not what Commons expects"));
  return FALSE;
}

static guint
count_conflicts (CommonsStore *store,
                 const char   *group)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      COMMONS_SQL_COUNT_CONFLICTS, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * commons_sync_client_sync:
 * @group: the group id
 * @progress: (nullable) (scope call): told as revisions arrive
 * @stats: (out caller-allocates) (optional): what moved
 *
 * Pulls what others did, merging as it goes, then pushes what this device
 * made for the group, merges included so that the others need not compute
 * them. Safe to stop at any point: the next sync carries on from what was
 * committed.
 */
gboolean
commons_sync_client_sync (CommonsSyncClient    *self,
                          const char           *group_id,
                          CommonsSyncProgress   progress,
                          gpointer              user_data,
                          CommonsSyncStats     *stats,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;
  CommonsSyncStats local_stats = { 0 };
  gboolean ok;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  group = commons_store_get_group (self->store, group_id, error);
  if (group == NULL)
    return FALSE;
  token = group_token (self, group, error);
  if (token == NULL)
    return FALSE;

  /* Pull first: the merges it makes go out with this device's own
   * changes, and a push right after an up-to-date pull is numbered right
   * after the cursor, so it is not pulled back. */
  ok = bind_key (self, group, token, cancellable, &local_error) &&
       pull (self, group, token, progress, user_data, &local_stats, cancellable, &local_error) &&
       push (self, group, token, &local_stats, cancellable, &local_error);

  local_stats.conflicts = count_conflicts (self->store, group->id);
  if (stats != NULL)
    *stats = local_stats;

  if (!ok)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_group_status (self->store, group->id, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  set_group_status (self->store, group->id, NULL);
  return TRUE;
}

/**
 * commons_sync_client_verify:
 * @in_step: (out): whether this device holds every revision the server
 *   holds up to the cursor
 *
 * Compares the server's digest up to the cursor with the revisions this
 * device holds for the group. If they differ, the cursor is reset so the
 * next sync pulls everything again; unpushed revisions are untouched.
 */
gboolean
commons_sync_client_verify (CommonsSyncClient  *self,
                            const char         *group_id,
                            gboolean           *in_step,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *suffix = NULL;
  JsonObject *root;
  JsonNode *ids_node;
  gint64 count;
  gint64 held = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (in_step != NULL, FALSE);

  group = commons_store_get_group (self->store, group_id, error);
  if (group == NULL)
    return FALSE;
  suffix = g_strdup_printf ("/digest?upto=%" G_GINT64_FORMAT, group->cursor);
  answer = group_request (self, group_id, "GET", suffix, NULL, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  root = json_node_get_object (answer);
  ids_node = json_object_get_member (root, "count");
  if (ids_node == NULL || !JSON_NODE_HOLDS_VALUE (ids_node) ||
      json_node_get_value_type (ids_node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not what Commons expects"));
      return FALSE;
    }
  count = json_node_get_int (ids_node);

  /* Every revision the server relayed was stored here as pushed; merges
   * this device made and pushed are among them too. */
  stmt = _commons_store_prepare (self->store,
      "SELECT count(*) FROM revisions WHERE scope = ? AND pushed = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    held = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  *in_step = held >= count;
  if (!*in_step)
    return exec_bound (self->store, "UPDATE groups SET cursor = 0 WHERE id = ?", error, group_id, NULL);
  return TRUE;
}
