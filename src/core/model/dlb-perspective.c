/* dlb-perspective.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-perspective"

#include "config.h"

#include "dlb-perspective.h"
#include "dlb-enums.h"

/* A named set of weights, often the way one stakeholder would weigh the criteria. */
struct _DlbPerspective
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbPerspective, dlb_perspective, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "name", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "description", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "stakeholder", DLB_FIELD_REF, 0, 0, 0, NULL, DLB_KIND_STAKEHOLDER, DLB_FIELD_FLAG_NONE, 1 },
  { "weights", DLB_FIELD_WEIGHTS, 0, 0, 0, NULL, DLB_KIND_CRITERION, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_PERSPECTIVE_N_FIELDS);

static void
dlb_perspective_class_init (DlbPerspectiveClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_PERSPECTIVE,
                                   "perspective", "perspectives", fields, G_N_ELEMENTS (fields));
}

static void
dlb_perspective_init (DlbPerspective *self)
{
}

DlbPerspective *
dlb_perspective_new (const char *name)
{
  return g_object_new (DLB_TYPE_PERSPECTIVE, "name", name, NULL);
}

double
dlb_perspective_lookup_weight (DlbPerspective *self,
                               const char     *criterion_id,
                               gboolean       *found)
{
  GVariant *weights = dlb_perspective_get_weights (self);
  double weight = 0.0;
  gboolean ok = FALSE;

  if (weights != NULL)
    ok = g_variant_lookup (weights, criterion_id, "d", &weight);
  if (found != NULL)
    *found = ok;

  return ok ? weight : 0.0;
}


const char *
dlb_perspective_get_id (DlbPerspective *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_PERSPECTIVE_ID);
}

const char *
dlb_perspective_get_name (DlbPerspective *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_PERSPECTIVE_NAME);
}

const char *
dlb_perspective_get_description (DlbPerspective *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_PERSPECTIVE_DESCRIPTION);
}

const char *
dlb_perspective_get_stakeholder (DlbPerspective *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_PERSPECTIVE_STAKEHOLDER);
}

GVariant *
dlb_perspective_get_weights (DlbPerspective *self)
{
  return dlb_entity_get_variant (DLB_ENTITY (self), DLB_PERSPECTIVE_WEIGHTS);
}
