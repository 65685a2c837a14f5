/* commons-plan-export.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-language.h"
#include "commons-license.h"
#include "commons-plan-export.h"

/* Text that sits on one line of Markdown (a title, a list item): folded
 * onto that line, with the characters Markdown would read as markup
 * escaped, so it prints as written. */
static void
append_inline (GString    *out,
               const char *text)
{
  gboolean space = FALSE;
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;

  /* What would start a heading or a list at the start of a line. */
  if (*p == '#' || *p == '-' || *p == '+' || *p == '=')
    g_string_append_c (out, '\\');
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          p = q;
        }
    }

  for (; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      space = FALSE;
      if (strchr ("\\`*_[]<>", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Long text is the author's own and may hold Markdown already; only line
 * ends are normalized and trailing blank lines dropped. */
static void
append_block (GString    *out,
              const char *text,
              const char *indent)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);

  while (n > 0 && *g_strchomp (lines[n - 1]) == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      g_strchomp (lines[i]);
      if (*lines[i] != '\0')
        g_string_append_printf (out, "%s%s", indent, lines[i]);
      g_string_append_c (out, '\n');
    }
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
append_heading (GString    *out,
                const char *heading)
{
  g_string_append_printf (out, "\n## %s\n\n", heading);
}

static void
append_section (GString    *out,
                const char *heading,
                const char *text)
{
  if (is_blank (text))
    return;
  append_heading (out, heading);
  append_block (out, text, "");
}

static void
append_list (GString    *out,
             const char *heading,
             GListModel *items)
{
  guint n = g_list_model_get_n_items (items);

  if (n == 0)
    return;
  append_heading (out, heading);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsPlanItem) item = g_list_model_get_item (items, i);

      g_string_append (out, "- ");
      append_inline (out, commons_plan_item_get_text (item));
      g_string_append_c (out, '\n');
    }
}

static void
append_meta (GString    *out,
             gboolean   *first,
             const char *label,
             const char *value)
{
  if (value == NULL || is_blank (value))
    return;
  if (!*first)
    g_string_append (out, " · ");
  *first = FALSE;
  g_string_append_printf (out, "**%s:** ", label);
  append_inline (out, value);
}

/**
 * commons_plan_to_markdown:
 *
 * Writes the plan as a Markdown document: title, a line of facts, the
 * summary, objectives, materials, numbered activities with their minutes,
 * assessment, accessibility notes and, for a remix, its credit lines.
 * Empty sections are left out.
 *
 * Returns: (transfer full): the document, in UTF-8, ending in a newline
 */
char *
commons_plan_to_markdown (CommonsPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *duration = NULL;
  g_autofree char *language = NULL;
  gboolean first = TRUE;
  GListModel *activities;
  guint n;

  g_return_val_if_fail (COMMONS_IS_PLAN (plan), NULL);

  g_string_append (out, "# ");
  append_inline (out, commons_plan_get_title (plan));
  g_string_append (out, "\n\n");

  /* Translators: a lesson's total length in minutes. */
  duration = g_strdup_printf (_("%u min"), commons_plan_get_duration (plan));
  append_meta (out, &first, _("Subject"), commons_plan_get_subject (plan));
  append_meta (out, &first, _("Level"), commons_plan_get_level (plan));
  language = commons_language_dup_display_name (commons_plan_get_language (plan));
  append_meta (out, &first, _("Language"), language);
  append_meta (out, &first, _("Duration"), duration);
  append_meta (out, &first, _("License"), commons_license_get_display_name (commons_plan_get_license (plan)));
  g_string_append (out, "\n");

  if (!is_blank (commons_plan_get_summary (plan)))
    {
      g_string_append (out, "\n");
      append_block (out, commons_plan_get_summary (plan), "");
    }

  append_list (out, _("Objectives"), commons_plan_get_objectives (plan));
  append_list (out, _("Materials"), commons_plan_get_materials (plan));

  activities = commons_plan_get_activities (plan);
  n = g_list_model_get_n_items (activities);
  if (n > 0)
    {
      append_heading (out, _("Activities"));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CommonsActivity) activity = g_list_model_get_item (activities, i);
          g_autofree char *number = g_strdup_printf ("%u. ", i + 1);
          g_autofree char *indent = g_strnfill (strlen (number), ' ');

          if (i > 0)
            g_string_append_c (out, '\n');
          g_string_append_printf (out, "%s**", number);
          append_inline (out, commons_activity_get_title (activity));
          g_string_append (out, "** (");
          g_string_append_printf (out, _("%u min"), commons_activity_get_minutes (activity));
          g_string_append (out, ")\n");
          if (!is_blank (commons_activity_get_instructions (activity)))
            {
              g_string_append_c (out, '\n');
              append_block (out, commons_activity_get_instructions (activity), indent);
            }
        }
    }

  append_section (out, _("Assessment"), commons_plan_get_assessment (plan));
  append_section (out, _("Accessibility"), commons_plan_get_accessibility (plan));

  if (!is_blank (commons_plan_get_credit (plan)))
    {
      g_auto(GStrv) credits = g_strsplit (commons_plan_get_credit (plan), "\n", -1);

      g_string_append (out, "\n---\n\n");
      for (guint i = 0; credits[i] != NULL; i++)
        {
          if (is_blank (credits[i]))
            continue;
          g_string_append_c (out, '*');
          append_inline (out, credits[i]);
          g_string_append (out, "*\n");
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
