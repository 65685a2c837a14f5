/* commons-group-dialog.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-group-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-group-dialog.h"

/* Creating a group on a server, or joining one with an invite code or a
 * commons://join link. The server is asked on a worker; the dialog stays
 * responsive and can be closed, which cancels the request. */

struct _CommonsGroupDialog
{
  AdwWindow           parent_instance;

  CommonsSyncManager *manager;
  GCancellable       *cancellable;
  gboolean            join;
  gboolean            busy;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *go_button;
  GtkWidget          *spinner;
  AdwEntryRow        *server_row;
  AdwEntryRow        *name_row;
  AdwEntryRow        *code_row;
  AdwEntryRow        *display_name_row;
  GtkLabel           *message_label;
  /* Why the server refused the last request, until a field changes. */
  char               *refusal;
};

G_DEFINE_FINAL_TYPE (CommonsGroupDialog, commons_group_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gboolean  join;
  char     *server;
  char     *name_or_code;
  char     *display_name;
} Request;

static void
request_free (Request *request)
{
  g_free (request->server);
  g_free (request->name_or_code);
  g_free (request->display_name);
  g_free (request);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (text_of (row)));
}

static gboolean
server_is_valid (const char *server)
{
  g_autoptr(GUri) uri = g_uri_parse (server, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
         (g_str_equal (g_uri_get_scheme (uri), "http") ||
          g_str_equal (g_uri_get_scheme (uri), "https"));
}

static gboolean
is_complete (CommonsGroupDialog *self)
{
  g_autofree char *server = stripped (self->server_row);
  g_autofree char *second = stripped (self->join ? self->code_row : self->name_row);
  g_autofree char *display_name = stripped (self->display_name_row);

  return server_is_valid (server) && *second != '\0' && *display_name != '\0';
}

/* What the person can do about the address they typed, or NULL. */
static char *
describe_server_problem (const char *server)
{
  if (*server == '\0' || server_is_valid (server))
    return NULL;
  if (strstr (server, "://") == NULL)
    /* Translators: %s is what the person typed, without https:// in front. */
    return g_strdup_printf (_("The address starts with https://, as in https://%s"), server);
  return g_strdup (_("The address is a web address, such as https://commons.example.org"));
}

/* The message under the fields: the server's refusal, else what is wrong
 * with the address; the address row marked while it is wrong. */
static void
update_message (CommonsGroupDialog *self)
{
  g_autofree char *server = stripped (self->server_row);
  g_autofree char *problem = describe_server_problem (server);
  const char *message = self->refusal != NULL ? self->refusal : problem;

  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (self->refusal != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->server_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
}

static void
update_sensitivity (CommonsGroupDialog *self)
{
  /* A field that loses its sensitivity while it has the focus never
   * hears that it lost it. */
  if (self->busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_widget_set_sensitive (self->go_button, !self->busy && is_complete (self));
  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->display_name_row), !self->busy);
}

static void
changed_cb (CommonsGroupDialog *self)
{
  /* A refusal was about what the fields said then. */
  g_clear_pointer (&self->refusal, g_free);
  update_message (self);
  update_sensitivity (self);
}

/* A pasted link fills in the server and leaves only the code. */
static void
code_changed_cb (CommonsGroupDialog *self)
{
  g_autofree char *text = stripped (self->code_row);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *server, *code;

  if (g_str_has_prefix (text, "commons:") &&
      (uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL)) != NULL &&
      g_uri_get_query (uri) != NULL &&
      (params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL)) != NULL)
    {
      server = g_hash_table_lookup (params, "server");
      code = g_hash_table_lookup (params, "code");
      if (server != NULL && code != NULL)
        {
          g_autofree char *server_copy = g_strdup (server);
          g_autofree char *code_copy = g_strdup (code);

          gtk_editable_set_text (GTK_EDITABLE (self->server_row), server_copy);
          gtk_editable_set_text (GTK_EDITABLE (self->code_row), code_copy);
          return;
        }
    }
  changed_cb (self);
}

/**
 * commons_group_dialog_set_link:
 * @link: a commons://join link, as an invite gives
 *
 * Fills in the server and the code from an invite link that was opened.
 */
void
commons_group_dialog_set_link (CommonsGroupDialog *self,
                               const char         *link)
{
  g_return_if_fail (COMMONS_IS_GROUP_DIALOG (self));
  g_return_if_fail (link != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->code_row), link);
}

static gpointer
group_call (CommonsSyncClient  *client,
            CommonsStore       *store,
            gpointer            data,
            GCancellable       *cancellable,
            GError            **error)
{
  Request *request = data;

  if (request->join)
    return commons_sync_client_join_group (client, request->server, request->name_or_code,
                                           request->display_name, cancellable, error);
  return commons_sync_client_create_group (client, request->server, request->name_or_code,
                                           request->display_name, cancellable, error);
}

static void
group_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CommonsGroupDialog) self = user_data;
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(GError) error = NULL;

  group = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (group == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  update_sensitivity (self);
  if (group == NULL)
    {
      /* Said under the fields, where it stays until they change: a toast
       * covered them, and was cut off. */
      g_free (self->refusal);
      self->refusal = commons_sync_describe_error (error);
      update_message (self);
      /* Back to the field that most likely needs changing. */
      gtk_widget_grab_focus (g_error_matches (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_INVALID_CODE) ?
                             GTK_WIDGET (self->code_row) : GTK_WIDGET (self->server_row));
      return;
    }

  g_signal_emit (self, signals[DONE], 0, group->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
go_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CommonsGroupDialog *self = COMMONS_GROUP_DIALOG (widget);
  Request *request;

  if (self->busy || !is_complete (self))
    return;

  request = g_new0 (Request, 1);
  request->join = self->join;
  request->server = stripped (self->server_row);
  request->name_or_code = stripped (self->join ? self->code_row : self->name_row);
  request->display_name = stripped (self->display_name_row);

  self->busy = TRUE;
  update_sensitivity (self);
  commons_sync_manager_call_async (self->manager, group_call, request,
                                   (GDestroyNotify) request_free,
                                   (GDestroyNotify) commons_group_free,
                                   self->cancellable, group_done_cb, g_object_ref (self));
}

static void
activated_cb (CommonsGroupDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.go", NULL);
}

static void
commons_group_dialog_dispose (GObject *object)
{
  CommonsGroupDialog *self = COMMONS_GROUP_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->refusal, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_GROUP_DIALOG);

  G_OBJECT_CLASS (commons_group_dialog_parent_class)->dispose (object);
}

static void
commons_group_dialog_class_init (CommonsGroupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_group_dialog_dispose;

  /**
   * CommonsGroupDialog::done:
   * @group: the id of the group created or joined
   */
  signals[DONE] =
    g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-group-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, go_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activated_cb);

  gtk_widget_class_install_action (widget_class, "dialog.go", NULL, go_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_group_dialog_init (CommonsGroupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/* Once shown: focusing it earlier gives the window the wrong role in
 * the accessibility tree. The first field still to fill in, so that a
 * link that filled in the server and the code leaves the name. */
static void
focus_first_field_cb (CommonsGroupDialog *self)
{
  AdwEntryRow *rows[] = { self->server_row, self->join ? self->code_row : self->name_row,
                          self->display_name_row };

  g_assert (COMMONS_IS_GROUP_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = stripped (rows[i]);

      if (*text == '\0' || i == G_N_ELEMENTS (rows) - 1)
        {
          gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
          break;
        }
    }
}

GtkWidget *
commons_group_dialog_new (GtkWindow          *parent,
                          CommonsSyncManager *manager,
                          gboolean            join)
{
  CommonsGroupDialog *self;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);

  self = g_object_new (COMMONS_TYPE_GROUP_DIALOG, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  self->join = join;

  gtk_window_set_title (GTK_WINDOW (self), join ? _("Join a Group") : _("Create a Group"));
  gtk_button_set_label (GTK_BUTTON (self->go_button), join ? _("_Join") : _("C_reate"));
  commons_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), !join);
  gtk_widget_set_visible (GTK_WIDGET (self->code_row), join);

  display_name = commons_store_dup_display_name (commons_sync_manager_get_store (manager));
  if (display_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->display_name_row), display_name);
  update_sensitivity (self);
  /* The first field to fill in has the focus, not Cancel; Enter in any
   * field goes ahead once all are filled in. */
  gtk_window_set_default_widget (GTK_WINDOW (self), self->go_button);
  g_signal_connect_object (self, "map", G_CALLBACK (focus_first_field_cb), NULL, 0);
  return GTK_WIDGET (self);
}
