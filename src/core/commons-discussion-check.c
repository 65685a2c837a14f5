/* commons-discussion-check.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-discussion"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-discussion.h"

/* What both sides ask of a discussion record before taking it from anyone
 * (DESIGN.md, "Two checks"): the client through its kind's check, the
 * server on every push. Only types and shape: a body may say anything,
 * but a vote is -1, 0 or 1 and an id is an id, so that whatever passes
 * can be listed, counted and shown. */

G_DEFINE_QUARK (commons-discussion-error-quark, commons_discussion_error)

gboolean
commons_discussion_is_kind (const char *kind)
{
  return g_strcmp0 (kind, COMMONS_COMMENT_KIND) == 0 ||
         g_strcmp0 (kind, COMMONS_QUESTION_KIND) == 0 ||
         g_strcmp0 (kind, COMMONS_ANSWER_KIND) == 0 ||
         g_strcmp0 (kind, COMMONS_VOTE_KIND) == 0;
}

typedef enum
{
  FIELD_TEXT,
  FIELD_RECORD,
  FIELD_REVISION,
  FIELD_LANGUAGE,
  FIELD_BOOLEAN,
  FIELD_VOTE,
} FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
  gboolean    required;
  gsize       max_bytes;
} FieldRule;

static const FieldRule comment_rules[] = {
  { "plan", FIELD_RECORD, TRUE, 0 },
  { "plan_revision", FIELD_REVISION, TRUE, 0 },
  { "reply_to", FIELD_RECORD, FALSE, 0 },
  { "body", FIELD_TEXT, FALSE, COMMONS_DISCUSSION_MAX_BODY },
  { "deleted", FIELD_BOOLEAN, FALSE, 0 },
  { NULL }
};

static const FieldRule question_rules[] = {
  { "title", FIELD_TEXT, TRUE, COMMONS_DISCUSSION_MAX_TITLE },
  { "body", FIELD_TEXT, FALSE, COMMONS_DISCUSSION_MAX_BODY },
  { "language", FIELD_LANGUAGE, FALSE, 0 },
  { "plan", FIELD_RECORD, FALSE, 0 },
  { "accepted", FIELD_RECORD, FALSE, 0 },
  { NULL }
};

static const FieldRule answer_rules[] = {
  { "question", FIELD_RECORD, TRUE, 0 },
  { "body", FIELD_TEXT, FALSE, COMMONS_DISCUSSION_MAX_BODY },
  { "deleted", FIELD_BOOLEAN, FALSE, 0 },
  { NULL }
};

static const FieldRule vote_rules[] = {
  { "answer", FIELD_RECORD, TRUE, 0 },
  { "value", FIELD_VOTE, TRUE, 0 },
  { NULL }
};

static const FieldRule *
rules_for (const char *kind)
{
  if (g_strcmp0 (kind, COMMONS_COMMENT_KIND) == 0)
    return comment_rules;
  if (g_strcmp0 (kind, COMMONS_QUESTION_KIND) == 0)
    return question_rules;
  if (g_strcmp0 (kind, COMMONS_ANSWER_KIND) == 0)
    return answer_rules;
  if (g_strcmp0 (kind, COMMONS_VOTE_KIND) == 0)
    return vote_rules;
  return NULL;
}

/* A BCP 47 tag, as far as its shape goes: letters, digits and hyphens in
 * parts of at most eight. "" means not said. */
static gboolean
language_is_valid (const char *tag)
{
  gsize part = 0;

  if (strlen (tag) > 35)
    return FALSE;
  for (const char *p = tag; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (part == 0)
            return FALSE;
          part = 0;
        }
      else if (g_ascii_isalnum (*p) && ++part <= 8)
        continue;
      else
        return FALSE;
    }
  return *tag == '\0' || part > 0;
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
check_one (const FieldRule  *rule,
           JsonNode         *node,
           GError          **error)
{
  const char *text = NULL;

  switch (rule->type)
    {
    case FIELD_BOOLEAN:
      if (node_is (node, G_TYPE_BOOLEAN))
        return TRUE;
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                   _("The field “%s” is not true or false"), rule->name);
      return FALSE;

    case FIELD_VOTE:
      if (node_is (node, G_TYPE_INT64) &&
          json_node_get_int (node) >= -1 && json_node_get_int (node) <= 1)
        return TRUE;
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                   _("A vote is -1, 0 or 1"));
      return FALSE;

    case FIELD_TEXT:
    case FIELD_RECORD:
    case FIELD_REVISION:
    case FIELD_LANGUAGE:
    default:
      break;
    }

  if (!node_is (node, G_TYPE_STRING))
    {
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                   _("The field “%s” is not text"), rule->name);
      return FALSE;
    }
  text = json_node_get_string (node);

  switch (rule->type)
    {
    case FIELD_RECORD:
      if (commons_uuid_is_valid (text))
        return TRUE;
      break;
    case FIELD_REVISION:
      if (commons_revision_id_is_valid (text))
        return TRUE;
      break;
    case FIELD_LANGUAGE:
      if (language_is_valid (text))
        return TRUE;
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                   _("The field “%s” is not a language tag"), rule->name);
      return FALSE;
    case FIELD_TEXT:
    case FIELD_BOOLEAN:
    case FIELD_VOTE:
    default:
      if (strlen (text) > rule->max_bytes)
        {
          g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                       _("The field “%s” is too long"), rule->name);
          return FALSE;
        }
      if (rule->required && *text == '\0')
        {
          g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                       _("The field “%s” is empty"), rule->name);
          return FALSE;
        }
      return TRUE;
    }

  g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
               _("The field “%s” is not an id"), rule->name);
  return FALSE;
}

/**
 * commons_discussion_check_fields:
 * @kind: a discussion kind
 * @fields: a revision's fields
 *
 * Checks the types and shape of the fields of a comment, question, answer
 * or vote. Fields it does not know are let through, for later versions.
 *
 * Returns: %TRUE if they can be taken
 */
gboolean
commons_discussion_check_fields (const char  *kind,
                                 JsonObject  *fields,
                                 GError     **error)
{
  const FieldRule *rules = rules_for (kind);

  g_return_val_if_fail (fields != NULL, FALSE);

  if (rules == NULL)
    {
      g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                   _("“%s” is not a kind of discussion"), kind != NULL ? kind : "");
      return FALSE;
    }

  for (guint i = 0; rules[i].name != NULL; i++)
    {
      JsonNode *node = json_object_get_member (fields, rules[i].name);

      if (node == NULL)
        {
          if (!rules[i].required)
            continue;
          g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                       _("The field “%s” is missing"), rules[i].name);
          return FALSE;
        }
      if (!check_one (&rules[i], node, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * commons_discussion_dup_vote_id:
 * @person: the voter's person id
 * @answer: the answer's record id
 *
 * The record id of @person's vote on @answer: a UUID made from the
 * SHA-256 of both (version 8, "custom", in RFC 9562's terms). Two devices
 * of one person voting at once write the same record, whose merge settles
 * on one value; and no one else can write a vote in that person's name,
 * since the id says whose it is.
 *
 * Returns: (transfer full): a record id
 */
char *
commons_discussion_dup_vote_id (const char *person,
                                const char *answer)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  /* The NUL bytes keep the parts apart: no two pairs read the same. */
  g_checksum_update (checksum, (const guchar *) "commons-vote", sizeof "commons-vote");
  g_checksum_update (checksum, (const guchar *) person, strlen (person) + 1);
  g_checksum_update (checksum, (const guchar *) answer, strlen (answer));
  g_checksum_get_digest (checksum, digest, &length);

  digest[6] = (digest[6] & 0x0f) | 0x80;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/**
 * commons_discussion_check_author:
 * @kind: a discussion kind
 * @record: the record the revision belongs to
 * @fields: the revision's fields, already checked
 * @author: (nullable): its author; %NULL for a merge, always allowed
 * @first_author: (nullable): the author of a revision of the record already
 *   held, or %NULL if none is
 *
 * Only a record's first author writes it; a vote's author is also the
 * person its record id was made for.
 *
 * Returns: %TRUE if @author may write this revision
 */
gboolean
commons_discussion_check_author (const char  *kind,
                                 const char  *record,
                                 JsonObject  *fields,
                                 const char  *author,
                                 const char  *first_author,
                                 GError     **error)
{
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (author == NULL)
    return TRUE;

  if (g_strcmp0 (kind, COMMONS_VOTE_KIND) == 0)
    {
      JsonNode *answer = json_object_get_member (fields, "answer");
      g_autofree char *expected = NULL;

      if (answer == NULL || !node_is (answer, G_TYPE_STRING))
        {
          g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID,
                       _("The field “%s” is missing"), "answer");
          return FALSE;
        }
      expected = commons_discussion_dup_vote_id (author, json_node_get_string (answer));
      if (!g_str_equal (expected, record))
        {
          g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR,
                               _("The vote is not its author’s own"));
          return FALSE;
        }
    }

  if (first_author != NULL && !g_str_equal (first_author, author))
    {
      g_set_error_literal (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR,
                           _("Only its author changes it"));
      return FALSE;
    }
  return TRUE;
}
