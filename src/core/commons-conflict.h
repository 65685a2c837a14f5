/* commons-conflict.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_CONFLICT_ERROR (commons_conflict_error_quark ())

typedef enum
{
  /* The record has one head: there is nothing to resolve. */
  COMMONS_CONFLICT_ERROR_NOT_IN_CONFLICT,
  /* The version named is not one of the record's heads. */
  COMMONS_CONFLICT_ERROR_NO_SUCH_HEAD,
  /* The fields given cannot be the record's. */
  COMMONS_CONFLICT_ERROR_INVALID,
} CommonsConflictError;

GQuark     commons_conflict_error_quark        (void);

GPtrArray *commons_conflict_list_records       (CommonsStore  *store,
                                                const char    *scope,
                                                GError       **error);
GPtrArray *commons_conflict_dup_heads          (CommonsStore  *store,
                                                const char    *record,
                                                GError       **error);
GPtrArray *commons_conflict_differing_fields    (GPtrArray     *heads);
gboolean   commons_conflict_keep               (CommonsStore  *store,
                                                const char    *record,
                                                const char    *head,
                                                GError       **error);
gboolean   commons_conflict_resolve            (CommonsStore  *store,
                                                const char    *record,
                                                JsonObject    *changes,
                                                GError       **error);

G_END_DECLS
