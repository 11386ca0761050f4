/* dlb-score-editor.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-score-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-score-editor.h"

/* How long typing may pause before the rationale is written: one journal
 * entry per burst of typing, not one per key. */
#define RATIONALE_DELAY_MS 700

typedef struct
{
  DlbKind     kind;
  guint       field;
  GtkWidget  *expander;
  GPtrArray  *rows;    /* the AdwActionRows added to the expander */
  GPtrArray  *checks;  /* their check buttons, id in "evidence-id" */
  char       *key;     /* the ids shown, to rebuild only when they change */
} Evidence;

enum { EVIDENCE_FINDINGS, EVIDENCE_ITEMS, EVIDENCE_SOURCES, N_EVIDENCE };

struct _DlbScoreEditor
{
  AdwPreferencesWindow  parent_instance;

  GtkLabel             *option_label;
  GtkLabel             *criterion_label;
  GtkLabel             *status_label;
  GtkSpinButton        *value_spin;
  GtkSpinButton        *low_spin;
  GtkSpinButton        *high_spin;
  GtkAdjustment        *value_adjustment;
  GtkAdjustment        *low_adjustment;
  GtkAdjustment        *high_adjustment;
  GtkTextView          *rationale_view;
  AdwExpanderRow       *findings_row;
  AdwExpanderRow       *items_row;
  AdwExpanderRow       *sources_row;

  DlbCase              *kase;
  char                 *option_id;
  char                 *criterion_id;
  Evidence              evidence[N_EVIDENCE];
  guint                 rationale_timeout;
  gboolean              rationale_dirty;
  gboolean              updating;
};

G_DEFINE_FINAL_TYPE (DlbScoreEditor, dlb_score_editor, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CASE,
  PROP_OPTION_ID,
  PROP_CRITERION_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (DlbScoreEditor *self);

static void
show_error (DlbScoreEditor *self,
            const GError   *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

DlbScore *
dlb_score_editor_get_score (DlbScoreEditor *self)
{
  g_return_val_if_fail (DLB_IS_SCORE_EDITOR (self), NULL);

  return dlb_case_get_score (self->kase, self->option_id, self->criterion_id);
}

static gboolean
set_double (DlbScoreEditor  *self,
            DlbScore        *score,
            guint            field,
            double           value,
            GError         **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  return dlb_case_set_field (self->kase, DLB_ENTITY (score), field, &v, error);
}

/* A pair with no score gets one, carrying the editor's current figures,
 * in a single edit. */
static DlbScore *
ensure_score (DlbScoreEditor  *self,
              GError         **error)
{
  g_autoptr(DlbScore) score = NULL;
  g_autofree char *id = NULL;
  DlbScore *existing = dlb_score_editor_get_score (self);
  double value, low, high;

  if (existing != NULL)
    return existing;

  value = gtk_adjustment_get_value (self->value_adjustment);
  low = MIN (gtk_adjustment_get_value (self->low_adjustment), value);
  high = MAX (gtk_adjustment_get_value (self->high_adjustment), value);

  id = dlb_score_make_id (self->option_id, self->criterion_id);
  score = g_object_new (DLB_TYPE_SCORE,
                        "id", id,
                        "option", self->option_id,
                        "criterion", self->criterion_id,
                        "value", value,
                        "low", low,
                        "high", high,
                        NULL);
  if (!dlb_case_insert (self->kase, DLB_ENTITY (score), -1, error))
    return NULL;

  return dlb_score_editor_get_score (self);
}

static void
value_changed (DlbScoreEditor *self)
{
  g_autoptr(GError) error = NULL;
  DlbScore *score;
  double value;
  gboolean ok = TRUE;

  if (self->updating)
    return;

  value = gtk_adjustment_get_value (self->value_adjustment);
  score = dlb_score_editor_get_score (self);
  if (score == NULL)
    {
      /* A first score has no range yet: it starts as the score itself. */
      self->updating = TRUE;
      gtk_adjustment_configure (self->low_adjustment, value, 0, value, 0.5, 1, 0);
      gtk_adjustment_configure (self->high_adjustment, value, value, 10, 0.5, 1, 0);
      self->updating = FALSE;
      ok = ensure_score (self, &error) != NULL;
    }
  else if (dlb_case_begin_group (self->kase, _("Change score"), &error))
    {
      /* The model keeps low <= value <= high at every step: widen the
       * range first, then move the value into it. One move of the slider
       * is still one Undo. */
      if (value > dlb_score_get_high (score))
        ok = set_double (self, score, DLB_SCORE_HIGH, value, &error);
      if (ok && value < dlb_score_get_low (score))
        ok = set_double (self, score, DLB_SCORE_LOW, value, &error);
      if (ok)
        ok = set_double (self, score, DLB_SCORE_VALUE, value, &error);

      if (ok)
        ok = dlb_case_commit_group (self->kase, &error);
      else
        dlb_case_cancel_group (self->kase);
    }
  else
    ok = FALSE;

  if (!ok)
    show_error (self, error);
  refresh (self);
}

static void
range_changed (DlbScoreEditor *self,
               GtkAdjustment  *adjustment)
{
  g_autoptr(GError) error = NULL;
  DlbScore *score;
  gboolean ok;

  if (self->updating)
    return;

  score = dlb_score_editor_get_score (self);
  if (score == NULL)
    ok = ensure_score (self, &error) != NULL;
  else if (adjustment == self->low_adjustment)
    ok = set_double (self, score, DLB_SCORE_LOW,
                     MIN (gtk_adjustment_get_value (adjustment), dlb_score_get_value (score)), &error);
  else
    ok = set_double (self, score, DLB_SCORE_HIGH,
                     MAX (gtk_adjustment_get_value (adjustment), dlb_score_get_value (score)), &error);

  if (!ok)
    show_error (self, error);
  refresh (self);
}

static void
low_changed (DlbScoreEditor *self)
{
  range_changed (self, self->low_adjustment);
}

static void
high_changed (DlbScoreEditor *self)
{
  range_changed (self, self->high_adjustment);
}

void
dlb_score_editor_flush (DlbScoreEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  DlbScore *score;

  g_return_if_fail (DLB_IS_SCORE_EDITOR (self));

  g_clear_handle_id (&self->rationale_timeout, g_source_remove);
  if (!self->rationale_dirty)
    return;
  self->rationale_dirty = FALSE;

  buffer = gtk_text_view_get_buffer (self->rationale_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  score = dlb_score_editor_get_score (self);
  if (score == NULL && *text == '\0')
    return;
  if (score != NULL && g_strcmp0 (dlb_score_get_rationale (score), text) == 0)
    return;
  /* Writing the first rationale of a pair also makes its score: one Undo
   * takes both back. */
  if (!dlb_case_begin_group (self->kase, _("Change rationale"), &error))
    {
      show_error (self, error);
      return;
    }
  if (score == NULL && (score = ensure_score (self, &error)) == NULL)
    {
      dlb_case_cancel_group (self->kase);
      show_error (self, error);
      return;
    }

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, *text != '\0' ? text : NULL);
  if (!dlb_case_set_field (self->kase, DLB_ENTITY (score), DLB_SCORE_RATIONALE, &v, &error))
    {
      dlb_case_cancel_group (self->kase);
      show_error (self, error);
      return;
    }
  if (!dlb_case_commit_group (self->kase, &error))
    show_error (self, error);
}

static gboolean
rationale_timeout_cb (gpointer data)
{
  DlbScoreEditor *self = data;

  self->rationale_timeout = 0;
  dlb_score_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
rationale_changed (DlbScoreEditor *self)
{
  if (self->updating)
    return;

  self->rationale_dirty = TRUE;
  g_clear_handle_id (&self->rationale_timeout, g_source_remove);
  self->rationale_timeout = g_timeout_add (RATIONALE_DELAY_MS, rationale_timeout_cb, self);
}

static void
evidence_toggled (DlbScoreEditor *self,
                  GtkCheckButton *check)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  const char *id = g_object_get_data (G_OBJECT (check), "evidence-id");
  Evidence *ev = g_object_get_data (G_OBJECT (check), "evidence");
  gboolean active = gtk_check_button_get_active (check);
  const char * const *current;
  DlbScore *score;

  if (self->updating)
    return;

  /* Citing evidence for a pair with no score yet makes the score too: one
   * gesture, one Undo. */
  if (!dlb_case_begin_group (self->kase, _("Change evidence"), &error))
    {
      show_error (self, error);
      refresh (self);
      return;
    }
  if ((score = ensure_score (self, &error)) == NULL)
    {
      dlb_case_cancel_group (self->kase);
      show_error (self, error);
      refresh (self);
      return;
    }

  builder = g_strv_builder_new ();
  current = dlb_entity_get_strv (DLB_ENTITY (score), ev->field);
  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    if (!g_str_equal (current[i], id))
      g_strv_builder_add (builder, current[i]);
  if (active)
    g_strv_builder_add (builder, id);
  ids = g_strv_builder_end (builder);

  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, ids);
  if (!dlb_case_set_field (self->kase, DLB_ENTITY (score), ev->field, &v, &error))
    {
      dlb_case_cancel_group (self->kase);
      show_error (self, error);
    }
  else if (!dlb_case_commit_group (self->kase, &error))
    show_error (self, error);
  refresh (self);
}

static char *
entity_subtitle (DlbEntity *entity)
{
  if (DLB_IS_ITEM (entity))
    return g_strdup (dlb_item_get_kind (DLB_ITEM (entity)) == DLB_ITEM_RISK ? _("Risk") : _("Opportunity"));
  if (DLB_IS_SOURCE (entity))
    return g_strdup (dlb_source_get_citation (DLB_SOURCE (entity)));
  return NULL;
}

static void
rebuild_evidence (DlbScoreEditor *self,
                  Evidence       *ev)
{
  GListModel *list = dlb_case_get_list (self->kase, ev->kind);
  g_autoptr(GString) key = g_string_new (NULL);
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);

      g_string_append (key, dlb_entity_get_id (entity));
      g_string_append_c (key, '\n');
      g_string_append (key, dlb_entity_get_display_name (entity));
      g_string_append_c (key, '\n');
    }
  if (g_strcmp0 (key->str, ev->key) == 0)
    return;

  g_free (ev->key);
  ev->key = g_strdup (key->str);
  for (guint i = 0; i < ev->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (ev->expander), g_ptr_array_index (ev->rows, i));
  g_ptr_array_set_size (ev->rows, 0);
  g_ptr_array_set_size (ev->checks, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);
      g_autofree char *subtitle = entity_subtitle (entity);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dlb_entity_get_display_name (entity));
      if (subtitle != NULL)
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
        }
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dlb_entity_get_display_name (entity), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "evidence-id",
                              g_strdup (dlb_entity_get_id (entity)), g_free);
      g_object_set_data (G_OBJECT (check), "evidence", ev);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (evidence_toggled), self);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (ev->expander), row);
      g_ptr_array_add (ev->rows, row);
      g_ptr_array_add (ev->checks, check);
    }
}

static void
refresh_evidence (DlbScoreEditor *self,
                  Evidence       *ev,
                  DlbScore       *score)
{
  const char * const *linked = score != NULL ? dlb_entity_get_strv (DLB_ENTITY (score), ev->field) : NULL;
  guint n_linked = linked != NULL ? g_strv_length ((char **) linked) : 0;
  g_autofree char *subtitle = NULL;

  rebuild_evidence (self, ev);
  for (guint i = 0; i < ev->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (ev->checks, i);
      const char *id = g_object_get_data (G_OBJECT (check), "evidence-id");

      gtk_check_button_set_active (check, linked != NULL && g_strv_contains (linked, id));
    }

  if (ev->checks->len == 0)
    subtitle = g_strdup (_("None in this case yet"));
  else if (n_linked == 0)
    subtitle = g_strdup (_("None linked"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u linked", "%u linked", n_linked), n_linked);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (ev->expander), subtitle);
  gtk_widget_set_sensitive (ev->expander, ev->checks->len > 0);
}

static void
refresh (DlbScoreEditor *self)
{
  DlbEntity *option, *criterion;
  DlbScore *score;
  double value, low, high;

  if (self->kase == NULL)
    return;

  option = dlb_case_lookup_kind (self->kase, DLB_KIND_OPTION, self->option_id);
  criterion = dlb_case_lookup_kind (self->kase, DLB_KIND_CRITERION, self->criterion_id);
  if (option == NULL || criterion == NULL)
    {
      /* Nothing left to score: the option or the criterion went away. */
      self->rationale_dirty = FALSE;
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->updating = TRUE;

  gtk_label_set_text (self->option_label, dlb_entity_get_display_name (option));
  gtk_label_set_text (self->criterion_label, dlb_entity_get_display_name (criterion));

  score = dlb_score_editor_get_score (self);
  if (score != NULL)
    {
      value = dlb_score_get_value (score);
      low = dlb_score_get_low (score);
      high = dlb_score_get_high (score);
    }
  else
    {
      value = gtk_adjustment_get_value (self->value_adjustment);
      low = MIN (gtk_adjustment_get_value (self->low_adjustment), value);
      high = MAX (gtk_adjustment_get_value (self->high_adjustment), value);
    }

  /* The low end can't pass the score and the high end can't fall below
   * it; moving the score itself past either end widens the range. */
  gtk_adjustment_configure (self->value_adjustment, value, 0, 10, 0.5, 1, 0);
  gtk_adjustment_configure (self->low_adjustment, MIN (low, value), 0, value, 0.5, 1, 0);
  gtk_adjustment_configure (self->high_adjustment, MAX (high, value), value, 10, 0.5, 1, 0);

  /* The line stays, its words change: the first score set must not move
   * the controls up under the pointer. */
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
  if (score == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_label_set_text (self->status_label, _("Not scored yet: it counts as 0 until you set a score."));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      gtk_label_set_text (self->status_label, _("Scored: it counts in the weighted total."));
    }

  if (!self->rationale_dirty)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale_view);
      GtkTextIter start, end;
      g_autofree char *text = NULL;
      const char *rationale = score != NULL ? dlb_score_get_rationale (score) : NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (text, rationale != NULL ? rationale : "") != 0)
        gtk_text_buffer_set_text (buffer, rationale != NULL ? rationale : "", -1);
    }

  for (guint i = 0; i < N_EVIDENCE; i++)
    refresh_evidence (self, &self->evidence[i], score);

  self->updating = FALSE;
}

static void
set_case (DlbScoreEditor *self,
          DlbCase        *kase)
{
  g_assert (self->kase == NULL);

  if (kase == NULL)
    return;

  self->kase = g_object_ref (kase);
  g_signal_connect_object (kase, "changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
}

static gboolean
dlb_score_editor_close_request (GtkWindow *window)
{
  dlb_score_editor_flush (DLB_SCORE_EDITOR (window));

  return GTK_WINDOW_CLASS (dlb_score_editor_parent_class)->close_request (window);
}

static void
dlb_score_editor_constructed (GObject *object)
{
  DlbScoreEditor *self = DLB_SCORE_EDITOR (object);

  G_OBJECT_CLASS (dlb_score_editor_parent_class)->constructed (object);

  refresh (self);
}

static void
dlb_score_editor_dispose (GObject *object)
{
  DlbScoreEditor *self = DLB_SCORE_EDITOR (object);

  g_clear_handle_id (&self->rationale_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_SCORE_EDITOR);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (dlb_score_editor_parent_class)->dispose (object);
}

static void
dlb_score_editor_finalize (GObject *object)
{
  DlbScoreEditor *self = DLB_SCORE_EDITOR (object);

  for (guint i = 0; i < N_EVIDENCE; i++)
    {
      g_clear_pointer (&self->evidence[i].rows, g_ptr_array_unref);
      g_clear_pointer (&self->evidence[i].checks, g_ptr_array_unref);
      g_clear_pointer (&self->evidence[i].key, g_free);
    }
  g_free (self->option_id);
  g_free (self->criterion_id);

  G_OBJECT_CLASS (dlb_score_editor_parent_class)->finalize (object);
}

static void
dlb_score_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlbScoreEditor *self = DLB_SCORE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_OPTION_ID:
      g_value_set_string (value, self->option_id);
      break;
    case PROP_CRITERION_ID:
      g_value_set_string (value, self->criterion_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_score_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlbScoreEditor *self = DLB_SCORE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CASE:
      set_case (self, g_value_get_object (value));
      break;
    case PROP_OPTION_ID:
      self->option_id = g_value_dup_string (value);
      break;
    case PROP_CRITERION_ID:
      self->criterion_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_score_editor_class_init (DlbScoreEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dlb_score_editor_constructed;
  object_class->dispose = dlb_score_editor_dispose;
  object_class->finalize = dlb_score_editor_finalize;
  object_class->get_property = dlb_score_editor_get_property;
  object_class->set_property = dlb_score_editor_set_property;
  window_class->close_request = dlb_score_editor_close_request;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, DLB_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPTION_ID] =
    g_param_spec_string ("option-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CRITERION_ID] =
    g_param_spec_string ("criterion-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-score-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, option_label);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, criterion_label);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, value_spin);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, low_spin);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, high_spin);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, value_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, low_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, high_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, findings_row);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, items_row);
  gtk_widget_class_bind_template_child (widget_class, DlbScoreEditor, sources_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlb_score_editor_init (DlbScoreEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->evidence[EVIDENCE_FINDINGS].kind = DLB_KIND_FINDING;
  self->evidence[EVIDENCE_FINDINGS].field = DLB_SCORE_FINDINGS;
  self->evidence[EVIDENCE_FINDINGS].expander = GTK_WIDGET (self->findings_row);
  self->evidence[EVIDENCE_ITEMS].kind = DLB_KIND_ITEM;
  self->evidence[EVIDENCE_ITEMS].field = DLB_SCORE_ITEMS;
  self->evidence[EVIDENCE_ITEMS].expander = GTK_WIDGET (self->items_row);
  self->evidence[EVIDENCE_SOURCES].kind = DLB_KIND_SOURCE;
  self->evidence[EVIDENCE_SOURCES].field = DLB_SCORE_SOURCES;
  self->evidence[EVIDENCE_SOURCES].expander = GTK_WIDGET (self->sources_row);
  for (guint i = 0; i < N_EVIDENCE; i++)
    {
      self->evidence[i].rows = g_ptr_array_new ();
      self->evidence[i].checks = g_ptr_array_new ();
    }

  gtk_adjustment_configure (self->value_adjustment, 5, 0, 10, 0.5, 1, 0);
  gtk_adjustment_configure (self->low_adjustment, 5, 0, 5, 0.5, 1, 0);
  gtk_adjustment_configure (self->high_adjustment, 5, 5, 10, 0.5, 1, 0);

  g_signal_connect_swapped (self->value_adjustment, "value-changed", G_CALLBACK (value_changed), self);
  g_signal_connect_swapped (self->low_adjustment, "value-changed", G_CALLBACK (low_changed), self);
  g_signal_connect_swapped (self->high_adjustment, "value-changed", G_CALLBACK (high_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->rationale_view), "changed",
                            G_CALLBACK (rationale_changed), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (dlb_score_editor_flush), self);
  gtk_widget_add_controller (GTK_WIDGET (self->rationale_view), focus);
}

DlbScoreEditor *
dlb_score_editor_new (DlbCase    *kase,
                      const char *option_id,
                      const char *criterion_id)
{
  g_return_val_if_fail (DLB_IS_CASE (kase), NULL);
  g_return_val_if_fail (option_id != NULL, NULL);
  g_return_val_if_fail (criterion_id != NULL, NULL);

  return g_object_new (DLB_TYPE_SCORE_EDITOR,
                       "case", kase,
                       "option-id", option_id,
                       "criterion-id", criterion_id,
                       NULL);
}

DlbCase *
dlb_score_editor_get_case (DlbScoreEditor *self)
{
  g_return_val_if_fail (DLB_IS_SCORE_EDITOR (self), NULL);

  return self->kase;
}

const char *
dlb_score_editor_get_option_id (DlbScoreEditor *self)
{
  g_return_val_if_fail (DLB_IS_SCORE_EDITOR (self), NULL);

  return self->option_id;
}

const char *
dlb_score_editor_get_criterion_id (DlbScoreEditor *self)
{
  g_return_val_if_fail (DLB_IS_SCORE_EDITOR (self), NULL);

  return self->criterion_id;
}
