/* dlb-preferences-window.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLB_TYPE_PREFERENCES_WINDOW (dlb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DlbPreferencesWindow, dlb_preferences_window, DLB, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *dlb_preferences_window_new (GtkWindow *parent);

G_END_DECLS
