/* commons-review-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-review-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-review-editor.h"
#include "commons-review.h"

/* The peer review form: the rubric's criteria, each scored 0 to 3 with the
 * descriptor of every level in view (or marked not applicable), a comment
 * per criterion, an overall comment and a verdict. The review names the
 * exact plan revision the reviewer read. Opened on a review already
 * written, the form starts from it and saving writes a new revision of
 * that same review. */

struct _CommonsReviewEditor
{
  AdwWindow        parent_instance;

  CommonsStore    *store;
  /* The review written: new, or loaded to be edited. */
  CommonsReview   *review;

  /* One entry per rubric criterion, in rubric order. */
  GPtrArray       *score_buttons;   /* GtkCheckButton *[SCORES] per criterion */
  GPtrArray       *comment_rows;    /* AdwEntryRow per criterion */
  GtkTextView     *overall_view;
  GtkCheckButton  *approve_button;
  GtkCheckButton  *changes_button;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkBox          *rubric_box;
  GtkLabel        *intro_label;
  GtkButton       *submit_button;
};

G_DEFINE_FINAL_TYPE (CommonsReviewEditor, commons_review_editor, ADW_TYPE_WINDOW)

enum {
  SUBMITTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Scores 0..MAX, then "not applicable". */
#define N_CHOICES (COMMONS_REVIEW_MAX_SCORE + 2)

static GtkCheckButton *
add_choice (AdwPreferencesGroup *group,
            GtkCheckButton      *first,
            const char          *title,
            const char          *subtitle,
            const char          *accessible_name)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (subtitle != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

      adw_action_row_set_subtitle (row, escaped);
    }
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  adw_action_row_add_prefix (row, check);
  commons_action_row_set_activatable_widget (row, check);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return GTK_CHECK_BUTTON (check);
}

static void
build_rubric (CommonsReviewEditor *self)
{
  guint n_criteria;
  const CommonsRubricCriterion *criteria = commons_rubric_get_default (&n_criteria);
  AdwPreferencesGroup *group;
  GtkWidget *frame;
  GtkWidget *view;

  for (guint i = 0; i < n_criteria; i++)
    {
      const char *name = commons_rubric_criterion_get_name (&criteria[i]);
      GtkCheckButton **buttons = g_new0 (GtkCheckButton *, N_CHOICES);
      g_autofree char *escaped = g_markup_escape_text (name, -1);
      g_autofree char *comment_label = NULL;
      GtkWidget *comment;

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, escaped);
      for (guint score = 0; score <= COMMONS_REVIEW_MAX_SCORE; score++)
        {
          /* Translators: a rubric score, shown before what the score means. */
          g_autofree char *title = g_strdup_printf (_("%u of %u"), score, COMMONS_REVIEW_MAX_SCORE);
          /* Translators: the accessible name of one score's choice; %s is
           * a rubric criterion such as Accuracy. */
          g_autofree char *label = g_strdup_printf (_("%s: %u"), name, score);

          buttons[score] = add_choice (group, buttons[0], title,
                                       commons_rubric_criterion_get_descriptor (&criteria[i], score),
                                       label);
        }
      {
        /* Translators: the accessible name of the "not applicable" choice;
         * %s is a rubric criterion. */
        g_autofree char *label = g_strdup_printf (_("%s: not applicable"), name);

        buttons[N_CHOICES - 1] = add_choice (group, buttons[0], _("Not applicable"),
                                             _("Leave this criterion out of the averages"), label);
      }
      gtk_check_button_set_active (buttons[N_CHOICES - 1], TRUE);

      comment = adw_entry_row_new ();
      /* Translators: %s is a rubric criterion. */
      comment_label = g_strdup_printf (_("Comment on %s"), name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (comment), _("Comment (optional)"));
      commons_entry_row_set_accessible_label (ADW_ENTRY_ROW (comment), comment_label);
      adw_preferences_group_add (group, comment);

      g_ptr_array_add (self->score_buttons, buttons);
      g_ptr_array_add (self->comment_rows, comment);
      gtk_box_append (self->rubric_box, GTK_WIDGET (group));
    }

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Overall Comment"));
  adw_preferences_group_set_description (group, _("What works well, and what would make the plan better"));
  frame = gtk_frame_new (NULL);
  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next field, as everywhere else in a form. */
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overall comment"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  adw_preferences_group_add (group, frame);
  self->overall_view = GTK_TEXT_VIEW (view);
  gtk_box_append (self->rubric_box, GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Verdict"));
  self->approve_button = add_choice (group, NULL, _("Approve"),
                                     _("The plan is ready to teach as it is"), _("Approve"));
  self->changes_button = add_choice (group, self->approve_button, _("Suggest Changes"),
                                     _("The plan needs changes before it is approved"),
                                     _("Suggest changes"));
  gtk_box_append (self->rubric_box, GTK_WIDGET (group));
}

static void
show_error (CommonsReviewEditor *self,
            const GError        *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  commons_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Shows @review's scores, comments and verdict in the form. */
static void
fill_form (CommonsReviewEditor *self,
           CommonsReview       *review)
{
  guint n_criteria;
  const CommonsRubricCriterion *criteria = commons_rubric_get_default (&n_criteria);

  for (guint i = 0; i < n_criteria && i < self->score_buttons->len; i++)
    {
      GtkCheckButton **buttons = g_ptr_array_index (self->score_buttons, i);
      int score = commons_review_get_score (review, criteria[i].id);

      gtk_check_button_set_active (score == COMMONS_REVIEW_NOT_APPLICABLE ? buttons[N_CHOICES - 1]
                                                                          : buttons[score],
                                   TRUE);
      gtk_editable_set_text (g_ptr_array_index (self->comment_rows, i),
                             commons_review_get_criterion_comment (review, criteria[i].id));
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->overall_view),
                            commons_review_get_comment (review), -1);
  switch (commons_review_get_verdict (review))
    {
    case COMMONS_VERDICT_APPROVE:
      gtk_check_button_set_active (self->approve_button, TRUE);
      break;
    case COMMONS_VERDICT_CHANGES:
      gtk_check_button_set_active (self->changes_button, TRUE);
      break;
    case COMMONS_VERDICT_NONE:
    default:
      break;
    }
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsReviewEditor *self = COMMONS_REVIEW_EDITOR (widget);
  CommonsReview *review = self->review;
  g_autoptr(GError) error = NULL;
  guint n_criteria;
  const CommonsRubricCriterion *criteria = commons_rubric_get_default (&n_criteria);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->overall_view);
  g_autofree char *overall = NULL;
  GtkTextIter start, end;

  if (review == NULL)
    return;
  if (!gtk_check_button_get_active (self->approve_button) &&
      !gtk_check_button_get_active (self->changes_button))
    {
      commons_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose a verdict: approve, or suggest changes")));
      return;
    }

  for (guint i = 0; i < n_criteria && i < self->score_buttons->len; i++)
    {
      GtkCheckButton **buttons = g_ptr_array_index (self->score_buttons, i);
      const char *comment = gtk_editable_get_text (g_ptr_array_index (self->comment_rows, i));
      int score = COMMONS_REVIEW_NOT_APPLICABLE;

      for (guint s = 0; s <= COMMONS_REVIEW_MAX_SCORE; s++)
        if (gtk_check_button_get_active (buttons[s]))
          score = (int) s;
      commons_review_set_score (review, criteria[i].id, score);
      /* An emptied comment is removed from a review being edited. */
      commons_review_set_criterion_comment (review, criteria[i].id, comment);
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  overall = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (overall);
  commons_review_set_comment (review, overall);
  commons_review_set_verdict (review, gtk_check_button_get_active (self->approve_button)
                                      ? COMMONS_VERDICT_APPROVE : COMMONS_VERDICT_CHANGES);

  if (!commons_review_save (review, self->store, &error))
    {
      show_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SUBMITTED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
commons_review_editor_dispose (GObject *object)
{
  CommonsReviewEditor *self = (CommonsReviewEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_REVIEW_EDITOR);
  g_clear_pointer (&self->score_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->comment_rows, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->review);

  G_OBJECT_CLASS (commons_review_editor_parent_class)->dispose (object);
}

static void
commons_review_editor_class_init (CommonsReviewEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_review_editor_dispose;

  /**
   * CommonsReviewEditor::submitted:
   *
   * The review was saved.
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-review-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewEditor, rubric_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewEditor, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewEditor, submit_button);

  gtk_widget_class_install_action (widget_class, "review.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_review_editor_init (CommonsReviewEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.18 names the button after its label when the template sets
   * both: say again what it submits. */
  commons_accessible_set_label (GTK_WIDGET (self->submit_button), _("Submit Review"));
  self->score_buttons = g_ptr_array_new_with_free_func (g_free);
  self->comment_rows = g_ptr_array_new ();
  build_rubric (self);
}

/**
 * commons_review_editor_new:
 * @plan_revision: the exact version of the plan the reviewer reads
 *
 * Returns: (transfer none): a review form over @parent
 */
CommonsReviewEditor *
commons_review_editor_new (GtkWindow    *parent,
                           CommonsStore *store,
                           const char   *plan,
                           const char   *plan_revision,
                           const char   *plan_title)
{
  CommonsReviewEditor *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (plan != NULL && plan_revision != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_REVIEW_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->review = commons_review_new (plan, plan_revision);
  adw_window_title_set_subtitle (self->window_title, plan_title);
  return self;
}

/**
 * commons_review_editor_new_for_review:
 * @review: the record id of a review this person wrote
 * @plan_title: the title of the plan it reviews
 *
 * Opens the form on a review already written, with its scores, comments
 * and verdict, to save a new revision of it. A review that cannot be
 * loaded, or that someone else wrote, leaves the form unable to save and
 * says why.
 *
 * Returns: (transfer none): a review form over @parent
 */
CommonsReviewEditor *
commons_review_editor_new_for_review (GtkWindow    *parent,
                                      CommonsStore *store,
                                      const char   *review,
                                      const char   *plan_title)
{
  CommonsReviewEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (review != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_REVIEW_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  gtk_window_set_title (GTK_WINDOW (self), _("Edit Review"));
  adw_window_title_set_title (self->window_title, _("Edit Review"));
  adw_window_title_set_subtitle (self->window_title, plan_title);
  gtk_label_set_label (self->intro_label,
                       _("Change your scores, comments or verdict. Your review stays tied to the version "
                         "of the plan you reviewed."));
  /* Translators: the button that saves the changes to a review already
   * written; the underscore marks its access key. */
  gtk_button_set_label (self->submit_button, _("_Save"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->submit_button), _("Save Review"));
  commons_accessible_set_label (GTK_WIDGET (self->submit_button), _("Save Review"));

  self->review = commons_review_load (store, review, &error);
  if (self->review == NULL || !commons_review_can_edit (self->review, store, &error))
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.submit", FALSE);
      show_error (self, error);
      return self;
    }
  fill_form (self, self->review);
  return self;
}
