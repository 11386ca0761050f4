/* dlb-template.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlb-enums.h"
#include "dlb-example.h"
#include "dlb-json.h"
#include "dlb-template.h"

/* New cases: blank, or from a template shipped in the core's GResource.
 * A template is a case in the JSON format whose words are translated as
 * it is read: each member below is looked up in the "template" context of
 * the translations (data/templates/extract-strings.py lists them for
 * xgettext), so a Spanish user starts from a Spanish checklist. */

static const char * const translated_members[] = {
  "title", "question", "background", "notes", "name", "role", "concern",
  "label", "citation", "detail", "description", "condition",
};

static gboolean
is_translated (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (translated_members); i++)
    if (g_str_equal (member, translated_members[i]))
      return TRUE;
  return FALSE;
}

static void translate_node (JsonNode *node);

static void
translate_object (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *node = json_object_get_member (object, member);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (node);

          if (is_translated (member) && text != NULL && *text != '\0')
            json_object_set_string_member (object, member,
                                           g_dpgettext2 (GETTEXT_PACKAGE, "template", text));
        }
      else
        translate_node (node);
    }
}

static void
translate_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    translate_object (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        translate_node (json_array_get_element (array, i));
    }
}

/**
 * dlb_template_load:
 * @name: a template's name, such as %DLB_TEMPLATE_SURVEILLANCE
 * @error: return location for a #GError
 *
 * Reads a built-in template, its words in the user's language. Every call
 * gives a new case of its own.
 *
 * Returns: (transfer full) (nullable): the template's case, or %NULL with
 *   @error set (%G_RESOURCE_ERROR_NOT_FOUND for an unknown name)
 */
DlbCase *
dlb_template_load (const char  *name,
                   GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dlb_core_ensure_resources ();
  path = g_strconcat (DLB_TEMPLATE_RESOURCE_DIR, name, ".json", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;

  translate_node (json_parser_get_root (parser));
  text = json_to_string (json_parser_get_root (parser), FALSE);
  length = strlen (text);

  return dlb_json_read_case (text, length, error);
}

static gboolean
set_case_string (DlbCase     *kase,
                 const char  *field,
                 const char  *text,
                 GError     **error)
{
  g_auto(GValue) value = G_VALUE_INIT;
  int index = dlb_entity_find_field (DLB_ENTITY (kase), field);

  g_return_val_if_fail (index >= 0, FALSE);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text != NULL ? text : "");
  return dlb_case_set_field (kase, DLB_ENTITY (kase), index, &value, error);
}

/**
 * dlb_new_case:
 * @template_name: (nullable): a template's name, or %NULL for a blank case
 * @info: the title and what the author's preferences give
 * @error: return location for a #GError
 *
 * Makes a new case, not yet in any file: titled, dated, signed with the
 * author and office and weighted by the preferred method. Its memo is
 * about its title until the user says otherwise.
 *
 * Returns: (transfer full) (nullable): the case, or %NULL with @error set
 */
DlbCase *
dlb_new_case (const char        *template_name,
              const DlbNewCase  *info,
              GError           **error)
{
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(GDate) today = NULL;
  g_auto(GValue) weighting = G_VALUE_INIT;
  g_autofree char *title = NULL;
  GDate *date;
  char iso[16];

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (info->title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  title = g_strstrip (g_strdup (info->title));
  if (*title == '\0')
    {
      g_set_error_literal (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE,
                           _("A case needs a title"));
      return NULL;
    }

  if (template_name != NULL)
    kase = dlb_template_load (template_name, error);
  else
    kase = dlb_case_new ();
  if (kase == NULL)
    return NULL;

  date = info->date;
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                              g_date_time_get_month (now),
                              g_date_time_get_year (now));
      date = today;
    }
  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));

  g_value_init (&weighting, DLB_TYPE_WEIGHTING);
  g_value_set_enum (&weighting, info->weighting);

  if (!set_case_string (kase, "title", title, error) ||
      !set_case_string (kase, "memo-subject", title, error) ||
      !set_case_string (kase, "memo-from", info->author, error) ||
      !set_case_string (kase, "office", info->office, error) ||
      !set_case_string (kase, "memo-date", iso, error) ||
      !dlb_case_set_field (kase, DLB_ENTITY (kase),
                           dlb_entity_find_field (DLB_ENTITY (kase), "weighting"),
                           &weighting, error))
    return NULL;

  return g_steal_pointer (&kase);
}
