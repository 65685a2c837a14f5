/* commons-library-page-rows.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-library-page"

#include "config.h"

#include "commons-library-page-private.h"
#include "commons-plan-row.h"

/* The rows of the plan list: a CommonsPlanRow each, given what the page
 * knows when it is bound. The store and the sync manager are the page's,
 * and whether the list is searched is the list's, so they are handed to
 * the row at each bind rather than bound to it. */

static void
plan_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CommonsLibraryPage       *self)
{
  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  gtk_list_item_set_child (item, commons_plan_row_new ());
}

static void
plan_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CommonsLibraryPage       *self)
{
  CommonsPlanRow *row = COMMONS_PLAN_ROW (gtk_list_item_get_child (item));
  const char *search;

  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  search = self->list != NULL ? commons_record_list_get_search (self->list) : NULL;
  /* The row is empty since its unbind: these read nothing. */
  commons_plan_row_set_store (row, self->store);
  commons_plan_row_set_sync_manager (row, self->manager);
  commons_plan_row_set_show_match (row, search != NULL && *search != '\0');
  commons_plan_row_set_summary (row, gtk_list_item_get_item (item));
}

static void
plan_row_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    CommonsLibraryPage       *self)
{
  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  commons_plan_row_set_summary (COMMONS_PLAN_ROW (gtk_list_item_get_child (item)), NULL);
}

/**
 * _commons_library_page_class_add_rows:
 *
 * Binds the callbacks of the list's factory, which the page's template
 * declares.
 */
void
_commons_library_page_class_add_rows (GtkWidgetClass *widget_class)
{
  g_type_ensure (COMMONS_TYPE_PLAN_ROW);

  gtk_widget_class_bind_template_callback (widget_class, plan_row_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_row_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_row_unbind_cb);
}
