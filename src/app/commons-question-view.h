/* commons-question-view.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"
#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_QUESTION_VIEW (commons_question_view_get_type ())

G_DECLARE_FINAL_TYPE (CommonsQuestionView, commons_question_view, COMMONS, QUESTION_VIEW, GtkWidget)

void        commons_question_view_set_question (CommonsQuestionView *self,
                                                CommonsStore        *store,
                                                CommonsSyncManager  *manager,
                                                const char          *question);
const char *commons_question_view_get_question (CommonsQuestionView *self);
void        commons_question_view_reload       (CommonsQuestionView *self);

G_END_DECLS
