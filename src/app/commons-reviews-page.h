/* commons-reviews-page.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "commons-page.h"

#include "commons-store.h"

G_BEGIN_DECLS

#define COMMONS_TYPE_REVIEWS_PAGE (commons_reviews_page_get_type ())

G_DECLARE_FINAL_TYPE (CommonsReviewsPage, commons_reviews_page, COMMONS, REVIEWS_PAGE, CommonsPage)

void commons_reviews_page_set_store (CommonsReviewsPage *self,
                                     CommonsStore       *store);
void commons_reviews_page_reload    (CommonsReviewsPage *self);

G_END_DECLS
