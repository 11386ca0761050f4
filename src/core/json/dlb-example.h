/* dlb-example.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-case.h"

G_BEGIN_DECLS

/* Where the built-in Ring–CPD case lives in the core's GResource. */
#define DLB_EXAMPLE_RESOURCE_PATH "/org/deliberate/Deliberate/examples/ring-cpd.json"

/* Registers the core's GResource (the example, the templates) once. */
void      dlb_core_ensure_resources (void);

GBytes   *dlb_example_get_bytes (void);
DlbCase  *dlb_example_load      (GError **error);

G_END_DECLS
