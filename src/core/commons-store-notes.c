/* commons-store-notes.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include "commons-store-private.h"

/* The note kind: a title and a body, private to this device unless shared. */

static JsonObject *
note_fields (const char *title,
             const char *body)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "title", title != NULL ? title : "");
  json_object_set_string_member (fields, "body", body != NULL ? body : "");
  return fields;
}

/**
 * commons_store_create_note:
 *
 * Returns: (transfer full): the id of a new private note
 */
char *
commons_store_create_note (CommonsStore  *self,
                           const char    *title,
                           const char    *body,
                           GError       **error)
{
  g_autoptr(JsonObject) fields = note_fields (title, body);

  return commons_store_create_record (self, "note", COMMONS_SCOPE_LOCAL, fields, error);
}

gboolean
commons_store_update_note (CommonsStore  *self,
                           const char    *record,
                           const char    *title,
                           const char    *body,
                           GError       **error)
{
  g_autoptr(JsonObject) fields = note_fields (title, body);

  return commons_store_edit_record (self, record, fields, error);
}

/**
 * commons_store_update_note_from:
 * @base: (nullable): the revision the editor was filled from; %NULL for
 *   the current one
 * @written: (out) (optional) (transfer full): the revision that holds the
 *   note's text now
 *
 * commons_store_update_note() for an editor that may have stayed open
 * while the note changed elsewhere (a sync, an import): the edit descends
 * from @base, so that change merges with it instead of being written over.
 */
gboolean
commons_store_update_note_from (CommonsStore  *self,
                                const char    *record,
                                const char    *base,
                                const char    *title,
                                const char    *body,
                                char         **written,
                                GError       **error)
{
  g_autoptr(JsonObject) fields = note_fields (title, body);

  return _commons_store_edit_record_full (self, record, base, fields, TRUE, written, error);
}
