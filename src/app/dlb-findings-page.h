/* dlb-findings-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-case-page.h"
#include "dlb-collection-view.h"

G_BEGIN_DECLS

#define DLB_TYPE_FINDINGS_PAGE (dlb_findings_page_get_type ())

G_DECLARE_FINAL_TYPE (DlbFindingsPage, dlb_findings_page, DLB, FINDINGS_PAGE, DlbCasePage)

DlbCollectionView *dlb_findings_page_get_view         (DlbFindingsPage *self);
DlbCollectionView *dlb_findings_page_get_sources_view (DlbFindingsPage *self);
void               dlb_findings_page_show_section     (DlbFindingsPage *self,
                                                       const char      *name);

G_END_DECLS
