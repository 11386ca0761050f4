/* dlb-matrix-page-actions.c
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

/* Controls */

void
_dlb_matrix_page_method_selected (DlbMatrixPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GValue) v = G_VALUE_INIT;
  guint selected = gtk_drop_down_get_selected (self->method_dropdown);

  if (self->updating || dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  _dlb_matrix_page_commit_weights (self);

  /* A ranking or pairwise comparisons give new weights: the dialog shows
   * them first, and the case changes only when the user applies them. */
  if ((selected == DLB_WEIGHTING_RANKING || selected == DLB_WEIGHTING_AHP)
      && selected != (guint) dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self))))
    {
      gboolean was_updating = self->updating;

      self->updating = TRUE;
      gtk_drop_down_set_selected (self->method_dropdown,
                                  dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self))));
      self->updating = was_updating;
      dlb_matrix_page_edit_weights (self, selected == DLB_WEIGHTING_AHP ? DLB_WEIGHTS_DIALOG_AHP
                                                                        : DLB_WEIGHTS_DIALOG_RANKING);
      return;
    }

  g_value_init (&v, DLB_TYPE_WEIGHTING);
  g_value_set_enum (&v, (int) selected);
  if (!dlb_case_set_field (dlb_case_page_get_case (DLB_CASE_PAGE (self)), DLB_ENTITY (dlb_case_page_get_case (DLB_CASE_PAGE (self))), DLB_CASE_WEIGHTING, &v, &error))
    {
      _dlb_matrix_page_show_error (self, error);
      _dlb_matrix_page_analyze (self);
    }
}

void
_dlb_matrix_page_perspective_selected (DlbMatrixPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->perspective_dropdown);

  if (self->updating)
    return;

  dlb_matrix_page_set_perspective (self,
                                   selected >= 1 && selected - 1 < self->perspective_ids->len
                                   ? g_ptr_array_index (self->perspective_ids, selected - 1) : NULL);
}

void
_dlb_matrix_page_criterion_selected (DlbMatrixPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->criterion_dropdown);
  GListModel *criteria;
  g_autoptr(DlbEntity) criterion = NULL;

  if (self->updating || dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return;

  criteria = dlb_case_get_criteria (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  if (selected >= g_list_model_get_n_items (criteria))
    return;
  criterion = g_list_model_get_item (criteria, selected);
  dlb_matrix_page_select_criterion (self, dlb_entity_get_id (criterion));
}

void
_dlb_matrix_page_on_method_button_clicked (DlbMatrixPage *self)
{
  dlb_matrix_page_edit_weights (self, dlb_case_get_weighting (dlb_case_page_get_case (DLB_CASE_PAGE (self))) == DLB_WEIGHTING_AHP
                                      ? DLB_WEIGHTS_DIALOG_AHP : DLB_WEIGHTS_DIALOG_RANKING);
}

static void
present_transient (DlbMatrixPage *self,
                   GtkWindow     *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
}

DlbScoreEditor *
dlb_matrix_page_edit_score (DlbMatrixPage *self,
                            const char    *option_id,
                            const char    *criterion_id)
{
  DlbScoreEditor *editor;

  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);
  g_return_val_if_fail (option_id != NULL && criterion_id != NULL, NULL);

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return NULL;

  /* One score editor at a time: another cell replaces it. */
  if (self->editor != NULL)
    {
      editor = DLB_SCORE_EDITOR (self->editor);
      if (g_strcmp0 (dlb_score_editor_get_option_id (editor), option_id) == 0
          && g_strcmp0 (dlb_score_editor_get_criterion_id (editor), criterion_id) == 0)
        {
          gtk_window_present (self->editor);
          return editor;
        }
      gtk_window_close (self->editor);
    }

  editor = dlb_score_editor_new (dlb_case_page_get_case (DLB_CASE_PAGE (self)), option_id, criterion_id);
  g_set_weak_pointer (&self->editor, GTK_WINDOW (editor));
  present_transient (self, GTK_WINDOW (editor));
  return editor;
}

DlbWeightsDialog *
dlb_matrix_page_edit_weights (DlbMatrixPage        *self,
                              DlbWeightsDialogMode  mode)
{
  DlbWeightsDialog *dialog;

  g_return_val_if_fail (DLB_IS_MATRIX_PAGE (self), NULL);

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return NULL;

  _dlb_matrix_page_commit_weights (self);
  dialog = dlb_weights_dialog_new (dlb_case_page_get_case (DLB_CASE_PAGE (self)), mode);
  present_transient (self, GTK_WINDOW (dialog));
  return dialog;
}

/* Options and criteria: a small dialog for the name, the description and
 * what the page itself does not show (a criterion's gate, the findings a
 * conditional option resolves). Every change goes to the case at once;
 * text is written when typing pauses and when the dialog closes. */

#define TEXT_DELAY_MS 700

typedef struct
{
  DlbCase       *kase;
  DlbEntity     *entity;
  GtkWindow     *window;
  AdwEntryRow   *name_row;
  GtkTextBuffer *description;
  GtkWidget     *gate_switch;
  GtkWidget     *minimum_spin;
  GPtrArray     *resolves_checks;
  guint          text_timeout;
  gboolean       description_dirty;
  gboolean       updating;
} EntityDialog;

static void
entity_dialog_error (EntityDialog *dialog,
                     const GError *error)
{
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (dialog->window,
                                                                          _("Could Not Change It"),
                                                                          error->message));

  adw_message_dialog_add_response (message, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (message));
}

static gboolean
entity_dialog_alive (EntityDialog *dialog)
{
  return dlb_case_lookup (dialog->kase, dlb_entity_get_id (dialog->entity)) == dialog->entity;
}

static void
entity_dialog_set (EntityDialog *dialog,
                   guint         field,
                   const GValue *value)
{
  g_autoptr(GError) error = NULL;

  if (!entity_dialog_alive (dialog) || dlb_entity_value_equal (dialog->entity, field, value))
    return;
  if (!dlb_case_set_field (dialog->kase, dialog->entity, field, value, &error))
    entity_dialog_error (dialog, error);
}

static void
entity_dialog_flush (EntityDialog *dialog)
{
  g_auto(GValue) v = G_VALUE_INIT;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  g_clear_handle_id (&dialog->text_timeout, g_source_remove);
  if (!dialog->description_dirty)
    return;
  dialog->description_dirty = FALSE;

  gtk_text_buffer_get_bounds (dialog->description, &start, &end);
  text = gtk_text_buffer_get_text (dialog->description, &start, &end, FALSE);
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, *text != '\0' ? text : NULL);
  entity_dialog_set (dialog, FIELD_DESCRIPTION, &v);
}

static gboolean
entity_dialog_text_timeout (gpointer data)
{
  EntityDialog *dialog = data;

  dialog->text_timeout = 0;
  entity_dialog_flush (dialog);
  return G_SOURCE_REMOVE;
}

static void
description_changed (EntityDialog *dialog)
{
  if (dialog->updating)
    return;
  dialog->description_dirty = TRUE;
  g_clear_handle_id (&dialog->text_timeout, g_source_remove);
  dialog->text_timeout = g_timeout_add (TEXT_DELAY_MS, entity_dialog_text_timeout, dialog);
}

static void
name_applied (EntityDialog *dialog)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)));
  entity_dialog_set (dialog, FIELD_NAME, &v);
}

static void
gate_changed (EntityDialog *dialog)
{
  g_auto(GValue) v = G_VALUE_INIT;
  gboolean on = gtk_switch_get_active (GTK_SWITCH (dialog->gate_switch));

  if (dialog->updating)
    return;
  gtk_widget_set_sensitive (dialog->minimum_spin, on);
  g_value_init (&v, G_TYPE_DOUBLE);
  /* The field's minimum, -1, stands for "no gate". */
  g_value_set_double (&v, on ? gtk_spin_button_get_value (GTK_SPIN_BUTTON (dialog->minimum_spin)) : -1);
  entity_dialog_set (dialog, DLB_CRITERION_MINIMUM, &v);
}

static void
resolves_toggled (EntityDialog *dialog)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GValue) v = G_VALUE_INIT;

  if (dialog->updating)
    return;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < dialog->resolves_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (dialog->resolves_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "finding-id"));
    }
  ids = g_strv_builder_end (builder);
  g_value_init (&v, G_TYPE_STRV);
  g_value_set_boxed (&v, ids);
  entity_dialog_set (dialog, DLB_OPTION_RESOLVES, &v);
}

static void
entity_dialog_refresh (EntityDialog *dialog)
{
  const char *description;

  /* Removed (here, by undo, or with what it depended on): nothing to edit. */
  if (!entity_dialog_alive (dialog))
    {
      dialog->description_dirty = FALSE;
      gtk_window_close (dialog->window);
      return;
    }

  dialog->updating = TRUE;
  if (!gtk_widget_has_focus (GTK_WIDGET (dialog->name_row))
      && gtk_widget_get_focus_child (GTK_WIDGET (dialog->name_row)) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (dialog->name_row), dlb_entity_get_string (dialog->entity, FIELD_NAME));

  description = dlb_entity_get_string (dialog->entity, FIELD_DESCRIPTION);
  if (!dialog->description_dirty)
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (dialog->description, &start, &end);
      text = gtk_text_buffer_get_text (dialog->description, &start, &end, FALSE);
      if (g_strcmp0 (text, description != NULL ? description : "") != 0)
        gtk_text_buffer_set_text (dialog->description, description != NULL ? description : "", -1);
    }

  if (DLB_IS_CRITERION (dialog->entity))
    {
      DlbCriterion *criterion = DLB_CRITERION (dialog->entity);
      gboolean gated = dlb_criterion_has_minimum (criterion);

      gtk_switch_set_active (GTK_SWITCH (dialog->gate_switch), gated);
      gtk_widget_set_sensitive (dialog->minimum_spin, gated);
      if (gated)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog->minimum_spin), dlb_criterion_get_minimum (criterion));
    }
  else
    {
      const char * const *resolves = dlb_option_get_resolves (DLB_OPTION (dialog->entity));

      for (guint i = 0; i < dialog->resolves_checks->len; i++)
        {
          GtkCheckButton *check = g_ptr_array_index (dialog->resolves_checks, i);
          const char *id = g_object_get_data (G_OBJECT (check), "finding-id");

          gtk_check_button_set_active (check, resolves != NULL && g_strv_contains (resolves, id));
        }
    }
  dialog->updating = FALSE;
}

static void
entity_dialog_free (gpointer data)
{
  EntityDialog *dialog = data;

  g_clear_handle_id (&dialog->text_timeout, g_source_remove);
  g_signal_handlers_disconnect_by_data (dialog->kase, dialog);
  g_object_unref (dialog->kase);
  g_object_unref (dialog->entity);
  g_clear_pointer (&dialog->resolves_checks, g_ptr_array_unref);
  g_free (dialog);
}

static gboolean
entity_dialog_close_request (GtkWindow    *window,
                             EntityDialog *dialog)
{
  gboolean grouped = dlb_case_begin_group (dialog->kase, _("Edit details"), NULL);

  /* The description and a name typed but not applied (unless it was
   * emptied) are kept, as one edit. */
  entity_dialog_flush (dialog);
  if (entity_dialog_alive (dialog) && *gtk_editable_get_text (GTK_EDITABLE (dialog->name_row)) != '\0')
    name_applied (dialog);
  /* A part that failed has said so already; the whole edit is then
   * abandoned. */
  if (grouped)
    dlb_case_commit_group (dialog->kase, NULL);
  return FALSE;
}

static void
remove_response (AdwMessageDialog *message,
                 const char       *response,
                 EntityDialog     *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  dialog->description_dirty = FALSE;
  if (!dlb_case_remove (dialog->kase, dialog->entity, &error))
    entity_dialog_error (dialog, error);
}

static void
remove_clicked (GtkButton    *button,
                EntityDialog *dialog)
{
  gboolean option = dlb_entity_get_kind (dialog->entity) == DLB_KIND_OPTION;
  g_autofree char *heading = NULL;
  AdwMessageDialog *message;

  /* Translators: %s is an option's or a criterion's name */
  heading = g_strdup_printf (option ? _("Remove Option “%s”?") : _("Remove Criterion “%s”?"),
                             dlb_entity_get_display_name (dialog->entity));
  message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (dialog->window, heading,
                                                        option ? _("Its scores are removed with it. "
                                                                   "Undo brings them back.")
                                                               : _("Its scores are removed with it and the "
                                                                   "options are no longer compared on it. "
                                                                   "Undo brings them back.")));
  adw_message_dialog_add_responses (message, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (message, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (message, "cancel");
  adw_message_dialog_set_close_response (message, "cancel");
  g_signal_connect (message, "response", G_CALLBACK (remove_response), dialog);
  gtk_window_present (GTK_WINDOW (message));
}

static GtkWidget *
entity_dialog_criterion_group (EntityDialog *dialog)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *gate_row = adw_action_row_new ();
  GtkWidget *minimum_row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Gate"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("An option scoring below the minimum on this criterion is "
                                           "ruled out, whatever its total."));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (gate_row), _("_Minimum acceptable score"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (gate_row), TRUE);
  dialog->gate_switch = gtk_switch_new ();
  gtk_widget_set_valign (dialog->gate_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->gate_switch), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minimum acceptable score"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (gate_row), dialog->gate_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (gate_row), dialog->gate_switch);
  g_signal_connect_swapped (dialog->gate_switch, "notify::active", G_CALLBACK (gate_changed), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), gate_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (minimum_row), _("Minimum"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (minimum_row), _("On the 0–10 scale of the scores"));
  dialog->minimum_spin = gtk_spin_button_new_with_range (0, 10, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (dialog->minimum_spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog->minimum_spin), 3);
  gtk_widget_set_valign (dialog->minimum_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->minimum_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Minimum"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (minimum_row), dialog->minimum_spin);
  g_signal_connect_swapped (dialog->minimum_spin, "value-changed", G_CALLBACK (gate_changed), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), minimum_row);

  return group;
}

static GtkWidget *
entity_dialog_option_group (EntityDialog *dialog)
{
  GtkWidget *group = adw_preferences_group_new ();
  GListModel *findings = dlb_case_get_findings (dialog->kase);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Resolves"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("For a conditional option: the privacy findings its conditions "
                                           "resolve. The memo lists them as what the option requires."));
  dialog->resolves_checks = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DlbEntity) finding = g_list_model_get_item (findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dlb_entity_get_display_name (finding));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dlb_entity_get_display_name (finding), -1);
      g_object_set_data_full (G_OBJECT (check), "finding-id", g_strdup (dlb_entity_get_id (finding)), g_free);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (resolves_toggled), dialog);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (dialog->resolves_checks, check);
    }
  if (dialog->resolves_checks->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("The case has no privacy findings for a condition to resolve."));
  return group;
}

static GtkWindow *
open_entity_dialog (DlbMatrixPage *self,
                    DlbEntity     *entity)
{
  EntityDialog *dialog = g_new0 (EntityDialog, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove…"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *main_group = adw_preferences_group_new ();
  GtkWidget *description_group = adw_preferences_group_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *text = gtk_text_view_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  gboolean option = dlb_entity_get_kind (entity) == DLB_KIND_OPTION;
  gboolean read_only = _dlb_matrix_page_is_read_only (self);

  dialog->kase = g_object_ref (dlb_case_page_get_case (DLB_CASE_PAGE (self)));
  dialog->entity = g_object_ref (entity);
  dialog->window = GTK_WINDOW (window);
  g_object_set_data_full (G_OBJECT (window), "entity-dialog", dialog, entity_dialog_free);

  gtk_window_set_title (GTK_WINDOW (window), option ? _("Option") : _("Criterion"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, option ? 680 : 560);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_sensitive (remove, !read_only);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), dialog);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), remove);
  gtk_box_append (GTK_BOX (box), header);

  dialog->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->name_row), _("Name"));
  adw_entry_row_set_show_apply_button (dialog->name_row, TRUE);
  g_signal_connect_swapped (dialog->name_row, "apply", G_CALLBACK (name_applied), dialog);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (main_group), GTK_WIDGET (dialog->name_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (main_group));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (description_group), _("Description"));
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 12);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (text), FALSE);
  gtk_widget_add_css_class (text, "inline");
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  dialog->description = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
  g_signal_connect_swapped (dialog->description, "changed", G_CALLBACK (description_changed), dialog);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (entity_dialog_flush), dialog);
  gtk_widget_add_controller (text, focus);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), text);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (description_group), scroller);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (description_group));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (option ? entity_dialog_option_group (dialog)
                                                          : entity_dialog_criterion_group (dialog)));
  gtk_widget_set_sensitive (page, !read_only);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);
  g_signal_connect (window, "close-request", G_CALLBACK (entity_dialog_close_request), dialog);
  g_signal_connect_swapped (dlb_case_page_get_case (DLB_CASE_PAGE (self)), "changed", G_CALLBACK (entity_dialog_refresh), dialog);

  entity_dialog_refresh (dialog);
  /* The name first: a new option or criterion is named before anything. */
  gtk_window_set_focus (GTK_WINDOW (window), GTK_WIDGET (dialog->name_row));
  present_transient (self, GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
add_entity (DlbMatrixPage *self,
            DlbEntity     *entity)
{
  g_autoptr(GError) error = NULL;

  if (!dlb_case_insert (dlb_case_page_get_case (DLB_CASE_PAGE (self)), entity, -1, &error))
    {
      _dlb_matrix_page_show_error (self, error);
      return;
    }
  open_entity_dialog (self, entity);
}

void
_dlb_matrix_page_add_option_activated (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);
  g_autoptr(DlbOption) option = dlb_option_new (_("New option"));

  add_entity (self, DLB_ENTITY (option));
}

void
_dlb_matrix_page_add_criterion_activated (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);
  g_autoptr(DlbCriterion) criterion = dlb_criterion_new (_("New criterion"), 10);

  add_entity (self, DLB_ENTITY (criterion));
}

void
_dlb_matrix_page_edit_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  DlbMatrixPage *self = DLB_MATRIX_PAGE (widget);
  DlbEntity *entity = dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL ? dlb_case_lookup (dlb_case_page_get_case (DLB_CASE_PAGE (self)), g_variant_get_string (parameter, NULL))
                                         : NULL;

  if (entity != NULL)
    open_entity_dialog (self, entity);
}

void
_dlb_matrix_page_update_actions (DlbMatrixPage *self)
{
  gboolean editable = dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL && !_dlb_matrix_page_is_read_only (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.add-option", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.add-criterion", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.edit", editable);
}
