/* dlb-memo-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-memo-page"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlb-analysis.h"
#include "dlb-json.h"
#include "dlb-memo-export.h"
#include "dlb-memo-page.h"
#include "dlb-memo-view.h"
#include "dlb-util.h"

/* The memo is rebuilt from the case after every edit, but only while the
 * page is on screen: an edit on another page costs nothing here until the
 * memo is looked at. */
struct _DlbMemoPage
{
  AdwBin              parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  AdwStatusPage      *pending_status;
  GtkSpinner         *pending_spinner;
  GtkSpinner         *updating_spinner;
  GtkEntry           *page_entry;
  GtkLabel           *page_count_label;
  GtkMenuButton      *zoom_button;
  GtkRevealer        *outdated_revealer;
  GtkLabel           *outdated_label;
  GSimpleAction      *history_action;
  GSimpleAction      *notes_action;
  GAction            *length_action;  /* "full" or "brief" */
  DlbMemoView        *view;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *search_count_label;
  gboolean            syncing_case;

  DlbAnalysis        *analysis;     /* of the case shown */
  gulong              changed_id;
  gulong              busy_id;
  GSettings          *settings;

  DlbDocument        *doc;
  DlbResult          *result;
  gboolean            stale;
  guint               rebuild_id;
  GCancellable       *building;     /* the memo being laid out, if any */

  GtkPrintOperation  *print_operation;
  GtkPrintSettings   *print_settings;

  /* The last PDF exported of this case, and the fingerprint it carries. */
  GFile              *exported_file;
  char               *exported_fingerprint;
  gboolean            export_outdated;
};

G_DEFINE_FINAL_TYPE (DlbMemoPage, dlb_memo_page, DLB_TYPE_CASE_PAGE)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FIT_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (DlbMemoPage *self)
{
  int n_pages = dlb_memo_view_get_n_pages (self->view);
  int page = dlb_memo_view_get_page (self->view);
  double zoom = dlb_memo_view_get_zoom (self->view);
  gboolean has_memo = dlb_case_page_get_case (DLB_CASE_PAGE (self)) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.previous-page", page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.next-page", page + 1 < n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.zoom-in",
                                 n_pages > 0 && zoom < DLB_MEMO_VIEW_MAX_ZOOM - 1e-6);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.zoom-out",
                                 n_pages > 0 && zoom > DLB_MEMO_VIEW_MIN_ZOOM + 1e-6);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.zoom-original", n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.zoom-to", n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.export", has_memo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.export-again",
                                 has_memo && dlb_memo_page_get_export_outdated (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.print",
                                 has_memo && self->print_operation == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.find", n_pages > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.find-next",
                                 dlb_memo_view_get_n_matches (self->view) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "memo.find-previous",
                                 dlb_memo_view_get_n_matches (self->view) > 0);
}

static void
update_page_label (DlbMemoPage *self)
{
  int n_pages = dlb_memo_view_get_n_pages (self->view);
  g_autofree char *number = NULL;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;

  number = g_strdup_printf ("%d", n_pages > 0 ? dlb_memo_view_get_page (self->view) + 1 : 0);
  /* Translators: follows the current page number, as in "3 of 11" */
  count = g_strdup_printf (_("of %d"), n_pages);
  gtk_editable_set_text (GTK_EDITABLE (self->page_entry), number);
  gtk_label_set_text (self->page_count_label, count);
  gtk_widget_remove_css_class (GTK_WIDGET (self->page_entry), "error");

  /* Translators: the description of the page number field; %d is the number of pages */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The memo has %d page",
                                              "The memo has %d pages", n_pages), n_pages);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->page_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  update_actions (self);
}

static void
update_zoom_label (DlbMemoPage *self)
{
  g_autofree char *label = NULL;
  g_autofree char *accessible = NULL;
  int percent = (int) round (dlb_memo_view_get_zoom (self->view) * 100);

  /* Translators: the zoom level of the memo preview; %d is a percentage */
  label = g_strdup_printf (_("%d %%"), percent);
  gtk_menu_button_set_label (self->zoom_button, label);
  /* Translators: the accessible name of the zoom menu; %d is a percentage */
  accessible = g_strdup_printf (_("Zoom Options, %d %%"), percent);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  update_actions (self);
}

/* The page while the memo it shows is on its way: it says what it waits
 * for when it has no memo yet, and shows a spinner beside the memo it
 * replaces otherwise. */
static void
update_pending (DlbMemoPage *self)
{
  gboolean analysing = self->analysis != NULL && (dlb_analysis_get_result (self->analysis) == NULL ||
                                                  dlb_analysis_get_busy (self->analysis));
  gboolean waiting = self->building != NULL || self->stale || analysing;

  gtk_widget_set_visible (GTK_WIDGET (self->updating_spinner), waiting && self->doc != NULL);
  if (self->doc != NULL || dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return;

  if (analysing)
    {
      adw_status_page_set_title (self->pending_status, _("Analysing the Case…"));
      adw_status_page_set_description (self->pending_status, _("The memo is written when the analysis is done."));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pending_spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Analysing the case"), -1);
    }
  else
    {
      adw_status_page_set_title (self->pending_status, _("Writing the Memo…"));
      adw_status_page_set_description (self->pending_status, _("The memo is laid out from the case and its analysis."));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->pending_spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Writing the memo"), -1);
    }
  gtk_stack_set_visible_child_name (self->stack, "pending");
}

static void
set_document (DlbMemoPage *self,
              DlbDocument *doc,
              DlbResult   *result)
{
  g_set_object (&self->doc, doc);
  g_set_object (&self->result, result);

  dlb_memo_view_set_document (self->view, doc);
  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (doc != NULL)
    gtk_stack_set_visible_child_name (self->stack, "memo");
  update_pending (self);
  update_page_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
cancel_build (DlbMemoPage *self)
{
  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
}

static void
on_built (GObject      *source,
          GAsyncResult *res,
          gpointer      data)
{
  g_autoptr(DlbMemoPage) self = data;
  g_autoptr(DlbResult) result = NULL;
  g_autoptr(DlbDocument) doc = dlb_memo_export_build_finish (res, &result, NULL);

  /* Cancelled: a newer memo is on its way, or was built at once. */
  if (doc == NULL)
    return;

  g_clear_object (&self->building);
  set_document (self, doc, result);
}

/* Writes the memo from the case. With @now, at once, waiting for the
 * analysis if it is still on its way (for an export or a print); without,
 * in a worker thread once the case has been analysed as it is, while the
 * page shows the memo it had or says what it waits for. */
static void
rebuild (DlbMemoPage *self,
         gboolean     now)
{
  DlbCase *kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  g_autoptr(DlbDocument) doc = NULL;
  g_autoptr(DlbResult) result = NULL;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  cancel_build (self);

  /* A case just opened has its first analysis on its way, and an edited
   * one its next: the memo is written when it comes
   * (on_analysis_changed), never from the analysis of another case or of
   * the case as it was. */
  if (!now && kase != NULL && self->analysis != NULL &&
      (dlb_analysis_get_result (self->analysis) == NULL || dlb_analysis_get_busy (self->analysis)))
    {
      self->stale = TRUE;
      if (dlb_analysis_get_result (self->analysis) == NULL && self->doc != NULL)
        {
          g_clear_object (&self->doc);
          g_clear_object (&self->result);
          dlb_memo_view_set_document (self->view, NULL);
          update_page_label (self);
        }
      update_pending (self);
      return;
    }
  self->stale = FALSE;

  if (kase != NULL && !now)
    {
      self->building = g_cancellable_new ();
      dlb_memo_export_build_async (kase, dlb_case_page_get_store (DLB_CASE_PAGE (self)),
                                   dlb_memo_export_get_paper_preference (self->settings),
                                   dlb_memo_page_get_brief (self), self->building,
                                   on_built, g_object_ref (self));
      update_pending (self);
      return;
    }

  if (kase != NULL)
    doc = dlb_memo_export_build (kase, dlb_case_page_get_store (DLB_CASE_PAGE (self)),
                                 dlb_memo_export_get_paper_preference (self->settings),
                                 dlb_memo_page_get_brief (self), &result);
  set_document (self, doc, result);
}

static gboolean
rebuild_idle (gpointer user_data)
{
  DlbMemoPage *self = user_data;

  self->rebuild_id = 0;
  rebuild (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (DlbMemoPage *self)
{
  self->stale = TRUE;
  if (self->rebuild_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->rebuild_id = g_idle_add (rebuild_idle, self);
  update_pending (self);
}

void
dlb_memo_page_update (DlbMemoPage *self)
{
  g_return_if_fail (DLB_IS_MEMO_PAGE (self));

  if (self->stale || self->building != NULL)
    rebuild (self, TRUE);
}

/* Navigation and zoom */

static void
on_view_page_changed (DlbMemoPage *self)
{
  update_page_label (self);
}

static void
on_page_entry_activate (DlbMemoPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->page_entry))));
  int n_pages = dlb_memo_view_get_n_pages (self->view);
  guint64 number = 0;

  if (g_ascii_string_to_unsigned (text, 10, 1, (guint64) MAX (n_pages, 1), &number, NULL))
    {
      dlb_memo_view_set_page (self->view, (int) number - 1);
      update_page_label (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->page_entry), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->page_entry));
    }
}

static void
page_step_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);
  int page = dlb_memo_view_get_page (self->view);

  if (g_str_equal (action_name, "memo.previous-page"))
    page--;
  else
    page++;
  if (page >= 0 && page < dlb_memo_view_get_n_pages (self->view))
    dlb_memo_view_set_page (self->view, page);
}

static void
zoom_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);

  if (g_str_equal (action_name, "memo.zoom-in"))
    dlb_memo_view_zoom_in (self->view);
  else if (g_str_equal (action_name, "memo.zoom-out"))
    dlb_memo_view_zoom_out (self->view);
  else if (g_str_equal (action_name, "memo.zoom-original"))
    dlb_memo_view_set_zoom (self->view, 1.0);
  else if (parameter != NULL)
    dlb_memo_view_set_zoom (self->view, g_variant_get_double (parameter));
}

/* Export */

static GtkWindow *
parent_window (DlbMemoPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static AdwToastOverlay *
toast_overlay (DlbMemoPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* The window's overlay when there is one, so the toast sits where the
   * window's other toasts do; the page's own otherwise. */
  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : self->toast_overlay;
}

static void
show_error (DlbMemoPage *self,
            const char  *heading,
            const char  *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent_window (self), heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_open_clicked (AdwToast    *toast,
                 DlbMemoPage *self)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");

  dlb_memo_export_open_file (parent_window (self), file);
}

/* The exported memo */

/* After every change of the case: the case's "changed" comes with each
 * edit, undo and redo. */
static void
update_outdated (DlbMemoPage *self)
{
  DlbCase *c = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  gboolean outdated = FALSE;

  if (c != NULL && self->exported_file != NULL && self->exported_fingerprint != NULL)
    {
      g_autofree char *now = dlb_json_dup_fingerprint (c);

      outdated = !g_str_equal (now, self->exported_fingerprint);
    }
  self->export_outdated = outdated;

  if (outdated)
    {
      g_autofree char *base = g_file_get_basename (self->exported_file);
      g_autofree char *name = g_filename_display_name (base);
      g_autofree char *text = NULL;

      /* Translators: %s is the name of the PDF the memo was exported to */
      text = g_strdup_printf (_("“%s” is out of date: the case has changed since it was exported."), name);
      gtk_label_set_text (self->outdated_label, text);
    }
  gtk_revealer_set_reveal_child (self->outdated_revealer, outdated);
  update_actions (self);
}

static void
forget_export (DlbMemoPage *self)
{
  g_clear_object (&self->exported_file);
  g_clear_pointer (&self->exported_fingerprint, g_free);
}

gboolean
dlb_memo_page_get_export_outdated (DlbMemoPage *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), FALSE);

  return self->export_outdated;
}

GFile *
dlb_memo_page_get_exported_file (DlbMemoPage *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), NULL);

  return self->exported_file;
}

gboolean
dlb_memo_page_export (DlbMemoPage  *self,
                      GFile        *file,
                      GError      **error)
{
  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The memo as the case is now, not as it was before a pending rebuild,
   * nor before an edit whose analysis has not come back yet. */
  dlb_memo_page_update (self);
  if (self->doc != NULL && dlb_memo_get_stamp (self->doc) != NULL)
    {
      g_autofree char *now = dlb_json_dup_fingerprint (dlb_case_page_get_case (DLB_CASE_PAGE (self)));

      if (!g_str_equal (now, dlb_memo_get_stamp (self->doc)->fingerprint))
        rebuild (self, TRUE);
    }
  if (self->doc == NULL)
    {
      g_set_error_literal (error, DLB_MEMO_EXPORT_ERROR, DLB_MEMO_EXPORT_ERROR_NO_MEMO,
                           _("There is no case to write a memo for. Open a case first."));
      return FALSE;
    }

  if (!dlb_memo_export_to_file (self->doc, file, error))
    return FALSE;

  forget_export (self);
  if (dlb_memo_get_stamp (self->doc) != NULL)
    {
      self->exported_file = g_object_ref (file);
      self->exported_fingerprint = g_strdup (dlb_memo_get_stamp (self->doc)->fingerprint);
    }
  update_outdated (self);
  return TRUE;
}

static void
announce_export (DlbMemoPage *self,
                 GFile       *file)
{
  AdwToast *toast = adw_toast_new (_("Memo exported"));
  g_autofree char *uri = g_file_get_uri (file);

  adw_toast_set_button_label (toast, _("_Open"));
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_open_clicked), self, 0);
  adw_toast_overlay_add_toast (toast_overlay (self), toast);
  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    DlbMemoPage     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!dlb_memo_page_export (self, file, &error))
        show_error (self, _("Could Not Export the Memo"), error->message);
      else
        announce_export (self, file);
    }

  g_object_unref (dialog);
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export the Memo as PDF"), parent_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = dlb_memo_export_suggest_name (dlb_case_page_get_case (DLB_CASE_PAGE (self)), dlb_memo_page_get_brief (self));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("PDF Documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_pattern (filter, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The file the memo went to last time, without asking again. */
static void
export_again_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (self->exported_file == NULL)
    return;

  file = g_object_ref (self->exported_file);
  if (!dlb_memo_page_export (self, file, &error))
    show_error (self, _("Could Not Export the Memo"), error->message);
  else
    announce_export (self, file);
}

/* Find */

static void
update_search_label (DlbMemoPage *self)
{
  int n = dlb_memo_view_get_n_matches (self->view);
  g_autofree char *text = NULL;

  if (dlb_memo_view_get_search (self->view) == NULL)
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No matches"));
  else
    /* Translators: which match of the search is shown, as in "3 of 11"; the plural follows the second number */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d of %d", "%d of %d", n),
                            dlb_memo_view_get_current_match (self->view) + 1, n);
  gtk_label_set_text (self->search_count_label, text);
  update_actions (self);
}

static void
on_search_changed (DlbMemoPage *self)
{
  dlb_memo_view_set_search (self->view, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update_search_label (self);
}

static void
on_search_next (DlbMemoPage *self)
{
  dlb_memo_view_find_next (self->view, FALSE);
}

static void
on_search_previous (DlbMemoPage *self)
{
  dlb_memo_view_find_next (self->view, TRUE);
}

static void
on_search_mode_changed (DlbMemoPage *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      on_search_changed (self);
    }
  else
    {
      /* Closing the bar ends the search; the reader stays where it led. */
      dlb_memo_view_set_search (self->view, NULL);
      update_search_label (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
}

static gboolean
on_shift_return (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  on_search_previous (DLB_MEMO_PAGE (user_data));
  return TRUE;
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);

  if (g_str_equal (action_name, "memo.find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
    }
  else
    dlb_memo_view_find_next (self->view, g_str_equal (action_name, "memo.find-previous"));
}

/* Print */

static void
on_print_done (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               DlbMemoPage             *self)
{
  g_autoptr(GError) error = NULL;

  if (!dlb_memo_print_operation_check (operation, result, &error))
    show_error (self, _("Could Not Print the Memo"), error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));

  if (operation == self->print_operation)
    g_clear_object (&self->print_operation);
  update_actions (self);
}

typedef struct
{
  DlbCase  *kase;
  DlbStore *store;
  gboolean  brief;
} PrintedMemo;

static void
printed_memo_free (gpointer data)
{
  PrintedMemo *memo = data;

  g_clear_object (&memo->kase);
  g_clear_object (&memo->store);
  g_free (memo);
}

static DlbDocument *
lay_out_printed_memo (double   page_width,
                      double   page_height,
                      gpointer user_data)
{
  PrintedMemo *memo = user_data;

  return dlb_memo_export_build_for_page (memo->kase, memo->store, memo->brief, page_width, page_height);
}

/* What Print… runs: the memo as shown, laid out again for the paper the
 * print dialog ends with. NULL when no memo is shown. */
GtkPrintOperation *
dlb_memo_page_new_print_operation (DlbMemoPage *self)
{
  DlbCase *kase;
  PrintedMemo *memo;

  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), NULL);

  dlb_memo_page_update (self);
  kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  if (self->doc == NULL || kase == NULL)
    return NULL;

  memo = g_new0 (PrintedMemo, 1);
  memo->kase = g_object_ref (kase);
  if (dlb_case_page_get_store (DLB_CASE_PAGE (self)) != NULL)
    memo->store = g_object_ref (dlb_case_page_get_store (DLB_CASE_PAGE (self)));
  memo->brief = dlb_memo_page_get_brief (self);
  return dlb_memo_print_operation_new (self->doc, dlb_case_get_title (kase),
                                       lay_out_printed_memo, memo, printed_memo_free);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GtkPrintOperation *operation;

  if (self->print_operation != NULL)
    return;
  operation = dlb_memo_page_new_print_operation (self);
  if (operation == NULL)
    return;

  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  gtk_print_operation_set_current_page (operation, dlb_memo_view_get_page (self->view));
  self->print_operation = operation;
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done), self, 0);
  update_actions (self);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent_window (self), &error);
  /* An operation that could not even start reports here, not in ::done. */
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR && self->print_operation == operation)
    {
      show_error (self, _("Could Not Print the Memo"), error != NULL ? error->message : _("The print system failed."));
      g_clear_object (&self->print_operation);
      update_actions (self);
    }
}

/* The case */

/* The memo follows the case's analysis, which follows the case: one
 * analysis an edit, in the background, and the memo rebuilt from it. */
static void
on_analysis_changed (DlbMemoPage *self)
{
  schedule_rebuild (self);
}

static void
on_paper_size_changed (DlbMemoPage *self)
{
  schedule_rebuild (self);
}

/* The full memo or the brief one: the reader's choice, kept in the
 * settings like the paper, so the next case opens on the same memo. */
gboolean
dlb_memo_page_get_brief (DlbMemoPage *self)
{
  g_autoptr(GVariant) state = NULL;

  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), FALSE);

  state = g_action_get_state (self->length_action);
  return state != NULL && g_strcmp0 (g_variant_get_string (state, NULL), "brief") == 0;
}

static void
on_length_changed (DlbMemoPage *self)
{
  schedule_rebuild (self);
}

/* The menu's check items show the case's own settings for its memo and
 * change them, one Undo step each. */
static void
sync_case_toggles (DlbMemoPage *self)
{
  DlbCase *c = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  gboolean editable = c != NULL && !dlb_case_get_read_only (c);

  self->syncing_case = TRUE;
  g_simple_action_set_state (self->history_action,
                             g_variant_new_boolean (c != NULL && dlb_case_get_memo_history (c)));
  g_simple_action_set_enabled (self->history_action, editable);
  g_simple_action_set_state (self->notes_action,
                             g_variant_new_boolean (c != NULL && dlb_case_get_memo_notes (c)));
  g_simple_action_set_enabled (self->notes_action, editable);
  self->syncing_case = FALSE;
}

static void
on_case_toggle_change_state (GSimpleAction *action,
                             GVariant      *state,
                             DlbMemoPage   *self)
{
  DlbCase *c = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  guint field = action == self->notes_action ? DLB_CASE_MEMO_NOTES : DLB_CASE_MEMO_HISTORY;

  if (self->syncing_case || c == NULL)
    return;

  g_value_init (&value, G_TYPE_BOOLEAN);
  g_value_set_boolean (&value, g_variant_get_boolean (state));
  if (!dlb_case_set_field (c, DLB_ENTITY (c), field, &value, &error))
    {
      dlb_show_toast (GTK_WIDGET (self), error->message);
      sync_case_toggles (self);
    }
}

static void
dlb_memo_page_case_changed (DlbCasePage *page,
                            guint        kinds)
{
  sync_case_toggles (DLB_MEMO_PAGE (page));
  update_outdated (DLB_MEMO_PAGE (page));
}

static void
dlb_memo_page_case_set (DlbCasePage *page)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (page);
  DlbCase *c = dlb_case_page_get_case (page);

  /* A memo on its way is of the case shown before. */
  cancel_build (self);
  if (self->analysis != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->analysis);
      g_clear_signal_handler (&self->busy_id, self->analysis);
    }
  g_clear_object (&self->analysis);
  if (c != NULL)
    {
      self->analysis = g_object_ref (dlb_analysis_for_case (c));
      self->changed_id = g_signal_connect_object (self->analysis, "notify::result",
                                                  G_CALLBACK (on_analysis_changed), self, G_CONNECT_SWAPPED);
      /* From the edit on, the memo shown is on its way out. */
      self->busy_id = g_signal_connect_object (self->analysis, "notify::busy",
                                               G_CALLBACK (update_pending), self, G_CONNECT_SWAPPED);
    }

  sync_case_toggles (self);
  /* What was exported of another case says nothing about this one. */
  forget_export (self);
  update_outdated (self);

  /* A new case starts at its first page, at the zoom the reader chose. */
  set_document (self, NULL, NULL);
  schedule_rebuild (self);
  update_actions (self);
}

DlbDocument *
dlb_memo_page_get_document (DlbMemoPage *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), NULL);

  return self->doc;
}

DlbResult *
dlb_memo_page_get_result (DlbMemoPage *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), NULL);

  return self->result;
}

GtkWidget *
dlb_memo_page_get_view (DlbMemoPage *self)
{
  g_return_val_if_fail (DLB_IS_MEMO_PAGE (self), NULL);

  return GTK_WIDGET (self->view);
}

/* GObject */

static void
dlb_memo_page_map (GtkWidget *widget)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (widget);

  GTK_WIDGET_CLASS (dlb_memo_page_parent_class)->map (widget);

  /* Before the first frame: the reader who comes to the page sees the
   * memo on its way (update_pending), never a blank page. */
  if (self->stale)
    rebuild (self, FALSE);
}

static void
dlb_memo_page_dispose (GObject *object)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  cancel_build (self);
  g_clear_object (&self->history_action);
  g_clear_object (&self->notes_action);
  g_clear_object (&self->length_action);
  if (self->analysis != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->analysis);
      g_clear_signal_handler (&self->busy_id, self->analysis);
    }
  g_clear_object (&self->analysis);
  if (self->print_operation != NULL)
    g_signal_handlers_disconnect_by_data (self->print_operation, self);
  g_clear_object (&self->print_operation);
  g_clear_object (&self->print_settings);
  g_clear_object (&self->settings);
  forget_export (self);

  /* The bin lets its child go first, so the template does not leave it a
   * pointer to a widget already gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_MEMO_PAGE);

  g_clear_object (&self->doc);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (dlb_memo_page_parent_class)->dispose (object);
}

static void
dlb_memo_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->doc);
      break;
    case PROP_FIT_WIDTH:
      /* Asked for by the property action while the template is built. */
      g_value_set_boolean (value, self->view == NULL || dlb_memo_view_get_fit_width (self->view));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_memo_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlbMemoPage *self = DLB_MEMO_PAGE (object);

  switch (prop_id)
    {
    case PROP_FIT_WIDTH:
      dlb_memo_view_set_fit_width (self->view, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_view_fit_width_changed (DlbMemoPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_WIDTH]);
}

static void
dlb_memo_page_class_init (DlbMemoPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_memo_page_dispose;
  DLB_CASE_PAGE_CLASS (klass)->case_set = dlb_memo_page_case_set;
  DLB_CASE_PAGE_CLASS (klass)->case_changed = dlb_memo_page_case_changed;
  object_class->get_property = dlb_memo_page_get_property;
  object_class->set_property = dlb_memo_page_set_property;
  widget_class->map = dlb_memo_page_map;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, DLB_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FIT_WIDTH] =
    g_param_spec_boolean ("fit-width", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DLB_TYPE_MEMO_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-memo-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, pending_status);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, pending_spinner);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, updating_spinner);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, page_entry);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, page_count_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, view);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, outdated_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, outdated_label);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlbMemoPage, search_count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);

  gtk_widget_class_install_action (widget_class, "memo.previous-page", NULL, page_step_activated);
  gtk_widget_class_install_action (widget_class, "memo.next-page", NULL, page_step_activated);
  gtk_widget_class_install_action (widget_class, "memo.zoom-in", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "memo.zoom-out", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "memo.zoom-original", NULL, zoom_activated);
  gtk_widget_class_install_action (widget_class, "memo.zoom-to", "d", zoom_activated);
  gtk_widget_class_install_property_action (widget_class, "memo.fit-width", "fit-width");
  gtk_widget_class_install_action (widget_class, "memo.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "memo.export-again", NULL, export_again_activated);
  gtk_widget_class_install_action (widget_class, "memo.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "memo.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "memo.find-next", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "memo.find-previous", NULL, find_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "memo.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Up, 0, "memo.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "memo.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Page_Down, 0, "memo.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "memo.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "memo.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "memo.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "memo.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "memo.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "memo.zoom-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "memo.zoom-original", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "memo.print", NULL);
}

static void
dlb_memo_page_init (DlbMemoPage *self)
{
  g_autoptr(GSimpleActionGroup) case_actions = g_simple_action_group_new ();
  g_autoptr(GSimpleActionGroup) settings_actions = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  dlb_spinner_show_after_delay (self->pending_spinner);
  dlb_spinner_show_after_delay (self->updating_spinner);

  /* The case's own settings for its memo: whether it ends with the
   * history, and whether it prints the case's notes. */
  self->history_action = g_simple_action_new_stateful ("history", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->history_action, "change-state", G_CALLBACK (on_case_toggle_change_state),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (case_actions), G_ACTION (self->history_action));
  self->notes_action = g_simple_action_new_stateful ("notes", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->notes_action, "change-state", G_CALLBACK (on_case_toggle_change_state),
                           self, 0);
  g_action_map_add_action (G_ACTION_MAP (case_actions), G_ACTION (self->notes_action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "memo-case", G_ACTION_GROUP (case_actions));

  g_signal_connect_object (self->view, "notify::page", G_CALLBACK (on_view_page_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::n-matches", G_CALLBACK (update_search_label),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::current-match", G_CALLBACK (update_search_label),
                           self, G_CONNECT_SWAPPED);

  /* Find's keys work wherever the focus is in the window, while the
   * page is on screen. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_MANAGED);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("memo.find")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("memo.find-next")));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g,
                                                                                    GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                            gtk_named_action_new ("memo.find-previous")));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  /* Enter goes to the next match (the entry's activate), Shift+Enter to
   * the previous one; Escape closes the bar. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                                                            gtk_callback_action_new (on_shift_return, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  g_signal_connect_object (self->view, "notify::zoom", G_CALLBACK (update_zoom_label),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::fit-width", G_CALLBACK (on_view_fit_width_changed),
                           self, G_CONNECT_SWAPPED);

  self->settings = dlb_settings_new ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::paper-size",
                             G_CALLBACK (on_paper_size_changed), self, G_CONNECT_SWAPPED);

  /* The full or the brief memo, remembered in the settings; without the
   * schema, for as long as the page lives. */
  if (self->settings != NULL)
    self->length_action = g_settings_create_action (self->settings, "memo-length");
  else
    self->length_action = G_ACTION (g_simple_action_new_stateful ("memo-length", G_VARIANT_TYPE_STRING,
                                                                  g_variant_new_string ("full")));
  g_signal_connect_object (self->length_action, "notify::state", G_CALLBACK (on_length_changed),
                           self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (settings_actions), self->length_action);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "memo-settings", G_ACTION_GROUP (settings_actions));

  update_page_label (self);
  update_zoom_label (self);
}

GtkWidget *
dlb_memo_page_new (void)
{
  return g_object_new (DLB_TYPE_MEMO_PAGE, NULL);
}
