/* commons-window.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* For RUSAGE_THREAD. */
#define _GNU_SOURCE

#define G_LOG_DOMAIN "commons-window"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-conflict-view.h"
#include "commons-discussion-notifier.h"
#include "commons-discussion.h"
#include "commons-groups-page.h"
#include "commons-import-dialog.h"
#include "commons-library-page.h"
#include "commons-reviews-page.h"
#include "commons-notes-page.h"
#include "commons-plan.h"
#include "commons-questions-page.h"
#include "commons-sync-manager.h"
#include "commons-sync-summary.h"
#include "commons-window-private.h"


G_DEFINE_FINAL_TYPE (CommonsWindow, commons_window, ADW_TYPE_APPLICATION_WINDOW)

/* Lesson Plans asks to settle a plan edited in two places. */
static void
resolve_conflict_cb (CommonsWindow *self,
                     const char    *record)
{
  GtkWidget *view;

  g_assert (COMMONS_IS_WINDOW (self));

  if (self->sync_manager == NULL)
    return;
  view = commons_conflict_view_new (GTK_WINDOW (self), self->sync_manager, record);
  gtk_window_present (GTK_WINDOW (view));
}

static void open_plan_cb (CommonsWindow *self,
                          const char    *record);

/* Only Notes is built with the window, so the first frame comes sooner;
 * the other pages are built the first time they are shown. */
static GtkWidget *
ensure_page (CommonsWindow *self,
             const char    *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->pages, name);
  const char *title;

  if (page != NULL)
    return page;

  if (g_str_equal (name, "plans"))
    {
      page = g_object_new (COMMONS_TYPE_LIBRARY_PAGE, NULL);
      commons_library_page_set_store (COMMONS_LIBRARY_PAGE (page), self->store);
      commons_library_page_set_sync_manager (COMMONS_LIBRARY_PAGE (page), self->sync_manager);
      g_signal_connect_object (page, "resolve-conflict",
                               G_CALLBACK (resolve_conflict_cb), self, G_CONNECT_SWAPPED);
      title = _("Lesson Plans");
    }
  else if (g_str_equal (name, "reviews"))
    {
      page = g_object_new (COMMONS_TYPE_REVIEWS_PAGE, NULL);
      commons_reviews_page_set_store (COMMONS_REVIEWS_PAGE (page), self->store);
      g_signal_connect_object (page, "open-plan",
                               G_CALLBACK (open_plan_cb), self, G_CONNECT_SWAPPED);
      title = _("Reviews");
    }
  else if (g_str_equal (name, "questions"))
    {
      page = g_object_new (COMMONS_TYPE_QUESTIONS_PAGE, NULL);
      commons_questions_page_set_manager (COMMONS_QUESTIONS_PAGE (page), self->sync_manager);
      g_signal_connect_object (page, "open-plan",
                               G_CALLBACK (open_plan_cb), self, G_CONNECT_SWAPPED);
      title = _("Questions");
    }
  else if (g_str_equal (name, "groups"))
    {
      page = g_object_new (COMMONS_TYPE_GROUPS_PAGE, NULL);
      commons_groups_page_set_manager (COMMONS_GROUPS_PAGE (page), self->sync_manager);
      title = _("Groups");
    }
  else
    {
      g_return_val_if_reached (NULL);
    }

  g_object_bind_property (self->leaflet, "folded", page, "sidebar-folded", G_BINDING_SYNC_CREATE);
  commons_accessible_name_inner_widgets (page);
  gtk_stack_add_titled (self->pages, page, name, title);
  return page;
}

/* Shows the page called @name and marks its row in the sidebar. */
GtkWidget *
_commons_window_show_page (CommonsWindow *self,
                           const char    *name)
{
  GtkWidget *page = ensure_page (self, name);
  GtkListBoxRow *row;

  gtk_stack_set_visible_child (self->pages, page);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), name) == 0
          && gtk_list_box_get_selected_row (self->sidebar_list) != row)
        gtk_list_box_select_row (self->sidebar_list, row);
    }
  return page;
}

static void
sidebar_row_activated_cb (CommonsWindow *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list)
{
  g_assert (COMMONS_IS_WINDOW (self));

  _commons_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Selecting a row shows its page too, not only activating it: the
 * sidebar is a browse list, and assistive technologies (and newer GTK's
 * accessibility layer) select rows rather than activate them. Activation
 * still moves on to the page when the window is folded. */
static void
sidebar_row_selected_cb (CommonsWindow *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  g_assert (COMMONS_IS_WINDOW (self));

  if (row != NULL)
    _commons_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* The Reviews page asks for a plan: show it on Lesson Plans. */
static void
open_plan_cb (CommonsWindow *self,
              const char    *record)
{
  g_assert (COMMONS_IS_WINDOW (self));

  commons_library_page_show_plan (COMMONS_LIBRARY_PAGE (_commons_window_show_page (self, "plans")), record);
}

/**
 * commons_window_join_link:
 * @link: a commons://join link from an invite
 *
 * Shows Groups and the Join dialog, filled in from the link.
 */
void
commons_window_join_link (CommonsWindow *self,
                          const char    *link)
{
  g_return_if_fail (COMMONS_IS_WINDOW (self));

  commons_groups_page_join_link (COMMONS_GROUPS_PAGE (_commons_window_show_page (self, "groups")), link);
}

/**
 * commons_window_show_item:
 * @kind: %COMMONS_QUESTION_KIND for a question, %COMMONS_PLAN_KIND for a
 *   plan's comments
 * @record: the question's or the plan's record id
 *
 * Shows the item a notification is about.
 */
void
commons_window_show_item (CommonsWindow *self,
                          const char    *kind,
                          const char    *record)
{
  g_return_if_fail (COMMONS_IS_WINDOW (self));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (record != NULL);

  if (g_str_equal (kind, COMMONS_QUESTION_KIND))
    {
      commons_questions_page_show_question (COMMONS_QUESTIONS_PAGE (_commons_window_show_page (self, "questions")),
                                            record);
    }
  else if (g_str_equal (kind, COMMONS_PLAN_KIND))
    {
      commons_library_page_show_comments (COMMONS_LIBRARY_PAGE (_commons_window_show_page (self, "plans")),
                                          record);
    }
  else
    return;
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
imported_cb (CommonsWindow *self,
             gboolean       changed)
{
  GtkWidget *plans = gtk_stack_get_child_by_name (self->pages, "plans");

  g_assert (COMMONS_IS_WINDOW (self));

  if (changed && plans != NULL)
    commons_library_page_reload (COMMONS_LIBRARY_PAGE (plans));
}

/* A sync stored what others did through a connection of its own: every
 * page built so far lists again (a plan that came in may wait for this
 * person's review). */
static void
sync_records_changed_cb (CommonsWindow *self,
                         const char    *group)
{
  g_assert (COMMONS_IS_WINDOW (self));

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    commons_page_reload (COMMONS_PAGE (page));
}

/**
 * commons_window_import_files:
 * @files: (array length=n_files): .commons files
 *
 * Imports the files off the main thread, then says what happened.
 */
void
commons_window_import_files (CommonsWindow  *self,
                             GFile         **files,
                             guint           n_files)
{
  GtkWidget *dialog;

  g_return_if_fail (COMMONS_IS_WINDOW (self));

  if (n_files == 0 || self->store == NULL)
    return;
  _commons_window_show_page (self, "plans");
  dialog = commons_import_dialog_new (GTK_WINDOW (self), self->store,
                                      files, n_files);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
drop_cb (CommonsWindow *self,
         const GValue  *value,
         double         x,
         double         y)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  g_assert (COMMONS_IS_WINDOW (self));

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  commons_window_import_files (self, (GFile **) files->pdata, files->len);
  return files->len > 0;
}

static gboolean
commons_window_close_request (GtkWindow *window)
{
  CommonsWindow *self = COMMONS_WINDOW (window);
  int width, height;

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->pages)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    commons_page_save (COMMONS_PAGE (page));

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (commons_window_parent_class)->close_request (window);
}

/* The main thread's processor time so far, in ms, or -1 where the system
 * cannot tell it apart from other threads'. */
static long
main_thread_cpu_ms (void)
{
#ifdef RUSAGE_THREAD
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) == 0)
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000L
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000L;
#endif
  return -1;
}

static void
after_paint_cb (CommonsWindow *self,
                GdkFrameClock *clock)
{
  gint64 elapsed = g_get_monotonic_time () - self->started;

  g_assert (COMMONS_IS_WINDOW (self));

  /* A benchmark script reads these exact lines. */
  printf ("first-frame-ms: %" G_GINT64_FORMAT "\n", elapsed / 1000);
  printf ("first-frame-cpu-ms: %ld\n", main_thread_cpu_ms ());
  fflush (stdout);

  g_clear_signal_handler (&self->after_paint_id, clock);
}

static void
realize_cb (CommonsWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_assert (COMMONS_IS_WINDOW (self));

  if (self->started == 0 || self->after_paint_id != 0 || clock == NULL)
    return;
  self->after_paint_id = g_signal_connect_object (clock, "after-paint",
                                                  G_CALLBACK (after_paint_cb),
                                                  self, G_CONNECT_SWAPPED);
}

static void
commons_window_dispose (GObject *object)
{
  CommonsWindow *self = COMMONS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->notifier);
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (commons_window_parent_class)->dispose (object);
}

static void
commons_window_class_init (CommonsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = commons_window_dispose;
  window_class->close_request = commons_window_close_request;

  g_type_ensure (COMMONS_TYPE_NOTES_PAGE);
  g_type_ensure (COMMONS_TYPE_SYNC_SUMMARY);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, notes_page);
  gtk_widget_class_bind_template_child (widget_class, CommonsWindow, sync_summary);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);
}

/* The main menu's popover is built when the menu is first opened rather
 * than with the window: 5.5 million instructions of the first frame. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  CommonsWindow *self = user_data;

  g_assert (COMMONS_IS_WINDOW (self));

  gtk_menu_button_set_menu_model (button, self->primary_menu);
  commons_accessible_name_menu_items (button);
}

static void
commons_window_init (CommonsWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_primary_menu_cb, self, NULL);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  g_signal_connect_object (self->notes_page, "resolve-conflict",
                           G_CALLBACK (resolve_conflict_cb), self, G_CONNECT_SWAPPED);
  self->cancellable = g_cancellable_new ();

  /* .commons files dropped on the window are imported. */
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  _commons_window_add_actions (self);
}

CommonsWindow *
commons_window_new (CommonsApplication *application,
                    CommonsStore       *store,
                    gint64              started)
{
  CommonsWindow *self;

  g_return_val_if_fail (COMMONS_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  self = g_object_new (COMMONS_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (commons_application_get_settings (application));
  self->started = started;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  commons_notes_page_set_window_height (self->notes_page,
                                        g_settings_get_boolean (self->settings, "window-maximized") ?
                                        0 : g_settings_get_int (self->settings, "window-height"));

  commons_notes_page_set_store (self->notes_page, store);
  self->store = g_object_ref (store);
  self->sync_manager = g_object_ref (commons_application_get_sync_manager (application));
  g_signal_connect_object (self->sync_manager, "records-changed",
                           G_CALLBACK (sync_records_changed_cb), self, G_CONNECT_SWAPPED);
  commons_sync_summary_set_manager (self->sync_summary, self->sync_manager);
  self->notifier = commons_discussion_notifier_new (G_APPLICATION (application), self->sync_manager,
                                                    self->settings);
  gtk_list_box_select_row (self->sidebar_list, gtk_list_box_get_row_at_index (self->sidebar_list, 0));

  if (started != 0)
    g_signal_connect_object (self, "realize", G_CALLBACK (realize_cb), self, G_CONNECT_SWAPPED);

  return self;
}
