/* commons-language.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *commons_language_dup_display_name (const char *tag);
GStrv commons_language_dup_known_tags    (void);

G_END_DECLS
