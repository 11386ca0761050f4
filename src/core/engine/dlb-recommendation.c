/* dlb-recommendation.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-recommendation"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-labels.h"
#include "dlb-recommendation.h"

struct _DlbRecommendation
{
  GObject                parent_instance;

  DlbResult             *result;
  DlbRecommendationKind  kind;
  int                    option;        /* recommended, index in result; -1 */
  GArray                *first;         /* guint: the model's first place */
  char                  *justification;
  GArray                *conditions;    /* DlbCondition, strings in @strings */
  GStringChunk          *strings;
};

G_DEFINE_FINAL_TYPE (DlbRecommendation, dlb_recommendation, G_TYPE_OBJECT)

static void
dlb_recommendation_finalize (GObject *object)
{
  DlbRecommendation *self = DLB_RECOMMENDATION (object);

  g_clear_object (&self->result);
  g_clear_pointer (&self->first, g_array_unref);
  g_clear_pointer (&self->conditions, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->justification);

  G_OBJECT_CLASS (dlb_recommendation_parent_class)->finalize (object);
}

static void
dlb_recommendation_class_init (DlbRecommendationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dlb_recommendation_finalize;
}

static void
dlb_recommendation_init (DlbRecommendation *self)
{
  self->option = -1;
  self->first = g_array_new (FALSE, FALSE, sizeof (guint));
  self->conditions = g_array_new (FALSE, TRUE, sizeof (DlbCondition));
  self->strings = g_string_chunk_new (256);
}

static gboolean
has_text (const char *s)
{
  return s != NULL && *s != '\0';
}

/* The model's first place: the winner and every option tied with it. */
static void
read_first_place (DlbRecommendation *self)
{
  DlbResult *r = self->result;
  int winner = dlb_result_get_winner (r);
  guint n = 0;
  const guint *ranking = dlb_result_get_ranking (r, &n);

  if (winner < 0)
    return;
  for (guint k = 0; k < n; k++)
    {
      guint o = ranking[k];

      if (dlb_result_is_disqualified (r, o) ||
          dlb_result_get_place (r, o) != dlb_result_get_place (r, (guint) winner))
        break;
      g_array_append_val (self->first, o);
    }
  if (self->first->len == 0)
    g_array_append_val (self->first, winner);
}

DlbRecommendation *
dlb_recommendation_new_for_result (DlbResult *result)
{
  DlbRecommendation *self;

  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);

  self = g_object_new (DLB_TYPE_RECOMMENDATION, NULL);
  self->result = g_object_ref (result);
  read_first_place (self);

  self->option = dlb_result_get_winner (result);
  if (self->option < 0)
    self->kind = DLB_RECOMMENDATION_NONE;
  else if (self->first->len > 1)
    self->kind = DLB_RECOMMENDATION_TIE;
  else
    self->kind = DLB_RECOMMENDATION_WINNER;

  return self;
}

DlbRecommendation *
dlb_recommendation_new (DlbCase   *c,
                        DlbResult *result)
{
  DlbRecommendation *self;
  const char *override_id;
  int chosen;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);
  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);

  self = dlb_recommendation_new_for_result (result);

  /* The analyst's word counts where it departs from the model's: a
   * different option, or one of several tied for first. */
  override_id = dlb_case_get_recommendation (c);
  chosen = has_text (override_id) ? dlb_result_find_option (result, override_id) : -1;
  if (chosen >= 0 && (chosen != self->option || self->kind == DLB_RECOMMENDATION_TIE))
    {
      self->kind = DLB_RECOMMENDATION_OVERRIDE;
      self->option = chosen;
      if (has_text (dlb_case_get_justification (c)))
        self->justification = g_strdup (dlb_case_get_justification (c));
    }

  /* Conditions belong to the option recommended: a tie recommends none. */
  if (self->option >= 0 && self->kind != DLB_RECOMMENDATION_TIE)
    {
      DlbEntity *option = dlb_case_lookup_kind (c, DLB_KIND_OPTION,
                                                dlb_result_get_option_id (result, (guint) self->option));
      const char * const *resolves = option != NULL ? dlb_option_get_resolves (DLB_OPTION (option)) : NULL;

      for (guint i = 0; resolves != NULL && resolves[i] != NULL; i++)
        {
          DlbEntity *e = dlb_case_lookup_kind (c, DLB_KIND_FINDING, resolves[i]);
          DlbCondition condition = { 0 };

          if (e == NULL)
            continue;
          condition.finding_id = g_string_chunk_insert_const (self->strings, resolves[i]);
          condition.finding_title = g_string_chunk_insert_const (self->strings,
                                                                 dlb_finding_get_title (DLB_FINDING (e)) ?: "");
          if (has_text (dlb_finding_get_condition (DLB_FINDING (e))))
            condition.condition = g_string_chunk_insert_const (self->strings,
                                                               dlb_finding_get_condition (DLB_FINDING (e)));
          g_array_append_val (self->conditions, condition);
        }
    }

  return self;
}

DlbResult *
dlb_recommendation_get_result (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  return self->result;
}

DlbRecommendationKind
dlb_recommendation_get_kind (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), DLB_RECOMMENDATION_NONE);
  return self->kind;
}

const char *
dlb_recommendation_kind_to_nick (DlbRecommendationKind kind)
{
  switch (kind)
    {
    case DLB_RECOMMENDATION_WINNER: return "winner";
    case DLB_RECOMMENDATION_TIE: return "tie";
    case DLB_RECOMMENDATION_OVERRIDE: return "override";
    case DLB_RECOMMENDATION_NONE:
    default: return "none";
    }
}

int
dlb_recommendation_get_option (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), -1);
  return self->option;
}

const char *
dlb_recommendation_get_option_id (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  return self->option >= 0 ? dlb_result_get_option_id (self->result, (guint) self->option) : NULL;
}

const char *
dlb_recommendation_get_option_name (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  return self->option >= 0 ? dlb_result_get_option_name (self->result, (guint) self->option) : NULL;
}

int
dlb_recommendation_get_model_option (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), -1);
  return dlb_result_get_winner (self->result);
}

const guint *
dlb_recommendation_get_first (DlbRecommendation *self,
                              guint             *n_options)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  if (n_options != NULL)
    *n_options = self->first->len;
  return (const guint *) (gpointer) self->first->data;
}

gboolean
dlb_recommendation_is_override (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), FALSE);
  return self->kind == DLB_RECOMMENDATION_OVERRIDE;
}

const char *
dlb_recommendation_get_justification (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  return self->justification;
}

guint
dlb_recommendation_get_n_conditions (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), 0);
  return self->conditions->len;
}

const DlbCondition *
dlb_recommendation_get_condition (DlbRecommendation *self,
                                  guint              index)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  g_return_val_if_fail (index < self->conditions->len, NULL);
  return &g_array_index (self->conditions, DlbCondition, index);
}

/* Reasons --------------------------------------------------------------- */

/* The option the recommendation is weighed against. */
static int
closest_rival (DlbRecommendation *self)
{
  DlbResult *r = self->result;
  int model = dlb_result_get_winner (r);
  guint n = 0;
  const guint *ranking = dlb_result_get_ranking (r, &n);

  if (self->kind == DLB_RECOMMENDATION_OVERRIDE && model >= 0 && model != self->option)
    return model;
  for (guint i = 0; i < n; i++)
    if ((int) ranking[i] != self->option && !dlb_result_is_disqualified (r, ranking[i]))
      return (int) ranking[i];
  return -1;
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const DlbReason *x = a, *y = b;

  /* Strongest first; equal gains in criterion order, so the list never
   * depends on how the sort breaks ties. */
  if (x->gain != y->gain)
    return x->gain > y->gain ? -1 : 1;
  return x->criterion < y->criterion ? -1 : x->criterion > y->criterion;
}

GArray *
dlb_recommendation_dup_reasons (DlbRecommendation *self,
                                guint              max)
{
  GArray *reasons;
  DlbResult *r;
  int rival;

  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  reasons = g_array_new (FALSE, FALSE, sizeof (DlbReason));
  r = self->result;
  rival = self->option >= 0 ? closest_rival (self) : -1;
  if (rival < 0)
    return reasons;

  for (guint k = 0; k < dlb_result_get_n_criteria (r); k++)
    {
      DlbReason reason = { k, (guint) rival, 0 };

      if (dlb_result_is_unscored (r, (guint) self->option, k) || dlb_result_is_unscored (r, (guint) rival, k))
        continue;
      reason.gain = dlb_result_get_weight (r, k) * (dlb_result_get_score (r, (guint) self->option, k) -
                                                    dlb_result_get_score (r, (guint) rival, k));
      if (reason.gain > 1e-9)
        g_array_append_val (reasons, reason);
    }
  g_array_sort (reasons, compare_reasons);
  if (reasons->len > max)
    g_array_set_size (reasons, max);
  return reasons;
}

/* Sentences ------------------------------------------------------------- */

static char *
name_of (DlbRecommendation *self,
         guint              option,
         gboolean           markup)
{
  const char *name = dlb_result_get_option_name (self->result, option);

  if (markup)
    return g_markup_printf_escaped ("<b>%s</b>", name != NULL ? name : "");
  return g_strdup (name != NULL ? name : "");
}

static char *
escaped (const char *text,
         gboolean    markup)
{
  return markup ? g_markup_escape_text (text, -1) : g_strdup (text);
}

static char *
score_text (double value)
{
  return g_strdup_printf ("%.2f", value);
}

/* "A and B", "A, B and C" */
static char *
first_place_names (DlbRecommendation *self,
                   gboolean           markup)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < self->first->len; i++)
    {
      g_autofree char *name = name_of (self, g_array_index (self->first, guint, i), markup);

      if (i > 0 && i + 1 == self->first->len)
        /* Translators: between the last two names of a list, "A, B and C" */
        g_string_append (out, _(" and "));
      else if (i > 0)
        /* Translators: between names of a list, "A, B and C" */
        g_string_append (out, _(", "));
      g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}

const char *
dlb_recommendation_get_kind_label (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  switch (self->kind)
    {
    case DLB_RECOMMENDATION_WINNER: return _("Recommended");
    case DLB_RECOMMENDATION_TIE: return _("Tied for first");
    case DLB_RECOMMENDATION_OVERRIDE: return _("Recommended by the analyst");
    case DLB_RECOMMENDATION_NONE:
    default: return _("No recommendation");
    }
}

char *
dlb_recommendation_dup_choice (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  switch (self->kind)
    {
    case DLB_RECOMMENDATION_WINNER:
    case DLB_RECOMMENDATION_OVERRIDE:
      return name_of (self, (guint) self->option, FALSE);
    case DLB_RECOMMENDATION_TIE:
      return first_place_names (self, FALSE);
    case DLB_RECOMMENDATION_NONE:
    default:
      return NULL;
    }
}

char *
dlb_recommendation_dup_headline (DlbRecommendation *self,
                                 gboolean           markup)
{
  g_autofree char *choice = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  choice = dlb_recommendation_dup_choice (self);
  if (choice == NULL)
    text = g_strdup (dlb_recommendation_get_kind_label (self));
  else
    /* Translators: the kind of recommendation ("Recommended", "Tied for
     * first", "Recommended by the analyst"), then the option or options */
    text = g_strdup_printf (_("%s: %s"), dlb_recommendation_get_kind_label (self), choice);

  return markup ? g_markup_printf_escaped ("<b>%s</b>", text) : g_steal_pointer (&text);
}

/* What the model says about its own first place. */
static char *
model_summary (DlbRecommendation *self,
               gboolean           markup)
{
  DlbResult *r = self->result;
  int winner = dlb_result_get_winner (r);
  int runner = dlb_result_get_runner_up (r);
  g_autofree char *total = NULL;
  g_autofree char *name = NULL;

  if (winner < 0)
    return escaped (dlb_result_get_reason (r) ?: "", markup);

  total = score_text (dlb_result_get_total (r, (guint) winner));
  if (self->first->len > 1)
    {
      g_autofree char *names = first_place_names (self, markup);

      /* Translators: the options that share first place ("A and B") and their score out of 10 */
      return g_strdup_printf (_("%s tie for first place at %s of 10; the weighted scores alone do not "
                                "decide between them."), names, total);
    }

  name = name_of (self, (guint) winner, markup);
  if (runner >= 0)
    {
      g_autofree char *margin = score_text (dlb_result_get_margin (r));
      g_autofree char *runner_name = name_of (self, (guint) runner, markup);
      g_autofree char *runner_total = score_text (dlb_result_get_total (r, (guint) runner));

      /* Translators: the winner, its score, its lead, the runner-up and the runner-up's score */
      return g_strdup_printf (_("%s scores %s of 10 on the weighted criteria, %s points ahead of "
                                "the next option, %s (%s)."),
                              name, total, margin, runner_name, runner_total);
    }
  if (dlb_result_get_n_options (r) == 1)
    /* Translators: the only option and its score */
    return g_strdup_printf (_("%s scores %s of 10 on the weighted criteria; it is the only option."),
                            name, total);
  /* Translators: the winner and its score */
  return g_strdup_printf (_("%s scores %s of 10 on the weighted criteria; it is the only "
                            "option that passes every gate."), name, total);
}

char *
dlb_recommendation_dup_summary (DlbRecommendation *self,
                                gboolean           markup)
{
  DlbResult *r;
  int winner;
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  if (self->kind != DLB_RECOMMENDATION_OVERRIDE)
    return model_summary (self, markup);

  r = self->result;
  winner = dlb_result_get_winner (r);
  chosen = name_of (self, (guint) self->option, markup);
  if (winner < 0)
    {
      g_autofree char *reason = escaped (dlb_result_get_reason (r) ?: "", markup);

      /* Translators: why the analysis recommends nothing, then the analyst's option */
      return g_strdup_printf (_("The analysis recommends no option: %s The analyst nevertheless "
                                "recommends %s."), reason, chosen);
    }
  if (self->first->len > 1)
    {
      g_autofree char *names = first_place_names (self, markup);
      g_autofree char *total = score_text (dlb_result_get_total (r, (guint) winner));

      /* Translators: the tied options, their score, then the analyst's choice */
      return g_strdup_printf (_("The analysis ties %s at %s of 10; the analyst recommends %s."),
                              names, total, chosen);
    }
  {
    g_autofree char *model = name_of (self, (guint) winner, markup);
    g_autofree char *total = score_text (dlb_result_get_total (r, (guint) winner));
    g_autofree char *own = score_text (dlb_result_get_total (r, (guint) self->option));

    /* Translators: the model's winner and its score, the analyst's option and its score */
    return g_strdup_printf (_("The analysis ranks %s first at %s of 10; the analyst recommends %s "
                              "(%s) instead."), model, total, chosen, own);
  }
}

char *
dlb_recommendation_dup_justification_sentence (DlbRecommendation *self,
                                               gboolean           markup)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  if (self->kind != DLB_RECOMMENDATION_OVERRIDE)
    return NULL;
  if (self->justification == NULL)
    return escaped (_("No justification is recorded for overriding the analysis."), markup);
  if (markup)
    return g_markup_printf_escaped ("<b>%s</b> %s", _("Justification."), self->justification);
  return g_strdup_printf ("%s %s", _("Justification."), self->justification);
}

const char *
dlb_recommendation_get_robustness (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  if (self->kind != DLB_RECOMMENDATION_WINNER && self->kind != DLB_RECOMMENDATION_TIE)
    return NULL;
  return dlb_result_get_robustness_sentence (self->result);
}

/* Within this many points of another option's chance of ranking first,
 * the simulation does not tell them apart. */
#define TOO_CLOSE 0.05

char *
dlb_recommendation_dup_probability_sentence (DlbRecommendation *self)
{
  DlbResult *r;
  guint draws;
  double p;
  int rival = -1;
  g_autofree char *percent = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  r = self->result;
  if (self->option < 0 || !dlb_result_has_probabilities (r))
    return NULL;
  /* Ten thousand identical draws prove nothing: say so, not a percentage. */
  if (dlb_result_get_no_variation_sentence (r) != NULL)
    return g_strdup (dlb_result_get_no_variation_sentence (r));
  draws = dlb_result_get_draws (r);
  p = dlb_result_get_probability_first (r, (guint) self->option);
  percent = dlb_format_percent (p);
  count = dlb_format_count (draws);

  for (guint o = 0; o < dlb_result_get_n_options (r); o++)
    if ((int) o != self->option &&
        (rival < 0 || dlb_result_get_probability_first (r, o) > dlb_result_get_probability_first (r, (guint) rival)))
      rival = (int) o;

  if (rival >= 0 && dlb_result_get_probability_first (r, (guint) rival) > p - TOO_CLOSE)
    {
      g_autofree char *rival_percent = dlb_format_percent (dlb_result_get_probability_first (r, (guint) rival));

      /* In a tie nothing is "it": both options are named. */
      if (self->kind == DLB_RECOMMENDATION_TIE)
        /* Translators: the number of draws, then two options tied for first, each with its chance of ranking first */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Across %s simulation of the scores’ uncertainty ranges, %s ranks first in %s of cases and %s in %s: too close to call.",
                                             "Across %s simulations of the scores’ uncertainty ranges, %s ranks first in %s of cases and %s in %s: too close to call.",
                                             draws),
                                count, dlb_result_get_option_name (r, (guint) self->option), percent,
                                dlb_result_get_option_name (r, (guint) rival), rival_percent);

      /* Translators: the number of draws, the recommended option's chance
       * of ranking first, then another option and its chance */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Across %s simulation of the scores’ uncertainty ranges, it ranks first in %s of cases and %s in %s: too close to call.",
                                           "Across %s simulations of the scores’ uncertainty ranges, it ranks first in %s of cases and %s in %s: too close to call.",
                                           draws),
                              count, percent, dlb_result_get_option_name (r, (guint) rival), rival_percent);
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Across %s simulation of the scores’ uncertainty ranges, it ranks first in %s of cases.",
                                       "Across %s simulations of the scores’ uncertainty ranges, it ranks first in %s of cases.",
                                       draws), count, percent);
}

const char *
dlb_recommendation_get_agreement (DlbRecommendation *self)
{
  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);

  /* A tie recommends nothing to agree with. */
  if (dlb_result_get_n_perspectives (self->result) == 0 || self->kind == DLB_RECOMMENDATION_TIE)
    return NULL;
  return dlb_result_get_agreement_sentence (self->result);
}

char *
dlb_recommendation_dup_reason_sentence (DlbRecommendation *self,
                                        const DlbReason   *reason,
                                        gboolean           markup)
{
  DlbResult *r;
  const char *criterion;
  g_autofree char *name = NULL;
  g_autofree char *weight = NULL;
  g_autofree char *own = NULL;
  g_autofree char *other = NULL;
  g_autofree char *rival = NULL;

  g_return_val_if_fail (DLB_IS_RECOMMENDATION (self), NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  r = self->result;
  g_return_val_if_fail (self->option >= 0, NULL);
  g_return_val_if_fail (reason->criterion < dlb_result_get_n_criteria (r), NULL);
  g_return_val_if_fail (reason->rival < dlb_result_get_n_options (r), NULL);

  criterion = dlb_result_get_criterion_name (r, reason->criterion);
  name = markup ? g_markup_printf_escaped ("<b>%s</b>", criterion != NULL ? criterion : "")
                : g_strdup (criterion != NULL ? criterion : "");
  weight = dlb_format_percent (dlb_result_get_weight (r, reason->criterion));
  own = g_strdup_printf ("%.1f", dlb_result_get_score (r, (guint) self->option, reason->criterion));
  other = g_strdup_printf ("%.1f", dlb_result_get_score (r, reason->rival, reason->criterion));
  rival = escaped (dlb_result_get_option_name (r, reason->rival) ?: "", markup);

  /* Translators: a criterion, its weight, the recommended option's score
   * on it, the other option's score and the other option */
  return g_strdup_printf (_("%s, weighted %s: %s against %s for %s."), name, weight, own, other, rival);
}

char *
dlb_gate_failure_sentence (DlbResult            *result,
                           guint                 option,
                           const DlbGateFailure *failure)
{
  g_autofree char *minimum = NULL;
  const char *option_name;
  const char *criterion_name;

  g_return_val_if_fail (DLB_IS_RESULT (result), NULL);
  g_return_val_if_fail (failure != NULL, NULL);

  minimum = g_strdup_printf ("%.1f", failure->minimum);
  option_name = dlb_result_get_option_name (result, option);
  criterion_name = dlb_result_get_criterion_name (result, failure->criterion);

  if (failure->unscored)
    /* Translators: an option, a criterion and the criterion's minimum score */
    return g_strdup_printf (_("%s is ruled out: it is not scored on %s, which requires at least %s."),
                            option_name, criterion_name, minimum);
  {
    g_autofree char *value = g_strdup_printf ("%.1f", failure->value);

    /* Translators: an option, its score, a criterion and the criterion's minimum score */
    return g_strdup_printf (_("%s is ruled out: it scores %s on %s, below the minimum of %s."),
                            option_name, value, criterion_name, minimum);
  }
}
