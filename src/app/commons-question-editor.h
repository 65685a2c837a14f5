/* commons-question-editor.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-discussion.h"
#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_QUESTION_EDITOR (commons_question_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsQuestionEditor, commons_question_editor, COMMONS, QUESTION_EDITOR, AdwWindow)

CommonsQuestionEditor *commons_question_editor_new (GtkWindow    *parent,
                                                    CommonsStore *store,
                                                    const char   *group,
                                                    const char   *group_name);
CommonsQuestionEditor *commons_question_editor_new_for_question (GtkWindow       *parent,
                                                                 CommonsStore    *store,
                                                                 CommonsQuestion *question,
                                                                 const char      *group_name);

G_END_DECLS
