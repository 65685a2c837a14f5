/* commons-server-store.c
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
#include "commons-server-store.h"
#include "commons-server-validate.h"

/* The server's own database: groups, their members and invites, and an
 * append-only log of revisions per group. It shares nothing with the
 * client's schema. Every query that reads group data is bound to the
 * group of the member who asked. */

struct _CommonsServerStore
{
  GObject     parent_instance;
  CommonsSqlite *sql;
};

G_DEFINE_FINAL_TYPE (CommonsServerStore, commons_server_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (commons-server-store-error-quark, commons_server_store_error)

#define SCHEMA_VERSION 2

static const char schema_sql[] =
  "CREATE TABLE groups ("
  "  key INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  name TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  last_seq INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE members ("
  "  id TEXT PRIMARY KEY,"
  "  group_key INTEGER NOT NULL REFERENCES groups (key),"
  "  person TEXT NOT NULL,"
  "  display_name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('organizer', 'member')),"
  "  token_hash BLOB NOT NULL UNIQUE,"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'left')),"
  "  joined TEXT NOT NULL);"
  "CREATE INDEX members_by_person ON members (group_key, person);"
  "CREATE TABLE invites ("
  "  id TEXT PRIMARY KEY,"
  "  group_key INTEGER NOT NULL REFERENCES groups (key),"
  "  code_hash BLOB NOT NULL UNIQUE,"
  "  created_by TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  expires INTEGER NOT NULL,"
  "  uses_left INTEGER NOT NULL,"
  "  revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX invites_by_group ON invites (group_key);"
  "CREATE TABLE revisions ("
  "  group_key INTEGER NOT NULL REFERENCES groups (key),"
  "  seq INTEGER NOT NULL,"
  "  id TEXT NOT NULL,"
  "  body TEXT NOT NULL,"
  "  pushed_by TEXT NOT NULL,"
  "  received TEXT NOT NULL,"
  "  UNIQUE (group_key, seq),"
  "  UNIQUE (group_key, id));"
  "CREATE TABLE admin_tokens ("
  "  token_hash BLOB PRIMARY KEY,"
  "  created TEXT NOT NULL);";

/* Keys (DESIGN.md, "Identity" and "Two checks"): a member's key, and what
 * the envelope checks need of every revision without reading its fields:
 * its record, kind, author and signature. */
static const char migration_2[] =
  "ALTER TABLE members ADD COLUMN key TEXT;"
  "ALTER TABLE revisions ADD COLUMN record TEXT;"
  "ALTER TABLE revisions ADD COLUMN kind TEXT;"
  "ALTER TABLE revisions ADD COLUMN author TEXT;"
  "ALTER TABLE revisions ADD COLUMN signature TEXT;"
  "UPDATE revisions SET record = json_extract (body, '$.record'),"
  "  kind = json_extract (body, '$.kind'), author = json_extract (body, '$.author');"
  "CREATE INDEX revisions_by_record ON revisions (group_key, record, seq);"
  "PRAGMA user_version = 2;";

void
commons_server_member_free (CommonsServerMember *member)
{
  if (member == NULL)
    return;
  g_free (member->group);
  g_free (member->member);
  g_free (member->person);
  g_free (member->key);
  g_free (member);
}

static void
commons_server_store_finalize (GObject *object)
{
  CommonsServerStore *self = (CommonsServerStore *)object;

  g_clear_pointer (&self->sql, commons_sqlite_close);

  G_OBJECT_CLASS (commons_server_store_parent_class)->finalize (object);
}

static void
commons_server_store_class_init (CommonsServerStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_server_store_finalize;
}

static void
commons_server_store_init (CommonsServerStore *self)
{
}

static gboolean
server_error (int          rc,
              const char  *detail,
              GError     **error)
{
  g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
               "Database error: %s", detail);
  return FALSE;
}

static gboolean
set_db_error (CommonsServerStore  *self,
              GError             **error)
{
  return commons_sqlite_set_error (self->sql, sqlite3_errcode (commons_sqlite_get_handle (self->sql)),
                                   error);
}

static sqlite3_stmt *
prepare (CommonsServerStore  *self,
         const char          *sql,
         GError             **error)
{
  return commons_sqlite_prepare (self->sql, sql, error);
}

static gboolean
exec (CommonsServerStore  *self,
      const char          *sql,
      GError             **error)
{
  return commons_sqlite_exec (self->sql, sql, error);
}

static gboolean
begin (CommonsServerStore  *self,
       GError             **error)
{
  return commons_sqlite_begin (self->sql, error);
}

static gboolean
commit (CommonsServerStore  *self,
        GError             **error)
{
  return commons_sqlite_commit (self->sql, error);
}

static void
rollback (CommonsServerStore *self)
{
  commons_sqlite_rollback (self->sql);
}

static char *
now_text (void)
{
  return commons_time_now ();
}

static gboolean
step_done (CommonsServerStore  *self,
           sqlite3_stmt        *stmt,
           GError             **error)
{
  return commons_sqlite_step_done (self->sql, stmt, error);
}

CommonsServerStore *
commons_server_store_open (const char  *path,
                           GError     **error)
{
  g_autoptr(CommonsServerStore) self = g_object_new (COMMONS_TYPE_SERVER_STORE, NULL);
  g_autoptr(GError) local_error = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self->sql = commons_sqlite_open (path, server_error, &local_error);
  if (self->sql == NULL)
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "Cannot open %s: %s", path, local_error->message);
      return NULL;
    }

  /* WAL with synchronous=FULL: a push is answered only once its commit
   * has reached the disk, so an acknowledged revision survives power
   * loss. */
  if (!exec (self, "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = FULL;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA trusted_schema = OFF;", error))
    return NULL;

  version = commons_sqlite_get_user_version (self->sql, error);
  if (version < 0)
    return NULL;

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "The database was written by a newer commons-server (schema %d)", version);
      return NULL;
    }
  if (version < 1)
    {
      g_autofree char *sql = g_strdup_printf ("%sPRAGMA user_version = 1;", schema_sql);

      if (!begin (self, error))
        return NULL;
      if (!exec (self, sql, error))
        {
          rollback (self);
          return NULL;
        }
      if (!commit (self, error))
        return NULL;
    }
  /* Later schema versions migrate here, one step at a time, each in its
   * own transaction. */
  if (version < 2)
    {
      if (!begin (self, error))
        return NULL;
      if (!exec (self, migration_2, error))
        {
          rollback (self);
          return NULL;
        }
      if (!commit (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * commons_server_store_backup:
 * @dest: a file that must not exist yet
 *
 * Copies the database with SQLite's online backup API: the server keeps
 * answering while it runs, and the copy is one consistent snapshot.
 */
gboolean
commons_server_store_backup (CommonsServerStore  *self,
                             const char          *dest,
                             GError             **error)
{
  sqlite3 *out = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "%s already exists", dest);
      return FALSE;
    }
  if (sqlite3_open_v2 (dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "Cannot create %s: %s", dest, out ? sqlite3_errmsg (out) : "out of memory");
      sqlite3_close (out);
      return FALSE;
    }
  backup = sqlite3_backup_init (out, "main", commons_sqlite_get_handle (self->sql), "main");
  if (backup == NULL)
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "Backup failed: %s", sqlite3_errmsg (out));
      sqlite3_close (out);
      return FALSE;
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
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "Backup failed: %s", sqlite3_errstr (rc));
      sqlite3_close (out);
      return FALSE;
    }
  if (sqlite3_close (out) != SQLITE_OK)
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "Cannot finish %s", dest);
      return FALSE;
    }
  return TRUE;
}

gboolean
commons_server_store_add_admin_token (CommonsServerStore  *self,
                                      const guint8        *token_hash,
                                      GError             **error)
{
  sqlite3_stmt *stmt = prepare (self, "INSERT INTO admin_tokens (token_hash, created) VALUES (?, ?)", error);
  g_autofree char *now = now_text ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, token_hash, COMMONS_SECRET_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/* The lookup is by digest, so its timing says nothing about the token;
 * the final comparison is constant-time all the same. */
static gboolean
hash_equal (const void *a,
            int         a_len,
            const guint8 *b)
{
  const guint8 *x = a;
  guint8 diff = 0;

  if (a == NULL || a_len != COMMONS_SECRET_HASH_SIZE)
    return FALSE;
  for (int i = 0; i < COMMONS_SECRET_HASH_SIZE; i++)
    diff |= x[i] ^ b[i];
  return diff == 0;
}

gboolean
commons_server_store_is_admin_token (CommonsServerStore *self,
                                     const guint8       *token_hash)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT token_hash FROM admin_tokens WHERE token_hash = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, token_hash, COMMONS_SECRET_HASH_SIZE, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = hash_equal (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), token_hash);
  sqlite3_reset (stmt);
  return found;
}

static gboolean
insert_member (CommonsServerStore  *self,
               gint64               group_key,
               const char          *member,
               const char          *person,
               const char          *display_name,
               const char          *role,
               const guint8        *token_hash,
               GError             **error)
{
  sqlite3_stmt *stmt = prepare (self,
      "INSERT INTO members (id, group_key, person, display_name, role, token_hash, joined, key) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?3)", error);
  g_autofree char *now = now_text ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, member, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, group_key);
  sqlite3_bind_text (stmt, 3, person, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, display_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, role, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 6, token_hash, COMMONS_SECRET_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_STATIC);
  return step_done (self, stmt, error);
}

CommonsServerMember *
commons_server_store_create_group (CommonsServerStore  *self,
                                   const char          *name,
                                   const char          *display_name,
                                   const char          *person,
                                   const guint8        *token_hash,
                                   GError             **error)
{
  g_autoptr(CommonsServerMember) member = g_new0 (CommonsServerMember, 1);
  g_autofree char *now = now_text ();
  sqlite3_stmt *stmt;

  member->group = g_uuid_string_random ();
  member->member = g_uuid_string_random ();
  member->person = g_strdup (person);
  member->key = g_strdup (person);
  member->organizer = TRUE;

  if (!begin (self, error))
    return NULL;
  stmt = prepare (self, "INSERT INTO groups (id, name, created) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, member->group, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;
  member->group_key = sqlite3_last_insert_rowid (commons_sqlite_get_handle (self->sql));
  if (!insert_member (self, member->group_key, member->member, person, display_name,
                      "organizer", token_hash, error))
    goto fail;
  if (!commit (self, error))
    return NULL;
  return g_steal_pointer (&member);

fail:
  rollback (self);
  return NULL;
}

CommonsServerMember *
commons_server_store_join (CommonsServerStore  *self,
                           const guint8        *code_hash,
                           const char          *display_name,
                           const char          *person,
                           const guint8        *token_hash,
                           GError             **error)
{
  g_autoptr(CommonsServerMember) member = g_new0 (CommonsServerMember, 1);
  sqlite3_stmt *stmt;
  g_autofree char *invite = NULL;
  int rc;

  if (!begin (self, error))
    return NULL;
  stmt = prepare (self,
      "SELECT i.id, i.group_key, g.id, i.code_hash FROM invites i JOIN groups g ON g.key = i.group_key "
      "WHERE i.code_hash = ? AND i.revoked = 0 AND i.uses_left > 0 AND i.expires > ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_blob (stmt, 1, code_hash, COMMONS_SECRET_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW &&
      hash_equal (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3), code_hash))
    {
      invite = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      member->group_key = sqlite3_column_int64 (stmt, 1);
      member->group = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      goto fail;
    }
  if (invite == NULL)
    {
      g_set_error_literal (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_INVALID_CODE,
                           "The invite code is not valid, has expired or is used up");
      goto fail;
    }

  stmt = prepare (self, "UPDATE invites SET uses_left = uses_left - 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, invite, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    goto fail;

  member->member = g_uuid_string_random ();
  member->person = g_strdup (person);
  member->key = g_strdup (person);
  if (!insert_member (self, member->group_key, member->member, person, display_name,
                      "member", token_hash, error))
    goto fail;
  if (!commit (self, error))
    return NULL;
  return g_steal_pointer (&member);

fail:
  rollback (self);
  return NULL;
}

/**
 * commons_server_store_bind_key:
 * @key: a key whose possession the caller proved
 *
 * Names the key of a member who joined before keys. Once named it never
 * changes: naming the same key again is harmless, another one is refused.
 */
gboolean
commons_server_store_bind_key (CommonsServerStore   *self,
                               CommonsServerMember  *member,
                               const char           *key,
                               GError              **error)
{
  sqlite3_stmt *stmt;

  if (member->key != NULL)
    {
      if (g_str_equal (member->key, key))
        return TRUE;
      g_set_error_literal (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_CONFLICT,
                           "This member already has another key");
      return FALSE;
    }
  stmt = prepare (self, "UPDATE members SET key = ? WHERE id = ? AND key IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, member->member, -1, SQLITE_STATIC);
  if (!step_done (self, stmt, error))
    return FALSE;
  member->key = g_strdup (key);
  return TRUE;
}

CommonsServerMember *
commons_server_store_authenticate (CommonsServerStore *self,
                                   const guint8       *token_hash)
{
  sqlite3_stmt *stmt = prepare (self,
      "SELECT m.id, m.group_key, g.id, m.person, m.role, m.token_hash, m.key FROM members m "
      "JOIN groups g ON g.key = m.group_key WHERE m.token_hash = ? AND m.status = 'active'", NULL);
  CommonsServerMember *member = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, token_hash, COMMONS_SECRET_HASH_SIZE, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      hash_equal (sqlite3_column_blob (stmt, 5), sqlite3_column_bytes (stmt, 5), token_hash))
    {
      member = g_new0 (CommonsServerMember, 1);
      member->member = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      member->group_key = sqlite3_column_int64 (stmt, 1);
      member->group = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      member->person = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      member->organizer = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "organizer") == 0;
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        member->key = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
    }
  sqlite3_reset (stmt);
  return member;
}

char *
commons_server_store_get_group_name (CommonsServerStore *self,
                                     gint64              group_key)
{
  sqlite3_stmt *stmt = prepare (self, "SELECT name FROM groups WHERE key = ?", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return name;
}

char *
commons_server_store_create_invite (CommonsServerStore   *self,
                                    CommonsServerMember  *member,
                                    const guint8         *code_hash,
                                    gint64                uses,
                                    gint64                expires,
                                    GError              **error)
{
  sqlite3_stmt *stmt = prepare (self,
      "INSERT INTO invites (id, group_key, code_hash, created_by, created, expires, uses_left) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = now_text ();

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, member->group_key);
  sqlite3_bind_blob (stmt, 3, code_hash, COMMONS_SECRET_HASH_SIZE, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, member->member, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, expires);
  sqlite3_bind_int64 (stmt, 7, uses);
  if (!step_done (self, stmt, error))
    return NULL;
  return g_steal_pointer (&id);
}

static char *
unix_to_text (gint64 seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (seconds);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

JsonNode *
commons_server_store_list_invites (CommonsServerStore  *self,
                                   gint64               group_key,
                                   GError             **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt = prepare (self,
      "SELECT id, created_by, created, expires, uses_left, revoked FROM invites "
      "WHERE group_key = ? ORDER BY created, id", error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, group_key);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "invites");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 expires = sqlite3_column_int64 (stmt, 3);
      gint64 uses = sqlite3_column_int64 (stmt, 4);
      gboolean revoked = sqlite3_column_int (stmt, 5) != 0;
      g_autofree char *expires_text = unix_to_text (expires);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_set_member_name (builder, "created_by");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
      json_builder_set_member_name (builder, "expires");
      json_builder_add_string_value (builder, expires_text);
      json_builder_set_member_name (builder, "uses_left");
      json_builder_add_int_value (builder, uses);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, revoked ? "revoked" :
                                              expires <= now ? "expired" :
                                              uses <= 0 ? "used" : "active");
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
commons_server_store_revoke_invite (CommonsServerStore  *self,
                                    gint64               group_key,
                                    const char          *invite,
                                    GError             **error)
{
  sqlite3_stmt *stmt = prepare (self, "UPDATE invites SET revoked = 1 WHERE id = ? AND group_key = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, invite, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, group_key);
  if (!step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (commons_sqlite_get_handle (self->sql)) == 0)
    {
      g_set_error_literal (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_NOT_FOUND,
                           "No such invite");
      return FALSE;
    }
  return TRUE;
}

JsonNode *
commons_server_store_group_info (CommonsServerStore   *self,
                                 CommonsServerMember  *member,
                                 GError              **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (self, "SELECT id, name, created, last_seq FROM groups WHERE key = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member->group_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      set_db_error (self, error);
      return NULL;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
  json_builder_set_member_name (builder, "last_seq");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 3));
  json_builder_end_object (builder);
  sqlite3_reset (stmt);

  json_builder_set_member_name (builder, "you");
  json_builder_add_string_value (builder, member->member);

  stmt = prepare (self,
      "SELECT id, person, display_name, role, status, joined FROM members "
      "WHERE group_key = ? ORDER BY joined, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member->group_key);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      static const char *names[] = { "id", "person", "display_name", "role", "status", "joined" };

      json_builder_begin_object (builder);
      for (int c = 0; c < 6; c++)
        {
          json_builder_set_member_name (builder, names[c]);
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, c));
        }
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error);
      return NULL;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * commons_server_store_remove_member:
 * @caller: who asks
 * @member: the member to remove: the caller themselves (leave), or
 *   anyone in the group if the caller is an organizer (revoke)
 *
 * Returns: (transfer full): the member's new status, "left" or "revoked"
 */
char *
commons_server_store_remove_member (CommonsServerStore   *self,
                                    CommonsServerMember  *caller,
                                    const char           *member,
                                    GError              **error)
{
  gboolean leaving = g_strcmp0 (caller->member, member) == 0;
  const char *status = leaving ? "left" : "revoked";
  sqlite3_stmt *stmt;

  if (!leaving && !caller->organizer)
    {
      g_set_error_literal (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FORBIDDEN,
                           "Only an organizer can remove another member");
      return NULL;
    }
  stmt = prepare (self,
      "UPDATE members SET status = ? WHERE id = ? AND group_key = ? AND status = 'active'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, member, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, caller->group_key);
  if (!step_done (self, stmt, error))
    return NULL;
  if (sqlite3_changes (commons_sqlite_get_handle (self->sql)) == 0)
    {
      g_set_error_literal (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_NOT_FOUND,
                           "No such member");
      return NULL;
    }
  return g_strdup (status);
}

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
  GHashTableIter iter;
  gpointer value;
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

  g_hash_table_iter_init (&iter, lookup->batch);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (commons_revision_get_record (value), record))
      return g_strdup (commons_revision_get_kind (value));
  return NULL;
}

/* The author of the first revision the group holds of a record, or one
 * earlier in this batch with no parents; NULL if neither. */
static char *
record_creator (Lookup     *lookup,
                const char *record)
{
  GHashTableIter iter;
  gpointer value;
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

  g_hash_table_iter_init (&iter, lookup->batch);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (commons_revision_get_record (value), record) &&
        commons_revision_get_parents (value)[0] == NULL)
      return g_strdup (commons_revision_get_author (value));
  return NULL;
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
  g_autofree char *now = now_text ();
  Lookup lookup = { self, member->group_key, batch };
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
