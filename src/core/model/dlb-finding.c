/* dlb-finding.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-finding"

#include "config.h"

#include "dlb-finding.h"
#include "dlb-enums.h"

/* A privacy or civil-liberties finding, and the contract condition that would answer it. */
struct _DlbFinding
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbFinding, dlb_finding, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "title", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "detail", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "sources", DLB_FIELD_REF_LIST, 0, 0, 0, NULL, DLB_KIND_SOURCE, DLB_FIELD_FLAG_NONE, 1 },
  { "severity", DLB_FIELD_INT, 1, 4, 2, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "likelihood", DLB_FIELD_INT, 1, 4, 2, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "status", DLB_FIELD_ENUM, 0, 0, DLB_FINDING_OPEN, dlb_finding_status_get_type, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "condition", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "criterion", DLB_FIELD_REF, 0, 0, 0, NULL, DLB_KIND_CRITERION, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_FINDING_N_FIELDS);

static void
dlb_finding_class_init (DlbFindingClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_FINDING,
                                   "finding", "findings", fields, G_N_ELEMENTS (fields));
}

static void
dlb_finding_init (DlbFinding *self)
{
}

DlbFinding *
dlb_finding_new (const char *title)
{
  return g_object_new (DLB_TYPE_FINDING, "title", title, NULL);
}


const char *
dlb_finding_get_id (DlbFinding *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_FINDING_ID);
}

const char *
dlb_finding_get_title (DlbFinding *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_FINDING_TITLE);
}

const char *
dlb_finding_get_detail (DlbFinding *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_FINDING_DETAIL);
}

const char * const *
dlb_finding_get_sources (DlbFinding *self)
{
  return dlb_entity_get_strv (DLB_ENTITY (self), DLB_FINDING_SOURCES);
}

int
dlb_finding_get_severity (DlbFinding *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_FINDING_SEVERITY);
}

int
dlb_finding_get_likelihood (DlbFinding *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_FINDING_LIKELIHOOD);
}

DlbFindingStatus
dlb_finding_get_status (DlbFinding *self)
{
  return (DlbFindingStatus) dlb_entity_get_enum (DLB_ENTITY (self), DLB_FINDING_STATUS);
}

const char *
dlb_finding_get_condition (DlbFinding *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_FINDING_CONDITION);
}

const char *
dlb_finding_get_criterion (DlbFinding *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_FINDING_CRITERION);
}
