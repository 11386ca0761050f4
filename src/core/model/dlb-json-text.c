/* dlb-json-text.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlb-json-text.h"

void
dlb_json_text_append_string (GString    *out,
                             const char *text)
{
  g_autofree char *valid = NULL;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  /* The model validates text on edit, but an entity built in code may
   * hold anything; the output must stay JSON. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* "1e-07" -> "1e-7", "1e+20" -> "1e20": the same number, as people write it. */
static void
tidy_exponent (GString *number)
{
  const char *e = strchr (number->str, 'e');
  gsize at, digits;

  if (e == NULL)
    return;

  at = e - number->str + 1;
  if (number->str[at] == '+')
    g_string_erase (number, at, 1);
  else if (number->str[at] == '-')
    at++;

  for (digits = 0; number->str[at + digits] == '0' && number->str[at + digits + 1] != '\0'; digits++)
    ;
  g_string_erase (number, at, digits);
}

char *
dlb_json_text_format_number (double value,
                             guint  digits)
{
  static const char * const shortest[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  GString *number;

  if (!isfinite (value))
    return g_strdup ("null");
  /* Also turns -0 into 0. */
  if (value == 0)
    return g_strdup ("0");

  if (digits > 0)
    {
      g_autofree char *format = g_strdup_printf ("%%.%ug", MIN (digits, 17));

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
    }

  for (guint i = 0; i < G_N_ELEMENTS (shortest); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, shortest[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  number = g_string_new (buffer);
  tidy_exponent (number);
  return g_string_free (number, FALSE);
}

void
dlb_json_text_append_number (GString *out,
                             double   value,
                             guint    digits)
{
  g_autofree char *number = dlb_json_text_format_number (value, digits);

  g_return_if_fail (out != NULL);
  g_string_append (out, number);
}

void
dlb_json_text_append_bool (GString  *out,
                           gboolean  value)
{
  g_return_if_fail (out != NULL);
  g_string_append (out, value ? "true" : "false");
}
