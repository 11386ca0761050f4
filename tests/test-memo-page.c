/* test-memo-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlb-analysis.h"
#include "dlb-cli.h"
#include "dlb-example.h"
#include "dlb-json.h"
#include "dlb-memo.h"
#include "dlb-memo-export.h"
#include "dlb-memo-page.h"
#include "dlb-memo-view.h"
#include "dlb-test-util.h"

/* The Memo page on the built-in example: it shows the pages the PDF has,
 * drawn the same way; it exports and prints through the functions its
 * buttons use, leaving nothing half-written; it follows the case when a
 * weight change makes another option win, staying on the same page; and
 * its navigation and zoom do what they say. */

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_for (Condition condition,
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  spin_main_loop ();
  return condition (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
has_document (gpointer data)
{
  return dlb_memo_page_get_document (DLB_MEMO_PAGE (data)) != NULL;
}

static gboolean
has_drawn (gpointer data)
{
  return dlb_memo_view_get_n_drawn (DLB_MEMO_VIEW (dlb_memo_page_get_view (DLB_MEMO_PAGE (data)))) >= 1;
}

typedef struct
{
  DlbMemoPage *page;
  DlbDocument *old;
} DocumentChange;

static gboolean
document_changed (gpointer data)
{
  DocumentChange *change = data;
  DlbDocument *doc = dlb_memo_page_get_document (change->page);

  return doc != NULL && doc != change->old;
}

typedef struct
{
  DlbMemoView *view;
  int          page;
} PageDrawn;

static gboolean
page_drawn (gpointer data)
{
  PageDrawn *drawn = data;

  return dlb_memo_view_is_drawn (drawn->view, drawn->page);
}

static DlbCase *
load_example (void)
{
  g_autoptr(GError) error = NULL;
  DlbCase *kase = dlb_example_load (&error);

  g_assert_no_error (error);
  g_assert_nonnull (kase);
  return kase;
}

/* A window holding a Memo page on @kase, on screen with its memo built. */
static DlbMemoPage *
show_page (DlbCase    *kase,
           int         width,
           GtkWindow **out_window)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = dlb_memo_page_new ();

  dlb_case_page_set_case (DLB_CASE_PAGE (page), kase);
  g_assert_true (dlb_case_page_get_case (DLB_CASE_PAGE (page)) == kase);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (wait_for (is_mapped, page));
  g_assert_true (wait_for (has_document, page));
  /* The memo comes from a worker thread: a frame later, it is drawn. */
  g_assert_true (wait_for (has_drawn, page));

  *out_window = GTK_WINDOW (window);
  return DLB_MEMO_PAGE (page);
}

/* The memo as the command line and the core build it, on the paper the
 * settings ask for. */
static DlbDocument *
build_separately (DlbCase *kase)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(DlbResult) result = dlb_engine_analyze (kase, NULL);
  g_autoptr(DlbMemoStamp) stamp = dlb_cli_dup_memo_stamp (kase, NULL);
  DlbMemoOptions options;

  dlb_memo_options_init (&options);
  options.paper = (DlbPaperSize) g_settings_get_enum (settings, "paper-size");
  options.stamp = stamp;
  return dlb_memo_build (kase, result, &options);
}

static cairo_surface_t *
draw_page (DlbDocument *doc,
           int          page,
           int          width,
           int          height)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (dlb_document_draw_page (doc, cr, page, width, height, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a,
             cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (size_t) stride * height) == 0;
}

/* How many pixels are not white: a drawn page has text on it. */
static guint
count_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);
  guint n = 0;
  int x, y;

  for (y = 0; y < height; y++)
    for (x = 0; x < width; x++)
      if (((const guint32 *) (data + y * stride))[x] != 0xffffffff)
        n++;
  return n;
}

static void
test_same_pages (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(DlbDocument) separate = build_separately (kase);
  GtkWindow *window = NULL;
  DlbMemoPage *page = show_page (kase, 900, &window);
  DlbMemoView *view = DLB_MEMO_VIEW (dlb_memo_page_get_view (page));
  DlbDocument *doc = dlb_memo_page_get_document (page);
  int n_pages = dlb_document_get_n_pages (doc);
  int width = (int) (dlb_document_get_page_width (doc) / 2);
  int height = (int) (dlb_document_get_page_height (doc) / 2);
  int i;

  g_assert_cmpint (n_pages, >=, 4);
  g_assert_cmpint (dlb_memo_view_get_n_pages (view), ==, n_pages);
  g_assert_cmpint (n_pages, ==, dlb_document_get_n_pages (separate));
  g_assert_cmpfloat (dlb_document_get_page_width (doc), ==, dlb_document_get_page_width (separate));
  g_assert_cmpfloat (dlb_document_get_page_height (doc), ==, dlb_document_get_page_height (separate));
  g_assert_true (dlb_memo_view_get_document (view) == doc);

  /* Every page the page shows is, pixel for pixel, the page of the memo
   * built apart from it. */
  for (i = 0; i < n_pages; i++)
    {
      cairo_surface_t *shown = draw_page (doc, i, width, height);
      cairo_surface_t *built = draw_page (separate, i, width, height);

      g_assert_cmpuint (count_ink (shown), >, 500);
      g_assert_true (same_pixels (shown, built));
      cairo_surface_destroy (shown);
      cairo_surface_destroy (built);
    }

  /* Only the pages in view are drawn on screen. */
  g_assert_cmpuint (dlb_memo_view_get_n_drawn (view), >=, 1);
  g_assert_cmpuint (dlb_memo_view_get_n_drawn (view), <, (guint) n_pages);

  gtk_window_destroy (window);
  spin_main_loop ();
}

/* The output of pdfinfo (@text FALSE) or pdftotext (@text TRUE) on
 * @path; NULL when the tool is not installed. */
static char *
run_tool (gboolean    text,
          gboolean    layout,
          const char *path)
{
  g_autofree char *program = g_find_program_in_path (text ? "pdftotext" : "pdfinfo");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (program == NULL)
    return NULL;

  g_ptr_array_add (argv, program);
  if (layout)
    g_ptr_array_add (argv, (char *) "-layout");
  g_ptr_array_add (argv, (char *) path);
  if (text)
    g_ptr_array_add (argv, (char *) "-");
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static int
pdf_page_count (const char *path)
{
  g_autofree char *info = run_tool (FALSE, FALSE, path);
  const char *pages;

  if (info == NULL)
    return -1;
  pages = strstr (info, "\nPages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("\nPages:"));
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir_path), ==, 0);
}

static void
assert_pdf (const char *path,
            int         n_pages)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  int counted;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  counted = pdf_page_count (path);
  if (counted >= 0)
    g_assert_cmpint (counted, ==, n_pages);
}

/* Runs @operation as Print… would, without a printer or a dialog: into a
 * PDF file at @path, on the operation's default page setup. */
static void
print_to_file (GtkPrintOperation *operation,
               const char        *path,
               GtkWindow         *window)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_export_filename (operation, path);
  gtk_print_operation_set_allow_async (operation, FALSE);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, window, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (dlb_memo_print_operation_check (operation, result, &error));
  g_assert_no_error (error);
}

static void
test_export_and_print (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlb-memo-page-XXXXXX", &error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *print_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing_file = NULL;
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkWindow *window = NULL;
  DlbMemoPage *page;
  DlbDocument *doc;
  int n_pages;

  g_assert_no_error (error);
  page = show_page (kase, 900, &window);
  doc = dlb_memo_page_get_document (page);
  n_pages = dlb_document_get_n_pages (doc);

  /* The file name the chooser offers comes from the case title. */
  name = dlb_memo_export_suggest_name (kase, FALSE);
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  {
    g_autofree char *brief = dlb_memo_export_suggest_name (kase, TRUE);
    g_assert_cmpstr (brief, !=, name);
    g_assert_true (g_str_has_suffix (brief, ".pdf"));
  }
  g_assert_null (strchr (name, '/'));
  g_assert_true (g_str_has_prefix (name, dlb_case_get_title (kase)) || strchr (dlb_case_get_title (kase), '/') != NULL);

  /* What Export PDF… does with the chosen file. */
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  g_assert_true (dlb_memo_page_export (page, file, &error));
  g_assert_no_error (error);
  assert_pdf (path, n_pages);
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* A folder that is not there: a clear error, and no file anywhere. */
  missing = g_build_filename (dir, "no-such-folder", "memo.pdf", NULL);
  missing_file = g_file_new_for_path (missing);
  g_assert_false (dlb_memo_page_export (page, missing_file, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* Print… draws with the same function, on the memo's paper, one printed
   * page per memo page. */
  print_path = g_build_filename (dir, "printed.pdf", NULL);
  operation = dlb_memo_print_operation_new (doc, dlb_case_get_title (kase), NULL, NULL, NULL);
  {
    GtkPageSetup *setup = gtk_print_operation_get_default_page_setup (operation);

    g_assert_nonnull (setup);
    g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                    dlb_document_get_page_width (doc), 0.5);
    g_assert_cmpfloat_with_epsilon (gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS),
                                    dlb_document_get_page_height (doc), 0.5);
  }
  {
    int n_printed = 0;

    g_object_get (operation, "n-pages", &n_printed, NULL);
    g_assert_cmpint (n_printed, ==, n_pages);
  }
  print_to_file (operation, print_path, window);
  assert_pdf (print_path, n_pages);

  /* The printed page carries the memo's text where the memo has it: the
   * printer's margins do not push it about. */
  {
    g_autofree char *printed = run_tool (TRUE, TRUE, print_path);
    g_autofree char *exported = run_tool (TRUE, TRUE, path);

    if (printed != NULL)
      g_assert_cmpstr (printed, ==, exported);
  }

  g_assert_cmpuint (count_files (dir), ==, 2);
  remove_dir (dir);

  gtk_window_destroy (window);
  spin_main_loop ();
}

static void
set_weight (DlbCase    *kase,
            const char *id,
            double      weight)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  DlbEntity *criterion = dlb_case_lookup (kase, id);

  g_assert_nonnull (criterion);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, weight);
  g_assert_true (dlb_case_set_field (kase, criterion, DLB_CRITERION_WEIGHT, &value, &error));
  g_assert_no_error (error);
}

/* The recommendation section of the exported memo, as a reader's tools
 * see it; NULL without pdftotext. */
static char *
recommendation_text (DlbMemoPage *page)
{
  g_autofree char *dir = g_dir_make_tmp ("dlb-memo-page-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "memo.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *start, *end;

  g_assert_true (dlb_memo_page_export (page, file, &error));
  g_assert_no_error (error);
  text = run_tool (TRUE, FALSE, path);
  remove_dir (dir);
  if (text == NULL)
    return NULL;

  start = strstr (text, "\nRecommendation\n");
  g_assert_nonnull (start);
  end = strstr (start, "\nBackground\n");
  g_assert_nonnull (end);
  return g_strndup (start, (gsize) (end - start));
}

/* The example's memo as the core paginates it for pages of @width x
 * @height points. */
static DlbDocument *
paginate_for (DlbCase *kase,
              double   width,
              double   height)
{
  DlbResult *result = dlb_analysis_update_sync (dlb_analysis_for_case (kase));
  g_autoptr(GError) error = NULL;
  DlbMemoOptions options;
  DlbDocument *doc;

  dlb_memo_options_init (&options);
  options.page_width = width;
  options.page_height = height;
  doc = dlb_memo_build (kase, result, &options);
  g_assert_true (dlb_document_check (doc, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (dlb_document_get_page_width (doc), width, 0.01);
  g_assert_cmpfloat_with_epsilon (dlb_document_get_page_height (doc), height, 0.01);
  return doc;
}

/* The size of the first page of the PDF at @path, as pdfinfo reads it;
 * FALSE when pdfinfo is not installed. */
static gboolean
pdf_page_size (const char *path,
               double     *width,
               double     *height)
{
  g_autofree char *info = run_tool (FALSE, FALSE, path);
  const char *size;

  if (info == NULL)
    return FALSE;
  size = strstr (info, "\nPage size:");
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size + strlen ("\nPage size:"), " %lf x %lf", width, height), ==, 2);
  return TRUE;
}

/* Print… sets the memo again for the paper and orientation chosen in the
 * print dialog, as the core paginates it for that sheet: A5 takes more
 * pages than A4, and nothing is scaled. */
static void
test_print_repaginates (void)
{
  static const struct {
    const char         *paper;
    GtkPageOrientation  orientation;
  } papers[] = {
    { GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_PORTRAIT },
    { GTK_PAPER_NAME_LETTER, GTK_PAGE_ORIENTATION_PORTRAIT },
    { GTK_PAPER_NAME_A5, GTK_PAGE_ORIENTATION_PORTRAIT },
    { GTK_PAPER_NAME_A4, GTK_PAGE_ORIENTATION_LANDSCAPE },
  };
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("deliberate-print-XXXXXX", &error);
  GtkWindow *window = NULL;
  DlbMemoPage *page;
  int n_a4 = 0, n_a5 = 0;

  g_assert_no_error (error);
  page = show_page (kase, 900, &window);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    {
      g_autoptr(GtkPaperSize) paper = gtk_paper_size_new (papers[i].paper);
      g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
      g_autoptr(GtkPrintOperation) operation = NULL;
      g_autoptr(DlbDocument) expected = NULL;
      g_autofree char *name = g_strdup_printf ("printed-%u.pdf", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      double width, height, pdf_width = 0, pdf_height = 0;
      int n_printed = 0;

      gtk_page_setup_set_paper_size (setup, paper);
      gtk_page_setup_set_orientation (setup, papers[i].orientation);
      /* The whole sheet, turned as chosen. */
      width = gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS);
      height = gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS);
      if (papers[i].orientation == GTK_PAGE_ORIENTATION_LANDSCAPE)
        g_assert_cmpfloat (width, >, height);
      expected = paginate_for (kase, width, height);
      if (i == 0)
        n_a4 = dlb_document_get_n_pages (expected);
      else if (i == 2)
        n_a5 = dlb_document_get_n_pages (expected);

      /* The paper as the print dialog hands it over. */
      operation = dlb_memo_page_new_print_operation (page);
      g_assert_nonnull (operation);
      gtk_print_operation_set_default_page_setup (operation, setup);
      print_to_file (operation, path, window);

      g_object_get (operation, "n-pages", &n_printed, NULL);
      g_test_message ("%s %s: %d pages", papers[i].paper,
                      papers[i].orientation == GTK_PAGE_ORIENTATION_LANDSCAPE ? "landscape" : "portrait",
                      n_printed);
      g_assert_cmpint (n_printed, ==, dlb_document_get_n_pages (expected));
      g_assert_cmpfloat_with_epsilon (dlb_document_get_page_width (dlb_memo_print_operation_get_document (operation)),
                                      width, 0.01);
      g_assert_cmpfloat_with_epsilon (dlb_document_get_page_height (dlb_memo_print_operation_get_document (operation)),
                                      height, 0.01);
      assert_pdf (path, dlb_document_get_n_pages (expected));
      if (pdf_page_size (path, &pdf_width, &pdf_height))
        {
          g_assert_cmpfloat_with_epsilon (pdf_width, width, 0.5);
          g_assert_cmpfloat_with_epsilon (pdf_height, height, 0.5);
        }
    }
  g_assert_cmpint (n_a5, >, n_a4);

  remove_dir (dir);
  gtk_window_destroy (window);
  spin_main_loop ();
}

/* How many times @word occurs in @text, ignoring case. */
static guint
count_occurrences (const char *text,
                   const char *word)
{
  g_autofree char *folded = g_utf8_strdown (text, -1);
  g_autofree char *needle = g_utf8_strdown (word, -1);
  guint n = 0;

  for (const char *at = strstr (folded, needle); at != NULL; at = strstr (at + strlen (needle), needle))
    n++;
  return n;
}

static gboolean
has_no_matches_label (gpointer data)
{
  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (data)), "No matches") == 0;
}

static gboolean
has_matches (gpointer data)
{
  return dlb_memo_view_get_n_matches (DLB_MEMO_VIEW (data)) > 0;
}

/* Find (Ctrl+F): typing a word finds it wherever the memo's text has it,
 * as many times as the PDF has it; Enter and Ctrl+G go on to the next
 * match and the preview follows it to its page; Escape closes the bar and
 * ends the search. */
static void
test_find (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("deliberate-find-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWindow *window = NULL;
  DlbMemoPage *page;
  DlbMemoView *view;
  GtkWidget *bar, *entry, *label;
  const DlbTextMatch *match;
  int n, start_page, current;

  g_assert_no_error (error);
  page = show_page (kase, 900, &window);
  view = DLB_MEMO_VIEW (dlb_memo_page_get_view (page));
  bar = dlb_test_find_of_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_BAR);
  entry = dlb_test_find_of_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  label = dlb_test_find_named (GTK_WIDGET (page), "memo-search-count");
  g_assert_nonnull (bar);
  g_assert_nonnull (entry);
  g_assert_nonnull (label);
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));

  /* What the PDF's own text says. */
  path = g_build_filename (dir, "memo.pdf", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (dlb_memo_page_export (page, file, &error));
  g_assert_no_error (error);
  text = run_tool (TRUE, FALSE, path);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.find", NULL));
  spin_main_loop ();
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Markey");
  g_assert_true (wait_for (has_matches, view));

  n = dlb_memo_view_get_n_matches (view);
  g_test_message ("“Markey” %d times in the preview", n);
  g_assert_cmpint (n, >, 1);
  if (text != NULL)
    g_assert_cmpint (n, ==, (int) count_occurrences (text, "Markey"));
  current = dlb_memo_view_get_current_match (view);
  g_assert_cmpint (current, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("1 of %d", n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  }
  match = dlb_memo_view_get_match (view, current);
  g_assert_nonnull (match);
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, match->page);
  g_assert_cmpfloat (match->width, >, 0);
  g_assert_cmpfloat (match->x + match->width, <=, dlb_document_get_page_width (dlb_memo_view_get_document (view)));
  start_page = match->page;

  /* Enter, then Ctrl+G, until a match on another page is shown. */
  g_signal_emit_by_name (entry, "activate");
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_current_match (view), ==, 1);
  for (current = 1; dlb_memo_view_get_match (view, current)->page == start_page; current++)
    {
      g_assert_cmpint (current + 1, <, n);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.find-next", NULL));
      spin_main_loop ();
      g_assert_cmpint (dlb_memo_view_get_current_match (view), ==, current + 1);
    }
  match = dlb_memo_view_get_match (view, current);
  g_assert_cmpint (match->page, !=, start_page);
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, match->page);
  {
    g_autofree char *expected = g_strdup_printf ("%d of %d", current + 1, n);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);
  }

  /* Back one, and round from the first to the last. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.find-previous", NULL));
  g_assert_cmpint (dlb_memo_view_get_current_match (view), ==, current - 1);
  while (dlb_memo_view_get_current_match (view) > 0)
    dlb_memo_view_find_next (view, TRUE);
  dlb_memo_view_find_next (view, TRUE);
  g_assert_cmpint (dlb_memo_view_get_current_match (view), ==, n - 1);

  /* A word the memo does not have. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Markeyzz");
  g_assert_true (wait_for (has_no_matches_label, label));
  g_assert_cmpint (dlb_memo_view_get_n_matches (view), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "memo.find-next", NULL);
  g_assert_cmpint (dlb_memo_view_get_current_match (view), ==, -1);

  /* Escape closes the bar and ends the search. */
  g_signal_emit_by_name (entry, "stop-search");
  spin_main_loop ();
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (bar)));
  g_assert_null (dlb_memo_view_get_search (view));
  g_assert_cmpint (dlb_memo_view_get_n_matches (view), ==, 0);

  remove_dir (dir);
  gtk_window_destroy (window);
  spin_main_loop ();
}

static void
test_follows_the_case (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(DlbDocument) before = NULL;
  g_autofree char *old_winner = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window = NULL;
  DlbMemoPage *page = show_page (kase, 900, &window);
  DlbMemoView *view = DLB_MEMO_VIEW (dlb_memo_page_get_view (page));
  DocumentChange change = { page, NULL };
  DlbResult *result;
  GListModel *criteria;
  guint i;

  before = g_object_ref (dlb_memo_page_get_document (page));
  result = dlb_memo_page_get_result (page);
  g_assert_nonnull (result);
  g_assert_cmpint (dlb_result_get_winner (result), >=, 0);
  old_winner = g_strdup (dlb_result_get_winner_id (result));

  /* The reader is on the third page. */
  dlb_memo_view_set_page (view, 2);
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 2);

  /* Crime and policing are all that matter now. */
  criteria = dlb_case_get_criteria (kase);
  for (i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);
      const char *id = dlb_entity_get_id (criterion);

      if (g_str_equal (id, "crime") || g_str_equal (id, "policing"))
        set_weight (kase, id, 100);
      else
        set_weight (kase, id, 0);
    }

  change.old = before;
  g_assert_true (wait_for (document_changed, &change));

  result = dlb_memo_page_get_result (page);
  g_assert_nonnull (result);
  g_assert_cmpint (dlb_result_get_winner (result), >=, 0);
  g_assert_cmpstr (dlb_result_get_winner_id (result), !=, old_winner);
  g_assert_cmpint (dlb_memo_view_get_n_pages (view), ==,
                   dlb_document_get_n_pages (dlb_memo_page_get_document (page)));
  g_assert_true (dlb_memo_view_get_document (view) == dlb_memo_page_get_document (page));

  /* Still on the third page. */
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 2);

  /* The first page changed with the winner. */
  {
    cairo_surface_t *old_page = draw_page (before, 0, 306, 396);
    cairo_surface_t *new_page = draw_page (dlb_memo_page_get_document (page), 0, 306, 396);

    g_assert_false (same_pixels (old_page, new_page));
    cairo_surface_destroy (old_page);
    cairo_surface_destroy (new_page);
  }

  /* And the recommendation names the new winner. */
  text = recommendation_text (page);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed: the recommendation's text is not read");
    }
  else
    {
      new_name = g_strdup (dlb_result_get_option_name (result, (guint) dlb_result_get_winner (result)));
      heading = g_strconcat ("Recommended: ", new_name, NULL);
      g_assert_nonnull (strstr (text, heading));
    }

  gtk_window_destroy (window);
  spin_main_loop ();
}

/* Scrolls the view by a pixel, as a reader would: the page it then
 * reports comes from where the pages really are on screen. */
static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
frames_done (gpointer data)
{
  return *(guint *) data >= 3;
}

/* A zoom is laid out on the next frames; a person scrolls after that. */
static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  g_assert_true (wait_for (frames_done, &frames));
  gtk_widget_remove_tick_callback (widget, id);
}

static int
page_after_nudge (DlbMemoView *view)
{
  GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (view));
  GtkAdjustment *adjustment;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  wait_for_frames (GTK_WIDGET (view));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 1);
  spin_main_loop ();
  return dlb_memo_view_get_page (view);
}

static void
on_built (GObject      *source,
          GAsyncResult *res,
          gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (res);
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* The memo is laid out in a worker thread. Meanwhile the page keeps the
 * memo it shows, with a spinner beside it, never a blank page; the memo
 * that comes is the one the case gives when built at once, page for page,
 * and it is of the case as it was asked for, whatever changes meanwhile. */
static void
test_writes_in_background (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(DlbDocument) before = NULL;
  g_autoptr(DlbDocument) at_once = NULL;
  g_autoptr(DlbDocument) in_background = NULL;
  g_autoptr(DlbResult) result = NULL;
  g_autoptr(DlbResult) background_result = NULL;
  g_autoptr(GAsyncResult) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *fingerprint = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWindow *window = NULL;
  DlbMemoPage *page = show_page (kase, 900, &window);
  GtkWidget *spinner = dlb_test_find_named (GTK_WIDGET (page), "updating-spinner");
  gint64 deadline;

  g_assert_false (gtk_widget_get_visible (spinner));
  before = g_object_ref (dlb_memo_page_get_document (page));
  set_weight (kase, "crime", 90);
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (dlb_memo_page_get_document (page) == before && g_get_monotonic_time () < deadline)
    {
      g_assert_true (gtk_widget_get_visible (spinner));
      g_assert_true (dlb_memo_view_get_document (DLB_MEMO_VIEW (dlb_memo_page_get_view (page))) == before);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_nonnull (dlb_memo_page_get_document (page));
  g_assert_true (dlb_memo_page_get_document (page) != before);
  g_assert_false (gtk_widget_get_visible (spinner));

  /* The same memo as one built at once. */
  at_once = dlb_memo_export_build (kase, NULL, DLB_PAPER_A4, FALSE, &result);
  title = g_strdup (dlb_case_get_title (kase));
  fingerprint = dlb_json_dup_fingerprint (kase);
  dlb_memo_export_build_async (kase, NULL, DLB_PAPER_A4, FALSE, NULL, on_built, &res);

  /* The case changes while its memo is written. */
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Renamed while the memo is written");
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (kase), DLB_CASE_TITLE, &value, &error));
  g_assert_no_error (error);

  g_assert_true (wait_for (is_set, &res));
  in_background = dlb_memo_export_build_finish (res, &background_result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (in_background);
  g_assert_true (background_result == result);
  g_assert_cmpstr (dlb_memo_get_stamp (in_background)->fingerprint, ==, fingerprint);
  {
    g_autoptr(GArray) renamed = dlb_document_find_text (in_background, "Renamed while");
    g_autoptr(GArray) named = dlb_document_find_text (in_background, title);

    g_assert_cmpuint (renamed->len, ==, 0);
    g_assert_cmpuint (named->len, >, 0);
  }
  g_assert_cmpint (dlb_document_get_n_pages (in_background), ==, dlb_document_get_n_pages (at_once));
  for (int i = 0; i < dlb_document_get_n_pages (at_once); i++)
    {
      cairo_surface_t *a = draw_page (at_once, i, 306, 396);
      cairo_surface_t *b = draw_page (in_background, i, 306, 396);

      g_assert_true (same_pixels (a, b));
      cairo_surface_destroy (a);
      cairo_surface_destroy (b);
    }

  gtk_window_destroy (window);
  spin_main_loop ();
}

static void
test_navigation_and_zoom (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  GtkWindow *window = NULL;
  DlbMemoPage *page = show_page (kase, 900, &window);
  DlbMemoView *view = DLB_MEMO_VIEW (dlb_memo_page_get_view (page));
  int n_pages = dlb_memo_view_get_n_pages (view);

  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 0);
  g_assert_true (dlb_memo_view_get_fit_width (view));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.next-page", NULL));
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.previous-page", NULL));
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 0);

  dlb_memo_view_set_page (view, n_pages - 1);
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, n_pages - 1);
  dlb_memo_view_set_page (view, 3);
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 3);

  /* Zooming keeps the reader on their page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.zoom-original", NULL));
  spin_main_loop ();
  g_assert_false (dlb_memo_view_get_fit_width (view));
  g_assert_cmpfloat (dlb_memo_view_get_zoom (view), ==, 1.0);
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 3);
  g_assert_cmpint (page_after_nudge (view), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.zoom-in", NULL));
  spin_main_loop ();
  g_assert_cmpfloat (dlb_memo_view_get_zoom (view), >, 1.0);
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 3);
  g_assert_cmpint (page_after_nudge (view), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.zoom-out", NULL));
  spin_main_loop ();
  g_assert_cmpfloat (dlb_memo_view_get_zoom (view), <, 1.0);
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.zoom-to", "d", 4.0));
  spin_main_loop ();
  g_assert_cmpfloat (dlb_memo_view_get_zoom (view), ==, DLB_MEMO_VIEW_MAX_ZOOM);
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.fit-width", NULL));
  spin_main_loop ();
  g_assert_true (dlb_memo_view_get_fit_width (view));
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 3);
  g_assert_cmpint (page_after_nudge (view), ==, 3);

  gtk_window_destroy (window);
  spin_main_loop ();
}

static void
test_narrow (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  GtkWindow *window = NULL;
  DlbMemoPage *page = show_page (kase, 400, &window);
  DlbMemoView *view = DLB_MEMO_VIEW (dlb_memo_page_get_view (page));
  int minimum = 0;

  /* The toolbar fits, and the page is shown whole across the width. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 400);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), <=, 400);
  g_assert_true (dlb_memo_view_get_fit_width (view));
  g_assert_cmpfloat (dlb_memo_view_get_zoom (view), <, 0.6);
  g_assert_cmpuint (dlb_memo_view_get_n_drawn (view), >=, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo.next-page", NULL));
  spin_main_loop ();
  g_assert_cmpint (dlb_memo_view_get_page (view), ==, 1);

  gtk_window_destroy (window);
  spin_main_loop ();
}

/* A hundred pages: going to the middle draws the pages there, and only
 * those. */
static void
test_long_document (void)
{
  g_autoptr(DlbDocument) doc = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = dlb_memo_view_new ();
  gint64 start;
  int i;

  for (i = 0; i < 100; i++)
    {
      g_autofree char *heading = g_strdup_printf ("Section %d", i + 1);

      dlb_document_add_page_break (doc);
      dlb_document_add_heading (doc, 1, heading, NULL);
      dlb_document_add_paragraph (doc, "Every page of a long memo is drawn only when it is in view.");
    }
  g_assert_cmpint (dlb_document_get_n_pages (doc), ==, 100);

  dlb_memo_view_set_document (DLB_MEMO_VIEW (view), doc);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (is_mapped, view));
  {
    PageDrawn first = { DLB_MEMO_VIEW (view), 0 };

    g_assert_true (wait_for (page_drawn, &first));
  }

  g_assert_cmpint (dlb_memo_view_get_n_pages (DLB_MEMO_VIEW (view)), ==, 100);
  g_assert_cmpuint (dlb_memo_view_get_n_drawn (DLB_MEMO_VIEW (view)), >=, 1);
  g_assert_cmpuint (dlb_memo_view_get_n_drawn (DLB_MEMO_VIEW (view)), <=, 3);

  start = g_get_monotonic_time ();
  for (i = 10; i < 100; i += 10)
    {
      PageDrawn drawn = { DLB_MEMO_VIEW (view), i };

      dlb_memo_view_set_page (DLB_MEMO_VIEW (view), i);
      g_assert_true (wait_for (page_drawn, &drawn));
      g_assert_false (dlb_memo_view_is_drawn (DLB_MEMO_VIEW (view), i - 5));
      g_assert_cmpint (dlb_memo_view_get_page (DLB_MEMO_VIEW (view)), ==, i);
      g_assert_cmpuint (dlb_memo_view_get_n_drawn (DLB_MEMO_VIEW (view)), <=, 8);
    }
  g_test_message ("nine jumps through 100 pages: %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  dlb_memo_view_set_page (DLB_MEMO_VIEW (view), 1000);
  g_assert_cmpint (dlb_memo_view_get_page (DLB_MEMO_VIEW (view)), ==, 99);

  /* A shorter document keeps the reader on the last page there is. */
  {
    g_autoptr(DlbDocument) shorter = dlb_document_new (DLB_PAPER_A4_WIDTH, DLB_PAPER_A4_HEIGHT);

    for (i = 0; i < 5; i++)
      {
        dlb_document_add_page_break (shorter);
        dlb_document_add_paragraph (shorter, "A page.");
      }
    dlb_memo_view_set_document (DLB_MEMO_VIEW (view), shorter);
    spin_main_loop ();
    g_assert_cmpint (dlb_memo_view_get_n_pages (DLB_MEMO_VIEW (view)), ==, 5);
    g_assert_cmpint (dlb_memo_view_get_page (DLB_MEMO_VIEW (view)), ==, 4);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

/* Off screen the page builds nothing, yet exporting writes the memo of
 * the case as it is at that moment. */
static void
test_export_off_screen (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlb-memo-page-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "memo.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DlbDocument) first = NULL;
  GtkWidget *page = g_object_ref_sink (dlb_memo_page_new ());

  g_assert_no_error (error);
  dlb_case_page_set_case (DLB_CASE_PAGE (page), kase);
  spin_main_loop ();
  g_assert_null (dlb_memo_page_get_document (DLB_MEMO_PAGE (page)));

  g_assert_true (dlb_memo_page_export (DLB_MEMO_PAGE (page), file, &error));
  g_assert_no_error (error);
  first = g_object_ref (dlb_memo_page_get_document (DLB_MEMO_PAGE (page)));
  assert_pdf (path, dlb_document_get_n_pages (first));

  set_weight (kase, "crime", 90);
  spin_main_loop ();
  g_assert_true (dlb_memo_page_get_document (DLB_MEMO_PAGE (page)) == first);
  g_assert_true (dlb_memo_page_export (DLB_MEMO_PAGE (page), file, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_memo_page_get_document (DLB_MEMO_PAGE (page)) != first);
  g_assert_cmpuint (count_files (dir), ==, 1);

  remove_dir (dir);
  g_object_unref (page);
}

/* The paper preference applies at once; the case's own paper wins. */
static void
test_paper_setting (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(DlbDocument) before = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = NULL;
  DlbMemoPage *page;
  DocumentChange change;

  g_assert_cmpint (dlb_case_get_paper_size (kase), ==, DLB_PAPER_AUTO);
  g_settings_set_enum (settings, "paper-size", DLB_PAPER_A4);
  page = show_page (kase, 900, &window);
  g_assert_cmpfloat (dlb_document_get_page_width (dlb_memo_page_get_document (page)), ==, DLB_PAPER_A4_WIDTH);

  before = g_object_ref (dlb_memo_page_get_document (page));
  change = (DocumentChange) { page, before };
  g_settings_set_enum (settings, "paper-size", DLB_PAPER_LETTER);
  g_assert_true (wait_for (document_changed, &change));
  g_assert_cmpfloat (dlb_document_get_page_width (dlb_memo_page_get_document (page)), ==, DLB_PAPER_LETTER_WIDTH);
  g_assert_cmpfloat (dlb_document_get_page_height (dlb_memo_page_get_document (page)), ==, DLB_PAPER_LETTER_HEIGHT);

  g_clear_object (&before);
  before = g_object_ref (dlb_memo_page_get_document (page));
  change = (DocumentChange) { page, before };
  g_value_init (&value, DLB_TYPE_PAPER_SIZE);
  g_value_set_enum (&value, DLB_PAPER_A4);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (kase), DLB_CASE_PAPER_SIZE, &value, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (document_changed, &change));
  g_assert_cmpfloat (dlb_document_get_page_width (dlb_memo_page_get_document (page)), ==, DLB_PAPER_A4_WIDTH);

  g_settings_reset (settings, "paper-size");
  gtk_window_destroy (window);
  spin_main_loop ();
}

/* The Memo page shows, exports and prints the full memo or the brief one,
 * as chosen in its menu; the choice is kept in the settings. */
static void
test_brief_choice (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(DlbDocument) full = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlb-memo-brief-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "brief.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *length = NULL;
  GtkWindow *window = NULL;
  DlbMemoPage *page;
  DocumentChange change;
  int n_full, n_brief;

  page = show_page (kase, 900, &window);
  g_assert_false (dlb_memo_page_get_brief (page));
  full = g_object_ref (dlb_memo_page_get_document (page));
  n_full = dlb_document_get_n_pages (full);
  g_assert_cmpint (dlb_document_get_dest_page (full, "scores-evidence"), >, 0);

  change = (DocumentChange) { page, full };
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo-settings.memo-length", "s", "brief"));
  g_assert_true (wait_for (document_changed, &change));
  g_assert_true (dlb_memo_page_get_brief (page));
  length = g_settings_get_string (settings, "memo-length");
  g_assert_cmpstr (length, ==, "brief");
  n_brief = dlb_document_get_n_pages (dlb_memo_page_get_document (page));
  g_assert_cmpint (n_brief, <=, 3);
  g_assert_cmpint (n_brief, <, n_full);
  g_assert_cmpint (dlb_memo_view_get_n_pages (DLB_MEMO_VIEW (dlb_memo_page_get_view (page))), ==, n_brief);
  g_assert_cmpint (dlb_document_get_dest_page (dlb_memo_page_get_document (page), "reasons"), >=, 0);

  /* What is exported is what is shown. */
  g_assert_true (dlb_memo_page_export (page, file, &error));
  g_assert_no_error (error);
  assert_pdf (path, n_brief);
  remove_dir (dir);

  /* The setting, changed anywhere, is what the page follows. */
  g_clear_object (&full);
  full = g_object_ref (dlb_memo_page_get_document (page));
  change = (DocumentChange) { page, full };
  g_settings_reset (settings, "memo-length");
  g_assert_true (wait_for (document_changed, &change));
  g_assert_false (dlb_memo_page_get_brief (page));
  g_assert_cmpint (dlb_document_get_n_pages (dlb_memo_page_get_document (page)), ==, n_full);

  gtk_window_destroy (window);
  spin_main_loop ();
}

static void
test_no_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/memo.pdf");
  GtkWidget *page = g_object_ref_sink (dlb_memo_page_new ());

  g_assert_null (dlb_memo_page_get_document (DLB_MEMO_PAGE (page)));
  g_assert_false (dlb_memo_page_export (DLB_MEMO_PAGE (page), file, &error));
  g_assert_error (error, DLB_MEMO_EXPORT_ERROR, DLB_MEMO_EXPORT_ERROR_NO_MEMO);
  g_object_unref (page);
}

/* The fingerprint the PDF at @path keeps in its metadata. */
static void
assert_file_fingerprint (const char *path,
                         const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlbMemoStamp) stamp = NULL;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  stamp = dlb_memo_read_stamp (bytes);
  g_assert_nonnull (stamp);
  g_assert_cmpstr (stamp->fingerprint, ==, expected);
}

/* After an export, an edit makes the page say that the PDF (by name) is
 * out of date, and Export Again writes the memo as the case is now to
 * the same file. */
static void
test_outdated_export (void)
{
  g_autoptr(DlbCase) kase = load_example ();
  g_autoptr(DlbCase) other = load_example ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dlb-memo-page-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *before = dlb_json_dup_fingerprint (kase);
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWindow *window = NULL;
  GtkWidget *revealer, *label;
  DlbMemoPage *page;

  g_assert_no_error (error);
  page = show_page (kase, 900, &window);
  revealer = dlb_test_find_named (GTK_WIDGET (page), "memo-outdated");
  label = dlb_test_find_named (GTK_WIDGET (page), "memo-outdated-label");
  g_assert_true (GTK_IS_REVEALER (revealer));
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_null (dlb_memo_page_get_exported_file (page));

  path = g_build_filename (dir, "ring-memo.pdf", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (dlb_memo_page_export (page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (dlb_memo_page_get_exported_file (page), file));
  g_assert_false (dlb_memo_page_get_export_outdated (page));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  assert_file_fingerprint (path, before);

  /* One edit: the page says so at once, naming the file. */
  set_weight (kase, "privacy", 40);
  g_assert_true (dlb_memo_page_get_export_outdated (page));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "“ring-memo.pdf” is out of date"));
  /* The banner's label shows with the revealer's first frame. */
  g_assert_true (wait_for (is_mapped, label));

  /* Export Again, before the edit's analysis has even come back. */
  after = dlb_json_dup_fingerprint (kase);
  gtk_widget_activate_action (GTK_WIDGET (page), "memo.export-again", NULL);
  g_assert_false (dlb_memo_page_get_export_outdated (page));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  assert_file_fingerprint (path, after);
  g_assert_cmpuint (count_files (dir), ==, 1);

  /* Changed and changed back: the case says what the file says again. */
  set_weight (kase, "privacy", 10);
  g_assert_true (dlb_memo_page_get_export_outdated (page));
  set_weight (kase, "privacy", 40);
  g_assert_false (dlb_memo_page_get_export_outdated (page));

  /* Another case: nothing exported of it yet. */
  set_weight (kase, "privacy", 30);
  g_assert_true (dlb_memo_page_get_export_outdated (page));
  dlb_case_page_set_case (DLB_CASE_PAGE (page), other);
  g_assert_null (dlb_memo_page_get_exported_file (page));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  remove_dir (dir);
  gtk_window_destroy (window);
  spin_main_loop ();
}

static void
test_no_display (void)
{
  g_test_skip ("no display: widget tests need one (run them under xvfb-run)");
}

/* With DLB_MEMO_PAGE_SHOW set, the page stays open under a header bar, as
 * in the case window, for a look at it:
 * DLB_MEMO_PAGE_SHOW=WIDTHxHEIGHT[:ZOOM[:PAGE]] (ZOOM 0 fits the width). */
static int
show_for_a_look (const char *spec)
{
  g_autoptr(DlbCase) kase = load_example ();
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = dlb_memo_page_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  DlbMemoView *view = DLB_MEMO_VIEW (dlb_memo_page_get_view (DLB_MEMO_PAGE (page)));
  int width = 1000, height = 760, number = 0;
  double zoom = 0;

  if (sscanf (spec, "%dx%d:%lf:%d", &width, &height, &zoom, &number) < 2)
    {
      g_printerr ("DLB_MEMO_PAGE_SHOW: expected WIDTHxHEIGHT[:ZOOM[:PAGE]], got “%s”\n", spec);
      return 1;
    }
  /* Styled as in the application. */
  dlb_test_load_style_sheet ();
  dlb_case_page_set_case (DLB_CASE_PAGE (page), kase);
  if (zoom > 0)
    dlb_memo_view_set_zoom (view, zoom);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Memo");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  gtk_window_present (GTK_WINDOW (window));
  while (dlb_memo_page_get_document (DLB_MEMO_PAGE (page)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (number > 1)
    dlb_memo_view_set_page (view, number - 1);
  /* DLB_MEMO_PAGE_EXPORTED=PATH: the memo exported there, then the case
   * edited once, to see the page say the PDF is out of date. */
  if (g_getenv ("DLB_MEMO_PAGE_EXPORTED") != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("DLB_MEMO_PAGE_EXPORTED"));

      if (!dlb_memo_page_export (DLB_MEMO_PAGE (page), file, NULL))
        return 1;
      set_weight (kase, "privacy", 40);
    }
  /* DLB_MEMO_PAGE_ACTION: an action of the page to activate once shown,
   * e.g. "memo.export" to see the file chooser. */
  if (g_getenv ("DLB_MEMO_PAGE_ACTION") != NULL)
    gtk_widget_activate_action (page, g_getenv ("DLB_MEMO_PAGE_ACTION"), NULL);
  g_main_loop_run (loop);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_getenv ("DLB_TEST_REQUIRE_DISPLAY") != NULL)
        {
          g_printerr ("test-memo-page: no display, but DLB_TEST_REQUIRE_DISPLAY is set: run it under xvfb-run\n");
          return 1;
        }
      g_test_add_func ("/app/memo-page/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  if (g_getenv ("DLB_MEMO_PAGE_SHOW") != NULL)
    return show_for_a_look (g_getenv ("DLB_MEMO_PAGE_SHOW"));

  g_test_add_func ("/app/memo-page/same-pages", test_same_pages);
  g_test_add_func ("/app/memo-page/export-and-print", test_export_and_print);
  g_test_add_func ("/app/memo-page/print-repaginates", test_print_repaginates);
  g_test_add_func ("/app/memo-page/find", test_find);
  g_test_add_func ("/app/memo-page/follows-the-case", test_follows_the_case);
  g_test_add_func ("/app/memo-page/writes-in-background", test_writes_in_background);
  g_test_add_func ("/app/memo-page/navigation-and-zoom", test_navigation_and_zoom);
  g_test_add_func ("/app/memo-page/narrow", test_narrow);
  g_test_add_func ("/app/memo-page/long-document", test_long_document);
  g_test_add_func ("/app/memo-page/export-off-screen", test_export_off_screen);
  g_test_add_func ("/app/memo-page/paper-setting", test_paper_setting);
  g_test_add_func ("/app/memo-page/brief-choice", test_brief_choice);
  g_test_add_func ("/app/memo-page/no-case", test_no_case);
  g_test_add_func ("/app/memo-page/outdated-export", test_outdated_export);

  return g_test_run ();
}
