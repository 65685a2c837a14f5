/* commons-preferences-window.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-preferences-window.h"

struct _CommonsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  GtkSpinButton        *quiet_spin;
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

static void
commons_preferences_window_dispose (GObject *object)
{
  CommonsPreferencesWindow *self = COMMONS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, CommonsPreferencesWindow, notifications_switch);
}

static void
commons_preferences_window_init (CommonsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
