/* dlb-score.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-entity.h"

G_BEGIN_DECLS

/* Field indexes, in the order of the class's field table. */
typedef enum
{
  DLB_SCORE_ID,
  DLB_SCORE_OPTION,
  DLB_SCORE_CRITERION,
  DLB_SCORE_VALUE,
  DLB_SCORE_LOW,
  DLB_SCORE_HIGH,
  DLB_SCORE_RATIONALE,
  DLB_SCORE_FINDINGS,
  DLB_SCORE_ITEMS,
  DLB_SCORE_SOURCES,
  DLB_SCORE_N_FIELDS
} DlbScoreField;

#define DLB_TYPE_SCORE (dlb_score_get_type ())

G_DECLARE_FINAL_TYPE (DlbScore, dlb_score, DLB, SCORE, DlbEntity)

DlbScore              *dlb_score_new (const char *option_id,
                                      const char *criterion_id);
char                  *dlb_score_make_id (const char *option_id,
                                          const char *criterion_id);

const char *           dlb_score_get_id (DlbScore *self);
const char *           dlb_score_get_option (DlbScore *self);
const char *           dlb_score_get_criterion (DlbScore *self);
double                 dlb_score_get_value (DlbScore *self);
double                 dlb_score_get_low (DlbScore *self);
double                 dlb_score_get_high (DlbScore *self);
const char *           dlb_score_get_rationale (DlbScore *self);
const char * const *   dlb_score_get_findings (DlbScore *self);
const char * const *   dlb_score_get_items (DlbScore *self);
const char * const *   dlb_score_get_sources (DlbScore *self);

G_END_DECLS
