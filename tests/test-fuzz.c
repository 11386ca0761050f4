/* test-fuzz.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dlb-fuzz-targets.h"

/* The fuzzers' seeds (tests/fuzz/corpus/TARGET/) and every input that
 * once crashed, leaked or hung Deliberate (tests/fuzz/regressions/TARGET/),
 * fed to the same functions as the libFuzzer harnesses: each must be read
 * or refused with a message, and nothing else. */

typedef gboolean (*FuzzTarget) (const guint8 *data,
                                gsize         size);

static const struct
{
  const char *name;
  FuzzTarget  target;
} targets[] = {
  { "json", dlb_fuzz_json },
  { "case-file", dlb_fuzz_case_file },
};

typedef struct
{
  FuzzTarget  target;
  char       *path;
} Input;

static void
input_free (gpointer data)
{
  Input *input = data;

  g_free (input->path);
  g_free (input);
}

static void
test_input (gconstpointer data)
{
  const Input *input = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (input->path, &contents, &length, &error);
  g_assert_no_error (error);

  if (input->target ((const guint8 *) contents, length))
    g_test_message ("%s: read", input->path);
  else
    g_test_message ("%s: refused", input->path);
}

/* One test per file, so a failure names the input. */
static guint
add_folder (const char *kind,
            guint       t)
{
  g_autofree char *folder = g_build_filename (FUZZ_DIR, kind, targets[t].name, NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/%s/%s/%s", targets[t].name, kind, file);
      Input *input = g_new0 (Input, 1);

      input->target = targets[t].target;
      input->path = g_build_filename (folder, file, NULL);
      g_test_add_data_func_full (test_path, input, test_input, input_free);
    }
  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
    {
      /* Without seeds the fuzzer would start from nothing. */
      g_assert_cmpuint (add_folder ("corpus", t), >, 0);
      add_folder ("regressions", t);
    }

  return g_test_run ();
}
