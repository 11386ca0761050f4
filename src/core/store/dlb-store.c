/* dlb-store.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dlb-file.h"
#include "dlb-model.h"
#include "dlb-entity-private.h"
#include "dlb-schema.h"
#include "dlb-store.h"
#include "dlb-store-private.h"

/* The case file: one SQLite database per case. The store loads the whole
 * case into a DlbCase, then plugs itself in as the case's backend, so every
 * edit the model accepts is written at once, in one transaction, together
 * with its journal rows. Undo and redo read the journal back and replay it
 * through the model, so the UI follows as for any other edit.
 *
 * SQL is made only from the static field tables (table and column names);
 * every value is bound. */

G_DEFINE_QUARK (dlb-store-error-quark, dlb_store_error)

/* A connection and its prepared statements, kept for reuse. */
typedef struct
{
  sqlite3    *db;
  GHashTable *statements;  /* SQL text -> sqlite3_stmt* */
  gint64      started;     /* when the statement running now began */
} Conn;

/* How a connection is opened. A case file is untrusted input: until its
 * schema has been compared with the one Deliberate writes, nothing it
 * holds may run, and even then no view or trigger of the file runs
 * outside a file of Deliberate's own making. */
typedef enum
{
  OPEN_READ,        /* read only: no side file is made or changed */
  OPEN_READ_STILL,  /* read only, a file left in write-ahead-log mode with no
                     * log beside it: read as it stands, with no shared
                     * memory file beside it */
  OPEN_WRITE,       /* for editing */
  OPEN_NEW,         /* a new file Deliberate is making, triggers allowed */
} OpenMode;

/* How long one statement may run. A case file whose content or structure
 * was made to stall a reader (a view or a trigger that recurses without
 * end) stops here instead of hanging the window or a server's export. */
#define STATEMENT_LIMIT (20 * G_USEC_PER_SEC)

/* Up to this size, a file opens with SQLite's full check of its pages. */
#define INTEGRITY_CHECK_SIZE (64 * 1024 * 1024)

static gint64 statement_limit = STATEMENT_LIMIT;

/* The case's checksum, given by the part that writes its canonical JSON. */
static DlbStoreChecksumFunc checksum_func;

typedef enum
{
  STEP_INSERT,
  STEP_UPDATE,
  STEP_REMOVE,
  STEP_MOVE,    /* position: from; field: to */
} StepAction;

/* One step of an edit, read back from the journal or recorded while
 * replaying one: enough to apply it again or to invert it. */
typedef struct
{
  StepAction  action;
  DlbKind     kind;
  char       *entity_id;
  guint       field;
  GValue      before;
  GValue      after;
  DlbEntity  *entity;    /* a snapshot, for insertions and removals */
  guint       position;
} Step;

/* The journal's seal (see seal_journal()). */
typedef struct
{
  char   *head;
  gint64  last;  /* the id of the last row it covers */
} Seal;

struct _DlbStore
{
  GObject     parent_instance;

  char       *path;
  Conn       *conn;
  int         lock_fd;
  gboolean    read_only;
  guint       version;
  DlbCase    *case_;
  char       *identity;      /* NULL in a file older than version 6 */
  GError     *damage;        /* why a file that opened is read-only: its content
                              * does not match its checksum */
  gint64      journal_limit; /* a reader sees the journal as it was when the case
                              * was read, not the rows a writer added since */
  Seal        seal;          /* the journal's, as the file keeps it */

  /* The edit in progress, between the backend's begin and commit. */
  gint64      group;
  const char *edit_kind;     /* "edit", "undo" or "redo" */
  char       *action;        /* "Could not add stakeholder", for errors */
  char       *description;   /* a grouped edit's words, kept in the journal */
  gboolean    replaying;     /* undo/redo: the store owns the transaction */
  GPtrArray  *replay_calls;  /* GArray of Step per model call made */

  GHashTable *gone_names;    /* id -> name of what this edit removed */

  gint64      undo_group;    /* 0: nothing to undo */
  gint64      redo_group;
};

G_DEFINE_FINAL_TYPE (DlbStore, dlb_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Errors ------------------------------------------------------------------ */

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

/* Turns a SQLite result code into the store's error, prefixed with what
 * was being done ("Could not add stakeholder"). Always returns FALSE. */
gboolean
_dlb_store_set_sqlite_error (GError     **error,
                             int          rc,
                             sqlite3     *db,
                             const char  *action)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  /* A reader never writes, so it cannot finish what a writer that stopped
   * halfway left beside the file. */
  if (rc == SQLITE_READONLY_ROLLBACK || rc == SQLITE_READONLY_RECOVERY
      || rc == SQLITE_READONLY_CANTINIT)
    {
      /* Translators: %s is what failed, e.g. “Could not open Ring.deliberate” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE,
                   _("%s: a change to the case file was left unfinished (a crash, or another program "
                     "is writing it). Open it for editing in Deliberate to finish it, then try again."),
                   action);
      return FALSE;
    }

  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      /* Translators: %s is what failed, e.g. “Could not open Ring.deliberate” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_TOO_SLOW,
                   _("%s: the case file took too long to answer and was stopped. It may be damaged "
                     "or made to stall Deliberate; open an earlier copy or a JSON export instead."),
                   action);
      break;
    case SQLITE_FULL:
      {
        g_autofree char *message = dlb_file_dup_disk_full_message (action);

        g_set_error_literal (error, DLB_STORE_ERROR, DLB_STORE_ERROR_DISK_FULL, message);
      }
      break;
    case SQLITE_READONLY:
      /* Translators: %s is what failed, e.g. “Could not add stakeholder” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_READ_ONLY,
                   _("%s: the case file cannot be written. Save a copy in a folder you can write to."),
                   action);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      /* Translators: %s is what failed, e.g. “Could not add stakeholder” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE,
                   _("%s: the case file is busy in another program. Close it there and try again."),
                   action);
      break;
    case SQLITE_CANTOPEN:
      /* Translators: %s is what failed, e.g. “Could not open Ring.deliberate” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("%s: the file cannot be opened. Check that it exists and that you may read it."),
                   action);
      break;
    case SQLITE_IOERR:
      /* Translators: %s is what failed, e.g. “Could not add stakeholder” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("%s: the disk could not be read or written. Check the drive and try again."),
                   action);
      break;
    case SQLITE_CORRUPT:
      /* Translators: %s is what failed, e.g. “Could not open Ring.deliberate” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT,
                   _("%s: the case file is damaged. Open an earlier copy or a JSON export instead."),
                   action);
      break;
    case SQLITE_NOTADB:
      /* Translators: %s is what failed, e.g. “Could not open notes.deliberate” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_NOT_A_CASE,
                   _("%s: this is not a Deliberate case file."), action);
      break;
    case SQLITE_CONSTRAINT:
      /* Translators: the first %s is what failed, the second SQLite's reason */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID,
                   _("%s: the case file refused the change (%s)."), action, detail);
      break;
    case SQLITE_NOMEM:
      /* Translators: %s is what failed, e.g. “Could not add stakeholder” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("%s: not enough memory. Close other programs and try again."), action);
      break;
    default:
      /* Translators: the first %s is what failed, the second SQLite's reason */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("%s: %s."), action, detail);
      break;
    }

  return FALSE;
}

static char *
open_action (const char *path)
{
  g_autofree char *name = display_name (path);

  /* Translators: %s is a file name */
  return g_strdup_printf (_("Could not open “%s”"), name);
}

/* Connections and statements ---------------------------------------------- */

static void
conn_free (Conn *conn)
{
  if (conn == NULL)
    return;

  /* Statements first: a connection with live statements does not close. */
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  if (conn->db != NULL)
    {
      int rc = sqlite3_close (conn->db);

      if (rc != SQLITE_OK)
        g_warning ("Closing a case file failed: %s", sqlite3_errstr (rc));
    }
  g_free (conn);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Conn, conn_free)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static Conn *
conn_new (sqlite3 *db)
{
  Conn *conn = g_new0 (Conn, 1);

  conn->db = db;
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  return conn;
}

/* A prepared statement for @sql, made once per connection, reset and with
 * no bindings. Returns a SQLite result code. */
static int
conn_prepare (Conn          *conn,
              const char    *sql,
              sqlite3_stmt **stmt)
{
  int rc;

  conn->started = g_get_monotonic_time ();
  *stmt = g_hash_table_lookup (conn->statements, sql);
  if (*stmt != NULL)
    {
      sqlite3_reset (*stmt);
      sqlite3_clear_bindings (*stmt);
      return SQLITE_OK;
    }

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
  if (rc != SQLITE_OK)
    {
      *stmt = NULL;
      return rc;
    }

  g_hash_table_insert (conn->statements, g_strdup (sql), *stmt);
  return SQLITE_OK;
}

/* Steps a statement that returns no rows to its end. */
static int
stmt_run (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int
conn_exec (Conn       *conn,
           const char *sql)
{
  conn->started = g_get_monotonic_time ();
  return sqlite3_exec (conn->db, sql, NULL, NULL, NULL);
}

/* Reads one integer, such as a PRAGMA's. */
static int
conn_query_int64 (Conn       *conn,
                  const char *sql,
                  gint64     *value)
{
  sqlite3_stmt *stmt;
  int rc = conn_prepare (conn, sql, &stmt);

  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      *value = 0;
      rc = SQLITE_OK;
    }
  sqlite3_reset (stmt);

  return rc;
}

/* Checksums --------------------------------------------------------------- */

/**
 * dlb_store_set_checksum_func:
 * @func: what computes a case's checksum
 *
 * The store keeps, in every case file, the fingerprint of the case it
 * holds, and checks it at each open. The fingerprint is made from the
 * case's canonical JSON, which the store does not write itself: the
 * application and the command line give it here, once, before any case
 * file is opened or written.
 */
void
dlb_store_set_checksum_func (DlbStoreChecksumFunc func)
{
  checksum_func = func;
}

static char *
case_checksum (DlbCase *c)
{
  g_assert (checksum_func != NULL);

  return checksum_func (c);
}

/* The journal's seal: a chain of SHA-256 over its rows in order, each
 * link the hash of the link before and of the row's values (all but its
 * state, which undo and redo change). Rows are only ever added to the
 * journal, so an edit extends the seal by its own rows; a row changed,
 * removed or slipped in anywhere breaks it. The seal of an empty journal
 * is the empty string. */

static void
seal_clear (Seal *seal)
{
  g_clear_pointer (&seal->head, g_free);
  seal->last = 0;
}

static void
hash_column (GChecksum    *sum,
             sqlite3_stmt *stmt,
             int           column)
{
  char tag[32];
  int n;

  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_checksum_update (sum, (const guchar *) "N;", 2);
      break;
    case SQLITE_INTEGER:
      n = g_snprintf (tag, sizeof tag, "I%" G_GINT64_FORMAT ";", (gint64) sqlite3_column_int64 (stmt, column));
      g_checksum_update (sum, (const guchar *) tag, n);
      break;
    default:
      {
        const guchar *text = sqlite3_column_text (stmt, column);
        int length = sqlite3_column_bytes (stmt, column);

        n = g_snprintf (tag, sizeof tag, "T%d:", length);
        g_checksum_update (sum, (const guchar *) tag, n);
        if (text != NULL)
          g_checksum_update (sum, text, length);
      }
      break;
    }
}

/* Extends the seal @from over the journal's rows after the ones it
 * covers, into @to. */
static int
seal_journal (Conn       *conn,
              const Seal *from,
              Seal       *to)
{
  static const char sql[] =
    "SELECT id, group_id, kind, time, action, entity_table, entity_id, entity_name, field, "
    "position, before, after, description FROM journal WHERE id > ? ORDER BY id";
  guint8 link[32];
  gsize link_length = 0;
  gint64 last = from->last;
  sqlite3_stmt *stmt;
  int rc;

  /* The links are the digests themselves; the file keeps the last one in
   * hex. */
  if (from->head != NULL && *from->head != '\0')
    {
      for (gsize i = 0; i < sizeof link && from->head[2 * i] != '\0' && from->head[2 * i + 1] != '\0'; i++)
        link[i] = (guint8) (g_ascii_xdigit_value (from->head[2 * i]) << 4
                            | g_ascii_xdigit_value (from->head[2 * i + 1]));
      link_length = sizeof link;
    }

  rc = conn_prepare (conn, sql, &stmt);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_int64 (stmt, 1, from->last);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

      g_checksum_update (sum, link, (gssize) link_length);
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        hash_column (sum, stmt, i);
      link_length = sizeof link;
      g_checksum_get_digest (sum, link, &link_length);
      last = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return rc;

  if (link_length == 0)
    to->head = g_strdup ("");
  else
    {
      GString *hex = g_string_sized_new (2 * sizeof link);

      for (gsize i = 0; i < link_length; i++)
        g_string_append_printf (hex, "%02x", link[i]);
      to->head = g_string_free (hex, FALSE);
    }
  to->last = last;
  return SQLITE_OK;
}

/* Keeps @c's checksum and the journal's seal, extended from @from into
 * @to, in the file. Called inside the transaction that wrote @c's change,
 * so that no crash can leave them apart; the caller keeps @to once the
 * transaction is committed. */
static int
write_checksum (Conn       *conn,
                DlbCase    *c,
                const Seal *from,
                Seal       *to)
{
  g_autofree char *checksum = case_checksum (c);
  sqlite3_stmt *stmt;
  int rc = seal_journal (conn, from, to);

  if (rc == SQLITE_OK)
    rc = conn_prepare (conn, "UPDATE case_info SET checksum = ?, journal_checksum = ?", &stmt);
  if (rc != SQLITE_OK)
    {
      seal_clear (to);
      return rc;
    }
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to->head, -1, SQLITE_TRANSIENT);
  rc = stmt_run (stmt);
  if (rc != SQLITE_OK)
    seal_clear (to);

  return rc;
}

/* Commits the edit whose case and journal are now @self's, with their
 * checksum and seal. */
static int
commit_sealed (DlbStore *self)
{
  Seal next = { NULL, 0 };
  int rc = write_checksum (self->conn, self->case_, &self->seal, &next);

  if (rc == SQLITE_OK)
    rc = conn_exec (self->conn, "COMMIT");
  if (rc != SQLITE_OK)
    {
      seal_clear (&next);
      return rc;
    }

  seal_clear (&self->seal);
  self->seal = next;
  return SQLITE_OK;
}

/* Mapping entities to tables ---------------------------------------------- */

static DlbEntityClass *
kind_class (DlbKind kind)
{
  return dlb_kind_get_class (kind);
}

static gboolean
field_is_list (const DlbField *field)
{
  return field->type == DLB_FIELD_REF_LIST
         || field->type == DLB_FIELD_WEIGHTS
         || field->type == DLB_FIELD_PAIRS;
}

static gboolean
field_in_version (const DlbField *field,
                  guint           version)
{
  return field->since <= version;
}

/* The plain columns of @kind's table at schema @version, in field order:
 * "id", ["position",] then every non-list field. */
static char *
column_list (DlbKind kind,
             guint   version)
{
  DlbEntityClass *klass = kind_class (kind);
  GString *sql = g_string_new ("\"id\"");

  if (kind != DLB_KIND_CASE)
    g_string_append (sql, ", \"position\"");

  for (guint i = 1; i < klass->n_fields; i++)
    {
      const DlbField *field = &klass->fields[i];
      g_autofree char *column = NULL;

      if (field_is_list (field) || !field_in_version (field, version))
        continue;
      column = dlb_field_json_name (field);
      g_string_append_printf (sql, ", \"%s\"", column);
    }

  return g_string_free (sql, FALSE);
}

static char *
list_table (DlbKind         kind,
            const DlbField *field)
{
  g_autofree char *column = dlb_field_json_name (field);

  return g_strdup_printf ("%s_%s", kind_class (kind)->table, column);
}

static GType
field_value_type (DlbKind         kind,
                  const DlbField *field)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (kind_class (kind)),
                                                    field->name);

  g_assert (pspec != NULL);
  return G_PARAM_SPEC_VALUE_TYPE (pspec);
}

static void
bind_field (sqlite3_stmt   *stmt,
            int             index,
            const DlbField *field,
            const GValue   *value)
{
  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
      {
        const char *s = g_value_get_string (value);

        if (s == NULL)
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_text (stmt, index, s, -1, SQLITE_TRANSIENT);
      }
      break;

    case DLB_FIELD_REF:
      {
        const char *s = g_value_get_string (value);

        /* No reference is NULL, so that the foreign key lets it be. */
        if (s == NULL || *s == '\0')
          sqlite3_bind_null (stmt, index);
        else
          sqlite3_bind_text (stmt, index, s, -1, SQLITE_TRANSIENT);
      }
      break;

    case DLB_FIELD_INT:
      sqlite3_bind_int (stmt, index, g_value_get_int (value));
      break;

    case DLB_FIELD_DOUBLE:
      if ((field->flags & DLB_FIELD_FLAG_NULLABLE) && g_value_get_double (value) == field->minimum)
        sqlite3_bind_null (stmt, index);
      else
        sqlite3_bind_double (stmt, index, g_value_get_double (value));
      break;

    case DLB_FIELD_BOOLEAN:
      sqlite3_bind_int (stmt, index, g_value_get_boolean (value) ? 1 : 0);
      break;

    case DLB_FIELD_ENUM:
      sqlite3_bind_text (stmt, index,
                         dlb_enum_to_nick (field->enum_type (), g_value_get_enum (value)),
                         -1, SQLITE_STATIC);
      break;

    case DLB_FIELD_REF_LIST:
    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
    default:
      g_assert_not_reached ();
    }
}

/* Where a row breaks the rules, the message names the table and the row. */
static gboolean
set_invalid_row (GError     **error,
                 const char  *table,
                 const char  *row,
                 const char  *problem)
{
  g_autofree char *message = NULL;
  g_autofree char *valid = NULL;

  /* Translators: the first %s is a table of the case file, the second a
   * row's id, the third what is wrong with it */
  message = g_strdup_printf (_("The case file is not valid: table “%s”, row “%s”: %s"),
                             table, row != NULL ? row : "?", problem);
  /* The id, or the text in @problem, may be what is not valid UTF-8. */
  valid = g_utf8_make_valid (message, -1);
  g_set_error_literal (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID, valid);
  return FALSE;
}

/* Reads a column into @value (initialised to the field's type). */
static gboolean
read_field (sqlite3_stmt    *stmt,
            int              column,
            const char      *table,
            const char      *row,
            const DlbField  *field,
            GValue          *value,
            GError         **error)
{
  int type = sqlite3_column_type (stmt, column);
  g_autofree char *name = dlb_field_json_name (field);
  g_autofree char *problem = NULL;

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
    case DLB_FIELD_REF:
      if (type == SQLITE_NULL)
        g_value_set_string (value, NULL);
      else if (type == SQLITE_TEXT)
        g_value_set_string (value, (const char *) sqlite3_column_text (stmt, column));
      else
        /* Translators: %s is a column name */
        problem = g_strdup_printf (_("%s: expected text"), name);
      break;

    case DLB_FIELD_INT:
      if (type == SQLITE_INTEGER)
        {
          sqlite3_int64 v = sqlite3_column_int64 (stmt, column);

          if (v < field->minimum || v > field->maximum)
            {
              g_autofree char *got = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) v);

              /* Translators: “power: expected 1–5, got 9” */
              problem = g_strdup_printf (_("%s: expected %d–%d, got %s"),
                                         name, (int) field->minimum, (int) field->maximum, got);
            }
          else
            g_value_set_int (value, (int) v);
        }
      else
        /* Translators: %s is a column name */
        problem = g_strdup_printf (_("%s: expected a whole number"), name);
      break;

    case DLB_FIELD_DOUBLE:
      if (type == SQLITE_NULL && (field->flags & DLB_FIELD_FLAG_NULLABLE))
        g_value_set_double (value, field->minimum);
      else if (type == SQLITE_FLOAT || type == SQLITE_INTEGER)
        {
          double v = sqlite3_column_double (stmt, column);

          if (v < field->minimum || v > field->maximum || v != v)
            /* Translators: “weight: expected 0–1000, got 2000” */
            problem = g_strdup_printf (_("%s: expected %g–%g, got %g"),
                                       name, field->minimum, field->maximum, v);
          else
            g_value_set_double (value, v);
        }
      else
        /* Translators: %s is a column name */
        problem = g_strdup_printf (_("%s: expected a number"), name);
      break;

    case DLB_FIELD_BOOLEAN:
      if (type == SQLITE_INTEGER
          && (sqlite3_column_int64 (stmt, column) == 0 || sqlite3_column_int64 (stmt, column) == 1))
        g_value_set_boolean (value, sqlite3_column_int (stmt, column));
      else
        /* Translators: %s is a column name */
        problem = g_strdup_printf (_("%s: expected 0 or 1"), name);
      break;

    case DLB_FIELD_ENUM:
      {
        const char *nick = type == SQLITE_TEXT ? (const char *) sqlite3_column_text (stmt, column) : NULL;
        int v;

        if (nick != NULL && dlb_enum_from_nick (field->enum_type (), nick, &v))
          g_value_set_enum (value, v);
        else
          /* Translators: %s is a column name */
          problem = g_strdup_printf (_("%s: not one of the allowed values"), name);
      }
      break;

    case DLB_FIELD_REF_LIST:
    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
    default:
      g_assert_not_reached ();
    }

  if (problem != NULL)
    return set_invalid_row (error, table, row, problem);

  return TRUE;
}

/* Writes the rows of a list field for @owner (after clearing them). */
static int
write_list (Conn           *conn,
            DlbKind         kind,
            const char     *owner,
            const DlbField *field,
            const GValue   *value)
{
  g_autofree char *table = list_table (kind, field);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"owner\" = ?", table);
  g_autofree char *insert_sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  rc = conn_prepare (conn, delete_sql, &stmt);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);
  rc = stmt_run (stmt);
  if (rc != SQLITE_OK)
    return rc;

  switch (field->type)
    {
    case DLB_FIELD_REF_LIST:
      {
        const char * const *ids = g_value_get_boxed (value);

        insert_sql = g_strdup_printf ("INSERT INTO \"%s\" (\"owner\", \"position\", \"target\") "
                                      "VALUES (?, ?, ?)", table);
        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          {
            rc = conn_prepare (conn, insert_sql, &stmt);
            if (rc != SQLITE_OK)
              return rc;
            sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int (stmt, 2, (int) i);
            sqlite3_bind_text (stmt, 3, ids[i], -1, SQLITE_TRANSIENT);
            rc = stmt_run (stmt);
            if (rc != SQLITE_OK)
              return rc;
          }
      }
      break;

    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
      {
        GVariant *list = g_value_get_variant (value);
        GVariantIter iter;
        gboolean pairs = field->type == DLB_FIELD_PAIRS;
        const char *a, *b = NULL;
        double number;
        int i = 0;

        if (list == NULL)
          break;

        insert_sql = pairs
          ? g_strdup_printf ("INSERT INTO \"%s\" (\"owner\", \"position\", \"target\", \"other\", "
                             "\"ratio\") VALUES (?, ?, ?, ?, ?)", table)
          : g_strdup_printf ("INSERT INTO \"%s\" (\"owner\", \"position\", \"target\", \"weight\") "
                             "VALUES (?, ?, ?, ?)", table);

        g_variant_iter_init (&iter, list);
        while (pairs
               ? g_variant_iter_next (&iter, "(&s&sd)", &a, &b, &number)
               : g_variant_iter_next (&iter, "{&sd}", &a, &number))
          {
            int n = 1;

            rc = conn_prepare (conn, insert_sql, &stmt);
            if (rc != SQLITE_OK)
              return rc;
            sqlite3_bind_text (stmt, n++, owner, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int (stmt, n++, i++);
            sqlite3_bind_text (stmt, n++, a, -1, SQLITE_TRANSIENT);
            if (pairs)
              sqlite3_bind_text (stmt, n++, b, -1, SQLITE_TRANSIENT);
            sqlite3_bind_double (stmt, n++, number);
            rc = stmt_run (stmt);
            if (rc != SQLITE_OK)
              return rc;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return SQLITE_OK;
}

/* Reads a list field of @owner into @value. */
static int
read_list (Conn           *conn,
           DlbKind         kind,
           const char     *owner,
           const DlbField *field,
           GValue         *value)
{
  g_autofree char *table = list_table (kind, field);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean any = FALSE;
  g_autoptr(GStrvBuilder) ids = NULL;
  GVariantBuilder builder;
  int rc;

  switch (field->type)
    {
    case DLB_FIELD_REF_LIST:
      sql = g_strdup_printf ("SELECT \"target\" FROM \"%s\" WHERE \"owner\" = ? "
                             "ORDER BY \"position\"", table);
      ids = g_strv_builder_new ();
      break;
    case DLB_FIELD_WEIGHTS:
      sql = g_strdup_printf ("SELECT \"target\", \"weight\" FROM \"%s\" WHERE \"owner\" = ? "
                             "ORDER BY \"position\"", table);
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
      break;
    case DLB_FIELD_PAIRS:
      sql = g_strdup_printf ("SELECT \"target\", \"other\", \"ratio\" FROM \"%s\" "
                             "WHERE \"owner\" = ? ORDER BY \"position\"", table);
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssd)"));
      break;
    default:
      g_assert_not_reached ();
    }

  rc = conn_prepare (conn, sql, &stmt);
  if (rc != SQLITE_OK)
    {
      if (ids == NULL)
        g_variant_builder_clear (&builder);
      return rc;
    }
  sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *a = (const char *) sqlite3_column_text (stmt, 0);
      const char *b = field->type == DLB_FIELD_PAIRS ? (const char *) sqlite3_column_text (stmt, 1) : NULL;

      /* Deliberate writes only UTF-8: other bytes are damage, which
       * GVariant would not take. */
      if ((a != NULL && !g_utf8_validate (a, -1, NULL)) || (b != NULL && !g_utf8_validate (b, -1, NULL)))
        {
          rc = SQLITE_CORRUPT;
          break;
        }

      any = TRUE;
      if (a == NULL)
        a = "";
      if (field->type == DLB_FIELD_REF_LIST)
        g_strv_builder_add (ids, a);
      else if (field->type == DLB_FIELD_WEIGHTS)
        g_variant_builder_add (&builder, "{sd}", a, sqlite3_column_double (stmt, 1));
      else
        g_variant_builder_add (&builder, "(ssd)", a, b != NULL ? b : "",
                               sqlite3_column_double (stmt, 2));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      if (ids == NULL)
        g_variant_builder_clear (&builder);
      return rc;
    }

  /* No rows leaves the field at its default, an empty list. */
  if (field->type == DLB_FIELD_REF_LIST)
    {
      if (any)
        {
          g_auto (GStrv) strv = g_strv_builder_end (ids);
          g_value_set_boxed (value, strv);
        }
    }
  else if (any)
    g_value_set_variant (value, g_variant_builder_end (&builder));
  else
    g_variant_builder_clear (&builder);

  return SQLITE_OK;
}

/* Inserts @entity's row and lists. */
static int
insert_entity (Conn      *conn,
               DlbEntity *entity,
               guint      position,
               guint      version)
{
  DlbKind kind = dlb_entity_get_kind (entity);
  DlbEntityClass *klass = kind_class (kind);
  g_autofree char *columns = column_list (kind, version);
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *stmt;
  int n = 1;
  int rc;

  g_string_printf (sql, "INSERT INTO \"%s\" (%s) VALUES (?", klass->table, columns);
  if (kind != DLB_KIND_CASE)
    g_string_append (sql, ", ?");
  for (guint i = 1; i < klass->n_fields; i++)
    if (!field_is_list (&klass->fields[i]) && field_in_version (&klass->fields[i], version))
      g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  rc = conn_prepare (conn, sql->str, &stmt);
  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_text (stmt, n++, dlb_entity_get_id (entity), -1, SQLITE_TRANSIENT);
  if (kind != DLB_KIND_CASE)
    sqlite3_bind_int (stmt, n++, (int) position);
  for (guint i = 1; i < klass->n_fields; i++)
    if (!field_is_list (&klass->fields[i]) && field_in_version (&klass->fields[i], version))
      bind_field (stmt, n++, &klass->fields[i], dlb_entity_get_value (entity, i));

  rc = stmt_run (stmt);
  if (rc != SQLITE_OK)
    return rc;

  for (guint i = 1; i < klass->n_fields; i++)
    if (field_is_list (&klass->fields[i]) && field_in_version (&klass->fields[i], version))
      {
        rc = write_list (conn, kind, dlb_entity_get_id (entity), &klass->fields[i],
                         dlb_entity_get_value (entity, i));
        if (rc != SQLITE_OK)
          return rc;
      }

  return SQLITE_OK;
}

/* Moves the rows at @position and after by @delta, keeping positions
 * contiguous around an insertion or a removal. */
static int
shift_positions (Conn    *conn,
                 DlbKind  kind,
                 guint    position,
                 int      delta)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("UPDATE \"%s\" SET \"position\" = \"position\" + ? "
                         "WHERE \"position\" >= ?", kind_class (kind)->table);
  rc = conn_prepare (conn, sql, &stmt);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_int (stmt, 1, delta);
  sqlite3_bind_int (stmt, 2, (int) position);

  return stmt_run (stmt);
}

/* JSON for the journal ---------------------------------------------------- */

static JsonNode *
value_to_json (const DlbField *field,
               const GValue   *value)
{
  JsonNode *node = json_node_alloc ();

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
    case DLB_FIELD_REF:
      if (g_value_get_string (value) == NULL)
        json_node_init_null (node);
      else
        json_node_init_string (node, g_value_get_string (value));
      break;

    case DLB_FIELD_INT:
      json_node_init_int (node, g_value_get_int (value));
      break;

    case DLB_FIELD_DOUBLE:
      if ((field->flags & DLB_FIELD_FLAG_NULLABLE) && g_value_get_double (value) == field->minimum)
        json_node_init_null (node);
      else
        json_node_init_double (node, g_value_get_double (value));
      break;

    case DLB_FIELD_BOOLEAN:
      json_node_init_boolean (node, g_value_get_boolean (value));
      break;

    case DLB_FIELD_ENUM:
      json_node_init_string (node, dlb_enum_to_nick (field->enum_type (), g_value_get_enum (value)));
      break;

    case DLB_FIELD_REF_LIST:
      {
        const char * const *ids = g_value_get_boxed (value);
        JsonArray *array = json_array_new ();

        for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
          json_array_add_string_element (array, ids[i]);
        json_node_init_array (node, array);
        json_array_unref (array);
      }
      break;

    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
      {
        GVariant *list = g_value_get_variant (value);
        JsonArray *array = json_array_new ();
        GVariantIter iter;
        const char *a, *b;
        double number;

        /* Arrays of [id, number] (or [a, b, ratio]): the order is kept and
         * nothing depends on object member order. */
        if (list != NULL)
          {
            g_variant_iter_init (&iter, list);
            if (field->type == DLB_FIELD_WEIGHTS)
              while (g_variant_iter_next (&iter, "{&sd}", &a, &number))
                {
                  JsonArray *entry = json_array_new ();

                  json_array_add_string_element (entry, a);
                  json_array_add_double_element (entry, number);
                  json_array_add_array_element (array, entry);
                }
            else
              while (g_variant_iter_next (&iter, "(&s&sd)", &a, &b, &number))
                {
                  JsonArray *entry = json_array_new ();

                  json_array_add_string_element (entry, a);
                  json_array_add_string_element (entry, b);
                  json_array_add_double_element (entry, number);
                  json_array_add_array_element (array, entry);
                }
          }
        json_node_init_array (node, array);
        json_array_unref (array);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return node;
}

static gboolean
json_number (JsonNode *node,
             double   *number)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_DOUBLE)
    *number = json_node_get_double (node);
  else if (type == G_TYPE_INT64)
    *number = (double) json_node_get_int (node);
  else
    return FALSE;
  return TRUE;
}

/* Reads a journal value back; @value is initialised to the field's type. */
static gboolean
value_from_json (const DlbField *field,
                 JsonNode       *node,
                 GValue         *value)
{
  gboolean is_null = node == NULL || JSON_NODE_HOLDS_NULL (node);
  double number;

  switch (field->type)
    {
    case DLB_FIELD_STRING:
    case DLB_FIELD_TEXT:
    case DLB_FIELD_REF:
      if (is_null)
        g_value_set_string (value, NULL);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_value_set_string (value, json_node_get_string (node));
      else
        return FALSE;
      return TRUE;

    case DLB_FIELD_INT:
      if (!json_number (node, &number))
        return FALSE;
      g_value_set_int (value, (int) number);
      return TRUE;

    case DLB_FIELD_DOUBLE:
      if (is_null && (field->flags & DLB_FIELD_FLAG_NULLABLE))
        number = field->minimum;
      else if (!json_number (node, &number))
        return FALSE;
      g_value_set_double (value, number);
      return TRUE;

    case DLB_FIELD_BOOLEAN:
      if (is_null || !JSON_NODE_HOLDS_VALUE (node)
          || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return FALSE;
      g_value_set_boolean (value, json_node_get_boolean (node));
      return TRUE;

    case DLB_FIELD_ENUM:
      {
        int v;

        if (is_null || !JSON_NODE_HOLDS_VALUE (node)
            || !dlb_enum_from_nick (field->enum_type (), json_node_get_string (node), &v))
          return FALSE;
        g_value_set_enum (value, v);
        return TRUE;
      }

    case DLB_FIELD_REF_LIST:
      {
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto (GStrv) ids = NULL;
        JsonArray *array;

        if (is_null)
          {
            g_value_set_boxed (value, NULL);
            return TRUE;
          }
        if (!JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              return FALSE;
            g_strv_builder_add (builder, json_node_get_string (element));
          }
        ids = g_strv_builder_end (builder);
        g_value_set_boxed (value, ids);
        return TRUE;
      }

    case DLB_FIELD_WEIGHTS:
    case DLB_FIELD_PAIRS:
      {
        gboolean pairs = field->type == DLB_FIELD_PAIRS;
        guint width = pairs ? 3 : 2;
        GVariantBuilder builder;
        JsonArray *array;

        if (is_null)
          {
            g_value_set_variant (value, NULL);
            return TRUE;
          }
        if (!JSON_NODE_HOLDS_ARRAY (node))
          return FALSE;
        array = json_node_get_array (node);
        g_variant_builder_init (&builder, pairs ? G_VARIANT_TYPE ("a(ssd)") : G_VARIANT_TYPE ("a{sd}"));
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);
            JsonArray *entry = JSON_NODE_HOLDS_ARRAY (element) ? json_node_get_array (element) : NULL;
            const char *a = NULL, *b = NULL;

            if (entry == NULL || json_array_get_length (entry) != width
                || (a = json_array_get_string_element (entry, 0)) == NULL
                || (pairs && (b = json_array_get_string_element (entry, 1)) == NULL)
                || !g_utf8_validate (a, -1, NULL) || (b != NULL && !g_utf8_validate (b, -1, NULL))
                || !json_number (json_array_get_element (entry, width - 1), &number))
              {
                g_variant_builder_clear (&builder);
                return FALSE;
              }
            if (pairs)
              g_variant_builder_add (&builder, "(ssd)", a, b, number);
            else
              g_variant_builder_add (&builder, "{sd}", a, number);
          }
        g_value_set_variant (value, g_variant_builder_end (&builder));
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

static char *
json_to_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static char *
field_to_json_text (const DlbField *field,
                    const GValue   *value)
{
  g_autoptr(JsonNode) node = value_to_json (field, value);

  return json_to_text (node);
}

/* The whole entity, as an object of its fields. */
static char *
entity_to_json_text (DlbEntity *entity)
{
  g_autoptr(JsonNode) root = json_node_alloc ();
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < dlb_entity_get_n_fields (entity); i++)
    {
      const DlbField *field = dlb_entity_get_field (entity, i);
      g_autofree char *name = dlb_field_json_name (field);

      json_object_set_member (object, name, value_to_json (field, dlb_entity_get_value (entity, i)));
    }
  json_node_init_object (root, object);
  json_object_unref (object);

  return json_to_text (root);
}

static DlbEntity *
entity_from_json_text (DlbKind     kind,
                       const char *text)
{
  DlbEntityClass *klass = kind_class (kind);
  g_autoptr(JsonNode) root = text != NULL ? json_from_string (text, NULL) : NULL;
  g_autoptr(DlbEntity) entity = NULL;
  JsonObject *object;
  const char *id;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  id = json_object_get_string_member_with_default (object, "id", NULL);
  if (id == NULL)
    return NULL;

  entity = g_object_new (dlb_kind_get_entity_type (kind), "id", id, NULL);
  for (guint i = 1; i < klass->n_fields; i++)
    {
      const DlbField *field = &klass->fields[i];
      g_autofree char *name = dlb_field_json_name (field);
      g_auto (GValue) value = G_VALUE_INIT;

      if (!json_object_has_member (object, name))
        continue;
      g_value_init (&value, field_value_type (kind, field));
      if (!value_from_json (field, json_object_get_member (object, name), &value))
        return NULL;
      _dlb_entity_set_value (entity, i, &value);
    }

  return g_steal_pointer (&entity);
}

static gboolean
kind_from_table (const char *table,
                 DlbKind    *kind)
{
  for (DlbKind k = DLB_KIND_CASE; k <= DLB_KIND_PERSPECTIVE; k++)
    if (g_strcmp0 (kind_class (k)->table, table) == 0)
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

static int
find_class_field (DlbKind     kind,
                  const char *name)
{
  DlbEntityClass *klass = kind_class (kind);

  for (guint i = 0; i < klass->n_fields; i++)
    if (g_strcmp0 (klass->fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

/* Steps ----------------------------------------------------------------- */

static void
step_clear (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->entity_id, g_free);
  g_clear_object (&step->entity);
  if (G_IS_VALUE (&step->before))
    g_value_unset (&step->before);
  if (G_IS_VALUE (&step->after))
    g_value_unset (&step->after);
}

static GArray *
steps_new (void)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (Step));

  g_array_set_clear_func (steps, step_clear);
  return steps;
}

/* The entity a step is about, as it is in the case now. */
static DlbEntity *
step_lookup (DlbStore *self,
             Step     *step)
{
  if (step->kind == DLB_KIND_CASE)
    return DLB_ENTITY (self->case_);
  return dlb_case_lookup_kind (self->case_, step->kind, step->entity_id);
}

static gboolean
replay_error (GError **error)
{
  g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID,
               _("The change cannot be replayed: the case no longer matches its journal"));
  return FALSE;
}

static gboolean
references_resolve (DlbCase   *case_,
                    DlbEntity *entity)
{
  for (guint f = 1; f < dlb_entity_get_n_fields (entity); f++)
    {
      const DlbField *field = dlb_entity_get_field (entity, f);

      switch (field->type)
        {
        case DLB_FIELD_REF:
          {
            const char *id = dlb_entity_get_string (entity, f);

            if (id != NULL && *id != '\0' && dlb_case_lookup (case_, id) == NULL)
              return FALSE;
          }
          break;

        case DLB_FIELD_REF_LIST:
          {
            const char * const *ids = dlb_entity_get_strv (entity, f);

            for (guint i = 0; ids[i] != NULL; i++)
              if (dlb_case_lookup (case_, ids[i]) == NULL)
                return FALSE;
          }
          break;

        case DLB_FIELD_WEIGHTS:
        case DLB_FIELD_PAIRS:
          {
            GVariant *list = dlb_entity_get_variant (entity, f);
            GVariantIter iter;
            GVariant *child;

            if (list == NULL)
              break;
            g_variant_iter_init (&iter, list);
            while ((child = g_variant_iter_next_value (&iter)))
              {
                const char *a = NULL, *b = NULL;
                gboolean ok;

                if (field->type == DLB_FIELD_WEIGHTS)
                  g_variant_get (child, "{&sd}", &a, NULL);
                else
                  g_variant_get (child, "(&s&sd)", &a, &b, NULL);
                ok = dlb_case_lookup (case_, a) != NULL
                     && (b == NULL || dlb_case_lookup (case_, b) != NULL);
                g_variant_unref (child);
                if (!ok)
                  return FALSE;
              }
          }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/* Undoes the steps of one model edit through the model: what it added is
 * removed, what it removed comes back where it was, then the updates are
 * reverted. An edit makes its updates before it inserts or removes, so
 * this order retraces it. Removed entities come back once everything they
 * refer to is back (a score after its criterion), and those of one kind in
 * the reverse order of their removal, which restores their positions. */
static gboolean
invert_steps (DlbStore  *self,
              GArray    *steps,
              GError   **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();

  /* A move goes back to where it came from. */
  for (guint i = steps->len; i-- > 0;)
    {
      Step *step = &g_array_index (steps, Step, i);
      DlbEntity *entity;

      if (step->action != STEP_MOVE)
        continue;
      entity = step_lookup (self, step);
      if (entity == NULL)
        return replay_error (error);
      if (!dlb_case_move (self->case_, entity, step->position, error))
        return FALSE;
    }

  for (guint i = steps->len; i-- > 0;)
    {
      Step *step = &g_array_index (steps, Step, i);
      DlbEntity *entity;

      if (step->action != STEP_INSERT)
        continue;
      entity = step_lookup (self, step);
      if (entity == NULL)
        return replay_error (error);
      if (!dlb_case_remove (self->case_, entity, error))
        return FALSE;
    }

  for (guint i = steps->len; i-- > 0;)
    if (g_array_index (steps, Step, i).action == STEP_REMOVE)
      g_ptr_array_add (pending, &g_array_index (steps, Step, i));

  while (pending->len > 0)
    {
      gboolean progress = FALSE;

      for (guint i = 0; i < pending->len && !progress; i++)
        {
          Step *step = g_ptr_array_index (pending, i);
          g_autoptr(DlbEntity) copy = NULL;
          gboolean blocked = FALSE;

          for (guint j = 0; j < i && !blocked; j++)
            blocked = ((Step *) g_ptr_array_index (pending, j))->kind == step->kind;
          if (blocked || !references_resolve (self->case_, step->entity))
            continue;

          /* Undone out of turn (a deletion's toast), later removals may
           * have shortened the list. */
          copy = dlb_entity_copy (step->entity);
          if (!dlb_case_insert (self->case_, copy,
                                (int) MIN (step->position,
                                           g_list_model_get_n_items (dlb_case_get_list (self->case_,
                                                                                        step->kind))),
                                error))
            return FALSE;
          g_ptr_array_remove_index (pending, i);
          progress = TRUE;
        }

      if (!progress)
        return replay_error (error);
    }

  for (guint i = steps->len; i-- > 0;)
    {
      Step *step = &g_array_index (steps, Step, i);
      DlbEntity *entity;

      if (step->action != STEP_UPDATE)
        continue;
      entity = step_lookup (self, step);
      if (entity == NULL)
        return replay_error (error);
      if (!dlb_case_set_field (self->case_, entity, step->field, &step->before, error))
        return FALSE;
    }

  return TRUE;
}

/* Undoes a journal group, which may hold many model edits (a grouped edit,
 * or the record of a replay). Each edit makes its updates, then its
 * removals, or one insertion; invert_steps() retraces one such run, so the
 * group is cut into runs and they are undone newest first. Consecutive
 * edits that fit one run (updates only, removals only) are undone as one,
 * which retraces them too. */
static gboolean
invert_group (DlbStore  *self,
              GArray    *steps,
              GError   **error)
{
  guint end = steps->len;

  while (end > 0)
    {
      guint start = end - 1;
      StepAction action = g_array_index (steps, Step, start).action;
      g_autoptr(GArray) run = steps_new ();

      if (action != STEP_INSERT)
        while (start > 0)
          {
            StepAction earlier = g_array_index (steps, Step, start - 1).action;

            if (earlier == STEP_INSERT || earlier == STEP_MOVE || action == STEP_MOVE
                || (earlier == STEP_REMOVE && action == STEP_UPDATE))
              break;
            action = earlier;
            start--;
          }

      /* invert_steps() reads the run in place; lend it the steps. */
      g_array_set_clear_func (run, NULL);
      g_array_append_vals (run, &g_array_index (steps, Step, start), end - start);
      if (!invert_steps (self, run, error))
        return FALSE;
      end = start;
    }

  return TRUE;
}

/* Makes the steps of an edit again. The model plans the knock-on changes
 * of a removal itself, so steps it has already made are skipped. */
static gboolean
reapply_steps (DlbStore  *self,
               GArray    *steps,
               GError   **error)
{
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = &g_array_index (steps, Step, i);
      DlbEntity *entity = step_lookup (self, step);

      switch (step->action)
        {
        case STEP_UPDATE:
          if (entity == NULL)
            return replay_error (error);
          if (!dlb_case_set_field (self->case_, entity, step->field, &step->after, error))
            return FALSE;
          break;

        case STEP_INSERT:
          {
            g_autoptr(DlbEntity) copy = NULL;

            if (entity != NULL)
              return replay_error (error);
            copy = dlb_entity_copy (step->entity);
            if (!dlb_case_insert (self->case_, copy, (int) step->position, error))
              return FALSE;
          }
          break;

        case STEP_REMOVE:
          if (entity != NULL && !dlb_case_remove (self->case_, entity, error))
            return FALSE;
          break;

        case STEP_MOVE:
          if (entity == NULL)
            return replay_error (error);
          if (!dlb_case_move (self->case_, entity, step->field, error))
            return FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

/* The journal -------------------------------------------------------------- */

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* The name a person recognises, kept in the journal because the entity
 * itself may be gone when the journal is read. */
static char *
entity_label (DlbStore  *self,
              DlbEntity *entity)
{
  if (DLB_IS_SCORE (entity))
    {
      const char *ids[2] = { dlb_score_get_option (DLB_SCORE (entity)),
                             dlb_score_get_criterion (DLB_SCORE (entity)) };
      const char *names[2];

      /* The option or criterion may have gone earlier in this same edit. */
      for (guint i = 0; i < 2; i++)
        {
          DlbEntity *other = dlb_case_lookup (self->case_, ids[i]);

          names[i] = other != NULL ? dlb_entity_get_display_name (other)
                                   : g_hash_table_lookup (self->gone_names, ids[i]);
        }
      if (names[0] != NULL && names[1] != NULL)
        /* Translators: a score's name: the option, then the criterion */
        return g_strdup_printf (_("%s × %s"), names[0], names[1]);
    }

  return g_strdup (dlb_entity_get_display_name (entity));
}

static int
journal_add (DlbStore   *self,
             const char *action,
             DlbEntity  *entity,
             const char *field,
             int         position,
             const char *before,
             const char *after)
{
  static const char sql[] =
    "INSERT INTO journal (group_id, kind, state, time, action, entity_table, entity_id, "
    "entity_name, field, position, before, after, description) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autofree char *time = now_iso8601 ();
  g_autofree char *name = entity_label (self, entity);
  sqlite3_stmt *stmt;
  int rc = conn_prepare (self->conn, sql, &stmt);

  if (rc != SQLITE_OK)
    return rc;

  sqlite3_bind_int64 (stmt, 1, self->group);
  sqlite3_bind_text (stmt, 2, self->edit_kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, g_str_equal (self->edit_kind, "edit") ? "done" : "final", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, time, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, DLB_ENTITY_GET_CLASS (entity)->table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, dlb_entity_get_id (entity), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, name, -1, SQLITE_TRANSIENT);
  if (field != NULL)
    sqlite3_bind_text (stmt, 9, field, -1, SQLITE_STATIC);
  if (position >= 0)
    sqlite3_bind_int (stmt, 10, position);
  if (before != NULL)
    sqlite3_bind_text (stmt, 11, before, -1, SQLITE_TRANSIENT);
  if (after != NULL)
    sqlite3_bind_text (stmt, 12, after, -1, SQLITE_TRANSIENT);
  if (self->description != NULL && g_str_equal (self->edit_kind, "edit"))
    sqlite3_bind_text (stmt, 13, self->description, -1, SQLITE_TRANSIENT);

  return stmt_run (stmt);
}

static void
update_undo_state (DlbStore *self)
{
  gboolean could_undo = self->undo_group != 0;
  gboolean could_redo = self->redo_group != 0;
  gint64 undo = 0, redo = 0;

  if (self->conn != NULL && self->version >= 1)
    {
      if (conn_query_int64 (self->conn,
                            "SELECT max(group_id) FROM journal WHERE kind = 'edit' AND state = 'done'",
                            &undo) != SQLITE_OK)
        undo = 0;
      if (conn_query_int64 (self->conn,
                            "SELECT min(group_id) FROM journal WHERE kind = 'edit' AND state = 'undone'",
                            &redo) != SQLITE_OK)
        redo = 0;
    }

  self->undo_group = undo;
  self->redo_group = redo;

  if (could_undo != (undo != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != (redo != 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Reads the steps of one journal group, in the order they were made. */
static gboolean
load_group (DlbStore  *self,
            gint64     group,
            GArray    *steps,
            GError   **error)
{
  static const char sql[] =
    "SELECT action, entity_table, entity_id, field, position, before, after "
    "FROM journal WHERE group_id = ? ORDER BY id";
  sqlite3_stmt *stmt;
  int rc = conn_prepare (self->conn, sql, &stmt);

  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, _("Could not read the journal"));

  sqlite3_bind_int64 (stmt, 1, group);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *action = (const char *) sqlite3_column_text (stmt, 0);
      const char *table = (const char *) sqlite3_column_text (stmt, 1);
      const char *id = (const char *) sqlite3_column_text (stmt, 2);
      const char *field_name = (const char *) sqlite3_column_text (stmt, 3);
      const char *before = (const char *) sqlite3_column_text (stmt, 5);
      const char *after = (const char *) sqlite3_column_text (stmt, 6);
      Step step = { 0, };
      gboolean ok = TRUE;

      if (id == NULL || action == NULL || !kind_from_table (table, &step.kind))
        ok = FALSE;
      else if (g_str_equal (action, "update") && g_strcmp0 (field_name, "position") == 0)
        {
          /* A move: the place in the list, from and to. */
          gint64 from = -1, to = -1;

          step.action = STEP_MOVE;
          ok = before != NULL && after != NULL
               && g_ascii_string_to_signed (before, 10, 0, G_MAXINT, &from, NULL)
               && g_ascii_string_to_signed (after, 10, 0, G_MAXINT, &to, NULL);
          step.position = (guint) MAX (from, 0);
          step.field = (guint) MAX (to, 0);
        }
      else if (g_str_equal (action, "update"))
        {
          int index = find_class_field (step.kind, field_name);
          g_autoptr(JsonNode) before_node = before != NULL ? json_from_string (before, NULL) : NULL;
          g_autoptr(JsonNode) after_node = after != NULL ? json_from_string (after, NULL) : NULL;
          const DlbField *field;

          if (index <= 0 || before_node == NULL || after_node == NULL)
            ok = FALSE;
          else
            {
              field = &kind_class (step.kind)->fields[index];
              step.action = STEP_UPDATE;
              step.field = index;
              g_value_init (&step.before, field_value_type (step.kind, field));
              g_value_init (&step.after, field_value_type (step.kind, field));
              ok = value_from_json (field, before_node, &step.before)
                   && value_from_json (field, after_node, &step.after);
            }
        }
      else if (g_str_equal (action, "insert") || g_str_equal (action, "remove"))
        {
          gboolean insert = g_str_equal (action, "insert");

          step.action = insert ? STEP_INSERT : STEP_REMOVE;
          step.position = (guint) MAX (0, sqlite3_column_int (stmt, 4));
          step.entity = entity_from_json_text (step.kind, insert ? after : before);
          ok = step.entity != NULL && step.kind != DLB_KIND_CASE;
        }
      else
        ok = FALSE;

      step.entity_id = g_strdup (id);
      g_array_append_val (steps, step);

      if (!ok)
        {
          sqlite3_reset (stmt);
          return replay_error (error);
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, _("Could not read the journal"));

  return TRUE;
}

/* The backend ------------------------------------------------------------- */

/* What an edit does, for error messages. */
static char *
describe_action (const char *action)
{
  const char *rest;
  g_autofree char *table = NULL;

  if (action == NULL)
    return g_strdup (_("Could not save the change"));

  if (g_str_has_prefix (action, "add "))
    /* Translators: %s is a kind of thing, e.g. “stakeholder” */
    return g_strdup_printf (_("Could not add %s"), dlb_journal_kind_label (action + 4));
  if (g_str_has_prefix (action, "remove "))
    /* Translators: %s is a kind of thing, e.g. “stakeholder” */
    return g_strdup_printf (_("Could not remove %s"), dlb_journal_kind_label (action + 7));
  if (g_str_has_prefix (action, "move "))
    /* Translators: %s is a kind of thing, e.g. “stakeholder” */
    return g_strdup_printf (_("Could not move %s"), dlb_journal_kind_label (action + 5));
  if (g_str_has_prefix (action, "set "))
    {
      rest = action + 4;
      table = g_strndup (rest, strcspn (rest, "."));
      /* Translators: %s is a kind of thing, e.g. “stakeholder” */
      return g_strdup_printf (_("Could not change %s"), dlb_journal_kind_label (table));
    }

  return g_strdup (_("Could not save the change"));
}

static gboolean
read_only_error (DlbStore  *self,
                 GError   **error)
{
  g_autofree char *name = display_name (self->path);

  /* Translators: %s is a file name */
  g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_READ_ONLY,
               _("“%s” is open read-only. Save a copy to make changes."), name);
  return FALSE;
}

static gboolean
backend_begin (gpointer     data,
               const char  *action,
               const char  *description,
               GError     **error)
{
  DlbStore *self = data;
  int rc;

  if (self->conn == NULL || self->read_only)
    return read_only_error (self, error);

  /* A replay has named its failure ("Could not undo") and keeps the
   * journal's words as they were. */
  if (!self->replaying)
    {
      g_free (self->action);
      if (action == NULL && description != NULL)
        /* Translators: %s is what the user did, e.g. “Apply ranking” */
        self->action = g_strdup_printf (_("Could not save “%s”"), description);
      else
        self->action = describe_action (action);
      g_free (self->description);
      self->description = g_strdup (description);
    }
  g_hash_table_remove_all (self->gone_names);

  if (self->replaying)
    {
      /* One model edit inside an undo or redo: a savepoint lets the model
       * roll back just this part if it fails. */
      rc = conn_exec (self->conn, "SAVEPOINT step");
      if (rc != SQLITE_OK)
        return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);
      g_ptr_array_add (self->replay_calls, steps_new ());
      return TRUE;
    }

  rc = conn_exec (self->conn, "BEGIN IMMEDIATE");
  if (rc == SQLITE_OK)
    rc = conn_query_int64 (self->conn, "SELECT coalesce(max(group_id), 0) + 1 FROM journal",
                           &self->group);
  if (rc != SQLITE_OK)
    {
      _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);
      if (!sqlite3_get_autocommit (self->conn->db))
        conn_exec (self->conn, "ROLLBACK");
      return FALSE;
    }
  self->edit_kind = "edit";

  return TRUE;
}

static void
record_step (DlbStore     *self,
             StepAction    action,
             DlbEntity    *entity,
             guint         field,
             const GValue *before,
             const GValue *after,
             guint         position)
{
  GArray *steps;
  Step step = { 0, };

  if (!self->replaying || self->replay_calls->len == 0)
    return;

  steps = g_ptr_array_index (self->replay_calls, self->replay_calls->len - 1);
  step.action = action;
  step.kind = dlb_entity_get_kind (entity);
  step.entity_id = g_strdup (dlb_entity_get_id (entity));
  step.field = field;
  step.position = position;
  if (action == STEP_UPDATE)
    {
      g_value_init (&step.before, G_VALUE_TYPE (before));
      g_value_copy (before, &step.before);
      g_value_init (&step.after, G_VALUE_TYPE (after));
      g_value_copy (after, &step.after);
    }
  else
    step.entity = dlb_entity_copy (entity);
  g_array_append_val (steps, step);
}

static gboolean
backend_insert (gpointer    data,
                DlbEntity  *entity,
                guint       position,
                GError    **error)
{
  DlbStore *self = data;
  g_autofree char *after = entity_to_json_text (entity);
  int rc;

  rc = shift_positions (self->conn, dlb_entity_get_kind (entity), position, 1);
  if (rc == SQLITE_OK)
    rc = insert_entity (self->conn, entity, position, self->version);
  if (rc == SQLITE_OK)
    rc = journal_add (self, "insert", entity, NULL, (int) position, NULL, after);
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);

  record_step (self, STEP_INSERT, entity, 0, NULL, NULL, position);
  return TRUE;
}

static gboolean
backend_update (gpointer       data,
                DlbEntity     *entity,
                guint          index,
                const GValue  *before,
                const GValue  *after,
                GError       **error)
{
  DlbStore *self = data;
  DlbKind kind = dlb_entity_get_kind (entity);
  const DlbField *field = dlb_entity_get_field (entity, index);
  g_autofree char *before_json = field_to_json_text (field, before);
  g_autofree char *after_json = field_to_json_text (field, after);
  int rc;

  if (field_is_list (field))
    rc = write_list (self->conn, kind, dlb_entity_get_id (entity), field, after);
  else
    {
      g_autofree char *column = dlb_field_json_name (field);
      g_autofree char *sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ? WHERE \"id\" = ?",
                                              DLB_ENTITY_GET_CLASS (entity)->table, column);
      sqlite3_stmt *stmt;

      rc = conn_prepare (self->conn, sql, &stmt);
      if (rc == SQLITE_OK)
        {
          bind_field (stmt, 1, field, after);
          sqlite3_bind_text (stmt, 2, dlb_entity_get_id (entity), -1, SQLITE_TRANSIENT);
          rc = stmt_run (stmt);
        }
    }

  if (rc == SQLITE_OK)
    rc = journal_add (self, "update", entity, field->name, -1, before_json, after_json);
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);

  record_step (self, STEP_UPDATE, entity, index, before, after, 0);
  return TRUE;
}

static gboolean
backend_remove (gpointer    data,
                DlbEntity  *entity,
                guint       position,
                GError    **error)
{
  DlbStore *self = data;
  DlbKind kind = dlb_entity_get_kind (entity);
  g_autofree char *before = entity_to_json_text (entity);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE \"id\" = ?",
                                          DLB_ENTITY_GET_CLASS (entity)->table);
  sqlite3_stmt *stmt;
  int rc;

  /* The row may already be gone through a foreign key's cascade (a score
   * of a removed criterion); the positions still close up behind it, as
   * the model's list does. */
  rc = conn_prepare (self->conn, sql, &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, dlb_entity_get_id (entity), -1, SQLITE_TRANSIENT);
      rc = stmt_run (stmt);
    }
  if (rc == SQLITE_OK)
    rc = shift_positions (self->conn, kind, position + 1, -1);
  if (rc == SQLITE_OK)
    rc = journal_add (self, "remove", entity, NULL, (int) position, before, NULL);
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);

  g_hash_table_insert (self->gone_names, g_strdup (dlb_entity_get_id (entity)),
                       entity_label (self, entity));

  record_step (self, STEP_REMOVE, entity, 0, NULL, NULL, position);
  return TRUE;
}

static gboolean
backend_commit (gpointer   data,
                GError   **error)
{
  DlbStore *self = data;
  int rc;

  if (self->replaying)
    {
      rc = conn_exec (self->conn, "RELEASE step");
      if (rc != SQLITE_OK)
        return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);
      return TRUE;
    }

  /* A new edit takes away what could be redone. */
  rc = conn_exec (self->conn,
                  "UPDATE journal SET state = 'final' WHERE kind = 'edit' AND state = 'undone'");
  if (rc == SQLITE_OK)
    rc = commit_sealed (self);
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);

  update_undo_state (self);
  return TRUE;
}

static void
backend_rollback (gpointer data)
{
  DlbStore *self = data;

  if (self->conn == NULL)
    return;

  if (self->replaying)
    {
      conn_exec (self->conn, "ROLLBACK TO step");
      conn_exec (self->conn, "RELEASE step");
      /* The model has taken this part back itself. */
      if (self->replay_calls->len > 0)
        g_ptr_array_remove_index (self->replay_calls, self->replay_calls->len - 1);
      return;
    }

  if (!sqlite3_get_autocommit (self->conn->db))
    conn_exec (self->conn, "ROLLBACK");
}

/* A move is journaled as an update of the entity's place in its list:
 * "position", from and to counted from 0. */
static gboolean
backend_move (gpointer    data,
              DlbEntity  *entity,
              guint       from,
              guint       to,
              GError    **error)
{
  DlbStore *self = data;
  const char *table = DLB_ENTITY_GET_CLASS (entity)->table;
  g_autofree char *shift = g_strdup_printf (from < to
                                            ? "UPDATE \"%s\" SET \"position\" = \"position\" - 1 "
                                              "WHERE \"position\" > ? AND \"position\" <= ? AND \"id\" <> ?"
                                            : "UPDATE \"%s\" SET \"position\" = \"position\" + 1 "
                                              "WHERE \"position\" < ? AND \"position\" >= ? AND \"id\" <> ?",
                                            table);
  g_autofree char *place = g_strdup_printf ("UPDATE \"%s\" SET \"position\" = ? WHERE \"id\" = ?", table);
  g_autofree char *before = g_strdup_printf ("%u", from);
  g_autofree char *after = g_strdup_printf ("%u", to);
  sqlite3_stmt *stmt;
  int rc;

  rc = conn_prepare (self->conn, shift, &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, (int) from);
      sqlite3_bind_int (stmt, 2, (int) to);
      sqlite3_bind_text (stmt, 3, dlb_entity_get_id (entity), -1, SQLITE_TRANSIENT);
      rc = stmt_run (stmt);
    }
  if (rc == SQLITE_OK)
    rc = conn_prepare (self->conn, place, &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, (int) to);
      sqlite3_bind_text (stmt, 2, dlb_entity_get_id (entity), -1, SQLITE_TRANSIENT);
      rc = stmt_run (stmt);
    }
  if (rc == SQLITE_OK)
    rc = journal_add (self, "update", entity, "position", (int) from, before, after);
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, self->action);

  record_step (self, STEP_MOVE, entity, to, NULL, NULL, from);
  return TRUE;
}

static const DlbCaseBackend backend = {
  backend_begin,
  backend_insert,
  backend_update,
  backend_remove,
  backend_commit,
  backend_rollback,
  backend_move,
};

/* Undo and redo ----------------------------------------------------------- */

/* Replays journal group @group (inverted for an undo) as one transaction
 * and one new journal group. If any part fails, the file is rolled back
 * and the model is brought back by inverting what reached it. */
static gboolean
replay (DlbStore  *self,
        gint64     group,
        gboolean   undo,
        GError   **error)
{
  g_autoptr(GArray) steps = steps_new ();
  g_autoptr(GError) local_error = NULL;
  const char *action = undo ? _("Could not undo") : _("Could not redo");
  gboolean ok;
  int rc;

  if (self->conn == NULL || self->read_only)
    return read_only_error (self, error);

  if (!load_group (self, group, steps, error))
    return FALSE;

  rc = conn_exec (self->conn, "BEGIN IMMEDIATE");
  if (rc == SQLITE_OK)
    rc = conn_query_int64 (self->conn, "SELECT coalesce(max(group_id), 0) + 1 FROM journal",
                           &self->group);
  if (rc != SQLITE_OK)
    {
      _dlb_store_set_sqlite_error (error, rc, self->conn->db, action);
      if (!sqlite3_get_autocommit (self->conn->db))
        conn_exec (self->conn, "ROLLBACK");
      return FALSE;
    }

  self->edit_kind = undo ? "undo" : "redo";
  self->replaying = TRUE;
  g_free (self->action);
  self->action = g_strdup (action);
  g_clear_pointer (&self->description, g_free);
  self->replay_calls = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* One model group for the whole replay: views see one change, and if a
   * part fails the model takes back what reached it. */
  ok = dlb_case_begin_group (self->case_, NULL, &local_error);
  if (ok)
    {
      ok = undo ? invert_group (self, steps, &local_error)
                : reapply_steps (self, steps, &local_error);
      if (ok)
        ok = dlb_case_commit_group (self->case_, &local_error);
      else
        dlb_case_cancel_group (self->case_);
    }

  self->replaying = FALSE;

  if (ok)
    {
      sqlite3_stmt *stmt;

      rc = conn_prepare (self->conn, "UPDATE journal SET state = ? WHERE group_id = ?", &stmt);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, undo ? "undone" : "done", -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, group);
          rc = stmt_run (stmt);
        }
      if (rc == SQLITE_OK)
        rc = commit_sealed (self);
      if (rc != SQLITE_OK)
        {
          _dlb_store_set_sqlite_error (&local_error, rc, self->conn->db, action);
          ok = FALSE;
        }
    }

  if (!ok)
    {
      if (!sqlite3_get_autocommit (self->conn->db))
        conn_exec (self->conn, "ROLLBACK");

      /* The file is back where it was; bring the model back too, without
       * writing. */
      dlb_case_set_backend (self->case_, NULL, NULL);
      if (self->replay_calls->len > 0 && dlb_case_begin_group (self->case_, NULL, NULL))
        {
          for (guint i = self->replay_calls->len; i-- > 0;)
            {
              g_autoptr(GError) revert_error = NULL;

              if (!invert_group (self, g_ptr_array_index (self->replay_calls, i), &revert_error))
                g_critical ("The case no longer matches its file after a failed %s: %s",
                            undo ? "undo" : "redo", revert_error->message);
            }
          dlb_case_commit_group (self->case_, NULL);
        }
      dlb_case_set_backend (self->case_, &backend, self);
    }

  g_clear_pointer (&self->replay_calls, g_ptr_array_unref);
  update_undo_state (self);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
dlb_store_can_undo (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);

  return self->undo_group != 0 && !self->read_only && self->conn != NULL;
}

gboolean
dlb_store_can_redo (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);

  return self->redo_group != 0 && !self->read_only && self->conn != NULL;
}

gboolean
dlb_store_undo (DlbStore  *self,
                GError   **error)
{
  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->conn == NULL || self->read_only)
    return read_only_error (self, error);

  if (self->undo_group == 0)
    {
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID,
                   _("There is nothing to undo"));
      return FALSE;
    }

  return replay (self, self->undo_group, TRUE, error);
}

/* The newest edit still done that removed @entity_id, or 0. */
static gint64
removal_group (DlbStore   *self,
               const char *entity_id)
{
  static const char sql[] =
    "SELECT max(group_id) FROM journal WHERE kind = 'edit' AND state = 'done' "
    "AND action = 'remove' AND entity_id = ?";
  sqlite3_stmt *stmt;
  gint64 group = 0;

  if (self->conn == NULL || conn_prepare (self->conn, sql, &stmt) != SQLITE_OK)
    return 0;

  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    group = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return group;
}

/**
 * dlb_store_undo_removal:
 * @self: a store
 * @entity_id: the id of a removed entity
 * @error: return location for a #GError
 *
 * Undoes the edit that removed @entity_id, even if edits were made since:
 * a deletion's toast restores the item it names, not the newest edit.
 * Later edits stay; the undone edit can be redone as any other.
 *
 * Returns: whether the entity is back
 */
gboolean
dlb_store_undo_removal (DlbStore    *self,
                        const char  *entity_id,
                        GError     **error)
{
  gint64 group;

  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->conn == NULL || self->read_only)
    return read_only_error (self, error);

  group = removal_group (self, entity_id);
  if (group == 0)
    {
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID,
                   _("There is nothing to undo"));
      return FALSE;
    }

  return replay (self, group, TRUE, error);
}

gboolean
dlb_store_redo (DlbStore  *self,
                GError   **error)
{
  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->conn == NULL || self->read_only)
    return read_only_error (self, error);

  if (self->redo_group == 0)
    {
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID,
                   _("There is nothing to redo"));
      return FALSE;
    }

  return replay (self, self->redo_group, FALSE, error);
}

/* The words of grouped edit @group, or NULL for a single edit. */
static char *
group_description (DlbStore *self,
                   gint64    group)
{
  static const char sql[] =
    "SELECT description FROM journal WHERE group_id = ? AND description IS NOT NULL LIMIT 1";
  char *description = NULL;
  sqlite3_stmt *stmt;

  /* Files older than version 3 opened read-only have no words to give. */
  if (self->conn == NULL || group == 0 || self->version < 3)
    return NULL;
  if (conn_prepare (self->conn, sql, &stmt) != SQLITE_OK)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, group);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    description = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return description;
}

/**
 * dlb_store_dup_group_description:
 * @self: a store
 * @group: a journal group, as dlb_journal_entry_get_group() gives it
 *
 * Returns: (nullable) (transfer full): the words of a grouped edit
 *   ("Change weights"), or %NULL for a single edit, which its journal
 *   entry describes
 */
char *
dlb_store_dup_group_description (DlbStore *self,
                                 gint64    group)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return group_description (self, group);
}

/**
 * dlb_store_dup_undo_description:
 * @self: a store
 *
 * Returns: (nullable) (transfer full): the words of the grouped edit that
 *   dlb_store_undo() would take back (“Apply ranking”), for the Undo
 *   label; %NULL if there is nothing to undo or it is a single edit, which
 *   its journal entry describes
 */
char *
dlb_store_dup_undo_description (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return group_description (self, self->undo_group);
}

/**
 * dlb_store_dup_redo_description:
 * @self: a store
 *
 * Returns: (nullable) (transfer full): as
 *   dlb_store_dup_undo_description(), for what dlb_store_redo() would make
 *   again
 */
char *
dlb_store_dup_redo_description (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return group_description (self, self->redo_group);
}

static DlbHistoryGroup *
history_group (DlbStore  *self,
               GPtrArray *entries)
{
  DlbJournalEntry *first = g_ptr_array_index (entries, 0);
  const char *edit = dlb_journal_entry_get_edit (first);
  g_autofree char *described = dlb_store_dup_group_description (self, dlb_journal_entry_get_group (first));
  g_autofree char *heading = NULL;
  g_autoptr(GStrvBuilder) changes = g_strv_builder_new ();
  DlbJournalEntry *primary = NULL;
  guint n = entries->len;

  /* A removal or an addition with its knock-on changes (references
   * cleared, scores gone) reads as the removal or the addition. */
  for (guint i = 0; n > 1 && described == NULL && primary == NULL && i < n; i++)
    {
      DlbJournalEntry *entry = g_ptr_array_index (entries, i);

      if (!g_str_equal (dlb_journal_entry_get_action (entry), "update")
          && g_strcmp0 (dlb_journal_entry_get_kind (entry), "score") != 0)
        primary = entry;
    }
  for (guint i = 0; primary != NULL && i < n; i++)
    {
      DlbJournalEntry *entry = g_ptr_array_index (entries, i);

      if (entry != primary && !g_str_equal (dlb_journal_entry_get_action (entry), "update")
          && g_strcmp0 (dlb_journal_entry_get_kind (entry), "score") != 0)
        primary = NULL;  /* several entities added or removed */
    }

  if (n == 1)
    heading = dlb_journal_entry_dup_description (first);
  else if (described != NULL)
    heading = g_steal_pointer (&described);
  else if (primary != NULL)
    heading = dlb_journal_entry_dup_description (primary);
  else if (g_str_equal (edit, "undo"))
    /* Translators: a gesture of the case's history that undid several changes */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Undid %u change", "Undid %u changes", n), n);
  else if (g_str_equal (edit, "redo"))
    /* Translators: a gesture of the case's history that made several changes again */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Redid %u change", "Redid %u changes", n), n);
  else
    /* Translators: a gesture of the case's history that made several changes */
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", n), n);

  /* The journal reads newest first; a gesture's changes read in order. */
  for (guint i = n; n > 1 && i-- > 0;)
    {
      g_autofree char *line = dlb_journal_entry_dup_description (g_ptr_array_index (entries, i));

      g_strv_builder_add (changes, line);
    }

  return dlb_history_group_new (dlb_journal_entry_get_group (first), dlb_journal_entry_get_time (first),
                                heading, g_strv_builder_end (changes));
}

/**
 * dlb_store_dup_history:
 * @self: a store
 * @error: return location for a #GError
 *
 * The case's history, newest gesture first, in plain words: one
 * #DlbHistoryGroup a gesture (an edit, a grouped edit, an undo or a redo),
 * for the History view and the memo's audit trail.
 *
 * Returns: (transfer full) (element-type DlbHistoryGroup) (nullable): the
 *   gestures, or %NULL with @error set
 */
GPtrArray *
dlb_store_dup_history (DlbStore  *self,
                       GError   **error)
{
  g_autoptr(GPtrArray) journal = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) run = g_ptr_array_new ();

  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  journal = dlb_store_get_journal (self, G_MAXINT, error);
  if (journal == NULL)
    return NULL;

  history = g_ptr_array_new_with_free_func ((GDestroyNotify) dlb_history_group_free);
  for (guint i = 0; i <= journal->len; i++)
    {
      DlbJournalEntry *entry = i < journal->len ? g_ptr_array_index (journal, i) : NULL;

      if (run->len > 0
          && (entry == NULL
              || dlb_journal_entry_get_group (entry)
                 != dlb_journal_entry_get_group (g_ptr_array_index (run, 0))))
        {
          g_ptr_array_add (history, history_group (self, run));
          g_ptr_array_set_size (run, 0);
        }
      if (entry != NULL)
        g_ptr_array_add (run, entry);
    }

  return g_steal_pointer (&history);
}

GPtrArray *
dlb_store_get_journal (DlbStore  *self,
                       guint      limit,
                       GError   **error)
{
  static const char sql[] =
    "SELECT group_id, kind, time, action, entity_table, entity_id, entity_name, field, "
    "before, after FROM journal WHERE id <= ? ORDER BY id DESC LIMIT ?";
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DLB_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->conn == NULL)
    {
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("Could not read the journal: the case file is closed"));
      return NULL;
    }

  rc = conn_prepare (self->conn, sql, &stmt);
  if (rc != SQLITE_OK)
    {
      _dlb_store_set_sqlite_error (error, rc, self->conn->db, _("Could not read the journal"));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, self->journal_limit);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (gint64) limit);

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 2);
      g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
      const char *action = (const char *) sqlite3_column_text (stmt, 3);
      const char *table = (const char *) sqlite3_column_text (stmt, 4);
      const char *id = (const char *) sqlite3_column_text (stmt, 5);

      if (time == NULL || action == NULL || table == NULL || id == NULL)
        {
          sqlite3_reset (stmt);
          set_invalid_row (error, "journal", NULL, _("a row lacks its time, action or entity"));
          return NULL;
        }

      g_ptr_array_add (entries,
                       dlb_journal_entry_new (sqlite3_column_int64 (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              time, action, table, id,
                                              (const char *) sqlite3_column_text (stmt, 6),
                                              (const char *) sqlite3_column_text (stmt, 7),
                                              (const char *) sqlite3_column_text (stmt, 8),
                                              (const char *) sqlite3_column_text (stmt, 9)));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _dlb_store_set_sqlite_error (error, rc, self->conn->db, _("Could not read the journal"));
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/* Loading ----------------------------------------------------------------- */

/* A file with our mark whose tables do not read as ours is damaged, not
 * merely unreadable. */
static gboolean
load_error (GError     **error,
            int          rc,
            sqlite3     *db,
            const char  *action)
{
  if ((rc & 0xff) == SQLITE_ERROR)
    rc = SQLITE_CORRUPT;
  return _dlb_store_set_sqlite_error (error, rc, db, action);
}

static gboolean
load_lists (Conn        *conn,
            DlbEntity   *entity,
            guint        version,
            const char  *action,
            GError     **error)
{
  DlbKind kind = dlb_entity_get_kind (entity);
  DlbEntityClass *klass = kind_class (kind);

  for (guint i = 1; i < klass->n_fields; i++)
    {
      const DlbField *field = &klass->fields[i];
      g_auto (GValue) value = G_VALUE_INIT;
      int rc;

      if (!field_is_list (field) || !field_in_version (field, version))
        continue;
      g_value_init (&value, field_value_type (kind, field));
      rc = read_list (conn, kind, dlb_entity_get_id (entity), field, &value);
      if (rc != SQLITE_OK)
        return load_error (error, rc, conn->db, action);
      _dlb_entity_set_value (entity, i, &value);
    }

  return TRUE;
}

/* Reads a row's plain columns (after id and position) into @entity. */
static gboolean
load_row (sqlite3_stmt  *stmt,
          int            first_column,
          DlbEntity     *entity,
          guint          version,
          GError       **error)
{
  DlbKind kind = dlb_entity_get_kind (entity);
  DlbEntityClass *klass = kind_class (kind);
  int column = first_column;

  for (guint i = 1; i < klass->n_fields; i++)
    {
      const DlbField *field = &klass->fields[i];
      g_auto (GValue) value = G_VALUE_INIT;

      if (field_is_list (field) || !field_in_version (field, version))
        continue;
      g_value_init (&value, field_value_type (kind, field));
      if (!read_field (stmt, column++, klass->table, dlb_entity_get_id (entity), field, &value, error))
        return FALSE;
      _dlb_entity_set_value (entity, i, &value);
    }

  return TRUE;
}

static gboolean
validate_entity (DlbCase    *case_,
                 DlbEntity  *entity,
                 GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  for (guint i = 1; i < dlb_entity_get_n_fields (entity); i++)
    if (!dlb_case_validate_value (case_, entity, i, dlb_entity_get_value (entity, i), &local_error))
      return set_invalid_row (error, DLB_ENTITY_GET_CLASS (entity)->table,
                              dlb_entity_get_id (entity), local_error->message);

  if (DLB_IS_SCORE (entity))
    {
      g_autofree char *id = dlb_score_make_id (dlb_score_get_option (DLB_SCORE (entity)),
                                               dlb_score_get_criterion (DLB_SCORE (entity)));

      if (!g_str_equal (id, dlb_entity_get_id (entity)))
        return set_invalid_row (error, "score", dlb_entity_get_id (entity),
                                _("the id is not made of its option and criterion"));
    }

  return TRUE;
}

static DlbCase *
load_case (Conn        *conn,
           guint        version,
           const char  *path,
           GError     **error)
{
  g_autofree char *action = open_action (path);
  g_autoptr(DlbCase) case_ = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The case itself: exactly one row. */
  columns = column_list (DLB_KIND_CASE, version);
  sql = g_strdup_printf ("SELECT %s FROM \"case_info\"", columns);
  rc = conn_prepare (conn, sql, &stmt);
  if (rc != SQLITE_OK)
    {
      load_error (error, rc, conn->db, action);
      return NULL;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      case_ = g_object_new (DLB_TYPE_CASE, "id", id != NULL ? id : "case", NULL);
      if (!load_row (stmt, 1, DLB_ENTITY (case_), version, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          set_invalid_row (error, "case_info", NULL, _("the case file holds more than one case"));
          return NULL;
        }
    }
  else if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      set_invalid_row (error, "case_info", NULL, _("the case itself is missing"));
      return NULL;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      load_error (error, rc, conn->db, action);
      return NULL;
    }

  if (!load_lists (conn, DLB_ENTITY (case_), version, action, error))
    return NULL;

  for (DlbKind kind = DLB_KIND_STAKEHOLDER; kind <= DLB_KIND_PERSPECTIVE; kind++)
    {
      DlbEntityClass *klass = kind_class (kind);
      g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *kind_columns = column_list (kind, version);
      g_autofree char *kind_sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY \"position\", \"id\"",
                                                   kind_columns, klass->table);
      gint64 expected = 0;

      rc = conn_prepare (conn, kind_sql, &stmt);
      if (rc != SQLITE_OK)
        {
          load_error (error, rc, conn->db, action);
          return NULL;
        }

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 0);
          g_autoptr(DlbEntity) entity = NULL;

          if (id == NULL || *id == '\0')
            {
              sqlite3_reset (stmt);
              set_invalid_row (error, klass->table, NULL, _("a row has no id"));
              return NULL;
            }
          if (sqlite3_column_type (stmt, 1) != SQLITE_INTEGER
              || sqlite3_column_int64 (stmt, 1) != expected)
            {
              set_invalid_row (error, klass->table, id, _("the positions are not numbered 0, 1, 2, …"));
              sqlite3_reset (stmt);
              return NULL;
            }
          expected++;

          entity = g_object_new (dlb_kind_get_entity_type (kind), "id", id, NULL);
          if (!load_row (stmt, 2, entity, version, error))
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          g_ptr_array_add (entities, g_steal_pointer (&entity));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          load_error (error, rc, conn->db, action);
          return NULL;
        }

      for (guint i = 0; i < entities->len; i++)
        {
          DlbEntity *entity = g_ptr_array_index (entities, i);
          g_autoptr(GError) local_error = NULL;

          if (!load_lists (conn, entity, version, action, error))
            return NULL;
          if (!dlb_case_append (case_, entity, &local_error))
            {
              set_invalid_row (error, klass->table, dlb_entity_get_id (entity), local_error->message);
              return NULL;
            }
        }
    }

  /* References are checked once everything they may point at is loaded. */
  if (!validate_entity (case_, DLB_ENTITY (case_), error))
    return NULL;
  for (DlbKind kind = DLB_KIND_STAKEHOLDER; kind <= DLB_KIND_PERSPECTIVE; kind++)
    {
      GListModel *list = dlb_case_get_list (case_, kind);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);

          if (!validate_entity (case_, entity, error))
            return NULL;
        }
    }

  return g_steal_pointer (&case_);
}

/* Opening and closing ----------------------------------------------------- */

static void
dlb_store_dispose (GObject *object)
{
  dlb_store_close (DLB_STORE (object));

  G_OBJECT_CLASS (dlb_store_parent_class)->dispose (object);
}

static void
dlb_store_finalize (GObject *object)
{
  DlbStore *self = DLB_STORE (object);

  g_free (self->identity);
  g_clear_error (&self->damage);
  seal_clear (&self->seal);
  g_free (self->path);
  g_free (self->action);
  g_free (self->description);
  g_clear_pointer (&self->gone_names, g_hash_table_unref);

  G_OBJECT_CLASS (dlb_store_parent_class)->finalize (object);
}

static void
dlb_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlbStore *self = DLB_STORE (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dlb_store_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, dlb_store_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlb_store_class_init (DlbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlb_store_dispose;
  object_class->finalize = dlb_store_finalize;
  object_class->get_property = dlb_store_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlb_store_init (DlbStore *self)
{
  self->gone_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->lock_fd = -1;
  self->edit_kind = "edit";
  self->journal_limit = G_MAXINT64;
}

/* Only one window or program edits a case file at a time; the second
 * one is told so, and may open it read-only. */
static gboolean
in_use_error (const char  *path,
              GError     **error)
{
  g_autofree char *name = display_name (path);

  /* Translators: %s is a file name */
  g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE,
               _("“%s” is open for editing in another window or program. Only one can change it at a "
                 "time: open it read-only, or close it there first."), name);
  return FALSE;
}

/* Keeps a second window from writing the same file. An advisory lock on a
 * descriptor of our own: it writes nothing, and SQLite's own locks are
 * separate. Returns the descriptor, or -1 with @error set. */
static int
take_lock (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = display_name (path);

      /* Translators: the first %s is a file name, the second the system's reason */
      g_set_error (error, DLB_STORE_ERROR,
                   saved == ENOENT ? DLB_STORE_ERROR_NOT_FOUND : DLB_STORE_ERROR_IO,
                   _("Could not open “%s”: %s"), name, g_strerror (saved));
      return -1;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved = errno;
      g_autofree char *name = display_name (path);

      close (fd);
      if (saved == EWOULDBLOCK)
        in_use_error (path, error);
      else
        /* Translators: the first %s is a file name, the second the system's reason */
        g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                     _("Could not open “%s”: %s"), name, g_strerror (saved));
      return -1;
    }

  return fd;
}

/* Fails with IN_USE if @path exists and a store has it open for writing. */
static gboolean
check_not_in_use (const char  *path,
                  GError     **error)
{
  int fd;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  fd = take_lock (path, error);
  if (fd < 0)
    return FALSE;
  close (fd);

  return TRUE;
}

static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

void
_dlb_store_set_statement_limit (gint64 usec)
{
  statement_limit = usec > 0 ? usec : STATEMENT_LIMIT;
}

void
_dlb_store_allow_file_triggers (DlbStore *self)
{
  g_return_if_fail (DLB_IS_STORE (self) && self->conn != NULL);

  sqlite3_db_config (self->conn->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, NULL);
}

static int
on_progress (void *data)
{
  Conn *conn = data;

  /* Anything but 0 stops the statement with SQLITE_INTERRUPT. */
  return g_get_monotonic_time () - conn->started > statement_limit;
}

/* SQLite's defences for a database that may have been made to attack
 * whoever opens it: no changes to the schema's own tables, no function of
 * the file's schema that is not marked harmless, no extensions, no views
 * and (except in a file of our own making) no triggers; limits on what a
 * statement and a value may be. */
static int
harden (Conn     *conn,
        OpenMode  mode)
{
  static const struct { int config; int on; } configs[] = {
    { SQLITE_DBCONFIG_DEFENSIVE, 1 },
    { SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0 },
    { SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0 },
    { SQLITE_DBCONFIG_ENABLE_VIEW, 0 },
  };
  static const struct { int id; int value; } limits[] = {
    { SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024 },
    { SQLITE_LIMIT_SQL_LENGTH, 256 * 1024 },
    { SQLITE_LIMIT_COLUMN, 100 },
    { SQLITE_LIMIT_EXPR_DEPTH, 200 },
    { SQLITE_LIMIT_COMPOUND_SELECT, 8 },
    { SQLITE_LIMIT_FUNCTION_ARG, 8 },
    { SQLITE_LIMIT_ATTACHED, 0 },
    { SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100 },
    { SQLITE_LIMIT_VARIABLE_NUMBER, 100 },
    { SQLITE_LIMIT_TRIGGER_DEPTH, 4 },
    { SQLITE_LIMIT_WORKER_THREADS, 0 },
  };
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (configs); i++)
    {
      rc = sqlite3_db_config (conn->db, configs[i].config, configs[i].on, NULL);
      if (rc != SQLITE_OK)
        return rc;
    }
  rc = sqlite3_db_config (conn->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, mode == OPEN_NEW ? 1 : 0, NULL);
  if (rc != SQLITE_OK)
    return rc;

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    sqlite3_limit (conn->db, limits[i].id, limits[i].value);

  sqlite3_progress_handler (conn->db, 1000, on_progress, conn);

  rc = conn_exec (conn, "PRAGMA foreign_keys = ON");
  if (rc == SQLITE_OK)
    rc = conn_exec (conn, "PRAGMA cell_size_check = ON");

  return rc;
}

static gboolean
open_connection (const char  *path,
                 OpenMode     mode,
                 Conn       **out,
                 GError     **error)
{
  g_autofree char *action = open_action (path);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int flags;
  int rc;

  flags = mode == OPEN_READ || mode == OPEN_READ_STILL ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (mode == OPEN_READ_STILL)
    {
      /* The file says it keeps a log beside it, and none is there: its
       * pages are all it has. Read as unchanging, SQLite makes no shared
       * memory file for the log. */
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      flags |= SQLITE_OPEN_URI;
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _dlb_store_set_sqlite_error (error, rc, NULL, action);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_extended_result_codes (db, 1);
  /* A reader waits out a window's edits, which are short; a window waits
   * less for a reader, so that an edit says the file is busy before the
   * window seems to hang. */
  sqlite3_busy_timeout (db, flags & SQLITE_OPEN_READONLY ? 10000 : 2000);
  *out = conn_new (db);

  rc = harden (*out, mode);
  /* A new file is a temporary one until it is whole: it reaches the disk
   * once, flushed as a whole, before it takes its name
   * (dlb_file_commit_temp), and an interrupted one is thrown away. Syncs
   * and a journal file at every step of its making would only slow it. */
  if (rc == SQLITE_OK && mode == OPEN_NEW)
    rc = conn_exec (*out, "PRAGMA journal_mode = MEMORY");
  if (rc == SQLITE_OK && mode == OPEN_NEW)
    rc = conn_exec (*out, "PRAGMA synchronous = OFF");
  if (rc != SQLITE_OK)
    {
      _dlb_store_set_sqlite_error (error, rc, db, action);
      g_clear_pointer (out, conn_free);
      return FALSE;
    }

  return TRUE;
}

/* Whether the file's header says it keeps a write-ahead log beside it.
 * Deliberate never sets one; another program may have. */
static gboolean
uses_log (const char *path)
{
  guchar header[100];
  gssize got;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);

  if (fd < 0)
    return FALSE;
  got = read (fd, header, sizeof header);
  close (fd);

  return got == (gssize) sizeof header
         && memcmp (header, "SQLite format 3", 16) == 0
         && (header[18] == 2 || header[19] == 2);
}

/* Whether a write-ahead log with something in it lies beside @path. */
static gboolean
has_log (const char *path)
{
  g_autofree char *log = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (log, &st) == 0 && st.st_size > 0;
}

/* Compares the file's schema with the one Deliberate writes at @version.
 * Reads sqlite_schema only: nothing of the file's runs. */
static gboolean
check_schema (Conn        *conn,
              const char  *path,
              guint        version,
              GError     **error)
{
  g_autofree char *name = display_name (path);
  g_autofree char *type = NULL;
  g_autofree char *object = NULL;
  DlbSchemaDifference difference;
  int rc;

  rc = dlb_schema_compare (conn->db, version, &difference, &type, &object);
  if (rc != SQLITE_OK)
    {
      g_autofree char *action = open_action (path);

      return load_error (error, rc, conn->db, action);
    }

  switch (difference)
    {
    case DLB_SCHEMA_SAME:
      return TRUE;
    case DLB_SCHEMA_EXTRA:
      /* Translators: the first %s is a file name, the second an SQL word
       * (“table”, “index”, “view” or “trigger”), the third its name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT,
                   _("“%s” was changed by another program or is not a Deliberate case file: it holds "
                     "something no case file has (%s “%s”). It is not opened, and nothing in it runs. "
                     "Open an earlier copy or a JSON export instead."), name, type, object);
      break;
    case DLB_SCHEMA_MISSING:
      /* Translators: the first %s is a file name, the second an SQL word
       * (“table”, “index”, “view” or “trigger”), the third its name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT,
                   _("“%s” was changed by another program or is damaged: its %s “%s” is missing. "
                     "It is not opened. Open an earlier copy or a JSON export instead."), name, type, object);
      break;
    case DLB_SCHEMA_CHANGED:
    default:
      /* Translators: the first %s is a file name, the second an SQL word
       * (“table”, “index”, “view” or “trigger”), the third its name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT,
                   _("“%s” was changed by another program or is damaged: its %s “%s” is not made as "
                     "Deliberate makes it. It is not opened, and nothing in it runs. Open an earlier "
                     "copy or a JSON export instead."), name, type, object);
      break;
    }

  return FALSE;
}

/* SQLite's own check of the file's pages, tables and indexes. A value
 * that breaks a column's rules is left for the reading of the case to
 * name by its table and row; *@broken_rule says which rule, for a value
 * the case would read anyway. */
static gboolean
check_integrity (Conn        *conn,
                 const char  *path,
                 goffset      size,
                 char       **broken_rule,
                 GError     **error)
{
  g_autofree char *action = open_action (path);
  g_autofree char *found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  /* The full check also compares every index with its table: about a
   * millisecond for the Ring example, a quarter of a second for a case of
   * 56 MB; past INTEGRITY_CHECK_SIZE the quick one, a third of that. */
  rc = conn_prepare (conn, size <= INTEGRITY_CHECK_SIZE ? "PRAGMA integrity_check (1)" : "PRAGMA quick_check (1)",
                     &stmt);
  if (rc != SQLITE_OK)
    return load_error (error, rc, conn->db, action);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return load_error (error, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, conn->db, action);

  if (g_str_has_prefix (found, "CHECK constraint failed") || g_str_has_prefix (found, "NULL value in"))
    {
      *broken_rule = g_steal_pointer (&found);
      return TRUE;
    }

  if (g_strcmp0 (found, "ok") != 0)
    {
      g_debug ("The check of %s found: %s", path, found);
      return _dlb_store_set_sqlite_error (error, SQLITE_CORRUPT, conn->db, action);
    }

  return TRUE;
}

/* Makes sure no other program is writing the file, which the lock Deliberate
 * takes cannot see: a writer that holds SQLite's own lock past the busy
 * timeout has the file. */
static gboolean
check_no_other_writer (Conn        *conn,
                       const char  *path,
                       GError     **error)
{
  int rc = conn_exec (conn, "BEGIN IMMEDIATE");

  if (rc == SQLITE_OK)
    return conn_exec (conn, "ROLLBACK") == SQLITE_OK;

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    return in_use_error (path, error);

  {
    g_autofree char *action = open_action (path);

    return _dlb_store_set_sqlite_error (error, rc, conn->db, action);
  }
}

/* Checks that the connection holds a Deliberate case file this build can
 * read, and returns its schema version. Reads only. */
static gboolean
check_identity (Conn        *conn,
                const char  *path,
                guint       *version,
                GError     **error)
{
  g_autofree char *action = open_action (path);
  g_autofree char *name = display_name (path);
  gint64 application_id = 0, user_version = 0;
  int rc;

  rc = conn_query_int64 (conn, "PRAGMA application_id", &application_id);
  if (rc == SQLITE_OK)
    rc = conn_query_int64 (conn, "PRAGMA user_version", &user_version);
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, conn->db, action);

  if ((guint32) application_id != DLB_SCHEMA_APPLICATION_ID)
    {
      /* Translators: %s is a file name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_NOT_A_CASE,
                   _("“%s” is not a Deliberate case file: it is another application’s database."),
                   name);
      return FALSE;
    }

  if (user_version > DLB_SCHEMA_VERSION)
    {
      /* Translators: %s is a file name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Deliberate; update Deliberate to open it."),
                   name);
      return FALSE;
    }

  if (user_version < 1)
    {
      /* Translators: %s is a file name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_CORRUPT,
                   _("“%s” is an unfinished case file. Open an earlier copy or a JSON export instead."),
                   name);
      return FALSE;
    }

  *version = (guint) user_version;
  return TRUE;
}

/* Reads a text column of the case's one row (NULL where it holds no
 * text), or sets @error. */
static gboolean
read_case_text (DlbStore    *self,
                const char  *sql,
                char       **text,
                GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *text = NULL;
  rc = conn_prepare (self->conn, sql, &stmt);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *action = open_action (self->path);

      return load_error (error, rc, self->conn->db, action);
    }

  return TRUE;
}

/* A file older than version 6 opened read-only has no identity: it is
 * left as it is. */
static gboolean
read_identity (DlbStore  *self,
               GError   **error)
{
  g_autofree char *text = NULL;
  gsize n;

  if (self->version < 6)
    return TRUE;

  if (!read_case_text (self, "SELECT identity FROM case_info", &text, error))
    return FALSE;

  /* Only what Deliberate itself writes: a file edited by other means may
   * hold anything there, and then has no identity. */
  n = text != NULL ? strspn (text, "0123456789abcdef") : 0;
  if (n >= 16 && n <= 64 && text[n] == '\0')
    self->identity = g_steal_pointer (&text);

  return TRUE;
}

static gboolean
begin_read (DlbStore  *self,
            GError   **error)
{
  int rc = conn_exec (self->conn, "BEGIN");

  if (rc != SQLITE_OK)
    {
      g_autofree char *action = open_action (self->path);

      return _dlb_store_set_sqlite_error (error, rc, self->conn->db, action);
    }

  return TRUE;
}

typedef struct
{
  DlbStore *self;
  GError   *error;
} Upgrade;

/* The step that brings the checksum in gives it the checksum of the case
 * as the file holds it, in the step's own transaction. */
static int
upgrade_step_done (sqlite3  *db,
                   guint     version,
                   gpointer  data)
{
  Upgrade *upgrade = data;
  g_autoptr(DlbCase) c = NULL;

  if (version != 7)
    return SQLITE_OK;

  c = load_case (upgrade->self->conn, version, upgrade->self->path, &upgrade->error);
  if (c == NULL)
    return SQLITE_ABORT;

  {
    Seal none = { NULL, 0 }, sealed = { NULL, 0 };
    int rc = write_checksum (upgrade->self->conn, c, &none, &sealed);

    seal_clear (&sealed);
    return rc;
  }
}

static gboolean
upgrade (DlbStore  *self,
         GError   **error)
{
  g_autofree char *message = NULL;
  Upgrade data = { self, NULL };
  int rc;

  rc = dlb_schema_migrate (self->conn->db, self->version, DLB_SCHEMA_VERSION,
                           upgrade_step_done, &data, &message);
  if (data.error != NULL)
    {
      g_propagate_error (error, data.error);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = display_name (self->path);
      g_autofree char *what = NULL;

      g_debug ("Upgrading %s failed: %s", self->path, message);
      /* Translators: %s is a file name */
      what = g_strdup_printf (_("Could not upgrade “%s” to this version of Deliberate"), name);
      return _dlb_store_set_sqlite_error (error, rc, self->conn->db, what);
    }

  self->version = DLB_SCHEMA_VERSION;
  return TRUE;
}

/* Compares the case as read with the checksum the file keeps. A mismatch
 * is not a failure: the case opens read-only, saying why, and a copy
 * saved from it is whole again. */
static gboolean
check_checksum (DlbStore  *self,
                GError   **error)
{
  g_autofree char *kept = NULL;
  g_autofree char *kept_seal = NULL;
  g_autofree char *now = NULL;
  Seal none = { NULL, 0 };
  int rc;

  if (self->version < 7)
    return TRUE;

  if (!read_case_text (self, "SELECT checksum FROM case_info", &kept, error)
      || !read_case_text (self, "SELECT journal_checksum FROM case_info", &kept_seal, error))
    return FALSE;

  seal_clear (&self->seal);
  rc = seal_journal (self->conn, &none, &self->seal);
  if (rc != SQLITE_OK)
    {
      g_autofree char *action = open_action (self->path);

      return load_error (error, rc, self->conn->db, action);
    }

  now = case_checksum (self->case_);
  if (g_strcmp0 (kept, now) != 0 || g_strcmp0 (kept_seal, self->seal.head) != 0)
    {
      g_autofree char *name = display_name (self->path);

      /* Translators: %s is a file name */
      self->damage = g_error_new (DLB_STORE_ERROR, DLB_STORE_ERROR_CHANGED,
                                  _("This case file was changed outside Deliberate or is damaged: "
                                    "the case in “%s” or its history does not match the checksums it "
                                    "keeps. It opens read-only; save a repaired copy to go on working "
                                    "on it."),
                                  name);
      self->read_only = TRUE;
      if (self->lock_fd >= 0)
        {
          close (self->lock_fd);
          self->lock_fd = -1;
        }
    }

  return TRUE;
}

DlbStore *
dlb_store_open (const char         *path,
                DlbStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(DlbStore) self = NULL;
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;
  g_autofree char *broken_rule = NULL;
  OpenMode mode;
  gboolean logged;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (checksum_func != NULL, NULL);

  /* A named pipe, a device, a folder or a looping link is refused by
   * what it is, before SQLite could wait on it. */
  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK | G_FILE_TEST_EXISTS) && !dlb_file_check_regular (path, error))
    return NULL;

  name = display_name (path);
  action = open_action (path);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      if (saved == ENOENT || saved == ENOTDIR)
        /* Translators: %s is a file name */
        g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_NOT_FOUND,
                     _("“%s” does not exist. Check the name and the folder."), name);
      else
        /* Translators: the first %s is what failed, the second the system's reason */
        g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                     _("%s: %s"), action, g_strerror (saved));
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      /* Translators: %s is a file name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_NOT_A_CASE,
                   _("“%s” is not a Deliberate case file."), name);
      return NULL;
    }

  if (st.st_size == 0)
    {
      /* Translators: %s is a file name */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_NOT_A_CASE,
                   _("“%s” is empty: it is not a Deliberate case file."), name);
      return NULL;
    }

  self = g_object_new (DLB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Where the file or its folder cannot be written (the journal file
   * SQLite keeps during a change lives beside it), open it read-only
   * rather than fail at the first edit. */
  self->read_only = (flags & DLB_STORE_OPEN_READ_ONLY) != 0
                    || g_access (path, W_OK) != 0
                    || !folder_writable (path);

  mode = self->read_only ? OPEN_READ : OPEN_WRITE;
  logged = uses_log (path);
  if (self->read_only && logged)
    {
      /* What the log holds would need a shared memory file beside the case
       * to be read, and a reader leaves the folder as it found it. */
      if (has_log (path))
        {
          /* Translators: %s is a file name */
          g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE,
                       _("“%s” holds changes that another program has not finished writing into it "
                         "(the “-wal” file beside it). Close that program, or open the file for "
                         "editing in Deliberate, and try again."), name);
          return NULL;
        }
      mode = OPEN_READ_STILL;
    }

  if (!self->read_only)
    {
      self->lock_fd = take_lock (path, error);
      if (self->lock_fd < 0)
        return NULL;
    }

  if (!open_connection (path, mode, &self->conn, error))
    return NULL;

  if (!check_identity (self->conn, path, &self->version, error))
    return NULL;

  /* Everything is read in one transaction: a reader sees the file as one
   * edit left it, never half of the next one. */
  if (!begin_read (self, error))
    return NULL;

  if (!check_schema (self->conn, path, self->version, error)
      || !check_integrity (self->conn, path, st.st_size, &broken_rule, error))
    return NULL;

  if (!self->read_only)
    {
      conn_exec (self->conn, "COMMIT");

      if (!check_no_other_writer (self->conn, path, error))
        return NULL;

      /* Deliberate keeps its changes in the file itself; a log another
       * program left is written into it, and removed. */
      if (logged)
        {
          int rc = conn_exec (self->conn, "PRAGMA journal_mode = DELETE");

          if (rc != SQLITE_OK)
            return _dlb_store_set_sqlite_error (error, rc, self->conn->db, action), NULL;
        }

      /* An older file is upgraded in place; a read-only one is read as it
       * is, and a read never changes the file. */
      if (self->version < DLB_SCHEMA_VERSION && !upgrade (self, error))
        return NULL;

      if (!begin_read (self, error))
        return NULL;
    }

  self->case_ = load_case (self->conn, self->version, path, error);
  if (self->case_ == NULL)
    return NULL;

  if (broken_rule != NULL)
    {
      /* Translators: %s is SQLite's words for the rule, e.g. “CHECK constraint failed in stakeholder” */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_INVALID,
                   _("The case file is not valid: a value breaks one of the file’s rules (%s)."),
                   broken_rule);
      return NULL;
    }

  if (!check_checksum (self, error) || !read_identity (self, error))
    return NULL;

  if (self->read_only)
    {
      int rc = conn_query_int64 (self->conn, "SELECT coalesce (max (id), 0) FROM journal",
                                 &self->journal_limit);

      if (rc != SQLITE_OK)
        return _dlb_store_set_sqlite_error (error, rc, self->conn->db, action), NULL;
    }
  conn_exec (self->conn, "COMMIT");

  dlb_case_set_read_only (self->case_, self->read_only);
  dlb_case_set_backend (self->case_, &backend, self);
  update_undo_state (self);

  return g_steal_pointer (&self);
}

/**
 * dlb_store_get_damage:
 * @self: a store
 *
 * Why a case file that opened is read-only although it was opened for
 * editing: its content does not match the checksum it keeps, so it was
 * changed outside Deliberate or is damaged. A copy saved with
 * dlb_store_save_copy() gets the checksum of the content as it was read,
 * and opens for editing again.
 *
 * Returns: (nullable): an error of %DLB_STORE_ERROR_CHANGED, or %NULL
 */
const GError *
dlb_store_get_damage (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return self->damage;
}

void
dlb_store_close (DlbStore *self)
{
  g_return_if_fail (DLB_IS_STORE (self));

  if (self->case_ != NULL)
    {
      /* The case may outlive the file; it can no longer be saved. */
      dlb_case_set_backend (self->case_, NULL, NULL);
      dlb_case_set_read_only (self->case_, TRUE);
      g_clear_object (&self->case_);
    }

  if (self->conn != NULL && !sqlite3_get_autocommit (self->conn->db))
    conn_exec (self->conn, "ROLLBACK");
  g_clear_pointer (&self->conn, conn_free);

  if (self->lock_fd >= 0)
    {
      close (self->lock_fd);
      self->lock_fd = -1;
    }

  if (self->undo_group != 0)
    {
      self->undo_group = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (self->redo_group != 0)
    {
      self->redo_group = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
}

DlbCase *
dlb_store_get_case (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return self->case_;
}

const char *
dlb_store_get_path (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return self->path;
}

gboolean
dlb_store_get_read_only (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), TRUE);

  return self->read_only;
}

/* Writing whole files ----------------------------------------------------- */

/* A new, empty file beside @path, so that a rename can replace @path in
 * one step. */
/* The file layer's error, in the store's words. */
/**
 * dlb_store_get_identity:
 * @self: a store
 *
 * The identity the case file was given when it was first written: the
 * same for as long as the file lives, whatever is edited, and different
 * for every other case file. A memo keeps it to tell its own case from
 * another one.
 *
 * Returns: (nullable): 32 hex digits, or %NULL for a file from an older
 *   version of Deliberate opened read-only
 */
const char *
dlb_store_get_identity (DlbStore *self)
{
  g_return_val_if_fail (DLB_IS_STORE (self), NULL);

  return self->identity;
}

/**
 * dlb_store_count_journal:
 * @self: a store
 * @count: (out): the number of entries
 * @error: return location for a #GError
 *
 * Counts the journal's entries, the undos and redos among them. Entries
 * are only ever added, so the count is a position in the case's history:
 * the count now less the count then is how many entries came since.
 *
 * Returns: %TRUE on success
 */
gboolean
dlb_store_count_journal (DlbStore  *self,
                         guint64   *count,
                         GError   **error)
{
  gint64 value = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->conn == NULL)
    {
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("Could not read the journal: the case file is closed"));
      return FALSE;
    }

  rc = conn_prepare (self->conn, "SELECT count(*) FROM journal WHERE id <= ?", &stmt);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, self->journal_limit);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_OK)
    return _dlb_store_set_sqlite_error (error, rc, self->conn->db, _("Could not read the journal"));

  *count = (guint64) MAX (value, 0);
  return TRUE;
}

static void
set_file_error (GError     **error,
                GError      *file_error)
{
  g_set_error_literal (error, DLB_STORE_ERROR,
                       g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC) ? DLB_STORE_ERROR_DISK_FULL
                       : g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
                         g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_PERM) ||
                         g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_ROFS) ? DLB_STORE_ERROR_READ_ONLY
                       : DLB_STORE_ERROR_IO,
                       file_error->message);
}

static char *
make_temp_beside (const char  *path,
                  GError     **error)
{
  g_autoptr(GError) file_error = NULL;
  int fd = -1;
  char *temp = dlb_file_create_temp (path, &fd, &file_error);

  if (temp == NULL)
    {
      set_file_error (error, file_error);
      return NULL;
    }
  /* SQLite opens the file by name. */
  close (fd);

  return temp;
}

static void
remove_temp (const char *temp)
{
  g_autofree char *journal = g_strconcat (temp, "-journal", NULL);

  g_unlink (journal);
  g_unlink (temp);
}

static gboolean
finish_temp (const char  *temp,
             const char  *path,
             GError     **error)
{
  g_autoptr(GError) file_error = NULL;

  if (!dlb_file_commit_temp (temp, -1, path, &file_error))
    {
      remove_temp (temp);
      set_file_error (error, file_error);
      return FALSE;
    }

  return TRUE;
}

static int
write_read_back_checksum (Conn       *conn,
                          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbCase) written = load_case (conn, DLB_SCHEMA_VERSION, path, &error);

  if (written == NULL)
    {
      g_debug ("The case written to %s does not read back: %s", path, error->message);
      return SQLITE_CORRUPT;
    }

  {
    Seal none = { NULL, 0 }, sealed = { NULL, 0 };
    int rc = write_checksum (conn, written, &none, &sealed);

    seal_clear (&sealed);
    return rc;
  }
}

static gboolean
validate_case (DlbCase  *source,
               GError  **error)
{
  if (!validate_entity (source, DLB_ENTITY (source), error))
    return FALSE;

  for (DlbKind kind = DLB_KIND_STAKEHOLDER; kind <= DLB_KIND_PERSPECTIVE; kind++)
    {
      GListModel *list = dlb_case_get_list (source, kind);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);

          if (!validate_entity (source, entity, error))
            return FALSE;
        }
    }

  return TRUE;
}

static int
write_all (Conn       *conn,
           DlbCase    *source,
           const char *path)
{
  int rc;

  /* References may point forward (the case's recommendation at an option
   * written later); they are checked when the whole case is in. */
  rc = conn_exec (conn, "BEGIN IMMEDIATE");
  if (rc == SQLITE_OK)
    rc = conn_exec (conn, "PRAGMA defer_foreign_keys = ON");
  if (rc == SQLITE_OK)
    rc = insert_entity (conn, DLB_ENTITY (source), 0, DLB_SCHEMA_VERSION);

  for (DlbKind kind = DLB_KIND_STAKEHOLDER; kind <= DLB_KIND_PERSPECTIVE && rc == SQLITE_OK; kind++)
    {
      GListModel *list = dlb_case_get_list (source, kind);

      for (guint i = 0; i < g_list_model_get_n_items (list) && rc == SQLITE_OK; i++)
        {
          g_autoptr(DlbEntity) entity = g_list_model_get_item (list, i);

          rc = insert_entity (conn, entity, i, DLB_SCHEMA_VERSION);
        }
    }

  /* The checksum of the case as a later open will read it back. */
  if (rc == SQLITE_OK)
    rc = write_read_back_checksum (conn, path);

  if (rc == SQLITE_OK)
    rc = conn_exec (conn, "COMMIT");
  if (rc != SQLITE_OK && !sqlite3_get_autocommit (conn->db))
    conn_exec (conn, "ROLLBACK");

  return rc;
}

gboolean
dlb_store_write_case (DlbCase     *source,
                      const char  *path,
                      GError     **error)
{
  g_autofree char *temp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;
  g_autofree char *message = NULL;
  g_autoptr(Conn) conn = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DLB_IS_CASE (source), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (checksum_func != NULL, FALSE);

  name = display_name (path);
  /* Translators: %s is a file name */
  action = g_strdup_printf (_("Could not write “%s”"), name);

  if (!validate_case (source, error))
    return FALSE;
  if (!check_not_in_use (path, error))
    return FALSE;

  temp = make_temp_beside (path, error);
  if (temp == NULL)
    return FALSE;

  ok = open_connection (temp, OPEN_NEW, &conn, error);
  if (ok)
    {
      rc = dlb_schema_migrate (conn->db, 0, DLB_SCHEMA_VERSION, NULL, NULL, &message);
      if (rc == SQLITE_OK)
        rc = write_all (conn, source, temp);
      if (rc != SQLITE_OK)
        {
          g_debug ("Writing %s failed: %s", path, message != NULL ? message : sqlite3_errmsg (conn->db));
          ok = _dlb_store_set_sqlite_error (error, rc, conn->db, action);
        }
    }

  if (conn != NULL)
    {
      /* Closing makes sure nothing is left to write before the rename. */
      g_hash_table_remove_all (conn->statements);
      rc = sqlite3_close (conn->db);
      conn->db = NULL;
      if (ok && rc != SQLITE_OK)
        ok = _dlb_store_set_sqlite_error (error, rc, NULL, action);
    }

  if (!ok)
    {
      remove_temp (temp);
      return FALSE;
    }

  return finish_temp (temp, path, error);
}

/* Readies, in a thread of its own, what checking a case file's schema
 * needs, so that a program about to open one (while it starts its window
 * system, say) does not wait for it then. */
void
dlb_store_prepare (void)
{
  dlb_schema_prepare ();
}

DlbStore *
dlb_store_create (const char  *path,
                  DlbCase     *source,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (DLB_IS_CASE (source), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!dlb_store_write_case (source, path, error))
    return NULL;

  return dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

gboolean
dlb_store_save_copy (DlbStore    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *temp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *action = NULL;
  g_autoptr(Conn) dest = NULL;
  sqlite3_backup *backup;
  gboolean ok;
  int rc;

  g_return_val_if_fail (DLB_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = display_name (path);
  /* Translators: %s is a file name */
  action = g_strdup_printf (_("Could not save a copy as “%s”"), name);

  if (self->conn == NULL)
    {
      /* Translators: %s is what failed */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IO,
                   _("%s: the case file is closed."), action);
      return FALSE;
    }

  if (same_file (self->path, path))
    {
      /* Translators: %s is what failed */
      g_set_error (error, DLB_STORE_ERROR, DLB_STORE_ERROR_IN_USE,
                   _("%s: that is the file already open. Choose another name."), action);
      return FALSE;
    }

  if (!check_not_in_use (path, error))
    return FALSE;

  temp = make_temp_beside (path, error);
  if (temp == NULL)
    return FALSE;

  ok = open_connection (temp, OPEN_NEW, &dest, error);
  if (ok)
    {
      backup = sqlite3_backup_init (dest->db, "main", self->conn->db, "main");
      if (backup == NULL)
        ok = _dlb_store_set_sqlite_error (error, sqlite3_errcode (dest->db), dest->db, action);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc != SQLITE_DONE)
            ok = _dlb_store_set_sqlite_error (error, rc, dest->db, action);
        }
    }

  /* A copy of a case whose checksum did not match is the case as it was
   * read, with the checksum of what it now holds: the repaired copy. */
  if (ok && self->damage != NULL)
    {
      rc = conn_exec (dest, "BEGIN IMMEDIATE");
      if (rc == SQLITE_OK)
        rc = write_read_back_checksum (dest, temp);
      if (rc == SQLITE_OK)
        rc = conn_exec (dest, "COMMIT");
      if (rc != SQLITE_OK)
        {
          if (!sqlite3_get_autocommit (dest->db))
            conn_exec (dest, "ROLLBACK");
          ok = _dlb_store_set_sqlite_error (error, rc, dest->db, action);
        }
    }

  if (dest != NULL)
    {
      g_hash_table_remove_all (dest->statements);
      rc = sqlite3_close (dest->db);
      dest->db = NULL;
      if (ok && rc != SQLITE_OK)
        ok = _dlb_store_set_sqlite_error (error, rc, NULL, action);
    }

  if (!ok)
    {
      remove_temp (temp);
      return FALSE;
    }

  return finish_temp (temp, path, error);
}
