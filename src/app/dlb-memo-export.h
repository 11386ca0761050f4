/* dlb-memo-export.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlb-memo.h"
#include "dlb-store.h"

G_BEGIN_DECLS

/* The memo as the application makes it, writes it and prints it. The Memo
 * page's buttons and the tests go through these same functions, so what
 * the tests check is what the user gets. */

#define DLB_MEMO_EXPORT_ERROR (dlb_memo_export_error_quark ())

typedef enum
{
  DLB_MEMO_EXPORT_ERROR_NO_MEMO,   /* there is no case, hence no memo */
  DLB_MEMO_EXPORT_ERROR_PRINT,     /* the print system failed */
} DlbMemoExportError;

GQuark             dlb_memo_export_error_quark          (void);

/* The paper preference of the "paper-size" key of @settings (the
 * application's, from dlb_settings_new()); DLB_PAPER_AUTO when @settings
 * is NULL, as it is when the schema is not installed. */
DlbPaperSize       dlb_memo_export_get_paper_preference (GSettings     *settings);

/* Analyses @c and builds its memo, the brief one when @brief, on the
 * paper @preference resolves to (the case's own paper size wins; see
 * dlb_memo_resolve_paper). The analysis is returned in @out_result when
 * not NULL. */
DlbDocument       *dlb_memo_export_build                (DlbCase       *c,
                                                         DlbStore      *store,
                                                         DlbPaperSize   preference,
                                                         gboolean       brief,
                                                         DlbResult    **out_result);

/* The same, laid out in a worker thread: the window goes on answering
 * while a long memo is paginated. The case must have been analysed as it
 * is now (its analysis has a result and is not busy); the memo is of the
 * case as it was at the call, whatever changes meanwhile. */
void               dlb_memo_export_build_async          (DlbCase             *c,
                                                         DlbStore            *store,
                                                         DlbPaperSize         preference,
                                                         gboolean             brief,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
/* NULL with @error set when the build was cancelled. */
DlbDocument       *dlb_memo_export_build_finish         (GAsyncResult        *res,
                                                         DlbResult          **out_result,
                                                         GError             **error);

/* A file name for the memo of @c: its title, made safe, with ".pdf"; the
 * brief memo's says so, so that it does not replace the full one. */
char              *dlb_memo_export_suggest_name         (DlbCase       *c,
                                                         gboolean       brief);

/* Writes @doc as PDF to @file. Never leaves a partial file: a local file
 * is written beside and renamed; anything else is replaced only when the
 * whole PDF was written. */
gboolean           dlb_memo_export_to_file              (DlbDocument   *doc,
                                                         GFile         *file,
                                                         GError       **error);

/* Opens @file in the default viewer for its type. */
void               dlb_memo_export_open_file            (GtkWindow     *parent,
                                                         GFile         *file);

/* The memo of @c on pages of @page_width x @page_height points, whatever
 * paper the case asks for: the paper picked in a print dialog. */
DlbDocument       *dlb_memo_export_build_for_page       (DlbCase       *c,
                                                         DlbStore      *store,
                                                         gboolean       brief,
                                                         double         page_width,
                                                         double         page_height);

/* The memo laid out again on pages of @page_width x @page_height points;
 * NULL to print the memo as it is, scaled. */
typedef DlbDocument *(*DlbMemoLayoutFunc) (double   page_width,
                                           double   page_height,
                                           gpointer user_data);

/* A print operation for @doc: one printed page per memo page, drawn by
 * the same function as the PDF, on the memo's paper by default, with the
 * memo's own margins (the printer's are not added to them). When the
 * paper or orientation chosen differs from the memo's, @layout (if not
 * NULL) lays the memo out again for it as printing begins, so that the
 * pages are set for that sheet rather than scaled. @job_name may be NULL.
 * The operation keeps @doc alive, and @user_data until it is finalized. */
GtkPrintOperation *dlb_memo_print_operation_new         (DlbDocument       *doc,
                                                         const char        *job_name,
                                                         DlbMemoLayoutFunc  layout,
                                                         gpointer           user_data,
                                                         GDestroyNotify     destroy);
DlbDocument       *dlb_memo_print_operation_get_document (GtkPrintOperation *operation);

/* Whether a finished print operation of dlb_memo_print_operation_new()
 * went well: FALSE, with @error set, when the print system failed or a
 * page could not be drawn. @result is what the operation returned or
 * passed to GtkPrintOperation::done. */
gboolean           dlb_memo_print_operation_check       (GtkPrintOperation        *operation,
                                                         GtkPrintOperationResult   result,
                                                         GError                  **error);

G_END_DECLS
