/* commons-comment-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-comment-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-input.h"
#include "commons-comment-editor.h"

/* A small window to write a comment, a reply, or a new version of one's
 * own comment. It does not save anything itself: whoever opened it saves
 * the text it hands over with ::submitted and either closes it or shows
 * why the text was refused, so that nothing typed is lost to an error. */

struct _CommonsCommentEditor
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkLabel        *context_label;
  GtkTextView     *text_view;
  GtkButton       *submit_button;
};

G_DEFINE_FINAL_TYPE (CommonsCommentEditor, commons_comment_editor, ADW_TYPE_WINDOW)

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_submit (CommonsCommentEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* An empty comment says nothing; deleting is its own action. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comment.submit", *g_strstrip (text) != '\0');
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsCommentEditor *self = COMMONS_COMMENT_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);
  if (*text == '\0')
    return;
  g_signal_emit (self, signals[SUBMITTED], 0, text);
}

/**
 * commons_comment_editor_show_error:
 *
 * Says why the text handed over with ::submitted was not saved, and keeps
 * the window open with the text in it.
 */
void
commons_comment_editor_show_error (CommonsCommentEditor *self,
                                   const GError         *error)
{
  AdwToast *toast;

  g_return_if_fail (COMMONS_IS_COMMENT_EDITOR (self));
  g_return_if_fail (error != NULL);

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  commons_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
commons_comment_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), COMMONS_TYPE_COMMENT_EDITOR);

  G_OBJECT_CLASS (commons_comment_editor_parent_class)->dispose (object);
}

static void
commons_comment_editor_class_init (CommonsCommentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_comment_editor_dispose;

  /**
   * CommonsCommentEditor::submitted:
   * @text: what the person wrote, without surrounding blank space
   *
   * The person pressed the submit button. The handler saves @text, then
   * closes the window or calls commons_comment_editor_show_error().
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-comment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentEditor, context_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentEditor, submit_button);

  gtk_widget_class_install_action (widget_class, "comment.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_comment_editor_init (CommonsCommentEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  commons_text_view_send_on_ctrl_enter (self->text_view, "comment.submit");
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (update_submit), self, G_CONNECT_SWAPPED);
  update_submit (self);
}

/**
 * commons_comment_editor_new:
 * @title: the window's title, such as "Reply"
 * @context: (nullable): a line above the text saying what is answered
 * @submit_label: the submit button's label, with a mnemonic
 * @text: (nullable): the text to start from, when editing
 *
 * Returns: (transfer none): the editor over @parent
 */
CommonsCommentEditor *
commons_comment_editor_new (GtkWindow  *parent,
                            const char *title,
                            const char *context,
                            const char *submit_label,
                            const char *text)
{
  CommonsCommentEditor *self;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (submit_label != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_COMMENT_EDITOR, "transient-for", parent, "title", title, NULL);
  adw_window_title_set_title (self->window_title, title);
  gtk_label_set_label (self->context_label, context != NULL ? context : "");
  gtk_widget_set_visible (GTK_WIDGET (self->context_label), context != NULL && *context != '\0');
  gtk_button_set_label (self->submit_button, submit_label);
  /* The button's label has a mnemonic; its name says what it does. */
  commons_accessible_set_label (GTK_WIDGET (self->submit_button), title);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
  return self;
}
