/* dlb-score-editor.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-model.h"

G_BEGIN_DECLS

#define DLB_TYPE_SCORE_EDITOR (dlb_score_editor_get_type ())

G_DECLARE_FINAL_TYPE (DlbScoreEditor, dlb_score_editor, DLB, SCORE_EDITOR, AdwPreferencesWindow)

/* Edits the score of one option on one criterion: its value, its
 * low–high range, its rationale and its evidence. Every change goes to the
 * case at once (no Save button); a pair with no score yet gets one on the
 * first change. The window closes itself when the option or the criterion
 * leaves the case. */
DlbScoreEditor *dlb_score_editor_new              (DlbCase        *kase,
                                                   const char     *option_id,
                                                   const char     *criterion_id);
DlbCase        *dlb_score_editor_get_case         (DlbScoreEditor *self);
const char     *dlb_score_editor_get_option_id    (DlbScoreEditor *self);
const char     *dlb_score_editor_get_criterion_id (DlbScoreEditor *self);
/* The score being edited, or NULL while the pair is not scored. */
DlbScore       *dlb_score_editor_get_score        (DlbScoreEditor *self);
/* Writes a rationale still being typed to the case now. */
void            dlb_score_editor_flush            (DlbScoreEditor *self);

G_END_DECLS
