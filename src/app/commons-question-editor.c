/* commons-question-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-question-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-discussion.h"
#include "commons-language-chooser.h"
#include "commons-plan-query.h"
#include "commons-question-editor.h"
#include "commons-record-list.h"

/* Asking a group a question: a title, what one wants to know, the
 * language it is asked in, and, if it is about one, a lesson plan of the
 * group. The question is written in the group's scope at once and is
 * shared at the next sync, or when the device is back online. The same
 * form changes a question of one's own, from what it says now. */

struct _CommonsQuestionEditor
{
  AdwWindow               parent_instance;

  CommonsStore           *store;
  char                   *group;
  /* The question changed, or %NULL when asking a new one. */
  char                   *question;
  /* Record ids of the plans in plan_dropdown, after "No plan". */
  GPtrArray              *plans;
  CommonsLanguageChooser *language_chooser;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  AdwToastOverlay        *toast_overlay;
  GtkEntry               *title_entry;
  GtkTextView            *body_view;
  GtkBox                 *language_box;
  GtkDropDown            *plan_dropdown;
  GtkButton              *ask_button;
};

G_DEFINE_FINAL_TYPE (CommonsQuestionEditor, commons_question_editor, ADW_TYPE_WINDOW)

enum {
  ASKED,
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_plans (CommonsQuestionEditor *self)
{
  CommonsPlanFilter filter = COMMONS_PLAN_FILTER_INIT;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GArray) rows = NULL;

  /* Translators: the first choice of the plan a question is about. */
  gtk_string_list_append (names, _("No plan"));
  filter.scope = self->group;
  filter.sort = COMMONS_PLAN_SORT_TITLE;
  rows = commons_plan_query (self->store, &filter, NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autoptr(CommonsRecordSummary) summary =
        commons_record_summary_load (self->store, g_array_index (rows, gint64, i), NULL);

      if (summary == NULL)
        continue;
      g_ptr_array_add (self->plans, g_strdup (commons_record_summary_get_id (summary)));
      gtk_string_list_append (names, commons_record_summary_get_title (summary));
    }
  gtk_drop_down_set_model (self->plan_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->plan_dropdown, 0);
}

static void
update_ask (CommonsQuestionEditor *self)
{
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "question.ask", *g_strstrip (title) != '\0');
}

static void
ask_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CommonsQuestionEditor *self = COMMONS_QUESTION_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  g_autofree char *body = NULL;
  g_autofree char *record = NULL;
  const char *plan = NULL;
  guint selected = gtk_drop_down_get_selected (self->plan_dropdown);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (title);
  g_strstrip (body);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected - 1 < self->plans->len)
    plan = g_ptr_array_index (self->plans, selected - 1);

  if (self->question != NULL)
    {
      /* No plan chosen unlinks the one it was about. */
      if (commons_discussion_edit_question (self->store, self->question, title, body,
                                            commons_language_chooser_get_language (self->language_chooser),
                                            plan != NULL ? plan : "", &error))
        record = g_strdup (self->question);
    }
  else
    record = commons_discussion_ask (self->store, self->group, title, body,
                                     commons_language_chooser_get_language (self->language_chooser),
                                     plan, &error);
  if (record == NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      /* Nothing typed is lost: the form stays open as it was. */
      adw_toast_set_timeout (toast, 0);
      commons_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  g_signal_emit (self, signals[self->question != NULL ? EDITED : ASKED], 0, record);
  gtk_window_close (GTK_WINDOW (self));
}

static void
commons_question_editor_dispose (GObject *object)
{
  CommonsQuestionEditor *self = COMMONS_QUESTION_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_QUESTION_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->question, g_free);
  g_clear_pointer (&self->plans, g_ptr_array_unref);

  G_OBJECT_CLASS (commons_question_editor_parent_class)->dispose (object);
}

static void
commons_question_editor_class_init (CommonsQuestionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_question_editor_dispose;

  /**
   * CommonsQuestionEditor::asked:
   * @question: the new question's record id
   */
  signals[ASKED] = g_signal_new ("asked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CommonsQuestionEditor::edited:
   * @question: the record id of the question changed
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-question-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, language_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, plan_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionEditor, ask_button);

  gtk_widget_class_install_action (widget_class, "question.ask", NULL, ask_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_question_editor_init (CommonsQuestionEditor *self)
{
  const char * const *languages = g_get_language_names ();
  const char *tag = "en";

  gtk_widget_init_template (GTK_WIDGET (self));
  self->plans = g_ptr_array_new_with_free_func (g_free);
  /* Built here rather than in the template: it reads the names of every
   * language, which only a form that asks for one needs. */
  self->language_chooser = COMMONS_LANGUAGE_CHOOSER (commons_language_chooser_new ());
  gtk_box_append (self->language_box, GTK_WIDGET (self->language_chooser));
  /* Questions are most often asked in the language one reads the app in:
   * the first of its names that is a language, "de" of "de_CH.UTF-8". */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (strpbrk (languages[i], "_.@") == NULL && !g_str_equal (languages[i], "C") &&
          !g_str_equal (languages[i], "POSIX"))
        {
          tag = languages[i];
          break;
        }
    }
  commons_language_chooser_set_language (self->language_chooser, tag);
  commons_accessible_set_label (GTK_WIDGET (self->ask_button), _("Ask the Question"));
  g_signal_connect_object (self->title_entry, "changed", G_CALLBACK (update_ask), self, G_CONNECT_SWAPPED);
  update_ask (self);
}

/**
 * commons_question_editor_new:
 * @group: the group asked
 * @group_name: its name, for the window's subtitle
 *
 * Returns: (transfer none): the form over @parent
 */
CommonsQuestionEditor *
commons_question_editor_new (GtkWindow    *parent,
                             CommonsStore *store,
                             const char   *group,
                             const char   *group_name)
{
  CommonsQuestionEditor *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_QUESTION_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->group = g_strdup (group);
  adw_window_title_set_subtitle (self->window_title, group_name);
  fill_plans (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  return self;
}

/**
 * commons_question_editor_new_for_question:
 * @question: a question of this person's, with its whole body
 * @group_name: (nullable): the name of its group, for the window's subtitle
 *
 * Returns: (transfer none): the form over @parent, filled in from
 *   @question, which saves it as a new version of the question
 */
CommonsQuestionEditor *
commons_question_editor_new_for_question (GtkWindow       *parent,
                                          CommonsStore    *store,
                                          CommonsQuestion *question,
                                          const char      *group_name)
{
  CommonsQuestionEditor *self;
  const char *plan;
  const char *language;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (COMMONS_IS_QUESTION (question), NULL);

  self = commons_question_editor_new (parent, store, commons_question_get_group (question),
                                      group_name != NULL ? group_name : "");
  self->question = g_strdup (commons_question_get_record (question));
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Question"));
  adw_window_title_set_title (self->window_title, _("Edit Question"));
  gtk_button_set_label (self->ask_button, _("_Save"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ask_button), _("Save Your Question"));
  commons_accessible_set_label (GTK_WIDGET (self->ask_button), _("Save Your Question"));

  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), commons_question_get_title (question));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), commons_question_get_body (question), -1);
  language = commons_question_get_language (question);
  if (language != NULL && *language != '\0')
    commons_language_chooser_set_language (self->language_chooser, language);
  plan = commons_question_get_plan (question);
  for (guint i = 0; plan != NULL && i < self->plans->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (self->plans, i), plan))
        gtk_drop_down_set_selected (self->plan_dropdown, i + 1);
    }
  update_ask (self);
  return self;
}
