/* commons-share-dialog.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-share-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-plan.h"
#include "commons-record-list.h"
#include "commons-share-dialog.h"

/* Picks a private plan or note to share into a group. Sharing makes a new
 * record in the group from the current text only, so earlier private
 * drafts never leave the device. */

struct _CommonsShareDialog
{
  AdwWindow           parent_instance;

  CommonsSyncManager *manager;
  char               *group;
  char               *kind;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  AdwPreferencesGroup *list_group;

  /* The Share buttons, each with its record as its action's target. */
  GPtrArray          *buttons;
};

G_DEFINE_FINAL_TYPE (CommonsShareDialog, commons_share_dialog, ADW_TYPE_WINDOW)

/* The Share button of @record becomes "Shared". */
static void
mark_shared (CommonsShareDialog *self,
             const char         *record)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), record))
        {
          gtk_button_set_label (GTK_BUTTON (button), _("Shared"));
          commons_accessible_set_label (button, _("Shared"));
          /* Off for good: the record is in the group now. */
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
          gtk_widget_set_sensitive (button, FALSE);
        }
    }
}

static void
share_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CommonsShareDialog *self = COMMONS_SHARE_DIALOG (widget);
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  const char *record = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;

  g_assert (COMMONS_IS_SHARE_DIALOG (self));

  copy = commons_store_share_record (store, record, self->group, &error);
  if (copy == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not share: %s"), error->message);

      commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  mark_shared (self, record);
  commons_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Shared. The group will see it after the next sync.")));
}

static void
fill (CommonsShareDialog *self)
{
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  g_autoptr(GArray) rows = commons_store_query (store, self->kind, NULL, NULL);
  guint shown = 0;

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autoptr(CommonsRecordSummary) summary = NULL;
      g_autofree char *scope = NULL;
      g_autofree char *accessible = NULL;
      g_autoptr(GError) refused = NULL;
      const char *title;
      GtkWidget *row, *button;

      summary = commons_record_summary_load (store, g_array_index (rows, gint64, i), NULL);
      if (summary == NULL)
        continue;
      scope = commons_store_get_scope (store, commons_record_summary_get_id (summary), NULL);
      if (g_strcmp0 (scope, COMMONS_SCOPE_LOCAL) != 0)
        continue;

      title = commons_record_summary_get_title (summary);
      if (title == NULL || *title == '\0')
        title = _("Untitled");
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Translators: the name of a button; %s is a plan's or note's title. */
      accessible = g_strdup_printf (_("Share “%s”"), title);
      button = gtk_button_new_with_mnemonic (_("_Share"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      commons_accessible_set_label (button, accessible);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", commons_record_summary_get_id (summary));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "share.record");
      g_ptr_array_add (self->buttons, button);
      /* A colleague's plan whose license forbids copies is listed, so
       * that it is not missed, with why it cannot be shared. */
      if (!commons_plan_can_share (store, commons_record_summary_get_id (summary), &refused))
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
          gtk_widget_set_sensitive (button, FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), refused->message);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->list_group, row);
      shown++;
    }

  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
commons_share_dialog_dispose (GObject *object)
{
  CommonsShareDialog *self = COMMONS_SHARE_DIALOG (object);

  g_clear_object (&self->manager);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_SHARE_DIALOG);

  G_OBJECT_CLASS (commons_share_dialog_parent_class)->dispose (object);
}

static void
commons_share_dialog_class_init (CommonsShareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_share_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-share-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsShareDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsShareDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsShareDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CommonsShareDialog, list_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "share.record", "s", share_action);
}

static void
commons_share_dialog_init (CommonsShareDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The rows hold the buttons; this only finds them again. */
  self->buttons = g_ptr_array_new ();
}

GtkWidget *
commons_share_dialog_new (GtkWindow          *parent,
                          CommonsSyncManager *manager,
                          const char         *group,
                          const char         *kind)
{
  CommonsShareDialog *self;
  g_autoptr(CommonsGroup) found = NULL;
  g_autofree char *description = NULL;
  gboolean plans;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);

  self = g_object_new (COMMONS_TYPE_SHARE_DIALOG, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  self->group = g_strdup (group);
  self->kind = g_strdup (kind);
  plans = g_strcmp0 (kind, "plan") == 0;

  found = commons_store_get_group (commons_sync_manager_get_store (manager), group, NULL);
  gtk_window_set_title (GTK_WINDOW (self), plans ? _("Share a Lesson Plan") : _("Share a Note"));
  /* Translators: %s is a group's name. */
  description = g_strdup_printf (_("The group “%s” gets a copy of what you choose as it is now. Your earlier drafts stay on this device."),
                                 found != NULL ? found->name : "");
  adw_preferences_group_set_description (self->list_group, description);
  adw_status_page_set_title (self->empty_page, plans ? _("No Private Lesson Plans") : _("No Private Notes"));
  fill (self);
  return GTK_WIDGET (self);
}
