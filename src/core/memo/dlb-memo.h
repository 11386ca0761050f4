/* dlb-memo.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-engine.h"
#include "dlb-layout.h"

G_BEGIN_DECLS

/* The recommendation memo: built from the case and the engine's result
 * (every figure about the ranking comes from the result), as a
 * DlbDocument that the PDF export, printing and the preview all draw. */

typedef struct
{
  /* The paper when the case's paper size is "auto": DLB_PAPER_AUTO
   * follows the locale (US Letter in North America, A4 elsewhere). */
  DlbPaperSize paper;
  /* Seconds since the epoch for the PDF's dates and an undated memo;
   * -1: SOURCE_DATE_EPOCH when set, else now. */
  gint64       date;
  /* "Deliberate <version>" when NULL. */
  const char  *creator;
  /* The case's history (DlbHistoryGroup, newest first), printed as an
   * appendix of the full memo when the case asks for it; NULL: none is
   * printed. */
  GPtrArray   *history;
  /* The brief memo, about two pages: the header, the recommendation and
   * its robustness, the main reasons and the conditions or next steps;
   * FALSE: the full memo. */
  gboolean     brief;
  /*< private >*/
  gpointer     padding[2];
} DlbMemoOptions;

void          dlb_memo_options_init       (DlbMemoOptions       *options);

/* The paper a locale name ("en_US.UTF-8", "fr_CA", "de_DE") uses: Letter
 * for the territories that use it, A4 otherwise. NULL: the process's
 * locale (LC_PAPER when set, else the environment). */
DlbPaperSize  dlb_memo_paper_for_locale   (const char           *locale);

/* The paper the memo of @c is printed on, given the preference. */
DlbPaperSize  dlb_memo_resolve_paper      (DlbCase              *c,
                                           DlbPaperSize          preference);

/* Builds the memo. @opts may be NULL for the defaults. Never fails: a
 * case with nothing to decide gets a memo that says why. */
DlbDocument  *dlb_memo_build              (DlbCase              *c,
                                           DlbResult            *result,
                                           const DlbMemoOptions *opts);

/* Writes the memo as PDF with its metadata (title, author, subject,
 * creator, dates), outline and links. Atomic: on failure no file is left
 * and the previous file at @path, if any, is untouched. */
gboolean      dlb_memo_write_pdf          (DlbDocument          *doc,
                                           const char           *path,
                                           GError              **error);
gboolean      dlb_memo_write_pdf_stream   (DlbDocument          *doc,
                                           GOutputStream        *stream,
                                           GCancellable         *cancellable,
                                           GError              **error);

G_END_DECLS
