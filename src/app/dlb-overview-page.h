/* dlb-overview-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-case-page.h"

G_BEGIN_DECLS

#define DLB_TYPE_OVERVIEW_PAGE (dlb_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (DlbOverviewPage, dlb_overview_page, DLB, OVERVIEW_PAGE, DlbCasePage)

GtkLabel *dlb_overview_page_get_recommendation_label (DlbOverviewPage *self);
GtkButton *dlb_overview_page_get_edit_button (DlbOverviewPage *self);
guint     dlb_overview_page_get_count                (DlbOverviewPage *self,
                                                      const char      *name);

G_END_DECLS
