/* dlb-option.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-option"

#include "config.h"

#include "dlb-option.h"
#include "dlb-enums.h"

/* A course of action; a conditional one lists the findings its conditions resolve. */
struct _DlbOption
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbOption, dlb_option, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "name", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "description", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "resolves", DLB_FIELD_REF_LIST, 0, 0, 0, NULL, DLB_KIND_FINDING, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_OPTION_N_FIELDS);

static void
dlb_option_class_init (DlbOptionClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_OPTION,
                                   "option", "options", fields, G_N_ELEMENTS (fields));
}

static void
dlb_option_init (DlbOption *self)
{
}

DlbOption *
dlb_option_new (const char *name)
{
  return g_object_new (DLB_TYPE_OPTION, "name", name, NULL);
}


const char *
dlb_option_get_id (DlbOption *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_OPTION_ID);
}

const char *
dlb_option_get_name (DlbOption *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_OPTION_NAME);
}

const char *
dlb_option_get_description (DlbOption *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_OPTION_DESCRIPTION);
}

const char * const *
dlb_option_get_resolves (DlbOption *self)
{
  return dlb_entity_get_strv (DLB_ENTITY (self), DLB_OPTION_RESOLVES);
}
