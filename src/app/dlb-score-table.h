/* dlb-score-table.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLB_TYPE_SCORE_TABLE (dlb_score_table_get_type ())
G_DECLARE_FINAL_TYPE (DlbScoreTable, dlb_score_table, DLB, SCORE_TABLE, GtkWidget)

GtkWidget *dlb_score_table_new      (void);
void       dlb_score_table_attach   (DlbScoreTable *self,
                                     GtkWidget     *child,
                                     guint          column,
                                     guint          row);
void       dlb_score_table_clear    (DlbScoreTable *self);
gboolean   dlb_score_table_is_narrow (DlbScoreTable *self);

G_END_DECLS
