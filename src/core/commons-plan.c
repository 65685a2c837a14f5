/* commons-plan.c
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
#include "commons-license.h"
#include "commons-plan-private.h"
#include "commons-store-private.h"
#include "commons-sync.h"

G_DEFINE_QUARK (commons-plan-error-quark, commons_plan_error)

/* CommonsActivity */

struct _CommonsActivity
{
  char       *title;
  char       *instructions;
  guint       minutes;
  /* Members a newer version wrote, kept as they were. */
  JsonObject *extra;
};

G_DEFINE_BOXED_TYPE (CommonsActivity, commons_activity, commons_activity_copy, commons_activity_free)

CommonsActivity *
commons_activity_new (const char *title,
                      const char *instructions,
                      guint       minutes)
{
  CommonsActivity *self = g_new0 (CommonsActivity, 1);

  self->title = g_strdup (title != NULL ? title : "");
  self->instructions = g_strdup (instructions != NULL ? instructions : "");
  self->minutes = MIN (minutes, COMMONS_PLAN_MAX_MINUTES);
  return self;
}

CommonsActivity *
commons_activity_copy (const CommonsActivity *self)
{
  CommonsActivity *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = commons_activity_new (self->title, self->instructions, self->minutes);
  if (self->extra != NULL)
    copy->extra = json_object_ref (self->extra);
  return copy;
}

void
commons_activity_free (CommonsActivity *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->instructions);
  g_clear_pointer (&self->extra, json_object_unref);
  g_free (self);
}

const char *
commons_activity_get_title (const CommonsActivity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

const char *
commons_activity_get_instructions (const CommonsActivity *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->instructions;
}

guint
commons_activity_get_minutes (const CommonsActivity *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->minutes;
}

gboolean
commons_activity_equal (const CommonsActivity *a,
                        const CommonsActivity *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_str_equal (a->title, b->title) &&
         g_str_equal (a->instructions, b->instructions) &&
         a->minutes == b->minutes;
}

/* CommonsPlan */

struct _CommonsPlan
{
  GObject     parent_instance;

  char       *record;
  char       *revision;
  char       *scope;

  char       *title;
  char       *summary;
  char       *subject;
  char       *level;
  char       *language;
  char       *license;
  char       *assessment;
  char       *accessibility;
  GStrv       objectives;
  GStrv       materials;
  GPtrArray  *activities;
  JsonObject *derived_from;
  char       *credit;
  /* Fields a newer version wrote, kept as they were. */
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (CommonsPlan, commons_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_SUBJECT,
  PROP_LEVEL,
  PROP_LANGUAGE,
  PROP_LICENSE,
  PROP_ASSESSMENT,
  PROP_ACCESSIBILITY,
  PROP_DURATION,
  PROP_RECORD,
  PROP_SCOPE,
  N_PROPS
};

enum {
  ACTIVITIES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char **
string_slot (CommonsPlan *self,
             guint        prop_id)
{
  switch (prop_id)
    {
    case PROP_TITLE: return &self->title;
    case PROP_SUMMARY: return &self->summary;
    case PROP_SUBJECT: return &self->subject;
    case PROP_LEVEL: return &self->level;
    case PROP_LANGUAGE: return &self->language;
    case PROP_LICENSE: return &self->license;
    case PROP_ASSESSMENT: return &self->assessment;
    case PROP_ACCESSIBILITY: return &self->accessibility;
    case PROP_SCOPE: return &self->scope;
    default: return NULL;
    }
}

static void
set_string (CommonsPlan *self,
            guint        prop_id,
            const char  *value)
{
  char **slot = string_slot (self, prop_id);

  g_assert (slot != NULL);
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*slot, value) == 0)
    return;
  g_free (*slot);
  *slot = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
commons_plan_finalize (GObject *object)
{
  CommonsPlan *self = (CommonsPlan *)object;

  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->revision, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->level, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->license, g_free);
  g_clear_pointer (&self->assessment, g_free);
  g_clear_pointer (&self->accessibility, g_free);
  g_clear_pointer (&self->objectives, g_strfreev);
  g_clear_pointer (&self->materials, g_strfreev);
  g_clear_pointer (&self->activities, g_ptr_array_unref);
  g_clear_pointer (&self->derived_from, json_object_unref);
  g_clear_pointer (&self->credit, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (commons_plan_parent_class)->finalize (object);
}

static void
commons_plan_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CommonsPlan *self = COMMONS_PLAN (object);

  switch (prop_id)
    {
    case PROP_DURATION:
      g_value_set_uint (value, commons_plan_get_duration (self));
      break;
    case PROP_RECORD:
      g_value_set_string (value, commons_plan_get_record (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, commons_plan_get_title (self));
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, commons_plan_get_summary (self));
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, commons_plan_get_subject (self));
      break;
    case PROP_LEVEL:
      g_value_set_string (value, commons_plan_get_level (self));
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, commons_plan_get_language (self));
      break;
    case PROP_LICENSE:
      g_value_set_string (value, commons_plan_get_license (self));
      break;
    case PROP_ASSESSMENT:
      g_value_set_string (value, commons_plan_get_assessment (self));
      break;
    case PROP_ACCESSIBILITY:
      g_value_set_string (value, commons_plan_get_accessibility (self));
      break;
    case PROP_SCOPE:
      g_value_set_string (value, commons_plan_get_scope (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_plan_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CommonsPlan *self = COMMONS_PLAN (object);

  /* Through the setters, so that a property set by name keeps their
   * rules (a saved plan's scope does not change). */
  switch (prop_id)
    {
    case PROP_TITLE:
      commons_plan_set_title (self, g_value_get_string (value));
      break;
    case PROP_SUMMARY:
      commons_plan_set_summary (self, g_value_get_string (value));
      break;
    case PROP_SUBJECT:
      commons_plan_set_subject (self, g_value_get_string (value));
      break;
    case PROP_LEVEL:
      commons_plan_set_level (self, g_value_get_string (value));
      break;
    case PROP_LANGUAGE:
      commons_plan_set_language (self, g_value_get_string (value));
      break;
    case PROP_LICENSE:
      commons_plan_set_license (self, g_value_get_string (value));
      break;
    case PROP_ASSESSMENT:
      commons_plan_set_assessment (self, g_value_get_string (value));
      break;
    case PROP_ACCESSIBILITY:
      commons_plan_set_accessibility (self, g_value_get_string (value));
      break;
    case PROP_SCOPE:
      commons_plan_set_scope (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_plan_class_init (CommonsPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = commons_plan_finalize;
  object_class->get_property = commons_plan_get_property;
  object_class->set_property = commons_plan_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, "", flags);
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, "", flags);
  /**
   * CommonsPlan:language:
   *
   * The language the plan is written in, as a BCP 47 tag ("en", "pt-BR").
   */
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "", flags);
  /**
   * CommonsPlan:license:
   *
   * A license id known to commons_license_lookup().
   */
  properties[PROP_LICENSE] = g_param_spec_string ("license", NULL, NULL, COMMONS_LICENSE_DEFAULT, flags);
  properties[PROP_ASSESSMENT] = g_param_spec_string ("assessment", NULL, NULL, "", flags);
  properties[PROP_ACCESSIBILITY] = g_param_spec_string ("accessibility", NULL, NULL, "", flags);
  /**
   * CommonsPlan:duration:
   *
   * Minutes: the sum of the activities' minutes. Derived, never stored.
   */
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CommonsPlan:scope:
   *
   * %COMMONS_SCOPE_LOCAL or the group the plan is shared with. Only a plan
   * not yet saved can change scope.
   */
  properties[PROP_SCOPE] = g_param_spec_string ("scope", NULL, NULL, COMMONS_SCOPE_LOCAL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CommonsPlan::activities-changed:
   * @position: the first activity that changed
   * @removed: how many were removed there
   * @added: how many were added there
   *
   * Like #GListModel::items-changed, for views of the activities.
   */
  signals[ACTIVITIES_CHANGED] =
    g_signal_new ("activities-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
}

static void
commons_plan_init (CommonsPlan *self)
{
  self->scope = g_strdup (COMMONS_SCOPE_LOCAL);
  self->title = g_strdup ("");
  self->summary = g_strdup ("");
  self->subject = g_strdup ("");
  self->level = g_strdup ("");
  self->language = g_strdup ("");
  self->license = g_strdup (COMMONS_LICENSE_DEFAULT);
  self->assessment = g_strdup ("");
  self->accessibility = g_strdup ("");
  self->objectives = g_new0 (char *, 1);
  self->materials = g_new0 (char *, 1);
  self->activities = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_activity_free);
  self->credit = g_strdup ("");
  self->extra = json_object_new ();
}

CommonsPlan *
commons_plan_new (void)
{
  return g_object_new (COMMONS_TYPE_PLAN, NULL);
}

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

static gboolean
read_strv (JsonObject  *object,
           const char  *name,
           GStrv       *out,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = NULL;
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
  g_strfreev (*out);
  *out = g_strv_builder_end (builder);
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
      !read_strv (fields, "objectives", &self->objectives, error) ||
      !read_strv (fields, "materials", &self->materials, error) ||
      !read_derived_from (fields, &self->derived_from, error))
    return NULL;

  member = json_object_get_member (fields, "activities");
  if (member != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return invalid (error, "activities"), NULL;
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          CommonsActivity *activity = read_activity (json_array_get_element (array, i), error);

          if (activity == NULL)
            return NULL;
          g_ptr_array_add (self->activities, activity);
        }
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
strv_node (const char * const *strv)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
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
  json_object_set_member (fields, "objectives", strv_node ((const char * const *) self->objectives));
  json_object_set_member (fields, "materials", strv_node ((const char * const *) self->materials));

  for (guint i = 0; i < self->activities->len; i++)
    {
      const CommonsActivity *activity = g_ptr_array_index (self->activities, i);
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

/* Accessors. */

const char *
commons_plan_get_record (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->record;
}

/**
 * commons_plan_get_revision:
 *
 * Returns: (nullable): the revision the plan was loaded from or last saved
 *   as
 */
const char *
commons_plan_get_revision (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->revision;
}

const char *
commons_plan_get_scope (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->scope;
}

void
commons_plan_set_scope (CommonsPlan *self,
                        const char  *scope)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (scope != NULL && *scope != '\0');
  g_return_if_fail (self->record == NULL);

  set_string (self, PROP_SCOPE, scope);
}

const char *
commons_plan_get_title (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->title;
}

void
commons_plan_set_title (CommonsPlan *self,
                        const char  *title)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_TITLE, title);
}

const char *
commons_plan_get_summary (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->summary;
}

void
commons_plan_set_summary (CommonsPlan *self,
                          const char  *summary)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_SUMMARY, summary);
}

const char *
commons_plan_get_subject (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->subject;
}

void
commons_plan_set_subject (CommonsPlan *self,
                          const char  *subject)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_SUBJECT, subject);
}

const char *
commons_plan_get_level (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->level;
}

void
commons_plan_set_level (CommonsPlan *self,
                        const char  *level)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_LEVEL, level);
}

const char *
commons_plan_get_language (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->language;
}

void
commons_plan_set_language (CommonsPlan *self,
                           const char  *language)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_LANGUAGE, language);
}

const char *
commons_plan_get_license (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->license;
}

void
commons_plan_set_license (CommonsPlan *self,
                          const char  *license)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_LICENSE, license);
}

const char *
commons_plan_get_assessment (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->assessment;
}

void
commons_plan_set_assessment (CommonsPlan *self,
                             const char  *assessment)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_ASSESSMENT, assessment);
}

const char *
commons_plan_get_accessibility (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->accessibility;
}

void
commons_plan_set_accessibility (CommonsPlan *self,
                                const char  *accessibility)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));
  set_string (self, PROP_ACCESSIBILITY, accessibility);
}

const char * const *
commons_plan_get_objectives (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return (const char * const *) self->objectives;
}

void
commons_plan_set_objectives (CommonsPlan        *self,
                             const char * const *objectives)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));

  g_strfreev (self->objectives);
  self->objectives = objectives != NULL ? g_strdupv ((char **) objectives) : g_new0 (char *, 1);
}

const char * const *
commons_plan_get_materials (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return (const char * const *) self->materials;
}

void
commons_plan_set_materials (CommonsPlan        *self,
                            const char * const *materials)
{
  g_return_if_fail (COMMONS_IS_PLAN (self));

  g_strfreev (self->materials);
  self->materials = materials != NULL ? g_strdupv ((char **) materials) : g_new0 (char *, 1);
}

guint
commons_plan_get_n_activities (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), 0);
  return self->activities->len;
}

const CommonsActivity *
commons_plan_get_activity (CommonsPlan *self,
                           guint        position)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  g_return_val_if_fail (position < self->activities->len, NULL);
  return g_ptr_array_index (self->activities, position);
}

static void
activities_changed (CommonsPlan *self,
                    guint        position,
                    guint        removed,
                    guint        added,
                    guint        old_duration)
{
  g_signal_emit (self, signals[ACTIVITIES_CHANGED], 0, position, removed, added);
  if (commons_plan_get_duration (self) != old_duration)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

/**
 * commons_plan_insert_activity:
 * @position: where to insert, or -1 to append
 * @activity: (transfer none): the activity, copied
 */
void
commons_plan_insert_activity (CommonsPlan           *self,
                              int                    position,
                              const CommonsActivity *activity)
{
  guint old_duration;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (activity != NULL);

  old_duration = commons_plan_get_duration (self);
  if (position < 0 || (guint) position > self->activities->len)
    position = self->activities->len;
  g_ptr_array_insert (self->activities, position, commons_activity_copy (activity));
  activities_changed (self, position, 0, 1, old_duration);
}

void
commons_plan_replace_activity (CommonsPlan           *self,
                               guint                  position,
                               const CommonsActivity *activity)
{
  guint old_duration;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (activity != NULL);
  g_return_if_fail (position < self->activities->len);

  old_duration = commons_plan_get_duration (self);
  commons_activity_free (self->activities->pdata[position]);
  self->activities->pdata[position] = commons_activity_copy (activity);
  activities_changed (self, position, 1, 1, old_duration);
}

void
commons_plan_remove_activity (CommonsPlan *self,
                              guint        position)
{
  guint old_duration;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (position < self->activities->len);

  old_duration = commons_plan_get_duration (self);
  g_ptr_array_remove_index (self->activities, position);
  activities_changed (self, position, 1, 0, old_duration);
}

/**
 * commons_plan_move_activity:
 * @from: the activity's position
 * @to: its position once moved
 *
 * Moves one activity; those between shift by one.
 */
void
commons_plan_move_activity (CommonsPlan *self,
                            guint        from,
                            guint        to)
{
  gpointer activity;
  guint first, count;

  g_return_if_fail (COMMONS_IS_PLAN (self));
  g_return_if_fail (from < self->activities->len);
  g_return_if_fail (to < self->activities->len);

  if (from == to)
    return;
  activity = g_ptr_array_steal_index (self->activities, from);
  g_ptr_array_insert (self->activities, to, activity);
  first = MIN (from, to);
  count = MAX (from, to) - first + 1;
  g_signal_emit (self, signals[ACTIVITIES_CHANGED], 0, first, count, count);
}

guint
commons_plan_get_duration (CommonsPlan *self)
{
  guint total = 0;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), 0);

  for (guint i = 0; i < self->activities->len; i++)
    total += ((CommonsActivity *) g_ptr_array_index (self->activities, i))->minutes;
  return total;
}

gboolean
commons_plan_is_remix (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  return self->derived_from != NULL;
}

/**
 * commons_plan_get_derived_from:
 * @member: "record", "revision", "title", "author" (a person id),
 *   "author_name", "license" or "time" (of the revision remixed)
 *
 * Returns: (nullable): that part of what the plan was remixed from
 */
const char *
commons_plan_get_derived_from (CommonsPlan *self,
                               const char  *member)
{
  JsonNode *node;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  g_return_val_if_fail (member != NULL, NULL);

  if (self->derived_from == NULL)
    return NULL;
  node = json_object_get_member (self->derived_from, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * commons_plan_get_credit:
 *
 * Returns: the credit lines of a remix, one per plan it descends from,
 *   nearest first; "" for an original plan
 */
const char *
commons_plan_get_credit (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), NULL);
  return self->credit;
}

/**
 * commons_language_tag_is_valid:
 *
 * Checks a BCP 47 tag loosely: a primary subtag of 2 or 3 letters, then
 * any number of subtags of 1 to 8 letters or digits, separated by "-".
 */
gboolean
commons_language_tag_is_valid (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  gsize len;

  if (tag == NULL || *tag == '\0')
    return FALSE;
  parts = g_strsplit (tag, "-", -1);
  len = strlen (parts[0]);
  if (len < 2 || len > 3)
    return FALSE;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      len = strlen (parts[i]);
      if (len < 1 || len > 8)
        return FALSE;
      for (const char *p = parts[i]; *p != '\0'; p++)
        if (i == 0 ? !g_ascii_isalpha (*p) : !g_ascii_isalnum (*p))
          return FALSE;
    }
  return TRUE;
}

/* Whether an adapted version of a plan under @original may carry
 * @adaptation; when not, @error says why in words the editor can show. */
static gboolean
check_adaptation (const char  *original,
                  const char  *adaptation,
                  GError     **error)
{
  const CommonsLicense *license = commons_license_lookup (original);

  if (commons_license_allows_adaptation_under (original, adaptation))
    return TRUE;
  if (license == NULL)
    g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                 _("The original plan’s license is unknown to this version of Commons, so this adaptation must keep it"));
  else if (!license->allows_derivatives)
    g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                 _("The original plan’s license (%s) does not allow adapted versions"),
                 commons_license_get_name (license));
  else if (license->share_alike)
    g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                 _("The original plan is shared under %s, so this adaptation must keep that license"),
                 commons_license_get_name (license));
  else
    g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                 _("The original plan is shared under %s, which does not allow commercial use, so this adaptation must stay non-commercial"),
                 commons_license_get_name (license));
  return FALSE;
}

/**
 * commons_plan_validate:
 *
 * Checks what saving requires: a title, a known license, a well-formed
 * language tag (or none), and a remix's license rules (see
 * commons_license_allows_adaptation_under()).
 */
gboolean
commons_plan_validate (CommonsPlan  *self,
                       GError      **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);

  {
    g_autofree char *title = g_strstrip (g_strdup (self->title));

    if (*title == '\0')
      {
        g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
                     _("A plan needs a title"));
        return FALSE;
      }
  }
  if (*self->language != '\0' && !commons_language_tag_is_valid (self->language))
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
                   _("“%s” is not a language tag such as “en” or “pt-BR”"), self->language);
      return FALSE;
    }
  if (!commons_license_is_valid (self->license))
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
                   _("“%s” is not a license Commons knows"), self->license);
      return FALSE;
    }

  if (self->derived_from != NULL)
    {
      const char *original = commons_plan_get_derived_from (self, "license");

      if (original != NULL && !check_adaptation (original, self->license, error))
        return FALSE;
      if (*self->credit == '\0')
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                       _("An adapted plan must credit the original"));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * commons_plan_can_remix:
 *
 * Whether others may adapt this plan. When not, @error says why in words
 * the remix button can show.
 */
gboolean
commons_plan_can_remix (CommonsPlan  *self,
                        GError      **error)
{
  const CommonsLicense *license;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);

  license = commons_license_lookup (self->license);
  if (license == NULL)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                   _("This plan’s license is unknown, so it cannot be adapted"));
      return FALSE;
    }
  if (!license->allows_derivatives)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                   _("This plan cannot be remixed: its license (%s) does not allow adapted versions"),
                   commons_license_get_name (license));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_plan_allows_license:
 * @license: a license id
 *
 * Whether the plan may carry @license: any license Commons knows, and for
 * a remix only those its original's license allows. The editor offers
 * only these.
 */
gboolean
commons_plan_allows_license (CommonsPlan *self,
                             const char  *license)
{
  const char *original;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);

  if (!commons_license_is_valid (license))
    return FALSE;
  original = commons_plan_get_derived_from (self, "license");
  /* A remix that does not say what it adapted's license was has nothing
   * to keep. */
  if (original == NULL)
    return TRUE;
  return commons_license_allows_adaptation_under (original, license);
}

/**
 * commons_plan_is_license_locked:
 *
 * Whether the license cannot be changed: this is a remix whose original's
 * license allows only one (a share-alike plan's own, or the one
 * non-commercial license). The editor disables its license picker then.
 */
gboolean
commons_plan_is_license_locked (CommonsPlan *self)
{
  const CommonsLicense *licenses;
  guint n_licenses;
  guint n_allowed = 0;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);

  if (self->derived_from == NULL)
    return FALSE;
  licenses = commons_license_get_all (&n_licenses);
  for (guint i = 0; i < n_licenses; i++)
    if (commons_plan_allows_license (self, licenses[i].id))
      n_allowed++;
  return n_allowed <= 1;
}

/* Through the store. */

/**
 * commons_record_dup_creator:
 * @record: a record id
 *
 * The author of a record's first revision: the person who owns it. Merge
 * revisions have no author and edits by others do not change it.
 * A record has one first author (see _commons_store_receive()).
 *
 * Returns: (transfer full) (nullable): a person id
 */
char *
commons_record_dup_creator (CommonsStore  *store,
                            const char    *record,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  char *author = NULL;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  /* One first author per record: the server and every check on what
   * arrives refuse a first revision by anyone else. One from a file can
   * still be held until the server refuses it (pushed = 2); it never
   * counts before one the server took. */
  stmt = _commons_store_prepare (store,
      "SELECT author FROM revisions v WHERE record = ? AND "
      "NOT EXISTS (SELECT 1 FROM revision_parents p WHERE p.revision = v.id) "
      "ORDER BY pushed = 2, time, id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    author = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                 _("The record does not exist"));
  else if (rc != SQLITE_ROW)
    _commons_store_set_error (store, rc, error);
  return author;
}

/**
 * commons_plan_is_mine:
 * @store: the store the plan is in
 *
 * Returns: whether this person made the plan (or it is not saved yet)
 */
gboolean
commons_plan_is_mine (CommonsPlan  *self,
                      CommonsStore *store)
{
  g_autofree char *creator = NULL;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (self->record == NULL)
    return TRUE;
  creator = commons_record_dup_creator (store, self->record, NULL);
  return commons_store_is_me (store, creator);
}

/* Whether someone other than a plan's author may change a plan under
 * @license_id: not when it forbids adapted versions. */
static gboolean
others_may_change (const char  *license_id,
                   GError     **error)
{
  const CommonsLicense *license = commons_license_lookup (license_id);

  if (license == NULL || license->allows_derivatives)
    return TRUE;
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
               _("Only its author may change this plan: its license (%s) does not allow changes by others"),
               commons_license_get_name (license));
  return FALSE;
}

/**
 * commons_plan_can_edit:
 * @store: the store the plan is in
 *
 * Whether this person may edit the plan: always their own, and others'
 * unless its license forbids changes (CC BY-ND, all rights reserved).
 * When not, @error says why in words the Edit button can show.
 */
gboolean
commons_plan_can_edit (CommonsPlan   *self,
                       CommonsStore  *store,
                       GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (commons_plan_is_mine (self, store))
    return TRUE;
  return others_may_change (self->license, error);
}

/**
 * commons_plan_can_change_license:
 * @store: the store the plan is in
 *
 * Whether this person may pick the plan's license: only its author may
 * relicense a plan, and a remix only within its original's license.
 */
gboolean
commons_plan_can_change_license (CommonsPlan  *self,
                                 CommonsStore *store)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  return commons_plan_is_mine (self, store) && !commons_plan_is_license_locked (self);
}

/**
 * commons_plan_can_share:
 * @record: a record
 *
 * Whether this person may share a copy of @record with a group. A copy
 * is a new record of their own, so a colleague's plan whose license
 * forbids copies (CC BY-ND, all rights reserved) cannot be shared: only
 * its author may. Records of other kinds may always be.
 */
gboolean
commons_plan_can_share (CommonsStore  *store,
                        const char    *record,
                        GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *creator = NULL;
  const CommonsLicense *license;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return FALSE;
  if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_PLAN_KIND) != 0)
    return TRUE;
  creator = commons_record_dup_creator (store, record, NULL);
  if (commons_store_is_me (store, creator))
    return TRUE;
  license = commons_license_lookup (commons_revision_get_string_field (current, "license"));
  if (license == NULL || license->allows_derivatives)
    return TRUE;
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
               _("Only its author may share this plan: its license (%s) does not allow copies by others"),
               commons_license_get_name (license));
  return FALSE;
}

/**
 * commons_plan_can_delete:
 * @store: the store the plan is in
 *
 * Whether this person may delete the plan: anything in their library, and
 * in a group only what they wrote, since a delete there removes it for
 * every member.
 */
gboolean
commons_plan_can_delete (CommonsPlan   *self,
                         CommonsStore  *store,
                         GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (g_strcmp0 (self->scope, COMMONS_SCOPE_LOCAL) == 0 || commons_plan_is_mine (self, store))
    return TRUE;
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS,
               _("Only its author may delete this plan from the group"));
  return FALSE;
}

/**
 * commons_plan_delete:
 * @record: a plan's record id
 *
 * Deletes the plan with a revision that says so (a tombstone): it leaves
 * the lists and search, its history stays, a group's members receive the
 * delete on the next sync, and commons_store_undelete_record() undoes it.
 */
gboolean
commons_plan_delete (CommonsStore  *store,
                     const char    *record,
                     GError       **error)
{
  g_autoptr(CommonsPlan) plan = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  plan = commons_plan_load (store, record, error);
  if (plan == NULL || !commons_plan_can_delete (plan, store, error))
    return FALSE;
  return commons_store_delete_record (store, record, error);
}

/**
 * commons_plan_can_unshare:
 * @store: the store the plan is in
 *
 * Whether this person may take the plan out of its group: only its
 * author may, and only a plan in a group.
 */
gboolean
commons_plan_can_unshare (CommonsPlan   *self,
                          CommonsStore  *store,
                          GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (self->scope == NULL || g_str_equal (self->scope, COMMONS_SCOPE_LOCAL))
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
                   _("This plan is not shared with a group"));
      return FALSE;
    }
  if (!commons_plan_is_mine (self, store))
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS,
                   _("Only its author may stop sharing this plan"));
      return FALSE;
    }
  return TRUE;
}

static char *
canonical_fields (JsonObject *fields)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  json_node_init_object (node, fields);
  return commons_json_canonical (node, NULL);
}

/* A live plan in the library whose current fields are exactly @fields,
 * such as the one a group's copy was shared from and not changed since. */
static char *
find_in_library (CommonsStore  *store,
                 JsonObject    *fields)
{
  g_autofree char *wanted = canonical_fields (fields);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (wanted == NULL)
    return NULL;
  stmt = _commons_store_prepare (store,
      "SELECT id FROM records WHERE kind = 'plan' AND scope = ? AND deleted = 0 AND title = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, COMMONS_SCOPE_LOCAL, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (fields, "title", ""), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CommonsRevision) current = commons_store_get_current (store, g_ptr_array_index (ids, i), NULL);
      g_autofree char *text = NULL;

      if (current == NULL)
        continue;
      text = canonical_fields (commons_revision_get_fields (current));
      if (g_strcmp0 (text, wanted) == 0)
        return g_strdup (g_ptr_array_index (ids, i));
    }
  return NULL;
}

/**
 * commons_plan_unshare:
 * @record: a plan in a group, written by this person
 *
 * Stops sharing the plan: it is deleted from the group, so the other
 * members no longer see it after their next sync, and it stays in this
 * person's library. When the library holds this very version already (the
 * plan was shared from there and not changed since), that is kept;
 * otherwise a private copy of the group's version is made first, so that
 * nothing the person wrote is lost.
 *
 * Returns: (transfer full): the record in the library that holds the plan
 */
char *
commons_plan_unshare (CommonsStore  *store,
                      const char    *record,
                      GError       **error)
{
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *kept = NULL;
  JsonObject *fields;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  plan = commons_plan_load (store, record, error);
  if (plan == NULL || !commons_plan_can_unshare (plan, store, error))
    return NULL;
  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return NULL;
  fields = commons_revision_get_fields (current);

  kept = find_in_library (store, fields);
  if (kept == NULL)
    {
      kept = commons_store_create_record (store, COMMONS_PLAN_KIND, COMMONS_SCOPE_LOCAL, fields, error);
      if (kept == NULL)
        return NULL;
    }
  if (!commons_store_delete_record (store, record, error))
    return NULL;
  return g_steal_pointer (&kept);
}

/* The license a plan revision carries, as the editor would read it. */
static char *
dup_revision_license (CommonsRevision *revision)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new_from_revision (revision, NULL);

  if (plan == NULL)
    return g_strdup (commons_revision_get_string_field (revision, "license"));
  return g_strdup (plan->license);
}

/**
 * commons_plan_check_license_rules:
 * @revision: a plan revision from someone else
 * @creator: (nullable): the author of the record's first revision
 * @lookup: finds the revisions @revision names, as held by the caller
 *
 * The license rules, as they are checked on whatever arrives (DESIGN.md,
 * "Two checks"), by every client and by the server alike: a remix carries
 * a license its original allows, judged by the original itself when it is
 * held rather than by what the remix claims; someone other than a plan's
 * author neither changes a plan whose license forbids it nor changes its
 * license. Merges are not judged: they are recomputed from judged parents.
 *
 * Returns: whether @revision keeps the rules; if not, @error says why
 */
gboolean
commons_plan_check_license_rules (CommonsRevision        *revision,
                                  const char             *creator,
                                  CommonsRevisionLookup   lookup,
                                  gpointer                user_data,
                                  GError                **error)
{
  g_autoptr(CommonsPlan) plan = NULL;
  const char * const *parents;
  const char *author;

  g_return_val_if_fail (revision != NULL, FALSE);
  g_return_val_if_fail (lookup != NULL, FALSE);

  author = commons_revision_get_author (revision);
  if (author == NULL)
    return TRUE;
  /* Fields that do not read as a plan are the shape check's to refuse. */
  plan = commons_plan_new_from_revision (revision, NULL);
  if (plan == NULL)
    return TRUE;

  if (plan->derived_from != NULL)
    {
      const char *original_id = commons_plan_get_derived_from (plan, "revision");
      g_autoptr(CommonsRevision) original = original_id != NULL ? lookup (original_id, user_data) : NULL;
      g_autofree char *original_license = NULL;

      if (original != NULL && g_strcmp0 (commons_revision_get_kind (original), COMMONS_PLAN_KIND) == 0)
        original_license = dup_revision_license (original);
      else
        original_license = g_strdup (commons_plan_get_derived_from (plan, "license"));
      if (original_license != NULL && !check_adaptation (original_license, plan->license, error))
        return FALSE;
    }

  parents = commons_revision_get_parents (revision);
  if (parents[0] != NULL && g_strcmp0 (creator, author) != 0)
    {
      gboolean kept = FALSE;

      for (guint i = 0; parents[i] != NULL; i++)
        {
          g_autoptr(CommonsRevision) parent = lookup (parents[i], user_data);
          g_autofree char *license = NULL;

          if (parent == NULL)
            continue;
          license = dup_revision_license (parent);
          if (!others_may_change (license, error))
            return FALSE;
          if (g_strcmp0 (license, plan->license) == 0)
            kept = TRUE;
        }
      if (!kept)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                       _("Only a plan’s author may change its license"));
          return FALSE;
        }
    }
  return TRUE;
}

static CommonsRevision *
lookup_in_store (const char *id,
                 gpointer    user_data)
{
  return commons_store_get_revision (COMMONS_STORE (user_data), id, NULL);
}

/**
 * _commons_plan_check_license:
 * @store: the store receiving @revision, which holds its parents
 *
 * commons_plan_check_license_rules() on what this store holds.
 */
gboolean
_commons_plan_check_license (CommonsStore     *store,
                             CommonsRevision  *revision,
                             GError          **error)
{
  g_autofree char *creator = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  if (commons_revision_get_parents (revision)[0] != NULL)
    creator = commons_record_dup_creator (store, commons_revision_get_record (revision), NULL);
  return commons_plan_check_license_rules (revision, creator, lookup_in_store, store, error);
}

static CommonsPlan *
plan_from_revision_in_store (CommonsStore     *store,
                             CommonsRevision  *revision,
                             GError          **error)
{
  g_autoptr(CommonsPlan) self = NULL;

  self = commons_plan_new_from_revision (revision, error);
  if (self == NULL)
    return NULL;
  g_free (self->scope);
  self->scope = commons_store_get_scope (store, self->record, error);
  if (self->scope == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * commons_plan_load:
 * @record: a plan's record id
 *
 * Returns: (transfer full): the plan as displayed now
 */
CommonsPlan *
commons_plan_load (CommonsStore  *store,
                   const char    *record,
                   GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return NULL;
  return plan_from_revision_in_store (store, current, error);
}

/**
 * commons_plan_load_revision:
 * @revision: a revision id of a plan
 *
 * Returns: (transfer full): the plan as it was at @revision
 */
CommonsPlan *
commons_plan_load_revision (CommonsStore  *store,
                            const char    *revision,
                            GError       **error)
{
  g_autoptr(CommonsRevision) old = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (revision != NULL, NULL);

  old = commons_store_get_revision (store, revision, error);
  if (old == NULL)
    return NULL;
  return plan_from_revision_in_store (store, old, error);
}

static gboolean
revision_is_reviewed (CommonsStore *store,
                      const char   *record,
                      const char   *revision)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      "SELECT 1 FROM reviews WHERE plan = ? AND plan_revision = ? LIMIT 1", NULL);
  gboolean reviewed;

  /* When in doubt, keep the revision. */
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, revision, -1, SQLITE_STATIC);
  reviewed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return reviewed;
}

static char *canonical_fields (JsonObject *fields);

/* Someone else's plan: changed only if its license allows it, and its
 * license is its author's to change. Judged by the version the edit
 * descends from, which is the one the person saw. */
static gboolean
check_edit_by_others (CommonsPlan      *self,
                      CommonsStore     *store,
                      CommonsRevision  *current,
                      GError          **error)
{
  g_autoptr(CommonsRevision) base = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *license = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (commons_plan_is_mine (self, store))
    return TRUE;
  if (self->revision != NULL)
    base = commons_store_get_revision (store, self->revision, NULL);
  /* Saved unchanged, as the editor does when the person moves on, it is
   * no change to refuse. */
  fields = commons_plan_to_fields (self);
  before = canonical_fields (commons_revision_get_fields (base != NULL ? base : current));
  after = canonical_fields (fields);
  if (before != NULL && g_strcmp0 (before, after) == 0)
    return TRUE;
  license = dup_revision_license (base != NULL ? base : current);
  if (!others_may_change (license, error))
    return FALSE;
  if (g_strcmp0 (license, self->license) != 0)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                   _("Only a plan’s author may change its license"));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_plan_save:
 *
 * Validates the plan and writes it: the first save creates the record in
 * the plan's scope, later ones edit it. The credit of a remix cannot be
 * removed by saving a plan without it.
 */
gboolean
commons_plan_save (CommonsPlan   *self,
                   CommonsStore  *store,
                   GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *written = NULL;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (!commons_plan_validate (self, error))
    return FALSE;
  fields = commons_plan_to_fields (self);

  if (self->record == NULL)
    {
      self->record = commons_store_create_record (store, COMMONS_PLAN_KIND, self->scope, fields, error);
      if (self->record == NULL)
        return FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
    }
  else
    {
      current = commons_store_get_current (store, self->record, error);
      if (current == NULL)
        return FALSE;
      if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_PLAN_KIND) != 0)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_A_PLAN,
                       _("The record is not a lesson plan"));
          return FALSE;
        }
      if (json_object_has_member (commons_revision_get_fields (current), "derived_from") &&
          self->derived_from == NULL)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                       _("An adapted plan must credit the original"));
          return FALSE;
        }
      if (!check_edit_by_others (self, store, current, error))
        return FALSE;
      /* A revision someone reviewed must stay: the review names it. So
       * an edit never amends it, even within the quiet interval. The edit
       * descends from the version this plan was read from, so that what
       * others changed since (a sync, an import) merges with it instead
       * of being written over. */
      if (!_commons_store_edit_record_full (store, self->record, self->revision, fields,
                                            !revision_is_reviewed (store, self->record,
                                                                  commons_revision_get_id (current)),
                                            &written, error))
        return FALSE;
      g_free (self->revision);
      self->revision = g_steal_pointer (&written);
      return TRUE;
    }

  current = commons_store_get_current (store, self->record, error);
  if (current == NULL)
    return FALSE;
  g_free (self->revision);
  self->revision = g_strdup (commons_revision_get_id (current));
  return TRUE;
}

/**
 * commons_plan_restore_revision:
 * @record: a plan's record id
 * @revision: the id of one of its revisions
 *
 * Restores an earlier version of the plan as a new revision. Restoring is
 * an edit, so the rules of commons_plan_save() hold for it: a colleague's
 * no-derivatives or all-rights-reserved plan is not changed, only a plan's
 * author changes its license, and a remix keeps a license its original
 * allows and its credit, even where the earlier version did not.
 *
 * Returns: whether the version was restored; if not, @error says why
 */
gboolean
commons_plan_restore_revision (CommonsStore  *store,
                               const char    *record,
                               const char    *revision,
                               GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsPlan) now = NULL;
  g_autoptr(CommonsPlan) old = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return FALSE;
  if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_PLAN_KIND) != 0)
    return commons_store_restore_revision (store, record, revision, error);
  now = plan_from_revision_in_store (store, current, error);
  if (now == NULL)
    return FALSE;
  old = commons_plan_load_revision (store, revision, error);
  if (old == NULL)
    return FALSE;
  if (g_strcmp0 (old->record, record) != 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("That version belongs to another record"));
      return FALSE;
    }

  if (!commons_plan_can_edit (now, store, error))
    return FALSE;
  if (now->derived_from != NULL && old->derived_from == NULL)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                   _("An adapted plan must credit the original"));
      return FALSE;
    }
  if (!commons_plan_validate (old, error))
    return FALSE;
  /* Judged as an edit of what is shown now. */
  g_free (old->revision);
  old->revision = g_strdup (commons_revision_get_id (current));
  if (!check_edit_by_others (old, store, current, error))
    return FALSE;

  return commons_store_restore_revision (store, record, revision, error);
}

/* How this person is named in credits: the name set in Preferences, or
 * else the one they gave their first group; never the system account's. */
static char *
dup_own_name (CommonsStore *store)
{
  g_autofree char *name = commons_store_dup_display_name (store);
  g_autoptr(GPtrArray) groups = NULL;

  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);
  groups = commons_store_list_groups (store, NULL);
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);

      if (group->display_name != NULL && *group->display_name != '\0')
        return g_strdup (group->display_name);
    }
  return NULL;
}

/**
 * commons_plan_remix:
 * @record: the plan to adapt
 * @author_name: (nullable): how to name its author in the credit line;
 *   %NULL uses this person's display name for their own plans
 * @scope: (nullable): where the remix lives; %NULL for %COMMONS_SCOPE_LOCAL
 *
 * Makes a new plan from the current version of @record, crediting it. The
 * remix keeps the original's license: a share-alike one for good, others
 * until its author picks another. Refused when the license does not allow
 * adapted versions, with a reason a person can read.
 *
 * Returns: (transfer full): the remix, saved
 */
CommonsPlan *
commons_plan_remix (CommonsStore  *store,
                    const char    *record,
                    const char    *author_name,
                    const char    *scope,
                    GError       **error)
{
  g_autoptr(CommonsPlan) original = NULL;
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autofree char *author = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *credit = NULL;
  JsonObject *derived_from;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  original = commons_plan_load (store, record, error);
  if (original == NULL)
    return NULL;
  if (!commons_plan_can_remix (original, error))
    return NULL;
  revision = commons_store_get_revision (store, original->revision, error);
  if (revision == NULL)
    return NULL;
  author = commons_record_dup_creator (store, record, error);
  if (author == NULL && error != NULL && *error != NULL)
    return NULL;

  if (author_name != NULL && *author_name != '\0')
    name = g_strdup (author_name);
  else if (commons_store_is_me (store, author))
    name = dup_own_name (store);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (_("an unnamed author"));
    }
  date = g_strndup (commons_revision_get_time (revision), 10);

  fields = commons_plan_to_fields (original);
  json_object_remove_member (fields, "derived_from");
  json_object_remove_member (fields, "credit");
  remix = commons_plan_new_from_fields (fields, error);
  if (remix == NULL)
    return NULL;

  derived_from = json_object_new ();
  json_object_set_string_member (derived_from, "record", record);
  json_object_set_string_member (derived_from, "revision", original->revision);
  json_object_set_string_member (derived_from, "title", original->title);
  if (author != NULL)
    json_object_set_string_member (derived_from, "author", author);
  else
    json_object_set_null_member (derived_from, "author");
  json_object_set_string_member (derived_from, "author_name", name);
  json_object_set_string_member (derived_from, "license", original->license);
  json_object_set_string_member (derived_from, "time", commons_revision_get_time (revision));
  remix->derived_from = derived_from;

  /* Translators: the credit line a remixed plan carries. The first %s is
   * the original's title, then its author's name, the date of the version
   * adapted, and its license's name. */
  credit = g_strdup_printf (_("Adapted from “%s” by %s (version of %s), licensed %s"),
                            original->title, name, date,
                            commons_license_get_display_name (original->license));
  /* A remix of a remix credits every plan it descends from. */
  if (*original->credit != '\0')
    {
      g_free (remix->credit);
      remix->credit = g_strconcat (credit, "\n", original->credit, NULL);
    }
  else
    {
      g_free (remix->credit);
      remix->credit = g_steal_pointer (&credit);
    }

  g_free (remix->scope);
  remix->scope = g_strdup (scope != NULL ? scope : COMMONS_SCOPE_LOCAL);

  if (!commons_plan_save (remix, store, error))
    return NULL;
  return g_steal_pointer (&remix);
}
