/* dlb-fuzz-targets.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What Deliberate does with a file a user hands it, on @data: the
 * libFuzzer harnesses and the regression test (tests/test-fuzz.c) call
 * the same functions. Each either reads a case or refuses the input with
 * a message; anything else (a crash, a warning, a case that does not
 * survive its own export) aborts. Returns TRUE when a case was read. */

/* @data as a JSON case: read, and if it is one, written and read again,
 * giving the same bytes. */
gboolean  dlb_fuzz_json       (const guint8 *data,
                               gsize         size);

/* @data as a case file: written to a file of its own, opened read-only
 * with the store, its case and journal read and exported, closed. */
gboolean  dlb_fuzz_case_file  (const guint8 *data,
                               gsize         size);

G_END_DECLS
