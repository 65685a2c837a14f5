/* commons-history-dialog.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-history-dialog.h"
#include "commons-diff.h"
#include "commons-identity.h"
#include "commons-plan-diff.h"
#include "commons-plan.h"

struct _CommonsHistoryDialog
{
  AdwWindow           parent_instance;

  CommonsStore       *store;
  /* Names the group's members, if the record is shared. */
  CommonsSyncManager *manager;
  char               *scope;
  char               *record;
  char               *current_revision;
  /* The versions, newest first, as the list shows them. */
  GPtrArray          *history;
  /* Whether this person may change the record (see check_may_change()). */
  gboolean            may_change;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkButton          *restore_button;
  GtkListBox         *versions_list;
  GtkTextView        *version_view;
};

G_DEFINE_FINAL_TYPE (CommonsHistoryDialog, commons_history_dialog, ADW_TYPE_WINDOW)

enum {
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
format_time (const char *time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (time, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *formatted = NULL;
  const char *start;

  if (utc == NULL)
    return g_strdup (time);
  local = g_date_time_to_local (utc);
  /* Translators: when a version of a note was saved; see strftime(3). */
  formatted = g_date_time_format (local, _("%e %B %Y, %H:%M:%S"));
  if (formatted == NULL)
    return g_strdup (time);
  /* %e pads a day before the 10th with a figure space, which would show
   * as a gap after the name of who made the version. */
  for (start = formatted; *start != '\0' && g_unichar_isspace (g_utf8_get_char (start)); start = g_utf8_next_char (start))
    ;
  return g_strdup (start);
}

static CommonsRevision *
row_get_revision (CommonsHistoryDialog *self,
                  GtkListBoxRow        *row)
{
  int index = gtk_list_box_row_get_index (row);

  g_assert (index >= 0 && (guint) index < self->history->len);
  return g_ptr_array_index (self->history, index);
}

static const char *
describe_title (CommonsRevision *revision)
{
  const char *title = commons_revision_get_string_field (revision, "title");

  if (title != NULL && *title != '\0')
    return title;
  if (g_strcmp0 (commons_revision_get_kind (revision), "plan") == 0)
    return _("Untitled Plan");
  return _("Untitled Note");
}

/* The store knows this person, but not the names of the other members of
 * a group: those only the sync manager hears from the server. */
static const char *
describe_author (CommonsHistoryDialog *self,
                 CommonsRevision      *revision)
{
  const char *author = commons_revision_get_author (revision);
  const char *name = NULL;

  if (author == NULL)
    /* Translators: who made a version of a note or plan: nobody, the app
     * joined two versions made at the same time. */
    return _("Merged automatically");
  if (commons_store_is_me (self->store, author))
    /* Translators: who made a version of a note or plan: the person using
     * the app. */
    return _("You");
  if (self->manager != NULL)
    name = commons_sync_manager_lookup_person (self->manager, self->scope, author);
  if (name != NULL && *name != '\0')
    return name;
  /* Translators: who made a version of a note or plan: someone else in the
   * group, whose name is not known here. */
  return _("Another member");
}

/* The words the plan editor heads its fields with, so a change reads as
 * the place in the form where it was made. */
/* A plan's version is shown as what changed from the version before it:
 * field by field, and line by line within long text. */
static void
show_plan_changes (CommonsHistoryDialog *self,
                   GtkTextBuffer        *buffer,
                   CommonsRevision      *revision)
{
  const char * const *parents = commons_revision_get_parents (revision);
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, describe_title (revision), -1, "title", NULL);
  gtk_text_buffer_insert (buffer, &iter, "\n\n", -1);

  if (parents[0] == NULL)
    {
      gtk_text_buffer_insert (buffer, &iter, _("The first version of this plan."), -1);
      return;
    }

  changes = commons_plan_diff_revisions (self->store, parents[0], commons_revision_get_id (revision), &error);
  if (changes == NULL)
    {
      gtk_text_buffer_insert (buffer, &iter, error->message, -1);
      return;
    }
  if (changes->len == 0)
    gtk_text_buffer_insert (buffer, &iter, _("Nothing changed in this version."), -1);

  for (guint i = 0; i < changes->len; i++)
    {
      CommonsPlanChange *change = g_ptr_array_index (changes, i);
      g_autofree char *heading = NULL;

      if (change->part != NULL)
        /* Translators: the heading of a change to one part of a plan's
         * field, as in "Activities — Minutes": the field, then the part. */
        heading = g_strdup_printf (_("%s — %s"), commons_field_get_label (change->field),
                                   commons_field_get_label (change->part));
      else
        heading = g_strdup (commons_field_get_label (change->field));

      gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, heading, -1, "field", NULL);
      gtk_text_buffer_insert (buffer, &iter, "\n", -1);

      if (change->hunks != NULL)
        {
          for (guint h = 0; h < change->hunks->len; h++)
            {
              const CommonsDiffHunk *hunk = &g_array_index (change->hunks, CommonsDiffHunk, h);

              if (hunk->op == COMMONS_DIFF_DELETE)
                for (guint k = 0; k < hunk->a_len; k++)
                  {
                    g_autofree char *line = g_strdup_printf ("− %s\n", change->old_lines[hunk->a_start + k]);
                    gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "removed", NULL);
                  }
              else if (hunk->op == COMMONS_DIFF_INSERT)
                for (guint k = 0; k < hunk->b_len; k++)
                  {
                    g_autofree char *line = g_strdup_printf ("+ %s\n", change->new_lines[hunk->b_start + k]);
                    gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "added", NULL);
                  }
            }
        }
      else
        {
          /* A field that was empty, or is now, has no line to show. */
          if (change->old_value != NULL && *change->old_value != '\0' &&
              change->kind != COMMONS_PLAN_CHANGE_ADDED)
            {
              g_autofree char *line = g_strdup_printf ("− %s\n", change->old_value);
              gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "removed", NULL);
            }
          if (change->new_value != NULL && *change->new_value != '\0' &&
              change->kind != COMMONS_PLAN_CHANGE_REMOVED)
            {
              g_autofree char *line = g_strdup_printf ("+ %s\n", change->new_value);
              gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, line, -1, "added", NULL);
            }
        }
      gtk_text_buffer_insert (buffer, &iter, "\n", -1);
    }
}

/* Restoring a version is an edit: a colleague's plan whose license
 * forbids changes cannot be restored either, and Restore says why, where
 * a person looks for it. commons_plan_restore_revision() judges the
 * chosen version itself when Restore is pressed. */
static void
check_may_change (CommonsHistoryDialog *self)
{
  g_autoptr(CommonsPlan) plan = commons_plan_load (self->store, self->record, NULL);
  g_autoptr(GError) reason = NULL;

  self->may_change = plan == NULL || commons_plan_can_edit (plan, self->store, &reason);
  if (reason == NULL)
    return;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->restore_button), reason->message);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->restore_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason->message, -1);
}

static void
row_selected_cb (CommonsHistoryDialog *self,
                 GtkListBoxRow        *row)
{
  GtkTextBuffer *buffer;
  CommonsRevision *revision;
  const char *body;
  GtkTextIter iter;

  /* The list lets go of its rows while the dialog is disposed. */
  if (self->version_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->version_view);
  gtk_text_buffer_set_text (buffer, "", -1);
  if (row == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), FALSE);
      return;
    }

  revision = row_get_revision (self, row);
  body = commons_revision_get_string_field (revision, "body");

  if (g_strcmp0 (commons_revision_get_kind (revision), "plan") == 0)
    {
      show_plan_changes (self, buffer, revision);
      gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                                self->may_change &&
                                g_strcmp0 (commons_revision_get_id (revision), self->current_revision) != 0);
      return;
    }

  gtk_text_buffer_get_start_iter (buffer, &iter);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &iter, describe_title (revision), -1, "title", NULL);
  gtk_text_buffer_insert (buffer, &iter, "\n\n", -1);
  gtk_text_buffer_insert (buffer, &iter, body != NULL ? body : "", -1);

  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            g_strcmp0 (commons_revision_get_id (revision), self->current_revision) != 0);
}

static void
restore_clicked_cb (CommonsHistoryDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->versions_list);
  g_autoptr(GError) error = NULL;
  CommonsRevision *revision;

  if (row == NULL)
    return;

  revision = row_get_revision (self, row);
  /* A plan is restored under its license rules: restoring is an edit. */
  if (!commons_plan_restore_revision (self->store, self->record,
                                      commons_revision_get_id (revision), &error))
    {
      g_autoptr(GString) text = g_string_new (_("This version could not be restored."));
      GtkWidget *dialog;

      g_string_append_printf (text, "\n\n%s", error->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Not Restored"), text->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_signal_emit (self, signals[RESTORED], 0, self->record);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
create_row (CommonsHistoryDialog *self,
            CommonsRevision      *revision,
            gboolean              current)
{
  g_autofree char *time = format_time (commons_revision_get_time (revision));
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  const char *detail;
  GtkWidget *row, *box, *label;

  if (current)
    detail = _("Current version");
  else if (commons_revision_get_deleted (revision))
    detail = _("Deleted");
  else
    detail = describe_title (revision);

  /* Translators: who made a version and when, as in
   * "You · 2 December 2026, 14:05:03". */
  heading = g_strdup_printf (_("%s · %s"), describe_author (self, revision), time);
  /* Versions from before Commons signed them carry no proof of who wrote
   * them: say so, never trust them silently. */
  if (commons_person_id_classify (commons_revision_get_author (revision)) == COMMONS_PERSON_LEGACY)
    {
      g_autofree char *plain = g_steal_pointer (&heading);

      /* Translators: a version's heading, then a note that its author cannot
       * be checked because it was made before Commons signed versions. */
      heading = g_strdup_printf (_("%s · unverified"), plain);
    }
  /* Translators: how a screen reader names a version in the history: who
   * made it and when, then its title or "Current version". */
  name = g_strdup_printf (_("%s, %s"), heading, detail);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return row;
}

static void
load_history (CommonsHistoryDialog *self)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(GError) error = NULL;

  current = commons_store_get_current (self->store, self->record, NULL);
  if (current != NULL)
    {
      self->current_revision = g_strdup (commons_revision_get_id (current));
      adw_window_title_set_subtitle (self->window_title, describe_title (current));
    }

  g_assert (self->history == NULL);
  self->history = commons_store_get_history (self->store, self->record, &error);
  if (self->history == NULL)
    {
      g_warning ("Cannot read history: %s", error->message);
      return;
    }

  for (guint i = 0; i < self->history->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (self->history, i);
      gboolean is_current = g_strcmp0 (commons_revision_get_id (revision), self->current_revision) == 0;

      gtk_list_box_append (self->versions_list, create_row (self, revision, is_current));
    }

  gtk_list_box_select_row (self->versions_list, gtk_list_box_get_row_at_index (self->versions_list, 0));
}

static void
commons_history_dialog_dispose (GObject *object)
{
  CommonsHistoryDialog *self = COMMONS_HISTORY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->current_revision, g_free);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (commons_history_dialog_parent_class)->dispose (object);
}

static void
commons_history_dialog_class_init (CommonsHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_history_dialog_dispose;

  /**
   * CommonsHistoryDialog::restored:
   * @record: the record whose earlier version became current
   */
  signals[RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsHistoryDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsHistoryDialog, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsHistoryDialog, versions_list);
  gtk_widget_class_bind_template_child (widget_class, CommonsHistoryDialog, version_view);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_history_dialog_init (CommonsHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  commons_accessible_name_button_by_label (GTK_BUTTON (self->restore_button));

  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->version_view), "title",
                              "weight", PANGO_WEIGHT_BOLD,
                              "scale", 1.4,
                              NULL);
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->version_view), "field",
                              "weight", PANGO_WEIGHT_BOLD,
                              NULL);
  /* Colours a reader can tell apart, and a sign before each line for
   * those who cannot see colour. */
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->version_view), "removed",
                              "foreground", "#c01c28",
                              "strikethrough", TRUE,
                              NULL);
  gtk_text_buffer_create_tag (gtk_text_view_get_buffer (self->version_view), "added",
                              "foreground", "#26a269",
                              NULL);
}

/**
 * commons_history_dialog_new:
 * @manager: (nullable): names the members of the record's group, if any
 *
 * Returns: (transfer full): the history of @record
 */
CommonsHistoryDialog *
commons_history_dialog_new (GtkWindow          *parent,
                            CommonsStore       *store,
                            CommonsSyncManager *manager,
                            const char         *record)
{
  CommonsHistoryDialog *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (manager == NULL || COMMONS_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->record = g_strdup (record);
  if (manager != NULL)
    {
      self->manager = g_object_ref (manager);
      self->scope = commons_store_get_scope (store, record, NULL);
    }
  check_may_change (self);
  load_history (self);

  return self;
}
