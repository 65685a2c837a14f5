/* commons-store-receive.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-discussion-private.h"
#include "commons-group-rule.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-parallel.h"
#include "commons-plan.h"
#include "commons-store-private.h"

/* The one way in. Whatever arrives from others, a pull page or a .commons
 * file, comes through _commons_store_receive(), so a plan imported before
 * its group's pull ends in the same state as one pulled first.
 *
 * Every revision is checked in full here, fields included: the server is
 * trusted to relay, not to be right, and a file may come from anyone. A
 * revision that fails is quarantined: kept aside with its reason and its
 * sender, and it costs nothing but itself. One whose parents have not
 * arrived is pending, and is applied the moment they do, by either path. */

#define QUARANTINE_FILE_SCOPE COMMONS_QUARANTINE_FILES

void
_commons_incoming_free (CommonsIncoming *incoming)
{
  if (incoming == NULL)
    return;
  g_clear_pointer (&incoming->revision, commons_revision_unref);
  g_free (incoming->id);
  g_free (incoming->record);
  g_free (incoming->body);
  g_free (incoming->problem);
  g_free (incoming->file_group);
  g_free (incoming->sender);
  g_free (incoming->fields_problem);
  g_free (incoming);
}

static const char *
peek_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * _commons_incoming_new_from_node:
 * @node: one revision as on the wire
 * @sender: who sent it
 *
 * Reads what can be read; never fails. What cannot be read is kept as
 * text with the reason, to be quarantined.
 */
CommonsIncoming *
_commons_incoming_new_from_node (JsonNode   *node,
                                 const char *sender)
{
  CommonsIncoming *incoming = g_new0 (CommonsIncoming, 1);
  g_autoptr(GError) error = NULL;

  incoming->sender = g_strdup (sender);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      incoming->id = g_strdup (peek_string (object, "id"));
      incoming->record = g_strdup (peek_string (object, "record"));
    }

  incoming->revision = commons_revision_new_from_node (node, NULL, &error);
  if (incoming->revision == NULL)
    {
      g_autofree char *text = json_to_string (node, FALSE);

      incoming->problem = g_strdup (error->message);
      /* A hostile revision may be huge: keep enough to look at. */
      if (strlen (text) > 64 * 1024)
        text[64 * 1024] = '\0';
      incoming->body = g_steal_pointer (&text);
    }
  else
    {
      g_free (incoming->id);
      incoming->id = g_strdup (commons_revision_get_id (incoming->revision));
    }
  /* What could not be read is known by the hash of its text, never by
   * the id it claims: a damaged copy must not stand in for the genuine
   * revision when that arrives. */
  if (incoming->revision == NULL)
    {
      if (incoming->id != NULL && commons_revision_id_is_valid (incoming->id))
        {
          g_autofree char *problem = incoming->problem;

          incoming->problem = g_strdup_printf ("%s (claims to be %.12s)", problem, incoming->id);
        }
      g_free (incoming->id);
      incoming->id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, incoming->body, -1);
    }
  if (incoming->record != NULL && !commons_uuid_is_valid (incoming->record))
    g_clear_pointer (&incoming->record, g_free);
  return incoming;
}

void
_commons_receive_report_clear (CommonsReceiveReport *report)
{
  memset (report, 0, sizeof *report);
}

typedef struct
{
  CommonsStore         *store;
  const char           *pull_group;
  const char           *file_scope;
  CommonsReceiveReport *report;
  /* record → the scope it lives in, for those this batch stored into */
  GHashTable           *touched;
  char                 *now;
} Receive;

static gboolean
run (CommonsStore  *self,
     const char    *sql,
     GError       **error,
     ...)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, sql, error);
  va_list args;
  const char *value;
  int rc;

  if (stmt == NULL)
    return FALSE;
  va_start (args, error);
  for (int i = 1; (value = va_arg (args, const char *)) != (const char *) -1; i++)
    sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
  va_end (args);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _commons_store_set_error (self, rc, error);
  return TRUE;
}

#define END ((const char *) -1)

/* The first column of the first row, or NULL. */
static char *
query_text (CommonsStore *self,
            const char   *sql,
            const char   *arg)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static gboolean
quarantine (Receive          *r,
            CommonsIncoming  *incoming,
            const char       *reason,
            const char       *detail,
            GError          **error)
{
  const char *scope = r->pull_group != NULL ? r->pull_group : QUARANTINE_FILE_SCOPE;
  const char *body = incoming->body;
  g_autofree char *wire = NULL;

  if (body == NULL && incoming->revision != NULL)
    {
      g_autoptr(JsonNode) node = commons_revision_to_wire (incoming->revision);

      body = wire = json_to_string (node, FALSE);
    }

  g_debug ("Quarantined revision %.12s from %s: %s (%s)", incoming->id,
           incoming->sender, reason, detail != NULL ? detail : "");
  if (!run (r->store,
            "INSERT OR IGNORE INTO quarantine (id, record, scope, sender, reason, detail, body, received) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error,
            incoming->id, incoming->record, scope,
            incoming->sender != NULL ? incoming->sender : "", reason,
            detail != NULL ? detail : "", body != NULL ? body : "", r->now, END))
    return FALSE;
  if (_commons_store_changes (r->store) > 0)
    r->report->quarantined++;
  else
    r->report->duplicates++;
  return TRUE;
}

static gboolean
is_member (CommonsStore *self,
           const char   *group)
{
  g_autofree char *found = query_text (self, "SELECT id FROM groups WHERE id = ?", group);

  return found != NULL;
}

static gboolean
hold_pending (Receive          *r,
              CommonsIncoming  *incoming,
              GPtrArray        *missing,
              GError          **error)
{
  CommonsRevision *revision = incoming->revision;
  g_autoptr(JsonNode) node = commons_revision_to_wire (revision);
  g_autofree char *wire = json_to_string (node, FALSE);
  const char *id = commons_revision_get_id (revision);

  if (!run (r->store,
            "INSERT OR IGNORE INTO pending (id, record, body, pull_group, file_group, sender, received) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", error,
            id, commons_revision_get_record (revision), wire, r->pull_group,
            incoming->file_group, incoming->sender != NULL ? incoming->sender : "", r->now, END))
    return FALSE;
  if (_commons_store_changes (r->store) == 0)
    {
      r->report->duplicates++;
      return TRUE;
    }
  for (guint i = 0; i < missing->len; i++)
    if (!run (r->store, "INSERT OR IGNORE INTO pending_parents (revision, parent) VALUES (?, ?)",
              error, id, g_ptr_array_index (missing, i), END))
      return FALSE;
  r->report->pending++;
  return TRUE;
}

/* A record held in this person's library because its file said it was a
 * group's, and now pulled from that group: it joins the group. */
static gboolean
join_group (Receive     *r,
            const char  *record,
            const char  *group,
            GError     **error)
{
  g_debug ("Record %s joins group %s, where it came from", record, group);
  return run (r->store, "UPDATE revisions SET scope = ?1 WHERE record = ?2", error, group, record, END) &&
         run (r->store, "UPDATE records SET scope = ?1 WHERE id = ?2", error, group, record, END) &&
         run (r->store, "DELETE FROM record_origins WHERE record = ?", error, record, END);
}

static gboolean
check_signature (CommonsIncoming  *incoming,
                 const char      **reason)
{
  CommonsRevision *revision = incoming->revision;
  const char *author = commons_revision_get_author (revision);

  if (author == NULL)
    return TRUE;
  switch (commons_person_id_classify (author))
    {
    case COMMONS_PERSON_KEY:
      if (incoming->signature_ok == 0)
        incoming->signature_ok = commons_revision_signature_holds (revision) ? 1 : -1;
      if (incoming->signature_ok > 0)
        return TRUE;
      *reason = "bad-signature";
      return FALSE;
    case COMMONS_PERSON_LEGACY:
      /* Written before signing: taken, and shown as unverified. */
      if (commons_revision_get_signature (revision) == NULL)
        return TRUE;
      *reason = "bad-signature";
      return FALSE;
    case COMMONS_PERSON_INVALID:
    default:
      *reason = "bad-author";
      return FALSE;
    }
}

/* The scope and kind of a record this store holds, or NULL for both. */
static gboolean
record_place (CommonsStore  *self,
              const char    *record,
              char         **scope,
              char         **kind,
              GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, COMMONS_SQL_RECORD_SCOPE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Checks the fields as the revision's kind says: it needs nothing from
 * the store, so a pull does it on both processors with the signatures. */
static void
check_fields (CommonsIncoming *incoming)
{
  const CommonsKindInfo *info = _commons_store_lookup_kind (commons_revision_get_kind (incoming->revision));
  g_autoptr(GError) error = NULL;

  if (info == NULL || info->check == NULL)
    return;
  if (info->check (commons_revision_get_fields (incoming->revision), &error))
    incoming->fields_ok = 1;
  else
    {
      incoming->fields_ok = -1;
      incoming->fields_problem = g_strdup (error->message);
    }
}

static gboolean
receive_one (Receive          *r,
             CommonsIncoming  *incoming,
             GError          **error)
{
  CommonsStore *self = r->store;
  CommonsRevision *revision = incoming->revision;
  const CommonsKindInfo *info;
  const char * const *parents;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) check_error = NULL;
  g_autofree char *held_scope = NULL;
  g_autofree char *held_kind = NULL;
  g_autofree char *known = NULL;
  const char *reason = NULL;
  const char *record, *id;
  const char *scope;
  CommonsAddResult result;
  gboolean pushed;
  gboolean to_group = FALSE;

  if (revision == NULL)
    return quarantine (r, incoming, "unreadable", incoming->problem, error);

  id = commons_revision_get_id (revision);
  record = commons_revision_get_record (revision);

  known = query_text (self, COMMONS_SQL_REVISION_SCOPE, id);
  if (known != NULL)
    {
      /* Imported from the group's file before this person was in it:
       * the record joins the group now, its own edits with it. */
      if (r->pull_group != NULL && g_str_equal (known, COMMONS_SCOPE_LOCAL))
        {
          g_autofree char *origin = query_text (self,
              "SELECT group_id FROM record_origins WHERE record = ?", record);

          if (g_strcmp0 (origin, r->pull_group) == 0)
            {
              if (!join_group (r, record, r->pull_group, error))
                return FALSE;
              g_hash_table_replace (r->touched, g_strdup (record), g_strdup (r->pull_group));
              g_free (known);
              known = g_strdup (r->pull_group);
            }
        }
      if (r->pull_group != NULL && g_str_equal (known, r->pull_group) &&
          !run (self, "UPDATE revisions SET pushed = 1 WHERE id = ? AND pushed != 1", error, id, END))
        return FALSE;
      r->report->duplicates++;
      return TRUE;
    }
  g_clear_pointer (&known, g_free);
  /* Kept aside already for what its content says, which its id fixes.
   * A bad signature or a record kept elsewhere is judged again: a
   * hostile copy must not keep the genuine one out. */
  known = query_text (self,
      "SELECT reason FROM quarantine WHERE id = ? AND reason IN "
      "('unknown-kind', 'bad-fields', 'bad-author', 'forged-merge', 'foreign-parent')", id);
  if (known != NULL)
    {
      r->report->duplicates++;
      return TRUE;
    }

  info = _commons_store_lookup_kind (commons_revision_get_kind (revision));
  if (info == NULL || info->check == NULL)
    return quarantine (r, incoming, "unknown-kind", commons_revision_get_kind (revision), error);
  if (incoming->fields_ok == 0)
    check_fields (incoming);
  if (incoming->fields_ok < 0)
    return quarantine (r, incoming, "bad-fields", incoming->fields_problem, error);
  if (!check_signature (incoming, &reason))
    return quarantine (r, incoming, reason, NULL, error);

  if (!record_place (self, record, &held_scope, &held_kind, error))
    return FALSE;
  if (held_kind != NULL && !g_str_equal (held_kind, commons_revision_get_kind (revision)))
    return quarantine (r, incoming, "wrong-kind", held_kind, error);

  /* A record has one first author: a first revision by someone else,
   * dated before the real one, would make them its maker. The server
   * refuses one as it is pushed, so a pull is not judged again (the
   * server's order settles who came first); a file is. A group's rule
   * has no maker: every organizer may start it. */
  if (r->pull_group == NULL && held_kind != NULL &&
      commons_revision_get_parents (revision)[0] == NULL &&
      !g_str_equal (held_kind, COMMONS_GROUP_RULE_KIND))
    {
      g_autofree char *creator = commons_record_dup_creator (self, record, NULL);

      if (creator != NULL && g_strcmp0 (creator, commons_revision_get_author (revision)) != 0)
        return quarantine (r, incoming, "second-root", creator, error);
    }

  /* A comment, question, answer or vote is written by its first author
   * only, and a vote by the member its id was made for. */
  if (commons_discussion_is_kind (commons_revision_get_kind (revision)))
    {
      g_autofree char *first_author = _commons_discussion_dup_held_author (self, record);

      if (!commons_discussion_check_author (commons_revision_get_kind (revision), record,
                                            commons_revision_get_fields (revision),
                                            commons_revision_get_author (revision),
                                            first_author, &check_error))
        return quarantine (r, incoming, "bad-author", check_error->message, error);
    }

  /* Where the record lives. */
  if (r->pull_group != NULL)
    {
      scope = r->pull_group;
      if (held_scope != NULL && !g_str_equal (held_scope, r->pull_group))
        {
          g_autofree char *origin = query_text (self,
              "SELECT group_id FROM record_origins WHERE record = ?", record);

          if (g_str_equal (held_scope, COMMONS_SCOPE_LOCAL) &&
              g_strcmp0 (origin, r->pull_group) == 0)
            {
              if (!join_group (r, record, r->pull_group, error))
                return FALSE;
            }
          else
            return quarantine (r, incoming, "elsewhere", held_scope, error);
        }
    }
  else if (held_scope != NULL)
    scope = held_scope;
  else if (incoming->file_group != NULL && is_member (self, incoming->file_group))
    scope = incoming->file_group;
  else
    scope = r->file_scope;
  to_group = !g_str_equal (scope, COMMONS_SCOPE_LOCAL);

  parents = commons_revision_get_parents (revision);
  for (guint i = 0; parents[i] != NULL; i++)
    {
      g_autofree char *parent_record = query_text (self,
          "SELECT record FROM revisions WHERE id = ?", parents[i]);

      if (parent_record == NULL)
        g_ptr_array_add (missing, g_strdup (parents[i]));
      else if (!g_str_equal (parent_record, record))
        return quarantine (r, incoming, "foreign-parent", parents[i], error);
    }
  if (missing->len > 0)
    return hold_pending (r, incoming, missing, error);

  if (info->check_license != NULL &&
      !info->check_license (self, revision, &check_error))
    return quarantine (r, incoming, "license", check_error->message, error);

  /* A revision without an author claims to be the merge of its parents:
   * every replica recomputes it. */
  if (commons_revision_get_author (revision) == NULL)
    {
      g_autoptr(CommonsRevision) a = NULL;
      g_autoptr(CommonsRevision) b = NULL;
      g_autoptr(CommonsRevision) expected = NULL;
      gboolean conflict = FALSE;

      if (g_strv_length ((char **) parents) != 2)
        return quarantine (r, incoming, "forged-merge", NULL, error);
      a = commons_store_get_revision (self, parents[0], error);
      b = a != NULL ? commons_store_get_revision (self, parents[1], error) : NULL;
      if (b == NULL)
        return FALSE;
      expected = _commons_store_merge_pair (self, a, b, &conflict, error);
      if (expected == NULL && !conflict)
        return FALSE;
      if (expected == NULL || !g_str_equal (commons_revision_get_id (expected), id))
        return quarantine (r, incoming, "forged-merge", NULL, error);
    }

  /* A pulled revision is held by the server. One from a file that lands
   * in a group is relayed to it on the next sync (the server may not have
   * it yet); one that lands in the library goes nowhere. */
  pushed = r->pull_group != NULL || !to_group;
  if (!_commons_store_insert_checked (self, revision, scope, pushed,
                                      r->pull_group != NULL ? incoming->sender : NULL, TRUE,
                                      &result, error))
    return FALSE;
  if (result != COMMONS_ADD_STORED)
    {
      r->report->duplicates++;
      return TRUE;
    }
  if (r->pull_group == NULL &&
      !run (self, "UPDATE revisions SET exported = 1 WHERE id = ?", error, id, END))
    return FALSE;
  if (r->pull_group == NULL && !to_group && held_scope == NULL && incoming->file_group != NULL &&
      commons_uuid_is_valid (incoming->file_group) &&
      !run (self, "INSERT OR IGNORE INTO record_origins (record, group_id) VALUES (?, ?)",
            error, record, incoming->file_group, END))
    return FALSE;

  g_hash_table_replace (r->touched, g_strdup (record), g_strdup (scope));
  r->report->stored++;
  return TRUE;
}

/* Pending revisions whose parents are all held now. */
static GPtrArray *
ready_pending (CommonsStore  *self,
               GError       **error)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt = _commons_store_prepare (self,
      "SELECT p.id, p.body, p.pull_group, p.file_group, p.sender FROM pending p "
      "WHERE NOT EXISTS (SELECT 1 FROM pending_parents q WHERE q.revision = p.id AND "
      "                  NOT EXISTS (SELECT 1 FROM revisions r WHERE r.id = q.parent)) "
      "LIMIT 200", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 6);

      for (int i = 0; i < 5; i++)
        row[i] = sqlite3_column_type (stmt, i) == SQLITE_NULL ? NULL :
                 g_strdup ((const char *) sqlite3_column_text (stmt, i));
      /* A NULL in the middle would end the strv early for g_strfreev. */
      for (int i = 0; i < 5; i++)
        if (row[i] == NULL)
          row[i] = g_strdup ("");
      g_ptr_array_add (ready, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ready);
}

static gboolean
apply_pending (Receive  *r,
               GError  **error)
{
  for (;;)
    {
      g_autoptr(GPtrArray) ready = ready_pending (r->store, error);

      if (ready == NULL)
        return FALSE;
      if (ready->len == 0)
        return TRUE;

      for (guint i = 0; i < ready->len; i++)
        {
          char **row = g_ptr_array_index (ready, i);
          g_autoptr(JsonNode) node = commons_json_parse (row[1], -1, NULL);
          g_autoptr(CommonsIncoming) incoming = NULL;
          Receive again = *r;

          if (!run (r->store, "DELETE FROM pending WHERE id = ?", error, row[0], END))
            return FALSE;
          if (node == NULL)
            continue;
          incoming = _commons_incoming_new_from_node (node, row[4]);
          if (*row[3] != '\0')
            incoming->file_group = g_strdup (row[3]);
          again.pull_group = *row[2] != '\0' ? row[2] : NULL;
          if (!receive_one (&again, incoming, error))
            return FALSE;
        }
    }
}

static void
verify_items (CommonsIncoming **items,
              guint             from,
              guint             to)
{
  for (guint i = from; i < to; i++)
    {
      CommonsIncoming *incoming = items[i];

      if (incoming->revision != NULL && incoming->signature_ok == 0 &&
          commons_person_id_classify (commons_revision_get_author (incoming->revision)) == COMMONS_PERSON_KEY)
        incoming->signature_ok = commons_revision_signature_holds (incoming->revision) ? 1 : -1;
    }
}

static void
verify_range (guint    from,
              guint    to,
              gpointer data)
{
  GPtrArray *items = data;

  verify_items ((CommonsIncoming **) items->pdata, from, to);
}

typedef struct
{
  JsonNode         **nodes;
  const char       **senders;
  CommonsIncoming  **out;
} IncomingBuild;

/* Reads only the nodes of its own range: two threads never touch the same
 * revision's nodes. */
static void
build_range (guint    from,
             guint    to,
             gpointer data)
{
  IncomingBuild *build = data;

  for (guint i = from; i < to; i++)
    {
      CommonsIncoming *incoming = _commons_incoming_new_from_node (build->nodes[i], build->senders[i]);

      build->out[i] = incoming;
      if (incoming->revision == NULL)
        continue;
      check_fields (incoming);
      /* Read when the record is materialized, on the thread that stores. */
      commons_revision_get_search_text (incoming->revision);
      commons_revision_get_preview (incoming->revision);
    }
  verify_items (build->out, from, to);
}

/**
 * _commons_incoming_new_from_nodes:
 * @nodes: (array length=n): revisions as on the wire
 * @senders: (array length=n): who sent each
 *
 * Reads a page of revisions, checks their signatures and their fields,
 * and works out what search and lists will read of them, on both
 * processors: that is most of the cost of taking a page, and needs
 * nothing from the store. The nodes must not be used by anyone else
 * meanwhile.
 *
 * Returns: (transfer container) (element-type CommonsIncoming): one per
 *   node, in order
 */
GPtrArray *
_commons_incoming_new_from_nodes (JsonNode   **nodes,
                                  const char **senders,
                                  guint        n)
{
  GPtrArray *incoming = g_ptr_array_new_full (n, (GDestroyNotify) _commons_incoming_free);
  IncomingBuild build = { nodes, senders, NULL };

  g_ptr_array_set_size (incoming, n);
  build.out = (CommonsIncoming **) incoming->pdata;
  commons_run_split (n, build_range, &build);
  return incoming;
}

/**
 * _commons_store_receive:
 * @incoming: (element-type CommonsIncoming): what arrived, parents
 *   usually before children (any order works)
 * @pull_group: (nullable): the group a pull page came from, or %NULL for
 *   a file
 * @file_scope: where records from a file go that are not held yet and
 *   that the file does not place in one of this person's groups
 * @report: (out caller-allocates): what happened
 * @hook: (nullable): more work in the same transaction, such as moving a
 *   pull's cursor
 *
 * Checks, stores, merges and materializes in one transaction. Only a
 * failure of the database itself fails it; a bad revision is quarantined.
 */
gboolean
_commons_store_receive (CommonsStore                 *self,
                        GPtrArray                    *incoming,
                        const char                   *pull_group,
                        const char                   *file_scope,
                        CommonsReceiveReport         *report,
                        CommonsStoreTransactionHook   hook,
                        gpointer                      hook_data,
                        GError                      **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *now = commons_time_now ();
  Receive r = { self, pull_group, file_scope != NULL ? file_scope : COMMONS_SCOPE_LOCAL,
                report, touched, now };
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (incoming != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  memset (report, 0, sizeof *report);

  /* Checking signatures is most of the cost of taking a page, and needs
   * nothing from the store: done first, on both processors. */
  commons_run_split (incoming->len, verify_range, incoming);

  if (!_commons_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < incoming->len; i++)
    if (!receive_one (&r, g_ptr_array_index (incoming, i), error))
      goto fail;
  if (!apply_pending (&r, error))
    goto fail;

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!_commons_store_merge_heads (self, key, value, error) ||
        !_commons_store_materialize (self, key, value, error))
      goto fail;

  if (hook != NULL && !hook (self, hook_data, error))
    goto fail;

  return _commons_store_commit (self, error);

fail:
  _commons_store_rollback (self);
  _commons_receive_report_clear (report);
  return FALSE;
}

void
commons_quarantine_count_free (CommonsQuarantineCount *count)
{
  if (count == NULL)
    return;
  g_free (count->sender);
  g_free (count->reason);
  g_free (count);
}

/**
 * commons_store_count_quarantined:
 * @scope: a group id, or %COMMONS_QUARANTINE_FILES for imported files
 *
 * Returns: (transfer full) (element-type CommonsQuarantineCount): how many
 *   revisions are kept aside, by sender and reason, most first
 */
GPtrArray *
commons_store_count_quarantined (CommonsStore  *self,
                                 const char    *scope,
                                 GError       **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_quarantine_count_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  stmt = _commons_store_prepare (self,
      "SELECT sender, reason, count(*) FROM quarantine WHERE scope = ? "
      "GROUP BY sender, reason ORDER BY 3 DESC, 1, 2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CommonsQuarantineCount *count = g_new0 (CommonsQuarantineCount, 1);

      count->sender = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      count->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      count->count = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (counts, count);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

/**
 * commons_store_count_pending:
 * @scope: (nullable): a group id, or %NULL for imported files
 *
 * Returns: how many revisions wait for parents that have not arrived
 */
guint
commons_store_count_pending (CommonsStore *self,
                             const char   *scope)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (self), 0);

  stmt = _commons_store_prepare (self, scope != NULL ?
      "SELECT count(*) FROM pending WHERE pull_group = ?" :
      "SELECT count(*) FROM pending WHERE pull_group IS NULL", NULL);
  if (stmt == NULL)
    return 0;
  if (scope != NULL)
    sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/**
 * commons_quarantine_reason_describe:
 *
 * Returns: why a revision was kept aside, in words a person reads
 */
const char *
commons_quarantine_reason_describe (const char *reason)
{
  static const struct
  {
    const char *reason;
    const char *words;
  } reasons[] = {
    { "unreadable", N_("It is damaged or not in a form Commons reads") },
    { "unknown-kind", N_("It is of a kind this version of Commons does not know") },
    { "bad-fields", N_("Its content is not in the form its kind needs") },
    { "bad-signature", N_("Its signature does not match the person it names") },
    { "bad-author", N_("It names no valid author, or changes what another person wrote") },
    { "wrong-kind", N_("It claims to change a record of another kind") },
    { "elsewhere", N_("It names a record kept elsewhere on this device") },
    { "foreign-parent", N_("It builds on a version of another record") },
    { "forged-merge", N_("It claims to be an automatic merge but is not one") },
    { "second-root", N_("It claims to start a record that another person started") },
    { "license", N_("It breaks the license of the plan it changes or adapts") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    if (g_strcmp0 (reasons[i].reason, reason) == 0)
      return _(reasons[i].words);
  return _("It failed a check");
}
