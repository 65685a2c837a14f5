/* test-license.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "commons-json.h"
#include "commons-license.h"
#include "commons-store-private.h"
#include "commons-sync.h"
#include "plans-fixture.h"

#define GROUP "7d1c0e55-3b6a-4f0e-9a51-2f1d3c4b5a69"

/* What each license lets an adapted version carry (issue 18, item 1). */
static void
test_license_adaptation (void)
{
  static const struct
  {
    const char *original;
    const char *adaptation;
    gboolean    allowed;
  } cases[] = {
    { "cc-by-nc", "cc-by-nc", TRUE },
    { "cc-by-nc", "cc0", FALSE },
    { "cc-by-nc", "cc-by", FALSE },
    { "cc-by-nc", "cc-by-sa", FALSE },
    { "cc-by-sa", "cc-by-sa", TRUE },
    { "cc-by-sa", "cc-by", FALSE },
    { "cc-by-sa", "cc-by-nc", FALSE },
    { "cc-by", "cc0", TRUE },
    { "cc-by", "cc-by-nc", TRUE },
    { "cc0", "all-rights-reserved", TRUE },
    { "cc-by-nd", "cc-by-nd", FALSE },
    { "all-rights-reserved", "all-rights-reserved", FALSE },
    /* A license from a newer version: kept as it is, nothing else. */
    { "x-newer", "x-newer", TRUE },
    { "x-newer", "cc0", FALSE },
    { "cc-by", NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s → %s", cases[i].original, cases[i].adaptation);
      g_assert_cmpint (commons_license_allows_adaptation_under (cases[i].original, cases[i].adaptation),
                       ==, cases[i].allowed);
    }
}

/* A remix of a non-commercial plan stays non-commercial. */
static void
test_license_remix_nc (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nc = add_foreign_plan (f, "Fractions with pizza", "cc-by-nc", "2026-01-10T09:00:00.000Z");
  g_autofree char *by = add_foreign_plan (f, "Attribution", "cc-by", "2026-01-10T09:00:00.000Z");
  g_autoptr(CommonsPlan) remix = NULL;
  g_autoptr(CommonsPlan) reloaded = NULL;
  g_autoptr(CommonsPlan) open = NULL;
  const char *refused[] = { "cc0", "cc-by", "cc-by-sa" };

  remix = commons_plan_remix (f->store, nc, "Ben", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_license (remix), ==, "cc-by-nc");
  g_assert_true (commons_plan_is_license_locked (remix));
  g_assert_true (commons_plan_allows_license (remix, "cc-by-nc"));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (commons_plan_allows_license (remix, refused[i]));
      commons_plan_set_license (remix, refused[i]);
      g_assert_false (commons_plan_save (remix, f->store, &error));
      g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
      g_assert_nonnull (strstr (error->message, "CC BY-NC"));
      g_clear_error (&error);
    }
  reloaded = commons_plan_load (f->store, commons_plan_get_record (remix), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (commons_plan_get_license (reloaded), ==, "cc-by-nc");
  g_assert_true (g_str_has_suffix (commons_plan_get_credit (reloaded), "licensed CC BY-NC 4.0"));

  /* An attribution-only plan's remix may take any license. */
  open = commons_plan_remix (f->store, by, "Ben", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (commons_plan_is_license_locked (open));
  g_assert_true (commons_plan_allows_license (open, "cc0"));
  g_assert_true (commons_plan_allows_license (open, "all-rights-reserved"));
}

static guint
count_revisions (Fixture    *f,
                 const char *record)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  sqlite3_prepare_v2 (_commons_store_get_db (f->store),
                      "SELECT count(*) FROM revisions WHERE record = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, record, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A colleague's no-derivatives or all-rights-reserved plan cannot be
 * edited here; nor can anyone but its author change a plan's license. */
static void
test_license_edit_others (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nd = add_foreign_plan (f, "No changes please", "cc-by-nd", "2026-01-10T09:00:00.000Z");
  g_autofree char *arr = add_foreign_plan (f, "Mine only", "all-rights-reserved", "2026-01-10T09:00:00.000Z");
  g_autofree char *by = add_foreign_plan (f, "Attribution", "cc-by", "2026-01-10T09:00:00.000Z");
  const char *locked[] = { nd, arr };
  g_autoptr(CommonsPlan) plan = NULL;
  g_autoptr(CommonsPlan) own = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locked); i++)
    {
      g_autoptr(CommonsPlan) other = commons_plan_load (f->store, locked[i], &error);

      g_assert_no_error (error);
      /* Saving it unchanged, as leaving it does, is no change to refuse. */
      g_assert_true (commons_plan_save (other, f->store, &error));
      g_assert_no_error (error);
      g_assert_false (commons_plan_is_mine (other, f->store));
      g_assert_false (commons_plan_can_edit (other, f->store, &error));
      g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
      g_assert_nonnull (strstr (error->message, i == 0 ? "CC BY-ND" : "All rights reserved"));
      g_clear_error (&error);

      commons_plan_set_title (other, "Changed anyway");
      g_assert_false (commons_plan_save (other, f->store, &error));
      g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
      g_clear_error (&error);
      /* Relicensing it first does not open the door. */
      commons_plan_set_license (other, "cc0");
      g_assert_false (commons_plan_save (other, f->store, &error));
      g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
      g_clear_error (&error);
      g_assert_cmpuint (count_revisions (f, locked[i]), ==, 1);
    }

  /* Others' open plans may be edited, but their license is the author's. */
  plan = commons_plan_load (f->store, by, &error);
  g_assert_no_error (error);
  g_assert_true (commons_plan_can_edit (plan, f->store, &error));
  g_assert_no_error (error);
  g_assert_false (commons_plan_can_change_license (plan, f->store));
  commons_plan_set_license (plan, "cc0");
  g_assert_false (commons_plan_save (plan, f->store, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  commons_plan_set_license (plan, "cc-by");
  commons_plan_set_title (plan, "Attribution, with a warm-up");
  g_assert_true (commons_plan_save (plan, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_revisions (f, by), ==, 2);

  /* One's own no-derivatives plan is one's own to change. */
  own = make_plan ("My own", "Maths", "Year 5", "en");
  commons_plan_set_license (own, "cc-by-nd");
  g_assert_true (commons_plan_save (own, f->store, &error));
  g_assert_no_error (error);
  g_assert_true (commons_plan_is_mine (own, f->store));
  g_assert_true (commons_plan_can_edit (own, f->store, &error));
  g_assert_true (commons_plan_can_change_license (own, f->store));
  commons_plan_set_license (own, "all-rights-reserved");
  g_assert_true (commons_plan_save (own, f->store, &error));
  g_assert_no_error (error);
}

static void
add_group (Fixture *f)
{
  sqlite3 *db = _commons_store_get_db (f->store);

  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO groups (id, server, name, member, display_name, role, joined) "
                                 "VALUES ('" GROUP "', 'https://example.org', 'Year 5', 'm', 'Ana', 'member', "
                                 "'2026-01-01T00:00:00.000Z')", NULL, NULL, NULL), ==, SQLITE_OK);
}

/* Sharing a copy of a colleague's no-derivatives plan would pass it off
 * as one's own in a group: refused. */
static void
test_license_share_others (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nd = add_foreign_plan (f, "No changes please", "cc-by-nd", "2026-01-10T09:00:00.000Z");
  g_autofree char *arr = add_foreign_plan (f, "Mine only", "all-rights-reserved", "2026-01-10T09:00:00.000Z");
  g_autoptr(CommonsPlan) own = make_plan ("My own", "Maths", "Year 5", "en");
  g_autofree char *copy = NULL;

  add_group (f);
  g_assert_false (commons_plan_can_share (f->store, nd, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  g_assert_null (commons_store_share_record (f->store, nd, GROUP, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  g_assert_null (commons_store_share_record (f->store, arr, GROUP, &error));
  g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
  g_clear_error (&error);
  g_assert_cmpuint (commons_store_count_records (f->store, "plan"), ==, 2);

  commons_plan_set_license (own, "cc-by-nd");
  g_assert_true (commons_plan_save (own, f->store, &error));
  g_assert_no_error (error);
  g_assert_true (commons_plan_can_share (f->store, commons_plan_get_record (own), &error));
  g_assert_no_error (error);
  copy = commons_store_share_record (f->store, commons_plan_get_record (own), GROUP, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
}

/* The client's second check: whatever arrives that breaks a license is
 * quarantined with a reason, and nothing else is lost. */

static CommonsRevision *
revision_new (const char *record,
              const char *parent,
              const char *author,
              const char *time,
              JsonObject *fields)
{
  g_autoptr(GError) error = NULL;
  const char *parents[] = { parent, NULL };
  CommonsRevision *revision;

  revision = commons_revision_new (record, COMMONS_PLAN_KIND, parent != NULL ? parents : NULL,
                                   author, time, FALSE, fields, &error);
  g_assert_no_error (error);
  return revision;
}

static JsonObject *
plan_fields (const char *title,
             const char *license)
{
  g_autoptr(CommonsPlan) plan = make_plan (title, "Maths", "Year 5", "en");

  commons_plan_set_license (plan, license);
  return commons_plan_to_fields (plan);
}

static JsonObject *
remix_fields (CommonsRevision *original,
              const char      *claimed_license,
              const char      *license)
{
  JsonObject *fields = plan_fields ("A remix", license);
  JsonObject *derived_from = json_object_new ();

  json_object_set_string_member (derived_from, "record", commons_revision_get_record (original));
  json_object_set_string_member (derived_from, "revision", commons_revision_get_id (original));
  json_object_set_string_member (derived_from, "title", "Original");
  json_object_set_string_member (derived_from, "license", claimed_license);
  json_object_set_object_member (fields, "derived_from", derived_from);
  json_object_set_string_member (fields, "credit", "Adapted from “Original”");
  return fields;
}

/* Receives @revision as if it came in a file; returns how many were
 * quarantined. */
static guint
receive (Fixture         *f,
         CommonsRevision *revision)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incoming = g_ptr_array_new_with_free_func ((GDestroyNotify) _commons_incoming_free);
  g_autoptr(JsonNode) node = commons_json_parse (commons_revision_get_canonical (revision), -1, &error);
  CommonsReceiveReport report;

  g_assert_no_error (error);
  g_ptr_array_add (incoming, _commons_incoming_new_from_node (node, "hostile.commons"));
  g_assert_true (_commons_store_receive (f->store, incoming, NULL, NULL, &report, NULL, NULL, &error));
  g_assert_no_error (error);
  return report.quarantined;
}

static char *
quarantine_reason (Fixture         *f,
                   CommonsRevision *revision)
{
  sqlite3_stmt *stmt = NULL;
  char *reason = NULL;

  sqlite3_prepare_v2 (_commons_store_get_db (f->store),
                      "SELECT reason FROM quarantine WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, commons_revision_get_id (revision), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    reason = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return reason;
}

static void
expect_quarantined (Fixture         *f,
                    CommonsRevision *revision)
{
  g_autofree char *reason = NULL;

  g_assert_cmpuint (receive (f, revision), ==, 1);
  reason = quarantine_reason (f, revision);
  g_assert_cmpstr (reason, ==, "license");
  g_assert_cmpstr (commons_quarantine_reason_describe (reason), !=,
                   commons_quarantine_reason_describe ("no such reason"));
}

static void
test_license_received (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nc_record = g_uuid_string_random ();
  g_autofree char *nd_record = g_uuid_string_random ();
  g_autofree char *by_record = g_uuid_string_random ();
  g_autoptr(CommonsRevision) nc = NULL;
  g_autoptr(CommonsRevision) nd = NULL;
  g_autoptr(CommonsRevision) by = NULL;
  g_autoptr(CommonsPlan) shown = NULL;
  g_autoptr(JsonObject) f_nc = plan_fields ("Non-commercial", "cc-by-nc");
  g_autoptr(JsonObject) f_nd = plan_fields ("No changes", "cc-by-nd");
  g_autoptr(JsonObject) f_by = plan_fields ("Attribution", "cc-by");

  nc = revision_new (nc_record, NULL, OTHER_PERSON, "2026-01-10T09:00:00.000Z", f_nc);
  nd = revision_new (nd_record, NULL, OTHER_PERSON, "2026-01-10T09:00:00.000Z", f_nd);
  by = revision_new (by_record, NULL, OTHER_PERSON, "2026-01-10T09:00:00.000Z", f_by);
  g_assert_cmpuint (receive (f, nc), ==, 0);
  g_assert_cmpuint (receive (f, nd), ==, 0);
  g_assert_cmpuint (receive (f, by), ==, 0);

  /* A remix of a non-commercial plan relicensed CC0; and the same, lying
   * about the original's license. */
  {
    g_autofree char *record = g_uuid_string_random ();
    g_autoptr(JsonObject) honest = remix_fields (nc, "cc-by-nc", "cc0");
    g_autoptr(JsonObject) lying = remix_fields (nc, "cc-by", "cc0");
    g_autoptr(JsonObject) kept = remix_fields (nc, "cc-by-nc", "cc-by-nc");
    g_autoptr(CommonsRevision) a = revision_new (record, NULL, REVIEWER_A, "2026-01-11T09:00:00.000Z", honest);
    g_autoptr(CommonsRevision) b = revision_new (record, NULL, REVIEWER_A, "2026-01-11T09:00:01.000Z", lying);
    g_autoptr(CommonsRevision) c = revision_new (record, NULL, REVIEWER_A, "2026-01-11T09:00:02.000Z", kept);

    expect_quarantined (f, a);
    expect_quarantined (f, b);
    g_assert_cmpuint (receive (f, c), ==, 0);
  }

  /* A remix of a no-derivatives plan. */
  {
    g_autofree char *record = g_uuid_string_random ();
    g_autoptr(JsonObject) fields = remix_fields (nd, "cc-by-nd", "cc-by-nd");
    g_autoptr(CommonsRevision) a = revision_new (record, NULL, REVIEWER_A, "2026-01-11T09:00:00.000Z", fields);

    expect_quarantined (f, a);
  }

  /* An edit by someone else of a no-derivatives plan; and a colleague
   * relicensing an open plan. Neither changes what is shown. */
  {
    g_autoptr(JsonObject) edited = plan_fields ("No changes, changed", "cc-by-nd");
    g_autoptr(JsonObject) relicensed = plan_fields ("Attribution", "cc0");
    g_autoptr(JsonObject) fine = plan_fields ("Attribution, better", "cc-by");
    g_autoptr(CommonsRevision) a = revision_new (nd_record, commons_revision_get_id (nd), REVIEWER_A,
                                                 "2026-01-12T09:00:00.000Z", edited);
    g_autoptr(CommonsRevision) b = revision_new (by_record, commons_revision_get_id (by), REVIEWER_A,
                                                 "2026-01-12T09:00:00.000Z", relicensed);
    g_autoptr(CommonsRevision) c = revision_new (by_record, commons_revision_get_id (by), REVIEWER_A,
                                                 "2026-01-12T09:00:01.000Z", fine);

    expect_quarantined (f, a);
    expect_quarantined (f, b);
    shown = commons_plan_load (f->store, nd_record, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (commons_plan_get_title (shown), ==, "No changes");
    g_clear_object (&shown);
    g_assert_cmpuint (receive (f, c), ==, 0);
    shown = commons_plan_load (f->store, by_record, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (commons_plan_get_license (shown), ==, "cc-by");
    g_assert_cmpstr (commons_plan_get_title (shown), ==, "Attribution, better");
    g_clear_object (&shown);
  }

  /* Its author changes their own no-derivatives plan as they like. */
  {
    g_autoptr(JsonObject) edited = plan_fields ("No changes, by me", "all-rights-reserved");
    g_autoptr(CommonsRevision) a = revision_new (nd_record, commons_revision_get_id (nd), OTHER_PERSON,
                                                 "2026-01-13T09:00:00.000Z", edited);

    g_assert_cmpuint (receive (f, a), ==, 0);
    shown = commons_plan_load (f->store, nd_record, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (commons_plan_get_title (shown), ==, "No changes, by me");
  }
}

/* Restoring an earlier version is an edit, and the license rules hold for
 * it as for any other: a colleague's plan that became no-derivatives is not
 * changed back, only its author relicenses it, and a remix of a
 * non-commercial or share-alike plan keeps its license even where an
 * earlier version (written before the rule) did not. */
static void
test_license_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A colleague's plan, open at first, then no-derivatives. */
  {
    g_autofree char *record = g_uuid_string_random ();
    g_autoptr(JsonObject) open = plan_fields ("Open at first", "cc-by");
    g_autoptr(JsonObject) closed = plan_fields ("Closed later", "cc-by-nd");
    g_autoptr(CommonsRevision) first = add_foreign_revision (f, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                                             "2026-01-10T09:00:00.000Z", open);
    g_autoptr(CommonsRevision) second = add_foreign_revision (f, record, COMMONS_PLAN_KIND,
                                                              commons_revision_get_id (first), OTHER_PERSON,
                                                              "2026-01-11T09:00:00.000Z", closed);

    g_assert_false (commons_plan_restore_revision (f->store, record, commons_revision_get_id (first), &error));
    g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
    g_clear_error (&error);
    g_assert_cmpuint (count_revisions (f, record), ==, 2);
  }

  /* A colleague's open plan whose earlier version had another license:
   * restoring it would relicense the plan. The same license restores. */
  {
    g_autofree char *record = g_uuid_string_random ();
    g_autoptr(JsonObject) zero = plan_fields ("Public domain once", "cc0");
    g_autoptr(JsonObject) by = plan_fields ("Attribution now", "cc-by");
    g_autoptr(JsonObject) by_again = plan_fields ("Attribution, better", "cc-by");
    g_autoptr(CommonsRevision) first = add_foreign_revision (f, record, COMMONS_PLAN_KIND, NULL, OTHER_PERSON,
                                                             "2026-01-10T09:00:00.000Z", zero);
    g_autoptr(CommonsRevision) second = add_foreign_revision (f, record, COMMONS_PLAN_KIND,
                                                              commons_revision_get_id (first), OTHER_PERSON,
                                                              "2026-01-11T09:00:00.000Z", by);
    g_autoptr(CommonsRevision) third = add_foreign_revision (f, record, COMMONS_PLAN_KIND,
                                                             commons_revision_get_id (second), OTHER_PERSON,
                                                             "2026-01-12T09:00:00.000Z", by_again);
    g_autoptr(CommonsPlan) shown = NULL;

    g_assert_false (commons_plan_restore_revision (f->store, record, commons_revision_get_id (first), &error));
    g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
    g_clear_error (&error);
    g_assert_cmpuint (count_revisions (f, record), ==, 3);

    g_assert_true (commons_plan_restore_revision (f->store, record, commons_revision_get_id (second), &error));
    g_assert_no_error (error);
    shown = commons_plan_load (f->store, record, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (commons_plan_get_title (shown), ==, "Attribution now");
    g_assert_cmpstr (commons_plan_get_license (shown), ==, "cc-by");
  }

  /* One's own remix of a non-commercial and of a share-alike plan, with a
   * version relicensed by an app that did not yet keep the rule. */
  {
    static const struct
    {
      const char *original;
      const char *wrong;
    } cases[] = {
      { "cc-by-nc", "cc0" },
      { "cc-by-sa", "cc-by" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *original = add_foreign_plan (f, "Shared with a rule", cases[i].original,
                                                      "2026-01-10T09:00:00.000Z");
        g_autoptr(CommonsPlan) remix = commons_plan_remix (f->store, original, "Ben", NULL, &error);
        g_autoptr(JsonObject) fields = NULL;
        g_autoptr(CommonsRevision) wrong = NULL;
        g_autoptr(CommonsRevision) first = NULL;
        g_autoptr(CommonsPlan) later = NULL;
        g_autoptr(CommonsPlan) shown = NULL;
        const char *record;
        guint n;

        g_test_message ("%s remixed, once %s", cases[i].original, cases[i].wrong);
        g_assert_no_error (error);
        record = commons_plan_get_record (remix);
        first = commons_store_get_current (f->store, record, &error);
        g_assert_no_error (error);
        fields = commons_plan_to_fields (remix);
        json_object_set_string_member (fields, "license", cases[i].wrong);
        g_assert_true (commons_store_edit_record (f->store, record, fields, &error));
        g_assert_no_error (error);
        wrong = commons_store_get_current (f->store, record, &error);
        g_assert_no_error (error);
        later = commons_plan_load (f->store, record, &error);
        g_assert_no_error (error);
        commons_plan_set_license (later, cases[i].original);
        commons_plan_set_title (later, "Shared with a rule, kept");
        g_assert_true (commons_plan_save (later, f->store, &error));
        g_assert_no_error (error);
        n = count_revisions (f, record);

        g_assert_false (commons_plan_restore_revision (f->store, record, commons_revision_get_id (wrong), &error));
        g_assert_error (error, COMMONS_PLAN_ERROR, COMMONS_PLAN_ERROR_LICENSE);
        g_clear_error (&error);
        g_assert_cmpuint (count_revisions (f, record), ==, n);

        /* The version the remix began as restores as ever. */
        g_assert_true (commons_plan_restore_revision (f->store, record, commons_revision_get_id (first), &error));
        g_assert_no_error (error);
        shown = commons_plan_load (f->store, record, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (commons_plan_get_license (shown), ==, cases[i].original);
        g_assert_cmpstr (commons_plan_get_title (shown), ==, "Shared with a rule");
      }
  }

  /* A version of another record is not this record's to restore. */
  {
    g_autofree char *a = add_foreign_plan (f, "One", "cc-by", "2026-01-10T09:00:00.000Z");
    g_autofree char *b = add_foreign_plan (f, "Two", "cc-by", "2026-01-10T09:00:00.000Z");
    g_autoptr(CommonsRevision) head = commons_store_get_current (f->store, b, &error);

    g_assert_no_error (error);
    g_assert_false (commons_plan_restore_revision (f->store, a, commons_revision_get_id (head), &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/license/adaptation", test_license_adaptation);
  g_test_add ("/license/remix-nc", Fixture, NULL, fixture_setup, test_license_remix_nc, fixture_teardown);
  g_test_add ("/license/edit-others", Fixture, NULL, fixture_setup, test_license_edit_others, fixture_teardown);
  g_test_add ("/license/share-others", Fixture, NULL, fixture_setup, test_license_share_others, fixture_teardown);
  g_test_add ("/license/received", Fixture, NULL, fixture_setup, test_license_received, fixture_teardown);
  g_test_add ("/license/restore", Fixture, NULL, fixture_setup, test_license_restore, fixture_teardown);

  return g_test_run ();
}
