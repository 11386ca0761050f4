/* main.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "dlb-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlbApplication) app = NULL;
  const char *localedir = g_getenv ("DELIBERATE_LOCALEDIR");

  /* The headless jobs print before GTK starts, so set the locale here. A
   * build tree is run with DELIBERATE_LOCALEDIR pointing at its own
   * compiled translations. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = dlb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
