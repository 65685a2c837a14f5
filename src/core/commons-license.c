/* commons-license.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-license"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-license.h"

/* Ordered from the most to the least open, as a picker shows them. */
static const CommonsLicense licenses[] = {
  { "cc0", N_("CC0 (public domain)"),
    N_("Anyone may use, change and share it for any purpose, without credit."),
    TRUE, FALSE, FALSE },
  { "cc-by", N_("CC BY 4.0"),
    N_("Anyone may use, change and share it, even commercially, if they credit you."),
    TRUE, FALSE, FALSE },
  { "cc-by-sa", N_("CC BY-SA 4.0"),
    N_("Anyone may use, change and share it if they credit you and share changes under the same license."),
    TRUE, TRUE, FALSE },
  { "cc-by-nc", N_("CC BY-NC 4.0"),
    N_("Anyone may use, change and share it with credit, but not commercially."),
    TRUE, FALSE, TRUE },
  { "cc-by-nd", N_("CC BY-ND 4.0"),
    N_("Anyone may share it unchanged with credit; adapted versions may not be shared."),
    FALSE, FALSE, FALSE },
  { "all-rights-reserved", N_("All rights reserved"),
    N_("Others may read it but not copy, change or share it without your permission."),
    FALSE, FALSE, FALSE },
};

/**
 * commons_license_get_all:
 * @n_licenses: (out): the number of licenses
 *
 * Returns: (array length=n_licenses): every license a plan may carry
 */
const CommonsLicense *
commons_license_get_all (guint *n_licenses)
{
  g_return_val_if_fail (n_licenses != NULL, NULL);

  *n_licenses = G_N_ELEMENTS (licenses);
  return licenses;
}

/**
 * commons_license_lookup:
 * @id: a license id such as "cc-by-sa"
 *
 * Returns: (nullable): the license, or %NULL if @id is not one
 */
const CommonsLicense *
commons_license_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (licenses); i++)
    if (g_str_equal (licenses[i].id, id))
      return &licenses[i];
  return NULL;
}

gboolean
commons_license_is_valid (const char *id)
{
  return commons_license_lookup (id) != NULL;
}

const char *
commons_license_get_name (const CommonsLicense *license)
{
  g_return_val_if_fail (license != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, license->name);
}

const char *
commons_license_get_explanation (const CommonsLicense *license)
{
  g_return_val_if_fail (license != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, license->explanation);
}

/**
 * commons_license_get_display_name:
 * @id: (nullable): a license id
 *
 * Returns: the translated name of @id, or @id itself when it is not a
 *   known license (a plan from a newer version), or "" for %NULL
 */
const char *
commons_license_get_display_name (const char *id)
{
  const CommonsLicense *license = commons_license_lookup (id);

  if (license == NULL)
    return id != NULL ? id : "";
  return commons_license_get_name (license);
}

/**
 * commons_license_allows_adaptation_under:
 * @original: (nullable): the license of the plan adapted
 * @adaptation: (nullable): the license the adapted version would carry
 *
 * Whether a remix of a plan under @original may carry @adaptation: never
 * when @original forbids adapted versions; a share-alike license is kept
 * as it is; a non-commercial one stays non-commercial; the others allow
 * any license. A license this version does not know (from a newer one)
 * can only be kept, since its terms are unknown here.
 */
gboolean
commons_license_allows_adaptation_under (const char *original,
                                         const char *adaptation)
{
  const CommonsLicense *from = commons_license_lookup (original);
  const CommonsLicense *to = commons_license_lookup (adaptation);

  if (adaptation == NULL)
    return FALSE;
  if (from == NULL)
    return g_strcmp0 (original, adaptation) == 0;
  if (!from->allows_derivatives || to == NULL)
    return FALSE;
  if (from->share_alike)
    return from == to;
  if (from->non_commercial)
    return to->non_commercial;
  return TRUE;
}
