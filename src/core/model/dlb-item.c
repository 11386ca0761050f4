/* dlb-item.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-item"

#include "config.h"

#include "dlb-item.h"
#include "dlb-enums.h"

/* An opportunity or a risk of the partnership, with its likelihood and impact. */
struct _DlbItem
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbItem, dlb_item, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "kind", DLB_FIELD_ENUM, 0, 0, DLB_ITEM_OPPORTUNITY, dlb_item_kind_get_type, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "title", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "detail", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "likelihood", DLB_FIELD_INT, 1, 5, 3, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "impact", DLB_FIELD_INT, 1, 5, 3, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "sources", DLB_FIELD_REF_LIST, 0, 0, 0, NULL, DLB_KIND_SOURCE, DLB_FIELD_FLAG_NONE, 1 },
  { "criterion", DLB_FIELD_REF, 0, 0, 0, NULL, DLB_KIND_CRITERION, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_ITEM_N_FIELDS);

static void
dlb_item_class_init (DlbItemClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_ITEM,
                                   "item", "items", fields, G_N_ELEMENTS (fields));
}

static void
dlb_item_init (DlbItem *self)
{
}

DlbItem *
dlb_item_new (DlbItemKind  kind,
              const char  *title)
{
  return g_object_new (DLB_TYPE_ITEM, "kind", kind, "title", title, NULL);
}


const char *
dlb_item_get_id (DlbItem *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_ITEM_ID);
}

DlbItemKind
dlb_item_get_kind (DlbItem *self)
{
  return (DlbItemKind) dlb_entity_get_enum (DLB_ENTITY (self), DLB_ITEM_KIND);
}

const char *
dlb_item_get_title (DlbItem *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_ITEM_TITLE);
}

const char *
dlb_item_get_detail (DlbItem *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_ITEM_DETAIL);
}

int
dlb_item_get_likelihood (DlbItem *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_ITEM_LIKELIHOOD);
}

int
dlb_item_get_impact (DlbItem *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_ITEM_IMPACT);
}

const char * const *
dlb_item_get_sources (DlbItem *self)
{
  return dlb_entity_get_strv (DLB_ENTITY (self), DLB_ITEM_SOURCES);
}

const char *
dlb_item_get_criterion (DlbItem *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_ITEM_CRITERION);
}
