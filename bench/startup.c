/* startup.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How soon a person sees a window: the time from launching Deliberate to
 * its first window being mapped on the X display, and its resident memory
 * 2 s later, for the welcome window, the example's case file, a new copy
 * of the example (--example) and a case 20 times the example's size.
 * Each launch is paired with one of gtk4-demo (Debian's gtk-4-examples),
 * in turn, so that both see the same machine; the ratio is taken of the
 * medians and pair by pair. Without gtk4-demo the pairs are left out and
 * only Deliberate's own figures are printed.
 *
 * Needs an X display (make bench runs the benchmarks under Xvfb).
 *
 * Usage: bench-startup [--once COMMAND [ARG…]]
 * With --once it launches COMMAND, waits for its window, stops it and
 * prints the time: a whole-process timer can then compare two programs'
 * start-up by timing `bench-startup --once` of each. */

#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <glib/gstdio.h>

#include "dlb-example.h"
#include "dlb-json.h"

#include "bench-cases.h"

#define DEFAULT_PAIRS 7
#define MAP_TIMEOUT_S 60
#define RSS_DELAY_S   2

typedef struct
{
  double map_ms;
  double rss_mib;
} Launch;

static Display *display;
static Atom     net_wm_pid;

/* The process id a window says it belongs to, or 0. */
static pid_t
window_pid (Window window)
{
  Atom type;
  int format;
  unsigned long n, after;
  unsigned char *data = NULL;
  pid_t pid = 0;

  if (XGetWindowProperty (display, window, net_wm_pid, 0, 1, False, XA_CARDINAL,
                          &type, &format, &n, &after, &data) == Success
      && data != NULL && type == XA_CARDINAL && format == 32 && n == 1)
    pid = (pid_t) *(unsigned long *) data;
  if (data != NULL)
    XFree (data);
  return pid;
}

/* Waits until a top-level window of @pid is mapped, at most until
 * @deadline (monotonic µs). Windows of other programs are passed over. */
static gboolean
wait_for_map (pid_t  pid,
              gint64 deadline)
{
  while (g_get_monotonic_time () < deadline)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      while (XPending (display) > 0)
        {
          XEvent event;

          XNextEvent (display, &event);
          if (event.type == MapNotify && !event.xmap.override_redirect)
            {
              pid_t owner = window_pid (event.xmap.window);

              if (owner == pid || owner == 0)
                return TRUE;
            }
        }
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return FALSE;
      poll (&fd, 1, 50);
    }
  return FALSE;
}

/* Throws away what the display told meanwhile, for @seconds. */
static void
idle_for (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    {
      struct pollfd fd = { ConnectionNumber (display), POLLIN, 0 };

      while (XPending (display) > 0)
        {
          XEvent event;
          XNextEvent (display, &event);
        }
      poll (&fd, 1, 50);
    }
}

static double
rss_mib (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

/* Launches @argv in @envp, and returns when its window is mapped (and,
 * with @measure_rss, @RSS_DELAY_S seconds later), having stopped it. */
static Launch
launch (const char * const *argv,
        const char * const *envp,
        gboolean            measure_rss)
{
  g_autoptr(GError) error = NULL;
  Launch result = { -1, -1 };
  GPid pid;
  gint64 start;

  XSync (display, True);
  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, (char **) envp,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      g_printerr ("bench-startup: %s: %s\n", argv[0], error->message);
      exit (1);
    }

  if (wait_for_map (pid, start + MAP_TIMEOUT_S * G_USEC_PER_SEC))
    {
      result.map_ms = (g_get_monotonic_time () - start) / 1000.0;
      if (measure_rss)
        {
          idle_for (RSS_DELAY_S);
          result.rss_mib = rss_mib (pid);
        }
    }
  else
    g_printerr ("bench-startup: %s showed no window within %d s\n", argv[0], MAP_TIMEOUT_S);

  kill (pid, SIGTERM);
  if (waitpid (pid, NULL, 0) != pid)
    kill (pid, SIGKILL);
  g_spawn_close_pid (pid);
  if (result.map_ms < 0)
    exit (1);
  return result;
}

/* A folder of its own for each launch's settings, data and recent files,
 * as a new user has; the case file is copied in fresh, so that no launch
 * opens what the one before left. */
typedef struct
{
  char  *home;
  char **envp;
} Sandbox;

static Sandbox
sandbox_new (const char *schemas)
{
  Sandbox box;
  g_autofree char *config = NULL;
  g_autofree char *data = NULL;
  g_autofree char *cache = NULL;

  box.home = g_dir_make_tmp ("dlb-bench-startup-XXXXXX", NULL);
  config = g_build_filename (box.home, ".config", NULL);
  data = g_build_filename (box.home, ".local", "share", NULL);
  cache = g_build_filename (box.home, ".cache", NULL);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (cache, 0700);

  box.envp = g_get_environ ();
  box.envp = g_environ_setenv (box.envp, "HOME", box.home, TRUE);
  box.envp = g_environ_setenv (box.envp, "XDG_CONFIG_HOME", config, TRUE);
  box.envp = g_environ_setenv (box.envp, "XDG_DATA_HOME", data, TRUE);
  box.envp = g_environ_setenv (box.envp, "XDG_CACHE_HOME", cache, TRUE);
  box.envp = g_environ_setenv (box.envp, "GSETTINGS_BACKEND", "memory", TRUE);
  box.envp = g_environ_setenv (box.envp, "GSK_RENDERER", "cairo", TRUE);
  if (schemas != NULL)
    box.envp = g_environ_setenv (box.envp, "GSETTINGS_SCHEMA_DIR", schemas, TRUE);
  return box;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static void
sandbox_free (Sandbox *box)
{
  remove_tree (box->home);
  g_free (box->home);
  g_strfreev (box->envp);
}

static char *
copy_into (const char *home,
           const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *copy = g_build_filename (home, base, NULL);
  g_autofree char *bytes = NULL;
  gsize length;

  if (!g_file_get_contents (path, &bytes, &length, NULL)
      || !g_file_set_contents (copy, bytes, length, NULL))
    {
      g_printerr ("bench-startup: could not copy %s\n", path);
      exit (1);
    }
  return copy;
}

/* Writes @kase as a case file at @path with Deliberate's own command. */
static void
write_case_file (const char *exe,
                 DlbCase    *kase,
                 const char *dir,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_build_filename (dir, "case.json", NULL);
  const char *argv[] = { exe, "--export-case", path, json, NULL };
  int status;

  if (!dlb_json_write_case_to_file (kase, json, &error)
      || !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                        &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-startup: could not write %s: %s\n", path, error->message);
      exit (1);
    }
  g_unlink (json);
}

typedef struct
{
  const char *name;
  const char *argument;  /* a case file, an option or NULL */
  double      bound;     /* the ratio to gtk4-demo it must stay within, or 0 */
} Scenario;

static int
run_scenario (const Scenario *scenario,
              const char     *exe,
              const char     *demo,
              const char     *schemas,
              int             pairs)
{
  g_autofree double *ours = g_new0 (double, pairs);
  g_autofree double *theirs = g_new0 (double, pairs);
  g_autofree double *ratios = g_new0 (double, pairs);
  g_autofree double *our_rss = g_new0 (double, pairs);
  g_autofree double *their_rss = g_new0 (double, pairs);
  gboolean is_file = scenario->argument != NULL && scenario->argument[0] != '-';
  double ratio = 0, our_median, our_rss_median;

  for (int i = -1; i < pairs; i++)
    {
      Sandbox box = sandbox_new (schemas);
      g_autofree char *file = is_file ? copy_into (box.home, scenario->argument) : NULL;
      const char *argument = is_file ? file : scenario->argument;
      const char *argv[] = { exe, argument, NULL };
      const char *demo_argv[] = { demo, NULL };
      Launch a, b = { 0, 0 };

      /* Alternate which goes first, so neither always meets a warmer
       * cache; the first pair only warms up. */
      if (demo != NULL && i % 2 != 0)
        b = launch (demo_argv, (const char * const *) box.envp, TRUE);
      a = launch (argv, (const char * const *) box.envp, TRUE);
      if (demo != NULL && i % 2 == 0)
        b = launch (demo_argv, (const char * const *) box.envp, TRUE);
      sandbox_free (&box);

      if (i < 0)
        continue;
      ours[i] = a.map_ms;
      our_rss[i] = a.rss_mib;
      theirs[i] = b.map_ms;
      their_rss[i] = b.rss_mib;
      ratios[i] = demo != NULL ? a.map_ms / b.map_ms : 0;
    }

  our_median = dlb_bench_median (ours, pairs);
  our_rss_median = dlb_bench_median (our_rss, pairs);
  printf ("startup %-18s window mapped: median %7.1f ms (min %.1f, max %.1f); RSS 2 s later %.1f MiB\n",
          scenario->name, our_median, ours[0], ours[pairs - 1], our_rss_median);
  if (demo != NULL)
    {
      double pair_ratio = dlb_bench_median (ratios, pairs);

      ratio = our_median / dlb_bench_median (theirs, pairs);
      printf ("        %-18s gtk4-demo:     median %7.1f ms; RSS 2 s later %.1f MiB\n",
              "", dlb_bench_median (theirs, pairs), dlb_bench_median (their_rss, pairs));
      printf ("        %-18s ratio to gtk4-demo %.2f (pair by pair: median %.2f, min %.2f, max %.2f)",
              "", ratio, pair_ratio, ratios[0], ratios[pairs - 1]);
      if (scenario->bound > 0)
        printf ("; target ≤ %.1f: %s", scenario->bound, pair_ratio <= scenario->bound ? "met" : "MISSED");
      printf ("\n");
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *exe = g_getenv ("DELIBERATE_EXE");
  const char *schemas = g_getenv ("GSETTINGS_SCHEMA_DIR");
  const char *pairs_env = g_getenv ("BENCH_PAIRS");
  int pairs = pairs_env != NULL ? MAX (1, atoi (pairs_env)) : DEFAULT_PAIRS;
  g_autofree char *demo = g_find_program_in_path ("gtk4-demo");
  g_autofree char *dir = NULL;
  g_autofree char *example_file = NULL;
  g_autofree char *scaled_file = NULL;
  g_autoptr(DlbCase) example = NULL;
  g_autoptr(DlbCase) scaled = NULL;
  g_autoptr(GError) error = NULL;

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("bench-startup: no X display: run it under xvfb-run (make bench does)\n");
      return 77;
    }
  net_wm_pid = XInternAtom (display, "_NET_WM_PID", False);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);

  if (argc > 2 && g_str_equal (argv[1], "--once"))
    {
      char **env = g_get_environ ();
      Launch once = launch ((const char * const *) argv + 2, (const char * const *) env, FALSE);

      printf ("%.1f ms\n", once.map_ms);
      g_strfreev (env);
      return 0;
    }

  if (exe == NULL)
    {
      g_printerr ("bench-startup: DELIBERATE_EXE is not set\n");
      return 1;
    }

  example = dlb_example_load (&error);
  if (example == NULL)
    g_error ("%s", error->message);
  scaled = dlb_bench_generate_case (11 * 20, 8 * 20, 8 * 20);

  dir = g_dir_make_tmp ("dlb-bench-startup-cases-XXXXXX", NULL);
  example_file = g_build_filename (dir, "Ring.deliberate", NULL);
  scaled_file = g_build_filename (dir, "Generated 20x.deliberate", NULL);
  write_case_file (exe, example, dir, example_file);
  write_case_file (exe, scaled, dir, scaled_file);

  if (demo == NULL)
    printf ("startup: gtk4-demo is missing (Debian's gtk-4-examples): Deliberate's figures alone\n");
  printf ("startup: %d pairs of launches each, after one that is not counted\n", pairs);

  {
    const Scenario scenarios[] = {
      { "welcome window",  NULL,          0 },
      { "example file",    example_file,  1.0 },
      { "--example",       "--example",   0 },
      { "20x case file",   scaled_file,   1.5 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
      run_scenario (&scenarios[i], exe, demo, schemas, pairs);
  }

  remove_tree (dir);
  XCloseDisplay (display);
  return 0;
}
