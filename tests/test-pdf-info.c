/* test-pdf-info.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>

#include "dlb-memo.h"
#include "dlb-pdf-info.h"

/* The document information as Deliberate writes it and as other programs
 * may leave it, and files that only look like PDFs. */

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A one-page PDF from Cairo, as the memo is written. */
static GBytes *
cairo_pdf (const char *title,
           const char *keywords)
{
  GString *out = g_string_new (NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_string, out, 200, 200);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (keywords != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
  cairo_rectangle (cr, 10, 10, 50, 50);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_string_free_to_bytes (out);
}

static char *
read_info (GBytes     *pdf,
           const char *key)
{
  return dlb_pdf_read_info (pdf, key);
}

static char *
read_info_text (const char *pdf,
                const char *key)
{
  g_autoptr(GBytes) bytes = g_bytes_new (pdf, strlen (pdf));

  return dlb_pdf_read_info (bytes, key);
}

/* A small PDF written by hand: objects are given as text, the cross-
 * reference table is computed. @info is the body of object 3. */
static GString *
hand_pdf (const char *info)
{
  GString *out = g_string_new ("%PDF-1.4\n");
  gsize offsets[4];

  offsets[1] = out->len;
  g_string_append (out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = out->len;
  g_string_append (out, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
  offsets[3] = out->len;
  g_string_append_printf (out, "3 0 obj\n%s\nendobj\n", info);
  offsets[0] = out->len;
  g_string_append (out, "xref\n0 4\n0000000000 65535 f \n");
  for (guint i = 1; i < 4; i++)
    g_string_append_printf (out, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (out, "trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R >>\nstartxref\n%"
                          G_GSIZE_FORMAT "\n%%%%EOF\n", offsets[0]);
  return out;
}

/* Appends an incremental update that redefines object 3. */
static void
append_update (GString    *pdf,
               const char *info,
               gsize       previous_xref)
{
  gsize object = pdf->len;
  gsize xref;

  g_string_append_printf (pdf, "3 0 obj\n%s\nendobj\n", info);
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 1\n0000000000 65535 f \n3 1\n%010" G_GSIZE_FORMAT " 00000 n \n",
                          object);
  g_string_append_printf (pdf, "trailer\n<< /Size 4 /Root 1 0 R /Info 3 0 R /Prev %" G_GSIZE_FORMAT
                          " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", previous_xref, xref);
}

/* Cairo's streams hold NUL bytes: the string functions would stop there. */
static const char *
find_last (GString    *pdf,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = pdf->len - n + 1; i-- > 0;)
    if (memcmp (pdf->str + i, needle, n) == 0)
      return pdf->str + i;
  return NULL;
}

static gsize
last_startxref (GString *pdf)
{
  const char *at = find_last (pdf, "startxref");

  g_assert_nonnull (at);
  return (gsize) g_ascii_strtoull (at + strlen ("startxref"), NULL, 10);
}

static void
test_cairo (void)
{
  g_autoptr(GBytes) pdf = cairo_pdf ("Ring × CPD — décision ☂", "deliberate-memo=1; sha256=ab");
  g_autofree char *title = read_info (pdf, "Title");
  g_autofree char *keywords = read_info (pdf, "Keywords");
  g_autofree char *missing = read_info (pdf, "Subject");
  g_autofree char *prefix = read_info (pdf, "Key");

  g_assert_cmpstr (title, ==, "Ring × CPD — décision ☂");
  g_assert_cmpstr (keywords, ==, "deliberate-memo=1; sha256=ab");
  g_assert_null (missing);
  g_assert_null (prefix);
}

static void
test_strings (void)
{
  struct {
    const char *info;
    const char *expected;
  } cases[] = {
    { "<< /Keywords (plain) >>", "plain" },
    { "<< /Keywords (a \\(b\\) \\\\ c) >>", "a (b) \\ c" },
    { "<< /Keywords (nested (parens) stay) >>", "nested (parens) stay" },
    { "<< /Keywords (tab\\tnew\\nline) >>", "tab\tnew\nline" },
    { "<< /Keywords (octal \\101\\102C \\0618) >>", "octal ABC 18" },
    { "<< /Keywords (joined \\\nline) >>", "joined line" },
    { "<< /Keywords (caf\\351) >>", "café" },
    { "<< /Keywords (\\200 bullet) >>", "• bullet" },
    { "<< /Keywords <FEFF00630061006600E9> >>", "café" },
    { "<< /Keywords <FEFF D83D DE80> >>", "🚀" },
    { "<< /Keywords <6869 7> >>", "hip" },
    { "<< /Keywords <EFBBBF636166C3A9> >>", "café" },
    { "<< /Keywords () >>", "" },
    /* Other entries, of every kind, before the one asked for. */
    { "<< /Title (x) /Nested << /Keywords (no) >> /Array [1 (no) /Keywords] "
      "/Ref 12 0 R /Num -1.5 /Bool true /Keywords (yes) >>", "yes" },
    { "<< % a comment /Keywords (no)\n /Keywords (after comment) >>", "after comment" },
    /* Not strings, or not well formed. */
    { "<< /Keywords /Name >>", NULL },
    { "<< /Keywords 42 >>", NULL },
    { "<< /Keywords (unterminated >>", NULL },
    { "<< /Keywords <FEFFD800> >>", NULL },
    { "<< /Keywords <FEFF00410000> >>", NULL },
    { "<< /Keywords (nul\\000) >>", NULL },
    { "<< /Keywords <zz> >>", NULL },
    { "<< /Title (x) >>", NULL },
    { "not a dictionary", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) pdf = hand_pdf (cases[i].info);
      g_autofree char *value = read_info_text (pdf->str, "Keywords");

      g_test_message ("%s", cases[i].info);
      g_assert_cmpstr (value, ==, cases[i].expected);
    }
}

/* A string kept in an object of its own. */
static void
test_indirect_string (void)
{
  const char *pages = "<< /Type /Pages /Kids [] /Count 0 >>";
  g_autoptr(GString) pdf = hand_pdf ("<< /Keywords 2 0 R >>");
  g_autofree char *string = g_strdup_printf ("%-*s", (int) strlen (pages), "(indirect)");
  g_autofree char *value = NULL;
  char *at = strstr (pdf->str, pages);

  /* Object 2 becomes a string of the same length: the offsets hold. */
  g_assert_nonnull (at);
  memcpy (at, string, strlen (pages));
  value = read_info_text (pdf->str, "Keywords");
  g_assert_cmpstr (value, ==, "indirect");
}

/* A later update wins: the last trailer and the newest definition of
 * the information dictionary. */
static void
test_incremental_update (void)
{
  g_autoptr(GString) pdf = hand_pdf ("<< /Keywords (first) >>");
  g_autofree char *value = NULL;
  g_autofree char *again = NULL;

  append_update (pdf, "<< /Keywords (second) >>", last_startxref (pdf));
  value = read_info_text (pdf->str, "Keywords");
  g_assert_cmpstr (value, ==, "second");

  /* A third update whose section does not list object 3: the second
   * section's entry still stands. */
  {
    gsize previous = last_startxref (pdf);
    gsize xref = pdf->len;

    g_string_append_printf (pdf, "xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 4 /Prev %"
                            G_GSIZE_FORMAT " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                            previous, xref);
  }
  again = read_info_text (pdf->str, "Keywords");
  g_assert_cmpstr (again, ==, "second");
}

/* Cairo's memo, updated by another program. */
static void
test_cairo_updated (void)
{
  g_autoptr(GBytes) original = cairo_pdf ("Memo", "deliberate-memo=1; sha256=old");
  g_autoptr(GString) pdf = g_string_new_len (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  g_autofree char *info = NULL;
  g_autofree char *value = NULL;
  guint64 number;
  const char *at;

  /* Which object Cairo made the information dictionary. */
  at = find_last (pdf, "/Info ");
  g_assert_nonnull (at);
  number = g_ascii_strtoull (at + strlen ("/Info "), NULL, 10);
  {
    gsize object = pdf->len;
    gsize previous = last_startxref (pdf);
    gsize xref;

    g_string_append_printf (pdf, "%" G_GUINT64_FORMAT " 0 obj\n<< /Title (Memo) /Keywords (new) >>\nendobj\n",
                            number);
    xref = pdf->len;
    g_string_append_printf (pdf, "xref\n%" G_GUINT64_FORMAT " 1\n%010" G_GSIZE_FORMAT " 00000 n \n"
                            "trailer\n<< /Size %" G_GUINT64_FORMAT " /Info %" G_GUINT64_FORMAT
                            " 0 R /Prev %" G_GSIZE_FORMAT " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                            number, object, number + 1, number, previous, xref);
  }
  {
    g_autoptr(GBytes) bytes = g_bytes_new (pdf->str, pdf->len);

    value = read_info (bytes, "Keywords");
  }
  g_assert_cmpstr (value, ==, "new");
}

/* A cross-reference stream cannot be read without inflating it, so the
 * newest definition in the file is taken. */
static void
test_xref_stream (void)
{
  const char *pdf =
    "%PDF-1.5\n"
    "3 0 obj\n<< /Keywords (old) >>\nendobj\n"
    "3 0 obj\n<< /Keywords (newest) >>\nendobj\n"
    "9 0 obj\n<< /Type /XRef /Size 10 /Info 3 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n"
    "startxref\n70\n%%EOF\n";
  g_autofree char *value = NULL;
  g_autofree char *offset = g_strdup_printf ("%d", (int) (strstr (pdf, "9 0 obj") - pdf));
  g_autofree char *fixed = NULL;
  g_auto(GStrv) parts = g_strsplit (pdf, "startxref\n70", 2);

  fixed = g_strconcat (parts[0], "startxref\n", offset, parts[1], NULL);
  value = read_info_text (fixed, "Keywords");
  g_assert_cmpstr (value, ==, "newest");
}

/* Nothing a file holds makes the reader crash, hang or read outside it. */
static void
test_garbage (void)
{
  g_autoptr(GBytes) good = cairo_pdf ("Memo", "deliberate-memo=1");
  gsize size = g_bytes_get_size (good);
  const guchar *data = g_bytes_get_data (good, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  const char *hostile[] = {
    "",
    "%PDF",
    "%PDF-1.4\nstartxref\n",
    "%PDF-1.4\nstartxref\n999999999999999999999\n%%EOF",
    "%PDF-1.4\nstartxref\n-5\n%%EOF",
    "%PDF-1.4\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\n0 99999999999\ntrailer << /Info 1 0 R >>\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /Prev 9 >>\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /Info 1 0 R >>\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /Info 1 0 R >>\n1 0 obj << /Keywords (loop\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /Info 1 0 R >>\n1 0 obj << /Keywords 1 0 R >>\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /Info 1 0 R >>\n1 0 obj 1 0 R\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\n0 1\n0000000999 00000 n \ntrailer << /Info 0 0 R >>\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer <<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<"
      "<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<< >>\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /A [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ /Info 1 0 R"
      "\nstartxref\n9\n%%EOF",
    "%PDF-1.4\nxref\ntrailer << /Info 1 0 R /Prev 9 >>\n1 0 obj << /Keywords <FEFF\nstartxref\n9\n%%EOF",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *value = read_info_text (hostile[i], "Keywords");

      g_assert_null (value);
    }

  /* Every cut of a real file: none may read past its end. Copies on the
   * heap, so a sanitizer build sees any overread. */
  for (gsize n = 0; n < size; n += 1 + n / 64)
    {
      g_autoptr(GBytes) cut = g_bytes_new (data, n);
      g_autofree char *value = read_info (cut, "Keywords");

      g_assert_true (value == NULL || g_str_equal (value, "deliberate-memo=1"));
    }

  /* Random bytes in place of some of a real file's. */
  for (guint round = 0; round < 300; round++)
    {
      g_autofree guchar *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *value = NULL;

      for (guint k = 0; k < 1 + round % 8; k++)
        copy[g_rand_int_range (rand, 0, (gint32) size)] = (guchar) g_rand_int_range (rand, 0, 256);
      bytes = g_bytes_new (copy, size);
      value = read_info (bytes, "Keywords");
      g_assert_true (value == NULL || g_utf8_validate (value, -1, NULL));
    }
}

/* The stamp in the keywords: written, read back, and refused when it is
 * not one. */
static void
test_stamp_keywords (void)
{
  const char *sha = "1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd";
  g_autoptr(DlbMemoStamp) stamp = dlb_memo_stamp_new (sha, "662d254784087a6ea7bdb348e09fc620", 7);
  g_autoptr(DlbMemoStamp) bare = dlb_memo_stamp_new (sha, NULL, -1);
  g_autofree char *keywords = dlb_memo_stamp_to_keywords (stamp);
  g_autofree char *bare_keywords = dlb_memo_stamp_to_keywords (bare);
  g_autofree char *short_form = dlb_memo_stamp_dup_short (stamp);
  g_autoptr(DlbMemoStamp) back = NULL;
  g_autoptr(DlbMemoStamp) bare_back = NULL;
  g_autoptr(DlbMemoStamp) later = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(DlbMemoStamp) from_pdf = NULL;
  const char *refused[] = {
    "",
    "sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd",
    "deliberate-memo=2; sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd",
    "deliberate-memo=1; sha256=1c80",
    "deliberate-memo=1; sha256=1C802382F30B39891F1C7E714386835DB95C22294C96DA1708B29513AA77E4BD",
    "deliberate-memo=1; sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd; journal=-1",
    "deliberate-memo=1; sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd; case=not hex",
  };

  g_assert_cmpstr (keywords, ==, "deliberate-memo=1; sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd; "
                   "case=662d254784087a6ea7bdb348e09fc620; journal=7");
  g_assert_cmpstr (bare_keywords, ==, "deliberate-memo=1; sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd");
  g_assert_cmpstr (short_form, ==, "1c802382f30b");

  back = dlb_memo_stamp_from_keywords (keywords);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->fingerprint, ==, sha);
  g_assert_cmpstr (back->case_identity, ==, "662d254784087a6ea7bdb348e09fc620");
  g_assert_cmpint (back->journal_position, ==, 7);

  bare_back = dlb_memo_stamp_from_keywords (bare_keywords);
  g_assert_nonnull (bare_back);
  g_assert_null (bare_back->case_identity);
  g_assert_cmpint (bare_back->journal_position, ==, -1);

  /* Entries a later version adds are skipped. */
  later = dlb_memo_stamp_from_keywords ("  deliberate-memo=1 ;other=x; sha256=1c802382f30b39891f1c7e714386835db95c22294c96da1708b29513aa77e4bd;;");
  g_assert_nonnull (later);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(DlbMemoStamp) none = dlb_memo_stamp_from_keywords (refused[i]);

      g_test_message ("%s", refused[i]);
      g_assert_null (none);
    }

  pdf = cairo_pdf ("Memo", keywords);
  from_pdf = dlb_memo_read_stamp (pdf);
  g_assert_nonnull (from_pdf);
  g_assert_cmpint (from_pdf->journal_position, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/pdf-info/cairo", test_cairo);
  g_test_add_func ("/core/pdf-info/strings", test_strings);
  g_test_add_func ("/core/pdf-info/indirect-string", test_indirect_string);
  g_test_add_func ("/core/pdf-info/incremental-update", test_incremental_update);
  g_test_add_func ("/core/pdf-info/cairo-updated", test_cairo_updated);
  g_test_add_func ("/core/pdf-info/xref-stream", test_xref_stream);
  g_test_add_func ("/core/pdf-info/garbage", test_garbage);
  g_test_add_func ("/core/memo/stamp-keywords", test_stamp_keywords);

  return g_test_run ();
}
