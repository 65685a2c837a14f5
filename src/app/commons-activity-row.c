/* commons-activity-row.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-activity-row"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-activity-row.h"
#include "commons-input.h"

/* One timed activity in the plan editor: a row that folds open on its
 * title, minutes and instructions, each bound both ways to the
 * CommonsActivity the row shows, so the plan holds what is typed as it is
 * typed. Its buttons name the activity.* actions, which ask the editor
 * holding the row to move or remove it; the row itself knows nothing of
 * its neighbours but its place. */

struct _CommonsActivityRow
{
  AdwExpanderRow   parent_instance;

  CommonsActivity *activity;
  GBindingGroup   *bindings;
  guint            position;
  gboolean        title_empty;

  /* Template widgets */
  AdwEntryRow    *title_row;
  AdwActionRow   *minutes_row;
  GtkSpinButton  *minutes_spin;
  GtkTextView    *instructions_view;
  GtkButton      *up_button;
  GtkButton      *down_button;
  GtkButton      *remove_button;
};

G_DEFINE_FINAL_TYPE (CommonsActivityRow, commons_activity_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_ACTIVITY,
  N_PROPS
};

enum {
  MOVE,
  REMOVE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The folded row shows what the activity is and how long it takes. */
static void
update_summary (CommonsActivityRow *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  guint minutes = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin);
  g_autofree char *fallback = NULL;
  g_autofree char *length = NULL;

  if (*title == '\0')
    /* Translators: an activity without a title yet; %u is its place. */
    title = fallback = g_strdup_printf (_("Activity %u"), self->position + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  length = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes), minutes);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), length);
}

static void
name_title_row (CommonsActivityRow *self)
{
  /* Translators: the names a screen reader gives an activity's fields and
   * buttons; %u is the activity's place in the plan. */
  g_autofree char *name = g_strdup_printf (_("Activity %u title"), self->position + 1);

  self->title_empty = *gtk_editable_get_text (GTK_EDITABLE (self->title_row)) == '\0';
  /* Over the row's title ("Title"), the same in every activity. */
  commons_entry_row_set_accessible_label (self->title_row, name);
}

static void
title_changed_cb (CommonsActivityRow *self)
{
  g_assert (COMMONS_IS_ACTIVITY_ROW (self));

  /* The row labels itself by its title again when it is emptied or
   * filled. */
  if (self->title_empty != (*gtk_editable_get_text (GTK_EDITABLE (self->title_row)) == '\0'))
    name_title_row (self);
  update_summary (self);
}

static void
minutes_changed_cb (CommonsActivityRow *self)
{
  g_assert (COMMONS_IS_ACTIVITY_ROW (self));

  update_summary (self);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
set_name (GtkWidget  *widget,
          const char *name)
{
  commons_accessible_set_label (widget, name);
  /* An icon button says the same to the eye as to a screen reader. */
  if (GTK_IS_BUTTON (widget))
    gtk_widget_set_tooltip_text (widget, name);
}

/**
 * commons_activity_row_set_place:
 * @position: the activity's place in the plan, from 0
 * @n_activities: how many activities the plan has
 *
 * Names the row's fields and buttons after its place, so that a screen
 * reader tells "Move Activity 2 Up" from "Move Activity 3 Up", and turns
 * off the moves that would leave the list.
 */
void
commons_activity_row_set_place (CommonsActivityRow *self,
                                guint               position,
                                guint               n_activities)
{
  g_autofree char *minutes = NULL;
  g_autofree char *how = NULL;
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  g_autofree char *remove = NULL;
  g_autofree char *row_name = NULL;

  g_return_if_fail (COMMONS_IS_ACTIVITY_ROW (self));

  self->position = position;
  minutes = g_strdup_printf (_("Activity %u minutes"), position + 1);
  how = g_strdup_printf (_("Activity %u instructions"), position + 1);
  up = g_strdup_printf (_("Move Activity %u Up"), position + 1);
  down = g_strdup_printf (_("Move Activity %u Down"), position + 1);
  remove = g_strdup_printf (_("Remove Activity %u"), position + 1);
  row_name = g_strdup_printf (_("Activity %u"), position + 1);

  name_title_row (self);
  set_name (GTK_WIDGET (self->minutes_spin), minutes);
  set_name (GTK_WIDGET (self->instructions_view), how);
  set_name (GTK_WIDGET (self->up_button), up);
  set_name (GTK_WIDGET (self->down_button), down);
  set_name (GTK_WIDGET (self->remove_button), remove);
  /* The row itself, for a screen reader moving from row to row. */
  commons_accessible_set_label (GTK_WIDGET (self), row_name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.move-up", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "activity.move-down", position + 1 < n_activities);
  update_summary (self);
}

/**
 * commons_activity_row_get_activity:
 *
 * Returns: (transfer none): the activity the row shows and edits
 */
CommonsActivity *
commons_activity_row_get_activity (CommonsActivityRow *self)
{
  g_return_val_if_fail (COMMONS_IS_ACTIVITY_ROW (self), NULL);

  return self->activity;
}

/**
 * commons_activity_row_focus_title:
 *
 * Opens the row and puts the keyboard focus in its title, as for a new
 * activity.
 */
void
commons_activity_row_focus_title (CommonsActivityRow *self)
{
  g_return_if_fail (COMMONS_IS_ACTIVITY_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

GtkWidget *
commons_activity_row_new (CommonsActivity *activity)
{
  g_return_val_if_fail (COMMONS_IS_ACTIVITY (activity), NULL);

  return g_object_new (COMMONS_TYPE_ACTIVITY_ROW, "activity", activity, NULL);
}

static void
commons_activity_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CommonsActivityRow *self = COMMONS_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_value_set_object (value, commons_activity_row_get_activity (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_activity_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CommonsActivityRow *self = COMMONS_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      /* Construct-only: a row shows one activity for its life. */
      g_assert (self->activity == NULL);
      self->activity = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_activity_row_constructed (GObject *object)
{
  CommonsActivityRow *self = COMMONS_ACTIVITY_ROW (object);

  G_OBJECT_CLASS (commons_activity_row_parent_class)->constructed (object);

  g_assert (COMMONS_IS_ACTIVITY (self->activity));
  g_binding_group_set_source (self->bindings, self->activity);
}

static void
commons_activity_row_dispose (GObject *object)
{
  CommonsActivityRow *self = (CommonsActivityRow *)object;

  /* Let go of the activity before the fields go, so that nothing the
   * fields do as they are torn down is written into it. */
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), COMMONS_TYPE_ACTIVITY_ROW);
  g_clear_object (&self->bindings);
  g_clear_object (&self->activity);

  G_OBJECT_CLASS (commons_activity_row_parent_class)->dispose (object);
}

static void
commons_activity_row_class_init (CommonsActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_activity_row_dispose;
  object_class->get_property = commons_activity_row_get_property;
  object_class->set_property = commons_activity_row_set_property;
  object_class->constructed = commons_activity_row_constructed;

  /**
   * CommonsActivityRow:activity:
   *
   * The activity the row shows and edits.
   */
  properties[PROP_ACTIVITY] = g_param_spec_object ("activity", NULL, NULL, COMMONS_TYPE_ACTIVITY,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CommonsActivityRow::move:
   * @delta: -1 to move the activity up, 1 to move it down
   *
   * The person asks to move the activity.
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /**
   * CommonsActivityRow::remove:
   *
   * The person asks to remove the activity.
   */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-activity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, title_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, minutes_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsActivityRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, minutes_changed_cb);

  gtk_widget_class_install_action (widget_class, "activity.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "activity.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "activity.remove", NULL, remove_action);
}

static void
commons_activity_row_init (CommonsActivityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->minutes_spin), COMMONS_PLAN_MAX_MINUTES);
  commons_action_row_set_activatable_widget (self->minutes_row, GTK_WIDGET (self->minutes_spin));
  /* The wheel scrolls the form past the minutes rather than change them. */
  commons_spin_button_scroll_only_when_focused (self->minutes_spin);
  commons_activity_row_set_place (self, 0, 1);

  self->bindings = g_binding_group_new ();
  g_binding_group_bind (self->bindings, "title", self->title_row, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "minutes", self->minutes_spin, "value",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->bindings, "instructions", gtk_text_view_get_buffer (self->instructions_view),
                        "text", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
}
