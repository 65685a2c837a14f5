/* commons-answer-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-answer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-input.h"
#include "commons-answer-editor.h"
#include "commons-discussion.h"

/* A small window to change one's own answer. It saves the new text as a
 * new version of the answer and closes; when the text is refused it stays
 * open with the text in it and says why, so nothing typed is lost. The
 * question view shows the change when the store says the answer changed. */

struct _CommonsAnswerEditor
{
  AdwWindow        parent_instance;

  CommonsStore    *store;
  char            *answer;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkLabel        *context_label;
  GtkTextView     *text_view;
  GtkButton       *save_button;
};

G_DEFINE_FINAL_TYPE (CommonsAnswerEditor, commons_answer_editor, ADW_TYPE_WINDOW)

static char *
dup_text (CommonsAnswerEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
update_save (CommonsAnswerEditor *self)
{
  g_autofree char *text = dup_text (self);

  /* An empty answer says nothing; deleting is its own action. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "answer.save", *text != '\0');
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommonsAnswerEditor *self = COMMONS_ANSWER_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_text (self);

  if (*text == '\0' || self->store == NULL)
    return;
  if (!commons_discussion_edit_answer (self->store, self->answer, text, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      commons_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
commons_answer_editor_dispose (GObject *object)
{
  CommonsAnswerEditor *self = COMMONS_ANSWER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_ANSWER_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->answer, g_free);

  G_OBJECT_CLASS (commons_answer_editor_parent_class)->dispose (object);
}

static void
commons_answer_editor_class_init (CommonsAnswerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_answer_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-answer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerEditor, context_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerEditor, save_button);

  gtk_widget_class_install_action (widget_class, "answer.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_answer_editor_init (CommonsAnswerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  commons_text_view_send_on_ctrl_enter (self->text_view, "answer.save");
  /* The button's label has a mnemonic; its name says what it does. */
  commons_accessible_set_label (GTK_WIDGET (self->save_button), _("Save Your Answer"));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (update_save), self, G_CONNECT_SWAPPED);
  update_save (self);
}

/**
 * commons_answer_editor_new:
 * @answer: the record id of an answer of this person's
 * @question_title: the title of the question it answers
 * @text: the answer as it is
 *
 * Returns: (transfer none): the editor over @parent
 */
CommonsAnswerEditor *
commons_answer_editor_new (GtkWindow    *parent,
                           CommonsStore *store,
                           const char   *answer,
                           const char   *question_title,
                           const char   *text)
{
  CommonsAnswerEditor *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (answer != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_ANSWER_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->answer = g_strdup (answer);
  gtk_label_set_label (self->context_label, question_title != NULL ? question_title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), question_title != NULL && *question_title != '\0');
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return self;
}
