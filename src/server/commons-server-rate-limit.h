/* commons-server-rate-limit.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CommonsRateLimit CommonsRateLimit;

CommonsRateLimit *commons_rate_limit_new   (guint              per_minute);
void              commons_rate_limit_free  (CommonsRateLimit  *self);
gboolean          commons_rate_limit_check (CommonsRateLimit  *self,
                                            const char        *address,
                                            gint64             now_seconds,
                                            guint             *retry_after);
void              commons_rate_limit_hit   (CommonsRateLimit  *self,
                                            const char        *address,
                                            gint64             now_seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsRateLimit, commons_rate_limit_free)

G_END_DECLS
