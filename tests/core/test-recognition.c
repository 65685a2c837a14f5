/* test-recognition.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Contributions and badges as a pure function of a group's revisions:
 * each rule one below, at and above its threshold, the same badges in any
 * order, and nothing from a quarantined revision.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "commons-group-rule.h"
#include "commons-identity.h"
#include "commons-plan.h"
#include "commons-recognition.h"
#include "commons-review.h"
#include "commons-store-private.h"

#define GROUP "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d"
#define N_PEOPLE 8

static char *seeds[N_PEOPLE];
static char *people[N_PEOPLE];

/* A set of revisions being built, and a clock that only moves forward. */
typedef struct
{
  GPtrArray *set;
  guint      clock;
} Group;

static void
group_init (Group *g)
{
  g->set = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  g->clock = 0;
}

static void
group_clear (Group *g)
{
  g_clear_pointer (&g->set, g_ptr_array_unref);
}

static char *
tick (Group *g)
{
  guint n = g->clock++;

  return g_strdup_printf ("2026-05-%02uT%02u:%02u:00.000Z", 1 + n / 1440, (n / 60) % 24, n % 60);
}

static CommonsRevision *
add (Group       *g,
     const char  *record,
     const char  *kind,
     const char  *parent,
     int          who,
     JsonObject  *fields)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *time = tick (g);
  const char *parents[] = { parent, NULL };
  CommonsRevision *revision;

  revision = commons_revision_new (record, kind, parent != NULL ? parents : NULL,
                                   who >= 0 ? people[who] : NULL, time, FALSE, fields, &error);
  g_assert_no_error (error);
  g_ptr_array_add (g->set, revision);
  return revision;
}

/* A plan by @who; returns its record id, and its first revision. */
static char *
add_plan (Group            *g,
          int               who,
          const char       *language,
          const char       *remix_of,
          CommonsRevision **first)
{
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(JsonObject) fields = NULL;
  char *record = g_uuid_string_random ();
  CommonsRevision *revision;

  commons_plan_set_title (plan, "Fractions");
  commons_plan_set_language (plan, language);
  fields = commons_plan_to_fields (plan);
  if (remix_of != NULL)
    {
      JsonObject *derived = json_object_new ();

      json_object_set_string_member (derived, "record", remix_of);
      json_object_set_string_member (derived, "revision",
                                     "0000000000000000000000000000000000000000000000000000000000000000");
      json_object_set_object_member (fields, "derived_from", derived);
    }
  revision = add (g, record, COMMONS_PLAN_KIND, NULL, who, fields);
  if (first != NULL)
    *first = revision;
  return record;
}

static CommonsRevision *
add_review (Group      *g,
            int         who,
            const char *plan,
            const char *version,
            const char *verdict)
{
  g_autoptr(CommonsReview) review = commons_review_new (plan, version);
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *record = g_uuid_string_random ();

  commons_review_set_verdict (review, commons_verdict_from_string (verdict));
  fields = commons_review_to_fields (review);
  return add (g, record, COMMONS_REVIEW_KIND, NULL, who, fields);
}

static void
add_rule (Group    *g,
          int       who,
          gint64    approvals,
          gboolean  badges)
{
  g_autofree char *record = commons_group_rule_dup_record_id (GROUP);
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_int_member (fields, "approvals", approvals);
  json_object_set_boolean_member (fields, COMMONS_GROUP_RULE_BADGES, badges);
  add (g, record, COMMONS_GROUP_RULE_KIND, NULL, who, fields);
}

/* A question by @asker, an answer by @helper, and the asker accepting it
 * (or @acceptor, when someone else tries to). */
static void
add_accepted_answer (Group *g,
                     int    asker,
                     int    helper,
                     int    acceptor)
{
  g_autofree char *question = g_uuid_string_random ();
  g_autofree char *answer = g_uuid_string_random ();
  g_autoptr(JsonObject) q = json_object_new ();
  g_autoptr(JsonObject) a = json_object_new ();
  g_autoptr(JsonObject) accept = json_object_new ();
  CommonsRevision *first;

  json_object_set_string_member (q, "title", "Why halves?");
  first = add (g, question, "question", NULL, asker, q);
  json_object_set_string_member (a, "question", question);
  json_object_set_string_member (a, "body", "Because.");
  add (g, answer, "answer", NULL, helper, a);
  json_object_set_string_member (accept, "title", "Why halves?");
  json_object_set_string_member (accept, "accepted", answer);
  add (g, question, "question", commons_revision_get_id (first), acceptor, accept);
}

static CommonsRecognition *
compute (Group *g)
{
  return commons_recognition_new (GROUP, g->set);
}

/* Whether @who holds @badge, and when it was earned. */
static gboolean
has_badge (Group       *g,
           int          who,
           const char  *badge,
           char       **earned)
{
  g_autoptr(CommonsRecognition) recognition = compute (g);
  g_autoptr(CommonsBadge) found = commons_recognition_dup_badge (recognition, people[who], badge);

  if (earned != NULL)
    *earned = found != NULL ? g_strdup (found->earned) : NULL;
  return found != NULL;
}

static void
test_first_plan (void)
{
  Group g;
  g_autofree char *earned = NULL;
  g_autofree char *again = NULL;
  CommonsRevision *first;

  group_init (&g);
  g_assert_false (has_badge (&g, 0, "first-plan", NULL));
  g_free (add_plan (&g, 0, "en", NULL, &first));
  g_assert_true (has_badge (&g, 0, "first-plan", &earned));
  g_assert_cmpstr (earned, ==, commons_revision_get_time (first));
  g_free (add_plan (&g, 0, "en", NULL, NULL));
  g_assert_true (has_badge (&g, 0, "first-plan", &again));
  g_assert_cmpstr (again, ==, earned);
  /* Someone else's plan is not theirs. */
  g_assert_false (has_badge (&g, 1, "first-plan", NULL));
  group_clear (&g);
}

static void
test_reviewer (void)
{
  Group g;
  g_autofree char *earned = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;
  CommonsRevision *first;
  CommonsRevision *tenth = NULL;

  group_init (&g);
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *plan = add_plan (&g, 1 + i % 3, "en", NULL, &first);

      add_review (&g, 0, plan, commons_revision_get_id (first), "changes");
      /* The same version reviewed again is still one. */
      add_review (&g, 0, plan, commons_revision_get_id (first), "approve");
    }
  /* Reviewing one's own plan gives nothing. */
  {
    g_autofree char *own = add_plan (&g, 0, "en", NULL, &first);

    add_review (&g, 0, own, commons_revision_get_id (first), "approve");
  }
  recognition = compute (&g);
  g_assert_cmpuint (commons_recognition_count (recognition, people[0], COMMONS_CONTRIBUTION_REVIEW), ==, 9);
  g_assert_false (has_badge (&g, 0, "reviewer", NULL));

  {
    g_autofree char *plan = add_plan (&g, 4, "en", NULL, &first);

    tenth = add_review (&g, 0, plan, commons_revision_get_id (first), "changes");
  }
  g_assert_true (has_badge (&g, 0, "reviewer", &earned));
  g_assert_cmpstr (earned, ==, commons_revision_get_time (tenth));
  {
    g_autofree char *plan = add_plan (&g, 5, "en", NULL, &first);

    add_review (&g, 0, plan, commons_revision_get_id (first), "changes");
  }
  g_assert_true (has_badge (&g, 0, "reviewer", &again));
  g_assert_cmpstr (again, ==, earned);
  group_clear (&g);
}

static void
test_approved (void)
{
  Group g;
  g_autofree char *plan = NULL;
  g_autofree char *earned = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autoptr(CommonsBadge) badge = NULL;
  CommonsRevision *first;
  CommonsRevision *second;
  CommonsRevision *last;

  group_init (&g);
  add_rule (&g, 7, 3, TRUE);
  plan = add_plan (&g, 0, "en", NULL, &first);
  {
    g_autoptr(CommonsPlan) edited = commons_plan_new ();
    g_autoptr(JsonObject) fields = NULL;

    commons_plan_set_title (edited, "Fractions, edited by Ben");
    fields = commons_plan_to_fields (edited);
    second = add (&g, plan, COMMONS_PLAN_KIND, commons_revision_get_id (first), 1, fields);
  }
  add_review (&g, 2, plan, commons_revision_get_id (second), "approve");
  add_review (&g, 3, plan, commons_revision_get_id (second), "approve");
  /* Ben wrote that version: his approval counts for nothing; the same
   * reviewer twice is one; a suggestion is no approval; the author's own
   * review never counts. */
  add_review (&g, 1, plan, commons_revision_get_id (second), "approve");
  add_review (&g, 3, plan, commons_revision_get_id (second), "approve");
  add_review (&g, 4, plan, commons_revision_get_id (second), "changes");
  add_review (&g, 0, plan, commons_revision_get_id (second), "approve");
  g_assert_false (has_badge (&g, 0, "approved", NULL));

  last = add_review (&g, 5, plan, commons_revision_get_id (second), "approve");
  g_assert_true (has_badge (&g, 0, "approved", &earned));
  g_assert_cmpstr (earned, ==, commons_revision_get_time (last));
  add_review (&g, 6, plan, commons_revision_get_id (second), "approve");
  g_assert_true (has_badge (&g, 0, "approved", &again));
  g_assert_cmpstr (again, ==, earned);

  /* The evidence holds the plan's first revision, the version, and each
   * approving review, and only what it needs. */
  recognition = compute (&g);
  badge = commons_recognition_dup_badge (recognition, people[0], "approved");
  g_assert_true (g_strv_contains ((const char * const *) badge->evidence, commons_revision_get_id (first)));
  g_assert_true (g_strv_contains ((const char * const *) badge->evidence, commons_revision_get_id (second)));
  g_assert_true (g_strv_contains ((const char * const *) badge->evidence, commons_revision_get_id (last)));
  g_assert_cmpuint (g_strv_length (badge->evidence), ==, 2 + 3);
  g_assert_cmpuint (commons_recognition_count (recognition, people[0], COMMONS_CONTRIBUTION_APPROVED), ==, 1);
  g_assert_cmpuint (commons_recognition_get_approvals_needed (recognition), ==, 3);
  group_clear (&g);
}

static void
test_remixed (void)
{
  Group g;
  g_autofree char *original = NULL;
  g_autofree char *other = NULL;
  g_autofree char *earned = NULL;
  g_autofree char *again = NULL;
  CommonsRevision *third;

  group_init (&g);
  original = add_plan (&g, 0, "en", NULL, NULL);
  other = add_plan (&g, 0, "en", NULL, NULL);
  g_free (add_plan (&g, 1, "en", original, NULL));
  g_free (add_plan (&g, 2, "en", original, NULL));
  /* The same member twice, the author herself, and a remix of another of
   * her plans do not make three for one plan. */
  g_free (add_plan (&g, 2, "en", original, NULL));
  g_free (add_plan (&g, 0, "en", original, NULL));
  g_free (add_plan (&g, 3, "en", other, NULL));
  g_assert_false (has_badge (&g, 0, "remixed", NULL));

  g_free (add_plan (&g, 3, "en", original, &third));
  g_assert_true (has_badge (&g, 0, "remixed", &earned));
  g_assert_cmpstr (earned, ==, commons_revision_get_time (third));
  g_free (add_plan (&g, 4, "en", original, NULL));
  g_assert_true (has_badge (&g, 0, "remixed", &again));
  g_assert_cmpstr (again, ==, earned);
  group_clear (&g);
}

static void
test_helper (void)
{
  Group g;
  g_autofree char *earned = NULL;
  g_autofree char *again = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;

  group_init (&g);
  for (guint i = 0; i < 4; i++)
    add_accepted_answer (&g, 1 + i % 2, 0, 1 + i % 2);
  /* Accepting one's own answer, or someone else's question accepting for
   * its asker, gives nothing. */
  add_accepted_answer (&g, 0, 0, 0);
  add_accepted_answer (&g, 1, 0, 2);
  recognition = compute (&g);
  g_assert_cmpuint (commons_recognition_count (recognition, people[0], COMMONS_CONTRIBUTION_ACCEPTED), ==, 4);
  g_assert_false (has_badge (&g, 0, "helper", NULL));

  add_accepted_answer (&g, 3, 0, 3);
  g_assert_true (has_badge (&g, 0, "helper", &earned));
  g_assert_cmpstr (earned, ==, commons_revision_get_time (g_ptr_array_index (g.set, g.set->len - 1)));
  add_accepted_answer (&g, 3, 0, 3);
  g_assert_true (has_badge (&g, 0, "helper", &again));
  g_assert_cmpstr (again, ==, earned);
  group_clear (&g);
}

static void
test_polyglot (void)
{
  Group g;
  g_autofree char *earned = NULL;
  g_autofree char *again = NULL;
  CommonsRevision *third;

  group_init (&g);
  g_free (add_plan (&g, 0, "en", NULL, NULL));
  g_free (add_plan (&g, 0, "fr", NULL, NULL));
  /* A regional variant is the same language; no language is none; another
   * member's plan is theirs. */
  g_free (add_plan (&g, 0, "EN-gb", NULL, NULL));
  g_free (add_plan (&g, 0, "", NULL, NULL));
  g_free (add_plan (&g, 1, "sw", NULL, NULL));
  g_assert_false (has_badge (&g, 0, "polyglot", NULL));

  g_free (add_plan (&g, 0, "pt-BR", NULL, &third));
  g_assert_true (has_badge (&g, 0, "polyglot", &earned));
  g_assert_cmpstr (earned, ==, commons_revision_get_time (third));
  g_free (add_plan (&g, 0, "ar", NULL, NULL));
  g_assert_true (has_badge (&g, 0, "polyglot", &again));
  g_assert_cmpstr (again, ==, earned);
  group_clear (&g);
}

static void
test_badges_off (void)
{
  Group g;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autoptr(GPtrArray) badges = NULL;

  group_init (&g);
  g_free (add_plan (&g, 0, "en", NULL, NULL));
  add_rule (&g, 7, 2, FALSE);
  recognition = compute (&g);
  g_assert_false (commons_recognition_get_badges_enabled (recognition));
  badges = commons_recognition_dup_badges (recognition, people[0]);
  g_assert_cmpuint (badges->len, ==, 0);
  /* The contributions still show. */
  g_assert_cmpuint (commons_recognition_count (recognition, people[0], COMMONS_CONTRIBUTION_PLAN), ==, 1);
  g_assert_true (commons_recognition_wrote_rule (recognition, people[7]));
  g_assert_false (commons_recognition_wrote_rule (recognition, people[0]));
  group_clear (&g);
}

static void
test_votes_and_comments (void)
{
  Group g;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autofree char *question = g_uuid_string_random ();
  g_autofree char *answer = g_uuid_string_random ();
  g_autofree char *plan = NULL;
  g_autoptr(JsonObject) q = json_object_new ();
  g_autoptr(JsonObject) a = json_object_new ();
  CommonsRevision *first;

  group_init (&g);
  json_object_set_string_member (q, "title", "Why?");
  add (&g, question, "question", NULL, 1, q);
  json_object_set_string_member (a, "question", question);
  add (&g, answer, "answer", NULL, 0, a);
  for (int voter = 1; voter <= 4; voter++)
    {
      g_autofree char *vote = g_uuid_string_random ();
      g_autoptr(JsonObject) up = json_object_new ();
      g_autoptr(JsonObject) down = json_object_new ();

      json_object_set_string_member (up, "answer", answer);
      json_object_set_int_member (up, "value", 1);
      first = add (&g, vote, "vote", NULL, voter, up);
      /* The fourth voter changed their mind. */
      if (voter == 4)
        {
          json_object_set_string_member (down, "answer", answer);
          json_object_set_int_member (down, "value", -1);
          add (&g, vote, "vote", commons_revision_get_id (first), voter, down);
        }
    }
  /* One's own vote is not received. */
  {
    g_autofree char *vote = g_uuid_string_random ();
    g_autoptr(JsonObject) up = json_object_new ();

    json_object_set_string_member (up, "answer", answer);
    json_object_set_int_member (up, "value", 1);
    add (&g, vote, "vote", NULL, 0, up);
  }
  plan = add_plan (&g, 1, "en", NULL, &first);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *comment = g_uuid_string_random ();
      g_autoptr(JsonObject) c = json_object_new ();

      json_object_set_string_member (c, "plan", plan);
      json_object_set_string_member (c, "plan_revision", commons_revision_get_id (first));
      json_object_set_string_member (c, "body", "Nice");
      add (&g, comment, "comment", NULL, 0, c);
    }

  recognition = compute (&g);
  g_assert_cmpuint (commons_recognition_count_votes_received (recognition, people[0]), ==, 3);
  g_assert_cmpuint (commons_recognition_count (recognition, people[0], COMMONS_CONTRIBUTION_COMMENT), ==, 2);
  g_assert_cmpuint (commons_recognition_count_votes_received (recognition, people[1]), ==, 0);
  group_clear (&g);
}

/* Everything the recognition says, as text, to compare two of them. */
static char *
describe (CommonsRecognition *recognition)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) members = commons_recognition_dup_members (recognition);

  for (guint m = 0; members[m] != NULL; m++)
    {
      g_autoptr(GPtrArray) badges = commons_recognition_dup_badges (recognition, members[m]);
      GPtrArray *timeline = commons_recognition_get_timeline (recognition, members[m]);

      g_string_append_printf (out, "%s votes=%u\n", members[m],
                              commons_recognition_count_votes_received (recognition, members[m]));
      for (guint i = 0; timeline != NULL && i < timeline->len; i++)
        {
          CommonsContribution *c = g_ptr_array_index (timeline, i);
          g_autofree char *evidence = g_strjoinv (",", c->evidence);

          g_string_append_printf (out, "  %s %s %s %s %s\n", commons_contribution_kind_to_string (c->kind),
                                  c->time, c->record, c->detail, evidence);
        }
      for (guint i = 0; i < badges->len; i++)
        {
          CommonsBadge *b = g_ptr_array_index (badges, i);
          g_autofree char *evidence = g_strjoinv (",", b->evidence);

          g_string_append_printf (out, "  badge %s %s %s\n", b->rule->id, b->earned, evidence);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A group where every rule is met by someone, with ties in time. */
static void
busy_group (Group *g)
{
  g_autofree char *original = NULL;
  CommonsRevision *first;

  add_rule (g, 7, 2, TRUE);
  original = add_plan (g, 0, "en", NULL, &first);
  for (int who = 1; who <= 4; who++)
    {
      g_free (add_plan (g, who, who % 2 ? "fr" : "de", original, NULL));
      add_review (g, who, original, commons_revision_get_id (first), "approve");
      g->clock--;
    }
  g->clock++;
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *plan = add_plan (g, 1 + i % 4, i % 3 == 0 ? "es" : "hi", NULL, &first);

      add_review (g, 5, plan, commons_revision_get_id (first), i % 2 ? "approve" : "changes");
      add_review (g, 6, plan, commons_revision_get_id (first), "approve");
      g->clock -= 2;
    }
  g->clock += 2;
  for (int i = 0; i < 6; i++)
    add_accepted_answer (g, 1 + i % 3, 6, 1 + i % 3);
}

static void
test_any_order (void)
{
  Group g;
  g_autoptr(CommonsRecognition) reference = NULL;
  g_autofree char *expected = NULL;

  group_init (&g);
  busy_group (&g);
  reference = compute (&g);
  expected = describe (reference);
  /* Someone earned each badge, so the comparison means something. */
  {
    guint n = 0;
    const CommonsBadgeRule *rules = commons_badge_rules_get (&n);

    for (guint r = 0; r < n; r++)
      {
        gboolean anyone = FALSE;

        for (int who = 0; who < N_PEOPLE && !anyone; who++)
          {
            g_autoptr(CommonsBadge) badge = commons_recognition_dup_badge (reference, people[who], rules[r].id);

            anyone = badge != NULL;
          }
        g_assert_true (anyone);
      }
  }

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GPtrArray) shuffled = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
      g_autoptr(CommonsRecognition) recognition = NULL;
      g_autofree char *got = NULL;

      for (guint i = 0; i < g.set->len; i++)
        {
          g_ptr_array_add (shuffled, commons_revision_ref (g_ptr_array_index (g.set, i)));
          /* The same revision twice changes nothing either. */
          if (g_test_rand_int_range (0, 4) == 0)
            g_ptr_array_add (shuffled, commons_revision_ref (g_ptr_array_index (g.set, i)));
        }
      for (guint i = shuffled->len; i > 1; i--)
        {
          guint j = g_test_rand_int_range (0, i);
          gpointer tmp = shuffled->pdata[i - 1];

          shuffled->pdata[i - 1] = shuffled->pdata[j];
          shuffled->pdata[j] = tmp;
        }
      recognition = commons_recognition_new (GROUP, shuffled);
      got = describe (recognition);
      g_assert_cmpstr (got, ==, expected);
    }
  group_clear (&g);
}

/* A revision on the wire, signed by @seed. */
static JsonNode *
signed_wire (CommonsRevision *revision,
             const char      *seed)
{
  JsonNode *node = commons_revision_to_wire (revision);
  g_autofree char *sig = commons_identity_sign (seed, COMMONS_SIGN_REVISION, commons_revision_get_id (revision));

  json_object_set_string_member (json_node_get_object (node), "sig", sig);
  return node;
}

static void
test_quarantined_never_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("commons-recognition-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "commons.db", NULL);
  g_autoptr(CommonsStore) store = NULL;
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) _commons_incoming_free);
  g_autoptr(CommonsRecognition) recognition = NULL;
  CommonsReceiveReport report;
  Group g;
  CommonsRevision *plan;
  CommonsRevision *forged;
  CommonsRevision *misshapen;
  CommonsRevision *rule;

  g_assert_no_error (error);
  store = commons_store_open (path, &error);
  g_assert_no_error (error);

  group_init (&g);
  g_free (add_plan (&g, 1, "en", NULL, &plan));
  /* Signed by someone other than the author it names. */
  g_free (add_plan (&g, 1, "fr", NULL, &forged));
  /* A plan whose fields fail the check every client makes. */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autofree char *record = g_uuid_string_random ();

    json_object_set_int_member (fields, "title", 5);
    json_object_set_string_member (fields, "language", "de");
    misshapen = add (&g, record, COMMONS_PLAN_KIND, NULL, 1, fields);
  }

  /* A rule whose "badges" is not true or false: every client refuses it,
   * so it cannot turn badges off. */
  {
    g_autofree char *record = commons_group_rule_dup_record_id (GROUP);
    g_autoptr(JsonObject) fields = json_object_new ();

    json_object_set_string_member (fields, COMMONS_GROUP_RULE_BADGES, "no");
    rule = add (&g, record, COMMONS_GROUP_RULE_KIND, NULL, 7, fields);
  }

  {
    g_autoptr(JsonNode) a = signed_wire (plan, seeds[1]);
    g_autoptr(JsonNode) b = signed_wire (forged, seeds[2]);
    g_autoptr(JsonNode) c = signed_wire (misshapen, seeds[1]);
    g_autoptr(JsonNode) d = signed_wire (rule, seeds[7]);

    g_ptr_array_add (incoming, _commons_incoming_new_from_node (a, "ben"));
    g_ptr_array_add (incoming, _commons_incoming_new_from_node (b, "ben"));
    g_ptr_array_add (incoming, _commons_incoming_new_from_node (c, "ben"));
    g_ptr_array_add (incoming, _commons_incoming_new_from_node (d, "ana"));
  }
  g_assert_true (_commons_store_receive (store, incoming, GROUP, NULL, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.stored, ==, 1);
  g_assert_cmpuint (report.quarantined, ==, 3);

  recognition = commons_recognition_load (store, GROUP, &error);
  g_assert_no_error (error);
  g_assert_true (commons_recognition_get_badges_enabled (recognition));
  g_assert_true (commons_group_rule_get_badges (store, GROUP));
  g_assert_cmpuint (commons_recognition_count (recognition, people[1], COMMONS_CONTRIBUTION_PLAN), ==, 1);
  g_assert_false (commons_recognition_count (recognition, people[1], COMMONS_CONTRIBUTION_PLAN) > 1);
  {
    GPtrArray *timeline = commons_recognition_get_timeline (recognition, people[1]);

    g_assert_cmpstr (((CommonsContribution *) g_ptr_array_index (timeline, 0))->evidence[0], ==,
                     commons_revision_get_id (plan));
  }

  group_clear (&g);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (commons_identity_generate (&seeds[i], &people[i], &error));
    }

  g_test_add_func ("/recognition/first-plan", test_first_plan);
  g_test_add_func ("/recognition/reviewer", test_reviewer);
  g_test_add_func ("/recognition/approved", test_approved);
  g_test_add_func ("/recognition/remixed", test_remixed);
  g_test_add_func ("/recognition/helper", test_helper);
  g_test_add_func ("/recognition/polyglot", test_polyglot);
  g_test_add_func ("/recognition/badges-off", test_badges_off);
  g_test_add_func ("/recognition/votes-and-comments", test_votes_and_comments);
  g_test_add_func ("/recognition/any-order", test_any_order);
  g_test_add_func ("/recognition/quarantined-never-counts", test_quarantined_never_counts);

  return g_test_run ();
}
