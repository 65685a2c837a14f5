/* commons-comment-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-comment-row"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-comment-row.h"

/* One comment of a plan's conversation: who wrote it and when, which
 * version of the plan it is about, and its text; or "Comment deleted"
 * where a deleted comment still has replies under it. Its buttons name
 * the conversation's actions ("comments.reply" and so on) with the
 * comment's record id as target, so the row keeps no callbacks. */

struct _CommonsCommentRow
{
  GtkListBoxRow  parent_instance;

  char          *record;

  /* Template widgets */
  GtkWidget     *box;
  GtkLabel      *author_label;
  GtkLabel      *new_label;
  GtkLabel      *meta_label;
  GtkLabel      *body_label;
  GtkWidget     *buttons;
  GtkButton     *reply_button;
  GtkButton     *edit_button;
  GtkButton     *delete_button;
};

G_DEFINE_FINAL_TYPE (CommonsCommentRow, commons_comment_row, GTK_TYPE_LIST_BOX_ROW)

/**
 * commons_comment_format_day:
 *
 * Returns: (transfer full): the day of @rfc3339 in local time, as in
 *   "3 December 2026"; empty when it cannot be read
 */
char *
commons_comment_format_day (const char *rfc3339)
{
  g_autoptr(GDateTime) utc = rfc3339 != NULL ? g_date_time_new_from_iso8601 (rfc3339, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *day = NULL;

  if (local == NULL)
    return g_strdup ("");
  /* Translators: a day, as strftime formats it, such as "3 December 2026". */
  day = g_date_time_format (local, _("%e %B %Y"));
  /* %e pads a one-digit day with a figure space, which has no place in
   * the middle of a sentence. */
  if (g_str_has_prefix (day, "\u2007"))
    return g_strdup (day + strlen ("\u2007"));
  return g_strdup (g_strchug (day));
}

#define EXCERPT_CHARS 40

/* The start of a comment, on one line. */
static char *
excerpt_of (const char *body)
{
  g_autofree char *line = g_strdup (body != NULL ? body : "");

  g_strdelimit (line, "\n\r\t", ' ');
  g_strstrip (line);
  if (g_utf8_strlen (line, -1) <= EXCERPT_CHARS)
    return g_steal_pointer (&line);
  *g_utf8_offset_to_pointer (line, EXCERPT_CHARS) = '\0';
  return g_strconcat (line, "…", NULL);
}

static void
set_button (GtkButton  *button,
            const char *action,
            const char *record,
            const char *name)
{
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", record);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), name);
  commons_accessible_set_label (GTK_WIDGET (button), name);
}

static void
fill (CommonsCommentRow           *self,
      const CommonsCommentRowInfo *info)
{
  g_autofree char *when = commons_comment_format_day (info->created);
  g_autofree char *about = info->about_time != NULL ? commons_comment_format_day (info->about_time) : NULL;
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *reply_name = NULL;
  g_autofree char *excerpt = NULL;
  g_autofree char *edit_name = NULL;
  g_autofree char *delete_name = NULL;
  const char *who = info->mine ? _("You") : info->author_name;

  if (who == NULL || *who == '\0')
    who = _("Someone");

  if (info->deleted)
    {
      gtk_label_set_label (self->author_label, _("Comment deleted"));
      gtk_widget_add_css_class (GTK_WIDGET (self->author_label), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (self->meta_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->body_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->new_label), FALSE);
      gtk_widget_set_visible (self->buttons, FALSE);
      commons_accessible_set_label (GTK_WIDGET (self), _("Comment deleted"));
      return;
    }

  gtk_label_set_label (self->author_label, who);
  if (about != NULL && *about != '\0')
    /* Translators: when a comment was written, then the day of the plan
     * version it is about, as in "1 December 2026 · about the version of
     * 3 December 2026". */
    meta = g_strdup_printf (_("%s · about the version of %s"), when, about);
  else
    meta = g_strdup (when);
  if (info->edited)
    {
      /* Translators: added after a comment's date when its author changed it. */
      g_autofree char *edited = g_strdup_printf (_("%s · edited"), meta);

      g_free (meta);
      meta = g_steal_pointer (&edited);
    }
  gtk_label_set_label (self->meta_label, meta);
  gtk_label_set_label (self->body_label, info->body != NULL ? info->body : "");
  gtk_widget_set_visible (GTK_WIDGET (self->new_label), info->is_new);

  /* Translators: a screen reader's summary of a comment: who, whether it
   * is new, when and about which version, then the text. */
  accessible = g_strdup_printf (_("%s%s, %s: %s"), who, info->is_new ? _(" (new)") : "", meta,
                                info->body != NULL ? info->body : "");
  commons_accessible_set_label (GTK_WIDGET (self), accessible);

  gtk_widget_set_visible (GTK_WIDGET (self->reply_button), info->can_reply);
  /* Translators: the name of the button that answers one comment; %s is who wrote it. */
  reply_name = g_strdup_printf (_("Reply to %s"), who);
  set_button (self->reply_button, "comments.reply", info->record, reply_name);
  /* A person may have written several comments here: the buttons' names
   * say which one they act on. */
  excerpt = excerpt_of (info->body);
  /* Translators: the name of a button; %s is the start of the comment. */
  edit_name = g_strdup_printf (_("Edit Your Comment “%s”"), excerpt);
  /* Translators: the name of a button; %s is the start of the comment. */
  delete_name = g_strdup_printf (_("Delete Your Comment “%s”"), excerpt);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), info->mine);
  set_button (self->edit_button, "comments.edit", info->record, edit_name);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), info->mine);
  set_button (self->delete_button, "comments.delete", info->record, delete_name);
  gtk_widget_set_visible (self->buttons, info->can_reply || info->mine);
}

const char *
commons_comment_row_get_record (CommonsCommentRow *self)
{
  g_return_val_if_fail (COMMONS_IS_COMMENT_ROW (self), NULL);
  return self->record;
}

static void
commons_comment_row_dispose (GObject *object)
{
  CommonsCommentRow *self = COMMONS_COMMENT_ROW (object);

  /* The row lets go of its child itself; the template's pass would
   * otherwise unparent it a second time. */
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_COMMENT_ROW);
  g_clear_pointer (&self->record, g_free);

  G_OBJECT_CLASS (commons_comment_row_parent_class)->dispose (object);
}

static void
commons_comment_row_class_init (CommonsCommentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_comment_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-comment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, box);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, author_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, new_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, body_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, buttons);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, reply_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsCommentRow, delete_button);
}

static void
commons_comment_row_init (CommonsCommentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * commons_comment_row_new:
 *
 * Returns: (transfer floating): a row showing the comment @info describes
 */
GtkWidget *
commons_comment_row_new (const CommonsCommentRowInfo *info)
{
  CommonsCommentRow *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->record != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_COMMENT_ROW, NULL);
  self->record = g_strdup (info->record);
  /* A reply sits under the comment it answers, indented on the side the
   * text starts from (the right, in right-to-left languages). */
  if (info->reply)
    {
      gtk_widget_set_margin_start (self->box, 36);
      gtk_widget_add_css_class (GTK_WIDGET (self), "comment-reply");
    }
  fill (self, info);
  return GTK_WIDGET (self);
}
