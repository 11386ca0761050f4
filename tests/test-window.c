/* test-window.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dlb-about.h"
#include "dlb-application.h"
#include "dlb-collection-view.h"
#include "dlb-example.h"
#include "dlb-entity-editor.h"
#include "dlb-findings-page.h"
#include "dlb-history-window.h"
#include "dlb-info-row.h"
#include "dlb-items-page.h"
#include "dlb-matrix-page.h"
#include "dlb-memo-page.h"
#include "dlb-new-case-dialog.h"
#include "dlb-preferences-window.h"
#include "dlb-template.h"
#include "dlb-util.h"
#include "dlb-overview-page.h"
#include "dlb-score-editor.h"
#include "dlb-stakeholders-page.h"
#include "dlb-store.h"
#include "dlb-test-util.h"
#include "dlb-weights-dialog.h"
#include "dlb-window.h"

/* The case window, opened on a case file made from the built-in example:
 * every page shows as many rows as the case holds, an edit made through
 * an editor reaches the case and the file, and merely opening and
 * closing a case file leaves it byte for byte as it was. */

static char *tmp_dir;

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  spin_main_loop ();
}

static char *
make_example_file (const char *name)
{
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  kase = dlb_example_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);

  store = dlb_store_create (path, kase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  dlb_store_close (store);

  return path;
}

static char *
hash_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static DlbWindow *
open_window (const char *path,
             DlbStore  **out_store)
{
  g_autoptr(GError) error = NULL;
  DlbStore *store;
  DlbWindow *window;

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  window = dlb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  *out_store = store;
  return window;
}

static void
show_page (DlbWindow  *window,
           const char *name)
{
  GtkWidget *page = dlb_window_get_page (window, name);
  GtkWidget *stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (page);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  spin_main_loop ();
  g_assert_true (gtk_widget_get_mapped (page));
}

/* Whether @page shows that its figures are on their way (its stack on
 * the "pending" child, whatever a crossfade still draws). */
static gboolean
shows_pending (GtkWidget *page)
{
  GtkWidget *status = dlb_test_find_named (page, "pending-status");
  GtkWidget *stack = gtk_widget_get_ancestor (status, GTK_TYPE_STACK);

  return gtk_widget_get_mapped (page) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "pending") == 0;
}

/* The same figures, option by option, in two results. */
static void
assert_same_totals (DlbResult *got,
                    DlbResult *want)
{
  g_assert_nonnull (got);
  g_assert_cmpuint (dlb_result_get_n_options (got), ==, dlb_result_get_n_options (want));
  for (guint i = 0; i < dlb_result_get_n_options (want); i++)
    g_assert_cmpfloat_with_epsilon (dlb_result_get_total (got, i), dlb_result_get_total (want, i), 1e-12);
  g_assert_cmpint (dlb_result_get_winner (got), ==, dlb_result_get_winner (want));
}

/* A window shown before the first analysis of its case is in: each page
 * says the figures are on its way, none shows a blank or a made-up one,
 * and nothing is analysed on the spot. When the analysis comes, every
 * page fills in with the figures an analysis of its own gives. */
static void
test_pages_fill_in_when_analysis_comes (void)
{
  g_autofree char *path = make_example_file ("pending.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbAnalysis) own = NULL;
  g_autoptr(DlbRecommendation) expected = NULL;
  g_autofree char *summary = NULL;
  DlbAnalysis *analysis;
  DlbResult *want;
  DlbWindow *window;
  GtkWidget *overview, *matrix, *memo;
  const char *shown;
  DlbCase *kase;

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  kase = dlb_store_get_case (store);
  analysis = dlb_analysis_for_case (kase);
  dlb_analysis_set_held (analysis, TRUE);

  window = dlb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* The window maps with the page it opens on, and no other, built. */
  shown = adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_ancestor (dlb_window_get_visible_page (window),
                                                                                         ADW_TYPE_VIEW_STACK)));
  for (const char * const *name = dlb_window_get_page_names (); *name != NULL; name++)
    g_assert_cmpint (dlb_window_has_page (window, *name), ==, g_str_equal (*name, shown));

  overview = dlb_window_get_page (window, "overview");
  show_page (window, "overview");
  g_assert_true (gtk_widget_get_mapped (dlb_test_find_named (overview, "recommendation-pending")));
  g_assert_false (gtk_widget_get_visible (dlb_test_find_named (overview, "recommendation")));

  matrix = dlb_window_get_page (window, "matrix");
  show_page (window, "matrix");
  g_assert_true (shows_pending (matrix));
  g_assert_null (dlb_matrix_page_get_result (DLB_MATRIX_PAGE (matrix)));

  memo = dlb_window_get_page (window, "memo");
  show_page (window, "memo");
  g_assert_true (shows_pending (memo));
  g_assert_null (dlb_memo_page_get_document (DLB_MEMO_PAGE (memo)));
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, 0);

  dlb_analysis_set_held (analysis, FALSE);
  dlb_test_wait_for_analysis (kase);
  spin_main_loop ();
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, 1);

  own = dlb_analysis_new (kase, NULL);
  want = dlb_analysis_update_sync (own);
  expected = dlb_recommendation_new (kase, want);
  summary = dlb_recommendation_dup_summary (expected, FALSE);

  /* The memo, on screen, is written as soon as the analysis is in, in a
   * worker thread: until it comes the page says so, never blank. */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

    while (dlb_memo_page_get_document (DLB_MEMO_PAGE (memo)) == NULL && g_get_monotonic_time () < deadline)
      {
        g_assert_true (shows_pending (memo));
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (2000);
      }
  }
  spin_main_loop ();
  g_assert_false (shows_pending (memo));
  g_assert_nonnull (dlb_memo_page_get_document (DLB_MEMO_PAGE (memo)));
  assert_same_totals (dlb_memo_page_get_result (DLB_MEMO_PAGE (memo)), want);

  /* The pages left behind catch up when shown again. */
  show_page (window, "matrix");
  g_assert_false (shows_pending (matrix));
  assert_same_totals (dlb_matrix_page_get_result (DLB_MATRIX_PAGE (matrix)), want);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dlb_test_find_named (matrix, "summary"))), summary));

  show_page (window, "overview");
  g_assert_false (gtk_widget_get_visible (dlb_test_find_named (overview, "recommendation-pending")));
  g_assert_true (gtk_widget_get_mapped (dlb_test_find_named (overview, "recommendation")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dlb_test_find_named (overview, "recommendation"))), summary));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

static void
test_pages_show_every_row (void)
{
  g_autofree char *path = make_example_file ("rows.deliberate");
  g_autoptr(DlbStore) store = NULL;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  guint n_stakeholders = g_list_model_get_n_items (dlb_case_get_stakeholders (kase));
  guint n_findings = g_list_model_get_n_items (dlb_case_get_findings (kase));
  guint n_opportunities = dlb_case_count_items (kase, DLB_ITEM_OPPORTUNITY);
  guint n_risks = dlb_case_count_items (kase, DLB_ITEM_RISK);
  DlbOverviewPage *overview;
  DlbCollectionView *view;
  DlbItemsPage *items;

  /* What issue 2 asks of the example. */
  g_assert_cmpuint (n_stakeholders, ==, 11);
  g_assert_cmpuint (n_findings, ==, 8);
  g_assert_cmpuint (n_opportunities, ==, 4);
  g_assert_cmpuint (n_risks, ==, 4);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, dlb_case_get_title (kase));

  show_page (window, "overview");
  overview = DLB_OVERVIEW_PAGE (dlb_window_get_page (window, "overview"));
  dlb_test_wait_for_analysis (kase);
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "stakeholders"), ==, n_stakeholders);
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "opportunities"), ==, n_opportunities);
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "risks"), ==, n_risks);
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "options"), ==,
                    g_list_model_get_n_items (dlb_case_get_options (kase)));
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "criteria"), ==,
                    g_list_model_get_n_items (dlb_case_get_criteria (kase)));
  /* The engine's recommendation, at a glance: the memo's own conclusion. */
  {
    GtkLabel *line = dlb_overview_page_get_recommendation_label (overview);

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (line)));
    g_assert_nonnull (strstr (gtk_label_get_text (line), "Decline"));
    g_assert_nonnull (strstr (gtk_label_get_text (line), "holds unless"));
  }

  show_page (window, "stakeholders");
  view = dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (dlb_window_get_page (window, "stakeholders")));
  g_assert_cmpuint (count_rows (dlb_collection_view_get_list_box (view)), ==, n_stakeholders);

  show_page (window, "findings");
  view = dlb_findings_page_get_view (DLB_FINDINGS_PAGE (dlb_window_get_page (window, "findings")));
  g_assert_cmpuint (count_rows (dlb_collection_view_get_list_box (view)), ==, n_findings);

  show_page (window, "items");
  items = DLB_ITEMS_PAGE (dlb_window_get_page (window, "items"));
  g_assert_cmpuint (count_rows (dlb_items_page_get_list_box (items, DLB_ITEM_OPPORTUNITY)), ==, n_opportunities);
  g_assert_cmpuint (count_rows (dlb_items_page_get_list_box (items, DLB_ITEM_RISK)), ==, n_risks);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

static void
test_editor_changes_case_and_file (void)
{
  g_autofree char *path = make_example_file ("edit.deliberate");
  g_autofree char *before_hash = hash_file (path);
  g_autofree char *after_hash = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbStore) reopened = NULL;
  g_autoptr(DlbStakeholder) first = NULL;
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  DlbCollectionView *view;
  DlbEntityEditor *editor;
  GtkWidget *spin;
  int old_power, new_power;

  show_page (window, "stakeholders");
  view = dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (dlb_window_get_page (window, "stakeholders")));
  dlb_collection_view_select (view, 0);
  spin_main_loop ();

  first = g_list_model_get_item (dlb_case_get_stakeholders (kase), 0);
  id = g_strdup (dlb_stakeholder_get_id (first));
  editor = dlb_collection_view_get_editor (view);
  g_assert_true (dlb_entity_editor_get_entity (editor) == DLB_ENTITY (first));

  spin = dlb_entity_editor_get_control (editor, DLB_STAKEHOLDER_POWER);
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  old_power = dlb_stakeholder_get_power (first);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, old_power);
  new_power = old_power == 5 ? 4 : old_power + 1;

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), new_power);
  spin_main_loop ();
  g_assert_cmpint (dlb_stakeholder_get_power (first), ==, new_power);

  journal = dlb_store_get_journal (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, ==, 1);

  /* Undo and redo through the window's actions; the editor follows. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin_main_loop ();
  g_assert_cmpint (dlb_stakeholder_get_power (first), ==, old_power);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, old_power);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  spin_main_loop ();
  g_assert_cmpint (dlb_stakeholder_get_power (first), ==, new_power);

  /* The editor offers only the field's range, 1 to 5. */
  g_assert_cmpfloat (gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin))), ==, 5);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();

  after_hash = hash_file (path);
  g_assert_cmpstr (before_hash, !=, after_hash);

  reopened = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    DlbEntity *again = dlb_case_lookup_kind (dlb_store_get_case (reopened), DLB_KIND_STAKEHOLDER, id);

    g_assert_nonnull (again);
    g_assert_cmpint (dlb_stakeholder_get_power (DLB_STAKEHOLDER (again)), ==, new_power);
  }
  dlb_store_close (reopened);
}

/* The text a row shows in its label of @css_class ("title", "subtitle"),
 * or NULL when that label is hidden. */
static const char *
row_line (GtkWidget  *row,
          const char *css_class)
{
  if (GTK_IS_LABEL (row) && gtk_widget_has_css_class (row, css_class))
    return gtk_widget_get_visible (row) ? gtk_label_get_text (GTK_LABEL (row)) : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = row_line (child, css_class);

      if (text != NULL)
        return text;
    }
  return NULL;
}

/* The Overview's memo header and its recent changes, as they read: each
 * row's title and the line under it, and a change listed as it is made. */
static void
test_overview_rows (void)
{
  g_autofree char *path = make_example_file ("overview-rows.deliberate");
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) power = G_VALUE_INIT;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  GtkWidget *overview = dlb_window_get_page (window, "overview");
  g_autoptr(DlbStakeholder) first = g_list_model_get_item (dlb_case_get_stakeholders (kase), 0);
  GtkListBox *changes;
  GtkWidget *row;
  struct { const char *name, *title, *line; } memo[] = {
    { "memo-to", "To", dlb_case_get_memo_to (kase) },
    { "memo-from", "From", dlb_case_get_memo_from (kase) },
    { "memo-subject", "Subject", dlb_case_get_memo_subject (kase) },
    { "memo-date", "Date", NULL },
  };

  date = dlb_format_iso_date (dlb_case_get_memo_date (kase));
  memo[3].line = date;
  show_page (window, "overview");

  for (guint i = 0; i < G_N_ELEMENTS (memo); i++)
    {
      row = dlb_test_find_named (overview, memo[i].name);
      g_assert_true (DLB_IS_INFO_ROW (row));
      g_assert_true (gtk_widget_get_mapped (row));
      g_assert_cmpstr (row_line (row, "title"), ==, memo[i].title);
      g_assert_nonnull (memo[i].line);
      g_assert_cmpstr (row_line (row, "subtitle"), ==, memo[i].line);
    }

  /* A new case file has no history yet, and says so. */
  changes = GTK_LIST_BOX (dlb_test_find_named (overview, "recent-changes"));
  g_assert_cmpuint (count_rows (changes), ==, 1);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (changes, 0));
  g_assert_cmpstr (row_line (row, "title"), ==, "No changes yet");

  /* An edit is listed first, in the words of the history. */
  g_value_init (&power, G_TYPE_INT);
  g_value_set_int (&power, dlb_stakeholder_get_power (first) == 1 ? 2 : 1);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (first), DLB_STAKEHOLDER_POWER, &power, &error));
  g_assert_no_error (error);
  spin_main_loop ();

  {
    g_autoptr(GPtrArray) journal = dlb_store_get_journal (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (journal->len, ==, 1);
    description = dlb_journal_entry_dup_description (g_ptr_array_index (journal, 0));
  }
  g_assert_cmpuint (count_rows (changes), ==, 1);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (changes, 0));
  g_assert_cmpstr (row_line (row, "title"), ==, description);
  g_assert_nonnull (row_line (row, "subtitle"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

/* The case's own details are edited from the Overview: here, the analyst's
 * own recommendation, which the memo then shows beside the model's. */
static void
test_case_details (void)
{
  g_autofree char *path = make_example_file ("details.deliberate");
  g_autoptr(DlbStore) store = NULL;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  DlbOverviewPage *overview = DLB_OVERVIEW_PAGE (dlb_window_get_page (window, "overview"));
  GListModel *toplevels = NULL;
  GtkWindow *details = NULL;
  DlbEntityEditor *editor;
  GtkWidget *combo;

  show_page (window, "overview");
  g_assert_null (dlb_case_get_recommendation (kase));
  g_signal_emit_by_name (dlb_overview_page_get_edit_button (overview), "clicked");
  spin_main_loop ();

  toplevels = gtk_window_get_toplevels ();  /* GTK's own list */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_object_get_data (G_OBJECT (w), "editor") != NULL)
        details = w;
    }
  g_assert_nonnull (details);
  wait_until_mapped (GTK_WIDGET (details));

  editor = g_object_get_data (G_OBJECT (details), "editor");
  g_assert_true (dlb_entity_editor_get_entity (editor) == DLB_ENTITY (kase));
  combo = dlb_entity_editor_get_control (editor, DLB_CASE_RECOMMENDATION);
  g_assert_true (ADW_IS_COMBO_ROW (combo));

  /* Choices: none, then the options in case order. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 2);
  spin_main_loop ();
  g_assert_cmpstr (dlb_case_get_recommendation (kase), ==, "conditional");

  gtk_window_destroy (details);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

/* The stakeholder grid and the heat map are the memo's figures, drawn from
 * the case: their text alternatives count what the case holds, and follow
 * an edit made in an editor or in the case. */
static void
test_charts_follow_the_case (void)
{
  g_autofree char *path = make_example_file ("charts.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbStakeholder) first = NULL;
  g_autoptr(DlbItem) risk = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *before = NULL;
  g_autofree char *moved = NULL;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  DlbStakeholdersPage *stakeholders;
  DlbItemsPage *items;
  DlbChartView *chart;
  DlbCollectionView *view;
  GtkWidget *spin;
  const char *text;

  show_page (window, "stakeholders");
  stakeholders = DLB_STAKEHOLDERS_PAGE (dlb_window_get_page (window, "stakeholders"));
  chart = dlb_stakeholders_page_get_chart (stakeholders);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  text = dlb_chart_view_get_description (chart);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "11 stakeholders are mapped by power and interest."));
  before = g_strdup (text);

  /* The first stakeholder, the mayor, has power 5 and interest 5: manage
   * closely. Down to power 1 in the editor, she is to be kept informed. */
  first = g_list_model_get_item (dlb_case_get_stakeholders (kase), 0);
  g_assert_cmpint (dlb_stakeholder_get_power (first), >=, 3);
  g_assert_cmpint (dlb_stakeholder_get_interest (first), >=, 3);
  view = dlb_stakeholders_page_get_view (stakeholders);
  dlb_collection_view_select (view, 0);
  spin_main_loop ();
  spin = dlb_entity_editor_get_control (dlb_collection_view_get_editor (view), DLB_STAKEHOLDER_POWER);
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 1);
  spin_main_loop ();
  g_assert_cmpint (dlb_stakeholder_get_power (first), ==, 1);

  text = dlb_chart_view_get_description (chart);
  g_assert_cmpstr (text, !=, before);
  g_assert_true (g_str_has_prefix (text, "11 stakeholders are mapped by power and interest."));
  moved = g_strdup_printf ("Keep informed: %s", dlb_stakeholder_get_name (first));
  g_assert_nonnull (strstr (text, moved));

  /* And back with undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin_main_loop ();
  g_assert_cmpstr (dlb_chart_view_get_description (chart), ==, before);

  show_page (window, "items");
  items = DLB_ITEMS_PAGE (dlb_window_get_page (window, "items"));
  chart = dlb_items_page_get_heat_map (items);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  text = dlb_chart_view_get_description (chart);
  g_assert_nonnull (strstr (text, "4 opportunities are rated by likelihood and impact"));
  g_assert_nonnull (strstr (text, "4 risks are rated by likelihood and impact"));
  g_assert_null (strstr (text, "likelihood 5, impact 5"));

  /* A risk raised to the top cell becomes the highest. */
  for (guint i = 0; risk == NULL; i++)
    {
      g_autoptr(DlbItem) item = g_list_model_get_item (dlb_case_get_items (kase), i);

      g_assert_nonnull (item);
      if (dlb_item_get_kind (item) == DLB_ITEM_RISK)
        risk = g_steal_pointer (&item);
    }
  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, 5);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (risk), DLB_ITEM_LIKELIHOOD, &value, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (risk), DLB_ITEM_IMPACT, &value, &error));
  g_assert_no_error (error);
  spin_main_loop ();
  text = dlb_chart_view_get_description (chart);
  g_assert_nonnull (strstr (text, "the highest is R1 (likelihood 5, impact 5)"));

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

/* With the Memo page in front, an edit costs one analysis, made in the
 * background: no page runs one of its own, and the memo and the hidden
 * Decision Matrix both end up with its result. */
static void
on_busy (DlbAnalysis *analysis,
         GParamSpec  *pspec,
         gboolean    *saw_idle_main_loop)
{
  /* The edit returns before its analysis is in: the window stays
   * responsive while it runs. */
  if (dlb_analysis_get_busy (analysis))
    *saw_idle_main_loop = TRUE;
}

/* Lets the main loop run until the memo page shows the memo of the
 * analysis' last result, laid out in the background. */
static void
wait_for_memo (DlbMemoPage *memo,
               DlbAnalysis *analysis)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (dlb_memo_page_get_result (memo) != dlb_analysis_get_result (analysis) &&
         g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

static void
test_one_background_analysis_per_edit (void)
{
  g_autofree char *path = make_example_file ("background.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  DlbAnalysis *analysis = dlb_analysis_for_case (kase);
  DlbMemoPage *memo;
  DlbMatrixPage *matrix;
  DlbScore *score;
  gboolean went_busy = FALSE;
  guint runs;

  show_page (window, "memo");
  memo = DLB_MEMO_PAGE (dlb_window_get_page (window, "memo"));
  matrix = DLB_MATRIX_PAGE (dlb_window_get_page (window, "matrix"));
  dlb_test_wait_for_analysis (kase);
  spin_main_loop ();
  runs = dlb_analysis_get_n_runs (analysis);

  score = dlb_case_get_score (kase, "decline", "crime");
  g_assert_nonnull (score);
  g_signal_connect (analysis, "notify::busy", G_CALLBACK (on_busy), &went_busy);
  g_value_init (&value, G_TYPE_DOUBLE);
  g_value_set_double (&value, dlb_score_get_value (score) >= 5 ? 1 : 9);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (score), DLB_SCORE_VALUE, &value, &error));
  g_assert_no_error (error);
  g_assert_true (went_busy);
  g_assert_true (dlb_analysis_get_busy (analysis));

  dlb_test_wait_for_analysis (kase);
  spin_main_loop ();
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, runs + 1);
  wait_for_memo (memo, analysis);
  g_assert_true (dlb_memo_page_get_result (memo) == dlb_analysis_get_result (analysis));
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, runs + 1);
  g_signal_handlers_disconnect_by_data (analysis, &went_busy);

  /* The Decision Matrix, shown later, takes the same result. */
  show_page (window, "matrix");
  g_assert_true (dlb_matrix_page_get_result (matrix) == dlb_analysis_get_result (analysis));
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, runs + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

static void
test_opening_changes_nothing (void)
{
  g_autofree char *path = make_example_file ("untouched.deliberate");
  g_autofree char *before = hash_file (path);
  g_autofree char *after = NULL;
  g_autoptr(DlbStore) store = NULL;
  DlbWindow *window = open_window (path, &store);
  const char *pages[] = { "overview", "stakeholders", "findings", "items" };

  /* Look at every page and select a row, as a reader would. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    show_page (window, pages[i]);
  dlb_collection_view_select (dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (dlb_window_get_page (window, "stakeholders"))), 3);
  dlb_collection_view_select (dlb_findings_page_get_view (DLB_FINDINGS_PAGE (dlb_window_get_page (window, "findings"))), 2);
  spin_main_loop ();

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();

  after = hash_file (path);
  g_assert_cmpstr (before, ==, after);
}

/* The toplevel named @name, shown, or NULL. */
static GtkWindow *
find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (w)), name) == 0 && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

/* A case changed outside Deliberate: the window opens it read-only and
 * says so at once, with the way to a repaired copy. */
static void
test_changed_case_says_so (void)
{
  g_autofree char *path = make_example_file ("changed.deliberate");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = NULL;
  DlbWindow *window;
  GtkWindow *dialog;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE stakeholder SET power = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = hash_file (path);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dlb_store_get_damage (store));
  window = dlb_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));
  spin_main_loop ();

  dialog = find_toplevel ("damage-dialog");
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "changed outside Deliberate or is damaged"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "repair"));
  g_assert_true (dlb_store_get_read_only (store));
  g_assert_true (dlb_case_get_read_only (dlb_store_get_case (store)));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();

  after = hash_file (path);
  g_assert_cmpstr (before, ==, after);
}

/* Two windows on one file: the second is refused for editing with the
 * reason, and one opened read-only follows nothing the first writes. */
static void
test_two_windows (void)
{
  g_autofree char *path = make_example_file ("twice.deliberate");
  g_autoptr(DlbStore) first_store = NULL;
  g_autoptr(DlbStore) second_store = NULL;
  g_autoptr(GError) error = NULL;
  DlbWindow *first = open_window (path, &first_store);
  DlbWindow *second;

  g_assert_null (dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error));
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "is open for editing in another window or program"));
  g_clear_error (&error);

  second_store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  second = dlb_window_new (NULL, second_store);
  gtk_window_present (GTK_WINDOW (second));
  wait_until_mapped (GTK_WIDGET (second));
  g_assert_null (find_toplevel ("damage-dialog"));
  g_assert_true (dlb_case_get_read_only (dlb_store_get_case (second_store)));
  g_assert_false (dlb_case_get_read_only (dlb_store_get_case (first_store)));

  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (first));
  spin_main_loop ();
}

static void
test_new_case_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = dlb_application_new_case_path ("Ring / CPD", &error);
  g_autofree char *second = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *base = NULL;

  g_assert_no_error (error);
  base = g_path_get_basename (first);
  g_assert_cmpstr (base, ==, "Ring - CPD.deliberate");
  g_assert_true (g_str_has_prefix (first, g_get_user_data_dir ()));

  g_assert_true (g_file_set_contents (first, "", 0, NULL));
  second = dlb_application_new_case_path ("Ring / CPD", &error);
  g_assert_no_error (error);
  g_free (base);
  base = g_path_get_basename (second);
  g_assert_cmpstr (base, ==, "Ring - CPD (2).deliberate");

  dot = dlb_application_new_case_path ("..", &error);
  g_assert_no_error (error);
  g_free (base);
  base = g_path_get_basename (dot);
  g_assert_false (g_str_has_prefix (base, "."));
  g_unlink (first);
}

static DlbWindow *
find_case_window (GtkApplication *app,
                  const char     *path)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (DLB_IS_WINDOW (l->data) && dlb_window_get_store (l->data) != NULL &&
        g_str_equal (dlb_store_get_path (dlb_window_get_store (l->data)), path))
      return l->data;
  return NULL;
}

/* New Case: the file is named after the title in the chosen folder; the
 * memo's FROM, the office and the weighting method come from the
 * preferences; the template gives the checklist, a blank case nothing;
 * a folder that cannot take the file keeps the dialog open with a
 * message. */
static void
test_new_case_dialog (void)
{
  g_autoptr(DlbApplication) app = dlb_application_new ();
  g_autoptr(GSettings) settings = dlb_settings_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_path = g_build_filename (tmp_dir, "cases", NULL);
  g_autofree char *first = g_build_filename (folder_path, "License-plate readers.deliberate", NULL);
  g_autofree char *second = g_build_filename (folder_path, "License-plate readers (2).deliberate", NULL);
  g_autofree char *missing_path = g_build_filename (tmp_dir, "no-such-folder", "below", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  GtkWidget *dialog;
  DlbWindow *window;
  DlbCase *kase;

  g_assert_cmpint (g_mkdir_with_parents (folder_path, 0700), ==, 0);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_settings_set_string (settings, "memo-author", "Dana Ortiz, Senior Policy Advisor");
  g_settings_set_string (settings, "memo-office", "Office of the Chief Information Officer");
  g_settings_set_enum (settings, "weighting-method", DLB_WEIGHTING_RANKING);

  /* The default folder is the user's documents (or home). */
  {
    g_autoptr(GFile) def = dlb_new_case_default_folder ();

    g_assert_true (g_file_query_file_type (def, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY);
  }

  dialog = dlb_new_case_dialog_new (GTK_APPLICATION (app), NULL, DLB_TEMPLATE_SURVEILLANCE);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (dlb_new_case_dialog_get_template (DLB_NEW_CASE_DIALOG (dialog)), ==, DLB_TEMPLATE_SURVEILLANCE);

  /* No title: nothing is made. */
  dlb_new_case_dialog_set_folder (DLB_NEW_CASE_DIALOG (dialog), folder);
  dlb_new_case_dialog_set_title_text (DLB_NEW_CASE_DIALOG (dialog), "   ");
  g_assert_false (dlb_new_case_dialog_create (DLB_NEW_CASE_DIALOG (dialog)));
  g_assert_false (g_file_test (first, G_FILE_TEST_EXISTS));

  dlb_new_case_dialog_set_title_text (DLB_NEW_CASE_DIALOG (dialog), "License-plate readers");
  g_assert_true (dlb_new_case_dialog_create (DLB_NEW_CASE_DIALOG (dialog)));
  g_clear_object (&dialog);
  spin_main_loop ();

  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  window = find_case_window (GTK_APPLICATION (app), first);
  g_assert_nonnull (window);
  kase = dlb_store_get_case (dlb_window_get_store (window));
  g_assert_cmpstr (dlb_case_get_title (kase), ==, "License-plate readers");
  g_assert_cmpstr (dlb_case_get_memo_from (kase), ==, "Dana Ortiz, Senior Policy Advisor");
  g_assert_cmpstr (dlb_case_get_office (kase), ==, "Office of the Chief Information Officer");
  g_assert_cmpint (dlb_case_get_weighting (kase), ==, DLB_WEIGHTING_RANKING);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_criteria (kase)), ==, 9);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_options (kase)), ==, 3);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The same title again, blank: the next free name. */
  dialog = dlb_new_case_dialog_new (GTK_APPLICATION (app), NULL, NULL);
  g_object_ref_sink (dialog);
  g_assert_null (dlb_new_case_dialog_get_template (DLB_NEW_CASE_DIALOG (dialog)));
  dlb_new_case_dialog_set_folder (DLB_NEW_CASE_DIALOG (dialog), folder);
  dlb_new_case_dialog_set_title_text (DLB_NEW_CASE_DIALOG (dialog), "License-plate readers");
  g_assert_true (dlb_new_case_dialog_create (DLB_NEW_CASE_DIALOG (dialog)));
  g_clear_object (&dialog);
  spin_main_loop ();
  window = find_case_window (GTK_APPLICATION (app), second);
  g_assert_nonnull (window);
  kase = dlb_store_get_case (dlb_window_get_store (window));
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_criteria (kase)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_options (kase)), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A folder that is not there: the dialog stays, with a message over it. */
  dialog = dlb_new_case_dialog_new (GTK_APPLICATION (app), NULL, NULL);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  dlb_new_case_dialog_set_folder (DLB_NEW_CASE_DIALOG (dialog), missing);
  dlb_new_case_dialog_set_title_text (DLB_NEW_CASE_DIALOG (dialog), "Drones");
  g_assert_false (dlb_new_case_dialog_create (DLB_NEW_CASE_DIALOG (dialog)));
  spin_main_loop ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    gboolean found = FALSE;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (dialog))
        {
          found = TRUE;
          gtk_window_destroy (l->data);
          break;
        }
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&dialog);
  spin_main_loop ();

  g_settings_reset (settings, "memo-author");
  g_settings_reset (settings, "memo-office");
  g_settings_reset (settings, "weighting-method");
}

static void
test_lists_follow_the_case (void)
{
  g_autofree char *path = make_example_file ("follow.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbStakeholder) added = dlb_stakeholder_new ("Chicago Public Library patrons");
  g_autoptr(GError) error = NULL;
  DlbWindow *window = open_window (path, &store);
  DlbCase *kase = dlb_store_get_case (store);
  DlbOverviewPage *overview = DLB_OVERVIEW_PAGE (dlb_window_get_page (window, "overview"));
  DlbCollectionView *view;
  GtkListBox *list;
  guint n;

  show_page (window, "stakeholders");
  view = dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (dlb_window_get_page (window, "stakeholders")));
  list = dlb_collection_view_get_list_box (view);
  n = count_rows (list);

  g_assert_true (dlb_case_insert (kase, DLB_ENTITY (added), -1, &error));
  g_assert_no_error (error);
  spin_main_loop ();
  g_assert_cmpuint (count_rows (list), ==, n + 1);
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "stakeholders"), ==, n + 1);

  g_assert_true (dlb_case_remove (kase, DLB_ENTITY (added), &error));
  g_assert_no_error (error);
  spin_main_loop ();
  g_assert_cmpuint (count_rows (list), ==, n);
  g_assert_cmpuint (dlb_overview_page_get_count (overview, "stakeholders"), ==, n);

  /* Undoing the removal brings the row back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  spin_main_loop ();
  g_assert_cmpuint (count_rows (list), ==, n + 1);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

static void
test_window_keeps_size_and_page (void)
{
  g_autofree char *path = make_example_file ("size.deliberate");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *page = NULL;
  DlbWindow *window;

  g_settings_set_int (settings, "window-width", 720);
  g_settings_set_int (settings, "window-height", 540);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_string (settings, "last-page", "findings");

  window = open_window (path, &store);
  /* The window opens on the page it was closed on. */
  g_assert_true (gtk_widget_get_mapped (dlb_window_get_page (window, "findings")));

  show_page (window, "items");
  page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (page, ==, "items");

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_close (GTK_WINDOW (window));
  spin_main_loop ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "last-page");
}

/* A development build says so on every window: libadwaita stripes the
 * header bar of a window with the "devel" class. */
static void
test_window_marks_profile (void)
{
  g_autofree char *path = make_example_file ("profile.deliberate");
  g_autoptr(DlbStore) store = NULL;
  DlbWindow *window = open_window (path, &store);

  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"), ==, DEVELOPMENT_PROFILE);

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

/* The About window tells what the newest release brings, as the metainfo
 * words it, and in Spanish for a Spanish speaker. */
static void
test_about_release_notes (void)
{
  GtkWidget *about = dlb_about_window_new (NULL);
  const char *notes = adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about));

  g_assert_cmpstr (adw_about_window_get_release_notes_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (g_str_has_prefix (notes, "<p>"));
  g_assert_nonnull (strstr (notes, "<li>"));
  g_assert_null (strstr (notes, "memorando"));
  gtk_window_destroy (GTK_WINDOW (about));

  g_setenv ("LANGUAGE", "es", TRUE);
  about = dlb_about_window_new (NULL);
  notes = adw_about_window_get_release_notes (ADW_ABOUT_WINDOW (about));
  g_assert_true (g_str_has_prefix (notes, "<p>"));
  g_assert_nonnull (strstr (notes, "memorando"));
  gtk_window_destroy (GTK_WINDOW (about));
  g_unsetenv ("LANGUAGE");
  spin_main_loop ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every preference is its GSettings key, both ways: a change of the key
 * made elsewhere shows in the window, a change in the window reaches the
 * key. */
static void
test_preferences_follow_settings (void)
{
  static const struct {
    const char *key;
    const char *title;
    const char *nicks[5];
  } enums[] = {
    { "paper-size", "Paper Size", { "auto", "letter", "a4", NULL } },
    { "weighting-method", "Weighting Method", { "direct", "ranking", "ahp", "swing", NULL } },
  };
  static const struct {
    const char *key;
    const char *title;
  } texts[] = {
    { "memo-author", "Author" },
    { "memo-office", "Office" },
  };
  g_autoptr(GSettings) settings = dlb_settings_new ();
  GtkWidget *window = dlb_preferences_window_new (NULL);

  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (window);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *row = find_row (window, ADW_TYPE_ENTRY_ROW, texts[i].title);
      g_autofree char *value = NULL;

      g_assert_nonnull (row);
      g_settings_set_string (settings, texts[i].key, "Ines Park");
      spin_main_loop ();
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Ines Park");

      gtk_editable_set_text (GTK_EDITABLE (row), "Office of Records");
      spin_main_loop ();
      value = g_settings_get_string (settings, texts[i].key);
      g_assert_cmpstr (value, ==, "Office of Records");
      g_settings_reset (settings, texts[i].key);
    }

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      GtkWidget *row = find_row (window, ADW_TYPE_COMBO_ROW, enums[i].title);

      g_assert_nonnull (row);
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

      for (guint n = 0; enums[i].nicks[n] != NULL; n++)
        {
          g_settings_set_string (settings, enums[i].key, enums[i].nicks[n]);
          spin_main_loop ();
          g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, n);
        }

      for (guint n = 0; enums[i].nicks[n] != NULL; n++)
        {
          g_autofree char *value = NULL;

          adw_combo_row_set_selected (ADW_COMBO_ROW (row), n);
          spin_main_loop ();
          value = g_settings_get_string (settings, enums[i].key);
          g_assert_cmpstr (value, ==, enums[i].nicks[n]);
        }
      g_settings_reset (settings, enums[i].key);
      spin_main_loop ();
      g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

/* The keypad's keys do what their twins on the main keyboard do, and the
 * shortcuts window shows the twin. */
static guint
main_keyboard_twin (guint keyval)
{
  static const guint twins[][2] = {
    { GDK_KEY_KP_Up, GDK_KEY_Up },
    { GDK_KEY_KP_Down, GDK_KEY_Down },
    { GDK_KEY_KP_Left, GDK_KEY_Left },
    { GDK_KEY_KP_Right, GDK_KEY_Right },
    { GDK_KEY_KP_Page_Up, GDK_KEY_Page_Up },
    { GDK_KEY_KP_Page_Down, GDK_KEY_Page_Down },
    { GDK_KEY_KP_Home, GDK_KEY_Home },
    { GDK_KEY_KP_End, GDK_KEY_End },
    { GDK_KEY_KP_Enter, GDK_KEY_Return },
    { GDK_KEY_ISO_Enter, GDK_KEY_Return },
    { GDK_KEY_KP_Space, GDK_KEY_space },
    { GDK_KEY_KP_Add, GDK_KEY_plus },
    { GDK_KEY_KP_Subtract, GDK_KEY_minus },
    { GDK_KEY_KP_0, GDK_KEY_0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
    if (twins[i][0] == keyval)
      return twins[i][1];
  return gdk_keyval_to_lower (keyval);
}

static char *
normalise_accelerator (guint           keyval,
                       GdkModifierType modifiers)
{
  return gtk_accelerator_name (main_keyboard_twin (keyval), modifiers & gtk_accelerator_get_default_mod_mask ());
}

static char *
parse_accelerator (const char *accelerator)
{
  guint keyval = 0;
  GdkModifierType modifiers = 0;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  return normalise_accelerator (keyval, modifiers);
}

/* A GtkShortcutsShortcut's accelerator is a list of alternatives. */
static void
collect_shown (GtkWidget  *widget,
               GHashTable *shown)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) alternatives = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      alternatives = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; alternatives[i] != NULL; i++)
        if (alternatives[i][0] != '\0')
          g_hash_table_add (shown, parse_accelerator (alternatives[i]));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown (child, shown);
}

/* The first owner found is the one named when the key is missing. */
static void
add_bound (GHashTable *bound,
           char       *accelerator,
           const char *owner)
{
  if (g_hash_table_contains (bound, accelerator))
    g_free (accelerator);
  else
    g_hash_table_insert (bound, accelerator, g_strdup (owner));
}

static void
collect_trigger (GtkShortcutTrigger *trigger,
                 const char         *owner,
                 GHashTable         *bound)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    add_bound (bound,
               normalise_accelerator (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                      gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger))),
               owner);
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      collect_trigger (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), owner, bound);
      collect_trigger (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), owner, bound);
    }
}

static GtkEventController *
find_class_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") == 0)
        return controller;
    }
  return NULL;
}

/* A class's bindings include its parent's, the very same objects: those
 * of GTK's or libadwaita's class that a widget of Deliberate's derives
 * from (a window's Tab and its inspector keys). */
static GPtrArray *
inherited_shortcuts (GtkWidget *widget)
{
  GPtrArray *shortcuts = g_ptr_array_new_with_free_func (g_object_unref);
  GType parent = G_OBJECT_TYPE (widget);
  GtkWidget *instance;
  GtkEventController *controller;

  while (g_str_has_prefix (g_type_name (parent), "Dlb"))
    parent = g_type_parent (parent);
  if (G_TYPE_IS_ABSTRACT (parent))
    return shortcuts;

  instance = g_object_ref_sink (g_object_new (parent, NULL));
  controller = find_class_shortcuts (instance);
  for (guint i = 0; controller != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
    g_ptr_array_add (shortcuts, g_list_model_get_item (G_LIST_MODEL (controller), i));
  if (GTK_IS_WINDOW (instance))
    gtk_window_destroy (GTK_WINDOW (instance));
  g_object_unref (instance);
  return shortcuts;
}

/* GTK's and libadwaita's widgets bring keys of their own (a text field's
 * Ctrl+A, a list's Ctrl+Home) that are theirs to document; Deliberate's
 * are the class bindings of its own widgets and the controllers it adds,
 * which GTK leaves unnamed (the menus' accelerators among them). */
static gboolean
is_ours (GtkWidget          *widget,
         GtkEventController *controller)
{
  if (gtk_event_controller_get_name (controller) == NULL)
    return TRUE;
  return g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Dlb") &&
         g_strcmp0 (gtk_event_controller_get_name (controller), "gtk-widget-class-shortcuts") == 0;
}

static void
collect_bound (GtkWidget  *widget,
               GHashTable *bound)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GPtrArray) inherited = NULL;
  const char *owner = G_OBJECT_TYPE_NAME (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      const char * const *keys = dlb_key_controller_get_keys (controller);

      if (keys != NULL)
        for (guint k = 0; keys[k] != NULL; k++)
          add_bound (bound, parse_accelerator (keys[k]), owner);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) && is_ours (widget, controller))
        for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
            g_autofree char *description = g_strdup_printf ("%s %s %s", owner,
                                                            gtk_event_controller_get_name (controller),
                                                            G_OBJECT_TYPE_NAME (gtk_shortcut_get_action (shortcut)));

            if (inherited == NULL && gtk_event_controller_get_name (controller) != NULL)
              inherited = inherited_shortcuts (widget);
            if (inherited != NULL && g_ptr_array_find (inherited, shortcut, NULL))
              continue;

            collect_trigger (gtk_shortcut_get_trigger (shortcut), description, bound);
          }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_bound (child, bound);
}

/* The shortcuts window lists every key Deliberate binds: the
 * application's accelerators, the bindings of its windows, pages and
 * dialogs, and the keys its charts handle themselves (named beside their
 * handlers, dlb_key_controller_new()). */
static void
test_shortcuts_window_lists_every_shortcut (void)
{
  g_autoptr(DlbApplication) app = dlb_application_new ();
  g_autofree char *path = make_example_file ("shortcuts.deliberate");
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bound = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) actions = NULL;
  g_autoptr(DlbStore) store = NULL;
  GtkShortcutsWindow *overlay;
  GtkWidget *window;
  GtkWidget *others[6] = { NULL, };
  DlbCase *kase;
  GHashTableIter iter;
  gpointer key, value;

  /* An application starts up once a process, and the new-case test has
   * started one already. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  kase = dlb_store_get_case (store);
  window = GTK_WIDGET (dlb_window_new (GTK_APPLICATION (app), store));
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (window);

  /* As the menu item and Ctrl+? open it. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  overlay = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (GTK_IS_SHORTCUTS_WINDOW (l->data))
      overlay = l->data;
  g_assert_nonnull (overlay);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  collect_shown (GTK_WIDGET (overlay), shown);

  /* The application's accelerators. */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint a = 0; accels[a] != NULL; a++)
        add_bound (bound, parse_accelerator (accels[a]), actions[i]);
    }

  /* The keys the window, its pages and the dialogs bind themselves. */
  {
    g_autoptr(DlbEntity) option = g_list_model_get_item (dlb_case_get_options (kase), 0);
    GtkWidget *matrix = dlb_window_get_page (DLB_WINDOW (window), "matrix");

    others[0] = dlb_history_window_new (GTK_WINDOW (window), store);
    others[1] = dlb_new_case_dialog_new (GTK_APPLICATION (app), GTK_WINDOW (window), DLB_TEMPLATE_SURVEILLANCE);
    others[2] = GTK_WIDGET (dlb_weights_dialog_new (kase, DLB_WEIGHTS_DIALOG_RANKING));
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (dlb_case_get_criteria (kase), 0);

      others[3] = GTK_WIDGET (dlb_score_editor_new (kase, dlb_entity_get_id (option), dlb_entity_get_id (criterion)));
    }
    others[4] = GTK_WIDGET (dlb_entity_editor_window_new (window, kase, option, "Option", NULL));
    g_assert_true (gtk_widget_activate_action (matrix, "matrix.edit", "s", dlb_entity_get_id (option)));
    spin_main_loop ();
    for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
      if (gtk_window_get_transient_for (l->data) == GTK_WINDOW (window) &&
          g_strcmp0 (gtk_window_get_title (l->data), "Option") == 0 && l->data != others[4])
        others[5] = l->data;
    g_assert_nonnull (others[5]);
  }
  collect_bound (window, bound);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    collect_bound (others[i], bound);

  g_hash_table_iter_init (&iter, bound);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (shown, key))
        g_string_append_printf (missing, " %s (%s)", (char *) key, (char *) value);
    }
  if (missing->len > 0)
    g_error ("the shortcuts window leaves out:%s", missing->str);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    gtk_window_destroy (GTK_WINDOW (others[i]));
  gtk_window_destroy (GTK_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (window));
  spin_main_loop ();
}

static void
test_no_display (void)
{
  g_test_skip ("no display: run under xvfb-run to test the window");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  tmp_dir = g_dir_make_tmp ("deliberate-window-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp_dir, "data", NULL);
  /* Before anything asks GLib for the user's folders. */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  dlb_test_init_store ();

  if (!gtk_init_check ())
    {
      remove_tree (tmp_dir);
      if (g_getenv ("DLB_TEST_REQUIRE_DISPLAY") != NULL)
        {
          g_printerr ("test-window: no display, but DLB_TEST_REQUIRE_DISPLAY is set: run it under xvfb-run\n");
          return 1;
        }
      g_test_add_func ("/app/window/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

  /* The sizes the application's style sheet gives must hold too. */
  dlb_test_load_style_sheet ();

  g_test_add_func ("/app/window/pages-show-every-row", test_pages_show_every_row);
  g_test_add_func ("/app/window/pages-fill-in-when-analysis-comes", test_pages_fill_in_when_analysis_comes);
  g_test_add_func ("/app/window/editor-changes-case-and-file", test_editor_changes_case_and_file);
  g_test_add_func ("/app/window/charts-follow-the-case", test_charts_follow_the_case);
  g_test_add_func ("/app/window/case-details", test_case_details);
  g_test_add_func ("/app/window/overview-rows", test_overview_rows);
  g_test_add_func ("/app/window/opening-changes-nothing", test_opening_changes_nothing);
  g_test_add_func ("/app/window/changed-case-says-so", test_changed_case_says_so);
  g_test_add_func ("/app/window/two-windows", test_two_windows);
  g_test_add_func ("/app/window/one-background-analysis-per-edit", test_one_background_analysis_per_edit);
  g_test_add_func ("/app/window/lists-follow-the-case", test_lists_follow_the_case);
  g_test_add_func ("/app/window/keeps-size-and-page", test_window_keeps_size_and_page);
  g_test_add_func ("/app/window/marks-profile", test_window_marks_profile);
  g_test_add_func ("/app/about/release-notes", test_about_release_notes);
  g_test_add_func ("/app/application/new-case-path", test_new_case_path);
  g_test_add_func ("/app/application/new-case-dialog", test_new_case_dialog);
  g_test_add_func ("/app/preferences/follow-settings", test_preferences_follow_settings);
  g_test_add_func ("/app/shortcuts/window-lists-every-shortcut", test_shortcuts_window_lists_every_shortcut);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
