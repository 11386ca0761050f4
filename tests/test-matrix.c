/* test-matrix.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlb-entity-private.h"
#include "dlb-chart-view.h"
#include "dlb-enums.h"
#include "dlb-example.h"
#include "dlb-matrix-page.h"
#include "dlb-matrix-page-private.h"
#include "dlb-score-editor.h"
#include "dlb-weights-dialog.h"
#include "dlb-test-util.h"

/* The Decision Matrix page on the built-in Ring example: moving a weight
 * slider previews the new ranking and sensitivity at once and writes the
 * weight to the case once, on release; a score edited in the score editor
 * reaches the case; the ranking and AHP dialogs write their weights; and a
 * case with nothing to decide gets a message, not a crash. */

static gboolean have_display;

/* The case under test: spinning the main loop also lets its analysis
 * finish, as the page's figures fill in for a person who waits. */
static DlbCase *spun_case;

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
spin_main_loop (void)
{
  drain_main_loop ();
  if (spun_case != NULL)
    dlb_test_wait_for_analysis (spun_case);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so, or fails after 10 s. */
static void
wait_for (gboolean (*done) (gpointer),
          gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  guint waker = g_timeout_add (50, wake_up, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (waker);
  g_assert_true (done (data));
  /* Only what is pending: waiting longer could let a drag's commit
   * timeout pass before the caller looks. */
  drain_main_loop ();
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static GtkWidget *
require_named (GtkWidget  *root,
               const char *name)
{
  GtkWidget *widget = dlb_test_find_named (root, name);

  if (widget == NULL)
    g_error ("no widget named “%s”", name);
  return widget;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (require_named (root, name)));
}

static const char *
chart_text (GtkWidget  *root,
            const char *name)
{
  return dlb_chart_view_get_description (DLB_CHART_VIEW (require_named (root, name)));
}

typedef struct
{
  DlbCase       *kase;
  GtkWindow     *window;
  DlbMatrixPage *page;
  guint          n_changed;
} Fixture;

static void
count_changed (Fixture *fixture)
{
  fixture->n_changed++;
}

/* The page's result once the case's shared analysis has caught up with
 * the last edit (a preview or a perspective is there at once). */
static DlbResult *
page_result (DlbMatrixPage *page)
{
  DlbAnalysis *analysis = dlb_analysis_for_case (dlb_case_page_get_case (DLB_CASE_PAGE (page)));
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (dlb_analysis_get_busy (analysis) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dlb_analysis_get_busy (analysis));
  return dlb_matrix_page_get_result (page);
}

static void
fixture_open (Fixture *fixture,
              DlbCase *kase)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->kase = kase;
  spun_case = kase;
  g_signal_connect_swapped (kase, "changed", G_CALLBACK (count_changed), fixture);
  fixture->page = DLB_MATRIX_PAGE (dlb_matrix_page_new ());
  dlb_case_page_set_case (DLB_CASE_PAGE (fixture->page), kase);
  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1200, 900);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  gtk_window_present (fixture->window);
  wait_for (is_mapped, fixture->page);
  /* The page fills in once the case's first analysis is in. */
  spin_main_loop ();
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlbCase *kase;

  if (!have_display)
    return;

  kase = dlb_example_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  fixture_open (fixture, kase);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  spin_main_loop ();
  spun_case = NULL;
  g_clear_object (&fixture->kase);
}

static gboolean
skip_without_display (void)
{
  if (have_display)
    return FALSE;
  g_test_skip ("no display");
  return TRUE;
}

static DlbCriterion *
criterion_by_id (DlbCase    *kase,
                 const char *id)
{
  DlbEntity *entity = dlb_case_lookup_kind (kase, DLB_KIND_CRITERION, id);

  g_assert_nonnull (entity);
  return DLB_CRITERION (entity);
}

static gboolean
preview_shown (gpointer page)
{
  return dlb_result_get_weights_overridden (dlb_matrix_page_get_result (page));
}

typedef struct
{
  Fixture *fixture;
  guint    n;
} ChangedWait;

static gboolean
preview_shown_or_written (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_changed > 0 || preview_shown (fixture->page);
}

static gboolean
changed_reached (gpointer data)
{
  ChangedWait *wait = data;

  return wait->fixture->n_changed >= wait->n;
}

static void
test_weight_drag (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *root;
  DlbResult *result;
  const DlbRobustness *robustness;
  g_autofree char *winner_before_id = NULL;
  g_autofree char *winner_before = NULL;
  g_autofree char *bars_before = NULL;
  g_autofree char *sensitivity_before = NULL;
  g_autofree char *criterion_id = NULL;
  g_autofree char *scale_name = NULL;
  GtkRange *scale;
  DlbCriterion *criterion;
  double others = 0, points, before_points;
  ChangedWait cw;
  gint64 started;
  GListModel *criteria;

  if (skip_without_display ())
    return;

  root = GTK_WIDGET (fixture->page);
  result = page_result (fixture->page);
  g_assert_nonnull (result);
  g_assert_cmpint (dlb_result_get_status (result), ==, DLB_RESULT_STATUS_OK);

  /* The example recommends declining; the headline says so. */
  winner_before_id = g_strdup (dlb_result_get_winner_id (result));
  g_assert_cmpstr (winner_before_id, ==, "decline");
  winner_before = g_strdup (label_text (root, "winner"));
  g_assert_cmpstr (winner_before, ==, dlb_result_get_option_name (result, (guint) dlb_result_get_winner (result)));
  bars_before = g_strdup (chart_text (root, "ranking-chart"));
  g_assert_nonnull (strstr (bars_before, "the highest"));

  /* Move the weight that changes the winner soonest past its threshold. */
  robustness = dlb_result_get_robustness (result);
  g_assert_cmpint (robustness->criterion, >=, 0);
  criterion_id = g_strdup (dlb_result_get_criterion_id (result, (guint) robustness->criterion));
  criterion = criterion_by_id (fixture->kase, criterion_id);
  before_points = dlb_criterion_get_weight (criterion);
  criteria = dlb_case_get_criteria (fixture->kase);
  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(DlbCriterion) c = g_list_model_get_item (criteria, i);

      if (c != criterion)
        others += dlb_criterion_get_weight (c);
    }
  if (robustness->rises)
    points = ceil (robustness->threshold * others / (1 - robustness->threshold)) + 3;
  else
    points = 0;

  dlb_matrix_page_select_criterion (fixture->page, criterion_id);
  spin_main_loop ();
  sensitivity_before = g_strdup (chart_text (root, "sensitivity-chart"));

  scale_name = g_strdup_printf ("weight-%s", criterion_id);
  scale = GTK_RANGE (require_named (root, scale_name));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (scale)));
  points = MIN (points, gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)));
  g_assert_cmpfloat (fabs (points - before_points), >, 0.5);
  g_test_message ("moving %s from %g to %g points (threshold %.3f)", criterion_id, before_points, points,
                  robustness->threshold);

  /* As a drag does: the value changes, the next frame shows the
   * preview, the case is not touched yet. */
  fixture->n_changed = 0;
  started = g_get_monotonic_time ();
  gtk_range_set_value (scale, points);
  wait_for (preview_shown_or_written, fixture);
  result = dlb_matrix_page_get_result (fixture->page);
  if (fixture->n_changed == 0)
    {
      /* The preview is the page's own: nothing to wait for. */
      g_assert_true (dlb_result_get_weights_overridden (result));
      g_assert_cmpfloat (dlb_criterion_get_weight (criterion), ==, before_points);
    }
  else
    {
      /* Only an analysis slower than the slider's stillness (a build
       * with the sanitizers) lets the weight be written first. */
      gint64 elapsed_ms = (g_get_monotonic_time () - started) / 1000;

      g_assert_cmpint (elapsed_ms, >=, COMMIT_DELAY_MS);
      g_test_message ("the preview took %" G_GINT64_FORMAT " ms, longer than the %d ms after which "
                      "a still slider writes its weight", elapsed_ms, COMMIT_DELAY_MS);
      cw.fixture = fixture;
      cw.n = 1;
      wait_for (changed_reached, &cw);
      result = page_result (fixture->page);
    }

  /* The ranking and the sensitivity chart show the new weight. */
  g_assert_cmpstr (chart_text (root, "ranking-chart"), !=, bars_before);
  g_assert_cmpstr (chart_text (root, "sensitivity-chart"), !=, sensitivity_before);
  if (points < gtk_adjustment_get_upper (gtk_range_get_adjustment (scale)))
    {
      g_assert_cmpstr (dlb_result_get_winner_id (result), !=, winner_before_id);
      g_assert_cmpstr (label_text (root, "winner"), !=, winner_before);
      g_assert_cmpstr (label_text (root, "winner"), ==,
                       dlb_result_get_option_name (result, (guint) dlb_result_get_winner (result)));
    }

  /* Then the weight is written to the case, once. */
  cw.fixture = fixture;
  cw.n = 1;
  wait_for (changed_reached, &cw);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpfloat (dlb_criterion_get_weight (criterion), ==, points);
  result = page_result (fixture->page);
  g_assert_false (dlb_result_get_weights_overridden (result));
  g_assert_cmpuint (dlb_result_get_draws (result), ==, DLB_ENGINE_DEFAULT_DRAWS);
}

/* On a case file: a drag of a slider through many values leaves one
 * entry in the journal, with the final weight. */
static void
test_weight_drag_journal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) example = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Fixture fixture = { 0 };
  GtkRange *scale;
  ChangedWait cw;
  DlbJournalEntry *entry;

  if (skip_without_display ())
    return;

  dir = g_dir_make_tmp ("test-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "ring.deliberate", NULL);
  example = dlb_example_load (&error);
  g_assert_no_error (error);
  store = dlb_store_create (path, example, &error);
  g_assert_no_error (error);

  fixture_open (&fixture, g_object_ref (dlb_store_get_case (store)));
  dlb_case_page_set_store (DLB_CASE_PAGE (fixture.page), store);
  before = dlb_store_get_journal (store, 100, &error);
  g_assert_no_error (error);

  scale = GTK_RANGE (require_named (GTK_WIDGET (fixture.page), "weight-trust"));
  for (int points = 13; points <= 40; points++)
    {
      gtk_range_set_value (scale, points);
      g_main_context_iteration (NULL, FALSE);
    }
  wait_for (preview_shown, fixture.page);
  cw.fixture = &fixture;
  cw.n = 1;
  wait_for (changed_reached, &cw);
  g_assert_cmpuint (fixture.n_changed, ==, 1);

  after = dlb_store_get_journal (store, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  entry = g_ptr_array_index (after, 0);
  g_assert_cmpstr (dlb_journal_entry_get_entity_id (entry), ==, "trust");
  g_assert_cmpstr (dlb_journal_entry_get_field (entry), ==, "weight");
  g_assert_cmpfloat (dlb_criterion_get_weight (criterion_by_id (dlb_store_get_case (store), "trust")), ==, 40);

  fixture_teardown (&fixture, NULL);
  dlb_store_close (store);
  g_remove (path);
  g_rmdir (dir);
}

static DlbScoreEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DLB_IS_SCORE_EDITOR (window))
        return DLB_SCORE_EDITOR (window);
    }
  return NULL;
}

static gboolean
editor_open (gpointer data)
{
  return find_editor () != NULL;
}

static void
test_score_editor (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *root;
  GtkWidget *cell;
  DlbScoreEditor *editor;
  DlbScore *score;
  GtkSpinButton *value;
  GtkTextBuffer *buffer;
  double high;

  if (skip_without_display ())
    return;

  root = GTK_WIDGET (fixture->page);
  score = dlb_case_get_score (fixture->kase, "proposed", "privacy");
  g_assert_nonnull (score);
  high = dlb_score_get_high (score);
  g_assert_cmpfloat (high, <, 10);

  /* Selecting the cell opens its editor. */
  cell = require_named (root, "score-proposed-privacy");
  g_assert_true (gtk_widget_activate (cell));
  wait_for (editor_open, NULL);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_true (dlb_score_editor_get_score (editor) == score);

  /* A value above the range widens the range to it. */
  fixture->n_changed = 0;
  value = GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "value"));
  gtk_spin_button_set_value (value, high + 1);
  spin_main_loop ();
  g_assert_cmpfloat (dlb_score_get_value (score), ==, high + 1);
  g_assert_cmpfloat (dlb_score_get_high (score), ==, high + 1);
  g_assert_cmpfloat (dlb_score_get_low (score), <=, dlb_score_get_value (score));
  g_assert_cmpuint (fixture->n_changed, >=, 1);

  /* The grid shows the new score, once analysed. */
  page_result (fixture->page);
  {
    g_autofree char *expected = g_strdup_printf ("%.0f", high + 1);
    GtkWidget *label = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (cell)));

    g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), expected));
  }

  /* The rationale reaches the case when typing pauses (or now). */
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (require_named (GTK_WIDGET (editor), "rationale")));
  gtk_text_buffer_set_text (buffer, "The vendor’s terms allow sharing with third parties.", -1);
  dlb_score_editor_flush (editor);
  g_assert_cmpstr (dlb_score_get_rationale (score), ==, "The vendor’s terms allow sharing with third parties.");

  gtk_window_close (GTK_WINDOW (editor));
  spin_main_loop ();
}

static void
test_missing_score (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *root;
  DlbScoreEditor *editor;
  DlbScore *score;
  GtkWidget *cell;
  GtkWidget *label;

  if (skip_without_display ())
    return;

  root = GTK_WIDGET (fixture->page);
  score = dlb_case_get_score (fixture->kase, "conditional", "crime");
  g_assert_nonnull (score);
  g_assert_true (dlb_case_remove (fixture->kase, DLB_ENTITY (score), &error));
  g_assert_no_error (error);
  spin_main_loop ();

  cell = require_named (root, "score-conditional-crime");
  label = gtk_widget_get_first_child (gtk_button_get_child (GTK_BUTTON (cell)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "—");
  g_assert_cmpuint (dlb_result_get_n_unscored (page_result (fixture->page)), ==, 1);

  /* Scoring it in the editor adds the score. */
  editor = dlb_matrix_page_edit_score (fixture->page, "conditional", "crime");
  g_assert_null (dlb_score_editor_get_score (editor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (require_named (GTK_WIDGET (editor), "value")), 4);
  spin_main_loop ();
  score = dlb_case_get_score (fixture->kase, "conditional", "crime");
  g_assert_nonnull (score);
  g_assert_cmpfloat (dlb_score_get_value (score), ==, 4);
  g_assert_cmpuint (dlb_result_get_n_unscored (page_result (fixture->page)), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "4");

  gtk_window_close (GTK_WINDOW (editor));
  spin_main_loop ();
}

static void
test_perspective (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *root;
  DlbResult *result;
  g_autofree char *scale_name = NULL;

  if (skip_without_display ())
    return;

  root = GTK_WIDGET (fixture->page);
  result = page_result (fixture->page);
  g_assert_cmpuint (dlb_result_get_n_perspectives (result), >, 0);
  g_assert_cmpstr (label_text (root, "agreement"), ==, dlb_result_get_agreement_sentence (result));

  dlb_matrix_page_set_perspective (fixture->page, "p-commissioner");
  spin_main_loop ();
  result = page_result (fixture->page);
  g_assert_cmpstr (dlb_result_get_perspective (result), ==, "p-commissioner");

  /* The weights shown are the perspective's, not editable here. */
  scale_name = g_strdup_printf ("weight-%s", dlb_result_get_criterion_id (result, 0));
  g_assert_false (gtk_widget_get_sensitive (require_named (root, scale_name)));

  dlb_matrix_page_set_perspective (fixture->page, NULL);
  spin_main_loop ();
  g_assert_null (dlb_result_get_perspective (page_result (fixture->page)));
  g_assert_true (gtk_widget_get_sensitive (require_named (root, scale_name)));
}

static void
test_ranking_dialog (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlbWeightsDialog *dialog;
  guint n;
  double first_weight;

  if (skip_without_display ())
    return;

  dialog = dlb_matrix_page_edit_weights (fixture->page, DLB_WEIGHTS_DIALOG_RANKING);
  n = dlb_weights_dialog_get_n_criteria (dialog);
  g_assert_cmpuint (n, >, 2);

  /* The least important criterion becomes the most important. */
  dlb_weights_dialog_move (dialog, n - 1, 0);
  g_assert_true (dlb_weights_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_main_loop ();

  g_assert_cmpint (dlb_case_get_weighting (fixture->kase), ==, DLB_WEIGHTING_RANKING);
  {
    GListModel *criteria = dlb_case_get_criteria (fixture->kase);
    g_autoptr(GPtrArray) ranks = g_ptr_array_new ();
    DlbResult *result = page_result (fixture->page);
    int top = -1;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(DlbCriterion) c = g_list_model_get_item (criteria, i);

        g_assert_cmpint (dlb_criterion_get_rank (c), >=, 1);
        if (dlb_criterion_get_rank (c) == 1)
          top = (int) i;
      }
    g_assert_cmpint (top, >=, 0);
    first_weight = dlb_result_get_weight (result, (guint) top);
    for (guint i = 0; i < n; i++)
      g_assert_cmpfloat (dlb_result_get_weight (result, i), <=, first_weight);
    g_assert_cmpint (dlb_result_get_weighting (result), ==, DLB_WEIGHTING_RANKING);
  }
}

/* Saaty's classic example: the oracle for AHP. */
static void
test_ahp_dialog (void)
{
  static const char *names[] = { "Experience", "Education", "Charisma", "Age" };
  static const double upper[4][4] = {
    { 1, 4, 3, 7 }, { 0, 1, 1.0 / 3, 3 }, { 0, 0, 1, 5 }, { 0, 0, 0, 1 },
  };
  static const double expected[] = { 0.5476, 0.1266, 0.2699, 0.0559 };
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  DlbCase *kase;
  DlbWeightsDialog *dialog;
  const DlbAhpConsistency *consistency;
  DlbResult *result;

  if (skip_without_display ())
    return;

  kase = dlb_case_new ();
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(DlbCriterion) c = dlb_criterion_new (names[i], 10);

      g_assert_true (dlb_case_append (kase, DLB_ENTITY (c), &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DlbOption) o = dlb_option_new (i == 0 ? "Alice" : "Bob");

      g_assert_true (dlb_case_append (kase, DLB_ENTITY (o), &error));
      g_assert_no_error (error);
    }
  fixture_open (&fixture, kase);

  dialog = dlb_matrix_page_edit_weights (fixture.page, DLB_WEIGHTS_DIALOG_AHP);
  for (guint a = 0; a < 4; a++)
    for (guint b = a + 1; b < 4; b++)
      {
        dlb_weights_dialog_set_judgement (dialog, a, b, upper[a][b]);
        consistency = dlb_weights_dialog_get_consistency (dialog);
        g_assert_false (isnan (consistency->cr));
      }
  consistency = dlb_weights_dialog_get_consistency (dialog);
  g_assert_cmpfloat_with_epsilon (consistency->lambda_max, 4.1184, 0.0005);
  g_assert_cmpfloat_with_epsilon (consistency->cr, 0.0439, 0.0005);
  g_assert_false (consistency->inconsistent);
  g_assert_cmpuint (consistency->n_missing, ==, 0);

  /* A contradiction is flagged as the judgements come in. */
  dlb_weights_dialog_set_judgement (dialog, 3, 0, 9);
  consistency = dlb_weights_dialog_get_consistency (dialog);
  g_assert_true (consistency->inconsistent);
  g_assert_cmpint (consistency->worst_a, ==, 0);
  g_assert_cmpint (consistency->worst_b, ==, 3);
  dlb_weights_dialog_set_judgement (dialog, 0, 3, 7);

  g_assert_true (dlb_weights_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_main_loop ();

  g_assert_cmpint (dlb_case_get_weighting (kase), ==, DLB_WEIGHTING_AHP);
  g_assert_cmpuint (g_variant_n_children (dlb_case_get_pairwise (kase)), ==, 6);
  result = page_result (fixture.page);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (dlb_result_get_weight (result, i), expected[i], 0.0005);

  fixture_teardown (&fixture, NULL);
}

static gboolean
window_of_type_open (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), data) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
close_windows_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), title) == 0)
        gtk_window_destroy (GTK_WINDOW (window));
    }
  spin_main_loop ();
}

static void
test_add_option (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *options;
  g_autoptr(DlbEntity) added = NULL;
  g_autofree char *cell_name = NULL;
  guint n;

  if (skip_without_display ())
    return;

  options = dlb_case_get_options (fixture->kase);
  n = g_list_model_get_n_items (options);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "matrix.add-option", NULL));
  spin_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (options), ==, n + 1);
  g_assert_true (window_of_type_open ("Option"));

  /* The new option gets a column of unscored cells and counts as 0. */
  added = g_list_model_get_item (options, n);
  cell_name = g_strdup_printf ("score-%s-privacy", dlb_entity_get_id (added));
  require_named (GTK_WIDGET (fixture->page), cell_name);
  g_assert_cmpfloat (dlb_result_get_total (page_result (fixture->page), n), ==, 0);
  close_windows_titled ("Option");
}

static GtkWindow *
window_titled (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), title) == 0)
        return GTK_WINDOW (window);
    }
  return NULL;
}

/* A gate set on a criterion in its dialog rules out the options below it. */
static void
test_criterion_gate (Fixture       *fixture,
                     gconstpointer  data)
{
  DlbCriterion *crime;
  GtkWindow *dialog;
  GtkWidget *gate;
  GtkSpinButton *minimum;
  DlbResult *result;
  int decline;

  if (skip_without_display ())
    return;

  crime = criterion_by_id (fixture->kase, "crime");
  g_assert_false (dlb_criterion_has_minimum (crime));
  require_named (GTK_WIDGET (fixture->page), "edit-crime");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "matrix.edit", "s", "crime"));
  spin_main_loop ();
  dialog = window_titled ("Criterion");
  g_assert_nonnull (dialog);

  gate = dlb_test_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_SWITCH);
  minimum = GTK_SPIN_BUTTON (dlb_test_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON));
  gtk_spin_button_set_value (minimum, 4.5);
  gtk_switch_set_active (GTK_SWITCH (gate), TRUE);
  spin_main_loop ();
  g_assert_true (dlb_criterion_has_minimum (crime));
  g_assert_cmpfloat (dlb_criterion_get_minimum (crime), ==, 4.5);

  /* Declining scores 4 on crime reduction: now it is ruled out. */
  result = page_result (fixture->page);
  decline = dlb_result_find_option (result, "decline");
  g_assert_true (dlb_result_is_disqualified (result, (guint) decline));
  g_assert_cmpstr (dlb_result_get_winner_id (result), !=, "decline");

  gtk_switch_set_active (GTK_SWITCH (gate), FALSE);
  spin_main_loop ();
  g_assert_false (dlb_criterion_has_minimum (crime));
  g_assert_cmpstr (dlb_result_get_winner_id (page_result (fixture->page)), ==, "decline");

  gtk_window_destroy (dialog);
  spin_main_loop ();
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (fixture->page));

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static void
test_empty_cases (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  DlbCase *kase;
  g_autoptr(DlbCriterion) criterion = NULL;
  g_autoptr(DlbOption) option = NULL;
  g_autoptr(DlbScore) score = NULL;
  GtkWidget *root;
  GValue v = G_VALUE_INIT;

  if (skip_without_display ())
    return;

  /* No options, no criteria: a status page with the engine's reason. */
  kase = dlb_case_new ();
  fixture_open (&fixture, kase);
  root = GTK_WIDGET (fixture.page);
  g_assert_cmpstr (visible_page (&fixture), ==, "empty");

  /* One criterion weighing nothing, one option: no recommendation, and
   * no NaN anywhere on the page. */
  criterion = dlb_criterion_new ("Privacy", 0);
  option = dlb_option_new ("Decline");
  g_assert_true (dlb_case_insert (kase, DLB_ENTITY (criterion), -1, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_case_insert (kase, DLB_ENTITY (option), -1, &error));
  g_assert_no_error (error);
  spin_main_loop ();
  g_assert_cmpstr (visible_page (&fixture), ==, "matrix");
  g_assert_cmpint (dlb_result_get_status (page_result (fixture.page)), ==,
                   DLB_RESULT_STATUS_WEIGHTS_ALL_ZERO);
  g_assert_cmpstr (label_text (root, "summary"), ==,
                   dlb_result_get_reason (page_result (fixture.page)));
  g_assert_null (strstr (chart_text (root, "ranking-chart"), "nan"));
  g_assert_null (strstr (chart_text (root, "sensitivity-chart"), "nan"));

  /* Every option gated out. */
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 50);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (criterion), DLB_CRITERION_WEIGHT, &v, &error));
  g_value_set_double (&v, 6);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (criterion), DLB_CRITERION_MINIMUM, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
  score = dlb_score_new (dlb_entity_get_id (DLB_ENTITY (option)), dlb_entity_get_id (DLB_ENTITY (criterion)));
  _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_VALUE, 2);
  _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_LOW, 1);
  _dlb_entity_set_double (DLB_ENTITY (score), DLB_SCORE_HIGH, 3);
  g_assert_true (dlb_case_insert (kase, DLB_ENTITY (score), -1, &error));
  g_assert_no_error (error);
  spin_main_loop ();
  g_assert_cmpint (dlb_result_get_status (page_result (fixture.page)), ==,
                   DLB_RESULT_STATUS_ALL_DISQUALIFIED);
  g_assert_cmpstr (label_text (root, "summary"), ==,
                   dlb_result_get_reason (page_result (fixture.page)));
  g_assert_nonnull (strstr (chart_text (root, "ranking-chart"), "fails a gate"));

  fixture_teardown (&fixture, NULL);
}

/* DLB_MATRIX_SHOW=1 test-matrix: the page on the example in a window,
 * to look at (narrow windows too). */
static int
show_page (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  DlbCase *kase = g_getenv ("DLB_MATRIX_EMPTY") != NULL ? dlb_case_new () : dlb_example_load (&error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *dark = g_getenv ("DLB_MATRIX_DARK");

  g_assert_no_error (error);
  if (dark != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  fixture_open (&fixture, kase);
  if (g_getenv ("DLB_MATRIX_SIZE") != NULL)
    {
      int width = 0, height = 0;

      if (sscanf (g_getenv ("DLB_MATRIX_SIZE"), "%dx%d", &width, &height) == 2)
        gtk_window_set_default_size (fixture.window, width, height);
    }
  if (g_getenv ("DLB_MATRIX_EDITOR") != NULL)
    dlb_matrix_page_edit_score (fixture.page, "proposed", "privacy");
  if (g_getenv ("DLB_MATRIX_AHP") != NULL)
    {
      DlbWeightsDialog *dialog = dlb_matrix_page_edit_weights (fixture.page, DLB_WEIGHTS_DIALOG_AHP);

      /* A few contradictory judgements, to see how they are flagged. */
      if (g_str_equal (g_getenv ("DLB_MATRIX_AHP"), "inconsistent"))
        {
          dlb_weights_dialog_set_judgement (dialog, 0, 1, 5);
          dlb_weights_dialog_set_judgement (dialog, 1, 2, 5);
          dlb_weights_dialog_set_judgement (dialog, 0, 2, 1.0 / 5);
        }
    }
  if (g_getenv ("DLB_MATRIX_CRITERION") != NULL)
    dlb_matrix_page_select_criterion (fixture.page, g_getenv ("DLB_MATRIX_CRITERION"));
  if (g_getenv ("DLB_MATRIX_PERSPECTIVE") != NULL)
    dlb_matrix_page_set_perspective (fixture.page, g_getenv ("DLB_MATRIX_PERSPECTIVE"));
  if (g_getenv ("DLB_MATRIX_EDIT") != NULL)
    gtk_widget_activate_action (GTK_WIDGET (fixture.page), "matrix.edit", "s", g_getenv ("DLB_MATRIX_EDIT"));
  if (g_getenv ("DLB_MATRIX_RANKING") != NULL)
    dlb_matrix_page_edit_weights (fixture.page, DLB_WEIGHTS_DIALOG_RANKING);
  g_signal_connect_swapped (fixture.window, "destroy", G_CALLBACK (g_main_loop_quit), loop);
  g_main_loop_run (loop);
  return 0;
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

  if (have_display && g_getenv ("DLB_MATRIX_SHOW") != NULL)
    return show_page ();

  g_test_add ("/app/matrix/weight-drag", Fixture, NULL, fixture_setup, test_weight_drag, fixture_teardown);
  g_test_add_func ("/app/matrix/weight-drag-journal", test_weight_drag_journal);
  g_test_add ("/app/matrix/score-editor", Fixture, NULL, fixture_setup, test_score_editor, fixture_teardown);
  g_test_add ("/app/matrix/missing-score", Fixture, NULL, fixture_setup, test_missing_score, fixture_teardown);
  g_test_add ("/app/matrix/perspective", Fixture, NULL, fixture_setup, test_perspective, fixture_teardown);
  g_test_add ("/app/matrix/ranking-dialog", Fixture, NULL, fixture_setup, test_ranking_dialog, fixture_teardown);
  g_test_add ("/app/matrix/add-option", Fixture, NULL, fixture_setup, test_add_option, fixture_teardown);
  g_test_add ("/app/matrix/criterion-gate", Fixture, NULL, fixture_setup, test_criterion_gate, fixture_teardown);
  g_test_add_func ("/app/matrix/ahp-dialog", test_ahp_dialog);
  g_test_add_func ("/app/matrix/empty-cases", test_empty_cases);

  return g_test_run ();
}
