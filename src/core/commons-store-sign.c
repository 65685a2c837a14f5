/* commons-store-sign.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "commons-identity.h"
#include "commons-parallel.h"
#include "commons-store-private.h"

/* The way out: what this person wrote is signed with their key as it
 * first leaves the device, in a push or a file, and marked as having
 * left, so that it is never amended afterwards. */

typedef struct
{
  CommonsSigner *signer;
  GPtrArray     *ids;
  char         **signatures;
} Signing;

static void
sign_range (guint    from,
            guint    to,
            gpointer data)
{
  Signing *signing = data;

  for (guint i = from; i < to; i++)
    signing->signatures[i] = commons_signer_sign (signing->signer, COMMONS_SIGN_REVISION,
                                                  g_ptr_array_index (signing->ids, i));
}

/**
 * _commons_store_sign_leaving:
 * @ids: (element-type utf8): revisions about to leave the device
 *
 * Signs those of them that this person wrote with the key and has not
 * signed yet, without writing anything: signing needs nothing but the key,
 * and may go on while a request is under way.
 *
 * Returns: (transfer full): one signature per id, %NULL where none is
 *   to be added, or %NULL on error
 */
char **
_commons_store_sign_leaving (CommonsStore  *self,
                             GPtrArray     *ids,
                             GError       **error)
{
  g_autoptr(GPtrArray) unsigned_mine = g_ptr_array_new ();
  g_autoptr(GArray) where = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto(GStrv) signatures = g_new0 (char *, ids->len + 1);
  const char *me = commons_store_get_person_id (self);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      sqlite3_stmt *stmt = _commons_store_prepare (self,
          "SELECT 1 FROM revisions WHERE id = ? AND author = ? AND signature IS NULL", error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, me, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (unsigned_mine, (gpointer) id);
          g_array_append_val (where, i);
        }
      sqlite3_reset (stmt);
    }

  if (unsigned_mine->len > 0)
    {
      g_autofree char *seed = _commons_store_dup_signing_key (self, error);
      g_autoptr(CommonsSigner) signer = NULL;
      g_auto(GStrv) made = NULL;
      Signing signing = { NULL, unsigned_mine, NULL };

      if (seed == NULL)
        return NULL;
      signer = commons_signer_new (seed);
      memset (seed, 0, strlen (seed));
      made = g_new0 (char *, unsigned_mine->len + 1);
      signing.signer = signer;
      signing.signatures = made;
      commons_run_split (unsigned_mine->len, sign_range, &signing);
      for (guint i = 0; i < unsigned_mine->len; i++)
        signatures[g_array_index (where, guint, i)] = g_steal_pointer (&made[i]);
    }
  /* A GStrv ends at its first NULL: the caller frees it by length. */
  return g_steal_pointer (&signatures);
}

/**
 * _commons_store_mark_leaving:
 * @ids: (element-type utf8): revisions about to leave the device
 * @signatures: (array): from _commons_store_sign_leaving()
 * @how: whether they leave by a push (marked sent) or in a file (marked
 *   exported)
 *
 * Keeps the signatures made for them and marks them all as having left,
 * inside the transaction the caller holds: from then on they are never
 * amended.
 */
gboolean
_commons_store_mark_leaving (CommonsStore    *self,
                             GPtrArray       *ids,
                             char           **signatures,
                             CommonsLeaving   how,
                             GError         **error)
{
  const char *mark = how == COMMONS_LEAVING_BY_PUSH ?
                     "UPDATE revisions SET sent = 1, signature = coalesce (?2, signature) WHERE id = ?1" :
                     "UPDATE revisions SET exported = 1, signature = coalesce (?2, signature) WHERE id = ?1";

  g_assert (commons_sqlite_in_transaction (self->sql));

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_stmt *stmt = _commons_store_prepare (self, mark, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, signatures[i], -1, SQLITE_STATIC);
      if (!_commons_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

void
_commons_store_free_signatures (char  **signatures,
                                guint   n)
{
  if (signatures == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_free (signatures[i]);
  g_free (signatures);
}

/**
 * _commons_store_sign_for_sending:
 * @ids: (element-type utf8): revisions about to leave the device
 * @how: whether they leave by a push (marked sent) or in a file (marked
 *   exported)
 *
 * Signs those of them that this person wrote with the key and has not
 * signed yet, and marks them all as having left, in one transaction.
 * Signing is done when a revision first leaves, not when it is written: a
 * private note is never signed, and no keyring is asked at startup.
 */
gboolean
_commons_store_sign_for_sending (CommonsStore    *self,
                                 GPtrArray       *ids,
                                 CommonsLeaving   how,
                                 GError         **error)
{
  char **signatures;
  gboolean ok;

  if (!_commons_store_begin (self, error))
    return FALSE;
  signatures = _commons_store_sign_leaving (self, ids, error);
  ok = signatures != NULL && _commons_store_mark_leaving (self, ids, signatures, how, error);
  _commons_store_free_signatures (signatures, ids->len);
  if (!ok)
    {
      _commons_store_rollback (self);
      return FALSE;
    }
  return _commons_store_commit (self, error);
}

