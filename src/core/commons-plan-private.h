/* commons-plan-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-plan.h"

G_BEGIN_DECLS

struct _CommonsActivity
{
  GObject     parent_instance;

  char       *title;
  char       *instructions;
  guint       minutes;
  /* Members a newer version wrote, kept as they were. */
  JsonObject *extra;
};

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
  GListStore *objectives;
  GListStore *materials;
  GListStore *activities;
  /* The activities' minutes together, kept to notify :duration only
   * when it changes. */
  guint       duration;
  JsonObject *derived_from;
  char       *credit;
  /* Fields a newer version wrote, kept as they were. */
  JsonObject *extra;
};


void     _commons_plan_update_duration  (CommonsPlan      *self);
void     _commons_plan_add_activities   (CommonsPlan      *self,
                                         CommonsActivity **activities,
                                         guint             n_activities);
gboolean _commons_plan_check_adaptation (const char  *original,
                                         const char  *adaptation,
                                         GError     **error);
void     _commons_plan_set_record       (CommonsPlan *self,
                                         char        *record);
gboolean _commons_plan_check_license (CommonsStore     *store,
                                      CommonsRevision  *revision,
                                      GError          **error);

G_END_DECLS
