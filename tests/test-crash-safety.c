/* test-crash-safety.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A case survives its program being killed at any moment. A child
 * process edits a case file through the store without end, saying after
 * each edit the store acknowledged which one it was; it is killed with
 * SIGKILL at a random moment, and the file is reopened: SQLite finds it
 * whole, its checksum matches, and the last acknowledged edit is in it.
 * The same for `deliberate --export-case` and `--export-pdf` killed
 * midway: the output is absent or complete, the input is as it was, and
 * what a killed write left is gone after the next one.
 *
 * DLB_CRASH_KILLS sets how many times the editor is killed (30 by
 * default; `make crash-test` asks for 200), DLB_CRASH_EXPORT_KILLS how
 * many times each export is (10 by default). */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dlb-example.h"
#include "dlb-json.h"
#include "dlb-model.h"
#include "dlb-store.h"
#include "dlb-test-files.h"

#define EDIT_TITLE "Edit %u"
#define EDIT_STAKEHOLDER "Stakeholder %u"
/* Stakeholders the editor adds are taken away again beyond this many. */
#define MAX_ADDED 12

static char *self_path;

static guint
env_count (const char *name,
           guint       fallback)
{
  const char *value = g_getenv (name);

  if (value == NULL || *value == '\0')
    return fallback;
  return (guint) g_ascii_strtoull (value, NULL, 10);
}

/* The number of the edit a case's title records, 0 for none. */
static guint
edit_number (DlbCase *c)
{
  const char *title = dlb_case_get_title (c);
  guint n = 0;

  if (sscanf (title, EDIT_TITLE, &n) != 1)
    return 0;
  return n;
}

static DlbEntity *
find_stakeholder (DlbCase    *c,
                  const char *name,
                  guint      *n_added)
{
  GListModel *list = dlb_case_get_list (c, DLB_KIND_STAKEHOLDER);
  DlbEntity *found = NULL;

  if (n_added != NULL)
    *n_added = 0;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlbStakeholder) s = g_list_model_get_item (list, i);
      const char *s_name = dlb_stakeholder_get_name (s);

      if (n_added != NULL && g_str_has_prefix (s_name, "Stakeholder "))
        (*n_added)++;
      if (found == NULL && name != NULL && g_strcmp0 (s_name, name) == 0)
        found = DLB_ENTITY (s);
    }
  return found;
}

static DlbEntity *
first_added (DlbCase *c)
{
  GListModel *list = dlb_case_get_list (c, DLB_KIND_STAKEHOLDER);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlbStakeholder) s = g_list_model_get_item (list, i);

      if (g_str_has_prefix (dlb_stakeholder_get_name (s), "Stakeholder "))
        return DLB_ENTITY (s);
    }
  return NULL;
}

static gboolean
set_title (DlbCase  *c,
           guint     n,
           GError  **error)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_STRING);
  g_value_take_string (&v, g_strdup_printf (EDIT_TITLE, n));
  return dlb_case_set_field (c, DLB_ENTITY (c), DLB_CASE_TITLE, &v, error);
}

/* Edit number @n: a field, or a gesture of several rows in one group
 * (a new stakeholder, the oldest one taken away, one moved). */
static gboolean
make_edit (DlbCase  *c,
           guint     n,
           GError  **error)
{
  guint n_added;

  switch (n % 4)
    {
    case 0:
    case 1:
      return set_title (c, n, error);

    case 2:
      {
        g_autofree char *name = g_strdup_printf (EDIT_STAKEHOLDER, n);
        g_autoptr(DlbStakeholder) s = dlb_stakeholder_new (name);

        return dlb_case_begin_group (c, "Add a stakeholder", error)
               && set_title (c, n, error)
               && dlb_case_insert (c, DLB_ENTITY (s), 0, error)
               && dlb_case_commit_group (c, error);
      }

    default:
      find_stakeholder (c, NULL, &n_added);
      if (!dlb_case_begin_group (c, "Tidy the stakeholders", error) || !set_title (c, n, error))
        return FALSE;
      if (n_added > MAX_ADDED && !dlb_case_remove (c, first_added (c), error))
        return FALSE;
      if (first_added (c) != NULL && !dlb_case_move (c, first_added (c), 1, error))
        return FALSE;
      return dlb_case_commit_group (c, error);
    }
}

/* The child: edits the case at @path until it is killed, writing the
 * number of each acknowledged edit on a line of its own. */
static int
run_editor (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  DlbCase *c;
  guint n;

  if (store == NULL)
    {
      g_printerr ("editor: %s\n", error->message);
      return 1;
    }
  c = dlb_store_get_case (store);
  n = edit_number (c);

  for (;;)
    {
      char line[32];
      int length;

      n++;
      if (!make_edit (c, n, &error))
        {
          g_printerr ("editor: edit %u: %s\n", n, error->message);
          return 1;
        }
      length = g_snprintf (line, sizeof line, "%u\n", n);
      if (write (STDOUT_FILENO, line, (size_t) length) != length)
        return 1;
    }
}

/* What SQLite's own check says of the file, "ok" when it is whole. */
static char *
integrity_of (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result;

  /* Read-write, as the next open is: a killed writer's journal is
   * rolled back first. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

static void
write_example (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) example = dlb_example_load (&error);

  g_assert_no_error (error);
  g_assert_true (dlb_store_write_case (example, path, &error));
  g_assert_no_error (error);
}

/* Reads whole lines from @fd until @deadline (monotonic time) and keeps
 * the number on the last one. FALSE once the other end is closed. */
static gboolean
read_acks (int      fd,
           GString *pending,
           guint   *last,
           gint64   deadline)
{
  for (;;)
    {
      struct pollfd p = { fd, POLLIN, 0 };
      gint64 now = g_get_monotonic_time ();
      int timeout = deadline < 0 ? 0 : (int) MAX (0, (deadline - now) / 1000);
      char buffer[4096];
      ssize_t n;
      char *newline;

      if (poll (&p, 1, timeout) <= 0)
        return TRUE;
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (pending, buffer, n);
      while ((newline = strchr (pending->str, '\n')) != NULL)
        {
          *last = (guint) g_ascii_strtoull (pending->str, NULL, 10);
          g_string_erase (pending, 0, newline - pending->str + 1);
        }
      if (deadline >= 0 && g_get_monotonic_time () >= deadline)
        return TRUE;
    }
}

static GPid
spawn (const char * const *argv,
       int                *out_fd)
{
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, out_fd, NULL, &error));
  g_assert_no_error (error);
  return pid;
}

/* Kills @pid unless it is gone already; TRUE when the kill is what ended it. */
static gboolean
kill_and_reap (GPid pid)
{
  int status = 0;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (WIFEXITED (status))
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
}

static void
test_edits_killed (DlbTestFolder *folder,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (folder->dir, "case.deliberate", NULL);
  const char *argv[] = { self_path, "--edit-child", path, NULL };
  guint kills = env_count ("DLB_CRASH_KILLS", 30);
  guint reached = 0, acknowledged_total = 0, killed_in_transaction = 0;

  gint64 first_edit;

  write_example (path);

  /* How long the editor takes here to open the case and make its first
   * edit (much longer with the sanitizers): the kills fall from before
   * that until well into a run of edits. */
  {
    g_autoptr(GString) pending = g_string_new (NULL);
    gint64 start = g_get_monotonic_time ();
    guint ack = 0;
    int out = -1;
    GPid pid = spawn (argv, &out);

    while (ack == 0 && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
      if (!read_acks (out, pending, &ack, g_get_monotonic_time () + 10000))
        break;
    first_edit = g_get_monotonic_time () - start;
    kill_and_reap (pid);
    close (out);
    g_assert_cmpuint (ack, >, 0);
  }

  for (guint k = 0; k < kills; k++)
    {
      g_autoptr(GString) pending = g_string_new (NULL);
      g_autoptr(DlbStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *integrity = NULL;
      DlbCase *c;
      guint ack = 0, found;
      int out = -1;
      GPid pid;
      gint64 delay = g_random_int_range (0, (gint32) MIN (first_edit * 2 + 50000, G_MAXINT32));

      pid = spawn (argv, &out);
      read_acks (out, pending, &ack, g_get_monotonic_time () + delay);
      g_assert_true (kill_and_reap (pid));
      /* Lines the child wrote before it died. */
      read_acks (out, pending, &ack, -1);
      close (out);

      integrity = integrity_of (path);
      g_assert_cmpstr (integrity, ==, "ok");

      store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_null (dlb_store_get_damage (store));
      c = dlb_store_get_case (store);
      found = edit_number (c);

      if (ack > 0)
        {
          /* The last acknowledged edit is there; at most the one after it,
           * committed but not yet said, is there too. */
          g_assert_cmpuint (found, >=, ack);
          g_assert_cmpuint (found, <=, ack + 1);
          acknowledged_total++;
        }
      else
        g_assert_cmpuint (found, >=, reached);
      if (ack > 0 && found == ack + 1)
        killed_in_transaction++;
      /* A gesture of several rows is all there or not at all. */
      if (found % 4 == 2)
        {
          g_autofree char *name = g_strdup_printf (EDIT_STAKEHOLDER, found);

          g_assert_nonnull (find_stakeholder (c, name, NULL));
        }
      reached = found;
      dlb_store_close (store);
    }

  g_test_message ("%u kills, %u during a run of edits, %u after a commit before its acknowledgement; "
                  "%u edits in all, 0 lost, 0 integrity failures",
                  kills, acknowledged_total, killed_in_transaction, reached);
  g_assert_cmpuint (reached, >, 0);
}

/* Export ------------------------------------------------------------------ */

typedef enum
{
  EXPORT_CASE,
  EXPORT_PDF,
} ExportKind;

static gint64
run_to_end (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  return g_get_monotonic_time () - start;
}

/* The output at @out is the whole export of the case at @input. */
static void
assert_complete (ExportKind  kind,
                 const char *input,
                 const char *out)
{
  if (kind == EXPORT_CASE)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlbStore) written = NULL, original = NULL;
      g_autofree char *integrity = integrity_of (out);
      g_autofree char *a = NULL, *b = NULL;

      g_assert_cmpstr (integrity, ==, "ok");
      written = dlb_store_open (out, DLB_STORE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_null (dlb_store_get_damage (written));
      original = dlb_store_open (input, DLB_STORE_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      a = dlb_json_dup_fingerprint (dlb_store_get_case (written));
      b = dlb_json_dup_fingerprint (dlb_store_get_case (original));
      g_assert_cmpstr (a, ==, b);
    }
  else
    {
      const char *exe = g_getenv ("DELIBERATE_EXE");
      const char *argv[] = { exe, input, "--verify", out, NULL };

      /* --verify reads the whole PDF, its fingerprint included, and
       * exits 0 only when it is the memo of the case as it is. */
      run_to_end (argv);
    }
}

/* The state of the input file and of any file SQLite keeps beside it. */
static char *
input_state (const char *dir,
             const char *input)
{
  g_autofree char *state = dlb_test_folder_state (dir);
  g_autofree char *base = g_path_get_basename (input);
  g_auto(GStrv) lines = g_strsplit (state, "\n", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], base))
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

/* What the folder holds besides the input and the output: only the
 * named temporary files of a killed write. */
static guint
count_leftovers (const char *dir,
                 const char *input,
                 const char *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *in_base = g_path_get_basename (input);
  g_autofree char *out_base = g_path_get_basename (out);
  g_autofree char *prefix = g_strconcat (".", out_base, ".", NULL);
  const char *name;
  guint count = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (strcmp (name, in_base) == 0 || strcmp (name, out_base) == 0)
        continue;
      if (!g_str_has_prefix (name, prefix) || strstr (name, ".part") == NULL)
        g_error ("a killed export left “%s” beside its output", name);
      count++;
    }
  return count;
}

static void
test_export_killed (DlbTestFolder *folder,
                    gconstpointer  data)
{
  ExportKind kind = GPOINTER_TO_INT (data);
  const char *exe = g_getenv ("DELIBERATE_EXE");
  g_autofree char *input = g_build_filename (folder->dir, "input.deliberate", NULL);
  g_autofree char *out = g_build_filename (folder->dir, kind == EXPORT_CASE ? "out.deliberate" : "out.pdf", NULL);
  const char *argv[] = { exe, input, kind == EXPORT_CASE ? "--export-case" : "--export-pdf", out, NULL };
  g_autofree char *before = NULL;
  g_autofree char *input_before = NULL;
  guint kills = env_count ("DLB_CRASH_EXPORT_KILLS", 10);
  guint absent = 0, complete = 0, left = 0;
  gint64 duration;

  g_assert_nonnull (exe);
  write_example (input);
  before = dlb_test_folder_state (folder->dir);
  input_before = input_state (folder->dir, input);

  /* How long an export takes here: the kills fall within it. */
  duration = run_to_end (argv);
  g_unlink (out);

  for (guint k = 0; k < kills; k++)
    {
      g_autofree char *after = NULL;
      g_autofree char *input_after = NULL;
      GPid pid;
      int out_fd = -1;

      /* Half the time there is an earlier export to replace. */
      if (k % 2 == 1)
        run_to_end (argv);
      else
        g_unlink (out);

      pid = spawn (argv, &out_fd);
      g_usleep (g_random_int_range (0, (gint32) MIN (duration * 11 / 10, G_MAXINT32)));
      kill_and_reap (pid);
      close (out_fd);

      input_after = input_state (folder->dir, input);
      g_assert_cmpstr (input_after, ==, input_before);
      if (g_file_test (out, G_FILE_TEST_EXISTS))
        {
          assert_complete (kind, input, out);
          complete++;
        }
      else
        absent++;
      left += count_leftovers (folder->dir, input, out);

      /* The next export removes what the killed one left. */
      run_to_end (argv);
      assert_complete (kind, input, out);
      g_assert_cmpuint (count_leftovers (folder->dir, input, out), ==, 0);
      g_unlink (out);

      after = dlb_test_folder_state (folder->dir);
      g_assert_cmpstr (after, ==, before);
    }

  g_test_message ("%u kills: output absent %u times, complete %u times; "
                  "%u temporary files left by killed exports, all removed by the next one",
                  kills, absent, complete, left);
}

int
main (int   argc,
      char *argv[])
{
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);

  if (argc == 3 && strcmp (argv[1], "--edit-child") == 0)
    return run_editor (argv[2]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash-safety/edits-killed", DlbTestFolder, NULL,
              dlb_test_folder_set_up, test_edits_killed, dlb_test_folder_tear_down);
  g_test_add ("/crash-safety/export-case-killed", DlbTestFolder, GINT_TO_POINTER (EXPORT_CASE),
              dlb_test_folder_set_up, test_export_killed, dlb_test_folder_tear_down);
  g_test_add ("/crash-safety/export-pdf-killed", DlbTestFolder, GINT_TO_POINTER (EXPORT_PDF),
              dlb_test_folder_set_up, test_export_killed, dlb_test_folder_tear_down);

  return g_test_run ();
}
