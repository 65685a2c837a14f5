/* commons-window-actions.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-window"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-questions-page.h"
#include "commons-window-private.h"

/* The window's win.* actions: most pass what the keyboard asks for on to
 * the page on show, as its page.* action of the same name. */

/* Returns %FALSE if the page on show has no such action, or it is off. */
static gboolean
forward_action (CommonsWindow *self,
                const char    *name)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->pages);
  g_autofree char *full = g_strdup_printf ("page.%s", name);

  return page != NULL && gtk_widget_activate_action (page, full, NULL);
}

/* Ctrl+N makes what the page on show lists: a note on Notes, a plan on
 * Lesson Plans. Pages that list nothing one can make (no page.new)
 * start a note, as the app always did, and the sidebar follows. */
static void
new_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CommonsWindow *self = user_data;

  g_assert (COMMONS_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  if (!forward_action (self, "new"))
    {
      _commons_window_show_page (self, "notes");
      forward_action (self, "new");
    }
}

static void
new_plan_action_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CommonsWindow *self = user_data;

  g_assert (COMMONS_IS_WINDOW (self));

  _commons_window_show_page (self, "plans");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  forward_action (self, "new");
}

/* Ctrl+F searches the list on show; a page without one has nothing to
 * search, and says so with the bell rather than leaving the page. */
static void
search_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CommonsWindow *self = user_data;

  g_assert (COMMONS_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  if (!forward_action (self, "search"))
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
history_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CommonsWindow *self = user_data;

  g_assert (COMMONS_IS_WINDOW (self));

  forward_action (self, "history");
}

/* The Groups page asks for a group's questions. */
static void
show_questions_action_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  CommonsWindow *self = user_data;
  GtkWidget *page;

  g_assert (COMMONS_IS_WINDOW (self));

  page = _commons_window_show_page (self, "questions");
  commons_questions_page_show_group (COMMONS_QUESTIONS_PAGE (page), g_variant_get_string (parameter, NULL));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
show_sidebar_action_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  CommonsWindow *self = user_data;

  g_assert (COMMONS_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
}

static void
chooser_response_cb (CommonsWindow        *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_assert (COMMONS_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      commons_window_import_files (self, (GFile **) array->pdata, array->len);
    }
  g_clear_object (&self->chooser);
}

static void
import_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CommonsWindow *self = user_data;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_assert (COMMONS_IS_WINDOW (self));

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Lesson Plans"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Commons files"));
  gtk_file_filter_add_pattern (filter, "*.commons");
  gtk_file_filter_add_mime_type (filter, "application/x-commons");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The shortcuts window's search button shows only an icon, and GTK
 * gives it no name: it would be read as "GtkImage". It is the one toggle
 * button there that shows an icon. */
static gboolean
name_shortcuts_search (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return FALSE;
  if (GTK_IS_TOGGLE_BUTTON (widget) && gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    {
      commons_accessible_set_label (widget, _("Search Shortcuts"));
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (name_shortcuts_search (child))
      return TRUE;
  return FALSE;
}

/* The shortcuts window is built the first time it is asked for, not with
 * the window as GtkApplication would: that cost the first frame about
 * 15 ms. It is then the window's help overlay, as if GtkApplication had
 * built it: only so does it find the keys of the actions it names. */
static void
show_help_overlay_action_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  CommonsWindow *self = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  g_assert (COMMONS_IS_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/com/example/Commons/commons-shortcuts-window.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
      name_shortcuts_search (GTK_WIDGET (overlay));
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static const GActionEntry win_actions[] = {
  { "show-help-overlay", show_help_overlay_action_cb },
  { "new", new_action_cb },
  { "new-plan", new_plan_action_cb },
  { "search", search_action_cb },
  { "history", history_action_cb },
  { "show-sidebar", show_sidebar_action_cb },
  { "show-questions", show_questions_action_cb, "s" },
  { "import", import_action_cb },
};


void
_commons_window_add_actions (CommonsWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);
}
