/* commons-page.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-page"

#include "config.h"

#include "commons-page.h"

/* What every page of the window shares: whether the window's sidebar is
 * folded away, which each page's header follows to show the start title
 * buttons and a button that brings the sidebar back; saving what is
 * being edited when the window closes; and reading its lists again when
 * another connection wrote (a sync). The window does both for each of
 * its pages, without knowing which pages it has. */

typedef struct
{
  gboolean sidebar_folded;
} CommonsPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CommonsPage, commons_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SIDEBAR_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
commons_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CommonsPage *self = COMMONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_FOLDED:
      g_value_set_boolean (value, commons_page_get_sidebar_folded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CommonsPage *self = COMMONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_FOLDED:
      commons_page_set_sidebar_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_page_class_init (CommonsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = commons_page_get_property;
  object_class->set_property = commons_page_set_property;

  /**
   * CommonsPage:sidebar-folded:
   *
   * Whether the window's sidebar is folded away, so the page shows a
   * button to bring it back.
   */
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
commons_page_init (CommonsPage *self)
{
}

gboolean
commons_page_get_sidebar_folded (CommonsPage *self)
{
  CommonsPagePrivate *priv = commons_page_get_instance_private (self);

  g_return_val_if_fail (COMMONS_IS_PAGE (self), FALSE);

  return priv->sidebar_folded;
}

void
commons_page_set_sidebar_folded (CommonsPage *self,
                                 gboolean     sidebar_folded)
{
  CommonsPagePrivate *priv = commons_page_get_instance_private (self);

  g_return_if_fail (COMMONS_IS_PAGE (self));

  sidebar_folded = !!sidebar_folded;
  if (priv->sidebar_folded == sidebar_folded)
    return;
  priv->sidebar_folded = sidebar_folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_FOLDED]);
}

/**
 * commons_page_save:
 *
 * Saves what is being edited on the page, if anything changed.
 *
 * Returns: %FALSE if it could not be saved; the page says why
 */
gboolean
commons_page_save (CommonsPage *self)
{
  g_return_val_if_fail (COMMONS_IS_PAGE (self), FALSE);

  if (COMMONS_PAGE_GET_CLASS (self)->save == NULL)
    return TRUE;
  return COMMONS_PAGE_GET_CLASS (self)->save (self);
}

/**
 * commons_page_reload:
 *
 * Reads the page's lists again after another connection wrote to the
 * store: a sync, an import.
 */
void
commons_page_reload (CommonsPage *self)
{
  g_return_if_fail (COMMONS_IS_PAGE (self));

  if (COMMONS_PAGE_GET_CLASS (self)->reload != NULL)
    COMMONS_PAGE_GET_CLASS (self)->reload (self);
}

/**
 * commons_bin_dispose_template:
 * @bin: a page, or another bin whose child comes from its template
 * @type: the bin's own type, whose template to dispose
 *
 * What a bin's dispose calls instead of gtk_widget_dispose_template().
 * The bin lets go of its child first: disposing the template would
 * unparent the child behind the bin's back and drop its last reference,
 * and the bin would then unparent a widget that is gone (a critical
 * warning as the window closes).
 */
void
commons_bin_dispose_template (AdwBin *bin,
                              GType   type)
{
  g_return_if_fail (ADW_IS_BIN (bin));

  adw_bin_set_child (bin, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (bin), type);
}
