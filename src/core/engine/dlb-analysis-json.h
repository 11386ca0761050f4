/* dlb-analysis-json.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-engine.h"

G_BEGIN_DECLS

/* The result as JSON (`deliberate --analyze --json`), documented in
 * docs/analysis-format.md: deterministic (the same result gives the same
 * bytes), numbers locale-independent, ends with a newline. @c supplies
 * the case's title and question and may be NULL. */
char *dlb_result_to_json (DlbResult *result,
                          DlbCase   *c);

/* A readable, translated summary (`deliberate --analyze`): ranking table,
 * margin, robustness, probabilities, perspectives, gates and warnings.
 * @c may be NULL. */
char *dlb_result_to_text (DlbResult *result,
                          DlbCase   *c);

G_END_DECLS
