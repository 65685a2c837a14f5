/* commons-questions-page.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-page.h"

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_QUESTIONS_PAGE (commons_questions_page_get_type ())

G_DECLARE_FINAL_TYPE (CommonsQuestionsPage, commons_questions_page, COMMONS, QUESTIONS_PAGE, CommonsPage)

void commons_questions_page_set_manager    (CommonsQuestionsPage *self,
                                            CommonsSyncManager   *manager);
void commons_questions_page_reload         (CommonsQuestionsPage *self);
void commons_questions_page_show_group     (CommonsQuestionsPage *self,
                                            const char           *group);
void commons_questions_page_show_question  (CommonsQuestionsPage *self,
                                            const char           *question);

G_END_DECLS
