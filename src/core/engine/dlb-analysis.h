/* dlb-analysis.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-engine.h"
#include "dlb-recommendation.h"

G_BEGIN_DECLS

/* The current analysis of one open case. It follows the case's changes
 * and owns the DlbResult and the DlbRecommendation every surface reads:
 * the window's pages, the memo and the command line. In a program with a
 * main loop it recomputes in a worker thread, on a snapshot of what the
 * engine reads, and drops a run the case has outdated; "result" is
 * notified when a current one is in. A program without a main loop asks
 * for it with dlb_analysis_update_sync(). */

#define DLB_TYPE_ANALYSIS (dlb_analysis_get_type ())

G_DECLARE_FINAL_TYPE (DlbAnalysis, dlb_analysis, DLB, ANALYSIS, GObject)

/* The analysis of an open case that every surface shares: made on first
 * use with the default seed and draws, and kept as long as the case. */
DlbAnalysis       *dlb_analysis_for_case           (DlbCase                *c);
/* An analysis of one's own, for other seeds or draws: only @options'
 * seed and draws are used; NULL for the defaults. The caller keeps @c
 * alive as long as the analysis. */
DlbAnalysis       *dlb_analysis_new                (DlbCase                *c,
                                                    const DlbEngineOptions *options);
DlbCase           *dlb_analysis_get_case           (DlbAnalysis            *self);
/* The newest result, or NULL before the first one is in. It may lag
 * behind the case while "busy" is TRUE. */
DlbResult         *dlb_analysis_get_result         (DlbAnalysis            *self);
DlbRecommendation *dlb_analysis_get_recommendation (DlbAnalysis            *self);
/* TRUE while the result does not yet follow the case's last change. */
gboolean           dlb_analysis_get_busy           (DlbAnalysis            *self);
/* Brings the result up to date now, on the calling thread, and returns
 * it (borrowed). */
DlbResult         *dlb_analysis_update_sync        (DlbAnalysis            *self);
/* How many analyses have been started (for tests and benchmarks). */
guint              dlb_analysis_get_n_runs         (DlbAnalysis            *self);
void               dlb_analysis_set_held           (DlbAnalysis            *self,
                                                    gboolean                held);

G_END_DECLS
