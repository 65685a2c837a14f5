/* fault-proxy.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread accepts connections; each connection gets a thread that
 * forwards one request to the server on a fresh connection, reads the
 * whole answer and then either passes it on or, when told to, closes the
 * client's connection without a word. Every answer says Connection: close,
 * so a keep-alive client opens a new connection per request and the proxy
 * never has to interleave requests. Every socket has a timeout, so nothing
 * here can hang a test for long.
 */

#include "config.h"

#include <string.h>

#include "fault-proxy.h"

/* Seconds any single read or write may block. */
#define IO_TIMEOUT 15
/* The largest request or answer head read. */
#define MAX_HEAD (64 * 1024)
/* The largest body forwarded, a little over the server's own cap. */
#define MAX_BODY (80 * 1024 * 1024)

struct _FaultProxy
{
  char     *upstream;
  char     *url;
  GSocket  *listener;
  GThread  *acceptor;
  gint      stop;
  gint      active;
  gint      drop;
  gint      dropped;
};

static gboolean
send_all (GSocket     *socket,
          const char  *data,
          gsize        length,
          GError     **error)
{
  while (length > 0)
    {
      gssize n = g_socket_send (socket, data, length, NULL, error);

      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* The value of a header in @head (case-insensitive name), or NULL. */
static char *
header_value (const char *head,
              const char *name)
{
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);
  gsize len = strlen (name);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, len) == 0 && lines[i][len] == ':')
      return g_strstrip (g_strdup (lines[i] + len + 1));
  return NULL;
}

/* Reads one HTTP message: its head and, by Content-Length, its body; an
 * answer without a length runs to the end of the connection. */
static gboolean
read_message (GSocket   *socket,
              gboolean   answer,
              GString   *out,
              gsize     *head_length,
              GError   **error)
{
  char buffer[16384];
  const char *end = NULL;
  g_autofree char *length_str = NULL;
  gint64 want = -1;

  while ((end = g_strstr_len (out->str, out->len, "\r\n\r\n")) == NULL)
    {
      gssize n;

      if (out->len > MAX_HEAD)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "Head too large");
          return FALSE;
        }
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "Closed before a head");
          return FALSE;
        }
      g_string_append_len (out, buffer, n);
    }
  *head_length = end - out->str + 4;

  {
    g_autofree char *head = g_strndup (out->str, *head_length);

    length_str = header_value (head, "Content-Length");
  }
  if (length_str != NULL)
    {
      want = g_ascii_strtoll (length_str, NULL, 10);
      if (want < 0 || want > MAX_BODY)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "Body too large");
          return FALSE;
        }
    }
  else if (!answer)
    want = 0;

  while (want < 0 || (gint64) (out->len - *head_length) < want)
    {
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          if (want < 0)
            return TRUE;
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "Closed mid-body");
          return FALSE;
        }
      if (out->len > MAX_BODY)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "Body too large");
          return FALSE;
        }
      g_string_append_len (out, buffer, n);
    }
  return TRUE;
}

/* The message with its Connection and Keep-Alive headers replaced by
 * Connection: close. */
static GString *
with_close (const GString *message,
            gsize          head_length)
{
  g_autofree char *head = g_strndup (message->str, head_length - 4);
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0 && (g_ascii_strncasecmp (lines[i], "Connection:", 11) == 0 ||
                    g_ascii_strncasecmp (lines[i], "Keep-Alive:", 11) == 0))
        continue;
      g_string_append (out, lines[i]);
      g_string_append (out, "\r\n");
    }
  g_string_append (out, "Connection: close\r\n\r\n");
  g_string_append_len (out, message->str + head_length, message->len - head_length);
  return out;
}

static GSocketConnection *
connect_to (const char  *host_port,
            GError     **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GSocketConnection *connection;

  g_socket_client_set_timeout (client, IO_TIMEOUT);
  connection = g_socket_client_connect_to_host (client, host_port, 80, NULL, error);
  if (connection != NULL)
    g_socket_set_timeout (g_socket_connection_get_socket (connection), IO_TIMEOUT);
  return connection;
}

/* Sends @request to @host_port on a new connection and reads the answer. */
static GString *
round_trip (const char     *host_port,
            const GString  *request,
            gsize          *head_length,
            GError        **error)
{
  g_autoptr(GSocketConnection) connection = connect_to (host_port, error);
  g_autoptr(GString) answer = g_string_new (NULL);
  GSocket *socket;

  if (connection == NULL)
    return NULL;
  socket = g_socket_connection_get_socket (connection);
  if (!send_all (socket, request->str, request->len, error) ||
      !read_message (socket, TRUE, answer, head_length, error))
    return NULL;
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return g_steal_pointer (&answer);
}

typedef struct
{
  FaultProxy *proxy;
  GSocket    *client;
} Connection;

static gboolean
take_drop (FaultProxy *proxy)
{
  for (;;)
    {
      gint n = g_atomic_int_get (&proxy->drop);

      if (n <= 0)
        return FALSE;
      if (g_atomic_int_compare_and_exchange (&proxy->drop, n, n - 1))
        return TRUE;
    }
}

static gpointer
serve_cb (gpointer data)
{
  Connection *c = data;
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) forward = NULL;
  g_autoptr(GString) answer = NULL;
  g_autoptr(GString) reply = NULL;
  g_autoptr(GError) error = NULL;
  gsize head_length = 0;

  g_socket_set_timeout (c->client, IO_TIMEOUT);
  if (!read_message (c->client, FALSE, request, &head_length, &error))
    goto out;
  forward = with_close (request, head_length);
  answer = round_trip (c->proxy->upstream, forward, &head_length, &error);
  if (answer == NULL)
    goto out;

  /* The server has done the work and committed it; the client never
   * hears of it. */
  if (g_str_has_prefix (request->str, "POST ") && take_drop (c->proxy))
    {
      g_atomic_int_inc (&c->proxy->dropped);
      goto out;
    }
  reply = with_close (answer, head_length);
  send_all (c->client, reply->str, reply->len, NULL);

out:
  g_socket_shutdown (c->client, TRUE, TRUE, NULL);
  g_socket_close (c->client, NULL);
  g_object_unref (c->client);
  g_atomic_int_dec_and_test (&c->proxy->active);
  g_free (c);
  return NULL;
}

static gpointer
accept_cb (gpointer data)
{
  FaultProxy *proxy = data;

  while (!g_atomic_int_get (&proxy->stop))
    {
      Connection *c;
      GSocket *client;

      if (!g_socket_condition_timed_wait (proxy->listener, G_IO_IN, 100 * 1000, NULL, NULL))
        continue;
      client = g_socket_accept (proxy->listener, NULL, NULL);
      if (client == NULL)
        continue;
      c = g_new0 (Connection, 1);
      c->proxy = proxy;
      c->client = client;
      g_atomic_int_inc (&proxy->active);
      g_thread_unref (g_thread_new ("fault-proxy-conn", serve_cb, c));
    }
  return NULL;
}

/**
 * fault_proxy_new:
 * @upstream: the server's "host:port"
 *
 * Starts a proxy on 127.0.0.1 and a free port, in threads of its own.
 */
FaultProxy *
fault_proxy_new (const char *upstream)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  FaultProxy *proxy = g_new0 (FaultProxy, 1);

  proxy->upstream = g_strdup (upstream);
  proxy->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (proxy->listener, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (proxy->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  proxy->acceptor = g_thread_new ("fault-proxy", accept_cb, proxy);
  return proxy;
}

const char *
fault_proxy_get_url (FaultProxy *proxy)
{
  return proxy->url;
}

/* The next @n_posts POST requests reach the server; their answers are
 * read and thrown away, and the client's connection closed. */
void
fault_proxy_drop_answers (FaultProxy *proxy,
                          guint       n_posts)
{
  g_atomic_int_set (&proxy->drop, n_posts);
}

guint
fault_proxy_get_dropped (FaultProxy *proxy)
{
  return g_atomic_int_get (&proxy->dropped);
}

void
fault_proxy_free (FaultProxy *proxy)
{
  gint64 deadline = g_get_monotonic_time () + (IO_TIMEOUT + 5) * G_USEC_PER_SEC;

  g_atomic_int_set (&proxy->stop, 1);
  g_thread_join (proxy->acceptor);
  /* Connection threads end within their socket timeouts. */
  while (g_atomic_int_get (&proxy->active) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpint (g_atomic_int_get (&proxy->active), ==, 0);
  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_free (proxy->upstream);
  g_free (proxy->url);
  g_free (proxy);
}

/**
 * http_request:
 * @host_port: the server's "host:port"
 * @token: (nullable): a bearer token
 * @body: (nullable): a JSON body
 * @status: (out): the answer's status code
 *
 * One HTTP/1.1 request on a connection of its own, for tests that speak to
 * the server directly.
 *
 * Returns: (transfer full): the answer's body
 */
GBytes *
http_request (const char  *host_port,
              const char  *method,
              const char  *path,
              const char  *token,
              const char  *body,
              guint       *status,
              GError     **error)
{
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) answer = NULL;
  gsize head_length = 0;

  g_string_append_printf (request, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, path, host_port);
  if (token != NULL)
    g_string_append_printf (request, "Authorization: Bearer %s\r\n", token);
  if (body != NULL)
    g_string_append_printf (request, "Content-Type: application/json\r\nContent-Length: %zu\r\n",
                            strlen (body));
  g_string_append (request, "Connection: close\r\n\r\n");
  if (body != NULL)
    g_string_append (request, body);

  answer = round_trip (host_port, request, &head_length, error);
  if (answer == NULL)
    return NULL;
  *status = 0;
  if (g_str_has_prefix (answer->str, "HTTP/1.") && answer->len > 12)
    *status = (guint) g_ascii_strtoull (answer->str + 9, NULL, 10);
  return g_bytes_new (answer->str + head_length, answer->len - head_length);
}
