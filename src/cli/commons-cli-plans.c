/* commons-cli-plans.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-cli-private.h"
#include "commons-plan-diff.h"
#include "commons-plan-export.h"
#include "commons-plan-query.h"
#include "commons-plan.h"
#include "commons-record-list.h"

/* Lesson plans: what the library page does, for scripts. */

/* Options of plan add and plan edit: only those given change the plan. */
static char *opt_group;
static char *opt_title;
static char *opt_summary;
static char *opt_subject;
static char *opt_level;
static char *opt_language;
static char *opt_license;
static char *opt_assessment;
static char *opt_accessibility;
static char **opt_objectives;
static char **opt_materials;
static char **opt_activities;
/* plan list */
static char *opt_search;
static char *opt_sort;
/* plan restore */
static char *opt_revision;

#define PLAN_FIELD_OPTIONS \
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("Title"), N_("TEXT") }, \
  { "summary", 0, 0, G_OPTION_ARG_STRING, &opt_summary, N_("Summary"), N_("TEXT") }, \
  { "subject", 0, 0, G_OPTION_ARG_STRING, &opt_subject, N_("Subject, such as Mathematics"), N_("TEXT") }, \
  { "level", 0, 0, G_OPTION_ARG_STRING, &opt_level, N_("Level, such as Grade 5"), N_("TEXT") }, \
  { "language", 0, 0, G_OPTION_ARG_STRING, &opt_language, N_("Language of the plan, as a BCP 47 tag such as sw or pt-BR"), N_("TAG") }, \
  { "license", 0, 0, G_OPTION_ARG_STRING, &opt_license, N_("cc-by, cc-by-sa, cc-by-nc, cc-by-nd, cc0 or all-rights-reserved"), N_("ID") }, \
  { "assessment", 0, 0, G_OPTION_ARG_STRING, &opt_assessment, N_("How learning is assessed"), N_("TEXT") }, \
  { "accessibility", 0, 0, G_OPTION_ARG_STRING, &opt_accessibility, N_("Accessibility notes"), N_("TEXT") }, \
  { "objective", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_objectives, N_("An objective (repeat for more; replaces the list)"), N_("TEXT") }, \
  { "material", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_materials, N_("A material (repeat for more; replaces the list)"), N_("TEXT") }, \
  { "activity", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_activities, N_("An activity as MINUTES:TITLE[:INSTRUCTIONS] (repeat, in order; replaces the list)"), N_("SPEC") }

static const GOptionEntry add_options[] = {
  PLAN_FIELD_OPTIONS,
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("The group to share the plan in (default: your own library)"), N_("GROUP") },
  { NULL }
};

static const GOptionEntry edit_options[] = {
  PLAN_FIELD_OPTIONS,
  { NULL }
};

static const GOptionEntry list_options[] = {
  { "subject", 0, 0, G_OPTION_ARG_STRING, &opt_subject, N_("Only this subject"), N_("TEXT") },
  { "level", 0, 0, G_OPTION_ARG_STRING, &opt_level, N_("Only this level"), N_("TEXT") },
  { "language", 0, 0, G_OPTION_ARG_STRING, &opt_language, N_("Only this language tag"), N_("TAG") },
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("Only plans shared in GROUP (local: your library)"), N_("GROUP") },
  { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search, N_("Only plans with these words"), N_("WORDS") },
  { "sort", 0, 0, G_OPTION_ARG_STRING, &opt_sort, N_("updated (default) or title"), N_("ORDER") },
  { NULL }
};

static const GOptionEntry restore_options[] = {
  { "revision", 0, 0, G_OPTION_ARG_STRING, &opt_revision, N_("Bring back this earlier version instead of undoing a delete"), N_("REV") },
  { NULL }
};

static const GOptionEntry remix_options[] = {
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("Make the remix in GROUP (default: your own library)"), N_("GROUP") },
  { NULL }
};

static const GOptionEntry share_options[] = {
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("The group to share a copy with"), N_("GROUP") },
  { NULL }
};

static gboolean
apply_options (CommonsPlan  *plan,
               GError      **error)
{
  if (opt_title != NULL)
    commons_plan_set_title (plan, opt_title);
  if (opt_summary != NULL)
    commons_plan_set_summary (plan, opt_summary);
  if (opt_subject != NULL)
    commons_plan_set_subject (plan, opt_subject);
  if (opt_level != NULL)
    commons_plan_set_level (plan, opt_level);
  if (opt_language != NULL)
    commons_plan_set_language (plan, opt_language);
  if (opt_license != NULL)
    commons_plan_set_license (plan, opt_license);
  if (opt_assessment != NULL)
    commons_plan_set_assessment (plan, opt_assessment);
  if (opt_accessibility != NULL)
    commons_plan_set_accessibility (plan, opt_accessibility);
  if (opt_objectives != NULL)
    commons_plan_set_objectives (plan, (const char * const *) opt_objectives);
  if (opt_materials != NULL)
    commons_plan_set_materials (plan, (const char * const *) opt_materials);
  if (opt_activities != NULL)
    {
      while (g_list_model_get_n_items (commons_plan_get_activities (plan)) > 0)
        commons_plan_remove_activity (plan, 0);
      for (guint i = 0; opt_activities[i] != NULL; i++)
        {
          g_auto(GStrv) parts = g_strsplit (opt_activities[i], ":", 3);
          g_autoptr(CommonsActivity) activity = NULL;
          guint64 minutes = 0;

          if (g_strv_length (parts) < 2 ||
              !g_ascii_string_to_unsigned (parts[0], 10, 0, COMMONS_PLAN_MAX_MINUTES, &minutes, NULL))
            return commons_cli_usage_error (error, _("“%s” is not an activity: write MINUTES:TITLE[:INSTRUCTIONS]"),
                                            opt_activities[i]);
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
  commons_cli_add_string (builder, "id", commons_plan_get_record (plan));
  commons_cli_add_string (builder, "revision", commons_plan_get_revision (plan));
  commons_cli_add_string (builder, "scope", commons_plan_get_scope (plan));
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, commons_plan_get_duration (plan));
  json_builder_set_member_name (builder, "fields");
  json_builder_add_value (builder, node);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_plan (CommonsCli  *cli,
            CommonsPlan *plan)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) node = plan_to_json (plan);

      commons_cli_print_json (node);
    }
  else
    g_print ("%s\n", commons_plan_get_record (plan));
}

/* A live plan: a deleted one is found only by plan restore. */
static CommonsPlan *
load_plan (CommonsCli  *cli,
           const char  *id,
           GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, id, COMMONS_PLAN_KIND, TRUE, error);

  if (current == NULL)
    return NULL;
  return commons_plan_load (cli->store, id, error);
}

static gboolean
plan_add (CommonsCli  *cli,
          char       **args,
          GError     **error)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(CommonsGroup) group = NULL;

  if (opt_title == NULL)
    return commons_cli_usage_error (error, _("plan add needs --title"));
  if (!apply_options (plan, error))
    return FALSE;
  if (opt_group != NULL)
    {
      group = commons_cli_find_group (cli, opt_group, error);
      if (group == NULL)
        return FALSE;
    }
  commons_plan_set_scope (plan, group != NULL ? group->id : COMMONS_SCOPE_LOCAL);
  if (!commons_plan_save (plan, cli->store, error))
    return FALSE;
  print_plan (cli, plan);
  return TRUE;
}

static gboolean
plan_edit (CommonsCli  *cli,
           char       **args,
           GError     **error)
{
  g_autoptr(CommonsPlan) plan = NULL;

  plan = load_plan (cli, args[0], error);
  if (plan == NULL || !apply_options (plan, error) || !commons_plan_save (plan, cli->store, error))
    return FALSE;
  print_plan (cli, plan);
  return TRUE;
}

static gboolean
plan_show (CommonsCli  *cli,
           char       **args,
           GError     **error)
{
  g_autoptr(CommonsPlan) plan = load_plan (cli, args[0], error);
  g_autofree char *markdown = NULL;

  if (plan == NULL)
    return FALSE;
  if (cli->json)
    {
      print_plan (cli, plan);
      return TRUE;
    }
  markdown = commons_plan_to_markdown (plan);
  g_print ("%s", markdown);
  return TRUE;
}

static gboolean
plan_list (CommonsCli  *cli,
           char       **args,
           GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *match = NULL;
  CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;

  if (opt_sort != NULL && !g_str_equal (opt_sort, "title") && !g_str_equal (opt_sort, "updated"))
    return commons_cli_usage_error (error, _("--sort is updated or title, not “%s”"), opt_sort);
  if (opt_group != NULL && !g_str_equal (opt_group, COMMONS_SCOPE_LOCAL))
    {
      group = commons_cli_find_group (cli, opt_group, error);
      if (group == NULL)
        return FALSE;
    }

  filter.subject = opt_subject;
  filter.level = opt_level;
  filter.language = opt_language;
  filter.scope = group != NULL ? group->id : opt_group;
  filter.search = opt_search;
  filter.sort = g_strcmp0 (opt_sort, "title") == 0 ? COMMONS_PLAN_SORT_TITLE : COMMONS_PLAN_SORT_UPDATED;
  rows = commons_plan_query (cli->store, &filter, error);
  if (rows == NULL)
    return FALSE;
  match = commons_store_build_match (opt_search);

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
          commons_cli_add_string (builder, "id", commons_record_summary_get_id (summary));
          commons_cli_add_string (builder, "title", commons_record_summary_get_title (summary));
          commons_cli_add_string (builder, "updated", commons_record_summary_get_updated (summary));
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
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
plan_delete (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, args[0], COMMONS_PLAN_KIND, TRUE, error);

  if (current == NULL || !commons_plan_delete (cli->store, args[0], error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "deleted");
  return TRUE;
}

static gboolean
plan_unshare (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(CommonsPlan) plan = load_plan (cli, args[0], error);
  g_autoptr(CommonsPlan) kept = NULL;
  g_autofree char *id = NULL;

  if (plan == NULL)
    return FALSE;
  id = commons_plan_unshare (cli->store, args[0], error);
  if (id == NULL)
    return FALSE;
  kept = commons_plan_load (cli->store, id, error);
  if (kept == NULL)
    return FALSE;
  print_plan (cli, kept);
  return TRUE;
}

static gboolean
plan_restore (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  return commons_cli_restore (cli, args[0], COMMONS_PLAN_KIND, opt_revision, error);
}

static gboolean
plan_remix (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(CommonsPlan) original = load_plan (cli, args[0], error);
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(CommonsGroup) group = NULL;

  if (original == NULL || !commons_plan_can_remix (original, error))
    return FALSE;
  if (opt_group != NULL)
    {
      group = commons_cli_find_group (cli, opt_group, error);
      if (group == NULL)
        return FALSE;
    }
  /* The core names this person by the name they chose, never by the
   * system account; others' names are not known here. */
  remix = commons_plan_remix (cli->store, args[0], NULL,
                              group != NULL ? group->id : COMMONS_SCOPE_LOCAL, error);
  if (remix == NULL)
    return FALSE;
  print_plan (cli, remix);
  return TRUE;
}

static gboolean
plan_share (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsPlan) copy = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *id = NULL;

  if (opt_group == NULL)
    return commons_cli_usage_error (error, _("plan share needs --group"));
  plan = load_plan (cli, args[0], error);
  if (plan == NULL)
    return FALSE;
  group = commons_cli_find_group (cli, opt_group, error);
  if (group == NULL)
    return FALSE;
  id = commons_store_share_record (cli->store, args[0], group->id, error);
  if (id == NULL)
    return FALSE;
  copy = commons_plan_load (cli->store, id, error);
  if (copy == NULL)
    return FALSE;
  print_plan (cli, copy);
  return TRUE;
}

static gboolean
plan_history (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, args[0], COMMONS_PLAN_KIND, FALSE, error);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (current == NULL)
    return FALSE;
  revisions = commons_store_get_history (cli->store, args[0], error);
  if (revisions == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (revisions, i);
      const char *title = commons_revision_get_string_field (revision, "title");

      if (cli->json)
        json_builder_add_value (builder, commons_cli_revision_to_json (revision));
      else
        g_print ("%s\t%s\t%s\t%s\n", commons_revision_get_id (revision),
                 commons_revision_get_time (revision),
                 commons_revision_get_deleted (revision) ? _("deleted") : "",
                 title != NULL ? title : "");
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static const char *
change_kind_to_string (CommonsPlanChangeKind kind)
{
  switch (kind)
    {
    case COMMONS_PLAN_CHANGE_ADDED:
      return "added";
    case COMMONS_PLAN_CHANGE_REMOVED:
      return "removed";
    case COMMONS_PLAN_CHANGE_MODIFIED:
    default:
      return "modified";
    }
}

static gboolean
plan_diff (CommonsCli  *cli,
           char       **args,
           GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, args[0], COMMONS_PLAN_KIND, FALSE, error);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *old_revision = NULL;
  g_autofree char *new_revision = NULL;

  if (current == NULL)
    return FALSE;
  old_revision = commons_cli_find_revision (cli, args[0], NULL, args[1], error);
  if (old_revision == NULL)
    return FALSE;
  new_revision = commons_cli_find_revision (cli, args[0], NULL, args[2], error);
  if (new_revision == NULL)
    return FALSE;
  changes = commons_plan_diff_revisions (cli->store, old_revision, new_revision, error);
  if (changes == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      CommonsPlanChange *change = g_ptr_array_index (changes, i);
      const char *kind = change_kind_to_string (change->kind);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          commons_cli_add_string (builder, "field", change->field);
          commons_cli_add_string (builder, "part", change->part);
          commons_cli_add_string (builder, "change", kind);
          json_builder_set_member_name (builder, "old_index");
          json_builder_add_int_value (builder, change->old_index);
          json_builder_set_member_name (builder, "new_index");
          json_builder_add_int_value (builder, change->new_index);
          commons_cli_add_string (builder, "old", change->old_value);
          commons_cli_add_string (builder, "new", change->new_value);
          json_builder_end_object (builder);
        }
      else
        {
          if (change->part != NULL)
            g_print ("%s %s (%s)\n", change->field, change->part, kind);
          else
            g_print ("%s (%s)\n", change->field, kind);
          if (change->old_value != NULL)
            g_print ("- %s\n", change->old_value);
          if (change->new_value != NULL)
            g_print ("+ %s\n", change->new_value);
        }
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

const CommonsCliCommand commons_cli_plan_commands[] = {
  { "plan", "add", "", N_("Add a lesson plan"), add_options, 0, 0, plan_add },
  { "plan", "list", "", N_("List lesson plans, filtered and sorted"), list_options, 0, 0, plan_list },
  { "plan", "show", N_("ID"), N_("Show a lesson plan (as Markdown, or JSON with --json)"), NULL, 1, 1, plan_show },
  { "plan", "edit", N_("ID"), N_("Change a lesson plan; fields not given stay as they are"), edit_options, 1, 1, plan_edit },
  { "plan", "delete", N_("ID"), N_("Delete a lesson plan; plan restore undoes it"), NULL, 1, 1, plan_delete },
  { "plan", "restore", N_("ID"), N_("Undo a plan’s delete, or bring back an earlier version"), restore_options, 1, 1, plan_restore },
  { "plan", "remix", N_("ID"), N_("Make your own version of a plan, crediting the original"), remix_options, 1, 1, plan_remix },
  { "plan", "share", N_("ID"), N_("Share a copy of a plan with a group"), share_options, 1, 1, plan_share },
  { "plan", "unshare", N_("ID"), N_("Stop sharing a plan you wrote: it leaves the group and stays in your library"), NULL, 1, 1, plan_unshare },
  { "plan", "history", N_("ID"), N_("List a plan’s versions, newest first"), NULL, 1, 1, plan_history },
  { "plan", "diff", N_("ID REV REV"), N_("Show what changed between two versions of a plan"), NULL, 3, 3, plan_diff },
  { NULL }
};
