/* commons-import-dialog.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-bundle.h"
#include "commons-import-dialog.h"

/* Imports .commons files on a worker with its own store connection, then
 * says what happened to each plan or note: new, updated, already here, or
 * edited in two places. Closing the dialog while it works cancels it
 * between files. */

struct _CommonsImportDialog
{
  AdwWindow            parent_instance;

  GCancellable        *cancellable;

  /* Template widgets */
  GtkStack            *stack;
  GtkButton           *close_button;
  AdwPreferencesPage  *report_page;
  AdwPreferencesGroup *summary_group;
};

G_DEFINE_FINAL_TYPE (CommonsImportDialog, commons_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
status_title (CommonsImportStatus status)
{
  switch (status)
    {
    case COMMONS_IMPORT_NEW:
      return _("New");
    case COMMONS_IMPORT_UPDATED:
      return _("Updated");
    case COMMONS_IMPORT_UNCHANGED:
      return _("Already Here");
    case COMMONS_IMPORT_CONFLICT:
      return _("Edited in Two Places");
    default:
      g_assert_not_reached ();
    }
}

static const char *
status_description (CommonsImportStatus status)
{
  switch (status)
    {
    case COMMONS_IMPORT_NEW:
      return _("These were not on this device before");
    case COMMONS_IMPORT_UPDATED:
      return _("These had newer versions in the file");
    case COMMONS_IMPORT_UNCHANGED:
      return _("Nothing in the file was new for these");
    case COMMONS_IMPORT_CONFLICT:
      return _("Changed both here and in the file: open each one to choose what to keep");
    default:
      g_assert_not_reached ();
    }
}

static const char *
status_icon (CommonsImportStatus status)
{
  switch (status)
    {
    case COMMONS_IMPORT_NEW:
      return "commons-list-add-symbolic";
    case COMMONS_IMPORT_UPDATED:
      return "commons-view-refresh-symbolic";
    case COMMONS_IMPORT_UNCHANGED:
      return "commons-emblem-ok-symbolic";
    case COMMONS_IMPORT_CONFLICT:
    default:
      return "commons-dialog-warning-symbolic";
    }
}

static void
show_report (CommonsImportDialog *self,
             GPtrArray           *reports)
{
  static const CommonsImportStatus order[] = {
    COMMONS_IMPORT_CONFLICT, COMMONS_IMPORT_NEW, COMMONS_IMPORT_UPDATED, COMMONS_IMPORT_UNCHANGED,
  };
  guint counts[4] = { 0, };
  gboolean changed = FALSE;
  g_autoptr(GString) summary = g_string_new (NULL);

  /* Files that could not be read come first, in words; then what files
   * held that was kept aside. */
  for (guint i = 0; i < reports->len; i++)
    {
      CommonsFileImport *report = g_ptr_array_index (reports, i);
      GtkWidget *row;

      if (report->error == NULL && report->summary.quarantined > 0)
        {
          g_autofree char *subtitle = g_strdup_printf (
              g_dngettext (GETTEXT_PACKAGE,
                           "%u change in it could not be read and was kept aside; it changes nothing",
                           "%u changes in it could not be read and were kept aside; they change nothing",
                           report->summary.quarantined),
              report->summary.quarantined);

          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), report->name);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("commons-dialog-warning-symbolic"));
          adw_preferences_group_add (self->summary_group, row);
          changed = TRUE;
        }
      if (report->error == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), report->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), report->error->message);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("commons-dialog-error-symbolic"));
      adw_preferences_group_add (self->summary_group, row);
    }

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    {
      GtkWidget *group = NULL;

      for (guint i = 0; i < reports->len; i++)
        {
          CommonsFileImport *report = g_ptr_array_index (reports, i);

          for (guint j = 0; report->items != NULL && j < report->items->len; j++)
            {
              CommonsImportItem *item = g_ptr_array_index (report->items, j);
              GtkWidget *row;
              const char *title;

              if (item->status != order[s])
                continue;
              if (g_strcmp0 (item->kind, "plan") != 0 && g_strcmp0 (item->kind, "note") != 0)
                continue;
              if (group == NULL)
                {
                  group = adw_preferences_group_new ();
                  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), status_title (order[s]));
                  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                                         status_description (order[s]));
                  adw_preferences_page_add (self->report_page, ADW_PREFERENCES_GROUP (group));
                }
              title = item->title != NULL && *item->title != '\0' ? item->title : _("Untitled");
              row = adw_action_row_new ();
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                         gtk_image_new_from_icon_name (status_icon (order[s])));
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
              counts[order[s]]++;
              if (order[s] != COMMONS_IMPORT_UNCHANGED)
                changed = TRUE;
            }
        }
    }

  if (counts[COMMONS_IMPORT_NEW] > 0)
    g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new",
                                                  counts[COMMONS_IMPORT_NEW]),
                            counts[COMMONS_IMPORT_NEW]);
  if (counts[COMMONS_IMPORT_UPDATED] > 0)
    {
      if (summary->len > 0)
        /* Translators: between the parts of "1 new, 2 updated". */
        g_string_append (summary, C_("list separator", ", "));
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated",
                                                    counts[COMMONS_IMPORT_UPDATED]),
                              counts[COMMONS_IMPORT_UPDATED]);
    }
  if (counts[COMMONS_IMPORT_UNCHANGED] > 0)
    {
      if (summary->len > 0)
        /* Translators: between the parts of "1 new, 2 updated". */
        g_string_append (summary, C_("list separator", ", "));
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u already here",
                                                    "%u already here",
                                                    counts[COMMONS_IMPORT_UNCHANGED]),
                              counts[COMMONS_IMPORT_UNCHANGED]);
    }
  if (counts[COMMONS_IMPORT_CONFLICT] > 0)
    {
      if (summary->len > 0)
        /* Translators: between the parts of "1 new, 2 updated". */
        g_string_append (summary, C_("list separator", ", "));
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u edited in two places",
                                                    "%u edited in two places",
                                                    counts[COMMONS_IMPORT_CONFLICT]),
                              counts[COMMONS_IMPORT_CONFLICT]);
    }
  if (summary->len == 0)
    g_string_append (summary, _("Nothing was imported"));
  adw_preferences_group_set_title (self->summary_group, _("Import Finished"));
  adw_preferences_group_set_description (self->summary_group, summary->str);

  gtk_button_set_label (self->close_button, _("_Close"));
  gtk_widget_add_css_class (GTK_WIDGET (self->close_button), "suggested-action");
  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));

  g_signal_emit (self, signals[IMPORTED], 0, changed);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CommonsImportDialog) self = user_data;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (COMMONS_IS_IMPORT_DIALOG (self));

  reports = commons_bundle_import_files_finish (COMMONS_STORE (source), result, &error);
  if (reports == NULL)
    {
      GtkWidget *row;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (self->summary_group, row);
      reports = g_ptr_array_new ();
    }
  show_report (self, reports);
}

static void
commons_import_dialog_dispose (GObject *object)
{
  CommonsImportDialog *self = COMMONS_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (commons_import_dialog_parent_class)->dispose (object);
}

static void
commons_import_dialog_class_init (CommonsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_import_dialog_dispose;

  /**
   * CommonsImportDialog::imported:
   * @changed: whether anything in the store changed
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsImportDialog, report_page);
  gtk_widget_class_bind_template_child (widget_class, CommonsImportDialog, summary_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_import_dialog_init (CommonsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * commons_import_dialog_new:
 * @store: the store to import into
 * @files: (array length=n_files): .commons files
 *
 * Starts importing at once, off the main thread, into this person's own
 * library; the dialog shows progress, then the report.
 */
GtkWidget *
commons_import_dialog_new (GtkWindow     *parent,
                           CommonsStore  *store,
                           GFile        **files,
                           guint          n_files)
{
  CommonsImportDialog *self;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  self = g_object_new (COMMONS_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (list, files[i]);
  commons_bundle_import_files_async (store, list, COMMONS_SCOPE_LOCAL, self->cancellable,
                                     import_done_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}
