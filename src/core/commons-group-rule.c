/* commons-group-rule.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-group-rule"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "commons-group-rule.h"
#include "commons-review.h"

/* The namespace of the name-based UUIDs (RFC 4122, version 5) that give
 * each group's rule record its id: 0eba58d5-1575-4df5-a322-1db20fb82fba.
 * Changing it would split every group's rule in two. */
static const guint8 rule_namespace[16] = {
  0x0e, 0xba, 0x58, 0xd5, 0x15, 0x75, 0x4d, 0xf5,
  0xa3, 0x22, 0x1d, 0xb2, 0x0f, 0xb8, 0x2f, 0xba,
};

/**
 * commons_group_rule_dup_record_id:
 * @group: a group id
 *
 * The id of @group's rule record: a version 5 UUID of the kind and the
 * group id, the same on every replica, in the form every record id has.
 *
 * Returns: (transfer full): the record id
 */
char *
commons_group_rule_dup_record_id (const char *group)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize length = sizeof digest;

  g_return_val_if_fail (group != NULL, NULL);

  g_checksum_update (sha1, rule_namespace, sizeof rule_namespace);
  g_checksum_update (sha1, (const guchar *) COMMONS_GROUP_RULE_KIND "/", -1);
  g_checksum_update (sha1, (const guchar *) group, -1);
  g_checksum_get_digest (sha1, digest, &length);
  g_assert (length == sizeof digest);

  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

/* The group's rule record as this replica shows it, or NULL when it has
 * none. A record that has the id but lives in another scope or is of
 * another kind (brought in by a hostile file, say) is no rule. */
static CommonsRevision *
load_rule (CommonsStore *store,
           const char   *group,
           const char   *record)
{
  g_autoptr(CommonsRevision) current = NULL;
  g_autofree char *scope = NULL;

  current = commons_store_get_current (store, record, NULL);
  if (current == NULL ||
      g_strcmp0 (commons_revision_get_kind (current), COMMONS_GROUP_RULE_KIND) != 0)
    return NULL;
  scope = commons_store_get_scope (store, record, NULL);
  if (g_strcmp0 (scope, group) != 0)
    return NULL;
  return g_steal_pointer (&current);
}

/**
 * commons_group_rule_get_approvals:
 * @scope: (nullable): %COMMONS_SCOPE_LOCAL or a group id
 *
 * The approvals from people other than the author that approve a plan in
 * @scope, from the group's rule record as this replica holds it. Private
 * plans, groups without a rule, a deleted rule and a value out of range
 * all get %COMMONS_REVIEW_DEFAULT_APPROVALS.
 *
 * Returns: from %COMMONS_GROUP_RULE_MIN_APPROVALS to
 *   %COMMONS_GROUP_RULE_MAX_APPROVALS
 */
guint
commons_group_rule_get_approvals (CommonsStore *store,
                                  const char   *scope)
{
  g_autoptr(CommonsRevision) rule = NULL;
  g_autofree char *record = NULL;
  JsonNode *node;
  gint64 n;

  g_return_val_if_fail (COMMONS_IS_STORE (store), COMMONS_REVIEW_DEFAULT_APPROVALS);

  if (scope == NULL || g_str_equal (scope, COMMONS_SCOPE_LOCAL))
    return COMMONS_REVIEW_DEFAULT_APPROVALS;

  record = commons_group_rule_dup_record_id (scope);
  rule = load_rule (store, scope, record);
  if (rule == NULL || commons_revision_get_deleted (rule))
    return COMMONS_REVIEW_DEFAULT_APPROVALS;

  /* Synced from anyone: read it leniently, never trust it. */
  node = json_object_get_member (commons_revision_get_fields (rule), "approvals");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return COMMONS_REVIEW_DEFAULT_APPROVALS;
  n = json_node_get_int (node);
  if (n < COMMONS_GROUP_RULE_MIN_APPROVALS || n > COMMONS_GROUP_RULE_MAX_APPROVALS)
    return COMMONS_REVIEW_DEFAULT_APPROVALS;
  return (guint) n;
}

/**
 * commons_group_rule_get_badges:
 * @scope: (nullable): %COMMONS_SCOPE_LOCAL or a group id
 *
 * Whether the group shows badges, from its rule record as this replica
 * holds it. Commons derives badges from the group's revisions
 * (commons-recognition.h), which reads the same field the same way.
 *
 * Returns: %FALSE only when the group's rule says "badges": false
 */
gboolean
commons_group_rule_get_badges (CommonsStore *store,
                               const char   *scope)
{
  g_autoptr(CommonsRevision) rule = NULL;
  g_autofree char *record = NULL;
  JsonNode *node;

  g_return_val_if_fail (COMMONS_IS_STORE (store), TRUE);

  if (scope == NULL || g_str_equal (scope, COMMONS_SCOPE_LOCAL))
    return TRUE;
  record = commons_group_rule_dup_record_id (scope);
  rule = load_rule (store, scope, record);
  if (rule == NULL || commons_revision_get_deleted (rule))
    return TRUE;
  node = json_object_get_member (commons_revision_get_fields (rule), COMMONS_GROUP_RULE_BADGES);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return TRUE;
  return json_node_get_boolean (node);
}

/* Writes one field of @group's rule: the record's first revision when
 * this replica has none yet, otherwise an edit of it, which amends a
 * revision not yet sent as any edit does. The next sync pushes it. Fields
 * this version does not know are kept. Takes @value. */
static gboolean
set_field (CommonsStore  *store,
           const char    *group,
           const char    *name,
           JsonNode      *value,
           GError       **error)
{
  g_autoptr(JsonNode) owned = value;
  g_autofree char *record = NULL;
  g_autoptr(CommonsRevision) rule = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *scope = NULL;

  if (g_str_equal (group, COMMONS_SCOPE_LOCAL))
    {
      g_set_error_literal (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                           _("Only a group has rules"));
      return FALSE;
    }
  record = commons_group_rule_dup_record_id (group);
  rule = commons_store_get_current (store, record, &local_error);
  if (rule == NULL && !g_error_matches (local_error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (rule == NULL)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_revision_unref);
      CommonsRevision *first;

      fields = json_object_new ();
      json_object_set_member (fields, name, g_steal_pointer (&owned));
      first = commons_revision_new (record, COMMONS_GROUP_RULE_KIND, NULL,
                                    commons_store_get_person_id (store), NULL, FALSE, fields, error);
      if (first == NULL)
        return FALSE;
      g_ptr_array_add (batch, first);
      return commons_store_add_revisions (store, batch, group, FALSE, NULL, error);
    }

  scope = commons_store_get_scope (store, record, NULL);
  if (g_strcmp0 (commons_revision_get_kind (rule), COMMONS_GROUP_RULE_KIND) != 0 ||
      g_strcmp0 (scope, group) != 0)
    {
      g_set_error_literal (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                           _("Another record has taken the place of the group’s rules"));
      return FALSE;
    }

  /* A copy: the revision's own fields are immutable. */
  {
    g_autoptr(JsonNode) copy = NULL;
    g_autoptr(JsonNode) node = json_node_alloc ();

    json_node_init_object (node, commons_revision_get_fields (rule));
    copy = json_node_copy (node);
    fields = json_object_ref (json_node_get_object (copy));
  }
  json_object_set_member (fields, name, g_steal_pointer (&owned));
  /* An edit of a deleted rule brings it back. */
  return commons_store_edit_record (store, record, fields, error);
}

/**
 * commons_group_rule_set_approvals:
 * @group: a group id
 * @n: the approvals a plan of @group needs, from
 *   %COMMONS_GROUP_RULE_MIN_APPROVALS to %COMMONS_GROUP_RULE_MAX_APPROVALS
 *
 * Writes @group's rule (see set_field()).
 *
 * Returns: %TRUE if the rule now says @n
 */
gboolean
commons_group_rule_set_approvals (CommonsStore  *store,
                                  const char    *group,
                                  guint          n,
                                  GError       **error)
{
  JsonNode *value;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  if (n < COMMONS_GROUP_RULE_MIN_APPROVALS || n > COMMONS_GROUP_RULE_MAX_APPROVALS)
    {
      /* Translators: the fewest and the most approvals a group may require. */
      g_set_error (error, COMMONS_STORE_ERROR, COMMONS_STORE_ERROR_INVALID,
                   _("A group can require from %d to %d approvals"),
                   COMMONS_GROUP_RULE_MIN_APPROVALS, COMMONS_GROUP_RULE_MAX_APPROVALS);
      return FALSE;
    }

  value = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (value, n);
  return set_field (store, group, "approvals", value, error);
}

/**
 * commons_group_rule_set_badges:
 * @group: a group id
 * @enabled: whether the group shows badges
 *
 * Writes @group's rule (see set_field()). The server takes it only from
 * an organizer.
 *
 * Returns: %TRUE if the rule now says @enabled
 */
gboolean
commons_group_rule_set_badges (CommonsStore  *store,
                               const char    *group,
                               gboolean       enabled,
                               GError       **error)
{
  JsonNode *value;

  g_return_val_if_fail (COMMONS_IS_STORE (store), FALSE);
  g_return_val_if_fail (group != NULL, FALSE);

  value = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (value, enabled);
  return set_field (store, group, COMMONS_GROUP_RULE_BADGES, value, error);
}
