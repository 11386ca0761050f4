/* dlb-pdf-info.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads one entry of a PDF's document information ("Title", "Keywords")
 * as UTF-8, as the file's last trailer gives it, so that an incremental
 * update appended after the memo was written is honoured. NULL when the
 * file is not a PDF, has no such entry, or is damaged in any way: the
 * reader never trusts an offset or a length it has not checked. */
char *dlb_pdf_read_info (GBytes     *pdf,
                         const char *key);

G_END_DECLS
