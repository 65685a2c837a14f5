/* commons-store.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-credentials.h"
#include "commons-identity.h"
#include "commons-store-private.h"

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
commons_store_finalize (GObject *object)
{
  CommonsStore *self = (CommonsStore *)object;

  g_clear_pointer (&self->changed, g_hash_table_unref);
  g_clear_pointer (&self->recent, g_hash_table_unref);
  g_clear_pointer (&self->fresh, g_hash_table_unref);
  g_clear_pointer (&self->search_pending, g_hash_table_unref);
  g_clear_pointer (&self->derived, g_hash_table_unref);
  g_clear_pointer (&self->sql, commons_sqlite_close);
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
revision_unref_nullable (gpointer revision)
{
  if (revision != NULL)
    commons_revision_unref (revision);
}

static void
commons_store_init (CommonsStore *self)
{
  self->quiet_interval = COMMONS_STORE_DEFAULT_QUIET_INTERVAL;
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->recent = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) commons_revision_unref);
  self->fresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, revision_unref_nullable);
  self->search_pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                (GDestroyNotify) _commons_store_search_entry_free);
  self->derived = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _commons_store_derived_free);
}

/* SQLite result codes, in the words a person reads. */
static gboolean
store_error (int          rc,
             const char  *detail,
             GError     **error)
{
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

gboolean
_commons_store_set_error (CommonsStore  *self,
                          int            rc,
                          GError       **error)
{
  if (self != NULL && self->sql != NULL)
    return commons_sqlite_set_error (self->sql, rc, error);
  return store_error (rc, sqlite3_errstr (rc), error);
}

/* For tests only, which reach into the database as a broken or hostile
 * program would; the store itself goes through its SQLite layer. */
sqlite3 *
_commons_store_get_db (CommonsStore *self)
{
  return commons_sqlite_get_handle (self->sql);
}

/* How many rows the store's last INSERT, UPDATE or DELETE changed. */
gint64
_commons_store_changes (CommonsStore *self)
{
  return commons_sqlite_changes (self->sql);
}

/**
 * _commons_store_prepare:
 *
 * Returns: (transfer none): a cached, reset statement for @sql (the cache
 *   keeps a copy of the text)
 */
sqlite3_stmt *
_commons_store_prepare (CommonsStore  *self,
                        const char    *sql,
                        GError       **error)
{
  return commons_sqlite_prepare (self->sql, sql, error);
}

static gboolean
exec (CommonsStore  *self,
      const char    *sql,
      GError       **error)
{
  return commons_sqlite_exec (self->sql, sql, error);
}

/* Steps a statement that writes (or returns a row that nobody reads), and
 * resets it. */
gboolean
_commons_store_step_done (CommonsStore  *self,
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
_commons_store_begin (CommonsStore  *self,
                      GError       **error)
{
  if (!commons_sqlite_begin (self->sql, error))
    return FALSE;
  self->changes_at_begin = commons_sqlite_total_changes (self->sql);
  return TRUE;
}

gboolean
_commons_store_commit (CommonsStore  *self,
                       GError       **error)
{
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GHashTable) changed = NULL;

  g_assert (commons_sqlite_in_transaction (self->sql));

  if (!_commons_store_flush_search (self, error))
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  if (!commons_sqlite_commit (self->sql, error))
    {
      /* The layer rolled back; what the transaction left here goes too. */
      _commons_store_rollback (self);
      return FALSE;
    }
  g_hash_table_remove_all (self->recent);
  g_hash_table_remove_all (self->fresh);

  changed = g_steal_pointer (&self->changed);
  self->changed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Before anyone hears of the change and asks again. */
  _commons_store_update_derived (self, changed);
  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_signal_emit (self, signals[RECORD_CHANGED], 0, key, value);

  return TRUE;
}

void
_commons_store_rollback (CommonsStore *self)
{
  commons_sqlite_rollback (self->sql);
  g_hash_table_remove_all (self->changed);
  g_hash_table_remove_all (self->recent);
  g_hash_table_remove_all (self->fresh);
  g_hash_table_remove_all (self->search_pending);
}

static gboolean
migrate (CommonsStore  *self,
         int            target,
         GError       **error)
{
  const CommonsMigration *steps;
  guint n_steps;
  int version;

  version = commons_sqlite_get_user_version (self->sql, error);
  if (version < 0)
    return FALSE;
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
      if (commons_sqlite_get_user_version (self->sql, NULL) >= steps[i].version)
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

  g_return_val_if_fail (path != NULL, NULL);

  /* The header is checked by the first connection only: another one in
   * this process already found it good, and opening the file again
   * would drop that connection's locks (see path_hold()). */
  if (!path_hold (path, error))
    return NULL;

  self = g_object_new (COMMONS_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  self->sql = commons_sqlite_open (path, store_error, error);
  if (self->sql == NULL)
    return NULL;

  if (!migrate (self, version, error))
    return NULL;

  /* WAL lets readers on other connections go on while a sync writes;
   * synchronous=FULL makes every committed note survive a power cut. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      !exec (self, g_getenv ("WALCK") ? g_getenv ("WALCK") : "PRAGMA wal_autocheckpoint = 1000", error) ||
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

