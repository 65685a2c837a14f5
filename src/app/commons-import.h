/* commons-import.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void       commons_import_files_async  (const char           *database,
                                        GFile               **files,
                                        guint                 n_files,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char      *commons_import_files_finish (GAsyncResult         *result,
                                        gboolean             *changed,
                                        GError              **error);

G_END_DECLS
