/* commons-plan-query.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include <string.h>

#include "commons-group-rule.h"
#include "commons-plan-query.h"
#include "commons-plan.h"
#include "commons-review.h"
#include "commons-review-summary.h"
#include "commons-store-private.h"

/* The status rule of commons-review-summary.h over every plan of a list.
 * Grouping tens of thousands of reviews by plan, revision and reviewer in
 * SQL sorts on long keys, which is slow. Instead one pass over the reviews
 * table, in storage order, hands each plan its few reviews, which are
 * then settled in a small array. The reviews table only holds reviews
 * whose head is live (materialize removes the others), so it is read
 * alone. */

/* Revisions and reviewers are compared by a 64-bit hash of their ids
 * within one plan's handful of reviews, which saves copying 60,000
 * strings per query. */
static guint64
hash64 (const char *text)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h;
}

typedef struct
{
  guint64     revision;
  guint64     reviewer;
  gint64      rowid;
  /* Read only when a reviewer has several reviews of one revision. */
  const char *created;
  const char *id;
  gboolean    approve;
} Review;

typedef struct
{
  gint64      rowid;
  guint64     head;
  const char *creator;
  guint       needed;
  int         status;
  GArray     *reviews;
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_clear_pointer (&candidate->reviews, g_array_unref);
  g_free (candidate);
}

static void
load_order (CommonsStore *store,
            GStringChunk *strings,
            Review       *review)
{
  sqlite3_stmt *stmt;

  if (review->created != NULL)
    return;
  review->created = review->id = "";
  stmt = _commons_store_prepare (store, "SELECT created, id FROM records WHERE rowid = ?", NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, review->rowid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      review->created = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 0));
      review->id = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
}

/* Whether @a was written after @b: by when, then by record id. */
static gboolean
newer (CommonsStore *store,
       GStringChunk *strings,
       Review       *a,
       Review       *b)
{
  int cmp;

  load_order (store, strings, a);
  load_order (store, strings, b);
  cmp = strcmp (a->created, b->created);
  return cmp > 0 || (cmp == 0 && strcmp (a->id, b->id) > 0);
}

static CommonsReviewStatus
settle (CommonsStore *store,
        GStringChunk *strings,
        GArray       *reviews,
        guint64       head,
        guint         needed)
{
  guint64 approved[64];
  guint n_approved = 0;
  guint best = 0, at_head = 0;

  if (reviews == NULL || reviews->len == 0)
    return COMMONS_REVIEW_STATUS_DRAFT;

  /* The revisions of approving reviews that are their reviewer's latest
   * of that revision, one entry per approval. */
  for (guint i = 0; i < reviews->len; i++)
    {
      Review *r = &g_array_index (reviews, Review, i);
      gboolean latest = TRUE;

      if (!r->approve)
        continue;
      for (guint j = 0; latest && j < reviews->len; j++)
        {
          Review *o = &g_array_index (reviews, Review, j);

          if (j != i && o->revision == r->revision && o->reviewer == r->reviewer &&
              newer (store, strings, o, r))
            latest = FALSE;
        }
      /* More approvals than that on one plan add nothing to a status. */
      if (latest && n_approved < G_N_ELEMENTS (approved))
        approved[n_approved++] = r->revision;
    }

  for (guint i = 0; i < n_approved; i++)
    {
      guint n = 0;

      for (guint j = 0; j < n_approved; j++)
        n += approved[i] == approved[j];
      best = MAX (best, n);
      if (approved[i] == head)
        at_head = n;
    }

  if (at_head >= needed)
    return COMMONS_REVIEW_STATUS_APPROVED;
  if (best >= needed)
    return COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL;
  return COMMONS_REVIEW_STATUS_IN_REVIEW;
}

static gboolean
derive_statuses (CommonsStore  *store,
                 GPtrArray     *candidates,
                 GHashTable    *by_id,
                 GError       **error)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (64 * 1024);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _commons_store_prepare (store,
      "SELECT v.plan, v.plan_revision, v.reviewer, v.verdict, v.rowid, x.author FROM reviews v "
      "LEFT JOIN revisions x ON x.id = v.plan_revision "
      "WHERE v.reviewer != ''", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate *candidate = g_hash_table_lookup (by_id, sqlite3_column_text (stmt, 0));
      Review review;

      if (candidate == NULL ||
          g_str_equal ((const char *) sqlite3_column_text (stmt, 2), candidate->creator))
        continue;

      review.revision = hash64 ((const char *) sqlite3_column_text (stmt, 1));
      review.reviewer = hash64 ((const char *) sqlite3_column_text (stmt, 2));
      /* Approving a version one wrote oneself counts for nothing. */
      review.approve = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "approve") == 0 &&
                       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5),
                                  (const char *) sqlite3_column_text (stmt, 2)) != 0;
      review.rowid = sqlite3_column_int64 (stmt, 4);
      review.created = review.id = NULL;
      if (candidate->reviews == NULL)
        candidate->reviews = g_array_sized_new (FALSE, FALSE, sizeof (Review), 4);
      g_array_append_val (candidate->reviews, review);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (store, rc, error);

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);

      candidate->status = settle (store, strings, candidate->reviews, candidate->head,
                                  candidate->needed);
    }
  return TRUE;
}

/* The groups whose rule is not the default, each with the approvals it
 * requires; plans of every other scope need the default. A handful of
 * rules at most, read once per query, so that a store where no group sets
 * one lists its plans without reading their scopes. */
static GHashTable *
load_rules (CommonsStore  *store,
            GError       **error)
{
  g_autoptr(GHashTable) rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _commons_store_prepare (store,
      "SELECT DISTINCT scope FROM records WHERE kind = ? AND deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, COMMONS_GROUP_RULE_KIND, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (scopes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  /* The record's presence is only a hint: the rule as the summary reads
   * it decides. */
  for (guint i = 0; i < scopes->len; i++)
    {
      guint needed = commons_group_rule_get_approvals (store, g_ptr_array_index (scopes, i));

      if (needed != COMMONS_REVIEW_DEFAULT_APPROVALS)
        g_hash_table_insert (rules, g_strdup (g_ptr_array_index (scopes, i)), GUINT_TO_POINTER (needed));
    }
  return g_steal_pointer (&rules);
}

typedef struct
{
  gint64 rowid;
  int    status;
} PlanStatus;

/* Every live plan's status, sorted by row id, as the store keeps it. */
typedef struct
{
  guint   approvals_needed;
  GArray *statuses;
} PlanStatuses;

static void
plan_statuses_free (gpointer data)
{
  PlanStatuses *self = data;

  g_array_unref (self->statuses);
  g_free (self);
}

static int
compare_plan_status (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = ((const PlanStatus *) a)->rowid;
  gint64 y = ((const PlanStatus *) b)->rowid;

  return (x > y) - (x < y);
}

/* Where @rowid is in @statuses, or would go. */
static guint
find_plan_status (GArray *statuses,
                  gint64  rowid,
                  gboolean *found)
{
  guint lo = 0, hi = statuses->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at = g_array_index (statuses, PlanStatus, mid).rowid;

      if (at == rowid)
        {
          *found = TRUE;
          return mid;
        }
      if (at < rowid)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = FALSE;
  return lo;
}

/* Derives one plan's status again, after this connection changed it or
 * one of its reviews. */
static gboolean
update_plan (CommonsStore *store,
             PlanStatuses *self,
             const char   *plan)
{
  g_autoptr(CommonsReviewSummary) summary = NULL;
  g_autofree char *scope = NULL;
  sqlite3_stmt *stmt;
  gint64 rowid = 0;
  gboolean live = FALSE, found;
  guint needed = self->approvals_needed;
  guint at;

  stmt = _commons_store_prepare (store, "SELECT rowid, deleted = 0, scope FROM records WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rowid = sqlite3_column_int64 (stmt, 0);
      live = sqlite3_column_int (stmt, 1);
      scope = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rowid == 0)
    return FALSE;

  at = find_plan_status (self->statuses, rowid, &found);
  if (!live)
    {
      if (found)
        g_array_remove_index (self->statuses, at);
      return TRUE;
    }

  /* Its own group's rule, unless the list sets one for all. */
  if (needed == 0)
    needed = commons_group_rule_get_approvals (store, scope);
  summary = commons_review_summary_load (store, plan, needed, NULL);
  if (summary == NULL)
    return FALSE;
  if (found)
    {
      g_array_index (self->statuses, PlanStatus, at).status = commons_review_summary_get_status (summary);
    }
  else
    {
      PlanStatus status = { rowid, commons_review_summary_get_status (summary) };

      g_array_insert_val (self->statuses, at, status);
    }
  return TRUE;
}

/* What a change of this connection does to the statuses: a plan's own,
 * or the plan a review is of; a group's rule changes too many. */
static gboolean
plan_statuses_update (CommonsStore *store,
                      gpointer      data,
                      const char   *record,
                      const char   *kind)
{
  PlanStatuses *self = data;

  if (g_strcmp0 (kind, COMMONS_PLAN_KIND) == 0)
    return update_plan (store, self, record);

  if (g_strcmp0 (kind, COMMONS_REVIEW_KIND) == 0)
    {
      g_autofree char *plan = NULL;
      sqlite3_stmt *stmt;

      /* The reviews table keeps live reviews only: a review gone from it
       * no longer says which plan it was of. */
      stmt = _commons_store_prepare (store,
          "SELECT v.plan FROM records r JOIN reviews v ON v.rowid = r.rowid WHERE r.id = ?", NULL);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        plan = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      return plan != NULL && update_plan (store, self, plan);
    }

  return g_strcmp0 (kind, COMMONS_GROUP_RULE_KIND) != 0;
}

/* Every live plan's review status, sorted by row id, each by its own
 * group's rule unless @approvals_needed sets one for all. */
static PlanStatuses *
derive_plan_statuses (CommonsStore  *store,
                      guint          approvals_needed,
                      GError       **error)
{
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GStringChunk) strings = NULL;
  g_autoptr(GHashTable) rules = NULL;
  PlanStatuses *derived;
  GArray *statuses;
  guint needed;
  sqlite3_stmt *stmt;
  int rc;

  needed = approvals_needed > 0 ? approvals_needed : COMMONS_REVIEW_DEFAULT_APPROVALS;
  if (approvals_needed == 0)
    {
      rules = load_rules (store, error);
      if (rules == NULL)
        return NULL;
    }

  stmt = _commons_store_prepare (store,
      "SELECT r.rowid, r.id, r.head, p.creator, r.scope"
      "  FROM records r JOIN plans p ON p.rowid = r.rowid"
      "  WHERE r.kind = 'plan' AND r.deleted = 0", error);
  if (stmt == NULL)
    return NULL;

  candidates = g_ptr_array_new_with_free_func (candidate_free);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);
  strings = g_string_chunk_new (64 * 1024);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate *candidate = g_new0 (Candidate, 1);
      const char *id = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 1));
      gpointer rule;

      candidate->rowid = sqlite3_column_int64 (stmt, 0);
      candidate->head = hash64 ((const char *) sqlite3_column_text (stmt, 2));
      candidate->creator = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 3));
      candidate->needed = needed;
      if (rules != NULL &&
          g_hash_table_lookup_extended (rules, sqlite3_column_text (stmt, 4), NULL, &rule))
        candidate->needed = GPOINTER_TO_UINT (rule);
      candidate->status = COMMONS_REVIEW_STATUS_DRAFT;
      g_ptr_array_add (candidates, candidate);
      g_hash_table_insert (by_id, (gpointer) id, candidate);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  if (!derive_statuses (store, candidates, by_id, error))
    return NULL;

  statuses = g_array_sized_new (FALSE, FALSE, sizeof (PlanStatus), candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);
      PlanStatus status = { candidate->rowid, candidate->status };

      g_array_append_val (statuses, status);
    }
  g_array_sort (statuses, compare_plan_status);

  derived = g_new0 (PlanStatuses, 1);
  derived->approvals_needed = approvals_needed;
  derived->statuses = statuses;
  return derived;
}

static char *
plan_statuses_name (guint approvals_needed)
{
  return g_strdup_printf ("plan-status:%u", approvals_needed);
}

/* The statuses as the store keeps them: derived once, brought up to date
 * when this connection changes a plan or a review, and forgotten after a
 * sync or an import, so trying one status filter after another, or after
 * reviewing a plan, derives them once. */
static GArray *
plan_statuses (CommonsStore  *store,
               guint          approvals_needed,
               GError       **error)
{
  g_autofree char *name = plan_statuses_name (approvals_needed);
  PlanStatuses *kept = _commons_store_get_derived (store, name);

  if (kept != NULL)
    return kept->statuses;
  kept = derive_plan_statuses (store, approvals_needed, error);
  if (kept == NULL)
    return NULL;
  _commons_store_set_derived (store, name, kept, plan_statuses_free, plan_statuses_update);
  return kept->statuses;
}

/* Warming the statuses on a connection of a worker's own. */

typedef struct
{
  char              *path;
  guint              approvals_needed;
  CommonsStoreStamp  stamp;
} WarmData;

static void
warm_data_free (gpointer data)
{
  WarmData *warm = data;

  g_free (warm->path);
  g_free (warm);
}

static void
warm_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WarmData *warm = task_data;
  g_autoptr(CommonsStore) store = NULL;
  GError *error = NULL;
  PlanStatuses *statuses;

  store = commons_store_open (warm->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  statuses = derive_plan_statuses (store, warm->approvals_needed, &error);
  if (statuses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, statuses, plan_statuses_free);
}

/**
 * commons_plan_query_warm_async:
 * @approvals_needed: as #CommonsPlanFilter's
 *
 * Derives every plan's review status on a thread, through a connection of
 * its own, so that the first status filter need not: the plan list starts
 * this when it opens. The statuses are kept when
 * commons_plan_query_warm_finish() finds that nothing was written since
 * this was called; otherwise they are dropped and the next status filter
 * derives them again.
 */
void
commons_plan_query_warm_async (CommonsStore        *store,
                               guint                approvals_needed,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = plan_statuses_name (approvals_needed);
  WarmData *warm;

  g_return_if_fail (COMMONS_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, commons_plan_query_warm_async);
  if (_commons_store_get_derived (store, name) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  warm = g_new0 (WarmData, 1);
  warm->path = g_strdup (commons_store_get_path (store));
  warm->approvals_needed = approvals_needed;
  _commons_store_get_stamp (store, &warm->stamp);
  g_task_set_task_data (task, warm, warm_data_free);
  g_task_run_in_thread (task, warm_thread);
}

/**
 * commons_plan_query_warm_finish:
 *
 * Returns: %TRUE if the statuses are kept now, %FALSE with @error set if
 *   they could not be derived, %FALSE without if the store was written
 *   meanwhile
 */
gboolean
commons_plan_query_warm_finish (CommonsStore  *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  GTask *task = G_TASK (result);
  WarmData *warm = g_task_get_task_data (task);
  g_autofree char *name = NULL;
  CommonsStoreStamp now;
  PlanStatuses *statuses;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (warm == NULL)
    return g_task_propagate_boolean (task, error);
  statuses = g_task_propagate_pointer (task, error);
  if (statuses == NULL)
    return FALSE;

  /* The worker read the store after the stamp was taken; if nobody wrote
   * since, what it read is what this connection sees. */
  _commons_store_get_stamp (store, &now);
  name = plan_statuses_name (warm->approvals_needed);
  if (!_commons_store_stamp_equal (&now, &warm->stamp) ||
      _commons_store_get_derived (store, name) != NULL)
    {
      plan_statuses_free (statuses);
      return FALSE;
    }
  _commons_store_set_derived (store, name, statuses, plan_statuses_free, plan_statuses_update);
  return TRUE;
}

/**
 * commons_plan_query:
 * @filter: what to list
 *
 * Lists live plans matching @filter. Filters, search and sorting run in
 * SQLite, which returns only row ids; the plan list never loads plans it
 * does not show. The review status is derived as commons-review-summary.h
 * says, only when @filter asks for one, for every plan at once from one
 * pass over the reviews table, each plan with its own group's rule unless
 * @filter sets approvals_needed; the store keeps them between queries
 * (see plan_statuses()).
 *
 * Returns: (transfer full) (element-type gint64): the plans' row ids
 */
GArray *
commons_plan_query (CommonsStore             *store,
                    const CommonsPlanFilter  *filter,
                    GError                  **error)
{
  static const CommonsPlanFilter any = COMMONS_PLAN_FILTER_INIT;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *match = NULL;
  GArray *statuses = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &any;
  match = commons_store_build_match (filter->search);

  g_string_append (sql,
      "SELECT r.rowid FROM records r JOIN plans p ON p.rowid = r.rowid"
      "  WHERE r.kind = 'plan' AND r.deleted = 0"
      "    AND (?1 IS NULL OR p.subject = ?1)"
      "    AND (?2 IS NULL OR p.level = ?2)"
      "    AND (?3 IS NULL OR p.language = ?3)"
      "    AND (?4 IS NULL OR r.scope = ?4)");
  if (match != NULL)
    g_string_append (sql, " AND r.rowid IN (SELECT rowid FROM record_search WHERE record_search MATCH ?5)");
  if (filter->sort == COMMONS_PLAN_SORT_TITLE)
    g_string_append (sql, " ORDER BY r.title COLLATE NOCASE, r.rowid");
  else
    g_string_append (sql, " ORDER BY r.updated DESC, r.rowid DESC");

  if (filter->status >= 0)
    {
      statuses = plan_statuses (store, filter->approvals_needed, error);
      if (statuses == NULL)
        return NULL;
    }

  /* Built for this filter: not kept in the statement cache. */
  stmt = commons_sqlite_prepare_once (store->sql, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, filter->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, filter->level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, filter->scope, -1, SQLITE_STATIC);
  if (match != NULL)
    sqlite3_bind_text (stmt, 5, match, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (statuses != NULL)
        {
          gboolean found;
          guint at = find_plan_status (statuses, rowid, &found);

          if (!found || g_array_index (statuses, PlanStatus, at).status != filter->status)
            continue;
        }
      g_array_append_val (rows, rowid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * commons_plan_list_values:
 * @column: which column
 *
 * Returns: (transfer full): the distinct non-empty values live plans have
 *   in @column, sorted, for the filter dropdowns
 */
char **
commons_plan_list_values (CommonsStore       *store,
                          CommonsPlanColumn   column,
                          GError            **error)
{
  static const char * const queries[] = {
    [COMMONS_PLAN_COLUMN_SUBJECT] =
      "SELECT DISTINCT subject FROM plans WHERE subject != '' ORDER BY subject COLLATE NOCASE",
    [COMMONS_PLAN_COLUMN_LEVEL] =
      "SELECT DISTINCT level FROM plans WHERE level != '' ORDER BY level COLLATE NOCASE",
    [COMMONS_PLAN_COLUMN_LANGUAGE] =
      "SELECT DISTINCT language FROM plans WHERE language != '' ORDER BY language COLLATE NOCASE",
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  /* The plans table only holds live plans: materialize removes a plan's
   * row when its head is a delete. */
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (column <= COMMONS_PLAN_COLUMN_LANGUAGE, NULL);

  stmt = _commons_store_prepare (store, queries[column], error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}
