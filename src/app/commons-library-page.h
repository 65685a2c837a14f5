/* commons-library-page.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-page.h"

#include "commons-store.h"
#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_LIBRARY_PAGE (commons_library_page_get_type ())

G_DECLARE_FINAL_TYPE (CommonsLibraryPage, commons_library_page, COMMONS, LIBRARY_PAGE, CommonsPage)

void commons_library_page_set_store (CommonsLibraryPage *self,
                                     CommonsStore       *store);
void commons_library_page_set_sync_manager (CommonsLibraryPage *self,
                                            CommonsSyncManager *manager);
gboolean commons_library_page_save  (CommonsLibraryPage *self);
void commons_library_page_reload    (CommonsLibraryPage *self);
void commons_library_page_show_plan (CommonsLibraryPage *self,
                                     const char         *record);
void commons_library_page_show_comments (CommonsLibraryPage *self,
                                         const char         *record);

G_END_DECLS
