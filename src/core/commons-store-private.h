/* commons-store-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "commons-sqlite.h"
#include "commons-store.h"

G_BEGIN_DECLS

/* What the store derives from a record's displayed head, per kind. Kinds
 * without an entry index their "title" and every string they hold. */
typedef struct
{
  const char *kind;
  /* Extra materialized tables: called inside the transaction that changed
   * the record, with the head now displayed (NULL when the record is gone
   * from lists because its head is a delete). */
  gboolean  (*materialize) (CommonsStore     *store,
                            gint64            rowid,
                            CommonsRevision  *head,
                            GError          **error);
  /* The types and shape of the fields, checked on whatever arrives. */
  gboolean  (*check)       (JsonObject       *fields,
                            GError          **error);
  /* The license rules, checked on whatever arrives once its parents are
   * held; a revision that breaks them is quarantined as "license". */
  gboolean  (*check_license) (CommonsStore    *store,
                              CommonsRevision *revision,
                              GError         **error);
} CommonsKindInfo;

/* One step of the schema: from version - 1 to version. */
typedef struct
{
  int         version;
  const char *sql;
} CommonsMigration;

const CommonsMigration *_commons_store_get_migrations (guint *n_migrations);

sqlite3        *_commons_store_get_db            (CommonsStore  *self);
gint64          _commons_store_changes           (CommonsStore  *self);
sqlite3_stmt   *_commons_store_prepare           (CommonsStore  *self,
                                                  const char    *sql,
                                                  GError       **error);
gboolean        _commons_store_set_error         (CommonsStore  *self,
                                                  int            rc,
                                                  GError       **error);
gboolean        _commons_store_begin             (CommonsStore  *self,
                                                  GError       **error);
gboolean        _commons_store_commit            (CommonsStore  *self,
                                                  GError       **error);
void            _commons_store_rollback          (CommonsStore  *self);
void            _commons_store_register_kind     (const CommonsKindInfo *info);
CommonsStore   *_commons_store_open_at_version   (const char    *path,
                                                  int            version,
                                                  GError       **error);
void            _commons_store_keep_hits_in_order (GArray       *order,
                                                   GArray       *hits,
                                                   GArray       *rows);
/* Brings something derived up to date after this connection changed
 * @record, of @kind; FALSE if it cannot, and it is then forgotten. */
typedef gboolean (*CommonsDerivedUpdate) (CommonsStore *store,
                                          gpointer      data,
                                          const char   *record,
                                          const char   *kind);

/* What the store has seen written: by this connection (total changes)
 * and by others (data_version). */
typedef struct
{
  sqlite3_int64 changes;
  sqlite3_int64 version;
} CommonsStoreStamp;

void            _commons_store_get_stamp         (CommonsStore         *self,
                                                  CommonsStoreStamp    *stamp);
gboolean        _commons_store_stamp_equal       (const CommonsStoreStamp *a,
                                                  const CommonsStoreStamp *b);
gpointer        _commons_store_get_derived       (CommonsStore         *self,
                                                  const char           *name);
void            _commons_store_set_derived       (CommonsStore         *self,
                                                  const char           *name,
                                                  gpointer              data,
                                                  GDestroyNotify        destroy,
                                                  CommonsDerivedUpdate  update);

/* The store's state, shared by the files that make it up: the object
 * and its connection (commons-store.c), revisions and their DAG
 * (-revisions.c), local edits (-edits.c), materialized rows and search
 * (-search.c), lists (-query.c), derived state (-derived.c), notes
 * (-notes.c) and what arrives (-receive.c). Nothing outside them reads it. */
struct _CommonsStore
{
  GObject      parent_instance;

  CommonsSqlite *sql;
  char        *path;
  char        *person_id;
  /* The UUID this installation wrote as its author before it had a key:
   * still this person, but unverified. */
  char        *legacy_person_id;
  guint        quiet_interval;
  /* Records changed in the open transaction, announced after it commits. */
  GHashTable  *changed;
  /* Revisions stored in the open transaction, by id: merging and
   * materializing read them back at once, and need not parse them. */
  GHashTable  *recent;
  /* Records the open transaction brought in new, by record id: the one
   * revision each came with, a parentless one, from which it is merged
   * and materialized without reading anything back; NULL once a second
   * revision of the record came in too. Most of a first sync. */
  GHashTable  *fresh;
  /* What the search index is to say of each record the open transaction
   * changed, by rowid, written just before it commits. FTS5 flushes its
   * pending terms at every statement savepoint, so writing the index
   * between other statements made a segment per record. */
  GHashTable  *search_pending;
  /* What was derived from the whole store (a kind's list order, every
   * plan's review status), by name, kept while neither this connection
   * (total changes) nor another (data_version) wrote. */
  GHashTable        *derived;
  CommonsStoreStamp  derived_stamp;
  sqlite3_int64      changes_at_begin;
};

typedef gboolean (*CommonsStoreTransactionHook) (CommonsStore  *self,
                                                 gpointer       data,
                                                 GError       **error);

gboolean        _commons_store_create_record_as  (CommonsStore  *self,
                                                  const char    *record,
                                                  const char    *kind,
                                                  const char    *scope,
                                                  JsonObject    *fields,
                                                  GError       **error);
gboolean        _commons_store_edit_record_full  (CommonsStore  *self,
                                                  const char    *record,
                                                  const char    *base,
                                                  JsonObject    *fields,
                                                  gboolean       allow_amend,
                                                  char         **written,
                                                  GError       **error);

/* Queries every sync runs, here so that test-store can check that their
 * plans stay on the indexes made for them, whatever ANALYZE learns. */
#define COMMONS_SQL_UNPUSHED \
  "SELECT id, seq FROM revisions WHERE scope = ? AND pushed = 0 AND seq > ? ORDER BY seq LIMIT ?"
#define COMMONS_SQL_COUNT_CONFLICTS \
  "SELECT count(*) FROM records WHERE scope = ? AND conflict = 1"
#define COMMONS_SQL_COUNT_HEADS \
  "SELECT count(*) FROM heads WHERE record = ?"
#define COMMONS_SQL_REVISION_SCOPE \
  "SELECT scope FROM revisions WHERE id = ?"
#define COMMONS_SQL_RECORD_SCOPE \
  "SELECT scope, kind FROM revisions WHERE record = ? LIMIT 1"

/* Between the files that make up the store. */
typedef struct _SearchEntry SearchEntry;
void            _commons_store_search_entry_free (SearchEntry       *entry);
gboolean        _commons_store_flush_search      (CommonsStore      *self,
                                                  GError           **error);
gboolean        _commons_store_step_done         (CommonsStore      *self,
                                                  sqlite3_stmt      *stmt,
                                                  GError           **error);
void            _commons_store_derived_free      (gpointer           data);
void            _commons_store_update_derived    (CommonsStore      *self,
                                                  GHashTable        *changed);
const CommonsKindInfo *_commons_store_lookup_kind (const char *kind);
gboolean        _commons_store_insert_revision   (CommonsStore      *self,
                                                  CommonsRevision   *revision,
                                                  const char        *scope,
                                                  gboolean           pushed,
                                                  CommonsAddResult  *result,
                                                  GError           **error);
gboolean        _commons_store_insert_checked    (CommonsStore      *self,
                                                  CommonsRevision   *revision,
                                                  const char        *scope,
                                                  gboolean           pushed,
                                                  const char        *sender,
                                                  gboolean           checked,
                                                  CommonsAddResult  *result,
                                                  GError           **error);
gboolean        _commons_store_merge_heads       (CommonsStore      *self,
                                                  const char        *record,
                                                  const char        *scope,
                                                  GError           **error);
gboolean        _commons_store_materialize       (CommonsStore      *self,
                                                  const char        *record,
                                                  const char        *scope,
                                                  GError           **error);
CommonsRevision *_commons_store_merge_pair        (CommonsStore      *self,
                                                  CommonsRevision   *a,
                                                  CommonsRevision   *b,
                                                  gboolean          *conflict,
                                                  GError           **error);
char           *_commons_store_dup_signing_key   (CommonsStore      *self,
                                                  GError           **error);

/* commons-store-receive.c: the one way in (DESIGN.md, "Two checks, and
 * nothing wedges"). A pull page and an imported file both arrive as a list
 * of incoming revisions and go through _commons_store_receive(). */
typedef struct
{
  /* NULL when the revision could not be read at all. */
  CommonsRevision *revision;
  /* The id it claims, and its record, as far as they could be read. */
  char            *id;
  char            *record;
  /* The text as sent, kept with it if it is quarantined. */
  char            *body;
  /* Why it could not be read. */
  char            *problem;
  /* A file's word on which group the record lives in. */
  char            *file_group;
  /* Who sent it: the member who pushed it, or the file's name. */
  char            *sender;
  /* Whether its signature was found to be its author's: 0 until checked,
   * 1 if it is, -1 if not. */
  int              signature_ok;
  /* Whether its fields are what its kind allows, the same way, and why
   * not; 0 also for a kind this version does not know. */
  int              fields_ok;
  char            *fields_problem;
} CommonsIncoming;

void            _commons_incoming_free           (CommonsIncoming   *incoming);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsIncoming, _commons_incoming_free)

CommonsIncoming *_commons_incoming_new_from_node (JsonNode          *node,
                                                  const char        *sender);
GPtrArray      *_commons_incoming_new_from_nodes (JsonNode        **nodes,
                                                  const char      **senders,
                                                  guint             n);

typedef struct
{
  guint       stored;
  guint       duplicates;
  guint       pending;
  guint       quarantined;
} CommonsReceiveReport;

void            _commons_receive_report_clear    (CommonsReceiveReport *report);

gboolean        _commons_store_receive           (CommonsStore                 *self,
                                                  GPtrArray                    *incoming,
                                                  const char                   *pull_group,
                                                  const char                   *file_scope,
                                                  CommonsReceiveReport         *report,
                                                  CommonsStoreTransactionHook   hook,
                                                  gpointer                      hook_data,
                                                  GError                      **error);
typedef enum
{
  COMMONS_LEAVING_BY_PUSH,
  COMMONS_LEAVING_IN_A_FILE,
} CommonsLeaving;

gboolean        _commons_store_sign_for_sending  (CommonsStore      *self,
                                                  GPtrArray         *ids,
                                                  CommonsLeaving     how,
                                                  GError           **error);
char          **_commons_store_sign_leaving      (CommonsStore      *self,
                                                  GPtrArray         *ids,
                                                  GError           **error);
gboolean        _commons_store_mark_leaving      (CommonsStore      *self,
                                                  GPtrArray         *ids,
                                                  char             **signatures,
                                                  CommonsLeaving     how,
                                                  GError           **error);
void            _commons_store_free_signatures   (char             **signatures,
                                                  guint              n);

/* commons-kinds.c: registers the plan and review kinds. */
void            _commons_core_register_kinds     (void);

G_END_DECLS
