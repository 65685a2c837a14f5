/* fault-proxy.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An HTTP proxy on loopback between replicas and commons-server that can
 * let the server commit a request and then lose its answer, and a small
 * HTTP client for tests that talk to the server without the sync client.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _FaultProxy FaultProxy;

FaultProxy *fault_proxy_new          (const char  *upstream);
const char *fault_proxy_get_url      (FaultProxy  *proxy);
void        fault_proxy_drop_answers (FaultProxy  *proxy,
                                      guint        n_posts);
guint       fault_proxy_get_dropped  (FaultProxy  *proxy);
void        fault_proxy_free         (FaultProxy  *proxy);

GBytes     *http_request             (const char  *host_port,
                                      const char  *method,
                                      const char  *path,
                                      const char  *token,
                                      const char  *body,
                                      guint       *status,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FaultProxy, fault_proxy_free)

G_END_DECLS
