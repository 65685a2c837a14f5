/* test-sync.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replicas syncing through a real commons-server on loopback.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sync-fixture.h"

static const char *words[] = {
  "fractions", "élèves", "photosynthesis", "mapping", "rivers", "poems",
  "hisabati", "дроби", "分数", "كسور", "volcanoes", "rhythm",
};

static JsonObject *
random_fields (GRand      *rand,
               JsonObject *base)
{
  JsonObject *fields = json_object_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  const char *old_summary = base != NULL ? json_object_get_string_member_with_default (base, "summary", "") : "";
  const char *old_title = base != NULL ? json_object_get_string_member_with_default (base, "title", "") : "";
  const char *old_level = base != NULL ? json_object_get_string_member_with_default (base, "level", "") : "";
  guint n;

  /* Change one of title, level, or a line of the summary; keep the rest,
   * so concurrent edits often touch different fields or lines. */
  lines = g_strsplit (*old_summary ? old_summary : "one\ntwo\nthree\nfour\nfive\nsix", "\n", -1);
  n = g_strv_length (lines);
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      json_object_set_string_member (fields, "title",
                                     words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      break;
    case 1:
      {
        g_autofree char *level = g_strdup_printf ("Grade %d", g_rand_int_range (rand, 1, 12));
        json_object_set_string_member (fields, "level", level);
      }
      break;
    default:
      {
        guint line = g_rand_int_range (rand, 0, n);
        g_free (lines[line]);
        lines[line] = g_strdup_printf ("%s %u", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                                       g_rand_int (rand) % 1000);
      }
      break;
    }
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (summary, '\n');
      g_string_append (summary, lines[i]);
    }
  if (!json_object_has_member (fields, "title"))
    json_object_set_string_member (fields, "title", *old_title ? old_title : "Plan");
  if (!json_object_has_member (fields, "level"))
    json_object_set_string_member (fields, "level", old_level);
  json_object_set_string_member (fields, "summary", summary->str);
  return fields;
}

static void
sync_replica (Replica    *replica,
              const char *group,
              GHashTable *pushed)
{
  g_autoptr(GError) error = NULL;

  commons_sync_client_sync (replica->client, group, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  collect_pushed (replica, pushed);
}

static void
run_convergence (guint32 seed,
                 guint   n_replicas,
                 guint   n_steps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GHashTable) pushed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_free);
  Server server = { 0 };
  Replica replicas[5] = { { 0 } };
  g_autofree char *first = NULL;
  g_autofree char *group_id = NULL;

  g_assert_cmpuint (n_replicas, <=, G_N_ELEMENTS (replicas));
  server_init (&server);
  server_start (&server);

  for (guint i = 0; i < n_replicas; i++)
    replica_open (&replicas[i], server.root, i);

  group_id = make_group (&server, replicas, n_replicas);
  /* Half the replicas amend within a quiet interval, half do not. */
  for (guint i = 0; i < n_replicas; i++)
    commons_store_set_quiet_interval (replicas[i].store, i % 2 ? 0 : 3600);
  commons_store_set_quiet_interval (replicas[0].store, 0);

  for (guint step = 0; step < n_steps; step++)
    {
      Replica *r = &replicas[g_rand_int_range (rand, 0, n_replicas)];
      guint op = g_rand_int_range (rand, 0, 10);

      if (records->len == 0 || op == 0)
        {
          g_autoptr(JsonObject) fields = random_fields (rand, NULL);
          char *id = commons_store_create_record (r->store, "plan", group_id, fields, &error);

          g_assert_no_error (error);
          g_ptr_array_add (records, id);
        }
      else if (op <= 5)
        {
          const char *id = g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len));
          g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, id, NULL);
          g_autoptr(JsonObject) fields = NULL;

          /* This replica has not seen the record yet. */
          if (current == NULL)
            continue;
          fields = random_fields (rand, commons_revision_get_fields (current));
          commons_store_edit_record (r->store, id, fields, &error);
          g_assert_no_error (error);
        }
      else if (op == 6)
        {
          const char *id = g_ptr_array_index (records, g_rand_int_range (rand, 0, records->len));
          g_autoptr(CommonsRevision) current = commons_store_get_current (r->store, id, NULL);

          if (current == NULL)
            continue;
          commons_store_delete_record (r->store, id, &error);
          g_assert_no_error (error);
        }
      else
        sync_replica (r, group_id, pushed);
    }

  /* Everyone comes online: two full rounds bring every merge to everyone. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < n_replicas; i++)
      sync_replica (&replicas[i], group_id, pushed);

  first = replica_digest (&replicas[0]);
  for (guint i = 1; i < n_replicas; i++)
    {
      g_autofree char *digest = replica_digest (&replicas[i]);

      if (g_strcmp0 (first, digest) != 0)
        g_test_message ("seed %u: replica %u differs from replica 0", seed, i);
      g_assert_cmpstr (first, ==, digest);
    }

  /* No revision that ever left a device is lost anywhere. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, pushed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      for (guint i = 0; i < n_replicas; i++)
        g_assert_true (holds (&replicas[i], key));
  }

  for (guint i = 0; i < n_replicas; i++)
    replica_close (&replicas[i]);
  server_clear (&server);
}

static void
test_convergence (void)
{
  const char *env = g_getenv ("COMMONS_SYNC_SEEDS");
  guint n_seeds = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 6;
  guint32 base = g_test_rand_int ();

  for (guint s = 0; s < n_seeds; s++)
    {
      guint32 seed = base + s;

      g_test_message ("convergence seed %u", seed);
      run_convergence (seed, 3 + s % 3, 80);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);

  if (g_getenv ("COMMONS_SERVER") == NULL)
    {
      g_printerr ("COMMONS_SERVER is not set\n");
      return 1;
    }

  g_test_add_func ("/sync/convergence", test_convergence);

  return g_test_run ();
}
