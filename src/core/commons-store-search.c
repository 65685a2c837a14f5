/* commons-store-search.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include "commons-json.h"
#include "commons-store-private.h"

/* What the store keeps derived from each record's current state: the
 * materialized rows of its kind and the full-text index. */

struct _SearchEntry
{
  char *title;
  char *text;
};

void
_commons_store_search_entry_free (SearchEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->text);
  g_free (entry);
}

static gboolean
write_search (CommonsStore  *self,
              gint64         rowid,
              SearchEntry   *entry,
              GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "DELETE FROM record_search WHERE rowid = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!_commons_store_step_done (self, stmt, error))
    return FALSE;
  if (entry == NULL)
    return TRUE;
  stmt = _commons_store_prepare (self, "INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, entry->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->text, -1, SQLITE_STATIC);
  return _commons_store_step_done (self, stmt, error);
}

/* Sets what the search index says of a record: @title and @text, or
 * nothing when @title is %NULL. Inside a transaction it is written when
 * the transaction commits, after every other statement. */
static gboolean
set_search (CommonsStore  *self,
            gint64         rowid,
            const char    *title,
            const char    *text,
            GError       **error)
{
  SearchEntry *entry = NULL;

  if (title != NULL)
    {
      entry = g_new0 (SearchEntry, 1);
      entry->title = g_strdup (title);
      entry->text = g_strdup (text);
    }
  if (!commons_sqlite_in_transaction (self->sql))
    {
      gboolean ok = write_search (self, rowid, entry, error);

      _commons_store_search_entry_free (entry);
      return ok;
    }
  g_hash_table_replace (self->search_pending, g_memdup2 (&rowid, sizeof rowid), entry);
  return TRUE;
}

gboolean
_commons_store_flush_search (CommonsStore  *self,
                             GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->search_pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!write_search (self, *(gint64 *) key, value, error))
      return FALSE;
  g_hash_table_remove_all (self->search_pending);
  return TRUE;
}

/* Materialized state. */

static void
collect_strings (JsonNode *node,
                 GString  *out,
                 guint     depth)
{
  if (depth > COMMONS_JSON_MAX_DEPTH)
    return;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (*s != '\0')
            {
              if (out->len > 0)
                g_string_append_c (out, '\n');
              g_string_append (out, s);
            }
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          collect_strings (json_array_get_element (array, i), out, depth + 1);
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &key, &member))
          {
            /* The record's title has a column of its own; identifiers are
             * not words anyone searches for. */
            if ((depth == 0 && g_str_equal (key, "title")) ||
                g_str_equal (key, "derived_from") ||
                g_str_equal (key, "plan") || g_str_equal (key, "plan_revision") ||
                g_str_equal (key, "reply_to") || g_str_equal (key, "question") ||
                g_str_equal (key, "answer") || g_str_equal (key, "accepted"))
              continue;
            collect_strings (member, out, depth + 1);
          }
      }
      break;
    case JSON_NODE_NULL:
    default:
      break;
    }
}

/**
 * _commons_store_collect_text:
 *
 * Returns: (transfer full): every string in @fields but the title and
 *   identifiers, one per line: what search indexes besides the title
 */
char *
_commons_store_collect_text (JsonObject *fields)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) node = json_node_alloc ();

  json_node_init_object (node, fields);
  collect_strings (node, out, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
make_preview (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = text;
  guint n_chars = 0;

  /* The first non-empty lines, folded onto one line, about 160 characters. */
  while (*p != '\0' && n_chars < 160)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            {
              g_string_append_c (out, ' ');
              n_chars++;
            }
        }
      else
        {
          g_string_append_unichar (out, c);
          n_chars++;
        }
      p = g_utf8_next_char (p);
    }
  return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));
}

gboolean
_commons_store_materialize (CommonsStore  *self,
             const char    *record,
             const char    *scope,
             GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  CommonsRevision *head;
  const CommonsKindInfo *info;
  sqlite3_stmt *stmt;
  g_autofree char *text = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *created = NULL;
  const char *title;
  gboolean deleted;
  gint64 rowid = 0;

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return FALSE;

  stmt = _commons_store_prepare (self, "SELECT rowid FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (heads->len == 0)
    {
      /* Every revision of the record was amended away. */
      if (rowid != 0)
        {
          if (!set_search (self, rowid, NULL, NULL, error))
            return FALSE;
          stmt = _commons_store_prepare (self, "DELETE FROM records WHERE rowid = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, rowid);
          if (!_commons_store_step_done (self, stmt, error))
            return FALSE;
        }
      return TRUE;
    }

  head = g_ptr_array_index (heads, 0);
  deleted = commons_revision_get_deleted (head);
  title = commons_revision_get_string_field (head, "title");
  if (title == NULL)
    title = "";
  text = _commons_store_collect_text (commons_revision_get_fields (head));
  /* A list row shows what the record says first: a plan's summary, a
   * note's body; other kinds, their words in field order. */
  {
    const char *lead = commons_revision_get_string_field (head, "summary");

    if (lead == NULL || *lead == '\0')
      lead = commons_revision_get_string_field (head, "body");
    preview = make_preview (lead != NULL && *lead != '\0' ? lead : text);
  }

  stmt = _commons_store_prepare (self, "SELECT min(time) FROM revisions WHERE record = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    created = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = _commons_store_prepare (self,
      "INSERT INTO records (id, kind, scope, head, author, created, updated, deleted, conflict, title, preview) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
      "ON CONFLICT (id) DO UPDATE SET head = ?4, author = ?5, created = ?6, updated = ?7, "
      "deleted = ?8, conflict = ?9, title = ?10, preview = ?11 "
      "RETURNING rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, commons_revision_get_kind (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, commons_revision_get_id (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, commons_revision_get_author (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, created ? created : commons_revision_get_time (head), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, commons_revision_get_time (head), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, deleted);
  sqlite3_bind_int (stmt, 9, heads->len > 1);
  sqlite3_bind_text (stmt, 10, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, preview, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      int rc = sqlite3_reset (stmt);
      return _commons_store_set_error (self, rc, error);
    }
  rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (!set_search (self, rowid, deleted ? NULL : title, text, error))
    return FALSE;

  info = _commons_store_lookup_kind (commons_revision_get_kind (head));
  if (info != NULL && info->materialize != NULL &&
      !info->materialize (self, rowid, deleted ? NULL : head, error))
    return FALSE;

  g_hash_table_replace (self->changed, g_strdup (record),
                        g_strdup (commons_revision_get_kind (head)));
  return TRUE;
}
