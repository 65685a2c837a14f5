/* commons-notes-page-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-note-editor.h"
#include "commons-notes-page.h"
#include "commons-record-list.h"

G_BEGIN_DECLS

struct _CommonsNotesPage
{
  CommonsPage         parent_instance;

  CommonsStore       *store;
  CommonsRecordList  *list;
  guint               load_rest_source;
  guint               first_rows;
  guint               end_key_browsing_source;
  /* The note deleted last, which Ctrl+Z brings back. */
  char               *last_deleted_id;
  guint               key_browsing : 1;
  guint               model_changing : 1;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *no_results_page;   /* built when first shown */
  AdwWindowTitle     *editor_title;
  CommonsNoteEditor  *editor;
};

void _commons_notes_page_show_error            (CommonsNotesPage *self,
                                                const GError     *error);
void _commons_notes_page_select_current        (CommonsNotesPage *self);
void _commons_notes_page_class_install_actions (GtkWidgetClass   *widget_class);
void _commons_notes_page_add_shortcuts         (CommonsNotesPage *self);

G_END_DECLS
