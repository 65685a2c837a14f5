/* commons-discussion-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-discussion.h"
#include "commons-store-private.h"

G_BEGIN_DECLS

/* commons-discussion-types.c: snapshots filled in by the queries. */
struct _CommonsComment
{
  GObject   parent_instance;

  char     *record;
  char     *plan;
  char     *plan_revision;
  char     *plan_revision_time;
  char     *reply_to;
  char     *body;
  char     *author;
  char     *created;
  char     *updated;
  gboolean  deleted;
  gboolean  edited;
  gboolean  mine;
  gboolean  is_new;
  guint     n_replies;
};

struct _CommonsQuestion
{
  GObject   parent_instance;

  char     *record;
  char     *group;
  char     *title;
  char     *body;
  char     *language;
  char     *plan;
  char     *accepted;
  char     *asker;
  char     *created;
  gboolean  mine;
  guint     n_answers;
  int       score;
  gboolean  is_new;
  guint     n_new_answers;
};

struct _CommonsAnswer
{
  GObject   parent_instance;

  char     *record;
  char     *question;
  char     *body;
  char     *author;
  char     *created;
  char     *updated;
  gboolean  mine;
  gboolean  accepted;
  gboolean  is_new;
  int       score;
  guint     n_up;
  guint     n_down;
  int       my_vote;
};

struct _CommonsDiscussionHit
{
  GObject   parent_instance;

  char     *record;
  char     *kind;
  char     *target;
  char     *title;
  char     *snippet;
  char     *author;
  char     *scope;

  /* For a search hit, the snippet is made when it is first asked for:
   * a list asks only for the rows it shows. */
  CommonsStore *store;
  gint64        rowid;
  char         *match;
};

/* commons-discussion-store.c: the materialized tables of the discussion
 * kinds, registered in commons-kinds.c. */
gboolean  _commons_discussion_materialize_comment  (CommonsStore     *store,
                                                    gint64            rowid,
                                                    CommonsRevision  *head,
                                                    GError          **error);
gboolean  _commons_discussion_materialize_question (CommonsStore     *store,
                                                    gint64            rowid,
                                                    CommonsRevision  *head,
                                                    GError          **error);
gboolean  _commons_discussion_materialize_answer   (CommonsStore     *store,
                                                    gint64            rowid,
                                                    CommonsRevision  *head,
                                                    GError          **error);
gboolean  _commons_discussion_materialize_vote     (CommonsStore     *store,
                                                    gint64            rowid,
                                                    CommonsRevision  *head,
                                                    GError          **error);

/* The author of a revision this store holds of @record, or %NULL: for a
 * discussion record every authored revision has the same one. */
char     *_commons_discussion_dup_held_author      (CommonsStore     *store,
                                                    const char       *record);

G_END_DECLS
