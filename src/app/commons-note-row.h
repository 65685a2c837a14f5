/* commons-note-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "commons-record-list.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_NOTE_ROW (commons_note_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsNoteRow, commons_note_row, COMMONS, NOTE_ROW, GtkBox)

GtkWidget            *commons_note_row_new         (void);
CommonsRecordSummary *commons_note_row_get_summary (CommonsNoteRow       *self);
void                  commons_note_row_set_summary (CommonsNoteRow       *self,
                                                    CommonsRecordSummary *summary);
char                 *commons_note_row_dup_title   (CommonsRecordSummary *summary);

G_END_DECLS
