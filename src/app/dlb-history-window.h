/* dlb-history-window.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-store.h"

G_BEGIN_DECLS

#define DLB_TYPE_HISTORY_WINDOW (dlb_history_window_get_type ())

G_DECLARE_FINAL_TYPE (DlbHistoryWindow, dlb_history_window, DLB, HISTORY_WINDOW, AdwWindow)

GtkWidget  *dlb_history_window_new      (GtkWindow        *parent,
                                         DlbStore         *store);
GtkListBox *dlb_history_window_get_list (DlbHistoryWindow *self);

G_END_DECLS
