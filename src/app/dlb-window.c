/* dlb-window.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-window"

#include "config.h"

#include <glib/gi18n-lib.h>
#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "dlb-analysis.h"
#include "dlb-file.h"
#include "dlb-findings-page.h"
#include "dlb-history-window.h"
#include "dlb-items-page.h"
#include "dlb-json.h"
#include "dlb-matrix-page.h"
#include "dlb-memo-page.h"
#include "dlb-overview-page.h"
#include "dlb-stakeholders-page.h"
#include "dlb-util.h"
#include "dlb-window.h"

/* One window per case file. The window owns the open store and closes it
 * when it goes away; its pages are views of the store's case. */
struct _DlbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *menu_button;
  GMenuModel           *primary_menu;
  AdwViewStack         *stack;
  GtkActionBar         *switcher_bar;
  GPtrArray            *switcher_buttons;

  DlbStore             *store;
  GSettings            *settings;
  gulong                title_id;
  gulong                can_undo_id;
  gulong                can_redo_id;
  gulong                analysed_id;
};

G_DEFINE_FINAL_TYPE (DlbWindow, dlb_window, ADW_TYPE_APPLICATION_WINDOW)

/* The case's pages, by their names in dlb-window.ui. A page is built when
 * it is first shown, so that a window maps as soon as the page it opens
 * on is ready: the others cost nothing until the reader goes to them.
 * The short title is the bottom bar's: short enough that all six fit side
 * by side in a window 360 pixels wide. */
static const struct
{
  const char *name;
  GType     (*get_type) (void);
  const char *short_title;
} pages[] = {
  { "overview", dlb_overview_page_get_type, NC_("short page name", "Overview") },
  /* Translators: the short name of the Stakeholders page, in the bar at
   * the bottom of a narrow window; keep it to about 8 characters */
  { "stakeholders", dlb_stakeholders_page_get_type, NC_("short page name", "People") },
  /* Translators: the short name of the Privacy Findings page, in the bar
   * at the bottom of a narrow window; keep it to about 8 characters */
  { "findings", dlb_findings_page_get_type, NC_("short page name", "Privacy") },
  /* Translators: the short name of the Opportunities & Risks page, in
   * the bar at the bottom of a narrow window; keep it to about 8 characters */
  { "items", dlb_items_page_get_type, NC_("short page name", "Risks") },
  /* Translators: the short name of the Decision Matrix page, in the bar
   * at the bottom of a narrow window; keep it to about 8 characters */
  { "matrix", dlb_matrix_page_get_type, NC_("short page name", "Matrix") },
  { "memo", dlb_memo_page_get_type, NC_("short page name", "Memo") },
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (DlbWindow *self)
{
  gboolean writable = self->store != NULL && !dlb_store_get_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 writable && dlb_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 writable && dlb_store_can_redo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-json", self->store != NULL);
}

static void
update_title (DlbWindow *self)
{
  g_autofree char *basename = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->store == NULL)
    return;

  title = dlb_case_get_title (dlb_store_get_case (self->store));
  basename = g_filename_display_basename (dlb_store_get_path (self->store));
  if (dlb_store_get_read_only (self->store))
    /* Translators: the window subtitle of a case file open read-only; %s is its file name */
    subtitle = g_strdup_printf (_("%s (Read-Only)"), basename);
  else
    subtitle = g_steal_pointer (&basename);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
on_damage_response (AdwMessageDialog *dialog,
                    const char       *response,
                    DlbWindow        *self)
{
  if (g_str_equal (response, "repair"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.save-copy", NULL);
}

static void
on_first_map (DlbWindow *self)
{
  const GError *damage;
  GtkWidget *dialog;

  g_signal_handlers_disconnect_by_func (self, on_first_map, NULL);

  damage = self->store != NULL ? dlb_store_get_damage (self->store) : NULL;
  if (damage == NULL)
    return;

  dialog = dlb_choice_dialog_new (GTK_WINDOW (self), _("Changed Outside Deliberate"), damage->message,
                                  "close", _("_Read Only"), "repair", _("Save a _Repaired Copy…"));
  gtk_widget_set_name (dialog, "damage-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_damage_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening a case reads its whole file and analyses it; what that leaves
 * freed goes back to the system once the window is up and the figures
 * are in, rather than staying with the process while the case is open. */
static gboolean
return_freed_memory (gpointer data)
{
#if HAVE_MALLOC_TRIM
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
on_first_analysis (DlbAnalysis *analysis,
                   GParamSpec  *pspec,
                   DlbWindow   *self)
{
  if (dlb_analysis_get_busy (analysis))
    return;
  g_clear_signal_handler (&self->analysed_id, analysis);
  g_idle_add_full (G_PRIORITY_LOW, return_freed_memory, NULL, NULL);
}

static void
dlb_window_set_store (DlbWindow *self,
                      DlbStore  *store)
{
  g_assert (self->store == NULL);

  if (store == NULL)
    return;

  self->store = g_object_ref (store);
  self->title_id = g_signal_connect_object (dlb_store_get_case (store), "notify::title",
                                            G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  self->can_undo_id = g_signal_connect_object (store, "notify::can-undo",
                                               G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  self->can_redo_id = g_signal_connect_object (store, "notify::can-redo",
                                               G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  self->analysed_id = g_signal_connect_object (dlb_analysis_for_case (dlb_store_get_case (store)), "notify::busy",
                                               G_CALLBACK (on_first_analysis), self, 0);
  update_title (self);
  update_actions (self);

  if (dlb_store_get_read_only (store))
    {
      gboolean damaged = dlb_store_get_damage (store) != NULL;
      /* Until the window closes: every edit would be refused. */
      AdwToast *toast = adw_toast_new (damaged ? _("Changed outside Deliberate: open read-only")
                                               : _("Open read-only: save a copy to change this case"));

      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, damaged ? _("Save a _Repaired Copy…") : _("Save a _Copy…"));
      adw_toast_set_action_name (toast, "win.save-copy");
      adw_toast_overlay_add_toast (self->toast_overlay, toast);

      /* A change nobody made in Deliberate is said in words, once, when
       * the window first shows. */
      if (damaged)
        g_signal_connect (self, "map", G_CALLBACK (on_first_map), NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlbWindow *self = DLB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL)
    return;

  if (g_str_equal (action_name, "win.undo"))
    ok = dlb_store_undo (self->store, &error);
  else if (g_str_equal (action_name, "win.undo-removal"))
    ok = dlb_store_undo_removal (self->store, g_variant_get_string (parameter, NULL), &error);
  else
    ok = dlb_store_redo (self->store, &error);

  if (!ok)
    dlb_show_toast (GTK_WIDGET (self->toast_overlay), error->message);
}

/* Whether Ctrl+Z belongs to the text under the focus: a field is being
 * edited when what it shows is not what the case holds. A spin button's
 * number and a field showing the stored text are not being edited, so
 * the case's Undo goes first. */
gboolean
dlb_window_focus_is_editing_text (DlbWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *field;
  const char *stored;

  if (focus == NULL || !GTK_IS_TEXT (focus))
    return FALSE;
  if (gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON) != NULL)
    return FALSE;

  for (field = focus; field != NULL; field = gtk_widget_get_parent (field))
    if ((stored = g_object_get_data (G_OBJECT (field), "dlb-stored-text")) != NULL)
      return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (field)), stored) != 0;

  return TRUE;
}

static gboolean
on_undo_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  DlbWindow *self = DLB_WINDOW (widget);
  const char *action = user_data;

  if (dlb_window_focus_is_editing_text (self))
    return FALSE;

  return gtk_widget_activate_action (widget, action, NULL);
}

static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlbWindow *self = DLB_WINDOW (widget);
  GtkWidget *history;

  if (self->store == NULL)
    return;

  history = dlb_history_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (history));
}

static GtkFileFilter *
make_filter (const char *name,
             const char *mime_type,
             const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static char *
suggested_name (DlbWindow  *self,
                const char *suffix)
{
  g_autofree char *base = dlb_file_name_from_title (dlb_case_get_title (dlb_store_get_case (self->store)));

  return g_strconcat (base, suffix, NULL);
}

static void
on_save_copy_response (GtkNativeDialog *dialog,
                       int              response,
                       DlbWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path == NULL)
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("Could not save a copy as “%s”: choose a folder on this computer"), name);
      else if (!dlb_store_save_copy (self->store, path, &error))
        /* Translators: %s is a file name, then what went wrong */
        message = g_strdup_printf (_("Could not save a copy as “%s”: %s"), name, error->message);
      else
        {
          g_autofree char *uri = g_file_get_uri (file);

          /* Translators: %s is a file name */
          message = g_strdup_printf (_("Saved a copy as “%s”"), name);
          gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
        }
      dlb_show_toast (GTK_WIDGET (self->toast_overlay), message);
    }

  g_object_unref (dialog);
}

static void
save_copy_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlbWindow *self = DLB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  gboolean repairing;

  if (self->store == NULL)
    return;

  /* The copy of a case whose checksum did not match is the repaired one. */
  repairing = dlb_store_get_damage (self->store) != NULL;
  chooser = gtk_file_chooser_native_new (repairing ? _("Save a Repaired Copy") : _("Save a Copy"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  name = suggested_name (self, repairing ? _(" (repaired).deliberate") : _(" (copy).deliberate"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser),
                               make_filter (_("Case Files"), "application/x-deliberate", "*.deliberate"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_copy_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_json_response (GtkNativeDialog *dialog,
                         int              response,
                         DlbWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      if (path == NULL)
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("Could not export “%s”: choose a folder on this computer"), name);
      else if (!dlb_json_write_case_to_file (dlb_store_get_case (self->store), path, &error))
        /* Translators: %s is a file name, then what went wrong */
        message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
      else
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("Exported the case as “%s”"), name);
      dlb_show_toast (GTK_WIDGET (self->toast_overlay), message);
    }

  g_object_unref (dialog);
}

static void
export_json_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlbWindow *self = DLB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export as JSON"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = suggested_name (self, ".json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser),
                               make_filter (_("JSON Files"), "application/json", "*.json"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_json_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The page of @name, built into its holder in the stack if it is not
 * there yet; NULL for a name that is not a page. */
static GtkWidget *
ensure_page (DlbWindow  *self,
             const char *name)
{
  GtkWidget *holder = adw_view_stack_get_child_by_name (self->stack, name);
  GtkWidget *page;

  if (holder == NULL)
    return NULL;
  if ((page = adw_bin_get_child (ADW_BIN (holder))) != NULL)
    return page;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (pages[i].name, name))
      {
        page = g_object_new (pages[i].get_type (), "store", self->store, NULL);
        adw_bin_set_child (ADW_BIN (holder), page);
        return page;
      }

  g_return_val_if_reached (NULL);
}

/* Alt+1…6, as GNOME applications switch the views of a view switcher:
 * the parameter is a page's name in dlb-window.ui. */
static void
show_page_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlbWindow *self = DLB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->stack, name);
}

static void
on_switcher_button_toggled (GtkToggleButton *button,
                            DlbWindow       *self)
{
  if (gtk_toggle_button_get_active (button))
    adw_view_stack_set_visible_child_name (self->stack, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
sync_switcher_bar (DlbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < self->switcher_buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->switcher_buttons, i);

      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (button)), name) == 0)
        gtk_toggle_button_set_active (button, TRUE);
    }
}

/* The main menu's popover is made when the menu is first opened, not
 * with the window: a window then opens sooner. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  DlbWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->primary_menu);
}

static void
build_switcher_bar (DlbWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *group = NULL;

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_hexpand (box, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwViewStackPage *page = adw_view_stack_get_page (self->stack,
                                                        adw_view_stack_get_child_by_name (self->stack,
                                                                                          pages[i].name));
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *label = gtk_label_new (g_dpgettext2 (GETTEXT_PACKAGE, "short page name", pages[i].short_title));

      g_assert (page != NULL);
      gtk_widget_set_name (button, pages[i].name);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "page-switcher-button");
      gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name (adw_view_stack_page_get_icon_name (page)));
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (content), label);
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_set_tooltip_text (button, adw_view_stack_page_get_title (page));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, adw_view_stack_page_get_title (page),
                                      -1);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      g_signal_connect (button, "toggled", G_CALLBACK (on_switcher_button_toggled), self);
      gtk_box_append (GTK_BOX (box), button);
      g_ptr_array_add (self->switcher_buttons, button);
    }
  gtk_action_bar_set_center_widget (self->switcher_bar, box);
  sync_switcher_bar (self);
}

/* The bar is filled in when the window is first narrow enough to need
 * it, not with every window. */
static void
on_switcher_bar_revealed (DlbWindow *self)
{
  if (gtk_action_bar_get_revealed (self->switcher_bar) && self->switcher_buttons->len == 0)
    build_switcher_bar (self);
}

static void
on_page_changed (DlbWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (name != NULL)
    ensure_page (self, name);
  if (self->switcher_buttons != NULL)
    sync_switcher_bar (self);

  if (self->settings != NULL && name != NULL)
    g_settings_set_string (self->settings, "last-page", name);
}

static gboolean
dlb_window_close_request (GtkWindow *window)
{
  DlbWindow *self = DLB_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  return GTK_WINDOW_CLASS (dlb_window_parent_class)->close_request (window);
}

static void
dlb_window_constructed (GObject *object)
{
  DlbWindow *self = DLB_WINDOW (object);

  G_OBJECT_CLASS (dlb_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      g_autofree char *page = g_settings_get_string (self->settings, "last-page");

      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      if (adw_view_stack_get_child_by_name (self->stack, page) != NULL)
        adw_view_stack_set_visible_child_name (self->stack, page);
    }

  /* The page the window opens on; the stack may not have told yet. */
  ensure_page (self, adw_view_stack_get_visible_child_name (self->stack));
  update_actions (self);
}

static void
dlb_window_dispose (GObject *object)
{
  DlbWindow *self = DLB_WINDOW (object);

  /* The pages go first: an editor may still hand a last edit to the case
   * before the file is closed. The bar's buttons go with them. */
  g_clear_pointer (&self->switcher_buttons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_WINDOW);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), NULL);

  if (self->store != NULL)
    {
      if (dlb_store_get_case (self->store) != NULL)
        {
          g_clear_signal_handler (&self->title_id, dlb_store_get_case (self->store));
          g_clear_signal_handler (&self->analysed_id, dlb_analysis_for_case (dlb_store_get_case (self->store)));
        }
      g_clear_signal_handler (&self->can_undo_id, self->store);
      g_clear_signal_handler (&self->can_redo_id, self->store);
      dlb_store_close (self->store);
      g_clear_object (&self->store);
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dlb_window_parent_class)->dispose (object);
}

static void
dlb_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlbWindow *self = DLB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DlbWindow *self = DLB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dlb_window_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_window_class_init (DlbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = dlb_window_constructed;
  object_class->dispose = dlb_window_dispose;
  object_class->get_property = dlb_window_get_property;
  object_class->set_property = dlb_window_set_property;
  window_class->close_request = dlb_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DlbWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DlbWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, DlbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DlbWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_activated);
  /* A deletion's toast: brings back the entity of that id. */
  gtk_widget_class_install_action (widget_class, "win.undo-removal", "s", undo_activated);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_activated);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.export-json", NULL, export_json_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_activated);

  /* Bubble-phase shortcuts: a text field's own undo comes first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-json", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.history", NULL);
}

static void
dlb_window_init (DlbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->switcher_buttons = g_ptr_array_new ();
  g_signal_connect_swapped (self->switcher_bar, "notify::revealed", G_CALLBACK (on_switcher_bar_revealed), self);
  on_switcher_bar_revealed (self);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);
  dlb_apply_profile (GTK_WINDOW (self));
  self->settings = dlb_settings_new ();

  /* Before the focused widget: a text field that is not being edited
   * would take Ctrl+Z for its own empty history. */
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (on_undo_shortcut,
                                                                                     (gpointer) "win.undo", NULL)));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z,
                                                                                    GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                            gtk_callback_action_new (on_undo_shortcut,
                                                                                     (gpointer) "win.redo", NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
}

DlbWindow *
dlb_window_new (GtkApplication *application,
                DlbStore       *store)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DLB_IS_STORE (store), NULL);

  return g_object_new (DLB_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

DlbStore *
dlb_window_get_store (DlbWindow *self)
{
  g_return_val_if_fail (DLB_IS_WINDOW (self), NULL);

  return self->store;
}

/* The pages' names, in the order of the view switcher. */
const char * const *
dlb_window_get_page_names (void)
{
  static const char *names[G_N_ELEMENTS (pages) + 1];

  if (names[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      names[i] = pages[i].name;
  return names;
}

/* A page of the case, by its name in dlb-window.ui (one of
 * dlb_window_get_page_names()); built now if it has not been shown yet. */
GtkWidget *
dlb_window_get_page (DlbWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (DLB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ensure_page (self, name);
}

/* The page on screen (or that will be when the window shows). */
GtkWidget *
dlb_window_get_visible_page (DlbWindow *self)
{
  const char *name;

  g_return_val_if_fail (DLB_IS_WINDOW (self), NULL);

  name = adw_view_stack_get_visible_child_name (self->stack);
  return name != NULL ? ensure_page (self, name) : NULL;
}

/* Whether the page of @name has been built (it is built when first shown). */
gboolean
dlb_window_has_page (DlbWindow  *self,
                     const char *name)
{
  GtkWidget *holder;

  g_return_val_if_fail (DLB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  holder = adw_view_stack_get_child_by_name (self->stack, name);
  return holder != NULL && adw_bin_get_child (ADW_BIN (holder)) != NULL;
}

void
dlb_window_add_toast (DlbWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (DLB_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
