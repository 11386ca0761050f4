/* test-weights.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "dlb-weights.h"

#define ORACLE_TOLERANCE 0.0005

static double
sum_of (const double *w,
        guint         n)
{
  double sum = 0.0;

  for (guint i = 0; i < n; i++)
    sum += w[i];
  return sum;
}

/* The oracle: Experience, Education, Charisma, Age. */
static const double oracle_matrix[16] = {
  1.0,       4.0,       3.0,       7.0,
  1.0 / 4.0, 1.0,       1.0 / 3.0, 3.0,
  1.0 / 3.0, 3.0,       1.0,       5.0,
  1.0 / 7.0, 1.0 / 3.0, 1.0 / 5.0, 1.0,
};
static const double oracle_weights[4] = { 0.5476, 0.1266, 0.2699, 0.0559 };

static void
test_ahp_oracle (void)
{
  double w[4];
  DlbAhpConsistency cons;

  dlb_weights_ahp (oracle_matrix, NULL, 4, w, &cons);

  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (w[i], oracle_weights[i], ORACLE_TOLERANCE);
  g_assert_cmpfloat_with_epsilon (sum_of (w, 4), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cons.lambda_max, 4.1184, ORACLE_TOLERANCE);
  g_assert_cmpfloat_with_epsilon (cons.cr, 0.0439, ORACLE_TOLERANCE);
  g_assert_cmpfloat_with_epsilon (cons.ri, 0.90, 1e-12);
  g_assert_cmpfloat_with_epsilon (cons.ci, (cons.lambda_max - 4) / 3, 1e-12);
  g_assert_false (cons.inconsistent);
  g_assert_cmpuint (cons.n_missing, ==, 0);
  g_assert_cmpuint (cons.iterations, <, 10000);

  /* A true eigenvector: A w = lambda w, row by row. */
  for (guint i = 0; i < 4; i++)
    {
      double row = 0.0;

      for (guint j = 0; j < 4; j++)
        row += oracle_matrix[i * 4 + j] * w[j];
      g_assert_cmpfloat_with_epsilon (row, cons.lambda_max * w[i], 1e-9);
    }
}

static void
test_ahp_oracle_from_pairs (void)
{
  const char *ids[] = { "experience", "education", "charisma", "age" };
  g_autoptr(GVariant) pairs = g_variant_ref_sink (g_variant_new_parsed (
    "[('experience', 'education', 4.0), ('experience', 'charisma', 3.0),"
    " ('experience', 'age', 7.0), ('education', 'charisma', 0.3333333333333333),"
    " ('education', 'age', 3.0), ('age', 'charisma', 0.2)]"));
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (guint));
  DlbAhpConsistency cons;
  double w[4];
  guint ignored = 99;

  dlb_weights_ahp_from_pairs (pairs, ids, 4, w, &cons, &ignored, missing);

  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (w[i], oracle_weights[i], ORACLE_TOLERANCE);
  g_assert_cmpfloat_with_epsilon (cons.lambda_max, 4.1184, ORACLE_TOLERANCE);
  g_assert_cmpfloat_with_epsilon (cons.cr, 0.0439, ORACLE_TOLERANCE);
  g_assert_cmpuint (ignored, ==, 0);
  g_assert_cmpuint (missing->len, ==, 0);
  g_assert_cmpuint (cons.n_missing, ==, 0);
}

static void
test_ahp_consistent (void)
{
  const double truth[5] = { 0.35, 0.25, 0.2, 0.15, 0.05 };
  double matrix[25];
  double w[5];
  DlbAhpConsistency cons;

  for (guint i = 0; i < 5; i++)
    for (guint j = 0; j < 5; j++)
      matrix[i * 5 + j] = truth[i] / truth[j];

  dlb_weights_ahp (matrix, NULL, 5, w, &cons);

  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat_with_epsilon (w[i], truth[i], 1e-10);
  g_assert_cmpfloat_with_epsilon (cons.lambda_max, 5.0, 1e-9);
  g_assert_cmpfloat (cons.cr, >=, 0.0);
  g_assert_cmpfloat (cons.cr, <, 1e-9);
  g_assert_false (cons.inconsistent);
}

static void
test_ahp_small (void)
{
  const double two[4] = { 1.0, 3.0, 1.0 / 3.0, 1.0 };
  const double one[1] = { 1.0 };
  double w[2];
  DlbAhpConsistency cons;

  dlb_weights_ahp (two, NULL, 2, w, &cons);
  g_assert_cmpfloat_with_epsilon (w[0], 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (w[1], 0.25, 1e-12);
  g_assert_cmpfloat (cons.cr, ==, 0.0);
  g_assert_cmpfloat (cons.ci, ==, 0.0);

  dlb_weights_ahp (one, NULL, 1, w, &cons);
  g_assert_cmpfloat (w[0], ==, 1.0);
  g_assert_cmpfloat (cons.cr, ==, 0.0);
  g_assert_cmpint (cons.worst_a, ==, -1);

  dlb_weights_ahp (NULL, NULL, 0, NULL, &cons);
  g_assert_cmpfloat (cons.cr, ==, 0.0);
  g_assert_cmpfloat (cons.lambda_max, ==, 0.0);
}

static void
test_ahp_inconsistent_pair (void)
{
  const double truth[4] = { 0.4, 0.3, 0.2, 0.1 };
  double matrix[16];
  double w[4];
  DlbAhpConsistency cons;

  for (guint i = 0; i < 4; i++)
    for (guint j = 0; j < 4; j++)
      matrix[i * 4 + j] = truth[i] / truth[j];
  /* The most important criterion entered as far less important than the
   * least important one: that pair must be the one reported. */
  matrix[0 * 4 + 3] = 1.0 / 9.0;

  dlb_weights_ahp (matrix, NULL, 4, w, &cons);

  g_assert_cmpfloat (cons.cr, >, DLB_AHP_CR_LIMIT);
  g_assert_true (cons.inconsistent);
  g_assert_cmpint (cons.worst_a, ==, 0);
  g_assert_cmpint (cons.worst_b, ==, 3);
  g_assert_cmpfloat_with_epsilon (cons.worst_given, 1.0 / 9.0, 1e-12);
  g_assert_cmpfloat (cons.worst_implied, >, 3 * cons.worst_given);
  g_assert_cmpfloat_with_epsilon (sum_of (w, 4), 1.0, 1e-12);
}

static void
test_ahp_missing_and_ignored (void)
{
  const char *ids[] = { "a", "b", "c" };
  /* b-c missing; an unknown criterion, a self-comparison and an
   * off-scale judgement ignored. */
  g_autoptr(GVariant) pairs = g_variant_ref_sink (g_variant_new_parsed (
    "[('a', 'b', 2.0), ('c', 'a', 0.5), ('a', 'zzz', 3.0), ('a', 'a', 3.0),"
    " ('b', 'c', 12.0)]"));
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (guint));
  DlbAhpConsistency cons;
  double w[3];
  guint ignored = 0;

  dlb_weights_ahp_from_pairs (pairs, ids, 3, w, &cons, &ignored, missing);

  g_assert_cmpuint (ignored, ==, 3);
  g_assert_cmpuint (cons.n_missing, ==, 1);
  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpuint (g_array_index (missing, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (missing, guint, 1), ==, 2);
  /* a = 2b = 2c, b = c: consistent, weights 0.5, 0.25, 0.25. */
  g_assert_cmpfloat_with_epsilon (w[0], 0.5, 1e-10);
  g_assert_cmpfloat_with_epsilon (w[1], 0.25, 1e-10);
  g_assert_cmpfloat_with_epsilon (w[2], 0.25, 1e-10);
  g_assert_cmpfloat (cons.cr, <, 1e-9);

  /* Nothing entered: every pair missing, equal weights. */
  g_array_set_size (missing, 0);
  dlb_weights_ahp_from_pairs (NULL, ids, 3, w, &cons, &ignored, missing);
  g_assert_cmpuint (cons.n_missing, ==, 3);
  g_assert_cmpuint (missing->len, ==, 6);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (w[i], 1.0 / 3.0, 1e-12);
}

static void
test_random_index (void)
{
  const double table[] = { 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48,
                           1.56, 1.57, 1.59 };

  for (guint n = 1; n <= 15; n++)
    g_assert_cmpfloat (dlb_weights_random_index (n), ==, table[n - 1]);
  g_assert_cmpfloat (dlb_weights_random_index (40), ==, 1.59);
  g_assert_cmpfloat (dlb_weights_random_index (0), ==, 0.0);
}

static void
test_roc (void)
{
  const int in_order[4] = { 1, 2, 3, 4 };
  const int shuffled[4] = { 30, 10, 40, 20 };
  const int tied[4] = { 1, 2, 2, 3 };
  const int partial[3] = { 0, 1, 2 };
  const int none[3] = { 0, 0, 0 };
  const double expected[4] = { 0.5208, 0.2708, 0.1458, 0.0625 };
  double w[4];

  g_assert_true (dlb_weights_rank_order_centroid (in_order, 4, w));
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (w[i], expected[i], 0.0001);
  g_assert_cmpfloat_with_epsilon (w[0], 25.0 / 48.0, 1e-12);

  /* Only the order of the ranks matters. */
  g_assert_true (dlb_weights_rank_order_centroid (shuffled, 4, w));
  g_assert_cmpfloat_with_epsilon (w[1], expected[0], 0.0001);
  g_assert_cmpfloat_with_epsilon (w[3], expected[1], 0.0001);
  g_assert_cmpfloat_with_epsilon (w[0], expected[2], 0.0001);
  g_assert_cmpfloat_with_epsilon (w[2], expected[3], 0.0001);

  /* Equal ranks share the places they take. */
  g_assert_true (dlb_weights_rank_order_centroid (tied, 4, w));
  g_assert_cmpfloat_with_epsilon (w[0], 25.0 / 48.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (w[1], (13.0 / 48.0 + 7.0 / 48.0) / 2, 1e-12);
  g_assert_cmpfloat (w[1], ==, w[2]);
  g_assert_cmpfloat_with_epsilon (w[3], 3.0 / 48.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (sum_of (w, 4), 1.0, 1e-12);

  /* Unranked criteria weigh 0. */
  g_assert_true (dlb_weights_rank_order_centroid (partial, 3, w));
  g_assert_cmpfloat (w[0], ==, 0.0);
  g_assert_cmpfloat_with_epsilon (w[1], 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (w[2], 0.25, 1e-12);

  g_assert_false (dlb_weights_rank_order_centroid (none, 3, w));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (w[i], 1.0 / 3.0, 1e-12);
}

static void
test_swing (void)
{
  const double swings[3] = { 100, 50, 25 };
  const double zero[2] = { 0, 0 };
  double w[3];

  g_assert_true (dlb_weights_swing (swings, 3, w));
  g_assert_cmpfloat_with_epsilon (w[0], 100.0 / 175.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (w[1], 50.0 / 175.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (w[2], 25.0 / 175.0, 1e-12);

  g_assert_false (dlb_weights_swing (zero, 2, w));
  g_assert_cmpfloat (w[0], ==, 0.5);
  g_assert_cmpfloat (w[1], ==, 0.5);
}

/* Whatever the points, the weights are finite, non-negative and sum to 1. */
static void
test_normalize_sums_to_one (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint round = 0; round < 500; round++)
    {
      guint n = g_rand_int_range (rand, 1, 40);
      g_autofree double *points = g_new (double, n);
      g_autofree double *w = g_new (double, n);

      for (guint i = 0; i < n; i++)
        {
          switch (g_rand_int_range (rand, 0, 8))
            {
            case 0:
              points[i] = 0.0;
              break;
            case 1:
              points[i] = -g_rand_double_range (rand, 0, 10);
              break;
            case 2:
              points[i] = NAN;
              break;
            case 3:
              points[i] = 1e-300;
              break;
            default:
              points[i] = g_rand_double_range (rand, 0, 1000);
            }
        }

      dlb_weights_normalize (points, n, w);
      for (guint i = 0; i < n; i++)
        {
          g_assert_true (isfinite (w[i]));
          g_assert_cmpfloat (w[i], >=, 0.0);
        }
      g_assert_cmpfloat_with_epsilon (sum_of (w, n), 1.0, 1e-12);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/weights/ahp/oracle", test_ahp_oracle);
  g_test_add_func ("/core/weights/ahp/oracle-from-pairs", test_ahp_oracle_from_pairs);
  g_test_add_func ("/core/weights/ahp/consistent", test_ahp_consistent);
  g_test_add_func ("/core/weights/ahp/small", test_ahp_small);
  g_test_add_func ("/core/weights/ahp/inconsistent-pair", test_ahp_inconsistent_pair);
  g_test_add_func ("/core/weights/ahp/missing-and-ignored", test_ahp_missing_and_ignored);
  g_test_add_func ("/core/weights/ahp/random-index", test_random_index);
  g_test_add_func ("/core/weights/roc", test_roc);
  g_test_add_func ("/core/weights/swing", test_swing);
  g_test_add_func ("/core/weights/normalize", test_normalize_sums_to_one);

  return g_test_run ();
}
