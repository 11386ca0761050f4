/* dlb-about.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-about"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-about.h"

/* The metainfo owns the release notes: data/release-notes.py copies the
 * newest release's description, in every language it is translated into,
 * into this key file at build time. */
#define RELEASE_NOTES_RESOURCE RESOURCE_PREFIX "/release-notes.ini"

static void
set_release_notes (AdwAboutWindow *about)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *version = NULL;
  g_autofree char *notes = NULL;

  bytes = g_resources_lookup_data (RELEASE_NOTES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL || !g_key_file_load_from_bytes (key_file, bytes, G_KEY_FILE_NONE, &error))
    {
      g_warning ("The release notes could not be read: %s", error->message);
      return;
    }

  version = g_key_file_get_string (key_file, "Release", "Version", NULL);
  /* NULL: the first of the user's languages that the notes are in. */
  notes = g_key_file_get_locale_string (key_file, "Release", "Notes", NULL, NULL);
  if (version == NULL || notes == NULL)
    {
      g_warning ("The release notes in %s have no version or no notes", RELEASE_NOTES_RESOURCE);
      return;
    }

  adw_about_window_set_release_notes_version (about, version);
  adw_about_window_set_release_notes (about, notes);
}

GtkWidget *
dlb_about_window_new (GtkWindow *parent)
{
  static const char *developers[] = { "The Deliberate authors", NULL };
  static const char *built_with[] = {
    "GTK https://gtk.org",
    "libadwaita https://gnome.pages.gitlab.gnome.org/libadwaita/",
    "SQLite https://sqlite.org",
    "JSON-GLib https://gitlab.gnome.org/GNOME/json-glib",
    "Cairo https://cairographics.org",
    NULL
  };
  AdwAboutWindow *about;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (about, _("Deliberate"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Deliberate authors"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("Decide whether a city agency should enter a technology partnership, "
                                   "and defend the decision in a memo regenerated from the evidence."));
  adw_about_window_set_website (about, PACKAGE_URL);
  adw_about_window_set_issue_url (about, PACKAGE_BUGREPORT);
  adw_about_window_set_copyright (about, "© 2026 The Deliberate authors");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: put your names here, one a line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  adw_about_window_add_acknowledgement_section (about, _("Built With"), built_with);
  set_release_notes (about);

  return GTK_WIDGET (about);
}
