/* test-memo.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dlb-entity-private.h"
#include "dlb-memo.h"

#define FIXED_DATE 1575244800  /* 2 December 2019 */
#define EPSILON 0.6

static void
append (DlbCase  *c,
        gpointer  entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_case_append (c, DLB_ENTITY (entity), &error));
  g_assert_no_error (error);
  g_object_unref (entity);
}

static void
add_score (DlbCase    *c,
           const char *option,
           const char *criterion,
           double      value)
{
  DlbScore *s = dlb_score_new (option, criterion);

  _dlb_entity_set_double (DLB_ENTITY (s), DLB_SCORE_VALUE, value);
  _dlb_entity_set_double (DLB_ENTITY (s), DLB_SCORE_LOW, MAX (value - 1, 0));
  _dlb_entity_set_double (DLB_ENTITY (s), DLB_SCORE_HIGH, MIN (value + 1, 10));
  append (c, s);
}

static DlbCase *
make_case (void)
{
  DlbCase *c = dlb_case_new ();
  DlbFinding *f;
  DlbOption *o;
  DlbPerspective *p;
  const char *sources[] = { "s-markey", NULL };
  const char *resolves[] = { "f-retention", NULL };

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_TITLE, "Doorbell camera partnership");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_QUESTION, "Should the police department partner with the vendor?");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_TO, "Chief Information Office");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_FROM, "Test Advisor");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_SUBJECT, "Doorbell partnership");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_MEMO_DATE, "2019-12-02");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_BACKGROUND,
                          "The department wants footage.\n\nResidents are wary & want <limits>.");
  _dlb_entity_set_enum (DLB_ENTITY (c), DLB_CASE_PAPER_SIZE, DLB_PAPER_LETTER);

  append (c, g_object_new (DLB_TYPE_SOURCE, "id", "s-markey", "label", "Markey investigation",
                           "citation", "Letter to Amazon, 2019.", "url", "https://example.org/markey", NULL));
  append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", "mayor", "name", "Mayor’s office", "power", 5,
                           "interest", 5, "stance", -1, "concern", "Reform and accountability.", NULL));
  append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", "aclu", "name", "Civil liberties union", "power", 3,
                           "interest", 5, "stance", -2, "consulted", TRUE, NULL));
  append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", "vendor", "name", "Camera vendor", "power", 4,
                           "interest", 4, "stance", 2, NULL));

  f = g_object_new (DLB_TYPE_FINDING, "id", "f-retention", "title", "Footage kept for ever",
                    "detail", "No retention limit.", "condition", "Delete footage within 30 days.",
                    "severity", 3, "likelihood", 4, NULL);
  _dlb_entity_set_strv (DLB_ENTITY (f), DLB_FINDING_SOURCES, sources);
  _dlb_entity_set_enum (DLB_ENTITY (f), DLB_FINDING_STATUS, DLB_FINDING_CONDITION_REQUIRED);
  append (c, f);
  append (c, g_object_new (DLB_TYPE_FINDING, "id", "f-biometrics", "title", "Biometric data may be sold",
                           "severity", 4, "likelihood", 2, NULL));

  append (c, g_object_new (DLB_TYPE_ITEM, "id", "o-theft", "title", "Less package theft",
                           "likelihood", 3, "impact", 2, NULL));
  {
    DlbItem *risk = g_object_new (DLB_TYPE_ITEM, "id", "r-trust", "title", "Loss of community trust",
                                  "likelihood", 4, "impact", 5, NULL);
    _dlb_entity_set_enum (DLB_ENTITY (risk), DLB_ITEM_KIND, DLB_ITEM_RISK);
    append (c, risk);
  }

  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "privacy", "name", "Citizen privacy", "weight", 60.0, NULL));
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "crime", "name", "Crime reduction", "weight", 40.0, NULL));

  o = g_object_new (DLB_TYPE_OPTION, "id", "enter", "name", "Enter under conditions", NULL);
  _dlb_entity_set_strv (DLB_ENTITY (o), DLB_OPTION_RESOLVES, resolves);
  append (c, o);
  append (c, g_object_new (DLB_TYPE_OPTION, "id", "decline", "name", "Decline the partnership", NULL));

  add_score (c, "enter", "privacy", 3);
  add_score (c, "enter", "crime", 9);
  add_score (c, "decline", "privacy", 8);
  add_score (c, "decline", "crime", 2);

  p = g_object_new (DLB_TYPE_PERSPECTIVE, "id", "p-union", "name", "Civil liberties union", "stakeholder", "aclu", NULL);
  _dlb_entity_set_variant (DLB_ENTITY (p), DLB_PERSPECTIVE_WEIGHTS,
                           g_variant_new_parsed ("{'privacy': 90.0, 'crime': 10.0}"));
  append (c, p);
  return c;
}

static DlbResult *
analyze (DlbCase *c)
{
  DlbEngineOptions options;

  dlb_engine_options_init (&options);
  options.draws = 400;
  return dlb_engine_analyze (c, &options);
}

static DlbDocument *
build_memo (DlbCase  *c,
            gboolean  brief)
{
  g_autoptr(DlbResult) result = analyze (c);
  DlbMemoOptions opts;

  dlb_memo_options_init (&opts);
  opts.date = FIXED_DATE;
  opts.brief = brief;
  return dlb_memo_build (c, result, &opts);
}

static DlbDocument *
build (DlbCase *c)
{
  return build_memo (c, FALSE);
}

static char *
write_pdf (DlbDocument *doc,
           const char  *name)
{
  g_autofree char *dir = g_dir_make_tmp ("dlb-memo-XXXXXX", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_memo_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

static void
remove_pdf (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

/* The memo's text from the heading @from to the next of @to (or the
 * end), as a reader's tools see it in the PDF; NULL without pdftotext. */
static char *
section_text (DlbDocument *doc,
              const char  *from,
              const char  *to)
{
  g_autofree char *tool = g_find_program_in_path ("pdftotext");
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *start, *end;

  if (tool == NULL)
    return NULL;
  path = write_pdf (doc, "memo.pdf");
  {
    const char *argv[] = { tool, path, "-", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &out, NULL, &status, &error));
  }
  g_assert_no_error (error);
  remove_pdf (path);
  start = strstr (out, from);
  g_assert_nonnull (start);
  end = to != NULL ? strstr (start + 1, to) : NULL;
  return end != NULL ? g_strndup (start, (gsize) (end - start)) : g_strdup (start);
}

/* The text of the recommendation section; NULL (and the test skipped)
 * without pdftotext. */
static char *
recommendation_text (DlbDocument *doc)
{
  return section_text (doc, "\nRecommendation\n", "\nBackground\n");
}

/* Conditions appear as conditions only when the conditional option is
 * recommended; under a decline the open findings are its reasons and the
 * first step is to carry the decision out. */
static void
test_next_steps_follow_decision (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) declined = build (c);
  g_autoptr(DlbDocument) conditional = NULL;
  g_autofree char *text = section_text (declined, "\nNext steps\n", "\nSources\n");
  g_autofree char *text2 = NULL;

  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Carry out the recommendation, “Decline the partnership”"));
  g_assert_nonnull (strstr (text, "rests on"));
  g_assert_null (strstr (text, "Delete footage within 30 days."));

  _dlb_entity_set_double (DLB_ENTITY (dlb_case_lookup (c, "privacy")), DLB_CRITERION_WEIGHT, 20);
  _dlb_entity_set_double (DLB_ENTITY (dlb_case_lookup (c, "crime")), DLB_CRITERION_WEIGHT, 80);
  conditional = build (c);
  text2 = section_text (conditional, "\nConditions and next steps\n", "\nSources\n");
  g_assert_nonnull (strstr (text2, "Delete footage within 30 days."));
  g_assert_null (strstr (text2, "Carry out the recommendation"));
  g_assert_null (strstr (text2, "rests on"));

  /* A tie recommends nothing: no option's steps, each open finding a
   * decision still to make. */
  {
    g_autoptr(DlbDocument) tied = NULL;
    g_autofree char *steps = NULL;
    g_autofree char *rec = NULL;

    _dlb_entity_set_double (DLB_ENTITY (dlb_case_lookup (c, "privacy")), DLB_CRITERION_WEIGHT, 7);
    _dlb_entity_set_double (DLB_ENTITY (dlb_case_lookup (c, "crime")), DLB_CRITERION_WEIGHT, 5);
    tied = build (c);
    rec = recommendation_text (tied);
    steps = section_text (tied, "\nRecommendation\n", NULL);
    g_assert_nonnull (strstr (rec, "Tied for first: Enter under conditions and Decline the partnership"));
    g_assert_null (strstr (rec, "It requires"));
    g_assert_null (strstr (rec, "Delete footage within 30 days."));
    g_assert_null (strstr (rec, "agree with the recommendation"));
    g_assert_nonnull (strstr (rec, "Enter under conditions ranks first in"));
    g_assert_null (strstr (steps, "Carry out the recommendation"));
  }
}

static void
test_recommendation_follows_weights (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) doc = build (c);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DlbDocument) doc2 = NULL;

  g_assert_cmpint (dlb_document_get_n_pages (doc), >=, 2);
  g_assert_cmpfloat (dlb_document_get_page_width (doc), ==, DLB_PAPER_LETTER_WIDTH);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "recommendation"), ==, 0);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "sources"), >=, 0);

  before = recommendation_text (doc);
  if (before == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (before, "Recommended: Decline the partnership"));

  /* Crime reduction now matters most: entering wins, and the memo says so. */
  _dlb_entity_set_double (DLB_ENTITY (dlb_case_lookup (c, "privacy")), DLB_CRITERION_WEIGHT, 20);
  _dlb_entity_set_double (DLB_ENTITY (dlb_case_lookup (c, "crime")), DLB_CRITERION_WEIGHT, 80);
  doc2 = build (c);
  after = recommendation_text (doc2);
  g_assert_nonnull (strstr (after, "Recommended: Enter under conditions"));
  g_assert_null (strstr (after, "Recommended: Decline"));
  /* A conditional option lists the condition from the finding it resolves. */
  g_assert_nonnull (strstr (after, "Delete footage within 30 days."));
}

static void
test_override (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) doc = NULL;
  g_autofree char *text = NULL;

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_RECOMMENDATION, "enter");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_JUSTIFICATION, "The council already voted for it.");
  doc = build (c);
  text = recommendation_text (doc);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Enter under conditions"));
  g_assert_nonnull (strstr (text, "Decline the partnership"));
  g_assert_nonnull (strstr (text, "The council already voted for it."));
}

static void
test_no_winner (void)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autoptr(DlbDocument) doc = NULL;
  g_autofree char *text = NULL;

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_TITLE, "Empty case");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_BACKGROUND, "Nothing yet.");
  doc = build (c);
  g_assert_cmpint (dlb_document_get_n_pages (doc), ==, 1);
  text = recommendation_text (doc);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "No recommendation"));
}

static void
test_byte_identical (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) a = build (c);
  g_autoptr(DlbDocument) b = build (c);
  g_autofree char *pa = write_pdf (a, "a.pdf");
  g_autofree char *pb = write_pdf (b, "b.pdf");
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;
  gsize la, lb;

  g_assert_true (g_file_get_contents (pa, &ca, &la, NULL));
  g_assert_true (g_file_get_contents (pb, &cb, &lb, NULL));
  g_assert_cmpmem (ca, la, cb, lb);
  g_assert_nonnull (memmem (ca, la, "/Title", 6));
  remove_pdf (pa);
  remove_pdf (pb);
}

static void
test_paper (void)
{
  g_autoptr(DlbCase) c = make_case ();

  g_assert_cmpint (dlb_memo_paper_for_locale ("en_US.UTF-8"), ==, DLB_PAPER_LETTER);
  g_assert_cmpint (dlb_memo_paper_for_locale ("fr_CA"), ==, DLB_PAPER_LETTER);
  g_assert_cmpint (dlb_memo_paper_for_locale ("es_MX.UTF-8"), ==, DLB_PAPER_LETTER);
  g_assert_cmpint (dlb_memo_paper_for_locale ("de_DE.UTF-8"), ==, DLB_PAPER_A4);
  g_assert_cmpint (dlb_memo_paper_for_locale ("en_GB"), ==, DLB_PAPER_A4);
  g_assert_cmpint (dlb_memo_paper_for_locale ("C"), ==, DLB_PAPER_A4);

  /* The case's choice wins over the preference; "auto" follows it. */
  g_assert_cmpint (dlb_memo_resolve_paper (c, DLB_PAPER_A4), ==, DLB_PAPER_LETTER);
  _dlb_entity_set_enum (DLB_ENTITY (c), DLB_CASE_PAPER_SIZE, DLB_PAPER_AUTO);
  g_assert_cmpint (dlb_memo_resolve_paper (c, DLB_PAPER_A4), ==, DLB_PAPER_A4);
  g_assert_cmpint (dlb_memo_resolve_paper (c, DLB_PAPER_LETTER), ==, DLB_PAPER_LETTER);
}

/* A case of @n_options options and @n_criteria criteria, every option
 * scored on every criterion. */
static DlbCase *
make_sized_case (guint n_options,
                 guint n_criteria)
{
  DlbCase *c = dlb_case_new ();

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_TITLE, "Sized case");
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_QUESTION, "Which option?");
  for (guint k = 0; k < n_criteria; k++)
    {
      g_autofree char *id = g_strdup_printf ("c%u", k);
      g_autofree char *name = g_strdup_printf ("Criterion %u", k + 1);
      append (c, g_object_new (DLB_TYPE_CRITERION, "id", id, "name", name, "weight", 1.0 + k % 4, NULL));
    }
  for (guint o = 0; o < n_options; o++)
    {
      g_autofree char *id = g_strdup_printf ("o%u", o);
      g_autofree char *name = g_strdup_printf ("Option named %u", o + 1);
      append (c, g_object_new (DLB_TYPE_OPTION, "id", id, "name", name, NULL));
      for (guint k = 0; k < n_criteria; k++)
        {
          g_autofree char *cid = g_strdup_printf ("c%u", k);
          add_score (c, id, cid, (o * 7 + k * 3) % 11);
        }
    }
  return c;
}

/* Every size of case exports whole: the matrix splits into groups of
 * options, each repeating the criteria, and every option has its bar. */
static void
test_sizes (void)
{
  static const guint sizes[][2] = { { 1, 1 }, { 3, 9 }, { 30, 10 }, { 40, 20 }, { 60, 60 }, { 3, 60 }, { 60, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      guint n_opt = sizes[i][0], n_crit = sizes[i][1];
      g_autoptr(DlbCase) c = make_sized_case (n_opt, n_crit);
      g_autoptr(DlbDocument) doc = build (c);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *last = NULL;
      g_autofree char *flat = NULL;

      g_test_message ("%u options, %u criteria", n_opt, n_crit);
      g_assert_true (dlb_document_check (doc, &error));
      g_assert_no_error (error);
      text = section_text (doc, "\nDecision matrix\n", NULL);
      if (text == NULL)
        {
          g_test_skip ("pdftotext is not installed");
          return;
        }
      g_assert_nonnull (strstr (text, "Sensitivity and perspectives"));
      g_assert_nonnull (strstr (text, "Criterion 1\n"));
      {
        g_autofree char *crit = g_strdup_printf ("Criterion %u\n", n_crit);
        g_assert_nonnull (strstr (text, crit));
      }
      /* Every option has its bar, described in a figure's alternative
       * text, and its column in the matrix. */
      {
        g_auto(GStrv) alts = dlb_document_dup_alt_texts (doc);

        flat = g_strjoinv (" ", alts);
      }
      for (guint o = 0; o < n_opt; o++)
        {
          g_autofree char *bar = g_strdup_printf ("Option named %u totals", o + 1);
          g_autofree char *column = g_strdup_printf ("Option named %u\n", o + 1);
          g_assert_nonnull (strstr (flat, bar));
          g_assert_nonnull (strstr (text, column));
        }
      {
        guint n_groups = (n_opt + 5) / 6;
        last = g_strdup_printf ("Options %u–%u of %u", (n_groups - 1) * n_opt / n_groups + 1, n_opt, n_opt);
      }
      if (n_opt > 6)
        g_assert_nonnull (strstr (text, last));
      else
        g_assert_null (strstr (text, "Options 1–"));
    }
}

static void
test_hard_text (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  g_autoptr(DlbDocument) doc = NULL;
  double ax, ay, aw, ah;
  int n;

  while (huge->len < 5000)
    g_string_append (huge, "Footage is kept for ever and shared without consent, say residents. ");
  for (int i = 0; i < 200; i++)
    g_string_append_c (word, 'a' + i % 26);

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("extra-%d", i);
      g_autofree char *name = g_strdup_printf ("Neighbourhood association %d", i + 1);
      const char *concern = i == 0 ? huge->str
                          : i == 1 ? word->str
                          : i == 2 ? "يخشى السكان أن تُحفظ التسجيلات إلى الأبد."
                          : i == 3 ? "居民担心录像会被永久保存。"
                          : i == 4 ? "Cameras 🔔📹 everywhere 🏙️"
                          : "Wants <b>limits</b> & oversight.";
      append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", id, "name", i == 1 ? word->str : name,
                               "power", 1 + i % 5, "interest", 1 + (i / 5) % 5, "stance", i % 5 - 2,
                               "concern", concern, NULL));
    }
  doc = build (c);
  n = dlb_document_get_n_pages (doc);
  g_assert_cmpint (n, >, 10);

  dlb_document_get_text_area (doc, &ax, &ay, &aw, &ah);
  for (int p = 0; p < n; p++)
    {
      g_autoptr(GArray) boxes = dlb_document_get_boxes (doc, p);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 61, 79);
      cairo_t *cr = cairo_create (surface);
      g_autoptr(GError) error = NULL;

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
      g_assert_true (dlb_document_draw_page (doc, cr, p, 61, 79, &error));
      g_assert_no_error (error);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  {
    g_autofree char *path = write_pdf (doc, "hard.pdf");
    remove_pdf (path);
  }
}

static void
test_stream (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) doc = build (c);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) small = NULL;
  g_autoptr(GError) error = NULL;
  gpointer buffer = g_malloc (4096);

  g_assert_true (dlb_memo_write_pdf_stream (doc, memory, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, NULL));
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)), >, 4096);

  /* A stream that fills up: the write fails with an error, not a crash. */
  small = g_memory_output_stream_new (buffer, 4096, NULL, g_free);
  g_assert_false (dlb_memo_write_pdf_stream (doc, small, NULL, &error));
  g_assert_nonnull (error);
}

/* The appendix gives every score with its range, its reason and its
 * evidence, numbered as the memo numbers findings, items and sources;
 * a score without a reason or evidence, or a pair not scored, says so. */
static void
test_evidence_appendix (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) doc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *header = NULL;
  DlbEntity *scored = DLB_ENTITY (dlb_case_get_score (c, "enter", "privacy"));
  const char *findings[] = { "f-retention", "f-gone", NULL };
  const char *items[] = { "r-trust", "o-theft", NULL };
  const char *sources[] = { "s-markey", NULL };

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_OFFICE, "Office of Community Relations");
  _dlb_entity_set_string (scored, DLB_SCORE_RATIONALE, "Footage is kept <forever> & shared.");
  _dlb_entity_set_strv (scored, DLB_SCORE_FINDINGS, findings);
  _dlb_entity_set_strv (scored, DLB_SCORE_ITEMS, items);
  _dlb_entity_set_strv (scored, DLB_SCORE_SOURCES, sources);
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "trust", "name", "Community trust", "weight", 10.0, NULL));
  add_score (c, "enter", "trust", 4);
  append (c, g_object_new (DLB_TYPE_OPTION, "id", "study", "name", "Commission a study", NULL));

  doc = build (c);
  /* An appendix: after the sources the memo's numbers refer to. */
  g_assert_cmpint (dlb_document_get_dest_page (doc, "scores-evidence"), >=,
                   dlb_document_get_dest_page (doc, "sources"));
  text = section_text (doc, "\nScores and evidence\n", NULL);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (text, "Enter under conditions"));
  g_assert_nonnull (strstr (text, "Decline the partnership"));
  g_assert_nonnull (strstr (text, "Footage is kept <forever> & shared."));
  g_assert_nonnull (strstr (text, "Finding 1 · Opportunity O1 · Risk R1 · Source [1]"));
  g_assert_nonnull (strstr (text, "2.0 – 4.0"));
  g_assert_nonnull (strstr (text, "No rationale is recorded for this score."));
  g_assert_nonnull (strstr (text, "No evidence is linked to this score."));
  g_assert_nonnull (strstr (text, "Not scored: counts as 0."));
  g_assert_nonnull (strstr (text, "Commission a study\nNot scored on any criterion yet."));

  header = section_text (doc, "FROM:", "SUBJECT:");
  g_assert_nonnull (strstr (header, "Office of Community Relations"));
}

/* The case's notes are printed only when the case marks them for the
 * memo, and only when there are notes to print. */
static void
test_notes (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) off = NULL;
  g_autoptr(DlbDocument) on = NULL;
  g_autoptr(DlbDocument) empty = NULL;
  g_autofree char *text = NULL;

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_NOTES, "The weights are the analyst’s estimates.\n\nAsk the vendor.");
  off = build (c);
  g_assert_cmpint (dlb_document_get_dest_page (off, "case-notes"), ==, -1);

  _dlb_entity_set_boolean (DLB_ENTITY (c), DLB_CASE_MEMO_NOTES, TRUE);
  on = build (c);
  g_assert_cmpint (dlb_document_get_dest_page (on, "case-notes"), >=, 0);
  text = section_text (on, "\nCase notes\n", "\nSources\n");
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "The weights are the analyst’s estimates."));
      g_assert_nonnull (strstr (text, "Ask the vendor."));
    }

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_NOTES, "");
  empty = build (c);
  g_assert_cmpint (dlb_document_get_dest_page (empty, "case-notes"), ==, -1);
}

/* The brief memo: the recommendation, its main reasons in the scores'
 * own words, the next steps and only the sources those reasons cite,
 * numbered as in the full memo. */
static void
test_brief (void)
{
  g_autoptr(DlbCase) c = make_case ();
  g_autoptr(DlbDocument) doc = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *sources = NULL;
  DlbEntity *scored = DLB_ENTITY (dlb_case_get_score (c, "decline", "privacy"));
  const char *cited[] = { "s-markey", NULL };

  append (c, g_object_new (DLB_TYPE_SOURCE, "id", "s-other", "label", "Uncited report", NULL));
  _dlb_entity_set_string (scored, DLB_SCORE_RATIONALE, "No footage reaches the police through the city.");
  _dlb_entity_set_strv (scored, DLB_SCORE_SOURCES, cited);
  _dlb_entity_set_boolean (DLB_ENTITY (c), DLB_CASE_MEMO_NOTES, TRUE);
  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_NOTES, "Estimates.");

  doc = build_memo (c, TRUE);
  g_assert_cmpint (dlb_document_get_n_pages (doc), <=, 2);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "recommendation"), ==, 0);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "reasons"), >=, 0);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "next-steps"), >=, 0);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "decision-matrix"), ==, -1);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "scores-evidence"), ==, -1);
  g_assert_cmpint (dlb_document_get_dest_page (doc, "case-notes"), ==, -1);

  reasons = section_text (doc, "\nMain reasons\n", "\nNext steps\n");
  if (reasons == NULL)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }
  g_assert_nonnull (strstr (reasons, "Citizen privacy, weighted"));
  g_assert_nonnull (strstr (reasons, "8.0 against 3.0 for Enter under conditions."));
  g_assert_nonnull (strstr (reasons, "No footage reaches the police through the city."));
  /* Crime reduction favours the other option: it is no reason. */
  g_assert_null (strstr (reasons, "Crime reduction"));
  sources = section_text (doc, "\nSources\n", NULL);
  g_assert_nonnull (strstr (sources, "[1] Markey investigation"));
  g_assert_null (strstr (sources, "Uncited report"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memo/recommendation-follows-weights", test_recommendation_follows_weights);
  g_test_add_func ("/memo/override", test_override);
  g_test_add_func ("/memo/next-steps-follow-decision", test_next_steps_follow_decision);
  g_test_add_func ("/memo/no-winner", test_no_winner);
  g_test_add_func ("/memo/byte-identical", test_byte_identical);
  g_test_add_func ("/memo/paper", test_paper);
  g_test_add_func ("/memo/hard-text", test_hard_text);
  g_test_add_func ("/memo/sizes", test_sizes);
  g_test_add_func ("/memo/stream", test_stream);
  g_test_add_func ("/memo/evidence-appendix", test_evidence_appendix);
  g_test_add_func ("/memo/notes", test_notes);
  g_test_add_func ("/memo/brief", test_brief);

  return g_test_run ();
}
