/* dlb-labels.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-labels"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "dlb-criterion.h"
#include "dlb-entity.h"
#include "dlb-finding.h"
#include "dlb-item.h"
#include "dlb-stakeholder.h"
#include "dlb-enums.h"
#include "dlb-labels.h"

const char *
dlb_label_for_group (DlbGroup group)
{
  switch (group)
    {
    case DLB_GROUP_GOVERNMENT: return _("Government");
    case DLB_GROUP_POLICE: return _("Police");
    case DLB_GROUP_VENDOR: return _("Vendor");
    case DLB_GROUP_RESIDENTS: return _("Residents");
    case DLB_GROUP_CIVIL_SOCIETY: return _("Civil society");
    case DLB_GROUP_MEDIA: return _("Media");
    case DLB_GROUP_POLITICAL: return _("Political");
    case DLB_GROUP_OTHER:
    default: return _("Other");
    }
}

const char *
dlb_label_for_status (DlbFindingStatus status)
{
  switch (status)
    {
    case DLB_FINDING_CONDITION_REQUIRED: return _("Condition required");
    case DLB_FINDING_RESOLVED: return _("Resolved");
    case DLB_FINDING_ACCEPTED: return _("Accepted");
    case DLB_FINDING_OPEN:
    default: return _("Open");
    }
}

/* Severity and likelihood of a privacy finding, as the CNIL's privacy
 * impact scale names its four levels. */
const char *
dlb_label_for_level (int level)
{
  switch (CLAMP (level, 1, 4))
    {
    case 1: return _("Negligible");
    case 2: return _("Limited");
    case 3: return _("Significant");
    default: return _("Maximum");
    }
}

/* Verbs, so that a row reads as a sentence: "Illinois ACLU: strongly
 * opposes". */
const char *
dlb_label_for_stance (int stance)
{
  switch (CLAMP (stance, -2, 2))
    {
    case -2: return _("Strongly opposes");
    case -1: return _("Opposes");
    case 0: return _("Neutral");
    case 1: return _("Supports");
    default: return _("Strongly supports");
    }
}

const char *
dlb_label_for_reliability (DlbReliability reliability)
{
  switch (reliability)
    {
    case DLB_RELIABILITY_VERIFIED: return _("Verified");
    case DLB_RELIABILITY_REPORTED: return _("Reported");
    case DLB_RELIABILITY_VENDOR_CLAIM:
    default: return _("Vendor claim");
    }
}

const char *
dlb_label_for_item_kind (DlbItemKind kind)
{
  return kind == DLB_ITEM_RISK ? _("Risk") : _("Opportunity");
}

const char *
dlb_label_for_paper_size (DlbPaperSize paper)
{
  switch (paper)
    {
    case DLB_PAPER_LETTER: return _("US Letter");
    case DLB_PAPER_A4: return _("A4");
    case DLB_PAPER_AUTO:
    default: return _("Automatic");
    }
}

const char *
dlb_label_for_weighting (DlbWeighting weighting)
{
  switch (weighting)
    {
    case DLB_WEIGHTING_RANKING: return _("Ranking");
    case DLB_WEIGHTING_AHP: return _("Pairwise Comparison");
    case DLB_WEIGHTING_SWING: return _("Swing Weighting");
    case DLB_WEIGHTING_DIRECT:
    default: return _("Direct Points");
    }
}

const char *
dlb_phrase_for_weighting (DlbWeighting weighting)
{
  switch (weighting)
    {
    case DLB_WEIGHTING_RANKING: return _("a ranking of the criteria (rank-order centroid)");
    case DLB_WEIGHTING_AHP: return _("pairwise comparisons (AHP)");
    case DLB_WEIGHTING_SWING: return _("swing weighting");
    case DLB_WEIGHTING_DIRECT:
    default: return _("direct points");
    }
}

const char *
dlb_label_for_enum_value (GType enum_type,
                          int   value)
{
  if (enum_type == DLB_TYPE_GROUP)
    return dlb_label_for_group (value);
  if (enum_type == DLB_TYPE_FINDING_STATUS)
    return dlb_label_for_status (value);
  if (enum_type == DLB_TYPE_RELIABILITY)
    return dlb_label_for_reliability (value);
  if (enum_type == DLB_TYPE_ITEM_KIND)
    return dlb_label_for_item_kind (value);
  if (enum_type == DLB_TYPE_PAPER_SIZE)
    return dlb_label_for_paper_size (value);
  if (enum_type == DLB_TYPE_WEIGHTING)
    return dlb_label_for_weighting (value);

  return dlb_enum_to_nick (enum_type, value);
}

void
dlb_findings_count_by_status (GListModel *findings,
                              guint       counts[DLB_N_FINDING_STATUSES])
{
  g_return_if_fail (G_IS_LIST_MODEL (findings));

  for (guint i = 0; i < DLB_N_FINDING_STATUSES; i++)
    counts[i] = 0;
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(DlbFinding) f = g_list_model_get_item (findings, i);

      counts[CLAMP ((int) dlb_finding_get_status (f), 0, DLB_N_FINDING_STATUSES - 1)]++;
    }
}

char *
dlb_findings_dup_status_summary (const guint counts[DLB_N_FINDING_STATUSES])
{
  guint n = 0;
  g_autofree char *first = NULL;
  g_autofree char *open = NULL;
  g_autofree char *cond = NULL;
  g_autofree char *res = NULL;
  g_autofree char *acc = NULL;

  for (guint i = 0; i < DLB_N_FINDING_STATUSES; i++)
    n += counts[i];

  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding:", "%u findings:", n), n);
  /* Translators: part of "8 findings: 1 open, 7 need a contract condition, 0 resolved, 0 accepted." */
  open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open", counts[DLB_FINDING_OPEN]),
                          counts[DLB_FINDING_OPEN]);
  cond = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs a contract condition",
                                       "%u need a contract condition", counts[DLB_FINDING_CONDITION_REQUIRED]),
                          counts[DLB_FINDING_CONDITION_REQUIRED]);
  res = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resolved", "%u resolved", counts[DLB_FINDING_RESOLVED]),
                         counts[DLB_FINDING_RESOLVED]);
  acc = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u accepted", "%u accepted", counts[DLB_FINDING_ACCEPTED]),
                         counts[DLB_FINDING_ACCEPTED]);

  /* Translators: "8 findings:", then the counts of each status */
  return g_strdup_printf (_("%s %s, %s, %s, %s."), first, open, cond, res, acc);
}

guint
dlb_findings_count_unresolved (const guint counts[DLB_N_FINDING_STATUSES])
{
  return counts[DLB_FINDING_OPEN] + counts[DLB_FINDING_CONDITION_REQUIRED];
}

char *
dlb_findings_dup_unresolved_detail (const guint counts[DLB_N_FINDING_STATUSES])
{
  g_autofree char *open = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open",
                                                        counts[DLB_FINDING_OPEN]),
                                           counts[DLB_FINDING_OPEN]);
  g_autofree char *cond = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u needs a condition",
                                                        "%u need a condition",
                                                        counts[DLB_FINDING_CONDITION_REQUIRED]),
                                           counts[DLB_FINDING_CONDITION_REQUIRED]);

  /* Translators: "1 open · 7 need a condition" */
  return g_strdup_printf (_("%s · %s"), open, cond);
}

char *
dlb_format_count (guint n)
{
  /* Translators: the thousands separator, as in "10,000" */
  const char *separator = C_("thousands separator", ",");
  g_autofree char *digits = g_strdup_printf ("%u", n);
  gsize length = strlen (digits);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
dlb_format_percent (double fraction)
{
  /* Translators: a whole percentage, e.g. "38 %"; the space is a no-break
   * space, so the number never ends a line without its sign */
  return g_strdup_printf (C_("percent", "%.0f\u00a0%%"), fraction * 100);
}

char *
dlb_sentence_for_stakeholder (DlbStakeholder *stakeholder)
{
  g_return_val_if_fail (DLB_IS_STAKEHOLDER (stakeholder), NULL);

  /* Translators: how a screen reader reads a stakeholder: name, group,
   * power 1–5, interest 1–5, stance, e.g. "Chicago residents, Residents,
   * power 3, interest 5, Neutral" */
  return g_strdup_printf (_("%s, %s, power %d, interest %d, %s"),
                          dlb_stakeholder_get_name (stakeholder),
                          dlb_label_for_group (dlb_stakeholder_get_group (stakeholder)),
                          dlb_stakeholder_get_power (stakeholder),
                          dlb_stakeholder_get_interest (stakeholder),
                          dlb_label_for_stance (dlb_stakeholder_get_stance (stakeholder)));
}

char *
dlb_sentence_for_finding (DlbFinding *finding,
                          guint       number)
{
  const char *condition;

  g_return_val_if_fail (DLB_IS_FINDING (finding), NULL);

  condition = dlb_finding_get_condition (finding);
  if (condition != NULL && *condition)
    /* Translators: how a screen reader reads a finding: its number, title,
     * status, severity and likelihood (each Negligible, Limited,
     * Significant or Maximum), then the contract condition that would
     * resolve it */
    return g_strdup_printf (_("Finding %u, %s: %s, severity %s, likelihood %s. Condition: %s"),
                            number, dlb_finding_get_title (finding),
                            dlb_label_for_status (dlb_finding_get_status (finding)),
                            dlb_label_for_level (dlb_finding_get_severity (finding)),
                            dlb_label_for_level (dlb_finding_get_likelihood (finding)),
                            condition);
  /* Translators: how a screen reader reads a finding: its number, title,
   * status, severity and likelihood (each Negligible, Limited,
   * Significant or Maximum) */
  return g_strdup_printf (_("Finding %u, %s: %s, severity %s, likelihood %s"),
                          number, dlb_finding_get_title (finding),
                          dlb_label_for_status (dlb_finding_get_status (finding)),
                          dlb_label_for_level (dlb_finding_get_severity (finding)),
                          dlb_label_for_level (dlb_finding_get_likelihood (finding)));
}

char *
dlb_sentence_for_item (DlbItem *item)
{
  g_return_val_if_fail (DLB_IS_ITEM (item), NULL);

  /* Translators: how a screen reader reads an opportunity or a risk: its
   * kind, title, likelihood and impact, each on a 1–5 scale */
  return g_strdup_printf (_("%s: %s, likelihood %d of 5, impact %d of 5"),
                          dlb_label_for_item_kind (dlb_item_get_kind (item)),
                          dlb_item_get_title (item),
                          dlb_item_get_likelihood (item),
                          dlb_item_get_impact (item));
}

char *
dlb_sentence_for_criterion (DlbCriterion *criterion,
                            double        weight)
{
  g_autofree char *percent = NULL;

  g_return_val_if_fail (DLB_IS_CRITERION (criterion), NULL);

  percent = dlb_format_percent (weight);
  if (dlb_criterion_has_minimum (criterion))
    /* Translators: how a screen reader reads a criterion: its name, its
     * share of the weight ("25 %"), and the minimum score below which an
     * option is ruled out */
    return g_strdup_printf (_("%s, weight %s, options scoring below %g are ruled out"),
                            dlb_criterion_get_name (criterion), percent,
                            dlb_criterion_get_minimum (criterion));
  /* Translators: how a screen reader reads a criterion: its name and its
   * share of the weight ("25 %") */
  return g_strdup_printf (_("%s, weight %s"), dlb_criterion_get_name (criterion), percent);
}
