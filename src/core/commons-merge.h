/* commons-merge.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "commons-revision.h"

G_BEGIN_DECLS

#define COMMONS_MERGE_ERROR (commons_merge_error_quark ())

typedef enum
{
  /* The same lines of a text were changed on both sides. */
  COMMONS_MERGE_ERROR_CONFLICT,
  COMMONS_MERGE_ERROR_INVALID,
} CommonsMergeError;

GQuark            commons_merge_error_quark (void);

char             *commons_merge_text        (const char       *base,
                                             const char       *left,
                                             const char       *right,
                                             gboolean         *conflict);
CommonsRevision  *commons_merge_revisions   (CommonsRevision  *base,
                                             CommonsRevision  *left,
                                             CommonsRevision  *right,
                                             GError          **error);

/* Looks a revision up by id for commons_merge_find_base(). */
typedef CommonsRevision *(*CommonsRevisionLookup) (const char *id,
                                                   gpointer    user_data);

CommonsRevision  *commons_merge_find_base   (const char             *a,
                                             const char             *b,
                                             CommonsRevisionLookup   lookup,
                                             gpointer                user_data);

G_END_DECLS
