/* commons-bundle-file.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-bundle"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-bundle.h"

/* .commons files on disk: reading and importing them one by one, each with
 * its own report, and writing an export. The app calls the _async forms,
 * which work on a connection of their own off the main thread; the CLI
 * calls the blocking ones. Both report the same way. */

static CommonsFileImport *
file_import_new (GFile *file)
{
  CommonsFileImport *self = g_new0 (CommonsFileImport, 1);

  self->name = g_file_get_basename (file);
  return self;
}

void
commons_file_import_free (CommonsFileImport *import)
{
  if (import == NULL)
    return;
  g_free (import->name);
  g_clear_pointer (&import->items, g_ptr_array_unref);
  g_clear_error (&import->error);
  g_free (import);
}

/**
 * commons_bundle_import_file:
 * @store: the store to import into
 * @file: a .commons file
 * @scope: %COMMONS_SCOPE_LOCAL, or a group this device belongs to
 *
 * Reads and imports one file. What goes wrong with this file (it cannot
 * be read, is too large, is no .commons file) is in the report's error,
 * not in @error: the next file is still imported. A revision in it that
 * fails a check is kept aside, as in a pull, and counted in the report.
 *
 * Returns: (transfer full): the report, or %NULL with @error set if
 *   @cancellable was cancelled
 */
CommonsFileImport *
commons_bundle_import_file (CommonsStore  *store,
                            GFile         *file,
                            const char    *scope,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(CommonsFileImport) report = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  report = file_import_new (file);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &report->error))
    {
      if (g_error_matches (report->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&report->error));
          return NULL;
        }
      return g_steal_pointer (&report);
    }
  if (length > COMMONS_BUNDLE_MAX_SIZE)
    {
      g_set_error_literal (&report->error, COMMONS_BUNDLE_ERROR, COMMONS_BUNDLE_ERROR_TOO_LARGE,
                           _("The file is too large to be a Commons file"));
      return g_steal_pointer (&report);
    }
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  report->items = commons_bundle_import_full (store, bytes, scope, report->name,
                                              &report->summary, &report->error);
  return g_steal_pointer (&report);
}

typedef struct
{
  char      *database;
  char      *scope;
  GPtrArray *files;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->database);
  g_free (job->scope);
  g_ptr_array_unref (job->files);
  g_free (job);
}

static void
import_files_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_file_import_free);

  g_assert (G_IS_TASK (task));

  store = commons_store_open (job->database, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < job->files->len; i++)
    {
      CommonsFileImport *report = commons_bundle_import_file (store, g_ptr_array_index (job->files, i),
                                                              job->scope, cancellable, &error);

      if (report == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (reports, report);
    }
  g_task_return_pointer (task, g_steal_pointer (&reports), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * commons_bundle_import_files_async:
 * @store: the store to import into; the work uses a connection of its own
 * @files: (element-type GFile): the files, imported in this order
 * @scope: %COMMONS_SCOPE_LOCAL, or a group this device belongs to
 *
 * Imports @files off the main thread, as commons_bundle_import_file() does
 * for each. @store announces the records that changed once the work is
 * done, as for any other connection's writes.
 */
void
commons_bundle_import_files_async (CommonsStore        *store,
                                   GPtrArray           *files,
                                   const char          *scope,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (COMMONS_IS_STORE (store));
  g_return_if_fail (files != NULL);
  g_return_if_fail (scope != NULL);

  job = g_new0 (ImportJob, 1);
  job->database = g_strdup (commons_store_get_path (store));
  job->scope = g_strdup (scope);
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (job->files, g_object_ref (g_ptr_array_index (files, i)));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, commons_bundle_import_files_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_files_thread);
}

/**
 * commons_bundle_import_files_finish:
 *
 * Returns: (transfer container) (element-type CommonsFileImport): a
 *   report per file, in the order given, or %NULL with @error set when the
 *   store could not be opened or the work was cancelled
 */
GPtrArray *
commons_bundle_import_files_finish (CommonsStore  *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == commons_bundle_import_files_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * commons_bundle_export_file:
 * @records: the records to put in the file
 * @file: where to write; replaced whole, or left as it was on failure
 *
 * Returns: whether the file was written
 */
gboolean
commons_bundle_export_file (CommonsStore        *store,
                            const char * const  *records,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = commons_bundle_export (store, records, error);
  if (bytes == NULL)
    return FALSE;
  return g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}

typedef struct
{
  char   *database;
  GStrv   records;
  GFile  *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->database);
  g_strfreev (job->records);
  g_object_unref (job->file);
  g_free (job);
}

static void
export_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = NULL;

  g_assert (G_IS_TASK (task));

  store = commons_store_open (job->database, &error);
  if (store == NULL ||
      !commons_bundle_export_file (store, (const char * const *) job->records, job->file,
                                   cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * commons_bundle_export_file_async:
 * @store: the store to export from; the work uses a connection of its own
 *
 * Writes the export off the main thread, as commons_bundle_export_file()
 * does.
 */
void
commons_bundle_export_file_async (CommonsStore        *store,
                                  const char * const  *records,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (COMMONS_IS_STORE (store));
  g_return_if_fail (records != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->database = g_strdup (commons_store_get_path (store));
  job->records = g_strdupv ((char **) records);
  job->file = g_object_ref (file);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, commons_bundle_export_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_file_thread);
}

gboolean
commons_bundle_export_file_finish (CommonsStore  *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == commons_bundle_export_file_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
