/* commons-activity.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include "commons-plan-private.h"

/* One timed step of a plan, as an object the editor's row binds to. The
 * plan holds its activities in a list model and follows their minutes for
 * its duration; members a newer version wrote are kept in @extra (see
 * commons-plan-fields.c). */

G_DEFINE_FINAL_TYPE (CommonsActivity, commons_activity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_INSTRUCTIONS,
  PROP_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
commons_activity_finalize (GObject *object)
{
  CommonsActivity *self = (CommonsActivity *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->instructions, g_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (commons_activity_parent_class)->finalize (object);
}

static void
commons_activity_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CommonsActivity *self = COMMONS_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, commons_activity_get_title (self));
      break;
    case PROP_INSTRUCTIONS:
      g_value_set_string (value, commons_activity_get_instructions (self));
      break;
    case PROP_MINUTES:
      g_value_set_uint (value, commons_activity_get_minutes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_activity_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CommonsActivity *self = COMMONS_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      commons_activity_set_title (self, g_value_get_string (value));
      break;
    case PROP_INSTRUCTIONS:
      commons_activity_set_instructions (self, g_value_get_string (value));
      break;
    case PROP_MINUTES:
      commons_activity_set_minutes (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_activity_class_init (CommonsActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = commons_activity_finalize;
  object_class->get_property = commons_activity_get_property;
  object_class->set_property = commons_activity_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  properties[PROP_INSTRUCTIONS] = g_param_spec_string ("instructions", NULL, NULL, "", flags);
  /**
   * CommonsActivity:minutes:
   *
   * How long the activity lasts, at most %COMMONS_PLAN_MAX_MINUTES; a
   * longer value is cut to that.
   */
  properties[PROP_MINUTES] = g_param_spec_uint ("minutes", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
commons_activity_init (CommonsActivity *self)
{
  self->title = g_strdup ("");
  self->instructions = g_strdup ("");
}

CommonsActivity *
commons_activity_new (const char *title,
                      const char *instructions,
                      guint       minutes)
{
  return g_object_new (COMMONS_TYPE_ACTIVITY,
                       "title", title,
                       "instructions", instructions,
                       "minutes", minutes,
                       NULL);
}

const char *
commons_activity_get_title (CommonsActivity *self)
{
  g_return_val_if_fail (COMMONS_IS_ACTIVITY (self), NULL);
  return self->title;
}

/**
 * commons_activity_set_title:
 * @title: (nullable): the title; %NULL is ""
 */
void
commons_activity_set_title (CommonsActivity *self,
                            const char      *title)
{
  g_return_if_fail (COMMONS_IS_ACTIVITY (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
commons_activity_get_instructions (CommonsActivity *self)
{
  g_return_val_if_fail (COMMONS_IS_ACTIVITY (self), NULL);
  return self->instructions;
}

/**
 * commons_activity_set_instructions:
 * @instructions: (nullable): how to run it; %NULL is ""
 */
void
commons_activity_set_instructions (CommonsActivity *self,
                                   const char      *instructions)
{
  g_return_if_fail (COMMONS_IS_ACTIVITY (self));

  if (instructions == NULL)
    instructions = "";
  if (g_strcmp0 (self->instructions, instructions) == 0)
    return;
  g_free (self->instructions);
  self->instructions = g_strdup (instructions);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTIONS]);
}

guint
commons_activity_get_minutes (CommonsActivity *self)
{
  g_return_val_if_fail (COMMONS_IS_ACTIVITY (self), 0);
  return self->minutes;
}

void
commons_activity_set_minutes (CommonsActivity *self,
                              guint            minutes)
{
  g_return_if_fail (COMMONS_IS_ACTIVITY (self));

  minutes = MIN (minutes, COMMONS_PLAN_MAX_MINUTES);
  if (self->minutes == minutes)
    return;
  self->minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}
