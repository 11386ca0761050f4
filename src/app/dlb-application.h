/* dlb-application.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-model.h"

G_BEGIN_DECLS

#define DLB_TYPE_APPLICATION (dlb_application_get_type ())

G_DECLARE_FINAL_TYPE (DlbApplication, dlb_application, DLB, APPLICATION, AdwApplication)

DlbApplication *dlb_application_new             (void);
gboolean        dlb_application_open_file       (DlbApplication  *self,
                                                 GFile           *file,
                                                 GtkWindow       *parent);
gboolean        dlb_application_open_example    (DlbApplication  *self,
                                                 GtkWindow       *parent);
gboolean        dlb_application_import_case     (DlbApplication  *self,
                                                 DlbCase         *kase,
                                                 GtkWindow       *parent);
gboolean        dlb_application_create_case     (DlbApplication  *self,
                                                 const char      *template_name,
                                                 const char      *title,
                                                 GFile           *folder,
                                                 GtkWindow       *parent);
char           *dlb_application_new_case_path   (const char      *title,
                                                 GError         **error);

G_END_DECLS
