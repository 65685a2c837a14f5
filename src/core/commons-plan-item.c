/* commons-plan-item.c
 *
 * Copyright 2026 The Commons developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "commons-plan"

#include "config.h"

#include "commons-plan-item.h"

/* One line of a plan's objectives or materials, as an object a view can
 * bind an entry to. GtkStringObject would do, but the core does not link
 * GTK, and its string cannot be changed. */

struct _CommonsPlanItem
{
  GObject  parent_instance;

  char    *text;
};

G_DEFINE_FINAL_TYPE (CommonsPlanItem, commons_plan_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
commons_plan_item_finalize (GObject *object)
{
  CommonsPlanItem *self = (CommonsPlanItem *)object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (commons_plan_item_parent_class)->finalize (object);
}

static void
commons_plan_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommonsPlanItem *self = COMMONS_PLAN_ITEM (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, commons_plan_item_get_text (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_plan_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CommonsPlanItem *self = COMMONS_PLAN_ITEM (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      commons_plan_item_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
commons_plan_item_class_init (CommonsPlanItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = commons_plan_item_finalize;
  object_class->get_property = commons_plan_item_get_property;
  object_class->set_property = commons_plan_item_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
commons_plan_item_init (CommonsPlanItem *self)
{
  self->text = g_strdup ("");
}

CommonsPlanItem *
commons_plan_item_new (const char *text)
{
  return g_object_new (COMMONS_TYPE_PLAN_ITEM, "text", text, NULL);
}

const char *
commons_plan_item_get_text (CommonsPlanItem *self)
{
  g_return_val_if_fail (COMMONS_IS_PLAN_ITEM (self), NULL);
  return self->text;
}

/**
 * commons_plan_item_set_text:
 * @text: (nullable): the line; %NULL is ""
 */
void
commons_plan_item_set_text (CommonsPlanItem *self,
                            const char      *text)
{
  g_return_if_fail (COMMONS_IS_PLAN_ITEM (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * commons_plan_items_dup_strv:
 * @items: a list of #CommonsPlanItem, such as commons_plan_get_objectives()
 *
 * Returns: (transfer full): the items' texts, in order
 */
GStrv
commons_plan_items_dup_strv (GListModel *items)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (items), NULL);

  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommonsPlanItem) item = g_list_model_get_item (items, i);

      g_strv_builder_add (builder, commons_plan_item_get_text (item));
    }
  return g_strv_builder_end (builder);
}
