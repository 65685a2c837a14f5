/* commons-server.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-server"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "commons-server-private.h"
#include "commons-server-validate.h"

/* The /v1 API (docs/api.md) on a SoupServer. Requests are handled one at a
 * time on the main thread with one SQLite connection: a push commits
 * before its answer is written, and a pull sees every commit before it.
 * Logs name groups and members by id, never tokens or invite codes. */

G_DEFINE_FINAL_TYPE (CommonsServer, commons_server, G_TYPE_OBJECT)

static void
commons_server_finalize (GObject *object)
{
  CommonsServer *self = (CommonsServer *)object;

  g_clear_object (&self->soup);
  g_clear_object (&self->store);
  g_clear_pointer (&self->auth_failures, commons_rate_limit_free);
  g_clear_pointer (&self->joins, commons_rate_limit_free);

  G_OBJECT_CLASS (commons_server_parent_class)->finalize (object);
}

static void
commons_server_class_init (CommonsServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_server_finalize;
}

static void
commons_server_init (CommonsServer *self)
{
}

/* Secrets. */

/**
 * commons_server_random_secret:
 *
 * Fills @buffer from the kernel's cryptographic generator (getrandom(2)).
 * GRand is not fit for secrets.
 */
gboolean
commons_server_random_secret (guint8  *buffer,
                              gsize    length,
                              GError **error)
{
  gsize filled = 0;

  while (filled < length)
    {
      ssize_t n = getrandom (buffer + filled, length - filled, 0);

      if (n < 0)
        {
          int saved = errno;

          if (saved == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot get random bytes: %s", g_strerror (saved));
          return FALSE;
        }
      filled += (gsize) n;
    }
  return TRUE;
}

void
commons_server_hash_secret (const char *secret,
                            guint8     *out_hash)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = COMMONS_SECRET_HASH_SIZE;

  g_checksum_update (sum, (const guchar *) secret, strlen (secret));
  g_checksum_get_digest (sum, out_hash, &len);
}

/* 256 random bits as unpadded base64url (43 characters). */
char *
commons_server_new_token (guint8  *out_hash,
                          GError **error)
{
  guint8 bytes[32];
  g_autofree char *text = NULL;
  gsize len;

  if (!commons_server_random_secret (bytes, sizeof bytes, error))
    return NULL;
  text = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);
  len = strlen (text);
  while (len > 0 && text[len - 1] == '=')
    text[--len] = '\0';
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '+')
        text[i] = '-';
      else if (text[i] == '/')
        text[i] = '_';
    }
  commons_server_hash_secret (text, out_hash);
  return g_steal_pointer (&text);
}

/* 120 random bits in Crockford base32, grouped by four for reading. */

CommonsServer *
commons_server_new (CommonsServerStore         *store,
                    const CommonsServerOptions *options,
                    GTlsCertificate            *certificate)
{
  CommonsServer *self;

  g_return_val_if_fail (COMMONS_IS_SERVER_STORE (store), NULL);

  self = g_object_new (COMMONS_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->options = *options;
  if (self->options.max_body == 0 || self->options.max_body > COMMONS_SERVER_MAX_BODY)
    self->options.max_body = COMMONS_SERVER_MAX_BODY;
  if (self->options.read_timeout == 0)
    self->options.read_timeout = DEFAULT_READ_TIMEOUT;
  self->auth_failures = commons_rate_limit_new (options->auth_failures_per_minute);
  self->joins = commons_rate_limit_new (options->joins_per_minute);
  self->https = certificate != NULL;
  self->soup = soup_server_new ("server-header", "commons-server/" PACKAGE_VERSION " ", NULL);
  if (certificate != NULL)
    soup_server_set_tls_certificate (self->soup, certificate);
  g_signal_connect_object (self->soup, "request-started", G_CALLBACK (_commons_server_request_started_cb), self, 0);
  soup_server_add_handler (self->soup, NULL, _commons_server_handle_request_cb, self, NULL);
  return self;
}

static gboolean
parse_address (const char      *text,
               char           **host,
               guint16         *port,
               GError         **error)
{
  const char *colon;
  guint64 value;

  if (text[0] == '[')
    {
      const char *end = strstr (text, "]:");

      if (end == NULL)
        goto bad;
      *host = g_strndup (text + 1, end - text - 1);
      colon = end + 1;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL)
        goto bad;
      *host = g_strndup (text, colon - text);
    }
  if (!g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &value, NULL))
    {
      g_clear_pointer (host, g_free);
      goto bad;
    }
  *port = (guint16) value;
  return TRUE;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "“%s” is not ADDRESS:PORT (for example 127.0.0.1:8080 or [::1]:8080)", text);
  return FALSE;
}

/**
 * commons_server_listen:
 * @address: "HOST:PORT"; port 0 picks a free one
 * @out_uri: (out): the base URI clients use, with the real port
 */
gboolean
commons_server_listen (CommonsServer  *self,
                       const char     *address,
                       char          **out_uri,
                       GError        **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  GSList *uris;
  guint16 port = 0;

  if (!parse_address (address, &host, &port, error))
    return FALSE;
  socket_address = g_inet_socket_address_new_from_string (host, port);
  if (socket_address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a numeric IP address", host);
      return FALSE;
    }
  if (!soup_server_listen (self->soup, socket_address,
                           self->https ? SOUP_SERVER_LISTEN_HTTPS : 0, error))
    return FALSE;

  uris = soup_server_get_uris (self->soup);
  if (uris != NULL)
    {
      g_autofree char *text = g_uri_to_string (uris->data);
      gsize len = strlen (text);

      while (len > 0 && text[len - 1] == '/')
        text[--len] = '\0';
      *out_uri = g_steal_pointer (&text);
    }
  else
    *out_uri = g_strdup (address);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

/* From now on, new requests are answered 503 and their connection
 * closed; requests already being read or answered finish normally. */
void
commons_server_begin_shutdown (CommonsServer *self)
{
  self->shutting_down = TRUE;
}

gboolean
commons_server_is_idle (CommonsServer *self)
{
  return self->in_flight == 0;
}
