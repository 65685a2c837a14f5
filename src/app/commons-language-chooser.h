/* commons-language-chooser.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_LANGUAGE_CHOOSER (commons_language_chooser_get_type ())

G_DECLARE_FINAL_TYPE (CommonsLanguageChooser, commons_language_chooser, COMMONS, LANGUAGE_CHOOSER, GtkWidget)

GtkWidget  *commons_language_chooser_new          (void);
const char *commons_language_chooser_get_language (CommonsLanguageChooser *self);
void        commons_language_chooser_set_language (CommonsLanguageChooser *self,
                                                   const char             *tag);

G_END_DECLS
