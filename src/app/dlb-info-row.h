/* dlb-info-row.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLB_TYPE_INFO_ROW (dlb_info_row_get_type ())

G_DECLARE_FINAL_TYPE (DlbInfoRow, dlb_info_row, DLB, INFO_ROW, AdwPreferencesRow)

GtkWidget  *dlb_info_row_new             (const char *title,
                                          const char *subtitle);

void        dlb_info_row_set_title_lines (DlbInfoRow *self,
                                          int         lines);
const char *dlb_info_row_get_subtitle    (DlbInfoRow *self);
void        dlb_info_row_set_subtitle    (DlbInfoRow *self,
                                          const char *subtitle);
void        dlb_info_row_set_subtitle_lines (DlbInfoRow *self,
                                          int         lines);
void        dlb_info_row_add_suffix      (DlbInfoRow *self,
                                          GtkWidget  *widget);

G_END_DECLS
