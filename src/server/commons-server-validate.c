/* commons-server-validate.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <string.h>

#include "commons-identity.h"
#include "commons-json.h"
#include "commons-server-validate.h"

G_DEFINE_QUARK (commons-server-error-quark, commons_server_error)

/* Crockford's base32: no I, L, O or U, so codes read aloud survive. */
static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
#define CODE_LENGTH 24

static gboolean
bad_request (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST, message);
  return FALSE;
}

/**
 * commons_server_parse_object:
 * @data: (array length=length): an untrusted request body
 *
 * Checks depth, numbers, UTF-8 and duplicate keys before json-glib sees
 * the body, then parses it.
 *
 * Returns: (transfer full): the body's top-level object
 */
JsonObject *
commons_server_parse_object (const char  *data,
                             gsize        length,
                             GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (length > COMMONS_SERVER_MAX_BODY)
    {
      g_set_error_literal (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_TOO_LARGE,
                           "Request body is too large");
      return NULL;
    }
  if (data == NULL || length == 0)
    {
      bad_request (error, "Request body is empty");
      return NULL;
    }
  node = commons_json_parse (data, length, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      bad_request (error, "Request body must be a JSON object");
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* A member that must be absent or a string of bounded length. */
static gboolean
get_text (JsonObject  *object,
          const char  *name,
          gboolean     required,
          gsize        max_chars,
          char       **out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;
  glong chars;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                       "Member \"%s\" is required", name);
          return FALSE;
        }
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                   "Member \"%s\" must be a string", name);
      return FALSE;
    }
  value = json_node_get_string (node);
  /* json-glib may have decoded \u0000; a name must survive C strings. */
  chars = g_utf8_strlen (value, -1);
  if (!g_utf8_validate (value, -1, NULL) || chars > (glong) max_chars)
    {
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                   "Member \"%s\" is too long", name);
      return FALSE;
    }
  *out = g_strstrip (g_strdup (value));
  if (required && **out == '\0')
    {
      g_clear_pointer (out, g_free);
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                   "Member \"%s\" must not be empty", name);
      return FALSE;
    }
  for (const char *p = *out; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_clear_pointer (out, g_free);
        g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                     "Member \"%s\" must not hold control characters", name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *name,
         gint64       fallback,
         gint64       min,
         gint64       max,
         gint64      *out,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = fallback;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                   "Member \"%s\" must be an integer", name);
      return FALSE;
    }
  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                   "Member \"%s\" must be between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                   name, min, max);
      return FALSE;
    }
  return TRUE;
}

/* The person is their key (DESIGN.md, "Identity"): only the exact
 * lower-case spelling of a public key is taken, and only with a proof that
 * the caller holds its private half, a signature of what the request is
 * for. A UUID from before keys can never be claimed again. */
static gboolean
get_person (JsonObject          *object,
            CommonsSignPurpose   purpose,
            const char          *subject,
            char               **out,
            GError             **error)
{
  g_autofree char *proof = NULL;

  if (!get_text (object, "person", TRUE, COMMONS_PERSON_KEY_LENGTH, out, error) ||
      !get_text (object, "proof", TRUE, COMMONS_SIGNATURE_LENGTH, &proof, error))
    {
      g_clear_pointer (out, g_free);
      return FALSE;
    }
  if (commons_person_id_classify (*out) != COMMONS_PERSON_KEY)
    {
      g_clear_pointer (out, g_free);
      return bad_request (error, "Member \"person\" must be a public key in lower-case hex");
    }
  if (!commons_identity_verify (*out, purpose, subject, proof))
    {
      g_clear_pointer (out, g_free);
      g_set_error_literal (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_FORBIDDEN,
                           "The proof is not the person's signature");
      return FALSE;
    }
  return TRUE;
}

void
commons_server_request_clear (CommonsServerRequest *request)
{
  g_clear_pointer (&request->name, g_free);
  g_clear_pointer (&request->display_name, g_free);
  g_clear_pointer (&request->person, g_free);
  g_clear_pointer (&request->code, g_free);
}

/* POST /v1/groups: {"name", "display_name", "person"} */
gboolean
commons_server_parse_create (JsonObject            *object,
                             CommonsServerRequest  *out,
                             GError               **error)
{
  memset (out, 0, sizeof *out);
  if (!get_text (object, "name", TRUE, COMMONS_SERVER_MAX_NAME, &out->name, error) ||
      !get_text (object, "display_name", TRUE, COMMONS_SERVER_MAX_NAME, &out->display_name, error) ||
      !get_person (object, COMMONS_SIGN_CREATE_GROUP, out->name, &out->person, error))
    {
      commons_server_request_clear (out);
      return FALSE;
    }
  return TRUE;
}

/* POST /v1/join: {"code", "display_name", "person"} */
gboolean
commons_server_parse_join (JsonObject            *object,
                           CommonsServerRequest  *out,
                           GError               **error)
{
  g_autofree char *code = NULL;

  memset (out, 0, sizeof *out);
  if (!get_text (object, "code", TRUE, 64, &code, error) ||
      !get_text (object, "display_name", TRUE, COMMONS_SERVER_MAX_NAME, &out->display_name, error) ||
      !get_person (object, COMMONS_SIGN_JOIN, code, &out->person, error))
    {
      commons_server_request_clear (out);
      return FALSE;
    }
  /* A code that cannot be one is still answered like a wrong code, so
   * the caller learns nothing from the difference. */
  out->code = commons_server_normalize_code (code);
  if (out->code == NULL)
    out->code = g_strdup ("");
  return TRUE;
}

/* POST /v1/groups/{group}/key: {"person", "proof"}, from a member who
 * joined before keys existed. */
gboolean
commons_server_parse_bind_key (JsonObject            *object,
                               const char            *group,
                               CommonsServerRequest  *out,
                               GError               **error)
{
  memset (out, 0, sizeof *out);
  return get_person (object, COMMONS_SIGN_BIND_KEY, group, &out->person, error);
}

/* POST /v1/groups/{group}/invites: {"uses", "expires_in"} */
gboolean
commons_server_parse_invite (JsonObject            *object,
                             CommonsServerRequest  *out,
                             GError               **error)
{
  memset (out, 0, sizeof *out);
  return get_int (object, "uses", 1, 1, COMMONS_SERVER_MAX_INVITE_USES, &out->uses, error) &&
         get_int (object, "expires_in", COMMONS_SERVER_DEFAULT_INVITE_SECONDS,
                  COMMONS_SERVER_MIN_INVITE_SECONDS, COMMONS_SERVER_MAX_INVITE_SECONDS,
                  &out->expires_in, error);
}

void
commons_push_item_free (CommonsPushItem *item)
{
  if (item == NULL)
    return;
  g_free (item->claimed_id);
  g_clear_pointer (&item->revision, commons_revision_unref);
  g_free (item->message);
  g_free (item);
}

const char *
commons_push_item_reason (CommonsPushItemState state)
{
  switch (state)
    {
    case COMMONS_PUSH_ITEM_OK:
      return NULL;
    case COMMONS_PUSH_ITEM_WRONG_ID:
      return "wrong_id";
    case COMMONS_PUSH_ITEM_TOO_LARGE:
      return "too_large";
    case COMMONS_PUSH_ITEM_INVALID:
    default:
      return "invalid";
    }
}

static CommonsPushItem *
parse_push_item (JsonNode *node)
{
  g_autoptr(CommonsPushItem) item = g_new0 (CommonsPushItem, 1);
  g_autoptr(GError) error = NULL;
  JsonNode *id_node;

  item->state = COMMONS_PUSH_ITEM_INVALID;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      item->message = g_strdup ("Revision must be an object");
      return g_steal_pointer (&item);
    }
  id_node = json_object_get_member (json_node_get_object (node), "id");
  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
      json_node_get_value_type (id_node) != G_TYPE_STRING ||
      !commons_revision_id_is_valid (json_node_get_string (id_node)))
    {
      item->message = g_strdup ("Revision needs an \"id\": 64 lower-case hex digits");
      return g_steal_pointer (&item);
    }
  item->claimed_id = g_strdup (json_node_get_string (id_node));

  item->revision = commons_revision_new_from_node (node, item->claimed_id, &error);
  if (item->revision != NULL)
    {
      item->state = COMMONS_PUSH_ITEM_OK;
      return g_steal_pointer (&item);
    }
  if (g_error_matches (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_WRONG_ID))
    item->state = COMMONS_PUSH_ITEM_WRONG_ID;
  else if (g_error_matches (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_TOO_LARGE))
    item->state = COMMONS_PUSH_ITEM_TOO_LARGE;
  item->message = g_strdup (error->message);
  return g_steal_pointer (&item);
}

typedef struct
{
  JsonArray *array;
  GPtrArray *items;
} ParsePush;

/* Reads only the elements of its own range and writes only their items:
 * two threads never touch the same revision's nodes. */
static void
parse_push_range (guint    from,
                  guint    to,
                  gpointer data)
{
  ParsePush *parse = data;

  for (guint i = from; i < to; i++)
    g_ptr_array_index (parse->items, i) = parse_push_item (json_array_get_element (parse->array, i));
}

/**
 * commons_server_parse_push:
 * @object: a push body, {"revisions": [...]}
 * @split: (nullable) (scope call): runs a function over ranges of the
 *   batch, perhaps on several threads; %NULL reads it on this one
 *
 * Checks the batch as a whole (an array, not too long) and each revision
 * on its own: shape, sizes, and that its id is the SHA-256 of its
 * canonical body. A bad revision does not fail the batch.
 *
 * Returns: (transfer container) (element-type CommonsPushItem): one item
 *   per revision sent, in order
 */
GPtrArray *
commons_server_parse_push (JsonObject          *object,
                           CommonsServerSplit   split,
                           GError             **error)
{
  g_autoptr(GPtrArray) items = NULL;
  JsonNode *node = json_object_get_member (object, "revisions");
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      bad_request (error, "Member \"revisions\" must be an array");
      return NULL;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > COMMONS_SERVER_MAX_BATCH)
    {
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_TOO_LARGE,
                   "A push carries at most %d revisions", COMMONS_SERVER_MAX_BATCH);
      return NULL;
    }
  items = g_ptr_array_new_full (n, (GDestroyNotify) commons_push_item_free);
  g_ptr_array_set_size (items, n);
  /* Each revision stands alone, and hashing its canonical body is most of
   * reading it: the server reads half of a batch on a second processor. */
  {
    ParsePush parse = { array, items };

    if (split != NULL)
      split (n, parse_push_range, &parse);
    else
      parse_push_range (0, n, &parse);
  }
  return g_steal_pointer (&items);
}

/* A cursor: plain decimal digits, no sign, no spaces, within range. */
gboolean
commons_server_parse_seq (const char *text,
                          gint64     *out)
{
  guint64 value = 0;
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);
  if (len == 0 || len > 16)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (guint64) (text[i] - '0');
    }
  if (value > (guint64) COMMONS_JSON_MAX_INT)
    return FALSE;
  *out = (gint64) value;
  return TRUE;
}

gboolean
commons_server_parse_query_int (GHashTable  *query,
                                const char  *name,
                                gint64       fallback,
                                gint64       min,
                                gint64       max,
                                gint64      *out,
                                GError     **error)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!commons_server_parse_seq (text, out) || *out < min || *out > max)
    {
      g_set_error (error, COMMONS_SERVER_ERROR, COMMONS_SERVER_ERROR_BAD_REQUEST,
                   "Query parameter \"%s\" must be an integer from %" G_GINT64_FORMAT
                   " to %" G_GINT64_FORMAT, name, min, max);
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_server_normalize_code:
 * @code: an invite code as a person typed it
 *
 * Drops dashes and spaces, folds case and the letters people confuse
 * with digits.
 *
 * Returns: (transfer full) (nullable): the code's canonical form, or
 *   %NULL if it cannot be a code
 */
char *
commons_server_normalize_code (const char *code)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (code == NULL)
    return NULL;
  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (c == '\0' || strchr (code_alphabet, c) == NULL)
        return NULL;
      if (out->len >= CODE_LENGTH)
        return NULL;
      g_string_append_c (out, c);
    }
  if (out->len != CODE_LENGTH)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * commons_server_split_path:
 * @path: a request path, already percent-decoded by libsoup
 *
 * Returns: (transfer full) (nullable): the path's segments after "/v1",
 *   or %NULL if the path is not under /v1 or has empty segments
 */
char **
commons_server_split_path (const char *path,
                           guint      *n_segments)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  *n_segments = 0;
  if (path == NULL || !g_str_has_prefix (path, "/v1/") || strlen (path) > 512)
    return NULL;
  parts = g_strsplit (path + strlen ("/v1/"), "/", 8);
  n = g_strv_length (parts);
  if (n == 0 || n > 6)
    return NULL;
  for (guint i = 0; i < n; i++)
    if (parts[i][0] == '\0')
      return NULL;
  *n_segments = n;
  return g_steal_pointer (&parts);
}

/* Tokens are 32 random bytes in unpadded base64url: 43 characters. */
gboolean
commons_server_token_is_wellformed (const char *token)
{
  gsize len;

  if (token == NULL)
    return FALSE;
  len = strlen (token);
  if (len != 43)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (token[i]) && token[i] != '-' && token[i] != '_')
      return FALSE;
  return TRUE;
}

/**
 * commons_server_parse_bearer:
 * @header: (nullable): an Authorization header
 * @token: (out) (transfer full): the token, if the header carries one
 *
 * Returns: %TRUE if the header is a well-formed bearer token
 */
gboolean
commons_server_parse_bearer (const char  *header,
                             char       **token)
{
  const char *p;

  *token = NULL;
  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  p = header + 7;
  while (*p == ' ')
    p++;
  if (!commons_server_token_is_wellformed (p))
    return FALSE;
  *token = g_strdup (p);
  return TRUE;
}
