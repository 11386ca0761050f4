/* dlb-engine.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlb-engine.h"

struct _DlbResult
{
  GObject parent_instance;

  GStringChunk *strings;
  GHashTable   *criterion_index;  /* id -> index + 1, while analysing */

  DlbResultStatus status;
  const char     *reason;
  char          **warnings;

  guint        n_options;
  guint        n_criteria;
  const char **option_ids;
  const char **option_names;
  const char **criterion_ids;
  const char **criterion_names;

  DlbWeighting      weighting;
  const char       *perspective;
  gboolean          overridden;
  gboolean          all_zero;
  gboolean          has_ahp;
  DlbAhpConsistency ahp;
  guint            *missing_pairs;
  guint             n_missing_pairs;

  double  *weights;
  double  *minimums;     /* < 0: no gate */
  double  *scores;       /* n_options × n_criteria, row per option */
  double  *lows;
  double  *highs;
  guint8  *unscored;
  guint    n_unscored;
  guint    n_ranged;     /* scores with a range the simulation can vary */
  guint    n_bad_ranges;

  double         *totals;
  guint          *ranking;
  guint          *places;
  gboolean       *disqualified;
  DlbGateFailure *failures;
  guint          *failure_start;  /* n_options + 1 */
  int             winner;
  int             runner_up;
  gboolean        winner_tied;
  double          margin;

  DlbSensitivity *sensitivity;
  double         *rest;           /* n_criteria × n_options: each line at weight 0 */
  DlbRobustness   robustness;
  const char     *robustness_sentence;

  gboolean has_probabilities;
  guint    draws;
  guint64  seed;
  double  *p_first;
  double   p_none;
  double  *rank_p;                /* n_options × n_options */

  guint                  n_perspectives;
  DlbPerspectiveOutcome *perspectives;
  guint                  n_agreeing;
  const char            *agreement_sentence;
};

G_DEFINE_FINAL_TYPE (DlbResult, dlb_result, G_TYPE_OBJECT)

static void
dlb_result_finalize (GObject *object)
{
  DlbResult *self = DLB_RESULT (object);

  g_string_chunk_free (self->strings);
  g_clear_pointer (&self->criterion_index, g_hash_table_unref);
  g_strfreev (self->warnings);
  g_free (self->option_ids);
  g_free (self->option_names);
  g_free (self->criterion_ids);
  g_free (self->criterion_names);
  g_free (self->missing_pairs);
  g_free (self->weights);
  g_free (self->minimums);
  g_free (self->scores);
  g_free (self->lows);
  g_free (self->highs);
  g_free (self->unscored);
  g_free (self->totals);
  g_free (self->ranking);
  g_free (self->places);
  g_free (self->disqualified);
  g_free (self->failures);
  g_free (self->failure_start);
  g_free (self->sensitivity);
  g_free (self->rest);
  g_free (self->p_first);
  g_free (self->rank_p);
  g_free (self->perspectives);

  G_OBJECT_CLASS (dlb_result_parent_class)->finalize (object);
}

static void
dlb_result_class_init (DlbResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dlb_result_finalize;
}

static void
dlb_result_init (DlbResult *self)
{
  self->strings = g_string_chunk_new (256);
  self->winner = -1;
  self->runner_up = -1;
  self->robustness.criterion = -1;
  self->robustness.new_winner = -1;
}

void
dlb_engine_options_init (DlbEngineOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->seed = DLB_ENGINE_DEFAULT_SEED;
  options->draws = DLB_ENGINE_DEFAULT_DRAWS;
}

const char *
dlb_result_status_to_nick (DlbResultStatus status)
{
  switch (status)
    {
    case DLB_RESULT_STATUS_OK:
      return "ok";
    case DLB_RESULT_STATUS_NO_OPTIONS:
      return "no-options";
    case DLB_RESULT_STATUS_NO_CRITERIA:
      return "no-criteria";
    case DLB_RESULT_STATUS_WEIGHTS_ALL_ZERO:
      return "weights-all-zero";
    case DLB_RESULT_STATUS_ALL_DISQUALIFIED:
      return "all-disqualified";
    case DLB_RESULT_STATUS_NO_SCORES:
      return "no-scores";
    default:
      return "unknown";
    }
}

static const char *
intern (DlbResult  *self,
        const char *text)
{
  if (text == NULL)
    return NULL;
  return g_string_chunk_insert_const (self->strings, text);
}

static const char *
take (DlbResult *self,
      char      *text)
{
  const char *interned = intern (self, text);

  g_free (text);
  return interned;
}

/* Ranking ---------------------------------------------------------------- */

/* Whether option a goes before option b: options passing the gates first,
 * then the higher total, then case order. A strict total order, so that
 * sorting is deterministic; ties within the tolerance are grouped after. */
static inline gboolean
goes_before (guint           a,
             guint           b,
             const double   *totals,
             const gboolean *dq)
{
  if (dq[a] != dq[b])
    return !dq[a];
  if (totals[a] != totals[b])
    return totals[a] > totals[b];
  return a < b;
}

static void
sort_options (guint           n,
              const double   *totals,
              const gboolean *dq,
              guint          *order)
{
  /* Insertion sort: n is small, and in the Monte Carlo loop the order of
   * the previous draw is almost always nearly right already. */
  for (guint p = 1; p < n; p++)
    {
      guint item = order[p];
      guint q = p;

      while (q > 0 && goes_before (item, order[q - 1], totals, dq))
        {
          order[q] = order[q - 1];
          q--;
        }
      order[q] = item;
    }
}

/* The end of the tie group starting at position @start of @order. */
static inline guint
tie_group_end (guint           n,
               const guint    *order,
               guint           start,
               const double   *totals,
               const gboolean *dq)
{
  guint lead = order[start];
  guint end = start + 1;

  while (end < n && dq[order[end]] == dq[lead] &&
         totals[order[end]] >= totals[lead] - DLB_ENGINE_TIE_TOLERANCE)
    end++;
  return end;
}

/* Ranks options: @order best first, tied options in case order, @places
 * 1-based and shared by ties. Returns the size of the first tie group. */
static guint
rank_options (guint           n,
              const double   *totals,
              const gboolean *dq,
              guint          *order,
              guint          *places)
{
  guint first_group = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  sort_options (n, totals, dq, order);

  for (guint start = 0; start < n;)
    {
      guint end = tie_group_end (n, order, start, totals, dq);

      /* Case order within a tie. */
      for (guint p = start + 1; p < end; p++)
        {
          guint item = order[p];
          guint q = p;

          while (q > start && item < order[q - 1])
            {
              order[q] = order[q - 1];
              q--;
            }
          order[q] = item;
        }
      for (guint p = start; p < end; p++)
        if (places != NULL)
          places[order[p]] = start + 1;
      if (start == 0)
        first_group = end;
      start = end;
    }

  return first_group;
}

static void
weighted_totals (guint         n_options,
                 guint         n_criteria,
                 const double *weights,
                 const double *scores,
                 double       *totals)
{
  for (guint i = 0; i < n_options; i++)
    {
      const double *row = scores + (gsize) i * n_criteria;
      double sum = 0.0;

      for (guint k = 0; k < n_criteria; k++)
        sum += weights[k] * row[k];
      totals[i] = sum;
    }
}

/* Reading the case ------------------------------------------------------- */

static void
add_warning (GPtrArray  *warnings,
             char       *message)
{
  g_ptr_array_add (warnings, message);
}

static void
read_scores (DlbResult  *self,
             DlbCase    *c,
             GPtrArray  *warnings)
{
  GListModel *scores = dlb_case_get_scores (c);
  g_autoptr(GHashTable) options = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_options = self->n_options;
  guint n_criteria = self->n_criteria;
  guint n_scores = g_list_model_get_n_items (scores);

  for (guint i = 0; i < n_options; i++)
    if (self->option_ids[i] != NULL)
      g_hash_table_insert (options, (gpointer) self->option_ids[i], GUINT_TO_POINTER (i + 1));

  for (gsize p = 0; p < (gsize) n_options * n_criteria; p++)
    self->unscored[p] = TRUE;

  for (guint s = 0; s < n_scores; s++)
    {
      g_autoptr(DlbScore) score = g_list_model_get_item (scores, s);
      const char *option_id = dlb_score_get_option (score);
      const char *criterion_id = dlb_score_get_criterion (score);
      guint i, k;
      gsize p;
      double value, low, high;

      if (option_id == NULL || criterion_id == NULL)
        continue;
      i = GPOINTER_TO_UINT (g_hash_table_lookup (options, option_id));
      k = GPOINTER_TO_UINT (g_hash_table_lookup (self->criterion_index, criterion_id));
      if (i == 0 || k == 0)
        continue;
      p = (gsize) (i - 1) * n_criteria + (k - 1);

      value = dlb_score_get_value (score);
      low = dlb_score_get_low (score);
      high = dlb_score_get_high (score);
      /* The model keeps scores on 0–10; hold the engine to that even for a
       * case built without validation, so that totals stay on the scale. */
      value = isfinite (value) ? CLAMP (value, 0.0, 10.0) : 0.0;
      if (!isfinite (low) || !isfinite (high))
        low = high = value;
      low = CLAMP (low, 0.0, 10.0);
      high = CLAMP (high, 0.0, 10.0);
      if (low > high)
        {
          double t = low;

          low = high;
          high = t;
        }
      /* A range that leaves out the score itself was not really entered
       * (the value was changed and the range left at its default): the
       * score is taken as certain rather than invent an uncertainty. */
      if (value < low || value > high)
        {
          self->n_bad_ranges++;
          low = high = value;
        }

      self->scores[p] = value;
      self->lows[p] = low;
      self->highs[p] = high;
      self->unscored[p] = FALSE;
      if (high > low)
        self->n_ranged++;
    }

  for (gsize p = 0; p < (gsize) n_options * n_criteria; p++)
    if (self->unscored[p])
      {
        self->scores[p] = self->lows[p] = self->highs[p] = 0.0;
        self->n_unscored++;
      }

  if (self->n_unscored > 0)
    add_warning (warnings,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: %u is a number of scores */
                                               "%u score is missing and counts as 0.",
                                               "%u scores are missing and count as 0.",
                                               self->n_unscored),
                                  self->n_unscored));
  if (self->n_bad_ranges > 0)
    add_warning (warnings,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: %u is a number of scores */
                                               "%u score lies outside its low–high range; the range was ignored.",
                                               "%u scores lie outside their low–high range; the ranges were ignored.",
                                               self->n_bad_ranges),
                                  self->n_bad_ranges));
}

/* Writes the points a weight set (a{sd}: criterion id -> points) gives each
 * criterion into @points, leaving criteria it does not list alone. One
 * pass over the set: looking each criterion up in it would be quadratic. */
static void
apply_points (DlbResult *self,
              GVariant  *weights,
              double    *points)
{
  GVariantIter iter;
  const char *id;
  double value;

  if (weights == NULL)
    return;

  g_variant_iter_init (&iter, weights);
  while (g_variant_iter_next (&iter, "{&sd}", &id, &value))
    {
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (self->criterion_index, id));

      if (k > 0)
        points[k - 1] = value;
    }
}

static void
compute_weights (DlbResult              *self,
                 DlbCase                *c,
                 GListModel             *criteria,
                 DlbPerspective         *perspective,
                 const DlbEngineOptions *options,
                 GPtrArray              *warnings)
{
  guint n = self->n_criteria;
  g_autofree double *points = g_new0 (double, MAX (n, 1));
  gboolean ok = TRUE;

  if (perspective != NULL || options->weights != NULL)
    {
      self->weighting = DLB_WEIGHTING_DIRECT;
      self->overridden = options->weights != NULL;
      if (perspective != NULL)
        apply_points (self, dlb_perspective_get_weights (perspective), points);
      else
        for (guint k = 0; k < n; k++)
          {
            g_autoptr(DlbCriterion) criterion = g_list_model_get_item (criteria, k);

            points[k] = dlb_criterion_get_weight (criterion);
          }
      apply_points (self, options->weights, points);
      ok = dlb_weights_normalize (points, n, self->weights);
    }
  else
    {
      self->weighting = dlb_case_get_weighting (c);
      switch (self->weighting)
        {
        case DLB_WEIGHTING_RANKING:
          {
            g_autofree int *ranks = g_new0 (int, MAX (n, 1));
            guint unranked = 0;

            for (guint k = 0; k < n; k++)
              {
                g_autoptr(DlbCriterion) criterion = g_list_model_get_item (criteria, k);

                ranks[k] = dlb_criterion_get_rank (criterion);
                if (ranks[k] <= 0)
                  unranked++;
              }
            ok = dlb_weights_rank_order_centroid (ranks, n, self->weights);
            if (ok && unranked > 0)
              add_warning (warnings,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         /* Translators: %u is a number of criteria */
                                                         "%u criterion is not ranked and weighs 0.",
                                                         "%u criteria are not ranked and weigh 0.",
                                                         unranked),
                                            unranked));
          }
          break;

        case DLB_WEIGHTING_AHP:
          {
            g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (guint));
            guint ignored = 0;

            dlb_weights_ahp_from_pairs (dlb_case_get_pairwise (c), self->criterion_ids, n,
                                        self->weights, &self->ahp, &ignored, missing);
            self->has_ahp = TRUE;
            self->n_missing_pairs = missing->len / 2;
            self->missing_pairs = (guint *) (gpointer) g_array_free (g_steal_pointer (&missing),
                                                                     FALSE);
            if (self->n_missing_pairs > 0)
              add_warning (warnings,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         /* Translators: %u is a number of pairs of criteria */
                                                         "%u pairwise comparison is missing and counts as equal importance.",
                                                         "%u pairwise comparisons are missing and count as equal importance.",
                                                         self->n_missing_pairs),
                                            self->n_missing_pairs));
            if (ignored > 0)
              add_warning (warnings,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         /* Translators: %u is a number of pairwise comparisons */
                                                         "%u pairwise comparison names an unknown criterion or is off the 1/9–9 scale and was ignored.",
                                                         "%u pairwise comparisons name an unknown criterion or are off the 1/9–9 scale and were ignored.",
                                                         ignored),
                                            ignored));
            if (self->ahp.inconsistent && self->ahp.worst_a >= 0)
              {
                char cr[G_ASCII_DTOSTR_BUF_SIZE];
                char given[G_ASCII_DTOSTR_BUF_SIZE];
                char implied[G_ASCII_DTOSTR_BUF_SIZE];

                g_snprintf (cr, sizeof cr, "%.2f", self->ahp.cr);
                g_snprintf (given, sizeof given, "%.2g", self->ahp.worst_given);
                g_snprintf (implied, sizeof implied, "%.2g", self->ahp.worst_implied);
                add_warning (warnings,
                             /* Translators: the consistency ratio, then two criterion
                              * names, the judgement entered and the one consistent
                              * with the other judgements */
                             g_strdup_printf (_("The pairwise comparisons are inconsistent "
                                                "(consistency ratio %s, above 0.10). Reconsider "
                                                "%s against %s: entered %s, the other "
                                                "judgements imply about %s."),
                                              cr,
                                              self->criterion_names[self->ahp.worst_a],
                                              self->criterion_names[self->ahp.worst_b],
                                              given, implied));
              }
          }
          break;

        case DLB_WEIGHTING_SWING:
          for (guint k = 0; k < n; k++)
            {
              g_autoptr(DlbCriterion) criterion = g_list_model_get_item (criteria, k);

              points[k] = dlb_criterion_get_swing (criterion);
            }
          ok = dlb_weights_swing (points, n, self->weights);
          break;

        case DLB_WEIGHTING_DIRECT:
        default:
          self->weighting = DLB_WEIGHTING_DIRECT;
          for (guint k = 0; k < n; k++)
            {
              g_autoptr(DlbCriterion) criterion = g_list_model_get_item (criteria, k);

              points[k] = dlb_criterion_get_weight (criterion);
            }
          ok = dlb_weights_normalize (points, n, self->weights);
          break;
        }
    }

  self->all_zero = n > 0 && !ok;
}

/* Gates ------------------------------------------------------------------ */

static void
apply_gates (DlbResult *self)
{
  g_autoptr(GArray) failures = g_array_new (FALSE, FALSE, sizeof (DlbGateFailure));

  for (guint i = 0; i < self->n_options; i++)
    {
      self->failure_start[i] = failures->len;
      for (guint k = 0; k < self->n_criteria; k++)
        {
          gsize p = (gsize) i * self->n_criteria + k;
          double minimum = self->minimums[k];

          if (minimum >= 0.0 && self->scores[p] < minimum)
            {
              DlbGateFailure f = {
                .criterion = k,
                .minimum = minimum,
                .value = self->scores[p],
                .shortfall = minimum - self->scores[p],
                .unscored = self->unscored[p],
              };

              g_array_append_val (failures, f);
            }
        }
      self->disqualified[i] = failures->len > self->failure_start[i];
    }
  self->failure_start[self->n_options] = failures->len;
  self->failures = (DlbGateFailure *) (gpointer) g_array_free (g_steal_pointer (&failures), FALSE);
}

/* Sensitivity ------------------------------------------------------------ */

/* Each option's total over the criteria other than @k, their weights
 * renormalised: where its line starts at weight 0. */
static void
compute_rest (DlbResult *self,
              guint      k,
              double    *rest)
{
  guint nc = self->n_criteria;
  double others = 0.0;

  for (guint j = 0; j < nc; j++)
    if (j != k)
      others += self->weights[j];

  for (guint i = 0; i < self->n_options; i++)
    {
      const double *row = self->scores + (gsize) i * nc;
      double sum = 0.0;

      if (nc == 1)
        {
          rest[i] = row[k];
          continue;
        }
      if (others > 0.0)
        {
          for (guint j = 0; j < nc; j++)
            if (j != k)
              sum += self->weights[j] * row[j];
          rest[i] = sum / others;
        }
      else
        {
          /* The criterion holds all the weight: as its weight falls, the
           * others have no proportions to keep, so they share equally. */
          for (guint j = 0; j < nc; j++)
            if (j != k)
              sum += row[j];
          rest[i] = sum / (nc - 1);
        }
    }
}

static void
compute_sensitivity (DlbResult *self)
{
  guint nc = self->n_criteria;
  guint no = self->n_options;
  const double tol = DLB_ENGINE_TIE_TOLERANCE;

  self->sensitivity = g_new0 (DlbSensitivity, MAX (nc, 1));
  self->rest = g_new0 (double, MAX ((gsize) nc * no, 1));

  for (guint k = 0; k < nc; k++)
    {
      DlbSensitivity *s = &self->sensitivity[k];
      double *rest = self->rest + (gsize) k * no;
      double v0 = self->weights[k];
      int w = self->winner;
      double slope_below = 0.0;
      double slope_above = 0.0;

      compute_rest (self, k, rest);

      s->criterion = k;
      s->weight = v0;
      s->below = -1;
      s->above = -1;
      s->holds_from = 0.0;
      s->holds_to = 1.0;
      s->valid = w >= 0;
      if (!s->valid)
        continue;

      for (guint j = 0; j < no; j++)
        {
          double a, b, slope_j;

          if ((int) j == w || self->disqualified[j])
            continue;

          /* d(v) = total_w(v) - total_j(v) = a + v (b - a): the winner's
           * lead at weight 0 and at weight 1. */
          a = rest[w] - rest[j];
          b = self->scores[(gsize) w * nc + k] - self->scores[(gsize) j * nc + k];
          slope_j = self->scores[(gsize) j * nc + k] - rest[j];

          if (b < -tol)
            {
              /* j leads at weight 1: it takes over where d crosses 0 above
               * the current weight (at once when they tie now). */
              double v = a > b ? a / (a - b) : v0;

              v = CLAMP (v, v0, 1.0);
              if (s->above < 0 || v < s->holds_to ||
                  (v == s->holds_to && slope_j > slope_above))
                {
                  s->holds_to = v;
                  s->above = j;
                  slope_above = slope_j;
                }
            }
          if (a < -tol)
            {
              double v = b > a ? a / (a - b) : v0;

              v = CLAMP (v, 0.0, v0);
              if (s->below < 0 || v > s->holds_from ||
                  (v == s->holds_from && slope_j < slope_below))
                {
                  s->holds_from = v;
                  s->below = j;
                  slope_below = slope_j;
                }
            }
        }
    }
}

static char *
format_percent (double value,
                double other)
{
  int digits = 0;

  /* Enough decimals to tell the threshold from the current weight. */
  while (digits < 2)
    {
      g_autofree char *a = g_strdup_printf ("%.*f", digits, value * 100.0);
      g_autofree char *b = g_strdup_printf ("%.*f", digits, other * 100.0);

      if (g_strcmp0 (a, b) != 0)
        break;
      digits++;
    }

  /* Translators: a percentage; %.*f is the number. Use your language's
   * spacing and sign ("34 %", "34%", "%34"); keep the space a no-break
   * space, so that a line never ends between the number and its sign. */
  return g_strdup_printf (_("%.*f %%"), digits, value * 100.0);
}

/* How many options share first place. */
static guint
tied_first (DlbResult *self)
{
  guint n = 0;

  for (guint o = 0; o < self->n_options; o++)
    if (!self->disqualified[o] && self->places[o] == self->places[self->winner])
      n++;
  return n;
}

static void
compute_robustness (DlbResult *self)
{
  DlbRobustness *r = &self->robustness;
  char *sentence = NULL;

  r->criterion = -1;
  r->new_winner = -1;

  for (guint k = 0; k < self->n_criteria && self->winner >= 0; k++)
    {
      const DlbSensitivity *s = &self->sensitivity[k];

      if (s->above >= 0 && (r->criterion < 0 || s->holds_to - s->weight < r->change))
        {
          r->criterion = k;
          r->weight = s->weight;
          r->threshold = s->holds_to;
          r->rises = TRUE;
          r->change = s->holds_to - s->weight;
          r->new_winner = s->above;
        }
      if (s->below >= 0 && (r->criterion < 0 || s->weight - s->holds_from < r->change))
        {
          r->criterion = k;
          r->weight = s->weight;
          r->threshold = s->holds_from;
          r->rises = FALSE;
          r->change = s->weight - s->holds_from;
          r->new_winner = s->below;
        }
    }

  if (self->winner < 0)
    sentence = g_strdup (self->reason);
  else if (self->winner_tied && self->runner_up >= 0 && tied_first (self) > 2)
    {
      /* Three or more share first place: one tie, named as one. */
      g_autoptr(GString) names = g_string_new (NULL);
      const char *last = NULL;

      for (guint i = 0; i < self->n_options; i++)
        {
          guint o = self->ranking[i];

          if (self->disqualified[o] || self->places[o] != self->places[self->winner])
            continue;
          if (last != NULL)
            {
              if (names->len > 0)
                /* Translators: between names of a list, "A, B and C" */
                g_string_append (names, _(", "));
              g_string_append (names, last);
            }
          last = self->option_names[o];
        }
      /* Translators: the first %s lists option names ("A, B"), the second is the last one */
      sentence = g_strdup_printf (_("The recommendation is not robust: %s and %s tie for first place."),
                                  names->str, last);
    }
  else if (self->winner_tied && self->runner_up >= 0)
    /* Translators: two option names */
    sentence = g_strdup_printf (_("The recommendation is not robust: %s ties with %s for first place."),
                                self->option_names[self->winner],
                                self->option_names[self->runner_up]);
  else if (r->criterion < 0)
    sentence = g_strdup (_("No change to the weight of a single criterion changes the recommendation."));
  else
    {
      g_autofree char *percent = format_percent (r->threshold, r->weight);

      if (r->rises)
        /* Translators: a criterion name and a percentage */
        sentence = g_strdup_printf (_("The recommendation holds unless the weight of %s rises above %s."),
                                    self->criterion_names[r->criterion], percent);
      else
        /* Translators: a criterion name and a percentage */
        sentence = g_strdup_printf (_("The recommendation holds unless the weight of %s falls below %s."),
                                    self->criterion_names[r->criterion], percent);
    }

  self->robustness_sentence = take (self, sentence);
}

/* Monte Carlo ------------------------------------------------------------ */

/* splitmix64 (Steele, Lea and Flood 2014): a counter passed through a
 * mixing function. Part of the engine so that a seed gives the same draws
 * on every platform and GLib version; the counter also lets successive
 * draws be computed in parallel by the processor. */
static inline guint64
splitmix64_next (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

/* A score with a range, as used in the draw loop. For U, V uniform on
 * [0, 1), (1 - m) min (U, V) + m max (U, V) is triangular on [0, 1] with
 * mode m (Stein and Keblis 2009), which needs no square root. Since
 * min + max = U + V, that is (1 - m) (U + V) + (2m - 1) max (U, V): one
 * maximum, taken on the integers so that there is no branch to mispredict.
 * U and V are the two 32-bit halves of one 64-bit draw; sum and max below
 * are in units of 2^-32, folded into the coefficients. The score is
 * low + (high - low) times the triangular variate; alpha and beta carry
 * the criterion's weight, g1, g2 and threshold test the drawn score
 * against a gate: g1 sum + g2 max < minimum - low. */
typedef struct
{
  double alpha;
  double beta;
} Term;

typedef struct
{
  double alpha;
  double beta;
  double g1;
  double g2;
  double threshold;
} GateTerm;

typedef struct
{
  double   base;        /* the certain part of the total */
  gboolean always_dq;   /* fails a gate with a certain score */
  guint    gate_start;
  guint    gate_end;
  guint    term_start;
  guint    term_end;
} OptionDraw;

#define UNIT_32 (1.0 / 4294967296.0)

/* Two uniforms on [0, 2^32) from one draw: their sum and their maximum. */
static inline void
draw_uniforms (guint64 *state,
               double  *sum,
               double  *max)
{
  guint64 r = splitmix64_next (state);
  guint32 u = (guint32) (r >> 32);
  guint32 v = (guint32) r;
  guint32 hi = u > v ? u : v;

  *sum = (double) (gint64) ((guint64) u + v);
  *max = (double) (gint64) hi;
}

/* What every draw reads: built once, shared by the workers. */
typedef struct
{
  guint             n_options;
  const OptionDraw *options;
  const Term       *terms;
  const GateTerm   *gates;
  guint             n_random;   /* generator outputs per draw */
  const guint      *ranking;    /* the main ranking, a good first order */
  guint64           seed;
} DrawPlan;

/* A run of consecutive draws with its own scratch space and sums. */
typedef struct
{
  const DrawPlan *plan;
  guint           first_draw;
  guint           n_draws;
  double         *totals;
  double         *keys;
  gboolean       *dq;
  guint          *order;
  double         *first;
  double         *ranks;
  double          none;
} DrawChunk;

static void
draw_chunk_init (DrawChunk      *chunk,
                 const DrawPlan *plan,
                 guint           first_draw,
                 guint           n_draws)
{
  guint no = plan->n_options;

  chunk->plan = plan;
  chunk->first_draw = first_draw;
  chunk->n_draws = n_draws;
  chunk->totals = g_new0 (double, no);
  chunk->keys = g_new0 (double, no);
  chunk->dq = g_new0 (gboolean, no);
  chunk->order = g_new (guint, no);
  chunk->first = g_new0 (double, no);
  chunk->ranks = g_new0 (double, (gsize) no * no);
  chunk->none = 0.0;
  memcpy (chunk->order, plan->ranking, no * sizeof (guint));
}

static void
draw_chunk_clear (DrawChunk *chunk)
{
  g_free (chunk->totals);
  g_free (chunk->keys);
  g_free (chunk->dq);
  g_free (chunk->order);
  g_free (chunk->first);
  g_free (chunk->ranks);
}

/* Totals only ever lie in [0, 10]: shifting those of options that fail a
 * gate down by this much sorts them after every other with one key. */
#define DQ_KEY_SHIFT 1000.0

static gpointer
draw_chunk_run (gpointer data)
{
  DrawChunk *chunk = data;
  const DrawPlan *plan = chunk->plan;
  const OptionDraw *opt = plan->options;
  const Term *t = plan->terms;
  const GateTerm *g = plan->gates;
  guint no = plan->n_options;
  double *totals = chunk->totals;
  double *keys = chunk->keys;
  gboolean *dq = chunk->dq;
  guint *order = chunk->order;
  /* The generator is a counter: draw d starts where d earlier draws
   * would have left it, so how the draws are split never changes them. */
  guint64 state = plan->seed + (guint64) chunk->first_draw * plan->n_random *
                               G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);

  for (guint d = 0; d < chunk->n_draws; d++)
    {
      for (guint i = 0; i < no; i++)
        {
          const OptionDraw *o = &opt[i];
          double acc0 = o->base;
          double acc1 = 0.0;
          gboolean out = o->always_dq;
          guint q;

          for (q = o->gate_start; q < o->gate_end; q++)
            {
              double sum, max;

              draw_uniforms (&state, &sum, &max);
              acc0 += g[q].alpha * sum + g[q].beta * max;
              out |= g[q].g1 * sum + g[q].g2 * max < g[q].threshold;
            }
          /* Four at a time into two sums, so that each addition need not
           * wait for the last. */
          for (q = o->term_start; q + 3 < o->term_end; q += 4)
            {
              double sum0, max0, sum1, max1, sum2, max2, sum3, max3;

              draw_uniforms (&state, &sum0, &max0);
              draw_uniforms (&state, &sum1, &max1);
              draw_uniforms (&state, &sum2, &max2);
              draw_uniforms (&state, &sum3, &max3);
              acc0 += t[q].alpha * sum0 + t[q].beta * max0 +
                      (t[q + 2].alpha * sum2 + t[q + 2].beta * max2);
              acc1 += t[q + 1].alpha * sum1 + t[q + 1].beta * max1 +
                      (t[q + 3].alpha * sum3 + t[q + 3].beta * max3);
            }
          for (; q < o->term_end; q++)
            {
              double sum, max;

              draw_uniforms (&state, &sum, &max);
              acc0 += t[q].alpha * sum + t[q].beta * max;
            }
          totals[i] = acc0 + acc1;
          dq[i] = out;
          keys[i] = out ? totals[i] - DQ_KEY_SHIFT : totals[i];
        }

      /* Insertion sort, best first, from the previous draw's order, which
       * is usually nearly right. Within a tie the order does not matter:
       * tied options share the places equally below. */
      for (guint p = 1; p < no; p++)
        {
          guint item = order[p];
          double key = keys[item];
          guint q = p;

          while (q > 0 && keys[order[q - 1]] < key)
            {
              order[q] = order[q - 1];
              q--;
            }
          order[q] = item;
        }

      for (guint start = 0; start < no;)
        {
          guint end = tie_group_end (no, order, start, totals, dq);

          if (end == start + 1)
            chunk->ranks[(gsize) order[start] * no + start] += 1.0;
          else
            {
              double share = 1.0 / (end - start);

              for (guint p = start; p < end; p++)
                for (guint r = start; r < end; r++)
                  chunk->ranks[(gsize) order[p] * no + r] += share;
            }

          if (start == 0)
            {
              if (dq[order[0]])
                chunk->none += 1.0;
              else
                for (guint p = start; p < end; p++)
                  chunk->first[order[p]] += 1.0 / (end - start);
            }
          start = end;
        }
    }

  return NULL;
}

/* Below this many generator outputs a second thread costs more than it
 * saves. */
#define PARALLEL_WORK 2000000

static void
run_monte_carlo (DlbResult *self,
                 guint64    seed,
                 guint      draws)
{
  guint no = self->n_options;
  guint nc = self->n_criteria;
  g_autofree OptionDraw *opt = g_new0 (OptionDraw, no);
  g_autoptr(GArray) terms = g_array_new (FALSE, FALSE, sizeof (Term));
  g_autoptr(GArray) gates = g_array_new (FALSE, FALSE, sizeof (GateTerm));
  DrawPlan plan;
  DrawChunk chunks[2];
  GThread *worker = NULL;
  guint runs;

  for (guint i = 0; i < no; i++)
    {
      opt[i].gate_start = gates->len;
      for (guint k = 0; k < nc; k++)
        {
          gsize p = (gsize) i * nc + k;
          double lo = self->lows[p];
          double span = self->highs[p] - lo;
          double minimum = self->minimums[k];
          double w = self->weights[k];
          double m;

          if (minimum < 0.0)
            continue;
          if (!(span > 0.0))
            {
              opt[i].base += w * self->scores[p];
              if (self->scores[p] < minimum)
                opt[i].always_dq = TRUE;
              continue;
            }
          m = (self->scores[p] - lo) / span;
          {
            GateTerm gt = {
              .alpha = w * span * (1.0 - m) * UNIT_32,
              .beta = w * span * (2.0 * m - 1.0) * UNIT_32,
              .g1 = span * (1.0 - m) * UNIT_32,
              .g2 = span * (2.0 * m - 1.0) * UNIT_32,
              .threshold = minimum - lo,
            };

            opt[i].base += w * lo;
            g_array_append_val (gates, gt);
          }
        }
      opt[i].gate_end = gates->len;

      opt[i].term_start = terms->len;
      for (guint k = 0; k < nc; k++)
        {
          gsize p = (gsize) i * nc + k;
          double lo = self->lows[p];
          double span = self->highs[p] - lo;
          double w = self->weights[k];
          double m;

          if (self->minimums[k] >= 0.0 || w == 0.0)
            continue;
          if (!(span > 0.0))
            {
              opt[i].base += w * self->scores[p];
              continue;
            }
          m = (self->scores[p] - lo) / span;
          {
            Term tt = {
              .alpha = w * span * (1.0 - m) * UNIT_32,
              .beta = w * span * (2.0 * m - 1.0) * UNIT_32,
            };

            opt[i].base += w * lo;
            g_array_append_val (terms, tt);
          }
        }
      opt[i].term_end = terms->len;
    }

  plan.n_options = no;
  plan.options = opt;
  plan.terms = (const Term *) (gconstpointer) terms->data;
  plan.gates = (const GateTerm *) (gconstpointer) gates->data;
  plan.n_random = terms->len + gates->len;
  plan.ranking = self->ranking;
  plan.seed = seed;

  /* With no range anywhere every draw is the same: one stands for all. */
  runs = plan.n_random == 0 ? 1 : draws;

  /* Always the same two halves, summed in the same order, whether or not
   * the second runs on another thread: the figures never depend on it. */
  draw_chunk_init (&chunks[0], &plan, 0, runs / 2);
  draw_chunk_init (&chunks[1], &plan, runs / 2, runs - runs / 2);
  if ((guint64) runs * plan.n_random >= PARALLEL_WORK)
    worker = g_thread_try_new ("dlb-engine-draws", draw_chunk_run, &chunks[0], NULL);
  draw_chunk_run (&chunks[1]);
  if (worker != NULL)
    g_thread_join (worker);
  else
    draw_chunk_run (&chunks[0]);

  self->p_first = g_new0 (double, no);
  self->rank_p = g_new0 (double, (gsize) no * no);
  for (guint i = 0; i < no; i++)
    self->p_first[i] = (chunks[0].first[i] + chunks[1].first[i]) / runs;
  for (gsize p = 0; p < (gsize) no * no; p++)
    self->rank_p[p] = (chunks[0].ranks[p] + chunks[1].ranks[p]) / runs;
  self->p_none = (chunks[0].none + chunks[1].none) / runs;
  self->has_probabilities = TRUE;

  draw_chunk_clear (&chunks[0]);
  draw_chunk_clear (&chunks[1]);
}

/* Perspectives ----------------------------------------------------------- */

static void
compute_perspectives (DlbResult  *self,
                      GListModel *perspectives)
{
  guint n = g_list_model_get_n_items (perspectives);
  guint nc = self->n_criteria;
  guint no = self->n_options;
  g_autofree double *points = g_new0 (double, MAX (nc, 1));
  g_autofree double *weights = g_new0 (double, MAX (nc, 1));
  g_autofree double *totals = g_new0 (double, MAX (no, 1));
  g_autofree guint *order = g_new0 (guint, MAX (no, 1));

  self->n_perspectives = n;
  self->perspectives = g_new0 (DlbPerspectiveOutcome, MAX (n, 1));

  for (guint p = 0; p < n; p++)
    {
      g_autoptr(DlbPerspective) perspective = g_list_model_get_item (perspectives, p);
      DlbPerspectiveOutcome *out = &self->perspectives[p];
      gboolean ok;
      guint first;

      out->id = intern (self, dlb_perspective_get_id (perspective));
      out->name = intern (self, dlb_perspective_get_name (perspective));
      if (out->name == NULL)
        out->name = out->id;
      out->stakeholder = intern (self, dlb_perspective_get_stakeholder (perspective));
      out->winner = -1;

      memset (points, 0, MAX (nc, 1) * sizeof (double));
      apply_points (self, dlb_perspective_get_weights (perspective), points);
      ok = dlb_weights_normalize (points, nc, weights);
      out->weights_all_zero = !ok;
      if (!ok || no == 0)
        continue;

      weighted_totals (no, nc, weights, self->scores, totals);
      first = rank_options (no, totals, self->disqualified, order, NULL);
      if (self->disqualified[order[0]])
        continue;
      out->winner = order[0];
      out->tied = first > 1;
      out->agrees = self->winner >= 0 && out->winner == self->winner;
      if (out->agrees)
        self->n_agreeing++;
    }

  if (n == 0)
    self->agreement_sentence = intern (self, _("The case defines no perspectives."));
  else if (self->n_agreeing == n)
    self->agreement_sentence =
      take (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The only perspective agrees with the recommendation.",
                                                /* Translators: %u is the number of perspectives */
                                                "All %u perspectives agree with the recommendation.",
                                                n),
                                   n));
  else
    self->agreement_sentence =
      take (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                /* Translators: how many perspectives agree, of how many */
                                                "%u of %u perspectives agrees with the recommendation.",
                                                "%u of %u perspectives agree with the recommendation.",
                                                self->n_agreeing),
                                   self->n_agreeing, n));
}

/* The analysis ----------------------------------------------------------- */

static const char *
zero_weights_reason (DlbResult *self)
{
  if (self->perspective != NULL && !self->overridden)
    return _("This perspective gives no weight to any criterion, so nothing favours one option over another. Give at least one criterion a weight in it.");
  switch (self->weighting)
    {
    case DLB_WEIGHTING_RANKING:
      return _("No criterion is ranked, so nothing favours one option over another. Rank at least one criterion.");
    case DLB_WEIGHTING_SWING:
      return _("Every swing is 0, so nothing favours one option over another. Give at least one criterion a swing.");
    case DLB_WEIGHTING_DIRECT:
    case DLB_WEIGHTING_AHP:
    default:
      return _("Every criterion weighs 0, so nothing favours one option over another. Give at least one criterion a weight.");
    }
}

DlbResult *
dlb_engine_analyze (DlbCase                *c,
                    const DlbEngineOptions *options)
{
  g_autoptr(DlbResult) self = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  DlbEngineOptions defaults;
  GListModel *option_list;
  GListModel *criterion_list;
  DlbPerspective *perspective = NULL;
  guint no, nc;
  guint first_group;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);

  if (options == NULL)
    {
      dlb_engine_options_init (&defaults);
      options = &defaults;
    }
  g_return_val_if_fail (options->weights == NULL ||
                        g_variant_is_of_type (options->weights, G_VARIANT_TYPE ("a{sd}")),
                        NULL);

  self = g_object_new (DLB_TYPE_RESULT, NULL);
  self->seed = options->seed;

  option_list = dlb_case_get_options (c);
  criterion_list = dlb_case_get_criteria (c);
  self->n_options = no = g_list_model_get_n_items (option_list);
  self->n_criteria = nc = g_list_model_get_n_items (criterion_list);

  self->option_ids = g_new0 (const char *, no + 1);
  self->option_names = g_new0 (const char *, no + 1);
  for (guint i = 0; i < no; i++)
    {
      g_autoptr(DlbOption) option = g_list_model_get_item (option_list, i);

      self->option_ids[i] = intern (self, dlb_option_get_id (option));
      self->option_names[i] = intern (self, dlb_option_get_name (option));
      if (self->option_names[i] == NULL || *self->option_names[i] == '\0')
        self->option_names[i] = self->option_ids[i];
    }

  self->criterion_ids = g_new0 (const char *, nc + 1);
  self->criterion_names = g_new0 (const char *, nc + 1);
  self->minimums = g_new0 (double, MAX (nc, 1));
  self->weights = g_new0 (double, MAX (nc, 1));
  for (guint k = 0; k < nc; k++)
    {
      g_autoptr(DlbCriterion) criterion = g_list_model_get_item (criterion_list, k);
      double minimum = dlb_criterion_get_minimum (criterion);

      self->criterion_ids[k] = intern (self, dlb_criterion_get_id (criterion));
      self->criterion_names[k] = intern (self, dlb_criterion_get_name (criterion));
      if (self->criterion_names[k] == NULL || *self->criterion_names[k] == '\0')
        self->criterion_names[k] = self->criterion_ids[k];
      self->minimums[k] = (isfinite (minimum) && minimum >= 0.0) ? minimum : -1.0;
    }
  self->criterion_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < nc; k++)
    if (self->criterion_ids[k] != NULL)
      g_hash_table_insert (self->criterion_index, (gpointer) self->criterion_ids[k],
                           GUINT_TO_POINTER (k + 1));

  if (options->perspective != NULL)
    {
      perspective = (DlbPerspective *) dlb_case_lookup_kind (c, DLB_KIND_PERSPECTIVE,
                                                             options->perspective);
      if (perspective != NULL)
        self->perspective = intern (self, options->perspective);
      else
        add_warning (warnings,
                     /* Translators: %s is a perspective id */
                     g_strdup_printf (_("There is no perspective “%s”; the case’s own weights were used."),
                                      options->perspective));
    }

  self->scores = g_new0 (double, MAX ((gsize) no * nc, 1));
  self->lows = g_new0 (double, MAX ((gsize) no * nc, 1));
  self->highs = g_new0 (double, MAX ((gsize) no * nc, 1));
  self->unscored = g_new0 (guint8, MAX ((gsize) no * nc, 1));
  read_scores (self, c, warnings);

  compute_weights (self, c, criterion_list, perspective, options, warnings);

  self->totals = g_new0 (double, MAX (no, 1));
  self->ranking = g_new0 (guint, MAX (no, 1));
  self->places = g_new0 (guint, MAX (no, 1));
  self->disqualified = g_new0 (gboolean, MAX (no, 1));
  self->failure_start = g_new0 (guint, no + 1);
  apply_gates (self);
  weighted_totals (no, nc, self->weights, self->scores, self->totals);
  first_group = rank_options (no, self->totals, self->disqualified, self->ranking, self->places);

  if (no == 0)
    {
      self->status = DLB_RESULT_STATUS_NO_OPTIONS;
      self->reason = intern (self, _("The case has no options to compare. Add at least one option."));
    }
  else if (nc == 0)
    {
      self->status = DLB_RESULT_STATUS_NO_CRITERIA;
      self->reason = intern (self, _("The case has no criteria to judge the options by. Add at least one criterion."));
    }
  else if (self->all_zero)
    {
      self->status = DLB_RESULT_STATUS_WEIGHTS_ALL_ZERO;
      self->reason = intern (self, zero_weights_reason (self));
    }
  else if (self->n_unscored == no * nc)
    {
      /* A new case: a tie at 0 of 10 would be a figure, not a finding. */
      self->status = DLB_RESULT_STATUS_NO_SCORES;
      self->reason = intern (self, _("No option has been scored yet. Score the options against the criteria in the Decision Matrix."));
    }
  else if (self->disqualified[self->ranking[0]])
    {
      self->status = DLB_RESULT_STATUS_ALL_DISQUALIFIED;
      self->reason = intern (self, _("Every option scores below a criterion’s minimum acceptable score, so none can be recommended."));
    }
  else
    {
      self->status = DLB_RESULT_STATUS_OK;
      self->winner = self->ranking[0];
      self->winner_tied = first_group > 1;
      if (no > 1 && !self->disqualified[self->ranking[1]])
        {
          self->runner_up = self->ranking[1];
          self->margin = self->winner_tied ? 0.0
                                           : self->totals[self->winner] - self->totals[self->runner_up];
        }
    }

  compute_sensitivity (self);
  compute_robustness (self);

  self->draws = options->draws;
  if (options->draws > 0 && no > 0 &&
      (self->status == DLB_RESULT_STATUS_OK || self->status == DLB_RESULT_STATUS_ALL_DISQUALIFIED))
    run_monte_carlo (self, options->seed, options->draws);
  else
    {
      self->draws = 0;
      self->p_first = g_new0 (double, MAX (no, 1));
      self->rank_p = g_new0 (double, MAX ((gsize) no * no, 1));
    }

  compute_perspectives (self, dlb_case_get_perspectives (c));

  g_clear_pointer (&self->criterion_index, g_hash_table_unref);

  g_ptr_array_add (warnings, NULL);
  self->warnings = (char **) g_ptr_array_free (g_steal_pointer (&warnings), FALSE);

  return g_steal_pointer (&self);
}

/* Getters ---------------------------------------------------------------- */

DlbResultStatus
dlb_result_get_status (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), DLB_RESULT_STATUS_NO_OPTIONS);
  return self->status;
}

const char *
dlb_result_get_reason (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return self->reason;
}

const char * const *
dlb_result_get_warnings (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return (const char * const *) self->warnings;
}

int
dlb_result_get_winner (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), -1);
  return self->winner;
}

const char *
dlb_result_get_winner_id (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return self->winner >= 0 ? self->option_ids[self->winner] : NULL;
}

gboolean
dlb_result_get_winner_tied (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  return self->winner_tied;
}

int
dlb_result_get_runner_up (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), -1);
  return self->runner_up;
}

double
dlb_result_get_margin (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  return self->margin;
}

DlbWeighting
dlb_result_get_weighting (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), DLB_WEIGHTING_DIRECT);
  return self->weighting;
}

const char *
dlb_result_get_perspective (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return self->perspective;
}

gboolean
dlb_result_get_weights_overridden (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  return self->overridden;
}

gboolean
dlb_result_get_weights_all_zero (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  return self->all_zero;
}

const DlbAhpConsistency *
dlb_result_get_ahp (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return self->has_ahp ? &self->ahp : NULL;
}

const guint *
dlb_result_get_ahp_missing_pairs (DlbResult *self,
                                  guint     *n_pairs)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  if (n_pairs != NULL)
    *n_pairs = self->n_missing_pairs;
  return self->n_missing_pairs > 0 ? self->missing_pairs : NULL;
}

guint
dlb_result_get_n_criteria (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->n_criteria;
}

const char *
dlb_result_get_criterion_id (DlbResult *self,
                             guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (criterion < self->n_criteria, NULL);
  return self->criterion_ids[criterion];
}

const char *
dlb_result_get_criterion_name (DlbResult *self,
                               guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (criterion < self->n_criteria, NULL);
  return self->criterion_names[criterion];
}

int
dlb_result_find_criterion (DlbResult  *self,
                           const char *criterion_id)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), -1);
  for (guint k = 0; k < self->n_criteria; k++)
    if (g_strcmp0 (self->criterion_ids[k], criterion_id) == 0)
      return k;
  return -1;
}

double
dlb_result_get_weight (DlbResult *self,
                       guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  g_return_val_if_fail (criterion < self->n_criteria, 0.0);
  return self->weights[criterion];
}

gboolean
dlb_result_criterion_has_minimum (DlbResult *self,
                                  guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  g_return_val_if_fail (criterion < self->n_criteria, FALSE);
  return self->minimums[criterion] >= 0.0;
}

double
dlb_result_get_criterion_minimum (DlbResult *self,
                                  guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), -1.0);
  g_return_val_if_fail (criterion < self->n_criteria, -1.0);
  return self->minimums[criterion];
}

guint
dlb_result_get_n_options (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->n_options;
}

const char *
dlb_result_get_option_id (DlbResult *self,
                          guint      option)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (option < self->n_options, NULL);
  return self->option_ids[option];
}

const char *
dlb_result_get_option_name (DlbResult *self,
                            guint      option)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (option < self->n_options, NULL);
  return self->option_names[option];
}

int
dlb_result_find_option (DlbResult  *self,
                        const char *option_id)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), -1);
  for (guint i = 0; i < self->n_options; i++)
    if (g_strcmp0 (self->option_ids[i], option_id) == 0)
      return i;
  return -1;
}

double
dlb_result_get_score (DlbResult *self,
                      guint      option,
                      guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  g_return_val_if_fail (option < self->n_options && criterion < self->n_criteria, 0.0);
  return self->scores[(gsize) option * self->n_criteria + criterion];
}

gboolean
dlb_result_is_unscored (DlbResult *self,
                        guint      option,
                        guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  g_return_val_if_fail (option < self->n_options && criterion < self->n_criteria, FALSE);
  return self->unscored[(gsize) option * self->n_criteria + criterion];
}

/* How many scores have a plausible range wider than the score itself:
 * with none, every draw of the simulation is the same. */
guint
dlb_result_get_n_ranged (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->n_ranged;
}

/* The words for a simulation with nothing to vary, or NULL when some
 * score has a range. */
const char *
dlb_result_get_no_variation_sentence (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);

  if (!self->has_probabilities || self->n_ranged > 0)
    return NULL;
  return _("No score has a plausible range, so the simulation had nothing to vary: the ranking stands as scored.");
}

guint
dlb_result_get_n_unscored (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->n_unscored;
}

double
dlb_result_get_total (DlbResult *self,
                      guint      option)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  g_return_val_if_fail (option < self->n_options, 0.0);
  return self->totals[option];
}

const guint *
dlb_result_get_ranking (DlbResult *self,
                        guint     *n)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  if (n != NULL)
    *n = self->n_options;
  return self->ranking;
}

guint
dlb_result_get_place (DlbResult *self,
                      guint      option)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  g_return_val_if_fail (option < self->n_options, 0);
  return self->places[option];
}

gboolean
dlb_result_is_disqualified (DlbResult *self,
                            guint      option)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  g_return_val_if_fail (option < self->n_options, FALSE);
  return self->disqualified[option];
}

const DlbGateFailure *
dlb_result_get_gate_failures (DlbResult *self,
                              guint      option,
                              guint     *n_failures)
{
  guint n;

  if (n_failures != NULL)
    *n_failures = 0;
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (option < self->n_options, NULL);

  n = self->failure_start[option + 1] - self->failure_start[option];
  if (n_failures != NULL)
    *n_failures = n;
  return n > 0 ? &self->failures[self->failure_start[option]] : NULL;
}

const DlbSensitivity *
dlb_result_get_sensitivity (DlbResult *self,
                            guint      criterion)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (criterion < self->n_criteria, NULL);
  return &self->sensitivity[criterion];
}

void
dlb_result_get_sensitivity_line (DlbResult *self,
                                 guint      criterion,
                                 guint      option,
                                 double    *at_zero,
                                 double    *at_one)
{
  g_return_if_fail (DLB_IS_RESULT (self));
  g_return_if_fail (criterion < self->n_criteria && option < self->n_options);

  if (at_zero != NULL)
    *at_zero = self->rest[(gsize) criterion * self->n_options + option];
  if (at_one != NULL)
    *at_one = self->scores[(gsize) option * self->n_criteria + criterion];
}

const DlbRobustness *
dlb_result_get_robustness (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return &self->robustness;
}

const char *
dlb_result_get_robustness_sentence (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return self->robustness_sentence;
}

gboolean
dlb_result_has_probabilities (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), FALSE);
  return self->has_probabilities;
}

guint
dlb_result_get_draws (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->draws;
}

guint64
dlb_result_get_seed (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->seed;
}

double
dlb_result_get_probability_first (DlbResult *self,
                                  guint      option)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  g_return_val_if_fail (option < self->n_options, 0.0);
  return self->p_first[option];
}

double
dlb_result_get_probability_none (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  return self->p_none;
}

double
dlb_result_get_rank_probability (DlbResult *self,
                                 guint      option,
                                 guint      rank)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0.0);
  g_return_val_if_fail (option < self->n_options && rank < self->n_options, 0.0);
  return self->rank_p[(gsize) option * self->n_options + rank];
}

guint
dlb_result_get_n_perspectives (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->n_perspectives;
}

const DlbPerspectiveOutcome *
dlb_result_get_perspective_outcome (DlbResult *self,
                                    guint      perspective)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  g_return_val_if_fail (perspective < self->n_perspectives, NULL);
  return &self->perspectives[perspective];
}

guint
dlb_result_get_n_agreeing (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), 0);
  return self->n_agreeing;
}

const char *
dlb_result_get_agreement_sentence (DlbResult *self)
{
  g_return_val_if_fail (DLB_IS_RESULT (self), NULL);
  return self->agreement_sentence;
}
