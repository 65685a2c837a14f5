/* commons-input.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void commons_spin_button_scroll_only_when_focused (GtkSpinButton *spin);
void commons_text_view_send_on_ctrl_enter         (GtkTextView   *view,
                                                   const char    *action);

G_END_DECLS
