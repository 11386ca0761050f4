/* test-json.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>
#include <gobject/gvaluecollector.h>

#include "dlb-entity-private.h"
#include "dlb-example.h"
#include "dlb-json.h"
#include "dlb-model.h"

/* Helpers ----------------------------------------------------------------- */

/* JSON in C literals reads better with ' for ": json('{'a': 1}'). Test
 * content never needs an apostrophe. */

/* Fills in an entity that is being built, property by property, as
 * g_object_set() would if entities could be changed once made. */
static void
set_fields (gpointer    entity,
            const char *first_name,
            ...)
{
  va_list args;

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      int index = dlb_entity_find_field (entity, name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      g_assert_cmpint (index, >=, 0);
      G_VALUE_COLLECT_INIT (&value,
                            G_PARAM_SPEC_VALUE_TYPE (dlb_entity_get_field_pspec (entity, index)),
                            args, 0, &error);
      g_assert_null (error);
      _dlb_entity_set_value (entity, index, &value);
    }
  va_end (args);
}

static char *
json (const char *text)
{
  return g_strdelimit (g_strdup (text), "'", '"');
}

/* The start of a valid case; tests add the lists they need and close the
 * object. */
#define CASE_HEAD "{'format': 'deliberate-case', 'version': 2, 'case': {'title': 'T'}"

static DlbCase *
read_ok (const char *text)
{
  g_autofree char *data = json (text);
  g_autoptr(GError) error = NULL;
  DlbCase *c = dlb_json_read_case (data, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* Reads @text, which must be invalid, and returns the problems one a line. */
static char **
read_problems (const char *text)
{
  g_autofree char *data = json (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) c = dlb_json_read_case (data, -1, &error);

  g_assert_null (c);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_INVALID);
  return g_strsplit (error->message, "\n", -1);
}

/* Asserts that reading @text reports exactly @expected (NULL-terminated). */
static void
assert_problems (const char *text,
                 ...)
{
  g_auto (GStrv) problems = read_problems (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  const char *line;
  va_list args;

  va_start (args, text);
  while ((line = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (builder, line);
  va_end (args);
  expected = g_strv_builder_end (builder);

  got = g_strjoinv ("\n", problems);
  want = g_strjoinv ("\n", expected);
  g_assert_cmpstr (got, ==, want);
}

static GError *
read_error (const char *data,
            gssize      length)
{
  GError *error = NULL;
  g_autoptr(DlbCase) c = dlb_json_read_case (data, length, &error);

  g_assert_null (c);
  g_assert_nonnull (error);
  return error;
}

static void
append (DlbCase   *c,
        gpointer   entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_case_append (c, DLB_ENTITY (entity), &error));
  g_assert_no_error (error);
  g_object_unref (entity);
}

static void
add_score (DlbCase    *c,
           const char *option,
           const char *criterion,
           double      low,
           double      value,
           double      high,
           const char *rationale)
{
  DlbScore *score = dlb_score_new (option, criterion);

  set_fields (score, "low", low, "value", value, "high", high, "rationale", rationale, NULL);
  append (c, score);
}

/* A case with Unicode in every script we promise, empty optional fields,
 * the extremes of every range and awkward doubles. */
static DlbCase *
make_rich_case (void)
{
  DlbCase *c = dlb_case_new ();
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *sources[] = { "markey-2019", "tribune_survey", NULL };
  const char *resolves[] = { "f.retention", NULL };

  while (long_text->len < 100 * 1024)
    g_string_append (long_text, "Paragraph with “quotes”, émojis 🚔 and 中文.\n\n");

  set_fields (c,
              "title", "Ring × CPD — décision",
              "question", "Should the city enter the partnership?\nمجلس المدينة يقرر",
              "memo-to", "Mayor Lori Lightfoot",
              "memo-from", "",
              "memo-subject", "Tab\there, quote \" and backslash \\ and \x01 control",
              "memo-date", "2019-11-15",
              "background", long_text->str,
              "paper-size", DLB_PAPER_A4,
              "recommendation", "decline",
              "weighting", DLB_WEIGHTING_AHP,
              NULL);

  append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", "mayor", "name", "Mayor Lori Lightfoot",
                           "group", DLB_GROUP_GOVERNMENT, "power", 5, "interest", 1, "stance", -2,
                           "consulted", TRUE, "consultation-note", "Met on 12 Nov 😀", NULL));
  append (c, g_object_new (DLB_TYPE_STAKEHOLDER, "id", "residents", "name", "Résidents de Chicago",
                           "group", DLB_GROUP_CIVIL_SOCIETY, "power", 1, "interest", 5,
                           "stance", 2, NULL));
  append (c, g_object_new (DLB_TYPE_SOURCE, "id", "markey-2019", "label", "Markey (2019)",
                           "reliability", DLB_RELIABILITY_VERIFIED, NULL));
  append (c, g_object_new (DLB_TYPE_SOURCE, "id", "tribune_survey", "label", "Tribune survey 市议会",
                           "reliability", DLB_RELIABILITY_VENDOR_CLAIM, NULL));
  append (c, g_object_new (DLB_TYPE_FINDING, "id", "f.retention", "title", "No retention limit",
                           "sources", sources, "severity", 4, "likelihood", 1,
                           "status", DLB_FINDING_CONDITION_REQUIRED, "criterion", "privacy", NULL));
  append (c, g_object_new (DLB_TYPE_ITEM, "id", "r-1", "kind", DLB_ITEM_RISK, "title", "Risk",
                           "likelihood", 5, "impact", 1, NULL));
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "privacy", "name", "Citizen privacy",
                           "weight", 1000.0, "minimum", 0.0, "rank", 1000, "swing", 0.0, NULL));
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "crime", "name", "Crime reduction",
                           "weight", 0.0, "minimum", 10.0, "rank", 0, "swing", 100.0, NULL));
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "trust", "name", "Community trust",
                           "weight", 0.1, NULL));
  append (c, g_object_new (DLB_TYPE_OPTION, "id", "enter", "name", "Enter as proposed", NULL));
  append (c, g_object_new (DLB_TYPE_OPTION, "id", "decline", "name", "Decline",
                           "resolves", resolves, NULL));
  add_score (c, "enter", "privacy", 0, 1e-7, 0.1, "");
  add_score (c, "enter", "crime", 7, 7.333333333333333, 10, "Memo: “some crime reduction”");
  add_score (c, "decline", "privacy", 10, 10, 10, "Full control 🔒");
  append (c, g_object_new (DLB_TYPE_PERSPECTIVE, "id", "p-aclu", "name", "ACLU",
                           "stakeholder", "residents",
                           "weights", g_variant_new_parsed ("{'trust': 0.0, 'privacy': 1000.0}"),
                           NULL));
  _dlb_entity_set_variant (DLB_ENTITY (c), DLB_CASE_PAIRWISE,
                           g_variant_new_parsed ("[('privacy', 'crime', 9.0), "
                                                 "('crime', 'trust', 0.1111111111111111), "
                                                 "('privacy', 'trust', 0.3333333333333333)]"));
  return c;
}

/* Writing ------------------------------------------------------------------ */

static void
test_format_double (void)
{
  struct { double value; const char *text; } cases[] = {
    { 25, "25" },
    { 7.5, "7.5" },
    { 0.1, "0.1" },
    { 1e-7, "1e-7" },
    { 1e20, "1e20" },
    { 1000, "1000" },
    { 7.333333333333333, "7.333333333333333" },
    { 1.0 / 3.0, "0.3333333333333333" },
    { -0.0, "0" },
    { -2.5, "-2.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dlb_json_format_double (cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, cases[i].value);
    }

  /* Every double comes back exactly. */
  for (guint i = 0; i < 1000; i++)
    {
      double value = g_test_rand_double_range (0, 1000);
      g_autofree char *text = dlb_json_format_double (value);

      g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
    }
}

/* The layout the format promises, byte for byte. */
static void
test_write_layout (void)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autofree char *out = NULL;
  gsize length = 0;
  const char *expected =
    "{\n"
    "  \"format\": \"deliberate-case\",\n"
    "  \"version\": 4,\n"
    "  \"case\": {\n"
    "    \"title\": \"Ring\",\n"
    "    \"question\": \"\",\n"
    "    \"memo_to\": \"\",\n"
    "    \"memo_from\": \"\",\n"
    "    \"memo_subject\": \"\",\n"
    "    \"memo_date\": \"\",\n"
    "    \"office\": \"\",\n"
    "    \"background\": \"one\\n\\ntwo\",\n"
    "    \"notes\": \"\",\n"
    "    \"paper_size\": \"auto\",\n"
    "    \"recommendation\": null,\n"
    "    \"justification\": \"\",\n"
    "    \"weighting\": \"direct\",\n"
    "    \"pairwise\": [],\n"
    "    \"memo_history\": false,\n"
    "    \"memo_notes\": false\n"
    "  },\n"
    "  \"stakeholders\": [],\n"
    "  \"sources\": [],\n"
    "  \"findings\": [],\n"
    "  \"items\": [],\n"
    "  \"criteria\": [\n"
    "    {\n"
    "      \"id\": \"privacy\",\n"
    "      \"name\": \"Citizen privacy\",\n"
    "      \"description\": \"\",\n"
    "      \"weight\": 20,\n"
    "      \"minimum\": null,\n"
    "      \"rank\": 0,\n"
    "      \"swing\": 100\n"
    "    }\n"
    "  ],\n"
    "  \"options\": [\n"
    "    {\n"
    "      \"id\": \"decline\",\n"
    "      \"name\": \"Décliner\",\n"
    "      \"description\": \"\",\n"
    "      \"resolves\": []\n"
    "    }\n"
    "  ],\n"
    "  \"scores\": [\n"
    "    {\n"
    "      \"option\": \"decline\",\n"
    "      \"criterion\": \"privacy\",\n"
    "      \"value\": 7.5,\n"
    "      \"low\": 5,\n"
    "      \"high\": 5,\n"
    "      \"rationale\": \"\",\n"
    "      \"findings\": [],\n"
    "      \"items\": [],\n"
    "      \"sources\": []\n"
    "    }\n"
    "  ],\n"
    "  \"perspectives\": [\n"
    "    {\n"
    "      \"id\": \"p\",\n"
    "      \"name\": \"P\",\n"
    "      \"description\": \"\",\n"
    "      \"stakeholder\": null,\n"
    "      \"weights\": {\n"
    "        \"privacy\": 35\n"
    "      }\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"q\",\n"
    "      \"name\": \"Q\",\n"
    "      \"description\": \"\",\n"
    "      \"stakeholder\": null,\n"
    "      \"weights\": {}\n"
    "    }\n"
    "  ]\n"
    "}\n";

  set_fields (c, "title", "Ring", "background", "one\n\ntwo", NULL);
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "privacy", "name", "Citizen privacy",
                         "weight", 20.0, NULL));
  append (c, g_object_new (DLB_TYPE_OPTION, "id", "decline", "name", "Décliner", NULL));
  append (c, g_object_new (DLB_TYPE_SCORE, "id", "decline/privacy", "option", "decline",
                           "criterion", "privacy", "value", 7.5, NULL));
  append (c, g_object_new (DLB_TYPE_PERSPECTIVE, "id", "p", "name", "P",
                           "weights", g_variant_new_parsed ("{'privacy': 35.0}"), NULL));
  append (c, g_object_new (DLB_TYPE_PERSPECTIVE, "id", "q", "name", "Q", NULL));

  out = dlb_json_write_case (c, &length);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpuint (length, ==, strlen (expected));
}

static void
test_write_nested_layout (void)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autofree char *out = NULL;
  const char *sources[] = { "a", "b", NULL };

  set_fields (c, "title", "T", NULL);
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "x", "name", "X", NULL));
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "y", "name", "Y", NULL));
  append (c, g_object_new (DLB_TYPE_SOURCE, "id", "a", "label", "A", NULL));
  append (c, g_object_new (DLB_TYPE_SOURCE, "id", "b", "label", "B", NULL));
  append (c, g_object_new (DLB_TYPE_FINDING, "id", "f", "title", "F", "sources", sources, NULL));
  _dlb_entity_set_variant (DLB_ENTITY (c), DLB_CASE_PAIRWISE,
                           g_variant_new_parsed ("[('x', 'y', 3.0)]"));

  out = dlb_json_write_case (c, NULL);
  g_assert_nonnull (strstr (out,
                            "    \"pairwise\": [\n"
                            "      [\n"
                            "        \"x\",\n"
                            "        \"y\",\n"
                            "        3\n"
                            "      ]\n"
                            "    ],\n"
                            "    \"memo_history\": false,\n"
                            "    \"memo_notes\": false\n"
                            "  },\n"));
  g_assert_nonnull (strstr (out,
                            "      \"sources\": [\n"
                            "        \"a\",\n"
                            "        \"b\"\n"
                            "      ],\n"));
}

static void
test_write_escapes (void)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autoptr(DlbCase) back = NULL;
  g_autofree char *out = NULL;
  const char *title = "a\"b\\c\nd\te\x01 f\x1f g/h é 🚨 \u062a";

  set_fields (c, "title", title, NULL);
  out = dlb_json_write_case (c, NULL);
  g_assert_nonnull (strstr (out, "\"title\": \"a\\\"b\\\\c\\nd\\te\\u0001 f\\u001f g/h é 🚨 \u062a\",\n"));

  back = dlb_json_read_case (out, -1, NULL);
  g_assert_nonnull (back);
  g_assert_cmpstr (dlb_case_get_title (back), ==, title);
}

/* Weights follow the criteria, whatever order they were set in. */
static void
test_write_weights_order (void)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autofree char *out = NULL;

  set_fields (c, "title", "T", NULL);
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "zeta", "name", "Z", NULL));
  append (c, g_object_new (DLB_TYPE_CRITERION, "id", "alpha", "name", "A", NULL));
  append (c, g_object_new (DLB_TYPE_PERSPECTIVE, "id", "p", "name", "P",
                           "weights", g_variant_new_parsed ("{'alpha': 1.0, 'zeta': 2.0}"), NULL));

  out = dlb_json_write_case (c, NULL);
  g_assert_nonnull (strstr (out,
                            "      \"weights\": {\n"
                            "        \"zeta\": 2,\n"
                            "        \"alpha\": 1\n"
                            "      }\n"));
}

/* Round trips --------------------------------------------------------------- */

static void
test_round_trip_rich (void)
{
  g_autoptr(DlbCase) c = make_rich_case ();
  g_autoptr(DlbCase) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;
  DlbScore *score;
  DlbCriterion *crime;

  first = dlb_json_write_case (c, &first_length);
  g_assert_true (g_utf8_validate (first, first_length, NULL));
  g_assert_true (g_str_has_suffix (first, "}\n"));
  /* Non-ASCII is written as itself. */
  g_assert_nonnull (strstr (first, "Résidents de Chicago"));
  g_assert_nonnull (strstr (first, "مجلس المدينة يقرر"));
  g_assert_null (strstr (first, "\\u00e9"));

  back = dlb_json_read_case (first, first_length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  second = dlb_json_write_case (back, &second_length);
  g_assert_cmpuint (first_length, ==, second_length);
  g_assert_true (memcmp (first, second, first_length) == 0);

  /* The values themselves came back, not just the bytes. */
  score = dlb_case_get_score (back, "enter", "crime");
  g_assert_nonnull (score);
  g_assert_cmpfloat (dlb_score_get_value (score), ==, 7.333333333333333);
  g_assert_cmpfloat (dlb_score_get_value (dlb_case_get_score (back, "enter", "privacy")), ==, 1e-7);
  crime = DLB_CRITERION (dlb_case_lookup (back, "crime"));
  g_assert_cmpfloat (dlb_criterion_get_weight (crime), ==, 0);
  g_assert_cmpfloat (dlb_criterion_get_weight (DLB_CRITERION (dlb_case_lookup (back, "privacy"))), ==, 1000);
  g_assert_false (dlb_criterion_has_minimum (DLB_CRITERION (dlb_case_lookup (back, "trust"))));
  g_assert_cmpstr (dlb_case_get_background (back), ==, dlb_case_get_background (c));
  g_assert_cmpstr (dlb_case_get_memo_subject (back), ==, dlb_case_get_memo_subject (c));
  g_assert_cmpstr (dlb_case_get_recommendation (back), ==, "decline");
  g_assert_cmpint (dlb_case_get_weighting (back), ==, DLB_WEIGHTING_AHP);
  g_assert_true (g_variant_equal (dlb_case_get_pairwise (back), dlb_case_get_pairwise (c)));
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_scores (back)), ==, 3);
}

/* A hand-written file in canonical form is written back byte for byte. */
static void
test_round_trip_fixture (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "json-valid.json", NULL);
  g_autofree char *data = NULL;
  g_autofree char *out = NULL;
  g_autoptr(DlbCase) c = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  c = dlb_json_read_case_from_file (path, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_stakeholders (c)), ==, 3);
  out = dlb_json_write_case (c, NULL);
  g_assert_cmpstr (out, ==, data);
}

static gboolean
set_comma_locale (void)
{
  const char *candidates[] = {
    "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "nl_NL.UTF-8", "nl_NL.utf8",
    "es_ES.UTF-8", "es_ES.utf8", "it_IT.UTF-8", "it_IT.utf8", "ru_RU.UTF-8", "ru_RU.utf8",
    "de_DE", "fr_FR",
  };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_NUMERIC, candidates[i]) != NULL
        && g_str_equal (localeconv ()->decimal_point, ","))
      return TRUE;

  setlocale (LC_NUMERIC, "C");
  return FALSE;
}

static void
test_locale_independent (void)
{
  g_autoptr(DlbCase) c = make_rich_case ();
  g_autoptr(DlbCase) back = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  before = dlb_json_write_case (c, NULL);

  if (!set_comma_locale ())
    {
      g_test_skip ("No locale with a decimal comma is installed");
      return;
    }

  after = dlb_json_write_case (c, NULL);
  back = read_ok ("{'format': 'deliberate-case', 'version': 2, 'case': {'title': 'T'},"
                  " 'criteria': [{'id': 'c', 'name': 'C', 'weight': 7.25}]}");
  again = dlb_json_format_double (0.5);
  setlocale (LC_NUMERIC, saved);

  g_assert_cmpstr (before, ==, after);
  g_assert_nonnull (strstr (after, "\"value\": 7.333333333333333,"));
  g_assert_cmpfloat (dlb_criterion_get_weight (DLB_CRITERION (dlb_case_lookup (back, "c"))), ==, 7.25);
  g_assert_cmpstr (again, ==, "0.5");
}

/* Reading: what is accepted ------------------------------------------------- */

static void
test_read_defaults (void)
{
  g_autoptr(DlbCase) c = read_ok (CASE_HEAD ", 'stakeholders': [{'id': 's', 'name': 'S'}],"
                                  " 'criteria': [{'id': 'c', 'name': 'C'}],"
                                  " 'options': [{'id': 'o', 'name': 'O'}],"
                                  " 'scores': [{'option': 'o', 'criterion': 'c'}]}");
  DlbStakeholder *s = DLB_STAKEHOLDER (dlb_case_lookup (c, "s"));
  DlbCriterion *k = DLB_CRITERION (dlb_case_lookup (c, "c"));

  g_assert_cmpint (dlb_stakeholder_get_power (s), ==, 3);
  g_assert_cmpint (dlb_stakeholder_get_stance (s), ==, 0);
  g_assert_cmpint (dlb_stakeholder_get_group (s), ==, DLB_GROUP_OTHER);
  g_assert_false (dlb_stakeholder_get_consulted (s));
  g_assert_false (dlb_criterion_has_minimum (k));
  g_assert_cmpfloat (dlb_criterion_get_weight (k), ==, 10);
  g_assert_cmpfloat (dlb_criterion_get_swing (k), ==, 100);
  g_assert_nonnull (dlb_case_get_score (c, "o", "c"));
  g_assert_cmpint (dlb_case_get_paper_size (c), ==, DLB_PAPER_AUTO);
  g_assert_null (dlb_case_get_recommendation (c));
}

static void
test_read_lenient_numbers (void)
{
  g_autoptr(DlbCase) c = read_ok (CASE_HEAD ", 'stakeholders': [{'id': 's', 'name': 'S', 'power': 4.0}],"
                                  " 'criteria': [{'id': 'c', 'name': 'C', 'weight': 3, 'minimum': 2}]}");

  g_assert_cmpint (dlb_stakeholder_get_power (DLB_STAKEHOLDER (dlb_case_lookup (c, "s"))), ==, 4);
  g_assert_cmpfloat (dlb_criterion_get_minimum (DLB_CRITERION (dlb_case_lookup (c, "c"))), ==, 2);
}

/* References may point forward: a finding names a criterion listed later. */
static void
test_read_forward_references (void)
{
  g_autoptr(DlbCase) c = read_ok ("{'format': 'deliberate-case', 'version': 2,"
                                  " 'case': {'title': 'T', 'recommendation': 'o'},"
                                  " 'findings': [{'id': 'f', 'title': 'F', 'criterion': 'c'}],"
                                  " 'criteria': [{'id': 'c', 'name': 'C'}],"
                                  " 'options': [{'id': 'o', 'name': 'O', 'resolves': ['f']}]}");

  g_assert_cmpstr (dlb_finding_get_criterion (DLB_FINDING (dlb_case_lookup (c, "f"))), ==, "c");
}

static void
test_read_version_1 (void)
{
  g_autoptr(DlbCase) c = read_ok ("{'format': 'deliberate-case', 'version': 1, 'case': {'title': 'T'},"
                                  " 'criteria': [{'id': 'c', 'name': 'C', 'weight': 5}]}");
  DlbCriterion *k = DLB_CRITERION (dlb_case_lookup (c, "c"));

  g_assert_cmpint (dlb_criterion_get_rank (k), ==, 0);
  g_assert_cmpfloat (dlb_criterion_get_swing (k), ==, 100);
  g_assert_cmpint (dlb_case_get_weighting (c), ==, DLB_WEIGHTING_DIRECT);

  /* A version 1 file cannot use what version 2 added. */
  assert_problems ("{'format': 'deliberate-case', 'version': 1,"
                   " 'case': {'title': 'T', 'weighting': 'ahp'},"
                   " 'criteria': [{'id': 'c', 'name': 'C', 'rank': 2}]}",
                   "case.weighting: not part of version 1 of the case format; set “version” to 2 to use it",
                   "criteria[0].rank: not part of version 1 of the case format; set “version” to 2 to use it",
                   NULL);
}

/* The memo's notes flag goes through JSON and back; a file older than
 * version 4 reads it as off and cannot set it. */
static void
test_memo_notes (void)
{
  g_autoptr(DlbCase) on = read_ok ("{'format': 'deliberate-case', 'version': 4,"
                                   " 'case': {'title': 'T', 'notes': 'Estimates.', 'memo_notes': true}}");
  g_autoptr(DlbCase) old = read_ok ("{'format': 'deliberate-case', 'version': 3,"
                                    " 'case': {'title': 'T', 'memo_history': true}}");
  g_autoptr(DlbCase) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out_again = NULL;

  g_assert_true (dlb_case_get_memo_notes (on));
  g_assert_false (dlb_case_get_memo_notes (old));
  g_assert_true (dlb_case_get_memo_history (old));

  out = dlb_json_write_case (on, NULL);
  g_assert_nonnull (strstr (out, "    \"memo_notes\": true\n"));
  again = dlb_json_read_case (out, -1, &error);
  g_assert_no_error (error);
  g_assert_true (dlb_case_get_memo_notes (again));
  out_again = dlb_json_write_case (again, NULL);
  g_assert_cmpstr (out, ==, out_again);

  assert_problems ("{'format': 'deliberate-case', 'version': 3,"
                   " 'case': {'title': 'T', 'memo_notes': true}}",
                   "case.memo_notes: not part of version 3 of the case format; set “version” to 4 to use it",
                   NULL);
  assert_problems ("{'format': 'deliberate-case', 'version': 4,"
                   " 'case': {'title': 'T', 'memo_notes': 'yes'}}",
                   "case.memo_notes: expected true or false, got a string",
                   NULL);
}

/* Reading: refusals before validation ---------------------------------------- */

static void
test_read_empty (void)
{
  const char *blanks[] = { "", "   \n\t  ", "/* only a comment */" };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GError) error = read_error (blanks[i], -1);

      g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT);
      g_assert_cmpstr (error->message, ==, "The file is empty");
    }
}

static void
test_read_syntax (void)
{
  g_autofree char *truncated = json (CASE_HEAD ",\n 'stakeholders': [{'id': 's',\n 'name': 'S'");
  g_autofree char *garbage = json ("{'format': 'deliberate-case',\n 'version': 2,\n 'case': {'title': }}");
  const char bad_utf8[] = "{\"format\": \"deliberate-case\",\n \"case\": {\"title\": \"caf\xe9\"}}";
  const char with_nul[] = "{\"format\": \"deliberate-case\"}\0{}";
  g_autofree char *huge = json (CASE_HEAD ",\n 'stakeholders': [{'id': 's', 'name': 'S', 'power': 18446744073709551619}]}");
  GError *error;

  error = read_error (truncated, -1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column "));
  g_clear_error (&error);

  error = read_error (garbage, -1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column "));
  g_clear_error (&error);

  error = read_error (bad_utf8, -1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 2, column 24: the text is not valid UTF-8"));
  g_clear_error (&error);

  error = read_error (with_nul, sizeof with_nul - 1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 1, column 30: "));
  g_clear_error (&error);

  /* json-glib would cut the string short; an escaped backslash is fine. */
  error = read_error ("{\"format\": \"deliberate-case\", \"version\": 2,\n"
                      " \"case\": {\"title\": \"a\\\\u0000\", \"notes\": \"b\\u0000c\"}}", -1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==,
                   "Line 2, column 43: \\u0000 (the NUL character) cannot be part of a text in a case");
  g_clear_error (&error);

  /* json-glib's parser would overflow the stack. */
  {
    g_autofree char *open = g_strnfill (100000, '[');
    g_autofree char *close = g_strnfill (100000, ']');
    g_autofree char *deep = g_strconcat (open, close, NULL);

    error = read_error (deep, -1);
    g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "Line 1, column 65: the data is nested too deeply to be a case");
    g_clear_error (&error);
  }

  /* json-glib would wrap this to 3, a valid power. */
  error = read_error (huge, -1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "Line 2, column 53: the number is too large");
  g_clear_error (&error);
}

/* The nesting limit holds wherever the nesting comes: after a comment or
 * a string that hold quotes, brackets or escapes. */
static void
test_read_nesting (void)
{
  g_autofree char *open = g_strnfill (100000, '[');
  g_autofree char *filler = g_strnfill (300000, 'x');
  struct { const char *before; const char *message; } cases[] = {
    { "", "Line 1, column 65: the data is nested too deeply to be a case" },
    { "/* \" */ ", "Line 1, column 73: the data is nested too deeply to be a case" },
    { "/* [[[[ \" { */\n", "Line 2, column 65: the data is nested too deeply to be a case" },
    { "{\"a\\\"\": \"]]]\\\\\", \"b\": ", "Line 1, column 86: the data is nested too deeply to be a case" },
    { "{\"\\u005c\": ", "Line 1, column 75: the data is nested too deeply to be a case" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (cases[i].before, open, NULL);
      g_autoptr(GError) error = read_error (text, -1);

      g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* After a long string, counted in characters. */
  {
    g_autofree char *text = g_strconcat ("{\"", filler, "\": ", open, NULL);
    g_autoptr(GError) error = read_error (text, -1);

    g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==, "Line 1, column 300069: the data is nested too deeply to be a case");
  }

  /* As deep as the limit is fine; the parser then finds no case. */
  {
    g_autofree char *deep = g_strnfill (DLB_JSON_MAX_NESTING, '[');
    g_autofree char *shut = g_strnfill (DLB_JSON_MAX_NESTING, ']');
    g_autofree char *text = g_strconcat (deep, shut, NULL);
    g_autoptr(GError) error = read_error (text, -1);

    g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT);
  }
}

/* What json-glib alone would take, but changes or no other reader takes. */
static void
test_read_liberties (void)
{
  struct { const char *text; const char *message; } cases[] = {
    { "{'format': 'deliberate-case'}",
      "Line 1, column 2: a text must be in double quotes (\"), not single ones" },
    { "// a comment\n{}", "Line 1, column 1: comments are written /* like this */" },
    { "{\"version\": 0x4}", "Line 1, column 13: this is not a number; numbers are written like 12, -3.5 or 1e6" },
    { "{\"version\": 04}", "Line 1, column 13: this is not a number; numbers are written like 12, -3.5 or 1e6" },
    { "{\"version\": .5}", "Line 1, column 13: unexpected character “.”" },
    { "{\"version\": 1.}", "Line 1, column 13: this is not a number; numbers are written like 12, -3.5 or 1e6" },
    { "{\"version\": -}", "Line 1, column 13: this is not a number; numbers are written like 12, -3.5 or 1e6" },
    { "{\"version\": True}", "Line 1, column 13: a text must be in double quotes; a word alone can only be true, false or null" },
    { "{\"a\": \"\\q\"}", "Line 1, column 8: a backslash in a text starts an escape such as \\n or \\\"; write \\\\ for a backslash itself" },
    { "{\"a\": \"\\u12\"}", "Line 1, column 8: \\u must be followed by four hexadecimal digits" },
    { "{} {}", "Line 1, column 4: more follows the end of the case; a file holds one case" },
    { "[1] 2", "Line 1, column 5: more follows the end of the case; a file holds one case" },
    { "{\"a\": 1\f}", "Line 1, column 8: unexpected character “U+000C”" },
    { "{\"a\": #}", "Line 1, column 7: unexpected character “#”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = read_error (cases[i].text, -1);

      g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* Comments, and strings that look like comments, numbers in every
   * form JSON knows, escapes, and a comment after the end. */
  {
    g_autoptr(DlbCase) c = read_ok ("/* head */ {'format': 'deliberate-case', /* [[[ ' */ 'version': 2,"
                                    " 'case': {'title': 'T /* not a comment */ \\\\u0000 \\u00e9 \\/'},"
                                    " 'criteria': [{'id': 'c', 'name': 'C', 'weight': 1.5E+1},"
                                    " {'id': 'd', 'name': 'D', 'weight': -0}]} /* tail */\n");

    g_assert_cmpstr (dlb_case_get_title (c), ==, "T /* not a comment */ \\u0000 é /");
  }
}

/* The bounds of docs/case-format.md, each with its message. */
static void
test_read_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *huge = NULL;

  /* Size: refused before it is looked at. */
  huge = g_malloc (DLB_JSON_MAX_BYTES + 1);
  memset (huge, ' ', DLB_JSON_MAX_BYTES + 1);
  error = read_error (huge, DLB_JSON_MAX_BYTES + 1);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "The file is 16.0\xc2\xa0MiB (16777217 bytes); a JSON case is at most 16 MiB");
  g_clear_error (&error);

  /* Values: counted before json-glib builds them. */
  text = g_string_new ("[0");
  for (guint i = 0; i < DLB_JSON_MAX_VALUES; i++)
    g_string_append (text, ",0");
  g_string_append_c (text, ']');
  error = read_error (text->str, text->len);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "A JSON case holds at most 1000000 values"));
  g_clear_error (&error);

  /* Lists: the top-level ones and those inside an entity. */
  g_string_assign (text, "{\"format\": \"deliberate-case\", \"version\": 4, \"case\": {\"title\": \"T\"},"
                         " \"sources\": [], \"findings\": [{\"id\": \"f\", \"title\": \"F\", \"sources\": [");
  for (guint i = 0; i <= DLB_JSON_MAX_ENTRIES; i++)
    g_string_append_printf (text, "%s\"s%u\"", i > 0 ? ", " : "", i);
  g_string_append (text, "]}], \"options\": [");
  for (guint i = 0; i <= DLB_JSON_MAX_ENTRIES; i++)
    g_string_append_printf (text, "%s{}", i > 0 ? ", " : "");
  g_string_append (text, "], \"perspectives\": [{\"id\": \"p\", \"name\": \"P\", \"weights\": {");
  for (guint i = 0; i <= DLB_JSON_MAX_ENTRIES; i++)
    g_string_append_printf (text, "%s\"c%u\": 1", i > 0 ? ", " : "", i);
  g_string_append (text, "}}]}");
  error = read_error (text->str, text->len);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "findings[0].sources: at most 10000 entries, got 10001\n"
                   "options: at most 10000 entries, got 10001\n"
                   "perspectives[0].weights: at most 10000 entries, got 10001");
}

static void
test_read_wrong_shape (void)
{
  struct { const char *text; int code; const char *message; } cases[] = {
    { "[1, 2]", DLB_JSON_ERROR_FORMAT,
      "This is not a Deliberate case: the file holds an array, not an object" },
    { "'deliberate-case'", DLB_JSON_ERROR_FORMAT,
      "This is not a Deliberate case: the file holds a string, not an object" },
    { "{'version': 2, 'case': {'title': 'T'}}", DLB_JSON_ERROR_FORMAT,
      "This is not a Deliberate case: the member “format” is missing" },
    { "{'format': 'another-app', 'version': 2}", DLB_JSON_ERROR_FORMAT,
      "This is not a Deliberate case: “format” must be “deliberate-case”" },
    { "{'format': 7, 'version': 2}", DLB_JSON_ERROR_FORMAT,
      "This is not a Deliberate case: “format” must be “deliberate-case”" },
    { "{'format': 'deliberate-case', 'case': {'title': 'T'}}", DLB_JSON_ERROR_FORMAT,
      "The case has no valid “version”: expected a whole number from 1 to 4" },
    { "{'format': 'deliberate-case', 'version': '2'}", DLB_JSON_ERROR_FORMAT,
      "The case has no valid “version”: expected a whole number from 1 to 4" },
    { "{'format': 'deliberate-case', 'version': 0}", DLB_JSON_ERROR_FORMAT,
      "The case has no valid “version”: expected a whole number from 1 to 4" },
    { "{'format': 'deliberate-case', 'version': 5, 'case': {'title': 'T'}}", DLB_JSON_ERROR_TOO_NEW,
      "This case was written in version 5 of the case format, but this version of Deliberate "
      "reads up to version 4; update Deliberate to open it" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = json (cases[i].text);
      g_autoptr(GError) error = read_error (data, -1);

      g_assert_error (error, DLB_JSON_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* A newer file is refused before its content is looked at. */
  {
    g_autofree char *data = json ("{'format': 'deliberate-case', 'version': 99, 'stuff': [1]}");
    g_autoptr(GError) error = read_error (data, -1);

    g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_TOO_NEW);
  }
}

/* Reading: validation, one kind of problem at a time ---------------------------- */

static void
test_read_types (void)
{
  assert_problems (CASE_HEAD ", 'stakeholders': [{'id': 's', 'name': 5, 'consulted': 'yes',"
                   " 'power': 3.5, 'stance': null, 'group': 1}]}",
                   "stakeholders[0].name: expected a string, got a number",
                   "stakeholders[0].group: expected a string, got a number",
                   "stakeholders[0].power: expected a whole number, got 3.5",
                   "stakeholders[0].stance: expected a whole number, got null",
                   "stakeholders[0].consulted: expected true or false, got a string",
                   NULL);
  assert_problems (CASE_HEAD ", 'sources': {}, 'stakeholders': ['mayor', []]}",
                   "stakeholders[0]: expected an object, got a string",
                   "stakeholders[1]: expected an object, got an array",
                   "sources: expected an array, got an object",
                   NULL);
  assert_problems (CASE_HEAD ", 'findings': [{'id': 'f', 'title': 'F', 'sources': 'x',"
                   " 'criterion': 4}],"
                   " 'perspectives': [{'id': 'p', 'name': 'P', 'weights': [], 'stakeholder': true}]}",
                   "findings[0].sources: expected an array of ids, got a string",
                   "findings[0].criterion: expected an id, got a number",
                   "perspectives[0].stakeholder: expected an id, got a boolean",
                   "perspectives[0].weights: expected an object of criterion ids and weights, got an array",
                   NULL);
  assert_problems ("{'format': 'deliberate-case', 'version': 2, 'case': []}",
                   "case: expected an object, got an array",
                   NULL);
}

static void
test_read_ranges (void)
{
  assert_problems (CASE_HEAD ", 'stakeholders': ["
                   " {'id': 'a', 'name': 'A'}, {'id': 'b', 'name': 'B'}, {'id': 'c', 'name': 'C'},"
                   " {'id': 'd', 'name': 'D', 'power': 9, 'interest': 0, 'stance': -3}]}",
                   "stakeholders[3].power: expected 1–5, got 9",
                   "stakeholders[3].interest: expected 1–5, got 0",
                   "stakeholders[3].stance: expected -2–2, got -3",
                   NULL);
  assert_problems (CASE_HEAD ", 'findings': [{'id': 'f', 'title': 'F', 'severity': 5, 'likelihood': 0}],"
                   " 'items': [{'id': 'i', 'title': 'I', 'likelihood': 6, 'impact': 2.0}],"
                   " 'criteria': [{'id': 'c', 'name': 'C', 'weight': 1000.5, 'minimum': 11,"
                   " 'rank': -1, 'swing': 100.01}]}",
                   "findings[0].severity: expected 1–4, got 5",
                   "findings[0].likelihood: expected 1–4, got 0",
                   "items[0].likelihood: expected 1–5, got 6",
                   "criteria[0].weight: expected 0–1000, got 1000.5",
                   "criteria[0].minimum: expected 0–10, got 11",
                   "criteria[0].rank: expected 0–1000, got -1",
                   "criteria[0].swing: expected 0–100, got 100.01",
                   NULL);
  /* The "not set" value of the model is not a value in the file. */
  assert_problems (CASE_HEAD ", 'criteria': [{'id': 'c', 'name': 'C', 'minimum': -1, 'weight': 1e999}]}",
                   "criteria[0].weight: the number is too large",
                   "criteria[0].minimum: expected 0–10, got -1",
                   NULL);
  assert_problems (CASE_HEAD ", 'criteria': [{'id': 'c', 'name': 'C'}],"
                   " 'perspectives': [{'id': 'p', 'name': 'P', 'weights': {'c': 1001}}]}",
                   "perspectives[0].weights.c: expected 0–1000, got 1001",
                   NULL);
}

static void
test_read_enums (void)
{
  assert_problems (CASE_HEAD ", 'stakeholders': [{'id': 's', 'name': 'S', 'group': 'army'}],"
                   " 'sources': [{'id': 'x', 'label': 'X', 'reliability': 'Verified'}]}",
                   "stakeholders[0].group: expected one of government, police, vendor, residents, "
                   "civil-society, media, political, other; got “army”",
                   "sources[0].reliability: expected one of verified, reported, vendor-claim; "
                   "got “Verified”",
                   NULL);
  assert_problems ("{'format': 'deliberate-case', 'version': 2,"
                   " 'case': {'title': 'T', 'paper_size': 'a5', 'weighting': 'random'}}",
                   "case.paper_size: expected one of auto, letter, a4; got “a5”",
                   "case.weighting: expected one of direct, ranking, ahp, swing; got “random”",
                   NULL);
}

static void
test_read_missing (void)
{
  assert_problems ("{'format': 'deliberate-case', 'version': 2}",
                   "case: required, but missing",
                   NULL);
  assert_problems ("{'format': 'deliberate-case', 'version': 2, 'case': {'question': 'Q'}}",
                   "case.title: required, but missing",
                   NULL);
  assert_problems (CASE_HEAD ", 'stakeholders': [{'name': 'S'}, {'id': 's'}],"
                   " 'sources': [{'id': 'x'}], 'findings': [{'id': 'f'}],"
                   " 'criteria': [{'id': 'c', 'name': ''}],"
                   " 'options': [{'id': 'o', 'name': 'O'}],"
                   " 'scores': [{'option': 'o'}, {'criterion': 'c', 'option': null}]}",
                   "stakeholders[0].id: required, but missing",
                   "stakeholders[1].name: required, but missing",
                   "sources[0].label: required, but missing",
                   "findings[0].title: required, but missing",
                   "criteria[0].name: must not be empty",
                   "scores[0].criterion: required, but missing",
                   "scores[1].option: expected an id, got null",
                   NULL);
}

static void
test_read_unknown_members (void)
{
  assert_problems ("{'format': 'deliberate-case', 'version': 2, 'case': {'title': 'T', 'id': 'x'},"
                   " 'stakeholder': [],"
                   " 'options': [{'id': 'o', 'name': 'O', 'cost': 3}],"
                   " 'criteria': [{'id': 'c', 'name': 'C'}],"
                   " 'scores': [{'id': 'o/c', 'option': 'o', 'criterion': 'c'}]}",
                   "stakeholder: unknown member (expected one of format, version, case, stakeholders, "
                   "sources, findings, items, criteria, options, scores, perspectives)",
                   "case.id: unknown member (expected one of title, question, memo_to, memo_from, "
                   "memo_subject, memo_date, office, background, notes, paper_size, recommendation, "
                   "justification, weighting, pairwise)",
                   "options[0].cost: unknown member (expected one of id, name, description, resolves)",
                   "scores[0].id: unknown member (expected one of option, criterion, value, low, high, "
                   "rationale, findings, items, sources)",
                   NULL);
  /* The model's names use '-', the file's '_'. */
  assert_problems (CASE_HEAD ", 'stakeholders': [{'id': 's', 'name': 'S', 'consultation-note': ''}]}",
                   "stakeholders[0].consultation-note: unknown member (expected one of id, name, "
                   "group, role, concern, power, interest, stance, consulted, consultation_note)",
                   NULL);
}

static void
test_read_ids (void)
{
  g_autofree char *long_id = g_strnfill (65, 'a');
  g_autofree char *longest = g_strnfill (64, 'b');
  g_autofree char *cut = g_strnfill (39, 'a');
  g_autofree char *cut_problem = NULL;
  g_autofree char *text = g_strdup_printf (CASE_HEAD ", 'stakeholders': ["
                                           "{'id': 'with space', 'name': 'A'},"
                                           " {'id': '', 'name': 'B'},"
                                           " {'id': 'opt/crit', 'name': 'C'},"
                                           " {'id': '%s', 'name': 'D'},"
                                           " {'id': '%s', 'name': 'E'},"
                                           " {'id': 'décision', 'name': 'F'},"
                                           " {'id': 7, 'name': 'G'}]}",
                                           long_id, longest);

  cut_problem = g_strdup_printf ("stakeholders[3].id: expected an id of 1–64 letters, digits, "
                                 "“-”, “_” or “.”, got “%s…”", cut);
  assert_problems (text,
                   "stakeholders[0].id: expected an id of 1–64 letters, digits, “-”, “_” or “.”, "
                   "got “with space”",
                   "stakeholders[1].id: expected an id of 1–64 letters, digits, “-”, “_” or “.”, got “”",
                   "stakeholders[2].id: expected an id of 1–64 letters, digits, “-”, “_” or “.”, "
                   "got “opt/crit”",
                   cut_problem,
                   "stakeholders[5].id: expected an id of 1–64 letters, digits, “-”, “_” or “.”, "
                   "got “décision”",
                   "stakeholders[6].id: expected an id, got a number",
                   NULL);
}

static void
test_read_duplicate_ids (void)
{
  assert_problems (CASE_HEAD ", 'stakeholders': [{'id': 'decline', 'name': 'S'}],"
                   " 'options': [{'id': 'enter', 'name': 'E'}, {'id': 'decline', 'name': 'D'},"
                   " {'id': 'enter', 'name': 'E2'}]}",
                   "options[1].id: “decline” is already used by stakeholders[0]",
                   "options[2].id: “enter” is already used by options[0]",
                   NULL);
}

static void
test_read_references (void)
{
  assert_problems ("{'format': 'deliberate-case', 'version': 2,"
                   " 'case': {'title': 'T', 'recommendation': 'maybe'},"
                   " 'stakeholders': [{'id': 'mayor', 'name': 'M'}],"
                   " 'sources': [{'id': 'src', 'label': 'S'}],"
                   " 'findings': [{'id': 'f0', 'title': 'F'},"
                   "  {'id': 'f1', 'title': 'F', 'sources': ['x', 'mayor', 'src'], 'criterion': 'nope'}],"
                   " 'criteria': [{'id': 'c', 'name': 'C'}],"
                   " 'options': [{'id': 'o', 'name': 'O', 'resolves': ['f0', 'c']}],"
                   " 'scores': [{'option': 'ghost', 'criterion': 'c', 'findings': ['f9'],"
                   "  'items': ['src'], 'sources': ['src']}],"
                   " 'perspectives': [{'id': 'p', 'name': 'P', 'stakeholder': 'c',"
                   "  'weights': {'c': 5, 'gone': 10}}]}",
                   "case.recommendation: no option has the id “maybe”",
                   "findings[1].sources[0]: no source has the id “x”",
                   "findings[1].sources[1]: no source has the id “mayor” (it is one of the stakeholders)",
                   "findings[1].criterion: no criterion has the id “nope”",
                   "options[0].resolves[1]: no finding has the id “c” (it is one of the criteria)",
                   "scores[0].option: no option has the id “ghost”",
                   "scores[0].findings[0]: no finding has the id “f9”",
                   "scores[0].items[0]: no item has the id “src” (it is one of the sources)",
                   "perspectives[0].stakeholder: no stakeholder has the id “c” (it is one of the criteria)",
                   "perspectives[0].weights.gone: no criterion has the id “gone”",
                   NULL);
}

static void
test_read_ref_list_duplicates (void)
{
  assert_problems (CASE_HEAD ", 'sources': [{'id': 'a', 'label': 'A'}, {'id': 'b', 'label': 'B'}],"
                   " 'findings': [{'id': 'f', 'title': 'F', 'sources': ['a', 'b', 'a', 'b']}]}",
                   "findings[0].sources[2]: “a” is already listed at findings[0].sources[0]",
                   "findings[0].sources[3]: “b” is already listed at findings[0].sources[1]",
                   NULL);
}

static void
test_read_scores (void)
{
  assert_problems (CASE_HEAD ", 'criteria': [{'id': 'c', 'name': 'C'}, {'id': 'd', 'name': 'D'}],"
                   " 'options': [{'id': 'o', 'name': 'O'}],"
                   " 'scores': [{'option': 'o', 'criterion': 'c', 'value': 9, 'low': 8, 'high': 10},"
                   "  {'option': 'o', 'criterion': 'd', 'value': 9, 'low': 9.5, 'high': 10},"
                   "  {'option': 'o', 'criterion': 'c', 'value': 9, 'low': 8, 'high': 8.5},"
                   "  {'option': 'o', 'criterion': 'd', 'value': 11, 'low': 8, 'high': 10},"
                   "  {'option': 'o', 'criterion': 'd', 'value': 7}]}",
                   "scores[1]: expected low ≤ value ≤ high, got low 9.5, value 9, high 10",
                   "scores[2]: expected low ≤ value ≤ high, got low 8, value 9, high 8.5",
                   "scores[2]: option “o” and criterion “c” are already scored by scores[0]",
                   "scores[3].value: expected 0–10, got 11",
                   "scores[3]: option “o” and criterion “d” are already scored by scores[1]",
                   "scores[4]: expected low ≤ value ≤ high, got low 5, value 7, high 5",
                   "scores[4]: option “o” and criterion “d” are already scored by scores[1]",
                   NULL);
}

static void
test_read_pairwise (void)
{
  assert_problems ("{'format': 'deliberate-case', 'version': 2,"
                   " 'case': {'title': 'T', 'pairwise': ["
                   "  ['a', 'b', 3], ['b', 'a', 0.5], ['a', 'a', 1], ['a', 'c', 10],"
                   "  ['a', 'zz', 0.1], ['b', 'c'], 'a', ['b', 'c', 'x']]},"
                   " 'criteria': [{'id': 'a', 'name': 'A'}, {'id': 'b', 'name': 'B'},"
                   "  {'id': 'c', 'name': 'C'}]}",
                   "case.pairwise[1]: “b” and “a” are already compared at case.pairwise[0]",
                   "case.pairwise[2]: compares “a” with itself",
                   "case.pairwise[3][2]: expected a ratio of 1/9–9, got 10",
                   "case.pairwise[4][2]: expected a ratio of 1/9–9, got 0.1",
                   "case.pairwise[5]: expected an array [criterion, criterion, ratio], got an array",
                   "case.pairwise[6]: expected an array [criterion, criterion, ratio], got a string",
                   "case.pairwise[7][2]: expected a number, got a string",
                   "case.pairwise[4][1]: no criterion has the id “zz”",
                   NULL);

  /* 1/9 cannot be written exactly. */
  g_object_unref (read_ok ("{'format': 'deliberate-case', 'version': 2,"
                           " 'case': {'title': 'T', 'pairwise': [['a', 'b', 0.1111111111111111]]},"
                           " 'criteria': [{'id': 'a', 'name': 'A'}, {'id': 'b', 'name': 'B'}]}"));
}

static void
test_read_text_limits (void)
{
  g_autofree char *line = g_strnfill (4097, 'x');
  g_autofree char *longest_line = g_strnfill (4096, 'y');
  g_autofree char *text = g_strnfill (256 * 1024 + 1, 'z');
  g_autofree char *data = g_strdup_printf (CASE_HEAD ", 'stakeholders': ["
                                           "{'id': 'a', 'name': '%s'},"
                                           " {'id': 'b', 'name': '%s', 'concern': '%s'}]}",
                                           line, longest_line, text);

  assert_problems (data,
                   "stakeholders[0].name: expected at most 4096 bytes of text, got 4097",
                   "stakeholders[1].concern: expected at most 262144 bytes of text, got 262145",
                   NULL);
}

static void
test_read_many_problems (void)
{
  g_autoptr(GString) text = g_string_new (CASE_HEAD ", 'stakeholders': [");
  g_auto (GStrv) problems = NULL;

  for (guint i = 0; i < 130; i++)
    g_string_append_printf (text, "%s{'id': 's%u', 'name': 'S', 'power': 6}", i ? ", " : "", i);
  g_string_append (text, "]}");

  problems = read_problems (text->str);
  g_assert_cmpuint (g_strv_length (problems), ==, DLB_JSON_MAX_PROBLEMS + 1);
  g_assert_cmpstr (problems[0], ==, "stakeholders[0].power: expected 1–5, got 6");
  g_assert_cmpstr (problems[99], ==, "stakeholders[99].power: expected 1–5, got 6");
  g_assert_cmpstr (problems[100], ==, "…and 30 more problems");
}

/* Every problem in a file is reported at once, in a stable order. */
static void
test_read_problems_together (void)
{
  assert_problems ("{'format': 'deliberate-case', 'version': 2, 'case': {'title': ''},"
                   " 'stakeholders': [{'id': 'm', 'name': 'M', 'power': 7}],"
                   " 'findings': [{'id': 'm', 'title': 'F', 'status': 'closed', 'sources': ['q']}]}",
                   "case.title: must not be empty",
                   "stakeholders[0].power: expected 1–5, got 7",
                   "findings[0].status: expected one of open, condition-required, resolved, accepted; "
                   "got “closed”",
                   "findings[0].id: “m” is already used by stakeholders[0]",
                   "findings[0].sources[0]: no source has the id “q”",
                   NULL);
}

/* Files --------------------------------------------------------------------- */

static void
test_file_missing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlb-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "nothing-here.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) c = dlb_json_read_case_from_file (path, &error);

  g_assert_null (c);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "nothing-here.json"));
  g_rmdir (dir);
}

static void
test_file_empty (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlb-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "empty.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) c = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  c = dlb_json_read_case_from_file (path, &error);
  g_assert_null (c);
  g_assert_error (error, DLB_JSON_ERROR, DLB_JSON_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "The file is empty");

  g_unlink (path);
  g_rmdir (dir);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_file_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dlb-json-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "case.json", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "missing", "case.json", NULL);
  g_autofree char *subdir = g_build_filename (dir, "a-folder", NULL);
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(DlbCase) c = make_rich_case ();
  g_autoptr(DlbCase) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_json_write_case_to_file (c, path, &error));
  g_assert_no_error (error);
  /* No temporary file is left beside it. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  expected = dlb_json_write_case (c, NULL);
  g_assert_cmpstr (written, ==, expected);

  back = dlb_json_read_case_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  /* Failing writes leave nothing behind. */
  g_assert_false (dlb_json_write_case_to_file (c, nowhere, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  g_assert_false (dlb_json_write_case_to_file (c, subdir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_assert_cmpuint (count_entries (subdir), ==, 0);

  g_rmdir (subdir);
  g_unlink (path);
  g_rmdir (dir);
}

/* The built-in example ------------------------------------------------------ */

/* The example ships in canonical form, so exporting it gives its own bytes,
 * and it carries what the memo has. */
static void
test_example (void)
{
  g_autoptr(GBytes) bytes = dlb_example_get_bytes ();
  g_autoptr(GBytes) again = dlb_example_get_bytes ();
  g_autoptr(DlbCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *written = NULL;
  GListModel *scores;

  g_assert_nonnull (bytes);
  g_assert_true (g_bytes_equal (bytes, again));

  c = dlb_example_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (c);

  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  written = dlb_json_write_case (c, NULL);
  g_assert_cmpstr (written, ==, text);

  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_stakeholders (c)), ==, 11);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_findings (c)), ==, 8);
  g_assert_cmpuint (dlb_case_count_items (c, DLB_ITEM_OPPORTUNITY), ==, 4);
  g_assert_cmpuint (dlb_case_count_items (c, DLB_ITEM_RISK), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_options (c)), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_criteria (c)), >=, 8);

  scores = dlb_case_get_scores (c);
  g_assert_cmpuint (g_list_model_get_n_items (scores), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (scores); i++)
    {
      g_autoptr(DlbScore) score = g_list_model_get_item (scores, i);
      const char *rationale = dlb_score_get_rationale (score);

      g_assert_true (rationale != NULL && *rationale != '\0');
    }

  /* Each load is a case of its own: changing one leaves the next alone. */
  set_fields (c, "title", "Changed", NULL);
  g_clear_object (&c);
  c = dlb_example_load (NULL);
  g_assert_cmpstr (dlb_case_get_title (c), !=, "Changed");
}

/* The fingerprint is the hash of the canonical JSON: the same content
 * gives the same fingerprint, however the case was read, and one edit
 * changes it. */
static void
test_fingerprint (void)
{
  g_autoptr(DlbCase) first = NULL;
  g_autoptr(DlbCase) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *edited = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  gsize length;

  first = dlb_example_load (&error);
  g_assert_no_error (error);
  data = dlb_json_write_case (first, &length);
  second = dlb_json_read_case (data, (gssize) length, &error);
  g_assert_no_error (error);

  a = dlb_json_dup_fingerprint (first);
  b = dlb_json_dup_fingerprint (second);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  g_assert_cmpuint (strlen (a), ==, 64);
  g_assert_true (strspn (a, "0123456789abcdef") == 64);
  g_assert_cmpstr (a, ==, expected);
  g_assert_cmpstr (a, ==, b);

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, "Another title");
  g_assert_true (dlb_case_set_field (second, DLB_ENTITY (second), DLB_CASE_TITLE, &value, &error));
  g_assert_no_error (error);
  edited = dlb_json_dup_fingerprint (second);
  g_assert_cmpstr (edited, !=, a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/write/format-double", test_format_double);
  g_test_add_func ("/core/json/write/layout", test_write_layout);
  g_test_add_func ("/core/json/write/nested-layout", test_write_nested_layout);
  g_test_add_func ("/core/json/write/escapes", test_write_escapes);
  g_test_add_func ("/core/json/write/weights-order", test_write_weights_order);
  g_test_add_func ("/core/json/round-trip/rich", test_round_trip_rich);
  g_test_add_func ("/core/json/round-trip/fixture", test_round_trip_fixture);
  g_test_add_func ("/core/json/locale", test_locale_independent);
  g_test_add_func ("/core/json/read/defaults", test_read_defaults);
  g_test_add_func ("/core/json/read/lenient-numbers", test_read_lenient_numbers);
  g_test_add_func ("/core/json/read/forward-references", test_read_forward_references);
  g_test_add_func ("/core/json/read/version-1", test_read_version_1);
  g_test_add_func ("/core/json/memo-notes", test_memo_notes);
  g_test_add_func ("/core/json/read/empty", test_read_empty);
  g_test_add_func ("/core/json/read/syntax", test_read_syntax);
  g_test_add_func ("/core/json/read/nesting", test_read_nesting);
  g_test_add_func ("/core/json/read/liberties", test_read_liberties);
  g_test_add_func ("/core/json/read/limits", test_read_limits);
  g_test_add_func ("/core/json/read/wrong-shape", test_read_wrong_shape);
  g_test_add_func ("/core/json/read/types", test_read_types);
  g_test_add_func ("/core/json/read/ranges", test_read_ranges);
  g_test_add_func ("/core/json/read/enums", test_read_enums);
  g_test_add_func ("/core/json/read/missing", test_read_missing);
  g_test_add_func ("/core/json/read/unknown-members", test_read_unknown_members);
  g_test_add_func ("/core/json/read/ids", test_read_ids);
  g_test_add_func ("/core/json/read/duplicate-ids", test_read_duplicate_ids);
  g_test_add_func ("/core/json/read/references", test_read_references);
  g_test_add_func ("/core/json/read/ref-list-duplicates", test_read_ref_list_duplicates);
  g_test_add_func ("/core/json/read/scores", test_read_scores);
  g_test_add_func ("/core/json/read/pairwise", test_read_pairwise);
  g_test_add_func ("/core/json/read/text-limits", test_read_text_limits);
  g_test_add_func ("/core/json/read/many-problems", test_read_many_problems);
  g_test_add_func ("/core/json/read/problems-together", test_read_problems_together);
  g_test_add_func ("/core/json/file/missing", test_file_missing);
  g_test_add_func ("/core/json/file/empty", test_file_empty);
  g_test_add_func ("/core/json/file/write", test_file_write);
  g_test_add_func ("/core/json/example", test_example);
  g_test_add_func ("/core/json/fingerprint", test_fingerprint);

  return g_test_run ();
}
