/* bench-server.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures commons-server over loopback: pushes of 500 revisions, no-op
 * pulls per second, and a pull of 10,000 revisions, with 100,000
 * revisions stored across 100 groups. Run by build-aux/bench-server.
 */

#include "config.h"

#include <string.h>

#include "commons-identity.h"
#include "commons-revision.h"
#include "server-test-common.h"

#include "bench-common.h"

typedef struct
{
  char *group;
  char *token;
  char *person;
} Group;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* A group created by a new person, with the proof a client sends. */
static char *
create_body (const char  *name,
             char       **person,
             char       **seed)
{
  g_autofree char *proof = NULL;

  g_assert_true (commons_identity_generate (seed, person, NULL));
  proof = commons_identity_sign (*seed, COMMONS_SIGN_CREATE_GROUP, name);
  return g_strdup_printf ("{\"name\":\"%s\",\"display_name\":\"T\",\"person\":\"%s\",\"proof\":\"%s\"}",
                          name, *person, proof);
}

static char *
batch_body (const char *person,
            const char *seed,
            guint       n,
            guint       salt)
{
  g_autoptr(GString) body = g_string_new ("{\"revisions\":[");
  g_autofree char *previous = NULL;
  g_autofree char *record = g_uuid_string_random ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *title = g_strdup_printf ("Lesson %u.%u", salt, i);
      const char *parents[] = { previous, NULL };
      g_autoptr(CommonsRevision) revision = NULL;
      g_autoptr(JsonNode) wire = NULL;
      g_autofree char *text = NULL;

      /* Records of ten revisions each, like a plan edited a few times. */
      if (i % 10 == 0)
        {
          g_free (record);
          record = g_uuid_string_random ();
          g_clear_pointer (&previous, g_free);
        }
      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "summary",
                                     "Fractions with paper strips: fold, name, compare. "
                                     "Then halves, quarters and eighths on a number line.");
      json_object_set_int_member (fields, "duration", 45);
      revision = commons_revision_new (record, "plan", previous ? parents : NULL, person,
                                       "2026-01-02T03:04:05.678Z", FALSE, fields, NULL);
      g_free (previous);
      previous = g_strdup (commons_revision_get_id (revision));
      wire = commons_revision_to_wire (revision);
      {
        g_autofree char *sig = commons_identity_sign (seed, COMMONS_SIGN_REVISION,
                                                      commons_revision_get_id (revision));
        json_object_set_string_member (json_node_get_object (wire), "sig", sig);
      }
      text = json_to_string (wire, FALSE);
      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, text);
    }
  g_string_append (body, "]}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GArray) push_times = g_array_new (FALSE, FALSE, sizeof (double));
  TestServer server;
  guint n_groups = argc > 1 ? atoi (argv[1]) : 100;
  guint per_group = argc > 2 ? atoi (argv[2]) : 1000;
  guint n_noop = 5000;
  Group *groups;
  Group big = { 0 };
  double t0, elapsed;
  guint total = 0;

  if (g_getenv ("COMMONS_SERVER") == NULL)
    {
      g_printerr ("COMMONS_SERVER is not set\n");
      return 1;
    }
  session = test_session_new ();
  test_server_start (&server, NULL);
  groups = g_new0 (Group, n_groups);

  g_print ("populating %u groups x %u revisions...\n", n_groups, per_group);
  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *person = NULL;
      g_autofree char *seed = NULL;
      g_autofree char *name = g_strdup_printf ("Group %u", g);
      g_autofree char *body = create_body (name, &person, &seed);
      g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/groups", NULL, body);

      g_assert_cmpuint (reply->status, ==, 201);
      groups[g].group = g_strdup (test_reply_string (reply, "group.id"));
      groups[g].token = g_strdup (test_reply_string (reply, "token"));
      groups[g].person = g_strdup (person);
      for (guint done = 0; done < per_group; done += 500)
        {
          guint n = MIN (500, per_group - done);
          g_autofree char *batch = batch_body (person, seed, n, done);
          g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", groups[g].group);
          g_autoptr(TestReply) pushed = NULL;
          double t;

          t = now_ms ();
          pushed = test_request (session, &server, "POST", path, groups[g].token, batch);
          t = now_ms () - t;
          g_assert_cmpuint (pushed->status, ==, 200);
          if (n == 500)
            g_array_append_val (push_times, t);
          total += n;
        }
    }
  g_array_sort (push_times, bench_compare_double);
  g_print ("stored %u revisions\n", total);
  if (push_times->len > 0)
    g_print ("push of 500 revisions: median %.1f ms, p95 %.1f ms, max %.1f ms (%u pushes)\n",
             g_array_index (push_times, double, push_times->len / 2),
             g_array_index (push_times, double, push_times->len * 95 / 100),
             g_array_index (push_times, double, push_times->len - 1), push_times->len);

  /* No-op pulls: a client that is up to date asks for what is new. */
  {
    Group *g = &groups[n_groups / 2];
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%u&limit=500", g->group, per_group);

    t0 = now_ms ();
    for (guint i = 0; i < n_noop; i++)
      {
        g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, g->token, NULL);
        g_assert_cmpuint (reply->status, ==, 200);
      }
    elapsed = now_ms () - t0;
    g_print ("no-op pulls: %u in %.0f ms = %.0f per second (one client)\n",
             n_noop, elapsed, n_noop / (elapsed / 1000.0));
  }

  /* One more group with 10,000 revisions, pulled from scratch. */
  {
    g_autofree char *person = NULL;
    g_autofree char *seed = NULL;
    g_autofree char *body = create_body ("Big", &person, &seed);
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/groups", NULL, body);
    gint64 after = 0;
    guint pulled = 0;
    gboolean more = TRUE;

    big.group = g_strdup (test_reply_string (reply, "group.id"));
    big.token = g_strdup (test_reply_string (reply, "token"));
    for (guint done = 0; done < 10000; done += 500)
      {
        g_autofree char *batch = batch_body (person, seed, 500, done);
        g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", big.group);
        g_autoptr(TestReply) pushed = test_request (session, &server, "POST", path, big.token, batch);
        g_assert_cmpuint (pushed->status, ==, 200);
      }

    t0 = now_ms ();
    while (more)
      {
        g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=1000",
                                                 big.group, after);
        g_autoptr(TestReply) page = test_request (session, &server, "GET", path, big.token, NULL);
        JsonObject *root = json_node_get_object (page->body);

        pulled += json_array_get_length (json_object_get_array_member (root, "revisions"));
        after = json_object_get_int_member (root, "next");
        more = json_object_get_boolean_member (root, "more");
      }
    elapsed = now_ms () - t0;
    g_assert_cmpuint (pulled, ==, 10000);
    g_print ("pull of %u revisions (pages of 1000, parsed by the client): %.0f ms\n", pulled, elapsed);
  }

  for (guint g = 0; g < n_groups; g++)
    {
      g_free (groups[g].group);
      g_free (groups[g].token);
      g_free (groups[g].person);
    }
  g_free (groups);
  g_free (big.group);
  g_free (big.token);
  test_server_free (&server);
  return 0;
}
