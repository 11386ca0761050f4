/* dlb-source.h
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
  DLB_SOURCE_ID,
  DLB_SOURCE_LABEL,
  DLB_SOURCE_CITATION,
  DLB_SOURCE_URL,
  DLB_SOURCE_DATE,
  DLB_SOURCE_RELIABILITY,
  DLB_SOURCE_N_FIELDS
} DlbSourceField;

#define DLB_TYPE_SOURCE (dlb_source_get_type ())

G_DECLARE_FINAL_TYPE (DlbSource, dlb_source, DLB, SOURCE, DlbEntity)

DlbSource             *dlb_source_new (const char *label);

const char *           dlb_source_get_id (DlbSource *self);
const char *           dlb_source_get_label (DlbSource *self);
const char *           dlb_source_get_citation (DlbSource *self);
const char *           dlb_source_get_url (DlbSource *self);
const char *           dlb_source_get_date (DlbSource *self);
DlbReliability         dlb_source_get_reliability (DlbSource *self);

G_END_DECLS
