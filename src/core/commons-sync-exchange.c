/* commons-sync-exchange.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync"

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gi18n-lib.h>

#include "commons-store-private.h"
#include "commons-sync-private.h"

/* Exchanging revisions: push what has not left the device, pull what the
 * group wrote since the cursor, and check that both sides agree. */

/* Push. */

/* Answers that may succeed later: the revision stays unpushed and goes
 * again with the next sync, never dropped. */
static gboolean
may_succeed_later (const char *reason)
{
  return g_strcmp0 (reason, "unknown_parent") == 0;
}

/* A page to push: its ids in order, the signatures made for them, and
 * the request body. */
typedef struct
{
  GPtrArray *ids;
  char     **signatures;
  GString   *body;
  gint64     last;
} PushPage;

static void
push_page_free (PushPage *page)
{
  if (page == NULL)
    return;
  _commons_store_free_signatures (page->signatures, page->ids->len);
  g_ptr_array_unref (page->ids);
  g_string_free (page->body, TRUE);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PushPage, push_page_free)

/* The next page of what has not left the device after @after, signed
 * but not yet marked as sent; *page is NULL when nothing is left. Only
 * reads the store, so it can be made while the page before is under
 * way. */
static gboolean
prepare_push_page (CommonsSyncClient  *self,
                   CommonsGroup       *group,
                   gint64              after,
                   PushPage          **out,
                   GError            **error)
{
  g_autoptr(PushPage) page = g_new0 (PushPage, 1);
  sqlite3_stmt *stmt;
  int rc;

  *out = NULL;
  page->ids = g_ptr_array_new_with_free_func (g_free);
  page->body = g_string_new ("{\"revisions\":[");
  page->last = after;

  stmt = _commons_store_prepare (self->store, COMMONS_SQL_UNPUSHED, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int (stmt, 3, COMMONS_SYNC_PAGE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (page->ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      page->last = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (self->store, rc, error);
  if (page->ids->len == 0)
    return TRUE;

  /* Signed as they first leave. */
  page->signatures = _commons_store_sign_leaving (self->store, page->ids, error);
  if (page->signatures == NULL)
    return FALSE;

  stmt = _commons_store_prepare (self->store,
      "SELECT body, signature FROM revisions WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0, n = 0; i < page->ids->len; i++)
    {
      const char *signature;

      sqlite3_bind_text (stmt, 1, g_ptr_array_index (page->ids, i), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (n++ > 0)
        g_string_append_c (page->body, ',');
      g_string_append (page->body, "{\"id\":\"");
      g_string_append (page->body, g_ptr_array_index (page->ids, i));
      g_string_append (page->body, "\",");
      signature = page->signatures[i] != NULL ? page->signatures[i] :
                  (const char *) sqlite3_column_text (stmt, 1);
      if (signature != NULL)
        {
          g_string_append (page->body, "\"sig\":\"");
          g_string_append (page->body, signature);
          g_string_append (page->body, "\",");
        }
      g_string_append (page->body, (const char *) sqlite3_column_text (stmt, 0) + 1);
      sqlite3_reset (stmt);
    }
  g_string_append (page->body, "]}");
  *out = g_steal_pointer (&page);
  return TRUE;
}

/* What the server answered for a page, in the transaction the caller
 * holds. pushed: 1 once the server holds it, 2 if it refused it for
 * good; 0 (unchanged) if it may take it later. */
static gboolean
take_push_answer (CommonsSyncClient  *self,
                  CommonsGroup       *group,
                  PushPage           *page,
                  JsonNode           *answer,
                  CommonsSyncStats   *stats,
                  GError            **error)
{
  JsonNode *results = json_object_get_member (json_node_get_object (answer), "results");
  JsonArray *array;
  gint64 lowest = G_MAXINT64;
  gint64 highest = 0;
  gint64 n_stored = 0;

  if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results) ||
      json_array_get_length (array = json_node_get_array (results)) != page->ids->len)
    goto protocol;

  for (guint i = 0; i < page->ids->len; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *status = object != NULL ? _commons_sync_get_string (object, "status") : NULL;
      const char *state = "1";

      if (g_strcmp0 (status, "rejected") == 0 && may_succeed_later (_commons_sync_get_string (object, "reason")))
        {
          stats->deferred++;
          continue;
        }
      if (g_strcmp0 (status, "rejected") == 0)
        {
          state = "2";
          stats->rejected++;
          /* Counted in the stats for the person; never sent again. */
          g_message ("The server refused revision %.12s: %s",
                     (const char *) g_ptr_array_index (page->ids, i),
                     _commons_sync_get_string (object, "reason"));
        }
      else if (g_strcmp0 (status, "stored") == 0 || g_strcmp0 (status, "duplicate") == 0)
        {
          JsonNode *seq = json_object_get_member (object, "seq");

          stats->pushed++;
          if (g_str_equal (status, "stored") && seq != NULL && JSON_NODE_HOLDS_VALUE (seq) &&
              json_node_get_value_type (seq) == G_TYPE_INT64)
            {
              lowest = MIN (lowest, json_node_get_int (seq));
              highest = MAX (highest, json_node_get_int (seq));
              n_stored++;
            }
        }
      else
        goto protocol;
      if (!_commons_sync_exec_bound (self->store, "UPDATE revisions SET pushed = ?1 WHERE id = ?2",
                                     error, state, g_ptr_array_index (page->ids, i), NULL))
        return FALSE;
    }
  /* The server numbered what it stored right after what this replica
   * has pulled: those numbers are these revisions, so the next pull
   * starts after them instead of fetching and checking them again. */
  if (n_stored > 0 && lowest == group->cursor + 1 && highest - lowest + 1 == n_stored)
    {
      g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, highest);

      if (!_commons_sync_exec_bound (self->store, "UPDATE groups SET cursor = ?1 WHERE id = ?2",
                                     error, cursor, group->id, NULL))
        return FALSE;
      group->cursor = highest;
    }
  return TRUE;

protocol:
  g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer is not what Commons expects"));
  return FALSE;
}

/* One request on a thread of its own, so that the next page is read and
 * signed while the server checks and stores this one. */
typedef struct
{
  CommonsSyncClient *self;
  const char        *server;
  const char        *path;
  const char        *token;
  const char        *body;
  GCancellable      *cancellable;
  JsonNode          *answer;
  GError            *error;
} PushRequest;

static gpointer
push_request_thread (gpointer data)
{
  PushRequest *request = data;

  request->answer = _commons_sync_client_request (request->self, "POST", request->server, request->path,
                                                  request->token, request->body, request->cancellable,
                                                  &request->error);
  return NULL;
}

static gboolean
push (CommonsSyncClient  *self,
      CommonsGroup       *group,
      const char         *token,
      CommonsSyncStats   *stats,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", group->id);
  g_autoptr(PushPage) page = NULL;

  if (!_commons_sync_client_ensure_session (self, error))
    return FALSE;
  if (!prepare_push_page (self, group, 0, &page, error))
    return FALSE;
  if (page == NULL)
    return TRUE;
  /* Marked as sent before the request: if the answer is lost, the server
   * may hold them, so they must never be amended (an edit would otherwise
   * turn into an undo). */
  if (!_commons_store_begin (self->store, error))
    return FALSE;
  if (!_commons_store_mark_leaving (self->store, page->ids, page->signatures, COMMONS_LEAVING_BY_PUSH, error))
    {
      _commons_store_rollback (self->store);
      return FALSE;
    }
  if (!_commons_store_commit (self->store, error))
    return FALSE;

  while (page != NULL)
    {
      g_autoptr(PushPage) next = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GError) request_error = NULL;
      PushRequest request = { self, group->server, path, token, page->body->str, cancellable, NULL, NULL };
      GThread *thread;
      gboolean prepared;

      thread = g_thread_new ("commons-push", push_request_thread, &request);
      prepared = prepare_push_page (self, group, page->last, &next, &request_error);
      g_thread_join (thread);
      answer = g_steal_pointer (&request.answer);
      if (answer == NULL)
        {
          g_propagate_error (error, request.error);
          return FALSE;
        }
      if (!prepared)
        {
          g_propagate_error (error, g_steal_pointer (&request_error));
          return FALSE;
        }

      /* The answer for this page, and the next page marked as sent right
       * before it goes, in one transaction. */
      if (!_commons_store_begin (self->store, error))
        return FALSE;
      if (!take_push_answer (self, group, page, answer, stats, error) ||
          (next != NULL &&
           !_commons_store_mark_leaving (self->store, next->ids, next->signatures,
                                         COMMONS_LEAVING_BY_PUSH, error)))
        {
          _commons_store_rollback (self->store);
          return FALSE;
        }
      if (!_commons_store_commit (self->store, error))
        return FALSE;
      g_clear_pointer (&page, push_page_free);
      page = g_steal_pointer (&next);
    }
  return TRUE;
}

/* Pull. */

typedef struct
{
  const char *group;
  gint64      cursor;
} CursorUpdate;

static gboolean
advance_cursor_cb (CommonsStore  *store,
                   gpointer       data,
                   GError       **error)
{
  CursorUpdate *update = data;
  g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, update->cursor);

  return _commons_sync_exec_bound (store, "UPDATE groups SET cursor = ?1 WHERE id = ?2",
                                   error, cursor, update->group, NULL);
}

/* A page as the fetcher read it: its revisions read and their signatures
 * checked, or why it could not be had. */
typedef struct
{
  JsonNode  *answer;
  GPtrArray *incoming;
  gint64     next;
  gboolean   more;
  GError    *error;
} PullPage;

static void
pull_page_free (PullPage *page)
{
  g_clear_pointer (&page->incoming, g_ptr_array_unref);
  g_clear_pointer (&page->answer, json_node_unref);
  g_clear_error (&page->error);
  g_free (page);
}

/* Pages ahead of the one being stored: one is enough to keep both
 * processors busy, and each costs memory. */
#define PULL_AHEAD 1
/* The fetcher holds a page while the page before is stored: a little
 * less than the server's page keeps the two within what one whole page
 * and its parse held before. Smaller pages cost more than memory: the
 * search index does more work per transaction the smaller they are. */
#define PULL_PAGE (COMMONS_SYNC_PAGE * 4 / 5)
/* Nothing is stored until the first page is read: a small one starts
 * the thread that stores sooner. */
#define PULL_FIRST_PAGE (PULL_PAGE / 4)

/* The fetcher asks for the pages and reads them on a thread of its own,
 * while the caller's thread stores the page before: reading and checking
 * a page costs about what storing it costs. It never touches the store;
 * the cursor moves only with what the caller's thread has stored. */
typedef struct
{
  CommonsSyncClient *self;
  const char        *group;
  const char        *server;
  const char        *token;
  gint64             cursor;
  GCancellable      *cancellable;
  /* fetched → stored */
  GAsyncQueue       *pages;
  /* stored → given back to the fetcher, which frees them: a page's tree is
   * thousands of small blocks. A NULL-free queue, so stopping pushes a
   * marker. */
  GAsyncQueue       *done;
  int                stop;
} Fetcher;

static PullPage *
fetch_page (Fetcher *fetcher,
            gint64   cursor,
            guint    limit)
{
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=%u",
                                           fetcher->group, cursor, limit);
  g_autofree JsonNode **nodes = NULL;
  g_autofree const char **senders = NULL;
  PullPage *page = g_new0 (PullPage, 1);
  JsonObject *root;
  JsonNode *node;
  JsonArray *items;
  guint n;

  page->answer = _commons_sync_client_request (fetcher->self, "GET", fetcher->server, path, fetcher->token,
                                               NULL, fetcher->cancellable, &page->error);
  if (page->answer == NULL)
    return page;
  root = json_node_get_object (page->answer);
  node = json_object_get_member (root, "revisions");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto protocol;
  items = json_node_get_array (node);
  node = json_object_get_member (root, "next");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    goto protocol;
  page->next = json_node_get_int (node);
  node = json_object_get_member (root, "more");
  page->more = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
               json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
  if (page->next < cursor)
    goto protocol;

  n = json_array_get_length (items);
  nodes = g_new0 (JsonNode *, n + 1);
  senders = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;

      nodes[i] = entry != NULL ? json_object_get_member (entry, "revision") : NULL;
      if (nodes[i] == NULL)
        goto protocol;
      senders[i] = _commons_sync_get_string (entry, "pushed_by");
    }
  /* Every revision is checked again on the way in: the server is trusted
   * to relay, not to be right. */
  page->incoming = _commons_incoming_new_from_nodes (nodes, senders, n);
  /* The revisions hold their fields; the rest of the answer can go now,
   * before the page waits for its turn. */
  g_clear_pointer (&page->answer, json_node_unref);
  return page;

protocol:
  g_set_error_literal (&page->error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer is not what Commons expects"));
  return page;
}

static void
trim_memory (void)
{
  /* The pages' JSON trees were thousands of small blocks, freed by now
   * but for the last pages; give the memory back once the last page is
   * read. Trimming after every page took time from reading and did not
   * lower the peak (the commit that moved it has the numbers). */
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *fetcher = data;
  gint64 cursor = fetcher->cursor;
  guint ahead = 0;

  for (guint n_pages = 1, limit = PULL_FIRST_PAGE;; n_pages++, limit = PULL_PAGE)
    {
      PullPage *page = fetch_page (fetcher, cursor, limit);
      gboolean last = page->error != NULL || !page->more;

      cursor = page->next;
      g_async_queue_push (fetcher->pages, page);
      ahead++;
      if (last)
        {
          /* While the last page is stored, not after; and not after a pull
           * of one page, which leaves little to give back: trimming walks
           * the whole heap, most of a sync that brings nothing. */
          if (n_pages > 1)
            trim_memory ();
          return NULL;
        }
      /* Wait for the page before the one just read to be stored. */
      while (ahead > PULL_AHEAD)
        {
          PullPage *stored = g_async_queue_pop (fetcher->done);

          if (g_atomic_int_get (&fetcher->stop))
            {
              if (stored != (gpointer) fetcher)
                pull_page_free (stored);
              return NULL;
            }
          pull_page_free (stored);
          ahead--;
        }
      if (g_atomic_int_get (&fetcher->stop))
        return NULL;
    }
}

static void
stop_fetcher_cb (GCancellable *cancellable,
                 gpointer      data)
{
  g_cancellable_cancel (data);
}

static gboolean
pull (CommonsSyncClient    *self,
      CommonsGroup         *group,
      const char           *token,
      CommonsSyncProgress   progress,
      gpointer              user_data,
      CommonsSyncStats     *stats,
      GCancellable         *cancellable,
      GError              **error)
{
  g_autoptr(GCancellable) own_cancellable = g_cancellable_new ();
  Fetcher fetcher = { self, group->id, group->server, token, group->cursor, own_cancellable,
                      g_async_queue_new (), g_async_queue_new (), FALSE };
  gulong handler = 0;
  GThread *thread;
  gboolean ok = FALSE;
  guint total = 0;
  PullPage *page = NULL;

  /* Made here, where the session's other calls are made. */
  if (!_commons_sync_client_ensure_session (self, error))
    return FALSE;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (stop_fetcher_cb),
                                     g_object_ref (own_cancellable), g_object_unref);
  thread = g_thread_new ("commons-pull", fetcher_thread, &fetcher);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      CommonsReceiveReport report = { 0 };
      CursorUpdate update;

      page = g_async_queue_pop (fetcher.pages);
      if (page->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&page->error));
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;

      /* The page is stored, merged, materialized and the cursor moved to
       * its end in one transaction: the cursor never passes what is not
       * stored. */
      update.group = group->id;
      update.cursor = page->next;
      if (!_commons_store_receive (self->store, page->incoming, group->id, NULL, &report,
                                   advance_cursor_cb, &update, error))
        break;
      group->cursor = page->next;
      stats->pulled += report.stored;
      stats->quarantined += report.quarantined;
      stats->pending += report.pending;
      total += report.stored;
      if (progress != NULL)
        progress (total, 0, user_data);

      if (!page->more)
        {
          ok = TRUE;
          break;
        }
      g_async_queue_push (fetcher.done, g_steal_pointer (&page));
    }

  /* Stop the fetcher wherever it is, and wait for it. */
  g_atomic_int_set (&fetcher.stop, TRUE);
  g_cancellable_cancel (own_cancellable);
  g_async_queue_push (fetcher.done, &fetcher);
  g_thread_join (thread);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  if (page != NULL)
    pull_page_free (page);
  while ((page = g_async_queue_try_pop (fetcher.pages)) != NULL)
    pull_page_free (page);
  while ((page = g_async_queue_try_pop (fetcher.done)) != NULL)
    if (page != (gpointer) &fetcher)
      pull_page_free (page);
  g_async_queue_unref (fetcher.pages);
  g_async_queue_unref (fetcher.done);
  return ok;
}

static guint
count_conflicts (CommonsStore *store,
                 const char   *group)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      COMMONS_SQL_COUNT_CONFLICTS, NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * commons_sync_client_sync:
 * @group: the group id
 * @progress: (nullable) (scope call): told as revisions arrive
 * @stats: (out caller-allocates) (optional): what moved
 *
 * Pulls what others did, merging as it goes, then pushes what this device
 * made for the group, merges included so that the others need not compute
 * them. Safe to stop at any point: the next sync carries on from what was
 * committed.
 */
gboolean
commons_sync_client_sync (CommonsSyncClient    *self,
                          const char           *group_id,
                          CommonsSyncProgress   progress,
                          gpointer              user_data,
                          CommonsSyncStats     *stats,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) local_error = NULL;
  CommonsSyncStats local_stats = { 0 };
  gboolean ok;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (group_id != NULL, FALSE);

  group = commons_store_get_group (self->store, group_id, error);
  if (group == NULL)
    return FALSE;
  token = _commons_sync_client_group_token (self, group, error);
  if (token == NULL)
    return FALSE;

  /* Pull first: the merges it makes go out with this device's own
   * changes, and a push right after an up-to-date pull is numbered right
   * after the cursor, so it is not pulled back. */
  ok = _commons_sync_client_bind_key (self, group, token, cancellable, &local_error) &&
       pull (self, group, token, progress, user_data, &local_stats, cancellable, &local_error) &&
       push (self, group, token, &local_stats, cancellable, &local_error);

  local_stats.conflicts = count_conflicts (self->store, group->id);
  if (stats != NULL)
    *stats = local_stats;

  if (!ok)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _commons_sync_set_group_status (self->store, group->id, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  _commons_sync_set_group_status (self->store, group->id, NULL);
  return TRUE;
}

/**
 * commons_sync_client_verify:
 * @in_step: (out): whether this device holds every revision the server
 *   holds up to the cursor
 *
 * Compares the server's digest up to the cursor with the revisions this
 * device holds for the group. If they differ, the cursor is reset so the
 * next sync pulls everything again; unpushed revisions are untouched.
 */
gboolean
commons_sync_client_verify (CommonsSyncClient  *self,
                            const char         *group_id,
                            gboolean           *in_step,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *suffix = NULL;
  JsonObject *root;
  JsonNode *ids_node;
  gint64 count;
  gint64 held = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (in_step != NULL, FALSE);

  group = commons_store_get_group (self->store, group_id, error);
  if (group == NULL)
    return FALSE;
  suffix = g_strdup_printf ("/digest?upto=%" G_GINT64_FORMAT, group->cursor);
  answer = _commons_sync_client_group_request (self, group_id, "GET", suffix, NULL, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  root = json_node_get_object (answer);
  ids_node = json_object_get_member (root, "count");
  if (ids_node == NULL || !JSON_NODE_HOLDS_VALUE (ids_node) ||
      json_node_get_value_type (ids_node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer is not what Commons expects"));
      return FALSE;
    }
  count = json_node_get_int (ids_node);

  /* Every revision the server relayed was stored here as pushed; merges
   * this device made and pushed are among them too. */
  stmt = _commons_store_prepare (self->store,
      "SELECT count(*) FROM revisions WHERE scope = ? AND pushed = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, group_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    held = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  *in_step = held >= count;
  if (!*in_step)
    return _commons_sync_exec_bound (self->store, "UPDATE groups SET cursor = 0 WHERE id = ?", error, group_id, NULL);
  return TRUE;
}
