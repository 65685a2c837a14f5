/* commons-list-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-list-editor"

#include "config.h"

#include "commons-list-editor.h"

/* A short list of lines a plan keeps, such as its objectives or its
 * materials: one entry per item, bound both ways to the item's text, a
 * button to remove each and one to add another. The list is the plan's
 * own model; adding and removing are asked of whoever holds the editor
 * (the ::add and ::remove signals), who changes the model. Each entry and
 * button is named with its position, so a screen reader says which item
 * it is. */

struct _CommonsListEditor
{
  GtkWidget      parent_instance;

  GListModel    *items;
  GSignalGroup  *item_signals;

  GtkWidget     *box;
  GtkListBox    *list;
  GtkWidget     *add_button;
  char          *item_format;
  char          *remove_format;
  char          *placeholder;
};

G_DEFINE_FINAL_TYPE (CommonsListEditor, commons_list_editor, GTK_TYPE_WIDGET)

enum {
  ADD,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A row holds a box with its entry first and its remove button last
 * (see create_row_cb()). */
static GtkWidget *
row_entry (GtkWidget *row)
{
  return gtk_widget_get_first_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
}

static GtkWidget *
row_remove_button (GtkWidget *row)
{
  return gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)));
}

/* After the list changed: names and remove targets follow the places. */
static void
rename_rows (CommonsListEditor *self)
{
  GtkListBoxRow *row;
  guint position = 1;

  g_assert (COMMONS_IS_LIST_EDITOR (self));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++, position++)
    {
      GtkWidget *entry = row_entry (GTK_WIDGET (row));
      GtkWidget *remove = row_remove_button (GTK_WIDGET (row));
      g_autofree char *name = NULL;
      g_autofree char *remove_name = NULL;

      /* The formats are the caller's translated strings. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      name = g_strdup_printf (self->item_format, position);
      remove_name = g_strdup_printf (self->remove_format, position);
#pragma GCC diagnostic pop
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
      gtk_widget_set_tooltip_text (remove, remove_name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", (guint32) i);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), gtk_widget_get_first_child (GTK_WIDGET (self->list)) != NULL);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  CommonsListEditor *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("commons-list-remove-symbolic");

  g_assert (COMMONS_IS_LIST_EDITOR (self));
  g_assert (COMMONS_IS_PLAN_ITEM (item));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* The row is named by its text field, which says which one it is. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, entry, NULL, -1);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (entry, TRUE);
  g_object_bind_property (item, "text", entry, "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  if (self->placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), self->placeholder);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  /* Its place is set by rename_rows(), once the row is in the list. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "u", (guint32) 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "list.remove");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CommonsListEditor *self = COMMONS_LIST_EDITOR (widget);
  guint n;
  GtkListBoxRow *row;

  if (self->items == NULL)
    return;
  n = g_list_model_get_n_items (self->items);
  g_signal_emit (self, signals[ADD], 0);
  /* The new item's entry takes the focus, to be typed in. */
  if (g_list_model_get_n_items (self->items) > n &&
      (row = gtk_list_box_get_row_at_index (self->list, n)) != NULL)
    gtk_widget_grab_focus (row_entry (GTK_WIDGET (row)));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsListEditor *self = COMMONS_LIST_EDITOR (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->items == NULL || position >= g_list_model_get_n_items (self->items))
    return;
  g_signal_emit (self, signals[REMOVE], 0, position);
  gtk_widget_grab_focus (self->add_button);
}

/**
 * commons_list_editor_set_items:
 * @items: (nullable): a #GListModel of #CommonsPlanItem, such as
 *   commons_plan_get_objectives(), or %NULL to show none
 *
 * Shows @items, one entry each, and follows it as it changes.
 */
void
commons_list_editor_set_items (CommonsListEditor *self,
                               GListModel        *items)
{
  g_return_if_fail (COMMONS_IS_LIST_EDITOR (self));
  g_return_if_fail (items == NULL || G_IS_LIST_MODEL (items));

  if (!g_set_object (&self->items, items))
    return;
  gtk_list_box_bind_model (self->list, items, items != NULL ? create_row_cb : NULL, self, NULL);
  /* After the list box, which made the rows this names. */
  g_signal_group_set_target (self->item_signals, items);
  rename_rows (self);
}

/**
 * commons_list_editor_new:
 * @add_label: the add button's label, such as "Add Objective"
 * @item_format: each entry's accessible name, with %u for its position
 * @remove_format: each remove button's name, with %u for its position
 * @placeholder: (nullable): the hint inside empty entries
 */
GtkWidget *
commons_list_editor_new (const char *add_label,
                         const char *item_format,
                         const char *remove_format,
                         const char *placeholder)
{
  CommonsListEditor *self = g_object_new (COMMONS_TYPE_LIST_EDITOR, NULL);

  self->item_format = g_strdup (item_format);
  self->remove_format = g_strdup (remove_format);
  self->placeholder = g_strdup (placeholder);
  gtk_button_set_label (GTK_BUTTON (self->add_button), add_label);
  return GTK_WIDGET (self);
}

static void
commons_list_editor_dispose (GObject *object)
{
  CommonsListEditor *self = (CommonsListEditor *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  if (self->item_signals != NULL)
    g_signal_group_set_target (self->item_signals, NULL);
  if (self->box != NULL)
    {
      gtk_widget_unparent (self->box);
      self->box = NULL;
      self->list = NULL;
    }
  g_clear_object (&self->item_signals);
  g_clear_object (&self->items);
  g_clear_pointer (&self->item_format, g_free);
  g_clear_pointer (&self->remove_format, g_free);
  g_clear_pointer (&self->placeholder, g_free);

  G_OBJECT_CLASS (commons_list_editor_parent_class)->dispose (object);
}

static void
commons_list_editor_class_init (CommonsListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_list_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /**
   * CommonsListEditor::add:
   *
   * The person asks for another item at the end of the list.
   */
  signals[ADD] = g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CommonsListEditor::remove:
   * @position: the item's place in the list
   *
   * The person asks to remove an item.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "list.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "list.remove", "u", remove_action);
}

static void
commons_list_editor_init (CommonsListEditor *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->list), FALSE);
  self->add_button = gtk_button_new ();
  gtk_widget_set_halign (self->add_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "list.add");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (self->box), self->add_button);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* The names follow the list as it changes, whichever list it is. */
  self->item_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->item_signals, "items-changed", G_CALLBACK (rename_rows),
                                 self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}
