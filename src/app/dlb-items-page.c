/* dlb-items-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-items-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-charts.h"
#include "dlb-entity-editor.h"
#include "dlb-items-page.h"
#include "dlb-util.h"

/* What the partnership could bring and what it could cost, side by side on
 * a wide window and one above the other on a narrow one. Both lists are
 * views of the case's one list of items, filtered by kind. Above them, the
 * memo's likelihood × impact heat map, drawn by the same code from the
 * same data; its O1… and R1… are the numbers on the rows, and a click on
 * one of its cells lists the items in it. */
struct _DlbItemsPage
{
  AdwBin              parent_instance;

  DlbChartView       *heat_map;
  GtkListBox         *opportunities_list;
  GtkListBox         *risks_list;

  GStringChunk       *strings;
  DlbHeatItem        *heat_items;
  guint               n_heat_items;

  GtkCustomFilter    *filters[2];
  GtkFilterListModel *models[2];

  /* The heat-map cell the keyboard is on, outlined while the map has the
   * focus. */
  gboolean            cursor_risk;
  int                 cursor_likelihood;
  int                 cursor_impact;
};

G_DEFINE_FINAL_TYPE (DlbItemsPage, dlb_items_page, DLB_TYPE_CASE_PAGE)

typedef struct
{
  GtkLabel *code;
  GtkLabel *title;
  GtkLabel *rating;
  GtkLabel *detail;
  GtkLabel *levels;
} RowWidgets;

static GtkLabel *
new_label (const char *css_class)
{
  GtkLabel *label = dlb_row_label_new (css_class);

  /* The two lists share a line when both fit at this width. */
  gtk_label_set_max_width_chars (label, 36);
  return label;
}

static GtkLabel *
add_label (GtkBox     *box,
           const char *css_class)
{
  GtkLabel *label = new_label (css_class);

  gtk_box_append (box, GTK_WIDGET (label));
  return label;
}

static void
update_row (GtkWidget *row)
{
  DlbItem *item = g_object_get_data (G_OBJECT (row), "entity");
  RowWidgets *w = g_object_get_data (G_OBJECT (row), "widgets");
  const char *detail = dlb_item_get_detail (item);
  int likelihood = dlb_item_get_likelihood (item);
  int impact = dlb_item_get_impact (item);
  g_autofree char *rating = NULL;
  g_autofree char *levels = NULL;
  g_autofree char *accessible = NULL;

  gtk_label_set_text (w->title, dlb_item_get_title (item));
  gtk_label_set_text (w->detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (w->detail), detail != NULL && *detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->detail), detail);

  /* Likelihood times impact: the cell of the heat map the item falls in. */
  rating = g_strdup_printf ("%d", likelihood * impact);
  gtk_label_set_text (w->rating, rating);
  gtk_widget_remove_css_class (GTK_WIDGET (w->rating), "rating-high");
  gtk_widget_remove_css_class (GTK_WIDGET (w->rating), "rating-medium");
  if (likelihood * impact >= 15)
    gtk_widget_add_css_class (GTK_WIDGET (w->rating), "rating-high");
  else if (likelihood * impact >= 8)
    gtk_widget_add_css_class (GTK_WIDGET (w->rating), "rating-medium");

  /* Translators: an opportunity's or risk's likelihood and impact, each on a 1–5 scale */
  levels = g_strdup_printf (_("Likelihood %d of 5 · Impact %d of 5"), likelihood, impact);
  gtk_label_set_text (w->levels, levels);
  gtk_widget_set_tooltip_text (GTK_WIDGET (w->rating), _("Likelihood × impact"));

  accessible = dlb_sentence_for_item (item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* A grid, not a box: GTK 4.8 sizes a wrapping label in a horizontal
   * box by laying it out for a dozen widths or more. */
  GtkWidget *top = gtk_grid_new ();
  RowWidgets *w = g_new0 (RowWidgets, 1);

  gtk_widget_add_css_class (row, "entity-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_grid_set_column_spacing (GTK_GRID (top), 8);
  gtk_box_append (GTK_BOX (box), top);
  /* The number the heat map and the memo give the item, set once the row
   * has its place in the list. */
  w->code = new_label ("item-code");
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->code), 0, 0, 1, 1);
  gtk_widget_add_css_class (GTK_WIDGET (w->code), "numeric");
  gtk_label_set_wrap (w->code, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (w->code), GTK_ALIGN_BASELINE);
  w->title = new_label ("heading");
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->title), 1, 0, 1, 1);
  gtk_widget_set_valign (GTK_WIDGET (w->title), GTK_ALIGN_BASELINE);
  gtk_widget_set_hexpand (GTK_WIDGET (w->title), TRUE);
  w->rating = new_label ("rating");
  gtk_grid_attach (GTK_GRID (top), GTK_WIDGET (w->rating), 2, 0, 1, 1);
  gtk_label_set_wrap (w->rating, FALSE);
  gtk_widget_set_valign (GTK_WIDGET (w->rating), GTK_ALIGN_START);

  w->detail = add_label (GTK_BOX (box), NULL);
  gtk_label_set_lines (w->detail, 4);
  gtk_label_set_ellipsize (w->detail, PANGO_ELLIPSIZE_END);
  w->levels = add_label (GTK_BOX (box), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (w->levels), "dim-label");

  g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "widgets", w, g_free);
  g_signal_connect_object (item, "notify", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row);

  return row;
}

static gboolean
filter_opportunity (gpointer item,
                    gpointer user_data)
{
  return dlb_item_get_kind (DLB_ITEM (item)) == DLB_ITEM_OPPORTUNITY;
}

static gboolean
filter_risk (gpointer item,
             gpointer user_data)
{
  return dlb_item_get_kind (DLB_ITEM (item)) == DLB_ITEM_RISK;
}

static void
on_editor_remove (GtkButton *button,
                  GtkWindow *dialog)
{
  DlbEntityEditor *editor = g_object_get_data (G_OBJECT (dialog), "editor");
  DlbCase *kase = g_object_get_data (G_OBJECT (dialog), "case");
  DlbEntity *entity = dlb_entity_editor_get_entity (editor);
  g_autoptr(GError) error = NULL;

  if (entity == NULL)
    return;

  if (!dlb_case_remove (kase, entity, &error))
    {
      dlb_show_toast (GTK_WIDGET (editor), error->message);
      return;
    }

  gtk_window_close (dialog);
}

static void
on_editor_entity_removed (GtkWindow  *dialog,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *list)
{
  DlbEntityEditor *editor = g_object_get_data (G_OBJECT (dialog), "editor");
  DlbEntity *entity = dlb_entity_editor_get_entity (editor);

  /* An undo in the case window may take the item away. */
  if (entity != NULL && !g_list_store_find (G_LIST_STORE (list), entity, NULL))
    gtk_window_close (dialog);
}

static void
open_editor (DlbItemsPage *self,
             DlbItem      *item)
{
  DlbCase *kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *title = dlb_item_get_kind (item) == DLB_ITEM_RISK ? _("Risk") : _("Opportunity");
  const char *remove_label = dlb_item_get_kind (item) == DLB_ITEM_RISK ? _("Remove the Risk")
                                                                         : _("Remove the Opportunity");
  AdwHeaderBar *header = NULL;
  GtkWindow *dialog = dlb_entity_editor_window_new (GTK_WIDGET (self), kase, DLB_ENTITY (item),
                                                    title, &header);

  gtk_widget_set_tooltip_text (remove, remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  adw_header_bar_pack_start (header, remove);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_editor_remove), dialog);
  g_signal_connect_object (dlb_case_get_items (kase), "items-changed",
                           G_CALLBACK (on_editor_entity_removed), dialog, G_CONNECT_SWAPPED);

  gtk_window_present (dialog);
}

static void
on_row_activated (DlbItemsPage  *self,
                  GtkListBoxRow *row)
{
  DlbItem *item = g_object_get_data (G_OBJECT (row), "entity");

  if (item != NULL && dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL)
    open_editor (self, item);
}

static void
add_item (DlbItemsPage *self,
          DlbItemKind   kind)
{
  g_autoptr(DlbItem) item = NULL;
  g_autoptr(GError) error = NULL;

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return;

  item = dlb_item_new (kind, kind == DLB_ITEM_RISK ? _("New risk") : _("New opportunity"));
  if (!dlb_case_insert (dlb_case_page_get_case (DLB_CASE_PAGE (self)), DLB_ENTITY (item), -1, &error))
    {
      dlb_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  open_editor (self, item);
}

static void
on_add_opportunity (DlbItemsPage *self)
{
  add_item (self, DLB_ITEM_OPPORTUNITY);
}

static void
on_add_risk (DlbItemsPage *self)
{
  add_item (self, DLB_ITEM_RISK);
}

static void
draw_heat_map (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  user_data)
{
  DlbItemsPage *self = user_data;
  double x, y, w, h;

  dlb_chart_draw_heat_map (cr, width, height, self->heat_items, self->n_heat_items);

  /* Also after a click, which marks the cell its list belongs to. */
  if (!gtk_widget_has_focus (GTK_WIDGET (self->heat_map)))
    return;
  dlb_chart_heat_map_cell_area (width, height, self->cursor_risk, self->cursor_likelihood,
                                self->cursor_impact, &x, &y, &w, &h);
  cairo_save (cr);
  cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0);
  cairo_set_line_width (cr, 1.4);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
on_cell_row_activated (GtkListBox    *list,
                       GtkListBoxRow *row,
                       DlbItemsPage  *self)
{
  DlbItem *item = g_object_get_data (G_OBJECT (row), "entity");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (list), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (item != NULL && dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL)
    open_editor (self, item);
}

static GtkWidget *
create_cell_row (DlbItem    *item,
                 const char *code)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *number = gtk_label_new (code);
  GtkWidget *title = gtk_label_new (dlb_item_get_title (item));
  g_autofree char *sentence = dlb_sentence_for_item (item);
  /* The code the heat map draws in the cell, then what the item's row says. */
  g_autofree char *accessible = g_strdup_printf ("%s %s", code, sentence);

  gtk_widget_add_css_class (number, "item-code");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), title);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (row), "entity", g_object_ref (item), g_object_unref);
  return row;
}

static void
on_cell_popover_closed (DlbItemsPage *self)
{
  /* Back to the cell, for the arrows to go on from; an editor opened
   * from the list takes the focus over after this. */
  gtk_widget_grab_focus (GTK_WIDGET (self->heat_map));
}

/* Lists the items of one heat-map cell in a popover over it; choosing one
 * opens it, as its row in the lists below would. */
static void
show_cell (DlbItemsPage *self,
           gboolean      risk,
           int           likelihood,
           int           impact)
{
  DlbCase *kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  GtkWidget *popover, *box, *heading, *list;
  g_autofree char *title = NULL;
  double chart_width, chart_height, x, y, w, h;
  guint count = 0;

  if (kase == NULL ||
      !dlb_chart_view_to_chart (self->heat_map, 0, 0, NULL, NULL, &chart_width, &chart_height))
    return;
  if (dlb_chart_view_get_popover (self->heat_map) != NULL)
    gtk_popover_popdown (dlb_chart_view_get_popover (self->heat_map));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* A set width, so that the wrapped titles are measured at the width
   * they are shown at. */
  gtk_widget_set_size_request (box, 320, -1);
  title = risk
    /* Translators: the heading of the list of risks in one cell of the heat map */
    ? g_strdup_printf (_("Risks of likelihood %d and impact %d"), likelihood, impact)
    /* Translators: the heading of the list of opportunities in one cell of the heat map */
    : g_strdup_printf (_("Opportunities of likelihood %d and impact %d"), likelihood, impact);
  heading = gtk_label_new (title);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_box_append (GTK_BOX (box), heading);

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "heat-map-cell");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (GTK_LIST_BOX (list), TRUE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_cell_row_activated), self, 0);
  for (guint k = 0; k < self->n_heat_items; k++)
    {
      const DlbHeatItem *heat = &self->heat_items[k];
      g_autoptr(DlbItem) item = NULL;

      if ((heat->risk != FALSE) != (risk != FALSE) || heat->likelihood != likelihood || heat->impact != impact)
        continue;
      /* The heat map's item k is the case's item k. */
      item = g_list_model_get_item (dlb_case_get_items (kase), k);
      if (item == NULL)
        continue;
      gtk_list_box_append (GTK_LIST_BOX (list), create_cell_row (item, heat->label));
      count++;
    }
  if (count > 0)
    gtk_box_append (GTK_BOX (box), list);
  else
    {
      GtkWidget *none = gtk_label_new (_("Nothing here"));

      g_object_ref_sink (list);
      g_object_unref (list);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_box_append (GTK_BOX (box), none);
    }

  popover = gtk_popover_new ();
  gtk_widget_add_css_class (popover, "heat-map-cell");
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_cell_popover_closed), self, G_CONNECT_SWAPPED);
  dlb_chart_heat_map_cell_area (chart_width, chart_height, risk, likelihood, impact, &x, &y, &w, &h);
  dlb_chart_view_popup (self->heat_map, GTK_POPOVER (popover), x, y, w, h);
}

static void
on_heat_map_released (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      DlbItemsPage    *self)
{
  double cx, cy, width, height;
  gboolean risk;
  int likelihood, impact;

  if (!dlb_chart_view_to_chart (self->heat_map, x, y, &cx, &cy, &width, &height) ||
      !dlb_chart_heat_map_cell_at (width, height, cx, cy, &risk, &likelihood, &impact))
    return;
  self->cursor_risk = risk;
  self->cursor_likelihood = likelihood;
  self->cursor_impact = impact;
  /* The arrows go on from the cell just clicked. */
  gtk_widget_grab_focus (GTK_WIDGET (self->heat_map));
  gtk_widget_queue_draw (GTK_WIDGET (self->heat_map));
  show_cell (self, risk, likelihood, impact);
}

/* The keys on_heat_map_key_pressed() takes. */
static const char * const heat_map_keys[] = {
  "Left", "Right", "Up", "Down", "Return", "space", NULL
};

static gboolean
on_heat_map_key_pressed (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         DlbItemsPage          *self)
{
  /* The two panels side by side are one row of ten columns to the
   * arrows. */
  int column = (self->cursor_risk ? 5 : 0) + self->cursor_likelihood - 1;
  int impact = self->cursor_impact;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      column--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      column++;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      impact++;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      impact--;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      show_cell (self, self->cursor_risk, self->cursor_likelihood, self->cursor_impact);
      return TRUE;
    default:
      return FALSE;
    }

  if (column < 0 || column > 9 || impact < 1 || impact > 5)
    {
      gtk_widget_error_bell (GTK_WIDGET (self->heat_map));
      return TRUE;
    }
  self->cursor_risk = column >= 5;
  self->cursor_likelihood = column % 5 + 1;
  self->cursor_impact = impact;
  gtk_widget_queue_draw (GTK_WIDGET (self->heat_map));
  return TRUE;
}

static void
update_codes (GtkListBox *list,
              char        prefix)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      RowWidgets *w = g_object_get_data (G_OBJECT (row), "widgets");
      char code[24];

      if (w == NULL)
        continue;
      /* The order of the case's items within each kind, as the chart
       * numbers them, since the list keeps that order. */
      g_snprintf (code, sizeof code, "%c%d", prefix, i + 1);
      gtk_label_set_text (w->code, code);
    }
}

static void
update_heat_map (DlbItemsPage *self)
{
  g_auto(GStrv) sentences = NULL;

  g_clear_pointer (&self->heat_items, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  self->n_heat_items = 0;
  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL)
    {
      self->strings = g_string_chunk_new (256);
      self->heat_items = dlb_chart_heat_items_from_case (dlb_case_page_get_case (DLB_CASE_PAGE (self)), self->strings, &self->n_heat_items);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->heat_map), self->n_heat_items > 0);
  sentences = dlb_chart_describe_heat_map (self->heat_items, self->n_heat_items);
  dlb_chart_view_set_sentences (self->heat_map, (const char * const *) sentences);

  update_codes (self->opportunities_list, 'O');
  update_codes (self->risks_list, 'R');
}

static void
on_case_changed (DlbCasePage *page,
                 guint        kinds)
{
  DlbItemsPage *self = DLB_ITEMS_PAGE (page);

  if (!(kinds & (1u << DLB_KIND_ITEM)))
    return;
  /* An item may have moved from one list to the other. */
  for (guint i = 0; i < 2; i++)
    gtk_filter_changed (GTK_FILTER (self->filters[i]), GTK_FILTER_CHANGE_DIFFERENT);
  update_heat_map (self);
}

static void
dlb_items_page_case_set (DlbCasePage *page)
{
  DlbItemsPage *self = DLB_ITEMS_PAGE (page);
  GtkListBox *lists[2] = { self->opportunities_list, self->risks_list };
  DlbCase *kase = dlb_case_page_get_case (page);

  for (guint i = 0; i < 2; i++)
    {
      gtk_list_box_bind_model (lists[i], NULL, NULL, NULL, NULL);
      g_clear_object (&self->models[i]);
    }

  if (kase != NULL)
    for (guint i = 0; i < 2; i++)
      {
        self->models[i] = gtk_filter_list_model_new (g_object_ref (dlb_case_get_items (kase)),
                                                     g_object_ref (GTK_FILTER (self->filters[i])));
        gtk_list_box_bind_model (lists[i], G_LIST_MODEL (self->models[i]), create_row, self, NULL);
      }
  update_heat_map (self);
}

static void
dlb_items_page_dispose (GObject *object)
{
  DlbItemsPage *self = DLB_ITEMS_PAGE (object);

  if (self->opportunities_list != NULL)
    dlb_case_page_set_case (DLB_CASE_PAGE (self), NULL);
  /* The bin drops its child itself, so it never holds a disposed one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_ITEMS_PAGE);
  for (guint i = 0; i < 2; i++)
    {
      g_clear_object (&self->models[i]);
      g_clear_object (&self->filters[i]);
    }

  G_OBJECT_CLASS (dlb_items_page_parent_class)->dispose (object);
}

static void
dlb_items_page_finalize (GObject *object)
{
  DlbItemsPage *self = DLB_ITEMS_PAGE (object);

  g_free (self->heat_items);
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (dlb_items_page_parent_class)->finalize (object);
}

static void
dlb_items_page_class_init (DlbItemsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_items_page_dispose;
  object_class->finalize = dlb_items_page_finalize;
  DLB_CASE_PAGE_CLASS (klass)->case_set = dlb_items_page_case_set;
  DLB_CASE_PAGE_CLASS (klass)->case_changed = on_case_changed;


  g_type_ensure (DLB_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-items-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbItemsPage, heat_map);
  gtk_widget_class_bind_template_child (widget_class, DlbItemsPage, opportunities_list);
  gtk_widget_class_bind_template_child (widget_class, DlbItemsPage, risks_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_opportunity);
  gtk_widget_class_bind_template_callback (widget_class, on_add_risk);
}

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
dlb_items_page_init (DlbItemsPage *self)
{
  GtkEventController *key;
  GtkGesture *click;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filters[0] = gtk_custom_filter_new (filter_opportunity, NULL, NULL);
  self->filters[1] = gtk_custom_filter_new (filter_risk, NULL, NULL);
  gtk_list_box_set_placeholder (self->opportunities_list, make_placeholder (_("No opportunities yet.")));
  gtk_list_box_set_placeholder (self->risks_list, make_placeholder (_("No risks yet.")));
  dlb_chart_view_set_draw_func (self->heat_map, draw_heat_map, self, NULL);

  /* The top-right cell of the opportunities first: the one that matters
   * most. */
  self->cursor_likelihood = 5;
  self->cursor_impact = 5;
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_heat_map_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->heat_map), GTK_EVENT_CONTROLLER (click));
  key = dlb_key_controller_new (heat_map_keys);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_heat_map_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->heat_map), key);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->heat_map), "pointer");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->heat_map),
                               _("Click a cell, or choose it with the arrow keys and press Enter, "
                                 "to list what is in it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heat_map),
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS,
                                  "ArrowLeft ArrowRight ArrowUp ArrowDown Enter",
                                  -1);
  update_heat_map (self);
}

GtkListBox *
dlb_items_page_get_list_box (DlbItemsPage *self,
                             DlbItemKind   kind)
{
  g_return_val_if_fail (DLB_IS_ITEMS_PAGE (self), NULL);

  return kind == DLB_ITEM_RISK ? self->risks_list : self->opportunities_list;
}

DlbChartView *
dlb_items_page_get_heat_map (DlbItemsPage *self)
{
  g_return_val_if_fail (DLB_IS_ITEMS_PAGE (self), NULL);

  return self->heat_map;
}
