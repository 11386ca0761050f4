/* bench-cases.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the benchmarks share: cases generated at any size from the shape of
 * the example, and the median of a run of figures. */

#include "config.h"

#include <stdlib.h>

#include "dlb-entity-private.h"

#include "bench-cases.h"

static const char *words[] = {
  "footage", "residents", "retention", "consent", "warrant", "oversight", "sharing",
  "police", "neighbors", "privacy", "audit", "request", "contract", "community",
};

static char *
text (guint seed,
      guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? " " : "", words[(seed * 31 + i * 7) % G_N_ELEMENTS (words)]);
  g_string_append_c (s, '.');
  return g_string_free (s, FALSE);
}

static void
append (DlbCase  *c,
        gpointer  entity)
{
  g_autoptr(GError) error = NULL;

  if (!dlb_case_append (c, DLB_ENTITY (entity), &error))
    g_error ("%s", error->message);
  g_object_unref (entity);
}

DlbCase *
dlb_bench_generate_case (guint n_stakeholders,
                         guint n_findings,
                         guint n_items)
{
  DlbCase *c = dlb_case_new ();
  const char *options[] = { "proposed", "conditional", "decline" };
  guint n_sources = 10 + n_findings / 4;

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_TITLE, "Generated partnership case");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_TO, "Chief Information Office");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_FROM, "Benchmark");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_DATE, "2019-12-02");
  {
    g_autofree char *a = text (1, 120);
    g_autofree char *b = text (2, 90);
    g_autofree char *background = g_strconcat (a, "\n\n", b, NULL);
    _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_BACKGROUND, background);
  }

  for (guint i = 0; i < n_sources; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *label = g_strdup_printf ("Source %u", i + 1);
      g_autofree char *citation = text (i, 25);
      g_autofree char *url = g_strdup_printf ("https://example.org/source/%u", i + 1);
      append (c, g_object_new (DLB_TYPE_SOURCE, "id", id, "label", label, "citation", citation, "url", url, NULL));
    }
  for (guint i = 0; i < n_stakeholders; i++)
    {
      g_autofree char *id = g_strdup_printf ("h%u", i);
      g_autofree char *name = g_strdup_printf ("Stakeholder group %u", i + 1);
      g_autofree char *role = text (i, 18);
      g_autofree char *concern = text (i + 3, 45);
      append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", id, "name", name, "role", role, "concern", concern,
                               "power", 1 + (int) (i % 5), "interest", 1 + (int) ((i / 5) % 5),
                               "stance", (int) (i % 5) - 2, NULL));
    }
  for (guint i = 0; i < n_findings; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);
      g_autofree char *title = g_strdup_printf ("Finding %u on %s", i + 1, words[i % G_N_ELEMENTS (words)]);
      g_autofree char *detail = text (i + 5, 50);
      g_autofree char *condition = text (i + 9, 20);
      g_autofree char *source = g_strdup_printf ("s%u", i % n_sources);
      const char *sources[] = { source, NULL };
      DlbFinding *f = g_object_new (DLB_TYPE_FINDING, "id", id, "title", title, "detail", detail,
                                    "condition", condition, "severity", 1 + (int) (i % 4),
                                    "likelihood", 1 + (int) ((i / 4) % 4), NULL);
      _dlb_entity_set_strv (DLB_ENTITY (f), DLB_FINDING_SOURCES, sources);
      append (c, f);
    }
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("i%u", i);
      g_autofree char *title = g_strdup_printf ("Item %u", i + 1);
      g_autofree char *detail = text (i + 11, 40);
      DlbItem *item = g_object_new (DLB_TYPE_ITEM, "id", id, "title", title, "detail", detail,
                                    "likelihood", 1 + (int) (i % 5), "impact", 1 + (int) ((i / 5) % 5), NULL);
      _dlb_entity_set_enum (DLB_ENTITY (item), DLB_ITEM_KIND, i % 2 ? DLB_ITEM_RISK : DLB_ITEM_OPPORTUNITY);
      append (c, item);
    }
  for (guint k = 0; k < 9; k++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", k);
      g_autofree char *name = g_strdup_printf ("Criterion %u", k + 1);
      append (c, g_object_new (DLB_TYPE_CRITERION, "id", id, "name", name, "weight", 5.0 + k * 2, NULL));
    }
  for (guint o = 0; o < 3; o++)
    append (c, g_object_new (DLB_TYPE_OPTION, "id", options[o], "name", options[o], NULL));
  for (guint o = 0; o < 3; o++)
    for (guint k = 0; k < 9; k++)
      {
        g_autofree char *crit = g_strdup_printf ("c%u", k);
        DlbScore *s = dlb_score_new (options[o], crit);
        double v = (double) ((o * 3 + k * 5) % 11);

        _dlb_entity_set_double (DLB_ENTITY (s), DLB_SCORE_VALUE, v);
        _dlb_entity_set_double (DLB_ENTITY (s), DLB_SCORE_LOW, MAX (v - 1, 0));
        _dlb_entity_set_double (DLB_ENTITY (s), DLB_SCORE_HIGH, MIN (v + 1, 10));
        append (c, s);
      }
  return c;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Sorts @times in place. */
double
dlb_bench_median (double *times,
                  int     n)
{
  qsort (times, n, sizeof (double), compare_double);
  return times[n / 2];
}
