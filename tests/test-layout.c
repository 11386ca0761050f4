/* test-layout.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <cairo.h>

#include "dlb-charts.h"
#include "dlb-layout.h"
#include "dlb-pdf-tags.h"

#define EPSILON 0.6

static char *
lorem (guint words)
{
  static const char *vocabulary[] = {
    "the", "partnership", "would", "give", "police", "access", "to", "doorbell",
    "video", "without", "a", "warrant", "residents", "consent", "retention", "oversight",
  };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < words; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, vocabulary[(i * 7 + i / 3) % G_N_ELEMENTS (vocabulary)]);
    }
  g_string_append_c (s, '.');
  return g_string_free (s, FALSE);
}

/* Every box inside its cell, every cell inside the printable area, and no
 * heading as the last thing on a page (but the last page). */
static void
check_pages (DlbDocument *doc)
{
  double ax, ay, aw, ah;
  int n = dlb_document_get_n_pages (doc);

  dlb_document_get_text_area (doc, &ax, &ay, &aw, &ah);
  for (int p = 0; p < n; p++)
    {
      g_autoptr(GArray) boxes = dlb_document_get_boxes (doc, p);

      g_assert_cmpuint (boxes->len, >, 0);
      for (guint i = 0; i < boxes->len; i++)
        {
          DlbBox *b = &g_array_index (boxes, DlbBox, i);

          g_assert_cmpfloat (b->x, >=, b->cell_x - EPSILON);
          g_assert_cmpfloat (b->y, >=, b->cell_y - EPSILON);
          g_assert_cmpfloat (b->x + b->width, <=, b->cell_x + b->cell_width + EPSILON);
          g_assert_cmpfloat (b->y + b->height, <=, b->cell_y + b->cell_height + EPSILON);
          g_assert_cmpfloat (b->cell_x, >=, ax - EPSILON);
          g_assert_cmpfloat (b->cell_y, >=, ay - EPSILON);
          g_assert_cmpfloat (b->cell_x + b->cell_width, <=, ax + aw + EPSILON);
          g_assert_cmpfloat (b->cell_y + b->cell_height, <=, ay + ah + EPSILON);
        }
      if (p + 1 < n)
        g_assert_cmpint (g_array_index (boxes, DlbBox, boxes->len - 1).kind, !=, DLB_BOX_HEADING);
    }
}

static void
draw_all (DlbDocument *doc)
{
  int n = dlb_document_get_n_pages (doc);

  for (int p = 0; p < n; p++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 153, 198);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GError) error = NULL;

      g_assert_true (dlb_document_draw_page (doc, cr, p, 153, 198, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static void
test_long_document (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_LETTER_WIDTH, DLB_PAPER_LETTER_HEIGHT);
  guint headings = 0;

  dlb_document_add_heading (doc, 0, "A long document", NULL);
  for (guint s = 0; s < 40; s++)
    {
      g_autofree char *title = g_strdup_printf ("Section %u", s + 1);
      g_autofree char *dest = g_strdup_printf ("section-%u", s + 1);

      dlb_document_add_heading (doc, 1, title, dest);
      headings++;
      for (guint k = 0; k < 1 + s % 4; k++)
        {
          g_autofree char *text = lorem (30 + 23 * ((s + k) % 7));
          dlb_document_add_paragraph (doc, text);
        }
      if (s % 3 == 0)
        {
          dlb_document_add_heading (doc, 2, "A subsection", NULL);
          for (int i = 1; i <= 4; i++)
            {
              g_autofree char *text = lorem (12 + 9 * i);
              dlb_document_add_list_item (doc, i % 2 ? DLB_LIST_NUMBERED : DLB_LIST_BULLET, i, 0, text);
            }
        }
    }

  g_assert_cmpint (dlb_document_get_n_pages (doc), >, 5);
  check_pages (doc);
  draw_all (doc);

  /* Every section's destination is found, in order. */
  {
    int last = 0;

    for (guint s = 0; s < headings; s++)
      {
        g_autofree char *dest = g_strdup_printf ("section-%u", s + 1);
        int page = dlb_document_get_dest_page (doc, dest);

        g_assert_cmpint (page, >=, last);
        last = page;
      }
    g_assert_cmpint (dlb_document_get_dest_page (doc, "nowhere"), ==, -1);
  }
}

static DlbDocument *
make_hard_table (void)
{
  DlbDocument *doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  const char *header[] = { "Name", "Group", "Concern", "Power", NULL };
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  DlbTable *table;

  while (huge->len < 5000)
    g_string_append (huge, "Residents worry that footage is kept for ever and shared without consent. ");
  for (int i = 0; i < 200; i++)
    g_string_append_c (word, 'a' + i % 26);

  dlb_document_add_heading (doc, 1, "Stakeholders", "stakeholders");
  dlb_document_add_paragraph (doc, "Every stakeholder, with <b>bold</b> and <i>italic</i> text.");
  table = dlb_document_add_table (doc, DLB_TABLE_GRID, 4);
  dlb_table_set_header (table, header);
  dlb_table_set_column_align (table, 3, PANGO_ALIGN_RIGHT);
  for (int r = 0; r < 200; r++)
    {
      g_autofree char *name = g_strdup_printf ("Stakeholder %d", r + 1);
      const char *concern;
      const char *row[5];

      switch (r)
        {
        case 3:
          concern = huge->str;
          break;
        case 10:
          concern = word->str;
          break;
        case 20:
          concern = "يخشى السكان أن تُحفظ التسجيلات إلى الأبد وأن تُشارك دون موافقتهم.";
          break;
        case 30:
          concern = "居民担心录像会被永久保存，并在未经同意的情况下被共享。";
          break;
        case 40:
          concern = "Doorbells 🔔📹 everywhere 🏙️ — privacy 🔒?";
          break;
        default:
          concern = "Footage retention and sharing.";
        }
      row[0] = name;
      row[1] = r % 2 ? "Residents" : "Civil society";
      row[2] = concern;
      row[3] = "4";
      row[4] = NULL;
      dlb_table_add_row (table, row);
    }
  dlb_document_add_paragraph (doc, word->str);
  dlb_document_add_paragraph (doc, "A link to <span foreground=\"#1a5fb4\">https://example.org/report</span> here.");
  dlb_document_add_link (doc, "https://example.org/report", "https://example.org/report");
  /* Bad markup falls back to the text as written. */
  dlb_document_add_paragraph (doc, "Unbalanced <b>markup & text");
  return doc;
}

static void
test_table (void)
{
  g_autoptr(DlbDocument) doc = make_hard_table ();
  int n = dlb_document_get_n_pages (doc);
  gboolean table_seen = FALSE;

  g_assert_cmpint (n, >, 3);
  check_pages (doc);
  draw_all (doc);

  /* The header row is repeated on every page the table's rows are on, and
   * comes before them. */
  for (int p = 0; p < n; p++)
    {
      g_autoptr(GArray) boxes = dlb_document_get_boxes (doc, p);
      gboolean header = FALSE, cells = FALSE;
      double header_bottom = 0;

      for (guint i = 0; i < boxes->len; i++)
        {
          DlbBox *b = &g_array_index (boxes, DlbBox, i);

          if (b->kind == DLB_BOX_HEADER_CELL)
            {
              g_assert_false (cells);
              header = TRUE;
              header_bottom = MAX (header_bottom, b->cell_y + b->cell_height);
            }
          else if (b->kind == DLB_BOX_CELL)
            {
              cells = TRUE;
              g_assert_cmpfloat (b->cell_y, >=, header_bottom - EPSILON);
            }
        }
      if (cells)
        {
          g_assert_true (header);
          table_seen = TRUE;
        }
    }
  g_assert_true (table_seen);
}

static GBytes *
write_to_bytes (DlbDocument *doc,
                const char  *dir,
                const char  *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DlbPdfInfo info = { .title = "Title", .author = "Author", .subject = "Subject",
                      .creator = "Deliberate test", .date = 1574000000 };
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (dlb_document_write_pdf (doc, path, &info, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
test_pdf (void)
{
  g_autoptr(DlbDocument) doc = make_hard_table ();
  g_autofree char *dir = g_dir_make_tmp ("dlb-layout-XXXXXX", NULL);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  guint files = 0;

  g_assert_nonnull (dir);
  first = write_to_bytes (doc, dir, "a.pdf");
  second = write_to_bytes (doc, dir, "b.pdf");
  g_assert_true (g_bytes_equal (first, second));
  {
    gsize size;
    const char *data = g_bytes_get_data (first, &size);

    /* The link is live and the section has an outline entry. */
    g_assert_nonnull (memmem (data, size, "/URI", 4));
    g_assert_nonnull (memmem (data, size, "example.org/report", 18));
    g_assert_nonnull (memmem (data, size, "/Outlines", 9));
  }

  /* A folder that does not exist: an error, and no file anywhere. */
  bad = g_build_filename (dir, "missing", "c.pdf", NULL);
  g_assert_false (dlb_document_write_pdf (doc, bad, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  /* Only the two finished files are left: no temporary file stays. */
  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_assert_true (g_str_has_suffix (entry, ".pdf"));
      g_assert_false (g_str_has_prefix (entry, "."));
      g_unlink (path);
      files++;
    }
  g_assert_cmpuint (files, ==, 2);
  g_rmdir (dir);
}

static void
test_page_out_of_range (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;

  dlb_document_add_paragraph (doc, "One page.");
  g_assert_cmpint (dlb_document_get_n_pages (doc), ==, 1);
  g_assert_false (dlb_document_draw_page (doc, cr, 3, 10, 10, &error));
  g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_PAGE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Charts */

static DlbGridPoint *
make_points (guint n)
{
  DlbGridPoint *points = g_new0 (DlbGridPoint, n);

  for (guint i = 0; i < n; i++)
    {
      points[i].label = g_strdup_printf (i % 5 == 0 ? "Stakeholder with a rather long name %u" : "Group %u", i + 1);
      points[i].power = 1 + (int) ((i * 3 + i / 5) % 5);
      points[i].interest = 1 + (int) ((i * 2 + i / 7) % 5);
      points[i].stance = (int) (i % 5) - 2;
    }
  return points;
}

static void
free_points (DlbGridPoint *points,
             guint         n)
{
  for (guint i = 0; i < n; i++)
    g_free ((char *) points[i].label);
  g_free (points);
}

static guint
check_labels (guint n)
{
  DlbGridPoint *points = make_points (n);
  double width = 460, height = 300, px, py, pw, ph;
  g_autoptr(GArray) boxes = dlb_chart_grid_place_labels (points, n, width, height);
  guint unplaced = 0;

  dlb_chart_grid_plot_area (width, height, &px, &py, &pw, &ph);
  g_assert_cmpuint (boxes->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      DlbLabelBox *a = &g_array_index (boxes, DlbLabelBox, i);

      /* Every marker is inside the plot, labelled or not. */
      g_assert_cmpfloat (a->point_x, >, px);
      g_assert_cmpfloat (a->point_x, <, px + pw);
      g_assert_cmpfloat (a->point_y, >, py);
      g_assert_cmpfloat (a->point_y, <, py + ph);
      if (!a->placed)
        {
          unplaced++;
          continue;
        }
      g_assert_cmpfloat (a->x, >=, px);
      g_assert_cmpfloat (a->y, >=, py);
      g_assert_cmpfloat (a->x + a->width, <=, px + pw);
      g_assert_cmpfloat (a->y + a->height, <=, py + ph);
      for (guint j = 0; j < n; j++)
        {
          DlbLabelBox *b = &g_array_index (boxes, DlbLabelBox, j);

          /* No label covers another stakeholder's marker, or comes so
           * near it that it would read as that one's label. */
          if (j != i)
            g_assert_false (a->x < b->point_x + 9 && b->point_x - 9 < a->x + a->width &&
                            a->y < b->point_y + 5 && b->point_y - 5 < a->y + a->height);
          if (j <= i || !b->placed)
            continue;
          g_assert_false (a->x < b->x + b->width && b->x < a->x + a->width &&
                          a->y < b->y + b->height && b->y < a->y + a->height);
        }
    }
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
    cairo_t *cr = cairo_create (surface);
    g_auto(GStrv) alt = dlb_chart_describe_grid (points, n);

    dlb_chart_draw_grid (cr, width, height, points, n);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpuint (g_strv_length (alt), >=, n > 0 ? 2 : 1);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  free_points (points, n);
  return unplaced;
}

static void
test_grid_labels (void)
{
  g_assert_cmpuint (check_labels (11), ==, 0);
  /* 200 labels cannot all fit: some are left out (and the chart says so),
   * none overlap. */
  g_assert_cmpuint (check_labels (200), >, 0);
  check_labels (0);
}

static void
test_other_charts (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 460, 240);
  cairo_t *cr = cairo_create (surface);
  DlbHeatItem items[60];
  DlbBar bars[3] = {
    { "Decline the partnership", 6.8, TRUE, FALSE },
    { "Partner with conditions", 5.9, FALSE, FALSE },
    { "Partner as proposed", 4.1, FALSE, TRUE },
  };
  DlbSensitivityLine lines[3] = {
    { "Decline the partnership", 7.5, 2.0, TRUE },
    { "Partner with conditions", 5.0, 6.5, FALSE },
    { "Partner as proposed", 3.0, 9.0, FALSE },
  };
  DlbSensitivityChart chart = { "Crime reduction", 0.2, 0.0, 0.34, NULL, "Partner as proposed", lines, 3 };
  char labels[60][8];
  g_auto(GStrv) heat_alt = NULL;
  g_auto(GStrv) bar_alt = NULL;
  g_auto(GStrv) sens_alt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_snprintf (labels[i], sizeof labels[i], "%c%u", i % 2 ? 'R' : 'O', i + 1);
      items[i].label = labels[i];
      items[i].likelihood = 1 + (int) (i % 5);
      items[i].impact = i < 40 ? 5 : 1 + (int) (i % 3);
      items[i].risk = i % 2;
    }
  dlb_chart_draw_heat_map (cr, 460, 240, items, G_N_ELEMENTS (items));
  dlb_chart_draw_bars (cr, 460, 120, bars, 3);
  dlb_chart_draw_sensitivity (cr, 460, 240, &chart);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  heat_alt = dlb_chart_describe_heat_map (items, G_N_ELEMENTS (items));
  g_assert_cmpuint (g_strv_length (heat_alt), ==, 2);
  bar_alt = dlb_chart_describe_bars (bars, 3);
  g_assert_cmpuint (g_strv_length (bar_alt), ==, 3);
  g_assert_nonnull (strstr (bar_alt[0], "Decline the partnership"));
  sens_alt = dlb_chart_describe_sensitivity (&chart);
  g_assert_nonnull (strstr (sens_alt[g_strv_length (sens_alt) - 1], "Partner as proposed"));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static guint
count_pixels (cairo_surface_t *surface,
              guint32          rgb)
{
  const unsigned char *data;
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if ((*(const guint32 *) (data + y * stride + x * 4) & 0xffffff) == rgb)
        n++;
  return n;
}

/* On a dark screen the charts draw every print colour as its dark-style
 * counterpart: the leading option's bar, the ink of the labels and the
 * heat map's grounds; the memo keeps the print colours. */
static void
test_dark_charts (void)
{
  DlbBar bars[2] = {
    { "Decline the partnership", 6.8, TRUE, FALSE },
    { "Partner with conditions", 5.9, FALSE, FALSE },
  };
  DlbHeatItem items[2] = { { "R1", 5, 5, TRUE }, { "O1", 1, 1, FALSE } };

  for (int dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 460, 240);
      cairo_t *cr = cairo_create (surface);
      guint32 ground = dark ? 0x2d2d2d : 0xffffff;

      dlb_chart_set_dark (cr, dark);
      g_assert_cmpint (dlb_chart_get_dark (cr), ==, dark);
      g_assert_cmphex (dlb_chart_colour (cr, 0xffffff), ==, ground);
      cairo_set_source_rgb (cr, ((ground >> 16) & 0xff) / 255.0, ((ground >> 8) & 0xff) / 255.0,
                            (ground & 0xff) / 255.0);
      cairo_paint (cr);
      dlb_chart_draw_bars (cr, 460, 120, bars, 2);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      /* The leading bar, in the colour of its style and not the other. */
      g_assert_cmpuint (count_pixels (surface, dark ? 0x78aeed : 0x1d4e89), >, 500);
      g_assert_cmpuint (count_pixels (surface, dark ? 0x1d4e89 : 0x78aeed), ==, 0);
      /* No dark ink on the dark card. */
      if (dark)
        g_assert_cmpuint (count_pixels (surface, 0x1f2933), ==, 0);

      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
      dlb_chart_draw_heat_map (cr, 460, 240, items, 2);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      /* A low rating's cell is near the card's own colour. */
      {
        const unsigned char *data;
        guint32 pixel;
        double px, py, pw, ph;
        int grey;

        dlb_chart_heat_map_cell_area (460, 240, FALSE, 1, 1, &px, &py, &pw, &ph);
        cairo_surface_flush (surface);
        data = cairo_image_surface_get_data (surface);
        pixel = *(const guint32 *) (data + (int) (py + 2) * cairo_image_surface_get_stride (surface)
                                    + (int) (px + 2) * 4);
        grey = (int) ((pixel >> 8) & 0xff);
        if (dark)
          g_assert_cmpint (grey, <, 0x50);
        else
          g_assert_cmpint (grey, >, 0xe0);
      }

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* Pointing at the charts: every marker's own position hits its own cell,
 * a drag past the plot's edge stays on the edge, and every heat-map cell's
 * centre hits that cell. */
static void
test_chart_cells (void)
{
  double width = 460, height = 300, px, py, pw, ph;
  DlbGridPoint points[25];
  char labels[25][8];
  g_autoptr(GArray) boxes = NULL;
  int power, interest, likelihood, impact;
  gboolean risk;

  for (guint i = 0; i < 25; i++)
    {
      g_snprintf (labels[i], sizeof labels[i], "S%u", i + 1);
      points[i].label = labels[i];
      points[i].power = 1 + (int) (i / 5);
      points[i].interest = 1 + (int) (i % 5);
      points[i].stance = 0;
    }
  boxes = dlb_chart_grid_place_labels (points, 25, width, height);
  for (guint i = 0; i < 25; i++)
    {
      DlbLabelBox *b = &g_array_index (boxes, DlbLabelBox, i);

      dlb_chart_grid_cell_at (width, height, b->point_x, b->point_y, &power, &interest);
      g_assert_cmpint (power, ==, points[i].power);
      g_assert_cmpint (interest, ==, points[i].interest);
    }
  dlb_chart_grid_plot_area (width, height, &px, &py, &pw, &ph);
  dlb_chart_grid_cell_at (width, height, px - 50, py - 50, &power, &interest);
  g_assert_cmpint (power, ==, 5);
  g_assert_cmpint (interest, ==, 1);
  dlb_chart_grid_cell_at (width, height, px + pw + 50, py + ph + 50, &power, &interest);
  g_assert_cmpint (power, ==, 1);
  g_assert_cmpint (interest, ==, 5);

  for (int r = 0; r <= 1; r++)
    for (int l = 1; l <= 5; l++)
      for (int i = 1; i <= 5; i++)
        {
          double x, y, w, h;

          dlb_chart_heat_map_cell_area (width, 240, r, l, i, &x, &y, &w, &h);
          g_assert_cmpfloat (w, >, 0);
          g_assert_cmpfloat (h, >, 0);
          g_assert_true (dlb_chart_heat_map_cell_at (width, 240, x + w / 2, y + h / 2,
                                                     &risk, &likelihood, &impact));
          g_assert_cmpint (risk, ==, r);
          g_assert_cmpint (likelihood, ==, l);
          g_assert_cmpint (impact, ==, i);
        }
  /* The gap between the panels and the axes are no cell. */
  g_assert_false (dlb_chart_heat_map_cell_at (width, 240, width / 2, 120, &risk, &likelihood, &impact));
  g_assert_false (dlb_chart_heat_map_cell_at (width, 240, 0, 0, &risk, &likelihood, &impact));
}

/* A narrow column's cap gives way to a header word that would otherwise
 * break between its letters. */
static void
test_column_keeps_words (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  const char *header[] = { "Oportunidades", "Probabilidad", "Impacto", NULL };
  const char *row[] = { "Una oportunidad con una descripción larga que ocupa varias líneas "
                        "de la tabla, como las del memorando.", "3", "2", NULL };
  DlbTable *table = dlb_document_add_table (doc, DLB_TABLE_GRID, 3);
  g_autoptr(GArray) boxes = NULL;
  double one_line = 0, probability = 0;
  cairo_surface_t *surface;
  cairo_t *cr;

  dlb_table_set_header (table, header);
  dlb_table_set_column_max (table, 1, 0.05);
  dlb_table_add_row (table, row);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cr = cairo_create (surface);
  g_assert_true (dlb_document_draw_page (doc, cr, 0, DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT, NULL));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  boxes = dlb_document_get_boxes (doc, 0);
  for (guint i = 0; i < boxes->len; i++)
    {
      const DlbBox *box = &g_array_index (boxes, DlbBox, i);

      if (box->kind != DLB_BOX_HEADER_CELL)
        continue;
      if (one_line == 0 || box->height < one_line)
        one_line = box->height;
      if (box->x > DLB_PAPER_A4_WIDTH / 2 && box->x < DLB_PAPER_A4_WIDTH * 0.8 && probability == 0)
        probability = box->height;
    }
  g_assert_cmpfloat (one_line, >, 0);
  g_assert_cmpfloat (probability, <, one_line * 1.5);
}

/* A table that cannot be laid out is an error from every way of drawing
 * or writing the document, and no file is left; never a missing table. */
static void
test_unfit_table (void)
{
  static const guint widths[] = { 0, 40 };

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
      g_autofree char *dir = g_dir_make_tmp ("dlb-layout-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "unfit.pdf", NULL);
      g_autoptr(GError) error = NULL;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 60, 80);
      cairo_t *cr = cairo_create (surface);
      DlbTable *table;

      dlb_document_add_heading (doc, 1, "Decision matrix", NULL);
      table = dlb_document_add_table (doc, DLB_TABLE_GRID, widths[i]);
      g_assert_nonnull (table);
      dlb_table_add_row (table, (const char *[]) { "a", "b", NULL });

      g_assert_false (dlb_document_check (doc, &error));
      g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_LAYOUT);
      g_assert_nonnull (strstr (error->message, "“Decision matrix”"));
      g_clear_error (&error);

      g_assert_false (dlb_document_draw_page (doc, cr, 0, 60, 80, &error));
      g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_LAYOUT);
      g_clear_error (&error);

      g_assert_false (dlb_document_write_pdf (doc, path, NULL, &error));
      g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_LAYOUT);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpint (g_rmdir (dir), ==, 0);

      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* A paragraph of one 256 KiB word wraps by character and keeps every
 * character (the break points added are zero-width). */
static void
test_long_word (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 256 * 1024; i++)
    g_string_append_c (word, 'a' + i % 26);
  dlb_document_add_paragraph (doc, "<b>Before</b> the word.");
  dlb_document_add_paragraph (doc, word->str);
  dlb_document_add_paragraph (doc, "After the word.");
  g_assert_true (dlb_document_check (doc, &error));
  g_assert_no_error (error);
  /* About 60 characters a line, some 60 lines a page. */
  g_assert_cmpint (dlb_document_get_n_pages (doc), >, 50);
  g_assert_cmpint (dlb_document_get_n_pages (doc), <, 200);
}

static void
draw_box (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  data)
{
  cairo_rectangle (cr, 0, 0, width / 2, height / 2);
  cairo_fill (cr);
}

/* Completing the tags refuses what it does not know, never guesses and
 * never reads out of bounds: garbage, a cut-off PDF, a figure count that
 * does not match. */
static void
test_complete_tags_refuses (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };
  const char *two[] = { "one", "two", NULL };
  const char *one[] = { "one", NULL };
  gsize size;

  dlb_document_add_heading (doc, 0, "Title", NULL);
  dlb_document_add_figure (doc, 40, draw_box, NULL, NULL, "A box", "A box");
  g_assert_true (dlb_document_write_pdf_stream (doc, memory, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, NULL));
  whole = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  size = g_bytes_get_size (whole);

  for (gsize cut = 0; cut < size; cut += MAX (size / 97, 1))
    {
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, cut);
      g_autoptr(GBytes) out = dlb_pdf_complete_tags (part, "en", one, &error);

      /* A cut-off file either fails cleanly or, cut inside the update,
       * still has the drawing library's whole file before it. */
      if (out == NULL)
        {
          g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_RENDER);
          g_clear_error (&error);
        }
    }
  {
    g_autoptr(GBytes) garbage = g_bytes_new_static ("startxref\n99999999999\n%%EOF", 27);
    g_autoptr(GBytes) out = dlb_pdf_complete_tags (garbage, "en", none, &error);

    g_assert_null (out);
    g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_RENDER);
    g_clear_error (&error);
  }
  {
    /* The written memo is already complete: its own figures are one more
     * than none and one fewer than two. */
    g_autoptr(GBytes) out = dlb_pdf_complete_tags (whole, "en", two, &error);

    g_assert_null (out);
    g_assert_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_RENDER);
    g_clear_error (&error);
  }
}

/* Find sees the text as drawn: every occurrence, whatever its case, on
 * the page it is drawn on, inside the printable area, one line each. */
static void
test_find_text (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) none = NULL;
  double x, y, width, height;
  guint on_second = 0;

  dlb_document_add_heading (doc, 1, "Oversight of the <i>camera</i> network", NULL);
  dlb_document_add_paragraph (doc, "A CAMERA on every porch; a camera in every street.");
  dlb_document_add_page_break (doc);
  dlb_document_add_paragraph (doc, "Nothing here but cameras, cam-\nera and Kamera.");
  g_assert_cmpint (dlb_document_get_n_pages (doc), ==, 2);
  dlb_document_get_text_area (doc, &x, &y, &width, &height);

  matches = dlb_document_find_text (doc, "camera");
  g_assert_cmpuint (matches->len, ==, 4);
  for (guint i = 0; i < matches->len; i++)
    {
      const DlbTextMatch *m = &g_array_index (matches, DlbTextMatch, i);

      g_assert_cmpint (m->page, ==, i < 3 ? 0 : 1);
      on_second += m->page == 1;
      g_assert_cmpfloat (m->x, >=, x - 0.01);
      g_assert_cmpfloat (m->x + m->width, <=, x + width + 0.01);
      g_assert_cmpfloat (m->y, >=, y - 0.01);
      g_assert_cmpfloat (m->y + m->height, <=, y + height + 0.01);
      /* About six letters wide, one line tall. */
      g_assert_cmpfloat (m->width, >, 15);
      g_assert_cmpfloat (m->width, <, 80);
      g_assert_cmpfloat (m->height, >, 5);
      g_assert_cmpfloat (m->height, <, 40);
    }
  g_assert_cmpuint (on_second, ==, 1);
  /* In reading order: the heading's above the paragraph's. */
  g_assert_cmpfloat (g_array_index (matches, DlbTextMatch, 0).y, <, g_array_index (matches, DlbTextMatch, 1).y);

  none = dlb_document_find_text (doc, "");
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/long-document", test_long_document);
  g_test_add_func ("/layout/table", test_table);
  g_test_add_func ("/layout/find-text", test_find_text);
  g_test_add_func ("/layout/pdf", test_pdf);
  g_test_add_func ("/layout/dark-charts", test_dark_charts);
  g_test_add_func ("/layout/page-out-of-range", test_page_out_of_range);
  g_test_add_func ("/layout/column-keeps-words", test_column_keeps_words);
  g_test_add_func ("/layout/unfit-table", test_unfit_table);
  g_test_add_func ("/layout/long-word", test_long_word);
  g_test_add_func ("/layout/complete-tags-refuses", test_complete_tags_refuses);
  g_test_add_func ("/charts/grid-labels", test_grid_labels);
  g_test_add_func ("/charts/others", test_other_charts);
  g_test_add_func ("/charts/cells", test_chart_cells);

  return g_test_run ();
}
