/* dlb-labels.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlb-types.h"

G_BEGIN_DECLS

/* The words a person reads for the case's enumerated values, translated:
 * one table for the window, the memo and the command line, so that a
 * stance or a status is never worded two ways. */

const char *dlb_label_for_group            (DlbGroup          group);
const char *dlb_label_for_status           (DlbFindingStatus  status);
/* A finding's severity or likelihood, 1-4 (clamped). */
const char *dlb_label_for_level            (int               level);
/* A stakeholder's stance, -2..+2 (clamped). */
const char *dlb_label_for_stance           (int               stance);
const char *dlb_label_for_reliability      (DlbReliability    reliability);
const char *dlb_label_for_item_kind        (DlbItemKind       kind);
const char *dlb_label_for_paper_size       (DlbPaperSize      paper);
/* The method's name ("Pairwise Comparison"), for choosers. */
const char *dlb_label_for_weighting        (DlbWeighting      weighting);
/* The method inside a sentence ("Weights from pairwise comparisons (AHP)."). */
const char *dlb_phrase_for_weighting       (DlbWeighting      weighting);
/* Any of the above by the value's enum type; the nick for other types. */
/* A count with its thousands grouped as the user's language groups them:
 * "10,000" in English, "10.000" in Spanish. */
char       *dlb_format_count               (guint             n);
/* A fraction as a whole percentage, the sign kept with its number:
 * "38 %" with a no-break space. */
char       *dlb_format_percent             (double            fraction);

/* The findings by status, as the memo and the Overview give them. */
#define DLB_N_FINDING_STATUSES 4
void        dlb_findings_count_by_status   (GListModel       *findings,
                                            guint             counts[DLB_N_FINDING_STATUSES]);
/* "8 findings: 1 open, 7 need a contract condition, 0 resolved, 0 accepted." */
char       *dlb_findings_dup_status_summary (const guint      counts[DLB_N_FINDING_STATUSES]);
/* Findings still to answer: open or needing a condition. */
guint       dlb_findings_count_unresolved  (const guint       counts[DLB_N_FINDING_STATUSES]);
/* "1 open · 7 need a condition": which statuses the unresolved count holds. */
char       *dlb_findings_dup_unresolved_detail (const guint   counts[DLB_N_FINDING_STATUSES]);
const char *dlb_label_for_enum_value       (GType             enum_type,
                                            int               value);

/* What a screen reader says for a row of a list, one sentence with
 * everything the row shows: "Chicago residents, Residents, power 3,
 * interest 5, Neutral". */
char       *dlb_sentence_for_stakeholder   (DlbStakeholder   *stakeholder);
/* @number counts from 1, as the findings are numbered in the memo. */
char       *dlb_sentence_for_finding       (DlbFinding       *finding,
                                            guint             number);
char       *dlb_sentence_for_item          (DlbItem          *item);
/* @weight is the criterion's share of the total weight, 0-1, as the
 * analysis gives it. */
char       *dlb_sentence_for_criterion     (DlbCriterion     *criterion,
                                            double            weight);

G_END_DECLS
