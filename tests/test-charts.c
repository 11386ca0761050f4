/* test-charts.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlb-charts.h"
#include "dlb-example.h"
#include "dlb-items-page.h"
#include "dlb-model.h"
#include "dlb-stakeholders-page.h"
#include "dlb-store.h"
#include "dlb-test-util.h"

/* The charts a user operates, on the built-in Ring example: a stakeholder
 * dragged on the power/interest grid, or moved with the arrow keys, is
 * one edit and one Undo; a click still opens it; a heat-map cell lists
 * its items. The gestures' own handlers run, fed the signals a pointer
 * or a key would raise. */

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
  char      *dir;
  char      *path;
  DlbStore  *store;
  DlbCase   *kase;
  guint      n_changed;
  GtkWidget *window;
  GtkWidget *page;
} Fixture;

static void
on_changed (DlbCase *kase,
            guint    kinds,
            Fixture *fixture)
{
  fixture->n_changed++;
}

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) example = NULL;

  fixture->dir = g_dir_make_tmp ("test-charts-XXXXXX", &error);
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
  if (fixture->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      spin_main_loop ();
    }
  dlb_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_remove (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Shows @type, a case page, on the fixture's case, until @chart of it is
 * drawn at its size. */
static void
show_page (Fixture   *fixture,
           GType      type,
           GtkWidget *(*get_chart) (GtkWidget *page))
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  GtkWidget *chart;

  fixture->page = g_object_new (type, NULL);
  dlb_case_page_set_case (DLB_CASE_PAGE (fixture->page), fixture->kase);
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
  adw_window_set_content (ADW_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
  chart = get_chart (fixture->page);
  while ((!gtk_widget_get_mapped (chart) || gtk_widget_get_width (chart) <= 40) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (chart));
  spin_main_loop ();
}

static GtkWidget *
grid_of (GtkWidget *page)
{
  return GTK_WIDGET (dlb_stakeholders_page_get_chart (DLB_STAKEHOLDERS_PAGE (page)));
}

static GtkWidget *
heat_map_of (GtkWidget *page)
{
  return GTK_WIDGET (dlb_items_page_get_heat_map (DLB_ITEMS_PAGE (page)));
}

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  g_assert_not_reached ();
  return NULL;
}

/* Where on the grid widget stakeholder @index's marker is drawn. */
static void
marker_position (GtkWidget *chart,
                 DlbCase   *kase,
                 guint      index,
                 double    *x,
                 double    *y)
{
  GStringChunk *strings = g_string_chunk_new (256);
  g_autofree DlbGridPoint *points = NULL;
  g_autoptr(GArray) boxes = NULL;
  double width, height;
  DlbLabelBox *b;
  guint n;

  g_assert_true (dlb_chart_view_to_chart (DLB_CHART_VIEW (chart), 0, 0, NULL, NULL, &width, &height));
  points = dlb_chart_grid_points_from_case (kase, strings, &n);
  g_assert_cmpuint (index, <, n);
  boxes = dlb_chart_grid_place_labels (points, n, width, height);
  b = &g_array_index (boxes, DlbLabelBox, index);
  dlb_chart_view_from_chart (DLB_CHART_VIEW (chart), b->point_x, b->point_y, x, y);
  g_string_chunk_free (strings);
}

/* The centre of a grid cell on the widget. */
static void
cell_centre (GtkWidget *chart,
             int        power,
             int        interest,
             double    *x,
             double    *y)
{
  double width, height, px, py, pw, ph;

  g_assert_true (dlb_chart_view_to_chart (DLB_CHART_VIEW (chart), 0, 0, NULL, NULL, &width, &height));
  dlb_chart_grid_plot_area (width, height, &px, &py, &pw, &ph);
  dlb_chart_view_from_chart (DLB_CHART_VIEW (chart), px + (interest - 0.5) * pw / 5,
                             py + ph - (power - 0.5) * ph / 5, x, y);
}

static DlbStakeholder *
stakeholder_at (DlbCase *kase,
                guint    index)
{
  DlbStakeholder *s = g_list_model_get_item (dlb_case_get_stakeholders (kase), index);

  g_assert_nonnull (s);
  return s;
}

static int
selected_row (GtkWidget *page)
{
  DlbCollectionView *view = dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (page));
  GtkListBoxRow *row = gtk_list_box_get_selected_row (dlb_collection_view_get_list_box (view));

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

static void
test_drag (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStakeholder) s = NULL;
  g_autofree char *preview = NULL;
  GtkEventController *drag;
  GtkWidget *chart;
  const guint index = 2;
  int power, interest, to_power, to_interest;
  double x, y, tx, ty;
  guint n_before;

  if (skip_without_display ())
    return;

  show_page (fixture, DLB_TYPE_STAKEHOLDERS_PAGE, grid_of);
  chart = grid_of (fixture->page);
  drag = find_controller (chart, GTK_TYPE_GESTURE_DRAG);
  s = stakeholder_at (fixture->kase, index);
  power = dlb_stakeholder_get_power (s);
  interest = dlb_stakeholder_get_interest (s);
  /* A cell that differs in both. */
  to_power = power >= 3 ? 1 : 5;
  to_interest = interest >= 3 ? 1 : 5;
  marker_position (chart, fixture->kase, index, &x, &y);
  cell_centre (chart, to_power, to_interest, &tx, &ty);
  n_before = dlb_test_journal_length (fixture->store);
  fixture->n_changed = 0;

  /* On the way, the marker shows where it would land, and says so, but
   * nothing is written. */
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", (tx - x) / 2, (ty - y) / 2);
  g_signal_emit_by_name (drag, "drag-update", tx - x, ty - y);
  g_assert_cmpuint (dlb_test_journal_length (fixture->store), ==, n_before);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, power);
  preview = g_strdup_printf ("Selected: %s, power %d, interest %d.", dlb_stakeholder_get_name (s),
                             to_power, to_interest);
  g_assert_nonnull (strstr (dlb_chart_view_get_description (DLB_CHART_VIEW (chart)), preview));

  /* Released: one edit of both. */
  g_signal_emit_by_name (drag, "drag-end", tx - x, ty - y);
  spin_main_loop ();
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_cmpuint (dlb_test_rows_in_one_new_group (fixture->store, n_before), ==, 2);
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, to_power);
  g_assert_cmpint (dlb_stakeholder_get_interest (s), ==, to_interest);
  g_assert_nonnull (strstr (dlb_chart_view_get_description (DLB_CHART_VIEW (chart)), preview));
  g_assert_cmpint (selected_row (fixture->page), ==, (int) index);
  {
    g_autofree char *undo = dlb_store_dup_undo_description (fixture->store);
    g_autofree char *move = g_strdup_printf ("Move %s on the power/interest grid", dlb_stakeholder_get_name (s));

    g_assert_nonnull (undo);
    g_assert_nonnull (strstr (undo, move));
  }

  /* One Undo puts it back where it was, on the grid and in its words. */
  g_assert_true (dlb_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  spin_main_loop ();
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, power);
  g_assert_cmpint (dlb_stakeholder_get_interest (s), ==, interest);
  g_assert_null (strstr (dlb_chart_view_get_description (DLB_CHART_VIEW (chart)), preview));
}

/* Taken away and brought back to its own cell: no edit. A press and
 * release with no travel is a click, which opens the stakeholder. */
static void
test_drag_back_and_click (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(DlbStakeholder) s = NULL;
  g_autofree char *before = NULL;
  GtkEventController *drag;
  GtkWidget *chart;
  const guint index = 4;
  int power, interest;
  double x, y, tx, ty, bx, by;
  guint n_before;

  if (skip_without_display ())
    return;

  show_page (fixture, DLB_TYPE_STAKEHOLDERS_PAGE, grid_of);
  chart = grid_of (fixture->page);
  drag = find_controller (chart, GTK_TYPE_GESTURE_DRAG);
  s = stakeholder_at (fixture->kase, index);
  power = dlb_stakeholder_get_power (s);
  interest = dlb_stakeholder_get_interest (s);
  marker_position (chart, fixture->kase, index, &x, &y);
  cell_centre (chart, power >= 3 ? 1 : 5, interest, &tx, &ty);
  cell_centre (chart, power, interest, &bx, &by);
  n_before = dlb_test_journal_length (fixture->store);
  fixture->n_changed = 0;
  g_assert_cmpint (selected_row (fixture->page), !=, (int) index);
  before = g_strdup (dlb_chart_view_get_description (DLB_CHART_VIEW (chart)));

  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", tx - x, ty - y);
  g_assert_cmpstr (dlb_chart_view_get_description (DLB_CHART_VIEW (chart)), !=, before);
  g_signal_emit_by_name (drag, "drag-update", bx - x, by - y);
  g_signal_emit_by_name (drag, "drag-end", bx - x, by - y);
  spin_main_loop ();
  g_assert_cmpuint (dlb_test_journal_length (fixture->store), ==, n_before);
  g_assert_cmpuint (fixture->n_changed, ==, 0);
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, power);
  g_assert_cmpint (dlb_stakeholder_get_interest (s), ==, interest);

  /* A click on another one opens it. */
  marker_position (chart, fixture->kase, index + 1, &x, &y);
  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", 1.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 1.0, 0.0);
  spin_main_loop ();
  g_assert_cmpint (selected_row (fixture->page), ==, (int) index + 1);
  g_assert_cmpuint (dlb_test_journal_length (fixture->store), ==, n_before);

  /* Off the markers, the press is left to the page. */
  g_signal_emit_by_name (drag, "drag-begin", 1.0, 1.0);
  g_signal_emit_by_name (drag, "drag-update", 100.0, 100.0);
  g_signal_emit_by_name (drag, "drag-end", 100.0, 100.0);
  spin_main_loop ();
  g_assert_cmpuint (dlb_test_journal_length (fixture->store), ==, n_before);
  g_assert_cmpint (selected_row (fixture->page), ==, (int) index + 1);
}

static gboolean
press_key (GtkEventController *key,
           guint               keyval)
{
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
  spin_main_loop ();
  return handled;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkEventController *key;
  GtkWidget *chart;
  DlbCollectionView *view;
  guint n, index = G_MAXUINT, n_before;
  g_autoptr(DlbStakeholder) s = NULL;
  int power, interest;

  if (skip_without_display ())
    return;

  show_page (fixture, DLB_TYPE_STAKEHOLDERS_PAGE, grid_of);
  chart = grid_of (fixture->page);
  g_assert_true (gtk_widget_get_focusable (chart));
  gtk_widget_grab_focus (chart);
  key = find_controller (chart, GTK_TYPE_EVENT_CONTROLLER_KEY);
  view = dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (fixture->page));

  /* One that can move left and down. */
  n = g_list_model_get_n_items (dlb_case_get_stakeholders (fixture->kase));
  for (guint i = 0; i < n && index == G_MAXUINT; i++)
    {
      g_autoptr(DlbStakeholder) candidate = stakeholder_at (fixture->kase, i);

      if (dlb_stakeholder_get_power (candidate) > 1 && dlb_stakeholder_get_interest (candidate) > 1)
        index = i;
    }
  g_assert_cmpuint (index, <, n - 1);

  /* Page Down and Page Up choose among them, in the list's order, and the
   * focus stays on the grid. */
  dlb_collection_view_select (view, index);
  gtk_widget_grab_focus (chart);
  g_assert_true (press_key (key, GDK_KEY_Page_Down));
  g_assert_cmpint (selected_row (fixture->page), ==, (int) index + 1);
  g_assert_true (gtk_widget_has_focus (chart));
  g_assert_true (press_key (key, GDK_KEY_Page_Up));
  g_assert_cmpint (selected_row (fixture->page), ==, (int) index);

  s = stakeholder_at (fixture->kase, index);
  power = dlb_stakeholder_get_power (s);
  interest = dlb_stakeholder_get_interest (s);
  n_before = dlb_test_journal_length (fixture->store);
  fixture->n_changed = 0;

  /* Each arrow, one cell and one edit. */
  g_assert_true (press_key (key, GDK_KEY_Left));
  g_assert_cmpint (dlb_stakeholder_get_interest (s), ==, interest - 1);
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, power);
  g_assert_cmpuint (dlb_test_rows_in_one_new_group (fixture->store, n_before), ==, 1);
  g_assert_true (press_key (key, GDK_KEY_Down));
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, power - 1);
  g_assert_cmpuint (dlb_test_rows_in_one_new_group (fixture->store, n_before + 1), ==, 1);
  g_assert_cmpuint (fixture->n_changed, ==, 2);
  g_assert_cmpint (selected_row (fixture->page), ==, (int) index);
  {
    g_autofree char *said = g_strdup_printf ("Selected: %s, power %d, interest %d.",
                                             dlb_stakeholder_get_name (s), power - 1, interest - 1);

    g_assert_nonnull (strstr (dlb_chart_view_get_description (DLB_CHART_VIEW (chart)), said));
  }

  /* Past the edge, nothing. */
  for (int i = dlb_stakeholder_get_power (s); i > 1; i--)
    press_key (key, GDK_KEY_Down);
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, 1);
  n_before = dlb_test_journal_length (fixture->store);
  g_assert_true (press_key (key, GDK_KEY_Down));
  g_assert_cmpuint (dlb_test_journal_length (fixture->store), ==, n_before);

  /* Undo takes back one arrow at a time. */
  g_assert_true (dlb_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, 2);

  /* Other keys are the page's. */
  g_assert_false (press_key (key, GDK_KEY_a));
}

static GtkListBox *
open_cell (GtkWidget *heat_map,
           gboolean   risk,
           int        likelihood,
           int        impact)
{
  GtkEventController *click = find_controller (heat_map, GTK_TYPE_GESTURE_CLICK);
  double width, height, x, y, w, h, wx, wy;
  GtkPopover *popover;

  g_assert_true (dlb_chart_view_to_chart (DLB_CHART_VIEW (heat_map), 0, 0, NULL, NULL, &width, &height));
  dlb_chart_heat_map_cell_area (width, height, risk, likelihood, impact, &x, &y, &w, &h);
  dlb_chart_view_from_chart (DLB_CHART_VIEW (heat_map), x + w / 2, y + h / 2, &wx, &wy);
  g_signal_emit_by_name (click, "released", 1, wx, wy);
  spin_main_loop ();
  popover = dlb_chart_view_get_popover (DLB_CHART_VIEW (heat_map));
  g_assert_nonnull (popover);
  return GTK_LIST_BOX (dlb_test_find_named (GTK_WIDGET (popover), "heat-map-cell"));
}

static void
test_heat_map_cell (Fixture       *fixture,
                    gconstpointer  data)
{
  GStringChunk *strings = g_string_chunk_new (256);
  g_autofree DlbHeatItem *items = NULL;
  GListModel *case_items = dlb_case_get_items (fixture->kase);
  GtkWidget *heat_map;
  GtkListBox *list;
  GtkListBoxRow *row;
  guint n, expected = 0, rows = 0, n_windows;
  int empty_likelihood = 0, empty_impact = 0;

  if (skip_without_display ())
    {
      g_string_chunk_free (strings);
      return;
    }

  show_page (fixture, DLB_TYPE_ITEMS_PAGE, heat_map_of);
  heat_map = heat_map_of (fixture->page);
  items = dlb_chart_heat_items_from_case (fixture->kase, strings, &n);
  g_assert_cmpuint (n, >, 0);

  /* The cell of the first item lists every item there, and only them. */
  for (guint k = 0; k < n; k++)
    if (items[k].risk == items[0].risk && items[k].likelihood == items[0].likelihood &&
        items[k].impact == items[0].impact)
      expected++;
  list = open_cell (heat_map, items[0].risk, items[0].likelihood, items[0].impact);
  g_assert_nonnull (list);
  for (; (row = gtk_list_box_get_row_at_index (list, (int) rows)) != NULL; rows++)
    {
      DlbItem *item = g_object_get_data (G_OBJECT (row), "entity");
      guint position;

      g_assert_true (DLB_IS_ITEM (item));
      g_assert_true (g_list_store_find (G_LIST_STORE (case_items), item, &position));
      g_assert_cmpint (items[position].risk, ==, items[0].risk);
      g_assert_cmpint (items[position].likelihood, ==, items[0].likelihood);
      g_assert_cmpint (items[position].impact, ==, items[0].impact);
    }
  g_assert_cmpuint (rows, ==, expected);

  /* Choosing one opens its editor and closes the list. */
  n_windows = g_list_model_get_n_items (gtk_window_get_toplevels ());
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  spin_main_loop ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, n_windows + 1);
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (GTK_WIDGET (window) != fixture->window)
        {
          gtk_window_destroy (window);
          break;
        }
    }
  spin_main_loop ();

  /* An empty cell says so. */
  for (int l = 1; l <= 5 && empty_likelihood == 0; l++)
    for (int i = 1; i <= 5 && empty_likelihood == 0; i++)
      {
        gboolean taken = FALSE;

        for (guint k = 0; k < n; k++)
          taken |= items[k].risk && items[k].likelihood == l && items[k].impact == i;
        if (!taken)
          {
            empty_likelihood = l;
            empty_impact = i;
          }
      }
  g_assert_cmpint (empty_likelihood, >, 0);
  g_assert_null (open_cell (heat_map, TRUE, empty_likelihood, empty_impact));
  gtk_popover_popdown (dlb_chart_view_get_popover (DLB_CHART_VIEW (heat_map)));
  spin_main_loop ();

  /* From the keyboard: the arrows walk the cells, across from one panel
   * to the other, and Enter lists the one reached. */
  {
    GtkEventController *key = find_controller (heat_map, GTK_TYPE_EVENT_CONTROLLER_KEY);
    GtkWidget *heading;
    GtkPopover *popover;
    g_autofree char *want = NULL;
    int steps_right = (items[0].risk ? 5 : 0) + items[0].likelihood - 1;
    int steps_up = items[0].impact - 1;

    gtk_widget_grab_focus (heat_map);
    /* To the bottom-left cell of the opportunities, whatever the start. */
    for (int i = 0; i < 10; i++)
      press_key (key, GDK_KEY_Left);
    for (int i = 0; i < 5; i++)
      press_key (key, GDK_KEY_Down);
    for (int i = 0; i < steps_right; i++)
      g_assert_true (press_key (key, GDK_KEY_Right));
    for (int i = 0; i < steps_up; i++)
      g_assert_true (press_key (key, GDK_KEY_Up));
    g_assert_true (press_key (key, GDK_KEY_Return));
    popover = dlb_chart_view_get_popover (DLB_CHART_VIEW (heat_map));
    g_assert_nonnull (popover);
    list = GTK_LIST_BOX (dlb_test_find_named (GTK_WIDGET (popover), "heat-map-cell"));
    g_assert_nonnull (list);
    for (rows = 0; gtk_list_box_get_row_at_index (list, (int) rows) != NULL; rows++)
      ;
    g_assert_cmpuint (rows, ==, expected);
    heading = gtk_widget_get_first_child (gtk_popover_get_child (popover));
    want = g_strdup_printf ("likelihood %d and impact %d", items[0].likelihood, items[0].impact);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (heading)), want));
    gtk_popover_popdown (popover);
    spin_main_loop ();
  }
  g_string_chunk_free (strings);
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

  g_test_add ("/app/charts/drag", Fixture, NULL,
              fixture_setup, test_drag, fixture_teardown);
  g_test_add ("/app/charts/drag-back-and-click", Fixture, NULL,
              fixture_setup, test_drag_back_and_click, fixture_teardown);
  g_test_add ("/app/charts/keyboard", Fixture, NULL,
              fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/app/charts/heat-map-cell", Fixture, NULL,
              fixture_setup, test_heat_map_cell, fixture_teardown);

  return g_test_run ();
}
