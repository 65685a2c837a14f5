/* commons-sync-manager.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-sync-manager-private.h"

/* Keeps every group in step with its server without anyone asking: once
 * at start, a few seconds after a change to a shared record, every few
 * minutes, and when the network comes back. Each sync runs on a worker
 * with its own store connection, one at a time per group; the window
 * learns what happened through signals and reloads its lists. */

#define DEBOUNCE_SECONDS 3
#define PERIOD_SECONDS (5 * 60)
#define TICK_SECONDS 30



G_DEFINE_FINAL_TYPE (CommonsSyncManager, commons_sync_manager, G_TYPE_OBJECT)

enum {
  STATE_CHANGED,
  GROUPS_CHANGED,
  RECORDS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
group_state_free (GroupState *state)
{
  if (state->cancellable != NULL)
    g_cancellable_cancel (state->cancellable);
  g_clear_object (&state->cancellable);
  g_clear_handle_id (&state->debounce_id, g_source_remove);
  g_clear_pointer (&state->message, g_free);
  g_clear_pointer (&state->members, json_array_unref);
  g_free (state);
}

GroupState *
_commons_sync_manager_get_group_state (CommonsSyncManager *self,
                                       const char         *group)
{
  GroupState *state = g_hash_table_lookup (self->groups, group);

  if (state == NULL)
    {
      state = g_new0 (GroupState, 1);
      g_hash_table_insert (self->groups, g_strdup (group), state);
    }
  return state;
}

void
_commons_sync_manager_emit_state_changed (CommonsSyncManager *self,
                                          const char         *group)
{
  g_signal_emit (self, signals[STATE_CHANGED], 0, group);
}

void
_commons_sync_manager_emit_records_changed (CommonsSyncManager *self,
                                            const char         *group)
{
  g_signal_emit (self, signals[RECORDS_CHANGED], 0, group);
}

/* Triggers. */

/* What a pending sync after a pause in typing needs: the source is
 * removed when the group's state goes, so the manager outlives it. */
typedef struct
{
  CommonsSyncManager *manager;
  char               *group;
} Debounce;

static void
debounce_free (gpointer data)
{
  Debounce *debounce = data;

  g_free (debounce->group);
  g_free (debounce);
}

static gboolean
debounce_cb (gpointer user_data)
{
  Debounce *debounce = user_data;
  CommonsSyncManager *self = debounce->manager;
  GroupState *state;

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

  state = g_hash_table_lookup (self->groups, debounce->group);
  if (state != NULL)
    state->debounce_id = 0;
  _commons_sync_manager_start_sync (self, debounce->group);
  return G_SOURCE_REMOVE;
}

static void
record_changed_cb (CommonsSyncManager *self,
                   const char         *record,
                   const char         *kind,
                   CommonsStore       *store)
{
  g_autofree char *scope = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  GroupState *state;
  Debounce *debounce;

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

  scope = commons_store_get_scope (store, record, NULL);
  if (scope == NULL || g_str_equal (scope, COMMONS_SCOPE_LOCAL))
    return;
  group = commons_store_get_group (store, scope, NULL);
  if (group == NULL)
    return;

  /* Typing makes many changes; wait for a pause before sending them. */
  state = _commons_sync_manager_get_group_state (self, scope);
  g_clear_handle_id (&state->debounce_id, g_source_remove);
  debounce = g_new0 (Debounce, 1);
  debounce->manager = self;
  debounce->group = g_steal_pointer (&scope);
  state->debounce_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, DEBOUNCE_SECONDS,
                                                   debounce_cb, debounce, debounce_free);
}

static gboolean
start_cb (gpointer user_data)
{
  CommonsSyncManager *self = user_data;

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

  self->start_id = 0;
  commons_sync_manager_sync_all (self);
  return G_SOURCE_REMOVE;
}

static gboolean
period_cb (gpointer user_data)
{
  commons_sync_manager_sync_all (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
tick_cb (gpointer user_data)
{
  CommonsSyncManager *self = user_data;
  GHashTableIter iter;
  gpointer key;

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

  /* "Synced 3 minutes ago" grows older by itself. */
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    _commons_sync_manager_emit_state_changed (self, key);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (CommonsSyncManager *self,
                    gboolean            available,
                    GNetworkMonitor    *monitor)
{
  gboolean was = self->network_available;

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

  self->network_available = available;
  if (available && !was)
    commons_sync_manager_sync_all (self);
}

/* State. */

GPtrArray *
commons_sync_manager_list_groups (CommonsSyncManager *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *groups;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), NULL);

  groups = commons_store_list_groups (self->store, &error);
  if (groups == NULL)
    {
      g_message ("Could not list the groups: %s", error->message);
      groups = g_ptr_array_new_with_free_func ((GDestroyNotify) commons_group_free);
    }
  return groups;
}

/**
 * commons_sync_manager_needs_rejoin:
 * @group: a group id
 *
 * Returns: whether @group's last sync failed for want of a key the
 *   server takes (it was lost, or the member was removed), so that only
 *   joining again with a new invite helps, not retrying
 */
gboolean
commons_sync_manager_needs_rejoin (CommonsSyncManager *self,
                                   const char         *group)
{
  GroupState *state;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), FALSE);

  state = g_hash_table_lookup (self->groups, group);
  return state != NULL && state->state == COMMONS_SYNC_STATE_ERROR && state->needs_rejoin;
}

CommonsSyncState
commons_sync_manager_get_state (CommonsSyncManager *self,
                                const char         *group)
{
  GroupState *state;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), COMMONS_SYNC_STATE_NEVER);

  state = g_hash_table_lookup (self->groups, group);
  if (state == NULL || state->state == COMMONS_SYNC_STATE_NEVER)
    {
      g_autoptr(CommonsGroup) found = commons_store_get_group (self->store, group, NULL);

      if (found != NULL && found->last_sync != NULL)
        return COMMONS_SYNC_STATE_SYNCED;
      return COMMONS_SYNC_STATE_NEVER;
    }
  return state->state;
}

/**
 * commons_sync_manager_get_fraction:
 *
 * Returns: how far the sync under way is, or -1 when that is not known
 */
double
commons_sync_manager_get_fraction (CommonsSyncManager *self,
                                   const char         *group)
{
  GroupState *state;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), -1);

  state = g_hash_table_lookup (self->groups, group);
  if (state == NULL || state->state != COMMONS_SYNC_STATE_SYNCING || state->total == 0)
    return -1;
  return CLAMP ((double) state->done / state->total, 0.0, 1.0);
}

static char *
describe_time (const char *when)
{
  g_autoptr(GDateTime) then = when != NULL ? g_date_time_new_from_iso8601 (when, NULL) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan ago;
  int minutes;

  if (then == NULL)
    return g_strdup (_("Not synced yet"));
  ago = g_date_time_difference (now, then);
  minutes = (int) (ago / G_TIME_SPAN_MINUTE);
  if (minutes < 1)
    return g_strdup (_("Synced a moment ago"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago",
                                         "Synced %d minutes ago", minutes), minutes);
  local = g_date_time_to_local (then);
  if (ago < G_TIME_SPAN_DAY)
    {
      g_autofree char *time = g_date_time_format (local, "%X");

      /* Translators: %s is a time of day. */
      return g_strdup_printf (_("Synced at %s"), time);
    }
  else
    {
      g_autofree char *date = g_date_time_format (local, "%x");

      /* Translators: %s is a date. */
      return g_strdup_printf (_("Synced on %s"), date);
    }
}

/**
 * commons_sync_manager_describe:
 *
 * Returns: (transfer full): the group's sync state in a few plain words
 */
char *
commons_sync_manager_describe (CommonsSyncManager *self,
                               const char         *group)
{
  GroupState *state;
  g_autoptr(CommonsGroup) found = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), NULL);

  state = g_hash_table_lookup (self->groups, group);
  found = commons_store_get_group (self->store, group, NULL);

  switch (commons_sync_manager_get_state (self, group))
    {
    case COMMONS_SYNC_STATE_SYNCING:
      if (state->total > 0)
        /* Translators: how many changes have been sent or received so far. */
        return g_strdup_printf (_("Syncing… %u of %u"), state->done, state->total);
      return g_strdup (_("Syncing…"));
    case COMMONS_SYNC_STATE_OFFLINE:
      return g_strdup (_("Offline: changes will be sent when the server can be reached"));
    case COMMONS_SYNC_STATE_ERROR:
      return g_strdup (state->message);
    case COMMONS_SYNC_STATE_SYNCED:
      return describe_time (found != NULL ? found->last_sync : NULL);
    case COMMONS_SYNC_STATE_NEVER:
    default:
      if (found != NULL && found->last_error != NULL)
        return g_strdup (_("The last sync did not finish"));
      return g_strdup (_("Not synced yet"));
    }
}

void
commons_sync_manager_set_members (CommonsSyncManager *self,
                                  const char         *group,
                                  JsonObject         *info)
{
  GroupState *state;
  JsonNode *members;

  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (self));

  members = json_object_get_member (info, "members");
  if (members == NULL || !JSON_NODE_HOLDS_ARRAY (members))
    return;
  state = _commons_sync_manager_get_group_state (self, group);
  g_clear_pointer (&state->members, json_array_unref);
  state->members = json_array_ref (json_node_get_array (members));
}

/**
 * commons_sync_manager_get_members:
 *
 * Returns: (transfer none) (nullable): the members as last heard from the
 *   server
 */
JsonArray *
commons_sync_manager_get_members (CommonsSyncManager *self,
                                  const char         *group)
{
  GroupState *state;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), NULL);

  state = g_hash_table_lookup (self->groups, group);
  return state != NULL ? state->members : NULL;
}

/**
 * commons_sync_manager_lookup_person:
 *
 * Returns: (nullable): the display name of the member who is @person
 */
const char *
commons_sync_manager_lookup_person (CommonsSyncManager *self,
                                    const char         *group,
                                    const char         *person)
{
  JsonArray *members;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), NULL);

  if (person == NULL || group == NULL)
    return NULL;
  members = commons_sync_manager_get_members (self, group);
  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      member = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (member, "person", NULL), person) == 0)
        return json_object_get_string_member_with_default (member, "display_name", NULL);
    }
  return NULL;
}

/**
 * commons_sync_manager_uses_file_credentials:
 *
 * Returns: whether member tokens are kept in the private file because no
 *   keyring answered
 */
gboolean
commons_sync_manager_uses_file_credentials (CommonsSyncManager *self)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), FALSE);

  path = g_build_filename (self->data_dir, "credentials", NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/**
 * commons_sync_manager_groups_changed:
 *
 * Says that a group was created, joined or left.
 */
void
commons_sync_manager_groups_changed (CommonsSyncManager *self)
{
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (self));

  g_signal_emit (self, signals[GROUPS_CHANGED], 0);
}

CommonsStore *
commons_sync_manager_get_store (CommonsSyncManager *self)
{
  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), NULL);
  return self->store;
}

const char *
commons_sync_manager_get_data_dir (CommonsSyncManager *self)
{
  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (self), NULL);
  return self->data_dir;
}

/* The object. */

static void
commons_sync_manager_dispose (GObject *object)
{
  CommonsSyncManager *self = COMMONS_SYNC_MANAGER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->start_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->groups != NULL)
    g_hash_table_remove_all (self->groups);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  /* The idle connections close now; one still in a call is given back
   * when it ends, and closed at finalize (its task holds the manager). */
  g_mutex_lock (&self->idle_lock);
  if (self->idle != NULL)
    g_ptr_array_set_size (self->idle, 0);
  g_mutex_unlock (&self->idle_lock);

  G_OBJECT_CLASS (commons_sync_manager_parent_class)->dispose (object);
}

static void
commons_sync_manager_finalize (GObject *object)
{
  CommonsSyncManager *self = COMMONS_SYNC_MANAGER (object);

  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  /* No call is running: each holds the manager as its task's source. */
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_mutex_clear (&self->idle_lock);
  g_free (self->database);
  g_free (self->data_dir);

  G_OBJECT_CLASS (commons_sync_manager_parent_class)->finalize (object);
}

static void
commons_sync_manager_class_init (CommonsSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = commons_sync_manager_dispose;
  object_class->finalize = commons_sync_manager_finalize;

  /**
   * CommonsSyncManager::state-changed:
   * @group: the group's id
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * CommonsSyncManager::groups-changed:
   *
   * A group was created, joined or left.
   */
  signals[GROUPS_CHANGED] =
    g_signal_new ("groups-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CommonsSyncManager::records-changed:
   * @group: the group's id
   *
   * A sync changed records on another connection: lists must reload.
   */
  signals[RECORDS_CHANGED] =
    g_signal_new ("records-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
commons_sync_manager_init (CommonsSyncManager *self)
{
  g_mutex_init (&self->idle_lock);
  self->idle = g_ptr_array_new_with_free_func (_commons_sync_manager_worker_free);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) group_state_free);
  self->cancellable = g_cancellable_new ();
}

CommonsSyncManager *
commons_sync_manager_new (CommonsStore *store)
{
  CommonsSyncManager *self;

  g_return_val_if_fail (COMMONS_IS_STORE (store), NULL);

  self = g_object_new (COMMONS_TYPE_SYNC_MANAGER, NULL);
  self->store = g_object_ref (store);
  self->database = g_strdup (commons_store_get_path (store));
  self->data_dir = g_path_get_dirname (self->database);

  g_signal_connect_object (store, "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_available = g_network_monitor_get_network_available (self->monitor);
  g_signal_connect_object (self->monitor, "network-changed", G_CALLBACK (network_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->start_id = g_timeout_add_seconds (1, start_cb, self);
  self->period_id = g_timeout_add_seconds (PERIOD_SECONDS, period_cb, self);
  self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
  return self;
}
