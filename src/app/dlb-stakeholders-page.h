/* dlb-stakeholders-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-case-page.h"
#include "dlb-chart-view.h"
#include "dlb-collection-view.h"

G_BEGIN_DECLS

#define DLB_TYPE_STAKEHOLDERS_PAGE (dlb_stakeholders_page_get_type ())

G_DECLARE_FINAL_TYPE (DlbStakeholdersPage, dlb_stakeholders_page, DLB, STAKEHOLDERS_PAGE, DlbCasePage)

DlbCollectionView *dlb_stakeholders_page_get_view  (DlbStakeholdersPage *self);
/* The power/interest grid of all the case's stakeholders. */
DlbChartView      *dlb_stakeholders_page_get_chart (DlbStakeholdersPage *self);
DlbCollectionView *dlb_stakeholders_page_get_perspectives_view (DlbStakeholdersPage *self);
void               dlb_stakeholders_page_show_section          (DlbStakeholdersPage *self,
                                                                const char          *name);

G_END_DECLS
