/* dlb-items-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-case-page.h"
#include "dlb-chart-view.h"

G_BEGIN_DECLS

#define DLB_TYPE_ITEMS_PAGE (dlb_items_page_get_type ())

G_DECLARE_FINAL_TYPE (DlbItemsPage, dlb_items_page, DLB, ITEMS_PAGE, DlbCasePage)

GtkListBox   *dlb_items_page_get_list_box (DlbItemsPage *self,
                                           DlbItemKind   kind);
/* The likelihood × impact heat map of all the case's items. */
DlbChartView *dlb_items_page_get_heat_map (DlbItemsPage *self);

G_END_DECLS
