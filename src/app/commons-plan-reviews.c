/* commons-plan-reviews.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-reviews"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-group-rule.h"
#include "commons-plan-reviews.h"
#include "commons-review-editor.h"
#include "commons-review-summary.h"
#include "commons-review.h"

/* Below a plan: its review status, the average score per criterion, each
 * review, and the Review button, which explains itself when this person
 * may not review the plan. This person's own reviews have an Edit button,
 * and once they have reviewed the version shown, the Review button edits
 * that review instead of starting a second one. */

struct _CommonsPlanReviews
{
  GtkWidget     parent_instance;

  CommonsStore *store;
  CommonsPlan  *plan;
  /* This person's latest review of the version shown, if any. */
  char         *own_review;

  /* Template widgets */
  GtkWidget    *box;
  GtkLabel     *status_label;
  GtkButton    *review_button;
  GtkLabel     *reason_label;
  GtkWidget    *averages_heading;
  GtkListBox   *averages_list;
  GtkWidget    *reviews_heading;
  GtkListBox   *reviews_list;
};

G_DEFINE_FINAL_TYPE (CommonsPlanReviews, commons_plan_reviews, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
format_time (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = rfc3339 != NULL ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  /* Translators: when a review was written, as strftime formats it. */
  return local != NULL ? g_date_time_format (local, _("%e %B %Y")) : g_strdup ("");
}

static char *
score_text (int score)
{
  if (score == COMMONS_REVIEW_NOT_APPLICABLE)
    return g_strdup (_("not applicable"));
  /* Translators: a rubric score, such as "2 of 3". */
  return g_strdup_printf (_("%d of %d"), score, COMMONS_REVIEW_MAX_SCORE);
}

static char *
status_text (CommonsReviewSummary *summary)
{
  CommonsReviewStatus status = commons_review_summary_get_status (summary);
  guint approvals = commons_review_summary_get_approvals (summary);
  const char *name = commons_review_status_get_name (status);
  g_autofree char *detail = NULL;

  switch (status)
    {
    case COMMONS_REVIEW_STATUS_DRAFT:
      detail = g_strdup (_("Nobody has reviewed this plan yet."));
      break;
    case COMMONS_REVIEW_STATUS_IN_REVIEW:
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u of %u approvals this version needs.",
                                             "%u of %u approvals this version needs.",
                                             approvals),
                                approvals, commons_review_summary_get_approvals_needed (summary));
      break;
    case COMMONS_REVIEW_STATUS_APPROVED:
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Approved by %u reviewer.",
                                             "Approved by %u reviewers.",
                                             approvals),
                                approvals);
      break;
    case COMMONS_REVIEW_STATUS_CHANGED_SINCE_APPROVAL:
      detail = g_strdup (_("An earlier version was approved; this one has not been yet."));
      break;
    default:
      break;
    }
  /* Translators: the first %s is a review status such as Approved, the
   * second says more about it. */
  return g_strdup_printf (_("Status: %s. %s"), name, detail != NULL ? detail : "");
}

static void
add_average_rows (CommonsPlanReviews   *self,
                  CommonsReviewSummary *summary)
{
  guint n_criteria;
  const CommonsRubricCriterion *criteria = commons_rubric_get_default (&n_criteria);

  for (guint i = 0; i < n_criteria; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *name = g_markup_escape_text (commons_rubric_criterion_get_name (&criteria[i]), -1);
      g_autofree char *value = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *label;
      guint n_scores = 0;
      double average = commons_review_summary_get_average (summary, criteria[i].id, &n_scores);

      if (n_scores == 0)
        value = g_strdup (_("No scores"));
      else
        /* Translators: an average rubric score, such as "2.5 of 3". */
        value = g_strdup_printf (_("%.1f of %d"), average, COMMONS_REVIEW_MAX_SCORE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (n_scores > 0)
        {
          g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u score", "%u scores", n_scores),
                                                    n_scores);
          adw_action_row_set_subtitle (row, count);
        }
      label = gtk_label_new (value);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (row, label);
      accessible = g_strdup_printf ("%s: %s", commons_rubric_criterion_get_name (&criteria[i]), value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_list_box_append (self->averages_list, GTK_WIDGET (row));
    }
}

static void
add_review_row (CommonsPlanReviews *self,
                CommonsReview      *review,
                guint               number)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  guint n_criteria;
  const CommonsRubricCriterion *criteria = commons_rubric_get_default (&n_criteria);
  gboolean approve = commons_review_get_verdict (review) == COMMONS_VERDICT_APPROVE;
  gboolean mine = commons_store_is_me (self->store, commons_review_get_reviewer (review));
  gboolean current = g_strcmp0 (commons_review_get_plan_revision (review),
                                commons_plan_get_revision (self->plan)) == 0;
  g_autofree char *when = format_time (commons_review_get_created (review));
  g_autofree char *who = mine ? g_strdup (_("You")) : g_strdup_printf (_("Reviewer %u"), number);
  g_autofree char *subtitle = NULL;
  const char *comment = commons_review_get_comment (review);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), approve ? _("Approves") : _("Suggests changes"));
  /* Translators: who wrote a review, when, and whether it read the plan's
   * current version. */
  subtitle = g_strdup_printf ("%s · %s%s", who, when,
                              current ? "" : _(" · an earlier version"));
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
    adw_expander_row_set_subtitle (row, escaped);
  }
  adw_expander_row_add_prefix (row, gtk_image_new_from_icon_name (approve ? "commons-emblem-ok-symbolic"
                                                                          : "commons-dialog-warning-symbolic"));

  for (guint i = 0; i < n_criteria; i++)
    {
      AdwActionRow *line = ADW_ACTION_ROW (adw_action_row_new ());
      g_autofree char *name = g_markup_escape_text (commons_rubric_criterion_get_name (&criteria[i]), -1);
      g_autofree char *score = score_text (commons_review_get_score (review, criteria[i].id));
      const char *note = commons_review_get_criterion_comment (review, criteria[i].id);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), name);
      if (note != NULL && *note != '\0')
        {
          g_autofree char *escaped = g_markup_escape_text (note, -1);
          adw_action_row_set_subtitle (line, escaped);
        }
      adw_action_row_add_suffix (line, gtk_label_new (score));
      adw_expander_row_add_row (row, GTK_WIDGET (line));
    }
  if (comment != NULL && *comment != '\0')
    {
      GtkWidget *label = gtk_label_new (comment);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      adw_expander_row_add_row (row, label);
    }
  if (mine)
    {
      /* Translators: the button on a review this person wrote that opens
       * it to change it. */
      GtkWidget *edit = gtk_button_new_with_label (_("Edit"));
      /* Translators: the accessible name and tooltip of that button. */
      const char *name = current ? _("Edit Your Review") : _("Edit Your Review of an Earlier Version");

      gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (edit, name);
      commons_accessible_set_label (edit, name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", commons_review_get_record (review));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "reviews.edit");
      adw_expander_row_add_action (row, edit);
    }
  gtk_list_box_append (self->reviews_list, GTK_WIDGET (row));
  commons_accessible_name_inner_widgets (GTK_WIDGET (row));
}

static void
reload (CommonsPlanReviews *self)
{
  g_autoptr(CommonsReviewSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reason = NULL;
  g_autofree char *status = NULL;
  const char *record;
  gboolean can_review;
  GPtrArray *reviews;
  guint others = 0;
  guint needed;

  clear_list (self->averages_list);
  clear_list (self->reviews_list);
  g_clear_pointer (&self->own_review, g_free);
  gtk_button_set_label (self->review_button, _("Review Plan"));
  record = self->plan != NULL ? commons_plan_get_record (self->plan) : NULL;
  gtk_widget_set_visible (self->box, record != NULL);
  if (record == NULL || self->store == NULL)
    return;

  /* The plan's own group's rule. */
  needed = commons_group_rule_get_approvals (self->store, commons_plan_get_scope (self->plan));
  summary = commons_review_summary_load (self->store, record, needed, &error);
  if (summary == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }

  status = status_text (summary);
  gtk_label_set_label (self->status_label, status);

  can_review = commons_review_can_review (self->store, record, &reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reviews.review", can_review);
  gtk_label_set_label (self->reason_label, can_review || reason == NULL ? "" : reason->message);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), !can_review && reason != NULL);

  reviews = commons_review_summary_get_reviews (summary);
  gtk_widget_set_visible (self->averages_heading, reviews->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->averages_list), reviews->len > 0);
  gtk_widget_set_visible (self->reviews_heading, reviews->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->reviews_list), reviews->len > 0);
  if (reviews->len > 0)
    add_average_rows (self, summary);
  for (guint i = 0; i < reviews->len; i++)
    {
      CommonsReview *review = g_ptr_array_index (reviews, i);
      gboolean mine = commons_store_is_me (self->store, commons_review_get_reviewer (review));

      /* Newest first: the first of this person's reviews of the version
       * shown is the one that counts. */
      if (mine && self->own_review == NULL &&
          g_strcmp0 (commons_review_get_plan_revision (review), commons_plan_get_revision (self->plan)) == 0)
        self->own_review = g_strdup (commons_review_get_record (review));
      add_review_row (self, review, mine ? 0 : ++others);
    }

  if (!can_review)
    g_clear_pointer (&self->own_review, g_free);
  gtk_button_set_label (self->review_button, self->own_review != NULL ? _("Edit Your Review") : _("Review Plan"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->review_button),
                               self->own_review != NULL ? _("Change the review you wrote of this version")
                               : can_review ? _("Score this version with the rubric")
                               : reason != NULL ? reason->message : NULL);
}

static void
submitted_cb (CommonsPlanReviews *self)
{
  /* The store's record-changed has reloaded the reviews already. */
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
store_record_changed_cb (CommonsPlanReviews *self,
                         const char         *record,
                         const char         *kind)
{
  /* A review written or edited here, elsewhere in the window, or arriving
   * by sync; or the group's approval rule changed. */
  if (g_strcmp0 (kind, COMMONS_REVIEW_KIND) == 0 || g_strcmp0 (kind, COMMONS_GROUP_RULE_KIND) == 0)
    reload (self);
}

static void
edit_review (CommonsPlanReviews *self,
             const char         *review)
{
  CommonsReviewEditor *editor;

  editor = commons_review_editor_new_for_review (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                 self->store, review, commons_plan_get_title (self->plan));
  g_signal_connect_object (editor, "submitted", G_CALLBACK (submitted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/**
 * commons_plan_reviews_review:
 *
 * Opens the review form for the plan's current version: on this person's
 * review of it when they wrote one, so that nobody reviews the same
 * version twice.
 */
void
commons_plan_reviews_review (CommonsPlanReviews *self)
{
  CommonsReviewEditor *editor;

  g_return_if_fail (COMMONS_IS_PLAN_REVIEWS (self));

  if (self->plan == NULL || self->store == NULL || commons_plan_get_revision (self->plan) == NULL)
    return;
  if (self->own_review != NULL)
    {
      edit_review (self, self->own_review);
      return;
    }
  editor = commons_review_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                      commons_plan_get_record (self->plan),
                                      commons_plan_get_revision (self->plan),
                                      commons_plan_get_title (self->plan));
  g_signal_connect_object (editor, "submitted", G_CALLBACK (submitted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommonsPlanReviews *self = COMMONS_PLAN_REVIEWS (widget);

  if (self->plan == NULL || self->store == NULL)
    return;
  edit_review (self, g_variant_get_string (parameter, NULL));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  commons_plan_reviews_review (COMMONS_PLAN_REVIEWS (widget));
}

/**
 * commons_plan_reviews_set_plan:
 * @plan: (nullable): the plan shown, as saved
 */
void
commons_plan_reviews_set_plan (CommonsPlanReviews *self,
                               CommonsStore       *store,
                               CommonsPlan        *plan)
{
  g_return_if_fail (COMMONS_IS_PLAN_REVIEWS (self));
  g_return_if_fail (store == NULL || COMMONS_IS_STORE (store));
  g_return_if_fail (plan == NULL || COMMONS_IS_PLAN (plan));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, store_record_changed_cb, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "record-changed", G_CALLBACK (store_record_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }
  g_set_object (&self->plan, plan);
  reload (self);
}

static void
commons_plan_reviews_dispose (GObject *object)
{
  CommonsPlanReviews *self = (CommonsPlanReviews *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_record_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_PLAN_REVIEWS);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_pointer (&self->own_review, g_free);

  G_OBJECT_CLASS (commons_plan_reviews_parent_class)->dispose (object);
}

static void
commons_plan_reviews_class_init (CommonsPlanReviewsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_plan_reviews_dispose;

  /**
   * CommonsPlanReviews::changed:
   *
   * This person wrote or edited a review, so the plan's status may have
   * changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-plan-reviews.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, box);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, status_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, review_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, reason_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, averages_heading);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, averages_list);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, reviews_heading);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanReviews, reviews_list);

  gtk_widget_class_install_action (widget_class, "reviews.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "reviews.edit", "s", edit_action);
}

static void
commons_plan_reviews_init (CommonsPlanReviews *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  reload (self);
}
