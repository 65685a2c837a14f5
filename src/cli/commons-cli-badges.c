/* commons-cli-badges.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-badge-credential.h"
#include "commons-bundle.h"
#include "commons-cli-private.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-recognition.h"
#include "commons-store-private.h"

/* What members did in a group and the badges it earned (commons-
 * recognition.h), and badges as credentials anyone can check. */

static char *opt_badge;
static char *opt_output;
static char *opt_evidence;
static char *opt_name;

static const GOptionEntry export_options[] = {
  { "badge", 0, 0, G_OPTION_ARG_STRING, &opt_badge, N_("The badge to issue (see badge list)"), N_("BADGE") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, &opt_output, N_("Where to write the credential (JSON)"), N_("FILE") },
  { "evidence", 0, 0, G_OPTION_ARG_FILENAME, &opt_evidence, N_("Where to write its evidence (default: beside it, ending in .commons)"), N_("FILE") },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name, N_("The member’s name as the credential shows it (default: as the group knows it)"), N_("NAME") },
  { NULL }
};

/* What the counts are called, in the order they are shown. */
static const struct
{
  CommonsContributionKind  kind;
  const char              *key;
  const char              *label;
} counts[] = {
  { COMMONS_CONTRIBUTION_PLAN, "plans", N_("Plans shared") },
  { COMMONS_CONTRIBUTION_REMIXED, "remixed", N_("Remixes of their plans by others") },
  { COMMONS_CONTRIBUTION_REVIEW, "reviews", N_("Plan versions reviewed") },
  { COMMONS_CONTRIBUTION_APPROVED, "approved", N_("Their plans approved") },
  { COMMONS_CONTRIBUTION_COMMENT, "comments", N_("Comments") },
  { COMMONS_CONTRIBUTION_ACCEPTED, "accepted", N_("Answers accepted") },
};

/* A member given on the command line: “me”, a person id, or the start of
 * the id of someone who contributed to the group. */
static char *
find_member (CommonsCli          *cli,
             CommonsRecognition  *recognition,
             const char          *given,
             GError             **error)
{
  g_auto(GStrv) members = NULL;
  const char *found = NULL;

  if (given == NULL || g_str_equal (given, "me"))
    return g_strdup (commons_store_get_person_id (cli->store));
  if (commons_person_id_classify (given) == COMMONS_PERSON_KEY)
    return g_strdup (given);

  members = commons_recognition_dup_members (recognition);
  for (guint i = 0; members[i] != NULL; i++)
    if (strlen (given) >= 6 && g_str_has_prefix (members[i], given))
      {
        if (found != NULL)
          {
            commons_cli_usage_error (error, _("More than one member’s id starts with “%s”"), given);
            return NULL;
          }
        found = members[i];
      }
  if (found == NULL)
    {
      commons_cli_not_found (error, _("No member of the group with the id “%s” contributed anything"), given);
      return NULL;
    }
  return g_strdup (found);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_badges (JsonBuilder *builder,
            GPtrArray   *badges)
{
  json_builder_set_member_name (builder, "badges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < badges->len; i++)
    {
      CommonsBadge *badge = g_ptr_array_index (badges, i);

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "id", badge->rule->id);
      commons_cli_add_string (builder, "name", _(badge->rule->name));
      commons_cli_add_string (builder, "earned", badge->earned);
      add_strv (builder, "evidence", (const char * const *) badge->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_badges (GPtrArray *badges)
{
  for (guint i = 0; i < badges->len; i++)
    {
      CommonsBadge *badge = g_ptr_array_index (badges, i);

      /* Translators: a badge's id, its name, and when it was earned. */
      g_print (_("%s\t%s\tearned %s\n"), badge->rule->id, _(badge->rule->name), badge->earned);
      for (guint j = 0; badge->evidence[j] != NULL; j++)
        g_print ("\t%s\n", badge->evidence[j]);
    }
}

static CommonsRecognition *
load (CommonsCli    *cli,
      const char    *given,
      CommonsGroup **group,
      GError       **error)
{
  *group = commons_cli_find_group (cli, given, error);
  if (*group == NULL)
    return NULL;
  return commons_recognition_load (cli->store, (*group)->id, error);
}

static gboolean
member_show (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(CommonsRecognition) recognition = load (cli, args[0], &group, error);
  g_autoptr(GPtrArray) badges = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *member = NULL;
  GPtrArray *timeline;

  if (recognition == NULL)
    return FALSE;
  member = find_member (cli, recognition, args[1], error);
  if (member == NULL)
    return FALSE;
  badges = commons_recognition_dup_badges (recognition, member);
  timeline = commons_recognition_get_timeline (recognition, member);

  if (!cli->json)
    {
      if (commons_store_is_me (cli->store, member))
        /* Translators: %s is a person id. */
        g_print (_("Member %s (you)\n"), member);
      else
        g_print (_("Member %s\n"), member);
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        g_print ("%s: %u\n", _(counts[i].label), commons_recognition_count (recognition, member, counts[i].kind));
      g_print ("%s: %u\n", _("Votes received"), commons_recognition_count_votes_received (recognition, member));
      if (!commons_recognition_get_badges_enabled (recognition))
        g_print ("%s\n", _("The group’s organizers turned badges off."));
      else
        print_badges (badges);
      for (guint i = 0; timeline != NULL && i < timeline->len; i++)
        {
          CommonsContribution *c = g_ptr_array_index (timeline, i);

          g_print ("%s\t%s\t%s\n", c->time, commons_contribution_kind_to_string (c->kind), c->record);
        }
      return TRUE;
    }

  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "group", group->id);
  commons_cli_add_string (builder, "member", member);
  json_builder_set_member_name (builder, "you");
  json_builder_add_boolean_value (builder, commons_store_is_me (cli->store, member));
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].key);
      json_builder_add_int_value (builder, commons_recognition_count (recognition, member, counts[i].kind));
    }
  json_builder_set_member_name (builder, "votes");
  json_builder_add_int_value (builder, commons_recognition_count_votes_received (recognition, member));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "badges_enabled");
  json_builder_add_boolean_value (builder, commons_recognition_get_badges_enabled (recognition));
  add_badges (builder, badges);
  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; timeline != NULL && i < timeline->len; i++)
    {
      CommonsContribution *c = g_ptr_array_index (timeline, i);

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "kind", commons_contribution_kind_to_string (c->kind));
      commons_cli_add_string (builder, "time", c->time);
      commons_cli_add_string (builder, "record", c->record);
      commons_cli_add_string (builder, "detail", c->detail);
      add_strv (builder, "evidence", (const char * const *) c->evidence);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
list_rules (CommonsCli  *cli,
            GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const CommonsBadgeRule *rules;
  guint n = 0;

  rules = commons_badge_rules_get (&n);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      if (!cli->json)
        {
          g_print ("%s\t%s\t%s\n", rules[i].id, _(rules[i].name), _(rules[i].criteria));
          continue;
        }
      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "id", rules[i].id);
      commons_cli_add_string (builder, "name", _(rules[i].name));
      commons_cli_add_string (builder, "criteria", _(rules[i].criteria));
      json_builder_set_member_name (builder, "threshold");
      json_builder_add_int_value (builder, rules[i].threshold);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
badge_list (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autoptr(GPtrArray) badges = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *member = NULL;

  if (args[0] == NULL)
    return list_rules (cli, error);
  recognition = load (cli, args[0], &group, error);
  if (recognition == NULL)
    return FALSE;
  member = find_member (cli, recognition, args[1], error);
  if (member == NULL)
    return FALSE;
  badges = commons_recognition_dup_badges (recognition, member);

  if (!cli->json)
    {
      if (!commons_recognition_get_badges_enabled (recognition))
        g_print ("%s\n", _("The group’s organizers turned badges off."));
      print_badges (badges);
      return TRUE;
    }
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "group", group->id);
  commons_cli_add_string (builder, "member", member);
  json_builder_set_member_name (builder, "badges_enabled");
  json_builder_add_boolean_value (builder, commons_recognition_get_badges_enabled (recognition));
  add_badges (builder, badges);
  json_builder_end_object (builder);
  commons_cli_print_builder (builder);
  return TRUE;
}

/* The member's name as the group's server knows it; %NULL when it cannot
 * be asked. */
static char *
name_from_server (CommonsCli   *cli,
                  CommonsGroup *group,
                  const char   *member)
{
  g_autoptr(CommonsSyncClient) client = commons_cli_sync_client (cli);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) info = commons_sync_client_get_group_info (client, group->id, NULL, &error);
  JsonArray *members;

  if (info == NULL)
    {
      g_debug ("Cannot ask the server for names: %s", error->message);
      return NULL;
    }
  if (!json_object_has_member (info, "members") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (info, "members")))
    return NULL;
  members = json_object_get_array_member (info, "members");
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "person", NULL), member) == 0)
        return g_strdup (json_object_get_string_member_with_default (object, "display_name", NULL));
    }
  return NULL;
}

static char *
evidence_path (const char *output)
{
  if (opt_evidence != NULL)
    return g_strdup (opt_evidence);
  if (g_str_has_suffix (output, ".json"))
    {
      g_autofree char *stem = g_strndup (output, strlen (output) - strlen (".json"));

      return g_strconcat (stem, ".commons", NULL);
    }
  return g_strconcat (output, ".commons", NULL);
}

static gboolean
badge_export (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autoptr(JsonNode) credential = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(CommonsBadgeCredentialInfo) info = NULL;
  g_autofree char *member = NULL;
  g_autofree char *name = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *evidence = NULL;

  if (opt_badge == NULL || opt_output == NULL)
    return commons_cli_usage_error (error, _("badge export needs --badge and --output"));
  recognition = load (cli, args[0], &group, error);
  if (recognition == NULL)
    return FALSE;
  member = find_member (cli, recognition, args[1], error);
  if (member == NULL)
    return FALSE;
  if (g_strcmp0 (group->role, "organizer") != 0)
    {
      g_set_error_literal (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_FAILED,
                           _("Only an organizer of the group issues its credentials: "
                             "ask one to run badge export for you"));
      return FALSE;
    }

  if (opt_name != NULL)
    name = g_strdup (opt_name);
  else if (commons_store_is_me (cli->store, member))
    name = g_strdup (group->display_name);
  else
    name = name_from_server (cli, group, member);
  if (name == NULL || *name == '\0')
    return commons_cli_usage_error (error, _("The server cannot be asked for the member’s name: give it with --name"));

  seed = _commons_store_dup_signing_key (cli->store, error);
  if (seed == NULL)
    return FALSE;
  credential = commons_badge_credential_issue (recognition, group->name, member, name, opt_badge, seed, NULL, error);
  if (credential == NULL)
    return FALSE;

  /* What it names, read back as a verifier will, so a credential that
   * would not verify is never written. */
  info = commons_badge_credential_verify (credential, NULL, NULL, error);
  if (info == NULL)
    return FALSE;
  for (guint i = 0; info->evidence[i] != NULL; i++)
    g_ptr_array_add (ids, info->evidence[i]);
  g_ptr_array_add (ids, NULL);
  bundle = commons_bundle_export_revisions (cli->store, (const char * const *) ids->pdata, error);
  if (bundle == NULL)
    return FALSE;

  text = json_to_string (credential, TRUE);
  evidence = evidence_path (opt_output);
  if (!g_file_set_contents (opt_output, text, -1, error) ||
      !g_file_set_contents (evidence, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle), error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      commons_cli_add_string (builder, "credential", opt_output);
      commons_cli_add_string (builder, "evidence", evidence);
      commons_cli_add_string (builder, "badge", info->badge);
      commons_cli_add_string (builder, "member", info->member);
      commons_cli_add_string (builder, "earned", info->earned);
      json_builder_end_object (builder);
      commons_cli_print_builder (builder);
    }
  else
    /* Translators: the credential's file, then its evidence's. */
    g_print (_("Wrote %s and its evidence %s\n"), opt_output, evidence);
  return TRUE;
}

static gboolean
badge_verify (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) credential = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GHashTable) damaged = NULL;
  g_autoptr(CommonsBadgeCredentialInfo) info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *member = NULL;
  gsize length = 0;

  if (!g_file_get_contents (args[0], &text, &length, error))
    return FALSE;
  if (length > COMMONS_BADGE_CREDENTIAL_MAX_SIZE)
    {
      g_set_error_literal (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_DATA,
                           _("The file is larger than any credential Commons writes"));
      return FALSE;
    }
  credential = commons_json_parse (text, length, &local_error);
  if (credential == NULL)
    {
      g_set_error (error, COMMONS_CLI_ERROR, COMMONS_CLI_ERROR_DATA,
                   _("The file is not a credential (%s)"), local_error->message);
      return FALSE;
    }
  if (args[1] != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMappedFile) file = g_mapped_file_new (args[1], FALSE, error);

      if (file == NULL)
        return FALSE;
      bytes = g_mapped_file_get_bytes (file);
      evidence = commons_bundle_read_revisions (bytes, &damaged, error);
      if (evidence == NULL)
        return FALSE;
    }

  info = commons_badge_credential_verify (credential, evidence, damaged, error);
  if (info == NULL)
    return FALSE;
  issuer = commons_did_key_from_person (info->issuer);
  member = commons_did_key_from_person (info->member);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "evidence_checked");
      json_builder_add_boolean_value (builder, info->evidence_checked);
      commons_cli_add_string (builder, "badge", info->badge);
      commons_cli_add_string (builder, "badge_name", info->badge_name);
      commons_cli_add_string (builder, "member", info->member);
      commons_cli_add_string (builder, "member_name", info->member_name);
      commons_cli_add_string (builder, "member_did", member);
      commons_cli_add_string (builder, "group", info->group);
      commons_cli_add_string (builder, "group_name", info->group_name);
      commons_cli_add_string (builder, "issuer", info->issuer);
      commons_cli_add_string (builder, "issuer_did", issuer);
      commons_cli_add_string (builder, "earned", info->earned);
      commons_cli_add_string (builder, "issued", info->issued);
      json_builder_set_member_name (builder, "evidence");
      json_builder_add_int_value (builder, g_strv_length (info->evidence));
      json_builder_end_object (builder);
      commons_cli_print_builder (builder);
      return TRUE;
    }

  /* Translators: a badge's name, the member's name, and when it was
   * earned; then the group's name. */
  g_print (_("The signature holds: “%s”, earned by %s on %s in the group “%s”\n"),
           info->badge_name != NULL ? info->badge_name : info->badge,
           info->member_name != NULL ? info->member_name : member, info->earned, info->group_name);
  /* Translators: %s is a did:key, the key that signed. */
  g_print (_("Signed by %s\n"), issuer);
  if (info->evidence_checked)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "The evidence (%u revision, each signed by its author) earns the badge, and the signer wrote the group’s rules, which only an organizer can\n",
                          "The evidence (%u revisions, each signed by its author) earns the badge, and the signer wrote the group’s rules, which only an organizer can\n",
                          g_strv_length (info->evidence)),
             g_strv_length (info->evidence));
  else
    g_print ("%s\n", _("The evidence was not checked: give its .commons file as well to check that the badge was earned and that the signer organizes the group"));
  return TRUE;
}

const CommonsCliCommand commons_cli_member_commands[] = {
  { "member", "show", N_("GROUP [MEMBER]"), N_("What a member did in a group, their badges and timeline (default: you)"), NULL, 1, 2, member_show },
  { NULL }
};

const CommonsCliCommand commons_cli_badge_commands[] = {
  { "badge", "list", N_("[GROUP [MEMBER]]"), N_("The badges a member earned, or every badge’s rule"), NULL, 0, 2, badge_list },
  { "badge", "export", N_("GROUP [MEMBER]"), N_("Issue a badge as a signed credential with its evidence (organizers)"), export_options, 1, 2, badge_export },
  { "badge", "verify", N_("FILE [EVIDENCE]"), N_("Check a credential’s signature and, with its evidence, that it was earned"), NULL, 1, 2, badge_verify, TRUE },
  { NULL }
};
