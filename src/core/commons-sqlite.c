/* commons-sqlite.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sqlite"

#include "config.h"

#include "commons-sqlite.h"

struct _CommonsSqlite
{
  sqlite3                *db;
  /* Prepared statements by their text. The text is copied: a statement
   * built at run time and freed after its first use must not leave the
   * cache holding freed memory as its key. */
  GHashTable             *statements;
  CommonsSqliteErrorFunc  set_error;
  guint                   in_transaction : 1;
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/**
 * commons_sqlite_open:
 * @path: the database file; created if missing
 * @set_error: turns SQLite's result codes into the caller's errors
 *
 * Opens a connection for one thread at a time (the owner serializes its
 * use), with extended result codes and a busy timeout long enough for
 * another connection's transaction to finish.
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL
 */
CommonsSqlite *
commons_sqlite_open (const char              *path,
                     CommonsSqliteErrorFunc   set_error,
                     GError                 **error)
{
  g_autoptr(CommonsSqlite) self = g_new0 (CommonsSqlite, 1);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (set_error != NULL, NULL);

  self->set_error = set_error;
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      commons_sqlite_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  return g_steal_pointer (&self);
}

void
commons_sqlite_close (CommonsSqlite *self)
{
  if (self == NULL)
    return;
  /* Statements first: a connection with statements left is not closed. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_free (self);
}

/**
 * commons_sqlite_get_handle:
 *
 * For tests that reach into a store as a hostile or broken program
 * would. Code in src/ goes through this layer; it binds and reads the
 * statements the layer prepared with SQLite's own functions.
 *
 * Returns: (transfer none): the connection
 */
sqlite3 *
commons_sqlite_get_handle (CommonsSqlite *self)
{
  return self->db;
}

/**
 * commons_sqlite_set_error:
 *
 * Sets @error from @rc through the owner's function, with the message of
 * the connection's last failure when there is one.
 *
 * Returns: %FALSE
 */
gboolean
commons_sqlite_set_error (CommonsSqlite  *self,
                          int             rc,
                          GError        **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  return self->set_error (rc, detail, error);
}

/**
 * commons_sqlite_prepare:
 * @sql: the statement's text; the cache keeps a copy
 *
 * Returns: (transfer none) (nullable): a cached, reset statement without
 *   bindings
 */
sqlite3_stmt *
commons_sqlite_prepare (CommonsSqlite  *self,
                        const char     *sql,
                        GError        **error)
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
      commons_sqlite_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * commons_sqlite_prepare_once:
 * @sql: a statement built at run time, such as a filter's
 *
 * Returns: (transfer full) (nullable): a statement that is not cached;
 *   the caller finalizes it with sqlite3_finalize()
 */
sqlite3_stmt *
commons_sqlite_prepare_once (CommonsSqlite  *self,
                             const char     *sql,
                             GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      commons_sqlite_set_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

/* How many rows the last INSERT, UPDATE or DELETE changed. */
gint64
commons_sqlite_changes (CommonsSqlite *self)
{
  return sqlite3_changes64 (self->db);
}

gint64
commons_sqlite_last_insert_rowid (CommonsSqlite *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

/**
 * commons_sqlite_set_last_error:
 *
 * Sets @error from the connection's last failure, for a step that failed
 * after its result code was dropped.
 *
 * Returns: %FALSE
 */
gboolean
commons_sqlite_set_last_error (CommonsSqlite  *self,
                               GError        **error)
{
  return commons_sqlite_set_error (self, sqlite3_errcode (self->db), error);
}

/**
 * commons_sqlite_backup:
 * @dest: a file that does not exist yet
 *
 * Copies the database with SQLite's online backup API, a few pages at a
 * time: writers on this connection's file go on meanwhile, and the copy
 * is one consistent snapshot.
 */
gboolean
commons_sqlite_backup (CommonsSqlite  *self,
                       const char     *dest,
                       GError        **error)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup_printf ("cannot create %s: %s", dest,
                                                 out != NULL ? sqlite3_errmsg (out) : sqlite3_errstr (rc));

      sqlite3_close (out);
      return self->set_error (rc, detail, error);
    }
  backup = sqlite3_backup_init (out, "main", self->db, "main");
  if (backup == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("backup failed: %s", sqlite3_errmsg (out));

      rc = sqlite3_errcode (out);
      sqlite3_close (out);
      return self->set_error (rc, detail, error);
    }
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      g_autofree char *detail = g_strdup_printf ("backup failed: %s", sqlite3_errstr (rc));

      sqlite3_close (out);
      return self->set_error (rc, detail, error);
    }
  rc = sqlite3_close (out);
  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup_printf ("cannot finish %s", dest);

      return self->set_error (rc, detail, error);
    }
  return TRUE;
}

gboolean
commons_sqlite_exec (CommonsSqlite  *self,
                     const char     *sql,
                     GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return commons_sqlite_set_error (self, rc, error);
  return TRUE;
}

/**
 * commons_sqlite_step_done:
 *
 * Steps a statement that returns no rows, and resets it: a statement left
 * on a row would keep a read transaction open, and in WAL mode this
 * connection's next write would fail once another connection wrote.
 */
gboolean
commons_sqlite_step_done (CommonsSqlite  *self,
                          sqlite3_stmt   *stmt,
                          GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return commons_sqlite_set_error (self, rc, error);
  return TRUE;
}

/**
 * commons_sqlite_get_user_version:
 *
 * Reading the version is the first read of a file: one that is not a
 * database fails here, without having been written.
 *
 * Returns: the schema version, or -1 with @error set
 */
int
commons_sqlite_get_user_version (CommonsSqlite  *self,
                                 GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    commons_sqlite_set_error (self, rc, error);
  return version;
}

/* Writers take the write lock at once: a deferred transaction that reads
 * first could find, when it writes, that another connection wrote in
 * between, and fail with SQLITE_BUSY where waiting would have done. */
gboolean
commons_sqlite_begin (CommonsSqlite  *self,
                      GError        **error)
{
  g_assert (!self->in_transaction);

  if (!commons_sqlite_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

/* A failed commit is rolled back, so the connection is always left
 * outside a transaction. */
gboolean
commons_sqlite_commit (CommonsSqlite  *self,
                       GError        **error)
{
  g_assert (self->in_transaction);

  if (!commons_sqlite_exec (self, "COMMIT", error))
    {
      commons_sqlite_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
commons_sqlite_rollback (CommonsSqlite *self)
{
  if (!self->in_transaction)
    return;
  /* SQLite may have rolled back already (a full disk does); then there
   * is nothing left to undo. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
commons_sqlite_in_transaction (CommonsSqlite *self)
{
  return self->in_transaction;
}

sqlite3_int64
commons_sqlite_total_changes (CommonsSqlite *self)
{
  return sqlite3_total_changes64 (self->db);
}
