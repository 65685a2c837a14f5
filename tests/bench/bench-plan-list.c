/* bench-plan-list.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "bench-common.h"

#include "commons-library-page.h"

/* Times the Lesson Plans page opening on a large store, rows and all:
 * from building the page to the end of the first frame that shows it.
 * The store is the one bench-plans keeps (COMMONS_BENCH_KEEP=1), whose
 * plans are in a group, so every row reads the plan and its reviews.
 *
 * Usage: xvfb-run -a bench-plan-list STORE.db, with GDK_BACKEND=x11
 * GSK_RENDERER=cairo GTK_A11Y=none. */

#define RUNS 7

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BenchFrame frame = { loop, 0, 0, 0 };
  double wall[RUNS], cpu[RUNS];
  GtkWidget *window;

  if (argc != 2)
    {
      g_printerr ("Usage: %s STORE.db\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  store = commons_store_open (argv[1], &error);
  g_assert_no_error (error);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  adw_window_set_content (ADW_WINDOW (window), gtk_label_new ("Another page"));
  gtk_window_present (GTK_WINDOW (window));
  bench_wait_for_frame (window, &frame);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double start_cpu = bench_thread_cpu_ms ();
      GtkWidget *page = g_object_new (COMMONS_TYPE_LIBRARY_PAGE, NULL);

      commons_library_page_set_store (COMMONS_LIBRARY_PAGE (page), store);
      adw_window_set_content (ADW_WINDOW (window), page);
      bench_wait_for_frame (window, &frame);
      wall[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = bench_thread_cpu_ms () - start_cpu;
      adw_window_set_content (ADW_WINDOW (window), gtk_label_new ("Another page"));
      bench_wait_for_frame (window, &frame);
    }

  g_print ("Lesson Plans page, built to first frame: first %.1f ms (%.1f ms CPU)", wall[0], cpu[0]);
  qsort (wall + 1, RUNS - 1, sizeof (double), bench_compare_double);
  qsort (cpu + 1, RUNS - 1, sizeof (double), bench_compare_double);
  g_print ("; then median %.1f ms (%.1f ms CPU) over %d runs\n",
           wall[1 + (RUNS - 1) / 2], cpu[1 + (RUNS - 1) / 2], RUNS - 1);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
