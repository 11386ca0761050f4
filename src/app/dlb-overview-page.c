/* dlb-overview-page.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-overview-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-analysis.h"
#include "dlb-engine.h"
#include "dlb-entity-editor.h"
#include "dlb-info-row.h"
#include "dlb-overview-page.h"
#include "dlb-util.h"

#define N_RECENT_CHANGES 5

/* The case at a glance: the question, the memo's header, how much is on
 * each page, and what changed last. Everything is read from the case when
 * it changes; nothing here is kept apart from it. */

typedef enum
{
  COUNT_STAKEHOLDERS,
  COUNT_OPEN_FINDINGS,
  COUNT_OPPORTUNITIES,
  COUNT_RISKS,
  COUNT_OPTIONS,
  COUNT_CRITERIA,
  N_COUNTS
} CountKind;

static const char * const count_names[N_COUNTS] = {
  "stakeholders", "open-findings", "opportunities", "risks", "options", "criteria",
};

struct _DlbOverviewPage
{
  AdwBin         parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *question_label;
  GtkLabel      *recommendation_label;
  GtkWidget     *recommendation_pending;
  GtkSpinner    *pending_spinner;
  GtkButton     *edit_button;
  GtkFlowBox    *counts_box;
  DlbInfoRow    *to_row;
  DlbInfoRow    *from_row;
  DlbInfoRow    *subject_row;
  DlbInfoRow    *date_row;
  GtkListBox    *changes_list;

  GtkLabel      *count_numbers[N_COUNTS];
  GtkLabel      *count_captions[N_COUNTS];
  GtkLabel      *open_detail;
  guint          counts[N_COUNTS];

  /* What the page listens to besides the case. */
  DlbStore      *watched_store;
  DlbAnalysis   *analysis;
  guint          clock_id;
};

G_DEFINE_FINAL_TYPE (DlbOverviewPage, dlb_overview_page, DLB_TYPE_CASE_PAGE)

static const char *
count_caption (CountKind kind,
               guint     n)
{
  switch (kind)
    {
    case COUNT_STAKEHOLDERS:
      return g_dngettext (GETTEXT_PACKAGE, "Stakeholder", "Stakeholders", n);
    case COUNT_OPEN_FINDINGS:
      return g_dngettext (GETTEXT_PACKAGE, "Open Finding", "Open Findings", n);
    case COUNT_OPPORTUNITIES:
      return g_dngettext (GETTEXT_PACKAGE, "Opportunity", "Opportunities", n);
    case COUNT_RISKS:
      return g_dngettext (GETTEXT_PACKAGE, "Risk", "Risks", n);
    case COUNT_OPTIONS:
      return g_dngettext (GETTEXT_PACKAGE, "Option", "Options", n);
    case COUNT_CRITERIA:
      return g_dngettext (GETTEXT_PACKAGE, "Criterion", "Criteria", n);
    case N_COUNTS:
    default:
      g_assert_not_reached ();
    }
}

static void
set_row_text (DlbInfoRow *row,
              const char *text)
{
  dlb_info_row_set_subtitle (row, text != NULL && *text ? text : "—");
}

static void
refresh_journal (DlbOverviewPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_list))) != NULL)
    gtk_list_box_remove (self->changes_list, child);

  if (dlb_case_page_get_store (DLB_CASE_PAGE (self)) == NULL)
    return;

  entries = dlb_store_get_journal (dlb_case_page_get_store (DLB_CASE_PAGE (self)), N_RECENT_CHANGES, &error);
  if (entries == NULL)
    {
      GtkWidget *row = dlb_info_row_new (_("The history of changes could not be read"), error->message);

      gtk_list_box_append (self->changes_list, row);
      return;
    }

  if (entries->len == 0)
    {
      GtkWidget *row = dlb_info_row_new (_("No changes yet"),
                                         _("Every change you make is recorded here and can be undone."));

      gtk_list_box_append (self->changes_list, row);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      DlbJournalEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *description = dlb_journal_entry_dup_description (entry);
      g_autofree char *when = NULL;
      GtkWidget *row;

      if (dlb_journal_entry_get_time (entry) != NULL)
        when = dlb_format_relative_time (dlb_journal_entry_get_time (entry), now);

      row = dlb_info_row_new (description, when);
      dlb_info_row_set_title_lines (DLB_INFO_ROW (row), 3);
      gtk_list_box_append (self->changes_list, row);
    }
}

/* What the case recommends, in the words every surface uses, and how
 * robust it is; from the case's shared analysis, so the Overview never
 * runs one of its own. */
static void
refresh_recommendation (DlbOverviewPage *self)
{
  DlbRecommendation *rec = dlb_analysis_get_recommendation (dlb_analysis_for_case (dlb_case_page_get_case (DLB_CASE_PAGE (self))));
  g_autofree char *headline = NULL;
  g_autofree char *summary = NULL;
  const char *robustness;
  g_autofree char *line = NULL;

  /* The first analysis of a case just opened is on its way. */
  gtk_widget_set_visible (GTK_WIDGET (self->recommendation_pending), rec == NULL);
  if (rec == NULL)
    {
      gtk_label_set_text (self->recommendation_label, "");
      return;
    }

  headline = dlb_recommendation_dup_headline (rec, FALSE);
  summary = dlb_recommendation_dup_summary (rec, FALSE);
  robustness = dlb_recommendation_get_robustness (rec);
  /* The headline on a line of its own, the figures after it. */
  line = g_strjoin (NULL, headline, "\n", summary, robustness != NULL ? " " : NULL, robustness, NULL);
  gtk_label_set_text (self->recommendation_label, line);
}

static void
refresh (DlbOverviewPage *self)
{
  DlbCase *kase;
  guint by_status[DLB_N_FINDING_STATUSES];
  g_autofree char *detail = NULL;
  g_autofree char *summary = NULL;
  const char *question;

  if (dlb_case_page_get_store (DLB_CASE_PAGE (self)) == NULL || dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return;

  kase = dlb_case_page_get_case (DLB_CASE_PAGE (self));
  gtk_label_set_text (self->title_label, dlb_case_get_title (kase));
  question = dlb_case_get_question (kase);
  gtk_label_set_text (self->question_label, question ? question : "");
  gtk_widget_set_visible (GTK_WIDGET (self->question_label), question != NULL && *question);

  set_row_text (self->to_row, dlb_case_get_memo_to (kase));
  set_row_text (self->from_row, dlb_case_get_memo_from (kase));
  set_row_text (self->subject_row, dlb_case_get_memo_subject (kase));
  {
    g_autofree char *day = dlb_format_iso_date (dlb_case_get_memo_date (kase));

    set_row_text (self->date_row, day != NULL ? day : dlb_case_get_memo_date (kase));
  }

  /* A finding is still open until it is resolved or knowingly accepted;
   * the card says which statuses it counts, and how many of each. */
  dlb_findings_count_by_status (dlb_case_get_findings (kase), by_status);
  self->counts[COUNT_OPEN_FINDINGS] = dlb_findings_count_unresolved (by_status);
  detail = dlb_findings_dup_unresolved_detail (by_status);
  summary = dlb_findings_dup_status_summary (by_status);
  gtk_label_set_text (self->open_detail, detail);
  gtk_widget_set_tooltip_text (gtk_widget_get_parent (GTK_WIDGET (self->open_detail)), summary);
  self->counts[COUNT_STAKEHOLDERS] = g_list_model_get_n_items (dlb_case_get_stakeholders (kase));
  self->counts[COUNT_OPPORTUNITIES] = dlb_case_count_items (kase, DLB_ITEM_OPPORTUNITY);
  self->counts[COUNT_RISKS] = dlb_case_count_items (kase, DLB_ITEM_RISK);
  self->counts[COUNT_OPTIONS] = g_list_model_get_n_items (dlb_case_get_options (kase));
  self->counts[COUNT_CRITERIA] = g_list_model_get_n_items (dlb_case_get_criteria (kase));

  for (guint i = 0; i < N_COUNTS; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", self->counts[i]);
      g_autofree char *accessible = NULL;

      gtk_label_set_text (self->count_numbers[i], number);
      gtk_label_set_text (self->count_captions[i], count_caption (i, self->counts[i]));
      /* Translators: a count and what is counted, e.g. "11 Stakeholders" */
      accessible = g_strdup_printf (_("%s %s"), number, count_caption (i, self->counts[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->count_numbers[i]))),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->open_detail))),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);

  refresh_recommendation (self);
  refresh_journal (self);
}

/* "5 minutes ago" grows older by itself. */
static gboolean
on_clock_tick (gpointer data)
{
  DlbOverviewPage *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_journal (self);
  return G_SOURCE_CONTINUE;
}

/* The case's own fields: what the memo's header and background say, and the
 * analyst's recommendation where it departs from the model's. */
static void
on_edit_clicked (DlbOverviewPage *self)
{
  GtkWindow *window;

  if (dlb_case_page_get_case (DLB_CASE_PAGE (self)) == NULL)
    return;

  window = dlb_entity_editor_window_new (GTK_WIDGET (self), dlb_case_page_get_case (DLB_CASE_PAGE (self)), DLB_ENTITY (dlb_case_page_get_case (DLB_CASE_PAGE (self))),
                                         _("Case Details"), NULL);
  gtk_window_present (window);
}

static void
on_recommendation_changed (DlbOverviewPage *self)
{
  const char *text = gtk_label_get_label (self->recommendation_label);

  gtk_widget_set_visible (GTK_WIDGET (self->recommendation_label), text != NULL && *text);
}

static void
dlb_overview_page_case_set (DlbCasePage *page)
{
  DlbOverviewPage *self = DLB_OVERVIEW_PAGE (page);
  DlbStore *store = dlb_case_page_get_store (page);
  DlbCase *kase = dlb_case_page_get_case (page);

  if (self->watched_store != NULL)
    g_signal_handlers_disconnect_by_data (self->watched_store, self);
  if (self->analysis != NULL)
    g_signal_handlers_disconnect_by_data (self->analysis, self);
  g_clear_object (&self->watched_store);
  g_clear_object (&self->analysis);
  g_clear_handle_id (&self->clock_id, g_source_remove);

  if (store == NULL || kase == NULL)
    return;

  self->watched_store = g_object_ref (store);
  self->analysis = g_object_ref (dlb_analysis_for_case (kase));
  g_signal_connect_object (self->analysis, "notify::recommendation",
                           G_CALLBACK (refresh_recommendation), self, G_CONNECT_SWAPPED);
  /* An undo rewrites the journal's tail even where the case ends up as
   * it was. */
  g_signal_connect_object (store, "notify::can-undo", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::can-redo", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  self->clock_id = g_timeout_add_seconds (60, on_clock_tick, self);
  refresh (self);
}

static void
dlb_overview_page_case_changed (DlbCasePage *page,
                                guint        kinds)
{
  refresh (DLB_OVERVIEW_PAGE (page));
}

static void
dlb_overview_page_dispose (GObject *object)
{
  DlbOverviewPage *self = DLB_OVERVIEW_PAGE (object);

  dlb_case_page_set_case (DLB_CASE_PAGE (self), NULL);
  /* The bin drops its child itself, so it never holds a disposed one. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLB_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (dlb_overview_page_parent_class)->dispose (object);
}

static void
dlb_overview_page_class_init (DlbOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlb_overview_page_dispose;
  DLB_CASE_PAGE_CLASS (klass)->case_set = dlb_overview_page_case_set;

  g_type_ensure (DLB_TYPE_INFO_ROW);
  DLB_CASE_PAGE_CLASS (klass)->case_changed = dlb_overview_page_case_changed;


  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/dlb-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, question_label);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, recommendation_label);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, recommendation_pending);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, pending_spinner);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, DlbOverviewPage, changes_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recommendation_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
}

static void
dlb_overview_page_init (DlbOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlb_spinner_show_after_delay (self->pending_spinner);

  for (guint i = 0; i < N_COUNTS; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *number = gtk_label_new ("0");
      GtkWidget *caption = gtk_label_new (NULL);
      GtkWidget *child = gtk_flow_box_child_new ();

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "count-card");
      gtk_widget_set_name (card, count_names[i]);
      gtk_widget_add_css_class (number, "count-number");
      gtk_widget_add_css_class (caption, "caption");
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
      gtk_box_append (GTK_BOX (card), number);
      gtk_box_append (GTK_BOX (card), caption);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_append (self->counts_box, child);

      self->count_numbers[i] = GTK_LABEL (number);
      self->count_captions[i] = GTK_LABEL (caption);

      if (i == COUNT_OPEN_FINDINGS)
        {
          GtkWidget *detail = gtk_label_new (NULL);

          gtk_widget_set_name (detail, "open-findings-detail");
          gtk_widget_add_css_class (detail, "caption");
          gtk_widget_add_css_class (detail, "dim-label");
          gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (detail), 12);
          gtk_label_set_width_chars (GTK_LABEL (detail), 8);
          gtk_label_set_justify (GTK_LABEL (detail), GTK_JUSTIFY_CENTER);
          gtk_box_append (GTK_BOX (card), detail);
          self->open_detail = GTK_LABEL (detail);
        }
    }
}

/* The recommendation line; the decision engine's summary goes here. */
GtkLabel *
dlb_overview_page_get_recommendation_label (DlbOverviewPage *self)
{
  g_return_val_if_fail (DLB_IS_OVERVIEW_PAGE (self), NULL);

  return self->recommendation_label;
}

/* The button that opens the editor of the case's own details. */
GtkButton *
dlb_overview_page_get_edit_button (DlbOverviewPage *self)
{
  g_return_val_if_fail (DLB_IS_OVERVIEW_PAGE (self), NULL);

  return self->edit_button;
}

/* A count shown at a glance, by name ("stakeholders", "open-findings",
 * "opportunities", "risks", "options", "criteria"); for tests. */
guint
dlb_overview_page_get_count (DlbOverviewPage *self,
                             const char      *name)
{
  g_return_val_if_fail (DLB_IS_OVERVIEW_PAGE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  for (guint i = 0; i < N_COUNTS; i++)
    if (g_str_equal (count_names[i], name))
      return (guint) g_ascii_strtoull (gtk_label_get_text (self->count_numbers[i]), NULL, 10);

  g_return_val_if_reached (0);
}
