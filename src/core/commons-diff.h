/* commons-diff.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  COMMONS_DIFF_EQUAL,
  COMMONS_DIFF_DELETE,
  COMMONS_DIFF_INSERT,
} CommonsDiffOp;

/* One run of lines. Positions are indexes into the two sequences compared,
 * "a" the old and "b" the new one. An EQUAL hunk covers a_len == b_len
 * lines of both; a DELETE hunk covers a_len lines of a and sits before
 * line b_start of b (b_len is 0); an INSERT hunk covers b_len lines of b
 * and sits before line a_start of a (a_len is 0). Hunks come in order and
 * together cover both sequences exactly once; within a changed region the
 * DELETE hunk comes before the INSERT hunk. */
typedef struct
{
  CommonsDiffOp op;
  guint         a_start;
  guint         a_len;
  guint         b_start;
  guint         b_len;
} CommonsDiffHunk;

/* Beyond this many differing lines the diff stops looking for the
 * shortest edit and reports the rest as replaced: still correct, and it
 * bounds time and memory on hostile input. */
#define COMMONS_DIFF_MAX_EDITS 2048

GArray   *commons_diff_lines       (const char * const *a,
                                    guint               n_a,
                                    const char * const *b,
                                    guint               n_b);
GArray   *commons_diff_strv        (const char * const *a,
                                    const char * const *b);
GArray   *commons_diff_text        (const char         *a,
                                    const char         *b,
                                    char             ***a_lines,
                                    char             ***b_lines);
char    **commons_diff_split_lines (const char         *text);
gboolean  commons_diff_is_equal    (GArray             *hunks);

G_END_DECLS
