/* commons-sqlite.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The one SQLite layer under the client store and the server store: a
 * connection, its cache of prepared statements, transactions, and SQLite's
 * result codes turned into a GError by whoever owns the connection. */
typedef struct _CommonsSqlite CommonsSqlite;

/* Fills @error from @rc (and the connection's message, @detail) in the
 * owner's own error domain, and returns FALSE. */
typedef gboolean (*CommonsSqliteErrorFunc) (int          rc,
                                            const char  *detail,
                                            GError     **error);

CommonsSqlite *commons_sqlite_open             (const char              *path,
                                                CommonsSqliteErrorFunc   set_error,
                                                GError                 **error);
void           commons_sqlite_close            (CommonsSqlite           *self);
sqlite3       *commons_sqlite_get_handle       (CommonsSqlite           *self);
gboolean       commons_sqlite_set_error        (CommonsSqlite           *self,
                                                int                      rc,
                                                GError                 **error);
sqlite3_stmt  *commons_sqlite_prepare          (CommonsSqlite           *self,
                                                const char              *sql,
                                                GError                 **error);
sqlite3_stmt  *commons_sqlite_prepare_once     (CommonsSqlite           *self,
                                                const char              *sql,
                                                GError                 **error);
gint64         commons_sqlite_changes          (CommonsSqlite           *self);
gint64         commons_sqlite_last_insert_rowid (CommonsSqlite          *self);
gboolean       commons_sqlite_set_last_error   (CommonsSqlite           *self,
                                                GError                 **error);
gboolean       commons_sqlite_backup           (CommonsSqlite           *self,
                                                const char              *dest,
                                                GError                 **error);
gboolean       commons_sqlite_exec             (CommonsSqlite           *self,
                                                const char              *sql,
                                                GError                 **error);
gboolean       commons_sqlite_step_done        (CommonsSqlite           *self,
                                                sqlite3_stmt            *stmt,
                                                GError                 **error);
int            commons_sqlite_get_user_version (CommonsSqlite           *self,
                                                GError                 **error);
gboolean       commons_sqlite_begin            (CommonsSqlite           *self,
                                                GError                 **error);
gboolean       commons_sqlite_commit           (CommonsSqlite           *self,
                                                GError                 **error);
void           commons_sqlite_rollback         (CommonsSqlite           *self);
gboolean       commons_sqlite_in_transaction   (CommonsSqlite           *self);
sqlite3_int64  commons_sqlite_total_changes    (CommonsSqlite           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsSqlite, commons_sqlite_close)

G_END_DECLS
