/* dlb-entity-private.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlb-entity.h"

G_BEGIN_DECLS

/* Writing a field straight into an entity, without validation, the case
 * file or the journal. Only for the case itself (applying an edit it has
 * accepted) and for the code that builds a case from a file (the JSON
 * reader, the store's loader) or for tests; everything else edits through
 * dlb_case_set_field(), so every change reaches the file and the journal. */
void _dlb_entity_set_value   (DlbEntity          *self,
                              guint               index,
                              const GValue       *value);
void _dlb_entity_set_string  (DlbEntity          *self,
                              guint               index,
                              const char         *value);
void _dlb_entity_set_int     (DlbEntity          *self,
                              guint               index,
                              int                 value);
void _dlb_entity_set_double  (DlbEntity          *self,
                              guint               index,
                              double              value);
void _dlb_entity_set_boolean (DlbEntity          *self,
                              guint               index,
                              gboolean            value);
void _dlb_entity_set_enum    (DlbEntity          *self,
                              guint               index,
                              int                 value);
void _dlb_entity_set_strv    (DlbEntity          *self,
                              guint               index,
                              const char * const *value);
void _dlb_entity_set_variant (DlbEntity          *self,
                              guint               index,
                              GVariant           *value);

G_END_DECLS
