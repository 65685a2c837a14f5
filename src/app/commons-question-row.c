/* commons-question-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-question-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-discussion.h"
#include "commons-question-row.h"
#include "commons-record-list.h"
#include "commons-snippet.h"

/* One line of the Questions page's list: a question with its counts, or,
 * while searching, a question or an answer that matched, with the matched
 * words in bold. The list's factory binds the item; the row reads it. */

struct _CommonsQuestionRow
{
  GtkWidget  parent_instance;

  GObject   *item;

  /* Template widgets */
  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *new_label;
  GtkLabel  *detail_label;
};

G_DEFINE_FINAL_TYPE (CommonsQuestionRow, commons_question_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Sooner or later a snippet is one ellipsized line: shaping more text
 * than a row can show costs the list its speed. */
#define SNIPPET_MAX_CHARS 160

static void
show_question (CommonsQuestionRow *self,
               CommonsQuestion    *question)
{
  guint n_answers = commons_question_get_n_answers (question);
  int score = commons_question_get_score (question);
  g_autofree char *answers = NULL;
  g_autofree char *votes = NULL;
  g_autofree char *detail = NULL;

  gtk_label_set_label (self->title_label, commons_question_get_title (question));
  answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", n_answers), n_answers);
  /* Translators: the sum of the votes on a question's answers; it may be
   * negative. */
  votes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d vote", "%d votes", ABS (score)), score);
  if (commons_question_get_accepted (question) != NULL)
    /* Translators: a question's counts, and that its asker accepted an answer. */
    detail = g_strdup_printf (_("%s · %s · answered"), answers, votes);
  else
    detail = g_strdup_printf ("%s · %s", answers, votes);
  gtk_label_set_use_markup (self->detail_label, FALSE);
  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), commons_question_get_is_new (question));
}

static void
show_hit (CommonsQuestionRow   *self,
          CommonsDiscussionHit *hit)
{
  g_autofree char *markup = commons_snippet_markup (commons_discussion_hit_get_snippet (hit), SNIPPET_MAX_CHARS);
  g_autofree char *detail = NULL;

  gtk_label_set_label (self->title_label, commons_discussion_hit_get_title (hit));
  if (g_strcmp0 (commons_discussion_hit_get_kind (hit), COMMONS_ANSWER_KIND) == 0)
    /* Translators: a search result that is an answer; %s is where the
     * words matched. */
    detail = g_strdup_printf (_("Answer: %s"), markup);
  gtk_label_set_use_markup (self->detail_label, TRUE);
  gtk_label_set_label (self->detail_label, detail != NULL ? detail : markup);
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), FALSE);
}

GObject *
commons_question_row_get_item (CommonsQuestionRow *self)
{
  g_return_val_if_fail (COMMONS_IS_QUESTION_ROW (self), NULL);
  return self->item;
}

/**
 * commons_question_row_set_item:
 * @item: (nullable): a #CommonsQuestion or a #CommonsDiscussionHit
 */
void
commons_question_row_set_item (CommonsQuestionRow *self,
                               GObject            *item)
{
  g_return_if_fail (COMMONS_IS_QUESTION_ROW (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (!g_set_object (&self->item, item))
    return;
  if (COMMONS_IS_QUESTION (item))
    show_question (self, COMMONS_QUESTION (item));
  else if (COMMONS_IS_DISCUSSION_HIT (item))
    show_hit (self, COMMONS_DISCUSSION_HIT (item));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
commons_question_row_dispose (GObject *object)
{
  CommonsQuestionRow *self = COMMONS_QUESTION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_QUESTION_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (commons_question_row_parent_class)->dispose (object);
}

static void
commons_question_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CommonsQuestionRow *self = COMMONS_QUESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_question_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CommonsQuestionRow *self = COMMONS_QUESTION_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      commons_question_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_question_row_class_init (CommonsQuestionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_question_row_dispose;
  object_class->get_property = commons_question_row_get_property;
  object_class->set_property = commons_question_row_set_property;

  /**
   * CommonsQuestionRow:item:
   *
   * The question, or the search result, shown.
   */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-question-row.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionRow, box);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionRow, new_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsQuestionRow, detail_label);
}

static void
commons_question_row_init (CommonsQuestionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
