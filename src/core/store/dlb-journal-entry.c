/* dlb-journal-entry.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-journal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlb-journal-entry.h"
#include "dlb-model.h"

/* One step of an edit as the case file's journal recorded it: the audit
 * trail the Overview and the memo show ("Changed weight of Racial equity
 * from 15 to 25"). Values are kept as the journal's JSON text. */
struct _DlbJournalEntry
{
  GObject    parent_instance;

  gint64     group;
  char      *edit;
  GDateTime *time;
  char      *action;
  char      *kind;
  char      *entity_id;
  char      *entity_name;
  char      *field;
  char      *before;
  char      *after;
};

G_DEFINE_FINAL_TYPE (DlbJournalEntry, dlb_journal_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_ACTION,
  PROP_KIND,
  PROP_ENTITY_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dlb_journal_entry_finalize (GObject *object)
{
  DlbJournalEntry *self = DLB_JOURNAL_ENTRY (object);

  g_free (self->edit);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->action);
  g_free (self->kind);
  g_free (self->entity_id);
  g_free (self->entity_name);
  g_free (self->field);
  g_free (self->before);
  g_free (self->after);

  G_OBJECT_CLASS (dlb_journal_entry_parent_class)->finalize (object);
}

static void
dlb_journal_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DlbJournalEntry *self = DLB_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_boxed (value, self->time);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ENTITY_NAME:
      g_value_set_string (value, self->entity_name);
      break;
    case PROP_DESCRIPTION:
      g_value_take_string (value, dlb_journal_entry_dup_description (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_journal_entry_class_init (DlbJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlb_journal_entry_finalize;
  object_class->get_property = dlb_journal_entry_get_property;

  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_ENTITY_NAME] = g_param_spec_string ("entity-name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlb_journal_entry_init (DlbJournalEntry *self)
{
}

DlbJournalEntry *
dlb_journal_entry_new (gint64      group,
                       const char *edit,
                       GDateTime  *time,
                       const char *action,
                       const char *kind,
                       const char *entity_id,
                       const char *entity_name,
                       const char *field,
                       const char *before,
                       const char *after)
{
  DlbJournalEntry *self;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  self = g_object_new (DLB_TYPE_JOURNAL_ENTRY, NULL);
  self->group = group;
  self->edit = g_strdup (edit != NULL ? edit : "edit");
  self->time = g_date_time_ref (time);
  self->action = g_strdup (action);
  self->kind = g_strdup (kind);
  self->entity_id = g_strdup (entity_id);
  self->entity_name = g_strdup (entity_name);
  self->field = g_strdup (field);
  self->before = g_strdup (before);
  self->after = g_strdup (after);

  return self;
}

gint64
dlb_journal_entry_get_group (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), 0);
  return self->group;
}

/* "edit", "undo" or "redo". */
const char *
dlb_journal_entry_get_edit (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->edit;
}

GDateTime *
dlb_journal_entry_get_time (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->time;
}

/* "insert", "update" or "remove". */
const char *
dlb_journal_entry_get_action (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->action;
}

/* The entity's table: "stakeholder", "case_info", ... */
const char *
dlb_journal_entry_get_kind (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->kind;
}

const char *
dlb_journal_entry_get_entity_id (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->entity_id;
}

const char *
dlb_journal_entry_get_entity_name (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->entity_name != NULL ? self->entity_name : self->entity_id;
}

const char *
dlb_journal_entry_get_field (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->field;
}

const char *
dlb_journal_entry_get_before (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->before;
}

const char *
dlb_journal_entry_get_after (DlbJournalEntry *self)
{
  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);
  return self->after;
}

/* A short name for a kind of entity, by its table, for sentences like
 * “Could not add stakeholder”. */
const char *
dlb_journal_kind_label (const char *table)
{
  static const struct { const char *table; const char *noun; } nouns[] = {
    { "case_info", N_("case") },
    { "stakeholder", N_("stakeholder") },
    { "source", N_("source") },
    { "finding", N_("finding") },
    { "item", N_("opportunity or risk") },
    { "criterion", N_("criterion") },
    { "option", N_("option") },
    { "score", N_("score") },
    { "perspective", N_("perspective") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (nouns); i++)
    if (g_strcmp0 (nouns[i].table, table) == 0)
      return _(nouns[i].noun);

  return table;
}

/* The kind of entity a journal row's table holds. */
static DlbKind
kind_of (const char *table)
{
  for (DlbKind kind = DLB_KIND_CASE; kind <= DLB_KIND_PERSPECTIVE; kind++)
    if (g_strcmp0 (dlb_kind_get_class (kind)->table, table) == 0)
      return kind;

  return DLB_KIND_CASE;
}

static const DlbField *
find_field (const char *table,
            const char *name)
{
  for (DlbKind kind = DLB_KIND_CASE; kind <= DLB_KIND_PERSPECTIVE; kind++)
    {
      DlbEntityClass *klass = dlb_kind_get_class (kind);

      if (g_strcmp0 (klass->table, table) != 0)
        continue;
      for (guint i = 0; i < klass->n_fields; i++)
        if (g_strcmp0 (klass->fields[i].name, name) == 0)
          return &klass->fields[i];
    }

  return NULL;
}

/* A short, readable rendering of one journal value, or NULL when the value
 * does not fit in a sentence (paragraphs, lists). */
static char *
format_value (const DlbField *field,
              const char     *json)
{
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL)
    return NULL;
  node = json_from_string (json, NULL);
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (field->type == DLB_FIELD_DOUBLE ? _("not set") : _("nothing"));

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_REF:
      {
        const char *s = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
        g_autofree char *shortened = NULL;

        if (s == NULL)
          return NULL;
        if (g_utf8_strlen (s, -1) > 40)
          {
            g_autofree char *head = g_utf8_substring (s, 0, 39);
            shortened = g_strconcat (head, "…", NULL);
            s = shortened;
          }
        /* Translators: a quoted value in "Changed title of … from “A” to “B”" */
        return g_strdup_printf (_("“%s”"), s);
      }

    case DLB_FIELD_INT:
      return JSON_NODE_HOLDS_VALUE (node)
        ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node)) : NULL;

    case DLB_FIELD_DOUBLE:
      return JSON_NODE_HOLDS_VALUE (node)
        ? g_strdup_printf ("%g", json_node_get_double (node)) : NULL;

    case DLB_FIELD_BOOLEAN:
      return JSON_NODE_HOLDS_VALUE (node)
        ? g_strdup (json_node_get_boolean (node) ? _("yes") : _("no")) : NULL;

    case DLB_FIELD_ENUM:
      {
        const char *nick = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;

        return nick != NULL ? g_strdelimit (g_strdup (nick), "-", ' ') : NULL;
      }

    case DLB_FIELD_TEXT:
    case DLB_FIELD_REF_LIST:
    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
    default:
      return NULL;
    }
}

/* One change in plain words. @inner: as the object of "Undid: …", which
 * starts in lower case where the language wants it. */
static char *
describe_step (DlbJournalEntry *self,
               const char      *action,
               const char      *before_json,
               const char      *after_json,
               gboolean         inner)
{
  const char *name = dlb_journal_entry_get_entity_name (self);
  const char *noun = dlb_journal_kind_label (self->kind);

  if (g_str_equal (action, "insert"))
    return inner
      /* Translators: after "Undid: ", "added stakeholder “Mayor Lori Lightfoot”" */
      ? g_strdup_printf (_("added %s “%s”"), noun, name)
      /* Translators: “Added stakeholder “Mayor Lori Lightfoot”” */
      : g_strdup_printf (_("Added %s “%s”"), noun, name);

  if (g_str_equal (action, "remove"))
    return inner
      /* Translators: after "Undid: ", "removed stakeholder “Mayor Lori Lightfoot”" */
      ? g_strdup_printf (_("removed %s “%s”"), noun, name)
      /* Translators: “Removed stakeholder “Mayor Lori Lightfoot”” */
      : g_strdup_printf (_("Removed %s “%s”"), noun, name);

  if (g_strcmp0 (self->field, "position") == 0)
    {
      /* A move in its list, counted from 1 for people. */
      gint64 from = 0, to = 0;

      g_ascii_string_to_signed (before_json != NULL ? before_json : "", 10, 0, G_MAXINT, &from, NULL);
      g_ascii_string_to_signed (after_json != NULL ? after_json : "", 10, 0, G_MAXINT, &to, NULL);
      return inner
        /* Translators: after "Undid: ", "moved stakeholder “Local media” from 3 to 1" */
        ? g_strdup_printf (_("moved %s “%s” from %d to %d"), noun, name, (int) from + 1, (int) to + 1)
        /* Translators: “Moved stakeholder “Local media” from 3 to 1”, places in its list */
        : g_strdup_printf (_("Moved %s “%s” from %d to %d"), noun, name, (int) from + 1, (int) to + 1);
    }

  if (self->field != NULL)
    {
      const DlbField *field = find_field (self->kind, self->field);
      const char *label = dlb_field_get_label (kind_of (self->kind), self->field) ?: self->field;
      /* Inside a sentence the label reads in lower case (“changed power
       * of …”), at its start in sentence case (“Minimum score of …”). */
      g_autofree char *lower = g_utf8_strdown (label, -1);
      g_autofree char *first = g_utf8_strup (lower, g_utf8_next_char (lower) - lower);
      g_autofree char *sentence = g_strconcat (first, g_utf8_next_char (lower), NULL);
      g_autofree char *before = field != NULL ? format_value (field, before_json) : NULL;
      g_autofree char *after = field != NULL ? format_value (field, after_json) : NULL;

      if (before != NULL && after != NULL)
        return inner
          /* Translators: after "Undid: ", "weight of Racial equity: 15 → 25" */
          ? g_strdup_printf (_("%s of %s: %s → %s"), lower, name, before, after)
          /* Translators: “Weight of Racial equity: 15 → 25” */
          : g_strdup_printf (_("%s of %s: %s → %s"), sentence, name, before, after);

      return inner
        /* Translators: after "Undid: ", "changed concern of Mayor Lori Lightfoot" */
        ? g_strdup_printf (_("changed %s of %s"), lower, name)
        /* Translators: “Changed concern of Mayor Lori Lightfoot” */
        : g_strdup_printf (_("Changed %s of %s"), lower, name);
    }

  return inner
    /* Translators: after "Undid: "; %s is the name of what changed */
    ? g_strdup_printf (_("changed %s"), name)
    /* Translators: %s is the name of what changed */
    : g_strdup_printf (_("Changed %s"), name);
}

char *
dlb_journal_entry_dup_description (DlbJournalEntry *self)
{
  g_autofree char *step = NULL;

  g_return_val_if_fail (DLB_IS_JOURNAL_ENTRY (self), NULL);

  if (g_str_equal (self->edit, "undo"))
    {
      /* The row records what undoing did (putting back a removed entity
       * is an insertion); the words say which change it took back. */
      const char *undone = g_str_equal (self->action, "insert") ? "remove"
                           : g_str_equal (self->action, "remove") ? "insert" : self->action;

      step = describe_step (self, undone, self->after, self->before, TRUE);
      /* Translators: %s is the change undone, "removed stakeholder “Local media”" */
      return g_strdup_printf (_("Undid: %s"), step);
    }
  if (g_str_equal (self->edit, "redo"))
    {
      step = describe_step (self, self->action, self->before, self->after, TRUE);
      /* Translators: %s is the change made again, "added stakeholder “Local media”" */
      return g_strdup_printf (_("Redid: %s"), step);
    }

  step = describe_step (self, self->action, self->before, self->after, FALSE);
  return g_steal_pointer (&step);
}
