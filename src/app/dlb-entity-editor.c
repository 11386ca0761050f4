/* dlb-entity-editor.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-entity-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-entity-editor.h"
#include "dlb-info-row.h"
#include "dlb-util.h"

/* Edits one entity of a case, one row per field, built from the entity's
 * field table so every kind gets the same behaviour. The rows show the
 * model's values and follow its notifications (an undo, an edit in another
 * view); a change the user makes goes through dlb_case_set_field() and, if
 * the case refuses it, the row shows the model's value again beside a
 * toast that says why. */

typedef struct
{
  DlbEntityEditor *self;
  guint            field;
  GtkWidget       *row;
  GtkWidget       *control;
  GPtrArray       *ids;      /* REF and REF_LIST: the candidates' ids */
  GPtrArray       *checks;   /* REF_LIST: one check button per candidate */
  char            *signature;
  GtkEventController *keys;  /* STRING: Escape */
  GtkEventController *focus; /* STRING: leaving keeps the text */
} FieldRow;

struct _DlbEntityEditor
{
  AdwBin      parent_instance;

  DlbCase    *kase;
  DlbEntity  *entity;
  GPtrArray  *rows;
  gulong      notify_id;
  gulong      changed_id;
  guint       updating;
};

G_DEFINE_FINAL_TYPE (DlbEntityEditor, dlb_entity_editor, ADW_TYPE_BIN)

static void
field_row_free (gpointer data)
{
  FieldRow *fr = data;

  /* A widget may outlive its row (a focused spin button commits its text
   * as it goes); it must not call back into freed memory. */
  if (fr->control != NULL)
    g_signal_handlers_disconnect_by_data (fr->control, fr);
  if (fr->focus != NULL)
    g_signal_handlers_disconnect_by_data (fr->focus, fr);
  if (fr->keys != NULL)
    gtk_widget_remove_controller (fr->row, fr->keys);
  for (guint i = 0; fr->checks != NULL && i < fr->checks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (fr->checks, i), fr);

  g_clear_pointer (&fr->ids, g_ptr_array_unref);
  g_clear_pointer (&fr->checks, g_ptr_array_unref);
  g_free (fr->signature);
  g_free (fr);
}

static const DlbField *
row_field (FieldRow *fr)
{
  return dlb_entity_get_field (fr->self->entity, fr->field);
}

static void refresh_row (FieldRow *fr);

static gboolean
commit (FieldRow     *fr,
        const GValue *value)
{
  DlbEntityEditor *self = fr->self;
  g_autoptr(GError) error = NULL;

  if (self->kase == NULL || self->entity == NULL)
    return FALSE;

  if (!dlb_case_set_field (self->kase, self->entity, fr->field, value, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the name of a field, then why a change was refused */
      message = g_strdup_printf (_("Could not change %s: %s"),
                                 dlb_label_for_field (dlb_entity_get_kind (self->entity),
                                                      row_field (fr)->name),
                                 error->message);
      dlb_show_toast (GTK_WIDGET (self), message);

      /* Show the model's value again, not what was refused. */
      refresh_row (fr);
      return FALSE;
    }

  return TRUE;
}

static const char *
int_subtitle (FieldRow *fr,
              int       value)
{
  DlbKind kind = dlb_entity_get_kind (fr->self->entity);
  const char *name = row_field (fr)->name;

  if (kind == DLB_KIND_FINDING && (g_str_equal (name, "severity") || g_str_equal (name, "likelihood")))
    return dlb_label_for_level (value);
  if (kind == DLB_KIND_STAKEHOLDER && g_str_equal (name, "stance"))
    return dlb_label_for_stance (value);
  if (row_field (fr)->minimum == 1 && row_field (fr)->maximum == 5)
    return _("From 1 (low) to 5 (high)");
  return NULL;
}

/* The candidates a reference can point at, as one string, so the choices
 * are rebuilt only when one is added, removed or renamed. */
static char *
candidates_signature (DlbEntityEditor *self,
                      DlbKind          kind)
{
  GListModel *list = dlb_case_get_list (self->kase, kind);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlbEntity) e = g_list_model_get_item (list, i);

      g_string_append_printf (s, "%s\x1f%s\x1e", dlb_entity_get_id (e), dlb_entity_get_display_name (e));
    }

  return g_string_free (s, FALSE);
}

static void on_check_toggled (GtkCheckButton *check,
                              FieldRow       *fr);
static void on_weight_changed (GtkSpinButton  *spin,
                               FieldRow       *fr);

static void
rebuild_ref_choices (FieldRow *fr)
{
  DlbEntityEditor *self = fr->self;
  const DlbField *field = row_field (fr);
  GListModel *list = dlb_case_get_list (self->kase, field->ref_kind);
  g_autofree char *signature = candidates_signature (self, field->ref_kind);

  if (g_strcmp0 (signature, fr->signature) == 0)
    return;
  g_free (fr->signature);
  fr->signature = g_steal_pointer (&signature);

  g_ptr_array_set_size (fr->ids, 0);

  if (field->type == DLB_FIELD_REF)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

      gtk_string_list_append (names, _("None"));
      g_ptr_array_add (fr->ids, NULL);
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlbEntity) e = g_list_model_get_item (list, i);

          gtk_string_list_append (names, dlb_entity_get_display_name (e));
          g_ptr_array_add (fr->ids, g_strdup (dlb_entity_get_id (e)));
        }
      adw_combo_row_set_model (ADW_COMBO_ROW (fr->control), G_LIST_MODEL (names));
      return;
    }

  for (guint i = 0; i < fr->checks->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (fr->checks, i), fr);
  for (guint i = 0; i < fr->checks->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (fr->control),
                             gtk_widget_get_ancestor (g_ptr_array_index (fr->checks, i),
                                                      GTK_TYPE_LIST_BOX_ROW));
  g_ptr_array_set_size (fr->checks, 0);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlbEntity) e = g_list_model_get_item (list, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dlb_entity_get_display_name (e));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, dlb_entity_get_display_name (e),
                                      -1);
      if (field->type == DLB_FIELD_WEIGHTS)
        {
          /* One weight a criterion, in points as the criteria's own. */
          g_object_unref (g_object_ref_sink (check));
          check = gtk_spin_button_new_with_range (0, 1000, 1);
          gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (check), TRUE);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, dlb_entity_get_display_name (e),
                                          -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_signal_connect (check, "value-changed", G_CALLBACK (on_weight_changed), fr);
        }
      else
        {
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled), fr);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (fr->control), row);

      g_ptr_array_add (fr->ids, g_strdup (dlb_entity_get_id (e)));
      g_ptr_array_add (fr->checks, check);
    }
}

static void
refresh_row (FieldRow *fr)
{
  DlbEntityEditor *self = fr->self;
  DlbEntity *entity = self->entity;
  const DlbField *field = row_field (fr);

  self->updating++;

  switch (field->type)
    {
    case DLB_FIELD_STRING:
      if (field->flags & DLB_FIELD_FLAG_DATE)
        {
          const char *value = dlb_entity_get_string (entity, fr->field);
          g_autofree char *shown = dlb_format_iso_date (value);
          g_autoptr(GDateTime) day = dlb_parse_iso_date (value);
          GtkCalendar *calendar = g_object_get_data (G_OBJECT (fr->control), "calendar");

          adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row),
                                       shown != NULL ? shown
                                       : value != NULL && *value ? value : _("No date"));
          if (day != NULL)
            gtk_calendar_select_day (calendar, day);
          break;
        }
      {
        const char *value = dlb_entity_get_string (entity, fr->field);

        /* The window's Ctrl+Z undoes the case while the text is this. */
        g_object_set_data_full (G_OBJECT (fr->control), "dlb-stored-text", g_strdup (value ? value : ""), g_free);
        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (fr->control)), value ? value : "") != 0)
          {
            /* Turning the apply button off and on forgets that the text
             * was changed, so the model's value does not ask to be applied. */
            adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->control), FALSE);
            gtk_editable_set_text (GTK_EDITABLE (fr->control), value ? value : "");
            adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->control), TRUE);
          }
      }
      break;

    case DLB_FIELD_TEXT:
      {
        const char *value = dlb_entity_get_string (entity, fr->field);

        dlb_info_row_set_subtitle (DLB_INFO_ROW (fr->row), value != NULL && *value ? value : "—");
      }
      break;

    case DLB_FIELD_INT:
      {
        int value = dlb_entity_get_int (entity, fr->field);

        gtk_spin_button_set_value (GTK_SPIN_BUTTON (fr->control), value);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), int_subtitle (fr, value) ?: "");
      }
      break;

    case DLB_FIELD_DOUBLE:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (fr->control), dlb_entity_get_double (entity, fr->field));
      break;

    case DLB_FIELD_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (fr->control), dlb_entity_get_boolean (entity, fr->field));
      break;

    case DLB_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->enum_type ());
        int value = dlb_entity_get_enum (entity, fr->field);

        for (guint i = 0; i < enum_class->n_values; i++)
          if (enum_class->values[i].value == value)
            adw_combo_row_set_selected (ADW_COMBO_ROW (fr->control), i);
      }
      break;

    case DLB_FIELD_REF:
      {
        const char *value = dlb_entity_get_string (entity, fr->field);
        guint selected = 0;

        rebuild_ref_choices (fr);
        for (guint i = 1; i < fr->ids->len; i++)
          if (g_strcmp0 (g_ptr_array_index (fr->ids, i), value) == 0)
            selected = i;
        adw_combo_row_set_selected (ADW_COMBO_ROW (fr->control), selected);
      }
      break;

    case DLB_FIELD_REF_LIST:
      {
        const char * const *value = dlb_entity_get_strv (entity, fr->field);
        guint n_checked = 0;
        g_autofree char *subtitle = NULL;

        rebuild_ref_choices (fr);
        for (guint i = 0; i < fr->checks->len; i++)
          {
            gboolean on = value != NULL && g_strv_contains (value, g_ptr_array_index (fr->ids, i));

            gtk_check_button_set_active (g_ptr_array_index (fr->checks, i), on);
            n_checked += on ? 1 : 0;
          }

        if (fr->checks->len == 0)
          subtitle = g_strdup (_("The case has none to choose from"));
        else if (n_checked == 0)
          subtitle = g_strdup (_("None selected"));
        else
          /* Translators: how many of a list (e.g. sources) are chosen */
          subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n_checked),
                                      n_checked);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fr->control), subtitle);
      }
      break;

    case DLB_FIELD_WEIGHTS:
      {
        GVariant *weights = dlb_entity_get_variant (entity, fr->field);
        double total = 0;
        g_autofree char *subtitle = NULL;

        rebuild_ref_choices (fr);
        for (guint i = 0; i < fr->checks->len; i++)
          {
            double w = 0;

            if (weights != NULL)
              g_variant_lookup (weights, g_ptr_array_index (fr->ids, i), "d", &w);
            gtk_spin_button_set_value (g_ptr_array_index (fr->checks, i), w);
            total += w;
          }

        if (fr->checks->len == 0)
          subtitle = g_strdup (_("The case has no criteria yet"));
        else
          /* Translators: the sum of a perspective's weights, in points */
          subtitle = g_strdup_printf (_("%.0f points in all"), total);
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (fr->control), subtitle);
      }
      break;

    case DLB_FIELD_PAIRS:
    default:
      break;
    }

  self->updating--;
}

static gboolean
apply_entry (FieldRow *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (GTK_EDITABLE (fr->control)));
  return commit (fr, &value);
}

/* Escape gives back the stored text; with nothing typed it goes on to
 * close what the editor is in. */
static gboolean
on_entry_escape (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  FieldRow *fr = user_data;
  const char *stored = dlb_entity_get_string (fr->self->entity, fr->field);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (fr->control)), stored ? stored : "") == 0)
    return FALSE;

  refresh_row (fr);
  return TRUE;
}

/* Leaving a field keeps what was typed: the field never shows text the
 * case does not hold. */
static void
on_entry_leave (GtkEventControllerFocus *focus,
                FieldRow                *fr)
{
  const char *stored;

  if (fr->self->updating || fr->self->entity == NULL || fr->self->kase == NULL)
    return;
  stored = dlb_entity_get_string (fr->self->entity, fr->field);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (fr->control)), stored ? stored : "") == 0)
    return;
  if (dlb_case_get_read_only (fr->self->kase))
    {
      refresh_row (fr);
      return;
    }
  apply_entry (fr);
}

static void
on_entry_apply (AdwEntryRow *row,
                FieldRow    *fr)
{
  if (fr->self->updating)
    return;

  apply_entry (fr);
}

typedef struct
{
  DlbCase   *kase;
  DlbEntity *entity;
  guint      field;
  GtkWidget *view;
  GtkWidget *editor;  /* weak: the toast goes to its window */
} TextEdit;

static void
text_edit_free (gpointer data)
{
  TextEdit *edit = data;

  g_clear_object (&edit->kase);
  g_clear_object (&edit->entity);
  g_clear_weak_pointer (&edit->editor);
  g_free (edit);
}

static void
on_text_save (GtkWidget *button,
              GtkWindow *window)
{
  TextEdit *edit = g_object_get_data (G_OBJECT (window), "edit");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (edit->view));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  if (!dlb_case_set_field (edit->kase, edit->entity, edit->field, &value, &error))
    {
      /* Keep the window and the text: the user can fix what was refused. */
      dlb_show_toast (GTK_WIDGET (window), error->message);
      return;
    }

  gtk_window_destroy (window);
}

static void
on_text_cancel (GtkWidget *button,
                GtkWindow *window)
{
  gtk_window_destroy (window);
}

static gboolean
activate_button (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  gtk_widget_activate (GTK_WIDGET (user_data));
  return TRUE;
}

static void
on_text_row_activated (DlbInfoRow *row,
                       FieldRow   *fr)
{
  DlbEntityEditor *self = fr->self;
  const char *label = dlb_label_for_field (dlb_entity_get_kind (self->entity), row_field (fr)->name);
  const char *value = dlb_entity_get_string (self->entity, fr->field);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (label, dlb_entity_get_display_name (self->entity));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  TextEdit *edit = g_new0 (TextEdit, 1);

  edit->kase = g_object_ref (self->kase);
  edit->entity = g_object_ref (self->entity);
  edit->field = fr->field;
  g_set_weak_pointer (&edit->editor, GTK_WIDGET (self));

  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_title (GTK_WINDOW (window), label);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 420);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_widget_add_css_class (save, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  edit->view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (edit->view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (edit->view), FALSE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (edit->view), 18);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (edit->view), 18);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (edit->view), 18);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (edit->view), 18);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (edit->view)), value ? value : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit->view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), edit->view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (window), overlay);

  /* Ctrl+Enter saves, Escape leaves the text as it was. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return"),
                                                          gtk_callback_action_new (activate_button, save, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape"),
                                                          gtk_callback_action_new (activate_button, cancel, NULL)));
  /* Before the text view, which would take Ctrl+Enter as a new line. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (window, shortcuts);

  g_object_set_data_full (G_OBJECT (window), "edit", edit, text_edit_free);
  g_signal_connect (save, "clicked", G_CALLBACK (on_text_save), window);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_text_cancel), window);

  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (edit->view);
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       FieldRow      *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->self->updating)
    return;

  if (row_field (fr)->type == DLB_FIELD_INT)
    {
      g_value_init (&value, G_TYPE_INT);
      g_value_set_int (&value, gtk_spin_button_get_value_as_int (spin));
    }
  else
    {
      g_value_init (&value, G_TYPE_DOUBLE);
      g_value_set_double (&value, gtk_spin_button_get_value (spin));
    }
  commit (fr, &value);
}

static void
on_switch_active (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  FieldRow   *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->self->updating)
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, gtk_switch_get_active (sw));
  commit (fr, &value);
}

static void
on_combo_selected (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   FieldRow    *fr)
{
  const DlbField *field = row_field (fr);
  g_auto(GValue) value = G_VALUE_INIT;
  guint selected = adw_combo_row_get_selected (combo);

  if (fr->self->updating || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (field->type == DLB_FIELD_ENUM)
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->enum_type ());

      if (selected >= enum_class->n_values)
        return;
      g_value_init (&value, field->enum_type ());
      g_value_set_enum (&value, enum_class->values[selected].value);
    }
  else
    {
      if (selected >= fr->ids->len)
        return;
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, g_ptr_array_index (fr->ids, selected));
    }

  commit (fr, &value);
}

static void
on_check_toggled (GtkCheckButton *check,
                  FieldRow       *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GStrvBuilder) builder = NULL;

  if (fr->self->updating)
    return;

  /* The chosen ids in the order of the case's list, so the same choice is
   * always stored the same way. */
  builder = g_strv_builder_new ();
  for (guint i = 0; i < fr->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (fr->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (fr->ids, i));

  g_value_init (&value, G_TYPE_STRV);
  g_value_take_boxed (&value, g_strv_builder_end (builder));
  commit (fr, &value);
}

static void
on_weight_changed (GtkSpinButton *spin,
                   FieldRow      *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sd}"));

  if (fr->self->updating)
    return;

  for (guint i = 0; i < fr->checks->len; i++)
    g_variant_builder_add (&builder, "{sd}", (const char *) g_ptr_array_index (fr->ids, i),
                           gtk_spin_button_get_value (g_ptr_array_index (fr->checks, i)));

  g_value_init (&value, G_TYPE_VARIANT);
  g_value_set_variant (&value, g_variant_builder_end (&builder));
  commit (fr, &value);
}

static void
on_day_selected (GtkCalendar *calendar,
                 FieldRow    *fr)
{
  g_autoptr(GDateTime) day = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (fr->self->updating)
    return;

  day = gtk_calendar_get_date (calendar);
  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, g_date_time_format (day, "%Y-%m-%d"));
  commit (fr, &value);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (fr->control));
}

static void
on_date_clear (GtkButton *button,
               FieldRow  *fr)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "");
  commit (fr, &value);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (fr->control));
}

/* A day: the row says it in words, a calendar in a popover chooses it. */
static void
build_date_row (FieldRow   *fr,
                const char *label)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *clear = gtk_button_new_with_mnemonic (_("_No Date"));

  fr->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
  /* Read as the fields around it: the label small, the day as text. */
  gtk_widget_add_css_class (fr->row, "text-field-row");
  fr->control = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (fr->control), "x-office-calendar-symbolic");
  gtk_widget_set_valign (fr->control, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (fr->control, "flat");
  gtk_widget_set_tooltip_text (fr->control, _("Choose a Day"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (fr->control), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  gtk_box_append (GTK_BOX (box), calendar);
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (fr->control), popover);
  g_object_set_data (G_OBJECT (fr->control), "calendar", calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected), fr);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_date_clear), fr);

  adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->control);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->control);
}

static GtkWidget *
build_row (DlbEntityEditor *self,
           FieldRow        *fr)
{
  const DlbField *field = row_field (fr);
  const char *label = dlb_label_for_field (dlb_entity_get_kind (self->entity), field->name);

  switch (field->type)
    {
    case DLB_FIELD_STRING:
      if (field->flags & DLB_FIELD_FLAG_DATE)
        {
          build_date_row (fr, label);
          break;
        }
      fr->row = fr->control = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (fr->row), TRUE);
      g_signal_connect (fr->row, "apply", G_CALLBACK (on_entry_apply), fr);
      {
        GtkEventController *keys = gtk_shortcut_controller_new ();
        GtkEventController *focus = gtk_event_controller_focus_new ();

        gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                              gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                                gtk_callback_action_new (on_entry_escape, fr, NULL)));
        gtk_widget_add_controller (fr->row, keys);
        g_signal_connect (focus, "leave", G_CALLBACK (on_entry_leave), fr);
        gtk_widget_add_controller (fr->row, focus);
        fr->keys = keys;
        fr->focus = focus;
      }
      break;

    case DLB_FIELD_TEXT:
      {
        GtkWidget *icon = gtk_image_new_from_icon_name ("document-edit-symbolic");

        /* Paragraphs read in the row and are edited in a window of their
         * own: the row stays a label that wraps at any width, in an info
         * row, which lays a long paragraph out once for its width. */
        fr->row = fr->control = dlb_info_row_new (label, NULL);
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (fr->row), TRUE);
        gtk_widget_add_css_class (fr->row, "text-field-row");
        gtk_widget_set_tooltip_text (icon, _("Edit"));
        dlb_info_row_add_suffix (DLB_INFO_ROW (fr->row), icon);
        g_signal_connect (fr->row, "activated", G_CALLBACK (on_text_row_activated), fr);
      }
      break;

    case DLB_FIELD_INT:
    case DLB_FIELD_DOUBLE:
      {
        gboolean is_int = field->type == DLB_FIELD_INT;
        double max = field->maximum > field->minimum ? field->maximum : G_MAXINT;

        fr->row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
        fr->control = gtk_spin_button_new_with_range (field->minimum, max, is_int ? 1 : 0.5);
        gtk_spin_button_set_digits (GTK_SPIN_BUTTON (fr->control), is_int ? 0 : 1);
        gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (fr->control), TRUE);
        gtk_widget_set_valign (fr->control, GTK_ALIGN_CENTER);
        gtk_accessible_update_property (GTK_ACCESSIBLE (fr->control),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
        adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->control);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->control);
        g_signal_connect (fr->control, "value-changed", G_CALLBACK (on_spin_value_changed), fr);
      }
      break;

    case DLB_FIELD_BOOLEAN:
      fr->row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
      fr->control = gtk_switch_new ();
      gtk_widget_set_valign (fr->control, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->control),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (fr->row), fr->control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (fr->row), fr->control);
      g_signal_connect (fr->control, "notify::active", G_CALLBACK (on_switch_active), fr);
      break;

    case DLB_FIELD_ENUM:
      {
        g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->enum_type ());
        g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

        for (guint i = 0; i < enum_class->n_values; i++)
          gtk_string_list_append (names, dlb_label_for_enum_value (field->enum_type (),
                                                                   enum_class->values[i].value));
        fr->row = fr->control = adw_combo_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
        adw_combo_row_set_model (ADW_COMBO_ROW (fr->row), G_LIST_MODEL (names));
        dlb_name_choices (fr->row);
        g_signal_connect (fr->row, "notify::selected", G_CALLBACK (on_combo_selected), fr);
      }
      break;

    case DLB_FIELD_REF:
      fr->ids = g_ptr_array_new_with_free_func (g_free);
      fr->row = fr->control = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
      dlb_name_choices (fr->row);
      g_signal_connect (fr->row, "notify::selected", G_CALLBACK (on_combo_selected), fr);
      break;

    case DLB_FIELD_REF_LIST:
    case DLB_FIELD_WEIGHTS:
      fr->ids = g_ptr_array_new_with_free_func (g_free);
      fr->checks = g_ptr_array_new ();
      fr->row = fr->control = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), label);
      /* libadwaita 1.2 names the header inside, not the row a screen
       * reader lists. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (fr->row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      break;

    case DLB_FIELD_PAIRS:
    default:
      return NULL;
    }

  return fr->row;
}

static FieldRow *
find_row (DlbEntityEditor *self,
          guint            field)
{
  if (self->rows == NULL)
    return NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);

      if (fr->field == field)
        return fr;
    }

  return NULL;
}

static void
on_entity_notify (DlbEntityEditor *self,
                  GParamSpec      *pspec,
                  DlbEntity       *entity)
{
  int field = dlb_entity_find_field (entity, pspec->name);
  FieldRow *fr = field > 0 ? find_row (self, field) : NULL;

  if (fr != NULL)
    refresh_row (fr);
}

static void
on_case_changed (DlbEntityEditor *self,
                 DlbCase         *kase)
{
  /* A source or criterion may have been added, removed or renamed. */
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);
      DlbFieldType type = row_field (fr)->type;

      if (type == DLB_FIELD_REF || type == DLB_FIELD_REF_LIST || type == DLB_FIELD_WEIGHTS)
        refresh_row (fr);
    }
}

/* Text typed but not yet applied belongs to the entity it was typed for:
 * keep it rather than lose it when the editor moves on. */
static void
flush_pending (DlbEntityEditor *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (self->rows == NULL || self->entity == NULL || self->kase == NULL)
    return;
  if (dlb_case_get_read_only (self->kase)
      || dlb_case_lookup (self->kase, dlb_entity_get_id (self->entity)) != self->entity)
    return;

  pending = g_ptr_array_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *fr = g_ptr_array_index (self->rows, i);
      DlbFieldType type = row_field (fr)->type;

      if (type == DLB_FIELD_STRING && GTK_IS_EDITABLE (fr->control)
          && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (fr->control)),
                        dlb_entity_get_string (self->entity, fr->field) ?: "") != 0)
        g_ptr_array_add (pending, fr);
    }
  if (pending->len == 0)
    return;

  /* Saving what was typed in several rows is one edit, and one Undo. */
  if (!dlb_case_begin_group (self->kase, _("Edit details"), &error))
    {
      dlb_show_toast (GTK_WIDGET (self), error->message);
      return;
    }

  for (guint i = 0; ok && i < pending->len; i++)
    ok = apply_entry (g_ptr_array_index (pending, i));

  /* commit() has said why a row was refused. */
  if (!ok)
    dlb_case_cancel_group (self->kase);
  else if (!dlb_case_commit_group (self->kase, &error))
    dlb_show_toast (GTK_WIDGET (self), error->message);
}

static void
clear_entity (DlbEntityEditor *self)
{
  flush_pending (self);

  if (self->entity != NULL)
    g_clear_signal_handler (&self->notify_id, self->entity);
  if (self->kase != NULL)
    g_clear_signal_handler (&self->changed_id, self->kase);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->entity);
  g_clear_object (&self->kase);
}

static void
dlb_entity_editor_dispose (GObject *object)
{
  DlbEntityEditor *self = DLB_ENTITY_EDITOR (object);

  clear_entity (self);

  G_OBJECT_CLASS (dlb_entity_editor_parent_class)->dispose (object);
}

static void
dlb_entity_editor_class_init (DlbEntityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlb_entity_editor_dispose;
}

static void
dlb_entity_editor_init (DlbEntityEditor *self)
{
}

GtkWidget *
dlb_entity_editor_new (void)
{
  return g_object_new (DLB_TYPE_ENTITY_EDITOR, NULL);
}

void
dlb_entity_editor_set_entity (DlbEntityEditor *self,
                              DlbCase         *kase,
                              DlbEntity       *entity)
{
  GtkWidget *group;

  g_return_if_fail (DLB_IS_ENTITY_EDITOR (self));
  g_return_if_fail (kase == NULL || DLB_IS_CASE (kase));
  g_return_if_fail (entity == NULL || DLB_IS_ENTITY (entity));
  g_return_if_fail ((kase == NULL) == (entity == NULL));

  if (self->entity == entity && self->kase == kase)
    return;

  clear_entity (self);
  if (entity == NULL)
    return;

  self->kase = g_object_ref (kase);
  self->entity = g_object_ref (entity);
  self->rows = g_ptr_array_new_with_free_func (field_row_free);

  group = adw_preferences_group_new ();
  for (guint f = 1; f < dlb_entity_get_n_fields (entity); f++)
    {
      const DlbField *field = dlb_entity_get_field (entity, f);
      FieldRow *fr;

      if (field->flags & DLB_FIELD_FLAG_INTERNAL)
        continue;

      fr = g_new0 (FieldRow, 1);
      fr->self = self;
      fr->field = f;
      if (build_row (self, fr) == NULL)
        {
          field_row_free (fr);
          continue;
        }

      g_ptr_array_add (self->rows, fr);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), fr->row);
      refresh_row (fr);
    }

  adw_bin_set_child (ADW_BIN (self), group);

  self->notify_id = g_signal_connect_object (entity, "notify", G_CALLBACK (on_entity_notify),
                                             self, G_CONNECT_SWAPPED);
  self->changed_id = g_signal_connect_object (kase, "changed", G_CALLBACK (on_case_changed),
                                              self, G_CONNECT_SWAPPED);
}

DlbEntity *
dlb_entity_editor_get_entity (DlbEntityEditor *self)
{
  g_return_val_if_fail (DLB_IS_ENTITY_EDITOR (self), NULL);

  return self->entity;
}

/* The widget that edits a field, for tests and for moving the focus. */
GtkWidget *
dlb_entity_editor_get_control (DlbEntityEditor *self,
                               guint            field)
{
  FieldRow *fr;

  g_return_val_if_fail (DLB_IS_ENTITY_EDITOR (self), NULL);

  fr = find_row (self, field);
  return fr != NULL ? fr->control : NULL;
}

/**
 * dlb_entity_editor_window_new:
 * @for_widget: the widget whose window the editor belongs to
 * @kase: the case
 * @entity: what to edit: an entity of @kase, or the case itself
 * @title: the window's title
 * @header: (out) (optional): the window's header bar, to add buttons to
 *
 * A small modal window holding an editor of @entity; Escape closes it.
 * The editor is the window's "editor" data.
 *
 * Returns: (transfer none): the window, not yet shown
 */
GtkWindow *
dlb_entity_editor_window_new (GtkWidget     *for_widget,
                              DlbCase       *kase,
                              DlbEntity     *entity,
                              const char    *title,
                              AdwHeaderBar **header)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *bar = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *editor = dlb_entity_editor_new ();
  GtkRoot *root = gtk_widget_get_root (for_widget);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_return_val_if_fail (DLB_IS_CASE (kase), NULL);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), NULL);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 640);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  gtk_box_append (GTK_BOX (box), bar);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_set_margin_top (editor, 18);
  gtk_widget_set_margin_bottom (editor, 18);
  gtk_widget_set_margin_start (editor, 12);
  gtk_widget_set_margin_end (editor, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), editor);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  adw_window_set_content (ADW_WINDOW (window), overlay);

  dlb_entity_editor_set_entity (DLB_ENTITY_EDITOR (editor), kase, entity);
  g_object_set_data (G_OBJECT (window), "editor", editor);
  g_object_set_data_full (G_OBJECT (window), "case", g_object_ref (kase), g_object_unref);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Escape"),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  if (header != NULL)
    *header = ADW_HEADER_BAR (bar);

  return GTK_WINDOW (window);
}
