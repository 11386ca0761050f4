/* memo-floor.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The least a program must do to write the example memo's pages, with
 * Cairo and Pango alone: the memo's speed floor.
 *
 * It reads the words of a memo as `pdftotext -bbox-layout` gives them
 * (blocks of words, with the height of each line), and which of them are
 * bold or italic as `pdftohtml -xml` gives it, and sets them again: the
 * font of each block follows from its line height, every paragraph or
 * table cell gets a fresh PangoLayout wrapped at its column's width, blocks
 * side by side make a table row, and pages fill by measured height (a new
 * page also where the memo began one, so both write the same pages). The
 * memo's small chart labels mark where its figures are; the floor draws a
 * chart of its own there, with those labels, in the memo's order: the
 * stakeholder grid, the heat map, the score bars, the sensitivity lines.
 * Each page gets the memo's footer.
 *
 * Usage: bench-memo-floor LAYOUT.html STYLES.xml OUT.pdf; prints the
 * number of pages. */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* The memo's page geometry and fonts (src/core/memo/dlb-layout.c). */
#define MARGIN_TOP     58.0
#define MARGIN_BOTTOM  60.0
#define MARGIN_LEFT    62.0
#define MARGIN_RIGHT   62.0

#define BODY_FONT    "Noto Serif, DejaVu Serif 10"
#define TABLE_FONT   "Noto Sans, DejaVu Sans 8.5"
#define NOTE_FONT    "Noto Sans, DejaVu Sans 8"
#define TITLE_FONT   "Cantarell, Noto Sans Bold 19"
#define H1_FONT      "Cantarell, Noto Sans Bold 13.5"
#define H2_FONT      "Cantarell, Noto Sans Bold 11"
#define SMALL_FONT   "Noto Sans, DejaVu Sans 7"
#define FOOTER_FONT  "Noto Sans, DejaVu Sans 7.5"
#define CHART_FONT   "Noto Sans, DejaVu Sans"

typedef enum
{
  ROLE_TITLE,
  ROLE_H1,
  ROLE_H2,
  ROLE_BODY,
  ROLE_TABLE,
  ROLE_NOTE,
  ROLE_SMALL,
  ROLE_CHART,
  ROLE_FOOTER,
} Role;

static const char *role_fonts[] = {
  TITLE_FONT, H1_FONT, H2_FONT, BODY_FONT, TABLE_FONT, NOTE_FONT, SMALL_FONT, NULL,
  FOOTER_FONT,
};

enum
{
  STYLE_BOLD = 1 << 0,
  STYLE_ITALIC = 1 << 1,
};

/* One block of the memo's text as pdftotext found it: its words as Pango
 * markup, with the memo's bold and italic, and as plain text. */
typedef struct
{
  double   x0, y0, x1, y1;
  double   line_h;
  Role     role;
  int      style;
  GString *text;
  GString *plain;
} Source;

/* A run of text in one style, as pdftohtml found it. */
typedef struct
{
  double top;
  double left;
  double right;
  int    style;
} Run;

typedef struct
{
  double     width;
  double     height;
  char      *subject;
  char      *title;
  char      *author;
  GPtrArray *pages;     /* of GPtrArray of Source */
  Source    *block;
  gboolean   in_word;
  double     word_x;
  double     word_y;

  gboolean   reading_styles;
  GPtrArray *runs;      /* of GArray of Run, a page each */
  double     runs_width;
  Run        run;
  gboolean   in_run;
} Input;

typedef enum
{
  CHART_GRID,
  CHART_HEAT,
  CHART_BARS,
  CHART_LINES,
} ChartKind;

/* What the floor sets: a row of cells side by side, or a figure. */
typedef struct
{
  gboolean     figure;
  ChartKind    chart;
  GPtrArray   *labels;  /* figure: of char *, borrowed */
  guint        n_cells;
  PangoLayout *cells[16];
  double       cell_x[16];
  gboolean     ruled;
  gboolean     ends_page;
  double       gap;     /* above */
  double       height;
  /* placed */
  int          page;
  double       y;
} Row;

static void
source_free (gpointer data)
{
  Source *s = data;

  g_string_free (s->text, TRUE);
  g_string_free (s->plain, TRUE);
  g_free (s);
}

static double
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return g_ascii_strtod (values[i], NULL);
  return 0;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              data,
               GError              **error)
{
  Input *in = data;

  if (g_str_equal (element, "page") && in->reading_styles)
    {
      in->runs_width = attribute (names, values, "width");
      g_ptr_array_add (in->runs, g_array_new (FALSE, FALSE, sizeof (Run)));
    }
  else if (g_str_equal (element, "page"))
    {
      in->width = attribute (names, values, "width");
      in->height = attribute (names, values, "height");
      g_ptr_array_add (in->pages, g_ptr_array_new_with_free_func (source_free));
    }
  else if (g_str_equal (element, "text") && in->reading_styles && in->runs->len > 0)
    {
      in->in_run = TRUE;
      in->run.top = attribute (names, values, "top");
      in->run.left = attribute (names, values, "left");
      in->run.right = in->run.left + attribute (names, values, "width");
      in->run.style = 0;
    }
  else if (g_str_equal (element, "b") && in->in_run)
    in->run.style |= STYLE_BOLD;
  else if (g_str_equal (element, "i") && in->in_run)
    in->run.style |= STYLE_ITALIC;
  else if (g_str_equal (element, "block") && in->pages->len > 0)
    {
      in->block = g_new0 (Source, 1);
      in->block->x0 = attribute (names, values, "xMin");
      in->block->y0 = attribute (names, values, "yMin");
      in->block->x1 = attribute (names, values, "xMax");
      in->block->y1 = attribute (names, values, "yMax");
      in->block->text = g_string_new (NULL);
      in->block->plain = g_string_new (NULL);
      g_ptr_array_add (g_ptr_array_index (in->pages, in->pages->len - 1), in->block);
    }
  else if (g_str_equal (element, "line") && in->block != NULL)
    {
      double h = attribute (names, values, "yMax") - attribute (names, values, "yMin");

      if (in->block->line_h == 0 || h < in->block->line_h)
        in->block->line_h = h;
    }
  else if (g_str_equal (element, "word"))
    {
      in->in_word = TRUE;
      in->word_x = attribute (names, values, "xMin");
      in->word_y = attribute (names, values, "yMin");
    }
  else if (g_str_equal (element, "meta"))
    {
      const char *name = NULL, *content = NULL;

      for (int i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "name"))
          name = values[i];
        else if (g_str_equal (names[i], "content"))
          content = values[i];
      if (g_strcmp0 (name, "Subject") == 0)
        {
          g_free (in->subject);
          in->subject = g_strdup (content);
        }
      else if (g_strcmp0 (name, "Author") == 0)
        {
          g_free (in->author);
          in->author = g_strdup (content);
        }
    }
  else if (g_str_equal (element, "title"))
    g_clear_pointer (&in->title, g_free);
}

static void
set_style (Source *s,
           int     style)
{
  if (s->style == style)
    return;
  if (s->style & STYLE_ITALIC)
    g_string_append (s->text, "</i>");
  if (s->style & STYLE_BOLD)
    g_string_append (s->text, "</b>");
  if (style & STYLE_BOLD)
    g_string_append (s->text, "<b>");
  if (style & STYLE_ITALIC)
    g_string_append (s->text, "<i>");
  s->style = style;
}

/* The style of the word at x, y of the last page read. */
static int
style_at (const Input *in,
          double       x,
          double       y)
{
  double scale = in->width > 0 ? in->runs_width / in->width : 1;
  GArray *runs;

  if (in->runs->len < in->pages->len)
    return 0;
  runs = g_ptr_array_index (in->runs, in->pages->len - 1);
  x *= scale;
  y *= scale;
  for (guint r = 0; r < runs->len; r++)
    {
      const Run *run = &g_array_index (runs, Run, r);

      if (fabs (run->top - y) <= 1.5 * scale && x >= run->left - scale && x <= run->right + scale)
        return run->style;
    }
  return 0;
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element,
             gpointer              data,
             GError              **error)
{
  Input *in = data;

  if (g_str_equal (element, "word"))
    in->in_word = FALSE;
  else if (g_str_equal (element, "block") && in->block != NULL)
    {
      set_style (in->block, 0);
      in->block = NULL;
    }
  else if (g_str_equal (element, "text") && in->in_run)
    {
      g_array_append_val (g_ptr_array_index (in->runs, in->runs->len - 1), in->run);
      in->in_run = FALSE;
    }
}

static void
text (GMarkupParseContext  *context,
      const char           *text,
      gsize                 len,
      gpointer              data,
      GError              **error)
{
  Input *in = data;

  if (g_strcmp0 (g_markup_parse_context_get_element (context), "title") == 0)
    in->title = g_strndup (text, len);
  if (!in->in_word || in->block == NULL)
    return;
  if (in->block->plain->len > 0)
    {
      g_string_append_c (in->block->text, ' ');
      g_string_append_c (in->block->plain, ' ');
    }
  set_style (in->block, style_at (in, in->word_x, in->word_y));
  {
    g_autofree char *escaped = g_markup_escape_text (text, len);
    g_string_append (in->block->text, escaped);
  }
  g_string_append_len (in->block->plain, text, len);
}

/* The memo's line heights are 1.362 × the size for Noto and 1.2 × for
 * Cantarell; anything below the note size is a chart's label, and so is
 * a line taller than the title: a chart's axis title set upright. */
static Role
classify (const Input  *in,
          const Source *s)
{
  static const struct
  {
    double line_h;
    Role   role;
  } roles[] = {
    { 25, ROLE_CHART }, { 20, ROLE_TITLE }, { 15.5, ROLE_H1 }, { 13.4, ROLE_BODY },
    { 13.0, ROLE_H2 }, { 11.2, ROLE_TABLE }, { 10.6, ROLE_NOTE },
  };

  if (s->y0 > in->height - MARGIN_BOTTOM)
    return ROLE_FOOTER;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (s->line_h >= roles[i].line_h)
      return roles[i].role;
  return ROLE_CHART;
}

static gboolean
parse (const char  *path,
       Input       *in,
       GError     **error)
{
  static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GMarkupParseContext) context = NULL;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, in, NULL);
  return g_markup_parse_context_parse (context, contents, length, error)
         && g_markup_parse_context_end_parse (context, error);
}

/* The styles first, so that each word read from the layout finds its own. */
static gboolean
read_input (const char  *layout,
            const char  *styles,
            Input       *in,
            GError     **error)
{
  in->reading_styles = TRUE;
  if (!parse (styles, in, error))
    return FALSE;
  in->reading_styles = FALSE;
  if (!parse (layout, in, error))
    return FALSE;
  for (guint p = 0; p < in->pages->len; p++)
    {
      GPtrArray *blocks = g_ptr_array_index (in->pages, p);

      for (guint b = 0; b < blocks->len; b++)
        {
          Source *s = g_ptr_array_index (blocks, b);
          s->role = classify (in, s);
        }
    }
  return TRUE;
}

static int
compare_source (gconstpointer a,
                gconstpointer b)
{
  const Source *s = *(Source **) a, *t = *(Source **) b;

  if (fabs (s->y0 - t->y0) > 0.5)
    return s->y0 < t->y0 ? -1 : 1;
  return s->x0 < t->x0 ? -1 : s->x0 > t->x0;
}

static PangoLayout *
paragraph (PangoContext *context,
           const char   *font,
           const char   *markup,
           double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static gboolean
is_number (const char *label)
{
  char *end;

  g_ascii_strtod (label, &end);
  return end != label && (*end == '\0' || g_str_equal (end, " %"));
}

static gboolean
overlaps (const Source *s,
          const Source *t)
{
  return s->y0 < t->y1 - 0.5 && t->y0 < s->y1 - 0.5;
}

static gboolean
alone (GPtrArray *blocks,
       guint      b)
{
  Source *s = g_ptr_array_index (blocks, b);

  for (guint o = 0; o < blocks->len; o++)
    if (o != b && overlaps (s, g_ptr_array_index (blocks, o)))
      return FALSE;
  return TRUE;
}

/* pdftotext gives a paragraph's lines as blocks of their own: join the
 * lines that follow at line spacing, in the same font and column, back
 * into the paragraph the memo set. A few small labels on their own are a
 * table's note, not a figure. */
static void
rebuild_paragraphs (GPtrArray *blocks)
{
  g_ptr_array_sort (blocks, compare_source);
  for (guint b = 0; b < blocks->len;)
    {
      guint e = b;

      while (e < blocks->len && ((Source *) g_ptr_array_index (blocks, e))->role == ROLE_CHART)
        e++;
      if (e - b < 4)
        for (guint k = b; k < e; k++)
          ((Source *) g_ptr_array_index (blocks, k))->role = ROLE_SMALL;
      b = e > b ? e : b + 1;
    }

  for (guint b = 0; b + 1 < blocks->len;)
    {
      Source *s = g_ptr_array_index (blocks, b), *t = g_ptr_array_index (blocks, b + 1);

      if (s->role == t->role && s->role != ROLE_CHART && s->role != ROLE_FOOTER
          && t->y0 - s->y1 < 3.0 && t->y0 > s->y1 - 0.5
          && t->x0 > s->x0 - 1 && t->x0 < s->x0 + 20
          && alone (blocks, b) && alone (blocks, b + 1))
        {
          g_string_append_c (s->text, ' ');
          g_string_append (s->text, t->text->str);
          g_string_append_c (s->plain, ' ');
          g_string_append (s->plain, t->plain->str);
          s->y1 = t->y1;
          s->x1 = MAX (s->x1, t->x1);
          g_ptr_array_remove_index (blocks, b + 1);
        }
      else
        b++;
    }
}

static Row *
row_new (GPtrArray *rows,
         double     gap)
{
  Row *row = g_new0 (Row, 1);

  row->gap = gap;
  g_ptr_array_add (rows, row);
  return row;
}

/* Measures every row of every page of the memo into @rows. */
static void
measure (const Input  *in,
         PangoContext *context,
         GPtrArray    *rows)
{
  double right = in->width - MARGIN_RIGHT;
  ChartKind next_chart = CHART_GRID;

  for (guint p = 0; p < in->pages->len; p++)
    {
      GPtrArray *blocks = g_ptr_array_index (in->pages, p);
      double top = 0, bottom = 0;
      Row *row = NULL;

      rebuild_paragraphs (blocks);
      for (guint b = 0; b < blocks->len; b++)
        {
          Source *s = g_ptr_array_index (blocks, b);
          /* A wide block wraps at the right margin; a cell at its
           * column's edge, as the memo wrapped it. */
          double width = s->x1 > right - 40 ? right - s->x0 : s->x1 - s->x0 + 2.5;
          PangoLayout *layout;

          if (s->role == ROLE_FOOTER)
            continue;
          if (s->role == ROLE_CHART)
            {
              if (row == NULL || !row->figure)
                {
                  row = row_new (rows, row == NULL ? 0 : CLAMP (s->y0 - bottom, 0, 40));
                  row->figure = TRUE;
                  row->chart = next_chart;
                  row->labels = g_ptr_array_new ();
                  next_chart = MIN (next_chart + 1, CHART_LINES);
                  top = s->y0;
                }
              g_ptr_array_add (row->labels, s->plain->str);
              bottom = MAX (bottom, s->y1);
              row->height = bottom - top;
              continue;
            }

          /* Blocks side by side are the cells of one row. */
          if (row == NULL || row->figure || s->y0 >= bottom - 0.5 || row->n_cells == G_N_ELEMENTS (row->cells))
            {
              row = row_new (rows, row == NULL ? 0 : CLAMP (s->y0 - bottom, 0, 40));
              top = s->y0;
            }
          bottom = MAX (bottom, s->y1);
          layout = paragraph (context, role_fonts[s->role], s->text->str, MAX (width, 10));
          row->cell_x[row->n_cells] = s->x0;
          row->cells[row->n_cells++] = layout;
          row->height = MAX (row->height, layout_height (layout));
          row->ruled = row->n_cells > 1 && s->role == ROLE_TABLE;
        }
      if (row != NULL)
        row->ends_page = TRUE;
    }
}

/* Fills pages by measured height, and starts one where the memo did;
 * returns the number of pages. */
static int
paginate (const Input *in,
          GPtrArray   *rows)
{
  double bottom = in->height - MARGIN_BOTTOM;
  double y = MARGIN_TOP;
  int page = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      double gap = y > MARGIN_TOP ? row->gap : 0;

      if (y > MARGIN_TOP && y + gap + row->height > bottom)
        {
          page++;
          y = MARGIN_TOP;
          gap = 0;
        }
      row->page = page;
      row->y = y + gap;
      y = row->y + row->height;
      if (row->ends_page && r + 1 < rows->len)
        {
          page++;
          y = MARGIN_TOP;
        }
    }
  return page + 1;
}

/* Charts */

static void
rgb (cairo_t *cr,
     guint32  hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0,
                        (hex & 0xff) / 255.0);
}

/* Draws a label with its top-left corner at x, y (anchor 0 left, 0.5
 * centre, 1 right), each in a fresh layout as the memo's charts do. */
static void
label (cairo_t      *cr,
       PangoContext *context,
       const char   *text,
       double        size,
       gboolean      bold,
       double        x,
       double        y,
       double        anchor)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = pango_font_description_from_string (CHART_FONT);
  PangoRectangle logical;

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  cairo_move_to (cr, x - anchor * logical.width / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
ticks (cairo_t      *cr,
       PangoContext *context,
       double        x,
       double        y,
       double        w,
       double        h,
       int           n)
{
  cairo_set_line_width (cr, 0.4);
  for (int i = 0; i <= n; i++)
    {
      char number[8];

      rgb (cr, 0xd0d5dc);
      cairo_move_to (cr, x + i * w / n, y);
      cairo_line_to (cr, x + i * w / n, y + h);
      cairo_move_to (cr, x, y + i * h / n);
      cairo_line_to (cr, x + w, y + i * h / n);
      cairo_stroke (cr);
      g_snprintf (number, sizeof number, "%d", i);
      rgb (cr, 0x3d4551);
      label (cr, context, number, 6.5, FALSE, x + i * w / n, y + h + 2, 0.5);
      label (cr, context, number, 6.5, FALSE, x - 4, y + h - i * h / n - 4.5, 1);
    }
}

static void
draw_grid (cairo_t      *cr,
           PangoContext *context,
           GPtrArray    *labels,
           double        w,
           double        h)
{
  double px = 30, py = 4, pw = w - 40, ph = h - 40;

  for (int q = 0; q < 4; q++)
    {
      static const guint32 fills[] = { 0xeef1f5, 0xdde3ea, 0xf8f9fb, 0xeef1f5 };
      rgb (cr, fills[q]);
      cairo_rectangle (cr, px + (q % 2) * pw / 2, py + (q / 2) * ph / 2, pw / 2, ph / 2);
      cairo_fill (cr);
    }
  ticks (cr, context, px, py, pw, ph, 5);
  label (cr, context, "Interest →", 7.5, TRUE, px + pw / 2, py + ph + 12, 0.5);
  cairo_save (cr);
  cairo_translate (cr, 2, py + ph / 2);
  cairo_rotate (cr, -G_PI / 2);
  label (cr, context, "Power →", 7.5, TRUE, 0, 0, 0.5);
  cairo_restore (cr);

  for (guint i = 0; i < labels->len; i++)
    {
      double x = px + pw * (0.1 + 0.8 * ((i * 37) % 17) / 16.0);
      double y = py + ph * (0.1 + 0.8 * ((i * 23) % 13) / 12.0);

      rgb (cr, i % 3 == 0 ? 0x2b7a4b : i % 3 == 1 ? 0xb23a2e : 0x6b7280);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 3.2, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      rgb (cr, 0xffffff);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
      rgb (cr, 0x1f2933);
      label (cr, context, g_ptr_array_index (labels, i), 6.5, FALSE, x + 5, y - 4.5, 0);
    }
}

static void
draw_heat (cairo_t      *cr,
           PangoContext *context,
           GPtrArray    *labels,
           double        w,
           double        h)
{
  double panel = MIN ((w - 24) / 2, h + 10);

  for (int risk = 0; risk < 2; risk++)
    {
      double px = (w - 2 * panel - 24) / 2 + risk * (panel + 24) + 24, py = 4;
      double pw = panel - 24, ph = h - 28;
      guint next = risk;

      for (int l = 1; l <= 5; l++)
        for (int i = 1; i <= 5; i++)
          {
            double t = pow ((l * i - 1) / 24.0, 0.8);

            if (risk)
              cairo_set_source_rgb (cr, 0.97 - 0.39 * t, 0.96 - 0.83 * t, 0.95 - 0.80 * t);
            else
              cairo_set_source_rgb (cr, 0.97 - 0.86 * t, 0.96 - 0.66 * t, 0.95 - 0.41 * t);
            cairo_rectangle (cr, px + (l - 1) * pw / 5, py + ph - i * ph / 5, pw / 5, ph / 5);
            cairo_fill (cr);
            if ((l * 7 + i * 3) % 4 == 0 && next < labels->len)
              {
                rgb (cr, l * i >= 12 ? 0xffffff : 0x1f2933);
                label (cr, context, g_ptr_array_index (labels, next), 6.5, TRUE,
                       px + (l - 0.5) * pw / 5, py + ph - (i - 0.5) * ph / 5 - 4.5, 0.5);
                next += 2;
              }
          }
      ticks (cr, context, px, py, pw, ph, 5);
      label (cr, context, "Likelihood →", 7, TRUE, px + pw / 2, py + ph + 11, 0.5);
    }
}

static void
draw_bars (cairo_t      *cr,
           PangoContext *context,
           GPtrArray    *labels,
           double        w,
           double        h)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double bx = w * 0.38, bw = w - bx - 30, row_h;

  for (guint i = 0; i < labels->len; i++)
    if (!is_number (g_ptr_array_index (labels, i)))
      g_ptr_array_add (names, g_ptr_array_index (labels, i));
  if (names->len == 0)
    return;
  row_h = (h - 14) / names->len;
  cairo_set_line_width (cr, 0.4);
  for (int t = 0; t <= 10; t += 2)
    {
      char tick[4];

      rgb (cr, 0xd0d5dc);
      cairo_move_to (cr, bx + bw * t / 10, 0);
      cairo_line_to (cr, bx + bw * t / 10, h - 14);
      cairo_stroke (cr);
      g_snprintf (tick, sizeof tick, "%d", t);
      rgb (cr, 0x3d4551);
      label (cr, context, tick, 6.5, FALSE, bx + bw * t / 10, h - 11, 0.5);
    }
  for (guint i = 0; i < names->len; i++)
    {
      double v = 4 + 2.5 * ((i * 5) % 3);
      double y = i * row_h, bh = MIN (row_h * 0.62, 16);
      char value[16];

      rgb (cr, 0x1f2933);
      label (cr, context, g_ptr_array_index (names, i), 7.5, i == 0, bx - 6, y + (row_h - 10) / 2, 1);
      rgb (cr, i == 0 ? 0x1d4e89 : 0x9db4cf);
      cairo_rectangle (cr, bx, y + (row_h - bh) / 2, bw * v / 10, bh);
      cairo_fill (cr);
      g_snprintf (value, sizeof value, "%.2f", v);
      rgb (cr, 0x1f2933);
      label (cr, context, value, 7, i == 0, bx + bw * v / 10 + 3, y + (row_h - 9) / 2, 0);
    }
}

static void
draw_lines (cairo_t      *cr,
            PangoContext *context,
            GPtrArray    *labels,
            double        w,
            double        h)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double px = 30, py = 14, pw = w - 30 - 176, ph = h - 44;

  for (guint i = 0; i < labels->len; i++)
    if (!is_number (g_ptr_array_index (labels, i)))
      g_ptr_array_add (names, g_ptr_array_index (labels, i));
  rgb (cr, 0xe6edf5);
  cairo_rectangle (cr, px, py, pw * 0.38, ph);
  cairo_fill (cr);
  ticks (cr, context, px, py, pw, ph, 5);
  for (guint i = 0; i < names->len; i++)
    {
      static const double dash[] = { 4, 2 };
      double y0 = py + ph * (0.2 + 0.6 * ((i * 3) % 5) / 4.0);
      double y1 = py + ph * (0.8 - 0.6 * ((i * 2) % 5) / 4.0);

      rgb (cr, i == 0 ? 0x1d4e89 : 0xb23a2e);
      cairo_set_line_width (cr, i == 0 ? 2.0 : 1.2);
      cairo_set_dash (cr, dash, i == 0 ? 0 : 2, 0);
      cairo_move_to (cr, px, y0);
      cairo_line_to (cr, px + pw, y1);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (int m = 0; m <= 4; m++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, px + pw * m / 4, y0 + (y1 - y0) * m / 4, 2.4, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      rgb (cr, 0x1f2933);
      label (cr, context, g_ptr_array_index (names, i), 7, i == 0, px + pw + 13, y1 - 4.5, 0);
    }
}

static void
draw_figure (cairo_t      *cr,
             PangoContext *context,
             const Row    *row,
             double        width)
{
  cairo_save (cr);
  cairo_translate (cr, MARGIN_LEFT, row->y);
  switch (row->chart)
    {
    case CHART_GRID:
      draw_grid (cr, context, row->labels, width, row->height);
      break;
    case CHART_HEAT:
      draw_heat (cr, context, row->labels, width, row->height);
      break;
    case CHART_BARS:
      draw_bars (cr, context, row->labels, width, row->height);
      break;
    default:
      draw_lines (cr, context, row->labels, width, row->height);
      break;
    }
  cairo_restore (cr);
}

static void
draw_footer (cairo_t      *cr,
             PangoContext *context,
             const Input  *in,
             int           page,
             int           n_pages)
{
  double width = in->width - MARGIN_LEFT - MARGIN_RIGHT;
  double y = in->height - MARGIN_BOTTOM + 22;
  g_autofree char *number = g_strdup_printf ("Page %d of %d", page + 1, n_pages);
  PangoLayout *layout;

  cairo_set_source_rgb (cr, 0.40, 0.40, 0.40);
  layout = paragraph (context, FOOTER_FONT, number, width);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, MARGIN_LEFT, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
  if (in->subject != NULL)
    {
      g_autofree char *subject = g_markup_escape_text (in->subject, -1);

      layout = paragraph (context, FOOTER_FONT, subject, width * 0.7);
      cairo_move_to (cr, MARGIN_LEFT, y);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

/* Draws the rows and figures of @page, and its footer. */
static void
draw_page (cairo_t      *cr,
           PangoContext *context,
           const Input  *in,
           GPtrArray    *rows,
           int           page,
           int           n_pages)
{
  double width = in->width - MARGIN_LEFT - MARGIN_RIGHT;

  for (guint r = 0; r < rows->len; r++)
    {
      const Row *row = g_ptr_array_index (rows, r);

      if (row->page != page)
        continue;
      if (row->figure)
        {
          draw_figure (cr, context, row, width);
          continue;
        }
      rgb (cr, 0x1f2933);
      for (guint c = 0; c < row->n_cells; c++)
        {
          cairo_move_to (cr, row->cell_x[c], row->y);
          pango_cairo_show_layout (cr, row->cells[c]);
        }
      if (row->ruled)
        {
          rgb (cr, 0xc4ccd6);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, MARGIN_LEFT, row->y + row->height + 1.5);
          cairo_line_to (cr, MARGIN_LEFT + width, row->y + row->height + 1.5);
          cairo_stroke (cr);
        }
    }
  draw_footer (cr, context, in, page, n_pages);
}

static PangoContext *
make_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Device-independent metrics, as the memo measures. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint c = 0; c < row->n_cells; c++)
    g_object_unref (row->cells[c]);
  g_clear_pointer (&row->labels, g_ptr_array_unref);
  g_free (row);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  Input in = { 0 };
  PangoContext *context;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  int n_pages;

  if (argc != 4)
    {
      g_printerr ("Usage: %s LAYOUT.html STYLES.xml OUT.pdf\n"
                  "LAYOUT.html is a memo as `pdftotext -bbox-layout` writes it, STYLES.xml\n"
                  "the same memo as `pdftohtml -xml -i` writes it.\n", argv[0]);
      return 2;
    }
  in.pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  in.runs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (!read_input (argv[1], argv[2], &in, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  context = make_context ();
  measure (&in, context, rows);
  n_pages = paginate (&in, rows);

  surface = cairo_pdf_surface_create (argv[3], in.width, in.height);
  if (in.title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, in.title);
  if (in.author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, in.author);
  if (in.subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, in.subject);
  cr = cairo_create (surface);
  for (int page = 0; page < n_pages; page++)
    {
      draw_page (cr, context, &in, rows, page, n_pages);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("%s: %s\n", argv[3], cairo_status_to_string (status));
      return 1;
    }

  g_print ("%d pages\n", n_pages);
  g_ptr_array_set_size (rows, 0);
  g_object_unref (context);
  g_ptr_array_unref (in.pages);
  g_ptr_array_unref (in.runs);
  g_free (in.subject);
  g_free (in.title);
  g_free (in.author);
  return 0;
}
