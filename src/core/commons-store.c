/* commons-store.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-json.h"
#include "commons-merge.h"
#include "commons-credentials.h"
#include "commons-identity.h"
#include "commons-store-private.h"

struct _CommonsStore
{
  GObject      parent_instance;

  sqlite3     *db;
  char        *path;
  char        *person_id;
  /* The UUID this installation wrote as its author before it had a key:
   * still this person, but unverified. */
  char        *legacy_person_id;
  GHashTable  *statements;
  guint        quiet_interval;
  guint        in_transaction : 1;
  /* Records changed in the open transaction, announced after it commits. */
  GHashTable  *changed;
  /* Revisions stored in the open transaction, by id: merging and
   * materializing read them back at once, and need not parse them. */
  GHashTable  *recent;
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

typedef struct
{
  gpointer             data;
  GDestroyNotify       destroy;
  CommonsDerivedUpdate update;
} Derived;

G_DEFINE_FINAL_TYPE (CommonsStore, commons_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (commons-store-error-quark, commons_store_error)

enum {
  PROP_0,
  PROP_QUIET_INTERVAL,
  N_PROPS
};

enum {
  RECORD_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GPtrArray *kinds;
G_LOCK_DEFINE_STATIC (kinds);

typedef struct _SearchEntry SearchEntry;
static void search_entry_free (SearchEntry *entry);

void
_commons_store_register_kind (const CommonsKindInfo *info)
{
  G_LOCK (kinds);
  if (kinds == NULL)
    kinds = g_ptr_array_new ();
  for (guint i = 0; i < kinds->len; i++)
    {
      const CommonsKindInfo *known = g_ptr_array_index (kinds, i);

      if (g_str_equal (known->kind, info->kind))
        {
          G_UNLOCK (kinds);
          return;
        }
    }
  g_ptr_array_add (kinds, (gpointer) info);
  G_UNLOCK (kinds);
}

const CommonsKindInfo *
_commons_store_lookup_kind (const char *kind)
{
  const CommonsKindInfo *found = NULL;

  G_LOCK (kinds);
  for (guint i = 0; kinds != NULL && i < kinds->len; i++)
    {
      const CommonsKindInfo *info = g_ptr_array_index (kinds, i);

      if (g_str_equal (info->kind, kind))
        found = info;
    }
  G_UNLOCK (kinds);
  return found;
}

/* Paths this process holds open, with how many connections each.
 *
 * SQLite locks a database with POSIX advisory locks, which belong to the
 * process: closing any descriptor of the file drops every lock the
 * process holds on it, those of other connections included. So once a
 * connection is open, nothing else may open and close the file (as the
 * header check below does), or another process could write under a
 * reader's feet and the reader see a torn file. */
static GMutex open_paths_lock;
static GHashTable *open_paths;

static gboolean check_header (const char  *path,
                              GError     **error);

/* Counts a new connection to @path. The first one checks the file's
 * header, under the lock, so that no other connection of this process
 * can be open while the check opens and closes the file. */
static gboolean
path_hold (const char  *path,
           GError     **error)
{
  guint count;

  g_mutex_lock (&open_paths_lock);
  if (open_paths == NULL)
    open_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_paths, path));
  if (count == 0 && !check_header (path, error))
    {
      g_mutex_unlock (&open_paths_lock);
      return FALSE;
    }
  g_hash_table_insert (open_paths, g_strdup (path), GUINT_TO_POINTER (count + 1));
  g_mutex_unlock (&open_paths_lock);
  return TRUE;
}

static void
path_release (const char *path)
{
  guint count;

  g_mutex_lock (&open_paths_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (open_paths, path));
  if (count <= 1)
    g_hash_table_remove (open_paths, path);
  else
    g_hash_table_insert (open_paths, g_strdup (path), GUINT_TO_POINTER (count - 1));
  g_mutex_unlock (&open_paths_lock);
}

static void
derived_free (gpointer data)
{
  Derived *derived = data;

  if (derived->destroy != NULL)
    derived->destroy (derived->data);
  g_free (derived);
}

static void
commons_store_finalize (GObject *object)
{
  CommonsStore *self = (CommonsStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_clear_pointer (&self->recent, g_hash_table_unref);
  g_clear_pointer (&self->search_pending, g_hash_table_unref);
  g_clear_pointer (&self->derived, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->path != NULL)
    path_release (self->path);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->person_id, g_free);
  g_clear_pointer (&self->legacy_person_id, g_free);

  G_OBJECT_CLASS (commons_store_parent_class)->finalize (object);
}

static void
commons_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CommonsStore *self = COMMONS_STORE (object);

  switch (prop_id)
    {
    case PROP_QUIET_INTERVAL:
      g_value_set_uint (value, self->quiet_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CommonsStore *self = COMMONS_STORE (object);

  switch (prop_id)
    {
    case PROP_QUIET_INTERVAL:
      commons_store_set_quiet_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_store_class_init (CommonsStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_store_finalize;
  object_class->get_property = commons_store_get_property;
  object_class->set_property = commons_store_set_property;

  /* Before any database is opened, so every kind's tables are filled. */
  _commons_core_register_kinds ();

  /**
   * CommonsStore:quiet-interval:
   *
   * Seconds without an edit after which the next edit of a record starts a
   * new revision instead of amending the one not yet shared. 0 makes every
   * edit a revision of its own.
   */
  properties[PROP_QUIET_INTERVAL] =
    g_param_spec_uint ("quiet-interval", NULL, NULL,
                       0, G_MAXUINT, COMMONS_STORE_DEFAULT_QUIET_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CommonsStore::record-changed:
   * @record: the record's id
   * @kind: its kind
   *
   * Emitted after a transaction that changed the record has committed.
   */
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
commons_store_init (CommonsStore *self)
{
  self->quiet_interval = COMMONS_STORE_DEFAULT_QUIET_INTERVAL;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->recent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) commons_revision_unref);
  self->search_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) search_entry_free);
  self->derived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, derived_free);
}

/* SQLite result codes, in the words a person reads. */
gboolean
_commons_store_set_error (CommonsStore  *self,
                          int            rc,
                          GError       **error)
{
  const char *detail = self != NULL && self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_A_DATABASE,
                   _("The file is not a Commons database (%s)"), detail);
      break;
    case SQLITE_CORRUPT:
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_CORRUPT,
                   _("The database is damaged (%s)"), detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY,
                   _("The data folder cannot be written to (%s)"), detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_FULL,
                   _("The disk is full; nothing was changed"));
      break;
    default:
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_FAILED,
                   _("The database failed (%s)"), detail);
    }
  return FALSE;
}

sqlite3 *
_commons_store_get_db (CommonsStore *self)
{
  return self->db;
}

/**
 * _commons_store_prepare:
 *
 * Returns: (transfer none): a cached, reset statement for @sql, which must
 *   be a string literal or otherwise outlive the store
 */
sqlite3_stmt *
_commons_store_prepare (CommonsStore  *self,
                        const char    *sql,
                        GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec (CommonsStore  *self,
      const char    *sql,
      GError       **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _commons_store_set_error (self, rc, error);
  return TRUE;
}

static void update_derived (CommonsStore *self,
                            GHashTable   *changed);

struct _SearchEntry
{
  char *title;
  char *text;
};

static void
search_entry_free (SearchEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->title);
  g_free (entry->text);
  g_free (entry);
}

static gboolean step_done (CommonsStore  *self,
                           sqlite3_stmt  *stmt,
                           GError       **error);

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
  if (!step_done (self, stmt, error))
    return FALSE;
  if (entry == NULL)
    return TRUE;
  stmt = _commons_store_prepare (self, "INSERT INTO record_search (rowid, title, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  sqlite3_bind_text (stmt, 2, entry->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->text, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
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
  if (!self->in_transaction)
    {
      gboolean ok = write_search (self, rowid, entry, error);

      search_entry_free (entry);
      return ok;
    }
  g_hash_table_replace (self->search_pending, g_memdup2 (&rowid, sizeof rowid), entry);
  return TRUE;
}

static gboolean
flush_search (CommonsStore  *self,
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

gboolean
_commons_store_begin (CommonsStore  *self,
                      GError       **error)
{
  g_assert (!self->in_transaction);

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  self->changes_at_begin = sqlite3_total_changes64 (self->db);
  return TRUE;
}

gboolean
_commons_store_commit (CommonsStore  *self,
                       GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GHashTable) changed = NULL;

  g_assert (self->in_transaction);

  if (!flush_search (self, error) || !exec (self, "COMMIT", error))
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  g_hash_table_remove_all (self->recent);

  changed = g_steal_pointer (&self->changed);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Before anyone hears of the change and asks again. */
  update_derived (self, changed);
  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_signal_emit (self, signals[RECORD_CHANGED], 0, key, value);

  return TRUE;
}

void
_commons_store_rollback (CommonsStore *self)
{
  if (!self->in_transaction)
    return;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
  g_hash_table_remove_all (self->changed);
  g_hash_table_remove_all (self->recent);
  g_hash_table_remove_all (self->search_pending);
}

static int
get_user_version (CommonsStore *self)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
migrate (CommonsStore  *self,
         int            target,
         GError       **error)
{
  const CommonsMigration *steps;
  guint n_steps;
  int version;

  /* Reading the version is the first read of the file: a file that is not
   * a database fails here without being written. */
  {
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

    if (rc == SQLITE_OK)
      rc = sqlite3_step (stmt);
    sqlite3_finalize (stmt);
    if (rc != SQLITE_ROW)
      return _commons_store_set_error (self, rc, error);
  }

  version = get_user_version (self);
  if (version > COMMONS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NEWER_SCHEMA,
                   _("The database was written by a newer version of Commons "
                     "(schema %d; this version reads up to %d). It was left untouched."),
                   version, COMMONS_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  steps = _commons_store_get_migrations (&n_steps);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *bump = NULL;

      if (steps[i].version <= version || steps[i].version > target)
        continue;

      if (!_commons_store_begin (self, error))
        return FALSE;
      /* Another connection may have taken this step while this one waited
       * for the write lock (two opening a new store at once). */
      if (get_user_version (self) >= steps[i].version)
        {
          if (!_commons_store_commit (self, error))
            return FALSE;
          continue;
        }
      bump = g_strdup_printf ("PRAGMA user_version = %d", steps[i].version);
      if (!exec (self, steps[i].sql, error) || !exec (self, bump, error))
        {
          _commons_store_rollback (self);
          return FALSE;
        }
      if (!_commons_store_commit (self, error))
        return FALSE;
      g_debug ("Migrated %s to schema %d", self->path, steps[i].version);
    }

  return TRUE;
}

static char *
meta_get (CommonsStore *self,
          const char   *key)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  /* A statement left on its row keeps a read transaction open: in WAL
   * mode this connection's next write then fails with "database is
   * locked" as soon as another connection (the sync worker) has
   * written. */
  sqlite3_reset (stmt);
  return value;
}

static gboolean
meta_set (CommonsStore  *self,
          const char    *key,
          const char    *value,
          GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self,
      "INSERT INTO meta (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
check_header (const char  *path,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char header[16];
  gsize n_read = 0;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY,
                   _("The database cannot be read: %s"), local_error->message);
      return FALSE;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header,
                                &n_read, NULL, &local_error))
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_READ_ONLY,
                   _("The database cannot be read: %s"), local_error->message);
      return FALSE;
    }

  /* An empty file is what a crash before the first write leaves; SQLite
   * treats it as a new database, and so do we. */
  if (n_read == 0)
    return TRUE;

  if (n_read < sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Commons database. It was left untouched."), path);
      return FALSE;
    }

  return TRUE;
}

static char *
identity_name (CommonsStore *self)
{
  g_autofree char *base = g_path_get_basename (self->path);

  return g_strconcat (COMMONS_CREDENTIALS_IDENTITY, base, NULL);
}

/* The person is a key pair made at first start (DESIGN.md, "Identity").
 * Its private half goes beside the member tokens (keyring, or the private
 * file), never into SQLite; the public half is the person id. A store made
 * before keys existed keeps its UUID as the legacy id of the same person. */
static gboolean
load_identity (CommonsStore  *self,
               GError       **error)
{
  g_autofree char *seed = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *name = NULL;

  self->person_id = meta_get (self, "person-key");
  self->legacy_person_id = meta_get (self, "person-id");
  if (self->legacy_person_id != NULL &&
      commons_person_id_classify (self->legacy_person_id) != COMMONS_PERSON_LEGACY)
    g_clear_pointer (&self->legacy_person_id, g_free);
  if (self->person_id != NULL)
    return TRUE;

  /* Two connections opening a new store at once must not make two keys,
   * or the one kept in the keyring could be the other's: the first to
   * take the write lock makes it, the other reads it. */
  if (!_commons_store_begin (self, error))
    return FALSE;
  self->person_id = meta_get (self, "person-key");
  if (self->person_id == NULL)
    {
      data_dir = g_path_get_dirname (self->path);
      name = identity_name (self);
      if (!commons_identity_generate (&seed, &self->person_id, error) ||
          !commons_credentials_save_secret (data_dir, name, seed, error) ||
          !meta_set (self, "person-key", self->person_id, error))
        {
          _commons_store_rollback (self);
          return FALSE;
        }
    }
  return _commons_store_commit (self, error);
}

/**
 * _commons_store_dup_signing_key:
 *
 * Returns: (transfer full) (nullable): this person's private key, from
 *   the keyring or the private file
 */
char *
_commons_store_dup_signing_key (CommonsStore  *self,
                                GError       **error)
{
  g_autofree char *data_dir = g_path_get_dirname (self->path);
  g_autofree char *name = identity_name (self);
  g_autofree char *seed = NULL;
  g_autofree char *person = NULL;

  seed = commons_credentials_lookup (data_dir, name, NULL);
  person = seed != NULL ? commons_identity_person_from_seed (seed) : NULL;
  if (person == NULL || !g_str_equal (person, self->person_id))
    {
      g_set_error_literal (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_FAILED,
                           _("This device’s key is missing, so nothing can be signed as you"));
      return NULL;
    }
  return g_steal_pointer (&seed);
}

/**
 * commons_store_is_me:
 * @author: (nullable): a revision's author
 *
 * Returns: whether @author is this person, by key or by the UUID written
 *   before keys
 */
gboolean
commons_store_is_me (CommonsStore *self,
                     const char   *author)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);

  return author != NULL &&
         (g_strcmp0 (author, self->person_id) == 0 ||
          g_strcmp0 (author, self->legacy_person_id) == 0);
}

/**
 * commons_store_get_legacy_person_id:
 *
 * Returns: (nullable): the UUID this installation wrote before it had a key
 */
const char *
commons_store_get_legacy_person_id (CommonsStore *self)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  return self->legacy_person_id;
}

CommonsStore *
_commons_store_open_at_version (const char  *path,
                                int          version,
                                GError     **error)
{
  g_autoptr(CommonsStore) self = NULL;
  g_autofree char *name = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  /* The header is checked by the first connection only: another one in
   * this process already found it good, and opening the file again
   * would drop that connection's locks (see path_hold()). */
  if (!path_hold (path, error))
    return NULL;

  self = g_object_new (COMMONS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!migrate (self, version, error))
    return NULL;

  /* WAL lets readers on other connections go on while a sync writes;
   * synchronous=FULL makes every committed note survive a power cut. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* 32 MB of page cache, filled only as pages are read: filters over
       * thousands of plans stop re-reading the same pages. */
      !exec (self, "PRAGMA cache_size = -32000", error))
    return NULL;

  if (version < 1)
    return g_steal_pointer (&self);

  if (!load_identity (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * commons_store_open:
 * @path: the database file; created if missing
 * @error: return location for a #GError
 *
 * Opens the store and upgrades its schema. A file that is not an SQLite
 * database, is damaged, or was written by a newer schema is refused and
 * never written to.
 *
 * Returns: (transfer full): the store, or %NULL
 */
CommonsStore *
commons_store_open (const char  *path,
                    GError     **error)
{
  return _commons_store_open_at_version (path, COMMONS_STORE_SCHEMA_VERSION, error);
}

const char *
commons_store_get_path (CommonsStore *self)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  return self->path;
}

/**
 * commons_store_get_person_id:
 *
 * Returns: the person id this installation writes as the author of its
 *   revisions: its public key
 */
const char *
commons_store_get_person_id (CommonsStore *self)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  return self->person_id;
}

char *
commons_store_dup_display_name (CommonsStore *self)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  return meta_get (self, "display-name");
}

gboolean
commons_store_set_display_name (CommonsStore  *self,
                                const char    *name,
                                GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  return meta_set (self, "display-name", name, error);
}

guint
commons_store_get_quiet_interval (CommonsStore *self)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), 0);
  return self->quiet_interval;
}

void
commons_store_set_quiet_interval (CommonsStore *self,
                                  guint         seconds)
{
  g_return_if_fail (COMMONS_IS_STORE (self));

  if (self->quiet_interval == seconds)
    return;
  self->quiet_interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUIET_INTERVAL]);
}

/* Reading revisions. */

static CommonsRevision *
revision_from_row (CommonsStore  *self,
                   sqlite3_stmt  *stmt,
                   int            column,
                   GError       **error)
{
  const char *id = (const char *) sqlite3_column_text (stmt, column);
  CommonsRevision *recent = g_hash_table_lookup (self->recent, id);

  if (recent != NULL)
    return commons_revision_ref (recent);
  return _commons_revision_new_trusted (id, (const char *) sqlite3_column_text (stmt, column + 1), error);
}

CommonsRevision *
commons_store_get_revision (CommonsStore  *self,
                            const char    *id,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = _commons_store_prepare (self, "SELECT id, body FROM revisions WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      CommonsRevision *revision = revision_from_row (self, stmt, 0, error);

      sqlite3_reset (stmt);
      return revision;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
               _("Revision %s is not in the store"), id);
  return NULL;
}

static GPtrArray *
collect_revisions (CommonsStore  *self,
                   const char    *sql,
                   const char    *record,
                   GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  sqlite3_stmt *stmt = _commons_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CommonsRevision *revision = revision_from_row (self, stmt, 0, error);

      if (revision == NULL)
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      g_ptr_array_add (result, revision);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

/**
 * commons_store_get_heads:
 * @record: a record id
 *
 * Returns: (transfer container) (element-type CommonsRevision): the
 *   record's heads, the one displayed first
 */
GPtrArray *
commons_store_get_heads (CommonsStore  *self,
                         const char    *record,
                         GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  /* The display rule, fixed so every replica shows the same head: a live
   * head before a delete, then the latest time, then the greatest id. */
  return collect_revisions (self,
                            "SELECT r.id, r.body FROM heads h JOIN revisions r ON r.id = h.revision "
                            "WHERE h.record = ? ORDER BY r.deleted ASC, r.time DESC, r.id DESC",
                            record, error);
}

/**
 * commons_store_get_history:
 * @record: a record id
 *
 * Returns: (transfer container) (element-type CommonsRevision): every
 *   revision of the record, newest first
 */
GPtrArray *
commons_store_get_history (CommonsStore  *self,
                           const char    *record,
                           GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  return collect_revisions (self,
                            "SELECT id, body FROM revisions WHERE record = ? "
                            "ORDER BY time DESC, seq DESC",
                            record, error);
}

CommonsRevision *
commons_store_get_current (CommonsStore  *self,
                           const char    *record,
                           GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return NULL;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return NULL;
    }
  return commons_revision_ref (g_ptr_array_index (heads, 0));
}

char *
commons_store_get_scope (CommonsStore  *self,
                         const char    *record,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  char *scope = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);

  stmt = _commons_store_prepare (self, "SELECT scope FROM records WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (scope == NULL)
    g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                 _("The record does not exist"));
  return scope;
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

static gboolean
step_done (CommonsStore  *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _commons_store_set_error (self, rc, error);
  return TRUE;
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
          if (!step_done (self, stmt, error))
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

/* Writing revisions. */

static gboolean
revision_exists (CommonsStore  *self,
                 const char    *id,
                 gboolean      *exists,
                 GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "SELECT 1 FROM revisions WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);
  *exists = (rc == SQLITE_ROW);
  return TRUE;
}

static gint64
next_seq (CommonsStore *self)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "SELECT coalesce(max(seq), 0) + 1 FROM revisions", NULL);
  gint64 seq = 1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return seq;
}

/* The lowest common ancestor of two revisions: a common ancestor that is
 * not an ancestor of another common ancestor; among several (criss-cross
 * histories), the latest, then the greatest id, so every replica picks the
 * same one. */
static CommonsRevision *
find_merge_base (CommonsStore  *self,
                 const char    *a,
                 const char    *b,
                 GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self,
      "WITH RECURSIVE "
      "  up_a (id) AS (SELECT ?1 UNION SELECT p.parent FROM revision_parents p JOIN up_a ON p.revision = up_a.id), "
      "  up_b (id) AS (SELECT ?2 UNION SELECT p.parent FROM revision_parents p JOIN up_b ON p.revision = up_b.id), "
      "  common (id) AS (SELECT id FROM up_a INTERSECT SELECT id FROM up_b), "
      "  below (id) AS (SELECT p.parent FROM revision_parents p JOIN common c ON p.revision = c.id "
      "                 UNION SELECT p.parent FROM revision_parents p JOIN below ON p.revision = below.id) "
      "SELECT r.id, r.body FROM common c JOIN revisions r ON r.id = c.id "
      "WHERE c.id NOT IN (SELECT id FROM below) ORDER BY r.time DESC, r.id DESC LIMIT 1", error);
  CommonsRevision *base = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    base = revision_from_row (self, stmt, 0, error);
  else if (rc != SQLITE_DONE)
    _commons_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return base;
}

/* The merge of two revisions, as every replica computes it. Sets
 * *conflict and returns NULL when the same lines changed on both sides. */
CommonsRevision *
_commons_store_merge_pair (CommonsStore     *self,
            CommonsRevision  *a,
            CommonsRevision  *b,
            gboolean         *conflict,
            GError          **error)
{
  g_autoptr(CommonsRevision) base = NULL;
  g_autoptr(GError) local_error = NULL;
  CommonsRevision *merged;

  *conflict = FALSE;
  base = find_merge_base (self, commons_revision_get_id (a), commons_revision_get_id (b), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  merged = commons_merge_revisions (base, a, b, &local_error);
  if (merged == NULL)
    {
      if (g_error_matches (local_error, COMMONS_MERGE_ERROR, COMMONS_MERGE_ERROR_CONFLICT))
        *conflict = TRUE;
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return merged;
}

/* Inserts one revision and updates the record's heads; the caller holds the
 * transaction and materializes afterwards. */
/* A record keeps the scope of its first revision: a revision that names
 * a record of another scope, or a kind other than the record's, is not
 * part of it; nor is one whose parents are not held or are another
 * record's. */
static gboolean
check_place (CommonsStore     *self,
             CommonsRevision  *revision,
             const char       *scope,
             GError          **error)
{
  const char *id = commons_revision_get_id (revision);
  const char *record = commons_revision_get_record (revision);
  const char * const *parents = commons_revision_get_parents (revision);
  sqlite3_stmt *stmt;

  stmt = _commons_store_prepare (self, "SELECT scope, kind FROM revisions WHERE record = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), scope) == 0 &&
                      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                                 commons_revision_get_kind (revision)) == 0;

      sqlite3_reset (stmt);
      if (!same)
        {
          g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                       _("Revision %.12s belongs to a record of another group or kind"), id);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  for (guint i = 0; parents[i] != NULL; i++)
    {
      stmt = _commons_store_prepare (self, "SELECT record FROM revisions WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, parents[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW ||
          !g_str_equal ((const char *) sqlite3_column_text (stmt, 0), record))
        {
          sqlite3_reset (stmt);
          g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_MISSING_PARENT,
                       _("Revision %.12s names a parent that is not held"), id);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
_commons_store_insert_revision (CommonsStore      *self,
                                CommonsRevision   *revision,
                                const char        *scope,
                                gboolean           pushed,
                                CommonsAddResult  *result,
                                GError           **error)
{
  return _commons_store_insert_checked (self, revision, scope, pushed, NULL, FALSE, result, error);
}

/**
 * _commons_store_insert_checked:
 * @sender: (nullable): the member who pushed it, for a pulled revision
 * @checked: whether the caller has already checked that the revision is
 *   not held yet, belongs to a record of its scope and kind, and that its
 *   parents are held and of the same record, as _commons_store_receive()
 *   does
 */
gboolean
_commons_store_insert_checked (CommonsStore      *self,
                               CommonsRevision   *revision,
                               const char        *scope,
                               gboolean           pushed,
                               const char        *sender,
                               gboolean           checked,
                               CommonsAddResult  *result,
                               GError           **error)
{
  const char *id = commons_revision_get_id (revision);
  const char *record = commons_revision_get_record (revision);
  const char * const *parents = commons_revision_get_parents (revision);
  sqlite3_stmt *stmt;
  gboolean exists = FALSE;
  gboolean has_child = FALSE;

  /* A checked revision was also looked up by the caller. */
  if (!checked && !revision_exists (self, id, &exists, error))
    return FALSE;
  if (exists)
    {
      if (pushed)
        {
          stmt = _commons_store_prepare (self, "UPDATE revisions SET pushed = 1 WHERE id = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
          if (!step_done (self, stmt, error))
            return FALSE;
        }
      *result = COMMONS_ADD_DUPLICATE;
      return TRUE;
    }

  /* A record keeps the scope of its first revision: a revision that names
   * a record of another scope, or a kind other than the record's, is not
   * part of it. */
  if (!checked && !check_place (self, revision, scope, error))
    return FALSE;

  /* A revision without an author claims to be the merge of its parents:
   * recompute it, and ignore one that is not. */
  if (commons_revision_get_author (revision) == NULL)
    {
      g_autoptr(CommonsRevision) a = NULL;
      g_autoptr(CommonsRevision) b = NULL;
      g_autoptr(CommonsRevision) expected = NULL;
      gboolean conflict = FALSE;

      if (g_strv_length ((char **) parents) != 2)
        {
          *result = COMMONS_ADD_REJECTED;
          return TRUE;
        }
      a = commons_store_get_revision (self, parents[0], error);
      b = a != NULL ? commons_store_get_revision (self, parents[1], error) : NULL;
      if (b == NULL)
        return FALSE;
      expected = _commons_store_merge_pair (self, a, b, &conflict, error);
      if (expected == NULL && !conflict)
        return FALSE;
      if (expected == NULL || !g_str_equal (commons_revision_get_id (expected), id))
        {
          g_debug ("Ignoring revision %.12s: not the merge of its parents", id);
          *result = COMMONS_ADD_REJECTED;
          return TRUE;
        }
    }

  stmt = _commons_store_prepare (self,
      sender != NULL ?
      "INSERT INTO revisions (id, record, kind, author, time, deleted, body, scope, pushed, seq, sender) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" :
      "INSERT INTO revisions (id, record, kind, author, time, deleted, body, scope, pushed, seq) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, commons_revision_get_kind (revision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, commons_revision_get_author (revision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, commons_revision_get_time (revision), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, commons_revision_get_deleted (revision));
  sqlite3_bind_text (stmt, 7, commons_revision_get_canonical (revision), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, scope, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, pushed);
  sqlite3_bind_int64 (stmt, 10, next_seq (self));
  if (sender != NULL)
    sqlite3_bind_text (stmt, 11, sender, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (self->in_transaction)
    g_hash_table_replace (self->recent, (gpointer) commons_revision_get_id (revision),
                          commons_revision_ref (revision));
  if (commons_revision_get_signature (revision) != NULL)
    {
      /* Checked by the caller before the revision came this far. */
      stmt = _commons_store_prepare (self, "UPDATE revisions SET signature = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, commons_revision_get_signature (revision), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; parents[i] != NULL; i++)
    {
      stmt = _commons_store_prepare (self,
          "INSERT INTO revision_parents (revision, parent) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parents[i], -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;

      stmt = _commons_store_prepare (self, "DELETE FROM heads WHERE record = ? AND revision = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, parents[i], -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  /* A child that arrived first (a bundle written in any order) already
   * supersedes this revision. */
  stmt = _commons_store_prepare (self, "SELECT 1 FROM revision_parents WHERE parent = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  has_child = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  if (!has_child)
    {
      stmt = _commons_store_prepare (self, "INSERT INTO heads (record, revision) VALUES (?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      if (!step_done (self, stmt, error))
        return FALSE;
    }

  *result = COMMONS_ADD_STORED;
  return TRUE;
}

static int
compare_revision_ids (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (commons_revision_get_id (*(CommonsRevision **) a),
                 commons_revision_get_id (*(CommonsRevision **) b));
}

/* Merges a record's heads two at a time, lowest ids first, until one is
 * left or two conflict. Merge revisions are stored like any other and pushed
 * later; every replica makes the same ones, so they meet as duplicates. */
gboolean
_commons_store_merge_heads (CommonsStore  *self,
             const char    *record,
             const char    *scope,
             GError       **error)
{
  /* Most records that a batch touches have one head: nothing to merge,
   * and no reason to read it. */
  {
    sqlite3_stmt *stmt = _commons_store_prepare (self, COMMONS_SQL_COUNT_HEADS, error);
    gint64 n = 0;

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      n = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    if (n < 2)
      return TRUE;
  }

  for (;;)
    {
      g_autoptr(GPtrArray) heads = commons_store_get_heads (self, record, error);
      g_autoptr(CommonsRevision) merged = NULL;
      CommonsRevision *a, *b;
      CommonsAddResult result;
      gboolean conflict = FALSE;

      if (heads == NULL)
        return FALSE;
      if (heads->len < 2)
        return TRUE;

      g_ptr_array_sort (heads, compare_revision_ids);
      a = g_ptr_array_index (heads, 0);
      b = g_ptr_array_index (heads, 1);

      merged = _commons_store_merge_pair (self, a, b, &conflict, error);
      if (merged == NULL)
        return conflict;
      if (!_commons_store_insert_revision (self, merged, scope, FALSE, &result, error))
        return FALSE;
      if (result != COMMONS_ADD_STORED)
        return TRUE;
    }
}

/**
 * commons_store_add_revisions:
 * @revisions: (element-type CommonsRevision): revisions, parents before
 *   children
 * @scope: the scope they belong to: %COMMONS_SCOPE_LOCAL or a group id
 * @pushed: whether they are already known outside this device
 * @results: (nullable) (element-type CommonsAddResult): filled with one
 *   result per revision
 * @error: return location for a #GError
 *
 * Stores a batch of trusted revisions, this device's own, in one
 * transaction: heads are recomputed and the materialized state updated
 * before it commits, so a crash leaves either all of the batch or none of
 * it. Revisions already held are counted as duplicates and change nothing.
 * What comes from others goes through _commons_store_receive() instead.
 *
 * Returns: %TRUE if the whole batch was stored
 */
gboolean
commons_store_add_revisions (CommonsStore  *self,
                             GPtrArray     *revisions,
                             const char    *scope,
                             gboolean       pushed,
                             GArray        *results,
                             GError       **error)
{
  /* record id → the scope it lives in */
  g_autoptr(GHashTable) touched = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (revisions != NULL, FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  if (!_commons_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (revisions, i);
      CommonsAddResult result;

      if (!_commons_store_insert_revision (self, revision, scope, pushed, &result, error))
        goto fail;
      if (results != NULL)
        g_array_append_val (results, result);
      if (result == COMMONS_ADD_STORED)
        g_hash_table_add (touched, (gpointer) commons_revision_get_record (revision));
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!_commons_store_merge_heads (self, key, scope, error) ||
        !_commons_store_materialize (self, key, scope, error))
      goto fail;

  return _commons_store_commit (self, error);

fail:
  _commons_store_rollback (self);
  if (results != NULL)
    g_array_set_size (results, 0);
  return FALSE;
}

static gboolean
add_one (CommonsStore     *self,
         CommonsRevision  *revision,
         const char       *scope,
         GError          **error)
{
  CommonsAddResult result;

  if (!_commons_store_insert_revision (self, revision, scope, FALSE, &result, error))
    return FALSE;
  return _commons_store_materialize (self, commons_revision_get_record (revision), scope, error);
}

/* Local edits. */

typedef struct
{
  char     *scope;
  gboolean  pushed;
  gboolean  exported;
  gboolean  sent;
  char     *kind;
} RevisionInfo;

static gboolean
get_revision_info (CommonsStore  *self,
                   const char    *id,
                   RevisionInfo  *info,
                   GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self,
      "SELECT scope, pushed, kind, exported, sent FROM revisions WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return FALSE;
    }
  info->scope = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->pushed = sqlite3_column_int (stmt, 1);
  info->exported = sqlite3_column_int (stmt, 3);
  info->sent = sqlite3_column_int (stmt, 4);
  info->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return TRUE;
}

static void
revision_info_clear (RevisionInfo *info)
{
  g_clear_pointer (&info->scope, g_free);
  g_clear_pointer (&info->kind, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RevisionInfo, revision_info_clear)

static gint64
seconds_since (const char *time)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_iso8601 (time, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (then == NULL)
    return G_MAXINT64;
  return g_date_time_difference (now, then) / G_TIME_SPAN_SECOND;
}

static gboolean
delete_revision_row (CommonsStore  *self,
                     const char    *id,
                     GError       **error)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "DELETE FROM revisions WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

static gboolean
fields_equal (JsonObject *a,
              JsonObject *b)
{
  g_autoptr(JsonNode) na = json_node_alloc ();
  g_autoptr(JsonNode) nb = json_node_alloc ();
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  json_node_init_object (na, a);
  json_node_init_object (nb, b);
  ca = commons_json_canonical (na, NULL);
  cb = commons_json_canonical (nb, NULL);
  return ca != NULL && cb != NULL && g_str_equal (ca, cb);
}

/* Writes a new state of a record as this person: either amends the head
 * (when it has not left the device, is this person's, and was written
 * within the quiet interval) or adds a child of every head. */
/* An edit of a version that is no longer the only head: a sync or an
 * import brought others' changes while the person was editing, or the
 * record is edited in two places. The edit descends from what the person
 * saw, and merges with the rest as a sync would; changes the merge cannot
 * settle are kept side by side as a conflict. */
static gboolean
write_on_base (CommonsStore  *self,
               const char    *record,
               const char    *kind,
               const char    *base,
               const char    *scope,
               JsonObject    *fields,
               gboolean       deleted,
               char         **written,
               GError       **error)
{
  const char *parents[] = { base, NULL };
  g_autoptr(CommonsRevision) revision = NULL;
  CommonsAddResult result;

  revision = commons_revision_new (record, kind, parents, self->person_id, NULL, deleted,
                                   fields, error);
  if (revision == NULL)
    return FALSE;

  if (!_commons_store_begin (self, error))
    return FALSE;
  if (!_commons_store_insert_revision (self, revision, scope, FALSE, &result, error) ||
      !_commons_store_merge_heads (self, record, scope, error) ||
      !_commons_store_materialize (self, record, scope, error))
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  if (!_commons_store_commit (self, error))
    return FALSE;
  if (written != NULL)
    *written = g_strdup (commons_revision_get_id (revision));
  return TRUE;
}

static gboolean
write_state (CommonsStore  *self,
             const char    *record,
             const char    *base,
             JsonObject    *fields,
             gboolean       deleted,
             gboolean       allow_amend,
             char         **written,
             GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(CommonsRevision) revision = NULL;
  g_auto(RevisionInfo) info = { 0 };
  CommonsRevision *head;
  const char *kind;
  gboolean amend = FALSE;

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return FALSE;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return FALSE;
    }

  head = g_ptr_array_index (heads, 0);
  kind = commons_revision_get_kind (head);
  if (!get_revision_info (self, commons_revision_get_id (head), &info, error))
    return FALSE;

  if (base != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CommonsRevision) shown = commons_store_get_revision (self, base, &local_error);
      gboolean is_head = FALSE;

      /* A version amended away since it was read is one this device made
       * a moment ago, which the head carries on: edit that. */
      if (shown == NULL &&
          g_error_matches (local_error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND))
        return write_state (self, record, NULL, fields, deleted, allow_amend, written, error);
      if (shown == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Nothing changed from what the person saw: whatever came in since,
       * from a sync or an import, stays as it is. */
      if (commons_revision_get_deleted (shown) == deleted &&
          fields_equal (commons_revision_get_fields (shown), fields))
        {
          if (written != NULL)
            *written = g_strdup (base);
          return TRUE;
        }
      for (guint i = 0; i < heads->len; i++)
        if (g_strcmp0 (commons_revision_get_id (g_ptr_array_index (heads, i)), base) == 0)
          is_head = TRUE;
      if (!is_head || heads->len > 1)
        return write_on_base (self, record, kind, base, info.scope, fields, deleted, written, error);
    }

  if (heads->len == 1 &&
      commons_revision_get_deleted (head) == deleted &&
      fields_equal (commons_revision_get_fields (head), fields))
    {
      if (written != NULL)
        *written = g_strdup (commons_revision_get_id (head));
      return TRUE;
    }

  if (allow_amend && heads->len == 1 && !info.pushed && !info.exported && !info.sent &&
      commons_store_is_me (self, commons_revision_get_author (head)) &&
      !commons_revision_get_deleted (head) && !deleted &&
      seconds_since (commons_revision_get_time (head)) < (gint64) self->quiet_interval)
    amend = TRUE;

  if (amend)
    {
      const char * const *p = commons_revision_get_parents (head);

      for (guint i = 0; p[i] != NULL; i++)
        g_ptr_array_add (parents, (gpointer) p[i]);
    }
  else
    {
      for (guint i = 0; i < heads->len; i++)
        g_ptr_array_add (parents, (gpointer) commons_revision_get_id (g_ptr_array_index (heads, i)));
    }
  g_ptr_array_add (parents, NULL);

  revision = commons_revision_new (record, kind, (const char * const *) parents->pdata,
                                   self->person_id, NULL, deleted, fields, error);
  if (revision == NULL)
    return FALSE;

  if (!_commons_store_begin (self, error))
    return FALSE;
  if (amend && !delete_revision_row (self, commons_revision_get_id (head), error))
    goto fail;
  if (amend)
    {
      /* The amended revision's parents are heads again until the new one
       * takes its place just below. */
      for (guint i = 0; i + 1 < parents->len; i++)
        {
          sqlite3_stmt *stmt = _commons_store_prepare (self,
              "INSERT OR IGNORE INTO heads (record, revision) VALUES (?, ?)", error);

          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (parents, i), -1, SQLITE_STATIC);
          if (!step_done (self, stmt, error))
            goto fail;
        }
    }
  if (!add_one (self, revision, info.scope, error))
    goto fail;
  if (!_commons_store_commit (self, error))
    return FALSE;
  if (written != NULL)
    *written = g_strdup (commons_revision_get_id (revision));
  return TRUE;

fail:
  _commons_store_rollback (self);
  return FALSE;
}

/**
 * commons_store_create_record:
 * @kind: the record kind
 * @scope: %COMMONS_SCOPE_LOCAL or a group id
 * @fields: the first revision's fields
 *
 * Returns: (transfer full): the new record's id
 */
char *
commons_store_create_record (CommonsStore  *self,
                             const char    *kind,
                             const char    *scope,
                             JsonObject    *fields,
                             GError       **error)
{
  g_autofree char *record = g_uuid_string_random ();

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (!_commons_store_create_record_as (self, record, kind, scope, fields, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * _commons_store_create_record_as:
 * @record: the new record's id
 *
 * commons_store_create_record() for a record whose id is not random but
 * derived, as a vote's is from its voter and answer.
 */
gboolean
_commons_store_create_record_as (CommonsStore  *self,
                                 const char    *record,
                                 const char    *kind,
                                 const char    *scope,
                                 JsonObject    *fields,
                                 GError       **error)
{
  g_autoptr(CommonsRevision) revision = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);

  revision = commons_revision_new (record, kind, NULL, self->person_id, NULL, FALSE, fields, error);
  if (revision == NULL)
    return FALSE;

  if (!_commons_store_begin (self, error))
    return FALSE;
  if (!add_one (self, revision, scope, error))
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  return _commons_store_commit (self, error);
}

/**
 * commons_store_edit_record:
 * @record: a record id
 * @fields: the record's new fields, complete
 *
 * Saves a person's edit. Within the quiet interval an edit amends the
 * revision not yet shared, so autosave does not make a revision per
 * keystroke; after it, the edit starts a new revision. An edit of a record
 * in conflict becomes the resolution: a child of every head.
 */
gboolean
commons_store_edit_record (CommonsStore  *self,
                           const char    *record,
                           JsonObject    *fields,
                           GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return write_state (self, record, NULL, fields, FALSE, TRUE, NULL, error);
}

/**
 * _commons_store_edit_record_full:
 * @base: (nullable): the revision the person edited, when the record may
 *   have changed since it was shown; %NULL for the current one
 * @allow_amend: %FALSE to always start a new revision, as when others
 *   have referred to the current one (a review names it)
 * @written: (out) (optional): the revision that holds @fields: the new
 *   one, or @base or the head when nothing changed
 *
 * commons_store_edit_record() with a say over amending and over what the
 * edit descends from.
 */
gboolean
_commons_store_edit_record_full (CommonsStore  *self,
                                 const char    *record,
                                 const char    *base,
                                 JsonObject    *fields,
                                 gboolean       allow_amend,
                                 char         **written,
                                 GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  return write_state (self, record, base, fields, FALSE, allow_amend, written, error);
}

/**
 * commons_store_delete_record:
 *
 * Deletes a record with a revision that says so; its history stays, and
 * commons_store_undelete_record() brings it back.
 */
gboolean
commons_store_delete_record (CommonsStore  *self,
                             const char    *record,
                             GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  current = commons_store_get_current (self, record, error);
  if (current == NULL)
    return FALSE;
  if (commons_revision_get_deleted (current))
    return TRUE;

  return write_state (self, record, NULL, commons_revision_get_fields (current), TRUE, FALSE, NULL, error);
}

/**
 * commons_store_undelete_record:
 *
 * Undoes a delete. A delete that never left the device is removed, as if
 * it never happened; otherwise a new revision restores the fields.
 */
gboolean
commons_store_undelete_record (CommonsStore  *self,
                               const char    *record,
                               GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  g_auto(RevisionInfo) info = { 0 };
  CommonsRevision *head;
  const char * const *parents;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  heads = commons_store_get_heads (self, record, error);
  if (heads == NULL)
    return FALSE;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return FALSE;
    }
  head = g_ptr_array_index (heads, 0);
  if (!commons_revision_get_deleted (head))
    return TRUE;
  if (!get_revision_info (self, commons_revision_get_id (head), &info, error))
    return FALSE;

  parents = commons_revision_get_parents (head);
  if (heads->len == 1 && !info.pushed && !info.exported && !info.sent && parents[0] != NULL &&
      commons_store_is_me (self, commons_revision_get_author (head)))
    {
      if (!_commons_store_begin (self, error))
        return FALSE;
      if (!delete_revision_row (self, commons_revision_get_id (head), error))
        goto fail;
      for (guint i = 0; parents[i] != NULL; i++)
        {
          sqlite3_stmt *stmt = _commons_store_prepare (self,
              "INSERT OR IGNORE INTO heads (record, revision) VALUES (?, ?)", error);

          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, parents[i], -1, SQLITE_STATIC);
          if (!step_done (self, stmt, error))
            goto fail;
        }
      if (!_commons_store_materialize (self, record, info.scope, error))
        goto fail;
      return _commons_store_commit (self, error);
    }

  return write_state (self, record, NULL, commons_revision_get_fields (head), FALSE, FALSE, NULL, error);

fail:
  _commons_store_rollback (self);
  return FALSE;
}

/**
 * commons_store_restore_revision:
 * @record: a record id
 * @revision: the id of one of its revisions
 *
 * Restores an earlier version as a new revision; nothing in the history is
 * removed.
 */
gboolean
commons_store_restore_revision (CommonsStore  *self,
                                const char    *record,
                                const char    *revision,
                                GError       **error)
{
  g_autoptr(CommonsRevision) old = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  old = commons_store_get_revision (self, revision, error);
  if (old == NULL)
    return FALSE;
  if (!g_str_equal (commons_revision_get_record (old), record))
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("That version belongs to another record"));
      return FALSE;
    }

  return write_state (self, record, NULL, commons_revision_get_fields (old), FALSE, FALSE, NULL, error);
}

/* Notes. */

static JsonObject *
note_fields (const char *title,
             const char *body)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "title", title != NULL ? title : "");
  json_object_set_string_member (fields, "body", body != NULL ? body : "");
  return fields;
}

/**
 * commons_store_create_note:
 *
 * Returns: (transfer full): the id of a new private note
 */
char *
commons_store_create_note (CommonsStore  *self,
                           const char    *title,
                           const char    *body,
                           GError       **error)
{
  g_autoptr(JsonObject) fields = note_fields (title, body);

  return commons_store_create_record (self, "note", COMMONS_SCOPE_LOCAL, fields, error);
}

gboolean
commons_store_update_note (CommonsStore  *self,
                           const char    *record,
                           const char    *title,
                           const char    *body,
                           GError       **error)
{
  g_autoptr(JsonObject) fields = note_fields (title, body);

  return commons_store_edit_record (self, record, fields, error);
}

/**
 * commons_store_update_note_from:
 * @base: (nullable): the revision the editor was filled from; %NULL for
 *   the current one
 * @written: (out) (optional) (transfer full): the revision that holds the
 *   note's text now
 *
 * commons_store_update_note() for an editor that may have stayed open
 * while the note changed elsewhere (a sync, an import): the edit descends
 * from @base, so that change merges with it instead of being written over.
 */
gboolean
commons_store_update_note_from (CommonsStore  *self,
                                const char    *record,
                                const char    *base,
                                const char    *title,
                                const char    *body,
                                char         **written,
                                GError       **error)
{
  g_autoptr(JsonObject) fields = note_fields (title, body);

  return _commons_store_edit_record_full (self, record, base, fields, TRUE, written, error);
}

/* Lists and search. */

/**
 * commons_store_build_match:
 * @search: what a person typed
 *
 * Turns free text into an FTS5 query: every word must match, each as a
 * prefix, so results come while the person is still typing. Operators and
 * punctuation are ignored rather than parsed.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL if @search has no
 *   words
 */
char *
commons_store_build_match (const char *search)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    return NULL;

  for (const char *p = search;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Below this many search hits, looking each one up and sorting is cheaper
 * than walking every row of the kind in order. */
#define QUERY_FEW_HITS 4096

static int
compare_rowids (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static int
compare_rowids_desc (gconstpointer a,
                     gconstpointer b)
{
  return compare_rowids (b, a);
}

/* Collects the row ids a statement returns in its first column. */
static gboolean
collect_rowids (CommonsStore  *self,
                sqlite3_stmt  *stmt,
                GArray        *rows,
                GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (rows, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);
  return TRUE;
}

/* Lists the live rows of @kind newest first by walking the covering index
 * records_list in order, keeping those in @hits (sorted row ids) if given.
 * No join and no sort: ordering many search hits by joining them to
 * records took most of a search's time. */
static gboolean
query_kind_in_order (CommonsStore  *self,
                     const char    *kind,
                     GArray        *hits,
                     GArray        *rows,
                     GError       **error)
{
  g_autoptr(GString) run_updated = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint run_start = 0;
  int rc;

  stmt = _commons_store_prepare (self,
      "SELECT rowid, updated FROM records WHERE kind = ? AND deleted = 0 "
      "ORDER BY updated DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      const char *updated = (const char *) sqlite3_column_text (stmt, 1);

      if (hits != NULL &&
          bsearch (&rowid, hits->data, hits->len, sizeof (gint64), compare_rowids) == NULL)
        continue;

      /* Rows updated at the same moment go newest row first, as the
       * ORDER BY updated DESC, rowid DESC of the other queries. */
      if (updated == NULL || !g_str_equal (updated, run_updated->str))
        {
          if (rows->len - run_start > 1)
            qsort (&g_array_index (rows, gint64, run_start), rows->len - run_start,
                   sizeof (gint64), compare_rowids_desc);
          run_start = rows->len;
          g_string_assign (run_updated, updated != NULL ? updated : "");
        }
      g_array_append_val (rows, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _commons_store_set_error (self, rc, error);

  if (rows->len - run_start > 1)
    qsort (&g_array_index (rows, gint64, run_start), rows->len - run_start,
           sizeof (gint64), compare_rowids_desc);
  return TRUE;
}

static sqlite3_int64
data_version (CommonsStore *self)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "PRAGMA data_version", NULL);
  sqlite3_int64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

void
_commons_store_get_stamp (CommonsStore      *self,
                          CommonsStoreStamp *stamp)
{
  stamp->changes = sqlite3_total_changes64 (self->db);
  stamp->version = data_version (self);
}

gboolean
_commons_store_stamp_equal (const CommonsStoreStamp *a,
                            const CommonsStoreStamp *b)
{
  return a->version >= 0 && a->changes == b->changes && a->version == b->version;
}

/* Forgets what was derived if anything was written since, here or
 * through another connection. */
static void
check_derived (CommonsStore *self)
{
  CommonsStoreStamp now;

  _commons_store_get_stamp (self, &now);
  if (!_commons_store_stamp_equal (&now, &self->derived_stamp))
    {
      g_hash_table_remove_all (self->derived);
      self->derived_stamp = now;
    }
}

#define DERIVED_MAX_UPDATES 32

/* A transaction of this connection changed the records in @changed (id to
 * kind). What was derived is brought up to date by its update function if
 * it has one, or forgotten. Only when nothing else was written since it was
 * derived: not another connection, nor this one outside a transaction. */
static void
update_derived (CommonsStore *self,
                GHashTable   *changed)
{
  g_autoptr(GPtrArray) names = NULL;
  CommonsStoreStamp before, now;
  gboolean forget;

  if (g_hash_table_size (self->derived) == 0)
    return;

  /* What the store was at when this transaction began, had nobody else
   * written: then what was derived can follow this transaction alone. */
  _commons_store_get_stamp (self, &now);
  before.changes = self->changes_at_begin;
  before.version = now.version;
  /* Many records at once (leaving a group, restoring many) are quicker
   * derived again than updated one by one. */
  forget = !_commons_store_stamp_equal (&before, &self->derived_stamp) ||
           g_hash_table_size (changed) > DERIVED_MAX_UPDATES;
  /* Stamped first: an update that reads something derived must not find
   * it stale and forget what is being updated. */
  self->derived_stamp = now;

  if (forget)
    {
      g_hash_table_remove_all (self->derived);
    }
  else
    {
      GHashTableIter names_iter;
      gpointer name;

      /* Copied: an update may add or forget entries. */
      names = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&names_iter, self->derived);
      while (g_hash_table_iter_next (&names_iter, &name, NULL))
        g_ptr_array_add (names, g_strdup (name));
      for (guint i = 0; i < names->len; i++)
        {
          Derived *derived = g_hash_table_lookup (self->derived, g_ptr_array_index (names, i));
          GHashTableIter iter;
          gpointer record, kind;
          gboolean kept;

          if (derived == NULL)
            continue;
          kept = derived->update != NULL;

          g_hash_table_iter_init (&iter, changed);
          while (kept && g_hash_table_iter_next (&iter, &record, &kind))
            kept = derived->update (self, derived->data, record, kind);
          if (!kept)
            g_hash_table_remove (self->derived, g_ptr_array_index (names, i));
        }
    }
}

/**
 * _commons_store_get_derived:
 * @name: what was derived
 *
 * Returns: (transfer none) (nullable): what _commons_store_set_derived()
 *   kept under @name, or %NULL if it was never kept or the store was
 *   written since. Valid until the next call to either.
 */
gpointer
_commons_store_get_derived (CommonsStore *self,
                            const char   *name)
{
  Derived *derived;

  check_derived (self);
  derived = g_hash_table_lookup (self->derived, name);
  return derived != NULL ? derived->data : NULL;
}

/**
 * _commons_store_set_derived:
 * @name: what was derived
 * @data: (transfer full): it, computed from the store as it is now
 * @destroy: frees @data
 * @update: (nullable): brings @data up to date after this connection
 *   changed a record, or says it cannot
 *
 * Keeps @data until anything is written to the store, or with @update,
 * until anything but a transaction of this connection is.
 */
void
_commons_store_set_derived (CommonsStore         *self,
                            const char           *name,
                            gpointer              data,
                            GDestroyNotify        destroy,
                            CommonsDerivedUpdate  update)
{
  Derived *derived = g_new0 (Derived, 1);

  check_derived (self);
  derived->data = data;
  derived->destroy = destroy;
  derived->update = update;
  g_hash_table_insert (self->derived, g_strdup (name), derived);
}

/* The live records of @kind in list order, from the cache when nothing
 * was written since it was made. Owned by the store. */
static GArray *
kind_in_order (CommonsStore  *self,
               const char    *kind,
               GError       **error)
{
  g_autofree char *name = g_strconcat ("order:", kind, NULL);
  GArray *rows = _commons_store_get_derived (self, name);

  if (rows != NULL)
    return rows;

  rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!query_kind_in_order (self, kind, NULL, rows, error))
    {
      g_array_unref (rows);
      return NULL;
    }
  _commons_store_set_derived (self, name, rows, (GDestroyNotify) g_array_unref, NULL);
  return rows;
}

/**
 * commons_store_query_newest:
 * @kind: the kind to list
 * @limit: how many records at most
 *
 * Lists the @limit newest live records of @kind, in the order of
 * commons_store_query(): what a list shows first, without reading the
 * whole index.
 *
 * Returns: (transfer full) (element-type gint64): the records' row ids
 */
GArray *
commons_store_query_newest (CommonsStore  *self,
                            const char    *kind,
                            guint          limit,
                            GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  stmt = _commons_store_prepare (self,
      "SELECT rowid FROM records WHERE kind = ? AND deleted = 0 "
      "ORDER BY updated DESC, rowid DESC LIMIT ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  if (!collect_rowids (self, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Appends to @rows the row ids of @order (a kind's rows, newest first)
 * that are among @hits (sorted, not empty). Hits are marked in a bitmap
 * over their range of row ids, so each row costs one lookup rather than a
 * binary search: for a common word (33,000 hits among 50,000 notes) that
 * took the query from 12–13 ms to 8 on the benchmark machine. Hits spread
 * over a much wider range than their number, as after many deletions, are
 * searched instead. */
void
_commons_store_keep_hits_in_order (GArray *order,
                                   GArray *hits,
                                   GArray *rows)
{
  gint64 first = g_array_index (hits, gint64, 0);
  guint64 range = (guint64) (g_array_index (hits, gint64, hits->len - 1) - first) + 1;
  g_autofree guint32 *marked = NULL;

  if (range / 64 > hits->len)
    {
      for (guint i = 0; i < order->len; i++)
        {
          gint64 rowid = g_array_index (order, gint64, i);

          if (bsearch (&rowid, hits->data, hits->len, sizeof (gint64), compare_rowids) != NULL)
            g_array_append_val (rows, rowid);
        }
      return;
    }

  marked = g_new0 (guint32, range / 32 + 1);
  for (guint i = 0; i < hits->len; i++)
    {
      guint64 bit = (guint64) (g_array_index (hits, gint64, i) - first);

      marked[bit / 32] |= 1u << (bit % 32);
    }
  for (guint i = 0; i < order->len; i++)
    {
      gint64 rowid = g_array_index (order, gint64, i);
      guint64 bit = (guint64) (rowid - first);

      if (rowid >= first && bit < range && (marked[bit / 32] & (1u << (bit % 32))) != 0)
        g_array_append_val (rows, rowid);
    }
}

/**
 * commons_store_query:
 * @kind: (nullable): the kind to list, or %NULL for all
 * @search: (nullable): free text to search for
 *
 * Lists live records, newest first (by their updated time, then by row
 * id, the latest row first).
 *
 * Returns: (transfer full) (element-type gint64): the records' row ids
 */
GArray *
commons_store_query (CommonsStore  *self,
                     const char    *kind,
                     const char    *search,
                     GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) hits = NULL;
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);

  match = commons_store_build_match (search);

  if (match != NULL && kind != NULL)
    {
      /* Search hits come from the index in row id order, ready for
       * bsearch(). */
      hits = g_array_new (FALSE, FALSE, sizeof (gint64));
      stmt = _commons_store_prepare (self,
          "SELECT rowid FROM record_search WHERE record_search MATCH ? ORDER BY rowid", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
      if (!collect_rowids (self, stmt, hits, error))
        return NULL;
      if (hits->len == 0)
        return g_steal_pointer (&rows);
    }

  if (kind != NULL && (hits == NULL || hits->len >= QUERY_FEW_HITS))
    {
      GArray *order = kind_in_order (self, kind, error);

      if (order == NULL)
        return NULL;
      if (hits == NULL)
        g_array_append_vals (rows, order->data, order->len);
      else
        _commons_store_keep_hits_in_order (order, hits, rows);
      return g_steal_pointer (&rows);
    }

  if (match != NULL)
    stmt = _commons_store_prepare (self,
        "SELECT r.rowid FROM record_search s JOIN records r ON r.rowid = s.rowid "
        "WHERE record_search MATCH ?1 AND (?2 IS NULL OR r.kind = ?2) AND r.deleted = 0 "
        "ORDER BY r.updated DESC, r.rowid DESC", error);
  else
    stmt = _commons_store_prepare (self,
        "SELECT rowid FROM records WHERE (?2 IS NULL OR kind = ?2) AND deleted = 0 "
        "ORDER BY updated DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  if (!collect_rowids (self, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * commons_store_list_conflicts:
 * @kind: the record kind
 * @scope: %COMMONS_SCOPE_LOCAL or a group id
 *
 * The live records of @kind in @scope whose heads did not merge, newest
 * first: what the Groups page offers to resolve, read without loading
 * every record's summary.
 *
 * Returns: (transfer full) (element-type gint64): their row ids
 */
GArray *
commons_store_list_conflicts (CommonsStore  *self,
                              const char    *kind,
                              const char    *scope,
                              GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (COMMONS_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  stmt = _commons_store_prepare (self,
      "SELECT rowid FROM records WHERE kind = ? AND scope = ? AND conflict = 1 AND deleted = 0 "
      "ORDER BY updated DESC, rowid DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
  if (!collect_rowids (self, stmt, rows, error))
    return NULL;
  return g_steal_pointer (&rows);
}

guint
commons_store_count_records (CommonsStore *self,
                             const char   *kind)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (self), 0);

  stmt = _commons_store_prepare (self,
      "SELECT count(*) FROM records WHERE (?1 IS NULL OR kind = ?1) AND deleted = 0", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}
