/* commons-snippet.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "commons-record-list.h"
#include "commons-snippet.h"

/**
 * commons_snippet_markup:
 * @snippet: (nullable): a search snippet, its matches between
 *   %COMMONS_MATCH_START and %COMMONS_MATCH_END
 * @max_chars: how many characters to keep: a row shows one ellipsized
 *   line, but Pango shapes the whole text before it cuts it
 *
 * The notes, plans and questions lists all show their search hits so.
 *
 * Returns: (transfer full): @snippet as Pango markup on one line, its
 *   matches in bold, cut with "…" after @max_chars characters
 */
char *
commons_snippet_markup (const char *snippet,
                        glong       max_chars)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = snippet;
  glong room = max_chars;
  gboolean bold = FALSE;

  if (snippet == NULL)
    return g_strdup ("");

  /* Escape the text between the markers, then turn the markers into
   * bold: escaping first would mangle the markers themselves. */
  while (*p != '\0')
    {
      gsize span = strcspn (p, COMMONS_MATCH_START COMMONS_MATCH_END "\n");

      if (span > 0)
        {
          glong length = g_utf8_strlen (p, span);
          g_autofree char *escaped = NULL;

          if (length >= room)
            {
              escaped = g_markup_escape_text (p, g_utf8_offset_to_pointer (p, room) - p);
              g_string_append (markup, escaped);
              if (bold)
                g_string_append (markup, "</b>");
              bold = FALSE;
              /* A text of exactly the room left is not cut. */
              if (length > room || p[span] != '\0')
                g_string_append (markup, "…");
              break;
            }
          room -= length;
          escaped = g_markup_escape_text (p, span);
          g_string_append (markup, escaped);
          p += span;
          if (*p == '\0')
            break;
        }
      if (*p == COMMONS_MATCH_START[0] && !bold)
        {
          g_string_append (markup, "<b>");
          bold = TRUE;
        }
      else if (*p == COMMONS_MATCH_END[0] && bold)
        {
          g_string_append (markup, "</b>");
          bold = FALSE;
        }
      else if (*p == '\n')
        {
          g_string_append_c (markup, ' ');
          if (room > 0)
            room--;
        }
      p++;
    }
  if (bold)
    g_string_append (markup, "</b>");
  return g_string_free (g_steal_pointer (&markup), FALSE);
}
