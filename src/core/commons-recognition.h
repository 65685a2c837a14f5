/* commons-recognition.h
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "commons-store.h"

G_BEGIN_DECLS

/* What a member did in a group, and the badges it earns, derived from the
 * group's revisions alone (help/C/recognition.page says it for people).
 *
 * It is a pure function of a set of revisions: the same set, in any
 * order, from any replica or from a credential's evidence, gives the same
 * numbers and the same badges. Nothing is stored.
 *
 * Contributions are events, each proved by the revisions that make it:
 *
 * - PLAN: a plan record's first revision (the earliest one without
 *   parents, by time then id), by its creator. Its language is the
 *   primary subtag of that revision's "language", in lower case.
 * - REMIXED: a plan whose first revision's "derived_from" names a plan of
 *   the set written by someone else: a contribution of the original's
 *   creator.
 * - REVIEW: a review revision by the review's creator naming a plan of
 *   the set written by someone else and one of its versions: one per
 *   plan version reviewed, however often.
 * - APPROVED: a version of a plan the set holds, approved by at least the
 *   group's number of members who wrote neither the plan nor that
 *   version, each by a review revision of their own with the verdict
 *   "approve": one per plan, from the first time it happened.
 * - COMMENT: a comment record's first revision.
 * - ACCEPTED: an answer named as "accepted" by a revision of its question
 *   written by the question's asker, who is not the answer's author.
 *
 * A contribution counts from the first time it happened; nothing written
 * later takes it back, because an offline verifier can never show that
 * nothing was written later. Votes received are the exception: they are
 * not proof of anything, only shown, and count each vote record's
 * current value (its head, the latest by time then id when there are
 * several) from members other than the answer's author.
 *
 * Only revisions by a key count: a revision without an author (a merge)
 * only decides heads, and one from before keys proves nothing. A record's
 * kind is its first revision's; a revision of another kind is ignored. */

typedef enum
{
  COMMONS_CONTRIBUTION_PLAN,
  COMMONS_CONTRIBUTION_REMIXED,
  COMMONS_CONTRIBUTION_REVIEW,
  COMMONS_CONTRIBUTION_APPROVED,
  COMMONS_CONTRIBUTION_COMMENT,
  COMMONS_CONTRIBUTION_ACCEPTED,
  COMMONS_N_CONTRIBUTION_KINDS,
} CommonsContributionKind;

typedef struct
{
  CommonsContributionKind  kind;
  /* When it happened: the time of the revision that completed it. */
  char                    *time;
  /* The record it is about: the plan shared, remixed, reviewed or
   * approved; the comment; the answer accepted. */
  char                    *record;
  /* The plan's language; who remixed; the plan version reviewed or
   * approved; the question answered. */
  char                    *detail;
  /* The ids of the revisions that prove it, sorted. */
  GStrv                    evidence;
} CommonsContribution;

/* How a badge counts the contributions of one kind. */
typedef enum
{
  /* Each contribution. */
  COMMONS_BADGE_COUNT,
  /* Each different detail (the plans' languages). */
  COMMONS_BADGE_DISTINCT_DETAILS,
  /* Each different detail of one record (the members who remixed one
   * plan). */
  COMMONS_BADGE_DISTINCT_DETAILS_OF_ONE,
} CommonsBadgeCounting;

typedef struct
{
  /* Stable: credentials name it. */
  const char              *id;
  CommonsContributionKind  counts;
  CommonsBadgeCounting     counting;
  guint                    threshold;
  /* Marked for translation: show them through gettext. */
  const char              *name;
  const char              *criteria;
} CommonsBadgeRule;

typedef struct
{
  const CommonsBadgeRule *rule;
  char                   *earned;
  GStrv                   evidence;
} CommonsBadge;

const CommonsBadgeRule *commons_badge_rules_get          (guint                *n_rules);
const CommonsBadgeRule *commons_badge_rule_lookup        (const char           *id);
const char             *commons_contribution_kind_to_string (CommonsContributionKind kind);

void                    commons_contribution_free        (CommonsContribution  *contribution);
void                    commons_badge_free               (CommonsBadge         *badge);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsContribution, commons_contribution_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommonsBadge, commons_badge_free)

#define COMMONS_TYPE_RECOGNITION (commons_recognition_get_type ())

G_DECLARE_FINAL_TYPE (CommonsRecognition, commons_recognition, COMMONS, RECOGNITION, GObject)

CommonsRecognition     *commons_recognition_new          (const char           *group,
                                                          GPtrArray            *revisions);
CommonsRecognition     *commons_recognition_load         (CommonsStore         *store,
                                                          const char           *group,
                                                          GError              **error);
const char             *commons_recognition_get_group    (CommonsRecognition   *self);
gboolean                commons_recognition_get_badges_enabled (CommonsRecognition *self);
guint                   commons_recognition_get_approvals_needed (CommonsRecognition *self);
GStrv                   commons_recognition_dup_rule_revisions (CommonsRecognition *self);
gboolean                commons_recognition_wrote_rule   (CommonsRecognition   *self,
                                                          const char           *person);
GStrv                   commons_recognition_dup_members  (CommonsRecognition   *self);
guint                   commons_recognition_count        (CommonsRecognition   *self,
                                                          const char           *person,
                                                          CommonsContributionKind kind);
guint                   commons_recognition_count_votes_received (CommonsRecognition *self,
                                                          const char           *person);
GPtrArray              *commons_recognition_get_timeline (CommonsRecognition   *self,
                                                          const char           *person);
GPtrArray              *commons_recognition_dup_badges   (CommonsRecognition   *self,
                                                          const char           *person);
CommonsBadge           *commons_recognition_dup_badge    (CommonsRecognition   *self,
                                                          const char           *person,
                                                          const char           *badge);

G_END_DECLS
