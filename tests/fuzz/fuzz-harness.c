/* fuzz-harness.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dlb-fuzz-targets.h"

/* One libFuzzer harness per function of dlb-fuzz-targets.h: the build
 * names it in FUZZ_TARGET (fuzz-json: dlb_fuzz_json...). */
#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the function to fuzz"
#endif

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A warning or a failed precondition is a bug the input found. GLib's
 * own fatal messages end in SIGTRAP, which libFuzzer does not catch;
 * abort() makes it keep the input. */
static void
abort_on_message (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        data)
{
  g_log_default_handler (domain, level, message, data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_default_handler (abort_on_message, NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FUZZ_TARGET (data, size);
  return 0;
}
