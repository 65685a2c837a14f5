/* commons-badge-credential.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "commons-recognition.h"

G_BEGIN_DECLS

/* A badge as an Open Badges 3.0 OpenBadgeCredential, issued by a group
 * organizer's key and secured with a W3C Data Integrity proof of the
 * eddsa-jcs-2022 suite; its evidence is the ids of the revisions that
 * earned it. docs/credentials.md says what is in it, why this suite, and
 * what a verifier learns. */

#define COMMONS_BADGE_CREDENTIAL_ERROR (commons_badge_credential_error_quark ())

typedef enum
{
  /* Not a credential this version can check. */
  COMMONS_BADGE_CREDENTIAL_ERROR_INVALID,
  /* The proof does not hold: changed, or signed by another key. */
  COMMONS_BADGE_CREDENTIAL_ERROR_SIGNATURE,
  COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_MISSING,
  COMMONS_BADGE_CREDENTIAL_ERROR_EVIDENCE_TAMPERED,
  /* Nothing in the evidence shows the signer organizes the group. */
  COMMONS_BADGE_CREDENTIAL_ERROR_NOT_ORGANIZER,
  /* The evidence does not earn the badge. */
  COMMONS_BADGE_CREDENTIAL_ERROR_NOT_EARNED,
  /* Issuing: the group turned badges off. */
  COMMONS_BADGE_CREDENTIAL_ERROR_BADGES_OFF,
} CommonsBadgeCredentialError;

/* The largest credential file read. */
#define COMMONS_BADGE_CREDENTIAL_MAX_SIZE (4 * 1024 * 1024)

typedef struct
{
  char     *group;
  char     *group_name;
  char     *issuer;
  char     *member;
  char     *member_name;
  char     *badge;
  char     *badge_name;
  char     *earned;
  char     *issued;
  GStrv     evidence;
  /* Whether the evidence was checked and earns the badge. */
  gboolean  evidence_checked;
} CommonsBadgeCredentialInfo;

GQuark                      commons_badge_credential_error_quark (void);

char                       *commons_did_key_from_person     (const char            *person);
char                       *commons_person_from_did_key     (const char            *did);

JsonNode                   *commons_badge_credential_issue  (CommonsRecognition    *recognition,
                                                             const char            *group_name,
                                                             const char            *member,
                                                             const char            *member_name,
                                                             const char            *badge,
                                                             const char            *issuer_seed,
                                                             const char            *issued,
                                                             GError               **error);
CommonsBadgeCredentialInfo *commons_badge_credential_verify (JsonNode              *credential,
                                                             GPtrArray             *evidence,
                                                             GHashTable            *damaged,
                                                             GError               **error);
void                        commons_badge_credential_info_free (CommonsBadgeCredentialInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsBadgeCredentialInfo, commons_badge_credential_info_free)

G_END_DECLS
