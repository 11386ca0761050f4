/* dlb-score.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-score"

#include "config.h"

#include "dlb-score.h"
#include "dlb-enums.h"

/* How well one option does on one criterion, with its range and the reasoning behind it. */
struct _DlbScore
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbScore, dlb_score, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_INTERNAL, 1 },
  { "option", DLB_FIELD_REF, 0, 0, 0, NULL, DLB_KIND_OPTION, DLB_FIELD_FLAG_REQUIRED, 1 },
  { "criterion", DLB_FIELD_REF, 0, 0, 0, NULL, DLB_KIND_CRITERION, DLB_FIELD_FLAG_REQUIRED, 1 },
  { "value", DLB_FIELD_DOUBLE, 0, 10, 5, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "low", DLB_FIELD_DOUBLE, 0, 10, 5, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "high", DLB_FIELD_DOUBLE, 0, 10, 5, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "rationale", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "findings", DLB_FIELD_REF_LIST, 0, 0, 0, NULL, DLB_KIND_FINDING, DLB_FIELD_FLAG_NONE, 1 },
  { "items", DLB_FIELD_REF_LIST, 0, 0, 0, NULL, DLB_KIND_ITEM, DLB_FIELD_FLAG_NONE, 1 },
  { "sources", DLB_FIELD_REF_LIST, 0, 0, 0, NULL, DLB_KIND_SOURCE, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_SCORE_N_FIELDS);

static void
dlb_score_class_init (DlbScoreClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_SCORE,
                                   "score", "scores", fields, G_N_ELEMENTS (fields));
}

static void
dlb_score_init (DlbScore *self)
{
}

char *
dlb_score_make_id (const char *option_id,
                   const char *criterion_id)
{
  return g_strconcat (option_id, "/", criterion_id, NULL);
}

DlbScore *
dlb_score_new (const char *option_id,
               const char *criterion_id)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (option_id != NULL, NULL);
  g_return_val_if_fail (criterion_id != NULL, NULL);

  id = dlb_score_make_id (option_id, criterion_id);
  return g_object_new (DLB_TYPE_SCORE,
                       "id", id,
                       "option", option_id,
                       "criterion", criterion_id,
                       NULL);
}


const char *
dlb_score_get_id (DlbScore *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SCORE_ID);
}

const char *
dlb_score_get_option (DlbScore *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SCORE_OPTION);
}

const char *
dlb_score_get_criterion (DlbScore *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SCORE_CRITERION);
}

double
dlb_score_get_value (DlbScore *self)
{
  return dlb_entity_get_double (DLB_ENTITY (self), DLB_SCORE_VALUE);
}

double
dlb_score_get_low (DlbScore *self)
{
  return dlb_entity_get_double (DLB_ENTITY (self), DLB_SCORE_LOW);
}

double
dlb_score_get_high (DlbScore *self)
{
  return dlb_entity_get_double (DLB_ENTITY (self), DLB_SCORE_HIGH);
}

const char *
dlb_score_get_rationale (DlbScore *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SCORE_RATIONALE);
}

const char * const *
dlb_score_get_findings (DlbScore *self)
{
  return dlb_entity_get_strv (DLB_ENTITY (self), DLB_SCORE_FINDINGS);
}

const char * const *
dlb_score_get_items (DlbScore *self)
{
  return dlb_entity_get_strv (DLB_ENTITY (self), DLB_SCORE_ITEMS);
}

const char * const *
dlb_score_get_sources (DlbScore *self)
{
  return dlb_entity_get_strv (DLB_ENTITY (self), DLB_SCORE_SOURCES);
}
