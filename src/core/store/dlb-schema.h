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
#define DLB_SCHEMA_VERSION 6

const char *dlb_schema_get_step_sql (guint          version);
int         dlb_schema_migrate      (sqlite3       *db,
                                     guint          from,
                                     guint          to,
                                     char         **message);

G_END_DECLS
