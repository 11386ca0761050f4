/* dlb-layout.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* A paginated document of blocks: headings, paragraphs, lists, tables,
 * figures. Text is Pango markup; callers escape user text
 * (g_markup_escape_text, g_markup_printf_escaped). The document is
 * paginated once, at its own page size, into a list of page breaks; one
 * function then draws any page onto any cairo_t, scaled to the size it is
 * given, so the PDF, printing and the on-screen preview show the same
 * pages. Coordinates are in points (1/72 inch). A document measures with
 * the calling thread's Pango font map: build, draw and write it from one
 * thread. */

#define DLB_LAYOUT_ERROR (dlb_layout_error_quark ())

typedef enum
{
  DLB_LAYOUT_ERROR_RENDER,
  DLB_LAYOUT_ERROR_WRITE,
  DLB_LAYOUT_ERROR_PAGE,
  DLB_LAYOUT_ERROR_LAYOUT,  /* a block does not fit the page */
} DlbLayoutError;

typedef enum
{
  DLB_LIST_BULLET,
  DLB_LIST_NUMBERED,
} DlbListStyle;

typedef enum
{
  DLB_TABLE_GRID,    /* header row, rules between rows, repeated header */
  DLB_TABLE_FIELDS,  /* label / value pairs, no rules: a memo header */
} DlbTableStyle;

/* Draws a figure into the rectangle (0, 0, width, height) of cr. */
typedef void (*DlbDrawFunc) (cairo_t *cr,
                             double   width,
                             double   height,
                             gpointer user_data);

/* A text box as drawn on a page, in page coordinates, with the rectangle
 * it must stay inside (its table cell, or the page's printable area). */
typedef enum
{
  DLB_BOX_TEXT,
  DLB_BOX_HEADING,
  DLB_BOX_CELL,
  DLB_BOX_HEADER_CELL,
  DLB_BOX_FIGURE,
} DlbBoxKind;

typedef struct
{
  double     x, y, width, height;
  double     cell_x, cell_y, cell_width, cell_height;
  DlbBoxKind kind;
  guint      block;   /* the block that drew it, in the order added */
} DlbBox;

/* What goes into the PDF's document information. */
typedef struct
{
  const char *title;
  const char *author;
  const char *subject;
  const char *creator;
  /* Free-form keywords: the memo keeps its case's fingerprint here. */
  const char *keywords;
  /* The language of the text ("en", "es"); NULL for the language the
   * program's own text is in. */
  const char *language;
  /* Seconds since the epoch for the creation and modification dates;
   * -1 takes SOURCE_DATE_EPOCH when set, else the current time. */
  gint64      date;
} DlbPdfInfo;

typedef struct _DlbTable DlbTable;

#define DLB_PAPER_LETTER_WIDTH  612.0
#define DLB_PAPER_LETTER_HEIGHT 792.0
#define DLB_PAPER_A4_WIDTH      595.2756
#define DLB_PAPER_A4_HEIGHT     841.8898

#define DLB_TYPE_DOCUMENT (dlb_document_get_type ())

G_DECLARE_FINAL_TYPE (DlbDocument, dlb_document, DLB, DOCUMENT, GObject)

GQuark        dlb_layout_error_quark         (void);

DlbDocument  *dlb_document_new               (double          page_width,
                                              double          page_height);
/* A document with fonts of its own rather than the thread's: it may be
 * built in one thread and then drawn in another. */
DlbDocument  *dlb_document_new_with_own_fonts (double         page_width,
                                               double         page_height);
double        dlb_document_get_page_width    (DlbDocument    *self);
double        dlb_document_get_page_height   (DlbDocument    *self);
void          dlb_document_set_margins       (DlbDocument    *self,
                                              double          top,
                                              double          right,
                                              double          bottom,
                                              double          left);
/* Text left of the "Page N of M" footer on every page (markup). */
void          dlb_document_set_footer        (DlbDocument    *self,
                                              const char     *markup);

/* Blocks, in reading order. Levels: 0 the document title, 1 a section, 2 a
 * subsection. A heading with a dest_name gets a named PDF destination and
 * an outline entry; it is always kept with what follows it. */
void          dlb_document_add_heading       (DlbDocument    *self,
                                              int             level,
                                              const char     *markup,
                                              const char     *dest_name);
void          dlb_document_add_paragraph     (DlbDocument    *self,
                                              const char     *markup);
/* A small grey note, e.g. a caption or a source line. */
void          dlb_document_add_note          (DlbDocument    *self,
                                              const char     *markup);
/* One list item; number is shown for DLB_LIST_NUMBERED; level 0 or 1. */
void          dlb_document_add_list_item     (DlbDocument    *self,
                                              DlbListStyle    style,
                                              int             number,
                                              int             level,
                                              const char     *markup);
/* Makes every occurrence of anchor (plain text) in the last paragraph,
 * note or list item a link to uri. */
void          dlb_document_add_link          (DlbDocument    *self,
                                              const char     *anchor,
                                              const char     *uri);
void          dlb_document_add_rule          (DlbDocument    *self);
void          dlb_document_add_space         (DlbDocument    *self,
                                              double          points);
/* Starts a new page unless already at the top of one. */
void          dlb_document_add_page_break    (DlbDocument    *self);
/* A figure the full text width wide and height tall, with a caption under
 * it (markup, may be NULL) and a text alternative for assistive technology
 * (plain text, may be NULL). */
void          dlb_document_add_figure        (DlbDocument    *self,
                                              double          height,
                                              DlbDrawFunc     draw,
                                              gpointer        user_data,
                                              GDestroyNotify  destroy,
                                              const char     *caption,
                                              const char     *alt_text);

/* A table; the returned pointer belongs to the document and is valid until
 * the document is paginated. */
DlbTable     *dlb_document_add_table         (DlbDocument    *self,
                                              DlbTableStyle   style,
                                              guint           n_columns);
void          dlb_table_set_header           (DlbTable       *table,
                                              const char * const *markups);
void          dlb_table_add_row              (DlbTable       *table,
                                              const char * const *markups);
void          dlb_table_set_column_align     (DlbTable       *table,
                                              guint           column,
                                              PangoAlignment  align);
/* Caps a column's share of the text width (0-1), e.g. for a number column. */
void          dlb_table_set_column_max       (DlbTable       *table,
                                              guint           column,
                                              double          fraction);

/* Pagination happens once, on first need; these trigger it. */
/* FALSE with error set when a block cannot be laid out (a table wider
 * than the page, a row taller than one); drawing and writing the document
 * then fail with the same error rather than leave the block out. */
gboolean      dlb_document_check             (DlbDocument    *self,
                                              GError        **error);
int           dlb_document_get_n_pages       (DlbDocument    *self);
/* The page (0-based) a named destination is on, or -1. */
int           dlb_document_get_dest_page     (DlbDocument    *self,
                                              const char     *dest_name);
/* The alternative texts of the figures, in order (NULL-terminated). */
char        **dlb_document_dup_alt_texts     (DlbDocument    *self);

/* Draws page (0-based) scaled to fit width x height, centred. Draws
 * nothing under the text: a preview paints its own paper first. Returns
 * FALSE with error set if cairo failed (or the page does not exist). */
gboolean      dlb_document_draw_page         (DlbDocument    *self,
                                              cairo_t        *cr,
                                              int             page,
                                              double          width,
                                              double          height,
                                              GError        **error);
/* The text boxes of a page as drawn, in page coordinates; element-type
 * DlbBox. */
GArray       *dlb_document_get_boxes         (DlbDocument    *self,
                                              int             page);
/* Where a search found text: the page (0-based) and the rectangle
 * around the text, in page coordinates. */
typedef struct
{
  int    page;
  double x, y, width, height;
} DlbTextMatch;

/* Every place @needle (plain text) occurs in the text as drawn, ignoring
 * case, in reading order page by page, footers included; a match lies
 * within one line. Figures' own labels are not searched. Element-type
 * DlbTextMatch; empty for an empty @needle. */
GArray       *dlb_document_find_text         (DlbDocument    *self,
                                              const char     *needle);
/* The printable area (inside the margins) of every page. */
void          dlb_document_get_text_area     (DlbDocument    *self,
                                              double         *x,
                                              double         *y,
                                              double         *width,
                                              double         *height);

/* The whole document as PDF with metadata, an outline of the headings that
 * have destinations, and live links. The file is written beside path and
 * renamed into place only when complete: never a partial file. */
gboolean      dlb_document_write_pdf         (DlbDocument      *self,
                                              const char       *path,
                                              const DlbPdfInfo *info,
                                              GError          **error);
gboolean      dlb_document_write_pdf_stream  (DlbDocument      *self,
                                              GOutputStream    *stream,
                                              const DlbPdfInfo *info,
                                              GCancellable     *cancellable,
                                              GError          **error);

G_END_DECLS
