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

#include "commons-revision.h"
#include "commons-sqlite.h"
#include "commons-server-store-private.h"

/* The server's own database: groups, their members and invites, and an
 * append-only log of revisions per group. It shares nothing with the
 * client's schema. Every query that reads group data is bound to the
 * group of the member who asked. */


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
  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_FAILED,
                   "%s already exists", dest);
      return FALSE;
    }
  return commons_sqlite_backup (self->sql, dest, error);
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
  member->group_key = commons_sqlite_last_insert_rowid (self->sql);
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
  if (commons_sqlite_changes (self->sql) == 0)
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
  if (commons_sqlite_changes (self->sql) == 0)
    {
      g_set_error_literal (error, COMMONS_SERVER_STORE_ERROR, COMMONS_SERVER_STORE_ERROR_NOT_FOUND,
                           "No such member");
      return NULL;
    }
  return g_strdup (status);
}

