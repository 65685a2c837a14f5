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
#include "commons-discussion.h"
#include "commons-group-dialog.h"
#include "commons-group-rule.h"
#include "commons-groups-page.h"
#include "commons-invite-dialog.h"
#include "commons-member-profile.h"
#include "commons-record-list.h"
#include "commons-share-dialog.h"

/* One section per group: how its sync stands, records edited in two
 * places, sharing, inviting, members and leaving. */

typedef struct
{
  GtkWidget *sync_row;
  GtkWidget *spinner;
  GtkWidget *icon;
  GtkWidget *sync_button;
  char      *sync_accessible;
  char      *name;
  /* Changes from others kept aside because they failed a check. */
  GtkWidget *quarantine_row;
  /* The group's approval rule: a spin button for organizers, the row's
   * subtitle for everyone else. */
  GtkWidget *approvals_row;
  GtkWidget *approvals_spin;
  /* Whether the group shows badges: a switch for organizers. */
  GtkWidget *badges_row;
  GtkWidget *badges_switch;
} GroupWidgets;

static void
group_widgets_free (GroupWidgets *widgets)
{
  g_free (widgets->sync_accessible);
  g_free (widgets->name);
  g_free (widgets);
}

struct _CommonsGroupsPage
{
  CommonsPage         parent_instance;

  CommonsSyncManager *manager;
  GHashTable         *widgets;
  GHashTable         *fetching;
  GCancellable       *cancellable;
  gboolean            banner_dismissed;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkInfoBar         *credentials_bar;
  GtkStack           *stack;
  GtkBox             *groups_box;
};

G_DEFINE_FINAL_TYPE (CommonsGroupsPage, commons_groups_page, COMMONS_TYPE_PAGE)


static void rebuild (CommonsGroupsPage *self);

static void
toast (CommonsGroupsPage *self,
       const char        *text)
{
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static const char *
group_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "commons-group");
}

static void
tag (GtkWidget  *widget,
     const char *group)
{
  g_object_set_data_full (G_OBJECT (widget), "commons-group", g_strdup (group), g_free);
}

/* A member's name as this device knows it from the member list. */
static char *
member_name (CommonsGroupsPage *self,
             const char        *group,
             const char        *member)
{
  JsonArray *members = commons_sync_manager_get_members (self->manager, group);

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "id", ""), member) == 0)
        {
          const char *name = json_object_get_string_member_with_default (object, "display_name", "");

          if (*name != '\0')
            return g_strdup (name);
        }
    }
  return NULL;
}

/* "3 changes from Ben could not be read", and why, in plain words. */
static void
update_quarantine_row (CommonsGroupsPage *self,
                       const char        *group,
                       GroupWidgets      *widgets)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GHashTable) senders = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = 0;

  counts = commons_store_count_quarantined (commons_sync_manager_get_store (self->manager), group, NULL);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      CommonsQuarantineCount *count = g_ptr_array_index (counts, i);

      total += count->count;
      g_hash_table_add (senders, count->sender);
    }
  gtk_widget_set_visible (widgets->quarantine_row, total > 0);
  if (total == 0)
    return;

  if (g_hash_table_size (senders) == 1)
    name = member_name (self, group, ((CommonsQuarantineCount *) g_ptr_array_index (counts, 0))->sender);
  if (name != NULL)
    /* Translators: %u changes, %s a member's name. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change from %s could not be read",
                                          "%u changes from %s could not be read", total), total, name);
  else if (g_hash_table_size (senders) == 1)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change from another member could not be read",
                                          "%u changes from another member could not be read", total), total);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changes from other members could not be read",
                                          "%u changes from other members could not be read", total), total);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widgets->quarantine_row), title);
  /* The most common reason; the rest is for the command line. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widgets->quarantine_row),
                               commons_quarantine_reason_describe (
                                 ((CommonsQuarantineCount *) g_ptr_array_index (counts, 0))->reason));
}

static void
update_sync_row (CommonsGroupsPage *self,
                 const char        *group)
{
  GroupWidgets *widgets = g_hash_table_lookup (self->widgets, group);
  g_autofree char *text = NULL;
  CommonsSyncState state;
  g_autofree char *unpushed_text = NULL;
  guint unpushed;

  if (widgets == NULL)
    return;

  state = commons_sync_manager_get_state (self->manager, group);
  text = commons_sync_manager_describe (self->manager, group);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widgets->sync_row), text);

  unpushed = commons_store_count_unpushed (commons_sync_manager_get_store (self->manager), group);
  if (unpushed > 0)
    unpushed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change not yet sent",
                                                  "%u changes not yet sent", unpushed), unpushed);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widgets->sync_row), unpushed_text);
  update_quarantine_row (self, group, widgets);

  gtk_widget_set_visible (widgets->spinner, state == COMMONS_SYNC_STATE_SYNCING);
  gtk_spinner_set_spinning (GTK_SPINNER (widgets->spinner), state == COMMONS_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (widgets->icon, state != COMMONS_SYNC_STATE_SYNCING);
  switch (state)
    {
    case COMMONS_SYNC_STATE_OFFLINE:
      gtk_image_set_from_icon_name (GTK_IMAGE (widgets->icon), "commons-network-offline-symbolic");
      break;
    case COMMONS_SYNC_STATE_ERROR:
      gtk_image_set_from_icon_name (GTK_IMAGE (widgets->icon), "commons-dialog-warning-symbolic");
      break;
    default:
      gtk_image_set_from_icon_name (GTK_IMAGE (widgets->icon), "commons-emblem-ok-symbolic");
      break;
    }
  gtk_widget_set_sensitive (widgets->sync_button, state != COMMONS_SYNC_STATE_SYNCING);
  /* The action that can help: retrying cannot bring back a lost key. */
  if (commons_sync_manager_needs_rejoin (self->manager, group))
    {
      /* Translators: the name of the button that opens Join a Group for a group whose key is lost. */
      g_autofree char *accessible = g_strdup_printf (_("Join %s Again"), widgets->name);

      gtk_button_set_label (GTK_BUTTON (widgets->sync_button), _("_Join Again…"));
      commons_accessible_set_label (GTK_WIDGET (widgets->sync_button), accessible);
    }
  else if (state == COMMONS_SYNC_STATE_OFFLINE || state == COMMONS_SYNC_STATE_ERROR)
    {
      g_autofree char *accessible = g_strdup_printf (_("Retry Syncing %s"), widgets->name);

      gtk_button_set_label (GTK_BUTTON (widgets->sync_button), _("_Retry"));
      commons_accessible_set_label (GTK_WIDGET (widgets->sync_button), accessible);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (widgets->sync_button), _("_Sync Now"));
      /* Setting a button's label resets its accessible name. */
      commons_accessible_set_label (GTK_WIDGET (widgets->sync_button), widgets->sync_accessible);
    }
}

static void approvals_changed_cb (GtkSpinButton     *spin,
                                  CommonsGroupsPage *self);

/* Shows the rule as this replica holds it now: after a write here, or
 * one that came in. */
static void
update_approvals_row (CommonsGroupsPage *self,
                      const char        *group)
{
  GroupWidgets *widgets = g_hash_table_lookup (self->widgets, group);
  guint n;

  if (widgets == NULL || widgets->approvals_row == NULL)
    return;

  n = commons_group_rule_get_approvals (commons_sync_manager_get_store (self->manager), group);
  if (widgets->approvals_spin != NULL)
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (widgets->approvals_spin);

      if (gtk_spin_button_get_value_as_int (spin) != (int) n)
        {
          g_signal_handlers_block_by_func (spin, approvals_changed_cb, self);
          gtk_spin_button_set_value (spin, n);
          g_signal_handlers_unblock_by_func (spin, approvals_changed_cb, self);
        }
    }
  else
    {
      g_autofree char *subtitle = NULL;

      /* Translators: the group's rule, as members who cannot change it see it. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A plan is approved once %u person other than its author approves it",
                                               "A plan is approved once %u people other than its author approve it",
                                               n), n);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widgets->approvals_row), subtitle);
    }
}

static void
approvals_changed_cb (GtkSpinButton     *spin,
                      CommonsGroupsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *group = group_of (GTK_WIDGET (spin));

  /* Written at once, like any edit; the sync that follows sends it. */
  if (!commons_group_rule_set_approvals (commons_sync_manager_get_store (self->manager), group,
                                         gtk_spin_button_get_value_as_int (spin), &error))
    {
      toast (self, error->message);
      update_approvals_row (self, group);
    }
}

static void badges_changed_cb (GtkSwitch         *toggle,
                               GParamSpec        *pspec,
                               CommonsGroupsPage *self);

/* Shows whether the group shows badges, as this replica holds it now. */
static void
update_badges_row (CommonsGroupsPage *self,
                   const char        *group)
{
  GroupWidgets *widgets = g_hash_table_lookup (self->widgets, group);
  gboolean on;

  if (widgets == NULL || widgets->badges_row == NULL)
    return;

  on = commons_group_rule_get_badges (commons_sync_manager_get_store (self->manager), group);
  if (widgets->badges_switch != NULL)
    {
      GtkSwitch *toggle = GTK_SWITCH (widgets->badges_switch);

      if (gtk_switch_get_active (toggle) != on)
        {
          g_signal_handlers_block_by_func (toggle, badges_changed_cb, self);
          gtk_switch_set_active (toggle, on);
          g_signal_handlers_unblock_by_func (toggle, badges_changed_cb, self);
        }
    }
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (widgets->badges_row),
                                 on ? _("Members earn badges for what they share, review and answer")
                                    : _("The organizers turned badges off for this group"));
}

static void
badges_changed_cb (GtkSwitch         *toggle,
                   GParamSpec        *pspec,
                   CommonsGroupsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *group = group_of (GTK_WIDGET (toggle));

  g_assert (COMMONS_IS_GROUPS_PAGE (self));

  /* Written at once, like the approval rule; the next sync sends it. */
  if (!commons_group_rule_set_badges (commons_sync_manager_get_store (self->manager), group,
                                      gtk_switch_get_active (toggle), &error))
    {
      toast (self, error->message);
      update_badges_row (self, group);
    }
}

static void
state_changed_cb (CommonsGroupsPage *self,
                  const char        *group)
{
  update_sync_row (self, group);
}

static void
sync_clicked_cb (GtkWidget         *button,
                 CommonsGroupsPage *self)
{
  if (commons_sync_manager_needs_rejoin (self->manager, group_of (button)))
    gtk_widget_activate_action (GTK_WIDGET (self), "page.join-group", NULL);
  else
    commons_sync_manager_sync (self->manager, group_of (button));
}

static void
invite_clicked_cb (GtkWidget         *button,
                   CommonsGroupsPage *self)
{
  GtkWidget *dialog;

  dialog = commons_invite_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      self->manager, group_of (button));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
share_clicked_cb (GtkWidget         *button,
                  CommonsGroupsPage *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "commons-kind");
  GtkWidget *dialog;

  dialog = commons_share_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                     self->manager, group_of (button), kind);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
resolve_clicked_cb (GtkWidget         *button,
                    CommonsGroupsPage *self)
{
  const char *record = g_object_get_data (G_OBJECT (button), "commons-record");
  GtkWidget *view;

  view = commons_conflict_view_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    self->manager, record);
  gtk_window_present (GTK_WINDOW (view));
}

/* Leaving and revoking. */

typedef struct
{
  char *group;
  char *member;
} MemberCall;

static void
member_call_free (MemberCall *call)
{
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

static void
left_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CommonsGroupsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error) == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = commons_sync_describe_error (error);
      toast (self, text);
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

  info = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (info == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      text = commons_sync_describe_error (error);
      toast (self, text);
      return;
    }
  if (json_object_has_member (info, "group") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (info, "group")))
    {
      JsonObject *group_obj = json_object_get_object_member (info, "group");
      const char *id = json_object_get_string_member_with_default (group_obj, "id", NULL);

      if (id != NULL)
        commons_sync_manager_set_members (self->manager, id, info);
    }
  toast (self, _("The member can no longer sync with the group"));
  rebuild (self);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CommonsGroupsPage *self)
{
  MemberCall *call;

  if (g_strcmp0 (response, "confirm") != 0)
    return;

  call = g_new0 (MemberCall, 1);
  call->group = g_strdup (g_object_get_data (G_OBJECT (dialog), "commons-group"));
  call->member = g_strdup (g_object_get_data (G_OBJECT (dialog), "commons-member"));
  if (call->member == NULL)
    {
      commons_sync_manager_cancel (self->manager, call->group);
      commons_sync_manager_call_async (self->manager, leave_call, call,
                                       (GDestroyNotify) member_call_free, NULL,
                                       self->cancellable, left_cb, g_object_ref (self));
    }
  else
    commons_sync_manager_call_async (self->manager, revoke_call, call,
                                     (GDestroyNotify) member_call_free,
                                     (GDestroyNotify) json_object_unref,
                                     self->cancellable, revoked_cb, g_object_ref (self));
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
  g_object_set_data_full (G_OBJECT (dialog), "commons-group", g_strdup (group), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "commons-member", g_strdup (member), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
leave_clicked_cb (GtkWidget         *button,
                  CommonsGroupsPage *self)
{
  confirm (self, _("Leave the Group?"),
           _("Your copies of what was shared stay on this device, but they will no longer be kept in step with the others. To come back you will need a new invite."),
           _("_Leave"), group_of (button), NULL);
}

static void
revoke_clicked_cb (GtkWidget         *button,
                   CommonsGroupsPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "commons-name");
  g_autofree char *heading = g_strdup_printf (_("Remove %s From the Group?"), name);

  confirm (self, heading,
           _("They keep what they already have, but can no longer send or receive changes."),
           _("_Remove"), group_of (button),
           g_object_get_data (G_OBJECT (button), "commons-member"));
}

/* Members, fetched in the background when not yet known. */

static gpointer
info_call (CommonsSyncClient  *client,
           CommonsStore       *store,
           gpointer            data,
           GCancellable       *cancellable,
           GError            **error)
{
  return commons_sync_client_get_group_info (client, data, cancellable, error);
}

static void
info_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CommonsGroupsPage) self = user_data;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;

  info = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (info == NULL)
    {
      /* Ask again when the page is next built (after a sync, say), rather
       * than wait forever on an answer that is not coming. */
      g_debug ("Cannot list the members: %s", error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_hash_table_remove_all (self->fetching);
      return;
    }
  if (json_object_has_member (info, "group") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (info, "group")))
    {
      JsonObject *group_obj = json_object_get_object_member (info, "group");
      const char *id = json_object_get_string_member_with_default (group_obj, "id", NULL);

      if (id != NULL)
        {
          commons_sync_manager_set_members (self->manager, id, info);
          rebuild (self);
        }
    }
}

static void
fetch_members (CommonsGroupsPage *self,
               const char        *group)
{
  if (g_hash_table_contains (self->fetching, group))
    return;
  g_hash_table_add (self->fetching, g_strdup (group));
  commons_sync_manager_call_async (self->manager, info_call, g_strdup (group), g_free,
                                   (GDestroyNotify) json_object_unref,
                                   self->cancellable, info_done_cb, g_object_ref (self));
}

/* Building the sections. */

static GtkWidget *
make_button (const char *label,
             const char *accessible,
             const char *group)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  commons_accessible_set_label (button, accessible);
  tag (button, group);
  return button;
}

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      commons_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
    }
  return row;
}

static void
add_conflicts (CommonsGroupsPage *self,
               GtkWidget         *section,
               CommonsGroup      *group)
{
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  static const char *kinds[] = { "plan", "note", NULL };

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_autoptr(GArray) rows = commons_store_list_conflicts (store, kinds[k], group->id, NULL);

      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          g_autoptr(CommonsRecordSummary) summary = NULL;
          g_autofree char *accessible = NULL;
          const char *title;
          GtkWidget *button;

          summary = commons_record_summary_load (store, g_array_index (rows, gint64, i), NULL);
          if (summary == NULL)
            continue;

          title = commons_record_summary_get_title (summary);
          if (title == NULL || *title == '\0')
            title = _("Untitled");
          /* Translators: the name of a button that opens the conflict view; %s is a title. */
          accessible = g_strdup_printf (_("Resolve “%s”"), title);
          button = make_button (_("_Resolve…"), accessible, group->id);
          gtk_widget_add_css_class (button, "suggested-action");
          g_object_set_data_full (G_OBJECT (button), "commons-record",
                                  g_strdup (commons_record_summary_get_id (summary)), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                                     make_row (title, _("Edited in two places"), button));
        }
    }
}

static void
add_members (CommonsGroupsPage *self,
             GtkWidget         *section,
             CommonsGroup      *group)
{
  JsonArray *members = commons_sync_manager_get_members (self->manager, group->id);
  GtkWidget *expander = adw_expander_row_new ();
  gboolean organizer = g_strcmp0 (group->role, "organizer") == 0;
  guint active = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Members"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), expander);

  if (members == NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Asking the server…"));
      fetch_members (self, group->id);
      return;
    }

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *member;
      const char *name, *status, *role, *id;
      g_autofree char *subtitle = NULL;
      GtkWidget *row, *button = NULL;
      gboolean you;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      member = json_node_get_object (node);
      id = json_object_get_string_member_with_default (member, "id", "");
      name = json_object_get_string_member_with_default (member, "display_name", "");
      status = json_object_get_string_member_with_default (member, "status", "active");
      role = json_object_get_string_member_with_default (member, "role", "member");
      if (g_strcmp0 (status, "active") != 0)
        continue;
      active++;
      you = g_strcmp0 (id, group->member) == 0;

      if (you)
        subtitle = g_strdup (g_str_equal (role, "organizer") ? _("You, organizer") : _("You"));
      else
        subtitle = g_strdup (g_str_equal (role, "organizer") ? _("Organizer") : _("Member"));

      if (organizer && !you)
        {
          g_autofree char *accessible = g_strdup_printf (_("Remove %s"), name);

          button = make_button (_("Re_move…"), accessible, group->id);
          g_object_set_data_full (G_OBJECT (button), "commons-member", g_strdup (id), g_free);
          g_object_set_data_full (G_OBJECT (button), "commons-name", g_strdup (name), g_free);
          g_signal_connect_object (button, "clicked", G_CALLBACK (revoke_clicked_cb), self, 0);
        }
      row = make_row (*name != '\0' ? name : _("Someone"), subtitle, button);
      commons_member_profile_add_button (ADW_ACTION_ROW (row), self->manager, group->id, member);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person",
                                                           "%u people", active), active);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
  }
}

/* How much of the group's discussion is new, and the way to its
 * questions. */
static void
add_discussion (CommonsGroupsPage *self,
                GtkWidget         *section,
                CommonsGroup      *group)
{
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  guint n_new = commons_discussion_count_new (store, group->id);
  g_autofree char *accessible = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *button;

  if (n_new > 0)
    /* Translators: new comments on the group's plans, and new questions
     * and answers in it, since they were last opened. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new comment, question or answer",
                                             "%u new comments, questions and answers", n_new), n_new);
  else
    subtitle = g_strdup (_("Nothing new"));
  /* Translators: the accessible name of a button; %s is a group's name. */
  accessible = g_strdup_printf (_("Open the Questions of %s"), group->name);
  button = make_button (_("_Questions"), accessible, group->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", group->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-questions");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                             make_row (_("Discussion"), subtitle, button));
}

static GtkWidget *
build_section (CommonsGroupsPage *self,
               CommonsGroup      *group)
{
  GtkWidget *section = adw_preferences_group_new ();
  GroupWidgets *widgets = g_new0 (GroupWidgets, 1);
  g_autofree char *description = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *button;
  gboolean organizer = g_strcmp0 (group->role, "organizer") == 0;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section), group->name);
  /* Translators: a server's address, then the name this person goes by in the group. */
  description = g_strdup_printf (_("%s · you appear as %s"), group->server,
                                 group->display_name != NULL ? group->display_name : "");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (section), description);

  /* How sync stands. */
  accessible = g_strdup_printf (_("Sync %s Now"), group->name);
  widgets->sync_button = make_button (_("_Sync Now"), accessible, group->id);
  widgets->sync_accessible = g_strdup (accessible);
  widgets->name = g_strdup (group->name);
  g_signal_connect_object (widgets->sync_button, "clicked", G_CALLBACK (sync_clicked_cb), self, 0);
  widgets->sync_row = make_row ("", NULL, widgets->sync_button);
  widgets->spinner = gtk_spinner_new ();
  widgets->icon = gtk_image_new_from_icon_name ("commons-emblem-ok-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Syncing"), -1);
  gtk_widget_set_valign (widgets->spinner, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (widgets->sync_row), widgets->spinner);
  adw_action_row_add_prefix (ADW_ACTION_ROW (widgets->sync_row), widgets->icon);
  tag (widgets->sync_row, group->id);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), widgets->sync_row);
  /* Kept aside: nothing to do but know it; it blocks nothing. */
  widgets->quarantine_row = make_row ("", NULL, NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (widgets->quarantine_row),
                             gtk_image_new_from_icon_name ("commons-dialog-warning-symbolic"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), widgets->quarantine_row);
  g_hash_table_insert (self->widgets, g_strdup (group->id), widgets);
  update_sync_row (self, group->id);

  add_conflicts (self, section, group);
  add_discussion (self, section, group);

  /* Sharing private work. */
  g_clear_pointer (&accessible, g_free);
  accessible = g_strdup_printf (_("Share a Lesson Plan With %s"), group->name);
  button = make_button (_("_Choose…"), accessible, group->id);
  g_object_set_data (G_OBJECT (button), "commons-kind", (gpointer) "plan");
  g_signal_connect_object (button, "clicked", G_CALLBACK (share_clicked_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                             make_row (_("Share a Lesson Plan"),
                                       _("The group gets a copy; your private drafts stay private"),
                                       button));

  g_clear_pointer (&accessible, g_free);
  accessible = g_strdup_printf (_("Share a Note With %s"), group->name);
  button = make_button (_("C_hoose…"), accessible, group->id);
  g_object_set_data (G_OBJECT (button), "commons-kind", (gpointer) "note");
  g_signal_connect_object (button, "clicked", G_CALLBACK (share_clicked_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                             make_row (_("Share a Private Note"),
                                       _("Notes never leave this device unless you share them"),
                                       button));

  if (organizer)
    {
      g_clear_pointer (&accessible, g_free);
      accessible = g_strdup_printf (_("Invite People to %s"), group->name);
      button = make_button (_("_Invite…"), accessible, group->id);
      g_signal_connect_object (button, "clicked", G_CALLBACK (invite_clicked_cb), self, 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                                 make_row (_("Invite People"),
                                           _("Make a code that lets someone join"),
                                           button));
    }

  /* The group's approval rule. */
  if (organizer)
    {
      CommonsStore *store = commons_sync_manager_get_store (self->manager);

      g_clear_pointer (&accessible, g_free);
      /* Translators: the accessible name of a number field; %s is a group's name. */
      accessible = g_strdup_printf (_("Approvals Needed in %s"), group->name);
      widgets->approvals_spin =
        gtk_spin_button_new_with_range (COMMONS_GROUP_RULE_MIN_APPROVALS,
                                        COMMONS_GROUP_RULE_MAX_APPROVALS, 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (widgets->approvals_spin), TRUE);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widgets->approvals_spin),
                                 commons_group_rule_get_approvals (store, group->id));
      gtk_widget_set_valign (widgets->approvals_spin, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->approvals_spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      tag (widgets->approvals_spin, group->id);
      g_signal_connect_object (widgets->approvals_spin, "value-changed",
                               G_CALLBACK (approvals_changed_cb), self, 0);
      /* Not the row's activatable widget: that would prefix the row's
       * title to the spin button's own name. */
      widgets->approvals_row = make_row (_("Approvals Needed"),
                                         _("How many people other than a plan’s author must approve it"),
                                         NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widgets->approvals_row), widgets->approvals_spin);
    }
  else
    widgets->approvals_row = make_row (_("Approvals Needed"), NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), widgets->approvals_row);
  update_approvals_row (self, group->id);

  /* Whether the group shows badges (help: recognition). */
  if (organizer)
    {
      g_clear_pointer (&accessible, g_free);
      /* Translators: the accessible name of a switch; %s is a group's name. */
      accessible = g_strdup_printf (_("Badges in %s"), group->name);
      widgets->badges_switch = gtk_switch_new ();
      gtk_widget_set_valign (widgets->badges_switch, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (widgets->badges_switch),
                             commons_group_rule_get_badges (commons_sync_manager_get_store (self->manager),
                                                            group->id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (widgets->badges_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      tag (widgets->badges_switch, group->id);
      g_signal_connect_object (widgets->badges_switch, "notify::active",
                               G_CALLBACK (badges_changed_cb), self, 0);
      widgets->badges_row = make_row (_("Badges"),
                                       _("Members earn badges for what they share, review and answer"),
                                       NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widgets->badges_row), widgets->badges_switch);
    }
  else
    widgets->badges_row = make_row (_("Badges"), NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), widgets->badges_row);
  update_badges_row (self, group->id);

  add_members (self, section, group);

  g_clear_pointer (&accessible, g_free);
  accessible = g_strdup_printf (_("Leave %s"), group->name);
  button = make_button (_("_Leave…"), accessible, group->id);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect_object (button, "clicked", G_CALLBACK (leave_clicked_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                             make_row (_("Leave the Group"), NULL, button));

  return section;
}

static void
rebuild (CommonsGroupsPage *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  GtkWidget *child;

  if (self->manager == NULL)
    return;

  g_hash_table_remove_all (self->widgets);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  groups = commons_sync_manager_list_groups (self->manager);
  for (guint i = 0; i < groups->len; i++)
    gtk_box_append (self->groups_box, build_section (self, g_ptr_array_index (groups, i)));

  gtk_stack_set_visible_child_name (self->stack, groups->len > 0 ? "groups" : "empty");
  commons_accessible_name_inner_widgets (GTK_WIDGET (self->groups_box));
  gtk_info_bar_set_revealed (self->credentials_bar,
                             !self->banner_dismissed &&
                             commons_sync_manager_uses_file_credentials (self->manager));
}

static void
credentials_bar_response_cb (CommonsGroupsPage *self,
                             int                response,
                             GtkInfoBar        *bar)
{
  self->banner_dismissed = TRUE;
  gtk_info_bar_set_revealed (bar, FALSE);
}

/* Actions. */

static void
group_dialog_done_cb (CommonsGroupsPage *self,
                      const char        *group)
{
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
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->fetching, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_GROUPS_PAGE);

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
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) group_widgets_free);
  self->fetching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
records_changed_cb (CommonsGroupsPage *self,
                    const char        *group)
{
  rebuild (self);
}

static void
store_record_changed_cb (CommonsGroupsPage *self,
                         const char        *record,
                         const char        *kind,
                         CommonsStore      *store)
{
  g_autofree char *scope = commons_store_get_scope (store, record, NULL);

  /* Private notes change with every pause in typing; they never show here.
   * A new rule only changes its own row: rebuilding would take the focus
   * from the spin button that wrote it. */
  if (scope == NULL || g_str_equal (scope, COMMONS_SCOPE_LOCAL))
    return;
  if (g_strcmp0 (kind, COMMONS_GROUP_RULE_KIND) == 0)
    {
      update_approvals_row (self, scope);
      update_badges_row (self, scope);
    }
  else
    rebuild (self);
}

void
commons_groups_page_set_manager (CommonsGroupsPage  *self,
                                 CommonsSyncManager *manager)
{
  g_return_if_fail (COMMONS_IS_GROUPS_PAGE (self));
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (manager));

  g_set_object (&self->manager, manager);
  g_signal_connect_object (manager, "state-changed", G_CALLBACK (state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "groups-changed", G_CALLBACK (rebuild),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "records-changed", G_CALLBACK (records_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* A conflict resolved here, or a plan shared, changes the lists too. */
  g_signal_connect_object (commons_sync_manager_get_store (manager), "record-changed",
                           G_CALLBACK (store_record_changed_cb), self, G_CONNECT_SWAPPED);
  rebuild (self);
}
