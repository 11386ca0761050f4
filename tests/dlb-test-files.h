/* dlb-test-files.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

/* What the tests of case files on disk share: a folder of their own, a
 * look at everything in it, and SQL run on a file behind Deliberate's
 * back, as another program would. GLib and SQLite only. */

typedef struct
{
  char *dir;
} DlbTestFolder;

static inline void
dlb_test_folder_set_up (DlbTestFolder *folder,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  folder->dir = g_dir_make_tmp ("deliberate-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static inline void
dlb_test_folder_tear_down (DlbTestFolder *folder,
                           gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (folder->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (folder->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (folder->dir);
  g_free (folder->dir);
}

static inline int
dlb_test_compare_lines (gconstpointer a,
                        gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every file in @folder with the hash of its bytes, one a line, sorted:
 * what a read must leave exactly as it was. */
static inline char *
dlb_test_folder_state (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *data = NULL;
      g_autofree char *hash = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
      g_ptr_array_add (lines, g_strdup_printf ("%s %s", name, hash));
    }
  g_ptr_array_sort (lines, dlb_test_compare_lines);
  g_ptr_array_add (lines, NULL);

  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* A connection of the test's own to the file at @path, made if need be. */
static inline sqlite3 *
dlb_test_open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  return db;
}

static inline void
dlb_test_exec_raw (sqlite3    *db,
                   const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Runs @sql on the file at @path with a connection of its own. */
static inline void
dlb_test_exec_sql (const char *path,
                   const char *sql)
{
  sqlite3 *db = dlb_test_open_raw (path);

  dlb_test_exec_raw (db, sql);
  sqlite3_close (db);
}

/* The one number @sql gives, read with a connection of its own. */
static inline gint64
dlb_test_query_int (const char *path,
                    const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
