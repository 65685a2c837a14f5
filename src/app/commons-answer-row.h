/* commons-answer-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-discussion.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_ANSWER_ROW (commons_answer_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsAnswerRow, commons_answer_row, COMMONS, ANSWER_ROW, GtkListBoxRow)

GtkWidget *commons_answer_row_new (CommonsAnswer *answer,
                                   const char    *author_name,
                                   gboolean       can_accept);

G_END_DECLS
