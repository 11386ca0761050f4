/* dlb-new-case-dialog.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLB_TYPE_NEW_CASE_DIALOG (dlb_new_case_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlbNewCaseDialog, dlb_new_case_dialog, DLB, NEW_CASE_DIALOG, AdwWindow)

/* Asks for a new case's title, what it starts from and its folder, then
 * makes the case file and opens it. */
GtkWidget  *dlb_new_case_dialog_new          (GtkApplication   *application,
                                              GtkWindow        *parent,
                                              const char       *template_name);
void        dlb_new_case_dialog_set_title_text (DlbNewCaseDialog *self,
                                              const char       *title);
void        dlb_new_case_dialog_set_folder   (DlbNewCaseDialog *self,
                                              GFile            *folder);
GFile      *dlb_new_case_dialog_get_folder   (DlbNewCaseDialog *self);
const char *dlb_new_case_dialog_get_template (DlbNewCaseDialog *self);
gboolean    dlb_new_case_dialog_create       (DlbNewCaseDialog *self);

/* Where new cases go unless the user chooses: the Documents folder, or
 * the app's data folder in a Flatpak sandbox that cannot see it. */
GFile      *dlb_new_case_default_folder      (void);

G_END_DECLS
