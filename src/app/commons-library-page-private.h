/* commons-library-page-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-library-page.h"
#include "commons-plan-editor.h"
#include "commons-plan-view.h"
#include "commons-record-list.h"

G_BEGIN_DECLS

/* The Lesson Plans page is one object over three files: the page itself
 * (commons-library-page.c: the plan on show, saving and editing), its
 * page.* actions (commons-library-page-actions.c), the filters over its
 * list (commons-library-page-filters.c) and the rows of that list
 * (commons-library-page-rows.c, a CommonsPlanRow each). */

struct _CommonsLibraryPage
{
  CommonsPage         parent_instance;

  CommonsStore       *store;
  CommonsSyncManager *manager;
  CommonsRecordList  *list;
  GCancellable       *cancellable;
  CommonsPlan        *plan;
  gboolean            filling;
  /* Saving tells the store's listeners, the page among them, that the
   * plan changed: the page must not reload the plan it is saving. */
  gboolean            saving;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkFlowBox         *filter_box;
  GtkToggleButton    *filter_button;
  GtkStack           *list_stack;
  GtkSingleSelection *selection;
  GtkListView        *list_view;
  AdwWindowTitle     *plan_title;
  GtkToggleButton    *edit_button;
  GtkButton          *remix_button;
  GtkStack           *plan_stack;
  CommonsPlanView    *plan_view;
  CommonsPlanEditor  *plan_editor;

  /* Filters */
  GtkDropDown        *subject_filter;
  GtkDropDown        *level_filter;
  GtkDropDown        *language_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *sort_order;
};

gboolean _commons_library_page_save_plan     (CommonsLibraryPage *self);
void _commons_library_page_show_plan         (CommonsLibraryPage *self,
                                              const char         *record);
void _commons_library_page_select_record     (CommonsLibraryPage *self,
                                              const char         *record);
void _commons_library_page_refresh_list      (CommonsLibraryPage *self);
void _commons_library_page_stop_editing      (CommonsLibraryPage *self);
void _commons_library_page_update_header     (CommonsLibraryPage *self);
void _commons_library_page_show_error_toast  (CommonsLibraryPage *self,
                                              const GError       *error);
void _commons_library_page_class_add_actions (GtkWidgetClass     *widget_class);
void _commons_library_page_init_filters      (CommonsLibraryPage *self);
void _commons_library_page_refresh_filters   (CommonsLibraryPage *self);
void _commons_library_page_filter_toggled    (CommonsLibraryPage *self);
GArray *_commons_library_page_query_plans    (CommonsStore       *store,
                                              const char         *search,
                                              gpointer            user_data,
                                              GError            **error);
void _commons_library_page_class_add_rows    (GtkWidgetClass     *widget_class);

G_END_DECLS
