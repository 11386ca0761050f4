/* dlb-cli.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlb-case.h"
#include "dlb-memo.h"
#include "dlb-store.h"

G_BEGIN_DECLS

void      dlb_cli_init                    (void);
void      dlb_cli_add_main_option_entries (GApplication  *application);
int       dlb_cli_handle_local_options    (GApplication  *application,
                                           GVariantDict  *options,
                                           GPtrArray    **files);
DlbCase  *dlb_cli_load_case               (const char    *path,
                                           GError       **error);
DlbMemoStamp *dlb_cli_dup_memo_stamp      (DlbCase       *c,
                                           DlbStore      *store);

G_END_DECLS
