/* test-net.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The network module (commons-net.h): loaded on first use, and a clear
 * error, with nothing lost, when it cannot be. Each case runs in a process
 * of its own, since a process loads the module once. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "commons-credentials.h"
#include "commons-net.h"
#include "commons-store.h"
#include "commons-sync.h"

static void
test_loads (void)
{
  g_autoptr(GError) error = NULL;
  const CommonsNetFuncs *net = _commons_net_get (&error);

  g_assert_no_error (error);
  g_assert_nonnull (net);
  g_assert_cmpuint (net->version, ==, COMMONS_NET_FUNCS_VERSION);
  /* Loaded once: the same table again. */
  g_assert_true (_commons_net_get (NULL) == net);
}

static void
missing_module_child (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-net-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(CommonsSyncClient) client = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  g_autofree char *token = NULL;
  CommonsCredentialsBackend used = COMMONS_CREDENTIALS_KEYRING;

  g_setenv ("COMMONS_NET_MODULE", "/nonexistent/commons-net.so", TRUE);
  g_unsetenv ("COMMONS_CREDENTIALS");

  g_assert_null (_commons_net_get (&error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Syncing says why it cannot. */
  store = commons_store_open (db, &error);
  g_assert_no_error (error);
  client = commons_sync_client_new (store, dir);
  group = commons_sync_client_create_group (client, "http://127.0.0.1:9", "Group", "Ana", NULL, &error);
  g_assert_null (group);
  g_assert_error (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "network module"));
  g_clear_error (&error);

  /* A token still has somewhere to go: the private file. */
  g_assert_true (commons_credentials_save (dir, "group-a", "secret-a", &used, &error));
  g_assert_no_error (error);
  g_assert_cmpint (used, ==, COMMONS_CREDENTIALS_FILE);
  token = commons_credentials_lookup (dir, "group-a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "secret-a");
  g_assert_true (commons_credentials_forget (dir, "group-a", &error));

  g_clear_object (&client);
  g_clear_object (&store);
}

static void
test_missing_module (void)
{
  if (g_test_subprocess ())
    {
      missing_module_child ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_wrong_module (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      /* A library, but not the network module: no table to find. */
      g_setenv ("COMMONS_NET_MODULE", "libz.so.1", TRUE);
      g_assert_null (_commons_net_get (&error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/net/loads", test_loads);
  g_test_add_func ("/net/missing-module", test_missing_module);
  g_test_add_func ("/net/wrong-module", test_wrong_module);

  return g_test_run ();
}
