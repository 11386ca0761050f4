/* dlb-entity.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-types.h"

G_BEGIN_DECLS

/* What a field holds. The store, the JSON reader and writer, the journal
 * and validation all work from these descriptions, so a field is declared
 * once, in its entity's class. */
typedef enum
{
  DLB_FIELD_STRING,   /* a line of text */
  DLB_FIELD_TEXT,     /* paragraphs */
  DLB_FIELD_INT,
  DLB_FIELD_DOUBLE,
  DLB_FIELD_BOOLEAN,
  DLB_FIELD_ENUM,     /* stored and written as the value's nick */
  DLB_FIELD_REF,      /* the id of another entity, or NULL */
  DLB_FIELD_REF_LIST, /* a NULL-terminated array of ids */
  DLB_FIELD_WEIGHTS,  /* GVariant a{sd}: criterion id -> weight */
  DLB_FIELD_PAIRS,    /* GVariant a(ssd): criterion ids a, b -> how much a beats b */
} DlbFieldType;

typedef enum
{
  DLB_FIELD_FLAG_NONE     = 0,
  /* A REF that must be set; removing its target removes this entity. */
  DLB_FIELD_FLAG_REQUIRED = 1 << 0,
  /* A DOUBLE whose minimum stands for "not set" (null in JSON). */
  DLB_FIELD_FLAG_NULLABLE = 1 << 1,
  /* Kept in the case file but derived, never written to JSON. */
  DLB_FIELD_FLAG_INTERNAL = 1 << 2,
  /* A STRING that must not be empty. */
  DLB_FIELD_FLAG_NONEMPTY = 1 << 3,
  /* A STRING holding a day as YYYY-MM-DD, chosen on a calendar. */
  DLB_FIELD_FLAG_DATE     = 1 << 4,
} DlbFieldFlags;

typedef struct
{
  const char   *name;      /* property name; JSON member and column use '_' for '-' */
  DlbFieldType  type;
  double        minimum;   /* INT and DOUBLE */
  double        maximum;
  double        default_value;
  GType       (*enum_type) (void);
  DlbKind       ref_kind;  /* REF, REF_LIST, WEIGHTS and PAIRS */
  DlbFieldFlags flags;
  guint         since;     /* the case-file schema version that added it */
  guint         json_since; /* the case format version that added it, when not @since */
} DlbField;

/* The longest text a field holds, in bytes of UTF-8: a line (STRING) or
 * paragraphs (TEXT). The model refuses longer edits, and the JSON reader
 * longer values (docs/case-format.md). */
#define DLB_FIELD_MAX_LINE_BYTES 4096
#define DLB_FIELD_MAX_TEXT_BYTES (256 * 1024)

/* The version of the case format (docs/case-format.md) that added @field. */
#define DLB_FIELD_JSON_SINCE(field) ((field)->json_since != 0 ? (field)->json_since : (field)->since)

/* Every entity's fields begin with its id; in every kind but a score the
 * next is the name, title or label a person knows it by. */
#define DLB_ENTITY_FIELD_ID   0
#define DLB_ENTITY_FIELD_NAME 1

#define DLB_TYPE_ENTITY (dlb_entity_get_type ())

G_DECLARE_DERIVABLE_TYPE (DlbEntity, dlb_entity, DLB, ENTITY, GObject)

struct _DlbEntityClass
{
  GObjectClass parent_class;

  DlbKind         kind;
  const char     *table;      /* "stakeholder" */
  const char     *json_name;  /* "stakeholders" */
  const DlbField *fields;     /* fields[0] is always "id" */
  guint           n_fields;
};

void            dlb_entity_class_install_fields (DlbEntityClass *klass,
                                                 DlbKind         kind,
                                                 const char     *table,
                                                 const char     *json_name,
                                                 const DlbField *fields,
                                                 guint           n_fields);
GType           dlb_kind_get_entity_type        (DlbKind         kind);
DlbEntityClass *dlb_kind_get_class              (DlbKind         kind);
const char     *dlb_kind_get_table              (DlbKind         kind);

DlbKind         dlb_entity_get_kind             (DlbEntity      *self);
const char     *dlb_entity_get_id               (DlbEntity      *self);
guint           dlb_entity_get_n_fields         (DlbEntity      *self);
const DlbField *dlb_entity_get_field            (DlbEntity      *self,
                                                 guint           index);
int             dlb_entity_find_field           (DlbEntity      *self,
                                                 const char     *name);
GParamSpec     *dlb_entity_get_field_pspec      (DlbEntity      *self,
                                                 guint           index);
const GValue   *dlb_entity_get_value            (DlbEntity      *self,
                                                 guint           index);
gboolean        dlb_entity_value_equal          (DlbEntity      *self,
                                                 guint           index,
                                                 const GValue   *value);
DlbEntity      *dlb_entity_copy                 (DlbEntity      *self);
const char     *dlb_entity_get_display_name     (DlbEntity      *self);

const char     *dlb_entity_get_string           (DlbEntity      *self,
                                                 guint           index);
int             dlb_entity_get_int              (DlbEntity      *self,
                                                 guint           index);
double          dlb_entity_get_double           (DlbEntity      *self,
                                                 guint           index);
gboolean        dlb_entity_get_boolean          (DlbEntity      *self,
                                                 guint           index);
int             dlb_entity_get_enum             (DlbEntity      *self,
                                                 guint           index);
const char * const *dlb_entity_get_strv         (DlbEntity      *self,
                                                 guint           index);
GVariant       *dlb_entity_get_variant          (DlbEntity      *self,
                                                 guint           index);

char           *dlb_field_json_name             (const DlbField *field);
const char     *dlb_field_get_label             (DlbKind         kind,
                                                 const char     *field_name);
const char     *dlb_enum_to_nick                (GType           enum_type,
                                                 int             value);
gboolean        dlb_enum_from_nick              (GType           enum_type,
                                                 const char     *nick,
                                                 int            *value);

/* A YYYY-MM-DD day as the user's language writes it ("2 December 2019"),
 * or NULL when @iso is not such a day. */
char           *dlb_format_iso_date             (const char     *iso);
/* The day of a YYYY-MM-DD text, or NULL. */
GDateTime      *dlb_parse_iso_date              (const char     *iso);

/* Whether @text holds nothing but white space. */
gboolean        dlb_text_is_blank               (const char     *text);

G_END_DECLS
