/* commons-server-store-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "commons-revision.h"
#include "commons-server-store.h"
#include "commons-sqlite.h"

G_BEGIN_DECLS

/* Shared by the server store's two halves: groups, members and invites
 * (commons-server-store.c) and the revision log (commons-server-revisions.c). */
struct _CommonsServerStore
{
  GObject     parent_instance;
  CommonsSqlite *sql;
};

static inline gboolean
set_db_error (CommonsServerStore  *self,
              GError             **error)
{
  return commons_sqlite_set_last_error (self->sql, error);
}

static inline sqlite3_stmt *
prepare (CommonsServerStore  *self,
         const char          *sql,
         GError             **error)
{
  return commons_sqlite_prepare (self->sql, sql, error);
}

static inline gboolean
exec (CommonsServerStore  *self,
      const char          *sql,
      GError             **error)
{
  return commons_sqlite_exec (self->sql, sql, error);
}

static inline gboolean
begin (CommonsServerStore  *self,
       GError             **error)
{
  return commons_sqlite_begin (self->sql, error);
}

static inline gboolean
commit (CommonsServerStore  *self,
        GError             **error)
{
  return commons_sqlite_commit (self->sql, error);
}

static inline void
rollback (CommonsServerStore *self)
{
  commons_sqlite_rollback (self->sql);
}

static inline char *
now_text (void)
{
  return commons_time_now ();
}

static inline gboolean
step_done (CommonsServerStore  *self,
           sqlite3_stmt        *stmt,
           GError             **error)
{
  return commons_sqlite_step_done (self->sql, stmt, error);
}

G_END_DECLS
