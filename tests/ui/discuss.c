/* discuss.c — write a comment, an answer or a vote as another member would
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: discuss DATA_DIR comment PLAN BODY
 *        discuss DATA_DIR reply PLAN TEXT BODY
 *        discuss DATA_DIR answer QUESTION BODY
 *        discuss DATA_DIR vote ANSWER VALUE
 *        discuss DATA_DIR questions GROUP
 *
 * test-discussion drives the app as one member; the other member writes
 * through the same core, in a data folder of its own, and syncs with
 * commons-cli. reply answers the comment on PLAN whose text is TEXT.
 * Prints the record id written, or, for questions, the ids of the
 * group's questions one per line.
 */

#include "config.h"

#include <stdlib.h>

#include "commons-discussion.h"
#include "commons-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autofree char *path = NULL;
  g_autofree char *written = NULL;
  const char *command;

  if (argc < 4)
    {
      g_printerr ("Usage: %s DATA_DIR comment|answer|vote|questions ARGS…\n", argv[0]);
      return 2;
    }
  path = g_build_filename (argv[1], "commons.db", NULL);
  store = commons_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  command = argv[2];
  if (g_str_equal (command, "comment") && argc == 5)
    written = commons_discussion_add_comment (store, argv[3], NULL, argv[4], &error);
  else if (g_str_equal (command, "reply") && argc == 6)
    {
      g_autoptr(GListModel) comments = commons_discussion_list_comments (store, argv[3], &error);
      const char *to = NULL;

      for (guint i = 0; comments != NULL && i < g_list_model_get_n_items (comments); i++)
        {
          g_autoptr(CommonsComment) comment = g_list_model_get_item (comments, i);

          if (g_str_equal (commons_comment_get_body (comment), argv[4]))
            to = g_intern_string (commons_comment_get_record (comment));
        }
      if (comments != NULL && to == NULL)
        g_set_error (&error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                     "No comment says “%s”", argv[4]);
      if (to != NULL)
        written = commons_discussion_add_comment (store, argv[3], to, argv[5], &error);
    }
  else if (g_str_equal (command, "answer") && argc == 5)
    written = commons_discussion_add_answer (store, argv[3], argv[4], &error);
  else if (g_str_equal (command, "vote") && argc == 5)
    written = commons_discussion_vote (store, argv[3], atoi (argv[4]), &error) ? g_strdup (argv[3]) : NULL;
  else if (g_str_equal (command, "questions") && argc == 4)
    {
      g_autoptr(GListModel) questions = commons_discussion_list_questions (store, argv[3],
                                                                           COMMONS_QUESTION_SORT_NEWEST, &error);

      if (questions == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
        {
          g_autoptr(CommonsQuestion) question = g_list_model_get_item (questions, i);

          g_print ("%s\n", commons_question_get_record (question));
        }
      return 0;
    }
  else
    {
      g_printerr ("Usage: %s DATA_DIR comment|reply|answer|vote|questions ARGS…\n", argv[0]);
      return 2;
    }

  if (written == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\n", written);
  return 0;
}
