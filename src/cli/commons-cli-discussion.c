/* commons-cli-discussion.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-cli-private.h"
#include "commons-discussion.h"
#include "commons-plan.h"
#include "commons-record-list.h"

/* Comments under a plan, and a group's questions, answers and votes, as
 * the app's pages write them. */

static char *opt_plan;
static char *opt_reply_to;
static char *opt_body;
static char *opt_body_file;
static char *opt_group;
static char *opt_title;
static char *opt_language;
static char *opt_sort;
static char *opt_search;
static char *opt_question;

static const GOptionEntry comment_add_options[] = {
  { "plan", 0, 0, G_OPTION_ARG_STRING, &opt_plan, N_("The plan to comment on; your comment is about its current version"), N_("ID") },
  { "reply-to", 0, 0, G_OPTION_ARG_STRING, &opt_reply_to, N_("Reply to this comment on the same plan"), N_("ID") },
  { "body", 0, 0, G_OPTION_ARG_STRING, &opt_body, N_("What you say"), N_("TEXT") },
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
  { NULL }
};

static const GOptionEntry comment_list_options[] = {
  { "plan", 0, 0, G_OPTION_ARG_STRING, &opt_plan, N_("The plan whose comments to list"), N_("ID") },
  { NULL }
};

static const GOptionEntry body_options[] = {
  { "body", 0, 0, G_OPTION_ARG_STRING, &opt_body, N_("What you say"), N_("TEXT") },
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
  { NULL }
};

static const GOptionEntry ask_options[] = {
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("The group to ask"), N_("GROUP") },
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("The question, in a line"), N_("TEXT") },
  { "body", 0, 0, G_OPTION_ARG_STRING, &opt_body, N_("More about it"), N_("TEXT") },
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
  { "language", 0, 0, G_OPTION_ARG_STRING, &opt_language, N_("The language it is asked in, such as fr or pt-BR"), N_("TAG") },
  { "plan", 0, 0, G_OPTION_ARG_STRING, &opt_plan, N_("A plan the question is about"), N_("ID") },
  { NULL }
};

static const GOptionEntry question_edit_options[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("The question, in a line"), N_("TEXT") },
  { "body", 0, 0, G_OPTION_ARG_STRING, &opt_body, N_("More about it"), N_("TEXT") },
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
  { "language", 0, 0, G_OPTION_ARG_STRING, &opt_language, N_("The language it is asked in, such as fr or pt-BR"), N_("TAG") },
  { "plan", 0, 0, G_OPTION_ARG_STRING, &opt_plan, N_("A plan the question is about; \"\" for none"), N_("ID") },
  { NULL }
};

static const GOptionEntry question_list_options[] = {
  { "group", 0, 0, G_OPTION_ARG_STRING, &opt_group, N_("The group whose questions to list"), N_("GROUP") },
  { "sort", 0, 0, G_OPTION_ARG_STRING, &opt_sort, N_("newest (the default), unanswered or votes"), N_("ORDER") },
  { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search, N_("Only questions and answers with these words"), N_("WORDS") },
  { NULL }
};

static const GOptionEntry answer_add_options[] = {
  { "question", 0, 0, G_OPTION_ARG_STRING, &opt_question, N_("The question to answer"), N_("ID") },
  { "body", 0, 0, G_OPTION_ARG_STRING, &opt_body, N_("Your answer"), N_("TEXT") },
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_body_file, N_("Read the text from FILE (- for standard input)"), N_("FILE") },
  { NULL }
};

static const GOptionEntry no_options[] = {
  { NULL }
};

static char *
find_group_id (CommonsCli  *cli,
               const char  *name,
               GError     **error)
{
  g_autoptr(CommonsGroup) group = commons_cli_find_group (cli, name, error);

  return group != NULL ? g_strdup (group->id) : NULL;
}

static void
add_comment (JsonBuilder    *builder,
             CommonsComment *comment)
{
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", commons_comment_get_record (comment));
  commons_cli_add_string (builder, "plan", commons_comment_get_plan (comment));
  commons_cli_add_string (builder, "plan_revision", commons_comment_get_plan_revision (comment));
  commons_cli_add_string (builder, "plan_revision_time", commons_comment_get_plan_revision_time (comment));
  commons_cli_add_string (builder, "reply_to", commons_comment_get_reply_to (comment));
  commons_cli_add_string (builder, "author", commons_comment_get_author (comment));
  commons_cli_add_string (builder, "created", commons_comment_get_created (comment));
  commons_cli_add_string (builder, "updated", commons_comment_get_updated (comment));
  commons_cli_add_string (builder, "body", commons_comment_get_body (comment));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, commons_comment_get_deleted (comment));
  json_builder_set_member_name (builder, "new");
  json_builder_add_boolean_value (builder, commons_comment_get_is_new (comment));
  json_builder_set_member_name (builder, "replies");
  json_builder_add_int_value (builder, commons_comment_get_n_replies (comment));
  json_builder_end_object (builder);
}

static gboolean
print_comment (CommonsCli  *cli,
               const char  *id,
               GError     **error)
{
  g_autoptr(CommonsComment) comment = commons_discussion_get_comment (cli->store, id, error);

  if (comment == NULL)
    return FALSE;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      add_comment (builder, comment);
      commons_cli_print_builder (builder);
    }
  else
    g_print ("%s\n", id);
  return TRUE;
}

static gboolean
comment_add (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  if (opt_plan == NULL)
    return commons_cli_usage_error (error, _("comment add needs --plan"));
  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  if (body == NULL)
    return commons_cli_usage_error (error, _("comment add needs --body or --body-file"));
  id = commons_discussion_add_comment (cli->store, opt_plan, opt_reply_to, body, error);
  return id != NULL && print_comment (cli, id, error);
}

static gboolean
comment_list (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autoptr(GListModel) comments = NULL;
  g_autoptr(CommonsRevision) plan = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (opt_plan == NULL)
    return commons_cli_usage_error (error, _("comment list needs --plan"));
  plan = commons_cli_load_record (cli, opt_plan, COMMONS_PLAN_KIND, TRUE, error);
  if (plan == NULL)
    return FALSE;
  comments = commons_discussion_list_comments (cli->store, opt_plan, error);
  if (comments == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "plan", opt_plan);
  json_builder_set_member_name (builder, "comments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (comments); i++)
    {
      g_autoptr(CommonsComment) comment = g_list_model_get_item (comments, i);

      if (cli->json)
        add_comment (builder, comment);
      else
        g_print ("%s%s\t%s\t%s\n",
                 commons_comment_get_reply_to (comment) != NULL ? "  " : "",
                 commons_comment_get_record (comment), commons_comment_get_created (comment),
                 commons_comment_get_deleted (comment) ? _("Comment deleted") : commons_comment_get_body (comment));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
comment_edit (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autofree char *body = NULL;

  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  if (body == NULL)
    return commons_cli_usage_error (error, _("comment edit needs --body or --body-file"));
  return commons_discussion_edit_comment (cli->store, args[0], body, error) &&
         print_comment (cli, args[0], error);
}

static gboolean
comment_delete (CommonsCli  *cli,
                char       **args,
                GError     **error)
{
  if (!commons_discussion_delete_comment (cli->store, args[0], error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "deleted");
  return TRUE;
}

static void
add_question (JsonBuilder     *builder,
              CommonsQuestion *question)
{
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", commons_question_get_record (question));
  commons_cli_add_string (builder, "group", commons_question_get_group (question));
  commons_cli_add_string (builder, "title", commons_question_get_title (question));
  commons_cli_add_string (builder, "body", commons_question_get_body (question));
  commons_cli_add_string (builder, "language", commons_question_get_language (question));
  commons_cli_add_string (builder, "plan", commons_question_get_plan (question));
  commons_cli_add_string (builder, "accepted", commons_question_get_accepted (question));
  commons_cli_add_string (builder, "asker", commons_question_get_asker (question));
  commons_cli_add_string (builder, "created", commons_question_get_created (question));
  json_builder_set_member_name (builder, "answers");
  json_builder_add_int_value (builder, commons_question_get_n_answers (question));
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, commons_question_get_score (question));
  json_builder_set_member_name (builder, "new");
  json_builder_add_boolean_value (builder, commons_question_get_is_new (question));
  json_builder_set_member_name (builder, "new_answers");
  json_builder_add_int_value (builder, commons_question_get_n_new_answers (question));
  json_builder_end_object (builder);
}

static void
add_answer (JsonBuilder   *builder,
            CommonsAnswer *answer)
{
  json_builder_begin_object (builder);
  commons_cli_add_string (builder, "id", commons_answer_get_record (answer));
  commons_cli_add_string (builder, "question", commons_answer_get_question (answer));
  commons_cli_add_string (builder, "author", commons_answer_get_author (answer));
  commons_cli_add_string (builder, "created", commons_answer_get_created (answer));
  commons_cli_add_string (builder, "body", commons_answer_get_body (answer));
  json_builder_set_member_name (builder, "accepted");
  json_builder_add_boolean_value (builder, commons_answer_get_accepted (answer));
  json_builder_set_member_name (builder, "score");
  json_builder_add_int_value (builder, commons_answer_get_score (answer));
  json_builder_set_member_name (builder, "up");
  json_builder_add_int_value (builder, commons_answer_get_n_up (answer));
  json_builder_set_member_name (builder, "down");
  json_builder_add_int_value (builder, commons_answer_get_n_down (answer));
  json_builder_set_member_name (builder, "my_vote");
  json_builder_add_int_value (builder, commons_answer_get_my_vote (answer));
  json_builder_end_object (builder);
}

static gboolean
show_question (CommonsCli  *cli,
               const char  *id,
               GError     **error)
{
  g_autoptr(CommonsQuestion) question = commons_discussion_get_question (cli->store, id, error);
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (question == NULL)
    return FALSE;
  answers = commons_discussion_list_answers (cli->store, id, error);
  if (answers == NULL)
    return FALSE;

  if (!cli->json)
    g_print ("%s\n%s\n", commons_question_get_title (question), commons_question_get_body (question));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "question");
  add_question (builder, question);
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (answers); i++)
    {
      g_autoptr(CommonsAnswer) answer = g_list_model_get_item (answers, i);

      if (cli->json)
        add_answer (builder, answer);
      else
        g_print ("%s\t%+d%s\t%s\n", commons_answer_get_record (answer), commons_answer_get_score (answer),
                 /* Translators: marks the accepted answer in a list. */
                 commons_answer_get_accepted (answer) ? _(" (accepted)") : "",
                 commons_answer_get_body (answer));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
question_ask (CommonsCli  *cli,
              char       **args,
              GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *group = NULL;
  g_autofree char *id = NULL;

  if (opt_group == NULL || opt_title == NULL)
    return commons_cli_usage_error (error, _("question ask needs --group and --title"));
  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  group = find_group_id (cli, opt_group, error);
  if (group == NULL)
    return FALSE;
  id = commons_discussion_ask (cli->store, group, opt_title, body, opt_language, opt_plan, error);
  return id != NULL && show_question (cli, id, error);
}

/* What is not given stays as it is. */
static gboolean
question_edit (CommonsCli  *cli,
               char       **args,
               GError     **error)
{
  g_autoptr(CommonsQuestion) question = NULL;
  g_autofree char *body = NULL;

  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  if (opt_title == NULL && body == NULL && opt_language == NULL && opt_plan == NULL)
    return commons_cli_usage_error (error, _("question edit needs --title, --body, --body-file, --language or --plan"));
  question = commons_discussion_get_question (cli->store, args[0], error);
  if (question == NULL)
    return FALSE;
  return commons_discussion_edit_question (cli->store, args[0],
                                           opt_title != NULL ? opt_title : commons_question_get_title (question),
                                           body != NULL ? body : commons_question_get_body (question),
                                           opt_language != NULL ? opt_language : commons_question_get_language (question),
                                           opt_plan, error) &&
         show_question (cli, args[0], error);
}

static gboolean
question_delete (CommonsCli  *cli,
                 char       **args,
                 GError     **error)
{
  if (!commons_discussion_delete_question (cli->store, args[0], error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "deleted");
  return TRUE;
}

static gboolean
question_list (CommonsCli  *cli,
               char       **args,
               GError     **error)
{
  static const char * const sorts[] = {
    [COMMONS_QUESTION_SORT_NEWEST] = "newest",
    [COMMONS_QUESTION_SORT_UNANSWERED] = "unanswered",
    [COMMONS_QUESTION_SORT_MOST_VOTED] = "votes",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GListModel) questions = NULL;
  g_autofree char *group = NULL;
  CommonsQuestionSort sort = COMMONS_QUESTION_SORT_NEWEST;
  gboolean known = opt_sort == NULL;

  if (opt_group == NULL)
    return commons_cli_usage_error (error, _("question list needs --group"));
  for (guint i = 0; opt_sort != NULL && i < G_N_ELEMENTS (sorts); i++)
    if (g_str_equal (opt_sort, sorts[i]))
      {
        sort = i;
        known = TRUE;
      }
  if (!known)
    return commons_cli_usage_error (error, _("--sort is newest, unanswered or votes, not “%s”"), opt_sort);
  group = find_group_id (cli, opt_group, error);
  if (group == NULL)
    return FALSE;

  json_builder_begin_object (builder);
  if (opt_search != NULL)
    {
      g_autoptr(GListModel) hits = commons_discussion_search (cli->store, group, opt_search, error);

      if (hits == NULL)
        return FALSE;
      json_builder_set_member_name (builder, "hits");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (hits); i++)
        {
          g_autoptr(CommonsDiscussionHit) hit = g_list_model_get_item (hits, i);
          g_autofree char *snippet = g_strdup (commons_discussion_hit_get_snippet (hit));

          /* Plain output marks matches with brackets; JSON keeps them
           * plain, as search does. */
          for (char *p = snippet; *p != '\0'; p++)
            {
              if (*p == COMMONS_MATCH_START[0])
                *p = cli->json ? ' ' : '[';
              else if (*p == COMMONS_MATCH_END[0])
                *p = cli->json ? ' ' : ']';
            }
          json_builder_begin_object (builder);
          commons_cli_add_string (builder, "id", commons_discussion_hit_get_record (hit));
          commons_cli_add_string (builder, "kind", commons_discussion_hit_get_kind (hit));
          commons_cli_add_string (builder, "question", commons_discussion_hit_get_target (hit));
          commons_cli_add_string (builder, "title", commons_discussion_hit_get_title (hit));
          commons_cli_add_string (builder, "snippet", snippet);
          json_builder_end_object (builder);
          if (!cli->json)
            g_print ("%s\t%s\t%s\n", commons_discussion_hit_get_target (hit),
                     commons_discussion_hit_get_title (hit), snippet);
        }
      json_builder_end_array (builder);
    }
  else
    {
      questions = commons_discussion_list_questions (cli->store, group, sort, error);
      if (questions == NULL)
        return FALSE;
      json_builder_set_member_name (builder, "questions");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
        {
          g_autoptr(CommonsQuestion) question = g_list_model_get_item (questions, i);

          if (cli->json)
            add_question (builder, question);
          else
            g_print ("%s\t%u\t%+d\t%s\n", commons_question_get_record (question),
                     commons_question_get_n_answers (question), commons_question_get_score (question),
                     commons_question_get_title (question));
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  if (cli->json)
    commons_cli_print_builder (builder);
  return TRUE;
}

static gboolean
question_show (CommonsCli  *cli,
               char       **args,
               GError     **error)
{
  /* Showing it is opening it: what it holds is no longer new. */
  return show_question (cli, args[0], error) &&
         commons_discussion_mark_seen (cli->store, args[0], error);
}

static gboolean
answer_add (CommonsCli  *cli,
            char       **args,
            GError     **error)
{
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  if (opt_question == NULL)
    return commons_cli_usage_error (error, _("answer add needs --question"));
  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  if (body == NULL)
    return commons_cli_usage_error (error, _("answer add needs --body or --body-file"));
  id = commons_discussion_add_answer (cli->store, opt_question, body, error);
  if (id == NULL)
    return FALSE;
  commons_cli_print_done (cli, id, "answered");
  return TRUE;
}

static gboolean
answer_edit (CommonsCli  *cli,
             char       **args,
             GError     **error)
{
  g_autofree char *body = NULL;

  if (!commons_cli_read_body (opt_body, opt_body_file, &body, error))
    return FALSE;
  if (body == NULL)
    return commons_cli_usage_error (error, _("answer edit needs --body or --body-file"));
  if (!commons_discussion_edit_answer (cli->store, args[0], body, error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "edited");
  return TRUE;
}

static gboolean
answer_delete (CommonsCli  *cli,
               char       **args,
               GError     **error)
{
  if (!commons_discussion_delete_answer (cli->store, args[0], error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "deleted");
  return TRUE;
}

/* The question an answer answers. */
static char *
question_of (CommonsCli  *cli,
             const char  *answer,
             GError     **error)
{
  g_autoptr(CommonsRevision) current = commons_cli_load_record (cli, answer, COMMONS_ANSWER_KIND, TRUE, error);
  const char *question;

  if (current == NULL)
    return NULL;
  question = commons_revision_get_string_field (current, "question");
  if (question == NULL)
    {
      commons_cli_not_found (error, _("The answer %s names no question"), answer);
      return NULL;
    }
  return g_strdup (question);
}

static gboolean
answer_accept (CommonsCli  *cli,
               char       **args,
               GError     **error)
{
  g_autofree char *question = question_of (cli, args[0], error);

  if (question == NULL || !commons_discussion_accept (cli->store, question, args[0], error))
    return FALSE;
  commons_cli_print_done (cli, args[0], "accepted");
  return TRUE;
}

static gboolean
vote (CommonsCli  *cli,
      char       **args,
      GError     **error)
{
  static const struct
  {
    const char *word;
    int         value;
  } values[] = {
    { "up", 1 },
    { "down", -1 },
    { "none", 0 },
  };
  g_autofree char *question = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (g_str_equal (args[1], values[i].word))
      {
        question = question_of (cli, args[0], error);
        if (question == NULL || !commons_discussion_vote (cli->store, args[0], values[i].value, error))
          return FALSE;
        commons_cli_print_done (cli, args[0], "voted");
        return TRUE;
      }
  return commons_cli_usage_error (error, _("A vote is up, down or none, not “%s”"), args[1]);
}

const CommonsCliCommand commons_cli_comment_commands[] = {
  { "comment", "add", "", N_("Comment on a plan, or reply to a comment"), comment_add_options, 0, 0, comment_add },
  { "comment", "list", "", N_("List a plan’s comments, replies under their comment"), comment_list_options, 0, 0, comment_list },
  { "comment", "edit", N_("ID"), N_("Change a comment you wrote"), body_options, 1, 1, comment_edit },
  { "comment", "delete", N_("ID"), N_("Delete a comment you wrote; its replies stay"), no_options, 1, 1, comment_delete },
  { NULL }
};

const CommonsCliCommand commons_cli_question_commands[] = {
  { "question", "ask", "", N_("Ask a group a question"), ask_options, 0, 0, question_ask },
  { "question", "list", "", N_("List a group’s questions, or search them and their answers"), question_list_options, 0, 0, question_list },
  { "question", "show", N_("ID"), N_("Show a question with its answers, the accepted one first"), no_options, 1, 1, question_show },
  { "question", "edit", N_("ID"), N_("Change a question you asked; what is not given stays"), question_edit_options, 1, 1, question_edit },
  { "question", "delete", N_("ID"), N_("Delete a question you asked, while nobody else has answered it"), no_options, 1, 1, question_delete },
  { NULL }
};

const CommonsCliCommand commons_cli_answer_commands[] = {
  { "answer", "add", "", N_("Answer a question"), answer_add_options, 0, 0, answer_add },
  { "answer", "accept", N_("ID"), N_("Accept an answer to a question you asked"), no_options, 1, 1, answer_accept },
  { "answer", "edit", N_("ID"), N_("Change an answer you wrote"), body_options, 1, 1, answer_edit },
  { "answer", "delete", N_("ID"), N_("Delete an answer you wrote"), no_options, 1, 1, answer_delete },
  { NULL }
};

const CommonsCliCommand commons_cli_vote_commands[] = {
  { "vote", NULL, N_("ANSWER up|down|none"), N_("Vote an answer up or down, or take your vote back"), no_options, 2, 2, vote },
  { NULL }
};
