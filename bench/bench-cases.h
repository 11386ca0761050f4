/* bench-cases.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-model.h"

G_BEGIN_DECLS

/* A case with @n_stakeholders stakeholders, @n_findings findings (and a
 * source for every four), @n_items opportunities and risks, and the
 * example's three options scored on nine criteria. 11, 8 and 8 make a
 * case the size of the example; n times those, the "n×" case. */
DlbCase *dlb_bench_generate_case (guint n_stakeholders,
                                  guint n_findings,
                                  guint n_items);

/* The median of @times, which it sorts in place. */
double   dlb_bench_median        (double *times,
                                  int     n);

G_END_DECLS
