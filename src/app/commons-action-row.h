/* commons-action-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void commons_action_row_set_activatable_widget (AdwActionRow *row,
                                                GtkWidget    *widget);

G_END_DECLS
