/* commons-conflict-view.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-conflict-view"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-conflict-view.h"
#include "commons-conflict.h"
#include "commons-merge.h"
#include "commons-plan.h"

/* A record with more than one head: the versions side by side, with who
 * made each and when, and three ways out. Whatever the person picks is
 * saved through commons-conflict.c, which makes a revision whose parents
 * are all the heads, so no version is lost and every replica sees the
 * conflict settled once it syncs. */

struct _CommonsConflictView
{
  AdwWindow           parent_instance;

  CommonsSyncManager *manager;
  char               *record;
  char               *scope;
  GPtrArray          *heads;
  /* Names of the fields both sides changed, and the editors of those
   * that are text. */
  GPtrArray          *fields;
  GPtrArray          *editors;
  /* The field each of the editors is for, in the same order. */
  GPtrArray          *editor_fields;
  /* Fields only one side changed since the versions parted: name to the
   * value of the side that changed it, which the resolution keeps, as
   * a merge would. */
  GHashTable         *merged;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkLabel           *intro_label;
  GtkFlowBox         *versions_box;
  GtkBox             *merged_box;
  GtkButton          *save_button;
  GtkLabel           *merged_label;
};

G_DEFINE_FINAL_TYPE (CommonsConflictView, commons_conflict_view, ADW_TYPE_WINDOW)

/* A field's value as a person reads it. */
static char *
field_text (JsonObject *fields,
            const char *name)
{
  JsonNode *node = json_object_get_member (fields, name);
  g_autoptr(GString) out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
    }

  out = g_string_new (NULL);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (out->len > 0)
            g_string_append_c (out, '\n');
          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_string_append_printf (out, "• %s", json_node_get_string (element));
          else if (JSON_NODE_HOLDS_OBJECT (element))
            {
              JsonObject *object = json_node_get_object (element);
              const char *title = json_object_get_string_member_with_default (object, "title", "");

              g_string_append_printf (out, "• %s", title);
            }
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_text_field (CommonsRevision *head,
               const char      *name)
{
  JsonNode *node = json_object_get_member (commons_revision_get_fields (head), name);

  return node == NULL ||
         (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
}

static char *
describe_author (CommonsConflictView *self,
                 CommonsRevision     *head)
{
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  const char *author = commons_revision_get_author (head);
  const char *name;

  if (author == NULL)
    return g_strdup (_("Merged automatically"));
  if (commons_store_is_me (store, author))
    return g_strdup (_("You"));
  name = commons_sync_manager_lookup_person (self->manager, self->scope, author);
  if (name != NULL && *name != '\0')
    return g_strdup (name);
  return g_strdup (_("Another member"));
}

/* Whether the name of who made @head is known here. */
static gboolean
knows_author (CommonsConflictView *self,
              CommonsRevision     *head)
{
  const char *name = commons_sync_manager_lookup_person (self->manager, self->scope,
                                                         commons_revision_get_author (head));

  return name != NULL && *name != '\0';
}

static char *
describe_time (CommonsRevision *head)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (commons_revision_get_time (head), NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: a date and time format for when a version was made. */
  return g_date_time_format (local, _("%x %X"));
}

/* Closes the view once the resolution is saved, or says why it was not. */
static void
saved (CommonsConflictView *self,
       gboolean             ok,
       GError              *error)
{
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);

      commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
keep_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CommonsConflictView *self = COMMONS_CONFLICT_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert (COMMONS_IS_CONFLICT_VIEW (self));

  if (index >= self->heads->len)
    return;
  ok = commons_conflict_keep (commons_sync_manager_get_store (self->manager), self->record,
                              commons_revision_get_id (g_ptr_array_index (self->heads, index)), &error);
  saved (self, ok, error);
}

static void
save_merged_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CommonsConflictView *self = COMMONS_CONFLICT_VIEW (widget);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer field, value;
  gboolean ok;

  /* What one side alone changed is kept, as the cards say. */
  g_hash_table_iter_init (&iter, self->merged);
  while (g_hash_table_iter_next (&iter, &field, &value))
    json_object_set_member (changes, field, json_node_copy (value));
  for (guint i = 0; i < self->editors->len; i++)
    {
      GtkTextView *view = g_ptr_array_index (self->editors, i);
      const char *name = g_ptr_array_index (self->editor_fields, i);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      json_object_set_string_member (changes, name, text);
    }
  ok = commons_conflict_resolve (commons_sync_manager_get_store (self->manager), self->record,
                                 changes, &error);
  saved (self, ok, error);
}

static GtkWidget *
build_version (CommonsConflictView *self,
               guint                index)
{
  CommonsRevision *head = g_ptr_array_index (self->heads, index);
  JsonObject *fields = commons_revision_get_fields (head);
  g_autofree char *who = describe_author (self, head);
  g_autofree char *when = describe_time (head);
  g_autofree char *heading = NULL;
  g_autofree char *keep_name = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *box, *label, *button, *text;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 0);

  /* The person's own version is named apart: "Version by You" does not
   * translate well. */
  if (commons_store_is_me (commons_sync_manager_get_store (self->manager), commons_revision_get_author (head)))
    {
      heading = g_strdup (_("Your Version"));
      keep_name = g_strdup (_("Keep Your Version"));
    }
  else if (commons_revision_get_author (head) == NULL)
    {
      heading = g_strdup (_("Merged Version"));
      keep_name = g_strdup (_("Keep the Merged Version"));
    }
  else if (knows_author (self, head))
    {
      /* Translators: %s is the name of the member who made a version. */
      heading = g_strdup_printf (_("Version by %s"), who);
      /* Translators: %s is the name of the member who made a version. */
      keep_name = g_strdup_printf (_("Keep the Version by %s"), who);
    }
  else
    {
      /* A member whose name this device has not learned yet. */
      heading = g_strdup (_("Another Member’s Version"));
      keep_name = g_strdup (_("Keep Another Member’s Version"));
    }
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  label = gtk_label_new (when);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *name = g_ptr_array_index (self->fields, i);
      g_autofree char *value = field_text (fields, name);

      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append_printf (body, "%s\n%s", commons_field_get_label (name), value);
    }
  if (commons_revision_get_deleted (head))
    g_string_prepend (body, _("This version deletes it.\n\n"));

  text = gtk_label_new (body->str);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_yalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_vexpand (text, TRUE);
  gtk_widget_set_margin_start (text, 12);
  gtk_widget_set_margin_end (text, 12);
  gtk_widget_set_margin_top (text, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
  gtk_box_append (GTK_BOX (box), text);

  button = gtk_button_new_with_mnemonic (_("_Keep This Version"));
  commons_accessible_set_label (button, keep_name);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (button, 12);
  gtk_widget_set_margin_end (button, 12);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 12);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", index);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "conflict.keep");
  gtk_box_append (GTK_BOX (box), button);

  return box;
}

static CommonsRevision *
lookup_revision_cb (const char *id,
                    gpointer    user_data)
{
  return commons_store_get_revision (COMMONS_STORE (user_data), id, NULL);
}

static gboolean
same_value (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

/* Sorts the fields the heads differ in: those changed on both sides stay
 * in self->fields for the person to settle; those only one side changed
 * since the version both come from are merged as a merge would, and said
 * so. With more than two heads there is no one base: all stay. */
static void
sort_fields (CommonsConflictView *self,
             GPtrArray           *differing)
{
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  g_autoptr(CommonsRevision) base = NULL;
  JsonObject *first, *second;

  if (self->heads->len == 2)
    base = commons_merge_find_base (commons_revision_get_id (g_ptr_array_index (self->heads, 0)),
                                    commons_revision_get_id (g_ptr_array_index (self->heads, 1)),
                                    lookup_revision_cb, store);
  if (base == NULL)
    {
      for (guint i = 0; i < differing->len; i++)
        g_ptr_array_add (self->fields, g_strdup (g_ptr_array_index (differing, i)));
      return;
    }

  first = commons_revision_get_fields (g_ptr_array_index (self->heads, 0));
  second = commons_revision_get_fields (g_ptr_array_index (self->heads, 1));
  for (guint i = 0; i < differing->len; i++)
    {
      const char *name = g_ptr_array_index (differing, i);
      JsonNode *was = json_object_get_member (commons_revision_get_fields (base), name);
      JsonNode *one = json_object_get_member (first, name);
      JsonNode *two = json_object_get_member (second, name);

      if (same_value (was, one) && two != NULL)
        g_hash_table_insert (self->merged, g_strdup (name), json_node_copy (two));
      else if (same_value (was, two) && one != NULL)
        g_hash_table_insert (self->merged, g_strdup (name), json_node_copy (one));
      else
        g_ptr_array_add (self->fields, g_strdup (name));
    }
}

/* "Level and Subject were changed in one place only, and are merged." */
static void
describe_merged (CommonsConflictView *self)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GList) keys = NULL;
  g_autofree char *text = NULL;

  if (g_hash_table_size (self->merged) == 0)
    return;
  keys = g_list_sort (g_hash_table_get_keys (self->merged), (GCompareFunc) g_strcmp0);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      if (names->len > 0)
        /* Translators: what separates the names of fields in a list. */
        g_string_append (names, _(", "));
      g_string_append (names, commons_field_get_label (l->data));
    }
  /* Translators: %s lists the fields (“Level, Subject”) only one of the
   * versions changed. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Changed in one place only, and merged automatically: %s.",
                                       "Changed in one place only, and merged automatically: %s.",
                                       g_hash_table_size (self->merged)),
                          names->str);
  gtk_label_set_label (self->merged_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->merged_label), TRUE);
}

static void
build (CommonsConflictView *self)
{
  CommonsRevision *first = g_ptr_array_index (self->heads, 0);
  const char *title = commons_revision_get_string_field (first, "title");
  g_autofree char *intro = NULL;
  g_autoptr(GPtrArray) differing = NULL;
  guint editors = 0;

  if (title == NULL || *title == '\0')
    title = _("Untitled");
  adw_window_title_set_subtitle (self->window_title, title);
  /* Translators: %s is the title of a plan or note. */
  intro = g_strdup_printf (_("“%s” was changed in two places at the same time, and the changes overlap. Keep one version, or write a merged text. Nothing is lost: every version stays in the history."),
                           title);
  gtk_label_set_label (self->intro_label, intro);

  differing = commons_conflict_differing_fields (self->heads);
  sort_fields (self, differing);
  describe_merged (self);
  for (guint i = 0; i < self->heads->len; i++)
    gtk_flow_box_append (self->versions_box, build_version (self, i));

  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *name = g_ptr_array_index (self->fields, i);
      g_autofree char *value = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *label, *view, *frame;

      if (!is_text_field (first, name))
        continue;
      value = field_text (commons_revision_get_fields (first), name);
      label = gtk_label_new (commons_field_get_label (name));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->merged_box, label);

      view = gtk_text_view_new ();
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      /* Room for a few lines whatever the window's size: measured for
       * the window's own width, a wrapping view asked for almost none. */
      gtk_widget_set_size_request (view, -1, 96);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), value, -1);
      /* Translators: the name of the field where a person writes the
       * merged text of a field; %s is the field's name (“Summary”). */
      accessible = g_strdup_printf (_("Merged %s"), commons_field_get_label (name));
      commons_accessible_set_label (view, accessible);
      g_ptr_array_add (self->editors, view);
      g_ptr_array_add (self->editor_fields, (gpointer) name);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_box_append (self->merged_box, frame);
      editors++;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.save-merged", editors > 0);
}

static void
commons_conflict_view_dispose (GObject *object)
{
  CommonsConflictView *self = COMMONS_CONFLICT_VIEW (object);

  g_clear_object (&self->manager);
  g_clear_pointer (&self->record, g_free);
  g_clear_pointer (&self->scope, g_free);
  g_clear_pointer (&self->heads, g_ptr_array_unref);
  g_clear_pointer (&self->editor_fields, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_pointer (&self->merged, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_CONFLICT_VIEW);

  G_OBJECT_CLASS (commons_conflict_view_parent_class)->dispose (object);
}

static void
commons_conflict_view_class_init (CommonsConflictViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_conflict_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-conflict-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, window_title);
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, versions_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, merged_box);
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, save_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsConflictView, merged_label);

  gtk_widget_class_install_action (widget_class, "conflict.save-merged", NULL, save_merged_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep", "u", keep_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_conflict_view_init (CommonsConflictView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  commons_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  commons_accessible_set_label (GTK_WIDGET (self->save_button), _("Save Merged Text"));
  self->fields = g_ptr_array_new_with_free_func (g_free);
  self->editor_fields = g_ptr_array_new ();
  self->editors = g_ptr_array_new ();
  self->merged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
}

GtkWidget *
commons_conflict_view_new (GtkWindow          *parent,
                           CommonsSyncManager *manager,
                           const char         *record)
{
  CommonsConflictView *self;
  CommonsStore *store;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_CONFLICT_VIEW, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  self->record = g_strdup (record);
  store = commons_sync_manager_get_store (manager);
  self->scope = commons_store_get_scope (store, record, NULL);
  self->heads = commons_store_get_heads (store, record, &error);
  if (self->heads == NULL || self->heads->len < 2)
    {
      g_clear_pointer (&self->heads, g_ptr_array_unref);
      gtk_label_set_label (self->intro_label,
                           _("This is no longer edited in two places: someone has already settled it."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "conflict.save-merged", FALSE);
      return GTK_WIDGET (self);
    }
  build (self);
  return GTK_WIDGET (self);
}
