/* commons-question-view.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-question-view"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-input.h"
#include "commons-answer-editor.h"
#include "commons-answer-row.h"
#include "commons-comment-row.h"
#include "commons-discussion.h"
#include "commons-language.h"
#include "commons-question-editor.h"
#include "commons-question-view.h"

/* One question with its answers, the accepted one first and the others by
 * their votes, and a field to answer it. Votes, acceptance and answers are
 * written as soon as the person acts; the list is read again from the
 * store when anything of the question changes, here or by sync. */

struct _CommonsQuestionView
{
  GtkWidget           parent_instance;

  CommonsStore       *store;
  /* The store's changes, followed whichever store the view is given. */
  GSignalGroup       *store_signals;
  CommonsSyncManager *manager;
  char               *record;
  char               *group;
  char               *plan;
  /* As last read: the question with its whole body, and its answers. */
  CommonsQuestion    *question;
  GListModel         *answers;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *title_label;
  GtkLabel           *meta_label;
  GtkButton          *plan_button;
  GtkWidget          *own_box;
  GtkWidget          *delete_button;
  GtkLabel           *body_label;
  GtkLabel           *answers_label;
  GtkListBox         *answers_list;
  GtkTextView        *answer_view;
};

G_DEFINE_FINAL_TYPE (CommonsQuestionView, commons_question_view, GTK_TYPE_WIDGET)

enum {
  OPEN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (CommonsQuestionView *self,
       const char          *text)
{
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static const char *
name_of (CommonsQuestionView *self,
         const char          *person)
{
  if (self->manager == NULL || self->group == NULL || person == NULL)
    return NULL;
  return commons_sync_manager_lookup_person (self->manager, self->group, person);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/**
 * commons_question_view_reload:
 *
 * Reads the question and its answers again.
 */
void
commons_question_view_reload (CommonsQuestionView *self)
{
  g_autoptr(CommonsQuestion) question = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *language = NULL;
  g_autofree char *count = NULL;
  const char *who;
  gboolean mine;
  gboolean others_answered = FALSE;
  guint n;

  g_return_if_fail (COMMONS_IS_QUESTION_VIEW (self));

  clear_list (self->answers_list);
  g_clear_object (&self->question);
  g_clear_object (&self->answers);
  gtk_widget_set_visible (self->own_box, FALSE);
  if (self->record == NULL || self->store == NULL)
    return;

  question = commons_discussion_get_question (self->store, self->record, &error);
  if (question == NULL)
    {
      gtk_label_set_label (self->title_label, error->message);
      return;
    }
  self->question = g_object_ref (question);

  g_free (self->group);
  self->group = g_strdup (commons_question_get_group (question));
  g_free (self->plan);
  self->plan = g_strdup (commons_question_get_plan (question));
  mine = commons_question_get_mine (question);
  who = mine ? _("You") : name_of (self, commons_question_get_asker (question));
  if (who == NULL)
    who = _("Someone");
  when = commons_comment_format_day (commons_question_get_created (question));
  language = commons_language_dup_display_name (commons_question_get_language (question));
  if (language != NULL && *language != '\0')
    /* Translators: who asked a question, when, and in which language. */
    meta = g_strdup_printf (_("Asked by %s · %s · %s"), who, when, language);
  else
    /* Translators: who asked a question, and when. */
    meta = g_strdup_printf (_("Asked by %s · %s"), who, when);

  gtk_label_set_label (self->title_label, commons_question_get_title (question));
  gtk_label_set_label (self->meta_label, meta);
  gtk_label_set_label (self->body_label, commons_question_get_body (question));
  gtk_widget_set_visible (GTK_WIDGET (self->body_label), *commons_question_get_body (question) != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->plan_button), self->plan != NULL);

  answers = commons_discussion_list_answers (self->store, self->record, &error);
  if (answers == NULL)
    {
      gtk_label_set_label (self->answers_label, error->message);
      return;
    }
  self->answers = g_object_ref (answers);
  n = g_list_model_get_n_items (answers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsAnswer) answer = g_list_model_get_item (answers, i);

      gtk_list_box_append (self->answers_list,
                           commons_answer_row_new (answer, name_of (self, commons_answer_get_author (answer)), mine));
      if (!commons_answer_get_mine (answer))
        others_answered = TRUE;
    }
  /* Only the asker changes or deletes a question, and once others have
   * answered it, it stays for them (commons_discussion_delete_question()). */
  gtk_widget_set_visible (self->own_box, mine);
  gtk_widget_set_visible (self->delete_button, !others_answered);
  gtk_widget_set_visible (GTK_WIDGET (self->answers_list), n > 0);
  if (n == 0)
    count = g_strdup (_("No answers yet."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Answer", "%u Answers", n), n);
  gtk_label_set_label (self->answers_label, count);
}

static void
store_record_changed_cb (CommonsQuestionView *self,
                         const char          *record,
                         const char          *kind)
{
  g_assert (COMMONS_IS_QUESTION_VIEW (self));

  if (g_strcmp0 (kind, COMMONS_QUESTION_KIND) == 0 || g_strcmp0 (kind, COMMONS_ANSWER_KIND) == 0 ||
      g_strcmp0 (kind, COMMONS_VOTE_KIND) == 0)
    commons_question_view_reload (self);
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  GtkTextIter start, end;

  if (self->record == NULL || self->store == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (*text == '\0')
    {
      toast (self, _("Write your answer first"));
      return;
    }
  written = commons_discussion_add_answer (self->store, self->record, text, &error);
  if (written == NULL)
    {
      /* The text stays in the field, to be sent again. */
      toast (self, error->message);
      return;
    }
  gtk_text_buffer_set_text (buffer, "", -1);
  toast (self, _("Answer posted"));
}

static void
vote_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *answer;
  int value;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(&si)", &answer, &value);
  if (!commons_discussion_vote (self->store, answer, value, &error))
    toast (self, error->message);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  const char *answer = g_variant_get_string (parameter, NULL);

  if (self->record == NULL || self->store == NULL)
    return;
  /* An empty target withdraws the acceptance. */
  if (!commons_discussion_accept (self->store, self->record, *answer != '\0' ? answer : NULL, &error))
    toast (self, error->message);
}

static void
delete_answer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!commons_discussion_delete_answer (self->store, g_variant_get_string (parameter, NULL), &error))
    toast (self, error->message);
  else
    toast (self, _("Answer deleted"));
}

static GtkWindow *
parent_window (CommonsQuestionView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  g_autoptr(CommonsGroup) group = NULL;
  CommonsQuestionEditor *editor;

  if (self->question == NULL || self->store == NULL || !commons_question_get_mine (self->question))
    return;
  group = commons_store_get_group (self->store, commons_question_get_group (self->question), NULL);
  editor = commons_question_editor_new_for_question (parent_window (self), self->store, self->question,
                                                     group != NULL ? group->name : NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
unref_view (gpointer  data,
            GClosure *closure)
{
  g_object_unref (data);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  CommonsQuestionView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->record == NULL || self->store == NULL)
    return;
  /* The page leaves the question when the store says it is gone. */
  if (!commons_discussion_delete_question (self->store, self->record, &error))
    toast (self, error->message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  GtkWidget *dialog;

  if (self->question == NULL || !commons_question_get_mine (self->question))
    return;
  dialog = adw_message_dialog_new (parent_window (self), _("Delete Your Question?"),
                                   _("Your answers to it go with it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), g_object_ref (self),
                         unref_view, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);
  const char *record = g_variant_get_string (parameter, NULL);

  if (self->store == NULL || self->answers == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (self->answers); i++)
    {
      g_autoptr(CommonsAnswer) answer = g_list_model_get_item (self->answers, i);
      CommonsAnswerEditor *editor;

      if (!g_str_equal (commons_answer_get_record (answer), record) || !commons_answer_get_mine (answer))
        continue;
      editor = commons_answer_editor_new (parent_window (self), self->store, record,
                                          self->question != NULL ? commons_question_get_title (self->question) : NULL,
                                          commons_answer_get_body (answer));
      gtk_window_present (GTK_WINDOW (editor));
      break;
    }
}

static void
open_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CommonsQuestionView *self = COMMONS_QUESTION_VIEW (widget);

  if (self->plan != NULL)
    g_signal_emit (self, signals[OPEN_PLAN], 0, self->plan);
}

const char *
commons_question_view_get_question (CommonsQuestionView *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION_VIEW (self), NULL);
  return self->record;
}

/**
 * commons_question_view_set_question:
 * @manager: (nullable): for the names of the group's members
 * @question: (nullable): the question's record id
 *
 * Shows @question; showing it is opening it, so its answers are seen.
 */
void
commons_question_view_set_question (CommonsQuestionView *self,
                                    CommonsStore        *store,
                                    CommonsSyncManager  *manager,
                                    const char          *question)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (COMMONS_IS_QUESTION_VIEW (self));
  g_return_if_fail (store == NULL || COMMONS_IS_STORE (store));

  if (g_set_object (&self->store, store))
    g_signal_group_set_target (self->store_signals, store);
  g_set_object (&self->manager, manager);
  if (g_strcmp0 (self->record, question) != 0)
    {
      g_free (self->record);
      self->record = g_strdup (question);
      /* A half-written answer belongs to the question it was written for. */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view), "", -1);
    }
  commons_question_view_reload (self);
  if (question != NULL && store != NULL && !commons_discussion_mark_seen (store, question, &error))
    g_debug ("Cannot mark the question seen: %s", error->message);
}

static void
commons_question_view_dispose (GObject *object)
{
  CommonsQuestionView *self = (CommonsQuestionView *)object;

  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_QUESTION_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->plan, g_free);
  g_clear_object (&self->question);
  g_clear_object (&self->answers);

  G_OBJECT_CLASS (commons_question_view_parent_class)->dispose (object);
}

static void
commons_question_view_class_init (CommonsQuestionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_question_view_dispose;

  /**
   * CommonsQuestionView::open-plan:
   * @plan: the record id of the plan the question links to
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-question-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, plan_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, own_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, body_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, answers_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, answers_list);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionView, answer_view);

  gtk_widget_class_install_action (widget_class, "question.answer", NULL, answer_action);
  gtk_widget_class_install_action (widget_class, "question.vote", "(si)", vote_action);
  gtk_widget_class_install_action (widget_class, "question.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "question.delete-answer", "s", delete_answer_action);
  gtk_widget_class_install_action (widget_class, "question.open-plan", NULL, open_plan_action);
  gtk_widget_class_install_action (widget_class, "question.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "question.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "question.edit-answer", "s", edit_answer_action);
}

static void
commons_question_view_init (CommonsQuestionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (COMMONS_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "record-changed",
                                 G_CALLBACK (store_record_changed_cb), self, G_CONNECT_SWAPPED);

  commons_text_view_send_on_ctrl_enter (self->answer_view, "question.answer");
}
