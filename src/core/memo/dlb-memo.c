/* dlb-memo.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-memo"

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlb-charts.h"
#include "dlb-labels.h"
#include "dlb-memo.h"
#include "dlb-pdf-info.h"
#include "dlb-recommendation.h"

/* What the PDF writer needs from the memo, kept on the document. */
typedef struct
{
  char   *title;
  char   *author;
  char   *subject;
  char   *creator;
  gint64  date;
  DlbMemoStamp *stamp;
  char   *keywords;
} MemoInfo;

static GQuark
memo_info_quark (void)
{
  return g_quark_from_static_string ("dlb-memo-info");
}

static void
memo_info_free (gpointer data)
{
  MemoInfo *info = data;

  g_free (info->title);
  g_free (info->author);
  g_free (info->subject);
  g_free (info->creator);
  g_clear_pointer (&info->stamp, dlb_memo_stamp_free);
  g_free (info->keywords);
  g_free (info);
}

/* The stamp */

#define KEYWORDS_MARK "deliberate-memo"
#define KEYWORDS_VERSION 1

static gboolean
is_lower_hex (const char *s,
              gsize       min,
              gsize       max)
{
  gsize n = strspn (s, "0123456789abcdef");

  return s[n] == '\0' && n >= min && n <= max;
}

DlbMemoStamp *
dlb_memo_stamp_new (const char *fingerprint,
                    const char *case_identity,
                    gint64      journal_position)
{
  DlbMemoStamp *stamp;

  g_return_val_if_fail (fingerprint != NULL && is_lower_hex (fingerprint, 64, 64), NULL);
  g_return_val_if_fail (case_identity == NULL || is_lower_hex (case_identity, 1, 64), NULL);

  stamp = g_new0 (DlbMemoStamp, 1);
  stamp->fingerprint = g_strdup (fingerprint);
  stamp->case_identity = g_strdup (case_identity);
  stamp->journal_position = MAX (journal_position, -1);
  return stamp;
}

DlbMemoStamp *
dlb_memo_stamp_copy (const DlbMemoStamp *stamp)
{
  g_return_val_if_fail (stamp != NULL, NULL);

  return dlb_memo_stamp_new (stamp->fingerprint, stamp->case_identity, stamp->journal_position);
}

void
dlb_memo_stamp_free (DlbMemoStamp *stamp)
{
  if (stamp == NULL)
    return;
  g_free (stamp->fingerprint);
  g_free (stamp->case_identity);
  g_free (stamp);
}

char *
dlb_memo_stamp_dup_short (const DlbMemoStamp *stamp)
{
  g_return_val_if_fail (stamp != NULL, NULL);

  return g_strndup (stamp->fingerprint, DLB_MEMO_SHORT_FINGERPRINT_LENGTH);
}

char *
dlb_memo_stamp_to_keywords (const DlbMemoStamp *stamp)
{
  GString *out;

  g_return_val_if_fail (stamp != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, KEYWORDS_MARK "=%d; sha256=%s", KEYWORDS_VERSION, stamp->fingerprint);
  if (stamp->case_identity != NULL)
    g_string_append_printf (out, "; case=%s", stamp->case_identity);
  if (stamp->journal_position >= 0)
    g_string_append_printf (out, "; journal=%" G_GINT64_FORMAT, stamp->journal_position);
  return g_string_free (out, FALSE);
}

DlbMemoStamp *
dlb_memo_stamp_from_keywords (const char *keywords)
{
  g_auto(GStrv) entries = NULL;
  const char *mark = NULL, *sha = NULL, *identity = NULL, *journal = NULL;
  guint64 position = 0;

  if (keywords == NULL || strlen (keywords) > 4096)
    return NULL;

  entries = g_strsplit (keywords, ";", 32);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);
      char *eq = strchr (entry, '=');
      const char **slot = NULL;

      if (eq == NULL)
        continue;
      *eq = '\0';
      if (g_str_equal (entry, KEYWORDS_MARK))
        slot = &mark;
      else if (g_str_equal (entry, "sha256"))
        slot = &sha;
      else if (g_str_equal (entry, "case"))
        slot = &identity;
      else if (g_str_equal (entry, "journal"))
        slot = &journal;
      /* The first of a repeated entry counts. */
      if (slot != NULL && *slot == NULL)
        *slot = eq + 1;
    }

  if (mark == NULL || sha == NULL || !is_lower_hex (sha, 64, 64))
    return NULL;
  /* A later version that reads differently says so with a new mark. */
  if (!g_str_equal (mark, G_STRINGIFY (KEYWORDS_VERSION)))
    return NULL;
  if (identity != NULL && !is_lower_hex (identity, 1, 64))
    return NULL;
  if (journal != NULL
      && !g_ascii_string_to_unsigned (journal, 10, 0, G_MAXINT64, &position, NULL))
    return NULL;

  return dlb_memo_stamp_new (sha, identity, journal != NULL ? (gint64) position : -1);
}

DlbMemoStamp *
dlb_memo_read_stamp (GBytes *pdf)
{
  g_autofree char *keywords = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);

  keywords = dlb_pdf_read_info (pdf, "Keywords");
  return dlb_memo_stamp_from_keywords (keywords);
}

const DlbMemoStamp *
dlb_memo_get_stamp (DlbDocument *doc)
{
  MemoInfo *info;

  g_return_val_if_fail (DLB_IS_DOCUMENT (doc), NULL);

  info = g_object_get_qdata (G_OBJECT (doc), memo_info_quark ());
  return info != NULL ? info->stamp : NULL;
}

void
dlb_memo_options_init (DlbMemoOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paper = DLB_PAPER_AUTO;
  options->date = -1;
}

/* Paper */

static gboolean
territory_uses_letter (const char *locale)
{
  /* The territories whose standard paper is US Letter. */
  static const char *letter[] = {
    "US", "CA", "MX", "PR", "GT", "SV", "HN", "NI", "CR", "PA", "DO", "CU",
    "VE", "CO", "CL", "PH", "BZ",
  };
  const char *underscore;
  char territory[3] = { 0 };

  if (locale == NULL)
    return FALSE;
  underscore = strchr (locale, '_');
  if (underscore == NULL || strlen (underscore) < 3)
    return FALSE;
  territory[0] = underscore[1];
  territory[1] = underscore[2];
  for (guint i = 0; i < G_N_ELEMENTS (letter); i++)
    if (strcmp (territory, letter[i]) == 0)
      return TRUE;
  return FALSE;
}

DlbPaperSize
dlb_memo_paper_for_locale (const char *locale)
{
  const char *current;

  if (locale != NULL)
    return territory_uses_letter (locale) ? DLB_PAPER_LETTER : DLB_PAPER_A4;

  current = setlocale (LC_PAPER, NULL);
  if (current != NULL && strcmp (current, "C") != 0 && strcmp (current, "POSIX") != 0 &&
      !g_str_has_prefix (current, "C."))
    {
#ifdef _NL_PAPER_WIDTH
      /* The locale's own paper, in millimetres: 216 wide is Letter. */
      intptr_t width = (intptr_t) nl_langinfo (_NL_PAPER_WIDTH);
      if (width > 0)
        return width == 216 ? DLB_PAPER_LETTER : DLB_PAPER_A4;
#endif
      return dlb_memo_paper_for_locale (current);
    }

  /* The program has not set its locale (a command-line export): read the
   * environment the way setlocale would. */
  {
    static const char *variables[] = { "LC_ALL", "LC_PAPER", "LANG" };

    for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
      {
        const char *value = g_getenv (variables[i]);
        if (value != NULL && *value != '\0')
          return dlb_memo_paper_for_locale (value);
      }
  }
  return DLB_PAPER_A4;
}

DlbPaperSize
dlb_memo_resolve_paper (DlbCase      *c,
                        DlbPaperSize  preference)
{
  DlbPaperSize paper;

  g_return_val_if_fail (DLB_IS_CASE (c), DLB_PAPER_A4);

  paper = dlb_case_get_paper_size (c);
  if (paper == DLB_PAPER_AUTO)
    paper = preference;
  if (paper == DLB_PAPER_AUTO)
    paper = dlb_memo_paper_for_locale (NULL);
  return paper;
}

/* Text helpers */

static const char *
nonnull (const char *s)
{
  return s != NULL ? s : "";
}

static const char *
opt_name (DlbResult *r,
          guint      option)
{
  return nonnull (dlb_result_get_option_name (r, option));
}

static const char *
crit_name (DlbResult *r,
           guint      criterion)
{
  return nonnull (dlb_result_get_criterion_name (r, criterion));
}

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

static char *
esc (const char *s)
{
  return g_markup_escape_text (nonnull (s), -1);
}

static char *
percent (double fraction)
{
  /* A no-break space: a number is never split from its sign. */
  return g_strdup_printf ("%.0f %%", fraction * 100);
}

/* Paragraphs separated by blank lines; single line breaks kept. */
static void
add_paragraphs (DlbDocument *doc,
                const char  *text)
{
  g_auto(GStrv) parts = NULL;

  if (!has_text (text))
    return;
  parts = g_regex_split_simple ("\\n\\s*\\n", text, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (parts[i]));
      g_autofree char *markup = NULL;

      if (*stripped == '\0')
        continue;
      markup = esc (stripped);
      dlb_document_add_paragraph (doc, markup);
    }
}

typedef struct
{
  DlbCase     *c;
  DlbResult   *result;
  DlbDocument *doc;
  GHashTable  *source_numbers;   /* id -> GUINT_TO_POINTER (n) */
  GHashTable  *finding_numbers;
  /* Opportunities and risks are numbered apart, O1, O2… and R1, R2…,
   * as their tables list them. */
  GHashTable  *opportunity_numbers;
  GHashTable  *risk_numbers;
} Memo;

static char *
source_refs (Memo               *m,
             const char * const *ids)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (m->source_numbers, ids[i]));

      if (n == 0)
        continue;
      g_string_append_printf (out, "%s[%u]", out->len > 0 ? " " : "", n);
    }
  return g_string_free (out, FALSE);
}

/* Figures: each owns a copy of its data, since the document outlives the
 * case and the result it was built from. */

/* A chart of the memo owns its data: an array of points, cells or bars
 * whose labels live in one string chunk. */
typedef struct
{
  GStringChunk *strings;
  gpointer      items;
  guint         n;
} ChartFigure;

static ChartFigure *
chart_figure_new (gsize chunk_size)
{
  ChartFigure *f = g_new0 (ChartFigure, 1);

  f->strings = g_string_chunk_new (chunk_size);
  return f;
}

static void
chart_figure_free (gpointer data)
{
  ChartFigure *f = data;

  g_string_chunk_free (f->strings);
  g_free (f->items);
  g_free (f);
}

static void
grid_figure_draw (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  data)
{
  ChartFigure *f = data;

  dlb_chart_draw_grid (cr, width, height, f->items, f->n);
}

static void
heat_figure_draw (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  data)
{
  ChartFigure *f = data;

  dlb_chart_draw_heat_map (cr, width, height, f->items, f->n);
}

static void
bar_figure_draw (cairo_t  *cr,
                 double    width,
                 double    height,
                 gpointer  data)
{
  ChartFigure *f = data;

  dlb_chart_draw_bars (cr, width, height, f->items, f->n);
}

typedef struct
{
  GStringChunk        *strings;
  DlbSensitivityLine  *lines;
  DlbSensitivityChart  chart;
} SensitivityFigure;

static void
sensitivity_figure_free (gpointer data)
{
  SensitivityFigure *f = data;

  g_string_chunk_free (f->strings);
  g_free (f->lines);
  g_free (f);
}

static void
sensitivity_figure_draw (cairo_t  *cr,
                         double    width,
                         double    height,
                         gpointer  data)
{
  SensitivityFigure *f = data;

  dlb_chart_draw_sensitivity (cr, width, height, &f->chart);
}

static char *
join_sentences (char **sentences)
{
  return g_strjoinv (" ", sentences);
}

/* Sentences of a chart's description that its caption prints in full. */
#define LONG_CAPTION 12

static void
add_figure (Memo           *m,
            double          height,
            DlbDrawFunc     draw,
            gpointer        data,
            GDestroyNotify  destroy,
            char          **alt)
{
  g_autofree char *text = join_sentences (alt);
  g_autofree char *caption = NULL;

  /* A chart of many series is captioned by its first sentence, so that
   * caption and chart fit a page; the alternative text keeps every
   * figure, and the tables beside the chart print them. */
  if (g_strv_length (alt) > LONG_CAPTION)
    caption = esc (alt[0]);
  else
    caption = esc (text);
  dlb_document_add_figure (m->doc, height, draw, data, destroy, caption, text);
}

/* Sections */

static void
add_header (Memo                 *m,
            const DlbMemoOptions *opts)
{
  DlbCase *c = m->c;
  DlbTable *table;
  g_autofree char *title = esc (has_text (dlb_case_get_title (c)) ? dlb_case_get_title (c) : _("Memorandum"));
  g_autofree char *to = esc (dlb_case_get_memo_to (c));
  g_autofree char *from = NULL;
  g_autofree char *subject = esc (has_text (dlb_case_get_memo_subject (c)) ? dlb_case_get_memo_subject (c)
                                                                           : dlb_case_get_title (c));
  g_autofree char *date_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *to_label = g_markup_printf_escaped ("<b>%s</b>", _("TO:"));
  g_autofree char *from_label = g_markup_printf_escaped ("<b>%s</b>", _("FROM:"));
  g_autofree char *subject_label = g_markup_printf_escaped ("<b>%s</b>", _("SUBJECT:"));
  g_autofree char *date_label = g_markup_printf_escaped ("<b>%s</b>", _("DATE:"));
  const char *memo_date = dlb_case_get_memo_date (c);
  const char *office = dlb_case_get_office (c);

  /* The office the memo comes from goes under the author's name, as a
   * letterhead would put it. */
  if (has_text (office) && has_text (dlb_case_get_memo_from (c)))
    from = g_markup_printf_escaped ("%s\n%s", dlb_case_get_memo_from (c), office);
  else
    from = esc (has_text (office) ? office : dlb_case_get_memo_from (c));

  /* A date the user typed as YYYY-MM-DD reads as a date in the memo's
   * language; anything else is shown as written. */
  if (has_text (memo_date))
    {
      date_text = dlb_format_iso_date (memo_date);
      if (date_text == NULL)
        date_text = g_strdup (memo_date);
    }
  else
    {
      g_autoptr(GDateTime) dt = NULL;
      gint64 seconds = opts->date;

      if (seconds < 0)
        {
          const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
          if (epoch == NULL || !g_ascii_string_to_signed (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
            seconds = -1;
        }
      dt = seconds >= 0 ? g_date_time_new_from_unix_utc (seconds) : g_date_time_new_now_local ();
      date_text = dt != NULL ? g_date_time_format (dt, _("%-d %B %Y")) : g_strdup ("");
    }
  date = esc (date_text);

  dlb_document_add_heading (m->doc, 0, title, NULL);
  table = dlb_document_add_table (m->doc, DLB_TABLE_FIELDS, 2);
  dlb_table_add_row (table, (const char *[]) { to_label, to, NULL });
  dlb_table_add_row (table, (const char *[]) { from_label, from, NULL });
  dlb_table_add_row (table, (const char *[]) { subject_label, subject, NULL });
  dlb_table_add_row (table, (const char *[]) { date_label, date, NULL });
  dlb_document_add_rule (m->doc);

  if (has_text (dlb_case_get_question (c)))
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> %s", _("Decision."), dlb_case_get_question (c));
      dlb_document_add_paragraph (m->doc, markup);
    }
}

static DlbOption *
option_by_id (Memo       *m,
              const char *id)
{
  DlbEntity *e = id != NULL ? dlb_case_lookup_kind (m->c, DLB_KIND_OPTION, id) : NULL;
  return e != NULL ? DLB_OPTION (e) : NULL;
}

static void
add_conditions (Memo              *m,
                DlbRecommendation *rec)
{
  guint count = dlb_recommendation_get_n_conditions (rec);

  if (count == 0)
    return;

  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "It requires this condition, written into the contract, which resolves the finding named:",
                                                          "It requires these %u conditions, written into the contract, each resolving the finding named:",
                                                          count), count);
    g_autofree char *markup = esc (text);
    dlb_document_add_paragraph (m->doc, markup);
  }
  for (guint i = 0; i < count; i++)
    {
      const DlbCondition *condition = dlb_recommendation_get_condition (rec, i);
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (m->finding_numbers, condition->finding_id));
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped ("%s <span foreground=\"#4b5563\">(%s %u: %s)</span>",
                                        condition->condition != NULL ? condition->condition
                                                                     : _("No condition is written yet."),
                                        /* Translators: "finding 3: title" */
                                        _("finding"), number, condition->finding_title);
      dlb_document_add_list_item (m->doc, DLB_LIST_NUMBERED, i + 1, 0, markup);
    }
}

/* The conditions are listed here unless the next steps follow at once
 * and list them, as they do in the brief memo. */
static void
add_recommendation (Memo     *m,
                    gboolean  with_conditions)
{
  DlbDocument *doc = m->doc;
  g_autoptr(DlbRecommendation) rec = dlb_recommendation_new (m->c, m->result);
  g_autofree char *headline = dlb_recommendation_dup_headline (rec, TRUE);
  g_autofree char *summary = dlb_recommendation_dup_summary (rec, TRUE);
  g_autofree char *justification = dlb_recommendation_dup_justification_sentence (rec, TRUE);
  g_autofree char *probability = dlb_recommendation_dup_probability_sentence (rec);
  const char *robust = dlb_recommendation_get_robustness (rec);
  const char *agreement = dlb_recommendation_get_agreement (rec);
  int option = dlb_recommendation_get_option (rec);
  GString *text = g_string_new (summary);

  dlb_document_add_heading (doc, 1, _("Recommendation"), "recommendation");
  dlb_document_add_paragraph (doc, headline);

  if (has_text (robust))
    {
      g_autofree char *e = esc (robust);
      g_string_append_printf (text, " %s", e);
    }
  if (probability != NULL)
    {
      g_autofree char *e = esc (probability);
      g_string_append_printf (text, " %s", e);
    }
  if (agreement != NULL && option >= 0)
    {
      g_autofree char *e = esc (agreement);
      g_string_append_printf (text, " %s", e);
    }
  dlb_document_add_paragraph (doc, text->str);
  g_string_free (text, TRUE);

  if (justification != NULL)
    dlb_document_add_paragraph (doc, justification);

  if (option >= 0)
    {
      DlbOption *shown = option_by_id (m, dlb_recommendation_get_option_id (rec));

      if (shown != NULL && has_text (dlb_option_get_description (shown)))
        {
          g_autofree char *d = esc (dlb_option_get_description (shown));
          dlb_document_add_paragraph (doc, d);
        }
      if (with_conditions)
        add_conditions (m, rec);
    }
}

static void
add_background (Memo *m)
{
  if (!has_text (dlb_case_get_background (m->c)))
    return;
  dlb_document_add_heading (m->doc, 1, _("Background"), "background");
  add_paragraphs (m->doc, dlb_case_get_background (m->c));
}

static void
add_stakeholders (Memo *m)
{
  GListModel *list = dlb_case_get_stakeholders (m->c);
  guint n = g_list_model_get_n_items (list);
  ChartFigure *fig;
  DlbTable *table;
  g_auto(GStrv) alt = NULL;
  const char *header[] = { _("Stakeholder"), _("Group"), _("Role and concern"), _("Power"), _("Interest"), _("Stance"), NULL };

  if (n == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Stakeholders"), "stakeholders");

  fig = chart_figure_new (1024);
  fig->items = dlb_chart_grid_points_from_case (m->c, fig->strings, &fig->n);
  alt = dlb_chart_describe_grid (fig->items, fig->n);
  add_figure (m, 280, grid_figure_draw, fig, chart_figure_free, alt);

  table = dlb_document_add_table (m->doc, DLB_TABLE_GRID, 6);
  dlb_table_set_header (table, header);
  for (guint c = 3; c < 5; c++)
    dlb_table_set_column_max (table, c, 0.09);
  dlb_table_set_column_max (table, 5, 0.11);
  dlb_table_set_column_max (table, 0, 0.20);
  dlb_table_set_column_max (table, 1, 0.14);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbStakeholder) s = g_list_model_get_item (list, i);
      g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", nonnull (dlb_stakeholder_get_name (s)));
      g_autofree char *group = esc (dlb_label_for_group (dlb_stakeholder_get_group (s)));
      g_autofree char *power = g_strdup_printf ("%d", dlb_stakeholder_get_power (s));
      g_autofree char *interest = g_strdup_printf ("%d", dlb_stakeholder_get_interest (s));
      g_autofree char *stance = esc (dlb_label_for_stance (dlb_stakeholder_get_stance (s)));
      GString *about = g_string_new (NULL);

      if (has_text (dlb_stakeholder_get_role (s)))
        {
          g_autofree char *e = esc (dlb_stakeholder_get_role (s));
          g_string_append (about, e);
        }
      if (has_text (dlb_stakeholder_get_concern (s)))
        {
          g_autofree char *e = g_markup_printf_escaped ("%s<i>%s</i> %s", about->len > 0 ? "\n" : "",
                                                        _("Concern:"), dlb_stakeholder_get_concern (s));
          g_string_append (about, e);
        }
      if (dlb_stakeholder_get_consulted (s))
        {
          g_autofree char *e = g_markup_printf_escaped ("%s<i>%s</i> %s", about->len > 0 ? "\n" : "",
                                                        _("Consulted:"),
                                                        has_text (dlb_stakeholder_get_consultation_note (s))
                                                        ? dlb_stakeholder_get_consultation_note (s) : _("yes"));
          g_string_append (about, e);
        }
      dlb_table_add_row (table, (const char *[]) { name, group, about->str, power, interest, stance, NULL });
      g_string_free (about, TRUE);
    }
}

static void
add_findings (Memo *m)
{
  GListModel *list = dlb_case_get_findings (m->c);
  guint n = g_list_model_get_n_items (list);
  guint counts[DLB_N_FINDING_STATUSES];

  if (n == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Privacy and civil-liberties findings"), "findings");

  dlb_findings_count_by_status (list, counts);
  {
    g_autofree char *summary = dlb_findings_dup_status_summary (counts);
    g_autofree char *markup = g_markup_escape_text (summary, -1);

    dlb_document_add_paragraph (m->doc, markup);
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbFinding) f = g_list_model_get_item (list, i);
      g_autofree char *refs = source_refs (m, dlb_finding_get_sources (f));
      GString *markup = g_string_new (NULL);
      g_autofree char *title = g_markup_printf_escaped ("<b>%s</b>\n", nonnull (dlb_finding_get_title (f)));
      g_autofree char *facts = g_markup_printf_escaped ("<span size=\"small\" foreground=\"#374151\">%s %s · %s %s · %s %s</span>",
                                                        _("Severity:"), dlb_label_for_level (dlb_finding_get_severity (f)),
                                                        _("Likelihood:"), dlb_label_for_level (dlb_finding_get_likelihood (f)),
                                                        _("Status:"), dlb_label_for_status (dlb_finding_get_status (f)));

      g_string_append (markup, title);
      g_string_append (markup, facts);
      if (has_text (dlb_finding_get_detail (f)))
        {
          g_autofree char *e = esc (dlb_finding_get_detail (f));
          g_string_append_printf (markup, "\n%s", e);
        }
      if (has_text (dlb_finding_get_condition (f)))
        {
          g_autofree char *e = g_markup_printf_escaped ("\n<i>%s</i> %s", _("Required condition:"),
                                                        dlb_finding_get_condition (f));
          g_string_append (markup, e);
        }
      if (*refs != '\0')
        {
          g_autofree char *e = g_markup_printf_escaped (" <span foreground=\"#4b5563\">%s</span>", refs);
          g_string_append (markup, e);
        }
      dlb_document_add_list_item (m->doc, DLB_LIST_NUMBERED, (int) i + 1, 0, markup->str);
      g_string_free (markup, TRUE);
    }
}

/* "O2", "R1": the number an opportunity or a risk has in its table. */
static char *
item_label (Memo    *m,
            DlbItem *item)
{
  gboolean risk = dlb_item_get_kind (item) == DLB_ITEM_RISK;
  GHashTable *numbers = risk ? m->risk_numbers : m->opportunity_numbers;

  return g_strdup_printf ("%s%u", risk ? "R" : "O",
                          GPOINTER_TO_UINT (g_hash_table_lookup (numbers, dlb_item_get_id (item))));
}

static void
add_items_table (Memo        *m,
                 DlbItemKind  kind,
                 const char  *title)
{
  GListModel *list = dlb_case_get_items (m->c);
  guint n = g_list_model_get_n_items (list);
  DlbTable *table = NULL;
  const char *header[] = { "#", title, _("Likelihood"), _("Impact"), _("Sources"), NULL };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbItem) item = g_list_model_get_item (list, i);
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      g_autofree char *lik = NULL;
      g_autofree char *imp = NULL;
      g_autofree char *refs = NULL;

      if (dlb_item_get_kind (item) != kind)
        continue;
      if (table == NULL)
        {
          g_autofree char *h = esc (title);
          dlb_document_add_heading (m->doc, 2, h, NULL);
          table = dlb_document_add_table (m->doc, DLB_TABLE_GRID, 5);
          dlb_table_set_header (table, header);
          dlb_table_set_column_max (table, 0, 0.07);
          dlb_table_set_column_max (table, 2, 0.12);
          dlb_table_set_column_max (table, 3, 0.1);
          dlb_table_set_column_max (table, 4, 0.12);
        }
      id = item_label (m, item);
      text = has_text (dlb_item_get_detail (item))
             ? g_markup_printf_escaped ("<b>%s</b>\n%s", nonnull (dlb_item_get_title (item)), dlb_item_get_detail (item))
             : g_markup_printf_escaped ("<b>%s</b>", nonnull (dlb_item_get_title (item)));
      lik = g_strdup_printf ("%d", dlb_item_get_likelihood (item));
      imp = g_strdup_printf ("%d", dlb_item_get_impact (item));
      refs = source_refs (m, dlb_item_get_sources (item));
      dlb_table_add_row (table, (const char *[]) { id, text, lik, imp, refs, NULL });
    }
}

static void
add_items (Memo *m)
{
  GListModel *list = dlb_case_get_items (m->c);
  guint n = g_list_model_get_n_items (list);
  ChartFigure *fig;
  g_auto(GStrv) alt = NULL;

  if (n == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Opportunities and risks"), "opportunities-risks");

  fig = chart_figure_new (256);
  fig->items = dlb_chart_heat_items_from_case (m->c, fig->strings, &fig->n);
  alt = dlb_chart_describe_heat_map (fig->items, fig->n);
  add_figure (m, 190, heat_figure_draw, fig, chart_figure_free, alt);

  add_items_table (m, DLB_ITEM_OPPORTUNITY, _("Opportunities"));
  add_items_table (m, DLB_ITEM_RISK, _("Risks"));
}

/* Options in one table: more would leave each a column too narrow for
 * its heading. Wider cases get several tables, each repeating the
 * criteria and their weights. */
#define MATRIX_GROUP 6
/* Bars in one figure, so that a figure stays readable on a page. */
#define BARS_PER_FIGURE 25

static void
add_matrix_group (Memo     *m,
                  guint     first,
                  guint     end,
                  gboolean  split)
{
  DlbResult *r = m->result;
  guint n_crit = dlb_result_get_n_criteria (r), n_opt = dlb_result_get_n_options (r);
  int winner = dlb_result_get_winner (r);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  DlbTable *table;

  if (split)
    {
      g_autofree char *title = g_strdup_printf (/* Translators: a part of the decision matrix, e.g. "Options 1–6 of 30" */
                                                _("Options %u–%u of %u"), first + 1, end, n_opt);
      g_autofree char *markup = esc (title);
      dlb_document_add_heading (m->doc, 2, markup, NULL);
    }

  g_ptr_array_add (header, esc (_("Criterion")));
  g_ptr_array_add (header, esc (_("Weight")));
  for (guint o = first; o < end; o++)
    {
      g_autofree char *label = dlb_chart_option_label (r, o);
      g_ptr_array_add (header, g_markup_printf_escaped ((int) o == winner ? "<b>%s</b>" : "%s", label));
    }
  g_ptr_array_add (header, NULL);
  table = dlb_document_add_table (m->doc, DLB_TABLE_GRID, end - first + 2);
  dlb_table_set_header (table, (const char * const *) header->pdata);
  for (guint c = 1; c < end - first + 2; c++)
    dlb_table_set_column_align (table, c, PANGO_ALIGN_RIGHT);

  for (guint k = 0; k < n_crit; k++)
    {
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *weight = percent (dlb_result_get_weight (r, k));

      if (dlb_result_criterion_has_minimum (r, k))
        g_ptr_array_add (row, g_markup_printf_escaped ("%s\n<span size=\"small\" foreground=\"#4b5563\">%s %.1f</span>",
                                                       crit_name (r, k), _("gate: at least"),
                                                       dlb_result_get_criterion_minimum (r, k)));
      else
        g_ptr_array_add (row, esc (crit_name (r, k)));
      g_ptr_array_add (row, esc (weight));
      for (guint o = first; o < end; o++)
        {
          if (dlb_result_is_unscored (r, o, k))
            g_ptr_array_add (row, g_strdup ("–"));
          else
            g_ptr_array_add (row, g_strdup_printf ("%.1f", dlb_result_get_score (r, o, k)));
        }
      g_ptr_array_add (row, NULL);
      dlb_table_add_row (table, (const char * const *) row->pdata);
    }
  {
    g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (row, g_markup_printf_escaped ("<b>%s</b>", _("Weighted total")));
    g_ptr_array_add (row, percent (1));
    for (guint o = first; o < end; o++)
      g_ptr_array_add (row, g_strdup_printf ("<b>%.2f</b>", dlb_result_get_total (r, o)));
    g_ptr_array_add (row, NULL);
    dlb_table_add_row (table, (const char * const *) row->pdata);
  }
  {
    g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

    g_ptr_array_add (row, esc (_("Place")));
    g_ptr_array_add (row, g_strdup (""));
    for (guint o = first; o < end; o++)
      g_ptr_array_add (row, dlb_result_is_disqualified (r, o)
                            ? esc (_("out (gate)"))
                            : g_strdup_printf ("%u", dlb_result_get_place (r, o)));
    g_ptr_array_add (row, NULL);
    dlb_table_add_row (table, (const char * const *) row->pdata);
  }
}

/* The totals as bars, BARS_PER_FIGURE to a figure on one scale; each
 * figure's alternative text lists its own bars. */
static void
add_bar_figures (Memo        *m,
                 ChartFigure *all)
{
  double width;
  guint n_figures = (all->n + BARS_PER_FIGURE - 1) / BARS_PER_FIGURE;
  const DlbBar *bars = all->items;

  dlb_document_get_text_area (m->doc, NULL, NULL, &width, NULL);
  for (guint f = 0; f < n_figures; f++)
    {
      ChartFigure *fig = chart_figure_new (256);
      guint first = f * all->n / n_figures;
      guint n = (f + 1) * all->n / n_figures - first;
      DlbBar *part = g_new0 (DlbBar, n);
      g_auto(GStrv) alt = NULL;

      for (guint i = 0; i < n; i++)
        {
          part[i] = bars[first + i];
          part[i].label = g_string_chunk_insert_const (fig->strings, bars[first + i].label);
        }
      fig->items = part;
      fig->n = n;
      alt = dlb_chart_describe_bars (part, n);
      add_figure (m, dlb_chart_bars_height (part, n, width), bar_figure_draw, fig, chart_figure_free, alt);
    }
  chart_figure_free (all);
}

static void
add_matrix (Memo *m)
{
  DlbResult *r = m->result;
  guint n_crit = dlb_result_get_n_criteria (r), n_opt = dlb_result_get_n_options (r);
  ChartFigure *fig;
  DlbBar *bars;

  if (n_crit == 0 || n_opt == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Decision matrix"), "decision-matrix");

  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "Each option is scored from 0 to 10 on %u criterion, weighted by %s; "
                                                          "a total is the weighted mean of its scores.",
                                                          "Each option is scored from 0 to 10 on %u criteria, weighted by %s; "
                                                          "a total is the weighted mean of its scores.", n_crit),
                                             n_crit, dlb_phrase_for_weighting (dlb_result_get_weighting (r)));
    g_autofree char *markup = esc (text);
    dlb_document_add_paragraph (m->doc, markup);
  }
  if (dlb_result_get_ahp (r) != NULL)
    {
      const DlbAhpConsistency *ahp = dlb_result_get_ahp (r);
      g_autofree char *text = g_strdup_printf (ahp->inconsistent
                                               ? _("The pairwise comparisons are inconsistent (consistency ratio %.2f, above 0.10): "
                                                   "revisit them before relying on the weights.")
                                               : _("The pairwise comparisons are consistent (consistency ratio %.2f)."),
                                               ahp->cr);
      g_autofree char *markup = esc (text);
      dlb_document_add_note (m->doc, markup);
    }

  /* Options whose names would not fit a column heading are headed by
   * their number, and named in full once, here. */
  for (guint o = 0; o < n_opt; o++)
    if (dlb_chart_option_label_is_number (r, o))
      {
        g_autofree char *label = dlb_chart_option_label (r, o);
        g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>: %s", label, opt_name (r, o));
        dlb_document_add_note (m->doc, markup);
      }

  {
    /* Groups as even as the count allows: 40 options are 5 or 6 a table. */
    guint n_groups = (n_opt + MATRIX_GROUP - 1) / MATRIX_GROUP;

    for (guint g = 0; g < n_groups; g++)
      add_matrix_group (m, g * n_opt / n_groups, (g + 1) * n_opt / n_groups, n_groups > 1);
  }

  fig = chart_figure_new (256);
  bars = dlb_chart_bars_from_result (r, fig->strings, &fig->n);
  fig->items = bars;
  add_bar_figures (m, fig);

  /* Gates */
  for (guint o = 0; o < n_opt; o++)
    {
      guint n_fail = 0;
      const DlbGateFailure *fails = dlb_result_get_gate_failures (r, o, &n_fail);

      for (guint i = 0; i < n_fail; i++)
        {
          g_autofree char *text = NULL;
          g_autofree char *markup = NULL;

          text = dlb_gate_failure_sentence (r, o, &fails[i]);
          markup = esc (text);
          dlb_document_add_list_item (m->doc, DLB_LIST_BULLET, 0, 0, markup);
        }
    }

  {
    const char * const *warnings = dlb_result_get_warnings (r);

    for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
      {
        g_autofree char *markup = esc (warnings[i]);
        dlb_document_add_note (m->doc, markup);
      }
  }
}

static void
add_sensitivity (Memo *m)
{
  DlbResult *r = m->result;
  guint n_crit = dlb_result_get_n_criteria (r), n_opt = dlb_result_get_n_options (r);
  int winner = dlb_result_get_winner (r);
  const DlbRobustness *robust = dlb_result_get_robustness (r);
  guint n_persp = dlb_result_get_n_perspectives (r);
  const char *header[] = { _("Criterion"), _("Weight now"), _("Winner holds from – to"), _("Below, first is"),
                           _("Above, first is"), NULL };

  if (winner < 0 && n_persp == 0)
    return;
  if (n_crit == 0 || n_opt == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Sensitivity and perspectives"), "sensitivity");

  if (winner >= 0)
    {
      DlbTable *table;
      int focus = robust != NULL ? robust->criterion : -1;

      {
        g_autofree char *text = g_strdup_printf (_("How far each criterion’s weight can move, the others rescaled in proportion, "
                                                   "before %s stops ranking first."), opt_name (r, (guint) winner));
        g_autofree char *markup = esc (text);
        dlb_document_add_paragraph (m->doc, markup);
      }
      table = dlb_document_add_table (m->doc, DLB_TABLE_GRID, 5);
      dlb_table_set_header (table, header);
      dlb_table_set_column_align (table, 1, PANGO_ALIGN_RIGHT);
      dlb_table_set_column_align (table, 2, PANGO_ALIGN_RIGHT);
      for (guint k = 0; k < n_crit; k++)
        {
          const DlbSensitivity *s = dlb_result_get_sensitivity (r, k);
          g_autofree char *name = NULL;
          g_autofree char *now = NULL;
          g_autofree char *from = NULL;
          g_autofree char *to = NULL;
          g_autofree char *range = NULL;
          g_autofree char *below = NULL;
          g_autofree char *above = NULL;

          if (s == NULL || !s->valid)
            continue;
          name = g_markup_printf_escaped ((int) k == focus ? "<b>%s</b>" : "%s", crit_name (r, k));
          now = percent (s->weight);
          from = percent (s->holds_from);
          to = percent (s->holds_to);
          range = g_strdup_printf ("%s – %s", from, to);
          below = s->below >= 0 ? esc (opt_name (r, (guint) s->below)) : g_strdup ("—");
          above = s->above >= 0 ? esc (opt_name (r, (guint) s->above)) : g_strdup ("—");
          dlb_table_add_row (table, (const char *[]) { name, now, range, below, above, NULL });
        }

      /* The chart follows the criterion the engine finds most sensitive,
       * else the heaviest one. */
      if (focus < 0)
        {
          double best = -1;
          for (guint k = 0; k < n_crit; k++)
            if (dlb_result_get_weight (r, k) > best)
              {
                best = dlb_result_get_weight (r, k);
                focus = (int) k;
              }
        }
      if (focus >= 0)
        {
          SensitivityFigure *fig = g_new0 (SensitivityFigure, 1);
          g_auto(GStrv) alt = NULL;
          fig->strings = g_string_chunk_new (256);
          fig->lines = dlb_chart_sensitivity_from_result (r, (guint) focus, fig->strings, &fig->chart);
          alt = dlb_chart_describe_sensitivity (&fig->chart);
          {
            double width;

            dlb_document_get_text_area (m->doc, NULL, NULL, &width, NULL);
            add_figure (m, dlb_chart_sensitivity_height (&fig->chart, width), sensitivity_figure_draw, fig,
                        sensitivity_figure_free, alt);
          }
        }
    }

  if (n_persp > 0)
    {
      DlbTable *table;
      const char *pheader[] = { _("Perspective"), _("First under its weights"), _("Agrees"), NULL };

      dlb_document_add_heading (m->doc, 2, _("Stakeholder perspectives"), NULL);
      {
        g_autofree char *markup = esc (dlb_result_get_agreement_sentence (r));
        dlb_document_add_paragraph (m->doc, markup);
      }
      table = dlb_document_add_table (m->doc, DLB_TABLE_GRID, 3);
      dlb_table_set_header (table, pheader);
      dlb_table_set_column_max (table, 2, 0.12);
      for (guint p = 0; p < n_persp; p++)
        {
          const DlbPerspectiveOutcome *o = dlb_result_get_perspective_outcome (r, p);
          g_autofree char *name = NULL;
          g_autofree char *first = NULL;
          g_autofree char *agrees = NULL;

          if (o == NULL)
            continue;
          name = esc (nonnull (o->name));
          if (o->weights_all_zero || o->winner < 0)
            first = esc (_("no winner"));
          else if (o->tied)
            first = g_markup_printf_escaped ("%s %s", opt_name (r, (guint) o->winner), _("(tied)"));
          else
            first = esc (opt_name (r, (guint) o->winner));
          agrees = esc (o->agrees ? _("yes") : _("no"));
          dlb_table_add_row (table, (const char *[]) { name, first, agrees, NULL });
        }
    }
}

/* What follows from the decision. Conditions appear as conditions only
 * when the recommended option is the conditional one, whose contract
 * answers findings; under any other recommendation (decline, or sign as
 * proposed) the open findings are listed as what the decision rests on,
 * not as contract terms, and the first step is to carry the decision out
 * and say so. Without a recommendation, each open finding is a decision
 * still to make. */
static void
add_next_steps (Memo *m)
{
  g_autoptr(DlbRecommendation) rec = dlb_recommendation_new (m->c, m->result);
  DlbOption *chosen = dlb_recommendation_get_option (rec) >= 0
                      ? option_by_id (m, dlb_recommendation_get_option_id (rec)) : NULL;
  const char * const *resolves = chosen != NULL ? dlb_option_get_resolves (chosen) : NULL;
  gboolean conditional = resolves != NULL && resolves[0] != NULL;
  GListModel *findings = dlb_case_get_findings (m->c);
  GListModel *stakeholders = dlb_case_get_stakeholders (m->c);
  guint nf = g_list_model_get_n_items (findings), ns = g_list_model_get_n_items (stakeholders);
  int step = 0;
  GString *unconsulted = g_string_new (NULL);
  guint n_unconsulted = 0;
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);

  dlb_document_add_heading (m->doc, 1, conditional ? _("Conditions and next steps") : _("Next steps"),
                            "next-steps");

  if (chosen != NULL && !conditional)
    {
      /* Translators: the first next step under a recommendation that sets no conditions; %s is the option */
      g_autofree char *markup = g_markup_printf_escaped (_("Carry out the recommendation, “%s”, and tell the "
                                                           "proposing agency and the stakeholders of the decision "
                                                           "and its reasons."),
                                                         nonnull (dlb_option_get_name (chosen)));

      dlb_document_add_list_item (m->doc, DLB_LIST_NUMBERED, ++step, 0, markup);
    }

  for (guint i = 0; i < nf; i++)
    {
      g_autoptr(DlbFinding) f = g_list_model_get_item (findings, i);
      DlbFindingStatus status = dlb_finding_get_status (f);
      g_autofree char *markup = NULL;

      if (status == DLB_FINDING_RESOLVED || status == DLB_FINDING_ACCEPTED)
        continue;

      if (chosen != NULL && !conditional)
        {
          /* Translators: an open finding listed as a reason for the decision: number, title */
          g_ptr_array_add (reasons, g_markup_printf_escaped (_("Finding %u: %s"), i + 1,
                                                             nonnull (dlb_finding_get_title (f))));
          continue;
        }

      if (conditional && g_strv_contains (resolves, dlb_finding_get_id (f)) && has_text (dlb_finding_get_condition (f)))
        markup = g_markup_printf_escaped ("%s <span foreground=\"#4b5563\">(%s %u)</span>",
                                          dlb_finding_get_condition (f), _("finding"), i + 1);
      else
        markup = g_markup_printf_escaped (_("Decide how to answer finding %u, “%s”: no condition resolves it yet."),
                                          i + 1, nonnull (dlb_finding_get_title (f)));
      dlb_document_add_list_item (m->doc, DLB_LIST_NUMBERED, ++step, 0, markup);
    }

  for (guint i = 0; i < ns; i++)
    {
      g_autoptr(DlbStakeholder) s = g_list_model_get_item (stakeholders, i);

      if (dlb_stakeholder_get_consulted (s))
        continue;
      if (n_unconsulted++ < 12)
        g_string_append_printf (unconsulted, "%s%s", unconsulted->len > 0 ? ", " : "",
                                nonnull (dlb_stakeholder_get_name (s)));
    }
  if (n_unconsulted > 0)
    {
      g_autofree char *text = NULL;
      g_autofree char *markup = NULL;

      if (n_unconsulted > 12)
        g_string_append_printf (unconsulted, g_dngettext (GETTEXT_PACKAGE, ", and %u more", ", and %u more",
                                                          n_unconsulted - 12), n_unconsulted - 12);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Consult the %u stakeholder not yet consulted: %s.",
                                           "Consult the %u stakeholders not yet consulted: %s.", n_unconsulted),
                              n_unconsulted, unconsulted->str);
      markup = esc (text);
      dlb_document_add_list_item (m->doc, DLB_LIST_NUMBERED, ++step, 0, markup);
    }
  g_string_free (unconsulted, TRUE);

  if (reasons->len > 0)
    {
      g_autofree char *intro = esc (g_dngettext (GETTEXT_PACKAGE,
                                                 "The recommendation rests on this finding, which no condition answers:",
                                                 "The recommendation rests on these findings, which no condition answers:",
                                                 reasons->len));

      dlb_document_add_paragraph (m->doc, intro);
      for (guint i = 0; i < reasons->len; i++)
        dlb_document_add_list_item (m->doc, DLB_LIST_BULLET, i + 1, 0, g_ptr_array_index (reasons, i));
    }

  if (step == 0 && reasons->len == 0)
    {
      g_autofree char *markup = esc (_("No finding is open and every stakeholder has been consulted."));
      dlb_document_add_paragraph (m->doc, markup);
    }
}

/* The audit trail: every gesture with its time, oldest first, as a
 * reader follows how the case came to be what the memo says. */
static void
add_history (Memo      *m,
             GPtrArray *history)
{
  if (!dlb_case_get_memo_history (m->c))
    return;

  dlb_document_add_heading (m->doc, 1, _("History of this case"), "history");
  if (history == NULL)
    {
      dlb_document_add_paragraph (m->doc, _("The history is kept in the case file; this memo was made "
                                            "without it, from an export that does not carry it."));
      return;
    }
  if (history->len == 0)
    {
      dlb_document_add_paragraph (m->doc, _("No change has been made to the case since it was created."));
      return;
    }

  for (guint i = history->len; i-- > 0;)
    {
      DlbHistoryGroup *g = g_ptr_array_index (history, i);
      g_autofree char *when = dlb_history_format_time (g->time);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autofree char *head = g_markup_printf_escaped ("<b>%s</b> — %s", when, g->heading);

      g_string_append (markup, head);
      for (guint k = 0; g->changes[k] != NULL; k++)
        {
          g_autofree char *line = g_markup_printf_escaped ("\n• %s", g->changes[k]);

          g_string_append (markup, line);
        }
      dlb_document_add_paragraph (m->doc, markup->str);
    }
}

/* The numbered sources; with @only (a set of source ids), just those,
 * keeping the numbers of the full list. */
static void
add_sources (Memo       *m,
             GHashTable *only)
{
  GListModel *list = dlb_case_get_sources (m->c);
  guint n = g_list_model_get_n_items (list);

  if (n == 0 || (only != NULL && g_hash_table_size (only) == 0))
    return;
  dlb_document_add_heading (m->doc, 1, _("Sources"), "sources");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlbSource) s = g_list_model_get_item (list, i);
      GString *markup;
      const char *url = dlb_source_get_url (s);
      g_autofree char *label = NULL;

      if (only != NULL && !g_hash_table_contains (only, dlb_source_get_id (s)))
        continue;
      markup = g_string_new (NULL);
      label = g_markup_printf_escaped ("<b>%s</b>", nonnull (dlb_source_get_label (s)));

      g_string_append (markup, label);
      if (has_text (dlb_source_get_citation (s)))
        {
          g_autofree char *e = esc (dlb_source_get_citation (s));
          g_string_append_printf (markup, ". %s", e);
        }
      {
        g_autofree char *e = g_markup_printf_escaped (" <span foreground=\"#4b5563\">(%s%s%s)</span>",
                                                      has_text (dlb_source_get_date (s)) ? dlb_source_get_date (s) : "",
                                                      has_text (dlb_source_get_date (s)) ? ", " : "",
                                                      dlb_label_for_reliability (dlb_source_get_reliability (s)));
        g_string_append (markup, e);
      }
      if (has_text (url))
        {
          g_autofree char *e = g_markup_printf_escaped ("\n<span foreground=\"#1a5fb4\" underline=\"single\">%s</span>", url);
          g_string_append (markup, e);
        }
      {
        g_autofree char *numbered = g_strdup_printf ("[%u] %s", i + 1, markup->str);
        dlb_document_add_paragraph (m->doc, numbered);
      }
      if (has_text (url))
        dlb_document_add_link (m->doc, url, url);
      g_string_free (markup, TRUE);
    }
}

/* The analyst's notes, when the case marks them for the memo: the
 * assumptions and estimates behind the figures, in the author's words. */
static void
add_notes (Memo *m)
{
  if (!dlb_case_get_memo_notes (m->c) || !has_text (dlb_case_get_notes (m->c)))
    return;
  dlb_document_add_heading (m->doc, 1, _("Case notes"), "case-notes");
  add_paragraphs (m->doc, dlb_case_get_notes (m->c));
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The numbers @numbers gives @ids, smallest first, each once, between
 * @before and @after and joined by @separator: "2, 5", "R1, R3" or
 * "[1] [4]". Returns how many there are; ids the memo does not number,
 * or numbers in another table, are left out. */
static guint
append_numbers (GString            *out,
                GHashTable         *numbers,
                const char * const *ids,
                const char         *before,
                const char         *after,
                const char         *separator)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint count = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, ids[i]));

      if (n > 0)
        g_array_append_val (found, n);
    }
  g_array_sort (found, compare_numbers);
  for (guint i = 0; i < found->len; i++)
    {
      guint n = g_array_index (found, guint, i);

      if (i > 0 && n == g_array_index (found, guint, i - 1))
        continue;
      if (count++ > 0)
        g_string_append (out, separator);
      g_string_append_printf (out, "%s%u%s", before, n, after);
    }
  return count;
}

/* The evidence a score rests on, numbered as the memo numbers it:
 * "Findings 2, 5 · Risk R1 · Sources [1] [4]" as markup; NULL when the
 * score links none. Links to what the case no longer has are left out. */
static char *
evidence_markup (Memo     *m,
                 DlbScore *score)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char * const *findings = dlb_score_get_findings (score);
  const char * const *items = dlb_score_get_items (score);
  const char * const *sources = dlb_score_get_sources (score);
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autofree char *text = NULL;
  /* Translators: between the numbers of a list of findings, "2, 5" */
  guint count = append_numbers (numbers, m->finding_numbers, findings, "", "", _(", "));

  if (count > 0)
    /* Translators: the findings a score rests on, by number: "Findings 2, 5" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Finding %s", "Findings %s", count),
                                             numbers->str));

  g_string_truncate (numbers, 0);
  /* Translators: between the numbers of a list of opportunities or risks, "R1, R3" */
  count = append_numbers (numbers, m->opportunity_numbers, items, "O", "", _(", "));
  if (count > 0)
    /* Translators: the opportunities a score rests on, by number: "Opportunities O1, O3" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Opportunity %s", "Opportunities %s",
                                                          count), numbers->str));
  g_string_truncate (numbers, 0);
  count = append_numbers (numbers, m->risk_numbers, items, "R", "", _(", "));
  if (count > 0)
    /* Translators: the risks a score rests on, by number: "Risks R1, R3" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Risk %s", "Risks %s", count),
                                             numbers->str));

  g_string_truncate (numbers, 0);
  count = append_numbers (numbers, m->source_numbers, sources, "[", "]", " ");
  if (count > 0)
    /* Translators: the sources a score rests on, as numbered under Sources: "Sources [1] [4]" */
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Source %s", "Sources %s", count),
                                             numbers->str));

  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Translators: between the kinds of evidence of a score, "Findings 2, 5 · Risk R1" */
  text = g_strjoinv (_(" · "), (char **) parts->pdata);
  return esc (text);
}

/* A score's reason and evidence, as the appendix and the brief give them. */
static char *
rationale_markup (Memo     *m,
                  DlbScore *score)
{
  const char *rationale = dlb_score_get_rationale (score);
  g_autofree char *evidence = evidence_markup (m, score);
  g_autofree char *reason = has_text (rationale)
                            ? esc (rationale)
                            : g_markup_printf_escaped ("<i>%s</i>", _("No rationale is recorded for this score."));

  return g_strdup_printf ("%s\n<span size=\"small\" foreground=\"#4b5563\">%s</span>", reason,
                          evidence != NULL ? evidence : _("No evidence is linked to this score."));
}

static void
add_option_scores (Memo  *m,
                   guint  option)
{
  DlbResult *r = m->result;
  const char *header[] = { _("Criterion"), _("Score (range)"), _("Rationale and evidence"), NULL };
  g_autofree char *title = esc (opt_name (r, option));
  guint n_scored = 0;
  DlbTable *table;

  dlb_document_add_heading (m->doc, 2, title, NULL);

  /* An option not scored yet gets one line, not a table of blanks. */
  for (guint k = 0; k < dlb_result_get_n_criteria (r); k++)
    if (!dlb_result_is_unscored (r, option, k))
      n_scored++;
  if (n_scored == 0)
    {
      g_autofree char *markup = esc (_("Not scored on any criterion yet."));
      dlb_document_add_paragraph (m->doc, markup);
      return;
    }

  table = dlb_document_add_table (m->doc, DLB_TABLE_GRID, 3);
  dlb_table_set_header (table, header);
  dlb_table_set_column_max (table, 0, 0.22);
  dlb_table_set_column_max (table, 1, 0.13);

  for (guint k = 0; k < dlb_result_get_n_criteria (r); k++)
    {
      DlbScore *score = dlb_case_get_score (m->c, dlb_result_get_option_id (r, option),
                                            dlb_result_get_criterion_id (r, k));
      g_autofree char *percent = dlb_format_percent (dlb_result_get_weight (r, k));
      g_autofree char *weight = NULL;
      g_autofree char *criterion = NULL;
      g_autofree char *value = NULL;
      g_autofree char *why = NULL;

      /* Translators: under a criterion's name, its share of the weights: "weight 20 %" */
      weight = g_strdup_printf (_("weight %s"), percent);
      criterion = g_markup_printf_escaped ("%s\n<span size=\"small\" foreground=\"#4b5563\">%s</span>",
                                           crit_name (r, k), weight);
      if (score == NULL || dlb_result_is_unscored (r, option, k))
        {
          value = g_strdup ("–");
          why = g_markup_printf_escaped ("<i>%s</i>", _("Not scored: counts as 0."));
        }
      else
        {
          value = g_strdup_printf ("<b>%.1f</b>\n<span size=\"small\" foreground=\"#4b5563\">%.1f – %.1f</span>",
                                   dlb_score_get_value (score), dlb_score_get_low (score),
                                   dlb_score_get_high (score));
          why = rationale_markup (m, score);
        }
      dlb_table_add_row (table, (const char *[]) { criterion, value, why, NULL });
    }
}

/* The appendix that lets a reader trace every figure of the decision
 * matrix to an input, a reason and a source: each score with its range,
 * the rationale given for it and the evidence it rests on, numbered as
 * the memo numbers findings, opportunities, risks and sources. Grouped by
 * option, in the matrix's order, so that one option's case reads whole. */
static void
add_evidence (Memo *m)
{
  DlbResult *r = m->result;
  guint n_opt = dlb_result_get_n_options (r);

  if (n_opt == 0 || dlb_result_get_n_criteria (r) == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Scores and evidence"), "scores-evidence");
  {
    g_autofree char *markup = esc (_("Every score of the decision matrix, from 0 to 10, with the range its "
                                     "uncertainty allows, the reason given for it and the evidence it rests on: "
                                     "findings by their number, opportunities (O) and risks (R) as their tables "
                                     "number them, and sources in brackets as listed under Sources."));
    dlb_document_add_paragraph (m->doc, markup);
  }
  for (guint o = 0; o < n_opt; o++)
    add_option_scores (m, o);
}

/* The brief memo's reasons: the criteria that put the recommendation
 * furthest ahead, each with the reason its score was given. The sources
 * they cite are added to @cited. */
#define BRIEF_REASONS 3

static void
add_reasons (Memo       *m,
             GHashTable *cited)
{
  g_autoptr(DlbRecommendation) rec = dlb_recommendation_new (m->c, m->result);
  g_autoptr(GArray) reasons = dlb_recommendation_dup_reasons (rec, BRIEF_REASONS);
  DlbResult *r = m->result;

  if (reasons->len == 0)
    return;
  dlb_document_add_heading (m->doc, 1, _("Main reasons"), "reasons");
  for (guint i = 0; i < reasons->len; i++)
    {
      const DlbReason *reason = &g_array_index (reasons, DlbReason, i);
      DlbScore *score = dlb_case_get_score (m->c, dlb_recommendation_get_option_id (rec),
                                            dlb_result_get_criterion_id (r, reason->criterion));
      g_autofree char *sentence = dlb_recommendation_dup_reason_sentence (rec, reason, TRUE);
      g_autofree char *why = NULL;
      g_autofree char *markup = NULL;

      if (score != NULL)
        {
          const char * const *sources = dlb_score_get_sources (score);

          why = rationale_markup (m, score);
          for (guint k = 0; sources != NULL && sources[k] != NULL; k++)
            if (g_hash_table_lookup (m->source_numbers, sources[k]) != NULL)
              g_hash_table_add (cited, (gpointer) sources[k]);
        }
      markup = why != NULL ? g_strdup_printf ("%s\n%s", sentence, why) : g_steal_pointer (&sentence);
      dlb_document_add_list_item (m->doc, DLB_LIST_NUMBERED, (int) i + 1, 0, markup);
    }
}

/* About two pages for leadership: the recommendation, how robust it is,
 * why, and what follows from it, in the full memo's own words. */
static void
add_brief (Memo *m)
{
  g_autoptr(GHashTable) cited = g_hash_table_new (g_str_hash, g_str_equal);

  add_recommendation (m, FALSE);
  add_reasons (m, cited);
  add_next_steps (m);
  add_sources (m, cited);
  {
    g_autofree char *markup = esc (_("This is the brief memo. The full memo sets out the stakeholders, the "
                                     "findings, the opportunities and risks, the decision matrix and its "
                                     "sensitivity, and the evidence for every score."));
    dlb_document_add_note (m->doc, markup);
  }
}

DlbDocument *
dlb_memo_build (DlbCase              *c,
                DlbResult            *result,
                const DlbMemoOptions *opts)
{
  DlbMemoOptions defaults;
  Memo m = { 0 };
  DlbPaperSize paper;
  MemoInfo *info;
  g_autofree char *footer = NULL;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);
  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);

  if (opts == NULL)
    {
      dlb_memo_options_init (&defaults);
      opts = &defaults;
    }

  paper = dlb_memo_resolve_paper (c, opts->paper);
  m.c = c;
  m.result = result;
  {
    double width = DLB_PAPER_A4_WIDTH, height = DLB_PAPER_A4_HEIGHT;

    if (opts->page_width > 0 && opts->page_height > 0)
      {
        width = opts->page_width;
        height = opts->page_height;
      }
    else if (paper == DLB_PAPER_LETTER)
      {
        width = DLB_PAPER_LETTER_WIDTH;
        height = DLB_PAPER_LETTER_HEIGHT;
      }
    m.doc = opts->own_fonts ? dlb_document_new_with_own_fonts (width, height) : dlb_document_new (width, height);
  }
  m.source_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  m.finding_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  m.opportunity_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  m.risk_numbers = g_hash_table_new (g_str_hash, g_str_equal);

  {
    GListModel *sources = dlb_case_get_sources (c);
    GListModel *findings = dlb_case_get_findings (c);
    GListModel *items = dlb_case_get_items (c);
    guint n_opportunities = 0, n_risks = 0;

    for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
      {
        g_autoptr(DlbSource) s = g_list_model_get_item (sources, i);
        /* The case keeps the entity alive; its id string outlives the table. */
        g_hash_table_insert (m.source_numbers, (gpointer) dlb_source_get_id (s), GUINT_TO_POINTER (i + 1));
      }
    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(DlbFinding) f = g_list_model_get_item (findings, i);
        g_hash_table_insert (m.finding_numbers, (gpointer) dlb_finding_get_id (f), GUINT_TO_POINTER (i + 1));
      }
    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(DlbItem) item = g_list_model_get_item (items, i);

        if (dlb_item_get_kind (item) == DLB_ITEM_RISK)
          g_hash_table_insert (m.risk_numbers, (gpointer) dlb_item_get_id (item), GUINT_TO_POINTER (++n_risks));
        else
          g_hash_table_insert (m.opportunity_numbers, (gpointer) dlb_item_get_id (item),
                               GUINT_TO_POINTER (++n_opportunities));
      }
  }

  {
    const char *subject = has_text (dlb_case_get_memo_subject (c)) ? dlb_case_get_memo_subject (c)
                                                                    : dlb_case_get_title (c);

    /* The fingerprint comes first: a long subject is cut at the end of
     * the line, and the fingerprint must survive on paper. */
    if (opts->stamp != NULL)
      {
        g_autofree char *short_fingerprint = dlb_memo_stamp_dup_short (opts->stamp);
        /* Translators: in the memo's footer; %s is the case's fingerprint, 12 hex digits */
        g_autofree char *label = g_strdup_printf (_("Fingerprint %s"), short_fingerprint);
        g_autofree char *text = g_strdup_printf ("%s · %s", label, nonnull (subject));

        footer = esc (text);
      }
    else
      footer = esc (subject);
  }
  dlb_document_set_footer (m.doc, footer);

  add_header (&m, opts);
  if (opts->brief)
    add_brief (&m);
  else
    {
      add_recommendation (&m, TRUE);
      add_background (&m);
      add_stakeholders (&m);
      add_findings (&m);
      add_items (&m);
      add_matrix (&m);
      add_sensitivity (&m);
      add_next_steps (&m);
      add_notes (&m);
      add_sources (&m, NULL);
      add_evidence (&m);
      add_history (&m, opts->history);
    }

  g_hash_table_unref (m.source_numbers);
  g_hash_table_unref (m.finding_numbers);
  g_hash_table_unref (m.opportunity_numbers);
  g_hash_table_unref (m.risk_numbers);

  info = g_new0 (MemoInfo, 1);
  info->title = g_strdup (has_text (dlb_case_get_title (c)) ? dlb_case_get_title (c) : _("Memorandum"));
  info->author = g_strdup (dlb_case_get_memo_from (c));
  info->subject = g_strdup (has_text (dlb_case_get_memo_subject (c)) ? dlb_case_get_memo_subject (c)
                                                                     : dlb_case_get_question (c));
  info->creator = opts->creator != NULL ? g_strdup (opts->creator) : g_strdup ("Deliberate " PACKAGE_VERSION);
  info->date = opts->date;
  if (opts->stamp != NULL)
    {
      info->stamp = dlb_memo_stamp_copy (opts->stamp);
      info->keywords = dlb_memo_stamp_to_keywords (opts->stamp);
    }
  g_object_set_qdata_full (G_OBJECT (m.doc), memo_info_quark (), info, memo_info_free);

  return m.doc;
}

static void
fill_info (DlbDocument *doc,
           DlbPdfInfo  *pdf)
{
  MemoInfo *info = g_object_get_qdata (G_OBJECT (doc), memo_info_quark ());

  memset (pdf, 0, sizeof *pdf);
  pdf->date = -1;
  pdf->creator = "Deliberate " PACKAGE_VERSION;
  if (info == NULL)
    return;
  pdf->title = info->title;
  pdf->author = has_text (info->author) ? info->author : NULL;
  pdf->subject = has_text (info->subject) ? info->subject : NULL;
  pdf->creator = info->creator;
  pdf->date = info->date;
  pdf->keywords = info->keywords;
}

gboolean
dlb_memo_write_pdf (DlbDocument  *doc,
                    const char   *path,
                    GError      **error)
{
  DlbPdfInfo pdf;

  g_return_val_if_fail (DLB_IS_DOCUMENT (doc), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fill_info (doc, &pdf);
  return dlb_document_write_pdf (doc, path, &pdf, error);
}

gboolean
dlb_memo_write_pdf_stream (DlbDocument   *doc,
                           GOutputStream *stream,
                           GCancellable  *cancellable,
                           GError       **error)
{
  DlbPdfInfo pdf;

  g_return_val_if_fail (DLB_IS_DOCUMENT (doc), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fill_info (doc, &pdf);
  return dlb_document_write_pdf_stream (doc, stream, &pdf, cancellable, error);
}
