/* commons-server.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "commons-json.h"
#include "commons-server.h"
#include "commons-server-rate-limit.h"
#include "commons-server-validate.h"

/* The /v1 API (docs/api.md) on a SoupServer. Requests are handled one at a
 * time on the main thread with one SQLite connection: a push commits
 * before its answer is written, and a pull sees every commit before it.
 * Logs name groups and members by id, never tokens or invite codes. */

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

G_DEFINE_FINAL_TYPE (CommonsServer, commons_server, G_TYPE_OBJECT)

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

static void
commons_server_finalize (GObject *object)
{
  CommonsServer *self = (CommonsServer *)object;

  g_clear_object (&self->soup);
  g_clear_object (&self->store);
  g_clear_pointer (&self->auth_failures, commons_rate_limit_free);
  g_clear_pointer (&self->joins, commons_rate_limit_free);

  G_OBJECT_CLASS (commons_server_parent_class)->finalize (object);
}

static void
commons_server_class_init (CommonsServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_server_finalize;
}

static void
commons_server_init (CommonsServer *self)
{
}

/* Secrets. */

/**
 * commons_server_random_secret:
 *
 * Fills @buffer from the kernel's cryptographic generator (getrandom(2)).
 * GRand is not fit for secrets.
 */
gboolean
commons_server_random_secret (guint8  *buffer,
                              gsize    length,
                              GError **error)
{
  gsize filled = 0;

  while (filled < length)
    {
      ssize_t n = getrandom (buffer + filled, length - filled, 0);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot get random bytes: %s", g_strerror (saved));
          return FALSE;
        }
      filled += (gsize) n;
    }
  return TRUE;
}

void
commons_server_hash_secret (const char *secret,
                            guint8     *out_hash)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = COMMONS_SECRET_HASH_SIZE;

  g_checksum_update (sum, (const guchar *) secret, strlen (secret));
  g_checksum_get_digest (sum, out_hash, &len);
}

/* 256 random bits as unpadded base64url (43 characters). */
char *
commons_server_new_token (guint8  *out_hash,
                          GError **error)
{
  guint8 bytes[32];
  g_autofree char *text = NULL;
  gsize len;

  if (!commons_server_random_secret (bytes, sizeof bytes, error))
    return NULL;
  text = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);
  len = strlen (text);
  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '+')
        text[i] = '-';
      else if (text[i] == '/')
        text[i] = '_';
    }
  commons_server_hash_secret (text, out_hash);
  return g_steal_pointer (&text);
}

/* 120 random bits in Crockford base32, grouped by four for reading. */
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

static char *
error_body (const char *code,
            const char *message)
{
  g_autoptr(GString) body = g_string_new ("{\"error\":{\"code\":");

  commons_json_append_string (body, code);
  g_string_append (body, ",\"message\":");
  commons_json_append_string (body, message);
  g_string_append (body, "}}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  respond_text (msg, status, error_body (code, message));
}

static void
respond_rate_limited (SoupServerMessage *msg,
                      guint              retry_after)
{
  g_autofree char *value = g_strdup_printf ("%u", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
  respond_error (msg, 429, "rate_limited", "Too many attempts from this address; try again later");
}

static void
respond_gerror (SoupServerMessage *msg,
                const GError      *error)
{
  if (error->domain == COMMONS_SERVER_ERROR && error->code == COMMONS_SERVER_ERROR_TOO_LARGE)
    respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", error->message);
  else if (error->domain == COMMONS_SERVER_ERROR && error->code == COMMONS_SERVER_ERROR_FORBIDDEN)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "bad_proof", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_CONFLICT)
    respond_error (msg, SOUP_STATUS_CONFLICT, "conflict", error->message);
  else if (error->domain == COMMONS_SERVER_ERROR || error->domain == COMMONS_JSON_ERROR ||
           error->domain == JSON_PARSER_ERROR)
    respond_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_NOT_FOUND)
    respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_FORBIDDEN)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", error->message);
  else if (error->domain == COMMONS_SERVER_STORE_ERROR &&
           error->code == COMMONS_SERVER_STORE_ERROR_INVALID_CODE)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "invalid_code", error->message);
  else
    {
      g_warning ("Request failed: %s", error->message);
      respond_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The server could not do that");
    }
}

static gint64
now_seconds (void)
{
  return g_get_monotonic_time () / G_USEC_PER_SEC;
}

static const char *
client_address (SoupServerMessage *msg)
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
  const char *address = client_address (msg);
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
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "A bearer token is required");
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
      respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "The token is not valid");
      return NULL;
    }
  if (group != NULL && strcmp (member->group, group) != 0)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such group");
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
      const char *address = client_address (msg);
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
          respond_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
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
  const char *address = client_address (msg);
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
  items = commons_server_parse_push (object, &error);
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
  respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed here");
}

static void
handle_request_cb (SoupServer        *soup,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  CommonsServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");
  g_autoptr(CommonsServerMember) member = NULL;
  g_auto(GStrv) parts = NULL;
  gboolean get = g_strcmp0 (method, SOUP_METHOD_GET) == 0;
  gboolean post = g_strcmp0 (method, SOUP_METHOD_POST) == 0;
  gboolean delete = g_strcmp0 (method, SOUP_METHOD_DELETE) == 0;
  guint n = 0;

  if (state != NULL && state->too_large)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", "Request body is too large");
      return;
    }

  parts = commons_server_split_path (path, &n);
  if (parts == NULL)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint");
      return;
    }

  if (n == 1 && strcmp (parts[0], "info") == 0)
    {
      if (get)
        handle_info (self, msg);
      else
        method_not_allowed (msg, "GET");
      return;
    }
  if (n == 1 && strcmp (parts[0], "join") == 0)
    {
      if (post)
        handle_join (self, msg);
      else
        method_not_allowed (msg, "POST");
      return;
    }
  if (strcmp (parts[0], "groups") != 0)
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint");
      return;
    }
  if (n == 1)
    {
      if (post)
        handle_create_group (self, msg);
      else
        method_not_allowed (msg, "POST");
      return;
    }

  /* Everything below names a group: check the route and the method
   * first, so that an unknown path answers the same with or without a
   * token, then the token. */
  {
    const char *allow = NULL;
    gboolean ok = FALSE;

    if (n == 2)
      allow = "GET", ok = get;
    else if (n == 3 && strcmp (parts[2], "invites") == 0)
      allow = "GET, POST", ok = get || post;
    else if (n == 4 && strcmp (parts[2], "invites") == 0)
      allow = "DELETE", ok = delete;
    else if (n == 4 && strcmp (parts[2], "members") == 0)
      allow = "DELETE", ok = delete;
    else if (n == 3 && strcmp (parts[2], "revisions") == 0)
      allow = "GET, POST", ok = get || post;
    else if (n == 3 && strcmp (parts[2], "digest") == 0)
      allow = "GET", ok = get;
    else if (n == 3 && strcmp (parts[2], "key") == 0)
      allow = "POST", ok = post;

    if (allow == NULL)
      {
        respond_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No such endpoint");
        return;
      }
    if (!ok)
      {
        method_not_allowed (msg, allow);
        return;
      }
  }

  member = authenticate (self, msg, parts[1]);
  if (member == NULL)
    return;

  if (n == 2)
    handle_group (self, msg, member);
  else if (strcmp (parts[2], "revisions") == 0)
    {
      if (post)
        handle_push (self, msg, member);
      else
        handle_pull (self, msg, member, query);
    }
  else if (strcmp (parts[2], "digest") == 0)
    handle_digest (self, msg, member, query);
  else if (strcmp (parts[2], "key") == 0)
    handle_bind_key (self, msg, member);
  else if (strcmp (parts[2], "members") == 0)
    handle_remove_member (self, msg, member, parts[3]);
  else if (!member->organizer)
    respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Only an organizer manages invites");
  else if (n == 4)
    handle_revoke_invite (self, msg, member, parts[3]);
  else if (post)
    handle_create_invite (self, msg, member);
  else
    handle_list_invites (self, msg, member);
}

/* Hanging up.
 *
 * libsoup 3.2 reads a request's whole body before it writes any answer
 * (unless the client sent "Expect: 100-continue"), and gives up on no
 * request that stalls. A request whose length is invalid or over the
 * limit, or that stalls, is therefore taken from libsoup, answered here
 * and its connection closed. With @linger, the sending side is shut first
 * and what the client still sends is read and dropped for a bounded time,
 * so that the kernel does not reset the connection before the client has
 * read the answer. Nothing read here is kept. */

typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *answer;
  GCancellable *cancellable;
  guint         timeout_id;
  gboolean      linger;
  gsize         drained;
  gsize         drain_limit;
  guint8        buffer[8192];
} Hangup;

static void
hangup_finish (Hangup *hangup)
{
  g_clear_handle_id (&hangup->timeout_id, g_source_remove);
  /* The socket first, so that closing a TLS stream cannot wait on a peer
   * that does not read. */
  if (hangup->socket != NULL)
    g_socket_close (hangup->socket, NULL);
  g_io_stream_close (hangup->stream, NULL, NULL);
  g_clear_object (&hangup->stream);
  g_clear_object (&hangup->socket);
  g_clear_object (&hangup->cancellable);
  g_clear_pointer (&hangup->answer, g_bytes_unref);
  g_free (hangup);
}

static gboolean
hangup_timeout_cb (gpointer user_data)
{
  Hangup *hangup = user_data;

  /* The pending read or write finishes cancelled, and that ends it. */
  hangup->timeout_id = 0;
  g_cancellable_cancel (hangup->cancellable);
  return G_SOURCE_REMOVE;
}

static void
hangup_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Hangup *hangup = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0 || g_cancellable_is_cancelled (hangup->cancellable))
    {
      hangup_finish (hangup);
      return;
    }
  hangup->drained += (gsize) n;
  if (hangup->drained > hangup->drain_limit)
    {
      hangup_finish (hangup);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (hangup->stream),
                             hangup->buffer, sizeof hangup->buffer, G_PRIORITY_LOW,
                             hangup->cancellable, hangup_read_cb, hangup);
}

static void
hangup_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Hangup *hangup = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL) ||
      !hangup->linger || hangup->socket == NULL ||
      !g_socket_shutdown (hangup->socket, FALSE, TRUE, NULL))
    {
      hangup_finish (hangup);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (hangup->stream),
                             hangup->buffer, sizeof hangup->buffer, G_PRIORITY_LOW,
                             hangup->cancellable, hangup_read_cb, hangup);
}

/* Takes the connection from libsoup, answers @status if it is not 0,
 * and closes it. */
static void
hang_up (CommonsServer     *self,
         SoupServerMessage *msg,
         guint              status,
         const char        *code,
         const char        *message,
         gboolean           linger)
{
  g_autoptr(SoupServerMessage) keep = g_object_ref (msg);
  g_autoptr(GSocket) socket = NULL;
  GIOStream *stream;
  Hangup *hangup;

  if (soup_server_message_get_socket (msg) != NULL)
    socket = g_object_ref (soup_server_message_get_socket (msg));
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      /* Still in the TLS handshake: closing the socket makes it fail, and
       * libsoup then drops the connection itself. */
      if (socket != NULL)
        g_socket_close (socket, NULL);
      return;
    }

  hangup = g_new0 (Hangup, 1);
  hangup->stream = stream;
  hangup->socket = g_steal_pointer (&socket);
  hangup->cancellable = g_cancellable_new ();
  hangup->linger = linger;
  hangup->drain_limit = self->options.max_body;
  hangup->timeout_id = g_timeout_add_seconds (self->options.read_timeout, hangup_timeout_cb, hangup);

  if (status == 0)
    {
      hangup_finish (hangup);
      return;
    }
  {
    g_autofree char *body = error_body (code, message);
    g_autofree char *text = NULL;

    text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                            "Server: commons-server/" PACKAGE_VERSION "\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                            "Cache-Control: no-store\r\n"
                            "X-Content-Type-Options: nosniff\r\n"
                            "Connection: close\r\n"
                            "\r\n%s",
                            status, soup_status_get_phrase (status), strlen (body), body);
    hangup->answer = g_bytes_new_take (text, strlen (text));
    text = NULL;
  }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (hangup->stream),
                                   g_bytes_get_data (hangup->answer, NULL),
                                   g_bytes_get_size (hangup->answer),
                                   G_PRIORITY_DEFAULT, hangup->cancellable,
                                   hangup_written_cb, hangup);
}

/* Timeouts. A request has read_timeout seconds to arrive from the moment
 * its connection is accepted to the end of its headers; after that its
 * body, then its answer, may not stall for longer. */

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs deadline_funcs = {
  .dispatch = deadline_dispatch,
};

static void
request_state_free (gpointer data)
{
  RequestState *state = data;

  if (state->deadline != NULL)
    {
      g_source_destroy (state->deadline);
      g_source_unref (state->deadline);
    }
  g_free (state);
}

static void
arm_deadline (RequestState *state)
{
  g_source_set_ready_time (state->deadline,
                           g_get_monotonic_time () + state->self->options.read_timeout * G_USEC_PER_SEC);
}

static gboolean
deadline_cb (gpointer user_data)
{
  RequestState *state = user_data;
  CommonsServer *self = state->self;
  SoupServerMessage *msg = state->msg;

  g_message ("Closed a stalled connection from %s", client_address (msg));
  /* Nothing of an answer has been written before PHASE_ANSWER, so the
   * client can still be told why. */
  if (state->phase == PHASE_ANSWER)
    hang_up (self, msg, 0, NULL, NULL, FALSE);
  else
    hang_up (self, msg, SOUP_STATUS_REQUEST_TIMEOUT, "timeout",
             "The request did not arrive in time", FALSE);
  /* @state may be gone with the message; the source stays disarmed. */
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  arm_deadline (state);
}

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              size,
                    gpointer           user_data)
{
  progress_cb (msg, user_data);
}

static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  state->phase = PHASE_ANSWER;
  arm_deadline (state);
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  g_source_set_ready_time (state->deadline, -1);
}

/* Body limits, before the body is read. */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  CommonsServer *self = user_data;
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  arm_deadline (state);
  state->received += g_bytes_get_size (chunk);
  if (!state->too_large && state->received > self->options.max_body)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      /* Keep counting a chunked body, but stop keeping it. */
      state->too_large = TRUE;
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
  if (state->too_large && state->received > self->options.max_body + DRAIN_ALLOWANCE)
    {
      g_message ("Cut off an endless request body from %s", client_address (msg));
      hang_up (self, msg, 0, NULL, NULL, FALSE);
    }
}

static void
message_gone_cb (gpointer  user_data,
                 GObject  *where_the_object_was)
{
  CommonsServer *self = user_data;

  g_assert (self->in_flight > 0);
  self->in_flight--;
}

/* RFC 9110: Content-Length = 1*DIGIT. libsoup 3.2 reads it with
 * strtoull, so "-1", "+5" and lengths past 2^64 all pass as something
 * else. Returns FALSE if the header is not a length; @too_large if it is
 * one over @limit. Identical repeated values are one length. */
static gboolean
check_content_length (SoupMessageHeaders *headers,
                      gsize               limit,
                      gboolean           *too_large)
{
  const char *list = soup_message_headers_get_list (headers, "Content-Length");
  g_auto(GStrv) values = NULL;
  const char *first = NULL;

  *too_large = FALSE;
  if (list == NULL)
    return TRUE;
  values = g_strsplit (list, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *value = g_strstrip (values[i]);
      guint64 length = 0;
      gboolean over = FALSE;

      if (value[0] == '\0')
        return FALSE;
      for (const char *p = value; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          if (!over)
            {
              length = length * 10 + (guint64) (*p - '0');
              over = length > limit;
            }
        }
      if (first != NULL && strcmp (first, value) != 0)
        return FALSE;
      first = value;
      *too_large = *too_large || over;
    }
  return TRUE;
}

/* "application/json", any case, with no charset but UTF-8. */
static gboolean
is_json_type (SoupMessageHeaders *headers)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *charset;

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    return FALSE;
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  return charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0;
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  CommonsServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  gboolean too_large = FALSE;
  gboolean has_body;

  state->phase = PHASE_BODY;
  arm_deadline (state);
  self->in_flight++;
  g_object_weak_ref (G_OBJECT (msg), message_gone_cb, self);

  if (self->shutting_down)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "shutting_down", "The server is stopping");
      return;
    }

  /* Framing first: with a length that cannot be trusted, nothing after
   * the headers can be read as this request or as the next one. */
  if (!check_content_length (headers, self->options.max_body, &too_large) ||
      (soup_message_headers_get_one (headers, "Content-Length") != NULL &&
       soup_message_headers_get_one (headers, "Transfer-Encoding") != NULL))
    {
      g_message ("Refused a request with an invalid Content-Length from %s", client_address (msg));
      hang_up (self, msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
               "Content-Length is not a valid length", TRUE);
      return;
    }
  if (too_large)
    {
      hang_up (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
               "Request body is too large", TRUE);
      return;
    }

  /* Every body is JSON and says so; every POST has one. */
  has_body = encoding == SOUP_ENCODING_CHUNKED ||
             (encoding == SOUP_ENCODING_CONTENT_LENGTH && soup_message_headers_get_content_length (headers) > 0);
  if ((has_body || g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0) &&
      !is_json_type (headers))
    {
      /* Setting the status here means the handler never runs; the body,
       * of a length now known to be within the limit, is dropped as it
       * is read. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                     "Request bodies must be sent as application/json");
    }
}

/* libsoup before 3.4 keeps one reference to every socket it accepts and
 * never drops it (upstream's "soup-listener: Plug a leak"): a few hundred
 * bytes per connection, for good. That reference is dropped here, only
 * where it is known to exist: on those versions, the first time a socket
 * is seen, and only if it holds exactly the connection's reference and
 * the stray one. A libsoup with the fix backported holds one and is left
 * alone. */
static void
release_stray_socket_ref (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  static GQuark seen;

  if (socket == NULL || soup_get_major_version () != 3 || soup_get_minor_version () >= 4)
    return;
  if (seen == 0)
    seen = g_quark_from_static_string ("commons-server-seen");
  if (g_object_get_qdata (G_OBJECT (socket), seen) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (socket), seen, GINT_TO_POINTER (1));
  if (g_atomic_int_get (&G_OBJECT (socket)->ref_count) == 2)
    g_object_unref (socket);
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  CommonsServer *self = user_data;
  RequestState *state = g_new0 (RequestState, 1);

  state->self = self;
  state->msg = msg;
  state->phase = PHASE_HEADERS;
  state->deadline = g_source_new (&deadline_funcs, sizeof (GSource));
  g_source_set_static_name (state->deadline, "commons-server request deadline");
  g_source_set_callback (state->deadline, deadline_cb, state, NULL);
  g_source_attach (state->deadline, NULL);
  g_object_set_data_full (G_OBJECT (msg), "commons-request", state, request_state_free);
  arm_deadline (state);
  release_stray_socket_ref (msg);

  /* One request per connection. libsoup 3.2 never releases a kept-alive
   * connection that the client closes while it waits for the next
   * request, nor counts the wait against any timeout: each one would
   * hold a socket for good. Closing after every answer leaves no
   * connection idle in libsoup's hands. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");

  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
  g_signal_connect_object (msg, "got-body", G_CALLBACK (got_body_cb), self, 0);
  g_signal_connect_object (msg, "wrote-informational", G_CALLBACK (progress_cb), self, 0);
  g_signal_connect_object (msg, "wrote-headers", G_CALLBACK (progress_cb), self, 0);
  g_signal_connect_object (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self, 0);
  g_signal_connect_object (msg, "finished", G_CALLBACK (finished_cb), self, 0);
}

CommonsServer *
commons_server_new (CommonsServerStore         *store,
                    const CommonsServerOptions *options,
                    GTlsCertificate            *certificate)
{
  CommonsServer *self;

  g_return_val_if_fail (COMMONS_IS_SERVER_STORE (store), NULL);

  self = g_object_new (COMMONS_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->options = *options;
  if (self->options.max_body == 0 || self->options.max_body > COMMONS_SERVER_MAX_BODY)
    self->options.max_body = COMMONS_SERVER_MAX_BODY;
  if (self->options.read_timeout == 0)
    self->options.read_timeout = DEFAULT_READ_TIMEOUT;
  self->auth_failures = commons_rate_limit_new (options->auth_failures_per_minute);
  self->joins = commons_rate_limit_new (options->joins_per_minute);
  self->https = certificate != NULL;
  self->soup = soup_server_new ("server-header", "commons-server/" PACKAGE_VERSION " ", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (request_started_cb), self, 0);
  soup_server_add_handler (self->soup, NULL, handle_request_cb, self, NULL);
  return self;
}

static gboolean
parse_address (const char      *text,
               char           **host,
               guint16         *port,
               GError         **error)
{
  const char *colon;
  guint64 value;

  if (text[0] == '[')
    {
      const char *end = strstr (text, "]:");

      if (end == NULL)
        goto bad;
      *host = g_strndup (text + 1, end - text - 1);
      colon = end + 1;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL)
        goto bad;
      *host = g_strndup (text, colon - text);
    }
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_clear_pointer (host, g_free);
      goto bad;
    }
  *port = (guint16) value;
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "“%s” is not ADDRESS:PORT (for example 127.0.0.1:8080 or [::1]:8080)", text);
  return FALSE;
}

/**
 * commons_server_listen:
 * @address: "HOST:PORT"; port 0 picks a free one
 * @out_uri: (out): the base URI clients use, with the real port
 */
gboolean
commons_server_listen (CommonsServer  *self,
                       const char     *address,
                       char          **out_uri,
                       GError        **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;
  guint16 port = 0;

  if (!parse_address (address, &host, &port, error))
    return FALSE;
  socket_address = g_inet_socket_address_new_from_string (host, port);
  if (socket_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a numeric IP address", host);
      return FALSE;
    }
  if (!soup_server_listen (self->soup, socket_address,
                           self->https ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      g_autofree char *text = g_uri_to_string (uris->data);
      gsize len = strlen (text);

      while (len > 0 && text[len - 1] == '/')
        text[--len] = '\0';
      *out_uri = g_steal_pointer (&text);
    }
  else
    *out_uri = g_strdup (address);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

/* From now on, new requests are answered 503 and their connection
 * closed; requests already being read or answered finish normally. */
void
commons_server_begin_shutdown (CommonsServer *self)
{
  self->shutting_down = TRUE;
}

gboolean
commons_server_is_idle (CommonsServer *self)
{
  return self->in_flight == 0;
}
