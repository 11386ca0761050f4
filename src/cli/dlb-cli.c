/* dlb-cli.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "dlb-analysis.h"
#include "dlb-analysis-json.h"
#include "dlb-cli.h"
#include "dlb-engine.h"
#include "dlb-example.h"
#include "dlb-file.h"
#include "dlb-json.h"
#include "dlb-memo.h"
#include "dlb-model.h"
#include "dlb-store.h"

/* The headless jobs run from handle-local-options, before the application
 * registers or touches a display, so they work on a server with no
 * session. Each job reads the case once and writes its output beside the
 * target before renaming it into place: a failure never leaves a
 * half-written file. */

static const GOptionEntry main_entries[] = {
  { "export-pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the recommendation memo of CASE as a PDF"), N_("OUT.pdf") },
  { "brief", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export-pdf, write the brief memo of about two pages"), NULL },
  { "export-json", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write CASE as JSON"), N_("OUT.json") },
  { "export-case", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write CASE as a case file"), N_("OUT.deliberate") },
  { "analyze", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the ranking, margins, sensitivity and probabilities of CASE"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --analyze, print the analysis as JSON"), NULL },
  { "seed", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("With --analyze, the seed of the uncertainty simulation"), N_("N") },
  { "example", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open a new copy of the built-in Ring example"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, NULL },
  { NULL }
};

void
dlb_cli_add_main_option_entries (GApplication *application)
{
  g_return_if_fail (G_IS_APPLICATION (application));

  g_application_add_main_option_entries (application, main_entries);
  g_application_set_option_context_parameter_string (application, _("[CASE]"));
  g_application_set_option_context_summary (application,
    _("Weigh a technology partnership and write the recommendation memo.\n"
      "CASE is a .deliberate case file or a .json case; without one, the commands\n"
      "below use the built-in Ring–Chicago Police Department example."));
}

static void
print_error (const char   *path,
             const GError *error)
{
  g_auto (GStrv) lines = g_strsplit (error->message, "\n", -1);
  g_autofree char *where = NULL;

  if (path != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      where = g_strdup_printf ("%s: ", display);
    }

  /* One line per problem, each naming the file, so a long list of
   * validation problems stays greppable. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_printerr ("deliberate: %s%s\n", where != NULL ? where : "", lines[i]);
}

static DlbCase *
load_case (const char  *path,
           GPtrArray  **history,
           GError     **error)
{
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbCase) loaded = NULL;

  if (path == NULL)
    return dlb_example_load (error);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("No such file; check the name and the folder"));
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("This is a folder, not a case"));
      return NULL;
    }

  if (dlb_file_kind_for_path (path) == DLB_FILE_KIND_JSON)
    return dlb_json_read_case_from_file (path, error);

  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return NULL;

  /* The memo's audit trail comes from the journal, read while it is open;
   * one that cannot be read leaves the appendix out. */
  if (history != NULL && dlb_case_get_memo_history (dlb_store_get_case (store)))
    *history = dlb_store_dup_history (store, NULL);

  /* The case outlives the file it came from: detach it, so nothing can
   * write through a closed store. */
  loaded = g_object_ref (dlb_store_get_case (store));
  dlb_store_close (store);
  dlb_case_set_backend (loaded, NULL, NULL);
  dlb_case_set_read_only (loaded, TRUE);

  return g_steal_pointer (&loaded);
}

DlbCase *
dlb_cli_load_case (const char  *path,
                   GError     **error)
{
  return load_case (path, NULL, error);
}

static gboolean
export_json (DlbCase     *c,
             const char  *out,
             GError     **error)
{
  return dlb_json_write_case_to_file (c, out, error);
}

static gboolean
export_case (DlbCase     *c,
             const char  *out,
             GError     **error)
{
  return dlb_store_write_case (c, out, error);
}

static gboolean
export_pdf (DlbCase     *c,
            DlbResult   *result,
            GPtrArray   *history,
            gboolean     brief,
            const char  *out,
            GError     **error)
{
  g_autoptr(DlbDocument) doc = NULL;
  DlbMemoOptions options;

  dlb_memo_options_init (&options);
  options.history = history;
  options.brief = brief;
  doc = dlb_memo_build (c, result, &options);

  return dlb_memo_write_pdf (doc, out, error);
}

static void
print_analysis (DlbCase   *c,
                DlbResult *result,
                gboolean   as_json)
{
  g_autofree char *text = NULL;

  if (as_json)
    text = dlb_result_to_json (result, c);
  else
    text = dlb_result_to_text (result, c);

  fputs (text, stdout);
  if (*text != '\0' && !g_str_has_suffix (text, "\n"))
    fputc ('\n', stdout);
  fflush (stdout);
}

int
dlb_cli_handle_local_options (GApplication  *application,
                              GVariantDict  *options,
                              GPtrArray    **files)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *export_pdf_path = NULL;
  g_autofree char *export_json_path = NULL;
  g_autofree char *export_case_path = NULL;
  g_auto (GStrv) remaining = NULL;
  g_autoptr(DlbCase) c = NULL;
  g_autoptr(DlbAnalysis) analysis = NULL;
  DlbResult *result;
  g_autoptr(GError) error = NULL;
  DlbEngineOptions engine_options;
  gboolean analyze = FALSE;
  gboolean as_json = FALSE;
  gboolean brief = FALSE;
  gboolean version = FALSE;
  gint64 seed = 0;
  gboolean has_seed;
  const char *case_path = NULL;

  g_return_val_if_fail (options != NULL, 1);

  if (files != NULL)
    *files = g_ptr_array_new_with_free_func (g_free);

  g_variant_dict_lookup (options, "export-pdf", "^ay", &export_pdf_path);
  g_variant_dict_lookup (options, "export-json", "^ay", &export_json_path);
  g_variant_dict_lookup (options, "export-case", "^ay", &export_case_path);
  g_variant_dict_lookup (options, "analyze", "b", &analyze);
  g_variant_dict_lookup (options, "json", "b", &as_json);
  g_variant_dict_lookup (options, "brief", "b", &brief);
  g_variant_dict_lookup (options, "version", "b", &version);
  has_seed = g_variant_dict_lookup (options, "seed", "x", &seed);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^aay", &remaining);

  if (version)
    {
      g_print ("deliberate %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (brief && export_pdf_path == NULL)
    {
      g_printerr ("deliberate: %s\n", _("--brief goes with --export-pdf"));
      return 2;
    }

  if (export_pdf_path == NULL && export_json_path == NULL && export_case_path == NULL && !analyze)
    {
      if (as_json || has_seed)
        {
          g_printerr ("deliberate: %s\n", _("--json and --seed go with --analyze"));
          return 2;
        }
      for (guint i = 0; remaining != NULL && remaining[i] != NULL; i++)
        if (files != NULL)
          g_ptr_array_add (*files, g_strdup (remaining[i]));
      return -1;
    }

  if (remaining != NULL && g_strv_length (remaining) > 1)
    {
      g_printerr ("deliberate: %s\n", _("Give at most one CASE to export or analyse"));
      return 2;
    }
  if ((as_json || has_seed) && !analyze)
    {
      g_printerr ("deliberate: %s\n", _("--json and --seed go with --analyze"));
      return 2;
    }

  case_path = remaining != NULL ? remaining[0] : NULL;
  c = load_case (case_path, &history, &error);
  if (c == NULL)
    {
      print_error (case_path, error);
      return 1;
    }

  if (export_json_path != NULL && !export_json (c, export_json_path, &error))
    {
      print_error (export_json_path, error);
      return 1;
    }

  if (export_case_path != NULL && !export_case (c, export_case_path, &error))
    {
      print_error (export_case_path, error);
      return 1;
    }

  if (export_pdf_path == NULL && !analyze)
    return 0;

  /* One analysis serves both the memo and the printed summary. */
  dlb_engine_options_init (&engine_options);
  if (has_seed)
    engine_options.seed = (guint64) seed;
  analysis = dlb_analysis_new (c, &engine_options);
  result = dlb_analysis_update_sync (analysis);

  if (export_pdf_path != NULL && !export_pdf (c, result, history, brief, export_pdf_path, &error))
    {
      print_error (export_pdf_path, error);
      return 1;
    }

  if (analyze)
    print_analysis (c, result, as_json);

  return 0;
}
