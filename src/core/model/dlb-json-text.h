/* dlb-json-text.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The JSON text the case format and the analysis format are written in,
 * by hand rather than through a generator so that their bytes are ours:
 * member order, indentation and number format never change with a
 * library version or the locale. The case writer and the analysis writer
 * both append their values with these. */

/* A string, escaped; invalid UTF-8 is repaired, NULL is "null". */
void  dlb_json_text_append_string (GString    *out,
                                   const char *text);
/* A number with '.' whatever the locale and never "-0"; not finite is
 * "null". @digits: significant digits, or 0 for the fewest that read
 * back as the same double ("25", "7.5", "0.1"). */
void  dlb_json_text_append_number (GString    *out,
                                   double      value,
                                   guint       digits);
void  dlb_json_text_append_bool   (GString    *out,
                                   gboolean    value);
/* The number alone, as dlb_json_text_append_number() writes it. */
char *dlb_json_text_format_number (double      value,
                                   guint       digits);

G_END_DECLS
