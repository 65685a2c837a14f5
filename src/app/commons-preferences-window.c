/* commons-preferences-window.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-preferences-window.h"

struct _CommonsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  CommonsStore         *store;
  gboolean              filling;

  /* Template widgets */
  GtkSpinButton        *quiet_spin;
  AdwPreferencesGroup  *you_group;
  AdwEntryRow          *name_row;
  GtkSwitch            *notifications_switch;
};

G_DEFINE_FINAL_TYPE (CommonsPreferencesWindow, commons_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The setting counts seconds; people think of the gap in minutes. */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  double minutes = CLAMP (g_value_get_double (value), 0, 1440);

  return g_variant_new_uint32 ((guint32) (minutes * 60 + 0.5));
}

/* Saved as it is typed: there is no moment a person would think of as
 * saving a preference. */
static void
name_changed_cb (CommonsPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_assert (COMMONS_IS_PREFERENCES_WINDOW (self));

  if (self->store == NULL || self->filling)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  if (!commons_store_set_display_name (self->store, name, &error))
    g_warning ("Cannot save the name: %s", error->message);
}

static void
commons_preferences_window_dispose (GObject *object)
{
  CommonsPreferencesWindow *self = COMMONS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (commons_preferences_window_parent_class)->dispose (object);
}

static void
commons_preferences_window_class_init (CommonsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsPreferencesWindow, quiet_spin);
  gtk_widget_class_bind_template_child (widget_class, CommonsPreferencesWindow, you_group);
  gtk_widget_class_bind_template_child (widget_class, CommonsPreferencesWindow, name_row);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, CommonsPreferencesWindow, notifications_switch);
}

static void
commons_preferences_window_init (CommonsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The name row read its title twice on libadwaita 1.7. */
  commons_accessible_name_inner_widgets (GTK_WIDGET (self));
  /* Without a store there is nowhere to keep the name. */
  gtk_widget_set_visible (GTK_WIDGET (self->you_group), FALSE);
}

CommonsPreferencesWindow *
commons_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  CommonsPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (COMMONS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "quiet-interval",
                                gtk_spin_button_get_adjustment (self->quiet_spin), "value",
                                G_SETTINGS_BIND_DEFAULT,
                                seconds_to_minutes, minutes_to_seconds,
                                NULL, NULL);
  g_settings_bind (settings, "discussion-notifications", self->notifications_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}

/**
 * commons_preferences_window_set_store:
 * @store: (nullable): where this person's name is kept
 */
void
commons_preferences_window_set_store (CommonsPreferencesWindow *self,
                                      CommonsStore             *store)
{
  g_autofree char *name = NULL;

  g_return_if_fail (COMMONS_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (store == NULL || COMMONS_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_widget_set_visible (GTK_WIDGET (self->you_group), store != NULL);
  if (store == NULL)
    return;
  name = commons_store_dup_display_name (store);
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  self->filling = FALSE;
}
