/* dlb-store-private.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "dlb-store.h"

G_BEGIN_DECLS

/* Sets @error from a SQLite result code, prefixed with @action ("Could not
 * add stakeholder"); @db, if given, supplies SQLite's own words. Returns
 * FALSE. For the store and its tests. */
gboolean _dlb_store_set_sqlite_error (GError     **error,
                                      int          rc,
                                      sqlite3     *db,
                                      const char  *action);

/* How long one statement may run before it is stopped; for the tests,
 * which cannot wait for the real limit. */
void     _dlb_store_set_statement_limit (gint64       usec);

/* Lets the triggers a file holds run on @self's connection, which a case
 * file opened for editing never does; the tests add one to make a change
 * fail as a full disk would. */
void     _dlb_store_allow_file_triggers (DlbStore    *self);

G_END_DECLS
