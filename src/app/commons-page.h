/* commons-page.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define COMMONS_TYPE_PAGE (commons_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CommonsPage, commons_page, COMMONS, PAGE, AdwBin)

struct _CommonsPageClass
{
  AdwBinClass parent_class;

  gboolean (*save)   (CommonsPage *self);
  void     (*reload) (CommonsPage *self);

  /*< private >*/
  gpointer padding[2];
};

gboolean commons_page_get_sidebar_folded (CommonsPage *self);
void     commons_page_set_sidebar_folded (CommonsPage *self,
                                          gboolean     sidebar_folded);
gboolean commons_page_save               (CommonsPage *self);
void     commons_page_reload             (CommonsPage *self);

void     commons_bin_dispose_template    (AdwBin      *bin,
                                          GType        type);

G_END_DECLS
