/* dlb-pdf-tags.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-pdf-tags"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "dlb-layout.h"
#include "dlb-pdf-tags.h"

/* The PDF this completes is the one the drawing library has just written:
 * a classic cross-reference table, dictionaries written out in full, page
 * contents in Flate-compressed streams. Anything else is refused with an
 * error rather than patched by guesswork. */

typedef struct
{
  const char *data;
  gsize       size;
  gsize      *offsets;   /* by object number; 0 when free */
  guint       n_objects;
  gsize       startxref;
  guint       root;
  guint       info;
  GString    *update;    /* the objects appended, after the original */
  GArray     *written;   /* of guint: object numbers, in order written */
  GArray     *at;        /* of gsize: their offsets in the whole file */
} Pdf;

static gboolean
fail (GError    **error,
      const char *what)
{
  g_set_error (error, DLB_LAYOUT_ERROR, DLB_LAYOUT_ERROR_RENDER,
               /* Translators: %s is a technical detail of the PDF file */
               _("The PDF could not be made accessible (%s). Nothing was written."), what);
  return FALSE;
}

static const char *
find (const Pdf  *pdf,
      gsize       from,
      gsize       to,
      const char *needle)
{
  gsize n = strlen (needle);

  to = MIN (to, pdf->size);
  if (from >= to || to - from < n)
    return NULL;
  for (const char *p = pdf->data + from; p + n <= pdf->data + to; p++)
    {
      p = memchr (p, needle[0], (gsize) (pdf->data + to - p));
      if (p == NULL || p + n > pdf->data + to)
        return NULL;
      if (memcmp (p, needle, n) == 0)
        return p;
    }
  return NULL;
}

/* A number after "key" in the text [from, to), or FALSE. */
static gboolean
read_number_after (const char *from,
                   const char *to,
                   const char *key,
                   guint64    *value)
{
  gsize n = strlen (key);
  const char *p;
  char *end;

  for (p = from; p + n <= to; p++)
    if (memcmp (p, key, n) == 0)
      break;
  if (p + n > to)
    return FALSE;
  p += n;
  while (p < to && (*p == ' ' || *p == '\n' || *p == '\r'))
    p++;
  if (p >= to || !g_ascii_isdigit (*p))
    return FALSE;
  *value = g_ascii_strtoull (p, &end, 10);
  return end <= to;
}

static gboolean
read_xref (Pdf     *pdf,
           GError **error)
{
  const char *sx, *p, *trailer;
  guint64 value, first, count;
  char *end;

  sx = find (pdf, pdf->size > 64 ? pdf->size - 64 : 0, pdf->size, "startxref");
  if (sx == NULL)
    return fail (error, "no startxref");
  pdf->startxref = g_ascii_strtoull (sx + 9, &end, 10);
  if (pdf->startxref + 4 >= pdf->size || memcmp (pdf->data + pdf->startxref, "xref", 4) != 0)
    return fail (error, "no classic cross-reference table");

  trailer = find (pdf, pdf->startxref, pdf->size, "trailer");
  if (trailer == NULL)
    return fail (error, "no trailer");
  if (!read_number_after (trailer, pdf->data + pdf->size, "/Size", &value) || value == 0 || value > 1000000)
    return fail (error, "no object count");
  pdf->n_objects = (guint) value;
  pdf->offsets = g_new0 (gsize, pdf->n_objects);
  if (!read_number_after (trailer, pdf->data + pdf->size, "/Root", &value) || value >= pdf->n_objects)
    return fail (error, "no catalog");
  pdf->root = (guint) value;
  if (!read_number_after (trailer, pdf->data + pdf->size, "/Info", &value) || value >= pdf->n_objects)
    return fail (error, "no document information");
  pdf->info = (guint) value;

  p = pdf->data + pdf->startxref + 4;
  while (p < trailer)
    {
      while (p < trailer && g_ascii_isspace (*p))
        p++;
      if (p >= trailer)
        break;
      first = g_ascii_strtoull (p, &end, 10);
      if (end == p)
        return fail (error, "a damaged cross-reference table");
      p = end;
      count = g_ascii_strtoull (p, &end, 10);
      if (end == p || first + count > pdf->n_objects)
        return fail (error, "a damaged cross-reference table");
      p = end;
      while (p < trailer && g_ascii_isspace (*p))
        p++;
      for (guint64 i = 0; i < count; i++, p += 20)
        {
          if (p + 20 > trailer)
            return fail (error, "a short cross-reference table");
          if (p[17] == 'n')
            pdf->offsets[first + i] = g_ascii_strtoull (p, NULL, 10);
        }
    }
  return TRUE;
}

/* Past the literal string that starts at @p: nested parentheses
 * balanced, escapes skipped. */
static const char *
skip_string (const char *p,
             const char *end)
{
  int parens = 1;

  for (p++; p < end && parens > 0; p++)
    if (*p == '\\')
      p++;
    else if (*p == '(')
      parens++;
    else if (*p == ')')
      parens--;
  return MIN (p, end);
}

/* The dictionary of object @number: the text between its "<<" and the
 * matching ">>", strings skipped. */
static gboolean
object_dict (const Pdf   *pdf,
             guint        number,
             const char **start,
             const char **end)
{
  const char *p, *limit = pdf->data + pdf->size;
  int depth = 0;

  if (number >= pdf->n_objects || pdf->offsets[number] == 0 || pdf->offsets[number] >= pdf->size)
    return FALSE;
  p = pdf->data + pdf->offsets[number];
  {
    g_autofree char *head = g_strdup_printf ("%u 0 obj", number);
    gsize n = strlen (head);

    if ((gsize) (limit - p) < n + 3 || memcmp (p, head, n) != 0)
      return FALSE;
    p += n;
  }
  while (p < limit && g_ascii_isspace (*p))
    p++;
  if (p + 2 > limit || p[0] != '<' || p[1] != '<')
    return FALSE;
  *start = p;
  while (p + 1 < limit)
    {
      if (p[0] == '<' && p[1] == '<')
        {
          depth++;
          p += 2;
        }
      else if (p[0] == '>' && p[1] == '>')
        {
          depth--;
          p += 2;
          if (depth == 0)
            {
              *end = p;
              return TRUE;
            }
        }
      else if (*p == '(')
        p = skip_string (p, limit);
      else
        p++;
    }
  return FALSE;
}

static void
begin_object (Pdf   *pdf,
              guint  number)
{
  gsize at = pdf->size + pdf->update->len;

  g_array_append_val (pdf->written, number);
  g_array_append_val (pdf->at, at);
  g_string_append_printf (pdf->update, "%u 0 obj\n", number);
}

/* Writes a new version of object @number: its dictionary with @extra
 * added before the closing ">>". */
static gboolean
extend_dict (Pdf        *pdf,
             guint       number,
             const char *extra)
{
  const char *start, *end;

  if (!object_dict (pdf, number, &start, &end))
    return FALSE;
  begin_object (pdf, number);
  g_string_append_len (pdf->update, start, end - start - 2);
  g_string_append_printf (pdf->update, "%s\n>>\nendobj\n", extra);
  return TRUE;
}

static void
append_text_string (GString    *out,
                    const char *text)
{
  glong n = 0;
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, &n, NULL);

  g_string_append (out, "<FEFF");
  for (glong i = 0; utf16 != NULL && i < n; i++)
    g_string_append_printf (out, "%04X", utf16[i]);
  g_string_append_c (out, '>');
}

/* Content streams */

static GBytes *
convert (GConverter  *converter,
         const char  *data,
         gsize        size,
         GError     **error)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, converter);

  if (!g_output_stream_write_all (out, data, size, NULL, NULL, error) ||
      !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static gboolean
is_delimiter (char c)
{
  return strchr ("()<>[]{}/%", c) != NULL && c != '\0';
}

static gboolean
is_white (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

/* Operators that only set state: they may stand inside or outside an
 * artifact. Everything else draws, or starts drawing. */
static gboolean
is_state_op (const char *op,
             gsize       n)
{
  static const char *ops[] = {
    "q", "cm", "gs", "w", "J", "j", "M", "d", "ri", "i", "rg", "RG", "g", "G", "k", "K",
    "cs", "CS", "sc", "SC", "scn", "SCN", "Tc", "Tw", "Tz", "TL", "Tf", "Tr", "Ts", "Td", "TD",
    "Tm", "T*", "d0", "d1", NULL,
  };

  for (guint i = 0; ops[i] != NULL; i++)
    if (strlen (ops[i]) == n && memcmp (ops[i], op, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
op_is (const char *op,
       gsize       n,
       const char *name)
{
  return strlen (name) == n && memcmp (op, name, n) == 0;
}

/* Copies a page's content, wrapping every run drawn outside marked
 * content in an /Artifact sequence. Marked content, text objects and
 * saved graphics states stay properly nested. */
static gboolean
mark_artifacts (const char  *in,
                gsize        size,
                GString     *out,
                GError     **error)
{
  const char *p = in, *end = in + size, *operands = in;
  int depth = 0, q_depth = 0, art_q = 0;
  gboolean art = FALSE, in_text = FALSE, art_in_text = FALSE;
  gboolean operand_has_mcid = FALSE;
  const char *copied = in;

#define FLUSH_TO(ptr) G_STMT_START { g_string_append_len (out, copied, (ptr) - copied); copied = (ptr); } G_STMT_END

  while (p < end)
    {
      const char *tok = p;

      if (is_white (*p))
        {
          p++;
          continue;
        }
      if (*p == '%')
        {
          while (p < end && *p != '\n' && *p != '\r')
            p++;
          continue;
        }
      if (*p == '(')
        {
          p = skip_string (p, end);
          continue;
        }
      if (*p == '<' && p + 1 < end && p[1] == '<')
        {
          p += 2;
          continue;
        }
      if (*p == '>' && p + 1 < end && p[1] == '>')
        {
          p += 2;
          continue;
        }
      if (*p == '<')
        {
          const char *close = memchr (p, '>', (gsize) (end - p));
          if (close == NULL)
            return fail (error, "an unterminated string in a page");
          p = close + 1;
          continue;
        }
      if (*p == '[' || *p == ']' || *p == '{' || *p == '}')
        {
          p++;
          continue;
        }
      if (*p == '/')
        {
          for (p++; p < end && !is_white (*p) && !is_delimiter (*p); p++)
            ;
          if (p - tok == 5 && memcmp (tok, "/MCID", 5) == 0)
            operand_has_mcid = TRUE;
          continue;
        }
      if (*p == ')' || *p == '>')
        return fail (error, "a stray delimiter in a page");

      /* A number or an operator. */
      for (; p < end && !is_white (*p) && !is_delimiter (*p); p++)
        ;
      if (g_ascii_isdigit (*tok) || *tok == '-' || *tok == '+' || *tok == '.' ||
          op_is (tok, p - tok, "true") || op_is (tok, p - tok, "false") || op_is (tok, p - tok, "null"))
        continue;

      {
        const char *op = tok;
        gsize n = (gsize) (p - tok);

        if (op_is (op, n, "BI") || op_is (op, n, "ID"))
          return fail (error, "an inline image");

        if (op_is (op, n, "BDC") || op_is (op, n, "BMC"))
          {
            if (art && operand_has_mcid)
              {
                if (in_text != art_in_text)
                  return fail (error, "marked content that crosses a text object");
                FLUSH_TO (operands);
                g_string_append (out, "\nEMC\n");
                art = FALSE;
              }
            depth++;
          }
        else if (op_is (op, n, "EMC"))
          {
            if (depth == 0)
              return fail (error, "an unbalanced EMC");
            depth--;
          }
        else if (op_is (op, n, "Q"))
          {
            if (art && q_depth == art_q)
              {
                if (in_text != art_in_text)
                  return fail (error, "a state restored inside a text object");
                FLUSH_TO (operands);
                g_string_append (out, "\nEMC\n");
                art = FALSE;
              }
            q_depth--;
          }
        else if (op_is (op, n, "q"))
          q_depth++;
        else if (op_is (op, n, "ET"))
          {
            if (art && art_in_text)
              {
                FLUSH_TO (operands);
                g_string_append (out, "\nEMC\n");
                art = FALSE;
              }
            in_text = FALSE;
          }
        else if (depth == 0 && !art && !is_state_op (op, n))
          {
            FLUSH_TO (operands);
            g_string_append (out, "\n/Artifact BMC\n");
            art = TRUE;
            art_q = q_depth;
            art_in_text = in_text;
          }
        if (op_is (op, n, "BT"))
          in_text = TRUE;
        operands = p;
        operand_has_mcid = FALSE;
      }
    }
  FLUSH_TO (end);
  if (art)
    g_string_append (out, "\nEMC\n");
  if (depth != 0)
    return fail (error, "unbalanced marked content");
  return TRUE;

#undef FLUSH_TO
}

static gboolean
stream_length (const Pdf  *pdf,
               const char *dict,
               const char *dict_end,
               guint64    *length)
{
  guint64 value;
  const char *key = NULL;

  for (const char *p = dict; p + 7 <= dict_end; p++)
    if (memcmp (p, "/Length", 7) == 0)
      {
        key = p + 7;
        break;
      }
  if (key == NULL || !read_number_after (key, dict_end, "", &value))
    return FALSE;
  {
    /* "/Length 51 0 R": the length is another object. */
    const char *p = key;
    char *e;

    while (p < dict_end && *p == ' ')
      p++;
    g_ascii_strtoull (p, &e, 10);
    while (e < dict_end && *e == ' ')
      e++;
    if (e + 3 <= dict_end && e[0] == '0' && e[1] == ' ' && e[2] == 'R')
      {
        const char *obj;
        g_autofree char *head = NULL;

        if (value >= pdf->n_objects || pdf->offsets[value] == 0)
          return FALSE;
        obj = pdf->data + pdf->offsets[value];
        head = g_strdup_printf ("%u 0 obj", (guint) value);
        if (!read_number_after (obj, MIN (obj + 64, pdf->data + pdf->size), head, &value))
          return FALSE;
      }
  }
  *length = value;
  return TRUE;
}

static gboolean
rewrite_contents (Pdf     *pdf,
                  guint    number,
                  GError **error)
{
  const char *dict, *dict_end, *data;
  guint64 length;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GString) marked = g_string_new (NULL);
  g_autoptr(GZlibDecompressor) inflate = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_autoptr(GZlibCompressor) deflate = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);

  if (!object_dict (pdf, number, &dict, &dict_end))
    return fail (error, "a page without contents");
  if (!stream_length (pdf, dict, dict_end, &length))
    return fail (error, "a stream without a length");
  if (find (pdf, dict - pdf->data, dict_end - pdf->data, "/FlateDecode") == NULL)
    return fail (error, "a page stream that is not compressed");
  data = dict_end;
  while (data < pdf->data + pdf->size && g_ascii_isspace (*data))
    data++;
  if ((gsize) (pdf->data + pdf->size - data) < 7 + length || memcmp (data, "stream", 6) != 0)
    return fail (error, "a damaged page stream");
  data += 6;
  if (*data == '\r')
    data++;
  if (*data == '\n')
    data++;
  if ((gsize) (pdf->data + pdf->size - data) < length)
    return fail (error, "a short page stream");

  plain = convert (G_CONVERTER (inflate), data, length, error);
  if (plain == NULL)
    return FALSE;
  {
    gsize n;
    const char *text = g_bytes_get_data (plain, &n);

    if (!mark_artifacts (text, n, marked, error))
      return FALSE;
  }
  packed = convert (G_CONVERTER (deflate), marked->str, marked->len, error);
  if (packed == NULL)
    return FALSE;

  begin_object (pdf, number);
  g_string_append_printf (pdf->update, "<< /Length %" G_GSIZE_FORMAT "\n   /Filter /FlateDecode\n>>\nstream\n",
                          g_bytes_get_size (packed));
  g_string_append_len (pdf->update, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed));
  g_string_append (pdf->update, "\nendstream\nendobj\n");
  return TRUE;
}

static int
compare_uint (const void *a,
              const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* The cross-reference section of the update: the objects written, by
 * number, runs of consecutive numbers in one subsection. */
static void
write_xref (Pdf *pdf)
{
  gsize xref_at = pdf->size + pdf->update->len;
  guint n = pdf->written->len;
  g_autofree guint *numbers = g_new (guint, MAX (n, 1));
  g_autofree gsize *offsets = g_new0 (gsize, pdf->n_objects);

  for (guint i = 0; i < n; i++)
    {
      numbers[i] = g_array_index (pdf->written, guint, i);
      offsets[numbers[i]] = g_array_index (pdf->at, gsize, i);
    }
  qsort (numbers, n, sizeof (guint), compare_uint);

  g_string_append (pdf->update, "xref\n");
  for (guint i = 0; i < n;)
    {
      guint j = i + 1;

      while (j < n && numbers[j] == numbers[j - 1] + 1)
        j++;
      g_string_append_printf (pdf->update, "%u %u\n", numbers[i], j - i);
      for (guint k = i; k < j; k++)
        g_string_append_printf (pdf->update, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[numbers[k]]);
      i = j;
    }
  g_string_append_printf (pdf->update,
                          "trailer\n<< /Size %u\n   /Root %u 0 R\n   /Info %u 0 R\n   /Prev %" G_GSIZE_FORMAT "\n>>\n"
                          "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          pdf->n_objects, pdf->root, pdf->info, pdf->startxref, xref_at);
}

static const Pdf *sort_pdf;

static int
compare_offset (const void *a,
                const void *b)
{
  gsize x = sort_pdf->offsets[*(const guint *) a], y = sort_pdf->offsets[*(const guint *) b];
  return x < y ? -1 : x > y;
}

static gboolean
dict_has (const Pdf  *pdf,
          const char *start,
          const char *end,
          const char *text)
{
  return find (pdf, start - pdf->data, end - pdf->data, text) != NULL;
}

static gboolean
complete (Pdf                *pdf,
          const char         *language,
          const char * const *alts,
          GError            **error)
{
  g_autofree guint *order = NULL;
  guint n_alts = alts != NULL ? g_strv_length ((char **) alts) : 0;
  guint figure = 0;

  if (!read_xref (pdf, error))
    return FALSE;

  {
    g_autoptr(GString) extra = g_string_new ("   /Lang ");

    append_text_string (extra, language);
    g_string_append (extra, "\n   /ViewerPreferences << /DisplayDocTitle true >>");
    if (!extend_dict (pdf, pdf->root, extra->str))
      return fail (error, "no catalog");
  }

  /* The drawing library writes structure elements in the order of the
   * tree, which for the figures is the order they were drawn in. */
  order = g_new (guint, pdf->n_objects);
  for (guint i = 0; i < pdf->n_objects; i++)
    order[i] = i;
  sort_pdf = pdf;
  qsort (order, pdf->n_objects, sizeof (guint), compare_offset);
  sort_pdf = NULL;

  for (guint k = 0; k < pdf->n_objects; k++)
    {
      guint i = order[k];
      const char *start, *end;

      if (pdf->offsets[i] == 0 || !object_dict (pdf, i, &start, &end))
        continue;
      if (dict_has (pdf, start, end, "/Type /StructElem") && dict_has (pdf, start, end, "/S /Figure\n"))
        {
          g_autoptr(GString) extra = g_string_new ("   /Alt ");

          if (figure >= n_alts)
            return fail (error, "more figures than descriptions");
          append_text_string (extra, alts[figure++]);
          extend_dict (pdf, i, extra->str);
        }
      else if (dict_has (pdf, start, end, "/Type /Page\n") || dict_has (pdf, start, end, "/Type /Page "))
        {
          const char *contents = find (pdf, start - pdf->data, end - pdf->data, "/Contents ");
          guint64 number;

          if (contents == NULL || !read_number_after (contents, end, "/Contents", &number) ||
              number >= pdf->n_objects)
            return fail (error, "a page without contents");
          if (!rewrite_contents (pdf, (guint) number, error))
            return FALSE;
        }
    }
  if (figure != n_alts)
    return fail (error, "fewer figures than descriptions");

  write_xref (pdf);
  return TRUE;
}

GBytes *
dlb_pdf_complete_tags (GBytes             *bytes,
                       const char         *language,
                       const char * const *alts,
                       GError            **error)
{
  Pdf pdf = { 0 };
  GBytes *result = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pdf.data = g_bytes_get_data (bytes, &pdf.size);
  pdf.update = g_string_new (NULL);
  pdf.written = g_array_new (FALSE, FALSE, sizeof (guint));
  pdf.at = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (pdf.data != NULL && complete (&pdf, language, alts, error))
    {
      gsize n = pdf.size + pdf.update->len;
      char *whole = g_malloc (n);

      memcpy (whole, pdf.data, pdf.size);
      memcpy (whole + pdf.size, pdf.update->str, pdf.update->len);
      result = g_bytes_new_take (whole, n);
    }
  else if (pdf.data == NULL)
    fail (error, "an empty file");

  g_free (pdf.offsets);
  g_string_free (pdf.update, TRUE);
  g_array_unref (pdf.written);
  g_array_unref (pdf.at);
  return result;
}
