/* commons-action-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "commons-action-row.h"

/**
 * commons_action_row_set_activatable_widget:
 * @row: a row
 * @widget: the control at the row's side, which already has its own
 *   accessible name
 *
 * Makes @widget the row's activatable widget, keeping the accessible name
 * the app gave it. Newer libadwaita labels the widget with the row's
 * title, and a title alone ("Invite People", "Excellent") no longer says
 * which group or which criterion the control is for; a screen reader
 * user moving from control to control needs that.
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
