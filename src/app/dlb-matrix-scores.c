/* dlb-matrix-scores.c
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
  PangoAttrList *attrs = pango_attr_list_new ();

  /* A name wraps between its words only: a label is never narrower than
   * its longest word, and a word is never split with a hyphen. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  pango_attr_list_unref (attrs);
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

void
_dlb_matrix_page_rebuild_grid (DlbMatrixPage *self)
{
  GListModel *options = dlb_case_get_options (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  GListModel *criteria = dlb_case_get_criteria (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  guint n_options = g_list_model_get_n_items (options);
  guint n_criteria = g_list_model_get_n_items (criteria);
  GtkWidget *total;

  dlb_score_table_clear (self->score_grid);
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
      dlb_score_table_attach (self->score_grid, button, o + 1, 0);
    }

  for (guint c = 0; c < n_criteria; c++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, c);
      GtkWidget *label = header_label (dlb_entity_get_display_name (criterion), NULL, 0);
      GtkWidget *button = header_button (label, criterion);

      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_widget_set_margin_end (button, 4);
      dlb_score_table_attach (self->score_grid, button, 0, c + 1);

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
          dlb_score_table_attach (self->score_grid, cell->button, o + 1, c + 1);
          g_ptr_array_add (self->cells, cell);
        }
    }

  total = header_label (_("Weighted total"), "heading", 0);
  gtk_widget_set_margin_top (total, 6);
  dlb_score_table_attach (self->score_grid, total, 0, n_criteria + 1);
  for (guint o = 0; o < n_options; o++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_add_css_class (label, "matrix-total");
      gtk_widget_set_margin_top (label, 6);
      dlb_score_table_attach (self->score_grid, label, o + 1, n_criteria + 1);
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

void
_dlb_matrix_page_update_grid (DlbMatrixPage *self)
{
  gboolean read_only = _dlb_matrix_page_is_read_only (self);
  GListModel *options = dlb_case_get_options (dlb_case_page_get_case (DLB_CASE_PAGE (self)));

  for (guint k = 0; k < self->cells->len; k++)
    {
      ScoreCell *cell = g_ptr_array_index (self->cells, k);
      DlbScore *score = dlb_case_get_score (dlb_case_page_get_case (DLB_CASE_PAGE (self)), cell->option_id, cell->criterion_id);
      DlbEntity *option = dlb_case_lookup (dlb_case_page_get_case (DLB_CASE_PAGE (self)), cell->option_id);
      DlbEntity *criterion = dlb_case_lookup (dlb_case_page_get_case (DLB_CASE_PAGE (self)), cell->criterion_id);
      const DlbGateFailure *gate = find_gate_failure (self->result, cell->option_id, cell->criterion_id);
      g_autofree char *markup = NULL;
      g_autofree char *accessible = NULL;
      g_autofree char *tooltip = NULL;

      cell->scored = score != NULL;
      if (score != NULL)
        {
          g_autofree char *value = _dlb_matrix_page_format_score (dlb_score_get_value (score));
          g_autofree char *low = _dlb_matrix_page_format_score (dlb_score_get_low (score));
          g_autofree char *high = _dlb_matrix_page_format_score (dlb_score_get_high (score));
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
          g_autofree char *minimum = _dlb_matrix_page_format_score (gate->minimum);
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
      g_autofree char *total = index >= 0 ? _dlb_matrix_page_format_total (dlb_result_get_total (self->result, (guint) index))
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
