/* test-surfaces.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The same case through every surface that states its recommendation:
 * the Overview, the Decision Matrix, the memo (as pdftotext reads the
 * PDF) and `deliberate --analyze`, in text and JSON. They must name the
 * same option with the same status, for a clear winner, a tie, an
 * analyst's override, a case whose options all fail a gate and a case
 * with no criteria. */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dlb-matrix-page.h"
#include "dlb-overview-page.h"
#include "dlb-store.h"
#include "dlb-test-util.h"

static gboolean have_display;

typedef enum
{
  SHAPE_WINNER,
  SHAPE_TIE,
  SHAPE_OVERRIDE,
  SHAPE_ALL_GATED,
  SHAPE_NO_CRITERIA,
  N_SHAPES
} Shape;

static const struct {
  const char *name;
  const char *kind;       /* the recommendation's nick */
  const char *option;     /* id, or NULL */
  const char *choice;     /* what the Decision Matrix shows in large type */
} expected[N_SHAPES] = {
  { "winner", "winner", "a", "Alpha" },
  { "tie", "tie", "a", "Alpha and Beta" },
  { "override", "override", "c", "Gamma" },
  { "all-gated", "none", NULL, "No recommendation" },
  { "no-criteria", "none", NULL, "No recommendation" },
};

static void
add (DlbCase  *c,
     gpointer  entity)
{
  g_autoptr(DlbEntity) owned = entity;

  g_assert_true (dlb_case_append (c, owned, NULL));
}

static DlbEntity *
score (const char *o,
       const char *k,
       double      value)
{
  g_autofree char *id = dlb_score_make_id (o, k);

  return g_object_new (DLB_TYPE_SCORE, "id", id, "option", o, "criterion", k,
                       "value", value, "low", value, "high", value, NULL);
}

static DlbCase *
make_case (Shape shape)
{
  DlbCase *c = g_object_new (DLB_TYPE_CASE, "id", "case", "title", "Surfaces",
                             "question", "Which option?",
                             "recommendation", shape == SHAPE_OVERRIDE ? "c" : NULL,
                             "justification", shape == SHAPE_OVERRIDE ? "The council asked for it." : NULL,
                             NULL);

  add (c, g_object_new (DLB_TYPE_OPTION, "id", "a", "name", "Alpha", NULL));
  add (c, g_object_new (DLB_TYPE_OPTION, "id", "b", "name", "Beta", NULL));
  add (c, g_object_new (DLB_TYPE_OPTION, "id", "c", "name", "Gamma", NULL));
  if (shape == SHAPE_NO_CRITERIA)
    return c;
  add (c, g_object_new (DLB_TYPE_CRITERION, "id", "k", "name", "Privacy", "weight", 10.0,
                        "minimum", shape == SHAPE_ALL_GATED ? 9.5 : -1.0, NULL));
  add (c, score ("a", "k", 8));
  add (c, score ("b", "k", shape == SHAPE_TIE ? 8 : 6));
  add (c, score ("c", "k", 3));
  return c;
}

static char *
run (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Line breaks and runs of spaces as one space: pdftotext wraps. */
static char *
flatten (const char *text)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (space, text, -1, 0, " ", 0, NULL);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_surfaces_agree (gconstpointer data)
{
  Shape shape = GPOINTER_TO_INT (data);
  g_autoptr(DlbCase) source = make_case (shape);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbRecommendation) rec = NULL;
  g_autofree char *headline = NULL;
  const char *exe = g_getenv ("DELIBERATE_EXE");
  DlbCase *kase;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  g_assert_nonnull (exe);

  dir = g_dir_make_tmp ("deliberate-surfaces-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "case.deliberate", NULL);
  pdf = g_build_filename (dir, "memo.pdf", NULL);
  g_assert_true (dlb_store_write_case (source, path, &error));
  g_assert_no_error (error);

  /* The command line, before the window holds the file. */
  {
    const char *text_args[] = { exe, "--analyze", path, NULL };
    const char *json_args[] = { exe, "--analyze", "--json", path, NULL };
    const char *pdf_args[] = { exe, "--export-pdf", pdf, path, NULL };
    g_autofree char *text = run (text_args);
    g_autofree char *json = run (json_args);
    g_autofree char *memo_raw = NULL;
    g_autofree char *memo = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *object;
    const char *pdftotext_args[] = { "pdftotext", pdf, "-", NULL };
    g_autoptr(DlbResult) r = dlb_engine_analyze (source, NULL);

    rec = dlb_recommendation_new (source, r);
    headline = dlb_recommendation_dup_headline (rec, FALSE);
    g_assert_cmpstr (dlb_recommendation_kind_to_nick (dlb_recommendation_get_kind (rec)), ==, expected[shape].kind);
    g_assert_cmpstr (dlb_recommendation_get_option_id (rec), ==, expected[shape].option);

    g_assert_nonnull (strstr (text, headline));

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    object = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "recommendation");
    g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, expected[shape].kind);
    g_assert_cmpstr (json_object_get_string_member (object, "option"), ==, expected[shape].option);
    g_assert_cmpstr (json_object_get_string_member (object, "headline"), ==, headline);

    g_free (run (pdf_args));
    memo_raw = run (pdftotext_args);
    memo = flatten (memo_raw);
    g_assert_nonnull (strstr (memo, headline));
  }

  /* The window's two pages. */
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  kase = dlb_store_get_case (store);
  {
    GtkWidget *window = adw_window_new ();
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    GtkWidget *overview = g_object_new (DLB_TYPE_OVERVIEW_PAGE, "store", store, NULL);
    GtkWidget *matrix = dlb_matrix_page_new ();
    GtkLabel *line;
    g_autofree char *choice = NULL;

    dlb_case_page_set_case (DLB_CASE_PAGE (DLB_MATRIX_PAGE (matrix)), kase);
    gtk_box_append (GTK_BOX (box), overview);
    gtk_box_append (GTK_BOX (box), matrix);
    adw_window_set_content (ADW_WINDOW (window), box);
    gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
    gtk_window_present (GTK_WINDOW (window));
    dlb_test_wait_for_analysis (kase);
    spin ();

    line = dlb_overview_page_get_recommendation_label (DLB_OVERVIEW_PAGE (overview));
    g_assert_true (g_str_has_prefix (gtk_label_get_text (line), headline));

    choice = dlb_recommendation_dup_choice (rec);
    if (shape == SHAPE_NO_CRITERIA)
      {
        /* Nothing to lay out: the page says why instead of a matrix. */
        g_autofree char *summary = dlb_recommendation_dup_summary (rec, FALSE);
        AdwStatusPage *empty = ADW_STATUS_PAGE (dlb_test_find_named (matrix, "empty-status"));

        g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
        g_assert_cmpstr (adw_status_page_get_description (empty), ==, summary);
      }
    else
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dlb_test_find_named (matrix, "winner"))), ==, expected[shape].choice);
    if (choice != NULL)
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (dlb_test_find_named (matrix, "context"))), ==,
                       dlb_recommendation_get_kind_label (rec));
    g_assert_cmpstr (dlb_recommendation_get_option_id (dlb_analysis_get_recommendation (dlb_analysis_for_case (kase))),
                     ==, expected[shape].option);

    gtk_window_destroy (GTK_WINDOW (window));
    spin ();
  }

  dlb_store_close (store);
  g_unlink (pdf);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  have_display = gtk_init_check ();
  if (!have_display && g_getenv ("DLB_TEST_REQUIRE_DISPLAY") != NULL)
    g_error ("No display: widget tests must run under Xvfb");
  g_test_init (&argc, &argv, NULL);
  dlb_test_init_store ();
  if (have_display)
    adw_init ();

  for (Shape shape = 0; shape < N_SHAPES; shape++)
    {
      g_autofree char *test_path = g_strdup_printf ("/surfaces/recommendation/%s", expected[shape].name);

      g_test_add_data_func (test_path, GINT_TO_POINTER (shape), test_surfaces_agree);
    }

  return g_test_run ();
}
