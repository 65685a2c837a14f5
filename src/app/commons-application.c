/* commons-application.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-application"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "commons-application.h"
#include "commons-preferences-window.h"
#include "commons-warm-up.h"
#include "commons-window.h"

struct _CommonsApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  CommonsStore   *store;
  /* One for the whole app: every window shows the same syncs, and two
   * windows never sync the same group twice. */
  CommonsSyncManager *sync_manager;
  gint64          started;
  guint           failed : 1;
};

G_DEFINE_FINAL_TYPE (CommonsApplication, commons_application, ADW_TYPE_APPLICATION)

static char *
dup_data_dir (void)
{
  const char *env = g_getenv ("COMMONS_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "commons", NULL);
}

/* The store's errors, in the words of someone who just wants their notes
 * back: what happened, to which file, and that nothing was overwritten. */
static char *
describe_open_error (const char   *path,
                     const GError *error)
{
  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_A_DATABASE))
    return g_strdup_printf (_("The file “%s” is not a Commons database. Commons did not change it.\n\n"
                              "Move the file elsewhere to start with an empty database."),
                            path);
  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_CORRUPT))
    return g_strdup_printf (_("The database “%s” is damaged. Commons did not change it.\n\n"
                              "Restore it from a backup, or move it elsewhere to start afresh."),
                            path);
  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NEWER_SCHEMA))
    return g_strdup_printf (_("The database “%s” was written by a newer version of Commons. "
                              "This version did not change it.\n\n"
                              "Update Commons to open it."),
                            path);
  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY))
    return g_strdup_printf (_("Commons cannot write to “%s”.\n\n"
                              "Check that the folder exists and that you are allowed to write to it."),
                            path);
  return g_strdup_printf (_("Commons cannot open “%s”: %s"), path, error->message);
}

static void
quit_clicked_cb (CommonsApplication *self)
{
  g_application_quit (G_APPLICATION (self));
}

/* A window of its own rather than a message dialog: there is no main
 * window for a dialog to belong to, and newer libadwaita lays out a
 * message dialog without a parent narrower than its heading needs (a
 * warning, a crash under fatal warnings). A status page wraps its text,
 * the path included, at any width. */
static void
show_open_error (CommonsApplication *self,
                 const char         *path,
                 const GError       *error)
{
  g_autofree char *body = describe_open_error (path, error);
  /* A status page's description is markup; a path may hold "&" or "<". */
  g_autofree char *escaped = g_markup_escape_text (body, -1);
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *status;
  GtkWidget *quit;

  g_message ("Cannot open %s: %s", path, error->message);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Commons"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 420);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_label_new (NULL));
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (box), header);

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "commons-dialog-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Your Notes Cannot Be Opened"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), escaped);
  gtk_widget_set_vexpand (status, TRUE);

  quit = gtk_button_new_with_mnemonic (_("_Quit"));
  gtk_widget_set_halign (quit, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (quit, "pill");
  gtk_widget_add_css_class (quit, "suggested-action");
  g_signal_connect_object (quit, "clicked", G_CALLBACK (quit_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), quit);
  gtk_box_append (GTK_BOX (box), status);

  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_widget (GTK_WINDOW (window), quit);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (quit);
}

static gboolean
open_store (CommonsApplication *self)
{
  g_autofree char *dir = dup_data_dir ();
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (&error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY,
                   "%s", g_strerror (saved_errno));
      show_open_error (self, dir, error);
      return FALSE;
    }

  self->store = commons_store_open (path, &error);
  if (self->store == NULL)
    {
      show_open_error (self, path, error);
      return FALSE;
    }

  g_settings_bind (self->settings, "quiet-interval", self->store, "quiet-interval",
                   G_SETTINGS_BIND_GET);
  self->sync_manager = commons_sync_manager_new (self->store);
  return TRUE;
}

static void
commons_application_activate (GApplication *app)
{
  CommonsApplication *self = COMMONS_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->failed)
    return;

  if (self->store == NULL && !open_store (self))
    {
      self->failed = TRUE;
      return;
    }

  window = GTK_WINDOW (commons_window_new (self, self->store, self->started));
  gtk_window_present (window);
}

/* Opening .commons files, from the file manager or `commons FILE`,
 * imports them into the window. */
static void
commons_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  g_autoptr(GPtrArray) bundles = g_ptr_array_new ();
  GtkWindow *window;

  commons_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (!COMMONS_IS_WINDOW (window))
    return;

  /* An invite link (commons://join?server=…&code=…) opens the Join
   * dialog; anything else is a file to import. */
  for (int i = 0; i < n_files; i++)
    {
      if (g_file_has_uri_scheme (files[i], "commons"))
        {
          g_autofree char *link = g_file_get_uri (files[i]);

          commons_window_join_link (COMMONS_WINDOW (window), link);
        }
      else
        g_ptr_array_add (bundles, files[i]);
    }
  if (bundles->len > 0)
    commons_window_import_files (COMMONS_WINDOW (window), (GFile **) bundles->pdata, bundles->len);
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CommonsApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing each window saves what is being typed and the window's size;
   * the application ends when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  if (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL)
    g_application_quit (G_APPLICATION (self));
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CommonsApplication *self = user_data;
  static const char *developers[] = { "The Commons developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Commons"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Commons developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Commons developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Private notes, lesson plans and reviews for study groups and teachers"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CommonsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CommonsPreferencesWindow *preferences;

  preferences = commons_preferences_window_new (parent, self->settings);
  commons_preferences_window_set_store (preferences, self->store);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CommonsApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_show_uri (parent, "help:commons", GDK_CURRENT_TIME);
}

/* A notification of an answer or a comment was clicked: open the window
 * on the question, or on the plan's comments. */
static void
show_item_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CommonsApplication *self = user_data;
  const char *kind, *record;
  GtkWindow *window;

  g_assert (COMMONS_IS_APPLICATION (self));

  g_variant_get (parameter, "(&s&s)", &kind, &record);
  commons_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (COMMONS_IS_WINDOW (window))
    commons_window_show_item (COMMONS_WINDOW (window), kind, record);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action_cb },
  { "show-item", show_item_action_cb, "(ss)" },
  { "about", about_action_cb },
  { "preferences", preferences_action_cb },
  { "help", help_action_cb },
};

static void
commons_application_startup (GApplication *app)
{
  CommonsApplication *self = COMMONS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "F1", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *new_plan_accels[] = { "<Control><Shift>n", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *history_accels[] = { "<Control>h", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (commons_application_parent_class)->startup (app);
  if (gdk_display_get_default () != NULL)
    commons_warm_up_start (gdk_display_get_default ());

  /* Screenshots of right-to-left layouts need no translation. */
  if (g_strcmp0 (g_getenv ("COMMONS_FORCE_RTL"), "1") == 0)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);

  self->settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-plan", new_plan_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.history", history_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);
}

static void
commons_application_shutdown (GApplication *app)
{
  CommonsApplication *self = COMMONS_APPLICATION (app);

  G_APPLICATION_CLASS (commons_application_parent_class)->shutdown (app);

  /* Cancels what is still syncing before the store goes. */
  if (self->sync_manager != NULL)
    g_object_run_dispose (G_OBJECT (self->sync_manager));
  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
}

static void
commons_application_finalize (GObject *object)
{
  CommonsApplication *self = COMMONS_APPLICATION (object);

  g_clear_object (&self->sync_manager);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (commons_application_parent_class)->finalize (object);
}

static void
commons_application_class_init (CommonsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = commons_application_finalize;
  app_class->activate = commons_application_activate;
  app_class->open = commons_application_open;
  app_class->startup = commons_application_startup;
  app_class->shutdown = commons_application_shutdown;
}

static void
commons_application_init (CommonsApplication *self)
{
}

CommonsApplication *
commons_application_new (gint64 started)
{
  CommonsApplication *self;

  self = g_object_new (COMMONS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
  self->started = started;
  return self;
}

CommonsStore *
commons_application_get_store (CommonsApplication *self)
{
  g_return_val_if_fail (COMMONS_IS_APPLICATION (self), NULL);
  return self->store;
}

/**
 * commons_application_get_sync_manager:
 *
 * Returns: (transfer none) (nullable): the app's sync manager, once its
 *   store is open
 */
CommonsSyncManager *
commons_application_get_sync_manager (CommonsApplication *self)
{
  g_return_val_if_fail (COMMONS_IS_APPLICATION (self), NULL);
  return self->sync_manager;
}

GSettings *
commons_application_get_settings (CommonsApplication *self)
{
  g_return_val_if_fail (COMMONS_IS_APPLICATION (self), NULL);
  return self->settings;
}
