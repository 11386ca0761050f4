/* dlb-criterion.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-criterion"

#include "config.h"

#include "dlb-criterion.h"
#include "dlb-enums.h"

/* A criterion the options are scored against, with its weight and an optional gate. */
struct _DlbCriterion
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbCriterion, dlb_criterion, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "name", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "description", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "weight", DLB_FIELD_DOUBLE, 0, 1000, 10, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "minimum", DLB_FIELD_DOUBLE, -1, 10, -1, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NULLABLE, 1 },
  { "rank", DLB_FIELD_INT, 0, 1000, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 2 },
  { "swing", DLB_FIELD_DOUBLE, 0, 100, 100, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 2 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_CRITERION_N_FIELDS);

static void
dlb_criterion_class_init (DlbCriterionClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_CRITERION,
                                   "criterion", "criteria", fields, G_N_ELEMENTS (fields));
}

static void
dlb_criterion_init (DlbCriterion *self)
{
}

DlbCriterion *
dlb_criterion_new (const char *name,
                   double      weight)
{
  return g_object_new (DLB_TYPE_CRITERION, "name", name, "weight", weight, NULL);
}

gboolean
dlb_criterion_has_minimum (DlbCriterion *self)
{
  return dlb_criterion_get_minimum (self) >= 0.0;
}


const char *
dlb_criterion_get_id (DlbCriterion *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_CRITERION_ID);
}

const char *
dlb_criterion_get_name (DlbCriterion *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_CRITERION_NAME);
}

const char *
dlb_criterion_get_description (DlbCriterion *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_CRITERION_DESCRIPTION);
}

double
dlb_criterion_get_weight (DlbCriterion *self)
{
  return dlb_entity_get_double (DLB_ENTITY (self), DLB_CRITERION_WEIGHT);
}

double
dlb_criterion_get_minimum (DlbCriterion *self)
{
  return dlb_entity_get_double (DLB_ENTITY (self), DLB_CRITERION_MINIMUM);
}

int
dlb_criterion_get_rank (DlbCriterion *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_CRITERION_RANK);
}

double
dlb_criterion_get_swing (DlbCriterion *self)
{
  return dlb_entity_get_double (DLB_ENTITY (self), DLB_CRITERION_SWING);
}
