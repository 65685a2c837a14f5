/* commons-identity.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A person id made from a key: the Ed25519 public key in lower-case hex. */
#define COMMONS_PERSON_KEY_LENGTH 64
/* A signature in lower-case hex. */
#define COMMONS_SIGNATURE_LENGTH 128

typedef enum
{
  /* Not a person id Commons writes. */
  COMMONS_PERSON_INVALID,
  /* A key: revisions by it carry a signature that can be checked. */
  COMMONS_PERSON_KEY,
  /* A UUID from before signing: revisions by it are shown unverified. */
  COMMONS_PERSON_LEGACY,
} CommonsPersonKind;

CommonsPersonKind  commons_person_id_classify     (const char   *person);

/* What a signature covers, so that a signature made for one purpose can
 * never be replayed for another. */
typedef enum
{
  COMMONS_SIGN_REVISION,
  COMMONS_SIGN_JOIN,
  COMMONS_SIGN_CREATE_GROUP,
  COMMONS_SIGN_BIND_KEY,
} CommonsSignPurpose;

gboolean           commons_identity_generate      (char        **seed_hex,
                                                   char        **person,
                                                   GError      **error);
char              *commons_identity_person_from_seed (const char *seed_hex);
char              *commons_identity_sign          (const char   *seed_hex,
                                                   CommonsSignPurpose purpose,
                                                   const char   *subject);
/* A private key made ready to sign many times. */
typedef struct _CommonsSigner CommonsSigner;

CommonsSigner     *commons_signer_new             (const char   *seed_hex);
char              *commons_signer_sign            (CommonsSigner *self,
                                                   CommonsSignPurpose purpose,
                                                   const char   *subject);
void               commons_signer_free            (CommonsSigner *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsSigner, commons_signer_free)

gboolean           commons_identity_verify        (const char   *person,
                                                   CommonsSignPurpose purpose,
                                                   const char   *subject,
                                                   const char   *signature);

/* Signatures of a standard suite's own digest (commons-badge-credential.h),
 * which names no purpose: raw Ed25519 over @length bytes. */
#define COMMONS_SIGNATURE_BYTES 64
#define COMMONS_DIGEST_PAIR_BYTES 64

gboolean           commons_identity_sign_digests  (const char   *seed_hex,
                                                   const guint8 *digests,
                                                   guint8       *signature);
gboolean           commons_identity_verify_digests (const char  *person,
                                                   const guint8 *digests,
                                                   const guint8 *signature);

G_END_DECLS
