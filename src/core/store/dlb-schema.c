/* dlb-schema.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-schema"

#include "config.h"

#include "dlb-schema.h"
#include "dlb-schema-built.h"

/* The case file's schema, one step per version. A released step never
 * changes: a file written by any earlier Deliberate must upgrade through
 * exactly the steps that follow its version, so a new field means a new
 * step, never an edit of an old one.
 *
 * Column names are the entity field names with '-' turned into '_'.
 * Lists of references live in link tables named <table>_<field> with the
 * columns (owner, position, target); a perspective's weights and the case's
 * pairwise comparisons are lists too, with their numbers beside. Every
 * ordered table keeps a position, 0..n-1, so a case loads in the order the
 * analyst arranged it. */

/* Version 1: the case, its entities and the journal. */
static const char step_1[] =
  "CREATE TABLE case_info (\n"
  "  id             TEXT PRIMARY KEY NOT NULL,\n"
  "  title          TEXT NOT NULL CHECK (length (title) > 0),\n"
  "  question       TEXT,\n"
  "  memo_to        TEXT,\n"
  "  memo_from      TEXT,\n"
  "  memo_subject   TEXT,\n"
  "  memo_date      TEXT,\n"
  "  office         TEXT,\n"
  "  background     TEXT,\n"
  "  notes          TEXT,\n"
  "  paper_size     TEXT NOT NULL DEFAULT 'auto'\n"
  "                 CHECK (paper_size IN ('auto', 'letter', 'a4')),\n"
  "  recommendation TEXT REFERENCES option (id) ON DELETE SET NULL,\n"
  "  justification  TEXT\n"
  ");\n"
  "\n"
  "CREATE TABLE stakeholder (\n"
  "  id                TEXT PRIMARY KEY NOT NULL,\n"
  "  position          INTEGER NOT NULL CHECK (position >= 0),\n"
  "  name              TEXT NOT NULL CHECK (length (name) > 0),\n"
  "  \"group\"           TEXT NOT NULL DEFAULT 'other'\n"
  "                    CHECK (\"group\" IN ('government', 'police', 'vendor', 'residents',\n"
  "                                       'civil-society', 'media', 'political', 'other')),\n"
  "  role              TEXT,\n"
  "  concern           TEXT,\n"
  "  power             INTEGER NOT NULL DEFAULT 3 CHECK (power BETWEEN 1 AND 5),\n"
  "  interest          INTEGER NOT NULL DEFAULT 3 CHECK (interest BETWEEN 1 AND 5),\n"
  "  stance            INTEGER NOT NULL DEFAULT 0 CHECK (stance BETWEEN -2 AND 2),\n"
  "  consulted         INTEGER NOT NULL DEFAULT 0 CHECK (consulted IN (0, 1)),\n"
  "  consultation_note TEXT\n"
  ");\n"
  "CREATE INDEX stakeholder_position ON stakeholder (position);\n"
  "\n"
  "CREATE TABLE source (\n"
  "  id          TEXT PRIMARY KEY NOT NULL,\n"
  "  position    INTEGER NOT NULL CHECK (position >= 0),\n"
  "  label       TEXT NOT NULL CHECK (length (label) > 0),\n"
  "  citation    TEXT,\n"
  "  url         TEXT,\n"
  "  date        TEXT,\n"
  "  reliability TEXT NOT NULL DEFAULT 'reported'\n"
  "              CHECK (reliability IN ('verified', 'reported', 'vendor-claim'))\n"
  ");\n"
  "CREATE INDEX source_position ON source (position);\n"
  "\n"
  "CREATE TABLE criterion (\n"
  "  id          TEXT PRIMARY KEY NOT NULL,\n"
  "  position    INTEGER NOT NULL CHECK (position >= 0),\n"
  "  name        TEXT NOT NULL CHECK (length (name) > 0),\n"
  "  description TEXT,\n"
  "  weight      REAL NOT NULL DEFAULT 10 CHECK (weight >= 0 AND weight <= 1000),\n"
  "  minimum     REAL CHECK (minimum IS NULL OR (minimum >= 0 AND minimum <= 10))\n"
  ");\n"
  "CREATE INDEX criterion_position ON criterion (position);\n"
  "\n"
  "CREATE TABLE finding (\n"
  "  id         TEXT PRIMARY KEY NOT NULL,\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  title      TEXT NOT NULL CHECK (length (title) > 0),\n"
  "  detail     TEXT,\n"
  "  severity   INTEGER NOT NULL DEFAULT 2 CHECK (severity BETWEEN 1 AND 4),\n"
  "  likelihood INTEGER NOT NULL DEFAULT 2 CHECK (likelihood BETWEEN 1 AND 4),\n"
  "  status     TEXT NOT NULL DEFAULT 'open'\n"
  "             CHECK (status IN ('open', 'condition-required', 'resolved', 'accepted')),\n"
  "  condition  TEXT,\n"
  "  criterion  TEXT REFERENCES criterion (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX finding_position ON finding (position);\n"
  "CREATE INDEX finding_criterion ON finding (criterion);\n"
  "\n"
  "CREATE TABLE finding_sources (\n"
  "  owner    TEXT NOT NULL REFERENCES finding (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES source (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (owner, position),\n"
  "  UNIQUE (owner, target)\n"
  ");\n"
  "CREATE INDEX finding_sources_target ON finding_sources (target);\n"
  "\n"
  "CREATE TABLE item (\n"
  "  id         TEXT PRIMARY KEY NOT NULL,\n"
  "  position   INTEGER NOT NULL CHECK (position >= 0),\n"
  "  kind       TEXT NOT NULL DEFAULT 'opportunity' CHECK (kind IN ('opportunity', 'risk')),\n"
  "  title      TEXT NOT NULL CHECK (length (title) > 0),\n"
  "  detail     TEXT,\n"
  "  likelihood INTEGER NOT NULL DEFAULT 3 CHECK (likelihood BETWEEN 1 AND 5),\n"
  "  impact     INTEGER NOT NULL DEFAULT 3 CHECK (impact BETWEEN 1 AND 5),\n"
  "  criterion  TEXT REFERENCES criterion (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX item_position ON item (position);\n"
  "CREATE INDEX item_criterion ON item (criterion);\n"
  "\n"
  "CREATE TABLE item_sources (\n"
  "  owner    TEXT NOT NULL REFERENCES item (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES source (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (owner, position),\n"
  "  UNIQUE (owner, target)\n"
  ");\n"
  "CREATE INDEX item_sources_target ON item_sources (target);\n"
  "\n"
  "CREATE TABLE option (\n"
  "  id          TEXT PRIMARY KEY NOT NULL,\n"
  "  position    INTEGER NOT NULL CHECK (position >= 0),\n"
  "  name        TEXT NOT NULL CHECK (length (name) > 0),\n"
  "  description TEXT\n"
  ");\n"
  "CREATE INDEX option_position ON option (position);\n"
  "CREATE INDEX case_info_recommendation ON case_info (recommendation);\n"
  "\n"
  "CREATE TABLE option_resolves (\n"
  "  owner    TEXT NOT NULL REFERENCES option (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES finding (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (owner, position),\n"
  "  UNIQUE (owner, target)\n"
  ");\n"
  "CREATE INDEX option_resolves_target ON option_resolves (target);\n"
  "\n"
  "CREATE TABLE score (\n"
  "  id        TEXT PRIMARY KEY NOT NULL CHECK (id = option || '/' || criterion),\n"
  "  position  INTEGER NOT NULL CHECK (position >= 0),\n"
  "  option    TEXT NOT NULL REFERENCES option (id) ON DELETE CASCADE,\n"
  "  criterion TEXT NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,\n"
  "  value     REAL NOT NULL DEFAULT 5 CHECK (value >= 0 AND value <= 10),\n"
  "  low       REAL NOT NULL DEFAULT 5 CHECK (low >= 0 AND low <= 10),\n"
  "  high      REAL NOT NULL DEFAULT 5 CHECK (high >= 0 AND high <= 10),\n"
  "  rationale TEXT,\n"
  "  UNIQUE (option, criterion)\n"
  ");\n"
  "CREATE INDEX score_position ON score (position);\n"
  "CREATE INDEX score_criterion ON score (criterion);\n"
  "\n"
  "CREATE TABLE score_findings (\n"
  "  owner    TEXT NOT NULL REFERENCES score (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES finding (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (owner, position),\n"
  "  UNIQUE (owner, target)\n"
  ");\n"
  "CREATE INDEX score_findings_target ON score_findings (target);\n"
  "\n"
  "CREATE TABLE score_items (\n"
  "  owner    TEXT NOT NULL REFERENCES score (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES item (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (owner, position),\n"
  "  UNIQUE (owner, target)\n"
  ");\n"
  "CREATE INDEX score_items_target ON score_items (target);\n"
  "\n"
  "CREATE TABLE score_sources (\n"
  "  owner    TEXT NOT NULL REFERENCES score (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES source (id) ON DELETE CASCADE,\n"
  "  PRIMARY KEY (owner, position),\n"
  "  UNIQUE (owner, target)\n"
  ");\n"
  "CREATE INDEX score_sources_target ON score_sources (target);\n"
  "\n"
  "CREATE TABLE perspective (\n"
  "  id          TEXT PRIMARY KEY NOT NULL,\n"
  "  position    INTEGER NOT NULL CHECK (position >= 0),\n"
  "  name        TEXT NOT NULL CHECK (length (name) > 0),\n"
  "  description TEXT,\n"
  "  stakeholder TEXT REFERENCES stakeholder (id) ON DELETE SET NULL\n"
  ");\n"
  "CREATE INDEX perspective_position ON perspective (position);\n"
  "CREATE INDEX perspective_stakeholder ON perspective (stakeholder);\n"
  "\n"
  /* A perspective's weights, criterion -> weight, in the order given. */
  "CREATE TABLE perspective_weights (\n"
  "  owner    TEXT NOT NULL REFERENCES perspective (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,\n"
  "  weight   REAL NOT NULL CHECK (weight >= 0 AND weight <= 1000),\n"
  "  PRIMARY KEY (owner, position)\n"
  ");\n"
  "CREATE INDEX perspective_weights_target ON perspective_weights (target);\n"
  "\n"
  /* One row per step of an edit; the rows of one edit share a group_id.
   * kind: an edit the analyst made, or the undo or redo of one. state
   * (edits only): done (can be undone), undone (can be redone), or final
   * (undone, then a new edit took the redo away). before and after hold
   * the values as JSON; a whole entity for an insertion or removal. */
  "CREATE TABLE journal (\n"
  "  id           INTEGER PRIMARY KEY,\n"
  "  group_id     INTEGER NOT NULL,\n"
  "  kind         TEXT NOT NULL DEFAULT 'edit' CHECK (kind IN ('edit', 'undo', 'redo')),\n"
  "  state        TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'final')),\n"
  "  time         TEXT NOT NULL,\n"
  "  action       TEXT NOT NULL CHECK (action IN ('insert', 'update', 'remove')),\n"
  "  entity_table TEXT NOT NULL,\n"
  "  entity_id    TEXT NOT NULL,\n"
  "  entity_name  TEXT,\n"
  "  field        TEXT,\n"
  "  position     INTEGER,\n"
  "  before       TEXT,\n"
  "  after        TEXT\n"
  ");\n"
  "CREATE INDEX journal_group ON journal (group_id);\n"
  "CREATE INDEX journal_state ON journal (kind, state, group_id);\n";

/* Version 2: what the weighting methods need (a ranking, swing weights,
 * the method chosen and AHP's pairwise comparisons). */
static const char step_2[] =
  "ALTER TABLE case_info ADD COLUMN weighting TEXT NOT NULL DEFAULT 'direct'\n"
  "  CHECK (weighting IN ('direct', 'ranking', 'ahp', 'swing'));\n"
  "ALTER TABLE criterion ADD COLUMN \"rank\" INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (\"rank\" BETWEEN 0 AND 1000);\n"
  "ALTER TABLE criterion ADD COLUMN swing REAL NOT NULL DEFAULT 100\n"
  "  CHECK (swing >= 0 AND swing <= 100);\n"
  "\n"
  /* How much more target matters than other, 1/9..9 (Saaty's scale). */
  "CREATE TABLE case_info_pairwise (\n"
  "  owner    TEXT NOT NULL REFERENCES case_info (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  target   TEXT NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,\n"
  "  other    TEXT NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,\n"
  "  ratio    REAL NOT NULL CHECK (ratio >= 0.1111111 AND ratio <= 9.0000001),\n"
  "  PRIMARY KEY (owner, position),\n"
  "  CHECK (target <> other)\n"
  ");\n"
  "CREATE INDEX case_info_pairwise_target ON case_info_pairwise (target);\n"
  "CREATE INDEX case_info_pairwise_other ON case_info_pairwise (other);\n";

/* Version 3: the words of a grouped edit ("Apply ranking"), on every row
 * of its group, for the Undo label; NULL for a single edit, which its one
 * row describes. */
static const char step_3[] =
  "ALTER TABLE journal ADD COLUMN description TEXT;\n";

/* Version 4: whether the memo ends with the case's history. */
static const char step_4[] =
  "ALTER TABLE case_info ADD COLUMN memo_history INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (memo_history IN (0, 1));\n";

/* Version 5: whether the memo prints the case's notes. */
static const char step_5[] =
  "ALTER TABLE case_info ADD COLUMN memo_notes INTEGER NOT NULL DEFAULT 0\n"
  "  CHECK (memo_notes IN (0, 1));\n";

/* Version 6: the case file's identity, made once when the case is first
 * written (or upgraded) and kept by every later edit, so a memo can tell
 * this case from any other. A copy made with Save a Copy keeps it: until
 * one of them is edited, they are the same case. */
static const char step_6[] =
  "ALTER TABLE case_info ADD COLUMN identity TEXT;\n"
  "UPDATE case_info SET identity = lower (hex (randomblob (16))) WHERE identity IS NULL;\n"
  "CREATE TRIGGER case_info_identity AFTER INSERT ON case_info\n"
  "  WHEN NEW.identity IS NULL\n"
  "BEGIN\n"
  "  UPDATE case_info SET identity = lower (hex (randomblob (16))) WHERE rowid = NEW.rowid;\n"
  "END;\n";

/* Version 7: the case's checksum, the SHA-256 of its canonical JSON (the
 * fingerprint a memo carries), and the journal's seal, a chain of SHA-256
 * over its rows, both written in the same transaction as every edit.
 * Opening compares them with what the file holds, so a change made by
 * other means, or damage the file's own structure does not show, is seen.
 * A file upgraded to this version gets them for its content as it stands,
 * in the transaction of the step itself. */
static const char step_7[] =
  "ALTER TABLE case_info ADD COLUMN checksum TEXT;\n"
  "ALTER TABLE case_info ADD COLUMN journal_checksum TEXT;\n";

static const char * const steps[] = {
  step_1,
  step_2,
  step_3,
  step_4,
  step_5,
  step_6,
  step_7,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == DLB_SCHEMA_VERSION);

/* Returns the SQL that takes a file from @version - 1 to @version. */
const char *
dlb_schema_get_step_sql (guint version)
{
  g_return_val_if_fail (version >= 1 && version <= DLB_SCHEMA_VERSION, NULL);

  return steps[version - 1];
}

static int
exec (sqlite3     *db,
      const char  *sql,
      char       **message)
{
  char *sqlite_message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &sqlite_message);

  if (rc != SQLITE_OK && message != NULL && *message == NULL)
    *message = g_strdup (sqlite_message != NULL ? sqlite_message : sqlite3_errstr (rc));
  sqlite3_free (sqlite_message);

  return rc;
}

/* Runs the steps after @from up to @to, each in its own transaction, so an
 * interruption leaves the file at the last complete version. @step_done,
 * if given, runs inside each step's transaction, after its SQL. Returns a
 * SQLite result code; on failure *message says what SQLite reported and
 * the file is at the version of the last step that completed. */
int
dlb_schema_migrate (sqlite3           *db,
                    guint              from,
                    guint              to,
                    DlbSchemaStepFunc  step_done,
                    gpointer           data,
                    char             **message)
{
  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (from <= to && to <= DLB_SCHEMA_VERSION, SQLITE_MISUSE);

  for (guint version = from + 1; version <= to; version++)
    {
      g_autofree char *set_version = NULL;
      int rc;

      rc = exec (db, "BEGIN IMMEDIATE", message);
      if (rc != SQLITE_OK)
        return rc;

      /* A brand-new file gets its mark with its first tables. */
      if (version == 1)
        {
          g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                     (int) DLB_SCHEMA_APPLICATION_ID);
          rc = exec (db, set_id, message);
        }

      if (rc == SQLITE_OK)
        rc = exec (db, steps[version - 1], message);

      if (rc == SQLITE_OK && step_done != NULL)
        rc = step_done (db, version, data);

      if (rc == SQLITE_OK)
        {
          set_version = g_strdup_printf ("PRAGMA user_version = %u", version);
          rc = exec (db, set_version, message);
        }

      if (rc == SQLITE_OK)
        rc = exec (db, "COMMIT", message);

      if (rc != SQLITE_OK)
        {
          if (!sqlite3_get_autocommit (db))
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return rc;
        }
    }

  return SQLITE_OK;
}

/* The schema's objects as SQLite keeps them, in a stable order and with
 * runs of white space made one space, so that the texts compare. */
typedef struct
{
  char *type;
  char *name;
  char *text;   /* "table name: CREATE TABLE ..." */
} Object;

static void
object_clear (gpointer data)
{
  Object *object = data;

  g_free (object->type);
  g_free (object->name);
  g_free (object->text);
}

static char *
normalise (const char *sql)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static int
read_objects (sqlite3  *db,
              GArray  **out)
{
  static const char sql[] =
    "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";
  g_autoptr(GArray) objects = g_array_new (FALSE, TRUE, sizeof (Object));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_array_set_clear_func (objects, object_clear);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 3);
      g_autofree char *normal = normalise (text != NULL ? text : "");
      Object object;

      object.type = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      object.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      object.text = g_strdup_printf ("%s %s %s: %s", object.type != NULL ? object.type : "",
                                     object.name != NULL ? object.name : "",
                                     (const char *) sqlite3_column_text (stmt, 2), normal);
      g_array_append_val (objects, object);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return rc;

  *out = g_steal_pointer (&objects);
  return SQLITE_OK;
}

/* The schema of every version, made by running the steps on an empty
 * database in memory: what a file of that version must hold. */
static GArray **
run_steps (void)
{
  GArray **made = g_new0 (GArray *, DLB_SCHEMA_VERSION + 1);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("Could not make the case file's schema: %s", sqlite3_errmsg (db));

  for (guint version = 1; version <= DLB_SCHEMA_VERSION; version++)
    {
      g_autofree char *message = NULL;

      if (dlb_schema_migrate (db, version - 1, version, NULL, NULL, &message) != SQLITE_OK
          || read_objects (db, &made[version]) != SQLITE_OK)
        g_error ("Could not make the case file's schema, version %u: %s", version,
                 message != NULL ? message : sqlite3_errmsg (db));
    }
  sqlite3_close (db);

  return made;
}

/* The table made when Deliberate was built, where it holds every version
 * and this is the SQLite that made it. */
static gboolean
built_is_usable (void)
{
  return dlb_schema_built.sqlite_version != 0
         && dlb_schema_built.sqlite_version == sqlite3_libversion_number ()
         && dlb_schema_built.n_versions == DLB_SCHEMA_VERSION;
}

static GArray **
from_built (void)
{
  GArray **made = g_new0 (GArray *, DLB_SCHEMA_VERSION + 1);

  for (guint version = 1; version <= DLB_SCHEMA_VERSION; version++)
    {
      const DlbSchemaBuiltObject *objects = dlb_schema_built.objects[version];

      made[version] = g_array_new (FALSE, TRUE, sizeof (Object));
      g_array_set_clear_func (made[version], object_clear);
      for (guint i = 0; i < dlb_schema_built.n_objects[version]; i++)
        {
          Object object = {
            g_strdup (objects[i].type), g_strdup (objects[i].name), g_strdup (objects[i].text)
          };

          g_array_append_val (made[version], object);
        }
    }

  return made;
}

/* Made once; from the table built with Deliberate where it can be used. */
static GArray **
expected_objects (void)
{
  static GArray **expected = NULL;

  if (g_once_init_enter (&expected))
    g_once_init_leave (&expected, built_is_usable () ? from_built () : run_steps ());

  return expected;
}

static void
free_objects (GArray **objects)
{
  for (guint version = 1; version <= DLB_SCHEMA_VERSION; version++)
    g_array_unref (objects[version]);
  g_free (objects);
}

static void
append_literal (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_strescape (text, NULL);

  g_string_append_printf (out, "\"%s\"", escaped);
}

/* The C source of a table of @objects, made with @sqlite_version. */
static char *
built_source (GArray **objects,
              int      sqlite_version)
{
  GString *out = g_string_new ("/* Made by dlb-schema-gen when Deliberate was built: the schema of\n"
                               " * every version of the case file, as the steps make it. */\n\n"
                               "#include \"config.h\"\n\n#include \"dlb-schema-built.h\"\n");

  for (guint version = 1; version <= DLB_SCHEMA_VERSION; version++)
    {
      g_string_append_printf (out, "\nstatic const DlbSchemaBuiltObject version_%u[] = {\n", version);
      for (guint i = 0; i < objects[version]->len; i++)
        {
          Object *object = &g_array_index (objects[version], Object, i);

          g_string_append (out, "  { ");
          append_literal (out, object->type);
          g_string_append (out, ", ");
          append_literal (out, object->name);
          g_string_append (out, ",\n    ");
          append_literal (out, object->text);
          g_string_append (out, " },\n");
        }
      g_string_append (out, "};\n");
    }

  g_string_append (out, "\nstatic const guint n_objects[] = { 0");
  for (guint version = 1; version <= DLB_SCHEMA_VERSION; version++)
    g_string_append_printf (out, ", G_N_ELEMENTS (version_%u)", version);
  g_string_append (out, " };\n\nstatic const DlbSchemaBuiltObject * const objects[] = { NULL");
  for (guint version = 1; version <= DLB_SCHEMA_VERSION; version++)
    g_string_append_printf (out, ", version_%u", version);
  g_string_append_printf (out, " };\n\nconst DlbSchemaBuilt dlb_schema_built = { %d, %u, n_objects, objects };\n",
                          sqlite_version, DLB_SCHEMA_VERSION);

  return g_string_free (out, FALSE);
}

char *
dlb_schema_make_built_source (void)
{
  GArray **objects = run_steps ();
  char *source = built_source (objects, sqlite3_libversion_number ());

  free_objects (objects);
  return source;
}

/**
 * dlb_schema_check_built:
 * @why: (out) (optional): what is wrong, when it is
 *
 * Whether the schema table made when Deliberate was built is the one
 * this SQLite makes by running the steps now, and is the one in use.
 *
 * Returns: %TRUE if it is
 */
gboolean
dlb_schema_check_built (char **why)
{
  GArray **objects;
  g_autofree char *now = NULL;
  g_autofree char *built = NULL;

  if (!built_is_usable ())
    {
      if (why != NULL)
        *why = g_strdup_printf ("the table was made with SQLite %d for %u versions, not SQLite %d for %u",
                                dlb_schema_built.sqlite_version, dlb_schema_built.n_versions,
                                sqlite3_libversion_number (), (guint) DLB_SCHEMA_VERSION);
      return FALSE;
    }

  objects = run_steps ();
  now = built_source (objects, sqlite3_libversion_number ());
  free_objects (objects);
  objects = from_built ();
  built = built_source (objects, dlb_schema_built.sqlite_version);
  free_objects (objects);

  if (g_strcmp0 (now, built) != 0)
    {
      if (why != NULL)
        *why = g_strdup ("the steps now make a schema other than the table holds");
      return FALSE;
    }
  return TRUE;
}

static gpointer
prepare_thread (gpointer data)
{
  expected_objects ();
  return NULL;
}

/* Makes the schema of every version in a thread of its own, so that the
 * first dlb_schema_compare() finds it made (or waits only for the rest). */
void
dlb_schema_prepare (void)
{
  g_thread_unref (g_thread_new ("dlb-schema", prepare_thread, NULL));
}

/**
 * dlb_schema_compare:
 * @db: an open case file
 * @version: its user_version
 * @difference: (out): how it differs from what @version must hold
 * @type: (out) (optional): the first object that differs: "table",
 *   "index", "view" or "trigger"
 * @name: (out) (optional): its name
 *
 * Compares the file's schema, object by object and word by word, with
 * the one the steps up to @version make. Reads sqlite_schema only:
 * nothing the file holds runs.
 *
 * Returns: a SQLite result code
 */
int
dlb_schema_compare (sqlite3              *db,
                    guint                 version,
                    DlbSchemaDifference  *difference,
                    char                **type,
                    char                **name)
{
  GArray *expected;
  g_autoptr(GArray) actual = NULL;
  guint i = 0, j = 0;
  int rc;

  g_return_val_if_fail (db != NULL, SQLITE_MISUSE);
  g_return_val_if_fail (version >= 1 && version <= DLB_SCHEMA_VERSION, SQLITE_MISUSE);
  g_return_val_if_fail (difference != NULL, SQLITE_MISUSE);

  expected = expected_objects ()[version];
  rc = read_objects (db, &actual);
  if (rc != SQLITE_OK)
    return rc;

  *difference = DLB_SCHEMA_SAME;
  while (i < expected->len || j < actual->len)
    {
      Object *want = i < expected->len ? &g_array_index (expected, Object, i) : NULL;
      Object *have = j < actual->len ? &g_array_index (actual, Object, j) : NULL;
      int order;
      Object *at;

      if (want != NULL && have != NULL)
        {
          order = g_strcmp0 (want->type, have->type);
          if (order == 0)
            order = g_strcmp0 (want->name, have->name);
        }
      else
        order = want != NULL ? -1 : 1;

      if (order == 0 && g_str_equal (want->text, have->text))
        {
          i++, j++;
          continue;
        }

      *difference = order == 0 ? DLB_SCHEMA_CHANGED : order < 0 ? DLB_SCHEMA_MISSING : DLB_SCHEMA_EXTRA;
      at = order <= 0 ? want : have;
      if (type != NULL)
        *type = g_strdup (at->type);
      if (name != NULL)
        *name = g_strdup (at->name);
      break;
    }

  return SQLITE_OK;
}
