/* dlb-schema.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* "DLBR": marks a SQLite file as a Deliberate case file. */
#define DLB_SCHEMA_APPLICATION_ID 0x444C4252

/* The schema version this build writes; files at a lower version are
 * upgraded in place, files at a higher one are refused. */
#define DLB_SCHEMA_VERSION 7

typedef enum
{
  DLB_SCHEMA_SAME,
  DLB_SCHEMA_EXTRA,     /* an object the version does not have */
  DLB_SCHEMA_MISSING,   /* an object of the version is not there */
  DLB_SCHEMA_CHANGED,   /* an object is there, made differently */
} DlbSchemaDifference;

/* Runs inside a step's transaction, after its SQL; returns a SQLite
 * result code, and anything but SQLITE_OK rolls the step back. */
typedef int (*DlbSchemaStepFunc) (sqlite3  *db,
                                  guint     version,
                                  gpointer  data);

const char *dlb_schema_get_step_sql (guint                  version);
int         dlb_schema_migrate      (sqlite3               *db,
                                     guint                  from,
                                     guint                  to,
                                     DlbSchemaStepFunc      step_done,
                                     gpointer               data,
                                     char                 **message);
void        dlb_schema_prepare      (void);
gboolean    dlb_schema_check_built  (char                 **why);
int         dlb_schema_compare      (sqlite3               *db,
                                     guint                  version,
                                     DlbSchemaDifference   *difference,
                                     char                 **type,
                                     char                 **name);

G_END_DECLS
