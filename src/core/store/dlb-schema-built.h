/* dlb-schema-built.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema of every version as the steps make it, written out when
 * Deliberate is built (by dlb-schema-gen, into dlb-schema-built.c) so that
 * the first file opened need not run every step in memory first. SQLite
 * keeps a table's text as ALTER TABLE rewrote it, which another SQLite
 * might write differently: the table is used only with the SQLite it was
 * made with, and the steps run as before with any other. */

typedef struct
{
  const char *type;
  const char *name;
  const char *text;
} DlbSchemaBuiltObject;

typedef struct
{
  int                                 sqlite_version;  /* 0: none was made */
  guint                               n_versions;
  const guint                        *n_objects;       /* [n_versions + 1] */
  const DlbSchemaBuiltObject * const *objects;         /* [n_versions + 1] */
} DlbSchemaBuilt;

extern const DlbSchemaBuilt dlb_schema_built;

/* For dlb-schema-gen: the C source of the table, made by running every
 * step on a database in memory. */
char *dlb_schema_make_built_source (void);

G_END_DECLS
