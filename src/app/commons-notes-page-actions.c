/* commons-notes-page-actions.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-notes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-history-dialog.h"
#include "commons-note-row.h"
#include "commons-notes-page-private.h"

/* What the notes page does when asked: its page.* actions, and Delete in
 * the list. */

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (!commons_note_editor_save (self->editor))
    return;

  /* A new note should be seen, so a search that would hide it ends. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  id = commons_store_create_note (self->store, "", "", &error);
  if (id == NULL)
    {
      _commons_notes_page_show_error (self, error);
      return;
    }

  if (commons_note_editor_open (self->editor, id, TRUE))
    {
      _commons_notes_page_select_current (self);
      adw_leaflet_set_visible_child_name (self->leaflet, "editor");
      commons_note_editor_focus_title (self->editor);
    }
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (!commons_note_editor_save (self->editor))
    return;
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  /* Folded, the list is all there is: tapping the same note again must
   * open it, so nothing stays selected. */
  commons_note_editor_close (self->editor);
  _commons_notes_page_select_current (self);
}

/* Deletes the note @id, open or not, and offers to take it back. */
static gboolean
delete_note (CommonsNotesPage *self,
             const char       *id,
             const char       *title)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean was_open = g_strcmp0 (id, commons_note_editor_get_record (self->editor)) == 0;
  AdwToast *toast;

  if (!commons_note_editor_save (self->editor))
    return FALSE;

  if (!commons_store_delete_record (self->store, id, &error))
    {
      _commons_notes_page_show_error (self, error);
      return FALSE;
    }
  g_free (self->last_deleted_id);
  self->last_deleted_id = g_strdup (id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", TRUE);

  if (was_open)
    {
      commons_note_editor_close (self->editor);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
  _commons_notes_page_select_current (self);

  if (title != NULL && *title != '\0')
    message = g_strdup_printf (_("“%s” deleted"), title);
  else
    message = g_strdup (_("Note deleted"));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "page.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  commons_toast_overlay_add_toast (self->toast_overlay, toast);
  return TRUE;
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (commons_note_editor_get_record (self->editor) == NULL)
    return;
  id = g_strdup (commons_note_editor_get_record (self->editor));
  title = g_strdup (commons_note_editor_get_title (self->editor));
  delete_note (self, id, title);
}

/* The list row that has the keyboard focus, or GTK_INVALID_LIST_POSITION. */
static guint
get_focused_position (CommonsNotesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* The focus is on the list view's wrapper around a row. */
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->list_view); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);
      CommonsRecordSummary *summary;

      if (!COMMONS_IS_NOTE_ROW (child))
        continue;
      summary = commons_note_row_get_summary (COMMONS_NOTE_ROW (child));
      if (summary != NULL && self->list != NULL)
        {
          guint position = commons_record_list_find (self->list, commons_record_summary_get_id (summary));

          if (position != G_MAXUINT)
            return position;
        }
      break;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Delete in the list removes the note whose row has the focus, which
 * is not always the one open beside it, and leaves the focus in the list
 * on the row that takes its place. */
static gboolean
list_delete_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (user_data);
  g_autoptr(CommonsRecordSummary) summary = NULL;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  guint position = get_focused_position (self);
  guint n_items;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  summary = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (summary == NULL)
    return FALSE;
  id = g_strdup (commons_record_summary_get_id (summary));
  title = commons_note_row_dup_title (summary);
  if (!delete_note (self, id, title))
    return TRUE;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n_items > 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                  MIN (position, n_items - 1));
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }
  return TRUE;
}

/* Ctrl+Z brings back the note deleted last, as the toast's Undo does
 * while it shows. A text field with changes of its own to undo takes
 * Ctrl+Z first. */
static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);
  g_autofree char *id = g_steal_pointer (&self->last_deleted_id);

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  gtk_widget_action_set_enabled (widget, "page.undo", FALSE);
  if (id != NULL)
    gtk_widget_activate_action (widget, "page.undo-delete", "s", id);
}

static void
undo_delete_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *id = g_variant_get_string (parameter, NULL);

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (!commons_store_undelete_record (self->store, id, &error))
    {
      _commons_notes_page_show_error (self, error);
      return;
    }
  if (g_strcmp0 (id, self->last_deleted_id) == 0)
    {
      g_clear_pointer (&self->last_deleted_id, g_free);
      gtk_widget_action_set_enabled (widget, "page.undo", FALSE);
    }

  if (commons_note_editor_open (self->editor, id, TRUE))
    _commons_notes_page_select_current (self);
}

static void
history_restored_cb (CommonsNotesPage *self,
                     const char       *record)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (g_strcmp0 (record, commons_note_editor_get_record (self->editor)) == 0)
    commons_note_editor_open (self->editor, record, TRUE);
}

static void
history_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (widget);
  CommonsHistoryDialog *dialog;
  GtkRoot *root;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (commons_note_editor_get_record (self->editor) == NULL)
    return;
  if (!commons_note_editor_save (self->editor))
    return;

  root = gtk_widget_get_root (widget);
  dialog = commons_history_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->store, NULL,
                                       commons_note_editor_get_record (self->editor));
  g_signal_connect_object (dialog, "restored", G_CALLBACK (history_restored_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_commons_notes_page_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "page.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "page.undo-delete", "s", undo_delete_action_cb);
  gtk_widget_class_install_action (widget_class, "page.undo", NULL, undo_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "page.undo", NULL);
  gtk_widget_class_install_action (widget_class, "page.history", NULL, history_action_cb);
}

void
_commons_notes_page_add_shortcuts (CommonsNotesPage *self)
{
  GtkEventController *shortcuts;

  /* Delete removes the focused note only from the list, never while
   * typing. It is caught on the way down, on the list's parent: the
   * search entry's key capture on the list would take it first, as a key
   * to type into the search. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_callback_action_new (list_delete_cb, self, NULL)));
  gtk_widget_add_controller (gtk_widget_get_parent (GTK_WIDGET (self->list_view)), shortcuts);
}
