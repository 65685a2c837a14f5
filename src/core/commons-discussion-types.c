/* commons-discussion-types.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-discussion"

#include "config.h"

#include "commons-discussion-private.h"
#include "commons-record-list.h"

/* What lists of comments, questions and answers hold: snapshots of the
 * materialized state with their derived counts, read-only, with a
 * property per getter for list rows to bind to. commons-discussion-query.c
 * fills them in. The four types are nothing but properties and getters,
 * written out so that each can be found by name, which is why this file
 * is a little over 900 lines; there is no logic here to split. */

/* CommonsComment */

enum {
  COMMENT_PROP_0,
  COMMENT_PROP_RECORD,
  COMMENT_PROP_PLAN,
  COMMENT_PROP_PLAN_REVISION,
  COMMENT_PROP_PLAN_REVISION_TIME,
  COMMENT_PROP_REPLY_TO,
  COMMENT_PROP_BODY,
  COMMENT_PROP_AUTHOR,
  COMMENT_PROP_CREATED,
  COMMENT_PROP_UPDATED,
  COMMENT_PROP_DELETED,
  COMMENT_PROP_EDITED,
  COMMENT_PROP_MINE,
  COMMENT_PROP_IS_NEW,
  COMMENT_PROP_N_REPLIES,
  COMMENT_N_PROPS
};

static GParamSpec *commons_comment_properties[COMMENT_N_PROPS];

G_DEFINE_FINAL_TYPE (CommonsComment, commons_comment, G_TYPE_OBJECT)

static void
commons_comment_finalize (GObject *object)
{
  CommonsComment *self = (CommonsComment *)object;

  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->plan, g_free);
  g_clear_pointer (&self->plan_revision, g_free);
  g_clear_pointer (&self->plan_revision_time, g_free);
  g_clear_pointer (&self->reply_to, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (commons_comment_parent_class)->finalize (object);
}

static void
commons_comment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CommonsComment *self = (CommonsComment *)object;

  switch (prop_id)
    {
    case COMMENT_PROP_RECORD:
      g_value_set_string (value, self->record);
      break;

    case COMMENT_PROP_PLAN:
      g_value_set_string (value, self->plan);
      break;

    case COMMENT_PROP_PLAN_REVISION:
      g_value_set_string (value, self->plan_revision);
      break;

    case COMMENT_PROP_PLAN_REVISION_TIME:
      g_value_set_string (value, self->plan_revision_time);
      break;

    case COMMENT_PROP_REPLY_TO:
      g_value_set_string (value, self->reply_to);
      break;

    case COMMENT_PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case COMMENT_PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case COMMENT_PROP_CREATED:
      g_value_set_string (value, self->created);
      break;

    case COMMENT_PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;

    case COMMENT_PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;

    case COMMENT_PROP_EDITED:
      g_value_set_boolean (value, self->edited);
      break;

    case COMMENT_PROP_MINE:
      g_value_set_boolean (value, self->mine);
      break;

    case COMMENT_PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;

    case COMMENT_PROP_N_REPLIES:
      g_value_set_uint (value, self->n_replies);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_comment_class_init (CommonsCommentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_comment_finalize;
  object_class->get_property = commons_comment_get_property;

  commons_comment_properties[COMMENT_PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_PLAN] =
    g_param_spec_string ("plan", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_PLAN_REVISION] =
    g_param_spec_string ("plan-revision", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_PLAN_REVISION_TIME] =
    g_param_spec_string ("plan-revision-time", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_REPLY_TO] =
    g_param_spec_string ("reply-to", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_MINE] =
    g_param_spec_boolean ("mine", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_comment_properties[COMMENT_PROP_N_REPLIES] =
    g_param_spec_uint ("n-replies", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, COMMENT_N_PROPS, commons_comment_properties);
}

static void
commons_comment_init (CommonsComment *self)
{
}

const char *
commons_comment_get_record (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->record;
}

const char *
commons_comment_get_plan (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->plan;
}

const char *
commons_comment_get_plan_revision (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->plan_revision;
}

const char *
commons_comment_get_plan_revision_time (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->plan_revision_time;
}

const char *
commons_comment_get_reply_to (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->reply_to;
}

const char *
commons_comment_get_body (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->body;
}

const char *
commons_comment_get_author (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->author;
}

const char *
commons_comment_get_created (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->created;
}

const char *
commons_comment_get_updated (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), NULL);
  return self->updated;
}

gboolean
commons_comment_get_deleted (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), FALSE);
  return self->deleted;
}

gboolean
commons_comment_get_edited (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), FALSE);
  return self->edited;
}

gboolean
commons_comment_get_mine (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), FALSE);
  return self->mine;
}

gboolean
commons_comment_get_is_new (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), FALSE);
  return self->is_new;
}

guint
commons_comment_get_n_replies (CommonsComment *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT (self), 0);
  return self->n_replies;
}

/* CommonsQuestion */

enum {
  QUESTION_PROP_0,
  QUESTION_PROP_RECORD,
  QUESTION_PROP_GROUP,
  QUESTION_PROP_TITLE,
  QUESTION_PROP_BODY,
  QUESTION_PROP_LANGUAGE,
  QUESTION_PROP_PLAN,
  QUESTION_PROP_ACCEPTED,
  QUESTION_PROP_ASKER,
  QUESTION_PROP_CREATED,
  QUESTION_PROP_MINE,
  QUESTION_PROP_N_ANSWERS,
  QUESTION_PROP_SCORE,
  QUESTION_PROP_IS_NEW,
  QUESTION_PROP_N_NEW_ANSWERS,
  QUESTION_N_PROPS
};

static GParamSpec *commons_question_properties[QUESTION_N_PROPS];

G_DEFINE_FINAL_TYPE (CommonsQuestion, commons_question, G_TYPE_OBJECT)

static void
commons_question_finalize (GObject *object)
{
  CommonsQuestion *self = (CommonsQuestion *)object;

  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->plan, g_free);
  g_clear_pointer (&self->accepted, g_free);
  g_clear_pointer (&self->asker, g_free);
  g_clear_pointer (&self->created, g_free);

  G_OBJECT_CLASS (commons_question_parent_class)->finalize (object);
}

static void
commons_question_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommonsQuestion *self = (CommonsQuestion *)object;

  switch (prop_id)
    {
    case QUESTION_PROP_RECORD:
      g_value_set_string (value, self->record);
      break;

    case QUESTION_PROP_GROUP:
      g_value_set_string (value, self->group);
      break;

    case QUESTION_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case QUESTION_PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case QUESTION_PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case QUESTION_PROP_PLAN:
      g_value_set_string (value, self->plan);
      break;

    case QUESTION_PROP_ACCEPTED:
      g_value_set_string (value, self->accepted);
      break;

    case QUESTION_PROP_ASKER:
      g_value_set_string (value, self->asker);
      break;

    case QUESTION_PROP_CREATED:
      g_value_set_string (value, self->created);
      break;

    case QUESTION_PROP_MINE:
      g_value_set_boolean (value, self->mine);
      break;

    case QUESTION_PROP_N_ANSWERS:
      g_value_set_uint (value, self->n_answers);
      break;

    case QUESTION_PROP_SCORE:
      g_value_set_int (value, self->score);
      break;

    case QUESTION_PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;

    case QUESTION_PROP_N_NEW_ANSWERS:
      g_value_set_uint (value, self->n_new_answers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_question_class_init (CommonsQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_question_finalize;
  object_class->get_property = commons_question_get_property;

  commons_question_properties[QUESTION_PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_PLAN] =
    g_param_spec_string ("plan", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_ACCEPTED] =
    g_param_spec_string ("accepted", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_ASKER] =
    g_param_spec_string ("asker", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_MINE] =
    g_param_spec_boolean ("mine", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_N_ANSWERS] =
    g_param_spec_uint ("n-answers", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_SCORE] =
    g_param_spec_int ("score", NULL, NULL, G_MININT, G_MAXINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_question_properties[QUESTION_PROP_N_NEW_ANSWERS] =
    g_param_spec_uint ("n-new-answers", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, QUESTION_N_PROPS, commons_question_properties);
}

static void
commons_question_init (CommonsQuestion *self)
{
}

const char *
commons_question_get_record (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->record;
}

const char *
commons_question_get_group (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->group;
}

const char *
commons_question_get_title (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->title;
}

const char *
commons_question_get_body (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->body;
}

const char *
commons_question_get_language (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->language;
}

const char *
commons_question_get_plan (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->plan;
}

const char *
commons_question_get_accepted (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->accepted;
}

const char *
commons_question_get_asker (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->asker;
}

const char *
commons_question_get_created (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), NULL);
  return self->created;
}

gboolean
commons_question_get_mine (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), FALSE);
  return self->mine;
}

guint
commons_question_get_n_answers (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), 0);
  return self->n_answers;
}

int
commons_question_get_score (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), 0);
  return self->score;
}

gboolean
commons_question_get_is_new (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), FALSE);
  return self->is_new;
}

guint
commons_question_get_n_new_answers (CommonsQuestion *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION (self), 0);
  return self->n_new_answers;
}

/* CommonsAnswer */

enum {
  ANSWER_PROP_0,
  ANSWER_PROP_RECORD,
  ANSWER_PROP_QUESTION,
  ANSWER_PROP_BODY,
  ANSWER_PROP_AUTHOR,
  ANSWER_PROP_CREATED,
  ANSWER_PROP_UPDATED,
  ANSWER_PROP_MINE,
  ANSWER_PROP_ACCEPTED,
  ANSWER_PROP_IS_NEW,
  ANSWER_PROP_SCORE,
  ANSWER_PROP_N_UP,
  ANSWER_PROP_N_DOWN,
  ANSWER_PROP_MY_VOTE,
  ANSWER_N_PROPS
};

static GParamSpec *commons_answer_properties[ANSWER_N_PROPS];

G_DEFINE_FINAL_TYPE (CommonsAnswer, commons_answer, G_TYPE_OBJECT)

static void
commons_answer_finalize (GObject *object)
{
  CommonsAnswer *self = (CommonsAnswer *)object;

  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (commons_answer_parent_class)->finalize (object);
}

static void
commons_answer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CommonsAnswer *self = (CommonsAnswer *)object;

  switch (prop_id)
    {
    case ANSWER_PROP_RECORD:
      g_value_set_string (value, self->record);
      break;

    case ANSWER_PROP_QUESTION:
      g_value_set_string (value, self->question);
      break;

    case ANSWER_PROP_BODY:
      g_value_set_string (value, self->body);
      break;

    case ANSWER_PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case ANSWER_PROP_CREATED:
      g_value_set_string (value, self->created);
      break;

    case ANSWER_PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;

    case ANSWER_PROP_MINE:
      g_value_set_boolean (value, self->mine);
      break;

    case ANSWER_PROP_ACCEPTED:
      g_value_set_boolean (value, self->accepted);
      break;

    case ANSWER_PROP_IS_NEW:
      g_value_set_boolean (value, self->is_new);
      break;

    case ANSWER_PROP_SCORE:
      g_value_set_int (value, self->score);
      break;

    case ANSWER_PROP_N_UP:
      g_value_set_uint (value, self->n_up);
      break;

    case ANSWER_PROP_N_DOWN:
      g_value_set_uint (value, self->n_down);
      break;

    case ANSWER_PROP_MY_VOTE:
      g_value_set_int (value, self->my_vote);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_answer_class_init (CommonsAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_answer_finalize;
  object_class->get_property = commons_answer_get_property;

  commons_answer_properties[ANSWER_PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_QUESTION] =
    g_param_spec_string ("question", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_CREATED] =
    g_param_spec_string ("created", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_UPDATED] =
    g_param_spec_string ("updated", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_MINE] =
    g_param_spec_boolean ("mine", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_ACCEPTED] =
    g_param_spec_boolean ("accepted", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_IS_NEW] =
    g_param_spec_boolean ("is-new", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_SCORE] =
    g_param_spec_int ("score", NULL, NULL, G_MININT, G_MAXINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_N_UP] =
    g_param_spec_uint ("n-up", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_N_DOWN] =
    g_param_spec_uint ("n-down", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_answer_properties[ANSWER_PROP_MY_VOTE] =
    g_param_spec_int ("my-vote", NULL, NULL, G_MININT, G_MAXINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, ANSWER_N_PROPS, commons_answer_properties);
}

static void
commons_answer_init (CommonsAnswer *self)
{
}

const char *
commons_answer_get_record (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), NULL);
  return self->record;
}

const char *
commons_answer_get_question (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), NULL);
  return self->question;
}

const char *
commons_answer_get_body (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), NULL);
  return self->body;
}

const char *
commons_answer_get_author (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), NULL);
  return self->author;
}

const char *
commons_answer_get_created (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), NULL);
  return self->created;
}

const char *
commons_answer_get_updated (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), NULL);
  return self->updated;
}

gboolean
commons_answer_get_mine (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), FALSE);
  return self->mine;
}

gboolean
commons_answer_get_accepted (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), FALSE);
  return self->accepted;
}

gboolean
commons_answer_get_is_new (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), FALSE);
  return self->is_new;
}

int
commons_answer_get_score (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), 0);
  return self->score;
}

guint
commons_answer_get_n_up (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), 0);
  return self->n_up;
}

guint
commons_answer_get_n_down (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), 0);
  return self->n_down;
}

int
commons_answer_get_my_vote (CommonsAnswer *self)
{
  g_return_val_if_fail (COMMONS_IS_ANSWER (self), 0);
  return self->my_vote;
}

/* CommonsDiscussionHit */

enum {
  DISCUSSION_HIT_PROP_0,
  DISCUSSION_HIT_PROP_RECORD,
  DISCUSSION_HIT_PROP_KIND,
  DISCUSSION_HIT_PROP_TARGET,
  DISCUSSION_HIT_PROP_TITLE,
  DISCUSSION_HIT_PROP_SNIPPET,
  DISCUSSION_HIT_PROP_AUTHOR,
  DISCUSSION_HIT_PROP_SCOPE,
  DISCUSSION_HIT_N_PROPS
};

static GParamSpec *commons_discussion_hit_properties[DISCUSSION_HIT_N_PROPS];

G_DEFINE_FINAL_TYPE (CommonsDiscussionHit, commons_discussion_hit, G_TYPE_OBJECT)

static void
commons_discussion_hit_finalize (GObject *object)
{
  CommonsDiscussionHit *self = (CommonsDiscussionHit *)object;

  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->snippet, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->match, g_free);

  G_OBJECT_CLASS (commons_discussion_hit_parent_class)->finalize (object);
}

static void
commons_discussion_hit_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CommonsDiscussionHit *self = (CommonsDiscussionHit *)object;

  switch (prop_id)
    {
    case DISCUSSION_HIT_PROP_RECORD:
      g_value_set_string (value, self->record);
      break;

    case DISCUSSION_HIT_PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case DISCUSSION_HIT_PROP_TARGET:
      g_value_set_string (value, self->target);
      break;

    case DISCUSSION_HIT_PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case DISCUSSION_HIT_PROP_SNIPPET:
      g_value_set_string (value, commons_discussion_hit_get_snippet (self));
      break;

    case DISCUSSION_HIT_PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    case DISCUSSION_HIT_PROP_SCOPE:
      g_value_set_string (value, self->scope);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_discussion_hit_class_init (CommonsDiscussionHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_discussion_hit_finalize;
  object_class->get_property = commons_discussion_hit_get_property;

  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  commons_discussion_hit_properties[DISCUSSION_HIT_PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, DISCUSSION_HIT_N_PROPS, commons_discussion_hit_properties);
}

static void
commons_discussion_hit_init (CommonsDiscussionHit *self)
{
}

const char *
commons_discussion_hit_get_record (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);
  return self->record;
}

const char *
commons_discussion_hit_get_kind (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);
  return self->kind;
}

const char *
commons_discussion_hit_get_target (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);
  return self->target;
}

const char *
commons_discussion_hit_get_title (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);
  return self->title;
}

const char *
commons_discussion_hit_get_snippet (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);

  if (self->snippet == NULL && self->store != NULL)
    {
      g_autoptr(CommonsRecordSummary) summary = commons_record_summary_load (self->store, self->rowid, self->match);

      self->snippet = g_strdup (summary != NULL ? commons_record_summary_get_snippet (summary) : "");
      g_clear_object (&self->store);
    }
  return self->snippet;
}

const char *
commons_discussion_hit_get_author (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);
  return self->author;
}

const char *
commons_discussion_hit_get_scope (CommonsDiscussionHit *self)
{
  g_return_val_if_fail (COMMONS_IS_DISCUSSION_HIT (self), NULL);
  return self->scope;
}

