/* commons-server-endpoints.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <string.h>

#include "commons-json.h"
#include "commons-parallel.h"
#include "commons-server-private.h"
#include "commons-server-validate.h"

/* The /v1 endpoints (docs/api.md): how each answers, and the route from a
 * path and method to its handler. */

static char *
new_invite_code (guint8  *out_hash,
                 GError **error)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  guint8 bytes[15];
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) shown = g_string_new (NULL);
  guint32 acc = 0;
  guint bits = 0;

  if (!commons_server_random_secret (bytes, sizeof bytes, error))
    return NULL;
  for (gsize i = 0; i < sizeof bytes; i++)
    {
      acc = (acc << 8) | bytes[i];
      bits += 8;
      while (bits >= 5)
        {
          bits -= 5;
          g_string_append_c (plain, alphabet[(acc >> bits) & 31]);
        }
    }
  memset (bytes, 0, sizeof bytes);
  for (gsize i = 0; i < plain->len; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (shown, '-');
      g_string_append_c (shown, plain->str[i]);
    }
  commons_server_hash_secret (plain->str, out_hash);
  return g_string_free (g_steal_pointer (&shown), FALSE);
}

/* Answers. */

static void
respond_text (SoupServerMessage *msg,
              guint              status,
              char              *json)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, strlen (json));
}

static void
respond_node (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  respond_text (msg, status, json_to_string (node, FALSE));
}

char *
_commons_server_error_body (const char *code,
                            const char *message)
{
  g_autoptr(GString) body = g_string_new ("{\"error\":{\"code\":");

  commons_json_append_string (body, code);
  g_string_append (body, ",\"message\":");
  commons_json_append_string (body, message);
  g_string_append (body, "}}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

void
_commons_server_respond_error (SoupServerMessage *msg,
                               guint              status,
                               const char        *code,
                               const char        *message)
{
  respond_text (msg, status, _commons_server_error_body (code, message));
}

static void
respond_rate_limited (SoupServerMessage *msg,
                      guint              retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
  _commons_server_respond_error (msg, 429, "rate_limited", "Too many attempts from this address; try again later");
}

static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  if (error->domain == COMMONS_SERVER_ERROR && error->code == COMMONS_SERVER_ERROR_TOO_LARGE)
    _commons_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", error->message);
  else if (error->domain == COMMONS_SERVER_ERROR && error->code == COMMONS_SERVER_ERROR_FORBIDDEN)
    _commons_server_respond_error (msg, SOUP_STATUS_FORBIDDEN, "bad_proof", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_CONFLICT)
    _commons_server_respond_error (msg, SOUP_STATUS_CONFLICT, "conflict", error->message);
  else if (error->domain == COMMONS_SERVER_ERROR || error->domain == COMMONS_JSON_ERROR ||
           error->domain == JSON_PARSER_ERROR)
    _commons_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_NOT_FOUND)
    _commons_server_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_FORBIDDEN)
    _commons_server_respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_INVALID_CODE)
    _commons_server_respond_error (msg, SOUP_STATUS_FORBIDDEN, "invalid_code", error->message);
  else
    {
      g_warning ("Request failed: %s", error->message);
      _commons_server_respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The server could not do that");
    }
}

static gint64
now_seconds (void)
{
  return g_get_monotonic_time () / G_USEC_PER_SEC;
}

const char *
_commons_server_client_address (SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);

  return host != NULL ? host : "unknown";
}

/* The body, parsed, or %NULL after answering 400/413. */
static JsonObject *
read_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  object = commons_server_parse_object (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  if (object == NULL)
    respond_gerror (msg, error);
  return object;
}

/* The member a bearer token belongs to, or %NULL after answering 401, 404
 * or 429. A token of another group answers exactly as an unknown group. */
static CommonsServerMember *
authenticate (CommonsServer     *self,
              SoupServerMessage *msg,
              const char        *group)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  const char *address = _commons_server_client_address (msg);
  g_autofree char *token = NULL;
  g_autoptr(CommonsServerMember) member = NULL;
  guint8 hash[COMMONS_SECRET_HASH_SIZE];
  guint retry_after = 0;

  if (!commons_rate_limit_check (self->auth_failures, address, now_seconds (), &retry_after))
    {
      respond_rate_limited (msg, retry_after);
      return NULL;
    }
  if (header == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
      _commons_server_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "A bearer token is required");
      return NULL;
    }
  if (commons_server_parse_bearer (header, &token))
    {
      commons_server_hash_secret (token, hash);
      member = commons_server_store_authenticate (self->store, hash);
      memset (hash, 0, sizeof hash);
    }
  if (member == NULL)
    {
      commons_rate_limit_hit (self->auth_failures, address, now_seconds ());
      g_message ("Refused a token from %s", address);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      _commons_server_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "The token is not valid");
      return NULL;
    }
  if (group != NULL && strcmp (member->group, group) != 0)
    {
      _commons_server_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such group");
      return NULL;
    }
  return g_steal_pointer (&member);
}

static JsonNode *
membership_answer (CommonsServerMember *member,
                   const char          *group_name,
                   const char          *display_name,
                   const char          *token)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, member->group);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, group_name);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "member");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, member->member);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, member->organizer ? "organizer" : "member");
  json_builder_set_member_name (builder, "person");
  json_builder_add_string_value (builder, member->person);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Endpoints. */

static void
handle_info (CommonsServer     *self,
             SoupServerMessage *msg)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body,
      "{\"server\":\"commons-server\",\"version\":\"%s\",\"protocols\":[1],"
      "\"group_creation\":\"%s\",\"limits\":{\"max_body_bytes\":%" G_GSIZE_FORMAT ","
      "\"max_batch\":%d,\"max_page\":%d,\"max_revision_bytes\":%d,\"max_parents\":%d,"
      "\"max_depth\":%d,\"max_integer\":%" G_GINT64_FORMAT ","
      "\"auth_failures_per_minute\":%u,\"joins_per_minute\":%u,\"read_timeout_seconds\":%u}}",
      PACKAGE_VERSION, self->options.admin_only ? "admin" : "open",
      self->options.max_body, COMMONS_SERVER_MAX_BATCH, COMMONS_SERVER_MAX_PAGE,
      COMMONS_REVISION_MAX_SIZE, COMMONS_REVISION_MAX_PARENTS, COMMONS_JSON_MAX_DEPTH,
      COMMONS_JSON_MAX_INT, self->options.auth_failures_per_minute, self->options.joins_per_minute,
      self->options.read_timeout);
  respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&body), FALSE));
}

static void
handle_create_group (CommonsServer     *self,
                     SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsServerMember) member = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *token = NULL;
  CommonsServerRequest request;
  guint8 hash[COMMONS_SECRET_HASH_SIZE];

  if (self->options.admin_only)
    {
      const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                         "Authorization");
      const char *address = _commons_server_client_address (msg);
      g_autofree char *admin = NULL;
      gboolean ok = FALSE;
      guint retry_after = 0;

      if (!commons_rate_limit_check (self->auth_failures, address, now_seconds (), &retry_after))
        {
          respond_rate_limited (msg, retry_after);
          return;
        }
      if (commons_server_parse_bearer (header, &admin))
        {
          commons_server_hash_secret (admin, hash);
          ok = commons_server_store_is_admin_token (self->store, hash);
        }
      if (!ok)
        {
          if (header != NULL)
            commons_rate_limit_hit (self->auth_failures, address, now_seconds ());
          _commons_server_respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                                         "This server creates groups only with an admin token");
          return;
        }
    }

  object = read_object (msg);
  if (object == NULL)
    return;
  if (!commons_server_parse_create (object, &request, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  token = commons_server_new_token (hash, &error);
  if (token != NULL)
    member = commons_server_store_create_group (self->store, request.name, request.display_name,
                                                request.person, hash, &error);
  if (member == NULL)
    {
      respond_gerror (msg, error);
      commons_server_request_clear (&request);
      return;
    }
  g_message ("Created group %s with organizer %s", member->group, member->member);
  answer = membership_answer (member, request.name, request.display_name, token);
  respond_node (msg, SOUP_STATUS_CREATED, answer);
  commons_server_request_clear (&request);
}

static void
handle_join (CommonsServer     *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsServerMember) member = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *token = NULL;
  g_autofree char *group_name = NULL;
  const char *address = _commons_server_client_address (msg);
  CommonsServerRequest request;
  guint8 code_hash[COMMONS_SECRET_HASH_SIZE];
  guint8 hash[COMMONS_SECRET_HASH_SIZE];
  guint retry_after = 0;

  /* Every attempt counts, right or wrong: codes are short enough that
   * guessing must stay slow. */
  if (!commons_rate_limit_check (self->joins, address, now_seconds (), &retry_after))
    {
      respond_rate_limited (msg, retry_after);
      return;
    }
  commons_rate_limit_hit (self->joins, address, now_seconds ());

  object = read_object (msg);
  if (object == NULL)
    return;
  if (!commons_server_parse_join (object, &request, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  commons_server_hash_secret (request.code, code_hash);
  token = commons_server_new_token (hash, &error);
  if (token != NULL)
    member = commons_server_store_join (self->store, code_hash, request.display_name,
                                        request.person, hash, &error);
  if (member == NULL)
    {
      if (g_error_matches (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_INVALID_CODE))
        g_message ("Refused an invite code from %s", address);
      respond_gerror (msg, error);
      commons_server_request_clear (&request);
      return;
    }
  g_message ("Member %s joined group %s", member->member, member->group);
  group_name = commons_server_store_get_group_name (self->store, member->group_key);
  answer = membership_answer (member, group_name ? group_name : member->group, request.display_name, token);
  respond_node (msg, SOUP_STATUS_CREATED, answer);
  commons_server_request_clear (&request);
}

/* A member who joined before keys names their key once, with proof. */
static void
handle_bind_key (CommonsServer       *self,
                 SoupServerMessage   *msg,
                 CommonsServerMember *member)
{
  CommonsServerRequest request = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  object = read_object (msg);
  if (object == NULL)
    return;
  if (!commons_server_parse_bind_key (object, member->group, &request, &error) ||
      !commons_server_store_bind_key (self->store, member, request.person, &error))
    {
      respond_gerror (msg, error);
      commons_server_request_clear (&request);
      return;
    }
  commons_server_request_clear (&request);
  respond_text (msg, SOUP_STATUS_OK, g_strdup ("{\"status\":\"bound\"}"));
}

static void
handle_group (CommonsServer       *self,
              SoupServerMessage   *msg,
              CommonsServerMember *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = commons_server_store_group_info (self->store, member, &error);

  if (answer == NULL)
    respond_gerror (msg, error);
  else
    respond_node (msg, SOUP_STATUS_OK, answer);
}

static void
handle_create_invite (CommonsServer       *self,
                      SoupServerMessage   *msg,
                      CommonsServerMember *member)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *code = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GDateTime) expires_time = NULL;
  g_autofree char *expires_text = NULL;
  CommonsServerRequest request;
  guint8 hash[COMMONS_SECRET_HASH_SIZE];
  gint64 expires;

  object = read_object (msg);
  if (object == NULL)
    return;
  if (!commons_server_parse_invite (object, &request, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  expires = g_get_real_time () / G_USEC_PER_SEC + request.expires_in;
  code = new_invite_code (hash, &error);
  if (code != NULL)
    id = commons_server_store_create_invite (self->store, member, hash, request.uses, expires, &error);
  if (id == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  g_message ("Member %s made invite %s for group %s", member->member, id, member->group);
  expires_time = g_date_time_new_from_unix_utc (expires);
  expires_text = g_date_time_format (expires_time, "%Y-%m-%dT%H:%M:%SZ");

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "uses");
  json_builder_add_int_value (builder, request.uses);
  json_builder_set_member_name (builder, "expires");
  json_builder_add_string_value (builder, expires_text);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  respond_node (msg, SOUP_STATUS_CREATED, answer);
}

static void
handle_list_invites (CommonsServer       *self,
                     SoupServerMessage   *msg,
                     CommonsServerMember *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = commons_server_store_list_invites (self->store, member->group_key, &error);

  if (answer == NULL)
    respond_gerror (msg, error);
  else
    respond_node (msg, SOUP_STATUS_OK, answer);
}

static void
handle_revoke_invite (CommonsServer       *self,
                      SoupServerMessage   *msg,
                      CommonsServerMember *member,
                      const char          *invite)
{
  g_autoptr(GError) error = NULL;

  if (!commons_server_store_revoke_invite (self->store, member->group_key, invite, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  g_message ("Member %s revoked invite %s of group %s", member->member, invite, member->group);
  respond_text (msg, SOUP_STATUS_OK, g_strdup ("{\"status\":\"revoked\"}"));
}

static void
handle_remove_member (CommonsServer       *self,
                      SoupServerMessage   *msg,
                      CommonsServerMember *member,
                      const char          *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = commons_server_store_remove_member (self->store, member, target, &error);
  g_autoptr(GString) body = NULL;

  if (status == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  g_message ("Member %s of group %s is now %s (by %s)", target, member->group, status, member->member);
  body = g_string_new ("{\"member\":");
  commons_json_append_string (body, target);
  g_string_append_printf (body, ",\"status\":\"%s\"}", status);
  respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&body), FALSE));
}

static void
handle_push (CommonsServer       *self,
             SoupServerMessage   *msg,
             CommonsServerMember *member)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GString) answer = NULL;
  guint stored = 0;

  object = read_object (msg);
  if (object == NULL)
    return;
  items = commons_server_parse_push (object, commons_run_split, &error);
  if (items == NULL)
    {
      respond_gerror (msg, error);
      return;
    }
  answer = g_string_sized_new (64 + items->len * 120);
  g_string_append (answer, "{\"results\":[");
  if (!commons_server_store_push (self->store, member, items, answer, &stored, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  g_string_append (answer, "]}");
  if (stored > 0)
    g_debug ("Member %s stored %u of %u revisions in group %s",
             member->member, stored, items->len, member->group);
  respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&answer), FALSE));
}

static void
handle_pull (CommonsServer       *self,
             SoupServerMessage   *msg,
             CommonsServerMember *member,
             GHashTable          *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) answer = NULL;
  gint64 after, limit;

  if (!commons_server_parse_query_int (query, "after", 0, 0, COMMONS_JSON_MAX_INT, &after, &error) ||
      !commons_server_parse_query_int (query, "limit", COMMONS_SERVER_DEFAULT_PAGE, 1,
                                       COMMONS_SERVER_MAX_PAGE, &limit, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  answer = g_string_sized_new (4096);
  if (!commons_server_store_pull (self->store, member->group_key, after, limit, answer, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  respond_text (msg, SOUP_STATUS_OK, g_string_free (g_steal_pointer (&answer), FALSE));
}

static void
handle_digest (CommonsServer       *self,
               SoupServerMessage   *msg,
               CommonsServerMember *member,
               GHashTable          *query)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  gint64 upto, last, count;
  g_autofree char *body = NULL;

  if (!commons_server_parse_query_int (query, "upto", COMMONS_JSON_MAX_INT, 0, COMMONS_JSON_MAX_INT,
                                       &upto, &error) ||
      !commons_server_store_digest (self->store, member->group_key, upto, &last, &count, &digest, &error))
    {
      respond_gerror (msg, error);
      return;
    }
  body = g_strdup_printf ("{\"upto\":%" G_GINT64_FORMAT ",\"last\":%" G_GINT64_FORMAT
                          ",\"count\":%" G_GINT64_FORMAT ",\"digest\":\"%s\"}",
                          upto, last, count, digest);
  respond_text (msg, SOUP_STATUS_OK, g_steal_pointer (&body));
}

static void
method_not_allowed (SoupServerMessage *msg,
                    const char        *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  _commons_server_respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed here");
}

/* Every endpoint, by method and path: /info, /join, /groups, and below
 * /groups/{id} the group itself and what it holds. */
typedef enum
{
  ROUTE_INFO,
  ROUTE_JOIN,
  ROUTE_CREATE_GROUP,
  ROUTE_GROUP,
  ROUTE_LIST_INVITES,
  ROUTE_CREATE_INVITE,
  ROUTE_REVOKE_INVITE,
  ROUTE_REMOVE_MEMBER,
  ROUTE_PULL,
  ROUTE_PUSH,
  ROUTE_DIGEST,
  ROUTE_BIND_KEY,
} RouteId;

typedef enum
{
  ACCESS_ANYONE,
  ACCESS_MEMBER,
  ACCESS_ORGANIZER,
} RouteAccess;

typedef struct
{
  const char  *method;
  guint        n_parts;
  const char  *first;
  /* The part after the group's id, if any. */
  const char  *below;
  RouteAccess  access;
  RouteId      id;
} Route;

static const Route routes[] = {
  { "GET", 1, "info", NULL, ACCESS_ANYONE, ROUTE_INFO },
  { "POST", 1, "join", NULL, ACCESS_ANYONE, ROUTE_JOIN },
  { "POST", 1, "groups", NULL, ACCESS_ANYONE, ROUTE_CREATE_GROUP },
  { "GET", 2, "groups", NULL, ACCESS_MEMBER, ROUTE_GROUP },
  { "GET", 3, "groups", "invites", ACCESS_ORGANIZER, ROUTE_LIST_INVITES },
  { "POST", 3, "groups", "invites", ACCESS_ORGANIZER, ROUTE_CREATE_INVITE },
  { "DELETE", 4, "groups", "invites", ACCESS_ORGANIZER, ROUTE_REVOKE_INVITE },
  { "DELETE", 4, "groups", "members", ACCESS_MEMBER, ROUTE_REMOVE_MEMBER },
  { "GET", 3, "groups", "revisions", ACCESS_MEMBER, ROUTE_PULL },
  { "POST", 3, "groups", "revisions", ACCESS_MEMBER, ROUTE_PUSH },
  { "GET", 3, "groups", "digest", ACCESS_MEMBER, ROUTE_DIGEST },
  { "POST", 3, "groups", "key", ACCESS_MEMBER, ROUTE_BIND_KEY },
};

static gboolean
route_matches_path (const Route *route,
                    char       **parts,
                    guint        n)
{
  return route->n_parts == n && strcmp (route->first, parts[0]) == 0 &&
         (route->below == NULL || strcmp (route->below, parts[2]) == 0);
}

static void
dispatch (CommonsServer       *self,
          SoupServerMessage   *msg,
          const Route         *route,
          CommonsServerMember *member,
          char               **parts,
          GHashTable          *query)
{
  switch (route->id)
    {
    case ROUTE_INFO: handle_info (self, msg); break;
    case ROUTE_JOIN: handle_join (self, msg); break;
    case ROUTE_CREATE_GROUP: handle_create_group (self, msg); break;
    case ROUTE_GROUP: handle_group (self, msg, member); break;
    case ROUTE_LIST_INVITES: handle_list_invites (self, msg, member); break;
    case ROUTE_CREATE_INVITE: handle_create_invite (self, msg, member); break;
    case ROUTE_REVOKE_INVITE: handle_revoke_invite (self, msg, member, parts[3]); break;
    case ROUTE_REMOVE_MEMBER: handle_remove_member (self, msg, member, parts[3]); break;
    case ROUTE_PULL: handle_pull (self, msg, member, query); break;
    case ROUTE_PUSH: handle_push (self, msg, member); break;
    case ROUTE_DIGEST: handle_digest (self, msg, member, query); break;
    case ROUTE_BIND_KEY: handle_bind_key (self, msg, member); break;
    default: g_assert_not_reached ();
    }
}

void
_commons_server_handle_request_cb (SoupServer        *soup,
                                   SoupServerMessage *msg,
                                   const char        *path,
                                   GHashTable        *query,
                                   gpointer           user_data)
{
  CommonsServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");
  g_autoptr(CommonsServerMember) member = NULL;
  g_autoptr(GString) allow = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  const Route *route = NULL;
  guint n = 0;

  g_assert (COMMONS_IS_SERVER (self));

  if (state != NULL && state->too_large)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      _commons_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", "Request body is too large");
      return;
    }

  /* The route and the method first, so that an unknown path answers the
   * same with or without a token; then the token. */
  parts = commons_server_split_path (path, &n);
  for (guint i = 0; parts != NULL && i < G_N_ELEMENTS (routes); i++)
    {
      if (!route_matches_path (&routes[i], parts, n))
        continue;
      if (allow->len > 0)
        g_string_append (allow, ", ");
      g_string_append (allow, routes[i].method);
      if (g_strcmp0 (method, routes[i].method) == 0)
        route = &routes[i];
    }
  if (allow->len == 0)
    {
      _commons_server_respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint");
      return;
    }
  if (route == NULL)
    {
      method_not_allowed (msg, allow->str);
      return;
    }

  if (route->access != ACCESS_ANYONE)
    {
      member = authenticate (self, msg, parts[1]);
      if (member == NULL)
        return;
      if (route->access == ACCESS_ORGANIZER && !member->organizer)
        {
          _commons_server_respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Only an organizer manages invites");
          return;
        }
    }
  dispatch (self, msg, route, member, parts, query);
}
