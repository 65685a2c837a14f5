/* commons-accessible.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"

/* Controls that must keep the names the app gives them. Newer GTK names
 * a button after its visible label, and newer libadwaita names a row's
 * control after the row's title; a visible label or a title alone
 * ("Invite…", "Comment (optional)") does not say which group or which
 * criterion the control is for. A screen reader user moving from control
 * to control needs that. */

/**
 * commons_accessible_set_label:
 * @widget: a control
 * @label: its accessible name
 *
 * Names @widget, over any label it is labelled by. Call it again after
 * changing a button's label: GTK 4.18 labels the button by it anew.
 */
void
commons_accessible_set_label (GtkWidget  *widget,
                              const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/**
 * commons_action_row_set_activatable_widget:
 * @row: a row
 * @widget: the control at the row's side, which already has its own
 *   accessible name
 *
 * Makes @widget the row's activatable widget, keeping the accessible name
 * the app gave it.
 */
void
commons_action_row_set_activatable_widget (AdwActionRow *row,
                                           GtkWidget    *widget)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  adw_action_row_set_activatable_widget (row, widget);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/**
 * commons_entry_row_set_accessible_label:
 * @row: an entry row
 * @label: the name of the row's text field
 *
 * Names the row's text field. Up to libadwaita 1.2 the row itself is
 * what assistive technologies see; later versions expose the text inside,
 * labelled by the row's title. The row labels itself by its title again
 * when it is emptied or filled: call this again then.
 */
void
commons_entry_row_set_accessible_label (AdwEntryRow *row,
                                        const char  *label)
{
  GtkEditable *text;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (label != NULL);

  commons_accessible_set_label (GTK_WIDGET (row), label);
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (text != NULL)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

/* The text of a label with its mnemonic marks taken out: "C_reate" is
 * said "Create". */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/**
 * commons_accessible_name_button_by_label:
 * @button: a button with a visible label
 *
 * Names @button after its visible label, once. GTK 4.8 says a button that
 * has a name of its own and a label both, and reads the label's mnemonic
 * mark out ("_Undo Undo", "C_reate Create").
 */
void
commons_accessible_name_button_by_label (GtkButton *button)
{
  const char *label;
  g_autofree char *text = NULL;

  g_return_if_fail (GTK_IS_BUTTON (button));

  label = gtk_button_get_label (button);
  if (label == NULL)
    return;
  text = gtk_button_get_use_underline (button) ? strip_mnemonic (label) : g_strdup (label);
  commons_accessible_set_label (GTK_WIDGET (button), text);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static gboolean
label_rows_cb (gpointer user_data)
{
  GtkWidget *view = user_data;

  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = first_label (row);

      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        label, NULL, -1);
    }
  return G_SOURCE_REMOVE;
}

static void
rows_changed_cb (GtkWidget *view)
{
  g_assert (GTK_IS_LIST_VIEW (view));

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, label_rows_cb, g_object_ref (view), g_object_unref);
}

/* A list view's rows say nothing of themselves, and GTK 4.8 has no list
 * item API to name them: each row is labelled by its first label, its
 * title, whichever item it shows. The list view makes rows as the list
 * grows or scrolls, so new ones are labelled then. */
static void
label_list_rows (GtkListView *view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  if (gtk_list_view_get_model (view) != NULL)
    g_signal_connect_object (gtk_list_view_get_model (view), "items-changed",
                             G_CALLBACK (rows_changed_cb), view, G_CONNECT_SWAPPED);
  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (rows_changed_cb), view, G_CONNECT_SWAPPED);
  rows_changed_cb (GTK_WIDGET (view));
}

/* Widgets that GTK and libadwaita build inside their own carry no name
 * of their own: a drop-down's button is then "GtkToggleButton", an icon
 * button "GtkImage", a toast's button "_Undo Undo". */
static void
name_inner_widgets (GtkWidget *widget,
                    gboolean   by_labels,
                    gboolean   in_toast)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      /* The button that opens the list says what the drop-down is for,
       * by whatever name the drop-down was given. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_TOGGLE_BUTTON (child))
          gtk_accessible_update_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                          widget, NULL, -1);
      return;
    }
  if (GTK_IS_LIST_VIEW (widget))
    {
      label_list_rows (GTK_LIST_VIEW (widget));
      return;
    }
  if (ADW_IS_ENTRY_ROW (widget))
    {
      /* libadwaita 1.7 labels an entry row by its title twice over
       * ("Server Address Server Address"); its title, once, says it. */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), -1);
    }
  else if (ADW_IS_EXPANDER_ROW (widget))
    {
      /* libadwaita 1.2 names the row's header, not the row. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), -1);
    }
  else if (GTK_IS_LIST_BOX_ROW (widget) && !ADW_IS_PREFERENCES_ROW (widget))
    {
      /* A plain row is named by its title, its first label; libadwaita
       * names its own rows by theirs. */
      GtkWidget *label = first_label (widget);

      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                        label, NULL, -1);
    }
  if (GTK_IS_BUTTON (widget) && !GTK_IS_TOGGLE_BUTTON (widget))
    {
      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        {
          if (by_labels)
            commons_accessible_name_button_by_label (GTK_BUTTON (widget));
        }
      else if (in_toast || gtk_widget_get_ancestor (widget, GTK_TYPE_INFO_BAR) != NULL)
        {
          /* An info bar's or a toast's close button, the only one there
           * without a label. */
          commons_accessible_set_label (widget, _("Close"));
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_inner_widgets (child, by_labels, in_toast);
}

/**
 * commons_accessible_name_inner_widgets:
 * @root: a widget
 *
 * Names the parts GTK builds inside the drop-downs, info bars and list
 * views under @root: a drop-down's button after the drop-down, a close
 * button "Close", a list's rows after their titles. Call it once the
 * widgets are built.
 */
void
commons_accessible_name_inner_widgets (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_inner_widgets (root, FALSE, FALSE);
}

static void
name_menu_items (GtkWidget *widget)
{
  GParamSpec *text = g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "text");

  /* A menu's items are model buttons, which GTK 4.18 leaves nameless. */
  if (text != NULL && text->value_type == G_TYPE_STRING && !GTK_IS_LABEL (widget))
    {
      g_autofree char *label = NULL;

      g_object_get (widget, "text", &label, NULL);
      if (label != NULL && *label != '\0')
        {
          g_autofree char *said = strip_mnemonic (label);

          commons_accessible_set_label (widget, said);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_menu_items (child);
}

/**
 * commons_accessible_name_menu_items:
 * @button: a menu button whose menu is built
 *
 * Names the items of @button's menu after their labels.
 */
void
commons_accessible_name_menu_items (GtkMenuButton *button)
{
  GtkPopover *popover;

  g_return_if_fail (GTK_IS_MENU_BUTTON (button));

  popover = gtk_menu_button_get_popover (button);
  if (popover != NULL)
    name_menu_items (GTK_WIDGET (popover));
}

/**
 * commons_accessible_name_buttons_by_labels:
 * @root: a dialog, or a part of one
 *
 * As commons_accessible_name_inner_widgets(), and names every button
 * under @root that shows a label after that label. For dialogs whose
 * buttons say all there is to say; name the others after calling it.
 */
void
commons_accessible_name_buttons_by_labels (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  name_inner_widgets (root, TRUE, FALSE);
}

static void
name_toasts (AdwToastOverlay *overlay)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (toast_widget != 0 && g_type_is_a (G_OBJECT_TYPE (child), toast_widget))
      name_inner_widgets (child, TRUE, TRUE);
}

static void
toast_dismissed_cb (AdwToastOverlay *overlay)
{
  g_assert (ADW_IS_TOAST_OVERLAY (overlay));

  /* The next toast in the queue is shown now. */
  name_toasts (overlay);
}

/**
 * commons_toast_overlay_add_toast:
 * @overlay: a toast overlay
 * @toast: (transfer full): a toast
 *
 * Shows @toast as adw_toast_overlay_add_toast() does, with its buttons
 * named as a person would say them.
 */
void
commons_toast_overlay_add_toast (AdwToastOverlay *overlay,
                                 AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  adw_toast_overlay_add_toast (overlay, toast);
  name_toasts (overlay);
}
