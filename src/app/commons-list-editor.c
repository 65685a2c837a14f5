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
 * materials: one entry per item, a button to remove each and one to add
 * another. Each entry and button is named with its position, so a screen
 * reader says which item it is. */

struct _CommonsListEditor
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GtkListBox *list;
  GtkWidget  *add_button;
  char       *item_format;
  char       *remove_format;
  char       *placeholder;
};

G_DEFINE_FINAL_TYPE (CommonsListEditor, commons_list_editor, GTK_TYPE_WIDGET)

/* A row holds a box with its entry first and its remove button last
 * (see append_row()). */
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

static void
rename_rows (CommonsListEditor *self)
{
  GtkListBoxRow *row;
  guint position = 1;

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
    }
  gtk_widget_set_visible (GTK_WIDGET (self->list), gtk_widget_get_first_child (GTK_WIDGET (self->list)) != NULL);
}

static void
remove_clicked_cb (GtkButton         *button,
                   CommonsListEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  g_assert (COMMONS_IS_LIST_EDITOR (self));
  g_assert (row != NULL);

  gtk_list_box_remove (self->list, row);
  rename_rows (self);
  gtk_widget_grab_focus (self->add_button);
}

static GtkWidget *
append_row (CommonsListEditor *self,
            const char        *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("commons-list-remove-symbolic");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* The row is named by its text field, which says which one it is. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, entry, NULL, -1);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  if (self->placeholder != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), self->placeholder);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->list, row);
  return entry;
}

static void
add_clicked_cb (CommonsListEditor *self)
{
  GtkWidget *entry = append_row (self, NULL);

  rename_rows (self);
  gtk_widget_grab_focus (entry);
}

/**
 * commons_list_editor_get_items:
 *
 * Returns: (transfer full): the items, trimmed, without empty ones
 */
GStrv
commons_list_editor_get_items (CommonsListEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (COMMONS_IS_LIST_EDITOR (self), NULL);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row_entry (GTK_WIDGET (row)))));

      if (text != NULL && *g_strstrip (text) != '\0')
        g_strv_builder_add (builder, text);
    }
  return g_strv_builder_end (builder);
}

void
commons_list_editor_set_items (CommonsListEditor  *self,
                               const char * const *items)
{
  GtkWidget *child;

  g_return_if_fail (COMMONS_IS_LIST_EDITOR (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    append_row (self, items[i]);
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

  if (self->box != NULL)
    {
      gtk_widget_unparent (self->box);
      self->box = NULL;
    }
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
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (add_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->list));
  gtk_box_append (GTK_BOX (self->box), self->add_button);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
