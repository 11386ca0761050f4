/* dlb-collection-view.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-model.h"
#include "dlb-entity-editor.h"

G_BEGIN_DECLS

#define DLB_TYPE_COLLECTION_VIEW (dlb_collection_view_get_type ())

G_DECLARE_FINAL_TYPE (DlbCollectionView, dlb_collection_view, DLB, COLLECTION_VIEW, AdwBin)

/* Makes the list row that shows entity; it follows the entity's changes. */
typedef GtkWidget *(*DlbRowFactory) (DlbEntity *entity,
                                     gpointer   user_data);
/* Makes a new entity for the Add button. */
typedef DlbEntity *(*DlbEntityFactory) (gpointer user_data);

void             dlb_collection_view_setup         (DlbCollectionView *self,
                                                    DlbKind            kind,
                                                    DlbRowFactory      row_factory,
                                                    DlbEntityFactory   entity_factory,
                                                    gpointer           user_data);
void             dlb_collection_view_set_case      (DlbCollectionView *self,
                                                    DlbCase           *kase);
GtkListBox      *dlb_collection_view_get_list_box  (DlbCollectionView *self);
DlbEntityEditor *dlb_collection_view_get_editor    (DlbCollectionView *self);
void             dlb_collection_view_select        (DlbCollectionView *self,
                                                    guint              position);
guint            dlb_collection_view_get_n_rows    (DlbCollectionView *self);
/* Selects the row at position and shows its editor, moving to it when the
 * list and the editor are folded into one column. */
void             dlb_collection_view_open          (DlbCollectionView *self,
                                                    guint              position);
/* A widget between the list's title and the list, scrolling with it;
 * NULL removes it. */
void             dlb_collection_view_set_header    (DlbCollectionView *self,
                                                    GtkWidget         *header);

/* The toasts of its removals still shown or queued (for tests). */
GPtrArray       *dlb_collection_view_get_toasts    (DlbCollectionView *self);

G_END_DECLS
