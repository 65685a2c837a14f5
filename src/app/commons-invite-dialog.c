/* commons-invite-dialog.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-invite-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-invite-dialog.h"

/* Asks the server for an invite code as soon as it opens, then shows the
 * code and a commons://join link, each with a Copy button. */

#define INVITE_USES 10
#define INVITE_HOURS (7 * 24)

struct _CommonsInviteDialog
{
  AdwWindow           parent_instance;

  CommonsSyncManager *manager;
  GCancellable       *cancellable;
  char               *group;
  char               *code;
  char               *link;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  AdwStatusPage      *failed_page;
  GtkLabel           *intro_label;
  GtkLabel           *code_label;
  GtkLabel           *link_label;
};

G_DEFINE_FINAL_TYPE (CommonsInviteDialog, commons_invite_dialog, ADW_TYPE_WINDOW)

static gpointer
invite_call (CommonsSyncClient  *client,
             CommonsStore       *store,
             gpointer            data,
             GCancellable       *cancellable,
             GError            **error)
{
  return commons_sync_client_create_invite (client, data, INVITE_USES, INVITE_HOURS,
                                            cancellable, error);
}

static void
invite_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CommonsInviteDialog) self = user_data;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *server = NULL;
  g_autofree char *code = NULL;
  g_autofree char *intro = NULL;

  answer = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (answer == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = commons_sync_describe_error (error);
      adw_status_page_set_description (self->failed_page, text);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }

  group = commons_store_get_group (commons_sync_manager_get_store (self->manager), self->group, NULL);
  g_free (self->code);
  self->code = g_strdup (json_object_get_string_member (answer, "code"));
  server = g_uri_escape_string (group != NULL ? group->server : "", NULL, FALSE);
  code = g_uri_escape_string (self->code, NULL, FALSE);
  g_free (self->link);
  self->link = g_strdup_printf ("commons://join?server=%s&code=%s", server, code);

  intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Give this code to the person you invite. It works for one person and for a week.",
                                        "Give this code to the people you invite. It works for up to %d people and for a week.",
                                        INVITE_USES),
                           INVITE_USES);
  gtk_label_set_label (self->intro_label, intro);
  gtk_label_set_label (self->code_label, self->code);
  gtk_label_set_label (self->link_label, self->link);
  gtk_stack_set_visible_child_name (self->stack, "ready");
}

static void
request_invite (CommonsInviteDialog *self)
{
  gtk_stack_set_visible_child_name (self->stack, "working");
  commons_sync_manager_call_async (self->manager, invite_call, g_strdup (self->group), g_free,
                                   (GDestroyNotify) json_object_unref,
                                   self->cancellable, invite_done_cb, g_object_ref (self));
}

static void
copy (CommonsInviteDialog *self,
      const char          *text,
      const char          *done)
{
  if (text == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
}

static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommonsInviteDialog *self = COMMONS_INVITE_DIALOG (widget);

  copy (self, self->code, _("Code copied"));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommonsInviteDialog *self = COMMONS_INVITE_DIALOG (widget);

  copy (self, self->link, _("Link copied"));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  request_invite (COMMONS_INVITE_DIALOG (widget));
}

static void
commons_invite_dialog_dispose (GObject *object)
{
  CommonsInviteDialog *self = COMMONS_INVITE_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->link, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_INVITE_DIALOG);

  G_OBJECT_CLASS (commons_invite_dialog_parent_class)->dispose (object);
}

static void
commons_invite_dialog_class_init (CommonsInviteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_invite_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-invite-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsInviteDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsInviteDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsInviteDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CommonsInviteDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsInviteDialog, code_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsInviteDialog, link_label);

  gtk_widget_class_install_action (widget_class, "invite.copy-code", NULL, copy_code_action);
  gtk_widget_class_install_action (widget_class, "invite.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "invite.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_invite_dialog_init (CommonsInviteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  commons_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
commons_invite_dialog_new (GtkWindow          *parent,
                           CommonsSyncManager *manager,
                           const char         *group)
{
  CommonsInviteDialog *self;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_INVITE_DIALOG, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  self->group = g_strdup (group);
  request_invite (self);
  return GTK_WIDGET (self);
}
