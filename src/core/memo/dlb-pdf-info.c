/* dlb-pdf-info.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-pdf-info"

#include "config.h"

#include <string.h>

#include "dlb-pdf-info.h"

/* A memo may come back from anywhere (mail, a shared drive, a viewer that
 * saved an annotation as an incremental update), so the file is read as
 * hostile: every offset is checked against its length, every loop moves
 * forward or stops, nesting and string lengths have a ceiling. Only what
 * the document information needs is read: the last trailer, the cross-
 * reference sections back through /Prev, and one dictionary. */

/* The spec puts startxref in the last 1024 bytes; some writers leave
 * more after %%EOF. */
#define TAIL_BYTES     4096
#define HEADER_BYTES   1024
#define MAX_DEPTH      32
#define MAX_SECTIONS   64
#define MAX_VALUE      (64 * 1024)
#define MAX_DIGITS     18

typedef struct
{
  const guchar *data;
  gsize         len;
  gsize         pos;
} Lexer;

static gboolean
is_space (guchar c)
{
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static gboolean
is_delimiter (guchar c)
{
  return c != 0 && strchr ("()<>[]{}/%", c) != NULL;
}

static gboolean
is_regular (guchar c)
{
  return !is_space (c) && !is_delimiter (c);
}

static void
skip_space (Lexer *lx)
{
  while (lx->pos < lx->len)
    {
      guchar c = lx->data[lx->pos];

      if (is_space (c))
        lx->pos++;
      else if (c == '%')
        {
          while (lx->pos < lx->len && lx->data[lx->pos] != '\r' && lx->data[lx->pos] != '\n')
            lx->pos++;
        }
      else
        break;
    }
}

static gboolean
at (Lexer      *lx,
    const char *text)
{
  gsize n = strlen (text);

  return lx->len - lx->pos >= n && memcmp (lx->data + lx->pos, text, n) == 0;
}

/* A whole token of digits only: object numbers, generations, offsets. */
static gboolean
read_uint (Lexer   *lx,
           guint64 *value)
{
  gsize start;
  guint64 v = 0;

  skip_space (lx);
  start = lx->pos;
  while (lx->pos < lx->len && g_ascii_isdigit (lx->data[lx->pos]))
    {
      if (lx->pos - start >= MAX_DIGITS)
        return FALSE;
      v = v * 10 + (guint64) (lx->data[lx->pos] - '0');
      lx->pos++;
    }
  if (lx->pos == start || (lx->pos < lx->len && is_regular (lx->data[lx->pos])))
    return FALSE;

  *value = v;
  return TRUE;
}

static gboolean
read_keyword (Lexer      *lx,
              const char *word)
{
  gsize n = strlen (word);

  skip_space (lx);
  if (!at (lx, word) || (lx->pos + n < lx->len && is_regular (lx->data[lx->pos + n])))
    return FALSE;

  lx->pos += n;
  return TRUE;
}

static gboolean
read_reference (Lexer   *lx,
                guint64 *number,
                guint64 *generation)
{
  return read_uint (lx, number) && read_uint (lx, generation) && read_keyword (lx, "R");
}

/* Skipping what is not wanted */

static gboolean
skip_literal (Lexer *lx)
{
  guint nesting = 0;

  while (lx->pos < lx->len)
    {
      guchar c = lx->data[lx->pos++];

      if (c == '\\')
        lx->pos += lx->pos < lx->len ? 1 : 0;
      else if (c == '(')
        nesting++;
      else if (c == ')' && --nesting == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
skip_value (Lexer *lx,
            guint  depth)
{
  guchar c;

  if (depth > MAX_DEPTH)
    return FALSE;

  skip_space (lx);
  if (lx->pos >= lx->len)
    return FALSE;

  c = lx->data[lx->pos];
  if (c == '(')
    return skip_literal (lx);

  if (at (lx, "<<") || c == '[')
    {
      const char *end = c == '[' ? "]" : ">>";

      lx->pos += c == '[' ? 1 : 2;
      for (;;)
        {
          skip_space (lx);
          if (lx->pos >= lx->len)
            return FALSE;
          if (at (lx, end))
            {
              lx->pos += strlen (end);
              return TRUE;
            }
          if (!skip_value (lx, depth + 1))
            return FALSE;
        }
    }

  if (c == '<')
    {
      const guchar *close = memchr (lx->data + lx->pos, '>', lx->len - lx->pos);

      if (close == NULL)
        return FALSE;
      lx->pos = (gsize) (close - lx->data) + 1;
      return TRUE;
    }

  if (c == '/')
    lx->pos++;
  else if (!is_regular (c))
    return FALSE;

  /* A name, a number, true, false, null, or a part of "12 0 R". */
  while (lx->pos < lx->len && is_regular (lx->data[lx->pos]))
    lx->pos++;
  return TRUE;
}

/* With @lx at a dictionary, moves it to the value of @key among the
 * dictionary's own entries (not those of dictionaries inside it). */
static gboolean
find_key (Lexer      *lx,
          const char *key)
{
  gsize key_len = strlen (key);

  skip_space (lx);
  if (!at (lx, "<<"))
    return FALSE;
  lx->pos += 2;

  for (;;)
    {
      gsize start;
      guint64 number, generation;

      skip_space (lx);
      if (lx->pos >= lx->len || at (lx, ">>") || lx->data[lx->pos] != '/')
        return FALSE;

      start = ++lx->pos;
      while (lx->pos < lx->len && is_regular (lx->data[lx->pos]))
        lx->pos++;
      if (lx->pos - start == key_len && memcmp (lx->data + start, key, key_len) == 0)
        {
          skip_space (lx);
          return lx->pos < lx->len;
        }

      /* A reference is three tokens; anything else one value. */
      start = lx->pos;
      if (read_reference (lx, &number, &generation))
        continue;
      lx->pos = start;
      if (!skip_value (lx, 1))
        return FALSE;
    }
}

/* Finding things in the file */

static gboolean
find_last (const guchar  *data,
           gsize          from,
           gsize          to,
           const char    *needle,
           gsize         *found)
{
  gsize n = strlen (needle);

  if (to < from || to - from < n)
    return FALSE;

  for (gsize i = to - n + 1; i-- > from;)
    if (data[i] == (guchar) needle[0] && memcmp (data + i, needle, n) == 0)
      {
        *found = i;
        return TRUE;
      }

  return FALSE;
}

/* The last "N G obj" in the file: an object redefined by an update comes
 * after its first definition. Used when the cross-reference sections do
 * not say where it is (a compressed cross-reference stream). */
static gboolean
scan_for_object (const guchar *data,
                 gsize         len,
                 guint64       number,
                 guint64       generation,
                 gsize        *offset)
{
  g_autofree char *needle = g_strdup_printf ("%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " obj",
                                             number, generation);
  gsize n = strlen (needle);
  gsize to = len;
  gsize found;

  while (find_last (data, 0, to, needle, &found))
    {
      if ((found == 0 || !is_regular (data[found - 1]))
          && (found + n == len || !is_regular (data[found + n])))
        {
          *offset = found;
          return TRUE;
        }
      to = found + n - 1;
    }

  return FALSE;
}

typedef struct
{
  gsize    trailer;      /* where the trailer dictionary starts */
  gboolean has_entry;    /* the section lists the object looked for */
  gboolean in_use;
  guint64  offset;
  guint64  generation;
} Section;

/* Reads the cross-reference section at @offset: a table ("xref" ...
 * "trailer" <<...>>) or a stream (N G obj <<...>> stream), whose
 * dictionary serves as the trailer. For a table, also the entry of
 * object @number, if it lists one. */
static gboolean
read_section (const guchar *data,
              gsize         len,
              guint64       offset,
              guint64       number,
              Section      *section)
{
  Lexer lx = { data, len, 0 };
  guint64 first, count, value, generation;

  memset (section, 0, sizeof *section);
  if (offset >= len)
    return FALSE;
  lx.pos = (gsize) offset;

  if (!read_keyword (&lx, "xref"))
    {
      if (!read_uint (&lx, &value) || !read_uint (&lx, &generation) || !read_keyword (&lx, "obj"))
        return FALSE;
      skip_space (&lx);
      section->trailer = lx.pos;
      return TRUE;
    }

  for (;;)
    {
      if (read_keyword (&lx, "trailer"))
        {
          skip_space (&lx);
          section->trailer = lx.pos;
          return TRUE;
        }
      if (!read_uint (&lx, &first) || !read_uint (&lx, &count))
        return FALSE;
      /* Each entry takes at least six bytes ("0 0 n "). */
      if (count > (lx.len - lx.pos) / 6)
        return FALSE;

      for (guint64 i = 0; i < count; i++)
        {
          guchar kind;

          if (!read_uint (&lx, &value) || !read_uint (&lx, &generation))
            return FALSE;
          skip_space (&lx);
          if (lx.pos >= lx.len)
            return FALSE;
          kind = lx.data[lx.pos++];
          if ((kind != 'n' && kind != 'f') || (lx.pos < lx.len && is_regular (lx.data[lx.pos])))
            return FALSE;

          if (first + i == number && !section->has_entry)
            {
              section->has_entry = TRUE;
              section->in_use = kind == 'n';
              section->offset = value;
              section->generation = generation;
            }
        }
    }
}

/* The previous section of an updated file, or FALSE at the first one. */
static gboolean
previous_section (const guchar *data,
                  gsize         len,
                  const Section *section,
                  guint64      *offset)
{
  Lexer lx = { data, len, section->trailer };

  return find_key (&lx, "Prev") && read_uint (&lx, offset);
}

/* Where object @number @generation starts, as the newest section that
 * lists it says, or the last definition in the file. */
static gboolean
locate_object (const guchar *data,
               gsize         len,
               guint64       startxref,
               guint64       number,
               guint64       generation,
               gsize        *offset)
{
  guint64 section_offset = startxref;

  for (guint hop = 0; hop < MAX_SECTIONS; hop++)
    {
      Section section;

      if (!read_section (data, len, section_offset, number, &section))
        break;
      if (section.has_entry)
        {
          Lexer lx = { data, len, 0 };
          guint64 n, g;

          /* Freed or reused under another generation: gone. */
          if (!section.in_use || section.generation != generation || section.offset >= len)
            return FALSE;
          lx.pos = (gsize) section.offset;
          if (read_uint (&lx, &n) && read_uint (&lx, &g) && n == number && g == generation
              && read_keyword (&lx, "obj"))
            {
              *offset = (gsize) section.offset;
              return TRUE;
            }
          /* An offset that misses: the writer miscounted; look for it. */
          break;
        }
      if (!previous_section (data, len, &section, &section_offset))
        break;
    }

  return scan_for_object (data, len, number, generation, offset);
}

/* The string */

static gboolean
append_byte (GByteArray *bytes,
             guchar      c)
{
  if (bytes->len >= MAX_VALUE)
    return FALSE;
  g_byte_array_append (bytes, &c, 1);
  return TRUE;
}

static gboolean
read_literal (Lexer      *lx,
              GByteArray *bytes)
{
  guint nesting = 1;

  lx->pos++;
  while (lx->pos < lx->len)
    {
      guchar c = lx->data[lx->pos++];

      if (c == '\\')
        {
          guchar e;

          if (lx->pos >= lx->len)
            return FALSE;
          e = lx->data[lx->pos++];
          switch (e)
            {
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case '\r':
              /* A backslash at the end of a line continues the string. */
              if (lx->pos < lx->len && lx->data[lx->pos] == '\n')
                lx->pos++;
              continue;
            case '\n':
              continue;
            default:
              if (e >= '0' && e <= '7')
                {
                  guint v = e - '0';

                  for (int i = 0; i < 2 && lx->pos < lx->len
                                  && lx->data[lx->pos] >= '0' && lx->data[lx->pos] <= '7'; i++)
                    v = v * 8 + (guint) (lx->data[lx->pos++] - '0');
                  c = (guchar) (v & 0xFF);
                }
              else
                /* \( \) \\ and, as the spec asks, anything else as itself. */
                c = e;
            }
        }
      else if (c == '(')
        nesting++;
      else if (c == ')' && --nesting == 0)
        return TRUE;
      else if (c == '\r')
        {
          /* An end of line in a string reads as a line feed. */
          if (lx->pos < lx->len && lx->data[lx->pos] == '\n')
            lx->pos++;
          c = '\n';
        }

      if (!append_byte (bytes, c))
        return FALSE;
    }

  return FALSE;
}

static gboolean
read_hex (Lexer      *lx,
          GByteArray *bytes)
{
  int high = -1;

  lx->pos++;
  while (lx->pos < lx->len)
    {
      guchar c = lx->data[lx->pos++];
      int digit;

      if (c == '>')
        return high < 0 || append_byte (bytes, (guchar) (high << 4));
      if (is_space (c))
        continue;
      digit = g_ascii_xdigit_value (c);
      if (digit < 0)
        return FALSE;
      if (high < 0)
        high = digit;
      else
        {
          if (!append_byte (bytes, (guchar) ((high << 4) | digit)))
            return FALSE;
          high = -1;
        }
    }

  return FALSE;
}

/* PDFDocEncoding where it is not Latin-1: 0x18-0x1F and 0x80-0xA0. */
static gunichar
pdf_doc_char (guchar c)
{
  static const gunichar low[8] = {
    0x02D8, 0x02C7, 0x02C6, 0x02D9, 0x02DD, 0x02DB, 0x02DA, 0x02DC,
  };
  static const gunichar high[33] = {
    0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044,
    0x2039, 0x203A, 0x2212, 0x2030, 0x201E, 0x201C, 0x201D, 0x2018,
    0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141, 0x0152, 0x0160,
    0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0xFFFD,
    0x20AC,
  };

  if (c >= 0x18 && c <= 0x1F)
    return low[c - 0x18];
  if (c >= 0x80 && c <= 0xA0)
    return high[c - 0x80];
  if (c == 0xAD)
    return 0xFFFD;
  return c;
}

/* A text string is UTF-16BE after a byte order mark, UTF-8 after its
 * mark (PDF 2.0), PDFDocEncoding otherwise. A NUL or a broken surrogate
 * makes the whole string unreadable rather than cut short. */
static char *
decode_text (const guchar *s,
             gsize         n)
{
  if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
    {
      g_autofree gunichar2 *units = g_new (gunichar2, n / 2);
      glong count = 0;

      for (gsize i = 2; i + 1 < n; i += 2)
        {
          gunichar2 u = (gunichar2) ((s[i] << 8) | s[i + 1]);

          if (u == 0)
            return NULL;
          units[count++] = u;
        }
      return g_utf16_to_utf8 (units, count, NULL, NULL, NULL);
    }

  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
    {
      if (memchr (s, 0, n) != NULL || !g_utf8_validate ((const char *) s + 3, (gssize) n - 3, NULL))
        return NULL;
      return g_strndup ((const char *) s + 3, n - 3);
    }

  {
    g_autoptr(GString) out = g_string_sized_new (n);

    for (gsize i = 0; i < n; i++)
      {
        if (s[i] == 0)
          return NULL;
        g_string_append_unichar (out, pdf_doc_char (s[i]));
      }
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

static char *
read_text (Lexer *lx)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gboolean ok;

  skip_space (lx);
  if (lx->pos >= lx->len)
    return NULL;
  if (lx->data[lx->pos] == '(')
    ok = read_literal (lx, bytes);
  else if (lx->data[lx->pos] == '<' && !at (lx, "<<"))
    ok = read_hex (lx, bytes);
  else
    return NULL;

  return ok ? decode_text (bytes->data, bytes->len) : NULL;
}

/* The value of @key in the dictionary of object @number @generation: a
 * string there, or in the object a reference there points to. */
static char *
read_object_text (const guchar *data,
                  gsize         len,
                  guint64       startxref,
                  guint64       number,
                  guint64       generation,
                  const char   *key,
                  guint         depth)
{
  Lexer lx = { data, len, 0 };
  guint64 n, g;
  gsize offset, start;

  if (depth > 1 || !locate_object (data, len, startxref, number, generation, &offset))
    return NULL;

  lx.pos = offset;
  if (!read_uint (&lx, &n) || !read_uint (&lx, &g) || !read_keyword (&lx, "obj"))
    return NULL;

  if (key == NULL)
    return read_text (&lx);
  if (!find_key (&lx, key))
    return NULL;

  start = lx.pos;
  if (read_reference (&lx, &n, &g))
    return read_object_text (data, len, startxref, n, g, NULL, depth + 1);
  lx.pos = start;
  return read_text (&lx);
}

char *
dlb_pdf_read_info (GBytes     *pdf,
                   const char *key)
{
  const guchar *data;
  gsize len, found, tail;
  guint64 startxref, section_offset, number = 0, generation = 0;
  gboolean has_info = FALSE;
  Lexer lx;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (key != NULL && *key != '\0', NULL);

  data = g_bytes_get_data (pdf, &len);
  if (data == NULL || len < 16)
    return NULL;
  if (!find_last (data, 0, MIN (len, HEADER_BYTES), "%PDF-", &found))
    return NULL;

  tail = len > TAIL_BYTES ? len - TAIL_BYTES : 0;
  if (!find_last (data, tail, len, "startxref", &found))
    return NULL;
  lx = (Lexer) { data, len, found + strlen ("startxref") };
  if (!read_uint (&lx, &startxref) || startxref >= len)
    return NULL;

  /* The last trailer names the document information; an update whose
   * trailer leaves it out keeps the one before. */
  section_offset = startxref;
  for (guint hop = 0; hop < MAX_SECTIONS && !has_info; hop++)
    {
      Section section;

      if (!read_section (data, len, section_offset, G_MAXUINT64, &section))
        return NULL;
      lx = (Lexer) { data, len, section.trailer };
      if (find_key (&lx, "Info"))
        {
          if (!read_reference (&lx, &number, &generation))
            return NULL;
          has_info = TRUE;
        }
      else if (!previous_section (data, len, &section, &section_offset))
        break;
    }
  if (!has_info)
    return NULL;

  return read_object_text (data, len, startxref, number, generation, key, 0);
}
