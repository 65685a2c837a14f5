/* bench-common.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <time.h>

#include <glib.h>

/* What the benchmarks in this folder share: medians of sorted runs, and
 * the main thread's processor time, which moves much less than the wall
 * clock on a machine shared with other work. With GTK, waiting for the
 * end of the next frame a window draws. */

static inline int
bench_compare_double (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static inline double
bench_thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

#ifdef GTK_MAJOR_VERSION
typedef struct
{
  GMainLoop *loop;
  /* When the frame ended, by the clock and in processor time. */
  gint64     painted;
  double     painted_cpu;
  gulong     handler;
} BenchFrame;

static inline void
bench_after_paint_cb (GdkFrameClock *clock,
                      BenchFrame    *frame)
{
  frame->painted = g_get_monotonic_time ();
  frame->painted_cpu = bench_thread_cpu_ms ();
  g_clear_signal_handler (&frame->handler, clock);
  g_main_loop_quit (frame->loop);
}

/* Draws @window once more and returns when that frame is painted. */
static inline void
bench_wait_for_frame (GtkWidget  *window,
                      BenchFrame *frame)
{
  frame->painted = 0;
  frame->handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                                     G_CALLBACK (bench_after_paint_cb), frame);
  gtk_widget_queue_draw (window);
  g_main_loop_run (frame->loop);
}
#endif
