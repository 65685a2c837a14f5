/* bench-empty-window.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Not a test: build-aux/bench-notes starts it to measure, on the machine at
 * hand, what the first frame of an empty libadwaita window costs, so the
 * app's own first frame can be read against it. It prints the same
 * first-frame-ms line as the app with COMMONS_REPORT_STARTUP set. */

/* For RUSAGE_THREAD. */
#define _GNU_SOURCE

#include <stdio.h>
#include <sys/resource.h>

#include <adwaita.h>

static gint64 started;

static long
main_thread_cpu_ms (void)
{
#ifdef RUSAGE_THREAD
  struct rusage usage;

  if (getrusage (RUSAGE_THREAD, &usage) == 0)
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000L
           + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000L;
#endif
  return -1;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  printf ("first-frame-ms: %" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - started) / 1000);
  printf ("first-frame-cpu-ms: %ld\n", main_thread_cpu_ms ());
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
}

static void
realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));

  /* The size of a first start of Commons (its GSettings defaults). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  started = g_get_monotonic_time ();
  application = adw_application_new ("com.example.Commons.BenchEmptyWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
