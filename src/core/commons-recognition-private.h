/* commons-recognition-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-recognition.h"

G_BEGIN_DECLS

/* Each id once, sorted. */
GStrv         _commons_sorted_evidence  (const char * const     *ids);
/* The badge @rule gives for @timeline (oldest first), or %NULL. */
CommonsBadge *_commons_badge_rule_apply (const CommonsBadgeRule *rule,
                                         GPtrArray              *timeline);

G_END_DECLS
