/* commons-warm-up.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Work the window's first frame would otherwise do on the main thread,
 * started on a worker thread as soon as the display is open, while the
 * window is built.
 *
 * The icon theme: GTK reads it on a worker thread when it opens the
 * display, but libadwaita then adds its own icons to the theme, which
 * throws that reading away, so the first icon the window drew read the
 * theme again on the main thread, a large share of the first frame (the
 * figures are in the commit that added this file).
 *
 * Glyphs are not worth warming this way: Cairo keeps each thread's glyphs
 * with that thread's fonts, so a worker drawing text saves the main thread
 * nothing. */

#define G_LOG_DOMAIN "commons"

#include "config.h"

#include "commons-warm-up.h"

static void
read_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  /* Any lookup reads the theme's folders, under the theme's own lock. */
  gtk_icon_theme_has_icon (GTK_ICON_THEME (source_object), "commons-document-edit-symbolic");
}

/**
 * commons_warm_up_start:
 * @display: the display the window will open on
 *
 * Starts the warm-up. Call it after GTK and libadwaita are initialized
 * and before the window is built.
 */
void
commons_warm_up_start (GdkDisplay *display)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  task = g_task_new (gtk_icon_theme_get_for_display (display), NULL, NULL, NULL);
  g_task_run_in_thread (task, read_icon_theme_thread);
}
