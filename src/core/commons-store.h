/* commons-store.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "commons-revision.h"

G_BEGIN_DECLS

#define COMMONS_STORE_ERROR (commons_store_error_quark ())

typedef enum
{
  COMMONS_STORE_ERROR_FAILED,
  COMMONS_STORE_ERROR_NOT_A_DATABASE,
  COMMONS_STORE_ERROR_CORRUPT,
  COMMONS_STORE_ERROR_NEWER_SCHEMA,
  COMMONS_STORE_ERROR_READ_ONLY,
  COMMONS_STORE_ERROR_FULL,
  COMMONS_STORE_ERROR_NOT_FOUND,
  COMMONS_STORE_ERROR_INVALID,
  COMMONS_STORE_ERROR_MISSING_PARENT,
} CommonsStoreError;

/* What adding one revision did. */
typedef enum
{
  COMMONS_ADD_STORED,
  COMMONS_ADD_DUPLICATE,
  /* Not stored: a merge revision that is not the merge of its parents. */
  COMMONS_ADD_REJECTED,
} CommonsAddResult;

#define COMMONS_SCOPE_LOCAL "local"

/* The latest schema this build reads and writes. */
#define COMMONS_STORE_SCHEMA_VERSION 8

/* Default seconds of quiet after which an edit starts a new revision. */
#define COMMONS_STORE_DEFAULT_QUIET_INTERVAL 300

#define COMMONS_TYPE_STORE (commons_store_get_type ())

G_DECLARE_FINAL_TYPE (CommonsStore, commons_store, COMMONS, STORE, GObject)

GQuark            commons_store_error_quark        (void);

CommonsStore     *commons_store_open               (const char        *path,
                                                    GError           **error);
const char       *commons_store_get_path           (CommonsStore      *self);
const char       *commons_store_get_person_id      (CommonsStore      *self);
const char       *commons_store_get_legacy_person_id (CommonsStore    *self);
gboolean          commons_store_is_me              (CommonsStore      *self,
                                                    const char        *author);
char             *commons_store_dup_display_name   (CommonsStore      *self);
gboolean          commons_store_set_display_name   (CommonsStore      *self,
                                                    const char        *name,
                                                    GError           **error);
guint             commons_store_get_quiet_interval (CommonsStore      *self);
void              commons_store_set_quiet_interval (CommonsStore      *self,
                                                    guint              seconds);

/* Revisions, as sync and bundles see them. */
gboolean          commons_store_add_revisions      (CommonsStore      *self,
                                                    GPtrArray         *revisions,
                                                    const char        *scope,
                                                    gboolean           pushed,
                                                    GArray            *results,
                                                    GError           **error);
CommonsRevision  *commons_store_get_revision       (CommonsStore      *self,
                                                    const char        *id,
                                                    GError           **error);
GPtrArray        *commons_store_get_heads          (CommonsStore      *self,
                                                    const char        *record,
                                                    GError           **error);
GPtrArray        *commons_store_get_history        (CommonsStore      *self,
                                                    const char        *record,
                                                    GError           **error);

/* Records, as a person edits them. */
CommonsRevision  *commons_store_get_current        (CommonsStore      *self,
                                                    const char        *record,
                                                    GError           **error);
char             *commons_store_get_scope          (CommonsStore      *self,
                                                    const char        *record,
                                                    GError           **error);
char             *commons_store_create_record      (CommonsStore      *self,
                                                    const char        *kind,
                                                    const char        *scope,
                                                    JsonObject        *fields,
                                                    GError           **error);
gboolean          commons_store_edit_record        (CommonsStore      *self,
                                                    const char        *record,
                                                    JsonObject        *fields,
                                                    GError           **error);
gboolean          commons_store_delete_record      (CommonsStore      *self,
                                                    const char        *record,
                                                    GError           **error);
gboolean          commons_store_undelete_record    (CommonsStore      *self,
                                                    const char        *record,
                                                    GError           **error);
gboolean          commons_store_restore_revision   (CommonsStore      *self,
                                                    const char        *record,
                                                    const char        *revision,
                                                    GError           **error);

/* Notes: the first record kind. */
char             *commons_store_create_note        (CommonsStore      *self,
                                                    const char        *title,
                                                    const char        *body,
                                                    GError           **error);
gboolean          commons_store_update_note        (CommonsStore      *self,
                                                    const char        *record,
                                                    const char        *title,
                                                    const char        *body,
                                                    GError           **error);

gboolean          commons_store_update_note_from   (CommonsStore      *self,
                                                    const char        *record,
                                                    const char        *base,
                                                    const char        *title,
                                                    const char        *body,
                                                    char             **written,
                                                    GError           **error);

/* Lists and search over materialized state. */
GArray           *commons_store_query              (CommonsStore      *self,
                                                    const char        *kind,
                                                    const char        *search,
                                                    GError           **error);
GArray           *commons_store_query_newest       (CommonsStore      *self,
                                                    const char        *kind,
                                                    guint              limit,
                                                    GError           **error);
char             *commons_store_build_match        (const char        *search);
guint             commons_store_count_records      (CommonsStore      *self,
                                                    const char        *kind);
GArray           *commons_store_list_conflicts     (CommonsStore      *self,
                                                    const char        *kind,
                                                    const char        *scope,
                                                    GError           **error);

/* Revisions kept aside because they failed a check (DESIGN.md, "Two
 * checks"): counted by who sent them and why. */
typedef struct
{
  char  *sender;
  char  *reason;
  guint  count;
} CommonsQuarantineCount;

#define COMMONS_QUARANTINE_FILES "file"

void              commons_quarantine_count_free    (CommonsQuarantineCount *count);
GPtrArray        *commons_store_count_quarantined  (CommonsStore      *self,
                                                    const char        *scope,
                                                    GError           **error);
guint             commons_store_count_pending      (CommonsStore      *self,
                                                    const char        *scope);
const char       *commons_quarantine_reason_describe (const char      *reason);

G_END_DECLS
