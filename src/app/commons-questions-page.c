/* commons-questions-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-questions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-discussion.h"
#include "commons-question-editor.h"
#include "commons-question-row.h"
#include "commons-question-view.h"
#include "commons-questions-page.h"

/* Questions: one group's questions at a time, newest, unanswered or most
 * voted first, or what a search of their questions and answers finds;
 * and the question opened, with its answers. On a narrow window the list
 * and the question take turns. */

struct _CommonsQuestionsPage
{
  CommonsPage         parent_instance;

  CommonsSyncManager *manager;
  CommonsStore       *store;
  /* (element-type CommonsGroup): in the order of group_dropdown. */
  GPtrArray          *groups;
  char               *group;
  gboolean            filling;

  /* Template widgets */
  AdwLeaflet         *leaflet;
  GtkDropDown        *group_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkGridView        *list_view;
  GtkNoSelection     *selection;
  AdwStatusPage      *empty_page;
  AdwWindowTitle     *question_title;
  GtkStack           *question_stack;
  AdwBin             *question_bin;
  /* (nullable): built when a question is first opened, so that opening
   * the page does not build it. */
  CommonsQuestionView *question_view;
};

G_DEFINE_FINAL_TYPE (CommonsQuestionsPage, commons_questions_page, COMMONS_TYPE_PAGE)


enum {
  OPEN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
group_name (CommonsQuestionsPage *self,
            const char           *group)
{
  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      CommonsGroup *g = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (g->id, group) == 0)
        return g->name;
    }
  return NULL;
}

/**
 * commons_questions_page_reload:
 *
 * Reads the list of the group chosen again, as after a sync.
 */
void
commons_questions_page_reload (CommonsQuestionsPage *self)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const char *search;

  g_return_if_fail (COMMONS_IS_QUESTIONS_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.ask", self->group != NULL);
  /* Nothing to search or sort without a group. */
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), self->group != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), self->group != NULL);
  if (self->store == NULL || self->group == NULL)
    {
      gtk_no_selection_set_model (self->selection, NULL);
      gtk_stack_set_visible_child_name (self->list_stack, "no-groups");
      return;
    }

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  /* Search results come newest first, whatever the order chosen. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_dropdown), *search == '\0');
  if (*search != '\0')
    model = commons_discussion_search (self->store, self->group, search, &error);
  else
    model = commons_discussion_list_questions (self->store, self->group,
                                               (CommonsQuestionSort) gtk_drop_down_get_selected (self->sort_dropdown),
                                               &error);
  if (model == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Questions Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_no_selection_set_model (self->selection, NULL);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      return;
    }

  gtk_no_selection_set_model (self->selection, model);
  if (g_list_model_get_n_items (model) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    {
      adw_status_page_set_title (self->empty_page, *search != '\0' ? _("Nothing Found") : _("No Questions Yet"));
      adw_status_page_set_description (self->empty_page,
                                       *search != '\0' ? _("No question or answer of this group has these words")
                                                       : _("Press Ask to ask the group the first one"));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
}

static void
filters_changed_cb (CommonsQuestionsPage *self)
{
  if (!self->filling)
    commons_questions_page_reload (self);
}

static void
group_selected_cb (CommonsQuestionsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->group_dropdown);
  CommonsGroup *group;

  if (self->filling || self->groups == NULL || selected >= self->groups->len)
    return;
  group = g_ptr_array_index (self->groups, selected);
  if (g_strcmp0 (self->group, group->id) == 0)
    return;
  g_free (self->group);
  self->group = g_strdup (group->id);
  /* The question open belongs to the group left. */
  gtk_stack_set_visible_child_name (self->question_stack, "none");
  adw_window_title_set_title (self->question_title, "");
  adw_window_title_set_subtitle (self->question_title, "");
  commons_questions_page_reload (self);
}

static void
fill_groups (CommonsQuestionsPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  self->groups = commons_sync_manager_list_groups (self->manager);
  for (guint i = 0; i < self->groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (self->groups, i);

      gtk_string_list_append (names, group->name);
      if (g_strcmp0 (group->id, self->group) == 0)
        selected = i;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->group_dropdown, G_LIST_MODEL (names));
  if (self->groups->len > 0)
    gtk_drop_down_set_selected (self->group_dropdown, selected);
  self->filling = FALSE;

  g_free (self->group);
  self->group = self->groups->len > 0 ? g_strdup (((CommonsGroup *) g_ptr_array_index (self->groups, selected))->id)
                                      : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->group_dropdown), self->groups->len > 1);
  commons_questions_page_reload (self);
}

/**
 * commons_questions_page_show_group:
 *
 * Lists the questions of @group.
 */
void
commons_questions_page_show_group (CommonsQuestionsPage *self,
                                   const char           *group)
{
  g_return_if_fail (COMMONS_IS_QUESTIONS_PAGE (self));
  g_return_if_fail (group != NULL);

  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      CommonsGroup *g = g_ptr_array_index (self->groups, i);

      if (g_strcmp0 (g->id, group) == 0)
        {
          gtk_drop_down_set_selected (self->group_dropdown, i);
          group_selected_cb (self);
          break;
        }
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void open_plan_cb (CommonsQuestionsPage *self,
                          const char           *plan);

static void
ensure_question_view (CommonsQuestionsPage *self)
{
  if (self->question_view != NULL)
    return;
  self->question_view = COMMONS_QUESTION_VIEW (g_object_new (COMMONS_TYPE_QUESTION_VIEW, NULL));
  g_signal_connect_object (self->question_view, "open-plan", G_CALLBACK (open_plan_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->question_bin, GTK_WIDGET (self->question_view));
  commons_accessible_name_inner_widgets (GTK_WIDGET (self->question_view));
}

/* The question open, if any. */
static const char *
open_question (CommonsQuestionsPage *self)
{
  return self->question_view != NULL ? commons_question_view_get_question (self->question_view) : NULL;
}

/**
 * commons_questions_page_show_question:
 *
 * Opens @question, in whichever of this person's groups it was asked.
 */
void
commons_questions_page_show_question (CommonsQuestionsPage *self,
                                      const char           *question)
{
  g_autoptr(CommonsQuestion) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COMMONS_IS_QUESTIONS_PAGE (self));
  g_return_if_fail (question != NULL);

  if (self->store == NULL)
    return;
  loaded = commons_discussion_get_question (self->store, question, &error);
  if (loaded == NULL)
    {
      g_debug ("Cannot open the question: %s", error->message);
      return;
    }
  if (g_strcmp0 (commons_question_get_group (loaded), self->group) != 0)
    commons_questions_page_show_group (self, commons_question_get_group (loaded));
  adw_window_title_set_title (self->question_title, commons_question_get_title (loaded));
  adw_window_title_set_subtitle (self->question_title, group_name (self, commons_question_get_group (loaded)));
  ensure_question_view (self);
  commons_question_view_set_question (self->question_view, self->store, self->manager, question);
  gtk_stack_set_visible_child_name (self->question_stack, "question");
  adw_leaflet_set_visible_child_name (self->leaflet, "question");
  gtk_widget_grab_focus (GTK_WIDGET (self->question_view));
}

static void
list_activated_cb (CommonsQuestionsPage *self,
                   guint                 position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (COMMONS_IS_QUESTION (item))
    commons_questions_page_show_question (self, commons_question_get_record (COMMONS_QUESTION (item)));
  else if (COMMONS_IS_DISCUSSION_HIT (item))
    commons_questions_page_show_question (self, commons_discussion_hit_get_target (COMMONS_DISCUSSION_HIT (item)));
}

static void
back_clicked_cb (CommonsQuestionsPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
open_plan_cb (CommonsQuestionsPage *self,
              const char           *plan)
{
  g_signal_emit (self, signals[OPEN_PLAN], 0, plan);
}

static void
asked_cb (CommonsQuestionsPage *self,
          const char           *question)
{
  commons_questions_page_reload (self);
  commons_questions_page_show_question (self, question);
}

static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CommonsQuestionsPage *self = COMMONS_QUESTIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  CommonsQuestionEditor *editor;

  if (self->store == NULL || self->group == NULL)
    return;
  editor = commons_question_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store,
                                        self->group, group_name (self, self->group));
  g_signal_connect_object (editor, "asked", G_CALLBACK (asked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsQuestionsPage *self = COMMONS_QUESTIONS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The question open was changed or deleted, here or by a sync: its title
 * above it follows, and a deleted one is closed. */
static void
follow_open_question (CommonsQuestionsPage *self)
{
  const char *open = open_question (self);
  g_autoptr(CommonsQuestion) question = NULL;

  if (open == NULL || self->store == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->question_stack), "question") != 0)
    return;
  question = commons_discussion_get_question (self->store, open, NULL);
  if (question != NULL)
    {
      adw_window_title_set_title (self->question_title, commons_question_get_title (question));
      return;
    }
  gtk_stack_set_visible_child_name (self->question_stack, "none");
  adw_window_title_set_title (self->question_title, "");
  adw_window_title_set_subtitle (self->question_title, "");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
store_record_changed_cb (CommonsQuestionsPage *self,
                         const char           *record,
                         const char           *kind)
{
  /* Counts in the list change with every answer and vote. */
  if (g_strcmp0 (kind, COMMONS_QUESTION_KIND) == 0 || g_strcmp0 (kind, COMMONS_ANSWER_KIND) == 0 ||
      g_strcmp0 (kind, COMMONS_VOTE_KIND) == 0)
    commons_questions_page_reload (self);
  if (g_strcmp0 (kind, COMMONS_QUESTION_KIND) == 0 &&
      g_strcmp0 (record, open_question (self)) == 0)
    follow_open_question (self);
}

static void
records_changed_cb (CommonsQuestionsPage *self,
                    const char           *group)
{
  /* A sync stored what others wrote through a connection of its own. */
  if (g_strcmp0 (group, self->group) == 0)
    {
      commons_questions_page_reload (self);
      if (open_question (self) != NULL)
        {
          commons_question_view_reload (self->question_view);
          follow_open_question (self);
        }
    }
}

void
commons_questions_page_set_manager (CommonsQuestionsPage *self,
                                    CommonsSyncManager   *manager)
{
  g_return_if_fail (COMMONS_IS_QUESTIONS_PAGE (self));
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (manager));
  g_return_if_fail (self->manager == NULL);

  self->manager = g_object_ref (manager);
  self->store = g_object_ref (commons_sync_manager_get_store (manager));
  g_signal_connect_object (manager, "groups-changed", G_CALLBACK (fill_groups), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "records-changed", G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "record-changed", G_CALLBACK (store_record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  fill_groups (self);
}

static void
commons_questions_page_dispose (GObject *object)
{
  CommonsQuestionsPage *self = COMMONS_QUESTIONS_PAGE (object);

  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_QUESTIONS_PAGE);
  /* It went with question_bin. */
  self->question_view = NULL;
  g_clear_object (&self->manager);
  g_clear_object (&self->store);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->group, g_free);

  G_OBJECT_CLASS (commons_questions_page_parent_class)->dispose (object);
}

static void
commons_questions_page_class_init (CommonsQuestionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_questions_page_dispose;


  /**
   * CommonsQuestionsPage::open-plan:
   * @plan: the record id of the plan a question links to
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (COMMONS_TYPE_QUESTION_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-questions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, question_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, question_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionsPage, question_bin);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "page.ask", NULL, ask_action);
  gtk_widget_class_install_action (widget_class, "page.search", NULL, search_action);
}

static void
commons_questions_page_init (CommonsQuestionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.ask", FALSE);
}
