/* dlb-layout.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-layout"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "dlb-file.h"
#include "dlb-layout.h"
#include "dlb-pdf-tags.h"

G_DEFINE_QUARK (dlb-layout-error-quark, dlb_layout_error)

#define CELL_PAD_X   4.0
#define CELL_PAD_Y   3.0
#define FIELD_PAD_Y  1.5
#define MIN_COLUMN  24.0
#define LIST_INDENT 16.0

/* A run of text with no place to break longer than this gets one every
 * BREAK_EVERY characters: Pango's line breaking slows down with the square
 * of an unbreakable run's length, and such a run (a pasted hash, a URL of
 * thousands of characters) wraps by character anyway. */
#define LONG_RUN     200
#define BREAK_EVERY  16

#define BODY_FONT    "Noto Serif, DejaVu Serif 10"
#define TABLE_FONT   "Noto Sans, DejaVu Sans 8.5"
#define NOTE_FONT    "Noto Sans, DejaVu Sans 8"
#define TITLE_FONT   "Cantarell, Noto Sans Bold 19"
#define H1_FONT      "Cantarell, Noto Sans Bold 13.5"
#define H2_FONT      "Cantarell, Noto Sans Bold 11"
#define FOOTER_FONT  "Noto Sans, DejaVu Sans 7.5"

typedef enum
{
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_NOTE,
  BLOCK_LIST_ITEM,
  BLOCK_RULE,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
  BLOCK_FIGURE,
  BLOCK_TABLE,
} BlockKind;

typedef struct
{
  double top;
  double height;
  double baseline;
  double x;
  double width;
} LineInfo;

/* One laid-out run of text: a fresh PangoLayout per block or cell, never
 * reused for other text, so no attributes leak from one to the next. */
typedef struct
{
  PangoLayout *layout;
  LineInfo    *lines;
  int          n_lines;
  double       width;
  double       height;
} Text;

typedef struct
{
  char *anchor;
  char *uri;
} Link;

struct _DlbTable
{
  DlbTableStyle   style;
  guint           n_columns;
  guint           requested_columns;
  char          **header;
  GPtrArray      *rows;        /* of char ** */
  PangoAlignment *align;
  double         *max_fraction;

  /* measured */
  double         *col_x;
  double         *col_w;
  Text           *header_cells;
  double          header_h;
  Text           *cells;       /* rows x columns */
  double         *row_h;
};

typedef struct
{
  BlockKind      kind;
  int            level;
  char          *markup;
  char          *dest;
  DlbListStyle   list_style;
  int            number;
  GPtrArray     *links;
  double         points;
  DlbDrawFunc    draw;
  gpointer       draw_data;
  GDestroyNotify draw_destroy;
  char          *caption;
  char          *alt;
  DlbTable      *table;

  /* measured */
  double         x;
  double         space_before;
  double         space_after;
  double         figure_h;
  Text           text;
  Text           marker;
  Text           caption_text;
} Block;

typedef enum
{
  SLICE_LINES,
  SLICE_ROWS,
  SLICE_ROW_PART,
  SLICE_FIGURE,
  SLICE_RULE,
} SliceKind;

typedef struct
{
  SliceKind kind;
  guint     block;
  double    y;
  double    height;
  int       from;
  int       to;
  gboolean  header;
  int      *cell_from;
  int      *cell_to;
} Slice;

struct _DlbDocument
{
  GObject       parent_instance;

  double        page_w;
  double        page_h;
  double        margin_top;
  double        margin_right;
  double        margin_bottom;
  double        margin_left;
  char         *footer;

  GArray       *blocks;   /* of Block */
  PangoContext *context;
  PangoFontMap *own_font_map;  /* lent by borrow_font_map(), or NULL */
  PangoFontDescription *fonts[7];

  gboolean      paginated;
  GError       *error;    /* the first block that could not be laid out */
  GArray       *slices;   /* of Slice */
  GArray       *pages;    /* of guint: index of a page's first slice */
};

enum
{
  FONT_BODY,
  FONT_TABLE,
  FONT_NOTE,
  FONT_TITLE,
  FONT_H1,
  FONT_H2,
  FONT_FOOTER,
};

G_DEFINE_FINAL_TYPE (DlbDocument, dlb_document, G_TYPE_OBJECT)

static void
text_clear (Text *text)
{
  g_clear_object (&text->layout);
  g_clear_pointer (&text->lines, g_free);
  text->n_lines = 0;
}

static void
link_free (gpointer data)
{
  Link *link = data;

  g_free (link->anchor);
  g_free (link->uri);
  g_free (link);
}

static void
table_free (DlbTable *table)
{
  guint n_cells;

  if (table == NULL)
    return;
  n_cells = table->rows->len * table->n_columns;
  if (table->cells != NULL)
    for (guint i = 0; i < n_cells; i++)
      text_clear (&table->cells[i]);
  if (table->header_cells != NULL)
    for (guint i = 0; i < table->n_columns; i++)
      text_clear (&table->header_cells[i]);
  g_free (table->cells);
  g_free (table->header_cells);
  g_free (table->row_h);
  g_free (table->col_x);
  g_free (table->col_w);
  g_free (table->align);
  g_free (table->max_fraction);
  g_strfreev (table->header);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->markup);
  g_free (block->dest);
  g_free (block->caption);
  g_free (block->alt);
  g_clear_pointer (&block->links, g_ptr_array_unref);
  if (block->draw_destroy != NULL)
    block->draw_destroy (block->draw_data);
  table_free (block->table);
  text_clear (&block->text);
  text_clear (&block->marker);
  text_clear (&block->caption_text);
}

static void
slice_clear (gpointer data)
{
  Slice *slice = data;

  g_free (slice->cell_from);
  g_free (slice->cell_to);
}

/* The font maps of documents with fonts of their own, each lent to one
 * document at a time. The memo shown and the one being written use two;
 * a map comes back with its fonts loaded when its document goes, so that
 * the fonts are loaded once per map rather than once per memo. */
#define MAX_SPARE_FONT_MAPS 2

G_LOCK_DEFINE_STATIC (spare_font_maps);
static GPtrArray *spare_font_maps;

static PangoFontMap *
borrow_font_map (void)
{
  PangoFontMap *font_map = NULL;

  G_LOCK (spare_font_maps);
  if (spare_font_maps != NULL && spare_font_maps->len > 0)
    font_map = g_ptr_array_steal_index (spare_font_maps, spare_font_maps->len - 1);
  G_UNLOCK (spare_font_maps);

  return font_map != NULL ? font_map : pango_cairo_font_map_new ();
}

static void
return_font_map (PangoFontMap *font_map)
{
  G_LOCK (spare_font_maps);
  if (spare_font_maps == NULL)
    spare_font_maps = g_ptr_array_new ();
  if (spare_font_maps->len < MAX_SPARE_FONT_MAPS)
    g_ptr_array_add (spare_font_maps, g_steal_pointer (&font_map));
  G_UNLOCK (spare_font_maps);

  g_clear_object (&font_map);
}

static void
dlb_document_finalize (GObject *object)
{
  DlbDocument *self = DLB_DOCUMENT (object);

  g_array_unref (self->blocks);
  g_array_unref (self->slices);
  g_array_unref (self->pages);
  g_clear_object (&self->context);
  if (self->own_font_map != NULL)
    return_font_map (g_steal_pointer (&self->own_font_map));
  for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
    pango_font_description_free (self->fonts[i]);
  g_free (self->footer);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (dlb_document_parent_class)->finalize (object);
}

static void
dlb_document_class_init (DlbDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dlb_document_finalize;
}

static void
dlb_document_init (DlbDocument *self)
{
  static const char *font_names[] = {
    BODY_FONT, TABLE_FONT, NOTE_FONT, TITLE_FONT, H1_FONT, H2_FONT, FOOTER_FONT,
  };
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->slices = g_array_new (FALSE, TRUE, sizeof (Slice));
  g_array_set_clear_func (self->slices, slice_clear);
  self->pages = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < G_N_ELEMENTS (self->fonts); i++)
    self->fonts[i] = pango_font_description_from_string (font_names[i]);

  self->page_w = DLB_PAPER_A4_WIDTH;
  self->page_h = DLB_PAPER_A4_HEIGHT;
  self->margin_top = 58;
  self->margin_bottom = 60;
  self->margin_left = 62;
  self->margin_right = 62;
}

static DlbDocument *
document_new (double        page_width,
              double        page_height,
              PangoFontMap *font_map)
{
  DlbDocument *self = g_object_new (DLB_TYPE_DOCUMENT, NULL);
  cairo_font_options_t *options;

  self->page_w = page_width;
  self->page_h = page_height;

  /* Metrics independent of any device: no hinting, unrounded positions,
   * one unit a point. The same layout then draws identically on a PDF, a
   * printer and the screen at any zoom. */
  self->context = pango_font_map_create_context (font_map);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  return self;
}

DlbDocument *
dlb_document_new (double page_width,
                  double page_height)
{
  g_return_val_if_fail (page_width >= 144 && page_height >= 144, NULL);

  return document_new (page_width, page_height, pango_cairo_font_map_get_default ());
}

DlbDocument *
dlb_document_new_with_own_fonts (double page_width,
                                 double page_height)
{
  PangoFontMap *font_map;
  DlbDocument *self;

  g_return_val_if_fail (page_width >= 144 && page_height >= 144, NULL);

  /* The thread's own font map is shared by whatever else the thread lays
   * out; this one is the document's alone while the document lives. */
  font_map = borrow_font_map ();
  self = document_new (page_width, page_height, font_map);
  self->own_font_map = font_map;
  return self;
}

double
dlb_document_get_page_width (DlbDocument *self)
{
  g_return_val_if_fail (DLB_IS_DOCUMENT (self), 0);
  return self->page_w;
}

double
dlb_document_get_page_height (DlbDocument *self)
{
  g_return_val_if_fail (DLB_IS_DOCUMENT (self), 0);
  return self->page_h;
}

static void
invalidate (DlbDocument *self)
{
  if (!self->paginated)
    return;
  g_array_set_size (self->slices, 0);
  g_array_set_size (self->pages, 0);
  g_clear_error (&self->error);
  self->paginated = FALSE;
}

/* Keeps the first reason the document cannot be laid out; every way of
 * drawing or writing it then reports that reason instead of pages with a
 * block missing. */
G_GNUC_PRINTF (2, 3)
static void
layout_fail (DlbDocument *self,
             const char  *format,
             ...)
{
  va_list args;

  if (self->error != NULL)
    return;
  va_start (args, format);
  self->error = g_error_new_valist (DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_LAYOUT, format, args);
  va_end (args);
}

void
dlb_document_set_margins (DlbDocument *self,
                          double       top,
                          double       right,
                          double       bottom,
                          double       left)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (top >= 0 && right >= 0 && bottom >= 0 && left >= 0);
  g_return_if_fail (left + right < self->page_w - 72 && top + bottom < self->page_h - 72);

  invalidate (self);
  self->margin_top = top;
  self->margin_right = right;
  self->margin_bottom = bottom;
  self->margin_left = left;
}

void
dlb_document_set_footer (DlbDocument *self,
                         const char  *markup)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));

  g_free (self->footer);
  self->footer = g_strdup (markup);
}

void
dlb_document_get_text_area (DlbDocument *self,
                            double      *x,
                            double      *y,
                            double      *width,
                            double      *height)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));

  if (x != NULL)
    *x = self->margin_left;
  if (y != NULL)
    *y = self->margin_top;
  if (width != NULL)
    *width = self->page_w - self->margin_left - self->margin_right;
  if (height != NULL)
    *height = self->page_h - self->margin_top - self->margin_bottom;
}

static Block *
append_block (DlbDocument *self,
              BlockKind    kind)
{
  Block block = { 0 };

  invalidate (self);
  block.kind = kind;
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

void
dlb_document_add_heading (DlbDocument *self,
                          int          level,
                          const char  *markup,
                          const char  *dest_name)
{
  Block *block;

  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  block = append_block (self, BLOCK_HEADING);
  block->level = CLAMP (level, 0, 2);
  block->markup = g_strdup (markup);
  block->dest = g_strdup (dest_name);
}

void
dlb_document_add_paragraph (DlbDocument *self,
                            const char  *markup)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  append_block (self, BLOCK_PARAGRAPH)->markup = g_strdup (markup);
}

void
dlb_document_add_note (DlbDocument *self,
                       const char  *markup)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  append_block (self, BLOCK_NOTE)->markup = g_strdup (markup);
}

void
dlb_document_add_list_item (DlbDocument  *self,
                            DlbListStyle  style,
                            int           number,
                            int           level,
                            const char   *markup)
{
  Block *block;

  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  block = append_block (self, BLOCK_LIST_ITEM);
  block->list_style = style;
  block->number = number;
  block->level = CLAMP (level, 0, 1);
  block->markup = g_strdup (markup);
}

void
dlb_document_add_link (DlbDocument *self,
                       const char  *anchor,
                       const char  *uri)
{
  Block *block;
  Link *link;

  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (anchor != NULL && *anchor != '\0' && uri != NULL);
  g_return_if_fail (self->blocks->len > 0);

  block = &g_array_index (self->blocks, Block, self->blocks->len - 1);
  g_return_if_fail (block->kind == BLOCK_PARAGRAPH || block->kind == BLOCK_NOTE ||
                    block->kind == BLOCK_LIST_ITEM);

  if (block->links == NULL)
    block->links = g_ptr_array_new_with_free_func (link_free);
  link = g_new0 (Link, 1);
  link->anchor = g_strdup (anchor);
  link->uri = g_strdup (uri);
  g_ptr_array_add (block->links, link);
}

void
dlb_document_add_rule (DlbDocument *self)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));
  append_block (self, BLOCK_RULE);
}

void
dlb_document_add_space (DlbDocument *self,
                        double       points)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));
  append_block (self, BLOCK_SPACE)->points = MAX (points, 0);
}

void
dlb_document_add_page_break (DlbDocument *self)
{
  g_return_if_fail (DLB_IS_DOCUMENT (self));
  append_block (self, BLOCK_PAGE_BREAK);
}

void
dlb_document_add_figure (DlbDocument    *self,
                         double          height,
                         DlbDrawFunc     draw,
                         gpointer        user_data,
                         GDestroyNotify  destroy,
                         const char     *caption,
                         const char     *alt_text)
{
  Block *block;

  g_return_if_fail (DLB_IS_DOCUMENT (self));
  g_return_if_fail (draw != NULL);
  g_return_if_fail (height > 0);

  block = append_block (self, BLOCK_FIGURE);
  block->points = height;
  block->draw = draw;
  block->draw_data = user_data;
  block->draw_destroy = destroy;
  block->caption = g_strdup (caption);
  block->alt = g_strdup (alt_text);
}

DlbTable *
dlb_document_add_table (DlbDocument   *self,
                        DlbTableStyle  style,
                        guint          n_columns)
{
  DlbTable *table;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), NULL);

  /* A table of no columns is kept as one of one, so that its rows can
   * still be added; measuring it reports the mistake. */
  table = g_new0 (DlbTable, 1);
  table->style = style;
  table->n_columns = MAX (n_columns, 1);
  table->requested_columns = n_columns;
  n_columns = table->n_columns;
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  table->align = g_new0 (PangoAlignment, n_columns);
  table->max_fraction = g_new0 (double, n_columns);
  append_block (self, BLOCK_TABLE)->table = table;
  return table;
}

static char **
copy_cells (guint               n_columns,
            const char * const *markups)
{
  char **cells = g_new0 (char *, n_columns + 1);
  gboolean ended = FALSE;

  /* A short row is padded with empty cells rather than read past its end. */
  for (guint i = 0; i < n_columns; i++)
    {
      if (!ended && markups[i] == NULL)
        ended = TRUE;
      cells[i] = g_strdup (ended ? "" : markups[i]);
    }
  return cells;
}

void
dlb_table_set_header (DlbTable           *table,
                      const char * const *markups)
{
  g_return_if_fail (table != NULL && markups != NULL);

  g_strfreev (table->header);
  table->header = copy_cells (table->n_columns, markups);
}

void
dlb_table_add_row (DlbTable           *table,
                   const char * const *markups)
{
  g_return_if_fail (table != NULL && markups != NULL);

  g_ptr_array_add (table->rows, copy_cells (table->n_columns, markups));
}

void
dlb_table_set_column_align (DlbTable       *table,
                            guint           column,
                            PangoAlignment  align)
{
  g_return_if_fail (table != NULL && column < table->n_columns);
  table->align[column] = align;
}

void
dlb_table_set_column_max (DlbTable *table,
                          guint     column,
                          double    fraction)
{
  g_return_if_fail (table != NULL && column < table->n_columns);
  table->max_fraction[column] = CLAMP (fraction, 0, 1);
}

/* Measuring */

/* Adds a zero-width space every BREAK_EVERY characters inside runs of
 * more than LONG_RUN characters that have no space, moving the attributes
 * with the text. Returns NULL when the text has no such run. */
static char *
break_long_runs (const char    *text,
                 PangoAttrList *attrs)
{
  static const char zwsp[] = "\u200b";
  GString *out = NULL;
  const char *run = text;
  guint run_len = 0;

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean ends = ch == 0 || g_unichar_isspace (ch) || ch == 0x200B;

      if (!ends)
        {
          run_len++;
          continue;
        }
      if (run_len > LONG_RUN)
        {
          const char *q = run;

          if (out == NULL)
            out = g_string_new_len (text, run - text);
          for (guint i = 0; i < run_len; i++)
            {
              const char *next = g_utf8_next_char (q);

              g_string_append_len (out, q, next - q);
              q = next;
              if ((i + 1) % BREAK_EVERY == 0 && i + 1 < run_len)
                {
                  if (attrs != NULL)
                    pango_attr_list_update (attrs, (int) out->len, 0, sizeof zwsp - 1);
                  g_string_append (out, zwsp);
                }
            }
        }
      else if (out != NULL)
        g_string_append_len (out, run, p - run);
      if (ch == 0)
        break;
      if (out != NULL)
        g_string_append_unichar (out, ch);
      run = g_utf8_next_char (p);
      run_len = 0;
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

static PangoLayout *
new_layout (DlbDocument *self,
            const char  *markup,
            int          font)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoAttrList *attrs = NULL;
  g_autofree char *text = NULL;

  pango_layout_set_font_description (layout, self->fonts[font]);
  /* Parse first so that bad markup falls back to the text as written
   * instead of a warning and an empty box. */
  if (!pango_parse_markup (markup, -1, 0, &attrs, &text, NULL, NULL))
    text = g_utf8_make_valid (markup, -1);
  {
    g_autofree char *broken = break_long_runs (text, attrs);

    pango_layout_set_text (layout, broken != NULL ? broken : text, -1);
  }
  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static void
text_measure (Text   *text,
              double  width)
{
  PangoLayoutIter *iter;
  int i = 0;

  g_free (text->lines);
  pango_layout_set_width (text->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
  text->width = width;
  text->n_lines = pango_layout_get_line_count (text->layout);
  text->lines = g_new0 (LineInfo, MAX (text->n_lines, 1));

  iter = pango_layout_get_iter (text->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      if (i >= text->n_lines)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      text->lines[i].top = (double) y0 / PANGO_SCALE;
      text->lines[i].height = (double) (y1 - y0) / PANGO_SCALE;
      text->lines[i].baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      text->lines[i].x = (double) logical.x / PANGO_SCALE;
      text->lines[i].width = (double) logical.width / PANGO_SCALE;
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  text->n_lines = i;
  text->height = i > 0 ? text->lines[i - 1].top + text->lines[i - 1].height : 0;
}

static double
lines_height (const Text *text,
              int         from,
              int         to)
{
  if (to <= from)
    return 0;
  return text->lines[to - 1].top + text->lines[to - 1].height - text->lines[from].top;
}

static void
text_init (DlbDocument    *self,
           Text           *text,
           const char     *markup,
           int             font,
           double          width,
           PangoAlignment  align,
           double          spacing)
{
  text->layout = new_layout (self, markup, font);
  pango_layout_set_alignment (text->layout, align);
  if (spacing > 0)
    pango_layout_set_line_spacing (text->layout, (float) spacing);
  text_measure (text, width);
}

/* The width of the widest run of text between two places a line may
 * break, trailing spaces left out: the narrowest the layout can wrap to
 * without splitting a word. Measured on the layout as it is, unwrapped,
 * rather than by laying it out again one word a line. */
static double
longest_word (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  int n_attrs = 0;
  const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  const char *p = text;
  int start_line = -1, start_x = 0, word_end = -1, best = 0;

  pango_layout_index_to_line_x (layout, 0, FALSE, &start_line, &start_x);
  for (int i = 0; i < n_attrs; i++)
    {
      int index = (int) (p - text);

      if (i > 0 && (i == n_attrs - 1 || attrs[i].is_line_break || attrs[i].is_mandatory_break))
        {
          if (word_end >= 0)
            {
              int line, x;

              pango_layout_index_to_line_x (layout, word_end, FALSE, &line, &x);
              if (line == start_line)
                best = MAX (best, ABS (x - start_x));
            }
          pango_layout_index_to_line_x (layout, index, FALSE, &start_line, &start_x);
          word_end = -1;
        }
      if (i == n_attrs - 1 || *p == '\0')
        break;
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        word_end = (int) (g_utf8_next_char (p) - text);
      p = g_utf8_next_char (p);
    }
  return (double) best / PANGO_SCALE;
}

static void
measure_table (DlbDocument *self,
               DlbTable    *table,
               double       avail)
{
  guint n_cols = table->n_columns;
  guint n_rows = table->rows->len;
  double *min_w = g_new0 (double, n_cols);
  double *max_w = g_new0 (double, n_cols);
  double sum_min = 0, sum_max = 0, x = 0;
  double pad_y = table->style == DLB_TABLE_FIELDS ? FIELD_PAD_Y : CELL_PAD_Y;
  gboolean need_min;

  table->cells = g_new0 (Text, (gsize) n_rows * n_cols);
  table->row_h = g_new0 (double, MAX (n_rows, 1));
  table->col_x = g_new0 (double, n_cols);
  table->col_w = g_new0 (double, n_cols);
  if (table->header != NULL)
    table->header_cells = g_new0 (Text, n_cols);

  /* Natural widths first: a table whose text fits unwrapped needs no
   * minimum widths at all. */
  for (guint r = 0; r <= n_rows; r++)
    {
      char **row;
      Text *cells;

      if (r == n_rows)
        {
          if (table->header == NULL)
            break;
          row = table->header;
          cells = table->header_cells;
        }
      else
        {
          row = g_ptr_array_index (table->rows, r);
          cells = &table->cells[r * n_cols];
        }
      for (guint c = 0; c < n_cols; c++)
        {
          PangoRectangle logical;

          cells[c].layout = new_layout (self, row[c], FONT_TABLE);
          pango_layout_get_extents (cells[c].layout, NULL, &logical);
          max_w[c] = MAX (max_w[c], (double) logical.width / PANGO_SCALE + 2 * CELL_PAD_X + 1);
        }
    }

  /* The longest word of each column, read off the unwrapped layouts. */
  for (guint c = 0; c < n_cols; c++)
    min_w[c] = MIN_COLUMN;
  for (guint r = 0; r <= n_rows; r++)
    {
      Text *cells = r == n_rows ? table->header_cells : &table->cells[r * n_cols];

      if (cells == NULL)
        break;
      for (guint c = 0; c < n_cols; c++)
        min_w[c] = MAX (min_w[c], longest_word (cells[c].layout) + 2 * CELL_PAD_X + 1);
    }

  for (guint c = 0; c < n_cols; c++)
    {
      /* A column's cap never splits a word that would fit a fair share of
       * the width (a translated header such as “Probabilidad”). */
      if (table->max_fraction[c] > 0)
        max_w[c] = MIN (max_w[c], MAX (table->max_fraction[c] * avail,
                                       MIN (min_w[c], avail / n_cols)));
      max_w[c] = MAX (max_w[c], MIN_COLUMN);
      sum_max += max_w[c];
    }
  need_min = sum_max > avail;

  if (need_min)
    {
      /* Capped so that one long word cannot starve the other columns (such
       * a word breaks between characters). */
      for (guint c = 0; c < n_cols; c++)
        {
          double cap = avail / n_cols;

          if (table->max_fraction[c] > 0)
            cap = MIN (cap, MAX (table->max_fraction[c] * avail, MIN (min_w[c], avail / n_cols)));
          min_w[c] = MIN (min_w[c], MAX (cap, MIN_COLUMN));
          min_w[c] = MIN (min_w[c], max_w[c]);
          sum_min += min_w[c];
        }
    }

  if (!need_min)
    {
      for (guint c = 0; c < n_cols; c++)
        {
          if (table->style == DLB_TABLE_FIELDS)
            table->col_w[c] = c + 1 == n_cols ? max_w[c] + (avail - sum_max) : max_w[c];
          else
            table->col_w[c] = max_w[c] + (avail - sum_max) * max_w[c] / sum_max;
        }
    }
  else
    {
      /* Narrow columns (a short name, a number) get their natural width
       * outright when it is within a fair share of what is left; the wide
       * ones share the rest between their minimum and natural widths. */
      gboolean *fixed = g_new0 (gboolean, n_cols);
      double remaining = avail, flex_min = 0, flex_max = 0;
      guint n_flex = n_cols;
      gboolean changed = TRUE;

      while (changed && n_flex > 0)
        {
          double share = MIN (remaining / n_flex, avail * 0.15);

          changed = FALSE;
          for (guint c = 0; c < n_cols; c++)
            if (!fixed[c] && max_w[c] <= share)
              {
                fixed[c] = TRUE;
                table->col_w[c] = max_w[c];
                remaining -= max_w[c];
                n_flex--;
                changed = TRUE;
              }
        }
      for (guint c = 0; c < n_cols; c++)
        if (!fixed[c])
          {
            flex_min += min_w[c];
            flex_max += MIN (max_w[c], remaining);
          }
      for (guint c = 0; c < n_cols; c++)
        {
          double top = MIN (max_w[c], remaining);

          if (fixed[c])
            continue;
          if (flex_min >= remaining)
            table->col_w[c] = min_w[c] * MAX (remaining, 0) / flex_min;
          else if (flex_max > flex_min)
            table->col_w[c] = min_w[c] + (top - min_w[c]) * (remaining - flex_min) / (flex_max - flex_min);
          else
            table->col_w[c] = min_w[c];
        }
      g_free (fixed);
      /* Whatever rounding left over goes to the widest column, so that a
       * table always spans the text width exactly. */
      {
        double total = 0;
        guint widest = 0;

        for (guint c = 0; c < n_cols; c++)
          {
            total += table->col_w[c];
            if (table->col_w[c] > table->col_w[widest])
              widest = c;
          }
        table->col_w[widest] = MAX (table->col_w[widest] + avail - total, MIN_COLUMN);
      }
    }

  for (guint c = 0; c < n_cols; c++)
    {
      table->col_x[c] = x;
      x += table->col_w[c];
    }

  for (guint r = 0; r <= n_rows; r++)
    {
      Text *cells = r == n_rows ? table->header_cells : &table->cells[r * n_cols];
      double h = 0;

      if (cells == NULL)
        break;
      for (guint c = 0; c < n_cols; c++)
        {
          pango_layout_set_alignment (cells[c].layout, table->align[c]);
          text_measure (&cells[c], MAX (table->col_w[c] - 2 * CELL_PAD_X, 1));
          h = MAX (h, cells[c].height);
        }
      if (r == n_rows)
        table->header_h = h + 2 * pad_y;
      else
        table->row_h[r] = h + 2 * pad_y;
    }

  g_free (min_w);
  g_free (max_w);
}

/* The heading a block comes under, to say where a problem is. */
static char *
block_place (DlbDocument *self,
             guint        index)
{
  for (guint i = MIN (index + 1, self->blocks->len); i-- > 0;)
    {
      Block *b = &g_array_index (self->blocks, Block, i);
      g_autofree char *plain = NULL;

      if (b->kind != BLOCK_HEADING)
        continue;
      if (!pango_parse_markup (b->markup, -1, 0, NULL, &plain, NULL, NULL))
        plain = g_strdup (b->markup);
      return g_strdup_printf ("“%s”", plain);
    }
  /* Translators: where a table is, when no heading comes before it */
  return g_strdup (_("the start of the document"));
}

static void
check_table (DlbDocument *self,
             guint        index,
             double       avail)
{
  DlbTable *t = g_array_index (self->blocks, Block, index).table;
  guint fit = (guint) (avail / MIN_COLUMN);
  g_autofree char *place = NULL;

  if (t->requested_columns > 0 && t->requested_columns <= fit)
    return;
  place = block_place (self, index);
  if (t->requested_columns == 0)
    /* Translators: %s is where in the memo, e.g. “Decision matrix” */
    layout_fail (self, _("A table under %s has no columns."), place);
  else
    layout_fail (self,
                 /* Translators: %1$u and %2$u are numbers of columns; %3$s is where in the memo, e.g. “Decision matrix” */
                 _("A table of %1$u columns does not fit the page width, which holds %2$u, under %3$s."),
                 t->requested_columns, fit, place);
}

static void
measure (DlbDocument *self)
{
  double text_w = self->page_w - self->margin_left - self->margin_right;
  double text_h = self->page_h - self->margin_top - self->margin_bottom;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);

      text_clear (&b->text);
      text_clear (&b->marker);
      text_clear (&b->caption_text);
      b->x = 0;
      switch (b->kind)
        {
        case BLOCK_HEADING:
          {
            static const int fonts[] = { FONT_TITLE, FONT_H1, FONT_H2 };
            static const double before[] = { 0, 16, 10 };
            static const double after[] = { 8, 6, 4 };

            text_init (self, &b->text, b->markup, fonts[b->level], text_w, PANGO_ALIGN_LEFT, 0);
            b->space_before = before[b->level];
            b->space_after = after[b->level];
          }
          break;

        case BLOCK_PARAGRAPH:
          text_init (self, &b->text, b->markup, FONT_BODY, text_w, PANGO_ALIGN_LEFT, 1.15);
          b->space_before = 0;
          b->space_after = 7;
          break;

        case BLOCK_NOTE:
          text_init (self, &b->text, b->markup, FONT_NOTE, text_w, PANGO_ALIGN_LEFT, 0);
          b->space_before = 0;
          b->space_after = 8;
          break;

        case BLOCK_LIST_ITEM:
          {
            double marker_w = b->list_style == DLB_LIST_NUMBERED ? 22 : 14;
            g_autofree char *marker = NULL;

            if (b->list_style == DLB_LIST_NUMBERED)
              marker = g_strdup_printf ("%d.", b->number);
            else
              marker = g_strdup (b->level == 0 ? "•" : "–");
            b->x = b->level * LIST_INDENT + marker_w;
            text_init (self, &b->marker, marker, FONT_BODY, marker_w - 4, PANGO_ALIGN_RIGHT, 0);
            text_init (self, &b->text, b->markup, FONT_BODY, text_w - b->x, PANGO_ALIGN_LEFT, 1.15);
            b->space_before = 0;
            b->space_after = 3.5;
          }
          break;

        case BLOCK_RULE:
          b->space_before = 2;
          b->space_after = 8;
          break;

        case BLOCK_SPACE:
        case BLOCK_PAGE_BREAK:
          b->space_before = 0;
          b->space_after = 0;
          break;

        case BLOCK_FIGURE:
          b->space_before = 4;
          b->space_after = 10;
          if (b->caption != NULL)
            text_init (self, &b->caption_text, b->caption, FONT_NOTE, text_w, PANGO_ALIGN_LEFT, 0);
          /* A figure taller than a page is drawn smaller rather than cut. */
          b->figure_h = MIN (b->points, text_h - b->caption_text.height - 12);
          b->figure_h = MAX (b->figure_h, 36);
          break;

        case BLOCK_TABLE:
          measure_table (self, b->table, text_w);
          check_table (self, i, text_w);
          b->space_before = 2;
          b->space_after = b->table->style == DLB_TABLE_FIELDS ? 4 : 12;
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Paginating */

typedef struct
{
  DlbDocument *self;
  double       top;
  double       bottom;
  double       y;
  gboolean     page_empty;
} Flow;

static void
flow_new_page (Flow *flow)
{
  guint first = flow->self->slices->len;

  g_array_append_val (flow->self->pages, first);
  flow->y = flow->top;
  flow->page_empty = TRUE;
}

static Slice *
flow_add (Flow      *flow,
          SliceKind  kind,
          guint      block,
          double     height)
{
  Slice slice = { 0 };

  slice.kind = kind;
  slice.block = block;
  slice.y = flow->y;
  slice.height = height;
  g_array_append_val (flow->self->slices, slice);
  flow->y += height;
  flow->page_empty = FALSE;
  return &g_array_index (flow->self->slices, Slice, flow->self->slices->len - 1);
}

static double block_min_start (DlbDocument *self, guint index, int depth);

/* A short paragraph that introduces the figure after it stays with it:
 * the height both need together, or 0 when the block is not one. */
static double
figure_intro_height (DlbDocument *self,
                     guint        index)
{
  Block *b = &g_array_index (self->blocks, Block, index);
  Block *next;

  if (index + 1 >= self->blocks->len || (b->kind != BLOCK_PARAGRAPH && b->kind != BLOCK_NOTE))
    return 0;
  next = &g_array_index (self->blocks, Block, index + 1);
  if (next->kind != BLOCK_FIGURE || b->text.n_lines > 4)
    return 0;
  return b->text.height + b->space_after + block_min_start (self, index + 1, 0);
}

/* How much of a block must fit below a heading for the heading to stay on
 * this page: never a heading alone at the foot of a page. */
static double
block_min_start (DlbDocument *self,
                 guint        index,
                 int          depth)
{
  Block *b;

  if (index >= self->blocks->len || depth > 3)
    return 0;
  b = &g_array_index (self->blocks, Block, index);
  switch (b->kind)
    {
    case BLOCK_HEADING:
      return b->space_before + b->text.height + b->space_after + block_min_start (self, index + 1, depth + 1);
    case BLOCK_PARAGRAPH:
    case BLOCK_NOTE:
    case BLOCK_LIST_ITEM:
      if (figure_intro_height (self, index) > 0)
        return b->space_before + figure_intro_height (self, index);
      return b->space_before + lines_height (&b->text, 0, MIN (2, b->text.n_lines));
    case BLOCK_FIGURE:
      return b->space_before + b->figure_h + (b->caption_text.n_lines > 0 ? 4 + b->caption_text.height : 0);
    case BLOCK_TABLE:
      {
        /* The same rule as the table's own start: a first row that is
         * not tall comes whole. */
        DlbTable *t = b->table;
        double page_h = self->page_h - self->margin_top - self->margin_bottom;
        double first = t->rows->len == 0 ? 0 : t->row_h[0] < page_h / 4 ? t->row_h[0] : MIN (t->row_h[0], 42.0);
        return b->space_before + t->header_h + first;
      }
    case BLOCK_RULE:
    case BLOCK_SPACE:
      return b->space_before + b->points + block_min_start (self, index + 1, depth + 1);
    case BLOCK_PAGE_BREAK:
    default:
      return 0;
    }
}

static void
flow_text (Flow   *flow,
           guint   index,
           Block  *b)
{
  Text *text = &b->text;
  int from = 0;

  while (from < text->n_lines)
    {
      double room = flow->bottom - flow->y;
      int n = text->n_lines - from;
      int k = 0;

      while (k < n && lines_height (text, from, from + k + 1) <= room + 0.01)
        k++;

      if (k < n)
        {
          /* No single line left at the foot or the head of a page when it
           * can be helped. */
          if (n - k < 2 && k >= 3)
            k = n - 2;
          if (k < MIN (2, n) && !flow->page_empty)
            {
              flow_new_page (flow);
              continue;
            }
          if (k == 0)
            k = 1;  /* a line taller than a page: place it anyway */
        }

      {
        Slice *s = flow_add (flow, SLICE_LINES, index, lines_height (text, from, from + k));
        s->from = from;
        s->to = from + k;
      }
      from += k;
      if (from < text->n_lines)
        flow_new_page (flow);
    }
}

static double
row_part_height (DlbTable  *t,
                 guint      row,
                 const int *from,
                 const int *to,
                 double     pad_y)
{
  double h = 0;

  for (guint c = 0; c < t->n_columns; c++)
    {
      Text *cell = &t->cells[row * t->n_columns + c];
      int f = from != NULL ? from[c] : 0;
      int e = to != NULL ? to[c] : cell->n_lines;
      h = MAX (h, lines_height (cell, f, e));
    }
  return h + 2 * pad_y;
}

static void
flow_table (Flow  *flow,
            guint  index,
            Block *b)
{
  DlbTable *t = b->table;
  double pad_y = t->style == DLB_TABLE_FIELDS ? FIELD_PAD_Y : CELL_PAD_Y;
  double page_h = flow->bottom - flow->top;
  Slice *current = NULL;
  int *state = NULL;   /* per-cell first line of a row split across pages */
  guint r = 0;

  while (r < t->rows->len)
    {
      double room = flow->bottom - flow->y;
      double rh = row_part_height (t, r, state, NULL, pad_y);

      if (current == NULL)
        {
          /* A row that fits on a page starts on the same page as the
           * header; a taller one needs only its first lines here. */
          double need = t->header_h + (rh < page_h / 4 ? rh : MIN (rh, 42.0));

          if (need > room && !flow->page_empty)
            {
              flow_new_page (flow);
              continue;
            }
          current = flow_add (flow, SLICE_ROWS, index, t->header_h);
          current->header = t->header_h > 0;
          current->from = current->to = (int) r;
          room = flow->bottom - flow->y;
        }

      if (rh <= room + 0.01 && state == NULL)
        {
          current->to = r + 1;
          current->height += rh;
          flow->y += rh;
          r++;
          continue;
        }
      if (rh <= room + 0.01)
        {
          Slice *part = flow_add (flow, SLICE_ROW_PART, index, rh);
          part->from = r;
          part->cell_from = state;
          state = NULL;
          r++;
          /* Rows after a split row start a new rows slice. */
          current = flow_add (flow, SLICE_ROWS, index, 0);
          current->from = current->to = (int) r;
          continue;
        }

      /* The row does not fit here. Move it whole to the next page when it
       * fits on one; split it between lines only when it is taller than a
       * page. */
      if (rh <= page_h - t->header_h + 0.01 &&
          (rh < page_h / 4 || room < page_h / 5 || current->to == current->from))
        {
          flow_new_page (flow);
          current = NULL;
          continue;
        }
      {
        int *to = g_new0 (int, t->n_columns);
        gboolean progress = FALSE, done = TRUE;
        double h = 0;

        for (guint c = 0; c < t->n_columns; c++)
          {
            Text *cell = &t->cells[r * t->n_columns + c];
            int f = state != NULL ? state[c] : 0;
            int e = f;

            while (e < cell->n_lines && lines_height (cell, f, e + 1) + 2 * pad_y <= room + 0.01)
              e++;
            to[c] = e;
            if (e > f)
              progress = TRUE;
            if (e < cell->n_lines)
              done = FALSE;
            h = MAX (h, lines_height (cell, f, e));
          }
        if (!progress)
          {
            g_free (to);
            if (room < page_h - t->header_h - 1)
              {
                flow_new_page (flow);
                current = NULL;
                continue;
              }
            /* Not one line fits on an empty page: say so rather than
             * loop or leave the row out. */
            {
              g_autofree char *place = block_place (flow->self, index);
              layout_fail (flow->self,
                           /* Translators: %s is where in the memo, e.g. “Decision matrix” */
                           _("A table row under %s is taller than a page."), place);
            }
            g_free (state);
            state = NULL;
            r++;
            continue;
          }
        {
          Slice *part = flow_add (flow, SLICE_ROW_PART, index, h + 2 * pad_y);
          part->from = r;
          part->cell_from = state != NULL ? state : g_new0 (int, t->n_columns);
          part->cell_to = to;
          state = done ? NULL : g_memdup2 (to, sizeof (int) * t->n_columns);
        }
        if (done)
          r++;
        flow_new_page (flow);
        current = NULL;
      }
    }
  g_free (state);
}

static void
paginate (DlbDocument *self)
{
  Flow flow = { 0 };

  if (self->paginated)
    return;

  g_array_set_size (self->slices, 0);
  g_array_set_size (self->pages, 0);
  measure (self);

  flow.self = self;
  flow.top = self->margin_top;
  flow.bottom = self->page_h - self->margin_bottom;
  flow_new_page (&flow);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);

      if (!flow.page_empty)
        flow.y += b->space_before;

      switch (b->kind)
        {
        case BLOCK_HEADING:
          {
            double need = b->text.height + b->space_after + block_min_start (self, i + 1, 0);

            if (flow.y + need > flow.bottom && !flow.page_empty)
              flow_new_page (&flow);
            flow_add (&flow, SLICE_LINES, i, b->text.height)->to = b->text.n_lines;
          }
          break;

        case BLOCK_PARAGRAPH:
        case BLOCK_NOTE:
        case BLOCK_LIST_ITEM:
          {
            double with_figure = figure_intro_height (self, i);

            if (with_figure > 0 && flow.y + with_figure > flow.bottom && !flow.page_empty)
              flow_new_page (&flow);
            flow_text (&flow, i, b);
          }
          break;

        case BLOCK_RULE:
          if (flow.y + 1 > flow.bottom)
            flow_new_page (&flow);
          flow_add (&flow, SLICE_RULE, i, 1);
          break;

        case BLOCK_SPACE:
          if (!flow.page_empty)
            flow.y = MIN (flow.y + b->points, flow.bottom);
          break;

        case BLOCK_PAGE_BREAK:
          if (!flow.page_empty)
            flow_new_page (&flow);
          break;

        case BLOCK_FIGURE:
          {
            double h = b->figure_h + (b->caption_text.n_lines > 0 ? 4 + b->caption_text.height : 0);

            if (flow.y + h > flow.bottom && !flow.page_empty)
              flow_new_page (&flow);
            flow_add (&flow, SLICE_FIGURE, i, h);
          }
          break;

        case BLOCK_TABLE:
          flow_table (&flow, i, b);
          break;

        default:
          g_assert_not_reached ();
        }

      flow.y += b->space_after;
    }

  self->paginated = TRUE;
}

gboolean
dlb_document_check (DlbDocument  *self,
                    GError      **error)
{
  g_return_val_if_fail (DLB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  paginate (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  return TRUE;
}

int
dlb_document_get_n_pages (DlbDocument *self)
{
  g_return_val_if_fail (DLB_IS_DOCUMENT (self), 0);

  paginate (self);
  return (int) self->pages->len;
}

static guint
page_end (DlbDocument *self,
          int          page)
{
  return (guint) page + 1 < self->pages->len
         ? g_array_index (self->pages, guint, page + 1)
         : self->slices->len;
}

int
dlb_document_get_dest_page (DlbDocument *self,
                            const char  *dest_name)
{
  g_return_val_if_fail (DLB_IS_DOCUMENT (self), -1);
  g_return_val_if_fail (dest_name != NULL, -1);

  paginate (self);
  for (guint p = 0; p < self->pages->len; p++)
    for (guint s = g_array_index (self->pages, guint, p); s < page_end (self, (int) p); s++)
      {
        Slice *slice = &g_array_index (self->slices, Slice, s);
        Block *b = &g_array_index (self->blocks, Block, slice->block);

        if (b->kind == BLOCK_HEADING && g_strcmp0 (b->dest, dest_name) == 0)
          return (int) p;
      }
  return -1;
}

char **
dlb_document_dup_alt_texts (DlbDocument *self)
{
  GPtrArray *texts;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), NULL);

  texts = g_ptr_array_new ();
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);

      if (b->kind == BLOCK_FIGURE)
        g_ptr_array_add (texts, g_strdup (b->alt != NULL ? b->alt : ""));
    }
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (texts, FALSE);
}

/* Drawing */

/* A search of the text as drawn (dlb_document_find_text()). */
typedef struct
{
  gunichar *needle;      /* lower case */
  glong     n_needle;
  int       page;
  GArray   *matches;     /* DlbTextMatch */
} Finder;

typedef struct
{
  DlbDocument *self;
  cairo_t     *cr;
  GArray      *boxes;
  Finder      *find;
  gboolean     pdf;
  gboolean     tags;      /* writing the tagged PDF: structure as drawn */
  DlbBoxKind   kind;
  guint        block;
} Painter;

/* The structure of a tagged PDF follows the blocks: a heading is H1-H3, a
 * paragraph or note P, list items L > LI > Lbl + LBody, a table Table > TR
 * > TH / TD, a figure Figure with its caption a P. Elements that can
 * continue on the next page (a paragraph, a list, a table) are containers
 * that hold no content directly: each page's part of them is a leaf of its
 * own (a Span, a row), closed before the page's footer is drawn. Whatever
 * is drawn outside a leaf (footers, rules, cell shading, a table header
 * repeated on a later page) is marked as an artifact when the PDF is
 * completed. */
static void
tag_begin (Painter    *p,
           const char *name)
{
  if (p->tags)
    cairo_tag_begin (p->cr, name, NULL);
}

static void
tag_end (Painter    *p,
         const char *name)
{
  if (p->tags)
    cairo_tag_end (p->cr, name);
}

static void
record_box (Painter *p,
            double   x,
            double   y,
            double   w,
            double   h,
            double   cx,
            double   cy,
            double   cw,
            double   ch)
{
  DlbBox box = { x, y, w, h, cx, cy, cw, ch, p->kind, p->block };

  if (p->boxes != NULL)
    g_array_append_val (p->boxes, box);
}

static char *
escape_attribute (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '\'' || *c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *c);
    }
  return g_string_free (out, FALSE);
}

/* The link whose anchor covers the whole of line @i (its text, not the
 * space or break after it), or NULL. */
static Link *
line_link (Block *b,
           int    i)
{
  const char *plain = pango_layout_get_text (b->text.layout);
  PangoLayoutLine *line = pango_layout_get_line_readonly (b->text.layout, i);
  int ls, le;

  if (b->links == NULL || line == NULL)
    return NULL;
  ls = line->start_index;
  le = line->start_index + line->length;
  while (le > ls && g_ascii_isspace (plain[le - 1]))
    le--;
  if (le <= ls)
    return NULL;
  for (guint l = 0; l < b->links->len; l++)
    {
      Link *link = g_ptr_array_index (b->links, l);

      for (const char *hit = plain; (hit = strstr (hit, link->anchor)) != NULL; hit += strlen (link->anchor))
        if (hit - plain <= ls && hit - plain + (int) strlen (link->anchor) >= le)
          return link;
    }
  return NULL;
}

static void draw_lines (Painter *p, Text *text, double x, double y, int from, int to,
                        double cx, double cy, double cw, double ch);

/* In the tagged PDF, a line that is all link text is drawn inside a Link
 * element, so that the link is in the structure with its text. */
static void
draw_linked_lines (Painter *p,
                   Block   *b,
                   double   x,
                   double   y,
                   int      from,
                   int      to,
                   double   cx,
                   double   cy,
                   double   cw,
                   double   ch)
{
  Text *text = &b->text;

  for (int i = from; i < to && i < text->n_lines;)
    {
      Link *link = line_link (b, i);
      double top = y + text->lines[i].top - text->lines[from].top;
      int j = i + 1;

      if (link == NULL)
        {
          while (j < to && j < text->n_lines && line_link (b, j) == NULL)
            j++;
          draw_lines (p, text, x, top, i, j, cx, cy, cw, ch);
        }
      else
        {
          g_autofree char *uri = escape_attribute (link->uri);
          g_autofree char *attrs = g_strdup_printf ("uri='%s'", uri);

          cairo_tag_begin (p->cr, CAIRO_TAG_LINK, attrs);
          draw_lines (p, text, x, top, i, j, cx, cy, cw, ch);
          cairo_tag_end (p->cr, CAIRO_TAG_LINK);
        }
      i = j;
    }
}

static void
draw_links (Painter *p,
            Block   *b,
            double   x,
            double   y,
            int      from,
            int      to)
{
  Text *text = &b->text;
  const char *plain;

  if (b->links == NULL || !p->pdf)
    return;

  plain = pango_layout_get_text (text->layout);
  for (guint l = 0; l < b->links->len; l++)
    {
      Link *link = g_ptr_array_index (b->links, l);
      GString *rects = g_string_new (NULL);
      const char *hit = plain;

      while ((hit = strstr (hit, link->anchor)) != NULL)
        {
          int start = (int) (hit - plain);
          int end = start + (int) strlen (link->anchor);

          for (int i = from; i < to; i++)
            {
              PangoLayoutLine *line = pango_layout_get_line_readonly (text->layout, i);
              int ls = line->start_index, le = line->start_index + line->length;
              int s = MAX (start, ls), e = MIN (end, le);
              int x0, x1;
              char buf[4][G_ASCII_DTOSTR_BUF_SIZE];

              /* Drawn inside its own Link element already. */
              if (p->tags && line_link (b, i) != NULL)
                continue;
              if (s >= e)
                continue;
              pango_layout_line_index_to_x (line, s, FALSE, &x0);
              pango_layout_line_index_to_x (line, e, FALSE, &x1);
              if (x1 < x0)
                {
                  int t = x0;
                  x0 = x1;
                  x1 = t;
                }
              g_string_append_printf (rects, "%s %s %s %s ",
                                      g_ascii_formatd (buf[0], sizeof buf[0], "%.2f",
                                                       x + text->lines[i].x + (double) x0 / PANGO_SCALE),
                                      g_ascii_formatd (buf[1], sizeof buf[1], "%.2f",
                                                       y + text->lines[i].top - text->lines[from].top),
                                      g_ascii_formatd (buf[2], sizeof buf[2], "%.2f",
                                                       (double) (x1 - x0) / PANGO_SCALE),
                                      g_ascii_formatd (buf[3], sizeof buf[3], "%.2f",
                                                       text->lines[i].height));
            }
          hit += strlen (link->anchor);
        }
      if (rects->len > 0)
        {
          g_autofree char *uri = escape_attribute (link->uri);
          g_autofree char *attrs = g_strdup_printf ("uri='%s' rect=[%s]", uri, rects->str);

          cairo_tag_begin (p->cr, CAIRO_TAG_LINK, attrs);
          cairo_tag_end (p->cr, CAIRO_TAG_LINK);
        }
      g_string_free (rects, TRUE);
    }
}

/* Draws lines [from, to) of text with the top of line from at y. */
/* The search's matches in one line of text whose left end is at @x and
 * whose top is at @top, in page coordinates. */
static void
find_in_line (Finder          *find,
              PangoLayoutLine *line,
              double           x,
              double           top,
              double           height)
{
  const char *text = pango_layout_get_text (line->layout);
  const char *start = text + line->start_index;
  const char *end = start + line->length;
  const char *s = start;

  while (s < end)
    {
      const char *t = s;
      glong k = 0;

      while (k < find->n_needle && t < end && g_unichar_tolower (g_utf8_get_char (t)) == find->needle[k])
        {
          t = g_utf8_next_char (t);
          k++;
        }
      if (k == find->n_needle)
        {
          int from = 0, to = 0;
          DlbTextMatch match;

          pango_layout_line_index_to_x (line, (int) (s - text), FALSE, &from);
          pango_layout_line_index_to_x (line, (int) (t - text), FALSE, &to);
          match.page = find->page;
          match.x = x + MIN (from, to) / (double) PANGO_SCALE;
          match.y = top;
          match.width = ABS (to - from) / (double) PANGO_SCALE;
          match.height = height;
          g_array_append_val (find->matches, match);
          s = t;
        }
      else
        s = g_utf8_next_char (s);
    }
}

static void
draw_lines (Painter *p,
            Text    *text,
            double   x,
            double   y,
            int      from,
            int      to,
            double   cx,
            double   cy,
            double   cw,
            double   ch)
{
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
  double origin = from < text->n_lines ? text->lines[from].top : 0;

  for (int i = from; i < to && i < text->n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (text->layout, i);
      LineInfo *info = &text->lines[i];

      cairo_move_to (p->cr, x + info->x, y + info->baseline - origin);
      pango_cairo_show_layout_line (p->cr, line);
      if (p->find != NULL)
        find_in_line (p->find, line, x + info->x, y + info->top - origin, info->height);
      if (info->width > 0)
        {
          left = MIN (left, x + info->x);
          right = MAX (right, x + info->x + info->width);
        }
    }
  if (right > left)
    record_box (p, left, y, right - left, lines_height (text, from, MIN (to, text->n_lines)),
                cx, cy, cw, ch);
}

static void
set_gray (cairo_t *cr,
          double   level)
{
  cairo_set_source_rgb (cr, level, level, level);
}

/* @tagged: whether the row is part of the structure (not a header
 * repeated on a later page). */
static void
draw_table_row (Painter   *p,
                DlbTable  *t,
                Text      *cells,
                double     x0,
                double     y,
                double     h,
                const int *from,
                const int *to,
                gboolean   header,
                guint      row,
                gboolean   tagged)
{
  cairo_t *cr = p->cr;
  double pad_y = t->style == DLB_TABLE_FIELDS ? FIELD_PAD_Y : CELL_PAD_Y;
  double width = t->col_x[t->n_columns - 1] + t->col_w[t->n_columns - 1];

  if (t->style == DLB_TABLE_GRID)
    {
      if (header)
        {
          cairo_set_source_rgb (cr, 0.886, 0.906, 0.925);
          cairo_rectangle (cr, x0, y, width, h);
          cairo_fill (cr);
        }
      else if (row % 2 == 1)
        {
          cairo_set_source_rgb (cr, 0.965, 0.969, 0.976);
          cairo_rectangle (cr, x0, y, width, h);
          cairo_fill (cr);
        }
    }

  if (tagged)
    tag_begin (p, "TR");
  for (guint c = 0; c < t->n_columns; c++)
    {
      Text *cell = &cells[c];
      int f = from != NULL ? from[c] : 0;
      int e = to != NULL ? to[c] : cell->n_lines;
      double cx = x0 + t->col_x[c];
      /* A label / value table's labels head their rows. */
      const char *kind = header || (t->style == DLB_TABLE_FIELDS && c == 0) ? "TH" : "TD";

      if (tagged)
        tag_begin (p, kind);
      cairo_set_source_rgb (cr, 0.10, 0.11, 0.13);
      p->kind = header ? DLB_BOX_HEADER_CELL : DLB_BOX_CELL;
      draw_lines (p, cell, cx + CELL_PAD_X, y + pad_y, f, e,
                  cx, y, t->col_w[c], h);
      if (tagged)
        tag_end (p, kind);
    }
  if (tagged)
    tag_end (p, "TR");

  if (t->style == DLB_TABLE_GRID)
    {
      cairo_set_line_width (cr, header ? 0.8 : 0.4);
      set_gray (cr, header ? 0.35 : 0.78);
      cairo_move_to (cr, x0, y + h);
      cairo_line_to (cr, x0 + width, y + h);
      cairo_stroke (cr);
    }
}

static gboolean
is_item (DlbDocument *self,
         guint        index)
{
  return index < self->blocks->len &&
         g_array_index (self->blocks, Block, index).kind == BLOCK_LIST_ITEM;
}

/* Consecutive list items make one list. */
static gboolean
previous_is_item (DlbDocument *self,
                  guint        block)
{
  return block > 0 && is_item (self, block - 1);
}

static gboolean
next_is_item (DlbDocument *self,
              guint        block)
{
  return is_item (self, block + 1);
}

static void
draw_slice (Painter *p,
            Slice   *s)
{
  DlbDocument *self = p->self;
  Block *b = &g_array_index (self->blocks, Block, s->block);
  cairo_t *cr = p->cr;
  double x = self->margin_left;
  double text_w = self->page_w - self->margin_left - self->margin_right;
  double area_y = self->margin_top;
  double area_h = self->page_h - self->margin_top - self->margin_bottom;

  guint index = (guint) (s - &g_array_index (self->slices, Slice, 0));
  gboolean first = index == 0 || g_array_index (self->slices, Slice, index - 1).block != s->block;
  gboolean last = index + 1 >= self->slices->len || g_array_index (self->slices, Slice, index + 1).block != s->block;

  p->block = s->block;
  p->kind = b->kind == BLOCK_HEADING ? DLB_BOX_HEADING
          : b->kind == BLOCK_TABLE ? DLB_BOX_CELL
          : b->kind == BLOCK_FIGURE ? DLB_BOX_FIGURE
          : DLB_BOX_TEXT;

  switch (s->kind)
    {
    case SLICE_LINES:
      if (b->kind == BLOCK_HEADING)
        {
          g_autofree char *attrs = NULL;

          static const char *levels[] = { "H1", "H2", "H3" };

          tag_begin (p, levels[b->level]);
          if (b->dest != NULL && p->pdf)
            {
              g_autofree char *name = escape_attribute (b->dest);
              attrs = g_strdup_printf ("name='%s'", name);
              cairo_tag_begin (cr, CAIRO_TAG_DEST, attrs);
            }
          cairo_set_source_rgb (cr, 0.09, 0.20, 0.33);
          draw_lines (p, &b->text, x, s->y, s->from, s->to, x, area_y, text_w, area_h);
          if (attrs != NULL)
            cairo_tag_end (cr, CAIRO_TAG_DEST);
          tag_end (p, levels[b->level]);
          if (b->level == 1)
            {
              cairo_set_line_width (cr, 0.6);
              cairo_set_source_rgb (cr, 0.60, 0.66, 0.73);
              cairo_move_to (cr, x, s->y + s->height + 2);
              cairo_line_to (cr, x + text_w, s->y + s->height + 2);
              cairo_stroke (cr);
            }
        }
      else
        {
          gboolean item = b->kind == BLOCK_LIST_ITEM;
          const char *body = item ? "LBody" : "P";

          if (first && item && !previous_is_item (self, s->block))
            tag_begin (p, "L");
          if (first && item)
            tag_begin (p, "LI");
          if (item && s->from == 0)
            {
              tag_begin (p, "Lbl");
              cairo_set_source_rgb (cr, 0.10, 0.11, 0.13);
              draw_lines (p, &b->marker, x + b->level * LIST_INDENT, s->y, 0, 1,
                          x, area_y, text_w, area_h);
              tag_end (p, "Lbl");
            }
          if (first)
            tag_begin (p, body);
          tag_begin (p, "Span");
          cairo_set_source_rgb (cr, 0.10, 0.11, 0.13);
          if (b->kind == BLOCK_NOTE)
            cairo_set_source_rgb (cr, 0.33, 0.35, 0.38);
          if (p->tags && b->links != NULL)
            draw_linked_lines (p, b, x + b->x, s->y, s->from, s->to, x, area_y, text_w, area_h);
          else
            draw_lines (p, &b->text, x + b->x, s->y, s->from, s->to, x, area_y, text_w, area_h);
          draw_links (p, b, x + b->x, s->y, s->from, s->to);
          tag_end (p, "Span");
          if (last)
            tag_end (p, body);
          if (last && item)
            tag_end (p, "LI");
          if (last && item && !next_is_item (self, s->block))
            tag_end (p, "L");
        }
      break;

    case SLICE_RULE:
      cairo_set_line_width (cr, 0.8);
      set_gray (cr, 0.45);
      cairo_move_to (cr, x, s->y + 0.5);
      cairo_line_to (cr, x + text_w, s->y + 0.5);
      cairo_stroke (cr);
      break;

    case SLICE_FIGURE:
      tag_begin (p, "Figure");
      cairo_save (cr);
      cairo_translate (cr, x, s->y);
      cairo_rectangle (cr, 0, 0, text_w, b->figure_h);
      cairo_clip (cr);
      b->draw (cr, text_w, b->figure_h, b->draw_data);
      cairo_restore (cr);
      tag_end (p, "Figure");
      record_box (p, x, s->y, text_w, b->figure_h, x, area_y, text_w, area_h);
      if (b->caption_text.n_lines > 0)
        {
          p->kind = DLB_BOX_TEXT;
          tag_begin (p, "P");
          cairo_set_source_rgb (cr, 0.33, 0.35, 0.38);
          draw_lines (p, &b->caption_text, x, s->y + b->figure_h + 4, 0,
                      b->caption_text.n_lines, x, area_y, text_w, area_h);
          tag_end (p, "P");
        }
      break;

    case SLICE_ROWS:
      {
        DlbTable *t = b->table;
        double y = s->y;

        if (first)
          tag_begin (p, "Table");
        if (s->header)
          {
            draw_table_row (p, t, t->header_cells, x, y, t->header_h, NULL, NULL, TRUE, 0, first);
            y += t->header_h;
          }
        for (int r = s->from; r < s->to; r++)
          {
            draw_table_row (p, t, &t->cells[r * t->n_columns], x, y, t->row_h[r],
                            NULL, NULL, FALSE, (guint) r, TRUE);
            y += t->row_h[r];
          }
        if (last)
          tag_end (p, "Table");
      }
      break;

    case SLICE_ROW_PART:
      {
        DlbTable *t = b->table;

        if (first)
          tag_begin (p, "Table");
        draw_table_row (p, t, &t->cells[s->from * t->n_columns], x, s->y, s->height,
                        s->cell_from, s->cell_to, FALSE, (guint) s->from, TRUE);
        if (last)
          tag_end (p, "Table");
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
draw_footer (Painter *p,
             int      page)
{
  GArray *boxes = p->boxes;

  DlbDocument *self = p->self;
  double x = self->margin_left;
  double w = self->page_w - self->margin_left - self->margin_right;
  double y = self->page_h - self->margin_bottom + 22;
  g_autofree char *number = NULL;
  Text text = { 0 };

  /* The footer lives in the bottom margin by design: it is not body text. */
  p->boxes = NULL;

  /* Translators: the footer of every memo page */
  number = g_strdup_printf (_("Page %d of %d"), page + 1, (int) self->pages->len);
  {
    g_autofree char *escaped = g_markup_escape_text (number, -1);
    text_init (self, &text, escaped, FONT_FOOTER, w, PANGO_ALIGN_RIGHT, 0);
  }
  set_gray (p->cr, 0.40);
  draw_lines (p, &text, x, y, 0, text.n_lines, x, y, w, text.height);
  text_clear (&text);

  if (self->footer != NULL)
    {
      text_init (self, &text, self->footer, FONT_FOOTER, w * 0.7, PANGO_ALIGN_LEFT, 0);
      set_gray (p->cr, 0.40);
      draw_lines (p, &text, x, y, 0, MIN (text.n_lines, 1), x, y, w * 0.7, text.height);
      text_clear (&text);
    }
  p->boxes = boxes;
}

static void
draw_page_content (Painter *p,
                   int      page)
{
  DlbDocument *self = p->self;

  for (guint s = g_array_index (self->pages, guint, page); s < page_end (self, page); s++)
    draw_slice (p, &g_array_index (self->slices, Slice, s));
  draw_footer (p, page);
}

static gboolean
check_cairo (cairo_t  *cr,
             GError  **error)
{
  cairo_status_t status = cairo_status (cr);

  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (cairo_get_target (cr));
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_RENDER,
                   /* Translators: %s is a technical reason from the drawing library */
                   _("The memo could not be drawn: %s. Try again; if it keeps failing, report it."),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
dlb_document_draw_page (DlbDocument  *self,
                        cairo_t      *cr,
                        int           page,
                        double        width,
                        double        height,
                        GError      **error)
{
  Painter p = { 0 };
  double scale;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!dlb_document_check (self, error))
    return FALSE;
  if (page < 0 || (guint) page >= self->pages->len)
    {
      g_set_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_PAGE,
                   /* Translators: asked for a page number the memo does not have */
                   _("The memo has no page %d; it has %d."), page + 1, (int) self->pages->len);
      return FALSE;
    }
  if (!check_cairo (cr, error))
    return FALSE;

  p.self = self;
  p.cr = cr;
  p.pdf = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_PDF;

  scale = MIN (width / self->page_w, height / self->page_h);
  if (!(scale > 0))
    return TRUE;

  cairo_save (cr);
  cairo_translate (cr, (width - self->page_w * scale) / 2, (height - self->page_h * scale) / 2);
  cairo_scale (cr, scale, scale);
  draw_page_content (&p, page);
  cairo_restore (cr);

  return check_cairo (cr, error);
}

GArray *
dlb_document_get_boxes (DlbDocument *self,
                        int          page)
{
  Painter p = { 0 };
  cairo_surface_t *surface;
  GArray *boxes;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), NULL);

  boxes = g_array_new (FALSE, FALSE, sizeof (DlbBox));
  paginate (self);
  if (page < 0 || (guint) page >= self->pages->len)
    return boxes;

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  p.self = self;
  p.cr = cairo_create (surface);
  p.boxes = boxes;
  draw_page_content (&p, page);
  cairo_destroy (p.cr);
  cairo_surface_destroy (surface);
  return boxes;
}

GArray *
dlb_document_find_text (DlbDocument *self,
                        const char  *needle)
{
  g_autofree gunichar *chars = NULL;
  GArray *matches;
  Finder find = { 0 };
  glong n = 0;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  matches = g_array_new (FALSE, FALSE, sizeof (DlbTextMatch));
  chars = g_utf8_to_ucs4 (needle, -1, NULL, &n, NULL);
  if (chars == NULL || n == 0)
    return matches;
  for (glong k = 0; k < n; k++)
    chars[k] = g_unichar_tolower (chars[k]);
  find.needle = chars;
  find.n_needle = n;
  find.matches = matches;

  paginate (self);
  for (guint page = 0; page < self->pages->len; page++)
    {
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      Painter p = { 0 };

      find.page = (int) page;
      p.self = self;
      p.cr = cairo_create (surface);
      p.find = &find;
      draw_page_content (&p, (int) page);
      cairo_destroy (p.cr);
      cairo_surface_destroy (surface);
    }
  return matches;
}

/* PDF */

static cairo_status_t
memory_write (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static char *
pdf_date (gint64 seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (seconds < 0)
    {
      const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
      gint64 parsed;

      if (epoch != NULL && g_ascii_string_to_signed (epoch, 10, 0, G_MAXINT64, &parsed, NULL))
        seconds = parsed;
    }
  if (seconds >= 0)
    dt = g_date_time_new_from_unix_utc (seconds);
  else
    dt = g_date_time_new_now_utc ();
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/* The document as a complete, tagged PDF, or NULL with @error set. */
static GBytes *
make_pdf (DlbDocument      *self,
          const DlbPdfInfo *info,
          GError          **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autofree char *date = NULL;
  cairo_status_t status;
  int parents[3] = { CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT, CAIRO_PDF_OUTLINE_ROOT };
  gboolean ok = TRUE;
  g_autoptr(GByteArray) drawn = NULL;
  g_autoptr(GBytes) tagged = NULL;
  g_auto(GStrv) alts = NULL;

  if (!dlb_document_check (self, error))
    return NULL;

  /* Drawn into memory first, then completed as a tagged PDF (language,
   * figure descriptions, artifacts) and only then written out. */
  drawn = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (memory_write, drawn, self->page_w, self->page_h);
  if (info != NULL)
    {
      if (info->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, info->title);
      if (info->author != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
      if (info->subject != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
      if (info->creator != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, info->creator);
      if (info->keywords != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
    }
  date = pdf_date (info != NULL ? info->date : -1);
  if (date != NULL)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    }

  /* The outline follows the headings that have destinations. */
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = &g_array_index (self->blocks, Block, i);
      g_autofree char *name = NULL;
      g_autofree char *attrs = NULL;
      g_autofree char *label = NULL;
      int parent, id;

      if (b->kind != BLOCK_HEADING || b->dest == NULL)
        continue;
      name = escape_attribute (b->dest);
      attrs = g_strdup_printf ("dest='%s'", name);
      label = g_strdup (pango_layout_get_text (b->text.layout));
      parent = b->level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : parents[1];
      id = cairo_pdf_surface_add_outline (surface, parent, label, attrs, 0);
      if (b->level <= 1)
        parents[1] = id;
    }

  cr = cairo_create (surface);
  cairo_tag_begin (cr, "Document", NULL);
  for (guint page = 0; page < self->pages->len && ok; page++)
    {
      Painter p = { 0 };

      p.self = self;
      p.cr = cr;
      p.pdf = TRUE;
      p.tags = TRUE;
      draw_page_content (&p, (int) page);
      if (page + 1 < self->pages->len)
        cairo_show_page (cr);
      ok = cairo_status (cr) == CAIRO_STATUS_SUCCESS;
    }
  cairo_tag_end (cr, "Document");
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_RENDER,
                   /* Translators: %s is a technical reason from the drawing library */
                   _("The PDF could not be made: %s. Nothing was written."),
                   cairo_status_to_string (status));
      return NULL;
    }

  alts = dlb_document_dup_alt_texts (self);
  {
    g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&drawn));

    tagged = dlb_pdf_complete_tags (bytes,
                                    info != NULL && info->language != NULL ? info->language
                                    /* Translators: the language of the memo's text, as a tag such as "es" or "pt-BR" */
                                    : C_("pdf-language", "en"),
                                    (const char * const *) alts, error);
  }
  return g_steal_pointer (&tagged);
}

gboolean
dlb_document_write_pdf_stream (DlbDocument      *self,
                               GOutputStream    *stream,
                               const DlbPdfInfo *info,
                               GCancellable     *cancellable,
                               GError          **error)
{
  g_autoptr(GBytes) pdf = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = make_pdf (self, info, error);
  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &length);
  return g_output_stream_write_all (stream, data, length, NULL, cancellable, error);
}

gboolean
dlb_document_write_pdf (DlbDocument      *self,
                        const char       *path,
                        const DlbPdfInfo *info,
                        GError          **error)
{
  g_autoptr(GBytes) pdf = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (DLB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Made whole in memory, then written in one atomic step: a failure or
   * a kill leaves no part of a PDF at @path. */
  pdf = make_pdf (self, info, error);
  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &length);
  return dlb_file_write_atomic (path, data, length, error);
}
