/* commons-bundle.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_BUNDLE_ERROR (commons_bundle_error_quark ())

typedef enum
{
  COMMONS_BUNDLE_ERROR_INVALID,
  COMMONS_BUNDLE_ERROR_TOO_LARGE,
  COMMONS_BUNDLE_ERROR_PRIVATE,
  COMMONS_BUNDLE_ERROR_EMPTY,
} CommonsBundleError;

/* The largest .commons file read, and the most revisions it may hold. */
#define COMMONS_BUNDLE_MAX_SIZE (64 * 1024 * 1024)
#define COMMONS_BUNDLE_MAX_REVISIONS 200000
#define COMMONS_BUNDLE_MIME_TYPE "application/x-commons"

/* What importing did to one record. */
typedef enum
{
  COMMONS_IMPORT_NEW,
  COMMONS_IMPORT_UPDATED,
  COMMONS_IMPORT_UNCHANGED,
  COMMONS_IMPORT_CONFLICT,
} CommonsImportStatus;

typedef struct
{
  char                *record;
  char                *kind;
  char                *title;
  CommonsImportStatus  status;
} CommonsImportItem;

/* What an import kept aside rather than took. */
typedef struct
{
  guint quarantined;
  guint pending;
} CommonsImportSummary;

GQuark      commons_bundle_error_quark (void);

GBytes     *commons_bundle_export      (CommonsStore        *store,
                                        const char * const  *records,
                                        GError             **error);
GPtrArray  *commons_bundle_import      (CommonsStore        *store,
                                        GBytes              *data,
                                        const char          *scope,
                                        GError             **error);
GPtrArray  *commons_bundle_import_full (CommonsStore        *store,
                                        GBytes              *data,
                                        const char          *scope,
                                        const char          *sender,
                                        CommonsImportSummary *summary,
                                        GError             **error);
GBytes     *commons_bundle_export_revisions (CommonsStore   *store,
                                             const char * const *ids,
                                             GError        **error);
GPtrArray  *commons_bundle_read_revisions (GBytes         *data,
                                           GHashTable    **damaged,
                                           GError        **error);

/* What importing one file did: its items (%NULL if the file could not be
 * imported at all, and then why in @error), and what it kept aside. */
typedef struct
{
  char                 *name;
  GPtrArray            *items;
  GError               *error;
  CommonsImportSummary  summary;
} CommonsFileImport;

void        commons_file_import_free   (CommonsFileImport   *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsFileImport, commons_file_import_free)

CommonsFileImport *commons_bundle_import_file         (CommonsStore         *store,
                                                       GFile                *file,
                                                       const char           *scope,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void               commons_bundle_import_files_async  (CommonsStore         *store,
                                                       GPtrArray            *files,
                                                       const char           *scope,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GPtrArray         *commons_bundle_import_files_finish (CommonsStore         *store,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean           commons_bundle_export_file         (CommonsStore         *store,
                                                       const char * const   *records,
                                                       GFile                *file,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void               commons_bundle_export_file_async   (CommonsStore         *store,
                                                       const char * const   *records,
                                                       GFile                *file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           commons_bundle_export_file_finish  (CommonsStore         *store,
                                                       GAsyncResult         *result,
                                                       GError              **error);

const char *commons_import_status_to_string (CommonsImportStatus status);
void        commons_import_item_free   (CommonsImportItem   *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsImportItem, commons_import_item_free)

G_END_DECLS
