/* commons-review-editor.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_REVIEW_EDITOR (commons_review_editor_get_type ())

G_DECLARE_FINAL_TYPE (CommonsReviewEditor, commons_review_editor, COMMONS, REVIEW_EDITOR, AdwWindow)

CommonsReviewEditor *commons_review_editor_new (GtkWindow    *parent,
                                                CommonsStore *store,
                                                const char   *plan,
                                                const char   *plan_revision,
                                                const char   *plan_title);
CommonsReviewEditor *commons_review_editor_new_for_review (GtkWindow    *parent,
                                                           CommonsStore *store,
                                                           const char   *review,
                                                           const char   *plan_title);

G_END_DECLS
