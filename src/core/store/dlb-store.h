/* dlb-store.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlb-case.h"
#include "dlb-journal-entry.h"

G_BEGIN_DECLS

#define DLB_STORE_ERROR (dlb_store_error_quark ())

typedef enum
{
  DLB_STORE_ERROR_NOT_FOUND,   /* no such file */
  DLB_STORE_ERROR_NOT_A_CASE,  /* empty file, not SQLite, or another application's database */
  DLB_STORE_ERROR_CORRUPT,
  DLB_STORE_ERROR_TOO_NEW,     /* made by a newer Deliberate: refused, left untouched */
  DLB_STORE_ERROR_IN_USE,      /* already open for writing in another window or process */
  DLB_STORE_ERROR_READ_ONLY,
  DLB_STORE_ERROR_DISK_FULL,
  DLB_STORE_ERROR_IO,
  DLB_STORE_ERROR_INVALID,     /* rows that break the model's rules */
  DLB_STORE_ERROR_TOO_SLOW,    /* a statement ran past its time and was stopped */
  DLB_STORE_ERROR_CHANGED,     /* the content does not match the checksum the file keeps */
} DlbStoreError;

/* The checksum a case file keeps of its case: the case's fingerprint, the
 * SHA-256 of its canonical JSON, in hex. */
typedef char *(*DlbStoreChecksumFunc) (DlbCase *c);

typedef enum
{
  DLB_STORE_OPEN_DEFAULT   = 0,
  DLB_STORE_OPEN_READ_ONLY = 1 << 0,
} DlbStoreOpenFlags;

#define DLB_TYPE_STORE (dlb_store_get_type ())

G_DECLARE_FINAL_TYPE (DlbStore, dlb_store, DLB, STORE, GObject)

GQuark      dlb_store_error_quark    (void);
void        dlb_store_set_checksum_func (DlbStoreChecksumFunc func);

DlbStore   *dlb_store_open           (const char         *path,
                                      DlbStoreOpenFlags   flags,
                                      GError            **error);
gboolean    dlb_store_write_case     (DlbCase            *source,
                                      const char         *path,
                                      GError            **error);
void        dlb_store_prepare        (void);
DlbStore   *dlb_store_create         (const char         *path,
                                      DlbCase            *source,
                                      GError            **error);

DlbCase    *dlb_store_get_case       (DlbStore           *self);
const char *dlb_store_get_path       (DlbStore           *self);
gboolean    dlb_store_get_read_only  (DlbStore           *self);
const char *dlb_store_get_identity   (DlbStore           *self);
const GError *dlb_store_get_damage   (DlbStore           *self);
gboolean    dlb_store_save_copy      (DlbStore           *self,
                                      const char         *path,
                                      GError            **error);
void        dlb_store_close          (DlbStore           *self);

GPtrArray  *dlb_store_get_journal    (DlbStore           *self,
                                      guint               limit,
                                      GError            **error);
GPtrArray  *dlb_store_dup_history    (DlbStore           *self,
                                      GError            **error);
gboolean    dlb_store_count_journal  (DlbStore           *self,
                                      guint64            *count,
                                      GError            **error);
gboolean    dlb_store_can_undo       (DlbStore           *self);
gboolean    dlb_store_undo           (DlbStore           *self,
                                      GError            **error);
gboolean    dlb_store_undo_removal   (DlbStore           *self,
                                      const char         *entity_id,
                                      GError            **error);
gboolean    dlb_store_can_redo       (DlbStore           *self);
gboolean    dlb_store_redo           (DlbStore           *self,
                                      GError            **error);
char       *dlb_store_dup_undo_description (DlbStore     *self);
char       *dlb_store_dup_group_description (DlbStore    *self,
                                             gint64       group);
char       *dlb_store_dup_redo_description (DlbStore     *self);

G_END_DECLS
