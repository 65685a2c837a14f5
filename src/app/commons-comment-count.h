/* commons-comment-count.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_COMMENT_COUNT (commons_comment_count_get_type ())

G_DECLARE_FINAL_TYPE (CommonsCommentCount, commons_comment_count, COMMONS, COMMENT_COUNT, GtkWidget)

const char *commons_comment_count_get_plan (CommonsCommentCount *self);
void        commons_comment_count_set_plan (CommonsCommentCount *self,
                                            const char          *plan);

G_END_DECLS
