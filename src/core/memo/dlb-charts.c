/* dlb-charts.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-charts"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dlb-charts.h"
#include "dlb-item.h"
#include "dlb-stakeholder.h"

#define CHART_FONT "Noto Sans, DejaVu Sans"

/* Longer option names than this are shown by number in charts and column
 * headings, with the name in full beside them in the memo. */
#define LONG_OPTION_NAME 80

/* Text */

/* Every chart measures with one device-independent context (72 dpi, no
 * hinting), so that the label placement computed without a cairo_t is the
 * one drawn on any of them. */
static PangoContext *
chart_context (void)
{
  PangoContext *context;
  cairo_font_options_t *options;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static PangoLayout *
chart_text (PangoContext *context,
            const char   *text,
            double        size,
            gboolean      bold,
            double        max_width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (CHART_FONT);
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, valid, -1);
  /* A label wider than its room wraps: a name is never cut short. */
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *w = (double) logical.width / PANGO_SCALE;
  *h = (double) logical.height / PANGO_SCALE;
}

/* The height of a label wrapped to max_width. */
static double
wrapped_height (PangoContext *context,
                const char   *text,
                double        size,
                gboolean      bold,
                double        max_width)
{
  PangoLayout *layout = chart_text (context, text, size, bold, max_width);
  double w, h;

  text_size (layout, &w, &h);
  g_object_unref (layout);
  return h;
}

/* Draws text with its top-left corner at x, y (anchor_x 0 left, 0.5
 * centre, 1 right). */
static void
show_text (cairo_t      *cr,
           PangoContext *context,
           const char   *text,
           double        size,
           gboolean      bold,
           double        x,
           double        y,
           double        anchor_x,
           double        max_width)
{
  PangoLayout *layout = chart_text (context, text, size, bold, max_width);
  double w, h;

  text_size (layout, &w, &h);
  cairo_move_to (cr, x - anchor_x * w, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Colours ------------------------------------------------------------------
 *
 * The charts are written with their print colours. On a dark screen each
 * one is drawn as its counterpart below: paper becomes a dark card, ink
 * becomes light, and the hues take libadwaita's dark-style shades, so
 * that every pair of colours that meet keeps its contrast. */

static const cairo_user_data_key_t dark_key;

static const struct
{
  guint32 light;
  guint32 dark;
} dark_colours[] = {
  { 0xffffff, 0x2d2d2d },  /* paper, and text on a strong bar */
  { 0x1f2933, 0xf2f2f2 },  /* ink */
  { 0x3d4551, 0xd6d6d6 },
  { 0x4b5563, 0xc4c4c4 },
  { 0x5b6573, 0xb4b4b4 },
  { 0x6b7280, 0xa4a4a4 },  /* neutral stance, muted text */
  { 0x7b8794, 0x949494 },  /* axes */
  { 0x9aa3ad, 0x7a7a7a },
  { 0xc4ccd6, 0x5a5a5a },  /* grid lines */
  { 0xd0d5dc, 0x505050 },
  { 0xdde3ea, 0x3c3c3c },  /* quadrant grounds */
  { 0xeef1f5, 0x363636 },
  { 0xf8f9fb, 0x323232 },
  { 0xe6edf5, 0x2f3c4c },  /* the highlighted band */
  { 0x1d4e89, 0x78aeed },  /* the leading option, the first series */
  { 0x9db4cf, 0x4d6a8c },  /* the other options */
  { 0xb23a2e, 0xff7b63 },  /* against, ruled out, risks */
  { 0x2b7a4b, 0x8ff0a4 },  /* in favour */
  { 0x8a5a00, 0xf8c85c },
  { 0x6a3d9a, 0xdc8add },
};

void
dlb_chart_set_dark (cairo_t  *cr,
                    gboolean  dark)
{
  g_return_if_fail (cr != NULL);

  cairo_set_user_data (cr, &dark_key, dark ? GINT_TO_POINTER (1) : NULL, NULL);
}

gboolean
dlb_chart_get_dark (cairo_t *cr)
{
  g_return_val_if_fail (cr != NULL, FALSE);

  return cairo_get_user_data (cr, &dark_key) != NULL;
}

guint32
dlb_chart_colour (cairo_t *cr,
                  guint32  hex)
{
  if (!dlb_chart_get_dark (cr))
    return hex;
  for (guint i = 0; i < G_N_ELEMENTS (dark_colours); i++)
    if (dark_colours[i].light == hex)
      return dark_colours[i].dark;
  return hex;
}

static void
rgba (cairo_t *cr,
      guint32  hex,
      double   alpha)
{
  hex = dlb_chart_colour (cr, hex);
  cairo_set_source_rgba (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                         (hex & 0xff) / 255.0, alpha);
}

static void
rgb (cairo_t *cr,
     guint32  hex)
{
  rgba (cr, hex, 1);
}

/* Markers: shape tells the series apart without colour. */
static void
marker_path (cairo_t *cr,
             int      shape,
             double   x,
             double   y,
             double   r)
{
  switch (((shape % 5) + 5) % 5)
    {
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, 1.7 * r, 1.7 * r);
      break;
    case 2:
      cairo_move_to (cr, x, y + r * 1.1);
      cairo_line_to (cr, x - r * 1.05, y - r * 0.75);
      cairo_line_to (cr, x + r * 1.05, y - r * 0.75);
      cairo_close_path (cr);
      break;
    case 3:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r * 1.05, y + r * 0.75);
      cairo_line_to (cr, x - r * 1.05, y + r * 0.75);
      cairo_close_path (cr);
      break;
    }
}

static char **
strv_from_array (GPtrArray *sentences)
{
  g_ptr_array_add (sentences, NULL);
  return (char **) g_ptr_array_free (sentences, FALSE);
}

/* Power/interest grid */

#define GRID_LEFT    30.0
#define GRID_RIGHT    6.0
#define GRID_TOP      4.0
#define GRID_BOTTOM  40.0
#define GRID_MARKER   3.2
#define GRID_LABEL    6.5
#define GRID_LABEL_W 104.0
/* How far a label keeps from every marker but its own, so that a label
 * never sits between two points and reads as the other one's. */
#define GRID_CLEAR    6.0

typedef struct
{
  double x, y, w, h;
} Rect;

static gboolean
rect_overlaps (const Rect *a,
               const Rect *b)
{
  return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static gboolean
rect_inside (const Rect *a,
             const Rect *outer)
{
  return a->x >= outer->x && a->y >= outer->y &&
         a->x + a->w <= outer->x + outer->w && a->y + a->h <= outer->y + outer->h;
}

void
dlb_chart_grid_plot_area (double  width,
                          double  height,
                          double *x,
                          double *y,
                          double *plot_width,
                          double *plot_height)
{
  *x = GRID_LEFT;
  *y = GRID_TOP;
  *plot_width = MAX (width - GRID_LEFT - GRID_RIGHT, 10);
  *plot_height = MAX (height - GRID_TOP - GRID_BOTTOM, 10);
}

void
dlb_chart_grid_cell_at (double  width,
                        double  height,
                        double  x,
                        double  y,
                        int    *power,
                        int    *interest)
{
  double px, py, pw, ph;

  g_return_if_fail (power != NULL && interest != NULL);

  dlb_chart_grid_plot_area (width, height, &px, &py, &pw, &ph);
  *interest = CLAMP ((int) floor ((x - px) / (pw / 5)) + 1, 1, 5);
  *power = CLAMP ((int) floor ((py + ph - y) / (ph / 5)) + 1, 1, 5);
}

static const char *
quadrant_title (int quadrant)
{
  switch (quadrant)
    {
    case 0:
      return _("Keep satisfied");
    case 1:
      return _("Manage closely");
    case 2:
      return _("Monitor");
    default:
      return _("Keep informed");
    }
}

/* Quadrant title rectangles: 0 top left, 1 top right, 2 bottom left,
 * 3 bottom right. */
static void
grid_quadrant_rects (PangoContext *context,
                     const Rect   *plot,
                     Rect          rects[4])
{
  for (int q = 0; q < 4; q++)
    {
      PangoLayout *layout = chart_text (context, quadrant_title (q), 7, TRUE, 0);
      double w, h;

      text_size (layout, &w, &h);
      g_object_unref (layout);
      rects[q].w = w;
      rects[q].h = h;
      rects[q].x = (q % 2 == 0) ? plot->x + 3 : plot->x + plot->w - 3 - w;
      rects[q].y = (q < 2) ? plot->y + 2 : plot->y + plot->h - 2 - h;
    }
}

/* Points sharing a cell spread on a sunflower around the cell's centre. */
static void
grid_positions (const DlbGridPoint *points,
                guint               n,
                const Rect         *plot,
                double             *px,
                double             *py)
{
  double cell_w = plot->w / 5, cell_h = plot->h / 5;
  guint counts[25] = { 0 }, seen[25] = { 0 };

  for (guint i = 0; i < n; i++)
    {
      int ix = CLAMP (points[i].interest, 1, 5) - 1, iy = CLAMP (points[i].power, 1, 5) - 1;
      counts[iy * 5 + ix]++;
    }
  for (guint i = 0; i < n; i++)
    {
      int ix = CLAMP (points[i].interest, 1, 5) - 1, iy = CLAMP (points[i].power, 1, 5) - 1;
      guint k = counts[iy * 5 + ix], j = seen[iy * 5 + ix]++;
      double cx = plot->x + (ix + 0.5) * cell_w;
      double cy = plot->y + plot->h - (iy + 0.5) * cell_h;

      if (k > 1)
        {
          double radius = 0.40 * MIN (cell_w, cell_h) * sqrt ((j + 0.5) / k);
          double angle = j * 2.39996323;
          cx += radius * cos (angle);
          cy += radius * sin (angle);
        }
      px[i] = cx;
      py[i] = cy;
    }
}

static int
grid_priority (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  const DlbGridPoint *points = data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  int pa = points[ia].power * points[ia].interest, pb = points[ib].power * points[ib].interest;

  if (pa != pb)
    return pb - pa;
  return ia < ib ? -1 : ia > ib;
}

static GArray *
grid_place (PangoContext       *context,
            const DlbGridPoint *points,
            guint               n,
            double              width,
            double              height)
{
  GArray *boxes = g_array_sized_new (FALSE, TRUE, sizeof (DlbLabelBox), n);
  g_autofree double *px = g_new0 (double, MAX (n, 1));
  g_autofree double *py = g_new0 (double, MAX (n, 1));
  g_autofree guint *order = g_new0 (guint, MAX (n, 1));
  GArray *taken = g_array_new (FALSE, FALSE, sizeof (Rect));
  Rect plot, quads[4];
  /* Candidate offsets around a marker, nearest first: right, left,
   * above, below, then the diagonals, then the same further out. */
  static const double dirs[8][2] = {
    { 1, 0 }, { -1, 0 }, { 0, -1 }, { 0, 1 }, { 1, -1 }, { 1, 1 }, { -1, -1 }, { -1, 1 },
  };

  dlb_chart_grid_plot_area (width, height, &plot.x, &plot.y, &plot.w, &plot.h);
  grid_quadrant_rects (context, &plot, quads);
  g_array_set_size (boxes, n);
  grid_positions (points, n, &plot, px, py);

  for (int q = 0; q < 4; q++)
    g_array_append_val (taken, quads[q]);
  for (guint i = 0; i < n; i++)
    {
      Rect m = { px[i] - GRID_MARKER - 0.5, py[i] - GRID_MARKER - 0.5,
                 2 * GRID_MARKER + 1, 2 * GRID_MARKER + 1 };
      g_array_append_val (taken, m);
      order[i] = i;
    }
  g_qsort_with_data (order, (int) n, sizeof (guint), grid_priority, (gpointer) points);

  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      DlbLabelBox *box = &g_array_index (boxes, DlbLabelBox, i);
      PangoLayout *layout = chart_text (context, points[i].label, GRID_LABEL, FALSE, GRID_LABEL_W);
      double w, h;

      text_size (layout, &w, &h);
      g_object_unref (layout);
      box->point_x = px[i];
      box->point_y = py[i];
      box->width = w;
      box->height = h;

      /* Beside the marker when there is room; further out, with a leader
       * line to it, where points crowd. */
      for (int ring = 0; ring < 5 && !box->placed; ring++)
        for (int d = 0; d < 8 && !box->placed; d++)
          {
            double gap = GRID_MARKER + 1.5 + ring * 7;
            Rect r;
            gboolean free = TRUE;

            r.w = w;
            r.h = h;
            r.x = dirs[d][0] > 0 ? px[i] + gap : dirs[d][0] < 0 ? px[i] - gap - w : px[i] - w / 2;
            r.y = dirs[d][1] > 0 ? py[i] + gap - (dirs[d][0] != 0 ? h / 2 : 0)
                : dirs[d][1] < 0 ? py[i] - gap - h + (dirs[d][0] != 0 ? h / 2 : 0)
                : py[i] - h / 2;
            if (!rect_inside (&r, &plot))
              continue;
            for (guint t = 0; t < taken->len && free; t++)
              {
                Rect other = g_array_index (taken, Rect, t);

                if (t >= 4 && t < 4 + n && t - 4 != i)
                  {
                    other.x -= GRID_CLEAR;
                    other.y -= GRID_CLEAR / 2;
                    other.w += 2 * GRID_CLEAR;
                    other.h += GRID_CLEAR;
                  }
                if (rect_overlaps (&r, &other))
                  free = FALSE;
              }
            if (!free)
              continue;
            box->x = r.x;
            box->y = r.y;
            box->placed = TRUE;
            box->leader = ring > 0;
            g_array_append_val (taken, r);
          }
    }
  g_array_unref (taken);
  return boxes;
}

GArray *
dlb_chart_grid_place_labels (const DlbGridPoint *points,
                             guint               n_points,
                             double              width,
                             double              height)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  context = chart_context ();
  context_ref = G_OBJECT (context);
  return grid_place (context, points, n_points, width, height);
}

static int
stance_shape (int stance)
{
  return stance > 0 ? 0 : stance < 0 ? 4 : 1;
}

static guint32
stance_colour (int stance)
{
  return stance > 0 ? 0x2b7a4b : stance < 0 ? 0xb23a2e : 0x6b7280;
}

void
dlb_chart_draw_grid (cairo_t            *cr,
                     double              width,
                     double              height,
                     const DlbGridPoint *points,
                     guint               n_points)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  g_autoptr(GArray) boxes = NULL;
  Rect plot, quads[4];
  guint unplaced = 0;
  double lx;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (points != NULL || n_points == 0);

  context = chart_context ();
  context_ref = G_OBJECT (context);
  dlb_chart_grid_plot_area (width, height, &plot.x, &plot.y, &plot.w, &plot.h);
  grid_quadrant_rects (context, &plot, quads);
  boxes = grid_place (context, points, n_points, width, height);

  cairo_save (cr);

  /* Quadrants: the one that needs most attention is the darkest. */
  for (int q = 0; q < 4; q++)
    {
      static const guint32 fills[] = { 0xeef1f5, 0xdde3ea, 0xf8f9fb, 0xeef1f5 };
      rgb (cr, fills[q]);
      cairo_rectangle (cr, plot.x + (q % 2) * plot.w / 2, plot.y + (q / 2) * plot.h / 2,
                       plot.w / 2, plot.h / 2);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 0.4);
  rgb (cr, 0xc4ccd6);
  for (int i = 1; i < 5; i++)
    {
      if (i == 0)
        continue;
      cairo_move_to (cr, plot.x + i * plot.w / 5, plot.y);
      cairo_line_to (cr, plot.x + i * plot.w / 5, plot.y + plot.h);
      cairo_move_to (cr, plot.x, plot.y + i * plot.h / 5);
      cairo_line_to (cr, plot.x + plot.w, plot.y + i * plot.h / 5);
    }
  cairo_stroke (cr);
  cairo_set_line_width (cr, 0.9);
  rgb (cr, 0x7b8794);
  cairo_move_to (cr, plot.x + plot.w / 2, plot.y);
  cairo_line_to (cr, plot.x + plot.w / 2, plot.y + plot.h);
  cairo_move_to (cr, plot.x, plot.y + plot.h / 2);
  cairo_line_to (cr, plot.x + plot.w, plot.y + plot.h / 2);
  cairo_stroke (cr);
  cairo_rectangle (cr, plot.x, plot.y, plot.w, plot.h);
  cairo_stroke (cr);

  /* Axes */
  rgb (cr, 0x3d4551);
  for (int i = 1; i <= 5; i++)
    {
      char number[4];

      g_snprintf (number, sizeof number, "%d", i);
      show_text (cr, context, number, 6.5, FALSE, plot.x + (i - 0.5) * plot.w / 5,
                 plot.y + plot.h + 2, 0.5, 0);
      show_text (cr, context, number, 6.5, FALSE, plot.x - 4,
                 plot.y + plot.h - (i - 0.5) * plot.h / 5 - 4.5, 1, 0);
    }
  /* Translators: the horizontal axis of the stakeholder grid */
  show_text (cr, context, _("Interest →"), 7.5, TRUE, plot.x + plot.w / 2, plot.y + plot.h + 12, 0.5, 0);
  cairo_save (cr);
  cairo_translate (cr, 2, plot.y + plot.h / 2);
  cairo_rotate (cr, -G_PI / 2);
  /* Translators: the vertical axis of the stakeholder grid */
  show_text (cr, context, _("Power →"), 7.5, TRUE, 0, 0, 0.5, 0);
  cairo_restore (cr);

  /* Leader lines under the markers and labels */
  cairo_set_line_width (cr, 0.4);
  rgb (cr, 0x9aa3ad);
  for (guint i = 0; i < n_points; i++)
    {
      DlbLabelBox *b = &g_array_index (boxes, DlbLabelBox, i);
      double cx, cy;

      if (!b->placed)
        continue;
      cx = CLAMP (b->point_x, b->x, b->x + b->width);
      cy = CLAMP (b->point_y, b->y, b->y + b->height);
      if (hypot (cx - b->point_x, cy - b->point_y) > GRID_MARKER + 4)
        {
          cairo_move_to (cr, b->point_x, b->point_y);
          cairo_line_to (cr, cx, cy);
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < n_points; i++)
    {
      DlbLabelBox *b = &g_array_index (boxes, DlbLabelBox, i);
      int stance = points[i].stance;

      marker_path (cr, stance_shape (stance), b->point_x, b->point_y, GRID_MARKER);
      rgb (cr, stance_colour (stance));
      if (stance == 0)
        {
          cairo_set_line_width (cr, 1.0);
          cairo_fill_preserve (cr);
          rgb (cr, 0xffffff);
          cairo_set_line_width (cr, 0.5);
        }
      else
        {
          cairo_fill_preserve (cr);
          rgb (cr, 0xffffff);
          cairo_set_line_width (cr, 0.5);
        }
      cairo_stroke (cr);
      if (b->placed && b->leader)
        {
          /* From the marker's edge to the nearest point of the label. */
          double tx = CLAMP (b->point_x, b->x, b->x + b->width);
          double ty = CLAMP (b->point_y, b->y, b->y + b->height);
          double dx = tx - b->point_x, dy = ty - b->point_y, d = sqrt (dx * dx + dy * dy);

          if (d > GRID_MARKER + 1)
            {
              rgb (cr, 0x6b7280);
              cairo_set_line_width (cr, 0.45);
              cairo_move_to (cr, b->point_x + dx / d * (GRID_MARKER + 0.8), b->point_y + dy / d * (GRID_MARKER + 0.8));
              cairo_line_to (cr, tx, ty);
              cairo_stroke (cr);
            }
        }
      if (b->placed)
        {
          rgb (cr, 0x1f2933);
          show_text (cr, context, points[i].label, GRID_LABEL, FALSE, b->x, b->y, 0, GRID_LABEL_W);
        }
      else
        unplaced++;
    }

  /* Quadrant titles last, on a light ground, so that crowded cells never
   * hide them. */
  for (int q = 0; q < 4; q++)
    {
      rgba (cr, 0xffffff, 0.85);
      cairo_rectangle (cr, quads[q].x - 1.5, quads[q].y - 0.5, quads[q].w + 3, quads[q].h + 1);
      cairo_fill (cr);
      rgb (cr, 0x4b5563);
      show_text (cr, context, quadrant_title (q), 7, TRUE, quads[q].x, quads[q].y, 0, 0);
    }

  /* Legend */
  lx = plot.x;
  for (int s = 1; s >= -1; s--)
    {
      const char *name = s > 0 ? _("supports") : s < 0 ? _("opposes") : _("neutral");
      PangoLayout *layout = chart_text (context, name, 6.5, FALSE, 0);
      double w, h;

      text_size (layout, &w, &h);
      g_object_unref (layout);
      marker_path (cr, stance_shape (s), lx + 3, plot.y + plot.h + 31, 2.8);
      rgb (cr, stance_colour (s));
      cairo_fill (cr);
      rgb (cr, 0x3d4551);
      show_text (cr, context, name, 6.5, FALSE, lx + 8, plot.y + plot.h + 26, 0, 0);
      lx += 14 + w;
    }
  if (unplaced > 0)
    {
      double room = MAX (plot.w - (lx - plot.x) - 10, 20);
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u label left out for space; the table lists every stakeholder",
                                                            "%u labels left out for space; the table lists every stakeholder",
                                                            unplaced), unplaced);

      /* The bottom margin holds one line beside the legend: a narrow
       * chart says it in fewer words. */
      if (wrapped_height (context, note, 6.5, FALSE, room) > wrapped_height (context, "X", 6.5, FALSE, 0) * 1.5)
        {
          g_free (note);
          /* Translators: under a narrow stakeholder grid; %u is how many names could not be placed */
          note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u label left out", "%u labels left out", unplaced),
                                  unplaced);
        }
      rgb (cr, 0x3d4551);
      show_text (cr, context, note, 6.5, FALSE, plot.x + plot.w, plot.y + plot.h + 26, 1, room);
    }

  cairo_restore (cr);
}

static int
grid_quadrant (const DlbGridPoint *p)
{
  gboolean high_power = p->power >= 3, high_interest = p->interest >= 3;

  return high_power ? (high_interest ? 1 : 0) : (high_interest ? 3 : 2);
}

char **
dlb_chart_describe_grid (const DlbGridPoint *points,
                         guint               n_points)
{
  GPtrArray *sentences = g_ptr_array_new ();
  static const int order[] = { 1, 0, 3, 2 };

  g_return_val_if_fail (points != NULL || n_points == 0, NULL);

  g_ptr_array_add (sentences,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u stakeholder is mapped by power and interest.",
                                                 "%u stakeholders are mapped by power and interest.",
                                                 n_points), n_points));
  for (int k = 0; k < 4; k++)
    {
      GString *names = g_string_new (NULL);
      guint count = 0, listed = 0;

      for (guint i = 0; i < n_points; i++)
        {
          if (grid_quadrant (&points[i]) != order[k])
            continue;
          count++;
          if (listed < 12)
            {
              if (listed > 0)
                g_string_append (names, ", ");
              g_string_append (names, points[i].label != NULL ? points[i].label : "");
              listed++;
            }
        }
      if (count == 0)
        {
          g_string_free (names, TRUE);
          continue;
        }
      if (count > listed)
        {
          /* Translators: after a list of names: "…, and 12 more" */
          g_string_append_printf (names, g_dngettext (GETTEXT_PACKAGE, ", and %u more",
                                                      ", and %u more", count - listed),
                                  count - listed);
        }
      g_ptr_array_add (sentences,
                       /* Translators: a quadrant of the stakeholder grid ("Manage closely"), then names */
                       g_strdup_printf (_("%s: %s."), quadrant_title (order[k]), names->str));
      g_string_free (names, TRUE);
    }
  return strv_from_array (sentences);
}

DlbGridPoint *
dlb_chart_grid_points_from_case (DlbCase      *kase,
                                 GStringChunk *strings,
                                 guint        *n_points)
{
  GListModel *list;
  DlbGridPoint *points;
  guint n;

  g_return_val_if_fail (n_points != NULL, NULL);
  *n_points = 0;
  g_return_val_if_fail (DLB_IS_CASE (kase), NULL);
  g_return_val_if_fail (strings != NULL, NULL);

  list = dlb_case_get_stakeholders (kase);
  n = g_list_model_get_n_items (list);
  points = g_new0 (DlbGridPoint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbStakeholder) s = g_list_model_get_item (list, i);
      const char *name = dlb_stakeholder_get_name (s);

      points[i].label = g_string_chunk_insert (strings, name != NULL ? name : "");
      points[i].power = dlb_stakeholder_get_power (s);
      points[i].interest = dlb_stakeholder_get_interest (s);
      points[i].stance = dlb_stakeholder_get_stance (s);
    }
  *n_points = n;
  return points;
}

/* Heat map */

static void
heat_colour (cairo_t  *cr,
             gboolean  risk,
             int       score)
{
  /* From the paper to a strong colour with the rating: colour and grey
   * level agree. On a dark screen the strong end is the bright one. */
  gboolean on_dark = dlb_chart_get_dark (cr);
  double t = CLAMP ((score - 1) / 24.0, 0, 1);
  double light[3] = { 0.97, 0.96, 0.95 };
  double light_on_dark[3] = { 0.2, 0.2, 0.2 };
  double dark_risk[3] = { 0.58, 0.13, 0.15 };
  double dark_opp[3] = { 0.11, 0.30, 0.54 };
  double bright_risk[3] = { 1.0, 0.52, 0.45 };
  double bright_opp[3] = { 0.50, 0.72, 0.95 };
  const double *dark = on_dark ? (risk ? bright_risk : bright_opp) : (risk ? dark_risk : dark_opp);

  if (on_dark)
    memcpy (light, light_on_dark, sizeof light);

  t = pow (t, 0.8);
  cairo_set_source_rgb (cr, light[0] + (dark[0] - light[0]) * t, light[1] + (dark[1] - light[1]) * t,
                        light[2] + (dark[2] - light[2]) * t);
}

#define HEAT_GAP    24.0
#define HEAT_LEFT   24.0
#define HEAT_BOTTOM 24.0
#define HEAT_TOP    14.0

/* The width of each of the two panels and where the first begins. */
static void
heat_panels (double  width,
             double  height,
             double *x0,
             double *panel)
{
  /* Square cells read best; keep panels no wider than they are tall. */
  *panel = MIN ((width - HEAT_GAP) / 2, height + 10);
  *x0 = (width - 2 * *panel - HEAT_GAP) / 2;
}

/* The 5 × 5 cells of one panel, in chart coordinates. */
static void
heat_plot (double    width,
           double    height,
           gboolean  risk,
           double   *x,
           double   *y,
           double   *plot_width,
           double   *plot_height)
{
  double x0, panel;

  heat_panels (width, height, &x0, &panel);
  *x = x0 + (risk ? panel + HEAT_GAP : 0) + HEAT_LEFT;
  *y = HEAT_TOP;
  *plot_width = panel - HEAT_LEFT;
  *plot_height = height - HEAT_BOTTOM - HEAT_TOP;
}

static void
draw_heat_panel (cairo_t           *cr,
                 PangoContext      *context,
                 double             x0,
                 double             y0,
                 double             w,
                 double             h,
                 const DlbHeatItem *items,
                 guint              n_items,
                 gboolean           risk)
{
  double left = HEAT_LEFT, bottom = HEAT_BOTTOM, top = HEAT_TOP;
  double pw = w - left, ph = h - bottom - top;
  double cw = pw / 5, ch = ph / 5;
  double px = x0 + left, py = y0 + top;

  rgb (cr, 0x1f2933);
  show_text (cr, context, risk ? _("Risks") : _("Opportunities"), 8, TRUE, px + pw / 2, y0, 0.5, 0);

  for (int l = 1; l <= 5; l++)
    for (int i = 1; i <= 5; i++)
      {
        double cx = px + (l - 1) * cw, cy = py + ph - i * ch;
        GString *labels = g_string_new (NULL);
        guint count = 0;
        PangoLayout *layout;
        double tw, th;

        heat_colour (cr, risk, l * i);
        cairo_rectangle (cr, cx, cy, cw, ch);
        cairo_fill (cr);

        for (guint k = 0; k < n_items; k++)
          if ((items[k].risk != FALSE) == (risk != FALSE) && items[k].likelihood == l && items[k].impact == i)
            {
              if (count++ > 0)
                g_string_append_c (labels, ' ');
              g_string_append (labels, items[k].label != NULL ? items[k].label : "");
            }
        if (count == 0)
          {
            g_string_free (labels, TRUE);
            continue;
          }

        layout = chart_text (context, labels->str, 6.5, TRUE, 0);
        pango_layout_set_width (layout, (int) ((cw - 4) * PANGO_SCALE));
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
        text_size (layout, &tw, &th);
        if (th > ch - 2)
          {
            /* Too many to name here: the table names them; say how many. */
            g_autofree char *n = g_strdup_printf ("×%u", count);
            g_object_unref (layout);
            layout = chart_text (context, n, 7, TRUE, cw - 4);
            pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
            text_size (layout, &tw, &th);
          }
        if (l * i >= 12)
          rgb (cr, 0xffffff);
        else
          rgb (cr, 0x1f2933);
        cairo_move_to (cr, cx + 2, cy + (ch - th) / 2);
        pango_cairo_show_layout (cr, layout);
        g_object_unref (layout);
        g_string_free (labels, TRUE);
      }

  cairo_set_line_width (cr, 0.6);
  rgb (cr, 0xffffff);
  for (int k = 1; k < 5; k++)
    {
      cairo_move_to (cr, px + k * cw, py);
      cairo_line_to (cr, px + k * cw, py + ph);
      cairo_move_to (cr, px, py + k * ch);
      cairo_line_to (cr, px + pw, py + k * ch);
    }
  cairo_stroke (cr);
  rgb (cr, 0x7b8794);
  cairo_rectangle (cr, px, py, pw, ph);
  cairo_stroke (cr);

  rgb (cr, 0x3d4551);
  for (int k = 1; k <= 5; k++)
    {
      char number[4];

      g_snprintf (number, sizeof number, "%d", k);
      show_text (cr, context, number, 6.5, FALSE, px + (k - 0.5) * cw, py + ph + 2, 0.5, 0);
      show_text (cr, context, number, 6.5, FALSE, px - 4, py + ph - (k - 0.5) * ch - 4.5, 1, 0);
    }
  /* Translators: the horizontal axis of the heat map */
  show_text (cr, context, _("Likelihood →"), 7, TRUE, px + pw / 2, py + ph + 11, 0.5, 0);
  cairo_save (cr);
  cairo_translate (cr, x0 + 1, py + ph / 2);
  cairo_rotate (cr, -G_PI / 2);
  /* Translators: the vertical axis of the heat map */
  show_text (cr, context, _("Impact →"), 7, TRUE, 0, 0, 0.5, 0);
  cairo_restore (cr);
}

void
dlb_chart_draw_heat_map (cairo_t           *cr,
                         double             width,
                         double             height,
                         const DlbHeatItem *items,
                         guint              n_items)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  double x0, panel;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (items != NULL || n_items == 0);

  context = chart_context ();
  context_ref = G_OBJECT (context);
  heat_panels (width, height, &x0, &panel);
  cairo_save (cr);
  cairo_translate (cr, x0, 0);
  draw_heat_panel (cr, context, 0, 0, panel, height, items, n_items, FALSE);
  draw_heat_panel (cr, context, panel + HEAT_GAP, 0, panel, height, items, n_items, TRUE);
  cairo_restore (cr);
}

gboolean
dlb_chart_heat_map_cell_at (double    width,
                            double    height,
                            double    x,
                            double    y,
                            gboolean *risk,
                            int      *likelihood,
                            int      *impact)
{
  g_return_val_if_fail (risk != NULL && likelihood != NULL && impact != NULL, FALSE);

  for (int r = 0; r <= 1; r++)
    {
      double px, py, pw, ph;

      heat_plot (width, height, r, &px, &py, &pw, &ph);
      if (pw <= 0 || ph <= 0 || x < px || x >= px + pw || y < py || y >= py + ph)
        continue;
      *risk = r;
      *likelihood = CLAMP ((int) ((x - px) / (pw / 5)) + 1, 1, 5);
      *impact = CLAMP ((int) ((py + ph - y) / (ph / 5)) + 1, 1, 5);
      return TRUE;
    }
  return FALSE;
}

void
dlb_chart_heat_map_cell_area (double    width,
                              double    height,
                              gboolean  risk,
                              int       likelihood,
                              int       impact,
                              double   *x,
                              double   *y,
                              double   *cell_width,
                              double   *cell_height)
{
  double px, py, pw, ph;

  g_return_if_fail (x != NULL && y != NULL && cell_width != NULL && cell_height != NULL);

  heat_plot (width, height, risk, &px, &py, &pw, &ph);
  likelihood = CLAMP (likelihood, 1, 5);
  impact = CLAMP (impact, 1, 5);
  *cell_width = pw / 5;
  *cell_height = ph / 5;
  *x = px + (likelihood - 1) * *cell_width;
  *y = py + ph - impact * *cell_height;
}

char **
dlb_chart_describe_heat_map (const DlbHeatItem *items,
                             guint              n_items)
{
  GPtrArray *sentences = g_ptr_array_new ();

  g_return_val_if_fail (items != NULL || n_items == 0, NULL);

  for (int risk = 0; risk <= 1; risk++)
    {
      guint count = 0, high = 0;
      const DlbHeatItem *top = NULL;

      for (guint k = 0; k < n_items; k++)
        {
          if ((items[k].risk != FALSE) != (risk != 0))
            continue;
          count++;
          if (items[k].likelihood * items[k].impact >= 15)
            high++;
          if (top == NULL || items[k].likelihood * items[k].impact > top->likelihood * top->impact)
            top = &items[k];
        }
      if (count == 0)
        {
          g_ptr_array_add (sentences, g_strdup (risk ? _("No risks are recorded.")
                                                     : _("No opportunities are recorded.")));
          continue;
        }
      g_ptr_array_add (sentences,
                       g_strdup_printf (risk
                                        ? g_dngettext (GETTEXT_PACKAGE,
                                                       "%u risk is rated by likelihood and impact; ",
                                                       "%u risks are rated by likelihood and impact; ", count)
                                        : g_dngettext (GETTEXT_PACKAGE,
                                                       "%u opportunity is rated by likelihood and impact; ",
                                                       "%u opportunities are rated by likelihood and impact; ", count),
                                        count));
      {
        char *first = g_ptr_array_index (sentences, sentences->len - 1);
        char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u is in the high zone (likelihood × impact of 15 or more); "
                                                   "the highest is %s (likelihood %d, impact %d).",
                                                   "%u are in the high zone (likelihood × impact of 15 or more); "
                                                   "the highest is %s (likelihood %d, impact %d).", high),
                                      high, top->label != NULL ? top->label : "", top->likelihood, top->impact);
        sentences->pdata[sentences->len - 1] = g_strconcat (first, more, NULL);
        g_free (first);
        g_free (more);
      }
    }
  return strv_from_array (sentences);
}

DlbHeatItem *
dlb_chart_heat_items_from_case (DlbCase      *kase,
                                GStringChunk *strings,
                                guint        *n_items)
{
  GListModel *list;
  DlbHeatItem *items;
  guint n, opportunities = 0, risks = 0;

  g_return_val_if_fail (n_items != NULL, NULL);
  *n_items = 0;
  g_return_val_if_fail (DLB_IS_CASE (kase), NULL);
  g_return_val_if_fail (strings != NULL, NULL);

  list = dlb_case_get_items (kase);
  n = g_list_model_get_n_items (list);
  items = g_new0 (DlbHeatItem, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbItem) item = g_list_model_get_item (list, i);
      gboolean risk = dlb_item_get_kind (item) == DLB_ITEM_RISK;
      char label[24];

      g_snprintf (label, sizeof label, "%c%u", risk ? 'R' : 'O', risk ? ++risks : ++opportunities);
      items[i].label = g_string_chunk_insert (strings, label);
      items[i].likelihood = dlb_item_get_likelihood (item);
      items[i].impact = dlb_item_get_impact (item);
      items[i].risk = risk;
    }
  *n_items = n;
  return items;
}

/* Bars */

#define BAR_ROW     22.0
#define BAR_AXIS    14.0
#define BAR_VALUE_W 30.0

/* The label column: as wide as the longest name up to 38 % of the chart;
 * longer names wrap onto more lines and their rows grow. */
static double
bars_label_width (PangoContext *context,
                  const DlbBar *bars,
                  guint         n_bars,
                  double        width)
{
  double label_w = 0;

  for (guint i = 0; i < n_bars; i++)
    {
      PangoLayout *layout = chart_text (context, bars[i].label, 7.5, bars[i].winner, 0);
      double w, h;

      text_size (layout, &w, &h);
      g_object_unref (layout);
      label_w = MAX (label_w, w);
    }
  return MIN (label_w + 6, width * 0.38);
}

static double
bar_row_height (PangoContext *context,
                const DlbBar *bar,
                double        label_w)
{
  return MAX (BAR_ROW, wrapped_height (context, bar->label, 7.5, bar->winner, label_w - 6) + 6);
}

double
dlb_chart_bars_height (const DlbBar *bars,
                       guint         n_bars,
                       double        width)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  double label_w, total = BAR_AXIS + 4;

  g_return_val_if_fail (bars != NULL || n_bars == 0, 0);

  context = chart_context ();
  context_ref = G_OBJECT (context);
  label_w = bars_label_width (context, bars, n_bars, width);
  for (guint i = 0; i < n_bars; i++)
    total += bar_row_height (context, &bars[i], label_w);
  return total;
}

void
dlb_chart_draw_bars (cairo_t      *cr,
                     double        width,
                     double        height,
                     const DlbBar *bars,
                     guint         n_bars)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  double label_w, value_w = BAR_VALUE_W, axis_h = BAR_AXIS;
  double bx, bw, scale, y = 0, natural = 0;
  double *row_h;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (bars != NULL || n_bars == 0);
  if (n_bars == 0)
    return;

  context = chart_context ();
  context_ref = G_OBJECT (context);
  label_w = bars_label_width (context, bars, n_bars, width);
  bx = label_w;
  bw = MAX (width - label_w - value_w, 20);
  row_h = g_new (double, n_bars);
  for (guint i = 0; i < n_bars; i++)
    {
      row_h[i] = bar_row_height (context, &bars[i], label_w);
      natural += row_h[i];
    }
  /* Rows share the height given, in proportion to what their labels need. */
  scale = natural > 0 ? (height - axis_h) / natural : 1;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.4);
  for (int t = 0; t <= 10; t += 2)
    {
      char tick[4];

      rgb (cr, 0xd0d5dc);
      cairo_move_to (cr, bx + bw * t / 10, 0);
      cairo_line_to (cr, bx + bw * t / 10, height - axis_h);
      cairo_stroke (cr);
      g_snprintf (tick, sizeof tick, "%d", t);
      rgb (cr, 0x3d4551);
      show_text (cr, context, tick, 6.5, FALSE, bx + bw * t / 10, height - axis_h + 3, 0.5, 0);
    }

  for (guint i = 0; i < n_bars; y += row_h[i] * scale, i++)
    {
      double rh = row_h[i] * scale, bh = MIN (BAR_ROW * scale * 0.62, 16);
      double v = CLAMP (bars[i].value, 0, 10);
      double by = y + (rh - bh) / 2;
      char value[16];
      PangoLayout *layout;
      double w, h;

      layout = chart_text (context, bars[i].label, 7.5, bars[i].winner, label_w - 6);
      text_size (layout, &w, &h);
      rgb (cr, 0x1f2933);
      cairo_move_to (cr, label_w - 6 - w, y + (rh - h) / 2);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);

      cairo_rectangle (cr, bx, by, bw * v / 10, bh);
      if (bars[i].disqualified)
        {
          /* Hatched: reads as "out" in grey print as well as in colour. */
          cairo_save (cr);
          rgb (cr, 0xffffff);
          cairo_fill_preserve (cr);
          cairo_clip_preserve (cr);
          rgb (cr, 0xb23a2e);
          cairo_set_line_width (cr, 0.7);
          for (double hx = bx - bh; hx < bx + bw * v / 10; hx += 4)
            {
              cairo_move_to (cr, hx, by + bh);
              cairo_line_to (cr, hx + bh, by);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
          cairo_rectangle (cr, bx, by, bw * v / 10, bh);
          rgb (cr, 0xb23a2e);
          cairo_set_line_width (cr, 0.8);
          cairo_stroke (cr);
        }
      else
        {
          rgb (cr, bars[i].winner ? 0x1d4e89 : 0x9db4cf);
          cairo_fill (cr);
        }
      g_snprintf (value, sizeof value, "%.2f", bars[i].value);
      rgb (cr, 0x1f2933);
      show_text (cr, context, value, 7, bars[i].winner, bx + bw * v / 10 + 3, y + (rh - 9) / 2, 0, 0);
    }
  cairo_restore (cr);
  g_free (row_h);
}

char **
dlb_chart_describe_bars (const DlbBar *bars,
                         guint         n_bars)
{
  GPtrArray *sentences = g_ptr_array_new ();

  g_return_val_if_fail (bars != NULL || n_bars == 0, NULL);

  for (guint i = 0; i < n_bars; i++)
    {
      char value[16];

      g_snprintf (value, sizeof value, "%.2f", bars[i].value);
      if (bars[i].disqualified)
        g_ptr_array_add (sentences,
                         /* Translators: an option's name, then its total out of 10 */
                         g_strdup_printf (_("%s totals %s of 10 but fails a gate."), bars[i].label, value));
      else if (bars[i].winner)
        g_ptr_array_add (sentences,
                         /* Translators: an option's name, then its total out of 10 */
                         g_strdup_printf (_("%s totals %s of 10, the highest."), bars[i].label, value));
      else
        g_ptr_array_add (sentences,
                         /* Translators: an option's name, then its total out of 10 */
                         g_strdup_printf (_("%s totals %s of 10."), bars[i].label, value));
    }
  return strv_from_array (sentences);
}

/* Sensitivity */

static const double *
dash_pattern (int series,
              int *n)
{
  static const double patterns[5][4] = {
    { 0 }, { 5, 2.5 }, { 1.2, 2 }, { 6, 2, 1.2, 2 }, { 3, 3 },
  };
  static const int lengths[5] = { 0, 2, 2, 4, 2 };

  *n = lengths[series % 5];
  return patterns[series % 5];
}

static guint32
series_colour (int series)
{
  static const guint32 colours[] = { 0x1d4e89, 0xb23a2e, 0x2b7a4b, 0x8a5a00, 0x6a3d9a, 0x4b5563 };
  return colours[series % G_N_ELEMENTS (colours)];
}

typedef struct
{
  double y;
  double height;
  guint  index;
} EndLabel;

static int
compare_end (gconstpointer a,
             gconstpointer b)
{
  const EndLabel *ea = a, *eb = b;

  if (ea->y != eb->y)
    return ea->y < eb->y ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

#define SENSITIVITY_HEIGHT 220.0

static double
sensitivity_label_width (double width)
{
  return MIN (width * 0.36, 170);
}

static double
sensitivity_label_height (PangoContext             *context,
                          const DlbSensitivityLine *line,
                          double                    label_w)
{
  return MAX (9.5, wrapped_height (context, line->label, 7, line->winner, label_w - 10) + 1);
}

double
dlb_chart_sensitivity_height (const DlbSensitivityChart *chart,
                              double                     width)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  double labels = 0;

  g_return_val_if_fail (chart != NULL, SENSITIVITY_HEIGHT);

  context = chart_context ();
  context_ref = G_OBJECT (context);
  for (guint i = 0; i < chart->n_lines; i++)
    labels += sensitivity_label_height (context, &chart->lines[i], sensitivity_label_width (width));
  return MAX (SENSITIVITY_HEIGHT, labels + 4);
}

void
dlb_chart_draw_sensitivity (cairo_t                   *cr,
                           double                     width,
                           double                     height,
                           const DlbSensitivityChart *chart)
{
  g_autoptr(GObject) context_ref = NULL;
  PangoContext *context;
  double lo = 10, hi = 0, px = 30, py = 14, pw, ph, label_w;
  g_autofree EndLabel *ends = NULL;
  g_autofree int *styles = NULL;
  guint n;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (chart != NULL);
  g_return_if_fail (chart->lines != NULL || chart->n_lines == 0);

  context = chart_context ();
  context_ref = G_OBJECT (context);
  n = chart->n_lines;
  label_w = sensitivity_label_width (width);
  pw = MAX (width - px - label_w - 6, 20);
  ph = MAX (height - py - 30, 20);

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, MIN (chart->lines[i].at_zero, chart->lines[i].at_one));
      hi = MAX (hi, MAX (chart->lines[i].at_zero, chart->lines[i].at_one));
    }
  lo = CLAMP (floor (lo), 0, 9);
  hi = CLAMP (ceil (hi), lo + 1, 10);

#define SX(w) (px + (w) * pw)
#define SY(v) (py + ph - ((v) - lo) / (hi - lo) * ph)

  cairo_save (cr);

  /* Where the winner holds */
  if (chart->holds_to > chart->holds_from)
    {
      rgb (cr, 0xe6edf5);
      cairo_rectangle (cr, SX (CLAMP (chart->holds_from, 0, 1)), py,
                       (CLAMP (chart->holds_to, 0, 1) - CLAMP (chart->holds_from, 0, 1)) * pw, ph);
      cairo_fill (cr);
    }

  cairo_set_line_width (cr, 0.4);
  for (int t = 0; t <= 10; t += 2)
    {
      char tick[8];

      rgb (cr, 0xd0d5dc);
      cairo_move_to (cr, SX (t / 10.0), py);
      cairo_line_to (cr, SX (t / 10.0), py + ph);
      cairo_stroke (cr);
      g_snprintf (tick, sizeof tick, "%d %%", t * 10);
      rgb (cr, 0x3d4551);
      show_text (cr, context, tick, 6.5, FALSE, SX (t / 10.0), py + ph + 2, 0.5, 0);
    }
  for (double v = lo; v <= hi + 1e-9; v += (hi - lo) > 5 ? 2 : 1)
    {
      char tick[8];

      rgb (cr, 0xd0d5dc);
      cairo_move_to (cr, px, SY (v));
      cairo_line_to (cr, px + pw, SY (v));
      cairo_stroke (cr);
      g_snprintf (tick, sizeof tick, "%.0f", v);
      rgb (cr, 0x3d4551);
      show_text (cr, context, tick, 6.5, FALSE, px - 3, SY (v) - 4.5, 1, 0);
    }
  {
    /* Translators: the horizontal axis of the sensitivity chart; %s is a criterion */
    g_autofree char *axis = g_strdup_printf (_("Weight of %s →"), chart->criterion != NULL ? chart->criterion : "");
    show_text (cr, context, axis, 7, TRUE, px + pw / 2, py + ph + 12, 0.5, pw);
  }
  /* Translators: the vertical axis of the sensitivity chart */
  show_text (cr, context, _("Total (0–10)"), 7, TRUE, 0, 0, 0, 0);

  /* Crossovers */
  cairo_set_line_width (cr, 0.8);
  for (int k = 0; k < 2; k++)
    {
      double w = k == 0 ? chart->holds_from : chart->holds_to;
      char text[16];

      if (w <= 0 || w >= 1 || chart->holds_to <= chart->holds_from)
        continue;
      rgb (cr, 0x5b6573);
      cairo_set_dash (cr, (double[]) { 2, 2 }, 2, 0);
      cairo_move_to (cr, SX (w), py);
      cairo_line_to (cr, SX (w), py + ph);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      g_snprintf (text, sizeof text, "%.0f %%", w * 100);
      show_text (cr, context, text, 6.5, TRUE, SX (w), py - 10, 0.5, 0);
    }

  /* The winner is always drawn solid and dark; the others take the
   * dashed styles in order. */
  styles = g_new0 (int, MAX (n, 1));
  {
    int next = 1;
    for (guint i = 0; i < n; i++)
      styles[i] = chart->lines[i].winner ? 0 : next++;
  }

  for (guint i = 0; i < n; i++)
    {
      const DlbSensitivityLine *l = &chart->lines[i];
      int n_dash;
      const double *dash = dash_pattern (styles[i], &n_dash);

      rgb (cr, series_colour (styles[i]));
      cairo_set_line_width (cr, l->winner ? 2.0 : 1.2);
      cairo_set_dash (cr, dash, n_dash, 0);
      cairo_move_to (cr, SX (0), SY (l->at_zero));
      cairo_line_to (cr, SX (1), SY (l->at_one));
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (int m = 0; m <= 4; m++)
        {
          double w = m / 4.0;
          marker_path (cr, styles[i], SX (w), SY (w * l->at_one + (1 - w) * l->at_zero), 2.4);
          cairo_fill (cr);
        }
    }

  /* Current weight */
  rgb (cr, 0x1f2933);
  cairo_set_line_width (cr, 1.0);
  cairo_move_to (cr, SX (CLAMP (chart->weight, 0, 1)), py);
  cairo_line_to (cr, SX (CLAMP (chart->weight, 0, 1)), py + ph);
  cairo_stroke (cr);
  {
    char text[32];
    g_autofree char *now = NULL;

    g_snprintf (text, sizeof text, "%.0f %%", chart->weight * 100);
    /* Translators: marks the criterion's current weight on the sensitivity chart, e.g. "now 25 %" */
    now = g_strdup_printf (_("now %s"), text);
    show_text (cr, context, now, 6.5, TRUE, SX (CLAMP (chart->weight, 0, 1)) + 2, py + ph - 10, 0, 0);
  }

  /* Line labels at the right end, pushed apart so they never overlap;
   * a long name wraps and takes the room of its lines. */
  ends = g_new0 (EndLabel, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      ends[i].y = SY (chart->lines[i].at_one) - 4.5;
      ends[i].index = i;
      ends[i].height = sensitivity_label_height (context, &chart->lines[i], label_w);
    }
  qsort (ends, n, sizeof (EndLabel), compare_end);
  for (guint i = 1; i < n; i++)
    ends[i].y = MAX (ends[i].y, ends[i - 1].y + ends[i - 1].height);
  if (n > 0 && ends[n - 1].y + ends[n - 1].height > height)
    {
      ends[n - 1].y = height - ends[n - 1].height;
      for (guint i = n - 1; i > 0; i--)
        ends[i - 1].y = MIN (ends[i - 1].y, ends[i].y - ends[i - 1].height);
    }
  for (guint k = 0; k < n; k++)
    {
      guint i = ends[k].index;

      rgb (cr, series_colour (styles[i]));
      marker_path (cr, styles[i], px + pw + 8, ends[k].y + 4.5, 2.4);
      cairo_fill (cr);
      rgb (cr, 0x1f2933);
      show_text (cr, context, chart->lines[i].label, 7, chart->lines[i].winner,
                 px + pw + 13, ends[k].y, 0, label_w - 10);
    }

#undef SX
#undef SY

  cairo_restore (cr);
}

char **
dlb_chart_describe_sensitivity (const DlbSensitivityChart *chart)
{
  GPtrArray *sentences = g_ptr_array_new ();
  const char *criterion;

  g_return_val_if_fail (chart != NULL, NULL);

  criterion = chart->criterion != NULL ? chart->criterion : "";
  g_ptr_array_add (sentences,
                   /* Translators: %s is a criterion, %.0f its weight in percent */
                   g_strdup_printf (_("Each option’s total as the weight of %s runs from 0 to 100 %%; "
                                      "its weight is now %.0f %%."), criterion, chart->weight * 100));
  for (guint i = 0; i < chart->n_lines; i++)
    g_ptr_array_add (sentences,
                     /* Translators: an option, then its total at weight 0 % and at 100 % */
                     g_strdup_printf (_("%s: %.2f at 0 %%, %.2f at 100 %%."), chart->lines[i].label,
                                      chart->lines[i].at_zero, chart->lines[i].at_one));
  if (chart->holds_from > 0 && chart->below != NULL)
    g_ptr_array_add (sentences,
                     /* Translators: an option, then a weight in percent */
                     g_strdup_printf (_("%s takes over below %.0f %%."), chart->below, chart->holds_from * 100));
  if (chart->holds_to < 1 && chart->above != NULL)
    g_ptr_array_add (sentences,
                     /* Translators: an option, then a weight in percent */
                     g_strdup_printf (_("%s takes over above %.0f %%."), chart->above, chart->holds_to * 100));
  return strv_from_array (sentences);
}

/* Data from a result -------------------------------------------------- */

static const char *
keep (GStringChunk *strings,
      const char   *text)
{
  if (text == NULL)
    text = "";
  return strings != NULL ? g_string_chunk_insert_const (strings, text) : text;
}

gboolean
dlb_chart_option_label_is_number (DlbResult *result,
                                  guint      option)
{
  const char *name = dlb_result_get_option_name (result, option);

  return name != NULL && g_utf8_strlen (name, -1) > LONG_OPTION_NAME;
}

char *
dlb_chart_option_label (DlbResult *result,
                        guint      option)
{
  if (dlb_chart_option_label_is_number (result, option))
    /* Translators: stands for an option whose name is too long for a chart or a column heading */
    return g_strdup_printf (_("Option %u"), option + 1);
  return g_strdup (dlb_result_get_option_name (result, option) != NULL
                   ? dlb_result_get_option_name (result, option) : "");
}

static const char *
keep_option (GStringChunk *strings,
             DlbResult    *result,
             guint         option)
{
  g_autofree char *label = NULL;

  if (strings == NULL)
    return keep (NULL, dlb_result_get_option_name (result, option));
  label = dlb_chart_option_label (result, option);
  return keep (strings, label);
}

DlbBar *
dlb_chart_bars_from_result (DlbResult    *result,
                            GStringChunk *strings,
                            guint        *n_bars)
{
  guint n = 0;
  const guint *ranking;
  int winner;
  DlbBar *bars;

  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);
  g_return_val_if_fail (n_bars != NULL, NULL);

  ranking = dlb_result_get_ranking (result, &n);
  winner = dlb_result_get_winner (result);
  bars = g_new0 (DlbBar, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    {
      guint o = ranking[k];

      bars[k].label = keep_option (strings, result, o);
      bars[k].value = dlb_result_get_total (result, o);
      bars[k].winner = (int) o == winner;
      bars[k].disqualified = dlb_result_is_disqualified (result, o);
    }

  *n_bars = n;
  return bars;
}

DlbSensitivityLine *
dlb_chart_sensitivity_from_result (DlbResult           *result,
                                   guint                criterion,
                                   GStringChunk        *strings,
                                   DlbSensitivityChart *chart)
{
  guint n_options;
  const DlbSensitivity *s;
  DlbSensitivityLine *lines;
  gboolean any_qualified = FALSE;
  int winner;
  guint n_lines = 0;

  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);
  g_return_val_if_fail (criterion < dlb_result_get_n_criteria (result), NULL);
  g_return_val_if_fail (chart != NULL, NULL);

  n_options = dlb_result_get_n_options (result);
  winner = dlb_result_get_winner (result);
  s = dlb_result_get_sensitivity (result, criterion);
  lines = g_new0 (DlbSensitivityLine, MAX (n_options, 1));

  for (guint o = 0; o < n_options; o++)
    any_qualified |= !dlb_result_is_disqualified (result, o);

  for (guint o = 0; o < n_options; o++)
    {
      DlbSensitivityLine *line = &lines[n_lines];

      if (any_qualified && dlb_result_is_disqualified (result, o))
        continue;
      line->label = keep_option (strings, result, o);
      dlb_result_get_sensitivity_line (result, criterion, o, &line->at_zero, &line->at_one);
      line->winner = (int) o == winner;
      n_lines++;
    }

  memset (chart, 0, sizeof *chart);
  chart->criterion = keep (strings, dlb_result_get_criterion_name (result, criterion));
  chart->weight = dlb_result_get_weight (result, criterion);
  chart->holds_from = 0;
  chart->holds_to = 1;
  if (s != NULL && s->valid)
    {
      chart->holds_from = s->holds_from;
      chart->holds_to = s->holds_to;
      if (s->below >= 0)
        chart->below = keep_option (strings, result, (guint) s->below);
      if (s->above >= 0)
        chart->above = keep_option (strings, result, (guint) s->above);
    }
  chart->lines = lines;
  chart->n_lines = n_lines;

  return lines;
}
