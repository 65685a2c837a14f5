/* bench-notes.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "commons-record-list.h"
#include "commons-store-private.h"

#include "bench-common.h"

/* Fills a store with many private notes in several languages, then times
 * what the notes page does: search as a person types, and read the rows
 * the list shows; and measures what holding the whole list costs.
 *
 * Usage: bench-notes [--dir DIR] [--count N] [--runs N]
 *
 * With --dir the database is DIR/commons.db, where the app looks with
 * COMMONS_DATA_DIR=DIR; it is filled only if it holds fewer notes than
 * asked, so a second run reuses it. Without --dir a temporary folder is
 * used and removed. Memory is best measured in a process that did not
 * fill the store: run once with --fill-only, then again. */

#define BATCH 5000
#define N_SHOWN 50
#define N_READ 200

/* In many notes: every note whose number is not a multiple of 3. */
#define COMMON_WORD "lesson"
/* In a handful of notes only. */
#define RARE_WORD "axolotl"
#define RARE_EVERY 9973

static const char *sentences[] = {
  "Today we looked at how fractions add up when the denominators differ.",
  "The water cycle: evaporation, condensation, precipitation and collection.",
  "Ask the pupils to draw the leaf and label where photosynthesis happens.",
  "Les élèves ont préparé une leçon sur la Révolution française et ses causes.",
  "Pour demain : relire le chapitre sur la photosynthèse et réviser les accords.",
  "La maîtresse a expliqué la différence entre « à » et « a » avec des exemples.",
  "Los niños aprendieron la canción del ciclo del agua en la clase de ciencias.",
  "La educación física empieza a las nueve; traer ropa cómoda y una botella.",
  "Revisar la ortografía: acentuación de palabras agudas, llanas y esdrújulas.",
  "Die Schüler haben über die Brücke in Köln geschrieben und Fotos gemacht.",
  "Übungen zur Bruchrechnung für die fünfte Klasse, mit Lösungen am Ende.",
  "Os alunos apresentaram o projeto sobre a Amazônia e a preservação da floresta.",
  "A avaliação de matemática será na sexta-feira; revisar frações e decimais.",
  "Wanafunzi walijifunza hisabati kwa kutumia vijiti na mawe darasani leo.",
  "Somo la Kiswahili: methali na maana zake, pamoja na mifano ya kila siku.",
  "Урок української мови: правопис апострофа та м'якого знака у словах.",
  "Учні підготували презентацію про кругообіг води в природі.",
  "درس اليوم عن دورة الماء في الطبيعة مع تجربة بسيطة في الصف.",
  "راجع مع الطلاب جدول الضرب حتى العدد عشرة قبل الاختبار.",
  "Öğrenciler bugün kesirleri ve ondalık sayıları karşılaştırmayı öğrendi.",
  "Çocuklar doğa yürüyüşünde yaprak ve taş örnekleri topladılar.",
  "Bring the map of Europe and the coloured pencils for the geography game.",
  "Remember: the field trip form must be signed by Thursday.",
  "Idée pour l'atelier : fabriquer un pluviomètre avec une bouteille.",
  "Naïve question from a pupil: why is the sky blue and not violet?",
};

static const char *titles[] = {
  "Fractions", "Water cycle", "Photosynthèse", "Révolution française", "Ciclo del agua",
  "Bruchrechnung", "Amazônia", "Hisabati", "Правопис", "دورة الماء", "Kesirler",
  "Field trip", "Pluviomètre", "Geografía", "Köln", "Reading group", "Ödev",
};

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static long
vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static void
report (const char *what,
        GArray     *samples)
{
  double median, p95;

  g_array_sort (samples, bench_compare_double);
  median = g_array_index (samples, double, samples->len / 2);
  p95 = g_array_index (samples, double, MIN (samples->len - 1, (guint) (samples->len * 0.95)));
  printf ("%-44s median %7.2f ms   p95 %7.2f ms   (%u runs)\n", what, median, p95, samples->len);
}

static char *
note_body (GRand *rand,
           guint  i)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 2, 9);

  for (guint k = 0; k < n; k++)
    {
      if (k > 0)
        g_string_append (body, g_rand_int_range (rand, 0, 3) == 0 ? "\n\n" : " ");
      g_string_append (body, sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
    }
  if (i % 3 != 0)
    g_string_append_printf (body, "\nNext %s: page %u.", COMMON_WORD, g_rand_int_range (rand, 1, 300));
  if (i % RARE_EVERY == 0)
    g_string_append (body, "\nThe " RARE_WORD " in the class aquarium needs cooler water.");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
fill (CommonsStore *store,
      guint         have,
      guint         count)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GDateTime) base = g_date_time_new_utc (2025, 1, 1, 8, 0, 0);
  GRand *rand = g_rand_new_with_seed (2026 + have);
  const char *person = commons_store_get_person_id (store);
  gint64 start = g_get_monotonic_time ();

  for (guint i = have; i < count; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(GDateTime) when = g_date_time_add_seconds (base, i * 600.0 + g_rand_int_range (rand, 0, 600));
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
      g_autofree char *time = g_strdup_printf ("%s.%03dZ", stamp, g_rand_int_range (rand, 0, 1000));
      g_autofree char *record = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("%s %u", titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))], i);
      g_autoptr(GError) error = NULL;
      CommonsRevision *revision;

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "body", note_body (rand, i));
      revision = commons_revision_new (record, "note", NULL, person, time, FALSE, fields, &error);
      g_assert_no_error (error);
      g_ptr_array_add (batch, revision);

      if (batch->len == BATCH || i + 1 == count)
        {
          commons_store_add_revisions (store, batch, COMMONS_SCOPE_LOCAL, FALSE, NULL, &error);
          g_assert_no_error (error);
          g_ptr_array_set_size (batch, 0);
        }
    }
  g_rand_free (rand);
  printf ("Filled %u notes in %.1f s\n", count - have, ms_since (start) / 1000.0);
}

/* Reads the first rows, as a list view shows them. */
static void
read_rows (CommonsRecordList *list,
           guint              n_rows)
{
  guint n = MIN (n_rows, g_list_model_get_n_items (G_LIST_MODEL (list)));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (summary);
    }
}

static void
time_search (CommonsStore *store,
             const char   *word,
             guint         runs)
{
  g_autoptr(GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what_query = g_strdup_printf ("query “%s”", word);
  g_autofree char *what_list = NULL;
  guint n_hits = 0;

  for (guint r = 0; r < runs; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(CommonsRecordList) list = commons_record_list_new (store, "note");
      gint64 start;
      double elapsed;

      start = g_get_monotonic_time ();
      rows = commons_store_query (store, "note", word, &error);
      elapsed = ms_since (start);
      g_assert_no_error (error);
      g_array_append_val (query_ms, elapsed);
      n_hits = rows->len;

      /* What typing the word into the notes page costs: the search, and
       * the rows a window shows. */
      start = g_get_monotonic_time ();
      commons_record_list_set_search (list, word);
      read_rows (list, N_SHOWN);
      elapsed = ms_since (start);
      g_array_append_val (list_ms, elapsed);
    }

  what_list = g_strdup_printf ("search “%s” + first %u rows (%u hits)", word, N_SHOWN, n_hits);
  report (what_query, query_ms);
  report (what_list, list_ms);
}

static void
time_open_list (CommonsStore *store,
                guint         runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CommonsRecordList) list = commons_record_list_new (store, "note");
      double elapsed;

      read_rows (list, N_SHOWN);
      elapsed = ms_since (start);
      g_array_append_val (samples, elapsed);
    }
  report ("open the list + first 50 rows", samples);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— time notes search on a large store");
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int count = 50000;
  int runs = 50;
  gboolean fill_only = FALSE;
  gboolean temporary;
  guint have;
  long rss_before, rss_after;
  GOptionEntry entries[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Keep the database in DIR/commons.db", "DIR" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Number of notes (default 50000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (default 50)", "N" },
    { "fill-only", 0, 0, G_OPTION_ARG_NONE, &fill_only, "Fill the store and measure nothing", NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  temporary = (dir == NULL);
  if (temporary && fill_only)
    {
      g_printerr ("--fill-only needs --dir\n");
      return 2;
    }
  if (temporary)
    {
      dir = g_dir_make_tmp ("commons-bench-notes-XXXXXX", &error);
      g_assert_no_error (error);
    }
  else
    g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "commons.db", NULL);

  store = commons_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("Cannot open %s: %s\n", path, error->message);
      return 1;
    }

  have = commons_store_count_records (store, "note");
  if (have < (guint) count)
    fill (store, have, count);
  else
    printf ("Reusing %u notes in %s\n", have, path);
  if (fill_only)
    return 0;

  /* Closing and reopening starts from a cold page cache, as the app does. */
  g_clear_object (&store);
  store = commons_store_open (path, &error);
  g_assert_no_error (error);

  /* What the list model costs: it keeps row ids and a small cache. */
  {
    g_autoptr(CommonsRecordList) list = NULL;
    guint n;

    rss_before = vm_rss_kb ();
    list = commons_record_list_new (store, "note");
    n = g_list_model_get_n_items (G_LIST_MODEL (list));
    read_rows (list, N_READ);
    rss_after = vm_rss_kb ();
    printf ("RSS with the store open          %6ld KiB\n", rss_before);
    printf ("RSS after listing %u notes and reading %u rows %6ld KiB (+%ld KiB; row ids alone are %u KiB)\n",
             n, N_READ, rss_after, rss_after - rss_before, (guint) (n * sizeof (gint64) / 1024));
    printf ("SQLite heap in use                %6lld KiB\n", (long long) sqlite3_memory_used () / 1024);
  }

  printf ("\n");
  time_search (store, COMMON_WORD, runs);
  time_search (store, RARE_WORD, runs);
  time_search (store, "élève", runs);
  time_open_list (store, runs);

  g_clear_object (&store);
  if (temporary)
    remove_dir (dir);
  return 0;
}
