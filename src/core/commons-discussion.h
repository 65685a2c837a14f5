/* commons-discussion.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "commons-store.h"

G_BEGIN_DECLS

/* Discussion: comments under a plan, and a group's questions, answers and
 * votes. Each is an ordinary record in the revision model (signed, synced,
 * checked on both sides, quarantined when bad), in the scope of what it
 * belongs to: a comment in its plan's scope, a question in the group it is
 * asked in, an answer in its question's, a vote in its answer's.
 *
 * Fields (types and shape are checked by commons_discussion_check_fields()):
 *
 *   comment   plan (record id), plan_revision (revision id), reply_to
 *             (record id of a top-level comment, optional), body (text),
 *             deleted (boolean, optional)
 *   question  title (text), body (text), language (text), plan (record id,
 *             optional), accepted (record id of an answer, optional)
 *   answer    question (record id), body (text), deleted (boolean, optional)
 *   vote      answer (record id), value (-1, 0 or 1)
 *
 * Only the author of a record's first revision writes later revisions of
 * it. A vote's record id is derived from its voter and its answer
 * (commons_discussion_dup_vote_id()), so a member has one vote per answer
 * and only that member may write it. Counts (comments, answers, votes) are
 * always derived from the records, never stored in their fields. */

#define COMMONS_COMMENT_KIND  "comment"
#define COMMONS_QUESTION_KIND "question"
#define COMMONS_ANSWER_KIND   "answer"
#define COMMONS_VOTE_KIND     "vote"

/* Limits every client accepts, and the server too. */
#define COMMONS_DISCUSSION_MAX_TITLE 500
#define COMMONS_DISCUSSION_MAX_BODY  (64 * 1024)

#define COMMONS_DISCUSSION_ERROR (commons_discussion_error_quark ())

typedef enum
{
  /* Fields of the wrong type or shape, or an empty title or body. */
  COMMONS_DISCUSSION_ERROR_INVALID,
  /* The plan, comment, question or answer named is not held. */
  COMMONS_DISCUSSION_ERROR_NOT_FOUND,
  /* Only a record's author edits or deletes it; only the asker accepts. */
  COMMONS_DISCUSSION_ERROR_NOT_AUTHOR,
  /* A reply to a reply: there is one level of replies. */
  COMMONS_DISCUSSION_ERROR_NESTED_REPLY,
  /* An answer accepted for another question, a reply under another plan. */
  COMMONS_DISCUSSION_ERROR_MISMATCH,
  /* Questions are asked in a group this person belongs to. */
  COMMONS_DISCUSSION_ERROR_NOT_A_GROUP,
  /* A question others have answered stays for them. */
  COMMONS_DISCUSSION_ERROR_ANSWERED,
} CommonsDiscussionError;

typedef enum
{
  COMMONS_QUESTION_SORT_NEWEST,
  /* Those without an accepted answer, and among them those without any
   * answer first; newest first within each. An accepted answer that was
   * deleted counts as none. */
  COMMONS_QUESTION_SORT_UNANSWERED,
  /* By the sum of the votes on their answers, then newest. */
  COMMONS_QUESTION_SORT_MOST_VOTED,
} CommonsQuestionSort;

GQuark      commons_discussion_error_quark (void);

/* The checks both sides run on what arrives (DESIGN.md, "Two checks").
 * Types and shape only, so what passes can always be shown and edited. */
gboolean    commons_discussion_is_kind           (const char   *kind);
gboolean    commons_discussion_check_fields      (const char   *kind,
                                                  JsonObject   *fields,
                                                  GError      **error);
/* Whether @author may write a revision of @record of a discussion @kind
 * with @fields, given the author of the record's first revision
 * (@first_author, %NULL when this is the first). Authorless merges are
 * not asked about. */
gboolean    commons_discussion_check_author      (const char   *kind,
                                                  const char   *record,
                                                  JsonObject   *fields,
                                                  const char   *author,
                                                  const char   *first_author,
                                                  GError      **error);
char       *commons_discussion_dup_vote_id       (const char   *person,
                                                  const char   *answer);

/* CommonsComment: one comment as listed, a snapshot. */
#define COMMONS_TYPE_COMMENT (commons_comment_get_type ())

G_DECLARE_FINAL_TYPE (CommonsComment, commons_comment, COMMONS, COMMENT, GObject)

const char *commons_comment_get_record        (CommonsComment *self);
const char *commons_comment_get_plan          (CommonsComment *self);
const char *commons_comment_get_plan_revision (CommonsComment *self);
/* The time of the plan version it was written about, or %NULL if that
 * version is not held. */
const char *commons_comment_get_plan_revision_time (CommonsComment *self);
/* (nullable): the top-level comment this replies to */
const char *commons_comment_get_reply_to      (CommonsComment *self);
/* "" for a deleted comment. */
const char *commons_comment_get_body          (CommonsComment *self);
const char *commons_comment_get_author        (CommonsComment *self);
const char *commons_comment_get_created       (CommonsComment *self);
const char *commons_comment_get_updated       (CommonsComment *self);
gboolean    commons_comment_get_deleted       (CommonsComment *self);
gboolean    commons_comment_get_edited        (CommonsComment *self);
gboolean    commons_comment_get_mine          (CommonsComment *self);
/* Arrived since the person last opened the plan, written by someone else. */
gboolean    commons_comment_get_is_new        (CommonsComment *self);
guint       commons_comment_get_n_replies     (CommonsComment *self);

/* CommonsQuestion: one question as listed, with its derived counts. */
#define COMMONS_TYPE_QUESTION (commons_question_get_type ())

G_DECLARE_FINAL_TYPE (CommonsQuestion, commons_question, COMMONS, QUESTION, GObject)

const char *commons_question_get_record       (CommonsQuestion *self);
const char *commons_question_get_group        (CommonsQuestion *self);
const char *commons_question_get_title        (CommonsQuestion *self);
const char *commons_question_get_body         (CommonsQuestion *self);
const char *commons_question_get_language     (CommonsQuestion *self);
/* (nullable) */
const char *commons_question_get_plan         (CommonsQuestion *self);
/* (nullable): the accepted answer's record id, while that answer is
 * held and not deleted */
const char *commons_question_get_accepted     (CommonsQuestion *self);
const char *commons_question_get_asker        (CommonsQuestion *self);
const char *commons_question_get_created      (CommonsQuestion *self);
gboolean    commons_question_get_mine         (CommonsQuestion *self);
guint       commons_question_get_n_answers    (CommonsQuestion *self);
/* The sum of the votes on its answers. */
int         commons_question_get_score        (CommonsQuestion *self);
/* The question itself, or answers to it, arrived since the person last
 * opened it, written by someone else. */
gboolean    commons_question_get_is_new       (CommonsQuestion *self);
guint       commons_question_get_n_new_answers (CommonsQuestion *self);

/* CommonsAnswer: one answer as listed, with its derived score. */
#define COMMONS_TYPE_ANSWER (commons_answer_get_type ())

G_DECLARE_FINAL_TYPE (CommonsAnswer, commons_answer, COMMONS, ANSWER, GObject)

const char *commons_answer_get_record         (CommonsAnswer *self);
const char *commons_answer_get_question       (CommonsAnswer *self);
const char *commons_answer_get_body           (CommonsAnswer *self);
const char *commons_answer_get_author         (CommonsAnswer *self);
const char *commons_answer_get_created        (CommonsAnswer *self);
const char *commons_answer_get_updated        (CommonsAnswer *self);
gboolean    commons_answer_get_mine           (CommonsAnswer *self);
gboolean    commons_answer_get_accepted       (CommonsAnswer *self);
gboolean    commons_answer_get_is_new         (CommonsAnswer *self);
int         commons_answer_get_score          (CommonsAnswer *self);
guint       commons_answer_get_n_up           (CommonsAnswer *self);
guint       commons_answer_get_n_down         (CommonsAnswer *self);
/* This person's vote: -1, 0 or 1. */
int         commons_answer_get_my_vote        (CommonsAnswer *self);

/* CommonsDiscussionHit: a search result or a notable arrival. */
#define COMMONS_TYPE_DISCUSSION_HIT (commons_discussion_hit_get_type ())

G_DECLARE_FINAL_TYPE (CommonsDiscussionHit, commons_discussion_hit, COMMONS, DISCUSSION_HIT, GObject)

/* The comment, question or answer. */
const char *commons_discussion_hit_get_record (CommonsDiscussionHit *self);
const char *commons_discussion_hit_get_kind   (CommonsDiscussionHit *self);
/* What it is shown under: the plan of a comment, the question of an
 * answer, the question itself. */
const char *commons_discussion_hit_get_target (CommonsDiscussionHit *self);
/* The title of the target. */
const char *commons_discussion_hit_get_title  (CommonsDiscussionHit *self);
/* Words around the matches, marked with COMMONS_MATCH_START/END
 * (commons-record-list.h); for an arrival, the start of its text. */
const char *commons_discussion_hit_get_snippet (CommonsDiscussionHit *self);
const char *commons_discussion_hit_get_author (CommonsDiscussionHit *self);
const char *commons_discussion_hit_get_scope  (CommonsDiscussionHit *self);

/* Comments. The comment is written in the plan's scope, about the plan's
 * current version. */
char       *commons_discussion_add_comment    (CommonsStore   *store,
                                               const char     *plan,
                                               const char     *reply_to,
                                               const char     *body,
                                               GError        **error);
gboolean    commons_discussion_edit_comment   (CommonsStore   *store,
                                               const char     *comment,
                                               const char     *body,
                                               GError        **error);
/* Keeps the record with deleted set: replies stay under it. */
gboolean    commons_discussion_delete_comment (CommonsStore   *store,
                                               const char     *comment,
                                               GError        **error);
/* (element-type CommonsComment): top-level comments oldest first, each
 * followed by its replies oldest first. A deleted comment is listed only
 * where it has replies to show. */
GListModel *commons_discussion_list_comments  (CommonsStore   *store,
                                               const char     *plan,
                                               GError        **error);
CommonsComment *commons_discussion_get_comment (CommonsStore  *store,
                                                const char    *comment,
                                                GError       **error);
/* Comments not deleted. */
guint       commons_discussion_count_comments (CommonsStore   *store,
                                               const char     *plan);
/* (element-type utf8 guint): plan id → its number of comments, for every
 * plan with at least one, in @scope or everywhere when %NULL. */
GHashTable *commons_discussion_count_comments_by_plan (CommonsStore *store,
                                                       const char   *scope,
                                                       GError      **error);

/* Questions and answers. */
char       *commons_discussion_ask            (CommonsStore   *store,
                                               const char     *group,
                                               const char     *title,
                                               const char     *body,
                                               const char     *language,
                                               const char     *plan,
                                               GError        **error);
gboolean    commons_discussion_edit_question  (CommonsStore   *store,
                                               const char     *question,
                                               const char     *title,
                                               const char     *body,
                                               const char     *language,
                                               const char     *plan,
                                               GError        **error);
gboolean    commons_discussion_delete_question (CommonsStore  *store,
                                               const char     *question,
                                               GError        **error);
CommonsQuestion *commons_discussion_get_question (CommonsStore *store,
                                                  const char   *question,
                                                  GError      **error);
/* (element-type CommonsQuestion) */
GListModel *commons_discussion_list_questions (CommonsStore        *store,
                                               const char          *group,
                                               CommonsQuestionSort  sort,
                                               GError             **error);
char       *commons_discussion_add_answer     (CommonsStore   *store,
                                               const char     *question,
                                               const char     *body,
                                               GError        **error);
gboolean    commons_discussion_edit_answer    (CommonsStore   *store,
                                               const char     *answer,
                                               const char     *body,
                                               GError        **error);
gboolean    commons_discussion_delete_answer  (CommonsStore   *store,
                                               const char     *answer,
                                               GError        **error);
/* (element-type CommonsAnswer): the accepted one first, then by score,
 * then oldest first. Deleted answers are not listed. */
GListModel *commons_discussion_list_answers   (CommonsStore   *store,
                                               const char     *question,
                                               GError        **error);
/* The asker accepts one answer; %NULL withdraws the acceptance. */
gboolean    commons_discussion_accept         (CommonsStore   *store,
                                               const char     *question,
                                               const char     *answer,
                                               GError        **error);
/* One vote per person per answer; a later vote replaces it, 0 withdraws. */
gboolean    commons_discussion_vote           (CommonsStore   *store,
                                               const char     *answer,
                                               int             value,
                                               GError        **error);

/* Search: questions and answers of @group (every group when %NULL) whose
 * words match @search, folded as notes and plans are; those that came to
 * this device last first, at most a few hundred.
 * (element-type CommonsDiscussionHit) */
GListModel *commons_discussion_search         (CommonsStore   *store,
                                               const char     *group,
                                               const char     *search,
                                               GError        **error);

/* "New since last opened": local to this device, never synced. */
gboolean    commons_discussion_mark_seen      (CommonsStore   *store,
                                               const char     *record,
                                               GError        **error);
/* Comments on the group's plans and questions and answers in it that
 * arrived since their plan or question was last opened, by others. */
guint       commons_discussion_count_new      (CommonsStore   *store,
                                               const char     *group);

/* Notifications. A stamp of what the store holds now, and what arrived
 * after a stamp that this person would want to hear of: answers to their
 * questions and comments on their plans, by others.
 * (element-type CommonsDiscussionHit) */
gint64      commons_discussion_get_stamp      (CommonsStore   *store);
GListModel *commons_discussion_list_arrivals  (CommonsStore   *store,
                                               gint64          since,
                                               GError        **error);

G_END_DECLS
