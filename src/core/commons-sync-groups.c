/* commons-sync-groups.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-credentials.h"
#include "commons-identity.h"
#include "commons-plan.h"
#include "commons-store-private.h"
#include "commons-sync-private.h"

/* The groups this person belongs to, as the store keeps them, and the
 * calls that make, join, inspect and leave them. */

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

gboolean
_commons_sync_exec_bound (CommonsStore  *store,
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
  return _commons_sync_exec_bound (store,
      "INSERT INTO groups (id, server, name, member, display_name, role, joined, key_bound) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) "
      "ON CONFLICT (id) DO UPDATE SET server = ?2, name = ?3, member = ?4, "
      "display_name = ?5, role = ?6, key_bound = 1",
      error, group->id, group->server, group->name, group->member,
      group->display_name, group->role, now, NULL);
}

void
_commons_sync_set_group_status (CommonsStore *store,
                                const char   *group,
                                const char   *last_error)
{
  g_autofree char *now = commons_time_now ();

  if (last_error == NULL)
    _commons_sync_exec_bound (store, "UPDATE groups SET last_sync = ?1, last_error = NULL WHERE id = ?2",
                              NULL, now, group, NULL);
  else
    _commons_sync_exec_bound (store, "UPDATE groups SET last_error = ?1 WHERE id = ?2",
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
  JsonObject *group_obj = _commons_sync_get_object (root, "group");
  JsonObject *member_obj = _commons_sync_get_object (root, "member");
  const char *token = _commons_sync_get_string (root, "token");
  g_autoptr(CommonsGroup) group = g_new0 (CommonsGroup, 1);

  group->id = g_strdup (_commons_sync_get_string (group_obj, "id"));
  group->name = g_strdup (_commons_sync_get_string (group_obj, "name"));
  group->member = g_strdup (_commons_sync_get_string (member_obj, "id"));
  group->role = g_strdup (_commons_sync_get_string (member_obj, "role"));
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
  body = _commons_sync_to_json (builder);

  answer = _commons_sync_client_request (self, "POST", server, "/v1/groups", g_getenv ("COMMONS_ADMIN_TOKEN"),
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
  body = _commons_sync_to_json (builder);

  answer = _commons_sync_client_request (self, "POST", server, "/v1/join", NULL, body, cancellable, &local_error);
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

char *
_commons_sync_client_group_token (CommonsSyncClient  *self,
                                  CommonsGroup       *group,
                                  GError            **error)
{
  return commons_credentials_lookup (self->data_dir, group->id, error);
}

JsonNode *
_commons_sync_client_group_request (CommonsSyncClient  *self,
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
  token = _commons_sync_client_group_token (self, group, error);
  if (token == NULL)
    return NULL;
  path = g_strdup_printf ("/v1/groups/%s%s", group->id, suffix);
  answer = _commons_sync_client_request (self, method, group->server, path, token, body, cancellable, error);
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
  body = _commons_sync_to_json (builder);

  answer = _commons_sync_client_group_request (self, group, "POST", "/invites", body, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;
  if (_commons_sync_get_string (json_node_get_object (answer), "code") == NULL)
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

  answer = _commons_sync_client_group_request (self, group, "GET", "", NULL, NULL, cancellable, error);
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

  answer = _commons_sync_client_group_request (self, group, "DELETE", suffix, NULL, NULL, cancellable, error);
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
  answer = _commons_sync_client_group_request (self, group, "DELETE", suffix, NULL, NULL, cancellable, &local_error);
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
  return _commons_sync_exec_bound (self->store, "DELETE FROM groups WHERE id = ?", error, group, NULL);
}

/* A member who joined before keys existed tells the server their key
 * once, with proof, before anything signed is pushed. */
gboolean
_commons_sync_client_bind_key (CommonsSyncClient  *self,
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
  body = _commons_sync_to_json (builder);
  path = g_strdup_printf ("/v1/groups/%s/key", group->id);
  answer = _commons_sync_client_request (self, "POST", group->server, path, token, body, cancellable, error);
  if (answer == NULL)
    return FALSE;
  return _commons_sync_exec_bound (self->store, "UPDATE groups SET key_bound = 1 WHERE id = ?", error, group->id, NULL);
}
