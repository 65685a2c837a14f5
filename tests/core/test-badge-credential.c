/* test-badge-credential.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A badge as an Open Badges 3.0 credential: a valid one verifies, with
 * and without its evidence; a changed name or badge, a missing or
 * tampered evidence revision, and a signature by someone who is not
 * shown to organize the group are each refused with their own reason.
 */

#include "config.h"

#include <string.h>

#include "commons-badge-credential.h"
#include "commons-bundle.h"
#include "commons-group-rule.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-plan.h"
#include "commons-review.h"

#define GROUP "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"

enum { ORGANIZER, MEMBER, REVIEWER, N_PEOPLE };

static char *seeds[N_PEOPLE];
static char *people[N_PEOPLE];

typedef struct
{
  /* The evidence file's entries, as JSON. */
  JsonArray  *entries;
  GPtrArray  *revisions;
  JsonNode   *credential;
  CommonsRevision *plan;
  CommonsRevision *review;
} Fixture;

/* A revision by @who, signed, or without an author (a merge) when @who
 * is -1. */
static CommonsRevision *
add_child (Fixture    *f,
           const char *record,
           const char *kind,
           const char *parent,
           int         who,
           const char *time,
           JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  const char *parents[] = { parent, NULL };
  g_autoptr(CommonsRevision) made = commons_revision_new (record, kind, parent != NULL ? parents : NULL,
                                                          who >= 0 ? people[who] : NULL, time, FALSE,
                                                          fields, &error);
  JsonNode *wire;
  g_autofree char *text = NULL;
  CommonsRevision *revision;

  g_assert_no_error (error);
  wire = commons_revision_to_wire (made);
  if (who >= 0)
    {
      g_autofree char *sig = commons_identity_sign (seeds[who], COMMONS_SIGN_REVISION,
                                                    commons_revision_get_id (made));

      json_object_set_string_member (json_node_get_object (wire), "sig", sig);
    }
  /* Read back as a verifier reads it, signature and all. */
  text = json_to_string (wire, FALSE);
  revision = commons_revision_new_from_json (text, -1, NULL, &error);
  g_assert_no_error (error);
  json_array_add_element (f->entries, wire);
  g_ptr_array_add (f->revisions, revision);
  return revision;
}

static CommonsRevision *
add (Fixture    *f,
     const char *record,
     const char *kind,
     int         who,
     const char *time,
     JsonObject *fields)
{
  return add_child (f, record, kind, NULL, who, time, fields);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autofree char *rule = commons_group_rule_dup_record_id (GROUP);
  g_autofree char *plan_id = g_uuid_string_random ();
  g_autofree char *review_id = g_uuid_string_random ();
  g_autoptr(JsonObject) rule_fields = json_object_new ();
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(JsonObject) plan_fields = NULL;
  g_autoptr(CommonsReview) review = NULL;
  g_autoptr(JsonObject) review_fields = NULL;

  f->entries = json_array_new ();
  f->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);

  json_object_set_int_member (rule_fields, "approvals", 1);
  json_object_set_boolean_member (rule_fields, COMMONS_GROUP_RULE_BADGES, TRUE);
  add (f, rule, COMMONS_GROUP_RULE_KIND, ORGANIZER, "2026-05-01T08:00:00.000Z", rule_fields);

  commons_plan_set_title (plan, "Fractions with pizza");
  commons_plan_set_language (plan, "en");
  plan_fields = commons_plan_to_fields (plan);
  f->plan = add (f, plan_id, COMMONS_PLAN_KIND, MEMBER, "2026-05-01T09:00:00.000Z", plan_fields);

  review = commons_review_new (plan_id, commons_revision_get_id (f->plan));
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  review_fields = commons_review_to_fields (review);
  f->review = add (f, review_id, COMMONS_REVIEW_KIND, REVIEWER, "2026-05-01T10:00:00.000Z", review_fields);

  recognition = commons_recognition_new (GROUP, f->revisions);
  f->credential = commons_badge_credential_issue (recognition, "Year 5", people[MEMBER], "Ben Okafor",
                                                  "approved", seeds[ORGANIZER], "2026-05-02T08:00:00.000Z",
                                                  &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->credential);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->entries, json_array_unref);
  g_clear_pointer (&f->revisions, g_ptr_array_unref);
  g_clear_pointer (&f->credential, json_node_unref);
}

/* The evidence file as bytes, then read back as the verifier reads it. */
static GPtrArray *
read_evidence (Fixture     *f,
               GHashTable **damaged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  GPtrArray *revisions;

  json_object_set_string_member (root, "format", "commons-bundle");
  json_object_set_int_member (root, "v", 2);
  json_object_set_array_member (root, "revisions", json_array_ref (f->entries));
  json_node_init_object (node, root);
  text = json_to_string (node, FALSE);
  bytes = g_bytes_new (text, strlen (text));
  revisions = commons_bundle_read_revisions (bytes, damaged, &error);
  g_assert_no_error (error);
  return revisions;
}

static JsonNode *
round_trip (JsonNode *credential)
{
  g_autofree char *text = json_to_string (credential, TRUE);

  return commons_json_parse (text, -1, NULL);
}

static void
expect_refusal (Fixture  *f,
                JsonNode *credential,
                int       code,
                gboolean  with_evidence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GHashTable) damaged = NULL;
  g_autoptr(CommonsBadgeCredentialInfo) info = NULL;

  if (with_evidence)
    evidence = read_evidence (f, &damaged);
  info = commons_badge_credential_verify (credential, evidence, damaged, &error);
  g_assert_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, code);
  g_assert_null (info);
  g_test_message ("Refused: %s", error->message);
}

static JsonObject *
object_at (JsonNode   *credential,
           const char *first,
           const char *second)
{
  JsonObject *object = json_object_get_object_member (json_node_get_object (credential), first);

  return second != NULL ? json_object_get_object_member (object, second) : object;
}

static void
test_valid (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) damaged = NULL;
  g_autoptr(GPtrArray) evidence = read_evidence (f, &damaged);
  g_autoptr(JsonNode) read = round_trip (f->credential);
  g_autoptr(CommonsBadgeCredentialInfo) info = NULL;
  g_autoptr(CommonsBadgeCredentialInfo) alone = NULL;
  g_autofree char *did = commons_did_key_from_person (people[ORGANIZER]);
  g_autofree char *back = commons_person_from_did_key (did);

  /* Every did:key of an Ed25519 key starts so, whatever the key. */
  g_assert_true (g_str_has_prefix (did, "did:key:z6Mk"));
  g_assert_cmpstr (back, ==, people[ORGANIZER]);
  g_assert_null (commons_person_from_did_key ("did:key:z6Mk0OIl"));
  g_assert_null (commons_person_from_did_key ("did:web:example.org"));

  info = commons_badge_credential_verify (read, evidence, damaged, &error);
  g_assert_no_error (error);
  g_assert_true (info->evidence_checked);
  g_assert_cmpstr (info->member, ==, people[MEMBER]);
  g_assert_cmpstr (info->member_name, ==, "Ben Okafor");
  g_assert_cmpstr (info->issuer, ==, people[ORGANIZER]);
  g_assert_cmpstr (info->group, ==, GROUP);
  g_assert_cmpstr (info->badge, ==, "approved");
  g_assert_cmpstr (info->earned, ==, commons_revision_get_time (f->review));
  /* The plan (its first revision is the version approved), the review
   * and the group's rules. */
  g_assert_cmpuint (g_strv_length (info->evidence), ==, 3);

  /* Without evidence only the signature is checked, and it says so. */
  alone = commons_badge_credential_verify (read, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (alone->evidence_checked);
}

static void
test_changed_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) copy = round_trip (f->credential);
  JsonObject *subject = object_at (copy, "credentialSubject", NULL);
  JsonObject *identity = json_array_get_object_element (json_object_get_array_member (subject, "identifier"), 0);

  json_object_set_string_member (identity, "identityHash", "Eve Mallory");
  expect_refusal (f, copy, COMMONS_BADGE_CREDENTIAL_ERROR_SIGNATURE, TRUE);
}

static void
test_changed_badge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) copy = round_trip (f->credential);
  JsonObject *achievement = object_at (copy, "credentialSubject", "achievement");

  json_object_set_string_member (achievement, "id", "urn:commons:group:" GROUP ":badge:reviewer");
  expect_refusal (f, copy, COMMONS_BADGE_CREDENTIAL_ERROR_SIGNATURE, TRUE);
}

static void
test_missing_evidence (Fixture       *f,
                       gconstpointer  data)
{
  /* The approving review is left out of the file. */
  json_array_remove_element (f->entries, 2);
  expect_refusal (f, f->credential, COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_MISSING, TRUE);
}

static void
test_tampered_evidence (Fixture       *f,
                        gconstpointer  data)
{
  JsonObject *review = json_array_get_object_element (f->entries, 2);
  JsonObject *fields = json_object_get_object_member (review, "fields");

  /* The review now reviews something else, under the same id. */
  json_object_set_string_member (fields, "comment", "Edited afterwards");
  expect_refusal (f, f->credential, COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_TAMPERED, TRUE);
}

static void
test_forged_evidence_signature (Fixture       *f,
                                gconstpointer  data)
{
  JsonObject *review = json_array_get_object_element (f->entries, 2);
  g_autofree char *sig = commons_identity_sign (seeds[MEMBER], COMMONS_SIGN_REVISION,
                                                commons_revision_get_id (f->review));

  /* The member signed the approval of her own plan in the reviewer's name. */
  json_object_set_string_member (review, "sig", sig);
  expect_refusal (f, f->credential, COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_TAMPERED, TRUE);
}

/* The digests eddsa-jcs-2022 signs, computed here from its definition
 * rather than by the code under test. */
static void
suite_digests (JsonNode *credential,
               guint8   *digests)
{
  g_autoptr(JsonNode) document = round_trip (credential);
  JsonObject *proof = json_object_get_object_member (json_node_get_object (document), "proof");
  g_autoptr(JsonNode) proof_node = json_node_alloc ();
  g_autoptr(JsonNode) options = NULL;
  g_autofree char *canonical_options = NULL;
  g_autofree char *canonical_document = NULL;
  gsize length = 32;
  g_autoptr(GChecksum) a = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) b = g_checksum_new (G_CHECKSUM_SHA256);

  json_node_init_object (proof_node, proof);
  options = round_trip (proof_node);
  json_object_remove_member (json_node_get_object (options), "proofValue");
  json_object_set_member (json_node_get_object (options), "@context",
                          json_node_copy (json_object_get_member (json_node_get_object (document), "@context")));
  json_object_remove_member (json_node_get_object (document), "proof");
  canonical_options = commons_json_canonical (options, NULL);
  canonical_document = commons_json_canonical (document, NULL);
  g_checksum_update (a, (const guchar *) canonical_options, -1);
  g_checksum_get_digest (a, digests, &length);
  g_checksum_update (b, (const guchar *) canonical_document, -1);
  g_checksum_get_digest (b, digests + 32, &length);
}

static char *
base58 (const guint8 *data,
        gsize         length)
{
  static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint8 *number = g_memdup2 (data, length);
  gsize start = 0;

  while (start < length && number[start] == 0)
    {
      g_string_append_c (out, '1');
      start++;
    }
  /* Long division by 58, the slow and obvious way. */
  {
    g_autoptr(GString) digits = g_string_new (NULL);

    for (;;)
      {
        guint remainder = 0;
        gboolean zero = TRUE;

        for (gsize i = start; i < length; i++)
          {
            guint value = remainder * 256 + number[i];

            number[i] = value / 58;
            remainder = value % 58;
            if (number[i] != 0)
              zero = FALSE;
          }
        g_string_prepend_c (digits, alphabet[remainder]);
        if (zero)
          break;
      }
    g_string_append (out, digits->str);
  }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_signed_by_a_member (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) copy = round_trip (f->credential);
  g_autofree char *did = commons_did_key_from_person (people[MEMBER]);
  g_autofree char *method = g_strconcat (did, "#", did + strlen ("did:key:"), NULL);
  JsonObject *proof = object_at (copy, "proof", NULL);
  guint8 digests[COMMONS_DIGEST_PAIR_BYTES];
  guint8 signature[COMMONS_SIGNATURE_BYTES];
  g_autofree char *encoded = NULL;
  g_autofree char *value = NULL;

  /* The member issues her own badge: a proof that holds, by a key that
   * never wrote the group's rules. */
  json_object_set_string_member (object_at (copy, "issuer", NULL), "id", did);
  json_object_set_string_member (proof, "verificationMethod", method);
  suite_digests (copy, digests);
  g_assert_true (commons_identity_sign_digests (seeds[MEMBER], digests, signature));
  encoded = base58 (signature, sizeof signature);
  value = g_strconcat ("z", encoded, NULL);
  json_object_set_string_member (proof, "proofValue", value);

  /* Without evidence, the proof alone holds: the verifier is told that
   * nothing was shown about the signer. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CommonsBadgeCredentialInfo) info = commons_badge_credential_verify (copy, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (info->evidence_checked);
  }
  expect_refusal (f, copy, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_ORGANIZER, TRUE);

  /* And the organizer's own proof, recomputed here, matches the one the
   * code made: the suite is the standard one. */
  {
    JsonObject *original = object_at (f->credential, "proof", NULL);
    guint8 expected[COMMONS_DIGEST_PAIR_BYTES];
    guint8 sig[COMMONS_SIGNATURE_BYTES];
    g_autofree char *again = NULL;
    g_autofree char *prefixed = NULL;

    suite_digests (f->credential, expected);
    g_assert_true (commons_identity_sign_digests (seeds[ORGANIZER], expected, sig));
    again = base58 (sig, sizeof sig);
    prefixed = g_strconcat ("z", again, NULL);
    g_assert_cmpstr (json_object_get_string_member (original, "proofValue"), ==, prefixed);
  }
}

/* Reviewers approved a version that is a merge, which has no author: the
 * badge it earns still verifies. */
static void
test_approved_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autoptr(JsonNode) credential = NULL;
  g_autoptr(JsonNode) read = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GHashTable) damaged = NULL;
  g_autoptr(CommonsBadgeCredentialInfo) info = NULL;
  g_autoptr(CommonsPlan) plan = commons_plan_new ();
  g_autoptr(JsonObject) plan_fields = NULL;
  g_autoptr(CommonsReview) review = NULL;
  g_autoptr(JsonObject) review_fields = NULL;
  g_autofree char *review_id = g_uuid_string_random ();
  CommonsRevision *merge;

  commons_plan_set_title (plan, "Fractions with pizza, merged");
  plan_fields = commons_plan_to_fields (plan);
  merge = add_child (f, commons_revision_get_record (f->plan), COMMONS_PLAN_KIND,
                     commons_revision_get_id (f->plan), -1, "2026-05-01T11:00:00.000Z", plan_fields);
  review = commons_review_new (commons_revision_get_record (f->plan), commons_revision_get_id (merge));
  commons_review_set_verdict (review, COMMONS_VERDICT_APPROVE);
  review_fields = commons_review_to_fields (review);
  add (f, review_id, COMMONS_REVIEW_KIND, REVIEWER, "2026-04-30T12:00:00.000Z", review_fields);

  recognition = commons_recognition_new (GROUP, f->revisions);
  credential = commons_badge_credential_issue (recognition, "Year 5", people[MEMBER], "Ben Okafor",
                                               "approved", seeds[ORGANIZER], NULL, &error);
  g_assert_no_error (error);
  read = round_trip (credential);
  evidence = read_evidence (f, &damaged);
  info = commons_badge_credential_verify (read, evidence, damaged, &error);
  g_assert_no_error (error);
  g_assert_true (info->evidence_checked);
  /* The earlier approval is of the merge. */
  g_assert_true (g_strv_contains ((const char * const *) info->evidence, commons_revision_get_id (merge)));
}

static void
test_issue_refusals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRecognition) recognition = commons_recognition_new (GROUP, f->revisions);
  JsonNode *node;

  /* A member who never wrote the group's rules does not issue. */
  node = commons_badge_credential_issue (recognition, "Year 5", people[MEMBER], "Ben", "approved",
                                         seeds[MEMBER], NULL, &error);
  g_assert_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_ORGANIZER);
  g_assert_null (node);
  g_clear_error (&error);

  /* A badge not earned is not issued. */
  node = commons_badge_credential_issue (recognition, "Year 5", people[MEMBER], "Ben", "reviewer",
                                         seeds[ORGANIZER], NULL, &error);
  g_assert_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_EARNED);
  g_assert_null (node);
  g_clear_error (&error);

  node = commons_badge_credential_issue (recognition, "Year 5", people[MEMBER], "Ben", "no-such-badge",
                                         seeds[ORGANIZER], NULL, &error);
  g_assert_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID);
  g_assert_null (node);
}

static void
test_not_a_credential (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const bad[] = {
    "[]",
    "{}",
    "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": [\"VerifiableCredential\"]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = commons_json_parse (bad[i], -1, NULL);

      expect_refusal (f, node, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID, FALSE);
    }
  /* A key that JCS and Commons would sort apart is refused, not guessed. */
  {
    g_autoptr(JsonNode) copy = round_trip (f->credential);

    json_object_set_string_member (object_at (copy, "issuer", NULL), "n\xc3\xa4me", "x");
    expect_refusal (f, copy, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID, FALSE);
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

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/badge-credential/valid", test_valid);
  ADD ("/badge-credential/changed-name", test_changed_name);
  ADD ("/badge-credential/changed-badge", test_changed_badge);
  ADD ("/badge-credential/missing-evidence", test_missing_evidence);
  ADD ("/badge-credential/tampered-evidence", test_tampered_evidence);
  ADD ("/badge-credential/forged-evidence-signature", test_forged_evidence_signature);
  ADD ("/badge-credential/signed-by-a-member", test_signed_by_a_member);
  ADD ("/badge-credential/approved-merge", test_approved_merge);
  ADD ("/badge-credential/issue-refusals", test_issue_refusals);
  ADD ("/badge-credential/not-a-credential", test_not_a_credential);
#undef ADD

  return g_test_run ();
}
