/* commons-credentials.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COMMONS_CREDENTIALS_ERROR (commons_credentials_error_quark ())

typedef enum
{
  COMMONS_CREDENTIALS_ERROR_NOT_FOUND,
  COMMONS_CREDENTIALS_ERROR_UNAVAILABLE,
  COMMONS_CREDENTIALS_ERROR_FAILED,
} CommonsCredentialsError;

/* Where a member token is kept. */
typedef enum
{
  COMMONS_CREDENTIALS_KEYRING,
  /* A file readable only by the user, beside the database: for machines
   * with no Secret Service, such as a headless server. */
  COMMONS_CREDENTIALS_FILE,
} CommonsCredentialsBackend;

GQuark     commons_credentials_error_quark (void);

gboolean   commons_credentials_save   (const char                 *data_dir,
                                       const char                 *group,
                                       const char                 *token,
                                       CommonsCredentialsBackend  *used,
                                       GError                    **error);
char      *commons_credentials_lookup (const char                 *data_dir,
                                       const char                 *group,
                                       GError                    **error);
gboolean   commons_credentials_forget (const char                 *data_dir,
                                       const char                 *group,
                                       GError                    **error);

/* The name this person's private key is kept under, beside the tokens,
 * followed by the database's file name: two stores in one folder are two
 * people. */
#define COMMONS_CREDENTIALS_IDENTITY "identity:"

gboolean   commons_credentials_save_secret (const char            *data_dir,
                                            const char            *name,
                                            const char            *secret,
                                            GError               **error);

G_END_DECLS
