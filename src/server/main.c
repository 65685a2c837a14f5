/* main.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "commons-server.h"
#include "commons-server-store.h"
#include "commons-server-validate.h"

#define DEFAULT_LISTEN "127.0.0.1:8780" /* also in the --listen help */
/* How long SIGTERM waits for requests in flight. */
#define SHUTDOWN_GRACE_SECONDS 20

static char *opt_listen = NULL;
static char *opt_data_dir = NULL;
static char *opt_tls_certificate = NULL;
static char *opt_tls_key = NULL;
static char *opt_group_creation = NULL;
static int opt_auth_failures = 20;
static int opt_joins = 30;
static int opt_read_timeout = 10;
static gboolean opt_version = FALSE;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen,
    /* Translators: keep 127.0.0.1:8780 as it is. */
    N_("Address and port to listen on; port 0 picks a free one (default 127.0.0.1:8780)"),
    N_("ADDRESS:PORT") },
  { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
    N_("Folder for the database, created if missing (default: commons-server in the user data folder)"),
    N_("DIR") },
  { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_certificate,
    N_("Serve HTTPS with this PEM certificate (needs --tls-key)"), N_("FILE") },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key,
    N_("The PEM private key of --tls-certificate"), N_("FILE") },
  { "group-creation", 0, 0, G_OPTION_ARG_STRING, &opt_group_creation,
    N_("Who may create groups: “open” (anyone who reaches the server, the default) or “admin” "
       "(only with a token from create-admin-token)"), N_("POLICY") },
  { "auth-failures-per-minute", 0, 0, G_OPTION_ARG_INT, &opt_auth_failures,
    N_("Refused tokens allowed per client address and minute before answering 429 (default 20)"), N_("N") },
  { "joins-per-minute", 0, 0, G_OPTION_ARG_INT, &opt_joins,
    N_("Join attempts allowed per client address and minute before answering 429 (default 30)"), N_("N") },
  { "read-timeout", 0, 0, G_OPTION_ARG_INT, &opt_read_timeout,
    N_("Seconds a client may take to send a request's headers, or pause while sending its body "
       "or reading the answer, before its connection is closed (default 10)"), N_("SECONDS") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Print the version and exit"), NULL },
  { NULL }
};

typedef struct
{
  GMainLoop     *loop;
  CommonsServer *server;
  gint64         deadline;
  guint          drain_id;
} Shutdown;

static gboolean
drain_cb (gpointer user_data)
{
  Shutdown *shutdown = user_data;

  if (commons_server_is_idle (shutdown->server) || g_get_monotonic_time () > shutdown->deadline)
    {
      if (!commons_server_is_idle (shutdown->server))
        g_warning ("Stopping with requests still in flight after %d s", SHUTDOWN_GRACE_SECONDS);
      shutdown->drain_id = 0;
      g_main_loop_quit (shutdown->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
signal_cb (gpointer user_data)
{
  Shutdown *shutdown = user_data;

  if (shutdown->drain_id != 0)
    return G_SOURCE_CONTINUE;
  g_message ("Stopping: finishing requests in flight");
  commons_server_begin_shutdown (shutdown->server);
  shutdown->deadline = g_get_monotonic_time () + SHUTDOWN_GRACE_SECONDS * G_USEC_PER_SEC;
  shutdown->drain_id = g_timeout_add (20, drain_cb, shutdown);
  return G_SOURCE_CONTINUE;
}

static CommonsServerStore *
open_store (GError **error)
{
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (opt_data_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create %s: %s"), opt_data_dir, g_strerror (saved));
      return NULL;
    }
  path = g_build_filename (opt_data_dir, "commons-server.db", NULL);
  return commons_server_store_open (path, error);
}

static int
run_create_admin_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsServerStore) store = open_store (&error);
  g_autofree char *token = NULL;
  guint8 hash[COMMONS_SECRET_HASH_SIZE];

  if (store == NULL)
    goto fail;
  token = commons_server_new_token (hash, &error);
  if (token == NULL || !commons_server_store_add_admin_token (store, hash, &error))
    goto fail;
  /* The only time the token is ever shown: the server keeps its hash. */
  g_print ("%s\n", token);
  return 0;

fail:
  g_printerr ("commons-server: %s\n", error->message);
  return 1;
}

static int
run_backup (const char *dest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsServerStore) store = open_store (&error);

  if (store == NULL || !commons_server_store_backup (store, dest, &error))
    {
      g_printerr ("commons-server: %s\n", error->message);
      return 1;
    }
  g_print (_("Backed up to %s\n"), dest);
  return 0;
}

static int
run_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsServerStore) store = NULL;
  g_autoptr(CommonsServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *uri = NULL;
  CommonsServerOptions options = { 0 };
  Shutdown shutdown = { 0 };

  if ((opt_tls_certificate == NULL) != (opt_tls_key == NULL))
    {
      g_printerr ("commons-server: %s\n", _("--tls-certificate and --tls-key go together"));
      return 2;
    }
  if (opt_group_creation != NULL && g_strcmp0 (opt_group_creation, "open") != 0 &&
      g_strcmp0 (opt_group_creation, "admin") != 0)
    {
      g_printerr ("commons-server: %s\n", _("--group-creation is “open” or “admin”"));
      return 2;
    }
  if (opt_auth_failures < 1 || opt_joins < 1)
    {
      g_printerr ("commons-server: %s\n", _("Rate limits must be at least 1"));
      return 2;
    }
  if (opt_read_timeout < 1 || opt_read_timeout > 3600)
    {
      g_printerr ("commons-server: %s\n", _("--read-timeout is between 1 and 3600 seconds"));
      return 2;
    }

  if (opt_tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (opt_tls_certificate, opt_tls_key, &error);
      if (certificate == NULL)
        goto fail;
    }

  store = open_store (&error);
  if (store == NULL)
    goto fail;

  options.admin_only = g_strcmp0 (opt_group_creation, "admin") == 0;
  options.auth_failures_per_minute = opt_auth_failures;
  options.joins_per_minute = opt_joins;
  options.max_body = COMMONS_SERVER_MAX_BODY;
  options.read_timeout = opt_read_timeout;
  server = commons_server_new (store, &options, certificate);
  if (!commons_server_listen (server, opt_listen, &uri, &error))
    goto fail;

  /* Tests and scripts read this line to learn the port. */
  g_print ("listening on %s\n", uri);
  fflush (stdout);
  g_message ("Serving %s from %s, group creation %s", uri, opt_data_dir,
             options.admin_only ? "by admin token" : "open");

  loop = g_main_loop_new (NULL, FALSE);
  shutdown.loop = loop;
  shutdown.server = server;
  g_unix_signal_add (SIGTERM, signal_cb, &shutdown);
  g_unix_signal_add (SIGINT, signal_cb, &shutdown);
  g_main_loop_run (loop);
  g_message ("Stopped");
  return 0;

fail:
  g_printerr ("commons-server: %s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("[create-admin-token | backup DEST]"));
  g_option_context_set_summary (context,
      _("The Commons group sync server: an authenticated, append-only log of revisions per group."));
  g_option_context_set_description (context,
      _("Without a command, serves the /v1 API until SIGTERM.\n"
        "  create-admin-token   print a new token for --group-creation=admin\n"
        "  backup DEST          copy the database to DEST with SQLite's online backup\n"
        "\n"
        "For the Internet, put it behind a TLS reverse proxy; see docs/server.md."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("commons-server: %s\n", error->message);
      return 2;
    }
  if (opt_version)
    {
      g_print ("commons-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (opt_listen == NULL)
    opt_listen = g_strdup (DEFAULT_LISTEN);
  if (opt_data_dir == NULL)
    opt_data_dir = g_build_filename (g_get_user_data_dir (), "commons-server", NULL);

  if (argc >= 2 && strcmp (argv[1], "create-admin-token") == 0 && argc == 2)
    status = run_create_admin_token ();
  else if (argc >= 2 && strcmp (argv[1], "backup") == 0 && argc == 3)
    status = run_backup (argv[2]);
  else if (argc == 1)
    status = run_server ();
  else
    {
      g_printerr ("commons-server: %s\n", _("Unknown command; see --help"));
      status = 2;
    }

  g_free (opt_listen);
  g_free (opt_data_dir);
  g_free (opt_tls_certificate);
  g_free (opt_tls_key);
  g_free (opt_group_creation);
  return status;
}
