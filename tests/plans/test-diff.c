/* test-diff.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "commons-diff.h"

/* Checks that @hunks cover both sequences in order and turn @a into @b;
 * returns the number of lines deleted plus inserted. */
static guint
check_hunks (const char * const *a,
             guint               n_a,
             const char * const *b,
             guint               n_b,
             GArray             *hunks)
{
  guint ai = 0, bi = 0, edits = 0;

  for (guint i = 0; i < hunks->len; i++)
    {
      const CommonsDiffHunk *h = &g_array_index (hunks, CommonsDiffHunk, i);

      g_assert_cmpuint (h->a_start, ==, ai);
      g_assert_cmpuint (h->b_start, ==, bi);
      g_assert_true (h->a_len > 0 || h->b_len > 0);
      switch (h->op)
        {
        case COMMONS_DIFF_EQUAL:
          g_assert_cmpuint (h->a_len, ==, h->b_len);
          for (guint k = 0; k < h->a_len; k++)
            g_assert_cmpstr (a[ai + k], ==, b[bi + k]);
          break;
        case COMMONS_DIFF_DELETE:
          g_assert_cmpuint (h->b_len, ==, 0);
          edits += h->a_len;
          break;
        case COMMONS_DIFF_INSERT:
          g_assert_cmpuint (h->a_len, ==, 0);
          edits += h->b_len;
          break;
        default:
          g_assert_not_reached ();
        }
      ai += h->a_len;
      bi += h->b_len;
    }
  g_assert_cmpuint (ai, ==, n_a);
  g_assert_cmpuint (bi, ==, n_b);
  return edits;
}

static guint
lcs_length (const char * const *a,
            guint               n_a,
            const char * const *b,
            guint               n_b)
{
  g_autofree guint *t = g_new0 (guint, (n_a + 1) * (n_b + 1));

  for (guint i = 1; i <= n_a; i++)
    for (guint j = 1; j <= n_b; j++)
      t[i * (n_b + 1) + j] = g_str_equal (a[i - 1], b[j - 1])
                             ? t[(i - 1) * (n_b + 1) + j - 1] + 1
                             : MAX (t[(i - 1) * (n_b + 1) + j], t[i * (n_b + 1) + j - 1]);
  return t[n_a * (n_b + 1) + n_b];
}

static void
test_diff_paper_example (void)
{
  /* The example of Myers' paper: the shortest edit is 5 lines. */
  const char *a[] = { "a", "b", "c", "a", "b", "b", "a" };
  const char *b[] = { "c", "b", "a", "b", "a", "c" };
  g_autoptr(GArray) hunks = commons_diff_lines (a, 7, b, 6);

  g_assert_cmpuint (check_hunks (a, 7, b, 6, hunks), ==, 5);
  g_assert_false (commons_diff_is_equal (hunks));
}

static void
test_diff_edges (void)
{
  const char *a[] = { "one", "two", "three" };
  g_autoptr(GArray) same = commons_diff_lines (a, 3, a, 3);
  g_autoptr(GArray) to_empty = commons_diff_lines (a, 3, NULL, 0);
  g_autoptr(GArray) from_empty = commons_diff_lines (NULL, 0, a, 3);
  g_autoptr(GArray) empty = commons_diff_lines (NULL, 0, NULL, 0);

  g_assert_cmpuint (same->len, ==, 1);
  g_assert_true (commons_diff_is_equal (same));
  g_assert_cmpuint (check_hunks (a, 3, NULL, 0, to_empty), ==, 3);
  g_assert_cmpuint (g_array_index (to_empty, CommonsDiffHunk, 0).op, ==, COMMONS_DIFF_DELETE);
  g_assert_cmpuint (check_hunks (NULL, 0, a, 3, from_empty), ==, 3);
  g_assert_cmpuint (g_array_index (from_empty, CommonsDiffHunk, 0).op, ==, COMMONS_DIFF_INSERT);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_diff_text (void)
{
  g_auto(GStrv) la = NULL;
  g_auto(GStrv) lb = NULL;
  g_autoptr(GArray) hunks = commons_diff_text ("intro\nold line\nend\n", "intro\nnew line\nextra\nend\n", &la, &lb);
  const CommonsDiffHunk *h;

  /* intro = ; old line - ; new line, extra + ; end, "" = */
  g_assert_cmpuint (hunks->len, ==, 4);
  h = &g_array_index (hunks, CommonsDiffHunk, 1);
  g_assert_cmpuint (h->op, ==, COMMONS_DIFF_DELETE);
  g_assert_cmpstr (la[h->a_start], ==, "old line");
  h = &g_array_index (hunks, CommonsDiffHunk, 2);
  g_assert_cmpuint (h->op, ==, COMMONS_DIFF_INSERT);
  g_assert_cmpuint (h->b_len, ==, 2);
  g_assert_cmpstr (lb[h->b_start + 1], ==, "extra");

  /* Splitting keeps the text exactly. */
  {
    g_auto(GStrv) lines = commons_diff_split_lines ("a\r\nb\n\nc");
    g_autofree char *joined = g_strjoinv ("\n", lines);

    g_assert_cmpstr (joined, ==, "a\r\nb\n\nc");
    g_assert_cmpuint (g_strv_length (lines), ==, 4);
  }
}

static void
test_diff_random (void)
{
  static const char *alphabet[] = { "x", "y", "z", "w" };
  GRand *rand = g_rand_new_with_seed (20260101);

  /* Against the classic LCS table: Myers finds a shortest edit, so the
   * number of lines changed is n + m - 2 LCS. */
  for (guint round = 0; round < 500; round++)
    {
      guint n_a = g_rand_int_range (rand, 0, 30);
      guint n_b = g_rand_int_range (rand, 0, 30);
      g_autofree const char **a = g_new0 (const char *, n_a + 1);
      g_autofree const char **b = g_new0 (const char *, n_b + 1);
      g_autoptr(GArray) hunks = NULL;

      for (guint i = 0; i < n_a; i++)
        a[i] = alphabet[g_rand_int_range (rand, 0, 4)];
      for (guint i = 0; i < n_b; i++)
        b[i] = alphabet[g_rand_int_range (rand, 0, 4)];
      hunks = commons_diff_lines (a, n_a, b, n_b);
      g_assert_cmpuint (check_hunks (a, n_a, b, n_b, hunks), ==,
                        n_a + n_b - 2 * lcs_length (a, n_a, b, n_b));
    }
  g_rand_free (rand);
}

static void
test_diff_limit (void)
{
  /* Two long texts with nothing in common hit the edit limit and still
   * give a correct (replace-everything) diff. */
  guint n = COMMONS_DIFF_MAX_EDITS;
  g_autoptr(GPtrArray) a = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) hunks = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (a, g_strdup_printf ("a%u", i));
      g_ptr_array_add (b, g_strdup_printf ("b%u", i));
    }
  hunks = commons_diff_lines ((const char * const *) a->pdata, n, (const char * const *) b->pdata, n);
  g_assert_cmpuint (check_hunks ((const char * const *) a->pdata, n,
                                 (const char * const *) b->pdata, n, hunks), ==, 2 * n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/paper-example", test_diff_paper_example);
  g_test_add_func ("/diff/edges", test_diff_edges);
  g_test_add_func ("/diff/text", test_diff_text);
  g_test_add_func ("/diff/random", test_diff_random);
  g_test_add_func ("/diff/limit", test_diff_limit);

  return g_test_run ();
}
