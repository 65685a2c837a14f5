/* commons-store-derived.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include "commons-store-private.h"

/* What is derived from the whole store (a kind's list order, every plan's
 * review status) and kept while nothing is written. */

typedef struct
{
  gpointer             data;
  GDestroyNotify       destroy;
  CommonsDerivedUpdate update;
} Derived;

void
_commons_store_derived_free (gpointer data)
{
  Derived *derived = data;

  if (derived->destroy != NULL)
    derived->destroy (derived->data);
  g_free (derived);
}

static sqlite3_int64
data_version (CommonsStore *self)
{
  sqlite3_stmt *stmt = _commons_store_prepare (self, "PRAGMA data_version", NULL);
  sqlite3_int64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

void
_commons_store_get_stamp (CommonsStore      *self,
                          CommonsStoreStamp *stamp)
{
  stamp->changes = commons_sqlite_total_changes (self->sql);
  stamp->version = data_version (self);
}

gboolean
_commons_store_stamp_equal (const CommonsStoreStamp *a,
                            const CommonsStoreStamp *b)
{
  return a->version >= 0 && a->changes == b->changes && a->version == b->version;
}

/* Forgets what was derived if anything was written since, here or
 * through another connection. */
static void
check_derived (CommonsStore *self)
{
  CommonsStoreStamp now;

  _commons_store_get_stamp (self, &now);
  if (!_commons_store_stamp_equal (&now, &self->derived_stamp))
    {
      g_hash_table_remove_all (self->derived);
      self->derived_stamp = now;
    }
}

#define DERIVED_MAX_UPDATES 32

/* A transaction of this connection changed the records in @changed (id to
 * kind). What was derived is brought up to date by its update function if
 * it has one, or forgotten. Only when nothing else was written since it was
 * derived: not another connection, nor this one outside a transaction. */
void
_commons_store_update_derived (CommonsStore *self,
                               GHashTable   *changed)
{
  g_autoptr(GPtrArray) names = NULL;
  CommonsStoreStamp before, now;
  gboolean forget;

  if (g_hash_table_size (self->derived) == 0)
    return;

  /* What the store was at when this transaction began, had nobody else
   * written: then what was derived can follow this transaction alone. */
  _commons_store_get_stamp (self, &now);
  before.changes = self->changes_at_begin;
  before.version = now.version;
  /* Many records at once (leaving a group, restoring many) are quicker
   * derived again than updated one by one. */
  forget = !_commons_store_stamp_equal (&before, &self->derived_stamp) ||
           g_hash_table_size (changed) > DERIVED_MAX_UPDATES;
  /* Stamped first: an update that reads something derived must not find
   * it stale and forget what is being updated. */
  self->derived_stamp = now;

  if (forget)
    {
      g_hash_table_remove_all (self->derived);
    }
  else
    {
      GHashTableIter names_iter;
      gpointer name;

      /* Copied: an update may add or forget entries. */
      names = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_iter_init (&names_iter, self->derived);
      while (g_hash_table_iter_next (&names_iter, &name, NULL))
        g_ptr_array_add (names, g_strdup (name));
      for (guint i = 0; i < names->len; i++)
        {
          Derived *derived = g_hash_table_lookup (self->derived, g_ptr_array_index (names, i));
          GHashTableIter iter;
          gpointer record, kind;
          gboolean kept;

          if (derived == NULL)
            continue;
          kept = derived->update != NULL;

          g_hash_table_iter_init (&iter, changed);
          while (kept && g_hash_table_iter_next (&iter, &record, &kind))
            kept = derived->update (self, derived->data, record, kind);
          if (!kept)
            g_hash_table_remove (self->derived, g_ptr_array_index (names, i));
        }
    }
}

/**
 * _commons_store_get_derived:
 * @name: what was derived
 *
 * Returns: (transfer none) (nullable): what _commons_store_set_derived()
 *   kept under @name, or %NULL if it was never kept or the store was
 *   written since. Valid until the next call to either.
 */
gpointer
_commons_store_get_derived (CommonsStore *self,
                            const char   *name)
{
  Derived *derived;

  check_derived (self);
  derived = g_hash_table_lookup (self->derived, name);
  return derived != NULL ? derived->data : NULL;
}

/**
 * _commons_store_set_derived:
 * @name: what was derived
 * @data: (transfer full): it, computed from the store as it is now
 * @destroy: frees @data
 * @update: (nullable): brings @data up to date after this connection
 *   changed a record, or says it cannot
 *
 * Keeps @data until anything is written to the store, or with @update,
 * until anything but a transaction of this connection is.
 */
void
_commons_store_set_derived (CommonsStore         *self,
                            const char           *name,
                            gpointer              data,
                            GDestroyNotify        destroy,
                            CommonsDerivedUpdate  update)
{
  Derived *derived = g_new0 (Derived, 1);

  check_derived (self);
  derived->data = data;
  derived->destroy = destroy;
  derived->update = update;
  g_hash_table_insert (self->derived, g_strdup (name), derived);
}
