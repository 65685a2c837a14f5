/* commons-import.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-import"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-bundle.h"
#include "commons-import.h"

/* Importing .commons files runs on a worker with a store connection of
 * its own, so a large file never stalls the window; the answer is a report
 * in plain words of what happened to each plan. */

typedef struct
{
  char   *database;
  GPtrArray *files;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->database);
  g_ptr_array_unref (data->files);
  g_free (data);
}

static const char *
status_words (CommonsImportStatus status)
{
  switch (status)
    {
    case COMMONS_IMPORT_NEW:
      return _("new");
    case COMMONS_IMPORT_UPDATED:
      return _("updated");
    case COMMONS_IMPORT_UNCHANGED:
      return _("already here");
    case COMMONS_IMPORT_CONFLICT:
      return _("edited in two places: open it to choose");
    default:
      g_assert_not_reached ();
    }
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsStore) store = commons_store_open (data->database, &error);
  g_autoptr(GString) report = g_string_new (NULL);
  gboolean changed = FALSE;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) file_error = NULL;
      gsize length = 0;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (report->len > 0)
        g_string_append_c (report, '\n');
      g_string_append_printf (report, "%s\n", name);

      if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &file_error))
        {
          g_string_append_printf (report, "  %s\n", file_error->message);
          continue;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      items = commons_bundle_import (store, bytes, "local", &file_error);
      if (items == NULL)
        {
          /* Nothing of a file that fails a check is kept. */
          g_string_append_printf (report, "  %s\n", file_error->message);
          continue;
        }
      for (guint j = 0; j < items->len; j++)
        {
          CommonsImportItem *item = g_ptr_array_index (items, j);

          if (g_strcmp0 (item->kind, "plan") != 0)
            continue;
          if (item->status != COMMONS_IMPORT_UNCHANGED)
            changed = TRUE;
          /* Translators: a plan's title, then what importing did to it. */
          g_string_append_printf (report, _("  “%s”: %s\n"),
                                  *item->title != '\0' ? item->title : _("Untitled Plan"),
                                  status_words (item->status));
        }
    }

  /* The first byte says whether the store changed; the report follows. */
  g_string_prepend_c (report, changed ? '1' : '0');
  g_task_return_pointer (task, g_string_free (g_steal_pointer (&report), FALSE), g_free);
}

/**
 * commons_import_files_async:
 * @database: the path of the store's database
 * @files: (array length=n_files): .commons files
 *
 * Imports the files on a worker thread.
 */
void
commons_import_files_async (const char           *database,
                            GFile               **files,
                            guint                 n_files,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *data = g_new0 (ImportData, 1);

  data->database = g_strdup (database);
  data->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (data->files, g_object_ref (files[i]));

  g_task_set_source_tag (task, commons_import_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * commons_import_files_finish:
 * @changed: (out): whether anything in the store changed
 *
 * Returns: (transfer full): the report, one paragraph per file
 */
char *
commons_import_files_finish (GAsyncResult  *result,
                             gboolean      *changed,
                             GError       **error)
{
  g_autofree char *answer = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return NULL;
  *changed = answer[0] == '1';
  return g_strdup (answer + 1);
}
