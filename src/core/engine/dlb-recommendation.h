/* dlb-recommendation.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-engine.h"

G_BEGIN_DECLS

/* What a case recommends, defined once: the model's winner (or a tie, or
 * no winner and why), the analyst's override with its justification, and
 * the conditions the recommended option requires; with the one family of
 * translated sentences that say it. The Overview, the Decision Matrix,
 * the memo and `deliberate --analyze` all state the recommendation through
 * this object, so they cannot disagree. Immutable: it copies what it
 * needs from the case when it is made. */

typedef enum
{
  DLB_RECOMMENDATION_NONE,      /* no winner and no override: see the result's reason */
  DLB_RECOMMENDATION_WINNER,    /* the model's winner, alone in first place */
  DLB_RECOMMENDATION_TIE,       /* two or more options share first place */
  DLB_RECOMMENDATION_OVERRIDE,  /* the analyst recommends another option than the model */
} DlbRecommendationKind;

/* A condition of the recommended option: the contract term that resolves
 * one of the case's findings. */
typedef struct
{
  const char *finding_id;
  const char *finding_title;
  const char *condition;    /* NULL when none is written yet */
} DlbCondition;

/* A reason for the recommendation: a criterion on which the recommended
 * option gains on its closest rival, by the weight times the difference
 * of their scores, which is what the criterion adds to the margin. */
typedef struct
{
  guint  criterion;
  guint  rival;     /* the option compared with, an option index */
  double gain;      /* weight × (own score − rival's score), above 0 */
} DlbReason;

#define DLB_TYPE_RECOMMENDATION (dlb_recommendation_get_type ())

G_DECLARE_FINAL_TYPE (DlbRecommendation, dlb_recommendation, DLB, RECOMMENDATION, GObject)

/* The recommendation of @c analysed as @result, with the analyst's
 * override when @c has one. */
DlbRecommendation     *dlb_recommendation_new              (DlbCase            *c,
                                                            DlbResult          *result);
/* The model's word alone, for a perspective or a preview of weights:
 * no override, no conditions. */
DlbRecommendation     *dlb_recommendation_new_for_result   (DlbResult          *result);

DlbResult             *dlb_recommendation_get_result       (DlbRecommendation  *self);
DlbRecommendationKind  dlb_recommendation_get_kind         (DlbRecommendation  *self);
/* "none", "winner", "tie", "override": for JSON. */
const char            *dlb_recommendation_kind_to_nick     (DlbRecommendationKind kind);

/* The option recommended (the override when there is one), as an option
 * index of the result; -1 for none. With a tie, the first tied option. */
int                    dlb_recommendation_get_option       (DlbRecommendation  *self);
const char            *dlb_recommendation_get_option_id    (DlbRecommendation  *self);
const char            *dlb_recommendation_get_option_name  (DlbRecommendation  *self);
/* The model's winner (the result's), -1 for none. */
int                    dlb_recommendation_get_model_option (DlbRecommendation  *self);
/* The options sharing first place in the model, best first; one when
 * there is no tie, none without a winner. */
const guint           *dlb_recommendation_get_first        (DlbRecommendation  *self,
                                                            guint              *n_options);
gboolean               dlb_recommendation_is_override      (DlbRecommendation  *self);
/* The analyst's justification, or NULL. */
const char            *dlb_recommendation_get_justification (DlbRecommendation *self);

guint                  dlb_recommendation_get_n_conditions (DlbRecommendation  *self);
const DlbCondition    *dlb_recommendation_get_condition    (DlbRecommendation  *self,
                                                            guint               index);

/* The criteria that set the recommended option furthest ahead of its
 * closest rival (the model's winner under an override, else the best
 * other option no gate rules out), strongest first, at most @max: an
 * array of DlbReason, empty without a recommendation, a rival or a
 * criterion on which the recommended option leads. Unscored pairs give
 * no reason. */
GArray                *dlb_recommendation_dup_reasons      (DlbRecommendation  *self,
                                                            guint               max);

/* The sentences. Each is translated plain text; with @markup, names are
 * bold and everything is escaped for Pango markup. */

/* One line: "Recommended: Decline the partnership", "Tied for first:
 * A and B", "Recommended by the analyst: B", "No recommendation". */
char                  *dlb_recommendation_dup_headline     (DlbRecommendation  *self,
                                                            gboolean            markup);
/* The two parts of the headline, for a page that sets them apart: the
 * kind ("Recommended", "Tied for first", "Recommended by the analyst",
 * "No recommendation") and the choice (the option's name, the tied
 * options' names, or NULL). */
const char            *dlb_recommendation_get_kind_label   (DlbRecommendation  *self);
char                  *dlb_recommendation_dup_choice       (DlbRecommendation  *self);
/* What the figures say: the score and the margin, the tie, the model's
 * word against the analyst's, or why nothing can be recommended. */
char                  *dlb_recommendation_dup_summary      (DlbRecommendation  *self,
                                                            gboolean            markup);
/* The justification of an override ("Justification. …", or that none is
 * recorded); NULL without an override. */
char                  *dlb_recommendation_dup_justification_sentence (DlbRecommendation *self,
                                                                      gboolean           markup);
/* How robust the model's winner is; NULL when it is not what is
 * recommended (an override, or no winner). */
const char            *dlb_recommendation_get_robustness   (DlbRecommendation  *self);
/* The chance of the recommended option ranking first under the scores'
 * uncertainty, saying "too close to call" when another option's chance
 * is higher or within 5 points; NULL without a simulation or an option. */
char                  *dlb_recommendation_dup_probability_sentence (DlbRecommendation *self);
/* How many perspectives agree; NULL when the case has none, or in a tie. */
const char            *dlb_recommendation_get_agreement    (DlbRecommendation  *self);

/* One reason: "Community trust, weighted 15 %: 8.0 against 3.0 for
 * Enter only with binding conditions." */
char                  *dlb_recommendation_dup_reason_sentence (DlbRecommendation *self,
                                                               const DlbReason   *reason,
                                                               gboolean           markup);

/* Why an option is ruled out by a gate: "Enter as proposed is ruled out:
 * it scores 2.00 on Racial equity, below the minimum of 5.00." */
char                  *dlb_gate_failure_sentence           (DlbResult            *result,
                                                            guint                 option,
                                                            const DlbGateFailure *failure);

G_END_DECLS
