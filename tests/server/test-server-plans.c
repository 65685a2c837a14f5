/* test-server-plans.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queries every push and pull runs on the server stay on the indexes
 * made for them, before and after ANALYZE has seen a group with a long
 * history: no statistics may turn a push into a scan of the log.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <sqlite3.h>

#include "../core/core-fixture.h"
#include "commons-server-store.h"
#include "server-test-common.h"

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A group with a long history (many revisions, most records edited a few
 * times) beside a small one, written as the server writes them. */
static void
fill (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  exec (db, "BEGIN;"
            "INSERT INTO groups (key, id, name, created, last_seq) VALUES "
            "  (1, 'big', 'Big', '2026-01-01', 6000), (2, 'small', 'Small', '2026-01-01', 10);");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
      "INSERT INTO revisions (group_key, seq, id, body, pushed_by, received, record, kind, author, signature) "
      "VALUES (?, ?, ?, '{}', 'm', '2026-01-01', ?, 'plan', 'a', NULL)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 1; i <= 6010; i++)
    {
      gint64 group = i <= 6000 ? 1 : 2;
      g_autofree char *id = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) &i, sizeof i);
      g_autofree char *record = g_strdup_printf ("record-%u", i % 1500);

      sqlite3_bind_int64 (stmt, 1, group);
      sqlite3_bind_int64 (stmt, 2, group == 1 ? i : i - 6000);
      sqlite3_bind_text (stmt, 3, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, record, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec (db, "COMMIT;");
}

static void
test_query_plans (void)
{
  static const struct
  {
    const char *sql;
    const char *index;
  } queries[] = {
    { COMMONS_SERVER_SQL_HELD_SEQ, "USING INDEX sqlite_autoindex_revisions_2 (group_key=? AND id=?)" },
    { COMMONS_SERVER_SQL_HELD_RECORD, "USING INDEX sqlite_autoindex_revisions_2 (group_key=? AND id=?)" },
    { COMMONS_SERVER_SQL_REVISION_BODY, "USING INDEX sqlite_autoindex_revisions_2 (group_key=? AND id=?)" },
    { COMMONS_SERVER_SQL_RECORD_KIND, "USING INDEX revisions_by_record (group_key=? AND record=?)" },
    { COMMONS_SERVER_SQL_RECORD_CREATOR, "USING INDEX revisions_by_record (group_key=? AND record=?)" },
    { COMMONS_SERVER_SQL_PULL, "USING INDEX sqlite_autoindex_revisions_1 (group_key=? AND seq>?)" },
    { COMMONS_SERVER_SQL_DIGEST, "USING INDEX sqlite_autoindex_revisions_1 (group_key=? AND seq<?)" },
  };
  TestServer server;
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;

  /* The server makes its schema, then leaves the file to the test. */
  test_server_start (&server, NULL);
  test_server_kill (&server, SIGTERM);
  path = g_build_filename (server.data_dir, "commons-server.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  fill (db);

  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        {
          g_autofree char *plan = core_fixture_query_plan (db, queries[i].sql);

          if (strstr (plan, queries[i].index) == NULL || strstr (plan, "TEMP B-TREE") != NULL)
            g_error ("%s: planned as\n%s(%s)", queries[i].sql, plan,
                     round == 0 ? "before ANALYZE" : "after ANALYZE");
        }
      exec (db, "ANALYZE;");
    }

  sqlite3_close (db);
  test_server_free (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/query-plans", test_query_plans);
  return g_test_run ();
}
