/* commons-groups-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-conflict-view.h"
#include "commons-group-dialog.h"
#include "commons-group-section.h"
#include "commons-groups-page.h"
#include "commons-invite-dialog.h"
#include "commons-share-dialog.h"

/* The groups this device belongs to, one CommonsGroupSection each, and
 * what their buttons ask for: the group.* actions, which carry the
 * group's id as their target. A section keeps itself up to date; the
 * page only adds and removes sections as groups are joined and left. */

struct _CommonsGroupsPage
{
  CommonsPage         parent_instance;

  CommonsSyncManager *manager;
  GCancellable       *cancellable;
  gboolean            banner_dismissed;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkInfoBar         *credentials_bar;
  GtkStack           *stack;
  GtkBox             *groups_box;
};

G_DEFINE_FINAL_TYPE (CommonsGroupsPage, commons_groups_page, COMMONS_TYPE_PAGE)

static void
toast (CommonsGroupsPage *self,
       const char        *text)
{
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static CommonsGroupSection *
find_section (CommonsGroupsPage *self,
              const char        *group)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      CommonsGroupSection *section = COMMONS_GROUP_SECTION (child);

      if (g_strcmp0 (commons_group_section_get_group (section)->id, group) == 0)
        return section;
    }
  return NULL;
}

/* A section shows a group as it was when the section was made; one whose
 * name or role changed since is made again. */
static gboolean
section_shows (CommonsGroupSection *section,
               const CommonsGroup  *group)
{
  const CommonsGroup *shown = commons_group_section_get_group (section);

  return g_strcmp0 (shown->id, group->id) == 0 &&
         g_strcmp0 (shown->name, group->name) == 0 &&
         g_strcmp0 (shown->role, group->role) == 0 &&
         g_strcmp0 (shown->server, group->server) == 0 &&
         g_strcmp0 (shown->display_name, group->display_name) == 0 &&
         g_strcmp0 (shown->member, group->member) == 0;
}

/* Keeps one section per group, in the manager's order, reusing those
 * still right, so a group joined or left leaves the others (and the
 * focus in them) alone. */
static void
update_sections (CommonsGroupsPage *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  GtkWidget *previous = NULL;
  GtkWidget *child;

  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  if (self->manager == NULL)
    return;

  groups = commons_sync_manager_list_groups (self->manager);
  for (guint i = 0; i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);
      CommonsGroupSection *section = find_section (self, group->id);

      if (section != NULL && !section_shows (section, group))
        {
          gtk_box_remove (self->groups_box, GTK_WIDGET (section));
          section = NULL;
        }
      if (section == NULL)
        {
          GtkWidget *widget = commons_group_section_new (self->manager, group);

          gtk_box_insert_child_after (self->groups_box, widget, previous);
          previous = widget;
        }
      else
        {
          gtk_box_reorder_child_after (self->groups_box, GTK_WIDGET (section), previous);
          previous = GTK_WIDGET (section);
        }
    }
  /* What follows the last group shown is a group left. */
  child = previous != NULL ? gtk_widget_get_next_sibling (previous)
                           : gtk_widget_get_first_child (GTK_WIDGET (self->groups_box));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_box_remove (self->groups_box, child);
      child = next;
    }

  gtk_stack_set_visible_child_name (self->stack, groups->len > 0 ? "groups" : "empty");
  gtk_info_bar_set_revealed (self->credentials_bar,
                             !self->banner_dismissed &&
                             commons_sync_manager_uses_file_credentials (self->manager));
}

static void
credentials_bar_response_cb (CommonsGroupsPage *self,
                             int                response,
                             GtkInfoBar        *bar)
{
  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  self->banner_dismissed = TRUE;
  gtk_info_bar_set_revealed (bar, FALSE);
}

/* Leaving and removing a member. */

typedef struct
{
  CommonsGroupsPage *page;
  char              *group;
  char              *member;
} MemberCall;

static void
member_call_free (gpointer data)
{
  MemberCall *call = data;

  g_clear_object (&call->page);
  g_free (call->group);
  g_free (call->member);
  g_free (call);
}

static gpointer
leave_call (CommonsSyncClient  *client,
            CommonsStore       *store,
            gpointer            data,
            GCancellable       *cancellable,
            GError            **error)
{
  MemberCall *call = data;

  if (!commons_sync_client_leave_group (client, call->group, cancellable, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static gpointer
revoke_call (CommonsSyncClient  *client,
             CommonsStore       *store,
             gpointer            data,
             GCancellable       *cancellable,
             GError            **error)
{
  MemberCall *call = data;

  if (!commons_sync_client_revoke_member (client, call->group, call->member, cancellable, error))
    return NULL;
  return commons_sync_client_get_group_info (client, call->group, cancellable, error);
}

/* Says what went wrong, unless the page went away meanwhile. */
static void
toast_error (CommonsGroupsPage *self,
             const GError      *error)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  text = commons_sync_describe_error (error);
  toast (self, text);
}

static void
left_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CommonsGroupsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  if (commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error) == NULL)
    {
      toast_error (self, error);
      return;
    }
  toast (self, _("You left the group. What was shared stays on this device."));
  commons_sync_manager_groups_changed (self->manager);
}

static void
revoked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CommonsGroupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) info = NULL;

  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  info = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (info == NULL)
    {
      toast_error (self, error);
      return;
    }
  if (json_object_has_member (info, "group") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (info, "group")))
    {
      JsonObject *group_obj = json_object_get_object_member (info, "group");
      const char *id = json_object_get_string_member_with_default (group_obj, "id", NULL);

      if (id != NULL)
        {
          CommonsGroupSection *section;

          commons_sync_manager_set_members (self->manager, id, info);
          section = find_section (self, id);
          if (section != NULL)
            commons_group_section_refresh (section);
        }
    }
  toast (self, _("The member can no longer sync with the group"));
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     MemberCall       *confirmed)
{
  CommonsGroupsPage *self = confirmed->page;
  MemberCall *call;

  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  if (g_strcmp0 (response, "confirm") != 0 || self->manager == NULL)
    return;

  call = g_new0 (MemberCall, 1);
  call->group = g_strdup (confirmed->group);
  call->member = g_strdup (confirmed->member);
  if (call->member == NULL)
    {
      commons_sync_manager_cancel (self->manager, call->group);
      commons_sync_manager_call_async (self->manager, leave_call, call, member_call_free, NULL,
                                       self->cancellable, left_cb, g_object_ref (self));
    }
  else
    commons_sync_manager_call_async (self->manager, revoke_call, call, member_call_free,
                                     (GDestroyNotify) json_object_unref,
                                     self->cancellable, revoked_cb, g_object_ref (self));
}

static void
confirmed_free_cb (gpointer  data,
                   GClosure *closure)
{
  member_call_free (data);
}

static void
confirm (CommonsGroupsPage *self,
         const char        *heading,
         const char        *body,
         const char        *action,
         const char        *group,
         const char        *member)
{
  GtkWidget *dialog;
  MemberCall *confirmed;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "confirm", action,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* What the answer applies to goes with the handler, and with it. */
  confirmed = g_new0 (MemberCall, 1);
  confirmed->page = g_object_ref (self);
  confirmed->group = g_strdup (group);
  confirmed->member = g_strdup (member);
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb), confirmed,
                         confirmed_free_cb, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The group.* actions. */

static void
group_sync_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CommonsGroupsPage *self = COMMONS_GROUPS_PAGE (widget);
  const char *group = g_variant_get_string (parameter, NULL);

  /* Retrying cannot bring back a lost key; joining again can. */
  if (commons_sync_manager_needs_rejoin (self->manager, group))
    gtk_widget_activate_action (widget, "page.join-group", NULL);
  else
    commons_sync_manager_sync (self->manager, group);
}

static void
group_invite_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CommonsGroupsPage *self = COMMONS_GROUPS_PAGE (widget);
  GtkWidget *dialog;

  dialog = commons_invite_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                      self->manager, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
group_share_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CommonsGroupsPage *self = COMMONS_GROUPS_PAGE (widget);
  const char *group;
  const char *kind;
  GtkWidget *dialog;

  g_variant_get (parameter, "(&s&s)", &group, &kind);
  dialog = commons_share_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                     self->manager, group, kind);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
group_resolve_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CommonsGroupsPage *self = COMMONS_GROUPS_PAGE (widget);
  GtkWidget *view;

  view = commons_conflict_view_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                    self->manager, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (view));
}

static void
group_leave_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  confirm (COMMONS_GROUPS_PAGE (widget), _("Leave the Group?"),
           _("Your copies of what was shared stay on this device, but they will no longer be kept in step with the others. To come back you will need a new invite."),
           _("_Leave"), g_variant_get_string (parameter, NULL), NULL);
}

static void
group_remove_member_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_autofree char *heading = NULL;
  const char *group;
  const char *member;
  const char *name;

  g_variant_get (parameter, "(&s&s&s)", &group, &member, &name);
  heading = g_strdup_printf (_("Remove %s From the Group?"), name);
  confirm (COMMONS_GROUPS_PAGE (widget), heading,
           _("They keep what they already have, but can no longer send or receive changes."),
           _("_Remove"), group, member);
}

/* Adding groups. */

static void
group_dialog_done_cb (CommonsGroupsPage *self,
                      const char        *group)
{
  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  commons_sync_manager_groups_changed (self->manager);
  commons_sync_manager_sync (self->manager, group);
}

static GtkWidget *
open_group_dialog (CommonsGroupsPage *self,
                   gboolean           join)
{
  GtkWidget *dialog;

  if (self->manager == NULL)
    return NULL;
  dialog = commons_group_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->manager, join);
  g_signal_connect_object (dialog, "done", G_CALLBACK (group_dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * commons_groups_page_join_link:
 * @link: a commons://join link from an invite
 *
 * Opens the Join dialog with the link's server and code filled in; the
 * person only adds the name they go by.
 */
void
commons_groups_page_join_link (CommonsGroupsPage *self,
                               const char        *link)
{
  GtkWidget *dialog;

  g_return_if_fail (COMMONS_IS_GROUPS_PAGE (self));
  g_return_if_fail (link != NULL);

  dialog = open_group_dialog (self, TRUE);
  if (dialog != NULL)
    commons_group_dialog_set_link (COMMONS_GROUP_DIALOG (dialog), link);
}

static void
create_group_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_group_dialog (COMMONS_GROUPS_PAGE (widget), FALSE);
}

static void
join_group_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_group_dialog (COMMONS_GROUPS_PAGE (widget), TRUE);
}

static void
sync_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CommonsGroupsPage *self = COMMONS_GROUPS_PAGE (widget);

  if (self->manager != NULL)
    commons_sync_manager_sync_all (self->manager);
}

/* The object. */

static void
commons_groups_page_dispose (GObject *object)
{
  CommonsGroupsPage *self = COMMONS_GROUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);

  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_GROUPS_PAGE);

  G_OBJECT_CLASS (commons_groups_page_parent_class)->dispose (object);
}

static void
commons_groups_page_class_init (CommonsGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_groups_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupsPage, credentials_bar);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupsPage, groups_box);
  gtk_widget_class_bind_template_child_full (widget_class, "add_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, credentials_bar_response_cb);

  gtk_widget_class_install_action (widget_class, "page.create-group", NULL, create_group_action);
  gtk_widget_class_install_action (widget_class, "page.join-group", NULL, join_group_action);
  gtk_widget_class_install_action (widget_class, "page.sync-all", NULL, sync_all_action);

  gtk_widget_class_install_action (widget_class, "group.sync", "s", group_sync_action);
  gtk_widget_class_install_action (widget_class, "group.invite", "s", group_invite_action);
  gtk_widget_class_install_action (widget_class, "group.share", "(ss)", group_share_action);
  gtk_widget_class_install_action (widget_class, "group.resolve", "s", group_resolve_action);
  gtk_widget_class_install_action (widget_class, "group.leave", "s", group_leave_action);
  gtk_widget_class_install_action (widget_class, "group.remove-member", "(sss)", group_remove_member_action);
}

static void
commons_groups_page_init (CommonsGroupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before any group's own buttons are built: those carry names of
   * their own. */
  commons_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  commons_accessible_name_menu_items (GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                                                     COMMONS_TYPE_GROUPS_PAGE,
                                                                                     "add_button")));
  /* The bin's own child: bound as a template child it would be disposed
   * twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
  self->cancellable = g_cancellable_new ();
}

void
commons_groups_page_set_manager (CommonsGroupsPage  *self,
                                 CommonsSyncManager *manager)
{
  g_return_if_fail (COMMONS_IS_GROUPS_PAGE (self));
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (manager));

  g_set_object (&self->manager, manager);
  g_signal_connect_object (manager, "groups-changed", G_CALLBACK (update_sections),
                           self, G_CONNECT_SWAPPED);
  update_sections (self);
}
