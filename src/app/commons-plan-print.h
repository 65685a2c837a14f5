/* commons-plan-print.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-plan.h"

G_BEGIN_DECLS

void  commons_plan_print            (CommonsPlan      *plan,
                                     GtkWindow        *parent,
                                     AdwToastOverlay  *toasts);
gboolean commons_plan_print_to_pdf  (CommonsPlan      *plan,
                                     const char       *path,
                                     GError          **error);
char *commons_plan_print_markup     (CommonsPlan      *plan);
void  commons_plan_export_markdown  (CommonsPlan      *plan,
                                     GtkWindow        *parent,
                                     AdwToastOverlay  *toasts);

G_END_DECLS
