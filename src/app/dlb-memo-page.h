/* dlb-memo-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-case-page.h"
#include "dlb-engine.h"
#include "dlb-layout.h"

G_BEGIN_DECLS

/* The Memo page: the recommendation memo as it will print, rebuilt
 * whenever the case changes, with page navigation, zoom, Export PDF… and
 * Print…. */

#define DLB_TYPE_MEMO_PAGE (dlb_memo_page_get_type ())

G_DECLARE_FINAL_TYPE (DlbMemoPage, dlb_memo_page, DLB, MEMO_PAGE, DlbCasePage)

GtkWidget    *dlb_memo_page_new          (void);

/* The memo shown, and the analysis it was built from; NULL without a
 * case. After an edit they are replaced in an idle (while the page is on
 * screen, else when it is next shown). */
DlbDocument  *dlb_memo_page_get_document (DlbMemoPage  *self);
DlbResult    *dlb_memo_page_get_result   (DlbMemoPage  *self);
/* Whether the page shows, prints and exports the brief memo rather than
 * the full one: the memo-settings.memo-length action, "full" or "brief". */
gboolean      dlb_memo_page_get_brief    (DlbMemoPage  *self);
/* Rebuilds the memo now if the case changed since it was built. */
void          dlb_memo_page_update       (DlbMemoPage  *self);

/* What the Export PDF… button does once a file is chosen: writes the
 * memo of the case as it is now to @file, never leaving a partial file. */
gboolean      dlb_memo_page_export       (DlbMemoPage  *self,
                                          GFile        *file,
                                          GError      **error);
/* What Print… runs (a new operation, not yet run): the memo as the case
 * is now, laid out again when printing begins for the paper and
 * orientation chosen in the print dialog. NULL without a case. */
GtkPrintOperation *dlb_memo_page_new_print_operation (DlbMemoPage *self);

/* The file the memo was last exported to (NULL before the first export
 * of this case), and whether the case has changed since, in which case
 * the page says so and offers to export it again. */
GFile        *dlb_memo_page_get_exported_file   (DlbMemoPage *self);
gboolean      dlb_memo_page_get_export_outdated (DlbMemoPage *self);

/* The page's preview widget (a DlbMemoView). */
GtkWidget    *dlb_memo_page_get_view     (DlbMemoPage  *self);

G_END_DECLS
