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
void commons_accessible_name_button_by_label   (GtkButton    *button);
void commons_accessible_name_inner_widgets     (GtkWidget    *root);
void commons_accessible_name_buttons_by_labels (GtkWidget    *root);
void commons_accessible_name_menu_items        (GtkMenuButton *button);
void commons_toast_overlay_add_toast           (AdwToastOverlay *overlay,
                                                AdwToast        *toast);

G_END_DECLS
