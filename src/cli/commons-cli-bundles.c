/* commons-cli-bundles.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-bundle.h"
#include "commons-cli-private.h"
#include "commons-discussion.h"
#include "commons-plan-query.h"
#include "commons-record-list.h"

/* .commons files: plans with their reviews, as the import and export
 * dialogs carry them, for one plan, many, or a whole group. */

static char *opt_output;
static char *opt_group;

static const GOptionEntry export_options[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Write the .commons file to FILE"), N_("FILE") },
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("Export every plan and question of GROUP instead of the plans named"), N_("GROUP") },
  { NULL }
};

static const GOptionEntry import_options[] = {
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("Import into GROUP, which you belong to, instead of your own library"), N_("GROUP") },
  { NULL }
};

/* The ids of every live plan shared in @group. */
static GPtrArray *
group_plans (CommonsCli    *cli,
             CommonsGroup  *group,
             GError       **error)
{
  CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  filter.scope = group->id;
  rows = commons_plan_query (cli->store, &filter, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(CommonsRecordSummary) summary =
        commons_record_summary_load (cli->store, g_array_index (rows, gint64, i), NULL);

      if (summary != NULL)
        g_ptr_array_add (ids, g_strdup (commons_record_summary_get_id (summary)));
    }
  g_ptr_array_add (ids, NULL);
  return g_steal_pointer (&ids);
}

/* The ids of the questions asked in @group, to follow its plans. */
static gboolean
add_group_questions (CommonsCli    *cli,
                     CommonsGroup  *group,
                     GPtrArray     *ids,
                     guint         *n_questions,
                     GError       **error)
{
  g_autoptr(GListModel) questions = commons_discussion_list_questions (cli->store, group->id,
                                                                      COMMONS_QUESTION_SORT_NEWEST, error);

  if (questions == NULL)
    return FALSE;
  *n_questions = g_list_model_get_n_items (questions);
  /* Before the plans' terminating NULL. */
  g_ptr_array_set_size (ids, ids->len - 1);
  for (guint i = 0; i < *n_questions; i++)
    {
      g_autoptr(CommonsQuestion) question = g_list_model_get_item (questions, i);

      g_ptr_array_add (ids, g_strdup (commons_question_get_record (question)));
    }
  g_ptr_array_add (ids, NULL);
  return TRUE;
}

static gboolean
export (CommonsCli  *cli,
        char       **args,
        GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  const char * const *records = (const char * const *) args;
  guint n_plans = g_strv_length (args);
  guint n_questions = 0;

  if (opt_output == NULL)
    return commons_cli_usage_error (error, _("export needs --output FILE"));
  if ((opt_group == NULL) == (args[0] == NULL))
    return commons_cli_usage_error (error, _("export needs plan IDs or --group GROUP, not both"));

  if (opt_group != NULL)
    {
      g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, opt_group, error);

      if (group == NULL)
        return FALSE;
      ids = group_plans (cli, group, error);
      if (ids == NULL)
        return FALSE;
      n_plans = ids->len - 1;
      if (!add_group_questions (cli, group, ids, &n_questions, error))
        return FALSE;
      records = (const char * const *) ids->pdata;
    }
  else
    {
      for (guint i = 0; args[i] != NULL; i++)
        {
          g_autoptr(CommonsRevision) plan = commons_cli_load_record (cli, args[i], "plan", TRUE, error);

          if (plan == NULL)
            return FALSE;
        }
    }

  bytes = commons_bundle_export (cli->store, records, error);
  if (bytes == NULL)
    return FALSE;
  if (!g_file_set_contents (opt_output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "output", opt_output);
      json_builder_set_member_name (builder, "bytes");
      json_builder_add_int_value (builder, g_bytes_get_size (bytes));
      json_builder_set_member_name (builder, "plans");
      json_builder_add_int_value (builder, n_plans);
      json_builder_set_member_name (builder, "questions");
      json_builder_add_int_value (builder, n_questions);
      json_builder_end_object (builder);
      commons_cli_print_builder (builder);
    }
  return TRUE;
}

static gboolean
import (CommonsCli  *cli,
        char       **args,
        GError     **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  /* Only into a group this device belongs to: its revisions then sync
   * with the group like any member's. */
  if (opt_group != NULL)
    {
      group = commons_cli_find_group (cli, opt_group, error);
      if (group == NULL)
        return FALSE;
    }
  mapped = g_mapped_file_new (args[0], FALSE, error);
  if (mapped == NULL)
    return FALSE;
  bytes = g_mapped_file_get_bytes (mapped);
  report = commons_bundle_import (cli->store, bytes, group != NULL ? group->id : COMMONS_SCOPE_LOCAL, error);
  if (report == NULL)
    {
      /* A file that is no bundle is unreadable data, whatever the reason. */
      if (error != NULL && *error != NULL && (*error)->domain != COMMONS_STORE_ERROR)
        {
          g_autofree char *message = g_strdup ((*error)->message);

          g_clear_error (error);
          g_set_error_literal (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_DATA, message);
        }
      return FALSE;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < report->len; i++)
    {
      CommonsImportItem *item = g_ptr_array_index (report, i);
      const char *status = commons_import_status_to_string (item->status);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          commons_cli_add_string (builder, "id", item->record);
          commons_cli_add_string (builder, "kind", item->kind);
          commons_cli_add_string (builder, "title", item->title);
          commons_cli_add_string (builder, "status", status);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\t%s\n", item->record, item->kind, status, item->title);
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

const CommonsCliCommand commons_cli_bundle_commands[] = {
  { "export", NULL, N_("[ID…]"), N_("Export plans, or a whole group, to a .commons file"), export_options, 0, COMMONS_CLI_ANY_ARGS, export },
  { "import", NULL, N_("FILE"), N_("Import a .commons file, into your library or a group"), import_options, 1, 1, import },
  { NULL }
};
