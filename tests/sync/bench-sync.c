/* bench-sync.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync and import speed over loopback. Not a test: build-aux/bench-sync
 * runs it and prints the numbers.
 */

#include "config.h"

#include <string.h>

#include "commons-bundle.h"
#include "sync-fixture.h"

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The app syncs and imports on a worker while its main loop draws and
 * reads the store for its lists. Watched runs do the same: the work on a
 * thread, and on the main loop a tick every 5 ms that reads the store
 * through a connection of its own; the longest gap between ticks is how
 * long a window would have stalled. */
typedef struct
{
  GThreadFunc   work;
  gpointer      data;
  GMainLoop    *loop;
  CommonsStore *reader;
  gint64        last;
  gint64        longest;
  gboolean      done;
} Watch;

static gboolean
watch_tick_cb (gpointer user_data)
{
  Watch *watch = user_data;
  gint64 now = g_get_monotonic_time ();

  watch->longest = MAX (watch->longest, now - watch->last);
  commons_store_count_records (watch->reader, "plan");
  watch->last = g_get_monotonic_time ();
  if (g_atomic_int_get (&watch->done))
    {
      g_main_loop_quit (watch->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gpointer
watch_thread (gpointer user_data)
{
  Watch *watch = user_data;

  watch->work (watch->data);
  g_atomic_int_set (&watch->done, TRUE);
  return NULL;
}

/* Runs @work on a thread; returns the main loop's longest stall in ms. */
static double
run_watched (const char  *database,
             GThreadFunc  work,
             gpointer     data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(CommonsStore) reader = commons_store_open (database, &error);
  Watch watch = { work, data, loop, reader, 0, 0, FALSE };
  GThread *thread;

  g_assert_no_error (error);
  watch.last = g_get_monotonic_time ();
  g_timeout_add (5, watch_tick_cb, &watch);
  thread = g_thread_new ("bench-work", watch_thread, &watch);
  g_main_loop_run (loop);
  g_thread_join (thread);
  return watch.longest / 1000.0;
}

typedef struct
{
  Replica          *replica;
  const char       *group;
  CommonsSyncStats  stats;
} SyncJob;

static gpointer
sync_work (gpointer data)
{
  SyncJob *job = data;
  g_autoptr(GError) error = NULL;

  commons_sync_client_sync (job->replica->client, job->group, NULL, NULL, &job->stats, NULL, &error);
  g_assert_no_error (error);
  return NULL;
}

typedef struct
{
  CommonsStore *store;
  GBytes       *bytes;
  guint         n_items;
} ImportJob;

static gpointer
import_work (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = commons_bundle_import (job->store, job->bytes, COMMONS_SCOPE_LOCAL, &error);

  g_assert_no_error (error);
  job->n_items = report->len;
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Server server = { 0 };
  Replica r[3] = { { 0 } };
  g_autofree char *group = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n_plans = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  CommonsSyncStats stats = { 0 };
  gint64 start;
  double noop[20];

  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);
  server_init (&server);
  server_start (&server);
  for (guint i = 0; i < 3; i++)
    replica_open (&r[i], server.root, i);
  group = make_group (&server, r, 2);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < n_plans; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Plan %u: fractions and volcanoes", i);

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "summary", "Warm-up\nMain activity\nExit ticket");
      json_object_set_string_member (fields, "subject", i % 2 ? "Mathematics" : "Science");
      g_ptr_array_add (ids, commons_store_create_record (r[0].store, "plan", group, fields, &error));
      g_assert_no_error (error);
    }
  g_print ("made %u plans in %.0f ms\n", n_plans, ms_since (start));

  start = g_get_monotonic_time ();
  commons_sync_client_sync (r[0].client, group, NULL, NULL, &stats, NULL, &error);
  g_assert_no_error (error);
  g_print ("push of %u plans: %.0f ms\n", stats.pushed, ms_since (start));

  {
    SyncJob job = { &r[1], group, { 0 } };
    double stall;

    start = g_get_monotonic_time ();
    stall = run_watched (commons_store_get_path (r[1].store), sync_work, &job);
    g_print ("first sync of %u plans into an empty replica: %.0f ms (target < 5000); "
             "longest main loop stall %.1f ms (target < 50)\n",
             job.stats.pulled, ms_since (start), stall);
  }

  for (guint i = 0; i < G_N_ELEMENTS (noop); i++)
    {
      start = g_get_monotonic_time ();
      commons_sync_client_sync (r[1].client, group, NULL, NULL, &stats, NULL, &error);
      g_assert_no_error (error);
      noop[i] = ms_since (start);
    }
  {
    double sorted[G_N_ELEMENTS (noop)];

    memcpy (sorted, noop, sizeof noop);
    for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
      for (guint j = i + 1; j < G_N_ELEMENTS (sorted); j++)
        if (sorted[j] < sorted[i])
          {
            double t = sorted[i];
            sorted[i] = sorted[j];
            sorted[j] = t;
          }
    g_print ("sync with nothing new: median %.1f ms, max %.1f ms (target < 20)\n",
             sorted[G_N_ELEMENTS (sorted) / 2], sorted[G_N_ELEMENTS (sorted) - 1]);
  }

  /* A 1,000-plan file into an empty library. */
  {
    g_autoptr(GPtrArray) some = g_ptr_array_new ();
    g_autoptr(GBytes) bytes = NULL;
    ImportJob job = { r[2].store, NULL, 0 };
    double stall;

    for (guint i = 0; i < 1000 && i < ids->len; i++)
      g_ptr_array_add (some, g_ptr_array_index (ids, i));
    g_ptr_array_add (some, NULL);
    bytes = commons_bundle_export (r[0].store, (const char * const *) some->pdata, &error);
    g_assert_no_error (error);
    job.bytes = bytes;
    start = g_get_monotonic_time ();
    stall = run_watched (commons_store_get_path (r[2].store), import_work, &job);
    g_print ("import of a %u-plan file (%zu KB): %.0f ms (target < 1000); "
             "longest main loop stall %.1f ms (target < 50)\n",
             job.n_items, g_bytes_get_size (bytes) / 1024, ms_since (start), stall);
  }

  for (guint i = 0; i < 3; i++)
    replica_close (&r[i]);
  server_clear (&server);
  return 0;
}
