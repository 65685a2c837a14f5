/* commons-conflict.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-conflict"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-conflict.h"
#include "commons-plan.h"
#include "commons-record-list.h"
#include "commons-review.h"
#include "commons-sync.h"

/* A record in conflict has several heads whose text changes overlapped.
 * Its resolution is an ordinary revision, authored by the person, with
 * every head as a parent: commons_store_edit_record() of a record in
 * conflict writes exactly that. The app's conflict view and the command
 * line both resolve through here, so they check the same things. */

G_DEFINE_QUARK (commons-conflict-error-quark, commons_conflict_error)

/* The kinds a person can find in conflict and resolve. */
static const char * const conflict_kinds[] = { "plan", "note", "review", NULL };

static gboolean
add_scope (CommonsStore  *store,
           const char    *scope,
           GPtrArray     *ids,
           GError       **error)
{
  for (guint k = 0; conflict_kinds[k] != NULL; k++)
    {
      g_autoptr(GArray) rows = commons_store_list_conflicts (store, conflict_kinds[k], scope, error);

      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr(CommonsRecordSummary) summary =
            commons_record_summary_load (store, g_array_index (rows, gint64, i), NULL);

          if (summary != NULL)
            g_ptr_array_add (ids, g_strdup (commons_record_summary_get_id (summary)));
        }
    }
  return TRUE;
}

/**
 * commons_conflict_list_records:
 * @scope: (nullable): %COMMONS_SCOPE_LOCAL or a group id; %NULL for the
 *   private library and every group
 *
 * Returns: (transfer full) (element-type utf8): the ids of the live
 *   records in conflict, plans first, newest first within a kind
 */
GPtrArray *
commons_conflict_list_records (CommonsStore  *store,
                               const char    *scope,
                               GError       **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  if (scope != NULL)
    {
      if (!add_scope (store, scope, ids, error))
        return NULL;
      return g_steal_pointer (&ids);
    }

  if (!add_scope (store, COMMONS_SCOPE_LOCAL, ids, error))
    return NULL;
  {
    g_autoptr(GPtrArray) groups = commons_store_list_groups (store, error);

    if (groups == NULL)
      return NULL;
    for (guint i = 0; i < groups->len; i++)
      {
        CommonsGroup *group = g_ptr_array_index (groups, i);

        if (!add_scope (store, group->id, ids, error))
          return NULL;
      }
  }
  return g_steal_pointer (&ids);
}

/**
 * commons_conflict_dup_heads:
 *
 * The record's heads, the displayed one first, when it is in conflict.
 *
 * Returns: (transfer container) (element-type CommonsRevision): two heads
 *   or more, or %NULL with @error set (%COMMONS_CONFLICT_ERROR_NOT_IN_CONFLICT
 *   when there is only one)
 */
GPtrArray *
commons_conflict_dup_heads (CommonsStore  *store,
                            const char    *record,
                            GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  heads = commons_store_get_heads (store, record, error);
  if (heads == NULL)
    return NULL;
  if (heads->len == 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                   _("The record does not exist"));
      return NULL;
    }
  if (heads->len < 2)
    {
      g_set_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_NOT_IN_CONFLICT,
                   _("The record is not in conflict"));
      return NULL;
    }
  return g_steal_pointer (&heads);
}

/**
 * commons_conflict_differing_fields:
 * @heads: (element-type CommonsRevision): a record's heads
 *
 * Returns: (transfer full) (element-type utf8): the names of the fields
 *   whose values differ between the heads, the title first and the rest
 *   in name order
 */
GPtrArray *
commons_conflict_differing_fields (GPtrArray *heads)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) differing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GList) keys = NULL;
  CommonsRevision *first;

  g_return_val_if_fail (heads != NULL && heads->len > 0, NULL);

  first = g_ptr_array_index (heads, 0);
  for (guint h = 0; h < heads->len; h++)
    {
      JsonObject *fields = commons_revision_get_fields (g_ptr_array_index (heads, h));
      g_autoptr(GList) members = json_object_get_members (fields);

      for (GList *l = members; l != NULL; l = l->next)
        g_hash_table_add (names, l->data);
    }

  keys = g_list_sort (g_hash_table_get_keys (names), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *a = json_object_get_member (commons_revision_get_fields (first), name);
      gboolean differs = FALSE;

      for (guint h = 1; h < heads->len && !differs; h++)
        {
          JsonObject *fields = commons_revision_get_fields (g_ptr_array_index (heads, h));
          JsonNode *b = json_object_get_member (fields, name);

          differs = (a == NULL) != (b == NULL) || (a != NULL && !json_node_equal (a, b));
        }
      if (!differs)
        continue;
      if (g_str_equal (name, "title"))
        g_ptr_array_insert (differing, 0, g_strdup (name));
      else
        g_ptr_array_add (differing, g_strdup (name));
    }
  return g_steal_pointer (&differing);
}

static JsonObject *
copy_fields (JsonObject *fields)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), fields);
  g_autoptr(JsonNode) copy = json_node_copy (node);

  return json_object_ref (json_node_get_object (copy));
}

/* What each kind's editor would refuse to open is refused here too, so a
 * resolution never writes a record no replica can read. */
static gboolean
check_fields (const char  *kind,
              JsonObject  *fields,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_strcmp0 (kind, COMMONS_PLAN_KIND) == 0)
    {
      g_autoptr(CommonsPlan) plan = commons_plan_new_from_fields (fields, &local_error);

      if (plan != NULL)
        return TRUE;
    }
  else if (g_strcmp0 (kind, COMMONS_REVIEW_KIND) == 0)
    {
      g_autoptr(CommonsReview) review = commons_review_new_from_fields (fields, &local_error);

      if (review != NULL)
        return TRUE;
    }
  else
    {
      const char *text_fields[] = { "title", "body", NULL };

      for (guint i = 0; text_fields[i] != NULL; i++)
        {
          JsonNode *node = json_object_get_member (fields, text_fields[i]);

          if (node != NULL &&
              (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
            {
              g_set_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_INVALID,
                           _("The field “%s” must be text"), text_fields[i]);
              return FALSE;
            }
        }
      return TRUE;
    }

  g_set_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_INVALID,
               _("The resolution is not a valid %s: %s"), kind, local_error->message);
  return FALSE;
}

/**
 * commons_conflict_keep:
 * @record: a record in conflict
 * @head: the id of one of its heads
 *
 * Resolves the conflict by keeping @head's version as it is. The others
 * stay in the history, as parents of the resolution.
 */
gboolean
commons_conflict_keep (CommonsStore  *store,
                       const char    *record,
                       const char    *head,
                       GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(JsonObject) fields = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (head != NULL, FALSE);

  heads = commons_conflict_dup_heads (store, record, error);
  if (heads == NULL)
    return FALSE;
  for (guint i = 0; i < heads->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (heads, i);

      if (g_str_equal (commons_revision_get_id (revision), head))
        {
          fields = copy_fields (commons_revision_get_fields (revision));
          break;
        }
    }
  if (fields == NULL)
    {
      g_set_error (error, COMMONS_CONFLICT_ERROR, COMMONS_CONFLICT_ERROR_NO_SUCH_HEAD,
                   _("The version “%s” is not one of those in conflict"), head);
      return FALSE;
    }
  return commons_store_edit_record (store, record, fields, error);
}

/**
 * commons_conflict_resolve:
 * @record: a record in conflict
 * @changes: the fields that settle it; those not given keep the value of
 *   the version displayed now
 *
 * Resolves the conflict with a version merged by the person.
 */
gboolean
commons_conflict_resolve (CommonsStore  *store,
                          const char    *record,
                          JsonObject    *changes,
                          GError       **error)
{
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(JsonObject) fields = NULL;
  CommonsRevision *shown;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  heads = commons_conflict_dup_heads (store, record, error);
  if (heads == NULL)
    return FALSE;
  shown = g_ptr_array_index (heads, 0);
  fields = copy_fields (commons_revision_get_fields (shown));
  json_object_iter_init (&iter, changes);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (fields, name, json_node_copy (value));

  if (!check_fields (commons_revision_get_kind (shown), fields, error))
    return FALSE;
  return commons_store_edit_record (store, record, fields, error);
}
