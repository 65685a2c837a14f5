/* test-discussion.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "commons-bundle.h"
#include "commons-discussion.h"
#include "commons-identity.h"
#include "commons-merge.h"
#include "commons-record-list.h"
#include "commons-store-private.h"

#define GROUP "7d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"

typedef struct
{
  char         *dir;
  CommonsStore *store;
  CommonsStore *other;
} Fixture;

/* Someone else, with a key of their own. */
typedef struct
{
  char *seed;
  char *person;
} Person;

static void
person_init (Person *person)
{
  g_autoptr(GError) error = NULL;

  commons_identity_generate (&person->seed, &person->person, &error);
  g_assert_no_error (error);
}

static void
person_clear (Person *person)
{
  g_clear_pointer (&person->seed, g_free);
  g_clear_pointer (&person->person, g_free);
}

static CommonsStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  CommonsStore *store = commons_store_open (path, &error);
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  commons_store_set_quiet_interval (store, 0);
  /* A member of the group, as joining makes one. */
  stmt = _commons_store_prepare (store,
      "INSERT INTO groups (id, server, name, member, display_name, role, joined) "
      "VALUES ('" GROUP "', 'http://127.0.0.1:1', 'Year 5', 'm', 'Ana', 'member', '2026-01-01T00:00:00.000Z')",
      &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("commons-discussion-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = open_store (f->dir, "a.db");
  f->other = open_store (f->dir, "b.db");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->other);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static char *
make_plan (CommonsStore *store,
           const char   *scope,
           const char   *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *plan;

  json_object_set_string_member (fields, "title", title);
  plan = commons_store_create_record (store, "plan", scope, fields, &error);
  g_assert_no_error (error);
  return plan;
}

static char *
head_of (CommonsStore *store,
         const char   *record)
{
  g_autoptr(CommonsRevision) current = commons_store_get_current (store, record, NULL);

  g_assert_nonnull (current);
  return g_strdup (commons_revision_get_id (current));
}

/* A revision written and signed by @person, as on the wire. */
static char *
forge (Person             *person,
       const char         *record,
       const char         *kind,
       const char         *parent,
       const char         *time,
       JsonObject         *fields,
       char              **id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autoptr(JsonNode) wire = NULL;
  g_autofree char *sig = NULL;
  const char *parents[] = { parent, NULL };

  revision = commons_revision_new (record, kind, parent != NULL ? parents : NULL,
                                   person->person, time, FALSE, fields, &error);
  g_assert_no_error (error);
  wire = commons_revision_to_wire (revision);
  sig = commons_identity_sign (person->seed, COMMONS_SIGN_REVISION, commons_revision_get_id (revision));
  json_object_set_string_member (json_node_get_object (wire), "sig", sig);
  if (id != NULL)
    *id = g_strdup (commons_revision_get_id (revision));
  return json_to_string (wire, FALSE);
}

/* Imports the revisions as a .commons file; returns how many were
 * quarantined. */
static guint
import (CommonsStore  *store,
        const char    *scope,
        GPtrArray     *wires)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("{\"format\":\"commons-bundle\",\"v\":2,\"revisions\":[");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) report = NULL;
  CommonsImportSummary summary = { 0, };

  for (guint i = 0; i < wires->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, g_ptr_array_index (wires, i));
    }
  g_string_append (text, "]}");
  bytes = g_bytes_new (text->str, text->len);
  report = commons_bundle_import_full (store, bytes, scope, "test.commons", &summary, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return summary.quarantined;
}

static guint
count_quarantined (CommonsStore *store,
                   const char   *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = commons_store_count_quarantined (store, COMMONS_QUARANTINE_FILES, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      CommonsQuarantineCount *count = g_ptr_array_index (counts, i);

      if (g_str_equal (count->reason, reason))
        n += count->count;
    }
  return n;
}

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

#define A_RECORD   "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
#define A_REVISION "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static void
test_checks (void)
{
  static const struct
  {
    const char *kind;
    const char *fields;
    gboolean    valid;
  } cases[] = {
    { "comment", "{\"plan\":\"" A_RECORD "\",\"plan_revision\":\"" A_REVISION "\",\"body\":\"Nice\"}", TRUE },
    { "comment", "{\"plan\":\"" A_RECORD "\",\"plan_revision\":\"" A_REVISION "\",\"reply_to\":\"" A_RECORD "\","
                 "\"body\":\"\",\"deleted\":true,\"later\":[1,2]}", TRUE },
    { "comment", "{\"plan_revision\":\"" A_REVISION "\",\"body\":\"No plan\"}", FALSE },
    { "comment", "{\"plan\":\"fractions\",\"plan_revision\":\"" A_REVISION "\"}", FALSE },
    { "comment", "{\"plan\":\"" A_RECORD "\",\"plan_revision\":\"AAAA\"}", FALSE },
    { "comment", "{\"plan\":\"" A_RECORD "\",\"plan_revision\":\"" A_REVISION "\",\"body\":7}", FALSE },
    { "comment", "{\"plan\":\"" A_RECORD "\",\"plan_revision\":\"" A_REVISION "\",\"deleted\":\"yes\"}", FALSE },
    { "comment", "{\"plan\":\"" A_RECORD "\",\"plan_revision\":\"" A_REVISION "\",\"reply_to\":null}", FALSE },
    { "question", "{\"title\":\"How long?\",\"body\":\"\",\"language\":\"pt-BR\"}", TRUE },
    { "question", "{\"title\":\"How long?\",\"plan\":\"" A_RECORD "\",\"accepted\":\"" A_RECORD "\"}", TRUE },
    { "question", "{\"title\":\"\"}", FALSE },
    { "question", "{\"body\":\"No title\"}", FALSE },
    { "question", "{\"title\":\"Tag\",\"language\":\"en_GB\"}", FALSE },
    { "question", "{\"title\":\"Tag\",\"language\":\"-en\"}", FALSE },
    { "question", "{\"title\":\"Which?\",\"accepted\":\"the best one\"}", FALSE },
    { "answer", "{\"question\":\"" A_RECORD "\",\"body\":\"Forty is fine\"}", TRUE },
    { "answer", "{\"question\":[\"" A_RECORD "\"],\"body\":\"\"}", FALSE },
    { "answer", "{\"body\":\"To nothing\"}", FALSE },
    { "vote", "{\"answer\":\"" A_RECORD "\",\"value\":-1}", TRUE },
    { "vote", "{\"answer\":\"" A_RECORD "\",\"value\":0}", TRUE },
    { "vote", "{\"answer\":\"" A_RECORD "\",\"value\":2}", FALSE },
    { "vote", "{\"answer\":\"" A_RECORD "\",\"value\":\"1\"}", FALSE },
    { "vote", "{\"answer\":\"" A_RECORD "\",\"value\":true}", FALSE },
    { "vote", "{\"answer\":\"" A_RECORD "\"}", FALSE },
    { "note", "{\"title\":\"Not discussion\"}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) fields = object_from (cases[i].fields);
      g_autoptr(GError) error = NULL;
      gboolean valid = commons_discussion_check_fields (cases[i].kind, fields, &error);

      g_test_message ("%s %s", cases[i].kind, cases[i].fields);
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (!valid)
        g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
    }

  {
    g_autofree char *title = g_strnfill (COMMONS_DISCUSSION_MAX_TITLE + 1, 'x');
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "title", title);
    g_assert_false (commons_discussion_check_fields ("question", fields, NULL));
  }
}

static void
test_vote_ids (void)
{
  Person ana = { 0, }, ben = { 0, };
  g_autofree char *id = NULL;
  g_autofree char *again = NULL;
  g_autofree char *bens = NULL;
  g_autofree char *other_answer = NULL;
  g_autoptr(JsonObject) fields = object_from ("{\"answer\":\"" A_RECORD "\",\"value\":1}");
  g_autoptr(GError) error = NULL;

  person_init (&ana);
  person_init (&ben);
  id = commons_discussion_dup_vote_id (ana.person, A_RECORD);
  again = commons_discussion_dup_vote_id (ana.person, A_RECORD);
  bens = commons_discussion_dup_vote_id (ben.person, A_RECORD);
  other_answer = commons_discussion_dup_vote_id (ana.person, "1b2c3d4e-5f6a-4b7c-9d8e-9f0a1b2c3d4e");
  g_assert_true (commons_uuid_is_valid (id));
  g_assert_cmpstr (id, ==, again);
  g_assert_cmpstr (id, !=, bens);
  g_assert_cmpstr (id, !=, other_answer);

  /* Ana writes her own vote; Ben cannot write it, first or later. */
  g_assert_true (commons_discussion_check_author ("vote", id, fields, ana.person, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (commons_discussion_check_author ("vote", id, fields, ana.person, ana.person, NULL));
  g_assert_false (commons_discussion_check_author ("vote", id, fields, ben.person, NULL, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);
  g_clear_error (&error);
  g_assert_false (commons_discussion_check_author ("vote", other_answer, fields, ana.person, NULL, NULL));
  /* A merge has no author and is recomputed by everyone. */
  g_assert_true (commons_discussion_check_author ("vote", id, fields, NULL, ana.person, NULL));

  /* Other kinds: the first author only. */
  g_assert_true (commons_discussion_check_author ("answer", A_RECORD, fields, ben.person, NULL, NULL));
  g_assert_false (commons_discussion_check_author ("answer", A_RECORD, fields, ben.person, ana.person, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);

  person_clear (&ana);
  person_clear (&ben);
}

static CommonsComment *
comment_at (GListModel *list,
            guint       position)
{
  g_autoptr(CommonsComment) comment = g_list_model_get_item (list, position);

  g_assert_nonnull (comment);
  return comment;
}

/* Comments are listed by the time they were written, and those written
 * in the same millisecond by their ids (so that every replica agrees):
 * a test that means "in this order" lets the clock move between them. */
static void
next_millisecond (void)
{
  g_autofree char *start = commons_time_now ();

  for (;;)
    {
      g_autofree char *now = commons_time_now ();

      if (!g_str_equal (now, start))
        return;
      g_usleep (200);
    }
}

static void
test_comments (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = make_plan (f->store, GROUP, "Fractions");
  g_autofree char *other_plan = make_plan (f->store, GROUP, "Decimals");
  g_autofree char *version = head_of (f->store, plan);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *reply = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(CommonsComment) fetched = NULL;
  CommonsComment *c;
  char *nested;

  first = commons_discussion_add_comment (f->store, plan, NULL, "How did this go with 40 pupils?", &error);
  g_assert_no_error (error);
  next_millisecond ();
  second = commons_discussion_add_comment (f->store, plan, NULL, "Pizza works better than cake", &error);
  g_assert_no_error (error);
  next_millisecond ();
  reply = commons_discussion_add_comment (f->store, plan, first, "Fine, in two rooms", &error);
  g_assert_no_error (error);

  /* One level of replies; a reply names its plan's comment; text needed. */
  nested = commons_discussion_add_comment (f->store, plan, reply, "Deeper", &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NESTED_REPLY);
  g_assert_null (nested);
  g_clear_error (&error);
  nested = commons_discussion_add_comment (f->store, other_plan, first, "Elsewhere", &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_MISMATCH);
  g_assert_null (nested);
  g_clear_error (&error);
  nested = commons_discussion_add_comment (f->store, plan, NULL, "  \n ", &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
  g_assert_null (nested);
  g_clear_error (&error);
  nested = commons_discussion_add_comment (f->store, first, NULL, "Not a plan", &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_assert_null (nested);
  g_clear_error (&error);

  /* Replies under their comment; each names the version it was about. */
  list = commons_discussion_list_comments (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  c = comment_at (list, 0);
  g_assert_cmpstr (commons_comment_get_record (c), ==, first);
  g_assert_cmpuint (commons_comment_get_n_replies (c), ==, 1);
  g_assert_cmpstr (commons_comment_get_plan_revision (c), ==, version);
  g_assert_nonnull (commons_comment_get_plan_revision_time (c));
  g_assert_true (commons_comment_get_mine (c));
  g_assert_false (commons_comment_get_is_new (c));
  g_assert_null (commons_comment_get_reply_to (c));
  c = comment_at (list, 1);
  g_assert_cmpstr (commons_comment_get_record (c), ==, reply);
  g_assert_cmpstr (commons_comment_get_reply_to (c), ==, first);
  g_assert_cmpstr (commons_comment_get_body (c), ==, "Fine, in two rooms");
  c = comment_at (list, 2);
  g_assert_cmpstr (commons_comment_get_record (c), ==, second);
  g_assert_cmpuint (commons_discussion_count_comments (f->store, plan), ==, 3);
  g_clear_object (&list);

  /* Edited, then deleted: the deleted comment keeps its place where it
   * has replies, and disappears where it has none. */
  g_assert_true (commons_discussion_edit_comment (f->store, first, "How did this go with 40?", &error));
  g_assert_no_error (error);
  fetched = commons_discussion_get_comment (f->store, first, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_comment_get_body (fetched), ==, "How did this go with 40?");
  g_assert_true (commons_discussion_delete_comment (f->store, first, &error));
  g_assert_no_error (error);
  g_assert_true (commons_discussion_delete_comment (f->store, second, &error));
  g_assert_no_error (error);
  list = commons_discussion_list_comments (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  c = comment_at (list, 0);
  g_assert_cmpstr (commons_comment_get_record (c), ==, first);
  g_assert_true (commons_comment_get_deleted (c));
  g_assert_cmpstr (commons_comment_get_body (c), ==, "");
  c = comment_at (list, 1);
  g_assert_cmpstr (commons_comment_get_record (c), ==, reply);
  g_assert_cmpuint (commons_discussion_count_comments (f->store, plan), ==, 1);
  g_clear_object (&list);

  counts = commons_discussion_count_comments_by_plan (f->store, GROUP, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, plan)), ==, 1);
  g_assert_false (g_hash_table_contains (counts, other_plan));
}

/* Comments by someone else arrive in a file: new until the plan is
 * opened, counted on the group, announced to the plan's author, and an
 * edit of them by this person is refused. */
static void
test_comments_from_others (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = make_plan (f->store, GROUP, "Fractions");
  g_autofree char *version = head_of (f->store, plan);
  g_autofree char *record = g_uuid_string_random ();
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) arrivals = NULL;
  g_autoptr(CommonsDiscussionHit) hit = NULL;
  Person ben = { 0, };
  gint64 stamp;

  person_init (&ben);
  stamp = commons_discussion_get_stamp (f->store);
  json_object_set_string_member (fields, "plan", plan);
  json_object_set_string_member (fields, "plan_revision", version);
  json_object_set_string_member (fields, "body", "Tried it: the pizza slices were a hit");
  g_ptr_array_add (wires, forge (&ben, record, "comment", NULL, NULL, fields, NULL));
  g_assert_cmpuint (import (f->store, GROUP, wires), ==, 0);

  list = commons_discussion_list_comments (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (commons_comment_get_is_new (comment_at (list, 0)));
  g_assert_false (commons_comment_get_mine (comment_at (list, 0)));
  g_assert_cmpstr (commons_comment_get_author (comment_at (list, 0)), ==, ben.person);
  g_assert_cmpuint (commons_discussion_count_new (f->store, GROUP), ==, 1);

  arrivals = commons_discussion_list_arrivals (f->store, stamp, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (arrivals), ==, 1);
  hit = g_list_model_get_item (arrivals, 0);
  g_assert_cmpstr (commons_discussion_hit_get_record (hit), ==, record);
  g_assert_cmpstr (commons_discussion_hit_get_target (hit), ==, plan);
  g_assert_cmpstr (commons_discussion_hit_get_title (hit), ==, "Fractions");
  g_assert_cmpstr (commons_discussion_hit_get_kind (hit), ==, "comment");
  g_clear_object (&arrivals);
  arrivals = commons_discussion_list_arrivals (f->store, commons_discussion_get_stamp (f->store), &error);
  g_assert_cmpuint (g_list_model_get_n_items (arrivals), ==, 0);

  g_assert_true (commons_discussion_mark_seen (f->store, plan, &error));
  g_assert_no_error (error);
  g_clear_object (&list);
  list = commons_discussion_list_comments (f->store, plan, &error);
  g_assert_false (commons_comment_get_is_new (comment_at (list, 0)));
  g_assert_cmpuint (commons_discussion_count_new (f->store, GROUP), ==, 0);

  g_assert_false (commons_discussion_edit_comment (f->store, record, "Mine now", &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);
  g_clear_error (&error);
  g_assert_false (commons_discussion_delete_comment (f->store, record, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);

  person_clear (&ben);
}

static CommonsAnswer *
answer_at (GListModel *list,
           guint       position)
{
  g_autoptr(CommonsAnswer) answer = g_list_model_get_item (list, position);

  g_assert_nonnull (answer);
  return answer;
}

static CommonsQuestion *
question_at (GListModel *list,
             guint       position)
{
  g_autoptr(CommonsQuestion) question = g_list_model_get_item (list, position);

  g_assert_nonnull (question);
  return question;
}

static char *
foreign_vote (Person     *voter,
              const char *answer,
              int         value,
              const char *parent,
              const char *time)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *record = commons_discussion_dup_vote_id (voter->person, answer);

  json_object_set_string_member (fields, "answer", answer);
  json_object_set_int_member (fields, "value", value);
  return forge (voter, record, "vote", parent, time, fields, NULL);
}

static void
test_questions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *q1 = NULL;
  g_autofree char *q2 = NULL;
  g_autofree char *q3 = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *bens = g_uuid_string_random ();
  g_autofree char *cams = g_uuid_string_random ();
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(CommonsQuestion) question = NULL;
  Person ben = { 0, }, cam = { 0, }, dee = { 0, };
  char *nothing;

  person_init (&ben);
  person_init (&cam);
  person_init (&dee);

  nothing = commons_discussion_ask (f->store, "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b", "Where?", "", "en", NULL, &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_A_GROUP);
  g_assert_null (nothing);
  g_clear_error (&error);
  nothing = commons_discussion_ask (f->store, GROUP, " ", "", "en", NULL, &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
  g_clear_error (&error);
  nothing = commons_discussion_ask (f->store, GROUP, "Bad tag", "", "en_GB", NULL, &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
  g_clear_error (&error);
  nothing = commons_discussion_ask (f->store, GROUP, "About nothing", "", "en", A_RECORD, &error);
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_assert_null (nothing);
  g_clear_error (&error);

  q1 = commons_discussion_ask (f->store, GROUP, "How long for fractions?", "With 40 pupils", "en", NULL, &error);
  g_assert_no_error (error);
  q2 = commons_discussion_ask (f->store, GROUP, "Élèves de CM2 ?", "", "fr", NULL, &error);
  g_assert_no_error (error);
  q3 = commons_discussion_ask (f->store, GROUP, "Cake or pizza?", "", "en", NULL, &error);
  g_assert_no_error (error);

  mine = commons_discussion_add_answer (f->store, q1, "One lesson of 45 minutes", &error);
  g_assert_no_error (error);
  /* Votes may arrive before their answers. */
  g_ptr_array_add (wires, foreign_vote (&dee, bens, 1, NULL, NULL));
  g_ptr_array_add (wires, foreign_vote (&cam, bens, 1, NULL, NULL));
  g_ptr_array_add (wires, foreign_vote (&ben, cams, -1, NULL, NULL));
  g_ptr_array_add (wires, foreign_vote (&dee, mine, -1, NULL, NULL));
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "question", q1);
    json_object_set_string_member (fields, "body", "Two lessons, with pizzas");
    g_ptr_array_add (wires, forge (&ben, bens, "answer", NULL, NULL, fields, NULL));
    json_object_set_string_member (fields, "body", "A week");
    g_ptr_array_add (wires, forge (&cam, cams, "answer", NULL, NULL, fields, NULL));
  }
  g_assert_cmpuint (import (f->store, GROUP, wires), ==, 0);

  /* My own vote, changed: one per person per answer. */
  g_assert_true (commons_discussion_vote (f->store, cams, -1, &error));
  g_assert_no_error (error);
  g_assert_true (commons_discussion_vote (f->store, cams, 1, &error));
  g_assert_no_error (error);
  g_assert_false (commons_discussion_vote (f->store, cams, 2, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (commons_discussion_vote (f->store, q1, 1, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  answers = commons_discussion_list_answers (f->store, q1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 3);
  g_assert_cmpstr (commons_answer_get_record (answer_at (answers, 0)), ==, bens);
  g_assert_cmpint (commons_answer_get_score (answer_at (answers, 0)), ==, 2);
  g_assert_cmpuint (commons_answer_get_n_up (answer_at (answers, 0)), ==, 2);
  g_assert_cmpstr (commons_answer_get_record (answer_at (answers, 1)), ==, cams);
  g_assert_cmpint (commons_answer_get_score (answer_at (answers, 1)), ==, 0);
  g_assert_cmpint (commons_answer_get_my_vote (answer_at (answers, 1)), ==, 1);
  g_assert_cmpuint (commons_answer_get_n_down (answer_at (answers, 1)), ==, 1);
  g_assert_cmpstr (commons_answer_get_record (answer_at (answers, 2)), ==, mine);
  g_assert_cmpint (commons_answer_get_score (answer_at (answers, 2)), ==, -1);
  g_assert_true (commons_answer_get_mine (answer_at (answers, 2)));
  g_assert_true (commons_answer_get_is_new (answer_at (answers, 0)));
  g_clear_object (&answers);

  /* The asker accepts one: it comes first. */
  g_assert_false (commons_discussion_accept (f->store, q2, mine, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_MISMATCH);
  g_clear_error (&error);
  g_assert_true (commons_discussion_accept (f->store, q1, mine, &error));
  g_assert_no_error (error);
  answers = commons_discussion_list_answers (f->store, q1, &error);
  g_assert_cmpstr (commons_answer_get_record (answer_at (answers, 0)), ==, mine);
  g_assert_true (commons_answer_get_accepted (answer_at (answers, 0)));
  g_assert_cmpstr (commons_answer_get_record (answer_at (answers, 1)), ==, bens);
  g_clear_object (&answers);

  /* Counts derived for the list, in each order. */
  questions = commons_discussion_list_questions (f->store, GROUP, COMMONS_QUESTION_SORT_NEWEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);
  g_assert_cmpstr (commons_question_get_record (question_at (questions, 0)), ==, q3);
  g_assert_cmpstr (commons_question_get_record (question_at (questions, 2)), ==, q1);
  g_assert_cmpuint (commons_question_get_n_answers (question_at (questions, 2)), ==, 3);
  g_assert_cmpint (commons_question_get_score (question_at (questions, 2)), ==, 1);
  g_assert_cmpuint (commons_question_get_n_new_answers (question_at (questions, 2)), ==, 2);
  g_assert_cmpstr (commons_question_get_accepted (question_at (questions, 2)), ==, mine);
  g_assert_true (commons_question_get_mine (question_at (questions, 2)));
  g_clear_object (&questions);
  questions = commons_discussion_list_questions (f->store, GROUP, COMMONS_QUESTION_SORT_MOST_VOTED, &error);
  g_assert_cmpstr (commons_question_get_record (question_at (questions, 0)), ==, q1);
  g_clear_object (&questions);
  questions = commons_discussion_list_questions (f->store, GROUP, COMMONS_QUESTION_SORT_UNANSWERED, &error);
  g_assert_cmpstr (commons_question_get_record (question_at (questions, 2)), ==, q1);
  g_clear_object (&questions);

  g_assert_true (commons_discussion_mark_seen (f->store, q1, &error));
  question = commons_discussion_get_question (f->store, q1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_question_get_body (question), ==, "With 40 pupils");
  g_assert_cmpuint (commons_question_get_n_new_answers (question), ==, 0);

  /* Withdrawn votes and deleted answers stop counting. */
  g_assert_true (commons_discussion_vote (f->store, cams, 0, &error));
  g_assert_true (commons_discussion_delete_answer (f->store, mine, &error));
  g_assert_no_error (error);
  g_clear_object (&question);
  question = commons_discussion_get_question (f->store, q1, &error);
  g_assert_cmpuint (commons_question_get_n_answers (question), ==, 2);
  g_assert_cmpint (commons_question_get_score (question), ==, 2 - 1);
  answers = commons_discussion_list_answers (f->store, q1, &error);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  g_assert_cmpint (commons_answer_get_my_vote (answer_at (answers, 1)), ==, 0);
  g_assert_false (commons_discussion_vote (f->store, mine, 1, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Not mine to edit or accept. */
  g_assert_false (commons_discussion_edit_answer (f->store, bens, "Mine now", &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);
  g_clear_error (&error);

  person_clear (&ben);
  person_clear (&cam);
  person_clear (&dee);
}

/* The record ids of @list, in order, joined by spaces. */
static char *
question_order (GListModel *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", commons_question_get_record (question_at (list, i)));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_accepted_answer_deleted (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(CommonsQuestion) question = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *never = NULL, *open = NULL, *kept = NULL, *lone = NULL, *other = NULL;
  g_autofree char *open_answer = NULL, *kept_answer = NULL, *lone_answer = NULL;
  g_autofree char *other_answer = NULL, *other_second = NULL;

  /* Oldest first: never answered; answered, nothing accepted; accepted
   * and kept; accepted and deleted, nothing else; accepted and deleted,
   * another answer left. */
  never = commons_discussion_ask (f->store, GROUP, "Never answered", "", "en", NULL, &error);
  g_assert_no_error (error);
  open = commons_discussion_ask (f->store, GROUP, "Answered, none accepted", "", "en", NULL, &error);
  kept = commons_discussion_ask (f->store, GROUP, "Accepted", "", "en", NULL, &error);
  lone = commons_discussion_ask (f->store, GROUP, "Accepted, then its answer deleted", "", "en", NULL, &error);
  other = commons_discussion_ask (f->store, GROUP, "Accepted, deleted, another left", "", "en", NULL, &error);
  g_assert_no_error (error);

  open_answer = commons_discussion_add_answer (f->store, open, "Maybe", &error);
  kept_answer = commons_discussion_add_answer (f->store, kept, "Yes", &error);
  lone_answer = commons_discussion_add_answer (f->store, lone, "Wrong", &error);
  other_answer = commons_discussion_add_answer (f->store, other, "Wrong too", &error);
  other_second = commons_discussion_add_answer (f->store, other, "Perhaps", &error);
  g_assert_no_error (error);
  g_assert_true (commons_discussion_accept (f->store, kept, kept_answer, &error));
  g_assert_true (commons_discussion_accept (f->store, lone, lone_answer, &error));
  g_assert_true (commons_discussion_accept (f->store, other, other_answer, &error));
  g_assert_no_error (error);
  g_assert_true (commons_discussion_delete_answer (f->store, lone_answer, &error));
  g_assert_true (commons_discussion_delete_answer (f->store, other_answer, &error));
  g_assert_no_error (error);

  /* Without answers first, then with answers but none accepted, then
   * answered; newest first within each. */
  questions = commons_discussion_list_questions (f->store, GROUP, COMMONS_QUESTION_SORT_UNANSWERED, &error);
  g_assert_no_error (error);
  order = question_order (questions);
  expected = g_strjoin (" ", lone, never, other, open, kept, NULL);
  g_assert_cmpstr (order, ==, expected);

  /* No accepted mark points at a deleted answer. */
  for (guint i = 0; i < g_list_model_get_n_items (questions); i++)
    {
      CommonsQuestion *listed = question_at (questions, i);

      if (g_str_equal (commons_question_get_record (listed), kept))
        g_assert_cmpstr (commons_question_get_accepted (listed), ==, kept_answer);
      else
        g_assert_null (commons_question_get_accepted (listed));
    }
  question = commons_discussion_get_question (f->store, lone, &error);
  g_assert_no_error (error);
  g_assert_null (commons_question_get_accepted (question));
  g_assert_cmpuint (commons_question_get_n_answers (question), ==, 0);
  g_clear_object (&question);

  /* The answer brought back by its author's edit is accepted again. */
  g_assert_true (commons_discussion_edit_answer (f->store, lone_answer, "Right after all", &error));
  g_assert_no_error (error);
  question = commons_discussion_get_question (f->store, lone, &error);
  g_assert_cmpstr (commons_question_get_accepted (question), ==, lone_answer);
  g_clear_object (&questions);
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&expected, g_free);
  questions = commons_discussion_list_questions (f->store, GROUP, COMMONS_QUESTION_SORT_UNANSWERED, &error);
  order = question_order (questions);
  expected = g_strjoin (" ", never, other, open, lone, kept, NULL);
  g_assert_cmpstr (order, ==, expected);
}

static void
test_edit_and_delete_question (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CommonsQuestion) question = NULL;
  g_autoptr(GListModel) questions = NULL;
  g_autoptr(GListModel) hits = NULL;
  g_autofree char *plan = make_plan (f->store, GROUP, "Fractions with pizza");
  g_autofree char *asked = NULL, *lonely = NULL, *answered = NULL, *own = NULL;
  g_autofree char *bens = g_uuid_string_random ();
  g_autofree char *bens_answer = g_uuid_string_random ();
  Person ben = { 0, };

  person_init (&ben);
  asked = commons_discussion_ask (f->store, GROUP, "How long?", "For 30", "en", NULL, &error);
  g_assert_no_error (error);

  /* The asker changes every field, the link to a plan included. */
  g_assert_true (commons_discussion_edit_question (f->store, asked, " How long, with pizza? ", "For 40",
                                                   "fr", plan, &error));
  g_assert_no_error (error);
  question = commons_discussion_get_question (f->store, asked, &error);
  g_assert_cmpstr (commons_question_get_title (question), ==, "How long, with pizza?");
  g_assert_cmpstr (commons_question_get_body (question), ==, "For 40");
  g_assert_cmpstr (commons_question_get_language (question), ==, "fr");
  g_assert_cmpstr (commons_question_get_plan (question), ==, plan);
  g_clear_object (&question);
  /* NULL keeps a field; "" unlinks the plan. */
  g_assert_true (commons_discussion_edit_question (f->store, asked, NULL, NULL, NULL, "", &error));
  question = commons_discussion_get_question (f->store, asked, &error);
  g_assert_cmpstr (commons_question_get_title (question), ==, "How long, with pizza?");
  g_assert_null (commons_question_get_plan (question));
  g_clear_object (&question);
  g_assert_false (commons_discussion_edit_question (f->store, asked, " ", NULL, NULL, NULL, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (commons_discussion_edit_question (f->store, asked, NULL, NULL, NULL, A_RECORD, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (commons_discussion_edit_question (f->store, asked, NULL, NULL, "en_GB", NULL, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_INVALID);
  g_clear_error (&error);

  /* Another member's question is theirs alone; and an answer of theirs
   * keeps a question of mine for them. */
  answered = commons_discussion_ask (f->store, GROUP, "Pizza or cake?", "", "en", NULL, &error);
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "title", "Ben asks");
    json_object_set_string_member (fields, "body", "");
    json_object_set_string_member (fields, "language", "en");
    g_ptr_array_add (wires, forge (&ben, bens, "question", NULL, NULL, fields, NULL));
  }
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "question", answered);
    json_object_set_string_member (fields, "body", "Volcano cake");
    g_ptr_array_add (wires, forge (&ben, bens_answer, "answer", NULL, NULL, fields, NULL));
  }
  g_assert_cmpuint (import (f->store, GROUP, wires), ==, 0);
  g_assert_false (commons_discussion_edit_question (f->store, bens, "Mine now", NULL, NULL, NULL, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);
  g_clear_error (&error);
  g_assert_false (commons_discussion_delete_question (f->store, bens, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_AUTHOR);
  g_clear_error (&error);
  g_assert_false (commons_discussion_delete_question (f->store, answered, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_ANSWERED);
  g_clear_error (&error);

  /* A question only its asker answered goes, with its answers, from the
   * list and from search. */
  lonely = commons_discussion_ask (f->store, GROUP, "Anyone?", "", "en", NULL, &error);
  own = commons_discussion_add_answer (f->store, lonely, "Volcano answer to myself", &error);
  g_assert_no_error (error);
  g_assert_true (commons_discussion_delete_question (f->store, lonely, &error));
  g_assert_no_error (error);
  g_assert_null (commons_discussion_get_question (f->store, lonely, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_clear_error (&error);
  questions = commons_discussion_list_questions (f->store, GROUP, COMMONS_QUESTION_SORT_NEWEST, &error);
  g_assert_cmpuint (g_list_model_get_n_items (questions), ==, 3);
  hits = commons_discussion_search (f->store, GROUP, "volcano", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  g_assert_false (commons_discussion_edit_question (f->store, lonely, "Back?", NULL, NULL, NULL, &error));
  g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
  g_clear_error (&error);

  person_clear (&ben);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *q1 = commons_discussion_ask (f->store, GROUP, "Élèves de CM2 et fractions", "", "fr", NULL, &error);
  g_autofree char *q2 = commons_discussion_ask (f->store, GROUP, "Cake or pizza?", "", "en", NULL, &error);
  g_autofree char *answer = commons_discussion_add_answer (f->store, q2, "Pizza: the slices are fractions already", &error);
  g_autofree char *gone = commons_discussion_add_answer (f->store, q2, "Fractions of cake, deleted", &error);
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(CommonsDiscussionHit) hit = NULL;

  g_assert_no_error (error);
  g_assert_true (commons_discussion_delete_answer (f->store, gone, &error));

  hits = commons_discussion_search (f->store, GROUP, "eleves", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpstr (commons_discussion_hit_get_record (hit), ==, q1);
  g_assert_cmpstr (commons_discussion_hit_get_target (hit), ==, q1);
  g_assert_nonnull (strstr (commons_discussion_hit_get_snippet (hit), COMMONS_MATCH_START "Élèves" COMMONS_MATCH_END));
  g_clear_object (&hit);
  g_clear_object (&hits);

  hits = commons_discussion_search (f->store, GROUP, "FRACT", &error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 2);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpstr (commons_discussion_hit_get_record (hit), ==, answer);
  g_assert_cmpstr (commons_discussion_hit_get_kind (hit), ==, "answer");
  g_assert_cmpstr (commons_discussion_hit_get_target (hit), ==, q2);
  g_assert_cmpstr (commons_discussion_hit_get_title (hit), ==, "Cake or pizza?");
  g_assert_nonnull (strstr (commons_discussion_hit_get_snippet (hit), COMMONS_MATCH_START "fractions" COMMONS_MATCH_END));
  g_clear_object (&hit);
  g_clear_object (&hits);

  hits = commons_discussion_search (f->store, "3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b", "pizza", &error);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 0);
}

/* Two devices of one person vote at once: both write the same record,
 * two roots, and every replica settles it to the same single value,
 * whatever order the votes arrive in. */
static void
test_concurrent_votes (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *question = commons_discussion_ask (f->store, GROUP, "Cake or pizza?", "", "en", NULL, &error);
  g_autofree char *answer = commons_discussion_add_answer (f->store, question, "Pizza", &error);
  g_autoptr(GPtrArray) forward = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backward = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) here = NULL;
  g_autoptr(GListModel) there = NULL;
  g_autofree char *vote = NULL;
  g_autofree char *head_here = NULL;
  g_autofree char *head_there = NULL;
  Person ben = { 0, };

  g_assert_no_error (error);
  person_init (&ben);
  vote = commons_discussion_dup_vote_id (ben.person, answer);

  /* The question and answer reach the other store in a file. */
  {
    const char *records[] = { question, answer, NULL };
    g_autoptr(GBytes) file = commons_bundle_export (f->store, records, &error);
    g_autoptr(GPtrArray) report = NULL;

    g_assert_no_error (error);
    report = commons_bundle_import (f->other, file, COMMONS_SCOPE_LOCAL, &error);
    g_assert_no_error (error);
  }

  g_ptr_array_add (forward, foreign_vote (&ben, answer, 1, NULL, "2026-03-01T10:00:00.000Z"));
  g_ptr_array_add (forward, foreign_vote (&ben, answer, -1, NULL, "2026-03-01T10:00:05.000Z"));
  g_ptr_array_add (backward, g_strdup (g_ptr_array_index (forward, 1)));
  g_ptr_array_add (backward, g_strdup (g_ptr_array_index (forward, 0)));
  g_assert_cmpuint (import (f->store, GROUP, forward), ==, 0);
  g_assert_cmpuint (import (f->other, GROUP, backward), ==, 0);

  head_here = head_of (f->store, vote);
  head_there = head_of (f->other, vote);
  g_assert_cmpstr (head_here, ==, head_there);
  {
    g_autoptr(GPtrArray) heads = commons_store_get_heads (f->store, vote, &error);

    g_assert_cmpuint (heads->len, ==, 1);
    g_assert_null (commons_revision_get_author (g_ptr_array_index (heads, 0)));
  }

  /* The later vote stands, and it counts once. */
  here = commons_discussion_list_answers (f->store, question, &error);
  there = commons_discussion_list_answers (f->other, question, &error);
  g_assert_no_error (error);
  g_assert_cmpint (commons_answer_get_score (answer_at (here, 0)), ==, -1);
  g_assert_cmpuint (commons_answer_get_n_down (answer_at (here, 0)), ==, 1);
  g_assert_cmpuint (commons_answer_get_n_up (answer_at (here, 0)), ==, 0);
  g_assert_cmpint (commons_answer_get_score (answer_at (there, 0)), ==, -1);

  person_clear (&ben);
}

/* The author edits a comment on one device and deletes it on another;
 * it has a reply. The edit wins, as it does against a deleted revision,
 * on every replica; the reply stays where it was. */
static void
test_edit_against_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = make_plan (f->store, GROUP, "Fractions");
  g_autofree char *version = head_of (f->store, plan);
  g_autofree char *comment = g_uuid_string_random ();
  g_autofree char *reply = g_uuid_string_random ();
  g_autofree char *base = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) two = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) reply_fields = json_object_new ();
  g_autofree char *edited_head = NULL;
  Person ben = { 0, };
  CommonsComment *c;

  person_init (&ben);
  json_object_set_string_member (fields, "plan", plan);
  json_object_set_string_member (fields, "plan_revision", version);
  json_object_set_string_member (fields, "body", "It took two lessons");
  g_ptr_array_add (one, forge (&ben, comment, "comment", NULL, "2026-03-01T10:00:00.000Z", fields, &base));
  json_object_set_string_member (reply_fields, "plan", plan);
  json_object_set_string_member (reply_fields, "plan_revision", version);
  json_object_set_string_member (reply_fields, "reply_to", comment);
  json_object_set_string_member (reply_fields, "body", "Same here");
  g_ptr_array_add (one, forge (&ben, reply, "comment", NULL, "2026-03-01T10:01:00.000Z", reply_fields, NULL));

  json_object_set_string_member (fields, "body", "It took two lessons of 45 minutes");
  g_ptr_array_add (two, forge (&ben, comment, "comment", base, "2026-03-01T10:05:00.000Z", fields, NULL));
  json_object_set_string_member (fields, "body", "It took two lessons");
  json_object_set_boolean_member (fields, "deleted", TRUE);
  /* The delete is the later of the two, so no clock can favour it. */
  g_ptr_array_add (two, forge (&ben, comment, "comment", base, "2026-03-01T10:09:00.000Z", fields, NULL));

  g_assert_cmpuint (import (f->store, GROUP, one), ==, 0);
  g_assert_cmpuint (import (f->store, GROUP, two), ==, 0);
  {
    gpointer first = two->pdata[0];

    two->pdata[0] = two->pdata[1];
    two->pdata[1] = first;
  }
  g_assert_cmpuint (import (f->other, GROUP, one), ==, 0);
  g_assert_cmpuint (import (f->other, GROUP, two), ==, 0);

  edited_head = head_of (f->store, comment);
  {
    g_autofree char *there = head_of (f->other, comment);

    g_assert_cmpstr (edited_head, ==, there);
  }
  list = commons_discussion_list_comments (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  c = comment_at (list, 0);
  g_assert_false (commons_comment_get_deleted (c));
  g_assert_cmpstr (commons_comment_get_body (c), ==, "It took two lessons of 45 minutes");
  g_assert_cmpstr (commons_comment_get_record (comment_at (list, 1)), ==, reply);

  person_clear (&ben);
}

/* A hostile member's file: a malformed comment, a vote in someone else's
 * name, an edit of someone else's answer. Each is quarantined with its
 * reason; the rest of the file is taken. */
static void
test_hostile_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = make_plan (f->store, GROUP, "Fractions");
  g_autofree char *question = commons_discussion_ask (f->store, GROUP, "Cake or pizza?", "", "en", NULL, &error);
  g_autofree char *answer = commons_discussion_add_answer (f->store, question, "Pizza", &error);
  g_autofree char *answer_head = head_of (f->store, answer);
  g_autofree char *mine = commons_discussion_dup_vote_id (commons_store_get_person_id (f->store), answer);
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(GListModel) comments = NULL;
  Person eve = { 0, };

  g_assert_no_error (error);
  person_init (&eve);

  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *record = g_uuid_string_random ();

    json_object_set_string_member (fields, "plan", plan);
    json_object_set_string_member (fields, "plan_revision", "not a revision");
    json_object_set_string_member (fields, "body", "Malformed");
    g_ptr_array_add (wires, forge (&eve, record, "comment", NULL, NULL, fields, NULL));
  }
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "answer", answer);
    json_object_set_int_member (fields, "value", -1);
    g_ptr_array_add (wires, forge (&eve, mine, "vote", NULL, NULL, fields, NULL));
  }
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "question", question);
    json_object_set_string_member (fields, "body", "Cake, obviously");
    g_ptr_array_add (wires, forge (&eve, answer, "answer", answer_head, NULL, fields, NULL));
  }
  /* And an honest vote of her own, taken. */
  g_ptr_array_add (wires, foreign_vote (&eve, answer, 1, NULL, NULL));

  g_assert_cmpuint (import (f->store, GROUP, wires), ==, 3);
  g_assert_cmpuint (count_quarantined (f->store, "bad-fields"), ==, 1);
  g_assert_cmpuint (count_quarantined (f->store, "bad-author"), ==, 2);

  answers = commons_discussion_list_answers (f->store, question, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  g_assert_cmpstr (commons_answer_get_body (answer_at (answers, 0)), ==, "Pizza");
  g_assert_cmpint (commons_answer_get_score (answer_at (answers, 0)), ==, 1);
  g_assert_cmpint (commons_answer_get_my_vote (answer_at (answers, 0)), ==, 0);
  comments = commons_discussion_list_comments (f->store, plan, &error);
  g_assert_cmpuint (g_list_model_get_n_items (comments), ==, 0);

  person_clear (&eve);
}

/* A plan's .commons file carries its comments. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = make_plan (f->store, COMMONS_SCOPE_LOCAL, "Fractions");
  g_autofree char *comment = commons_discussion_add_comment (f->store, plan, NULL, "Try it outside", &error);
  g_autofree char *reply = commons_discussion_add_comment (f->store, plan, comment, "In the rain?", &error);
  const char *records[] = { plan, NULL };
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GListModel) list = NULL;

  g_assert_no_error (error);
  file = commons_bundle_export (f->store, records, &error);
  g_assert_no_error (error);
  report = commons_bundle_import (f->other, file, COMMONS_SCOPE_LOCAL, &error);
  g_assert_no_error (error);
  list = commons_discussion_list_comments (f->other, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  g_assert_cmpstr (commons_comment_get_body (comment_at (list, 1)), ==, "In the rain?");
  g_assert_false (commons_comment_get_mine (comment_at (list, 1)));

  /* A question's file carries its answers and their votes. */
  {
    g_autofree char *question = commons_discussion_ask (f->store, GROUP, "Cake or pizza?", "", "en", NULL, &error);
    g_autofree char *answer = commons_discussion_add_answer (f->store, question, "Pizza", &error);
    const char *questions[] = { NULL, NULL };
    g_autoptr(GBytes) qfile = NULL;
    g_autoptr(GPtrArray) qreport = NULL;
    g_autoptr(GListModel) answers = NULL;

    g_assert_no_error (error);
    g_assert_true (commons_discussion_vote (f->store, answer, 1, &error));
    questions[0] = question;
    qfile = commons_bundle_export (f->store, questions, &error);
    g_assert_no_error (error);
    qreport = commons_bundle_import (f->other, qfile, COMMONS_SCOPE_LOCAL, &error);
    g_assert_no_error (error);
    answers = commons_discussion_list_answers (f->other, question, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
    g_assert_cmpint (commons_answer_get_score (answer_at (answers, 0)), ==, 1);
  }
}

/* A member whose Commons predates discussion pulled a comment and kept it
 * aside as of an unknown kind, and the pull moved on. After the upgrade
 * the comment is taken at the next pull or import, checked like any. */
static void
test_upgrade_takes_what_was_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-discussion-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *plan = NULL;
  g_autofree char *version = NULL;
  g_autofree char *record = g_uuid_string_random ();
  g_autofree char *bad = g_uuid_string_random ();
  g_autofree char *wire = NULL;
  g_autofree char *bad_wire = NULL;
  g_autoptr(CommonsStore) old = NULL;
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GPtrArray) nothing = g_ptr_array_new_with_free_func (g_free);
  Person ben = { 0, };
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  person_init (&ben);
  old = _commons_store_open_at_version (path, 7, &error);
  g_assert_no_error (error);
  plan = make_plan (old, COMMONS_SCOPE_LOCAL, "Fractions");
  version = head_of (old, plan);
  json_object_set_string_member (fields, "plan", plan);
  json_object_set_string_member (fields, "plan_revision", version);
  json_object_set_string_member (fields, "body", "From a newer Commons");
  wire = forge (&ben, record, "comment", NULL, NULL, fields, NULL);
  json_object_set_string_member (fields, "plan_revision", "not one");
  bad_wire = forge (&ben, bad, "comment", NULL, NULL, fields, NULL);
  stmt = _commons_store_prepare (old,
      "INSERT INTO quarantine (id, record, scope, sender, reason, detail, body, received) "
      "VALUES (?1, ?2, 'file', 'old.commons', 'unknown-kind', 'comment', ?3, '2026-01-01T00:00:00.000Z')", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (i == 0 ? wire : bad_wire, NULL);
      g_autoptr(CommonsRevision) revision = commons_revision_new_from_node (node, NULL, &error);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, commons_revision_get_id (revision), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, i == 0 ? record : bad, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, i == 0 ? wire : bad_wire, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  g_clear_object (&old);

  store = commons_store_open (path, &error);
  g_assert_no_error (error);
  /* Any file, even an empty one, is a way in; the malformed comment is
   * judged again, now for its fields. */
  g_assert_cmpuint (import (store, COMMONS_SCOPE_LOCAL, nothing), ==, 1);
  list = commons_discussion_list_comments (store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (commons_comment_get_record (comment_at (list, 0)), ==, record);
  g_assert_cmpuint (count_quarantined (store, "unknown-kind"), ==, 0);
  g_assert_cmpuint (count_quarantined (store, "bad-fields"), ==, 1);

  g_assert_finalize_object (g_steal_pointer (&store));
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
  person_clear (&ben);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/discussion/checks", test_checks);
  g_test_add_func ("/discussion/vote-ids", test_vote_ids);
  g_test_add ("/discussion/comments", Fixture, NULL, fixture_setup, test_comments, fixture_teardown);
  g_test_add ("/discussion/comments-from-others", Fixture, NULL, fixture_setup, test_comments_from_others, fixture_teardown);
  g_test_add ("/discussion/questions", Fixture, NULL, fixture_setup, test_questions, fixture_teardown);
  g_test_add ("/discussion/accepted-answer-deleted", Fixture, NULL, fixture_setup, test_accepted_answer_deleted, fixture_teardown);
  g_test_add ("/discussion/edit-and-delete-question", Fixture, NULL, fixture_setup, test_edit_and_delete_question, fixture_teardown);
  g_test_add ("/discussion/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/discussion/concurrent-votes", Fixture, NULL, fixture_setup, test_concurrent_votes, fixture_teardown);
  g_test_add ("/discussion/edit-against-delete", Fixture, NULL, fixture_setup, test_edit_against_delete, fixture_teardown);
  g_test_add ("/discussion/hostile-file", Fixture, NULL, fixture_setup, test_hostile_file, fixture_teardown);
  g_test_add ("/discussion/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add_func ("/discussion/upgrade-takes-what-was-unknown", test_upgrade_takes_what_was_unknown);

  return g_test_run ();
}
