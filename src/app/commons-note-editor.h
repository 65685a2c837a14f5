/* commons-note-editor.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_NOTE_EDITOR (commons_note_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsNoteEditor, commons_note_editor, COMMONS, NOTE_EDITOR, AdwBin)

void        commons_note_editor_set_store   (CommonsNoteEditor *self,
                                             CommonsStore      *store);
const char *commons_note_editor_get_record  (CommonsNoteEditor *self);
const char *commons_note_editor_get_title   (CommonsNoteEditor *self);
gboolean    commons_note_editor_open        (CommonsNoteEditor *self,
                                             const char        *record,
                                             gboolean           force);
void        commons_note_editor_close       (CommonsNoteEditor *self);
gboolean    commons_note_editor_save        (CommonsNoteEditor *self);
void        commons_note_editor_refresh     (CommonsNoteEditor *self);
void        commons_note_editor_focus_title (CommonsNoteEditor *self);
void        commons_note_editor_focus_body  (CommonsNoteEditor *self);

G_END_DECLS
