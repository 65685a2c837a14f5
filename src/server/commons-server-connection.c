/* commons-server-connection.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <string.h>

#include "commons-server-private.h"

/* Each request's connection: limits on what it may send and how slowly,
 * checked before libsoup reads a body, and hanging up on what breaks them. */

/* Hanging up.
 *
 * libsoup 3.2 reads a request's whole body before it writes any answer
 * (unless the client sent "Expect: 100-continue"), and gives up on no
 * request that stalls. A request whose length is invalid or over the
 * limit, or that stalls, is therefore taken from libsoup, answered here
 * and its connection closed. With @linger, the sending side is shut first
 * and what the client still sends is read and dropped for a bounded time,
 * so that the kernel does not reset the connection before the client has
 * read the answer. Nothing read here is kept. */

typedef struct
{
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *answer;
  GCancellable *cancellable;
  guint         timeout_id;
  gboolean      linger;
  gsize         drained;
  gsize         drain_limit;
  guint8        buffer[8192];
} Hangup;

static void
hangup_finish (Hangup *hangup)
{
  g_clear_handle_id (&hangup->timeout_id, g_source_remove);
  /* The socket first, so that closing a TLS stream cannot wait on a peer
   * that does not read. */
  if (hangup->socket != NULL)
    g_socket_close (hangup->socket, NULL);
  g_io_stream_close (hangup->stream, NULL, NULL);
  g_clear_object (&hangup->stream);
  g_clear_object (&hangup->socket);
  g_clear_object (&hangup->cancellable);
  g_clear_pointer (&hangup->answer, g_bytes_unref);
  g_free (hangup);
}

static gboolean
hangup_timeout_cb (gpointer user_data)
{
  Hangup *hangup = user_data;

  /* The pending read or write finishes cancelled, and that ends it. */
  hangup->timeout_id = 0;
  g_cancellable_cancel (hangup->cancellable);
  return G_SOURCE_REMOVE;
}

static void
hangup_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Hangup *hangup = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n <= 0 || g_cancellable_is_cancelled (hangup->cancellable))
    {
      hangup_finish (hangup);
      return;
    }
  hangup->drained += (gsize) n;
  if (hangup->drained > hangup->drain_limit)
    {
      hangup_finish (hangup);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (hangup->stream),
                             hangup->buffer, sizeof hangup->buffer, G_PRIORITY_LOW,
                             hangup->cancellable, hangup_read_cb, hangup);
}

static void
hangup_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Hangup *hangup = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL) ||
      !hangup->linger || hangup->socket == NULL ||
      !g_socket_shutdown (hangup->socket, FALSE, TRUE, NULL))
    {
      hangup_finish (hangup);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (hangup->stream),
                             hangup->buffer, sizeof hangup->buffer, G_PRIORITY_LOW,
                             hangup->cancellable, hangup_read_cb, hangup);
}

/* Takes the connection from libsoup, answers @status if it is not 0,
 * and closes it. */
static void
hang_up (CommonsServer     *self,
         SoupServerMessage *msg,
         guint              status,
         const char        *code,
         const char        *message,
         gboolean           linger)
{
  g_autoptr(SoupServerMessage) keep = g_object_ref (msg);
  g_autoptr(GSocket) socket = NULL;
  GIOStream *stream;
  Hangup *hangup;

  if (soup_server_message_get_socket (msg) != NULL)
    socket = g_object_ref (soup_server_message_get_socket (msg));
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      /* Still in the TLS handshake: closing the socket makes it fail, and
       * libsoup then drops the connection itself. */
      if (socket != NULL)
        g_socket_close (socket, NULL);
      return;
    }

  hangup = g_new0 (Hangup, 1);
  hangup->stream = stream;
  hangup->socket = g_steal_pointer (&socket);
  hangup->cancellable = g_cancellable_new ();
  hangup->linger = linger;
  hangup->drain_limit = self->options.max_body;
  hangup->timeout_id = g_timeout_add_seconds (self->options.read_timeout, hangup_timeout_cb, hangup);

  if (status == 0)
    {
      hangup_finish (hangup);
      return;
    }
  {
    g_autofree char *body = _commons_server_error_body (code, message);
    g_autofree char *text = NULL;

    text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                            "Server: commons-server/" PACKAGE_VERSION "\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                            "Cache-Control: no-store\r\n"
                            "X-Content-Type-Options: nosniff\r\n"
                            "Connection: close\r\n"
                            "\r\n%s",
                            status, soup_status_get_phrase (status), strlen (body), body);
    hangup->answer = g_bytes_new_take (text, strlen (text));
    text = NULL;
  }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (hangup->stream),
                                   g_bytes_get_data (hangup->answer, NULL),
                                   g_bytes_get_size (hangup->answer),
                                   G_PRIORITY_DEFAULT, hangup->cancellable,
                                   hangup_written_cb, hangup);
}

/* Timeouts. A request has read_timeout seconds to arrive from the moment
 * its connection is accepted to the end of its headers; after that its
 * body, then its answer, may not stall for longer. */

static gboolean
deadline_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs deadline_funcs = {
  .dispatch = deadline_dispatch,
};

static void
request_state_free (gpointer data)
{
  RequestState *state = data;

  if (state->deadline != NULL)
    {
      g_source_destroy (state->deadline);
      g_source_unref (state->deadline);
    }
  g_free (state);
}

static void
arm_deadline (RequestState *state)
{
  g_source_set_ready_time (state->deadline,
                           g_get_monotonic_time () + state->self->options.read_timeout * G_USEC_PER_SEC);
}

static gboolean
deadline_cb (gpointer user_data)
{
  RequestState *state = user_data;
  CommonsServer *self = state->self;
  SoupServerMessage *msg = state->msg;

  g_message ("Closed a stalled connection from %s", _commons_server_client_address (msg));
  /* Nothing of an answer has been written before PHASE_ANSWER, so the
   * client can still be told why. */
  if (state->phase == PHASE_ANSWER)
    hang_up (self, msg, 0, NULL, NULL, FALSE);
  else
    hang_up (self, msg, SOUP_STATUS_REQUEST_TIMEOUT, "timeout",
             "The request did not arrive in time", FALSE);
  /* @state may be gone with the message; the source stays disarmed. */
  return G_SOURCE_CONTINUE;
}

static void
progress_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  arm_deadline (state);
}

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              size,
                    gpointer           user_data)
{
  progress_cb (msg, user_data);
}

static void
got_body_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  state->phase = PHASE_ANSWER;
  arm_deadline (state);
}

static void
finished_cb (SoupServerMessage *msg,
             gpointer           user_data)
{
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  g_source_set_ready_time (state->deadline, -1);
}

/* Body limits, before the body is read. */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  CommonsServer *self = user_data;
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");

  arm_deadline (state);
  state->received += g_bytes_get_size (chunk);
  if (!state->too_large && state->received > self->options.max_body)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);

      /* Keep counting a chunked body, but stop keeping it. */
      state->too_large = TRUE;
      soup_message_body_set_accumulate (body, FALSE);
      soup_message_body_truncate (body);
    }
  if (state->too_large && state->received > self->options.max_body + DRAIN_ALLOWANCE)
    {
      g_message ("Cut off an endless request body from %s", _commons_server_client_address (msg));
      hang_up (self, msg, 0, NULL, NULL, FALSE);
    }
}

static void
message_gone_cb (gpointer  user_data,
                 GObject  *where_the_object_was)
{
  CommonsServer *self = user_data;

  g_assert (self->in_flight > 0);
  self->in_flight--;
}

/* RFC 9110: Content-Length = 1*DIGIT. libsoup 3.2 reads it with
 * strtoull, so "-1", "+5" and lengths past 2^64 all pass as something
 * else. Returns FALSE if the header is not a length; @too_large if it is
 * one over @limit. Identical repeated values are one length. */
static gboolean
check_content_length (SoupMessageHeaders *headers,
                      gsize               limit,
                      gboolean           *too_large)
{
  const char *list = soup_message_headers_get_list (headers, "Content-Length");
  g_auto(GStrv) values = NULL;
  const char *first = NULL;

  *too_large = FALSE;
  if (list == NULL)
    return TRUE;
  values = g_strsplit (list, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *value = g_strstrip (values[i]);
      guint64 length = 0;
      gboolean over = FALSE;

      if (value[0] == '\0')
        return FALSE;
      for (const char *p = value; *p != '\0'; p++)
        {
          if (!g_ascii_isdigit (*p))
            return FALSE;
          if (!over)
            {
              length = length * 10 + (guint64) (*p - '0');
              over = length > limit;
            }
        }
      if (first != NULL && strcmp (first, value) != 0)
        return FALSE;
      first = value;
      *too_large = *too_large || over;
    }
  return TRUE;
}

/* "application/json", any case, with no charset but UTF-8. */
static gboolean
is_json_type (SoupMessageHeaders *headers)
{
  g_autoptr(GHashTable) params = NULL;
  const char *type = soup_message_headers_get_content_type (headers, &params);
  const char *charset;

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    return FALSE;
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  return charset == NULL || g_ascii_strcasecmp (charset, "utf-8") == 0;
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  CommonsServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  RequestState *state = g_object_get_data (G_OBJECT (msg), "commons-request");
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  gboolean too_large = FALSE;
  gboolean has_body;

  state->phase = PHASE_BODY;
  arm_deadline (state);
  self->in_flight++;
  g_object_weak_ref (G_OBJECT (msg), message_gone_cb, self);

  if (self->shutting_down)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _commons_server_respond_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "shutting_down", "The server is stopping");
      return;
    }

  /* Framing first: with a length that cannot be trusted, nothing after
   * the headers can be read as this request or as the next one. */
  if (!check_content_length (headers, self->options.max_body, &too_large) ||
      (soup_message_headers_get_one (headers, "Content-Length") != NULL &&
       soup_message_headers_get_one (headers, "Transfer-Encoding") != NULL))
    {
      g_message ("Refused a request with an invalid Content-Length from %s", _commons_server_client_address (msg));
      hang_up (self, msg, SOUP_STATUS_BAD_REQUEST, "bad_request",
               "Content-Length is not a valid length", TRUE);
      return;
    }
  if (too_large)
    {
      hang_up (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
               "Request body is too large", TRUE);
      return;
    }

  /* Every body is JSON and says so; every POST has one. */
  has_body = encoding == SOUP_ENCODING_CHUNKED ||
             (encoding == SOUP_ENCODING_CONTENT_LENGTH && soup_message_headers_get_content_length (headers) > 0);
  if ((has_body || g_strcmp0 (soup_server_message_get_method (msg), SOUP_METHOD_POST) == 0) &&
      !is_json_type (headers))
    {
      /* Setting the status here means the handler never runs; the body,
       * of a length now known to be within the limit, is dropped as it
       * is read. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _commons_server_respond_error (msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                                     "Request bodies must be sent as application/json");
    }
}

/* libsoup before 3.4 keeps one reference to every socket it accepts and
 * never drops it (upstream's "soup-listener: Plug a leak"): a few hundred
 * bytes per connection, for good. That reference is dropped here, only
 * where it is known to exist: on those versions, the first time a socket
 * is seen, and only if it holds exactly the connection's reference and
 * the stray one. A libsoup with the fix backported holds one and is left
 * alone. */
static void
release_stray_socket_ref (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  static GQuark seen;

  if (socket == NULL || soup_get_major_version () != 3 || soup_get_minor_version () >= 4)
    return;
  if (seen == 0)
    seen = g_quark_from_static_string ("commons-server-seen");
  if (g_object_get_qdata (G_OBJECT (socket), seen) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (socket), seen, GINT_TO_POINTER (1));
  if (g_atomic_int_get (&G_OBJECT (socket)->ref_count) == 2)
    g_object_unref (socket);
}

void
_commons_server_request_started_cb (SoupServer        *soup,
                                    SoupServerMessage *msg,
                                    gpointer           user_data)
{
  CommonsServer *self = user_data;
  RequestState *state = g_new0 (RequestState, 1);

  state->self = self;
  state->msg = msg;
  state->phase = PHASE_HEADERS;
  state->deadline = g_source_new (&deadline_funcs, sizeof (GSource));
  g_source_set_static_name (state->deadline, "commons-server request deadline");
  g_source_set_callback (state->deadline, deadline_cb, state, NULL);
  g_source_attach (state->deadline, NULL);
  g_object_set_data_full (G_OBJECT (msg), "commons-request", state, request_state_free);
  arm_deadline (state);
  release_stray_socket_ref (msg);

  /* One request per connection. libsoup 3.2 never releases a kept-alive
   * connection that the client closes while it waits for the next
   * request, nor counts the wait against any timeout: each one would
   * hold a socket for good. Closing after every answer leaves no
   * connection idle in libsoup's hands. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");

  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
  g_signal_connect_object (msg, "got-body", G_CALLBACK (got_body_cb), self, 0);
  g_signal_connect_object (msg, "wrote-informational", G_CALLBACK (progress_cb), self, 0);
  g_signal_connect_object (msg, "wrote-headers", G_CALLBACK (progress_cb), self, 0);
  g_signal_connect_object (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self, 0);
  g_signal_connect_object (msg, "finished", G_CALLBACK (finished_cb), self, 0);
}
