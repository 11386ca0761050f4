/* dlb-weights-dialog.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-model.h"
#include "dlb-weights.h"

G_BEGIN_DECLS

typedef enum
{
  DLB_WEIGHTS_DIALOG_RANKING,  /* order the criteria: rank-order centroid weights */
  DLB_WEIGHTS_DIALOG_AHP,      /* compare every pair on Saaty's 1–9 scale */
} DlbWeightsDialogMode;

#define DLB_TYPE_WEIGHTS_DIALOG (dlb_weights_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlbWeightsDialog, dlb_weights_dialog, DLB, WEIGHTS_DIALOG, AdwWindow)

/* A dialog that derives the criteria weights from a ranking or from
 * pairwise comparisons, showing the weights (and, for AHP, the consistency
 * ratio) as the user works. Nothing reaches the case until Apply, which
 * writes the criteria ranks or the case's "pairwise" comparisons and
 * switches the case to that weighting method. */
DlbWeightsDialog        *dlb_weights_dialog_new             (DlbCase              *kase,
                                                             DlbWeightsDialogMode  mode);
DlbWeightsDialogMode     dlb_weights_dialog_get_mode        (DlbWeightsDialog     *self);
guint                    dlb_weights_dialog_get_n_criteria  (DlbWeightsDialog     *self);
/* The weight criterion @criterion (case order) would get, a fraction. */
double                   dlb_weights_dialog_get_weight      (DlbWeightsDialog     *self,
                                                             guint                 criterion);
/* Ranking: moves the criterion at @from (rank order, 0 = first) to @to. */
void                     dlb_weights_dialog_move            (DlbWeightsDialog     *self,
                                                             guint                 from,
                                                             guint                 to);
/* AHP: how much more criterion @a (case order) matters than @b, 1/9..9,
 * as choosing it on the pair's scale does. */
void                     dlb_weights_dialog_set_judgement   (DlbWeightsDialog     *self,
                                                             guint                 a,
                                                             guint                 b,
                                                             double                judgement);
/* AHP: the consistency of the judgements entered so far. */
const DlbAhpConsistency *dlb_weights_dialog_get_consistency (DlbWeightsDialog     *self);
/* Writes the result to the case (as the Apply button does). */
gboolean                 dlb_weights_dialog_apply           (DlbWeightsDialog     *self,
                                                             GError              **error);

G_END_DECLS
