/* commons-group-section.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-group-section"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-discussion.h"
#include "commons-group-members-row.h"
#include "commons-group-rule.h"
#include "commons-group-section.h"
#include "commons-group-sync-row.h"
#include "commons-record-list.h"

/* One group on the groups page: how its sync stands, records edited in
 * two places, its discussion, sharing, inviting, its rules, members and
 * leaving. It follows its own group: the manager's signals and the
 * store's changes to the group's records update its rows in place, so
 * a change elsewhere neither rebuilds it nor takes the focus from it.
 *
 * Its buttons name group.* actions with the group's id as their target;
 * the page that holds the sections has those actions. */

struct _CommonsGroupSection
{
  AdwPreferencesGroup     parent_instance;

  CommonsSyncManager     *manager;
  CommonsGroup           *group;
  /* Rows made for the records edited in two places. */
  GPtrArray              *conflict_rows;
  /* Set while the rows show a value written elsewhere, which is not an
   * edit to write back. */
  guint                   showing : 1;

  /* Template widgets */
  CommonsGroupSyncRow    *sync_row;
  AdwActionRow           *quarantine_row;
  AdwActionRow           *discussion_row;
  GtkButton              *questions_button;
  AdwActionRow           *share_plan_row;
  GtkButton              *share_plan_button;
  AdwActionRow           *share_note_row;
  GtkButton              *share_note_button;
  AdwActionRow           *invite_row;
  GtkButton              *invite_button;
  AdwActionRow           *approvals_row;
  GtkSpinButton          *approvals_spin;
  GtkAdjustment          *approvals_adjustment;
  AdwActionRow           *badges_row;
  GtkSwitch              *badges_switch;
  CommonsGroupMembersRow *members_row;
  AdwActionRow           *leave_row;
  GtkButton              *leave_button;
};

G_DEFINE_FINAL_TYPE (CommonsGroupSection, commons_group_section, ADW_TYPE_PREFERENCES_GROUP)

static CommonsStore *
get_store (CommonsGroupSection *self)
{
  return commons_sync_manager_get_store (self->manager);
}

static gboolean
is_organizer (CommonsGroupSection *self)
{
  return g_strcmp0 (self->group->role, "organizer") == 0;
}

static void
toast (CommonsGroupSection *self,
       const char          *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    commons_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

/* A button at a row's end: named for what it does in this group, and
 * what activating the row activates. */
static void
name_button (AdwActionRow *row,
             GtkButton    *button,
             const char   *accessible)
{
  commons_accessible_set_label (GTK_WIDGET (button), accessible);
  commons_action_row_set_activatable_widget (row, GTK_WIDGET (button));
}

/* A member's name as this device knows it from the member list. */
static char *
member_name (CommonsGroupSection *self,
             const char          *member)
{
  JsonArray *members = commons_sync_manager_get_members (self->manager, self->group->id);

  for (guint i = 0; members != NULL && i < json_array_get_length (members); i++)
    {
      JsonNode *node = json_array_get_element (members, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "id", ""), member) == 0)
        {
          const char *name = json_object_get_string_member_with_default (object, "display_name", "");

          if (*name != '\0')
            return g_strdup (name);
        }
    }
  return NULL;
}

/* "3 changes from Ben could not be read", and why, in plain words. */
static void
update_quarantine_row (CommonsGroupSection *self)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GHashTable) senders = g_hash_table_new (g_str_hash, g_str_equal);
  guint total = 0;

  counts = commons_store_count_quarantined (get_store (self), self->group->id, NULL);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      CommonsQuarantineCount *count = g_ptr_array_index (counts, i);

      total += count->count;
      g_hash_table_add (senders, count->sender);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->quarantine_row), total > 0);
  if (total == 0)
    return;

  if (g_hash_table_size (senders) == 1)
    name = member_name (self, ((CommonsQuarantineCount *) g_ptr_array_index (counts, 0))->sender);
  if (name != NULL)
    /* Translators: %u changes, %s a member's name. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change from %s could not be read",
                                          "%u changes from %s could not be read", total), total, name);
  else if (g_hash_table_size (senders) == 1)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change from another member could not be read",
                                          "%u changes from another member could not be read", total), total);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u changes from other members could not be read",
                                          "%u changes from other members could not be read", total), total);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->quarantine_row), title);
  /* The most common reason; the rest is for the command line. */
  adw_action_row_set_subtitle (self->quarantine_row,
                               commons_quarantine_reason_describe (
                                 ((CommonsQuarantineCount *) g_ptr_array_index (counts, 0))->reason));
}

/* Shows the rule as this replica holds it now: after a write here, or
 * one that came in. */
static void
update_approvals_row (CommonsGroupSection *self)
{
  guint n = commons_group_rule_get_approvals (get_store (self), self->group->id);

  if (is_organizer (self))
    {
      if (gtk_spin_button_get_value_as_int (self->approvals_spin) != (int) n)
        {
          self->showing = TRUE;
          gtk_spin_button_set_value (self->approvals_spin, n);
          self->showing = FALSE;
        }
    }
  else
    {
      g_autofree char *subtitle = NULL;

      /* Translators: the group's rule, as members who cannot change it see it. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "A plan is approved once %u person other than its author approves it",
                                               "A plan is approved once %u people other than its author approve it",
                                               n), n);
      adw_action_row_set_subtitle (self->approvals_row, subtitle);
    }
}

static void
approvals_changed_cb (CommonsGroupSection *self,
                      GtkSpinButton       *spin)
{
  g_autoptr(GError) error = NULL;

  g_assert (COMMONS_IS_GROUP_SECTION (self));

  if (self->showing || self->group == NULL)
    return;
  /* Written at once, like any edit; the sync that follows sends it. */
  if (!commons_group_rule_set_approvals (get_store (self), self->group->id,
                                         gtk_spin_button_get_value_as_int (spin), &error))
    {
      toast (self, error->message);
      update_approvals_row (self);
    }
}

/* Shows whether the group shows badges, as this replica holds it now. */
static void
update_badges_row (CommonsGroupSection *self)
{
  gboolean on = commons_group_rule_get_badges (get_store (self), self->group->id);

  if (is_organizer (self))
    {
      if (gtk_switch_get_active (self->badges_switch) != on)
        {
          self->showing = TRUE;
          gtk_switch_set_active (self->badges_switch, on);
          self->showing = FALSE;
        }
    }
  else
    adw_action_row_set_subtitle (self->badges_row,
                                 on ? _("Members earn badges for what they share, review and answer")
                                    : _("The organizers turned badges off for this group"));
}

static void
badges_changed_cb (CommonsGroupSection *self,
                   GParamSpec          *pspec,
                   GtkSwitch           *toggle)
{
  g_autoptr(GError) error = NULL;

  g_assert (COMMONS_IS_GROUP_SECTION (self));

  if (self->showing || self->group == NULL)
    return;
  /* Written at once, like the approval rule; the next sync sends it. */
  if (!commons_group_rule_set_badges (get_store (self), self->group->id,
                                      gtk_switch_get_active (toggle), &error))
    {
      toast (self, error->message);
      update_badges_row (self);
    }
}

/* Records edited in two places, each with the way to settle it, after
 * the rows on how sync stands. */
static void
update_conflicts (CommonsGroupSection *self)
{
  static const char *kinds[] = { "plan", "note", NULL };
  CommonsStore *store = get_store (self);
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (self->discussion_row));

  for (guint i = 0; i < self->conflict_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->conflict_rows, i));
  g_ptr_array_set_size (self->conflict_rows, 0);

  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_autoptr(GArray) rows = commons_store_list_conflicts (store, kinds[k], self->group->id, NULL);

      for (guint i = 0; rows != NULL && i < rows->len; i++)
        {
          g_autoptr(CommonsRecordSummary) summary = NULL;
          g_autofree char *accessible = NULL;
          const char *title;
          GtkWidget *button;
          GtkWidget *row;

          summary = commons_record_summary_load (store, g_array_index (rows, gint64, i), NULL);
          if (summary == NULL)
            continue;

          title = commons_record_summary_get_title (summary);
          if (title == NULL || *title == '\0')
            title = _("Untitled");
          /* Translators: the name of a button that opens the conflict view; %s is a title. */
          accessible = g_strdup_printf (_("Resolve “%s”"), title);
          button = gtk_button_new_with_mnemonic (_("_Resolve…"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "suggested-action");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "group.resolve");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                            commons_record_summary_get_id (summary));
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Edited in two places"));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
          name_button (ADW_ACTION_ROW (row), GTK_BUTTON (button), accessible);
          /* AdwPreferencesGroup only appends; these go before the
           * discussion row, in the list box that holds the rows. */
          gtk_list_box_insert (GTK_LIST_BOX (list), row,
                               gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->discussion_row)));
          g_ptr_array_add (self->conflict_rows, row);
        }
    }
}

/* How much of the group's discussion is new. */
static void
update_discussion (CommonsGroupSection *self)
{
  guint n_new = commons_discussion_count_new (get_store (self), self->group->id);
  g_autofree char *subtitle = NULL;

  if (n_new > 0)
    /* Translators: new comments on the group's plans, and new questions
     * and answers in it, since they were last opened. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new comment, question or answer",
                                             "%u new comments, questions and answers", n_new), n_new);
  else
    subtitle = g_strdup (_("Nothing new"));
  adw_action_row_set_subtitle (self->discussion_row, subtitle);
}

static void
members_changed_cb (CommonsGroupSection *self)
{
  g_assert (COMMONS_IS_GROUP_SECTION (self));

  update_quarantine_row (self);
}

/**
 * commons_group_section_refresh:
 *
 * Shows the group as the store and the manager hold it now: after a sync,
 * or a change to a member.
 */
void
commons_group_section_refresh (CommonsGroupSection *self)
{
  g_return_if_fail (COMMONS_IS_GROUP_SECTION (self));

  commons_group_sync_row_update (self->sync_row);
  update_quarantine_row (self);
  update_conflicts (self);
  update_discussion (self);
  update_approvals_row (self);
  update_badges_row (self);
  commons_group_members_row_update (self->members_row);
  commons_accessible_name_inner_widgets (GTK_WIDGET (self));
}

static void
state_changed_cb (CommonsGroupSection *self,
                  const char          *group)
{
  g_assert (COMMONS_IS_GROUP_SECTION (self));

  /* The sync row follows the state itself; what a sync kept aside is
   * shown here. */
  if (g_strcmp0 (group, self->group->id) == 0)
    update_quarantine_row (self);
}

static void
records_changed_cb (CommonsGroupSection *self,
                    const char          *group)
{
  g_assert (COMMONS_IS_GROUP_SECTION (self));

  if (g_strcmp0 (group, self->group->id) == 0)
    commons_group_section_refresh (self);
}

static void
record_changed_cb (CommonsGroupSection *self,
                   const char          *record,
                   const char          *kind,
                   CommonsStore        *store)
{
  g_autofree char *scope = NULL;

  g_assert (COMMONS_IS_GROUP_SECTION (self));

  /* Private notes change with every pause in typing; they never show
   * here. A new rule only changes its own row, so the focus stays on the
   * spin button that wrote it. */
  scope = commons_store_get_scope (store, record, NULL);
  if (g_strcmp0 (scope, self->group->id) != 0)
    return;
  if (g_strcmp0 (kind, COMMONS_GROUP_RULE_KIND) == 0)
    {
      update_approvals_row (self);
      update_badges_row (self);
      return;
    }
  /* A conflict resolved here, or a plan shared, changes the rows too. */
  commons_group_sync_row_update (self->sync_row);
  update_quarantine_row (self);
  update_conflicts (self);
  update_discussion (self);
  commons_accessible_name_inner_widgets (GTK_WIDGET (self));
}

const CommonsGroup *
commons_group_section_get_group (CommonsGroupSection *self)
{
  g_return_val_if_fail (COMMONS_IS_GROUP_SECTION (self), NULL);

  return self->group;
}

static void
commons_group_section_dispose (GObject *object)
{
  CommonsGroupSection *self = COMMONS_GROUP_SECTION (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_GROUP_SECTION);
  g_clear_object (&self->manager);
  g_clear_pointer (&self->group, commons_group_free);
  g_clear_pointer (&self->conflict_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (commons_group_section_parent_class)->dispose (object);
}

static void
commons_group_section_class_init (CommonsGroupSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_group_section_dispose;

  g_type_ensure (COMMONS_TYPE_GROUP_MEMBERS_ROW);
  g_type_ensure (COMMONS_TYPE_GROUP_SYNC_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-group-section.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, sync_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, quarantine_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, discussion_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, questions_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, share_plan_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, share_plan_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, share_note_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, share_note_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, invite_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, invite_button);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, approvals_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, approvals_spin);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, approvals_adjustment);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, badges_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, badges_switch);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, members_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, leave_row);
  gtk_widget_class_bind_template_child (widget_class, CommonsGroupSection, leave_button);
  gtk_widget_class_bind_template_callback (widget_class, approvals_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, badges_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, members_changed_cb);
}

static void
commons_group_section_init (CommonsGroupSection *self)
{
  /* Until a group is set, the spin button and the switch write nothing. */
  self->showing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->showing = FALSE;
  self->conflict_rows = g_ptr_array_new ();
}

/* Names every control after the group it acts on, points its action at
 * the group, and shows what only organizers may change. */
static void
setup (CommonsGroupSection *self)
{
  const CommonsGroup *group = self->group;
  g_autofree char *description = NULL;
  g_autofree char *accessible = NULL;
  gboolean organizer = is_organizer (self);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), group->name);
  /* Translators: a server's address, then the name this person goes by in the group. */
  description = g_strdup_printf (_("%s · you appear as %s"), group->server,
                                 group->display_name != NULL ? group->display_name : "");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);

  commons_group_sync_row_set_group (self->sync_row, self->manager, group);

  /* Translators: the accessible name of a button; %s is a group's name. */
  accessible = g_strdup_printf (_("Open the Questions of %s"), group->name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->questions_button), "s", group->id);
  name_button (self->discussion_row, self->questions_button, accessible);
  g_clear_pointer (&accessible, g_free);

  accessible = g_strdup_printf (_("Share a Lesson Plan With %s"), group->name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->share_plan_button), "(ss)", group->id, "plan");
  name_button (self->share_plan_row, self->share_plan_button, accessible);
  g_clear_pointer (&accessible, g_free);

  accessible = g_strdup_printf (_("Share a Note With %s"), group->name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->share_note_button), "(ss)", group->id, "note");
  name_button (self->share_note_row, self->share_note_button, accessible);
  g_clear_pointer (&accessible, g_free);

  gtk_widget_set_visible (GTK_WIDGET (self->invite_row), organizer);
  if (organizer)
    {
      accessible = g_strdup_printf (_("Invite People to %s"), group->name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->invite_button), "s", group->id);
      name_button (self->invite_row, self->invite_button, accessible);
      g_clear_pointer (&accessible, g_free);
    }
  else
    /* A hidden row's button still has an action: give it a group. */
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->invite_button), NULL);

  if (organizer)
    {
      self->showing = TRUE;
      gtk_adjustment_configure (self->approvals_adjustment,
                                commons_group_rule_get_approvals (get_store (self), group->id),
                                COMMONS_GROUP_RULE_MIN_APPROVALS,
                                COMMONS_GROUP_RULE_MAX_APPROVALS, 1, 1, 0);
      gtk_switch_set_active (self->badges_switch,
                             commons_group_rule_get_badges (get_store (self), group->id));
      self->showing = FALSE;

      /* Translators: the accessible name of a number field; %s is a group's name. */
      accessible = g_strdup_printf (_("Approvals Needed in %s"), group->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->approvals_spin),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_clear_pointer (&accessible, g_free);
      adw_action_row_set_subtitle (self->approvals_row,
                                   _("How many people other than a plan’s author must approve it"));
      gtk_widget_set_visible (GTK_WIDGET (self->approvals_spin), TRUE);

      /* Translators: the accessible name of a switch; %s is a group's name. */
      accessible = g_strdup_printf (_("Badges in %s"), group->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->badges_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_clear_pointer (&accessible, g_free);
      adw_action_row_set_subtitle (self->badges_row,
                                   _("Members earn badges for what they share, review and answer"));
      gtk_widget_set_visible (GTK_WIDGET (self->badges_switch), TRUE);
    }

  commons_group_members_row_set_group (self->members_row, self->manager, group);

  accessible = g_strdup_printf (_("Leave %s"), group->name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->leave_button), "s", group->id);
  name_button (self->leave_row, self->leave_button, accessible);
}

/**
 * commons_group_section_new:
 * @group: the group to show, copied
 *
 * Returns: (transfer floating): a section that keeps itself up to date
 */
GtkWidget *
commons_group_section_new (CommonsSyncManager *manager,
                           const CommonsGroup *group)
{
  CommonsGroupSection *self;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (group != NULL && group->id != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_GROUP_SECTION, NULL);
  self->manager = g_object_ref (manager);
  self->group = commons_group_copy (group);
  setup (self);

  g_signal_connect_object (manager, "state-changed", G_CALLBACK (state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "records-changed", G_CALLBACK (records_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (get_store (self), "record-changed", G_CALLBACK (record_changed_cb),
                           self, G_CONNECT_SWAPPED);

  commons_group_section_refresh (self);
  return GTK_WIDGET (self);
}
