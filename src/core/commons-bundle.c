/* commons-bundle.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-bundle"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-bundle.h"
#include "commons-discussion.h"
#include "commons-json.h"
#include "commons-store-private.h"

/* A .commons file is one JSON object:
 *
 *   { "format": "commons-bundle", "v": 2,
 *     "revisions": [ <revision as on the wire>, ... ] }
 *
 * revisions in an order where parents come before children, each with its
 * author's signature ("sig") and, for a record shared in a group, the
 * group's id ("group"), so that an importer who belongs to the group puts
 * it there, exactly as a pull would. Version 1 files (no signatures, no
 * groups) are still read. It carries lesson plans with their reviews and
 * comments, never private notes. Importing goes through the same function
 * as a pull (_commons_store_receive()), so it is idempotent, merges, and
 * quarantines what fails a check instead of refusing the rest. */

#define BUNDLE_FORMAT "commons-bundle"
#define BUNDLE_VERSION 2

G_DEFINE_QUARK (commons-bundle-error-quark, commons_bundle_error)

static gboolean
kind_travels (const char *kind)
{
  return g_str_equal (kind, "plan") || g_str_equal (kind, "review") ||
         commons_discussion_is_kind (kind);
}

void
commons_import_item_free (CommonsImportItem *item)
{
  if (item == NULL)
    return;
  g_free (item->record);
  g_free (item->kind);
  g_free (item->title);
  g_free (item);
}

const char *
commons_import_status_to_string (CommonsImportStatus status)
{
  switch (status)
    {
    case COMMONS_IMPORT_NEW:
      return "new";
    case COMMONS_IMPORT_UPDATED:
      return "updated";
    case COMMONS_IMPORT_UNCHANGED:
      return "unchanged";
    case COMMONS_IMPORT_CONFLICT:
      return "conflict";
    default:
      g_assert_not_reached ();
    }
}

/**
 * commons_bundle_export:
 * @store: the store
 * @records: ids of lesson plans, or of questions, to export
 * @error: return location for a #GError
 *
 * Writes every revision of the plans, of their reviews and of the
 * comments on them; of questions, with their answers and the votes on
 * those. Exported revisions count as having left the device:
 * the next edit starts a new revision instead of amending one someone
 * else may now hold.
 *
 * Returns: (transfer full): the bundle's bytes
 */
GBytes *
commons_bundle_export (CommonsStore        *store,
                       const char * const  *records,
                       GError             **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new ("{\"format\":\"" BUNDLE_FORMAT "\",\"revisions\":[");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (records != NULL, NULL);

  if (records[0] == NULL)
    {
      g_set_error_literal (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_EMPTY,
                           _("Choose at least one lesson plan to export"));
      return NULL;
    }

  for (guint i = 0; records[i] != NULL; i++)
    {
      g_autofree char *kind = NULL;

      stmt = _commons_store_prepare (store, "SELECT kind FROM records WHERE id = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, records[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);

      if (kind == NULL)
        {
          g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                       _("The record %s does not exist"), records[i]);
          return NULL;
        }
      if (!kind_travels (kind))
        {
          g_set_error_literal (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_PRIVATE,
                               _("Private notes stay on this device and cannot be exported"));
          return NULL;
        }
      g_hash_table_add (wanted, g_strdup (records[i]));

      /* A plan's reviews and comments travel with it, and a question's
       * answers with their votes. */
      stmt = _commons_store_prepare (store,
          "SELECT r.id FROM reviews v JOIN records r ON r.rowid = v.rowid WHERE v.plan = ?1 "
          "UNION ALL "
          "SELECT r.id FROM comments c JOIN records r ON r.rowid = c.rowid WHERE c.plan = ?1 "
          "UNION ALL "
          "SELECT r.id FROM answers a JOIN records r ON r.rowid = a.rowid WHERE a.question = ?1 "
          "UNION ALL "
          "SELECT x.id FROM answers a JOIN records r ON r.rowid = a.rowid "
          "  JOIN votes v ON v.answer = r.id JOIN records x ON x.rowid = v.rowid "
          "WHERE a.question = ?1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, records[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (wanted, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
    }

  /* Insertion order is an order in which parents come first. */
  stmt = _commons_store_prepare (store, "SELECT id, record FROM revisions ORDER BY seq", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_hash_table_contains (wanted, (const char *) sqlite3_column_text (stmt, 1)))
      g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  /* What this person wrote is signed as it leaves, like a push, and none
   * of it is amended from now on: the file holds it. */
  if (!_commons_store_sign_for_sending (store, ids, COMMONS_LEAVING_IN_A_FILE, error))
    return NULL;

  /* A record in this library that came from a group's file keeps that
   * group in the files it is passed on in, so a member who imports it
   * puts it in the group too. */
  stmt = _commons_store_prepare (store,
      "SELECT body, signature, "
      "  CASE WHEN scope = 'local' "
      "    THEN coalesce ((SELECT group_id FROM record_origins o WHERE o.record = revisions.record), 'local') "
      "    ELSE scope END "
      "FROM revisions WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      const char *scope;

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          continue;
        }
      if (i > 0)
        g_string_append_c (out, ',');
      /* The canonical body plus its id and signature, as on the wire. */
      g_string_append (out, "{\"id\":\"");
      g_string_append (out, id);
      g_string_append (out, "\",");
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          g_string_append (out, "\"sig\":\"");
          g_string_append (out, (const char *) sqlite3_column_text (stmt, 1));
          g_string_append (out, "\",");
        }
      scope = (const char *) sqlite3_column_text (stmt, 2);
      if (!g_str_equal (scope, COMMONS_SCOPE_LOCAL))
        {
          g_string_append (out, "\"group\":\"");
          g_string_append (out, scope);
          g_string_append (out, "\",");
        }
      g_string_append (out, (const char *) sqlite3_column_text (stmt, 0) + 1);
      sqlite3_reset (stmt);
    }
  g_string_append_printf (out, "],\"v\":%d}\n", BUNDLE_VERSION);

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Reads a bundle's frame (size, JSON, format, version) and each entry as
 * far as it can be read; entries are judged later, one by one, by the
 * store, so one bad entry costs only itself. */
static GPtrArray *
parse_incoming (GBytes      *data,
                const char  *sender,
                GError     **error)
{
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) _commons_incoming_free);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonArray *array;
  gsize size = 0;
  const char *bytes;
  gint64 version;
  guint n;

  bytes = g_bytes_get_data (data, &size);
  if (size > COMMONS_BUNDLE_MAX_SIZE)
    {
      g_set_error (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_TOO_LARGE,
                   _("The file is larger than %d MB, more than a .commons file can be"),
                   COMMONS_BUNDLE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (size == 0)
    {
      g_set_error_literal (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_INVALID,
                           _("The file is empty"));
      return NULL;
    }

  root = commons_json_parse (bytes, size, &local_error);
  if (root == NULL)
    {
      g_set_error (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_INVALID,
                   _("The file is not a .commons file, or it is damaged or incomplete (%s)"),
                   local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;
  object = json_node_get_object (root);
  member = json_object_get_member (object, "format");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING ||
      !g_str_equal (json_node_get_string (member), BUNDLE_FORMAT))
    goto invalid;
  member = json_object_get_member (object, "v");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_INT64)
    goto invalid;
  version = json_node_get_int (member);
  if (version > BUNDLE_VERSION)
    {
      g_set_error_literal (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_INVALID,
                           _("The file was written by a newer version of Commons"));
      return NULL;
    }
  if (version < 1)
    goto invalid;
  member = json_object_get_member (object, "revisions");
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    goto invalid;
  array = json_node_get_array (member);
  n = json_array_get_length (array);
  if (n > COMMONS_BUNDLE_MAX_REVISIONS)
    {
      g_set_error_literal (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_TOO_LARGE,
                           _("The file holds more revisions than Commons imports at once"));
      return NULL;
    }

  for (guint i = 0; i < n; i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      g_autofree char *group = NULL;
      g_autoptr(JsonNode) copy = NULL;
      CommonsIncoming *item;

      /* The group is the file's word, not part of the revision. */
      if (JSON_NODE_HOLDS_OBJECT (entry) &&
          json_object_has_member (json_node_get_object (entry), "group"))
        {
          JsonNode *tag = json_object_get_member (json_node_get_object (entry), "group");

          if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING &&
              commons_uuid_is_valid (json_node_get_string (tag)))
            group = g_strdup (json_node_get_string (tag));
          copy = json_node_copy (entry);
          json_object_remove_member (json_node_get_object (copy), "group");
          if (group == NULL)
            /* Leave a member the revision does not have, so it is refused. */
            json_object_set_null_member (json_node_get_object (copy), "group");
          entry = copy;
        }

      item = _commons_incoming_new_from_node (entry, sender);
      item->file_group = g_steal_pointer (&group);
      if (item->revision != NULL && !kind_travels (commons_revision_get_kind (item->revision)))
        {
          g_autoptr(JsonNode) wire = commons_revision_to_wire (item->revision);

          item->problem = g_strdup (_("A .commons file never carries private notes"));
          item->body = json_to_string (wire, FALSE);
          g_clear_pointer (&item->revision, commons_revision_unref);
        }
      g_ptr_array_add (incoming, item);
    }

  return g_steal_pointer (&incoming);

invalid:
  g_set_error_literal (error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_INVALID,
                       _("The file is not a .commons file"));
  return NULL;
}

static gboolean
record_state (CommonsStore  *store,
              const char    *record,
              char         **head,
              gboolean      *conflict)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      "SELECT head, conflict FROM records WHERE id = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *head = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *conflict = sqlite3_column_int (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/**
 * commons_bundle_import:
 * @store: the store
 * @data: the bytes of a .commons file
 * @scope: where plans go that are not held yet and that the file does not
 *   place in one of this person's groups
 * @error: return location for a #GError
 *
 * Like commons_bundle_import_full(), for callers that need no summary.
 *
 * Returns: (transfer full) (element-type CommonsImportItem): what happened
 *   to each record in the file
 */
GPtrArray *
commons_bundle_import (CommonsStore  *store,
                       GBytes        *data,
                       const char    *scope,
                       GError       **error)
{
  return commons_bundle_import_full (store, data, scope, NULL, NULL, error);
}

/**
 * commons_bundle_import_full:
 * @store: the store
 * @data: the bytes of a .commons file
 * @scope: where plans go that are not held yet and that the file does not
 *   place in one of this person's groups
 * @sender: (nullable): the file's name, kept with what is quarantined
 * @summary: (out caller-allocates) (optional): what was kept aside
 * @error: return location for a #GError
 *
 * Imports a file through the same function as a pull: a group's plan
 * lands in the group if this person belongs to it, exactly as if pulled.
 * A file that is not a .commons file changes nothing; a revision in it
 * that fails a check is quarantined and the rest is imported. Importing
 * the same file twice changes nothing the second time.
 *
 * Returns: (transfer full) (element-type CommonsImportItem): what happened
 *   to each record in the file
 */
GPtrArray *
commons_bundle_import_full (CommonsStore          *store,
                            GBytes                *data,
                            const char            *scope,
                            const char            *sender,
                            CommonsImportSummary  *summary,
                            GError               **error)
{
  g_autoptr(GPtrArray) incoming = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_import_item_free);
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  CommonsReceiveReport received = { 0 };

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  incoming = parse_incoming (data, sender != NULL ? sender : _("a file"), error);
  if (incoming == NULL)
    return NULL;

  for (guint i = 0; i < incoming->len; i++)
    {
      CommonsIncoming *item = g_ptr_array_index (incoming, i);
      char *head = NULL;
      gboolean conflict = FALSE;

      if (item->revision == NULL)
        continue;
      if (g_hash_table_contains (before, commons_revision_get_record (item->revision)))
        continue;
      if (!record_state (store, commons_revision_get_record (item->revision), &head, &conflict))
        head = g_strdup ("");
      g_hash_table_insert (before, (gpointer) commons_revision_get_record (item->revision), head);
    }

  if (!_commons_store_receive (store, incoming, NULL, scope, &received, NULL, NULL, error))
    return NULL;
  if (summary != NULL)
    {
      summary->quarantined = received.quarantined;
      summary->pending = received.pending;
    }
  _commons_receive_report_clear (&received);

  for (guint i = 0; i < incoming->len; i++)
    {
      CommonsIncoming *in = g_ptr_array_index (incoming, i);
      const char *record;
      const char *old_head;
      g_autofree char *head = NULL;
      g_autoptr(CommonsRevision) current = NULL;
      CommonsImportItem *item;
      gboolean conflict = FALSE;

      if (in->revision == NULL)
        continue;
      record = commons_revision_get_record (in->revision);
      if (!g_hash_table_add (seen, (gpointer) record))
        continue;
      /* Nothing of it was taken: it is counted as quarantined or pending. */
      if (!record_state (store, record, &head, &conflict))
        continue;
      old_head = g_hash_table_lookup (before, record);
      current = commons_store_get_current (store, record, NULL);

      item = g_new0 (CommonsImportItem, 1);
      item->record = g_strdup (record);
      item->kind = g_strdup (commons_revision_get_kind (in->revision));
      item->title = g_strdup (current != NULL ? commons_revision_get_string_field (current, "title") : NULL);
      if (item->title == NULL)
        item->title = g_strdup ("");
      if (conflict)
        item->status = COMMONS_IMPORT_CONFLICT;
      else if (*old_head == '\0')
        item->status = COMMONS_IMPORT_NEW;
      else if (g_strcmp0 (old_head, head) == 0)
        item->status = COMMONS_IMPORT_UNCHANGED;
      else
        item->status = COMMONS_IMPORT_UPDATED;
      g_ptr_array_add (report, item);
    }

  return g_steal_pointer (&report);
}
