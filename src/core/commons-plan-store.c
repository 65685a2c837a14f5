/* commons-plan-store.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-json.h"
#include "commons-license.h"
#include "commons-plan-private.h"
#include "commons-store-private.h"
#include "commons-sync.h"

/* A plan through the store: who made it, who may change, share, delete
 * or restore it, and loading, saving and remixing. The license rules that
 * every replica and the server check on what arrives are here too. */

/* Through the store. */

/**
 * commons_record_dup_creator:
 * @record: a record id
 *
 * The author of a record's first revision: the person who owns it. Merge
 * revisions have no author and edits by others do not change it.
 * A record has one first author (see _commons_store_receive()).
 *
 * Returns: (transfer full) (nullable): a person id
 */
char *
commons_record_dup_creator (CommonsStore  *store,
                            const char    *record,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  char *author = NULL;
  int rc;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  /* One first author per record: the server and every check on what
   * arrives refuse a first revision by anyone else. One from a file can
   * still be held until the server refuses it (pushed = 2); it never
   * counts before one the server took. */
  stmt = _commons_store_prepare (store,
      "SELECT author FROM revisions v WHERE record = ? AND "
      "NOT EXISTS (SELECT 1 FROM revision_parents p WHERE p.revision = v.id) "
      "ORDER BY pushed = 2, time, id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    author = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND,
                 _("The record does not exist"));
  else if (rc != SQLITE_ROW)
    _commons_store_set_error (store, rc, error);
  return author;
}

/**
 * commons_plan_is_mine:
 * @store: the store the plan is in
 *
 * Returns: whether this person made the plan (or it is not saved yet)
 */
gboolean
commons_plan_is_mine (CommonsPlan  *self,
                      CommonsStore *store)
{
  g_autofree char *creator = NULL;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (self->record == NULL)
    return TRUE;
  creator = commons_record_dup_creator (store, self->record, NULL);
  return commons_store_is_me (store, creator);
}

/* Whether someone other than a plan's author may change a plan under
 * @license_id: not when it forbids adapted versions. */
static gboolean
others_may_change (const char  *license_id,
                   GError     **error)
{
  const CommonsLicense *license = commons_license_lookup (license_id);

  if (license == NULL || license->allows_derivatives)
    return TRUE;
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
               _("Only its author may change this plan: its license (%s) does not allow changes by others"),
               commons_license_get_name (license));
  return FALSE;
}

/**
 * commons_plan_can_edit:
 * @store: the store the plan is in
 *
 * Whether this person may edit the plan: always their own, and others'
 * unless its license forbids changes (CC BY-ND, all rights reserved).
 * When not, @error says why in words the Edit button can show.
 */
gboolean
commons_plan_can_edit (CommonsPlan   *self,
                       CommonsStore  *store,
                       GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (commons_plan_is_mine (self, store))
    return TRUE;
  return others_may_change (self->license, error);
}

/**
 * commons_plan_can_change_license:
 * @store: the store the plan is in
 *
 * Whether this person may pick the plan's license: only its author may
 * relicense a plan, and a remix only within its original's license.
 */
gboolean
commons_plan_can_change_license (CommonsPlan  *self,
                                 CommonsStore *store)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  return commons_plan_is_mine (self, store) && !commons_plan_is_license_locked (self);
}

/**
 * commons_plan_can_share:
 * @record: a record
 *
 * Whether this person may share a copy of @record with a group. A copy
 * is a new record of their own, so a colleague's plan whose license
 * forbids copies (CC BY-ND, all rights reserved) cannot be shared: only
 * its author may. Records of other kinds may always be.
 */
gboolean
commons_plan_can_share (CommonsStore  *store,
                        const char    *record,
                        GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *creator = NULL;
  const CommonsLicense *license;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return FALSE;
  if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_PLAN_KIND) != 0)
    return TRUE;
  creator = commons_record_dup_creator (store, record, NULL);
  if (commons_store_is_me (store, creator))
    return TRUE;
  license = commons_license_lookup (commons_revision_get_string_field (current, "license"));
  if (license == NULL || license->allows_derivatives)
    return TRUE;
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
               _("Only its author may share this plan: its license (%s) does not allow copies by others"),
               commons_license_get_name (license));
  return FALSE;
}

/**
 * commons_plan_can_delete:
 * @store: the store the plan is in
 *
 * Whether this person may delete the plan: anything in their library, and
 * in a group only what they wrote, since a delete there removes it for
 * every member.
 */
gboolean
commons_plan_can_delete (CommonsPlan   *self,
                         CommonsStore  *store,
                         GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (g_strcmp0 (self->scope, COMMONS_SCOPE_LOCAL) == 0 || commons_plan_is_mine (self, store))
    return TRUE;
  g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS,
               _("Only its author may delete this plan from the group"));
  return FALSE;
}

/**
 * commons_plan_delete:
 * @record: a plan's record id
 *
 * Deletes the plan with a revision that says so (a tombstone): it leaves
 * the lists and search, its history stays, a group's members receive the
 * delete on the next sync, and commons_store_undelete_record() undoes it.
 */
gboolean
commons_plan_delete (CommonsStore  *store,
                     const char    *record,
                     GError       **error)
{
  g_autoptr(CommonsPlan) plan = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  plan = commons_plan_load (store, record, error);
  if (plan == NULL || !commons_plan_can_delete (plan, store, error))
    return FALSE;
  return commons_store_delete_record (store, record, error);
}

/**
 * commons_plan_can_unshare:
 * @store: the store the plan is in
 *
 * Whether this person may take the plan out of its group: only its
 * author may, and only a plan in a group.
 */
gboolean
commons_plan_can_unshare (CommonsPlan   *self,
                          CommonsStore  *store,
                          GError       **error)
{
  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (self->scope == NULL || g_str_equal (self->scope, COMMONS_SCOPE_LOCAL))
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_INVALID,
                   _("This plan is not shared with a group"));
      return FALSE;
    }
  if (!commons_plan_is_mine (self, store))
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_YOURS,
                   _("Only its author may stop sharing this plan"));
      return FALSE;
    }
  return TRUE;
}

static char *
canonical_fields (JsonObject *fields)
{
  g_autoptr(JsonNode) node = json_node_alloc ();

  json_node_init_object (node, fields);
  return commons_json_canonical (node, NULL);
}

/* A live plan in the library whose current fields are exactly @fields,
 * such as the one a group's copy was shared from and not changed since. */
static char *
find_in_library (CommonsStore  *store,
                 JsonObject    *fields)
{
  g_autofree char *wanted = canonical_fields (fields);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (wanted == NULL)
    return NULL;
  stmt = _commons_store_prepare (store,
      "SELECT id FROM records WHERE kind = 'plan' AND scope = ? AND deleted = 0 AND title = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, COMMONS_SCOPE_LOCAL, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, json_object_get_string_member_with_default (fields, "title", ""), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CommonsRevision) current = commons_store_get_current (store, g_ptr_array_index (ids, i), NULL);
      g_autofree char *text = NULL;

      if (current == NULL)
        continue;
      text = canonical_fields (commons_revision_get_fields (current));
      if (g_strcmp0 (text, wanted) == 0)
        return g_strdup (g_ptr_array_index (ids, i));
    }
  return NULL;
}

/**
 * commons_plan_unshare:
 * @record: a plan in a group, written by this person
 *
 * Stops sharing the plan: it is deleted from the group, so the other
 * members no longer see it after their next sync, and it stays in this
 * person's library. When the library holds this very version already (the
 * plan was shared from there and not changed since), that is kept;
 * otherwise a private copy of the group's version is made first, so that
 * nothing the person wrote is lost.
 *
 * Returns: (transfer full): the record in the library that holds the plan
 */
char *
commons_plan_unshare (CommonsStore  *store,
                      const char    *record,
                      GError       **error)
{
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *kept = NULL;
  JsonObject *fields;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  plan = commons_plan_load (store, record, error);
  if (plan == NULL || !commons_plan_can_unshare (plan, store, error))
    return NULL;
  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return NULL;
  fields = commons_revision_get_fields (current);

  kept = find_in_library (store, fields);
  if (kept == NULL)
    {
      kept = commons_store_create_record (store, COMMONS_PLAN_KIND, COMMONS_SCOPE_LOCAL, fields, error);
      if (kept == NULL)
        return NULL;
    }
  if (!commons_store_delete_record (store, record, error))
    return NULL;
  return g_steal_pointer (&kept);
}

/* The license a plan revision carries, as the editor would read it (the
 * default when it names none), or %NULL when the field is not a string.
 * Read from the field alone: the rules run on everything that arrives,
 * and reading the whole plan was most of their cost. */
static const char *
revision_license (CommonsRevision *revision)
{
  JsonNode *node = json_object_get_member (commons_revision_get_fields (revision), "license");

  if (node == NULL)
    return COMMONS_LICENSE_DEFAULT;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A string member of a plan revision's derived_from object. */
static const char *
revision_derived_from (CommonsRevision *revision,
                       const char      *member)
{
  JsonNode *node = json_object_get_member (commons_revision_get_fields (revision), "derived_from");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  node = json_object_get_member (json_node_get_object (node), member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * commons_plan_check_license_rules:
 * @revision: a plan revision from someone else
 * @creator: (nullable): the author of the record's first revision
 * @lookup: finds the revisions @revision names, as held by the caller
 *
 * The license rules, as they are checked on whatever arrives (DESIGN.md,
 * "Two checks"), by every client and by the server alike: a remix carries
 * a license its original allows, judged by the original itself when it is
 * held rather than by what the remix claims; someone other than a plan's
 * author neither changes a plan whose license forbids it nor changes its
 * license. Merges are not judged: they are recomputed from judged parents.
 *
 * Returns: whether @revision keeps the rules; if not, @error says why
 */
gboolean
commons_plan_check_license_rules (CommonsRevision        *revision,
                                  const char             *creator,
                                  CommonsRevisionLookup   lookup,
                                  gpointer                user_data,
                                  GError                **error)
{
  const char * const *parents;
  const char *author;
  const char *license;
  JsonNode *derived_from;

  g_return_val_if_fail (revision != NULL, FALSE);
  g_return_val_if_fail (lookup != NULL, FALSE);

  author = commons_revision_get_author (revision);
  if (author == NULL)
    return TRUE;
  /* Fields that do not read as a plan are the shape check's to refuse. */
  license = revision_license (revision);
  derived_from = json_object_get_member (commons_revision_get_fields (revision), "derived_from");
  if (license == NULL ||
      (derived_from != NULL && !JSON_NODE_HOLDS_NULL (derived_from) && !JSON_NODE_HOLDS_OBJECT (derived_from)))
    return TRUE;

  if (derived_from != NULL && JSON_NODE_HOLDS_OBJECT (derived_from))
    {
      const char *original_id = revision_derived_from (revision, "revision");
      g_autoptr(CommonsRevision) original = original_id != NULL ? lookup (original_id, user_data) : NULL;
      const char *original_license;

      if (original != NULL && g_strcmp0 (commons_revision_get_kind (original), COMMONS_PLAN_KIND) == 0)
        original_license = revision_license (original);
      else
        original_license = revision_derived_from (revision, "license");
      if (original_license != NULL && !_commons_plan_check_adaptation (original_license, license, error))
        return FALSE;
    }

  parents = commons_revision_get_parents (revision);
  if (parents[0] != NULL && g_strcmp0 (creator, author) != 0)
    {
      gboolean kept = FALSE;

      for (guint i = 0; parents[i] != NULL; i++)
        {
          g_autoptr(CommonsRevision) parent = lookup (parents[i], user_data);
          const char *parent_license;

          if (parent == NULL)
            continue;
          parent_license = revision_license (parent);
          if (!others_may_change (parent_license, error))
            return FALSE;
          if (g_strcmp0 (parent_license, license) == 0)
            kept = TRUE;
        }
      if (!kept)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                       _("Only a plan’s author may change its license"));
          return FALSE;
        }
    }
  return TRUE;
}

static CommonsRevision *
lookup_in_store (const char *id,
                 gpointer    user_data)
{
  return commons_store_get_revision (COMMONS_STORE (user_data), id, NULL);
}

/**
 * _commons_plan_check_license:
 * @store: the store receiving @revision, which holds its parents
 *
 * commons_plan_check_license_rules() on what this store holds.
 */
gboolean
_commons_plan_check_license (CommonsStore     *store,
                             CommonsRevision  *revision,
                             GError          **error)
{
  g_autofree char *creator = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  if (commons_revision_get_parents (revision)[0] != NULL)
    creator = commons_record_dup_creator (store, commons_revision_get_record (revision), NULL);
  return commons_plan_check_license_rules (revision, creator, lookup_in_store, store, error);
}

static CommonsPlan *
plan_from_revision_in_store (CommonsStore     *store,
                             CommonsRevision  *revision,
                             GError          **error)
{
  g_autoptr(CommonsPlan) self = NULL;

  self = commons_plan_new_from_revision (revision, error);
  if (self == NULL)
    return NULL;
  g_free (self->scope);
  self->scope = commons_store_get_scope (store, self->record, error);
  if (self->scope == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * commons_plan_load:
 * @record: a plan's record id
 *
 * Returns: (transfer full): the plan as displayed now
 */
CommonsPlan *
commons_plan_load (CommonsStore  *store,
                   const char    *record,
                   GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return NULL;
  return plan_from_revision_in_store (store, current, error);
}

/**
 * commons_plan_load_revision:
 * @revision: a revision id of a plan
 *
 * Returns: (transfer full): the plan as it was at @revision
 */
CommonsPlan *
commons_plan_load_revision (CommonsStore  *store,
                            const char    *revision,
                            GError       **error)
{
  g_autoptr(CommonsRevision) old = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (revision != NULL, NULL);

  old = commons_store_get_revision (store, revision, error);
  if (old == NULL)
    return NULL;
  return plan_from_revision_in_store (store, old, error);
}

static gboolean
revision_is_reviewed (CommonsStore *store,
                      const char   *record,
                      const char   *revision)
{
  sqlite3_stmt *stmt = _commons_store_prepare (store,
      "SELECT 1 FROM reviews WHERE plan = ? AND plan_revision = ? LIMIT 1", NULL);
  gboolean reviewed;

  /* When in doubt, keep the revision. */
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, revision, -1, SQLITE_STATIC);
  reviewed = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return reviewed;
}

static char *canonical_fields (JsonObject *fields);

/* Someone else's plan: changed only if its license allows it, and its
 * license is its author's to change. Judged by the version the edit
 * descends from, which is the one the person saw. */
static gboolean
check_edit_by_others (CommonsPlan      *self,
                      CommonsStore     *store,
                      CommonsRevision  *current,
                      GError          **error)
{
  g_autoptr(CommonsRevision) base = NULL;
  g_autoptr(JsonObject) fields = NULL;
  const char *license;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (commons_plan_is_mine (self, store))
    return TRUE;
  if (self->revision != NULL)
    base = commons_store_get_revision (store, self->revision, NULL);
  /* Saved unchanged, as the editor does when the person moves on, it is
   * no change to refuse. */
  fields = commons_plan_to_fields (self);
  before = canonical_fields (commons_revision_get_fields (base != NULL ? base : current));
  after = canonical_fields (fields);
  if (before != NULL && g_strcmp0 (before, after) == 0)
    return TRUE;
  license = revision_license (base != NULL ? base : current);
  if (!others_may_change (license, error))
    return FALSE;
  if (g_strcmp0 (license, self->license) != 0)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                   _("Only a plan’s author may change its license"));
      return FALSE;
    }
  return TRUE;
}

/**
 * commons_plan_save:
 *
 * Validates the plan and writes it: the first save creates the record in
 * the plan's scope, later ones edit it. The credit of a remix cannot be
 * removed by saving a plan without it.
 */
gboolean
commons_plan_save (CommonsPlan   *self,
                   CommonsStore  *store,
                   GError       **error)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *written = NULL;

  g_return_val_if_fail (COMMONS_IS_PLAN (self), FALSE);
  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);

  if (!commons_plan_validate (self, error))
    return FALSE;
  fields = commons_plan_to_fields (self);

  if (self->record == NULL)
    {
      char *record = commons_store_create_record (store, COMMONS_PLAN_KIND, self->scope, fields, error);

      if (record == NULL)
        return FALSE;
      _commons_plan_set_record (self, record);
    }
  else
    {
      current = commons_store_get_current (store, self->record, error);
      if (current == NULL)
        return FALSE;
      if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_PLAN_KIND) != 0)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_NOT_A_PLAN,
                       _("The record is not a lesson plan"));
          return FALSE;
        }
      if (json_object_has_member (commons_revision_get_fields (current), "derived_from") &&
          self->derived_from == NULL)
        {
          g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                       _("An adapted plan must credit the original"));
          return FALSE;
        }
      if (!check_edit_by_others (self, store, current, error))
        return FALSE;
      /* A revision someone reviewed must stay: the review names it. So
       * an edit never amends it, even within the quiet interval. The edit
       * descends from the version this plan was read from, so that what
       * others changed since (a sync, an import) merges with it instead
       * of being written over. */
      if (!_commons_store_edit_record_full (store, self->record, self->revision, fields,
                                            !revision_is_reviewed (store, self->record,
                                                                  commons_revision_get_id (current)),
                                            &written, error))
        return FALSE;
      g_free (self->revision);
      self->revision = g_steal_pointer (&written);
      return TRUE;
    }

  current = commons_store_get_current (store, self->record, error);
  if (current == NULL)
    return FALSE;
  g_free (self->revision);
  self->revision = g_strdup (commons_revision_get_id (current));
  return TRUE;
}

/**
 * commons_plan_restore_revision:
 * @record: a plan's record id
 * @revision: the id of one of its revisions
 *
 * Restores an earlier version of the plan as a new revision. Restoring is
 * an edit, so the rules of commons_plan_save() hold for it: a colleague's
 * no-derivatives or all-rights-reserved plan is not changed, only a plan's
 * author changes its license, and a remix keeps a license its original
 * allows and its credit, even where the earlier version did not.
 *
 * Returns: whether the version was restored; if not, @error says why
 */
gboolean
commons_plan_restore_revision (CommonsStore  *store,
                               const char    *record,
                               const char    *revision,
                               GError       **error)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(CommonsPlan) now = NULL;
  g_autoptr(CommonsPlan) old = NULL;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (revision != NULL, FALSE);

  current = commons_store_get_current (store, record, error);
  if (current == NULL)
    return FALSE;
  if (g_strcmp0 (commons_revision_get_kind (current), COMMONS_PLAN_KIND) != 0)
    return commons_store_restore_revision (store, record, revision, error);
  now = plan_from_revision_in_store (store, current, error);
  if (now == NULL)
    return FALSE;
  old = commons_plan_load_revision (store, revision, error);
  if (old == NULL)
    return FALSE;
  if (g_strcmp0 (old->record, record) != 0)
    {
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("That version belongs to another record"));
      return FALSE;
    }

  if (!commons_plan_can_edit (now, store, error))
    return FALSE;
  if (now->derived_from != NULL && old->derived_from == NULL)
    {
      g_set_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE,
                   _("An adapted plan must credit the original"));
      return FALSE;
    }
  if (!commons_plan_validate (old, error))
    return FALSE;
  /* Judged as an edit of what is shown now. */
  g_free (old->revision);
  old->revision = g_strdup (commons_revision_get_id (current));
  if (!check_edit_by_others (old, store, current, error))
    return FALSE;

  return commons_store_restore_revision (store, record, revision, error);
}

/* How this person is named in credits: the name set in Preferences, or
 * else the one they gave their first group; never the system account's. */
static char *
dup_own_name (CommonsStore *store)
{
  g_autofree char *name = commons_store_dup_display_name (store);
  g_autoptr(GPtrArray) groups = NULL;

  if (name != NULL && *name != '\0')
    return g_steal_pointer (&name);
  groups = commons_store_list_groups (store, NULL);
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);

      if (group->display_name != NULL && *group->display_name != '\0')
        return g_strdup (group->display_name);
    }
  return NULL;
}

/**
 * commons_plan_remix:
 * @record: the plan to adapt
 * @author_name: (nullable): how to name its author in the credit line;
 *   %NULL uses this person's display name for their own plans
 * @scope: (nullable): where the remix lives; %NULL for %COMMONS_SCOPE_LOCAL
 *
 * Makes a new plan from the current version of @record, crediting it. The
 * remix keeps the original's license: a share-alike one for good, others
 * until its author picks another. Refused when the license does not allow
 * adapted versions, with a reason a person can read.
 *
 * Returns: (transfer full): the remix, saved
 */
CommonsPlan *
commons_plan_remix (CommonsStore  *store,
                    const char    *record,
                    const char    *author_name,
                    const char    *scope,
                    GError       **error)
{
  g_autoptr(CommonsPlan) original = NULL;
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(CommonsRevision) revision = NULL;
  g_autofree char *author = NULL;
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *credit = NULL;
  JsonObject *derived_from;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  original = commons_plan_load (store, record, error);
  if (original == NULL)
    return NULL;
  if (!commons_plan_can_remix (original, error))
    return NULL;
  revision = commons_store_get_revision (store, original->revision, error);
  if (revision == NULL)
    return NULL;
  author = commons_record_dup_creator (store, record, error);
  if (author == NULL && error != NULL && *error != NULL)
    return NULL;

  if (author_name != NULL && *author_name != '\0')
    name = g_strdup (author_name);
  else if (commons_store_is_me (store, author))
    name = dup_own_name (store);
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (_("an unnamed author"));
    }
  date = g_strndup (commons_revision_get_time (revision), 10);

  fields = commons_plan_to_fields (original);
  json_object_remove_member (fields, "derived_from");
  json_object_remove_member (fields, "credit");
  remix = commons_plan_new_from_fields (fields, error);
  if (remix == NULL)
    return NULL;

  derived_from = json_object_new ();
  json_object_set_string_member (derived_from, "record", record);
  json_object_set_string_member (derived_from, "revision", original->revision);
  json_object_set_string_member (derived_from, "title", original->title);
  if (author != NULL)
    json_object_set_string_member (derived_from, "author", author);
  else
    json_object_set_null_member (derived_from, "author");
  json_object_set_string_member (derived_from, "author_name", name);
  json_object_set_string_member (derived_from, "license", original->license);
  json_object_set_string_member (derived_from, "time", commons_revision_get_time (revision));
  remix->derived_from = derived_from;

  /* Translators: the credit line a remixed plan carries. The first %s is
   * the original's title, then its author's name, the date of the version
   * adapted, and its license's name. */
  credit = g_strdup_printf (_("Adapted from “%s” by %s (version of %s), licensed %s"),
                            original->title, name, date,
                            commons_license_get_display_name (original->license));
  /* A remix of a remix credits every plan it descends from. */
  if (*original->credit != '\0')
    {
      g_free (remix->credit);
      remix->credit = g_strconcat (credit, "\n", original->credit, NULL);
    }
  else
    {
      g_free (remix->credit);
      remix->credit = g_steal_pointer (&credit);
    }

  g_free (remix->scope);
  remix->scope = g_strdup (scope != NULL ? scope : COMMONS_SCOPE_LOCAL);

  if (!commons_plan_save (remix, store, error))
    return NULL;
  return g_steal_pointer (&remix);
}
