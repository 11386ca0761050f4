/* test-file.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dlb-file.h"

static char *
make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("test-file-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_all (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_write_atomic (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "memo.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dlb_file_write_atomic (path, "first version, longer", 21, &error));
  g_assert_no_error (error);
  /* Replaced whole, never appended to or left half-written. */
  g_assert_true (dlb_file_write_atomic (path, "second", 6, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "second");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_all (dir);
}

/* The pid of a process that has ended. */
static int
ended_pid (void)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "true", NULL };
  GPid pid = 0;
  int status;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return pid;
}

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "partial", -1, NULL));
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
test_stale_temps (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *path = g_build_filename (dir, "memo.pdf", NULL);
  g_autofree char *dead = g_strdup_printf (".memo.pdf.%d-a1B2c3.part", ended_pid ());
  g_autofree char *dead_journal = g_strconcat (dead, "-journal", NULL);
  g_autofree char *alive = g_strdup_printf (".memo.pdf.%d-a1B2c3.part", (int) getppid ());
  g_autofree char *other = g_strdup_printf (".other.pdf.%d-a1B2c3.part", ended_pid ());
  g_autoptr(GError) error = NULL;

  /* What a killed export left, the write of a process still running, a
   * killed write to another file and a file that only looks similar. */
  touch (dir, dead);
  touch (dir, dead_journal);
  touch (dir, alive);
  touch (dir, other);
  touch (dir, ".memo.pdf.notes");

  g_assert_true (dlb_file_write_atomic (path, "memo", 4, &error));
  g_assert_no_error (error);

  g_assert_false (exists (dir, dead));
  g_assert_false (exists (dir, dead_journal));
  g_assert_true (exists (dir, alive));
  g_assert_true (exists (dir, other));
  g_assert_true (exists (dir, ".memo.pdf.notes"));
  g_assert_true (exists (dir, "memo.pdf"));
  g_assert_cmpuint (count_entries (dir), ==, 4);

  /* A named temporary file has the shape the clean-up knows. */
  {
    int fd = -1;
    g_autofree char *temp = dlb_file_create_temp (path, &fd, &error);
    g_autofree char *base = g_path_get_basename (temp);
    g_autofree char *prefix = g_strdup_printf (".memo.pdf.%d-", (int) getpid ());

    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (base, prefix));
    g_assert_true (g_str_has_suffix (base, ".part"));
    dlb_file_discard_temp (temp, fd);
  }

  remove_all (dir);
}

static void
test_write_fails_cleanly (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *file = g_build_filename (dir, "plain", NULL);
  g_autofree char *under_file = g_build_filename (file, "case.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", "case.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  /* A folder that is not there, a path under a file (which fails even for
   * root) and a destination that is a folder: an error naming the file,
   * and nothing left behind. */
  g_assert_false (dlb_file_write_atomic (missing, "data", 4, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "case.json"));
  g_clear_error (&error);

  g_assert_false (dlb_file_write_atomic (under_file, "data", 4, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_false (dlb_file_write_atomic (folder, "data", 4, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  remove_all (dir);
}

static void
test_kind_for_path (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *json_named_case = g_build_filename (dir, "export.deliberate", NULL);
  g_autofree char *case_named_json = g_build_filename (dir, "case.json", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty", NULL);
  char sqlite[32] = "SQLite format 3";

  g_assert_cmpint (dlb_file_kind_for_path ("/nowhere/a.json"), ==, DLB_FILE_KIND_JSON);
  g_assert_cmpint (dlb_file_kind_for_path ("/nowhere/a.JSON"), ==, DLB_FILE_KIND_JSON);
  g_assert_cmpint (dlb_file_kind_for_path ("/nowhere/a.deliberate"), ==, DLB_FILE_KIND_CASE);
  g_assert_cmpint (dlb_file_kind_for_path ("/nowhere/a"), ==, DLB_FILE_KIND_CASE);

  /* What a file holds counts before its name. */
  g_assert_true (g_file_set_contents (json_named_case, " \n {\"format\": 1}", -1, NULL));
  g_assert_cmpint (dlb_file_kind_for_path (json_named_case), ==, DLB_FILE_KIND_JSON);
  g_assert_true (g_file_set_contents (case_named_json, sqlite, sizeof sqlite, NULL));
  g_assert_cmpint (dlb_file_kind_for_path (case_named_json), ==, DLB_FILE_KIND_CASE);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_cmpint (dlb_file_kind_for_path (empty), ==, DLB_FILE_KIND_CASE);
  /* A folder is never read. */
  g_assert_cmpint (dlb_file_kind_for_path (dir), ==, DLB_FILE_KIND_CASE);

  remove_all (dir);
}

static void
test_names (void)
{
  static const struct { const char *title; const char *name; } cases[] = {
    { "Ring / CPD", "Ring - CPD" },
    { "", "Untitled case" },
    { NULL, "Untitled case" },
    { "...", "Untitled case" },
    { "..hidden", "hidden" },
    { "  Gunshot\tdetection\n", "Gunshot detection" },
    { "a\\b", "a-b" },
    { "Caf\xc3\xa9", "Caf\xc3\xa9" },
  };
  g_autofree char *long_title = g_strnfill (5000, 'x');
  g_autofree char *long_name = dlb_file_name_from_title (long_title);
  g_autofree char *invalid = dlb_file_name_from_title ("Bad \xff byte");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = dlb_file_name_from_title (cases[i].title);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
  g_assert_cmpuint (g_utf8_strlen (long_name, -1), ==, 80);
  g_assert_true (g_utf8_validate (invalid, -1, NULL));
  g_assert_null (strchr (invalid, '/'));
}

static void
test_unused_path (void)
{
  g_autofree char *dir = make_dir ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = dlb_file_unused_path (dir, "Ring", ".deliberate", &error);
  g_autofree char *second = NULL;
  g_autofree char *base = NULL;

  g_assert_no_error (error);
  base = g_path_get_basename (first);
  g_assert_cmpstr (base, ==, "Ring.deliberate");
  g_assert_true (g_file_set_contents (first, "", 0, NULL));
  second = dlb_file_unused_path (dir, "Ring", ".deliberate", &error);
  g_free (base);
  base = g_path_get_basename (second);
  g_assert_cmpstr (base, ==, "Ring (2).deliberate");
  remove_all (dir);
}

static void
test_display_name (void)
{
  g_autofree char *a = dlb_file_display_name ("/home/me/Ring partnership.deliberate");
  g_autofree char *b = dlb_file_display_name ("/home/me/notes.json");
  g_autofree char *c = dlb_file_display_name ("/home/me/.deliberate");

  g_assert_cmpstr (a, ==, "Ring partnership");
  g_assert_cmpstr (b, ==, "notes.json");
  g_assert_cmpstr (c, ==, ".deliberate");
}

/* Only a regular file is read; everything else is refused at once, by
 * what it is, and nothing is left behind. */
static void
test_check_regular (void)
{
  g_autofree char *dir = make_dir ();
  g_autofree char *regular = g_build_filename (dir, "case.deliberate", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.deliberate", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.deliberate", NULL);
  g_autofree char *loop = g_build_filename (dir, "loop.deliberate", NULL);
  g_autofree char *to_regular = g_build_filename (dir, "link.deliberate", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.deliberate", NULL);
  struct { const char *path; int code; const char *message; } cases[] = {
    { fifo, G_FILE_ERROR_INVAL, "“pipe.deliberate” is a named pipe, not a case file" },
    { folder, G_FILE_ERROR_ISDIR, "“folder.deliberate” is a folder, not a case file" },
    { loop, G_FILE_ERROR_LOOP, "“loop.deliberate” links to itself in a loop, not to a case file" },
    { missing, G_FILE_ERROR_NOENT, "“missing.deliberate” does not exist. Check the name and the folder." },
    { "/dev/null", G_FILE_ERROR_INVAL, "“null” is a device, not a case file" },
    { "/dev/zero", G_FILE_ERROR_INVAL, "“zero” is a device, not a case file" },
  };
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_true (g_file_set_contents (regular, "x", 1, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (symlink ("loop.deliberate", loop), ==, 0);
  g_assert_cmpint (symlink ("case.deliberate", to_regular), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_false (dlb_file_check_regular (cases[i].path, &error));
      g_assert_error (error, G_FILE_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
      g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
      g_clear_error (&error);
    }

  /* A link to a case file is the case file. */
  g_assert_true (dlb_file_check_regular (regular, &error));
  g_assert_no_error (error);
  g_assert_true (dlb_file_check_regular (to_regular, &error));
  g_assert_no_error (error);
  fd = dlb_file_open_regular (to_regular, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (close (fd), ==, 0);

  g_assert_cmpuint (count_entries (dir), ==, 5);
  for (guint i = 0; i < 3; i++)
    g_remove (cases[i].path);
  g_unlink (regular);
  g_unlink (to_regular);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/file/write-atomic", test_write_atomic);
  g_test_add_func ("/core/file/write-fails-cleanly", test_write_fails_cleanly);
  g_test_add_func ("/core/file/stale-temps", test_stale_temps);
  g_test_add_func ("/core/file/kind-for-path", test_kind_for_path);
  g_test_add_func ("/core/file/names", test_names);
  g_test_add_func ("/core/file/unused-path", test_unused_path);
  g_test_add_func ("/core/file/display-name", test_display_name);
  g_test_add_func ("/core/file/check-regular", test_check_regular);

  return g_test_run ();
}
