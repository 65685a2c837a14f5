/* commons-merge.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-merge"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-diff.h"
#include "commons-discussion.h"
#include "commons-json.h"
#include "commons-merge.h"

/* Merging is a pure function of the two heads and their base: no clock, no
 * author, no randomness, no dependence on which replica runs it. Two
 * replicas that merge the same heads make byte-identical revisions, so
 * their ids agree and exchanging them is a no-op. */

G_DEFINE_QUARK (commons-merge-error-quark, commons_merge_error)

/* For each line of base, the index of the same line in other, or -1. */
static gint *
match_base (GArray *hunks,
            guint   n_base)
{
  gint *match = g_new (gint, n_base + 1);

  for (guint i = 0; i <= n_base; i++)
    match[i] = -1;
  for (guint h = 0; h < hunks->len; h++)
    {
      const CommonsDiffHunk *hunk = &g_array_index (hunks, CommonsDiffHunk, h);

      if (hunk->op != COMMONS_DIFF_EQUAL)
        continue;
      for (guint k = 0; k < hunk->a_len; k++)
        match[hunk->a_start + k] = (gint) (hunk->b_start + k);
    }
  return match;
}

static gboolean
ranges_equal (char **x,
              guint  x_start,
              guint  x_end,
              char **y,
              guint  y_start,
              guint  y_end)
{
  if (x_end - x_start != y_end - y_start)
    return FALSE;
  for (guint k = 0; k < x_end - x_start; k++)
    if (strcmp (x[x_start + k], y[y_start + k]) != 0)
      return FALSE;
  return TRUE;
}

static void
append_range (GPtrArray *out,
              char     **lines,
              guint      start,
              guint      end)
{
  for (guint k = start; k < end; k++)
    g_ptr_array_add (out, lines[k]);
}

/**
 * commons_merge_text:
 * @base: (nullable): the common ancestor's text
 * @left: one side's text
 * @right: the other side's text
 * @conflict: (out): set when both sides changed the same lines
 *
 * Three-way merges two texts line by line. Runs of lines changed on one
 * side only take that side; runs changed identically on both sides are
 * taken once; anything else is a conflict, and no text is returned.
 *
 * Returns: (transfer full) (nullable): the merged text, or %NULL on conflict
 */
char *
commons_merge_text (const char *base,
                    const char *left,
                    const char *right,
                    gboolean   *conflict)
{
  g_auto(GStrv) b = NULL;
  g_auto(GStrv) l = NULL;
  g_auto(GStrv) r = NULL;
  g_autoptr(GArray) bl = NULL;
  g_autoptr(GArray) br = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autofree gint *match_l = NULL;
  g_autofree gint *match_r = NULL;
  guint nb, nl, nr;
  guint i = 0, il = 0, ir = 0;

  g_return_val_if_fail (left != NULL && right != NULL && conflict != NULL, NULL);

  *conflict = FALSE;
  if (base == NULL)
    base = "";
  if (g_str_equal (left, right) || g_str_equal (base, right))
    return g_strdup (left);
  if (g_str_equal (base, left))
    return g_strdup (right);

  bl = commons_diff_text (base, left, &b, &l);
  br = commons_diff_text (base, right, NULL, &r);
  nb = g_strv_length (b);
  nl = g_strv_length (l);
  nr = g_strv_length (r);
  match_l = match_base (bl, nb);
  match_r = match_base (br, nb);

  for (;;)
    {
      guint next = i;
      guint end_l, end_r;

      /* In step on a line unchanged on both sides: keep it. */
      if (i < nb && match_l[i] == (gint) il && match_r[i] == (gint) ir)
        {
          g_ptr_array_add (out, b[i]);
          i++, il++, ir++;
          continue;
        }

      /* Otherwise the next stable line closes a changed chunk. */
      while (next < nb &&
             !(match_l[next] >= (gint) il && match_r[next] >= (gint) ir))
        next++;
      end_l = next < nb ? (guint) match_l[next] : nl;
      end_r = next < nb ? (guint) match_r[next] : nr;

      if (ranges_equal (l, il, end_l, b, i, next))
        append_range (out, r, ir, end_r);
      else if (ranges_equal (r, ir, end_r, b, i, next) ||
               ranges_equal (l, il, end_l, r, ir, end_r))
        append_range (out, l, il, end_l);
      else
        {
          *conflict = TRUE;
          return NULL;
        }

      i = next, il = end_l, ir = end_r;
      if (i >= nb)
        break;
    }

  g_ptr_array_add (out, NULL);
  return g_strjoinv ("\n", (char **) out->pdata);
}

static char *
canonical_or_null (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  return commons_json_canonical (node, NULL);
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  g_autofree char *ca = canonical_or_null (a);
  g_autofree char *cb = canonical_or_null (b);

  return g_strcmp0 (ca, cb) == 0;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* Long text is merged line by line; a short field (a title, a level) is
 * one value, settled by the fixed rule. Text is long if its field holds
 * prose by nature or any version of it has more than one line. */
static gboolean
is_long_text (const char *key,
              JsonNode   *base,
              JsonNode   *left,
              JsonNode   *right)
{
  static const char * const prose[] = {
    "body", "summary", "assessment", "accessibility", "comment", NULL
  };
  JsonNode *nodes[] = { base, left, right };

  if (g_strv_contains (prose, key))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    if (is_string (nodes[i]) && strchr (json_node_get_string (nodes[i]), '\n') != NULL)
      return TRUE;
  return FALSE;
}

/* The side whose value stands where both changed a field that is not
 * merged line by line: the later revision, the greater id on a tie. */
static gboolean
left_wins (CommonsRevision *left,
           CommonsRevision *right)
{
  int cmp = strcmp (commons_revision_get_time (left), commons_revision_get_time (right));

  if (cmp != 0)
    return cmp > 0;
  return strcmp (commons_revision_get_id (left), commons_revision_get_id (right)) > 0;
}

static gboolean
field_deleted (JsonObject *fields)
{
  JsonNode *node = json_object_get_member (fields, "deleted");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * commons_merge_revisions:
 * @base: (nullable): the heads' lowest common ancestor
 * @left: a head
 * @right: another head of the same record
 * @error: return location for a #GError
 *
 * Merges two heads field by field: a field changed on one side only takes
 * that side; a text changed on both sides merges line by line; any other
 * field changed on both sides takes the later head's value. An edit
 * concurrent with a delete wins. The result has both heads as parents, no
 * author, and the later of their times.
 *
 * Returns: (transfer full): the merge revision, or %NULL with
 *   %COMMONS_MERGE_ERROR_CONFLICT when the same lines changed on both sides
 */
CommonsRevision *
commons_merge_revisions (CommonsRevision  *base,
                         CommonsRevision  *left,
                         CommonsRevision  *right,
                         GError          **error)
{
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  JsonObject *fb, *fl, *fr;
  const char *parents[3];
  const char *time;
  gboolean base_deleted, deleted;
  gboolean left_first = left_wins (left, right);
  JsonObject *sources[3];

  g_return_val_if_fail (left != NULL && right != NULL, NULL);

  if (!g_str_equal (commons_revision_get_record (left), commons_revision_get_record (right)) ||
      !g_str_equal (commons_revision_get_kind (left), commons_revision_get_kind (right)))
    {
      g_set_error_literal (error, COMMONS_MERGE_ERROR, COMMONS_MERGE_ERROR_INVALID,
                           _("Only revisions of the same record can be merged"));
      return NULL;
    }

  fb = base != NULL ? commons_revision_get_fields (base) : empty;
  fl = commons_revision_get_fields (left);
  fr = commons_revision_get_fields (right);

  sources[0] = fb, sources[1] = fl, sources[2] = fr;
  for (guint s = 0; s < 3; s++)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *node;

      json_object_iter_init (&iter, sources[s]);
      while (json_object_iter_next (&iter, &key, &node))
        if (g_hash_table_add (seen, (gpointer) key))
          g_ptr_array_add (keys, (gpointer) key);
    }
  g_ptr_array_sort (keys, compare_keys);

  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = g_ptr_array_index (keys, k);
      JsonNode *nb = json_object_get_member (fb, key);
      JsonNode *nl = json_object_get_member (fl, key);
      JsonNode *nr = json_object_get_member (fr, key);
      JsonNode *pick;

      if (nodes_equal (nl, nr) || nodes_equal (nb, nr))
        pick = nl;
      else if (nodes_equal (nb, nl))
        pick = nr;
      else if (is_string (nl) && is_string (nr) && (nb == NULL || is_string (nb)) &&
               is_long_text (key, nb, nl, nr))
        {
          gboolean conflict = FALSE;
          g_autofree char *text = commons_merge_text (nb != NULL ? json_node_get_string (nb) : NULL,
                                                      json_node_get_string (nl),
                                                      json_node_get_string (nr),
                                                      &conflict);

          if (conflict)
            {
              g_set_error (error, COMMONS_MERGE_ERROR, COMMONS_MERGE_ERROR_CONFLICT,
                           _("Both versions changed the same lines of “%s”"), key);
              return NULL;
            }
          json_object_set_string_member (merged, key, text);
          continue;
        }
      else
        pick = left_first ? nl : nr;

      /* A field removed on the winning side stays removed. */
      if (pick != NULL)
        json_object_set_member (merged, key, json_node_copy (pick));
    }

  /* Comments and answers keep their place when deleted (replies stay
   * under a comment) and say so in a "deleted" field; the rule is the one
   * for deleted revisions below: an edit made meanwhile brings them back.
   * Other kinds have no such field, and merge as they always did. */
  if (commons_discussion_is_kind (commons_revision_get_kind (left)) &&
      field_deleted (merged) && !field_deleted (fb))
    {
      JsonObject *live = NULL;

      if (field_deleted (fl) && !field_deleted (fr))
        live = fr;
      else if (field_deleted (fr) && !field_deleted (fl))
        live = fl;
      if (live != NULL)
        {
          g_autoptr(JsonNode) nlive = json_node_alloc ();
          g_autoptr(JsonNode) nbase = json_node_alloc ();

          json_node_init_object (nlive, live);
          json_node_init_object (nbase, fb);
          if (!nodes_equal (nlive, nbase))
            json_object_remove_member (merged, "deleted");
        }
    }

  /* Deletion: a side that deleted wins over one that left the record
   * alone, but an edit made meanwhile brings the record back. */
  base_deleted = base != NULL && commons_revision_get_deleted (base);
  if (commons_revision_get_deleted (left) == commons_revision_get_deleted (right))
    deleted = commons_revision_get_deleted (left);
  else if (commons_revision_get_deleted (left) == base_deleted)
    deleted = commons_revision_get_deleted (right);
  else
    deleted = commons_revision_get_deleted (left);
  if (deleted)
    {
      JsonObject *live = commons_revision_get_deleted (left) ? fr : fl;
      gboolean live_side_deleted = commons_revision_get_deleted (left) ?
                                   commons_revision_get_deleted (right) :
                                   commons_revision_get_deleted (left);
      g_autoptr(JsonNode) nlive = json_node_alloc ();
      g_autoptr(JsonNode) nbase = json_node_alloc ();

      json_node_init_object (nlive, live);
      json_node_init_object (nbase, fb);
      if (!live_side_deleted && !nodes_equal (nlive, nbase))
        deleted = FALSE;
    }

  time = strcmp (commons_revision_get_time (left), commons_revision_get_time (right)) >= 0 ?
         commons_revision_get_time (left) : commons_revision_get_time (right);
  parents[0] = commons_revision_get_id (left);
  parents[1] = commons_revision_get_id (right);
  parents[2] = NULL;

  return commons_revision_new (commons_revision_get_record (left),
                               commons_revision_get_kind (left),
                               parents, NULL, time, deleted, merged, error);
}

/* Every revision reachable from @start by parents, @start included. */
static GHashTable *
ancestors (const char             *start,
           CommonsRevisionLookup   lookup,
           gpointer                user_data,
           GHashTable             *known)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (todo, g_strdup (start));
  while (todo->len > 0)
    {
      char *id = g_ptr_array_steal_index_fast (todo, todo->len - 1);
      CommonsRevision *revision;
      const char * const *parents;

      if (g_hash_table_contains (seen, id))
        {
          g_free (id);
          continue;
        }
      g_hash_table_add (seen, id);
      revision = g_hash_table_lookup (known, id);
      if (revision == NULL)
        {
          revision = lookup (id, user_data);
          if (revision == NULL)
            continue;
          g_hash_table_insert (known, g_strdup (id), revision);
        }
      parents = commons_revision_get_parents (revision);
      for (guint i = 0; parents[i] != NULL; i++)
        g_ptr_array_add (todo, g_strdup (parents[i]));
    }
  return seen;
}

/**
 * commons_merge_find_base:
 * @a: a revision id
 * @b: another revision id
 * @lookup: (scope call): finds a revision by id, or %NULL if not held
 *
 * The lowest common ancestor of two revisions, as every replica and the
 * server pick it: a common ancestor (either revision itself counts) that
 * is not an ancestor of another common ancestor; among several, the
 * latest, then the greatest id. The client store finds the same one with
 * one recursive query.
 *
 * Returns: (transfer full) (nullable): the base, or %NULL if they share
 *   no ancestor
 */
CommonsRevision *
commons_merge_find_base (const char             *a,
                         const char             *b,
                         CommonsRevisionLookup   lookup,
                         gpointer                user_data)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) commons_revision_unref);
  g_autoptr(GHashTable) up_a = ancestors (a, lookup, user_data, known);
  g_autoptr(GHashTable) up_b = ancestors (b, lookup, user_data, known);
  g_autoptr(GHashTable) below = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) common = g_ptr_array_new ();
  CommonsRevision *best = NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, up_a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (up_b, key) && g_hash_table_contains (known, key))
      g_ptr_array_add (common, key);

  /* Strict ancestors of any common ancestor are not lowest. */
  for (guint i = 0; i < common->len; i++)
    {
      CommonsRevision *revision = g_hash_table_lookup (known, g_ptr_array_index (common, i));
      const char * const *parents = commons_revision_get_parents (revision);

      for (guint p = 0; parents[p] != NULL; p++)
        {
          g_autoptr(GHashTable) up = ancestors (parents[p], lookup, user_data, known);
          GHashTableIter inner;
          gpointer id;

          g_hash_table_iter_init (&inner, up);
          while (g_hash_table_iter_next (&inner, &id, NULL))
            g_hash_table_add (below, g_strdup (id));
        }
    }

  for (guint i = 0; i < common->len; i++)
    {
      const char *id = g_ptr_array_index (common, i);
      CommonsRevision *revision = g_hash_table_lookup (known, id);
      int order;

      if (g_hash_table_contains (below, id))
        continue;
      if (best == NULL)
        {
          best = revision;
          continue;
        }
      order = strcmp (commons_revision_get_time (revision), commons_revision_get_time (best));
      if (order > 0 || (order == 0 && strcmp (id, commons_revision_get_id (best)) > 0))
        best = revision;
    }

  return best != NULL ? commons_revision_ref (best) : NULL;
}
