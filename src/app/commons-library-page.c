/* commons-library-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-comment-count.h"
#include "commons-library-page-private.h"
#include "commons-plan-query.h"

/* Lesson Plans: a list filtered and sorted in SQLite, a clean view of the
 * selected plan, and a form to edit it. Edits are saved when the person
 * presses Done, switches plans or closes the window. */

G_DEFINE_FINAL_TYPE (CommonsLibraryPage, commons_library_page, COMMONS_TYPE_PAGE)

enum {
  RESOLVE_CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void edit_toggled_cb (CommonsLibraryPage *self);

/* Filters. */

static void
update_list_stack (CommonsLibraryPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

/**
 * _commons_library_page_refresh_list:
 *
 * Lists the plans again by the search and filters, after a plan was
 * written.
 */
void
_commons_library_page_refresh_list (CommonsLibraryPage *self)
{
  if (self->list == NULL || self->filling)
    return;
  commons_record_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  commons_record_list_reload (self->list);
  update_list_stack (self);
}

static void
filters_changed_cb (CommonsLibraryPage *self)
{
  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  _commons_library_page_refresh_list (self);
}

/* The plan on show. */

static void
resolve_conflict_cb (CommonsLibraryPage *self)
{
  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  if (self->plan != NULL && commons_plan_get_record (self->plan) != NULL)
    g_signal_emit (self, signals[RESOLVE_CONFLICT], 0, commons_plan_get_record (self->plan));
}

static void
render_view (CommonsLibraryPage *self)
{
  if (self->plan != NULL)
    commons_plan_view_set_plan (self->plan_view, self->store, self->manager, self->plan);
}

void
_commons_library_page_update_header (CommonsLibraryPage *self)
{
  g_autoptr(GError) reason = NULL;
  g_autoptr(GError) edit_reason = NULL;
  gboolean can_remix;
  gboolean can_edit;

  adw_window_title_set_title (self->plan_title,
                              self->plan != NULL ? commons_plan_get_title (self->plan) : "");
  gtk_button_set_icon_name (GTK_BUTTON (self->edit_button),
                            gtk_toggle_button_get_active (self->edit_button) ? "commons-object-select-symbolic"
                                                                             : "commons-document-edit-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               gtk_toggle_button_get_active (self->edit_button) ? _("Done Editing")
                                                                                : _("Edit Plan"));
  commons_accessible_set_label (GTK_WIDGET (self->edit_button),
                                gtk_toggle_button_get_active (self->edit_button) ? _("Done Editing")
                                                                                 : _("Edit Plan"));
  can_edit = self->plan != NULL && commons_plan_can_edit (self->plan, self->store, &edit_reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), can_edit);
  if (edit_reason != NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button), edit_reason->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, edit_reason->message, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  can_remix = self->plan != NULL && commons_plan_get_record (self->plan) != NULL &&
              commons_plan_can_remix (self->plan, &reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remix", can_remix);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-markdown", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.print", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.history", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete",
                                 self->plan != NULL && commons_plan_get_record (self->plan) != NULL &&
                                 commons_plan_can_delete (self->plan, self->store, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.unshare",
                                 self->plan != NULL && commons_plan_get_record (self->plan) != NULL &&
                                 commons_plan_can_unshare (self->plan, self->store, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remix_button),
                               can_remix ? _("Make your own version, crediting this one")
                                         : reason != NULL ? reason->message : NULL);
}

gboolean
_commons_library_page_save_plan (CommonsLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = NULL;
  gboolean saved;

  if (self->plan == NULL || self->store == NULL)
    return TRUE;
  /* A plan this person may not change was only read: there is nothing to
   * save, and trying would only be refused. */
  if (!commons_plan_can_edit (self->plan, self->store, NULL))
    return TRUE;
  if (commons_plan_editor_get_plan (self->plan_editor) == self->plan)
    commons_plan_editor_commit (self->plan_editor);
  plan = g_object_ref (self->plan);
  self->saving = TRUE;
  saved = commons_plan_save (plan, self->store, &error);
  self->saving = FALSE;
  if (!saved)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      commons_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  return saved;
}

/**
 * commons_library_page_save:
 *
 * Saves the plan being edited now, if it changed.
 *
 * Returns: %FALSE if it could not be saved; the edits stay in the form
 */
gboolean
commons_library_page_save (CommonsLibraryPage *self)
{
  g_return_val_if_fail (COMMONS_IS_LIBRARY_PAGE (self), FALSE);

  return _commons_library_page_save_plan (self);
}

void
_commons_library_page_show_plan (CommonsLibraryPage *self,
                                 const char         *record)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->plan);
  if (record != NULL)
    {
      self->plan = commons_plan_load (self->store, record, &error);
      if (self->plan == NULL)
        g_warning ("Cannot open the plan: %s", error->message);
    }

  if (self->plan == NULL)
    {
      commons_plan_editor_set_plan (self->plan_editor, self->store, NULL);
      gtk_stack_set_visible_child_name (self->plan_stack, "none");
    }
  else if (gtk_toggle_button_get_active (self->edit_button) &&
           commons_plan_can_edit (self->plan, self->store, NULL))
    {
      commons_plan_editor_set_plan (self->plan_editor, self->store, self->plan);
      gtk_stack_set_visible_child_name (self->plan_stack, "edit");
    }
  else
    {
      /* A plan this person may not edit opens for reading; the form,
       * which holds the plan before it, is not saved into it. */
      if (gtk_toggle_button_get_active (self->edit_button))
        {
          g_signal_handlers_block_by_func (self->edit_button, edit_toggled_cb, self);
          gtk_toggle_button_set_active (self->edit_button, FALSE);
          g_signal_handlers_unblock_by_func (self->edit_button, edit_toggled_cb, self);
        }
      commons_plan_editor_set_plan (self->plan_editor, self->store, NULL);
      render_view (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "view");
    }
  _commons_library_page_update_header (self);
}

/* The leaflet gives the plan's side back the focus it last had, which
 * may be in the form the stack has just hidden: the focus goes to the
 * Edit button instead, where the person left editing. */
static void
keep_focus_on_show (CommonsLibraryPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && !gtk_widget_get_mapped (focus) &&
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->plan_stack)))
    gtk_widget_grab_focus (GTK_WIDGET (self->edit_button));
}

void
_commons_library_page_select_record (CommonsLibraryPage *self,
                                     const char         *record)
{
  guint position = commons_record_list_find (self->list, record);

  if (position != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, position);
  else
    _commons_library_page_show_plan (self, record);
  adw_leaflet_set_visible_child_name (self->leaflet, "plan");
  keep_focus_on_show (self);
}

static void
selection_changed_cb (CommonsLibraryPage *self)
{
  g_autoptr(CommonsRecordSummary) summary = gtk_single_selection_get_selected_item (self->selection) ?
    g_object_ref (gtk_single_selection_get_selected_item (self->selection)) : NULL;
  const char *record = summary != NULL ? commons_record_summary_get_id (summary) : NULL;

  if (self->plan != NULL && g_strcmp0 (record, commons_plan_get_record (self->plan)) == 0)
    return;
  _commons_library_page_save_plan (self);
  _commons_library_page_show_plan (self, record);
  if (record != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "plan");
}

static void
back_clicked_cb (CommonsLibraryPage *self)
{
  _commons_library_page_save_plan (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
edit_toggled_cb (CommonsLibraryPage *self)
{
  if (self->plan == NULL)
    return;

  if (gtk_toggle_button_get_active (self->edit_button))
    {
      _commons_library_page_update_header (self);
      commons_plan_editor_set_plan (self->plan_editor, self->store, self->plan);
      gtk_stack_set_visible_child_name (self->plan_stack, "edit");
      commons_plan_editor_focus_title (self->plan_editor);
    }
  else
    {
      g_autofree char *record = NULL;

      commons_plan_editor_commit (self->plan_editor);
      _commons_library_page_save_plan (self);
      commons_plan_editor_set_plan (self->plan_editor, self->store, NULL);
      record = g_strdup (commons_plan_get_record (self->plan));
      _commons_library_page_refresh_filters (self);
      render_view (self);
      _commons_library_page_update_header (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "view");
      filters_changed_cb (self);
      _commons_library_page_select_record (self, record);
    }
}

/* Leaves the form without reading it into a plan: the plan it holds is
 * saved already, or gone. */
void
_commons_library_page_stop_editing (CommonsLibraryPage *self)
{
  if (!gtk_toggle_button_get_active (self->edit_button))
    return;
  g_signal_handlers_block_by_func (self->edit_button, edit_toggled_cb, self);
  gtk_toggle_button_set_active (self->edit_button, FALSE);
  g_signal_handlers_unblock_by_func (self->edit_button, edit_toggled_cb, self);
  commons_plan_editor_set_plan (self->plan_editor, self->store, NULL);
}

void
_commons_library_page_show_error_toast (CommonsLibraryPage *self,
                                        const GError       *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  commons_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * commons_library_page_set_sync_manager:
 * @manager: names the members of the groups plans are shared with
 */
void
commons_library_page_set_sync_manager (CommonsLibraryPage *self,
                                       CommonsSyncManager *manager)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (manager == NULL || COMMONS_IS_SYNC_MANAGER (manager));

  g_set_object (&self->manager, manager);
}

static void
warm_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!commons_plan_query_warm_finish (COMMONS_STORE (source), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not derive the plans' statuses ahead: %s", error->message);
}

/* Every plan's review status, derived on a thread while the list is
 * looked at, so choosing a status filter need not wait for it. */
static void
warm_statuses (CommonsLibraryPage *self)
{
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  commons_plan_query_warm_async (self->store, 0, self->cancellable, warm_done_cb, NULL);
}

void
commons_library_page_reload (CommonsLibraryPage *self)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));

  if (self->list == NULL)
    return;
  _commons_library_page_refresh_filters (self);
  commons_record_list_reload (self->list);
  update_list_stack (self);
  warm_statuses (self);
}

/**
 * commons_library_page_show_plan:
 *
 * Shows the plan @record, as when another page asks to open it.
 */
void
commons_library_page_show_plan (CommonsLibraryPage *self,
                                const char         *record)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (record != NULL);

  if (self->list == NULL)
    return;
  if (gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, FALSE);
  commons_record_list_reload (self->list);
  update_list_stack (self);
  _commons_library_page_select_record (self, record);
}

/**
 * commons_library_page_show_comments:
 *
 * Shows the plan @record with the keyboard focus on its comments, as when
 * a notification of a comment is clicked.
 */
void
commons_library_page_show_comments (CommonsLibraryPage *self,
                                    const char         *record)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (record != NULL);

  commons_library_page_show_plan (self, record);
  if (self->plan != NULL && g_strcmp0 (commons_plan_get_record (self->plan), record) == 0)
    commons_plan_view_focus_comments (self->plan_view);
}

static void
record_changed_cb (CommonsLibraryPage *self,
                   const char         *record,
                   const char         *kind)
{
  if (g_strcmp0 (kind, "plan") != 0)
    return;
  update_list_stack (self);
  /* The plan on show was settled in the conflict view, or restored: show
   * what it is now, unless the person is editing it. */
  if (self->plan != NULL && !self->saving &&
      g_strcmp0 (commons_plan_get_record (self->plan), record) == 0 &&
      !gtk_toggle_button_get_active (self->edit_button))
    _commons_library_page_show_plan (self, record);
}

void
commons_library_page_set_store (CommonsLibraryPage *self,
                                CommonsStore       *store)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (COMMONS_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->list);
  self->list = commons_record_list_new (store, "plan");
  commons_record_list_set_query_func (self->list, _commons_library_page_query_plans, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  _commons_library_page_refresh_filters (self);
  update_list_stack (self);
  _commons_library_page_update_header (self);
  warm_statuses (self);
}

static void
commons_library_page_dispose (GObject *object)
{
  CommonsLibraryPage *self = (CommonsLibraryPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_LIBRARY_PAGE);
  g_clear_object (&self->plan);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (commons_library_page_parent_class)->dispose (object);
}

static gboolean
page_save (CommonsPage *page)
{
  return commons_library_page_save (COMMONS_LIBRARY_PAGE (page));
}

static void
page_reload (CommonsPage *page)
{
  commons_library_page_reload (COMMONS_LIBRARY_PAGE (page));
}

static void
commons_library_page_class_init (CommonsLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CommonsPageClass *page_class = COMMONS_PAGE_CLASS (klass);

  object_class->dispose = commons_library_page_dispose;
  page_class->save = page_save;
  page_class->reload = page_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, remix_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, filter_button);
  gtk_widget_class_bind_template_callback_full (widget_class, "filter_toggled_cb",
                                                G_CALLBACK (_commons_library_page_filter_toggled));
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_editor);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, resolve_conflict_cb);

  /**
   * CommonsLibraryPage::resolve-conflict:
   * @record: the plan's record id
   *
   * The person asks to settle a plan edited in two places.
   */
  signals[RESOLVE_CONFLICT] = g_signal_new ("resolve-conflict", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  _commons_library_page_class_add_actions (widget_class);
  _commons_library_page_class_add_rows (widget_class);

  g_type_ensure (COMMONS_TYPE_RECORD_SUMMARY);
  g_type_ensure (COMMONS_TYPE_PLAN_VIEW);
  g_type_ensure (COMMONS_TYPE_PLAN_EDITOR);
}

static void
commons_library_page_init (CommonsLibraryPage *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: bound as a template child it would be disposed
   * twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  _commons_library_page_init_filters (self);
}

