/* commons-note-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-note-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-note-editor.h"
#include "commons-page.h"

/* One note's title and text, saved a moment after the last keystroke,
 * and the bar that says when it was edited in two places at once. What
 * fails is told through CommonsNoteEditor::failed: the page around it
 * has the toasts. */

/* How long after the last keystroke a note is saved. */
#define AUTOSAVE_DELAY_MS 400

struct _CommonsNoteEditor
{
  AdwBin        parent_instance;

  CommonsStore *store;
  char         *record;
  /* The revision the editor was filled from: a save descends from it. */
  char         *revision;
  guint         save_source;
  guint         dirty : 1;
  guint         loading : 1;

  /* Template widgets */
  GtkStack     *stack;
  GtkInfoBar   *conflict_bar;
  GtkButton    *resolve_button;
  GtkEntry     *title_entry;
  GtkTextView  *body_view;
};

G_DEFINE_FINAL_TYPE (CommonsNoteEditor, commons_note_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FAILED,
  RESOLVE_CONFLICT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fail (CommonsNoteEditor *self,
      const GError      *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

static void
set_record (CommonsNoteEditor *self,
            const char        *record)
{
  if (g_strcmp0 (record, self->record) == 0)
    return;
  g_free (self->record);
  self->record = g_strdup (record);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

static char *
dup_body (CommonsNoteEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Replaces the buffer's text. Neither loading a note nor emptying the
 * editor is an edit Ctrl+Z could take back: Ctrl+Z in a note just opened
 * must not empty it, or bring back the text of the one before. */
static void
set_body (CommonsNoteEditor *self,
          const char        *body)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start;

  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, body != NULL ? body : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
}

/* A note edited in two places at once, by a sync or an import, says so
 * above its text until someone chooses what to keep. */
static void
update_conflict_bar (CommonsNoteEditor *self)
{
  g_autoptr(GPtrArray) heads = NULL;

  if (self->record != NULL && self->store != NULL)
    heads = commons_store_get_heads (self->store, self->record, NULL);
  gtk_info_bar_set_revealed (self->conflict_bar, heads != NULL && heads->len > 1);
}

/**
 * commons_note_editor_save:
 *
 * Saves the note being edited now, if it changed.
 *
 * Returns: %FALSE if it could not be saved; the text stays in the editor
 */
gboolean
commons_note_editor_save (CommonsNoteEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *written = NULL;

  g_return_val_if_fail (COMMONS_IS_NOTE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty || self->record == NULL || self->store == NULL)
    return TRUE;

  body = dup_body (self);
  /* From the version on show: what a sync brought meanwhile merges. */
  if (!commons_store_update_note_from (self->store, self->record, self->revision,
                                       gtk_editable_get_text (GTK_EDITABLE (self->title_entry)),
                                       body, &written, &error))
    {
      fail (self, error);
      return FALSE;
    }
  g_free (self->revision);
  self->revision = g_steal_pointer (&written);

  self->dirty = FALSE;
  update_conflict_bar (self);
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  CommonsNoteEditor *self = user_data;

  g_assert (COMMONS_IS_NOTE_EDITOR (self));

  self->save_source = 0;
  commons_note_editor_save (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (CommonsNoteEditor *self)
{
  g_assert (COMMONS_IS_NOTE_EDITOR (self));

  if (self->loading || self->record == NULL)
    return;

  self->dirty = TRUE;
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (AUTOSAVE_DELAY_MS, autosave_cb, self);
}

static void
title_changed_cb (CommonsNoteEditor *self)
{
  g_assert (COMMONS_IS_NOTE_EDITOR (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  text_changed_cb (self);
}

static void
title_activate_cb (CommonsNoteEditor *self)
{
  g_assert (COMMONS_IS_NOTE_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/**
 * commons_note_editor_close:
 *
 * Empties the editor, without saving: save first if that is wanted.
 */
void
commons_note_editor_close (CommonsNoteEditor *self)
{
  g_return_if_fail (COMMONS_IS_NOTE_EDITOR (self));

  self->loading = TRUE;
  g_clear_pointer (&self->revision, g_free);
  set_record (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), "");
  set_body (self, "");
  self->loading = FALSE;
  self->dirty = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "none");
}

/**
 * commons_note_editor_open:
 * @record: a note's record id
 * @force: whether to read @record again if it is the one open
 *
 * Loads @record into the editor, saving the note it replaces first.
 *
 * Returns: %FALSE, leaving the editor as it was, if that save failed or
 *   @record could not be read
 */
gboolean
commons_note_editor_open (CommonsNoteEditor *self,
                          const char        *record,
                          gboolean           force)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const char *title;

  g_return_val_if_fail (COMMONS_IS_NOTE_EDITOR (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!force && g_strcmp0 (record, self->record) == 0)
    return TRUE;
  if (!commons_note_editor_save (self))
    return FALSE;

  current = commons_store_get_current (self->store, record, &error);
  if (current == NULL)
    {
      fail (self, error);
      return FALSE;
    }

  /* @record may be the open note's own id, freed by set_record(). */
  id = g_strdup (record);
  title = commons_revision_get_string_field (current, "title");

  self->loading = TRUE;
  g_free (self->revision);
  self->revision = g_strdup (commons_revision_get_id (current));
  set_record (self, id);
  gtk_editable_set_text (GTK_EDITABLE (self->title_entry), title != NULL ? title : "");
  set_body (self, commons_revision_get_string_field (current, "body"));
  self->loading = FALSE;
  self->dirty = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "editor");
  update_conflict_bar (self);
  return TRUE;
}

/**
 * commons_note_editor_refresh:
 *
 * Shows what changed the open note elsewhere (a sync, the conflict view)
 * unless it is being edited: then the next save merges with it.
 */
void
commons_note_editor_refresh (CommonsNoteEditor *self)
{
  g_autoptr(CommonsRevision) current = NULL;

  g_return_if_fail (COMMONS_IS_NOTE_EDITOR (self));

  if (self->record == NULL || self->store == NULL)
    return;
  current = commons_store_get_current (self->store, self->record, NULL);
  if (current == NULL || commons_revision_get_deleted (current))
    return;
  if (!self->dirty && g_strcmp0 (commons_revision_get_id (current), self->revision) != 0)
    commons_note_editor_open (self, self->record, TRUE);
  else
    update_conflict_bar (self);
}

static void
record_changed_cb (CommonsNoteEditor *self,
                   const char        *record,
                   const char        *kind)
{
  g_assert (COMMONS_IS_NOTE_EDITOR (self));

  if (g_strcmp0 (record, self->record) == 0)
    commons_note_editor_refresh (self);
}

static void
resolve_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CommonsNoteEditor *self = COMMONS_NOTE_EDITOR (widget);
  g_autofree char *record = g_strdup (self->record);

  g_assert (COMMONS_IS_NOTE_EDITOR (self));

  if (record != NULL && commons_note_editor_save (self))
    g_signal_emit (self, signals[RESOLVE_CONFLICT], 0, record);
}

void
commons_note_editor_set_store (CommonsNoteEditor *self,
                               CommonsStore      *store)
{
  g_return_if_fail (COMMONS_IS_NOTE_EDITOR (self));
  g_return_if_fail (COMMONS_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * commons_note_editor_get_record:
 *
 * Returns: (nullable): the open note's record id, or %NULL if none is open
 */
const char *
commons_note_editor_get_record (CommonsNoteEditor *self)
{
  g_return_val_if_fail (COMMONS_IS_NOTE_EDITOR (self), NULL);

  return self->record;
}

/**
 * commons_note_editor_get_title:
 *
 * Returns: the title as typed, which may be empty
 */
const char *
commons_note_editor_get_title (CommonsNoteEditor *self)
{
  g_return_val_if_fail (COMMONS_IS_NOTE_EDITOR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->title_entry));
}

void
commons_note_editor_focus_title (CommonsNoteEditor *self)
{
  g_return_if_fail (COMMONS_IS_NOTE_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
}

void
commons_note_editor_focus_body (CommonsNoteEditor *self)
{
  g_return_if_fail (COMMONS_IS_NOTE_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
commons_note_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommonsNoteEditor *self = COMMONS_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_string (value, commons_note_editor_get_record (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, commons_note_editor_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_note_editor_dispose (GObject *object)
{
  CommonsNoteEditor *self = COMMONS_NOTE_EDITOR (object);

  if (self->store != NULL)
    commons_note_editor_save (self);
  g_clear_handle_id (&self->save_source, g_source_remove);

  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_NOTE_EDITOR);

  g_clear_object (&self->store);
  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->revision, g_free);

  G_OBJECT_CLASS (commons_note_editor_parent_class)->dispose (object);
}

static void
commons_note_editor_class_init (CommonsNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_note_editor_dispose;
  object_class->get_property = commons_note_editor_get_property;

  /**
   * CommonsNoteEditor:record:
   *
   * The open note's record id, or %NULL.
   */
  properties[PROP_RECORD] =
    g_param_spec_string ("record", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommonsNoteEditor:title:
   *
   * The title as typed, which may be empty.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CommonsNoteEditor::failed:
   * @error: what went wrong
   *
   * A note could not be read or saved; the text stays in the editor.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * CommonsNoteEditor::resolve-conflict:
   * @record: the note's record id
   *
   * The person asks to settle a note edited in two places.
   */
  signals[RESOLVE_CONFLICT] = g_signal_new ("resolve-conflict", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteEditor, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteEditor, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteEditor, title_entry);
  gtk_widget_class_bind_template_child (widget_class, CommonsNoteEditor, body_view);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_activate_cb);

  gtk_widget_class_install_action (widget_class, "editor.resolve", NULL, resolve_action_cb);
}

static void
commons_note_editor_init (CommonsNoteEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child, so not bound as a template child: disposing the
   * template would unparent it under the bin's feet. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  /* GTK 4.18 names the button after its label, which does not say what
   * it resolves. */
  commons_accessible_set_label (GTK_WIDGET (self->resolve_button), _("Resolve the Conflict"));

  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}
