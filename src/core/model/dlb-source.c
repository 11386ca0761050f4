/* dlb-source.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-source"

#include "config.h"

#include "dlb-source.h"
#include "dlb-enums.h"

/* Where a finding, an item or a score comes from, and how far to trust it. */
struct _DlbSource
{
  DlbEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (DlbSource, dlb_source, DLB_TYPE_ENTITY)

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "label", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "citation", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "url", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "date", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "reliability", DLB_FIELD_ENUM, 0, 0, DLB_RELIABILITY_REPORTED, dlb_reliability_get_type, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_SOURCE_N_FIELDS);

static void
dlb_source_class_init (DlbSourceClass *klass)
{
  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_SOURCE,
                                   "source", "sources", fields, G_N_ELEMENTS (fields));
}

static void
dlb_source_init (DlbSource *self)
{
}

DlbSource *
dlb_source_new (const char *label)
{
  return g_object_new (DLB_TYPE_SOURCE, "label", label, NULL);
}


const char *
dlb_source_get_id (DlbSource *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SOURCE_ID);
}

const char *
dlb_source_get_label (DlbSource *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SOURCE_LABEL);
}

const char *
dlb_source_get_citation (DlbSource *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SOURCE_CITATION);
}

const char *
dlb_source_get_url (DlbSource *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SOURCE_URL);
}

const char *
dlb_source_get_date (DlbSource *self)
{
  return dlb_entity_get_string (DLB_ENTITY (self), DLB_SOURCE_DATE);
}

DlbReliability
dlb_source_get_reliability (DlbSource *self)
{
  return (DlbReliability) dlb_entity_get_enum (DLB_ENTITY (self), DLB_SOURCE_RELIABILITY);
}
