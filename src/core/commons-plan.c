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

/* A lesson plan as the editor holds it: the GObject with its properties
 * and accessors, and the checks a plan makes on itself (its fields, its
 * license against what it adapts). Its lists (objectives, materials,
 * activities) are in commons-plan-lists.c, its fields as
 * revisions carry them are in commons-plan-fields.c, and everything that
 * goes through the store (who may change it, saving, remixing, the
 * license rules on what arrives) in commons-plan-store.c. */

G_DEFINE_QUARK (commons-plan-error-quark, commons_plan_error)

/* CommonsPlan */


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

static GParamSpec *properties[N_PROPS];

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
  g_clear_object (&self->objectives);
  g_clear_object (&self->materials);
  g_clear_object (&self->activities);
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
  self->objectives = g_list_store_new (COMMONS_TYPE_PLAN_ITEM);
  self->materials = g_list_store_new (COMMONS_TYPE_PLAN_ITEM);
  self->activities = g_list_store_new (COMMONS_TYPE_ACTIVITY);
  self->credit = g_strdup ("");
  self->extra = json_object_new ();
}

CommonsPlan *
commons_plan_new (void)
{
  return g_object_new (COMMONS_TYPE_PLAN, NULL);
}

/* Accessors. */

/* The record a save just made. */
void
_commons_plan_set_record (CommonsPlan *self,
                          char        *record)
{
  g_free (self->record);
  self->record = record;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

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

/* Reckons the activities' minutes again, after any of them changed or
 * came or went, and says so if the total changed. */
void
_commons_plan_update_duration (CommonsPlan *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  guint total = 0;

  for (guint i = 0; i < n; i++)
    {
      CommonsActivity *activity = g_list_model_get_item (G_LIST_MODEL (self->activities), i);

      total += activity->minutes;
      g_object_unref (activity);
    }
  if (total == self->duration)
    return;
  self->duration = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

guint
commons_plan_get_duration (CommonsPlan *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), 0);
  return self->duration;
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
gboolean
_commons_plan_check_adaptation (const char  *original,
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

      if (original != NULL && !_commons_plan_check_adaptation (original, self->license, error))
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

