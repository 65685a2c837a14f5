/* commons-identity.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-identity"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "commons-identity.h"
#include "commons-revision.h"

/* Keys, not claims: a person is their Ed25519 key. The person id is the
 * public key itself, so nobody can claim someone else's id without their
 * private key. Ed25519 comes from libsodium; nothing here is hand-written
 * crypto. (Nettle, which the GNOME runtime carries anyway, was measured
 * too: its verification is about twice as slow, and a first sync checks
 * one signature per revision.) */

#define SEED_SIZE crypto_sign_SEEDBYTES

static gboolean
ready (void)
{
  /* Safe to call from any thread, any number of times. */
  return sodium_init () >= 0;
}

static gboolean
is_lower_hex (const char *text,
              gsize       length)
{
  if (text == NULL || strlen (text) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
      return FALSE;
  return TRUE;
}

static gboolean
from_hex (const char *text,
          guint8     *out,
          gsize       size)
{
  if (!is_lower_hex (text, size * 2))
    return FALSE;
  for (gsize i = 0; i < size; i++)
    out[i] = (g_ascii_xdigit_value (text[2 * i]) << 4) | g_ascii_xdigit_value (text[2 * i + 1]);
  return TRUE;
}

static char *
to_hex (const guint8 *bytes,
        gsize         size)
{
  static const char digits[] = "0123456789abcdef";
  char *out = g_malloc (size * 2 + 1);

  for (gsize i = 0; i < size; i++)
    {
      out[2 * i] = digits[bytes[i] >> 4];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  out[size * 2] = '\0';
  return out;
}

/**
 * commons_person_id_classify:
 *
 * Only the exact spelling counts: an upper-case copy of someone's key is
 * not a way to become them.
 */
CommonsPersonKind
commons_person_id_classify (const char *person)
{
  if (is_lower_hex (person, COMMONS_PERSON_KEY_LENGTH))
    return COMMONS_PERSON_KEY;
  if (person != NULL && commons_uuid_is_valid (person))
    return COMMONS_PERSON_LEGACY;
  return COMMONS_PERSON_INVALID;
}

/**
 * commons_identity_generate:
 * @seed_hex: (out): the private key, to be kept secret
 * @person: (out): the person id it makes
 *
 * Makes a new key pair from the kernel's random generator.
 */
gboolean
commons_identity_generate (char   **seed_hex,
                           char   **person,
                           GError **error)
{
  guint8 seed[SEED_SIZE];

  if (!ready ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cannot make a key for this device: no source of randomness"));
      return FALSE;
    }
  randombytes_buf (seed, sizeof seed);
  *seed_hex = to_hex (seed, sizeof seed);
  *person = commons_identity_person_from_seed (*seed_hex);
  sodium_memzero (seed, sizeof seed);
  return TRUE;
}

/**
 * commons_identity_person_from_seed:
 *
 * Returns: (transfer full) (nullable): the person id of a private key
 */
char *
commons_identity_person_from_seed (const char *seed_hex)
{
  guint8 seed[SEED_SIZE];
  guint8 pub[crypto_sign_PUBLICKEYBYTES];
  guint8 secret[crypto_sign_SECRETKEYBYTES];

  if (!ready () || !from_hex (seed_hex, seed, sizeof seed))
    return NULL;
  crypto_sign_seed_keypair (pub, secret, seed);
  sodium_memzero (seed, sizeof seed);
  sodium_memzero (secret, sizeof secret);
  return to_hex (pub, sizeof pub);
}

static char *
message_for (CommonsSignPurpose  purpose,
             const char         *subject)
{
  static const char * const prefixes[] = {
    [COMMONS_SIGN_REVISION] = "commons-revision-v1:",
    [COMMONS_SIGN_JOIN] = "commons-join-v1:",
    [COMMONS_SIGN_CREATE_GROUP] = "commons-create-group-v1:",
    [COMMONS_SIGN_BIND_KEY] = "commons-bind-key-v1:",
  };

  g_assert ((guint) purpose < G_N_ELEMENTS (prefixes));
  return g_strconcat (prefixes[purpose], subject, NULL);
}

struct _CommonsSigner
{
  guint8 secret[crypto_sign_SECRETKEYBYTES];
};

/**
 * commons_signer_new:
 * @seed_hex: the private key
 *
 * Expands a private key once, for signing a batch.
 *
 * Returns: (transfer full) (nullable): the signer, or %NULL if @seed_hex
 *   is not a key
 */
CommonsSigner *
commons_signer_new (const char *seed_hex)
{
  CommonsSigner *self;
  guint8 seed[SEED_SIZE];
  guint8 pub[crypto_sign_PUBLICKEYBYTES];

  if (!ready () || !from_hex (seed_hex, seed, sizeof seed))
    return NULL;
  self = g_new0 (CommonsSigner, 1);
  crypto_sign_seed_keypair (pub, self->secret, seed);
  sodium_memzero (seed, sizeof seed);
  return self;
}

void
commons_signer_free (CommonsSigner *self)
{
  if (self == NULL)
    return;
  sodium_memzero (self->secret, sizeof self->secret);
  g_free (self);
}

/**
 * commons_signer_sign:
 * @subject: what is signed, such as a revision id
 *
 * Returns: (transfer full): the signature in hex
 */
char *
commons_signer_sign (CommonsSigner      *self,
                     CommonsSignPurpose  purpose,
                     const char         *subject)
{
  g_autofree char *message = NULL;
  guint8 signature[crypto_sign_BYTES];

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  message = message_for (purpose, subject);
  crypto_sign_detached (signature, NULL, (const guint8 *) message, strlen (message), self->secret);
  return to_hex (signature, sizeof signature);
}

/**
 * commons_identity_sign:
 * @seed_hex: the private key
 * @subject: what is signed, such as a revision id
 *
 * Returns: (transfer full) (nullable): the signature in hex
 */
char *
commons_identity_sign (const char         *seed_hex,
                       CommonsSignPurpose  purpose,
                       const char         *subject)
{
  g_autoptr(CommonsSigner) signer = commons_signer_new (seed_hex);

  g_return_val_if_fail (subject != NULL, NULL);

  if (signer == NULL)
    return NULL;
  return commons_signer_sign (signer, purpose, subject);
}

/**
 * commons_identity_verify:
 * @person: a person id made from a key
 * @signature: (nullable): the signature in hex
 *
 * Returns: whether @signature is @person's signature of @subject
 */
gboolean
commons_identity_verify (const char         *person,
                         CommonsSignPurpose  purpose,
                         const char         *subject,
                         const char         *signature)
{
  g_autofree char *message = NULL;
  guint8 pub[crypto_sign_PUBLICKEYBYTES];
  guint8 sig[crypto_sign_BYTES];

  if (subject == NULL || !ready () || !from_hex (person, pub, sizeof pub) ||
      !from_hex (signature, sig, sizeof sig))
    return FALSE;
  message = message_for (purpose, subject);
  return crypto_sign_verify_detached (sig, (const guint8 *) message, strlen (message), pub) == 0;
}

/* A suite such as eddsa-jcs-2022 signs the 64 bytes of two SHA-256
 * digests itself, with no purpose in front. Such a message can never be
 * taken for one of the messages above: those are longer than 64 bytes
 * or begin with a fixed “commons-” that a digest would have to match. */

/**
 * commons_identity_sign_digests:
 * @seed_hex: the private key
 * @digests: %COMMONS_DIGEST_PAIR_BYTES bytes: two SHA-256 digests
 * @signature: (out caller-allocates): %COMMONS_SIGNATURE_BYTES bytes
 *
 * Returns: %FALSE if @seed_hex is not a key
 */
gboolean
commons_identity_sign_digests (const char   *seed_hex,
                               const guint8 *digests,
                               guint8       *signature)
{
  g_autoptr(CommonsSigner) signer = commons_signer_new (seed_hex);

  g_return_val_if_fail (digests != NULL && signature != NULL, FALSE);

  if (signer == NULL)
    return FALSE;
  crypto_sign_detached (signature, NULL, digests, COMMONS_DIGEST_PAIR_BYTES, signer->secret);
  return TRUE;
}

/**
 * commons_identity_verify_digests:
 * @person: a person id made from a key
 * @digests: %COMMONS_DIGEST_PAIR_BYTES bytes
 * @signature: %COMMONS_SIGNATURE_BYTES bytes
 *
 * Returns: whether @signature is @person's signature of @digests
 */
gboolean
commons_identity_verify_digests (const char   *person,
                                 const guint8 *digests,
                                 const guint8 *signature)
{
  guint8 pub[crypto_sign_PUBLICKEYBYTES];

  g_return_val_if_fail (digests != NULL && signature != NULL, FALSE);

  if (!ready () || !from_hex (person, pub, sizeof pub))
    return FALSE;
  return crypto_sign_verify_detached (signature, digests, COMMONS_DIGEST_PAIR_BYTES, pub) == 0;
}
