/* commons-json.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define COMMONS_JSON_ERROR (commons_json_error_quark ())

typedef enum
{
  COMMONS_JSON_ERROR_SYNTAX,
  COMMONS_JSON_ERROR_UTF8,
  COMMONS_JSON_ERROR_DEPTH,
  COMMONS_JSON_ERROR_NUMBER,
  COMMONS_JSON_ERROR_DUPLICATE_KEY,
  COMMONS_JSON_ERROR_TOO_LARGE,
  COMMONS_JSON_ERROR_NOT_CANONICAL,
  COMMONS_JSON_ERROR_NUL,
} CommonsJsonError;

/* Deep enough for every document Commons writes, far below what overflows
 * json-glib's recursive parser. */
#define COMMONS_JSON_MAX_DEPTH 32

/* Integers in documents must fit a double exactly, so every JSON reader
 * agrees on their value. */
#define COMMONS_JSON_MAX_INT ((gint64) 9007199254740991)

GQuark      commons_json_error_quark (void);

gboolean    commons_json_check       (const char   *data,
                                      gsize         length,
                                      guint         max_depth,
                                      GError      **error);
JsonNode   *commons_json_parse       (const char   *data,
                                      gssize        length,
                                      GError      **error);
char       *commons_json_canonical   (JsonNode     *node,
                                      GError      **error);
void        commons_json_append_string (GString    *out,
                                        const char *str);

G_END_DECLS
