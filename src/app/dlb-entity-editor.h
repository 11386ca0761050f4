/* dlb-entity-editor.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlb-model.h"

G_BEGIN_DECLS

#define DLB_TYPE_ENTITY_EDITOR (dlb_entity_editor_get_type ())

G_DECLARE_FINAL_TYPE (DlbEntityEditor, dlb_entity_editor, DLB, ENTITY_EDITOR, AdwBin)

GtkWidget *dlb_entity_editor_new         (void);
void       dlb_entity_editor_set_entity  (DlbEntityEditor *self,
                                          DlbCase         *kase,
                                          DlbEntity       *entity);
DlbEntity *dlb_entity_editor_get_entity  (DlbEntityEditor *self);
GtkWidget *dlb_entity_editor_get_control (DlbEntityEditor *self,
                                          guint            field);

GtkWindow *dlb_entity_editor_window_new  (GtkWidget       *for_widget,
                                          DlbCase         *kase,
                                          DlbEntity       *entity,
                                          const char      *title,
                                          AdwHeaderBar   **header);

G_END_DECLS
