/* dlb-case-page.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-store.h"

G_BEGIN_DECLS

/* What every page of a case window shares: the store it shows (bound from
 * the window), the case in it, and the case's "changed" signal, handed to
 * the page as a virtual function with the kinds of entity it touched. A
 * page may also be given a case without a store (a preview, a test). */

#define DLB_TYPE_CASE_PAGE (dlb_case_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (DlbCasePage, dlb_case_page, DLB, CASE_PAGE, AdwBin)

struct _DlbCasePageClass
{
  AdwBinClass parent_class;

  /* The case shown is about to go (still current): let go of it. */
  void (*case_unset)   (DlbCasePage *self);
  /* A new case (or none) is shown: rebuild from it. */
  void (*case_set)     (DlbCasePage *self);
  /* The case changed; @kinds is a mask of 1 << DlbKind. */
  void (*case_changed) (DlbCasePage *self,
                        guint        kinds);
};

DlbStore *dlb_case_page_get_store (DlbCasePage *self);
void      dlb_case_page_set_store (DlbCasePage *self,
                                   DlbStore    *store);
DlbCase  *dlb_case_page_get_case  (DlbCasePage *self);
void      dlb_case_page_set_case  (DlbCasePage *self,
                                   DlbCase     *kase);

G_END_DECLS
