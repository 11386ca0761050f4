/* dlb-item.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-entity.h"

G_BEGIN_DECLS

/* Field indexes, in the order of the class's field table. */
typedef enum
{
  DLB_ITEM_ID,
  DLB_ITEM_KIND,
  DLB_ITEM_TITLE,
  DLB_ITEM_DETAIL,
  DLB_ITEM_LIKELIHOOD,
  DLB_ITEM_IMPACT,
  DLB_ITEM_SOURCES,
  DLB_ITEM_CRITERION,
  DLB_ITEM_N_FIELDS
} DlbItemField;

#define DLB_TYPE_ITEM (dlb_item_get_type ())

G_DECLARE_FINAL_TYPE (DlbItem, dlb_item, DLB, ITEM, DlbEntity)

DlbItem               *dlb_item_new (DlbItemKind kind,
                                     const char *title);

const char *           dlb_item_get_id (DlbItem *self);
DlbItemKind            dlb_item_get_kind (DlbItem *self);
const char *           dlb_item_get_title (DlbItem *self);
const char *           dlb_item_get_detail (DlbItem *self);
int                    dlb_item_get_likelihood (DlbItem *self);
int                    dlb_item_get_impact (DlbItem *self);
const char * const *   dlb_item_get_sources (DlbItem *self);
const char *           dlb_item_get_criterion (DlbItem *self);

G_END_DECLS
