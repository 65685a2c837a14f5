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

static char *
translate_name (const char *english)
{
  const char *translated = g_dgettext (ISO_639_DOMAIN, english);
  const char *semicolon = strchr (translated, ';');

  /* "Spanish; Castilian": the first name is enough. */
  return semicolon != NULL ? g_strndup (translated, semicolon - translated) : g_strdup (translated);
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
  g_autofree char *name = NULL;
  const char *dash;

  if (tag == NULL || *tag == '\0')
    return g_strdup ("");
  dash = strchr (tag, '-');
  primary = dash != NULL ? g_ascii_strdown (tag, dash - tag) : g_ascii_strdown (tag, -1);
  english = g_hash_table_lookup (get_names (), primary);
  if (english == NULL)
    return g_strdup (tag);

  name = translate_name (english);
  if (dash == NULL)
    return g_steal_pointer (&name);
  /* Translators: a language and the tag that names a variant of it,
   * such as "Portuguese (pt-BR)". */
  return g_strdup_printf (_("%s (%s)"), name, tag);
}

typedef struct
{
  char *tag;
  char *key;
} SortEntry;

static int
sort_entry_compare (gconstpointer a,
                    gconstpointer b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;

  return strcmp (x->key, y->key);
}

/**
 * commons_language_dup_known_tags:
 *
 * Returns: (transfer full): every two-letter tag iso-codes names, sorted by
 *   the language's name in the UI language; empty without iso-codes
 */
GStrv
commons_language_dup_known_tags (void)
{
  GHashTable *names = get_names ();
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), g_hash_table_size (names));
  GHashTableIter iter;
  gpointer tag, english;
  GStrv tags;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &tag, &english))
    {
      g_autofree char *name = translate_name (english);
      SortEntry entry = { tag, g_utf8_collate_key (name, -1) };

      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, sort_entry_compare);
  tags = g_new0 (char *, entries->len + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      SortEntry *entry = &g_array_index (entries, SortEntry, i);

      tags[i] = g_strdup (entry->tag);
      g_free (entry->key);
    }
  return tags;
}
