/* dlb-journal-entry.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DLB_TYPE_JOURNAL_ENTRY (dlb_journal_entry_get_type ())

G_DECLARE_FINAL_TYPE (DlbJournalEntry, dlb_journal_entry, DLB, JOURNAL_ENTRY, GObject)

DlbJournalEntry *dlb_journal_entry_new             (gint64           group,
                                                    const char      *edit,
                                                    GDateTime       *time,
                                                    const char      *action,
                                                    const char      *kind,
                                                    const char      *entity_id,
                                                    const char      *entity_name,
                                                    const char      *field,
                                                    const char      *before,
                                                    const char      *after);

gint64           dlb_journal_entry_get_group       (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_edit        (DlbJournalEntry *self);
GDateTime       *dlb_journal_entry_get_time        (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_action      (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_kind        (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_entity_id   (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_entity_name (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_field       (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_before      (DlbJournalEntry *self);
const char      *dlb_journal_entry_get_after       (DlbJournalEntry *self);
char            *dlb_journal_entry_dup_description (DlbJournalEntry *self);

const char      *dlb_journal_kind_label            (const char      *table);

G_END_DECLS
