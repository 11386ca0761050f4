/* dlb-schema-gen.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes dlb-schema-built.c, the schema of every version of the case file
 * as the steps make it with the SQLite Deliberate is built with.
 *
 * Usage: dlb-schema-gen OUTPUT.c */

#include "config.h"

#include <stdio.h>

#include "dlb-schema-built.h"

/* The generator itself has no table yet: its schema checks run the steps. */
const DlbSchemaBuilt dlb_schema_built = { 0, 0, NULL, NULL };

int
main (int   argc,
      char *argv[])
{
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s OUTPUT.c\n", argv[0]);
      return 2;
    }

  source = dlb_schema_make_built_source ();
  if (!g_file_set_contents (argv[1], source, -1, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return 1;
    }
  return 0;
}
