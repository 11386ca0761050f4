/* dlb-welcome-window.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-welcome-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-welcome-window.h"

#include "dlb-file.h"
#include "dlb-util.h"

#define MAX_RECENT 8

/* Shown when no case is open: the example, a file chooser and the cases
 * opened lately, as GtkRecentManager remembers them. */
struct _DlbWelcomeWindow
{
  AdwApplicationWindow  parent_instance;

  AdwStatusPage        *status_page;
  AdwPreferencesGroup  *recent_group;
  GtkListBox           *recent_list;
  GtkWidget            *new_button;

  gulong                recent_changed_id;
};

G_DEFINE_FINAL_TYPE (DlbWelcomeWindow, dlb_welcome_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean
is_case_file (GtkRecentInfo *info)
{
  const char *mime_type = gtk_recent_info_get_mime_type (info);

  if (!gtk_recent_info_is_local (info) || !gtk_recent_info_exists (info))
    return FALSE;
  return g_strcmp0 (mime_type, "application/x-deliberate") == 0
         || g_str_has_suffix (gtk_recent_info_get_uri (info), ".deliberate");
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;

  return g_date_time_compare (gtk_recent_info_get_modified (ib), gtk_recent_info_get_modified (ia));
}

static char *
display_folder (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;

  if (parent == NULL)
    return g_strdup ("/");

  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);
      return g_build_filename ("~", display, NULL);
    }
  if (g_file_equal (home, parent))
    return g_strdup ("~");

  path = g_file_get_path (parent);
  return g_filename_display_name (path);
}

static void
refresh_recent (DlbWelcomeWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);
  GtkWidget *child;

  for (GList *l = items; l != NULL; l = l->next)
    {
      if (is_case_file (l->data))
        g_ptr_array_add (cases, l->data);
      else
        gtk_recent_info_unref (l->data);
    }
  g_list_free (items);
  g_ptr_array_sort (cases, compare_recent);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; i < cases->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (cases, i);
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *name = dlb_file_display_name (basename);
      g_autofree char *folder = display_folder (file);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      g_object_set_data_full (G_OBJECT (row), "file", g_object_ref (file), g_object_unref);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), cases->len > 0);
}

static void
on_recent_activated (DlbWelcomeWindow *self,
                     GtkListBoxRow    *row)
{
  GFile *file = g_object_get_data (G_OBJECT (row), "file");
  g_autofree char *uri = NULL;

  if (file == NULL)
    return;
  uri = g_file_get_uri (file);
  gtk_widget_activate_action (GTK_WIDGET (self), "app.open-file", "s", uri);
}

static void
dlb_welcome_window_dispose (GObject *object)
{
  DlbWelcomeWindow *self = DLB_WELCOME_WINDOW (object);

  g_clear_signal_handler (&self->recent_changed_id, gtk_recent_manager_get_default ());
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_WELCOME_WINDOW);

  G_OBJECT_CLASS (dlb_welcome_window_parent_class)->dispose (object);
}

static void
dlb_welcome_window_class_init (DlbWelcomeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_welcome_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-welcome-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbWelcomeWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, DlbWelcomeWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, DlbWelcomeWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, DlbWelcomeWindow, new_button);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
}

static void
dlb_welcome_window_init (DlbWelcomeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlb_apply_profile (GTK_WINDOW (self));

  adw_status_page_set_icon_name (self->status_page, APPLICATION_ID);
  self->recent_changed_id = g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                                                     G_CALLBACK (refresh_recent), self,
                                                     G_CONNECT_SWAPPED);
  refresh_recent (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->new_button);
}

GtkWidget *
dlb_welcome_window_new (GtkApplication *application)
{
  return g_object_new (DLB_TYPE_WELCOME_WINDOW, "application", application, NULL);
}
