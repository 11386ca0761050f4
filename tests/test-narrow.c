/* test-narrow.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlb-example.h"
#include "dlb-score-table.h"
#include "dlb-store.h"
#include "dlb-test-util.h"
#include "dlb-window.h"

/* Every page of the example's window, in a phone-sized window and in a
 * laptop-sized one: the window fits, the page switcher's names show whole
 * and the decision matrix's names wrap between words, never inside one. */

static const char *pages[] = { "overview", "stakeholders", "findings", "items", "matrix", "memo" };

static char *tmp_dir;

/* Lets the window settle after a change of size or page: a few frames. */
static void
settle (GtkWidget *widget)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  dlb_test_spin_main_loop ();
  g_assert_true (gtk_widget_get_mapped (widget));
}

static void
collect_of_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_of_type (child, type, out);
}

/* Whether a line of @label but the last ends inside a word: after
 * neither a space nor a word boundary. */
static gboolean
breaks_inside_word (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  const PangoLogAttr *attrs;
  int n_attrs = 0;
  int n_lines = pango_layout_get_line_count (layout);

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  for (int i = 0; i + 1 < n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
      int end = line->start_index + line->length;
      glong offset = g_utf8_pointer_to_offset (text, text + end);
      gunichar before = g_utf8_get_char (g_utf8_prev_char (text + end));

      g_assert_cmpint (offset, <, n_attrs);
      if (!g_unichar_isspace (before) && !attrs[offset].is_word_boundary)
        {
          g_test_message ("“%s” breaks inside a word, after “%.*s”", text, end, text);
          return TRUE;
        }
    }
  return FALSE;
}

static void
check_page (DlbWindow  *window,
            const char *name,
            int         width)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *bar = dlb_test_find_named (GTK_WIDGET (window), "page-switcher-bar");
  int content_min = 0, window_min = 0;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &window_min, NULL, NULL, NULL);
  g_test_message ("%s at %d: the window needs %d px, its content %d px", name, width, window_min, content_min);
  g_assert_cmpint (content_min, <=, 360);
  g_assert_cmpint (window_min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, width);

  /* The switcher of pages shows at the bottom when narrow, every name
   * whole. */
  g_assert_nonnull (bar);
  g_assert_true (gtk_action_bar_get_revealed (GTK_ACTION_BAR (bar)) == (width < 600));
  if (width < 600)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      collect_of_type (bar, GTK_TYPE_LABEL, labels);
      g_assert_cmpuint (labels->len, ==, G_N_ELEMENTS (pages));
      for (guint i = 0; i < labels->len; i++)
        {
          GtkLabel *label = g_ptr_array_index (labels, i);
          int natural = 0;

          gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (label)), >=, natural);
        }
    }

  if (g_str_equal (name, "matrix"))
    {
      GtkWidget *page = dlb_window_get_page (window, name);
      g_autoptr(GPtrArray) tables = g_ptr_array_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      guint n_wrapped = 0;

      collect_of_type (page, DLB_TYPE_SCORE_TABLE, tables);
      g_assert_cmpuint (tables->len, ==, 1);
      /* The names of the criteria go above their scores only where the
       * options have no room beside them. */
      g_assert_true (dlb_score_table_is_narrow (g_ptr_array_index (tables, 0)) == (width < 600));
      collect_of_type (g_ptr_array_index (tables, 0), GTK_TYPE_LABEL, labels);
      g_assert_cmpuint (labels->len, >, 10);
      for (guint i = 0; i < labels->len; i++)
        {
          GtkLabel *label = g_ptr_array_index (labels, i);

          if (!gtk_widget_get_mapped (GTK_WIDGET (label)))
            continue;
          g_assert_false (breaks_inside_word (label));
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
          if (pango_layout_get_line_count (gtk_label_get_layout (label)) > 1)
            n_wrapped++;
        }
      /* At a phone's width the options' long names do wrap. */
      if (width < 600)
        g_assert_cmpuint (n_wrapped, >=, 3);
    }
}

static void
check_sizes (gconstpointer data)
{
  const int *size = data;
  g_autofree char *path = g_build_filename (tmp_dir, size[0] < 600 ? "narrow.deliberate" : "wide.deliberate", NULL);
  g_autoptr(DlbCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  DlbStore *store;
  DlbWindow *window;

  kase = dlb_example_load (&error);
  g_assert_no_error (error);
  store = dlb_store_create (path, kase, &error);
  g_assert_no_error (error);
  dlb_store_close (store);
  g_clear_object (&store);
  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  window = dlb_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), size[0], size[1]);
  gtk_window_present (GTK_WINDOW (window));
  settle (GTK_WIDGET (window));
  dlb_test_wait_for_analysis (dlb_store_get_case (store));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = dlb_window_get_page (window, pages[i]);
      GtkWidget *stack = gtk_widget_get_ancestor (page, ADW_TYPE_VIEW_STACK);

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), pages[i]);
      settle (page);
      check_page (window, pages[i], size[0]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  dlb_test_spin_main_loop ();
}

/* Whether the check above sees a split word in a label of @mode given
 * less room than its longest word. */
static gboolean
narrow_label_breaks_inside_word (PangoWrapMode mode)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *label = gtk_label_new ("Enter the partnership as proposed");
  gboolean breaks;

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), mode);
  gtk_label_set_width_chars (GTK_LABEL (label), 1);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 4);
  gtk_window_set_child (GTK_WINDOW (window), label);
  gtk_window_set_default_size (GTK_WINDOW (window), 20, 200);
  gtk_window_present (GTK_WINDOW (window));
  settle (label);
  breaks = breaks_inside_word (GTK_LABEL (label));
  gtk_window_destroy (GTK_WINDOW (window));
  return breaks;
}

/* What the check looks for does happen where a label wraps at any
 * character, and does not where it wraps at words. */
static void
test_split_word_is_seen (void)
{
  g_assert_true (narrow_label_breaks_inside_word (PANGO_WRAP_WORD_CHAR));
  g_assert_false (narrow_label_breaks_inside_word (PANGO_WRAP_WORD));
}

int
main (int   argc,
      char *argv[])
{
  static const int narrow[] = { 360, 640 };
  static const int wide[] = { 1280, 800 };
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dlb_test_init_store ();

  if (!dlb_test_init_widgets ("test-narrow", "/app/narrow/no-display"))
    return g_test_run ();

  tmp_dir = g_dir_make_tmp ("deliberate-narrow-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/narrow/split-word-is-seen", test_split_word_is_seen);
  g_test_add_data_func ("/app/narrow/360x640", narrow, check_sizes);
  g_test_add_data_func ("/app/narrow/1280x800", wide, check_sizes);

  status = g_test_run ();
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *file = g_build_filename (tmp_dir, i == 0 ? "narrow.deliberate" : "wide.deliberate", NULL);

      g_unlink (file);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
