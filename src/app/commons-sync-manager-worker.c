/* commons-sync-manager-worker.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-sync-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-credentials.h"
#include "commons-sync-manager-private.h"

/* The sync manager's work off the main thread: store connections and
 * clients kept for reuse, calls run on a worker, one group's sync from
 * start to finish, and what went wrong in words for a person. What the
 * manager tells the window about it lives in commons-sync-manager.c. */

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

void
_commons_sync_manager_worker_free (gpointer data)
{
  Worker *worker = data;

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
      _commons_sync_manager_worker_free (worker);
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
    _commons_sync_manager_worker_free (worker);
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
      _commons_sync_manager_emit_state_changed (self, progress->group);
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

  g_assert (COMMONS_IS_SYNC_MANAGER (self));

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
        _commons_sync_manager_emit_records_changed (self, group);
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
      _commons_sync_manager_emit_records_changed (self, group);
    }
  _commons_sync_manager_emit_state_changed (self, group);

  if (state->again && !g_cancellable_is_cancelled (self->cancellable))
    {
      state->again = FALSE;
      _commons_sync_manager_start_sync (self, group);
    }
}

void
_commons_sync_manager_start_sync (CommonsSyncManager *self,
                                  const char         *group)
{
  GroupState *state = _commons_sync_manager_get_group_state (self, group);
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
  _commons_sync_manager_emit_state_changed (self, group);
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

  _commons_sync_manager_start_sync (self, group);
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

      _commons_sync_manager_start_sync (self, group->id);
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
