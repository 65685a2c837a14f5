/* commons-plan-render.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-render"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-language.h"
#include "commons-license.h"
#include "commons-plan-render.h"

/* One plan, set out as Pango markup, for the page that reads it and for
 * the printed sheet. Both walk the plan in the same order and escape
 * every field the same way; the style says only what differs between a
 * screen and paper. */

typedef struct
{
  const char *title_size;
  const char *heading_size;
  /* What starts each objective and material. */
  const char *bullet;
  /* Paper sets the summary under the title without a heading. */
  gboolean    summary_heading;
} Look;

static const Look looks[] = {
  [COMMONS_PLAN_RENDER_SCREEN] = { "xx-large", "large", "•", TRUE },
  /* A check box to tick in class. */
  [COMMONS_PLAN_RENDER_PAPER] = { "180%", "120%", "☐", FALSE },
};

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static void
append_heading (GString    *out,
                const Look *look,
                const char *heading)
{
  g_autofree char *escaped = g_markup_escape_text (heading, -1);

  g_string_append_printf (out, "\n<span weight=\"bold\" size=\"%s\">%s</span>\n",
                          look->heading_size, escaped);
}

static void
append_section (GString    *out,
                const Look *look,
                const char *heading,
                const char *text)
{
  g_autofree char *escaped = NULL;

  if (is_empty (text))
    return;
  escaped = g_markup_escape_text (text, -1);
  if (heading != NULL)
    append_heading (out, look, heading);
  else
    g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", escaped);
}

static void
append_items (GString    *out,
              const Look *look,
              const char *heading,
              GListModel *items)
{
  guint n = g_list_model_get_n_items (items);

  if (n == 0)
    return;
  append_heading (out, look, heading);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsPlanItem) item = g_list_model_get_item (items, i);
      g_autofree char *escaped = g_markup_escape_text (commons_plan_item_get_text (item), -1);

      g_string_append_printf (out, "%s %s\n", look->bullet, escaped);
    }
}

static char *
minutes_text (guint minutes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
}

/**
 * commons_plan_render_total:
 * @minutes: the length of the plan's activities together
 *
 * Returns: (transfer full): "Total: 45 minutes", as the page and the
 *   editor say it
 */
char *
commons_plan_render_total (guint minutes)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Total: %u minute", "Total: %u minutes", minutes),
                          minutes);
}

/* Subject, level and language, then where it is shared (on screen) or
 * how long it takes (on paper), dimmed under the title. */
static void
append_facts (GString                *out,
              CommonsPlan            *plan,
              CommonsPlanRenderStyle  style,
              const char             *where)
{
  g_autofree char *language = NULL;
  g_autofree char *length = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  const char *parts[4];

  language = commons_language_dup_display_name (commons_plan_get_language (plan));
  if (style == COMMONS_PLAN_RENDER_PAPER)
    length = minutes_text (commons_plan_get_duration (plan));
  parts[0] = commons_plan_get_subject (plan);
  parts[1] = commons_plan_get_level (plan);
  parts[2] = language;
  parts[3] = style == COMMONS_PLAN_RENDER_SCREEN ? where : length;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *escaped = NULL;

      if (is_empty (parts[i]))
        continue;
      escaped = g_markup_escape_text (parts[i], -1);
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, escaped);
    }
  if (line->len > 0)
    g_string_append_printf (out, "<span alpha=\"70%%\">%s</span>\n", line->str);
}

/* On screen each activity is numbered with its length and the total
 * follows; on paper each says when it starts and ends. */
static void
append_activities (GString                *out,
                   const Look             *look,
                   CommonsPlan            *plan,
                   CommonsPlanRenderStyle  style)
{
  GListModel *activities = commons_plan_get_activities (plan);
  guint n = g_list_model_get_n_items (activities);
  guint start = 0;

  if (n == 0)
    return;
  append_heading (out, look, _("Activities"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsActivity) activity = g_list_model_get_item (activities, i);
      guint minutes = commons_activity_get_minutes (activity);
      g_autofree char *name = g_markup_escape_text (commons_activity_get_title (activity), -1);
      g_autofree char *how = g_markup_escape_text (commons_activity_get_instructions (activity), -1);

      if (style == COMMONS_PLAN_RENDER_SCREEN)
        {
          g_autofree char *length = minutes_text (minutes);

          g_string_append_printf (out, "%u. <b>%s</b> (%s)\n", i + 1, name, length);
          if (*how != '\0')
            g_string_append_printf (out, "    %s\n", how);
        }
      else
        {
          /* Translators: when an activity runs, in minutes from the start
           * of the lesson, such as "10–25 min". */
          g_autofree char *when = g_strdup_printf (_("%u–%u min"), start, start + minutes);

          g_string_append_printf (out, "<b>%s</b>  %s\n", when, name);
          if (*how != '\0')
            g_string_append_printf (out, "<span size=\"90%%\">%s</span>\n", how);
        }
      start += minutes;
    }
  if (style == COMMONS_PLAN_RENDER_SCREEN)
    {
      g_autofree char *total = commons_plan_render_total (commons_plan_get_duration (plan));

      g_string_append_printf (out, "<i>%s</i>\n", total);
    }
}

/* On screen the license is explained, with why the plan cannot be
 * changed where it cannot, and the credit has its own heading; on paper
 * both are one line of small type. */
static void
append_license (GString                *out,
                const Look             *look,
                CommonsPlan            *plan,
                CommonsPlanRenderStyle  style,
                const char             *license_note)
{
  const CommonsLicense *license = commons_license_lookup (commons_plan_get_license (plan));
  const char *credit = commons_plan_get_credit (plan);

  if (is_empty (credit))
    credit = NULL;

  if (style == COMMONS_PLAN_RENDER_SCREEN)
    {
      if (license != NULL)
        {
          g_autofree char *line = g_strdup_printf ("%s — %s", commons_license_get_name (license),
                                                   commons_license_get_explanation (license));

          if (!is_empty (license_note))
            {
              g_autofree char *both = g_strconcat (line, "\n", license_note, NULL);

              append_section (out, look, _("License"), both);
            }
          else
            append_section (out, look, _("License"), line);
        }
      append_section (out, look, _("Credit"), credit);
      return;
    }

  if (license == NULL && credit == NULL)
    return;
  g_string_append (out, "\n<span size=\"80%\" alpha=\"70%\">");
  if (license != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (commons_license_get_name (license), -1);

      g_string_append (out, escaped);
    }
  if (credit != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (credit, -1);

      g_string_append_printf (out, "%s%s", license != NULL ? " · " : "", escaped);
    }
  g_string_append (out, "</span>\n");
}

/**
 * commons_plan_render_markup:
 * @style: for the screen or for paper
 * @where: (nullable): where the plan is, such as "Shared in Year 5";
 *   shown on screen only
 * @license_note: (nullable): why this person may not change the plan;
 *   shown on screen only, beside the license
 *
 * Returns: (transfer full): the whole plan as Pango markup, its title on
 *   the first line
 */
char *
commons_plan_render_markup (CommonsPlan            *plan,
                            CommonsPlanRenderStyle  style,
                            const char             *where,
                            const char             *license_note)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  const Look *look;

  g_return_val_if_fail (COMMONS_IS_PLAN (plan), NULL);
  g_return_val_if_fail (style == COMMONS_PLAN_RENDER_SCREEN || style == COMMONS_PLAN_RENDER_PAPER, NULL);

  look = &looks[style];
  title = g_markup_escape_text (commons_plan_get_title (plan), -1);
  g_string_append_printf (out, "<span weight=\"bold\" size=\"%s\">%s</span>\n", look->title_size, title);
  append_facts (out, plan, style, where);

  append_section (out, look, look->summary_heading ? _("Summary") : NULL, commons_plan_get_summary (plan));
  append_items (out, look, _("Objectives"), commons_plan_get_objectives (plan));
  append_items (out, look, _("Materials"), commons_plan_get_materials (plan));
  append_activities (out, look, plan, style);
  append_section (out, look, _("Assessment"), commons_plan_get_assessment (plan));
  append_section (out, look, _("Accessibility"), commons_plan_get_accessibility (plan));
  append_license (out, look, plan, style, license_note);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
