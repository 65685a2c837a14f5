/* commons-sync-manager.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-credentials.h"
#include "commons-sync-manager.h"

/* Keeps every group in step with its server without anyone asking: once
 * at start, a few seconds after a change to a shared record, every few
 * minutes, and when the network comes back. Each sync runs on a worker
 * with its own store connection, one at a time per group; the window
 * learns what happened through signals and reloads its lists. */

#define DEBOUNCE_SECONDS 3
#define PERIOD_SECONDS (5 * 60)
#define TICK_SECONDS 30

typedef struct
{
  CommonsSyncState  state;
  guint             done;
  guint             total;
  char             *message;
  GCancellable     *cancellable;
  guint             debounce_id;
  gboolean          again;
  /* The last sync failed because this device has no key the server
   * takes: only joining again helps. */
  gboolean          needs_rejoin;
  JsonArray        *members;
} GroupState;

struct _CommonsSyncManager
{
  GObject          parent_instance;

  CommonsStore    *store;
  char            *database;
  char            *data_dir;
  GHashTable      *groups;
  GNetworkMonitor *monitor;
  gboolean         network_available;
  guint            start_id;
  guint            period_id;
  guint            tick_id;
  GCancellable    *cancellable;
  /* Store connections and clients that workers have finished with,
   * reused by the next call instead of opening the database again. */
  GMutex           idle_lock;
  GPtrArray       *idle;
};

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

static GroupState *
get_group_state (CommonsSyncManager *self,
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

static void
emit_state_changed (CommonsSyncManager *self,
                    const char         *group)
{
  g_signal_emit (self, signals[STATE_CHANGED], 0, group);
}

/**
 * commons_sync_describe_error:
 *
 * Returns: (transfer full): what went wrong, in words for a person
 */
char *
commons_sync_describe_error (const GError *error)
{
  if (error->domain == COMMONS_SYNC_ERROR)
    {
      switch ((CommonsSyncError) error->code)
        {
        case COMMONS_SYNC_ERROR_NETWORK:
          return g_strdup (_("The server cannot be reached. Check the address and your connection."));
        case COMMONS_SYNC_ERROR_UNAUTHORIZED:
          return g_strdup (_("The server no longer accepts this device as a member of the group."));
        case COMMONS_SYNC_ERROR_NOT_FOUND:
          return g_strdup (_("The server does not know this group."));
        case COMMONS_SYNC_ERROR_INVALID_CODE:
          return g_strdup (_("The invite code is not valid. It may have expired or been used up."));
        case COMMONS_SYNC_ERROR_RATE_LIMITED:
          return g_strdup (_("The server is busy. Try again in a minute."));
        case COMMONS_SYNC_ERROR_FORBIDDEN:
          return g_strdup (_("Only an organizer of the group can do that."));
        case COMMONS_SYNC_ERROR_PROTOCOL:
        case COMMONS_SYNC_ERROR_SERVER:
        default:
          return g_strdup (_("The server had a problem. Try again later."));
        }
    }
  if (g_error_matches (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_NOT_FOUND))
    return g_strdup (_("This device no longer has the key for this group. Join it again with a new invite."));
  if (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND) ||
      error->domain == G_IO_ERROR)
    return g_strdup (_("The server cannot be reached. Check the address and your connection."));
  return g_strdup (error->message);
}

/* Calls on a worker. */

/* A connection of a worker's own, with the client that uses it. Only one
 * worker uses one at a time: it is taken from the idle list or opened, and
 * given back when the call is done. */
typedef struct
{
  CommonsStore      *store;
  CommonsSyncClient *client;
} Worker;

static void
worker_free (Worker *worker)
{
  g_clear_object (&worker->client);
  g_clear_object (&worker->store);
  g_free (worker);
}

static Worker *
take_worker (CommonsSyncManager  *self,
             const char          *database,
             const char          *data_dir,
             GError             **error)
{
  Worker *worker = NULL;

  g_mutex_lock (&self->idle_lock);
  if (self->idle != NULL && self->idle->len > 0)
    worker = g_ptr_array_steal_index_fast (self->idle, self->idle->len - 1);
  g_mutex_unlock (&self->idle_lock);
  if (worker != NULL)
    return worker;

  worker = g_new0 (Worker, 1);
  worker->store = commons_store_open (database, error);
  if (worker->store == NULL)
    {
      worker_free (worker);
      return NULL;
    }
  worker->client = commons_sync_client_new (worker->store, data_dir);
  return worker;
}

static void
give_back_worker (CommonsSyncManager *self,
                  Worker             *worker)
{
  g_mutex_lock (&self->idle_lock);
  if (self->idle != NULL)
    {
      g_ptr_array_add (self->idle, worker);
      worker = NULL;
    }
  g_mutex_unlock (&self->idle_lock);
  if (worker != NULL)
    worker_free (worker);
}

typedef struct
{
  char                *database;
  char                *data_dir;
  CommonsSyncCallFunc  func;
  gpointer             data;
  GDestroyNotify       data_destroy;
  GDestroyNotify       result_destroy;
} CallData;

static void
call_data_free (CallData *call)
{
  if (call->data_destroy != NULL && call->data != NULL)
    call->data_destroy (call->data);
  g_free (call->database);
  g_free (call->data_dir);
  g_free (call);
}

static void
call_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CommonsSyncManager *self = source_object;
  CallData *call = task_data;
  g_autoptr(GError) error = NULL;
  Worker *worker;
  gpointer result;

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

  worker = take_worker (self, call->database, call->data_dir, &error);
  if (worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = call->func (worker->client, worker->store, call->data, cancellable, &error);
  give_back_worker (self, worker);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, call->result_destroy);
}

/**
 * commons_sync_manager_call_async:
 * @func: what to do on the worker
 *
 * Runs @func on a worker thread with a store connection and a sync client
 * of its own, so that the window never waits for the network.
 */
void
commons_sync_manager_call_async (CommonsSyncManager  *self,
                                 CommonsSyncCallFunc  func,
                                 gpointer             data,
                                 GDestroyNotify       data_destroy,
                                 GDestroyNotify       result_destroy,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CallData *call;

  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (self));
  g_return_if_fail (func != NULL);

  call = g_new0 (CallData, 1);
  call->database = g_strdup (self->database);
  call->data_dir = g_strdup (self->data_dir);
  call->func = func;
  call->data = data;
  call->data_destroy = data_destroy;
  call->result_destroy = result_destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, commons_sync_manager_call_async);
  g_task_set_task_data (task, call, (GDestroyNotify) call_data_free);
  g_task_run_in_thread (task, call_thread);
}

gpointer
commons_sync_manager_call_finish (CommonsSyncManager  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Syncing one group. */

typedef struct
{
  char             *group;
  CommonsSyncStats  stats;
  JsonObject       *info;
} SyncResult;

static void
sync_result_free (SyncResult *result)
{
  g_free (result->group);
  g_clear_pointer (&result->info, json_object_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SyncResult, sync_result_free)

typedef struct
{
  GWeakRef  manager;
  char     *group;
  guint     done;
  guint     total;
} Progress;

static gboolean
progress_idle_cb (gpointer user_data)
{
  Progress *progress = user_data;
  g_autoptr(CommonsSyncManager) self = g_weak_ref_get (&progress->manager);
  GroupState *state;

  if (self == NULL)
    return G_SOURCE_REMOVE;
  state = g_hash_table_lookup (self->groups, progress->group);
  if (state != NULL && state->state == COMMONS_SYNC_STATE_SYNCING)
    {
      state->done = progress->done;
      state->total = progress->total;
      emit_state_changed (self, progress->group);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *progress = data;

  g_weak_ref_clear (&progress->manager);
  g_free (progress->group);
  g_free (progress);
}

typedef struct
{
  CommonsSyncManager *self;
  const char         *group;
} ProgressTarget;

static void
sync_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  ProgressTarget *target = user_data;
  Progress *progress = g_new0 (Progress, 1);

  g_weak_ref_init (&progress->manager, target->self);
  progress->group = g_strdup (target->group);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, progress_idle_cb, progress, progress_free);
}

typedef struct
{
  CommonsSyncManager *self;
  char               *group;
} SyncJob;

static void
sync_job_free (SyncJob *job)
{
  g_object_unref (job->self);
  g_free (job->group);
  g_free (job);
}

static gpointer
sync_call (CommonsSyncClient  *client,
           CommonsStore       *store,
           gpointer            data,
           GCancellable       *cancellable,
           GError            **error)
{
  SyncJob *job = data;
  const char *group = job->group;
  g_autoptr(SyncResult) result = g_new0 (SyncResult, 1);
  ProgressTarget target = { job->self, group };

  result->group = g_strdup (group);
  if (!commons_sync_client_sync (client, group, sync_progress_cb, &target,
                                 &result->stats, cancellable, error))
    return NULL;
  /* Members' names tell the conflict view who made each version; not
   * knowing them is no reason to call the sync failed. */
  result->info = commons_sync_client_get_group_info (client, group, cancellable, NULL);
  return g_steal_pointer (&result);
}

static void start_sync (CommonsSyncManager *self,
                        const char         *group);

static void
sync_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  CommonsSyncManager *self = COMMONS_SYNC_MANAGER (source);
  g_autofree char *group = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SyncResult) result = NULL;
  GroupState *state;

  result = commons_sync_manager_call_finish (self, res, &error);
  state = g_hash_table_lookup (self->groups, group);
  if (state == NULL)
    return;
  g_clear_object (&state->cancellable);
  g_clear_pointer (&state->message, g_free);
  state->needs_rejoin =
    g_error_matches (error, COMMONS_CREDENTIALS_ERROR, COMMONS_CREDENTIALS_ERROR_NOT_FOUND) ||
    g_error_matches (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_UNAUTHORIZED);

  if (result != NULL)
    {
      state->state = COMMONS_SYNC_STATE_SYNCED;
      if (result->info != NULL)
        commons_sync_manager_set_members (self, group, result->info);
      if (result->stats.pulled > 0 || result->stats.conflicts > 0)
        g_signal_emit (self, signals[RECORDS_CHANGED], 0, group);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state->state = COMMONS_SYNC_STATE_NEVER;
  else
    {
      g_debug ("Sync of %s failed: %s", group, error->message);
      if (g_error_matches (error, COMMONS_SYNC_ERROR, COMMONS_SYNC_ERROR_NETWORK) ||
          error->domain == G_RESOLVER_ERROR)
        state->state = COMMONS_SYNC_STATE_OFFLINE;
      else
        state->state = COMMONS_SYNC_STATE_ERROR;
      state->message = commons_sync_describe_error (error);
      /* A pull may have stored part of what there was before failing. */
      g_signal_emit (self, signals[RECORDS_CHANGED], 0, group);
    }
  emit_state_changed (self, group);

  if (state->again && !g_cancellable_is_cancelled (self->cancellable))
    {
      state->again = FALSE;
      start_sync (self, group);
    }
}

static void
start_sync (CommonsSyncManager *self,
            const char         *group)
{
  GroupState *state = get_group_state (self, group);
  SyncJob *job;

  if (state->cancellable != NULL)
    {
      /* One sync at a time per group: ask for another round after it. */
      state->again = TRUE;
      return;
    }

  state->state = COMMONS_SYNC_STATE_SYNCING;
  state->done = 0;
  state->total = 0;
  state->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           state->cancellable, G_CONNECT_SWAPPED);

  job = g_new0 (SyncJob, 1);
  job->self = g_object_ref (self);
  job->group = g_strdup (group);
  commons_sync_manager_call_async (self, sync_call, job, (GDestroyNotify) sync_job_free,
                                   (GDestroyNotify) sync_result_free,
                                   state->cancellable, sync_done_cb, g_strdup (group));
  emit_state_changed (self, group);
}

/**
 * commons_sync_manager_sync:
 * @group: a group id
 *
 * Syncs the group now, or once more after the sync under way.
 */
void
commons_sync_manager_sync (CommonsSyncManager *self,
                           const char         *group)
{
  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (self));
  g_return_if_fail (group != NULL);

  start_sync (self, group);
}

void
commons_sync_manager_sync_all (CommonsSyncManager *self)
{
  g_autoptr(GPtrArray) groups = NULL;

  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (self));

  groups = commons_sync_manager_list_groups (self);
  for (guint i = 0; i < groups->len; i++)
    {
      CommonsGroup *group = g_ptr_array_index (groups, i);

      start_sync (self, group->id);
    }
}

void
commons_sync_manager_cancel (CommonsSyncManager *self,
                             const char         *group)
{
  GroupState *state;

  g_return_if_fail (COMMONS_IS_SYNC_MANAGER (self));

  state = g_hash_table_lookup (self->groups, group);
  if (state == NULL)
    return;
  state->again = FALSE;
  g_clear_handle_id (&state->debounce_id, g_source_remove);
  if (state->cancellable != NULL)
    g_cancellable_cancel (state->cancellable);
}

/* Triggers. */

static gboolean
debounce_cb (gpointer user_data)
{
  CommonsSyncManager *self = g_object_get_data (G_OBJECT (user_data), "manager");
  const char *group = g_object_get_data (G_OBJECT (user_data), "group");
  GroupState *state = g_hash_table_lookup (self->groups, group);

  if (state != NULL)
    state->debounce_id = 0;
  start_sync (self, group);
  return G_SOURCE_REMOVE;
}

static void
record_changed_cb (CommonsSyncManager *self,
                   const char         *record,
                   const char         *kind,
                   CommonsStore       *store)
{
  g_autofree char *scope = commons_store_get_scope (store, record, NULL);
  g_autoptr(CommonsGroup) group = NULL;
  GroupState *state;
  GObject *carrier;

  if (scope == NULL || g_str_equal (scope, COMMONS_SCOPE_LOCAL))
    return;
  group = commons_store_get_group (store, scope, NULL);
  if (group == NULL)
    return;

  /* Typing makes many changes; wait for a pause before sending them. */
  state = get_group_state (self, scope);
  g_clear_handle_id (&state->debounce_id, g_source_remove);
  carrier = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (carrier, "manager", self);
  g_object_set_data_full (carrier, "group", g_strdup (scope), g_free);
  state->debounce_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, DEBOUNCE_SECONDS,
                                                   debounce_cb, carrier, g_object_unref);
}

static gboolean
start_cb (gpointer user_data)
{
  CommonsSyncManager *self = user_data;

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

  /* "Synced 3 minutes ago" grows older by itself. */
  g_hash_table_iter_init (&iter, self->groups);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    emit_state_changed (self, key);
  return G_SOURCE_CONTINUE;
}

static void
network_changed_cb (CommonsSyncManager *self,
                    gboolean            available,
                    GNetworkMonitor    *monitor)
{
  gboolean was = self->network_available;

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
  state = get_group_state (self, group);
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
  self->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) worker_free);
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
