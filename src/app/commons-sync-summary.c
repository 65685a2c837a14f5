/* commons-sync-summary.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-sync-summary.h"
#include "commons-page.h"

/* The sidebar's Groups entry: how sync stands, as one icon for all the
 * groups (a spinner while one syncs, a warning when one failed, offline
 * when the server cannot be reached), and in words for assistive
 * technologies and as a tooltip. The sentences and the buttons that help
 * (Retry, Join Again) are on the Groups page: beside the sidebar's label
 * they had a column a syllable wide. */

struct _CommonsSyncSummary
{
  AdwBin              parent_instance;

  CommonsSyncManager *manager;

  /* Template widgets */
  GtkSpinner         *spinner;
  GtkImage           *status_icon;
};

G_DEFINE_FINAL_TYPE (CommonsSyncSummary, commons_sync_summary, ADW_TYPE_BIN)

static void
rebuild (CommonsSyncSummary *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  gboolean syncing = FALSE, offline = FALSE, failed = FALSE;
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->manager != NULL)
    groups = commons_sync_manager_list_groups (self->manager);
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);
      CommonsSyncState state = commons_sync_manager_get_state (self->manager, group->id);
      g_autofree char *text = commons_sync_manager_describe (self->manager, group->id);

      syncing |= state == COMMONS_SYNC_STATE_SYNCING;
      offline |= state == COMMONS_SYNC_STATE_OFFLINE;
      failed |= state == COMMONS_SYNC_STATE_ERROR;
      if (description->len > 0)
        g_string_append_c (description, '\n');
      /* Translators: a group's name, then how its sync stands. */
      g_string_append_printf (description, _("%s: %s"), group->name, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), syncing);
  gtk_spinner_set_spinning (self->spinner, syncing);
  gtk_widget_set_visible (GTK_WIDGET (self->status_icon), !syncing && (failed || offline));
  gtk_image_set_from_icon_name (self->status_icon, failed ? "commons-dialog-warning-symbolic"
                                                          : "commons-network-offline-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description->len > 0 ? description->str : NULL);
  /* The row is what a screen reader lands on. */
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description->str, -1);
}

static void
commons_sync_summary_dispose (GObject *object)
{
  CommonsSyncSummary *self = COMMONS_SYNC_SUMMARY (object);

  g_clear_object (&self->manager);
  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_SYNC_SUMMARY);

  G_OBJECT_CLASS (commons_sync_summary_parent_class)->dispose (object);
}

static void
commons_sync_summary_class_init (CommonsSyncSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_sync_summary_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-sync-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsSyncSummary, spinner);
  gtk_widget_class_bind_template_child (widget_class, CommonsSyncSummary, status_icon);
}

static void
commons_sync_summary_init (CommonsSyncSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
commons_sync_summary_set_manager (CommonsSyncSummary *self,
                                  CommonsSyncManager *manager)
{
  g_return_if_fail (COMMONS_IS_SYNC_SUMMARY (self));
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (manager));

  g_set_object (&self->manager, manager);
  g_signal_connect_object (manager, "state-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "groups-changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
}
