/* commons-cli-groups.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-cli-private.h"
#include "commons-group-rule.h"

/* Groups on a server, their members and rule, and sync: what the Groups
 * page does. GROUP is a group's id or its name. */

static char *opt_server;
static char *opt_name;
static char *opt_display_name;
static char *opt_code;
static int opt_uses = 30;
static int opt_hours = 72;
static int opt_approvals;
static char *opt_badges;

static const GOptionEntry create_options[] = {
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, N_("The server’s address, such as https://commons.example.org"), N_("URL") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("The group’s name"), N_("NAME") },
  { "display-name", 0, 0, G_OPTION_ARG_STRING, &opt_display_name, N_("Your name as the group sees it"), N_("NAME") },
  { NULL }
};

static const GOptionEntry join_options[] = {
  { "server", 0, 0, G_OPTION_ARG_STRING, &opt_server, N_("The server’s address"), N_("URL") },
  { "code", 0, 0, G_OPTION_ARG_STRING, &opt_code, N_("The invite code an organizer gave you"), N_("CODE") },
  { "display-name", 0, 0, G_OPTION_ARG_STRING, &opt_display_name, N_("Your name as the group sees it"), N_("NAME") },
  { NULL }
};

static const GOptionEntry invite_options[] = {
  { "uses", 0, 0, G_OPTION_ARG_INT, &opt_uses, N_("How many people may join with the code (default 30)"), N_("N") },
  { "hours", 0, 0, G_OPTION_ARG_INT, &opt_hours, N_("How long the code stays valid (default 72)"), N_("H") },
  { NULL }
};

static const GOptionEntry rule_options[] = {
  { "approvals", 0, 0, G_OPTION_ARG_INT, &opt_approvals, N_("Set how many approvals make a plan approved (organizers only)"), N_("N") },
  { "badges", 0, 0, G_OPTION_ARG_STRING, &opt_badges, N_("Turn the group’s badges on or off (organizers only)"), N_("on|off") },
  { NULL }
};

static JsonNode *
group_to_json (CommonsGroup *group)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", group->id);
  commons_cli_add_string (builder, "name", group->name);
  commons_cli_add_string (builder, "server", group->server);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "member");
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", group->member);
  commons_cli_add_string (builder, "role", group->role);
  commons_cli_add_string (builder, "display_name", group->display_name);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_int_value (builder, group->cursor);
  commons_cli_add_string (builder, "last_sync", group->last_sync);
  commons_cli_add_string (builder, "last_error", group->last_error);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_group (CommonsCli   *cli,
             CommonsGroup *group)
{
  if (cli->json)
    {
      g_autoptr(JsonNode) node = group_to_json (group);

      commons_cli_print_json (node);
    }
  else
    g_print ("%s\t%s\t%s\n", group->id, group->name, group->role);
}

static gboolean
group_create (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(CommonsGroup) group = NULL;

  if (opt_server == NULL || opt_name == NULL || opt_display_name == NULL)
    return commons_cli_usage_error (error, _("group create needs --server, --name and --display-name"));
  client = commons_cli_sync_client (cli);
  group = commons_sync_client_create_group (client, opt_server, opt_name, opt_display_name, NULL, error);
  if (group == NULL)
    return FALSE;
  print_group (cli, group);
  return TRUE;
}

static gboolean
group_join (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(CommonsGroup) group = NULL;

  if (opt_server == NULL || opt_code == NULL || opt_display_name == NULL)
    return commons_cli_usage_error (error, _("group join needs --server, --code and --display-name"));
  client = commons_cli_sync_client (cli);
  group = commons_sync_client_join_group (client, opt_server, opt_code, opt_display_name, NULL, error);
  if (group == NULL)
    return FALSE;
  print_group (cli, group);
  return TRUE;
}

static gboolean
group_invite (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(JsonObject) invite = NULL;

  if (opt_uses < 1 || opt_hours < 1)
    return commons_cli_usage_error (error, _("--uses and --hours must be positive"));
  group = commons_cli_find_group (cli, args[0], error);
  if (group == NULL)
    return FALSE;
  client = commons_cli_sync_client (cli);
  invite = commons_sync_client_create_invite (client, group->id, opt_uses, opt_hours, NULL, error);
  if (invite == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_alloc ();

      json_node_init_object (node, invite);
      commons_cli_print_json (node);
    }
  else
    g_print ("%s\n", json_object_get_string_member (invite, "code"));
  return TRUE;
}

static gboolean
group_list (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(GPtrArray) groups = commons_store_list_groups (cli->store, error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (groups == NULL)
    return FALSE;
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
    commons_cli_print_builder (builder);
  return TRUE;
}

/* The group's members as the server lists them. */
static JsonArray *
fetch_members (CommonsCli    *cli,
               CommonsGroup  *group,
               JsonObject   **info_out,
               GError       **error)
{
  g_autoptr(CommonsSyncClient) client = commons_cli_sync_client (cli);
  g_autoptr(JsonObject) info = NULL;

  info = commons_sync_client_get_group_info (client, group->id, NULL, error);
  if (info == NULL)
    return NULL;
  if (!json_object_has_member (info, "members") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (info, "members")))
    {
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not what Commons expects"));
      return NULL;
    }
  *info_out = g_steal_pointer (&info);
  return json_object_get_array_member (*info_out, "members");
}

static gboolean
group_members (CommonsCli  *cli,
               char       **args,
               GError     **error)
{
  g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, args[0], error);
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonArray *members;

  if (group == NULL)
    return FALSE;
  members = fetch_members (cli, group, &info, error);
  if (members == NULL)
    return FALSE;

  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *member;
      const char *id, *name, *role, *status;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      member = json_node_get_object (node);
      id = json_object_get_string_member_with_default (member, "id", "");
      name = json_object_get_string_member_with_default (member, "display_name", "");
      role = json_object_get_string_member_with_default (member, "role", "member");
      status = json_object_get_string_member_with_default (member, "status", "active");
      if (cli->json)
        {
          json_builder_begin_object (builder);
          commons_cli_add_string (builder, "id", id);
          commons_cli_add_string (builder, "display_name", name);
          commons_cli_add_string (builder, "role", role);
          commons_cli_add_string (builder, "status", status);
          json_builder_set_member_name (builder, "you");
          json_builder_add_boolean_value (builder, g_strcmp0 (id, group->member) == 0);
          json_builder_end_object (builder);
        }
      else
        g_print ("%s\t%s\t%s\t%s\n", id, name, role, status);
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
group_remove (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, args[0], error);
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(JsonObject) info = NULL;
  const char *member = NULL;
  JsonArray *members;

  if (group == NULL)
    return FALSE;
  if (g_strcmp0 (group->role, "organizer") != 0)
    {
      g_set_error_literal (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_FAILED,
                           _("Only an organizer removes members; to go yourself, use group leave"));
      return FALSE;
    }
  members = fetch_members (cli, group, &info, error);
  if (members == NULL)
    return FALSE;

  /* MEMBER is an id, or a display name when only one active member has it. */
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *object;
      const char *id, *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      id = json_object_get_string_member_with_default (object, "id", NULL);
      name = json_object_get_string_member_with_default (object, "display_name", NULL);
      if (g_strcmp0 (id, args[1]) == 0)
        {
          member = id;
          break;
        }
      if (g_strcmp0 (name, args[1]) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (object, "status", "active"), "active") == 0)
        {
          if (member != NULL)
            return commons_cli_usage_error (error, _("More than one member is called “%s”; give the id"), args[1]);
          member = id;
        }
    }
  if (member == NULL)
    return commons_cli_not_found (error, _("The group has no member “%s”"), args[1]);
  if (g_strcmp0 (member, group->member) == 0)
    return commons_cli_usage_error (error, _("To remove yourself, use group leave"));

  client = commons_cli_sync_client (cli);
  if (!commons_sync_client_revoke_member (client, group->id, member, NULL, error))
    return FALSE;
  commons_cli_print_done (cli, member, "removed");
  return TRUE;
}

static gboolean
group_leave (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, args[0], error);
  g_autoptr(CommonsSyncClient) client = NULL;

  if (group == NULL)
    return FALSE;
  client = commons_cli_sync_client (cli);
  if (!commons_sync_client_leave_group (client, group->id, NULL, error))
    return FALSE;
  commons_cli_print_done (cli, group->id, "left");
  return TRUE;
}

static gboolean
group_rule (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, args[0], error);
  guint approvals;
  gboolean badges;

  if (group == NULL)
    return FALSE;
  if (opt_badges != NULL)
    {
      if (!g_str_equal (opt_badges, "on") && !g_str_equal (opt_badges, "off"))
        return commons_cli_usage_error (error, _("--badges is on or off, not “%s”"), opt_badges);
      if (g_strcmp0 (group->role, "organizer") != 0)
        {
          g_set_error_literal (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_FAILED,
                               _("Only an organizer turns the group’s badges on or off"));
          return FALSE;
        }
      if (!commons_group_rule_set_badges (cli->store, group->id, g_str_equal (opt_badges, "on"), error))
        return FALSE;
    }
  if (opt_approvals != 0)
    {
      if (g_strcmp0 (group->role, "organizer") != 0)
        {
          g_set_error_literal (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_FAILED,
                               _("Only an organizer changes the group’s approval rule"));
          return FALSE;
        }
      if (opt_approvals < COMMONS_GROUP_RULE_MIN_APPROVALS || opt_approvals > COMMONS_GROUP_RULE_MAX_APPROVALS)
        return commons_cli_usage_error (error, _("--approvals is from %d to %d"),
                                        COMMONS_GROUP_RULE_MIN_APPROVALS, COMMONS_GROUP_RULE_MAX_APPROVALS);
      /* Written at once, like any edit; the next sync sends it. */
      if (!commons_group_rule_set_approvals (cli->store, group->id, opt_approvals, error))
        return FALSE;
    }

  approvals = commons_group_rule_get_approvals (cli->store, group->id);
  badges = commons_group_rule_get_badges (cli->store, group->id);
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "group", group->id);
      json_builder_set_member_name (builder, "approvals");
      json_builder_add_int_value (builder, approvals);
      json_builder_set_member_name (builder, "badges");
      json_builder_add_boolean_value (builder, badges);
      json_builder_end_object (builder);
      commons_cli_print_builder (builder);
    }
  else
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "A plan is approved once %u person other than its author approves it\n",
                            "A plan is approved once %u people other than its author approve it\n",
                            approvals), approvals);
      g_print ("%s\n", badges ? _("Members earn badges") : _("Badges are turned off"));
    }
  return TRUE;
}

static guint
count_quarantined (CommonsStore *store,
                   const char   *scope)
{
  g_autoptr(GPtrArray) counts = commons_store_count_quarantined (store, scope, NULL);
  guint total = 0;

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    total += ((CommonsQuarantineCount *) g_ptr_array_index (counts, i))->count;
  return total;
}

static gboolean
sync_one (CommonsCli        *cli,
          CommonsSyncClient *client,
          CommonsGroup      *group,
          JsonBuilder       *builder)
{
  g_autoptr(GError) error = NULL;
  CommonsSyncStats stats = { 0 };
  gboolean ok = commons_sync_client_sync (client, group->id, NULL, NULL, &stats, NULL, &error);
  guint quarantined_total = count_quarantined (cli->store, group->id);

  if (cli->json)
    {
      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "group", group->id);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, stats.pushed);
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, stats.pulled);
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, stats.rejected);
      json_builder_set_member_name (builder, "deferred");
      json_builder_add_int_value (builder, stats.deferred);
      json_builder_set_member_name (builder, "quarantined");
      json_builder_add_int_value (builder, stats.quarantined);
      json_builder_set_member_name (builder, "quarantined_total");
      json_builder_add_int_value (builder, quarantined_total);
      json_builder_set_member_name (builder, "pending");
      json_builder_add_int_value (builder, commons_store_count_pending (cli->store, group->id));
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_int_value (builder, stats.conflicts);
      if (!ok)
        commons_cli_add_string (builder, "error", error->message);
      json_builder_end_object (builder);
    }
  else if (ok)
    {
      g_print (_("%s: pushed %u, pulled %u, %u in conflict\n"), group->name,
               stats.pushed, stats.pulled, stats.conflicts);
      if (quarantined_total > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "%s: %u change could not be read and is kept aside (commons-cli quarantine list)\n",
                              "%s: %u changes could not be read and are kept aside (commons-cli quarantine list)\n",
                              quarantined_total), group->name, quarantined_total);
    }
  if (!ok)
    g_printerr ("commons-cli: %s: %s\n", group->name, error->message);
  return ok;
}

static gboolean
sync_groups (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (args[0] != NULL)
    {
      CommonsGroup *group = commons_cli_find_group (cli, args[0], error);

      if (group == NULL)
        return FALSE;
      groups = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_group_free);
      g_ptr_array_add (groups, group);
    }
  else
    {
      groups = commons_store_list_groups (cli->store, error);
      if (groups == NULL)
        return FALSE;
    }

  client = commons_cli_sync_client (cli);
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    if (!sync_one (cli, client, g_ptr_array_index (groups, i), builder))
      cli->status = COMMONS_CLI_EXIT_FAILED;
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static void
list_quarantine_of (CommonsCli  *cli,
                    const char  *scope,
                    const char  *label,
                    JsonBuilder *builder)
{
  g_autoptr(GPtrArray) counts = commons_store_count_quarantined (cli->store, scope, NULL);

  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      CommonsQuarantineCount *count = g_ptr_array_index (counts, i);

      if (cli->json)
        {
          json_builder_begin_object (builder);
          commons_cli_add_string (builder, "scope", scope);
          commons_cli_add_string (builder, "sender", count->sender);
          commons_cli_add_string (builder, "reason", count->reason);
          commons_cli_add_string (builder, "description",
                                  commons_quarantine_reason_describe (count->reason));
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, count->count);
          json_builder_end_object (builder);
        }
      else
        /* Translators: group or file, count, who sent them, why. */
        g_print (_("%s: %u from %s: %s\n"), label, count->count, count->sender,
                 commons_quarantine_reason_describe (count->reason));
    }
}

static gboolean
quarantine_list (CommonsCli  *cli,
                 char       **args,
                 GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  if (args[0] != NULL)
    {
      g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, args[0], error);

      if (group == NULL)
        return FALSE;
      list_quarantine_of (cli, group->id, group->name, builder);
    }
  else
    {
      g_autoptr(GPtrArray) groups = commons_store_list_groups (cli->store, error);

      if (groups == NULL)
        return FALSE;
      for (guint i = 0; i < groups->len; i++)
        {
          CommonsGroup *group = g_ptr_array_index (groups, i);

          list_quarantine_of (cli, group->id, group->name, builder);
        }
      list_quarantine_of (cli, COMMONS_QUARANTINE_FILES, _("Imported files"), builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

const CommonsCliCommand commons_cli_group_commands[] = {
  { "group", "create", "", N_("Create a group on a server; you become its organizer"), create_options, 0, 0, group_create },
  { "group", "join", "", N_("Join a group with an invite code"), join_options, 0, 0, group_join },
  { "group", "invite", N_("GROUP"), N_("Make an invite code for a group you organize"), invite_options, 1, 1, group_invite },
  { "group", "list", "", N_("List your groups and their sync state"), NULL, 0, 0, group_list },
  { "group", "members", N_("GROUP"), N_("List a group’s members, as the server knows them"), NULL, 1, 1, group_members },
  { "group", "remove", N_("GROUP MEMBER"), N_("Remove a member from a group you organize"), NULL, 2, 2, group_remove },
  { "group", "leave", N_("GROUP"), N_("Leave a group; what was shared stays on this device"), NULL, 1, 1, group_leave },
  { "group", "rule", N_("GROUP"), N_("Show, or with --approvals or --badges set, the group’s rules"), rule_options, 1, 1, group_rule },
  { "sync", NULL, N_("[GROUP]"), N_("Sync one group, or every group"), NULL, 0, 1, sync_groups },
  { "quarantine", "list", N_("[GROUP]"), N_("List changes kept aside because they failed a check"), NULL, 0, 1, quarantine_list },
  { NULL }
};
