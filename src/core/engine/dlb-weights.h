/* dlb-weights.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The numerical side of the weighting methods, usable without a case: the
 * engine derives a case's weights with these, and the ranking and AHP
 * dialogs call them to show weights and the consistency ratio while the
 * user is still entering judgements.
 *
 * Every function writes weights that are fractions summing to 1 (within
 * rounding) and never NaN. */

/* Saaty's consistency ratio above which an AHP matrix is flagged. */
#define DLB_AHP_CR_LIMIT 0.10

/* Saaty's 1–9 scale: a judgement outside [1/9, 9] is refused. */
#define DLB_AHP_MIN_JUDGEMENT (1.0 / 9.0)
#define DLB_AHP_MAX_JUDGEMENT 9.0

typedef struct
{
  double   lambda_max;     /* principal eigenvalue of the matrix */
  double   ci;             /* (lambda_max - n) / (n - 1); 0 for n <= 2 */
  double   ri;             /* Saaty's random index for n */
  double   cr;             /* ci / ri; 0 for n <= 2 */
  gboolean inconsistent;   /* cr > DLB_AHP_CR_LIMIT */
  /* The judgement that departs most from the weights, measured as
   * |ln (a_ij * w_j / w_i)| (symmetric in i and j, 0 when consistent);
   * -1 when n < 2. */
  int      worst_a;
  int      worst_b;
  double   worst_given;    /* a_ij as entered (or 1 when missing) */
  double   worst_implied;  /* w_i / w_j: the judgement consistent with the weights */
  guint    n_missing;      /* upper-triangle pairs not entered (taken as 1) */
  guint    iterations;     /* power iterations used */
} DlbAhpConsistency;

/* Saaty's 1980 random index for an n × n matrix (n = 1…15; larger n use
 * the n = 15 value, 1.59). */
double   dlb_weights_random_index      (guint                n);

/* Fractions proportional to @points (negative or non-finite points count
 * as 0). Returns FALSE, and writes equal weights, when every point is 0. */
gboolean dlb_weights_normalize         (const double        *points,
                                        guint                n,
                                        double              *weights);

/* Rank-order centroid weights from ranks (1 = most important). Rank 0 means
 * "unranked" and weighs 0. Equal ranks share the centroid weights of the
 * places they occupy equally; only the order of ranks matters, gaps are
 * ignored. Returns FALSE, and writes equal weights, when nothing is ranked. */
gboolean dlb_weights_rank_order_centroid (const int         *ranks,
                                          guint              n,
                                          double            *weights);

/* Swing weights: each criterion's swing (0–100, the most important swing
 * rated 100) over their sum. Returns FALSE, and writes equal weights, when
 * every swing is 0. */
gboolean dlb_weights_swing             (const double        *swings,
                                        guint                n,
                                        double              *weights);

/* AHP: @matrix is n × n row-major, matrix[i*n+j] = how much more criterion
 * i matters than j. The reciprocal entries below the diagonal are read
 * from above it (matrix[j*n+i] is ignored for j > i, and the diagonal is
 * taken as 1), so a caller only fills the upper triangle. @missing, if not
 * NULL, flags upper-triangle entries that were not entered (n × n, same
 * layout), counted in @consistency->n_missing.
 *
 * Weights are the principal right eigenvector, by power iteration until
 * no component moves by more than 1e-12. */
void     dlb_weights_ahp               (const double        *matrix,
                                        const gboolean      *missing,
                                        guint                n,
                                        double              *weights,
                                        DlbAhpConsistency   *consistency);

/* AHP from a case's "pairwise" value (GVariant a(ssd): criterion a,
 * criterion b, how much more a matters than b). Entries naming a criterion
 * not in @criterion_ids, comparing a criterion with itself or holding a
 * judgement outside [1/9, 9] are skipped and counted in @n_ignored; when
 * a pair is given twice, the last entry counts. Pairs never given are
 * taken as 1. @missing_pairs, if not NULL, receives the upper-triangle
 * pairs not given, as consecutive (i, j) criterion indexes (an array of
 * guint, owned by the caller). @pairwise may be NULL (nothing entered). */
void     dlb_weights_ahp_from_pairs    (GVariant            *pairwise,
                                        const char * const  *criterion_ids,
                                        guint                n,
                                        double              *weights,
                                        DlbAhpConsistency   *consistency,
                                        guint               *n_ignored,
                                        GArray              *missing_pairs);

G_END_DECLS
