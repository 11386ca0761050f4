/* engine.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long a full analysis takes: a case the size of the shipped example
 * (3 options × 9 criteria) and a large generated one (50 × 60), each with
 * sensitivity for every criterion, perspectives and 10,000 Monte Carlo
 * draws. Prints the median of several runs in milliseconds. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dlb-entity-private.h"
#include "dlb-engine.h"

static DlbCase *
make_case (guint n_options,
           guint n_criteria,
           guint n_perspectives,
           guint seed)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  for (guint k = 0; k < n_criteria; k++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", k);
      g_autofree char *name = g_strdup_printf ("Criterion %u", k);
      g_autoptr(DlbCriterion) criterion =
        g_object_new (DLB_TYPE_CRITERION, "id", id, "name", name,
                      "weight", (double) g_rand_int_range (rand, 1, 40), NULL);

      /* A gate on every fourth criterion, low enough to rarely bite. */
      if (k % 4 == 3)
        _dlb_entity_set_double (DLB_ENTITY (criterion), DLB_CRITERION_MINIMUM, 1.5);
      g_assert_true (dlb_case_append (c, DLB_ENTITY (criterion), NULL));
    }

  for (guint i = 0; i < n_options; i++)
    {
      g_autofree char *id = g_strdup_printf ("o%u", i);
      g_autofree char *name = g_strdup_printf ("Option %u", i);
      g_autoptr(DlbOption) option = g_object_new (DLB_TYPE_OPTION, "id", id, "name", name, NULL);

      g_assert_true (dlb_case_append (c, DLB_ENTITY (option), NULL));
    }

  /* Every score uncertain: the Monte Carlo's worst case. */
  for (guint i = 0; i < n_options; i++)
    for (guint k = 0; k < n_criteria; k++)
      {
        g_autofree char *option_id = g_strdup_printf ("o%u", i);
        g_autofree char *criterion_id = g_strdup_printf ("c%u", k);
        g_autoptr(DlbScore) score = dlb_score_new (option_id, criterion_id);
        double value = g_rand_double_range (rand, 2, 9);

        _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_VALUE, value);
        _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_LOW,
                                value - g_rand_double_range (rand, 0.1, 2));
        _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_HIGH,
                                MIN (10.0, value + g_rand_double_range (rand, 0.1, 1)));
        g_assert_true (dlb_case_append (c, DLB_ENTITY (score), NULL));
      }

  for (guint p = 0; p < n_perspectives; p++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", p);
      g_autoptr(DlbPerspective) perspective = g_object_new (DLB_TYPE_PERSPECTIVE, "id", id,
                                                            "name", id, NULL);
      GVariantBuilder builder;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
      for (guint k = 0; k < n_criteria; k++)
        {
          g_autofree char *criterion_id = g_strdup_printf ("c%u", k);

          g_variant_builder_add (&builder, "{sd}", criterion_id,
                                 (double) g_rand_int_range (rand, 0, 30));
        }
      _dlb_entity_set_variant (DLB_ENTITY (perspective), DLB_PERSPECTIVE_WEIGHTS,
                               g_variant_builder_end (&builder));
      g_assert_true (dlb_case_append (c, DLB_ENTITY (perspective), NULL));
    }

  return g_steal_pointer (&c);
}

static int
compare_times (const void *a,
               const void *b)
{
  gint64 ta = *(const gint64 *) a;
  gint64 tb = *(const gint64 *) b;

  return ta < tb ? -1 : ta > tb;
}

static double
median_ms (DlbCase *c,
           guint    runs)
{
  g_autofree gint64 *times = g_new (gint64, runs);
  DlbEngineOptions options;

  dlb_engine_options_init (&options);

  /* One run to warm the caches. */
  g_object_unref (dlb_engine_analyze (c, &options));

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(DlbResult) result = dlb_engine_analyze (c, &options);

      times[r] = g_get_monotonic_time () - start;
      g_assert_true (dlb_result_has_probabilities (result));
    }

  qsort (times, runs, sizeof *times, compare_times);
  if (runs % 2 == 1)
    return times[runs / 2] / 1000.0;
  return (times[runs / 2 - 1] + times[runs / 2]) / 2000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(DlbCase) example = make_case (3, 9, 5, 1);
  g_autoptr(DlbCase) large = make_case (50, 60, 10, 2);
  double example_ms = median_ms (example, 51);
  double large_ms = median_ms (large, 11);

  printf ("engine: example size (3 options × 9 criteria, %u draws): median %.3f ms (target < 1 ms)\n",
          DLB_ENGINE_DEFAULT_DRAWS, example_ms);
  printf ("engine: large (50 options × 60 criteria, full sensitivity, %u draws): median %.3f ms (target < 50 ms)\n",
          DLB_ENGINE_DEFAULT_DRAWS, large_ms);

  return 0;
}
