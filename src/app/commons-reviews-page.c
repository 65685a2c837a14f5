/* commons-reviews-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-reviews-page"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-record-list.h"
#include "commons-review-editor.h"
#include "commons-review-query.h"
#include "commons-review.h"
#include "commons-reviews-page.h"

/* Reviews: the plans waiting for this person's review, and the reviews
 * they wrote. Both lists are row ids chosen in SQLite; activating a row
 * asks the window to open the plan. Each review written has an Edit
 * button that opens it in the review form. */

struct _CommonsReviewsPage
{
  CommonsPage        parent_instance;

  CommonsStore      *store;
  CommonsRecordList *waiting;
  CommonsRecordList *written;
  gboolean           stale;

  /* Template widgets */
  GtkStack          *waiting_stack;
  GtkListView       *waiting_view;
  GtkStack          *written_stack;
  GtkListView       *written_view;
};

G_DEFINE_FINAL_TYPE (CommonsReviewsPage, commons_reviews_page, COMMONS_TYPE_PAGE)

enum {
  OPEN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GArray *
query_waiting_cb (CommonsStore  *store,
                  const char    *search,
                  gpointer       user_data,
                  GError       **error)
{
  return commons_review_query_waiting (store, error);
}

static GArray *
query_written_cb (CommonsStore  *store,
                  const char    *search,
                  gpointer       user_data,
                  GError       **error)
{
  return commons_review_query_written (store, error);
}

static void
update_stacks (CommonsReviewsPage *self)
{
  guint waiting = self->waiting != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->waiting)) : 0;
  guint written = self->written != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->written)) : 0;

  gtk_stack_set_visible_child_name (self->waiting_stack, waiting > 0 ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->written_stack, written > 0 ? "list" : "empty");
}

/**
 * commons_reviews_page_reload:
 *
 * Lists both again, after plans or reviews changed.
 */
void
commons_reviews_page_reload (CommonsReviewsPage *self)
{
  g_return_if_fail (COMMONS_IS_REVIEWS_PAGE (self));

  self->stale = FALSE;
  if (self->waiting != NULL)
    commons_record_list_reload (self->waiting);
  if (self->written != NULL)
    commons_record_list_reload (self->written);
  update_stacks (self);
}

static void
record_changed_cb (CommonsReviewsPage *self,
                   const char         *record,
                   const char         *kind)
{
  if (g_strcmp0 (kind, "plan") != 0 && g_strcmp0 (kind, COMMONS_REVIEW_KIND) != 0)
    return;
  /* Hidden, the page only notes that its lists are old. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    commons_reviews_page_reload (self);
  else
    self->stale = TRUE;
}

static void
map_cb (CommonsReviewsPage *self)
{
  if (self->stale)
    commons_reviews_page_reload (self);
}

static void
waiting_activated_cb (CommonsReviewsPage *self,
                      guint               position)
{
  g_autoptr(CommonsRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->waiting), position);

  if (summary != NULL)
    g_signal_emit (self, signals[OPEN_PLAN], 0, commons_record_summary_get_id (summary));
}

static void
written_activated_cb (CommonsReviewsPage *self,
                      guint               position)
{
  g_autoptr(CommonsRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->written), position);
  g_autoptr(CommonsReview) review = NULL;

  if (summary == NULL)
    return;
  review = commons_review_load (self->store, commons_record_summary_get_id (summary), NULL);
  if (review != NULL)
    g_signal_emit (self, signals[OPEN_PLAN], 0, commons_review_get_plan (review));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommonsReviewsPage *self = COMMONS_REVIEWS_PAGE (widget);
  const char *record = g_variant_get_string (parameter, NULL);
  g_autoptr(CommonsReview) review = NULL;
  g_autoptr(CommonsRevision) plan = NULL;
  CommonsReviewEditor *editor;

  if (self->store == NULL)
    return;
  /* The form says so itself when the review cannot be loaded. */
  review = commons_review_load (self->store, record, NULL);
  if (review != NULL)
    plan = commons_store_get_current (self->store, commons_review_get_plan (review), NULL);
  editor = commons_review_editor_new_for_review (GTK_WINDOW (gtk_widget_get_root (widget)), self->store, record,
                                                 plan != NULL ? commons_revision_get_string_field (plan, "title")
                                                              : NULL);
  gtk_window_present (GTK_WINDOW (editor));
}

/* The rows of reviews written: the plan's title, the verdict and when,
 * and a button to edit the review. */

static void
written_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  /* Translators: the button on a review this person wrote that opens it
   * to change it. */
  GtkWidget *edit = gtk_button_new_with_label (_("Edit"));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), box);
  gtk_box_append (GTK_BOX (row), edit);
  gtk_list_item_set_child (item, row);
}

static void
written_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CommonsReviewsPage       *self)
{
  CommonsRecordSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *edit = gtk_widget_get_next_sibling (box);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  g_autofree char *edit_name = NULL;
  g_autoptr(CommonsReview) review = NULL;
  g_autoptr(CommonsRevision) plan = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *line = NULL;
  const char *plan_title = NULL;
  const char *verdict;

  /* The target first: the action takes the review's id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "s", commons_record_summary_get_id (summary));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "written.edit");
  review = commons_review_load (self->store, commons_record_summary_get_id (summary), NULL);
  if (review == NULL)
    {
      gtk_label_set_label (GTK_LABEL (title), _("Review"));
      gtk_label_set_label (GTK_LABEL (detail), "");
      gtk_widget_set_visible (edit, FALSE);
      return;
    }
  plan = commons_store_get_current (self->store, commons_review_get_plan (review), NULL);
  if (plan != NULL)
    plan_title = commons_revision_get_string_field (plan, "title");
  gtk_label_set_label (GTK_LABEL (title), plan_title != NULL && *plan_title != '\0'
                                          ? plan_title : _("A plan no longer here"));
  /* Without its plan a review cannot be saved again. */
  gtk_widget_set_visible (edit, plan != NULL);
  /* Translators: the accessible name and tooltip of the Edit button on a
   * review this person wrote; %s is the title of the plan it reviews. */
  edit_name = g_strdup_printf (_("Edit Your Review of “%s”"), plan_title != NULL ? plan_title : "");
  gtk_widget_set_tooltip_text (edit, edit_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL, edit_name, -1);

  verdict = commons_review_get_verdict (review) == COMMONS_VERDICT_APPROVE ? _("You approved")
                                                                            : _("You suggested changes");
  if (commons_review_get_created (review) != NULL)
    utc = g_date_time_new_from_iso8601 (commons_review_get_created (review), NULL);
  if (utc != NULL)
    local = g_date_time_to_local (utc);
  /* Translators: when a review was written, as strftime formats it. */
  when = local != NULL ? g_date_time_format (local, _("%e %B %Y")) : NULL;
  line = when != NULL ? g_strdup_printf ("%s · %s", verdict, g_strstrip (when)) : g_strdup (verdict);
  gtk_label_set_label (GTK_LABEL (detail), line);
}

void
commons_reviews_page_set_store (CommonsReviewsPage *self,
                                CommonsStore       *store)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (COMMONS_IS_REVIEWS_PAGE (self));
  g_return_if_fail (COMMONS_IS_STORE (store));

  g_set_object (&self->store, store);
  g_clear_object (&self->waiting);
  g_clear_object (&self->written);

  self->waiting = commons_record_list_new (store, "plan");
  commons_record_list_set_query_func (self->waiting, query_waiting_cb, NULL, NULL);
  gtk_list_view_set_model (self->waiting_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->waiting)))));

  self->written = commons_record_list_new (store, COMMONS_REVIEW_KIND);
  commons_record_list_set_query_func (self->written, query_written_cb, NULL, NULL);
  gtk_list_view_set_model (self->written_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->written)))));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (written_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (written_bind_cb), self, 0);
  gtk_list_view_set_factory (self->written_view, factory);

  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);
  commons_reviews_page_reload (self);
}

static void
commons_reviews_page_dispose (GObject *object)
{
  CommonsReviewsPage *self = (CommonsReviewsPage *)object;

  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_REVIEWS_PAGE);
  g_clear_object (&self->waiting);
  g_clear_object (&self->written);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (commons_reviews_page_parent_class)->dispose (object);
}

static void
page_reload (CommonsPage *page)
{
  commons_reviews_page_reload (COMMONS_REVIEWS_PAGE (page));
}

static void
commons_reviews_page_class_init (CommonsReviewsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CommonsPageClass *page_class = COMMONS_PAGE_CLASS (klass);

  object_class->dispose = commons_reviews_page_dispose;
  page_class->reload = page_reload;

  /**
   * CommonsReviewsPage::open-plan:
   * @record: the plan to show
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-reviews-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewsPage, waiting_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewsPage, waiting_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewsPage, written_stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsReviewsPage, written_view);
  gtk_widget_class_bind_template_callback (widget_class, waiting_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, written_activated_cb);

  gtk_widget_class_install_action (widget_class, "written.edit", "s", edit_action);

  g_type_ensure (COMMONS_TYPE_RECORD_SUMMARY);
}

static void
commons_reviews_page_init (CommonsReviewsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}
