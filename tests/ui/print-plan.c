/* print-plan.c — print a long lesson plan to PDF, for test-print
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: print-plan OUTPUT.pdf
 *
 * Prints, through the app's own printing code, a plan with a summary and
 * twelve activities whose instructions fill more than a page; test-print
 * reads the PDF back with pdftotext.
 */

#include "config.h"

#include <adwaita.h>

#include "commons-plan-print.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  const char *objectives[] = { "Compare halves and quarters", "Say which fraction is bigger", NULL };

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT.pdf\n", argv[0]);
      return 2;
    }
  gtk_init ();

  commons_plan_set_title (plan, "Fractions with pizza");
  commons_plan_set_summary (plan, "Learners share pizzas fairly and name the parts.");
  commons_plan_set_subject (plan, "Mathematics");
  commons_plan_set_level (plan, "Grade 4");
  commons_plan_set_language (plan, "en");
  commons_plan_set_objectives (plan, objectives);
  for (guint i = 1; i <= 12; i++)
    {
      g_autofree char *title = g_strdup_printf ("Activity number %u", i);
      g_autoptr(GString) how = g_string_new (NULL);
      g_autoptr(CommonsActivity) activity = NULL;

      for (guint j = 0; j < 6; j++)
        g_string_append (how, "Cut the paper pizza into equal slices, then ask each pair which share is bigger and why. ");
      activity = commons_activity_new (title, how->str, 5);
      commons_plan_insert_activity (plan, -1, activity);
    }

  if (!commons_plan_print_to_pdf (plan, argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
