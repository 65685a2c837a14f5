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

static gboolean
push (CommonsSyncClient  *self,
      CommonsGroup       *group,
      const char         *token,
      CommonsSyncStats   *stats,
      GCancellable       *cancellable,
      GError            **error)
{
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", group->id);
  gint64 after = 0;
  gint64 lowest, highest;
  gint64 n_stored;

  for (;;)
    {
      g_autoptr(GString) body = g_string_new ("{\"revisions\":[");
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(JsonNode) answer = NULL;
      sqlite3_stmt *stmt;
      JsonNode *results;
      JsonArray *array;
      gint64 last = after;
      int rc;

      stmt = _commons_store_prepare (self->store, COMMONS_SQL_UNPUSHED, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, group->id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, after);
      sqlite3_bind_int (stmt, 3, COMMONS_SYNC_PAGE);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          last = sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _commons_store_set_error (self->store, rc, error);
      if (ids->len == 0)
        return TRUE;
      after = last;

      /* Signed as they first leave, and marked as sent before the request:
       * if the answer is lost, the server may hold them, so they must
       * never be amended (an edit would otherwise turn into an undo). */
      if (!_commons_store_sign_for_sending (self->store, ids, COMMONS_LEAVING_BY_PUSH, error))
        return FALSE;

      stmt = _commons_store_prepare (self->store,
          "SELECT body, signature FROM revisions WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              continue;
            }
          if (i > 0)
            g_string_append_c (body, ',');
          g_string_append (body, "{\"id\":\"");
          g_string_append (body, g_ptr_array_index (ids, i));
          g_string_append (body, "\",");
          if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
            {
              g_string_append (body, "\"sig\":\"");
              g_string_append (body, (const char *) sqlite3_column_text (stmt, 1));
              g_string_append (body, "\",");
            }
          g_string_append (body, (const char *) sqlite3_column_text (stmt, 0) + 1);
          sqlite3_reset (stmt);
        }
      g_string_append (body, "]}");

      answer = _commons_sync_client_request (self, "POST", group->server, path, token, body->str, cancellable, error);
      if (answer == NULL)
        return FALSE;

      results = json_object_get_member (json_node_get_object (answer), "results");
      if (results == NULL || !JSON_NODE_HOLDS_ARRAY (results) ||
          json_array_get_length (array = json_node_get_array (results)) != ids->len)
        {
          g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                               _("The server’s answer is not what Commons expects"));
          return FALSE;
        }

      /* pushed: 1 once the server holds it, 2 if it refused it for good;
       * 0 (unchanged) if it may take it later. */
      if (!_commons_store_begin (self->store, error))
        return FALSE;
      lowest = G_MAXINT64;
      highest = 0;
      n_stored = 0;
      for (guint i = 0; i < ids->len; i++)
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
                         (const char *) g_ptr_array_index (ids, i),
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
            {
              _commons_store_rollback (self->store);
              g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                                   _("The server’s answer is not what Commons expects"));
              return FALSE;
            }
          if (!_commons_sync_exec_bound (self->store, "UPDATE revisions SET pushed = ?1 WHERE id = ?2",
                                         error, state, g_ptr_array_index (ids, i), NULL))
            {
              _commons_store_rollback (self->store);
              return FALSE;
            }
        }
      /* The server numbered what it stored right after what this replica
       * has pulled: those numbers are these revisions, so the next pull
       * starts after them instead of fetching and checking them again. */
      if (n_stored > 0 && lowest == group->cursor + 1 && highest - lowest + 1 == n_stored)
        {
          g_autofree char *cursor = g_strdup_printf ("%" G_GINT64_FORMAT, highest);

          if (!_commons_sync_exec_bound (self->store, "UPDATE groups SET cursor = ?1 WHERE id = ?2",
                                         error, cursor, group->id, NULL))
            {
              _commons_store_rollback (self->store);
              return FALSE;
            }
          group->cursor = highest;
        }
      if (!_commons_store_commit (self->store, error))
        return FALSE;
    }
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
  gint64 cursor = group->cursor;
  guint total = 0;

  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=%d",
                                               group->id, cursor, COMMONS_SYNC_PAGE);
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) _commons_incoming_free);
      CommonsReceiveReport report = { 0 };
      JsonObject *root;
      JsonNode *node;
      JsonArray *items;
      CursorUpdate update;
      gboolean more;
      gint64 next;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      answer = _commons_sync_client_request (self, "GET", group->server, path, token, NULL, cancellable, error);
      if (answer == NULL)
        return FALSE;
      root = json_node_get_object (answer);
      node = json_object_get_member (root, "revisions");
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        goto protocol;
      items = json_node_get_array (node);
      node = json_object_get_member (root, "next");
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        goto protocol;
      next = json_node_get_int (node);
      node = json_object_get_member (root, "more");
      more = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
             json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
      if (next < cursor)
        goto protocol;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);
          JsonObject *entry = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
          JsonNode *wire = entry != NULL ? json_object_get_member (entry, "revision") : NULL;

          if (wire == NULL)
            goto protocol;
          /* Every revision is checked again on the way in: the server is
           * trusted to relay, not to be right. */
          g_ptr_array_add (incoming, _commons_incoming_new_from_node (wire, _commons_sync_get_string (entry, "pushed_by")));
        }

      update.group = group->id;
      update.cursor = next;
      if (!_commons_store_receive (self->store, incoming, group->id, NULL, &report,
                                   advance_cursor_cb, &update, error))
        return FALSE;
      cursor = next;
      group->cursor = next;
      stats->pulled += report.stored;
      stats->quarantined += report.quarantined;
      stats->pending += report.pending;
      total += report.stored;
      _commons_receive_report_clear (&report);
      /* A page's JSON tree is thousands of small blocks, freed by now; give
       * the memory back rather than let each page raise the peak. */
      g_clear_pointer (&incoming, g_ptr_array_unref);
      g_clear_pointer (&answer, json_node_unref);
#ifdef __GLIBC__
      malloc_trim (0);
#endif
      if (progress != NULL)
        progress (total, 0, user_data);

      if (!more)
        return TRUE;
    }

protocol:
  g_set_error_literal (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_PROTOCOL,
                       _("The server’s answer is not what Commons expects"));
  return FALSE;
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
