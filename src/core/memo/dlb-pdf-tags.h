/* dlb-pdf-tags.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a tagged PDF needs that the drawing library cannot write itself:
 * the document's language, its title in the viewer's title bar, the
 * alternate text of every Figure, and every piece of page content that is
 * outside the structure tree (running footers, rules, cell shading) marked
 * as an artifact. Appended to the PDF as an incremental update, so the
 * drawing library's objects stay as written.
 *
 * @alts holds one text per Figure structure element, in document order.
 * Returns the completed PDF, or NULL with @error set when the PDF is not
 * one this knows how to complete (nothing is guessed). */
GBytes  *dlb_pdf_complete_tags  (GBytes             *pdf,
                                 const char         *language,
                                 const char * const *alts,
                                 GError            **error);

G_END_DECLS
