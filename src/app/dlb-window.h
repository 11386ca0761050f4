/* dlb-window.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-store.h"

G_BEGIN_DECLS

#define DLB_TYPE_WINDOW (dlb_window_get_type ())

G_DECLARE_FINAL_TYPE (DlbWindow, dlb_window, DLB, WINDOW, AdwApplicationWindow)

DlbWindow *dlb_window_new       (GtkApplication *application,
                                 DlbStore       *store);
DlbStore  *dlb_window_get_store (DlbWindow      *self);
GtkWidget *dlb_window_get_page  (DlbWindow      *self,
                                 const char     *name);
gboolean   dlb_window_has_page  (DlbWindow      *self,
                                 const char     *name);
GtkWidget *dlb_window_get_visible_page (DlbWindow *self);
/* The pages' names, in the order of the view switcher; NULL-terminated. */
const char * const *dlb_window_get_page_names (void);
void       dlb_window_add_toast (DlbWindow      *self,
                                 AdwToast       *toast);

/* Whether Ctrl+Z now belongs to a text field being edited rather than to
 * the case. */
gboolean      dlb_window_focus_is_editing_text (DlbWindow *self);

G_END_DECLS
