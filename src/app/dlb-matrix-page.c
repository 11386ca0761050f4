/* dlb-matrix-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-matrix-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlb-charts.h"
#include "dlb-chart-view.h"
#include "dlb-enums.h"
#include "dlb-matrix-page.h"
#include "dlb-analysis.h"

/* A weight being dragged is written to the case once the slider has been
 * still this long: one journal entry per drag, not one per pixel. */
#define COMMIT_DELAY_MS 400

/* While a weight is dragged the page recomputes every frame. When a full
 * analysis takes longer than this, the preview runs fewer Monte Carlo
 * draws and says so; the full count comes back on release. */
#define PREVIEW_BUDGET_US 8000
#define PREVIEW_DRAWS     2000

/* Below this width the results go under the scores and weights. */
#define COLUMNS_BREAK   940
#define COLUMNS_SPACING 24

/* DlbMatrixColumns: two columns side by side, or stacked when narrow. */

#define DLB_TYPE_MATRIX_COLUMNS (dlb_matrix_columns_get_type ())
G_DECLARE_FINAL_TYPE (DlbMatrixColumns, dlb_matrix_columns, DLB, MATRIX_COLUMNS, GtkWidget)

struct _DlbMatrixColumns
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbMatrixColumns, dlb_matrix_columns, GTK_TYPE_WIDGET)

static void
columns_split (int  width,
               int *first,
               int *second)
{
  *first = (int) ((width - COLUMNS_SPACING) * 0.54);
  *second = width - COLUMNS_SPACING - *first;
}

static void
dlb_matrix_columns_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *a = gtk_widget_get_first_child (widget);
  GtkWidget *b = a != NULL ? gtk_widget_get_next_sibling (a) : NULL;
  int min_a = 0, nat_a = 0, min_b = 0, nat_b = 0;

  *minimum = *natural = 0;
  if (a == NULL || b == NULL)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (a, orientation, -1, &min_a, &nat_a, NULL, NULL);
      gtk_widget_measure (b, orientation, -1, &min_b, &nat_b, NULL, NULL);
      *minimum = MAX (min_a, min_b);
      *natural = MAX (nat_a + nat_b + COLUMNS_SPACING, COLUMNS_BREAK);
      return;
    }

  if (for_size >= COLUMNS_BREAK)
    {
      int wa, wb;

      columns_split (for_size, &wa, &wb);
      gtk_widget_measure (a, orientation, wa, &min_a, &nat_a, NULL, NULL);
      gtk_widget_measure (b, orientation, wb, &min_b, &nat_b, NULL, NULL);
      *minimum = MAX (min_a, min_b);
      *natural = MAX (nat_a, nat_b);
    }
  else
    {
      gtk_widget_measure (a, orientation, for_size, &min_a, &nat_a, NULL, NULL);
      gtk_widget_measure (b, orientation, for_size, &min_b, &nat_b, NULL, NULL);
      *minimum = min_a + min_b + COLUMNS_SPACING;
      *natural = nat_a + nat_b + COLUMNS_SPACING;
    }
}

static void
dlb_matrix_columns_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  GtkWidget *a = gtk_widget_get_first_child (widget);
  GtkWidget *b = a != NULL ? gtk_widget_get_next_sibling (a) : NULL;

  if (a == NULL || b == NULL)
    return;

  if (width >= COLUMNS_BREAK)
    {
      int wa, wb;
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

      columns_split (width, &wa, &wb);
      gtk_widget_size_allocate (a, &(GtkAllocation) { rtl ? wb + COLUMNS_SPACING : 0, 0, wa, height }, -1);
      gtk_widget_size_allocate (b, &(GtkAllocation) { rtl ? 0 : wa + COLUMNS_SPACING, 0, wb, height }, -1);
    }
  else
    {
      int ha, unused;

      gtk_widget_measure (a, GTK_ORIENTATION_VERTICAL, width, &unused, &ha, NULL, NULL);
      ha = MIN (ha, height);
      gtk_widget_size_allocate (a, &(GtkAllocation) { 0, 0, width, ha }, -1);
      gtk_widget_size_allocate (b, &(GtkAllocation) { 0, ha + COLUMNS_SPACING, width,
                                                      MAX (height - ha - COLUMNS_SPACING, 0) }, -1);
    }
}

static GtkSizeRequestMode
dlb_matrix_columns_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dlb_matrix_columns_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dlb_matrix_columns_parent_class)->dispose (object);
}

static void
dlb_matrix_columns_class_init (DlbMatrixColumnsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_matrix_columns_dispose;
  widget_class->measure = dlb_matrix_columns_measure;
  widget_class->size_allocate = dlb_matrix_columns_size_allocate;
  widget_class->get_request_mode = dlb_matrix_columns_get_request_mode;
}

static void
dlb_matrix_columns_init (DlbMatrixColumns *self)
{
}

/* The page */

typedef struct
{
  char      *option_id;
  char      *criterion_id;
  GtkWidget *button;
  GtkWidget *label;
  GtkWidget *range;
  gboolean   scored;
  double     value, low, high;
} ScoreCell;

typedef struct
{
  char      *criterion_id;
  GtkWidget *row;
  GtkWidget *name_label;
  GtkWidget *gate_label;
  GtkWidget *percent_label;
  GtkWidget *scale;
} WeightRow;

/* Options and criteria are edited alike: both begin with a name and a
 * description. */
G_STATIC_ASSERT ((int) DLB_OPTION_NAME == (int) DLB_CRITERION_NAME);
G_STATIC_ASSERT ((int) DLB_OPTION_DESCRIPTION == (int) DLB_CRITERION_DESCRIPTION);
#define FIELD_NAME        DLB_OPTION_NAME
#define FIELD_DESCRIPTION DLB_OPTION_DESCRIPTION

struct _DlbMatrixPage
{
  GtkWidget         parent_instance;

  GtkStack         *stack;
  AdwStatusPage    *empty_status;
  GtkGrid          *score_grid;
  GtkButton        *method_button;
  GtkDropDown      *method_dropdown;
  GtkLabel         *weights_note;
  GtkListBox       *weights_list;
  GtkDropDown      *perspective_dropdown;
  GtkStringList    *perspective_model;
  GtkLabel         *context_label;
  GtkLabel         *winner_label;
  GtkLabel         *summary_label;
  GtkLabel         *robustness_label;
  GtkBox           *warnings_box;
  DlbChartView     *bars_chart;
  GtkBox           *gates_box;
  GtkLabel         *draws_label;
  GtkListBox       *probability_list;
  GtkDropDown      *criterion_dropdown;
  GtkStringList    *criterion_model;
  DlbChartView     *sensitivity_chart;
  GtkLabel         *sensitivity_label;
  GtkLabel         *agreement_label;
  GtkListBox       *perspectives_list;

  DlbCase          *kase;
  DlbStore         *store;
  DlbResult        *result;

  /* What the grid, the weight rows and the dropdowns were built for:
   * rebuilt only when these change, so that an edit never takes the
   * focus away from the control being used. */
  char             *structure_key;
  char             *perspectives_key;
  GPtrArray        *cells;          /* ScoreCell, owned by their buttons */
  GPtrArray        *weight_rows;    /* WeightRow */
  GPtrArray        *total_labels;   /* GtkLabel per option, case order */
  GPtrArray        *perspective_ids;

  char             *perspective;
  char             *criterion;

  /* Weights being dragged: criterion id -> points (double *). */
  GHashTable       *preview;
  guint             commit_timeout;
  guint             tick_id;
  gint64            full_analysis_us;
  gboolean          reduced_draws;
  gboolean          result_stale;   /* a newer analysis came while hidden */
  gboolean          updating;

  /* What the charts draw, kept for their draw callbacks. */
  DlbBar           *bars;
  guint             n_bars;
  DlbSensitivityLine *lines;
  DlbSensitivityChart sensitivity;

  GtkWindow        *editor;
};

G_DEFINE_FINAL_TYPE (DlbMatrixPage, dlb_matrix_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CASE,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void analyze (DlbMatrixPage *self);

/* Formatting */

static char *
format_score (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

static char *
format_total (double total)
{
  return g_strdup_printf ("%.2f", total);
}

static char *
format_percent (double fraction)
{
  /* Translators: a percentage, e.g. "24 %" */
  return g_strdup_printf (_("%.0f %%"), fraction * 100);
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

/* The position of the row holding the keyboard focus, or -1, so that a
 * list rebuilt with new figures can give it back. */
static int
focused_row (GtkListBox *list)
{
  int position = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row), position++)
    if (gtk_widget_has_focus (row) || gtk_widget_get_focus_child (row) != NULL)
      return position;
  return -1;
}

static void
refocus_row (GtkListBox *list,
             int         position)
{
  GtkListBoxRow *row;

  if (position < 0)
    return;
  row = gtk_list_box_get_row_at_index (list, position);
  if (row == NULL && position > 0)
    row = gtk_list_box_get_row_at_index (list, position - 1);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static GtkWidget *
note_label (const char *text,
            const char *icon_name,
            const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (css_class != NULL)
    {
      gtk_widget_add_css_class (icon, css_class);
      gtk_widget_add_css_class (label, css_class);
    }
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
show_error (DlbMatrixPage *self,
            const GError  *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
    }
  else
    {
      /* No overlay to show it in (a page on its own): keep the message
       * next to the weights, where the edit was made. */
      gtk_label_set_text (self->weights_note, error->message);
    }
}

static gboolean
is_read_only (DlbMatrixPage *self)
{
  return self->kase == NULL || dlb_case_get_read_only (self->kase)
         || (self->store != NULL && dlb_store_get_read_only (self->store));
}

/* Weights: the analysis and the drag preview */

static gboolean
weights_editable (DlbMatrixPage *self)
{
  DlbWeighting weighting;

  if (self->kase == NULL || self->perspective != NULL || is_read_only (self))
    return FALSE;
  weighting = dlb_case_get_weighting (self->kase);
  return weighting == DLB_WEIGHTING_DIRECT || weighting == DLB_WEIGHTING_SWING;
}

static guint
weight_field (DlbMatrixPage *self)
{
  return dlb_case_get_weighting (self->kase) == DLB_WEIGHTING_SWING ? DLB_CRITERION_SWING
                                                                     : DLB_CRITERION_WEIGHT;
}

/* The override the engine takes while a weight is dragged: every
 * criterion's points, the dragged ones at their slider's value. Swing
 * weights are proportional to the swings, so they preview as points too. */
static GVariant *
preview_weights (DlbMatrixPage *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sd}"));
  GListModel *criteria = dlb_case_get_criteria (self->kase);
  guint field = weight_field (self);

  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);
      const char *id = dlb_entity_get_id (criterion);
      double *points = g_hash_table_lookup (self->preview, id);

      g_variant_builder_add (&builder, "{sd}", id,
                             points != NULL ? *points : dlb_entity_get_double (criterion, field));
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void update_page (DlbMatrixPage *self);

static void
analyze (DlbMatrixPage *self)
{
  g_autoptr(GVariant) weights = NULL;
  DlbEngineOptions options;
  gboolean previewing;
  gint64 start;

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }

  if (self->kase == NULL)
    {
      g_clear_object (&self->result);
      update_page (self);
      return;
    }

  previewing = g_hash_table_size (self->preview) > 0 && weights_editable (self);
  if (!previewing && self->perspective == NULL)
    {
      DlbAnalysis *analysis = dlb_analysis_for_case (self->kase);
      DlbResult *current = dlb_analysis_get_result (analysis);

      /* The page is never shown blank: a case just opened is analysed
       * at once. */
      if (current == NULL)
        current = dlb_analysis_update_sync (analysis);
      g_set_object (&self->result, current);
      self->reduced_draws = FALSE;
      update_page (self);
      return;
    }

  dlb_engine_options_init (&options);
  options.perspective = self->perspective;
  if (previewing)
    {
      weights = preview_weights (self);
      options.weights = weights;
    }
  self->reduced_draws = previewing && self->full_analysis_us > PREVIEW_BUDGET_US;
  if (self->reduced_draws)
    options.draws = PREVIEW_DRAWS;

  start = g_get_monotonic_time ();
  g_clear_object (&self->result);
  self->result = dlb_engine_analyze (self->kase, &options);
  if (!self->reduced_draws)
    self->full_analysis_us = g_get_monotonic_time () - start;
  g_debug ("analysis with %u draws took %.2f ms%s", dlb_result_get_draws (self->result),
           (g_get_monotonic_time () - start) / 1000.0, previewing ? " (preview)" : "");

  update_page (self);
}

static gboolean
preview_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);

  self->tick_id = 0;
  analyze (self);
  return G_SOURCE_REMOVE;
}

/* Recomputes at the start of the next frame, so that every figure moves
 * with the slider in the frame that draws it, however many value changes
 * the pointer produced since the last one. */
static void
queue_analysis (DlbMatrixPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      analyze (self);
      return;
    }
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), preview_tick, NULL, NULL);
}

/* Writes the weights being dragged to the case. @reanalyze: whether the
 * page should show the result afterwards (not while it goes away). */
static void
write_weights (DlbMatrixPage *self,
               gboolean       reanalyze)
{
  g_autoptr(GHashTable) pending = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GError) error = NULL;
  gboolean all_written = TRUE;
  guint n_written = 0;

  g_clear_handle_id (&self->commit_timeout, g_source_remove);
  if (self->kase == NULL || g_hash_table_size (self->preview) == 0)
    return;

  /* The model becomes the truth again before the edits land, so that the
   * analysis their "changed" signal starts uses the committed weights. */
  pending = g_steal_pointer (&self->preview);
  self->preview = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* However many sliders moved, it is one gesture: one edit, one Undo. */
  if (!dlb_case_begin_group (self->kase, _("Change weights"), &error))
    {
      show_error (self, error);
      if (reanalyze)
        analyze (self);
      return;
    }

  g_hash_table_iter_init (&iter, pending);
  while (all_written && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GValue) v = G_VALUE_INIT;
      DlbEntity *criterion = dlb_case_lookup_kind (self->kase, DLB_KIND_CRITERION, key);

      if (criterion == NULL || !weights_editable (self))
        continue;
      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, *(double *) value);
      if (dlb_entity_value_equal (criterion, weight_field (self), &v))
        continue;
      if (dlb_case_set_field (self->kase, criterion, weight_field (self), &v, &error))
        n_written++;
      else
        all_written = FALSE;
    }

  if (!all_written)
    dlb_case_cancel_group (self->kase);
  else if (!dlb_case_commit_group (self->kase, &error))
    all_written = FALSE;
  if (error != NULL)
    show_error (self, error);

  /* A written change brings the case's analysis; without one (the slider
   * came back, or the edit was refused) the page still has to drop the
   * preview. */
  if (reanalyze && (n_written == 0 || !all_written))
    analyze (self);
}

static void
commit_weights (DlbMatrixPage *self)
{
  write_weights (self, TRUE);
}

static gboolean
commit_timeout_cb (gpointer data)
{
  DlbMatrixPage *self = data;

  self->commit_timeout = 0;
  commit_weights (self);
  return G_SOURCE_REMOVE;
}

static void
weight_scale_changed (GtkRange  *range,
                      WeightRow *row)
{
  DlbMatrixPage *self = g_object_get_data (G_OBJECT (range), "page");

  if (self->updating || !weights_editable (self))
    return;

  g_hash_table_insert (self->preview, g_strdup (row->criterion_id),
                       g_memdup2 (&(double) { round (gtk_range_get_value (range)) }, sizeof (double)));
  queue_analysis (self);

  g_clear_handle_id (&self->commit_timeout, g_source_remove);
  self->commit_timeout = g_timeout_add (COMMIT_DELAY_MS, commit_timeout_cb, self);
}

static gboolean
weight_scale_event (GtkEventControllerLegacy *controller,
                    GdkEvent                 *event,
                    DlbMatrixPage            *self)
{
  GdkEventType type = gdk_event_get_event_type (event);

  /* The end of a drag: write the weight once the slider has taken the
   * release (it may still move the value), rather than waiting. */
  if ((type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_END) && self->commit_timeout != 0)
    {
      g_source_remove (self->commit_timeout);
      self->commit_timeout = g_idle_add (commit_timeout_cb, self);
    }
  return GDK_EVENT_PROPAGATE;
}

static void
weight_scale_focused (GtkEventControllerFocus *controller,
                      WeightRow               *row)
{
  DlbMatrixPage *self = g_object_get_data (G_OBJECT (row->scale), "page");

  /* Working on a weight shows its sensitivity. */
  dlb_matrix_page_select_criterion (self, row->criterion_id);
}

static void
weight_row_free (gpointer data)
{
  WeightRow *row = data;

  g_free (row->criterion_id);
  g_free (row);
}

static WeightRow *
weight_row_new (DlbMatrixPage *self,
                DlbEntity     *criterion)
{
  WeightRow *row = g_new0 (WeightRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *legacy = gtk_event_controller_legacy_new ();
  g_autofree char *name = g_strdup_printf ("weight-%s", dlb_entity_get_id (criterion));
  g_autofree char *accessible = NULL;

  row->criterion_id = g_strdup (dlb_entity_get_id (criterion));
  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_widget_set_focusable (row->row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 2);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  row->name_label = gtk_label_new (dlb_entity_get_display_name (criterion));
  gtk_label_set_xalign (GTK_LABEL (row->name_label), 0);
  gtk_label_set_wrap (GTK_LABEL (row->name_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (row->name_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (row->name_label, TRUE);
  gtk_widget_set_tooltip_text (row->name_label, dlb_entity_get_string (criterion, DLB_CRITERION_DESCRIPTION));
  gtk_box_append (GTK_BOX (top), row->name_label);

  row->gate_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->gate_label, "matrix-gate");
  gtk_widget_set_valign (row->gate_label, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), row->gate_label);

  row->percent_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->percent_label, "numeric");
  gtk_widget_add_css_class (row->percent_label, "heading");
  gtk_label_set_width_chars (GTK_LABEL (row->percent_label), 5);
  gtk_label_set_xalign (GTK_LABEL (row->percent_label), 1);
  gtk_box_append (GTK_BOX (top), row->percent_label);
  gtk_box_append (GTK_BOX (box), top);

  row->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 100, 1);
  gtk_widget_set_name (row->scale, name);
  gtk_scale_set_digits (GTK_SCALE (row->scale), 0);
  gtk_range_set_round_digits (GTK_RANGE (row->scale), 0);
  gtk_scale_set_value_pos (GTK_SCALE (row->scale), GTK_POS_RIGHT);
  /* Translators: the accessible name of a weight slider; %s is a criterion */
  accessible = g_strdup_printf (_("Weight of %s"), dlb_entity_get_display_name (criterion));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->scale), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row->scale), "page", self);
  g_signal_connect (row->scale, "value-changed", G_CALLBACK (weight_scale_changed), row);
  g_signal_connect (focus, "enter", G_CALLBACK (weight_scale_focused), row);
  gtk_widget_add_controller (row->scale, focus);
  /* Capture phase: the range's own drag gesture claims the pointer, but
   * the release still passes here first. */
  gtk_event_controller_set_propagation_phase (legacy, GTK_PHASE_CAPTURE);
  g_signal_connect (legacy, "event", G_CALLBACK (weight_scale_event), self);
  gtk_widget_add_controller (row->scale, legacy);
  gtk_box_append (GTK_BOX (box), row->scale);

  return row;
}

static void
update_weight_rows (DlbMatrixPage *self)
{
  gboolean editable = weights_editable (self);
  guint field = editable ? weight_field (self) : DLB_CRITERION_WEIGHT;
  double upper = 100;
  GListModel *criteria = dlb_case_get_criteria (self->kase);

  /* Points run 0–100 unless a criterion already has more (the model
   * allows up to 1000). */
  for (guint i = 0; editable && i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);

      if (dlb_entity_get_double (criterion, field) > 100)
        upper = 1000;
    }

  self->updating = TRUE;
  for (guint k = 0; k < self->weight_rows->len; k++)
    {
      WeightRow *row = g_ptr_array_index (self->weight_rows, k);
      DlbEntity *criterion = dlb_case_lookup_kind (self->kase, DLB_KIND_CRITERION, row->criterion_id);
      int index = dlb_result_find_criterion (self->result, row->criterion_id);
      double weight = index >= 0 ? dlb_result_get_weight (self->result, (guint) index) : 0;
      g_autofree char *percent = format_percent (weight);
      double *preview = g_hash_table_lookup (self->preview, row->criterion_id);

      if (criterion == NULL)
        continue;

      gtk_label_set_text (GTK_LABEL (row->percent_label), percent);

      if (dlb_criterion_has_minimum (DLB_CRITERION (criterion)))
        {
          g_autofree char *minimum = format_score (dlb_criterion_get_minimum (DLB_CRITERION (criterion)));
          /* Translators: a badge on a criterion with a gate; %s is the minimum score */
          g_autofree char *gate = g_strdup_printf (_("Gate ≥ %s"), minimum);
          /* Translators: %s is the minimum score */
          g_autofree char *tooltip = g_strdup_printf (_("An option scoring below %s here is ruled out "
                                                        "whatever its total"), minimum);

          gtk_label_set_text (GTK_LABEL (row->gate_label), gate);
          gtk_widget_set_tooltip_text (row->gate_label, tooltip);
          gtk_widget_set_visible (row->gate_label, TRUE);
        }
      else
        gtk_widget_set_visible (row->gate_label, FALSE);

      gtk_widget_set_sensitive (row->scale, editable);
      gtk_scale_set_draw_value (GTK_SCALE (row->scale), editable);
      if (editable)
        {
          double points = preview != NULL ? *preview : dlb_entity_get_double (criterion, field);
          g_autofree char *text = g_strdup_printf (dlb_case_get_weighting (self->kase) == DLB_WEIGHTING_SWING
                                                   /* Translators: a criterion's swing, then its weight */
                                                   ? _("swing %.0f, weight %s")
                                                   /* Translators: a criterion's points, then its weight */
                                                   : _("%.0f points, weight %s"),
                                                   points, percent);

          gtk_range_set_range (GTK_RANGE (row->scale), 0, dlb_case_get_weighting (self->kase) == DLB_WEIGHTING_SWING
                                                            ? 100 : upper);
          gtk_range_set_increments (GTK_RANGE (row->scale), 1, upper > 100 ? 50 : 5);
          gtk_range_set_value (GTK_RANGE (row->scale), points);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row->scale),
                                          GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
        }
      else
        {
          /* Derived weights (a ranking, AHP or a perspective) are shown,
           * in percent, on the same scale, but edited elsewhere. */
          gtk_range_set_range (GTK_RANGE (row->scale), 0, 100);
          gtk_range_set_value (GTK_RANGE (row->scale), weight * 100);
          gtk_accessible_update_property (GTK_ACCESSIBLE (row->scale),
                                          GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, percent, -1);
        }
    }
  self->updating = FALSE;
}

static void
update_weights_header (DlbMatrixPage *self)
{
  DlbWeighting weighting = dlb_case_get_weighting (self->kase);
  g_autofree char *note = NULL;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->method_dropdown, (guint) weighting);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_dropdown), !is_read_only (self));

  gtk_widget_set_visible (GTK_WIDGET (self->method_button),
                          weighting == DLB_WEIGHTING_RANKING || weighting == DLB_WEIGHTING_AHP);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_button), !is_read_only (self));
  gtk_button_set_label (self->method_button, weighting == DLB_WEIGHTING_AHP ? _("_Compare Pairs…")
                                                                              : _("_Rank Criteria…"));

  if (self->perspective != NULL)
    {
      const char *name = self->result != NULL ? dlb_result_get_perspective (self->result) : NULL;
      guint n = self->perspective_ids->len;

      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (g_ptr_array_index (self->perspective_ids, i), self->perspective) == 0)
          name = gtk_string_list_get_string (self->perspective_model, i + 1);
      /* Translators: %s is a perspective, e.g. "Illinois ACLU" */
      note = g_strdup_printf (_("Showing the weights of %s. Choose “Case weights” to edit the case’s own."),
                              name != NULL ? name : "");
    }
  else if (weighting == DLB_WEIGHTING_DIRECT)
    note = g_strdup (_("Drag to give each criterion its points; the percentages are the resulting weights."));
  else if (weighting == DLB_WEIGHTING_SWING)
    note = g_strdup (_("Rate how much the swing from the worst to the best score matters on each criterion, "
                       "the most important swing at 100."));
  else if (weighting == DLB_WEIGHTING_RANKING)
    note = g_strdup (_("The weights come from the order of the criteria (rank-order centroid)."));
  else
    {
      const DlbAhpConsistency *ahp = self->result != NULL ? dlb_result_get_ahp (self->result) : NULL;

      if (ahp != NULL)
        /* Translators: %.2f is AHP's consistency ratio */
        note = g_strdup_printf (ahp->inconsistent
                                ? _("The weights come from pairwise comparisons. Consistency ratio %.2f: "
                                    "above 0.10, the comparisons contradict each other.")
                                : _("The weights come from pairwise comparisons. Consistency ratio %.2f."),
                                ahp->cr);
      else
        note = g_strdup (_("The weights come from pairwise comparisons."));
    }
  gtk_label_set_text (self->weights_note, note);
}

/* The score grid */

static void
score_cell_free (gpointer data)
{
  ScoreCell *cell = data;

  g_free (cell->option_id);
  g_free (cell->criterion_id);
  g_free (cell);
}

static void
draw_range (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  ScoreCell *cell = data;
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg, accent;
  double y = height / 2.0, lo, hi, v;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 4);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  cairo_move_to (cr, 2, y);
  cairo_line_to (cr, width - 2, y);
  cairo_stroke (cr);

  if (!cell->scored)
    return;

  lo = 2 + (width - 4) * CLAMP (cell->low, 0, 10) / 10;
  hi = 2 + (width - 4) * CLAMP (cell->high, 0, 10) / 10;
  v = 2 + (width - 4) * CLAMP (cell->value, 0, 10) / 10;
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.45);
  cairo_move_to (cr, lo, y);
  cairo_line_to (cr, MAX (hi, lo + 0.01), y);
  cairo_stroke (cr);
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 1);
  cairo_arc (cr, v, y, 3.2, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
cell_clicked (GtkButton *button,
              ScoreCell *cell)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), DLB_TYPE_MATRIX_PAGE));

  dlb_matrix_page_edit_score (self, cell->option_id, cell->criterion_id);
}

static GtkWidget *
header_label (const char *text,
              const char *css_class,
              float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0 ? GTK_JUSTIFY_CENTER : GTK_JUSTIFY_LEFT);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* An option's or a criterion's name: selecting it edits the entity. */
static GtkWidget *
header_button (GtkWidget *label,
               DlbEntity *entity)
{
  GtkWidget *button = gtk_button_new ();
  const char *description = dlb_entity_get_string (entity, FIELD_DESCRIPTION);
  g_autofree char *name = g_strdup_printf ("edit-%s", dlb_entity_get_id (entity));
  g_autofree char *tooltip = NULL;

  gtk_widget_set_name (button, name);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "matrix-header");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "matrix.edit");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", dlb_entity_get_id (entity));
  tooltip = description != NULL && *description ? g_strdup (description) : NULL;
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dlb_entity_get_display_name (entity),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  dlb_entity_get_kind (entity) == DLB_KIND_OPTION ? _("Edit this option")
                                                                                  : _("Edit this criterion"),
                                  -1);
  return button;
}

static void
rebuild_grid (DlbMatrixPage *self)
{
  GListModel *options = dlb_case_get_options (self->kase);
  GListModel *criteria = dlb_case_get_criteria (self->kase);
  guint n_options = g_list_model_get_n_items (options);
  guint n_criteria = g_list_model_get_n_items (criteria);
  GtkWidget *child;
  GtkWidget *total;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->score_grid))) != NULL)
    gtk_grid_remove (self->score_grid, child);
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->total_labels, 0);

  for (guint o = 0; o < n_options; o++)
    {
      g_autoptr(DlbEntity) option = g_list_model_get_item (options, o);
      GtkWidget *label = header_label (dlb_entity_get_display_name (option), "heading", 0.5);
      GtkWidget *button = header_button (label, option);

      /* Small minimum widths keep the grid within a narrow window (the
       * names wrap instead). */
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_width_chars (GTK_LABEL (label), 7);
      gtk_widget_set_valign (button, GTK_ALIGN_END);
      gtk_widget_set_hexpand (button, TRUE);
      gtk_widget_set_margin_bottom (button, 4);
      gtk_grid_attach (self->score_grid, button, (int) o + 1, 0, 1, 1);
    }

  for (guint c = 0; c < n_criteria; c++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, c);
      GtkWidget *label = header_label (dlb_entity_get_display_name (criterion), NULL, 0);
      GtkWidget *button = header_button (label, criterion);

      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_set_margin_end (button, 4);
      gtk_grid_attach (self->score_grid, button, 0, (int) c + 1, 1, 1);

      for (guint o = 0; o < n_options; o++)
        {
          g_autoptr(DlbEntity) option = g_list_model_get_item (options, o);
          ScoreCell *cell = g_new0 (ScoreCell, 1);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
          g_autofree char *name = g_strdup_printf ("score-%s-%s", dlb_entity_get_id (option),
                                                   dlb_entity_get_id (criterion));

          cell->option_id = g_strdup (dlb_entity_get_id (option));
          cell->criterion_id = g_strdup (dlb_entity_get_id (criterion));
          cell->button = gtk_button_new ();
          gtk_widget_set_name (cell->button, name);
          gtk_widget_add_css_class (cell->button, "flat");
          gtk_widget_add_css_class (cell->button, "score-cell");
          cell->label = gtk_label_new (NULL);
          gtk_widget_add_css_class (cell->label, "numeric");
          gtk_box_append (GTK_BOX (box), cell->label);
          cell->range = gtk_drawing_area_new ();
          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (cell->range), 8);
          gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (cell->range), 56);
          gtk_widget_set_halign (cell->range, GTK_ALIGN_CENTER);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (cell->range), draw_range, cell, NULL);
          gtk_box_append (GTK_BOX (box), cell->range);
          gtk_button_set_child (GTK_BUTTON (cell->button), box);
          g_object_set_data_full (G_OBJECT (cell->button), "cell", cell, score_cell_free);
          g_signal_connect (cell->button, "clicked", G_CALLBACK (cell_clicked), cell);
          gtk_grid_attach (self->score_grid, cell->button, (int) o + 1, (int) c + 1, 1, 1);
          g_ptr_array_add (self->cells, cell);
        }
    }

  total = header_label (_("Weighted total"), "heading", 0);
  gtk_widget_set_margin_top (total, 6);
  gtk_grid_attach (self->score_grid, total, 0, (int) n_criteria + 1, 1, 1);
  for (guint o = 0; o < n_options; o++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "matrix-total");
      gtk_widget_set_margin_top (label, 6);
      gtk_grid_attach (self->score_grid, label, (int) o + 1, (int) n_criteria + 1, 1, 1);
      g_ptr_array_add (self->total_labels, label);
    }
}

static const DlbGateFailure *
find_gate_failure (DlbResult  *result,
                   const char *option_id,
                   const char *criterion_id)
{
  int option = dlb_result_find_option (result, option_id);
  int criterion = dlb_result_find_criterion (result, criterion_id);
  const DlbGateFailure *failures;
  guint n = 0;

  if (option < 0 || criterion < 0)
    return NULL;
  failures = dlb_result_get_gate_failures (result, (guint) option, &n);
  for (guint i = 0; i < n; i++)
    if (failures[i].criterion == (guint) criterion)
      return &failures[i];
  return NULL;
}

static void
update_grid (DlbMatrixPage *self)
{
  gboolean read_only = is_read_only (self);
  GListModel *options = dlb_case_get_options (self->kase);

  for (guint k = 0; k < self->cells->len; k++)
    {
      ScoreCell *cell = g_ptr_array_index (self->cells, k);
      DlbScore *score = dlb_case_get_score (self->kase, cell->option_id, cell->criterion_id);
      DlbEntity *option = dlb_case_lookup (self->kase, cell->option_id);
      DlbEntity *criterion = dlb_case_lookup (self->kase, cell->criterion_id);
      const DlbGateFailure *gate = find_gate_failure (self->result, cell->option_id, cell->criterion_id);
      g_autofree char *markup = NULL;
      g_autofree char *accessible = NULL;
      g_autofree char *tooltip = NULL;

      cell->scored = score != NULL;
      if (score != NULL)
        {
          g_autofree char *value = format_score (dlb_score_get_value (score));
          g_autofree char *low = format_score (dlb_score_get_low (score));
          g_autofree char *high = format_score (dlb_score_get_high (score));
          const char *rationale = dlb_score_get_rationale (score);

          cell->value = dlb_score_get_value (score);
          cell->low = dlb_score_get_low (score);
          cell->high = dlb_score_get_high (score);
          if (cell->low == cell->high)
            markup = g_strdup_printf ("<b>%s</b>", value);
          else
            /* Translators: a score and its range, e.g. "7 (5–8)"; keep the markup */
            markup = g_strdup_printf (_("<b>%s</b> <small>(%s–%s)</small>"), value, low, high);
          /* Translators: how a screen reader announces a score cell: option, criterion, score, range */
          accessible = g_strdup_printf (_("%s on %s: %s, plausible range %s to %s"),
                                        dlb_entity_get_display_name (option),
                                        dlb_entity_get_display_name (criterion), value, low, high);
          tooltip = g_strdup (rationale != NULL && *rationale ? rationale : _("No rationale yet"));
        }
      else
        {
          markup = g_strdup ("<span alpha=\"50%\">—</span>");
          /* Translators: how a screen reader announces an empty score cell: option, criterion */
          accessible = g_strdup_printf (_("%s on %s: not scored"), dlb_entity_get_display_name (option),
                                        dlb_entity_get_display_name (criterion));
          tooltip = g_strdup (_("Not scored yet: it counts as 0. Select to score it."));
        }

      if (gate != NULL)
        {
          g_autofree char *minimum = format_score (gate->minimum);
          /* Translators: appended to a score's tooltip; %s is the minimum score */
          g_autofree char *more = g_strdup_printf (_("Below this criterion’s minimum of %s: the option is ruled out."),
                                                   minimum);
          char *joined = g_strconcat (tooltip, "\n\n", more, NULL);

          g_free (tooltip);
          tooltip = joined;
          gtk_widget_add_css_class (cell->label, "error");
        }
      else
        gtk_widget_remove_css_class (cell->label, "error");

      gtk_label_set_markup (GTK_LABEL (cell->label), markup);
      gtk_widget_set_tooltip_text (cell->button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
      gtk_widget_set_sensitive (cell->button, !read_only);
      gtk_widget_queue_draw (cell->range);
    }

  for (guint o = 0; o < self->total_labels->len && o < g_list_model_get_n_items (options); o++)
    {
      GtkWidget *label = g_ptr_array_index (self->total_labels, o);
      g_autoptr(DlbEntity) option = g_list_model_get_item (options, o);
      int index = dlb_result_find_option (self->result, dlb_entity_get_id (option));
      g_autofree char *total = index >= 0 ? format_total (dlb_result_get_total (self->result, (guint) index))
                                          : g_strdup ("—");

      gtk_label_set_text (GTK_LABEL (label), total);
      if (index >= 0 && index == dlb_result_get_winner (self->result))
        gtk_widget_add_css_class (label, "accent");
      else
        gtk_widget_remove_css_class (label, "accent");
      if (index >= 0 && dlb_result_is_disqualified (self->result, (guint) index))
        gtk_widget_add_css_class (label, "error");
      else
        gtk_widget_remove_css_class (label, "error");
    }
}

/* Results */

static void
draw_bars (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  data)
{
  DlbMatrixPage *self = data;

  dlb_chart_draw_bars (cr, width, height, self->bars, self->n_bars);
}

static void
draw_sensitivity (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  data)
{
  DlbMatrixPage *self = data;

  if (self->sensitivity.n_lines > 0)
    dlb_chart_draw_sensitivity (cr, width, height, &self->sensitivity);
}

/* The recommendation the page states: the case's own, from its shared
 * analysis; the model's word alone under a perspective or a preview. */
static DlbRecommendation *
page_recommendation (DlbMatrixPage *self)
{
  DlbAnalysis *analysis = dlb_analysis_for_case (self->kase);

  if (self->result == dlb_analysis_get_result (analysis))
    return g_object_ref (dlb_analysis_get_recommendation (analysis));
  return dlb_recommendation_new_for_result (self->result);
}

static void
update_headline (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  const char * const *warnings = dlb_result_get_warnings (r);
  g_autoptr(DlbRecommendation) rec = page_recommendation (self);
  g_autofree char *choice = dlb_recommendation_dup_choice (rec);
  g_autofree char *summary = dlb_recommendation_dup_summary (rec, FALSE);
  g_autofree char *probability = dlb_recommendation_dup_probability_sentence (rec);
  g_autofree char *justification = dlb_recommendation_dup_justification_sentence (rec, FALSE);
  const char *robustness = dlb_recommendation_get_robustness (rec);

  if (self->perspective != NULL)
    {
      const char *name = NULL;

      for (guint i = 0; i < dlb_result_get_n_perspectives (r); i++)
        {
          const DlbPerspectiveOutcome *p = dlb_result_get_perspective_outcome (r, i);

          if (g_strcmp0 (p->id, self->perspective) == 0)
            name = p->name;
        }
      {
        /* Translators: %s is a perspective, e.g. "Illinois ACLU" */
        g_autofree char *context = g_strdup_printf (_("As %s would weigh it"), name != NULL ? name : "");
        gtk_label_set_text (self->context_label, context);
      }
      gtk_widget_set_visible (GTK_WIDGET (self->context_label), TRUE);
    }
  else if (dlb_result_get_weights_overridden (r))
    {
      gtk_label_set_text (self->context_label, _("Previewing the new weights"));
      gtk_widget_set_visible (GTK_WIDGET (self->context_label), TRUE);
    }
  else
    {
      gtk_label_set_text (self->context_label, dlb_recommendation_get_kind_label (rec));
      gtk_widget_set_visible (GTK_WIDGET (self->context_label), choice != NULL);
    }

  gtk_label_set_text (self->winner_label, choice != NULL ? choice : dlb_recommendation_get_kind_label (rec));
  if (probability != NULL)
    {
      char *joined = g_strjoin (" ", summary, probability, NULL);

      g_free (summary);
      summary = joined;
    }
  gtk_label_set_text (self->summary_label, summary);

  gtk_label_set_text (self->robustness_label, robustness != NULL ? robustness : "");
  gtk_widget_set_visible (GTK_WIDGET (self->robustness_label), robustness != NULL && *robustness);

  clear_box (GTK_WIDGET (self->warnings_box));
  if (justification != NULL)
    gtk_box_append (self->warnings_box, note_label (justification, "emblem-important-symbolic", "accent"));
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    {
      GtkWidget *note = note_label (warnings[i], "dialog-warning-symbolic", NULL);

      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (self->warnings_box, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box)) != NULL);
}

static void
update_ranking (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  guint n = 0;
  const guint *ranking = dlb_result_get_ranking (r, &n);
  g_auto(GStrv) sentences = NULL;

  g_free (self->bars);
  self->bars = dlb_chart_bars_from_result (r, NULL, &self->n_bars);
  clear_box (GTK_WIDGET (self->gates_box));

  for (guint k = 0; k < n; k++)
    {
      guint o = ranking[k];
      const DlbGateFailure *failures;
      guint n_failures = 0;

      failures = dlb_result_get_gate_failures (r, o, &n_failures);
      for (guint f = 0; f < n_failures; f++)
        {
          g_autofree char *text = dlb_gate_failure_sentence (r, o, &failures[f]);

          gtk_box_append (self->gates_box, note_label (text, "action-unavailable-symbolic", "error"));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->gates_box), gtk_widget_get_first_child (GTK_WIDGET (self->gates_box)) != NULL);

  /* The bars are laid out in points: a row of about 22 points each. */
  dlb_chart_view_set_content_height (self->bars_chart,
                                     (int) ((MAX (n, 1) * 22 + 16) * dlb_chart_view_get_zoom (self->bars_chart)) + 20);
  sentences = dlb_chart_describe_bars (self->bars, self->n_bars);
  dlb_chart_view_set_sentences (self->bars_chart, (const char * const *) sentences);
}

static void
update_probabilities (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  guint n = 0;
  const guint *ranking = dlb_result_get_ranking (r, &n);
  g_autofree char *draws_text = NULL;
  g_autofree char *draws = NULL;
  int focus = focused_row (self->probability_list);

  clear_box (GTK_WIDGET (self->probability_list));
  gtk_widget_set_visible (GTK_WIDGET (self->probability_list), dlb_result_has_probabilities (r) && n > 0);
  if (!dlb_result_has_probabilities (r))
    {
      gtk_label_set_text (self->draws_label, _("No simulation was run."));
      return;
    }

  draws = g_strdup_printf ("%'u", dlb_result_get_draws (r));
  if (self->reduced_draws)
    /* Translators: %s is a number of draws, e.g. "2,000"; %d the full number */
    draws_text = g_strdup_printf (_("Estimated from %s draws while you drag; %d when you let go."),
                                  draws, DLB_ENGINE_DEFAULT_DRAWS);
  else
    /* Translators: %s is a number of draws, e.g. "10,000" */
    draws_text = g_strdup_printf (_("From %s simulated draws of every score within its range."), draws);
  if (dlb_result_get_probability_none (r) > 0.0005)
    {
      g_autofree char *none = format_percent (dlb_result_get_probability_none (r));
      /* Translators: %s is a percentage */
      g_autofree char *more = g_strdup_printf (_(" In %s of them every option fails a gate."), none);
      char *joined = g_strconcat (draws_text, more, NULL);

      g_free (draws_text);
      draws_text = joined;
    }
  gtk_label_set_text (self->draws_label, draws_text);

  for (guint k = 0; k < n; k++)
    {
      guint o = ranking[k];
      double p = dlb_result_get_probability_first (r, o);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *name = gtk_label_new (dlb_result_get_option_name (r, o));
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 1);
      g_autofree char *percent = format_percent (p);
      GtkWidget *value = gtk_label_new (percent);
      g_autofree char *accessible = NULL;

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (p, 0, 1));
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_size_request (bar, 96, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (value, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (value), 5);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), value);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      /* Translators: an option, then its chance of ranking first in percent */
      accessible = g_strdup_printf (_("%s: %s chance of ranking first"), dlb_result_get_option_name (r, o), percent);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_list_box_append (self->probability_list, row);
    }
  refocus_row (self->probability_list, focus);
}

static void
update_sensitivity (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  int c = self->criterion != NULL ? dlb_result_find_criterion (r, self->criterion) : -1;
  const DlbSensitivity *s;
  g_auto(GStrv) sentences = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  int winner = dlb_result_get_winner (r);

  if (c < 0 && dlb_result_get_n_criteria (r) > 0)
    c = 0;
  g_free (self->lines);
  self->lines = NULL;
  memset (&self->sensitivity, 0, sizeof self->sensitivity);
  if (c < 0)
    {
      dlb_chart_view_set_sentences (self->sensitivity_chart, NULL);
      gtk_label_set_text (self->sensitivity_label, "");
      return;
    }

  s = dlb_result_get_sensitivity (r, (guint) c);
  self->lines = dlb_chart_sensitivity_from_result (r, (guint) c, NULL, &self->sensitivity);

  sentences = dlb_chart_describe_sensitivity (&self->sensitivity);
  dlb_chart_view_set_sentences (self->sensitivity_chart, (const char * const *) sentences);

  if (s->valid && winner >= 0)
    {
      g_autofree char *from = format_percent (s->holds_from);
      g_autofree char *to = format_percent (s->holds_to);
      g_autofree char *now = format_percent (s->weight);

      /* Translators: the winning option, a criterion, two weights in percent and the current weight */
      g_string_append_printf (text, _("%s stays first while %s weighs between %s and %s (now %s)."),
                              dlb_result_get_option_name (r, (guint) winner),
                              self->sensitivity.criterion, from, to, now);
      if (s->below >= 0)
        /* Translators: a weight in percent, then the option that takes over */
        g_string_append_printf (text, _(" Below %s, %s takes over."), from,
                                dlb_result_get_option_name (r, (guint) s->below));
      if (s->above >= 0)
        /* Translators: a weight in percent, then the option that takes over */
        g_string_append_printf (text, _(" Above %s, %s takes over."), to,
                                dlb_result_get_option_name (r, (guint) s->above));
    }
  else
    g_string_append (text, _("There is no winner, so no weight at which the winner changes."));
  gtk_label_set_text (self->sensitivity_label, text->str);
}

static void
perspective_row_activated (GtkListBox    *list,
                           GtkListBoxRow *row,
                           DlbMatrixPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "perspective-id");

  dlb_matrix_page_set_perspective (self, id);
}

static void
update_perspectives (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  guint n = dlb_result_get_n_perspectives (r);
  const char *agreement = dlb_result_get_agreement_sentence (r);
  int focus = focused_row (self->perspectives_list);

  gtk_label_set_text (self->agreement_label,
                      agreement != NULL && n > 0 ? agreement
                                                 : _("The case has no perspectives: named weight sets, "
                                                     "such as a stakeholder’s, to compare the result with."));
  clear_box (GTK_WIDGET (self->perspectives_list));
  gtk_widget_set_visible (GTK_WIDGET (self->perspectives_list), n > 0);

  for (guint i = 0; i < n; i++)
    {
      const DlbPerspectiveOutcome *p = dlb_result_get_perspective_outcome (r, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (NULL);
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
      if (p->winner >= 0)
        /* Translators: the option a perspective would choose */
        subtitle = g_strdup_printf (p->tied ? _("Tied first: %s") : _("Would choose: %s"),
                                    dlb_result_get_option_name (r, (guint) p->winner));
      else
        subtitle = g_strdup (p->weights_all_zero ? _("Weighs nothing: no choice") : _("No option passes the gates"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (badge, "matrix-badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      if (p->agrees)
        {
          gtk_label_set_text (GTK_LABEL (badge), _("Agrees"));
          gtk_widget_add_css_class (badge, "success");
        }
      else
        {
          gtk_label_set_text (GTK_LABEL (badge), _("Differs"));
          gtk_widget_add_css_class (badge, "warning");
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Analyse under this perspective"));
      g_object_set_data_full (G_OBJECT (row), "perspective-id", g_strdup (p->id), g_free);
      gtk_list_box_append (self->perspectives_list, row);
    }
  refocus_row (self->perspectives_list, focus);
}

/* Structure: what the grid, the rows and the dropdowns are built from */

static char *
structure_key (DlbCase *kase)
{
  GString *key = g_string_new (NULL);

  for (int k = 0; k < 2; k++)
    {
      GListModel *list = k == 0 ? dlb_case_get_options (kase) : dlb_case_get_criteria (kase);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);

          g_string_append_printf (key, "%s\x1f%s\x1f%s\x1e", dlb_entity_get_id (entity),
                                  dlb_entity_get_display_name (entity),
                                  dlb_entity_get_string (entity, FIELD_DESCRIPTION) != NULL ? dlb_entity_get_string (entity, FIELD_DESCRIPTION) : "");
        }
      g_string_append_c (key, '\x1d');
    }
  return g_string_free (key, FALSE);
}

static void
rebuild_structure (DlbMatrixPage *self)
{
  GListModel *criteria = dlb_case_get_criteria (self->kase);
  guint n = g_list_model_get_n_items (criteria);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  rebuild_grid (self);

  clear_box (GTK_WIDGET (self->weights_list));
  g_ptr_array_set_size (self->weight_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);
      WeightRow *row = weight_row_new (self, criterion);

      gtk_list_box_append (self->weights_list, row->row);
      g_ptr_array_add (self->weight_rows, row);
      g_ptr_array_add (names, (gpointer) dlb_entity_get_display_name (criterion));
      if (g_strcmp0 (self->criterion, dlb_entity_get_id (criterion)) == 0)
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (self->criterion_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->criterion_model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->criterion_dropdown, selected);
  self->updating = FALSE;

  if (n > 0)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, selected);

      g_free (self->criterion);
      self->criterion = g_strdup (dlb_entity_get_id (criterion));
    }
}

static void
rebuild_perspectives (DlbMatrixPage *self)
{
  GListModel *perspectives = dlb_case_get_perspectives (self->kase);
  guint n = g_list_model_get_n_items (perspectives);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) key = g_string_new (NULL);
  guint selected = 0;
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbEntity) p = g_list_model_get_item (perspectives, i);

      g_string_append_printf (key, "%s\x1f%s\x1e", dlb_entity_get_id (p), dlb_entity_get_display_name (p));
    }
  if (g_strcmp0 (key->str, self->perspectives_key) == 0)
    return;
  g_free (self->perspectives_key);
  self->perspectives_key = g_strdup (key->str);

  g_ptr_array_set_size (self->perspective_ids, 0);
  g_ptr_array_add (names, (gpointer) _("Case weights"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbEntity) p = g_list_model_get_item (perspectives, i);

      g_ptr_array_add (self->perspective_ids, g_strdup (dlb_entity_get_id (p)));
      g_ptr_array_add (names, (gpointer) dlb_entity_get_display_name (p));
      if (g_strcmp0 (self->perspective, dlb_entity_get_id (p)) == 0)
        {
          selected = i + 1;
          found = TRUE;
        }
    }
  g_ptr_array_add (names, NULL);

  /* The perspective analysed under went away: back to the case's own. */
  if (!found)
    g_clear_pointer (&self->perspective, g_free);

  self->updating = TRUE;
  gtk_string_list_splice (self->perspective_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->perspective_model)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->perspective_dropdown, selected);
  self->updating = FALSE;
}

static void update_actions (DlbMatrixPage *self);

static void
update_page (DlbMatrixPage *self)
{
  g_autofree char *key = NULL;
  DlbResultStatus status;

  update_actions (self);

  if (self->kase == NULL || self->result == NULL)
    {
      adw_status_page_set_description (self->empty_status, _("Open a case to compare its options."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  status = dlb_result_get_status (self->result);
  if (status == DLB_RESULT_STATUS_NO_OPTIONS || status == DLB_RESULT_STATUS_NO_CRITERIA)
    {
      adw_status_page_set_description (self->empty_status, dlb_result_get_reason (self->result));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "matrix");

  key = structure_key (self->kase);
  if (g_strcmp0 (key, self->structure_key) != 0)
    {
      g_free (self->structure_key);
      self->structure_key = g_steal_pointer (&key);
      rebuild_structure (self);
    }

  update_grid (self);
  update_weights_header (self);
  update_weight_rows (self);
  update_headline (self);
  update_ranking (self);
  update_probabilities (self);
  update_sensitivity (self);
  update_perspectives (self);
}

/* The case's own figures come from its shared analysis when it has
 * caught up with the change; a perspective or a preview is analysed here
 * at once. */
static void
case_changed (DlbMatrixPage *self)
{
  rebuild_perspectives (self);
  if (self->perspective != NULL || (g_hash_table_size (self->preview) > 0 && weights_editable (self)))
    analyze (self);
}

static void
analysis_changed (DlbMatrixPage *self)
{
  if (self->perspective != NULL || (g_hash_table_size (self->preview) > 0 && weights_editable (self)))
    return;
  /* A hidden page catches up when it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->result_stale = TRUE;
      return;
    }
  self->result_stale = FALSE;
  analyze (self);
}

static void
on_map (DlbMatrixPage *self)
{
  if (self->result_stale)
    analysis_changed (self);
}

/* Controls */

static void
method_selected (DlbMatrixPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  guint selected = gtk_drop_down_get_selected (self->method_dropdown);

  if (self->updating || self->kase == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  commit_weights (self);
  g_value_init (&v, DLB_TYPE_WEIGHTING);
  g_value_set_enum (&v, (int) selected);
  if (!dlb_case_set_field (self->kase, DLB_ENTITY (self->kase), DLB_CASE_WEIGHTING, &v, &error))
    {
      show_error (self, error);
      analyze (self);
    }
}

static void
perspective_selected (DlbMatrixPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->perspective_dropdown);

  if (self->updating)
    return;

  dlb_matrix_page_set_perspective (self,
                                   selected >= 1 && selected - 1 < self->perspective_ids->len
                                   ? g_ptr_array_index (self->perspective_ids, selected - 1) : NULL);
}

static void
criterion_selected (DlbMatrixPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->criterion_dropdown);
  GListModel *criteria;
  g_autoptr(DlbEntity) criterion = NULL;

  if (self->updating || self->kase == NULL)
    return;

  criteria = dlb_case_get_criteria (self->kase);
  if (selected >= g_list_model_get_n_items (criteria))
    return;
  criterion = g_list_model_get_item (criteria, selected);
  dlb_matrix_page_select_criterion (self, dlb_entity_get_id (criterion));
}

static void
on_method_button_clicked (DlbMatrixPage *self)
{
  dlb_matrix_page_edit_weights (self, dlb_case_get_weighting (self->kase) == DLB_WEIGHTING_AHP
                                      ? DLB_WEIGHTS_DIALOG_AHP : DLB_WEIGHTS_DIALOG_RANKING);
}

static void
present_transient (DlbMatrixPage *self,
                   GtkWindow     *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
}

DlbScoreEditor *
dlb_matrix_page_edit_score (DlbMatrixPage *self,
                            const char    *option_id,
                            const char    *criterion_id)
{
  DlbScoreEditor *editor;

  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);
  g_return_val_if_fail (option_id != NULL && criterion_id != NULL, NULL);

  if (self->kase == NULL)
    return NULL;

  /* One score editor at a time: another cell replaces it. */
  if (self->editor != NULL)
    {
      editor = DLB_SCORE_EDITOR (self->editor);
      if (g_strcmp0 (dlb_score_editor_get_option_id (editor), option_id) == 0
          && g_strcmp0 (dlb_score_editor_get_criterion_id (editor), criterion_id) == 0)
        {
          gtk_window_present (self->editor);
          return editor;
        }
      gtk_window_close (self->editor);
    }

  editor = dlb_score_editor_new (self->kase, option_id, criterion_id);
  g_set_weak_pointer (&self->editor, GTK_WINDOW (editor));
  present_transient (self, GTK_WINDOW (editor));
  return editor;
}

DlbWeightsDialog *
dlb_matrix_page_edit_weights (DlbMatrixPage        *self,
                              DlbWeightsDialogMode  mode)
{
  DlbWeightsDialog *dialog;

  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  if (self->kase == NULL)
    return NULL;

  commit_weights (self);
  dialog = dlb_weights_dialog_new (self->kase, mode);
  present_transient (self, GTK_WINDOW (dialog));
  return dialog;
}

/* Options and criteria: a small dialog for the name, the description and
 * what the page itself does not show (a criterion's gate, the findings a
 * conditional option resolves). Every change goes to the case at once;
 * text is written when typing pauses and when the dialog closes. */

#define TEXT_DELAY_MS 700

typedef struct
{
  DlbCase       *kase;
  DlbEntity     *entity;
  GtkWindow     *window;
  AdwEntryRow   *name_row;
  GtkTextBuffer *description;
  GtkWidget     *gate_switch;
  GtkWidget     *minimum_spin;
  GPtrArray     *resolves_checks;
  guint          text_timeout;
  gboolean       description_dirty;
  gboolean       updating;
} EntityDialog;

static void
entity_dialog_error (EntityDialog *dialog,
                     const GError *error)
{
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (dialog->window,
                                                                          _("Could Not Change It"),
                                                                          error->message));

  adw_message_dialog_add_response (message, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

static gboolean
entity_dialog_alive (EntityDialog *dialog)
{
  return dlb_case_lookup (dialog->kase, dlb_entity_get_id (dialog->entity)) == dialog->entity;
}

static void
entity_dialog_set (EntityDialog *dialog,
                   guint         field,
                   const GValue *value)
{
  g_autoptr(GError) error = NULL;

  if (!entity_dialog_alive (dialog) || dlb_entity_value_equal (dialog->entity, field, value))
    return;
  if (!dlb_case_set_field (dialog->kase, dialog->entity, field, value, &error))
    entity_dialog_error (dialog, error);
}

static void
entity_dialog_flush (EntityDialog *dialog)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_clear_handle_id (&dialog->text_timeout, g_source_remove);
  if (!dialog->description_dirty)
    return;
  dialog->description_dirty = FALSE;

  gtk_text_buffer_get_bounds (dialog->description, &start, &end);
  text = gtk_text_buffer_get_text (dialog->description, &start, &end, FALSE);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, *text != '\0' ? text : NULL);
  entity_dialog_set (dialog, FIELD_DESCRIPTION, &v);
}

static gboolean
entity_dialog_text_timeout (gpointer data)
{
  EntityDialog *dialog = data;

  dialog->text_timeout = 0;
  entity_dialog_flush (dialog);
  return G_SOURCE_REMOVE;
}

static void
description_changed (EntityDialog *dialog)
{
  if (dialog->updating)
    return;
  dialog->description_dirty = TRUE;
  g_clear_handle_id (&dialog->text_timeout, g_source_remove);
  dialog->text_timeout = g_timeout_add (TEXT_DELAY_MS, entity_dialog_text_timeout, dialog);
}

static void
name_applied (EntityDialog *dialog)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)));
  entity_dialog_set (dialog, FIELD_NAME, &v);
}

static void
gate_changed (EntityDialog *dialog)
{
  g_auto(GValue) v = G_VALUE_INIT;
  gboolean on = gtk_switch_get_active (GTK_SWITCH (dialog->gate_switch));

  if (dialog->updating)
    return;
  gtk_widget_set_sensitive (dialog->minimum_spin, on);
  g_value_init (&v, G_TYPE_DOUBLE);
  /* The field's minimum, -1, stands for "no gate". */
  g_value_set_double (&v, on ? gtk_spin_button_get_value (GTK_SPIN_BUTTON (dialog->minimum_spin)) : -1);
  entity_dialog_set (dialog, DLB_CRITERION_MINIMUM, &v);
}

static void
resolves_toggled (EntityDialog *dialog)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  if (dialog->updating)
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < dialog->resolves_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (dialog->resolves_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "finding-id"));
    }
  ids = g_strv_builder_end (builder);
  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, ids);
  entity_dialog_set (dialog, DLB_OPTION_RESOLVES, &v);
}

static void
entity_dialog_refresh (EntityDialog *dialog)
{
  const char *description;

  /* Removed (here, by undo, or with what it depended on): nothing to edit. */
  if (!entity_dialog_alive (dialog))
    {
      dialog->description_dirty = FALSE;
      gtk_window_close (dialog->window);
      return;
    }

  dialog->updating = TRUE;
  if (!gtk_widget_has_focus (GTK_WIDGET (dialog->name_row))
      && gtk_widget_get_focus_child (GTK_WIDGET (dialog->name_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (dialog->name_row), dlb_entity_get_string (dialog->entity, FIELD_NAME));

  description = dlb_entity_get_string (dialog->entity, FIELD_DESCRIPTION);
  if (!dialog->description_dirty)
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (dialog->description, &start, &end);
      text = gtk_text_buffer_get_text (dialog->description, &start, &end, FALSE);
      if (g_strcmp0 (text, description != NULL ? description : "") != 0)
        gtk_text_buffer_set_text (dialog->description, description != NULL ? description : "", -1);
    }

  if (DLB_IS_CRITERION (dialog->entity))
    {
      DlbCriterion *criterion = DLB_CRITERION (dialog->entity);
      gboolean gated = dlb_criterion_has_minimum (criterion);

      gtk_switch_set_active (GTK_SWITCH (dialog->gate_switch), gated);
      gtk_widget_set_sensitive (dialog->minimum_spin, gated);
      if (gated)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog->minimum_spin), dlb_criterion_get_minimum (criterion));
    }
  else
    {
      const char * const *resolves = dlb_option_get_resolves (DLB_OPTION (dialog->entity));

      for (guint i = 0; i < dialog->resolves_checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (dialog->resolves_checks, i);
          const char *id = g_object_get_data (G_OBJECT (check), "finding-id");

          gtk_check_button_set_active (check, resolves != NULL && g_strv_contains (resolves, id));
        }
    }
  dialog->updating = FALSE;
}

static void
entity_dialog_free (gpointer data)
{
  EntityDialog *dialog = data;

  g_clear_handle_id (&dialog->text_timeout, g_source_remove);
  g_signal_handlers_disconnect_by_data (dialog->kase, dialog);
  g_object_unref (dialog->kase);
  g_object_unref (dialog->entity);
  g_clear_pointer (&dialog->resolves_checks, g_ptr_array_unref);
  g_free (dialog);
}

static gboolean
entity_dialog_close_request (GtkWindow    *window,
                             EntityDialog *dialog)
{
  gboolean grouped = dlb_case_begin_group (dialog->kase, _("Edit details"), NULL);

  /* The description and a name typed but not applied (unless it was
   * emptied) are kept, as one edit. */
  entity_dialog_flush (dialog);
  if (entity_dialog_alive (dialog) && *gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)) != '\0')
    name_applied (dialog);
  /* A part that failed has said so already; the whole edit is then
   * abandoned. */
  if (grouped)
    dlb_case_commit_group (dialog->kase, NULL);
  return FALSE;
}

static void
remove_response (AdwMessageDialog *message,
                 const char       *response,
                 EntityDialog     *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  dialog->description_dirty = FALSE;
  if (!dlb_case_remove (dialog->kase, dialog->entity, &error))
    entity_dialog_error (dialog, error);
}

static void
remove_clicked (GtkButton    *button,
                EntityDialog *dialog)
{
  gboolean option = dlb_entity_get_kind (dialog->entity) == DLB_KIND_OPTION;
  g_autofree char *heading = NULL;
  AdwMessageDialog *message;

  /* Translators: %s is an option's or a criterion's name */
  heading = g_strdup_printf (option ? _("Remove Option “%s”?") : _("Remove Criterion “%s”?"),
                             dlb_entity_get_display_name (dialog->entity));
  message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (dialog->window, heading,
                                                        option ? _("Its scores are removed with it. "
                                                                   "Undo brings them back.")
                                                               : _("Its scores are removed with it and the "
                                                                   "options are no longer compared on it. "
                                                                   "Undo brings them back.")));
  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (message, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (message, "cancel");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect (message, "response", G_CALLBACK (remove_response), dialog);
  gtk_window_present (GTK_WINDOW (message));
}

static GtkWidget *
entity_dialog_criterion_group (EntityDialog *dialog)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *gate_row = adw_action_row_new ();
  GtkWidget *minimum_row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Gate"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("An option scoring below the minimum on this criterion is "
                                           "ruled out, whatever its total."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (gate_row), _("_Minimum acceptable score"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (gate_row), TRUE);
  dialog->gate_switch = gtk_switch_new ();
  gtk_widget_set_valign (dialog->gate_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->gate_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minimum acceptable score"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (gate_row), dialog->gate_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (gate_row), dialog->gate_switch);
  g_signal_connect_swapped (dialog->gate_switch, "notify::active", G_CALLBACK (gate_changed), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), gate_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (minimum_row), _("Minimum"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (minimum_row), _("On the 0–10 scale of the scores"));
  dialog->minimum_spin = gtk_spin_button_new_with_range (0, 10, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (dialog->minimum_spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog->minimum_spin), 3);
  gtk_widget_set_valign (dialog->minimum_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->minimum_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minimum"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (minimum_row), dialog->minimum_spin);
  g_signal_connect_swapped (dialog->minimum_spin, "value-changed", G_CALLBACK (gate_changed), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), minimum_row);

  return group;
}

static GtkWidget *
entity_dialog_option_group (EntityDialog *dialog)
{
  GtkWidget *group = adw_preferences_group_new ();
  GListModel *findings = dlb_case_get_findings (dialog->kase);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Resolves"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("For a conditional option: the privacy findings its conditions "
                                           "resolve. The memo lists them as what the option requires."));
  dialog->resolves_checks = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DlbEntity) finding = g_list_model_get_item (findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dlb_entity_get_display_name (finding));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dlb_entity_get_display_name (finding), -1);
      g_object_set_data_full (G_OBJECT (check), "finding-id", g_strdup (dlb_entity_get_id (finding)), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (resolves_toggled), dialog);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (dialog->resolves_checks, check);
    }
  if (dialog->resolves_checks->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("The case has no privacy findings for a condition to resolve."));
  return group;
}

static GtkWindow *
open_entity_dialog (DlbMatrixPage *self,
                    DlbEntity     *entity)
{
  EntityDialog *dialog = g_new0 (EntityDialog, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove…"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *main_group = adw_preferences_group_new ();
  GtkWidget *description_group = adw_preferences_group_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  gboolean option = dlb_entity_get_kind (entity) == DLB_KIND_OPTION;
  gboolean read_only = is_read_only (self);

  dialog->kase = g_object_ref (self->kase);
  dialog->entity = g_object_ref (entity);
  dialog->window = GTK_WINDOW (window);
  g_object_set_data_full (G_OBJECT (window), "entity-dialog", dialog, entity_dialog_free);

  gtk_window_set_title (GTK_WINDOW (window), option ? _("Option") : _("Criterion"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, option ? 680 : 560);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_sensitive (remove, !read_only);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), dialog);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), remove);
  gtk_box_append (GTK_BOX (box), header);

  dialog->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->name_row), _("Name"));
  adw_entry_row_set_show_apply_button (dialog->name_row, TRUE);
  g_signal_connect_swapped (dialog->name_row, "apply", G_CALLBACK (name_applied), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (main_group), GTK_WIDGET (dialog->name_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (main_group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (description_group), _("Description"));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text), FALSE);
  gtk_widget_add_css_class (text, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  dialog->description = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
  g_signal_connect_swapped (dialog->description, "changed", G_CALLBACK (description_changed), dialog);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (entity_dialog_flush), dialog);
  gtk_widget_add_controller (text, focus);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (description_group), scroller);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (description_group));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (option ? entity_dialog_option_group (dialog)
                                                          : entity_dialog_criterion_group (dialog)));
  gtk_widget_set_sensitive (page, !read_only);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  g_signal_connect (window, "close-request", G_CALLBACK (entity_dialog_close_request), dialog);
  g_signal_connect_swapped (self->kase, "changed", G_CALLBACK (entity_dialog_refresh), dialog);

  entity_dialog_refresh (dialog);
  present_transient (self, GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
add_entity (DlbMatrixPage *self,
            DlbEntity     *entity)
{
  g_autoptr(GError) error = NULL;

  if (!dlb_case_insert (self->kase, entity, -1, &error))
    {
      show_error (self, error);
      return;
    }
  open_entity_dialog (self, entity);
}

static void
add_option_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);
  g_autoptr(DlbOption) option = dlb_option_new (_("New option"));

  add_entity (self, DLB_ENTITY (option));
}

static void
add_criterion_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);
  g_autoptr(DlbCriterion) criterion = dlb_criterion_new (_("New criterion"), 10);

  add_entity (self, DLB_ENTITY (criterion));
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);
  DlbEntity *entity = self->kase != NULL ? dlb_case_lookup (self->kase, g_variant_get_string (parameter, NULL))
                                         : NULL;

  if (entity != NULL)
    open_entity_dialog (self, entity);
}

static void
update_actions (DlbMatrixPage *self)
{
  gboolean editable = self->kase != NULL && !is_read_only (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.add-option", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.add-criterion", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.edit", editable);
}

/* GObject */

static void
dlb_matrix_page_dispose (GObject *object)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (object);

  if (self->kase != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->kase, self);
      g_signal_handlers_disconnect_by_data (dlb_analysis_for_case (self->kase), self);
    }
  /* A weight still being dragged is kept. */
  write_weights (self, FALSE);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->editor != NULL)
    gtk_window_close (self->editor);
  g_clear_weak_pointer (&self->editor);

  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_MATRIX_PAGE);
  g_clear_object (&self->result);
  g_clear_object (&self->kase);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dlb_matrix_page_parent_class)->dispose (object);
}

static void
dlb_matrix_page_finalize (GObject *object)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (object);

  g_clear_pointer (&self->preview, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->weight_rows, g_ptr_array_unref);
  g_clear_pointer (&self->total_labels, g_ptr_array_unref);
  g_clear_pointer (&self->perspective_ids, g_ptr_array_unref);
  g_free (self->structure_key);
  g_free (self->perspectives_key);
  g_free (self->perspective);
  g_free (self->criterion);
  g_free (self->bars);
  g_free (self->lines);

  G_OBJECT_CLASS (dlb_matrix_page_parent_class)->finalize (object);
}

static void
dlb_matrix_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_matrix_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      dlb_matrix_page_set_case (self, g_value_get_object (value));
      break;
    case PROP_STORE:
      dlb_matrix_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_matrix_page_class_init (DlbMatrixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_matrix_page_dispose;
  object_class->finalize = dlb_matrix_page_finalize;
  object_class->get_property = dlb_matrix_page_get_property;
  object_class->set_property = dlb_matrix_page_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, DLB_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DLB_TYPE_CHART_VIEW);
  g_type_ensure (DLB_TYPE_MATRIX_COLUMNS);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-matrix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, score_grid);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, method_button);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, weights_note);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, weights_list);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, perspective_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, perspective_model);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, winner_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, robustness_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, warnings_box);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, bars_chart);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, gates_box);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, draws_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, probability_list);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, criterion_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, criterion_model);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, sensitivity_chart);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, sensitivity_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, agreement_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, perspectives_list);
  gtk_widget_class_bind_template_callback (widget_class, on_method_button_clicked);

  gtk_widget_class_install_action (widget_class, "matrix.add-option", NULL, add_option_activated);
  gtk_widget_class_install_action (widget_class, "matrix.add-criterion", NULL, add_criterion_activated);
  gtk_widget_class_install_action (widget_class, "matrix.edit", "s", edit_activated);
}

static void
dlb_matrix_page_init (DlbMatrixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  self->preview = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cells = g_ptr_array_new ();
  self->weight_rows = g_ptr_array_new_with_free_func (weight_row_free);
  self->total_labels = g_ptr_array_new ();
  self->perspective_ids = g_ptr_array_new_with_free_func (g_free);

  dlb_chart_view_set_draw_func (self->bars_chart, draw_bars, self, NULL);
  dlb_chart_view_set_draw_func (self->sensitivity_chart, draw_sensitivity, self, NULL);

  g_signal_connect_swapped (self->method_dropdown, "notify::selected", G_CALLBACK (method_selected), self);
  g_signal_connect_swapped (self->perspective_dropdown, "notify::selected", G_CALLBACK (perspective_selected), self);
  g_signal_connect_swapped (self->criterion_dropdown, "notify::selected", G_CALLBACK (criterion_selected), self);
  g_signal_connect (self->perspectives_list, "row-activated", G_CALLBACK (perspective_row_activated), self);

  update_page (self);
}

GtkWidget *
dlb_matrix_page_new (void)
{
  return g_object_new (DLB_TYPE_MATRIX_PAGE, NULL);
}

DlbCase *
dlb_matrix_page_get_case (DlbMatrixPage *self)
{
  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  return self->kase;
}

void
dlb_matrix_page_set_case (DlbMatrixPage *self,
                          DlbCase       *kase)
{
  g_return_if_fail (DLB_IS_MATRIX_PAGE (self));
  g_return_if_fail (kase == NULL || DLB_IS_CASE (kase));

  if (self->kase == kase)
    return;

  commit_weights (self);
  if (self->editor != NULL)
    gtk_window_close (self->editor);
  if (self->kase != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->kase, self);
      g_signal_handlers_disconnect_by_data (dlb_analysis_for_case (self->kase), self);
    }
  g_set_object (&self->kase, kase);
  g_hash_table_remove_all (self->preview);
  g_clear_pointer (&self->structure_key, g_free);
  g_clear_pointer (&self->perspectives_key, g_free);
  g_clear_pointer (&self->perspective, g_free);
  g_clear_pointer (&self->criterion, g_free);
  self->full_analysis_us = 0;

  if (kase != NULL)
    {
      g_signal_connect_swapped (kase, "changed", G_CALLBACK (case_changed), self);
      g_signal_connect_swapped (dlb_analysis_for_case (kase), "notify::result",
                                G_CALLBACK (analysis_changed), self);
      rebuild_perspectives (self);
    }
  analyze (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

DlbStore *
dlb_matrix_page_get_store (DlbMatrixPage *self)
{
  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  return self->store;
}

void
dlb_matrix_page_set_store (DlbMatrixPage *self,
                           DlbStore      *store)
{
  g_return_if_fail (DLB_IS_MATRIX_PAGE (self));
  g_return_if_fail (store == NULL || DLB_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  dlb_matrix_page_set_case (self, store != NULL ? dlb_store_get_case (store) : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DlbResult *
dlb_matrix_page_get_result (DlbMatrixPage *self)
{
  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  return self->result;
}

const char *
dlb_matrix_page_get_perspective (DlbMatrixPage *self)
{
  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  return self->perspective;
}

void
dlb_matrix_page_set_perspective (DlbMatrixPage *self,
                                 const char    *perspective_id)
{
  guint selected = 0;

  g_return_if_fail (DLB_IS_MATRIX_PAGE (self));

  if (g_strcmp0 (self->perspective, perspective_id) == 0)
    return;

  commit_weights (self);
  if (perspective_id != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->perspective_ids->len; i++)
        if (g_str_equal (g_ptr_array_index (self->perspective_ids, i), perspective_id))
          {
            selected = i + 1;
            found = TRUE;
          }
      g_return_if_fail (found);
    }

  g_free (self->perspective);
  self->perspective = g_strdup (perspective_id);
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->perspective_dropdown, selected);
  self->updating = FALSE;
  analyze (self);
}

const char *
dlb_matrix_page_get_criterion (DlbMatrixPage *self)
{
  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  return self->criterion;
}

void
dlb_matrix_page_select_criterion (DlbMatrixPage *self,
                                  const char    *criterion_id)
{
  GListModel *criteria;

  g_return_if_fail (DLB_IS_MATRIX_PAGE (self));
  g_return_if_fail (criterion_id != NULL);

  if (self->kase == NULL || g_strcmp0 (self->criterion, criterion_id) == 0)
    return;

  criteria = dlb_case_get_criteria (self->kase);
  for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);

      if (!g_str_equal (dlb_entity_get_id (criterion), criterion_id))
        continue;

      g_free (self->criterion);
      self->criterion = g_strdup (criterion_id);
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->criterion_dropdown, i);
      self->updating = FALSE;
      if (self->result != NULL)
        update_sensitivity (self);
      return;
    }
}
