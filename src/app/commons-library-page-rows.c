/* commons-library-page-rows.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-library-page"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "commons-comment-count.h"
#include "commons-group-rule.h"
#include "commons-library-page-private.h"
#include "commons-plan-query.h"
#include "commons-review-summary.h"
#include "commons-snippet.h"

/* The rows of the plan list. Each tells a plan from its copies (who
 * wrote it, where it is, its status, whether it is a remix) and shows
 * the words a search matched, or else what the plan is about. */

/* A row shows one line of text, but Pango shapes all of it first. */
#define ROW_TEXT_MAX_CHARS 120

/* What tells a plan from its copies: who wrote it, where it is, its
 * review status in a group, and whether it is a remix. */
static char *
describe_plan (CommonsLibraryPage *self,
               CommonsPlan        *plan)
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
plan_row_text (CommonsPlan *plan)
{
  const char *summary = commons_plan_get_summary (plan);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *total = NULL;

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
  {
    g_autofree char *joined = g_strjoinv (" · ", (char **) parts->pdata);

    return g_markup_escape_text (joined, -1);
  }
}

static GtkWidget *
row_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
plan_row_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *detail = row_label ("caption");
  GtkWidget *text = row_label ("caption");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (text, "dim-label");
  gtk_box_append (GTK_BOX (box), row_label ("heading"));
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), g_object_new (COMMONS_TYPE_COMMENT_COUNT, NULL));
  gtk_list_item_set_child (item, box);
}

static void
plan_row_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  CommonsLibraryPage       *self)
{
  CommonsRecordSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *text = gtk_widget_get_next_sibling (detail);
  GtkWidget *comments = gtk_widget_get_next_sibling (text);
  g_autoptr(CommonsPlan) plan = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *markup = NULL;

  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  gtk_label_set_label (GTK_LABEL (title), commons_record_summary_get_title (summary));
  plan = commons_plan_load (self->store, commons_record_summary_get_id (summary), NULL);
  if (plan != NULL)
    detail_text = describe_plan (self, plan);
  gtk_label_set_label (GTK_LABEL (detail), detail_text != NULL ? detail_text : "");
  gtk_widget_set_visible (detail, detail_text != NULL);

  /* A search shows where the words matched; otherwise the summary. */
  if (commons_record_list_get_search (self->list) != NULL &&
      *commons_record_list_get_search (self->list) != '\0')
    markup = commons_snippet_markup (commons_record_summary_get_snippet (summary), ROW_TEXT_MAX_CHARS);
  else if (plan != NULL)
    markup = plan_row_text (plan);
  gtk_label_set_markup (GTK_LABEL (text), markup != NULL ? markup : "");
  gtk_widget_set_visible (text, markup != NULL && *markup != '\0');
  commons_comment_count_set_plan (COMMONS_COMMENT_COUNT (comments), commons_record_summary_get_id (summary));
}

/**
 * _commons_library_page_setup_rows:
 *
 * Gives the list its factory. It is made in code rather than in the .ui:
 * a row says who wrote the plan and where it is, which bindings alone
 * cannot.
 */
void
_commons_library_page_setup_rows (CommonsLibraryPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_assert (COMMONS_IS_LIBRARY_PAGE (self));

  g_signal_connect (factory, "setup", G_CALLBACK (plan_row_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (plan_row_bind_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
}
