/* dlb-perspective.h
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
  DLB_PERSPECTIVE_ID,
  DLB_PERSPECTIVE_NAME,
  DLB_PERSPECTIVE_DESCRIPTION,
  DLB_PERSPECTIVE_STAKEHOLDER,
  DLB_PERSPECTIVE_WEIGHTS,
  DLB_PERSPECTIVE_N_FIELDS
} DlbPerspectiveField;

#define DLB_TYPE_PERSPECTIVE (dlb_perspective_get_type ())

G_DECLARE_FINAL_TYPE (DlbPerspective, dlb_perspective, DLB, PERSPECTIVE, DlbEntity)

DlbPerspective        *dlb_perspective_new (const char *name);
double                 dlb_perspective_lookup_weight (DlbPerspective *self,
                                                      const char     *criterion_id,
                                                      gboolean       *found);

const char *           dlb_perspective_get_id (DlbPerspective *self);
const char *           dlb_perspective_get_name (DlbPerspective *self);
const char *           dlb_perspective_get_description (DlbPerspective *self);
const char *           dlb_perspective_get_stakeholder (DlbPerspective *self);
GVariant *             dlb_perspective_get_weights (DlbPerspective *self);

G_END_DECLS
