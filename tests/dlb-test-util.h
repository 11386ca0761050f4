/* dlb-test-util.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlb-analysis.h"

/* What the widget tests and the benchmarks share. */

/* The widget below @root (or @root) whose name is @name, or NULL. */
static inline GtkWidget *
dlb_test_find_named (GtkWidget  *root,
                     const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dlb_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Lets the main loop run until the case's shared analysis follows its
 * last change, as a person waits for the figures to fill in. */
static inline void
dlb_test_wait_for_analysis (DlbCase *c)
{
  DlbAnalysis *analysis = dlb_analysis_for_case (c);
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while ((dlb_analysis_get_busy (analysis) || g_main_context_pending (NULL)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, dlb_analysis_get_busy (analysis));
  g_assert_false (dlb_analysis_get_busy (analysis));
}
