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
#include "commons-store-private.h"

/* The status rule of commons-review-summary.h over every plan of a list.
 * Grouping 30,000 reviews by plan, revision and reviewer in SQL sorts on
 * long keys and takes well over 100 ms. Instead one pass over the reviews
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
      "SELECT plan, plan_revision, reviewer, verdict, rowid FROM reviews "
      "WHERE reviewer != ''", error);
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
      review.approve = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "approve") == 0;
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

/**
 * commons_plan_query:
 * @filter: what to list
 *
 * Lists live plans matching @filter. Filters, search and sorting run in
 * SQLite, which returns only row ids and what the status needs; the plan
 * list never loads plans it does not show. The review status is derived
 * as commons-review-summary.h says, only when @filter asks for one, from
 * one pass over the reviews table, each plan with its own group's rule
 * unless @filter sets approvals_needed.
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
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GStringChunk) strings = NULL;
  g_autoptr(GHashTable) rules = NULL;
  guint needed;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &any;
  db = _commons_store_get_db (store);
  match = commons_store_build_match (filter->search);

  /* Each plan's status by its own group's rule, unless @filter names one
   * for all. */
  needed = filter->approvals_needed > 0 ? filter->approvals_needed : COMMONS_REVIEW_DEFAULT_APPROVALS;
  if (filter->status >= 0 && filter->approvals_needed == 0)
    {
      rules = load_rules (store, error);
      if (rules == NULL)
        return NULL;
      if (g_hash_table_size (rules) == 0)
        g_clear_pointer (&rules, g_hash_table_unref);
    }

  g_string_append (sql,
      "WITH candidates AS ("
      "  SELECT r.rowid AS rowid, r.id AS id, r.head AS head, r.title AS title,"
      "         r.updated AS updated, p.creator AS creator, r.scope AS scope"
      "  FROM records r JOIN plans p ON p.rowid = r.rowid"
      "  WHERE r.kind = 'plan' AND r.deleted = 0"
      "    AND (?1 IS NULL OR p.subject = ?1)"
      "    AND (?2 IS NULL OR p.level = ?2)"
      "    AND (?3 IS NULL OR p.language = ?3)"
      "    AND (?4 IS NULL OR r.scope = ?4)");
  if (match != NULL)
    g_string_append (sql, " AND r.rowid IN (SELECT rowid FROM record_search WHERE record_search MATCH ?5)");
  g_string_append (sql, ")");

  g_string_append (sql, " SELECT c.rowid, c.id, c.head, c.creator");
  if (rules != NULL)
    g_string_append (sql, ", c.scope");
  g_string_append (sql, " FROM candidates c");
  if (filter->sort == COMMONS_PLAN_SORT_TITLE)
    g_string_append (sql, " ORDER BY c.title COLLATE NOCASE, c.rowid");
  else
    g_string_append (sql, " ORDER BY c.updated DESC, c.rowid DESC");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, filter->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, filter->level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->language, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, filter->scope, -1, SQLITE_STATIC);
  if (match != NULL)
    sqlite3_bind_text (stmt, 5, match, -1, SQLITE_STATIC);

  if (filter->status >= 0)
    {
      candidates = g_ptr_array_new_with_free_func (candidate_free);
      by_id = g_hash_table_new (g_str_hash, g_str_equal);
      strings = g_string_chunk_new (64 * 1024);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      if (candidates != NULL)
        {
          Candidate *candidate = g_new0 (Candidate, 1);
          const char *id = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 1));

          candidate->rowid = rowid;
          candidate->head = hash64 ((const char *) sqlite3_column_text (stmt, 2));
          candidate->creator = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 3));
          candidate->needed = needed;
          if (rules != NULL)
            {
              gpointer rule;

              if (g_hash_table_lookup_extended (rules, sqlite3_column_text (stmt, 4), NULL, &rule))
                candidate->needed = GPOINTER_TO_UINT (rule);
            }
          candidate->status = COMMONS_REVIEW_STATUS_DRAFT;
          g_ptr_array_add (candidates, candidate);
          g_hash_table_insert (by_id, (gpointer) id, candidate);
        }
      else
        g_array_append_val (rows, rowid);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  if (candidates != NULL)
    {
      if (!derive_statuses (store, candidates, by_id, error))
        return NULL;
      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *candidate = g_ptr_array_index (candidates, i);

          if (candidate->status == filter->status)
            g_array_append_val (rows, candidate->rowid);
        }
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
