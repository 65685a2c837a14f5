/* commons-group-rule.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "commons-store.h"

G_BEGIN_DECLS

/* A group's rules are a record of this kind in the group's scope, one per
 * group, with a record id every replica derives from the group id: edits
 * made on two devices meet as revisions of one record and merge like any
 * other. Fields: "approvals", an integer from
 * %COMMONS_GROUP_RULE_MIN_APPROVALS to %COMMONS_GROUP_RULE_MAX_APPROVALS,
 * the approvals from people other than a plan's author that approve it;
 * "badges", a boolean, %FALSE when the organizers turned badges off
 * (commons-recognition.h). */
#define COMMONS_GROUP_RULE_KIND "group-rule"
#define COMMONS_GROUP_RULE_BADGES "badges"

#define COMMONS_GROUP_RULE_MIN_APPROVALS 1
#define COMMONS_GROUP_RULE_MAX_APPROVALS 10

char     *commons_group_rule_dup_record_id  (const char    *group);
guint     commons_group_rule_get_approvals  (CommonsStore  *store,
                                             const char    *scope);
gboolean  commons_group_rule_set_approvals  (CommonsStore  *store,
                                             const char    *group,
                                             guint          n,
                                             GError       **error);
gboolean  commons_group_rule_get_badges     (CommonsStore  *store,
                                             const char    *scope);
gboolean  commons_group_rule_set_badges     (CommonsStore  *store,
                                             const char    *group,
                                             gboolean       enabled,
                                             GError       **error);

G_END_DECLS
