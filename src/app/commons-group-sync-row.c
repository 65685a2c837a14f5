/* commons-group-sync-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-group-sync-row"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-group-sync-row.h"

/* How a group's sync stands, in a sentence, with what is not yet sent
 * and the button that helps: Sync Now, Retry, or Join Again when this
 * device lost its key. It follows the manager's state-changed signal. */

struct _CommonsGroupSyncRow
{
  AdwActionRow        parent_instance;

  CommonsSyncManager *manager;
  CommonsGroup       *group;
  /* The name the button goes by when it syncs. */
  char               *sync_accessible;

  /* Template widgets */
  GtkSpinner         *spinner;
  GtkImage           *icon;
  GtkButton          *sync_button;
};

G_DEFINE_FINAL_TYPE (CommonsGroupSyncRow, commons_group_sync_row, ADW_TYPE_ACTION_ROW)

/**
 * commons_group_sync_row_update:
 *
 * Shows how the group's sync stands now.
 */
void
commons_group_sync_row_update (CommonsGroupSyncRow *self)
{
  const char *group;
  g_autofree char *text = NULL;
  g_autofree char *unpushed_text = NULL;
  CommonsSyncState state;
  guint unpushed;

  g_return_if_fail (COMMONS_IS_GROUP_SYNC_ROW (self));

  if (self->group == NULL)
    return;
  group = self->group->id;
  state = commons_sync_manager_get_state (self->manager, group);
  text = commons_sync_manager_describe (self->manager, group);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), text);

  unpushed = commons_store_count_unpushed (commons_sync_manager_get_store (self->manager), group);
  if (unpushed > 0)
    unpushed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change not yet sent",
                                                  "%u changes not yet sent", unpushed), unpushed);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), unpushed_text);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), state == COMMONS_SYNC_STATE_SYNCING);
  gtk_spinner_set_spinning (self->spinner, state == COMMONS_SYNC_STATE_SYNCING);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), state != COMMONS_SYNC_STATE_SYNCING);
  switch (state)
    {
    case COMMONS_SYNC_STATE_OFFLINE:
      gtk_image_set_from_icon_name (self->icon, "commons-network-offline-symbolic");
      break;
    case COMMONS_SYNC_STATE_ERROR:
      gtk_image_set_from_icon_name (self->icon, "commons-dialog-warning-symbolic");
      break;
    default:
      gtk_image_set_from_icon_name (self->icon, "commons-emblem-ok-symbolic");
      break;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), state != COMMONS_SYNC_STATE_SYNCING);
  /* The action that can help: retrying cannot bring back a lost key. */
  if (commons_sync_manager_needs_rejoin (self->manager, group))
    {
      /* Translators: the name of the button that opens Join a Group for a group whose key is lost. */
      g_autofree char *accessible = g_strdup_printf (_("Join %s Again"), self->group->name);

      gtk_button_set_label (self->sync_button, _("_Join Again…"));
      commons_accessible_set_label (GTK_WIDGET (self->sync_button), accessible);
    }
  else if (state == COMMONS_SYNC_STATE_OFFLINE || state == COMMONS_SYNC_STATE_ERROR)
    {
      g_autofree char *accessible = g_strdup_printf (_("Retry Syncing %s"), self->group->name);

      gtk_button_set_label (self->sync_button, _("_Retry"));
      commons_accessible_set_label (GTK_WIDGET (self->sync_button), accessible);
    }
  else
    {
      gtk_button_set_label (self->sync_button, _("_Sync Now"));
      /* Setting a button's label resets its accessible name. */
      commons_accessible_set_label (GTK_WIDGET (self->sync_button), self->sync_accessible);
    }
}

static void
state_changed_cb (CommonsGroupSyncRow *self,
                  const char          *group)
{
  g_assert (COMMONS_IS_GROUP_SYNC_ROW (self));

  if (g_strcmp0 (group, self->group->id) == 0)
    commons_group_sync_row_update (self);
}

/**
 * commons_group_sync_row_set_group:
 * @group: the group whose sync to show, copied
 */
void
commons_group_sync_row_set_group (CommonsGroupSyncRow *self,
                                  CommonsSyncManager  *manager,
                                  const CommonsGroup  *group)
{
  g_return_if_fail (COMMONS_IS_GROUP_SYNC_ROW (self));
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (manager));
  g_return_if_fail (group != NULL);
  g_return_if_fail (self->group == NULL);

  self->manager = g_object_ref (manager);
  self->group = commons_group_copy (group);
  self->sync_accessible = g_strdup_printf (_("Sync %s Now"), group->name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->sync_button), "s", group->id);
  commons_accessible_set_label (GTK_WIDGET (self->sync_button), self->sync_accessible);
  commons_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->sync_button));
  g_signal_connect_object (manager, "state-changed", G_CALLBACK (state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  commons_group_sync_row_update (self);
}

static void
commons_group_sync_row_dispose (GObject *object)
{
  CommonsGroupSyncRow *self = COMMONS_GROUP_SYNC_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_GROUP_SYNC_ROW);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->group, commons_group_free);
  g_clear_pointer (&self->sync_accessible, g_free);

  G_OBJECT_CLASS (commons_group_sync_row_parent_class)->dispose (object);
}

static void
commons_group_sync_row_class_init (CommonsGroupSyncRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_group_sync_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-group-sync-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSyncRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSyncRow, icon);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSyncRow, sync_button);
}

static void
commons_group_sync_row_init (CommonsGroupSyncRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
