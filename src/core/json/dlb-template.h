/* dlb-template.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-case.h"

G_BEGIN_DECLS

/* Where the built-in templates live in the core's GResource. */
#define DLB_TEMPLATE_RESOURCE_DIR "/org/deliberate/Deliberate/templates/"

/* The template drawn from city surveillance ordinances. */
#define DLB_TEMPLATE_SURVEILLANCE "surveillance-technology"

/* What a new case takes from its author: the preferences and the day. */
typedef struct
{
  const char   *title;     /* required, not empty */
  const char   *author;    /* the memo's FROM, or NULL */
  const char   *office;    /* or NULL */
  DlbWeighting  weighting;
  GDate        *date;      /* the memo's date, or NULL for today */
} DlbNewCase;

DlbCase  *dlb_template_load (const char        *name,
                             GError           **error);
DlbCase  *dlb_new_case      (const char        *template_name,
                             const DlbNewCase  *info,
                             GError           **error);

G_END_DECLS
