/* dlb-analysis-json.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-analysis"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlb-analysis-json.h"
#include "dlb-json-text.h"
#include "dlb-labels.h"
#include "dlb-recommendation.h"

/* The JSON is written by hand, with the case format's own text writer
 * (dlb-json-text.h), so that its bytes are fully ours. */

#define JSON_FORMAT_NAME    "deliberate-analysis"
#define JSON_FORMAT_VERSION 1

static void
json_string (GString    *out,
             const char *text)
{
  dlb_json_text_append_string (out, text);
}

/* Twelve significant digits: enough for every figure, and stable. */
static void
json_number (GString *out,
             double   value)
{
  dlb_json_text_append_number (out, value, 12);
}

static void
json_bool (GString  *out,
           gboolean  value)
{
  dlb_json_text_append_bool (out, value);
}

static void
json_option (GString   *out,
             DlbResult *result,
             int        option)
{
  json_string (out, option >= 0 ? dlb_result_get_option_id (result, option) : NULL);
}

static void
json_member (GString    *out,
             int         indent,
             const char *name)
{
  g_string_append_printf (out, "%*s\"%s\": ", indent, "", name);
}

static void
json_ranking (GString   *out,
              DlbResult *result)
{
  guint n;
  const guint *ranking = dlb_result_get_ranking (result, &n);

  g_string_append (out, "[");
  for (guint r = 0; r < n; r++)
    {
      guint i = ranking[r];
      guint n_failures;
      const DlbGateFailure *failures = dlb_result_get_gate_failures (result, i, &n_failures);

      g_string_append (out, r == 0 ? "\n" : ",\n");
      g_string_append (out, "    {\"option\": ");
      json_string (out, dlb_result_get_option_id (result, i));
      g_string_append (out, ", \"name\": ");
      json_string (out, dlb_result_get_option_name (result, i));
      g_string_append (out, ", \"score\": ");
      json_number (out, dlb_result_get_total (result, i));
      g_string_append_printf (out, ", \"place\": %u", dlb_result_get_place (result, i));
      g_string_append (out, ", \"disqualified_by\": ");
      json_string (out, n_failures > 0
                          ? dlb_result_get_criterion_id (result, failures[0].criterion)
                          : NULL);
      g_string_append (out, ", \"gates\": [");
      for (guint f = 0; f < n_failures; f++)
        {
          g_string_append (out, f == 0 ? "{\"criterion\": " : ", {\"criterion\": ");
          json_string (out, dlb_result_get_criterion_id (result, failures[f].criterion));
          g_string_append (out, ", \"minimum\": ");
          json_number (out, failures[f].minimum);
          g_string_append (out, ", \"score\": ");
          json_number (out, failures[f].value);
          g_string_append (out, ", \"shortfall\": ");
          json_number (out, failures[f].shortfall);
          g_string_append (out, ", \"unscored\": ");
          json_bool (out, failures[f].unscored);
          g_string_append (out, "}");
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, n > 0 ? "\n  ]" : "]");
}

static void
json_ties (GString   *out,
           DlbResult *result)
{
  guint n;
  const guint *ranking = dlb_result_get_ranking (result, &n);
  gboolean any = FALSE;

  g_string_append (out, "[");
  for (guint start = 0; start < n;)
    {
      guint place = dlb_result_get_place (result, ranking[start]);
      guint end = start + 1;

      while (end < n && dlb_result_get_place (result, ranking[end]) == place)
        end++;
      if (end - start > 1)
        {
          g_string_append (out, any ? ", [" : "[");
          for (guint p = start; p < end; p++)
            {
              if (p > start)
                g_string_append (out, ", ");
              json_string (out, dlb_result_get_option_id (result, ranking[p]));
            }
          g_string_append (out, "]");
          any = TRUE;
        }
      start = end;
    }
  g_string_append (out, "]");
}

static void
json_ahp (GString   *out,
          DlbResult *result)
{
  const DlbAhpConsistency *ahp = dlb_result_get_ahp (result);
  const guint *missing;
  guint n_missing;

  if (ahp == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append (out, "{\"lambda_max\": ");
  json_number (out, ahp->lambda_max);
  g_string_append (out, ", \"ci\": ");
  json_number (out, ahp->ci);
  g_string_append (out, ", \"ri\": ");
  json_number (out, ahp->ri);
  g_string_append (out, ", \"cr\": ");
  json_number (out, ahp->cr);
  g_string_append (out, ", \"inconsistent\": ");
  json_bool (out, ahp->inconsistent);
  g_string_append (out, ", \"worst_pair\": ");
  if (ahp->worst_a >= 0)
    {
      g_string_append (out, "{\"a\": ");
      json_string (out, dlb_result_get_criterion_id (result, ahp->worst_a));
      g_string_append (out, ", \"b\": ");
      json_string (out, dlb_result_get_criterion_id (result, ahp->worst_b));
      g_string_append (out, ", \"given\": ");
      json_number (out, ahp->worst_given);
      g_string_append (out, ", \"implied\": ");
      json_number (out, ahp->worst_implied);
      g_string_append (out, "}");
    }
  else
    g_string_append (out, "null");

  g_string_append (out, ", \"missing_pairs\": [");
  missing = dlb_result_get_ahp_missing_pairs (result, &n_missing);
  for (guint p = 0; p < n_missing; p++)
    {
      g_string_append (out, p == 0 ? "[" : ", [");
      json_string (out, dlb_result_get_criterion_id (result, missing[2 * p]));
      g_string_append (out, ", ");
      json_string (out, dlb_result_get_criterion_id (result, missing[2 * p + 1]));
      g_string_append (out, "]");
    }
  g_string_append (out, "]}");
}

static void
json_sensitivity (GString   *out,
                  DlbResult *result)
{
  guint nc = dlb_result_get_n_criteria (result);

  g_string_append (out, "[");
  for (guint k = 0; k < nc; k++)
    {
      const DlbSensitivity *s = dlb_result_get_sensitivity (result, k);

      g_string_append (out, k == 0 ? "\n" : ",\n");
      g_string_append (out, "    {\"criterion\": ");
      json_string (out, dlb_result_get_criterion_id (result, k));
      g_string_append (out, ", \"weight\": ");
      json_number (out, s->weight);
      g_string_append (out, ", \"holds_from\": ");
      if (s->valid)
        json_number (out, s->holds_from);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"holds_to\": ");
      if (s->valid)
        json_number (out, s->holds_to);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"below\": ");
      json_option (out, result, s->valid ? s->below : -1);
      g_string_append (out, ", \"above\": ");
      json_option (out, result, s->valid ? s->above : -1);
      g_string_append (out, "}");
    }
  g_string_append (out, nc > 0 ? "\n  ]" : "]");
}

/* What the case recommends, as every surface states it. */
static void
json_recommendation (GString           *out,
                     DlbRecommendation *rec)
{
  DlbResult *result = dlb_recommendation_get_result (rec);
  g_autofree char *headline = dlb_recommendation_dup_headline (rec, FALSE);
  g_autofree char *summary = dlb_recommendation_dup_summary (rec, FALSE);
  guint n_first = 0;
  const guint *first = dlb_recommendation_get_first (rec, &n_first);
  guint n_conditions = dlb_recommendation_get_n_conditions (rec);

  json_member (out, 2, "recommendation");
  g_string_append (out, "{\n");
  json_member (out, 4, "kind");
  json_string (out, dlb_recommendation_kind_to_nick (dlb_recommendation_get_kind (rec)));
  g_string_append (out, ",\n");
  json_member (out, 4, "option");
  json_option (out, result, dlb_recommendation_get_option (rec));
  g_string_append (out, ",\n");
  json_member (out, 4, "name");
  json_string (out, dlb_recommendation_get_option_name (rec));
  g_string_append (out, ",\n");
  json_member (out, 4, "first");
  g_string_append (out, "[");
  for (guint i = 0; i < n_first; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      json_option (out, result, (int) first[i]);
    }
  g_string_append (out, "],\n");
  json_member (out, 4, "override");
  json_bool (out, dlb_recommendation_is_override (rec));
  g_string_append (out, ",\n");
  json_member (out, 4, "justification");
  json_string (out, dlb_recommendation_get_justification (rec));
  g_string_append (out, ",\n");
  json_member (out, 4, "headline");
  json_string (out, headline);
  g_string_append (out, ",\n");
  json_member (out, 4, "summary");
  json_string (out, summary);
  g_string_append (out, ",\n");
  json_member (out, 4, "conditions");
  g_string_append (out, n_conditions > 0 ? "[\n" : "[]");
  for (guint i = 0; i < n_conditions; i++)
    {
      const DlbCondition *condition = dlb_recommendation_get_condition (rec, i);

      g_string_append (out, "      {");
      json_member (out, 0, "finding");
      json_string (out, condition->finding_id);
      g_string_append (out, ", ");
      json_member (out, 0, "condition");
      json_string (out, condition->condition);
      g_string_append (out, i + 1 < n_conditions ? "},\n" : "}\n    ]");
    }
  g_string_append (out, "\n  },\n");
}

char *
dlb_result_to_json (DlbResult *result,
                    DlbCase   *c)
{
  g_autoptr(GString) out = g_string_new ("{\n");
  g_autoptr(DlbRecommendation) rec = NULL;
  guint no, nc, np;
  const DlbRobustness *rob;
  const char * const *warnings;
  gboolean first;

  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);
  g_return_val_if_fail (c == NULL || DLB_IS_CASE (c), NULL);

  no = dlb_result_get_n_options (result);
  nc = dlb_result_get_n_criteria (result);
  np = dlb_result_get_n_perspectives (result);
  rec = c != NULL ? dlb_recommendation_new (c, result) : dlb_recommendation_new_for_result (result);

  json_member (out, 2, "format");
  json_string (out, JSON_FORMAT_NAME);
  g_string_append_printf (out, ",\n  \"version\": %d,\n", JSON_FORMAT_VERSION);

  json_member (out, 2, "title");
  json_string (out, c != NULL ? dlb_case_get_title (c) : NULL);
  g_string_append (out, ",\n");
  json_member (out, 2, "question");
  json_string (out, c != NULL ? dlb_case_get_question (c) : NULL);
  g_string_append (out, ",\n");

  json_member (out, 2, "status");
  json_string (out, dlb_result_status_to_nick (dlb_result_get_status (result)));
  g_string_append (out, ",\n");
  json_member (out, 2, "reason");
  json_string (out, dlb_result_get_reason (result));
  g_string_append (out, ",\n");

  json_member (out, 2, "winner");
  json_option (out, result, dlb_result_get_winner (result));
  g_string_append (out, ",\n");
  json_member (out, 2, "winner_tied");
  json_bool (out, dlb_result_get_winner_tied (result));
  g_string_append (out, ",\n");
  json_member (out, 2, "runner_up");
  json_option (out, result, dlb_result_get_runner_up (result));
  g_string_append (out, ",\n");
  json_member (out, 2, "margin");
  json_number (out, dlb_result_get_margin (result));
  g_string_append (out, ",\n");
  json_recommendation (out, rec);

  json_member (out, 2, "weighting");
  json_string (out, dlb_enum_to_nick (DLB_TYPE_WEIGHTING, dlb_result_get_weighting (result)));
  g_string_append (out, ",\n");
  json_member (out, 2, "perspective");
  json_string (out, dlb_result_get_perspective (result));
  g_string_append (out, ",\n");
  json_member (out, 2, "weights_overridden");
  json_bool (out, dlb_result_get_weights_overridden (result));
  g_string_append (out, ",\n");
  json_member (out, 2, "weights_all_zero");
  json_bool (out, dlb_result_get_weights_all_zero (result));
  g_string_append (out, ",\n");

  json_member (out, 2, "weights");
  g_string_append (out, "{");
  for (guint k = 0; k < nc; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      json_string (out, dlb_result_get_criterion_id (result, k));
      g_string_append (out, ": ");
      json_number (out, dlb_result_get_weight (result, k));
    }
  g_string_append (out, "},\n");

  json_member (out, 2, "criteria");
  g_string_append (out, "[");
  for (guint k = 0; k < nc; k++)
    {
      g_string_append (out, k == 0 ? "\n    {\"criterion\": " : ",\n    {\"criterion\": ");
      json_string (out, dlb_result_get_criterion_id (result, k));
      g_string_append (out, ", \"name\": ");
      json_string (out, dlb_result_get_criterion_name (result, k));
      g_string_append (out, ", \"weight\": ");
      json_number (out, dlb_result_get_weight (result, k));
      g_string_append (out, ", \"minimum\": ");
      if (dlb_result_criterion_has_minimum (result, k))
        json_number (out, dlb_result_get_criterion_minimum (result, k));
      else
        g_string_append (out, "null");
      g_string_append (out, "}");
    }
  g_string_append (out, nc > 0 ? "\n  ],\n" : "],\n");

  json_member (out, 2, "ahp");
  json_ahp (out, result);
  g_string_append (out, ",\n");

  json_member (out, 2, "ranking");
  json_ranking (out, result);
  g_string_append (out, ",\n");
  json_member (out, 2, "ties");
  json_ties (out, result);
  g_string_append (out, ",\n");

  json_member (out, 2, "unscored");
  g_string_append (out, "[");
  first = TRUE;
  for (guint i = 0; i < no; i++)
    for (guint k = 0; k < nc; k++)
      if (dlb_result_is_unscored (result, i, k))
        {
          g_string_append (out, first ? "{\"option\": " : ", {\"option\": ");
          json_string (out, dlb_result_get_option_id (result, i));
          g_string_append (out, ", \"criterion\": ");
          json_string (out, dlb_result_get_criterion_id (result, k));
          g_string_append (out, "}");
          first = FALSE;
        }
  g_string_append (out, "],\n");

  json_member (out, 2, "sensitivity");
  json_sensitivity (out, result);
  g_string_append (out, ",\n");

  rob = dlb_result_get_robustness (result);
  json_member (out, 2, "robustness");
  g_string_append (out, "{\"criterion\": ");
  json_string (out, rob->criterion >= 0 ? dlb_result_get_criterion_id (result, rob->criterion)
                                        : NULL);
  if (rob->criterion >= 0)
    {
      g_string_append (out, ", \"weight\": ");
      json_number (out, rob->weight);
      g_string_append (out, ", \"threshold\": ");
      json_number (out, rob->threshold);
      g_string_append (out, ", \"direction\": ");
      json_string (out, rob->rises ? "rises" : "falls");
      g_string_append (out, ", \"change\": ");
      json_number (out, rob->change);
      g_string_append (out, ", \"new_winner\": ");
      json_option (out, result, rob->new_winner);
    }
  else
    g_string_append (out, ", \"weight\": null, \"threshold\": null, \"direction\": null,"
                          " \"change\": null, \"new_winner\": null");
  g_string_append (out, ", \"sentence\": ");
  json_string (out, dlb_result_get_robustness_sentence (result));
  g_string_append (out, "},\n");

  json_member (out, 2, "monte_carlo");
  g_string_append_printf (out, "{\"seed\": %" G_GUINT64_FORMAT ", \"draws\": %u},\n",
                          dlb_result_get_seed (result), dlb_result_get_draws (result));

  json_member (out, 2, "probabilities");
  if (dlb_result_has_probabilities (result))
    {
      g_string_append (out, "{");
      for (guint i = 0; i < no; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          json_string (out, dlb_result_get_option_id (result, i));
          g_string_append (out, ": ");
          json_number (out, dlb_result_get_probability_first (result, i));
        }
      g_string_append (out, "},\n");
      json_member (out, 2, "probability_none");
      json_number (out, dlb_result_get_probability_none (result));
      g_string_append (out, ",\n");
      json_member (out, 2, "rank_probabilities");
      g_string_append (out, "{");
      for (guint i = 0; i < no; i++)
        {
          g_string_append (out, i == 0 ? "\n    " : ",\n    ");
          json_string (out, dlb_result_get_option_id (result, i));
          g_string_append (out, ": [");
          for (guint r = 0; r < no; r++)
            {
              if (r > 0)
                g_string_append (out, ", ");
              json_number (out, dlb_result_get_rank_probability (result, i, r));
            }
          g_string_append (out, "]");
        }
      g_string_append (out, no > 0 ? "\n  },\n" : "},\n");
    }
  else
    g_string_append (out, "null,\n  \"probability_none\": null,\n  \"rank_probabilities\": null,\n");

  json_member (out, 2, "perspectives");
  g_string_append (out, "[");
  for (guint p = 0; p < np; p++)
    {
      const DlbPerspectiveOutcome *o = dlb_result_get_perspective_outcome (result, p);

      g_string_append (out, p == 0 ? "\n    {\"perspective\": " : ",\n    {\"perspective\": ");
      json_string (out, o->id);
      g_string_append (out, ", \"name\": ");
      json_string (out, o->name);
      g_string_append (out, ", \"stakeholder\": ");
      json_string (out, o->stakeholder);
      g_string_append (out, ", \"winner\": ");
      json_option (out, result, o->winner);
      g_string_append (out, ", \"tied\": ");
      json_bool (out, o->tied);
      g_string_append (out, ", \"agrees\": ");
      json_bool (out, o->agrees);
      g_string_append (out, "}");
    }
  g_string_append (out, np > 0 ? "\n  ],\n" : "],\n");
  g_string_append_printf (out, "  \"perspectives_agreeing\": %u,\n",
                          dlb_result_get_n_agreeing (result));
  json_member (out, 2, "agreement");
  json_string (out, dlb_result_get_agreement_sentence (result));
  g_string_append (out, ",\n");

  json_member (out, 2, "warnings");
  g_string_append (out, "[");
  warnings = dlb_result_get_warnings (result);
  for (guint w = 0; warnings != NULL && warnings[w] != NULL; w++)
    {
      g_string_append (out, w == 0 ? "\n    " : ",\n    ");
      json_string (out, warnings[w]);
    }
  g_string_append (out, warnings != NULL && warnings[0] != NULL ? "\n  ]\n" : "]\n");

  g_string_append (out, "}\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The readable summary ---------------------------------------------------- */

/* Appends @text padded (or cut, with an ellipsis) to @width characters. */
static void
append_cell (GString    *out,
             const char *text,
             guint       width,
             gboolean    right)
{
  glong len = g_utf8_strlen (text, -1);

  if (len > (glong) width)
    {
      const char *cut = g_utf8_offset_to_pointer (text, width - 1);

      g_string_append_len (out, text, cut - text);
      g_string_append (out, "…");
      return;
    }
  if (right)
    for (glong p = len; p < (glong) width; p++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (glong p = len; p < (glong) width; p++)
      g_string_append_c (out, ' ');
}

static char *
percent (double fraction)
{
  /* Translators: a percentage with one decimal; use your language's
   * spacing and sign ("12.5 %", "12,5 %", "%12.5") */
  return g_strdup_printf (_("%.1f %%"), fraction * 100.0);
}

static const char *
weighting_label (DlbResult *result)
{
  if (dlb_result_get_weights_overridden (result))
    return _("weights being previewed");
  if (dlb_result_get_perspective (result) != NULL)
    return _("a perspective’s weights");
  return dlb_phrase_for_weighting (dlb_result_get_weighting (result));
}

char *
dlb_result_to_text (DlbResult *result,
                    DlbCase   *c)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint no, nc, np, n_ranked;
  const guint *ranking;
  const char * const *warnings;
  gboolean any_gate = FALSE;
  const DlbAhpConsistency *ahp;

  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);
  g_return_val_if_fail (c == NULL || DLB_IS_CASE (c), NULL);

  no = dlb_result_get_n_options (result);
  nc = dlb_result_get_n_criteria (result);
  np = dlb_result_get_n_perspectives (result);
  ranking = dlb_result_get_ranking (result, &n_ranked);

  if (c != NULL && dlb_case_get_title (c) != NULL && *dlb_case_get_title (c) != '\0')
    g_string_append_printf (out, "%s\n", dlb_case_get_title (c));
  if (c != NULL && dlb_case_get_question (c) != NULL && *dlb_case_get_question (c) != '\0')
    g_string_append_printf (out, "%s\n", dlb_case_get_question (c));
  if (out->len > 0)
    g_string_append_c (out, '\n');

  {
    g_autoptr(DlbRecommendation) rec = c != NULL ? dlb_recommendation_new (c, result)
                                                 : dlb_recommendation_new_for_result (result);
    g_autofree char *headline = dlb_recommendation_dup_headline (rec, FALSE);
    g_autofree char *summary = dlb_recommendation_dup_summary (rec, FALSE);
    g_autofree char *justification = dlb_recommendation_dup_justification_sentence (rec, FALSE);
    g_autofree char *probability = dlb_recommendation_dup_probability_sentence (rec);
    const char *robustness = dlb_recommendation_get_robustness (rec);

    g_string_append_printf (out, "%s\n%s\n", headline, summary);
    if (justification != NULL)
      g_string_append_printf (out, "%s\n", justification);
    if (robustness != NULL)
      g_string_append_printf (out, "%s\n", robustness);
    if (probability != NULL)
      {
        g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, dlb_result_get_seed (result));

        g_string_append_printf (out, "%s ", probability);
        /* Translators: %s is the seed of the simulation, which repeats it */
        g_string_append_printf (out, _("(Seed %s.)"), seed);
        g_string_append_c (out, '\n');
      }
  }
  if (np > 0)
    g_string_append_printf (out, "%s\n", dlb_result_get_agreement_sentence (result));

  if (no > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Ranking"));
      g_string_append (out, "  ");
      append_cell (out, _("Place"), 6, FALSE);
      append_cell (out, _("Option"), 32, FALSE);
      append_cell (out, _("Score"), 7, TRUE);
      if (dlb_result_has_probabilities (result))
        append_cell (out, _("First"), 9, TRUE);
      g_string_append_c (out, '\n');

      for (guint r = 0; r < n_ranked; r++)
        {
          guint i = ranking[r];
          guint place = dlb_result_get_place (result, i);
          gboolean tied = (r > 0 && dlb_result_get_place (result, ranking[r - 1]) == place) ||
                          (r + 1 < n_ranked && dlb_result_get_place (result, ranking[r + 1]) == place);
          g_autofree char *place_text = NULL;
          g_autofree char *score = g_strdup_printf ("%.2f", dlb_result_get_total (result, i));

          if (dlb_result_is_disqualified (result, i))
            place_text = g_strdup ("–");
          else if (tied)
            place_text = g_strdup_printf ("%u=", place);
          else
            place_text = g_strdup_printf ("%u", place);

          g_string_append (out, "  ");
          append_cell (out, place_text, 6, FALSE);
          append_cell (out, dlb_result_get_option_name (result, i), 32, FALSE);
          append_cell (out, score, 7, TRUE);
          if (dlb_result_has_probabilities (result))
            {
              g_autofree char *p = percent (dlb_result_get_probability_first (result, i));

              append_cell (out, p, 9, TRUE);
            }
          if (dlb_result_is_disqualified (result, i))
            {
              g_string_append (out, "  ");
              /* Translators: shown after an option that fails a gate */
              g_string_append (out, _("disqualified"));
            }
          g_string_append_c (out, '\n');
        }
    }

  if (nc > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Weights and sensitivity"));
      g_string_append (out, "  ");
      /* Translators: %s is how the weights were obtained, e.g. "direct points" */
      g_string_append_printf (out, _("Weights from %s."), weighting_label (result));
      g_string_append_c (out, '\n');
      ahp = dlb_result_get_ahp (result);
      if (ahp != NULL)
        {
          g_string_append (out, "  ");
          /* Translators: AHP figures: the consistency ratio and the principal eigenvalue */
          g_string_append_printf (out, _("Consistency ratio %.3f (λmax %.4f)."), ahp->cr,
                                  ahp->lambda_max);
          g_string_append_c (out, '\n');
        }

      g_string_append (out, "  ");
      append_cell (out, _("Criterion"), 28, FALSE);
      append_cell (out, _("Weight"), 9, TRUE);
      g_string_append (out, "  ");
      append_cell (out, _("Winner holds"), 18, FALSE);
      append_cell (out, _("Below"), 18, FALSE);
      g_string_append (out, _("Above"));
      g_string_append_c (out, '\n');

      for (guint k = 0; k < nc; k++)
        {
          const DlbSensitivity *s = dlb_result_get_sensitivity (result, k);
          g_autofree char *w = percent (s->weight);

          g_string_append (out, "  ");
          append_cell (out, dlb_result_get_criterion_name (result, k), 28, FALSE);
          append_cell (out, w, 9, TRUE);
          g_string_append (out, "  ");
          if (s->valid)
            {
              g_autofree char *from = percent (s->holds_from);
              g_autofree char *to = percent (s->holds_to);
              /* Translators: a range of weights, e.g. "10.0 % – 45.0 %" */
              g_autofree char *range = g_strdup_printf (_("%s – %s"), from, to);

              append_cell (out, range, 18, FALSE);
              append_cell (out, s->below >= 0 ? dlb_result_get_option_name (result, s->below) : "—",
                           18, FALSE);
              g_string_append (out, s->above >= 0 ? dlb_result_get_option_name (result, s->above)
                                                  : "—");
            }
          else
            g_string_append (out, "—");
          g_string_append_c (out, '\n');
        }
    }

  for (guint i = 0; i < no; i++)
    {
      guint n_failures;
      const DlbGateFailure *failures = dlb_result_get_gate_failures (result, i, &n_failures);

      for (guint f = 0; f < n_failures; f++)
        {
          if (!any_gate)
            g_string_append_printf (out, "\n%s\n", _("Gates"));
          any_gate = TRUE;
          g_string_append (out, "  ");
          {
            g_autofree char *sentence = dlb_gate_failure_sentence (result, i, &failures[f]);

            g_string_append (out, sentence);
          }
          g_string_append_c (out, '\n');
        }
    }

  if (np > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Perspectives"));
      for (guint p = 0; p < np; p++)
        {
          const DlbPerspectiveOutcome *o = dlb_result_get_perspective_outcome (result, p);

          g_string_append (out, "  ");
          if (o->winner < 0)
            /* Translators: a perspective's name */
            g_string_append_printf (out, _("%s: no winner"), o->name);
          else if (o->agrees)
            /* Translators: a perspective's name and the option it favours */
            g_string_append_printf (out, _("%s: %s (agrees)"), o->name,
                                    dlb_result_get_option_name (result, o->winner));
          else
            /* Translators: a perspective's name and the option it favours */
            g_string_append_printf (out, _("%s: %s (differs)"), o->name,
                                    dlb_result_get_option_name (result, o->winner));
          g_string_append_c (out, '\n');
        }
    }

  warnings = dlb_result_get_warnings (result);
  if (warnings != NULL && warnings[0] != NULL)
    {
      g_string_append_printf (out, "\n%s\n", _("Warnings"));
      for (guint w = 0; warnings[w] != NULL; w++)
        g_string_append_printf (out, "  • %s\n", warnings[w]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
