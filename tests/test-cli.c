/* test-cli.c
 *
 * Copyright 2026 The Deliberate authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dlb-entity-private.h"
#include "dlb-json.h"
#include "dlb-model.h"
#include "dlb-store.h"
#include "dlb-test-files.h"

/* The command line is tested as a person uses it: the built executable,
 * its exit status, what it prints and which files it leaves behind. */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("deliberate-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static const char *
exe (void)
{
  const char *path = g_getenv ("DELIBERATE_EXE");

  g_assert_nonnull (path);
  return path;
}

static void
limit_time (gpointer data)
{
  /* In the child, before exec: a hang ends in SIGALRM, not a stuck test. */
  alarm (GPOINTER_TO_UINT (data));
}

/* Runs deliberate with @args (NULL-terminated, without the program name)
 * and ends it if it runs longer than @seconds (0: as long as it takes).
 * Returns its exit status, 128 if it was killed. */
static int
run_within (const char * const  *args,
            char               **envp,
            guint                seconds,
            char               **out,
            char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) exe ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                seconds > 0 ? limit_time : NULL, GUINT_TO_POINTER (seconds),
                out, err, &status, &error);
  g_assert_no_error (error);

  return WIFEXITED (status) ? WEXITSTATUS (status) : 128;
}

static int
run_in (const char * const  *args,
        char               **envp,
        char               **out,
        char               **err)
{
  return run_within (args, envp, 0, out, err);
}

static int
run (const char * const  *args,
     char               **out,
     char               **err)
{
  return run_in (args, NULL, out, err);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static guint
count_member (JsonObject *root,
              const char *member)
{
  JsonArray *array = json_object_get_array_member (root, member);

  g_assert_nonnull (array);
  return json_array_get_length (array);
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--version", NULL };

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "deliberate " PACKAGE_VERSION));
}

static void
test_export_example (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *json = path_in (fixture, "example.json");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *args[] = { "--export-json", json, NULL };
  JsonObject *root;
  JsonArray *items, *scores;
  guint opportunities = 0, risks = 0;

  g_assert_cmpint (run (args, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  text = read_file (json);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "deliberate-case");
  g_assert_cmpuint (count_member (root, "stakeholders"), ==, 11);
  g_assert_cmpuint (count_member (root, "findings"), ==, 8);
  g_assert_cmpuint (count_member (root, "options"), >=, 3);
  g_assert_cmpuint (count_member (root, "criteria"), >=, 8);

  items = json_object_get_array_member (root, "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *kind = json_object_get_string_member (json_array_get_object_element (items, i), "kind");

      if (g_strcmp0 (kind, "opportunity") == 0)
        opportunities++;
      else if (g_strcmp0 (kind, "risk") == 0)
        risks++;
    }
  g_assert_cmpuint (opportunities, ==, 4);
  g_assert_cmpuint (risks, ==, 4);

  /* Every option is scored on every criterion, each with its reasoning. */
  scores = json_object_get_array_member (root, "scores");
  g_assert_cmpuint (json_array_get_length (scores), ==,
                    count_member (root, "options") * count_member (root, "criteria"));
  for (guint i = 0; i < json_array_get_length (scores); i++)
    {
      JsonObject *score = json_array_get_object_element (scores, i);
      const char *rationale = json_object_get_string_member (score, "rationale");

      g_assert_nonnull (rationale);
      g_assert_cmpuint (strlen (rationale), >, 20);
    }
}

/* JSON -> case file -> JSON gives the same bytes. */
/* Compares two texts and, where they differ, shows the first line that does. */
static void
assert_same_text (const char *expected,
                  const char *actual)
{
  g_auto (GStrv) a = NULL;
  g_auto (GStrv) b = NULL;

  if (g_strcmp0 (expected, actual) == 0)
    return;

  a = g_strsplit (expected, "\n", -1);
  b = g_strsplit (actual, "\n", -1);
  for (guint i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (!g_str_equal (a[i], b[i]))
      g_error ("the texts differ at line %u: “%s” then “%s”", i + 1, a[i], b[i]);
  g_error ("the texts differ in length: %u and %u lines", g_strv_length (a), g_strv_length (b));
}

static void
assert_round_trip (Fixture    *fixture,
                   const char *json_in)
{
  g_autofree char *first = path_in (fixture, "first.json");
  g_autofree char *file = path_in (fixture, "trip.deliberate");
  g_autofree char *second = path_in (fixture, "second.json");
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  const char *export_first[] = { "--export-json", first, json_in, NULL };
  const char *export_case[] = { "--export-case", file, first, NULL };
  const char *export_second[] = { "--export-json", second, file, NULL };

  g_assert_cmpint (run (export_first, NULL, NULL), ==, 0);
  g_assert_cmpint (run (export_case, NULL, NULL), ==, 0);
  g_assert_cmpint (run (export_second, NULL, NULL), ==, 0);

  a = read_file (first);
  b = read_file (second);
  assert_same_text (a, b);

  /* A canonical input comes out unchanged, too. */
  if (json_in != NULL)
    {
      g_autofree char *original = read_file (json_in);
      assert_same_text (original, a);
    }
}

static void
test_round_trip_example (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *example = path_in (fixture, "example.json");
  const char *args[] = { "--export-json", example, NULL };

  g_assert_cmpint (run (args, NULL, NULL), ==, 0);
  assert_round_trip (fixture, example);
}

static void
test_round_trip_unicode (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "cli-unicode.json", NULL);

  assert_round_trip (fixture, path);
}

static void
test_reading_does_not_change_file (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autofree char *file = path_in (fixture, "case.deliberate");
  g_autofree char *json = path_in (fixture, "case.json");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len = 0, after_len = 0;
  const char *make[] = { "--export-case", file, NULL };
  const char *read[] = { "--export-json", json, file, NULL };

  g_assert_cmpint (run (make, NULL, NULL), ==, 0);
  g_file_get_contents (file, &before, &before_len, NULL);
  g_assert_cmpint (run (read, NULL, NULL), ==, 0);
  g_file_get_contents (file, &after, &after_len, NULL);

  g_assert_cmpmem (before, before_len, after, after_len);
}

static const char case_head[] =
  "{\"format\": \"deliberate-case\", \"version\": 2, \"case\": {\"title\": \"Test\"},";

/* Runs a program (pdftotext, pdfinfo) and returns what it printed. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Text as a reader finds it: line breaks and runs of spaces folded. */
static char *
fold_spaces (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

/* Text with no white space and no hyphens, to compare paragraphs however
 * the memo wrapped them: pdftotext joins a word broken at its hyphen. */
static char *
strip_spaces (const char *text)
{
  g_autoptr(GRegex) spaces = g_regex_new ("[\\s-]+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, "", 0, NULL);
}

static guint
count_pages (const char *pdf)
{
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (pdfinfo);
  guint pages = 0;

  g_assert_nonnull (strstr (info, "Pages:"));
  g_assert_true (sscanf (strstr (info, "Pages:"), "Pages: %u", &pages) == 1);
  return pages;
}

static void
assert_names_in (JsonObject *root,
                 const char *list,
                 const char *member,
                 const char *text)
{
  JsonArray *array = json_object_get_array_member (root, list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (array, i), member);

      if (strstr (text, name) == NULL)
        g_error ("the memo does not mention %s “%s”", list, name);
    }
}

/* Writes the example's memo to memo.pdf in the fixture and reads the
 * example's JSON into @parser; returns the memo's text as pdftotext
 * gives it. */
static char *
export_example_memo (Fixture    *fixture,
                     JsonParser *parser)
{
  g_autofree char *pdf = path_in (fixture, "memo.pdf");
  g_autofree char *json = path_in (fixture, "example.json");
  g_autofree char *case_text = NULL;
  const char *export_pdf[] = { "--export-pdf", pdf, NULL };
  const char *export_json[] = { "--export-json", json, NULL };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  g_assert_cmpint (run (export_pdf, NULL, NULL), ==, 0);
  g_assert_cmpint (run (export_json, NULL, NULL), ==, 0);
  case_text = read_file (json);
  g_assert_true (json_parser_load_from_data (parser, case_text, -1, NULL));
  return run_tool (pdftotext);
}

static void
test_export_pdf_example (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *pdf = path_in (fixture, "memo.pdf");
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *dests = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  const char *pdfdests[] = { "pdfinfo", "-dests", pdf, NULL };
  const char *sections[] = { "recommendation", "background", "stakeholders", "findings",
                             "opportunities-risks", "decision-matrix", "sensitivity",
                             "next-steps", "sources", "scores-evidence" };
  const char *recommendation, *background;
  JsonObject *root;
  guint pages = 0;

  raw = export_example_memo (fixture, parser);
  root = json_node_get_object (json_parser_get_root (parser));

  info = run_tool (pdfinfo);
  g_assert_nonnull (strstr (info, "Title:           Ring partnership with the Chicago Police Department"));
  g_assert_nonnull (strstr (info, "Author:          Aisha Iqbal"));
  pages = count_pages (pdf);
  g_assert_cmpuint (pages, >=, 4);
  /* The appendix gives every score's reason and evidence: some four
   * pages of the example's. */
  g_assert_cmpuint (pages, <=, 18);

  /* Every section can be reached from the outline. */
  dests = run_tool (pdfdests);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", sections[i]);
      g_assert_nonnull (strstr (dests, quoted));
    }

  text = fold_spaces (raw);
  assert_names_in (root, "stakeholders", "name", text);
  assert_names_in (root, "findings", "title", text);
  assert_names_in (root, "options", "name", text);

  /* The recommendation comes first and names the memo's own conclusion. */
  recommendation = strstr (text, "Recommendation");
  background = strstr (text, "Background");
  g_assert_nonnull (recommendation);
  g_assert_nonnull (background);
  g_assert_true (recommendation < background);
  {
    g_autofree char *section = g_strndup (recommendation, background - recommendation);
    g_assert_nonnull (strstr (section, "Decline and invest in community-led alternatives"));
  }

  /* The header names the office the memo comes from. */
  g_assert_nonnull (strstr (text, json_object_get_string_member (json_object_get_object_member (root, "case"),
                                                                 "office")));
  g_assert_true (strstr (text, "Community Relations, City of Chicago") < recommendation);
}

/* Each figure traces to a reason: every score's rationale is printed in
 * full in the appendix, after the rest of the memo. */
static void
test_export_pdf_rationales (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *raw = export_example_memo (fixture, parser);
  g_autofree char *text = NULL;
  const char *appendix;
  JsonArray *scores;

  scores = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "scores");
  g_assert_cmpuint (json_array_get_length (scores), >, 0);

  appendix = strstr (raw, "\nScores and evidence\n");
  g_assert_nonnull (appendix);
  text = strip_spaces (appendix);
  for (guint i = 0; i < json_array_get_length (scores); i++)
    {
      JsonObject *score = json_array_get_object_element (scores, i);
      const char *rationale = json_object_get_string_member (score, "rationale");
      g_autofree char *stripped = strip_spaces (rationale);

      g_assert_cmpstr (rationale, !=, "");
      if (strstr (text, stripped) == NULL)
        g_error ("the appendix does not give the rationale of %s × %s",
                 json_object_get_string_member (score, "option"), json_object_get_string_member (score, "criterion"));
    }
  /* Numbered as the memo numbers its findings, items and sources. */
  g_assert_nonnull (strstr (text, "Findings2,3,5,6,7·RiskR1·Source[1]"));
  g_assert_nonnull (strstr (text, "OpportunityO4·RisksR2,R3"));
}

/* The brief memo: about two pages, the recommendation, its reasons and
 * what to do next, without the analysis the full memo sets out. */
static void
test_export_pdf_brief (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *pdf = path_in (fixture, "brief.pdf");
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  const char *export_brief[] = { "--export-pdf", pdf, "--brief", NULL };
  const char *brief_alone[] = { "--brief", NULL };
  const char *pdftotext[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  const char *recommendation, *reasons, *next_steps;

  g_assert_cmpint (run (export_brief, NULL, NULL), ==, 0);
  g_assert_cmpuint (count_pages (pdf), <=, 3);

  raw = run_tool (pdftotext);
  text = fold_spaces (raw);
  g_assert_nonnull (strstr (text, "Community Relations, City of Chicago"));
  recommendation = strstr (text, "Recommended: Decline and invest in community-led alternatives");
  reasons = strstr (text, "Main reasons");
  next_steps = strstr (text, "Next steps");
  g_assert_nonnull (recommendation);
  g_assert_nonnull (reasons);
  g_assert_nonnull (next_steps);
  g_assert_true (recommendation < reasons && reasons < next_steps);
  g_assert_nonnull (strstr (text, "The recommendation holds unless the weight of"));
  g_assert_nonnull (strstr (next_steps, "Carry out the recommendation"));
  g_assert_null (strstr (text, "Decision matrix"));
  g_assert_null (strstr (text, "Scores and evidence"));

  g_assert_cmpint (run (brief_alone, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--export-pdf"));
}

static JsonObject *
analyze_json (const char  *case_path,
              JsonParser  *parser,
              char       **printed)
{
  const char *with_case[] = { "--analyze", "--json", case_path, NULL };
  const char *example[] = { "--analyze", "--json", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (case_path != NULL ? with_case : example, printed, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_null (strstr (*printed, "nan"));
  g_assert_null (strstr (*printed, "inf"));
  json_parser_load_from_data (parser, *printed, -1, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_analyze_example (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;
  const char *plain[] = { "--analyze", NULL };
  JsonObject *root = analyze_json (NULL, parser, &first);
  JsonArray *sensitivity, *ranking;
  JsonObject *probabilities;
  g_autoptr(GList) members = NULL;
  double sum = 0;

  g_assert_cmpstr (json_object_get_string_member (root, "winner"), ==, "decline");

  ranking = json_object_get_array_member (root, "ranking");
  g_assert_cmpuint (json_array_get_length (ranking), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (ranking, 0), "option"),
                   ==, "decline");

  /* A sensitivity entry for every criterion. */
  sensitivity = json_object_get_array_member (root, "sensitivity");
  g_assert_cmpuint (json_array_get_length (sensitivity), ==, 9);
  for (guint i = 0; i < json_array_get_length (sensitivity); i++)
    {
      JsonObject *entry = json_array_get_object_element (sensitivity, i);

      g_assert_true (json_object_has_member (entry, "criterion"));
      g_assert_true (json_object_has_member (entry, "holds_from"));
      g_assert_true (json_object_has_member (entry, "holds_to"));
      g_assert_true (json_object_has_member (entry, "below"));
      g_assert_true (json_object_has_member (entry, "above"));
    }

  probabilities = json_object_get_object_member (root, "probabilities");
  members = json_object_get_members (probabilities);
  for (GList *l = members; l != NULL; l = l->next)
    sum += json_object_get_double_member (probabilities, l->data);
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-9);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "perspectives")), >=, 5);

  /* The same seed prints the same analysis. */
  {
    g_autoptr(JsonParser) again = json_parser_new ();
    analyze_json (NULL, again, &second);
    g_assert_cmpstr (first, ==, second);
  }

  g_assert_cmpint (run (plain, &text, NULL), ==, 0);
  g_assert_nonnull (strstr (text, "Decline and invest in community-led alternatives"));
  g_assert_nonnull (strstr (text, "holds unless"));
}

typedef struct
{
  const char *name;
  const char *json;    /* the members after "case" */
  const char *status;
} Degenerate;

static const Degenerate degenerate_cases[] = {
  { "no-options", "\"criteria\": [{\"id\": \"c\", \"name\": \"C\"}]", "no-options" },
  { "no-criteria", "\"options\": [{\"id\": \"a\", \"name\": \"A\"}]", "no-criteria" },
  { "zero-weights",
    "\"criteria\": [{\"id\": \"c\", \"name\": \"C\", \"weight\": 0}],"
    "\"options\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],"
    "\"scores\": [{\"option\": \"a\", \"criterion\": \"c\", \"value\": 4, \"low\": 4, \"high\": 4}]",
    "weights-all-zero" },
  { "no-scores",
    "\"criteria\": [{\"id\": \"c\", \"name\": \"C\"}],"
    "\"options\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}]",
    "no-scores" },
  { "all-gated",
    "\"criteria\": [{\"id\": \"c\", \"name\": \"C\", \"minimum\": 9}],"
    "\"options\": [{\"id\": \"a\", \"name\": \"A\"}],"
    "\"scores\": [{\"option\": \"a\", \"criterion\": \"c\", \"value\": 2, \"low\": 1, \"high\": 3}]",
    "all-disqualified" },
};

static void
test_analyze_degenerate (Fixture       *fixture,
                         gconstpointer  data)
{
  const Degenerate *d = data;
  g_autofree char *path = path_in (fixture, "case.json");
  g_autofree char *text = g_strdup_printf ("%s %s}", case_head, d->json);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *printed = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *pdf = path_in (fixture, "memo.pdf");
  const char *plain[] = { "--analyze", path, NULL };
  const char *export_pdf[] = { "--export-pdf", pdf, path, NULL };
  JsonObject *root;

  write_file (path, text, -1);
  root = analyze_json (path, parser, &printed);
  g_assert_true (json_object_get_null_member (root, "winner"));
  g_assert_cmpstr (json_object_get_string_member (root, "status"), ==, d->status);

  /* People get the reason in words, and the memo says it too. */
  g_assert_cmpint (run (plain, &summary, NULL), ==, 0);
  g_assert_null (strstr (summary, "nan"));
  g_assert_cmpint (run (export_pdf, NULL, NULL), ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* Bad input ------------------------------------------------------------- */

typedef void (*MakeInput) (const char *path);

typedef struct
{
  const char *name;
  const char *file_name;
  MakeInput   make;
  const char *expect;   /* a piece of the message */
  gboolean    whole;    /* ...or all of it, after "deliberate: FILE: " */
} BadInput;

static void
make_nothing (const char *path)
{
}

static void
make_empty (const char *path)
{
  write_file (path, "", 0);
}

static void
make_text (const char *path)
{
  write_file (path, "Minutes of the meeting of 12 March.\nNothing to report.\n", -1);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_free (message);
  sqlite3_close (db);
}

static void
make_other_sqlite (const char *path)
{
  exec_sql (path,
            "PRAGMA application_id = 1234;"
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
            "INSERT INTO moz_places (url) VALUES ('https://example.org/');");
}

static void
make_newer_case (const char *path)
{
  g_autoptr(DlbCase) c = dlb_case_new ();
  g_autoptr(GError) error = NULL;

  _dlb_entity_set_string (DLB_ENTITY (c), DLB_CASE_TITLE, "From the future");
  g_assert_true (dlb_store_write_case (c, path, &error));
  g_assert_no_error (error);
  exec_sql (path, "PRAGMA user_version = 999;");
}

static void
make_truncated_json (const char *path)
{
  write_file (path, "{\n  \"format\": \"deliberate-case\",\n  \"version\": 2,\n  \"case\": {\n    \"title\": \"Ri", -1);
}

static void
make_wrong_shape (const char *path)
{
  write_file (path, "[1, 2, 3]\n", -1);
}

static void
make_not_a_case (const char *path)
{
  write_file (path, "{\"name\": \"deliberate\", \"version\": \"1.0.0\"}\n", -1);
}

static void
make_newer_json (const char *path)
{
  write_file (path, "{\"format\": \"deliberate-case\", \"version\": 999, \"case\": {\"title\": \"x\"}}\n", -1);
}


static void
make_out_of_range (const char *path)
{
  g_autofree char *text = g_strconcat (case_head,
    "\"stakeholders\": ["
    "{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"},"
    "{\"id\": \"c\", \"name\": \"C\"}, {\"id\": \"d\", \"name\": \"D\", \"power\": 9}]}", NULL);
  write_file (path, text, -1);
}

static void
make_duplicate_ids (const char *path)
{
  g_autofree char *text = g_strconcat (case_head,
    "\"options\": [{\"id\": \"decline\", \"name\": \"Decline\"}, {\"id\": \"decline\", \"name\": \"Decline again\"}]}", NULL);
  write_file (path, text, -1);
}

static void
make_dangling_reference (const char *path)
{
  g_autofree char *text = g_strconcat (case_head,
    "\"findings\": [{\"id\": \"f1\", \"title\": \"Kept forever\", \"sources\": [\"markey\"]}]}", NULL);
  write_file (path, text, -1);
}

static void
make_fifo (const char *path)
{
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
}

static void
make_folder (const char *path)
{
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
}

static void
make_link_loop (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  g_assert_cmpint (symlink (name, path), ==, 0);
}

static void
make_link_to_zero (const char *path)
{
  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
}

static void
make_link_to_null (const char *path)
{
  g_assert_cmpint (symlink ("/dev/null", path), ==, 0);
}

static void
make_dangling_link (const char *path)
{
  g_assert_cmpint (symlink ("gone.deliberate", path), ==, 0);
}

/* @before, then nesting json-glib would recurse into: hidden from a
 * reader that does not know where comments and strings end. */
static void
write_deep (const char *path,
            const char *before,
            char        bracket)
{
  g_autofree char *open = g_strnfill (100000, bracket);
  g_autofree char *text = g_strconcat (before, open, NULL);

  write_file (path, text, -1);
}

static void
make_deep_after_comment (const char *path)
{
  write_deep (path, "/* \"quoted\" in a comment */ {\"format\": ", '[');
}

static void
make_deep_after_string (const char *path)
{
  g_autofree char *filler = g_strnfill (100000, 'x');
  g_autofree char *before = g_strconcat ("{\"format\": \"", filler, "\\\"\", \"x\": ", NULL);

  write_deep (path, before, '{');
}

static void
make_deep_after_single_quotes (const char *path)
{
  write_deep (path, "{'\"': ", '[');
}

static void
make_huge_json (const char *path)
{
  gsize size = DLB_JSON_MAX_BYTES + 1;
  g_autofree char *text = g_malloc (size);

  memset (text, ' ', size);
  text[0] = '{';
  text[size - 1] = '}';
  write_file (path, text, size);
}

static void
make_long_text (const char *path)
{
  g_autofree char *filler = g_strnfill (4097, 'x');
  g_autofree char *text = g_strconcat (case_head,
    "\"stakeholders\": [{\"id\": \"a\", \"name\": \"", filler, "\"}]}", NULL);

  write_file (path, text, -1);
}

static void
make_long_list (const char *path)
{
  g_autoptr(GString) text = g_string_new (case_head);

  g_string_append (text, "\"stakeholders\": [");
  for (guint i = 0; i <= DLB_JSON_MAX_ENTRIES; i++)
    g_string_append_printf (text, "%s{\"id\": \"s%u\", \"name\": \"S\"}", i > 0 ? ", " : "", i);
  g_string_append (text, "]}");
  write_file (path, text->str, text->len);
}

static void
make_many_values (const char *path)
{
  g_autoptr(GString) text = g_string_new ("{\"format\": \"deliberate-case\", \"padding\": [0");

  for (guint i = 0; i < DLB_JSON_MAX_VALUES; i++)
    g_string_append (text, ",0");
  g_string_append (text, "]}");
  write_file (path, text->str, text->len);
}

static const BadInput bad_inputs[] = {
  { "missing", "missing.deliberate", make_nothing, "“missing.deliberate” does not exist. Check the name and the folder." },
  { "empty-case", "empty.deliberate", make_empty, "empty" },
  { "empty-json", "empty.json", make_empty, "empty" },
  { "text-as-case", "minutes.deliberate", make_text, "not a Deliberate case" },
  { "other-sqlite", "places.deliberate", make_other_sqlite, "not a Deliberate case" },
  { "newer-case", "future.deliberate", make_newer_case, "update Deliberate" },
  { "truncated-json", "truncated.json", make_truncated_json, "Line 5" },
  { "wrong-shape", "array.json", make_wrong_shape, "not a Deliberate case" },
  { "not-a-case-json", "package.json", make_not_a_case, "not a Deliberate case" },
  { "newer-json", "future.json", make_newer_json, "update Deliberate" },
  { "out-of-range", "range.json", make_out_of_range, "stakeholders[3].power: expected 1–5, got 9" },
  { "duplicate-ids", "dup.json", make_duplicate_ids, "options[1].id" },
  { "dangling-reference", "dangling.json", make_dangling_reference, "findings[0].sources[0]" },
  { "fifo-case", "x.deliberate", make_fifo, "“x.deliberate” is a named pipe, not a case file", TRUE },
  { "fifo-json", "x.json", make_fifo, "“x.json” is a named pipe, not a case file", TRUE },
  { "folder", "x.deliberate", make_folder, "“x.deliberate” is a folder, not a case file", TRUE },
  { "link-loop", "loop.deliberate", make_link_loop,
    "“loop.deliberate” links to itself in a loop, not to a case file", TRUE },
  { "dangling-link", "moved.deliberate", make_dangling_link,
    "“moved.deliberate” does not exist. Check the name and the folder.", TRUE },
  { "dev-zero", "zero.deliberate", make_link_to_zero, "“zero.deliberate” is a device, not a case file", TRUE },
  { "dev-null", "null.json", make_link_to_null, "“null.json” is a device, not a case file", TRUE },
  { "deep-after-comment", "deep.json", make_deep_after_comment,
    "Line 1, column 103: the data is nested too deeply to be a case", TRUE },
  { "deep-after-string", "deep.json", make_deep_after_string,
    "Line 1, column 100086: the data is nested too deeply to be a case", TRUE },
  { "single-quotes", "quotes.json", make_deep_after_single_quotes,
    "Line 1, column 2: a text must be in double quotes (\"), not single ones", TRUE },
  { "huge-json", "huge.json", make_huge_json, "The file is 16.0\xc2\xa0MiB (16777217 bytes); a JSON case is at most 16 MiB", TRUE },
  { "long-text", "long.json", make_long_text,
    "stakeholders[0].name: expected at most 4096 bytes of text, got 4097", TRUE },
  { "long-list", "crowd.json", make_long_list, "stakeholders: at most 10000 entries, got 10001", TRUE },
  { "many-values", "values.json", make_many_values,
    "A JSON case holds at most 1000000 values (texts, numbers, lists and objects); this file holds more", TRUE },
};

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  const BadInput *bad = data;
  g_autofree char *input = path_in (fixture, bad->file_name);
  const char *outputs[] = { "out.json", "out.deliberate", "out.pdf" };
  const char *options[] = { "--export-json", "--export-case", "--export-pdf" };

  bad->make (input);

  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++)
    {
      g_autofree char *output = path_in (fixture, outputs[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      const char *args[] = { options[i], output, input, NULL };
      g_auto (GStrv) lines = NULL;

      /* Reading a pipe would wait as long as the program did. */
      if (g_file_test (input, G_FILE_TEST_IS_REGULAR))
        before = read_file (input);

      /* Refused quickly, with the status of a case that cannot be read. */
      g_assert_cmpint (run_within (args, NULL, 20, &out, &err), ==, 1);
      g_test_message ("%s: %s", bad->name, err);

      /* A message that names the file and the problem... */
      lines = g_strsplit (g_strchomp (err), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), >=, 1);
      g_assert_true (g_str_has_prefix (lines[0], "deliberate: "));
      g_assert_nonnull (strstr (lines[0], bad->file_name));
      g_assert_nonnull (strstr (err, bad->expect));
      if (bad->whole)
        {
          g_autofree char *display = g_filename_display_name (input);
          g_autofree char *line = g_strdup_printf ("deliberate: %s: %s", display, bad->expect);

          g_assert_cmpstr (lines[0], ==, line);
        }

      /* ...no output, and the input as it was. */
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
      if (before != NULL)
        {
          after = read_file (input);
          g_assert_cmpstr (before, ==, after);
        }

      /* Nothing half-written left in the folder either. */
      {
        g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (dir)) != NULL)
          g_assert_cmpstr (name, ==, bad->file_name);
      }
    }
}

static void
test_unwritable_output (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *blocker = path_in (fixture, "not-a-folder");
  g_autofree char *output = g_build_filename (blocker, "out.json", NULL);
  g_autofree char *err = NULL;
  const char *args[] = { "--export-json", output, NULL };

  /* A file where the output's folder should be fails even for root. */
  write_file (blocker, "", 0);
  g_assert_cmpint (run (args, NULL, &err), !=, 0);
  g_assert_true (g_str_has_prefix (err, "deliberate: "));
  g_assert_nonnull (strstr (err, "out.json"));
  g_assert_cmpuint (strlen (err), ==, strcspn (err, "\n") + 1);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* The same problem, told in Spanish when the user reads Spanish. */
static void
test_spanish (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *missing = path_in (fixture, "falta.json");
  g_autofree char *output = path_in (fixture, "out.json");
  g_autofree char *english = NULL;
  g_autofree char *spanish = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  const char *args[] = { "--export-json", output, missing, NULL };

  g_assert_cmpint (run (args, NULL, &english), ==, 1);
  g_assert_nonnull (strstr (english, "does not exist"));

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "es", TRUE);
  g_assert_cmpint (run_in (args, envp, NULL, &spanish), ==, 1);
  g_assert_true (g_str_has_prefix (spanish, "deliberate: "));
  g_assert_nonnull (strstr (spanish, "falta.json"));
  g_assert_null (strstr (spanish, "does not exist"));
  g_assert_cmpstr (english, !=, spanish);
}

/* JSON that does not parse is described in Deliberate's own words, in
 * the user's language, never in the JSON library's (which a Spanish
 * sentence would quote in English). */
static void
test_json_syntax_in_own_words (Fixture       *fixture,
                               gconstpointer  data)
{
  static const struct
  {
    const char *json;
    const char *english;
    const char *spanish;
  } cases[] = {
    { "{\"title\": \"x\",}", "Line 1, column 14: a comma comes before a closing bracket or brace; remove it",
      "Línea 1, columna 14: " },
    { "{\"title\" \"x\"}", "Line 1, column 8: a colon is missing after a member’s name", "Línea 1, columna 8: " },
    { "{\"a\": 1 \"b\": 2}", "Line 1, column 7: a comma is missing between two values", "Línea 1, columna 7: " },
    { "{\"title\": \"x\"",
      "Line 1, column 13: the file ends before the case does: a bracket, a brace or a quote is not closed",
      "Línea 1, columna 13: " },
    { "[1, 2", "Line 1, column 5: the file ends before the case does: a bracket, a brace or a quote is not closed",
      "Línea 1, columna 5: " },
    { "{\"a\": [1,,2]}", "Line 1, column 10: unexpected character “,”", "Línea 1, columna 10: " },
  };
  /* Words of json-glib's messages, in English and in its translations,
   * and the `quotes' it puts around what it stopped at. */
  static const char * const foreign[] = { "Parse error", "`", "expected end", "expected valid",
                                          "unexpected number", "string constant", "análisis", "esperaba", NULL };
  g_autofree char *input = path_in (fixture, "broken.json");
  g_autofree char *output = path_in (fixture, "out.json");
  const char *args[] = { "--export-json", output, input, NULL };
  g_auto (GStrv) envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "es", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *english = NULL;
      g_autofree char *spanish = NULL;
      g_autofree char *want = g_strdup_printf ("deliberate: %s: %s\n", input, cases[i].english);

      write_file (input, cases[i].json, -1);
      g_assert_cmpint (run (args, NULL, &english), ==, 1);
      g_assert_cmpstr (english, ==, want);

      g_assert_cmpint (run_in (args, envp, NULL, &spanish), ==, 1);
      g_assert_nonnull (strstr (spanish, cases[i].spanish));
      /* What is wrong, after "Line 1, column N: ", is in Spanish too. */
      g_assert_null (strstr (spanish, strchr (cases[i].english + strlen ("Line 1, column "), ':') + 2));
      for (guint j = 0; foreign[j] != NULL; j++)
        if (strstr (spanish, foreign[j]) != NULL || strstr (english, foreign[j]) != NULL)
          g_error ("“%s” gives “%s”, which quotes the JSON library", cases[i].json, spanish);
      g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
    }
}

/* The text of the memo of the case @json_text, made as a user makes it:
 * the JSON turned into a case file, and the case file into a PDF. */
static char *
memo_of_case_file (Fixture    *fixture,
                   const char *json_text)
{
  g_autofree char *json = path_in (fixture, "memo-case.json");
  g_autofree char *file = path_in (fixture, "memo-case.deliberate");
  g_autofree char *pdf = path_in (fixture, "memo-case.pdf");
  const char *to_case[] = { "--export-case", file, json, NULL };
  const char *to_pdf[] = { "--export-pdf", pdf, file, NULL };
  const char *to_text[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  g_unlink (file);
  write_file (json, json_text, -1);
  g_assert_cmpint (run (to_case, NULL, NULL), ==, 0);
  g_assert_cmpint (run (to_pdf, NULL, NULL), ==, 0);
  return run_tool (to_text);
}

/* --export-pdf prints the case's notes when the case marks them for the
 * memo, and only then. */
static void
test_memo_notes (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint on = 0; on < 2; on++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"deliberate-case\", \"version\": 4, "
                                               "\"case\": {\"title\": \"Drones\", \"office\": \"Office of Public Safety\", "
                                               "\"notes\": \"The flight hours are the vendor’s estimate.\", "
                                               "\"memo_notes\": %s}}",
                                               on ? "true" : "false");
      g_autofree char *out = memo_of_case_file (fixture, text);

      g_assert_nonnull (strstr (out, "Office of Public Safety"));
      if (on)
        {
          g_assert_nonnull (strstr (out, "Case notes"));
          g_assert_nonnull (strstr (out, "The flight hours are the vendor’s estimate."));
        }
      else
        {
          g_assert_null (strstr (out, "Case notes"));
          g_assert_null (strstr (out, "vendor’s estimate"));
        }
    }
}

/* --export-pdf appends the case's history when the case asks for it. */
static void
test_memo_history (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint on = 0; on < 2; on++)
    {
      g_autofree char *text = g_strdup_printf ("{\"format\": \"deliberate-case\", \"version\": 3, "
                                               "\"case\": {\"title\": \"Drones\", \"memo_history\": %s}}",
                                               on ? "true" : "false");
      g_autofree char *out = memo_of_case_file (fixture, text);

      if (on)
        {
          g_assert_nonnull (strstr (out, "History of this case"));
          g_assert_nonnull (strstr (out, "No change has been made"));
        }
      else
        g_assert_null (strstr (out, "History of this case"));
    }
}

/* Edits a case file once, as the application would: one journal entry. */
static void
edit_title (const char *path,
            const char *title)
{
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  DlbCase *c;

  store = dlb_store_open (path, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, title);
  g_assert_true (dlb_case_set_field (c, DLB_ENTITY (c), DLB_CASE_TITLE, &value, &error));
  g_assert_no_error (error);
  dlb_store_close (store);
}

/* The fingerprint the footer of @pdf shows. */
static char *
footer_fingerprint (const char *pdf)
{
  const char *to_text[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autofree char *text = run_tool (to_text);
  g_autoptr(GRegex) regex = g_regex_new ("Fingerprint ([0-9a-f]{12})\\b", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_regex_match (regex, text, 0, &match));
  return g_match_info_fetch (match, 1);
}

/* The whole hash the PDF's metadata keeps. */
static char *
metadata_fingerprint (const char *pdf)
{
  const char *info[] = { "pdfinfo", pdf, NULL };
  g_autofree char *text = run_tool (info);
  g_autoptr(GRegex) regex = g_regex_new ("Keywords: +deliberate-memo=1; sha256=([0-9a-f]{64})", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert_true (g_regex_match (regex, text, 0, &match));
  return g_match_info_fetch (match, 1);
}

/* Runs --verify @args and checks its status and what it printed. */
static void
assert_verify (const char * const *args,
               int                 status,
               const char         *says)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (args, &out, &err), ==, status);
  if (strstr (out, says) == NULL)
    g_error ("--verify printed “%s”, not “%s”", out, says);
}

/* --verify accepts the memo of an unchanged case, says how many journal
 * entries came since after an edit, and tells another case's memo apart. */
static void
test_verify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *file = path_in (fixture, "ring.deliberate");
  g_autofree char *other = path_in (fixture, "other.deliberate");
  g_autofree char *json = path_in (fixture, "other.json");
  g_autofree char *pdf = path_in (fixture, "ring.pdf");
  g_autofree char *other_pdf = path_in (fixture, "other.pdf");
  g_autofree char *short_form = NULL;
  g_autofree char *whole = NULL;
  const char *to_case[] = { "--export-case", file, NULL };
  const char *to_pdf[] = { "--export-pdf", pdf, file, NULL };
  const char *verify[] = { "--verify", pdf, file, NULL };
  const char *other_case[] = { "--export-case", other, json, NULL };
  const char *other_to_pdf[] = { "--export-pdf", other_pdf, other, NULL };
  const char *verify_other[] = { "--verify", other_pdf, file, NULL };
  const char *verify_json[] = { "--verify", pdf, json, NULL };
  g_autofree char *text = g_strdup_printf ("%s \"stakeholders\": []}", case_head);

  g_assert_cmpint (run (to_case, NULL, NULL), ==, 0);
  g_assert_cmpint (run (to_pdf, NULL, NULL), ==, 0);

  /* The footer's fingerprint is the start of the metadata's. */
  short_form = footer_fingerprint (pdf);
  whole = metadata_fingerprint (pdf);
  g_assert_true (g_str_has_prefix (whole, short_form));

  assert_verify (verify, 0, short_form);
  edit_title (file, "Ring, revised");
  assert_verify (verify, 1, "changed since the memo was made (1 journal entry since then)");
  edit_title (file, "Ring, revised again");
  assert_verify (verify, 1, "(2 journal entries since then)");
  /* Back as it was: the memo says what the case says again. */
  edit_title (file, "Ring partnership with the Chicago Police Department");
  assert_verify (verify, 0, "matches the case as it is now");

  write_file (json, text, -1);
  g_assert_cmpint (run (other_case, NULL, NULL), ==, 0);
  g_assert_cmpint (run (other_to_pdf, NULL, NULL), ==, 0);
  assert_verify (verify_other, 1, "was made from a different case");
  /* A JSON case has no journal to tell a change from another case. */
  assert_verify (verify_json, 1, "different case, or from this one before it changed");
}

/* What --verify says about files it cannot check. */
static void
test_verify_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *missing = path_in (fixture, "missing.pdf");
  g_autofree char *text = path_in (fixture, "notes.pdf");
  g_autofree char *plain = path_in (fixture, "plain.pdf");
  g_autofree char *memo = path_in (fixture, "memo.pdf");
  g_autofree char *bad_case = path_in (fixture, "bad.json");
  g_autofree char *pipe = path_in (fixture, "pipe.pdf");
  const char *usage[][6] = {
    { "--verify", memo, "--analyze", NULL },
    { "--verify", memo, "a.deliberate", "b.deliberate", NULL },
  };
  struct {
    const char *pdf;
    const char *case_path;
    int status;
    const char *says;
  } cases[] = {
    { missing, NULL, 3, "missing.pdf" },
    { text, NULL, 3, "not a PDF" },
    { plain, NULL, 3, "not a memo made by Deliberate" },
    { memo, bad_case, 2, "bad.json" },
    { pipe, NULL, 3, "pipe.pdf: This is not a PDF file" },
  };
  const char *to_pdf[] = { "--export-pdf", memo, NULL };

  write_file (text, "Just some notes.\n", -1);
  write_file (plain, "%PDF-1.4\n1 0 obj << /Title (Hello) >> endobj\n"
              "trailer << /Info 1 0 R >>\nstartxref\n0\n%%EOF\n", -1);
  write_file (bad_case, "{", -1);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_assert_cmpint (run (to_pdf, NULL, NULL), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *args[] = { "--verify", cases[i].pdf, cases[i].case_path, NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_within (args, NULL, 20, &out, &err), ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].says));
      g_assert_cmpstr (out, ==, "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (run (usage[i], NULL, &err), ==, 2);
      g_assert_nonnull (strstr (err, "verify"));
    }
}

static void
test_usage_errors (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *err = NULL;
  const char *json_alone[] = { "--json", NULL };

  g_assert_cmpint (run (json_alone, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--analyze"));
}

/* Every read leaves the case file's folder as it was, side files and
 * all: the export, the memo, the analysis and the check of a memo. */
static void
test_reads_leave_folder (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *cases = path_in (fixture, "cases");
  g_autofree char *out = path_in (fixture, "out");
  g_autofree char *file = g_build_filename (cases, "case.deliberate", NULL);
  g_autofree char *logged = g_build_filename (cases, "logged.deliberate", NULL);
  g_autofree char *json = g_build_filename (out, "case.json", NULL);
  g_autofree char *pdf = g_build_filename (out, "case.pdf", NULL);
  const char *make[] = { "--export-case", file, NULL };
  const char *make_logged[] = { "--export-case", logged, NULL };
  const char *paths[] = { file, logged };

  g_assert_cmpint (g_mkdir (cases, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_cmpint (run (make, NULL, NULL), ==, 0);
  g_assert_cmpint (run (make_logged, NULL, NULL), ==, 0);
  dlb_test_exec_sql (logged, "PRAGMA journal_mode = WAL");

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *reads[][5] = {
        { "--export-json", json, paths[i], NULL },
        { "--export-pdf", pdf, paths[i], NULL },
        { "--analyze", paths[i], NULL },
        { "--verify", pdf, paths[i], NULL },
      };
      g_autofree char *before = dlb_test_folder_state (cases);

      for (guint j = 0; j < G_N_ELEMENTS (reads); j++)
        {
          g_autofree char *said = NULL;
          g_autofree char *err = NULL;
          g_autofree char *after = NULL;

          g_assert_cmpint (run (reads[j], &said, &err), ==, 0);
          g_assert_cmpstr (err, ==, "");
          after = dlb_test_folder_state (cases);
          g_assert_cmpstr (before, ==, after);
        }
    }
}

/* A case file changed outside Deliberate: every command says so, exits
 * with 4 and writes nothing; --export-case alone writes a repaired copy. */
static void
test_changed_case (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *file = path_in (fixture, "changed.deliberate");
  g_autofree char *json = path_in (fixture, "changed.json");
  g_autofree char *pdf = path_in (fixture, "changed.pdf");
  g_autofree char *memo = path_in (fixture, "memo.pdf");
  g_autofree char *repaired = path_in (fixture, "repaired.deliberate");
  const char *make[] = { "--export-case", file, NULL };
  const char *make_memo[] = { "--export-pdf", memo, file, NULL };
  const char *refused[][6] = {
    { "--export-json", json, file, NULL },
    { "--export-pdf", pdf, file, NULL },
    { "--analyze", file, NULL },
    { "--verify", memo, file, NULL },
    { "--export-json", json, "--export-case", repaired, file, NULL },
  };
  const char *repair[] = { "--export-case", repaired, file, NULL };
  const char *read_repaired[] = { "--export-json", json, repaired, NULL };
  g_autofree char *before = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (make, NULL, NULL), ==, 0);
  g_assert_cmpint (run (make_memo, NULL, NULL), ==, 0);
  dlb_test_exec_sql (file, "UPDATE criterion SET weight = 99 WHERE position = 0");
  before = dlb_test_folder_state (fixture->dir);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *after = NULL;

      g_autofree char *said = NULL;

      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run (refused[i], &said, &err), ==, 4);
      g_assert_cmpstr (said, ==, "");
      g_assert_nonnull (strstr (err, "deliberate: "));
      g_assert_nonnull (strstr (err, "changed.deliberate: This case file was changed outside Deliberate "
                                     "or is damaged"));
      after = dlb_test_folder_state (fixture->dir);
      g_assert_cmpstr (before, ==, after);
    }
  g_assert_nonnull (strstr (err, "--export-case OUT.deliberate"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (repair, NULL, &err), ==, 4);
  g_assert_nonnull (strstr (err, "changed outside Deliberate"));
  g_assert_nonnull (strstr (err, "“repaired.deliberate” is a repaired copy"));
  g_assert_true (g_file_test (repaired, G_FILE_TEST_EXISTS));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (read_repaired, NULL, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  {
    g_autofree char *text = read_file (json);

    g_assert_nonnull (strstr (text, "\"weight\": 99"));
  }
}

/* A reader exporting while the application edits: each export is the
 * case exactly as one of the edits left it. */
static void
test_reader_while_writing (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *file = path_in (fixture, "busy.deliberate");
  const char *make[] = { "--export-case", file, NULL };
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DlbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlbEntity) criterion = NULL;
  g_auto (GValue) v = G_VALUE_INIT;
  guint exports = 0;
  DlbCase *c;

  g_assert_cmpint (run (make, NULL, NULL), ==, 0);
  store = dlb_store_open (file, DLB_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  c = dlb_store_get_case (store);
  criterion = g_list_model_get_item (dlb_case_get_list (c, DLB_KIND_CRITERION), 0);
  g_hash_table_add (states, dlb_json_dup_fingerprint (c));
  g_value_init (&v, G_TYPE_DOUBLE);

  for (guint round = 0; round < 6; round++)
    {
      g_autofree char *json = g_strdup_printf ("%s/export-%u.json", fixture->dir, round);
      const char *argv[] = { exe (), "--export-json", json, file, NULL };
      g_autofree char *bytes = NULL;
      g_autofree char *hash = NULL;
      g_autofree char *err = NULL;
      gsize length = 0;
      int err_fd = -1;
      GPid pid;
      int status = 0;
      gboolean done = FALSE;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, NULL, &err_fd, &error));
      g_assert_no_error (error);

      /* Edits as fast as a weight's slider sends them, for as long as
       * the reader reads. */
      for (guint edit = 0; !done; edit++)
        {
          g_value_set_double (&v, 1 + (round * 1000 + edit) % 997);
          g_assert_true (dlb_case_set_field (c, criterion, DLB_CRITERION_WEIGHT, &v, &error));
          g_assert_no_error (error);
          g_hash_table_add (states, dlb_json_dup_fingerprint (c));
          done = waitpid (pid, &status, WNOHANG) == pid;
          if (!done)
            g_usleep (G_USEC_PER_SEC / 100);
        }
      g_spawn_close_pid (pid);
      {
        g_autoptr(GIOChannel) channel = g_io_channel_unix_new (err_fd);

        g_io_channel_set_close_on_unref (channel, TRUE);
        g_io_channel_read_to_end (channel, &err, NULL, NULL);
      }
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("The reader failed: %s", err);

      g_assert_true (g_file_get_contents (json, &bytes, &length, NULL));
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
      g_assert_true (g_hash_table_contains (states, hash));
      exports++;
    }

  g_test_message ("%u exports over %u states of the case", exports, g_hash_table_size (states));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dlb_store_set_checksum_func (dlb_json_dup_fingerprint);

  g_test_add ("/cli/version", Fixture, NULL, fixture_set_up, test_version, fixture_tear_down);
  g_test_add ("/cli/export-example", Fixture, NULL, fixture_set_up, test_export_example, fixture_tear_down);
  g_test_add ("/cli/round-trip/example", Fixture, NULL, fixture_set_up, test_round_trip_example, fixture_tear_down);
  g_test_add ("/cli/round-trip/unicode", Fixture, NULL, fixture_set_up, test_round_trip_unicode, fixture_tear_down);
  g_test_add ("/cli/reading-does-not-change-file", Fixture, NULL, fixture_set_up, test_reading_does_not_change_file, fixture_tear_down);
  g_test_add ("/cli/unwritable-output", Fixture, NULL, fixture_set_up, test_unwritable_output, fixture_tear_down);
  g_test_add ("/cli/export-pdf/example", Fixture, NULL, fixture_set_up, test_export_pdf_example, fixture_tear_down);
  g_test_add ("/cli/analyze/example", Fixture, NULL, fixture_set_up, test_analyze_example, fixture_tear_down);
  g_test_add ("/cli/export-pdf/memo-history", Fixture, NULL, fixture_set_up, test_memo_history, fixture_tear_down);
  g_test_add ("/cli/export-pdf/rationales", Fixture, NULL, fixture_set_up, test_export_pdf_rationales, fixture_tear_down);
  g_test_add ("/cli/export-pdf/brief", Fixture, NULL, fixture_set_up, test_export_pdf_brief, fixture_tear_down);
  g_test_add ("/cli/export-pdf/memo-notes", Fixture, NULL, fixture_set_up, test_memo_notes, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (degenerate_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/analyze/%s", degenerate_cases[i].name);
      g_test_add (path, Fixture, &degenerate_cases[i], fixture_set_up, test_analyze_degenerate, fixture_tear_down);
    }
  g_test_add ("/cli/verify", Fixture, NULL, fixture_set_up, test_verify, fixture_tear_down);
  g_test_add ("/cli/verify/errors", Fixture, NULL, fixture_set_up, test_verify_errors, fixture_tear_down);
  g_test_add ("/cli/spanish", Fixture, NULL, fixture_set_up, test_spanish, fixture_tear_down);
  g_test_add ("/cli/json-syntax-in-own-words", Fixture, NULL, fixture_set_up, test_json_syntax_in_own_words,
              fixture_tear_down);
  g_test_add ("/cli/usage-errors", Fixture, NULL, fixture_set_up, test_usage_errors, fixture_tear_down);
  g_test_add ("/cli/reads-leave-folder", Fixture, NULL, fixture_set_up, test_reads_leave_folder, fixture_tear_down);
  g_test_add ("/cli/changed-case", Fixture, NULL, fixture_set_up, test_changed_case, fixture_tear_down);
  g_test_add ("/cli/reader-while-writing", Fixture, NULL, fixture_set_up, test_reader_while_writing, fixture_tear_down);

  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/bad-input/%s", bad_inputs[i].name);
      g_test_add (path, Fixture, &bad_inputs[i], fixture_set_up, test_bad_input, fixture_tear_down);
    }

  return g_test_run ();
}
