/* commons-server-rate-limit.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include "commons-server-rate-limit.h"

/* A fixed one-minute window per client address. Coarse, but enough to
 * make guessing tokens or invite codes hopeless, and its memory is
 * bounded: expired windows are dropped when the table grows. */

#define WINDOW 60
#define MAX_ADDRESSES 65536

struct _CommonsRateLimit
{
  guint       per_minute;
  GHashTable *windows;
};

typedef struct
{
  gint64 start;
  guint  count;
} Window;

CommonsRateLimit *
commons_rate_limit_new (guint per_minute)
{
  CommonsRateLimit *self = g_new0 (CommonsRateLimit, 1);

  self->per_minute = per_minute;
  self->windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
commons_rate_limit_free (CommonsRateLimit *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->windows);
  g_free (self);
}

/* Returns %TRUE if @address may go on; otherwise sets @retry_after. */
gboolean
commons_rate_limit_check (CommonsRateLimit *self,
                          const char       *address,
                          gint64            now_seconds,
                          guint            *retry_after)
{
  Window *window = g_hash_table_lookup (self->windows, address ? address : "");

  if (window == NULL || now_seconds - window->start >= WINDOW)
    return TRUE;
  if (window->count < self->per_minute)
    return TRUE;
  if (retry_after != NULL)
    *retry_after = (guint) MAX (1, WINDOW - (now_seconds - window->start));
  return FALSE;
}

static gboolean
expired_cb (gpointer key,
            gpointer value,
            gpointer user_data)
{
  Window *window = value;
  gint64 now = *(gint64 *) user_data;

  return now - window->start >= WINDOW;
}

void
commons_rate_limit_hit (CommonsRateLimit *self,
                        const char       *address,
                        gint64            now_seconds)
{
  Window *window = g_hash_table_lookup (self->windows, address ? address : "");

  if (window == NULL)
    {
      if (g_hash_table_size (self->windows) >= MAX_ADDRESSES)
        g_hash_table_foreach_remove (self->windows, expired_cb, &now_seconds);
      window = g_new0 (Window, 1);
      window->start = now_seconds;
      g_hash_table_insert (self->windows, g_strdup (address ? address : ""), window);
    }
  else if (now_seconds - window->start >= WINDOW)
    {
      window->start = now_seconds;
      window->count = 0;
    }
  window->count++;
}
