/* commons-language.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-language"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "commons-language.h"

/* Language names for what people read (exports, history, the command
 * line), from iso-codes as the app's language picker has them: ISO 639-2,
 * the languages with a two-letter code, translated through iso-codes' own
 * gettext domain. */

#define ISO_639_DOMAIN "iso_639-2"

/* Two-letter tag to English name; read once, iso-codes is small. */
static GHashTable *
load_names (void)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array = NULL;

  for (const char * const *dir = g_get_system_data_dirs (); *dir != NULL; dir++)
    {
      g_autofree char *path = g_build_filename (*dir, "iso-codes", "json", "iso_639-2.json", NULL);

      if (json_parser_load_from_file (parser, path, NULL))
        {
          JsonNode *root = json_parser_get_root (parser);

          if (JSON_NODE_HOLDS_OBJECT (root) &&
              json_object_has_member (json_node_get_object (root), "639-2"))
            array = json_object_get_array_member (json_node_get_object (root), "639-2");
          break;
        }
    }
  if (array == NULL)
    {
      g_debug ("iso-codes not found; languages are shown by their tags");
      return names;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *tag = entry != NULL ? json_object_get_string_member_with_default (entry, "alpha_2", NULL) : NULL;
      const char *name = entry != NULL ? json_object_get_string_member_with_default (entry, "name", NULL) : NULL;

      if (tag != NULL && name != NULL)
        g_hash_table_insert (names, g_strdup (tag), g_strdup (name));
    }
  return names;
}

static GHashTable *
get_names (void)
{
  static gsize initialized;
  static GHashTable *names;

  if (g_once_init_enter (&initialized))
    {
      names = load_names ();
      g_once_init_leave (&initialized, 1);
    }
  return names;
}

/**
 * commons_language_dup_display_name:
 * @tag: (nullable): a BCP 47 tag such as "sw" or "pt-BR"
 *
 * Returns: (transfer full): the language's name in the UI language, with
 *   the tag when it names a variant ("Portuguese (pt-BR)"), @tag itself
 *   when the language is unknown, or "" for none
 */
char *
commons_language_dup_display_name (const char *tag)
{
  g_autofree char *primary = NULL;
  const char *english;
  const char *translated;
  const char *semicolon;
  g_autofree char *name = NULL;
  const char *dash;

  if (tag == NULL || *tag == '\0')
    return g_strdup ("");
  dash = strchr (tag, '-');
  primary = dash != NULL ? g_ascii_strdown (tag, dash - tag) : g_ascii_strdown (tag, -1);
  english = g_hash_table_lookup (get_names (), primary);
  if (english == NULL)
    return g_strdup (tag);

  translated = g_dgettext (ISO_639_DOMAIN, english);
  /* "Spanish; Castilian": the first name is enough. */
  semicolon = strchr (translated, ';');
  name = semicolon != NULL ? g_strndup (translated, semicolon - translated) : g_strdup (translated);
  if (dash == NULL)
    return g_steal_pointer (&name);
  /* Translators: a language and the tag that names a variant of it,
   * such as "Portuguese (pt-BR)". */
  return g_strdup_printf (_("%s (%s)"), name, tag);
}
