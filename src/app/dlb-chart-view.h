/* dlb-chart-view.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLB_TYPE_CHART_VIEW (dlb_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (DlbChartView, dlb_chart_view, DLB, CHART_VIEW, GtkWidget)

/* Draws a chart into (0, 0, width, height) in chart units: the shared
 * chart functions are laid out in points, so the view scales them up by
 * its "zoom" to a comfortable on-screen size. */
typedef void (*DlbChartViewDrawFunc) (cairo_t  *cr,
                                      double    width,
                                      double    height,
                                      gpointer  user_data);

GtkWidget  *dlb_chart_view_new                (void);
void        dlb_chart_view_set_draw_func      (DlbChartView         *self,
                                               DlbChartViewDrawFunc  func,
                                               gpointer              user_data,
                                               GDestroyNotify        destroy);
/* The chart's text alternative, one sentence an element; it becomes the
 * widget's accessible description. */
void        dlb_chart_view_set_sentences      (DlbChartView         *self,
                                               const char * const   *sentences);
const char *dlb_chart_view_get_description    (DlbChartView         *self);
void        dlb_chart_view_set_content_height (DlbChartView         *self,
                                               int                   height);
int         dlb_chart_view_get_content_height (DlbChartView         *self);
void        dlb_chart_view_set_zoom           (DlbChartView         *self,
                                               double                zoom);
double      dlb_chart_view_get_zoom           (DlbChartView         *self);
/* Height over width: when above 0, the view is that proportion of its
 * width tall, at most its content height, so that a chart keeps its shape
 * on a narrow window. */
void        dlb_chart_view_set_aspect         (DlbChartView         *self,
                                               double                aspect);
double      dlb_chart_view_get_aspect         (DlbChartView         *self);
/* Where the widget point (x, y) falls in the chart's own units, and the
 * size in those units the chart is drawn at. FALSE when the view is too
 * small to draw a chart. */
gboolean    dlb_chart_view_to_chart           (DlbChartView         *self,
                                               double                x,
                                               double                y,
                                               double               *chart_x,
                                               double               *chart_y,
                                               double               *chart_width,
                                               double               *chart_height);

/* The inverse: where the chart point (chart_x, chart_y) is on the widget. */
void        dlb_chart_view_from_chart         (DlbChartView         *self,
                                               double                chart_x,
                                               double                chart_y,
                                               double               *x,
                                               double               *y);
/* Opens @popover (floating, without a parent) pointing at an area of the
 * chart, in chart units; the view drops it once it closes. */
void        dlb_chart_view_popup              (DlbChartView         *self,
                                               GtkPopover           *popover,
                                               double                chart_x,
                                               double                chart_y,
                                               double                chart_width,
                                               double                chart_height);
/* The popover open over the chart, or NULL. */
GtkPopover *dlb_chart_view_get_popover        (DlbChartView         *self);

G_END_DECLS
