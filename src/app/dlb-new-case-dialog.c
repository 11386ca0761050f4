/* dlb-new-case-dialog.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-new-case-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-application.h"
#include "dlb-file.h"
#include "dlb-new-case-dialog.h"
#include "dlb-template.h"
#include "dlb-util.h"

/* New Case: a title, what the case starts from (nothing, or the
 * surveillance-technology template) and the folder its file goes in. The
 * file is named after the title; the dialog says which name it will take
 * before it is made. */
struct _DlbNewCaseDialog
{
  AdwWindow       parent_instance;

  GtkApplication *application;
  GFile          *folder;

  GtkWidget      *create_button;
  AdwEntryRow    *title_row;
  AdwComboRow    *start_row;
  AdwActionRow   *folder_row;
  AdwPreferencesGroup *group;
  GtkLabel       *file_label;
};

G_DEFINE_FINAL_TYPE (DlbNewCaseDialog, dlb_new_case_dialog, ADW_TYPE_WINDOW)

/* The choices of "Start From", in order. */
static const char * const start_templates[] = { NULL, DLB_TEMPLATE_SURVEILLANCE };

GFile *
dlb_new_case_default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);

  /* A Flatpak sandbox without file-system access has no documents folder,
   * and its home folder is not the user's: a case saved there would be
   * lost. The app's own data folder, where the copies of the example go,
   * is kept; the file chooser reaches any other. */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_autofree char *data = g_build_filename (g_get_user_data_dir (), "deliberate", NULL);

      if (g_mkdir_with_parents (data, 0700) == 0)
        return g_file_new_for_path (data);
    }

  return g_file_new_for_path (g_get_home_dir ());
}

static char *
stripped_title (DlbNewCaseDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
}

static void
update (DlbNewCaseDialog *self)
{
  g_autofree char *title = stripped_title (self);
  g_autofree char *folder = NULL;
  g_autofree char *description = NULL;

  gtk_widget_set_sensitive (self->create_button, *title != '\0');


  folder = g_file_get_path (self->folder);
  if (folder != NULL)
    {
      g_autofree char *display = g_filename_display_name (folder);

      adw_action_row_set_subtitle (self->folder_row, display);
    }
  else
    adw_action_row_set_subtitle (self->folder_row, "");

  if (*title != '\0' && folder != NULL)
    {
      g_autofree char *base = dlb_file_name_from_title (title);
      g_autofree char *path = dlb_file_unused_path (folder, base, ".deliberate", NULL);
      g_autofree char *name = path != NULL ? g_filename_display_basename (path) : NULL;

      if (name != NULL)
        /* Translators: %s is the name the new case file will have */
        description = g_strdup_printf (_("The case will be saved as “%s”."), name);
    }
  /* What the chosen start gives, then the file's name: a line that wraps
   * at any width, where the choice itself keeps its room. */
  {
    const char *start = dlb_new_case_dialog_get_template (self) == NULL
                        ? _("A blank case holds the title, your name and office, and today’s date.")
                        : _("The template holds criteria, findings to examine and the usual options, "
                            "drawn from city surveillance ordinances.");
    g_autofree char *text = g_strdup_printf ("%s %s", start,
                                             description != NULL ? description
                                                                 : _("The case’s file is named after its title."));

    gtk_label_set_text (self->file_label, text);
  }
}

static void
on_folder_response (GtkNativeDialog  *chooser,
                    int               response,
                    DlbNewCaseDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (folder != NULL)
        dlb_new_case_dialog_set_folder (self, folder);
    }

  g_object_unref (chooser);
}

static void
on_choose_folder (DlbNewCaseDialog *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Case"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_folder_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
dlb_new_case_dialog_create (DlbNewCaseDialog *self)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (DLB_IS_NEW_CASE_DIALOG (self), FALSE);

  title = stripped_title (self);
  if (*title == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return FALSE;
    }

  /* On failure the application says why over this dialog, which stays
   * for the user to choose another folder or title. */
  if (!dlb_application_create_case (DLB_APPLICATION (self->application),
                                    dlb_new_case_dialog_get_template (self),
                                    title, self->folder, GTK_WINDOW (self)))
    return FALSE;

  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
on_create (DlbNewCaseDialog *self)
{
  dlb_new_case_dialog_create (self);
}

static void
on_cancel (DlbNewCaseDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
dlb_new_case_dialog_dispose (GObject *object)
{
  DlbNewCaseDialog *self = DLB_NEW_CASE_DIALOG (object);

  g_clear_object (&self->application);
  g_clear_object (&self->folder);

  G_OBJECT_CLASS (dlb_new_case_dialog_parent_class)->dispose (object);
}

static void
dlb_new_case_dialog_class_init (DlbNewCaseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_new_case_dialog_dispose;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
make_header (DlbNewCaseDialog *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (on_cancel), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->create_button = gtk_button_new_with_mnemonic (_("C_reate"));
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->create_button);

  return header;
}

static void
dlb_new_case_dialog_init (DlbNewCaseDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("folder-open-symbolic");
  GtkStringList *starts = gtk_string_list_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), _("New Case"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  gtk_box_append (GTK_BOX (box), make_header (self));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  adw_entry_row_set_activates_default (self->title_row, FALSE);
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (update), self);
  g_signal_connect_swapped (self->title_row, "entry-activated", G_CALLBACK (on_create), self);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->title_row));

  /* In the order of start_templates. */
  gtk_string_list_append (starts, _("Blank Case"));
  gtk_string_list_append (starts, _("Surveillance Template"));
  self->start_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_row), _("Start From"));
  adw_combo_row_set_model (self->start_row, G_LIST_MODEL (starts));
  dlb_name_choices (GTK_WIDGET (self->start_row));
  g_object_unref (starts);
  g_signal_connect_swapped (self->start_row, "notify::selected", G_CALLBACK (update), self);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->start_row));

  self->folder_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _("Folder"));
  gtk_widget_set_tooltip_text (choose, _("Choose a Folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Folder"), -1);
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  g_signal_connect_swapped (choose, "clicked", G_CALLBACK (on_choose_folder), self);
  adw_action_row_add_suffix (self->folder_row, choose);
  adw_action_row_set_activatable_widget (self->folder_row, choose);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->folder_row));

  self->file_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->file_label, TRUE);
  gtk_label_set_xalign (self->file_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->file_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->file_label), 12);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->file_label));

  self->folder = dlb_new_case_default_folder ();
  update (self);
}

/**
 * dlb_new_case_dialog_new:
 * @application: the application that makes and opens the case
 * @parent: (nullable): the window that asked
 * @template_name: (nullable): the template chosen at first, or %NULL for
 *   a blank case
 */
GtkWidget *
dlb_new_case_dialog_new (GtkApplication *application,
                         GtkWindow      *parent,
                         const char     *template_name)
{
  DlbNewCaseDialog *self;

  g_return_val_if_fail (DLB_IS_APPLICATION (application), NULL);

  self = g_object_new (DLB_TYPE_NEW_CASE_DIALOG, NULL);
  self->application = g_object_ref (application);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);

  for (guint i = 0; i < G_N_ELEMENTS (start_templates); i++)
    if (g_strcmp0 (start_templates[i], template_name) == 0)
      adw_combo_row_set_selected (self->start_row, i);

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return GTK_WIDGET (self);
}

void
dlb_new_case_dialog_set_title_text (DlbNewCaseDialog *self,
                                    const char       *title)
{
  g_return_if_fail (DLB_IS_NEW_CASE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
}

void
dlb_new_case_dialog_set_folder (DlbNewCaseDialog *self,
                                GFile            *folder)
{
  g_return_if_fail (DLB_IS_NEW_CASE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  update (self);
}

GFile *
dlb_new_case_dialog_get_folder (DlbNewCaseDialog *self)
{
  g_return_val_if_fail (DLB_IS_NEW_CASE_DIALOG (self), NULL);

  return self->folder;
}

/* The template the case will start from, or NULL for a blank case. */
const char *
dlb_new_case_dialog_get_template (DlbNewCaseDialog *self)
{
  guint selected;

  g_return_val_if_fail (DLB_IS_NEW_CASE_DIALOG (self), NULL);

  selected = adw_combo_row_get_selected (self->start_row);
  return selected < G_N_ELEMENTS (start_templates) ? start_templates[selected] : NULL;
}
