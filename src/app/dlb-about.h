/* dlb-about.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The About window over @parent (or none), with the newest release's
 * notes from the metainfo in the user's language. */
GtkWidget *dlb_about_window_new (GtkWindow *parent);

G_END_DECLS
