/* stress-common.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the writer and the checker agree a note's content is: the SHA-256
 * of its title, a unit separator, and its body. */
static inline char *
stress_note_digest (const char *title,
                    const char *body)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (sum, (const guchar *) title, -1);
  g_checksum_update (sum, (const guchar *) "\x1f", 1);
  g_checksum_update (sum, (const guchar *) body, -1);
  return g_strdup (g_checksum_get_string (sum));
}

G_END_DECLS
