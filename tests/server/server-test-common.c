/* server-test-common.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>

#include "server-test-common.h"

static GPtrArray *
collect_args (const char *first_arg,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  return argv;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
spawn (TestServer *server,
       GPtrArray  *extra)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("COMMONS_SERVER");
  g_autofree char *listen = NULL;

  g_assert_nonnull (binary);
  listen = server->port != 0 ? g_strdup_printf ("127.0.0.1:%u", server->port) : g_strdup ("127.0.0.1:0");
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, "--listen");
  g_ptr_array_add (argv, listen);
  g_ptr_array_add (argv, "--data-dir");
  g_ptr_array_add (argv, server->data_dir);
  for (guint i = 0; extra != NULL && i < extra->len; i++)
    g_ptr_array_add (argv, extra->pdata[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A test that aborts must not leave a server holding its stderr. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  while ((line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error)) != NULL)
    {
      if (g_str_has_prefix (line, "listening on "))
        break;
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_free (server->url);
  server->url = g_strdup (line + strlen ("listening on "));
  {
    const char *colon = strrchr (server->url, ':');
    g_assert_nonnull (colon);
    server->port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
  }
  g_object_set_data_full (G_OBJECT (server->process), "extra",
                          extra ? g_ptr_array_ref (extra) : NULL,
                          (GDestroyNotify) g_ptr_array_unref);
}

void
test_server_start (TestServer *server,
                   const char *first_arg,
                   ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) extra = NULL;
  va_list args;

  memset (server, 0, sizeof *server);
  server->root = g_dir_make_tmp ("commons-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  server->data_dir = g_build_filename (server->root, "data", NULL);
  va_start (args, first_arg);
  extra = collect_args (first_arg, args);
  va_end (args);
  spawn (server, extra);
}

/* Starts it again on the same port and data, with the same options. */
void
test_server_restart (TestServer *server)
{
  g_autoptr(GPtrArray) extra = NULL;

  g_assert_nonnull (server->process);
  extra = g_object_get_data (G_OBJECT (server->process), "extra");
  if (extra != NULL)
    g_ptr_array_ref (extra);
  g_clear_object (&server->process);
  spawn (server, extra);
}

void
test_server_kill (TestServer *server,
                  int         signum)
{
  g_subprocess_send_signal (server->process, signum);
  g_subprocess_wait (server->process, NULL, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

void
test_server_free (TestServer *server)
{
  if (server->process != NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->process);
  if (server->root != NULL)
    remove_tree (server->root);
  g_clear_pointer (&server->root, g_free);
  g_clear_pointer (&server->data_dir, g_free);
  g_clear_pointer (&server->url, g_free);
}

SoupSession *
test_session_new (void)
{
  return soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 8, NULL);
}

TestReply *
test_request (SoupSession *session,
              TestServer  *server,
              const char  *method,
              const char  *path,
              const char  *token,
              const char  *body)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  TestReply *result = g_new0 (TestReply, 1);
  const char *retry;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  result->status = soup_message_get_status (msg);
  retry = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Retry-After");
  result->retry_after = g_strdup (retry);
  result->allow = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Allow"));
  if (g_bytes_get_size (reply) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      /* Every answer, error or not, is JSON. */
      json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), &error);
      g_assert_no_error (error);
      result->body = json_node_copy (json_parser_get_root (parser));
    }
  return result;
}

void
test_reply_free (TestReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, json_node_unref);
  g_free (reply->retry_after);
  g_free (reply->allow);
  g_free (reply);
}

/* A string at a dotted path such as "group.id". */
const char *
test_reply_string (TestReply  *reply,
                   const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = reply->body;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      node = json_object_get_member (json_node_get_object (node), parts[i]);
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
test_reply_int (TestReply  *reply,
                const char *member)
{
  JsonNode *node;

  g_assert_nonnull (reply->body);
  node = json_object_get_member (json_node_get_object (reply->body), member);
  g_assert_nonnull (node);
  return json_node_get_int (node);
}
