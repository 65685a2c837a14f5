/* commons-answer-editor.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_ANSWER_EDITOR (commons_answer_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsAnswerEditor, commons_answer_editor, COMMONS, ANSWER_EDITOR, AdwWindow)

CommonsAnswerEditor *commons_answer_editor_new (GtkWindow    *parent,
                                                CommonsStore *store,
                                                const char   *answer,
                                                const char   *question_title,
                                                const char   *text);

G_END_DECLS
