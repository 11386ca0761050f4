/* dlb-score-table.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-score-table"

#include "config.h"

#include <string.h>

#include "dlb-score-table.h"

/* The decision matrix's table: options across, criteria down. Column 0
 * holds each row's name (a criterion, or the weighted total's caption);
 * the other columns one option each. Where the names and the options do
 * not fit side by side, as in a phone-sized window, each row's name goes
 * on a line of its own above the row's scores, across the whole width,
 * so that the options keep room for their names' longest words. */

#define COLUMN_SPACING 4
#define ROW_SPACING 2

struct _DlbScoreTable
{
  GtkWidget parent_instance;

  guint n_columns;
  guint n_rows;
  gboolean narrow;
};

G_DEFINE_FINAL_TYPE (DlbScoreTable, dlb_score_table, GTK_TYPE_WIDGET)

static GQuark cell_quark;

static void
child_cell (GtkWidget *child,
            guint     *column,
            guint     *row)
{
  guint packed = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (child), cell_quark));

  *column = (packed >> 16) & 0xffff;
  *row = packed & 0xffff;
}

/* Each column's minimum and natural width. */
static GtkRequestedSize *
measure_columns (DlbScoreTable *self)
{
  GtkRequestedSize *sizes = g_new0 (GtkRequestedSize, self->n_columns);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint column, row;
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      child_cell (child, &column, &row);
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      sizes[column].minimum_size = MAX (sizes[column].minimum_size, min);
      sizes[column].natural_size = MAX (sizes[column].natural_size, nat);
    }
  for (guint k = 0; k < self->n_columns; k++)
    sizes[k].data = GUINT_TO_POINTER (k);
  return sizes;
}

/* Gives @n columns @width between them: each its minimum, then as much
 * of its natural width as there is room for, then what is left in equal
 * parts to the columns from @first_growing on. */
static void
share_width (const GtkRequestedSize *sizes,
             guint                   n,
             guint                   first_growing,
             int                     width,
             int                    *widths)
{
  g_autofree GtkRequestedSize *copy = NULL;
  int extra = width;
  int n_growing = (int) (n - first_growing);

  if (n == 0)
    return;
  for (guint k = 0; k < n; k++)
    extra -= sizes[k].minimum_size;
  copy = g_memdup2 (sizes, n * sizeof *sizes);
  extra = gtk_distribute_natural_allocation (MAX (extra, 0), n, copy);
  for (guint k = 0; k < n; k++)
    {
      int share = 0;

      if (k >= first_growing && n_growing > 0)
        share = extra / n_growing + ((int) (k - first_growing) < extra % n_growing ? 1 : 0);
      widths[k] = copy[k].minimum_size + share;
    }
}

/* The width of each column at @width (column 0 is the whole width when
 * narrow); returns whether the names go above their rows. */
static gboolean
lay_out_columns (DlbScoreTable *self,
                 int            width,
                 int           *widths)
{
  g_autofree GtkRequestedSize *sizes = measure_columns (self);
  guint n_options = self->n_columns > 0 ? self->n_columns - 1 : 0;
  int wide_minimum = 0;

  for (guint k = 0; k < self->n_columns; k++)
    wide_minimum += sizes[k].minimum_size;
  wide_minimum += COLUMN_SPACING * (int) n_options;

  if (width >= wide_minimum)
    {
      share_width (sizes, self->n_columns, 1, width - COLUMN_SPACING * (int) n_options, widths);
      return FALSE;
    }

  widths[0] = width;
  if (n_options > 0)
    share_width (sizes + 1, n_options, 0, width - COLUMN_SPACING * (int) (n_options - 1), widths + 1);
  return TRUE;
}

/* The height of each row's name line (narrow only) and of its cells. */
static void
lay_out_rows (DlbScoreTable *self,
              const int     *widths,
              gboolean       narrow,
              int           *name_heights,
              int           *row_heights,
              int           *minimum,
              int           *natural)
{
  int min_total = 0, nat_total = 0;
  g_autofree int *name_min = g_new0 (int, self->n_rows);
  g_autofree int *row_min = g_new0 (int, self->n_rows);

  memset (name_heights, 0, self->n_rows * sizeof (int));
  memset (row_heights, 0, self->n_rows * sizeof (int));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint column, row;
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      child_cell (child, &column, &row);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, widths[column], &min, &nat, NULL, NULL);
      if (narrow && column == 0)
        {
          name_min[row] = MAX (name_min[row], min);
          name_heights[row] = MAX (name_heights[row], nat);
        }
      else
        {
          row_min[row] = MAX (row_min[row], min);
          row_heights[row] = MAX (row_heights[row], nat);
        }
    }

  for (guint r = 0; r < self->n_rows; r++)
    {
      int spacing = r > 0 ? ROW_SPACING : 0;

      if (name_heights[r] > 0)
        {
          min_total += name_min[r] + ROW_SPACING;
          nat_total += name_heights[r] + ROW_SPACING;
        }
      min_total += row_min[r] + spacing;
      nat_total += row_heights[r] + spacing;
    }
  if (minimum != NULL)
    *minimum = min_total;
  if (natural != NULL)
    *natural = nat_total;
}

static void
dlb_score_table_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  DlbScoreTable *self = DLB_SCORE_TABLE (widget);
  guint n_options = self->n_columns > 0 ? self->n_columns - 1 : 0;

  *minimum = *natural = 0;
  if (self->n_columns == 0)
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      g_autofree GtkRequestedSize *sizes = measure_columns (self);
      int options_min = 0, options_nat = 0;

      for (guint k = 1; k < self->n_columns; k++)
        {
          options_min += sizes[k].minimum_size;
          options_nat += sizes[k].natural_size;
        }
      if (n_options > 0)
        {
          options_min += COLUMN_SPACING * (int) (n_options - 1);
          options_nat += COLUMN_SPACING * (int) (n_options - 1);
        }
      *minimum = MAX (sizes[0].minimum_size, options_min);
      *natural = sizes[0].natural_size + (n_options > 0 ? COLUMN_SPACING : 0) + options_nat;
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      g_autofree int *widths = g_new0 (int, self->n_columns);
      g_autofree int *name_heights = g_new0 (int, self->n_rows);
      g_autofree int *row_heights = g_new0 (int, self->n_rows);
      int width = for_size;
      gboolean narrow;

      if (width < 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      narrow = lay_out_columns (self, width, widths);
      lay_out_rows (self, widths, narrow, name_heights, row_heights, minimum, natural);
    }
}

static void
dlb_score_table_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  DlbScoreTable *self = DLB_SCORE_TABLE (widget);
  g_autofree int *widths = NULL;
  g_autofree int *x = NULL;
  g_autofree int *name_heights = NULL;
  g_autofree int *row_heights = NULL;
  g_autofree int *name_y = NULL;
  g_autofree int *row_y = NULL;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int y = 0;

  if (self->n_columns == 0)
    return;

  widths = g_new0 (int, self->n_columns);
  x = g_new0 (int, self->n_columns);
  name_heights = g_new0 (int, self->n_rows);
  row_heights = g_new0 (int, self->n_rows);
  name_y = g_new0 (int, self->n_rows);
  row_y = g_new0 (int, self->n_rows);

  self->narrow = lay_out_columns (self, width, widths);
  lay_out_rows (self, widths, self->narrow, name_heights, row_heights, NULL, NULL);

  x[0] = 0;
  for (guint k = 1; k < self->n_columns; k++)
    x[k] = k == 1 && self->narrow ? 0 : x[k - 1] + widths[k - 1] + COLUMN_SPACING;
  for (guint r = 0; r < self->n_rows; r++)
    {
      if (r > 0)
        y += ROW_SPACING;
      name_y[r] = y;
      if (name_heights[r] > 0)
        y += name_heights[r] + ROW_SPACING;
      row_y[r] = y;
      y += row_heights[r];
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint column, row;
      GtkAllocation cell;

      if (!gtk_widget_should_layout (child))
        continue;
      child_cell (child, &column, &row);
      cell.width = widths[column];
      cell.x = rtl ? width - x[column] - cell.width : x[column];
      if (self->narrow && column == 0)
        {
          cell.y = name_y[row];
          cell.height = name_heights[row];
        }
      else
        {
          cell.y = row_y[row];
          cell.height = row_heights[row];
        }
      gtk_widget_size_allocate (child, &cell, -1);
    }
}

static GtkSizeRequestMode
dlb_score_table_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dlb_score_table_dispose (GObject *object)
{
  dlb_score_table_clear (DLB_SCORE_TABLE (object));

  G_OBJECT_CLASS (dlb_score_table_parent_class)->dispose (object);
}

static void
dlb_score_table_class_init (DlbScoreTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_score_table_dispose;
  widget_class->measure = dlb_score_table_measure;
  widget_class->size_allocate = dlb_score_table_size_allocate;
  widget_class->get_request_mode = dlb_score_table_get_request_mode;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "scoretable");

  cell_quark = g_quark_from_static_string ("dlb-score-table-cell");
}

static void
dlb_score_table_init (DlbScoreTable *self)
{
}

GtkWidget *
dlb_score_table_new (void)
{
  return g_object_new (DLB_TYPE_SCORE_TABLE, NULL);
}

/* Puts @child in @column (0 for the row's name) of @row (0 for the
 * options' names). */
void
dlb_score_table_attach (DlbScoreTable *self,
                        GtkWidget     *child,
                        guint          column,
                        guint          row)
{
  g_return_if_fail (DLB_IS_SCORE_TABLE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (column < 0x10000 && row < 0x10000);

  g_object_set_qdata (G_OBJECT (child), cell_quark, GUINT_TO_POINTER ((column << 16) | row));
  gtk_widget_set_parent (child, GTK_WIDGET (self));
  self->n_columns = MAX (self->n_columns, column + 1);
  self->n_rows = MAX (self->n_rows, row + 1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
dlb_score_table_clear (DlbScoreTable *self)
{
  GtkWidget *child;

  g_return_if_fail (DLB_IS_SCORE_TABLE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->n_columns = 0;
  self->n_rows = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Whether the rows' names are on lines of their own, at the width the
 * table was last given. */
gboolean
dlb_score_table_is_narrow (DlbScoreTable *self)
{
  g_return_val_if_fail (DLB_IS_SCORE_TABLE (self), FALSE);

  return self->narrow;
}
