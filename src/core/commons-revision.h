/* commons-revision.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define COMMONS_REVISION_ERROR (commons_revision_error_quark ())

typedef enum
{
  COMMONS_REVISION_ERROR_INVALID,
  COMMONS_REVISION_ERROR_WRONG_ID,
  COMMONS_REVISION_ERROR_TOO_LARGE,
} CommonsRevisionError;

/* The largest canonical body a revision may have. */
#define COMMONS_REVISION_MAX_SIZE (1024 * 1024)
#define COMMONS_REVISION_MAX_PARENTS 16
#define COMMONS_REVISION_FORMAT 1
/* How deep a revision's fields may nest, counting the fields object as 1.
 * Client and server refuse the same revisions, and a revision within it
 * still parses inside any answer or file that carries it. */
#define COMMONS_REVISION_MAX_FIELDS_DEPTH 12

#define COMMONS_TYPE_REVISION (commons_revision_get_type ())

typedef struct _CommonsRevision CommonsRevision;

GType              commons_revision_get_type      (void) G_GNUC_CONST;
GQuark             commons_revision_error_quark   (void);

CommonsRevision   *commons_revision_new           (const char          *record,
                                                   const char          *kind,
                                                   const char * const  *parents,
                                                   const char          *author,
                                                   const char          *time,
                                                   gboolean             deleted,
                                                   JsonObject          *fields,
                                                   GError             **error);
CommonsRevision   *commons_revision_new_from_json (const char          *data,
                                                   gssize               length,
                                                   const char          *expected_id,
                                                   GError             **error);
CommonsRevision   *commons_revision_new_from_node (JsonNode            *node,
                                                   const char          *expected_id,
                                                   GError             **error);
CommonsRevision   *_commons_revision_new_trusted  (const char          *id,
                                                   const char          *canonical,
                                                   GError             **error);
CommonsRevision   *commons_revision_ref           (CommonsRevision     *self);
void               commons_revision_unref         (CommonsRevision     *self);

const char        *commons_revision_get_id        (CommonsRevision     *self);
const char        *commons_revision_get_record    (CommonsRevision     *self);
const char        *commons_revision_get_kind      (CommonsRevision     *self);
const char * const *commons_revision_get_parents  (CommonsRevision     *self);
const char        *commons_revision_get_author    (CommonsRevision     *self);
const char        *commons_revision_get_time      (CommonsRevision     *self);
gboolean           commons_revision_get_deleted   (CommonsRevision     *self);
JsonObject        *commons_revision_get_fields    (CommonsRevision     *self);
const char        *commons_revision_get_canonical (CommonsRevision     *self);
JsonNode          *commons_revision_to_wire       (CommonsRevision     *self);
const char        *commons_revision_get_signature (CommonsRevision     *self);
gboolean           commons_revision_signature_holds (CommonsRevision   *self);

const char        *commons_revision_get_string_field (CommonsRevision  *self,
                                                      const char       *name);
const char        *commons_revision_get_search_text (CommonsRevision   *self);
const char        *commons_revision_get_preview   (CommonsRevision     *self);

char              *commons_time_now               (void);
gboolean           commons_time_is_valid          (const char          *time);
gboolean           commons_uuid_is_valid          (const char          *uuid);
gboolean           commons_revision_id_is_valid   (const char          *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsRevision, commons_revision_unref)

G_END_DECLS
