/* commons-question-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_QUESTION_ROW (commons_question_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsQuestionRow, commons_question_row, COMMONS, QUESTION_ROW, GtkWidget)

GObject *commons_question_row_get_item (CommonsQuestionRow *self);
void     commons_question_row_set_item (CommonsQuestionRow *self,
                                        GObject            *item);


G_END_DECLS
