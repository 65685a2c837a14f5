/* commons-diff.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-diff"

#include "config.h"

#include <string.h>

#include "commons-diff.h"

/* A line diff after Myers, "An O(ND) Difference Algorithm and Its
 * Variations" (1986): the greedy forward search, keeping each round's
 * frontier to walk the shortest edit script back. Lines are turned into
 * small integers first so the search compares integers, not strings. */

typedef enum
{
  STEP_EQUAL,
  STEP_DELETE,
  STEP_INSERT,
} Step;

static void
push_steps (GByteArray *steps,
            Step        step,
            guint       count)
{
  guint8 value = step;

  for (guint i = 0; i < count; i++)
    g_byte_array_append (steps, &value, 1);
}

/* Appends, in reverse order, the steps turning a into b. */
static void
myers (const guint *a,
       gint         n,
       const guint *b,
       gint         m,
       GByteArray  *reversed)
{
  gint max = n + m;
  gint limit = MIN (max, COMMONS_DIFF_MAX_EDITS);
  gint off = max + 1;
  g_autofree gint *v = g_new0 (gint, 2 * max + 3);
  g_autoptr(GPtrArray) trace = g_ptr_array_new_with_free_func (g_free);
  gint found = -1;
  gint x, y;

  v[off + 1] = 0;
  for (gint d = 0; d <= limit && found < 0; d++)
    {
      /* The frontier before this round, columns -d-1 .. d+1. */
      g_ptr_array_add (trace, g_memdup2 (&v[off - d - 1], sizeof (gint) * (2 * d + 3)));

      for (gint k = -d; k <= d; k += 2)
        {
          if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
            x = v[off + k + 1];
          else
            x = v[off + k - 1] + 1;
          y = x - k;
          while (x < n && y < m && a[x] == b[y])
            x++, y++;
          v[off + k] = x;
          if (x >= n && y >= m)
            {
              found = d;
              break;
            }
        }
    }

  if (found < 0)
    {
      /* Too different to be worth the search: replace all of it. */
      push_steps (reversed, STEP_INSERT, m);
      push_steps (reversed, STEP_DELETE, n);
      return;
    }

  x = n;
  y = m;
  for (gint d = found; d >= 0; d--)
    {
      const gint *w = g_ptr_array_index (trace, d);
      gint k = x - y;
      gint prev_k, prev_x, prev_y;

      /* w[i] is column i - d - 1 of the frontier before round d. */
#define COL(c) w[(c) + d + 1]
      if (k == -d || (k != d && COL (k - 1) < COL (k + 1)))
        prev_k = k + 1;
      else
        prev_k = k - 1;
      prev_x = d == 0 ? 0 : COL (prev_k);
#undef COL
      prev_y = prev_x - prev_k;
      if (d == 0)
        prev_y = 0;

      while (x > prev_x && y > prev_y)
        {
          push_steps (reversed, STEP_EQUAL, 1);
          x--, y--;
        }
      if (d > 0)
        push_steps (reversed, x == prev_x ? STEP_INSERT : STEP_DELETE, 1);
      x = prev_x;
      y = prev_y;
    }
}

static void
add_hunk (GArray        *hunks,
          CommonsDiffOp  op,
          guint          a_start,
          guint          a_len,
          guint          b_start,
          guint          b_len)
{
  CommonsDiffHunk hunk = { op, a_start, a_len, b_start, b_len };

  if (a_len == 0 && b_len == 0)
    return;
  if (hunks->len > 0)
    {
      CommonsDiffHunk *last = &g_array_index (hunks, CommonsDiffHunk, hunks->len - 1);

      if (last->op == op && op == COMMONS_DIFF_EQUAL)
        {
          last->a_len += a_len;
          last->b_len += b_len;
          return;
        }
    }
  g_array_append_val (hunks, hunk);
}

/**
 * commons_diff_lines:
 * @a: (array length=n_a): the old lines
 * @b: (array length=n_b): the new lines
 *
 * Finds a shortest edit turning @a into @b, comparing lines exactly.
 *
 * Returns: (transfer full) (element-type CommonsDiffHunk): the hunks
 */
GArray *
commons_diff_lines (const char * const *a,
                    guint               n_a,
                    const char * const *b,
                    guint               n_b)
{
  g_autoptr(GArray) hunks = g_array_new (FALSE, FALSE, sizeof (CommonsDiffHunk));
  g_autoptr(GHashTable) symbols = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *sa = g_new (guint, n_a + 1);
  g_autofree guint *sb = g_new (guint, n_b + 1);
  g_autoptr(GByteArray) reversed = g_byte_array_new ();
  guint prefix = 0, suffix = 0;
  guint ai, bi, del = 0, ins = 0;

  g_return_val_if_fail (a != NULL || n_a == 0, NULL);
  g_return_val_if_fail (b != NULL || n_b == 0, NULL);

  for (guint i = 0; i < n_a + n_b; i++)
    {
      const char *line = i < n_a ? a[i] : b[i - n_a];
      gpointer value;

      if (!g_hash_table_lookup_extended (symbols, line, NULL, &value))
        {
          value = GUINT_TO_POINTER (g_hash_table_size (symbols));
          g_hash_table_insert (symbols, (gpointer) line, value);
        }
      if (i < n_a)
        sa[i] = GPOINTER_TO_UINT (value);
      else
        sb[i - n_a] = GPOINTER_TO_UINT (value);
    }

  while (prefix < n_a && prefix < n_b && sa[prefix] == sb[prefix])
    prefix++;
  while (suffix < n_a - prefix && suffix < n_b - prefix &&
         sa[n_a - 1 - suffix] == sb[n_b - 1 - suffix])
    suffix++;

  myers (sa + prefix, n_a - prefix - suffix, sb + prefix, n_b - prefix - suffix, reversed);

  add_hunk (hunks, COMMONS_DIFF_EQUAL, 0, prefix, 0, prefix);
  ai = bi = prefix;
  for (guint i = reversed->len; i > 0; i--)
    {
      Step step = reversed->data[i - 1];

      if (step == STEP_EQUAL)
        {
          add_hunk (hunks, COMMONS_DIFF_DELETE, ai, del, bi, 0);
          ai += del;
          add_hunk (hunks, COMMONS_DIFF_INSERT, ai, 0, bi, ins);
          bi += ins;
          del = ins = 0;
          add_hunk (hunks, COMMONS_DIFF_EQUAL, ai, 1, bi, 1);
          ai++, bi++;
        }
      else if (step == STEP_DELETE)
        del++;
      else
        ins++;
    }
  add_hunk (hunks, COMMONS_DIFF_DELETE, ai, del, bi, 0);
  ai += del;
  add_hunk (hunks, COMMONS_DIFF_INSERT, ai, 0, bi, ins);
  bi += ins;
  add_hunk (hunks, COMMONS_DIFF_EQUAL, ai, suffix, bi, suffix);

  g_assert (ai + suffix == n_a && bi + suffix == n_b);
  return g_steal_pointer (&hunks);
}

/**
 * commons_diff_strv:
 * @a: (array zero-terminated=1): the old lines
 * @b: (array zero-terminated=1): the new lines
 *
 * Returns: (transfer full) (element-type CommonsDiffHunk): the hunks
 */
GArray *
commons_diff_strv (const char * const *a,
                   const char * const *b)
{
  guint n_a = a != NULL ? g_strv_length ((char **) a) : 0;
  guint n_b = b != NULL ? g_strv_length ((char **) b) : 0;

  return commons_diff_lines (a, n_a, b, n_b);
}

/**
 * commons_diff_split_lines:
 * @text: (nullable): text
 *
 * Splits at each "\n", keeping any "\r": joining the lines with "\n" gives
 * @text back exactly. Empty or %NULL text has no lines.
 *
 * Returns: (transfer full): the lines
 */
char **
commons_diff_split_lines (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

/**
 * commons_diff_text:
 * @a_lines: (out) (optional) (transfer full): the lines of @a
 * @b_lines: (out) (optional) (transfer full): the lines of @b
 *
 * Returns: (transfer full) (element-type CommonsDiffHunk): the line diff of
 *   two texts
 */
GArray *
commons_diff_text (const char   *a,
                   const char   *b,
                   char       ***a_lines,
                   char       ***b_lines)
{
  g_auto(GStrv) la = commons_diff_split_lines (a);
  g_auto(GStrv) lb = commons_diff_split_lines (b);
  GArray *hunks = commons_diff_strv ((const char * const *) la, (const char * const *) lb);

  if (a_lines != NULL)
    *a_lines = g_steal_pointer (&la);
  if (b_lines != NULL)
    *b_lines = g_steal_pointer (&lb);
  return hunks;
}

/**
 * commons_diff_is_equal:
 *
 * Returns: whether @hunks hold no change
 */
gboolean
commons_diff_is_equal (GArray *hunks)
{
  g_return_val_if_fail (hunks != NULL, FALSE);

  for (guint i = 0; i < hunks->len; i++)
    if (g_array_index (hunks, CommonsDiffHunk, i).op != COMMONS_DIFF_EQUAL)
      return FALSE;
  return TRUE;
}
