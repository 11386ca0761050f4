/* dlb-history-window.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-history-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-history-window.h"
#include "dlb-util.h"

/* The case's history: every gesture, newest first, in the words the
 * journal gives it, with its time; a grouped gesture opens on its single
 * changes. It follows the case as it is edited, undone and redone. */
struct _DlbHistoryWindow
{
  AdwWindow   parent_instance;

  DlbStore   *store;
  GtkStack   *stack;
  GtkListBox *list;
  AdwStatusPage *error_page;
  AdwHeaderBar *header;
  guint       refresh_id;
};

G_DEFINE_FINAL_TYPE (DlbHistoryWindow, dlb_history_window, ADW_TYPE_WINDOW)

static GtkWidget *
make_row (DlbHistoryGroup *group)
{
  g_autofree char *when = dlb_history_format_time (group->time);
  GtkWidget *row;

  if (group->changes[0] == NULL)
    row = adw_action_row_new ();
  else
    {
      row = adw_expander_row_new ();
      for (guint i = 0; group->changes[i] != NULL; i++)
        {
          GtkWidget *change = adw_action_row_new ();

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (change), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (change), group->changes[i]);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (change), 3);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), change);
        }
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), group->heading);
  if (ADW_IS_EXPANDER_ROW (row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), when);
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
    }

  return row;
}

static gboolean
refresh (gpointer data)
{
  DlbHistoryWindow *self = data;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  self->refresh_id = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  history = dlb_store_dup_history (self->store, &error);
  if (history == NULL)
    {
      adw_status_page_set_title (self->error_page, _("The History Could Not Be Read"));
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < history->len; i++)
    gtk_list_box_append (self->list, make_row (g_ptr_array_index (history, i)));

  adw_status_page_set_title (self->error_page, _("No Changes Yet"));
  adw_status_page_set_description (self->error_page,
                                   _("Every change made to the case will be listed here, with its time."));
  gtk_stack_set_visible_child_name (self->stack, history->len > 0 ? "history" : "empty");
  return G_SOURCE_REMOVE;
}

/* After the edit's transaction: the journal holds it by then. */
static void
queue_refresh (DlbHistoryWindow *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh, self);
}

static void
dlb_history_window_dispose (GObject *object)
{
  DlbHistoryWindow *self = DLB_HISTORY_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dlb_history_window_parent_class)->dispose (object);
}

static void
dlb_history_window_class_init (DlbHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_history_window_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlb_history_window_init (DlbHistoryWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("History"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  gtk_box_append (GTK_BOX (box), header);
  self->header = ADW_HEADER_BAR (header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_set_name (GTK_WIDGET (self->list), "history-list");
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (self->list), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (self->list), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes to the case, newest first"), -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_stack_add_named (self->stack, scrolled, "history");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "document-open-recent-symbolic");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "empty");

  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
dlb_history_window_new (GtkWindow *parent,
                        DlbStore  *store)
{
  DlbHistoryWindow *self;
  AdwWindowTitle *title;

  g_return_val_if_fail (DLB_IS_STORE (store), NULL);

  self = g_object_new (DLB_TYPE_HISTORY_WINDOW, NULL);
  self->store = g_object_ref (store);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  title = ADW_WINDOW_TITLE (adw_window_title_new (_("History"), dlb_case_get_title (dlb_store_get_case (store))));
  adw_header_bar_set_title_widget (self->header, GTK_WIDGET (title));

  g_signal_connect_object (dlb_store_get_case (store), "changed", G_CALLBACK (queue_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::can-undo", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::can-redo", G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);

  return GTK_WIDGET (self);
}

GtkListBox *
dlb_history_window_get_list (DlbHistoryWindow *self)
{
  g_return_val_if_fail (DLB_IS_HISTORY_WINDOW (self), NULL);

  return self->list;
}
