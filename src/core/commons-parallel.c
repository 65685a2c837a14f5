/* commons-parallel.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-parallel"

#include "config.h"

#include "commons-parallel.h"

/* Signatures are most of the cost of a batch that arrives or leaves, and
 * each one stands alone: half of a batch goes to a second thread. */

/* Below this, a thread costs more than it saves. */
#define SPLIT_AT 32

typedef struct
{
  CommonsRangeFunc func;
  gpointer         user_data;
  guint            from;
  guint            to;
} Half;

static gpointer
run_half (gpointer data)
{
  Half *half = data;

  half->func (half->from, half->to, half->user_data);
  return NULL;
}

/**
 * commons_run_split:
 * @n: how many items
 * @func: (scope call): works on a range of them; called from two threads
 *   at once, on ranges that do not overlap
 *
 * Runs @func over items 0 to @n, half of them on a second thread when the
 * batch is large enough and there is a second processor. Returns when all
 * are done.
 */
void
commons_run_split (guint            n,
                   CommonsRangeFunc func,
                   gpointer         user_data)
{
  Half first = { func, user_data, 0, n / 2 };
  GThread *thread;

  g_return_if_fail (func != NULL);

  if (n < SPLIT_AT || g_get_num_processors () < 2)
    {
      func (0, n, user_data);
      return;
    }
  thread = g_thread_new ("commons-split", run_half, &first);
  func (n / 2, n, user_data);
  g_thread_join (thread);
}
