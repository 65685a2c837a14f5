/* commons-cli-conflicts.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-cli-private.h"
#include "commons-conflict.h"

/* Records whose concurrent edits overlapped, and their resolution: what
 * the conflict view does, through the same core functions. */

static char *opt_group;
static char *opt_keep;
static char *opt_merge_file;

static const GOptionEntry list_options[] = {
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("Only records of GROUP (local: your own library)"), N_("GROUP") },
  { NULL }
};

static const GOptionEntry resolve_options[] = {
  { "keep", 0, 0, G_OPTION_ARG_STRING, &opt_keep, N_("Keep this version as it is (an id from conflicts list, or its start)"), N_("REV") },
  { "merge-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_merge_file,
    N_("Settle it with the fields in FILE, a JSON object (- for standard input); fields it leaves out keep the displayed version’s value"), N_("FILE") },
  { NULL }
};

static void
add_conflict (JsonBuilder *builder,
              const char  *record,
              GPtrArray   *heads)
{
  g_autoptr(GPtrArray) fields = commons_conflict_differing_fields (heads);
  CommonsRevision *shown = g_ptr_array_index (heads, 0);

  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", record);
  commons_cli_add_string (builder, "kind", commons_revision_get_kind (shown));
  commons_cli_add_string (builder, "title", commons_revision_get_string_field (shown, "title"));
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; i < fields->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (fields, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "heads");
  json_builder_begin_array (builder);
  for (guint i = 0; i < heads->len; i++)
    json_builder_add_value (builder, commons_cli_revision_to_json (g_ptr_array_index (heads, i)));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static gboolean
conflicts_list (CommonsCli  *cli,
                char       **args,
                GError     **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *scope = NULL;

  if (opt_group != NULL && !g_str_equal (opt_group, COMMONS_SCOPE_LOCAL))
    {
      group = commons_cli_find_group (cli, opt_group, error);
      if (group == NULL)
        return FALSE;
      scope = group->id;
    }
  else if (opt_group != NULL)
    scope = COMMONS_SCOPE_LOCAL;

  records = commons_conflict_list_records (cli->store, scope, error);
  if (records == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      const char *record = g_ptr_array_index (records, i);
      g_autoptr(GPtrArray) heads = commons_conflict_dup_heads (cli->store, record, NULL);

      /* Settled since it was listed: nothing to show. */
      if (heads == NULL)
        continue;
      if (cli->json)
        add_conflict (builder, record, heads);
      else
        {
          const char *title = commons_revision_get_string_field (g_ptr_array_index (heads, 0), "title");

          g_print ("%s\t%s\t%s\n", record,
                   commons_revision_get_kind (g_ptr_array_index (heads, 0)),
                   title != NULL ? title : "");
          for (guint h = 0; h < heads->len; h++)
            {
              CommonsRevision *head = g_ptr_array_index (heads, h);

              g_print ("  %s\t%s\t%s\n", commons_revision_get_id (head),
                       commons_revision_get_time (head),
                       commons_revision_get_author (head) != NULL ? commons_revision_get_author (head) : "");
            }
        }
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
conflicts_resolve (CommonsCli  *cli,
                   char       **args,
                   GError     **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(GPtrArray) heads = NULL;

  if ((opt_keep == NULL) == (opt_merge_file == NULL))
    return commons_cli_usage_error (error, _("conflicts resolve needs --keep REV or --merge-file FILE"));
  current = commons_cli_load_record (cli, args[0], NULL, FALSE, error);
  if (current == NULL)
    return FALSE;
  heads = commons_conflict_dup_heads (cli->store, args[0], error);
  if (heads == NULL)
    return FALSE;

  if (opt_keep != NULL)
    {
      g_autofree char *head = commons_cli_find_revision (cli, args[0], heads, opt_keep, error);

      if (head == NULL || !commons_conflict_keep (cli->store, args[0], head, error))
        return FALSE;
    }
  else
    {
      g_autoptr(JsonObject) changes = commons_cli_read_json_object (opt_merge_file, error);

      if (changes == NULL || !commons_conflict_resolve (cli->store, args[0], changes, error))
        return FALSE;
    }

  g_clear_pointer (&current, commons_revision_unref);
  current = commons_store_get_current (cli->store, args[0], error);
  if (current == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonNode) node = commons_cli_revision_to_json (current);

      commons_cli_print_json (node);
    }
  else
    g_print ("%s\n", args[0]);
  return TRUE;
}

const CommonsCliCommand commons_cli_conflict_commands[] = {
  { "conflicts", "list", "", N_("List records edited in two places whose changes overlap"), list_options, 0, 0, conflicts_list },
  { "conflicts", "resolve", N_("RECORD"), N_("Settle a conflict by keeping one version or with merged fields"), resolve_options, 1, 1, conflicts_resolve },
  { NULL }
};
