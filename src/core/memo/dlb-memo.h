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

/* What ties a memo to the case it was made from. The memo's footer shows
 * the short fingerprint; the PDF's keywords keep all of it, so that
 * `deliberate --verify` can tell later whether the memo still says what
 * the case says. */
typedef struct
{
  /* The case's fingerprint (dlb_json_dup_fingerprint()): 64 hex digits. */
  char   *fingerprint;
  /* The case file's identity (dlb_store_get_identity()); NULL when the
   * case has none, as a JSON file or the built-in example. */
  char   *case_identity;
  /* How many entries the case file's journal held; -1 without one. */
  gint64  journal_position;
} DlbMemoStamp;

/* The short fingerprint is the first digits of the whole. */
#define DLB_MEMO_SHORT_FINGERPRINT_LENGTH 12

DlbMemoStamp *dlb_memo_stamp_new          (const char           *fingerprint,
                                           const char           *case_identity,
                                           gint64                journal_position);
DlbMemoStamp *dlb_memo_stamp_copy         (const DlbMemoStamp   *stamp);
void          dlb_memo_stamp_free         (DlbMemoStamp         *stamp);
char         *dlb_memo_stamp_dup_short    (const DlbMemoStamp   *stamp);
/* The stamp as the PDF's keywords carry it, ASCII only:
 * "deliberate-memo=1; sha256=HEX; case=HEX; journal=N", where case and
 * journal are left out when the case has none. */
char         *dlb_memo_stamp_to_keywords  (const DlbMemoStamp   *stamp);
/* NULL when @keywords are not a memo's stamp. Unknown entries are
 * skipped, so a later version may add some. */
DlbMemoStamp *dlb_memo_stamp_from_keywords (const char          *keywords);
/* The stamp of a memo's PDF; NULL when @pdf cannot be read as a PDF or
 * carries no stamp (not a Deliberate memo). */
DlbMemoStamp *dlb_memo_read_stamp         (GBytes               *pdf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlbMemoStamp, dlb_memo_stamp_free)

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
  /* The fingerprint in the footer and the PDF's keywords; NULL: none. */
  const DlbMemoStamp *stamp;
  /* Pages of this size, in points, whatever @paper says: the paper and
   * orientation picked in a print dialog. 0 (both): @paper's. */
  double       page_width;
  double       page_height;
  /* The memo loads its fonts for itself (dlb_document_new_with_own_fonts())
   * so that it may be built in a worker thread and drawn in another. */
  gboolean     own_fonts;
  /*< private >*/
  gpointer     padding[1];
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

/* The stamp the memo was built with, or NULL. */
const DlbMemoStamp *dlb_memo_get_stamp    (DlbDocument          *doc);

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
