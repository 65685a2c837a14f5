/* commons-review-query.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-store.h"

G_BEGIN_DECLS

GArray *commons_review_query_waiting (CommonsStore  *store,
                                      GError       **error);
GArray *commons_review_query_written (CommonsStore  *store,
                                      GError       **error);

G_END_DECLS
