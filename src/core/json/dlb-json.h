/* dlb-json.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-case.h"

G_BEGIN_DECLS

#define DLB_JSON_ERROR (dlb_json_error_quark ())

typedef enum
{
  /* Not JSON at all, or cut short: the message gives the line and column. */
  DLB_JSON_ERROR_SYNTAX,
  /* JSON, but not a Deliberate case ("format" missing or wrong, not an object). */
  DLB_JSON_ERROR_FORMAT,
  /* "version" is newer than this build understands. */
  DLB_JSON_ERROR_TOO_NEW,
  /* The case breaks the format's rules: the message lists every problem,
   * one a line, each as "json.path: what is wrong". */
  DLB_JSON_ERROR_INVALID,
  /* Bigger than any case: the file, or how many values it holds
   * (DLB_JSON_MAX_BYTES, DLB_JSON_MAX_VALUES). */
  DLB_JSON_ERROR_TOO_LARGE,
} DlbJsonError;

/* The newest version of docs/case-format.md this build reads and the one
 * it writes. */
#define DLB_JSON_FORMAT_VERSION 4

/* The reader stops listing problems after this many lines. */
#define DLB_JSON_MAX_PROBLEMS 100

/* The limits of the case format (docs/case-format.md), each far above
 * what a real case needs, so that a hostile or broken file is refused
 * quickly and in bounded memory. A case nests five levels deep. */
#define DLB_JSON_MAX_BYTES   (16 * 1024 * 1024)
#define DLB_JSON_MAX_NESTING 64
#define DLB_JSON_MAX_VALUES  1000000
/* Entries of any one list: stakeholders, scores, a finding's sources... */
#define DLB_JSON_MAX_ENTRIES 10000

GQuark    dlb_json_error_quark         (void);

DlbCase  *dlb_json_read_case           (const char  *data,
                                        gssize       length,
                                        GError     **error);
DlbCase  *dlb_json_read_case_from_file (const char  *path,
                                        GError     **error);

char     *dlb_json_write_case          (DlbCase     *self,
                                        gsize       *length);
gboolean  dlb_json_write_case_to_file  (DlbCase     *self,
                                        const char  *path,
                                        GError     **error);

char     *dlb_json_format_double       (double       value);

/* The case's fingerprint: the SHA-256 of its canonical JSON, as 64
 * lower-case hex digits. It changes with every edit of the case and with
 * nothing else (not the time, not the file it lives in). */
char     *dlb_json_dup_fingerprint     (DlbCase     *self);

G_END_DECLS
