/* test-editors.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <glib/gstdio.h>

#include "dlb-collection-view.h"
#include "dlb-entity-editor.h"
#include "dlb-example.h"
#include "dlb-enums.h"
#include "dlb-findings-page.h"
#include "dlb-history-window.h"
#include "dlb-labels.h"
#include "dlb-matrix-page.h"
#include "dlb-memo-page.h"
#include "dlb-stakeholders-page.h"
#include "dlb-store.h"
#include "dlb-test-util.h"
#include "dlb-score-editor.h"
#include "dlb-weights-dialog.h"
#include "dlb-window.h"

/* The editors of the kinds a new case needs beyond the example's lists:
 * sources and perspectives, each added, changed, refused bad input and
 * removed; a deletion's toast that brings back the item it names after
 * three quick deletions; the wheel over a weight slider; Ctrl+Z while a
 * field shows what the case holds. */

typedef struct
{
  char      *dir;
  char      *path;
  DlbStore  *store;
  DlbWindow *window;
} Fixture;

static void
spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) kase = dlb_example_load (&error);
  gint64 deadline;

  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("deliberate-editors-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "case.deliberate", NULL);
  f->store = dlb_store_create (f->path, kase, &error);
  g_assert_no_error (error);

  f->window = dlb_window_new (NULL, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  spin_main_loop ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  DlbCase *kase = dlb_store_get_case (f->store);

  dlb_test_wait_for_analysis (kase);
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin_main_loop ();
  dlb_store_close (f->store);
  g_clear_object (&f->store);
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static DlbCase *
fixture_case (Fixture *f)
{
  return dlb_store_get_case (f->store);
}

static void
show_page (Fixture    *f,
           const char *name)
{
  GtkWidget *page = dlb_window_get_page (f->window, name);
  GtkWidget *stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  spin_main_loop ();
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = dlb_test_find_named (root, name);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  spin_main_loop ();
}

static guint
n_of (Fixture *f,
      DlbKind  kind)
{
  return g_list_model_get_n_items (dlb_case_get_list (fixture_case (f), kind));
}

/* Types into a one-line field and applies it, as the check button does. */
static void
apply_text (GtkWidget  *row,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
  spin_main_loop ();
}

static void
undo (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  spin_main_loop ();
}

static void
test_sources (Fixture       *f,
              gconstpointer  data)
{
  DlbFindingsPage *page = DLB_FINDINGS_PAGE (dlb_window_get_page (f->window, "findings"));
  DlbCollectionView *view = dlb_findings_page_get_sources_view (page);
  DlbEntityEditor *editor = dlb_collection_view_get_editor (view);
  guint n = n_of (f, DLB_KIND_SOURCE);
  DlbEntity *source;
  GtkWidget *label_row;

  show_page (f, "findings");
  dlb_findings_page_show_section (page, "sources");
  spin_main_loop ();

  /* Add: a new source at the end, its editor open. */
  click (GTK_WIDGET (view), "add-button");
  g_assert_cmpuint (n_of (f, DLB_KIND_SOURCE), ==, n + 1);
  source = dlb_entity_editor_get_entity (editor);
  g_assert_nonnull (source);
  g_assert_true (DLB_IS_SOURCE (source));

  /* Edit. */
  label_row = dlb_entity_editor_get_control (editor, DLB_SOURCE_LABEL);
  apply_text (label_row, "Seattle Surveillance Impact Report on license-plate readers");
  g_assert_cmpstr (dlb_source_get_label (DLB_SOURCE (source)), ==,
                   "Seattle Surveillance Impact Report on license-plate readers");

  /* Refused: a source needs a label. The field shows the stored one. */
  apply_text (label_row, "");
  g_assert_cmpstr (dlb_source_get_label (DLB_SOURCE (source)), ==,
                   "Seattle Surveillance Impact Report on license-plate readers");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (label_row)), ==,
                   "Seattle Surveillance Impact Report on license-plate readers");

  /* A finding's sources are chosen from the case's, never typed. */
  {
    DlbFinding *finding = g_list_model_get_item (dlb_case_get_findings (fixture_case (f)), 0);
    DlbCollectionView *findings = dlb_findings_page_get_view (page);
    GtkWidget *sources_row;
    GtkWidget *check = NULL;

    dlb_findings_page_show_section (page, "findings");
    dlb_collection_view_open (findings, 0);
    spin_main_loop ();
    sources_row = dlb_entity_editor_get_control (dlb_collection_view_get_editor (findings), DLB_FINDING_SOURCES);
    g_assert_true (ADW_IS_EXPANDER_ROW (sources_row));
    for (GtkWidget *w = sources_row; w != NULL && check == NULL;)
      {
        /* The last check button is the newest source. */
        GtkWidget *found = NULL;
        g_autoptr(GPtrArray) stack = g_ptr_array_new ();

        g_ptr_array_add (stack, w);
        while (stack->len > 0)
          {
            GtkWidget *top = g_ptr_array_steal_index (stack, stack->len - 1);

            if (GTK_IS_CHECK_BUTTON (top))
              {
                GtkWidget *row = gtk_widget_get_ancestor (top, ADW_TYPE_ACTION_ROW);

                if (row != NULL && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                              dlb_source_get_label (DLB_SOURCE (source))) == 0)
                  found = top;
              }
            for (GtkWidget *c = gtk_widget_get_first_child (top); c != NULL; c = gtk_widget_get_next_sibling (c))
              g_ptr_array_add (stack, c);
          }
        check = found;
        w = NULL;
      }
    g_assert_nonnull (check);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    spin_main_loop ();
    g_assert_true (g_strv_contains (dlb_finding_get_sources (finding), dlb_entity_get_id (source)));
    undo (f);
    g_assert_false (g_strv_contains (dlb_finding_get_sources (finding), dlb_entity_get_id (source)));
    g_object_unref (finding);
    dlb_findings_page_show_section (page, "sources");
    spin_main_loop ();
  }

  /* Remove, with a toast to bring it back; Undo does. */
  dlb_collection_view_open (view, n);
  spin_main_loop ();
  g_assert_true (dlb_entity_editor_get_entity (editor) == source);
  click (GTK_WIDGET (view), "remove-button");
  g_assert_cmpuint (n_of (f, DLB_KIND_SOURCE), ==, n);
  g_assert_cmpuint (dlb_collection_view_get_toasts (view)->len, ==, 1);
  undo (f);
  g_assert_cmpuint (n_of (f, DLB_KIND_SOURCE), ==, n + 1);
  /* Back by Ctrl+Z: its toast is withdrawn. */
  g_assert_cmpuint (dlb_collection_view_get_toasts (view)->len, ==, 0);
}

/* The same for the stakeholders and the findings: add, name, refuse an
 * empty name, remove, each one Undo step. */
typedef struct
{
  const char *page;
  DlbKind     kind;
  guint       name_field;
  const char *name;
} EditorCase;

static const EditorCase editor_cases[] = {
  { "stakeholders", DLB_KIND_STAKEHOLDER, DLB_STAKEHOLDER_NAME, "Transit riders" },
  { "findings", DLB_KIND_FINDING, DLB_FINDING_TITLE, "Plate reads shared with federal agencies" },
};

static void
test_list_editor (Fixture       *f,
                  gconstpointer  data)
{
  const EditorCase *ec = data;
  GtkWidget *page = dlb_window_get_page (f->window, ec->page);
  DlbCollectionView *view = DLB_IS_STAKEHOLDERS_PAGE (page)
                            ? dlb_stakeholders_page_get_view (DLB_STAKEHOLDERS_PAGE (page))
                            : dlb_findings_page_get_view (DLB_FINDINGS_PAGE (page));
  DlbEntityEditor *editor = dlb_collection_view_get_editor (view);
  guint n = n_of (f, ec->kind);
  DlbEntity *entity;
  GtkWidget *row;

  show_page (f, ec->page);
  click (GTK_WIDGET (view), "add-button");
  g_assert_cmpuint (n_of (f, ec->kind), ==, n + 1);
  entity = dlb_entity_editor_get_entity (editor);
  g_assert_cmpint (dlb_entity_get_kind (entity), ==, ec->kind);

  row = dlb_entity_editor_get_control (editor, ec->name_field);
  apply_text (row, ec->name);
  g_assert_cmpstr (dlb_entity_get_display_name (entity), ==, ec->name);
  apply_text (row, "");
  g_assert_cmpstr (dlb_entity_get_display_name (entity), ==, ec->name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, ec->name);

  undo (f);
  g_assert_cmpstr (dlb_entity_get_display_name (entity), !=, ec->name);

  click (GTK_WIDGET (view), "remove-button");
  g_assert_cmpuint (n_of (f, ec->kind), ==, n);
  undo (f);
  g_assert_cmpuint (n_of (f, ec->kind), ==, n + 1);
}

static GPtrArray *
spin_buttons_below (GtkWidget *root)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, root);
  while (stack->len > 0)
    {
      GtkWidget *top = g_ptr_array_steal_index (stack, 0);

      if (GTK_IS_SPIN_BUTTON (top))
        g_ptr_array_add (found, top);
      else
        for (GtkWidget *c = gtk_widget_get_first_child (top); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
    }
  return found;
}

static void
test_perspectives (Fixture       *f,
                   gconstpointer  data)
{
  DlbStakeholdersPage *page = DLB_STAKEHOLDERS_PAGE (dlb_window_get_page (f->window, "stakeholders"));
  DlbCollectionView *view = dlb_stakeholders_page_get_perspectives_view (page);
  DlbEntityEditor *editor = dlb_collection_view_get_editor (view);
  guint n = n_of (f, DLB_KIND_PERSPECTIVE);
  guint n_criteria = n_of (f, DLB_KIND_CRITERION);
  g_autoptr(DlbCriterion) first = g_list_model_get_item (dlb_case_get_criteria (fixture_case (f)), 0);
  g_autoptr(GPtrArray) spins = NULL;
  DlbEntity *perspective;
  GtkWidget *stakeholder_row;
  double w = -1;

  show_page (f, "stakeholders");
  dlb_stakeholders_page_show_section (page, "perspectives");
  spin_main_loop ();

  click (GTK_WIDGET (view), "add-button");
  g_assert_cmpuint (n_of (f, DLB_KIND_PERSPECTIVE), ==, n + 1);
  perspective = dlb_entity_editor_get_entity (editor);
  g_assert_true (DLB_IS_PERSPECTIVE (perspective));

  apply_text (dlb_entity_editor_get_control (editor, DLB_PERSPECTIVE_NAME), "Department of Transportation");
  g_assert_cmpstr (dlb_perspective_get_name (DLB_PERSPECTIVE (perspective)), ==, "Department of Transportation");
  apply_text (dlb_entity_editor_get_control (editor, DLB_PERSPECTIVE_NAME), "   ");
  g_assert_cmpstr (dlb_perspective_get_name (DLB_PERSPECTIVE (perspective)), ==, "Department of Transportation");

  /* The stakeholder is chosen from the case's. */
  stakeholder_row = dlb_entity_editor_get_control (editor, DLB_PERSPECTIVE_STAKEHOLDER);
  g_assert_true (ADW_IS_COMBO_ROW (stakeholder_row));
  adw_combo_row_set_selected (ADW_COMBO_ROW (stakeholder_row), 1);
  spin_main_loop ();
  {
    g_autoptr(DlbEntity) s = g_list_model_get_item (dlb_case_get_stakeholders (fixture_case (f)), 0);

    g_assert_cmpstr (dlb_perspective_get_stakeholder (DLB_PERSPECTIVE (perspective)), ==, dlb_entity_get_id (s));
  }

  /* One weight a criterion; each change one Undo step. */
  spins = spin_buttons_below (dlb_entity_editor_get_control (editor, DLB_PERSPECTIVE_WEIGHTS));
  g_assert_cmpuint (spins->len, ==, n_criteria);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 40);
  spin_main_loop ();
  g_assert_true (g_variant_lookup (dlb_perspective_get_weights (DLB_PERSPECTIVE (perspective)),
                                   dlb_entity_get_id (DLB_ENTITY (first)), "d", &w));
  g_assert_cmpfloat (w, ==, 40);
  undo (f);
  w = -1;
  if (!g_variant_lookup (dlb_perspective_get_weights (DLB_PERSPECTIVE (perspective)),
                         dlb_entity_get_id (DLB_ENTITY (first)), "d", &w))
    w = 0;
  g_assert_cmpfloat (w, ==, 0);
  g_assert_cmpfloat (gtk_spin_button_get_value (g_ptr_array_index (spins, 0)), ==, 0);

  /* Remove. */
  click (GTK_WIDGET (view), "remove-button");
  g_assert_cmpuint (n_of (f, DLB_KIND_PERSPECTIVE), ==, n);
}

/* Up and down move a source in its list, one Undo step each, and the
 * selection follows it. */
static void
test_reorder (Fixture       *f,
              gconstpointer  data)
{
  DlbFindingsPage *page = DLB_FINDINGS_PAGE (dlb_window_get_page (f->window, "findings"));
  DlbCollectionView *view = dlb_findings_page_get_sources_view (page);
  GListModel *sources = dlb_case_get_sources (fixture_case (f));
  g_autoptr(DlbEntity) second = g_list_model_get_item (sources, 1);
  GtkWidget *up, *down;

  show_page (f, "findings");
  dlb_findings_page_show_section (page, "sources");
  dlb_collection_view_open (view, 0);
  spin_main_loop ();
  up = dlb_test_find_named (GTK_WIDGET (view), "move-up-button");
  down = dlb_test_find_named (GTK_WIDGET (view), "move-down-button");
  g_assert_false (gtk_widget_get_sensitive (up));
  g_assert_true (gtk_widget_get_sensitive (down));

  dlb_collection_view_open (view, 1);
  spin_main_loop ();
  click (GTK_WIDGET (view), "move-up-button");
  {
    g_autoptr(DlbEntity) first = g_list_model_get_item (sources, 0);

    g_assert_true (first == second);
  }
  g_assert_true (dlb_entity_editor_get_entity (dlb_collection_view_get_editor (view)) == second);
  g_assert_false (gtk_widget_get_sensitive (up));

  undo (f);
  {
    g_autoptr(DlbEntity) back = g_list_model_get_item (sources, 1);

    g_assert_true (back == second);
  }
}

/* Three quick deletions: the first toast's Undo brings back the first
 * item, not the last; the others stay removed, their toasts stay, and
 * the restored item's toast goes. */
static void
test_toast_undo (Fixture       *f,
                 gconstpointer  data)
{
  DlbFindingsPage *page = DLB_FINDINGS_PAGE (dlb_window_get_page (f->window, "findings"));
  DlbCollectionView *view = dlb_findings_page_get_sources_view (page);
  DlbCase *kase = fixture_case (f);
  g_auto(GStrv) ids = g_new0 (char *, 4);
  GPtrArray *toasts = dlb_collection_view_get_toasts (view);
  guint n = n_of (f, DLB_KIND_SOURCE);

  show_page (f, "findings");
  dlb_findings_page_show_section (page, "sources");
  spin_main_loop ();

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DlbEntity) source = g_list_model_get_item (dlb_case_get_sources (kase), 0);

      ids[i] = g_strdup (dlb_entity_get_id (source));
      dlb_collection_view_open (view, 0);
      spin_main_loop ();
      click (GTK_WIDGET (view), "remove-button");
    }
  g_assert_cmpuint (n_of (f, DLB_KIND_SOURCE), ==, n - 3);
  g_assert_cmpuint (toasts->len, ==, 3);

  /* The first toast names the first source and brings back that one. */
  {
    AdwToast *toast = g_ptr_array_index (toasts, 0);
    GVariant *target = adw_toast_get_action_target_value (toast);

    g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.undo-removal");
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, ids[0]);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), adw_toast_get_action_name (toast),
                                                       target));
    spin_main_loop ();
  }
  g_assert_nonnull (dlb_case_lookup_kind (kase, DLB_KIND_SOURCE, ids[0]));
  g_assert_null (dlb_case_lookup_kind (kase, DLB_KIND_SOURCE, ids[1]));
  g_assert_null (dlb_case_lookup_kind (kase, DLB_KIND_SOURCE, ids[2]));
  g_assert_cmpuint (toasts->len, ==, 2);

  /* Ctrl+Z still takes back the newest: the third. */
  undo (f);
  g_assert_nonnull (dlb_case_lookup_kind (kase, DLB_KIND_SOURCE, ids[2]));
  g_assert_null (dlb_case_lookup_kind (kase, DLB_KIND_SOURCE, ids[1]));
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpstr (g_variant_get_string (adw_toast_get_action_target_value (g_ptr_array_index (toasts, 0)), NULL),
                   ==, ids[1]);

  /* The findings that cited them cite them again. */
  {
    g_autoptr(DlbFinding) finding = g_list_model_get_item (dlb_case_get_findings (kase), 0);

    g_assert_true (g_strv_contains (dlb_finding_get_sources (finding), ids[0]));
  }
}

/* The wheel over a weight slider scrolls the page unless the slider has
 * the keyboard focus. */
static void
test_wheel_over_slider (Fixture       *f,
                        gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  g_autoptr(DlbCriterion) first = g_list_model_get_item (dlb_case_get_criteria (kase), 0);
  g_autofree char *name = g_strdup_printf ("weight-%s", dlb_entity_get_id (DLB_ENTITY (first)));
  GtkWidget *scale;
  GtkEventController *scroll = NULL;
  g_autoptr(GListModel) controllers = NULL;
  double before = dlb_criterion_get_weight (first);
  gboolean handled = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 500);
  show_page (f, "matrix");
  scale = dlb_test_find_named (dlb_window_get_page (f->window, "matrix"), name);
  g_assert_nonnull (scale);
  g_assert_true (GTK_IS_SCALE (scale));

  controllers = gtk_widget_observe_controllers (scale);
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && scroll == NULL; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        scroll = c;
    }
  g_assert_nonnull (scroll);

  /* Not focused: the event is the page's, the weight stays. */
  gtk_widget_grab_focus (GTK_WIDGET (f->window));
  g_assert_false (gtk_widget_has_focus (scale));
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  spin_main_loop ();
  g_assert_true (handled);
  g_assert_cmpfloat (dlb_criterion_get_weight (first), ==, before);

  /* Focused: the slider's own handling goes on. */
  gtk_widget_grab_focus (scale);
  g_assert_true (gtk_widget_has_focus (scale));
  handled = TRUE;
  g_signal_emit_by_name (scroll, "scroll", 0.0, 1.0, &handled);
  g_assert_false (handled);
}

/* Ctrl+Z undoes the case unless a field shows text the case does not
 * hold; leaving a field keeps what was typed. */
static void
test_undo_keys_and_fields (Fixture       *f,
                           gconstpointer  data)
{
  DlbFindingsPage *page = DLB_FINDINGS_PAGE (dlb_window_get_page (f->window, "findings"));
  DlbCollectionView *view = dlb_findings_page_get_sources_view (page);
  DlbEntityEditor *editor = dlb_collection_view_get_editor (view);
  g_autoptr(DlbSource) source = g_list_model_get_item (dlb_case_get_sources (fixture_case (f)), 0);
  g_autofree char *label = g_strdup (dlb_source_get_label (source));
  GtkWidget *row, *date_row;

  show_page (f, "findings");
  dlb_findings_page_show_section (page, "sources");
  dlb_collection_view_open (view, 0);
  spin_main_loop ();

  row = dlb_entity_editor_get_control (editor, DLB_SOURCE_LABEL);
  date_row = dlb_entity_editor_get_control (editor, DLB_SOURCE_DATE);
  gtk_widget_grab_focus (row);
  spin_main_loop ();
  g_assert_false (dlb_window_focus_is_editing_text (f->window));

  gtk_editable_set_text (GTK_EDITABLE (row), "Senator Markey’s letter");
  g_assert_true (dlb_window_focus_is_editing_text (f->window));

  /* Leaving the field keeps the text; the case holds it. */
  gtk_widget_grab_focus (date_row);
  spin_main_loop ();
  g_assert_cmpstr (dlb_source_get_label (source), ==, "Senator Markey’s letter");
  g_assert_false (dlb_window_focus_is_editing_text (f->window));

  /* And Ctrl+Z, from a field not being edited, undoes it. */
  undo (f);
  g_assert_cmpstr (dlb_source_get_label (source), ==, label);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, label);
}

/* The Overview's open findings: which statuses it counts, and how many
 * of each, in the words the memo uses. */
static void
test_open_findings (Fixture       *f,
                    gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  GtkWidget *overview = dlb_window_get_page (f->window, "overview");
  GtkWidget *card, *detail;
  g_autoptr(DlbFinding) first = g_list_model_get_item (dlb_case_get_findings (kase), 0);
  g_autoptr(GError) error = NULL;
  guint counts[DLB_N_FINDING_STATUSES];
  g_autofree char *expected = NULL;
  g_autofree char *number = NULL;
  GValue v = G_VALUE_INIT;

  show_page (f, "overview");
  card = dlb_test_find_named (overview, "open-findings");
  detail = dlb_test_find_named (overview, "open-findings-detail");
  g_assert_nonnull (card);
  g_assert_nonnull (detail);

  g_value_init (&v, DLB_TYPE_FINDING_STATUS);
  g_value_set_enum (&v, DLB_FINDING_RESOLVED);
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (first), DLB_FINDING_STATUS, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);
  spin_main_loop ();

  dlb_findings_count_by_status (dlb_case_get_findings (kase), counts);
  g_assert_cmpuint (counts[DLB_FINDING_RESOLVED], ==, 1);
  expected = dlb_findings_dup_unresolved_detail (counts);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (detail)), ==, expected);
  g_assert_nonnull (strstr (expected, "open"));
  g_assert_nonnull (strstr (expected, "condition"));
  number = g_strdup_printf ("%u", counts[DLB_FINDING_OPEN] + counts[DLB_FINDING_CONDITION_REQUIRED]);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (card))), ==, number);
  g_free (expected);
  expected = dlb_findings_dup_status_summary (counts);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (card), ==, expected);
  g_assert_nonnull (strstr (expected, "1 resolved"));
}

/* Choosing Ranking previews the weights in the dialog; the case changes,
 * in one Undo step, only when the user applies them. */
static void
test_method_preview (Fixture       *f,
                     gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  GtkWidget *dropdown;
  DlbWeightsDialog *dialog = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) toplevels = NULL;
  DlbWeighting before = dlb_case_get_weighting (kase);

  g_assert_cmpint (before, ==, DLB_WEIGHTING_DIRECT);
  show_page (f, "matrix");
  dropdown = dlb_test_find_named (dlb_window_get_page (f->window, "matrix"), "method-dropdown");
  g_assert_nonnull (dropdown);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DLB_WEIGHTING_RANKING);
  spin_main_loop ();
  g_assert_cmpint (dlb_case_get_weighting (kase), ==, DLB_WEIGHTING_DIRECT);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, DLB_WEIGHTING_DIRECT);

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DLB_IS_WEIGHTS_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));

  g_assert_true (dlb_weights_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin_main_loop ();
  dlb_test_wait_for_analysis (kase);
  g_assert_cmpint (dlb_case_get_weighting (kase), ==, DLB_WEIGHTING_RANKING);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, DLB_WEIGHTING_RANKING);

  undo (f);
  g_assert_cmpint (dlb_case_get_weighting (kase), ==, DLB_WEIGHTING_DIRECT);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first score set on an unscored pair leaves the controls where the
 * pointer is. */
static void
test_score_editor_stays (Fixture       *f,
                         gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  DlbMatrixPage *matrix = DLB_MATRIX_PAGE (dlb_window_get_page (f->window, "matrix"));
  g_autoptr(DlbOption) option = dlb_option_new ("Pilot in one district");
  g_autoptr(DlbCriterion) criterion = g_list_model_get_item (dlb_case_get_criteria (kase), 0);
  g_autoptr(GError) error = NULL;
  DlbScoreEditor *editor;
  GtkWidget *spin;
  graphene_point_t before, after;
  gint64 deadline;

  g_assert_true (dlb_case_insert (kase, DLB_ENTITY (option), -1, &error));
  g_assert_no_error (error);
  show_page (f, "matrix");
  editor = dlb_matrix_page_edit_score (matrix, dlb_entity_get_id (DLB_ENTITY (option)),
                                       dlb_entity_get_id (DLB_ENTITY (criterion)));
  g_assert_nonnull (editor);
  g_assert_null (dlb_score_editor_get_score (editor));
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  while (!gtk_widget_get_mapped (GTK_WIDGET (editor)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  spin_main_loop ();

  spin = find_type (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_true (gtk_widget_compute_point (spin, GTK_WIDGET (editor), &GRAPHENE_POINT_INIT (0, 0), &before));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 6);
  spin_main_loop ();
  g_assert_nonnull (dlb_score_editor_get_score (editor));
  /* Let the window lay itself out again. */
  for (int i = 0; i < 5; i++)
    {
      g_usleep (20000);
      spin_main_loop ();
    }
  g_assert_true (gtk_widget_compute_point (spin, GTK_WIDGET (editor), &GRAPHENE_POINT_INIT (0, 0), &after));
  g_assert_cmpfloat (after.y, ==, before.y);
  g_assert_cmpfloat (after.x, ==, before.x);
  gtk_window_destroy (GTK_WINDOW (editor));
  spin_main_loop ();
}

static const char *
first_row_title (GtkListBox *list)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

  return row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;
}

/* The History window lists each gesture as it happens, and its undo. */
static void
test_history_window (Fixture       *f,
                     gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  g_autoptr(GList) toplevels = NULL;
  DlbHistoryWindow *history = NULL;
  GtkListBox *list;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStakeholder) first = g_list_model_get_item (dlb_case_get_stakeholders (kase), 0);
  g_autofree char *expected = NULL;
  GValue v = G_VALUE_INIT;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.history", NULL));
  spin_main_loop ();
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (DLB_IS_HISTORY_WINDOW (l->data))
      history = l->data;
  g_assert_nonnull (history);
  list = dlb_history_window_get_list (history);
  g_assert_null (first_row_title (list));

  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, dlb_stakeholder_get_power (first) == 5 ? 4 : 5);
  expected = g_strdup_printf ("Power of %s: %d → %d", dlb_stakeholder_get_name (first),
                              dlb_stakeholder_get_power (first), g_value_get_int (&v));
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (first), DLB_STAKEHOLDER_POWER, &v, &error));
  g_assert_no_error (error);
  spin_main_loop ();
  g_assert_cmpstr (first_row_title (list), ==, expected);

  undo (f);
  g_free (expected);
  expected = g_strdup_printf ("Undid: power of %s: %d → %d", dlb_stakeholder_get_name (first),
                              g_value_get_int (&v) == 4 ? 5 : dlb_stakeholder_get_power (first), g_value_get_int (&v));
  g_assert_cmpstr (first_row_title (list), ==, expected);
  gtk_window_destroy (GTK_WINDOW (history));
  spin_main_loop ();
}

static char *
memo_text (DlbMemoPage *page)
{
  g_autofree char *dir = g_dir_make_tmp ("dlb-editors-memo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "memo.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  g_assert_true (dlb_memo_page_export (page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
  g_rmdir (dir);
  return out;
}

/* The memo ends with the case's history when the case asks for it, from
 * the Memo page's toggle, which is one Undo step. */
static void
test_memo_history (Fixture       *f,
                   gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  DlbMemoPage *page = DLB_MEMO_PAGE (dlb_window_get_page (f->window, "memo"));
  g_autoptr(DlbStakeholder) first = g_list_model_get_item (dlb_case_get_stakeholders (kase), 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;
  GValue v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, "Mayor’s office");
  g_assert_true (dlb_case_set_field (kase, DLB_ENTITY (first), DLB_STAKEHOLDER_NAME, &v, &error));
  g_assert_no_error (error);
  g_value_unset (&v);

  show_page (f, "memo");
  dlb_test_wait_for_analysis (kase);
  without = memo_text (page);
  g_assert_null (strstr (without, "History of this case"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo-case.history", NULL));
  spin_main_loop ();
  g_assert_true (dlb_case_get_memo_history (kase));
  dlb_test_wait_for_analysis (kase);
  with = memo_text (page);
  g_assert_nonnull (strstr (with, "History of this case"));
  g_assert_nonnull (strstr (with, "Mayor’s office"));

  undo (f);
  g_assert_false (dlb_case_get_memo_history (kase));
}

/* The memo prints the case's notes when the case marks them for it, from
 * the Memo page's menu, which is one Undo step. */
static void
test_memo_notes (Fixture       *f,
                 gconstpointer  data)
{
  DlbCase *kase = fixture_case (f);
  DlbMemoPage *page = DLB_MEMO_PAGE (dlb_window_get_page (f->window, "memo"));
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;

  g_assert_false (dlb_case_get_memo_notes (kase));
  g_assert_cmpstr (dlb_case_get_notes (kase), !=, "");
  show_page (f, "memo");
  dlb_test_wait_for_analysis (kase);
  without = memo_text (page);
  g_assert_null (strstr (without, "Case notes"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "memo-case.notes", NULL));
  spin_main_loop ();
  g_assert_true (dlb_case_get_memo_notes (kase));
  dlb_test_wait_for_analysis (kase);
  with = memo_text (page);
  g_assert_nonnull (strstr (with, "Case notes"));
  g_assert_nonnull (strstr (with, "stakeholder map is a figure"));

  undo (f);
  g_assert_false (dlb_case_get_memo_notes (kase));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dlb_test_init_store ();

  if (!gtk_init_check ())
    {
      if (g_getenv ("DLB_TEST_REQUIRE_DISPLAY") != NULL)
        {
          g_printerr ("test-editors: no display, but DLB_TEST_REQUIRE_DISPLAY is set: run it under xvfb-run\n");
          return 1;
        }
      g_test_skip ("no display: run under xvfb-run to test the editors");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/app/editors/sources", Fixture, NULL, fixture_set_up, test_sources, fixture_tear_down);
  g_test_add ("/app/editors/perspectives", Fixture, NULL, fixture_set_up, test_perspectives, fixture_tear_down);
  g_test_add ("/app/editors/stakeholders", Fixture, &editor_cases[0], fixture_set_up, test_list_editor,
              fixture_tear_down);
  g_test_add ("/app/editors/findings", Fixture, &editor_cases[1], fixture_set_up, test_list_editor,
              fixture_tear_down);
  g_test_add ("/app/editors/reorder", Fixture, NULL, fixture_set_up, test_reorder, fixture_tear_down);
  g_test_add ("/app/editors/toast-undo", Fixture, NULL, fixture_set_up, test_toast_undo, fixture_tear_down);
  g_test_add ("/app/editors/wheel-over-slider", Fixture, NULL, fixture_set_up, test_wheel_over_slider,
              fixture_tear_down);
  g_test_add ("/app/editors/open-findings", Fixture, NULL, fixture_set_up, test_open_findings, fixture_tear_down);
  g_test_add ("/app/editors/method-preview", Fixture, NULL, fixture_set_up, test_method_preview, fixture_tear_down);
  g_test_add ("/app/editors/score-editor-stays", Fixture, NULL, fixture_set_up, test_score_editor_stays,
              fixture_tear_down);
  g_test_add ("/app/editors/history-window", Fixture, NULL, fixture_set_up, test_history_window, fixture_tear_down);
  g_test_add ("/app/editors/memo-history", Fixture, NULL, fixture_set_up, test_memo_history, fixture_tear_down);
  g_test_add ("/app/editors/memo-notes", Fixture, NULL, fixture_set_up, test_memo_notes, fixture_tear_down);
  g_test_add ("/app/editors/undo-keys-and-fields", Fixture, NULL, fixture_set_up, test_undo_keys_and_fields,
              fixture_tear_down);

  return g_test_run ();
}
