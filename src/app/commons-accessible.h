/* commons-accessible.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void commons_accessible_set_label              (GtkWidget    *widget,
                                                const char   *label);
void commons_action_row_set_activatable_widget (AdwActionRow *row,
                                                GtkWidget    *widget);
void commons_entry_row_set_accessible_label   (AdwEntryRow  *row,
                                                const char   *label);

G_END_DECLS
