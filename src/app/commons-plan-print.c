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

#include "commons-accessible.h"
#include "commons-plan-export.h"
#include "commons-plan-print.h"
#include "commons-plan-render.h"

/* Classroom output. Print makes a teacher sheet: the summary, the
 * objectives, the materials and the activities with when each starts and
 * ends, in type that stays readable over as many pages as it takes, each
 * headed with the plan's title and its page number. GTK's print dialog
 * also saves the sheet as PDF, by default in the person's documents.
 * Export to Markdown writes the core's Markdown for the plan to a file
 * the teacher chooses. The sheet is set out by commons-plan-render.c,
 * which sets out the page's view of the plan too. */

/**
 * commons_plan_print_markup:
 *
 * Returns: (transfer full): the teacher sheet as Pango markup
 */
char *
commons_plan_print_markup (CommonsPlan *plan)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (plan), NULL);

  return commons_plan_render_markup (plan, COMMONS_PLAN_RENDER_PAPER, NULL, NULL);
}

/* The sheet's type, and the header's, in points. */
#define BODY_SIZE   11
#define HEADER_SIZE 9

typedef struct
{
  char        *markup;
  char        *title;
  PangoLayout *layout;
  /* The index of each page's first line in the layout. */
  GArray      *page_starts;
  double       header_height;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_free (job->markup);
  g_free (job->title);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

static PangoLayout *
create_layout (GtkPrintContext *context,
               double           size)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  PangoContext *pango = pango_layout_get_context (layout);

  /* Right-to-left languages print from the right. */
  pango_context_set_base_dir (pango, gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
                                     ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/* Lays the sheet out once, at its one size, and breaks it into pages
 * between lines: nothing is shrunk and nothing is cut. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  double body_height;
  double page_top = 0;
  PangoLayoutIter *iter;
  int index = 0;
  guint zero = 0;

  g_clear_object (&job->layout);
  job->layout = create_layout (context, BODY_SIZE);
  pango_layout_set_markup (job->layout, job->markup, -1);
  /* A header line, and as much again below it. */
  job->header_height = 2.2 * HEADER_SIZE * gtk_print_context_get_dpi_y (context) / 72.0;
  body_height = MAX (gtk_print_context_get_height (context) - job->header_height, 1);

  g_clear_pointer (&job->page_starts, g_array_unref);
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (job->page_starts, zero);
  iter = pango_layout_get_iter (job->layout);
  do
    {
      int top, bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      /* A line that would run off the page starts the next one, unless it
       * is the first of its page: a line taller than a page still prints. */
      if (bottom / (double) PANGO_SCALE - page_top > body_height &&
          index > (int) g_array_index (job->page_starts, guint, job->page_starts->len - 1))
        {
          guint start = index;

          g_array_append_val (job->page_starts, start);
          page_top = top / (double) PANGO_SCALE;
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  gtk_print_operation_set_n_pages (operation, job->page_starts->len);
}

static void
draw_header (GtkPrintContext *context,
             PrintJob        *job,
             int              page_nr,
             int              n_pages)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) title = create_layout (context, HEADER_SIZE);
  g_autoptr(PangoLayout) number = create_layout (context, HEADER_SIZE);
  /* Translators: the page number a printed plan shows in its header. */
  g_autofree char *text = g_strdup_printf (_("Page %d of %d"), page_nr + 1, n_pages);
  int number_width;
  gboolean rtl = gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL;

  pango_layout_set_text (number, text, -1);
  pango_layout_set_width (number, -1);
  pango_layout_get_size (number, &number_width, NULL);
  pango_layout_set_text (title, job->title, -1);
  pango_layout_set_width (title, (int) ((width - number_width / (double) PANGO_SCALE - 12) * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (title, PANGO_WRAP_WORD);

  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  /* The title at the start of the line, the number at its end. */
  cairo_move_to (cr, rtl ? number_width / (double) PANGO_SCALE + 12 : 0, 0);
  pango_cairo_show_layout (cr, title);
  cairo_move_to (cr, rtl ? 0 : width - number_width / (double) PANGO_SCALE, 0);
  pango_cairo_show_layout (cr, number);

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, job->header_height * 0.6);
  cairo_line_to (cr, width, job->header_height * 0.6);
  cairo_stroke (cr);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint first, end;
  double page_top = 0;
  PangoLayoutIter *iter;
  guint index = 0;

  g_assert (job->layout != NULL);
  if (page_nr < 0 || (guint) page_nr >= job->page_starts->len)
    return;
  first = g_array_index (job->page_starts, guint, page_nr);
  end = (guint) page_nr + 1 < job->page_starts->len ? g_array_index (job->page_starts, guint, page_nr + 1)
                                                    : G_MAXUINT;

  draw_header (context, job, page_nr, job->page_starts->len);

  cairo_set_source_rgb (cr, 0, 0, 0);
  iter = pango_layout_get_iter (job->layout);
  do
    {
      PangoRectangle logical;
      int top, bottom, baseline;

      if (index >= end)
        break;
      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      if (index == first)
        page_top = top / (double) PANGO_SCALE;
      if (index >= first)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter);
          cairo_move_to (cr, logical.x / (double) PANGO_SCALE,
                         job->header_height + baseline / (double) PANGO_SCALE - page_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      index++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static GtkPrintOperation *
new_operation (CommonsPlan *plan)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  PrintJob *job = g_new0 (PrintJob, 1);

  job->markup = commons_plan_print_markup (plan);
  job->title = g_strdup (commons_plan_get_title (plan));
  gtk_print_operation_set_job_name (operation, job->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), job,
                         (GClosureNotify) (void (*) (void)) print_job_free, 0);
  return operation;
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  AdwToastOverlay *toasts = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (toasts == NULL || ADW_IS_TOAST_OVERLAY (toasts));

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (toasts != NULL && error != NULL)
        commons_toast_overlay_add_toast (toasts, adw_toast_new (error->message));
    }
  /* The reference commons_plan_print() left for the dialog. */
  g_object_unref (operation);
}

/**
 * commons_plan_print:
 * @toasts: (nullable): where to say what went wrong
 *
 * Opens the print dialog for the plan's teacher sheet.
 */
void
commons_plan_print (CommonsPlan     *plan,
                    GtkWindow       *parent,
                    AdwToastOverlay *toasts)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  const char *documents;

  g_return_if_fail (COMMONS_IS_PLAN (plan));

  operation = new_operation (plan);
  /* Saved as PDF, the sheet goes among the person's documents under the
   * plan's title, not as output.pdf wherever the app was started; the
   * dialog lets them choose another place. */
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  folder = g_filename_to_uri (documents != NULL ? documents : g_get_home_dir (), NULL, NULL);
  name = g_strdup (commons_plan_get_title (plan));
  g_strdelimit (name, "/\\", '-');
  if (folder != NULL)
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, folder);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);
  /* The dialog must not block the main loop (nor a screen reader). */
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* The handler holds the toast overlay until the operation goes. */
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb),
                         toasts != NULL ? g_object_ref (toasts) : NULL,
                         toasts != NULL ? (GClosureNotify) (void (*) (void)) g_object_unref : NULL, 0);
  /* "done" drops the reference, however the run ends. */
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               parent, &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      toasts != NULL && error != NULL)
    commons_toast_overlay_add_toast (toasts, adw_toast_new (error->message));
}

/**
 * commons_plan_print_to_pdf:
 * @path: the PDF file to write
 *
 * Prints the plan's sheet to a PDF file without a dialog, as the print
 * dialog's Print to File would.
 *
 * Returns: whether the file was written
 */
gboolean
commons_plan_print_to_pdf (CommonsPlan  *plan,
                           const char   *path,
                           GError      **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (COMMONS_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  operation = new_operation (plan);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
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
        commons_toast_overlay_add_toast (data->toasts, adw_toast_new (error->message));
    }
  else if (data->toasts != NULL)
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

      commons_toast_overlay_add_toast (data->toasts, adw_toast_new (message));
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
