/* commons-answer-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-answer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-answer-row.h"
#include "commons-comment-row.h"

/* One answer to a question: its score with the two vote buttons beside
 * it, who wrote it, its text, and, for the asker, the button that accepts
 * it. The buttons name the question view's actions with the answer as
 * target; pressing the vote one has already given takes it back. */

struct _CommonsAnswerRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkButton     *up_button;
  GtkButton     *down_button;
  GtkLabel      *score_label;
  GtkLabel      *accepted_label;
  GtkLabel      *author_label;
  GtkLabel      *body_label;
  GtkButton     *accept_button;
  GtkButton     *edit_button;
  GtkButton     *delete_button;
};

G_DEFINE_FINAL_TYPE (CommonsAnswerRow, commons_answer_row, GTK_TYPE_LIST_BOX_ROW)

static void
set_vote_button (GtkButton  *button,
                 const char *answer,
                 int         value,
                 gboolean    given,
                 const char *name)
{
  /* The vote given is shown pressed; pressing it again withdraws it. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(si)", answer, given ? 0 : value);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "question.vote");
  if (given)
    gtk_widget_add_css_class (GTK_WIDGET (button), "accent");
  gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                               given ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), name);
  commons_accessible_set_label (GTK_WIDGET (button), name);
}

static void
commons_answer_row_dispose (GObject *object)
{
  /* The row lets go of its child itself; the template's pass would
   * otherwise unparent it a second time. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), COMMONS_TYPE_ANSWER_ROW);

  G_OBJECT_CLASS (commons_answer_row_parent_class)->dispose (object);
}

static void
commons_answer_row_class_init (CommonsAnswerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_answer_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-answer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, score_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, accepted_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, body_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsAnswerRow, delete_button);
}

static void
commons_answer_row_init (CommonsAnswerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * commons_answer_row_new:
 * @author_name: (nullable): the name the author goes by in the group
 * @can_accept: whether this person asked the question
 *
 * Returns: (transfer floating): a row showing @answer
 */
GtkWidget *
commons_answer_row_new (CommonsAnswer *answer,
                        const char    *author_name,
                        gboolean       can_accept)
{
  CommonsAnswerRow *self;
  const char *record;
  const char *who;
  int score, mine;
  gboolean accepted;
  g_autofree char *when = NULL;
  g_autofree char *author = NULL;
  g_autofree char *score_text = NULL;
  g_autofree char *up_name = NULL;
  g_autofree char *down_name = NULL;
  g_autofree char *accept_name = NULL;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (COMMONS_IS_ANSWER (answer), NULL);

  self = g_object_new (COMMONS_TYPE_ANSWER_ROW, NULL);
  record = commons_answer_get_record (answer);
  score = commons_answer_get_score (answer);
  mine = commons_answer_get_my_vote (answer);
  accepted = commons_answer_get_accepted (answer);
  who = commons_answer_get_mine (answer) ? _("You")
        : author_name != NULL && *author_name != '\0' ? author_name : _("Someone");
  when = commons_comment_format_day (commons_answer_get_created (answer));

  score_text = g_strdup_printf ("%d", score);
  gtk_label_set_label (self->score_label, score_text);
  /* Translators: who wrote an answer, and when. */
  author = g_strdup_printf (_("%s · %s"), who, when);
  if (g_strcmp0 (commons_answer_get_created (answer), commons_answer_get_updated (answer)) != 0)
    {
      /* Translators: added after an answer's date when its author changed it. */
      g_autofree char *edited = g_strdup_printf (_("%s · edited"), author);

      g_free (author);
      author = g_steal_pointer (&edited);
    }
  gtk_label_set_label (self->author_label, author);
  gtk_label_set_label (self->body_label, commons_answer_get_body (answer));
  gtk_widget_set_visible (GTK_WIDGET (self->accepted_label), accepted);

  /* Translators: the names of the vote buttons; %s is who wrote the answer. */
  up_name = g_strdup_printf (mine > 0 ? _("Withdraw Your Vote Up for the Answer by %s")
                                      : _("Vote Up the Answer by %s"), who);
  down_name = g_strdup_printf (mine < 0 ? _("Withdraw Your Vote Down for the Answer by %s")
                                        : _("Vote Down the Answer by %s"), who);
  set_vote_button (self->up_button, record, 1, mine > 0, up_name);
  set_vote_button (self->down_button, record, -1, mine < 0, down_name);
  /* One does not vote on one's own answer. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), !commons_answer_get_mine (answer));
  gtk_widget_set_sensitive (GTK_WIDGET (self->down_button), !commons_answer_get_mine (answer));

  gtk_widget_set_visible (GTK_WIDGET (self->accept_button), can_accept);
  if (can_accept)
    {
      accept_name = g_strdup_printf (accepted ? _("Withdraw Acceptance of the Answer by %s")
                                              : _("Accept the Answer by %s"), who);
      gtk_button_set_label (self->accept_button, accepted ? _("Withdraw Acceptance") : _("Accept"));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->accept_button), "s", accepted ? "" : record);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), "question.accept");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->accept_button), accept_name);
      commons_accessible_set_label (GTK_WIDGET (self->accept_button), accept_name);
    }

  /* Only its author changes or deletes an answer: no one else sees the
   * buttons. */
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), commons_answer_get_mine (answer));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->edit_button), "s", record);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->edit_button), "question.edit-answer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button), _("Edit Your Answer"));
  commons_accessible_set_label (GTK_WIDGET (self->edit_button), _("Edit Your Answer"));

  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), commons_answer_get_mine (answer));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "s", record);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "question.delete-answer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->delete_button), _("Delete Your Answer"));
  commons_accessible_set_label (GTK_WIDGET (self->delete_button), _("Delete Your Answer"));

  /* Translators: a screen reader's summary of an answer: who and when,
   * whether it was accepted, its score, then its text. */
  accessible = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s, %d vote: %s", "%s%s, %d votes: %s",
                                             ABS (score)),
                                author, accepted ? _(", accepted") : "", score,
                                commons_answer_get_body (answer));
  commons_accessible_set_label (GTK_WIDGET (self), accessible);
  return GTK_WIDGET (self);
}
