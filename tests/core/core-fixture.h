/* core-fixture.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "commons-store.h"

/* What the core tests share: a scratch folder per test, stores opened in
 * it, and a teardown that fails the test if anything still holds a store
 * (a leaked reference would keep its connection and file locks). */

static inline char *
core_fixture_make_dir (const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* A store in @dir; with @quiet, every save is a revision of its own, so
 * history is predictable. */
static inline CommonsStore *
core_fixture_open_store (const char *dir,
                         const char *name,
                         gboolean    quiet)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CommonsStore *store = commons_store_open (path, &error);

  g_assert_no_error (error);
  if (quiet)
    commons_store_set_quiet_interval (store, 0);
  return store;
}

/* Drops the fixture's reference to *@store and checks it was the last.
 * A task run in a thread (commons_plan_query_warm_async()) may still hold
 * one for a moment after its callback ran: GTask lets go of it in the
 * worker, after scheduling the callback. That is waited for, briefly;
 * a reference kept for good still fails. */
static inline void
core_fixture_close_store (CommonsStore **store)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  if (*store == NULL)
    return;
  while (g_atomic_int_get (&G_OBJECT (*store)->ref_count) > 1 && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  g_assert_finalize_object (g_steal_pointer (store));
}

/* Removes @dir and the files in it (a store, its WAL, exported files). */
static inline void
core_fixture_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

/* The plan SQLite picks for @sql on @db, one detail per line: what the
 * client's and the server's query-plan tests compare with their indexes. */
static inline char *
core_fixture_query_plan (sqlite3    *db,
                         const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (plan, (const char *) sqlite3_column_text (stmt, 3));
      g_string_append_c (plan, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&plan), FALSE);
}
