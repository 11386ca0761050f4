/* dlb-matrix-weights.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-matrix-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlb-matrix-page-private.h"
#include "dlb-util.h"

/* Weights: the analysis and the drag preview */

gboolean
_dlb_matrix_page_weights_editable (DlbMatrixPage *self)
{
  DlbWeighting weighting;

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL || self->perspective != NULL || _dlb_matrix_page_is_read_only (self))
    return FALSE;
  weighting = dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  return weighting == DLB_WEIGHTING_DIRECT || weighting == DLB_WEIGHTING_SWING;
}

static guint
weight_field (DlbMatrixPage *self)
{
  return dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self))) == DLB_WEIGHTING_SWING ? DLB_CRITERION_SWING
                                                                     : DLB_CRITERION_WEIGHT;
}

/* The override the engine takes while a weight is dragged: every
 * criterion's points, the dragged ones at their slider's value. Swing
 * weights are proportional to the swings, so they preview as points too. */
static GVariant *
preview_weights (DlbMatrixPage *self)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sd}"));
  GListModel *criteria = dlb_case_get_criteria (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
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


void
_dlb_matrix_page_analyze (DlbMatrixPage *self)
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

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    {
      g_clear_object (&self->result);
      _dlb_matrix_page_update_page (self);
      return;
    }

  previewing = g_hash_table_size (self->preview) > 0 && _dlb_matrix_page_weights_editable (self);
  if (!previewing && self->perspective == NULL)
    {
      DlbAnalysis *analysis = dlb_analysis_for_case (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
      /* Until a case just opened has its first result, the page says it
       * is on its way; it comes in through "notify::result". */
      g_set_object (&self->result, dlb_analysis_get_result (analysis));
      self->reduced_draws = FALSE;
      _dlb_matrix_page_update_page (self);
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
  self->result = dlb_engine_analyze (dlb_case_page_get_case (DLB_CASE_PAGE (self)), &options);
  if (!self->reduced_draws)
    self->full_analysis_us = g_get_monotonic_time () - start;
  g_debug ("analysis with %u draws took %.2f ms%s", dlb_result_get_draws (self->result),
           (g_get_monotonic_time () - start) / 1000.0, previewing ? " (preview)" : "");

  _dlb_matrix_page_update_page (self);
}

static gboolean
preview_tick (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);

  self->tick_id = 0;
  _dlb_matrix_page_analyze (self);
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
      _dlb_matrix_page_analyze (self);
      return;
    }
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), preview_tick, NULL, NULL);
}

/* Writes the weights being dragged to the case. @reanalyze: whether the
 * page should show the result afterwards (not while it goes away). */
void
_dlb_matrix_page_write_weights (DlbMatrixPage *self,
                                gboolean       reanalyze)
{
  g_autoptr(GHashTable) pending = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GError) error = NULL;
  gboolean all_written = TRUE;
  guint n_written = 0;

  g_clear_handle_id (&self->commit_timeout, g_source_remove);
  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL || g_hash_table_size (self->preview) == 0)
    return;

  /* The model becomes the truth again before the edits land, so that the
   * analysis their "changed" signal starts uses the committed weights. */
  pending = g_steal_pointer (&self->preview);
  self->preview = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* However many sliders moved, it is one gesture: one edit, one Undo. */
  if (!dlb_case_begin_group (dlb_case_page_get_case (DLB_CASE_PAGE (self)), _("Change weights"), &error))
    {
      _dlb_matrix_page_show_error (self, error);
      if (reanalyze)
        _dlb_matrix_page_analyze (self);
      return;
    }

  g_hash_table_iter_init (&iter, pending);
  while (all_written && g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GValue) v = G_VALUE_INIT;
      DlbEntity *criterion = dlb_case_lookup_kind (dlb_case_page_get_case (DLB_CASE_PAGE (self)), DLB_KIND_CRITERION, key);

      if (criterion == NULL || !_dlb_matrix_page_weights_editable (self))
        continue;
      g_value_init (&v, G_TYPE_DOUBLE);
      g_value_set_double (&v, *(double *) value);
      if (dlb_entity_value_equal (criterion, weight_field (self), &v))
        continue;
      if (dlb_case_set_field (dlb_case_page_get_case (DLB_CASE_PAGE (self)), criterion, weight_field (self), &v, &error))
        n_written++;
      else
        all_written = FALSE;
    }

  if (!all_written)
    dlb_case_cancel_group (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  else if (!dlb_case_commit_group (dlb_case_page_get_case (DLB_CASE_PAGE (self)), &error))
    all_written = FALSE;
  if (error != NULL)
    _dlb_matrix_page_show_error (self, error);

  /* A written change brings the case's analysis; without one (the slider
   * came back, or the edit was refused) the page still has to drop the
   * preview. */
  if (reanalyze && (n_written == 0 || !all_written))
    _dlb_matrix_page_analyze (self);
}

void
_dlb_matrix_page_commit_weights (DlbMatrixPage *self)
{
  _dlb_matrix_page_write_weights (self, TRUE);
}

static gboolean
commit_timeout_cb (gpointer data)
{
  DlbMatrixPage *self = data;

  self->commit_timeout = 0;
  _dlb_matrix_page_commit_weights (self);
  return G_SOURCE_REMOVE;
}

static void
weight_scale_changed (GtkRange  *range,
                      WeightRow *row)
{
  DlbMatrixPage *self = g_object_get_data (G_OBJECT (range), "page");

  if (self->updating || !_dlb_matrix_page_weights_editable (self))
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

void
_dlb_matrix_page_weight_row_free (gpointer data)
{
  WeightRow *row = data;

  g_free (row->criterion_id);
  g_free (row);
}

WeightRow *
_dlb_matrix_page_weight_row_new (DlbMatrixPage *self,
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
  dlb_scale_scroll_when_focused (row->scale);
  gtk_box_append (GTK_BOX (box), row->scale);

  return row;
}

void
_dlb_matrix_page_update_weight_rows (DlbMatrixPage *self)
{
  gboolean editable = _dlb_matrix_page_weights_editable (self);
  guint field = editable ? weight_field (self) : DLB_CRITERION_WEIGHT;
  double upper = 100;
  GListModel *criteria = dlb_case_get_criteria (dlb_case_page_get_case (DLB_CASE_PAGE (self)));

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
      DlbEntity *criterion = dlb_case_lookup_kind (dlb_case_page_get_case (DLB_CASE_PAGE (self)), DLB_KIND_CRITERION, row->criterion_id);
      int index = dlb_result_find_criterion (self->result, row->criterion_id);
      double weight = index >= 0 ? dlb_result_get_weight (self->result, (guint) index) : 0;
      g_autofree char *percent = _dlb_matrix_page_format_percent (weight);
      double *preview = g_hash_table_lookup (self->preview, row->criterion_id);
      g_autofree char *sentence = NULL;

      if (criterion == NULL)
        continue;

      gtk_label_set_text (GTK_LABEL (row->percent_label), percent);
      sentence = dlb_sentence_for_criterion (DLB_CRITERION (criterion), weight);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->row), GTK_ACCESSIBLE_PROPERTY_LABEL, sentence, -1);

      if (dlb_criterion_has_minimum (DLB_CRITERION (criterion)))
        {
          g_autofree char *minimum = _dlb_matrix_page_format_score (dlb_criterion_get_minimum (DLB_CRITERION (criterion)));
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
          g_autofree char *text = g_strdup_printf (dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self))) == DLB_WEIGHTING_SWING
                                                   /* Translators: a criterion's swing, then its weight */
                                                   ? _("swing %.0f, weight %s")
                                                   /* Translators: a criterion's points, then its weight */
                                                   : _("%.0f points, weight %s"),
                                                   points, percent);

          gtk_range_set_range (GTK_RANGE (row->scale), 0, dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self))) == DLB_WEIGHTING_SWING
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

void
_dlb_matrix_page_update_weights_header (DlbMatrixPage *self)
{
  DlbWeighting weighting = dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  g_autofree char *note = NULL;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->method_dropdown, (guint) weighting);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_dropdown), !_dlb_matrix_page_is_read_only (self));

  gtk_widget_set_visible (GTK_WIDGET (self->method_button),
                          weighting == DLB_WEIGHTING_RANKING || weighting == DLB_WEIGHTING_AHP);
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_button), !_dlb_matrix_page_is_read_only (self));
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
