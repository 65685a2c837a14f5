/* commons-net.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-net"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "commons-net.h"

/* Where the module is: COMMONS_NET_MODULE names it in a build tree (the
 * tests, build-aux/run and `meson devenv` set it), otherwise it is where
 * `meson install` put it. */
static const char *
module_path (void)
{
  const char *path = g_getenv ("COMMONS_NET_MODULE");

  return path != NULL && *path != '\0' ? path : COMMONS_NET_MODULE_PATH;
}

static gpointer
load_module (gpointer data)
{
  GError **error = data;
  const char *path = module_path ();
  GModule *module;
  CommonsNetGetFuncs get_funcs = NULL;
  const CommonsNetFuncs *funcs;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("Commons cannot load its network module (%s)"), g_module_error ());
      return NULL;
    }
  if (!g_module_symbol (module, "commons_net_module_get_funcs", (gpointer *) &get_funcs) ||
      get_funcs == NULL || (funcs = get_funcs ()) == NULL ||
      funcs->version != COMMONS_NET_FUNCS_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Commons cannot load its network module (%s)"),
                   "not the network module of this version of Commons");
      g_module_close (module);
      return NULL;
    }
  /* Kept for the life of the process: sessions and threads may use it. */
  g_module_make_resident (module);
  return (gpointer) funcs;
}

/**
 * _commons_net_get:
 *
 * Loads the network module the first time it is called, from any thread.
 *
 * Returns: (transfer none) (nullable): its functions, or %NULL if it cannot
 *   be loaded; then every later call fails the same way
 */
const CommonsNetFuncs *
_commons_net_get (GError **error)
{
  static GOnce once = G_ONCE_INIT;
  static GError *load_error;

  g_once (&once, load_module, &load_error);
  if (once.retval == NULL)
    {
      if (error != NULL)
        *error = g_error_copy (load_error);
      return NULL;
    }
  return once.retval;
}
