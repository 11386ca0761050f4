/* test-gestures.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlb-example.h"
#include "dlb-matrix-page.h"
#include "dlb-model.h"
#include "dlb-store.h"
#include "dlb-weights-dialog.h"
#include "dlb-test-util.h"

/* One gesture of the user is one edit: applying a ranking or pairwise
 * comparisons in the weights dialog, on the built-in Ring example, is one
 * journal group, one "changed" signal and one Undo, however many criteria
 * it touches. */

static gboolean have_display;

static gboolean
skip_without_display (void)
{
  if (have_display)
    return FALSE;
  g_test_skip ("No display");
  return TRUE;
}

typedef struct
{
  char     *dir;
  char     *path;
  DlbStore *store;
  DlbCase  *kase;
  guint     n_changed;
  guint     kinds;
} Fixture;

static void
on_changed (DlbCase *kase,
            guint    kinds,
            Fixture *fixture)
{
  fixture->n_changed++;
  fixture->kinds = kinds;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) example = NULL;

  fixture->dir = g_dir_make_tmp ("test-gestures-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "ring.deliberate", NULL);
  example = dlb_example_load (&error);
  g_assert_no_error (error);
  fixture->store = dlb_store_create (fixture->path, example, &error);
  g_assert_no_error (error);
  fixture->kase = dlb_store_get_case (fixture->store);
  g_signal_connect (fixture->kase, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  dlb_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static int *
dup_ranks (DlbCase *kase)
{
  GListModel *criteria = dlb_case_get_criteria (kase);
  guint n = g_list_model_get_n_items (criteria);
  int *ranks = g_new0 (int, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbCriterion) criterion = g_list_model_get_item (criteria, i);

      ranks[i] = dlb_criterion_get_rank (criterion);
    }
  return ranks;
}

static void
test_apply_ranking (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree int *ranks_before = NULL;
  g_autofree int *ranks_after = NULL;
  DlbWeighting weighting_before;
  DlbWeightsDialog *dialog;
  guint n, n_before, n_changed = 0;

  if (skip_without_display ())
    return;

  n = g_list_model_get_n_items (dlb_case_get_criteria (fixture->kase));
  g_assert_cmpuint (n, >, 2);
  ranks_before = dup_ranks (fixture->kase);
  weighting_before = dlb_case_get_weighting (fixture->kase);
  n_before = dlb_test_journal_length (fixture->store);

  dialog = dlb_weights_dialog_new (fixture->kase, DLB_WEIGHTS_DIALOG_RANKING);
  /* The last criterion first: every rank moves. */
  dlb_weights_dialog_move (dialog, n - 1, 0);
  g_assert_true (dlb_weights_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  ranks_after = dup_ranks (fixture->kase);
  for (guint i = 0; i < n; i++)
    if (ranks_after[i] != ranks_before[i])
      n_changed++;
  g_assert_cmpuint (n_changed, >=, n - 1);
  g_assert_cmpint (dlb_case_get_weighting (fixture->kase), ==, DLB_WEIGHTING_RANKING);

  /* One group: a row per rank that moved, and the method if it changed. */
  g_assert_cmpuint (dlb_test_rows_in_one_new_group (fixture->store, n_before), ==,
                    n_changed + (weighting_before != DLB_WEIGHTING_RANKING ? 1 : 0));
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (fixture->kinds & (1u << DLB_KIND_CRITERION));
  g_assert_false (fixture->kinds & ~((1u << DLB_KIND_CRITERION) | (1u << DLB_KIND_CASE)));

  /* One Undo takes the whole Apply back. */
  g_assert_true (dlb_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_clear_pointer (&ranks_after, g_free);
  ranks_after = dup_ranks (fixture->kase);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ranks_after[i], ==, ranks_before[i]);
  g_assert_cmpint (dlb_case_get_weighting (fixture->kase), ==, weighting_before);
}

static void
test_apply_pairwise (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlbWeightsDialog *dialog;
  GVariant *pairwise_before;
  DlbWeighting weighting_before;
  guint n_before;

  if (skip_without_display ())
    return;

  weighting_before = dlb_case_get_weighting (fixture->kase);
  pairwise_before = dlb_case_get_pairwise (fixture->kase);
  if (pairwise_before != NULL)
    g_variant_ref (pairwise_before);
  n_before = dlb_test_journal_length (fixture->store);

  dialog = dlb_weights_dialog_new (fixture->kase, DLB_WEIGHTS_DIALOG_AHP);
  dlb_weights_dialog_set_judgement (dialog, 0, 1, 5);
  dlb_weights_dialog_set_judgement (dialog, 1, 2, 3);
  g_assert_true (dlb_weights_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpint (dlb_case_get_weighting (fixture->kase), ==, DLB_WEIGHTING_AHP);
  g_assert_cmpuint (dlb_test_rows_in_one_new_group (fixture->store, n_before), ==,
                    weighting_before != DLB_WEIGHTING_AHP ? 2 : 1);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (fixture->kinds, ==, 1u << DLB_KIND_CASE);

  g_assert_true (dlb_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlb_case_get_weighting (fixture->kase), ==, weighting_before);
  if (pairwise_before != NULL && g_variant_n_children (pairwise_before) > 0)
    g_assert_true (g_variant_equal (dlb_case_get_pairwise (fixture->kase), pairwise_before));
  else
    g_assert_true (dlb_case_get_pairwise (fixture->kase) == NULL
                   || g_variant_n_children (dlb_case_get_pairwise (fixture->kase)) == 0);
  g_clear_pointer (&pairwise_before, g_variant_unref);
}

static GtkRange *
weight_slider (GtkWidget    *page,
               DlbCriterion *criterion)
{
  g_autofree char *name = g_strdup_printf ("weight-%s", dlb_criterion_get_id (criterion));
  GtkWidget *scale = dlb_test_find_named (page, name);

  g_assert_nonnull (scale);
  return GTK_RANGE (scale);
}

/* Swing weighting on the Decision Matrix: two sliders moved in one go are
 * written when the drag settles, as one edit and one Undo. */
static void
test_swing_sliders (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  g_autoptr(DlbCriterion) first = NULL;
  g_autoptr(DlbCriterion) second = NULL;
  GtkWidget *window, *page;
  double first_before, second_before;
  guint n_before;
  gint64 deadline;

  if (skip_without_display ())
    return;

  g_value_init (&v, DLB_TYPE_WEIGHTING);
  g_value_set_enum (&v, DLB_WEIGHTING_SWING);
  g_assert_true (dlb_case_set_field (fixture->kase, DLB_ENTITY (fixture->kase), DLB_CASE_WEIGHTING, &v, &error));
  g_assert_no_error (error);

  page = dlb_matrix_page_new ();
  dlb_case_page_set_case (DLB_CASE_PAGE (DLB_MATRIX_PAGE (page)), fixture->kase);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  dlb_test_wait_for_analysis (fixture->kase);

  first = g_list_model_get_item (dlb_case_get_criteria (fixture->kase), 0);
  second = g_list_model_get_item (dlb_case_get_criteria (fixture->kase), 1);
  first_before = dlb_criterion_get_swing (first);
  second_before = dlb_criterion_get_swing (second);
  n_before = dlb_test_journal_length (fixture->store);
  fixture->n_changed = 0;

  gtk_range_set_value (weight_slider (page, first), first_before >= 50 ? 10 : 90);
  gtk_range_set_value (weight_slider (page, second), second_before >= 50 ? 20 : 80);
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (fixture->n_changed == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (dlb_test_rows_in_one_new_group (fixture->store, n_before), ==, 2);
  g_assert_cmpfloat (dlb_criterion_get_swing (first), !=, first_before);
  g_assert_cmpfloat (dlb_criterion_get_swing (second), !=, second_before);

  /* One Undo takes both back. */
  g_assert_true (dlb_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpfloat (dlb_criterion_get_swing (first), ==, first_before);
  g_assert_cmpfloat (dlb_criterion_get_swing (second), ==, second_before);

  gtk_window_destroy (GTK_WINDOW (window));
  dlb_test_wait_for_analysis (fixture->kase);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dlb_test_init_store ();

  have_display = gtk_init_check ();
  if (!have_display && g_getenv ("DLB_TEST_REQUIRE_DISPLAY") != NULL)
    g_error ("No display, but DLB_TEST_REQUIRE_DISPLAY is set: run the widget tests under xvfb-run -a");
  if (have_display)
    adw_init ();

  g_test_add ("/app/gestures/apply-ranking", Fixture, NULL,
              fixture_setup, test_apply_ranking, fixture_teardown);
  g_test_add ("/app/gestures/swing-sliders", Fixture, NULL,
              fixture_setup, test_swing_sliders, fixture_teardown);
  g_test_add ("/app/gestures/apply-pairwise", Fixture, NULL,
              fixture_setup, test_apply_pairwise, fixture_teardown);

  return g_test_run ();
}
