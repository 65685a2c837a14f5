/* commons-recognition.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-recognition"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-group-rule.h"
#include "commons-identity.h"
#include "commons-plan.h"
#include "commons-recognition-private.h"
#include "commons-review.h"
#include "commons-store-private.h"

/* The kinds of the discussion records (comments, questions and answers,
 * votes), read by name: recognition counts them as the agreed model
 * writes them, whether or not this build edits them. */
#define KIND_COMMENT "comment"
#define KIND_QUESTION "question"
#define KIND_ANSWER "answer"
#define KIND_VOTE "vote"

/* What each member did in a group, built from the revisions the group
 * holds alone, so that anyone with the same revisions finds the same:
 * one reader per kind of contribution (plans and remixes, reviews,
 * approvals, accepted answers, votes). The readers share the record and
 * member tables and the order every replica agrees on, which is why they
 * stay in one file a little over 900 lines; the rules that turn a
 * timeline into badges are in commons-badge-rules.c. */

/* One record of the set: its revisions of its own kind, and who made it. */
typedef struct
{
  const char      *id;
  const char      *kind;
  CommonsRevision *root;
  /* Its creator when that is a key, else NULL. */
  const char      *creator;
  GPtrArray       *revisions;
} Record;

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->revisions);
  g_free (record);
}

/* What one member did. */
typedef struct
{
  GPtrArray *timeline;
  guint      votes;
} Member;

static void
member_free (Member *member)
{
  g_ptr_array_unref (member->timeline);
  g_free (member);
}

struct _CommonsRecognition
{
  GObject     parent_instance;

  char       *group;
  gboolean    badges_enabled;
  guint       approvals_needed;
  GPtrArray  *rule_revisions;
  GHashTable *rule_authors;
  /* Person id to Member. */
  GHashTable *members;
};

G_DEFINE_FINAL_TYPE (CommonsRecognition, commons_recognition, G_TYPE_OBJECT)

static void
commons_recognition_finalize (GObject *object)
{
  CommonsRecognition *self = (CommonsRecognition *)object;

  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->rule_revisions, g_ptr_array_unref);
  g_clear_pointer (&self->rule_authors, g_hash_table_unref);
  g_clear_pointer (&self->members, g_hash_table_unref);

  G_OBJECT_CLASS (commons_recognition_parent_class)->finalize (object);
}

static void
commons_recognition_class_init (CommonsRecognitionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = commons_recognition_finalize;
}

static void
commons_recognition_init (CommonsRecognition *self)
{
  self->badges_enabled = TRUE;
  self->approvals_needed = COMMONS_REVIEW_DEFAULT_APPROVALS;
  self->rule_revisions = g_ptr_array_new_with_free_func (g_free);
  self->rule_authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) member_free);
}

/* By time, then id: the one order every replica agrees on. */
static int
compare_revisions (gconstpointer a,
                   gconstpointer b)
{
  CommonsRevision *ra = *(CommonsRevision **) a;
  CommonsRevision *rb = *(CommonsRevision **) b;
  int cmp = strcmp (commons_revision_get_time (ra), commons_revision_get_time (rb));

  if (cmp != 0)
    return cmp;
  return strcmp (commons_revision_get_id (ra), commons_revision_get_id (rb));
}

static gboolean
earlier (CommonsRevision *a,
         CommonsRevision *b)
{
  return compare_revisions (&a, &b) < 0;
}

static const char *
string_field (CommonsRevision *revision,
              const char      *name)
{
  JsonNode *node = json_object_get_member (commons_revision_get_fields (revision), name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static const char *
key_author (CommonsRevision *revision)
{
  const char *author = commons_revision_get_author (revision);

  return commons_person_id_classify (author) == COMMONS_PERSON_KEY ? author : NULL;
}

/* The head shown when there are several: the latest, by time then id.
 * Deleted heads count as heads; the caller decides what they mean. */
static CommonsRevision *
pick_head (Record *record)
{
  g_autoptr(GHashTable) parents = g_hash_table_new (g_str_hash, g_str_equal);
  CommonsRevision *head = NULL;

  for (guint i = 0; i < record->revisions->len; i++)
    {
      const char * const *p = commons_revision_get_parents (g_ptr_array_index (record->revisions, i));

      for (guint j = 0; p[j] != NULL; j++)
        g_hash_table_add (parents, (gpointer) p[j]);
    }
  for (guint i = 0; i < record->revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (record->revisions, i);

      if (g_hash_table_contains (parents, commons_revision_get_id (revision)))
        continue;
      if (head == NULL || earlier (head, revision))
        head = revision;
    }
  return head;
}

static Member *
ensure_member (CommonsRecognition *self,
               const char         *person)
{
  Member *member = g_hash_table_lookup (self->members, person);

  if (member == NULL)
    {
      member = g_new0 (Member, 1);
      member->timeline = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_contribution_free);
      g_hash_table_insert (self->members, g_strdup (person), member);
    }
  return member;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}


static void
add_contribution (CommonsRecognition      *self,
                  const char              *person,
                  CommonsContributionKind  kind,
                  const char              *time,
                  const char              *record,
                  const char              *detail,
                  const char * const      *evidence)
{
  CommonsContribution *contribution = g_new0 (CommonsContribution, 1);

  contribution->kind = kind;
  contribution->time = g_strdup (time);
  contribution->record = g_strdup (record);
  contribution->detail = g_strdup (detail != NULL ? detail : "");
  contribution->evidence = _commons_sorted_evidence (evidence);
  g_ptr_array_add (ensure_member (self, person)->timeline, contribution);
}

/* The primary language subtag, in lower case: “pt-BR” and “pt” are one
 * language for the badge. */
static char *
primary_language (const char *tag)
{
  const char *dash;

  if (tag == NULL || *tag == '\0')
    return NULL;
  dash = strchr (tag, '-');
  return g_ascii_strdown (tag, dash != NULL ? dash - tag : -1);
}

static void
read_rule (CommonsRecognition *self,
           Record             *rule)
{
  CommonsRevision *head;
  JsonObject *fields;
  JsonNode *node;

  for (guint i = 0; i < rule->revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (rule->revisions, i);
      const char *author = key_author (revision);

      g_ptr_array_add (self->rule_revisions, g_strdup (commons_revision_get_id (revision)));
      if (author != NULL)
        g_hash_table_add (self->rule_authors, g_strdup (author));
    }
  g_ptr_array_sort (self->rule_revisions, compare_strings);

  head = pick_head (rule);
  if (head == NULL || commons_revision_get_deleted (head))
    return;
  fields = commons_revision_get_fields (head);

  /* Read leniently, as commons_group_rule_get_approvals() does. */
  node = json_object_get_member (fields, "approvals");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= COMMONS_GROUP_RULE_MIN_APPROVALS &&
      json_node_get_int (node) <= COMMONS_GROUP_RULE_MAX_APPROVALS)
    self->approvals_needed = (guint) json_node_get_int (node);

  node = json_object_get_member (fields, COMMONS_GROUP_RULE_BADGES);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    self->badges_enabled = json_node_get_boolean (node);
}

static Record *
lookup_record (GHashTable *records,
               const char *id,
               const char *kind)
{
  Record *record = id != NULL ? g_hash_table_lookup (records, id) : NULL;

  if (record == NULL || !g_str_equal (record->kind, kind))
    return NULL;
  return record;
}

static CommonsRevision *
lookup_revision_of (GHashTable *by_id,
                    const char *id,
                    Record     *record)
{
  CommonsRevision *revision = id != NULL ? g_hash_table_lookup (by_id, id) : NULL;

  if (revision == NULL || !g_str_equal (commons_revision_get_record (revision), record->id) ||
      !g_str_equal (commons_revision_get_kind (revision), record->kind))
    return NULL;
  return revision;
}

static void
plans_and_remixes (CommonsRecognition *self,
                   GHashTable         *records,
                   Record             *plan)
{
  JsonNode *node;
  const char *original_id = NULL;
  g_autofree char *language = NULL;
  const char *evidence[3] = { commons_revision_get_id (plan->root), NULL, NULL };
  Record *original;

  language = primary_language (string_field (plan->root, "language"));
  add_contribution (self, plan->creator, COMMONS_CONTRIBUTION_PLAN, commons_revision_get_time (plan->root),
                    plan->id, language, evidence);

  node = json_object_get_member (commons_revision_get_fields (plan->root), "derived_from");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (node), "record");

      if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
          json_node_get_value_type (member) == G_TYPE_STRING)
        original_id = json_node_get_string (member);
    }
  original = lookup_record (records, original_id, COMMONS_PLAN_KIND);
  if (original == NULL || original->creator == NULL || g_str_equal (original->creator, plan->creator))
    return;
  evidence[0] = commons_revision_get_id (original->root);
  evidence[1] = commons_revision_get_id (plan->root);
  add_contribution (self, original->creator, COMMONS_CONTRIBUTION_REMIXED,
                    commons_revision_get_time (plan->root), original->id, plan->creator, evidence);
}

/* One approval of a plan version: the earliest approving revision of one
 * reviewer. */
typedef struct
{
  Record          *plan;
  CommonsRevision *version;
  /* Reviewer to the review revision that approved. */
  GHashTable      *approvals;
} Version;

static void
version_free (Version *version)
{
  g_hash_table_unref (version->approvals);
  g_free (version);
}

/* The first approvals of @version, as many as the rule asks, earliest
 * first; %NULL when there are fewer. */
static GPtrArray *
first_approvals (CommonsRecognition *self,
                 Version            *version)
{
  g_autoptr(GPtrArray) approving = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (g_hash_table_size (version->approvals) < self->approvals_needed)
    return NULL;
  g_hash_table_iter_init (&iter, version->approvals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (approving, value);
  g_ptr_array_sort (approving, compare_revisions);
  g_ptr_array_set_size (approving, self->approvals_needed);
  return g_steal_pointer (&approving);
}

/* A plan version a member reviewed: the earliest review revision of
 * theirs that names it. */
typedef struct
{
  Record          *plan;
  Record          *review;
  CommonsRevision *revision;
  const char      *version;
} Reviewed;

static void
reviews (CommonsRecognition *self,
         GHashTable         *records,
         GHashTable         *by_id,
         GHashTable         *versions,
         GHashTable         *reviewed,
         Record             *review)
{
  for (guint i = 0; i < review->revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (review->revisions, i);
      const char *author = key_author (revision);
      Record *plan;
      CommonsRevision *version;
      const char *version_id;
      char *pair;

      if (author == NULL || !g_str_equal (author, review->creator) || commons_revision_get_deleted (revision))
        continue;
      plan = lookup_record (records, string_field (revision, "plan"), COMMONS_PLAN_KIND);
      version_id = string_field (revision, "plan_revision");
      if (plan == NULL || plan->creator == NULL || g_str_equal (plan->creator, author) ||
          version_id == NULL || !commons_revision_id_is_valid (version_id))
        continue;

      pair = g_strconcat (author, " ", plan->id, " ", version_id, NULL);
      {
        Reviewed *known = g_hash_table_lookup (reviewed, pair);

        if (known == NULL)
          {
            known = g_new0 (Reviewed, 1);
            g_hash_table_insert (reviewed, g_steal_pointer (&pair), known);
          }
        if (known->revision == NULL || earlier (revision, known->revision))
          {
            known->plan = plan;
            known->review = review;
            known->revision = revision;
            known->version = version_id;
          }
        g_free (pair);
      }

      /* Approving a version one wrote oneself counts for nothing. */
      version = lookup_revision_of (by_id, version_id, plan);
      if (g_strcmp0 (string_field (revision, "verdict"), "approve") == 0 &&
          version != NULL && g_strcmp0 (commons_revision_get_author (version), author) != 0)
        {
          Version *v = g_hash_table_lookup (versions, version_id);
          CommonsRevision *before;

          if (v == NULL)
            {
              v = g_new0 (Version, 1);
              v->plan = plan;
              v->version = version;
              v->approvals = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (versions, (gpointer) commons_revision_get_id (version), v);
            }
          before = g_hash_table_lookup (v->approvals, author);
          if (before == NULL || earlier (revision, before))
            g_hash_table_insert (v->approvals, (gpointer) author, revision);
        }
    }
}

static void
approvals (CommonsRecognition *self,
           GHashTable         *records,
           GHashTable         *versions)
{
  /* Plan id to the version first approved, and its approvals. */
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) first_version = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  Version *v;
  GPtrArray *approving;

  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &v))
    {
      GPtrArray *known;
      Version *known_version;
      CommonsRevision *last;
      CommonsRevision *known_last;

      approving = first_approvals (self, v);
      if (approving == NULL)
        continue;
      last = g_ptr_array_index (approving, approving->len - 1);
      known = g_hash_table_lookup (first, v->plan->id);
      known_version = g_hash_table_lookup (first_version, v->plan->id);
      if (known != NULL)
        {
          known_last = g_ptr_array_index (known, known->len - 1);
          /* Two versions approved by the same review revision cannot
           * happen; the version's id settles equal times. */
          if (earlier (known_last, last) ||
              (known_last == last && strcmp (commons_revision_get_id (known_version->version),
                                             commons_revision_get_id (v->version)) < 0))
            {
              g_ptr_array_unref (approving);
              continue;
            }
        }
      g_hash_table_insert (first, (gpointer) v->plan->id, approving);
      g_hash_table_insert (first_version, (gpointer) v->plan->id, v);
    }

  g_hash_table_iter_init (&iter, first_version);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &v))
    {
      g_autoptr(GPtrArray) evidence = g_ptr_array_new ();
      CommonsRevision *last;

      approving = g_hash_table_lookup (first, v->plan->id);
      last = g_ptr_array_index (approving, approving->len - 1);
      g_ptr_array_add (evidence, (gpointer) commons_revision_get_id (v->plan->root));
      g_ptr_array_add (evidence, (gpointer) commons_revision_get_id (v->version));
      for (guint i = 0; i < approving->len; i++)
        {
          CommonsRevision *revision = g_ptr_array_index (approving, i);
          Record *review = g_hash_table_lookup (records, commons_revision_get_record (revision));

          g_ptr_array_add (evidence, (gpointer) commons_revision_get_id (review->root));
          g_ptr_array_add (evidence, (gpointer) commons_revision_get_id (revision));
        }
      g_ptr_array_add (evidence, NULL);
      add_contribution (self, v->plan->creator, COMMONS_CONTRIBUTION_APPROVED, commons_revision_get_time (last),
                        v->plan->id, commons_revision_get_id (v->version),
                        (const char * const *) evidence->pdata);
    }
}

static void
accepted_answer (CommonsRecognition *self,
                 GHashTable         *records,
                 Record             *answer)
{
  Record *question = lookup_record (records, string_field (answer->root, "question"), KIND_QUESTION);
  CommonsRevision *accepting = NULL;

  if (question == NULL || question->creator == NULL || g_str_equal (question->creator, answer->creator))
    return;
  for (guint i = 0; i < question->revisions->len && accepting == NULL; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (question->revisions, i);

      if (g_strcmp0 (key_author (revision), question->creator) == 0 &&
          !commons_revision_get_deleted (revision) &&
          g_strcmp0 (string_field (revision, "accepted"), answer->id) == 0)
        accepting = revision;
    }
  if (accepting != NULL)
    {
      const char *evidence[] = {
        commons_revision_get_id (answer->root),
        commons_revision_get_id (question->root),
        commons_revision_get_id (accepting),
        NULL,
      };

      add_contribution (self, answer->creator, COMMONS_CONTRIBUTION_ACCEPTED,
                        commons_revision_get_time (accepting), answer->id, question->id, evidence);
    }
}

static void
vote (CommonsRecognition *self,
      GHashTable         *records,
      Record             *vote_record)
{
  Record *answer = lookup_record (records, string_field (vote_record->root, "answer"), KIND_ANSWER);
  CommonsRevision *head = pick_head (vote_record);
  JsonNode *value;

  if (answer == NULL || answer->creator == NULL || g_str_equal (answer->creator, vote_record->creator) ||
      head == NULL || commons_revision_get_deleted (head))
    return;
  value = json_object_get_member (commons_revision_get_fields (head), "value");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_INT64 && json_node_get_int (value) == 1)
    ensure_member (self, answer->creator)->votes++;
}

static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  CommonsContribution *ca = *(CommonsContribution **) a;
  CommonsContribution *cb = *(CommonsContribution **) b;
  int cmp;

  if ((cmp = strcmp (ca->time, cb->time)) != 0)
    return cmp;
  if (ca->kind != cb->kind)
    return ca->kind < cb->kind ? -1 : 1;
  if ((cmp = strcmp (ca->record, cb->record)) != 0)
    return cmp;
  return strcmp (ca->detail, cb->detail);
}

/**
 * commons_recognition_new:
 * @group: the group's id
 * @revisions: (element-type CommonsRevision): the group's revisions that
 *   were accepted, in any order; the same revision may come twice
 *
 * Derives what each member did and the badges it earns. Revisions whose
 * signature was never checked must not be given: the caller vouches that
 * each author is who wrote it.
 *
 * Returns: (transfer full): the recognition
 */
CommonsRecognition *
commons_recognition_new (const char *group,
                         GPtrArray  *revisions)
{
  g_autoptr(CommonsRecognition) self = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) record_free);
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) version_free);
  g_autoptr(GHashTable) reviewed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autofree char *rule_id = NULL;
  GHashTableIter iter;
  CommonsRevision *revision_value;
  Record *record;

  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (revisions != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_RECOGNITION, NULL);
  self->group = g_strdup (group);

  /* Once each, in the one order: everything below then reads the same
   * whatever order the revisions came in. */
  for (guint i = 0; i < revisions->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (revisions, i);

      g_hash_table_insert (by_id, (gpointer) commons_revision_get_id (revision), revision);
    }
  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &revision_value))
    g_ptr_array_add (sorted, revision_value);
  g_ptr_array_sort (sorted, compare_revisions);

  /* Each record's first revision: the earliest without parents. */
  for (guint i = 0; i < sorted->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (sorted, i);

      if (commons_revision_get_parents (revision)[0] != NULL ||
          g_hash_table_contains (records, commons_revision_get_record (revision)))
        continue;
      record = g_new0 (Record, 1);
      record->id = commons_revision_get_record (revision);
      record->kind = commons_revision_get_kind (revision);
      record->root = revision;
      record->creator = key_author (revision);
      record->revisions = g_ptr_array_new ();
      g_hash_table_insert (records, (gpointer) record->id, record);
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      CommonsRevision *revision = g_ptr_array_index (sorted, i);

      record = g_hash_table_lookup (records, commons_revision_get_record (revision));
      if (record != NULL && g_str_equal (record->kind, commons_revision_get_kind (revision)))
        g_ptr_array_add (record->revisions, revision);
    }

  rule_id = commons_group_rule_dup_record_id (group);
  record = lookup_record (records, rule_id, COMMONS_GROUP_RULE_KIND);
  if (record != NULL)
    read_rule (self, record);

  g_hash_table_iter_init (&iter, records);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &record))
    {
      if (record->creator == NULL)
        continue;
      if (g_str_equal (record->kind, COMMONS_PLAN_KIND))
        plans_and_remixes (self, records, record);
      else if (g_str_equal (record->kind, COMMONS_REVIEW_KIND))
        reviews (self, records, by_id, versions, reviewed, record);
      else if (g_str_equal (record->kind, KIND_COMMENT))
        {
          const char *evidence[] = { commons_revision_get_id (record->root), NULL };

          add_contribution (self, record->creator, COMMONS_CONTRIBUTION_COMMENT,
                            commons_revision_get_time (record->root), record->id, NULL, evidence);
        }
      else if (g_str_equal (record->kind, KIND_ANSWER))
        accepted_answer (self, records, record);
      else if (g_str_equal (record->kind, KIND_VOTE))
        vote (self, records, record);
    }
  approvals (self, records, versions);

  {
    Reviewed *r;

    g_hash_table_iter_init (&iter, reviewed);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &r))
      {
        const char *evidence[] = {
          commons_revision_get_id (r->plan->root),
          commons_revision_get_id (r->review->root),
          commons_revision_get_id (r->revision),
          NULL,
        };

        add_contribution (self, r->review->creator, COMMONS_CONTRIBUTION_REVIEW,
                          commons_revision_get_time (r->revision), r->plan->id, r->version, evidence);
      }
  }

  {
    Member *member;

    g_hash_table_iter_init (&iter, self->members);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &member))
      g_ptr_array_sort (member->timeline, compare_contributions);
  }

  return g_steal_pointer (&self);
}

/**
 * commons_recognition_load:
 * @group: a group this store holds
 *
 * Derives recognition from the revisions this replica accepted in
 * @group. Quarantined revisions are kept apart and never count; pending
 * ones count once their parents arrive and they are applied.
 *
 * Returns: (transfer full): the recognition, or %NULL on error
 */
CommonsRecognition *
commons_recognition_load (CommonsStore  *store,
                          const char    *group,
                          GError       **error)
{
  g_autoptr(GPtrArray) revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (group != NULL, NULL);

  stmt = _commons_store_prepare (store, "SELECT id, body FROM revisions WHERE scope = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, group, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      CommonsRevision *revision;

      revision = _commons_revision_new_trusted ((const char *) sqlite3_column_text (stmt, 0),
                                                (const char *) sqlite3_column_text (stmt, 1),
                                                &local_error);
      /* One unreadable row must not hide everyone else's work. */
      if (revision == NULL)
        {
          g_debug ("Skipping revision %s: %s", sqlite3_column_text (stmt, 0), local_error->message);
          continue;
        }
      g_ptr_array_add (revisions, revision);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _commons_store_set_error (store, rc, error);
      return NULL;
    }

  return commons_recognition_new (group, revisions);
}

const char *
commons_recognition_get_group (CommonsRecognition *self)
{
  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), NULL);
  return self->group;
}

/**
 * commons_recognition_get_badges_enabled:
 *
 * Returns: %FALSE when the group's rule turned badges off
 */
gboolean
commons_recognition_get_badges_enabled (CommonsRecognition *self)
{
  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), FALSE);
  return self->badges_enabled;
}

guint
commons_recognition_get_approvals_needed (CommonsRecognition *self)
{
  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), COMMONS_REVIEW_DEFAULT_APPROVALS);
  return self->approvals_needed;
}

/**
 * commons_recognition_dup_rule_revisions:
 *
 * Returns: (transfer full): the ids of the group rule's revisions in the
 *   set, sorted: a credential carries them, so that its verifier reads
 *   the same rule
 */
GStrv
commons_recognition_dup_rule_revisions (CommonsRecognition *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), NULL);

  for (guint i = 0; i < self->rule_revisions->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rule_revisions, i));
  return g_strv_builder_end (builder);
}

/**
 * commons_recognition_wrote_rule:
 * @person: a person id
 *
 * Only an organizer writes the group's rules (the server refuses anyone
 * else), so a rule revision signed by @person shows they were one.
 *
 * Returns: whether @person wrote a revision of the group's rules
 */
gboolean
commons_recognition_wrote_rule (CommonsRecognition *self,
                                const char         *person)
{
  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), FALSE);
  return person != NULL && g_hash_table_contains (self->rule_authors, person);
}

/**
 * commons_recognition_dup_members:
 *
 * Returns: (transfer full): everyone who contributed something, sorted
 */
GStrv
commons_recognition_dup_members (CommonsRecognition *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->members, &n);
  qsort (keys, n, sizeof (char *), compare_strings);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, keys[i]);
  return g_strv_builder_end (builder);
}

guint
commons_recognition_count (CommonsRecognition      *self,
                           const char              *person,
                           CommonsContributionKind  kind)
{
  Member *member;
  guint n = 0;

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), 0);
  g_return_val_if_fail ((guint) kind < COMMONS_N_CONTRIBUTION_KINDS, 0);

  member = person != NULL ? g_hash_table_lookup (self->members, person) : NULL;
  for (guint i = 0; member != NULL && i < member->timeline->len; i++)
    if (((CommonsContribution *) g_ptr_array_index (member->timeline, i))->kind == kind)
      n++;
  return n;
}

guint
commons_recognition_count_votes_received (CommonsRecognition *self,
                                          const char         *person)
{
  Member *member;

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), 0);

  member = person != NULL ? g_hash_table_lookup (self->members, person) : NULL;
  return member != NULL ? member->votes : 0;
}

/**
 * commons_recognition_get_timeline:
 *
 * Returns: (transfer none) (nullable) (element-type CommonsContribution):
 *   what @person did, oldest first; %NULL if nothing
 */
GPtrArray *
commons_recognition_get_timeline (CommonsRecognition *self,
                                  const char         *person)
{
  Member *member;

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), NULL);

  member = person != NULL ? g_hash_table_lookup (self->members, person) : NULL;
  return member != NULL ? member->timeline : NULL;
}


/**
 * commons_recognition_dup_badges:
 *
 * Returns: (transfer container) (element-type CommonsBadge): the badges
 *   @person earned, in the order of the rules; none when the group turned
 *   badges off
 */
GPtrArray *
commons_recognition_dup_badges (CommonsRecognition *self,
                                const char         *person)
{
  GPtrArray *badges = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_badge_free);
  guint n_rules;
  const CommonsBadgeRule *rules = commons_badge_rules_get (&n_rules);

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), badges);

  if (!self->badges_enabled)
    return badges;
  for (guint i = 0; i < n_rules; i++)
    {
      CommonsBadge *badge = _commons_badge_rule_apply (&rules[i], commons_recognition_get_timeline (self, person));

      if (badge != NULL)
        g_ptr_array_add (badges, badge);
    }
  return badges;
}

/**
 * commons_recognition_dup_badge:
 * @badge: a rule's id
 *
 * Returns: (transfer full) (nullable): the badge if @person earned it
 */
CommonsBadge *
commons_recognition_dup_badge (CommonsRecognition *self,
                               const char         *person,
                               const char         *badge)
{
  const CommonsBadgeRule *rule = commons_badge_rule_lookup (badge);

  g_return_val_if_fail (COMMONS_IS_RECOGNITION (self), NULL);

  if (rule == NULL || !self->badges_enabled)
    return NULL;
  return _commons_badge_rule_apply (rule, commons_recognition_get_timeline (self, person));
}
