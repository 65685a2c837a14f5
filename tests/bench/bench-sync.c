/* bench-sync.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sync and import speed over loopback, with lesson plans shaped like real
 * ones (every field filled, about 1.2 kB of JSON each). Not a test:
 * build-aux/bench-sync runs it and prints every figure with its target.
 */

#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commons-bundle.h"
#include "sync-fixture.h"

/* With COMMONS_BENCH_PERF_FIFO, the control fifo of `perf record -D -1
 * --control fifo:FIFO` or `perf stat`: counting runs only during the
 * step COMMONS_BENCH_PROFILE names (push, first, floor or pull). */
static void
profile_step (const char *step,
              gboolean    on)
{
  const char *fifo = g_getenv ("COMMONS_BENCH_PERF_FIFO");
  const char *command = on ? "enable\n" : "disable\n";
  int fd;

  if (fifo == NULL || g_strcmp0 (g_getenv ("COMMONS_BENCH_PROFILE"), step) != 0)
    return;
  fd = open (fifo, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, command, strlen (command)), ==, (gssize) strlen (command));
  close (fd);
}

/* COMMONS_BENCH_STOP ends the run after a step (made, push, first or
 * floor), to profile or compare one step alone. */
static gboolean
stop_after (const char *step)
{
  return g_strcmp0 (g_getenv ("COMMONS_BENCH_STOP"), step) == 0;
}

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
  double            ms;
} SyncJob;

static gpointer
sync_work (gpointer data)
{
  SyncJob *job = data;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  commons_sync_client_sync (job->replica->client, job->group, NULL, NULL, &job->stats, NULL, &error);
  g_assert_no_error (error);
  job->ms = ms_since (start);
  return NULL;
}

typedef struct
{
  CommonsStore *store;
  GBytes       *bytes;
  guint         n_items;
  double        ms;
} ImportJob;

static gpointer
import_work (gpointer data)
{
  ImportJob *job = data;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) report = commons_bundle_import (job->store, job->bytes, COMMONS_SCOPE_LOCAL, &error);

  g_assert_no_error (error);
  job->n_items = report->len;
  job->ms = ms_since (start);
  return NULL;
}

static const char *subjects[] = { "Mathematics", "Science", "Geography", "History", "Languages", "Art" };
static const char *languages[] = { "en", "fr", "es", "sw", "ar", "pt-BR" };

/* A plan as teachers write them: every field filled. */
static JsonObject *
real_plan (guint i,
           guint edit)
{
  JsonObject *fields = json_object_new ();
  g_autoptr(JsonArray) objectives = json_array_new ();
  g_autoptr(JsonArray) materials = json_array_new ();
  g_autoptr(JsonArray) activities = json_array_new ();
  g_autofree char *title = g_strdup_printf ("Fractions with paper strips, part %u%s", i, edit ? " (revised)" : "");

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary",
                                 "Learners fold paper strips into halves, quarters and eighths,\n"
                                 "name the parts and compare them on a number line.\n"
                                 "They finish by explaining which of two fractions is larger.");
  json_object_set_string_member (fields, "subject", subjects[i % G_N_ELEMENTS (subjects)]);
  json_object_set_string_member (fields, "level", "Grade 5");
  json_object_set_string_member (fields, "language", languages[i % G_N_ELEMENTS (languages)]);
  json_object_set_string_member (fields, "license", "cc-by-sa");
  json_array_add_string_element (objectives, "Name halves, quarters and eighths of a whole");
  json_array_add_string_element (objectives, "Compare two fractions with the same numerator");
  json_array_add_string_element (objectives, "Place fractions on a number line");
  json_object_set_array_member (fields, "objectives", json_array_ref (objectives));
  json_array_add_string_element (materials, "Paper strips of equal length, six per learner");
  json_array_add_string_element (materials, "Coloured pencils");
  json_array_add_string_element (materials, "A number line drawn on the board");
  json_object_set_array_member (fields, "materials", json_array_ref (materials));
  for (guint a = 0; a < 4; a++)
    {
      JsonObject *activity = json_object_new ();
      g_autofree char *name = g_strdup_printf ("Activity %u", a + 1);

      json_object_set_string_member (activity, "title", name);
      json_object_set_string_member (activity, "instructions",
                                     "Work in pairs. Fold, label each part, then compare with "
                                     "your partner and write one sentence about what you see.");
      json_object_set_int_member (activity, "minutes", 10 + a * 5);
      json_array_add_object_element (activities, activity);
    }
  json_object_set_array_member (fields, "activities", json_array_ref (activities));
  json_object_set_string_member (fields, "assessment",
                                 "Exit ticket: order four fractions and explain the order in one sentence.");
  json_object_set_string_member (fields, "accessibility",
                                 "Strips with raised edges for learners who cannot see the folds; "
                                 "spoken instructions repeated in the learners' first language.");
  return fields;
}

/* Peak resident memory of a commons-cli sync of a fresh replica. */
static double
cli_sync_peak_mb (Server     *server,
                  Replica    *owner,
                  const char *group,
                  const char *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) invite = NULL;
  g_autoptr(CommonsGroup) joined = NULL;
  Replica fresh = { 0 };
  g_autofree char *dir = NULL;
  const char *cli = g_getenv ("COMMONS_CLI");
  if (cli == NULL)
    return -1;
  replica_open (&fresh, root, 7);
  invite = commons_sync_client_create_invite (owner->client, group, 1, 1, NULL, &error);
  g_assert_no_error (error);
  joined = commons_sync_client_join_group (fresh.client, server->url,
                                           json_object_get_string_member (invite, "code"),
                                           "Fresh", NULL, &error);
  g_assert_no_error (error);
  dir = g_strdup (fresh.dir);
  replica_close (&fresh);

  /* Measured by a small process of its own: a child forked from this big
   * one would start with this one's pages counted as its own. */
  {
    const char *argv[] = { "/proc/self/exe", "--peak-of", cli, "sync", "--data-dir", dir, NULL };
    g_autofree char *out = NULL;
    int wait_status = 0;

    if (g_getenv ("BENCH_MASSIF") != NULL)
      {
        g_autofree char *massif = g_strdup_printf ("--massif-out-file=%s", g_getenv ("BENCH_MASSIF"));
        const char *valgrind[] = { "valgrind", "--tool=massif", massif, cli, "sync", "--data-dir", dir, NULL };

        g_spawn_sync (NULL, (char **) valgrind, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
      }
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    return g_ascii_strtod (out, NULL) / 1024.0;
  }
}

/* bench-sync --peak-of COMMAND...: runs COMMAND and prints its peak
 * resident memory in KB. */
static int
peak_of (char **argv)
{
  struct rusage usage = { 0 };
  int status = 0;
  pid_t pid = fork ();

  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      execv (argv[0], argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return 1;
  g_print ("%ld\n", usage.ru_maxrss);
  return 0;
}

static double
median (double *values,
        guint   n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (values[j] < values[i])
        {
          double t = values[i];
          values[i] = values[j];
          values[j] = t;
        }
  return values[n / 2];
}

static double
noop_median (Replica    *r,
             const char *group)
{
  g_autoptr(GError) error = NULL;
  double times[21];

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      CommonsSyncStats stats = { 0 };
      gint64 start = g_get_monotonic_time ();

      commons_sync_client_sync (r->client, group, NULL, NULL, &stats, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stats.pulled + stats.pushed, ==, 0);
      times[i] = ms_since (start);
    }
  return median (times, G_N_ELEMENTS (times));
}

/* Adds private notes until the store holds @total records. */
static void
grow_store (Replica *r,
            guint    total)
{
  g_autoptr(GError) error = NULL;
  guint have = commons_store_count_records (r->store, "note") + commons_store_count_records (r->store, "plan");

  while (have < total)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);

      for (guint i = 0; i < 5000 && have < total; i++, have++)
        {
          g_autoptr(JsonObject) fields = json_object_new ();
          g_autofree char *record = g_uuid_string_random ();
          g_autofree char *title = g_strdup_printf ("Note %u", have);

          json_object_set_string_member (fields, "title", title);
          json_object_set_string_member (fields, "body", "Ideas for next week's lessons on rivers.");
          g_ptr_array_add (batch, commons_revision_new (record, "note", NULL,
                                                        commons_store_get_person_id (r->store),
                                                        NULL, FALSE, fields, &error));
          g_assert_no_error (error);
        }
      commons_store_add_revisions (r->store, batch, COMMONS_SCOPE_LOCAL, FALSE, NULL, &error);
      g_assert_no_error (error);
    }
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
  g_autoptr(GPtrArray) all = NULL;
  guint n_plans = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint n_big = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 100000;
  CommonsSyncStats stats = { 0 };
  gsize bytes = 0;

  if (argc > 2 && g_str_equal (argv[1], "--peak-of"))
    return peak_of (argv + 2);
  double first_ms = 0, floor_ms = 0;
  gint64 start;

  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);
  server_init (&server);
  server_start (&server);
  for (guint i = 0; i < 3; i++)
    replica_open (&r[i], server.root, i);
  group = make_group (&server, r, 2);

  /* Written in one batch: how they were made is not what is measured. */
  start = g_get_monotonic_time ();
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);

    for (guint i = 0; i < n_plans; i++)
      {
        g_autoptr(JsonObject) fields = real_plan (i, 0);
        char *record = g_uuid_string_random ();

        g_ptr_array_add (batch, commons_revision_new (record, "plan", NULL,
                                                      commons_store_get_person_id (r[0].store),
                                                      NULL, FALSE, fields, &error));
        g_assert_no_error (error);
        g_ptr_array_add (ids, record);
      }
    commons_store_add_revisions (r[0].store, batch, group, FALSE, NULL, &error);
    g_assert_no_error (error);
  }
  all = commons_store_get_history (r[0].store, g_ptr_array_index (ids, 0), &error);
  g_assert_no_error (error);
  bytes = strlen (commons_revision_get_canonical (g_ptr_array_index (all, 0)));
  g_print ("made %u real-shaped plans (%zu bytes of JSON each) in %.0f ms\n", n_plans, bytes, ms_since (start));
  if (stop_after ("made"))
    return 0;

  profile_step ("push", TRUE);
  start = g_get_monotonic_time ();
  commons_sync_client_sync (r[0].client, group, NULL, NULL, &stats, NULL, &error);
  profile_step ("push", FALSE);
  g_assert_no_error (error);
  g_print ("push of %u plans: %.0f ms (target <= 600)\n", stats.pushed, ms_since (start));
  if (stop_after ("push"))
    return 0;

  {
    SyncJob job = { &r[1], group, { 0 }, 0 };
    double stall;

    profile_step ("first", TRUE);
    stall = run_watched (commons_store_get_path (r[1].store), sync_work, &job);
    profile_step ("first", FALSE);
    first_ms = job.ms;
    g_print ("first sync of %u plans into an empty replica: %.0f ms (target <= 1000); "
             "longest main loop stall %.1f ms (target <= 16)\n",
             job.stats.pulled, job.ms, stall);
    if (stop_after ("first"))
      return 0;
  }

  /* The floor: the same revisions into the same schema, indexes and FTS,
   * in one transaction, with no network, checks or merges. */
  {
    g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
    Replica floor_replica = { 0 };

    for (guint i = 0; i < ids->len; i++)
      {
        g_autoptr(GPtrArray) history = commons_store_get_history (r[0].store, g_ptr_array_index (ids, i), &error);

        g_assert_no_error (error);
        for (guint j = 0; j < history->len; j++)
          g_ptr_array_add (revisions, commons_revision_ref (g_ptr_array_index (history, j)));
      }
    replica_open (&floor_replica, server.root, 8);
    profile_step ("floor", TRUE);
    start = g_get_monotonic_time ();
    commons_store_add_revisions (floor_replica.store, revisions, group, TRUE, NULL, &error);
    g_assert_no_error (error);
    floor_ms = ms_since (start);
    profile_step ("floor", FALSE);
    replica_close (&floor_replica);
    g_print ("floor (one batched insert of the same revisions): %.0f ms; first sync / floor = %.1f (target <= 3)\n",
             floor_ms, first_ms / floor_ms);
  }
  if (stop_after ("floor"))
    return 0;

  /* 1,000 edits, one in each of 1,000 plans, pulled by the other. */
  {
    guint n_edits = MIN (1000, n_plans);
    SyncJob job = { &r[1], group, { 0 }, 0 };
    double stall;

    for (guint i = 0; i < n_edits; i++)
      {
        g_autoptr(JsonObject) fields = real_plan (i, 1);

        commons_store_edit_record (r[0].store, g_ptr_array_index (ids, i * (n_plans / n_edits)), fields, &error);
        g_assert_no_error (error);
      }
    commons_sync_client_sync (r[0].client, group, NULL, NULL, &stats, NULL, &error);
    g_assert_no_error (error);
    profile_step ("pull", TRUE);
    stall = run_watched (commons_store_get_path (r[1].store), sync_work, &job);
    profile_step ("pull", FALSE);
    g_print ("pull of %u edits over %u plans: %.0f ms (target <= 150); longest main loop stall %.1f ms\n",
             job.stats.pulled, n_edits, job.ms, stall);
  }

  g_print ("no-op sync at %u records: median %.2f ms (target <= 3)\n",
           commons_store_count_records (r[1].store, "plan"), noop_median (&r[1], group));
  grow_store (&r[1], n_big);
  g_print ("no-op sync at %u records: median %.2f ms (target <= 3)\n",
           commons_store_count_records (r[1].store, "plan") + commons_store_count_records (r[1].store, "note"),
           noop_median (&r[1], group));

  g_print ("peak memory of commons-cli's first sync of %u plans: %.1f MB (target <= 60)\n",
           n_plans, cli_sync_peak_mb (&server, &r[0], group, server.root));

  /* A 1,000-plan file into an empty library. */
  {
    g_autoptr(GPtrArray) some = g_ptr_array_new ();
    g_autoptr(GBytes) file = NULL;
    ImportJob job = { r[2].store, NULL, 0, 0 };
    double stall;

    for (guint i = 0; i < 1000 && i < ids->len; i++)
      g_ptr_array_add (some, g_ptr_array_index (ids, i));
    g_ptr_array_add (some, NULL);
    file = commons_bundle_export (r[0].store, (const char * const *) some->pdata, &error);
    g_assert_no_error (error);
    job.bytes = file;
    stall = run_watched (commons_store_get_path (r[2].store), import_work, &job);
    g_print ("import of a %u-plan file (%zu KB): %.0f ms; longest main loop stall %.1f ms (target <= 16)\n",
             job.n_items, g_bytes_get_size (file) / 1024, job.ms, stall);
  }

  for (guint i = 0; i < 3; i++)
    replica_close (&r[i]);
  server_clear (&server);
  return 0;
}
