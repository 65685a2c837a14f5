/* server-test-common.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting the real commons-server on loopback and talking to it.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *root;
  char        *data_dir;
  GSubprocess *process;
  char        *url;
  char        *host;
  guint16      port;
} TestServer;

typedef struct
{
  guint     status;
  JsonNode *body;
  char     *retry_after;
  char     *allow;
} TestReply;

void        test_server_start      (TestServer   *server,
                                    const char   *first_arg,
                                    ...);
void        test_server_restart    (TestServer   *server);
void        test_server_kill       (TestServer   *server,
                                    int           signum);
void        test_server_free       (TestServer   *server);

SoupSession *test_session_new      (void);
TestReply  *test_request           (SoupSession  *session,
                                    TestServer   *server,
                                    const char   *method,
                                    const char   *path,
                                    const char   *token,
                                    const char   *body);
void        test_reply_free        (TestReply    *reply);
const char *test_reply_string      (TestReply    *reply,
                                    const char   *path);
gint64      test_reply_int         (TestReply    *reply,
                                    const char   *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestReply, test_reply_free)

G_END_DECLS
