/* bench-frames.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How many frames the window given to dlb_bench_count_frames() has
 * painted: a figure is taken at the end of the frame that shows it. */
static guint dlb_bench_frames;

static inline void
dlb_bench_on_after_paint (GdkFrameClock *clock,
                          gpointer       data)
{
  dlb_bench_frames++;
}

static inline void
dlb_bench_count_frames (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (dlb_bench_on_after_paint), NULL);
}

G_END_DECLS
