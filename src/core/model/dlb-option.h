/* dlb-option.h
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
  DLB_OPTION_ID,
  DLB_OPTION_NAME,
  DLB_OPTION_DESCRIPTION,
  DLB_OPTION_RESOLVES,
  DLB_OPTION_N_FIELDS
} DlbOptionField;

#define DLB_TYPE_OPTION (dlb_option_get_type ())

G_DECLARE_FINAL_TYPE (DlbOption, dlb_option, DLB, OPTION, DlbEntity)

DlbOption             *dlb_option_new (const char *name);

const char *           dlb_option_get_id (DlbOption *self);
const char *           dlb_option_get_name (DlbOption *self);
const char *           dlb_option_get_description (DlbOption *self);
const char * const *   dlb_option_get_resolves (DlbOption *self);

G_END_DECLS
