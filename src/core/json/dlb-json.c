/* dlb-json.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-json"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlb-entity-private.h"
#include "dlb-json.h"
#include "dlb-file.h"
#include "dlb-json-text.h"
#include "dlb-model.h"

/* The case as JSON (docs/case-format.md). Both directions walk the field
 * tables of the entity classes, so a field added to a class is read and
 * written without touching this file.
 *
 * The writer is our own rather than JsonGenerator: the bytes must not
 * depend on the locale, the json-glib version or hash order, because
 * "JSON -> case file -> JSON gives identical bytes" is a promise to users
 * who keep cases under version control. */

G_DEFINE_QUARK (dlb-json-error-quark, dlb_json_error)

#define FORMAT_NAME      "deliberate-case"
#define MAX_ID_LENGTH    64
#define MAX_WEIGHT       1000.0
/* A ratio of 1/9 cannot be written exactly; accept what rounds to it. */
#define RATIO_SLACK      1e-9
/* Longer integer literals may not fit json-glib's gint64 and would wrap. */
#define MAX_INT_DIGITS   18
/* Quoted values in messages are cut to this many characters. */
#define MAX_QUOTE_CHARS  40

/* Numbers ---------------------------------------------------------------- */

char *
dlb_json_format_double (double value)
{
  return dlb_json_text_format_number (value, 0);
}

/* Writer ------------------------------------------------------------------ */

#define MAX_DEPTH 8

typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  empty[MAX_DEPTH];  /* nothing written yet in the container at that depth */
} Writer;

static void
writer_indent (Writer *w,
               guint   depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (w->out, "  ");
}

static void
writer_open (Writer *w,
             char    bracket)
{
  g_assert (w->depth + 1 < MAX_DEPTH);

  g_string_append_c (w->out, bracket);
  w->depth++;
  w->empty[w->depth] = TRUE;
}

static void
writer_close (Writer *w,
              char    bracket)
{
  g_assert (w->depth > 0);

  if (!w->empty[w->depth])
    {
      g_string_append_c (w->out, '\n');
      writer_indent (w, w->depth - 1);
    }
  g_string_append_c (w->out, bracket);
  w->depth--;
}

static void
writer_string (Writer     *w,
               const char *s)
{
  dlb_json_text_append_string (w->out, s != NULL ? s : "");
}

static void
writer_double (Writer *w,
               double  value)
{
  g_autofree char *number = dlb_json_format_double (value);

  g_string_append (w->out, number);
}

/* Starts the next member of an object (@key) or element of an array (NULL). */
static void
writer_next (Writer     *w,
             const char *key)
{
  if (!w->empty[w->depth])
    g_string_append_c (w->out, ',');
  w->empty[w->depth] = FALSE;
  g_string_append_c (w->out, '\n');
  writer_indent (w, w->depth);
  if (key != NULL)
    {
      writer_string (w, key);
      g_string_append (w->out, ": ");
    }
}

static void
write_ref_list (Writer             *w,
                const char * const *ids)
{
  writer_open (w, '[');
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      writer_next (w, NULL);
      writer_string (w, ids[i]);
    }
  writer_close (w, ']');
}

/* Weights follow the order of the criteria, so that the bytes do not depend
 * on the order in which weights happened to be set or stored. */
static void
write_weights (Writer   *w,
               DlbCase  *kase,
               GVariant *weights)
{
  GListModel *criteria = dlb_case_get_criteria (kase);
  GVariantIter iter;
  const char *key;
  double weight;

  writer_open (w, '{');
  if (weights != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(DlbEntity) criterion = g_list_model_get_item (criteria, i);
          const char *id = dlb_entity_get_id (criterion);

          if (g_variant_lookup (weights, id, "d", &weight))
            {
              writer_next (w, id);
              writer_double (w, weight);
            }
        }

      /* Weights of criteria the case does not hold are kept, not lost; the
       * reader will point at them. */
      g_variant_iter_init (&iter, weights);
      while (g_variant_iter_next (&iter, "{&sd}", &key, &weight))
        if (dlb_case_lookup_kind (kase, DLB_KIND_CRITERION, key) == NULL)
          {
            writer_next (w, key);
            writer_double (w, weight);
          }
    }
  writer_close (w, '}');
}

static void
write_pairs (Writer   *w,
             GVariant *pairs)
{
  GVariantIter iter;
  const char *a, *b;
  double ratio;

  writer_open (w, '[');
  if (pairs != NULL)
    {
      g_variant_iter_init (&iter, pairs);
      while (g_variant_iter_next (&iter, "(&s&sd)", &a, &b, &ratio))
        {
          writer_next (w, NULL);
          writer_open (w, '[');
          writer_next (w, NULL);
          writer_string (w, a);
          writer_next (w, NULL);
          writer_string (w, b);
          writer_next (w, NULL);
          writer_double (w, ratio);
          writer_close (w, ']');
        }
    }
  writer_close (w, ']');
}

static void
write_field (Writer    *w,
             DlbCase   *kase,
             DlbEntity *entity,
             guint      index)
{
  const DlbField *field = dlb_entity_get_field (entity, index);

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
      writer_string (w, dlb_entity_get_string (entity, index));
      break;

    case DLB_FIELD_INT:
      g_string_append_printf (w->out, "%d", dlb_entity_get_int (entity, index));
      break;

    case DLB_FIELD_DOUBLE:
      {
        double value = dlb_entity_get_double (entity, index);

        if ((field->flags & DLB_FIELD_FLAG_NULLABLE) && value == field->minimum)
          g_string_append (w->out, "null");
        else
          writer_double (w, value);
      }
      break;

    case DLB_FIELD_BOOLEAN:
      g_string_append (w->out, dlb_entity_get_boolean (entity, index) ? "true" : "false");
      break;

    case DLB_FIELD_ENUM:
      {
        const char *nick = dlb_enum_to_nick (field->enum_type (), dlb_entity_get_enum (entity, index));

        if (nick != NULL)
          writer_string (w, nick);
        else
          g_string_append (w->out, "null");
      }
      break;

    case DLB_FIELD_REF:
      {
        const char *id = dlb_entity_get_string (entity, index);

        if (id != NULL && *id != '\0')
          writer_string (w, id);
        else
          g_string_append (w->out, "null");
      }
      break;

    case DLB_FIELD_REF_LIST:
      write_ref_list (w, dlb_entity_get_strv (entity, index));
      break;

    case DLB_FIELD_WEIGHTS:
      write_weights (w, kase, dlb_entity_get_variant (entity, index));
      break;

    case DLB_FIELD_PAIRS:
      write_pairs (w, dlb_entity_get_variant (entity, index));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
write_entity (Writer    *w,
              DlbCase   *kase,
              DlbEntity *entity)
{
  writer_open (w, '{');
  for (guint i = 0; i < dlb_entity_get_n_fields (entity); i++)
    {
      const DlbField *field = dlb_entity_get_field (entity, i);
      g_autofree char *name = NULL;

      if (field->flags & DLB_FIELD_FLAG_INTERNAL)
        continue;

      name = dlb_field_json_name (field);
      writer_next (w, name);
      write_field (w, kase, entity, i);
    }
  writer_close (w, '}');
}

/**
 * dlb_json_write_case:
 * @self: a case
 * @length: (out) (optional): the length of the result in bytes
 *
 * Writes @self in the canonical form of the case format: the same case
 * always gives the same bytes.
 *
 * Returns: (transfer full): UTF-8 JSON ending in a newline
 */
char *
dlb_json_write_case (DlbCase *self,
                     gsize   *length)
{
  Writer w = { 0, };

  g_return_val_if_fail (DLB_IS_CASE (self), NULL);

  w.out = g_string_sized_new (16 * 1024);
  writer_open (&w, '{');
  writer_next (&w, "format");
  writer_string (&w, FORMAT_NAME);
  writer_next (&w, "version");
  g_string_append_printf (w.out, "%d", DLB_JSON_FORMAT_VERSION);
  writer_next (&w, "case");
  write_entity (&w, self, DLB_ENTITY (self));

  for (guint kind = DLB_KIND_STAKEHOLDER; kind <= DLB_N_LIST_KINDS; kind++)
    {
      GListModel *list = dlb_case_get_list (self, kind);

      writer_next (&w, dlb_kind_get_class (kind)->json_name);
      writer_open (&w, '[');
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);

          writer_next (&w, NULL);
          write_entity (&w, self, entity);
        }
      writer_close (&w, ']');
    }
  writer_close (&w, '}');
  g_string_append_c (w.out, '\n');

  if (length != NULL)
    *length = w.out->len;
  return g_string_free (w.out, FALSE);
}

/**
 * dlb_json_dup_fingerprint:
 * @self: a case
 *
 * Hashes the canonical form dlb_json_write_case() gives, so two cases
 * with the same content have the same fingerprint wherever they are kept
 * (a case file, a JSON file), and a memo can be checked against the case
 * it was made from.
 *
 * Returns: (transfer full): the SHA-256 of the case, in hex
 */
char *
dlb_json_dup_fingerprint (DlbCase *self)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (DLB_IS_CASE (self), NULL);

  data = dlb_json_write_case (self, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/**
 * dlb_json_write_case_to_file:
 * @self: a case
 * @path: where to write it
 * @error: return location for a #GError
 *
 * Writes @self to a new file beside @path and renames it over @path, so
 * that @path never holds half a case, not even after a crash.
 *
 * Returns: %TRUE on success
 */
gboolean
dlb_json_write_case_to_file (DlbCase     *self,
                             const char  *path,
                             GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = dlb_json_write_case (self, &length);

  return dlb_file_write_atomic (path, data, length, error);
}

/* Reading: the text ------------------------------------------------------- */

static void
position_of (const char *data,
             const char *at,
             int        *line,
             int        *column)
{
  *line = 1;
  *column = 1;
  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *p & 0xC0) != 0x80)
        (*column)++;
    }
}

static void
set_syntax_error (GError     **error,
                  const char  *data,
                  const char  *at,
                  const char  *detail)
{
  int line, column;

  position_of (data, at, &line, &column);
  /* Translators: where in the file, then what is wrong there */
  g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX,
               _("Line %d, column %d: %s"), line, column, detail);
}

static gboolean
scan_error (GError     **error,
            const char  *data,
            gsize        at,
            const char  *detail)
{
  set_syntax_error (error, data, data + at, detail);
  return FALSE;
}

static gboolean
is_word (const char *data,
         gsize       length,
         const char *word)
{
  return length == strlen (word) && memcmp (data, word, length) == 0;
}

/* Reads a string from the '"' at @data[*i] and leaves *i after its end;
 * TRUE at the end of the data too (json-glib then says it is cut short). */
static gboolean
scan_string (const char  *data,
             gsize        length,
             gsize       *i,
             GError     **error)
{
  gsize p;

  for (p = *i + 1; p < length && data[p] != '"'; p++)
    {
      if (data[p] != '\\' || p + 1 >= length)
        continue;

      switch (data[p + 1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          p++;
          break;
        case 'u':
          for (guint k = 2; k < 6; k++)
            if (p + k >= length || !g_ascii_isxdigit (data[p + k]))
              return scan_error (error, data, p, _("\\u must be followed by four hexadecimal digits"));
          if (strncmp (data + p + 2, "0000", 4) == 0)
            return scan_error (error, data, p,
                               _("\\u0000 (the NUL character) cannot be part of a text in a case"));
          p += 5;
          break;
        default:
          return scan_error (error, data, p,
                             _("a backslash in a text starts an escape such as \\n or \\\"; "
                               "write \\\\ for a backslash itself"));
        }
    }

  *i = p < length ? p + 1 : length;
  return TRUE;
}

/* Reads a number from @data[*i] as JSON writes them: 12, -3.5, 1e6. */
static gboolean
scan_number (const char  *data,
             gsize        length,
             gsize       *i,
             GError     **error)
{
  gsize p = *i;
  gsize digits, digits_end;
  gboolean whole = TRUE;

  if (data[p] == '-')
    p++;
  digits = p;
  if (p < length && data[p] == '0')
    p++;
  else
    while (p < length && g_ascii_isdigit (data[p]))
      p++;
  digits_end = p;
  if (digits_end == digits)
    goto not_a_number;

  if (p < length && data[p] == '.')
    {
      whole = FALSE;
      if (++p >= length || !g_ascii_isdigit (data[p]))
        goto not_a_number;
      while (p < length && g_ascii_isdigit (data[p]))
        p++;
    }
  if (p < length && (data[p] == 'e' || data[p] == 'E'))
    {
      whole = FALSE;
      p++;
      if (p < length && (data[p] == '+' || data[p] == '-'))
        p++;
      if (p >= length || !g_ascii_isdigit (data[p]))
        goto not_a_number;
      while (p < length && g_ascii_isdigit (data[p]))
        p++;
    }
  /* 0x1F, 012 or 1.2.3 are numbers to json-glib, but to no other reader. */
  if (p < length
      && (g_ascii_isalnum (data[p]) || data[p] == '.' || data[p] == '_' || data[p] == '+' || data[p] == '-'))
    goto not_a_number;

  if (whole && digits_end - digits > MAX_INT_DIGITS)
    return scan_error (error, data, digits, _("the number is too large"));

  *i = p;
  return TRUE;

not_a_number:
  return scan_error (error, data, *i, _("this is not a number; numbers are written like 12, -3.5 or 1e6"));
}

/* json-glib's parser gets only text this scanner has read first. It knows
 * exactly where each string and comment begins and ends, so what it counts
 * is what json-glib will see. It refuses what json-glib would accept but
 * silently change, or crash on: nesting deeper than DLB_JSON_MAX_NESTING
 * (json-glib recurses once per level), more than DLB_JSON_MAX_VALUES
 * values, integers too long for its gint64, \u0000 (which cuts a string
 * short), and json-glib's own liberties that other readers do not share
 * (single quotes, 0x1F, '/' comments, text after the end). Only the
 * grammar is left to json-glib, whose messages say what it expected. */
static gboolean
scan_text (const char  *data,
                gsize        length,
                GError     **error)
{
  guint depth = 0;
  guint values = 0;
  gboolean done = FALSE;  /* the top-level value is complete */
  gsize i = 0;

  while (i < length)
    {
      gsize start = i;
      char c = data[i];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          i++;
          continue;
        }
      if (c == '/' && i + 1 < length && data[i + 1] == '*')
        {
          const char *end = g_strstr_len (data + i + 2, length - i - 2, "*/");

          /* Not closed: json-glib says so. */
          if (end == NULL)
            return TRUE;
          i = end - data + 2;
          continue;
        }
      if (c == '/')
        return scan_error (error, data, start, _("comments are written /* like this */"));

      if (done)
        return scan_error (error, data, start,
                           _("more follows the end of the case; a file holds one case"));

      if (c == '[' || c == '{')
        {
          if (++depth > DLB_JSON_MAX_NESTING)
            return scan_error (error, data, start, _("the data is nested too deeply to be a case"));
          i++;
        }
      else if (c == ']' || c == '}')
        {
          i++;
          /* Closes nothing: json-glib stops here. */
          if (depth == 0)
            return TRUE;
          done = --depth == 0;
          continue;
        }
      else if (c == ',' || c == ':')
        {
          i++;
          continue;
        }
      else if (c == '"')
        {
          if (!scan_string (data, length, &i, error))
            return FALSE;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          if (!scan_number (data, length, &i, error))
            return FALSE;
        }
      else if (g_ascii_isalpha (c))
        {
          while (i < length && (g_ascii_isalnum (data[i]) || data[i] == '_'))
            i++;
          if (!is_word (data + start, i - start, "true") && !is_word (data + start, i - start, "false")
              && !is_word (data + start, i - start, "null"))
            return scan_error (error, data, start,
                               _("a text must be in double quotes; a word alone can only be true, false or null"));
        }
      else if (c == '\'')
        return scan_error (error, data, start, _("a text must be in double quotes (\"), not single ones"));
      else
        {
          gunichar u = g_utf8_get_char (data + start);
          g_autofree char *shown = g_unichar_isgraph (u)
                                   ? g_strndup (data + start, g_utf8_next_char (data + start) - (data + start))
                                   : g_strdup_printf ("U+%04X", u);
          /* Translators: %s is the character, or its code such as U+000C */
          g_autofree char *detail = g_strdup_printf (_("unexpected character “%s”"), shown);

          return scan_error (error, data, start, detail);
        }

      /* A value: a string, number or word, or the start of a list or object. */
      if (++values > DLB_JSON_MAX_VALUES)
        {
          /* Translators: %u is the limit, a large number */
          g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_TOO_LARGE,
                       _("A JSON case holds at most %u values (texts, numbers, lists and objects); "
                         "this file holds more"),
                       (guint) DLB_JSON_MAX_VALUES);
          return FALSE;
        }
      if (depth == 0)
        done = TRUE;
    }

  return TRUE;
}

static void
set_too_large_error (GError **error,
                     guint64  size)
{
  g_autofree char *shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);

  /* Translators: the file’s size, such as “17.0 MiB (17825792 bytes)”, then the limit in MiB */
  g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_TOO_LARGE,
               _("The file is %s; a JSON case is at most %u MiB"),
               shown, (guint) (DLB_JSON_MAX_BYTES / (1024 * 1024)));
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* Whether the text ends inside a string, a comment, a list or an
 * object: what a file cut off in the middle does. */
static gboolean
ends_open (const char *data,
           gsize       length)
{
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '"')
        {
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          if (i >= length)
            return TRUE;
        }
      else if (c == '/' && i + 1 < length && data[i + 1] == '*')
        {
          const char *close = g_strstr_len (data + i + 2, length - i - 2, "*/");

          if (close == NULL)
            return TRUE;
          i = close - data + 1;
        }
      else if (c == '/' && i + 1 < length && data[i + 1] == '/')
        {
          while (i < length && data[i] != '\n')
            i++;
        }
      else if (c == '[' || c == '{')
        depth++;
      else if (c == ']' || c == '}')
        depth--;
    }
  return depth > 0;
}

/* The character at @line and @column (as json-glib counts them, from 1),
 * or NULL past the end. */
static const char *
char_at (const char *data,
         gsize       length,
         int         line,
         int         column)
{
  const char *p = data, *end = data + length;

  for (int l = 1; l < line && p < end; p++)
    if (*p == '\n')
      l++;
  for (int c = 1; c < column && p < end && *p != '\n'; c++)
    p = g_utf8_next_char (p);
  return p < end ? p : NULL;
}

/* What the parser stopped at, in the words of the message, never in
 * json-glib's own (which may be in another language than the rest):
 * the text the scanner let through is a valid sequence of values, so what
 * is left is how they are put together. */
static char *
describe_parse_error (const GError *parse_error,
                      const char   *data,
                      gsize         length,
                      const char   *at)
{
  if (ends_open (data, length))
    return g_strdup (_("the file ends before the case does: a bracket, a brace or a quote is not closed"));

  if (parse_error->domain == JSON_PARSER_ERROR)
    switch (parse_error->code)
      {
      case JSON_PARSER_ERROR_TRAILING_COMMA:
        return g_strdup (_("a comma comes before a closing bracket or brace; remove it"));
      case JSON_PARSER_ERROR_MISSING_COMMA:
        return g_strdup (_("a comma is missing between two values"));
      case JSON_PARSER_ERROR_MISSING_COLON:
        return g_strdup (_("a colon is missing after a member’s name"));
      default:
        break;
      }

  if (at != NULL && g_ascii_ispunct (*at))
    /* Translators: %s is the character, or its code such as U+000C */
    return g_strdup_printf (_("unexpected character “%s”"), (char[]) { *at, '\0' });

  return g_strdup (_("this is not valid JSON: check the brackets, braces, commas and quotes up to here"));
}

/* json-glib says "<data>:3:2: Parse error: …"; people read "Line 3,
 * column 2:" and what is wrong there. */
static void
set_parse_error (GError       **error,
                 const GError  *parse_error,
                 const char    *data,
                 gsize          length)
{
  const char *message = parse_error->message;
  g_autofree char *detail = NULL;
  int line, column;

  if (g_str_has_prefix (message, "<data>:")
      && sscanf (message + strlen ("<data>:"), "%d:%d:", &line, &column) == 2)
    {
      detail = describe_parse_error (parse_error, data, length, char_at (data, length, line, column));
      /* Translators: where in the file, then what is wrong there */
      g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX,
                   _("Line %d, column %d: %s"), line, column, detail);
      return;
    }

  detail = describe_parse_error (parse_error, data, length, NULL);
  /* Translators: %s says what is wrong in the JSON */
  g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX,
               _("The file is not valid JSON: %s"), detail);
}

static JsonParser *
parse (const char  *data,
       gsize        length,
       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *end;

  if (is_blank (data, length))
    {
      g_set_error_literal (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT, _("The file is empty"));
      return NULL;
    }

  if (!g_utf8_validate (data, length, &end))
    {
      set_syntax_error (error, data, end,
                        _("the text is not valid UTF-8; save the file as UTF-8 and try again"));
      return NULL;
    }

  if (!scan_text (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      set_parse_error (error, parse_error, data, length);
      return NULL;
    }

  /* Comments alone make no JSON value either. */
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error_literal (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT, _("The file is empty"));
      return NULL;
    }

  return g_steal_pointer (&parser);
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        default:
          return _("a number");
        }
    }
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* "version": 2, also written 2.0 by some tools. */
static gboolean
node_get_whole_number (JsonNode *node,
                       gint64   *value)
{
  double d;

  if (node_holds (node, G_TYPE_INT64))
    {
      *value = json_node_get_int (node);
      return TRUE;
    }
  if (!node_holds (node, G_TYPE_DOUBLE))
    return FALSE;

  d = json_node_get_double (node);
  if (!isfinite (d) || d != floor (d) || fabs (d) > 1e15)
    return FALSE;
  *value = (gint64) d;
  return TRUE;
}

/* Tells a Deliberate case from any other JSON, and a case this build can
 * read from one written by a newer Deliberate. */
static JsonObject *
check_header (JsonNode  *root,
              guint     *version,
              GError   **error)
{
  JsonObject *object;
  JsonNode *node;
  gint64 number;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Translators: %s says what the file holds instead: “an array” */
      g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT,
                   _("This is not a Deliberate case: the file holds %s, not an object"),
                   describe_node (root));
      return NULL;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "format");
  if (node == NULL)
    {
      g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT,
                   _("This is not a Deliberate case: the member “format” is missing"));
      return NULL;
    }
  if (!node_holds (node, G_TYPE_STRING) || !g_str_equal (json_node_get_string (node), FORMAT_NAME))
    {
      /* Translators: %s is the expected value of "format" */
      g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT,
                   _("This is not a Deliberate case: “format” must be “%s”"), FORMAT_NAME);
      return NULL;
    }

  node = json_object_get_member (object, "version");
  if (node == NULL || !node_get_whole_number (node, &number) || number < 1)
    {
      /* Translators: %d is the newest version of the format */
      g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT,
                   _("The case has no valid “version”: expected a whole number from 1 to %d"),
                   DLB_JSON_FORMAT_VERSION);
      return NULL;
    }
  if (number > DLB_JSON_FORMAT_VERSION)
    {
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      /* Translators: the first number is the file's format version, the
       * second the newest one this program reads */
      g_set_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_TOO_NEW,
                   _("This case was written in version %s of the case format, "
                     "but this version of Deliberate reads up to version %d; "
                     "update Deliberate to open it"),
                   found, DLB_JSON_FORMAT_VERSION);
      return NULL;
    }

  *version = (guint) number;
  return object;
}

/* Reading: validation ----------------------------------------------------- */

/* A reference is checked once every id in the file is known, because the
 * format allows a finding to name a criterion listed after it. */
typedef struct
{
  char    *path;
  char    *id;
  DlbKind  kind;
} Reference;

typedef struct
{
  DlbCase    *kase;
  guint       version;
  GPtrArray  *problems;       /* "path: what is wrong", at most DLB_JSON_MAX_PROBLEMS */
  guint       n_problems;     /* including those not kept */
  GHashTable *id_paths;       /* id -> path of the entity that has it */
  GArray     *references;     /* Reference */
  GPtrArray  *entities;       /* every entity read, with... */
  GPtrArray  *entity_paths;   /* ...its path */
} Reader;

static void
reference_clear (gpointer data)
{
  Reference *ref = data;

  g_free (ref->path);
  g_free (ref->id);
}

static void
reader_init (Reader *r,
             guint   version)
{
  r->kase = dlb_case_new ();
  r->version = version;
  r->problems = g_ptr_array_new_with_free_func (g_free);
  r->n_problems = 0;
  r->id_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->references = g_array_new (FALSE, TRUE, sizeof (Reference));
  g_array_set_clear_func (r->references, reference_clear);
  r->entities = g_ptr_array_new_with_free_func (g_object_unref);
  r->entity_paths = g_ptr_array_new_with_free_func (g_free);
}

static void
reader_clear (Reader *r)
{
  g_clear_object (&r->kase);
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_pointer (&r->id_paths, g_hash_table_unref);
  g_clear_pointer (&r->references, g_array_unref);
  g_clear_pointer (&r->entities, g_ptr_array_unref);
  g_clear_pointer (&r->entity_paths, g_ptr_array_unref);
}

static void
problem (Reader     *r,
         const char *path,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Reader     *r,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  r->n_problems++;
  if (r->problems->len >= DLB_JSON_MAX_PROBLEMS)
    return;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (r->problems, g_strdup_printf ("%s: %s", path, detail));
}

static gboolean
expected (Reader     *r,
          const char *path,
          const char *what,
          JsonNode   *node)
{
  /* Translators: what the format wants and what the file has:
   * “expected a string, got a number” */
  problem (r, path, _("expected %s, got %s"), what, describe_node (node));
  return FALSE;
}

/* Values from the file are quoted in messages; a 4 KiB id would drown the
 * message it belongs to. */
static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (text, -1) <= MAX_QUOTE_CHARS)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, MAX_QUOTE_CHARS - 1);
  return g_strconcat (start, "…", NULL);
}

static char *
child_path (const char *path,
            const char *member)
{
  return g_strdup_printf ("%s.%s", path, member);
}

static char *
element_path (const char *path,
              guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static gboolean
is_valid_id (const char *id)
{
  gsize length = strlen (id);

  if (length < 1 || length > MAX_ID_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
check_id_text (Reader     *r,
               const char *path,
               const char *id)
{
  g_autofree char *quoted = NULL;

  if (is_valid_id (id))
    return TRUE;

  quoted = shorten (id);
  /* Translators: %s is the id found in the file */
  problem (r, path, _("expected an id of 1–64 letters, digits, “-”, “_” or “.”, got “%s”"), quoted);
  return FALSE;
}

static const char *
read_id (Reader     *r,
         const char *path,
         JsonNode   *node)
{
  const char *id;

  if (!node_holds (node, G_TYPE_STRING))
    {
      expected (r, path, _("an id"), node);
      return NULL;
    }
  id = json_node_get_string (node);
  return check_id_text (r, path, id) ? id : NULL;
}

static void
add_reference (Reader     *r,
               const char *path,
               const char *id,
               DlbKind     kind)
{
  Reference ref = { g_strdup (path), g_strdup (id), kind };

  g_array_append_val (r->references, ref);
}

static gboolean
read_number (Reader     *r,
             const char *path,
             JsonNode   *node,
             const char *what,
             double     *value)
{
  if (node_holds (node, G_TYPE_INT64))
    {
      *value = (double) json_node_get_int (node);
      return TRUE;
    }
  if (!node_holds (node, G_TYPE_DOUBLE))
    return expected (r, path, what, node);

  *value = json_node_get_double (node);
  if (!isfinite (*value))
    {
      problem (r, path, _("the number is too large"));
      return FALSE;
    }
  /* -0 is 0: keeps the written form canonical. */
  if (*value == 0)
    *value = 0;
  return TRUE;
}

static gboolean
check_range (Reader     *r,
             const char *path,
             double      value,
             double      minimum,
             double      maximum)
{
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *got = NULL;

  if (value >= minimum && value <= maximum)
    return TRUE;

  low = dlb_json_format_double (minimum);
  high = dlb_json_format_double (maximum);
  got = dlb_json_format_double (value);
  /* Translators: the allowed range, then the value found: “expected 1–5, got 9” */
  problem (r, path, _("expected %s–%s, got %s"), low, high, got);
  return FALSE;
}

static gboolean
read_text (Reader         *r,
           const char     *path,
           const DlbField *field,
           JsonNode       *node,
           GValue         *value)
{
  gsize limit = field->type == DLB_FIELD_STRING ? DLB_FIELD_MAX_LINE_BYTES : DLB_FIELD_MAX_TEXT_BYTES;
  const char *text;

  if (!node_holds (node, G_TYPE_STRING))
    return expected (r, path, _("a string"), node);

  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    {
      problem (r, path, _("the text is not valid UTF-8"));
      return FALSE;
    }
  if (strlen (text) > limit)
    {
      /* Translators: both numbers count bytes */
      problem (r, path, _("expected at most %lu bytes of text, got %lu"),
               (unsigned long) limit, (unsigned long) strlen (text));
      return FALSE;
    }
  if ((field->flags & DLB_FIELD_FLAG_NONEMPTY) && dlb_text_is_blank (text))
    {
      problem (r, path, _("must not be empty"));
      return FALSE;
    }

  g_value_set_string (value, text);
  return TRUE;
}

static gboolean
read_int (Reader         *r,
          const char     *path,
          const DlbField *field,
          JsonNode       *node,
          GValue         *value)
{
  double number;

  if (!read_number (r, path, node, _("a whole number"), &number))
    return FALSE;
  if (number != floor (number))
    {
      g_autofree char *got = dlb_json_format_double (number);

      /* Translators: %s is the number found: “expected a whole number, got 3.5” */
      problem (r, path, _("expected a whole number, got %s"), got);
      return FALSE;
    }
  if (!check_range (r, path, number, field->minimum, field->maximum))
    return FALSE;

  g_value_set_int (value, (int) number);
  return TRUE;
}

static gboolean
read_double (Reader         *r,
             const char     *path,
             const DlbField *field,
             JsonNode       *node,
             GValue         *value)
{
  gboolean nullable = (field->flags & DLB_FIELD_FLAG_NULLABLE) != 0;
  double number;

  /* A nullable field's minimum is its "not set"; in JSON that is null. */
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      g_value_set_double (value, field->minimum);
      return TRUE;
    }
  if (!read_number (r, path, node, nullable ? _("a number or null") : _("a number"), &number))
    return FALSE;
  if (!check_range (r, path, number, nullable ? 0.0 : field->minimum, field->maximum))
    return FALSE;

  g_value_set_double (value, number);
  return TRUE;
}

static gboolean
read_boolean (Reader     *r,
              const char *path,
              JsonNode   *node,
              GValue     *value)
{
  if (!node_holds (node, G_TYPE_BOOLEAN))
    return expected (r, path, _("true or false"), node);

  g_value_set_boolean (value, json_node_get_boolean (node));
  return TRUE;
}

static char *
enum_nicks (GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GString *nicks = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (nicks, ", ");
      g_string_append (nicks, klass->values[i].value_nick);
    }
  return g_string_free (nicks, FALSE);
}

static gboolean
read_enum (Reader         *r,
           const char     *path,
           const DlbField *field,
           JsonNode       *node,
           GValue         *value)
{
  g_autofree char *nicks = NULL;
  g_autofree char *quoted = NULL;
  int number;

  if (!node_holds (node, G_TYPE_STRING))
    return expected (r, path, _("a string"), node);

  if (dlb_enum_from_nick (field->enum_type (), json_node_get_string (node), &number))
    {
      g_value_set_enum (value, number);
      return TRUE;
    }

  nicks = enum_nicks (field->enum_type ());
  quoted = shorten (json_node_get_string (node));
  /* Translators: the allowed values, then the value found:
   * “expected one of open, resolved; got “closed”” */
  problem (r, path, _("expected one of %s; got “%s”"), nicks, quoted);
  return FALSE;
}

static gboolean
read_ref (Reader         *r,
          const char     *path,
          const DlbField *field,
          JsonNode       *node,
          GValue         *value)
{
  const char *id;

  if (JSON_NODE_HOLDS_NULL (node) && !(field->flags & DLB_FIELD_FLAG_REQUIRED))
    return TRUE;

  id = read_id (r, path, node);
  if (id == NULL)
    return FALSE;

  add_reference (r, path, id, field->ref_kind);
  g_value_set_string (value, id);
  return TRUE;
}

/* Every list of the format is bounded; the entries of a longer one are
 * not read at all. */
static gboolean
check_entries (Reader     *r,
               const char *path,
               guint       n)
{
  if (n <= DLB_JSON_MAX_ENTRIES)
    return TRUE;

  /* Translators: the most entries a list may have, then how many it has */
  problem (r, path, _("at most %u entries, got %u"), (guint) DLB_JSON_MAX_ENTRIES, n);
  return FALSE;
}

static gboolean
read_ref_list (Reader         *r,
               const char     *path,
               const DlbField *field,
               JsonNode       *node,
               GValue         *value)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_auto (GStrv) ids = NULL;
  gboolean ok = TRUE;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return expected (r, path, _("an array of ids"), node);

  array = json_node_get_array (node);
  if (!check_entries (r, path, json_array_get_length (array)))
    return FALSE;
  builder = g_strv_builder_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = element_path (path, i);
      const char *id = read_id (r, item_path, json_array_get_element (array, i));
      const char *first;

      if (id == NULL)
        {
          ok = FALSE;
          continue;
        }

      first = g_hash_table_lookup (seen, id);
      if (first != NULL)
        {
          /* Translators: an id, then where it was listed before */
          problem (r, item_path, _("“%s” is already listed at %s"), id, first);
          ok = FALSE;
          continue;
        }
      g_hash_table_insert (seen, (gpointer) id, g_strdup (item_path));

      add_reference (r, item_path, id, field->ref_kind);
      g_strv_builder_add (builder, id);
    }

  if (!ok)
    return FALSE;

  ids = g_strv_builder_end (builder);
  g_value_set_boxed (value, ids);
  return TRUE;
}

static gboolean
read_weights (Reader         *r,
              const char     *path,
              const DlbField *field,
              JsonNode       *node,
              GValue         *value)
{
  g_autoptr(GList) members = NULL;
  GVariantBuilder builder;
  gboolean ok = TRUE;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return expected (r, path, _("an object of criterion ids and weights"), node);

  object = json_node_get_object (node);
  if (!check_entries (r, path, json_object_get_size (object)))
    return FALSE;
  members = json_object_get_members (object);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *id = l->data;
      g_autofree char *item_path = child_path (path, id);
      double weight;

      if (!check_id_text (r, item_path, id)
          || !read_number (r, item_path, json_object_get_member (object, id), _("a number"), &weight)
          || !check_range (r, item_path, weight, 0.0, MAX_WEIGHT))
        {
          ok = FALSE;
          continue;
        }

      add_reference (r, item_path, id, field->ref_kind);
      g_variant_builder_add (&builder, "{sd}", id, weight);
    }

  if (!ok)
    {
      g_variant_builder_clear (&builder);
      return FALSE;
    }

  g_value_set_variant (value, g_variant_builder_end (&builder));
  return TRUE;
}

/* One pairwise comparison: [criterion a, criterion b, how much more a matters]. */
static gboolean
read_pair (Reader         *r,
           const char     *path,
           const DlbField *field,
           JsonNode       *node,
           GHashTable     *compared,
           GVariantBuilder *builder)
{
  g_autofree char *a_path = element_path (path, 0);
  g_autofree char *b_path = element_path (path, 1);
  g_autofree char *ratio_path = element_path (path, 2);
  g_autofree char *key = NULL;
  const char *a, *b, *first;
  JsonArray *triple;
  double ratio;
  gboolean ok;

  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 3)
    return expected (r, path, _("an array [criterion, criterion, ratio]"), node);

  triple = json_node_get_array (node);
  a = read_id (r, a_path, json_array_get_element (triple, 0));
  b = read_id (r, b_path, json_array_get_element (triple, 1));
  ok = a != NULL && b != NULL;
  if (!read_number (r, ratio_path, json_array_get_element (triple, 2), _("a number"), &ratio))
    ok = FALSE;
  else if (ratio < 1.0 / 9.0 - RATIO_SLACK || ratio > 9.0 + RATIO_SLACK)
    {
      g_autofree char *got = dlb_json_format_double (ratio);

      /* Translators: %s is the ratio found */
      problem (r, ratio_path, _("expected a ratio of 1/9–9, got %s"), got);
      ok = FALSE;
    }

  if (a == NULL || b == NULL)
    return FALSE;
  if (g_str_equal (a, b))
    {
      problem (r, path, _("compares “%s” with itself"), a);
      return FALSE;
    }

  /* "a over b" and "b over a" are the same question. */
  key = strcmp (a, b) < 0 ? g_strconcat (a, "/", b, NULL) : g_strconcat (b, "/", a, NULL);
  first = g_hash_table_lookup (compared, key);
  if (first != NULL)
    {
      /* Translators: two criterion ids, then where they were compared before */
      problem (r, path, _("“%s” and “%s” are already compared at %s"), a, b, first);
      return FALSE;
    }
  g_hash_table_insert (compared, g_steal_pointer (&key), g_strdup (path));

  add_reference (r, a_path, a, field->ref_kind);
  add_reference (r, b_path, b, field->ref_kind);
  if (ok)
    g_variant_builder_add (builder, "(ssd)", a, b, ratio);
  return ok;
}

static gboolean
read_pairs (Reader         *r,
            const char     *path,
            const DlbField *field,
            JsonNode       *node,
            GValue         *value)
{
  g_autoptr(GHashTable) compared = NULL;
  GVariantBuilder builder;
  gboolean ok = TRUE;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return expected (r, path, _("an array of comparisons"), node);

  array = json_node_get_array (node);
  if (!check_entries (r, path, json_array_get_length (array)))
    return FALSE;
  compared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssd)"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item_path = element_path (path, i);

      if (!read_pair (r, item_path, field, json_array_get_element (array, i), compared, &builder))
        ok = FALSE;
    }

  if (!ok)
    {
      g_variant_builder_clear (&builder);
      return FALSE;
    }

  g_value_set_variant (value, g_variant_builder_end (&builder));
  return TRUE;
}

static gboolean
read_value (Reader         *r,
            const char     *path,
            const DlbField *field,
            JsonNode       *node,
            GValue         *value)
{
  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
      return read_text (r, path, field, node, value);
    case DLB_FIELD_INT:
      return read_int (r, path, field, node, value);
    case DLB_FIELD_DOUBLE:
      return read_double (r, path, field, node, value);
    case DLB_FIELD_BOOLEAN:
      return read_boolean (r, path, node, value);
    case DLB_FIELD_ENUM:
      return read_enum (r, path, field, node, value);
    case DLB_FIELD_REF:
      return read_ref (r, path, field, node, value);
    case DLB_FIELD_REF_LIST:
      return read_ref_list (r, path, field, node, value);
    case DLB_FIELD_WEIGHTS:
      return read_weights (r, path, field, node, value);
    case DLB_FIELD_PAIRS:
      return read_pairs (r, path, field, node, value);
    default:
      g_assert_not_reached ();
    }
}

/* Reading: entities ------------------------------------------------------- */

static const DlbField *
find_json_field (DlbEntityClass *klass,
                 const char     *name)
{
  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *json_name = dlb_field_json_name (&klass->fields[i]);

      if (!(klass->fields[i].flags & DLB_FIELD_FLAG_INTERNAL) && g_str_equal (json_name, name))
        return &klass->fields[i];
    }
  return NULL;
}

static char *
member_names (DlbEntityClass *klass,
              guint           version)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      g_autofree char *json_name = NULL;

      if ((klass->fields[i].flags & DLB_FIELD_FLAG_INTERNAL) || DLB_FIELD_JSON_SINCE (&klass->fields[i]) > version)
        continue;
      json_name = dlb_field_json_name (&klass->fields[i]);
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, json_name);
    }
  return g_string_free (names, FALSE);
}

/* A typo in a member name would otherwise silently drop what it holds. */
static void
check_members (Reader         *r,
               DlbEntityClass *klass,
               JsonObject     *object,
               const char     *path)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const DlbField *field = find_json_field (klass, l->data);
      g_autofree char *member_path = child_path (path, l->data);

      if (field == NULL)
        {
          g_autofree char *names = member_names (klass, r->version);

          /* Translators: %s lists the members allowed here */
          problem (r, member_path, _("unknown member (expected one of %s)"), names);
        }
      else if (DLB_FIELD_JSON_SINCE (field) > r->version)
        {
          /* Translators: the file's format version, then the version that added the member */
          problem (r, member_path,
                   _("not part of version %u of the case format; set “version” to %u to use it"),
                   r->version, DLB_FIELD_JSON_SINCE (field));
        }
    }
}

static gboolean
field_is_required (guint           index,
                   const DlbField *field)
{
  return index == 0 || (field->flags & (DLB_FIELD_FLAG_NONEMPTY | DLB_FIELD_FLAG_REQUIRED));
}

/* Reads one member into @entity; a missing optional member keeps the
 * field's default. */
static gboolean
read_member (Reader     *r,
             DlbEntity  *entity,
             guint       index,
             JsonObject *object,
             const char *path)
{
  const DlbField *field = dlb_entity_get_field (entity, index);
  g_autofree char *name = dlb_field_json_name (field);
  g_autofree char *member_path = child_path (path, name);
  g_auto (GValue) value = G_VALUE_INIT;
  JsonNode *node;
  gboolean ok;

  if ((field->flags & DLB_FIELD_FLAG_INTERNAL) || DLB_FIELD_JSON_SINCE (field) > r->version)
    return TRUE;

  node = json_object_get_member (object, name);
  if (node == NULL)
    {
      if (!field_is_required (index, field))
        return TRUE;
      problem (r, member_path, _("required, but missing"));
      return FALSE;
    }

  g_value_init (&value, G_VALUE_TYPE (dlb_entity_get_value (entity, index)));
  if (index == 0)
    {
      const char *id = read_id (r, member_path, node);

      if ((ok = id != NULL))
        g_value_set_string (&value, id);
    }
  else
    ok = read_value (r, member_path, field, node, &value);

  if (ok)
    _dlb_entity_set_value (entity, index, &value);
  return ok;
}

#define FIELD_FAILED(failed, index) (((failed) & (G_GUINT64_CONSTANT (1) << (index))) != 0)

/* A score has no id of its own in the file: it is the score of one option
 * on one criterion, and its range must hold its value. */
static gboolean
finish_score (Reader     *r,
              DlbEntity  *entity,
              guint64     failed,
              const char *path)
{
  DlbScore *score = DLB_SCORE (entity);
  g_autofree char *id = NULL;

  if (!FIELD_FAILED (failed, DLB_SCORE_VALUE) && !FIELD_FAILED (failed, DLB_SCORE_LOW)
      && !FIELD_FAILED (failed, DLB_SCORE_HIGH)
      && !(dlb_score_get_low (score) <= dlb_score_get_value (score)
           && dlb_score_get_value (score) <= dlb_score_get_high (score)))
    {
      g_autofree char *low = dlb_json_format_double (dlb_score_get_low (score));
      g_autofree char *value = dlb_json_format_double (dlb_score_get_value (score));
      g_autofree char *high = dlb_json_format_double (dlb_score_get_high (score));

      /* Translators: the three numbers of a score as found in the file */
      problem (r, path, _("expected low ≤ value ≤ high, got low %s, value %s, high %s"),
               low, value, high);
    }

  if (FIELD_FAILED (failed, DLB_SCORE_OPTION) || FIELD_FAILED (failed, DLB_SCORE_CRITERION))
    return FALSE;

  id = dlb_score_make_id (dlb_score_get_option (score), dlb_score_get_criterion (score));
  _dlb_entity_set_string (entity, DLB_SCORE_ID, id);
  return TRUE;
}

/* Makes the entity's id known, so that references can find it. */
static void
register_entity (Reader     *r,
                 DlbEntity  *entity,
                 const char *path)
{
  const char *id = dlb_entity_get_id (entity);
  const char *first = g_hash_table_lookup (r->id_paths, id);
  g_autoptr(GError) error = NULL;

  if (first != NULL && DLB_IS_SCORE (entity))
    {
      /* Translators: an option id, a criterion id, then where they were scored before */
      problem (r, path, _("option “%s” and criterion “%s” are already scored by %s"),
               dlb_score_get_option (DLB_SCORE (entity)),
               dlb_score_get_criterion (DLB_SCORE (entity)), first);
      return;
    }
  if (first != NULL)
    {
      g_autofree char *id_path = child_path (path, "id");

      /* Translators: an id, then the entity that has it already */
      problem (r, id_path, _("“%s” is already used by %s"), id, first);
      return;
    }

  g_hash_table_insert (r->id_paths, g_strdup (id), g_strdup (path));
  if (!dlb_case_append (r->kase, entity, &error))
    problem (r, path, "%s", error->message);
}

static void
read_entity (Reader     *r,
             DlbKind     kind,
             JsonNode   *node,
             const char *path)
{
  DlbEntityClass *klass = dlb_kind_get_class (kind);
  g_autoptr(DlbEntity) entity = NULL;
  guint64 failed = 0;
  gboolean has_id;

  g_assert (klass->n_fields <= 64);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      expected (r, path, _("an object"), node);
      return;
    }

  check_members (r, klass, json_node_get_object (node), path);

  if (kind == DLB_KIND_CASE)
    entity = g_object_ref (DLB_ENTITY (r->kase));
  else
    entity = g_object_new (dlb_kind_get_entity_type (kind), NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    if (!read_member (r, entity, i, json_node_get_object (node), path))
      failed |= G_GUINT64_CONSTANT (1) << i;

  if (kind == DLB_KIND_SCORE)
    has_id = finish_score (r, entity, failed, path);
  else
    has_id = !FIELD_FAILED (failed, 0);

  if (kind != DLB_KIND_CASE && has_id)
    register_entity (r, entity, path);

  g_ptr_array_add (r->entities, g_steal_pointer (&entity));
  g_ptr_array_add (r->entity_paths, g_strdup (path));
}

static void
read_list (Reader     *r,
           DlbKind     kind,
           JsonObject *root)
{
  const char *name = dlb_kind_get_class (kind)->json_name;
  JsonNode *node = json_object_get_member (root, name);
  JsonArray *array;

  /* A case need not have stakeholders, or anything else, yet. */
  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      expected (r, name, _("an array"), node);
      return;
    }

  array = json_node_get_array (node);
  if (!check_entries (r, name, json_array_get_length (array)))
    return;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = element_path (name, i);

      read_entity (r, kind, json_array_get_element (array, i), path);
    }
}

static gboolean
is_top_level_member (const char *name)
{
  if (g_str_equal (name, "format") || g_str_equal (name, "version") || g_str_equal (name, "case"))
    return TRUE;
  for (guint kind = DLB_KIND_STAKEHOLDER; kind <= DLB_N_LIST_KINDS; kind++)
    if (g_str_equal (name, dlb_kind_get_class (kind)->json_name))
      return TRUE;
  return FALSE;
}

static void
check_top_level_members (Reader     *r,
                         JsonObject *root)
{
  g_autoptr(GList) members = json_object_get_members (root);

  for (GList *l = members; l != NULL; l = l->next)
    if (!is_top_level_member (l->data))
      problem (r, l->data,
               _("unknown member (expected one of format, version, case, stakeholders, sources, "
                 "findings, items, criteria, options, scores, perspectives)"));
}

static void
check_references (Reader *r)
{
  for (guint i = 0; i < r->references->len; i++)
    {
      Reference *ref = &g_array_index (r->references, Reference, i);
      DlbEntity *target = dlb_case_lookup (r->kase, ref->id);
      const char *wanted = dlb_kind_get_table (ref->kind);

      if (target == NULL)
        {
          /* Translators: a kind of entity (“source”), then an id */
          problem (r, ref->path, _("no %s has the id “%s”"), wanted, ref->id);
        }
      else if (dlb_entity_get_kind (target) != ref->kind)
        {
          /* Translators: a kind of entity, an id, then the list that has it (“stakeholders”) */
          problem (r, ref->path, _("no %s has the id “%s” (it is one of the %s)"), wanted,
                   ref->id, DLB_ENTITY_GET_CLASS (target)->json_name);
        }
    }
}

/* Once the file passed the format's own checks, the model gets the last
 * word: a rule it enforces on edits holds for imported cases too. */
static void
check_with_model (Reader *r)
{
  for (guint i = 0; i < r->entities->len; i++)
    {
      DlbEntity *entity = g_ptr_array_index (r->entities, i);

      for (guint f = 1; f < dlb_entity_get_n_fields (entity); f++)
        {
          g_autoptr(GError) error = NULL;

          if (dlb_entity_get_field (entity, f)->flags & DLB_FIELD_FLAG_INTERNAL)
            continue;
          if (!dlb_case_validate_value (r->kase, entity, f, dlb_entity_get_value (entity, f), &error))
            problem (r, g_ptr_array_index (r->entity_paths, i), "%s", error->message);
        }
    }
}

static void
set_invalid_error (GError **error,
                   Reader  *r)
{
  g_autofree char *joined = NULL;
  g_autoptr(GString) message = NULL;

  g_ptr_array_add (r->problems, NULL);
  joined = g_strjoinv ("\n", (char **) r->problems->pdata);
  g_ptr_array_remove_index (r->problems, r->problems->len - 1);

  message = g_string_new (joined);
  if (r->n_problems > r->problems->len)
    {
      guint more = r->n_problems - r->problems->len;

      g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "…and %u more problem",
                                           "…and %u more problems", more),
                              more);
    }

  g_set_error_literal (error, DLB_JSON_ERROR, DLB_JSON_ERROR_INVALID, message->str);
}

static DlbCase *
read_root (JsonObject  *root,
           guint        version,
           GError     **error)
{
  DlbCase *kase = NULL;
  JsonNode *case_node;
  Reader r;

  reader_init (&r, version);

  check_top_level_members (&r, root);

  case_node = json_object_get_member (root, "case");
  if (case_node == NULL)
    problem (&r, "case", _("required, but missing"));
  else
    read_entity (&r, DLB_KIND_CASE, case_node, "case");

  for (guint kind = DLB_KIND_STAKEHOLDER; kind <= DLB_N_LIST_KINDS; kind++)
    read_list (&r, kind, root);

  check_references (&r);
  if (r.n_problems == 0)
    check_with_model (&r);

  if (r.n_problems > 0)
    set_invalid_error (error, &r);
  else
    kase = g_steal_pointer (&r.kase);

  reader_clear (&r);
  return kase;
}

/**
 * dlb_json_read_case:
 * @data: the JSON text
 * @length: its length in bytes, or -1 if it ends with a NUL
 * @error: return location for a #GError
 *
 * Reads a case written in the case format. Problems with the content are
 * all collected: the %DLB_JSON_ERROR_INVALID message has one line per
 * problem, each starting with the JSON path of the value at fault.
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set
 */
DlbCase *
dlb_json_read_case (const char  *data,
                    gssize       length,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  guint version = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  if (length < 0)
    length = strlen (data);
  if ((gsize) length > DLB_JSON_MAX_BYTES)
    {
      set_too_large_error (error, length);
      return NULL;
    }

  parser = parse (data, length, error);
  if (parser == NULL)
    return NULL;

  root = check_header (json_parser_get_root (parser), &version, error);
  if (root == NULL)
    return NULL;

  return read_root (root, version, error);
}

/**
 * dlb_json_read_case_from_file:
 * @path: a file in the case format
 * @error: return location for a #GError
 *
 * Like dlb_json_read_case(), from a file. A file that cannot be read, or
 * is not a regular file (a named pipe, a device, a folder), gives a
 * %G_FILE_ERROR naming it; a file larger than %DLB_JSON_MAX_BYTES gives
 * %DLB_JSON_ERROR_TOO_LARGE before it is read; an empty file gives
 * %DLB_JSON_ERROR_FORMAT.
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set
 */
DlbCase *
dlb_json_read_case_from_file (const char  *path,
                              GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = dlb_file_open_regular (path, error);
  if (fd < 0)
    return NULL;

  if (fstat (fd, &st) == 0 && st.st_size > DLB_JSON_MAX_BYTES)
    {
      close (fd);
      set_too_large_error (error, st.st_size);
      return NULL;
    }

  /* Read from the descriptor that was checked, never past the limit even
   * if the file grows meanwhile. */
  data = g_byte_array_sized_new (MIN ((gsize) MAX (st.st_size, 0), DLB_JSON_MAX_BYTES) + 1);
  while (data->len <= DLB_JSON_MAX_BYTES)
    {
      guint8 chunk[64 * 1024];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_basename (path);

          close (fd);
          /* Translators: %s is a file name, then the system's reason */
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not read “%s”: %s"), name, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, chunk, n);
    }
  close (fd);

  if (data->len > DLB_JSON_MAX_BYTES)
    {
      set_too_large_error (error, data->len);
      return NULL;
    }

  return dlb_json_read_case ((const char *) data->data, data->len, error);
}
