/* commons-snippet.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *commons_snippet_markup (const char *snippet,
                              glong       max_chars);

G_END_DECLS
