/* dlb-simple-row.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-model.h"

G_BEGIN_DECLS

/* The line under an entity's name in its list row; NULL for none. */
typedef char *(*DlbSubtitleFunc) (DlbCase   *kase,
                                  DlbEntity *entity);

GtkWidget *dlb_simple_row_new               (DlbCase         *kase,
                                             DlbEntity       *entity,
                                             DlbSubtitleFunc  subtitle);

char      *dlb_source_row_subtitle          (DlbCase         *kase,
                                             DlbEntity       *entity);
char      *dlb_perspective_row_subtitle     (DlbCase         *kase,
                                             DlbEntity       *entity);

G_END_DECLS
