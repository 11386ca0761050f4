/* test-recommendation.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dlb-analysis.h"
#include "dlb-analysis-json.h"
#include "dlb-labels.h"
#include "dlb-recommendation.h"

/* Cases are built from construct properties only: an entity in a case is
 * changed through the case, never directly. */

static void
add (DlbCase   *c,
     gpointer   entity)
{
  g_autoptr(DlbEntity) owned = entity;

  g_assert_true (dlb_case_append (c, owned, NULL));
}

static DlbEntity *
criterion (const char *id,
           double      weight,
           double      minimum)
{
  return g_object_new (DLB_TYPE_CRITERION, "id", id, "name", id, "weight", weight,
                       "minimum", minimum, NULL);
}

static DlbEntity *
option (const char *id,
        const char *name)
{
  return g_object_new (DLB_TYPE_OPTION, "id", id, "name", name, NULL);
}

static DlbEntity *
score (const char *o,
       const char *k,
       double      value)
{
  g_autofree char *id = dlb_score_make_id (o, k);

  return g_object_new (DLB_TYPE_SCORE, "id", id, "option", o, "criterion", k,
                       "value", value, "low", value, "high", value, NULL);
}

typedef enum
{
  SHAPE_WINNER,
  SHAPE_TIE,
  SHAPE_OVERRIDE,
  SHAPE_ALL_GATED,
  SHAPE_NO_CRITERIA,
} Shape;

/* Options A, B and C on one criterion "k" (two for the tie, where A and B
 * score the same). */
static DlbCase *
make_case (Shape shape)
{
  DlbCase *c = g_object_new (DLB_TYPE_CASE, "id", "case", "title", "Shapes",
                             "recommendation", shape == SHAPE_OVERRIDE ? "b" : NULL,
                             "justification", shape == SHAPE_OVERRIDE ? "The council asked for it." : NULL,
                             NULL);

  add (c, option ("a", "Alpha"));
  add (c, option ("b", "Beta"));
  add (c, option ("c", "Gamma"));
  if (shape == SHAPE_NO_CRITERIA)
    return c;
  add (c, criterion ("k", 10, shape == SHAPE_ALL_GATED ? 9.5 : -1));
  add (c, score ("a", "k", 8));
  add (c, score ("b", "k", shape == SHAPE_TIE ? 8 : 6));
  add (c, score ("c", "k", shape == SHAPE_TIE ? 8 : 3));
  return c;
}

static void
test_kinds (void)
{
  static const struct {
    Shape                 shape;
    DlbRecommendationKind kind;
    const char           *option;
    const char           *headline;
  } cases[] = {
    { SHAPE_WINNER, DLB_RECOMMENDATION_WINNER, "a", "Recommended: Alpha" },
    { SHAPE_TIE, DLB_RECOMMENDATION_TIE, "a", "Tied for first: Alpha, Beta and Gamma" },
    { SHAPE_OVERRIDE, DLB_RECOMMENDATION_OVERRIDE, "b", "Recommended by the analyst: Beta" },
    { SHAPE_ALL_GATED, DLB_RECOMMENDATION_NONE, NULL, "No recommendation" },
    { SHAPE_NO_CRITERIA, DLB_RECOMMENDATION_NONE, NULL, "No recommendation" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DlbCase) c = make_case (cases[i].shape);
      g_autoptr(DlbResult) r = dlb_engine_analyze (c, NULL);
      g_autoptr(DlbRecommendation) rec = dlb_recommendation_new (c, r);
      g_autofree char *headline = dlb_recommendation_dup_headline (rec, FALSE);
      g_autofree char *summary = dlb_recommendation_dup_summary (rec, FALSE);
      g_autofree char *markup = dlb_recommendation_dup_headline (rec, TRUE);

      g_assert_cmpint (dlb_recommendation_get_kind (rec), ==, cases[i].kind);
      g_assert_cmpstr (dlb_recommendation_get_option_id (rec), ==, cases[i].option);
      g_assert_cmpstr (headline, ==, cases[i].headline);
      g_assert_true (g_str_has_prefix (markup, "<b>"));
      g_assert_cmpuint (strlen (summary), >, 0);
      if (cases[i].kind == DLB_RECOMMENDATION_NONE)
        g_assert_cmpstr (summary, ==, dlb_result_get_reason (r));
    }
}

static void
test_override_words (void)
{
  g_autoptr(DlbCase) c = make_case (SHAPE_OVERRIDE);
  g_autoptr(DlbResult) r = dlb_engine_analyze (c, NULL);
  g_autoptr(DlbRecommendation) rec = dlb_recommendation_new (c, r);
  g_autoptr(DlbRecommendation) model = dlb_recommendation_new_for_result (r);
  g_autofree char *summary = dlb_recommendation_dup_summary (rec, FALSE);
  g_autofree char *justification = dlb_recommendation_dup_justification_sentence (rec, FALSE);
  g_autofree char *markup = dlb_recommendation_dup_summary (rec, TRUE);

  g_assert_cmpstr (summary, ==, "The analysis ranks Alpha first at 8.00 of 10; the analyst recommends Beta (6.00) instead.");
  g_assert_cmpstr (justification, ==, "Justification. The council asked for it.");
  g_assert_nonnull (strstr (markup, "<b>Beta</b>"));
  g_assert_true (dlb_recommendation_is_override (rec));
  g_assert_cmpint (dlb_recommendation_get_model_option (rec), ==, 0);
  /* The robustness sentence speaks of the model's winner, not the analyst's. */
  g_assert_null (dlb_recommendation_get_robustness (rec));

  /* A perspective or a preview has the model's word only. */
  g_assert_cmpint (dlb_recommendation_get_kind (model), ==, DLB_RECOMMENDATION_WINNER);
  g_assert_cmpstr (dlb_recommendation_get_option_id (model), ==, "a");
}

static void
test_conditions (void)
{
  g_autoptr(DlbCase) c = make_case (SHAPE_WINNER);
  const char *resolves[] = { "f1", "f2", NULL };
  g_autoptr(DlbResult) r = NULL;
  g_autoptr(DlbRecommendation) rec = NULL;
  const DlbCondition *condition;

  add (c, g_object_new (DLB_TYPE_FINDING, "id", "f1", "title", "Retention", "condition", "Delete after 30 days", NULL));
  add (c, g_object_new (DLB_TYPE_FINDING, "id", "f2", "title", "Sharing", NULL));
  add (c, g_object_new (DLB_TYPE_OPTION, "id", "d", "name", "Delta", "resolves", resolves, NULL));
  add (c, score ("d", "k", 9));

  r = dlb_engine_analyze (c, NULL);
  rec = dlb_recommendation_new (c, r);
  g_assert_cmpstr (dlb_recommendation_get_option_id (rec), ==, "d");
  g_assert_cmpuint (dlb_recommendation_get_n_conditions (rec), ==, 2);
  condition = dlb_recommendation_get_condition (rec, 0);
  g_assert_cmpstr (condition->finding_title, ==, "Retention");
  g_assert_cmpstr (condition->condition, ==, "Delete after 30 days");
  condition = dlb_recommendation_get_condition (rec, 1);
  g_assert_null (condition->condition);
}

/* The reasons are the criteria that add most to the recommended option's
 * lead over its closest rival, strongest first; a criterion on which it
 * trails, or that is not scored for both, gives none. */
static void
test_reasons (void)
{
  g_autoptr(DlbCase) c = make_case (SHAPE_WINNER);
  g_autoptr(DlbCase) gated = make_case (SHAPE_ALL_GATED);
  g_autoptr(DlbCase) overridden = make_case (SHAPE_OVERRIDE);
  g_autoptr(DlbResult) r = NULL;
  g_autoptr(DlbResult) rg = NULL;
  g_autoptr(DlbResult) ro = NULL;
  g_autoptr(DlbRecommendation) rec = NULL;
  g_autoptr(DlbRecommendation) none = NULL;
  g_autoptr(DlbRecommendation) analyst = NULL;
  g_autoptr(GArray) reasons = NULL;
  g_autoptr(GArray) no_reasons = NULL;
  g_autoptr(GArray) analyst_reasons = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *markup = NULL;
  const DlbReason *first;

  /* Alpha leads Beta by 2 on k (weight 10) and by 3 on "m" (weight 30),
   * trails on "n", and Beta has no score on "u". */
  add (c, criterion ("m", 30, -1));
  add (c, criterion ("n", 20, -1));
  add (c, criterion ("u", 40, -1));
  add (c, score ("a", "m", 9));
  add (c, score ("b", "m", 6));
  add (c, score ("c", "m", 6));
  add (c, score ("a", "n", 4));
  add (c, score ("b", "n", 7));
  add (c, score ("c", "n", 7));
  add (c, score ("a", "u", 5));
  r = dlb_engine_analyze (c, NULL);
  rec = dlb_recommendation_new (c, r);
  g_assert_cmpstr (dlb_recommendation_get_option_id (rec), ==, "a");

  reasons = dlb_recommendation_dup_reasons (rec, 3);
  g_assert_cmpuint (reasons->len, ==, 2);
  first = &g_array_index (reasons, DlbReason, 0);
  g_assert_cmpstr (dlb_result_get_criterion_id (r, first->criterion), ==, "m");
  g_assert_cmpstr (dlb_result_get_option_id (r, first->rival), ==, "b");
  g_assert_cmpfloat_with_epsilon (first->gain, 0.3 * 3, 1e-9);
  g_assert_cmpstr (dlb_result_get_criterion_id (r, g_array_index (reasons, DlbReason, 1).criterion), ==, "k");
  g_clear_pointer (&reasons, g_array_unref);
  reasons = dlb_recommendation_dup_reasons (rec, 1);
  g_assert_cmpuint (reasons->len, ==, 1);
  first = &g_array_index (reasons, DlbReason, 0);

  sentence = dlb_recommendation_dup_reason_sentence (rec, first, FALSE);
  g_assert_cmpstr (sentence, ==, "m, weighted 30\u00a0%: 9.0 against 6.0 for Beta.");
  markup = dlb_recommendation_dup_reason_sentence (rec, first, TRUE);
  g_assert_true (g_str_has_prefix (markup, "<b>m</b>"));

  /* No recommendation, no reasons. */
  rg = dlb_engine_analyze (gated, NULL);
  none = dlb_recommendation_new (gated, rg);
  no_reasons = dlb_recommendation_dup_reasons (none, 3);
  g_assert_cmpuint (no_reasons->len, ==, 0);

  /* The analyst's choice is weighed against the model's: Beta trails
   * Alpha on the only criterion. */
  ro = dlb_engine_analyze (overridden, NULL);
  analyst = dlb_recommendation_new (overridden, ro);
  analyst_reasons = dlb_recommendation_dup_reasons (analyst, 3);
  g_assert_cmpuint (analyst_reasons->len, ==, 0);
}

/* The simulation says when it cannot tell the first two apart. */
static void
test_too_close_to_call (void)
{
  g_autoptr(DlbCase) clear = make_case (SHAPE_WINNER);
  g_autoptr(DlbCase) close = g_object_new (DLB_TYPE_CASE, "id", "case", "title", "Close", NULL);
  g_autoptr(DlbResult) r = NULL;
  g_autoptr(DlbRecommendation) rec = NULL;
  g_autofree char *sentence = NULL;
  g_autofree char *id_a = dlb_score_make_id ("a", "k");
  g_autofree char *id_b = dlb_score_make_id ("b", "k");

  r = dlb_engine_analyze (clear, NULL);
  rec = dlb_recommendation_new (clear, r);
  sentence = dlb_recommendation_dup_probability_sentence (rec);
  /* No score has a range: every draw is the same, and the words say so. */
  g_assert_cmpstr (sentence, ==, "No score has a plausible range, so the simulation had nothing to vary: "
                                 "the ranking stands as scored.");
  g_clear_object (&rec);
  g_clear_object (&r);
  g_clear_pointer (&sentence, g_free);

  /* Alpha leads by a hair on wide ranges: about an even chance each. */
  add (close, option ("a", "Alpha"));
  add (close, option ("b", "Beta"));
  add (close, criterion ("k", 10, -1));
  add (close, g_object_new (DLB_TYPE_SCORE, "id", id_a, "option", "a", "criterion", "k",
                            "value", 5.1, "low", 0.0, "high", 10.0, NULL));
  add (close, g_object_new (DLB_TYPE_SCORE, "id", id_b, "option", "b", "criterion", "k",
                            "value", 5.0, "low", 0.0, "high", 10.0, NULL));
  r = dlb_engine_analyze (close, NULL);
  rec = dlb_recommendation_new (close, r);
  g_assert_cmpstr (dlb_recommendation_get_option_id (rec), ==, "a");
  sentence = dlb_recommendation_dup_probability_sentence (rec);
  g_assert_true (g_str_has_suffix (sentence, ": too close to call."));
  g_assert_true (g_str_has_prefix (sentence, "Across 10,000 simulations of the scores’ uncertainty ranges"));
  g_assert_nonnull (strstr (sentence, "and Beta in "));
}

/* --analyze states the recommendation with the same sentences. */
static void
test_analysis_text (void)
{
  for (Shape shape = SHAPE_WINNER; shape <= SHAPE_NO_CRITERIA; shape++)
    {
      g_autoptr(DlbCase) c = make_case (shape);
      g_autoptr(DlbResult) r = dlb_engine_analyze (c, NULL);
      g_autoptr(DlbRecommendation) rec = dlb_recommendation_new (c, r);
      g_autofree char *headline = dlb_recommendation_dup_headline (rec, FALSE);
      g_autofree char *text = dlb_result_to_text (r, c);
      g_autofree char *json = dlb_result_to_json (r, c);
      g_autofree char *kind = g_strdup_printf ("\"kind\": \"%s\"",
                                               dlb_recommendation_kind_to_nick (dlb_recommendation_get_kind (rec)));

      g_assert_nonnull (strstr (text, headline));
      g_assert_nonnull (strstr (json, kind));
      g_assert_nonnull (strstr (json, headline));
    }
}

static void
test_gate_sentence (void)
{
  g_autoptr(DlbCase) c = make_case (SHAPE_ALL_GATED);
  g_autoptr(DlbResult) r = dlb_engine_analyze (c, NULL);
  guint n = 0;
  const DlbGateFailure *failures = dlb_result_get_gate_failures (r, 1, &n);
  g_autofree char *sentence = NULL;

  g_assert_cmpuint (n, ==, 1);
  sentence = dlb_gate_failure_sentence (r, 1, &failures[0]);
  g_assert_cmpstr (sentence, ==, "Beta is ruled out: it scores 6.0 on k, below the minimum of 9.5.");
}

/* The analysis object ------------------------------------------------------ */

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    data)
{
  (*(guint *) data)++;
}

static void
wait_until_idle (DlbAnalysis *analysis)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (dlb_analysis_get_busy (analysis) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dlb_analysis_get_busy (analysis));
}

static gboolean
set_weight (DlbCase    *c,
            const char *id,
            double      weight)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, weight);
  return dlb_case_set_field (c, dlb_case_lookup (c, id), DLB_CRITERION_WEIGHT, &v, NULL);
}

static void
test_analysis_follows_case (void)
{
  g_autoptr(DlbCase) c = make_case (SHAPE_WINNER);
  g_autoptr(DlbAnalysis) analysis = NULL;
  guint notified = 0;
  guint runs;

  add (c, criterion ("cost", 0, -1));
  add (c, score ("a", "cost", 0));
  add (c, score ("b", "cost", 10));
  add (c, score ("c", "cost", 5));

  analysis = dlb_analysis_new (c, NULL);
  g_signal_connect (analysis, "notify::result", G_CALLBACK (on_notify), &notified);
  g_assert_true (dlb_analysis_get_busy (analysis));
  g_assert_null (dlb_analysis_get_result (analysis));

  wait_until_idle (analysis);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, 1);
  g_assert_cmpstr (dlb_recommendation_get_option_id (dlb_analysis_get_recommendation (analysis)), ==, "a");
  g_assert_cmpuint (dlb_result_get_draws (dlb_analysis_get_result (analysis)), ==, DLB_ENGINE_DEFAULT_DRAWS);

  /* A burst of edits in one turn of the main loop is one run, and the
   * result follows the last of them. */
  runs = dlb_analysis_get_n_runs (analysis);
  g_assert_true (set_weight (c, "cost", 5));
  g_assert_true (set_weight (c, "cost", 20));
  g_assert_true (set_weight (c, "cost", 40));
  g_assert_true (dlb_analysis_get_busy (analysis));
  wait_until_idle (analysis);
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, runs + 1);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (dlb_recommendation_get_option_id (dlb_analysis_get_recommendation (analysis)), ==, "b");

  /* Asked for at once, it is computed at once, and a run started before
   * it never replaces it. */
  g_assert_true (set_weight (c, "cost", 0));
  g_assert_cmpstr (dlb_result_get_winner_id (dlb_analysis_update_sync (analysis)), ==, "a");
  g_assert_false (dlb_analysis_get_busy (analysis));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (dlb_result_get_winner_id (dlb_analysis_get_result (analysis)), ==, "a");
}

/* An edit made while a run is in the worker thread outdates it: the run's
 * result is never shown. */
static void
test_analysis_drops_stale_run (void)
{
  g_autoptr(DlbCase) c = make_case (SHAPE_WINNER);
  g_autoptr(DlbAnalysis) analysis = NULL;
  gint64 deadline;

  add (c, criterion ("cost", 0, -1));
  add (c, score ("a", "cost", 0));
  add (c, score ("b", "cost", 10));
  add (c, score ("c", "cost", 5));
  analysis = dlb_analysis_new (c, NULL);

  /* Let the first run start, then change the case under it. */
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (dlb_analysis_get_n_runs (analysis) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (set_weight (c, "cost", 40));
  wait_until_idle (analysis);
  g_assert_cmpuint (dlb_analysis_get_n_runs (analysis), ==, 2);
  g_assert_cmpstr (dlb_result_get_winner_id (dlb_analysis_get_result (analysis)), ==, "b");
}

/* One analysis per open case, gone with the case. */
static void
test_analysis_for_case (void)
{
  DlbCase *c = make_case (SHAPE_WINNER);
  DlbAnalysis *analysis = dlb_analysis_for_case (c);
  g_autoptr(DlbAnalysis) kept = g_object_ref (analysis);

  g_assert_true (dlb_analysis_for_case (c) == analysis);
  g_assert_true (dlb_analysis_get_case (analysis) == c);
  g_assert_cmpstr (dlb_result_get_winner_id (dlb_analysis_update_sync (analysis)), ==, "a");

  g_object_unref (c);
  g_assert_null (dlb_analysis_get_case (kept));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Three options tied for first read as one tie, not as two of them. */
static void
test_three_way_tie (void)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autoptr(DlbResult) r = NULL;
  g_autoptr(DlbRecommendation) rec = NULL;
  g_autofree char *headline = NULL;

  add (c, criterion ("k", 10, -1));
  add (c, option ("a", "Alpha"));
  add (c, option ("b", "Beta"));
  add (c, option ("g", "Gamma"));
  add (c, score ("a", "k", 5));
  add (c, score ("b", "k", 5));
  add (c, score ("g", "k", 5));
  r = dlb_engine_analyze (c, NULL);
  rec = dlb_recommendation_new (c, r);
  headline = dlb_recommendation_dup_headline (rec, FALSE);

  g_assert_cmpint (dlb_recommendation_get_kind (rec), ==, DLB_RECOMMENDATION_TIE);
  g_assert_cmpstr (headline, ==, "Tied for first: Alpha, Beta and Gamma");
  g_assert_cmpstr (dlb_recommendation_get_robustness (rec), ==,
                   "The recommendation is not robust: Alpha, Beta and Gamma tie for first place.");
}

/* Counts and percentages as the user's language writes them, the sign
 * never parted from its number. */
static void
test_number_formats (void)
{
  g_autofree char *small = dlb_format_count (999);
  g_autofree char *big = dlb_format_count (1234567);
  g_autofree char *percent = dlb_format_percent (0.384);

  g_assert_cmpstr (small, ==, "999");
  g_assert_cmpstr (big, ==, "1,234,567");
  g_assert_cmpstr (percent, ==, "38\u00a0%");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/recommendation/kinds", test_kinds);
  g_test_add_func ("/core/recommendation/override", test_override_words);
  g_test_add_func ("/core/recommendation/conditions", test_conditions);
  g_test_add_func ("/core/recommendation/reasons", test_reasons);
  g_test_add_func ("/core/recommendation/analysis-text", test_analysis_text);
  g_test_add_func ("/core/recommendation/gate-sentence", test_gate_sentence);
  g_test_add_func ("/core/recommendation/too-close-to-call", test_too_close_to_call);
  g_test_add_func ("/core/analysis/follows-case", test_analysis_follows_case);
  g_test_add_func ("/core/analysis/drops-stale-run", test_analysis_drops_stale_run);
  g_test_add_func ("/core/analysis/for-case", test_analysis_for_case);

  g_test_add_func ("/recommendation/number-formats", test_number_formats);
  g_test_add_func ("/recommendation/three-way-tie", test_three_way_tie);

  return g_test_run ();
}
