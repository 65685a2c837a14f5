/* commons-badge-rules.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-recognition"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-recognition-private.h"

/* What a badge is: the rules, what they count, and how a member's
 * timeline of contributions meets one. commons-recognition.c builds the
 * timelines from what the group holds. */

/* The rules, in the order they are shown. Changing an id or a threshold
 * changes what credentials already issued mean: add a rule instead. */
static const CommonsBadgeRule rules[] = {
  { "first-plan", COMMONS_CONTRIBUTION_PLAN, COMMONS_BADGE_COUNT, 1,
    N_("First plan shared"),
    N_("Shared a first lesson plan with the group.") },
  { "reviewer", COMMONS_CONTRIBUTION_REVIEW, COMMONS_BADGE_COUNT, 10,
    N_("Reviewer"),
    N_("Reviewed ten versions of plans written by other members.") },
  { "approved", COMMONS_CONTRIBUTION_APPROVED, COMMONS_BADGE_COUNT, 1,
    N_("Plan approved"),
    N_("Wrote a plan that other members approved as the group’s rule asks.") },
  { "remixed", COMMONS_CONTRIBUTION_REMIXED, COMMONS_BADGE_DISTINCT_DETAILS_OF_ONE, 3,
    N_("Remixed"),
    N_("Wrote a plan that three other members remixed.") },
  { "helper", COMMONS_CONTRIBUTION_ACCEPTED, COMMONS_BADGE_COUNT, 5,
    N_("Helper"),
    N_("Wrote five answers that the askers accepted.") },
  { "polyglot", COMMONS_CONTRIBUTION_PLAN, COMMONS_BADGE_DISTINCT_DETAILS, 3,
    N_("Many languages"),
    N_("Shared plans in three languages.") },
};

const CommonsBadgeRule *
commons_badge_rules_get (guint *n_rules)
{
  g_return_val_if_fail (n_rules != NULL, NULL);

  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const CommonsBadgeRule *
commons_badge_rule_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].id, id))
      return &rules[i];
  return NULL;
}

const char *
commons_contribution_kind_to_string (CommonsContributionKind kind)
{
  static const char * const names[] = {
    [COMMONS_CONTRIBUTION_PLAN] = "plan",
    [COMMONS_CONTRIBUTION_REMIXED] = "remixed",
    [COMMONS_CONTRIBUTION_REVIEW] = "review",
    [COMMONS_CONTRIBUTION_APPROVED] = "approved",
    [COMMONS_CONTRIBUTION_COMMENT] = "comment",
    [COMMONS_CONTRIBUTION_ACCEPTED] = "accepted",
  };

  g_return_val_if_fail ((guint) kind < COMMONS_N_CONTRIBUTION_KINDS, NULL);
  return names[kind];
}

void
commons_contribution_free (CommonsContribution *contribution)
{
  if (contribution == NULL)
    return;
  g_free (contribution->time);
  g_free (contribution->record);
  g_free (contribution->detail);
  g_strfreev (contribution->evidence);
  g_free (contribution);
}

void
commons_badge_free (CommonsBadge *badge)
{
  if (badge == NULL)
    return;
  g_free (badge->earned);
  g_strfreev (badge->evidence);
  g_free (badge);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Each id once, sorted. The lists are short: a few ids per contribution,
 * a few dozen per badge. */
GStrv
_commons_sorted_evidence (const char * const *ids)
{
  guint n = g_strv_length ((GStrv) ids);
  GStrv evidence = g_new0 (char *, n + 1);
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    evidence[i] = (char *) ids[i];
  qsort (evidence, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    if (kept == 0 || strcmp (evidence[kept - 1], evidence[i]) != 0)
      evidence[kept++] = evidence[i];
  for (guint i = 0; i < kept; i++)
    evidence[i] = g_strdup (evidence[i]);
  evidence[kept] = NULL;
  return evidence;
}

/* Walks the timeline, oldest first, until the rule is met. */
CommonsBadge *
_commons_badge_rule_apply (const CommonsBadgeRule *rule,
            GPtrArray              *timeline)
{
  g_autoptr(GHashTable) details = g_hash_table_new (g_str_hash, g_str_equal);
  /* Record to the contributions of it that count, for one-record rules. */
  g_autoptr(GHashTable) per_record = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) counted = g_ptr_array_new ();
  GPtrArray *done = NULL;
  CommonsContribution *last = NULL;

  for (guint i = 0; timeline != NULL && i < timeline->len && done == NULL; i++)
    {
      CommonsContribution *c = g_ptr_array_index (timeline, i);

      if (c->kind != rule->counts)
        continue;
      switch (rule->counting)
        {
        case COMMONS_BADGE_COUNT:
          g_ptr_array_add (counted, c);
          if (counted->len >= rule->threshold)
            done = counted;
          break;

        case COMMONS_BADGE_DISTINCT_DETAILS:
          if (*c->detail == '\0' || !g_hash_table_add (details, c->detail))
            continue;
          g_ptr_array_add (counted, c);
          if (counted->len >= rule->threshold)
            done = counted;
          break;

        case COMMONS_BADGE_DISTINCT_DETAILS_OF_ONE:
          {
            GPtrArray *of_one = g_hash_table_lookup (per_record, c->record);
            gboolean seen = FALSE;

            if (of_one == NULL)
              {
                of_one = g_ptr_array_new ();
                g_hash_table_insert (per_record, c->record, of_one);
              }
            for (guint j = 0; j < of_one->len && !seen; j++)
              seen = g_str_equal (((CommonsContribution *) g_ptr_array_index (of_one, j))->detail, c->detail);
            if (seen)
              continue;
            g_ptr_array_add (of_one, c);
            if (of_one->len >= rule->threshold)
              done = of_one;
          }
          break;

        default:
          g_assert_not_reached ();
        }
      last = c;
    }

  if (done == NULL)
    return NULL;

  {
    g_autoptr(GPtrArray) ids = g_ptr_array_new ();
    CommonsBadge *badge = g_new0 (CommonsBadge, 1);

    for (guint i = 0; i < done->len; i++)
      {
        CommonsContribution *c = g_ptr_array_index (done, i);

        for (guint j = 0; c->evidence[j] != NULL; j++)
          g_ptr_array_add (ids, c->evidence[j]);
      }
    g_ptr_array_add (ids, NULL);
    badge->rule = rule;
    badge->earned = g_strdup (last->time);
    badge->evidence = _commons_sorted_evidence ((const char * const *) ids->pdata);
    return badge;
  }
}
