/* commons-plan-comments.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-comments"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-comment-editor.h"
#include "commons-comment-row.h"
#include "commons-discussion.h"
#include "commons-plan-comments.h"

/* Below a plan: its conversation. Comments and one level of replies, each
 * saying which version of the plan it was written about; this person's
 * own can be edited and deleted. Comments that arrived since the plan was
 * last opened are marked new for as long as the plan stays open, though
 * opening it is what marks them seen. */

struct _CommonsPlanComments
{
  GtkWidget           parent_instance;

  CommonsStore       *store;
  CommonsSyncManager *manager;
  CommonsPlan        *plan;
  /* Comments that were new when the plan was opened. */
  GHashTable         *new_comments;

  /* Template widgets */
  GtkWidget          *box;
  GtkLabel           *count_label;
  GtkListBox         *comments_list;
  AdwToastOverlay    *toast_overlay;
};

G_DEFINE_FINAL_TYPE (CommonsPlanComments, commons_plan_comments, GTK_TYPE_WIDGET)

static void
toast (CommonsPlanComments *self,
       const char          *text)
{
  commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static char *
dup_author_name (CommonsPlanComments *self,
                 const char          *author)
{
  const char *name = NULL;

  /* Members' names are known once the group has synced; a plan kept
   * privately has only this person's comments. */
  if (self->manager != NULL && author != NULL)
    name = commons_sync_manager_lookup_person (self->manager, commons_plan_get_scope (self->plan), author);
  return g_strdup (name);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
reload (CommonsPlanComments *self)
{
  g_autoptr(GListModel) comments = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const char *record;
  guint n, n_comments = 0;

  clear_list (self->comments_list);
  record = self->plan != NULL ? commons_plan_get_record (self->plan) : NULL;
  /* A plan not saved yet has nothing to talk about. */
  gtk_widget_set_visible (self->box, record != NULL && self->store != NULL);
  if (record == NULL || self->store == NULL)
    return;

  comments = commons_discussion_list_comments (self->store, record, &error);
  if (comments == NULL)
    {
      gtk_label_set_label (self->count_label, error->message);
      return;
    }

  n = g_list_model_get_n_items (comments);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsComment) comment = g_list_model_get_item (comments, i);
      g_autofree char *name = dup_author_name (self, commons_comment_get_author (comment));
      const char *id = commons_comment_get_record (comment);
      CommonsCommentRowInfo info = { 0 };

      info.record = id;
      info.author_name = name;
      info.created = commons_comment_get_created (comment);
      info.about_time = commons_comment_get_plan_revision_time (comment);
      info.body = commons_comment_get_body (comment);
      info.reply = commons_comment_get_reply_to (comment) != NULL;
      info.deleted = commons_comment_get_deleted (comment);
      info.edited = commons_comment_get_edited (comment);
      info.mine = commons_comment_get_mine (comment);
      info.is_new = commons_comment_get_is_new (comment) || g_hash_table_contains (self->new_comments, id);
      info.can_reply = !info.reply && !info.deleted;
      if (!info.deleted)
        n_comments++;
      gtk_list_box_append (self->comments_list, commons_comment_row_new (&info));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->comments_list), n > 0);
  if (n_comments == 0)
    count = g_strdup (_("No comments yet. Ask how the plan went, or say how it went for you."));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comment", "%u comments", n_comments), n_comments);
  gtk_label_set_label (self->count_label, count);
}

/* Opening a plan marks its comments seen; those that were new stay
 * marked while it is shown, so the person can still find them, also
 * when it is opened again without showing another plan in between. */
static void
open_plan (CommonsPlanComments *self)
{
  g_autoptr(GListModel) comments = NULL;
  g_autoptr(GError) error = NULL;
  const char *record;

  record = self->plan != NULL ? commons_plan_get_record (self->plan) : NULL;
  if (record == NULL || self->store == NULL)
    return;

  comments = commons_discussion_list_comments (self->store, record, NULL);
  for (guint i = 0; comments != NULL && i < g_list_model_get_n_items (comments); i++)
    {
      g_autoptr(CommonsComment) comment = g_list_model_get_item (comments, i);

      if (commons_comment_get_is_new (comment))
        g_hash_table_add (self->new_comments, g_strdup (commons_comment_get_record (comment)));
    }
  if (!commons_discussion_mark_seen (self->store, record, &error))
    g_debug ("Cannot mark the plan’s comments seen: %s", error->message);
}

static void
store_record_changed_cb (CommonsPlanComments *self,
                         const char          *record,
                         const char          *kind)
{
  /* A comment written here or arriving by sync; or the plan itself,
   * whose new version the next comment will be about. */
  if (g_strcmp0 (kind, COMMONS_COMMENT_KIND) == 0)
    reload (self);
}

typedef enum
{
  EDIT_NEW,
  EDIT_REPLY,
  EDIT_CHANGE,
} EditMode;

/* What an open editor writes: carried by the editor's signal handler. */
typedef struct
{
  CommonsPlanComments *self;
  EditMode             mode;
  char                *record;
} EditTarget;

static void
edit_target_free (gpointer  data,
                  GClosure *closure)
{
  EditTarget *target = data;

  g_object_unref (target->self);
  g_free (target->record);
  g_free (target);
}

static void
submitted_cb (CommonsCommentEditor *editor,
              const char           *text,
              EditTarget           *target)
{
  CommonsPlanComments *self = target->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gboolean saved;

  g_assert (COMMONS_IS_COMMENT_EDITOR (editor));
  g_assert (COMMONS_IS_PLAN_COMMENTS (self));

  if (self->plan == NULL || self->store == NULL)
    return;
  switch (target->mode)
    {
    case EDIT_CHANGE:
      saved = commons_discussion_edit_comment (self->store, target->record, text, &error);
      break;
    case EDIT_REPLY:
    case EDIT_NEW:
    default:
      written = commons_discussion_add_comment (self->store, commons_plan_get_record (self->plan),
                                                target->mode == EDIT_REPLY ? target->record : NULL,
                                                text, &error);
      saved = written != NULL;
      break;
    }
  if (!saved)
    {
      commons_comment_editor_show_error (editor, error);
      return;
    }
  gtk_window_close (GTK_WINDOW (editor));
}

static void
open_editor (CommonsPlanComments *self,
             EditMode             mode,
             const char          *record)
{
  g_autoptr(CommonsComment) comment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *context = NULL;
  CommonsCommentEditor *editor;
  EditTarget *target;
  const char *title, *submit;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->plan == NULL || self->store == NULL)
    return;
  if (record != NULL)
    {
      comment = commons_discussion_get_comment (self->store, record, &error);
      if (comment == NULL)
        {
          toast (self, error->message);
          return;
        }
    }

  switch (mode)
    {
    case EDIT_CHANGE:
      title = _("Edit Comment");
      submit = _("_Save");
      break;
    case EDIT_REPLY:
      {
        g_autofree char *name = dup_author_name (self, commons_comment_get_author (comment));
        const char *who = commons_comment_get_mine (comment) ? _("You") : name != NULL ? name : _("Someone");

        title = _("Reply");
        submit = _("_Reply");
        /* Translators: above a reply being written: who wrote the comment
         * answered, and its text. */
        context = g_strdup_printf (_("%s wrote: %s"), who, commons_comment_get_body (comment));
      }
      break;
    case EDIT_NEW:
    default:
      title = _("Comment on the Plan");
      submit = _("_Comment");
      /* Translators: %s is a lesson plan's title. */
      context = g_strdup_printf (_("About this version of “%s”"), commons_plan_get_title (self->plan));
      break;
    }

  editor = commons_comment_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title, context, submit,
                                       mode == EDIT_CHANGE ? commons_comment_get_body (comment) : NULL);
  target = g_new0 (EditTarget, 1);
  target->self = g_object_ref (self);
  target->mode = mode;
  target->record = g_strdup (record);
  g_signal_connect_data (editor, "submitted", G_CALLBACK (submitted_cb), target, edit_target_free, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (COMMONS_PLAN_COMMENTS (widget), EDIT_NEW, NULL);
}

static void
reply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  open_editor (COMMONS_PLAN_COMMENTS (widget), EDIT_REPLY, g_variant_get_string (parameter, NULL));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  open_editor (COMMONS_PLAN_COMMENTS (widget), EDIT_CHANGE, g_variant_get_string (parameter, NULL));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    EditTarget       *target)
{
  CommonsPlanComments *self = target->self;
  g_autoptr(GError) error = NULL;

  g_assert (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert (COMMONS_IS_PLAN_COMMENTS (self));

  if (g_strcmp0 (response, "delete") != 0 || self->store == NULL)
    return;
  /* The list shows the comment gone, or "Comment deleted" above its
   * replies. */
  if (!commons_discussion_delete_comment (self->store, target->record, &error))
    toast (self, error->message);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CommonsPlanComments *self = COMMONS_PLAN_COMMENTS (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  EditTarget *target;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Delete Your Comment?"),
                                   _("Replies to it stay, under “Comment deleted”."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  target = g_new0 (EditTarget, 1);
  target->self = g_object_ref (self);
  target->mode = EDIT_CHANGE;
  target->record = g_strdup (g_variant_get_string (parameter, NULL));
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), target, edit_target_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * commons_plan_comments_focus:
 *
 * Opens the conversation again and moves the keyboard focus to it, as
 * when a notification of a comment opened the plan: what is new is
 * marked so, and seen from now on.
 */
void
commons_plan_comments_focus (CommonsPlanComments *self)
{
  GtkWidget *first;

  g_return_if_fail (COMMONS_IS_PLAN_COMMENTS (self));

  open_plan (self);
  reload (self);

  first = gtk_widget_get_first_child (GTK_WIDGET (self->comments_list));
  if (first != NULL && gtk_widget_get_visible (GTK_WIDGET (self->comments_list)))
    gtk_widget_grab_focus (first);
  else
    gtk_widget_grab_focus (self->box);
}

/**
 * commons_plan_comments_set_plan:
 * @manager: (nullable): for the names of the group's members
 * @plan: (nullable): the plan shown, as saved
 *
 * Shows @plan's conversation. Showing a plan other than the one shown
 * counts as opening it: its comments are seen.
 */
void
commons_plan_comments_set_plan (CommonsPlanComments *self,
                                CommonsStore        *store,
                                CommonsSyncManager  *manager,
                                CommonsPlan         *plan)
{
  gboolean opened;

  g_return_if_fail (COMMONS_IS_PLAN_COMMENTS (self));
  g_return_if_fail (store == NULL || COMMONS_IS_STORE (store));
  g_return_if_fail (manager == NULL || COMMONS_IS_SYNC_MANAGER (manager));
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
  if (self->manager != manager)
    {
      if (self->manager != NULL)
        g_signal_handlers_disconnect_by_func (self->manager, reload, self);
      g_set_object (&self->manager, manager);
      /* A sync stores what others wrote through a connection of its own,
       * which the store's own signal does not hear. */
      if (manager != NULL)
        g_signal_connect_object (manager, "records-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
    }
  opened = plan == NULL || self->plan == NULL ||
           g_strcmp0 (commons_plan_get_record (plan), commons_plan_get_record (self->plan)) != 0;
  g_set_object (&self->plan, plan);
  if (opened)
    {
      g_hash_table_remove_all (self->new_comments);
      open_plan (self);
    }
  reload (self);
}

static void
commons_plan_comments_dispose (GObject *object)
{
  CommonsPlanComments *self = (CommonsPlanComments *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, store_record_changed_cb, self);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_func (self->manager, reload, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_PLAN_COMMENTS);
  g_clear_object (&self->plan);
  g_clear_object (&self->manager);
  g_clear_object (&self->store);
  g_clear_pointer (&self->new_comments, g_hash_table_unref);

  G_OBJECT_CLASS (commons_plan_comments_parent_class)->dispose (object);
}

static void
commons_plan_comments_class_init (CommonsPlanCommentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_plan_comments_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-plan-comments.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanComments, box);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanComments, count_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanComments, comments_list);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanComments, toast_overlay);

  gtk_widget_class_install_action (widget_class, "comments.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "comments.reply", "s", reply_action);
  gtk_widget_class_install_action (widget_class, "comments.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "comments.delete", "s", delete_action);
}

static void
commons_plan_comments_init (CommonsPlanComments *self)
{
  self->new_comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  reload (self);
}
