/* dlb-test-analysis.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-analysis.h"

/* Lets the main loop run until the case's shared analysis follows its
 * last change, as a person waits for the figures to fill in. */
static inline void
dlb_test_wait_for_analysis (DlbCase *c)
{
  DlbAnalysis *analysis = dlb_analysis_for_case (c);
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while ((dlb_analysis_get_busy (analysis) || g_main_context_pending (NULL)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, dlb_analysis_get_busy (analysis));
  g_assert_false (dlb_analysis_get_busy (analysis));
}
