/* commons-cli.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "commons-bundle.h"
#include "commons-plan-export.h"
#include "commons-plan-query.h"
#include "commons-plan.h"
#include "commons-record-list.h"
#include "commons-store.h"
#include "commons-sync.h"

/* Exit codes a script can rely on. */
enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_NOT_FOUND = 3,
  EXIT_DATA = 4,
};

typedef struct
{
  char         *data_dir;
  gboolean      json;
  CommonsStore *store;
} Cli;

typedef int (*CommandFunc) (Cli   *cli,
                            int    argc,
                            char **argv);

typedef struct
{
  const char  *name;
  const char  *sub;
  CommandFunc  func;
  const char  *summary;
} Command;

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
report_error (Cli    *cli,
              GError *error)
{
  int code = EXIT_FAILED;

  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND))
    code = EXIT_NOT_FOUND;
  else if (error->domain == COMMONS_STORE_ERROR &&
           (error->code == COMMONS_STORE_ERROR_NOT_A_DATABASE ||
            error->code == COMMONS_STORE_ERROR_CORRUPT ||
            error->code == COMMONS_STORE_ERROR_NEWER_SCHEMA ||
            error->code == COMMONS_STORE_ERROR_READ_ONLY))
    code = EXIT_DATA;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_set_member_name (builder, "exit");
      json_builder_add_int_value (builder, code);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  g_printerr ("commons-cli: %s\n", error->message);
  return code;
}

static gboolean
open_store (Cli     *cli,
            GError **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return TRUE;

  if (g_mkdir_with_parents (cli->data_dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY,
                   _("Cannot create the data folder “%s”: %s"),
                   cli->data_dir, g_strerror (saved));
      return FALSE;
    }
  path = g_build_filename (cli->data_dir, "commons.db", NULL);
  cli->store = commons_store_open (path, error);
  return cli->store != NULL;
}

static gboolean
parse_options (const char    *usage,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv,
               GError       **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (usage);

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

static JsonNode *
revision_to_json (CommonsRevision *revision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *fields = json_node_alloc ();

  json_node_init_object (fields, commons_revision_get_fields (revision));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, commons_revision_get_record (revision));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, commons_revision_get_kind (revision));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_string_value (builder, commons_revision_get_id (revision));
  json_builder_set_member_name (builder, "updated");
  json_builder_add_string_value (builder, commons_revision_get_time (revision));
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, fields);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* note add --title TITLE [--body BODY | --body-file FILE] */
static int
cmd_note_add (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The note’s title"), N_("TITLE") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("The note’s text"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
    { NULL }
  };

  if (!parse_options ("", _("Add a private note."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }

  if (body_file != NULL)
    {
      g_free (body);
      body = NULL;
      if (g_str_equal (body_file, "-"))
        {
          g_autoptr(GString) in = g_string_new (NULL);
          char buffer[4096];
          size_t n;

          while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
            g_string_append_len (in, buffer, n);
          body = g_string_free (g_steal_pointer (&in), FALSE);
        }
      else if (!g_file_get_contents (body_file, &body, NULL, &error))
        return report_error (cli, error);
      if (!g_utf8_validate (body, -1, NULL))
        {
          g_printerr ("commons-cli: %s\n", _("The text is not valid UTF-8"));
          return EXIT_USAGE;
        }
    }

  if (!open_store (cli, &error))
    return report_error (cli, error);
  id = commons_store_create_note (cli->store, title, body, &error);
  if (id == NULL)
    return report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(CommonsRevision) current = commons_store_get_current (cli->store, id, NULL);
      g_autoptr(JsonNode) node = revision_to_json (current);

      print_json (node);
    }
  else
    g_print ("%s\n", id);
  return EXIT_OK;
}

static int
list_records (Cli        *cli,
              const char *kind,
              const char *search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRecordList) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  if (!open_store (cli, &error))
    return report_error (cli, error);

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
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, commons_record_summary_get_id (summary));
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, commons_record_summary_get_kind (summary));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, commons_record_summary_get_title (summary));
          json_builder_set_member_name (builder, "snippet");
          json_builder_add_string_value (builder, snippet);
          json_builder_set_member_name (builder, "updated");
          json_builder_add_string_value (builder, commons_record_summary_get_updated (summary));
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
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_OK;
}

static int
cmd_note_list (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("", _("List private notes, newest first."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  return list_records (cli, "note", NULL);
}

static int
cmd_search (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *kind = NULL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only records of KIND (note, plan, review)"), N_("KIND") },
    { NULL }
  };

  if (!parse_options (_("QUERY"), _("Search notes and lesson plans by any word."),
                      entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (argc < 2)
    {
      g_printerr ("commons-cli: %s\n", _("search needs a QUERY"));
      return EXIT_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);
  return list_records (cli, kind, query);
}

static int
cmd_show (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  gboolean history = FALSE;
  GOptionEntry entries[] = {
    { "history", 0, 0, G_OPTION_ARG_NONE, &history, N_("List every version, newest first"), NULL },
    { NULL }
  };

  if (!parse_options (_("ID"), _("Show a note or plan."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr ("commons-cli: %s\n", _("show needs exactly one ID"));
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);

  current = commons_store_get_current (cli->store, argv[1], &error);
  if (current == NULL)
    return report_error (cli, error);

  if (history)
    {
      g_autoptr(GPtrArray) revisions = commons_store_get_history (cli->store, argv[1], &error);
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (revisions == NULL)
        return report_error (cli, error);
      json_builder_begin_array (builder);
      for (guint i = 0; i < revisions->len; i++)
        {
          CommonsRevision *r = g_ptr_array_index (revisions, i);

          if (cli->json)
            json_builder_add_value (builder, revision_to_json (r));
          else
            g_print ("%s\t%s\t%s\n", commons_revision_get_id (r),
                     commons_revision_get_time (r),
                     commons_revision_get_deleted (r) ? _("deleted") : "");
        }
      json_builder_end_array (builder);
      if (cli->json)
        {
          g_autoptr(JsonNode) root = json_builder_get_root (builder);
          print_json (root);
        }
      return EXIT_OK;
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = revision_to_json (current);
      print_json (node);
    }
  else
    {
      const char *title = commons_revision_get_string_field (current, "title");
      const char *body = commons_revision_get_string_field (current, "body");

      g_print ("%s\n", title != NULL ? title : "");
      if (body != NULL && *body != '\0')
        g_print ("\n%s\n", body);
    }
  return EXIT_OK;
}

/* export --output FILE ID... */
static int
cmd_export (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the .commons file to FILE"), N_("FILE") },
    { NULL }
  };

  if (!parse_options (_("ID…"), _("Export lesson plans, with their reviews, to a .commons file."),
                      entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (output == NULL || argc < 2)
    {
      g_printerr ("commons-cli: %s\n", _("export needs --output FILE and at least one ID"));
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);

  bytes = commons_bundle_export (cli->store, (const char * const *) argv + 1, &error);
  if (bytes == NULL)
    return report_error (cli, error);
  if (!g_file_set_contents (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    return report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "output");
      json_builder_add_string_value (builder, output);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, g_bytes_get_size (bytes));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_OK;
}

/* import FILE */
static int
cmd_import (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options (_("FILE"), _("Import a .commons file; importing it again changes nothing."),
                      entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr ("commons-cli: %s\n", _("import needs exactly one FILE"));
      return EXIT_USAGE;
    }
  mapped = g_mapped_file_new (argv[1], FALSE, &error);
  if (mapped == NULL)
    return report_error (cli, error);
  bytes = g_mapped_file_get_bytes (mapped);
  if (!open_store (cli, &error))
    return report_error (cli, error);

  report = commons_bundle_import (cli->store, bytes, COMMONS_SCOPE_LOCAL, &error);
  if (report == NULL)
    {
      report_error (cli, error);
      return EXIT_DATA;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < report->len; i++)
    {
      CommonsImportItem *item = g_ptr_array_index (report, i);
      const char *status = commons_import_status_to_string (item->status);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, item->record);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, item->kind);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, item->title);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, status);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\t%s\n", item->record, item->kind, status, item->title);
    }
  json_builder_end_array (builder);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_OK;
}

static JsonNode *
group_to_json (CommonsGroup *group)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, group->id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, group->name);
  json_builder_set_member_name (builder, "server");
  json_builder_add_string_value (builder, group->server);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "member");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, group->member);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, group->role);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, group->display_name);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, group->cursor);
  json_builder_set_member_name (builder, "last_sync");
  if (group->last_sync != NULL)
    json_builder_add_string_value (builder, group->last_sync);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last_error");
  if (group->last_error != NULL)
    json_builder_add_string_value (builder, group->last_error);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static CommonsSyncClient *
make_client (Cli     *cli,
             GError **error)
{
  if (!open_store (cli, error))
    return NULL;
  return commons_sync_client_new (cli->store, cli->data_dir);
}

static int
print_group (Cli          *cli,
             CommonsGroup *group)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) node = group_to_json (group);
      print_json (node);
    }
  else
    g_print ("%s\t%s\t%s\n", group->id, group->name, group->role);
  return EXIT_OK;
}

/* group create --server URL --name NAME --display-name NAME */
static int
cmd_group_create (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *name = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server’s address, such as https://commons.example.org"), N_("URL") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The group’s name"), N_("NAME") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, N_("Your name as the group sees it"), N_("NAME") },
    { NULL }
  };

  if (!parse_options ("", _("Create a group on a server; you become its organizer."),
                      entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (server == NULL || name == NULL || display_name == NULL)
    {
      g_printerr ("commons-cli: %s\n", _("group create needs --server, --name and --display-name"));
      return EXIT_USAGE;
    }
  client = make_client (cli, &error);
  if (client == NULL)
    return report_error (cli, error);
  group = commons_sync_client_create_group (client, server, name, display_name, NULL, &error);
  if (group == NULL)
    return report_error (cli, error);
  return print_group (cli, group);
}

/* group join --server URL --code CODE --display-name NAME */
static int
cmd_group_join (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *code = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &server, N_("The server’s address"), N_("URL") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The invite code an organizer gave you"), N_("CODE") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, N_("Your name as the group sees it"), N_("NAME") },
    { NULL }
  };

  if (!parse_options ("", _("Join a group with an invite code."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (server == NULL || code == NULL || display_name == NULL)
    {
      g_printerr ("commons-cli: %s\n", _("group join needs --server, --code and --display-name"));
      return EXIT_USAGE;
    }
  client = make_client (cli, &error);
  if (client == NULL)
    return report_error (cli, error);
  group = commons_sync_client_join_group (client, server, code, display_name, NULL, &error);
  if (group == NULL)
    return report_error (cli, error);
  return print_group (cli, group);
}

/* group invite GROUP [--uses N] [--hours H] */
static int
cmd_group_invite (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(JsonObject) invite = NULL;
  int uses = 30;
  int hours = 72;
  GOptionEntry entries[] = {
    { "uses", 0, 0, G_OPTION_ARG_INT, &uses, N_("How many people may join with the code (default 30)"), N_("N") },
    { "hours", 0, 0, G_OPTION_ARG_INT, &hours, N_("How long the code stays valid (default 72)"), N_("H") },
    { NULL }
  };

  if (!parse_options (_("GROUP"), _("Make an invite code for a group you organize."),
                      entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (argc != 2 || uses < 1 || hours < 1)
    {
      g_printerr ("commons-cli: %s\n", _("group invite needs one GROUP, and positive --uses and --hours"));
      return EXIT_USAGE;
    }
  client = make_client (cli, &error);
  if (client == NULL)
    return report_error (cli, error);
  invite = commons_sync_client_create_invite (client, argv[1], uses, hours, NULL, &error);
  if (invite == NULL)
    return report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_alloc ();

      json_node_init_object (node, invite);
      print_json (node);
    }
  else
    g_print ("%s\n", json_object_get_string_member (invite, "code"));
  return EXIT_OK;
}

static int
cmd_group_list (Cli   *cli,
                int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options ("", _("List the groups this device belongs to."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);
  groups = commons_store_list_groups (cli->store, &error);
  if (groups == NULL)
    return report_error (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);

      if (cli->json)
        json_builder_add_value (builder, group_to_json (group));
      else
        g_print ("%s\t%s\t%s\t%s\n", group->id, group->name, group->server,
                 group->last_error != NULL ? group->last_error :
                 group->last_sync != NULL ? group->last_sync : _("never synced"));
    }
  json_builder_end_array (builder);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_OK;
}

static int
sync_one (Cli               *cli,
          CommonsSyncClient *client,
          CommonsGroup      *group,
          JsonBuilder       *builder)
{
  g_autoptr(GError) error = NULL;
  CommonsSyncStats stats = { 0 };
  gboolean ok = commons_sync_client_sync (client, group->id, NULL, NULL, &stats, NULL, &error);

  if (cli->json)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, group->id);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, stats.pushed);
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, stats.pulled);
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, stats.rejected);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_int_value (builder, stats.conflicts);
      if (!ok)
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, error->message);
        }
      json_builder_end_object (builder);
    }
  else if (ok)
    g_print (_("%s: pushed %u, pulled %u, %u in conflict\n"), group->name,
             stats.pushed, stats.pulled, stats.conflicts);
  if (!ok)
    {
      g_printerr ("commons-cli: %s: %s\n", group->name, error->message);
      return EXIT_FAILED;
    }
  return EXIT_OK;
}

/* sync [GROUP] */
static int
cmd_sync (Cli   *cli,
          int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int status = EXIT_OK;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options (_("[GROUP]"), _("Sync one group, or every group."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  client = make_client (cli, &error);
  if (client == NULL)
    return report_error (cli, error);

  groups = commons_store_list_groups (cli->store, &error);
  if (groups == NULL)
    return report_error (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);

      if (argc >= 2 && !g_str_equal (argv[1], group->id) && !g_str_equal (argv[1], group->name))
        continue;
      if (sync_one (cli, client, group, builder) != EXIT_OK)
        status = EXIT_FAILED;
    }
  json_builder_end_array (builder);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return status;
}

/* Options shared by plan add and plan edit: only those given change. */
typedef struct
{
  char  *group;
  char  *title;
  char  *summary;
  char  *subject;
  char  *level;
  char  *language;
  char  *license;
  char  *assessment;
  char  *accessibility;
  char **objectives;
  char **materials;
  char **activities;
} PlanOptions;

static void
plan_options_clear (PlanOptions *o)
{
  g_free (o->group);
  g_free (o->title);
  g_free (o->summary);
  g_free (o->subject);
  g_free (o->level);
  g_free (o->language);
  g_free (o->license);
  g_free (o->assessment);
  g_free (o->accessibility);
  g_strfreev (o->objectives);
  g_strfreev (o->materials);
  g_strfreev (o->activities);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanOptions, plan_options_clear)

static gboolean
parse_plan_options (PlanOptions   *o,
                    const char    *usage,
                    const char    *summary,
                    gboolean       with_group,
                    int           *argc,
                    char        ***argv,
                    GError       **error)
{
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &o->title, N_("Title"), N_("TEXT") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &o->summary, N_("Summary"), N_("TEXT") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &o->subject, N_("Subject, such as Mathematics"), N_("TEXT") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &o->level, N_("Level, such as Grade 5"), N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &o->language, N_("Language of the plan, as a BCP 47 tag such as sw or pt-BR"), N_("TAG") },
    { "license", 0, 0, G_OPTION_ARG_STRING, &o->license, N_("cc-by, cc-by-sa, cc-by-nc, cc-by-nd, cc0 or all-rights-reserved"), N_("ID") },
    { "assessment", 0, 0, G_OPTION_ARG_STRING, &o->assessment, N_("How learning is assessed"), N_("TEXT") },
    { "accessibility", 0, 0, G_OPTION_ARG_STRING, &o->accessibility, N_("Accessibility notes"), N_("TEXT") },
    { "objective", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->objectives, N_("An objective (repeat for more; replaces the list)"), N_("TEXT") },
    { "material", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->materials, N_("A material (repeat for more; replaces the list)"), N_("TEXT") },
    { "activity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->activities, N_("An activity as MINUTES:TITLE[:INSTRUCTIONS] (repeat, in order; replaces the list)"), N_("SPEC") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &o->group, N_("The group to share the plan in (default: your own library)"), N_("GROUP") },
    { NULL }
  };

  if (!with_group)
    entries[G_N_ELEMENTS (entries) - 2] = entries[G_N_ELEMENTS (entries) - 1];
  return parse_options (usage, summary, entries, argc, argv, error);
}

static gboolean
apply_plan_options (CommonsPlan  *plan,
                    PlanOptions  *o,
                    GError      **error)
{
  if (o->title != NULL)
    commons_plan_set_title (plan, o->title);
  if (o->summary != NULL)
    commons_plan_set_summary (plan, o->summary);
  if (o->subject != NULL)
    commons_plan_set_subject (plan, o->subject);
  if (o->level != NULL)
    commons_plan_set_level (plan, o->level);
  if (o->language != NULL)
    commons_plan_set_language (plan, o->language);
  if (o->license != NULL)
    commons_plan_set_license (plan, o->license);
  if (o->assessment != NULL)
    commons_plan_set_assessment (plan, o->assessment);
  if (o->accessibility != NULL)
    commons_plan_set_accessibility (plan, o->accessibility);
  if (o->objectives != NULL)
    commons_plan_set_objectives (plan, (const char * const *) o->objectives);
  if (o->materials != NULL)
    commons_plan_set_materials (plan, (const char * const *) o->materials);
  if (o->activities != NULL)
    {
      while (commons_plan_get_n_activities (plan) > 0)
        commons_plan_remove_activity (plan, 0);
      for (guint i = 0; o->activities[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (o->activities[i], ":", 3);
          g_autoptr(CommonsActivity) activity = NULL;
          guint64 minutes = 0;

          if (g_strv_length (parts) < 2 ||
              !g_ascii_string_to_unsigned (parts[0], 10, 0, COMMONS_PLAN_MAX_MINUTES, &minutes, NULL))
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("“%s” is not an activity: write MINUTES:TITLE[:INSTRUCTIONS]"),
                           o->activities[i]);
              return FALSE;
            }
          activity = commons_activity_new (parts[1], parts[2] != NULL ? parts[2] : "", minutes);
          commons_plan_insert_activity (plan, -1, activity);
        }
    }
  return TRUE;
}

static JsonNode *
plan_to_json (CommonsPlan *plan)
{
  g_autoptr(JsonObject) fields = commons_plan_to_fields (plan);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *node = json_node_alloc ();

  json_node_init_object (node, fields);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, commons_plan_get_record (plan));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_string_value (builder, commons_plan_get_revision (plan));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, commons_plan_get_scope (plan));
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, commons_plan_get_duration (plan));
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, node);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
print_plan_result (Cli         *cli,
                   CommonsPlan *plan)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) node = plan_to_json (plan);
      print_json (node);
    }
  else
    g_print ("%s\n", commons_plan_get_record (plan));
  return EXIT_OK;
}

static int
cmd_plan_add (Cli   *cli,
              int    argc,
              char **argv)
{
  g_auto(PlanOptions) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = commons_plan_new ();

  if (!parse_plan_options (&o, "", _("Add a lesson plan."), TRUE, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (o.title == NULL)
    {
      g_printerr ("commons-cli: %s\n", _("plan add needs --title"));
      return EXIT_USAGE;
    }
  if (!apply_plan_options (plan, &o, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);
  if (o.group != NULL)
    {
      g_autoptr(CommonsGroup) group = commons_store_get_group (cli->store, o.group, &error);

      if (group == NULL)
        return report_error (cli, error);
    }
  commons_plan_set_scope (plan, o.group != NULL ? o.group : COMMONS_SCOPE_LOCAL);
  if (!commons_plan_save (plan, cli->store, &error))
    return report_error (cli, error);
  return print_plan_result (cli, plan);
}

static int
cmd_plan_edit (Cli   *cli,
               int    argc,
               char **argv)
{
  g_auto(PlanOptions) o = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = NULL;

  if (!parse_plan_options (&o, _("ID"), _("Change a lesson plan; fields not given stay as they are."),
                           FALSE, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr ("commons-cli: %s\n", _("plan edit needs exactly one ID"));
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);
  plan = commons_plan_load (cli->store, argv[1], &error);
  if (plan == NULL)
    return report_error (cli, error);
  if (!apply_plan_options (plan, &o, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (!commons_plan_save (plan, cli->store, &error))
    return report_error (cli, error);
  return print_plan_result (cli, plan);
}

static int
cmd_plan_show (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = NULL;
  g_autofree char *markdown = NULL;
  GOptionEntry entries[] = { { NULL } };

  if (!parse_options (_("ID"), _("Show a lesson plan (as Markdown, or JSON with --json)."),
                      entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (argc != 2)
    {
      g_printerr ("commons-cli: %s\n", _("plan show needs exactly one ID"));
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);
  plan = commons_plan_load (cli->store, argv[1], &error);
  if (plan == NULL)
    return report_error (cli, error);
  if (cli->json)
    return print_plan_result (cli, plan);
  markdown = commons_plan_to_markdown (plan);
  g_print ("%s", markdown);
  return EXIT_OK;
}

static int
cmd_plan_list (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *level = NULL;
  g_autofree char *language = NULL;
  g_autofree char *group = NULL;
  g_autofree char *search = NULL;
  g_autofree char *sort = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *match = NULL;
  CommonsPlanFilter filter = { 0 };
  GOptionEntry entries[] = {
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Only this subject"), N_("TEXT") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Only this level"), N_("TEXT") },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language, N_("Only this language tag"), N_("TAG") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only plans shared in GROUP (local: your library)"), N_("GROUP") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Only plans with these words"), N_("WORDS") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("updated (default) or title"), N_("ORDER") },
    { NULL }
  };

  if (!parse_options ("", _("List lesson plans."), entries, &argc, &argv, &error))
    {
      report_error (cli, error);
      return EXIT_USAGE;
    }
  if (!open_store (cli, &error))
    return report_error (cli, error);

  filter.subject = subject;
  filter.level = level;
  filter.language = language;
  filter.scope = group;
  filter.search = search;
  filter.status = -1;
  filter.sort = g_strcmp0 (sort, "title") == 0 ? COMMONS_PLAN_SORT_TITLE : COMMONS_PLAN_SORT_UPDATED;
  rows = commons_plan_query (cli->store, &filter, &error);
  if (rows == NULL)
    return report_error (cli, error);
  match = commons_store_build_match (search);

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CommonsRecordSummary) summary =
        commons_record_summary_load (cli->store, g_array_index (rows, gint64, i), match);

      if (summary == NULL)
        continue;
      if (cli->json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_string_value (builder, commons_record_summary_get_id (summary));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, commons_record_summary_get_title (summary));
          json_builder_set_member_name (builder, "updated");
          json_builder_add_string_value (builder, commons_record_summary_get_updated (summary));
          json_builder_set_member_name (builder, "conflict");
          json_builder_add_boolean_value (builder, commons_record_summary_get_conflict (summary));
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\n", commons_record_summary_get_id (summary),
                 commons_record_summary_get_updated (summary),
                 commons_record_summary_get_title (summary));
    }
  json_builder_end_array (builder);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);
      print_json (root);
    }
  return EXIT_OK;
}

static const Command commands[] = {
  { "note", "add", cmd_note_add, N_("Add a private note") },
  { "note", "list", cmd_note_list, N_("List private notes") },
  { "note", "show", cmd_show, N_("Show a note and, with --history, its versions") },
  { "plan", "add", cmd_plan_add, N_("Add a lesson plan") },
  { "plan", "list", cmd_plan_list, N_("List lesson plans, filtered and sorted") },
  { "plan", "show", cmd_plan_show, N_("Show a lesson plan") },
  { "plan", "edit", cmd_plan_edit, N_("Change a lesson plan") },
  { "search", NULL, cmd_search, N_("Search notes and plans") },
  { "group", "create", cmd_group_create, N_("Create a group on a server") },
  { "group", "join", cmd_group_join, N_("Join a group with an invite code") },
  { "group", "invite", cmd_group_invite, N_("Make an invite code") },
  { "group", "list", cmd_group_list, N_("List your groups and their sync state") },
  { "sync", NULL, cmd_sync, N_("Sync one group or all") },
  { "export", NULL, cmd_export, N_("Export plans to a .commons file") },
  { "import", NULL, cmd_import, N_("Import a .commons file") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: commons-cli [--data-dir DIR] [--json] COMMAND [OPTIONS]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s%s", commands[i].name,
                                               commands[i].sub ? " " : "",
                                               commands[i].sub ? commands[i].sub : "");
      fprintf (out, "  %-22s %s\n", name, _(commands[i].summary));
    }
  fprintf (out, "\n%s\n", _("Run “commons-cli COMMAND --help” for a command’s options."));
  fprintf (out, "%s\n", _("Exit status: 0 success, 1 failure, 2 usage, 3 not found, 4 unreadable data."));
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
  Cli cli = { 0 };
  int i;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options come before the command. */
  for (i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--json"))
        cli.json = TRUE;
      else if (g_str_equal (argv[i], "--data-dir") && i + 1 < argc)
        cli.data_dir = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--data-dir="))
        cli.data_dir = g_strdup (argv[i] + strlen ("--data-dir="));
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("commons-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (cli.data_dir == NULL)
    cli.data_dir = default_data_dir ();

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      const Command *command = &commands[c];

      if (!g_str_equal (argv[i], command->name))
        continue;
      if (command->sub == NULL)
        {
          status = command->func (&cli, argc - i, argv + i);
          break;
        }
      if (i + 1 < argc && g_str_equal (argv[i + 1], command->sub))
        {
          status = command->func (&cli, argc - i - 1, argv + i + 1);
          break;
        }
    }

  if (status < 0)
    {
      g_printerr ("commons-cli: %s\n\n", _("unknown command"));
      print_usage (stderr);
      status = EXIT_USAGE;
    }

  g_clear_object (&cli.store);
  g_free (cli.data_dir);
  return status;
}
