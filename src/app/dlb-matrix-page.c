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

#include "dlb-matrix-page-private.h"
#include "dlb-util.h"

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


G_DEFINE_FINAL_TYPE (DlbMatrixPage, dlb_matrix_page, DLB_TYPE_CASE_PAGE)



/* Formatting */

char *
_dlb_matrix_page_format_score (double value)
{
  if (fabs (value - round (value)) < 1e-9)
    return g_strdup_printf ("%.0f", value);
  return g_strdup_printf ("%.1f", value);
}

char *
_dlb_matrix_page_format_total (double total)
{
  return g_strdup_printf ("%.2f", total);
}

char *
_dlb_matrix_page_format_percent (double fraction)
{
  /* Translators: a percentage, e.g. "24 %" */
  return g_strdup_printf (_("%.0f %%"), fraction * 100);
}

void
_dlb_matrix_page_clear_box (GtkWidget *box)
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
int
_dlb_matrix_page_focused_row (GtkListBox *list)
{
  int position = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row), position++)
    if (gtk_widget_has_focus (row) || gtk_widget_get_focus_child (row) != NULL)
      return position;
  return -1;
}

void
_dlb_matrix_page_refocus_row (GtkListBox *list,
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

GtkWidget *
_dlb_matrix_page_note_label (const char *text,
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

void
_dlb_matrix_page_show_error (DlbMatrixPage *self,
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

gboolean
_dlb_matrix_page_is_read_only (DlbMatrixPage *self)
{
  return dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL || dlb_case_get_read_only (dlb_case_page_get_case (DLB_CASE_PAGE (self)))
         || (dlb_case_page_get_store (DLB_CASE_PAGE (self)) != NULL && dlb_store_get_read_only (dlb_case_page_get_store (DLB_CASE_PAGE (self))));
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
  GListModel *criteria = dlb_case_get_criteria (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  guint n = g_list_model_get_n_items (criteria);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  _dlb_matrix_page_rebuild_grid (self);

  _dlb_matrix_page_clear_box (GTK_WIDGET (self->weights_list));
  g_ptr_array_set_size (self->weight_rows, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);
      WeightRow *row = _dlb_matrix_page_weight_row_new (self, criterion);

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
  GListModel *perspectives = dlb_case_get_perspectives (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
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


void
_dlb_matrix_page_update_page (DlbMatrixPage *self)
{
  g_autofree char *key = NULL;
  DlbResultStatus status;

  _dlb_matrix_page_update_actions (self);

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL && self->result == NULL)
    {
      /* The case's first analysis is on its way (analysis_changed). */
      gtk_stack_set_visible_child_name (self->stack, "pending");
      return;
    }
  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
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

  key = structure_key (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  if (g_strcmp0 (key, self->structure_key) != 0)
    {
      g_free (self->structure_key);
      self->structure_key = g_steal_pointer (&key);
      rebuild_structure (self);
    }

  _dlb_matrix_page_update_grid (self);
  _dlb_matrix_page_update_weights_header (self);
  _dlb_matrix_page_update_weight_rows (self);
  _dlb_matrix_page_update_headline (self);
  _dlb_matrix_page_update_ranking (self);
  _dlb_matrix_page_update_probabilities (self);
  _dlb_matrix_page_update_sensitivity (self);
  _dlb_matrix_page_update_perspectives (self);
}

/* The case's own figures come from its shared analysis when it has
 * caught up with the change; a perspective or a preview is analysed here
 * at once. */
static void
case_changed (DlbCasePage *page,
              guint        kinds)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (page);

  rebuild_perspectives (self);
  if (self->perspective != NULL || (g_hash_table_size (self->preview) > 0 && _dlb_matrix_page_weights_editable (self)))
    _dlb_matrix_page_analyze (self);
}

static void
analysis_changed (DlbMatrixPage *self)
{
  if (self->perspective != NULL || (g_hash_table_size (self->preview) > 0 && _dlb_matrix_page_weights_editable (self)))
    return;
  /* A hidden page catches up when it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->result_stale = TRUE;
      return;
    }
  self->result_stale = FALSE;
  _dlb_matrix_page_analyze (self);
}

static void
on_map (DlbMatrixPage *self)
{
  if (self->result_stale)
    analysis_changed (self);
}


/* GObject */

static void
dlb_matrix_page_dispose (GObject *object)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (object);

  if (self->analysis != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->analysis);
  /* A weight still being dragged is kept. */
  _dlb_matrix_page_write_weights (self, FALSE);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->editor != NULL)
    gtk_window_close (self->editor);
  g_clear_weak_pointer (&self->editor);

  /* The bin drops its child itself, so it never holds a disposed one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_MATRIX_PAGE);
  g_clear_object (&self->result);

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
dlb_matrix_page_case_unset (DlbCasePage *page)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (page);

  /* A weight still being dragged belongs to the case going away. */
  _dlb_matrix_page_commit_weights (self);
  if (self->editor != NULL)
    gtk_window_close (self->editor);
  if (self->analysis != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->analysis);
}

static void
dlb_matrix_page_case_set (DlbCasePage *page)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (page);
  DlbCase *kase = dlb_case_page_get_case (page);

  g_hash_table_remove_all (self->preview);
  g_clear_pointer (&self->structure_key, g_free);
  g_clear_pointer (&self->perspectives_key, g_free);
  g_clear_pointer (&self->perspective, g_free);
  g_clear_pointer (&self->criterion, g_free);
  self->full_analysis_us = 0;

  if (kase != NULL)
    {
      self->analysis = g_object_ref (dlb_analysis_for_case (kase));
      g_signal_connect_swapped (self->analysis, "notify::result", G_CALLBACK (analysis_changed), self);
      rebuild_perspectives (self);
    }
  _dlb_matrix_page_analyze (self);
}

static void
dlb_matrix_page_class_init (DlbMatrixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_matrix_page_dispose;
  object_class->finalize = dlb_matrix_page_finalize;
  DLB_CASE_PAGE_CLASS (klass)->case_unset = dlb_matrix_page_case_unset;
  DLB_CASE_PAGE_CLASS (klass)->case_set = dlb_matrix_page_case_set;
  DLB_CASE_PAGE_CLASS (klass)->case_changed = case_changed;


  g_type_ensure (DLB_TYPE_CHART_VIEW);
  g_type_ensure (DLB_TYPE_MATRIX_COLUMNS);
  g_type_ensure (DLB_TYPE_SCORE_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-matrix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlbMatrixPage, pending_spinner);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_method_button_clicked", G_CALLBACK (_dlb_matrix_page_on_method_button_clicked));

  gtk_widget_class_install_action (widget_class, "matrix.add-option", NULL, _dlb_matrix_page_add_option_activated);
  gtk_widget_class_install_action (widget_class, "matrix.add-criterion", NULL, _dlb_matrix_page_add_criterion_activated);
  gtk_widget_class_install_action (widget_class, "matrix.edit", "s", _dlb_matrix_page_edit_activated);
}

static void
dlb_matrix_page_init (DlbMatrixPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlb_spinner_show_after_delay (self->pending_spinner);
  dlb_name_choices (GTK_WIDGET (self->method_dropdown));
  dlb_name_choices (GTK_WIDGET (self->perspective_dropdown));
  dlb_name_choices (GTK_WIDGET (self->criterion_dropdown));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  self->preview = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cells = g_ptr_array_new ();
  self->weight_rows = g_ptr_array_new_with_free_func (_dlb_matrix_page_weight_row_free);
  self->total_labels = g_ptr_array_new ();
  self->perspective_ids = g_ptr_array_new_with_free_func (g_free);

  dlb_chart_view_set_draw_func (self->bars_chart, _dlb_matrix_page_draw_bars, self, NULL);
  dlb_chart_view_set_draw_func (self->sensitivity_chart, _dlb_matrix_page_draw_sensitivity, self, NULL);

  g_signal_connect_swapped (self->method_dropdown, "notify::selected", G_CALLBACK (_dlb_matrix_page_method_selected), self);
  g_signal_connect_swapped (self->perspective_dropdown, "notify::selected", G_CALLBACK (_dlb_matrix_page_perspective_selected), self);
  g_signal_connect_swapped (self->criterion_dropdown, "notify::selected", G_CALLBACK (_dlb_matrix_page_criterion_selected), self);
  g_signal_connect (self->perspectives_list, "row-activated", G_CALLBACK (_dlb_matrix_page_perspective_row_activated), self);

  _dlb_matrix_page_update_page (self);
}

GtkWidget *
dlb_matrix_page_new (void)
{
  return g_object_new (DLB_TYPE_MATRIX_PAGE, NULL);
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

  _dlb_matrix_page_commit_weights (self);
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
  _dlb_matrix_page_analyze (self);
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

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL || g_strcmp0 (self->criterion, criterion_id) == 0)
    return;

  criteria = dlb_case_get_criteria (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
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
        _dlb_matrix_page_update_sensitivity (self);
      return;
    }
}
