/* commons-window-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-discussion-notifier.h"
#include "commons-notes-page.h"
#include "commons-sync-manager.h"
#include "commons-sync-summary.h"
#include "commons-window.h"

G_BEGIN_DECLS

struct _CommonsWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  gint64                started;
  gulong                after_paint_id;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  GtkListBox           *sidebar_list;
  GtkStack             *pages;
  CommonsNotesPage     *notes_page;
  CommonsSyncSummary   *sync_summary;
  CommonsSyncManager   *sync_manager;
  CommonsDiscussionNotifier *notifier;
  CommonsStore         *store;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
};

GtkWidget *_commons_window_show_page   (CommonsWindow *self,
                                        const char    *name);
void       _commons_window_add_actions (CommonsWindow *self);

G_END_DECLS
