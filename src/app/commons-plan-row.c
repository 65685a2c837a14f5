/* commons-plan-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-comment-count.h"
#include "commons-group-rule.h"
#include "commons-plan.h"
#include "commons-plan-row.h"
#include "commons-review-summary.h"
#include "commons-snippet.h"

/* One plan in the Lesson Plans list. It tells a plan from its copies
 * (who wrote it, where it is, its review status in a group, whether it
 * is a remix) and shows the words a search matched, or else what the
 * plan is about.
 *
 * The list's factory gives the row the plan's summary, and the store and
 * sync manager that say who wrote it and where it is. Who wrote a plan
 * and its review status are not in the summary, so the row reads the
 * plan when it is bound: the list view binds only the rows about the
 * ones on show, and binding is the one place that reads. Nothing is bound
 * by expressions, which would cost every row a watch on its item. */

struct _CommonsPlanRow
{
  GtkBox                parent_instance;

  CommonsRecordSummary *summary;
  CommonsStore         *store;
  CommonsSyncManager   *manager;
  gboolean              show_match;

  /* Template widgets */
  GtkLabel             *title;
  GtkLabel             *detail;
  GtkLabel             *text;
  CommonsCommentCount  *comments;
};

G_DEFINE_FINAL_TYPE (CommonsPlanRow, commons_plan_row, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SUMMARY,
  PROP_STORE,
  PROP_SYNC_MANAGER,
  PROP_SHOW_MATCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row shows one line of text, but Pango shapes all of it first. */
#define ROW_TEXT_MAX_CHARS 120

/* What tells a plan from its copies: who wrote it, where it is, its
 * review status in a group, and whether it is a remix. */
static char *
describe_plan (CommonsPlanRow *self,
               CommonsPlan    *plan)
{
  g_autofree char *creator = commons_record_dup_creator (self->store, commons_plan_get_record (plan), NULL);
  const char *scope = commons_plan_get_scope (plan);
  gboolean local = g_strcmp0 (scope, COMMONS_SCOPE_LOCAL) == 0;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (commons_store_is_me (self->store, creator))
    /* Translators: who wrote a plan, in the plan list. */
    g_ptr_array_add (parts, g_strdup (_("By you")));
  else
    {
      const char *name = NULL;

      if (self->manager != NULL && !local)
        name = commons_sync_manager_lookup_person (self->manager, scope, creator);
      if (name != NULL && *name != '\0')
        /* Translators: who wrote a plan, in the plan list; %s is their name. */
        g_ptr_array_add (parts, g_strdup_printf (_("By %s"), name));
      else if (local)
        /* Translators: who wrote a plan, in the plan list: someone other
         * than the person using the app, whose name is not known. */
        g_ptr_array_add (parts, g_strdup (_("By someone else")));
      else
        g_ptr_array_add (parts, g_strdup (_("By another member")));
    }

  if (local)
    /* Translators: where a plan is, in the plan list: not shared. */
    g_ptr_array_add (parts, g_strdup (_("Your library")));
  else
    {
      g_autoptr(CommonsGroup) group = commons_store_get_group (self->store, scope, NULL);
      g_autoptr(CommonsReviewSummary) reviews = NULL;

      g_ptr_array_add (parts, g_strdup (group != NULL ? group->name : _("A group you left")));
      reviews = commons_review_summary_load (self->store, commons_plan_get_record (plan),
                                             commons_group_rule_get_approvals (self->store, scope), NULL);
      if (reviews != NULL)
        g_ptr_array_add (parts, g_strdup (commons_review_status_get_name (commons_review_summary_get_status (reviews))));
    }

  if (commons_plan_is_remix (plan))
    /* Translators: in the plan list, a plan adapted from another. */
    g_ptr_array_add (parts, g_strdup (_("Remix")));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Without a search, a plan's row shows its summary, or what it is about:
 * never the search index's words, which include codes. */
static char *
describe_content (CommonsPlan *plan)
{
  const char *summary = commons_plan_get_summary (plan);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *total = NULL;
  g_autofree char *joined = NULL;

  if (summary != NULL && *summary != '\0')
    {
      const char *end = strchr (summary, '\n');
      g_autofree char *line = g_strndup (summary, end != NULL ? (gsize) (end - summary) : strlen (summary));

      return g_markup_escape_text (line, -1);
    }
  if (*commons_plan_get_subject (plan) != '\0')
    g_ptr_array_add (parts, (gpointer) commons_plan_get_subject (plan));
  if (*commons_plan_get_level (plan) != '\0')
    g_ptr_array_add (parts, (gpointer) commons_plan_get_level (plan));
  if (commons_plan_get_duration (plan) > 0)
    {
      guint minutes = commons_plan_get_duration (plan);

      total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
      g_ptr_array_add (parts, total);
    }
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);
  return g_markup_escape_text (joined, -1);
}

/* Shows the summary. A row without one is not on show (the list view
 * keeps unbound rows hidden), so it keeps what it showed: clearing it
 * would be work thrown away by the next bind. */
static void
update (CommonsPlanRow *self)
{
  g_autoptr(CommonsPlan) plan = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *markup = NULL;
  const char *record;

  if (self->summary == NULL)
    return;

  record = commons_record_summary_get_id (self->summary);
  gtk_label_set_label (self->title, commons_record_summary_get_title (self->summary));

  if (self->store != NULL)
    plan = commons_plan_load (self->store, record, NULL);
  if (plan != NULL)
    detail = describe_plan (self, plan);
  gtk_label_set_label (self->detail, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL);

  if (self->show_match)
    markup = commons_snippet_markup (commons_record_summary_get_snippet (self->summary), ROW_TEXT_MAX_CHARS);
  else if (plan != NULL)
    markup = describe_content (plan);
  gtk_label_set_markup (self->text, markup != NULL ? markup : "");
  gtk_widget_set_visible (GTK_WIDGET (self->text), markup != NULL && *markup != '\0');

  commons_comment_count_set_plan (self->comments, record);
}

CommonsRecordSummary *
commons_plan_row_get_summary (CommonsPlanRow *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN_ROW (self), NULL);

  return self->summary;
}

/**
 * commons_plan_row_set_summary:
 * @summary: (nullable): the plan to show, as the plan list has it
 *
 * Shows @summary. A row bound again to an equal summary, as when the
 * list is read again after a sync, reads the plan again.
 */
void
commons_plan_row_set_summary (CommonsPlanRow       *self,
                              CommonsRecordSummary *summary)
{
  g_return_if_fail (COMMONS_IS_PLAN_ROW (self));
  g_return_if_fail (summary == NULL || COMMONS_IS_RECORD_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

CommonsStore *
commons_plan_row_get_store (CommonsPlanRow *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN_ROW (self), NULL);

  return self->store;
}

/**
 * commons_plan_row_set_store:
 * @store: (nullable): the store the plans are read from
 */
void
commons_plan_row_set_store (CommonsPlanRow *self,
                            CommonsStore   *store)
{
  g_return_if_fail (COMMONS_IS_PLAN_ROW (self));
  g_return_if_fail (store == NULL || COMMONS_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

CommonsSyncManager *
commons_plan_row_get_sync_manager (CommonsPlanRow *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN_ROW (self), NULL);

  return self->manager;
}

/**
 * commons_plan_row_set_sync_manager:
 * @manager: (nullable): names the members of the groups plans are
 *   shared with
 */
void
commons_plan_row_set_sync_manager (CommonsPlanRow     *self,
                                   CommonsSyncManager *manager)
{
  g_return_if_fail (COMMONS_IS_PLAN_ROW (self));
  g_return_if_fail (manager == NULL || COMMONS_IS_SYNC_MANAGER (manager));

  if (!g_set_object (&self->manager, manager))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_MANAGER]);
}

gboolean
commons_plan_row_get_show_match (CommonsPlanRow *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN_ROW (self), FALSE);

  return self->show_match;
}

/**
 * commons_plan_row_set_show_match:
 * @show_match: whether the list is searched
 *
 * Whether the row shows where a search matched the plan rather than
 * what the plan is about.
 */
void
commons_plan_row_set_show_match (CommonsPlanRow *self,
                                 gboolean        show_match)
{
  g_return_if_fail (COMMONS_IS_PLAN_ROW (self));

  show_match = !!show_match;
  if (self->show_match == show_match)
    return;
  self->show_match = show_match;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_MATCH]);
}

static void
commons_plan_row_dispose (GObject *object)
{
  CommonsPlanRow *self = COMMONS_PLAN_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_PLAN_ROW);
  g_clear_object (&self->summary);
  g_clear_object (&self->store);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (commons_plan_row_parent_class)->dispose (object);
}

static void
commons_plan_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CommonsPlanRow *self = COMMONS_PLAN_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, commons_plan_row_get_summary (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, commons_plan_row_get_store (self));
      break;
    case PROP_SYNC_MANAGER:
      g_value_set_object (value, commons_plan_row_get_sync_manager (self));
      break;
    case PROP_SHOW_MATCH:
      g_value_set_boolean (value, commons_plan_row_get_show_match (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_plan_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CommonsPlanRow *self = COMMONS_PLAN_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      commons_plan_row_set_summary (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      commons_plan_row_set_store (self, g_value_get_object (value));
      break;
    case PROP_SYNC_MANAGER:
      commons_plan_row_set_sync_manager (self, g_value_get_object (value));
      break;
    case PROP_SHOW_MATCH:
      commons_plan_row_set_show_match (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_plan_row_class_init (CommonsPlanRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_plan_row_dispose;
  object_class->get_property = commons_plan_row_get_property;
  object_class->set_property = commons_plan_row_set_property;

  /**
   * CommonsPlanRow:summary:
   *
   * The plan shown, as the plan list has it.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL, COMMONS_TYPE_RECORD_SUMMARY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommonsPlanRow:store:
   *
   * The store the plan is read from.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, COMMONS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommonsPlanRow:sync-manager:
   *
   * Names the members of the groups plans are shared with.
   */
  properties[PROP_SYNC_MANAGER] =
    g_param_spec_object ("sync-manager", NULL, NULL, COMMONS_TYPE_SYNC_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommonsPlanRow:show-match:
   *
   * Whether the row shows where a search matched the plan rather than
   * what the plan is about.
   */
  properties[PROP_SHOW_MATCH] =
    g_param_spec_boolean ("show-match", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (COMMONS_TYPE_COMMENT_COUNT);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-plan-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanRow, title);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanRow, detail);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanRow, text);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanRow, comments);
}

static void
commons_plan_row_init (CommonsPlanRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
commons_plan_row_new (void)
{
  return g_object_new (COMMONS_TYPE_PLAN_ROW, NULL);
}
