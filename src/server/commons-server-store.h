/* commons-server-store.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define COMMONS_SERVER_STORE_ERROR (commons_server_store_error_quark ())

typedef enum
{
  COMMONS_SERVER_STORE_ERROR_FAILED,
  COMMONS_SERVER_STORE_ERROR_NOT_FOUND,
  COMMONS_SERVER_STORE_ERROR_INVALID_CODE,
  COMMONS_SERVER_STORE_ERROR_FORBIDDEN,
  COMMONS_SERVER_STORE_ERROR_CONFLICT,
} CommonsServerStoreError;

/* A SHA-256 digest: how tokens and codes are kept. */
#define COMMONS_SECRET_HASH_SIZE 32

typedef struct
{
  gint64  group_key;
  char   *group;
  char   *member;
  char   *person;
  /* The member's key: the same as person for members who joined with
   * one; NULL for a member from before keys until they name it. */
  char   *key;
  gboolean organizer;
} CommonsServerMember;

void commons_server_member_free (CommonsServerMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsServerMember, commons_server_member_free)

#define COMMONS_TYPE_SERVER_STORE (commons_server_store_get_type ())

/* Queries every push and pull runs, here so that test-server-plans can
 * check that they stay on the indexes made for them, whatever ANALYZE
 * learns of a group with a long history. */
#define COMMONS_SERVER_SQL_HELD_SEQ \
  "SELECT seq FROM revisions WHERE group_key = ? AND id = ?"
#define COMMONS_SERVER_SQL_HELD_RECORD \
  "SELECT record, kind FROM revisions WHERE group_key = ? AND id = ?"
#define COMMONS_SERVER_SQL_REVISION_BODY \
  "SELECT body FROM revisions WHERE group_key = ? AND id = ?"
#define COMMONS_SERVER_SQL_RECORD_KIND \
  "SELECT kind FROM revisions WHERE group_key = ? AND record = ? ORDER BY seq LIMIT 1"
#define COMMONS_SERVER_SQL_RECORD_CREATOR \
  "SELECT author FROM revisions WHERE group_key = ? AND record = ? ORDER BY seq LIMIT 1"
#define COMMONS_SERVER_SQL_PULL \
  "SELECT seq, id, body, pushed_by, signature FROM revisions WHERE group_key = ? AND seq > ? " \
  "ORDER BY seq LIMIT ?"
#define COMMONS_SERVER_SQL_DIGEST \
  "SELECT seq, id FROM revisions WHERE group_key = ? AND seq <= ? ORDER BY seq"

G_DECLARE_FINAL_TYPE (CommonsServerStore, commons_server_store, COMMONS, SERVER_STORE, GObject)

GQuark              commons_server_store_error_quark (void);

CommonsServerStore *commons_server_store_open          (const char          *path,
                                                        GError             **error);
gboolean            commons_server_store_backup        (CommonsServerStore  *self,
                                                        const char          *dest,
                                                        GError             **error);

gboolean            commons_server_store_add_admin_token (CommonsServerStore *self,
                                                          const guint8       *token_hash,
                                                          GError            **error);
gboolean            commons_server_store_is_admin_token  (CommonsServerStore *self,
                                                          const guint8       *token_hash);

CommonsServerMember *commons_server_store_create_group (CommonsServerStore  *self,
                                                        const char          *name,
                                                        const char          *display_name,
                                                        const char          *person,
                                                        const guint8        *token_hash,
                                                        GError             **error);
CommonsServerMember *commons_server_store_join         (CommonsServerStore  *self,
                                                        const guint8        *code_hash,
                                                        const char          *display_name,
                                                        const char          *person,
                                                        const guint8        *token_hash,
                                                        GError             **error);
gboolean            commons_server_store_bind_key     (CommonsServerStore  *self,
                                                        CommonsServerMember *member,
                                                        const char          *key,
                                                        GError             **error);
CommonsServerMember *commons_server_store_authenticate (CommonsServerStore  *self,
                                                        const guint8        *token_hash);
char               *commons_server_store_get_group_name (CommonsServerStore *self,
                                                         gint64              group_key);

char               *commons_server_store_create_invite (CommonsServerStore  *self,
                                                        CommonsServerMember *member,
                                                        const guint8        *code_hash,
                                                        gint64               uses,
                                                        gint64               expires,
                                                        GError             **error);
JsonNode           *commons_server_store_list_invites  (CommonsServerStore  *self,
                                                        gint64               group_key,
                                                        GError             **error);
gboolean            commons_server_store_revoke_invite (CommonsServerStore  *self,
                                                        gint64               group_key,
                                                        const char          *invite,
                                                        GError             **error);

JsonNode           *commons_server_store_group_info    (CommonsServerStore  *self,
                                                        CommonsServerMember *member,
                                                        GError             **error);
char               *commons_server_store_remove_member (CommonsServerStore  *self,
                                                        CommonsServerMember *caller,
                                                        const char          *member,
                                                        GError             **error);

gboolean            commons_server_store_push          (CommonsServerStore  *self,
                                                        CommonsServerMember *member,
                                                        GPtrArray           *items,
                                                        GString             *answer,
                                                        guint               *n_stored,
                                                        GError             **error);
gboolean            commons_server_store_pull          (CommonsServerStore  *self,
                                                        gint64               group_key,
                                                        gint64               after,
                                                        gint64               limit,
                                                        GString             *answer,
                                                        GError             **error);
gboolean            commons_server_store_digest        (CommonsServerStore  *self,
                                                        gint64               group_key,
                                                        gint64               upto,
                                                        gint64              *out_upto,
                                                        gint64              *out_count,
                                                        char               **out_digest,
                                                        GError             **error);

G_END_DECLS
