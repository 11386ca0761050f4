/* dlb-stakeholder.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-stakeholder"

#include "config.h"

#include "dlb-stakeholder.h"
#include "dlb-enums.h"

/* A person or body the decision affects, placed on the power/interest grid. */
struct _DlbStakeholder
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbStakeholder, dlb_stakeholder, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "name", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "group", DLB_FIELD_ENUM, 0, 0, DLB_GROUP_OTHER, dlb_group_get_type, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "role", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "concern", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "power", DLB_FIELD_INT, 1, 5, 3, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "interest", DLB_FIELD_INT, 1, 5, 3, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "stance", DLB_FIELD_INT, -2, 2, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "consulted", DLB_FIELD_BOOLEAN, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "consultation-note", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_STAKEHOLDER_N_FIELDS);

static void
dlb_stakeholder_class_init (DlbStakeholderClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_STAKEHOLDER,
                                   "stakeholder", "stakeholders", fields, G_N_ELEMENTS (fields));
}

static void
dlb_stakeholder_init (DlbStakeholder *self)
{
}

DlbStakeholder *
dlb_stakeholder_new (const char *name)
{
  return g_object_new (DLB_TYPE_STAKEHOLDER, "name", name, NULL);
}


const char *
dlb_stakeholder_get_id (DlbStakeholder *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_STAKEHOLDER_ID);
}

const char *
dlb_stakeholder_get_name (DlbStakeholder *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_STAKEHOLDER_NAME);
}

DlbGroup
dlb_stakeholder_get_group (DlbStakeholder *self)
{
  return (DlbGroup) dlb_entity_get_enum (DLB_ENTITY (self), DLB_STAKEHOLDER_GROUP);
}

const char *
dlb_stakeholder_get_role (DlbStakeholder *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_STAKEHOLDER_ROLE);
}

const char *
dlb_stakeholder_get_concern (DlbStakeholder *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_STAKEHOLDER_CONCERN);
}

int
dlb_stakeholder_get_power (DlbStakeholder *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_STAKEHOLDER_POWER);
}

int
dlb_stakeholder_get_interest (DlbStakeholder *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_STAKEHOLDER_INTEREST);
}

int
dlb_stakeholder_get_stance (DlbStakeholder *self)
{
  return dlb_entity_get_int (DLB_ENTITY (self), DLB_STAKEHOLDER_STANCE);
}

gboolean
dlb_stakeholder_get_consulted (DlbStakeholder *self)
{
  return dlb_entity_get_boolean (DLB_ENTITY (self), DLB_STAKEHOLDER_CONSULTED);
}

const char *
dlb_stakeholder_get_consultation_note (DlbStakeholder *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_STAKEHOLDER_CONSULTATION_NOTE);
}
