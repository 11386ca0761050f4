/* dlb-stakeholder.h
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
  DLB_STAKEHOLDER_ID,
  DLB_STAKEHOLDER_NAME,
  DLB_STAKEHOLDER_GROUP,
  DLB_STAKEHOLDER_ROLE,
  DLB_STAKEHOLDER_CONCERN,
  DLB_STAKEHOLDER_POWER,
  DLB_STAKEHOLDER_INTEREST,
  DLB_STAKEHOLDER_STANCE,
  DLB_STAKEHOLDER_CONSULTED,
  DLB_STAKEHOLDER_CONSULTATION_NOTE,
  DLB_STAKEHOLDER_N_FIELDS
} DlbStakeholderField;

#define DLB_TYPE_STAKEHOLDER (dlb_stakeholder_get_type ())

G_DECLARE_FINAL_TYPE (DlbStakeholder, dlb_stakeholder, DLB, STAKEHOLDER, DlbEntity)

DlbStakeholder        *dlb_stakeholder_new (const char *name);

const char *           dlb_stakeholder_get_id (DlbStakeholder *self);
const char *           dlb_stakeholder_get_name (DlbStakeholder *self);
DlbGroup               dlb_stakeholder_get_group (DlbStakeholder *self);
const char *           dlb_stakeholder_get_role (DlbStakeholder *self);
const char *           dlb_stakeholder_get_concern (DlbStakeholder *self);
int                    dlb_stakeholder_get_power (DlbStakeholder *self);
int                    dlb_stakeholder_get_interest (DlbStakeholder *self);
int                    dlb_stakeholder_get_stance (DlbStakeholder *self);
gboolean               dlb_stakeholder_get_consulted (DlbStakeholder *self);
const char *           dlb_stakeholder_get_consultation_note (DlbStakeholder *self);

G_END_DECLS
