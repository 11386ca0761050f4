/* dlb-welcome-window.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLB_TYPE_WELCOME_WINDOW (dlb_welcome_window_get_type ())

G_DECLARE_FINAL_TYPE (DlbWelcomeWindow, dlb_welcome_window, DLB, WELCOME_WINDOW, AdwApplicationWindow)

GtkWidget *dlb_welcome_window_new (GtkApplication *application);

G_END_DECLS
