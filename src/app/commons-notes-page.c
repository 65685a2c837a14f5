/* commons-notes-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-notes-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-note-row.h"
#include "commons-notes-page-private.h"
#include "commons-record-list.h"

/* The notes page: the list of notes (CommonsNoteRow each) and its
 * search, beside a CommonsNoteEditor for the note chosen; folded, one at
 * a time. Its page.* actions are in commons-notes-page-actions.c. */

/* Below this width the sidebar folds away before the list and editor do. */
#define NATURAL_WIDTH 700

G_DEFINE_FINAL_TYPE (CommonsNotesPage, commons_notes_page, COMMONS_TYPE_PAGE)

enum {
  RESOLVE_CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_list_stack (CommonsNotesPage *self);

/* The list rows. */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CommonsNotesPage         *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  gtk_list_item_set_child (item, commons_note_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CommonsNotesPage         *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  commons_note_row_set_summary (COMMONS_NOTE_ROW (gtk_list_item_get_child (item)),
                                gtk_list_item_get_item (item));
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CommonsNotesPage         *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  commons_note_row_set_summary (COMMONS_NOTE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Editing */

void
_commons_notes_page_show_error (CommonsNotesPage *self,
                                const GError     *error)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_FULL))
    text = g_strdup (_("The disk is full, so your note was not saved. Your text is still here; free some space and keep typing."));
  else if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY))
    text = g_strdup (_("Your notes cannot be written to, so this note was not saved. Your text is still here."));
  else
    text = g_strdup_printf (_("Your note was not saved: %s. Your text is still here."), error->message);

  g_message ("Not saved: %s", error->message);

  toast = adw_toast_new (text);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  commons_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
editor_failed_cb (CommonsNotesPage *self,
                  const GError     *error)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  _commons_notes_page_show_error (self, error);
}

static void
editor_resolve_conflict_cb (CommonsNotesPage *self,
                            const char       *record)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  g_signal_emit (self, signals[RESOLVE_CONFLICT], 0, record);
}

static void
editor_title_cb (CommonsNotesPage *self)
{
  const char *title;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  title = commons_note_editor_get_title (self->editor);
  adw_window_title_set_title (self->editor_title,
                              commons_note_editor_get_record (self->editor) == NULL ? "" :
                              *title != '\0' ? title : _("Untitled Note"));
}

static void
editor_record_cb (CommonsNotesPage *self)
{
  gboolean has_note;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  has_note = commons_note_editor_get_record (self->editor) != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete", has_note);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.history", has_note);
  editor_title_cb (self);
}

/**
 * commons_notes_page_save:
 *
 * Saves the note being edited now, if it changed.
 *
 * Returns: %FALSE if it could not be saved; the text stays in the editor
 */
gboolean
commons_notes_page_save (CommonsNotesPage *self)
{
  g_return_val_if_fail (COMMONS_IS_NOTES_PAGE (self), FALSE);

  return commons_note_editor_save (self->editor);
}

void
_commons_notes_page_select_current (CommonsNotesPage *self)
{
  const char *record = commons_note_editor_get_record (self->editor);
  guint position = GTK_INVALID_LIST_POSITION;

  if (record != NULL && self->list != NULL)
    position = commons_record_list_find (self->list, record);
  if (position == G_MAXUINT)
    position = GTK_INVALID_LIST_POSITION;

  self->model_changing = TRUE;
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  self->model_changing = FALSE;
}

/**
 * commons_notes_page_reload:
 *
 * Lists the notes again after another connection wrote (a sync, an
 * import), and shows what it did to the open note unless it is being
 * edited: then the next save merges with it.
 */
void
commons_notes_page_reload (CommonsNotesPage *self)
{
  g_return_if_fail (COMMONS_IS_NOTES_PAGE (self));

  if (self->list == NULL)
    return;
  commons_record_list_reload (self->list);
  update_list_stack (self);
  commons_note_editor_refresh (self->editor);
}

/* The list */

/* The list's status pages, built the first time one is shown. */
static void
ensure_status_pages (CommonsNotesPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->no_results_page != NULL)
    return;
  builder = gtk_builder_new_from_resource ("/com/example/Commons/commons-notes-status.ui");
  gtk_stack_add_named (self->list_stack, GTK_WIDGET (gtk_builder_get_object (builder, "empty_page")), "empty");
  commons_accessible_name_buttons_by_labels (GTK_WIDGET (gtk_builder_get_object (builder, "empty_page")));
  self->no_results_page = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "no_results_page"));
  gtk_stack_add_named (self->list_stack, GTK_WIDGET (self->no_results_page), "no-results");
}

static void
update_list_stack (CommonsNotesPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->list == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  ensure_status_pages (self);
  if (search != NULL && *search != '\0')
    {
      g_autofree char *description =
        g_strdup_printf (_("No notes contain “%s”. Try other words, or fewer."), search);

      adw_status_page_set_description (self->no_results_page, description);
      gtk_stack_set_visible_child_name (self->list_stack, "no-results");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
items_changing_cb (CommonsNotesPage *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  /* Runs before the selection model hears of the change, so the
   * selection it loses or moves is not taken for a person's choice. */
  self->model_changing = TRUE;
}

static void
items_changed_cb (CommonsNotesPage *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  self->model_changing = FALSE;
  _commons_notes_page_select_current (self);
  update_list_stack (self);
}

static void
selection_changed_cb (CommonsNotesPage *self)
{
  CommonsRecordSummary *summary;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (self->model_changing)
    return;

  summary = gtk_single_selection_get_selected_item (self->selection);
  if (summary == NULL)
    return;

  if (!commons_note_editor_open (self->editor, commons_record_summary_get_id (summary), FALSE))
    {
      _commons_notes_page_select_current (self);
      return;
    }
  /* Side by side the note is on show already, and making the editor the
   * leaflet's visible child would pull the focus out of the list into
   * it. Folded, a tap opens the note; the arrow keys only browse, and
   * Enter opens. */
  if (adw_leaflet_get_folded (self->leaflet) && !self->key_browsing)
    adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static gboolean
end_key_browsing_cb (gpointer user_data)
{
  CommonsNotesPage *self = user_data;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  self->end_key_browsing_source = 0;
  self->key_browsing = FALSE;
  return G_SOURCE_REMOVE;
}

/* Runs before the list view moves its selection with a key, so the
 * selection that follows is known to be browsing. */
static gboolean
list_key_pressed_cb (CommonsNotesPage      *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  self->key_browsing = TRUE;
  if (self->end_key_browsing_source == 0)
    self->end_key_browsing_source = g_idle_add (end_key_browsing_cb, self);
  return GDK_EVENT_PROPAGATE;
}

static void
list_activate_cb (CommonsNotesPage *self,
                  guint             position)
{
  g_autoptr(CommonsRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (summary == NULL)
    return;
  if (commons_note_editor_open (self->editor, commons_record_summary_get_id (summary), FALSE))
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "editor");
      commons_note_editor_focus_body (self->editor);
    }
}

static void
search_changed_cb (CommonsNotesPage *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  if (self->list == NULL)
    return;
  commons_record_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_list_stack (self);
}

static void
stop_search_cb (CommonsNotesPage *self)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* GObject */

static void
commons_notes_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GTK_WIDGET_CLASS (commons_notes_page_parent_class)->measure (widget, orientation, for_size,
                                                               minimum, natural,
                                                               minimum_baseline, natural_baseline);

  /* Asking for room for both the list and the editor makes the window's
   * sidebar fold away first, before the list and the editor do. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, NATURAL_WIDTH);
}

/* The list starts with the newest notes, enough to fill the window (at
 * most FIRST_ROWS, as many when its height is not known), and reads the
 * order of the rest once the window's first frame is out: with tens of
 * thousands of notes that takes a few tens of milliseconds, and the list
 * view binds 200 rows whatever its height. */
#define FIRST_ROWS 40
/* No row is shorter than this, even with small text. */
#define MIN_ROW_HEIGHT 44
/* The header bar and the search entry above the list. */
#define LIST_CHROME_HEIGHT 90

static gboolean
load_rest_cb (gpointer user_data)
{
  CommonsNotesPage *self = user_data;

  g_assert (COMMONS_IS_NOTES_PAGE (self));

  self->load_rest_source = 0;
  if (self->list != NULL)
    commons_record_list_load_rest (self->list);
  return G_SOURCE_REMOVE;
}

static void
after_first_paint_cb (CommonsNotesPage *self,
                      GdkFrameClock    *clock)
{
  g_assert (COMMONS_IS_NOTES_PAGE (self));

  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
  if (self->load_rest_source == 0)
    self->load_rest_source = g_idle_add (load_rest_cb, self);
}

static void
commons_notes_page_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (commons_notes_page_parent_class)->realize (widget);

  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (after_first_paint_cb), widget, G_CONNECT_SWAPPED);
}

static void
commons_notes_page_dispose (GObject *object)
{
  CommonsNotesPage *self = COMMONS_NOTES_PAGE (object);

  g_clear_handle_id (&self->load_rest_source, g_source_remove);
  g_clear_handle_id (&self->end_key_browsing_source, g_source_remove);
  g_clear_pointer (&self->last_deleted_id, g_free);

  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_NOTES_PAGE);
  /* It went with the list's stack. */
  self->no_results_page = NULL;

  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (commons_notes_page_parent_class)->dispose (object);
}

static gboolean
page_save (CommonsPage *page)
{
  return commons_notes_page_save (COMMONS_NOTES_PAGE (page));
}

static void
page_reload (CommonsPage *page)
{
  commons_notes_page_reload (COMMONS_NOTES_PAGE (page));
}

static void
commons_notes_page_class_init (CommonsNotesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CommonsPageClass *page_class = COMMONS_PAGE_CLASS (klass);

  object_class->dispose = commons_notes_page_dispose;
  widget_class->measure = commons_notes_page_measure;
  widget_class->realize = commons_notes_page_realize;
  page_class->save = page_save;
  page_class->reload = page_reload;

  /**
   * CommonsNotesPage::resolve-conflict:
   * @record: the note's record id
   *
   * The person asks to settle a note edited in two places.
   */
  signals[RESOLVE_CONFLICT] = g_signal_new ("resolve-conflict", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);


  g_type_ensure (COMMONS_TYPE_NOTE_EDITOR);
  g_type_ensure (COMMONS_TYPE_RECORD_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-notes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, editor_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsNotesPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_resolve_conflict_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  _commons_notes_page_class_install_actions (widget_class);
}

static void
commons_notes_page_init (CommonsNotesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child, so not bound as a template child: disposing the
   * template would unparent it under the bin's feet. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  _commons_notes_page_add_shortcuts (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.undo", FALSE);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  editor_record_cb (self);
}

/**
 * commons_notes_page_set_window_height:
 * @height: the window's height, in pixels, or 0 if it is not known (as
 *   when it will be maximized)
 *
 * How many notes the list reads before the first frame: as many as fill
 * @height. Call before commons_notes_page_set_store().
 */
void
commons_notes_page_set_window_height (CommonsNotesPage *self,
                                      int               height)
{
  g_return_if_fail (COMMONS_IS_NOTES_PAGE (self));

  if (height > LIST_CHROME_HEIGHT)
    self->first_rows = MIN (FIRST_ROWS, (guint) (height - LIST_CHROME_HEIGHT) / MIN_ROW_HEIGHT + 2);
  else
    self->first_rows = FIRST_ROWS;
}

void
commons_notes_page_set_store (CommonsNotesPage *self,
                              CommonsStore     *store)
{
  g_return_if_fail (COMMONS_IS_NOTES_PAGE (self));
  g_return_if_fail (COMMONS_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->list = commons_record_list_new_first (store, "note",
                                              self->first_rows > 0 ? self->first_rows : FIRST_ROWS);
  commons_note_editor_set_store (self->editor, store);

  /* Order matters: the first handler runs before the selection model's,
   * the second after it. */
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (items_changing_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (items_changed_cb),
                           self, G_CONNECT_SWAPPED);

  update_list_stack (self);
}
