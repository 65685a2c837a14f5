/* commons-comment-row.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_COMMENT_ROW (commons_comment_row_get_type ())

G_DECLARE_FINAL_TYPE (CommonsCommentRow, commons_comment_row, COMMONS, COMMENT_ROW, GtkListBoxRow)

/* What a row shows of one comment: the conversation reads the comment
 * from the store and fills this in. */
typedef struct
{
  const char *record;
  const char *author_name;
  /* When it was first written (RFC 3339). */
  const char *created;
  /* The time of the plan version it is about (RFC 3339), if known. */
  const char *about_time;
  const char *body;
  gboolean    reply;
  gboolean    deleted;
  gboolean    edited;
  gboolean    mine;
  gboolean    is_new;
  /* A top-level comment can be replied to. */
  gboolean    can_reply;
} CommonsCommentRowInfo;

GtkWidget  *commons_comment_row_new        (const CommonsCommentRowInfo *info);
const char *commons_comment_row_get_record (CommonsCommentRow           *self);

char       *commons_comment_format_day     (const char                  *rfc3339);

G_END_DECLS
