/* commons-plan-view.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-view"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-plan-comments.h"
#include "commons-plan-render.h"
#include "commons-plan-reviews.h"
#include "commons-plan-view.h"
#include "commons-page.h"

/* A plan to read: a banner while it is in conflict, the plan itself as
 * commons-plan-render.c sets it out for the screen, then its reviews and
 * its comments. It changes nothing; the page edits through the editor. */

struct _CommonsPlanView
{
  AdwBin               parent_instance;

  CommonsStore        *store;
  CommonsPlan         *plan;

  /* Template widgets */
  GtkInfoBar          *conflict_bar;
  GtkButton           *resolve_button;
  GtkLabel            *view_label;
  CommonsPlanReviews  *plan_reviews;
  CommonsPlanComments *plan_comments;
};

G_DEFINE_FINAL_TYPE (CommonsPlanView, commons_plan_view, ADW_TYPE_BIN)

enum {
  RESOLVE_CONFLICT,
  REVIEWS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether the plan has heads that did not merge. */
static gboolean
in_conflict (CommonsPlanView *self)
{
  g_autoptr(GPtrArray) heads = NULL;

  if (commons_plan_get_record (self->plan) == NULL)
    return FALSE;
  heads = commons_store_get_heads (self->store, commons_plan_get_record (self->plan), NULL);
  return heads != NULL && heads->len > 1;
}

/* "Your library" or "Shared in GROUP", for the line under the title. */
static char *
sharing_text (CommonsPlanView *self)
{
  g_autofree char *scope = NULL;
  g_autoptr(CommonsGroup) group = NULL;

  if (commons_plan_get_record (self->plan) == NULL)
    return NULL;
  scope = commons_store_get_scope (self->store, commons_plan_get_record (self->plan), NULL);
  if (scope == NULL || g_strcmp0 (scope, COMMONS_SCOPE_LOCAL) == 0)
    return g_strdup (_("Your library"));
  group = commons_store_get_group (self->store, scope, NULL);
  /* Translators: %s is a group's name. */
  return g_strdup_printf (_("Shared in %s"), group != NULL ? group->name : _("a group you left"));
}

static void
resolve_clicked_cb (CommonsPlanView *self)
{
  g_assert (COMMONS_IS_PLAN_VIEW (self));

  if (self->plan != NULL)
    g_signal_emit (self, signals[RESOLVE_CONFLICT], 0);
}

static void
reviews_changed_cb (CommonsPlanView *self)
{
  g_assert (COMMONS_IS_PLAN_VIEW (self));

  g_signal_emit (self, signals[REVIEWS_CHANGED], 0);
}

/**
 * commons_plan_view_set_plan:
 * @manager: (nullable): names the members of the plan's group
 * @plan: (nullable): the plan to show, read again on each call
 */
void
commons_plan_view_set_plan (CommonsPlanView    *self,
                            CommonsStore       *store,
                            CommonsSyncManager *manager,
                            CommonsPlan        *plan)
{
  g_autoptr(GError) reason = NULL;
  g_autofree char *where = NULL;
  g_autofree char *markup = NULL;

  g_return_if_fail (COMMONS_IS_PLAN_VIEW (self));
  g_return_if_fail (COMMONS_IS_STORE (store));
  g_return_if_fail (manager == NULL || COMMONS_IS_SYNC_MANAGER (manager));
  g_return_if_fail (plan == NULL || COMMONS_IS_PLAN (plan));

  g_set_object (&self->store, store);
  g_set_object (&self->plan, plan);
  if (plan == NULL)
    {
      gtk_info_bar_set_revealed (self->conflict_bar, FALSE);
      gtk_label_set_label (self->view_label, "");
      return;
    }

  gtk_info_bar_set_revealed (self->conflict_bar, in_conflict (self));
  where = sharing_text (self);
  /* Why Edit Plan is off, said where the license is. */
  commons_plan_can_edit (plan, store, &reason);
  markup = commons_plan_render_markup (plan, COMMONS_PLAN_RENDER_SCREEN, where,
                                       reason != NULL ? reason->message : NULL);
  gtk_label_set_markup (self->view_label, markup);
  commons_plan_reviews_set_plan (self->plan_reviews, store, plan);
  commons_plan_comments_set_plan (self->plan_comments, store, manager, plan);
}

/**
 * commons_plan_view_focus_comments:
 *
 * Moves the keyboard focus to the plan's comments.
 */
void
commons_plan_view_focus_comments (CommonsPlanView *self)
{
  g_return_if_fail (COMMONS_IS_PLAN_VIEW (self));

  commons_plan_comments_focus (self->plan_comments);
}

static void
commons_plan_view_dispose (GObject *object)
{
  CommonsPlanView *self = (CommonsPlanView *)object;

  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_PLAN_VIEW);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (commons_plan_view_parent_class)->dispose (object);
}

static void
commons_plan_view_class_init (CommonsPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_plan_view_dispose;

  /**
   * CommonsPlanView::resolve-conflict:
   *
   * The person asks to settle the plan, edited in two places.
   */
  signals[RESOLVE_CONFLICT] = g_signal_new ("resolve-conflict", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  /**
   * CommonsPlanView::reviews-changed:
   *
   * A review of the plan was written or changed, and with it perhaps the
   * plan's status.
   */
  signals[REVIEWS_CHANGED] = g_signal_new ("reviews-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanView, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanView, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanView, view_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanView, plan_reviews);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanView, plan_comments);
  gtk_widget_class_bind_template_callback (widget_class, resolve_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reviews_changed_cb);

  g_type_ensure (COMMONS_TYPE_PLAN_REVIEWS);
  g_type_ensure (COMMONS_TYPE_PLAN_COMMENTS);
}

static void
commons_plan_view_init (CommonsPlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.18 names the button after its label, which does not say what
   * it resolves. */
  commons_accessible_set_label (GTK_WIDGET (self->resolve_button), _("Resolve the Conflict"));
}
