/* commons-plan-export.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-plan.h"

G_BEGIN_DECLS

char *commons_plan_to_markdown (CommonsPlan *plan);

G_END_DECLS
