/* commons-member-profile.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-member-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-badge-credential.h"
#include "commons-identity.h"
#include "commons-member-profile.h"
#include "commons-recognition.h"

/* What a member did in a group and the badges it earned, derived from the
 * group's revisions on a worker (commons-recognition.h), and a printable
 * certificate of it. Opened from the member list of the Groups page. */

/* The timeline shows the latest contributions; the counts say how many. */
#define TIMELINE_ROWS 50

struct _CommonsMemberProfile
{
  AdwWindow           parent_instance;

  CommonsSyncManager *manager;
  GCancellable       *cancellable;
  char               *group;
  char               *group_name;
  char               *person;
  char               *name;
  CommonsRecognition *recognition;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  AdwStatusPage      *failed_page;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *counts_group;
  AdwPreferencesGroup *badges_group;
  AdwPreferencesGroup *timeline_group;
};

G_DEFINE_FINAL_TYPE (CommonsMemberProfile, commons_member_profile, ADW_TYPE_WINDOW)

static const struct
{
  CommonsContributionKind  kind;
  const char              *count;
  const char              *event;
} kinds[] = {
  { COMMONS_CONTRIBUTION_PLAN, N_("Plans shared"), N_("Shared a plan") },
  { COMMONS_CONTRIBUTION_REMIXED, N_("Remixes of their plans by others"), N_("A plan was remixed by another member") },
  { COMMONS_CONTRIBUTION_REVIEW, N_("Plan versions reviewed"), N_("Reviewed a version of a plan") },
  { COMMONS_CONTRIBUTION_APPROVED, N_("Their plans approved"), N_("A plan was approved") },
  { COMMONS_CONTRIBUTION_COMMENT, N_("Comments"), N_("Commented on a plan") },
  { COMMONS_CONTRIBUTION_ACCEPTED, N_("Answers accepted"), N_("An answer was accepted") },
};

/* A revision's time as a date in the app's language. */
static char *
format_date (const char *time)
{
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (time, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (parsed == NULL)
    return g_strdup (time);
  local = g_date_time_to_local (parsed);
  /* Translators: a date, as g_date_time_format() writes it; %-d is the
   * day, %B the month's name, %Y the year. */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static GtkWidget *
count_row (const char *title,
           guint       count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
fill (CommonsMemberProfile *self)
{
  g_autoptr(GPtrArray) badges = commons_recognition_dup_badges (self->recognition, self->person);
  GPtrArray *timeline = commons_recognition_get_timeline (self->recognition, self->person);
  GtkWidget *row;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    adw_preferences_group_add (self->counts_group,
                               count_row (_(kinds[i].count),
                                          commons_recognition_count (self->recognition, self->person,
                                                                     kinds[i].kind)));
  adw_preferences_group_add (self->counts_group,
                             count_row (_("Votes received"),
                                        commons_recognition_count_votes_received (self->recognition,
                                                                                  self->person)));

  if (!commons_recognition_get_badges_enabled (self->recognition))
    adw_preferences_group_set_description (self->badges_group, _("The group’s organizers turned badges off."));
  else if (badges->len == 0)
    adw_preferences_group_set_description (self->badges_group, _("No badges yet."));
  for (guint i = 0; i < badges->len; i++)
    {
      CommonsBadge *badge = g_ptr_array_index (badges, i);
      g_autofree char *date = format_date (badge->earned);
      /* Translators: when a badge was earned; %s is a date. */
      g_autofree char *subtitle = g_strdup_printf (_("Earned on %s"), date);

      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(badge->rule->name));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      for (guint j = 0; badge->evidence[j] != NULL; j++)
        {
          GtkWidget *evidence = adw_action_row_new ();

          /* The revisions are named by their ids, which a verifier checks. */
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (evidence), badge->evidence[j]);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (evidence), _("Revision that earned it"));
          adw_action_row_set_title_lines (ADW_ACTION_ROW (evidence), 2);
          gtk_widget_add_css_class (evidence, "monospace");
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), evidence);
        }
      adw_preferences_group_add (self->badges_group, row);
    }

  if (timeline == NULL || timeline->len == 0)
    adw_preferences_group_set_description (self->timeline_group, _("Nothing yet."));
  for (guint i = timeline != NULL ? timeline->len : 0, shown = 0; i > 0 && shown < TIMELINE_ROWS; i--, shown++)
    {
      CommonsContribution *c = g_ptr_array_index (timeline, i - 1);
      g_autofree char *date = format_date (c->time);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(kinds[c->kind].event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
      adw_preferences_group_add (self->timeline_group, row);
    }
}

static gpointer
load_call (CommonsSyncClient  *client,
           CommonsStore       *store,
           gpointer            data,
           GCancellable       *cancellable,
           GError            **error)
{
  return commons_recognition_load (store, data, error);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CommonsMemberProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  CommonsRecognition *recognition;

  g_assert (COMMONS_IS_MEMBER_PROFILE (self));

  recognition = commons_sync_manager_call_finish (COMMONS_SYNC_MANAGER (source), result, &error);
  if (recognition == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->failed_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "failed");
      return;
    }
  g_clear_object (&self->recognition);
  self->recognition = recognition;
  fill (self);
  gtk_stack_set_visible_child_name (self->stack, "profile");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.print", TRUE);
}

/* The certificate. */

static void
append_heading (GString    *out,
                const char *heading)
{
  g_autofree char *escaped = g_markup_escape_text (heading, -1);

  g_string_append_printf (out, "\n<span weight=\"bold\" size=\"130%%\">%s</span>\n", escaped);
}

static char *
certificate_markup (CommonsMemberProfile *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) badges = commons_recognition_dup_badges (self->recognition, self->person);
  g_autofree char *title = g_markup_escape_text (_("Certificate of Recognition"), -1);
  g_autofree char *name = g_markup_escape_text (self->name, -1);
  g_autofree char *group = NULL;
  g_autofree char *did = commons_did_key_from_person (self->person);
  g_autofree char *key = NULL;
  g_autofree char *derived = NULL;

  g_string_append_printf (out, "<span weight=\"bold\" size=\"220%%\">%s</span>\n\n", title);
  g_string_append_printf (out, "<span size=\"180%%\" weight=\"bold\">%s</span>\n", name);
  /* Translators: %s is a group's name. */
  group = g_markup_printf_escaped (_("for their contributions to the group “%s” on Commons"), self->group_name);
  g_string_append_printf (out, "%s\n", group);

  if (commons_recognition_get_badges_enabled (self->recognition) && badges->len > 0)
    {
      append_heading (out, _("Badges"));
      for (guint i = 0; i < badges->len; i++)
        {
          CommonsBadge *badge = g_ptr_array_index (badges, i);
          g_autofree char *date = format_date (badge->earned);
          /* Translators: a badge on a certificate: its name, then when it was earned. */
          g_autofree char *line = g_markup_printf_escaped (_("%s, earned on %s"), _(badge->rule->name), date);
          g_autofree char *criteria = g_markup_escape_text (_(badge->rule->criteria), -1);

          g_string_append_printf (out, "• <b>%s</b>\n   %s\n", line, criteria);
        }
    }

  append_heading (out, _("Contributions"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      /* Translators: a count on a certificate, such as “Plans shared: 3”. */
      g_autofree char *line = g_markup_printf_escaped (_("%s: %u"), _(kinds[i].count),
                                                       commons_recognition_count (self->recognition, self->person,
                                                                                  kinds[i].kind));

      g_string_append_printf (out, "%s\n", line);
    }

  derived = g_markup_escape_text (_("Every number and badge here is derived from the group’s signed revisions, "
                                    "the same on every member’s device. A badge issued as a credential can be "
                                    "checked by anyone with commons-cli badge verify."), -1);
  /* Translators: %s is the member's key, as a did:key. */
  key = g_markup_printf_escaped (_("Member’s key: %s"), did != NULL ? did : self->person);
  g_string_append_printf (out, "\n<small>%s\n%s</small>\n", derived, key);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              const char        *markup)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int layout_height = 0;

  /* Right-to-left languages print from the right. */
  pango_context_set_base_dir (pango_layout_get_context (layout),
                              gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL
                              ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_layout_context_changed (layout);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_markup (layout, markup, -1);

  /* One page: smaller type until it fits. */
  for (double size = 12; size >= 6; size -= 0.5)
    {
      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      pango_layout_set_font_description (layout, font);
      pango_layout_get_size (layout, NULL, &layout_height);
      if (layout_height / (double) PANGO_SCALE <= height)
        break;
    }

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, MAX (0, (height - layout_height / (double) PANGO_SCALE) / 3));
  pango_cairo_show_layout (cr, layout);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               CommonsMemberProfile    *self)
{
  g_autoptr(GError) error = NULL;

  g_assert (COMMONS_IS_MEMBER_PROFILE (self));

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Certificate printed")));
  g_object_unref (operation);
}

/* Offered as a PDF in the Documents folder first: what a head teacher
 * usually asks for is a file. Any printer can be chosen instead. */
static GtkPrintSettings *
certificate_settings (CommonsMemberProfile *self)
{
  GtkPrintSettings *settings = gtk_print_settings_new ();
  const char *folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  /* Translators: the file a certificate is saved in; %s is the member's name. */
  file_name = g_strdup_printf (_("Certificate for %s.pdf"), self->name);
  g_strdelimit (file_name, "/\\", '-');
  path = g_build_filename (folder != NULL ? folder : g_get_home_dir (), file_name, NULL);
  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  if (uri != NULL)
    gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  return settings;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CommonsMemberProfile *self = COMMONS_MEMBER_PROFILE (widget);
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperation *operation;
  g_autofree char *job = NULL;

  if (self->recognition == NULL)
    return;

  settings = certificate_settings (self);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  /* Translators: the print job's name; %s is the member's name. */
  job = g_strdup_printf (_("Certificate for %s"), self->name);
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_print_settings (operation, settings);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), certificate_markup (self),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  /* "done" drops the reference, however the run ends. */
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR &&
      error != NULL)
    commons_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
commons_member_profile_dispose (GObject *object)
{
  CommonsMemberProfile *self = (CommonsMemberProfile *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMMONS_TYPE_MEMBER_PROFILE);

  G_OBJECT_CLASS (commons_member_profile_parent_class)->dispose (object);
}

static void
commons_member_profile_finalize (GObject *object)
{
  CommonsMemberProfile *self = (CommonsMemberProfile *)object;

  g_clear_object (&self->manager);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recognition);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->group_name, g_free);
  g_clear_pointer (&self->person, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (commons_member_profile_parent_class)->finalize (object);
}

static void
commons_member_profile_class_init (CommonsMemberProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_member_profile_dispose;
  object_class->finalize = commons_member_profile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Commons/commons-member-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, stack);
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, failed_page);
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, page);
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, counts_group);
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, badges_group);
  gtk_widget_class_bind_template_child (widget_class, CommonsMemberProfile, timeline_group);

  gtk_widget_class_install_action (widget_class, "profile.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "profile.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
commons_member_profile_init (CommonsMemberProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "profile.print", FALSE);
}

/**
 * commons_member_profile_new:
 * @group: a group this device belongs to
 * @person: the member's person id
 * @name: the member's name, as the group knows it
 *
 * Returns: (transfer full): the profile, counting on a worker
 */
GtkWidget *
commons_member_profile_new (GtkWindow          *parent,
                            CommonsSyncManager *manager,
                            const char         *group,
                            const char         *person,
                            const char         *name)
{
  CommonsMemberProfile *self;
  g_autoptr(CommonsGroup) found = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (group != NULL && person != NULL && name != NULL, NULL);

  self = g_object_new (COMMONS_TYPE_MEMBER_PROFILE, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  self->group = g_strdup (group);
  self->person = g_strdup (person);
  self->name = g_strdup (name);
  found = commons_store_get_group (commons_sync_manager_get_store (manager), group, NULL);
  self->group_name = g_strdup (found != NULL ? found->name : "");
  adw_preferences_page_set_title (self->page, name);
  /* Translators: the profile window's title; %s is a member's name. */
  title = g_strdup_printf (_("%s’s Profile"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  commons_sync_manager_call_async (manager, load_call, g_strdup (group), g_free, g_object_unref,
                                   self->cancellable, load_done_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

typedef struct
{
  CommonsSyncManager *manager;
  char               *group;
  char               *person;
  char               *name;
} Target;

static void
target_free (gpointer  data,
             GClosure *closure)
{
  Target *target = data;

  g_object_unref (target->manager);
  g_free (target->group);
  g_free (target->person);
  g_free (target->name);
  g_free (target);
}

static void
profile_clicked_cb (GtkButton *button,
                    Target    *target)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));
  GtkWidget *profile = commons_member_profile_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   target->manager, target->group, target->person,
                                                   target->name);

  gtk_window_present (GTK_WINDOW (profile));
}

/**
 * commons_member_profile_add_button:
 * @row: a member's row
 * @member: the member as the server lists them
 *
 * Adds a button that opens the member's profile to @row. Members without
 * a key (from before keys) have written nothing that can count: they get
 * none.
 */
void
commons_member_profile_add_button (AdwActionRow       *row,
                                   CommonsSyncManager *manager,
                                   const char         *group,
                                   JsonObject         *member)
{
  const char *person = json_object_get_string_member_with_default (member, "person", NULL);
  const char *name = json_object_get_string_member_with_default (member, "display_name", "");
  g_autofree char *accessible = NULL;
  GtkWidget *button;
  Target *target;

  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  if (commons_person_id_classify (person) != COMMONS_PERSON_KEY)
    return;
  if (*name == '\0')
    name = _("Someone");
  target = g_new0 (Target, 1);
  target->manager = g_object_ref (manager);
  target->group = g_strdup (group);
  target->person = g_strdup (person);
  target->name = g_strdup (name);

  button = gtk_button_new_with_mnemonic (_("_Profile"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the name of a button; %s is a member's name. */
  accessible = g_strdup_printf (_("Profile of %s"), name);
  commons_accessible_set_label (button, accessible);
  g_signal_connect_data (button, "clicked", G_CALLBACK (profile_clicked_cb), target, target_free, 0);
  adw_action_row_add_suffix (row, button);
}
