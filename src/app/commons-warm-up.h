/* commons-warm-up.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void commons_warm_up_start (GdkDisplay *display);

G_END_DECLS
