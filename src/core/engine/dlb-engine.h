/* dlb-engine.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-model.h"
#include "dlb-weights.h"

G_BEGIN_DECLS

/* The decision engine. dlb_engine_analyze() turns a case into one
 * immutable DlbResult: weights, totals, ranking and ties, gates, exact
 * sensitivity, robustness, Monte Carlo probabilities and perspectives.
 * The memo, the Decision Matrix page and `deliberate --analyze` all read
 * their figures from it; none of them computes a figure of its own.
 *
 * Conventions:
 * - Options and criteria are addressed by index: their position in the
 *   case's option and criterion lists when the analysis ran. The result
 *   copies every id and name it reports, so it stays valid (and unchanged)
 *   after the case is edited or freed.
 * - Weights are fractions summing to 1. Totals are weighted means of
 *   0–10 scores, so they are on the 0–10 scale too.
 * - No figure is ever NaN or infinite, whatever the case holds.
 * - A missing score (an option × criterion pair with no score) counts as
 *   0 with no uncertainty and is reported as unscored. */

/* Totals closer than this are equal (a tie). Used for ranking, places,
 * winners in each Monte Carlo draw, perspectives and sensitivity. */
#define DLB_ENGINE_TIE_TOLERANCE 1e-9

#define DLB_ENGINE_DEFAULT_SEED  G_GUINT64_CONSTANT (20191115)
#define DLB_ENGINE_DEFAULT_DRAWS 10000

typedef struct
{
  /* Monte Carlo: the same seed and draws give the same figures on every
   * machine (the generator is part of the engine). draws = 0 skips the
   * simulation (dlb_result_has_probabilities() is then FALSE). */
  guint64     seed;
  guint       draws;
  /* Analyse under this perspective's weights (criteria it does not list
   * weigh 0) instead of the case's weighting method. NULL: the case's
   * method. An id that is not a perspective of the case is ignored, with a
   * warning in the result. */
  const char *perspective;
  /* GVariant a{sd}, criterion id -> points: previews weights without
   * editing the case (a slider being dragged). When set, weights are
   * direct points: a listed criterion takes the points given, any other
   * criterion its perspective points (when @perspective is set) or its
   * "weight" field. Borrowed; NULL for none. */
  GVariant   *weights;
  /*< private >*/
  gpointer    padding[4];
} DlbEngineOptions;

/* Fills @options with the defaults: DLB_ENGINE_DEFAULT_SEED,
 * DLB_ENGINE_DEFAULT_DRAWS, no perspective, no weights override. */
void dlb_engine_options_init (DlbEngineOptions *options);

/* Why there is, or is not, a winner. */
typedef enum
{
  DLB_RESULT_STATUS_OK,                /* a winner (possibly tied: see dlb_result_get_winner_tied) */
  DLB_RESULT_STATUS_NO_OPTIONS,
  DLB_RESULT_STATUS_NO_CRITERIA,
  DLB_RESULT_STATUS_WEIGHTS_ALL_ZERO,  /* ranked with equal weights, but no recommendation */
  DLB_RESULT_STATUS_ALL_DISQUALIFIED,  /* every option fails a gate */
  DLB_RESULT_STATUS_NO_SCORES,         /* options and criteria, but not one score */
} DlbResultStatus;

/* A gate an option fails: its score on the criterion is below the
 * criterion's minimum. */
typedef struct
{
  guint    criterion;
  double   minimum;
  double   value;      /* the score used (0 when unscored) */
  double   shortfall;  /* minimum - value, > 0 */
  gboolean unscored;
} DlbGateFailure;

/* Sensitivity of the winner to one criterion's weight. The weight w of the
 * criterion runs from 0 to 1 with the other weights rescaled in proportion
 * so that they keep summing to 1 - w; each total is then linear in w:
 *   total_i(w) = w * score_ik + (1 - w) * rest_i
 * where rest_i is the option's total over the other criteria with their
 * own weights renormalised. When the other criteria all weigh 0 (the
 * criterion holds all the weight), rest_i is their equal-weight mean; when
 * the criterion is the only one, rest_i = score_ik (the line is flat).
 * Only options not disqualified by a gate can take over. */
typedef struct
{
  guint    criterion;
  gboolean valid;       /* FALSE when there is no winner: nothing below is meaningful */
  double   weight;      /* the criterion's current weight */
  double   holds_from;  /* the winner stays first for weights in [holds_from, holds_to] */
  double   holds_to;
  int      below;       /* option taking over below holds_from; -1: none (holds_from = 0) */
  int      above;       /* option taking over above holds_to; -1: none (holds_to = 1) */
} DlbSensitivity;

/* The smallest change of a single criterion's weight that changes the
 * winner, over every criterion and both directions. */
typedef struct
{
  int      criterion;   /* -1: no single weight change changes the winner (or no winner) */
  double   weight;      /* its current weight */
  double   threshold;   /* the weight at which another option takes over */
  gboolean rises;       /* TRUE: when the weight rises above threshold; FALSE: falls below */
  double   change;      /* |threshold - weight| */
  int      new_winner;  /* the option that takes over */
} DlbRobustness;

/* The winner under one of the case's perspectives. */
typedef struct
{
  const char *id;
  const char *name;
  const char *stakeholder;       /* stakeholder id, or NULL */
  int         winner;            /* option index, -1 when none */
  gboolean    tied;              /* first place shared (winner is the first of them) */
  gboolean    weights_all_zero;  /* the perspective weighs nothing: no winner */
  gboolean    agrees;            /* same winner as the main result (both not -1) */
} DlbPerspectiveOutcome;

#define DLB_TYPE_RESULT (dlb_result_get_type ())

G_DECLARE_FINAL_TYPE (DlbResult, dlb_result, DLB, RESULT, GObject)

/* Analyses @c. @options may be NULL for the defaults. Never fails: a case
 * with nothing to decide gets a result with no winner and a reason. */
DlbResult             *dlb_engine_analyze                  (DlbCase                *c,
                                                            const DlbEngineOptions *options);

/* Status, winner and messages. */
DlbResultStatus        dlb_result_get_status               (DlbResult  *self);
/* Why there is no winner (translated), or NULL when there is one. */
const char            *dlb_result_get_reason               (DlbResult  *self);
/* Translated notes on what the figures rest on: unscored pairs, pairs
 * missing from the AHP matrix, an inconsistent AHP matrix, unranked
 * criteria, all-zero weights, an unknown perspective. NULL-terminated. */
const char * const    *dlb_result_get_warnings             (DlbResult  *self);
/* Option index of the winner: the best option not disqualified; -1 when
 * none. With a tie for first, the first of the tied options in case order. */
int                    dlb_result_get_winner               (DlbResult  *self);
const char            *dlb_result_get_winner_id            (DlbResult  *self);
gboolean               dlb_result_get_winner_tied          (DlbResult  *self);
/* The next option not disqualified after the winner, or -1. */
int                    dlb_result_get_runner_up            (DlbResult  *self);
/* Winner's total minus the runner-up's; 0 without both. */
double                 dlb_result_get_margin               (DlbResult  *self);

/* Weights. */
DlbWeighting           dlb_result_get_weighting            (DlbResult  *self);
/* The perspective analysed under (options->perspective), or NULL. */
const char            *dlb_result_get_perspective          (DlbResult  *self);
gboolean               dlb_result_get_weights_overridden   (DlbResult  *self);
/* Every weight was 0 (or nothing was ranked): equal weights were used
 * for the totals and there is no winner. */
gboolean               dlb_result_get_weights_all_zero     (DlbResult  *self);
/* AHP consistency, or NULL when the weighting is not AHP. */
const DlbAhpConsistency *dlb_result_get_ahp                (DlbResult  *self);
/* Upper-triangle pairs missing from the AHP matrix (taken as 1), as
 * 2 * n_pairs criterion indexes (i, j); NULL when none. */
const guint           *dlb_result_get_ahp_missing_pairs    (DlbResult  *self,
                                                            guint      *n_pairs);

/* Criteria. */
guint                  dlb_result_get_n_criteria           (DlbResult  *self);
const char            *dlb_result_get_criterion_id         (DlbResult  *self,
                                                            guint       criterion);
const char            *dlb_result_get_criterion_name       (DlbResult  *self,
                                                            guint       criterion);
int                    dlb_result_find_criterion           (DlbResult  *self,
                                                            const char *criterion_id);
/* Normalised weight, a fraction; the weights sum to 1. */
double                 dlb_result_get_weight               (DlbResult  *self,
                                                            guint       criterion);
gboolean               dlb_result_criterion_has_minimum    (DlbResult  *self,
                                                            guint       criterion);
double                 dlb_result_get_criterion_minimum    (DlbResult  *self,
                                                            guint       criterion);

/* Options. */
guint                  dlb_result_get_n_options            (DlbResult  *self);
const char            *dlb_result_get_option_id            (DlbResult  *self,
                                                            guint       option);
const char            *dlb_result_get_option_name          (DlbResult  *self,
                                                            guint       option);
int                    dlb_result_find_option              (DlbResult  *self,
                                                            const char *option_id);
/* The score used for option × criterion (0 when unscored). */
double                 dlb_result_get_score                (DlbResult  *self,
                                                            guint       option,
                                                            guint       criterion);
gboolean               dlb_result_is_unscored              (DlbResult  *self,
                                                            guint       option,
                                                            guint       criterion);
guint                  dlb_result_get_n_unscored           (DlbResult  *self);
/* Weighted total, 0–10. */
double                 dlb_result_get_total                (DlbResult  *self,
                                                            guint       option);
/* Option indexes best first: options not disqualified by total, then the
 * disqualified ones by total; equal totals in case order. @n may be NULL. */
const guint           *dlb_result_get_ranking              (DlbResult  *self,
                                                            guint      *n);
/* 1-based place in the ranking; tied options share a place ("1, 1, 3"). */
guint                  dlb_result_get_place                (DlbResult  *self,
                                                            guint       option);
gboolean               dlb_result_is_disqualified          (DlbResult  *self,
                                                            guint       option);
/* The gates the option fails, in criterion order; NULL when none. */
const DlbGateFailure  *dlb_result_get_gate_failures        (DlbResult  *self,
                                                            guint       option,
                                                            guint      *n_failures);

/* Sensitivity, one entry per criterion. */
const DlbSensitivity  *dlb_result_get_sensitivity          (DlbResult  *self,
                                                            guint       criterion);
/* The line an option's total follows as @criterion's weight runs from 0
 * to 1: total(w) = w * at_one + (1 - w) * at_zero. For the chart. */
void                   dlb_result_get_sensitivity_line     (DlbResult  *self,
                                                            guint       criterion,
                                                            guint       option,
                                                            double     *at_zero,
                                                            double     *at_one);
const DlbRobustness   *dlb_result_get_robustness           (DlbResult  *self);
/* One translated sentence for the memo: "The recommendation holds unless
 * the weight of Crime reduction rises above 34 %." */
const char            *dlb_result_get_robustness_sentence  (DlbResult  *self);

/* Uncertainty (Monte Carlo over each score's low–high range, triangular
 * with the score as its mode; gates applied to each draw's scores). */
gboolean               dlb_result_has_probabilities        (DlbResult  *self);
guint                  dlb_result_get_draws                (DlbResult  *self);
guint                  dlb_result_get_n_ranged             (DlbResult  *self);
const char            *dlb_result_get_no_variation_sentence (DlbResult *self);
guint64                dlb_result_get_seed                 (DlbResult  *self);
/* Share of draws in which the option ranks first among the options that
 * pass the gates in that draw; a tie for first is shared equally. */
double                 dlb_result_get_probability_first    (DlbResult  *self,
                                                            guint       option);
/* Share of draws in which every option fails a gate. The probabilities of
 * ranking first plus this sum to 1. */
double                 dlb_result_get_probability_none     (DlbResult  *self);
/* Share of draws in which the option takes 0-based rank @rank (options
 * passing the gates first, then the others; ties shared equally). */
double                 dlb_result_get_rank_probability     (DlbResult  *self,
                                                            guint       option,
                                                            guint       rank);

/* Perspectives, in case order. */
guint                  dlb_result_get_n_perspectives       (DlbResult  *self);
const DlbPerspectiveOutcome *dlb_result_get_perspective_outcome (DlbResult *self,
                                                                 guint      perspective);
guint                  dlb_result_get_n_agreeing           (DlbResult  *self);
/* "3 of 5 perspectives agree with the recommendation." (translated) */
const char            *dlb_result_get_agreement_sentence   (DlbResult  *self);

/* Stable names for JSON and logs: "ok", "no-options", "no-criteria",
 * "weights-all-zero", "all-disqualified", "no-scores". */
const char            *dlb_result_status_to_nick           (DlbResultStatus status);

G_END_DECLS
