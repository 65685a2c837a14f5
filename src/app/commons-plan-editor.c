/* commons-plan-editor.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-activity-row.h"
#include "commons-language-chooser.h"
#include "commons-license.h"
#include "commons-list-editor.h"
#include "commons-plan-editor.h"
#include "commons-page.h"
#include "commons-plan-render.h"

/* The form that edits a plan, in boxed lists. Its text fields are bound
 * to the plan's properties and its lists to the plan's models (each
 * activity row to its CommonsActivity, each objective and material to its
 * item), so the plan holds what is typed as it is typed. Only the
 * language and the license, picked from lists, and the tidying of blank
 * lines are left to commons_plan_editor_commit(), which the page calls
 * before it saves. */

struct _CommonsPlanEditor
{
  AdwBin                  parent_instance;

  CommonsStore           *store;
  CommonsPlan            *plan;
  GBindingGroup          *bindings;
  /* The plan's activities, followed to renumber the rows. */
  GSignalGroup           *activity_signals;
  /* The license id of each name the license row offers. */
  GPtrArray              *license_ids;
  gboolean                title_named;
  gboolean                title_empty;

  /* Template widgets */
  AdwEntryRow            *title_row;
  GtkTextView            *summary_view;
  AdwEntryRow            *subject_row;
  AdwEntryRow            *level_row;
  CommonsLanguageChooser *language_chooser;
  AdwComboRow            *license_row;
  GtkStringList          *license_names;
  GtkLabel               *license_label;
  AdwPreferencesGroup    *objectives_group;
  AdwPreferencesGroup    *materials_group;
  GtkListBox             *activities_list;
  GtkLabel               *total_label;
  GtkTextView            *assessment_view;
  GtkTextView            *accessibility_view;

  CommonsListEditor      *objectives_editor;
  CommonsListEditor      *materials_editor;
};

G_DEFINE_FINAL_TYPE (CommonsPlanEditor, commons_plan_editor, ADW_TYPE_BIN)

/* The title row's title alone ("Title") does not say whose title it
 * is. The row labels itself by its title again when it is emptied or
 * filled, so its name is given again then. */
static void
name_title_row (CommonsPlanEditor *self)
{
  gboolean empty = *gtk_editable_get_text (GTK_EDITABLE (self->title_row)) == '\0';

  if (self->title_named && empty == self->title_empty)
    return;
  self->title_named = TRUE;
  self->title_empty = empty;
  commons_entry_row_set_accessible_label (self->title_row, _("Plan title"));
}

static void
title_changed_cb (CommonsPlanEditor *self)
{
  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  name_title_row (self);
}

/* Activities. */

/* Each row's names follow its place, after any row came, moved or went. */
static void
renumber_activities (CommonsPlanEditor *self)
{
  GtkListBoxRow *row;
  guint n = self->plan != NULL ? g_list_model_get_n_items (commons_plan_get_activities (self->plan)) : 0;

  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->activities_list, i)) != NULL; i++)
    commons_activity_row_set_place (COMMONS_ACTIVITY_ROW (row), i, n);
  gtk_widget_set_visible (GTK_WIDGET (self->activities_list), n > 0);
}

static void
activity_move_cb (CommonsPlanEditor  *self,
                  int                 delta,
                  CommonsActivityRow *row)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  int target = index + delta;
  g_autoptr(GPtrArray) expanded = g_ptr_array_new ();
  GtkListBoxRow *child;

  g_assert (COMMONS_IS_PLAN_EDITOR (self));
  g_assert (COMMONS_IS_ACTIVITY_ROW (row));

  if (target < 0 || target >= (int) g_list_model_get_n_items (commons_plan_get_activities (self->plan)))
    return;
  /* The list makes new rows for the activities the move passes over: they
   * open as they were. */
  for (int i = 0; (child = gtk_list_box_get_row_at_index (self->activities_list, i)) != NULL; i++)
    if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (child)))
      g_ptr_array_add (expanded, commons_activity_row_get_activity (COMMONS_ACTIVITY_ROW (child)));
  commons_plan_move_activity (self->plan, index, target);
  for (int i = 0; (child = gtk_list_box_get_row_at_index (self->activities_list, i)) != NULL; i++)
    if (g_ptr_array_find (expanded, commons_activity_row_get_activity (COMMONS_ACTIVITY_ROW (child)), NULL))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), TRUE);
  /* The focus stays with the activity that moved. */
  child = gtk_list_box_get_row_at_index (self->activities_list, target);
  if (child != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (child));
}

static void
activity_remove_cb (CommonsPlanEditor  *self,
                    CommonsActivityRow *row)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next;

  g_assert (COMMONS_IS_PLAN_EDITOR (self));
  g_assert (COMMONS_IS_ACTIVITY_ROW (row));

  commons_plan_remove_activity (self->plan, index);
  next = gtk_list_box_get_row_at_index (self->activities_list, MAX (index - 1, 0));
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
}

static GtkWidget *
create_activity_row_cb (gpointer item,
                        gpointer user_data)
{
  CommonsPlanEditor *self = user_data;
  GtkWidget *row;

  g_assert (COMMONS_IS_PLAN_EDITOR (self));
  g_assert (COMMONS_IS_ACTIVITY (item));

  row = commons_activity_row_new (item);
  g_signal_connect_object (row, "move", G_CALLBACK (activity_move_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove", G_CALLBACK (activity_remove_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
add_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CommonsPlanEditor *self = COMMONS_PLAN_EDITOR (widget);
  g_autoptr(CommonsActivity) activity = NULL;
  GtkListBoxRow *row;

  if (self->plan == NULL)
    return;
  activity = commons_activity_new (NULL, NULL, 0);
  commons_plan_insert_activity (self->plan, -1, activity);
  row = gtk_list_box_get_row_at_index (self->activities_list,
                                       g_list_model_get_n_items (commons_plan_get_activities (self->plan)) - 1);
  if (row != NULL)
    commons_activity_row_focus_title (COMMONS_ACTIVITY_ROW (row));
}

static gboolean
total_from_duration (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_take_string (to, commons_plan_render_total (g_value_get_uint (from)));
  return TRUE;
}

/* Objectives and materials. */

static void
add_objective_cb (CommonsPlanEditor *self)
{
  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  if (self->plan != NULL)
    commons_plan_insert_objective (self->plan, -1, "");
}

static void
remove_objective_cb (CommonsPlanEditor *self,
                     guint              position)
{
  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  if (self->plan != NULL)
    commons_plan_remove_objective (self->plan, position);
}

static void
add_material_cb (CommonsPlanEditor *self)
{
  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  if (self->plan != NULL)
    commons_plan_insert_material (self->plan, -1, "");
}

static void
remove_material_cb (CommonsPlanEditor *self,
                    guint              position)
{
  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  if (self->plan != NULL)
    commons_plan_remove_material (self->plan, position);
}

/* A line left blank is not kept, and none keeps the spaces around it. */
static void
tidy_items (CommonsPlan *plan,
            GListModel  *items,
            void       (*remove) (CommonsPlan *, guint))
{
  for (guint i = g_list_model_get_n_items (items); i > 0; i--)
    {
      g_autoptr(CommonsPlanItem) item = g_list_model_get_item (items, i - 1);
      g_autofree char *text = g_strstrip (g_strdup (commons_plan_item_get_text (item)));

      if (*text == '\0')
        remove (plan, i - 1);
      else
        commons_plan_item_set_text (item, text);
    }
}

/* Licenses. */

static void
license_selected_cb (CommonsPlanEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->license_row);
  const CommonsLicense *license = NULL;

  g_assert (COMMONS_IS_PLAN_EDITOR (self));

  if (selected < self->license_ids->len)
    license = commons_license_lookup (g_ptr_array_index (self->license_ids, selected));
  gtk_label_set_label (self->license_label, license != NULL ? commons_license_get_explanation (license) : "");
}

/* Offers the licenses the plan may carry, its own selected: a remix only
 * those its original allows. */
static void
fill_licenses (CommonsPlanEditor *self)
{
  guint n_licenses;
  const CommonsLicense *licenses = commons_license_get_all (&n_licenses);
  const char *current = commons_plan_get_license (self->plan);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->license_ids, 0);
  /* A license from a newer version stays as it is unless changed. */
  if (!commons_license_is_valid (current))
    {
      g_ptr_array_add (self->license_ids, g_strdup (current));
      g_ptr_array_add (names, (gpointer) commons_license_get_display_name (current));
    }
  for (guint i = 0; i < n_licenses; i++)
    if (commons_plan_allows_license (self->plan, licenses[i].id) ||
        g_strcmp0 (licenses[i].id, current) == 0)
      {
        g_ptr_array_add (self->license_ids, g_strdup (licenses[i].id));
        g_ptr_array_add (names, (gpointer) commons_license_get_name (&licenses[i]));
      }
  g_ptr_array_add (names, NULL);
  for (guint i = 0; i < self->license_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->license_ids, i), current) == 0)
      selected = i;

  gtk_string_list_splice (self->license_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->license_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->license_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->license_row),
                            commons_plan_can_change_license (self->plan, self->store));
  license_selected_cb (self);
}

/**
 * commons_plan_editor_set_plan:
 * @plan: (nullable): the plan to edit, or %NULL to let go of it
 *
 * Fills the form with @plan. From then on what is typed in its fields,
 * and every activity, objective or material added, moved or removed,
 * goes straight into @plan.
 */
void
commons_plan_editor_set_plan (CommonsPlanEditor *self,
                              CommonsStore      *store,
                              CommonsPlan       *plan)
{
  g_return_if_fail (COMMONS_IS_PLAN_EDITOR (self));
  g_return_if_fail (COMMONS_IS_STORE (store));
  g_return_if_fail (plan == NULL || COMMONS_IS_PLAN (plan));

  g_set_object (&self->store, store);
  if (!g_set_object (&self->plan, plan) && plan == NULL)
    return;
  g_binding_group_set_source (self->bindings, plan);
  gtk_list_box_bind_model (self->activities_list, plan != NULL ? commons_plan_get_activities (plan) : NULL,
                           plan != NULL ? create_activity_row_cb : NULL, self, NULL);
  /* After the list box, which made the rows this numbers. */
  g_signal_group_set_target (self->activity_signals, plan != NULL ? commons_plan_get_activities (plan) : NULL);
  commons_list_editor_set_items (self->objectives_editor, plan != NULL ? commons_plan_get_objectives (plan) : NULL);
  commons_list_editor_set_items (self->materials_editor, plan != NULL ? commons_plan_get_materials (plan) : NULL);
  renumber_activities (self);
  if (plan == NULL)
    return;

  commons_language_chooser_set_language (self->language_chooser, commons_plan_get_language (plan));
  fill_licenses (self);
}

/**
 * commons_plan_editor_get_plan:
 *
 * Returns: (transfer none) (nullable): the plan being edited
 */
CommonsPlan *
commons_plan_editor_get_plan (CommonsPlanEditor *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN_EDITOR (self), NULL);

  return self->plan;
}

/**
 * commons_plan_editor_commit:
 *
 * Writes into the plan what the bindings do not carry: the language and
 * the license (where this person may change it). Objectives and materials
 * left blank are dropped and the others trimmed.
 */
void
commons_plan_editor_commit (CommonsPlanEditor *self)
{
  guint license;

  g_return_if_fail (COMMONS_IS_PLAN_EDITOR (self));

  if (self->plan == NULL)
    return;
  license = adw_combo_row_get_selected (self->license_row);

  commons_plan_set_language (self->plan, commons_language_chooser_get_language (self->language_chooser));
  if (license < self->license_ids->len && commons_plan_can_change_license (self->plan, self->store))
    commons_plan_set_license (self->plan, g_ptr_array_index (self->license_ids, license));
  tidy_items (self->plan, commons_plan_get_objectives (self->plan), commons_plan_remove_objective);
  tidy_items (self->plan, commons_plan_get_materials (self->plan), commons_plan_remove_material);
}

void
commons_plan_editor_focus_title (CommonsPlanEditor *self)
{
  g_return_if_fail (COMMONS_IS_PLAN_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
commons_plan_editor_dispose (GObject *object)
{
  CommonsPlanEditor *self = (CommonsPlanEditor *)object;

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->activity_signals != NULL)
    g_signal_group_set_target (self->activity_signals, NULL);
  if (self->activities_list != NULL)
    gtk_list_box_bind_model (self->activities_list, NULL, NULL, NULL, NULL);
  commons_bin_dispose_template (ADW_BIN (self), COMMONS_TYPE_PLAN_EDITOR);
  g_clear_object (&self->bindings);
  g_clear_object (&self->activity_signals);
  g_clear_object (&self->plan);
  g_clear_object (&self->store);
  g_clear_pointer (&self->license_ids, g_ptr_array_unref);
  self->objectives_editor = NULL;
  self->materials_editor = NULL;

  G_OBJECT_CLASS (commons_plan_editor_parent_class)->dispose (object);
}

static void
commons_plan_editor_class_init (CommonsPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_plan_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, language_chooser);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, license_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, license_names);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, license_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, objectives_group);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, materials_group);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, activities_list);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, total_label);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, assessment_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsPlanEditor, accessibility_view);
  gtk_widget_class_bind_template_callback (widget_class, license_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.add-activity", NULL, add_activity_action);

  g_type_ensure (COMMONS_TYPE_LANGUAGE_CHOOSER);
  g_type_ensure (COMMONS_TYPE_ACTIVITY_ROW);
}

static void
commons_plan_editor_init (CommonsPlanEditor *self)
{
  g_autofree char *total = commons_plan_render_total (0);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->license_ids = g_ptr_array_new_with_free_func (g_free);

  name_title_row (self);

  /* The lists' rows are made with names of their own. */
  self->objectives_editor = COMMONS_LIST_EDITOR (commons_list_editor_new (_("Add Objective"),
                                                                          /* Translators: %u is a position in the list. */
                                                                          _("Objective %u"),
                                                                          /* Translators: %u is a position in the list. */
                                                                          _("Remove Objective %u"),
                                                                          _("What learners will be able to do")));
  g_signal_connect_object (self->objectives_editor, "add", G_CALLBACK (add_objective_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->objectives_editor, "remove", G_CALLBACK (remove_objective_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->objectives_group, GTK_WIDGET (self->objectives_editor));
  self->materials_editor = COMMONS_LIST_EDITOR (commons_list_editor_new (_("Add Material"),
                                                                         /* Translators: %u is a position in the list. */
                                                                         _("Material %u"),
                                                                         /* Translators: %u is a position in the list. */
                                                                         _("Remove Material %u"),
                                                                         _("Something to bring or prepare")));
  g_signal_connect_object (self->materials_editor, "add", G_CALLBACK (add_material_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->materials_editor, "remove", G_CALLBACK (remove_material_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->materials_group, GTK_WIDGET (self->materials_editor));

  /* The form edits the plan it holds, field by field, as it is typed. */
  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "subject", self->subject_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "level", self->level_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "summary", gtk_text_view_get_buffer (self->summary_view), "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "assessment", gtk_text_view_get_buffer (self->assessment_view), "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "accessibility", gtk_text_view_get_buffer (self->accessibility_view),
                        "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind_full (self->bindings, "duration", self->total_label, "label",
                             G_BINDING_SYNC_CREATE, total_from_duration, NULL, NULL, NULL);

  self->activity_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->activity_signals, "items-changed", G_CALLBACK (renumber_activities),
                                 self, G_CONNECT_SWAPPED);

  gtk_label_set_label (self->total_label, total);
}
