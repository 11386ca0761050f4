/* dlb-history.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlb-history.h"

DlbHistoryGroup *
dlb_history_group_new (gint64      group,
                       GDateTime  *time,
                       const char *heading,
                       GStrv       changes)
{
  DlbHistoryGroup *self = g_new0 (DlbHistoryGroup, 1);

  g_return_val_if_fail (time != NULL, NULL);

  self->group = group;
  self->time = g_date_time_ref (time);
  self->heading = g_strdup (heading);
  self->changes = changes != NULL ? changes : g_new0 (char *, 1);
  return self;
}

void
dlb_history_group_free (DlbHistoryGroup *self)
{
  if (self == NULL)
    return;

  g_date_time_unref (self->time);
  g_free (self->heading);
  g_strfreev (self->changes);
  g_free (self);
}

char *
dlb_history_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  local = g_date_time_to_local (time);
  /* Translators: when a change was made, strftime format: "2 December 2026, 14:32" */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}
