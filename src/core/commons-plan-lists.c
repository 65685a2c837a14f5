/* commons-plan-lists.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include "commons-plan-private.h"

/* A plan's lists, as list models a view binds to: objectives and
 * materials of CommonsPlanItem, activities of CommonsActivity. The plan
 * owns each model and changes it only here, so that it can follow the
 * activities' minutes for its duration. */

/* Objectives and materials. */

static void
set_items (GListStore         *store,
           const char * const *texts)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    g_ptr_array_add (items, commons_plan_item_new (texts[i]));
  /* One items-changed for the whole list. */
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

static void
insert_item (GListStore *store,
             int         position,
             const char *text)
{
  g_autoptr(CommonsPlanItem) item = commons_plan_item_new (text);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (position < 0 || (guint) position > n)
    position = n;
  g_list_store_insert (store, position, item);
}

/**
 * commons_plan_get_objectives:
 *
 * Returns: (transfer none): the objectives, a #GListModel of
 *   #CommonsPlanItem that the plan owns; change it through the plan
 */
GListModel *
commons_plan_get_objectives (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return G_LIST_MODEL (self->objectives);
}

/**
 * commons_plan_set_objectives:
 * @objectives: (nullable) (array zero-terminated=1): the new list
 *
 * Replaces every objective at once.
 */
void
commons_plan_set_objectives (CommonsPlan        *self,
                             const char * const *objectives)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_items (self->objectives, objectives);
}

/**
 * commons_plan_insert_objective:
 * @position: where to insert, or -1 to append
 */
void
commons_plan_insert_objective (CommonsPlan *self,
                               int          position,
                               const char  *text)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  insert_item (self->objectives, position, text);
}

void
commons_plan_remove_objective (CommonsPlan *self,
                               guint        position)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->objectives)));
  g_list_store_remove (self->objectives, position);
}

/**
 * commons_plan_get_materials:
 *
 * Returns: (transfer none): the materials, a #GListModel of
 *   #CommonsPlanItem that the plan owns; change it through the plan
 */
GListModel *
commons_plan_get_materials (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return G_LIST_MODEL (self->materials);
}

/**
 * commons_plan_set_materials:
 * @materials: (nullable) (array zero-terminated=1): the new list
 *
 * Replaces every material at once.
 */
void
commons_plan_set_materials (CommonsPlan        *self,
                            const char * const *materials)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_items (self->materials, materials);
}

/**
 * commons_plan_insert_material:
 * @position: where to insert, or -1 to append
 */
void
commons_plan_insert_material (CommonsPlan *self,
                              int          position,
                              const char  *text)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  insert_item (self->materials, position, text);
}

void
commons_plan_remove_material (CommonsPlan *self,
                              guint        position)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->materials)));
  g_list_store_remove (self->materials, position);
}

/* Activities. */

static void
activity_minutes_cb (CommonsPlan *self)
{
  g_assert (COMMONS_IS_PLAN (self));

  _commons_plan_update_duration (self);
}

/* Called by commons-plan-fields.c as it reads, before anyone can watch. */
void
_commons_plan_add_activities (CommonsPlan      *self,
                              CommonsActivity **activities,
                              guint             n_activities)
{
  for (guint i = 0; i < n_activities; i++)
    g_signal_connect_object (activities[i], "notify::minutes", G_CALLBACK (activity_minutes_cb),
                             self, G_CONNECT_SWAPPED);
  g_list_store_splice (self->activities, g_list_model_get_n_items (G_LIST_MODEL (self->activities)),
                       0, (gpointer *) activities, n_activities);
  _commons_plan_update_duration (self);
}

/**
 * commons_plan_get_activities:
 *
 * Returns: (transfer none): the activities, in order, a #GListModel of
 *   #CommonsActivity that the plan owns. Change an activity through its
 *   properties and the list through the plan.
 */
GListModel *
commons_plan_get_activities (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return G_LIST_MODEL (self->activities);
}

/**
 * commons_plan_insert_activity:
 * @position: where to insert, or -1 to append
 * @activity: (transfer none): the activity, which the plan holds from
 *   now on and follows as it is edited; it is in no other plan
 */
void
commons_plan_insert_activity (CommonsPlan     *self,
                              int              position,
                              CommonsActivity *activity)
{
  guint n;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (COMMONS_IS_ACTIVITY (activity));
  g_return_if_fail (!g_list_store_find (self->activities, activity, NULL));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  if (position < 0 || (guint) position > n)
    position = n;
  g_signal_connect_object (activity, "notify::minutes", G_CALLBACK (activity_minutes_cb),
                           self, G_CONNECT_SWAPPED);
  g_list_store_insert (self->activities, position, activity);
  _commons_plan_update_duration (self);
}

void
commons_plan_remove_activity (CommonsPlan *self,
                              guint        position)
{
  g_autoptr(CommonsActivity) activity = NULL;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->activities)));

  /* What becomes of it once out of the plan no longer counts here. */
  activity = g_list_model_get_item (G_LIST_MODEL (self->activities), position);
  g_signal_handlers_disconnect_by_func (activity, activity_minutes_cb, self);
  g_list_store_remove (self->activities, position);
  _commons_plan_update_duration (self);
}

/**
 * commons_plan_move_activity:
 * @from: the activity's position
 * @to: its position once moved
 *
 * Moves one activity; those between shift by one. The activities' list
 * says so once, for the whole stretch from @from to @to.
 */
void
commons_plan_move_activity (CommonsPlan *self,
                            guint        from,
                            guint        to)
{
  g_autoptr(GPtrArray) stretch = NULL;
  guint n, first, count;
  gpointer moved;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  g_return_if_fail (from < n);
  g_return_if_fail (to < n);

  if (from == to)
    return;
  first = MIN (from, to);
  count = MAX (from, to) - first + 1;
  stretch = g_ptr_array_new_full (count, g_object_unref);
  for (guint i = first; i < first + count; i++)
    g_ptr_array_add (stretch, g_list_model_get_item (G_LIST_MODEL (self->activities), i));
  moved = g_ptr_array_steal_index (stretch, from - first);
  g_ptr_array_insert (stretch, to - first, moved);
  g_list_store_splice (self->activities, first, count, stretch->pdata, count);
}
