/* commons-accessible.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
 * labelled by the row's title.
 */
void
commons_entry_row_set_accessible_label (AdwEntryRow *row,
                                        const char  *label)
{
  GtkEditable *text;

  g_return_if_fail (ADW_IS_ENTRY_ROW (row));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  if (text != NULL)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}
