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

/* The sidebar's Groups entry: under it, one line per group saying how its
 * sync stands, with a spinner while syncing and Retry after a failure. */

struct _CommonsSyncSummary
{
  AdwBin              parent_instance;

  CommonsSyncManager *manager;

  /* Template widgets */
  GtkBox             *lines_box;
};

G_DEFINE_FINAL_TYPE (CommonsSyncSummary, commons_sync_summary, ADW_TYPE_BIN)

static void
retry_clicked_cb (GtkWidget          *button,
                  CommonsSyncSummary *self)
{
  commons_sync_manager_sync (self->manager, g_object_get_data (G_OBJECT (button), "commons-group"));
}

static GtkWidget *
build_line (CommonsSyncSummary *self,
            CommonsGroup       *group)
{
  CommonsSyncState state = commons_sync_manager_get_state (self->manager, group->id);
  g_autofree char *text = commons_sync_manager_describe (self->manager, group->id);
  g_autofree char *line = NULL;
  GtkWidget *box, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  if (state == COMMONS_SYNC_STATE_SYNCING)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Syncing"), -1);
      gtk_box_append (GTK_BOX (box), spinner);
    }
  else if (state == COMMONS_SYNC_STATE_ERROR || state == COMMONS_SYNC_STATE_OFFLINE)
    gtk_box_append (GTK_BOX (box),
                    gtk_image_new_from_icon_name (state == COMMONS_SYNC_STATE_OFFLINE
                                                  ? "commons-network-offline-symbolic"
                                                  : "commons-dialog-warning-symbolic"));

  /* Translators: a group's name, then how its sync stands. */
  line = g_strdup_printf (_("%s: %s"), group->name, text);
  label = gtk_label_new (line);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  if (state == COMMONS_SYNC_STATE_ERROR || state == COMMONS_SYNC_STATE_OFFLINE)
    {
      g_autofree char *accessible = g_strdup_printf (_("Retry Syncing %s"), group->name);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Retry"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "caption");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (button), "commons-group", g_strdup (group->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (retry_clicked_cb), self, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

static void
rebuild (CommonsSyncSummary *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->lines_box))) != NULL)
    gtk_box_remove (self->lines_box, child);
  if (self->manager == NULL)
    return;

  groups = commons_sync_manager_list_groups (self->manager);
  for (guint i = 0; i < groups->len; i++)
    gtk_box_append (self->lines_box, build_line (self, g_ptr_array_index (groups, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->lines_box), groups->len > 0);
}

static void
commons_sync_summary_dispose (GObject *object)
{
  CommonsSyncSummary *self = COMMONS_SYNC_SUMMARY (object);

  g_clear_object (&self->manager);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_SYNC_SUMMARY);

  G_OBJECT_CLASS (commons_sync_summary_parent_class)->dispose (object);
}

static void
commons_sync_summary_class_init (CommonsSyncSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_sync_summary_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-sync-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsSyncSummary, lines_box);
}

static void
commons_sync_summary_init (CommonsSyncSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->lines_box), FALSE);
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
