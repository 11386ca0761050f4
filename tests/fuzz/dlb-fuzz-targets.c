/* dlb-fuzz-targets.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dlb-fuzz-targets.h"
#include "dlb-json.h"
#include "dlb-store.h"

/* A refusal is a message a person can read. */
static void
check_refusal (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* The format's promise: a case read from JSON writes the same bytes
 * again after another round. */
static void
check_round_trip (DlbCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;

  first = dlb_json_write_case (kase, &first_length);
  again = dlb_json_read_case (first, first_length, &error);
  if (again == NULL)
    g_error ("A case's own export is refused: %s", error->message);
  second = dlb_json_write_case (again, &second_length);
  g_assert_cmpmem (first, first_length, second, second_length);
}

gboolean
dlb_fuzz_json (const guint8 *data,
               gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) kase = NULL;

  kase = dlb_json_read_case ((const char *) data, size, &error);
  if (kase == NULL)
    {
      check_refusal (error);
      return FALSE;
    }

  g_assert_no_error (error);
  check_round_trip (kase);
  return TRUE;
}

static const char *
scratch_folder (void)
{
  static char *folder;

  if (folder == NULL)
    {
      g_autoptr(GError) error = NULL;

      folder = g_dir_make_tmp ("deliberate-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return folder;
}

/* SQLite's companions of a case file, which one input must not leave to
 * the next. */
static void
remove_case_file (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

static void
write_all (const char   *path,
           const guint8 *data,
           gsize         size)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      data += n;
      size -= (gsize) n;
    }
  g_assert_cmpint (close (fd), ==, 0);
}

gboolean
dlb_fuzz_case_file (const guint8 *data,
                    gsize         size)
{
  g_autofree char *path = g_build_filename (scratch_folder (), "input.deliberate", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GPtrArray *history;
  DlbStore *store;
  gsize length;

  /* The store checks a case file's content against the checksum it
   * keeps, computed as the program computes it. */
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);
  remove_case_file (path);
  write_all (path, data, size);

  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      check_refusal (error);
      remove_case_file (path);
      return FALSE;
    }

  g_assert_no_error (error);

  /* What the memo and the history window read, and the export. */
  history = dlb_store_dup_history (store, NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  history = dlb_store_get_journal (store, 50, NULL);
  g_clear_pointer (&history, g_ptr_array_unref);
  json = dlb_json_write_case (dlb_store_get_case (store), &length);
  g_assert_nonnull (json);

  dlb_store_close (store);
  g_object_unref (store);
  remove_case_file (path);
  return TRUE;
}
