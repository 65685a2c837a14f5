/* commons-json.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-json"

#include "config.h"

#include <string.h>

#include "commons-json.h"

G_DEFINE_QUARK (commons-json-error-quark, commons_json_error)

/* A strict JSON reader. json-glib 1.6 recurses without a limit, wraps
 * integers that do not fit 64 bits and keeps the last of duplicate keys, so
 * no untrusted document goes through its parser: this scanner checks a
 * document and, when asked, builds its json-glib tree in the same pass
 * (sync reads tens of megabytes at a time, and json-glib's own parser,
 * reading everything a second time, was most of what reading cost). */
typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  guint       depth;
  guint       max_depth;
  GError    **error;
  /* Decoded strings while building, reused from one to the next. */
  GString    *text;
} Scanner;

static gboolean scan_value (Scanner   *s,
                            JsonNode **out);

static gboolean
fail (Scanner    *s,
      int         code,
      const char *message)
{
  /* Where, so that a person can find it in a file they were sent. */
  g_set_error (s->error, COMMONS_JSON_ERROR, code, "%s (at byte %" G_GSIZE_FORMAT ")",
               message, (gsize) (s->p - s->start));
  return FALSE;
}

static void
skip_ws (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

/* Four hex digits at @p, or -1. */
static int
read_hex4 (const char *p,
           const char *end)
{
  int value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }
  return value;
}

/* A \uXXXX escape at s->p (on the 'u'), with the low half of a surrogate
 * pair if one is needed. Leaves s->p after it. */
static gboolean
scan_unicode_escape (Scanner  *s,
                     gunichar *out)
{
  int unit = read_hex4 (s->p + 1, s->end);

  if (unit < 0)
    return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Bad \\u escape: four hex digits must follow");
  if (unit == 0)
    return fail (s, COMMONS_JSON_ERROR_NUL,
                 "String contains a NUL character (\\u0000), which is not allowed");
  if (unit >= 0xDC00 && unit <= 0xDFFF)
    return fail (s, COMMONS_JSON_ERROR_UTF8, "Unpaired UTF-16 surrogate in \\u escape");
  if (unit >= 0xD800 && unit <= 0xDBFF)
    {
      int low = -1;

      if (s->end - s->p >= 7 && s->p[5] == '\\' && s->p[6] == 'u')
        low = read_hex4 (s->p + 7, s->end);
      if (low < 0xDC00 || low > 0xDFFF)
        return fail (s, COMMONS_JSON_ERROR_UTF8, "Unpaired UTF-16 surrogate in \\u escape");
      *out = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
      s->p += 11;
      return TRUE;
    }
  *out = (gunichar) unit;
  s->p += 5;
  return TRUE;
}

/* Scans a string, decoding it into @out if it is not %NULL: keys are
 * compared as they decode, so "n\u0061me" and "name" are one key. */
static gboolean
scan_string (Scanner  *s,
             GString  *out)
{
  const char *start;
  const char *run;

  g_assert (*s->p == '"');
  s->p++;
  start = run = s->p;

  while (s->p < s->end)
    {
      guchar c = (guchar) *s->p;

      if (c == '"')
        {
          /* Escapes are ASCII and decode to valid UTF-8, so checking the
           * text as written checks everything else. */
          if (!g_utf8_validate (start, s->p - start, NULL))
            return fail (s, COMMONS_JSON_ERROR_UTF8, "String is not valid UTF-8");
          if (out != NULL)
            g_string_append_len (out, run, s->p - run);
          s->p++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Control character in string");
      if (c == '\\')
        {
          gunichar decoded;

          if (out != NULL)
            g_string_append_len (out, run, s->p - run);
          s->p++;
          if (s->p >= s->end)
            break;
          switch (*s->p)
            {
            case '"': decoded = '"'; s->p++; break;
            case '\\': decoded = '\\'; s->p++; break;
            case '/': decoded = '/'; s->p++; break;
            case 'b': decoded = '\b'; s->p++; break;
            case 'f': decoded = '\f'; s->p++; break;
            case 'n': decoded = '\n'; s->p++; break;
            case 'r': decoded = '\r'; s->p++; break;
            case 't': decoded = '\t'; s->p++; break;
            case 'u':
              if (!scan_unicode_escape (s, &decoded))
                return FALSE;
              break;
            default:
              return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Bad escape in string");
            }
          if (out != NULL)
            g_string_append_unichar (out, decoded);
          run = s->p;
          continue;
        }
      s->p++;
    }

  return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Unterminated string");
}

static gboolean
scan_number (Scanner *s,
             gint64  *out)
{
  gboolean negative = FALSE;
  guint64 value = 0;

  if (*s->p == '-')
    {
      negative = TRUE;
      s->p++;
    }
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Bad number");
  if (*s->p == '0' && s->p + 1 < s->end && g_ascii_isdigit (s->p[1]))
    return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Leading zero in number");

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    {
      value = value * 10 + (guint64) (*s->p - '0');
      if (value > (guint64) COMMONS_JSON_MAX_INT)
        return fail (s, COMMONS_JSON_ERROR_NUMBER, "Integer out of range");
      s->p++;
    }

  if (s->p < s->end && (*s->p == '.' || *s->p == 'e' || *s->p == 'E'))
    return fail (s, COMMONS_JSON_ERROR_NUMBER, "Only integers are allowed");

  *out = negative ? -(gint64) value : (gint64) value;
  return TRUE;
}

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Unexpected character");
  s->p += len;
  return TRUE;
}

static gboolean
scan_container (Scanner   *s,
                JsonNode **out)
{
  gboolean is_object = (*s->p == '{');
  char close = is_object ? '}' : ']';
  /* Keys seen, when nothing is built that would know them. */
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) array = NULL;

  if (++s->depth > s->max_depth)
    return fail (s, COMMONS_JSON_ERROR_DEPTH, "Document is nested too deeply");

  if (out != NULL && is_object)
    object = json_object_new ();
  else if (out != NULL)
    array = json_array_new ();
  else if (is_object)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  s->p++;
  skip_ws (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      goto done;
    }

  for (;;)
    {
      g_autofree char *key = NULL;
      JsonNode *value = NULL;

      skip_ws (s);
      if (s->p >= s->end)
        return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Unexpected end of document");

      if (is_object)
        {
          const char *key_start = s->p;

          if (*s->p != '"')
            return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Expected a key");
          g_string_truncate (s->text, 0);
          if (!scan_string (s, s->text))
            return FALSE;
          if (object != NULL ? json_object_has_member (object, s->text->str)
                             : g_hash_table_contains (keys, s->text->str))
            {
              g_autoptr(GString) message = g_string_new ("Duplicate key ");

              commons_json_append_string (message, s->text->len <= 64 ? s->text->str : "…");
              g_string_append (message, " in object");
              s->p = key_start;
              return fail (s, COMMONS_JSON_ERROR_DUPLICATE_KEY, message->str);
            }
          key = g_strndup (s->text->str, s->text->len);
          skip_ws (s);
          if (s->p >= s->end || *s->p != ':')
            return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Expected ':'");
          s->p++;
          skip_ws (s);
        }

      if (!scan_value (s, out != NULL ? &value : NULL))
        return FALSE;
      if (object != NULL)
        json_object_set_member (object, key, value);
      else if (array != NULL)
        json_array_add_element (array, value);
      else if (keys != NULL)
        g_hash_table_add (keys, g_steal_pointer (&key));

      skip_ws (s);
      if (s->p >= s->end)
        return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Unexpected end of document");
      if (*s->p == ',')
        {
          s->p++;
          continue;
        }
      if (*s->p == close)
        {
          s->p++;
          goto done;
        }
      return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Expected ',' or a closing bracket");
    }

done:
  s->depth--;
  if (object != NULL)
    *out = json_node_init_object (json_node_alloc (), object);
  else if (array != NULL)
    *out = json_node_init_array (json_node_alloc (), array);
  return TRUE;
}

static gboolean
scan_literal_value (Scanner    *s,
                    const char *word,
                    JsonNode  **out)
{
  if (!scan_literal (s, word))
    return FALSE;
  if (out == NULL)
    return TRUE;
  if (*word == 'n')
    *out = json_node_init_null (json_node_alloc ());
  else
    *out = json_node_init_boolean (json_node_alloc (), *word == 't');
  return TRUE;
}

/* Scans one value; builds its node into @out unless @out is %NULL. */
static gboolean
scan_value (Scanner   *s,
            JsonNode **out)
{
  gint64 number;

  if (s->p >= s->end)
    return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Unexpected end of document");

  switch (*s->p)
    {
    case '{':
    case '[':
      return scan_container (s, out);
    case '"':
      if (out == NULL)
        return scan_string (s, NULL);
      g_string_truncate (s->text, 0);
      if (!scan_string (s, s->text))
        return FALSE;
      *out = json_node_init_string (json_node_alloc (), s->text->str);
      return TRUE;
    case 't':
      return scan_literal_value (s, "true", out);
    case 'f':
      return scan_literal_value (s, "false", out);
    case 'n':
      return scan_literal_value (s, "null", out);
    default:
      if (*s->p != '-' && !g_ascii_isdigit (*s->p))
        return fail (s, COMMONS_JSON_ERROR_SYNTAX, "Unexpected character");
      if (!scan_number (s, &number))
        return FALSE;
      if (out != NULL)
        *out = json_node_init_int (json_node_alloc (), number);
      return TRUE;
    }
}

/* Scans the whole of @data as one value, building it into @out unless
 * @out is %NULL. */
static gboolean
scan_document (const char  *data,
               gsize        length,
               guint        max_depth,
               JsonNode   **out,
               GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) root = NULL;
  Scanner s = { data, data, data + length, 0, max_depth, error, text };
  const char *nul;

  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      s.p = nul;
      return fail (&s, COMMONS_JSON_ERROR_NUL, "NUL byte in document");
    }

  skip_ws (&s);
  if (!scan_value (&s, out != NULL ? &root : NULL))
    return FALSE;
  skip_ws (&s);
  if (s.p != s.end)
    return fail (&s, COMMONS_JSON_ERROR_SYNTAX, "Trailing data after document");

  /* Not sealed, unlike what json-glib's immutable parser returned: sealing
   * walks and hashes the whole tree a second time, and
   * nothing edits a parsed document in place. */
  if (out != NULL)
    *out = g_steal_pointer (&root);
  return TRUE;
}

/**
 * commons_json_check:
 * @data: the document
 * @length: its length in bytes
 * @max_depth: the deepest nesting allowed
 * @error: return location for a #GError
 *
 * Checks that @data is one strict JSON value: valid UTF-8 in every string,
 * no NUL character, raw or escaped, no unpaired UTF-16 surrogate escape,
 * nested at most @max_depth deep, integers only and within
 * ±%COMMONS_JSON_MAX_INT, no duplicate keys (compared as they decode, so
 * "n\u0061me" repeats "name"). Runs in constant stack space
 * per nesting level and never allocates more than one key set per level.
 *
 * Returns: %TRUE if the document may be handed to json-glib
 */
gboolean
commons_json_check (const char  *data,
                    gsize        length,
                    guint        max_depth,
                    GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  return scan_document (data, length, max_depth, NULL, error);
}

/**
 * commons_json_parse:
 * @data: the document
 * @length: its length, or -1 if NUL-terminated
 * @error: return location for a #GError
 *
 * Parses @data under the rules of commons_json_check(), in one pass.
 *
 * Returns: (transfer full): the root node
 */
JsonNode *
commons_json_parse (const char  *data,
                    gssize       length,
                    GError     **error)
{
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!scan_document (data, length, COMMONS_JSON_MAX_DEPTH, &root, error))
    return NULL;
  return root;
}

/**
 * commons_json_append_string:
 * @out: where to append
 * @str: a UTF-8 string
 *
 * Appends @str as a canonical JSON string: quotes, backslashes and control
 * characters escaped (the usual short escapes where they exist, else
 * lower-case \u00xx), everything else as UTF-8.
 */
void
commons_json_append_string (GString    *out,
                            const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
append_node (GString   *out,
             JsonNode  *node,
             guint      depth,
             GError   **error)
{
  if (depth > COMMONS_JSON_MAX_DEPTH)
    {
      g_set_error_literal (error, COMMONS_JSON_ERROR, COMMONS_JSON_ERROR_DEPTH,
                           "Document is nested too deeply");
      return FALSE;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            const char *str = json_node_get_string (node);

            if (!g_utf8_validate (str, -1, NULL))
              {
                g_set_error_literal (error, COMMONS_JSON_ERROR, COMMONS_JSON_ERROR_UTF8,
                                     "String is not valid UTF-8");
                return FALSE;
              }
            commons_json_append_string (out, str);
          }
        else if (type == G_TYPE_INT64)
          {
            gint64 v = json_node_get_int (node);

            if (v > COMMONS_JSON_MAX_INT || v < -COMMONS_JSON_MAX_INT)
              {
                g_set_error_literal (error, COMMONS_JSON_ERROR, COMMONS_JSON_ERROR_NUMBER,
                                     "Integer out of range");
                return FALSE;
              }
            g_string_append_printf (out, "%" G_GINT64_FORMAT, v);
          }
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else
          {
            g_set_error_literal (error, COMMONS_JSON_ERROR, COMMONS_JSON_ERROR_NUMBER,
                                 "Only integers are allowed");
            return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            if (!append_node (out, json_array_get_element (array, i), depth + 1, error))
              return FALSE;
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GPtrArray) keys = g_ptr_array_new ();
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &key, &member))
          g_ptr_array_add (keys, (gpointer) key);
        g_ptr_array_sort (keys, compare_keys);

        g_string_append_c (out, '{');
        for (guint i = 0; i < keys->len; i++)
          {
            const char *k = g_ptr_array_index (keys, i);

            if (i > 0)
              g_string_append_c (out, ',');
            if (!g_utf8_validate (k, -1, NULL))
              {
                g_set_error_literal (error, COMMONS_JSON_ERROR, COMMONS_JSON_ERROR_UTF8,
                                     "Key is not valid UTF-8");
                return FALSE;
              }
            commons_json_append_string (out, k);
            g_string_append_c (out, ':');
            if (!append_node (out, json_object_get_member (object, k), depth + 1, error))
              return FALSE;
          }
        g_string_append_c (out, '}');
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * commons_json_canonical:
 * @node: a JSON node
 * @error: return location for a #GError
 *
 * Serializes @node canonically: object keys sorted by their UTF-8 bytes, no
 * insignificant whitespace, strings escaped as commons_json_append_string()
 * does, integers only. Equal documents give equal bytes, so their SHA-256
 * names them.
 *
 * Returns: (transfer full): the canonical text, or %NULL on error
 */
char *
commons_json_canonical (JsonNode  *node,
                        GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);

  if (!append_node (out, node, 0, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
