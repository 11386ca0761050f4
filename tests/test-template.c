/* test-template.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dlb-json.h"
#include "dlb-model.h"
#include "dlb-template.h"

/* The words of a case as the memo and the window would show them. */
static char *
case_text (DlbCase *kase)
{
  gsize length;

  return dlb_json_write_case (kase, &length);
}

/* The surveillance-technology template: the questions ordinances ask, the
 * three usual options, nothing of the Ring example. */
static void
test_surveillance (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) kase = dlb_template_load (DLB_TEMPLATE_SURVEILLANCE, &error);
  g_autofree char *text = NULL;
  const char *criteria[] = { "liberties", "rights", "retention", "sharing", "security",
                             "cost", "effectiveness", "alternatives", "engagement" };
  double total = 0;

  g_assert_no_error (error);
  g_assert_nonnull (kase);

  for (guint i = 0; i < G_N_ELEMENTS (criteria); i++)
    {
      DlbEntity *c = dlb_case_lookup_kind (kase, DLB_KIND_CRITERION, criteria[i]);

      g_assert_nonnull (c);
      total += dlb_criterion_get_weight (DLB_CRITERION (c));
    }
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_criteria (kase)), ==, G_N_ELEMENTS (criteria));
  g_assert_cmpfloat_with_epsilon (total, 100, 1e-9);

  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_options (kase)), ==, 3);
  g_assert_nonnull (dlb_case_lookup_kind (kase, DLB_KIND_OPTION, "proposed"));
  g_assert_nonnull (dlb_case_lookup_kind (kase, DLB_KIND_OPTION, "conditional"));
  g_assert_nonnull (dlb_case_lookup_kind (kase, DLB_KIND_OPTION, "decline"));

  /* A checklist: every finding still to examine, tied to a criterion. */
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_findings (kase)), >=, 8);
  for (guint i = 0; i < g_list_model_get_n_items (dlb_case_get_findings (kase)); i++)
    {
      g_autoptr(DlbFinding) f = g_list_model_get_item (dlb_case_get_findings (kase), i);

      g_assert_cmpint (dlb_finding_get_status (f), ==, DLB_FINDING_OPEN);
      g_assert_nonnull (dlb_case_lookup_kind (kase, DLB_KIND_CRITERION, dlb_finding_get_criterion (f)));
    }

  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_scores (kase)), ==, 0);

  text = case_text (kase);
  g_assert_null (strstr (text, "Ring"));
  g_assert_null (strstr (text, "Chicago"));
  g_assert_null (strstr (text, "Markey"));
}

static void
test_unknown (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) kase = dlb_template_load ("no-such-template", &error);

  g_assert_null (kase);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
}

/* The author's preferences make the new case's FROM, office and method. */
static void
test_new_case (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) date = g_date_new_dmy (3, G_DATE_MARCH, 2027);
  DlbNewCase info = {
    .title = "  License-plate readers for the Department of Transportation ",
    .author = "Dana Ortiz, Senior Policy Advisor",
    .office = "Office of the Chief Information Officer",
    .weighting = DLB_WEIGHTING_RANKING,
    .date = date,
  };
  g_autoptr(DlbCase) blank = dlb_new_case (NULL, &info, &error);
  g_autoptr(DlbCase) templated = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (dlb_case_get_title (blank), ==, "License-plate readers for the Department of Transportation");
  g_assert_cmpstr (dlb_case_get_memo_subject (blank), ==, dlb_case_get_title (blank));
  g_assert_cmpstr (dlb_case_get_memo_from (blank), ==, info.author);
  g_assert_cmpstr (dlb_case_get_office (blank), ==, info.office);
  g_assert_cmpstr (dlb_case_get_memo_date (blank), ==, "2027-03-03");
  g_assert_cmpint (dlb_case_get_weighting (blank), ==, DLB_WEIGHTING_RANKING);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_criteria (blank)), ==, 0);

  info.weighting = DLB_WEIGHTING_SWING;
  templated = dlb_new_case (DLB_TEMPLATE_SURVEILLANCE, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlb_case_get_title (templated), ==, dlb_case_get_title (blank));
  g_assert_cmpint (dlb_case_get_weighting (templated), ==, DLB_WEIGHTING_SWING);
  g_assert_cmpuint (g_list_model_get_n_items (dlb_case_get_criteria (templated)), ==, 9);

  /* Without preferences, FROM and office are left for the user. */
  info.author = NULL;
  info.office = NULL;
  g_clear_object (&blank);
  blank = dlb_new_case (NULL, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlb_case_get_memo_from (blank), ==, "");

  info.title = "   ";
  g_clear_object (&blank);
  blank = dlb_new_case (NULL, &info, &error);
  g_assert_null (blank);
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_INVALID_VALUE);
}

/* A Spanish user starts from a Spanish checklist. */
static void
test_spanish (void)
{
  const char *localedir = g_getenv ("DELIBERATE_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(DlbCriterion) first = NULL;

  if (localedir == NULL)
    {
      g_test_skip ("DELIBERATE_LOCALEDIR is not set");
      return;
    }

  g_setenv ("LANGUAGE", "es", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  kase = dlb_template_load (DLB_TEMPLATE_SURVEILLANCE, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (dlb_case_get_criteria (kase), 0);
  g_assert_cmpstr (dlb_criterion_get_name (first), ==, "Libertades civiles");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/surveillance", test_surveillance);
  g_test_add_func ("/template/unknown", test_unknown);
  g_test_add_func ("/template/new-case", test_new_case);
  /* Last: it changes the process's language. */
  g_test_add_func ("/template/spanish", test_spanish);

  return g_test_run ();
}
