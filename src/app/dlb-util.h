/* dlb-util.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlb-labels.h"
#include "dlb-model.h"

G_BEGIN_DECLS

/* The words the interface uses for the model's values. Every string is
 * translated; none of them is ever written to a case file. */
const char *dlb_label_for_field      (DlbKind           kind,
                                      const char       *field_name);
const char *dlb_css_class_for_status (DlbFindingStatus  status);
char       *dlb_format_relative_time (GDateTime        *time,
                                      GDateTime        *now);

/* A label for a list row's text: from the start of the line, wrapping
 * between words, and within a word wider than the row. */
GtkLabel   *dlb_row_label_new        (const char       *css_class);

/* Marks @window as the development build's (the "devel" style class),
 * when this is the development build. */
void        dlb_apply_profile        (GtkWindow        *window);

/* The application's settings, or NULL (with a warning) when the schema is
 * not installed, so a missing schema never aborts the program. */
GSettings  *dlb_settings_new         (void);

/* A message over @parent that asks for one of two answers: @close_id
 * (Escape) or @suggested_id, the default; "response" gives the id. */
GtkWidget  *dlb_choice_dialog_new    (GtkWindow        *parent,
                                      const char       *heading,
                                      const char       *body,
                                      const char       *close_id,
                                      const char       *close_label,
                                      const char       *suggested_id,
                                      const char       *suggested_label);

/* Shows a message in the nearest toast overlay above widget. */
void        dlb_spinner_show_after_delay (GtkSpinner   *spinner);
void        dlb_show_toast           (GtkWidget        *widget,
                                      const char       *message);

/* The wheel changes @scale only while it has the keyboard focus; otherwise
 * it scrolls the page the scale is on. */
void        dlb_scale_scroll_when_focused (GtkWidget *scale);

/* The choices in the list of @chooser, a GtkDropDown or an AdwComboRow
 * of strings, each named for a screen reader (GTK 4.8 leaves them
 * unnamed), the chosen one checked as GTK's own list checks it. */
void        dlb_name_choices              (GtkWidget *chooser);

/* A key controller for a widget that handles its keys itself in
 * "key-pressed": @keys (accelerators, NULL-terminated, static) names the
 * keys its handler takes, keypad twins aside, so that the shortcuts
 * window can be checked against them. */
GtkEventController *dlb_key_controller_new      (const char * const *keys);
/* The keys @controller was made with, or NULL for another controller. */
const char * const *dlb_key_controller_get_keys (GtkEventController *controller);

G_END_DECLS
