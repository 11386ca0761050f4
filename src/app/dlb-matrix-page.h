/* dlb-matrix-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-case-page.h"
#include "dlb-engine.h"
#include "dlb-model.h"
#include "dlb-score-editor.h"
#include "dlb-weights-dialog.h"

G_BEGIN_DECLS

#define DLB_TYPE_MATRIX_PAGE (dlb_matrix_page_get_type ())

G_DECLARE_FINAL_TYPE (DlbMatrixPage, dlb_matrix_page, DLB, MATRIX_PAGE, DlbCasePage)

/* The Decision Matrix: the options × criteria scores, the weights with
 * live sliders, and the engine's result (ranking, margin, chance of
 * ranking first, sensitivity, robustness and perspectives), recomputed
 * after every edit and while a weight is dragged. */
GtkWidget        *dlb_matrix_page_new                (void);
/* The result every figure on the page comes from, or NULL without a case. */
DlbResult        *dlb_matrix_page_get_result         (DlbMatrixPage *self);
/* Analyse under a perspective's weights; NULL for the case's own. */
const char       *dlb_matrix_page_get_perspective    (DlbMatrixPage *self);
void              dlb_matrix_page_set_perspective    (DlbMatrixPage *self,
                                                      const char    *perspective_id);
/* The criterion the sensitivity chart varies. */
const char       *dlb_matrix_page_get_criterion      (DlbMatrixPage *self);
void              dlb_matrix_page_select_criterion   (DlbMatrixPage *self,
                                                      const char    *criterion_id);
/* Opens (or raises) the editor of one score, as selecting its cell does. */
DlbScoreEditor   *dlb_matrix_page_edit_score         (DlbMatrixPage *self,
                                                      const char    *option_id,
                                                      const char    *criterion_id);
/* Opens the ranking or the pairwise comparison dialog. */
DlbWeightsDialog *dlb_matrix_page_edit_weights       (DlbMatrixPage        *self,
                                                      DlbWeightsDialogMode  mode);

G_END_DECLS
