/* main.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "commons-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CommonsApplication) app = NULL;
  const char *locale_dir;
  gint64 started = 0;

  /* Taken first, so the reported time covers everything a person waits
   * for, including loading libraries' constructors and gettext. */
  if (g_getenv ("COMMONS_REPORT_STARTUP") != NULL)
    started = g_get_monotonic_time ();

  /* Tests of translations point at a folder laid out as
   * LOCALE/LC_MESSAGES/commons.mo without installing. */
  locale_dir = g_getenv ("COMMONS_LOCALE_DIR");
  if (locale_dir == NULL || *locale_dir == '\0')
    locale_dir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = commons_application_new (started);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
