/* commons-cli-runner.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "commons-badge-credential.h"
#include "commons-bundle.h"
#include "commons-cli-private.h"
#include "commons-conflict.h"
#include "commons-discussion.h"
#include "commons-json.h"
#include "commons-plan.h"
#include "commons-review.h"

/* What every command shares: its options parsed together with the global
 * ones (so --json and --data-dir work after the command too), its
 * positional arguments counted, the store opened, and its error turned
 * into a message and an exit code. A command only does its own work. */

G_DEFINE_QUARK (commons-cli-error-quark, commons_cli_error)

/* Deep enough for any record's fields, shallow enough for json-glib. */
#define MAX_JSON_DEPTH 32

static int
exit_code_for (const GError *error)
{
  if (error->domain == COMMONS_CLI_ERROR)
    {
      switch ((CommonsCliError) error->code)
        {
        case COMMONS_CLI_ERROR_USAGE:
          return COMMONS_CLI_EXIT_USAGE;
        case COMMONS_CLI_ERROR_NOT_FOUND:
          return COMMONS_CLI_EXIT_NOT_FOUND;
        case COMMONS_CLI_ERROR_DATA:
          return COMMONS_CLI_EXIT_DATA;
        case COMMONS_CLI_ERROR_FAILED:
        default:
          return COMMONS_CLI_EXIT_FAILED;
        }
    }
  if (error->domain == G_OPTION_ERROR)
    return COMMONS_CLI_EXIT_USAGE;
  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NOT_FOUND) ||
      g_error_matches (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_A_PLAN) ||
      g_error_matches (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_NOT_A_REVIEW) ||
      g_error_matches (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_NO_SUCH_HEAD) ||
      g_error_matches (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return COMMONS_CLI_EXIT_NOT_FOUND;
  if (g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_A_DATABASE) ||
      g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_CORRUPT) ||
      g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NEWER_SCHEMA) ||
      g_error_matches (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY) ||
      g_error_matches (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_INVALID) ||
      g_error_matches (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_TOO_LARGE) ||
      g_error_matches (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID) ||
      error->domain == COMMONS_JSON_ERROR)
    return COMMONS_CLI_EXIT_DATA;
  return COMMONS_CLI_EXIT_FAILED;
}

/**
 * commons_cli_report:
 *
 * Says what went wrong, on standard error and, with --json, as an object
 * on standard output, so a script reading either learns it.
 *
 * Returns: the exit code for @error
 */
int
commons_cli_report (CommonsCli   *cli,
                    const GError *error)
{
  int code = exit_code_for (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "error", error->message);
      json_builder_set_member_name (builder, "exit");
      json_builder_add_int_value (builder, code);
      json_builder_end_object (builder);
      commons_cli_print_builder (builder);
    }
  g_printerr ("commons-cli: %s\n", error->message);
  return code;
}

static gboolean
open_store (CommonsCli  *cli,
            GError     **error)
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

static char *
command_name (const CommonsCliCommand *command)
{
  if (command->name == NULL)
    return g_strdup (command->family);
  return g_strconcat (command->family, " ", command->name, NULL);
}

/**
 * commons_cli_run:
 * @argv: the command's words and what follows them; @argv[0] is the last
 *   word of the command's name
 *
 * Returns: the exit code
 */
int
commons_cli_run (CommonsCli              *cli,
                 const CommonsCliCommand *command,
                 int                      argc,
                 char                   **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = command_name (command);
  g_autofree char *prgname = g_strconcat ("commons-cli ", name, NULL);
  g_autofree char *data_dir = NULL;
  g_auto(GStrv) words = NULL;
  gboolean json = FALSE;
  const char *args = NULL;
  guint n_args;
  const GOptionEntry global_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Use the data in DIR instead of your own"), N_("DIR") },
    { NULL }
  };

  /* Never _(""): gettext answers that with the catalog's header. */
  if (command->args != NULL && *command->args != '\0')
    args = _(command->args);

  g_set_prgname (prgname);
  context = g_option_context_new (args);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_description (context,
                                    _("Exit status: 0 success, 1 failure, 2 usage, 3 not found, 4 unreadable data."));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (command->options != NULL)
    g_option_context_add_main_entries (context, command->options, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  words = g_new0 (char *, argc + 1);
  words[0] = g_strdup (prgname);
  for (int i = 1; i < argc; i++)
    words[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &words, &error))
    {
      /* Parsing stops at the bad option; a --json after it still counts. */
      for (guint i = 1; words[i] != NULL && !json; i++)
        json = g_str_equal (words[i], "--json");
      cli->json = cli->json || json;
      return commons_cli_report (cli, error);
    }
  cli->json = cli->json || json;
  if (data_dir != NULL)
    {
      g_free (cli->data_dir);
      cli->data_dir = g_steal_pointer (&data_dir);
    }

  n_args = g_strv_length (words) - 1;
  if (n_args < command->min_args || n_args > command->max_args)
    {
      /* Translators: the first %s is a command such as “note edit”, the
       * second what it takes, such as “ID”. */
      commons_cli_usage_error (&error, _("Usage: commons-cli %s [OPTION…] %s (see --help)"),
                               name, args != NULL ? args : "");
      return commons_cli_report (cli, error);
    }

  if ((!command->no_store && !open_store (cli, &error)) || !command->run (cli, words + 1, &error))
    return commons_cli_report (cli, error);
  return cli->status;
}

static gboolean
set_error_valist (GError     **error,
                  int          code,
                  const char  *format,
                  va_list      args) G_GNUC_PRINTF (3, 0);

static gboolean
set_error_valist (GError     **error,
                  int          code,
                  const char  *format,
                  va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error_literal (error, COMMONS_CLI_ERROR, code, message);
  return FALSE;
}

/* Sets a usage error (exit 2). Returns %FALSE, to be returned at once. */
gboolean
commons_cli_usage_error (GError     **error,
                         const char  *format,
                         ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (error, COMMONS_CLI_ERROR_USAGE, format, args);
  va_end (args);
  return FALSE;
}

/* Sets a not-found error (exit 3). Returns %FALSE. */
gboolean
commons_cli_not_found (GError     **error,
                       const char  *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  set_error_valist (error, COMMONS_CLI_ERROR_NOT_FOUND, format, args);
  va_end (args);
  return FALSE;
}

void
commons_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
commons_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  commons_cli_print_json (root);
}

/* A string member, or null when @value is %NULL. */
void
commons_cli_add_string (JsonBuilder *builder,
                        const char  *name,
                        const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
commons_cli_revision_to_json (CommonsRevision *revision)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *parents = commons_revision_get_parents (revision);
  JsonNode *fields = json_node_alloc ();

  json_node_init_object (fields, commons_revision_get_fields (revision));
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", commons_revision_get_record (revision));
  commons_cli_add_string (builder, "kind", commons_revision_get_kind (revision));
  commons_cli_add_string (builder, "revision", commons_revision_get_id (revision));
  commons_cli_add_string (builder, "updated", commons_revision_get_time (revision));
  commons_cli_add_string (builder, "author", commons_revision_get_author (revision));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, commons_revision_get_deleted (revision));
  json_builder_set_member_name (builder, "parents");
  json_builder_begin_array (builder);
  for (guint i = 0; parents != NULL && parents[i] != NULL; i++)
    json_builder_add_string_value (builder, parents[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, fields);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* What a command that changes a record without new content prints: the
 * record's id, and with --json what happened to it. */
void
commons_cli_print_done (CommonsCli *cli,
                        const char *id,
                        const char *what)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "id", id);
      commons_cli_add_string (builder, "done", what);
      json_builder_end_object (builder);
      commons_cli_print_builder (builder);
    }
  else
    g_print ("%s\n", id);
}

/**
 * commons_cli_read_text:
 * @file: a file name, or - for standard input
 *
 * Returns: (transfer full): the file's text, checked to be UTF-8
 */
char *
commons_cli_read_text (const char  *file,
                       GError     **error)
{
  g_autofree char *text = NULL;

  if (g_str_equal (file, "-"))
    {
      g_autoptr(GString) in = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (in, buffer, n);
      text = g_string_free (g_steal_pointer (&in), FALSE);
    }
  else if (!g_file_get_contents (file, &text, NULL, error))
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      commons_cli_usage_error (error, _("The text is not valid UTF-8"));
      return NULL;
    }
  return g_steal_pointer (&text);
}

/**
 * commons_cli_read_body:
 * @body: (nullable): the text given with --body
 * @body_file: (nullable): the file given with --body-file
 * @out: (out): the text, or %NULL when neither was given
 *
 * Returns: %FALSE with @error set when both were given or the file
 *   cannot be read
 */
gboolean
commons_cli_read_body (const char  *body,
                       const char  *body_file,
                       char       **out,
                       GError     **error)
{
  if (body != NULL && body_file != NULL)
    return commons_cli_usage_error (error, _("Give --body or --body-file, not both"));
  if (body_file != NULL)
    {
      *out = commons_cli_read_text (body_file, error);
      return *out != NULL;
    }
  *out = g_strdup (body);
  return TRUE;
}

/**
 * commons_cli_read_json_object:
 * @file: a file name, or - for standard input
 *
 * Reads fields as a person or a script wrote them: a JSON object, or the
 * output of `show --json` whose "fields" member is taken.
 *
 * Returns: (transfer full): the object
 */
JsonObject *
commons_cli_read_json_object (const char  *file,
                              GError     **error)
{
  g_autofree char *text = commons_cli_read_text (file, error);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (text == NULL)
    return NULL;
  if (!commons_json_check (text, strlen (text), MAX_JSON_DEPTH, error))
    return NULL;
  node = commons_json_parse (text, -1, error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_DATA,
                   _("“%s” does not hold a JSON object"), file);
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_has_member (object, "fields") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "fields")))
    object = json_object_get_object_member (object, "fields");
  return json_object_ref (object);
}

/**
 * commons_cli_load_record:
 * @kind: (nullable): the kind the record must be
 * @live: %TRUE to refuse a deleted record
 *
 * Returns: (transfer full): the record's displayed version, or %NULL with
 *   a not-found error
 */
CommonsRevision *
commons_cli_load_record (CommonsCli  *cli,
                         const char  *id,
                         const char  *kind,
                         gboolean     live,
                         GError     **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(GError) local_error = NULL;

  current = commons_store_get_current (cli->store, id, &local_error);
  if (current == NULL || (kind != NULL && g_strcmp0 (commons_revision_get_kind (current), kind) != 0))
    {
      if (local_error != NULL &&
          !g_error_matches (local_error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_strcmp0 (kind, "note") == 0)
        commons_cli_not_found (error, _("There is no note “%s”"), id);
      else if (g_strcmp0 (kind, COMMONS_PLAN_KIND) == 0)
        commons_cli_not_found (error, _("There is no lesson plan “%s”"), id);
      else if (g_strcmp0 (kind, COMMONS_REVIEW_KIND) == 0)
        commons_cli_not_found (error, _("There is no review “%s”"), id);
      else
        commons_cli_not_found (error, _("There is no record “%s”"), id);
      return NULL;
    }
  if (live && commons_revision_get_deleted (current))
    {
      commons_cli_not_found (error, _("“%s” is deleted; the restore command brings it back"), id);
      return NULL;
    }
  return g_steal_pointer (&current);
}

/**
 * commons_cli_find_revision:
 * @revisions: (nullable) (element-type CommonsRevision): where to look;
 *   %NULL for every version of @record
 * @prefix: a revision id or its start, as `plan history` prints it
 *
 * Returns: (transfer full): the whole revision id
 */
char *
commons_cli_find_revision (CommonsCli  *cli,
                           const char  *record,
                           GPtrArray   *revisions,
                           const char  *prefix,
                           GError     **error)
{
  g_autoptr(GPtrArray) history = NULL;
  const char *found = NULL;

  if (revisions == NULL)
    {
      history = commons_store_get_history (cli->store, record, error);
      if (history == NULL)
        return NULL;
      revisions = history;
    }
  if (strlen (prefix) < 4)
    {
      commons_cli_usage_error (error, _("Give at least four characters of a version’s id, not “%s”"), prefix);
      return NULL;
    }
  for (guint i = 0; i < revisions->len; i++)
    {
      const char *id = commons_revision_get_id (g_ptr_array_index (revisions, i));

      if (!g_str_has_prefix (id, prefix))
        continue;
      if (found != NULL && !g_str_equal (found, id))
        {
          commons_cli_usage_error (error, _("“%s” is the start of more than one version’s id"), prefix);
          return NULL;
        }
      found = id;
    }
  if (found == NULL)
    {
      commons_cli_not_found (error, _("“%s” is not a version of “%s” here"), prefix, record);
      return NULL;
    }
  return g_strdup (found);
}

/**
 * commons_cli_find_group:
 * @group: a group's id or name
 *
 * Returns: (transfer full): the group, when this device is a member
 */
CommonsGroup *
commons_cli_find_group (CommonsCli  *cli,
                        const char  *group,
                        GError     **error)
{
  g_autoptr(GPtrArray) groups = commons_store_list_groups (cli->store, error);

  if (groups == NULL)
    return NULL;
  for (guint i = 0; i < groups->len; i++)
    {
      CommonsGroup *candidate = g_ptr_array_index (groups, i);

      if (g_str_equal (candidate->id, group))
        return commons_group_copy (candidate);
    }
  for (guint i = 0; i < groups->len; i++)
    {
      CommonsGroup *candidate = g_ptr_array_index (groups, i);

      if (g_strcmp0 (candidate->name, group) == 0)
        return commons_group_copy (candidate);
    }
  commons_cli_not_found (error, _("This device belongs to no group “%s”"), group);
  return NULL;
}

CommonsSyncClient *
commons_cli_sync_client (CommonsCli *cli)
{
  return commons_sync_client_new (cli->store, cli->data_dir);
}

/**
 * commons_cli_restore:
 * @kind: the kind the record must be
 * @revision: (nullable): an earlier version to bring back; %NULL to undo
 *   a delete
 *
 * What `note restore` and `plan restore` do; prints the record as it is
 * now.
 */
gboolean
commons_cli_restore (CommonsCli  *cli,
                     const char  *id,
                     const char  *kind,
                     const char  *revision,
                     GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, id, kind, FALSE, error);

  if (current == NULL)
    return FALSE;
  if (revision != NULL)
    {
      g_autofree char *full = commons_cli_find_revision (cli, id, NULL, revision, error);

      /* Restoring a plan is an edit of it: the license rules hold. */
      if (full == NULL)
        return FALSE;
      if (g_str_equal (kind, COMMONS_PLAN_KIND) ? !commons_plan_restore_revision (cli->store, id, full, error)
                                                : !commons_store_restore_revision (cli->store, id, full, error))
        return FALSE;
    }
  else if (!commons_store_undelete_record (cli->store, id, error))
    return FALSE;

  g_clear_pointer (&current, commons_revision_unref);
  current = commons_store_get_current (cli->store, id, error);
  if (current == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonNode) node = commons_cli_revision_to_json (current);

      commons_cli_print_json (node);
    }
  else
    g_print ("%s\n", id);
  return TRUE;
}
