/* commons-server-revisions.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "commons-discussion.h"
#include "commons-group-rule.h"
#include "commons-plan.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-merge.h"
#include "commons-parallel.h"
#include "commons-revision.h"
#include "commons-sqlite.h"
#include "commons-server-store-private.h"
#include "commons-server-validate.h"

/* The revision log of each group: a push and every check it makes on
 * what it is given (DESIGN.md, "Two checks"), a pull, and the digest. */

static void
append_result (GString    *answer,
               gboolean    first,
               const char *id,
               const char *status,
               gint64      seq,
               const char *reason,
               const char *message)
{
  if (!first)
    g_string_append_c (answer, ',');
  g_string_append (answer, "{\"id\":");
  if (id != NULL)
    commons_json_append_string (answer, id);
  else
    g_string_append (answer, "null");
  g_string_append (answer, ",\"status\":\"");
  g_string_append (answer, status);
  g_string_append_c (answer, '"');
  if (seq > 0)
    g_string_append_printf (answer, ",\"seq\":%" G_GINT64_FORMAT, seq);
  if (reason != NULL)
    {
      g_string_append (answer, ",\"reason\":");
      commons_json_append_string (answer, reason);
    }
  if (message != NULL)
    {
      g_string_append (answer, ",\"message\":");
      commons_json_append_string (answer, message);
    }
  g_string_append_c (answer, '}');
}

/* The seq of a revision this group holds, or 0. */
static gint64
held_seq (CommonsServerStore *self,
          gint64              group_key,
          const char         *id,
          GError            **error)
{
  sqlite3_stmt *stmt = prepare (self, COMMONS_SERVER_SQL_HELD_SEQ, error);
  gint64 seq = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, group_key);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return -1;
    }
  return seq;
}

typedef struct
{
  CommonsServerStore *self;
  gint64              group_key;
  /* id → CommonsRevision stored earlier in this batch */
  GHashTable         *batch;
  /* record id → the first revision of it stored earlier in this batch,
   * and the first parentless one: looked up for every revision of a
   * record the log does not hold yet, which was a walk over the whole
   * batch each time (a push of new records took quadratic time). */
  GHashTable         *batch_records;
  GHashTable         *batch_roots;
} Lookup;

static CommonsRevision *
lookup_revision (const char *id,
                 gpointer    user_data)
{
  Lookup *lookup = user_data;
  CommonsRevision *revision = g_hash_table_lookup (lookup->batch, id);
  sqlite3_stmt *stmt;

  if (revision != NULL)
    return commons_revision_ref (revision);
  stmt = prepare (lookup->self, COMMONS_SERVER_SQL_REVISION_BODY, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lookup->group_key);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    revision = commons_revision_new_from_json ((const char *) sqlite3_column_text (stmt, 0), -1, id, NULL);
  sqlite3_reset (stmt);
  return revision;
}

/* The record and kind a held revision belongs to: from this batch or the
 * log. FALSE if it is held by neither. */
static gboolean
held_record (Lookup      *lookup,
             const char  *id,
             char       **record,
             char       **kind)
{
  CommonsRevision *revision = g_hash_table_lookup (lookup->batch, id);
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  if (revision != NULL)
    {
      *record = g_strdup (commons_revision_get_record (revision));
      *kind = g_strdup (commons_revision_get_kind (revision));
      return TRUE;
    }
  stmt = prepare (lookup->self, COMMONS_SERVER_SQL_HELD_RECORD, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lookup->group_key);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *record = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/* The kind of the first revision the group holds of a record, or NULL. */
static char *
record_kind (Lookup     *lookup,
             const char *record)
{
  CommonsRevision *revision;
  sqlite3_stmt *stmt;
  char *kind = NULL;

  stmt = prepare (lookup->self,
      COMMONS_SERVER_SQL_RECORD_KIND, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lookup->group_key);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kind = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (kind != NULL)
    return kind;

  revision = g_hash_table_lookup (lookup->batch_records, record);
  return revision != NULL ? g_strdup (commons_revision_get_kind (revision)) : NULL;
}

/* The author of the first revision the group holds of a record, or one
 * earlier in this batch with no parents; NULL if neither. */
static char *
record_creator (Lookup     *lookup,
                const char *record)
{
  CommonsRevision *revision;
  sqlite3_stmt *stmt;
  char *creator = NULL;
  gboolean found = FALSE;

  stmt = prepare (lookup->self,
      COMMONS_SERVER_SQL_RECORD_CREATOR, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lookup->group_key);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      creator = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  if (found)
    return creator;

  revision = g_hash_table_lookup (lookup->batch_roots, record);
  return revision != NULL ? g_strdup (commons_revision_get_author (revision)) : NULL;
}

/* Who may push a revision (DESIGN.md, "Identity"): its signed author, the
 * pusher or a relayed member or outsider; or, unsigned, only the pusher's
 * own revisions from before keys. NULL if allowed, else the reason. */
static void
verify_range (guint    from,
              guint    to,
              gpointer data)
{
  GPtrArray *items = data;

  for (guint i = from; i < to; i++)
    {
      CommonsPushItem *item = g_ptr_array_index (items, i);

      if (item->state == COMMONS_PUSH_ITEM_OK &&
          commons_person_id_classify (commons_revision_get_author (item->revision)) == COMMONS_PERSON_KEY)
        item->signature_ok = commons_revision_signature_holds (item->revision) ? 1 : -1;
    }
}

static const char *
check_author (CommonsServerMember *member,
              CommonsPushItem     *item,
              const char         **message)
{
  CommonsRevision *revision = item->revision;
  const char *author = commons_revision_get_author (revision);
  const char *signature = commons_revision_get_signature (revision);

  if (author == NULL)
    return NULL;
  switch (commons_person_id_classify (author))
    {
    case COMMONS_PERSON_KEY:
      if (item->signature_ok == 0)
        item->signature_ok = commons_revision_signature_holds (revision) ? 1 : -1;
      if (item->signature_ok > 0)
        return NULL;
      *message = "The signature is not the author's";
      return "bad_signature";
    case COMMONS_PERSON_LEGACY:
      if (signature == NULL && g_strcmp0 (author, member->person) == 0)
        return NULL;
      *message = "An unsigned revision must be the pusher's own, from before keys";
      return "impersonation";
    case COMMONS_PERSON_INVALID:
    default:
      *message = "The author is not a person id";
      return "invalid";
    }
}

/* NULL if an authorless revision is the merge of its parents, as every
 * client recomputes it; else the reason to refuse it. */
static const char *
check_merge (Lookup           *lookup,
             CommonsRevision  *revision)
{
  const char * const *parents = commons_revision_get_parents (revision);
  g_autoptr(CommonsRevision) a = NULL;
  g_autoptr(CommonsRevision) b = NULL;
  g_autoptr(CommonsRevision) base = NULL;
  g_autoptr(CommonsRevision) expected = NULL;

  if (commons_revision_get_author (revision) != NULL)
    return NULL;
  if (g_strv_length ((char **) parents) != 2)
    return "forged_merge";
  a = lookup_revision (parents[0], lookup);
  b = lookup_revision (parents[1], lookup);
  if (a == NULL || b == NULL)
    return "forged_merge";
  base = commons_merge_find_base (parents[0], parents[1], lookup_revision, lookup);
  expected = commons_merge_revisions (base, a, b, NULL);
  if (expected == NULL || !g_str_equal (commons_revision_get_id (expected),
                                        commons_revision_get_id (revision)))
    return "forged_merge";
  return NULL;
}

/**
 * commons_server_store_push:
 * @member: the member who pushes
 * @items: (element-type CommonsPushItem): the batch, as parsed
 * @answer: where the "results" array's elements are appended
 *
 * Stores each acceptable revision once, in one transaction committed
 * before the answer is sent. The server checks the envelope (DESIGN.md,
 * "Two checks"): the id is the hash and the shape and limits are those
 * every client accepts (when parsed); the author signed it and is the
 * pusher, or it is relayed and signed by its own author, or it is the
 * pusher's own from before keys; the kind is the record's first kind; the
 * parents are held (or earlier in the batch) and of the same record; an
 * authorless revision is the merge of its parents; only an organizer
 * changes the group's approval rule; a comment, question, answer or vote
 * has fields of the right shape and is written by its first author (a
 * vote by the member its id was made for); and a plan keeps the license
 * rules (commons_plan_check_license_rules()) as far as the revisions the
 * group holds tell. It never reads fields otherwise.
 */
gboolean
commons_server_store_push (CommonsServerStore   *self,
                           CommonsServerMember  *member,
                           GPtrArray            *items,
                           GString              *answer,
                           guint                *n_stored,
                           GError              **error)
{
  g_autoptr(GHashTable) batch = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) commons_revision_unref);
  /* Keys and values belong to the revisions in @batch. */
  g_autoptr(GHashTable) batch_records = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) batch_roots = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *now = now_text ();
  Lookup lookup = { self, member->group_key, batch, batch_records, batch_roots };
  sqlite3_stmt *stmt;
  gint64 last_seq = 0;
  gint64 first_seq;

  *n_stored = 0;
  /* Checking signatures is most of a push's cost and needs nothing from
   * the database: done first, on both processors, before it is locked. */
  commons_run_split (items->len, verify_range, items);
  if (!begin (self, error))
    return FALSE;

  stmt = prepare (self, "SELECT last_seq FROM groups WHERE key = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, member->group_key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    last_seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  first_seq = last_seq;

  for (guint i = 0; i < items->len; i++)
    {
      CommonsPushItem *item = g_ptr_array_index (items, i);
      CommonsRevision *revision = item->revision;
      const char * const *parents;
      const char *message = NULL;
      const char *reason;
      g_autofree char *first_kind = NULL;
      const char *id;
      gboolean unknown = FALSE;
      const char *foreign = NULL;
      gint64 seq;

      if (item->state != COMMONS_PUSH_ITEM_OK)
        {
          append_result (answer, i == 0, item->claimed_id, "rejected", 0,
                         commons_push_item_reason (item->state), item->message);
          continue;
        }

      id = commons_revision_get_id (revision);
      seq = held_seq (self, member->group_key, id, error);
      if (seq < 0)
        goto fail;
      if (seq > 0)
        {
          append_result (answer, i == 0, id, "duplicate", seq, NULL, NULL);
          continue;
        }

      reason = check_author (member, item, &message);
      if (reason != NULL)
        {
          append_result (answer, i == 0, id, "rejected", 0, reason, message);
          continue;
        }

      /* The approval rule is the organizers' to set, as the app offers. */
      if (!member->organizer &&
          g_strcmp0 (commons_revision_get_kind (revision), COMMONS_GROUP_RULE_KIND) == 0)
        {
          append_result (answer, i == 0, id, "rejected", 0, "not_organizer",
                         "Only an organizer changes the group's approval rule");
          continue;
        }

      first_kind = record_kind (&lookup, commons_revision_get_record (revision));
      if (first_kind != NULL && !g_str_equal (first_kind, commons_revision_get_kind (revision)))
        {
          append_result (answer, i == 0, id, "rejected", 0, "wrong_kind",
                         "The record is of another kind");
          continue;
        }

      /* Discussion records are small and their rules are about who may
       * write them, which the fields say for a vote: checked here too,
       * so a hostile member's comment or vote never reaches the others. */
      if (commons_discussion_is_kind (commons_revision_get_kind (revision)))
        {
          g_autoptr(GError) check_error = NULL;
          g_autofree char *first_author = NULL;

          if (!commons_discussion_check_fields (commons_revision_get_kind (revision),
                                                commons_revision_get_fields (revision),
                                                &check_error))
            {
              append_result (answer, i == 0, id, "rejected", 0, "invalid_fields",
                             check_error->message);
              continue;
            }
          first_author = record_creator (&lookup, commons_revision_get_record (revision));
          if (!commons_discussion_check_author (commons_revision_get_kind (revision),
                                                commons_revision_get_record (revision),
                                                commons_revision_get_fields (revision),
                                                commons_revision_get_author (revision),
                                                first_author, &check_error))
            {
              append_result (answer, i == 0, id, "rejected", 0, "not_author",
                             check_error->message);
              continue;
            }
        }

      /* One first author per record: a first revision by anyone else,
       * dated before the real one, would make them its maker on every
       * replica. A group's rule has no maker: every organizer may start
       * it. */
      parents = commons_revision_get_parents (revision);
      if (parents[0] == NULL &&
          g_strcmp0 (commons_revision_get_kind (revision), COMMONS_GROUP_RULE_KIND) != 0)
        {
          g_autofree char *creator = record_creator (&lookup, commons_revision_get_record (revision));

          if (creator != NULL && g_strcmp0 (creator, commons_revision_get_author (revision)) != 0)
            {
              append_result (answer, i == 0, id, "rejected", 0, "second_root",
                             "Another member wrote the record's first revision");
              continue;
            }
        }

      for (guint p = 0; parents[p] != NULL && foreign == NULL; p++)
        {
          g_autofree char *parent_record = NULL;
          g_autofree char *parent_kind = NULL;

          if (!held_record (&lookup, parents[p], &parent_record, &parent_kind))
            unknown = TRUE;
          else if (!g_str_equal (parent_record, commons_revision_get_record (revision)))
            foreign = parents[p];
        }
      if (foreign != NULL)
        {
          append_result (answer, i == 0, id, "rejected", 0, "foreign_parent",
                         "A parent belongs to another record");
          continue;
        }
      if (unknown)
        {
          append_result (answer, i == 0, id, "rejected", 0, "unknown_parent",
                         "A parent is neither held by the group nor earlier in the batch");
          continue;
        }
      reason = check_merge (&lookup, revision);
      if (reason != NULL)
        {
          append_result (answer, i == 0, id, "rejected", 0, reason,
                         "Not the merge of its parents");
          continue;
        }

      /* The license rules, as every client checks them: the server holds
       * the parents and the original of a remix, so it can tell too. */
      if (g_strcmp0 (commons_revision_get_kind (revision), COMMONS_PLAN_KIND) == 0)
        {
          g_autofree char *creator = record_creator (&lookup, commons_revision_get_record (revision));
          g_autoptr(GError) rule_error = NULL;

          if (!commons_plan_check_license_rules (revision, creator, lookup_revision, &lookup, &rule_error))
            {
              append_result (answer, i == 0, id, "rejected", 0, "license", rule_error->message);
              continue;
            }
        }

      stmt = prepare (self,
          "INSERT INTO revisions (group_key, seq, id, body, pushed_by, received, record, kind, author, signature) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, member->group_key);
      sqlite3_bind_int64 (stmt, 2, ++last_seq);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, commons_revision_get_canonical (revision), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, member->member, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, commons_revision_get_record (revision), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, commons_revision_get_kind (revision), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, commons_revision_get_author (revision), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, commons_revision_get_signature (revision), -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        goto fail;
      g_hash_table_insert (batch, (gpointer) id, commons_revision_ref (revision));
      if (!g_hash_table_contains (batch_records, commons_revision_get_record (revision)))
        g_hash_table_insert (batch_records, (gpointer) commons_revision_get_record (revision), revision);
      if (parents[0] == NULL && !g_hash_table_contains (batch_roots, commons_revision_get_record (revision)))
        g_hash_table_insert (batch_roots, (gpointer) commons_revision_get_record (revision), revision);
      append_result (answer, i == 0, id, "stored", last_seq, NULL, NULL);
      (*n_stored)++;
    }

  if (last_seq != first_seq)
    {
      stmt = prepare (self, "UPDATE groups SET last_seq = ? WHERE key = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, last_seq);
      sqlite3_bind_int64 (stmt, 2, member->group_key);
      if (!step_done (self, stmt, error))
        goto fail;
    }
  return commit (self, error);

fail:
  rollback (self);
  return FALSE;
}

/**
 * commons_server_store_pull:
 * @answer: receives the whole answer object
 *
 * Writes the group's revisions after @after in sequence order. Each
 * revision is sent as stored: its canonical body with an "id" member.
 */
gboolean
commons_server_store_pull (CommonsServerStore  *self,
                           gint64               group_key,
                           gint64               after,
                           gint64               limit,
                           GString             *answer,
                           GError             **error)
{
  sqlite3_stmt *stmt = prepare (self,
      COMMONS_SERVER_SQL_PULL, error);
  gint64 next = after;
  gint64 n = 0;
  gboolean more = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_key);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, limit + 1);

  /* One statement reads one snapshot, so the page and "more" agree. */
  g_string_append (answer, "{\"revisions\":[");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *body = (const char *) sqlite3_column_text (stmt, 2);

      if (n == limit)
        {
          more = TRUE;
          break;
        }
      next = sqlite3_column_int64 (stmt, 0);
      if (n > 0)
        g_string_append_c (answer, ',');
      g_string_append_printf (answer, "{\"seq\":%" G_GINT64_FORMAT ",\"pushed_by\":\"%s\",\"revision\":{\"id\":\"%s\",",
                              next, (const char *) sqlite3_column_text (stmt, 3),
                              (const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        g_string_append_printf (answer, "\"sig\":\"%s\",", (const char *) sqlite3_column_text (stmt, 4));
      /* The stored body is a canonical object with eight members. */
      g_string_append (answer, body + 1);
      g_string_append_c (answer, '}');
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_db_error (self, error);
  g_string_append_printf (answer, "],\"next\":%" G_GINT64_FORMAT ",\"more\":%s}",
                          next, more ? "true" : "false");
  return TRUE;
}

/**
 * commons_server_store_digest:
 * @upto: the cursor to stop at
 * @out_digest: (out): SHA-256, in hex, of the ids in sequence order, each
 *   followed by a line feed
 */
gboolean
commons_server_store_digest (CommonsServerStore  *self,
                             gint64               group_key,
                             gint64               upto,
                             gint64              *out_upto,
                             gint64              *out_count,
                             char               **out_digest,
                             GError             **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = prepare (self,
      COMMONS_SERVER_SQL_DIGEST, error);
  gint64 count = 0;
  gint64 last = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_key);
  sqlite3_bind_int64 (stmt, 2, upto);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      last = sqlite3_column_int64 (stmt, 0);
      g_checksum_update (sum, sqlite3_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1));
      g_checksum_update (sum, (const guchar *) "\n", 1);
      count++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (self, error);
  *out_upto = last;
  *out_count = count;
  *out_digest = g_strdup (g_checksum_get_string (sum));
  return TRUE;
}
