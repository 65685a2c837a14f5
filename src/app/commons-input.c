/* commons-input.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "commons-input.h"

/* Keys and the wheel in forms, where GTK's defaults get in the way. */

/* A spin button in a scrolling form takes every wheel turn that passes
 * over it while the form scrolls, and changes its value: a plan's 25
 * minutes became 10 and were saved. Until the person chooses the spin
 * button, its own scroll handling is switched off, so the wheel scrolls
 * the form past it, as in GNOME Settings. */

static void
update_scroll_controllers (GtkSpinButton      *spin,
                           GtkEventController *focus)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
  GtkPropagationPhase phase =
    gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (focus)) ?
    GTK_PHASE_BUBBLE : GTK_PHASE_NONE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        gtk_event_controller_set_propagation_phase (controller, phase);
    }
}

static void
contains_focus_changed_cb (GtkEventController *focus,
                           GParamSpec         *pspec,
                           GtkSpinButton      *spin)
{
  g_assert (GTK_IS_SPIN_BUTTON (spin));

  update_scroll_controllers (spin, focus);
}

/**
 * commons_spin_button_scroll_only_when_focused:
 * @spin: a spin button in a form that scrolls
 *
 * Lets the mouse wheel change @spin's value only while it has the
 * keyboard focus; otherwise the wheel scrolls what holds it.
 */
void
commons_spin_button_scroll_only_when_focused (GtkSpinButton *spin)
{
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "notify::contains-focus",
                           G_CALLBACK (contains_focus_changed_cb), spin, 0);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
  update_scroll_controllers (spin, focus);
}

/**
 * commons_text_view_send_on_ctrl_enter:
 * @view: a multi-line field that is sent or saved as a whole
 * @action: the detailed action that sends it, such as "comment.submit"
 *
 * Ctrl+Enter activates @action; Enter alone starts a new line. The keys
 * are caught before the text view sees them, as it would take them for a
 * new line too.
 */
void
commons_text_view_send_on_ctrl_enter (GtkTextView *view,
                                      const char  *action)
{
  GtkEventController *shortcuts;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));
  g_return_if_fail (action != NULL);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new (action)));
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);
}
