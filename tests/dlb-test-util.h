/* dlb-test-util.h
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>
#include <adwaita.h>

#include "dlb-analysis.h"
#include "dlb-json.h"
#include "dlb-store.h"

#if defined(__SANITIZE_ADDRESS__)
#include <link.h>
#include <string.h>
#include <sanitizer/lsan_interface.h>

/* AddressSanitizer's allocator, as its runtime exports it (GCC ships no
 * header for these). */
int    __sanitizer_get_ownership      (const volatile void *p);
size_t __sanitizer_get_allocated_size (const volatile void *p);

/* GLib keeps its quarks in an array whose first block, 2048 pointers,
 * it allocates while loading and drops, by design, when a process (a
 * GTK test does) makes more quarks than that: a leak of GLib's own that
 * LeakSanitizer cannot tell by name, since GLib is stripped and the fast
 * unwinder stops in g_malloc(). Before main() the block is still GLib's
 * current one: it is found among the pointers in GLib's writable data
 * (its first entry is NULL, its second quark 1's string) and marked as
 * not a leak. Nothing else is exempted. */
static int
dlb_test_find_quark_block (struct dl_phdr_info *info,
                           size_t               size,
                           void                *data)
{
  const char *first = g_quark_to_string (1);

  if (info->dlpi_name == NULL || strstr (info->dlpi_name, "libglib-2.0.so") == NULL || first == NULL)
    return 0;

  for (int i = 0; i < info->dlpi_phnum; i++)
    {
      const ElfW(Phdr) *phdr = &info->dlpi_phdr[i];
      const char * const * const *words;
      gsize n;

      if (phdr->p_type != PT_LOAD || (phdr->p_flags & PF_W) == 0)
        continue;
      words = (const char * const * const *) (info->dlpi_addr + phdr->p_vaddr);
      n = phdr->p_memsz / sizeof (gpointer);
      for (gsize j = 0; j < n; j++)
        {
          const char * const *block = words[j];

          if (block != NULL && __sanitizer_get_ownership (block)
              && __sanitizer_get_allocated_size (block) == 2048 * sizeof (char *)
              && block[0] == NULL && block[1] == first)
            {
              __lsan_ignore_object (block);
              return 1;
            }
        }
    }
  return 0;
}

__attribute__((constructor)) static void
dlb_test_keep_glib_quarks (void)
{
  dl_iterate_phdr (dlb_test_find_quark_block, NULL);
}
#endif

/* What the widget tests and the benchmarks share. */

/* A case file keeps its case's fingerprint as its checksum; the
 * application gives the store the function that makes it, and so does a
 * test that opens case files without the application. */
static inline void
dlb_test_init_store (void)
{
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);
}

/* Runs what the main loop has pending, without waiting for more. */
static inline void
dlb_test_spin_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The widget below @root (or @root) whose name is @name, or NULL. */
static inline GtkWidget *
dlb_test_find_named (GtkWidget  *root,
                     const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dlb_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of @type below @root (or @root), or NULL. */
static inline GtkWidget *
dlb_test_find_of_type (GtkWidget *root,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dlb_test_find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The application's style sheet, which the application loads itself and
 * a window or page on its own does not. */
static inline void
dlb_test_load_style_sheet (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (css, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static inline void
dlb_test_skip_without_display (void)
{
  g_test_skip ("no display: run under xvfb-run to test the window");
}

/* GTK and libadwaita for a widget test, with the application's style
 * sheet. Without a display, FALSE, and the only test left is one that
 * says why it skips; where DLB_TEST_REQUIRE_DISPLAY is set (make test)
 * the program fails instead. */
static inline gboolean
dlb_test_init_widgets (const char *program,
                       const char *skip_path)
{
  if (!gtk_init_check ())
    {
      if (g_getenv ("DLB_TEST_REQUIRE_DISPLAY") != NULL)
        {
          g_printerr ("%s: no display, but DLB_TEST_REQUIRE_DISPLAY is set: run it under xvfb-run\n", program);
          exit (1);
        }
      g_test_add_func (skip_path, dlb_test_skip_without_display);
      return FALSE;
    }
  adw_init ();
  dlb_test_load_style_sheet ();
  return TRUE;
}

/* Lets the main loop run until the case's shared analysis follows its
 * last change, as a person waits for the figures to fill in. */
static inline void
dlb_test_wait_for_analysis (DlbCase *c)
{
  DlbAnalysis *analysis = dlb_analysis_for_case (c);
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while ((dlb_analysis_get_busy (analysis) || g_main_context_pending (NULL)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, dlb_analysis_get_busy (analysis));
  g_assert_false (dlb_analysis_get_busy (analysis));
}

/* How many rows the store's journal holds. */
static inline guint
dlb_test_journal_length (DlbStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journal = dlb_store_get_journal (store, 0, &error);

  g_assert_no_error (error);
  return journal->len;
}

/* The journal rows newer than @n_before, all checked to be one group:
 * one gesture, one Undo step. */
static inline guint
dlb_test_rows_in_one_new_group (DlbStore *store,
                                guint     n_before)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) journal = dlb_store_get_journal (store, 0, &error);
  guint n_new;
  gint64 group;

  g_assert_no_error (error);
  g_assert_cmpuint (journal->len, >, n_before);
  n_new = journal->len - n_before;
  group = dlb_journal_entry_get_group (g_ptr_array_index (journal, 0));
  for (guint i = 0; i < n_new; i++)
    g_assert_cmpint (dlb_journal_entry_get_group (g_ptr_array_index (journal, i)), ==, group);
  for (guint i = n_new; i < journal->len; i++)
    g_assert_cmpint (dlb_journal_entry_get_group (g_ptr_array_index (journal, i)), !=, group);
  return n_new;
}
