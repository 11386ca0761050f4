/* dlb-file.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The rules about files that the command line and the application share:
 * what kind of file a path holds, the file name a case gets from its
 * title, and writing a file so that it is either whole or not there. */

typedef enum
{
  DLB_FILE_KIND_CASE,  /* a case file (SQLite) */
  DLB_FILE_KIND_JSON,  /* the JSON interchange format */
} DlbFileKind;

/* By its first bytes when it can be read: SQLite's header is a case file,
 * '{' or '[' after white space is JSON. Otherwise by its name: ".json" in
 * any case is JSON, anything else a case file (whose opening then says
 * what is wrong with it). */
DlbFileKind  dlb_file_kind_for_path   (const char  *path);

/* Case files and JSON cases are read only from regular files. @path is
 * opened without blocking and without becoming a terminal's controlling
 * process, so a named pipe, a device, a folder or a link that loops is
 * refused at once (G_FILE_ERROR, the message naming the file and saying
 * what it is) instead of stalling the reader. Returns the open descriptor,
 * which the caller reads from and closes, or -1 with @error set. */
int          dlb_file_open_regular    (const char  *path,
                                       GError     **error);
/* The same check, closing the descriptor again: for readers that open
 * the path themselves, such as SQLite. */
gboolean     dlb_file_check_regular   (const char  *path,
                                       GError     **error);

/* A file name (without suffix) made from a case's title: readable, but
 * never a path: no separators or control characters, no leading dot, at
 * most 80 characters; "Untitled case" (translated) when nothing is left. */
char        *dlb_file_name_from_title (const char  *title);
/* @folder/@base@suffix, or the first of "@base (2)@suffix", "(3)"... not
 * yet taken. */
char        *dlb_file_unused_path     (const char  *folder,
                                       const char  *base,
                                       const char  *suffix,
                                       GError     **error);
/* The name a person knows a case file by: its base name without
 * ".deliberate", in the file system's encoding made displayable. */
char        *dlb_file_display_name    (const char  *path);

/* Atomic writes (errors in G_FILE_ERROR, naming the file; a full disk
 * says so). A file being written is never seen half done at its final
 * place, and a write that is killed leaves either nothing there or the
 * complete old file. */

/* The whole of @data to @path: in an unnamed temporary file in the same
 * folder, linked into place when complete, or where the file system has
 * no unnamed files, in a named one renamed over @path. */
gboolean     dlb_file_write_atomic    (const char  *path,
                                       const void  *data,
                                       gsize        length,
                                       GError     **error);

/* For writers that need a name, such as SQLite: a temporary file
 * ".NAME.PID-XXXXXX.part" beside @path (so that a rename replaces @path
 * in one step), readable as any document the user saves. Returns its
 * path, and its descriptor in @fd; NULL with @error on failure. */
char        *dlb_file_create_temp     (const char  *path,
                                       int         *fd,
                                       GError     **error);
/* Flushes @fd (or, when it is -1, the file @temp names) to the disk,
 * closes it and renames @temp over @path; on failure @temp is removed. */
gboolean     dlb_file_commit_temp     (const char  *temp,
                                       int          fd,
                                       const char  *path,
                                       GError     **error);
/* Closes @fd (unless -1) and removes @temp: the write is abandoned. */
void         dlb_file_discard_temp    (const char  *temp,
                                       int          fd);
/* "@action: the disk is full…": what every write that ran out of space
 * says, @action being what failed ("Could not write “Ring.deliberate”"). */
char        *dlb_file_dup_disk_full_message (const char *action);
/* Removes the temporary files (and SQLite's files beside them) that
 * writes to @path left when their process was killed; those of running
 * processes stay. Every write above calls it first. Returns how many
 * files it removed. */
guint        dlb_file_remove_stale_temps (const char *path);

G_END_DECLS
