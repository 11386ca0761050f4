/* dlb-case-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-case-page"

#include "config.h"

#include "dlb-case-page.h"

typedef struct
{
  DlbStore *store;
  DlbCase  *kase;
  gulong    changed_id;
} DlbCasePagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (DlbCasePage, dlb_case_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_case_changed (DlbCase     *kase,
                 guint        kinds,
                 DlbCasePage *self)
{
  DlbCasePageClass *klass = DLB_CASE_PAGE_GET_CLASS (self);

  if (klass->case_changed != NULL)
    klass->case_changed (self, kinds);
}

static void
take_case (DlbCasePage *self,
           DlbCase     *kase)
{
  DlbCasePagePrivate *priv = dlb_case_page_get_instance_private (self);
  DlbCasePageClass *klass = DLB_CASE_PAGE_GET_CLASS (self);

  if (priv->kase == kase)
    return;

  if (priv->kase != NULL)
    {
      if (klass->case_unset != NULL)
        klass->case_unset (self);
      g_clear_signal_handler (&priv->changed_id, priv->kase);
    }
  g_set_object (&priv->kase, kase);
  if (kase != NULL)
    priv->changed_id = g_signal_connect_object (kase, "changed", G_CALLBACK (on_case_changed), self, 0);

  if (klass->case_set != NULL)
    klass->case_set (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

DlbStore *
dlb_case_page_get_store (DlbCasePage *self)
{
  DlbCasePagePrivate *priv;

  g_return_val_if_fail (DLB_IS_CASE_PAGE (self), NULL);
  priv = dlb_case_page_get_instance_private (self);
  return priv->store;
}

void
dlb_case_page_set_store (DlbCasePage *self,
                         DlbStore    *store)
{
  DlbCasePagePrivate *priv;

  g_return_if_fail (DLB_IS_CASE_PAGE (self));
  g_return_if_fail (store == NULL || DLB_IS_STORE (store));
  priv = dlb_case_page_get_instance_private (self);

  if (!g_set_object (&priv->store, store))
    return;
  take_case (self, store != NULL ? dlb_store_get_case (store) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DlbCase *
dlb_case_page_get_case (DlbCasePage *self)
{
  DlbCasePagePrivate *priv;

  g_return_val_if_fail (DLB_IS_CASE_PAGE (self), NULL);
  priv = dlb_case_page_get_instance_private (self);
  return priv->kase;
}

void
dlb_case_page_set_case (DlbCasePage *self,
                        DlbCase     *kase)
{
  g_return_if_fail (DLB_IS_CASE_PAGE (self));
  g_return_if_fail (kase == NULL || DLB_IS_CASE (kase));

  take_case (self, kase);
}

static void
dlb_case_page_dispose (GObject *object)
{
  DlbCasePage *self = DLB_CASE_PAGE (object);
  DlbCasePagePrivate *priv = dlb_case_page_get_instance_private (self);

  if (priv->kase != NULL)
    g_clear_signal_handler (&priv->changed_id, priv->kase);
  g_clear_object (&priv->kase);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (dlb_case_page_parent_class)->dispose (object);
}

static void
dlb_case_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlbCasePage *self = DLB_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, dlb_case_page_get_store (self));
      break;
    case PROP_CASE:
      g_value_set_object (value, dlb_case_page_get_case (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_case_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlbCasePage *self = DLB_CASE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dlb_case_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_CASE:
      dlb_case_page_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_case_page_class_init (DlbCasePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlb_case_page_dispose;
  object_class->get_property = dlb_case_page_get_property;
  object_class->set_property = dlb_case_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, DLB_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlb_case_page_init (DlbCasePage *self)
{
}
