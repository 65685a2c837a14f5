/* commons-review.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-review"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-plan.h"
#include "commons-review.h"
#include "commons-store-private.h"

G_DEFINE_QUARK (commons-review-error-quark, commons_review_error)

static const char *status_names[] = {
  [COMMONS_REVIEW_STATUS_DRAFT] = N_("Draft"),
  [COMMONS_REVIEW_STATUS_IN_REVIEW] = N_("In review"),
  [COMMONS_REVIEW_STATUS_APPROVED] = N_("Approved"),
  [COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL] = N_("Changed since approval"),
};

const char *
commons_review_status_get_name (CommonsReviewStatus status)
{
  g_return_val_if_fail (status <= COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, status_names[status]);
}

/**
 * commons_verdict_to_string:
 *
 * Returns: (nullable): the verdict as stored: "approve" or "changes"
 */
const char *
commons_verdict_to_string (CommonsVerdict verdict)
{
  switch (verdict)
    {
    case COMMONS_VERDICT_APPROVE:
      return "approve";
    case COMMONS_VERDICT_CHANGES:
      return "changes";
    case COMMONS_VERDICT_NONE:
    default:
      return NULL;
    }
}

CommonsVerdict
commons_verdict_from_string (const char *verdict)
{
  if (g_strcmp0 (verdict, "approve") == 0)
    return COMMONS_VERDICT_APPROVE;
  if (g_strcmp0 (verdict, "changes") == 0)
    return COMMONS_VERDICT_CHANGES;
  return COMMONS_VERDICT_NONE;
}

/* The default rubric. Ids are stored in reviews: never rename one. */
static const CommonsRubricCriterion rubric[] = {
  { "objectives", N_("Clarity of objectives"),
    { N_("Objectives are missing or cannot be told apart from activities."),
      N_("Objectives are vague; it is unclear what learners will be able to do."),
      N_("Objectives are clear, but some cannot be observed or assessed."),
      N_("Objectives are clear, observable and match the assessment.") } },
  { "accuracy", N_("Accuracy"),
    { N_("The content contains serious errors."),
      N_("The content has errors or misleading simplifications."),
      N_("The content is correct, with minor imprecisions."),
      N_("The content is correct, precise and up to date.") } },
  { "engagement", N_("Engagement"),
    { N_("Learners mostly listen; there is nothing for them to do."),
      N_("Activities are few or repetitive."),
      N_("Activities involve learners in most of the lesson."),
      N_("Varied activities keep every learner thinking and doing throughout.") } },
  { "inclusion", N_("Inclusion and accessibility"),
    { N_("The plan excludes some learners and offers no alternatives."),
      N_("Accessibility is mentioned but not planned for."),
      N_("Most needs are planned for, with some alternatives."),
      N_("Every activity has alternatives; materials are accessible to all.") } },
};

/**
 * commons_rubric_get_default:
 * @n_criteria: (out): the number of criteria
 *
 * Returns: (array length=n_criteria): the default rubric's criteria
 */
const CommonsRubricCriterion *
commons_rubric_get_default (guint *n_criteria)
{
  g_return_val_if_fail (n_criteria != NULL, NULL);

  *n_criteria = G_N_ELEMENTS (rubric);
  return rubric;
}

const CommonsRubricCriterion *
commons_rubric_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (rubric); i++)
    if (g_str_equal (rubric[i].id, id))
      return &rubric[i];
  return NULL;
}

const char *
commons_rubric_criterion_get_name (const CommonsRubricCriterion *criterion)
{
  g_return_val_if_fail (criterion != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, criterion->name);
}

const char *
commons_rubric_criterion_get_descriptor (const CommonsRubricCriterion *criterion,
                                         guint                         score)
{
  g_return_val_if_fail (criterion != NULL, NULL);
  g_return_val_if_fail (score <= COMMONS_REVIEW_MAX_SCORE, NULL);
  return g_dgettext (GETTEXT_PACKAGE, criterion->levels[score]);
}

/* CommonsReview */

struct _CommonsReview
{
  GObject         parent_instance;

  char           *record;
  char           *revision;
  char           *reviewer;
  char           *created;

  char           *plan;
  char           *plan_revision;
  CommonsVerdict  verdict;
  char           *comment;
  /* criterion id → score, NOT_APPLICABLE for null */
  GHashTable     *scores;
  GHashTable     *comments;
  JsonObject     *extra;
};

G_DEFINE_FINAL_TYPE (CommonsReview, commons_review, G_TYPE_OBJECT)

static void
commons_review_finalize (GObject *object)
{
  CommonsReview *self = (CommonsReview *)object;

  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->revision, g_free);
  g_clear_pointer (&self->reviewer, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->plan, g_free);
  g_clear_pointer (&self->plan_revision, g_free);
  g_clear_pointer (&self->comment, g_free);
  g_clear_pointer (&self->scores, g_hash_table_unref);
  g_clear_pointer (&self->comments, g_hash_table_unref);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (commons_review_parent_class)->finalize (object);
}

static void
commons_review_class_init (CommonsReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_review_finalize;
}

static void
commons_review_init (CommonsReview *self)
{
  self->plan = g_strdup ("");
  self->plan_revision = g_strdup ("");
  self->comment = g_strdup ("");
  self->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->extra = json_object_new ();
}

/**
 * commons_review_new:
 * @plan: the plan's record id
 * @plan_revision: the plan revision reviewed
 *
 * Returns: (transfer full): an empty review of that version of the plan
 */
CommonsReview *
commons_review_new (const char *plan,
                    const char *plan_revision)
{
  CommonsReview *self = g_object_new (COMMONS_TYPE_REVIEW, NULL);

  g_return_val_if_fail (plan != NULL, self);
  g_return_val_if_fail (plan_revision != NULL, self);

  g_free (self->plan);
  self->plan = g_strdup (plan);
  g_free (self->plan_revision);
  self->plan_revision = g_strdup (plan_revision);
  return self;
}

static gboolean
invalid (GError     **error,
         const char  *field)
{
  g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_INVALID,
               _("The review’s “%s” field has the wrong type"), field);
  return FALSE;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/**
 * commons_review_new_from_fields:
 *
 * Reads a review, strict on the types of the fields it knows and keeping
 * the others.
 *
 * Returns: (transfer full): the review, or %NULL
 */
CommonsReview *
commons_review_new_from_fields (JsonObject  *fields,
                                GError     **error)
{
  g_autoptr(CommonsReview) self = g_object_new (COMMONS_TYPE_REVIEW, NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (fields != NULL, NULL);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (g_str_equal (name, "plan") || g_str_equal (name, "plan_revision") ||
          g_str_equal (name, "comment"))
        {
          char **slot = g_str_equal (name, "plan") ? &self->plan :
                        g_str_equal (name, "comment") ? &self->comment : &self->plan_revision;

          if (!is_string (member))
            return invalid (error, name), NULL;
          g_free (*slot);
          *slot = g_strdup (json_node_get_string (member));
        }
      else if (g_str_equal (name, "verdict"))
        {
          if (!is_string (member))
            return invalid (error, name), NULL;
          self->verdict = commons_verdict_from_string (json_node_get_string (member));
          if (self->verdict == COMMONS_VERDICT_NONE)
            return invalid (error, name), NULL;
        }
      else if (g_str_equal (name, "scores"))
        {
          JsonObjectIter inner;
          const char *criterion;
          JsonNode *score;

          if (!JSON_NODE_HOLDS_OBJECT (member))
            return invalid (error, name), NULL;
          json_object_iter_init (&inner, json_node_get_object (member));
          while (json_object_iter_next (&inner, &criterion, &score))
            {
              gint64 value;

              if (JSON_NODE_HOLDS_NULL (score))
                value = COMMONS_REVIEW_NOT_APPLICABLE;
              else if (JSON_NODE_HOLDS_VALUE (score) &&
                       json_node_get_value_type (score) == G_TYPE_INT64 &&
                       json_node_get_int (score) >= 0 &&
                       json_node_get_int (score) <= COMMONS_REVIEW_MAX_SCORE)
                value = json_node_get_int (score);
              else
                return invalid (error, name), NULL;
              g_hash_table_insert (self->scores, g_strdup (criterion), GINT_TO_POINTER ((int) value));
            }
        }
      else if (g_str_equal (name, "comments"))
        {
          JsonObjectIter inner;
          const char *criterion;
          JsonNode *text;

          if (!JSON_NODE_HOLDS_OBJECT (member))
            return invalid (error, name), NULL;
          json_object_iter_init (&inner, json_node_get_object (member));
          while (json_object_iter_next (&inner, &criterion, &text))
            {
              if (!is_string (text))
                return invalid (error, name), NULL;
              g_hash_table_insert (self->comments, g_strdup (criterion),
                                   g_strdup (json_node_get_string (text)));
            }
        }
      else
        json_object_set_member (self->extra, name, json_node_copy (member));
    }

  return g_steal_pointer (&self);
}

/**
 * commons_review_to_fields:
 *
 * Returns: (transfer full): the review as a revision's fields
 */
JsonObject *
commons_review_to_fields (CommonsReview *self)
{
  JsonObject *fields = json_object_new ();
  JsonObject *scores = json_object_new ();
  JsonObject *comments = json_object_new ();
  JsonObjectIter iter;
  GHashTableIter hiter;
  gpointer key, value;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);

  json_object_iter_init (&iter, self->extra);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (fields, name, json_node_copy (member));

  json_object_set_string_member (fields, "plan", self->plan);
  json_object_set_string_member (fields, "plan_revision", self->plan_revision);
  json_object_set_string_member (fields, "comment", self->comment);
  if (self->verdict != COMMONS_VERDICT_NONE)
    json_object_set_string_member (fields, "verdict", commons_verdict_to_string (self->verdict));

  g_hash_table_iter_init (&hiter, self->scores);
  while (g_hash_table_iter_next (&hiter, &key, &value))
    {
      int score = GPOINTER_TO_INT (value);

      if (score == COMMONS_REVIEW_NOT_APPLICABLE)
        json_object_set_null_member (scores, key);
      else
        json_object_set_int_member (scores, key, score);
    }
  json_object_set_object_member (fields, "scores", scores);

  g_hash_table_iter_init (&hiter, self->comments);
  while (g_hash_table_iter_next (&hiter, &key, &value))
    json_object_set_string_member (comments, key, value);
  json_object_set_object_member (fields, "comments", comments);

  return fields;
}

const char *
commons_review_get_record (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->record;
}

const char *
commons_review_get_revision (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->revision;
}

/**
 * commons_review_get_reviewer:
 *
 * Returns: (nullable): the person who wrote the review: the author of its
 *   first revision; %NULL until loaded from or saved to a store
 */
const char *
commons_review_get_reviewer (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->reviewer;
}

/**
 * commons_review_get_created:
 *
 * Returns: (nullable): when the review was first written (RFC 3339)
 */
const char *
commons_review_get_created (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->created;
}

const char *
commons_review_get_plan (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->plan;
}

const char *
commons_review_get_plan_revision (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->plan_revision;
}

CommonsVerdict
commons_review_get_verdict (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), COMMONS_VERDICT_NONE);
  return self->verdict;
}

void
commons_review_set_verdict (CommonsReview  *self,
                            CommonsVerdict  verdict)
{
  g_return_if_fail (COMMONS_IS_REVIEW (self));
  self->verdict = verdict;
}

const char *
commons_review_get_comment (CommonsReview *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  return self->comment;
}

void
commons_review_set_comment (CommonsReview *self,
                            const char    *comment)
{
  g_return_if_fail (COMMONS_IS_REVIEW (self));
  g_free (self->comment);
  self->comment = g_strdup (comment != NULL ? comment : "");
}

/**
 * commons_review_get_score:
 *
 * Returns: 0 to %COMMONS_REVIEW_MAX_SCORE, or %COMMONS_REVIEW_NOT_APPLICABLE
 *   when the criterion was marked not applicable or not scored
 */
int
commons_review_get_score (CommonsReview *self,
                          const char    *criterion)
{
  gpointer value;

  g_return_val_if_fail (COMMONS_IS_REVIEW (self), COMMONS_REVIEW_NOT_APPLICABLE);
  g_return_val_if_fail (criterion != NULL, COMMONS_REVIEW_NOT_APPLICABLE);

  if (!g_hash_table_lookup_extended (self->scores, criterion, NULL, &value))
    return COMMONS_REVIEW_NOT_APPLICABLE;
  return GPOINTER_TO_INT (value);
}

void
commons_review_set_score (CommonsReview *self,
                          const char    *criterion,
                          int            score)
{
  g_return_if_fail (COMMONS_IS_REVIEW (self));
  g_return_if_fail (criterion != NULL);
  g_return_if_fail (score >= COMMONS_REVIEW_NOT_APPLICABLE && score <= COMMONS_REVIEW_MAX_SCORE);

  g_hash_table_insert (self->scores, g_strdup (criterion), GINT_TO_POINTER (score));
}

const char *
commons_review_get_criterion_comment (CommonsReview *self,
                                      const char    *criterion)
{
  const char *comment;

  g_return_val_if_fail (COMMONS_IS_REVIEW (self), NULL);
  g_return_val_if_fail (criterion != NULL, NULL);

  comment = g_hash_table_lookup (self->comments, criterion);
  return comment != NULL ? comment : "";
}

void
commons_review_set_criterion_comment (CommonsReview *self,
                                      const char    *criterion,
                                      const char    *comment)
{
  g_return_if_fail (COMMONS_IS_REVIEW (self));
  g_return_if_fail (criterion != NULL);

  if (comment == NULL || *comment == '\0')
    g_hash_table_remove (self->comments, criterion);
  else
    g_hash_table_insert (self->comments, g_strdup (criterion), g_strdup (comment));
}

/**
 * commons_review_validate:
 *
 * Checks what saving requires: the plan and revision reviewed, and a
 * verdict.
 */
gboolean
commons_review_validate (CommonsReview  *self,
                         GError        **error)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), FALSE);

  if (!commons_uuid_is_valid (self->plan) || !commons_revision_id_is_valid (self->plan_revision))
    {
      g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_WRONG_REVISION,
                   _("A review must name the plan and the version it reviews"));
      return FALSE;
    }
  if (self->verdict == COMMONS_VERDICT_NONE)
    {
      g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_INVALID,
                   _("Choose whether to approve the plan or to suggest changes"));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_review_load:
 * @record: a review's record id
 *
 * Returns: (transfer full): the review as displayed now, knowing its
 *   reviewer
 */
CommonsReview *
commons_review_load (CommonsStore  *store,
                     const char    *record,
                     GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsReview) self = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return NULL;
  if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_REVIEW_KIND) != 0)
    {
      g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_NOT_A_REVIEW,
                   _("The record is not a review"));
      return NULL;
    }
  self = commons_review_new_from_fields (commons_revision_get_fields (current), error);
  if (self == NULL)
    return NULL;
  self->record = g_strdup (record);
  self->revision = g_strdup (commons_revision_get_id (current));
  self->reviewer = commons_record_dup_creator (store, record, error);
  if (self->reviewer == NULL)
    return NULL;

  stmt = _commons_store_prepare (store, "SELECT created FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    self->created = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (self->created == NULL)
    self->created = g_strdup (commons_revision_get_time (current));

  return g_steal_pointer (&self);
}

/**
 * commons_review_can_review:
 * @plan: a plan's record id
 *
 * Whether this person may review @plan: nobody reviews their own plan.
 * When not, @error says why in words a person can read.
 */
gboolean
commons_review_can_review (CommonsStore  *store,
                           const char    *plan,
                           GError       **error)
{
  g_autofree char *creator = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  creator = commons_record_dup_creator (store, plan, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (commons_store_is_me (store, creator))
    {
      g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_SELF_REVIEW,
                   _("You cannot review your own plan"));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_review_can_edit:
 *
 * Whether this person may change @self: only the author of a review edits
 * it. A review not saved yet is this person's own. When not, @error says
 * why in words a person can read.
 */
gboolean
commons_review_can_edit (CommonsReview  *self,
                         CommonsStore   *store,
                         GError        **error)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (self->record == NULL)
    return TRUE;
  if (!commons_store_is_me (store, self->reviewer))
    {
      g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_NOT_AUTHOR,
                   _("Only the author of a review can change it"));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_review_save:
 *
 * Writes the review as this person. The rules: the plan revision it names
 * must be a revision of that plan held here; nobody reviews their own plan;
 * only the review's author edits it; and a review stays tied to the
 * revision it reviewed (reviewing a newer version is a new review). The
 * first save creates the review in the plan's scope.
 */
gboolean
commons_review_save (CommonsReview  *self,
                     CommonsStore   *store,
                     GError        **error)
{
  g_autoptr(CommonsRevision) reviewed = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (COMMONS_IS_REVIEW (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (!commons_review_validate (self, error))
    return FALSE;

  reviewed = commons_store_get_revision (store, self->plan_revision, &local_error);
  if (reviewed == NULL ||
      !g_str_equal (commons_revision_get_record (reviewed), self->plan) ||
      g_strcmp0 (commons_revision_get_kind (reviewed), COMMONS_PLAN_KIND) != 0)
    {
      g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_WRONG_REVISION,
                   _("The version of the plan under review is not available"));
      return FALSE;
    }

  if (!commons_review_can_review (store, self->plan, error))
    return FALSE;

  fields = commons_review_to_fields (self);

  if (self->record == NULL)
    {
      g_autofree char *scope = commons_store_get_scope (store, self->plan, error);

      if (scope == NULL)
        return FALSE;
      self->record = commons_store_create_record (store, COMMONS_REVIEW_KIND, scope, fields, error);
      if (self->record == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(CommonsReview) stored = commons_review_load (store, self->record, error);

      /* Whoever the caller thinks wrote it, the store says. */
      if (stored == NULL || !commons_review_can_edit (stored, store, error))
        return FALSE;
      if (!g_str_equal (stored->plan, self->plan) ||
          !g_str_equal (stored->plan_revision, self->plan_revision))
        {
          g_set_error (error, COMMONS_REVIEW_ERROR, COMMONS_REVIEW_ERROR_WRONG_REVISION,
                       _("A review stays with the version it reviewed; write a new review for another version"));
          return FALSE;
        }
      if (!commons_store_edit_record (store, self->record, fields, error))
        return FALSE;
    }

  {
    g_autoptr(CommonsReview) saved = commons_review_load (store, self->record, error);

    if (saved == NULL)
      return FALSE;
    g_free (self->revision);
    self->revision = g_strdup (saved->revision);
    g_free (self->reviewer);
    self->reviewer = g_strdup (saved->reviewer);
    g_free (self->created);
    self->created = g_strdup (saved->created);
  }
  return TRUE;
}
