/* stress-writer.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "commons-store-private.h"
#include "stress-common.h"

/* The child of test-crash: writes notes to a store as fast as it can until
 * it is killed. Before each call it prints what it is about to do
 * ("intent ...") and after the call returns, what is now committed
 * ("done ..."), each line with a single write(2) so a kill never leaves
 * half a line that looks whole.
 *
 * Usage: stress-writer DATABASE SEED [MAX_SECONDS]
 */

static const char *words[] = {
  "élève", "leçon", "fraction", "Brücke", "über", "educación", "fotosíntesis",
  "урок", "математика", "wanafunzi", "hisabati", "photosynthesis", "water",
  "cycle", "évaporation", "naïve", "café", "Ångström", "Øresund", "ciência",
  "mathématiques", "geografía", "Straße", "schön", "déjà", "rain", "cloud",
  "señal", "niño", "ação", "coração", "ödev", "çocuk", "ğ", "ı", "—", "…",
};

static void
emit (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static void
emit (const char *format,
      ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize length, written = 0;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  length = strlen (line);

  while (written < length)
    {
      ssize_t n = write (STDOUT_FILENO, line + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("Cannot write to stdout: %s", g_strerror (errno));
      written += n;
    }
}

static char *
make_text (GRand *rand,
           guint  n_words)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (out, g_rand_int_range (rand, 0, 12) == 0 ? '\n' : ' ');
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Mostly short notes, sometimes long ones, so that some transactions
 * span many pages of the database and the write-ahead log. */
static char *
make_body (GRand *rand)
{
  guint n_words;

  switch (g_rand_int_range (rand, 0, 10))
    {
    case 0:
      n_words = g_rand_int_range (rand, 1000, 3000);
      break;
    case 1:
    case 2:
      n_words = g_rand_int_range (rand, 200, 800);
      break;
    default:
      n_words = g_rand_int_range (rand, 1, 60);
    }
  return make_text (rand, n_words);
}

typedef struct
{
  GPtrArray  *live;
  GPtrArray  *deleted;
} Notes;

static void
load_notes (CommonsStore *store,
            Notes        *notes)
{
  sqlite3_stmt *stmt;
  g_autoptr(GError) error = NULL;

  stmt = _commons_store_prepare (store, "SELECT id, deleted FROM records WHERE kind = 'note' ORDER BY rowid", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      g_ptr_array_add (sqlite3_column_int (stmt, 1) ? notes->deleted : notes->live, g_strdup (id));
    }
  sqlite3_reset (stmt);
}

static void
move_note (GPtrArray *from,
           guint      index,
           GPtrArray *to)
{
  g_ptr_array_add (to, g_ptr_array_steal_index_fast (from, index));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) deleted = g_ptr_array_new_with_free_func (g_free);
  Notes notes = { live, deleted };
  GRand *rand;
  gint64 deadline;
  guint64 n = 0;

  if (argc < 3)
    {
      g_printerr ("Usage: %s DATABASE SEED [MAX_SECONDS]\n", argv[0]);
      return 2;
    }

#ifdef __linux__
  /* Never outlive a test that died. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif

  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[2], NULL, 10));
  deadline = g_get_monotonic_time () +
             (argc > 3 ? g_ascii_strtoll (argv[3], NULL, 10) : 60) * G_TIME_SPAN_SECOND;

  store = commons_store_open (argv[1], &error);
  if (store == NULL)
    g_error ("Cannot open %s: %s", argv[1], error->message);
  load_notes (store, &notes);
  emit ("open %u %u\n", live->len, deleted->len);

  while (g_get_monotonic_time () < deadline)
    {
      guint op = g_rand_int_range (rand, 0, 100);
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *digest = NULL;
      guint quiet;

      /* Both ways an edit can go: amend the head, or a child of it. */
      quiet = g_rand_boolean (rand) ? 0 : 3600;
      commons_store_set_quiet_interval (store, quiet);

      if (op < 25 || live->len == 0)
        {
          g_autofree char *id = NULL;

          title = g_strdup_printf ("Note %" G_GUINT64_FORMAT " %s", n, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          body = make_body (rand);
          digest = stress_note_digest (title, body);
          emit ("intent create %s\n", digest);
          id = commons_store_create_note (store, title, body, &error);
          if (id == NULL)
            g_error ("Cannot create a note: %s", error->message);
          emit ("done create %s %s\n", id, digest);
          g_ptr_array_add (live, g_steal_pointer (&id));
        }
      else if (op < 92)
        {
          guint i = g_rand_int_range (rand, 0, live->len);
          const char *id = g_ptr_array_index (live, i);

          title = g_strdup_printf ("Note %" G_GUINT64_FORMAT " %s", n, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
          body = make_body (rand);
          digest = stress_note_digest (title, body);
          emit ("intent update %s %s %u\n", id, digest, quiet);
          if (!commons_store_update_note (store, id, title, body, &error))
            g_error ("Cannot update note %s: %s", id, error->message);
          emit ("done update %s %s\n", id, digest);
        }
      else if (op < 96)
        {
          guint i = g_rand_int_range (rand, 0, live->len);
          const char *id = g_ptr_array_index (live, i);

          emit ("intent delete %s\n", id);
          if (!commons_store_delete_record (store, id, &error))
            g_error ("Cannot delete note %s: %s", id, error->message);
          emit ("done delete %s\n", id);
          move_note (live, i, deleted);
        }
      else if (deleted->len > 0)
        {
          guint i = g_rand_int_range (rand, 0, deleted->len);
          const char *id = g_ptr_array_index (deleted, i);

          emit ("intent undelete %s\n", id);
          if (!commons_store_undelete_record (store, id, &error))
            g_error ("Cannot undelete note %s: %s", id, error->message);
          emit ("done undelete %s\n", id);
          move_note (deleted, i, live);
        }
      n++;
    }

  emit ("timeout %" G_GUINT64_FORMAT "\n", n);
  g_rand_free (rand);
  return 0;
}
