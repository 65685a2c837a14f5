/* bench-discussion.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "commons-discussion.h"
#include "commons-store-private.h"

#ifdef COMMONS_BENCH_PAGE
# include <adwaita.h>

# include "commons-accessible.h"
# include "commons-question-row.h"
# include "commons-questions-page.h"
# include "commons-sync-manager.h"
#endif

#include "bench-common.h"

/* Fills a group with many questions, answers and votes, then times what
 * the Questions page does: list the questions in each order, open one
 * with its answers, and search. */

#define N_QUESTIONS 2000
#define N_ANSWERS   10000
#define N_VOTES     50000
#define N_PEOPLE    60
#define BATCH       5000
/* More rows than the tallest window shows. */
#define SCREENFUL   40
#define GROUP       "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"

static const char *words[] = {
  "fractions", "pizza", "élèves", "reading", "volcanoes", "photosynthesis", "rhythm",
  "maps", "poetry", "experiment", "timeline", "multiplication", "débat", "portfolio",
  "ecosystem", "grammar", "probability", "recorder", "sculpture", "migration",
};

static void
flush (CommonsStore *store,
       GPtrArray    *batch)
{
  g_autoptr(GError) error = NULL;

  if (batch->len == 0)
    return;
  commons_store_add_revisions (store, batch, GROUP, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (batch, 0);
}

static void
add (CommonsStore *store,
     GPtrArray    *batch,
     const char   *record,
     const char   *kind,
     const char   *author,
     guint         n,
     JsonObject   *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (time, n * 60.0);
  g_autofree char *base = g_date_time_format (later, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *stamp = g_strdup_printf ("%s.000Z", base);
  CommonsRevision *revision = commons_revision_new (record, kind, NULL, author, stamp, FALSE, fields, &error);

  g_assert_no_error (error);
  g_ptr_array_add (batch, revision);
  if (batch->len >= BATCH)
    flush (store, batch);
}

/* A vocabulary of made-up words with the real ones among them, drawn
 * with a skew as real text is: a few words are very common, most rare. */
#define N_VOCABULARY 4000

static char *vocabulary[N_VOCABULARY];

static void
make_vocabulary (void)
{
  static const char *syllables[] = { "ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "vu",
                                     "ba", "ze", "gu", "fo", "hi", "ja" };
  guint n = G_N_ELEMENTS (syllables);

  for (guint i = 0; i < N_VOCABULARY; i++)
    vocabulary[i] = g_strconcat (syllables[i % n], syllables[(i / n) % n], syllables[(i / (n * n)) % n],
                                 i >= n * n * n ? "x" : "", NULL);
  for (guint k = 0; k < G_N_ELEMENTS (words); k++)
    {
      g_free (vocabulary[k * 40]);
      vocabulary[k * 40] = g_strdup (words[k]);
    }
}

static char *
sentence (GRand *rand,
          guint  n_words)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      double r = g_rand_double (rand);

      g_string_append_printf (out, "%s%s", i > 0 ? " " : "", vocabulary[(guint) (N_VOCABULARY * r * r * r)]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Five runs: the first after opening reads pages from disk, the median
 * is the steady state. */
static double
time_list (CommonsStore        *store,
           CommonsQuestionSort  sort,
           const char          *label)
{
  double times[5];
  double first;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) list = NULL;
      gint64 start = g_get_monotonic_time ();

      list = commons_discussion_list_questions (store, GROUP, sort, &error);
      g_assert_no_error (error);
      /* With the questions of a screenful of rows, which a list reads. */
      for (guint q = 0; q < MIN (SCREENFUL, g_list_model_get_n_items (list)); q++)
        {
          g_autoptr(CommonsQuestion) question = g_list_model_get_item (list, q);

          g_assert_nonnull (commons_question_get_title (question));
        }
      times[i] = ms_since (start);
      n = g_list_model_get_n_items (list);
    }
  first = times[0];
  qsort (times, G_N_ELEMENTS (times), sizeof (double), bench_compare_double);
  g_print ("Questions list, %s (%u questions, " G_STRINGIFY (SCREENFUL) " read): median %.1f ms, first %.1f ms\n", label, n, times[2], first);
  return MAX (times[2], first);
}

static double
time_search (CommonsStore *store,
             const char   *search)
{
  double times[5];
  double first;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) hits = NULL;
      gint64 start = g_get_monotonic_time ();

      hits = commons_discussion_search (store, GROUP, search, &error);
      g_assert_no_error (error);
      /* With the snippets of a screenful of results. */
      for (guint h = 0; h < MIN (20, g_list_model_get_n_items (hits)); h++)
        {
          g_autoptr(CommonsDiscussionHit) hit = g_list_model_get_item (hits, h);

          g_assert_nonnull (commons_discussion_hit_get_snippet (hit));
        }
      times[i] = ms_since (start);
      n = g_list_model_get_n_items (hits);
    }
  first = times[0];
  qsort (times, G_N_ELEMENTS (times), sizeof (double), bench_compare_double);
  g_print ("Search \"%s\" (%u hits, 20 snippets): median %.1f ms, first %.1f ms\n", search, n, times[2], first);
  return times[2];
}

#ifdef COMMONS_BENCH_PAGE
/* The Questions page itself, as the window opens it (commons-window.c,
 * ensure_page): built, given the store, its inner widgets named, put in
 * the window, and drawn. Timed from the start of its construction to
 * the end of the first frame that shows it. */

/* How many rows the list built: a list view builds rows for far more
 * items than it shows. */
static guint
count_rows (GtkWidget *widget)
{
  guint n = COMMONS_IS_QUESTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static int
time_page (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(CommonsSyncManager) manager = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  BenchFrame frame = { loop, 0, 0, 0 };
  double built[5], drawn[5], cpu[5], first_built = 0, first_drawn = 0, first_cpu = 0;
  GtkWidget *window, *stack;
  sqlite3_stmt *stmt;
  guint rows = 0;

  adw_init ();
  store = commons_store_open (path, &error);
  g_assert_no_error (error);
  /* A member of the group, as joining makes one, on no reachable server. */
  stmt = _commons_store_prepare (store,
      "INSERT OR IGNORE INTO groups (id, server, name, member, display_name, role, joined) "
      "VALUES ('" GROUP "', 'http://127.0.0.1:1', 'Year 5', 'm', 'Ana', 'member', '2026-01-01T00:00:00.000Z')",
      &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  manager = commons_sync_manager_new (store);

  /* What the application sets up from its resources: its icons and its
   * style sheet. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/com/example/Commons/icons");
    gtk_css_provider_load_from_resource (css, "/com/example/Commons/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  stack = gtk_stack_new ();
  /* The window shows another page first, as the app's shows Notes, so
   * its fonts and common styles are loaded before the page opens. */
  {
    static const char *sidebar_icons[] = {
      "commons-open-menu-symbolic", "commons-document-edit-symbolic", "commons-x-office-document-symbolic",
      "commons-emblem-ok-symbolic", "commons-chat-symbolic", "commons-system-users-symbolic",
    };
    GtkWidget *other = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *title = gtk_label_new ("A note");
    GtkWidget *preview = gtk_label_new ("What the note says first");

    /* A row of the Notes list: a heading and a dim caption. */
    gtk_widget_add_css_class (title, "heading");
    gtk_widget_add_css_class (preview, "dim-label");
    gtk_widget_add_css_class (preview, "caption");
    gtk_box_append (GTK_BOX (other), adw_header_bar_new ());
    gtk_box_append (GTK_BOX (other), gtk_search_entry_new ());
    gtk_box_append (GTK_BOX (other), gtk_label_new ("Notes"));
    gtk_box_append (GTK_BOX (other), title);
    gtk_box_append (GTK_BOX (other), preview);
    gtk_box_append (GTK_BOX (other), gtk_button_new_with_label ("Sync Now"));
    /* The sidebar's icons. */
    for (guint i = 0; i < G_N_ELEMENTS (sidebar_icons); i++)
      gtk_box_append (GTK_BOX (other), gtk_image_new_from_icon_name (sidebar_icons[i]));
    gtk_stack_add_named (GTK_STACK (stack), other, "notes");
  }
  adw_window_set_content (ADW_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  bench_wait_for_frame (window, &frame);

  for (guint i = 0; i < G_N_ELEMENTS (built); i++)
    {
      gint64 start = g_get_monotonic_time ();
      double start_cpu = bench_thread_cpu_ms ();
      CommonsQuestionsPage *page = g_object_new (COMMONS_TYPE_QUESTIONS_PAGE, NULL);
      g_autofree char *name = g_strdup_printf ("questions-%u", i);
      commons_questions_page_set_manager (page, manager);
      commons_accessible_name_inner_widgets (GTK_WIDGET (page));
      gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (page), name);
      gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (page));
      built[i] = ms_since (start);
      bench_wait_for_frame (window, &frame);
      drawn[i] = (frame.painted - start) / 1000.0;
      cpu[i] = frame.painted_cpu - start_cpu;
      rows = count_rows (GTK_WIDGET (page));
      if (i == 0)
        {
          first_built = built[i];
          first_drawn = drawn[i];
          first_cpu = cpu[i];
        }
    }
  qsort (built, G_N_ELEMENTS (built), sizeof (double), bench_compare_double);
  qsort (drawn, G_N_ELEMENTS (drawn), sizeof (double), bench_compare_double);
  qsort (cpu, G_N_ELEMENTS (cpu), sizeof (double), bench_compare_double);
  g_print ("Questions page opened and drawn (newest first, %u rows built): median %.1f ms, first %.1f ms "
           "(of which built with its list: median %.1f ms, first %.1f ms; main thread's processor time: "
           "median %.1f ms, first %.1f ms); target <= 50 ms\n",
           rows, drawn[2], first_drawn, built[2], first_built, cpu[2], first_cpu);

  /* The pages stay in the window, as in the app, until the process ends. */
  return 0;
}
#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  /* bench-discussion --page DIR: the page on the store a run kept in
   * DIR, in a build with the app; --can-page says whether it is one. */
  if (argc > 1 && (g_str_equal (argv[1], "--page") || g_str_equal (argv[1], "--can-page")))
    {
#ifdef COMMONS_BENCH_PAGE
      if (argc == 3 && g_str_equal (argv[1], "--page"))
        return time_page (argv[2]);
      return argc == 2 ? 0 : 2;
#else
      return 1;
#endif
    }
  /* A folder given on the command line keeps the filled store, and a
   * later run with the same folder times it without filling it again. */
  gboolean keep = argc > 1;
  g_autofree char *dir = keep ? g_strdup (argv[1]) : g_dir_make_tmp ("commons-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  gboolean filled = keep && g_file_test (path, G_FILE_TEST_EXISTS);
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_free);
  GRand *rand = g_rand_new_with_seed (42);
  double worst_list = 0, worst_search = 0, t;
  gint64 start;

  g_assert_no_error (error);
  if (keep)
    g_mkdir_with_parents (dir, 0700);
  store = commons_store_open (path, &error);
  g_assert_no_error (error);
  make_vocabulary ();
  if (filled)
    goto measure;
  for (guint i = 0; i < N_PEOPLE; i++)
    g_ptr_array_add (people, g_uuid_string_random ());

  start = g_get_monotonic_time ();
  for (guint i = 0; i < N_QUESTIONS; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *title = sentence (rand, 6);
      g_autofree char *body = sentence (rand, 40);
      char *record = g_uuid_string_random ();

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "body", body);
      json_object_set_string_member (fields, "language", "en");
      add (store, batch, record, COMMONS_QUESTION_KIND, g_ptr_array_index (people, i % N_PEOPLE), i, fields);
      g_ptr_array_add (questions, record);
    }
  for (guint i = 0; i < N_ANSWERS; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *body = sentence (rand, 60);
      char *record = g_uuid_string_random ();

      json_object_set_string_member (fields, "question", g_ptr_array_index (questions, g_rand_int_range (rand, 0, N_QUESTIONS)));
      json_object_set_string_member (fields, "body", body);
      add (store, batch, record, COMMONS_ANSWER_KIND, g_ptr_array_index (people, (i * 7) % N_PEOPLE),
           N_QUESTIONS + i, fields);
      g_ptr_array_add (answers, record);
    }
  for (guint i = 0; i < N_VOTES; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      guint a = i % N_ANSWERS, k = i / N_ANSWERS;
      /* Distinct voters on each answer: one vote per member per answer. */
      const char *voter = g_ptr_array_index (people, (a + k * 13) % N_PEOPLE);
      g_autofree char *record = commons_discussion_dup_vote_id (voter, g_ptr_array_index (answers, a));

      json_object_set_string_member (fields, "answer", g_ptr_array_index (answers, a));
      json_object_set_int_member (fields, "value", g_rand_int_range (rand, 0, 4) == 0 ? -1 : 1);
      add (store, batch, record, COMMONS_VOTE_KIND, voter, N_QUESTIONS + N_ANSWERS + i, fields);
    }
  flush (store, batch);
  g_print ("Inserted %d questions, %d answers and %d votes in %.0f ms\n",
           N_QUESTIONS, N_ANSWERS, N_VOTES, ms_since (start));

measure:
  /* Reopen, so nothing is cached but what SQLite caches itself. */
  g_clear_object (&store);
  store = commons_store_open (path, &error);
  g_assert_no_error (error);

  t = time_list (store, COMMONS_QUESTION_SORT_NEWEST, "newest");
  worst_list = MAX (worst_list, t);
  t = time_list (store, COMMONS_QUESTION_SORT_UNANSWERED, "unanswered");
  worst_list = MAX (worst_list, t);
  t = time_list (store, COMMONS_QUESTION_SORT_MOST_VOTED, "most voted");
  worst_list = MAX (worst_list, t);

  {
    g_autoptr(GListModel) list = commons_discussion_list_questions (store, GROUP, COMMONS_QUESTION_SORT_MOST_VOTED, &error);
    g_autoptr(CommonsQuestion) top = g_list_model_get_item (list, 0);
    g_autoptr(GListModel) answered = NULL;

    start = g_get_monotonic_time ();
    answered = commons_discussion_list_answers (store, commons_question_get_record (top), &error);
    g_assert_no_error (error);
    g_print ("Open a question with %u answers, by votes: %.1f ms\n",
             g_list_model_get_n_items (answered), ms_since (start));
  }

  /* A word of a hundred-odd questions and answers, two rarer ones, and
   * the most common word of all, in nearly every text. */
  t = time_search (store, "volcan");
  worst_search = MAX (worst_search, t);
  t = time_search (store, "eleves debat");
  worst_search = MAX (worst_search, t);
  t = time_search (store, "sculpture");
  worst_search = MAX (worst_search, t);
  t = time_search (store, "fractions");
  worst_search = MAX (worst_search, t);

  g_print ("Slowest Questions list (first or median): %.1f ms; "
           "slowest search (median): %.1f ms (target <= 10 ms)\n", worst_list, worst_search);

  g_clear_object (&store);
  if (!keep)
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_remove (file);
      }
    g_rmdir (dir);
  }
  for (guint i = 0; i < N_VOCABULARY; i++)
    g_free (vocabulary[i]);
  g_rand_free (rand);
  return 0;
}
