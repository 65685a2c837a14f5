/* commons-library-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "commons-accessible.h"
#include "commons-bundle.h"
#include "commons-comment-count.h"
#include "commons-group-rule.h"
#include "commons-history-dialog.h"
#include "commons-library-page.h"
#include "commons-language-chooser.h"
#include "commons-license.h"
#include "commons-list-editor.h"
#include "commons-plan-print.h"
#include "commons-plan-render.h"
#include "commons-plan-view.h"
#include "commons-plan-query.h"
#include "commons-plan.h"
#include "commons-record-list.h"
#include "commons-review-summary.h"
#include "commons-review.h"
#include "commons-scroll-guard.h"
#include "commons-sync.h"

/* Lesson Plans: a list filtered and sorted in SQLite, a clean view of the
 * selected plan, and a form to edit it. Edits are saved when the person
 * presses Done, switches plans or closes the window. */

struct _CommonsLibraryPage
{
  CommonsPage         parent_instance;

  CommonsStore       *store;
  CommonsSyncManager *manager;
  CommonsRecordList  *list;
  GCancellable       *cancellable;
  CommonsPlan        *plan;
  gboolean            filling;

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
  GtkBox             *form;

  /* Filters */
  GtkDropDown        *subject_filter;
  GtkDropDown        *level_filter;
  GtkDropDown        *language_filter;
  GtkDropDown        *status_filter;
  GtkDropDown        *sort_order;

  /* The form */
  GtkEntry           *title_entry;
  GtkTextView        *summary_view;
  GtkEntry           *subject_entry;
  GtkEntry           *level_entry;
  CommonsLanguageChooser *language_chooser;
  GtkDropDown        *license_dropdown;
  /* What the license drop-down offers for the plan in the form: names,
   * and the license id of each. */
  GtkStringList      *license_names;
  GPtrArray          *license_ids;
  GtkLabel           *license_label;
  gboolean            saving;
  CommonsListEditor  *objectives_editor;
  CommonsListEditor  *materials_editor;
  GtkListBox         *activities_list;
  GtkLabel           *total_label;
  GtkTextView        *assessment_view;
  GtkTextView        *accessibility_view;
};

G_DEFINE_FINAL_TYPE (CommonsLibraryPage, commons_library_page, COMMONS_TYPE_PAGE)


enum {
  RESOLVE_CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void read_form (CommonsLibraryPage *self);
static void edit_toggled_cb (CommonsLibraryPage *self);
static void fill_form (CommonsLibraryPage *self);

/* Filters. */

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

static GArray *
query_plans_cb (CommonsStore  *store,
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

static void
update_list_stack (CommonsLibraryPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
filters_changed_cb (CommonsLibraryPage *self)
{
  if (self->list == NULL || self->filling)
    return;
  commons_record_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  commons_record_list_reload (self->list);
  update_list_stack (self);
}

/* Hidden filters filter nothing: closing them shows every plan again,
 * as closing a search does. The sort order stays. */
static void
filter_toggled_cb (CommonsLibraryPage *self)
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
  filters_changed_cb (self);
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

static void
refresh_filters (CommonsLibraryPage *self)
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
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (filters_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filter_box, GTK_WIDGET (dropdown));
  return dropdown;
}

/* The list's rows. */

/* A row shows one line of text, but Pango shapes all of it first. */
#define ROW_TEXT_MAX_CHARS 120

/* The search snippet as markup: the text escaped, the matched words bold.
 * The markers are turned into tags after escaping, which would mangle
 * them. */
static char *
snippet_markup (const char *snippet)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = snippet;
  glong room = ROW_TEXT_MAX_CHARS;
  gboolean bold = FALSE;

  while (p != NULL && *p != '\0' && room > 0)
    {
      gsize span = strcspn (p, COMMONS_MATCH_START COMMONS_MATCH_END "\n");

      if (span > 0)
        {
          glong length = g_utf8_strlen (p, span);
          const char *end = length > room ? g_utf8_offset_to_pointer (p, room) : p + span;
          g_autofree char *escaped = g_markup_escape_text (p, end - p);

          g_string_append (markup, escaped);
          room -= MIN (length, room);
          if (end < p + span)
            {
              g_string_append (markup, "…");
              break;
            }
          p += span;
        }
      if (*p == COMMONS_MATCH_START[0] && !bold)
        {
          g_string_append (markup, "<b>");
          bold = TRUE;
        }
      else if (*p == COMMONS_MATCH_END[0] && bold)
        {
          g_string_append (markup, "</b>");
          bold = FALSE;
        }
      else if (*p == '\n')
        g_string_append_c (markup, ' ');
      if (*p != '\0')
        p++;
    }
  if (bold)
    g_string_append (markup, "</b>");
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

/* What tells a plan from its copies: who wrote it, where it is, its
 * review status in a group, and whether it is a remix. */
static char *
describe_plan (CommonsLibraryPage *self,
               CommonsPlan        *plan)
{
  g_autofree char *creator = commons_record_dup_creator (self->store, commons_plan_get_record (plan), NULL);
  const char *scope = commons_plan_get_scope (plan);
  gboolean local = g_strcmp0 (scope, COMMONS_SCOPE_LOCAL) == 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (commons_store_is_me (self->store, creator))
    /* Translators: who wrote a plan, in the plan list. */
    g_ptr_array_add (parts, g_strdup (_("By you")));
  else
    {
      const char *name = NULL;

      if (self->manager != NULL && !local)
        name = commons_sync_manager_lookup_person (self->manager, scope, creator);
      if (name != NULL && *name != '\0')
        /* Translators: who wrote a plan, in the plan list; %s is their name. */
        g_ptr_array_add (parts, g_strdup_printf (_("By %s"), name));
      else if (local)
        /* Translators: who wrote a plan, in the plan list: someone other
         * than the person using the app, whose name is not known. */
        g_ptr_array_add (parts, g_strdup (_("By someone else")));
      else
        g_ptr_array_add (parts, g_strdup (_("By another member")));
    }

  if (local)
    /* Translators: where a plan is, in the plan list: not shared. */
    g_ptr_array_add (parts, g_strdup (_("Your library")));
  else
    {
      g_autoptr(CommonsGroup) group = commons_store_get_group (self->store, scope, NULL);
      g_autoptr(CommonsReviewSummary) reviews = NULL;

      g_ptr_array_add (parts, g_strdup (group != NULL ? group->name : _("A group you left")));
      reviews = commons_review_summary_load (self->store, commons_plan_get_record (plan),
                                             commons_group_rule_get_approvals (self->store, scope), NULL);
      if (reviews != NULL)
        g_ptr_array_add (parts, g_strdup (commons_review_status_get_name (commons_review_summary_get_status (reviews))));
    }

  if (commons_plan_is_remix (plan))
    /* Translators: in the plan list, a plan adapted from another. */
    g_ptr_array_add (parts, g_strdup (_("Remix")));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Without a search, a plan's row shows its summary, or what it is about:
 * never the search index's words, which include codes. */
static char *
plan_row_text (CommonsPlan *plan)
{
  const char *summary = commons_plan_get_summary (plan);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *total = NULL;

  if (summary != NULL && *summary != '\0')
    {
      const char *end = strchr (summary, '\n');
      g_autofree char *line = g_strndup (summary, end != NULL ? (gsize) (end - summary) : strlen (summary));

      return g_markup_escape_text (line, -1);
    }
  if (*commons_plan_get_subject (plan) != '\0')
    g_ptr_array_add (parts, (gpointer) commons_plan_get_subject (plan));
  if (*commons_plan_get_level (plan) != '\0')
    g_ptr_array_add (parts, (gpointer) commons_plan_get_level (plan));
  if (commons_plan_get_duration (plan) > 0)
    {
      guint minutes = commons_plan_get_duration (plan);

      total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
      g_ptr_array_add (parts, total);
    }
  g_ptr_array_add (parts, NULL);
  {
    g_autofree char *joined = g_strjoinv (" · ", (char **) parts->pdata);

    return g_markup_escape_text (joined, -1);
  }
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
plan_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *detail = row_label ("caption");
  GtkWidget *text = row_label ("caption");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), row_label ("heading"));
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), g_object_new (COMMONS_TYPE_COMMENT_COUNT, NULL));
  gtk_list_item_set_child (item, box);
}

static void
plan_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CommonsLibraryPage       *self)
{
  CommonsRecordSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *text = gtk_widget_get_next_sibling (detail);
  GtkWidget *comments = gtk_widget_get_next_sibling (text);
  g_autoptr(CommonsPlan) plan = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *markup = NULL;

  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  gtk_label_set_label (GTK_LABEL (title), commons_record_summary_get_title (summary));
  plan = commons_plan_load (self->store, commons_record_summary_get_id (summary), NULL);
  if (plan != NULL)
    detail_text = describe_plan (self, plan);
  gtk_label_set_label (GTK_LABEL (detail), detail_text != NULL ? detail_text : "");
  gtk_widget_set_visible (detail, detail_text != NULL);

  /* A search shows where the words matched; otherwise the summary. */
  if (commons_record_list_get_search (self->list) != NULL &&
      *commons_record_list_get_search (self->list) != '\0')
    markup = snippet_markup (commons_record_summary_get_snippet (summary));
  else if (plan != NULL)
    markup = plan_row_text (plan);
  gtk_label_set_markup (GTK_LABEL (text), markup != NULL ? markup : "");
  gtk_widget_set_visible (text, markup != NULL && *markup != '\0');
  commons_comment_count_set_plan (COMMONS_COMMENT_COUNT (comments), commons_record_summary_get_id (summary));
}

/* The view. */

static void
resolve_conflict_cb (CommonsLibraryPage *self)
{
  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  if (self->plan != NULL && commons_plan_get_record (self->plan) != NULL)
    g_signal_emit (self, signals[RESOLVE_CONFLICT], 0, commons_plan_get_record (self->plan));
}

static void
render_view (CommonsLibraryPage *self)
{
  if (self->plan != NULL)
    commons_plan_view_set_plan (self->plan_view, self->store, self->manager, self->plan);
}

static void
update_header (CommonsLibraryPage *self)
{
  g_autoptr(GError) reason = NULL;
  g_autoptr(GError) edit_reason = NULL;
  gboolean can_remix;
  gboolean can_edit;

  adw_window_title_set_title (self->plan_title,
                              self->plan != NULL ? commons_plan_get_title (self->plan) : "");
  gtk_button_set_icon_name (GTK_BUTTON (self->edit_button),
                            gtk_toggle_button_get_active (self->edit_button) ? "commons-object-select-symbolic"
                                                                             : "commons-document-edit-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               gtk_toggle_button_get_active (self->edit_button) ? _("Done Editing")
                                                                                : _("Edit Plan"));
  commons_accessible_set_label (GTK_WIDGET (self->edit_button),
                                gtk_toggle_button_get_active (self->edit_button) ? _("Done Editing")
                                                                                 : _("Edit Plan"));
  can_edit = self->plan != NULL && commons_plan_can_edit (self->plan, self->store, &edit_reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), can_edit);
  if (edit_reason != NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button), edit_reason->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, edit_reason->message, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->edit_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  can_remix = self->plan != NULL && commons_plan_get_record (self->plan) != NULL &&
              commons_plan_can_remix (self->plan, &reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.remix", can_remix);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.export-markdown", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.print", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.history", self->plan != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.delete",
                                 self->plan != NULL && commons_plan_get_record (self->plan) != NULL &&
                                 commons_plan_can_delete (self->plan, self->store, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.unshare",
                                 self->plan != NULL && commons_plan_get_record (self->plan) != NULL &&
                                 commons_plan_can_unshare (self->plan, self->store, NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remix_button),
                               can_remix ? _("Make your own version, crediting this one")
                                         : reason != NULL ? reason->message : NULL);
}

/* Saving. */

static void
save_plan (CommonsLibraryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsPlan) plan = NULL;
  gboolean saved;

  if (self->plan == NULL || self->store == NULL)
    return;
  /* A plan this person may not change was only read: there is nothing to
   * save, and trying would only be refused. */
  if (!commons_plan_can_edit (self->plan, self->store, NULL))
    return;
  if (gtk_toggle_button_get_active (self->edit_button))
    read_form (self);
  /* Saving tells the store's listeners, this page among them, that the
   * plan changed: it must not reload the plan it is saving. */
  plan = g_object_ref (self->plan);
  self->saving = TRUE;
  saved = commons_plan_save (plan, self->store, &error);
  self->saving = FALSE;
  if (!saved)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

void
commons_library_page_save (CommonsLibraryPage *self)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  save_plan (self);
}

static void
show_plan (CommonsLibraryPage *self,
           const char         *record)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->plan);
  if (record != NULL)
    {
      self->plan = commons_plan_load (self->store, record, &error);
      if (self->plan == NULL)
        g_warning ("Cannot open the plan: %s", error->message);
    }

  if (self->plan == NULL)
    gtk_stack_set_visible_child_name (self->plan_stack, "none");
  else if (gtk_toggle_button_get_active (self->edit_button) &&
           commons_plan_can_edit (self->plan, self->store, NULL))
    {
      fill_form (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "edit");
    }
  else
    {
      /* A plan this person may not edit opens for reading; the form,
       * which holds the plan before it, is not saved into it. */
      if (gtk_toggle_button_get_active (self->edit_button))
        {
          g_signal_handlers_block_by_func (self->edit_button, edit_toggled_cb, self);
          gtk_toggle_button_set_active (self->edit_button, FALSE);
          g_signal_handlers_unblock_by_func (self->edit_button, edit_toggled_cb, self);
        }
      render_view (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "view");
    }
  update_header (self);
}

static void
select_record (CommonsLibraryPage *self,
               const char         *record)
{
  guint position = commons_record_list_find (self->list, record);

  if (position != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, position);
  else
    show_plan (self, record);
  adw_leaflet_set_visible_child_name (self->leaflet, "plan");
}

static void
selection_changed_cb (CommonsLibraryPage *self)
{
  g_autoptr(CommonsRecordSummary) summary = gtk_single_selection_get_selected_item (self->selection) ?
    g_object_ref (gtk_single_selection_get_selected_item (self->selection)) : NULL;
  const char *record = summary != NULL ? commons_record_summary_get_id (summary) : NULL;

  if (self->plan != NULL && g_strcmp0 (record, commons_plan_get_record (self->plan)) == 0)
    return;
  save_plan (self);
  show_plan (self, record);
  if (record != NULL)
    adw_leaflet_set_visible_child_name (self->leaflet, "plan");
}

static void
back_clicked_cb (CommonsLibraryPage *self)
{
  save_plan (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

/* The form. */

static char *
text_of_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_view_text (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
update_total (CommonsLibraryPage *self)
{
  guint minutes = 0;
  g_autofree char *text = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->activities_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "minutes");

      if (spin != NULL)
        minutes += gtk_spin_button_get_value_as_int (spin);
    }
  text = commons_plan_render_total (minutes);
  gtk_label_set_label (self->total_label, text);
}

static void
read_activities (CommonsLibraryPage *self)
{
  while (commons_plan_get_n_activities (self->plan) > 0)
    commons_plan_remove_activity (self->plan, 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->activities_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkEditable *title = g_object_get_data (G_OBJECT (row), "title");
      GtkEditable *how = g_object_get_data (G_OBJECT (row), "instructions");
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "minutes");
      g_autoptr(CommonsActivity) activity = NULL;

      if (title == NULL)
        continue;
      activity = commons_activity_new (gtk_editable_get_text (title),
                                       gtk_editable_get_text (how),
                                       gtk_spin_button_get_value_as_int (spin));
      commons_plan_insert_activity (self->plan, -1, activity);
    }
}

static void
read_form (CommonsLibraryPage *self)
{
  g_autofree char *summary = text_of_view (self->summary_view);
  g_autofree char *assessment = text_of_view (self->assessment_view);
  g_autofree char *accessibility = text_of_view (self->accessibility_view);
  g_auto(GStrv) objectives = commons_list_editor_get_items (self->objectives_editor);
  g_auto(GStrv) materials = commons_list_editor_get_items (self->materials_editor);
  guint license = gtk_drop_down_get_selected (self->license_dropdown);

  if (self->plan == NULL)
    return;
  commons_plan_set_title (self->plan, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  commons_plan_set_summary (self->plan, summary);
  commons_plan_set_subject (self->plan, gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)));
  commons_plan_set_level (self->plan, gtk_editable_get_text (GTK_EDITABLE (self->level_entry)));
  commons_plan_set_language (self->plan, commons_language_chooser_get_language (self->language_chooser));
  if (license < self->license_ids->len && commons_plan_can_change_license (self->plan, self->store))
    commons_plan_set_license (self->plan, g_ptr_array_index (self->license_ids, license));
  commons_plan_set_objectives (self->plan, (const char * const *) objectives);
  commons_plan_set_materials (self->plan, (const char * const *) materials);
  commons_plan_set_assessment (self->plan, assessment);
  commons_plan_set_accessibility (self->plan, accessibility);
  read_activities (self);
}

static void rebuild_activities (CommonsLibraryPage *self);

static void
activity_move (GtkButton *button,
               int        delta)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  CommonsLibraryPage *self = g_object_get_data (G_OBJECT (row), "page");
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int target = index + delta;

  read_activities (self);
  if (delta == 0)
    commons_plan_remove_activity (self->plan, index);
  else if (target >= 0 && target < (int) commons_plan_get_n_activities (self->plan))
    commons_plan_move_activity (self->plan, index, target);
  rebuild_activities (self);
}

static void
activity_up_cb (GtkButton *button)
{
  activity_move (button, -1);
}

static void
activity_down_cb (GtkButton *button)
{
  activity_move (button, 1);
}

static void
activity_remove_cb (GtkButton *button)
{
  activity_move (button, 0);
}

static GtkWidget *
icon_button (const char *icon,
             const char *label,
             GCallback   callback,
             GtkWidget  *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "row", row);
  g_signal_connect (button, "clicked", callback, NULL);
  return button;
}

static void
add_activity_row (CommonsLibraryPage    *self,
                  const CommonsActivity *activity,
                  guint                  position)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_entry_new ();
  GtkWidget *minutes = gtk_spin_button_new_with_range (0, COMMONS_PLAN_MAX_MINUTES, 5);
  GtkWidget *how = gtk_entry_new ();
  g_autofree char *title_label = g_strdup_printf (_("Activity %u title"), position + 1);
  g_autofree char *minutes_label = g_strdup_printf (_("Activity %u minutes"), position + 1);
  g_autofree char *how_label = g_strdup_printf (_("Activity %u instructions"), position + 1);
  /* Translators: the name a screen reader gives an activity's button. */
  g_autofree char *up_label = g_strdup_printf (_("Move Activity %u Up"), position + 1);
  g_autofree char *down_label = g_strdup_printf (_("Move Activity %u Down"), position + 1);
  g_autofree char *remove_label = g_strdup_printf (_("Remove Activity %u"), position + 1);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  gtk_widget_set_hexpand (title, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (title), _("Activity"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LABEL, title_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (minutes), GTK_ACCESSIBLE_PROPERTY_LABEL, minutes_label, -1);
  gtk_widget_set_tooltip_text (minutes, _("Minutes"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (how), _("Instructions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (how), GTK_ACCESSIBLE_PROPERTY_LABEL, how_label, -1);

  if (activity != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (title), commons_activity_get_title (activity));
      gtk_editable_set_text (GTK_EDITABLE (how), commons_activity_get_instructions (activity));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (minutes), commons_activity_get_minutes (activity));
    }
  g_signal_connect_object (minutes, "value-changed", G_CALLBACK (update_total), self, G_CONNECT_SWAPPED);
  commons_spin_button_scroll_only_when_focused (GTK_SPIN_BUTTON (minutes));

  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), minutes);
  gtk_box_append (GTK_BOX (top), icon_button ("commons-go-up-symbolic", up_label, G_CALLBACK (activity_up_cb), row));
  gtk_box_append (GTK_BOX (top), icon_button ("commons-go-down-symbolic", down_label, G_CALLBACK (activity_down_cb), row));
  gtk_box_append (GTK_BOX (top), icon_button ("commons-user-trash-symbolic", remove_label, G_CALLBACK (activity_remove_cb), row));
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), how);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "page", self);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "minutes", minutes);
  g_object_set_data (G_OBJECT (row), "instructions", how);
  gtk_list_box_append (self->activities_list, row);
}

static void
rebuild_activities (CommonsLibraryPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->activities_list))) != NULL)
    gtk_list_box_remove (self->activities_list, child);
  for (guint i = 0; i < commons_plan_get_n_activities (self->plan); i++)
    add_activity_row (self, commons_plan_get_activity (self->plan, i), i);
  update_total (self);
}

static void
add_activity_cb (CommonsLibraryPage *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->activities_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  add_activity_row (self, NULL, n);
  update_total (self);
}

static void
license_changed_cb (CommonsLibraryPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->license_dropdown);
  const CommonsLicense *license = NULL;

  if (selected < self->license_ids->len)
    license = commons_license_lookup (g_ptr_array_index (self->license_ids, selected));
  gtk_label_set_label (self->license_label, license != NULL ? commons_license_get_explanation (license) : "");
}

/* Offers the licenses the plan may carry, its own selected. */
static void
fill_licenses (CommonsLibraryPage *self)
{
  guint n_licenses;
  const CommonsLicense *licenses = commons_license_get_all (&n_licenses);
  const char *current = commons_plan_get_license (self->plan);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->license_ids, 0);
  /* A license from a newer version stays as it is unless changed. */
  if (!commons_license_is_valid (current))
    {
      g_ptr_array_add (self->license_ids, g_strdup (current));
      g_ptr_array_add (names, (gpointer) commons_license_get_display_name (current));
    }
  for (guint i = 0; i < n_licenses; i++)
    if (commons_plan_allows_license (self->plan, licenses[i].id) ||
        g_strcmp0 (licenses[i].id, current) == 0)
      {
        g_ptr_array_add (self->license_ids, g_strdup (licenses[i].id));
        g_ptr_array_add (names, (gpointer) commons_license_get_name (&licenses[i]));
      }
  g_ptr_array_add (names, NULL);
  for (guint i = 0; i < self->license_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->license_ids, i), current) == 0)
      selected = i;

  gtk_string_list_splice (self->license_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->license_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->license_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->license_dropdown),
                            commons_plan_can_change_license (self->plan, self->store));
  license_changed_cb (self);
}

static void
fill_form (CommonsLibraryPage *self)
{

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), commons_plan_get_title (self->plan));
  set_view_text (self->summary_view, commons_plan_get_summary (self->plan));
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry), commons_plan_get_subject (self->plan));
  gtk_editable_set_text (GTK_EDITABLE (self->level_entry), commons_plan_get_level (self->plan));
  commons_language_chooser_set_language (self->language_chooser, commons_plan_get_language (self->plan));
  fill_licenses (self);
  commons_list_editor_set_items (self->objectives_editor, commons_plan_get_objectives (self->plan));
  commons_list_editor_set_items (self->materials_editor, commons_plan_get_materials (self->plan));
  set_view_text (self->assessment_view, commons_plan_get_assessment (self->plan));
  set_view_text (self->accessibility_view, commons_plan_get_accessibility (self->plan));
  rebuild_activities (self);
}

static void
edit_toggled_cb (CommonsLibraryPage *self)
{
  if (self->plan == NULL)
    return;

  if (gtk_toggle_button_get_active (self->edit_button))
    {
      update_header (self);
      fill_form (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "edit");
      gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
    }
  else
    {
      g_autofree char *record = NULL;

      read_form (self);
      save_plan (self);
      record = g_strdup (commons_plan_get_record (self->plan));
      refresh_filters (self);
      render_view (self);
      update_header (self);
      gtk_stack_set_visible_child_name (self->plan_stack, "view");
      filters_changed_cb (self);
      select_record (self, record);
    }
}

static GtkWidget *
form_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static GtkEntry *
form_entry (CommonsLibraryPage *self,
            const char         *heading,
            const char         *accessible_name,
            const char         *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_box_append (self->form, form_heading (heading));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  gtk_box_append (self->form, entry);
  return GTK_ENTRY (entry);
}

static GtkTextView *
form_text (CommonsLibraryPage *self,
           const char         *heading,
           const char         *hint)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *frame = gtk_frame_new (NULL);

  gtk_box_append (self->form, form_heading (heading));
  if (hint != NULL)
    {
      GtkWidget *label = gtk_label_new (hint);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (self->form, label);
    }
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next field, as everywhere else in a form. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 60);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (self->form, frame);
  return GTK_TEXT_VIEW (view);
}

static void
build_form (CommonsLibraryPage *self)
{
  GtkWidget *add;

  self->title_entry = form_entry (self, _("Title"), _("Plan title"), _("What the lesson is called"));
  self->summary_view = form_text (self, _("Summary"), NULL);
  self->subject_entry = form_entry (self, _("Subject"), _("Subject"), _("For example Mathematics"));
  self->level_entry = form_entry (self, _("Level"), _("Level"), _("For example Grade 5"));
  gtk_box_append (self->form, form_heading (_("Language")));
  self->language_chooser = COMMONS_LANGUAGE_CHOOSER (commons_language_chooser_new ());
  gtk_box_append (self->form, GTK_WIDGET (self->language_chooser));

  /* Filled in for each plan: a remix is offered only the licenses its
   * original allows. */
  self->license_names = gtk_string_list_new (NULL);
  self->license_ids = g_ptr_array_new_with_free_func (g_free);
  gtk_box_append (self->form, form_heading (_("License")));
  self->license_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->license_names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->license_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("License"), -1);
  g_signal_connect_object (self->license_dropdown, "notify::selected",
                           G_CALLBACK (license_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->form, GTK_WIDGET (self->license_dropdown));
  self->license_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->license_label, 0);
  gtk_label_set_wrap (self->license_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->license_label), "dim-label");
  gtk_box_append (self->form, GTK_WIDGET (self->license_label));

  gtk_box_append (self->form, form_heading (_("Objectives")));
  self->objectives_editor = COMMONS_LIST_EDITOR (commons_list_editor_new (_("Add Objective"),
                                                                          /* Translators: %u is a position in the list. */
                                                                          _("Objective %u"),
                                                                          /* Translators: %u is a position in the list. */
                                                                          _("Remove Objective %u"),
                                                                          _("What learners will be able to do")));
  gtk_box_append (self->form, GTK_WIDGET (self->objectives_editor));
  gtk_box_append (self->form, form_heading (_("Materials")));
  self->materials_editor = COMMONS_LIST_EDITOR (commons_list_editor_new (_("Add Material"),
                                                                         /* Translators: %u is a position in the list. */
                                                                         _("Material %u"),
                                                                         /* Translators: %u is a position in the list. */
                                                                         _("Remove Material %u"),
                                                                         _("Something to bring or prepare")));
  gtk_box_append (self->form, GTK_WIDGET (self->materials_editor));

  gtk_box_append (self->form, form_heading (_("Activities")));
  self->activities_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->activities_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->activities_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->activities_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Activities"), -1);
  gtk_box_append (self->form, GTK_WIDGET (self->activities_list));
  add = gtk_button_new_with_label (_("Add Activity"));
  gtk_widget_set_halign (add, GTK_ALIGN_START);
  g_signal_connect_object (add, "clicked", G_CALLBACK (add_activity_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->form, add);
  self->total_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->total_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->total_label), "heading");
  gtk_box_append (self->form, GTK_WIDGET (self->total_label));

  self->assessment_view = form_text (self, _("Assessment"), NULL);
  self->accessibility_view = form_text (self, _("Accessibility"), _("How every learner can take part"));
}

/* Actions. */

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(GError) error = NULL;

  save_plan (self);
  commons_plan_set_title (plan, _("Untitled Plan"));
  commons_plan_set_scope (plan, COMMONS_SCOPE_LOCAL);
  if (!commons_plan_save (plan, self->store, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  gtk_toggle_button_set_active (self->edit_button, TRUE);
  filters_changed_cb (self);
  select_record (self, commons_plan_get_record (plan));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

/* Ctrl+F: the search above the list, which a folded page shows first. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
remix_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *creator = NULL;
  const char *name = NULL;

  if (self->plan == NULL)
    return;
  save_plan (self);
  /* The credit names the original's author: the core knows this person's
   * own name, the group's member list a colleague's. */
  creator = commons_record_dup_creator (self->store, commons_plan_get_record (self->plan), NULL);
  if (!commons_store_is_me (self->store, creator) && self->manager != NULL)
    name = commons_sync_manager_lookup_person (self->manager, commons_plan_get_scope (self->plan), creator);
  remix = commons_plan_remix (self->store, commons_plan_get_record (self->plan), name,
                              COMMONS_SCOPE_LOCAL, &error);
  if (remix == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  filters_changed_cb (self);
  select_record (self, commons_plan_get_record (remix));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Remix made; the original is credited")));
}

/* Leaves the form without reading it into a plan: the plan it holds is
 * saved already, or gone. */
static void
stop_editing (CommonsLibraryPage *self)
{
  if (!gtk_toggle_button_get_active (self->edit_button))
    return;
  g_signal_handlers_block_by_func (self->edit_button, edit_toggled_cb, self);
  gtk_toggle_button_set_active (self->edit_button, FALSE);
  g_signal_handlers_unblock_by_func (self->edit_button, edit_toggled_cb, self);
}

static void
show_error_toast (CommonsLibraryPage *self,
                  const GError       *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (self->plan == NULL || commons_plan_get_record (self->plan) == NULL)
    return;
  save_plan (self);
  id = g_strdup (commons_plan_get_record (self->plan));
  /* Translators: %s is a lesson plan's title. */
  message = g_strdup_printf (_("“%s” deleted"), commons_plan_get_title (self->plan));
  if (!commons_plan_delete (self->store, id, &error))
    {
      show_error_toast (self, error);
      return;
    }

  stop_editing (self);
  show_plan (self, NULL);
  filters_changed_cb (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "list");

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "page.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  const char *id = g_variant_get_string (parameter, NULL);

  if (!commons_store_undelete_record (self->store, id, &error))
    {
      show_error_toast (self, error);
      return;
    }
  filters_changed_cb (self);
  select_record (self, id);
}

static void
unshare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;

  if (self->plan == NULL || commons_plan_get_record (self->plan) == NULL)
    return;
  save_plan (self);
  /* Translators: %s is a lesson plan's title. */
  message = g_strdup_printf (_("“%s” is no longer shared; it stays in your library"),
                             commons_plan_get_title (self->plan));
  kept = commons_plan_unshare (self->store, commons_plan_get_record (self->plan), &error);
  if (kept == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  stop_editing (self);
  filters_changed_cb (self);
  select_record (self, kept);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_response_cb (CommonsLibraryPage   *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *records[] = { NULL, NULL };

  if (response == GTK_RESPONSE_ACCEPT && self->plan != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      records[0] = commons_plan_get_record (self->plan);
      bytes = commons_bundle_export (self->store, records, &error);
      if (bytes != NULL &&
          g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported to “%s”"), name);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->plan == NULL)
    return;
  save_plan (self);
  chooser = gtk_file_chooser_native_new (_("Export Lesson Plan"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  /* Translators: the file name offered when exporting; %s is the plan's title. */
  name = g_strdup_printf (_("%s.commons"), commons_plan_get_title (self->plan));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);

  if (self->plan == NULL)
    return;
  save_plan (self);
  commons_plan_print (self->plan, GTK_WINDOW (gtk_widget_get_root (widget)), self->toast_overlay);
}

static void
export_markdown_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);

  if (self->plan == NULL)
    return;
  save_plan (self);
  commons_plan_export_markdown (self->plan, GTK_WINDOW (gtk_widget_get_root (widget)), self->toast_overlay);
}

static void
history_restored_cb (CommonsLibraryPage *self)
{
  g_autofree char *record = self->plan != NULL ? g_strdup (commons_plan_get_record (self->plan)) : NULL;

  /* Show the restored version, not the one held before. */
  g_clear_object (&self->plan);
  show_plan (self, record);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CommonsLibraryPage *self = COMMONS_LIBRARY_PAGE (widget);
  CommonsHistoryDialog *dialog;

  if (self->plan == NULL)
    return;
  if (gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, FALSE);
  save_plan (self);
  dialog = commons_history_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                       self->manager, commons_plan_get_record (self->plan));
  g_signal_connect_object (dialog, "restored", G_CALLBACK (history_restored_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * commons_library_page_reload:
 *
 * Lists the plans again, after another connection (an import, a sync)
 * changed them.
 */
/**
 * commons_library_page_set_sync_manager:
 * @manager: names the members of the groups plans are shared with
 */
void
commons_library_page_set_sync_manager (CommonsLibraryPage *self,
                                       CommonsSyncManager *manager)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (manager == NULL || COMMONS_IS_SYNC_MANAGER (manager));

  g_set_object (&self->manager, manager);
}

static void
warm_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!commons_plan_query_warm_finish (COMMONS_STORE (source), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Could not derive the plans' statuses ahead: %s", error->message);
}

/* Every plan's review status, derived on a thread while the list is
 * looked at, so choosing a status filter need not wait for it. */
static void
warm_statuses (CommonsLibraryPage *self)
{
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  commons_plan_query_warm_async (self->store, 0, self->cancellable, warm_done_cb, NULL);
}

void
commons_library_page_reload (CommonsLibraryPage *self)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));

  if (self->list == NULL)
    return;
  refresh_filters (self);
  commons_record_list_reload (self->list);
  update_list_stack (self);
  warm_statuses (self);
}

/**
 * commons_library_page_show_plan:
 *
 * Shows the plan @record, as when another page asks to open it.
 */
void
commons_library_page_show_plan (CommonsLibraryPage *self,
                                const char         *record)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (record != NULL);

  if (self->list == NULL)
    return;
  if (gtk_toggle_button_get_active (self->edit_button))
    gtk_toggle_button_set_active (self->edit_button, FALSE);
  commons_record_list_reload (self->list);
  update_list_stack (self);
  select_record (self, record);
}

/**
 * commons_library_page_show_comments:
 *
 * Shows the plan @record with the keyboard focus on its comments, as when
 * a notification of a comment is clicked.
 */
void
commons_library_page_show_comments (CommonsLibraryPage *self,
                                    const char         *record)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (record != NULL);

  commons_library_page_show_plan (self, record);
  if (self->plan != NULL && g_strcmp0 (commons_plan_get_record (self->plan), record) == 0)
    commons_plan_view_focus_comments (self->plan_view);
}

static void
record_changed_cb (CommonsLibraryPage *self,
                   const char         *record,
                   const char         *kind)
{
  if (g_strcmp0 (kind, "plan") != 0)
    return;
  update_list_stack (self);
  /* The plan on show was settled in the conflict view, or restored: show
   * what it is now, unless the person is editing it. */
  if (self->plan != NULL && !self->saving &&
      g_strcmp0 (commons_plan_get_record (self->plan), record) == 0 &&
      !gtk_toggle_button_get_active (self->edit_button))
    show_plan (self, record);
}

void
commons_library_page_set_store (CommonsLibraryPage *self,
                                CommonsStore       *store)
{
  g_return_if_fail (COMMONS_IS_LIBRARY_PAGE (self));
  g_return_if_fail (COMMONS_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->list);
  self->list = commons_record_list_new (store, "plan");
  commons_record_list_set_query_func (self->list, query_plans_cb, self, NULL);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->list));
  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  refresh_filters (self);
  update_list_stack (self);
  update_header (self);
  warm_statuses (self);
}

static void
commons_library_page_dispose (GObject *object)
{
  CommonsLibraryPage *self = (CommonsLibraryPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_LIBRARY_PAGE);
  g_clear_object (&self->plan);
  g_clear_object (&self->license_names);
  g_clear_pointer (&self->license_ids, g_ptr_array_unref);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (commons_library_page_parent_class)->dispose (object);
}

static void
commons_library_page_class_init (CommonsLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_library_page_dispose;


  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, remix_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, filter_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, plan_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsLibraryPage, form);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, resolve_conflict_cb);

  /**
   * CommonsLibraryPage::resolve-conflict:
   * @record: the plan's record id
   *
   * The person asks to settle a plan edited in two places.
   */
  signals[RESOLVE_CONFLICT] = g_signal_new ("resolve-conflict", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "page.remix", NULL, remix_action);
  gtk_widget_class_install_action (widget_class, "page.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "page.undo-delete", "s", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "page.unshare", NULL, unshare_action);
  gtk_widget_class_install_action (widget_class, "page.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "page.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "page.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "page.export-markdown", NULL, export_markdown_action);

  g_type_ensure (COMMONS_TYPE_RECORD_SUMMARY);
  g_type_ensure (COMMONS_TYPE_PLAN_VIEW);
  g_type_ensure (COMMONS_TYPE_COMMENT_COUNT);
}

static void
commons_library_page_init (CommonsLibraryPage *self)
{
  const char *statuses[] = { NULL, NULL, NULL, NULL, NULL, NULL };
  const char *orders[] = { NULL, NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: bound as a template child it would be disposed
   * twice. */
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

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

  build_form (self);

  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (plan_row_setup_cb), NULL);
    g_signal_connect_object (factory, "bind", G_CALLBACK (plan_row_bind_cb), self, 0);
    gtk_list_view_set_factory (self->list_view, factory);
  }
}
