/* test-hostile-files.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dlb-example.h"
#include "dlb-json.h"
#include "dlb-model.h"
#include "dlb-schema.h"
#include "dlb-store.h"
#include "dlb-store-private.h"
#include "dlb-test-files.h"

/* A case file is untrusted input: one made to stall or to run code when
 * opened, one changed behind Deliberate's back, one with bytes flipped on
 * a bad disk, one left by another program mid-change, one two programs
 * want to write. Each is refused or read with a clear word, and none is
 * changed by being read. */

typedef DlbTestFolder Fixture;

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}




static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (to, data, length, NULL));
}

/* The Ring example as a case file, with a few edits in its journal. */
static char *
write_example (Fixture    *fixture,
               const char *name)
{
  char *path = fixture_path (fixture, name);
  g_autoptr(DlbCase) example = dlb_example_load (NULL);
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbEntity) first = NULL;
  g_auto (GValue) v = G_VALUE_INIT;
  DlbCase *c;

  g_assert_nonnull (example);
  store = dlb_store_create (path, example, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);

  first = g_list_model_get_item (dlb_case_get_list (c, DLB_KIND_STAKEHOLDER), 0);
  g_value_init (&v, G_TYPE_INT);
  for (int power = 1; power <= 3; power++)
    {
      g_value_set_int (&v, power);
      g_assert_true (dlb_case_set_field (c, first, DLB_STAKEHOLDER_POWER, &v, &error));
      g_assert_no_error (error);
    }
  g_assert_true (dlb_store_undo (store, &error));
  g_assert_no_error (error);

  return path;
}

static char *
fingerprint_of (DlbStore *store)
{
  return dlb_json_dup_fingerprint (dlb_store_get_case (store));
}

/* The journal as it reads, every row in full; NULL where it does not
 * read at all. */
static char *
journal_text (DlbStore *store)
{
  g_autoptr(GPtrArray) journal = dlb_store_get_journal (store, 0, NULL);
  GString *text;

  if (journal == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < journal->len; i++)
    {
      DlbJournalEntry *entry = g_ptr_array_index (journal, i);
      g_autofree char *time = g_date_time_format_iso8601 (dlb_journal_entry_get_time (entry));

      g_string_append_printf (text, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|%s|%s|%s\n",
                              dlb_journal_entry_get_group (entry), dlb_journal_entry_get_edit (entry),
                              time, dlb_journal_entry_get_action (entry), dlb_journal_entry_get_kind (entry),
                              dlb_journal_entry_get_entity_id (entry),
                              dlb_journal_entry_get_entity_name (entry),
                              dlb_journal_entry_get_field (entry), dlb_journal_entry_get_before (entry),
                              dlb_journal_entry_get_after (entry));
    }

  return g_string_free (text, FALSE);
}

/* Hostile schemas --------------------------------------------------------- */

/* Views and triggers that would spin for ever if they ran. */
#define ENDLESS "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r"

static void
test_hostile_schemas (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct {
    const char *sql;
    const char *named;
  } cases[] = {
    /* A table swapped for a view that never ends. */
    { "PRAGMA foreign_keys = OFF; DROP TABLE source; CREATE VIEW source AS " ENDLESS ";",
      "source" },
    { "CREATE VIEW spin AS " ENDLESS ";", "view “spin”" },
    { "CREATE TRIGGER spin AFTER UPDATE ON stakeholder BEGIN " ENDLESS "; END;", "trigger “spin”" },
    { "CREATE TRIGGER leak AFTER INSERT ON journal BEGIN "
      "UPDATE case_info SET notes = (SELECT group_concat (name) FROM stakeholder); END;",
      "trigger “leak”" },
    { "CREATE INDEX stakeholder_name ON stakeholder (name);", "index “stakeholder_name”" },
    { "DROP INDEX stakeholder_position;", "index “stakeholder_position”" },
    { "ALTER TABLE stakeholder ADD COLUMN secret TEXT;", "table “stakeholder”" },
    { "CREATE TABLE extra (x);", "table “extra”" },
    /* The schema's text changed in place: a CHECK that lets any power in. */
    { "PRAGMA writable_schema = ON;"
      "UPDATE sqlite_schema SET sql = replace (sql, 'power BETWEEN 1 AND 5', 'power BETWEEN 1 AND 99') "
      "WHERE name = 'stakeholder';", "table “stakeholder”" },
    /* A column's type and default changed in place. */
    { "PRAGMA writable_schema = ON;"
      "UPDATE sqlite_schema SET sql = replace (sql, 'weight      REAL NOT NULL DEFAULT 10', "
      "'weight      BLOB NOT NULL DEFAULT 10') WHERE name = 'criterion';", "table “criterion”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%u.deliberate", i);
      g_autofree char *path = write_example (fixture, name);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      dlb_test_exec_sql (path, cases[i].sql);
      before = dlb_test_folder_state (fixture->dir);

      for (guint read_only = 0; read_only < 2; read_only++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(DlbStore) store = NULL;
          gint64 started = g_get_monotonic_time ();

          store = dlb_store_open (path, read_only ? DLB_STORE_OPEN_READ_ONLY : DLB_STORE_OPEN_DEFAULT,
                                  &error);
          g_assert_null (store);
          g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT);
          g_test_message ("%s: %s", cases[i].sql, error->message);
          g_assert_nonnull (strstr (error->message, name));
          g_assert_nonnull (strstr (error->message, cases[i].named));
          /* Refused before anything of the file ran. */
          g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
        }

      after = dlb_test_folder_state (fixture->dir);
      g_assert_cmpstr (before, ==, after);
      g_unlink (path);
    }
}

/* A statement that runs past its time is stopped, wherever it comes from;
 * here a trigger let in on purpose, as no file could bring one. */
static void
test_slow_statement_stopped (Fixture       *fixture,
                             gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = write_example (fixture, "slow.deliberate");
      g_autoptr(DlbStore) store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, NULL);
      g_autoptr(DlbEntity) first = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_auto (GValue) v = G_VALUE_INIT;
      DlbCase *c = dlb_store_get_case (store);
      gint64 started;

      dlb_test_exec_sql (path, "CREATE TRIGGER spin BEFORE UPDATE ON stakeholder BEGIN " ENDLESS "; END;");
      _dlb_store_allow_file_triggers (store);
      _dlb_store_set_statement_limit (G_USEC_PER_SEC / 4);
      before = fingerprint_of (store);

      first = g_list_model_get_item (dlb_case_get_list (c, DLB_KIND_STAKEHOLDER), 0);
      g_value_init (&v, G_TYPE_INT);
      g_value_set_int (&v, 5);
      started = g_get_monotonic_time ();
      g_assert_false (dlb_case_set_field (c, first, DLB_STAKEHOLDER_POWER, &v, &error));
      g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_TOO_SLOW);
      g_assert_nonnull (strstr (error->message, "took too long"));
      g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);

      /* Nothing of the edit stayed, in the case or in the file. */
      after = fingerprint_of (store);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM journal"), ==, 4);
      return;
    }

  /* Should the limit fail, the test fails here after 30 s instead of
   * holding up the suite. */
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* Side files -------------------------------------------------------------- */

static void
assert_read_leaves_folder (Fixture    *fixture,
                           const char *path,
                           int         expected_code)
{
  g_autofree char *before = dlb_test_folder_state (fixture->dir);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbStore) store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);

  if (expected_code < 0)
    {
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_null (dlb_store_get_damage (store));
      g_assert_nonnull (dlb_store_dup_history (store, NULL));
      dlb_store_close (store);
    }
  else
    {
      g_assert_error (error, DLB_STORE_ERROR, expected_code);
      g_test_message ("%s", error->message);
    }

  after = dlb_test_folder_state (fixture->dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_leaves_side_files (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *plain = write_example (fixture, "plain.deliberate");
  g_autofree char *logged = fixture_path (fixture, "logged.deliberate");
  g_autofree char *pending = fixture_path (fixture, "pending.deliberate");
  g_autofree char *pending_log = fixture_path (fixture, "pending.deliberate-wal");
  g_autofree char *torn = fixture_path (fixture, "torn.deliberate");
  g_autofree char *torn_journal = fixture_path (fixture, "torn.deliberate-journal");
  g_autofree char *live_journal = g_strconcat (plain, "-journal", NULL);
  sqlite3 *db;

  /* Deliberate's own file, and an old one: read as they are. */
  assert_read_leaves_folder (fixture, plain, -1);

  /* A file another program switched to a write-ahead log, with no log
   * left beside it. */
  copy_file (plain, logged);
  dlb_test_exec_sql (logged, "PRAGMA journal_mode = WAL");
  assert_read_leaves_folder (fixture, logged, -1);

  /* The same with changes still in the log: refused, not altered. */
  copy_file (logged, pending);
  db = dlb_test_open_raw (pending);
  dlb_test_exec_raw (db, "UPDATE journal SET time = '2026-01-01T00:00:00Z' WHERE id = 1");
  {
    g_autofree char *log = g_strconcat (pending, "-wal", NULL);
    g_autofree char *copy = fixture_path (fixture, "pending-copy.deliberate");
    g_autofree char *log_copy = fixture_path (fixture, "pending-copy.deliberate-wal");

    copy_file (pending, copy);
    copy_file (log, log_copy);
    sqlite3_close (db);
    g_unlink (pending);
    g_rename (copy, pending);
    g_rename (log_copy, pending_log);
  }
  g_assert_true (g_file_test (pending_log, G_FILE_TEST_EXISTS));
  assert_read_leaves_folder (fixture, pending, DLB_STORE_ERROR_IN_USE);

  /* A change a crash left half-written, its journal beside it. */
  db = dlb_test_open_raw (plain);
  dlb_test_exec_raw (db, "PRAGMA cache_size = 1; BEGIN IMMEDIATE; "
                "UPDATE journal SET after = coalesce (after, '') || hex (zeroblob (200)); "
                "UPDATE case_info SET title = 'Half written';");
  copy_file (plain, torn);
  copy_file (live_journal, torn_journal);
  dlb_test_exec_raw (db, "ROLLBACK");
  sqlite3_close (db);
  assert_read_leaves_folder (fixture, torn, DLB_STORE_ERROR_IN_USE);

  /* Opening it for editing finishes the crash's work: the change is
   * rolled back and the journal goes. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlbStore) store = dlb_store_open (torn, DLB_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_null (dlb_store_get_damage (store));
    g_assert_cmpstr (dlb_case_get_title (dlb_store_get_case (store)), !=, "Half written");
  }
  g_assert_false (g_file_test (torn_journal, G_FILE_TEST_EXISTS));

  /* A logged file opened for editing takes its log in and leaves none. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlbStore) store = dlb_store_open (pending, DLB_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    dlb_store_close (store);
  }
  g_assert_false (g_file_test (pending_log, G_FILE_TEST_EXISTS));
  {
    g_autofree char *header = NULL;
    gsize length = 0;

    /* Back to the journal Deliberate keeps: bytes 18 and 19 say 1. */
    g_assert_true (g_file_get_contents (pending, &header, &length, NULL));
    g_assert_cmpint (header[18], ==, 1);
    g_assert_cmpint (header[19], ==, 1);
  }
}

/* An older file read for an export is not upgraded by the read. */
static void
test_read_does_not_upgrade (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *path = write_example (fixture, "old.deliberate");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Version 6, as the release before the checksum wrote it. */
  dlb_test_exec_sql (path, "ALTER TABLE case_info DROP COLUMN checksum; "
                                    "ALTER TABLE case_info DROP COLUMN journal_checksum; PRAGMA user_version = 6;");
  g_assert_cmpint (dlb_test_query_int (path, "SELECT count(*) FROM pragma_table_info ('case_info') "
                                    "WHERE name = 'checksum'"), ==, 0);
  before = dlb_test_folder_state (fixture->dir);

  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_null (dlb_store_get_damage (store));
  dlb_store_close (store);
  g_clear_object (&store);
  after = dlb_test_folder_state (fixture->dir);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, 6);

  /* Opened for editing, it is upgraded and gets its checksum. */
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (dlb_store_get_read_only (store));
  g_assert_cmpint (dlb_test_query_int (path, "PRAGMA user_version"), ==, DLB_SCHEMA_VERSION);
  {
    g_autofree char *fingerprint = fingerprint_of (store);
    g_autofree char *sql = g_strdup_printf ("SELECT checksum = '%s' FROM case_info", fingerprint);

    g_assert_cmpint (dlb_test_query_int (path, sql), ==, 1);
  }
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (dlb_store_get_damage (store));
}

/* The checksum ------------------------------------------------------------ */

static void
test_checksum_mismatch (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = write_example (fixture, "changed.deliberate");
  g_autofree char *copy_path = fixture_path (fixture, "repaired.deliberate");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *as_read = NULL;
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(DlbStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbEntity) first = NULL;
  g_auto (GValue) v = G_VALUE_INIT;
  const GError *damage;

  /* Edits, an undo and a redo keep the checksum with the content. */
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (dlb_store_get_damage (store));
  g_assert_true (dlb_store_redo (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (dlb_store_get_damage (store));
  g_clear_object (&store);

  /* Another program changes a score behind Deliberate's back. */
  dlb_test_exec_sql (path, "UPDATE score SET value = 10 WHERE position = 0");
  before = dlb_test_folder_state (fixture->dir);

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  damage = dlb_store_get_damage (store);
  g_assert_error ((GError *) damage, DLB_STORE_ERROR, DLB_STORE_ERROR_CHANGED);
  g_assert_nonnull (strstr (damage->message, "changed outside Deliberate or is damaged"));
  g_assert_nonnull (strstr (damage->message, "changed.deliberate"));
  g_assert_true (dlb_store_get_read_only (store));
  g_assert_true (dlb_case_get_read_only (dlb_store_get_case (store)));

  first = g_list_model_get_item (dlb_case_get_list (dlb_store_get_case (store), DLB_KIND_STAKEHOLDER), 0);
  g_value_init (&v, G_TYPE_INT);
  g_value_set_int (&v, 5);
  g_assert_false (dlb_case_set_field (dlb_store_get_case (store), first, DLB_STAKEHOLDER_POWER, &v, &error));
  g_assert_error (error, DLB_CASE_ERROR, DLB_CASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Another window may open it meanwhile: it is no one's to edit. */
  {
    g_autoptr(DlbStore) second = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_nonnull (dlb_store_get_damage (second));
  }

  /* The repaired copy is the case as read, whole again. */
  as_read = fingerprint_of (store);
  g_assert_true (dlb_store_save_copy (store, copy_path, &error));
  g_assert_no_error (error);
  dlb_store_close (store);
  after = dlb_test_folder_state (fixture->dir);
  g_assert_nonnull (strstr (after, before));

  copy = dlb_store_open (copy_path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (dlb_store_get_damage (copy));
  g_assert_false (dlb_store_get_read_only (copy));
  {
    g_autofree char *copied = fingerprint_of (copy);

    g_assert_cmpstr (copied, ==, as_read);
  }
  g_assert_true (dlb_store_can_undo (copy));

  /* The history is sealed too: a journal row changed or taken away. */
  {
    const char *changes[] = {
      "UPDATE journal SET after = '1' WHERE id = 2",
      "DELETE FROM journal WHERE id = 1",
      "INSERT INTO journal (group_id, time, action, entity_table, entity_id) "
      "VALUES (1, '2020-01-01T00:00:00Z', 'update', 'stakeholder', 'x')",
    };

    for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
      {
        g_autofree char *name = g_strdup_printf ("history-%u.deliberate", i);
        g_autofree char *history = fixture_path (fixture, name);
        g_autoptr(DlbStore) other = NULL;

        copy_file (copy_path, history);
        dlb_test_exec_sql (history, changes[i]);
        other = dlb_store_open (history, DLB_STORE_OPEN_READ_ONLY, &error);
        g_assert_no_error (error);
        g_assert_nonnull (dlb_store_get_damage (other));
      }
  }

  /* A checksum taken away is a mismatch too. */
  dlb_test_exec_sql (path, "UPDATE case_info SET checksum = NULL");
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dlb_store_get_damage (store));
}

/* Bytes flipped anywhere in a case file: every open fails with a clear
 * error, or says the content does not match its checksums, or reads
 * exactly the case and the history that were written. Never a different
 * case or history in silence. */
static void
test_flipped_bytes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = write_example (fixture, "flip-source.deliberate");
  g_autofree char *flipped = fixture_path (fixture, "flipped.deliberate");
  g_autofree char *original = NULL;
  g_autofree char *original_journal = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  guint failed = 0, mismatched = 0, same = 0;
  guint stride;

  {
    g_autoptr(DlbStore) store = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, NULL);
    original = fingerprint_of (store);
    original_journal = journal_text (store);
  }
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  stride = g_test_thorough () ? 1 : MAX (length / 700, 1);

  for (gsize offset = 0; offset < length; offset += stride)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlbStore) store = NULL;
      /* A different pattern at each place: a single bit, a whole byte. */
      guchar mask = offset % 3 == 0 ? 0xff : (guchar) (1u << (offset % 8));

      bytes[offset] ^= mask;
      g_assert_true (g_file_set_contents_full (flipped, bytes, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      bytes[offset] ^= mask;

      store = dlb_store_open (flipped, DLB_STORE_OPEN_READ_ONLY, &error);
      if (store == NULL)
        {
          g_assert_nonnull (error);
          g_assert_true (error->domain == DLB_STORE_ERROR);
          g_assert_cmpuint (strlen (error->message), >, 10);
          failed++;
        }
      else if (dlb_store_get_damage (store) != NULL)
        mismatched++;
      else
        {
          g_autofree char *now = fingerprint_of (store);
          g_autofree char *journal = journal_text (store);

          if (g_strcmp0 (now, original) != 0)
            g_error ("A byte flipped at %" G_GSIZE_FORMAT " changed the case in silence", offset);
          if (g_strcmp0 (journal, original_journal) != 0)
            g_error ("A byte flipped at %" G_GSIZE_FORMAT " changed the history in silence", offset);
          same++;
        }
    }

  g_test_message ("%" G_GSIZE_FORMAT " bytes, flipped every %u: %u refused, %u mismatched, %u read "
                  "as written", length, stride, failed, mismatched, same);
  g_assert_cmpuint (failed + mismatched + same, >, 0);
}

/* Two writers ------------------------------------------------------------- */

static void
test_two_writers (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_example (fixture, "shared.deliberate");
  g_autoptr(DlbStore) first = NULL;
  g_autoptr(DlbStore) second = NULL;
  g_autoptr(DlbStore) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbEntity) entity = NULL;
  g_auto (GValue) v = G_VALUE_INIT;
  g_autofree char *seen = NULL;
  g_autofree char *now = NULL;
  sqlite3 *other;

  first = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* A second window or process is told, and may read it. */
  second = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (second);
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "“shared.deliberate” is open for editing in another window or program"));
  g_clear_error (&error);
  reader = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  seen = fingerprint_of (reader);

  /* The writer goes on; the reader keeps what it read, journal and all. */
  entity = g_list_model_get_item (dlb_case_get_list (dlb_store_get_case (first), DLB_KIND_CRITERION), 0);
  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, 42);
  g_assert_true (dlb_case_set_field (dlb_store_get_case (first), entity, DLB_CRITERION_WEIGHT, &v, &error));
  g_assert_no_error (error);
  now = fingerprint_of (reader);
  g_assert_cmpstr (seen, ==, now);
  {
    guint64 count = 0;

    g_assert_true (dlb_store_count_journal (reader, &count, NULL));
    g_assert_cmpuint (count, ==, 4);
    g_assert_true (dlb_store_count_journal (first, &count, NULL));
    g_assert_cmpuint (count, ==, 5);
  }
  g_clear_object (&first);

  /* Another program in the middle of writing it: Deliberate waits a
   * moment, then says so instead of editing under it. */
  other = dlb_test_open_raw (path);
  dlb_test_exec_raw (other, "BEGIN IMMEDIATE; UPDATE journal SET entity_name = entity_name;");
  second = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_null (second);
  g_assert_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "is open for editing in another window or program"));
  g_clear_error (&error);

  /* Reading it meanwhile reads the last edit. */
  g_clear_object (&reader);
  reader = dlb_store_open (path, DLB_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_null (dlb_store_get_damage (reader));
  dlb_test_exec_raw (other, "ROLLBACK");
  sqlite3_close (other);

  second = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (dlb_store_get_read_only (second));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);

#define ADD(path, func) \
  g_test_add ("/core/hostile-files/" path, Fixture, NULL, dlb_test_folder_set_up, func, dlb_test_folder_tear_down)

  ADD ("schemas", test_hostile_schemas);
  ADD ("slow-statement-stopped", test_slow_statement_stopped);
  ADD ("read-leaves-side-files", test_read_leaves_side_files);
  ADD ("read-does-not-upgrade", test_read_does_not_upgrade);
  ADD ("checksum-mismatch", test_checksum_mismatch);
  ADD ("flipped-bytes", test_flipped_bytes);
  ADD ("two-writers", test_two_writers);

#undef ADD

  return g_test_run ();
}
