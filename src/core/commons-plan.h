/* commons-plan.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "commons-activity.h"
#include "commons-merge.h"
#include "commons-plan-item.h"
#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_PLAN_ERROR (commons_plan_error_quark ())

typedef enum
{
  COMMONS_PLAN_ERROR_INVALID,
  COMMONS_PLAN_ERROR_NOT_A_PLAN,
  COMMONS_PLAN_ERROR_LICENSE,
  COMMONS_PLAN_ERROR_NOT_YOURS,
} CommonsPlanError;

#define COMMONS_PLAN_KIND "plan"

/* CommonsPlan: a lesson plan as the editor holds it. It converts to and
 * from a revision's fields; fields it does not know (written by a newer
 * version) are kept and written back unchanged. */

#define COMMONS_TYPE_PLAN (commons_plan_get_type ())

G_DECLARE_FINAL_TYPE (CommonsPlan, commons_plan, COMMONS, PLAN, GObject)

GQuark            commons_plan_error_quark         (void);

CommonsPlan      *commons_plan_new                 (void);
CommonsPlan      *commons_plan_new_from_fields     (JsonObject         *fields,
                                                    GError            **error);
const char       *commons_field_get_label          (const char         *name);
CommonsPlan      *commons_plan_new_from_revision   (CommonsRevision    *revision,
                                                    GError            **error);
JsonObject       *commons_plan_to_fields           (CommonsPlan        *self);

/* Where the plan lives: NULL record until first saved. */
const char       *commons_plan_get_record          (CommonsPlan        *self);
const char       *commons_plan_get_revision        (CommonsPlan        *self);
const char       *commons_plan_get_scope           (CommonsPlan        *self);
void              commons_plan_set_scope           (CommonsPlan        *self,
                                                    const char         *scope);

const char       *commons_plan_get_title           (CommonsPlan        *self);
void              commons_plan_set_title           (CommonsPlan        *self,
                                                    const char         *title);
const char       *commons_plan_get_summary         (CommonsPlan        *self);
void              commons_plan_set_summary         (CommonsPlan        *self,
                                                    const char         *summary);
const char       *commons_plan_get_subject         (CommonsPlan        *self);
void              commons_plan_set_subject         (CommonsPlan        *self,
                                                    const char         *subject);
const char       *commons_plan_get_level           (CommonsPlan        *self);
void              commons_plan_set_level           (CommonsPlan        *self,
                                                    const char         *level);
const char       *commons_plan_get_language        (CommonsPlan        *self);
void              commons_plan_set_language        (CommonsPlan        *self,
                                                    const char         *language);
const char       *commons_plan_get_license         (CommonsPlan        *self);
void              commons_plan_set_license         (CommonsPlan        *self,
                                                    const char         *license);
const char       *commons_plan_get_assessment      (CommonsPlan        *self);
void              commons_plan_set_assessment      (CommonsPlan        *self,
                                                    const char         *assessment);
const char       *commons_plan_get_accessibility   (CommonsPlan        *self);
void              commons_plan_set_accessibility   (CommonsPlan        *self,
                                                    const char         *accessibility);
/* Objectives and materials: lists of CommonsPlanItem. */
GListModel       *commons_plan_get_objectives      (CommonsPlan        *self);
void              commons_plan_set_objectives      (CommonsPlan        *self,
                                                    const char * const *objectives);
void              commons_plan_insert_objective    (CommonsPlan        *self,
                                                    int                 position,
                                                    const char         *text);
void              commons_plan_remove_objective    (CommonsPlan        *self,
                                                    guint               position);
GListModel       *commons_plan_get_materials       (CommonsPlan        *self);
void              commons_plan_set_materials       (CommonsPlan        *self,
                                                    const char * const *materials);
void              commons_plan_insert_material     (CommonsPlan        *self,
                                                    int                 position,
                                                    const char         *text);
void              commons_plan_remove_material     (CommonsPlan        *self,
                                                    guint               position);

/* Activities, in order: a list of CommonsActivity. */
GListModel       *commons_plan_get_activities      (CommonsPlan        *self);
void              commons_plan_insert_activity     (CommonsPlan        *self,
                                                    int                 position,
                                                    CommonsActivity    *activity);
void              commons_plan_remove_activity     (CommonsPlan        *self,
                                                    guint               position);
void              commons_plan_move_activity       (CommonsPlan        *self,
                                                    guint               from,
                                                    guint               to);
guint             commons_plan_get_duration        (CommonsPlan        *self);

/* Remixes: set by commons_plan_remix() only, and kept on every save. */
gboolean          commons_plan_is_remix            (CommonsPlan        *self);
const char       *commons_plan_get_derived_from    (CommonsPlan        *self,
                                                    const char         *member);
const char       *commons_plan_get_credit          (CommonsPlan        *self);

gboolean          commons_plan_validate            (CommonsPlan        *self,
                                                    GError            **error);
gboolean          commons_plan_can_remix           (CommonsPlan        *self,
                                                    GError            **error);
gboolean          commons_plan_is_license_locked   (CommonsPlan        *self);
gboolean          commons_plan_allows_license      (CommonsPlan        *self,
                                                    const char         *license);

/* Through the store. */
CommonsPlan      *commons_plan_load                (CommonsStore       *store,
                                                    const char         *record,
                                                    GError            **error);
CommonsPlan      *commons_plan_load_revision       (CommonsStore       *store,
                                                    const char         *revision,
                                                    GError            **error);
gboolean          commons_plan_save                (CommonsPlan        *self,
                                                    CommonsStore       *store,
                                                    GError            **error);
CommonsPlan      *commons_plan_remix               (CommonsStore       *store,
                                                    const char         *record,
                                                    const char         *author_name,
                                                    const char         *scope,
                                                    GError            **error);
gboolean          commons_plan_is_mine             (CommonsPlan        *self,
                                                    CommonsStore       *store);
gboolean          commons_plan_can_edit            (CommonsPlan        *self,
                                                    CommonsStore       *store,
                                                    GError            **error);
gboolean          commons_plan_can_change_license  (CommonsPlan        *self,
                                                    CommonsStore       *store);
gboolean          commons_plan_check_license_rules (CommonsRevision    *revision,
                                                    const char         *creator,
                                                    CommonsRevisionLookup lookup,
                                                    gpointer            user_data,
                                                    GError            **error);
gboolean          commons_plan_can_share           (CommonsStore       *store,
                                                    const char         *record,
                                                    GError            **error);
gboolean          commons_plan_can_delete          (CommonsPlan        *self,
                                                    CommonsStore       *store,
                                                    GError            **error);
gboolean          commons_plan_restore_revision    (CommonsStore       *store,
                                                    const char         *record,
                                                    const char         *revision,
                                                    GError            **error);
gboolean          commons_plan_delete              (CommonsStore       *store,
                                                    const char         *record,
                                                    GError            **error);
gboolean          commons_plan_can_unshare         (CommonsPlan        *self,
                                                    CommonsStore       *store,
                                                    GError            **error);
char             *commons_plan_unshare             (CommonsStore       *store,
                                                    const char         *record,
                                                    GError            **error);
char             *commons_record_dup_creator       (CommonsStore       *store,
                                                    const char         *record,
                                                    GError            **error);

gboolean          commons_language_tag_is_valid    (const char         *tag);

G_END_DECLS
