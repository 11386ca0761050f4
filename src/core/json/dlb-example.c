/* dlb-example.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlb-example"

#include "config.h"

#include <gio/gio.h>

#include "dlb-core-resources.h"
#include "dlb-example.h"
#include "dlb-json.h"

/* The core's resources are linked from a static library; the constructor
 * that would register them is dropped when nothing else in that object
 * file is referenced, so they are registered here, once, on first use. */
void
dlb_core_ensure_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      if (!g_resources_get_info (DLB_EXAMPLE_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                 NULL, NULL, NULL))
        g_resources_register (dlb_core_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}

static GBytes *
lookup_example (GError **error)
{
  dlb_core_ensure_resources ();

  return g_resources_lookup_data (DLB_EXAMPLE_RESOURCE_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/**
 * dlb_example_get_bytes:
 *
 * Gets the built-in example case, the proposed partnership of the Chicago
 * Police Department with Amazon's Ring, as JSON text.
 *
 * Returns: (transfer full) (nullable): the bytes of the example's JSON
 *   file; %NULL only if the build left the example out
 */
GBytes *
dlb_example_get_bytes (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = lookup_example (&error);

  /* Compiled in: missing means a broken build, not bad input. */
  if (bytes == NULL)
    g_critical ("The built-in example is missing: %s", error->message);

  return bytes;
}

/**
 * dlb_example_load:
 * @error: return location for a #GError
 *
 * Reads the built-in example case. Every call gives a new case of its own,
 * so changing it never changes the example.
 *
 * Returns: (transfer full) (nullable): the example case, or %NULL with
 *   @error set
 */
DlbCase *
dlb_example_load (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = lookup_example (error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);

  return dlb_json_read_case (data, length, error);
}
