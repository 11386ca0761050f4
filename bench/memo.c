/* memo.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Builds, paginates and writes the memo in process: the example case, and
 * generated cases at 1x, 5x and 20x the example's content plus the large
 * case (200 stakeholders, 160 findings, 160 opportunities and risks).
 * Prints the median of several runs. With a folder as argument, keeps one
 * PDF of each case there.
 *
 * Then, as a person runs it, the whole process: the example's export in
 * alternating pairs against the memo's speed floor (memo-floor.c: the same
 * pages with Cairo and Pango alone), which it must stay within 1.5× of;
 * the 20x case against 20 × the example plus start-up; and two cases of
 * long unbroken text, each bounded in time. */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "dlb-entity-private.h"
#include "dlb-example.h"
#include "dlb-json.h"
#include "dlb-memo.h"

#include "bench-cases.h"

#define RUNS 5
#define PAIRS 21
#define BOUND_S 120

typedef struct
{
  GMainLoop *loop;
  GPid       pid;
  int        status;
  gint64     end;
  gboolean   overdue;
} Child;

static void
child_exited (GPid     pid,
              int      status,
              gpointer data)
{
  Child *child = data;

  child->end = g_get_monotonic_time ();
  child->status = status;
  g_main_loop_quit (child->loop);
}

static gboolean
child_overdue (gpointer data)
{
  Child *child = data;

  child->overdue = TRUE;
  kill (child->pid, SIGKILL);
  return G_SOURCE_REMOVE;
}

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* Runs @argv as a whole process and returns its wall time in ms, or -1
 * when it was still running after BOUND_S seconds and had to be killed:
 * a hang must not stall the benchmark. @cpu_ms, if not NULL, gets the
 * processor time (user and system) the process used. */
static double
run_process (const char * const *argv,
             double             *cpu_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Child child = { loop, 0, 0, 0, FALSE };
  double cpu_before = children_cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  guint overdue;

  if (!g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &child.pid, &error))
    g_error ("%s: %s", argv[0], error->message);
  g_child_watch_add (child.pid, child_exited, &child);
  overdue = g_timeout_add_seconds (BOUND_S, child_overdue, &child);
  g_main_loop_run (loop);
  g_spawn_close_pid (child.pid);
  if (child.overdue)
    return -1;
  g_source_remove (overdue);
  if (!g_spawn_check_wait_status (child.status, &error))
    g_error ("%s: %s", argv[0], error->message);
  if (cpu_ms != NULL)
    *cpu_ms = children_cpu_ms () - cpu_before;
  return (child.end - start) / 1000.0;
}

static double
run_in_time (const char * const *argv,
             double             *cpu_ms)
{
  double ms = run_process (argv, cpu_ms);

  if (ms < 0)
    g_error ("%s: still running after %d s", argv[0], BOUND_S);
  return ms;
}

static void
write_case (DlbCase    *c,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  if (!dlb_json_write_case_to_file (c, path, &error))
    g_error ("%s", error->message);
}

/* The whole process, as a person runs it: start, read the case, analyse
 * it, write the memo, exit. @json NULL: the built-in example. */
static double
measure_process (const char *json,
                 const char *pdf)
{
  const char *exe = g_getenv ("DELIBERATE_EXE");
  const char *argv[] = { exe, "--export-pdf", pdf, json, NULL };
  double times[RUNS];

  for (int run = 0; run < RUNS; run++)
    times[run] = run_in_time (argv, NULL);

  return dlb_bench_median (times, RUNS);
}

static int
measure (const char *name,
         DlbCase    *c,
         const char *keep_dir)
{
  g_autoptr(DlbResult) result = dlb_engine_analyze (c, NULL);
  g_autofree char *dir = g_dir_make_tmp ("dlb-bench-memo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "memo.pdf", NULL);
  double times[RUNS], in_process;
  int pages = 0;
  DlbMemoOptions opts;

  dlb_memo_options_init (&opts);
  opts.date = 1575244800;
  for (int run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(DlbDocument) doc = dlb_memo_build (c, result, &opts);
      g_autoptr(GError) error = NULL;

      pages = dlb_document_get_n_pages (doc);
      if (!dlb_memo_write_pdf (doc, path, &error))
        g_error ("%s", error->message);
      times[run] = (g_get_monotonic_time () - start) / 1000.0;
    }
  in_process = dlb_bench_median (times, RUNS);
  g_print ("memo %-28s %4d pages  median %8.1f ms  (%.2f ms/page)\n", name, pages, in_process,
           in_process / MAX (pages, 1));

  if (g_getenv ("DELIBERATE_EXE") != NULL)
    {
      g_autofree char *json = g_build_filename (dir, "case.json", NULL);
      double whole;

      write_case (c, json);
      whole = measure_process (g_str_equal (name, "example") ? NULL : json, path);
      g_print ("     %-28s whole process: deliberate --export-pdf  median %8.1f ms\n", name, whole);
      g_unlink (json);
    }

  if (keep_dir != NULL)
    {
      g_autofree char *file = g_strdup_printf ("%s.pdf", name);
      g_autofree char *kept = g_build_filename (keep_dir, file, NULL);
      g_rename (path, kept);
    }
  g_unlink (path);
  g_rmdir (dir);
  return pages;
}

static void
print_bounded (const char *what,
               double      ms)
{
  if (ms < 0)
    g_print ("     %-38s over %d s\n", what, BOUND_S);
  else
    g_print ("     %-38s %8.1f ms\n", what, ms);
}

static void
print_times (const char *what,
             double     *times,
             int         n,
             int         pages)
{
  double m = dlb_bench_median (times, n);

  g_print ("     %-38s min %8.1f ms  median %8.1f ms  (%d pages)\n", what, times[0], m, pages);
}

/* The example's export against the memo's floor, whole process each, in
 * alternating pairs so that a drift in the machine's speed falls on both
 * alike. The floor sets the words of the memo just written, as pdftotext
 * and pdftohtml read them. Returns FALSE when the floor cannot run here. */
static gboolean
compare_with_floor (const char *dir,
                    int         memo_pages)
{
  const char *exe = g_getenv ("DELIBERATE_EXE");
  const char *floor_exe = g_getenv ("MEMO_FLOOR_EXE");
  const char *pdftotext = g_getenv ("PDFTOTEXT");
  const char *pdftohtml = g_getenv ("PDFTOHTML");
  g_autofree char *memo_pdf = g_build_filename (dir, "memo.pdf", NULL);
  g_autofree char *layout = g_build_filename (dir, "memo.html", NULL);
  g_autofree char *styles = g_build_filename (dir, "memo.xml", NULL);
  g_autofree char *floor_pdf = g_build_filename (dir, "floor.pdf", NULL);
  const char *memo_argv[] = { exe, "--example", "--export-pdf", memo_pdf, NULL };
  const char *text_argv[] = { pdftotext, "-bbox-layout", memo_pdf, layout, NULL };
  const char *styles_argv[] = { pdftohtml, "-xml", "-i", "-q", "-stdout", memo_pdf, NULL };
  const char *floor_argv[] = { floor_exe, layout, styles, floor_pdf, NULL };
  g_autofree char *out = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  double memo[PAIRS], bare[PAIRS], ratios[PAIRS], memo_cpu[PAIRS], bare_cpu[PAIRS];
  double ratio, pair_ratio, memo_cpu_ms, bare_cpu_ms;
  int status = 0, floor_pages;

  if (floor_exe == NULL || pdftotext == NULL || pdftohtml == NULL)
    return FALSE;

  /* One warm-up of each; the floor's says how many pages it wrote. */
  run_in_time (memo_argv, NULL);
  if (!g_spawn_sync (NULL, (char **) text_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error)
      || !g_spawn_sync (NULL, (char **) styles_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &xml, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error)
      || !g_file_set_contents (styles, xml, -1, &error)
      || !g_spawn_sync (NULL, (char **) floor_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    g_error ("memo floor: %s", error->message);
  floor_pages = atoi (out);

  for (int pair = 0; pair < PAIRS; pair++)
    {
      memo[pair] = run_in_time (memo_argv, &memo_cpu[pair]);
      bare[pair] = run_in_time (floor_argv, &bare_cpu[pair]);
      ratios[pair] = memo[pair] / bare[pair];
    }

  g_print ("whole process, %d alternating pairs after one warm-up each:\n", PAIRS);
  print_times ("deliberate --example --export-pdf", memo, PAIRS, memo_pages);
  print_times ("memo floor (Cairo and Pango only)", bare, PAIRS, floor_pages);
  ratio = dlb_bench_median (memo, PAIRS) / dlb_bench_median (bare, PAIRS);
  pair_ratio = dlb_bench_median (ratios, PAIRS);
  memo_cpu_ms = dlb_bench_median (memo_cpu, PAIRS);
  bare_cpu_ms = dlb_bench_median (bare_cpu, PAIRS);
  g_print ("     processor time (user + system)         median %8.1f ms against %.1f ms: ratio %.2f\n",
           memo_cpu_ms, bare_cpu_ms, memo_cpu_ms / bare_cpu_ms);
  /* On a busy machine the ratio pair by pair and that of the minimums
   * say how far noise moved the verdict. */
  g_print ("     ratio of medians %.2f (pair by pair: median %.2f, min %.2f, max %.2f; of minimums %.2f): "
           "%s 1.5x the floor\n", ratio, pair_ratio, ratios[0], ratios[PAIRS - 1], memo[0] / bare[0],
           ratio <= 1.5 ? "within" : "NOT within");
  if (floor_pages != memo_pages)
    g_print ("     the floor wrote %d pages, the memo %d: the comparison is not like for like\n",
             floor_pages, memo_pages);

  g_unlink (memo_pdf);
  g_unlink (layout);
  g_unlink (styles);
  g_unlink (floor_pdf);
  return TRUE;
}

/* Cost linear in content: the 20x case must take no more than 20 × the
 * example plus the start-up of a process that does nothing. Rounds of
 * the three, after one warm-up of each. */
static void
check_linear (const char *dir)
{
  const char *exe = g_getenv ("DELIBERATE_EXE");
  g_autofree char *pdf = g_build_filename (dir, "memo.pdf", NULL);
  g_autofree char *json = g_build_filename (dir, "generated-20x.json", NULL);
  g_autoptr(DlbCase) c = dlb_bench_generate_case (11 * 20, 8 * 20, 8 * 20);
  const char *start_argv[] = { exe, "--version", NULL };
  const char *example_argv[] = { exe, "--example", "--export-pdf", pdf, NULL };
  const char *scaled_argv[] = { exe, "--export-pdf", pdf, json, NULL };
  double start[RUNS], example[RUNS], scaled[RUNS], start_ms, example_ms, scaled_ms, bound;

  write_case (c, json);
  run_in_time (start_argv, NULL);
  run_in_time (example_argv, NULL);
  run_in_time (scaled_argv, NULL);
  for (int run = 0; run < RUNS; run++)
    {
      start[run] = run_in_time (start_argv, NULL);
      example[run] = run_in_time (example_argv, NULL);
      scaled[run] = run_in_time (scaled_argv, NULL);
    }
  start_ms = dlb_bench_median (start, RUNS);
  example_ms = dlb_bench_median (example, RUNS);
  scaled_ms = dlb_bench_median (scaled, RUNS);
  bound = 20 * example_ms + start_ms;
  g_print ("whole process, %d rounds after one warm-up each:\n", RUNS);
  g_print ("     start-up (deliberate --version)  median %8.1f ms\n", start_ms);
  g_print ("     example                          median %8.1f ms\n", example_ms);
  g_print ("     generated-20x                    median %8.1f ms: %s 20x example + start-up (%.1f ms)\n",
           scaled_ms, scaled_ms <= bound ? "within" : "NOT within", bound);
  g_unlink (json);
  g_unlink (pdf);
}

/* Text with no place to break must still render in bounded time: the
 * example with a 256 KiB background paragraph without a space, and with
 * an option's name of 4,096 characters. One run each, killed past the
 * bound. */
static void
measure_long_text (DlbCase    *example,
                   const char *dir)
{
  const char *exe = g_getenv ("DELIBERATE_EXE");
  g_autofree char *pdf = g_build_filename (dir, "memo.pdf", NULL);
  g_autofree char *json = g_build_filename (dir, "long.json", NULL);
  const char *argv[] = { exe, "--export-pdf", pdf, json, NULL };
  static const char letters[] = "residentsfootageconsentwarrantoversight";
  DlbOption *option = g_list_model_get_item (dlb_case_get_options (example), 0);
  g_autofree char *old_background = g_strdup (dlb_case_get_background (example));
  g_autofree char *old_name = g_strdup (dlb_entity_get_string (DLB_ENTITY (option), DLB_OPTION_NAME));
  GString *s = g_string_new (NULL);

  g_print ("whole process, long unbroken text, one run each (bound %d s):\n", BOUND_S);
  while (s->len < 256 * 1024)
    g_string_append (s, letters);
  g_string_truncate (s, 256 * 1024);
  _dlb_entity_set_string (DLB_ENTITY (example), DLB_CASE_BACKGROUND, s->str);
  write_case (example, json);
  _dlb_entity_set_string (DLB_ENTITY (example), DLB_CASE_BACKGROUND, old_background);
  print_bounded ("background of 256 KiB without a space", run_process (argv, NULL));

  g_string_truncate (s, 4096);
  _dlb_entity_set_string (DLB_ENTITY (option), DLB_OPTION_NAME, s->str);
  write_case (example, json);
  _dlb_entity_set_string (DLB_ENTITY (option), DLB_OPTION_NAME, old_name);
  print_bounded ("option name of 4,096 characters", run_process (argv, NULL));

  g_string_free (s, TRUE);
  g_object_unref (option);
  g_unlink (json);
  g_unlink (pdf);
}

int
main (int   argc,
      char *argv[])
{
  const char *keep_dir = argc > 1 ? argv[1] : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) example = dlb_example_load (&error);
  static const guint scales[] = { 1, 5, 20 };
  int pages;

  if (example == NULL)
    g_error ("%s", error->message);
  pages = measure ("example", example, keep_dir);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autofree char *name = g_strdup_printf ("generated-%ux", scales[i]);
      g_autoptr(DlbCase) c = dlb_bench_generate_case (11 * scales[i], 8 * scales[i], 8 * scales[i]);
      measure (name, c, keep_dir);
    }
  {
    g_autoptr(DlbCase) large = dlb_bench_generate_case (200, 160, 160);
    measure ("large", large, keep_dir);
  }

  if (g_getenv ("DELIBERATE_EXE") != NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("dlb-bench-memo-XXXXXX", NULL);

      if (!compare_with_floor (dir, pages))
        g_print ("whole process against the memo floor: skipped, it needs pdftotext and pdftohtml\n");
      check_linear (dir);
      measure_long_text (example, dir);
      g_rmdir (dir);
    }
  return 0;
}
