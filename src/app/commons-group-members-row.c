/* commons-group-members-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-group-members-row"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-group-members-row.h"
#include "commons-member-profile.h"

/* A group's members, one row each inside an expander: who they are, a
 * way to their profile, and for an organizer a way to remove them. The
 * list is asked of the server in the background when this device does
 * not know it yet. */

struct _CommonsGroupMembersRow
{
  AdwExpanderRow      parent_instance;

  CommonsSyncManager *manager;
  CommonsGroup       *group;
  GCancellable       *cancellable;
  /* The rows made for the members, to take them out again. */
  GPtrArray          *member_rows;
  guint               fetching_members : 1;
};

G_DEFINE_FINAL_TYPE (CommonsGroupMembersRow, commons_group_members_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
make_row (const char *title,
          const char *subtitle,
          GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (suffix != NULL)
    {
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      commons_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
    }
  return row;
}

static GtkWidget *
make_button (const char *label,
             const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  commons_accessible_set_label (button, accessible);
  return button;
}

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
  g_autoptr(CommonsGroupMembersRow) self = user_data;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (COMMONS_IS_GROUP_MEMBERS_ROW (self));

  info = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (info == NULL)
    {
      /* Ask again when the row is next updated (after a sync,
       * say), rather than wait forever on an answer that is not coming. */
      g_debug ("Cannot list the members: %s", error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->fetching_members = FALSE;
      return;
    }
  self->fetching_members = FALSE;
  commons_sync_manager_set_members (self->manager, self->group->id, info);
  commons_group_members_row_update (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
fetch_members (CommonsGroupMembersRow *self)
{
  if (self->fetching_members)
    return;
  self->fetching_members = TRUE;
  commons_sync_manager_call_async (self->manager, info_call, g_strdup (self->group->id), g_free,
                                   (GDestroyNotify) json_object_unref,
                                   self->cancellable, info_done_cb, g_object_ref (self));
}

/**
 * commons_group_members_row_update:
 *
 * Lists the members as the manager knows them, and asks the server
 * when it does not know them yet.
 */
void
commons_group_members_row_update (CommonsGroupMembersRow *self)
{
  JsonArray *members;
  g_autofree char *count = NULL;
  guint active = 0;

  g_return_if_fail (COMMONS_IS_GROUP_MEMBERS_ROW (self));

  if (self->group == NULL)
    return;
  members = commons_sync_manager_get_members (self->manager, self->group->id);
  for (guint i = 0; i < self->member_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->member_rows, i));
  g_ptr_array_set_size (self->member_rows, 0);

  if (members == NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), _("Asking the server…"));
      fetch_members (self);
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
      you = g_strcmp0 (id, self->group->member) == 0;

      if (you)
        subtitle = g_strdup (g_str_equal (role, "organizer") ? _("You, organizer") : _("You"));
      else
        subtitle = g_strdup (g_str_equal (role, "organizer") ? _("Organizer") : _("Member"));

      if (g_strcmp0 (self->group->role, "organizer") == 0 && !you)
        {
          g_autofree char *accessible = g_strdup_printf (_("Remove %s"), name);

          button = make_button (_("Re_move…"), accessible);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "group.remove-member");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sss)", self->group->id, id, name);
        }
      row = make_row (*name != '\0' ? name : _("Someone"), subtitle, button);
      commons_member_profile_add_button (ADW_ACTION_ROW (row), self->manager, self->group->id, member);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->member_rows, row);
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", active), active);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), count);
}

/**
 * commons_group_members_row_set_group:
 * @group: the group whose members to list, copied
 */
void
commons_group_members_row_set_group (CommonsGroupMembersRow *self,
                                     CommonsSyncManager     *manager,
                                     const CommonsGroup     *group)
{
  g_return_if_fail (COMMONS_IS_GROUP_MEMBERS_ROW (self));
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (manager));
  g_return_if_fail (group != NULL);
  g_return_if_fail (self->group == NULL);

  self->manager = g_object_ref (manager);
  self->group = commons_group_copy (group);
  commons_group_members_row_update (self);
}

static void
commons_group_members_row_dispose (GObject *object)
{
  CommonsGroupMembersRow *self = COMMONS_GROUP_MEMBERS_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->group, commons_group_free);
  g_clear_pointer (&self->member_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (commons_group_members_row_parent_class)->dispose (object);
}

static void
commons_group_members_row_class_init (CommonsGroupMembersRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = commons_group_members_row_dispose;

  /**
   * CommonsGroupMembersRow::changed:
   *
   * The member list came from the server: names known only from it may
   * be shown elsewhere.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
commons_group_members_row_init (CommonsGroupMembersRow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Members"));
  self->cancellable = g_cancellable_new ();
  self->member_rows = g_ptr_array_new ();
}
