/* dlb-case.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlb-entity.h"

G_BEGIN_DECLS

typedef enum
{
  DLB_CASE_ID,
  DLB_CASE_TITLE,
  DLB_CASE_QUESTION,
  DLB_CASE_MEMO_TO,
  DLB_CASE_MEMO_FROM,
  DLB_CASE_MEMO_SUBJECT,
  DLB_CASE_MEMO_DATE,
  DLB_CASE_OFFICE,
  DLB_CASE_BACKGROUND,
  DLB_CASE_NOTES,
  DLB_CASE_PAPER_SIZE,
  DLB_CASE_RECOMMENDATION,
  DLB_CASE_JUSTIFICATION,
  DLB_CASE_WEIGHTING,
  DLB_CASE_PAIRWISE,
  DLB_CASE_MEMO_HISTORY,
  DLB_CASE_MEMO_NOTES,
  DLB_CASE_N_FIELDS
} DlbCaseField;

#define DLB_CASE_ERROR (dlb_case_error_quark ())

typedef enum
{
  DLB_CASE_ERROR_DUPLICATE_ID,
  DLB_CASE_ERROR_NOT_IN_CASE,
  DLB_CASE_ERROR_INVALID_VALUE,
  DLB_CASE_ERROR_READ_ONLY,
  DLB_CASE_ERROR_GROUP_FAILED,  /* a grouped edit with a failed part */
} DlbCaseError;

/* Where the edits of a case go once the model has accepted them: the
 * case file. All calls of one edit, or of one grouped edit, happen between
 * one begin and one commit; if any fails, rollback is called and the model
 * is left as it was. For a single edit @action is "set stakeholder.power",
 * "add criterion" or "remove score" and @description NULL; for a grouped
 * edit @action is NULL and @description the user's words ("Apply
 * ranking"), or NULL. */
typedef struct
{
  gboolean (*begin)    (gpointer       data,
                        const char    *action,
                        const char    *description,
                        GError       **error);
  gboolean (*insert)   (gpointer       data,
                        DlbEntity     *entity,
                        guint          position,
                        GError       **error);
  gboolean (*update)   (gpointer       data,
                        DlbEntity     *entity,
                        guint          field,
                        const GValue  *before,
                        const GValue  *after,
                        GError       **error);
  gboolean (*remove)   (gpointer       data,
                        DlbEntity     *entity,
                        guint          position,
                        GError       **error);
  gboolean (*commit)   (gpointer       data,
                        GError       **error);
  void     (*rollback) (gpointer       data);
  gboolean (*move)     (gpointer       data,
                        DlbEntity     *entity,
                        guint          from,
                        guint          to,
                        GError       **error);
} DlbCaseBackend;

#define DLB_TYPE_CASE (dlb_case_get_type ())

G_DECLARE_FINAL_TYPE (DlbCase, dlb_case, DLB, CASE, DlbEntity)

GQuark         dlb_case_error_quark        (void);

DlbCase       *dlb_case_new                (void);

GListModel    *dlb_case_get_list           (DlbCase         *self,
                                            DlbKind          kind);
GListModel    *dlb_case_get_stakeholders   (DlbCase         *self);
GListModel    *dlb_case_get_sources        (DlbCase         *self);
GListModel    *dlb_case_get_findings       (DlbCase         *self);
GListModel    *dlb_case_get_items          (DlbCase         *self);
GListModel    *dlb_case_get_criteria       (DlbCase         *self);
GListModel    *dlb_case_get_options        (DlbCase         *self);
GListModel    *dlb_case_get_scores         (DlbCase         *self);
GListModel    *dlb_case_get_perspectives   (DlbCase         *self);

DlbEntity     *dlb_case_lookup             (DlbCase         *self,
                                            const char      *id);
DlbEntity     *dlb_case_lookup_kind        (DlbCase         *self,
                                            DlbKind          kind,
                                            const char      *id);
DlbScore      *dlb_case_get_score          (DlbCase         *self,
                                            const char      *option_id,
                                            const char      *criterion_id);
guint          dlb_case_count_items        (DlbCase         *self,
                                            int              item_kind);

/* A copy that shares no entity with @self, holding the entities of
 * @kinds (all of them when @kinds is NULL): a snapshot that another thread
 * may read while this one goes on editing. */
DlbCase       *dlb_case_copy               (DlbCase         *self,
                                            const DlbKind   *kinds,
                                            guint            n_kinds);

/* Building a case (reading JSON, loading the case file): no journal. */
gboolean       dlb_case_append             (DlbCase         *self,
                                            DlbEntity       *entity,
                                            GError         **error);

/* Editing: validated, written through the backend and journaled, all or
 * nothing. */
void           dlb_case_set_backend        (DlbCase              *self,
                                            const DlbCaseBackend *backend,
                                            gpointer              data);
gboolean       dlb_case_get_read_only      (DlbCase         *self);
void           dlb_case_set_read_only      (DlbCase         *self,
                                            gboolean         read_only);
gboolean       dlb_case_set_field          (DlbCase         *self,
                                            DlbEntity       *entity,
                                            guint            field,
                                            const GValue    *value,
                                            GError         **error);
gboolean       dlb_case_insert             (DlbCase         *self,
                                            DlbEntity       *entity,
                                            int              position,
                                            GError         **error);
gboolean       dlb_case_move               (DlbCase         *self,
                                            DlbEntity       *entity,
                                            guint            position,
                                            GError         **error);
gboolean       dlb_case_remove             (DlbCase         *self,
                                            DlbEntity       *entity,
                                            GError         **error);
/* Grouped edits: the edits of one gesture as one transaction, one journal
 * group, one Undo and one "changed"; all or nothing. */
gboolean       dlb_case_begin_group        (DlbCase         *self,
                                            const char      *description,
                                            GError         **error);
gboolean       dlb_case_commit_group       (DlbCase         *self,
                                            GError         **error);
void           dlb_case_cancel_group       (DlbCase         *self);
gboolean       dlb_case_in_group           (DlbCase         *self);
gboolean       dlb_case_validate_value     (DlbCase         *self,
                                            DlbEntity       *entity,
                                            guint            field,
                                            const GValue    *value,
                                            GError         **error);

const char    *dlb_case_get_title          (DlbCase *self);
const char    *dlb_case_get_question       (DlbCase *self);
const char    *dlb_case_get_memo_to        (DlbCase *self);
const char    *dlb_case_get_memo_from      (DlbCase *self);
const char    *dlb_case_get_memo_subject   (DlbCase *self);
const char    *dlb_case_get_memo_date      (DlbCase *self);
const char    *dlb_case_get_office         (DlbCase *self);
const char    *dlb_case_get_background     (DlbCase *self);
const char    *dlb_case_get_notes          (DlbCase *self);
DlbPaperSize   dlb_case_get_paper_size     (DlbCase *self);
const char    *dlb_case_get_recommendation (DlbCase *self);
const char    *dlb_case_get_justification  (DlbCase *self);
DlbWeighting   dlb_case_get_weighting      (DlbCase *self);
gboolean       dlb_case_get_memo_history   (DlbCase *self);
gboolean       dlb_case_get_memo_notes     (DlbCase *self);
GVariant      *dlb_case_get_pairwise       (DlbCase *self);

G_END_DECLS
