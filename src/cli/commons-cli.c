/* commons-cli.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "commons-cli-private.h"

/* commons-cli FAMILY COMMAND: finds the command and hands it to the
 * runner. Each family of commands lives in its own commons-cli-*.c. */

static const CommonsCliCommand * const families[] = {
  commons_cli_note_commands,
  commons_cli_plan_commands,
  commons_cli_review_commands,
  commons_cli_group_commands,
  commons_cli_conflict_commands,
  commons_cli_bundle_commands,
  commons_cli_comment_commands,
  commons_cli_question_commands,
  commons_cli_answer_commands,
  commons_cli_vote_commands,
};

static void
print_usage (FILE       *out,
             const char *family)
{
  fprintf (out, "%s\n\n", _("Usage: commons-cli [--data-dir DIR] [--json] COMMAND [OPTION…] [--data-dir DIR] [--json]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    for (const CommonsCliCommand *c = families[f]; c->family != NULL; c++)
      {
        g_autofree char *name = NULL;

        if (family != NULL && !g_str_equal (family, c->family))
          continue;
        name = c->name != NULL ? g_strconcat (c->family, " ", c->name, NULL) : g_strdup (c->family);
        fprintf (out, "  %-20s %s\n", name, _(c->summary));
      }
  fprintf (out, "\n%s\n", _("Global options, before or after the command:"));
  fprintf (out, "  %-20s %s\n", "--json", _("Print the result as JSON"));
  fprintf (out, "  %-20s %s\n", "--data-dir DIR", _("Use the data in DIR instead of your own"));
  fprintf (out, "\n%s\n", _("Run “commons-cli COMMAND --help” for a command’s options."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 failure, 2 usage, 3 not found, 4 unreadable data."));
}

static const CommonsCliCommand *
find_command (int    argc,
              char **argv,
              int    i,
              int   *words)
{
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    for (const CommonsCliCommand *c = families[f]; c->family != NULL; c++)
      {
        if (!g_str_equal (argv[i], c->family))
          continue;
        if (c->name == NULL)
          {
            *words = 1;
            return c;
          }
        if (i + 1 < argc && g_str_equal (argv[i + 1], c->name))
          {
            *words = 2;
            return c;
          }
      }
  return NULL;
}

static gboolean
is_family (const char *word)
{
  for (guint f = 0; f < G_N_ELEMENTS (families); f++)
    if (g_str_equal (families[f][0].family, word))
      return TRUE;
  return FALSE;
}

static char *
default_data_dir (void)
{
  const char *env = g_getenv ("COMMONS_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "commons", NULL);
}

int
main (int   argc,
      char *argv[])
{
  CommonsCli cli = { 0 };
  const CommonsCliCommand *command;
  int words = 0;
  int i;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options before the command; the runner takes those after it. */
  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        cli.json = TRUE;
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        {
          g_free (cli.data_dir);
          cli.data_dir = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        {
          g_free (cli.data_dir);
          cli.data_dir = g_strdup (argv[i] + strlen ("--data-dir="));
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout, NULL);
          g_free (cli.data_dir);
          return COMMONS_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("commons-cli %s\n", PACKAGE_VERSION);
          g_free (cli.data_dir);
          return COMMONS_CLI_EXIT_OK;
        }
      else
        break;
    }

  if (i >= argc)
    {
      g_autoptr(GError) error = NULL;

      g_set_error_literal (&error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_USAGE, _("No command given"));
      status = commons_cli_report (&cli, error);
      print_usage (stderr, NULL);
      g_free (cli.data_dir);
      return status;
    }
  if (cli.data_dir == NULL)
    cli.data_dir = default_data_dir ();

  command = find_command (argc, argv, i, &words);
  if (command == NULL && is_family (argv[i]) && i + 1 < argc &&
      (g_str_equal (argv[i + 1], "--help") || g_str_equal (argv[i + 1], "-h")))
    {
      print_usage (stdout, argv[i]);
      status = COMMONS_CLI_EXIT_OK;
    }
  else if (command != NULL)
    status = commons_cli_run (&cli, command, argc - i - words + 1, argv + i + words - 1);
  else
    {
      g_autoptr(GError) error = NULL;

      if (g_str_has_prefix (argv[i], "-"))
        g_set_error (&error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_USAGE,
                     _("Unknown option %s"), argv[i]);
      else
        g_set_error (&error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_USAGE,
                     _("Unknown command “%s”"), argv[i]);
      status = commons_cli_report (&cli, error);
      print_usage (stderr, is_family (argv[i]) ? argv[i] : NULL);
    }

  g_clear_object (&cli.store);
  g_free (cli.data_dir);
  return status;
}
