/* memo-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long the window stops answering while the Memo page writes the
 * memo again after a change of weight, on the shipped example and on a
 * case 20 times its size. The page lays the memo out in a worker thread:
 * the figure is the longest single turn of the main loop from the change
 * until the new memo is painted, beside the time until it is, and the
 * time the same memo takes to build at once on the main thread. Each is
 * the median of several changes. Needs a display (Xvfb). */

#include "config.h"

#include <stdio.h>

#include <adwaita.h>

#include "dlb-analysis.h"
#include "dlb-example.h"
#include "dlb-memo-export.h"
#include "dlb-memo-page.h"

#include "bench-cases.h"
#include "bench-frames.h"

enum { RUNS = 7 };

/* Turns the main loop until @page shows a memo other than @old and a
 * frame has painted it; *longest_ms is the longest single turn. Returns
 * the milliseconds from @start. */
static double
wait_for_memo (DlbMemoPage *page,
               DlbDocument *old,
               gint64       start,
               double      *longest_ms)
{
  gint64 deadline = start + 60 * G_TIME_SPAN_SECOND;
  guint painted = 0;
  gboolean shown = FALSE;

  *longest_ms = 0;
  while (g_get_monotonic_time () < deadline)
    {
      gint64 before = g_get_monotonic_time ();
      gboolean dispatched = g_main_context_iteration (NULL, FALSE);

      *longest_ms = MAX (*longest_ms, (g_get_monotonic_time () - before) / 1000.0);
      if (!shown && dlb_memo_page_get_document (page) != NULL && dlb_memo_page_get_document (page) != old)
        {
          shown = TRUE;
          painted = dlb_bench_frames;
        }
      if (shown && dlb_bench_frames != painted)
        break;
      if (!dispatched)
        g_usleep (500);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
}

static void
run_case (const char *label,
          DlbCase    *kase)
{
  double stall_ms[RUNS], shown_ms[RUNS], at_once_ms[RUNS];
  g_autoptr(DlbCriterion) criterion = g_list_model_get_item (dlb_case_get_criteria (kase), 0);
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = dlb_memo_page_new ();

  dlb_case_page_set_case (DLB_CASE_PAGE (page), kase);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page) || dlb_memo_page_get_document (DLB_MEMO_PAGE (page)) == NULL)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);
  dlb_bench_count_frames (window);
  settle ();

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      DlbDocument *old = dlb_memo_page_get_document (DLB_MEMO_PAGE (page));
      gint64 start;

      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, i % 2 == 0 ? 30 : 10);
      start = g_get_monotonic_time ();
      if (!dlb_case_set_field (kase, DLB_ENTITY (criterion), DLB_CRITERION_WEIGHT, &value, &error))
        g_error ("%s", error->message);
      shown_ms[i] = wait_for_memo (DLB_MEMO_PAGE (page), old, start, &stall_ms[i]);
      settle ();

      /* The same memo built and paginated at once, as an export does. */
      {
        g_autoptr(DlbResult) result = NULL;
        g_autoptr(DlbDocument) doc = NULL;

        start = g_get_monotonic_time ();
        doc = dlb_memo_export_build (kase, NULL, DLB_PAPER_AUTO, FALSE, &result);
        dlb_document_get_n_pages (doc);
        at_once_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    }

  printf ("memo-page %-12s longest main-loop turn while the memo is written again: median %.1f ms; "
          "new memo painted after %.1f ms; the same memo built and paginated at once takes %.1f ms\n",
          label, dlb_bench_median (stall_ms, RUNS), dlb_bench_median (shown_ms, RUNS),
          dlb_bench_median (at_once_ms, RUNS));

  gtk_window_destroy (GTK_WINDOW (window));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) example = NULL;
  g_autoptr(DlbCase) scaled = NULL;

  if (!gtk_init_check ())
    {
      printf ("memo-page: no display; run it under xvfb-run\n");
      return 77;
    }
  adw_init ();

  example = dlb_example_load (&error);
  g_assert_no_error (error);
  scaled = dlb_bench_generate_case (11 * 20, 8 * 20, 8 * 20);

  run_case ("example", example);
  run_case ("20x case", scaled);
  return 0;
}
