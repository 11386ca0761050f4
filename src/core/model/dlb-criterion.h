/* dlb-criterion.h
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
  DLB_CRITERION_ID,
  DLB_CRITERION_NAME,
  DLB_CRITERION_DESCRIPTION,
  DLB_CRITERION_WEIGHT,
  DLB_CRITERION_MINIMUM,
  DLB_CRITERION_RANK,
  DLB_CRITERION_SWING,
  DLB_CRITERION_N_FIELDS
} DlbCriterionField;

#define DLB_TYPE_CRITERION (dlb_criterion_get_type ())

G_DECLARE_FINAL_TYPE (DlbCriterion, dlb_criterion, DLB, CRITERION, DlbEntity)

DlbCriterion          *dlb_criterion_new (const char *name,
                                          double      weight);
gboolean               dlb_criterion_has_minimum (DlbCriterion *self);

const char *           dlb_criterion_get_id (DlbCriterion *self);
const char *           dlb_criterion_get_name (DlbCriterion *self);
const char *           dlb_criterion_get_description (DlbCriterion *self);
double                 dlb_criterion_get_weight (DlbCriterion *self);
double                 dlb_criterion_get_minimum (DlbCriterion *self);
int                    dlb_criterion_get_rank (DlbCriterion *self);
double                 dlb_criterion_get_swing (DlbCriterion *self);

G_END_DECLS
