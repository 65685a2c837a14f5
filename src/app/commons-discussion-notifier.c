/* commons-discussion-notifier.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-discussion-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "commons-discussion-notifier.h"
#include "commons-discussion.h"
#include "commons-plan.h"
#include "commons-record-list.h"

/* After each sync that brought something, tells the person, with a
 * notification, when someone answered one of their questions or commented
 * on one of their plans. Clicking the notification runs app.show-item with
 * the question or plan as target, which opens the window on it. What
 * arrived before the window opened counts as arriving with the first sync,
 * so answers given while the app was closed are told too. */

/* More than this at once is told in one notification. */
#define MAX_SEPARATE 3

struct _CommonsDiscussionNotifier
{
  GObject             parent_instance;

  GApplication       *application;
  CommonsSyncManager *manager;
  GSettings          *settings;
  gint64              stamp;
};

G_DEFINE_FINAL_TYPE (CommonsDiscussionNotifier, commons_discussion_notifier, G_TYPE_OBJECT)

/* The snippet's match markers have no place in a notification. */
static char *
plain_snippet (const char *snippet)
{
  GString *text = g_string_new (NULL);

  for (const char *p = snippet != NULL ? snippet : ""; *p != '\0'; p++)
    if (*p != COMMONS_MATCH_START[0] && *p != COMMONS_MATCH_END[0])
      g_string_append_c (text, *p == '\n' ? ' ' : *p);
  return g_string_free (text, FALSE);
}

static void
notify_one (CommonsDiscussionNotifier *self,
            CommonsDiscussionHit      *hit)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *snippet = plain_snippet (commons_discussion_hit_get_snippet (hit));
  g_autofree char *id = NULL;
  const char *kind = commons_discussion_hit_get_kind (hit);
  const char *who = commons_sync_manager_lookup_person (self->manager, commons_discussion_hit_get_scope (hit),
                                                        commons_discussion_hit_get_author (hit));
  gboolean answer = g_strcmp0 (kind, COMMONS_ANSWER_KIND) == 0;

  if (who == NULL || *who == '\0')
    who = _("Someone");
  if (answer)
    /* Translators: a notification's title; %s is the question's title. */
    title = g_strdup_printf (_("New answer to “%s”"), commons_discussion_hit_get_title (hit));
  else
    /* Translators: a notification's title; %s is the lesson plan's title. */
    title = g_strdup_printf (_("New comment on “%s”"), commons_discussion_hit_get_title (hit));
  /* Translators: a notification's text: who wrote, and the start of what. */
  body = g_strdup_printf (_("%s: %s"), who, snippet);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-item", "(ss)",
                                                answer ? COMMONS_QUESTION_KIND : COMMONS_PLAN_KIND,
                                                commons_discussion_hit_get_target (hit));
  /* One per question or plan: a second answer replaces the first's. */
  id = g_strdup_printf ("discussion-%s", commons_discussion_hit_get_target (hit));
  g_application_send_notification (self->application, id, notification);
}

static void
notify_many (CommonsDiscussionNotifier *self,
             guint                      n)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new answer or comment",
                                        "%u new answers and comments", n), n);
  notification = g_notification_new (title);
  g_notification_set_body (notification, _("Others answered your questions and commented on your lesson plans."));
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (self->application, "discussion", notification);
}

static void
records_changed_cb (CommonsDiscussionNotifier *self,
                    const char                *group)
{
  CommonsStore *store = commons_sync_manager_get_store (self->manager);
  g_autoptr(GListModel) arrivals = NULL;
  g_autoptr(GError) error = NULL;
  gint64 stamp = commons_discussion_get_stamp (store);
  guint n;

  g_assert (COMMONS_IS_DISCUSSION_NOTIFIER (self));

  arrivals = commons_discussion_list_arrivals (store, self->stamp, &error);
  /* What was not told now is not told later: switching notifications on
   * again does not bring back old news. */
  self->stamp = stamp;
  if (arrivals == NULL)
    {
      g_debug ("Cannot list what arrived: %s", error->message);
      return;
    }
  if (!g_settings_get_boolean (self->settings, "discussion-notifications"))
    return;

  n = g_list_model_get_n_items (arrivals);
  if (n > MAX_SEPARATE)
    {
      notify_many (self, n);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsDiscussionHit) hit = g_list_model_get_item (arrivals, i);

      notify_one (self, hit);
    }
}

static void
commons_discussion_notifier_dispose (GObject *object)
{
  CommonsDiscussionNotifier *self = COMMONS_DISCUSSION_NOTIFIER (object);

  g_clear_object (&self->manager);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (commons_discussion_notifier_parent_class)->dispose (object);
}

static void
commons_discussion_notifier_class_init (CommonsDiscussionNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = commons_discussion_notifier_dispose;
}

static void
commons_discussion_notifier_init (CommonsDiscussionNotifier *self)
{
}

/**
 * commons_discussion_notifier_new:
 * @settings: holds "discussion-notifications", the person's choice
 *
 * Returns: (transfer full): a notifier following @manager's syncs
 */
CommonsDiscussionNotifier *
commons_discussion_notifier_new (GApplication       *application,
                                 CommonsSyncManager *manager,
                                 GSettings          *settings)
{
  CommonsDiscussionNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (COMMONS_IS_SYNC_MANAGER (manager), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (COMMONS_TYPE_DISCUSSION_NOTIFIER, NULL);
  self->application = g_object_ref (application);
  self->manager = g_object_ref (manager);
  self->settings = g_object_ref (settings);
  self->stamp = commons_discussion_get_stamp (commons_sync_manager_get_store (manager));
  g_signal_connect_object (manager, "records-changed", G_CALLBACK (records_changed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}
