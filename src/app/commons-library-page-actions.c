/* commons-library-page-actions.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-bundle.h"
#include "commons-history-dialog.h"
#include "commons-library-page-private.h"
#include "commons-plan-print.h"

/* What the page does to a plan, as widget actions: the header's buttons,
 * the plan menu, the toasts and the window's shortcuts name them. */

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(GError) error = NULL;

  _commons_library_page_save_plan (self);
  commons_plan_set_title (plan, _("Untitled Plan"));
  commons_plan_set_scope (plan, COMMONS_SCOPE_LOCAL);
  if (!commons_plan_save (plan, self->store, &error))
    {
      commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_toggle_button_set_active (self->edit_button, TRUE);
  _commons_library_page_refresh_list (self);
  _commons_library_page_select_record (self, commons_plan_get_record (plan));
  commons_plan_editor_focus_title (self->plan_editor);
}

/* Ctrl+F: the search above the list, which a folded page shows first. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
remix_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *creator = NULL;
  const char *name = NULL;

  if (self->plan == NULL)
    return;
  _commons_library_page_save_plan (self);
  /* The credit names the original's author: the core knows this person's
   * own name, the group's member list a colleague's. */
  creator = commons_record_dup_creator (self->store, commons_plan_get_record (self->plan), NULL);
  if (!commons_store_is_me (self->store, creator) && self->manager != NULL)
    name = commons_sync_manager_lookup_person (self->manager, commons_plan_get_scope (self->plan), creator);
  remix = commons_plan_remix (self->store, commons_plan_get_record (self->plan), name,
                              COMMONS_SCOPE_LOCAL, &error);
  if (remix == NULL)
    {
      commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  _commons_library_page_refresh_list (self);
  _commons_library_page_select_record (self, commons_plan_get_record (remix));
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Remix made; the original is credited")));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (self->plan == NULL || commons_plan_get_record (self->plan) == NULL)
    return;
  _commons_library_page_save_plan (self);
  id = g_strdup (commons_plan_get_record (self->plan));
  /* Translators: %s is a lesson plan's title. */
  message = g_strdup_printf (_("“%s” deleted"), commons_plan_get_title (self->plan));
  if (!commons_plan_delete (self->store, id, &error))
    {
      _commons_library_page_show_error_toast (self, error);
      return;
    }

  _commons_library_page_stop_editing (self);
  _commons_library_page_show_plan (self, NULL);
  _commons_library_page_refresh_list (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "page.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  commons_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *id = g_variant_get_string (parameter, NULL);

  if (!commons_store_undelete_record (self->store, id, &error))
    {
      _commons_library_page_show_error_toast (self, error);
      return;
    }
  _commons_library_page_refresh_list (self);
  _commons_library_page_select_record (self, id);
}

static void
unshare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;

  if (self->plan == NULL || commons_plan_get_record (self->plan) == NULL)
    return;
  _commons_library_page_save_plan (self);
  /* Translators: %s is a lesson plan's title. */
  message = g_strdup_printf (_("“%s” is no longer shared; it stays in your library"),
                             commons_plan_get_title (self->plan));
  kept = commons_plan_unshare (self->store, commons_plan_get_record (self->plan), &error);
  if (kept == NULL)
    {
      _commons_library_page_show_error_toast (self, error);
      return;
    }
  _commons_library_page_stop_editing (self);
  _commons_library_page_refresh_list (self);
  _commons_library_page_select_record (self, kept);
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_response_cb (CommonsLibraryPage   *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *records[] = { NULL, NULL };

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      records[0] = commons_plan_get_record (self->plan);
      bytes = commons_bundle_export (self->store, records, &error);
      if (bytes != NULL &&
          g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

          commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
      else
        commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;
  _commons_library_page_save_plan (self);
  chooser = gtk_file_chooser_native_new (_("Export Lesson Plan"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Translators: the file name offered when exporting; %s is the plan's title. */
  name = g_strdup_printf (_("%s.commons"), commons_plan_get_title (self->plan));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);

  if (self->plan == NULL)
    return;
  _commons_library_page_save_plan (self);
  commons_plan_print (self->plan, GTK_WINDOW (gtk_widget_get_root (widget)), self->toast_overlay);
}

static void
export_markdown_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);

  if (self->plan == NULL)
    return;
  _commons_library_page_save_plan (self);
  commons_plan_export_markdown (self->plan, GTK_WINDOW (gtk_widget_get_root (widget)), self->toast_overlay);
}

static void
history_restored_cb (CommonsLibraryPage *self)
{
  g_autofree char *record = self->plan != NULL ? g_strdup (commons_plan_get_record (self->plan)) : NULL;

  /* Show the restored version, not the one held before. */
  g_clear_object (&self->plan);
  _commons_library_page_show_plan (self, record);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  CommonsHistoryDialog *dialog;

  if (self->plan == NULL)
    return;
  if (gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, FALSE);
  _commons_library_page_save_plan (self);
  dialog = commons_history_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                       self->manager, commons_plan_get_record (self->plan));
  g_signal_connect_object (dialog, "restored", G_CALLBACK (history_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _commons_library_page_class_add_actions:
 *
 * Installs the page's actions on its class.
 */
void
_commons_library_page_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "page.remix", NULL, remix_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "page.unshare", NULL, unshare_action);
  gtk_widget_class_install_action (widget_class, "page.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "page.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "page.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "page.export-markdown", NULL, export_markdown_action);
}
