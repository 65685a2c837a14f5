/* test-converge.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Randomized convergence: five replicas of one group, a real server on
 * loopback, and a schedule drawn from a seeded GRand that mixes edits,
 * deletes, shares, syncs, .commons files passed around in every order, a
 * server killed mid-push, a client killed mid-sync, and a proxy that lets
 * the server commit a push and then loses its answer. After syncing to
 * quiescence every replica must hold the same group, nothing an honest
 * member wrote may be lost, private text must stay private and no sync
 * may be failing. A sixth, hostile member pushes malformed revisions over
 * raw HTTP; honest replicas must shrug them off.
 *
 * COMMONS_SEED=N replays one seed; COMMONS_CONVERGE_STEPS sets the length
 * of a schedule; COMMONS_CONVERGE_SKIP=op,op leaves operations out, and
 * COMMONS_CONVERGE_IMPORT_TO_GROUP and COMMONS_HOSTILE_ONLY=N narrow a run
 * further, to tell one failure from another; COMMONS_CONVERGE_TRACE
 * prints a failing seed's schedule (=always: every seed's). build-aux/soak-converge runs many
 * seeds.
 */

#define _GNU_SOURCE 1

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "commons-bundle.h"
#include "commons-discussion.h"
#include "commons-identity.h"
#include "commons-json.h"
#include "commons-plan.h"
#include "fault-proxy.h"
#include "sync-fixture.h"

#define N_REPLICAS 5
/* Replicas from this index on reach the server through the proxy. */
#define FIRST_PROXIED 3
/* This replica joins the group partway through an honest schedule, so
 * that it gets files of the group's plans before it is a member. */
#define LATE_JOINER (N_REPLICAS - 1)
#define DEFAULT_STEPS 150
/* Sync rounds allowed to reach quiescence. */
#define MAX_ROUNDS 10
/* Details printed per property and seed; the rest are counted. */
#define MAX_DETAILS 6

enum
{
  PROP_CONVERGED = 1,
  PROP_NOTHING_LOST,
  PROP_PRIVATE,
  PROP_NO_ERROR,
  PROP_NO_UNDO,
  PROP_HOSTILE,
  N_PROPS_CHECKED
};

static const char * const property_names[] = {
  NULL,
  "converged",
  "nothing lost",
  "private stays private",
  "no sync failing",
  "a lost answer never turns an edit into an undo",
  "hostile revisions never current",
};

/* One field value an honest member wrote. */
typedef struct
{
  char     *record;
  char     *field;
  char     *value;
  guint     writer;
  /* The revision that held it on the writer just after the write. */
  char     *revision;
  /* Amended away before it left the device: not owed to anyone. */
  gboolean  amended;
} Write;

/* Private text, and the replica allowed to hold it. */
typedef struct
{
  guint  owner;
  char  *text;
} Marker;

/* A revision its writer removed (amended, or an undone delete). */
typedef struct
{
  guint  writer;
  char  *revision;
  char  *record;
  char  *how;
} Removed;

typedef struct
{
  guint32      seed;
  gboolean     hostile_run;
  GRand       *rand;
  Server       server;
  FaultProxy  *proxy;
  Replica      r[N_REPLICAS];
  char        *group;
  gboolean     joined[N_REPLICAS];
  /* The step at which LATE_JOINER joins. */
  guint        late_step;
  guint        counter;

  GPtrArray   *writes;
  GPtrArray   *markers;
  GPtrArray   *removed;
  GPtrArray   *bundles;
  /* record id → kind, for every record of the group */
  GHashTable  *group_records;
  /* Private records per replica. */
  GPtrArray   *private_records[N_REPLICAS];
  GHashTable  *skip;
  GString     *trace;

  /* The sixth member: its own key, as a seed in hex, and person id. */
  char        *hostile_seed;
  char        *hostile_person;
  char        *hostile_token;
  /* Every revision it made, stored by the server or not */
  GPtrArray   *hostile_ids;
  /* The same, as a .commons file carries them */
  GString     *hostile_bundle;

  guint        failures[N_PROPS_CHECKED];
  guint        warnings;
} World;

static World *current_world;

static void
write_free (gpointer data)
{
  Write *w = data;

  g_free (w->record);
  g_free (w->field);
  g_free (w->value);
  g_free (w->revision);
  g_free (w);
}

static void
marker_free (gpointer data)
{
  Marker *m = data;

  g_free (m->text);
  g_free (m);
}

static void
removed_free (gpointer data)
{
  Removed *r = data;

  g_free (r->revision);
  g_free (r->record);
  g_free (r->how);
  g_free (r);
}

static void
fail (World      *world,
      guint       property,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

/* Reports one failure of a property, with the seed that shows it. */
static void
fail (World      *world,
      guint       property,
      const char *format,
      ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  if (++world->failures[property] > MAX_DETAILS)
    return;
  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("seed %u%s: property %u (%s) FAILS: %s", world->seed,
                  world->hostile_run ? " (hostile)" : "", property,
                  property_names[property], detail);
}

static void
trace (World      *world,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
trace (World      *world,
       const char *format,
       ...)
{
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (world->trace, format, args);
  va_end (args);
  g_string_append_c (world->trace, '\n');
}

/* Warnings from the core on hostile input are findings, not crashes: they
 * are counted and shown, and the run goes on to check the properties. */
static gboolean
log_fatal_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) && current_world != NULL)
    {
      if (++current_world->warnings <= MAX_DETAILS)
        g_test_message ("seed %u: the core warned: %s: %s", current_world->seed,
                        log_domain ? log_domain : "", message);
      return FALSE;
    }
  return TRUE;
}

static guint
pick (World *world,
      guint  n)
{
  return (guint) g_rand_int_range (world->rand, 0, (gint32) n);
}

static gboolean
chance (World  *world,
        double  p)
{
  return g_rand_double (world->rand) < p;
}

/* Reading a replica. */

static char *
query_string (Replica    *r,
              const char *sql,
              const char *arg)
{
  sqlite3_stmt *stmt = _commons_store_prepare (r->store, sql, NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

static GPtrArray *
query_column (Replica    *r,
              const char *sql,
              const char *arg)
{
  sqlite3_stmt *stmt = _commons_store_prepare (r->store, sql, NULL);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (stmt);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return values;
}

/* The current head's id when the record has one head, else NULL. */
static char *
single_head (Replica    *r,
             const char *record)
{
  g_autoptr(GPtrArray) heads = commons_store_get_heads (r->store, record, NULL);

  if (heads == NULL || heads->len != 1)
    return NULL;
  return g_strdup (commons_revision_get_id (g_ptr_array_index (heads, 0)));
}

/* A group record this replica holds, in whatever scope, chosen at random;
 * @deleted: -1 any, 0 live, 1 deleted. */
static char *
pick_group_record (World *world,
                   guint  i,
                   int    deleted,
                   char **kind)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new ();
  g_autoptr(GPtrArray) ids = query_column (&world->r[i], "SELECT id FROM records ORDER BY id", NULL);
  const char *id;

  for (guint k = 0; k < ids->len; k++)
    {
      g_autoptr(CommonsRevision) current = NULL;

      if (!g_hash_table_contains (world->group_records, g_ptr_array_index (ids, k)))
        continue;
      if (deleted >= 0)
        {
          current = commons_store_get_current (world->r[i].store, g_ptr_array_index (ids, k), NULL);
          if (current == NULL || commons_revision_get_deleted (current) != deleted)
            continue;
        }
      g_ptr_array_add (held, g_ptr_array_index (ids, k));
    }
  if (held->len == 0)
    return NULL;
  id = g_ptr_array_index (held, pick (world, held->len));
  if (kind != NULL)
    *kind = g_strdup (g_hash_table_lookup (world->group_records, id));
  return g_strdup (id);
}

/* Writing, with a log of what was written. */

static void
log_write (World      *world,
           guint       i,
           const char *record,
           const char *field,
           const char *value)
{
  Write *w = g_new0 (Write, 1);

  w->record = g_strdup (record);
  w->field = g_strdup (field);
  w->value = g_strdup (value);
  w->writer = i;
  w->revision = single_head (&world->r[i], record);
  g_ptr_array_add (world->writes, w);
}

/* After a write on @record whose head was @before: if the writer no longer
 * holds @before, it amended or undid it. */
static void
note_removed (World      *world,
              guint       i,
              const char *record,
              const char *before,
              const char *how)
{
  Removed *r;

  if (before == NULL || holds (&world->r[i], before))
    return;
  for (guint k = 0; k < world->writes->len; k++)
    {
      Write *w = g_ptr_array_index (world->writes, k);

      if (g_strcmp0 (w->revision, before) == 0)
        w->amended = TRUE;
    }
  r = g_new0 (Removed, 1);
  r->writer = i;
  r->revision = g_strdup (before);
  r->record = g_strdup (record);
  r->how = g_strdup (how);
  g_ptr_array_add (world->removed, r);
}

static char *
next_text (World      *world,
           const char *what)
{
  return g_strdup_printf ("%s %u.%u", what, world->seed, ++world->counter);
}

static char *
make_summary (World *world)
{
  g_autofree char *a = next_text (world, "first line");
  g_autofree char *b = next_text (world, "second line");
  g_autofree char *c = next_text (world, "third line");

  return g_strdup_printf ("%s\n%s\n%s", a, b, c);
}

/* A summary with one of its lines replaced. */
static char *
edit_summary (World      *world,
              const char *old)
{
  g_auto(GStrv) lines = g_strsplit (old != NULL ? old : "", "\n", -1);
  guint n = g_strv_length (lines);

  guint k;

  if (n == 0)
    return make_summary (world);
  k = pick (world, n);
  g_free (lines[k]);
  lines[k] = next_text (world, "edited line");
  return g_strjoinv ("\n", lines);
}

static void
set_quiet (World *world,
           guint  i)
{
  /* Within the quiet interval an edit amends what never left the device;
   * after it, an edit starts a revision. */
  commons_store_set_quiet_interval (world->r[i].store, chance (world, 0.5) ? 3600 : 0);
}

static char *
create_group_plan (World *world,
                   guint  i)
{
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *title = next_text (world, "Plan");
  g_autofree char *summary = make_summary (world);
  char *id;

  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, "summary", summary);
  id = commons_store_create_record (world->r[i].store, "plan", world->group, fields, &error);
  g_assert_no_error (error);
  g_hash_table_insert (world->group_records, g_strdup (id), g_strdup ("plan"));
  log_write (world, i, id, "title", title);
  log_write (world, i, id, "summary", summary);
  trace (world, "r%u create plan %.8s", i, id);
  return id;
}

static void
op_create (World *world,
           guint  i)
{
  g_free (create_group_plan (world, i));
}

static void
op_edit (World *world,
         guint  i)
{
  g_autofree char *kind = NULL;
  g_autofree char *id = pick_group_record (world, i, 0, &kind);
  g_autofree char *before = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(GError) error = NULL;
  const char *text_field = g_str_equal (kind ? kind : "", "note") ? "body" : "summary";
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *objectives = NULL;
  JsonObject *old;

  if (id == NULL)
    return;
  current = commons_store_get_current (world->r[i].store, id, &error);
  g_assert_no_error (error);
  before = single_head (&world->r[i], id);
  old = commons_revision_get_fields (current);
  {
    GList *members = json_object_get_members (old);

    for (GList *l = members; l != NULL; l = l->next)
      json_object_set_member (fields, l->data, json_node_copy (json_object_get_member (old, l->data)));
    g_list_free (members);
  }
  if (chance (world, 0.5))
    {
      title = next_text (world, "Title");
      json_object_set_string_member (fields, "title", title);
    }
  if (title == NULL || chance (world, 0.5))
    {
      text = edit_summary (world, commons_revision_get_string_field (current, text_field));
      json_object_set_string_member (fields, text_field, text);
    }
  /* A list field, which merges by the fixed rule rather than by line. */
  if (g_str_equal (text_field, "summary") && chance (world, 0.3))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *list = json_array_new ();

      for (guint k = 1 + pick (world, 3); k > 0; k--)
        {
          g_autofree char *objective = next_text (world, "Objective");

          json_array_add_string_element (list, objective);
        }
      json_node_take_array (node, list);
      objectives = json_to_string (node, FALSE);
      json_object_set_member (fields, "objectives", json_node_copy (node));
    }
  set_quiet (world, i);
  commons_store_edit_record (world->r[i].store, id, fields, &error);
  g_assert_no_error (error);
  note_removed (world, i, id, before, "amended by an edit");
  if (objectives != NULL)
    log_write (world, i, id, "objectives", objectives);
  if (title != NULL)
    log_write (world, i, id, "title", title);
  if (text != NULL)
    log_write (world, i, id, text_field, text);
  trace (world, "r%u edit %.8s%s", i, id, text != NULL && title != NULL ? " (title and text)" : "");
}

static void
op_delete (World *world,
           guint  i)
{
  g_autofree char *id = pick_group_record (world, i, 0, NULL);
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;
  commons_store_delete_record (world->r[i].store, id, &error);
  g_assert_no_error (error);
  trace (world, "r%u delete %.8s", i, id);
}

static void
op_undelete (World *world,
             guint  i)
{
  g_autofree char *id = pick_group_record (world, i, 1, NULL);
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;

  if (id == NULL)
    return;
  before = single_head (&world->r[i], id);
  commons_store_undelete_record (world->r[i].store, id, &error);
  g_assert_no_error (error);
  note_removed (world, i, id, before, "an undone delete");
  trace (world, "r%u undelete %.8s", i, id);
}

static char *
new_marker (World *world,
            guint  owner)
{
  Marker *m = g_new0 (Marker, 1);

  m->owner = owner;
  m->text = g_strdup_printf ("PRIVATE-%u-%u-%08x", world->seed, ++world->counter, g_rand_int (world->rand));
  g_ptr_array_add (world->markers, m);
  return g_strdup (m->text);
}

/* A private note or plan, with private text in it. */
static void
op_private (World *world,
            guint  i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = new_marker (world, i);
  g_autofree char *body = g_strdup_printf ("my own thoughts: %s", marker);
  char *id;

  if (chance (world, 0.7))
    id = commons_store_create_note (world->r[i].store, "A note", body, &error);
  else
    {
      g_autoptr(JsonObject) fields = json_object_new ();

      json_object_set_string_member (fields, "title", "A draft plan");
      json_object_set_string_member (fields, "summary", body);
      id = commons_store_create_record (world->r[i].store, "plan", COMMONS_SCOPE_LOCAL, fields, &error);
    }
  g_assert_no_error (error);
  g_ptr_array_add (world->private_records[i], id);
  trace (world, "r%u private %.8s", i, id);
}

static void
op_private_edit (World *world,
                 guint  i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *body = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  const char *id;

  if (world->private_records[i]->len == 0)
    return;
  id = g_ptr_array_index (world->private_records[i], pick (world, world->private_records[i]->len));
  current = commons_store_get_current (world->r[i].store, id, &error);
  g_assert_no_error (error);
  marker = new_marker (world, i);
  body = g_strdup_printf ("second thoughts: %s", marker);
  json_object_set_string_member (fields, "title", commons_revision_get_string_field (current, "title"));
  json_object_set_string_member (fields, g_str_equal (commons_revision_get_kind (current), "note") ?
                                 "body" : "summary", body);
  set_quiet (world, i);
  commons_store_edit_record (world->r[i].store, id, fields, &error);
  g_assert_no_error (error);
  trace (world, "r%u private edit %.8s", i, id);
}

/* Shares a private record: first a version meant for the group, then the
 * share, which must leave the private drafts behind. */
static void
op_share (World *world,
          guint  i)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsRevision) current = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *shared = NULL;
  const char *text_field;
  const char *id;
  guint index;

  if (world->private_records[i]->len == 0)
    return;
  index = pick (world, world->private_records[i]->len);
  id = g_ptr_array_index (world->private_records[i], index);
  current = commons_store_get_current (world->r[i].store, id, &error);
  g_assert_no_error (error);
  text_field = g_str_equal (commons_revision_get_kind (current), "note") ? "body" : "summary";
  title = next_text (world, "Shared");
  text = make_summary (world);
  json_object_set_string_member (fields, "title", title);
  json_object_set_string_member (fields, text_field, text);
  commons_store_set_quiet_interval (world->r[i].store, 0);
  commons_store_edit_record (world->r[i].store, id, fields, &error);
  g_assert_no_error (error);

  shared = commons_store_share_record (world->r[i].store, id, world->group, &error);
  g_assert_no_error (error);
  g_hash_table_insert (world->group_records, g_strdup (shared),
                       g_strdup (commons_revision_get_kind (current)));
  log_write (world, i, shared, "title", title);
  log_write (world, i, shared, text_field, text);
  /* What is shared is no longer private text. */
  g_ptr_array_remove_index (world->private_records[i], index);
  trace (world, "r%u share %.8s as %.8s", i, id, shared);
}

static gboolean
sync_replica (World            *world,
              guint             i,
              CommonsSyncStats *stats,
              GError          **error)
{
  return commons_sync_client_sync (world->r[i].client, world->group, NULL, NULL, stats, NULL, error);
}

static void
op_sync (World *world,
         guint  i)
{
  g_autoptr(GError) error = NULL;

  if (!sync_replica (world, i, NULL, &error))
    trace (world, "r%u sync failed: %s", i, error->message);
  else
    trace (world, "r%u sync", i);
}

static char *
write_bundle (World  *world,
              GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (world->server.root, "bundles", NULL);
  g_autofree char *name = g_strdup_printf ("bundle-%u.commons", world->bundles->len);
  char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_ptr_array_add (world->bundles, path);
  return g_strdup (path);
}

static void
import_bundle (World      *world,
               guint       j,
               const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) report = NULL;
  char *data = NULL;
  gsize size = 0;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (data, size);
  /* As the app and commons-cli import: records not held yet go to the
   * person's own library. COMMONS_CONVERGE_IMPORT_TO_GROUP puts them in
   * the group instead, to tell that failure from others. */
  report = commons_bundle_import (world->r[j].store, bytes,
                                  g_getenv ("COMMONS_CONVERGE_IMPORT_TO_GROUP") != NULL ?
                                  world->group : COMMONS_SCOPE_LOCAL, &error);
  if (report == NULL)
    trace (world, "r%u import %s failed: %s", j, path, error->message);
  else
    trace (world, "r%u import %s", j, path);
  if (world->hostile_run)
    g_test_message ("seed %u: r%u imports %s: %s", world->seed, j, path,
                    report == NULL ? error->message : "imported");
}

/* Exports some group plans the replica holds and imports the file into
 * another replica (or the same one). */
static void
op_export (World *world,
           guint  i)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  guint n = 1 + pick (world, 3);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *kind = NULL;
      char *id = pick_group_record (world, i, -1, &kind);

      if (id != NULL && g_str_equal (kind, "plan"))
        g_ptr_array_add (ids, id);
      else
        g_free (id);
    }
  if (ids->len == 0)
    return;
  g_ptr_array_add (ids, NULL);
  bytes = commons_bundle_export (world->r[i].store, (const char * const *) ids->pdata, &error);
  g_assert_no_error (error);
  path = write_bundle (world, bytes);
  trace (world, "r%u export %u plans to %s", i, ids->len - 1, path);
  import_bundle (world, pick (world, N_REPLICAS), path);
}

static void
op_reimport (World *world,
             guint  i)
{
  if (world->bundles->len == 0)
    return;
  import_bundle (world, i, g_ptr_array_index (world->bundles, pick (world, world->bundles->len)));
}

/* A new group plan's file reaches another replica before that replica
 * pulls the plan. */
static void
op_fresh_import (World *world,
                 guint  i)
{
  g_autofree char *id = create_group_plan (world, i);
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = commons_bundle_export (world->r[i].store, ids, &error);
  g_autofree char *path = NULL;
  guint j = (i + 1 + pick (world, N_REPLICAS - 1)) % N_REPLICAS;

  g_assert_no_error (error);
  path = write_bundle (world, bytes);
  trace (world, "r%u export new plan %.8s to %s", i, id, path);
  import_bundle (world, j, path);
  if (chance (world, 0.5))
    op_sync (world, i);
}

/* A new group plan's file passes through a second replica, often one not
 * yet in the group, which passes on its own export to a member that has
 * not pulled the plan yet. */
static void
op_relay (World *world,
          guint  i)
{
  g_autofree char *id = create_group_plan (world, i);
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = commons_bundle_export (world->r[i].store, ids, &error);
  g_autoptr(GBytes) second = NULL;
  g_autofree char *path = NULL;
  guint via = !world->joined[LATE_JOINER] ? LATE_JOINER : (i + 1 + pick (world, N_REPLICAS - 1)) % N_REPLICAS;
  guint to;

  g_assert_no_error (error);
  path = write_bundle (world, first);
  import_bundle (world, via, path);
  g_clear_pointer (&path, g_free);
  do
    to = pick (world, N_REPLICAS);
  while (to == i || to == via || !world->joined[to]);
  second = commons_bundle_export (world->r[via].store, ids, &error);
  g_assert_no_error (error);
  path = write_bundle (world, second);
  trace (world, "r%u passes plan %.8s from r%u on in %s", via, id, i, path);
  import_bundle (world, to, path);
}

/* Some work to push, then the server dies under a commons-cli sync. */
static void
op_kill_server (World *world,
                guint  i)
{
  guint n = 5 + pick (world, 30);
  g_autoptr(GSubprocess) child = NULL;

  for (guint k = 0; k < n; k++)
    op_create (world, i);
  replica_suspend (&world->r[i]);
  child = spawn_cli_sync (&world->r[i]);
  g_usleep (pick (world, 60000));
  server_stop (&world->server);
  g_subprocess_wait (child, NULL, NULL);
  server_start (&world->server);
  replica_reopen (&world->r[i]);
  trace (world, "r%u server killed mid-push of %u plans", i, n);
}

static void
op_kill_client (World *world,
                guint  i)
{
  if (chance (world, 0.5))
    {
      guint n = 5 + pick (world, 30);

      for (guint k = 0; k < n; k++)
        op_create (world, i);
    }
  replica_suspend (&world->r[i]);
  kill_cli_sync (&world->r[i], world->group, pick (world, 20000));
  replica_reopen (&world->r[i]);
  trace (world, "r%u commons-cli sync killed", i);
}

/* The server commits a push and the answer never comes back; then the
 * person goes on editing, often within the quiet interval. */
static void
op_lost_answer (World *world,
                guint  i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deleted = NULL;
  guint dropped = fault_proxy_get_dropped (world->proxy);
  gboolean ok;

  i = FIRST_PROXIED + pick (world, N_REPLICAS - FIRST_PROXIED);
  if (!world->joined[i])
    i = FIRST_PROXIED;
  /* Sometimes a delete whose push is lost, then undone: the undo must
   * not quietly drop a delete the server already holds. */
  if (chance (world, 0.3) && (deleted = pick_group_record (world, i, 0, NULL)) != NULL)
    {
      commons_store_delete_record (world->r[i].store, deleted, &error);
      g_assert_no_error (error);
      trace (world, "r%u delete %.8s", i, deleted);
    }
  else if (chance (world, 0.5))
    op_create (world, i);
  else
    op_edit (world, i);
  /* Enough to outlast the client's retries, and libsoup's own. */
  fault_proxy_drop_answers (world->proxy, 12);
  ok = sync_replica (world, i, NULL, &error);
  fault_proxy_drop_answers (world->proxy, 0);
  trace (world, "r%u sync through a proxy that lost %u answers: %s", i,
         fault_proxy_get_dropped (world->proxy) - dropped, ok ? "ok" : error->message);
  if (deleted != NULL)
    {
      g_autofree char *before = single_head (&world->r[i], deleted);

      g_clear_error (&error);
      commons_store_undelete_record (world->r[i].store, deleted, &error);
      g_assert_no_error (error);
      note_removed (world, i, deleted, before, "an undone delete");
      trace (world, "r%u undelete %.8s", i, deleted);
      return;
    }
  for (guint k = pick (world, 3); k > 0; k--)
    op_edit (world, i);
}

static void
join_replica (World *world,
              guint  i)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = make_invite (&world->r[0], world->group);
  g_autofree char *name = g_strdup_printf ("Replica %u", i);
  g_autoptr(CommonsGroup) joined = NULL;
  const char *url = i >= FIRST_PROXIED ? fault_proxy_get_url (world->proxy) : world->server.url;

  joined = commons_sync_client_join_group (world->r[i].client, url, code, name, NULL, &error);
  g_assert_no_error (error);
  world->joined[i] = TRUE;
  trace (world, "r%u joins the group", i);
}

/* A group record of @kind that replica @i holds in the group, or NULL. */
static char *
pick_in_group (World      *world,
               guint       i,
               const char *kind)
{
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3_stmt *stmt = _commons_store_prepare (world->r[i].store,
      "SELECT id FROM records WHERE kind = ?1 AND scope = ?2 AND deleted = 0 ORDER BY id", NULL);

  g_assert_nonnull (stmt);
  ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, world->group, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (ids->len == 0)
    return NULL;
  return g_strdup (g_ptr_array_index (ids, pick (world, ids->len)));
}

/* Discussion: comments, replies, questions, answers, votes, accepting,
 * deleting a comment, on whatever this replica holds now. Refusals the
 * person would see (a reply to a reply, someone else's comment) are fine;
 * anything else is not. */
static void
op_discuss (World *world,
            guint  i)
{
  CommonsStore *store = world->r[i].store;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = next_text (world, "Talk");
  g_autofree char *made = NULL;
  g_autofree char *target = NULL;
  const char *what;
  guint x = pick (world, 7);

  switch (x)
    {
    case 0:
    case 1:
      what = "comment";
      target = pick_in_group (world, i, "plan");
      if (target != NULL)
        {
          g_autofree char *parent = x == 1 ? pick_in_group (world, i, COMMONS_COMMENT_KIND) : NULL;
          g_autoptr(CommonsComment) about = parent != NULL ? commons_discussion_get_comment (store, parent, NULL) : NULL;

          made = commons_discussion_add_comment (store, about != NULL ? commons_comment_get_plan (about) : target,
                                                 parent, text, &error);
        }
      break;
    case 2:
      what = "ask";
      made = commons_discussion_ask (store, world->group, text, "", "en", NULL, &error);
      break;
    case 3:
      what = "answer";
      target = pick_in_group (world, i, COMMONS_QUESTION_KIND);
      if (target != NULL)
        made = commons_discussion_add_answer (store, target, text, &error);
      break;
    case 4:
      what = "vote";
      target = pick_in_group (world, i, COMMONS_ANSWER_KIND);
      if (target != NULL)
        commons_discussion_vote (store, target, (int) pick (world, 3) - 1, &error);
      break;
    case 5:
      what = "accept";
      target = pick_in_group (world, i, COMMONS_ANSWER_KIND);
      if (target != NULL)
        {
          g_autoptr(CommonsRevision) answer = commons_store_get_current (store, target, NULL);

          commons_discussion_accept (store, commons_revision_get_string_field (answer, "question"),
                                     target, &error);
        }
      break;
    default:
      what = "delete-comment";
      target = pick_in_group (world, i, COMMONS_COMMENT_KIND);
      if (target != NULL)
        commons_discussion_delete_comment (store, target, &error);
      break;
    }

  if (error != NULL && error->domain != COMMONS_DISCUSSION_ERROR)
    fail (world, PROP_NO_ERROR, "r%u %s %.8s: %s", i, what, target ? target : "-", error->message);
  trace (world, "r%u %s %.8s%s%s", i, what, made ? made : target ? target : "-",
         error ? ": " : "", error ? error->message : "");
}

typedef struct
{
  const char *name;
  void      (*run) (World *world, guint i);
  guint       weight;
  /* Only a member of the group does it; others may still edit what they
   * imported, export it and import files. */
  gboolean    needs_group;
} Op;

static const Op ops[] = {
  { "create", op_create, 8, TRUE },
  { "edit", op_edit, 22, FALSE },
  { "delete", op_delete, 4, FALSE },
  { "undelete", op_undelete, 3, FALSE },
  { "private", op_private, 4, FALSE },
  { "private-edit", op_private_edit, 4, FALSE },
  { "share", op_share, 3, TRUE },
  { "sync", op_sync, 20, TRUE },
  { "export", op_export, 6, FALSE },
  { "reimport", op_reimport, 3, FALSE },
  { "fresh-import", op_fresh_import, 2, TRUE },
  { "relay", op_relay, 2, TRUE },
  { "kill-server", op_kill_server, 2, TRUE },
  { "kill-client", op_kill_client, 3, TRUE },
  { "lost-answer", op_lost_answer, 3, TRUE },
  { "discuss", op_discuss, 16, TRUE },
};

static void
run_schedule (World *world,
              guint  steps)
{
  guint total = 0;

  for (guint k = 0; k < G_N_ELEMENTS (ops); k++)
    if (!g_hash_table_contains (world->skip, ops[k].name))
      total += ops[k].weight;
  g_assert_cmpuint (total, >, 0);

  for (guint step = 0; step < steps; step++)
    {
      guint x = pick (world, total);
      guint i = pick (world, N_REPLICAS);

      if (step == world->late_step && !world->joined[LATE_JOINER])
        join_replica (world, LATE_JOINER);
      for (guint k = 0; k < G_N_ELEMENTS (ops); k++)
        {
          if (g_hash_table_contains (world->skip, ops[k].name))
            continue;
          if (x < ops[k].weight)
            {
              ops[k].run (world, ops[k].needs_group && !world->joined[i] ? 0 : i);
              break;
            }
          x -= ops[k].weight;
        }
    }
}

/* Sync rounds until a round moves nothing, or MAX_ROUNDS. */
static void
quiesce (World *world)
{
  fault_proxy_drop_answers (world->proxy, 0);
  for (guint i = 0; i < N_REPLICAS; i++)
    if (!world->joined[i])
      join_replica (world, i);
  for (guint round = 0; round < MAX_ROUNDS; round++)
    {
      guint moved = 0;

      for (guint i = 0; i < N_REPLICAS; i++)
        {
          CommonsSyncStats stats = { 0 };
          g_autoptr(GError) error = NULL;

          if (!sync_replica (world, i, &stats, &error))
            {
              trace (world, "quiesce round %u: r%u sync failed: %s", round, i, error->message);
              moved++;
            }
          moved += stats.pushed + stats.pulled;
        }
      if (moved == 0)
        {
          g_test_message ("seed %u: quiet after %u sync rounds", world->seed, round + 1);
          return;
        }
    }
  g_test_message ("seed %u: still not quiet after %u sync rounds", world->seed, MAX_ROUNDS);
}

/* Properties. */

/* What @a holds that @b lacks, with where @b keeps it if anywhere. */
static char *
describe_missing (GPtrArray  *a,
                  GPtrArray  *b,
                  Replica    *rb)
{
  g_autoptr(GHashTable) in_b = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  guint missing = 0;

  for (guint k = 0; k < b->len; k++)
    g_hash_table_add (in_b, g_ptr_array_index (b, k));
  for (guint k = 0; k < a->len; k++)
    {
      const char *id = g_ptr_array_index (a, k);

      if (g_hash_table_contains (in_b, id))
        continue;
      if (missing++ < 3)
        {
          g_autofree char *scope = query_string (rb, "SELECT scope FROM revisions WHERE id = ?", id);

          g_string_append_printf (out, " %.12s (%s)", id,
                                  scope == NULL ? "not held" :
                                  g_str_equal (scope, COMMONS_SCOPE_LOCAL) ? "held as private" : "held elsewhere");
        }
    }
  if (missing == 0)
    return NULL;
  return g_strdup_printf ("%u, e.g.%s", missing, out->str);
}

/* record id → its state, from "id state" rows */
static GHashTable *
state_table (GPtrArray *rows)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint k = 0; k < rows->len; k++)
    {
      char *row = g_ptr_array_index (rows, k);
      char *space = strchr (row, ' ');

      if (space != NULL)
        {
          *space = '\0';
          g_hash_table_insert (table, row, space + 1);
        }
    }
  return table;
}

static void
check_converged (World *world)
{
  g_autoptr(GPtrArray) revs0 = NULL;
  g_autoptr(GPtrArray) rows0 = NULL;
  g_autoptr(GHashTable) state0 = NULL;
  const char *rev_sql = "SELECT id FROM revisions WHERE scope = ?1 ORDER BY id";
  const char *state_sql =
    "SELECT r.id || ' head=' || r.head || ' deleted=' || r.deleted || ' conflict=' || r.conflict || "
    "' title=' || quote(r.title) || ' preview=' || quote(r.preview) || ' heads=' || "
    "(SELECT group_concat(revision, ',') FROM (SELECT revision FROM heads h WHERE h.record = r.id ORDER BY 1)) "
    "FROM records r WHERE r.scope = ?1 ORDER BY r.id";

  revs0 = query_column (&world->r[0], rev_sql, world->group);
  rows0 = query_column (&world->r[0], state_sql, world->group);
  state0 = state_table (rows0);
  for (guint i = 1; i < N_REPLICAS; i++)
    {
      g_autoptr(GPtrArray) revs = query_column (&world->r[i], rev_sql, world->group);
      g_autoptr(GPtrArray) rows = query_column (&world->r[i], state_sql, world->group);
      g_autoptr(GHashTable) state = state_table (rows);
      g_autofree char *only0 = describe_missing (revs0, revs, &world->r[i]);
      g_autofree char *onlyi = describe_missing (revs, revs0, &world->r[0]);
      GHashTableIter iter;
      gpointer key, value;
      guint differ = 0, missing_i = 0, missing_0 = 0;
      g_autofree char *example = NULL;

      if (only0 != NULL || onlyi != NULL)
        fail (world, PROP_CONVERGED, "group revisions differ: r0 holds %u, r%u holds %u; "
              "only on r0: %s; only on r%u: %s", revs0->len, i, revs->len,
              only0 ? only0 : "none", i, onlyi ? onlyi : "none");

      g_hash_table_iter_init (&iter, state0);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *other = g_hash_table_lookup (state, key);

          if (other == NULL)
            missing_i++;
          else if (!g_str_equal (other, value))
            {
              const char *sql = "SELECT group_concat(id, ',') FROM (SELECT id FROM revisions WHERE record = ? ORDER BY id)";
              g_autofree char *held0 = query_string (&world->r[0], sql, key);
              g_autofree char *heldi = query_string (&world->r[i], sql, key);

              /* The same revisions and another state: a merge or the
               * materialized state is not a function of the history. */
              if (g_strcmp0 (held0, heldi) == 0)
                fail (world, PROP_CONVERGED, "record %.8s: r0 and r%u hold the same revisions but show "
                      "different states: r0 %.160s / r%u %.160s", (char *) key, i, (char *) value, i, other);
              if (differ++ == 0)
                example = g_strdup_printf ("record %.8s: r0 %.120s / r%u %.120s", (char *) key,
                                           (char *) value, i, other);
            }
        }
      g_hash_table_iter_init (&iter, state);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (state0, key))
          missing_0++;
      if (differ > 0 || missing_i > 0 || missing_0 > 0)
        fail (world, PROP_CONVERGED, "group records differ between r0 and r%u: %u only on r0, %u only "
              "on r%u, %u in different states%s%s", i, missing_i, missing_0, i, differ,
              example ? "; " : "", example ? example : "");
    }
}

/* What every member sees of the discussion, derived counts included, is
 * the same everywhere. */
static void
check_discussion (World *world)
{
  const char *sql =
    "SELECT group_concat (line, '\n') FROM ("
    "  SELECT 'q ' || r.id || ' answers=' || q.n_answers || ' score=' || q.score || "
    "    ' accepted=' || q.accepted || ' asker=' || q.asker AS line "
    "  FROM questions q JOIN records r ON r.rowid = q.rowid WHERE q.scope = ?1 "
    "  UNION ALL "
    "  SELECT 'a ' || r.id || ' q=' || a.question || ' score=' || a.score || ' up=' || a.n_up || "
    "    ' down=' || a.n_down || ' removed=' || a.removed "
    "  FROM answers a JOIN records r ON r.rowid = a.rowid WHERE r.scope = ?1 "
    "  UNION ALL "
    "  SELECT 'c ' || r.id || ' plan=' || c.plan || ' reply=' || c.reply_to || ' removed=' || c.removed "
    "  FROM comments c JOIN records r ON r.rowid = c.rowid WHERE r.scope = ?1 "
    "  UNION ALL "
    "  SELECT 'v ' || r.id || ' ' || v.answer || ' ' || v.voter || ' ' || v.value "
    "  FROM votes v JOIN records r ON r.rowid = v.rowid WHERE r.scope = ?1 "
    "  ORDER BY 1)";
  g_autofree char *seen0 = query_string (&world->r[0], sql, world->group);

  for (guint i = 1; i < N_REPLICAS; i++)
    {
      g_autofree char *seen = query_string (&world->r[i], sql, world->group);

      if (g_strcmp0 (seen0, seen) != 0)
        fail (world, PROP_CONVERGED, "the discussion differs between r0 and r%u: r0 %.300s / r%u %.300s",
              i, seen0 ? seen0 : "(none)", i, seen ? seen : "(none)");
    }
  if (seen0 != NULL)
    {
      guint rows = 1;

      for (const char *p = seen0; *p != '\0'; p++)
        rows += *p == '\n';
      g_test_message ("seed %u: %u discussion rows alike on every replica", world->seed, rows);
    }
}

/* Every field value ever written to the record, as "field\037value". */
static GHashTable *
history_values (Replica    *r,
                const char *record)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) history = commons_store_get_history (r->store, record, NULL);

  for (guint k = 0; history != NULL && k < history->len; k++)
    {
      JsonObject *fields = commons_revision_get_fields (g_ptr_array_index (history, k));
      GList *members = json_object_get_members (fields);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (fields, l->data);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_hash_table_add (values, g_strdup_printf ("%s\037%s", (char *) l->data,
                                                       json_node_get_string (node)));
          else if (JSON_NODE_HOLDS_ARRAY (node))
            {
              g_autofree char *json = json_to_string (node, FALSE);

              g_hash_table_add (values, g_strdup_printf ("%s\037%s", (char *) l->data, json));
            }
        }
      g_list_free (members);
    }
  return values;
}

static void
check_nothing_lost (World *world)
{
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_hash_table_unref);

      for (guint k = 0; k < world->writes->len; k++)
        {
          Write *w = g_ptr_array_index (world->writes, k);
          GHashTable *values = g_hash_table_lookup (cache, w->record);
          g_autofree char *key = NULL;

          if (w->amended)
            continue;
          if (values == NULL)
            {
              values = history_values (&world->r[i], w->record);
              g_hash_table_insert (cache, w->record, values);
            }
          key = g_strdup_printf ("%s\037%s", w->field, w->value);
          if (!g_hash_table_contains (values, key))
            {
              g_autofree char *scope = query_string (&world->r[i],
                  "SELECT scope FROM revisions WHERE record = ? LIMIT 1", w->record);

              g_autofree char *shown = g_strescape (w->value, NULL);

              fail (world, PROP_NOTHING_LOST, "r%u lacks %s \"%.50s\" that r%u wrote in record %.8s "
                    "(revision %.12s); r%u %s", i, w->field, shown, w->writer, w->record,
                    w->revision ? w->revision : "?", i,
                    scope == NULL ? "does not hold the record at all" :
                    g_strcmp0 (scope, COMMONS_SCOPE_LOCAL) == 0 ? "holds the record in its private library" :
                    "holds the record in the group");
            }
        }
    }
}

static void
grep_file (World      *world,
           const char *path,
           guint       reader,
           const char *what)
{
  g_autofree char *data = NULL;
  gsize size = 0;

  if (!g_file_get_contents (path, &data, &size, NULL))
    return;
  for (guint k = 0; k < world->markers->len; k++)
    {
      Marker *m = g_ptr_array_index (world->markers, k);

      if (m->owner == reader)
        continue;
      if (memmem (data, size, m->text, strlen (m->text)) != NULL)
        fail (world, PROP_PRIVATE, "r%u's private text %s is in %s (%s)", m->owner, m->text, path, what);
    }
}

static void
grep_tree (World      *world,
           const char *path,
           guint       reader,
           const char *what)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      grep_file (world, path, reader, what);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      grep_tree (world, child, reader, what);
    }
}

static void
check_private (World *world)
{
  grep_tree (world, world->server.server_dir, G_MAXUINT, "the server's data");
  for (guint k = 0; k < world->bundles->len; k++)
    grep_file (world, g_ptr_array_index (world->bundles, k), G_MAXUINT, "a bundle");
  for (guint i = 0; i < N_REPLICAS; i++)
    grep_tree (world, world->r[i].dir, i, "another replica's files");
}

static void
check_no_error (World *world)
{
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_autoptr(CommonsGroup) group = commons_store_get_group (world->r[i].store, world->group, NULL);

      if (group == NULL)
        fail (world, PROP_NO_ERROR, "r%u no longer has the group", i);
      else if (group->last_error != NULL && *group->last_error != '\0')
        fail (world, PROP_NO_ERROR, "r%u's sync is failing: %s", i, group->last_error);
    }
}

/* The sixth member: a raw HTTP client with its own token. */

/* The one place the hostile member signs: with its own key, as any
 * member may, so that what it pushes gets past the server's signature
 * check and reaches the clients' own checks. */
static char *
hostile_sign (const char *revision_id)
{
  return commons_identity_sign (current_world->hostile_seed, COMMONS_SIGN_REVISION, revision_id);
}

static JsonNode *
server_call (World      *world,
             const char *method,
             const char *path,
             const char *token,
             const char *body,
             guint      *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = http_request (world->server.listen, method, path, token, body, status, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_no_error (error);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static void
join_sixth (World *world)
{
  g_autofree char *code = make_invite (&world->r[0], world->group);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = NULL;
  guint status = 0;

  commons_identity_generate (&world->hostile_seed, &world->hostile_person, &error);
  g_assert_no_error (error);
  proof = commons_identity_sign (world->hostile_seed, COMMONS_SIGN_JOIN, code);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, "Mallory");
  json_builder_set_member_name (builder, "person");
  json_builder_add_string_value (builder, world->hostile_person);
  json_builder_set_member_name (builder, "proof");
  json_builder_add_string_value (builder, proof);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);
  answer = server_call (world, "POST", "/v1/join", NULL, body, &status);
  g_assert_cmpuint (status, ==, 201);
  world->hostile_token = g_strdup (json_object_get_string_member (json_node_get_object (answer), "token"));
}

/* Every revision id the server holds for the group, read as a member. */
static GHashTable *
server_revisions (World *world)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 after = 0;

  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions?after=%" G_GINT64_FORMAT "&limit=1000",
                                               world->group, after);
      g_autoptr(JsonNode) answer = NULL;
      JsonObject *root;
      JsonArray *items;
      guint status = 0;

      answer = server_call (world, "GET", path, world->hostile_token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      root = json_node_get_object (answer);
      items = json_object_get_array_member (root, "revisions");
      for (guint k = 0; k < json_array_get_length (items); k++)
        {
          JsonObject *entry = json_array_get_object_element (items, k);
          JsonObject *revision = json_object_get_object_member (entry, "revision");

          g_hash_table_add (ids, g_strdup (json_object_get_string_member (revision, "id")));
        }
      after = json_object_get_int_member (root, "next");
      if (!json_object_get_boolean_member (root, "more"))
        return ids;
    }
}

static void
check_no_undo (World *world)
{
  g_autoptr(GHashTable) on_server = server_revisions (world);

  for (guint k = 0; k < world->removed->len; k++)
    {
      Removed *r = g_ptr_array_index (world->removed, k);

      if (g_hash_table_contains (on_server, r->revision))
        fail (world, PROP_NO_UNDO, "r%u removed revision %.12s of record %.8s (%s) after the server "
              "had stored it", r->writer, r->revision, r->record, r->how);
    }
}

/* Pushes one hand-made revision as the sixth member, given as its id and
 * canonical body, so that it can be one the core would never build. */
static void
hostile_push (World      *world,
              const char *what,
              const char *id,
              const char *canonical,
              gboolean    authored)
{
  /* Merge revisions carry no signature: every replica recomputes them. */
  g_autofree char *sig = authored ? hostile_sign (id) : NULL;
  g_autofree char *path = g_strdup_printf ("/v1/groups/%s/revisions", world->group);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GString) request = g_string_new ("{\"revisions\":[");
  g_autofree char *result = NULL;
  guint status = 0;

  g_string_append_printf (request, "{\"id\":\"%s\",", id);
  if (sig != NULL)
    g_string_append_printf (request, "\"sig\":\"%s\",", sig);
  g_string_append (request, canonical + 1);
  g_string_append (request, "]}");

  /* The same revision, as a .commons file of the group would carry it. */
  if (world->hostile_bundle->len > 0)
    g_string_append_c (world->hostile_bundle, ',');
  g_string_append_printf (world->hostile_bundle, "{\"id\":\"%s\",\"group\":\"%s\",", id, world->group);
  if (sig != NULL)
    g_string_append_printf (world->hostile_bundle, "\"sig\":\"%s\",", sig);
  g_string_append (world->hostile_bundle, canonical + 1);
  g_ptr_array_add (world->hostile_ids, g_strdup (id));

  answer = server_call (world, "POST", path, world->hostile_token, request->str, &status);
  if (answer != NULL && status == 200)
    {
      JsonObject *item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer),
                                                                                      "results"), 0);
      const char *state = json_object_get_string_member (item, "status");

      result = g_strdup_printf ("%s%s%s", state,
                                json_object_has_member (item, "reason") ? " " : "",
                                json_object_has_member (item, "reason") ?
                                json_object_get_string_member (item, "reason") : "");
    }
  else
    result = g_strdup_printf ("HTTP %u", status);
  g_test_message ("seed %u: hostile %s (%.12s): server says %s", world->seed, what, id, result);
}

static void
hostile_push_revision (World           *world,
                       const char      *what,
                       CommonsRevision *revision)
{
  hostile_push (world, what, commons_revision_get_id (revision), commons_revision_get_canonical (revision),
                commons_revision_get_author (revision) != NULL);
}

static CommonsRevision *
hostile_revision (World              *world,
                  const char         *record,
                  const char         *kind,
                  const char * const *parents,
                  gboolean            authored,
                  JsonObject         *fields)
{
  g_autoptr(GError) error = NULL;
  CommonsRevision *revision = commons_revision_new (record, kind, parents,
                                                    authored ? world->hostile_person : NULL,
                                                    NULL, FALSE, fields, &error);

  g_assert_no_error (error);
  return revision;
}

/* COMMONS_HOSTILE_ONLY=N pushes only the Nth hostile revision, to tell
 * their effects apart. */
static gboolean
hostile_wanted (guint n)
{
  const char *only = g_getenv ("COMMONS_HOSTILE_ONLY");

  return only == NULL || g_ascii_strtoull (only, NULL, 10) == n;
}

static void
hostile_attack (World *world)
{
  g_autofree char *p = create_group_plan (world, 0);
  g_autofree char *q = create_group_plan (world, 1);
  g_autofree char *hp = NULL;
  g_autofree char *hq = NULL;
  g_autofree char *question = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *ha = NULL;

  op_sync (world, 0);
  op_sync (world, 1);
  op_sync (world, 0);
  hp = single_head (&world->r[0], p);
  hq = single_head (&world->r[1], q);
  g_assert_nonnull (hp);
  g_assert_nonnull (hq);

  /* A question of r0's with an answer of r1's, for the hostile member to
   * vote in r0's name and to rewrite. */
  {
    g_autoptr(GError) error = NULL;

    question = commons_discussion_ask (world->r[0].store, world->group, "Cake or pizza?", "", "en", NULL, &error);
    g_assert_no_error (error);
    op_sync (world, 0);
    op_sync (world, 1);
    answer = commons_discussion_add_answer (world->r[1].store, question, "Pizza", &error);
    g_assert_no_error (error);
    op_sync (world, 1);
    ha = single_head (&world->r[1], answer);
    g_assert_nonnull (ha);
  }

  if (hostile_wanted (1))
    {
      const char *parents[] = { hp, NULL };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;

      json_object_set_string_member (fields, "title", "Hostile: a note in a plan");
      json_object_set_string_member (fields, "body", "x");
      rev = hostile_revision (world, p, "note", parents, TRUE, fields);
      hostile_push_revision (world, "revision of kind note naming a plan", rev);
    }
  if (hostile_wanted (2))
    {
      const char *parents[] = { hq, NULL };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;

      json_object_set_string_member (fields, "title", "Hostile: a parent from another record");
      rev = hostile_revision (world, p, "plan", parents, TRUE, fields);
      hostile_push_revision (world, "revision whose parent belongs to another record", rev);
    }
  if (hostile_wanted (3))
    {
      const char *parents[] = { hp, hq, NULL };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;

      json_object_set_string_member (fields, "title", "Hostile: not a merge");
      rev = hostile_revision (world, p, "plan", parents, FALSE, fields);
      hostile_push_revision (world, "authorless revision with two unrelated parents", rev);
    }
  if (hostile_wanted (4))
    {
      g_autoptr(GString) canonical = g_string_new (NULL);
      g_autofree char *time = commons_time_now ();
      g_autofree char *id = NULL;

      /* Written out by hand: the core refuses to build it. The revision
       * object is depth 1 and its fields depth 2: 28 more objects bring
       * the revision to 30 deep, and its push body (an object and an
       * array around it) to 32, the server's limit. */
      g_string_append_printf (canonical, "{\"author\":\"%s\",\"deleted\":false,\"fields\":{\"deep\":",
                              world->hostile_person);
      for (guint d = 0; d < 27; d++)
        g_string_append (canonical, "{\"a\":");
      g_string_append (canonical, "{}");
      for (guint d = 0; d < 27; d++)
        g_string_append_c (canonical, '}');
      g_string_append_printf (canonical, ",\"title\":\"Hostile: deep\"},\"kind\":\"plan\",\"parents\":[\"%s\"],"
                              "\"record\":\"%s\",\"time\":\"%s\",\"v\":1}", hp, p, time);
      id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical->str, canonical->len);
      hostile_push (world, "plan revision with fields nested 30 deep", id, canonical->str, TRUE);
    }
  if (hostile_wanted (5))
    {
      const char *parents[] = { hp, NULL };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;

      json_object_set_int_member (fields, "title", 42);
      json_object_set_string_member (fields, "summary", "Hostile: a number for a title");
      rev = hostile_revision (world, p, "plan", parents, TRUE, fields);
      hostile_push_revision (world, "plan revision whose title is a number", rev);
    }
  if (hostile_wanted (6))
    {
      const char *parents[] = { hq, NULL };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;

      json_object_set_string_member (fields, "title", "Hostile: objectives as a string");
      json_object_set_string_member (fields, "objectives", "not a list");
      rev = hostile_revision (world, q, "plan", parents, TRUE, fields);
      hostile_push_revision (world, "plan revision whose objectives is a string", rev);
    }
  if (hostile_wanted (7))
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;
      g_autofree char *record = g_uuid_string_random ();

      json_object_set_string_member (fields, "plan", p);
      json_object_set_string_member (fields, "plan_revision", "the latest");
      json_object_set_string_member (fields, "body", "Hostile comment");
      rev = hostile_revision (world, record, COMMONS_COMMENT_KIND, NULL, TRUE, fields);
      hostile_push_revision (world, "comment naming no plan revision", rev);
    }
  if (hostile_wanted (8))
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;
      g_autofree char *record = commons_discussion_dup_vote_id (commons_store_get_person_id (world->r[0].store),
                                                                answer);

      json_object_set_string_member (fields, "answer", answer);
      json_object_set_int_member (fields, "value", -1);
      rev = hostile_revision (world, record, COMMONS_VOTE_KIND, NULL, TRUE, fields);
      hostile_push_revision (world, "vote in another member's name", rev);
    }
  if (hostile_wanted (9))
    {
      const char *parents[] = { ha, NULL };
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(CommonsRevision) rev = NULL;

      json_object_set_string_member (fields, "question", question);
      json_object_set_string_member (fields, "body", "Cake, says the hostile member");
      rev = hostile_revision (world, answer, COMMONS_ANSWER_KIND, parents, TRUE, fields);
      hostile_push_revision (world, "edit of another member's answer", rev);
    }

  /* What the server refused can still come by file: honest replicas
   * import it, one of them twice, before and after their next pull. */
  {
    g_autofree char *data = g_strdup_printf ("{\"format\":\"commons-bundle\",\"revisions\":[%s],\"v\":2}\n",
                                             world->hostile_bundle->str);
    g_autoptr(GBytes) bytes = g_bytes_new (data, strlen (data));
    g_autofree char *path = write_bundle (world, bytes);

    import_bundle (world, 2, path);
    import_bundle (world, 3, path);
    op_sync (world, 3);
    import_bundle (world, 3, path);
  }
}

/* Whether a plan's current fields carry what only the hostile member
 * wrote: a title that is not a string, objectives that are not a list,
 * the deep member, or a hostile title. */
static const char *
hostile_content (CommonsRevision *current)
{
  JsonObject *fields = commons_revision_get_fields (current);
  JsonNode *node;

  node = json_object_get_member (fields, "title");
  if (node != NULL && (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING))
    return "a title that is not a string";
  if (node != NULL && g_str_has_prefix (json_node_get_string (node), "Hostile:"))
    return "a title only the hostile member wrote";
  node = json_object_get_member (fields, "objectives");
  if (node != NULL && !JSON_NODE_HOLDS_ARRAY (node))
    return "objectives that are not a list";
  if (json_object_has_member (fields, "deep"))
    return "the 30-deep member";
  if (!g_str_equal (commons_revision_get_kind (current), "plan") &&
      g_strcmp0 (g_hash_table_lookup (current_world->group_records, commons_revision_get_record (current)),
                 "plan") == 0)
    return "another kind";
  return NULL;
}

static void
check_hostile (World *world)
{
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_autoptr(GPtrArray) records = query_column (&world->r[i], "SELECT id FROM records WHERE scope = ?",
                                                   world->group);

      for (guint k = 0; k < world->hostile_ids->len; k++)
        {
          const char *id = g_ptr_array_index (world->hostile_ids, k);
          g_autofree char *record = query_string (&world->r[i], "SELECT record FROM heads WHERE revision = ?", id);

          if (record != NULL)
            fail (world, PROP_HOSTILE, "hostile revision %.12s is a head of record %.8s on r%u", id, record, i);
          else if (holds (&world->r[i], id))
            {
              g_autofree char *children = query_string (&world->r[i],
                  "SELECT group_concat(substr(revision, 1, 12), ',') FROM revision_parents WHERE parent = ?", id);

              g_test_message ("seed %u: r%u keeps hostile revision %.12s in a record's history; its children: %s",
                              world->seed, i, id, children ? children : "none");
              if (g_getenv ("COMMONS_CONVERGE_TRACE") != NULL && children != NULL)
                {
                  g_autofree char *child = query_string (&world->r[i],
                      "SELECT body FROM revisions WHERE id = (SELECT revision FROM revision_parents WHERE parent = ?)", id);
                  g_test_message ("child: %s", child);
                }
            }
        }
      /* Nobody's record passes as the hostile member's. */
      for (guint k = 0; k < records->len; k++)
        {
          g_autofree char *creator = commons_record_dup_creator (world->r[i].store,
                                                                 g_ptr_array_index (records, k), NULL);

          if (g_strcmp0 (creator, world->hostile_person) == 0)
            fail (world, PROP_HOSTILE, "record %.8s on r%u passes as the hostile member's",
                  (char *) g_ptr_array_index (records, k), i);
        }
      /* A record in conflict shows every head side by side: each is
       * current state. */
      for (guint k = 0; k < records->len; k++)
        {
          g_autoptr(GPtrArray) heads = commons_store_get_heads (world->r[i].store,
                                                                g_ptr_array_index (records, k), NULL);

          for (guint h = 0; heads != NULL && h < heads->len; h++)
            {
              CommonsRevision *head = g_ptr_array_index (heads, h);
              const char *what = hostile_content (head);

              if (what != NULL)
                fail (world, PROP_HOSTILE, "record %.8s on r%u shows %s (head %.12s of %u, %s)",
                      (char *) g_ptr_array_index (records, k), i, what, commons_revision_get_id (head),
                      heads->len, commons_revision_get_author (head) == NULL ? "a merge" : "authored");
            }
        }
    }
}

/* Setting up and tearing down a world. */

static void
world_init (World    *world,
            guint32   seed,
            gboolean  hostile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommonsGroup) group = NULL;
  const char *skip = g_getenv ("COMMONS_CONVERGE_SKIP");

  world->seed = seed;
  world->hostile_run = hostile;
  world->rand = g_rand_new_with_seed (seed);
  world->writes = g_ptr_array_new_with_free_func (write_free);
  world->markers = g_ptr_array_new_with_free_func (marker_free);
  world->removed = g_ptr_array_new_with_free_func (removed_free);
  world->bundles = g_ptr_array_new_with_free_func (g_free);
  world->hostile_ids = g_ptr_array_new_with_free_func (g_free);
  world->hostile_bundle = g_string_new (NULL);
  world->group_records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  world->skip = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  world->trace = g_string_new (NULL);
  if (skip != NULL)
    {
      g_auto(GStrv) names = g_strsplit (skip, ",", -1);

      for (guint k = 0; names[k] != NULL; k++)
        g_hash_table_add (world->skip, g_strdup (g_strstrip (names[k])));
    }

  server_init (&world->server);
  server_start (&world->server);
  world->proxy = fault_proxy_new (world->server.listen);
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      replica_open (&world->r[i], world->server.root, i);
      world->private_records[i] = g_ptr_array_new_with_free_func (g_free);
    }

  group = commons_sync_client_create_group (world->r[0].client, world->server.url, "Converging",
                                            "Replica 0", NULL, &error);
  g_assert_no_error (error);
  world->group = g_strdup (group->id);
  world->joined[0] = TRUE;
  world->late_step = G_MAXUINT;
  for (guint i = 1; i < N_REPLICAS; i++)
    if (hostile || i != LATE_JOINER)
      join_replica (world, i);
  join_sixth (world);
  current_world = world;
}

static gboolean
world_failed (World *world)
{
  for (guint p = 1; p < N_PROPS_CHECKED; p++)
    if (world->failures[p] > 0)
      return TRUE;
  return FALSE;
}

static void
world_clear (World *world)
{
  gboolean failed = world_failed (world);

  for (guint p = 1; p < N_PROPS_CHECKED; p++)
    if (world->failures[p] > 0)
      g_test_message ("seed %u%s: property %u (%s): %u failures", world->seed,
                      world->hostile_run ? " (hostile)" : "", p, property_names[p], world->failures[p]);
  if (g_getenv ("COMMONS_CONVERGE_TRACE") != NULL &&
      (failed || g_str_equal (g_getenv ("COMMONS_CONVERGE_TRACE"), "always")))
    g_test_message ("seed %u: schedule:\n%s", world->seed, world->trace->str);
  g_test_message ("seed %u%s: %s", world->seed, world->hostile_run ? " (hostile)" : "",
                  failed ? "FAILED" : "passed");
  if (failed)
    g_test_fail ();

  current_world = NULL;
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      replica_close (&world->r[i]);
      g_ptr_array_unref (world->private_records[i]);
    }
  fault_proxy_free (world->proxy);
  server_clear (&world->server);
  g_rand_free (world->rand);
  g_ptr_array_unref (world->writes);
  g_ptr_array_unref (world->markers);
  g_ptr_array_unref (world->removed);
  g_ptr_array_unref (world->bundles);
  g_ptr_array_unref (world->hostile_ids);
  g_string_free (world->hostile_bundle, TRUE);
  g_hash_table_unref (world->group_records);
  g_hash_table_unref (world->skip);
  g_string_free (world->trace, TRUE);
  g_free (world->group);
  g_free (world->hostile_seed);
  g_free (world->hostile_person);
  g_free (world->hostile_token);
}

static guint
schedule_steps (void)
{
  const char *steps = g_getenv ("COMMONS_CONVERGE_STEPS");

  return steps != NULL ? (guint) g_ascii_strtoull (steps, NULL, 10) : DEFAULT_STEPS;
}

static void
test_converge (gconstpointer data)
{
  World world = { 0 };
  guint32 seed = GPOINTER_TO_UINT (data);
  gint64 start = g_get_monotonic_time ();

  g_test_message ("seed %u: replay with COMMONS_SEED=%u", seed, seed);
  world_init (&world, seed, FALSE);
  world.late_step = schedule_steps () / 5 + pick (&world, schedule_steps () * 2 / 5 + 1);
  run_schedule (&world, schedule_steps ());
  quiesce (&world);
  check_converged (&world);
  check_discussion (&world);
  check_nothing_lost (&world);
  check_private (&world);
  check_no_error (&world);
  check_no_undo (&world);
  g_test_message ("seed %u: %u writes, %u private texts, %u bundles, %u answers lost, %.1f s",
                  seed, world.writes->len, world.markers->len, world.bundles->len,
                  fault_proxy_get_dropped (world.proxy),
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  world_clear (&world);
}

/* Honest replicas editing and syncing, then the hostile member's pushes,
 * then more honest work: the honest must not notice. */
static void
test_hostile (gconstpointer data)
{
  World world = { 0 };
  guint32 seed = GPOINTER_TO_UINT (data);
  const char *honest[] = { "delete", "undelete", "private", "private-edit", "share", "export",
                           "reimport", "fresh-import", "relay", "kill-server", "kill-client", "lost-answer" };

  g_test_message ("seed %u (hostile): replay with COMMONS_SEED=%u", seed, seed);
  world_init (&world, seed, TRUE);
  for (guint k = 0; k < G_N_ELEMENTS (honest); k++)
    g_hash_table_add (world.skip, g_strdup (honest[k]));
  run_schedule (&world, 30);
  hostile_attack (&world);
  run_schedule (&world, 30);
  quiesce (&world);
  check_converged (&world);
  check_discussion (&world);
  check_nothing_lost (&world);
  check_no_error (&world);
  check_hostile (&world);
  world_clear (&world);
}

int
main (int   argc,
      char *argv[])
{
  /* The seeds CI runs; the soak script runs many more, one at a time. */
  static const guint32 ci_seeds[] = { 1, 2, 3, 4, 5, 6 };
  static const guint32 ci_hostile_seeds[] = { 1, 2 };
  const char *replay = g_getenv ("COMMONS_SEED");

  g_test_init (&argc, &argv, NULL);
  g_setenv ("COMMONS_CREDENTIALS", "file", TRUE);
  g_test_log_set_fatal_handler (log_fatal_cb, NULL);

  if (g_getenv ("COMMONS_SERVER") == NULL || g_getenv ("COMMONS_CLI") == NULL)
    {
      g_printerr ("COMMONS_SERVER and COMMONS_CLI must be set\n");
      return 1;
    }

  if (replay != NULL)
    {
      guint32 seed = (guint32) g_ascii_strtoull (replay, NULL, 10);
      g_autofree char *path = g_strdup_printf ("/sync/converge/seed/%u", seed);
      g_autofree char *hostile = g_strdup_printf ("/sync/converge/hostile/%u", seed);

      g_test_add_data_func (path, GUINT_TO_POINTER (seed), test_converge);
      g_test_add_data_func (hostile, GUINT_TO_POINTER (seed), test_hostile);
    }
  else
    {
      for (guint k = 0; k < G_N_ELEMENTS (ci_seeds); k++)
        {
          g_autofree char *path = g_strdup_printf ("/sync/converge/seed/%u", ci_seeds[k]);

          g_test_add_data_func (path, GUINT_TO_POINTER (ci_seeds[k]), test_converge);
        }
      for (guint k = 0; k < G_N_ELEMENTS (ci_hostile_seeds); k++)
        {
          g_autofree char *path = g_strdup_printf ("/sync/converge/hostile/%u", ci_hostile_seeds[k]);

          g_test_add_data_func (path, GUINT_TO_POINTER (ci_hostile_seeds[k]), test_hostile);
        }
    }

  return g_test_run ();
}
