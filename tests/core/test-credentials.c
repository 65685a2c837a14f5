/* test-credentials.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "commons-credentials.h"

static void
test_file_backend (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-cred-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "credentials", NULL);
  g_autofree char *token = NULL;
  CommonsCredentialsBackend used = COMMONS_CREDENTIALS_KEYRING;
  struct stat st;

  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

  g_assert_true (commons_credentials_save (dir, "group-a", "secret-a", &used, &error));
  g_assert_no_error (error);
  g_assert_cmpint (used, ==, COMMONS_CREDENTIALS_FILE);
  g_assert_true (commons_credentials_save (dir, "group-b", "secret-b", NULL, &error));

  /* Only the user may read it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  token = commons_credentials_lookup (dir, "group-a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "secret-a");
  g_clear_pointer (&token, g_free);

  g_assert_true (commons_credentials_forget (dir, "group-a", &error));
  token = commons_credentials_lookup (dir, "group-a", &error);
  g_assert_null (token);
  g_assert_error (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  token = commons_credentials_lookup (dir, "group-b", &error);
  g_assert_cmpstr (token, ==, "secret-b");

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/file-backend", test_file_backend);

  return g_test_run ();
}
