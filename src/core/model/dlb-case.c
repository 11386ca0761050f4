/* dlb-case.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-case"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dlb-entity-private.h"
#include "dlb-model.h"

/* The case holds its own fields (the memo header, the background, the
 * analyst's override) and one list per kind of entity. Every edit goes
 * through dlb_case_set_field(), dlb_case_insert() or dlb_case_remove():
 * they validate, plan the knock-on changes (removing a criterion removes its
 * scores and clears references to it), hand each step to the backend inside
 * one transaction and only then leave the model changed.
 *
 * A grouped edit (dlb_case_begin_group()) makes one transaction of many
 * such edits, so that one gesture of the user is one journal group and one
 * Undo. The steps applied in a group are kept, newest last, so that
 * cancelling it can take them back from the model while the backend rolls
 * back the file. */
struct _DlbCase
{
  DlbEntity             parent_instance;

  GListStore           *lists[DLB_N_LIST_KINDS];
  GHashTable           *ids;           /* id -> DlbEntity, borrowed from lists */

  const DlbCaseBackend *backend;
  gpointer              backend_data;
  gboolean              read_only;

  /* The grouped edit in progress; group_depth is 0 outside one. */
  guint                 group_depth;
  GArray               *group_ops;    /* Op, in the order they were applied */
  guint                 group_kinds;  /* 1 << DlbKind of everything touched */
  GError               *group_error;  /* set once a part failed */
};

G_DEFINE_FINAL_TYPE (DlbCase, dlb_case, DLB_TYPE_ENTITY)

G_DEFINE_QUARK (dlb-case-error-quark, dlb_case_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const DlbField fields[] = {
  { "id", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_INTERNAL, 1 },
  { "title", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONEMPTY, 1 },
  { "question", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "memo-to", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "memo-from", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "memo-subject", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "memo-date", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_DATE, 1 },
  { "office", DLB_FIELD_STRING, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "background", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "notes", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "paper-size", DLB_FIELD_ENUM, 0, 0, DLB_PAPER_AUTO, dlb_paper_size_get_type, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "recommendation", DLB_FIELD_REF, 0, 0, 0, NULL, DLB_KIND_OPTION, DLB_FIELD_FLAG_NONE, 1 },
  { "justification", DLB_FIELD_TEXT, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 1 },
  { "weighting", DLB_FIELD_ENUM, 0, 0, DLB_WEIGHTING_DIRECT, dlb_weighting_get_type, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 2 },
  { "pairwise", DLB_FIELD_PAIRS, 0, 0, 0, NULL, DLB_KIND_CRITERION, DLB_FIELD_FLAG_NONE, 2 },
  /* Whether the memo ends with the case's history, as an audit trail. */
  { "memo-history", DLB_FIELD_BOOLEAN, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 4, 3 },
  /* Whether the memo prints the case's notes for its readers. */
  { "memo-notes", DLB_FIELD_BOOLEAN, 0, 0, 0, NULL, DLB_KIND_CASE, DLB_FIELD_FLAG_NONE, 5, 4 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == DLB_CASE_N_FIELDS);

static inline GListStore *
list_for_kind (DlbCase *self,
               DlbKind  kind)
{
  g_assert (kind > DLB_KIND_CASE && kind <= DLB_N_LIST_KINDS);
  return self->lists[kind - 1];
}

static void
dlb_case_dispose (GObject *object)
{
  DlbCase *self = DLB_CASE (object);

  g_clear_pointer (&self->group_ops, g_array_unref);
  g_clear_error (&self->group_error);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  for (guint i = 0; i < DLB_N_LIST_KINDS; i++)
    g_clear_object (&self->lists[i]);

  G_OBJECT_CLASS (dlb_case_parent_class)->dispose (object);
}

static void
dlb_case_class_init (DlbCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  dlb_entity_class_install_fields (DLB_ENTITY_CLASS (klass), DLB_KIND_CASE,
                                   "case_info", "case", fields, G_N_ELEMENTS (fields));
  /* install_fields sets get/set_property; dispose is ours. */
  object_class->dispose = dlb_case_dispose;

  /**
   * DlbCase::changed:
   * @self: the case
   * @kinds: what changed: `1 << DlbKind` for every kind of entity the edit
   *   added, removed or changed, `1 << DLB_KIND_CASE` for the case's own
   *   fields
   *
   * Emitted once after every edit that changed the case, when the model
   * and the case file agree again: once per dlb_case_set_field(),
   * dlb_case_insert() or dlb_case_remove() outside a group, once at
   * dlb_case_commit_group() for all the edits of a group, and never for a
   * cancelled group. Views can use @kinds to refresh only what they show.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
dlb_case_init (DlbCase *self)
{
  for (guint kind = DLB_KIND_STAKEHOLDER; kind <= DLB_N_LIST_KINDS; kind++)
    self->lists[kind - 1] = g_list_store_new (dlb_kind_get_entity_type (kind));
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
}

DlbCase *
dlb_case_new (void)
{
  return g_object_new (DLB_TYPE_CASE, "id", "case", NULL);
}

GListModel *
dlb_case_get_list (DlbCase *self,
                   DlbKind  kind)
{
  g_return_val_if_fail (DLB_IS_CASE (self), NULL);
  g_return_val_if_fail (kind > DLB_KIND_CASE && kind <= DLB_N_LIST_KINDS, NULL);

  return G_LIST_MODEL (list_for_kind (self, kind));
}

GListModel *dlb_case_get_stakeholders (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_STAKEHOLDER); }
GListModel *dlb_case_get_sources (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_SOURCE); }
GListModel *dlb_case_get_findings (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_FINDING); }
GListModel *dlb_case_get_items (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_ITEM); }
GListModel *dlb_case_get_criteria (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_CRITERION); }
GListModel *dlb_case_get_options (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_OPTION); }
GListModel *dlb_case_get_scores (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_SCORE); }
GListModel *dlb_case_get_perspectives (DlbCase *self) { return dlb_case_get_list (self, DLB_KIND_PERSPECTIVE); }

DlbEntity *
dlb_case_lookup (DlbCase    *self,
                 const char *id)
{
  g_return_val_if_fail (DLB_IS_CASE (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->ids, id);
}

DlbEntity *
dlb_case_lookup_kind (DlbCase    *self,
                      DlbKind     kind,
                      const char *id)
{
  DlbEntity *entity = dlb_case_lookup (self, id);

  if (entity != NULL && dlb_entity_get_kind (entity) != kind)
    return NULL;
  return entity;
}

DlbScore *
dlb_case_get_score (DlbCase    *self,
                    const char *option_id,
                    const char *criterion_id)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (DLB_IS_CASE (self), NULL);
  g_return_val_if_fail (option_id != NULL && criterion_id != NULL, NULL);

  id = dlb_score_make_id (option_id, criterion_id);
  return (DlbScore *) dlb_case_lookup_kind (self, DLB_KIND_SCORE, id);
}

guint
dlb_case_count_items (DlbCase *self,
                      int      item_kind)
{
  GListModel *items = dlb_case_get_items (self);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(DlbItem) item = g_list_model_get_item (items, i);

      if ((int) dlb_item_get_kind (item) == item_kind)
        n++;
    }

  return n;
}

static gboolean
find_position (DlbCase   *self,
               DlbEntity *entity,
               guint     *position)
{
  GListStore *store = list_for_kind (self, dlb_entity_get_kind (entity));

  return g_list_store_find (store, entity, position);
}

gboolean
dlb_case_append (DlbCase    *self,
                 DlbEntity  *entity,
                 GError    **error)
{
  const char *id;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (!DLB_IS_CASE (entity), FALSE);

  id = dlb_entity_get_id (entity);
  if (g_hash_table_contains (self->ids, id))
    {
      g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_DUPLICATE_ID,
                   _("The id “%s” is used twice"), id);
      return FALSE;
    }

  g_list_store_append (list_for_kind (self, dlb_entity_get_kind (entity)), entity);
  g_hash_table_insert (self->ids, (gpointer) id, entity);

  return TRUE;
}

DlbCase *
dlb_case_copy (DlbCase       *self,
               const DlbKind *kinds,
               guint          n_kinds)
{
  DlbCase *copy;

  g_return_val_if_fail (DLB_IS_CASE (self), NULL);
  g_return_val_if_fail (kinds != NULL || n_kinds == 0, NULL);

  copy = DLB_CASE (dlb_entity_copy (DLB_ENTITY (self)));
  for (guint k = 0; k < (kinds != NULL ? n_kinds : DLB_N_LIST_KINDS); k++)
    {
      /* The lists, in the order of DlbKind after the case itself. */
      GListModel *list = dlb_case_get_list (self, kinds != NULL ? kinds[k] : (DlbKind) (DLB_KIND_STAKEHOLDER + k));
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);
          g_autoptr(DlbEntity) entity_copy = dlb_entity_copy (entity);

          /* The ids are unique in the case, so the copy takes them all. */
          if (!dlb_case_append (copy, entity_copy, NULL))
            g_assert_not_reached ();
        }
    }

  return copy;
}

void
dlb_case_set_backend (DlbCase              *self,
                      const DlbCaseBackend *backend,
                      gpointer              data)
{
  g_return_if_fail (DLB_IS_CASE (self));

  self->backend = backend;
  self->backend_data = data;
}

gboolean
dlb_case_get_read_only (DlbCase *self)
{
  g_return_val_if_fail (DLB_IS_CASE (self), TRUE);

  return self->read_only;
}

void
dlb_case_set_read_only (DlbCase  *self,
                        gboolean  read_only)
{
  g_return_if_fail (DLB_IS_CASE (self));

  self->read_only = !!read_only;
}

/* Validation ------------------------------------------------------------ */

static gboolean
invalid (GError         **error,
         DlbEntity       *entity,
         const DlbField  *field,
         const char      *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (GError         **error,
         DlbEntity       *entity,
         const DlbField  *field,
         const char      *format,
         ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *member = dlb_field_json_name (field);
  /* The name itself may be the text at fault; the message must still be
   * one a person can read. */
  const char *shown = dlb_entity_get_display_name (entity);
  g_autofree char *name = g_utf8_make_valid (shown != NULL ? shown : "", -1);
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s names an entity, the second a field of it,
   * the third what is wrong: “Mayor Lori Lightfoot, power: expected 1–5, got 9” */
  g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE,
               _("%s, %s: %s"), name, member, detail);
  return FALSE;
}

static gboolean
check_ref (DlbCase    *self,
           DlbKind     kind,
           const char *id)
{
  return dlb_case_lookup_kind (self, kind, id) != NULL;
}

gboolean
dlb_case_validate_value (DlbCase       *self,
                         DlbEntity     *entity,
                         guint          index,
                         const GValue  *value,
                         GError       **error)
{
  const DlbField *field;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  field = dlb_entity_get_field (entity, index);
  g_return_val_if_fail (field != NULL, FALSE);

  if (G_VALUE_TYPE (value) != G_VALUE_TYPE (dlb_entity_get_value (entity, index)))
    return invalid (error, entity, field, _("expected a value of type %s, got %s"),
                    g_type_name (G_VALUE_TYPE (dlb_entity_get_value (entity, index))),
                    g_type_name (G_VALUE_TYPE (value)));

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
      {
        const char *s = g_value_get_string (value);
        gsize limit = field->type == DLB_FIELD_STRING ? DLB_FIELD_MAX_LINE_BYTES : DLB_FIELD_MAX_TEXT_BYTES;

        if (s != NULL && !g_utf8_validate (s, -1, NULL))
          return invalid (error, entity, field, _("the text is not valid UTF-8"));
        if (s != NULL && strlen (s) > limit)
          return invalid (error, entity, field, _("the text is longer than %zu bytes"), limit);
        /* A name of spaces names nothing. */
        if ((field->flags & DLB_FIELD_FLAG_NONEMPTY) && (s == NULL || dlb_text_is_blank (s)))
          return invalid (error, entity, field, _("must not be empty"));
        return TRUE;
      }

    case DLB_FIELD_INT:
      {
        int v = g_value_get_int (value);

        if (v < field->minimum || v > field->maximum)
          return invalid (error, entity, field, _("expected %d–%d, got %d"),
                          (int) field->minimum, (int) field->maximum, v);
        return TRUE;
      }

    case DLB_FIELD_DOUBLE:
      {
        double v = g_value_get_double (value);

        if ((field->flags & DLB_FIELD_FLAG_NULLABLE) && v == field->minimum)
          return TRUE;
        if (!isfinite (v)
            || v < ((field->flags & DLB_FIELD_FLAG_NULLABLE) ? 0.0 : field->minimum)
            || v > field->maximum)
          return invalid (error, entity, field, _("expected %g–%g, got %g"),
                          (field->flags & DLB_FIELD_FLAG_NULLABLE) ? 0.0 : field->minimum,
                          field->maximum, v);
        return TRUE;
      }

    case DLB_FIELD_BOOLEAN:
      return TRUE;

    case DLB_FIELD_ENUM:
      if (dlb_enum_to_nick (field->enum_type (), g_value_get_enum (value)) == NULL)
        return invalid (error, entity, field, _("%d is not one of the allowed values"),
                        g_value_get_enum (value));
      return TRUE;

    case DLB_FIELD_REF:
      {
        const char *id = g_value_get_string (value);

        if (id == NULL || *id == '\0')
          {
            if (field->flags & DLB_FIELD_FLAG_REQUIRED)
              return invalid (error, entity, field, _("must name a %s"),
                              dlb_kind_get_table (field->ref_kind));
            return TRUE;
          }
        if (!check_ref (self, field->ref_kind, id))
          return invalid (error, entity, field, _("no %s has the id “%s”"),
                          dlb_kind_get_table (field->ref_kind), id);
        return TRUE;
      }

    case DLB_FIELD_REF_LIST:
      {
        const char * const *ids = g_value_get_boxed (value);

        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          {
            if (!check_ref (self, field->ref_kind, ids[i]))
              return invalid (error, entity, field, _("no %s has the id “%s”"),
                              dlb_kind_get_table (field->ref_kind), ids[i]);
            for (guint j = 0; j < i; j++)
              if (g_str_equal (ids[i], ids[j]))
                return invalid (error, entity, field, _("“%s” is listed twice"), ids[i]);
          }
        return TRUE;
      }

    case DLB_FIELD_WEIGHTS:
      {
        GVariant *weights = g_value_get_variant (value);
        GVariantIter iter;
        const char *key;
        double weight;

        if (weights == NULL)
          return TRUE;
        g_variant_iter_init (&iter, weights);
        while (g_variant_iter_next (&iter, "{&sd}", &key, &weight))
          {
            if (!check_ref (self, field->ref_kind, key))
              return invalid (error, entity, field, _("no %s has the id “%s”"),
                              dlb_kind_get_table (field->ref_kind), key);
            if (!isfinite (weight) || weight < 0 || weight > 1000)
              return invalid (error, entity, field, _("expected a weight of 0–1000, got %g"), weight);
          }
        return TRUE;
      }

    case DLB_FIELD_PAIRS:
      {
        GVariant *pairs = g_value_get_variant (value);
        GVariantIter iter;
        const char *a, *b;
        double ratio;

        if (pairs == NULL)
          return TRUE;
        g_variant_iter_init (&iter, pairs);
        while (g_variant_iter_next (&iter, "(&s&sd)", &a, &b, &ratio))
          {
            if (!check_ref (self, field->ref_kind, a))
              return invalid (error, entity, field, _("no %s has the id “%s”"),
                              dlb_kind_get_table (field->ref_kind), a);
            if (!check_ref (self, field->ref_kind, b))
              return invalid (error, entity, field, _("no %s has the id “%s”"),
                              dlb_kind_get_table (field->ref_kind), b);
            if (g_str_equal (a, b))
              return invalid (error, entity, field, _("“%s” is compared with itself"), a);
            if (!isfinite (ratio) || ratio < 1.0 / 9.0 - 1e-9 || ratio > 9.0 + 1e-9)
              return invalid (error, entity, field, _("expected a ratio of 1/9–9, got %g"), ratio);
          }
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/* Edits ------------------------------------------------------------------- */

typedef enum
{
  OP_UPDATE,
  OP_INSERT,
  OP_REMOVE,
  OP_MOVE,    /* position: from; field: to */
} OpType;

typedef struct
{
  OpType     type;
  DlbEntity *entity;
  guint      field;
  guint      position;
  GValue     before;
  GValue     after;
  gboolean   applied;
} Op;

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->entity);
  if (G_IS_VALUE (&op->before))
    g_value_unset (&op->before);
  if (G_IS_VALUE (&op->after))
    g_value_unset (&op->after);
}

static GArray *
ops_new (void)
{
  GArray *ops = g_array_new (FALSE, TRUE, sizeof (Op));

  g_array_set_clear_func (ops, op_clear);
  return ops;
}

static void
plan_update (GArray       *ops,
             DlbEntity    *entity,
             guint         field,
             const GValue *after)
{
  Op op = { 0, };

  op.type = OP_UPDATE;
  op.entity = g_object_ref (entity);
  op.field = field;
  g_value_init (&op.before, G_VALUE_TYPE (dlb_entity_get_value (entity, field)));
  g_value_copy (dlb_entity_get_value (entity, field), &op.before);
  g_value_init (&op.after, G_VALUE_TYPE (after));
  g_value_copy (after, &op.after);
  g_array_append_val (ops, op);
}

static gboolean
ops_contain_removal (GArray    *ops,
                     DlbEntity *entity)
{
  for (guint i = 0; i < ops->len; i++)
    {
      Op *op = &g_array_index (ops, Op, i);

      if (op->type == OP_REMOVE && op->entity == entity)
        return TRUE;
    }
  return FALSE;
}

static void plan_remove (DlbCase   *self,
                         GArray    *ops,
                         DlbEntity *entity);

/* Plans what has to change in @referrer when @target goes. */
static void
plan_unreference (DlbCase   *self,
                  GArray    *ops,
                  DlbEntity *referrer,
                  DlbEntity *target)
{
  DlbKind kind = dlb_entity_get_kind (target);
  const char *id = dlb_entity_get_id (target);

  if (ops_contain_removal (ops, referrer))
    return;

  for (guint f = 1; f < dlb_entity_get_n_fields (referrer); f++)
    {
      const DlbField *field = dlb_entity_get_field (referrer, f);
      g_auto (GValue) after = G_VALUE_INIT;

      if (field->ref_kind != kind)
        continue;

      switch (field->type)
        {
        case DLB_FIELD_REF:
          if (g_strcmp0 (dlb_entity_get_string (referrer, f), id) != 0)
            break;
          if (field->flags & DLB_FIELD_FLAG_REQUIRED)
            {
              plan_remove (self, ops, referrer);
              return;
            }
          g_value_init (&after, G_TYPE_STRING);
          plan_update (ops, referrer, f, &after);
          break;

        case DLB_FIELD_REF_LIST:
          {
            const char * const *ids = dlb_entity_get_strv (referrer, f);
            g_autoptr(GStrvBuilder) builder = NULL;
            g_auto (GStrv) kept = NULL;

            if (!g_strv_contains (ids, id))
              break;
            builder = g_strv_builder_new ();
            for (guint i = 0; ids[i] != NULL; i++)
              if (!g_str_equal (ids[i], id))
                g_strv_builder_add (builder, ids[i]);
            kept = g_strv_builder_end (builder);
            g_value_init (&after, G_TYPE_STRV);
            g_value_set_boxed (&after, kept);
            plan_update (ops, referrer, f, &after);
          }
          break;

        case DLB_FIELD_WEIGHTS:
        case DLB_FIELD_PAIRS:
          {
            GVariant *current = dlb_entity_get_variant (referrer, f);
            GVariantBuilder builder;
            gboolean found = FALSE;
            GVariantIter iter;
            GVariant *child;

            if (current == NULL)
              break;
            g_variant_builder_init (&builder, g_variant_get_type (current));
            g_variant_iter_init (&iter, current);
            while ((child = g_variant_iter_next_value (&iter)))
              {
                const char *a = NULL, *b = NULL;

                if (field->type == DLB_FIELD_WEIGHTS)
                  g_variant_get (child, "{&sd}", &a, NULL);
                else
                  g_variant_get (child, "(&s&sd)", &a, &b, NULL);
                if (g_strcmp0 (a, id) == 0 || g_strcmp0 (b, id) == 0)
                  found = TRUE;
                else
                  g_variant_builder_add_value (&builder, child);
                g_variant_unref (child);
              }
            if (!found)
              {
                g_variant_builder_clear (&builder);
                break;
              }
            g_value_init (&after, G_TYPE_VARIANT);
            g_value_set_variant (&after, g_variant_builder_end (&builder));
            plan_update (ops, referrer, f, &after);
          }
          break;

        default:
          break;
        }
    }
}

static void
plan_remove (DlbCase   *self,
             GArray    *ops,
             DlbEntity *entity)
{
  Op op = { 0, };

  if (ops_contain_removal (ops, entity))
    return;

  /* Mark it first, so that references back to it stop the recursion. */
  op.type = OP_REMOVE;
  op.entity = g_object_ref (entity);
  g_array_append_val (ops, op);

  plan_unreference (self, ops, DLB_ENTITY (self), entity);
  for (guint k = DLB_KIND_STAKEHOLDER; k <= DLB_N_LIST_KINDS; k++)
    {
      GListModel *list = G_LIST_MODEL (list_for_kind (self, k));

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlbEntity) other = g_list_model_get_item (list, i);

          if (other != entity)
            plan_unreference (self, ops, other, entity);
        }
    }
}

/* Applies one step to the model; the returned step undoes it. */
static void
apply_op (DlbCase *self,
          Op      *op,
          gboolean undo)
{
  GListStore *store;

  switch (op->type)
    {
    case OP_UPDATE:
      _dlb_entity_set_value (op->entity, op->field, undo ? &op->before : &op->after);
      break;

    case OP_MOVE:
      {
        g_autoptr(DlbEntity) held = g_object_ref (op->entity);
        guint from = undo ? op->field : op->position;
        guint to = undo ? op->position : op->field;

        store = list_for_kind (self, dlb_entity_get_kind (op->entity));
        g_list_store_remove (store, from);
        g_list_store_insert (store, to, held);
      }
      break;

    case OP_INSERT:
    case OP_REMOVE:
      store = list_for_kind (self, dlb_entity_get_kind (op->entity));
      if ((op->type == OP_INSERT) != undo)
        {
          g_list_store_insert (store, op->position, op->entity);
          g_hash_table_insert (self->ids, (gpointer) dlb_entity_get_id (op->entity), op->entity);
        }
      else
        {
          g_hash_table_remove (self->ids, dlb_entity_get_id (op->entity));
          g_list_store_remove (store, op->position);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
read_only_error (GError **error)
{
  g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_READ_ONLY,
               _("This case is open read-only; save a copy to change it"));
  return FALSE;
}

static gboolean
group_failed_error (DlbCase  *self,
                    GError  **error)
{
  g_assert (self->group_error != NULL);

  /* Translators: %s says what went wrong with an earlier part of the change */
  g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_GROUP_FAILED,
               _("The change was not saved: %s"), self->group_error->message);
  return FALSE;
}

static void
fail_group (DlbCase      *self,
            const GError *error)
{
  if (self->group_error == NULL)
    self->group_error = g_error_copy (error);
}

/* Takes back the steps that reached the model, newest first; @done holds
 * them in the order they were applied. */
static void
revert_ops (DlbCase   *self,
            GPtrArray *done)
{
  for (guint i = done->len; i-- > 0;)
    apply_op (self, g_ptr_array_index (done, i), TRUE);
}

static gboolean
run_ops (DlbCase     *self,
         GArray      *ops,
         const char  *action,
         GError     **error)
{
  const DlbCaseBackend *backend = self->backend;
  gpointer data = self->backend_data;
  gboolean in_group = self->group_depth > 0;
  g_autoptr(GPtrArray) done = NULL;
  g_autoptr(GError) local_error = NULL;
  guint kinds = 0;
  gboolean ok = TRUE;

  if (self->read_only)
    return read_only_error (error);

  /* The file already holds part of the failed edit; nothing more may be
   * added to a group that can only be cancelled. */
  if (in_group && self->group_error != NULL)
    return group_failed_error (self, error);

  if (ops->len == 0)
    return TRUE;

  if (!in_group && backend != NULL && !backend->begin (data, action, NULL, error))
    return FALSE;

  done = g_ptr_array_new ();

  /* Updates go first: a removal then finds every reference to it gone. */
  for (guint pass = 0; pass < 2 && ok; pass++)
    for (guint i = 0; i < ops->len && ok; i++)
      {
        Op *op = &g_array_index (ops, Op, i);

        if ((op->type == OP_UPDATE) != (pass == 0))
          continue;

        if (op->type == OP_REMOVE && !find_position (self, op->entity, &op->position))
          g_assert_not_reached ();

        if (backend != NULL)
          {
            switch (op->type)
              {
              case OP_UPDATE:
                ok = backend->update (data, op->entity, op->field, &op->before, &op->after,
                                      &local_error);
                break;
              case OP_INSERT:
                ok = backend->insert (data, op->entity, op->position, &local_error);
                break;
              case OP_REMOVE:
                ok = backend->remove (data, op->entity, op->position, &local_error);
                break;
              case OP_MOVE:
                ok = backend->move (data, op->entity, op->position, op->field, &local_error);
                break;
              default:
                g_assert_not_reached ();
              }
          }

        if (ok)
          {
            apply_op (self, op, FALSE);
            op->applied = TRUE;
            g_ptr_array_add (done, op);
            kinds |= 1u << dlb_entity_get_kind (op->entity);
          }
      }

  if (ok && !in_group && backend != NULL)
    ok = backend->commit (data, &local_error);

  if (!ok)
    {
      /* In a group the backend keeps its transaction until the group is
       * cancelled; only this edit's part of the model is taken back here. */
      if (in_group)
        fail_group (self, local_error);
      else if (backend != NULL)
        backend->rollback (data);
      revert_ops (self, done);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (in_group)
    {
      /* The group owns the steps now, to take them back on cancel. */
      for (guint i = 0; i < done->len; i++)
        {
          Op *op = g_ptr_array_index (done, i);

          g_array_append_vals (self->group_ops, op, 1);
          memset (op, 0, sizeof *op);
        }
      self->group_kinds |= kinds;
    }
  else if (kinds != 0)
    g_signal_emit (self, signals[CHANGED], 0, kinds);

  return TRUE;
}

/* Grouped edits ------------------------------------------------------------ */

/**
 * dlb_case_begin_group:
 * @self: a case
 * @description: what the user did, as the user would say it
 *   (“Apply ranking”); stored with the journal group
 * @error: return location for an error
 *
 * Starts a grouped edit: every dlb_case_set_field(), dlb_case_insert() and
 * dlb_case_remove() until the matching dlb_case_commit_group() is written in
 * one transaction of the backend, as one journal group that Undo takes back
 * at once, and #DlbCase::changed is emitted once, at the commit.
 *
 * Groups nest: an inner begin and commit only count, so functions that make
 * a group can call each other. The description of the outermost group is
 * the one kept.
 *
 * Returns: %TRUE if the group was started; then it must be ended with
 *   dlb_case_commit_group() or dlb_case_cancel_group()
 */
gboolean
dlb_case_begin_group (DlbCase     *self,
                      const char  *description,
                      GError     **error)
{
  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->group_depth > 0)
    {
      self->group_depth++;
      return TRUE;
    }

  if (self->read_only)
    return read_only_error (error);

  if (self->backend != NULL && !self->backend->begin (self->backend_data, NULL, description, error))
    return FALSE;

  self->group_depth = 1;
  self->group_ops = ops_new ();
  self->group_kinds = 0;

  return TRUE;
}

static void
end_group (DlbCase *self)
{
  self->group_depth = 0;
  self->group_kinds = 0;
  g_clear_pointer (&self->group_ops, g_array_unref);
  g_clear_error (&self->group_error);
}

/**
 * dlb_case_cancel_group:
 * @self: a case
 *
 * Abandons the grouped edit: the backend rolls the file back and the model
 * returns to how it was at dlb_case_begin_group(). #DlbCase::changed is not
 * emitted. The file cannot take back only part of its transaction, so
 * cancelling an inner group abandons the whole gesture: the outer commit
 * will fail and cancel it.
 */
void
dlb_case_cancel_group (DlbCase *self)
{
  g_autoptr(GPtrArray) done = NULL;

  g_return_if_fail (DLB_IS_CASE (self));
  g_return_if_fail (self->group_depth > 0);

  if (self->group_depth > 1)
    {
      self->group_depth--;
      if (self->group_error == NULL)
        self->group_error = g_error_new_literal (DLB_CASE_ERROR, DLB_CASE_ERROR_GROUP_FAILED,
                                                 _("part of it was cancelled"));
      return;
    }

  if (self->backend != NULL)
    self->backend->rollback (self->backend_data);

  done = g_ptr_array_new ();
  for (guint i = 0; i < self->group_ops->len; i++)
    g_ptr_array_add (done, &g_array_index (self->group_ops, Op, i));
  revert_ops (self, done);

  end_group (self);
}

/**
 * dlb_case_commit_group:
 * @self: a case
 * @error: return location for an error
 *
 * Ends a grouped edit. For the outermost group, commits the backend's
 * transaction and emits #DlbCase::changed once, naming every kind of entity
 * the group touched. A group is all or nothing: if any edit in it failed (or
 * an inner group was cancelled), or the commit itself fails, the whole
 * group is cancelled as by dlb_case_cancel_group() and %FALSE is returned.
 * An inner commit of a failed group returns %FALSE and leaves the outer
 * group to be ended.
 *
 * Returns: %TRUE if the edits of the group are kept
 */
gboolean
dlb_case_commit_group (DlbCase  *self,
                       GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  guint kinds;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (self->group_depth > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->group_depth > 1)
    {
      self->group_depth--;
      if (self->group_error != NULL)
        return group_failed_error (self, error);
      return TRUE;
    }

  if (self->group_error != NULL)
    {
      group_failed_error (self, error);
      dlb_case_cancel_group (self);
      return FALSE;
    }

  /* An empty group leaves nothing to keep, and committing would still
   * count as an edit (it takes away what could be redone). */
  if (self->group_ops->len == 0)
    {
      if (self->backend != NULL)
        self->backend->rollback (self->backend_data);
      end_group (self);
      return TRUE;
    }

  if (self->backend != NULL && !self->backend->commit (self->backend_data, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      dlb_case_cancel_group (self);
      return FALSE;
    }

  kinds = self->group_kinds;
  end_group (self);
  g_signal_emit (self, signals[CHANGED], 0, kinds);

  return TRUE;
}

/**
 * dlb_case_in_group:
 * @self: a case
 *
 * Returns: whether a grouped edit is in progress
 */
gboolean
dlb_case_in_group (DlbCase *self)
{
  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);

  return self->group_depth > 0;
}

static gboolean
edit_set_field (DlbCase       *self,
                DlbEntity     *entity,
                guint          field,
                const GValue  *value,
                GError       **error)
{
  g_autoptr(GArray) ops = NULL;
  g_autofree char *action = NULL;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (field > 0 && field < dlb_entity_get_n_fields (entity), FALSE);

  if (entity != DLB_ENTITY (self) && dlb_case_lookup (self, dlb_entity_get_id (entity)) != entity)
    {
      g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_NOT_IN_CASE,
                   _("“%s” is not part of this case"), dlb_entity_get_display_name (entity));
      return FALSE;
    }

  if (dlb_entity_get_field (entity, field)->type == DLB_FIELD_REF
      && (dlb_entity_get_field (entity, field)->flags & DLB_FIELD_FLAG_REQUIRED))
    {
      /* A score's option and criterion make its id; make a new score instead. */
      return invalid (error, entity, dlb_entity_get_field (entity, field), _("cannot be changed"));
    }

  if (!dlb_case_validate_value (self, entity, field, value, error))
    return FALSE;

  if (dlb_entity_value_equal (entity, field, value))
    return TRUE;

  ops = ops_new ();
  plan_update (ops, entity, field, value);
  action = g_strdup_printf ("set %s.%s", DLB_ENTITY_GET_CLASS (entity)->table,
                            dlb_entity_get_field (entity, field)->name);

  return run_ops (self, ops, action, error);
}

static gboolean
edit_insert (DlbCase    *self,
             DlbEntity  *entity,
             int         position,
             GError    **error)
{
  g_autoptr(GArray) ops = NULL;
  g_autofree char *action = NULL;
  GListStore *store;
  Op op = { 0, };

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (!DLB_IS_CASE (entity), FALSE);

  if (dlb_case_lookup (self, dlb_entity_get_id (entity)) != NULL)
    {
      g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_DUPLICATE_ID,
                   _("The id “%s” is used twice"), dlb_entity_get_id (entity));
      return FALSE;
    }

  for (guint f = 1; f < dlb_entity_get_n_fields (entity); f++)
    if (!dlb_case_validate_value (self, entity, f, dlb_entity_get_value (entity, f), error))
      return FALSE;

  if (DLB_IS_SCORE (entity))
    {
      g_autofree char *id = dlb_score_make_id (dlb_score_get_option (DLB_SCORE (entity)),
                                               dlb_score_get_criterion (DLB_SCORE (entity)));
      if (!g_str_equal (id, dlb_entity_get_id (entity)))
        {
          g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE,
                       _("A score’s id must be made of its option and criterion"));
          return FALSE;
        }
    }

  store = list_for_kind (self, dlb_entity_get_kind (entity));
  if (position < 0 || (guint) position > g_list_model_get_n_items (G_LIST_MODEL (store)))
    position = g_list_model_get_n_items (G_LIST_MODEL (store));

  ops = ops_new ();
  op.type = OP_INSERT;
  op.entity = g_object_ref (entity);
  op.position = position;
  g_array_append_val (ops, op);
  action = g_strdup_printf ("add %s", DLB_ENTITY_GET_CLASS (entity)->table);

  return run_ops (self, ops, action, error);
}

static gboolean
edit_remove (DlbCase    *self,
             DlbEntity  *entity,
             GError    **error)
{
  g_autoptr(GArray) ops = NULL;
  g_autofree char *action = NULL;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), FALSE);

  if (DLB_IS_CASE (entity) || dlb_case_lookup (self, dlb_entity_get_id (entity)) != entity)
    {
      g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_NOT_IN_CASE,
                   _("“%s” is not part of this case"), dlb_entity_get_display_name (entity));
      return FALSE;
    }

  ops = ops_new ();
  plan_remove (self, ops, entity);
  action = g_strdup_printf ("remove %s", DLB_ENTITY_GET_CLASS (entity)->table);

  return run_ops (self, ops, action, error);
}

/* A grouped edit is all or nothing: once a part of it is refused, even
 * before it reached the file, the group can only be cancelled. */
static gboolean
edit_result (DlbCase   *self,
             gboolean   ok,
             GError    *local_error,
             GError   **error)
{
  if (ok)
    return TRUE;

  /* No error: a precondition failed, and GLib has said so. */
  if (local_error != NULL && self->group_depth > 0)
    fail_group (self, local_error);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
dlb_case_set_field (DlbCase       *self,
                    DlbEntity     *entity,
                    guint          field,
                    const GValue  *value,
                    GError       **error)
{
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);

  ok = edit_set_field (self, entity, field, value, &local_error);
  return edit_result (self, ok, local_error, error);
}

gboolean
dlb_case_insert (DlbCase    *self,
                 DlbEntity  *entity,
                 int         position,
                 GError    **error)
{
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);

  ok = edit_insert (self, entity, position, &local_error);
  return edit_result (self, ok, local_error, error);
}

/**
 * dlb_case_move:
 * @self: a case
 * @entity: one of its entities, not the case itself
 * @position: where it goes in its list
 * @error: return location for a #GError
 *
 * Moves @entity to @position in its list (clamped to the list's end), as
 * one edit and one Undo step. Moving it where it is changes nothing.
 */
gboolean
dlb_case_move (DlbCase    *self,
               DlbEntity  *entity,
               guint       position,
               GError    **error)
{
  g_autoptr(GArray) ops = NULL;
  g_autofree char *action = NULL;
  GError *local_error = NULL;
  guint from, n;
  Op op = { 0, };
  gboolean ok;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);
  g_return_val_if_fail (DLB_IS_ENTITY (entity), FALSE);

  if (DLB_IS_CASE (entity) || dlb_case_lookup (self, dlb_entity_get_id (entity)) != entity
      || !find_position (self, entity, &from))
    {
      g_set_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_NOT_IN_CASE,
                   _("“%s” is not part of this case"), dlb_entity_get_display_name (entity));
      return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list_for_kind (self, dlb_entity_get_kind (entity))));
  position = MIN (position, n - 1);
  if (position == from)
    return TRUE;

  ops = ops_new ();
  op.type = OP_MOVE;
  op.entity = g_object_ref (entity);
  op.position = from;
  op.field = position;
  g_array_append_val (ops, op);
  action = g_strdup_printf ("move %s", DLB_ENTITY_GET_CLASS (entity)->table);

  ok = run_ops (self, ops, action, &local_error);
  return edit_result (self, ok, local_error, error);
}

gboolean
dlb_case_remove (DlbCase    *self,
                 DlbEntity  *entity,
                 GError    **error)
{
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (DLB_IS_CASE (self), FALSE);

  ok = edit_remove (self, entity, &local_error);
  return edit_result (self, ok, local_error, error);
}

#define GETTER(ret, name, acc, FIELD)                                         \
  ret                                                                         \
  dlb_case_get_##name (DlbCase *self)                                         \
  {                                                                           \
    return (ret) dlb_entity_get_##acc (DLB_ENTITY (self), FIELD);             \
  }

GETTER (const char *, title, string, DLB_CASE_TITLE)
GETTER (const char *, question, string, DLB_CASE_QUESTION)
GETTER (const char *, memo_to, string, DLB_CASE_MEMO_TO)
GETTER (const char *, memo_from, string, DLB_CASE_MEMO_FROM)
GETTER (const char *, memo_subject, string, DLB_CASE_MEMO_SUBJECT)
GETTER (const char *, memo_date, string, DLB_CASE_MEMO_DATE)
GETTER (const char *, office, string, DLB_CASE_OFFICE)
GETTER (const char *, background, string, DLB_CASE_BACKGROUND)
GETTER (const char *, notes, string, DLB_CASE_NOTES)
GETTER (DlbPaperSize, paper_size, enum, DLB_CASE_PAPER_SIZE)
GETTER (const char *, recommendation, string, DLB_CASE_RECOMMENDATION)
GETTER (const char *, justification, string, DLB_CASE_JUSTIFICATION)
GETTER (DlbWeighting, weighting, enum, DLB_CASE_WEIGHTING)
GETTER (gboolean, memo_history, boolean, DLB_CASE_MEMO_HISTORY)
GETTER (gboolean, memo_notes, boolean, DLB_CASE_MEMO_NOTES)
GETTER (GVariant *, pairwise, variant, DLB_CASE_PAIRWISE)
