/* commons-parallel.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Works on items from @from up to, not including, @to. */
typedef void (*CommonsRangeFunc) (guint    from,
                                  guint    to,
                                  gpointer user_data);

void commons_run_split (guint            n,
                        CommonsRangeFunc func,
                        gpointer         user_data);

G_END_DECLS
