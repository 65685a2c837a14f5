/* commons-license.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The license a new plan gets unless its author picks another. */
#define COMMONS_LICENSE_DEFAULT "cc-by-sa"

/* One of the licenses a plan may carry. Strings are untranslated; use the
 * getters below for the words a person reads. */
typedef struct
{
  const char *id;
  const char *name;
  const char *explanation;
  gboolean    allows_derivatives;
  gboolean    share_alike;
  gboolean    non_commercial;
} CommonsLicense;

const CommonsLicense *commons_license_get_all            (guint                 *n_licenses);
const CommonsLicense *commons_license_lookup             (const char            *id);
gboolean              commons_license_is_valid           (const char            *id);
const char           *commons_license_get_name           (const CommonsLicense  *license);
const char           *commons_license_get_explanation    (const CommonsLicense  *license);
const char           *commons_license_get_display_name   (const char            *id);
gboolean              commons_license_allows_adaptation_under (const char       *original,
                                                               const char       *adaptation);

G_END_DECLS
