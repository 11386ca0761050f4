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

G_END_DECLS
