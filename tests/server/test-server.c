/* test-server.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real commons-server on loopback: auth on every endpoint, pushes
 * replayed and reordered, pagination under concurrent pushes, SIGKILL
 * during pushes, hostile input, rate limits, SIGTERM, invites, backup.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/socket.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "commons-group-rule.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-plan.h"
#include "commons-revision.h"
#include "server-test-common.h"

typedef struct
{
  char *group;
  char *member;
  char *token;
  char *person;
} Membership;

/* Every person a test made, by id, with their private key, so that pushes
 * are signed as a real client signs them. */
static GHashTable *seeds;

static char *
new_person (void)
{
  g_autoptr(GError) error = NULL;
  char *seed = NULL;
  char *person = NULL;

  g_assert_true (commons_identity_generate (&seed, &person, &error));
  g_assert_no_error (error);
  if (seeds == NULL)
    seeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (seeds, g_strdup (person), seed);
  return person;
}

static char *
proof_of (const char         *person,
          CommonsSignPurpose  purpose,
          const char         *subject)
{
  return commons_identity_sign (g_hash_table_lookup (seeds, person), purpose, subject);
}

/* A join request by a new person, with the proof a client sends. */
static char *
join_body (const char *code,
           const char *display_name)
{
  g_autofree char *person = new_person ();
  g_autofree char *proof = proof_of (person, COMMONS_SIGN_JOIN, code);

  return g_strdup_printf ("{\"code\":\"%s\",\"display_name\":\"%s\",\"person\":\"%s\",\"proof\":\"%s\"}",
                          code, display_name, person, proof);
}

static void
membership_clear (Membership *m)
{
  g_clear_pointer (&m->group, g_free);
  g_clear_pointer (&m->member, g_free);
  g_clear_pointer (&m->token, g_free);
  g_clear_pointer (&m->person, g_free);
}

static void
adopt (Membership *m,
       TestReply  *reply,
       const char *person)
{
  g_assert_cmpuint (reply->status, ==, 201);
  m->group = g_strdup (test_reply_string (reply, "group.id"));
  m->member = g_strdup (test_reply_string (reply, "member.id"));
  m->token = g_strdup (test_reply_string (reply, "token"));
  m->person = g_strdup (person);
  g_assert_true (commons_uuid_is_valid (m->group));
  g_assert_cmpuint (strlen (m->token), ==, 43);
}

static void
create_group (SoupSession *session,
              TestServer  *server,
              Membership  *m)
{
  g_autofree char *person = new_person ();
  g_autofree char *proof = proof_of (person, COMMONS_SIGN_CREATE_GROUP, "Year 5");
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Year 5\",\"display_name\":\"Ada\",\"person\":\"%s\",\"proof\":\"%s\"}",
                                           person, proof);
  g_autoptr(TestReply) reply = test_request (session, server, "POST", "/v1/groups", NULL, body);

  adopt (m, reply, person);
  g_assert_cmpstr (test_reply_string (reply, "member.role"), ==, "organizer");
}

static char *
make_invite (SoupSession *session,
             TestServer  *server,
             Membership  *organizer,
             guint        uses)
{
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/invites", organizer->group);
  g_autofree char *body = g_strdup_printf ("{\"uses\":%u,\"expires_in\":3600}", uses);
  g_autoptr(TestReply) reply = test_request (session, server, "POST", path, organizer->token, body);

  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_nonnull (test_reply_string (reply, "code"));
  return g_strdup (test_reply_string (reply, "code"));
}

static void
join_group (SoupSession *session,
            TestServer  *server,
            Membership  *organizer,
            Membership  *m)
{
  g_autofree char *code = make_invite (session, server, organizer, 1);
  g_autofree char *person = new_person ();
  g_autofree char *proof = proof_of (person, COMMONS_SIGN_JOIN, code);
  g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"display_name\":\"Bea\",\"person\":\"%s\",\"proof\":\"%s\"}",
                                           code, person, proof);
  g_autoptr(TestReply) reply = test_request (session, server, "POST", "/v1/join", NULL, body);

  adopt (m, reply, person);
  g_assert_cmpstr (m->group, ==, organizer->group);
  g_assert_cmpstr (test_reply_string (reply, "member.role"), ==, "member");
}

/* A chain of revisions of one record, each the child of the last. */
static GPtrArray *
make_chain (const char *author,
            guint       n,
            const char *first_parent)
{
  GPtrArray *chain = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autofree char *record = g_uuid_string_random ();
  g_autofree char *previous = g_strdup (first_parent);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *title = g_strdup_printf ("Step %u of %s", i, record);
      const char *parents[] = { previous, NULL };
      CommonsRevision *revision;

      json_object_set_string_member (fields, "title", title);
      json_object_set_string_member (fields, "body", "Fractions with paper strips, élèves, 分数");
      revision = commons_revision_new (record, "note", previous ? parents : NULL, author,
                                       "2026-01-02T03:04:05.678Z", FALSE, fields, &error);
      g_assert_no_error (error);
      g_free (previous);
      previous = g_strdup (commons_revision_get_id (revision));
      g_ptr_array_add (chain, revision);
    }
  return chain;
}

/* A push body, each revision signed by @signer, or by its own author
 * when @signer is NULL and the author is a person this test made. */
static char *
push_body_signed_by (GPtrArray  *revisions,
                     const char *signer)
{
  g_autoptr(GString) body = g_string_new ("{\"revisions\":[");

  for (guint i = 0; i < revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (revisions, i);
      g_autoptr(JsonNode) wire = commons_revision_to_wire (revision);
      const char *by = signer != NULL ? signer : commons_revision_get_author (revision);
      const char *seed = by != NULL && seeds != NULL ? g_hash_table_lookup (seeds, by) : NULL;
      g_autofree char *text = NULL;

      if (seed != NULL)
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

static char *
push_body (GPtrArray *revisions)
{
  return push_body_signed_by (revisions, NULL);
}

static TestReply *
push (SoupSession *session,
      TestServer  *server,
      Membership  *m,
      GPtrArray   *revisions)
{
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", m->group);
  g_autofree char *body = push_body (revisions);

  return test_request (session, server, "POST", path, m->token, body);
}

static JsonArray *
results_of (TestReply *reply)
{
  g_assert_cmpuint (reply->status, ==, 200);
  return json_object_get_array_member (json_node_get_object (reply->body), "results");
}

static const char *
result_status (TestReply *reply,
               guint      i)
{
  JsonObject *item = json_array_get_object_element (results_of (reply), i);

  return json_object_get_string_member (item, "status");
}

static const char *
result_reason (TestReply *reply,
               guint      i)
{
  JsonObject *item = json_array_get_object_element (results_of (reply), i);

  return json_object_get_string_member_with_default (item, "reason", "");
}

/* Everything the group holds, in server order: "seq id pushed_by sha" lines,
 * each revision checked again on arrival. */
static GPtrArray *
pull_all (SoupSession *session,
          TestServer  *server,
          Membership  *m,
          guint        limit)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  gint64 after = 0;
  gboolean more = TRUE;

  while (more)
    {
      g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=%u",
                                               m->group, after, limit);
      g_autoptr(TestReply) reply = test_request (session, server, "GET", path, m->token, NULL);
      JsonObject *root;
      JsonArray *items;

      g_assert_cmpuint (reply->status, ==, 200);
      root = json_node_get_object (reply->body);
      items = json_object_get_array_member (root, "revisions");
      g_assert_cmpuint (json_array_get_length (items), <=, limit);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(CommonsRevision) revision = NULL;
          gint64 seq = json_object_get_int_member (item, "seq");

          g_assert_cmpint (seq, >, after);
          after = seq;
          revision = commons_revision_new_from_node (json_object_get_member (item, "revision"), NULL, &error);
          g_assert_no_error (error);
          g_ptr_array_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT " %s %s", seq,
                                                  commons_revision_get_id (revision),
                                                  json_object_get_string_member (item, "pushed_by")));
        }
      g_assert_cmpint (json_object_get_int_member (root, "next"), ==, after);
      more = json_object_get_boolean_member (root, "more");
      g_assert_true (more || json_array_get_length (items) <= limit);
    }
  return rows;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids a group holds, sorted, as one string. */
static char *
held_ids (SoupSession *session,
          TestServer  *server,
          Membership  *m)
{
  g_autoptr(GPtrArray) rows = pull_all (session, server, m, 1000);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (rows, i), " ", 3);
      g_ptr_array_add (ids, g_strdup (parts[1]));
    }
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0 && g_strcmp0 (g_ptr_array_index (ids, i - 1), g_ptr_array_index (ids, i)) == 0)
        g_error ("revision %s held twice", (char *) g_ptr_array_index (ids, i));
      g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (ids, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_alive (SoupSession *session,
              TestServer  *server)
{
  g_autoptr(TestReply) reply = test_request (session, server, "GET", "/v1/info", NULL, NULL);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (test_reply_string (reply, "server"), ==, "commons-server");
}

static void
test_info (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  g_autoptr(TestReply) reply = NULL;
  JsonObject *limits;

  test_server_start (&server, NULL);
  reply = test_request (session, &server, "GET", "/v1/info", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (test_reply_string (&*reply, "version"), ==, PACKAGE_VERSION);
  limits = json_object_get_object_member (json_node_get_object (reply->body), "limits");
  g_assert_cmpint (json_object_get_int_member (limits, "max_batch"), >, 0);
  g_assert_cmpint (json_object_get_int_member (limits, "max_body_bytes"), >, 0);
  g_assert_cmpint (json_object_get_int_member (limits, "read_timeout_seconds"), ==, 10);
  g_clear_pointer (&reply, test_reply_free);

  reply = test_request (session, &server, "GET", "/v1/nothing", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, test_reply_free);
  reply = test_request (session, &server, "DELETE", "/v1/info", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 405);
  g_assert_cmpstr (reply->allow, ==, "GET");
  g_clear_pointer (&reply, test_reply_free);

  /* Below a group, the route and the method are judged before the token:
   * an unknown path or method answers the same with or without one. */
  reply = test_request (session, &server, "PUT", "/v1/groups/x/revisions", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 405);
  g_assert_cmpstr (reply->allow, ==, "GET, POST");
  g_clear_pointer (&reply, test_reply_free);
  reply = test_request (session, &server, "GET", "/v1/groups/x/nothing", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 404);
  g_clear_pointer (&reply, test_reply_free);
  reply = test_request (session, &server, "GET", "/v1/groups/x/invites/y", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 405);
  g_assert_cmpstr (reply->allow, ==, "DELETE");
  g_clear_pointer (&reply, test_reply_free);
  reply = test_request (session, &server, "GET", "/v1/groups/x", NULL, NULL);
  g_assert_cmpuint (reply->status, ==, 401);
  test_server_free (&server);
}

/* Every endpoint × {no token, bad token, revoked token, another group's
 * token}: 401 or 404, with nothing of the group in the answer. */
static void
test_auth_matrix (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 }, other = { 0 }, revoked = { 0 }, victim = { 0 };
  g_autofree char *bad_token = g_strnfill (43, 'A');
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *body = NULL;
  g_autofree char *invite_id = NULL;
  struct { const char *method; const char *suffix; gboolean has_body; } endpoints[] = {
    { "GET", "", FALSE },
    { "POST", "/invites", TRUE },
    { "GET", "/invites", FALSE },
    { "DELETE", "/invites/INVITE", FALSE },
    { "DELETE", "/members/VICTIM", FALSE },
    { "POST", "/revisions", TRUE },
    { "GET", "/revisions?after=0&limit=10", FALSE },
    { "GET", "/digest?upto=100", FALSE },
  };

  test_server_start (&server, "--auth-failures-per-minute", "100000", NULL);
  create_group (session, &server, &owner);
  create_group (session, &server, &other);
  join_group (session, &server, &owner, &revoked);
  join_group (session, &server, &owner, &victim);

  chain = make_chain (owner.person, 3, NULL);
  {
    g_autoptr(TestReply) reply = push (session, &server, &owner, chain);
    g_assert_cmpstr (result_status (reply, 0), ==, "stored");
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s/invites", owner.group);
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", path, owner.token, "{}");
    invite_id = g_strdup (test_reply_string (reply, "id"));
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s/members/%s", owner.group, revoked.member);
    g_autoptr(TestReply) reply = test_request (session, &server, "DELETE", path, owner.token, NULL);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (test_reply_string (reply, "status"), ==, "revoked");
  }

  body = push_body (chain);
  for (guint e = 0; e < G_N_ELEMENTS (endpoints); e++)
    {
      const char *tokens[] = { NULL, bad_token, revoked.token, other.token };
      g_autofree char *suffix = g_strdup (endpoints[e].suffix);
      g_autofree char *path = NULL;

      if (strstr (suffix, "INVITE"))
        {
          g_free (suffix);
          suffix = g_strdup_printf ("/invites/%s", invite_id);
        }
      else if (strstr (suffix, "VICTIM"))
        {
          g_free (suffix);
          suffix = g_strdup_printf ("/members/%s", victim.member);
        }
      path = g_strdup_printf ("/v1/groups/%s%s", owner.group, suffix);

      for (guint t = 0; t < G_N_ELEMENTS (tokens); t++)
        {
          g_autoptr(TestReply) reply = test_request (session, &server, endpoints[e].method, path, tokens[t],
                                                     endpoints[e].has_body ? body : NULL);
          g_autofree char *text = reply->body ? json_to_string (reply->body, FALSE) : g_strdup ("");

          g_test_message ("%s %s token %u: %u", endpoints[e].method, suffix, t, reply->status);
          /* Another group's token: as if the group did not exist. */
          g_assert_cmpuint (reply->status, ==, t == 3 ? 404 : 401);
          g_assert_null (strstr (text, owner.group));
          g_assert_null (strstr (text, owner.member));
          g_assert_null (strstr (text, commons_revision_get_id (g_ptr_array_index (chain, 0))));
          g_assert_nonnull (strstr (text, "\"error\""));
        }
    }

  /* A real group id that does not exist, with a valid token: 404 too. */
  {
    g_autofree char *unknown = g_uuid_string_random ();
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s", unknown);
    g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, owner.token, NULL);
    g_assert_cmpuint (reply->status, ==, 404);
  }

  /* None of it changed anything: the victim is still there, and a plain
   * member cannot revoke anyone. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s/members/%s", owner.group, owner.member);
    g_autoptr(TestReply) reply = test_request (session, &server, "DELETE", path, victim.token, NULL);
    g_assert_cmpuint (reply->status, ==, 403);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s/invites", owner.group);
    g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, victim.token, NULL);
    g_assert_cmpuint (reply->status, ==, 403);
  }
  {
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s", owner.group);
    g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, victim.token, NULL);
    g_autofree char *text = json_to_string (reply->body, FALSE);

    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (text, victim.member));
    g_assert_null (strstr (text, victim.token));
    g_assert_nonnull (strstr (text, "\"revoked\""));
  }
  /* A member can leave; their token stops working. */
  {
    char *path = g_strdup_printf ("/v1/groups/%s/members/%s", owner.group, victim.member);
    g_autoptr(TestReply) reply = test_request (session, &server, "DELETE", path, victim.token, NULL);
    g_autoptr(TestReply) again = NULL;
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_cmpstr (test_reply_string (reply, "status"), ==, "left");
    g_free (path);
    path = g_strdup_printf ("/v1/groups/%s", owner.group);
    again = test_request (session, &server, "GET", path, victim.token, NULL);
    g_assert_cmpuint (again->status, ==, 401);
    g_free (path);
  }

  membership_clear (&owner);
  membership_clear (&other);
  membership_clear (&revoked);
  membership_clear (&victim);
  test_server_free (&server);
}

/* Replayed, reordered and duplicated pushes end in the same state as one
 * clean push. */
static void
test_push_replay (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership clean = { 0 }, messy = { 0 };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autofree char *clean_ids = NULL;
  g_autofree char *messy_ids = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  guint rounds = 0;

  test_server_start (&server, NULL);
  create_group (session, &server, &clean);
  create_group (session, &server, &messy);

  /* Three records, one of them by someone outside the group, relayed. */
  for (guint r = 0; r < 3; r++)
    {
      g_autofree char *stranger = new_person ();
      g_autoptr(GPtrArray) chain = make_chain (r == 2 ? stranger : clean.person, 6, NULL);
      for (guint i = 0; i < chain->len; i++)
        g_ptr_array_add (all, commons_revision_ref (g_ptr_array_index (chain, i)));
    }

  {
    g_autoptr(TestReply) reply = push (session, &server, &clean, all);
    for (guint i = 0; i < all->len; i++)
      g_assert_cmpstr (result_status (reply, i), ==, "stored");
  }
  clean_ids = held_ids (session, &server, &clean);

  /* The messy client: shuffled batches with duplicates, retried until
   * nothing is refused, then everything replayed twice. */
  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  for (guint i = 0; i < all->len; i++)
    g_ptr_array_add (pending, commons_revision_ref (g_ptr_array_index (all, i)));
  while (pending->len > 0)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
      g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
      g_autoptr(TestReply) reply = NULL;

      g_assert_cmpuint (++rounds, <, 100);
      for (guint i = 0; i < pending->len; i++)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          g_ptr_array_add (batch, NULL);
          batch->pdata[batch->len - 1] = batch->pdata[j];
          batch->pdata[j] = commons_revision_ref (g_ptr_array_index (pending, i));
        }
      /* A duplicate inside the batch. */
      g_ptr_array_add (batch, commons_revision_ref (g_ptr_array_index (batch, 0)));
      reply = push (session, &server, &messy, batch);
      for (guint i = 0; i < batch->len; i++)
        {
          const char *status = result_status (reply, i);

          if (g_strcmp0 (status, "rejected") == 0)
            {
              g_assert_cmpstr (result_reason (reply, i), ==, "unknown_parent");
              if (i < batch->len - 1)
                g_ptr_array_add (next, commons_revision_ref (g_ptr_array_index (batch, i)));
            }
          else
            g_assert_true (g_strcmp0 (status, "stored") == 0 || g_strcmp0 (status, "duplicate") == 0);
        }
      g_clear_pointer (&pending, g_ptr_array_unref);
      pending = g_steal_pointer (&next);
    }
  for (guint replay = 0; replay < 2; replay++)
    {
      g_autoptr(TestReply) reply = push (session, &server, &messy, all);
      for (guint i = 0; i < all->len; i++)
        g_assert_cmpstr (result_status (reply, i), ==, "duplicate");
    }

  messy_ids = held_ids (session, &server, &messy);
  g_assert_cmpstr (clean_ids, ==, messy_ids);
  g_test_message ("reordered pushes converged after %u rounds", rounds);

  /* The digest counts what is held. */
  {
    g_autofree char *path = g_strdup_printf ("/v1/groups/%s/digest?upto=1000000", messy.group);
    g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, messy.token, NULL);
    g_assert_cmpint (test_reply_int (reply, "count"), ==, all->len);
    g_assert_cmpuint (strlen (test_reply_string (reply, "digest")), ==, 64);
  }

  membership_clear (&clean);
  membership_clear (&messy);
  test_server_free (&server);
}

typedef struct
{
  TestServer *server;
  Membership *member;
  guint       batches;
  guint       per_batch;
  gint        done;
} Pusher;

static gpointer
pusher_thread (gpointer data)
{
  Pusher *pusher = data;
  g_autoptr(SoupSession) session = test_session_new ();

  for (guint b = 0; b < pusher->batches; b++)
    {
      g_autoptr(GPtrArray) chain = make_chain (pusher->member->person, pusher->per_batch, NULL);
      g_autoptr(TestReply) reply = push (session, pusher->server, pusher->member, chain);

      g_assert_cmpstr (result_status (reply, 0), ==, "stored");
    }
  g_atomic_int_set (&pusher->done, TRUE);
  return NULL;
}

/* Pages of limit − 1, limit and limit + 1 while another client pushes:
 * no revision skipped or repeated. */
static void
test_pagination (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 }, writer = { 0 };
  const guint limit = 50;

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  join_group (session, &server, &owner, &writer);
  {
    g_autoptr(GPtrArray) chain = make_chain (owner.person, limit, NULL);
    g_autoptr(TestReply) reply = push (session, &server, &owner, chain);
    g_assert_cmpstr (result_status (reply, limit - 1), ==, "stored");
  }

  for (guint size = limit - 1; size <= limit + 1; size++)
    {
      Pusher pusher = { &server, &writer, 20, 7, 0 };
      GThread *thread = g_thread_new ("pusher", pusher_thread, &pusher);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GPtrArray) final = NULL;
      gint64 after = 0;

      /* Keep paging until a page says no more after the pusher ended. */
      for (guint pages = 0;; pages++)
        {
          g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=%u",
                                                   owner.group, after, size);
          g_autoptr(TestReply) reply = NULL;
          gboolean done_before = g_atomic_int_get (&pusher.done);
          JsonObject *root;
          JsonArray *items;

          g_assert_cmpuint (pages, <, 10000);
          reply = test_request (session, &server, "GET", path, owner.token, NULL);
          g_assert_cmpuint (reply->status, ==, 200);
          root = json_node_get_object (reply->body);
          items = json_object_get_array_member (root, "revisions");
          g_assert_cmpuint (json_array_get_length (items), <=, size);
          for (guint i = 0; i < json_array_get_length (items); i++)
            {
              JsonObject *item = json_array_get_object_element (items, i);
              gint64 seq = json_object_get_int_member (item, "seq");
              const char *id = json_object_get_string_member (json_object_get_object_member (item, "revision"), "id");

              /* Sequence numbers have no gaps: nothing skipped. */
              g_assert_cmpint (seq, ==, after + 1);
              after = seq;
              g_ptr_array_add (rows, g_strdup (id));
              /* Nothing repeated. */
              g_assert_true (g_hash_table_add (seen, g_ptr_array_index (rows, rows->len - 1)));
            }
          /* A short page never claims more. */
          if (json_array_get_length (items) < size)
            g_assert_false (json_object_get_boolean_member (root, "more"));
          if (!json_object_get_boolean_member (root, "more") && done_before)
            break;
        }
      g_thread_join (thread);

      final = pull_all (session, &server, &owner, 1000);
      g_assert_cmpuint (final->len, ==, rows->len);
      g_test_message ("page size %u: %u revisions, none skipped or repeated", size, rows->len);
      after = 0;
    }

  membership_clear (&owner);
  membership_clear (&writer);
  test_server_free (&server);
}

typedef struct
{
  TestServer *server;
  Membership *member;
  GMutex      lock;
  GPtrArray  *acknowledged;
  GPtrArray  *last_batch;
  gboolean    stop;
} Crasher;

static gpointer
crash_pusher_thread (gpointer data)
{
  Crasher *c = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", c->member->group);

  while (!g_atomic_int_get (&c->stop))
    {
      g_autoptr(GPtrArray) chain = make_chain (c->member->person, 40, NULL);
      g_autofree char *body = push_body (chain);
      g_autofree char *url = g_strconcat (c->server->url, path, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(GBytes) reply = NULL;
      g_autofree char *auth = g_strdup_printf ("Bearer %s", c->member->token);

      g_mutex_lock (&c->lock);
      g_clear_pointer (&c->last_batch, g_ptr_array_unref);
      c->last_batch = g_ptr_array_ref (chain);
      g_mutex_unlock (&c->lock);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      if (reply == NULL || soup_message_get_status (msg) != 200)
        break;
      /* Acknowledged: the server answered "stored" for every one. */
      g_mutex_lock (&c->lock);
      for (guint i = 0; i < chain->len; i++)
        g_ptr_array_add (c->acknowledged, g_strdup (commons_revision_get_id (g_ptr_array_index (chain, i))));
      g_mutex_unlock (&c->lock);
    }
  return NULL;
}

/* SIGKILL during pushes, many times: every acknowledged revision is
 * there after a restart, the database is whole, a retried push answers
 * duplicate for what had landed. */
static void
test_sigkill (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  const guint kills = g_test_slow () ? 25 : 8;
  Crasher c = { 0 };

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  c.server = &server;
  c.member = &owner;
  c.acknowledged = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&c.lock);

  for (guint k = 0; k < kills; k++)
    {
      GThread *thread;
      g_autofree char *held = NULL;
      g_autoptr(GPtrArray) last = NULL;

      c.stop = FALSE;
      thread = g_thread_new ("crash-pusher", crash_pusher_thread, &c);
      g_usleep (g_rand_int_range (rand, 30, 300) * 1000);
      test_server_kill (&server, SIGKILL);
      g_atomic_int_set (&c.stop, TRUE);
      g_thread_join (thread);

      test_server_restart (&server);
      held = held_ids (session, &server, &owner);
      g_mutex_lock (&c.lock);
      for (guint i = 0; i < c.acknowledged->len; i++)
        {
          g_autofree char *line = g_strdup_printf ("%s\n", (char *) g_ptr_array_index (c.acknowledged, i));
          g_assert_nonnull (strstr (held, line));
        }
      last = c.last_batch ? g_ptr_array_ref (c.last_batch) : NULL;
      g_mutex_unlock (&c.lock);

      /* The batch in flight landed whole or not at all; retrying it
       * stores what is missing and finds the rest duplicate. */
      if (last != NULL)
        {
          g_autoptr(TestReply) reply = push (session, &server, &owner, last);
          const char *first = result_status (reply, 0);

          for (guint i = 1; i < last->len; i++)
            g_assert_cmpstr (result_status (reply, i), ==, first);
          g_mutex_lock (&c.lock);
          if (g_strcmp0 (first, "stored") == 0)
            for (guint i = 0; i < last->len; i++)
              g_ptr_array_add (c.acknowledged, g_strdup (commons_revision_get_id (g_ptr_array_index (last, i))));
          g_mutex_unlock (&c.lock);
        }
    }
  g_test_message ("%u kills, %u acknowledged revisions kept", kills, c.acknowledged->len);
  g_assert_cmpuint (c.acknowledged->len, >, 0);

  /* Nothing half-written: SQLite agrees and every body hashes to its id
   * (pull_all checks each one). */
  test_server_kill (&server, SIGKILL);
  {
    g_autofree char *db_path = g_build_filename (server.data_dir, "commons-server.db", NULL);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  test_server_restart (&server);
  {
    g_autoptr(GPtrArray) rows = pull_all (session, &server, &owner, 1000);
    g_assert_cmpuint (rows->len, >=, c.acknowledged->len);
  }

  g_clear_pointer (&c.acknowledged, g_ptr_array_unref);
  g_clear_pointer (&c.last_batch, g_ptr_array_unref);
  g_mutex_clear (&c.lock);
  membership_clear (&owner);
  test_server_free (&server);
}

/* Sends raw bytes and reads the status line, for what SoupSession will
 * not send. Returns 0 if the server closed without answering. */
static guint
raw_request (TestServer *server,
             const char *head,
             const char *body,
             gsize       body_len,
             gboolean    read_early)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  GOutputStream *out;
  guint status = 0;

  g_socket_client_set_timeout (client, 30);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error);
  g_assert_no_error (error);
  if (!read_early && body != NULL)
    {
      /* Failing to send the rest is fine: the server may hang up. */
      g_output_stream_write_all (out, body, body_len, NULL, NULL, NULL);
    }
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  if (line != NULL && g_str_has_prefix (line, "HTTP/1.1 "))
    status = (guint) g_ascii_strtoull (line + 9, NULL, 10);
  return status;
}

static void
test_malformed (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 }, other = { 0 };
  g_autofree char *path = NULL;

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  join_group (session, &server, &owner, &other);
  path = g_strdup_printf ("/v1/groups/%s/revisions", owner.group);

  /* 200,000-deep nesting. */
  {
    const gsize depth = 200000;
    g_autoptr(GString) body = g_string_new ("{\"revisions\":");
    g_autoptr(TestReply) reply = NULL;

    for (gsize i = 0; i < depth; i++)
      g_string_append_c (body, '[');
    for (gsize i = 0; i < depth; i++)
      g_string_append_c (body, ']');
    g_string_append_c (body, '}');
    reply = test_request (session, &server, "POST", path, owner.token, body->str);
    g_assert_cmpuint (reply->status, ==, 400);
    assert_alive (session, &server);
  }

  /* Bad UTF-8, huge integers, duplicate keys, wrong types, not JSON. */
  {
    const char *bodies[] = {
      "{\"revisions\":[\"\xff\xfe\"]}",
      "{\"revisions\":[],\"x\":123456789012345678901234567890}",
      "{\"revisions\":[],\"x\":9007199254740992}",
      "{\"revisions\":[],\"x\":-9007199254740993}",
      "{\"revisions\":[],\"x\":1.5}",
      "{\"revisions\":[],\"revisions\":[]}",
      "{\"revisions\":{}}",
      "{\"revisions\":\"all\"}",
      "[]",
      "",
      "{\"revisions\":[",
      "nul\0l",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(TestReply) reply = test_request (session, &server, "POST", path, owner.token, bodies[i]);
        g_test_message ("bad body %u: %u", i, reply->status);
        g_assert_cmpuint (reply->status, ==, 400);
        g_assert_nonnull (test_reply_string (reply, "error.message"));
      }
  }
  {
    const char *bodies[] = {
      "{\"name\":7,\"display_name\":\"x\",\"person\":\"00000000-0000-0000-0000-000000000000\"}",
      "{\"name\":\"x\",\"display_name\":\"x\",\"person\":\"me\"}",
      "{\"name\":\"\",\"display_name\":\"x\",\"person\":\"00000000-0000-0000-0000-000000000000\"}",
    };
    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/groups", NULL, bodies[i]);
        g_assert_cmpuint (reply->status, ==, 400);
      }
  }
  {
    g_autofree char *bad = g_strdup_printf ("/v1/groups/%s/revisions?after=-1", owner.group);
    g_autofree char *big = g_strdup_printf ("/v1/groups/%s/revisions?limit=100000000000000000000", owner.group);
    g_autoptr(TestReply) a = test_request (session, &server, "GET", bad, owner.token, NULL);
    g_autoptr(TestReply) b = test_request (session, &server, "GET", big, owner.token, NULL);
    g_assert_cmpuint (a->status, ==, 400);
    g_assert_cmpuint (b->status, ==, 400);
  }

  /* Revisions refused one by one, the batch still answered. */
  {
    g_autoptr(GPtrArray) good = make_chain (other.person, 2, NULL);
    g_autoptr(GPtrArray) impostor = make_chain (owner.person, 1, NULL);
    g_autoptr(GPtrArray) orphan = make_chain (other.person, 1, "0000000000000000000000000000000000000000000000000000000000000000");
    g_autofree char *stranger = new_person ();
    g_autoptr(GPtrArray) outsider = make_chain (stranger, 1, NULL);
    g_autoptr(GPtrArray) shouting = NULL;
    g_autoptr(GString) body = g_string_new ("{\"revisions\":[");
    g_autoptr(TestReply) reply = NULL;
    g_autofree char *upper = g_ascii_strup (owner.person, -1);
    g_autofree char *good_text = NULL;
    g_autofree char *wrong = NULL;

    shouting = make_chain (owner.person, 1, NULL);
    {
      g_autoptr(JsonNode) w = commons_revision_to_wire (g_ptr_array_index (good, 0));
      good_text = json_to_string (w, FALSE);
    }
    /* Same body, another id. */
    wrong = g_strdup (good_text);
    {
      char *id = strstr (wrong, "\"id\":\"") + 6;
      id[0] = id[0] == 'a' ? 'b' : 'a';
    }
    g_string_append_printf (body, "%s,", wrong);
    {
      /* Written as the organizer, signed by the pusher. */
      g_autofree char *text = push_body_signed_by (impostor, other.person);
      g_string_append_len (body, text + 14, strlen (text) - 16);
      g_string_append_c (body, ',');
    }
    {
      /* The organizer's key spelt in upper case is nobody's. */
      g_autofree char *text = push_body (shouting);
      char *author = strstr (text, owner.person);

      memcpy (author, upper, strlen (upper));
      g_string_append_len (body, text + 14, strlen (text) - 16);
      g_string_append_c (body, ',');
    }
    {
      g_autofree char *text = push_body (orphan);
      g_string_append_len (body, text + 14, strlen (text) - 16);
      g_string_append_c (body, ',');
    }
    g_string_append (body, "{\"v\":1},42,");
    {
      g_autofree char *text = push_body (outsider);
      g_string_append_len (body, text + 14, strlen (text) - 16);
      g_string_append_c (body, ',');
    }
    {
      g_autofree char *text = push_body (good);
      g_string_append_len (body, text + 14, strlen (text) - 16);
    }
    g_string_append (body, "]}");
    reply = test_request (session, &server, "POST", path, other.token, body->str);
    g_assert_cmpuint (json_array_get_length (results_of (reply)), ==, 9);
    g_assert_cmpstr (result_reason (reply, 0), ==, "wrong_id");
    g_assert_cmpstr (result_reason (reply, 1), ==, "bad_signature");
    g_assert_cmpstr (result_reason (reply, 2), ==, "invalid");
    g_assert_cmpstr (result_reason (reply, 3), ==, "unknown_parent");
    g_assert_cmpstr (result_reason (reply, 4), ==, "invalid");
    g_assert_cmpstr (result_reason (reply, 5), ==, "invalid");
    g_assert_cmpstr (result_status (reply, 6), ==, "stored");
    g_assert_cmpstr (result_status (reply, 7), ==, "stored");
    g_assert_cmpstr (result_status (reply, 8), ==, "stored");
    /* The outsider's revision is recorded as pushed by this member. */
    {
      g_autoptr(GPtrArray) rows = pull_all (session, &server, &owner, 10);
      g_assert_cmpuint (rows->len, ==, 3);
      for (guint i = 0; i < rows->len; i++)
        g_assert_true (g_str_has_suffix (g_ptr_array_index (rows, i), other.member));
    }
  }

  /* Too many revisions in one push. */
  {
    g_autoptr(GString) body = g_string_new ("{\"revisions\":[");
    g_autoptr(TestReply) reply = NULL;
    for (guint i = 0; i < 501; i++)
      g_string_append (body, i ? ",{}" : "{}");
    g_string_append (body, "]}");
    reply = test_request (session, &server, "POST", path, owner.token, body->str);
    g_assert_cmpuint (reply->status, ==, 413);
  }

  /* A 40 MB body: refused on its Content-Length; with Expect the body is
   * never sent, without it the server discards it unread. */
  {
    const gsize size = 40 * 1024 * 1024;
    g_autofree char *big = g_malloc (size);
    g_autofree char *head = NULL;
    g_autofree char *expect = NULL;
    g_autofree char *chunked = NULL;
    guint status;

    memset (big, '[', size);
    head = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                            "Content-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                            path, owner.token, size);
    expect = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n"
                              "Content-Type: application/json\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                              path, size);
    status = raw_request (&server, expect, NULL, 0, TRUE);
    g_assert_cmpuint (status, ==, 413);
    status = raw_request (&server, head, big, size, FALSE);
    g_assert_cmpuint (status, ==, 413);
    assert_alive (session, &server);

    /* Chunked: counted as it arrives. */
    chunked = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                               "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", path, owner.token);
    {
      g_autoptr(GString) body = g_string_new (NULL);
      const gsize chunk = 1024 * 1024;
      for (guint i = 0; i < 20; i++)
        {
          g_string_append_printf (body, "%" G_GSIZE_MODIFIER "x\r\n", chunk);
          g_string_append_len (body, big, chunk);
          g_string_append (body, "\r\n");
        }
      g_string_append (body, "0\r\n\r\n");
      status = raw_request (&server, chunked, body->str, body->len, FALSE);
      g_assert_cmpuint (status, ==, 413);
    }
    assert_alive (session, &server);
  }

  /* Garbage on the wire. */
  {
    guint status = raw_request (&server, "\x01\x02 / HTTP/9\r\n\r\n", NULL, 0, TRUE);
    g_assert_cmpuint (status, !=, 200);
    assert_alive (session, &server);
  }

  membership_clear (&owner);
  membership_clear (&other);
  test_server_free (&server);
}

/* A group's approval rule is a record like any other, but only an
 * organizer's client writes it: the server refuses it from a member. */
static void
test_group_rule (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 };
  Membership member = { 0 };
  g_autofree char *record = NULL;

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  join_group (session, &server, &owner, &member);
  record = commons_group_rule_dup_record_id (owner.group);

  for (guint i = 0; i < 2; i++)
    {
      Membership *who = i == 0 ? &member : &owner;
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(TestReply) reply = NULL;

      json_object_set_int_member (fields, "approvals", 1 + i);
      g_ptr_array_add (batch, commons_revision_new (record, COMMONS_GROUP_RULE_KIND, NULL, who->person,
                                                    "2026-12-02T08:00:00.000Z", FALSE, fields, &error));
      g_assert_no_error (error);
      reply = push (session, &server, who, batch);
      g_assert_cmpuint (reply->status, ==, 200);
      if (who == &member)
        g_assert_cmpstr (result_reason (reply, 0), ==, "not_organizer");
      else
        g_assert_cmpstr (result_status (reply, 0), ==, "stored");
    }
  {
    g_autoptr(GPtrArray) rows = pull_all (session, &server, &member, 10);

    g_assert_cmpuint (rows->len, ==, 1);
  }

  membership_clear (&member);
  membership_clear (&owner);
  test_server_free (&server);
}

static CommonsRevision *
plan_revision (const char      *record,
               CommonsRevision *parent,
               const char      *author,
               const char      *license,
               CommonsRevision *remixed)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) error = NULL;
  const char *parents[] = { parent != NULL ? commons_revision_get_id (parent) : NULL, NULL };
  CommonsRevision *revision;

  commons_plan_set_title (plan, parent != NULL ? "Changed" : "A plan");
  commons_plan_set_license (plan, license);
  fields = commons_plan_to_fields (plan);
  if (remixed != NULL)
    {
      JsonObject *derived_from = json_object_new ();

      json_object_set_string_member (derived_from, "record", commons_revision_get_record (remixed));
      json_object_set_string_member (derived_from, "revision", commons_revision_get_id (remixed));
      /* What the original is claimed to allow; the server reads the original. */
      json_object_set_string_member (derived_from, "license", "cc-by");
      json_object_set_object_member (fields, "derived_from", derived_from);
      json_object_set_string_member (fields, "credit", "Adapted from “A plan”");
    }
  revision = commons_revision_new (record, COMMONS_PLAN_KIND, parent != NULL ? parents : NULL, author,
                                   "2026-12-02T08:00:00.000Z", FALSE, fields, &error);
  g_assert_no_error (error);
  return revision;
}

static const char *
push_one (SoupSession     *session,
          TestServer      *server,
          Membership      *who,
          CommonsRevision *revision,
          TestReply      **reply)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);

  g_ptr_array_add (batch, commons_revision_ref (revision));
  *reply = push (session, server, who, batch);
  g_assert_cmpuint ((*reply)->status, ==, 200);
  return result_status (*reply, 0);
}

/* The license rules, where the server can tell from what it holds: a
 * member neither changes a colleague's no-derivatives plan nor relicenses
 * a colleague's plan, and a remix carries a license its original allows. */
static void
test_license (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 };
  Membership member = { 0 };
  g_autofree char *nd_record = g_uuid_string_random ();
  g_autofree char *nc_record = g_uuid_string_random ();
  g_autofree char *by_record = g_uuid_string_random ();
  g_autofree char *remix_record = g_uuid_string_random ();
  g_autoptr(CommonsRevision) nd = NULL;
  g_autoptr(CommonsRevision) nc = NULL;
  g_autoptr(CommonsRevision) by = NULL;

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  join_group (session, &server, &owner, &member);

  nd = plan_revision (nd_record, NULL, owner.person, "cc-by-nd", NULL);
  nc = plan_revision (nc_record, NULL, owner.person, "cc-by-nc", NULL);
  by = plan_revision (by_record, NULL, owner.person, "cc-by", NULL);
  {
    CommonsRevision *roots[] = { nd, nc, by };

    for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
      {
        g_autoptr(TestReply) reply = NULL;

        g_assert_cmpstr (push_one (session, &server, &owner, roots[i], &reply), ==, "stored");
      }
  }

  {
    g_autoptr(CommonsRevision) edit = plan_revision (nd_record, nd, member.person, "cc-by-nd", NULL);
    g_autoptr(CommonsRevision) relicensed = plan_revision (by_record, by, member.person, "cc0", NULL);
    g_autoptr(CommonsRevision) remix = plan_revision (remix_record, NULL, member.person, "cc0", nc);
    g_autoptr(CommonsRevision) fine = plan_revision (by_record, by, member.person, "cc-by", NULL);
    g_autoptr(CommonsRevision) own = plan_revision (nd_record, nd, owner.person, "all-rights-reserved", NULL);
    CommonsRevision *refused[] = { edit, relicensed, remix };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(TestReply) reply = NULL;

        g_assert_cmpstr (push_one (session, &server, &member, refused[i], &reply), ==, "rejected");
        g_assert_cmpstr (result_reason (reply, 0), ==, "license");
      }
    {
      g_autoptr(TestReply) reply = NULL;

      g_assert_cmpstr (push_one (session, &server, &member, fine, &reply), ==, "stored");
    }
    {
      g_autoptr(TestReply) reply = NULL;

      g_assert_cmpstr (push_one (session, &server, &owner, own, &reply), ==, "stored");
    }
  }

  membership_clear (&member);
  membership_clear (&owner);
  test_server_free (&server);
}

static void
test_rate_limit (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 };
  g_autofree char *bad = g_strnfill (43, 'B');
  g_autofree char *path = NULL;
  guint limited = 0;

  test_server_start (&server, "--auth-failures-per-minute", "5", "--joins-per-minute", "3", NULL);
  create_group (session, &server, &owner);
  path = g_strdup_printf ("/v1/groups/%s", owner.group);

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, bad, NULL);
      if (i < 5)
        g_assert_cmpuint (reply->status, ==, 401);
      else
        {
          g_assert_cmpuint (reply->status, ==, 429);
          g_assert_nonnull (reply->retry_after);
          g_assert_cmpint (g_ascii_strtoll (reply->retry_after, NULL, 10), >, 0);
          limited++;
        }
    }
  g_assert_cmpuint (limited, ==, 3);

  for (guint i = 0; i < 5; i++)
    {
      const char *code = "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA";
      g_autofree char *person = new_person ();
      g_autofree char *proof = proof_of (person, COMMONS_SIGN_JOIN, code);
      g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"display_name\":\"x\","
                                               "\"person\":\"%s\",\"proof\":\"%s\"}",
                                               code, person, proof);
      g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/join", NULL, body);

      g_assert_cmpuint (reply->status, ==, i < 3 ? 403 : 429);
    }

  membership_clear (&owner);
  test_server_free (&server);
}

static void
test_invites (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  code = make_invite (session, &server, &owner, 2);
  /* At least 80 random bits: 24 base32 characters are 120. */
  g_assert_cmpuint (strlen (code), ==, 29);
  lower = g_ascii_strdown (code, -1);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *body = join_body (i == 1 ? lower : code, "P");
      g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/join", NULL, body);
      /* Two uses, then the code is used up. */
      g_assert_cmpuint (reply->status, ==, i < 2 ? 201 : 403);
    }

  path = g_strdup_printf ("/v1/groups/%s/invites", owner.group);
  {
    g_autoptr(TestReply) reply = test_request (session, &server, "GET", path, owner.token, NULL);
    g_autofree char *text = json_to_string (reply->body, FALSE);
    g_assert_cmpuint (reply->status, ==, 200);
    g_assert_nonnull (strstr (text, "\"used\""));
    /* Codes are kept hashed: never listed. */
    g_assert_null (strstr (text, code));
  }
  {
    g_autofree char *second = make_invite (session, &server, &owner, 5);
    g_autoptr(TestReply) list = test_request (session, &server, "GET", path, owner.token, NULL);
    JsonArray *invites = json_object_get_array_member (json_node_get_object (list->body), "invites");
    const char *id = json_object_get_string_member (json_array_get_object_element (invites, 1), "id");
    g_autofree char *revoke = g_strdup_printf ("%s/%s", path, id);
    g_autoptr(TestReply) revoked = test_request (session, &server, "DELETE", revoke, owner.token, NULL);
    g_autofree char *body = join_body (second, "Z");
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/join", NULL, body);

    g_assert_cmpuint (revoked->status, ==, 200);
    g_assert_cmpuint (reply->status, ==, 403);
  }
  {
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", path, owner.token,
                                               "{\"uses\":0}");
    g_assert_cmpuint (reply->status, ==, 400);
  }

  membership_clear (&owner);
  test_server_free (&server);
}

static void
test_admin_and_backup (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *person = new_person ();
  g_autofree char *proof = proof_of (person, COMMONS_SIGN_CREATE_GROUP, "G");
  g_autofree char *body = g_strdup_printf ("{\"name\":\"G\",\"display_name\":\"A\",\"person\":\"%s\",\"proof\":\"%s\"}",
                                           person, proof);
  const char *binary = g_getenv ("COMMONS_SERVER");
  int wait_status = 0;

  test_server_start (&server, "--group-creation=admin", NULL);
  {
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/groups", NULL, body);
    g_assert_cmpuint (reply->status, ==, 401);
  }
  {
    const char *argv[] = { binary, "--data-dir", server.data_dir, "create-admin-token", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
    g_strstrip (out);
    g_assert_cmpuint (strlen (out), ==, 43);
  }
  {
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/groups", out, body);
    g_assert_cmpuint (reply->status, ==, 201);
  }

  /* Online backup while the server runs; the copy opens and holds the group. */
  backup = g_build_filename (server.root, "backup.db", NULL);
  {
    const char *argv[] = { binary, "--data-dir", server.data_dir, "backup", backup, NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_open_v2 (backup, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM groups", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  test_server_free (&server);
}

typedef struct
{
  TestServer *server;
  guint       status;
} SlowRequest;

/* A request that is still being sent when SIGTERM arrives. */
static gpointer
slow_request_thread (gpointer data)
{
  SlowRequest *slow = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autofree char *line = NULL;
  const char *head = "POST /v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: 10\r\n\r\n";
  GOutputStream *out;

  conn = g_socket_client_connect_to_host (client, "127.0.0.1", slow->server->port, NULL, NULL);
  g_assert_nonnull (conn);
  out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, "{\"co", 4, NULL, NULL, NULL);
  g_usleep (600 * 1000);
  g_output_stream_write_all (out, "de\":1}", 6, NULL, NULL, NULL);
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
  if (line != NULL && g_str_has_prefix (line, "HTTP/1.1 "))
    slow->status = (guint) g_ascii_strtoull (line + 9, NULL, 10);
  return NULL;
}

static void
test_sigterm (void)
{
  TestServer server;
  SlowRequest slow = { 0 };
  GThread *thread;

  test_server_start (&server, NULL);
  slow.server = &server;
  thread = g_thread_new ("slow", slow_request_thread, &slow);
  g_usleep (200 * 1000);
  g_subprocess_send_signal (server.process, SIGTERM);
  g_thread_join (thread);
  g_subprocess_wait (server.process, NULL, NULL);
  /* The request in flight was answered (400: the body is not a join),
   * and the server exited cleanly. */
  g_assert_cmpuint (slow.status, ==, 400);
  g_assert_true (g_subprocess_get_if_exited (server.process));
  g_assert_cmpint (g_subprocess_get_exit_status (server.process), ==, 0);
  test_server_free (&server);
}

/* Connection hygiene: descriptors, timeouts, framing, media types. */

/* The server's open sockets, from /proc. */
static guint
count_sockets (TestServer *server)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/fd", g_subprocess_get_identifier (server->process));
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *fd = g_build_filename (path, name, NULL);
      g_autofree char *target = g_file_read_link (fd, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:"))
        n++;
    }
  return n;
}

/* Waits a bounded time for the server's sockets to drop to @expected. */
static guint
wait_for_sockets (TestServer *server,
                  guint       expected,
                  guint       max_ms)
{
  guint n = count_sockets (server);

  for (guint waited = 0; n > expected && waited < max_ms; waited += 50)
    {
      g_usleep (50 * 1000);
      n = count_sockets (server);
    }
  return n;
}

static GSocketConnection *
raw_connect (TestServer *server,
             guint       timeout)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  GSocketConnection *conn;

  g_socket_client_set_timeout (client, timeout);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);
  return conn;
}

static void
raw_send (GSocketConnection *conn,
          const char        *text)
{
  /* The server may have hung up already: that is for the caller to see. */
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)),
                             text, strlen (text), NULL, NULL, NULL);
}

typedef enum
{
  RAW_ANSWERED,
  RAW_CLOSED,
  RAW_TIMED_OUT,
} RawOutcome;

/* Reads one whole answer (status, headers, a Content-Length body).
 * Returns how the wait ended; @status is 0 unless a status line came. */
static RawOutcome
raw_read_answer (GSocketConnection *conn,
                 guint             *status,
                 char             **body)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (conn)));
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;

  *status = 0;
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  line = g_data_input_stream_read_line (in, NULL, NULL, &error);
  if (line == NULL)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ? RAW_TIMED_OUT : RAW_CLOSED;
  g_assert_true (g_str_has_prefix (line, "HTTP/1.1 "));
  *status = (guint) g_ascii_strtoull (line + 9, NULL, 10);
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&line, g_free);
      line = g_data_input_stream_read_line (in, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_strchomp (line);
      if (line[0] == '\0')
        break;
      if (g_ascii_strncasecmp (line, "Content-Length:", 15) == 0)
        length = g_ascii_strtoull (line + 15, NULL, 10);
    }
  if (body != NULL)
    {
      *body = g_malloc0 (length + 1);
      g_input_stream_read_all (G_INPUT_STREAM (in), *body, length, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  return RAW_ANSWERED;
}

/* Keep-alive clients that close after their answer, clients that hang up
 * before, during or after a request: none may leave a socket behind. */
static void
test_keepalive_sockets (void)
{
  TestServer server;
  guint baseline, after;
  const guint rounds = 150;

  test_server_start (&server, NULL);
  baseline = count_sockets (&server);
  g_assert_cmpuint (baseline, >=, 1);

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GSocketConnection) conn = raw_connect (&server, 10);
      g_autofree char *body = NULL;
      guint status = 0;

      switch (i % 5)
        {
        case 0:
        case 1:
          /* What SoupSession and commons-cli do: keep-alive, then close. */
          raw_send (conn, "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
          g_assert_cmpint (raw_read_answer (conn, &status, &body), ==, RAW_ANSWERED);
          g_assert_cmpuint (status, ==, 200);
          g_assert_nonnull (strstr (body, "commons-server"));
          break;
        case 2:
          /* Connect and hang up at once. */
          break;
        case 3:
          /* Half a request line. */
          raw_send (conn, "GET /v1/in");
          break;
        case 4:
          /* A whole request, gone before the answer is read. */
          raw_send (conn, "POST /v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                          "Content-Length: 2\r\n\r\n{}");
          break;
        default:
          g_assert_not_reached ();
        }
      g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
    }

  /* And through libsoup, one session per run as the CLI does. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(SoupSession) session = test_session_new ();

      assert_alive (session, &server);
    }

  after = wait_for_sockets (&server, baseline, 5000);
  g_test_message ("server sockets: %u before, %u after %u clients", baseline, after, rounds + 20);
  g_assert_cmpuint (after, ==, baseline);
  test_server_free (&server);
}

/* Content-Length values that are not a length, or not one we accept: the
 * answer comes at once, without waiting for (or reading) the body. */
static void
test_content_length (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  const struct {
    const char *headers;
    guint       status;
  } cases[] = {
    { "Content-Length: 100000000000000000000\r\n", 413 },
    { "Content-Length: 18446744073709551615\r\n", 413 },
    { "Content-Length: 9223372036854775808\r\n", 413 },
    { "Content-Length: 16777217\r\n", 413 },
    { "Content-Length: -1\r\n", 400 },
    { "Content-Length: +16\r\n", 400 },
    { "Content-Length: 16\r\nContent-Length: 17\r\n", 400 },
    { "Content-Length: 16\r\nTransfer-Encoding: chunked\r\n", 400 },
  };

  /* A long read timeout, so that only an early answer passes. */
  test_server_start (&server, "--read-timeout", "60", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocketConnection) conn = raw_connect (&server, 5);
      g_autofree char *head = g_strdup_printf ("POST /v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Content-Type: application/json\r\n%s\r\n",
                                               cases[i].headers);
      g_autofree char *body = NULL;
      RawOutcome outcome;
      guint status = 0;

      raw_send (conn, head);
      outcome = raw_read_answer (conn, &status, &body);
      g_test_message ("%s-> outcome %d, status %u", cases[i].headers, outcome, status);
      g_assert_cmpint (outcome, ==, RAW_ANSWERED);
      g_assert_cmpuint (status, ==, cases[i].status);
      g_assert_nonnull (strstr (body, cases[i].status == 413 ? "too_large" : "bad_request"));
    }
  assert_alive (session, &server);
  test_server_free (&server);
}

/* A connection that sends nothing, a request that stops after its
 * headers, one that trickles its headers: all cut after the read
 * timeout. A body that arrives slowly but steadily is served. */
static void
test_read_timeout (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  const char *stalls[] = {
    "",
    "POST /v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n",
    "POST /v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"co",
    "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n",
  };

  test_server_start (&server, "--read-timeout", "1", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (stalls); i++)
    {
      g_autoptr(GSocketConnection) conn = raw_connect (&server, 10);
      gint64 start = g_get_monotonic_time ();
      RawOutcome outcome;
      guint status = 0;
      double seconds;

      raw_send (conn, stalls[i]);
      outcome = raw_read_answer (conn, &status, NULL);
      seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_test_message ("stall %u: outcome %d, status %u after %.1f s", i, outcome, status, seconds);
      g_assert_cmpint (outcome, !=, RAW_TIMED_OUT);
      g_assert_true (status == 0 || status == 408);
      g_assert_cmpfloat (seconds, >=, 0.5);
      g_assert_cmpfloat (seconds, <, 5.0);
    }

  /* Headers trickled a byte at a time never complete. */
  {
    g_autoptr(GSocketConnection) conn = raw_connect (&server, 10);
    const char *head = "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn));
    gboolean cut = FALSE;
    gint64 start = g_get_monotonic_time ();

    for (gsize i = 0; head[i] != '\0' && !cut; i++)
      {
        cut = g_output_stream_write (out, head + i, 1, NULL, NULL) != 1;
        g_usleep (100 * 1000);
      }
    g_test_message ("trickled headers cut: %d after %.1f s", cut,
                    (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    g_assert_true (cut);
  }

  /* A slow, steady body is not a stalled one. */
  {
    g_autoptr(GSocketConnection) conn = raw_connect (&server, 10);
    g_autofree char *body = NULL;
    g_autofree char *whole = join_body ("ABCD", "x");
    gsize fifth = strlen (whole) / 5;
    g_autofree char *p0 = g_strndup (whole, fifth);
    g_autofree char *p1 = g_strndup (whole + fifth, fifth);
    g_autofree char *p2 = g_strndup (whole + 2 * fifth, fifth);
    g_autofree char *p3 = g_strndup (whole + 3 * fifth, fifth);
    const char *pieces[] = { p0, p1, p2, p3, whole + 4 * fifth };
    gsize length = 0;
    g_autofree char *head = NULL;
    guint status = 0;

    for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
      length += strlen (pieces[i]);
    head = g_strdup_printf ("POST /v1/join HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", length);
    raw_send (conn, head);
    for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
      {
        g_usleep (600 * 1000);
        raw_send (conn, pieces[i]);
      }
    g_assert_cmpint (raw_read_answer (conn, &status, &body), ==, RAW_ANSWERED);
    /* Read whole: a wrong invite code, not a timeout. */
    g_assert_cmpuint (status, ==, 403);
  }
  assert_alive (session, &server);
  test_server_free (&server);
}

static guint
request_with_type (TestServer *server,
                   const char *content_type,
                   const char *body)
{
  g_autoptr(GSocketConnection) conn = raw_connect (server, 10);
  g_autofree char *head = NULL;
  g_autofree char *answer = NULL;
  guint status = 0;

  head = g_strdup_printf ("POST /v1/groups HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%s"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n%s",
                          content_type ? "Content-Type: " : "", content_type ? content_type : "",
                          content_type ? "\r\n" : "", strlen (body), body);
  raw_send (conn, head);
  g_assert_cmpint (raw_read_answer (conn, &status, &answer), ==, RAW_ANSWERED);
  if (status == 415)
    g_assert_nonnull (strstr (answer, "unsupported_media_type"));
  return status;
}

/* Request bodies are JSON, and say so. */
static void
test_content_type (void)
{
  TestServer server;
  g_autofree char *person = new_person ();
  g_autofree char *proof = proof_of (person, COMMONS_SIGN_CREATE_GROUP, "Year 5");
  g_autofree char *body = g_strdup_printf ("{\"name\":\"Year 5\",\"display_name\":\"Ada\",\"person\":\"%s\",\"proof\":\"%s\"}",
                                           person, proof);

  test_server_start (&server, NULL);
  g_assert_cmpuint (request_with_type (&server, NULL, body), ==, 415);
  g_assert_cmpuint (request_with_type (&server, "text/plain", body), ==, 415);
  g_assert_cmpuint (request_with_type (&server, "application/x-www-form-urlencoded", body), ==, 415);
  g_assert_cmpuint (request_with_type (&server, "application/jsonx", body), ==, 415);
  g_assert_cmpuint (request_with_type (&server, "application/json; charset=latin1", body), ==, 415);
  g_assert_cmpuint (request_with_type (&server, "application/json", body), ==, 201);
  g_assert_cmpuint (request_with_type (&server, "application/json; charset=utf-8", body), ==, 201);
  g_assert_cmpuint (request_with_type (&server, "Application/JSON", body), ==, 201);
  test_server_free (&server);
}

/* The same key spelt with an escape is still the same key, and a NUL is
 * refused rather than cut short. */
static void
test_json_strictness (void)
{
  TestServer server;
  g_autoptr(SoupSession) session = test_session_new ();
  Membership owner = { 0 };
  g_autofree char *path = NULL;

  test_server_start (&server, NULL);
  create_group (session, &server, &owner);
  path = g_strdup_printf ("/v1/groups/%s/revisions", owner.group);
  {
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", path, owner.token,
                                               "{\"revisions\":[],\"revisi\\u006fns\":[]}");
    g_assert_cmpuint (reply->status, ==, 400);
    g_assert_nonnull (strstr (test_reply_string (reply, "error.message"), "uplicate"));
  }
  {
    g_autoptr(TestReply) reply = test_request (session, &server, "POST", "/v1/groups", NULL,
                                               "{\"name\":\"Year 5\",\"display_name\":\"Ada\\u0000 admin\","
                                               "\"person\":\"00000000-0000-4000-8000-000000000000\"}");
    g_assert_cmpuint (reply->status, ==, 400);
    g_assert_nonnull (strstr (test_reply_string (reply, "error.message"), "NUL"));
  }
  membership_clear (&owner);
  test_server_free (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("COMMONS_SERVER") == NULL)
    {
      g_printerr ("COMMONS_SERVER is not set\n");
      return 1;
    }

  g_test_add_func ("/server/info", test_info);
  g_test_add_func ("/server/auth-matrix", test_auth_matrix);
  g_test_add_func ("/server/push-replay", test_push_replay);
  g_test_add_func ("/server/pagination", test_pagination);
  g_test_add_func ("/server/sigkill", test_sigkill);
  g_test_add_func ("/server/malformed", test_malformed);
  g_test_add_func ("/server/group-rule", test_group_rule);
  g_test_add_func ("/server/license", test_license);
  g_test_add_func ("/server/rate-limit", test_rate_limit);
  g_test_add_func ("/server/invites", test_invites);
  g_test_add_func ("/server/admin-and-backup", test_admin_and_backup);
  g_test_add_func ("/server/sigterm", test_sigterm);
  g_test_add_func ("/server/keepalive-sockets", test_keepalive_sockets);
  g_test_add_func ("/server/content-length", test_content_length);
  g_test_add_func ("/server/read-timeout", test_read_timeout);
  g_test_add_func ("/server/content-type", test_content_type);
  g_test_add_func ("/server/json-strictness", test_json_strictness);

  return g_test_run ();
}
