/* commons-note-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-note-row"

#include "config.h"

#include <string.h>

#include <fribidi.h>
#include <glib/gi18n.h>

#include "commons-note-row.h"
#include "commons-snippet.h"

/* One note in the notes list: its title, when it last changed and a line
 * of its text, with the words a search found in bold.
 *
 * The list view keeps 200 rows alive whatever its height, so a row does
 * as little as it can: the title and the snippet are GtkInscriptions,
 * which do not measure their text, and nothing is bound by expressions.
 * An inscription does not name itself to assistive technologies, so the
 * row names it. */

struct _CommonsNoteRow
{
  GtkBox                parent_instance;

  CommonsRecordSummary *summary;

  /* Template widgets */
  GtkInscription       *title;
  GtkLabel             *updated;
  GtkInscription       *snippet;
};

G_DEFINE_FINAL_TYPE (CommonsNoteRow, commons_note_row, GTK_TYPE_BOX)

/**
 * commons_note_row_dup_title:
 *
 * Returns: (transfer full): @summary's title, or a name for a note with
 *   none
 */
char *
commons_note_row_dup_title (CommonsRecordSummary *summary)
{
  const char *title = commons_record_summary_get_title (summary);

  if (title == NULL || *title == '\0')
    return g_strdup (_("Untitled Note"));
  return g_strdup (title);
}

/* A row's snippet is one ellipsized line, but Pango shapes the whole text
 * before it cuts it, and shaping was most of what the list's text cost
 * before the first frame. Wider than the list can show, at the narrowest
 * text, when the list fills a folded window. */
#define SNIPPET_MAX_CHARS 120

static char *
note_updated (const char *updated)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (updated == NULL)
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (updated, NULL);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: the time a note was changed today; see strftime(3). */
    return g_date_time_format (local, _("%H:%M"));
  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: the day a note was changed this year; see strftime(3). */
    return g_date_time_format (local, _("%e %b"));
  /* Translators: the day a note was changed in an earlier year; see strftime(3). */
  return g_date_time_format (local, _("%e %b %Y"));
}

/* Starts @inscription's text where the interface starts, whatever the
 * text's own direction, as a label does. GTK 4.8 lays an inscription's
 * text out from its xalign alone, mirrored for a right-to-left text, so
 * that is what has to be undone. */
static void
align_to_start (GtkWidget *inscription)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (inscription));
  gboolean rtl_interface = gtk_widget_get_direction (inscription) == GTK_TEXT_DIR_RTL;
  gboolean rtl_text = rtl_interface;

  /* A paragraph takes the direction of its first strong letter, or the
   * interface's if it has none. */
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      FriBidiCharType type = fribidi_get_bidi_type (g_utf8_get_char (p));

      if (FRIBIDI_IS_STRONG (type))
        {
          rtl_text = FRIBIDI_IS_RTL (type);
          break;
        }
    }

  gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), rtl_text != rtl_interface ? 1.f : 0.f);
}

CommonsRecordSummary *
commons_note_row_get_summary (CommonsNoteRow *self)
{
  g_return_val_if_fail (COMMONS_IS_NOTE_ROW (self), NULL);

  return self->summary;
}

/**
 * commons_note_row_set_summary:
 * @summary: (nullable): the note to show
 */
void
commons_note_row_set_summary (CommonsNoteRow       *self,
                              CommonsRecordSummary *summary)
{
  g_autofree char *title_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *markup = NULL;
  const char *snippet_text;

  g_return_if_fail (COMMONS_IS_NOTE_ROW (self));

  if (!g_set_object (&self->summary, summary) || summary == NULL)
    return;

  title_text = commons_note_row_dup_title (summary);
  updated_text = note_updated (commons_record_summary_get_updated (summary));
  markup = commons_snippet_markup (commons_record_summary_get_snippet (summary), SNIPPET_MAX_CHARS);

  gtk_inscription_set_text (self->title, title_text);
  align_to_start (GTK_WIDGET (self->title));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->title),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title_text,
                                  -1);
  gtk_label_set_label (self->updated, updated_text);
  gtk_inscription_set_markup (self->snippet, markup);
  align_to_start (GTK_WIDGET (self->snippet));
  snippet_text = gtk_inscription_get_text (self->snippet);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->snippet),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  snippet_text != NULL ? snippet_text : "",
                                  -1);
  /* The row itself is what a screen reader lands on when the list is
   * browsed: it says which note. GTK 4.8 has no list item API for it, so
   * it goes on the widget the list view wraps the row in. */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, title_text, -1);
}

static void
commons_note_row_dispose (GObject *object)
{
  CommonsNoteRow *self = COMMONS_NOTE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_NOTE_ROW);
  g_clear_object (&self->summary);

  G_OBJECT_CLASS (commons_note_row_parent_class)->dispose (object);
}

static void
commons_note_row_class_init (CommonsNoteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_note_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-note-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteRow, title);
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteRow, updated);
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteRow, snippet);
}

static void
commons_note_row_init (CommonsNoteRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
commons_note_row_new (void)
{
  return g_object_new (COMMONS_TYPE_NOTE_ROW, NULL);
}
