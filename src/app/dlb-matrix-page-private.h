/* dlb-matrix-page-private.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gi18n-lib.h>

#include "dlb-analysis.h"
#include "dlb-charts.h"
#include "dlb-chart-view.h"
#include "dlb-enums.h"
#include "dlb-matrix-page.h"
#include "dlb-score-table.h"

G_BEGIN_DECLS

/* What the files of the Decision Matrix share: the page itself
 * (dlb-matrix-page.c), its weights (dlb-matrix-weights.c), its score
 * grid (dlb-matrix-scores.c), its results (dlb-matrix-results.c) and
 * its actions and dialogs (dlb-matrix-page-actions.c). */

/* A weight being dragged is written to the case once the slider has been
 * still this long: one journal entry per drag, not one per pixel. */
#define COMMIT_DELAY_MS 400

/* While a weight is dragged the page recomputes every frame. When a full
 * analysis takes longer than this, the preview runs fewer Monte Carlo
 * draws and says so; the full count comes back on release. */
#define PREVIEW_BUDGET_US 8000
#define PREVIEW_DRAWS     2000

/* Below this width the results go under the scores and weights. */
#define COLUMNS_BREAK   940
#define COLUMNS_SPACING 24



typedef struct
{
  char      *option_id;
  char      *criterion_id;
  GtkWidget *button;
  GtkWidget *label;
  GtkWidget *range;
  gboolean   scored;
  double     value, low, high;
} ScoreCell;

typedef struct
{
  char      *criterion_id;
  GtkWidget *row;
  GtkWidget *name_label;
  GtkWidget *gate_label;
  GtkWidget *percent_label;
  GtkWidget *scale;
} WeightRow;

/* Options and criteria are edited alike: both begin with a name and a
 * description. */
G_STATIC_ASSERT ((int) DLB_OPTION_NAME == (int) DLB_CRITERION_NAME);
G_STATIC_ASSERT ((int) DLB_OPTION_DESCRIPTION == (int) DLB_CRITERION_DESCRIPTION);
#define FIELD_NAME        DLB_OPTION_NAME
#define FIELD_DESCRIPTION DLB_OPTION_DESCRIPTION

struct _DlbMatrixPage
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  GtkSpinner       *pending_spinner;
  AdwStatusPage    *empty_status;
  DlbScoreTable    *score_grid;
  GtkButton        *method_button;
  GtkDropDown      *method_dropdown;
  GtkLabel         *weights_note;
  GtkListBox       *weights_list;
  GtkDropDown      *perspective_dropdown;
  GtkStringList    *perspective_model;
  GtkLabel         *context_label;
  GtkLabel         *winner_label;
  GtkLabel         *summary_label;
  GtkLabel         *robustness_label;
  GtkBox           *warnings_box;
  DlbChartView     *bars_chart;
  GtkBox           *gates_box;
  GtkLabel         *draws_label;
  GtkListBox       *probability_list;
  GtkDropDown      *criterion_dropdown;
  GtkStringList    *criterion_model;
  DlbChartView     *sensitivity_chart;
  GtkLabel         *sensitivity_label;
  GtkLabel         *agreement_label;
  GtkListBox       *perspectives_list;

  DlbAnalysis      *analysis;     /* of the case shown */
  DlbResult        *result;

  /* What the grid, the weight rows and the dropdowns were built for:
   * rebuilt only when these change, so that an edit never takes the
   * focus away from the control being used. */
  char             *structure_key;
  char             *perspectives_key;
  GPtrArray        *cells;          /* ScoreCell, owned by their buttons */
  GPtrArray        *weight_rows;    /* WeightRow */
  GPtrArray        *total_labels;   /* GtkLabel per option, case order */
  GPtrArray        *perspective_ids;

  char             *perspective;
  char             *criterion;

  /* Weights being dragged: criterion id -> points (double *). */
  GHashTable       *preview;
  guint             commit_timeout;
  guint             tick_id;
  gint64            full_analysis_us;
  gboolean          reduced_draws;
  gboolean          result_stale;   /* a newer analysis came while hidden */
  gboolean          updating;

  /* What the charts draw, kept for their draw callbacks. */
  DlbBar           *bars;
  guint             n_bars;
  DlbSensitivityLine *lines;
  DlbSensitivityChart sensitivity;

  GtkWindow        *editor;
};


/* The page, its formatting and its structure (dlb-matrix-page.c) */
char *_dlb_matrix_page_format_score (double value);
char *_dlb_matrix_page_format_total (double total);
char *_dlb_matrix_page_format_percent (double fraction);
void _dlb_matrix_page_clear_box (GtkWidget *box);
int _dlb_matrix_page_focused_row (GtkListBox *list);
void _dlb_matrix_page_refocus_row (GtkListBox *list,
                                   int         position);
GtkWidget *_dlb_matrix_page_note_label (const char *text,
                                        const char *icon_name,
                                        const char *css_class);
void _dlb_matrix_page_show_error (DlbMatrixPage *self,
                                  const GError  *error);
gboolean _dlb_matrix_page_is_read_only (DlbMatrixPage *self);
void _dlb_matrix_page_update_page (DlbMatrixPage *self);

/* Weights (dlb-matrix-weights.c) */
gboolean _dlb_matrix_page_weights_editable (DlbMatrixPage *self);
void _dlb_matrix_page_analyze (DlbMatrixPage *self);
void _dlb_matrix_page_write_weights (DlbMatrixPage *self,
                                     gboolean       reanalyze);
void _dlb_matrix_page_commit_weights (DlbMatrixPage *self);
void _dlb_matrix_page_weight_row_free (gpointer data);
WeightRow *_dlb_matrix_page_weight_row_new (DlbMatrixPage *self,
                                            DlbEntity     *criterion);
void _dlb_matrix_page_update_weight_rows (DlbMatrixPage *self);
void _dlb_matrix_page_update_weights_header (DlbMatrixPage *self);

/* The score grid (dlb-matrix-scores.c) */
void _dlb_matrix_page_rebuild_grid (DlbMatrixPage *self);
void _dlb_matrix_page_update_grid (DlbMatrixPage *self);

/* Results (dlb-matrix-results.c) */
void _dlb_matrix_page_draw_bars (cairo_t  *cr,
                                 double    width,
                                 double    height,
                                 gpointer  data);
void _dlb_matrix_page_draw_sensitivity (cairo_t  *cr,
                                        double    width,
                                        double    height,
                                        gpointer  data);
void _dlb_matrix_page_update_headline (DlbMatrixPage *self);
void _dlb_matrix_page_update_ranking (DlbMatrixPage *self);
void _dlb_matrix_page_update_probabilities (DlbMatrixPage *self);
void _dlb_matrix_page_update_sensitivity (DlbMatrixPage *self);
void _dlb_matrix_page_perspective_row_activated (GtkListBox    *list,
                                                 GtkListBoxRow *row,
                                                 DlbMatrixPage *self);
void _dlb_matrix_page_update_perspectives (DlbMatrixPage *self);

/* Actions and dialogs (dlb-matrix-page-actions.c) */
void _dlb_matrix_page_method_selected (DlbMatrixPage *self);
void _dlb_matrix_page_perspective_selected (DlbMatrixPage *self);
void _dlb_matrix_page_criterion_selected (DlbMatrixPage *self);
void _dlb_matrix_page_on_method_button_clicked (DlbMatrixPage *self);
void _dlb_matrix_page_add_option_activated (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *parameter);
void _dlb_matrix_page_add_criterion_activated (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *parameter);
void _dlb_matrix_page_edit_activated (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);
void _dlb_matrix_page_update_actions (DlbMatrixPage *self);

G_END_DECLS
