/* dlb-memo-export.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-memo-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-memo-export.h"

#include "dlb-analysis.h"
#include "dlb-cli.h"
#include "dlb-file.h"

G_DEFINE_QUARK (dlb-memo-export-error-quark, dlb_memo_export_error)

#define PRINT_DOCUMENT_KEY "dlb-memo-document"
#define PRINT_ERROR_KEY    "dlb-memo-print-error"

DlbPaperSize
dlb_memo_export_get_paper_preference (GSettings *settings)
{
  int value;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), DLB_PAPER_AUTO);

  if (settings == NULL)
    return DLB_PAPER_AUTO;

  /* The schema's enum shares the values of DlbPaperSize. */
  value = g_settings_get_enum (settings, "paper-size");
  switch (value)
    {
    case DLB_PAPER_LETTER:
    case DLB_PAPER_A4:
      return (DlbPaperSize) value;
    default:
      return DLB_PAPER_AUTO;
    }
}

/* What a memo is built from, read from the case file and the case in the
 * main thread: the build itself may then run in any thread. */
typedef struct
{
  DlbCase        *kase;
  DlbResult      *result;
  GPtrArray      *history;
  DlbMemoStamp   *stamp;
  DlbMemoOptions  options;
} MemoJob;

static void
memo_job_free (MemoJob *job)
{
  g_clear_object (&job->kase);
  g_clear_object (&job->result);
  g_clear_pointer (&job->history, g_ptr_array_unref);
  g_clear_pointer (&job->stamp, dlb_memo_stamp_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MemoJob, memo_job_free)

/* @result is the analysis of @c as it is now. */
static MemoJob *
memo_job_new (DlbCase      *c,
              DlbResult    *result,
              DlbStore     *store,
              DlbPaperSize  preference,
              gboolean      brief,
              double        page_width,
              double        page_height)
{
  MemoJob *job = g_new0 (MemoJob, 1);

  job->kase = g_object_ref (c);
  job->result = g_object_ref (result);
  dlb_memo_options_init (&job->options);
  job->options.paper = preference;
  job->options.page_width = page_width;
  job->options.page_height = page_height;
  job->options.brief = brief;
  /* The audit trail, when the case asks for it; a history that cannot be
   * read leaves the appendix out rather than the memo. */
  if (store != NULL && !brief && dlb_case_get_memo_history (c))
    {
      g_autoptr(GError) error = NULL;

      job->history = dlb_store_dup_history (store, &error);
      if (job->history == NULL)
        g_warning ("The case's history is left out of the memo: %s", error->message);
    }
  job->options.history = job->history;
  job->stamp = dlb_cli_dup_memo_stamp (c, store);
  job->options.stamp = job->stamp;
  return job;
}

static DlbDocument *
memo_job_run (MemoJob *job)
{
  return dlb_memo_build (job->kase, job->result, &job->options);
}

static DlbDocument *
build_memo (DlbCase       *c,
            DlbStore      *store,
            DlbPaperSize   preference,
            gboolean       brief,
            double         page_width,
            double         page_height,
            DlbResult    **out_result)
{
  g_autoptr(MemoJob) job = NULL;
  DlbResult *result;

  /* The case's own analysis: computed now only if the last change has
   * not been analysed yet. */
  result = dlb_analysis_update_sync (dlb_analysis_for_case (c));
  job = memo_job_new (c, result, store, preference, brief, page_width, page_height);

  if (out_result != NULL)
    *out_result = g_object_ref (result);
  return memo_job_run (job);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DlbDocument *doc;

  if (g_task_return_error_if_cancelled (task))
    return;
  doc = memo_job_run (task_data);
  /* The pages are laid out here too, not when the memo is first drawn. */
  dlb_document_get_n_pages (doc);
  g_task_return_pointer (task, doc, g_object_unref);
}

void
dlb_memo_export_build_async (DlbCase             *c,
                             DlbStore            *store,
                             DlbPaperSize         preference,
                             gboolean             brief,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(DlbCase) snapshot = NULL;
  DlbAnalysis *analysis;
  MemoJob *job;

  g_return_if_fail (DLB_IS_CASE (c));
  g_return_if_fail (store == NULL || DLB_IS_STORE (store));

  analysis = dlb_analysis_for_case (c);
  g_return_if_fail (dlb_analysis_get_result (analysis) != NULL && !dlb_analysis_get_busy (analysis));

  /* The worker reads a copy: the case may change meanwhile, and the memo
   * is then of the case as it was asked for, stamp and all. */
  snapshot = dlb_case_copy (c, NULL, 0);
  job = memo_job_new (c, dlb_analysis_get_result (analysis), store, preference, brief, 0, 0);
  g_set_object (&job->kase, snapshot);
  job->options.own_fonts = TRUE;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlb_memo_export_build_async);
  g_task_set_task_data (task, job, (GDestroyNotify) memo_job_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, build_thread);
}

DlbDocument *
dlb_memo_export_build_finish (GAsyncResult  *res,
                              DlbResult    **out_result,
                              GError       **error)
{
  DlbDocument *doc;

  g_return_val_if_fail (g_task_is_valid (res, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (res)) == dlb_memo_export_build_async, NULL);
  g_return_val_if_fail (out_result == NULL || *out_result == NULL, NULL);

  doc = g_task_propagate_pointer (G_TASK (res), error);
  if (doc != NULL && out_result != NULL)
    *out_result = g_object_ref (((MemoJob *) g_task_get_task_data (G_TASK (res)))->result);
  return doc;
}

DlbDocument *
dlb_memo_export_build (DlbCase       *c,
                       DlbStore      *store,
                       DlbPaperSize   preference,
                       gboolean       brief,
                       DlbResult    **out_result)
{
  g_return_val_if_fail (DLB_IS_CASE (c), NULL);
  g_return_val_if_fail (out_result == NULL || *out_result == NULL, NULL);

  return build_memo (c, store, preference, brief, 0, 0, out_result);
}

DlbDocument *
dlb_memo_export_build_for_page (DlbCase  *c,
                                DlbStore *store,
                                gboolean  brief,
                                double    page_width,
                                double    page_height)
{
  g_return_val_if_fail (DLB_IS_CASE (c), NULL);
  g_return_val_if_fail (page_width > 0 && page_height > 0, NULL);

  return build_memo (c, store, DLB_PAPER_AUTO, brief, page_width, page_height, NULL);
}

char *
dlb_memo_export_suggest_name (DlbCase  *c,
                              gboolean  brief)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (DLB_IS_CASE (c), NULL);

  base = dlb_file_name_from_title (dlb_case_get_title (c));
  if (brief)
    /* Translators: the file name of the brief memo; %s is the case's title */
    return g_strdup_printf (_("%s (brief).pdf"), base);
  return g_strconcat (base, ".pdf", NULL);
}

static gboolean
write_to_stream (DlbDocument  *doc,
                 GFile        *file,
                 GError      **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFileOutputStream) stream = NULL;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  if (!dlb_memo_write_pdf_stream (doc, G_OUTPUT_STREAM (stream), NULL, error))
    {
      /* Closing a cancelled replace stream throws the new content away
       * and leaves the old file as it was. */
      g_cancellable_cancel (cancellable);
      g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

gboolean
dlb_memo_export_to_file (DlbDocument  *doc,
                         GFile        *file,
                         GError      **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (DLB_IS_DOCUMENT (doc), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    return dlb_memo_write_pdf (doc, path, error);

  return write_to_stream (doc, file, error);
}

void
dlb_memo_export_open_file (GtkWindow *parent,
                           GFile     *file)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);

  /* Through the OpenURI portal inside a sandbox. (GtkFileLauncher, its
   * successor, needs GTK 4.10.) */
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}

/* Printing */

static GtkPaperSize *
paper_size_for (DlbDocument *doc)
{
  double width = dlb_document_get_page_width (doc);
  double height = dlb_document_get_page_height (doc);

  /* Named sizes let the print dialog pick the matching tray. */
  if (G_APPROX_VALUE (width, DLB_PAPER_LETTER_WIDTH, 0.5) &&
      G_APPROX_VALUE (height, DLB_PAPER_LETTER_HEIGHT, 0.5))
    return gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  if (G_APPROX_VALUE (width, DLB_PAPER_A4_WIDTH, 0.5) &&
      G_APPROX_VALUE (height, DLB_PAPER_A4_HEIGHT, 0.5))
    return gtk_paper_size_new (GTK_PAPER_NAME_A4);

  return gtk_paper_size_new_custom ("deliberate-memo", _("Memo"), width, height, GTK_UNIT_POINTS);
}

typedef struct
{
  DlbMemoLayoutFunc layout;
  gpointer          user_data;
  GDestroyNotify    destroy;
} PrintLayout;

static void
print_layout_free (gpointer data)
{
  PrintLayout *layout = data;

  if (layout->destroy != NULL)
    layout->destroy (layout->user_data);
  g_free (layout);
}

/* The memo laid out for the paper and orientation picked in the print
 * dialog: the pages are set again for that sheet, never scaled to it. */
static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  PrintLayout *layout = user_data;
  DlbDocument *doc = g_object_get_data (G_OBJECT (operation), PRINT_DOCUMENT_KEY);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);

  if (!G_APPROX_VALUE (width, dlb_document_get_page_width (doc), 0.5) ||
      !G_APPROX_VALUE (height, dlb_document_get_page_height (doc), 0.5))
    {
      DlbDocument *relaid = layout->layout (width, height, layout->user_data);

      if (relaid != NULL)
        {
          g_object_set_data_full (G_OBJECT (operation), PRINT_DOCUMENT_KEY, relaid, g_object_unref);
          doc = relaid;
        }
    }
  gtk_print_operation_set_n_pages (operation, MAX (dlb_document_get_n_pages (doc), 1));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  DlbDocument *doc = g_object_get_data (G_OBJECT (operation), PRINT_DOCUMENT_KEY);
  g_autoptr(GError) error = NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  /* The whole sheet is ours (use-full-page): the memo brings its own
   * margins, and the printer's would come on top of them. Without a way
   * to lay the memo out again for another paper, its pages are scaled to
   * fit and centred. */
  if (!dlb_document_draw_page (doc, cr, page_nr,
                               gtk_print_context_get_width (context),
                               gtk_print_context_get_height (context),
                               &error))
    {
      if (g_object_get_data (G_OBJECT (operation), PRINT_ERROR_KEY) == NULL)
        g_object_set_data_full (G_OBJECT (operation), PRINT_ERROR_KEY,
                                g_steal_pointer (&error), (GDestroyNotify) g_error_free);
      gtk_print_operation_cancel (operation);
    }
}

GtkPrintOperation *
dlb_memo_print_operation_new (DlbDocument       *doc,
                              const char        *job_name,
                              DlbMemoLayoutFunc  layout,
                              gpointer           user_data,
                              GDestroyNotify     destroy)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GtkPaperSize) paper = NULL;
  GtkPrintOperation *operation;

  g_return_val_if_fail (DLB_IS_DOCUMENT (doc), NULL);

  paper = paper_size_for (doc);
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_paper_size (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, dlb_document_get_n_pages (doc));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (job_name != NULL && *job_name != '\0')
    gtk_print_operation_set_job_name (operation, job_name);

  g_object_set_data_full (G_OBJECT (operation), PRINT_DOCUMENT_KEY,
                          g_object_ref (doc), g_object_unref);
  if (layout != NULL)
    {
      PrintLayout *print_layout = g_new0 (PrintLayout, 1);

      print_layout->layout = layout;
      print_layout->user_data = user_data;
      print_layout->destroy = destroy;
      g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print),
                             print_layout, (GClosureNotify) (void (*) (void)) print_layout_free, 0);
    }
  else if (destroy != NULL)
    destroy (user_data);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), NULL);

  return operation;
}

/* The document @operation prints: the memo as laid out for the paper
 * chosen, once printing has begun. */
DlbDocument *
dlb_memo_print_operation_get_document (GtkPrintOperation *operation)
{
  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), NULL);

  return g_object_get_data (G_OBJECT (operation), PRINT_DOCUMENT_KEY);
}

gboolean
dlb_memo_print_operation_check (GtkPrintOperation        *operation,
                                GtkPrintOperationResult   result,
                                GError                  **error)
{
  const GError *draw_error;
  g_autoptr(GError) print_error = NULL;

  g_return_val_if_fail (GTK_IS_PRINT_OPERATION (operation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  draw_error = g_object_get_data (G_OBJECT (operation), PRINT_ERROR_KEY);
  if (draw_error != NULL)
    {
      g_set_error (error, DLB_MEMO_EXPORT_ERROR, DLB_MEMO_EXPORT_ERROR_PRINT,
                   /* Translators: %s says what went wrong */
                   _("The memo could not be printed: %s"), draw_error->message);
      return FALSE;
    }

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &print_error);
      g_set_error (error, DLB_MEMO_EXPORT_ERROR, DLB_MEMO_EXPORT_ERROR_PRINT,
                   /* Translators: %s says what went wrong */
                   _("The memo could not be printed: %s. Check the printer and try again."),
                   print_error != NULL ? print_error->message : _("the print system failed"));
      return FALSE;
    }

  return TRUE;
}
