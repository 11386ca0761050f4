/* dlb-finding.h
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
  DLB_FINDING_ID,
  DLB_FINDING_TITLE,
  DLB_FINDING_DETAIL,
  DLB_FINDING_SOURCES,
  DLB_FINDING_SEVERITY,
  DLB_FINDING_LIKELIHOOD,
  DLB_FINDING_STATUS,
  DLB_FINDING_CONDITION,
  DLB_FINDING_CRITERION,
  DLB_FINDING_N_FIELDS
} DlbFindingField;

#define DLB_TYPE_FINDING (dlb_finding_get_type ())

G_DECLARE_FINAL_TYPE (DlbFinding, dlb_finding, DLB, FINDING, DlbEntity)

DlbFinding            *dlb_finding_new (const char *title);

const char *           dlb_finding_get_id (DlbFinding *self);
const char *           dlb_finding_get_title (DlbFinding *self);
const char *           dlb_finding_get_detail (DlbFinding *self);
const char * const *   dlb_finding_get_sources (DlbFinding *self);
int                    dlb_finding_get_severity (DlbFinding *self);
int                    dlb_finding_get_likelihood (DlbFinding *self);
DlbFindingStatus       dlb_finding_get_status (DlbFinding *self);
const char *           dlb_finding_get_condition (DlbFinding *self);
const char *           dlb_finding_get_criterion (DlbFinding *self);

G_END_DECLS
