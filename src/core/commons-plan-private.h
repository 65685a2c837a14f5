/* commons-plan-private.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-plan.h"

G_BEGIN_DECLS

gboolean _commons_plan_check_license (CommonsStore     *store,
                                      CommonsRevision  *revision,
                                      GError          **error);

G_END_DECLS
