/* dlb-matrix-results.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-matrix-page"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlb-labels.h"
#include "dlb-matrix-page-private.h"

/* Results */

void
_dlb_matrix_page_draw_bars (cairo_t  *cr,
                            double    width,
                            double    height,
                            gpointer  data)
{
  DlbMatrixPage *self = data;

  dlb_chart_draw_bars (cr, width, height, self->bars, self->n_bars);
}

void
_dlb_matrix_page_draw_sensitivity (cairo_t  *cr,
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
  DlbAnalysis *analysis = dlb_analysis_for_case (dlb_case_page_get_case (DLB_CASE_PAGE (self)));

  if (self->result == dlb_analysis_get_result (analysis))
    return g_object_ref (dlb_analysis_get_recommendation (analysis));
  return dlb_recommendation_new_for_result (self->result);
}

void
_dlb_matrix_page_update_headline (DlbMatrixPage *self)
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

  _dlb_matrix_page_clear_box (GTK_WIDGET (self->warnings_box));
  if (justification != NULL)
    gtk_box_append (self->warnings_box, _dlb_matrix_page_note_label (justification, "emblem-important-symbolic", "accent"));
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    {
      GtkWidget *note = _dlb_matrix_page_note_label (warnings[i], "dialog-warning-symbolic", NULL);

      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (self->warnings_box, note);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_box),
                          gtk_widget_get_first_child (GTK_WIDGET (self->warnings_box)) != NULL);
}

void
_dlb_matrix_page_update_ranking (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  guint n = 0;
  const guint *ranking = dlb_result_get_ranking (r, &n);
  g_auto(GStrv) sentences = NULL;

  g_free (self->bars);
  self->bars = dlb_chart_bars_from_result (r, NULL, &self->n_bars);
  _dlb_matrix_page_clear_box (GTK_WIDGET (self->gates_box));

  for (guint k = 0; k < n; k++)
    {
      guint o = ranking[k];
      const DlbGateFailure *failures;
      guint n_failures = 0;

      failures = dlb_result_get_gate_failures (r, o, &n_failures);
      for (guint f = 0; f < n_failures; f++)
        {
          g_autofree char *text = dlb_gate_failure_sentence (r, o, &failures[f]);

          gtk_box_append (self->gates_box, _dlb_matrix_page_note_label (text, "action-unavailable-symbolic", "error"));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->gates_box), gtk_widget_get_first_child (GTK_WIDGET (self->gates_box)) != NULL);

  /* The bars are laid out in points: a row of about 22 points each. */
  dlb_chart_view_set_content_height (self->bars_chart,
                                     (int) ((MAX (n, 1) * 22 + 16) * dlb_chart_view_get_zoom (self->bars_chart)) + 20);
  sentences = dlb_chart_describe_bars (self->bars, self->n_bars);
  dlb_chart_view_set_sentences (self->bars_chart, (const char * const *) sentences);
}

void
_dlb_matrix_page_update_probabilities (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  guint n = 0;
  const guint *ranking = dlb_result_get_ranking (r, &n);
  g_autofree char *draws_text = NULL;
  g_autofree char *draws = NULL;
  int focus = _dlb_matrix_page_focused_row (self->probability_list);

  _dlb_matrix_page_clear_box (GTK_WIDGET (self->probability_list));
  gtk_widget_set_visible (GTK_WIDGET (self->probability_list), dlb_result_has_probabilities (r) && n > 0);
  if (!dlb_result_has_probabilities (r))
    {
      gtk_label_set_text (self->draws_label, _("No simulation was run."));
      return;
    }

  draws = dlb_format_count (dlb_result_get_draws (r));
  if (dlb_result_get_no_variation_sentence (r) != NULL)
    {
      gtk_label_set_text (self->draws_label, dlb_result_get_no_variation_sentence (r));
      return;
    }
  if (self->reduced_draws)
    /* Translators: %s is a number of draws, e.g. "2,000"; %d the full number */
    draws_text = g_strdup_printf (_("Estimated from %s draws while you drag; %d when you let go."),
                                  draws, DLB_ENGINE_DEFAULT_DRAWS);
  else
    /* Translators: %s is a number of draws, e.g. "10,000" */
    draws_text = g_strdup_printf (_("From %s simulated draws of every score within its range."), draws);
  if (dlb_result_get_probability_none (r) > 0.0005)
    {
      g_autofree char *none = _dlb_matrix_page_format_percent (dlb_result_get_probability_none (r));
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
      g_autofree char *percent = _dlb_matrix_page_format_percent (p);
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
  _dlb_matrix_page_refocus_row (self->probability_list, focus);
}

void
_dlb_matrix_page_update_sensitivity (DlbMatrixPage *self)
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
      g_autofree char *from = _dlb_matrix_page_format_percent (s->holds_from);
      g_autofree char *to = _dlb_matrix_page_format_percent (s->holds_to);
      g_autofree char *now = _dlb_matrix_page_format_percent (s->weight);

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

void
_dlb_matrix_page_perspective_row_activated (GtkListBox    *list,
                                            GtkListBoxRow *row,
                                            DlbMatrixPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "perspective-id");

  dlb_matrix_page_set_perspective (self, id);
}

void
_dlb_matrix_page_update_perspectives (DlbMatrixPage *self)
{
  DlbResult *r = self->result;
  guint n = dlb_result_get_n_perspectives (r);
  const char *agreement = dlb_result_get_agreement_sentence (r);
  int focus = _dlb_matrix_page_focused_row (self->perspectives_list);

  gtk_label_set_text (self->agreement_label,
                      agreement != NULL && n > 0 ? agreement
                                                 : _("The case has no perspectives: named weight sets, "
                                                     "such as a stakeholder’s, to compare the result with."));
  _dlb_matrix_page_clear_box (GTK_WIDGET (self->perspectives_list));
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
  _dlb_matrix_page_refocus_row (self->perspectives_list, focus);
}
