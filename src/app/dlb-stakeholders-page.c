/* dlb-stakeholders-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-stakeholders-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <math.h>

#include "dlb-charts.h"
#include "dlb-chart-view.h"
#include "dlb-stakeholders-page.h"
#include "dlb-simple-row.h"
#include "dlb-util.h"

/* Everyone the decision affects: who they are, what they worry about and
 * where they stand, with the editor of the selected one. Above the list,
 * the memo's power/interest grid of all of them, drawn by the same code
 * from the same data; choosing a marker on it opens that stakeholder, and
 * dragging it to another cell, or moving it with the arrow keys, changes
 * the stakeholder's power and interest. */
struct _DlbStakeholdersPage
{
  AdwBin             parent_instance;

  DlbCollectionView *view;
  DlbCollectionView *perspectives_view;
  GtkStack          *sections;
  DlbChartView      *chart;
  GtkWidget         *hint;

  /* What the grid draws, kept for its draw callback: point i is the
   * case's stakeholder i, and so the list's row i. */
  GStringChunk      *strings;
  DlbGridPoint      *points;
  guint              n_points;
  /* Where the grid placed them, for pointing at a marker: the placement
   * takes text measurement, too slow to repeat on every pointer motion. */
  GArray            *boxes;
  double             boxes_width;
  double             boxes_height;
  /* The list's selected row, ringed on the grid; -1 for none. */
  int                selected;

  /* A marker being dragged: which, from where on the widget, whether it
   * has left the pointer's threshold yet; -1 when none is. Its point
   * shows the cell it would land in, drawn but not yet written. */
  GtkGesture        *drag;
  int                drag_index;
  double             drag_x;
  double             drag_y;
  gboolean           dragging;
};

G_DEFINE_FINAL_TYPE (DlbStakeholdersPage, dlb_stakeholders_page, DLB_TYPE_CASE_PAGE)

typedef struct
{
  GtkLabel *name;
  GtkLabel *group;
  GtkLabel *role;
  GtkLabel *concern;
  GtkLabel *power;
  GtkLabel *interest;
  GtkLabel *stance;
} RowWidgets;

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class)
{
  GtkLabel *label = dlb_row_label_new (css_class);

  gtk_box_append (box, GTK_WIDGET (label));
  return label;
}

static GtkLabel *
add_badge (GtkBox *box)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "badge");
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

static void
update_row (GtkWidget *row)
{
  DlbStakeholder *s = g_object_get_data (G_OBJECT (row), "entity");
  RowWidgets *w = g_object_get_data (G_OBJECT (row), "widgets");
  const char *role = dlb_stakeholder_get_role (s);
  const char *concern = dlb_stakeholder_get_concern (s);
  int stance = dlb_stakeholder_get_stance (s);
  g_autofree char *power = NULL;
  g_autofree char *interest = NULL;
  g_autofree char *stance_text = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (w->name, dlb_stakeholder_get_name (s));
  gtk_label_set_text (w->group, dlb_label_for_group (dlb_stakeholder_get_group (s)));
  gtk_label_set_text (w->role, role ? role : "");
  gtk_widget_set_visible (GTK_WIDGET (w->role), role != NULL && *role);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->role), role);
  gtk_label_set_text (w->concern, concern ? concern : "");
  gtk_widget_set_visible (GTK_WIDGET (w->concern), concern != NULL && *concern);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->concern), concern);

  /* Translators: a stakeholder's power on a 1–5 scale, shown as a badge */
  power = g_strdup_printf (_("Power %d"), dlb_stakeholder_get_power (s));
  /* Translators: a stakeholder's interest on a 1–5 scale, shown as a badge */
  interest = g_strdup_printf (_("Interest %d"), dlb_stakeholder_get_interest (s));
  gtk_label_set_text (w->power, power);
  gtk_label_set_text (w->interest, interest);
  gtk_label_set_text (w->stance, dlb_label_for_stance (stance));
  gtk_widget_remove_css_class (GTK_WIDGET (w->stance), "stance-against");
  gtk_widget_remove_css_class (GTK_WIDGET (w->stance), "stance-for");
  if (stance < 0)
    gtk_widget_add_css_class (GTK_WIDGET (w->stance), "stance-against");
  else if (stance > 0)
    gtk_widget_add_css_class (GTK_WIDGET (w->stance), "stance-for");

  accessible = dlb_sentence_for_stakeholder (s);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
create_row (DlbEntity *entity,
            gpointer   user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* A grid, not a box: GTK 4.8 sizes a wrapping label in a horizontal
   * box by laying it out for a dozen widths or more. */
  GtkWidget *top = gtk_grid_new ();
  GtkWidget *badges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  RowWidgets *w = g_new0 (RowWidgets, 1);

  gtk_widget_add_css_class (row, "entity-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_grid_set_column_spacing (GTK_GRID (top), 8);
  gtk_box_append (GTK_BOX (box), top);
  w->name = dlb_row_label_new ("heading");
  gtk_widget_set_hexpand (GTK_WIDGET (w->name), TRUE);
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->name), 0, 0, 1, 1);
  w->group = dlb_row_label_new ("group-pill");
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->group), 1, 0, 1, 1);
  gtk_widget_add_css_class (GTK_WIDGET (w->group), "caption-heading");
  gtk_label_set_wrap (w->group, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (w->group), GTK_ALIGN_START);

  w->role = add_label (GTK_BOX (box), "dim-label");
  gtk_label_set_lines (w->role, 2);
  gtk_label_set_ellipsize (w->role, PANGO_ELLIPSIZE_END);
  w->concern = add_label (GTK_BOX (box), NULL);
  gtk_label_set_lines (w->concern, 3);
  gtk_label_set_ellipsize (w->concern, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (w->concern), "concern");

  gtk_widget_set_margin_top (badges, 4);
  gtk_box_append (GTK_BOX (box), badges);
  w->power = add_badge (GTK_BOX (badges));
  w->interest = add_badge (GTK_BOX (badges));
  w->stance = add_badge (GTK_BOX (badges));

  g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (entity), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "widgets", w, g_free);
  g_signal_connect_object (entity, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);

  return row;
}

static DlbEntity *
create_entity (gpointer user_data)
{
  return DLB_ENTITY (dlb_stakeholder_new (_("New stakeholder")));
}

static GtkWidget *
create_perspective_row (DlbEntity *entity,
                        gpointer   user_data)
{
  DlbStakeholdersPage *self = user_data;

  return dlb_simple_row_new (dlb_case_page_get_case (DLB_CASE_PAGE (self)), entity,
                             dlb_perspective_row_subtitle);
}

static DlbEntity *
create_perspective (gpointer user_data)
{
  return DLB_ENTITY (dlb_perspective_new (_("New perspective")));
}

static GArray *
get_boxes (DlbStakeholdersPage *self,
           double               width,
           double               height)
{
  if (self->boxes == NULL || self->boxes_width != width || self->boxes_height != height)
    {
      g_clear_pointer (&self->boxes, g_array_unref);
      self->boxes = dlb_chart_grid_place_labels (self->points, self->n_points, width, height);
      self->boxes_width = width;
      self->boxes_height = height;
    }
  return self->boxes;
}

static void
draw_grid (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  user_data)
{
  DlbStakeholdersPage *self = user_data;
  GArray *boxes;
  DlbLabelBox *b;

  int ringed = self->drag_index >= 0 ? self->drag_index : self->selected;

  dlb_chart_draw_grid (cr, width, height, self->points, self->n_points);

  if (self->dragging && self->drag_index >= 0 && (guint) self->drag_index < self->n_points)
    {
      const DlbGridPoint *p = &self->points[self->drag_index];
      double px, py, pw, ph;

      /* The cell the marker would land in. */
      dlb_chart_grid_plot_area (width, height, &px, &py, &pw, &ph);
      cairo_save (cr);
      cairo_rectangle (cr, px + (p->interest - 1) * pw / 5, py + ph - p->power * ph / 5, pw / 5, ph / 5);
      cairo_set_source_rgba (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 0.8);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* The app's own mark over the memo's figure: which stakeholder the
   * editor shows, or the one being moved, in the selection blue, which
   * reads on the paper-white card in the light and the dark style
   * alike. */
  if (ringed < 0 || (guint) ringed >= self->n_points)
    return;
  boxes = get_boxes (self, width, height);
  b = &g_array_index (boxes, DlbLabelBox, ringed);
  cairo_save (cr);
  cairo_new_path (cr);
  if (b->placed)
    {
      /* Like selected text: a tint over the name. */
      cairo_rectangle (cr, b->x - 1.5, b->y - 0.5, b->width + 3, b->height + 1);
      cairo_set_source_rgba (cr, 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 0.2);
      cairo_fill (cr);
    }
  cairo_arc (cr, b->point_x, b->point_y, 5.2, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1.0);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* The grid's text alternative, with the stakeholder the keyboard moves;
 * during a drag, of where the marker would land. */
static void
update_sentences (DlbStakeholdersPage *self)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) sentences = dlb_chart_describe_grid (self->points, self->n_points);
  int current = self->drag_index >= 0 ? self->drag_index : self->selected;

  for (guint i = 0; sentences[i] != NULL; i++)
    g_ptr_array_add (all, g_strdup (sentences[i]));
  if (current >= 0 && (guint) current < self->n_points)
    /* Translators: the stakeholder chosen on the power/interest grid, said after the grid's description: name, power, interest */
    g_ptr_array_add (all, g_strdup_printf (_("Selected: %s, power %d, interest %d."),
                                           self->points[current].label,
                                           self->points[current].power,
                                           self->points[current].interest));
  g_ptr_array_add (all, NULL);
  dlb_chart_view_set_sentences (self->chart, (const char * const *) all->pdata);
}

static void
on_row_selected (DlbStakeholdersPage *self,
                 GtkListBoxRow       *row)
{
  int selected = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (self->selected == selected)
    return;
  self->selected = selected;
  update_sentences (self);
}

static void
update_chart (DlbStakeholdersPage *self)
{
  /* Whatever the drag showed, the case now says otherwise. */
  if (self->drag_index >= 0)
    {
      self->drag_index = -1;
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
    }

  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->points, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  self->n_points = 0;
  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL)
    {
      self->strings = g_string_chunk_new (1024);
      self->points = dlb_chart_grid_points_from_case (dlb_case_page_get_case (DLB_CASE_PAGE (self)), self->strings, &self->n_points);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chart), self->n_points > 0);
  gtk_widget_set_visible (self->hint, self->n_points > 0);
  update_sentences (self);
}

/* The stakeholder whose marker or label is under the widget point (x, y)
 * of the chart, or -1. */
static int
point_at (DlbStakeholdersPage *self,
          double               x,
          double               y)
{
  GArray *boxes;
  double cx, cy, width, height, best = 0;
  int found = -1;

  if (self->n_points == 0 ||
      !dlb_chart_view_to_chart (self->chart, x, y, &cx, &cy, &width, &height))
    return -1;

  boxes = get_boxes (self, width, height);
  for (guint i = 0; i < boxes->len; i++)
    {
      DlbLabelBox *b = &g_array_index (boxes, DlbLabelBox, i);
      double d = hypot (cx - b->point_x, cy - b->point_y);

      /* A little more than the marker, so that it is easy to hit. */
      if (d <= 7 && (found < 0 || d < best))
        {
          found = (int) i;
          best = d;
        }
    }
  if (found >= 0)
    return found;

  for (guint i = 0; i < boxes->len; i++)
    {
      DlbLabelBox *b = &g_array_index (boxes, DlbLabelBox, i);

      if (b->placed && cx >= b->x && cx <= b->x + b->width && cy >= b->y && cy <= b->y + b->height)
        return (int) i;
    }
  return -1;
}

/* Writes stakeholder @index's new place on the grid as one edit, one
 * Undo; nothing when it has not moved. */
static gboolean
move_stakeholder (DlbStakeholdersPage *self,
                  guint                index,
                  int                  power,
                  int                  interest,
                  GError             **error)
{
  DlbCase *kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  g_autoptr(DlbStakeholder) s = NULL;
  g_autofree char *description = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean ok = TRUE;

  if (kase == NULL)
    return TRUE;
  s = g_list_model_get_item (dlb_case_get_stakeholders (kase), index);
  if (s == NULL)
    return TRUE;
  power = CLAMP (power, 1, 5);
  interest = CLAMP (interest, 1, 5);
  if (dlb_stakeholder_get_power (s) == power && dlb_stakeholder_get_interest (s) == interest)
    return TRUE;

  /* Translators: the edit of dragging a stakeholder to another cell of the power/interest grid, as Undo and the case's history name it */
  description = g_strdup_printf (_("Move %s on the power/interest grid"), dlb_stakeholder_get_name (s));
  if (!dlb_case_begin_group (kase, description, error))
    return FALSE;
  g_value_init (&value, G_TYPE_INT);
  if (dlb_stakeholder_get_power (s) != power)
    {
      g_value_set_int (&value, power);
      ok = dlb_case_set_field (kase, DLB_ENTITY (s), DLB_STAKEHOLDER_POWER, &value, error);
    }
  if (ok && dlb_stakeholder_get_interest (s) != interest)
    {
      g_value_set_int (&value, interest);
      ok = dlb_case_set_field (kase, DLB_ENTITY (s), DLB_STAKEHOLDER_INTEREST, &value, error);
    }
  if (!ok)
    {
      dlb_case_cancel_group (kase);
      return FALSE;
    }
  return dlb_case_commit_group (kase, error);
}

/* The cell under the widget point (x, y), for the dragged marker. */
static void
cell_at (DlbStakeholdersPage *self,
         double               x,
         double               y,
         int                 *power,
         int                 *interest)
{
  double cx, cy, width, height;

  if (!dlb_chart_view_to_chart (self->chart, x, y, &cx, &cy, &width, &height))
    return;
  dlb_chart_grid_cell_at (width, height, cx, cy, power, interest);
}

static void
on_drag_begin (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               DlbStakeholdersPage *self)
{
  int i = point_at (self, x, y);

  if (i < 0)
    {
      /* Off the markers the page scrolls as ever. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  /* So that Escape can call the drag off, and the arrow keys go on from
   * the marker just chosen. */
  gtk_widget_grab_focus (GTK_WIDGET (self->chart));
  self->drag_index = i;
  self->drag_x = x;
  self->drag_y = y;
  self->dragging = FALSE;
}

static void
on_drag_update (GtkGestureDrag      *gesture,
                double               offset_x,
                double               offset_y,
                DlbStakeholdersPage *self)
{
  DlbGridPoint *p;
  int power, interest;

  if (self->drag_index < 0 || (guint) self->drag_index >= self->n_points)
    return;
  if (!self->dragging)
    {
      DlbCase *kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));

      /* A case open only for reading keeps its markers where they are. */
      if (kase == NULL || dlb_case_get_read_only (kase))
        return;
      /* A hand's tremor on a click is no move. */
      if (!gtk_drag_check_threshold (GTK_WIDGET (self->chart), (int) self->drag_x, (int) self->drag_y,
                                     (int) (self->drag_x + offset_x), (int) (self->drag_y + offset_y)))
        return;
      self->dragging = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self->chart), "grabbing");
      gtk_widget_queue_draw (GTK_WIDGET (self->chart));
    }

  p = &self->points[self->drag_index];
  power = p->power;
  interest = p->interest;
  cell_at (self, self->drag_x + offset_x, self->drag_y + offset_y, &power, &interest);
  if (power == p->power && interest == p->interest)
    return;
  /* Only the drawing's copy: the case changes once, on release. */
  p->power = power;
  p->interest = interest;
  g_clear_pointer (&self->boxes, g_array_unref);
  update_sentences (self);
}

static void
on_drag_end (GtkGestureDrag      *gesture,
             double               offset_x,
             double               offset_y,
             DlbStakeholdersPage *self)
{
  g_autoptr(GError) error = NULL;
  int i = self->drag_index;
  int power, interest;

  if (i < 0 || (guint) i >= self->n_points)
    return;
  self->drag_index = -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->chart), "grab");

  if (!self->dragging)
    {
      /* A click: open the stakeholder, as a row of the list would. */
      gtk_widget_queue_draw (GTK_WIDGET (self->chart));
      dlb_collection_view_open (self->view, (guint) i);
      return;
    }

  self->dragging = FALSE;
  power = self->points[i].power;
  interest = self->points[i].interest;
  cell_at (self, self->drag_x + offset_x, self->drag_y + offset_y, &power, &interest);
  if (!move_stakeholder (self, (guint) i, power, interest, &error))
    dlb_show_toast (GTK_WIDGET (self), error->message);
  /* Back to what the case says: the new place when it was written, else
   * the old one. */
  update_chart (self);
  dlb_collection_view_open (self->view, (guint) i);
}

static void
on_drag_cancel (GtkGesture          *gesture,
                GdkEventSequence    *sequence,
                DlbStakeholdersPage *self)
{
  if (self->drag_index < 0)
    return;
  self->drag_index = -1;
  self->dragging = FALSE;
  update_chart (self);
}

/* The stakeholder the keyboard acts on: the selected one, or else the
 * first. */
static int
keyboard_current (DlbStakeholdersPage *self)
{
  if (self->n_points == 0)
    return -1;
  if (self->selected >= 0 && (guint) self->selected < self->n_points)
    return self->selected;
  return 0;
}

static void
select_point (DlbStakeholdersPage *self,
              int                  index)
{
  GtkListBox *list = dlb_collection_view_get_list_box (self->view);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  /* The list's selection is the grid's: the editor follows, and the focus
   * stays on the grid. */
  if (row != NULL)
    gtk_list_box_select_row (list, row);
}

/* The keys on_chart_key_pressed() takes. */
static const char * const chart_keys[] = {
  "Escape", "Page_Up", "Page_Down", "Home", "End", "Return", "space",
  "Left", "Right", "Up", "Down", NULL
};

static gboolean
on_chart_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      DlbStakeholdersPage   *self)
{
  g_autoptr(GError) error = NULL;
  int current = keyboard_current (self);
  int d_power = 0, d_interest = 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->drag_index < 0)
        return FALSE;
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag));
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      if (current < 0)
        return FALSE;
      if (self->selected == current)
        {
          int step = (keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up) ? -1 : 1;

          current = (current + step + (int) self->n_points) % (int) self->n_points;
        }
      select_point (self, current);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      if (current < 0)
        return FALSE;
      select_point (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      if (current < 0)
        return FALSE;
      select_point (self, (int) self->n_points - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (current < 0)
        return FALSE;
      dlb_collection_view_open (self->view, (guint) current);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      d_interest = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      d_interest = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      d_power = 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      d_power = -1;
      break;
    default:
      return FALSE;
    }

  if (current < 0 || self->drag_index >= 0)
    return current >= 0;
  if (self->selected != current)
    {
      /* The first arrow shows which stakeholder the next ones move. */
      select_point (self, current);
      return TRUE;
    }
  {
    int power = self->points[current].power + d_power;
    int interest = self->points[current].interest + d_interest;

    if (power < 1 || power > 5 || interest < 1 || interest > 5)
      {
        gtk_widget_error_bell (GTK_WIDGET (self->chart));
        return TRUE;
      }
    if (!move_stakeholder (self, (guint) current, power, interest, &error))
      dlb_show_toast (GTK_WIDGET (self), error->message);
  }
  return TRUE;
}

static void
on_chart_motion (GtkEventControllerMotion *motion,
                 double                    x,
                 double                    y,
                 DlbStakeholdersPage      *self)
{
  if (self->dragging)
    return;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->chart), point_at (self, x, y) >= 0 ? "grab" : NULL);
}

static gboolean
on_chart_query_tooltip (GtkWidget           *widget,
                        int                  x,
                        int                  y,
                        gboolean             keyboard,
                        GtkTooltip          *tooltip,
                        DlbStakeholdersPage *self)
{
  g_autofree char *text = NULL;
  int i;

  i = keyboard ? keyboard_current (self) : point_at (self, x, y);
  if (i < 0 || self->dragging)
    return FALSE;

  /* Translators: the tooltip of a stakeholder on the power/interest grid: name, power, interest */
  text = g_strdup_printf (_("%s · power %d, interest %d"), self->points[i].label,
                          self->points[i].power, self->points[i].interest);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
dlb_stakeholders_page_case_set (DlbCasePage *page)
{
  DlbStakeholdersPage *self = DLB_STAKEHOLDERS_PAGE (page);

  dlb_collection_view_set_case (self->view, dlb_case_page_get_case (page));
  dlb_collection_view_set_case (self->perspectives_view, dlb_case_page_get_case (page));
  update_chart (self);
}

static void
dlb_stakeholders_page_case_changed (DlbCasePage *page,
                                    guint        kinds)
{
  if (kinds & (1u << DLB_KIND_STAKEHOLDER))
    update_chart (DLB_STAKEHOLDERS_PAGE (page));
}

static void
dlb_stakeholders_page_dispose (GObject *object)
{
  DlbStakeholdersPage *self = DLB_STAKEHOLDERS_PAGE (object);

  /* The bin drops its child itself, so it never holds a disposed one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_STAKEHOLDERS_PAGE);

  G_OBJECT_CLASS (dlb_stakeholders_page_parent_class)->dispose (object);
}

static void
dlb_stakeholders_page_finalize (GObject *object)
{
  DlbStakeholdersPage *self = DLB_STAKEHOLDERS_PAGE (object);

  g_clear_pointer (&self->boxes, g_array_unref);
  g_free (self->points);
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (dlb_stakeholders_page_parent_class)->finalize (object);
}

static void
dlb_stakeholders_page_class_init (DlbStakeholdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_stakeholders_page_dispose;
  object_class->finalize = dlb_stakeholders_page_finalize;
  DLB_CASE_PAGE_CLASS (klass)->case_set = dlb_stakeholders_page_case_set;
  DLB_CASE_PAGE_CLASS (klass)->case_changed = dlb_stakeholders_page_case_changed;


  g_type_ensure (DLB_TYPE_COLLECTION_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-stakeholders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbStakeholdersPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlbStakeholdersPage, perspectives_view);
  gtk_widget_class_bind_template_child (widget_class, DlbStakeholdersPage, sections);
}

static void
dlb_stakeholders_page_init (DlbStakeholdersPage *self)
{
  GtkEventController *motion;
  GtkEventController *key;
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));
  dlb_collection_view_setup (self->view, DLB_KIND_STAKEHOLDER, create_row, create_entity, self);
  dlb_collection_view_setup (self->perspectives_view, DLB_KIND_PERSPECTIVE, create_perspective_row,
                             create_perspective, self);
  self->selected = -1;
  self->drag_index = -1;
  g_signal_connect_object (dlb_collection_view_get_list_box (self->view), "row-selected",
                           G_CALLBACK (on_row_selected), self, G_CONNECT_SWAPPED);

  self->chart = DLB_CHART_VIEW (dlb_chart_view_new ());
  gtk_widget_set_name (GTK_WIDGET (self->chart), "stakeholder-grid");
  /* Nearly square, as the grid's cells read best; tall enough on a wide
   * column for every name to find room. */
  dlb_chart_view_set_content_height (self->chart, 440);
  dlb_chart_view_set_aspect (self->chart, 0.82);
  dlb_chart_view_set_zoom (self->chart, 1.4);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->chart), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stakeholders by power and interest"),
                                  -1);
  dlb_chart_view_set_draw_func (self->chart, draw_grid, self, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS,
                                  "ArrowLeft ArrowRight ArrowUp ArrowDown PageUp PageDown Home End Enter",
                                  -1);

  /* A press on a marker is a click or the start of a drag; which, the
   * pointer's travel says. */
  self->drag = gtk_gesture_drag_new ();
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (self->drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (self->drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart), GTK_EVENT_CONTROLLER (self->drag));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_chart_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart), motion);
  key = dlb_key_controller_new (chart_keys);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_chart_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->chart), key);
  g_signal_connect (self->chart, "query-tooltip", G_CALLBACK (on_chart_query_tooltip), self);

  /* Said under the grid, so that it is found without hovering. */
  self->hint = gtk_label_new (_("Drag a stakeholder to change their power and interest. "
                                "On the grid, Page Up and Page Down choose one, the arrow keys move it "
                                "and Enter opens it."));
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0);
  gtk_widget_add_css_class (self->hint, "caption");
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_widget_set_margin_start (self->hint, 4);
  gtk_widget_set_margin_end (self->hint, 4);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->hint, NULL,
                                  -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart));
  gtk_box_append (GTK_BOX (box), self->hint);
  dlb_collection_view_set_header (self->view, box);
  update_chart (self);
}

DlbCollectionView *
dlb_stakeholders_page_get_view (DlbStakeholdersPage *self)
{
  g_return_val_if_fail (DLB_IS_STAKEHOLDERS_PAGE (self), NULL);

  return self->view;
}

DlbCollectionView *
dlb_stakeholders_page_get_perspectives_view (DlbStakeholdersPage *self)
{
  g_return_val_if_fail (DLB_IS_STAKEHOLDERS_PAGE (self), NULL);

  return self->perspectives_view;
}

/* Shows the stakeholders ("stakeholders") or the perspectives
 * ("perspectives"). */
void
dlb_stakeholders_page_show_section (DlbStakeholdersPage *self,
                                    const char          *name)
{
  g_return_if_fail (DLB_IS_STAKEHOLDERS_PAGE (self));

  gtk_stack_set_visible_child_name (self->sections, name);
}

DlbChartView *
dlb_stakeholders_page_get_chart (DlbStakeholdersPage *self)
{
  g_return_val_if_fail (DLB_IS_STAKEHOLDERS_PAGE (self), NULL);

  return self->chart;
}
