/* test-plan-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "../core/core-fixture.h"
#include "commons-plan.h"
#include "commons-plan-row.h"
#include "commons-record-list.h"

/* A row of the Lesson Plans list shows the plan it is bound to, says so
 * once per change, follows a rebind after an edit, and goes away with
 * its last reference. */

typedef struct
{
  char              *dir;
  CommonsStore      *store;
  CommonsRecordList *list;
  char              *leaves;
  char              *fractions;
  CommonsPlanRow    *row;
  guint              n_summary_notifies;
} Fixture;

static char *
add_plan (Fixture    *f,
          const char *title,
          const char *summary,
          const char *subject,
          const char *level)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(GError) error = NULL;

  commons_plan_set_title (plan, title);
  if (summary != NULL)
    commons_plan_set_summary (plan, summary);
  commons_plan_set_subject (plan, subject);
  commons_plan_set_level (plan, level);
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  return g_strdup (commons_plan_get_record (plan));
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = core_fixture_make_dir ("commons-plan-row");
  f->store = core_fixture_open_store (f->dir, "commons.db", TRUE);
  f->leaves = add_plan (f, "Leaves under a lens", "Look closely at leaves.\nThen draw them.", "Biology", "Grade 5");
  f->fractions = add_plan (f, "Fractions with pizza", NULL, "Maths", "Grade 4");
  f->list = commons_record_list_new (f->store, "plan");
  f->row = COMMONS_PLAN_ROW (g_object_ref_sink (commons_plan_row_new ()));
  g_signal_connect_swapped (f->row, "notify::summary", G_CALLBACK (count_cb), &f->n_summary_notifies);
  commons_plan_row_set_store (f->row, f->store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->row));
  g_assert_finalize_object (g_steal_pointer (&f->list));
  core_fixture_close_store (&f->store);
  core_fixture_remove_dir (f->dir);
  g_free (f->leaves);
  g_free (f->fractions);
  g_free (f->dir);
}

/* The row's lines on show, top to bottom. */
static char *
shown (CommonsPlanRow *row)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (row));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
      g_ptr_array_add (lines, (gpointer) gtk_label_get_text (GTK_LABEL (child)));
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static CommonsRecordSummary *
find_summary (CommonsRecordList *list,
              const char        *record)
{
  guint position = commons_record_list_find (list, record);

  g_assert_cmpuint (position, <, g_list_model_get_n_items (G_LIST_MODEL (list)));
  return g_list_model_get_item (G_LIST_MODEL (list), position);
}

static void
test_shows_summary (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CommonsRecordSummary) leaves = find_summary (f->list, f->leaves);
  g_autoptr(CommonsRecordSummary) fractions = find_summary (f->list, f->fractions);
  g_autofree char *text = NULL;

  commons_plan_row_set_summary (f->row, leaves);
  g_assert_true (commons_plan_row_get_summary (f->row) == leaves);
  g_assert_cmpuint (f->n_summary_notifies, ==, 1);
  text = shown (f->row);
  /* Its title, who wrote it and where it is, the first line of its summary. */
  g_assert_cmpstr (text, ==, "Leaves under a lens\nBy you · Your library\nLook closely at leaves.");

  commons_plan_row_set_summary (f->row, leaves);
  g_assert_cmpuint (f->n_summary_notifies, ==, 1);

  /* Without a summary, what the plan is about. */
  commons_plan_row_set_summary (f->row, fractions);
  g_assert_cmpuint (f->n_summary_notifies, ==, 2);
  g_clear_pointer (&text, g_free);
  text = shown (f->row);
  g_assert_cmpstr (text, ==, "Fractions with pizza\nBy you · Your library\nMaths · Grade 4");

  commons_plan_row_set_summary (f->row, NULL);
  g_assert_cmpuint (f->n_summary_notifies, ==, 3);
  g_assert_null (commons_plan_row_get_summary (f->row));
}

/* An edit reloads the list, whose new summary the row is bound to. */
static void
test_follows_edit (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CommonsRecordSummary) before = find_summary (f->list, f->fractions);
  g_autoptr(CommonsRecordSummary) after = NULL;
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  commons_plan_row_set_summary (f->row, before);
  plan = commons_plan_load (f->store, f->fractions, &error);
  g_assert_no_error (error);
  commons_plan_set_title (plan, "Fractions with pizza and pie");
  commons_plan_set_summary (plan, "Share fairly.");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  commons_record_list_reload (f->list);
  after = find_summary (f->list, f->fractions);

  commons_plan_row_set_summary (f->row, after);
  g_assert_cmpuint (f->n_summary_notifies, ==, 2);
  text = shown (f->row);
  g_assert_cmpstr (text, ==, "Fractions with pizza and pie\nBy you · Your library\nShare fairly.");
  commons_plan_row_set_summary (f->row, NULL);
}

/* Searched, the row shows where the words matched, in bold. */
static void
test_shows_match (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CommonsRecordSummary) leaves = NULL;
  GtkWidget *title, *detail, *text;
  guint n_notifies = 0;

  commons_record_list_set_search (f->list, "draw");
  leaves = find_summary (f->list, f->leaves);
  g_signal_connect_swapped (f->row, "notify::show-match", G_CALLBACK (count_cb), &n_notifies);
  commons_plan_row_set_summary (f->row, leaves);
  title = gtk_widget_get_first_child (GTK_WIDGET (f->row));
  detail = gtk_widget_get_next_sibling (title);
  text = gtk_widget_get_next_sibling (detail);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (text)), ==, "Look closely at leaves.");

  commons_plan_row_set_show_match (f->row, TRUE);
  g_assert_true (commons_plan_row_get_show_match (f->row));
  g_assert_cmpuint (n_notifies, ==, 1);
  commons_plan_row_set_show_match (f->row, TRUE);
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (text)), "<b>draw</b>"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (text)), "Then draw them."));

  commons_plan_row_set_show_match (f->row, FALSE);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (text)), ==, "Look closely at leaves.");
  commons_plan_row_set_summary (f->row, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/plan-row/shows-summary", Fixture, NULL, fixture_setup, test_shows_summary, fixture_teardown);
  g_test_add ("/plan-row/follows-edit", Fixture, NULL, fixture_setup, test_follows_edit, fixture_teardown);
  g_test_add ("/plan-row/shows-match", Fixture, NULL, fixture_setup, test_shows_match, fixture_teardown);
  return g_test_run ();
}
