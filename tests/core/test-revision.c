/* test-revision.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "commons-json.h"
#include "commons-revision.h"

#define RECORD "0b7a6c1e-2f4d-4c3b-9a8e-1d2c3b4a5f60"
#define AUTHOR "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"
#define TIME   "2026-01-02T03:04:05.678Z"

static CommonsRevision *
make_note (const char * const *parents,
           const char         *title)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  CommonsRevision *revision;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "body", "élève\nligne deux");
  revision = commons_revision_new (RECORD, "note", parents, AUTHOR, TIME, FALSE, fields, &error);
  g_assert_no_error (error);
  return revision;
}

static void
test_stable_id (void)
{
  g_autoptr(CommonsRevision) revision = make_note (NULL, "Fractions");

  /* The id is the SHA-256 of this exact canonical text; if either line
   * changes, every stored revision id in the world changes with it. */
  g_assert_cmpstr (commons_revision_get_canonical (revision), ==,
                   "{\"author\":\"" AUTHOR "\",\"deleted\":false,"
                   "\"fields\":{\"body\":\"élève\\nligne deux\",\"title\":\"Fractions\"},"
                   "\"kind\":\"note\",\"parents\":[],\"record\":\"" RECORD "\","
                   "\"time\":\"" TIME "\",\"v\":1}");
  g_assert_cmpstr (commons_revision_get_id (revision), ==,
                   "e4c385fabea795df926692489f301cedb9a1fc4882bad1e9100237377cb2b4c8");
}

static void
test_parents_sorted (void)
{
  const char *p1[] = { "bb00000000000000000000000000000000000000000000000000000000000000",
                       "aa00000000000000000000000000000000000000000000000000000000000000", NULL };
  const char *p2[] = { "aa00000000000000000000000000000000000000000000000000000000000000",
                       "bb00000000000000000000000000000000000000000000000000000000000000", NULL };
  g_autoptr(CommonsRevision) a = make_note (p1, "x");
  g_autoptr(CommonsRevision) b = make_note (p2, "x");

  g_assert_cmpstr (commons_revision_get_id (a), ==, commons_revision_get_id (b));
  g_assert_cmpstr (commons_revision_get_parents (a)[0], ==, p2[0]);
}

static void
test_wire_round_trip (void)
{
  g_autoptr(CommonsRevision) revision = make_note (NULL, "Round trip");
  g_autoptr(JsonNode) wire = commons_revision_to_wire (revision);
  g_autoptr(CommonsRevision) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = json_to_string (wire, TRUE);

  back = commons_revision_new_from_json (text, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_revision_get_id (back), ==, commons_revision_get_id (revision));
  g_assert_cmpstr (commons_revision_get_canonical (back), ==, commons_revision_get_canonical (revision));
}

static void
test_rejects (void)
{
  g_autoptr(CommonsRevision) revision = make_note (NULL, "Tamper");
  g_autoptr(JsonNode) wire = commons_revision_to_wire (revision);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) back = NULL;
  g_autofree char *text = NULL;

  json_object_set_string_member (json_object_get_object_member (json_node_get_object (wire), "fields"),
                                 "title", "Tampered");
  text = json_to_string (wire, FALSE);
  back = commons_revision_new_from_json (text, -1, NULL, &error);
  g_assert_null (back);
  g_assert_error (error, COMMONS_REVISION_ERROR, COMMONS_REVISION_ERROR_WRONG_ID);

  {
    const char *bad[] = {
      "{}",
      "[]",
      "{\"v\":2,\"record\":\"" RECORD "\",\"kind\":\"note\",\"parents\":[],\"author\":null,"
      "\"time\":\"" TIME "\",\"deleted\":false,\"fields\":{}}",
      "{\"v\":1,\"record\":\"not-a-uuid\",\"kind\":\"note\",\"parents\":[],\"author\":null,"
      "\"time\":\"" TIME "\",\"deleted\":false,\"fields\":{}}",
      "{\"v\":1,\"record\":\"" RECORD "\",\"kind\":\"note\",\"parents\":[],\"author\":null,"
      "\"time\":\"yesterday\",\"deleted\":false,\"fields\":{}}",
      "{\"v\":1,\"record\":\"" RECORD "\",\"kind\":\"note\",\"parents\":[\"zz\"],\"author\":null,"
      "\"time\":\"" TIME "\",\"deleted\":false,\"fields\":{}}",
      "{\"v\":1,\"record\":\"" RECORD "\",\"kind\":\"note\",\"parents\":[],\"author\":null,"
      "\"time\":\"" TIME "\",\"deleted\":\"no\",\"fields\":{}}",
      "{\"v\":1,\"record\":\"" RECORD "\",\"kind\":\"note\",\"parents\":[],\"author\":null,"
      "\"time\":\"" TIME "\",\"deleted\":false,\"fields\":{},\"extra\":1}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) e = NULL;
        g_autoptr(CommonsRevision) r = commons_revision_new_from_json (bad[i], -1, NULL, &e);

        g_assert_null (r);
        g_assert_nonnull (e);
      }
  }
}

static void
test_time (void)
{
  g_autofree char *now = commons_time_now ();

  g_assert_true (commons_time_is_valid (now));
  g_assert_true (commons_time_is_valid (TIME));
  g_assert_false (commons_time_is_valid ("2026-01-02T03:04:05Z"));
  g_assert_false (commons_time_is_valid ("2026-13-02T03:04:05.678Z"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/revision/id/stable", test_stable_id);
  g_test_add_func ("/revision/id/parents-sorted", test_parents_sorted);
  g_test_add_func ("/revision/wire/round-trip", test_wire_round_trip);
  g_test_add_func ("/revision/wire/rejects", test_rejects);
  g_test_add_func ("/revision/time", test_time);

  return g_test_run ();
}
