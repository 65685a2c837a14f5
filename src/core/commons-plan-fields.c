/* commons-plan-fields.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-json.h"
#include "commons-plan-private.h"
#include "commons-store-private.h"

/* A plan's fields as revisions carry them: read strictly, written back
 * with whatever a newer version added kept as it was. */

/* Reading fields: strict on the type of every field it knows. */

static gboolean
invalid (GError     **error,
         const char  *field)
{
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
               _("The plan’s “%s” field has the wrong type"), field);
  return FALSE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, name);
  g_free (*out);
  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Reads a list of strings and gives it to the plan through @set, so that
 * its list says it changed once. */
static gboolean
read_items (JsonObject  *object,
            const char  *name,
            CommonsPlan *plan,
            void       (*set) (CommonsPlan *, const char * const *),
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) texts = NULL;
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, name);
  array = json_node_get_array (node);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        return invalid (error, name);
      g_strv_builder_add (builder, json_node_get_string (item));
    }
  texts = g_strv_builder_end (builder);
  set (plan, (const char * const *) texts);
  return TRUE;
}

static CommonsActivity *
read_activity (JsonNode  *node,
               GError   **error)
{
  g_autoptr(CommonsActivity) activity = commons_activity_new (NULL, NULL, 0);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "activities"), NULL;
  object = json_node_get_object (node);
  if (!read_string (object, "title", &activity->title, error) ||
      !read_string (object, "instructions", &activity->instructions, error))
    return NULL;

  member = json_object_get_member (object, "minutes");
  if (member != NULL)
    {
      gint64 minutes;

      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
        return invalid (error, "minutes"), NULL;
      minutes = json_node_get_int (member);
      if (minutes < 0 || minutes > COMMONS_PLAN_MAX_MINUTES)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
                       _("An activity lasts between 0 and %d minutes"), COMMONS_PLAN_MAX_MINUTES);
          return NULL;
        }
      activity->minutes = minutes;
    }

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (g_str_equal (name, "title") || g_str_equal (name, "instructions") ||
          g_str_equal (name, "minutes"))
        continue;
      if (activity->extra == NULL)
        activity->extra = json_object_new ();
      json_object_set_member (activity->extra, name, json_node_copy (member));
    }
  return g_steal_pointer (&activity);
}

static gboolean
read_derived_from (JsonObject  *fields,
                   JsonObject **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (fields, "derived_from");
  JsonObject *object;
  const char *strings[] = { "title", "author_name", "license", "time" };
  JsonNode *member;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "derived_from");
  object = json_node_get_object (node);

  member = json_object_get_member (object, "record");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING ||
      !commons_uuid_is_valid (json_node_get_string (member)))
    return invalid (error, "derived_from");
  member = json_object_get_member (object, "revision");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
      json_node_get_value_type (member) != G_TYPE_STRING ||
      !commons_revision_id_is_valid (json_node_get_string (member)))
    return invalid (error, "derived_from");
  member = json_object_get_member (object, "author");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member) &&
      (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING))
    return invalid (error, "derived_from");
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      member = json_object_get_member (object, strings[i]);
      if (member != NULL &&
          (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING))
        return invalid (error, "derived_from");
    }

  *out = json_object_ref (object);
  return TRUE;
}

static const char * const known_fields[] = {
  "title", "summary", "subject", "level", "language", "license",
  "assessment", "accessibility", "objectives", "materials", "activities",
  "derived_from", "credit",
  /* Derived from the activities: never trusted when read. */
  "duration",
};

/**
 * commons_field_get_label:
 * @name: a field of a note, a plan or an activity, as stored
 *
 * How the app names a field where a person reads it (history, the
 * conflict view): the labels of the plan form.
 *
 * Returns: the translated label, or @name for a field this version of
 *   Commons does not know (one from a newer version, say)
 */
const char *
commons_field_get_label (const char *name)
{
  static const struct
  {
    const char *name;
    const char *label;
  } labels[] = {
    { "title", N_("Title") },
    { "body", N_("Text") },
    { "summary", N_("Summary") },
    { "subject", N_("Subject") },
    { "level", N_("Level") },
    { "language", N_("Language") },
    { "license", N_("License") },
    { "objectives", N_("Objectives") },
    { "materials", N_("Materials") },
    { "activities", N_("Activities") },
    { "assessment", N_("Assessment") },
    { "accessibility", N_("Accessibility") },
    { "credit", N_("Credit") },
    { "duration", N_("Duration") },
    /* Translators: in a plan's history, the heading of a change to the
     * plan this one was remixed from. */
    { "derived_from", N_("Remixed from") },
    /* The parts of an activity. */
    { "minutes", N_("Minutes") },
    { "instructions", N_("Instructions") },
  };

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].name, name))
      return _(labels[i].label);
  return name;
}

/**
 * commons_plan_new_from_fields:
 * @fields: a plan revision's fields
 *
 * Reads a plan. A field it knows with the wrong type is an error; fields
 * it does not know are kept and written back by commons_plan_to_fields().
 * Values are not judged here (see commons_plan_validate()), so plans from
 * others always open.
 *
 * Returns: (transfer full): the plan, or %NULL
 */
CommonsPlan *
commons_plan_new_from_fields (JsonObject  *fields,
                              GError     **error)
{
  g_autoptr(CommonsPlan) self = commons_plan_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (fields != NULL, NULL);

  if (!read_string (fields, "title", &self->title, error) ||
      !read_string (fields, "summary", &self->summary, error) ||
      !read_string (fields, "subject", &self->subject, error) ||
      !read_string (fields, "level", &self->level, error) ||
      !read_string (fields, "language", &self->language, error) ||
      !read_string (fields, "license", &self->license, error) ||
      !read_string (fields, "assessment", &self->assessment, error) ||
      !read_string (fields, "accessibility", &self->accessibility, error) ||
      !read_string (fields, "credit", &self->credit, error) ||
      !read_items (fields, "objectives", self, commons_plan_set_objectives, error) ||
      !read_items (fields, "materials", self, commons_plan_set_materials, error) ||
      !read_derived_from (fields, &self->derived_from, error))
    return NULL;

  member = json_object_get_member (fields, "activities");
  if (member != NULL)
    {
      g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return invalid (error, "activities"), NULL;
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          CommonsActivity *activity = read_activity (json_array_get_element (array, i), error);

          if (activity == NULL)
            return NULL;
          g_ptr_array_add (activities, activity);
        }
      _commons_plan_add_activities (self, (CommonsActivity **) activities->pdata, activities->len);
    }

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (known_fields, name))
      json_object_set_member (self->extra, name, json_node_copy (member));

  return g_steal_pointer (&self);
}

/**
 * commons_plan_new_from_revision:
 *
 * Returns: (transfer full): the plan as of @revision, which knows its
 *   record and revision but not its scope
 */
CommonsPlan *
commons_plan_new_from_revision (CommonsRevision  *revision,
                                GError          **error)
{
  CommonsPlan *self;

  g_return_val_if_fail (revision != NULL, NULL);

  if (g_strcmp0 (commons_revision_get_kind (revision), COMMONS_PLAN_KIND) != 0)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_A_PLAN,
                   _("The record is not a lesson plan"));
      return NULL;
    }
  self = commons_plan_new_from_fields (commons_revision_get_fields (revision), error);
  if (self == NULL)
    return NULL;
  self->record = g_strdup (commons_revision_get_record (revision));
  self->revision = g_strdup (commons_revision_get_id (revision));
  return self;
}

static JsonNode *
items_node (GListModel *items)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsPlanItem) item = g_list_model_get_item (items, i);

      json_array_add_string_element (array, commons_plan_item_get_text (item));
    }
  json_node_init_array (node, array);
  json_array_unref (array);
  return node;
}

/**
 * commons_plan_to_fields:
 *
 * Returns: (transfer full): the plan as a revision's fields
 */
JsonObject *
commons_plan_to_fields (CommonsPlan *self)
{
  JsonObject *fields = json_object_new ();
  JsonArray *activities = json_array_new ();
  guint n_activities;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);

  json_object_iter_init (&iter, self->extra);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (fields, name, json_node_copy (member));

  json_object_set_string_member (fields, "title", self->title);
  json_object_set_string_member (fields, "summary", self->summary);
  json_object_set_string_member (fields, "subject", self->subject);
  json_object_set_string_member (fields, "level", self->level);
  json_object_set_string_member (fields, "language", self->language);
  json_object_set_string_member (fields, "license", self->license);
  json_object_set_string_member (fields, "assessment", self->assessment);
  json_object_set_string_member (fields, "accessibility", self->accessibility);
  json_object_set_member (fields, "objectives", items_node (G_LIST_MODEL (self->objectives)));
  json_object_set_member (fields, "materials", items_node (G_LIST_MODEL (self->materials)));

  n_activities = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  for (guint i = 0; i < n_activities; i++)
    {
      g_autoptr(CommonsActivity) activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);
      JsonObject *object = json_object_new ();

      if (activity->extra != NULL)
        {
          json_object_iter_init (&iter, activity->extra);
          while (json_object_iter_next (&iter, &name, &member))
            json_object_set_member (object, name, json_node_copy (member));
        }
      json_object_set_string_member (object, "title", activity->title);
      json_object_set_string_member (object, "instructions", activity->instructions);
      json_object_set_int_member (object, "minutes", activity->minutes);
      json_array_add_object_element (activities, object);
    }
  json_object_set_array_member (fields, "activities", activities);

  if (self->derived_from != NULL)
    {
      JsonNode *node = json_node_alloc ();

      json_node_init_object (node, self->derived_from);
      json_object_set_member (fields, "derived_from", json_node_copy (node));
      json_node_unref (node);
      json_object_set_string_member (fields, "credit", self->credit);
    }
  else if (*self->credit != '\0')
    json_object_set_string_member (fields, "credit", self->credit);

  return fields;
}

