/* dlb-history.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One gesture of a case's history, in plain words: what the History view
 * lists and the memo's audit trail prints. The store makes them from its
 * journal; the memo and the window only read them. */
typedef struct
{
  gint64     group;
  GDateTime *time;
  char      *heading;  /* "Change weights", "Removed stakeholder “Local media”" */
  GStrv      changes;  /* the single changes of a grouped gesture, in order; empty for one change */
} DlbHistoryGroup;

DlbHistoryGroup *dlb_history_group_new      (gint64            group,
                                             GDateTime        *time,
                                             const char       *heading,
                                             GStrv             changes);
void             dlb_history_group_free     (DlbHistoryGroup  *self);
/* "2 December 2026, 14:32", in local time. */
char            *dlb_history_format_time    (GDateTime        *time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlbHistoryGroup, dlb_history_group_free)

G_END_DECLS
