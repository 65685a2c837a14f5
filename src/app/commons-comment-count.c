/* commons-comment-count.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-comment-count"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-application.h"
#include "commons-comment-count.h"
#include "commons-discussion.h"

/* "3 comments" on a plan's row in a list. The list's rows are built by a
 * factory from the plan's record id alone, so the count is read here, when
 * a row is bound to a plan: only the rows on screen ask, each one indexed
 * query, and a list of 10,000 plans costs nothing more to open. */

struct _CommonsCommentCount
{
  GtkWidget     parent_instance;

  char         *plan;
  CommonsStore *store;
  GtkWidget    *label;
};

G_DEFINE_FINAL_TYPE (CommonsCommentCount, commons_comment_count, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (CommonsCommentCount *self)
{
  guint n = 0;

  if (self->plan != NULL && self->store != NULL)
    n = commons_discussion_count_comments (self->store, self->plan);
  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment", "%u comments", n), n);

      gtk_label_set_label (GTK_LABEL (self->label), text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
}

static void
store_record_changed_cb (CommonsCommentCount *self,
                         const char          *record,
                         const char          *kind)
{
  if (g_strcmp0 (kind, COMMONS_COMMENT_KIND) == 0)
    update (self);
}

const char *
commons_comment_count_get_plan (CommonsCommentCount *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT_COUNT (self), NULL);
  return self->plan;
}

void
commons_comment_count_set_plan (CommonsCommentCount *self,
                                const char          *plan)
{
  g_return_if_fail (COMMONS_IS_COMMENT_COUNT (self));

  /* A row bound again to the same plan, as when a sync reloads the list,
   * counts again: a sync writes through a connection of its own, which
   * the store's signal does not hear. */
  if (g_strcmp0 (self->plan, plan) == 0)
    {
      update (self);
      return;
    }
  g_free (self->plan);
  self->plan = g_strdup (plan);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

static void
commons_comment_count_dispose (GObject *object)
{
  CommonsCommentCount *self = COMMONS_COMMENT_COUNT (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_pointer (&self->plan, g_free);

  G_OBJECT_CLASS (commons_comment_count_parent_class)->dispose (object);
}

static void
commons_comment_count_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CommonsCommentCount *self = COMMONS_COMMENT_COUNT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_string (value, self->plan);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_comment_count_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CommonsCommentCount *self = COMMONS_COMMENT_COUNT (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      commons_comment_count_set_plan (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_comment_count_class_init (CommonsCommentCountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_comment_count_dispose;
  object_class->get_property = commons_comment_count_get_property;
  object_class->set_property = commons_comment_count_set_property;

  /**
   * CommonsCommentCount:plan:
   *
   * The record id of the plan whose comments are counted.
   */
  properties[PROP_PLAN] =
    g_param_spec_string ("plan", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "commentcount");
}

static void
commons_comment_count_init (CommonsCommentCount *self)
{
  GApplication *app = g_application_get_default ();

  self->label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_add_css_class (self->label, "caption");
  gtk_widget_add_css_class (self->label, "dim-label");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  /* The one store of the app, whose changes the count follows. */
  if (COMMONS_IS_APPLICATION (app) && commons_application_get_store (COMMONS_APPLICATION (app)) != NULL)
    {
      self->store = g_object_ref (commons_application_get_store (COMMONS_APPLICATION (app)));
      g_signal_connect_object (self->store, "record-changed", G_CALLBACK (store_record_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}
