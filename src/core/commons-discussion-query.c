/* commons-discussion-query.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-discussion"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-discussion-private.h"

/* Reading discussion: lists with their derived counts, search, and what
 * is new. Everything is read from the materialized tables of schema 8 in
 * one query per list, never by replaying history; only the full text of
 * the comments and answers shown is read from their head revisions. */

/* Search answers at most this many hits, those that came last first (the
 * order of the index, so a word found everywhere costs no more than a
 * rare one): a person refines a search rather than reading thousands. */
#define SEARCH_LIMIT 200

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* "" reads as not set. */
static char *
column_dup_or_null (sqlite3_stmt *stmt,
                    int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static gboolean
finish (CommonsStore  *store,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (store, rc, error);
  return TRUE;
}

/* Binds this person's ids, current and from before keys, at @first and
 * @first + 1. */
static void
bind_me (CommonsStore *store,
         sqlite3_stmt *stmt,
         int           first)
{
  const char *legacy = commons_store_get_legacy_person_id (store);

  sqlite3_bind_text (stmt, first, commons_store_get_person_id (store), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 1, legacy != NULL ? legacy : "", -1, SQLITE_STATIC);
}

static char *
dup_head_body (CommonsStore *store,
               const char   *head)
{
  g_autoptr(CommonsRevision) revision = commons_store_get_revision (store, head, NULL);
  const char *body = revision != NULL ? commons_revision_get_string_field (revision, "body") : NULL;

  return g_strdup (body != NULL ? body : "");
}

static gint64
seen_stamp (CommonsStore *store,
            const char   *record)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      "SELECT stamp FROM discussion_seen WHERE record = ?", NULL);
  gint64 stamp = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stamp = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return stamp;
}

/* Comments. */

#define COMMENT_COLUMNS \
  "SELECT r.id, c.plan, c.plan_revision, c.reply_to, c.author, r.created, r.updated, " \
  "  c.removed, c.arrived, r.head, (SELECT time FROM revisions WHERE id = c.plan_revision), " \
  "  (SELECT count(*) FROM comments k WHERE k.plan = c.plan AND k.reply_to = r.id AND k.removed = 0) " \
  "FROM comments c JOIN records r ON r.rowid = c.rowid "

static CommonsComment *
comment_from_row (CommonsStore *store,
                  sqlite3_stmt *stmt,
                  gint64        seen)
{
  CommonsComment *comment = g_object_new (COMMONS_TYPE_COMMENT, NULL);

  comment->record = column_dup (stmt, 0);
  comment->plan = column_dup (stmt, 1);
  comment->plan_revision = column_dup (stmt, 2);
  comment->reply_to = column_dup_or_null (stmt, 3);
  comment->author = column_dup (stmt, 4);
  comment->created = column_dup (stmt, 5);
  comment->updated = column_dup (stmt, 6);
  comment->deleted = sqlite3_column_int (stmt, 7) != 0;
  comment->plan_revision_time = column_dup (stmt, 10);
  comment->n_replies = sqlite3_column_int (stmt, 11);
  comment->edited = g_strcmp0 (comment->created, comment->updated) != 0 && !comment->deleted;
  comment->mine = commons_store_is_me (store, comment->author);
  comment->is_new = !comment->mine && !comment->deleted && sqlite3_column_int64 (stmt, 8) > seen;
  comment->body = comment->deleted ? g_strdup ("") :
                  dup_head_body (store, (const char *) sqlite3_column_text (stmt, 9));
  return comment;
}

GListModel *
commons_discussion_list_comments (CommonsStore  *store,
                                  const char    *plan,
                                  GError       **error)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) tops = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GListStore) list = g_list_store_new (COMMONS_TYPE_COMMENT);
  sqlite3_stmt *stmt;
  gint64 seen;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  seen = seen_stamp (store, plan);
  stmt = _commons_store_prepare (store,
      COMMENT_COLUMNS "WHERE c.plan = ? AND r.deleted = 0 ORDER BY r.created, r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (all, comment_from_row (store, stmt, seen));
  if (!finish (store, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      CommonsComment *comment = g_ptr_array_index (all, i);

      if (comment->reply_to == NULL)
        g_hash_table_insert (tops, comment->record, comment);
    }

  /* Each top-level comment with its replies; a reply whose comment has
   * not arrived (or is not a top-level one) stands on its own, so that
   * nothing that arrived is hidden. */
  for (guint i = 0; i < all->len; i++)
    {
      CommonsComment *comment = g_ptr_array_index (all, i);

      if (comment->reply_to != NULL && g_hash_table_contains (tops, comment->reply_to))
        continue;
      if (comment->deleted && comment->n_replies == 0)
        continue;
      if (comment->deleted && comment->reply_to != NULL)
        continue;
      g_list_store_append (list, comment);
      if (comment->reply_to != NULL)
        continue;
      for (guint j = 0; j < all->len; j++)
        {
          CommonsComment *reply = g_ptr_array_index (all, j);

          if (g_strcmp0 (reply->reply_to, comment->record) == 0 && !reply->deleted)
            g_list_store_append (list, reply);
        }
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * commons_discussion_get_comment:
 *
 * Returns: (transfer full): the comment, or %NULL with
 *   %COMMONS_DISCUSSION_ERROR_NOT_FOUND
 */
CommonsComment *
commons_discussion_get_comment (CommonsStore  *store,
                                const char    *comment,
                                GError       **error)
{
  CommonsComment *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (comment != NULL, NULL);

  stmt = _commons_store_prepare (store, COMMENT_COLUMNS "WHERE r.id = ? AND r.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, comment, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *plan = column_dup (stmt, 1);

      found = comment_from_row (store, stmt, 0);
      rc = SQLITE_DONE;
      found->is_new = !found->mine && !found->deleted &&
                      sqlite3_column_int64 (stmt, 8) > seen_stamp (store, plan);
    }
  if (!finish (store, stmt, rc, error))
    {
      g_clear_object (&found);
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                 _("No such comment: %s"), comment);
  return found;
}

guint
commons_discussion_count_comments (CommonsStore *store,
                                   const char   *plan)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (store), 0);
  g_return_val_if_fail (plan != NULL, 0);

  stmt = _commons_store_prepare (store,
      "SELECT count(*) FROM comments WHERE plan = ? AND removed = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * commons_discussion_count_comments_by_plan:
 * @scope: (nullable): a group id or %COMMONS_SCOPE_LOCAL; %NULL for all
 *
 * Returns: (transfer full) (element-type utf8 guint): plan id → number of
 *   comments not deleted, as GUINT_TO_POINTER
 */
GHashTable *
commons_discussion_count_comments_by_plan (CommonsStore  *store,
                                           const char    *scope,
                                           GError       **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  stmt = _commons_store_prepare (store,
      "SELECT c.plan, count(*) FROM comments c JOIN records r ON r.rowid = c.rowid "
      "WHERE c.removed = 0 AND r.deleted = 0 AND (?1 IS NULL OR r.scope = ?1) GROUP BY c.plan", error);
  if (stmt == NULL)
    return NULL;
  if (scope != NULL)
    sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, column_dup (stmt, 0), GUINT_TO_POINTER (sqlite3_column_int (stmt, 1)));
  if (!finish (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&counts);
}

/* Questions. */

/* The accepted answer while it is held, answers this question and is not
 * deleted; "" otherwise, so that a deleted accepted answer neither marks
 * the question answered nor points anywhere. */
#define ACCEPTED_LIVE \
  "CASE WHEN q.accepted <> '' AND EXISTS (SELECT 1 FROM records ra JOIN answers aa ON aa.rowid = ra.rowid " \
  "  WHERE ra.id = q.accepted AND ra.deleted = 0 AND aa.removed = 0 AND aa.question = r.id) " \
  "THEN q.accepted ELSE '' END"

#define QUESTION_COLUMNS \
  "SELECT r.id, q.scope, r.title, r.preview, q.language, q.plan, " ACCEPTED_LIVE ", q.asker, q.created, " \
  "  q.n_answers, q.score, q.arrived, coalesce (s.stamp, 0), " \
  "  (SELECT count(*) FROM answers a WHERE a.question = r.id AND a.removed = 0 " \
  "     AND a.arrived > coalesce (s.stamp, 0) AND a.author <> ?1 AND a.author <> ?2), r.head " \
  "FROM questions q JOIN records r ON r.rowid = q.rowid " \
  "LEFT JOIN discussion_seen s ON s.record = r.id "

static CommonsQuestion *
question_from_row (CommonsStore *store,
                   sqlite3_stmt *stmt)
{
  CommonsQuestion *question = g_object_new (COMMONS_TYPE_QUESTION, NULL);

  question->record = column_dup (stmt, 0);
  question->group = column_dup (stmt, 1);
  question->title = column_dup (stmt, 2);
  question->body = column_dup (stmt, 3);
  question->language = column_dup (stmt, 4);
  question->plan = column_dup_or_null (stmt, 5);
  question->accepted = column_dup_or_null (stmt, 6);
  question->asker = column_dup (stmt, 7);
  question->created = column_dup (stmt, 8);
  question->n_answers = sqlite3_column_int (stmt, 9);
  question->score = sqlite3_column_int (stmt, 10);
  question->mine = commons_store_is_me (store, question->asker);
  question->is_new = !question->mine && sqlite3_column_int64 (stmt, 11) > sqlite3_column_int64 (stmt, 12);
  question->n_new_answers = sqlite3_column_int (stmt, 13);
  return question;
}

/* A group's questions in order, each read from the store the first time
 * a list asks for it: a page shows a screenful of a group's thousands,
 * so listing reads only their ids and the order. A question deleted
 * between the two reads shows as an empty row until the page reloads,
 * which the change that deleted it makes it do. */
#define COMMONS_TYPE_QUESTION_LIST (commons_question_list_get_type ())

G_DECLARE_FINAL_TYPE (CommonsQuestionList, commons_question_list, COMMONS, QUESTION_LIST, GObject)

struct _CommonsQuestionList
{
  GObject       parent_instance;

  CommonsStore *store;
  /* (element-type gint64): the questions' rowids, in order */
  GArray       *rowids;
  /* (element-type utf8): their record ids */
  GPtrArray    *ids;
  /* (element-type CommonsQuestion): read so far, %NULL where not yet */
  GPtrArray    *items;
};

static GType
commons_question_list_get_item_type (GListModel *model)
{
  return COMMONS_TYPE_QUESTION;
}

static guint
commons_question_list_get_n_items (GListModel *model)
{
  return COMMONS_QUESTION_LIST (model)->rowids->len;
}

static CommonsQuestion *
read_question (CommonsQuestionList *self,
               guint                position)
{
  g_autoptr(GError) error = NULL;
  CommonsQuestion *question = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _commons_store_prepare (self->store, QUESTION_COLUMNS "WHERE q.rowid = ?3", &error);
  if (stmt != NULL)
    {
      bind_me (self->store, stmt, 1);
      sqlite3_bind_int64 (stmt, 3, g_array_index (self->rowids, gint64, position));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          question = question_from_row (self->store, stmt);
          rc = SQLITE_DONE;
        }
      finish (self->store, stmt, rc, &error);
    }
  if (error != NULL)
    g_debug ("Cannot read a question: %s", error->message);
  if (question == NULL)
    {
      question = g_object_new (COMMONS_TYPE_QUESTION, NULL);
      question->record = g_strdup (g_ptr_array_index (self->ids, position));
      question->title = g_strdup ("");
      question->body = g_strdup ("");
    }
  return question;
}

static gpointer
commons_question_list_get_item (GListModel *model,
                                guint       position)
{
  CommonsQuestionList *self = COMMONS_QUESTION_LIST (model);

  if (position >= self->rowids->len)
    return NULL;
  if (g_ptr_array_index (self->items, position) == NULL)
    g_ptr_array_index (self->items, position) = read_question (self, position);
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
commons_question_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = commons_question_list_get_item_type;
  iface->get_n_items = commons_question_list_get_n_items;
  iface->get_item = commons_question_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (CommonsQuestionList, commons_question_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, commons_question_list_model_init))

static void
commons_question_list_finalize (GObject *object)
{
  CommonsQuestionList *self = COMMONS_QUESTION_LIST (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rowids, g_array_unref);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (commons_question_list_parent_class)->finalize (object);
}

static void
commons_question_list_class_init (CommonsQuestionListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_question_list_finalize;
}

static void
unref_if_read (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
commons_question_list_init (CommonsQuestionList *self)
{
  self->rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->items = g_ptr_array_new_with_free_func (unref_if_read);
}

/**
 * commons_discussion_list_questions:
 * @group: a group id
 *
 * Returns: (transfer full) (element-type CommonsQuestion): the group's
 *   questions in @sort's order; their body is the start of it. Each is
 *   read when first asked for.
 */
GListModel *
commons_discussion_list_questions (CommonsStore         *store,
                                   const char           *group,
                                   CommonsQuestionSort   sort,
                                   GError              **error)
{
#define QUESTIONS_OF_GROUP \
  "SELECT q.rowid, r.id FROM questions q JOIN records r ON r.rowid = q.rowid " \
  "WHERE q.scope = ?1 AND r.deleted = 0 "
  static const char * const queries[] = {
    [COMMONS_QUESTION_SORT_NEWEST] =
      QUESTIONS_OF_GROUP "ORDER BY q.created DESC, q.arrived DESC, r.id",
    [COMMONS_QUESTION_SORT_UNANSWERED] =
      QUESTIONS_OF_GROUP "ORDER BY (" ACCEPTED_LIVE ") <> '', q.n_answers > 0, "
      "q.created DESC, q.arrived DESC, r.id",
    [COMMONS_QUESTION_SORT_MOST_VOTED] =
      QUESTIONS_OF_GROUP "ORDER BY q.score DESC, q.created DESC, q.arrived DESC, r.id",
  };
#undef QUESTIONS_OF_GROUP
  g_autoptr(CommonsQuestionList) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (sort <= COMMONS_QUESTION_SORT_MOST_VOTED, NULL);

  stmt = _commons_store_prepare (store, queries[sort], error);
  if (stmt == NULL)
    return NULL;
  list = g_object_new (COMMONS_TYPE_QUESTION_LIST, NULL);
  list->store = g_object_ref (store);
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (list->rowids, rowid);
      g_ptr_array_add (list->ids, column_dup (stmt, 1));
    }
  if (!finish (store, stmt, rc, error))
    return NULL;
  g_ptr_array_set_size (list->items, list->rowids->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * commons_discussion_get_question:
 *
 * Returns: (transfer full): the question with its whole body, or %NULL
 *   with %COMMONS_DISCUSSION_ERROR_NOT_FOUND
 */
CommonsQuestion *
commons_discussion_get_question (CommonsStore  *store,
                                 const char    *question,
                                 GError       **error)
{
  CommonsQuestion *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (question != NULL, NULL);

  stmt = _commons_store_prepare (store, QUESTION_COLUMNS "WHERE r.id = ?3 AND r.deleted = 0", error);
  if (stmt == NULL)
    return NULL;
  bind_me (store, stmt, 1);
  sqlite3_bind_text (stmt, 3, question, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = question_from_row (store, stmt);
      g_free (found->body);
      found->body = dup_head_body (store, (const char *) sqlite3_column_text (stmt, 14));
      rc = SQLITE_DONE;
    }
  if (!finish (store, stmt, rc, error))
    {
      g_clear_object (&found);
      return NULL;
    }
  if (found == NULL)
    g_set_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND,
                 _("No such question: %s"), question);
  return found;
}

/* Answers. */

/**
 * commons_discussion_list_answers:
 *
 * Returns: (transfer full) (element-type CommonsAnswer): the answers to
 *   @question that are not deleted, the accepted one first, then by
 *   score, then oldest first
 */
GListModel *
commons_discussion_list_answers (CommonsStore  *store,
                                 const char    *question,
                                 GError       **error)
{
  g_autoptr(CommonsQuestion) asked = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  GListStore *list;
  gint64 seen;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (question != NULL, NULL);

  asked = commons_discussion_get_question (store, question, error);
  if (asked == NULL)
    return NULL;
  seen = seen_stamp (store, question);

  stmt = _commons_store_prepare (store,
      "SELECT r.id, a.author, r.created, r.updated, a.score, a.n_up, a.n_down, a.arrived, r.head, "
      "  (SELECT value FROM votes v WHERE v.answer = r.id AND (v.voter = ?3 OR v.voter = ?4)) "
      "FROM answers a JOIN records r ON r.rowid = a.rowid "
      "WHERE a.question = ?1 AND a.removed = 0 AND r.deleted = 0 "
      "ORDER BY r.id = ?2 DESC, a.score DESC, r.created, a.arrived, r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, question, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, asked->accepted != NULL ? asked->accepted : "", -1, SQLITE_STATIC);
  bind_me (store, stmt, 3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CommonsAnswer *answer = g_object_new (COMMONS_TYPE_ANSWER, NULL);

      answer->record = column_dup (stmt, 0);
      answer->question = g_strdup (question);
      answer->author = column_dup (stmt, 1);
      answer->created = column_dup (stmt, 2);
      answer->updated = column_dup (stmt, 3);
      answer->score = sqlite3_column_int (stmt, 4);
      answer->n_up = sqlite3_column_int (stmt, 5);
      answer->n_down = sqlite3_column_int (stmt, 6);
      answer->mine = commons_store_is_me (store, answer->author);
      answer->is_new = !answer->mine && sqlite3_column_int64 (stmt, 7) > seen;
      answer->body = dup_head_body (store, (const char *) sqlite3_column_text (stmt, 8));
      answer->my_vote = sqlite3_column_int (stmt, 9);
      answer->accepted = g_strcmp0 (answer->record, asked->accepted) == 0;
      g_ptr_array_add (rows, answer);
    }
  if (!finish (store, stmt, rc, error))
    return NULL;

  list = g_list_store_new (COMMONS_TYPE_ANSWER);
  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (list);
}

/* Search. */

/**
 * commons_discussion_search:
 * @group: (nullable): a group id, or %NULL for every group
 * @search: what the person typed
 *
 * Returns: (transfer full) (element-type CommonsDiscussionHit): the
 *   questions and answers matching, those that came to this device last
 *   first, at most a few hundred
 */
GListModel *
commons_discussion_search (CommonsStore  *store,
                           const char    *group,
                           const char    *search,
                           GError       **error)
{
  g_autofree char *match = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  GListStore *list;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (search != NULL, NULL);

  list = g_list_store_new (COMMONS_TYPE_DISCUSSION_HIT);
  match = commons_store_build_match (search);
  if (match == NULL)
    return G_LIST_MODEL (list);

  stmt = _commons_store_prepare (store,
      "SELECT r.rowid, r.id, r.kind, r.scope, "
      "  CASE r.kind WHEN 'answer' THEN a.question ELSE r.id END, "
      "  CASE r.kind WHEN 'answer' THEN a.author ELSE q.asker END, "
      "  CASE r.kind WHEN 'answer' THEN (SELECT title FROM records t WHERE t.id = a.question) "
      "    ELSE r.title END "
      "FROM record_search s JOIN records r ON r.rowid = s.rowid "
      "LEFT JOIN answers a ON a.rowid = r.rowid "
      "LEFT JOIN questions q ON q.rowid = r.rowid "
      "WHERE record_search MATCH ?1 AND r.kind IN ('question', 'answer') AND r.deleted = 0 "
      "  AND (?2 IS NULL OR r.scope = ?2) AND coalesce (a.removed, 0) = 0 "
      "  AND (a.question IS NULL OR NOT EXISTS (SELECT 1 FROM records t WHERE t.id = a.question AND t.deleted = 1)) "
      "ORDER BY s.rowid DESC LIMIT " G_STRINGIFY (SEARCH_LIMIT), error);
  if (stmt == NULL)
    {
      g_object_unref (list);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (group != NULL)
    sqlite3_bind_text (stmt, 2, group, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CommonsDiscussionHit *hit = g_object_new (COMMONS_TYPE_DISCUSSION_HIT, NULL);

      hit->record = column_dup (stmt, 1);
      hit->kind = column_dup (stmt, 2);
      hit->scope = column_dup (stmt, 3);
      hit->target = column_dup (stmt, 4);
      hit->author = column_dup (stmt, 5);
      /* The title shown with an answer is its question's. */
      hit->title = sqlite3_column_type (stmt, 6) != SQLITE_NULL ? column_dup (stmt, 6) : g_strdup ("");
      hit->store = g_object_ref (store);
      hit->rowid = sqlite3_column_int64 (stmt, 0);
      hit->match = g_strdup (match);
      g_ptr_array_add (rows, hit);
    }
  if (!finish (store, stmt, rc, error))
    {
      g_object_unref (list);
      return NULL;
    }

  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (list);
}

/* New since last opened. */

/**
 * commons_discussion_mark_seen:
 * @record: a plan or a question
 *
 * Notes that the person opened @record now: what arrived until now is no
 * longer new. Kept on this device only.
 */
gboolean
commons_discussion_mark_seen (CommonsStore  *store,
                              const char    *record,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!_commons_store_begin (store, error))
    return FALSE;
  stmt = _commons_store_prepare (store,
      "INSERT OR REPLACE INTO discussion_seen (record, stamp) "
      "VALUES (?, (SELECT coalesce (max (seq), 0) FROM revisions))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (!finish (store, stmt, rc, error))
    goto fail;
  return _commons_store_commit (store, error);

fail:
  _commons_store_rollback (store);
  return FALSE;
}

/**
 * commons_discussion_count_new:
 * @group: a group id
 *
 * Returns: how many comments on the group's plans, questions asked in it
 *   and answers to them arrived since their plan or question was last
 *   opened here, written by others
 */
guint
commons_discussion_count_new (CommonsStore *store,
                              const char   *group)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (store), 0);
  g_return_val_if_fail (group != NULL, 0);

  stmt = _commons_store_prepare (store,
      "SELECT "
      " (SELECT count(*) FROM comments c JOIN records r ON r.rowid = c.rowid "
      "  LEFT JOIN discussion_seen s ON s.record = c.plan "
      "  WHERE r.scope = ?1 AND r.deleted = 0 AND c.removed = 0 AND c.author <> ?2 AND c.author <> ?3 "
      "    AND c.arrived > coalesce (s.stamp, 0)) + "
      " (SELECT count(*) FROM answers a JOIN records r ON r.rowid = a.rowid "
      "  LEFT JOIN discussion_seen s ON s.record = a.question "
      "  WHERE r.scope = ?1 AND r.deleted = 0 AND a.removed = 0 AND a.author <> ?2 AND a.author <> ?3 "
      "    AND a.arrived > coalesce (s.stamp, 0)) + "
      " (SELECT count(*) FROM questions q JOIN records r ON r.rowid = q.rowid "
      "  LEFT JOIN discussion_seen s ON s.record = r.id "
      "  WHERE q.scope = ?1 AND r.deleted = 0 AND q.asker <> ?2 AND q.asker <> ?3 "
      "    AND q.arrived > coalesce (s.stamp, 0))", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  bind_me (store, stmt, 2);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return n;
}

/* Notifications. */

/**
 * commons_discussion_get_stamp:
 *
 * Returns: a mark of what the store holds now, for
 *   commons_discussion_list_arrivals()
 */
gint64
commons_discussion_get_stamp (CommonsStore *store)
{
  sqlite3_stmt *stmt;
  gint64 stamp = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (store), 0);

  stmt = _commons_store_prepare (store, "SELECT coalesce (max (seq), 0) FROM revisions", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    stamp = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return stamp;
}

/**
 * commons_discussion_list_arrivals:
 * @since: a stamp from commons_discussion_get_stamp()
 *
 * Returns: (transfer full) (element-type CommonsDiscussionHit): answers to
 *   this person's questions and comments on their plans, by others, that
 *   arrived after @since, oldest first; the snippet is the start of each
 */
GListModel *
commons_discussion_list_arrivals (CommonsStore  *store,
                                  gint64         since,
                                  GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  GListStore *list;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  stmt = _commons_store_prepare (store,
      "SELECT r.id, r.kind, t.id, t.title, r.preview, x.author, r.scope FROM ("
      "  SELECT c.rowid AS rowid, c.plan AS target, c.author AS author, c.arrived AS arrived "
      "  FROM comments c WHERE c.arrived > ?1 AND c.removed = 0 AND c.author <> ?2 AND c.author <> ?3 "
      "    AND EXISTS (SELECT 1 FROM records pr JOIN plans p ON p.rowid = pr.rowid "
      "                WHERE pr.id = c.plan AND (p.creator = ?2 OR p.creator = ?3)) "
      "  UNION ALL "
      "  SELECT a.rowid, a.question, a.author, a.arrived "
      "  FROM answers a WHERE a.arrived > ?1 AND a.removed = 0 AND a.author <> ?2 AND a.author <> ?3 "
      "    AND EXISTS (SELECT 1 FROM records qr JOIN questions q ON q.rowid = qr.rowid "
      "                WHERE qr.id = a.question AND (q.asker = ?2 OR q.asker = ?3))"
      ") x JOIN records r ON r.rowid = x.rowid JOIN records t ON t.id = x.target "
      "WHERE r.deleted = 0 AND t.deleted = 0 ORDER BY x.arrived, r.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  bind_me (store, stmt, 2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CommonsDiscussionHit *hit = g_object_new (COMMONS_TYPE_DISCUSSION_HIT, NULL);

      hit->record = column_dup (stmt, 0);
      hit->kind = column_dup (stmt, 1);
      hit->target = column_dup (stmt, 2);
      hit->title = column_dup (stmt, 3);
      hit->snippet = column_dup (stmt, 4);
      hit->author = column_dup (stmt, 5);
      hit->scope = column_dup (stmt, 6);
      g_ptr_array_add (rows, hit);
    }
  if (!finish (store, stmt, rc, error))
    return NULL;

  list = g_list_store_new (COMMONS_TYPE_DISCUSSION_HIT);
  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (list);
}
