/* test-json.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "commons-json.h"

static char *
canonical_of (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = commons_json_parse (text, -1, &error);
  char *out;

  g_assert_no_error (error);
  g_assert_nonnull (node);
  out = commons_json_canonical (node, &error);
  g_assert_no_error (error);
  return out;
}

static void
test_key_order (void)
{
  g_autofree char *a = canonical_of ("{\"b\": 1, \"a\": {\"z\": [1, 2], \"y\": null}, \"A\": true}");
  g_autofree char *b = canonical_of ("{\"A\":true,\"a\":{\"y\":null,\"z\":[1,2]},\"b\":1}");

  g_assert_cmpstr (a, ==, "{\"A\":true,\"a\":{\"y\":null,\"z\":[1,2]},\"b\":1}");
  g_assert_cmpstr (a, ==, b);
}

static void
test_escaping (void)
{
  g_autofree char *out = canonical_of ("[\"q\\\"b\\\\s\\/ \\n\\t\\r\\b\\f \\u0001 \\u00e9\"]");

  /* Solidus is not escaped, control characters use short escapes where
   * they exist, \u00xx otherwise, and non-ASCII is written as UTF-8. */
  g_assert_cmpstr (out, ==, "[\"q\\\"b\\\\s/ \\n\\t\\r\\b\\f \\u0001 é\"]");
}

static void
test_non_ascii (void)
{
  g_autofree char *out = canonical_of ("{\"é\": \"élève\", \"e\": \"مرحبا\", \"z\": \"学习\"}");

  /* Keys sort by their UTF-8 bytes: "e" < "z" < "é". */
  g_assert_cmpstr (out, ==, "{\"e\":\"مرحبا\",\"z\":\"学习\",\"é\":\"élève\"}");
}

static void
test_refuses (void)
{
  const char *bad[] = {
    "{\"a\": 1.5}",
    "{\"a\": 1e3}",
    "[9007199254740992]",
    "[-9007199254740992]",
    "[99999999999999999999999]",
    "{\"a\": 1, \"a\": 2}",
    "[\"\xff\"]",
    "[01]",
    "[1,]",
    "{\"a\" 1}",
    "[\"unterminated]",
    "[1] [2]",
    "",
    "[\"\\x\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = commons_json_parse (bad[i], -1, &error);

      g_assert_null (node);
      g_assert_error (error, COMMONS_JSON_ERROR, error->code);
    }
}

static void
test_deep_nesting (void)
{
  gsize depth = 200000;
  g_autofree char *text = g_malloc (depth * 2 + 1);
  g_autoptr(GError) error = NULL;

  memset (text, '[', depth);
  memset (text + depth, ']', depth);
  text[depth * 2] = '\0';

  g_assert_false (commons_json_check (text, depth * 2, COMMONS_JSON_MAX_DEPTH, &error));
  g_assert_error (error, COMMONS_JSON_ERROR, COMMONS_JSON_ERROR_DEPTH);
}

static void
test_limits_accepted (void)
{
  g_autofree char *out = canonical_of ("[9007199254740991, -9007199254740991, 0, -0]");

  g_assert_cmpstr (out, ==, "[9007199254740991,-9007199254740991,0,0]");
}

static void
assert_refused (const char *text,
                int         code,
                const char *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = commons_json_parse (text, -1, &error);

  g_test_message ("%s: %s", text, error ? error->message : "accepted");
  g_assert_null (node);
  g_assert_error (error, COMMONS_JSON_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
}

/* Keys are compared as they decode, however they are spelt. */
static void
test_duplicate_escaped_keys (void)
{
  assert_refused ("{\"name\": 1, \"n\\u0061me\": 2}", COMMONS_JSON_ERROR_DUPLICATE_KEY, "name");
  assert_refused ("{\"n\\u0061me\": 1, \"na\\u006De\": 2}", COMMONS_JSON_ERROR_DUPLICATE_KEY, "name");
  assert_refused ("{\"\\u00e9\": 1, \"\xc3\xa9\": 2}", COMMONS_JSON_ERROR_DUPLICATE_KEY, "Duplicate key");
  assert_refused ("{\"a/b\": 1, \"a\\/b\": 2}", COMMONS_JSON_ERROR_DUPLICATE_KEY, "Duplicate key");
  assert_refused ("{\"\\\\\": 1, \"\\u005c\": 2}", COMMONS_JSON_ERROR_DUPLICATE_KEY, "Duplicate key");
  assert_refused ("{\"\\ud83d\\ude00\": 1, \"\xf0\x9f\x98\x80\": 2}", COMMONS_JSON_ERROR_DUPLICATE_KEY,
                  "Duplicate key");
  assert_refused ("[{\"a\": {\"b\": 1, \"\\u0062\": 2}}]", COMMONS_JSON_ERROR_DUPLICATE_KEY, "Duplicate key");

  /* Same spelling in different objects, or different keys, are fine. */
  {
    g_autofree char *out = canonical_of ("{\"a\": {\"n\\u0061me\": 1}, \"b\": {\"name\": 2}, \"n\\u0061mE\": 3}");

    g_assert_cmpstr (out, ==, "{\"a\":{\"name\":1},\"b\":{\"name\":2},\"namE\":3}");
  }
}

/* json-glib would keep a string up to its first NUL; refuse it instead. */
static void
test_nul_in_string (void)
{
  assert_refused ("[\"a\\u0000b\"]", COMMONS_JSON_ERROR_NUL, "NUL");
  assert_refused ("{\"title\": \"\\u0000\"}", COMMONS_JSON_ERROR_NUL, "NUL");
  assert_refused ("{\"ti\\u0000tle\": 1}", COMMONS_JSON_ERROR_NUL, "NUL");
  assert_refused ("{\"a\": [1, {\"b\": \"x\\u0000\"}]}", COMMONS_JSON_ERROR_NUL, "NUL");

  /* Other control characters escape and survive. */
  {
    g_autofree char *out = canonical_of ("[\"\\u0001\\u001f\"]");

    g_assert_cmpstr (out, ==, "[\"\\u0001\\u001f\"]");
  }
}

/* UTF-16 escapes: pairs decode to one character, halves are refused. */
static void
test_surrogates (void)
{
  assert_refused ("[\"\\ud800\"]", COMMONS_JSON_ERROR_UTF8, "surrogate");
  assert_refused ("[\"\\udc00\"]", COMMONS_JSON_ERROR_UTF8, "surrogate");
  assert_refused ("[\"\\ud800\\u0041\"]", COMMONS_JSON_ERROR_UTF8, "surrogate");
  assert_refused ("[\"\\ud800x\"]", COMMONS_JSON_ERROR_UTF8, "surrogate");
  {
    g_autofree char *out = canonical_of ("[\"\\ud83d\\ude00 \\u00E9\"]");

    g_assert_cmpstr (out, ==, "[\"\xf0\x9f\x98\x80 \xc3\xa9\"]");
  }
}

/* A random document in the shapes sync meets, with every kind of
 * value, escapes, non-ASCII text and varied whitespace. */
static void
random_value (GRand   *rand,
              GString *out,
              guint    depth)
{
  static const char *const pieces[] = {
    "a", "Fractions", "\\n", "\\\"", "\\u00e9", "élève", "مرحبا", "学习", "\\ud83d\\ude00",
    "\\t", "\\/", " ", "\\u0001", "x",
  };
  static const char *const spaces[] = { "", " ", "\n  ", "\t" };
  guint kind = g_rand_int_range (rand, 0, depth < 4 ? 7 : 5);

  g_string_append (out, spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))]);
  switch (kind)
    {
    case 0:
      g_string_append (out, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 1:
      g_string_append (out, "null");
      break;
    case 2:
      {
        static const gint64 ints[] = { 0, 1, -1, 42, 9007199254740991, -9007199254740991, 1700000000000 };

        g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                g_rand_boolean (rand) ? ints[g_rand_int_range (rand, 0, G_N_ELEMENTS (ints))]
                                                      : (gint64) g_rand_int (rand) - G_MAXINT32);
      }
      break;
    case 3:
    case 4:
      g_string_append_c (out, '"');
      for (guint i = g_rand_int_range (rand, 0, 6); i > 0; i--)
        g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_string_append_c (out, '"');
      break;
    case 5:
      g_string_append_c (out, '[');
      for (guint i = 0, n = g_rand_int_range (rand, 0, 5); i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          random_value (rand, out, depth + 1);
        }
      g_string_append_c (out, ']');
      break;
    default:
      g_string_append_c (out, '{');
      for (guint i = 0, n = g_rand_int_range (rand, 0, 6); i < n; i++)
        {
          /* Distinct keys, in no particular order. */
          g_string_append_printf (out, "%s\"k%u%s\":", i > 0 ? "," : "", (n - i) * 7 % 11 + i * 11,
                                  g_rand_boolean (rand) ? "\\u00e9" : "");
          random_value (rand, out, depth + 1);
        }
      g_string_append_c (out, '}');
      break;
    }
  g_string_append (out, spaces[g_rand_int_range (rand, 0, G_N_ELEMENTS (spaces))]);
}

static JsonNode *
parse_with_json_glib (const char *text,
                      gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

/* The one-pass reader builds what json-glib's parser built, member order
 * and value types included; and a damaged document it accepts, json-glib
 * reads the same. */
static void
test_parse_same_as_json_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  guint n_damaged_accepted = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) ours = NULL;
      g_autoptr(JsonNode) theirs = NULL;
      g_autofree char *ours_text = NULL;
      g_autofree char *theirs_text = NULL;

      random_value (rand, text, 0);
      if (i % 2 == 1)
        {
          /* One byte changed, dropped or cut short. */
          guint at = g_rand_int_range (rand, 0, text->len);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:
              {
                /* The terminating NUL is one of them too. */
                static const char bytes[] = "{}[],:\"\\0-9 ae\x80";

                text->str[at] = bytes[g_rand_int_range (rand, 0, sizeof bytes)];
              }
              break;
            case 1:
              g_string_erase (text, at, 1);
              break;
            default:
              g_string_truncate (text, at);
              break;
            }
        }

      ours = commons_json_parse (text->str, text->len, &error);
      if (ours == NULL)
        {
          g_assert_error (error, COMMONS_JSON_ERROR, error->code);
          g_assert_false (commons_json_check (text->str, text->len, COMMONS_JSON_MAX_DEPTH, NULL));
          continue;
        }
      g_assert_true (commons_json_check (text->str, text->len, COMMONS_JSON_MAX_DEPTH, NULL));
      if (i % 2 == 1)
        n_damaged_accepted++;
      theirs = parse_with_json_glib (text->str, text->len);
      g_assert_nonnull (theirs);
      g_assert_true (json_node_equal (ours, theirs));
      ours_text = json_to_string (ours, FALSE);
      theirs_text = json_to_string (theirs, FALSE);
      g_assert_cmpstr (ours_text, ==, theirs_text);
    }
  /* Some changes leave a valid document (a changed letter in a string). */
  g_assert_cmpuint (n_damaged_accepted, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/canonical/key-order", test_key_order);
  g_test_add_func ("/json/canonical/escaping", test_escaping);
  g_test_add_func ("/json/canonical/non-ascii", test_non_ascii);
  g_test_add_func ("/json/check/refuses", test_refuses);
  g_test_add_func ("/json/check/deep-nesting", test_deep_nesting);
  g_test_add_func ("/json/check/limits", test_limits_accepted);
  g_test_add_func ("/json/check/duplicate-escaped-keys", test_duplicate_escaped_keys);
  g_test_add_func ("/json/check/nul-in-string", test_nul_in_string);
  g_test_add_func ("/json/check/surrogates", test_surrogates);
  g_test_add_func ("/json/parse/same-as-json-glib", test_parse_same_as_json_glib);

  return g_test_run ();
}
