/* dlb-entity.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-entity"

#include "config.h"

#include <stdio.h>

#include <math.h>
#include <glib/gi18n-lib.h>

#include "dlb-entity.h"
#include "dlb-entity-private.h"
#include "dlb-case.h"
#include "dlb-model.h"

/* Every case entity keeps its field values in one array of GValues,
 * indexed as its class's field table. GObject properties map onto it
 * (property id = field index + 1), so widgets can bind to entities while
 * the store and the JSON code walk the table generically. The properties
 * are set only while an entity is made; after that the case writes the
 * values (dlb-entity-private.h). */
typedef struct
{
  GValue *values;
  guint   n_values;
} DlbEntityPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DlbEntity, dlb_entity, G_TYPE_OBJECT)

static GType
kind_type (DlbKind kind)
{
  switch (kind)
    {
    case DLB_KIND_CASE: return DLB_TYPE_CASE;
    case DLB_KIND_STAKEHOLDER: return DLB_TYPE_STAKEHOLDER;
    case DLB_KIND_SOURCE: return DLB_TYPE_SOURCE;
    case DLB_KIND_FINDING: return DLB_TYPE_FINDING;
    case DLB_KIND_ITEM: return DLB_TYPE_ITEM;
    case DLB_KIND_CRITERION: return DLB_TYPE_CRITERION;
    case DLB_KIND_OPTION: return DLB_TYPE_OPTION;
    case DLB_KIND_SCORE: return DLB_TYPE_SCORE;
    case DLB_KIND_PERSPECTIVE: return DLB_TYPE_PERSPECTIVE;
    default: g_return_val_if_reached (G_TYPE_INVALID);
    }
}

GType
dlb_kind_get_entity_type (DlbKind kind)
{
  return kind_type (kind);
}

DlbEntityClass *
dlb_kind_get_class (DlbKind kind)
{
  GType type = kind_type (kind);

  g_return_val_if_fail (type != G_TYPE_INVALID, NULL);

  /* Classes are never finalized once referenced; keep one reference. */
  return DLB_ENTITY_CLASS (g_type_class_ref (type));
}

const char *
dlb_kind_get_table (DlbKind kind)
{
  return dlb_kind_get_class (kind)->table;
}

static void
init_value (GValue         *value,
            const DlbField *field G_GNUC_UNUSED,
            GParamSpec     *pspec)
{
  g_value_init (value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  g_param_value_set_default (pspec, value);
}

static DlbEntityPrivate *get_priv (DlbEntity *self);

static void
dlb_entity_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlbEntity *self = DLB_ENTITY (object);
  DlbEntityPrivate *priv = get_priv (self);

  if (prop_id == 0 || prop_id > priv->n_values)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  g_value_copy (&priv->values[prop_id - 1], value);
}

static void
dlb_entity_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DlbEntity *self = DLB_ENTITY (object);
  DlbEntityPrivate *priv = get_priv (self);

  if (prop_id == 0 || prop_id > priv->n_values)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  _dlb_entity_set_value (self, prop_id - 1, value);
}

static void
dlb_entity_constructed (GObject *object)
{
  DlbEntity *self = DLB_ENTITY (object);
  DlbEntityPrivate *priv = get_priv (self);

  G_OBJECT_CLASS (dlb_entity_parent_class)->constructed (object);

  /* An entity made without an id gets a fresh one. */
  if (priv->n_values > 0 && g_value_get_string (&priv->values[0]) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *id = g_strdup_printf ("%s-%.8s",
                                             DLB_ENTITY_GET_CLASS (self)->table, uuid);
      g_value_set_string (&priv->values[0], id);
    }
}

static void
dlb_entity_finalize (GObject *object)
{
  DlbEntity *self = DLB_ENTITY (object);
  DlbEntityPrivate *priv = dlb_entity_get_instance_private (self);

  for (guint i = 0; i < priv->n_values; i++)
    g_value_unset (&priv->values[i]);
  g_free (priv->values);

  G_OBJECT_CLASS (dlb_entity_parent_class)->finalize (object);
}

static void
dlb_entity_class_init (DlbEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dlb_entity_constructed;
  object_class->finalize = dlb_entity_finalize;
}

static void
dlb_entity_init (DlbEntity *self)
{
}

/* While an ancestor's instance init runs, the instance still points at the
 * ancestor's class, so the values are laid out on first use instead. */
static DlbEntityPrivate *
get_priv (DlbEntity *self)
{
  DlbEntityPrivate *priv = dlb_entity_get_instance_private (self);

  if (G_UNLIKELY (priv->values == NULL))
    {
      DlbEntityClass *klass = DLB_ENTITY_GET_CLASS (self);
      GObjectClass *object_class = G_OBJECT_CLASS (klass);

      priv->n_values = klass->n_fields;
      priv->values = g_new0 (GValue, klass->n_fields);
      for (guint i = 0; i < klass->n_fields; i++)
        {
          GParamSpec *pspec = g_object_class_find_property (object_class, klass->fields[i].name);

          g_assert (pspec != NULL);
          init_value (&priv->values[i], &klass->fields[i], pspec);
        }
    }

  return priv;
}

static GParamSpec *
make_pspec (const DlbField *field)
{
  /* Construct-only: a new entity takes its values as properties, but once
   * made only the case may change it, so that no edit bypasses validation,
   * the case file and the journal. GLib refuses later sets with a warning. */
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                            | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
    case DLB_FIELD_REF:
      return g_param_spec_string (field->name, NULL, NULL, NULL, flags);
    case DLB_FIELD_INT:
      return g_param_spec_int (field->name, NULL, NULL,
                               (int) field->minimum, (int) field->maximum,
                               (int) field->default_value, flags);
    case DLB_FIELD_DOUBLE:
      return g_param_spec_double (field->name, NULL, NULL,
                                  field->minimum, field->maximum,
                                  field->default_value, flags);
    case DLB_FIELD_BOOLEAN:
      return g_param_spec_boolean (field->name, NULL, NULL, field->default_value != 0, flags);
    case DLB_FIELD_ENUM:
      return g_param_spec_enum (field->name, NULL, NULL, field->enum_type (),
                                (int) field->default_value, flags);
    case DLB_FIELD_REF_LIST:
      return g_param_spec_boxed (field->name, NULL, NULL, G_TYPE_STRV, flags);
    case DLB_FIELD_WEIGHTS:
      return g_param_spec_variant (field->name, NULL, NULL, G_VARIANT_TYPE ("a{sd}"), NULL, flags);
    case DLB_FIELD_PAIRS:
      return g_param_spec_variant (field->name, NULL, NULL, G_VARIANT_TYPE ("a(ssd)"), NULL, flags);
    default:
      g_assert_not_reached ();
    }
}

void
dlb_entity_class_install_fields (DlbEntityClass *klass,
                                 DlbKind         kind,
                                 const char     *table,
                                 const char     *json_name,
                                 const DlbField *fields,
                                 guint           n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (n_fields > 0);
  g_return_if_fail (g_str_equal (fields[0].name, "id"));

  klass->kind = kind;
  klass->table = table;
  klass->json_name = json_name;
  klass->fields = fields;
  klass->n_fields = n_fields;

  object_class->get_property = dlb_entity_get_property;
  object_class->set_property = dlb_entity_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      /* Every property is construct-only, the id too; constructed() gives
       * an entity made without an id a fresh one. */
      g_object_class_install_property (object_class, i + 1, make_pspec (&fields[i]));
    }
}

DlbKind
dlb_entity_get_kind (DlbEntity *self)
{
  g_return_val_if_fail (DLB_IS_ENTITY (self), DLB_KIND_CASE);

  return DLB_ENTITY_GET_CLASS (self)->kind;
}

const char *
dlb_entity_get_id (DlbEntity *self)
{
  return dlb_entity_get_string (self, 0);
}

guint
dlb_entity_get_n_fields (DlbEntity *self)
{
  g_return_val_if_fail (DLB_IS_ENTITY (self), 0);

  return DLB_ENTITY_GET_CLASS (self)->n_fields;
}

const DlbField *
dlb_entity_get_field (DlbEntity *self,
                      guint      index)
{
  DlbEntityClass *klass;

  g_return_val_if_fail (DLB_IS_ENTITY (self), NULL);

  klass = DLB_ENTITY_GET_CLASS (self);
  g_return_val_if_fail (index < klass->n_fields, NULL);

  return &klass->fields[index];
}

int
dlb_entity_find_field (DlbEntity  *self,
                       const char *name)
{
  DlbEntityClass *klass;

  g_return_val_if_fail (DLB_IS_ENTITY (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  klass = DLB_ENTITY_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const char *a = klass->fields[i].name;
      const char *b = name;

      /* "consultation-note" and "consultation_note" name the same field. */
      for (; *a && *b; a++, b++)
        if (*a != *b && !((*a == '-' || *a == '_') && (*b == '-' || *b == '_')))
          break;
      if (*a == '\0' && *b == '\0')
        return (int) i;
    }

  return -1;
}

GParamSpec *
dlb_entity_get_field_pspec (DlbEntity *self,
                            guint      index)
{
  const DlbField *field = dlb_entity_get_field (self, index);

  g_return_val_if_fail (field != NULL, NULL);

  return g_object_class_find_property (G_OBJECT_GET_CLASS (self), field->name);
}

const GValue *
dlb_entity_get_value (DlbEntity *self,
                      guint      index)
{
  DlbEntityPrivate *priv;

  g_return_val_if_fail (DLB_IS_ENTITY (self), NULL);

  priv = get_priv (self);
  g_return_val_if_fail (index < priv->n_values, NULL);

  return &priv->values[index];
}

gboolean
dlb_entity_value_equal (DlbEntity    *self,
                        guint         index,
                        const GValue *value)
{
  const GValue *current = dlb_entity_get_value (self, index);
  const DlbField *field = dlb_entity_get_field (self, index);

  g_return_val_if_fail (current != NULL, FALSE);
  g_return_val_if_fail (G_VALUE_TYPE (current) == G_VALUE_TYPE (value), FALSE);

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
    case DLB_FIELD_REF:
      return g_strcmp0 (g_value_get_string (current), g_value_get_string (value)) == 0;
    case DLB_FIELD_INT:
      return g_value_get_int (current) == g_value_get_int (value);
    case DLB_FIELD_DOUBLE:
      return g_value_get_double (current) == g_value_get_double (value);
    case DLB_FIELD_BOOLEAN:
      return !g_value_get_boolean (current) == !g_value_get_boolean (value);
    case DLB_FIELD_ENUM:
      return g_value_get_enum (current) == g_value_get_enum (value);
    case DLB_FIELD_REF_LIST:
      {
        const char * const *a = g_value_get_boxed (current);
        const char * const *b = g_value_get_boxed (value);

        if (a == NULL || b == NULL)
          return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
        return g_strv_equal (a, b);
      }
    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
      {
        GVariant *a = g_value_get_variant (current);
        GVariant *b = g_value_get_variant (value);

        if (a == NULL || b == NULL)
          return (a == NULL || g_variant_n_children (a) == 0)
                 && (b == NULL || g_variant_n_children (b) == 0);
        return g_variant_equal (a, b);
      }
    default:
      g_assert_not_reached ();
    }
}

void
_dlb_entity_set_value (DlbEntity    *self,
                       guint         index,
                       const GValue *value)
{
  DlbEntityPrivate *priv;
  GParamSpec *pspec;

  g_return_if_fail (DLB_IS_ENTITY (self));
  g_return_if_fail (value != NULL);

  priv = get_priv (self);
  g_return_if_fail (index < priv->n_values);

  if (dlb_entity_value_equal (self, index, value))
    return;

  pspec = dlb_entity_get_field_pspec (self, index);
  g_value_copy (value, &priv->values[index]);
  g_param_value_validate (pspec, &priv->values[index]);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

DlbEntity *
dlb_entity_copy (DlbEntity *self)
{
  DlbEntity *copy;

  g_return_val_if_fail (DLB_IS_ENTITY (self), NULL);

  copy = g_object_new (G_OBJECT_TYPE (self), "id", dlb_entity_get_id (self), NULL);
  for (guint i = 1; i < dlb_entity_get_n_fields (self); i++)
    _dlb_entity_set_value (copy, i, dlb_entity_get_value (self, i));

  return copy;
}

const char *
dlb_entity_get_display_name (DlbEntity *self)
{
  g_return_val_if_fail (DLB_IS_ENTITY (self), NULL);

  /* The first text field after the id is the one a person recognises:
   * the name, label or title. */
  for (guint i = 1; i < dlb_entity_get_n_fields (self); i++)
    {
      const DlbField *field = dlb_entity_get_field (self, i);

      if (field->type == DLB_FIELD_STRING)
        {
          const char *s = dlb_entity_get_string (self, i);
          return s != NULL && *s ? s : dlb_entity_get_id (self);
        }
    }

  return dlb_entity_get_id (self);
}

#define CHECK_TYPE(self, index, gtype, ret)                                   \
  G_STMT_START {                                                              \
    const GValue *v_ = dlb_entity_get_value (self, index);                    \
    g_return_val_if_fail (v_ != NULL && G_VALUE_HOLDS (v_, gtype), ret);      \
  } G_STMT_END

const char *
dlb_entity_get_string (DlbEntity *self,
                       guint      index)
{
  CHECK_TYPE (self, index, G_TYPE_STRING, NULL);
  return g_value_get_string (dlb_entity_get_value (self, index));
}

int
dlb_entity_get_int (DlbEntity *self,
                    guint      index)
{
  CHECK_TYPE (self, index, G_TYPE_INT, 0);
  return g_value_get_int (dlb_entity_get_value (self, index));
}

double
dlb_entity_get_double (DlbEntity *self,
                       guint      index)
{
  CHECK_TYPE (self, index, G_TYPE_DOUBLE, 0.0);
  return g_value_get_double (dlb_entity_get_value (self, index));
}

gboolean
dlb_entity_get_boolean (DlbEntity *self,
                        guint      index)
{
  CHECK_TYPE (self, index, G_TYPE_BOOLEAN, FALSE);
  return g_value_get_boolean (dlb_entity_get_value (self, index));
}

int
dlb_entity_get_enum (DlbEntity *self,
                     guint      index)
{
  CHECK_TYPE (self, index, G_TYPE_ENUM, 0);
  return g_value_get_enum (dlb_entity_get_value (self, index));
}

const char * const *
dlb_entity_get_strv (DlbEntity *self,
                     guint      index)
{
  static const char * const empty[] = { NULL };
  const char * const *strv;

  CHECK_TYPE (self, index, G_TYPE_STRV, empty);
  strv = g_value_get_boxed (dlb_entity_get_value (self, index));

  return strv != NULL ? strv : empty;
}

GVariant *
dlb_entity_get_variant (DlbEntity *self,
                        guint      index)
{
  CHECK_TYPE (self, index, G_TYPE_VARIANT, NULL);
  return g_value_get_variant (dlb_entity_get_value (self, index));
}

#define SETTER(name, ctype, gtype, setter)                                    \
  void                                                                        \
  _dlb_entity_set_##name (DlbEntity *self,                                    \
                          guint      index,                                   \
                          ctype      value)                                   \
  {                                                                           \
    g_auto (GValue) v = G_VALUE_INIT;                                         \
    const GValue *current = dlb_entity_get_value (self, index);              \
                                                                              \
    g_return_if_fail (current != NULL);                                       \
    g_value_init (&v, G_VALUE_TYPE (current));                                \
    setter (&v, value);                                                       \
    _dlb_entity_set_value (self, index, &v);                                  \
  }

SETTER (string, const char *, G_TYPE_STRING, g_value_set_string)
SETTER (int, int, G_TYPE_INT, g_value_set_int)
SETTER (double, double, G_TYPE_DOUBLE, g_value_set_double)
SETTER (boolean, gboolean, G_TYPE_BOOLEAN, g_value_set_boolean)
SETTER (enum, int, G_TYPE_ENUM, g_value_set_enum)
SETTER (strv, const char * const *, G_TYPE_STRV, g_value_set_boxed)
SETTER (variant, GVariant *, G_TYPE_VARIANT, g_value_set_variant)

char *
dlb_field_json_name (const DlbField *field)
{
  return g_strdelimit (g_strdup (field->name), "-", '_');
}

const char *
dlb_enum_to_nick (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
dlb_enum_from_nick (GType       enum_type,
                    const char *nick,
                    int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev == NULL)
    return FALSE;
  if (value != NULL)
    *value = ev->value;
  return TRUE;
}

typedef struct
{
  DlbKind     kind;
  const char *field;
  const char *label;
} FieldLabel;

/* What a person calls each field, for editors and for the journal. Field
 * names are shared between kinds ("title", "detail"), so the kind is part
 * of the key; DLB_KIND_CASE rows serve as the fallback for any kind. */
static const FieldLabel field_labels[] = {
  { DLB_KIND_STAKEHOLDER, "name", N_("Name") },
  { DLB_KIND_STAKEHOLDER, "group", N_("Group") },
  { DLB_KIND_STAKEHOLDER, "role", N_("Role") },
  { DLB_KIND_STAKEHOLDER, "concern", N_("Concern") },
  { DLB_KIND_STAKEHOLDER, "power", N_("Power") },
  { DLB_KIND_STAKEHOLDER, "interest", N_("Interest") },
  { DLB_KIND_STAKEHOLDER, "stance", N_("Stance") },
  { DLB_KIND_STAKEHOLDER, "consulted", N_("Consulted") },
  { DLB_KIND_STAKEHOLDER, "consultation-note", N_("Consultation Note") },
  { DLB_KIND_FINDING, "severity", N_("Severity") },
  { DLB_KIND_FINDING, "condition", N_("Required Condition") },
  { DLB_KIND_ITEM, "kind", N_("Type") },
  { DLB_KIND_ITEM, "impact", N_("Impact") },
  { DLB_KIND_CRITERION, "weight", N_("Weight") },
  { DLB_KIND_CRITERION, "minimum", N_("Minimum Score") },
  { DLB_KIND_CRITERION, "rank", N_("Rank") },
  { DLB_KIND_CRITERION, "swing", N_("Swing") },
  { DLB_KIND_OPTION, "resolves", N_("Findings Resolved") },
  { DLB_KIND_SCORE, "value", N_("Score") },
  { DLB_KIND_SCORE, "low", N_("Low") },
  { DLB_KIND_SCORE, "high", N_("High") },
  { DLB_KIND_SCORE, "rationale", N_("Rationale") },
  { DLB_KIND_SCORE, "findings", N_("Findings") },
  { DLB_KIND_SCORE, "items", N_("Opportunities and Risks") },
  { DLB_KIND_PERSPECTIVE, "stakeholder", N_("Stakeholder") },
  { DLB_KIND_PERSPECTIVE, "weights", N_("Weights") },
  { DLB_KIND_CASE, "title", N_("Title") },
  { DLB_KIND_CASE, "question", N_("Decision Question") },
  { DLB_KIND_CASE, "memo-to", N_("To") },
  { DLB_KIND_CASE, "memo-from", N_("From") },
  { DLB_KIND_CASE, "memo-subject", N_("Subject") },
  { DLB_KIND_CASE, "memo-date", N_("Date") },
  { DLB_KIND_CASE, "office", N_("Office") },
  { DLB_KIND_CASE, "background", N_("Background") },
  { DLB_KIND_CASE, "notes", N_("Notes") },
  { DLB_KIND_CASE, "paper-size", N_("Paper Size") },
  { DLB_KIND_CASE, "recommendation", N_("Your Recommendation") },
  { DLB_KIND_CASE, "justification", N_("Justification") },
  { DLB_KIND_CASE, "weighting", N_("Weighting Method") },
  { DLB_KIND_CASE, "pairwise", N_("Pairwise Comparisons") },
  { DLB_KIND_CASE, "memo-history", N_("History in the Memo") },
  { DLB_KIND_CASE, "memo-notes", N_("Notes in the Memo") },
  { DLB_KIND_CASE, "detail", N_("Detail") },
  { DLB_KIND_CASE, "sources", N_("Sources") },
  { DLB_KIND_CASE, "likelihood", N_("Likelihood") },
  { DLB_KIND_CASE, "status", N_("Status") },
  { DLB_KIND_CASE, "criterion", N_("Criterion") },
  { DLB_KIND_CASE, "option", N_("Option") },
  { DLB_KIND_CASE, "name", N_("Name") },
  { DLB_KIND_CASE, "description", N_("Description") },
  { DLB_KIND_CASE, "label", N_("Label") },
  { DLB_KIND_CASE, "citation", N_("Citation") },
  { DLB_KIND_CASE, "url", N_("Web Address") },
  { DLB_KIND_CASE, "date", N_("Date") },
  { DLB_KIND_CASE, "reliability", N_("Reliability") },
};

/**
 * dlb_field_get_label:
 * @kind: the kind of entity
 * @field_name: a field name, "consultation-note" or "consultation_note"
 *
 * Returns: (transfer none): the translated label of the field, in title
 * case ("Consultation Note"); the field name itself when it has none.
 */
const char *
dlb_field_get_label (DlbKind     kind,
                     const char *field_name)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (field_name != NULL, NULL);

  name = g_strdelimit (g_strdup (field_name), "_", '-');
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
      if (field_labels[i].kind == (pass == 0 ? kind : DLB_KIND_CASE)
          && g_str_equal (field_labels[i].field, name))
        return _(field_labels[i].label);

  return field_name;
}

gboolean
dlb_text_is_blank (const char *text)
{
  g_return_val_if_fail (text != NULL, TRUE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

GDateTime *
dlb_parse_iso_date (const char *iso)
{
  int y, m, d;
  char rest;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &rest) != 3)
    return NULL;
  if (!g_date_valid_dmy (d, m, y))
    return NULL;

  return g_date_time_new_utc (y, m, d, 0, 0, 0);
}

char *
dlb_format_iso_date (const char *iso)
{
  g_autoptr(GDateTime) day = dlb_parse_iso_date (iso);

  if (day == NULL)
    return NULL;

  /* Translators: a day, strftime format; %-d is the day without padding */
  return g_date_time_format (day, _("%-d %B %Y"));
}
