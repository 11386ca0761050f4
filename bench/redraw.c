/* redraw.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long a person waits, on the Decision Matrix of the shipped
 * example, from a change of weight to the ranking drawn again:
 * - a slider being dragged: the page previews the new weight itself, in
 *   the frame that draws it;
 * - a weight written to the case: the case's analysis runs in the
 *   background with its 10,000 draws, and the page redraws when it is in.
 * Each figure is the median time from the change to the end of the frame
 * that paints it (the goal: one 16 ms frame). Needs a display (Xvfb). */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <adwaita.h>

#include "dlb-analysis.h"
#include "dlb-example.h"
#include "dlb-matrix-page.h"
#include "dlb-test-util.h"
#include "bench-frames.h"

/* Runs the main loop until @done holds and a frame has painted it;
 * returns the milliseconds from @start. A frame's tick callbacks run
 * before its paint, in the same turn of the main loop: when @done comes
 * true in a turn that painted, that frame painted it; otherwise the next
 * one will. */
static double
wait_for_paint (gboolean (*done) (gpointer),
                gpointer   data,
                gint64     start)
{
  gint64 deadline = start + 30 * G_TIME_SPAN_SECOND;
  guint frames_before = dlb_bench_frames;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      frames_before = dlb_bench_frames;
      g_main_context_iteration (NULL, TRUE);
    }
  if (dlb_bench_frames == frames_before)
    while (dlb_bench_frames == frames_before && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gboolean
preview_shown (gpointer data)
{
  DlbResult *r = dlb_matrix_page_get_result (data);

  return r != NULL && dlb_result_get_weights_overridden (r);
}

static gboolean
analysis_shown (gpointer data)
{
  DlbMatrixPage *page = data;
  DlbAnalysis *analysis = dlb_analysis_for_case (dlb_case_page_get_case (DLB_CASE_PAGE (page)));

  return !dlb_analysis_get_busy (analysis) &&
         dlb_matrix_page_get_result (page) == dlb_analysis_get_result (analysis);
}

static int
compare (const void *a,
         const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare);
  return values[n / 2];
}

static void
settle (DlbMatrixPage *page)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (!analysis_shown (page) || g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  enum { RUNS = 21 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) kase = NULL;
  double preview_ms[RUNS], written_ms[RUNS];
  GtkWidget *window, *page;
  GtkRange *scale;
  DlbCriterion *criterion;

  if (!gtk_init_check ())
    {
      printf ("redraw: no display; run it under xvfb-run\n");
      return 77;
    }
  adw_init ();

  kase = dlb_example_load (&error);
  g_assert_no_error (error);

  page = dlb_matrix_page_new ();
  dlb_case_page_set_case (DLB_CASE_PAGE (DLB_MATRIX_PAGE (page)), kase);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  dlb_bench_count_frames (window);
  /* The weights are shown once the case's first analysis is in. */
  settle (DLB_MATRIX_PAGE (page));

  criterion = DLB_CRITERION (g_list_model_get_item (dlb_case_get_criteria (kase), 0));
  g_object_unref (criterion);
  {
    g_autofree char *name = g_strdup_printf ("weight-%s", dlb_criterion_get_id (criterion));

    scale = GTK_RANGE (dlb_test_find_named (page, name));
    g_assert_nonnull (scale);
  }

  for (guint i = 0; i < RUNS; i++)
    {
      double points = (i % 2 == 0) ? 30 : 10;
      g_auto(GValue) v = G_VALUE_INIT;
      gint64 start;

      /* A drag: the slider moves, the preview follows in its frame. */
      start = g_get_monotonic_time ();
      gtk_range_set_value (scale, points + 5);
      preview_ms[i] = wait_for_paint (preview_shown, page, start);
      settle (DLB_MATRIX_PAGE (page));

      /* A weight written to the case (a drag let go, a typed value). */
      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, points);
      start = g_get_monotonic_time ();
      if (!dlb_case_set_field (kase, DLB_ENTITY (criterion), DLB_CRITERION_WEIGHT, &v, &error))
        g_error ("%s", error->message);
      written_ms[i] = wait_for_paint (analysis_shown, page, start);
      settle (DLB_MATRIX_PAGE (page));
    }

  printf ("redraw: slider preview to ranking painted: median %.2f ms (goal < 16 ms, one frame)\n",
          median (preview_ms, RUNS));
  printf ("redraw: weight written to ranking painted, %u draws in the background: median %.2f ms (goal < 16 ms)\n",
          DLB_ENGINE_DEFAULT_DRAWS, median (written_ms, RUNS));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
