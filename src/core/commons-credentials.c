/* commons-credentials.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-credentials"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "commons-credentials.h"
#include "commons-net.h"

/* Member tokens never go into SQLite or GSettings. They live in the
 * keyring, keyed by group id; inside Flatpak libsecret reaches it through
 * the portal. Where no Secret Service answers, they fall back to a key
 * file of mode 0600 in the data folder, and the caller is told so.
 * COMMONS_CREDENTIALS=file chooses the file outright (tests, servers). */

G_DEFINE_QUARK (commons-credentials-error-quark, commons_credentials_error)

/* The keyring's functions, or %NULL if only the file is to be used: when
 * COMMONS_CREDENTIALS=file or the network module cannot be loaded. */
static const CommonsNetFuncs *
keyring (void)
{
  g_autoptr(GError) error = NULL;
  const CommonsNetFuncs *net;

  if (g_strcmp0 (g_getenv ("COMMONS_CREDENTIALS"), "file") == 0)
    return NULL;
  net = _commons_net_get (&error);
  if (net == NULL)
    g_debug ("No keyring: %s", error->message);
  return net;
}

static char *
file_path (const char *data_dir)
{
  return g_build_filename (data_dir, "credentials", NULL);
}

static GKeyFile *
load_file (const char  *data_dir,
           GError     **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *path = file_path (data_dir);
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (keys, path, G_KEY_FILE_NONE, &local_error) &&
      !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_set_error (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_FAILED,
                   _("Cannot read the credentials file: %s"), local_error->message);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

static gboolean
save_file (const char  *data_dir,
           GKeyFile    *keys,
           GError     **error)
{
  g_autofree char *path = file_path (data_dir);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  int fd;

  data = g_key_file_to_data (keys, &length, NULL);
  /* Created 0600 from the start, so the token is never readable by others
   * even for a moment; renamed into place so a crash leaves the old file. */
  fd = g_open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || write (fd, data, length) != (gssize) length || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (tmp);
      g_set_error (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_FAILED,
                   _("Cannot write the credentials file: %s"), g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_FAILED,
                   _("Cannot write the credentials file: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_credentials_save:
 * @data_dir: the data folder the token belongs to
 * @group: the group id
 * @token: the member token
 * @used: (out) (optional): where it was kept
 * @error: return location for a #GError
 *
 * Keeps a member token, in the keyring if one answers, else in the file.
 */
gboolean
commons_credentials_save (const char                 *data_dir,
                          const char                 *group,
                          const char                 *token,
                          CommonsCredentialsBackend  *used,
                          GError                    **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  g_autoptr(GError) local_error = NULL;
  const CommonsNetFuncs *net;

  g_return_val_if_fail (data_dir != NULL && group != NULL && token != NULL, FALSE);

  net = keyring ();
  if (net != NULL)
    {
      g_autofree char *label = g_str_has_prefix (group, COMMONS_CREDENTIALS_IDENTITY) ?
                               g_strdup (_("Commons key of this device")) :
                               g_strdup_printf (_("Commons group %s"), group);

      if (net->token_store (label, group, data_dir, token, &local_error))
        {
          if (used != NULL)
            *used = COMMONS_CREDENTIALS_KEYRING;
          return TRUE;
        }
      g_debug ("No keyring (%s); keeping the token in a private file", local_error->message);
    }

  keys = load_file (data_dir, error);
  if (keys == NULL)
    return FALSE;
  g_key_file_set_string (keys, "tokens", group, token);
  if (!save_file (data_dir, keys, error))
    return FALSE;
  if (used != NULL)
    *used = COMMONS_CREDENTIALS_FILE;
  return TRUE;
}

/**
 * commons_credentials_save_secret:
 * @name: what the secret is, such as %COMMONS_CREDENTIALS_IDENTITY
 *
 * Keeps a secret that is not a group's token the same way tokens are kept.
 */
gboolean
commons_credentials_save_secret (const char  *data_dir,
                                 const char  *name,
                                 const char  *secret,
                                 GError     **error)
{
  return commons_credentials_save (data_dir, name, secret, NULL, error);
}

/**
 * commons_credentials_lookup:
 *
 * Returns: (transfer full): the token for @group, or %NULL with
 *   %COMMONS_CREDENTIALS_ERROR_NOT_FOUND
 */
char *
commons_credentials_lookup (const char  *data_dir,
                            const char  *group,
                            GError     **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  const CommonsNetFuncs *net;
  char *token;

  g_return_val_if_fail (data_dir != NULL && group != NULL, NULL);

  net = keyring ();
  if (net != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      token = net->token_lookup (group, data_dir, &local_error);
      if (token != NULL)
        return token;
    }

  keys = load_file (data_dir, error);
  if (keys == NULL)
    return NULL;
  token = g_key_file_get_string (keys, "tokens", group, NULL);
  if (token == NULL)
    g_set_error_literal (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_NOT_FOUND,
                         _("This device has no key for the group; join it again"));
  return token;
}

gboolean
commons_credentials_forget (const char  *data_dir,
                            const char  *group,
                            GError     **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  const CommonsNetFuncs *net;

  g_return_val_if_fail (data_dir != NULL && group != NULL, FALSE);

  net = keyring ();
  if (net != NULL)
    net->token_clear (group, data_dir);

  keys = load_file (data_dir, error);
  if (keys == NULL)
    return FALSE;
  if (!g_key_file_has_key (keys, "tokens", group, NULL))
    return TRUE;
  g_key_file_remove_key (keys, "tokens", group, NULL);
  return save_file (data_dir, keys, error);
}
