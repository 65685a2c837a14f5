/* commons-cli-notes.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-cli-private.h"
#include "commons-record-list.h"

/* Private notes, and search over notes and plans. A command that runs
 * once per process keeps its options in file-level variables, which is
 * what GOptionEntry points at. */

static char *opt_title;
static char *opt_body;
static char *opt_body_file;
static char *opt_revision;
static char *opt_kind;
static gboolean opt_history;

static const GOptionEntry add_options[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("The note’s title"), N_("TITLE") },
  { "body", 0, 0, G_OPTION_ARG_STRING, &opt_body, N_("The note’s text"), N_("TEXT") },
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
  { NULL }
};

static const GOptionEntry show_options[] = {
  { "history", 0, 0, G_OPTION_ARG_NONE, &opt_history, N_("List every version, newest first"), NULL },
  { NULL }
};

static const GOptionEntry restore_options[] = {
  { "revision", 0, 0, G_OPTION_ARG_STRING, &opt_revision, N_("Bring back this earlier version instead of undoing a delete"), N_("REV") },
  { NULL }
};

static const GOptionEntry search_options[] = {
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_kind, N_("Only records of KIND (note, plan, review)"), N_("KIND") },
  { NULL }
};

static void
print_revision (CommonsCli      *cli,
                CommonsRevision *revision)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) node = commons_cli_revision_to_json (revision);

      commons_cli_print_json (node);
    }
  else
    g_print ("%s\n", commons_revision_get_record (revision));
}

static gboolean
print_current (CommonsCli  *cli,
               const char  *id,
               GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_store_get_current (cli->store, id, error);

  if (current == NULL)
    return FALSE;
  print_revision (cli, current);
  return TRUE;
}

static gboolean
note_add (CommonsCli  *cli,
          char       **args,
          GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  if (opt_title == NULL)
    return commons_cli_usage_error (error, _("note add needs --title"));
  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  id = commons_store_create_note (cli->store, opt_title, body, error);
  if (id == NULL)
    return FALSE;
  return print_current (cli, id, error);
}

static gboolean
note_edit (CommonsCli  *cli,
           char       **args,
           GError     **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *body = NULL;
  const char *title;

  if (opt_title == NULL && opt_body == NULL && opt_body_file == NULL)
    return commons_cli_usage_error (error, _("note edit needs --title, --body or --body-file"));
  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  current = commons_cli_load_record (cli, args[0], "note", TRUE, error);
  if (current == NULL)
    return FALSE;

  title = opt_title != NULL ? opt_title : commons_revision_get_string_field (current, "title");
  if (body == NULL)
    body = g_strdup (commons_revision_get_string_field (current, "body"));
  if (!commons_store_update_note (cli->store, args[0], title, body, error))
    return FALSE;
  return print_current (cli, args[0], error);
}

static gboolean
note_delete (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, args[0], "note", TRUE, error);

  if (current == NULL || !commons_store_delete_record (cli->store, args[0], error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "deleted");
  return TRUE;
}

static gboolean
note_restore (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  return commons_cli_restore (cli, args[0], "note", opt_revision, error);
}

static gboolean
list_records (CommonsCli  *cli,
              const char  *kind,
              const char  *search)
{
  g_autoptr(CommonsRecordList) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  list = commons_record_list_new (cli->store, kind);
  commons_record_list_set_search (list, search);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autofree char *snippet = g_strdup (commons_record_summary_get_snippet (summary));

      /* Plain output marks matches with brackets; JSON keeps them plain. */
      for (char *p = snippet; *p != '\0'; p++)
        {
          if (*p == COMMONS_MATCH_START[0])
            *p = cli->json ? ' ' : '[';
          else if (*p == COMMONS_MATCH_END[0])
            *p = cli->json ? ' ' : ']';
        }

      if (cli->json)
        {
          json_builder_begin_object (builder);
          commons_cli_add_string (builder, "id", commons_record_summary_get_id (summary));
          commons_cli_add_string (builder, "kind", commons_record_summary_get_kind (summary));
          commons_cli_add_string (builder, "title", commons_record_summary_get_title (summary));
          commons_cli_add_string (builder, "snippet", snippet);
          commons_cli_add_string (builder, "updated", commons_record_summary_get_updated (summary));
          json_builder_set_member_name (builder, "conflict");
          json_builder_add_boolean_value (builder, commons_record_summary_get_conflict (summary));
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\t%s\n",
                 commons_record_summary_get_id (summary),
                 commons_record_summary_get_kind (summary),
                 commons_record_summary_get_title (summary),
                 snippet);
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
note_list (CommonsCli  *cli,
           char       **args,
           GError     **error)
{
  return list_records (cli, "note", NULL);
}

static gboolean
search (CommonsCli  *cli,
        char       **args,
        GError     **error)
{
  g_autofree char *query = g_strjoinv (" ", args);

  return list_records (cli, opt_kind, query);
}

static gboolean
show (CommonsCli  *cli,
      char       **args,
      GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, args[0], NULL, FALSE, error);
  const char *title, *body;

  if (current == NULL)
    return FALSE;

  if (opt_history)
    {
      g_autoptr(GPtrArray) revisions = commons_store_get_history (cli->store, args[0], error);
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (revisions == NULL)
        return FALSE;
      json_builder_begin_array (builder);
      for (guint i = 0; i < revisions->len; i++)
        {
          CommonsRevision *r = g_ptr_array_index (revisions, i);

          if (cli->json)
            json_builder_add_value (builder, commons_cli_revision_to_json (r));
          else
            g_print ("%s\t%s\t%s\n", commons_revision_get_id (r),
                     commons_revision_get_time (r),
                     commons_revision_get_deleted (r) ? _("deleted") : "");
        }
      json_builder_end_array (builder);
      if (cli->json)
        commons_cli_print_builder (builder);
      return TRUE;
    }

  if (cli->json)
    {
      print_revision (cli, current);
      return TRUE;
    }
  title = commons_revision_get_string_field (current, "title");
  body = commons_revision_get_string_field (current, "body");
  g_print ("%s\n", title != NULL ? title : "");
  if (body != NULL && *body != '\0')
    g_print ("\n%s\n", body);
  return TRUE;
}

const CommonsCliCommand commons_cli_note_commands[] = {
  { "note", "add", "", N_("Add a private note"), add_options, 0, 0, note_add },
  { "note", "list", "", N_("List private notes, newest first"), NULL, 0, 0, note_list },
  { "note", "show", N_("ID"), N_("Show a note and, with --history, its versions"), show_options, 1, 1, show },
  { "note", "edit", N_("ID"), N_("Change a note’s title or text"), add_options, 1, 1, note_edit },
  { "note", "delete", N_("ID"), N_("Delete a note; note restore undoes it"), NULL, 1, 1, note_delete },
  { "note", "restore", N_("ID"), N_("Undo a note’s delete, or bring back an earlier version"), restore_options, 1, 1, note_restore },
  { "search", NULL, N_("QUERY…"), N_("Search notes and plans by any word"), search_options, 1, COMMONS_CLI_ANY_ARGS, search },
  { NULL }
};

