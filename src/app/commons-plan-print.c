/* commons-plan-print.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-print"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-language-chooser.h"
#include "commons-license.h"
#include "commons-plan-export.h"
#include "commons-plan-print.h"

/* Classroom output. Print makes a one-page teacher sheet: the objectives,
 * the materials and the activities with when each starts and ends, in
 * type that shrinks until the sheet fits one page. GTK's print dialog
 * also saves the sheet as PDF. Export to Markdown writes the core's
 * Markdown for the plan to a file the teacher chooses. */

static void
append_heading (GString    *out,
                const char *heading)
{
  g_autofree char *escaped = g_markup_escape_text (heading, -1);

  g_string_append_printf (out, "\n<span weight=\"bold\" size=\"120%%\">%s</span>\n", escaped);
}

static void
append_items (GString            *out,
              const char         *heading,
              const char * const *items)
{
  if (items == NULL || items[0] == NULL)
    return;
  append_heading (out, heading);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (items[i], -1);

      /* A check box to tick in class. */
      g_string_append_printf (out, "☐ %s\n", escaped);
    }
}

/**
 * commons_plan_print_markup:
 *
 * Returns: (transfer full): the teacher sheet as Pango markup
 */
char *
commons_plan_print_markup (CommonsPlan *plan)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *length = NULL;
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_free);
  const char *parts[3];
  const CommonsLicense *license;
  g_autofree char *language = NULL;
  const char *credit;
  guint n, start = 0;

  g_return_val_if_fail (COMMONS_IS_PLAN (plan), NULL);

  title = g_markup_escape_text (commons_plan_get_title (plan), -1);
  g_string_append_printf (out, "<span weight=\"bold\" size=\"180%%\">%s</span>\n", title);

  parts[0] = commons_plan_get_subject (plan);
  parts[1] = commons_plan_get_level (plan);
  language = commons_language_dup_name (commons_plan_get_language (plan));
  parts[2] = language;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_ptr_array_add (facts, g_markup_escape_text (parts[i], -1));
  length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                         commons_plan_get_duration (plan)),
                            commons_plan_get_duration (plan));
  g_ptr_array_add (facts, g_steal_pointer (&length));
  g_ptr_array_add (facts, NULL);
  {
    g_autofree char *line = g_strjoinv (" · ", (char **) facts->pdata);
    g_string_append_printf (out, "<span alpha=\"70%%\">%s</span>\n", line);
  }

  append_items (out, _("Objectives"), commons_plan_get_objectives (plan));
  append_items (out, _("Materials"), commons_plan_get_materials (plan));

  n = commons_plan_get_n_activities (plan);
  if (n > 0)
    append_heading (out, _("Activities"));
  for (guint i = 0; i < n; i++)
    {
      const CommonsActivity *activity = commons_plan_get_activity (plan, i);
      guint minutes = commons_activity_get_minutes (activity);
      g_autofree char *name = g_markup_escape_text (commons_activity_get_title (activity), -1);
      g_autofree char *how = g_markup_escape_text (commons_activity_get_instructions (activity), -1);
      /* Translators: when an activity runs, in minutes from the start of
       * the lesson, such as "10–25 min". */
      g_autofree char *when = g_strdup_printf (_("%u–%u min"), start, start + minutes);

      g_string_append_printf (out, "<b>%s</b>  %s\n", when, name);
      if (*how != '\0')
        g_string_append_printf (out, "<span size=\"90%%\">%s</span>\n", how);
      start += minutes;
    }

  if (commons_plan_get_assessment (plan) != NULL && *commons_plan_get_assessment (plan) != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (commons_plan_get_assessment (plan), -1);

      append_heading (out, _("Assessment"));
      g_string_append_printf (out, "%s\n", escaped);
    }
  if (commons_plan_get_accessibility (plan) != NULL && *commons_plan_get_accessibility (plan) != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (commons_plan_get_accessibility (plan), -1);

      append_heading (out, _("Accessibility"));
      g_string_append_printf (out, "%s\n", escaped);
    }

  license = commons_license_lookup (commons_plan_get_license (plan));
  credit = commons_plan_get_credit (plan);
  if (credit != NULL && *credit == '\0')
    credit = NULL;
  if (license != NULL || credit != NULL)
    {
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

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              const char        *markup)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  PangoContext *pango = pango_layout_get_context (layout);
  int layout_height = 0;
  double size = 11;

  /* Right-to-left languages print from the right. */
  pango_context_set_base_dir (pango, gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
                                     ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);

  /* One page: smaller type until the sheet fits, down to 6 points. */
  for (; size >= 6; size -= 0.5)
    {
      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, NULL, &layout_height);
      if (layout_height / (double) PANGO_SCALE <= height)
        break;
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  AdwToastOverlay *toasts = g_object_get_data (G_OBJECT (operation), "toasts");
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (toasts != NULL && error != NULL)
        adw_toast_overlay_add_toast (toasts, adw_toast_new (error->message));
    }
  /* The reference commons_plan_print() left for the dialog. */
  g_object_unref (operation);
}

/**
 * commons_plan_print:
 * @toasts: (nullable): where to say what went wrong
 *
 * Opens the print dialog for the plan's one-page teacher sheet.
 */
void
commons_plan_print (CommonsPlan     *plan,
                    GtkWindow       *parent,
                    AdwToastOverlay *toasts)
{
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  char *markup;

  g_return_if_fail (COMMONS_IS_PLAN (plan));

  markup = commons_plan_print_markup (plan);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, commons_plan_get_title (plan));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The dialog must not block the main loop (nor a screen reader). */
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), markup,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_object_set_data_full (G_OBJECT (operation), "toasts", toasts != NULL ? g_object_ref (toasts) : NULL,
                          g_object_unref);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), NULL);
  /* "done" drops the reference, however the run ends. */
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      toasts != NULL && error != NULL)
    adw_toast_overlay_add_toast (toasts, adw_toast_new (error->message));
}

/* Export to Markdown. */

typedef struct
{
  AdwToastOverlay *toasts;
  char            *markdown;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_weak_pointer (&data->toasts);
  g_free (data->markdown);
  g_free (data);
}

static void
replace_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (data->toasts != NULL)
        adw_toast_overlay_add_toast (data->toasts, adw_toast_new (error->message));
    }
  else if (data->toasts != NULL)
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      adw_toast_overlay_add_toast (data->toasts, adw_toast_new (message));
    }
  export_data_free (data);
}

static void
markdown_response_cb (GtkFileChooserNative *chooser,
                      int                   response,
                      ExportData           *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      const char *markdown = data->markdown;

      /* Written off the main thread; the data lives until it is done. */
      g_file_replace_contents_async (file, markdown, strlen (markdown), NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                     replace_done_cb, data);
    }
  else
    export_data_free (data);
  g_object_unref (chooser);
}

/**
 * commons_plan_export_markdown:
 * @toasts: (nullable): where to say what happened
 *
 * Asks where to save the plan as Markdown, then writes it.
 */
void
commons_plan_export_markdown (CommonsPlan     *plan,
                              GtkWindow       *parent,
                              AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  ExportData *data;

  g_return_if_fail (COMMONS_IS_PLAN (plan));

  data = g_new0 (ExportData, 1);
  g_set_weak_pointer (&data->toasts, toasts);
  data->markdown = commons_plan_to_markdown (plan);

  chooser = gtk_file_chooser_native_new (_("Export to Markdown"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the file name offered for Markdown; %s is the plan's title. */
  name = g_strdup_printf (_("%s.md"), commons_plan_get_title (plan));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (markdown_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
