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
  { "verify", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check that the memo MEMO.pdf was made from CASE as it is now"), N_("MEMO.pdf") },
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

/**
 * dlb_cli_init:
 *
 * Joins the parts of the core that do not know each other: a case file
 * keeps the fingerprint of its case, which the JSON writer makes, as its
 * checksum. Called before any case file is opened or written.
 */
void
dlb_cli_init (void)
{
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);
}

void
dlb_cli_add_main_option_entries (GApplication *application)
{
  g_autofree char *description = NULL;

  g_return_if_fail (G_IS_APPLICATION (application));

  g_application_add_main_option_entries (application, main_entries);
  g_application_set_option_context_parameter_string (application, _("[CASE]"));
  g_application_set_option_context_summary (application,
    _("Weigh a technology partnership and write the recommendation memo.\n"
      "CASE is a .deliberate case file or a .json case; without one, the commands\n"
      "below use the built-in Ring–Chicago Police Department example."));
  description = g_strconcat (
    _("--verify exits with status 0 when the memo was made from CASE as it is now,\n"
      "1 when it was made from another case or CASE changed since, 2 when the\n"
      "command line is wrong or CASE cannot be read, and 3 when MEMO.pdf cannot\n"
      "be read or is not a memo made by Deliberate."), "\n\n",
    _("Every command exits with status 4 when CASE was changed outside Deliberate\n"
      "or is damaged (its content does not match the checksum it keeps), and then\n"
      "writes nothing, except --export-case alone, which writes a repaired copy."), "\n", NULL);
  g_application_set_option_context_description (application, description);
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

/**
 * dlb_cli_dup_memo_stamp:
 * @c: a case
 * @store: (nullable): the case file @c lives in, if any
 *
 * What a memo of @c keeps of it: its fingerprint and, for a case file,
 * the file's identity and how far its journal has come. The application's
 * export uses it too, so a memo carries the same stamp whichever made it.
 *
 * Returns: (transfer full): the stamp
 */
DlbMemoStamp *
dlb_cli_dup_memo_stamp (DlbCase  *c,
                        DlbStore *store)
{
  g_autofree char *fingerprint = NULL;
  guint64 count = 0;
  gboolean counted = FALSE;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);
  g_return_val_if_fail (store == NULL || DLB_IS_STORE (store), NULL);

  fingerprint = dlb_json_dup_fingerprint (c);
  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* A journal that cannot be read only costs the count of edits. */
      counted = dlb_store_count_journal (store, &count, &error);
      if (!counted)
        g_debug ("The memo leaves out the journal's position: %s", error->message);
    }

  return dlb_memo_stamp_new (fingerprint,
                             store != NULL ? dlb_store_get_identity (store) : NULL,
                             counted ? (gint64) MIN (count, (guint64) G_MAXINT64) : -1);
}

/* The exit status of every command when CASE's content does not match
 * its checksum. */
#define EXIT_CHANGED 4

static DlbCase *
load_case (const char     *path,
           gboolean       *repaired,
           GPtrArray     **history,
           DlbMemoStamp  **stamp,
           GError        **error)
{
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbCase) loaded = NULL;

  if (path == NULL)
    {
      loaded = dlb_example_load (error);
      if (loaded != NULL && stamp != NULL)
        *stamp = dlb_cli_dup_memo_stamp (loaded, NULL);
      return g_steal_pointer (&loaded);
    }

  if (!dlb_file_check_regular (path, error))
    return NULL;

  if (dlb_file_kind_for_path (path) == DLB_FILE_KIND_JSON)
    {
      loaded = dlb_json_read_case_from_file (path, error);
      if (loaded != NULL && stamp != NULL)
        *stamp = dlb_cli_dup_memo_stamp (loaded, NULL);
      return g_steal_pointer (&loaded);
    }

  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, error);
  if (store == NULL)
    return NULL;

  /* A case that was changed outside Deliberate is not made into a memo or
   * an export as if nothing happened; a copy of it as a case file is the
   * way to take it as it now is. */
  if (dlb_store_get_damage (store) != NULL)
    {
      if (repaired == NULL)
        {
          g_propagate_error (error, g_error_copy (dlb_store_get_damage (store)));
          return NULL;
        }
      print_error (path, dlb_store_get_damage (store));
      *repaired = TRUE;
    }

  /* The memo's audit trail comes from the journal, read while it is open;
   * one that cannot be read leaves the appendix out. */
  if (history != NULL && dlb_case_get_memo_history (dlb_store_get_case (store)))
    *history = dlb_store_dup_history (store, NULL);
  if (stamp != NULL)
    *stamp = dlb_cli_dup_memo_stamp (dlb_store_get_case (store), store);

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
  dlb_cli_init ();
  return load_case (path, NULL, NULL, NULL, error);
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
export_pdf (DlbCase            *c,
            DlbResult          *result,
            GPtrArray          *history,
            gboolean            brief,
            const DlbMemoStamp *stamp,
            const char         *out,
            GError            **error)
{
  g_autoptr(DlbDocument) doc = NULL;
  DlbMemoOptions options;

  dlb_memo_options_init (&options);
  options.history = history;
  options.brief = brief;
  options.stamp = stamp;
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

/* --verify's exit statuses, as the --help text gives them. */
enum
{
  VERIFY_SAME = 0,
  VERIFY_DIFFERENT = 1,
  VERIFY_CASE_UNREADABLE = 2,
  VERIFY_NOT_A_MEMO = 3,
};

/* Says whether the memo at @memo_path was made from the case at
 * @case_path (NULL: the built-in example) as it is now and, when not,
 * what differs, and returns the exit status. */
static int
verify_memo (const char *memo_path,
             const char *case_path)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(DlbMemoStamp) memo = NULL;
  g_autoptr(DlbMemoStamp) now = NULL;
  g_autoptr(DlbCase) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (memo_path);
  g_autofree char *memo_short = NULL;
  g_autofree char *case_short = NULL;

  /* A named pipe would never end; what it is matters less here than that
   * it is no PDF. */
  if (!dlb_file_check_regular (memo_path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _("This is not a PDF file"));
        }
      print_error (memo_path, error);
      return VERIFY_NOT_A_MEMO;
    }

  mapped = g_mapped_file_new (memo_path, FALSE, &error);
  if (mapped == NULL)
    {
      print_error (memo_path, error);
      return VERIFY_NOT_A_MEMO;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  memo = dlb_memo_read_stamp (bytes);
  if (memo == NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (size < 5 || data == NULL || memcmp (data, "%PDF-", 5) != 0)
        g_set_error_literal (&error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                             _("This is not a PDF file"));
      else
        g_set_error_literal (&error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                             _("This PDF is not a memo made by Deliberate: it carries no case fingerprint"));
      print_error (memo_path, error);
      return VERIFY_NOT_A_MEMO;
    }

  c = load_case (case_path, NULL, NULL, &now, &error);
  if (c == NULL)
    {
      print_error (case_path, error);
      return g_error_matches (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CHANGED)
             ? EXIT_CHANGED : VERIFY_CASE_UNREADABLE;
    }

  memo_short = dlb_memo_stamp_dup_short (memo);
  case_short = dlb_memo_stamp_dup_short (now);

  if (g_str_equal (memo->fingerprint, now->fingerprint))
    {
      /* Translators: the first %s is a file name, the second the case's fingerprint */
      g_print (_("“%s” matches the case as it is now (fingerprint %s).\n"), name, case_short);
      return VERIFY_SAME;
    }

  if (memo->case_identity != NULL && now->case_identity != NULL
      && g_str_equal (memo->case_identity, now->case_identity))
    {
      if (memo->journal_position >= 0 && now->journal_position > memo->journal_position)
        {
          guint n = (guint) MIN (now->journal_position - memo->journal_position, (gint64) G_MAXUINT);

          /* Translators: %s is a file name, %u how many entries the case's journal gained */
          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is out of date: the case has changed since the memo was made "
                                "(%u journal entry since then).\n",
                                "“%s” is out of date: the case has changed since the memo was made "
                                "(%u journal entries since then).\n", n),
                   name, n);
        }
      else
        /* Translators: %s is a file name */
        g_print (_("“%s” is out of date: the case has changed since the memo was made.\n"), name);
      return VERIFY_DIFFERENT;
    }

  if (memo->case_identity != NULL && now->case_identity != NULL)
    /* Translators: %s is a file name, then the memo's and the case's fingerprints */
    g_print (_("“%s” was made from a different case (fingerprint %s; this case’s is %s).\n"),
             name, memo_short, case_short);
  else
    /* Translators: %s is a file name, then the memo's and the case's fingerprints */
    g_print (_("“%s” does not match the case as it is now: it was made from a different case, "
               "or from this one before it changed (fingerprint %s; this case’s is %s).\n"),
             name, memo_short, case_short);
  return VERIFY_DIFFERENT;
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
  g_autofree char *verify_path = NULL;
  g_autoptr(DlbMemoStamp) stamp = NULL;
  g_auto (GStrv) remaining = NULL;
  g_autoptr(DlbCase) c = NULL;
  g_autoptr(DlbAnalysis) analysis = NULL;
  DlbResult *result;
  g_autoptr(GError) error = NULL;
  DlbEngineOptions engine_options;
  gboolean analyze = FALSE;
  gboolean repaired = FALSE;
  gboolean as_json = FALSE;
  gboolean brief = FALSE;
  gboolean version = FALSE;
  gint64 seed = 0;
  gboolean has_seed;
  const char *case_path = NULL;

  g_return_val_if_fail (options != NULL, 1);

  dlb_cli_init ();

  if (files != NULL)
    *files = g_ptr_array_new_with_free_func (g_free);

  g_variant_dict_lookup (options, "export-pdf", "^ay", &export_pdf_path);
  g_variant_dict_lookup (options, "export-json", "^ay", &export_json_path);
  g_variant_dict_lookup (options, "export-case", "^ay", &export_case_path);
  g_variant_dict_lookup (options, "verify", "^ay", &verify_path);
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

  if (brief && export_pdf_path == NULL && verify_path == NULL)
    {
      g_printerr ("deliberate: %s\n", _("--brief goes with --export-pdf"));
      return 2;
    }

  if (verify_path != NULL)
    {
      if (export_pdf_path != NULL || export_json_path != NULL || export_case_path != NULL
          || analyze || as_json || has_seed || brief)
        {
          g_printerr ("deliberate: %s\n", _("--verify goes alone, with at most one CASE"));
          return VERIFY_CASE_UNREADABLE;
        }
      if (remaining != NULL && g_strv_length (remaining) > 1)
        {
          g_printerr ("deliberate: %s\n", _("Give at most one CASE to verify the memo against"));
          return VERIFY_CASE_UNREADABLE;
        }
      return verify_memo (verify_path, remaining != NULL ? remaining[0] : NULL);
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
  if (has_seed && seed < 0)
    {
      g_printerr ("deliberate: %s\n", _("--seed is a whole number from 0 up; a negative seed is not one."));
      return 2;
    }

  case_path = remaining != NULL ? remaining[0] : NULL;
  c = load_case (case_path,
                 export_case_path != NULL && export_pdf_path == NULL && export_json_path == NULL && !analyze
                 ? &repaired : NULL,
                 &history, export_pdf_path != NULL ? &stamp : NULL, &error);
  if (c == NULL)
    {
      print_error (case_path, error);
      if (g_error_matches (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CHANGED))
        {
          g_printerr ("deliberate: %s\n",
                      _("Nothing was written. To go on with the case as it now is, write a repaired "
                        "copy of it with --export-case OUT.deliberate."));
          return EXIT_CHANGED;
        }
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

  if (repaired)
    {
      g_autofree char *name = g_filename_display_basename (export_case_path);

      g_printerr ("deliberate: ");
      /* Translators: %s is a file name */
      g_printerr (_("“%s” is a repaired copy of the case as it was read, with a new checksum: "
                    "check its content before relying on it."), name);
      g_printerr ("\n");
      return EXIT_CHANGED;
    }

  if (export_pdf_path == NULL && !analyze)
    return 0;

  /* One analysis serves both the memo and the printed summary. */
  dlb_engine_options_init (&engine_options);
  if (has_seed)
    engine_options.seed = (guint64) seed;
  analysis = dlb_analysis_new (c, &engine_options);
  result = dlb_analysis_update_sync (analysis);

  if (export_pdf_path != NULL && !export_pdf (c, result, history, brief, stamp, export_pdf_path, &error))
    {
      print_error (export_pdf_path, error);
      return 1;
    }

  if (analyze)
    print_analysis (c, result, as_json);

  return 0;
}
