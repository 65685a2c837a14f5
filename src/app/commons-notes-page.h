/* commons-notes-page.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-page.h"

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_NOTES_PAGE (commons_notes_page_get_type ())

G_DECLARE_FINAL_TYPE (CommonsNotesPage, commons_notes_page, COMMONS, NOTES_PAGE, CommonsPage)

void     commons_notes_page_set_store (CommonsNotesPage *self,
                                       CommonsStore     *store);
void     commons_notes_page_set_window_height (CommonsNotesPage *self,
                                               int               height);
void     commons_notes_page_reload    (CommonsNotesPage *self);
gboolean commons_notes_page_save      (CommonsNotesPage *self);

G_END_DECLS
