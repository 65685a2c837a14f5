/* commons-comment-editor.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_COMMENT_EDITOR (commons_comment_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsCommentEditor, commons_comment_editor, COMMONS, COMMENT_EDITOR, AdwWindow)

CommonsCommentEditor *commons_comment_editor_new        (GtkWindow            *parent,
                                                         const char           *title,
                                                         const char           *context,
                                                         const char           *submit_label,
                                                         const char           *text);
void                  commons_comment_editor_show_error (CommonsCommentEditor *self,
                                                         const GError         *error);

G_END_DECLS
