/* commons-list-editor.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "commons-plan.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_LIST_EDITOR (commons_list_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsListEditor, commons_list_editor, COMMONS, LIST_EDITOR, GtkWidget)

GtkWidget *commons_list_editor_new       (const char         *add_label,
                                          const char         *item_format,
                                          const char         *remove_format,
                                          const char         *placeholder);
void       commons_list_editor_set_items (CommonsListEditor  *self,
                                          GListModel         *items);

G_END_DECLS
