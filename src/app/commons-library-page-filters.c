/* commons-library-page-filters.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-library-page-private.h"
#include "commons-plan-query.h"
#include "commons-review.h"

/* The plan list's filters: drop-downs for subject, level, language,
 * review status and order, hidden behind Filter and Sort until asked
 * for, and the query they make in SQLite. */

static char *
dropdown_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GtkStringObject *item;

  /* The first item is always "All …". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  item = gtk_drop_down_get_selected_item (dropdown);
  return item != NULL ? g_strdup (gtk_string_object_get_string (item)) : NULL;
}

/**
 * _commons_library_page_query_plans:
 *
 * The list's query: the plans the search and the filters let through,
 * in the order chosen.
 */
GArray *
_commons_library_page_query_plans (CommonsStore  *store,
                                   const char    *search,
                                   gpointer       user_data,
                                   GError       **error)
{
  CommonsLibraryPage *self = user_data;
  g_autofree char *subject = dropdown_value (self->subject_filter);
  g_autofree char *level = dropdown_value (self->level_filter);
  g_autofree char *language = dropdown_value (self->language_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  CommonsPlanFilter filter = { 0 };

  filter.subject = subject;
  filter.level = level;
  filter.language = language;
  filter.search = search;
  filter.status = status == 0 || status == GTK_INVALID_LIST_POSITION ? -1 : (int) status - 1;
  /* Each plan's status by its own group's rule. */
  filter.approvals_needed = 0;
  filter.sort = gtk_drop_down_get_selected (self->sort_order) == 1 ? COMMONS_PLAN_SORT_TITLE
                                                                   : COMMONS_PLAN_SORT_UPDATED;
  return commons_plan_query (store, &filter, error);
}

/* Hidden filters filter nothing: closing them shows every plan again,
 * as closing a search does. The sort order stays. */
void
_commons_library_page_filter_toggled (CommonsLibraryPage *self)
{
  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  if (gtk_toggle_button_get_active (self->filter_button))
    return;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->subject_filter, 0);
  gtk_drop_down_set_selected (self->level_filter, 0);
  gtk_drop_down_set_selected (self->language_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  self->filling = FALSE;
  _commons_library_page_refresh_list (self);
}

static void
fill_filter (CommonsLibraryPage *self,
             GtkDropDown        *dropdown,
             const char         *all,
             CommonsPlanColumn   column)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *current = dropdown_value (dropdown);
  g_auto(GStrv) values = NULL;
  guint selected = 0;

  gtk_string_list_append (model, all);
  values = commons_plan_list_values (self->store, column, NULL);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (model, values[i]);
      if (g_strcmp0 (current, values[i]) == 0)
        selected = i + 1;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
  self->filling = FALSE;
}

/**
 * _commons_library_page_refresh_filters:
 *
 * Offers in each filter the values the plans have now.
 */
void
_commons_library_page_refresh_filters (CommonsLibraryPage *self)
{
  fill_filter (self, self->subject_filter, _("All subjects"), COMMONS_PLAN_COLUMN_SUBJECT);
  fill_filter (self, self->level_filter, _("All levels"), COMMONS_PLAN_COLUMN_LEVEL);
  fill_filter (self, self->language_filter, _("All languages"), COMMONS_PLAN_COLUMN_LANGUAGE);
}

static GtkDropDown *
add_filter (CommonsLibraryPage  *self,
            const char          *accessible_name,
            const char * const  *items)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (items));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_name);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (_commons_library_page_refresh_list),
                           self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filter_box, GTK_WIDGET (dropdown));
  return dropdown;
}

/**
 * _commons_library_page_init_filters:
 *
 * Makes the drop-downs, each named for a screen reader.
 */
void
_commons_library_page_init_filters (CommonsLibraryPage *self)
{
  const char *statuses[] = { NULL, NULL, NULL, NULL, NULL, NULL };
  const char *orders[] = { NULL, NULL, NULL };

  statuses[0] = _("Any status");
  statuses[1] = commons_review_status_get_name (COMMONS_REVIEW_STATUS_DRAFT);
  statuses[2] = commons_review_status_get_name (COMMONS_REVIEW_STATUS_IN_REVIEW);
  statuses[3] = commons_review_status_get_name (COMMONS_REVIEW_STATUS_APPROVED);
  statuses[4] = commons_review_status_get_name (COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL);
  orders[0] = _("Last changed");
  orders[1] = _("Title");

  self->subject_filter = add_filter (self, _("Subject"), (const char *[]) { _("All subjects"), NULL });
  self->level_filter = add_filter (self, _("Level"), (const char *[]) { _("All levels"), NULL });
  self->language_filter = add_filter (self, _("Language"), (const char *[]) { _("All languages"), NULL });
  self->status_filter = add_filter (self, _("Review status"), statuses);
  self->sort_order = add_filter (self, _("Sort by"), orders);
}
