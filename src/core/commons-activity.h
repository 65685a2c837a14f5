/* commons-activity.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The longest a single activity may last, in minutes. */
#define COMMONS_PLAN_MAX_MINUTES (24 * 60)

#define COMMONS_TYPE_ACTIVITY (commons_activity_get_type ())

G_DECLARE_FINAL_TYPE (CommonsActivity, commons_activity, COMMONS, ACTIVITY, GObject)

CommonsActivity *commons_activity_new              (const char      *title,
                                                    const char      *instructions,
                                                    guint            minutes);
const char      *commons_activity_get_title        (CommonsActivity *self);
void             commons_activity_set_title        (CommonsActivity *self,
                                                    const char      *title);
const char      *commons_activity_get_instructions (CommonsActivity *self);
void             commons_activity_set_instructions (CommonsActivity *self,
                                                    const char      *instructions);
guint            commons_activity_get_minutes      (CommonsActivity *self);
void             commons_activity_set_minutes      (CommonsActivity *self,
                                                    guint            minutes);

G_END_DECLS
