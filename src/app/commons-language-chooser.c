/* commons-language-chooser.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-language-chooser"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "commons-accessible.h"
#include "commons-language-chooser.h"
#include "commons-language.h"

/* A plan's language, chosen by name in the language of the UI, stored as
 * its BCP 47 tag. The names and the list come from commons-language.c;
 * a tag that is not on the list, such as pt-BR, stays selectable. */

struct _CommonsLanguageChooser
{
  GtkWidget      parent_instance;

  GtkDropDown   *dropdown;
  GtkStringList *names;
  /* Tags in the order of names; the last may be a tag not in iso-codes. */
  GPtrArray     *tags;
  char          *language;
  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (CommonsLanguageChooser, commons_language_chooser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Named for what it chooses, over the language it shows: GTK 4.18 labels
 * the drop-down and its button by the item shown, anew at every choice,
 * so a screen reader said "Not set" where it should say "Language". */
static void
name_controls (CommonsLanguageChooser *self)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->dropdown));

  commons_accessible_set_label (GTK_WIDGET (self->dropdown), _("Language"));
  if (GTK_IS_TOGGLE_BUTTON (button))
    commons_accessible_set_label (button, _("Language"));
}

static void
selected_cb (CommonsLanguageChooser *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);
  const char *tag;

  name_controls (self);
  if (self->filling || selected == GTK_INVALID_LIST_POSITION || selected >= self->tags->len)
    return;
  tag = g_ptr_array_index (self->tags, selected);
  if (g_strcmp0 (tag, self->language) == 0)
    return;
  g_free (self->language);
  self->language = g_strdup (tag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

/* The list: "Not set", every known language, and the current tag when it
 * is not one of them. */
static void
fill (CommonsLanguageChooser *self)
{
  g_auto(GStrv) known = commons_language_dup_known_tags ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  gboolean found = self->language == NULL || *self->language == '\0';

  g_ptr_array_set_size (self->tags, 0);
  g_ptr_array_add (names, g_strdup (_("Not set")));
  g_ptr_array_add (self->tags, g_strdup (""));
  for (guint i = 0; known[i] != NULL; i++)
    {
      g_ptr_array_add (names, commons_language_dup_display_name (known[i]));
      g_ptr_array_add (self->tags, g_strdup (known[i]));
      if (!found && g_ascii_strcasecmp (known[i], self->language) == 0)
        {
          selected = self->tags->len - 1;
          found = TRUE;
        }
    }
  if (!found)
    {
      g_ptr_array_add (names, commons_language_dup_display_name (self->language));
      g_ptr_array_add (self->tags, g_strdup (self->language));
      selected = self->tags->len - 1;
    }
  g_ptr_array_add (names, NULL);

  self->filling = TRUE;
  g_clear_object (&self->names);
  self->names = gtk_string_list_new ((const char * const *) names->pdata);
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (self->names));
  gtk_drop_down_set_selected (self->dropdown, selected);
  self->filling = FALSE;
  name_controls (self);
}

const char *
commons_language_chooser_get_language (CommonsLanguageChooser *self)
{
  g_return_val_if_fail (COMMONS_IS_LANGUAGE_CHOOSER (self), NULL);
  return self->language != NULL ? self->language : "";
}

void
commons_language_chooser_set_language (CommonsLanguageChooser *self,
                                       const char             *tag)
{
  g_return_if_fail (COMMONS_IS_LANGUAGE_CHOOSER (self));

  if (g_strcmp0 (tag, self->language) == 0 && self->names != NULL)
    return;
  g_free (self->language);
  self->language = g_strdup (tag != NULL ? tag : "");
  fill (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

GtkWidget *
commons_language_chooser_new (void)
{
  return g_object_new (COMMONS_TYPE_LANGUAGE_CHOOSER, NULL);
}

static void
commons_language_chooser_dispose (GObject *object)
{
  CommonsLanguageChooser *self = (CommonsLanguageChooser *)object;

  if (self->dropdown != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->dropdown));
      self->dropdown = NULL;
    }
  g_clear_object (&self->names);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (commons_language_chooser_parent_class)->dispose (object);
}

static void
commons_language_chooser_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  CommonsLanguageChooser *self = COMMONS_LANGUAGE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, commons_language_chooser_get_language (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_language_chooser_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  CommonsLanguageChooser *self = COMMONS_LANGUAGE_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      commons_language_chooser_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_language_chooser_class_init (CommonsLanguageChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = commons_language_chooser_dispose;
  object_class->get_property = commons_language_chooser_get_property;
  object_class->set_property = commons_language_chooser_set_property;

  /**
   * CommonsLanguageChooser:language:
   *
   * The chosen language's BCP 47 tag; empty when none is set.
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
commons_language_chooser_init (CommonsLanguageChooser *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  /* Type a few letters of the name to find a language among hundreds. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->dropdown, expression);
  gtk_drop_down_set_enable_search (self->dropdown, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->dropdown), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->dropdown), GTK_WIDGET (self));
  g_signal_connect_object (self->dropdown, "notify::selected", G_CALLBACK (selected_cb),
                           self, G_CONNECT_SWAPPED);
  fill (self);
}
