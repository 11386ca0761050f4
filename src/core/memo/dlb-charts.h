/* dlb-charts.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <cairo.h>

#include "dlb-case.h"
#include "dlb-engine.h"

G_BEGIN_DECLS

/* The memo's charts, drawn by the same functions in the PDF and in the
 * application: each draws into (0, 0, width, height) of a cairo_t and has
 * a companion that describes it in sentences, the chart's text
 * alternative. Series differ by marker, pattern and label as well as by
 * colour, so that they read in grayscale print. */

/* Stakeholder power/interest grid. */
/* The charts draw in their print colours unless @cr is marked for a
 * dark screen, where each colour takes its dark-style counterpart. */
void     dlb_chart_set_dark           (cairo_t            *cr,
                                       gboolean            dark);
gboolean dlb_chart_get_dark           (cairo_t            *cr);
/* The colour (0xRRGGBB) the charts use on @cr for their print colour @hex. */
guint32  dlb_chart_colour             (cairo_t            *cr,
                                       guint32             hex);

typedef struct
{
  const char *label;
  int         power;     /* 1-5 */
  int         interest;  /* 1-5 */
  int         stance;    /* -2..+2 */
} DlbGridPoint;

/* Where a point's label went, in chart coordinates. */
typedef struct
{
  double   x, y, width, height;
  double   point_x, point_y;
  gboolean placed;
  gboolean leader;   /* placed away from its point: a line joins them */
} DlbLabelBox;

void     dlb_chart_draw_grid          (cairo_t            *cr,
                                       double              width,
                                       double              height,
                                       const DlbGridPoint *points,
                                       guint               n_points);
/* The label placement the grid draws: one DlbLabelBox per point. Labels
 * never overlap each other, a marker or a quadrant title, and stay inside
 * the plot; a label with no free place is left out (placed FALSE) and the
 * chart says how many. */
GArray  *dlb_chart_grid_place_labels  (const DlbGridPoint *points,
                                       guint               n_points,
                                       double              width,
                                       double              height);
/* The plot area of the grid (inside the axes), chart coordinates. */
void     dlb_chart_grid_plot_area     (double              width,
                                       double              height,
                                       double             *x,
                                       double             *y,
                                       double             *plot_width,
                                       double             *plot_height);
/* The cell of the grid under the chart point (x, y), as a power and an
 * interest of 1-5; past an edge, the edge's cell, so that a marker
 * dragged off the plot stays on its border. */
void     dlb_chart_grid_cell_at       (double              width,
                                       double              height,
                                       double              x,
                                       double              y,
                                       int                *power,
                                       int                *interest);
char   **dlb_chart_describe_grid      (const DlbGridPoint *points,
                                       guint               n_points);
/* The grid's points for a case: one a stakeholder, in the case's order, so
 * that point i is stakeholder i. Labels are copied into strings, which
 * must outlive the points. Free the array with g_free (). */
DlbGridPoint *dlb_chart_grid_points_from_case (DlbCase      *kase,
                                               GStringChunk *strings,
                                               guint        *n_points);

/* Likelihood x impact heat map, opportunities and risks side by side. */
typedef struct
{
  const char *label;       /* short, e.g. "R3" */
  int         likelihood;  /* 1-5 */
  int         impact;      /* 1-5 */
  gboolean    risk;
} DlbHeatItem;

void     dlb_chart_draw_heat_map      (cairo_t            *cr,
                                       double              width,
                                       double              height,
                                       const DlbHeatItem  *items,
                                       guint               n_items);
char   **dlb_chart_describe_heat_map  (const DlbHeatItem  *items,
                                       guint               n_items);
/* Which cell of which panel is under the chart point (x, y); FALSE
 * outside the cells. */
gboolean dlb_chart_heat_map_cell_at   (double              width,
                                       double              height,
                                       double              x,
                                       double              y,
                                       gboolean           *risk,
                                       int                *likelihood,
                                       int                *impact);
/* Where a cell is drawn, in chart coordinates. */
void     dlb_chart_heat_map_cell_area (double              width,
                                       double              height,
                                       gboolean            risk,
                                       int                 likelihood,
                                       int                 impact,
                                       double             *x,
                                       double             *y,
                                       double             *cell_width,
                                       double             *cell_height);
/* The heat map's items for a case: one an opportunity or risk, in the
 * case's order, labelled O1, O2… and R1, R2… as the memo's tables number
 * them. Labels are copied into strings, which must outlive the items.
 * Free the array with g_free (). */
DlbHeatItem  *dlb_chart_heat_items_from_case  (DlbCase      *kase,
                                               GStringChunk *strings,
                                               guint        *n_items);

/* Weighted totals, one bar an option, 0-10. */
typedef struct
{
  const char *label;
  double      value;
  gboolean    winner;
  gboolean    disqualified;
} DlbBar;

void     dlb_chart_draw_bars          (cairo_t            *cr,
                                       double              width,
                                       double              height,
                                       const DlbBar       *bars,
                                       guint               n_bars);
/* The height the bars need at this width, their labels wrapped. */
double   dlb_chart_bars_height        (const DlbBar       *bars,
                                       guint               n_bars,
                                       double              width);
char   **dlb_chart_describe_bars      (const DlbBar       *bars,
                                       guint               n_bars);
/* How an option is labelled in a chart or a column heading: its name, or
 * "Option N" when the name is too long to fit one (the memo then names it
 * in full beside the chart). */
gboolean dlb_chart_option_label_is_number (DlbResult      *result,
                                           guint           option);
char    *dlb_chart_option_label       (DlbResult          *result,
                                       guint               option);
/* One bar an option, in the result's ranking; labels copied into
 * @strings, or borrowed from @result when it is NULL. */
DlbBar  *dlb_chart_bars_from_result   (DlbResult          *result,
                                       GStringChunk       *strings,
                                       guint              *n_bars);

/* Each option's total as one criterion's weight runs from 0 to 100 %:
 * total(w) = w * at_one + (1 - w) * at_zero. */
typedef struct
{
  const char *label;
  double      at_zero;
  double      at_one;
  gboolean    winner;
} DlbSensitivityLine;

typedef struct
{
  const char               *criterion;
  double                    weight;      /* current, 0-1 */
  double                    holds_from;  /* the winner stays first from here */
  double                    holds_to;    /* to here */
  const char               *below;       /* takes over below holds_from, or NULL */
  const char               *above;       /* takes over above holds_to, or NULL */
  const DlbSensitivityLine *lines;
  guint                     n_lines;
} DlbSensitivityChart;

/* The height the chart needs at this width: enough for every line's
 * label, one under another. */
double   dlb_chart_sensitivity_height (const DlbSensitivityChart *chart,
                                       double                     width);
void     dlb_chart_draw_sensitivity      (cairo_t                   *cr,
                                          double                     width,
                                          double                     height,
                                          const DlbSensitivityChart *chart);
char   **dlb_chart_describe_sensitivity  (const DlbSensitivityChart *chart);
/* Fills @chart for @criterion of @result and returns its lines (free
 * with g_free; @chart points into them): the options that pass the
 * gates, since only they can take over, or every option when none
 * passes. Names are copied into @strings, or borrowed from @result when
 * it is NULL. */
DlbSensitivityLine *dlb_chart_sensitivity_from_result (DlbResult           *result,
                                                       guint                criterion,
                                                       GStringChunk        *strings,
                                                       DlbSensitivityChart *chart);

G_END_DECLS
