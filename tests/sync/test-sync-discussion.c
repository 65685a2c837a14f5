/* test-sync-discussion.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Members discuss a plan and a question offline and converge through the
 * real server; a hostile member's malformed comment, vote in another's
 * name and edit of another's answer are refused by the server, and
 * quarantined when they arrive in a file instead.
 */

#include "config.h"

#include <string.h>

#include "commons-bundle.h"
#include "commons-credentials.h"
#include "commons-discussion.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-net.h"
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
  f->root = g_dir_make_tmp ("commons-discussion-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (f->r); i++)
    {
      replica_open (&f->r[i], f->root, i);
      commons_store_set_quiet_interval (f->r[i].store, 0);
    }
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

static void
sync_ok (Replica    *r,
         const char *group)
{
  g_autoptr(GError) error = NULL;
  CommonsSyncStats stats = { 0 };

  commons_sync_client_sync (r->client, group, NULL, NULL, &stats, NULL, &error);
  g_assert_no_error (error);
}

static void
sync_all (Fixture *f)
{
  /* Twice round: what one pushes last, the others pull. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (f->r); i++)
      sync_ok (&f->r[i], f->group);
}

/* What a person sees of the discussion, as one string. */
static char *
describe (Replica    *r,
          const char *plan,
          const char *question)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) comments = commons_discussion_list_comments (r->store, plan, &error);
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(CommonsQuestion) asked = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (comments); i++)
    {
      g_autoptr(CommonsComment) c = g_list_model_get_item (comments, i);

      g_string_append_printf (out, "comment %s reply-to %s deleted %d replies %u: %s\n",
                              commons_comment_get_record (c),
                              commons_comment_get_reply_to (c) ? commons_comment_get_reply_to (c) : "-",
                              commons_comment_get_deleted (c), commons_comment_get_n_replies (c),
                              commons_comment_get_body (c));
    }
  asked = commons_discussion_get_question (r->store, question, &error);
  g_assert_no_error (error);
  g_string_append_printf (out, "question %s answers %u score %d accepted %s\n",
                          commons_question_get_title (asked), commons_question_get_n_answers (asked),
                          commons_question_get_score (asked),
                          commons_question_get_accepted (asked) ? commons_question_get_accepted (asked) : "-");
  answers = commons_discussion_list_answers (r->store, question, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (answers); i++)
    {
      g_autoptr(CommonsAnswer) a = g_list_model_get_item (answers, i);

      g_string_append_printf (out, "answer %s score %d up %u down %u: %s\n",
                              commons_answer_get_record (a), commons_answer_get_score (a),
                              commons_answer_get_n_up (a), commons_answer_get_n_down (a),
                              commons_answer_get_body (a));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
create_plan (Replica    *r,
             const char *group,
             const char *title)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  char *id;

  json_object_set_string_member (fields, "title", title);
  id = commons_store_create_record (r->store, "plan", group, fields, &error);
  g_assert_no_error (error);
  return id;
}

#define OK(call) G_STMT_START { g_autoptr(GError) e_ = NULL; g_assert_true (call); g_assert_no_error (e_); } G_STMT_END

static void
test_offline_discussion (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Fractions with pizza");
  g_autofree char *question = NULL;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *seen = NULL;
  g_autoptr(GListModel) answers = NULL;

  question = commons_discussion_ask (f->r[0].store, f->group, "How long with 40 pupils?",
                                     "Is one lesson enough?", "en", plan, &error);
  g_assert_no_error (error);
  sync_all (f);

  /* Offline, each on their own. */
  c1 = commons_discussion_add_comment (f->r[1].store, plan, NULL, "Worked well in Year 5", &error);
  g_assert_no_error (error);
  a1 = commons_discussion_add_answer (f->r[1].store, question, "Two lessons", &error);
  g_assert_no_error (error);
  c2 = commons_discussion_add_comment (f->r[2].store, plan, NULL, "Pizza was messy", &error);
  g_assert_no_error (error);
  a2 = commons_discussion_add_answer (f->r[2].store, question, "One, if it is 60 minutes", &error);
  g_assert_no_error (error);
  sync_all (f);

  /* Offline again: votes both ways, a changed vote, the asker accepts,
   * a reply to a comment its author deletes meanwhile, an edit. */
  OK (commons_discussion_vote (f->r[1].store, a2, 1, &e_));
  OK (commons_discussion_vote (f->r[2].store, a1, 1, &e_));
  OK (commons_discussion_vote (f->r[0].store, a1, -1, &e_));
  OK (commons_discussion_vote (f->r[0].store, a2, -1, &e_));
  OK (commons_discussion_vote (f->r[0].store, a2, 1, &e_));
  OK (commons_discussion_accept (f->r[0].store, question, a2, &e_));
  reply = commons_discussion_add_comment (f->r[1].store, plan, c2, "Use paper pizzas", &error);
  g_assert_no_error (error);
  OK (commons_discussion_delete_comment (f->r[2].store, c2, &e_));
  OK (commons_discussion_edit_answer (f->r[2].store, a2, "One, if it is 60 minutes long", &e_));
  sync_all (f);

  seen = describe (&f->r[0], plan, question);
  g_test_message ("%s", seen);
  for (guint i = 1; i < G_N_ELEMENTS (f->r); i++)
    {
      g_autofree char *there = describe (&f->r[i], plan, question);
      g_autofree char *digest_here = replica_digest (&f->r[0]);
      g_autofree char *digest_there = replica_digest (&f->r[i]);

      g_assert_cmpstr (there, ==, seen);
      g_assert_cmpstr (digest_there, ==, digest_here);
    }

  /* What everyone sees. */
  g_assert_nonnull (strstr (seen, "deleted 1 replies 1: \n"));
  g_assert_nonnull (strstr (seen, "Use paper pizzas"));
  g_assert_nonnull (strstr (seen, "answers 2 score 2 accepted"));
  answers = commons_discussion_list_answers (f->r[1].store, question, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CommonsAnswer) first = g_list_model_get_item (answers, 0);
    g_autoptr(CommonsAnswer) second = g_list_model_get_item (answers, 1);

    g_assert_cmpstr (commons_answer_get_record (first), ==, a2);
    g_assert_true (commons_answer_get_accepted (first));
    g_assert_cmpint (commons_answer_get_score (first), ==, 2);
    g_assert_cmpstr (commons_answer_get_body (first), ==, "One, if it is 60 minutes long");
    g_assert_cmpint (commons_answer_get_my_vote (first), ==, 1);
    g_assert_cmpint (commons_answer_get_score (second), ==, 0);
  }

  /* The asker hears of both answers, the plan's author of the comments. */
  {
    g_autoptr(GListModel) arrivals = commons_discussion_list_arrivals (f->r[0].store, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (arrivals), ==, 2 + 1 + 1);
  }
}

static guint
count_quarantined (Replica    *r,
                   const char *scope)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = commons_store_count_quarantined (r->store, scope, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    n += ((CommonsQuarantineCount *) g_ptr_array_index (counts, i))->count;
  return n;
}

/* Edits and deletions of questions and answers pass the server's and
 * every client's checks, and converge. */
static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Fractions with pizza");
  g_autofree char *question = NULL;
  g_autofree char *lonely = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *own = NULL;
  g_autofree char *seen = NULL;

  question = commons_discussion_ask (f->r[0].store, f->group, "How long?", "", "en", NULL, &error);
  g_assert_no_error (error);
  lonely = commons_discussion_ask (f->r[0].store, f->group, "Anyone there?", "", "en", NULL, &error);
  g_assert_no_error (error);
  own = commons_discussion_add_answer (f->r[0].store, lonely, "Only me", &error);
  g_assert_no_error (error);
  sync_all (f);
  answer = commons_discussion_add_answer (f->r[1].store, question, "Two lessons", &error);
  g_assert_no_error (error);
  sync_all (f);
  OK (commons_discussion_accept (f->r[0].store, question, answer, &e_));
  sync_all (f);

  /* The asker changes every field and links the plan, then deletes the
   * question only she answered; the answer's author changes it, then
   * deletes it, after its acceptance reached him. */
  OK (commons_discussion_edit_question (f->r[0].store, question, "How long with 40 pupils?",
                                        "Is one lesson enough?", "fr", plan, &e_));
  OK (commons_discussion_delete_question (f->r[0].store, lonely, &e_));
  OK (commons_discussion_edit_answer (f->r[1].store, answer, "Two lessons, or one long one", &e_));
  sync_all (f);
  OK (commons_discussion_delete_answer (f->r[1].store, answer, &e_));
  sync_all (f);

  seen = describe (&f->r[0], plan, question);
  g_assert_cmpstr (seen, ==, "question How long with 40 pupils? answers 0 score 0 accepted -\n");
  for (guint i = 0; i < G_N_ELEMENTS (f->r); i++)
    {
      g_autofree char *there = describe (&f->r[i], plan, question);
      g_autofree char *digest_here = replica_digest (&f->r[0]);
      g_autofree char *digest_there = replica_digest (&f->r[i]);
      g_autoptr(CommonsQuestion) asked = commons_discussion_get_question (f->r[i].store, question, &error);
      g_autoptr(CommonsQuestion) gone = NULL;
      g_autoptr(GListModel) unanswered = NULL;
      g_autoptr(CommonsQuestion) first = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (there, ==, seen);
      g_assert_cmpstr (digest_there, ==, digest_here);
      g_assert_cmpstr (commons_question_get_language (asked), ==, "fr");
      g_assert_cmpstr (commons_question_get_plan (asked), ==, plan);
      g_assert_cmpstr (commons_question_get_body (asked), ==, "Is one lesson enough?");
      gone = commons_discussion_get_question (f->r[i].store, lonely, &error);
      g_assert_error (error, COMMONS_DISCUSSION_ERROR, COMMONS_DISCUSSION_ERROR_NOT_FOUND);
      g_clear_error (&error);
      g_assert_null (gone);
      /* Its accepted answer deleted, the question is unanswered again. */
      unanswered = commons_discussion_list_questions (f->r[i].store, f->group, COMMONS_QUESTION_SORT_UNANSWERED,
                                                      &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (unanswered), ==, 1);
      first = g_list_model_get_item (unanswered, 0);
      g_assert_null (commons_question_get_accepted (first));
      g_assert_cmpuint (count_quarantined (&f->r[i], f->group), ==, 0);
      g_assert_cmpuint (commons_store_count_pending (f->r[i].store, f->group), ==, 0);
    }
}

/* A revision as the hostile member writes it, signed with their key. */
static char *
forge (Replica     *hostile,
       const char  *record,
       const char  *kind,
       const char  *parent,
       JsonObject  *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autoptr(JsonNode) wire = NULL;
  g_autofree char *seed = _commons_store_dup_signing_key (hostile->store, &error);
  g_autofree char *sig = NULL;
  const char *parents[] = { parent, NULL };

  g_assert_no_error (error);
  revision = commons_revision_new (record, kind, parent != NULL ? parents : NULL,
                                   commons_store_get_person_id (hostile->store),
                                   NULL, FALSE, fields, &error);
  g_assert_no_error (error);
  wire = commons_revision_to_wire (revision);
  sig = commons_identity_sign (seed, COMMONS_SIGN_REVISION, commons_revision_get_id (revision));
  json_object_set_string_member (json_node_get_object (wire), "sig", sig);
  return json_to_string (wire, FALSE);
}

static JsonNode *
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
  return commons_json_parse (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL);
}

static void
test_hostile_member (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Replica *hostile = &f->r[2];
  g_autofree char *plan = create_plan (&f->r[0], f->group, "Fractions");
  g_autofree char *question = commons_discussion_ask (f->r[0].store, f->group, "Cake or pizza?", "", "en", NULL, &error);
  g_autofree char *answer = NULL;
  g_autofree char *before = NULL;
  g_autofree char *victims_vote = NULL;
  g_autoptr(GPtrArray) wires = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(CommonsRevision) answer_head = NULL;
  g_autoptr(GListModel) answers = NULL;
  static const char * const expected[] = { "invalid_fields", "not_author", "not_author", NULL };
  JsonArray *results;

  g_assert_no_error (error);
  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  answer = commons_discussion_add_answer (f->r[1].store, question, "Pizza", &error);
  g_assert_no_error (error);
  sync_ok (&f->r[1], f->group);
  sync_ok (&f->r[0], f->group);
  sync_ok (hostile, f->group);
  answer_head = commons_store_get_current (hostile->store, answer, &error);
  g_assert_no_error (error);
  victims_vote = commons_discussion_dup_vote_id (commons_store_get_person_id (f->r[0].store), answer);

  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *record = g_uuid_string_random ();

    json_object_set_string_member (fields, "plan", plan);
    json_object_set_string_member (fields, "plan_revision", "not a revision");
    json_object_set_string_member (fields, "body", "Malformed");
    g_ptr_array_add (wires, forge (hostile, record, "comment", NULL, fields));
  }
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "answer", answer);
    json_object_set_int_member (fields, "value", -1);
    g_ptr_array_add (wires, forge (hostile, victims_vote, "vote", NULL, fields));
  }
  {
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, "question", question);
    json_object_set_string_member (fields, "body", "Cake, obviously");
    g_ptr_array_add (wires, forge (hostile, answer, "answer", commons_revision_get_id (answer_head), fields));
  }
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *own = commons_discussion_dup_vote_id (commons_store_get_person_id (hostile->store), answer);

    json_object_set_string_member (fields, "answer", answer);
    json_object_set_int_member (fields, "value", 1);
    g_ptr_array_add (wires, forge (hostile, own, "vote", NULL, fields));
  }

  reply = raw_push (f, hostile, wires);
  g_assert_nonnull (reply);
  results = json_object_get_array_member (json_node_get_object (reply), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 4);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      JsonObject *item = json_array_get_object_element (results, i);

      g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "rejected");
      g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, expected[i]);
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 3), "status"),
                   ==, "stored");

  /* Nobody's sync stops; only the honest vote arrived. */
  sync_ok (&f->r[0], f->group);
  sync_ok (&f->r[1], f->group);
  answers = commons_discussion_list_answers (f->r[0].store, question, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CommonsAnswer) a = g_list_model_get_item (answers, 0);

    g_assert_cmpstr (commons_answer_get_body (a), ==, "Pizza");
    g_assert_cmpint (commons_answer_get_score (a), ==, 1);
  }
  g_assert_cmpuint (commons_discussion_count_comments (f->r[0].store, plan), ==, 0);

  /* The same three in a .commons file: quarantined, the rest taken. */
  {
    g_autoptr(GString) text = g_string_new ("{\"format\":\"commons-bundle\",\"v\":2,\"revisions\":[");
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GPtrArray) report = NULL;
    CommonsImportSummary summary = { 0, };

    for (guint i = 0; i < 3; i++)
      {
        if (i > 0)
          g_string_append_c (text, ',');
        g_string_append (text, g_ptr_array_index (wires, i));
      }
    g_string_append (text, "]}");
    bytes = g_bytes_new (text->str, text->len);
    report = commons_bundle_import_full (f->r[1].store, bytes, COMMONS_SCOPE_LOCAL, "hostile.commons",
                                         &summary, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (summary.quarantined, ==, 3);
  }
  before = describe (&f->r[1], plan, question);
  sync_ok (&f->r[1], f->group);
  {
    g_autofree char *after = describe (&f->r[1], plan, question);
    g_autofree char *organizer = describe (&f->r[0], plan, question);

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpstr (after, ==, organizer);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/discussion/offline", Fixture, NULL, fixture_setup, test_offline_discussion, fixture_teardown);
  g_test_add ("/sync/discussion/edits", Fixture, NULL, fixture_setup, test_edits, fixture_teardown);
  g_test_add ("/sync/discussion/hostile-member", Fixture, NULL, fixture_setup, test_hostile_member, fixture_teardown);

  return g_test_run ();
}
