/* dlb-weights.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-weights"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlb-weights.h"

/* Saaty (1980), n = 1…15. */
static const double random_index[] = {
  0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
};

#define AHP_TOLERANCE      1e-12
#define AHP_MAX_ITERATIONS 10000

double
dlb_weights_random_index (guint n)
{
  if (n == 0)
    return 0.0;
  if (n > G_N_ELEMENTS (random_index))
    n = G_N_ELEMENTS (random_index);
  return random_index[n - 1];
}

static void
equal_weights (guint   n,
               double *weights)
{
  for (guint i = 0; i < n; i++)
    weights[i] = 1.0 / n;
}

gboolean
dlb_weights_normalize (const double *points,
                       guint         n,
                       double       *weights)
{
  double sum = 0.0;

  g_return_val_if_fail (n == 0 || (points != NULL && weights != NULL), FALSE);

  for (guint i = 0; i < n; i++)
    if (isfinite (points[i]) && points[i] > 0.0)
      sum += points[i];

  if (!(sum > 0.0) || !isfinite (sum))
    {
      equal_weights (n, weights);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    weights[i] = (isfinite (points[i]) && points[i] > 0.0) ? points[i] / sum : 0.0;

  return TRUE;
}

gboolean
dlb_weights_swing (const double *swings,
                   guint         n,
                   double       *weights)
{
  return dlb_weights_normalize (swings, n, weights);
}

typedef struct
{
  guint index;
  int   rank;
} RankedCriterion;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const RankedCriterion *ra = a;
  const RankedCriterion *rb = b;

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;
  return ra->index < rb->index ? -1 : (ra->index > rb->index);
}

gboolean
dlb_weights_rank_order_centroid (const int *ranks,
                                 guint      n,
                                 double    *weights)
{
  g_autofree RankedCriterion *ranked = NULL;
  g_autofree double *centroid = NULL;
  guint m = 0;

  g_return_val_if_fail (n == 0 || (ranks != NULL && weights != NULL), FALSE);

  ranked = g_new (RankedCriterion, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      weights[i] = 0.0;
      if (ranks[i] > 0)
        {
          ranked[m].index = i;
          ranked[m].rank = ranks[i];
          m++;
        }
    }

  if (m == 0)
    {
      equal_weights (n, weights);
      return FALSE;
    }

  qsort (ranked, m, sizeof *ranked, compare_ranked);

  /* The centroid weight of place p (1-based) among m is
   * (1/m) * sum_{q=p}^{m} 1/q; summed from the last place up. */
  centroid = g_new (double, m);
  {
    double tail = 0.0;

    for (guint p = m; p > 0; p--)
      {
        tail += 1.0 / p;
        centroid[p - 1] = tail / m;
      }
  }

  for (guint start = 0; start < m;)
    {
      guint end = start + 1;
      double share = 0.0;

      while (end < m && ranked[end].rank == ranked[start].rank)
        end++;
      for (guint p = start; p < end; p++)
        share += centroid[p];
      share /= (end - start);
      for (guint p = start; p < end; p++)
        weights[ranked[p].index] = share;
      start = end;
    }

  return TRUE;
}

void
dlb_weights_ahp (const double      *matrix,
                 const gboolean    *missing,
                 guint              n,
                 double            *weights,
                 DlbAhpConsistency *consistency)
{
  g_autofree double *a = NULL;
  g_autofree double *next = NULL;
  DlbAhpConsistency out = { 0 };
  double lambda = 0.0;
  double worst = -1.0;

  g_return_if_fail (n == 0 || (matrix != NULL && weights != NULL));

  out.worst_a = -1;
  out.worst_b = -1;
  out.ri = dlb_weights_random_index (n);

  if (n == 0)
    {
      if (consistency != NULL)
        *consistency = out;
      return;
    }

  /* A full reciprocal matrix from the upper triangle; anything that is not
   * a usable judgement counts as "equally important". */
  a = g_new (double, n * n);
  for (guint i = 0; i < n; i++)
    {
      a[i * n + i] = 1.0;
      for (guint j = i + 1; j < n; j++)
        {
          double v = matrix[i * n + j];

          if (!isfinite (v) || v <= 0.0)
            v = 1.0;
          a[i * n + j] = v;
          a[j * n + i] = 1.0 / v;
          if (missing != NULL && missing[i * n + j])
            out.n_missing++;
        }
    }

  /* Power iteration from the uniform vector: the matrix is positive, so
   * the iteration converges to the Perron vector, the principal
   * eigenvector Saaty's method calls for. */
  next = g_new (double, n);
  equal_weights (n, weights);
  for (out.iterations = 1; out.iterations <= AHP_MAX_ITERATIONS; out.iterations++)
    {
      double sum = 0.0;
      double delta = 0.0;

      for (guint i = 0; i < n; i++)
        {
          double row = 0.0;

          for (guint j = 0; j < n; j++)
            row += a[i * n + j] * weights[j];
          next[i] = row;
          sum += row;
        }
      for (guint i = 0; i < n; i++)
        {
          double w = next[i] / sum;

          delta = MAX (delta, fabs (w - weights[i]));
          weights[i] = w;
        }
      if (delta < AHP_TOLERANCE)
        break;
    }
  out.iterations = MIN (out.iterations, AHP_MAX_ITERATIONS);

  /* With weights summing to 1, A w = lambda w gives sum (A w) = lambda. */
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      lambda += a[i * n + j] * weights[j];
  out.lambda_max = lambda;

  if (n > 2)
    {
      out.ci = MAX (0.0, (lambda - n) / (n - 1));
      out.cr = out.ci / out.ri;
    }
  out.inconsistent = out.cr > DLB_AHP_CR_LIMIT;

  /* The judgement furthest from what the weights imply. The log ratio
   * treats "a over b entered as 3, consistent 9" and "entered 9,
   * consistent 3" alike and is the same from either side of the pair. */
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        double implied = weights[i] / weights[j];
        double departure = fabs (log (a[i * n + j] / implied));

        if (departure > worst)
          {
            worst = departure;
            out.worst_a = i;
            out.worst_b = j;
            out.worst_given = a[i * n + j];
            out.worst_implied = implied;
          }
      }

  if (consistency != NULL)
    *consistency = out;
}

static int
index_of (const char * const *ids,
          guint               n,
          const char         *id)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (ids[i], id) == 0)
      return i;
  return -1;
}

void
dlb_weights_ahp_from_pairs (GVariant           *pairwise,
                            const char * const *criterion_ids,
                            guint               n,
                            double             *weights,
                            DlbAhpConsistency  *consistency,
                            guint              *n_ignored,
                            GArray             *missing_pairs)
{
  g_autofree double *matrix = NULL;
  g_autofree gboolean *missing = NULL;
  guint ignored = 0;

  g_return_if_fail (n == 0 || (criterion_ids != NULL && weights != NULL));
  g_return_if_fail (pairwise == NULL ||
                    g_variant_is_of_type (pairwise, G_VARIANT_TYPE ("a(ssd)")));

  matrix = g_new (double, MAX (n * n, 1));
  missing = g_new (gboolean, MAX (n * n, 1));
  for (guint i = 0; i < n * n; i++)
    {
      matrix[i] = 1.0;
      missing[i] = TRUE;
    }

  if (pairwise != NULL)
    {
      GVariantIter iter;
      const char *ca;
      const char *cb;
      double v;

      g_variant_iter_init (&iter, pairwise);
      while (g_variant_iter_next (&iter, "(&s&sd)", &ca, &cb, &v))
        {
          int ia = index_of (criterion_ids, n, ca);
          int ib = index_of (criterion_ids, n, cb);

          if (ia < 0 || ib < 0 || ia == ib || !isfinite (v) ||
              v < DLB_AHP_MIN_JUDGEMENT - 1e-9 || v > DLB_AHP_MAX_JUDGEMENT + 1e-9)
            {
              ignored++;
              continue;
            }
          if (ia > ib)
            {
              int t = ia;

              ia = ib;
              ib = t;
              v = 1.0 / v;
            }
          matrix[ia * n + ib] = v;
          missing[ia * n + ib] = FALSE;
        }
    }

  if (missing_pairs != NULL)
    for (guint i = 0; i < n; i++)
      for (guint j = i + 1; j < n; j++)
        if (missing[i * n + j])
          {
            g_array_append_val (missing_pairs, i);
            g_array_append_val (missing_pairs, j);
          }

  dlb_weights_ahp (matrix, missing, n, weights, consistency);

  if (n_ignored != NULL)
    *n_ignored = ignored;
}
