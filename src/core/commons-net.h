/* commons-net.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What Commons needs from the network and the keyring, in a module of its
 * own (commons-net) that is loaded the first time a group syncs or a token
 * is kept, not when a program starts: libsoup and libsecret bring fifteen
 * libraries, and loading them slowed the app's first frame. Only
 * GLib types cross, so the module needs nothing from the rest of Commons.
 *
 * The module exports commons_net_module_get_funcs(), which returns this
 * table; a module whose table has another version is refused. */

#define COMMONS_NET_FUNCS_VERSION 1

typedef struct _CommonsNetFuncs CommonsNetFuncs;

struct _CommonsNetFuncs
{
  guint     version;

  /* An HTTP session with @user_agent; free it with session_free. */
  gpointer  (*session_new)     (const char    *user_agent);
  void      (*session_free)    (gpointer       session);

  /* Sends one request and reads the whole answer. Returns %NULL with
   * G_IO_ERROR_INVALID_ARGUMENT if @url is not a valid address, or with
   * the transport's error if the server could not be reached; otherwise
   * the body, its HTTP status in @status and reason in @reason. */
  GBytes   *(*send)            (gpointer       session,
                                const char    *method,
                                const char    *url,
                                const char    *bearer_token,
                                GBytes        *json_body,
                                GCancellable  *cancellable,
                                guint         *status,
                                char         **reason,
                                GError       **error);

  /* A member's token in the keyring, by group and data folder. */
  gboolean  (*token_store)     (const char    *label,
                                const char    *group,
                                const char    *data_dir,
                                const char    *token,
                                GError       **error);
  char     *(*token_lookup)    (const char    *group,
                                const char    *data_dir,
                                GError       **error);
  void      (*token_clear)     (const char    *group,
                                const char    *data_dir);
};

typedef const CommonsNetFuncs *(*CommonsNetGetFuncs) (void);

const CommonsNetFuncs *_commons_net_get (GError **error);

G_END_DECLS
