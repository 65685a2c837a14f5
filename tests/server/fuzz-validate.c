/* fuzz-validate.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target over commons-server's request validation and the
 * core's JSON reading and revision parsing: every body the server reads
 * goes through these functions first. Built and run by build-aux/fuzz-server.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "commons-json.h"
#include "commons-revision.h"
#include "commons-server-validate.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
check_object (JsonObject *object)
{
  g_autoptr(GPtrArray) items = NULL;
  CommonsServerRequest request;

  if (commons_server_parse_create (object, &request, NULL))
    commons_server_request_clear (&request);
  if (commons_server_parse_join (object, &request, NULL))
    {
      /* A normalized code is always the canonical 24 characters or "". */
      g_assert (strlen (request.code) == 24 || request.code[0] == '\0');
      commons_server_request_clear (&request);
    }
  if (commons_server_parse_invite (object, &request, NULL))
    g_assert (request.uses >= 1 && request.expires_in >= COMMONS_SERVER_MIN_INVITE_SECONDS);

  items = commons_server_parse_push (object, NULL, NULL);
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      CommonsPushItem *item = g_ptr_array_index (items, i);
      g_autoptr(CommonsRevision) again = NULL;
      const char *canonical;

      if (item->state != COMMONS_PUSH_ITEM_OK)
        {
          g_assert (commons_push_item_reason (item->state) != NULL);
          continue;
        }
      /* What the server stores must parse back to the same id. */
      canonical = commons_revision_get_canonical (item->revision);
      g_assert (strlen (canonical) <= COMMONS_REVISION_MAX_SIZE);
      again = commons_revision_new_from_json (canonical, -1, commons_revision_get_id (item->revision), NULL);
      g_assert (again != NULL);
      g_assert (strcmp (commons_revision_get_canonical (again), canonical) == 0);
    }
}

/* Commons reads JSON in one pass of its own: what it accepts, json-glib
 * reads to the same tree. */
static void
check_same_as_json_glib (const guint8 *data,
                         size_t        size)
{
  g_autoptr(JsonNode) ours = commons_json_parse ((const char *) data, size, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *ours_text = NULL;
  g_autofree char *theirs_text = NULL;

  if (ours == NULL)
    return;
  parser = json_parser_new_immutable ();
  g_assert (json_parser_load_from_data (parser, (const char *) data, size, NULL));
  g_assert (json_node_equal (ours, json_parser_get_root (parser)));
  ours_text = json_to_string (ours, FALSE);
  theirs_text = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert (strcmp (ours_text, theirs_text) == 0);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *code = NULL;
  g_autofree char *token = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 seq = 0;
  guint n = 0;

  check_same_as_json_glib (data, size);
  object = commons_server_parse_object ((const char *) data, size, NULL);
  if (object != NULL)
    check_object (object);

  /* The same bytes as the other things a request carries. */
  if (commons_server_parse_seq (text, &seq))
    g_assert (seq >= 0 && seq <= COMMONS_JSON_MAX_INT);
  code = commons_server_normalize_code (text);
  if (code != NULL)
    g_assert (strlen (code) == 24);
  parts = commons_server_split_path (text, &n);
  g_assert ((parts == NULL) == (n == 0));
  if (commons_server_parse_bearer (text, &token))
    g_assert (commons_server_token_is_wellformed (token));
  return 0;
}
