/* dlb-application.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-application"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dlb-application.h"
#include "dlb-about.h"
#include "dlb-cli.h"
#include "dlb-example.h"
#include "dlb-file.h"
#include "dlb-json.h"
#include "dlb-new-case-dialog.h"
#include "dlb-preferences-window.h"
#include "dlb-store.h"
#include "dlb-template.h"
#include "dlb-util.h"
#include "dlb-welcome-window.h"
#include "dlb-window.h"

#define CASE_MIME_TYPE "application/x-deliberate"

/* The case file named first on the command line, opened in a worker
 * thread while GTK starts up; dlb_application_open_file() takes it. */
typedef struct
{
  GThread  *thread;
  char     *path;
  DlbStore *store;
  GError   *error;
} PreOpen;

static gpointer
pre_open_thread (gpointer data)
{
  PreOpen *pre_open = data;

  /* Only what dlb_application_open_file() would open: a regular file (a
   * FIFO would block), and a case file rather than JSON to import. */
  if (dlb_file_check_regular (pre_open->path, NULL) &&
      dlb_file_kind_for_path (pre_open->path) == DLB_FILE_KIND_CASE)
    pre_open->store = dlb_store_open (pre_open->path, DLB_STORE_OPEN_DEFAULT, &pre_open->error);
  return NULL;
}

static PreOpen *
pre_open_start (const char *arg)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (arg);
  PreOpen *pre_open;
  char *path = g_file_get_path (file);

  if (path == NULL)
    return NULL;
  pre_open = g_new0 (PreOpen, 1);
  pre_open->path = path;
  pre_open->thread = g_thread_new ("dlb-pre-open", pre_open_thread, pre_open);
  return pre_open;
}

/* Waits for the worker, and frees what it opened unless taken. */
static void
pre_open_free (PreOpen *pre_open)
{
  g_thread_join (pre_open->thread);
  if (pre_open->store != NULL)
    dlb_store_close (pre_open->store);
  g_clear_object (&pre_open->store);
  g_clear_error (&pre_open->error);
  g_free (pre_open->path);
  g_free (pre_open);
}

/* The store of @path as opened meanwhile: TRUE with @store or @error set,
 * FALSE when @path was not opened ahead. */
static gboolean
pre_open_take (PreOpen     **pre_open,
               const char   *path,
               DlbStore    **store,
               GError      **error)
{
  gboolean taken;

  if (*pre_open == NULL || !g_str_equal ((*pre_open)->path, path))
    return FALSE;

  g_thread_join ((*pre_open)->thread);
  (*pre_open)->thread = NULL;
  taken = (*pre_open)->store != NULL || (*pre_open)->error != NULL;
  if (taken)
    {
      *store = g_steal_pointer (&(*pre_open)->store);
      if ((*pre_open)->error != NULL)
        g_propagate_error (error, g_steal_pointer (&(*pre_open)->error));
    }
  g_free ((*pre_open)->path);
  g_clear_pointer (pre_open, g_free);
  return taken;
}

/* The application: one window per open case file, the welcome window when
 * none is open, and the headless jobs of the command line, which run from
 * handle-local-options before any window or display is touched. */
struct _DlbApplication
{
  AdwApplication  parent_instance;

  GPtrArray      *pending_files;  /* paths from the command line */
  gboolean        pending_example; /* --example */
  PreOpen        *pre_open;       /* the first of them, opened meanwhile */
};

G_DEFINE_FINAL_TYPE (DlbApplication, dlb_application, ADW_TYPE_APPLICATION)

static GtkWindow *
ensure_parent (DlbApplication *self,
               GtkWindow      *parent)
{
  GtkWidget *welcome;

  if (parent != NULL)
    return parent;

  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (parent != NULL)
    return parent;

  /* A message needs a window to belong to, and the user somewhere to go
   * after reading it. */
  welcome = dlb_welcome_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (welcome));
  return GTK_WINDOW (welcome);
}

static void
show_error (DlbApplication *self,
            GtkWindow      *parent,
            const char     *heading,
            const char     *body)
{
  GtkWidget *dialog;

  parent = ensure_parent (self, parent);
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static DlbWindow *
find_window (DlbApplication *self,
             const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      DlbStore *store;

      if (!DLB_IS_WINDOW (l->data))
        continue;

      store = dlb_window_get_store (l->data);
      if (store != NULL)
        {
          g_autoptr(GFile) other = g_file_new_for_path (dlb_store_get_path (store));

          if (g_file_equal (file, other))
            return l->data;
        }
    }

  return NULL;
}

static void
add_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkRecentData data = { 0, };

  if (uri == NULL)
    return;

  data.display_name = NULL;
  data.mime_type = (char *) CASE_MIME_TYPE;
  data.app_name = (char *) g_get_application_name ();
  data.app_exec = (char *) "deliberate %u";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gboolean
destroy_window (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
present_store (DlbApplication *self,
               DlbStore       *store)
{
  g_autoptr(GList) windows = NULL;
  DlbWindow *window;

  window = dlb_window_new (GTK_APPLICATION (self), store);
  gtk_window_present (GTK_WINDOW (window));
  add_recent (dlb_store_get_path (store));

  /* The welcome window has done its job once a case is open. It goes
   * once the current event is over: a message shown over it may still be
   * answering. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (DLB_IS_WELCOME_WINDOW (l->data))
      {
        gtk_widget_set_visible (l->data, FALSE);
        g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_window, g_object_ref (l->data), g_object_unref);
      }
}

static char *
display_name_of (const char *path)
{
  return g_filename_display_basename (path);
}

static void
on_in_use_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DlbApplication   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "read-only"))
    return;

  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_autofree char *name = display_name_of (path);
      /* Translators: %s is a file name */
      g_autofree char *heading = g_strdup_printf (_("Could Not Open “%s”"), name);

      show_error (self, gtk_window_get_transient_for (GTK_WINDOW (dialog)), heading, error->message);
      return;
    }

  present_store (self, store);
}

static void
offer_read_only (DlbApplication *self,
                 GtkWindow      *parent,
                 const char     *path,
                 const char     *reason)
{
  g_autofree char *name = display_name_of (path);
  /* Translators: %s is a file name */
  g_autofree char *heading = g_strdup_printf (_("“%s” Is Already Open"), name);
  g_autofree char *body = g_strdup_printf ("%s\n\n%s", reason,
                                           _("You can open it read-only to read it, and save a copy to change it."));
  GtkWidget *dialog;

  parent = ensure_parent (self, parent);
  dialog = dlb_choice_dialog_new (parent, heading, body,
                                  "cancel", _("_Cancel"), "read-only", _("Open _Read-Only"));
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_in_use_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * dlb_application_new_case_path:
 * @title: the case's title
 * @error: where to put an error
 *
 * A path for a new case file in the user's data folder, named after the
 * case and not yet taken: "Title.deliberate", "Title (2).deliberate"...
 */
char *
dlb_application_new_case_path (const char  *title,
                               GError     **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "deliberate", NULL);
  g_autofree char *base = dlb_file_name_from_title (title);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: %s is a folder, then why it could not be made */
                   _("Could not make the folder “%s” for your cases: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  return dlb_file_unused_path (dir, base, ".deliberate", error);
}

/* Writes @kase to a new case file at @path and opens it; @error says why
 * there is no @path or no @kase, and is told to the user over @parent. */
static gboolean
make_case_file (DlbApplication *self,
                DlbCase        *kase,
                const char     *path,
                GError         *error,
                GtkWindow      *parent)
{
  g_autoptr(GError) local_error = error;
  g_autoptr(DlbStore) store = NULL;

  if (kase != NULL && path != NULL)
    store = dlb_store_create (path, kase, &local_error);

  if (store == NULL)
    {
      show_error (self, parent, _("Could Not Make a Case File"),
                  local_error != NULL ? local_error->message : _("The case could not be made."));
      return FALSE;
    }

  present_store (self, store);
  return TRUE;
}

/**
 * dlb_application_import_case:
 *
 * Makes a new case file from @kase in the user's data folder and opens it.
 * Returns whether a window was opened; if not, the user was told why.
 */
gboolean
dlb_application_import_case (DlbApplication *self,
                             DlbCase        *kase,
                             GtkWindow      *parent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (DLB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (DLB_IS_CASE (kase), FALSE);

  path = dlb_application_new_case_path (dlb_case_get_title (kase), &error);
  return make_case_file (self, kase, path, g_steal_pointer (&error), parent);
}

/**
 * dlb_application_create_case:
 * @template_name: (nullable): the template to start from, or %NULL for a
 *   blank case
 * @title: the case's title
 * @folder: where its file goes
 *
 * Makes a new case file in @folder, named after @title, signed with the
 * memo author and office of the preferences and weighted by their default
 * method, and opens it. Returns whether a window was opened; if not, the
 * user was told why over @parent.
 */
gboolean
dlb_application_create_case (DlbApplication *self,
                             const char     *template_name,
                             const char     *title,
                             GFile          *folder,
                             GtkWindow      *parent)
{
  g_autoptr(GSettings) settings = dlb_settings_new ();
  g_autofree char *author = NULL;
  g_autofree char *office = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  DlbNewCase info = { .title = title, .weighting = DLB_WEIGHTING_DIRECT };

  g_return_val_if_fail (DLB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (title != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (settings != NULL)
    {
      author = g_settings_get_string (settings, "memo-author");
      office = g_settings_get_string (settings, "memo-office");
      info.author = author;
      info.office = office;
      info.weighting = g_settings_get_enum (settings, "weighting-method");
    }

  dir = g_file_get_path (folder);
  if (dir == NULL)
    {
      show_error (self, parent, _("Could Not Make a Case File"),
                  _("Cases can only be kept in a folder on this computer. Choose a local folder."));
      return FALSE;
    }

  kase = dlb_new_case (template_name, &info, &error);
  if (kase != NULL)
    {
      base = dlb_file_name_from_title (dlb_case_get_title (kase));
      path = dlb_file_unused_path (dir, base, ".deliberate", &error);
    }
  return make_case_file (self, kase, path, g_steal_pointer (&error), parent);
}

/**
 * dlb_application_open_file:
 *
 * Opens a case file (.deliberate) in its own window, or presents the window
 * that already shows it; a .json file is imported into a new case file. On
 * failure the user is told which file and what went wrong, and nothing
 * else changes.
 */
gboolean
dlb_application_open_file (DlbApplication *self,
                           GFile          *file,
                           GtkWindow      *parent)
{
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  DlbWindow *window;

  g_return_val_if_fail (DLB_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *basename = g_file_get_basename (file);

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), basename);
      show_error (self, parent, heading,
                  _("Only files on this computer can be opened. Copy the file to a local folder first."));
      return FALSE;
    }

  name = display_name_of (path);

  if (!dlb_file_check_regular (path, &error))
    {
      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_error (self, parent, heading, error->message);
      return FALSE;
    }

  window = find_window (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return TRUE;
    }

  if (dlb_file_kind_for_path (path) == DLB_FILE_KIND_JSON)
    {
      g_autoptr(DlbCase) kase = dlb_json_read_case_from_file (path, &error);

      if (kase == NULL)
        {
          /* Translators: %s is a file name */
          heading = g_strdup_printf (_("Could Not Import “%s”"), name);
          show_error (self, parent, heading, error->message);
          return FALSE;
        }

      return dlb_application_import_case (self, kase, parent);
    }

  if (!pre_open_take (&self->pre_open, path, &store, &error))
    store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE))
        {
          offer_read_only (self, parent, path, error->message);
          return FALSE;
        }

      /* Translators: %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), name);
      show_error (self, parent, heading, error->message);
      return FALSE;
    }

  present_store (self, store);
  return TRUE;
}

/**
 * dlb_application_open_example:
 *
 * Makes a new case file from the built-in Ring example and opens it; the
 * built-in case itself is never changed.
 */
gboolean
dlb_application_open_example (DlbApplication *self,
                              GtkWindow      *parent)
{
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DLB_IS_APPLICATION (self), FALSE);

  kase = dlb_example_load (&error);
  if (kase == NULL)
    {
      show_error (self, parent, _("Could Not Open the Example"), error->message);
      return FALSE;
    }

  return dlb_application_import_case (self, kase, parent);
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  DlbApplication  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

      if (file != NULL)
        dlb_application_open_file (self, file, parent);
    }

  g_object_unref (chooser);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DlbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Open a Case"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Cases"));
  gtk_file_filter_add_mime_type (filter, CASE_MIME_TYPE);
  gtk_file_filter_add_pattern (filter, "*.deliberate");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Case Files"));
  gtk_file_filter_add_mime_type (filter, CASE_MIME_TYPE);
  gtk_file_filter_add_pattern (filter, "*.deliberate");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Cases as JSON"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_open_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Opens the case file at the URI the action is given, over the window
 * that asked: the welcome window's recent cases use it. */
static void
open_file_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DlbApplication *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  dlb_application_open_file (self, file, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
open_example_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  DlbApplication *self = user_data;

  dlb_application_open_example (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
new_case_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DlbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *template_name = NULL;
  GtkWidget *dialog;

  if (g_str_equal (g_action_get_name (G_ACTION (action)), "new-from-template"))
    template_name = DLB_TEMPLATE_SURVEILLANCE;

  dialog = dlb_new_case_dialog_new (GTK_APPLICATION (self), parent, template_name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DlbApplication *self = user_data;
  GtkWidget *window = dlb_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));

  gtk_window_present (GTK_WINDOW (window));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DlbApplication *self = user_data;
  GtkWidget *about = dlb_about_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)));

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  DlbApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing, not destroying: each case window keeps its size and page. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);

  g_application_quit (G_APPLICATION (self));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  DlbApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  /* Built when asked for, not with every window as GTK's help overlay
   * is: a window then opens sooner. */
  builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/dlb-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (shortcuts);
}

static const GActionEntry app_actions[] = {
  { "new-case", new_case_activated },
  { "new-from-template", new_case_activated },
  { "open", open_activated },
  { "open-file", open_file_activated, "s" },
  { "open-example", open_example_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
  { "quit", quit_activated },
  { "shortcuts", shortcuts_activated },
};

/* Reads the icon theme's index in a worker thread, which GTK allows once
 * the theme is set up: the first window then finds it read rather than
 * reading it before it can be shown. */
static gpointer
load_icon_theme_thread (gpointer data)
{
  g_autoptr(GtkIconTheme) theme = data;
  g_autoptr(GtkIconPaintable) icon = NULL;

  icon = gtk_icon_theme_lookup_icon (theme, "open-menu-symbolic", NULL, 16, 1, GTK_TEXT_DIR_NONE, 0);
  return NULL;
}

static void
dlb_application_startup (GApplication *application)
{
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  const char * const *pages = dlb_window_get_page_names ();
  GtkApplication *app = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (dlb_application_parent_class)->startup (application);
  /* After the parent's start-up: libadwaita and the application have
   * added their icons to the theme by then. */
  g_thread_unref (g_thread_new ("dlb-icon-theme", load_icon_theme_thread,
                                g_object_ref (gtk_icon_theme_get_for_display (gdk_display_get_default ()))));

  g_set_application_name (_("Deliberate"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  /* Dark style follows the system. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  gtk_application_set_accels_for_action (app, "app.new-case", new_accels);
  gtk_application_set_accels_for_action (app, "app.open", open_accels);
  gtk_application_set_accels_for_action (app, "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (app, "app.quit", quit_accels);
  gtk_application_set_accels_for_action (app, "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (app, "window.close", close_accels);

  /* Alt+1…6: the window's pages, in the order of its view switcher. */
  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strdup_printf ("win.show-page::%s", pages[i]);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (app, detailed, accels);
    }
}

static void
dlb_application_activate (GApplication *application)
{
  DlbApplication *self = DLB_APPLICATION (application);
  GtkWindow *window;

  if (self->pending_files != NULL)
    {
      g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_files);

      for (guint i = 0; i < files->len; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_ptr_array_index (files, i));

          dlb_application_open_file (self, file, NULL);
        }
    }

  if (self->pending_example)
    {
      self->pending_example = FALSE;
      dlb_application_open_example (self, NULL);
    }

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (dlb_welcome_window_new (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static void
dlb_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  DlbApplication *self = DLB_APPLICATION (application);
  int n_opened = 0;

  for (int i = 0; i < n_files; i++)
    n_opened += dlb_application_open_file (self, files[i], NULL) ? 1 : 0;

  if (n_opened == 0 && gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
    g_application_activate (application);
}

static int
dlb_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  DlbApplication *self = DLB_APPLICATION (application);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;
  gboolean example;
  int status;

  status = dlb_cli_handle_local_options (application, options, &files);
  if (status >= 0)
    return status;

  example = g_variant_dict_contains (options, "example");
  if ((files == NULL || files->len == 0) && !example)
    return -1;

  /* A case file is about to be opened: it is opened, or its checks get
   * ready, while the application starts up. One thread does it all: the
   * main thread has the other core to itself. */
  if (files != NULL && files->len > 0)
    self->pre_open = pre_open_start (g_ptr_array_index (files, 0));
  else
    dlb_store_prepare ();
  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (application))
    {
      g_autoptr(GPtrArray) gfiles = g_ptr_array_new_with_free_func (g_object_unref);

      /* The running instance opens the file: it must find it closed. */
      g_clear_pointer (&self->pre_open, pre_open_free);

      for (guint i = 0; i < files->len; i++)
        g_ptr_array_add (gfiles, g_file_new_for_commandline_arg (g_ptr_array_index (files, i)));
      if (gfiles->len > 0)
        g_application_open (application, (GFile **) gfiles->pdata, (int) gfiles->len, "");
      if (example)
        g_action_group_activate_action (G_ACTION_GROUP (application), "open-example", NULL);
      return 0;
    }

  /* Opened by activate, once the application has started up. */
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  if (files != NULL && files->len > 0)
    self->pending_files = g_steal_pointer (&files);
  self->pending_example = example;
  return -1;
}

static void
dlb_application_finalize (GObject *object)
{
  DlbApplication *self = DLB_APPLICATION (object);

  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  g_clear_pointer (&self->pre_open, pre_open_free);

  G_OBJECT_CLASS (dlb_application_parent_class)->finalize (object);
}

static void
dlb_application_class_init (DlbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = dlb_application_finalize;
  app_class->startup = dlb_application_startup;
  app_class->activate = dlb_application_activate;
  app_class->open = dlb_application_open;
  app_class->handle_local_options = dlb_application_handle_local_options;
}

static void
dlb_application_init (DlbApplication *self)
{
  dlb_cli_init ();
  dlb_cli_add_main_option_entries (G_APPLICATION (self));
}

DlbApplication *
dlb_application_new (void)
{
  /* Unique, so a second "deliberate CASE" opens its case in this
   * instance, where the other windows can be asked whether the file is
   * already open. */
  return g_object_new (DLB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
