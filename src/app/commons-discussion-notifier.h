/* commons-discussion-notifier.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "commons-sync-manager.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_DISCUSSION_NOTIFIER (commons_discussion_notifier_get_type ())

G_DECLARE_FINAL_TYPE (CommonsDiscussionNotifier, commons_discussion_notifier, COMMONS, DISCUSSION_NOTIFIER, GObject)

CommonsDiscussionNotifier *commons_discussion_notifier_new (GApplication       *application,
                                                            CommonsSyncManager *manager,
                                                            GSettings          *settings);

G_END_DECLS
