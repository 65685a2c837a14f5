/* commons-plan-diff.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include "commons-diff.h"
#include "commons-json.h"
#include "commons-language.h"
#include "commons-license.h"
#include "commons-plan-diff.h"

G_DEFINE_BOXED_TYPE (CommonsPlanChange, commons_plan_change,
                     commons_plan_change_copy, commons_plan_change_free)

CommonsPlanChange *
commons_plan_change_copy (const CommonsPlanChange *self)
{
  CommonsPlanChange *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CommonsPlanChange, 1);
  copy->field = g_strdup (self->field);
  copy->part = g_strdup (self->part);
  copy->old_index = self->old_index;
  copy->new_index = self->new_index;
  copy->kind = self->kind;
  copy->old_value = g_strdup (self->old_value);
  copy->new_value = g_strdup (self->new_value);
  if (self->hunks != NULL)
    {
      copy->hunks = g_array_sized_new (FALSE, FALSE, sizeof (CommonsDiffHunk), self->hunks->len);
      g_array_append_vals (copy->hunks, self->hunks->data, self->hunks->len);
    }
  copy->old_lines = g_strdupv (self->old_lines);
  copy->new_lines = g_strdupv (self->new_lines);
  return copy;
}

void
commons_plan_change_free (CommonsPlanChange *self)
{
  if (self == NULL)
    return;
  g_free (self->field);
  g_free (self->part);
  g_free (self->old_value);
  g_free (self->new_value);
  g_clear_pointer (&self->hunks, g_array_unref);
  g_strfreev (self->old_lines);
  g_strfreev (self->new_lines);
  g_free (self);
}

static CommonsPlanChange *
add_change (GPtrArray             *changes,
            const char            *field,
            const char            *part,
            CommonsPlanChangeKind  kind,
            int                    old_index,
            int                    new_index,
            const char            *old_value,
            const char            *new_value,
            gboolean               long_text)
{
  CommonsPlanChange *change = g_new0 (CommonsPlanChange, 1);

  change->field = g_strdup (field);
  change->part = g_strdup (part);
  change->kind = kind;
  change->old_index = old_index;
  change->new_index = new_index;
  change->old_value = g_strdup (old_value);
  change->new_value = g_strdup (new_value);
  if (long_text)
    change->hunks = commons_diff_text (old_value, new_value, &change->old_lines, &change->new_lines);
  g_ptr_array_add (changes, change);
  return change;
}

static void
diff_string (GPtrArray  *changes,
             const char *field,
             const char *old_value,
             const char *new_value,
             gboolean    long_text)
{
  if (g_strcmp0 (old_value, new_value) != 0)
    add_change (changes, field, NULL, COMMONS_PLAN_CHANGE_MODIFIED, -1, -1,
                old_value, new_value, long_text);
}

typedef void (*PairFunc) (GPtrArray *changes,
                          gpointer   user_data,
                          guint      old_index,
                          guint      new_index);
typedef void (*SingleFunc) (GPtrArray             *changes,
                            gpointer               user_data,
                            CommonsPlanChangeKind  kind,
                            guint                  index);

/* Aligns two lists by the line diff of their items' keys: items deleted
 * and inserted at the same place pair up as modified. */
static void
diff_list (GPtrArray          *changes,
           const char * const *old_keys,
           const char * const *new_keys,
           PairFunc            pair,
           SingleFunc          single,
           gpointer            user_data)
{
  g_autoptr(GArray) hunks = commons_diff_strv (old_keys, new_keys);

  for (guint i = 0; i < hunks->len; i++)
    {
      const CommonsDiffHunk *hunk = &g_array_index (hunks, CommonsDiffHunk, i);
      const CommonsDiffHunk *next = i + 1 < hunks->len ? &g_array_index (hunks, CommonsDiffHunk, i + 1) : NULL;

      if (hunk->op == COMMONS_DIFF_DELETE && next != NULL && next->op == COMMONS_DIFF_INSERT)
        {
          guint paired = MIN (hunk->a_len, next->b_len);

          for (guint k = 0; k < paired; k++)
            pair (changes, user_data, hunk->a_start + k, next->b_start + k);
          for (guint k = paired; k < hunk->a_len; k++)
            single (changes, user_data, COMMONS_PLAN_CHANGE_REMOVED, hunk->a_start + k);
          for (guint k = paired; k < next->b_len; k++)
            single (changes, user_data, COMMONS_PLAN_CHANGE_ADDED, next->b_start + k);
          i++;
        }
      else if (hunk->op == COMMONS_DIFF_DELETE)
        {
          for (guint k = 0; k < hunk->a_len; k++)
            single (changes, user_data, COMMONS_PLAN_CHANGE_REMOVED, hunk->a_start + k);
        }
      else if (hunk->op == COMMONS_DIFF_INSERT)
        {
          for (guint k = 0; k < hunk->b_len; k++)
            single (changes, user_data, COMMONS_PLAN_CHANGE_ADDED, hunk->b_start + k);
        }
    }
}

typedef struct
{
  const char         *field;
  const char * const *old_items;
  const char * const *new_items;
} StringList;

static void
string_pair (GPtrArray *changes,
             gpointer   user_data,
             guint      old_index,
             guint      new_index)
{
  StringList *list = user_data;

  add_change (changes, list->field, NULL, COMMONS_PLAN_CHANGE_MODIFIED, old_index, new_index,
              list->old_items[old_index], list->new_items[new_index], FALSE);
}

static void
string_single (GPtrArray             *changes,
               gpointer               user_data,
               CommonsPlanChangeKind  kind,
               guint                  index)
{
  StringList *list = user_data;

  if (kind == COMMONS_PLAN_CHANGE_ADDED)
    add_change (changes, list->field, NULL, kind, -1, index, NULL, list->new_items[index], FALSE);
  else
    add_change (changes, list->field, NULL, kind, index, -1, list->old_items[index], NULL, FALSE);
}

static void
diff_strings (GPtrArray          *changes,
              const char         *field,
              const char * const *old_items,
              const char * const *new_items)
{
  StringList list = { field, old_items, new_items };

  diff_list (changes, old_items, new_items, string_pair, string_single, &list);
}

typedef struct
{
  CommonsPlan *old_plan;
  CommonsPlan *new_plan;
} Plans;

static char *
activity_key (CommonsActivity *activity)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s", commons_activity_get_minutes (activity),
                          commons_activity_get_title (activity),
                          commons_activity_get_instructions (activity));
}

static char *
activity_text (CommonsActivity *activity)
{
  return g_strdup_printf ("%s (%u)", commons_activity_get_title (activity),
                          commons_activity_get_minutes (activity));
}

static void
activity_pair (GPtrArray *changes,
               gpointer   user_data,
               guint      old_index,
               guint      new_index)
{
  Plans *plans = user_data;
  g_autoptr(CommonsActivity) a = g_list_model_get_item (commons_plan_get_activities (plans->old_plan), old_index);
  g_autoptr(CommonsActivity) b = g_list_model_get_item (commons_plan_get_activities (plans->new_plan), new_index);

  if (g_strcmp0 (commons_activity_get_title (a), commons_activity_get_title (b)) != 0)
    add_change (changes, "activities", "title", COMMONS_PLAN_CHANGE_MODIFIED, old_index, new_index,
                commons_activity_get_title (a), commons_activity_get_title (b), FALSE);
  if (g_strcmp0 (commons_activity_get_instructions (a), commons_activity_get_instructions (b)) != 0)
    add_change (changes, "activities", "instructions", COMMONS_PLAN_CHANGE_MODIFIED, old_index, new_index,
                commons_activity_get_instructions (a), commons_activity_get_instructions (b), TRUE);
  if (commons_activity_get_minutes (a) != commons_activity_get_minutes (b))
    {
      g_autofree char *old_minutes = g_strdup_printf ("%u", commons_activity_get_minutes (a));
      g_autofree char *new_minutes = g_strdup_printf ("%u", commons_activity_get_minutes (b));

      add_change (changes, "activities", "minutes", COMMONS_PLAN_CHANGE_MODIFIED, old_index, new_index,
                  old_minutes, new_minutes, FALSE);
    }
}

static void
activity_single (GPtrArray             *changes,
                 gpointer               user_data,
                 CommonsPlanChangeKind  kind,
                 guint                  index)
{
  Plans *plans = user_data;
  gboolean added = kind == COMMONS_PLAN_CHANGE_ADDED;
  GListModel *activities = commons_plan_get_activities (added ? plans->new_plan : plans->old_plan);
  g_autoptr(CommonsActivity) activity = g_list_model_get_item (activities, index);
  g_autofree char *text = activity_text (activity);

  add_change (changes, "activities", NULL, kind, added ? -1 : (int) index, added ? (int) index : -1,
              added ? NULL : text, added ? text : NULL, FALSE);
}

static GStrv
activity_keys (CommonsPlan *plan)
{
  GListModel *activities = commons_plan_get_activities (plan);
  guint n = g_list_model_get_n_items (activities);
  GStrv keys = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsActivity) activity = g_list_model_get_item (activities, i);

      keys[i] = activity_key (activity);
    }
  return keys;
}

static char *
member_json (JsonObject *fields,
             const char *name)
{
  JsonNode *node = json_object_get_member (fields, name);

  return node != NULL ? commons_json_canonical (node, NULL) : NULL;
}

/**
 * commons_plan_diff:
 * @old_plan: the earlier version
 * @new_plan: the later version
 *
 * Compares two versions field by field, in the order the editor shows
 * them, then fields this version does not know.
 *
 * Returns: (transfer container) (element-type CommonsPlanChange): the
 *   changes; empty when the versions are the same
 */
GPtrArray *
commons_plan_diff (CommonsPlan *old_plan,
                   CommonsPlan *new_plan)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_plan_change_free);
  g_autoptr(JsonObject) old_fields = NULL;
  g_autoptr(JsonObject) new_fields = NULL;
  g_auto(GStrv) old_items = NULL;
  g_auto(GStrv) new_items = NULL;
  g_auto(GStrv) old_keys = NULL;
  g_auto(GStrv) new_keys = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GList) sorted = NULL;
  Plans plans = { old_plan, new_plan };
  g_autofree char *old_language = NULL;
  g_autofree char *new_language = NULL;
  static const char * const shown[] = {
    "title", "summary", "subject", "level", "language", "license", "objectives",
    "materials", "activities", "assessment", "accessibility", "credit", "derived_from",
  };

  g_return_val_if_fail (COMMONS_IS_PLAN (old_plan), NULL);
  g_return_val_if_fail (COMMONS_IS_PLAN (new_plan), NULL);

  diff_string (changes, "title", commons_plan_get_title (old_plan), commons_plan_get_title (new_plan), FALSE);
  diff_string (changes, "summary", commons_plan_get_summary (old_plan), commons_plan_get_summary (new_plan), TRUE);
  diff_string (changes, "subject", commons_plan_get_subject (old_plan), commons_plan_get_subject (new_plan), FALSE);
  diff_string (changes, "level", commons_plan_get_level (old_plan), commons_plan_get_level (new_plan), FALSE);
  /* Languages and licenses by name: the history is read by people. */
  old_language = commons_language_dup_display_name (commons_plan_get_language (old_plan));
  new_language = commons_language_dup_display_name (commons_plan_get_language (new_plan));
  diff_string (changes, "language", old_language, new_language, FALSE);
  diff_string (changes, "license", commons_license_get_display_name (commons_plan_get_license (old_plan)),
               commons_license_get_display_name (commons_plan_get_license (new_plan)), FALSE);
  old_items = commons_plan_items_dup_strv (commons_plan_get_objectives (old_plan));
  new_items = commons_plan_items_dup_strv (commons_plan_get_objectives (new_plan));
  diff_strings (changes, "objectives", (const char * const *) old_items, (const char * const *) new_items);
  g_clear_pointer (&old_items, g_strfreev);
  g_clear_pointer (&new_items, g_strfreev);
  old_items = commons_plan_items_dup_strv (commons_plan_get_materials (old_plan));
  new_items = commons_plan_items_dup_strv (commons_plan_get_materials (new_plan));
  diff_strings (changes, "materials", (const char * const *) old_items, (const char * const *) new_items);

  old_keys = activity_keys (old_plan);
  new_keys = activity_keys (new_plan);
  diff_list (changes, (const char * const *) old_keys, (const char * const *) new_keys,
             activity_pair, activity_single, &plans);

  diff_string (changes, "assessment", commons_plan_get_assessment (old_plan), commons_plan_get_assessment (new_plan), TRUE);
  diff_string (changes, "accessibility", commons_plan_get_accessibility (old_plan), commons_plan_get_accessibility (new_plan), TRUE);
  diff_string (changes, "credit", commons_plan_get_credit (old_plan), commons_plan_get_credit (new_plan), FALSE);

  /* derived_from and fields from newer versions: compared whole. */
  old_fields = commons_plan_to_fields (old_plan);
  new_fields = commons_plan_to_fields (new_plan);
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (GList *l = json_object_get_members (old_fields); l != NULL; l = g_list_delete_link (l, l))
    g_hash_table_add (names, l->data);
  for (GList *l = json_object_get_members (new_fields); l != NULL; l = g_list_delete_link (l, l))
    g_hash_table_add (names, l->data);
  sorted = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);
  for (GList *l = sorted; l != NULL; l = l->next)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (g_strv_contains (shown, l->data) && !g_str_equal (l->data, "derived_from"))
        continue;
      a = member_json (old_fields, l->data);
      b = member_json (new_fields, l->data);
      if (g_strcmp0 (a, b) == 0)
        continue;
      add_change (changes, l->data, NULL,
                  a == NULL ? COMMONS_PLAN_CHANGE_ADDED :
                  b == NULL ? COMMONS_PLAN_CHANGE_REMOVED : COMMONS_PLAN_CHANGE_MODIFIED,
                  -1, -1, a, b, FALSE);
    }

  return g_steal_pointer (&changes);
}

/**
 * commons_plan_diff_revisions:
 * @old_revision: a plan revision id
 * @new_revision: another revision id of the same plan
 *
 * Returns: (transfer container) (element-type CommonsPlanChange): what
 *   changed from @old_revision to @new_revision
 */
GPtrArray *
commons_plan_diff_revisions (CommonsStore  *store,
                             const char    *old_revision,
                             const char    *new_revision,
                             GError       **error)
{
  g_autoptr(CommonsPlan) a = NULL;
  g_autoptr(CommonsPlan) b = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (old_revision != NULL && new_revision != NULL, NULL);

  a = commons_plan_load_revision (store, old_revision, error);
  if (a == NULL)
    return NULL;
  b = commons_plan_load_revision (store, new_revision, error);
  if (b == NULL)
    return NULL;
  return commons_plan_diff (a, b);
}
