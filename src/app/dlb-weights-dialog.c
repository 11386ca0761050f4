/* dlb-weights-dialog.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-weights-dialog"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlb-enums.h"
#include "dlb-util.h"
#include "dlb-weights-dialog.h"

/* Saaty's scale on a slider: position -8..8, left of the middle when the
 * first criterion of the pair matters more. */
#define SCALE_STEPS 8

typedef struct
{
  guint      a, b;
  GtkWidget *row;
  GtkWidget *scale;
  GtkWidget *value_label;
  GtkWidget *equal_button;
} PairRow;

struct _DlbWeightsDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *intro_label;
  GtkWidget            *status_box;
  GtkLabel             *status_title;
  GtkLabel             *status_detail;
  GtkListBox           *list;

  DlbCase              *kase;
  DlbWeightsDialogMode  mode;
  guint                 n;
  GPtrArray            *criteria;    /* DlbCriterion, case order */
  double               *weights;     /* case order */

  /* Ranking */
  guint                *order;       /* criterion indexes, most important first */

  /* AHP */
  double               *matrix;      /* n × n, upper triangle used */
  gboolean             *entered;     /* n × n, upper triangle used */
  DlbAhpConsistency     consistency;
  GArray               *pairs;       /* PairRow */
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (DlbWeightsDialog, dlb_weights_dialog, ADW_TYPE_WINDOW)

static const char *
criterion_name (DlbWeightsDialog *self,
                guint             i)
{
  return dlb_entity_get_display_name (g_ptr_array_index (self->criteria, i));
}

static char *
format_percent (double fraction)
{
  /* Translators: a weight in percent, e.g. "24 %" */
  return g_strdup_printf (_("%.0f %%"), fraction * 100);
}

static void
show_error (DlbWeightsDialog *self,
            const GError     *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Ranking */

static void
compute_ranking (DlbWeightsDialog *self)
{
  g_autofree int *ranks = g_new0 (int, MAX (self->n, 1));

  for (guint k = 0; k < self->n; k++)
    ranks[self->order[k]] = (int) k + 1;
  dlb_weights_rank_order_centroid (ranks, self->n, self->weights);
}

static void rebuild_ranking (DlbWeightsDialog *self,
                             int               focus_position,
                             gboolean          focus_up);

static void
move_clicked (GtkButton        *button,
              DlbWeightsDialog *self)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "position"));
  gboolean up = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "up"));

  if (up && position > 0)
    dlb_weights_dialog_move (self, position, position - 1);
  else if (!up && position + 1 < self->n)
    dlb_weights_dialog_move (self, position, position + 1);
  else
    return;

  rebuild_ranking (self, up ? (int) position - 1 : (int) position + 1, up);
}

static GtkWidget *
move_button (DlbWeightsDialog *self,
             guint             position,
             gboolean          up)
{
  GtkWidget *button = gtk_button_new_from_icon_name (up ? "go-up-symbolic" : "go-down-symbolic");
  g_autofree char *label = NULL;
  const char *name = criterion_name (self, self->order[position]);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, up ? position > 0 : position + 1 < self->n);
  /* Translators: %s is a criterion; a button that ranks it one place higher */
  label = g_strdup_printf (up ? _("Move %s up") : _("Move %s down"), name);
  gtk_widget_set_tooltip_text (button, up ? _("Move up") : _("Move down"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (button), "position", GUINT_TO_POINTER (position));
  g_object_set_data (G_OBJECT (button), "up", GINT_TO_POINTER (up));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked), self);
  return button;
}

static gboolean
rebuild_later (gpointer data)
{
  DlbWeightsDialog *self = data;

  if (self->criteria != NULL)
    rebuild_ranking (self, -1, FALSE);
  return G_SOURCE_REMOVE;
}

/* Rows can also be dragged into place. */
static GdkContentProvider *
row_drag_prepare (GtkDragSource *source,
                  double         x,
                  double         y,
                  GtkWidget     *row)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"));

  return gdk_content_provider_new_typed (G_TYPE_UINT, position);
}

static void
row_drag_begin (GtkDragSource *source,
                GdkDrag       *drag,
                GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static gboolean
row_drop (GtkDropTarget *target,
          const GValue  *value,
          double         x,
          double         y,
          GtkWidget     *row)
{
  DlbWeightsDialog *self = DLB_WEIGHTS_DIALOG (gtk_widget_get_root (row));
  guint from = g_value_get_uint (value);
  guint to = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"));

  if (from >= self->n || to >= self->n || from == to)
    return FALSE;
  dlb_weights_dialog_move (self, from, to);
  /* Not from inside the drop: the rows are about to be replaced. */
  g_idle_add_full (G_PRIORITY_DEFAULT, rebuild_later, g_object_ref (self), g_object_unref);
  return TRUE;
}

static void
rebuild_ranking (DlbWeightsDialog *self,
                 int               focus_position,
                 gboolean          focus_up)
{
  GtkWidget *child;
  GtkWidget *focus = NULL;

  compute_ranking (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint k = 0; k < self->n; k++)
    {
      guint i = self->order[k];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *rank = g_strdup_printf ("%u", k + 1);
      g_autofree char *weight = format_percent (self->weights[i]);
      GtkWidget *rank_label = gtk_label_new (rank);
      GtkWidget *weight_label = gtk_label_new (weight);
      GtkWidget *up = move_button (self, k, TRUE);
      GtkWidget *down = move_button (self, k, FALSE);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), criterion_name (self, i));
      gtk_widget_add_css_class (rank_label, "title-4");
      gtk_widget_add_css_class (rank_label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (rank_label), 2);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), rank_label);
      gtk_widget_add_css_class (weight_label, "numeric");
      gtk_widget_add_css_class (weight_label, "dim-label");
      gtk_label_set_width_chars (GTK_LABEL (weight_label), 5);
      gtk_label_set_xalign (GTK_LABEL (weight_label), 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), weight_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      g_object_set_data (G_OBJECT (row), "position", GUINT_TO_POINTER (k));
      {
        GtkDragSource *source = gtk_drag_source_new ();
        GtkDropTarget *target = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

        gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
        g_signal_connect (source, "prepare", G_CALLBACK (row_drag_prepare), row);
        g_signal_connect (source, "drag-begin", G_CALLBACK (row_drag_begin), row);
        gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
        g_signal_connect (target, "drop", G_CALLBACK (row_drop), row);
        gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
      }
      gtk_list_box_append (self->list, row);

      if ((int) k == focus_position)
        focus = gtk_widget_get_sensitive (focus_up ? up : down) ? (focus_up ? up : down)
                                                                : (focus_up ? down : up);
    }

  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

/* AHP */

static double
judgement_from_position (int position)
{
  return position <= 0 ? 1.0 - position : 1.0 / (1.0 + position);
}

static int
position_from_judgement (double judgement)
{
  if (judgement >= 1)
    return -(int) CLAMP (round (judgement) - 1, 0, SCALE_STEPS);
  return (int) CLAMP (round (1.0 / judgement) - 1, 0, SCALE_STEPS);
}

static const char *
intensity (int strength)
{
  switch (strength)
    {
    case 2:
      return _("slightly more important");
    case 3:
      return _("moderately more important");
    case 4:
      return _("moderately to strongly more important");
    case 5:
      return _("strongly more important");
    case 6:
      return _("strongly to very strongly more important");
    case 7:
      return _("very strongly more important");
    case 8:
      return _("very to extremely more important");
    default:
      return _("extremely more important");
    }
}

static char *
describe_judgement (DlbWeightsDialog *self,
                    guint             a,
                    guint             b,
                    double            judgement)
{
  const char *name = judgement >= 1 ? criterion_name (self, a) : criterion_name (self, b);
  double strength = judgement >= 1 ? judgement : 1.0 / judgement;

  if (fabs (strength - 1) < 1e-9)
    return g_strdup (_("Equally important"));
  if (fabs (strength - round (strength)) > 1e-6)
    /* Translators: a criterion, then how many times as important, e.g. "Privacy: 2.50 times as important" */
    return g_strdup_printf (_("%s: %.2f times as important"), name, strength);
  /* Translators: a criterion, then how much more important on Saaty's scale, and the number, e.g.
   * "Privacy is strongly more important (5)" */
  return g_strdup_printf (_("%s is %s (%.0f)"), name, intensity ((int) round (strength)), strength);
}

static char *
format_judgement (double judgement)
{
  if (judgement >= 1 - 1e-9)
    return g_strdup_printf ("%.3g", judgement);
  return g_strdup_printf ("1/%.3g", 1.0 / judgement);
}

static void
update_pair_row (DlbWeightsDialog *self,
                 PairRow          *p)
{
  guint idx = p->a * self->n + p->b;
  gboolean entered = self->entered[idx];
  g_autofree char *text = NULL;
  gboolean worst = self->consistency.inconsistent
                   && (guint) self->consistency.worst_a == p->a
                   && (guint) self->consistency.worst_b == p->b;

  text = entered ? describe_judgement (self, p->a, p->b, self->matrix[idx])
                 : g_strdup (_("Not compared yet: counts as equal"));
  gtk_label_set_text (GTK_LABEL (p->value_label), text);
  gtk_widget_set_visible (p->equal_button, !entered);
  if (worst)
    gtk_widget_add_css_class (p->value_label, "warning");
  else
    gtk_widget_remove_css_class (p->value_label, "warning");
  if (entered)
    gtk_widget_remove_css_class (p->value_label, "dim-label");
  else
    gtk_widget_add_css_class (p->value_label, "dim-label");

  self->updating = TRUE;
  gtk_range_set_value (GTK_RANGE (p->scale), entered ? position_from_judgement (self->matrix[idx]) : 0);
  self->updating = FALSE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (p->scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
}

static void
update_status (DlbWeightsDialog *self)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *title = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_title), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_title), "success");

  if (self->mode == DLB_WEIGHTS_DIALOG_RANKING)
    {
      gtk_label_set_text (self->status_title, _("Rank-order centroid weights"));
      g_string_append (detail, _("The first criterion weighs most and each next one a little less; "
                                 "the weight each rank gets is shown on its row. Drag a row, or use its "
                                 "arrows, to move it."));
    }
  else if (self->n < 2)
    {
      gtk_label_set_text (self->status_title, _("Nothing to compare"));
      g_string_append (detail, _("Pairwise comparison needs at least two criteria."));
    }
  else
    {
      const DlbAhpConsistency *c = &self->consistency;
      guint n_pairs = self->n * (self->n - 1) / 2;

      if (c->n_missing >= n_pairs)
        {
          gtk_label_set_text (self->status_title, _("No pairs compared yet"));
          gtk_label_set_text (self->status_detail,
                              _("Until you compare them, every criterion weighs the same. "
                                "The consistency ratio appears as you go."));
          return;
        }
      /* Translators: %.2f is AHP's consistency ratio */
      title = g_strdup_printf (c->inconsistent ? _("Consistency ratio %.2f: inconsistent")
                                               : _("Consistency ratio %.2f: consistent enough"),
                               c->cr);
      gtk_label_set_text (self->status_title, title);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_title), c->inconsistent ? "warning" : "success");

      if (c->inconsistent && c->worst_a >= 0 && c->worst_b >= 0)
        {
          g_autofree char *given = format_judgement (c->worst_given);
          g_autofree char *implied = format_judgement (c->worst_implied);

          g_string_append_printf (detail,
                                  /* Translators: two criteria, the judgement entered and the one the others imply */
                                  _("Above 0.10 the judgements contradict each other. The one that departs most "
                                    "is %s against %s: you entered %s, your other judgements imply about %s."),
                                  criterion_name (self, (guint) c->worst_a),
                                  criterion_name (self, (guint) c->worst_b), given, implied);
        }
      else
        g_string_append (detail, _("At or below 0.10 the judgements agree with each other well enough "
                                   "to weigh the criteria."));

      if (c->n_missing > 0)
        {
          g_string_append_c (detail, ' ');
          g_string_append_printf (detail,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u of %u pairs is not compared yet and counts as equal.",
                                               "%u of %u pairs are not compared yet and count as equal.",
                                               c->n_missing),
                                  c->n_missing, n_pairs);
        }

      g_string_append (detail, "\n");
      g_string_append (detail, _("Weights:"));
      for (guint i = 0; i < self->n; i++)
        {
          g_autofree char *weight = format_percent (self->weights[i]);

          /* Translators: a criterion and its weight in a list, e.g. "Privacy 24 %" */
          g_string_append_printf (detail, i == 0 ? _(" %s %s") : _(", %s %s"),
                                  criterion_name (self, i), weight);
        }
    }

  gtk_label_set_text (self->status_detail, detail->str);
}

static void
compute_ahp (DlbWeightsDialog *self)
{
  g_autofree gboolean *missing = NULL;

  if (self->n == 0)
    return;
  missing = g_new0 (gboolean, self->n * self->n);
  for (guint i = 0; i < self->n * self->n; i++)
    missing[i] = !self->entered[i];
  dlb_weights_ahp (self->matrix, missing, self->n, self->weights, &self->consistency);
  for (guint k = 0; k < self->pairs->len; k++)
    update_pair_row (self, &g_array_index (self->pairs, PairRow, k));
  update_status (self);
}

static void
scale_changed (GtkRange         *range,
               DlbWeightsDialog *self)
{
  guint k = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (range), "pair"));
  PairRow *p = &g_array_index (self->pairs, PairRow, k);

  if (self->updating)
    return;

  dlb_weights_dialog_set_judgement (self, p->a, p->b,
                                    judgement_from_position ((int) round (gtk_range_get_value (range))));
}

static void
equal_clicked (GtkButton        *button,
               DlbWeightsDialog *self)
{
  guint k = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pair"));
  PairRow *p = &g_array_index (self->pairs, PairRow, k);

  dlb_weights_dialog_set_judgement (self, p->a, p->b, 1);
  gtk_widget_grab_focus (p->scale);
}

static GtkWidget *
side_label (const char *text,
            float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  /* The row is homogeneous: the same width on both sides keeps every
   * slider in the same place. */
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static void
build_ahp (DlbWeightsDialog *self)
{
  for (guint a = 0; a < self->n; a++)
    for (guint b = a + 1; b < self->n; b++)
      {
        PairRow p = { a, b, NULL, NULL, NULL, NULL };
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
        GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        g_autofree char *accessible = NULL;
        guint k = self->pairs->len;

        p.row = gtk_list_box_row_new ();
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (p.row), FALSE);
        gtk_widget_set_focusable (p.row, FALSE);
        gtk_widget_set_margin_top (box, 10);
        gtk_widget_set_margin_bottom (box, 8);
        gtk_widget_set_margin_start (box, 12);
        gtk_widget_set_margin_end (box, 12);
        gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (p.row), box);

        gtk_box_append (GTK_BOX (line), side_label (criterion_name (self, a), 1));
        p.scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, -SCALE_STEPS, SCALE_STEPS, 1);
        gtk_scale_set_draw_value (GTK_SCALE (p.scale), FALSE);
        /* Equal is the middle, not one end: no fill from the left. */
        gtk_scale_set_has_origin (GTK_SCALE (p.scale), FALSE);
        gtk_range_set_round_digits (GTK_RANGE (p.scale), 0);
        gtk_range_set_increments (GTK_RANGE (p.scale), 1, 2);
        for (int m = -SCALE_STEPS; m <= SCALE_STEPS; m += 2)
          gtk_scale_add_mark (GTK_SCALE (p.scale), m, GTK_POS_BOTTOM, NULL);
        gtk_widget_set_size_request (p.scale, 120, -1);
        gtk_widget_set_valign (p.scale, GTK_ALIGN_CENTER);
        /* Translators: the accessible name of a pairwise comparison slider: two criteria */
        accessible = g_strdup_printf (_("%s compared with %s"), criterion_name (self, a), criterion_name (self, b));
        gtk_accessible_update_property (GTK_ACCESSIBLE (p.scale), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
        gtk_widget_set_tooltip_text (p.scale, _("Toward a criterion: it matters more"));
        g_object_set_data (G_OBJECT (p.scale), "pair", GUINT_TO_POINTER (k));
        g_signal_connect (p.scale, "value-changed", G_CALLBACK (scale_changed), self);
        dlb_scale_scroll_when_focused (p.scale);
        gtk_box_append (GTK_BOX (line), p.scale);
        gtk_box_append (GTK_BOX (line), side_label (criterion_name (self, b), 0));
        gtk_box_append (GTK_BOX (box), line);

        gtk_box_set_homogeneous (GTK_BOX (line), TRUE);
        p.value_label = gtk_label_new (NULL);
        gtk_label_set_wrap (GTK_LABEL (p.value_label), TRUE);
        gtk_widget_set_hexpand (p.value_label, TRUE);
        gtk_label_set_justify (GTK_LABEL (p.value_label), GTK_JUSTIFY_CENTER);
        gtk_widget_add_css_class (p.value_label, "caption");
        gtk_box_append (GTK_BOX (bottom), p.value_label);
        p.equal_button = gtk_button_new_with_label (_("Set as Equal"));
        gtk_widget_add_css_class (p.equal_button, "flat");
        gtk_widget_add_css_class (p.equal_button, "caption");
        g_object_set_data (G_OBJECT (p.equal_button), "pair", GUINT_TO_POINTER (k));
        g_signal_connect (p.equal_button, "clicked", G_CALLBACK (equal_clicked), self);
        gtk_box_append (GTK_BOX (bottom), p.equal_button);
        gtk_box_append (GTK_BOX (box), bottom);

        gtk_list_box_append (self->list, p.row);
        g_array_append_val (self->pairs, p);
      }
}

static void
load_pairwise (DlbWeightsDialog *self)
{
  GVariant *pairwise = dlb_case_get_pairwise (self->kase);
  GVariantIter iter;
  const char *a, *b;
  double value;

  for (guint i = 0; i < self->n * self->n; i++)
    self->matrix[i] = 1;
  if (pairwise == NULL)
    return;

  g_variant_iter_init (&iter, pairwise);
  while (g_variant_iter_next (&iter, "(&s&sd)", &a, &b, &value))
    {
      int ia = -1, ib = -1;

      for (guint i = 0; i < self->n; i++)
        {
          const char *id = dlb_entity_get_id (g_ptr_array_index (self->criteria, i));

          if (g_str_equal (id, a))
            ia = (int) i;
          if (g_str_equal (id, b))
            ib = (int) i;
        }
      /* The same entries the engine skips are left out here. */
      if (ia < 0 || ib < 0 || ia == ib || !isfinite (value)
          || value < DLB_AHP_MIN_JUDGEMENT - 1e-12 || value > DLB_AHP_MAX_JUDGEMENT + 1e-12)
        continue;
      if (ia < ib)
        {
          self->matrix[ia * self->n + ib] = value;
          self->entered[ia * self->n + ib] = TRUE;
        }
      else
        {
          self->matrix[ib * self->n + ia] = 1.0 / value;
          self->entered[ib * self->n + ia] = TRUE;
        }
    }
}

/* Public API */

void
dlb_weights_dialog_move (DlbWeightsDialog *self,
                         guint             from,
                         guint             to)
{
  guint moved;

  g_return_if_fail (DLB_IS_WEIGHTS_DIALOG (self));
  g_return_if_fail (self->mode == DLB_WEIGHTS_DIALOG_RANKING);
  g_return_if_fail (from < self->n && to < self->n);

  moved = self->order[from];
  if (from < to)
    memmove (&self->order[from], &self->order[from + 1], (to - from) * sizeof (guint));
  else
    memmove (&self->order[to + 1], &self->order[to], (from - to) * sizeof (guint));
  self->order[to] = moved;
  compute_ranking (self);
}

void
dlb_weights_dialog_set_judgement (DlbWeightsDialog *self,
                                  guint             a,
                                  guint             b,
                                  double            judgement)
{
  g_return_if_fail (DLB_IS_WEIGHTS_DIALOG (self));
  g_return_if_fail (self->mode == DLB_WEIGHTS_DIALOG_AHP);
  g_return_if_fail (a < self->n && b < self->n && a != b);
  g_return_if_fail (judgement >= DLB_AHP_MIN_JUDGEMENT - 1e-12 && judgement <= DLB_AHP_MAX_JUDGEMENT + 1e-12);

  if (a > b)
    {
      guint t = a;

      a = b;
      b = t;
      judgement = 1.0 / judgement;
    }
  self->matrix[a * self->n + b] = judgement;
  self->entered[a * self->n + b] = TRUE;
  compute_ahp (self);
}

const DlbAhpConsistency *
dlb_weights_dialog_get_consistency (DlbWeightsDialog *self)
{
  g_return_val_if_fail (DLB_IS_WEIGHTS_DIALOG (self), NULL);

  return &self->consistency;
}

DlbWeightsDialogMode
dlb_weights_dialog_get_mode (DlbWeightsDialog *self)
{
  g_return_val_if_fail (DLB_IS_WEIGHTS_DIALOG (self), DLB_WEIGHTS_DIALOG_RANKING);

  return self->mode;
}

guint
dlb_weights_dialog_get_n_criteria (DlbWeightsDialog *self)
{
  g_return_val_if_fail (DLB_IS_WEIGHTS_DIALOG (self), 0);

  return self->n;
}

double
dlb_weights_dialog_get_weight (DlbWeightsDialog *self,
                               guint             criterion)
{
  g_return_val_if_fail (DLB_IS_WEIGHTS_DIALOG (self), 0);
  g_return_val_if_fail (criterion < self->n, 0);

  return self->weights[criterion];
}

static gboolean
set_weighting (DlbWeightsDialog  *self,
               DlbWeighting       weighting,
               GError           **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, DLB_TYPE_WEIGHTING);
  g_value_set_enum (&v, weighting);
  return dlb_case_set_field (self->kase, DLB_ENTITY (self->kase), DLB_CASE_WEIGHTING, &v, error);
}

static gboolean
apply_ranking (DlbWeightsDialog  *self,
               GError           **error)
{
  for (guint k = 0; k < self->n; k++)
    {
      DlbCriterion *criterion = g_ptr_array_index (self->criteria, self->order[k]);
      g_auto(GValue) v = G_VALUE_INIT;

      if (dlb_criterion_get_rank (criterion) == (int) k + 1)
        continue;
      g_value_init (&v, G_TYPE_INT);
      g_value_set_int (&v, (int) k + 1);
      if (!dlb_case_set_field (self->kase, DLB_ENTITY (criterion), DLB_CRITERION_RANK, &v, error))
        return FALSE;
    }

  return set_weighting (self, DLB_WEIGHTING_RANKING, error);
}

static gboolean
apply_pairwise (DlbWeightsDialog  *self,
                GError           **error)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(ssd)"));
  g_auto(GValue) v = G_VALUE_INIT;

  for (guint a = 0; a < self->n; a++)
    for (guint b = a + 1; b < self->n; b++)
      if (self->entered[a * self->n + b])
        g_variant_builder_add (&builder, "(ssd)",
                               dlb_entity_get_id (g_ptr_array_index (self->criteria, a)),
                               dlb_entity_get_id (g_ptr_array_index (self->criteria, b)),
                               self->matrix[a * self->n + b]);

  g_value_init (&v, G_TYPE_VARIANT);
  g_value_take_variant (&v, g_variant_ref_sink (g_variant_builder_end (&builder)));
  if (!dlb_case_set_field (self->kase, DLB_ENTITY (self->kase), DLB_CASE_PAIRWISE, &v, error))
    return FALSE;

  return set_weighting (self, DLB_WEIGHTING_AHP, error);
}

/* One Apply is one grouped edit: however many criteria it ranks, it is one
 * change of the case file, one refresh of the views and one Undo, and if any
 * part of it is refused nothing of it is kept. */
gboolean
dlb_weights_dialog_apply (DlbWeightsDialog  *self,
                          GError           **error)
{
  gboolean ranking;
  gboolean ok;

  g_return_val_if_fail (DLB_IS_WEIGHTS_DIALOG (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ranking = self->mode == DLB_WEIGHTS_DIALOG_RANKING;
  if (!dlb_case_begin_group (self->kase,
                             ranking ? _("Apply ranking") : _("Apply pairwise comparisons"),
                             error))
    return FALSE;

  ok = ranking ? apply_ranking (self, error) : apply_pairwise (self, error);
  if (!ok)
    {
      dlb_case_cancel_group (self->kase);
      return FALSE;
    }

  return dlb_case_commit_group (self->kase, error);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlbWeightsDialog *self = DLB_WEIGHTS_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!dlb_weights_dialog_apply (self, &error))
    {
      show_error (self, error);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
case_changed (DlbWeightsDialog *self)
{
  GListModel *criteria = dlb_case_get_criteria (self->kase);
  gboolean same = g_list_model_get_n_items (criteria) == self->n;

  for (guint i = 0; same && i < self->n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (criteria, i);

      same = item == g_ptr_array_index (self->criteria, i);
    }
  /* The judgements are about criteria that changed under the dialog. */
  if (!same)
    gtk_window_close (GTK_WINDOW (self));
}

static void
dlb_weights_dialog_dispose (GObject *object)
{
  DlbWeightsDialog *self = DLB_WEIGHTS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_WEIGHTS_DIALOG);
  g_clear_object (&self->kase);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);

  G_OBJECT_CLASS (dlb_weights_dialog_parent_class)->dispose (object);
}

static void
dlb_weights_dialog_finalize (GObject *object)
{
  DlbWeightsDialog *self = DLB_WEIGHTS_DIALOG (object);

  g_free (self->weights);
  g_free (self->order);
  g_free (self->matrix);
  g_free (self->entered);
  g_clear_pointer (&self->pairs, g_array_unref);

  G_OBJECT_CLASS (dlb_weights_dialog_parent_class)->finalize (object);
}

static void
dlb_weights_dialog_class_init (DlbWeightsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_weights_dialog_dispose;
  object_class->finalize = dlb_weights_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-weights-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, status_box);
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, status_title);
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, status_detail);
  gtk_widget_class_bind_template_child (widget_class, DlbWeightsDialog, list);

  gtk_widget_class_install_action (widget_class, "weights.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "weights.apply", NULL);
}

static void
dlb_weights_dialog_init (DlbWeightsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pairs = g_array_new (FALSE, TRUE, sizeof (PairRow));
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  GPtrArray *criteria = data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  int ra = dlb_criterion_get_rank (g_ptr_array_index (criteria, ia));
  int rb = dlb_criterion_get_rank (g_ptr_array_index (criteria, ib));

  /* Unranked criteria (rank 0) go last; equal ranks keep case order. */
  if (ra != rb)
    {
      if (ra == 0)
        return 1;
      if (rb == 0)
        return -1;
      return ra < rb ? -1 : 1;
    }
  return ia < ib ? -1 : ia > ib;
}

DlbWeightsDialog *
dlb_weights_dialog_new (DlbCase              *kase,
                        DlbWeightsDialogMode  mode)
{
  DlbWeightsDialog *self;
  GListModel *criteria;

  g_return_val_if_fail (DLB_IS_CASE (kase), NULL);

  self = g_object_new (DLB_TYPE_WEIGHTS_DIALOG, NULL);
  self->kase = g_object_ref (kase);
  self->mode = mode;

  criteria = dlb_case_get_criteria (kase);
  self->n = g_list_model_get_n_items (criteria);
  self->criteria = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->n; i++)
    g_ptr_array_add (self->criteria, g_list_model_get_item (criteria, i));
  self->weights = g_new0 (double, MAX (self->n, 1));
  g_signal_connect_object (kase, "changed", G_CALLBACK (case_changed), self, G_CONNECT_SWAPPED);

  if (mode == DLB_WEIGHTS_DIALOG_RANKING)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Rank the Criteria"));
      adw_window_title_set_title (self->window_title, _("Rank the Criteria"));
      gtk_label_set_text (self->intro_label,
                          _("Put the criteria in order of importance, most important first. "
                            "Applying weighs them by their rank and switches the case to ranking weights."));
      self->order = g_new0 (guint, MAX (self->n, 1));
      for (guint i = 0; i < self->n; i++)
        self->order[i] = i;
      g_qsort_with_data (self->order, (int) self->n, sizeof (guint), compare_rank, self->criteria);
      rebuild_ranking (self, -1, FALSE);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Compare Criteria in Pairs"));
      adw_window_title_set_title (self->window_title, _("Compare Criteria in Pairs"));
      gtk_label_set_text (self->intro_label,
                          _("For each pair, move the slider toward the criterion that matters more, "
                            "and further the more it matters (Saaty’s scale, 1 to 9). "
                            "Applying derives the weights from these judgements and switches the case "
                            "to pairwise (AHP) weights."));
      self->matrix = g_new0 (double, MAX (self->n * self->n, 1));
      self->entered = g_new0 (gboolean, MAX (self->n * self->n, 1));
      load_pairwise (self);
      build_ahp (self);
      compute_ahp (self);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "weights.apply", self->n >= 2);
    }
  adw_window_title_set_subtitle (self->window_title, dlb_case_get_title (kase));
  update_status (self);

  return self;
}
