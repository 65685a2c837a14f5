/* commons-badge-credential.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-badge-credential"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-badge-credential.h"
#include "commons-group-rule.h"
#include "commons-identity.h"
#include "commons-json.h"

/* The two contexts an Open Badges 3.0 credential names, in this order. */
#define CONTEXT_VC "https://www.w3.org/ns/credentials/v2"
#define CONTEXT_OB "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define SUITE "eddsa-jcs-2022"
#define DID_KEY "did:key:"
#define ACHIEVEMENT_PREFIX "urn:commons:group:"
#define ACHIEVEMENT_BADGE ":badge:"
#define EVIDENCE_PREFIX "urn:commons:revision:"

G_DEFINE_QUARK (commons-badge-credential-error-quark, commons_badge_credential_error)

void
commons_badge_credential_info_free (CommonsBadgeCredentialInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->group);
  g_free (info->group_name);
  g_free (info->issuer);
  g_free (info->member);
  g_free (info->member_name);
  g_free (info->badge);
  g_free (info->badge_name);
  g_free (info->earned);
  g_free (info->issued);
  g_strfreev (info->evidence);
  g_free (info);
}

/* Base58 as Bitcoin writes it, which multibase calls base58btc (prefix
 * “z”) and did:key uses. An encoding, not cryptography. */
static const char base58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

static char *
base58_encode (const guint8 *data,
               gsize         length)
{
  g_autofree guint8 *digits = g_malloc0 (length * 2 + 1);
  gsize n_digits = 0;
  gsize zeros = 0;
  GString *out;

  while (zeros < length && data[zeros] == 0)
    zeros++;
  for (gsize i = zeros; i < length; i++)
    {
      guint carry = data[i];

      for (gsize j = 0; j < n_digits; j++)
        {
          carry += (guint) digits[j] << 8;
          digits[j] = carry % 58;
          carry /= 58;
        }
      while (carry > 0)
        {
          digits[n_digits++] = carry % 58;
          carry /= 58;
        }
    }
  out = g_string_new (NULL);
  for (gsize i = 0; i < zeros; i++)
    g_string_append_c (out, '1');
  for (gsize i = n_digits; i > 0; i--)
    g_string_append_c (out, base58[digits[i - 1]]);
  return g_string_free (out, FALSE);
}

/* Decodes exactly @length bytes, or fails. */
static gboolean
base58_decode (const char *text,
               guint8     *out,
               gsize       length)
{
  g_autofree guint8 *bytes = g_malloc0 (length + 1);
  gsize n_bytes = 0;
  gsize zeros = 0;
  gsize text_length = strlen (text);

  /* Nothing longer can decode to @length bytes: no need to read more. */
  if (text_length == 0 || text_length > length * 2)
    return FALSE;
  while (text[zeros] == '1')
    zeros++;
  for (gsize i = zeros; i < text_length; i++)
    {
      const char *p = strchr (base58, text[i]);
      guint carry;

      if (p == NULL || text[i] == '\0')
        return FALSE;
      carry = p - base58;
      for (gsize j = 0; j < n_bytes; j++)
        {
          carry += (guint) bytes[j] * 58;
          bytes[j] = carry & 0xff;
          carry >>= 8;
        }
      while (carry > 0)
        {
          if (n_bytes >= length)
            return FALSE;
          bytes[n_bytes++] = carry & 0xff;
          carry >>= 8;
        }
    }
  if (zeros + n_bytes != length)
    return FALSE;
  memset (out, 0, zeros);
  for (gsize i = 0; i < n_bytes; i++)
    out[zeros + i] = bytes[n_bytes - 1 - i];
  return TRUE;
}

/**
 * commons_did_key_from_person:
 * @person: a person id made from a key
 *
 * The did:key of an Ed25519 key: the multicodec prefix of an Ed25519
 * public key (0xed 0x01) and the key, in base58btc.
 *
 * Returns: (transfer full) (nullable): the DID, or %NULL if @person is
 *   not a key
 */
char *
commons_did_key_from_person (const char *person)
{
  guint8 bytes[2 + 32] = { 0xed, 0x01 };
  g_autofree char *encoded = NULL;

  if (commons_person_id_classify (person) != COMMONS_PERSON_KEY)
    return NULL;
  for (guint i = 0; i < 32; i++)
    bytes[2 + i] = (g_ascii_xdigit_value (person[2 * i]) << 4) | g_ascii_xdigit_value (person[2 * i + 1]);
  encoded = base58_encode (bytes, sizeof bytes);
  return g_strconcat (DID_KEY "z", encoded, NULL);
}

/**
 * commons_person_from_did_key:
 * @did: a did:key
 *
 * Returns: (transfer full) (nullable): the person id, or %NULL if @did is
 *   not the did:key of an Ed25519 key
 */
char *
commons_person_from_did_key (const char *did)
{
  guint8 bytes[2 + 32];
  GString *person;

  if (did == NULL || !g_str_has_prefix (did, DID_KEY "z") ||
      !base58_decode (did + strlen (DID_KEY "z"), bytes, sizeof bytes) ||
      bytes[0] != 0xed || bytes[1] != 0x01)
    return NULL;
  person = g_string_new (NULL);
  for (guint i = 2; i < sizeof bytes; i++)
    g_string_append_printf (person, "%02x", bytes[i]);
  return g_string_free (person, FALSE);
}

/* JCS (RFC 8785), which eddsa-jcs-2022 hashes, is commons_json_canonical()
 * for the documents Commons reads: keys sort the same when they are ASCII
 * (JCS sorts by UTF-16 units, Commons by UTF-8 bytes), numbers are
 * integers, strings are escaped alike. A document that is not of that
 * sort is refused rather than hashed in a way another verifier would not. */
static gboolean
keys_are_ascii (JsonNode *node,
                guint     depth)
{
  if (depth > COMMONS_JSON_MAX_DEPTH)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!keys_are_ascii (json_array_get_element (array, i), depth + 1))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &key, &member))
        {
          for (const char *p = key; *p != '\0'; p++)
            if ((guchar) *p >= 0x80)
              return FALSE;
          if (!keys_are_ascii (member, depth + 1))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
jcs_digest (JsonObject  *object,
            guint8      *digest,
            GError     **error)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *canonical = NULL;
  gsize length = 32;

  json_node_init_object (node, object);
  canonical = keys_are_ascii (node, 0) ? commons_json_canonical (node, NULL) : NULL;
  if (canonical == NULL)
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
                           _("The credential holds something Commons cannot check, such as a fraction or a key that is not plain ASCII"));
      return FALSE;
    }
  g_checksum_update (sha256, (const guchar *) canonical, -1);
  g_checksum_get_digest (sha256, digest, &length);
  return TRUE;
}

/* A deep copy: json_node_copy() shares the objects inside. What was
 * parsed once parses again. */
static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(JsonNode) copy = NULL;
  g_autofree char *text = NULL;

  json_node_init_object (node, object);
  text = json_to_string (node, FALSE);
  copy = commons_json_parse (text, -1, NULL);
  if (copy == NULL || !JSON_NODE_HOLDS_OBJECT (copy))
    return json_object_new ();
  return json_object_ref (json_node_get_object (copy));
}

/* The 64 bytes eddsa-jcs-2022 signs: the SHA-256 of the canonical proof
 * options (the proof without its value, with the document's @context),
 * then the SHA-256 of the canonical document without its proof. */
static gboolean
hash_data (JsonObject  *credential,
           JsonObject  *proof,
           guint8      *digests,
           GError     **error)
{
  g_autoptr(JsonObject) document = copy_object (credential);
  g_autoptr(JsonObject) options = copy_object (proof);
  JsonNode *context;

  json_object_remove_member (document, "proof");
  json_object_remove_member (options, "proofValue");
  context = json_object_get_member (document, "@context");
  if (context != NULL)
    json_object_set_member (options, "@context", json_node_copy (context));
  return jcs_digest (options, digests, error) && jcs_digest (document, digests + 32, error);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static JsonArray *
string_array (const char *first,
              ...)
{
  JsonArray *array = json_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    json_array_add_string_element (array, s);
  va_end (args);
  return array;
}

/**
 * commons_badge_credential_issue:
 * @recognition: the group's recognition, from the issuer's replica
 * @group_name: the group's name, as the credential shows its issuer
 * @member: the person who earned the badge
 * @member_name: their name, as the credential shows it
 * @badge: a badge rule's id
 * @issuer_seed: the private key of an organizer of the group
 * @issued: (nullable): when it is issued; %NULL for now
 *
 * Issues @member's @badge as an OpenBadgeCredential signed by the
 * organizer. Its evidence is the revisions that earned the badge and the
 * group's rules, one of which the organizer must have written: that is
 * how a verifier without a server knows who signed.
 *
 * Returns: (transfer full): the credential, or %NULL with @error set
 */
JsonNode *
commons_badge_credential_issue (CommonsRecognition  *recognition,
                                const char          *group_name,
                                const char          *member,
                                const char          *member_name,
                                const char          *badge,
                                const char          *issuer_seed,
                                const char          *issued,
                                GError             **error)
{
  const CommonsBadgeRule *rule;
  g_autoptr(CommonsBadge) earned = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *issuer_did = NULL;
  g_autofree char *member_did = NULL;
  g_autofree char *now = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *achievement_id = NULL;
  g_autofree char *method = NULL;
  g_autofree char *proof_value = NULL;
  g_autofree char *encoded = NULL;
  g_auto(GStrv) rule_revisions = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) evidence_ids = g_ptr_array_new ();
  g_autoptr(JsonObject) credential = json_object_new ();
  g_autoptr(JsonObject) proof = json_object_new ();
  JsonObject *object;
  JsonObject *achievement;
  JsonObject *subject;
  JsonArray *evidence;
  guint8 digests[COMMONS_DIGEST_PAIR_BYTES];
  guint8 signature[COMMONS_SIGNATURE_BYTES];

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (recognition), NULL);
  g_return_val_if_fail (group_name != NULL && member != NULL && member_name != NULL, NULL);
  g_return_val_if_fail (badge != NULL && issuer_seed != NULL, NULL);

  rule = commons_badge_rule_lookup (badge);
  if (rule == NULL)
    {
      g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
                   _("No badge is called “%s”"), badge);
      return NULL;
    }
  if (!commons_recognition_get_badges_enabled (recognition))
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_BADGES_OFF,
                           _("The group’s organizers turned badges off"));
      return NULL;
    }
  earned = commons_recognition_dup_badge (recognition, member, badge);
  if (earned == NULL)
    {
      g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_EARNED,
                   _("%s has not earned the badge “%s” in this group"), member_name, _(rule->name));
      return NULL;
    }
  issuer = commons_identity_person_from_seed (issuer_seed);
  if (!commons_recognition_wrote_rule (recognition, issuer))
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_ORGANIZER,
                           _("Only an organizer who has set the group’s rules issues its credentials: "
                             "set them first (commons-cli group rule GROUP --badges on)"));
      return NULL;
    }

  issuer_did = commons_did_key_from_person (issuer);
  member_did = commons_did_key_from_person (member);
  if (member_did == NULL)
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
                           _("Only a member with a key can hold a credential"));
      return NULL;
    }
  now = issued != NULL ? g_strdup (issued) : commons_time_now ();
  uuid = g_uuid_string_random ();
  achievement_id = g_strconcat (ACHIEVEMENT_PREFIX, commons_recognition_get_group (recognition),
                                ACHIEVEMENT_BADGE, rule->id, NULL);

  rule_revisions = commons_recognition_dup_rule_revisions (recognition);
  for (guint i = 0; earned->evidence[i] != NULL; i++)
    if (g_hash_table_add (seen, earned->evidence[i]))
      g_ptr_array_add (evidence_ids, earned->evidence[i]);
  for (guint i = 0; rule_revisions[i] != NULL; i++)
    if (g_hash_table_add (seen, rule_revisions[i]))
      g_ptr_array_add (evidence_ids, rule_revisions[i]);
  g_ptr_array_sort (evidence_ids, compare_ids);

  json_object_set_array_member (credential, "@context", string_array (CONTEXT_VC, CONTEXT_OB, NULL));
  {
    g_autofree char *id = g_strconcat ("urn:uuid:", uuid, NULL);

    json_object_set_string_member (credential, "id", id);
  }
  json_object_set_array_member (credential, "type", string_array ("VerifiableCredential", "OpenBadgeCredential", NULL));

  object = json_object_new ();
  json_object_set_string_member (object, "id", issuer_did);
  json_object_set_array_member (object, "type", string_array ("Profile", NULL));
  json_object_set_string_member (object, "name", group_name);
  json_object_set_object_member (credential, "issuer", object);

  json_object_set_string_member (credential, "validFrom", now);
  json_object_set_string_member (credential, "awardedDate", earned->earned);
  json_object_set_string_member (credential, "name", _(rule->name));

  subject = json_object_new ();
  json_object_set_string_member (subject, "id", member_did);
  json_object_set_array_member (subject, "type", string_array ("AchievementSubject", NULL));
  {
    JsonArray *identifiers = json_array_new ();
    JsonObject *identity = json_object_new ();

    json_object_set_string_member (identity, "type", "IdentityObject");
    json_object_set_string_member (identity, "identityType", "name");
    json_object_set_boolean_member (identity, "hashed", FALSE);
    json_object_set_string_member (identity, "identityHash", member_name);
    json_array_add_object_element (identifiers, identity);
    json_object_set_array_member (subject, "identifier", identifiers);
  }
  achievement = json_object_new ();
  json_object_set_string_member (achievement, "id", achievement_id);
  json_object_set_array_member (achievement, "type", string_array ("Achievement", NULL));
  json_object_set_string_member (achievement, "name", _(rule->name));
  json_object_set_string_member (achievement, "description", _(rule->criteria));
  object = json_object_new ();
  json_object_set_string_member (object, "narrative", _(rule->criteria));
  json_object_set_object_member (achievement, "criteria", object);
  json_object_set_object_member (subject, "achievement", achievement);
  json_object_set_object_member (credential, "credentialSubject", subject);

  evidence = json_array_new ();
  for (guint i = 0; i < evidence_ids->len; i++)
    {
      g_autofree char *id = g_strconcat (EVIDENCE_PREFIX, (char *) g_ptr_array_index (evidence_ids, i), NULL);

      object = json_object_new ();
      json_object_set_string_member (object, "id", id);
      json_object_set_array_member (object, "type", string_array ("Evidence", NULL));
      json_array_add_object_element (evidence, object);
    }
  json_object_set_array_member (credential, "evidence", evidence);

  method = g_strconcat (issuer_did, "#", issuer_did + strlen (DID_KEY), NULL);
  json_object_set_string_member (proof, "type", "DataIntegrityProof");
  json_object_set_string_member (proof, "cryptosuite", SUITE);
  json_object_set_string_member (proof, "created", now);
  json_object_set_string_member (proof, "verificationMethod", method);
  json_object_set_string_member (proof, "proofPurpose", "assertionMethod");

  if (!hash_data (credential, proof, digests, error))
    return NULL;
  if (!commons_identity_sign_digests (issuer_seed, digests, signature))
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
                           _("This device’s key cannot sign"));
      return NULL;
    }
  encoded = base58_encode (signature, sizeof signature);
  proof_value = g_strconcat ("z", encoded, NULL);
  json_object_set_string_member (proof, "proofValue", proof_value);
  json_object_set_object_member (credential, "proof", g_steal_pointer (&proof));

  {
    JsonNode *node = json_node_alloc ();

    json_node_init_object (node, credential);
    return node;
  }
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

/* Whether @name holds an array of strings with @first, @second at its
 * start (or anywhere, for types). */
static gboolean
has_strings (JsonObject *object,
             const char *name,
             gboolean    in_order,
             const char *first,
             const char *second)
{
  JsonArray *array = get_array (object, name);
  gboolean found_first = FALSE;
  gboolean found_second = second == NULL;

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
      value = json_node_get_string (node);
      if (g_str_equal (value, first) && (!in_order || i == 0))
        found_first = TRUE;
      if (second != NULL && g_str_equal (value, second) && (!in_order || i == 1))
        found_second = TRUE;
    }
  return found_first && found_second;
}

static gboolean
invalid (GError     **error,
         const char  *what)
{
  /* Translators: %s says what is missing or wrong, such as “its issuer”. */
  g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
               _("This is not an Open Badges credential from Commons: %s is missing or wrong"), what);
  return FALSE;
}

/* Reads what the credential says, before anything is believed. */
static gboolean
read_claims (JsonObject                  *credential,
             CommonsBadgeCredentialInfo  *info,
             JsonObject                 **proof,
             GError                     **error)
{
  JsonObject *issuer = get_object (credential, "issuer");
  JsonObject *subject = get_object (credential, "credentialSubject");
  JsonObject *achievement = get_object (subject, "achievement");
  JsonArray *identifiers = get_array (subject, "identifier");
  JsonArray *evidence = get_array (credential, "evidence");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  const char *achievement_id;
  const char *rest;
  const char *badge;

  if (!has_strings (credential, "@context", TRUE, CONTEXT_VC, CONTEXT_OB))
    return invalid (error, "@context");
  if (!has_strings (credential, "type", FALSE, "VerifiableCredential", "OpenBadgeCredential"))
    return invalid (error, "type");

  info->issuer = commons_person_from_did_key (get_string (issuer, "id"));
  info->group_name = g_strdup (get_string (issuer, "name"));
  if (info->issuer == NULL || info->group_name == NULL)
    return invalid (error, "issuer");

  info->member = commons_person_from_did_key (get_string (subject, "id"));
  if (info->member == NULL)
    return invalid (error, "credentialSubject");
  if (identifiers != NULL && json_array_get_length (identifiers) > 0 &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (identifiers, 0)))
    info->member_name = g_strdup (get_string (json_node_get_object (json_array_get_element (identifiers, 0)),
                                              "identityHash"));

  achievement_id = get_string (achievement, "id");
  if (achievement_id == NULL || !g_str_has_prefix (achievement_id, ACHIEVEMENT_PREFIX))
    return invalid (error, "achievement");
  rest = achievement_id + strlen (ACHIEVEMENT_PREFIX);
  badge = strstr (rest, ACHIEVEMENT_BADGE);
  if (badge == NULL)
    return invalid (error, "achievement");
  info->group = g_strndup (rest, badge - rest);
  info->badge = g_strdup (badge + strlen (ACHIEVEMENT_BADGE));
  info->badge_name = g_strdup (get_string (achievement, "name"));
  if (!commons_uuid_is_valid (info->group) || commons_badge_rule_lookup (info->badge) == NULL)
    return invalid (error, "achievement");

  info->earned = g_strdup (get_string (credential, "awardedDate"));
  info->issued = g_strdup (get_string (credential, "validFrom"));
  if (info->earned == NULL || info->issued == NULL)
    return invalid (error, "awardedDate");

  if (evidence == NULL)
    return invalid (error, "evidence");
  for (guint i = 0; i < json_array_get_length (evidence); i++)
    {
      JsonNode *node = json_array_get_element (evidence, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node) ? get_string (json_node_get_object (node), "id") : NULL;

      if (id == NULL || !g_str_has_prefix (id, EVIDENCE_PREFIX) ||
          !commons_revision_id_is_valid (id + strlen (EVIDENCE_PREFIX)))
        return invalid (error, "evidence");
      g_strv_builder_add (ids, id + strlen (EVIDENCE_PREFIX));
    }
  info->evidence = g_strv_builder_end (ids);

  *proof = get_object (credential, "proof");
  if (*proof == NULL)
    return invalid (error, "proof");
  return TRUE;
}

static gboolean
check_proof (JsonObject                  *credential,
             JsonObject                  *proof,
             CommonsBadgeCredentialInfo  *info,
             GError                     **error)
{
  g_autofree char *issuer_did = commons_did_key_from_person (info->issuer);
  g_autofree char *method = g_strconcat (issuer_did, "#", issuer_did + strlen (DID_KEY), NULL);
  const char *value = get_string (proof, "proofValue");
  guint8 signature[COMMONS_SIGNATURE_BYTES];
  guint8 digests[COMMONS_DIGEST_PAIR_BYTES];

  if (g_strcmp0 (get_string (proof, "type"), "DataIntegrityProof") != 0 ||
      g_strcmp0 (get_string (proof, "cryptosuite"), SUITE) != 0)
    {
      g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
                   _("The credential is not secured with the %s suite Commons checks"), SUITE);
      return FALSE;
    }
  if (g_strcmp0 (get_string (proof, "proofPurpose"), "assertionMethod") != 0)
    return invalid (error, "proofPurpose");
  if (g_strcmp0 (get_string (proof, "verificationMethod"), method) != 0)
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_SIGNATURE,
                           _("The credential was signed by a key other than its issuer’s"));
      return FALSE;
    }
  if (value == NULL || value[0] != 'z' || !base58_decode (value + 1, signature, sizeof signature))
    return invalid (error, "proofValue");
  if (!hash_data (credential, proof, digests, error))
    return FALSE;
  if (!commons_identity_verify_digests (info->issuer, digests, signature))
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_SIGNATURE,
                           _("The signature does not hold: the credential was changed after it was issued, "
                             "or its issuer did not sign it"));
      return FALSE;
    }
  return TRUE;
}

/* Recomputes the badge from the evidence alone. */
static gboolean
check_evidence (CommonsBadgeCredentialInfo  *info,
                GPtrArray                   *held,
                GHashTable                  *damaged,
                GError                     **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) used = g_ptr_array_new ();
  g_autoptr(CommonsRecognition) recognition = NULL;
  g_autoptr(CommonsBadge) badge = NULL;
  const CommonsBadgeRule *rule = commons_badge_rule_lookup (info->badge);

  for (guint i = 0; i < held->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (held, i);

      g_hash_table_insert (by_id, (gpointer) commons_revision_get_id (revision), revision);
    }

  for (guint i = 0; info->evidence[i] != NULL; i++)
    {
      const char *id = info->evidence[i];
      CommonsRevision *revision = g_hash_table_lookup (by_id, id);

      if (revision == NULL)
        {
          const char *problem = damaged != NULL ? g_hash_table_lookup (damaged, id) : NULL;

          if (problem != NULL)
            g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_TAMPERED,
                         _("The evidence revision %s was changed: %s"), id, problem);
          else
            g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_MISSING,
                         _("The evidence file does not hold the revision %s"), id);
          return FALSE;
        }
      /* Every revision counts as its author's only with their signature.
       * A merge has no author and proves nobody did anything: it only
       * decides which head of the group's rules holds, or is the plan
       * version others approved by its id. It is taken as the issuing
       * organizer's word, which the proof already is. */
      if (commons_revision_get_author (revision) != NULL &&
          !commons_revision_signature_holds (revision))
        {
          g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_TAMPERED,
                       _("The evidence revision %s does not carry its author’s signature"), id);
          return FALSE;
        }
      g_ptr_array_add (used, revision);
    }

  recognition = commons_recognition_new (info->group, used);
  if (!commons_recognition_wrote_rule (recognition, info->issuer))
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_ORGANIZER,
                           _("Nothing in the evidence shows that the key that signed organizes the group: "
                             "it wrote none of the group’s rules"));
      return FALSE;
    }
  if (!commons_recognition_get_badges_enabled (recognition))
    {
      g_set_error_literal (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_EARNED,
                           _("The group’s rules in the evidence turn badges off"));
      return FALSE;
    }
  badge = commons_recognition_dup_badge (recognition, info->member, info->badge);
  if (badge == NULL)
    {
      g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_EARNED,
                   _("The evidence does not earn the badge “%s” for the member the credential names"),
                   _(rule->name));
      return FALSE;
    }
  if (!g_str_equal (badge->earned, info->earned))
    {
      /* Translators: the first %s is when the evidence earns the badge,
       * the second when the credential says it was. */
      g_set_error (error, COMMONS_BADGE_CREDENTIAL_ERROR, COMMONS_BADGE_CREDENTIAL_ERROR_NOT_EARNED,
                   _("The evidence earns the badge at %s, not at %s as the credential says"),
                   badge->earned, info->earned);
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_badge_credential_verify:
 * @credential: a credential as read
 * @evidence: (nullable) (element-type CommonsRevision): the revisions of
 *   an evidence file, as commons_bundle_read_revisions() read them
 * @damaged: (nullable): what that file held that could not be read
 *
 * Checks the proof, and with @evidence, that the evidence is there,
 * signed by its authors, shows the signer wrote the group's rules, and
 * earns the badge at the time the credential says. Needs no server and
 * no store.
 *
 * Returns: (transfer full): what the credential says, or %NULL with a
 *   reason in @error
 */
CommonsBadgeCredentialInfo *
commons_badge_credential_verify (JsonNode    *credential,
                                 GPtrArray   *evidence,
                                 GHashTable  *damaged,
                                 GError     **error)
{
  g_autoptr(CommonsBadgeCredentialInfo) info = g_new0 (CommonsBadgeCredentialInfo, 1);
  JsonObject *proof = NULL;

  g_return_val_if_fail (credential != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (credential))
    {
      invalid (error, "the credential");
      return NULL;
    }
  if (!read_claims (json_node_get_object (credential), info, &proof, error) ||
      !check_proof (json_node_get_object (credential), proof, info, error))
    return NULL;
  if (evidence != NULL)
    {
      if (!check_evidence (info, evidence, damaged, error))
        return NULL;
      info->evidence_checked = TRUE;
    }
  return g_steal_pointer (&info);
}
