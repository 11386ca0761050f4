/* dlb-memo-view.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlb-layout.h"

G_BEGIN_DECLS

/* A scrolling column of a document's pages on white paper, drawn by
 * dlb_document_draw_page() like the PDF. Only the pages in view are
 * drawn, each once per zoom level. Zoom 1.0 is the paper's actual size
 * (96 pixels to the inch). */

#define DLB_TYPE_MEMO_VIEW (dlb_memo_view_get_type ())

G_DECLARE_FINAL_TYPE (DlbMemoView, dlb_memo_view, DLB, MEMO_VIEW, GtkWidget)

#define DLB_MEMO_VIEW_MIN_ZOOM 0.25
#define DLB_MEMO_VIEW_MAX_ZOOM 4.0

GtkWidget    *dlb_memo_view_new            (void);

DlbDocument  *dlb_memo_view_get_document   (DlbMemoView *self);
/* Shows @doc, staying on the same page (or the last one, when @doc has
 * fewer pages) at the same zoom. */
void          dlb_memo_view_set_document   (DlbMemoView *self,
                                            DlbDocument *doc);
int           dlb_memo_view_get_n_pages    (DlbMemoView *self);

/* The page (0-based) that fills most of the view, or the one last gone
 * to. */
int           dlb_memo_view_get_page       (DlbMemoView *self);
void          dlb_memo_view_set_page       (DlbMemoView *self,
                                            int          page);

/* The zoom the pages are shown at; in fit-width mode, what the width
 * currently gives. Setting it leaves fit-width mode. */
double        dlb_memo_view_get_zoom       (DlbMemoView *self);
void          dlb_memo_view_set_zoom       (DlbMemoView *self,
                                            double       zoom);
gboolean      dlb_memo_view_get_fit_width  (DlbMemoView *self);
void          dlb_memo_view_set_fit_width  (DlbMemoView *self,
                                            gboolean     fit_width);
void          dlb_memo_view_zoom_in        (DlbMemoView *self);
void          dlb_memo_view_zoom_out       (DlbMemoView *self);

/* Find: every place @text occurs in the pages' text, ignoring case, shown
 * highlighted; the first from the current page on becomes the current
 * match and is scrolled to. NULL or "" ends the search. A new document
 * is searched again. */
void          dlb_memo_view_set_search     (DlbMemoView *self,
                                            const char  *text);
const char   *dlb_memo_view_get_search     (DlbMemoView *self);
int           dlb_memo_view_get_n_matches  (DlbMemoView *self);
/* The current match (0-based), or -1 when there is none. */
int           dlb_memo_view_get_current_match (DlbMemoView *self);
const DlbTextMatch *dlb_memo_view_get_match (DlbMemoView *self,
                                             int          index);
/* Makes the next match (or the previous one) current, going round at the
 * ends, and scrolls to it. */
void          dlb_memo_view_find_next      (DlbMemoView *self,
                                            gboolean     backwards);

/* How many pages hold a drawn image right now (the ones in or near view). */
guint         dlb_memo_view_get_n_drawn    (DlbMemoView *self);
/* Whether @page is on screen as drawn from the current document at the
 * current size. */
gboolean      dlb_memo_view_is_drawn       (DlbMemoView *self,
                                            int          page);

G_END_DECLS
