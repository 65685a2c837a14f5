/* test-sync-wedge.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What once wedged, poisoned or forged a group, each as it was seen:
 * files and pulls in either order, an answer that may succeed later, a
 * hostile member's pushes, someone writing in another's name, and a lost
 * answer turning an edit into an undo. Real server, real stores.
 */

#include "config.h"

#include <string.h>

#include "commons-bundle.h"
#include "commons-credentials.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-net.h"
#include "commons-plan.h"
#include "sync-fixture.h"

typedef struct
{
  Server   server;
  char    *root;
  Replica  r[3];
  char    *group;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  server_init (&f->server);
  server_start (&f->server);
  f->root = g_dir_make_tmp ("commons-wedge-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (f->r); i++)
    replica_open (&f->r[i], f->root, i);
  f->group = make_group (&f->server, f->r, G_N_ELEMENTS (f->r));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->r); i++)
    replica_close (&f->r[i]);
  server_stop (&f->server);
  server_clear (&f->server);
  remove_tree (f->root);
  g_free (f->root);
  g_free (f->group);
}

static CommonsSyncStats
sync_ok (Replica    *r,
         const char *group)
{
  g_autoptr(GError) error = NULL;
  CommonsSyncStats stats = { 0 };

  commons_sync_client_sync (r->client, group, NULL, NULL, &stats, NULL, &error);
  g_assert_no_error (error);
  return stats;
}

static char *
create_plan (Replica    *r,
             const char *scope,
             const char *title)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", "one\ntwo\nthree");
  id = commons_store_create_record (r->store, "plan", scope, fields, &error);
  g_assert_no_error (error);
  return id;
}

static void
set_title (Replica    *r,
           const char *record,
           const char *title)
{
  g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, record, NULL);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_assert_nonnull (current);
  json_object_iter_init (&iter, commons_revision_get_fields (current));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (fields, name, json_node_copy (value));
  json_object_set_string_member (fields, "title", title);
  commons_store_edit_record (r->store, record, fields, &error);
  g_assert_no_error (error);
}

static char *
title_of (Replica    *r,
          const char *record)
{
  g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, record, NULL);

  g_assert_nonnull (current);
  return g_strdup (commons_revision_get_string_field (current, "title"));
}

static char *
scope_of (Replica    *r,
          const char *record)
{
  g_autoptr(GError) error = NULL;
  char *scope = commons_store_get_scope (r->store, record, &error);

  g_assert_no_error (error);
  return scope;
}

static guint
count_rows (Replica    *r,
            const char *sql)
{
  sqlite3_stmt *stmt = _commons_store_prepare (r->store, sql, NULL);
  guint n = 0;

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Member 1 imports a group plan's file before its first pull: the plan
 * lands in the group, not in the library, and nothing wedges afterwards
 * (it did: "belongs to a record of another group or kind", for good). */
static void
test_import_before_pull (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Fractions with pizza");
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *title = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  sync_ok (&f->r[0], f->group);
  file = commons_bundle_export (f->r[0].store, (const char *[]) { plan, NULL }, &error);
  g_assert_no_error (error);

  report = commons_bundle_import (f->r[1].store, file, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  scope = scope_of (&f->r[1], plan);
  g_assert_cmpstr (scope, ==, f->group);

  set_title (&f->r[0], plan, "Fractions with pizza, revised");
  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  title = title_of (&f->r[1], plan);
  g_assert_cmpstr (title, ==, "Fractions with pizza, revised");

  /* Member 1's own edit reaches the others. */
  set_title (&f->r[1], plan, "Fractions with paper strips");
  sync_ok (&f->r[1], f->group);
  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[2], f->group);
  g_free (title);
  title = title_of (&f->r[2], plan);
  g_assert_cmpstr (title, ==, "Fractions with paper strips");

  a = replica_digest (&f->r[0]);
  b = replica_digest (&f->r[1]);
  g_assert_cmpstr (a, ==, b);
}

/* Someone outside the group imports its file into their library, then
 * joins: the plan and their edits to it join the group on the first pull. */
static void
test_import_then_join (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Rivers");
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *title = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  g_autoptr(JsonObject) invite = NULL;
  Replica late = { 0 };

  sync_ok (&f->r[0], f->group);
  file = commons_bundle_export (f->r[0].store, (const char *[]) { plan, NULL }, &error);
  g_assert_no_error (error);

  replica_open (&late, f->root, 9);
  report = commons_bundle_import (late.store, file, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  scope = scope_of (&late, plan);
  g_assert_cmpstr (scope, ==, COMMONS_SCOPE_LOCAL);
  set_title (&late, plan, "Rivers and deltas");

  invite = commons_sync_client_create_invite (f->r[0].client, f->group, 1, 1, NULL, &error);
  g_assert_no_error (error);
  group = commons_sync_client_join_group (late.client, f->server.url,
                                          json_object_get_string_member (invite, "code"),
                                          "Late", NULL, &error);
  g_assert_no_error (error);
  sync_ok (&late, f->group);
  g_free (scope);
  scope = scope_of (&late, plan);
  g_assert_cmpstr (scope, ==, f->group);

  sync_ok (&f->r[0], f->group);
  title = title_of (&f->r[0], plan);
  g_assert_cmpstr (title, ==, "Rivers and deltas");
  replica_close (&late);
}

/* Member 1 edits without syncing and hands the edit over in a file;
 * member 0 builds on it and syncs. Member 0 relays member 1's revision
 * (signed by member 1), so the edit is not refused as unknown_parent. */
static void
test_relayed_edit (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Volcanoes");
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CommonsSyncStats stats;

  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  set_title (&f->r[1], plan, "Volcanoes, offline");
  file = commons_bundle_export (f->r[1].store, (const char *[]) { plan, NULL }, &error);
  g_assert_no_error (error);
  report = commons_bundle_import (f->r[0].store, file, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  set_title (&f->r[0], plan, "Volcanoes, offline and online");
  stats = sync_ok (&f->r[0], f->group);
  g_assert_cmpuint (stats.rejected, ==, 0);
  g_assert_cmpuint (stats.deferred, ==, 0);

  sync_ok (&f->r[2], f->group);
  title = title_of (&f->r[2], plan);
  g_assert_cmpstr (title, ==, "Volcanoes, offline and online");
}

/* An answer that may succeed later is asked again, never dropped: here
 * the parent is one the server does not hold yet. */
static void
test_deferred_retry (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *plan = create_plan (&f->r[1], f->group, "Rhythm");
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  sqlite3_stmt *stmt;
  CommonsSyncStats stats;

  file = commons_bundle_export (f->r[1].store, (const char *[]) { plan, NULL }, &error);
  g_assert_no_error (error);
  report = commons_bundle_import (f->r[0].store, file, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  heads = commons_store_get_heads (f->r[0].store, plan, &error);
  g_assert_no_error (error);

  /* As if member 0 could not relay the parent (it was refused to them):
   * only its author's own push will bring it. */
  stmt = _commons_store_prepare (f->r[0].store, "UPDATE revisions SET pushed = 2 WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, commons_revision_get_id (g_ptr_array_index (heads, 0)), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);

  set_title (&f->r[0], plan, "Rhythm and rhyme");
  stats = sync_ok (&f->r[0], f->group);
  g_assert_cmpuint (stats.deferred, >=, 1);
  g_assert_cmpuint (commons_store_count_unpushed (f->r[0].store, f->group), ==, 1);
  stats = sync_ok (&f->r[0], f->group);
  g_assert_cmpuint (stats.deferred, >=, 1);

  sync_ok (&f->r[1], f->group);
  stats = sync_ok (&f->r[0], f->group);
  g_assert_cmpuint (stats.deferred, ==, 0);
  g_assert_cmpuint (commons_store_count_unpushed (f->r[0].store, f->group), ==, 0);
  sync_ok (&f->r[2], f->group);
  title = title_of (&f->r[2], plan);
  g_assert_cmpstr (title, ==, "Rhythm and rhyme");
}

/* A member's own signed revisions, pushed raw over HTTP. */
static char *
raw_push (Fixture    *f,
          Replica    *r,
          GPtrArray  *wires)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = commons_credentials_lookup (r->dir, f->group, &error);
  g_autofree char *url = g_strdup_printf ("%s/v1/groups/%s/revisions", f->server.url, f->group);
  g_autofree char *reason = NULL;
  g_autoptr(GString) body = g_string_new ("{\"revisions\":[");
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;
  const CommonsNetFuncs *net = _commons_net_get (&error);
  gpointer session;
  guint status = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < wires->len; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      g_string_append (body, g_ptr_array_index (wires, i));
    }
  g_string_append (body, "]}");
  request = g_bytes_new (body->str, body->len);
  session = net->session_new ("commons-test");
  answer = net->send (session, "POST", url, token, request, NULL, &status, &reason, &error);
  net->session_free (session);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/* A revision as the hostile member writes it: any record, kind, parents,
 * author and fields, signed with the member's own key. */
static char *
forge_at (Replica            *hostile,
          const char         *record,
          const char         *kind,
          const char * const *parents,
          gboolean            authored,
          const char         *time,
          JsonObject         *fields,
          char              **id_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autoptr(JsonNode) wire = NULL;
  g_autofree char *seed = _commons_store_dup_signing_key (hostile->store, &error);

  g_assert_no_error (error);
  revision = commons_revision_new (record, kind, parents,
                                   authored ? commons_store_get_person_id (hostile->store) : NULL,
                                   time, FALSE, fields, &error);
  g_assert_no_error (error);
  wire = commons_revision_to_wire (revision);
  if (authored)
    {
      g_autofree char *sig = commons_identity_sign (seed, COMMONS_SIGN_REVISION,
                                                    commons_revision_get_id (revision));
      json_object_set_string_member (json_node_get_object (wire), "sig", sig);
    }
  if (id_out != NULL)
    *id_out = g_strdup (commons_revision_get_id (revision));
  return json_to_string (wire, FALSE);
}

static char *
forge (Replica            *hostile,
       const char         *record,
       const char         *kind,
       const char * const *parents,
       gboolean            authored,
       JsonObject         *fields,
       char              **id_out)
{
  return forge_at (hostile, record, kind, parents, authored, NULL, fields, id_out);
}

static JsonObject *
plan_fields (const char *title)
{
  JsonObject *fields = json_object_new ();

  json_object_set_string_member (fields, "title", title);
  return fields;
}

static void
check_readable (Replica    *r,
                const char *plan,
                const char *title)
{
  g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, plan, NULL);
  g_autoptr(CommonsPlan) read = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (current);
  read = commons_plan_new_from_revision (current, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_title (read), ==, title);
}

/* Member 2 is hostile and pushes everything that once stopped a group.
 * The server refuses what its envelope shows; what only the fields show
 * is quarantined by each client; nobody else's sync stops, and the plan
 * stays readable and editable everywhere. */
static void
test_hostile_member (Fixture       *f,
                     gconstpointer  data)
{
  Replica *hostile = &f->r[2];
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Photosynthesis");
  g_autofree char *other = create_plan (&f->r[0], f->group, "Mapping");
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GPtrArray) other_heads = NULL;
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title_number_id = NULL;
  g_autofree char *objectives_id = NULL;
  g_autofree char *new_record = g_uuid_string_random ();
  const char *head, *other_head;
  JsonArray *results;
  CommonsSyncStats stats;

  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  sync_ok (hostile, f->group);
  heads = commons_store_get_heads (f->r[0].store, plan, NULL);
  other_heads = commons_store_get_heads (f->r[0].store, other, NULL);
  head = commons_revision_get_id (g_ptr_array_index (heads, 0));
  other_head = commons_revision_get_id (g_ptr_array_index (other_heads, 0));

  /* 0: the plan's record, as a note. */
  {
    g_autoptr(JsonObject) fields = plan_fields ("note");
    g_ptr_array_add (wires, forge (hostile, plan, "note", (const char *[]) { head, NULL }, TRUE, fields, NULL));
  }
  /* 1: a parent of another record. */
  {
    g_autoptr(JsonObject) fields = plan_fields ("stolen parent");
    g_ptr_array_add (wires, forge (hostile, plan, "plan", (const char *[]) { other_head, NULL }, TRUE, fields, NULL));
  }
  /* 2: an authorless "merge" of two unrelated parents. */
  {
    g_autoptr(JsonObject) fields = plan_fields ("not a merge");
    g_ptr_array_add (wires, forge (hostile, plan, "plan", (const char *[]) { head, other_head, NULL }, FALSE, fields, NULL));
  }
  /* 3: an authorless revision of the plan that is not the merge of its
   * parents (one parent only). */
  {
    g_autoptr(JsonObject) fields = plan_fields ("forged merge");
    g_ptr_array_add (wires, forge (hostile, plan, "plan", (const char *[]) { head, NULL }, FALSE, fields, NULL));
  }
  /* 4: fields nested 30 deep. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"v\":1,\"record\":\"");
    g_autofree char *record = g_uuid_string_random ();

    g_string_append_printf (deep, "%s\",\"kind\":\"plan\",\"parents\":[],\"author\":null,"
                            "\"time\":\"2026-12-01T00:00:00Z\",\"deleted\":false,\"fields\":{\"x\":", record);
    for (guint i = 0; i < 28; i++)
      g_string_append (deep, "[");
    for (guint i = 0; i < 28; i++)
      g_string_append (deep, "]");
    g_string_append (deep, "}}");
    g_ptr_array_add (wires, g_string_free (g_steal_pointer (&deep), FALSE));
  }
  /* 5: a plan whose title is a number: only the fields say so. */
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_int_member (fields, "title", 42);
    g_ptr_array_add (wires, forge (hostile, plan, "plan", (const char *[]) { head, NULL }, TRUE, fields,
                                   &title_number_id));
  }
  /* 6: a new plan whose objectives are a string. */
  {
    g_autoptr(JsonObject) fields = plan_fields ("Objectives as text");

    json_object_set_string_member (fields, "objectives", "not a list");
    g_ptr_array_add (wires, forge (hostile, new_record, "plan", NULL, TRUE, fields, &objectives_id));
  }

  text = raw_push (f, hostile, wires);
  answer = commons_json_parse (text, -1, NULL);
  g_assert_nonnull (answer);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 7);
  {
    const char *expected[] = { "wrong_kind", "foreign_parent", "foreign_parent", "forged_merge" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonObject *item = json_array_get_object_element (results, i);

        g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "rejected");
        g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, expected[i]);
      }
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 4), "status"),
                     ==, "rejected");
  }

  /* The others sync on, and keep the two field-poisoned revisions aside. */
  set_title (&f->r[1], plan, "Photosynthesis, member 1");
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 2; i++)
      {
        stats = sync_ok (&f->r[i], f->group);
        g_assert_cmpuint (stats.rejected, ==, 0);
      }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM quarantine WHERE id IN ('%s', '%s')",
                                              title_number_id, objectives_id);

      g_assert_cmpuint (count_rows (&f->r[i], sql), ==, 2);
      g_assert_false (holds (&f->r[i], title_number_id));
      check_readable (&f->r[i], plan, "Photosynthesis, member 1");
    }
  {
    g_autofree char *a = replica_digest (&f->r[0]);
    g_autofree char *b = replica_digest (&f->r[1]);
    g_assert_cmpstr (a, ==, b);
  }
  /* And the plan is still editable. */
  set_title (&f->r[0], plan, "Photosynthesis, again");
  sync_ok (&f->r[0], f->group);
}

/* Nobody writes in the organizer's name: not by joining with the
 * organizer's person id, not by signing as them with another key, not by
 * spelling the id in upper case. */
static void
test_impersonation (Fixture       *f,
                    gconstpointer  data)
{
  Replica *hostile = &f->r[2];
  const char *organizer = commons_store_get_person_id (f->r[0].store);
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Poems");
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *seed = _commons_store_dup_signing_key (hostile->store, &error);
  JsonArray *results;

  g_assert_no_error (error);
  sync_ok (&f->r[0], f->group);

  /* Written as the organizer, signed by the hostile member's key. */
  {
    g_autoptr(JsonObject) fields = plan_fields ("Poems, by the organizer (not)");
    g_autoptr(CommonsRevision) revision = NULL;
    g_autoptr(JsonNode) wire = NULL;
    g_autofree char *sig = NULL;
    g_autofree char *record = g_uuid_string_random ();

    revision = commons_revision_new (record, "plan", NULL, organizer, NULL, FALSE, fields, &error);
    g_assert_no_error (error);
    wire = commons_revision_to_wire (revision);
    sig = commons_identity_sign (seed, COMMONS_SIGN_REVISION, commons_revision_get_id (revision));
    json_object_set_string_member (json_node_get_object (wire), "sig", sig);
    g_ptr_array_add (wires, json_to_string (wire, FALSE));
    /* The same, with no signature at all. */
    json_object_remove_member (json_node_get_object (wire), "sig");
    g_ptr_array_add (wires, json_to_string (wire, FALSE));
  }
  text = raw_push (f, hostile, wires);
  answer = commons_json_parse (text, -1, NULL);
  results = json_object_get_array_member (json_node_get_object (answer), "results");
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *item = json_array_get_object_element (results, i);

      g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "rejected");
      g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "bad_signature");
    }

  /* Joining as the organizer, or as their id in capitals, with the
   * hostile member's key for proof. */
  {
    g_autoptr(JsonObject) invite = commons_sync_client_create_invite (f->r[0].client, f->group, 5, 1, NULL, &error);
    const char *code = json_object_get_string_member (invite, "code");
    g_autofree char *upper = g_ascii_strup (organizer, -1);
    const char *claims[] = { organizer, upper };
    const CommonsNetFuncs *net = _commons_net_get (&error);
    g_autofree char *url = g_strdup_printf ("%s/v1/join", f->server.url);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (claims); i++)
      {
        g_autofree char *proof = commons_identity_sign (seed, COMMONS_SIGN_JOIN, code);
        g_autofree char *body = g_strdup_printf ("{\"code\":\"%s\",\"display_name\":\"Organizer\","
                                                 "\"person\":\"%s\",\"proof\":\"%s\"}",
                                                 code, claims[i], proof);
        g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
        g_autoptr(GBytes) reply = NULL;
        g_autofree char *reason = NULL;
        gpointer session = net->session_new ("commons-test");
        guint status = 0;

        reply = net->send (session, "POST", url, NULL, request, NULL, &status, &reason, &error);
        net->session_free (session);
        g_assert_no_error (error);
        g_assert_cmpuint (status, >=, 400);
        g_assert_cmpuint (status, <, 500);
      }
  }

  /* Nothing in the organizer's name reached the others. */
  sync_ok (&f->r[1], f->group);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM revisions WHERE author = '%s'", organizer);

    g_assert_cmpuint (count_rows (&f->r[1], sql), ==, 1);
  }
}

/* The server commits a push and the answer is lost; within the quiet
 * interval the person edits again. That edit must be a new revision, not
 * an amend of the one the server now holds, or the merge brings back what
 * the person had just changed (T0 → T1 → T0 ended as T1). */
static void
test_lost_answer (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *plan = NULL;
  g_autoptr(GPtrArray) heads = NULL;
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *title = NULL;
  g_autofree char *seed = NULL;
  sqlite3_stmt *stmt;
  CommonsRevision *t1;

  commons_store_set_quiet_interval (f->r[0].store, 3600);
  plan = create_plan (&f->r[0], f->group, "T0");
  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  set_title (&f->r[0], plan, "T1");

  /* What a push does: mark the revision sent, then send it. The server
   * takes it; the answer never comes back. */
  heads = commons_store_get_heads (f->r[0].store, plan, &error);
  g_assert_no_error (error);
  t1 = g_ptr_array_index (heads, 0);
  stmt = _commons_store_prepare (f->r[0].store, "UPDATE revisions SET sent = 1 WHERE id = ?", NULL);
  sqlite3_bind_text (stmt, 1, commons_revision_get_id (t1), -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  seed = _commons_store_dup_signing_key (f->r[0].store, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) wire = commons_revision_to_wire (t1);
    g_autofree char *sig = commons_identity_sign (seed, COMMONS_SIGN_REVISION, commons_revision_get_id (t1));

    json_object_set_string_member (json_node_get_object (wire), "sig", sig);
    g_ptr_array_add (wires, json_to_string (wire, FALSE));
  }
  answer = raw_push (f, &f->r[0], wires);
  g_assert_nonnull (strstr (answer, "\"stored\""));

  /* Back to T0, within the quiet interval. */
  set_title (&f->r[0], plan, "T0");
  g_assert_true (holds (&f->r[0], commons_revision_get_id (t1)));
  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  sync_ok (&f->r[0], f->group);
  title = title_of (&f->r[1], plan);
  g_assert_cmpstr (title, ==, "T0");
  g_free (title);
  title = title_of (&f->r[0], plan);
  g_assert_cmpstr (title, ==, "T0");
}

/* Member 2 writes a first revision for member 0's plan, dated years
 * before the real one, to pass as the person who made it (whose licence
 * and credit the plan carries). A record has one first author: the
 * server refuses a first revision by anyone else, and a file that
 * carries one has it quarantined; everyone still knows who made it. */
static void
test_second_root (Fixture       *f,
                  gconstpointer  data)
{
  Replica *hostile = &f->r[2];
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Photosynthesis");
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) fields = plan_fields ("Photosynthesis, by member 2");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *text = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *wire = NULL;
  g_autofree char *bundle = NULL;
  JsonObject *result;

  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  sync_ok (hostile, f->group);

  wire = forge_at (hostile, plan, "plan", NULL, TRUE, "2020-01-01T00:00:00.000Z", fields, &forged);
  g_ptr_array_add (wires, g_strdup (wire));
  text = raw_push (f, hostile, wires);
  answer = commons_json_parse (text, -1, NULL);
  g_assert_nonnull (answer);
  result = json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer),
                                                                        "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (result, "status"), ==, "rejected");
  g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "second_root");

  /* The same revision in a .commons file, as the group's. */
  wire[strlen (wire) - 1] = '\0';
  bundle = g_strdup_printf ("{\"format\":\"commons-bundle\",\"v\":2,\"revisions\":[%s,\"group\":\"%s\"}]}",
                            wire, f->group);
  file = g_bytes_new (bundle, strlen (bundle));
  report = commons_bundle_import (f->r[1].store, file, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM quarantine WHERE id = '%s'", forged);
  g_assert_cmpuint (count_rows (&f->r[1], sql), ==, 1);
  g_assert_false (holds (&f->r[1], forged));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *creator = commons_record_dup_creator (f->r[i].store, plan, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (creator, ==, commons_store_get_person_id (f->r[0].store));
    }

  /* Nobody's sync stops. */
  set_title (&f->r[1], plan, "Photosynthesis, member 1");
  for (guint i = 0; i < 2; i++)
    g_assert_cmpuint (sync_ok (&f->r[i], f->group).rejected, ==, 0);
  sync_ok (&f->r[0], f->group);
  {
    g_autofree char *a = replica_digest (&f->r[0]);
    g_autofree char *b = replica_digest (&f->r[1]);
    g_assert_cmpstr (a, ==, b);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/wedge/import-before-pull", test_import_before_pull);
  ADD ("/wedge/import-then-join", test_import_then_join);
  ADD ("/wedge/relayed-edit", test_relayed_edit);
  ADD ("/wedge/deferred-retry", test_deferred_retry);
  ADD ("/wedge/hostile-member", test_hostile_member);
  ADD ("/wedge/impersonation", test_impersonation);
  ADD ("/wedge/lost-answer", test_lost_answer);
  ADD ("/wedge/second-root", test_second_root);
#undef ADD

  return g_test_run ();
}
