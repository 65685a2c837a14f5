/* commons-review-summary.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-review"

#include "config.h"

#include <math.h>

#include "commons-plan.h"
#include "commons-review-summary.h"
#include "commons-store-private.h"

struct _CommonsReviewSummary
{
  GObject              parent_instance;

  char                *head;
  GPtrArray           *reviews;
  CommonsReviewStatus  status;
  char                *approved_revision;
  guint                approvals;
  guint                approvals_needed;
  /* Each reviewer's latest review of the plan. */
  GPtrArray           *latest;
};

G_DEFINE_FINAL_TYPE (CommonsReviewSummary, commons_review_summary, G_TYPE_OBJECT)

static void
commons_review_summary_finalize (GObject *object)
{
  CommonsReviewSummary *self = (CommonsReviewSummary *)object;

  g_clear_pointer (&self->head, g_free);
  g_clear_pointer (&self->reviews, g_ptr_array_unref);
  g_clear_pointer (&self->approved_revision, g_free);
  g_clear_pointer (&self->latest, g_ptr_array_unref);

  G_OBJECT_CLASS (commons_review_summary_parent_class)->finalize (object);
}

static void
commons_review_summary_class_init (CommonsReviewSummaryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_review_summary_finalize;
}

static void
commons_review_summary_init (CommonsReviewSummary *self)
{
  self->reviews = g_ptr_array_new_with_free_func (g_object_unref);
  self->latest = g_ptr_array_new ();
}

/* Newest first: by when written, then by record id, as the rule says. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  CommonsReview *ra = *(CommonsReview **) a;
  CommonsReview *rb = *(CommonsReview **) b;
  int cmp = g_strcmp0 (commons_review_get_created (rb), commons_review_get_created (ra));

  if (cmp != 0)
    return cmp;
  return g_strcmp0 (commons_review_get_record (rb), commons_review_get_record (ra));
}

/* Whether @reviewer wrote the plan revision @revision, as far as this
 * replica holds it. */
static gboolean
wrote_revision (CommonsStore *store,
                GHashTable   *authors,
                const char   *reviewer,
                const char   *revision)
{
  const char *author;

  if (!g_hash_table_lookup_extended (authors, revision, NULL, (gpointer *) &author))
    {
      g_autoptr(CommonsRevision) held = commons_store_get_revision (store, revision, NULL);

      author = held != NULL ? commons_revision_get_author (held) : NULL;
      g_hash_table_insert (authors, g_strdup (revision), g_strdup (author));
      author = g_hash_table_lookup (authors, revision);
    }
  return author != NULL && g_str_equal (author, reviewer);
}

/**
 * commons_review_summary_load:
 * @plan: a plan's record id
 * @approvals_needed: approvals from distinct reviewers the group requires,
 *   commons_group_rule_get_approvals() for the plan's scope; 0 for
 *   %COMMONS_REVIEW_DEFAULT_APPROVALS
 *
 * Returns: (transfer full): the plan's reviews and what they add up to
 */
CommonsReviewSummary *
commons_review_summary_load (CommonsStore  *store,
                             const char    *plan,
                             guint          approvals_needed,
                             GError       **error)
{
  g_autoptr(CommonsReviewSummary) self = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen_revision = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) seen_reviewer = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) approvals = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *creator = NULL;
  g_autofree char *best_time = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  if (approvals_needed == 0)
    approvals_needed = COMMONS_REVIEW_DEFAULT_APPROVALS;

  current = commons_store_get_current (store, plan, error);
  if (current == NULL)
    return NULL;
  creator = commons_record_dup_creator (store, plan, error);
  if (creator == NULL)
    return NULL;

  self = g_object_new (COMMONS_TYPE_REVIEW_SUMMARY, NULL);
  self->head = g_strdup (commons_revision_get_id (current));
  self->approvals_needed = approvals_needed;

  stmt = _commons_store_prepare (store,
      "SELECT r.id FROM reviews v JOIN records r ON r.rowid = v.rowid "
      "WHERE v.plan = ? AND r.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      CommonsReview *review = commons_review_load (store, g_ptr_array_index (records, i), &local_error);

      /* One unreadable review (from a newer version, say) must not hide
       * the others. */
      if (review == NULL)
        {
          g_debug ("Skipping review %s: %s", (char *) g_ptr_array_index (records, i),
                   local_error->message);
          continue;
        }
      g_ptr_array_add (self->reviews, review);
    }
  g_ptr_array_sort (self->reviews, compare_newest_first);

  for (guint i = 0; i < self->reviews->len; i++)
    {
      CommonsReview *review = g_ptr_array_index (self->reviews, i);
      const char *reviewer = commons_review_get_reviewer (review);
      const char *revision = commons_review_get_plan_revision (review);
      char *pair;

      if (reviewer == NULL || g_str_equal (reviewer, creator))
        continue;

      if (!g_hash_table_contains (seen_reviewer, reviewer))
        {
          g_hash_table_add (seen_reviewer, (gpointer) reviewer);
          g_ptr_array_add (self->latest, review);
        }

      pair = g_strconcat (reviewer, " ", revision, NULL);
      if (g_hash_table_contains (seen_revision, pair))
        {
          g_free (pair);
          continue;
        }
      g_hash_table_add (seen_revision, pair);
      /* Approving a version one wrote oneself counts for nothing. */
      if (commons_review_get_verdict (review) == COMMONS_VERDICT_APPROVE &&
          !wrote_revision (store, authors, reviewer, revision))
        g_hash_table_insert (approvals, (gpointer) revision,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (approvals, revision)) + 1));
    }

  self->approvals = GPOINTER_TO_UINT (g_hash_table_lookup (approvals, self->head));
  if (self->latest->len == 0)
    self->status = COMMONS_REVIEW_STATUS_DRAFT;
  else if (self->approvals >= approvals_needed)
    {
      self->status = COMMONS_REVIEW_STATUS_APPROVED;
      self->approved_revision = g_strdup (self->head);
    }
  else
    {
      self->status = COMMONS_REVIEW_STATUS_IN_REVIEW;
      g_hash_table_iter_init (&iter, approvals);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autoptr(CommonsRevision) approved = NULL;

          if (GPOINTER_TO_UINT (value) < approvals_needed)
            continue;
          approved = commons_store_get_revision (store, key, NULL);
          /* An approved revision amended away before it left the device
           * still counts; it sorts as the oldest. */
          if (self->approved_revision == NULL ||
              (approved != NULL && g_strcmp0 (commons_revision_get_time (approved), best_time) > 0))
            {
              g_free (self->approved_revision);
              self->approved_revision = g_strdup (key);
              g_free (best_time);
              best_time = g_strdup (approved != NULL ? commons_revision_get_time (approved) : "");
            }
          self->status = COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * commons_review_summary_get_reviews:
 *
 * Returns: (transfer none) (element-type CommonsReview): every review of
 *   the plan, newest first, superseded ones included
 */
GPtrArray *
commons_review_summary_get_reviews (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), NULL);
  return self->reviews;
}

CommonsReviewStatus
commons_review_summary_get_status (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), COMMONS_REVIEW_STATUS_DRAFT);
  return self->status;
}

/**
 * commons_review_summary_get_approved_revision:
 *
 * Returns: (nullable): the head when approved; the revision that was
 *   approved when changed since approval; otherwise %NULL
 */
const char *
commons_review_summary_get_approved_revision (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), NULL);
  return self->approved_revision;
}

/**
 * commons_review_summary_get_head:
 *
 * Returns: the plan revision the status was derived for
 */
const char *
commons_review_summary_get_head (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), NULL);
  return self->head;
}

/**
 * commons_review_summary_get_approvals:
 *
 * Returns: approvals counted for the current head
 */
guint
commons_review_summary_get_approvals (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), 0);
  return self->approvals;
}

/**
 * commons_review_summary_get_approvals_needed:
 *
 * Returns: the approvals the status was derived with
 */
guint
commons_review_summary_get_approvals_needed (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), COMMONS_REVIEW_DEFAULT_APPROVALS);
  return self->approvals_needed;
}

/**
 * commons_review_summary_get_n_reviewers:
 *
 * Returns: how many people other than the plan's creator reviewed it
 */
guint
commons_review_summary_get_n_reviewers (CommonsReviewSummary *self)
{
  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), 0);
  return self->latest->len;
}

/**
 * commons_review_summary_get_n_verdicts:
 *
 * Returns: how many reviewers' latest reviews give @verdict
 */
guint
commons_review_summary_get_n_verdicts (CommonsReviewSummary *self,
                                       CommonsVerdict        verdict)
{
  guint n = 0;

  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), 0);

  for (guint i = 0; i < self->latest->len; i++)
    if (commons_review_get_verdict (g_ptr_array_index (self->latest, i)) == verdict)
      n++;
  return n;
}

/**
 * commons_review_summary_get_average:
 * @criterion: a rubric criterion id
 * @n_scores: (out) (optional): how many scores the average is over
 *
 * Returns: the average score over reviewers' latest reviews, not
 *   applicable ones left out; NAN when there is none
 */
double
commons_review_summary_get_average (CommonsReviewSummary *self,
                                    const char           *criterion,
                                    guint                *n_scores)
{
  guint n = 0;
  int sum = 0;

  g_return_val_if_fail (COMMONS_IS_REVIEW_SUMMARY (self), NAN);
  g_return_val_if_fail (criterion != NULL, NAN);

  for (guint i = 0; i < self->latest->len; i++)
    {
      int score = commons_review_get_score (g_ptr_array_index (self->latest, i), criterion);

      if (score == COMMONS_REVIEW_NOT_APPLICABLE)
        continue;
      sum += score;
      n++;
    }
  if (n_scores != NULL)
    *n_scores = n;
  return n > 0 ? (double) sum / n : NAN;
}
